/* vb-import-notes.c: discussion-group notes as segments, and telling notes
 * from transcripts.
 *
 * RULES (the label, header, heading, marker and attribution-line rules
 * shared with transcripts are spelled out at the top of vb-speaker.c):
 *
 *  1. Header.  As for transcripts.  A header Moderator (or
 *     Interviewer/Facilitator) value names people whose full or first
 *     name, used as a label, gets the moderator role ("Moderator: Rachel"
 *     makes "Rachel: ..." a moderator's line).
 *
 *  2. Every non-blank body line is one of: a heading, a marker, a
 *     "Flipchart:" line, a label alone on its line, an attribution line
 *     of a quoted verbatim, or part of exactly one segment:
 *
 *     a. Bullets: a line starting (after optional indentation) with "- ",
 *        "* ", "• ", or a number of 1-3 digits and "." or ")" and a space.
 *        The bullet takes the lines after it that are indented more than
 *        it, and (as in Markdown) unindented plain text lines directly
 *        after it; after a blank line, a line indented more than the
 *        bullet continues it as a new paragraph.  A bullet, a heading, a
 *        marker, a "Flipchart:" line, an unindented speaker line, or a
 *        blank line otherwise ends it.  Indented bullets are segments of
 *        their own.  Speaker "", role participant.
 *
 *     b. Speaker lines: "Label: text", with the plain lines directly
 *        after it (no blank line between); or "Label:" alone and the
 *        paragraph after it (blank lines between allowed).  Speaker = the label as written; role
 *        moderator for Moderator, Mod, Facilitator, Interviewer,
 *        Researcher, Q, a header Moderator name or opts->moderators,
 *        participant for anyone else (P1, P2, ...).  Notes are stricter
 *        than transcripts about labels: a label must be a role word, a
 *        leader's name, a participant code (P1, R12, a single capital), a
 *        speaker noun, or used at least twice in the file; otherwise
 *        "Transparency: the first word used" is ordinary prose.
 *
 *     c. Prose paragraphs: consecutive plain lines up to a blank line or a
 *        structural line.  Speaker "", role participant.
 *
 *     d. Quoted verbatims: a paragraph (or bullet) starting with a
 *        quotation mark (" “ ” «) whose NEXT non-blank line is an
 *        attribution line ("Leeds, 18-35, C2DE."; blank lines between
 *        allowed; a quotation paragraph ends at such a line).  The text is
 *        the quotation without its outer quotation marks (the closing one
 *        only if the text ends with one), and start/end cover that text.
 *        The attribution fields are stored as segment attributes, by
 *        position, under the keys of vb_study_attribution_keys() (default
 *        location, age, grade); the whole line without its final full stop
 *        is stored as "attribution".  All of them carry the attribution
 *        line's number.  More fields than keys are warned about (the
 *        extra ones are kept only in "attribution"); the values are not
 *        checked here (vb-import.c checks every attribute against the
 *        study).  The attribution may also end the quotation's own line
 *        after its last closing mark ("\"Words.\" Leeds, 36-60, C2DE."), and
 *        may stand in parentheses ("(Leeds, 36-60, C2DE)", see
 *        vb_attribution_parse).  A quoted paragraph NOT followed by an attribution line
 *        is an ordinary segment, quotation marks included.  A quotation
 *        with no text is warned about and makes no segment.
 *
 *     e. Flipchart lists: a line "Flipchart:" (also "Flip chart:",
 *        "Flip-chart:", any case) makes no segment; the bullets after it
 *        (a blank line may come between the "Flipchart:" line and the
 *        first bullet) get the segment attribute kind = "flipchart", until
 *        a blank line or anything but a bullet.  Text after the colon on
 *        the same line ("Flipchart: buses, trains") is a segment with
 *        kind = "flipchart" too, and so is a plain paragraph right after
 *        "Flipchart:" when no bullet came yet.
 *
 *     f. Every segment carries the attribute "kind": "quote" (d),
 *        "turn" (speaker lines), "flipchart" (e) or "note" (bullets and
 *        prose: the note-taker's words).  All are counted; only quotes
 *        and turns are verbatims that `verba quotes` may print.
 *
 *  3. Headings ("#" to "######" and a space) produce no segment; their
 *     text, without the #'s, is the segment attribute "section" (with the
 *     heading's line) of every segment after them until the next heading.
 *
 *  4. Phase.  Starts spontaneous.  A heading whose text contains the whole
 *     word "prompted" (any case, and not "spontaneous") switches to
 *     prompted, one containing "spontaneous" switches back; so do lines
 *     holding only "[prompted]" / "[spontaneous]".
 *
 *  5. Text: pieces trimmed, lines of a paragraph joined by one space,
 *     paragraphs by "\n"; start/end are half-open code-point offsets into
 *     the source from the first to just after the last character of the
 *     text; line is the line of the first character.  Segments are never
 *     empty.
 *
 * DETECTION (vb_import_detect_text): "notes" when the text has a Markdown
 * heading, or an attribution line that is the next non-blank line after a
 * quotation (a line starting with a quotation mark and the lines of its
 * paragraph), or lines starting with "- " (after optional indentation)
 * make up at least a fifth of the non-blank lines; "transcript" otherwise.
 */
