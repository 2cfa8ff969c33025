/* vb-import-transcript.c: interview transcripts as segments, one per turn.
 *
 * RULES (the label, header and text rules shared with notes are spelled
 * out at the top of vb-speaker.c):
 *
 *  1. Header.  An optional header block of "Key: value" lines at the top
 *     (fenced by "---" lines, or unfenced up to the first blank line and
 *     only when none of its keys is a speaker label such as "P1" or
 *     "Respondent 3", or is used later as one) goes
 *     into the document attributes with its line numbers.  A header
 *     Interviewer (or Moderator/Facilitator) value names people whose full
 *     or first name, used as a label, gets the interviewer role.
 *
 *  2. Turns.  A turn starts at a line with a speaker label ("Interviewer:
 *     ...", "Q: ...", "[00:03:12] Interviewer: ...", "INTERVIEWER: ...",
 *     "[Marion] ...", "Marion: ...", or "Marion:" alone with the words on
 *     the following lines) and takes every following line and paragraph up
 *     to the next label, heading or marker.  Each turn is one segment:
 *     speaker = the label as written (white space normalised), text = the
 *     words without the label, lines of a paragraph joined by one space and
 *     paragraphs by "\n".  A colon inside a sentence ("There are two
 *     problems: cost and time.") is not a label (see vb_speakers_accept).
 *
 *  3. Roles.  interviewer, int, i, q, question, facilitator, researcher,
 *     a name from the header's Interviewer value or from opts->moderators
 *     -> interviewer; moderator, mod -> moderator; anyone else ->
 *     participant.
 *
 *  4. Phase.  Starts spontaneous.  A line holding only "[prompted]" (any
 *     case, spaces allowed) switches to prompted, "[spontaneous]" back.  A
 *     Markdown heading whose text has the whole word "prompted" (and not
 *     "spontaneous") does the same, and the other way round.
 *
 *  5. Headings ("# ..."), phase markers, separator lines ("---") and
 *     timestamps alone on a line produce no segment.  They end the
 *     current segment; text after them without a new label continues the
 *     same speaker in a new segment (so a turn cut by "[prompted]" is
 *     split at the phase change).  A heading's text is also recorded as
 *     the segment attribute "section" (with the heading's line) of the
 *     segments after it, as in notes.
 *
 *  6. Text before the first speaker label (after the header) that is not a
 *     heading or marker becomes a segment with speaker "" and role
 *     participant, and is warned about once ("text before the first
 *     speaker label"), so nothing is lost silently.
 *
 *  7. Transcriber's notes such as "[laughs]", "[inaudible]" stay in the
 *     text.  Segments are never empty: a label with no words produces no
 *     segment.  start/end are code-point offsets (half-open) into the
 *     source from the first character of the words after the label to the
 *     end of the turn's last line of text; line is the line of that first
 *     character.
 */
#include "import/vb-speaker.h"

typedef struct {
  VbTxtImport im;
  GArray     *pieces;
  char       *speaker; /* NULL before the first label */
  VbRole      role;
  VbPhase     phase;
  char       *section;
  guint       section_line;
  gboolean    para;
} Turns;

static void
flush (Turns *t)
{
  if (t->pieces->len > 0)
    {
      VbSegment *seg = vb_txt_emit (&t->im, t->pieces, t->speaker, t->role, t->phase);
      if (seg && t->section)
        vb_attrs_set (seg->attrs, "section", t->section, t->section_line);
    }
  g_array_set_size (t->pieces, 0);
  t->para = FALSE;
}

static void
add_piece (Turns *t, guint li, gsize from, gsize to)
{
  VbTxtPiece pc = { li, from, to, t->para && t->pieces->len > 0 };
  g_array_append_val (t->pieces, pc);
  t->para = FALSE;
}

gboolean
vb_import_transcript (const VbSource *src, const VbImportOptions *opts, VbDocument *doc,
                      GError **error)
{
  g_return_val_if_fail (src != NULL && doc != NULL, FALSE);
  Turns t = { 0 };
  vb_txt_import_init (&t.im, src, opts, doc, FALSE);
  t.pieces = g_array_new (FALSE, FALSE, sizeof (VbTxtPiece));
  t.role = VB_ROLE_PARTICIPANT;
  t.phase = VB_PHASE_SPONTANEOUS;
  gboolean warned = FALSE;

  guint n = t.im.lines->len;
  for (guint i = vb_txt_header (&t.im); i < n; i++)
    {
      const VbLine *l = vb_txt_line (&t.im, i);
      if (vb_txt_blank (&t.im, i))
        {
          t.para = TRUE;
          continue;
        }
      char *heading = NULL;
      if (vb_heading_parse (l->text, l->len, &heading))
        {
          flush (&t);
          int phase = vb_heading_phase (heading);
          if (phase >= 0)
            t.phase = (VbPhase) phase;
          g_clear_pointer (&t.section, g_free);
          if (*heading)
            {
              t.section = heading;
              t.section_line = l->number;
            }
          else
            g_free (heading);
          continue;
        }
      VbMarker marker = vb_marker_parse (l->text, l->len);
      if (marker != VB_MARKER_NONE)
        {
          flush (&t);
          if (marker == VB_MARKER_PROMPTED)
            t.phase = VB_PHASE_PROMPTED;
          else if (marker == VB_MARKER_SPONTANEOUS)
            t.phase = VB_PHASE_SPONTANEOUS;
          continue;
        }
      VbLabel label;
      vb_txt_label (&t.im, i, &label);
      if (label.style != VB_LABEL_NONE)
        {
          flush (&t);
          g_free (t.speaker);
          t.speaker = g_steal_pointer (&label.label);
          t.role = vb_speakers_role (t.im.speakers, t.speaker);
          add_piece (&t, i, label.text, l->len);
          vb_label_clear (&label);
          continue;
        }
      if (t.speaker == NULL)
        {
          t.speaker = g_strdup ("");
          t.role = VB_ROLE_PARTICIPANT;
        }
      if (*t.speaker == '\0' && !warned)
        {
          vb_txt_warn (&t.im, l->number, "text before the first speaker label");
          warned = TRUE;
        }
      add_piece (&t, i, 0, l->len);
    }
  flush (&t);

  g_array_unref (t.pieces);
  g_free (t.speaker);
  g_free (t.section);
  vb_txt_import_clear (&t.im);
  return TRUE;
}
