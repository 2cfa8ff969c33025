/* vb-speaker.h: recognising speaker labels, and the other structural
 * lines that the two text importers (transcripts and notes) share: the
 * header block, phase markers, Markdown headings, timestamps, quoted
 * attribution lines, and turning line pieces into segments.
 *
 * Recognition is in two steps.  vb_label_parse() says whether a line has
 * the SHAPE of a speaker label; a VbSpeakers, which has seen every label
 * of the document, then decides whether that shape is believable as a
 * speaker (vb_speakers_accept) and which role the speaker has
 * (vb_speakers_role).  The rules are spelled out in vb-speaker.c. */
#pragma once

#include <glib.h>
#include "import/vb-import.h"

G_BEGIN_DECLS

/* ---- speaker labels ---- */

typedef enum {
  VB_LABEL_NONE = 0,
  VB_LABEL_COLON,   /* "Label: words"                          */
  VB_LABEL_ALONE,   /* "Label:" alone, the words on later lines */
  VB_LABEL_BRACKET, /* "[Label] words"                          */
} VbLabelStyle;

typedef struct {
  VbLabelStyle style;
  char    *label;     /* as written, trimmed, runs of white space made one
                         space; NULL when style is VB_LABEL_NONE */
  gsize    text;      /* byte offset into the line of the first character
                         after the label and the spaces after it (the
                         line length for VB_LABEL_ALONE) */
  gboolean namelike;  /* every word outside parentheses is capitalised
                         (or a name particle such as "of", "de", "van") */
} VbLabel;

/* Parses the label shape at the start of line (len bytes, no line end).
 * Returns FALSE (and style VB_LABEL_NONE) when there is none.  Always
 * call vb_label_clear() afterwards. */
gboolean vb_label_parse (const char *line, gsize len, VbLabel *out);
void     vb_label_clear (VbLabel *label);

/* Length in bytes of a timestamp at the start of s ("[00:03:12]",
 * "[03:12]", "(00:03:12)", "00:03:12", optionally with a fraction of a
 * second) together with the spaces (and a dash separator) after it; 0 when
 * s does not start with one. */
gsize    vb_timestamp_prefix (const char *s, gsize len);

/* What is known about the speakers of one document. */
typedef struct _VbSpeakers VbSpeakers;

/* notes: TRUE for discussion-group notes (stricter about labels, and
 * leaders get VB_ROLE_MODERATOR), FALSE for transcripts.  moderators:
 * extra names (NULL-terminated, may be NULL) that lead the discussion. */
VbSpeakers *vb_speakers_new (gboolean notes, const char *const *moderators);
void        vb_speakers_free (VbSpeakers *sp);
/* A header value naming the moderator or interviewer ("Rachel",
 * "Dr Jane Smith", "Rachel and Tom"): each full name and first name is
 * then a leader's label. */
void        vb_speakers_add_leader (VbSpeakers *sp, const char *names);
/* Counts a label shape met in the document (labels met twice are
 * believed even when they do not look like names). */
void        vb_speakers_count (VbSpeakers *sp, const VbLabel *label);
void        vb_speakers_reset_counts (VbSpeakers *sp);
/* TRUE if the label shape is taken as a speaker label. */
gboolean    vb_speakers_accept (const VbSpeakers *sp, const VbLabel *label);
/* The role of an accepted speaker label. */
VbRole      vb_speakers_role (const VbSpeakers *sp, const char *label);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbSpeakers, vb_speakers_free)

/* ---- other structural lines ---- */

typedef enum {
  VB_MARKER_NONE = 0,
  VB_MARKER_PROMPTED,    /* "[prompted]"                      */
  VB_MARKER_SPONTANEOUS, /* "[spontaneous]"                   */
  VB_MARKER_SEPARATOR,   /* "---", "***", "___", "===" (3+)   */
  VB_MARKER_TIMESTAMP,   /* a timestamp alone on its line     */
} VbMarker;

VbMarker vb_marker_parse (const char *line, gsize len);
/* A Markdown (ATX) heading: up to 3 spaces, 1-6 '#', then a space or the
 * end of the line.  *text (if given) gets the heading text, trimmed and
 * without closing '#'s. */
gboolean vb_heading_parse (const char *line, gsize len, char **text);
/* The phase a heading text announces: VB_PHASE_PROMPTED when it contains
 * the whole word "prompted" (any case) and not "spontaneous", and the
 * other way round; -1 when it announces neither or both. */
int      vb_heading_phase (const char *text);
/* A quoted verbatim's attribution line: 2-6 comma-separated short fields
 * ("Leeds, 18-35, C2DE.", also in parentheses: "(Leeds, 18-35, C2DE)"),
 * see vb-speaker.c.  On success *fields (if given) gets the trimmed
 * fields and *whole (if given) the line without its final full stop and
 * parentheses. */
gboolean vb_attribution_parse (const char *line, gsize len, GStrv *fields, char **whole);
/* An attribution after the closing quotation mark of a quotation on the
 * same line ("\"Words.\" Leeds, 18-35, C2DE."): the byte offset in line
 * where the attribution starts, or 0 when the line does not end so. */
gsize    vb_attribution_inline (const char *line, gsize len);
/* Byte length of an opening (" “ ”) quotation mark at s, 0 if none. */
gsize    vb_quote_open_len (const char *s, gsize len);
/* Byte length of a closing (" ” “) quotation mark ending s, 0 if none. */
gsize    vb_quote_close_len (const char *s, gsize len);
/* Narrows [*from, *to) of s to exclude leading and trailing (Unicode)
 * white space. */
void     vb_trim_range (const char *s, gsize *from, gsize *to);

/* ---- the shared importer state ---- */

typedef struct {
  const VbSource        *src;
  const VbImportOptions *opts;   /* never NULL (defaults when none given) */
  VbDocument            *doc;
  GArray                *lines;  /* VbLine, every line of src */
  VbSpeakers            *speakers;
  gboolean               notes;
  VbImportOptions        no_opts;
} VbTxtImport;

void vb_txt_import_init (VbTxtImport *im, const VbSource *src,
                         const VbImportOptions *opts, VbDocument *doc, gboolean notes);
void vb_txt_import_clear (VbTxtImport *im);
void vb_txt_warn (const VbTxtImport *im, guint line, const char *fmt, ...) G_GNUC_PRINTF (3, 4);
const VbLine *vb_txt_line (const VbTxtImport *im, guint i);
gboolean vb_txt_blank (const VbTxtImport *im, guint i);
/* Reads the header block (if any) into doc->attrs, tells the speakers
 * about leaders it names and counts the labels of the body.  Returns the
 * index of the first body line. */
guint vb_txt_header (VbTxtImport *im);
/* Accepted speaker label of line i (style VB_LABEL_NONE when none). */
void  vb_txt_label (const VbTxtImport *im, guint i, VbLabel *out);

/* A piece of a segment's text: bytes [from, to) of line li.  para marks
 * the first piece of a new paragraph. */
typedef struct {
  guint    li;
  gsize    from, to;
  gboolean para;
} VbTxtPiece;

/* Appends a segment made of pieces (trimmed, lines of a paragraph joined
 * by a space, paragraphs by "\n") to the document and returns it, or NULL
 * (nothing appended) when the pieces hold no text. */
VbSegment *vb_txt_emit (VbTxtImport *im, const GArray *pieces, const char *speaker,
                        VbRole role, VbPhase phase);

G_END_DECLS