#include "import/vb-speaker.h"

#include <string.h>

typedef enum {
  K_BLANK,
  K_HEADING,
  K_MARKER,
  K_FLIPCHART,
  K_BULLET,
  K_LABEL,
  K_TEXT,
} Kind;

typedef struct {
  Kind     kind;
  gsize    indent;      /* bytes of leading white space */
  gsize    text;        /* where the words start (bullet, label, flipchart) */
  char    *label;       /* K_LABEL */
  char    *heading;     /* K_HEADING */
  VbMarker marker;      /* K_MARKER */
  gboolean quote;       /* the words start with a quotation mark */
  gboolean attribution; /* K_TEXT that is an attribution line */
  gsize    inline_attr; /* a quotation with its attribution after it on the
                           same line: where the attribution starts; or 0 */
} Info;

typedef struct {
  VbTxtImport im;
  Info       *info;
  guint       n;
  guint      *stop;    /* first line >= i that is not plain non-attribution text */
  guint      *nextnb;  /* first non-blank line >= i */
  VbPhase     phase;
  char       *section;
  guint       section_line;
  gboolean    in_flipchart;
  guint       flipchart_items;
  guint       flipchart_line;
  GArray     *pieces;
} Notes;

static gsize
bullet_len (const char *s, gsize len, gsize p)
{
  gsize m = 0;
  if (p < len && (s[p] == '-' || s[p] == '*'))
    m = 1;
  else if (len - p >= 3 && memcmp (s + p, "•", 3) == 0)
    m = 3;
  else
    {
      while (p + m < len && m < 4 && g_ascii_isdigit (s[p + m]))
        m++;
      if (m < 1 || m > 3 || p + m >= len || (s[p + m] != '.' && s[p + m] != ')'))
        return 0;
      m++;
    }
  if (p + m < len && s[p + m] != ' ' && s[p + m] != '\t')
    return 0;
  return m;
}

static gsize
flipchart_len (const char *s, gsize len, gsize p)
{
  static const char *const words[] = { "flipchart", "flip chart", "flip-chart", NULL };
  for (guint i = 0; words[i]; i++)
    {
      gsize wl = strlen (words[i]);
      if (len - p < wl || g_ascii_strncasecmp (s + p, words[i], wl) != 0)
        continue;
      gsize q = p + wl;
      while (q < len && s[q] == ' ')
        q++;
      if (q < len && s[q] == ':' && (q + 1 == len || g_ascii_isspace (s[q + 1])))
        return q + 1 - p;
    }
  return 0;
}

static gsize
skip_blanks (const char *s, gsize len, gsize p)
{
  gsize f = p, t = len;
  vb_trim_range (s, &f, &t);
  return f == t ? len : f;
}

static void
classify (Notes *nt, guint i)
{
  Info *x = &nt->info[i];
  const VbLine *l = vb_txt_line (&nt->im, i);
  const char *s = l->text;
  gsize len = l->len;
  x->indent = skip_blanks (s, len, 0);
  if (x->indent >= len)
    {
      x->kind = K_BLANK;
      return;
    }
  if (vb_heading_parse (s, len, &x->heading))
    {
      x->kind = K_HEADING;
      return;
    }
  if ((x->marker = vb_marker_parse (s, len)) != VB_MARKER_NONE)
    {
      x->kind = K_MARKER;
      return;
    }
  gsize m = flipchart_len (s, len, x->indent);
  if (m > 0)
    {
      x->kind = K_FLIPCHART;
      x->text = skip_blanks (s, len, x->indent + m);
      return;
    }
  m = bullet_len (s, len, x->indent);
  if (m > 0)
    {
      x->kind = K_BULLET;
      x->text = skip_blanks (s, len, x->indent + m);
      x->quote = vb_quote_open_len (s + x->text, len - x->text) > 0;
      if (x->quote)
        {
          gsize a = vb_attribution_inline (s + x->text, len - x->text);
          x->inline_attr = a ? x->text + a : 0;
        }
      return;
    }
  VbLabel label;
  vb_txt_label (&nt->im, i, &label);
  if (label.style != VB_LABEL_NONE)
    {
      x->kind = K_LABEL;
      x->text = label.text;
      x->label = g_steal_pointer (&label.label);
      vb_label_clear (&label);
      return;
    }
  x->kind = K_TEXT;
  x->text = x->indent;
  x->quote = vb_quote_open_len (s + x->indent, len - x->indent) > 0;
  x->attribution = vb_attribution_parse (s, len, NULL, NULL);
  if (x->quote)
    x->inline_attr = vb_attribution_inline (s, len);
}

static gboolean
plain (const Info *x)
{
  return x->kind == K_TEXT && !x->attribution && !x->inline_attr;
}

/* The attribution line after a quotation block ending before line e, or n. */
static guint
attribution_after (const Notes *nt, guint e)
{
  guint k = e < nt->n ? nt->nextnb[e] : nt->n;
  return k < nt->n && nt->info[k].kind == K_TEXT && nt->info[k].attribution ? k : nt->n;
}

/* TRUE if line j starts a quoted verbatim paragraph. */
static gboolean
starts_verbatim (const Notes *nt, guint j)
{
  const Info *x = &nt->info[j];
  return x->kind == K_TEXT && x->quote
         && (x->inline_attr || attribution_after (nt, nt->stop[j]) < nt->n);
}

static void
add_piece (Notes *nt, guint li, gsize from, gboolean para)
{
  VbTxtPiece pc = { li, from, vb_txt_line (&nt->im, li)->len, para && nt->pieces->len > 0 };
  g_array_append_val (nt->pieces, pc);
}

/* kind tells verbatims ("quote", "turn") from the note-taker's own words
 * ("note", "flipchart"): all are counted, only verbatims are quoted. */
static VbSegment *
emit (Notes *nt, const char *speaker, VbRole role, gboolean flipchart, const char *kind)
{
  VbSegment *seg = vb_txt_emit (&nt->im, nt->pieces, speaker, role, nt->phase);
  g_array_set_size (nt->pieces, 0);
  if (seg == NULL)
    return NULL;
  if (nt->section)
    vb_attrs_set (seg->attrs, "section", nt->section, nt->section_line);
  vb_attrs_set (seg->attrs, "kind", flipchart ? "flipchart" : kind,
                flipchart ? nt->flipchart_line : seg->line);
  return seg;
}

/* Removes the outer quotation marks from the pieces. */
static void
strip_quotes (Notes *nt)
{
  VbTxtPiece *first = NULL, *last = NULL;
  for (guint i = 0; i < nt->pieces->len; i++)
    {
      VbTxtPiece *pc = &g_array_index (nt->pieces, VbTxtPiece, i);
      const VbLine *l = vb_txt_line (&nt->im, pc->li);
      vb_trim_range (l->text, &pc->from, &pc->to);
      if (pc->from < pc->to && first == NULL)
        {
          first = pc;
          pc->from += vb_quote_open_len (l->text + pc->from, pc->to - pc->from);
          vb_trim_range (l->text, &pc->from, &pc->to);
        }
      if (pc->from < pc->to)
        last = pc;
    }
  if (last)
    {
      const VbLine *l = vb_txt_line (&nt->im, last->li);
      last->to -= vb_quote_close_len (l->text + last->from, last->to - last->from);
    }
}

/* Emits the block in nt->pieces as a quoted verbatim attributed by line
 * a from byte from on. */
static void
emit_verbatim (Notes *nt, guint a, gsize from, gboolean flipchart)
{
  const VbLine *al = vb_txt_line (&nt->im, a);
  strip_quotes (nt);
  VbSegment *seg = emit (nt, "", VB_ROLE_PARTICIPANT, flipchart, "quote");
  if (seg == NULL)
    {
      vb_txt_warn (&nt->im, al->number, "a quotation with no text before this attribution line");
      return;
    }
  g_auto (GStrv) fields = NULL;
  g_autofree char *whole = NULL;
  vb_attribution_parse (al->text + from, al->len - from, &fields, &whole);
  static const char *const default_keys[] = { "location", "age", "grade", NULL };
  const VbStudy *study = nt->im.opts->study;
  const char *const *keys = study ? vb_study_attribution_keys (study) : default_keys;
  guint nkeys = keys ? g_strv_length ((char **) keys) : 0;
  guint nfields = g_strv_length (fields);
  for (guint i = 0; i < nfields && i < nkeys; i++)
    vb_attrs_set (seg->attrs, keys[i], fields[i], al->number);
  vb_attrs_set (seg->attrs, "attribution", whole, al->number);
  if (nfields > nkeys)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) keys);
      vb_txt_warn (&nt->im, al->number,
                   "attribution line has %u fields but the study declares %u (%s): the "
                   "extra ones are kept only in 'attribution'", nfields, nkeys, list);
    }
}

/* A bullet at line i; returns the line after it. */
static guint
do_bullet (Notes *nt, guint i)
{
  const Info *b = &nt->info[i];
  gboolean quote = b->quote;
  add_piece (nt, i, b->text, FALSE);
  if (quote && b->inline_attr)
    {
      g_array_index (nt->pieces, VbTxtPiece, nt->pieces->len - 1).to = b->inline_attr;
      emit_verbatim (nt, i, b->inline_attr, nt->in_flipchart);
      if (nt->in_flipchart)
        nt->flipchart_items++;
      return i + 1;
    }
  guint j = i + 1;
  while (j < nt->n)
    {
      const Info *x = &nt->info[j];
      if (x->kind == K_BLANK)
        {
          guint k = nt->nextnb[j];
          if (k < nt->n && (nt->info[k].kind == K_TEXT || nt->info[k].kind == K_LABEL)
              && nt->info[k].indent > b->indent)
            {
              add_piece (nt, k, 0, TRUE);
              j = k + 1;
              continue;
            }
          break;
        }
      if (x->kind != K_TEXT && x->kind != K_LABEL)
        break;
      if (x->indent > b->indent)
        {
          add_piece (nt, j, 0, FALSE);
          j++;
          continue;
        }
      /* Unindented: lazy continuation of plain text only. */
      if (x->kind == K_LABEL || (quote && x->attribution) || starts_verbatim (nt, j))
        break;
      add_piece (nt, j, 0, FALSE);
      j++;
    }
  gboolean flipchart = nt->in_flipchart;
  guint a = quote ? attribution_after (nt, j) : nt->n;
  if (a < nt->n)
    {
      emit_verbatim (nt, a, 0, flipchart);
      j = a + 1;
    }
  else
    emit (nt, "", VB_ROLE_PARTICIPANT, flipchart, "note");
  if (flipchart)
    nt->flipchart_items++;
  return j;
}

/* Plain lines directly after line i (no blank between), from line i+1. */
static guint
add_following_plain (Notes *nt, guint j)
{
  while (j < nt->n && nt->info[j].kind == K_TEXT && !starts_verbatim (nt, j))
    add_piece (nt, j++, 0, FALSE);
  return j;
}

static guint
do_label (Notes *nt, guint i)
{
  const Info *x = &nt->info[i];
  add_piece (nt, i, x->text, FALSE);
  guint j = i + 1;
  /* "Moderator:" alone: the words may come after a blank line. */
  if (x->text >= vb_txt_line (&nt->im, i)->len && j < nt->n)
    {
      guint k = nt->nextnb[j];
      if (k < nt->n && nt->info[k].kind == K_TEXT && !starts_verbatim (nt, k))
        j = k;
    }
  j = add_following_plain (nt, j);
  emit (nt, x->label, vb_speakers_role (nt->im.speakers, x->label), FALSE, "turn");
  return j;
}

static guint
do_prose (Notes *nt, guint i, gboolean flipchart)
{
  const Info *x = &nt->info[i];
  if (x->quote && x->inline_attr)
    {
      add_piece (nt, i, 0, FALSE);
      g_array_index (nt->pieces, VbTxtPiece, nt->pieces->len - 1).to = x->inline_attr;
      emit_verbatim (nt, i, x->inline_attr, flipchart);
      return i + 1;
    }
  if (x->quote)
    {
      guint e = nt->stop[i];
      guint a = attribution_after (nt, e);
      for (guint j = i; j < e; j++)
        add_piece (nt, j, 0, FALSE);
      if (a < nt->n)
        {
          emit_verbatim (nt, a, 0, flipchart);
          return a + 1;
        }
      /* Not a verbatim: an ordinary paragraph, attribution-like lines too. */
      guint j = add_following_plain (nt, e);
      emit (nt, "", VB_ROLE_PARTICIPANT, flipchart, "note");
      return j;
    }
  add_piece (nt, i, 0, FALSE);
  guint j = add_following_plain (nt, i + 1);
  emit (nt, "", VB_ROLE_PARTICIPANT, flipchart, "note");
  return j;
}

gboolean
vb_import_notes (const VbSource *src, const VbImportOptions *opts, VbDocument *doc,
                 GError **error)
{
  g_return_val_if_fail (src != NULL && doc != NULL, FALSE);
  Notes nt = { 0 };
  vb_txt_import_init (&nt.im, src, opts, doc, TRUE);
  guint body = vb_txt_header (&nt.im);
  nt.n = nt.im.lines->len;
  nt.info = g_new0 (Info, nt.n + 1);
  nt.stop = g_new0 (guint, nt.n + 1);
  nt.nextnb = g_new0 (guint, nt.n + 1);
  nt.pieces = g_array_new (FALSE, FALSE, sizeof (VbTxtPiece));
  nt.phase = VB_PHASE_SPONTANEOUS;
  for (guint i = body; i < nt.n; i++)
    classify (&nt, i);
  nt.stop[nt.n] = nt.nextnb[nt.n] = nt.n;
  for (guint i = nt.n; i-- > 0;)
    {
      nt.stop[i] = i >= body && plain (&nt.info[i]) ? nt.stop[i + 1] : i;
      nt.nextnb[i] = i >= body && nt.info[i].kind == K_BLANK ? nt.nextnb[i + 1] : i;
    }

  guint i = body;
  while (i < nt.n)
    {
      const Info *x = &nt.info[i];
      switch (x->kind)
        {
        case K_BLANK:
          if (nt.in_flipchart && nt.flipchart_items > 0)
            nt.in_flipchart = FALSE;
          i++;
          break;
        case K_HEADING:
          {
            int phase = vb_heading_phase (x->heading);
            if (phase >= 0)
              nt.phase = (VbPhase) phase;
            g_clear_pointer (&nt.section, g_free);
            if (*x->heading)
              {
                nt.section = g_strdup (x->heading);
                nt.section_line = vb_txt_line (&nt.im, i)->number;
              }
            nt.in_flipchart = FALSE;
            i++;
            break;
          }
        case K_MARKER:
          if (x->marker == VB_MARKER_PROMPTED)
            nt.phase = VB_PHASE_PROMPTED;
          else if (x->marker == VB_MARKER_SPONTANEOUS)
            nt.phase = VB_PHASE_SPONTANEOUS;
          nt.in_flipchart = FALSE;
          i++;
          break;
        case K_FLIPCHART:
          nt.in_flipchart = TRUE;
          nt.flipchart_items = 0;
          nt.flipchart_line = vb_txt_line (&nt.im, i)->number;
          if (x->text < vb_txt_line (&nt.im, i)->len)
            {
              add_piece (&nt, i, x->text, FALSE);
              i = add_following_plain (&nt, i + 1);
              emit (&nt, "", VB_ROLE_PARTICIPANT, TRUE, "note");
              nt.flipchart_items++;
            }
          else
            i++;
          break;
        case K_BULLET:
          i = do_bullet (&nt, i);
          break;
        case K_LABEL:
          nt.in_flipchart = FALSE;
          i = do_label (&nt, i);
          break;
        case K_TEXT:
          {
            /* Plain text right after "Flipchart:" is what was written on it. */
            gboolean flipchart = nt.in_flipchart && nt.flipchart_items == 0;
            i = do_prose (&nt, i, flipchart);
            if (flipchart)
              nt.flipchart_items++;
            else
              nt.in_flipchart = FALSE;
            break;
          }
        }
    }

  for (guint k = 0; k < nt.n; k++)
    {
      g_free (nt.info[k].label);
      g_free (nt.info[k].heading);
    }
  g_free (nt.info);
  g_free (nt.stop);
  g_free (nt.nextnb);
  g_array_unref (nt.pieces);
  g_free (nt.section);
  vb_txt_import_clear (&nt.im);
  return TRUE;
}

const char *
vb_import_detect_text (const VbSource *src)
{
  VbLineIter it;
  VbLine l;
  guint nonblank = 0, bullets = 0;
  /* quoting: since the last line starting with a quotation mark, nothing
   * but its paragraph and blank lines; blank_after: a blank line came. */
  gboolean quoting = FALSE, blank_after = FALSE;
  vb_line_iter_init (&it, src);
  while (vb_line_iter_next (&it, &l))
    {
      gsize p = skip_blanks (l.text, l.len, 0);
      if (p >= l.len)
        {
          blank_after = quoting;
          continue;
        }
      nonblank++;
      if (vb_heading_parse (l.text, l.len, NULL))
        return "notes";
      if (l.len - p >= 2 && l.text[p] == '-' && l.text[p + 1] == ' ')
        bullets++;
      if (quoting && vb_attribution_parse (l.text, l.len, NULL, NULL))
        return "notes";
      if (vb_quote_open_len (l.text + p, l.len - p) > 0)
        quoting = TRUE, blank_after = FALSE;
      else if (blank_after)
        quoting = blank_after = FALSE;
    }
  return nonblank > 0 && bullets * 5 >= nonblank ? "notes" : "transcript";
}
