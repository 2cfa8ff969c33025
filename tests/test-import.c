/* test-import.c: the transcript and notes importers, speaker labels and
 * format detection.  Fixtures: tests/data/import/ (found through
 * VB_TOP_SRCDIR); real committee transcripts: VB_SHARED/corpora/. */
#include <stdio.h>
#include <string.h>

#include "import/vb-speaker.h"
#include "base/vb-error.h"

/* ---- helpers ---- */

typedef struct {
  GPtrArray *messages; /* "LINE: message" */
} Warnings;

static void
collect_warning (gpointer data, const char *path, guint line, const char *message)
{
  Warnings *w = data;
  g_ptr_array_add (w->messages, g_strdup_printf ("%u: %s", line, message));
}

static char *
fixture_path (const char *name)
{
  const char *top = g_getenv ("VB_TOP_SRCDIR");
  return g_build_filename (top ? top : ".", "tests", "data", "import", name, NULL);
}

static VbSource *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr (GError) error = NULL;
  VbSource *src = vb_source_load (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (src);
  return src;
}

static char *
doc_id (const char *path)
{
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return base;
}

/* Imports src as notes or a transcript; warnings go to w (may be NULL). */
static VbDocument *
import_source (const VbSource *src, gboolean notes, const VbImportOptions *base, Warnings *w)
{
  VbImportOptions opts = { 0 };
  if (base)
    opts = *base;
  if (w)
    {
      opts.warn = collect_warning;
      opts.warn_data = w;
    }
  g_autofree char *id = doc_id (src->path);
  VbDocument *doc = vb_document_new (id, src->path, notes ? "notes" : "transcript");
  g_autoptr (GError) error = NULL;
  gboolean ok = notes ? vb_import_notes (src, &opts, doc, &error)
                      : vb_import_transcript (src, &opts, doc, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return doc;
}

static VbDocument *
import_fixture (const char *name, gboolean notes, Warnings *w)
{
  g_autoptr (VbSource) src = load_fixture (name);
  return import_source (src, notes, NULL, w);
}

static VbDocument *
import_string (const char *text, gboolean notes, const VbImportOptions *opts, Warnings *w)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (VbSource) src = vb_source_new ("mem.txt", text, strlen (text), &error);
  g_assert_no_error (error);
  return import_source (src, notes, opts, w);
}

static Warnings *
warnings_new (void)
{
  Warnings *w = g_new0 (Warnings, 1);
  w->messages = g_ptr_array_new_with_free_func (g_free);
  return w;
}

static void
warnings_free (Warnings *w)
{
  g_ptr_array_unref (w->messages);
  g_free (w);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Warnings, warnings_free)

static VbSegment *
seg_at (const VbDocument *doc, guint index)
{
  g_assert_cmpuint (index, >=, 1);
  g_assert_cmpuint (index, <=, doc->segments->len);
  return doc->segments->pdata[index - 1];
}

/* Every field of segment number index. */
static void
check_seg (const VbDocument *doc, guint index, const char *speaker, VbRole role,
           VbPhase phase, guint64 start, guint64 end, guint line, const char *text)
{
  const VbSegment *s = seg_at (doc, index);
  g_assert_cmpstr (s->document, ==, doc->id);
  g_assert_cmpuint (s->index, ==, index);
  g_assert_cmpstr (s->speaker, ==, speaker);
  g_assert_cmpstr (vb_role_to_string (s->role), ==, vb_role_to_string (role));
  g_assert_cmpstr (vb_phase_to_string (s->phase), ==, vb_phase_to_string (phase));
  g_assert_cmpuint (s->start, ==, start);
  g_assert_cmpuint (s->end, ==, end);
  g_assert_cmpuint (s->line, ==, line);
  g_assert_cmpstr (s->text, ==, text);
  g_assert_null (s->codings);
}

static void
check_attr (const VbAttrs *attrs, const char *key, const char *value, guint line)
{
  const VbAttr *a = vb_attrs_lookup (attrs, key);
  if (value == NULL)
    {
      g_assert_null (a);
      return;
    }
  g_assert_nonnull (a);
  g_assert_cmpstr (a->value, ==, value);
  g_assert_cmpuint (a->line, ==, line);
}

/* The text without white space, to compare with the source range. */
static char *
no_space (const char *s, gssize len)
{
  GString *out = g_string_new (NULL);
  const char *end = len < 0 ? s + strlen (s) : s + len;
  for (const char *p = s; p < end; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

/* Invariants of every import: indexes 1..n, the document id, no empty
 * text, and the source range [start, end) holding exactly the segment's
 * text up to white space (and the outer quotation marks of verbatims,
 * which the range excludes too). */
static void
check_invariants (const VbSource *src, const VbDocument *doc)
{
  glong total = g_utf8_strlen (src->data, src->len);
  for (guint i = 0; i < doc->segments->len; i++)
    {
      const VbSegment *s = doc->segments->pdata[i];
      g_assert_cmpuint (s->index, ==, i + 1);
      g_assert_cmpstr (s->document, ==, doc->id);
      g_assert_cmpstr (s->text, !=, "");
      g_assert_true (g_unichar_isspace (g_utf8_get_char (s->text)) == FALSE);
      g_assert_cmpuint (s->start, <, s->end);
      g_assert_cmpuint (s->end, <=, (guint64) total);
      const char *a = g_utf8_offset_to_pointer (src->data, (glong) s->start);
      const char *b = g_utf8_offset_to_pointer (src->data, (glong) s->end);
      g_autofree char *range = no_space (a, b - a);
      g_autofree char *text = no_space (s->text, -1);
      g_assert_cmpstr (range, ==, text);
      if (i > 0)
        g_assert_cmpuint (s->start, >=, ((VbSegment *) doc->segments->pdata[i - 1])->end);
    }
}

/* ---- header block ---- */

static void
test_header_fenced (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbDocument) doc = import_fixture ("header-fenced.txt", FALSE, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 4);
  check_attr (doc->attrs, "interview", "T1", 2);
  check_attr (doc->attrs, "type", "provider", 3);
  check_attr (doc->attrs, "interviewer", "Jane Smith", 5);
  check_attr (doc->attrs, "title", "A quoted title", 6);
  g_assert_cmpstr (vb_attrs_index (doc->attrs, 0)->key, ==, "interview");
  g_assert_cmpuint (doc->segments->len, ==, 2);
  /* The header's Interviewer names Jane: her first name is a leader. */
  check_seg (doc, 1, "Jane", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 93, 114, 9,
             "Thanks for seeing me.");
  check_seg (doc, 2, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 127, 138, 10,
             "No problem.");
}

static void
test_header_unfenced (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbDocument) doc = import_fixture ("header-unfenced.txt", FALSE, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 3);
  check_attr (doc->attrs, "interview", "T2", 1);
  check_attr (doc->attrs, "type", "commissioner", 2);
  check_attr (doc->attrs, "date", "2014-01-21", 3);
  g_assert_cmpuint (doc->segments->len, ==, 2);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 64, 70, 5,
             "Hello.");
  check_seg (doc, 2, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 83, 86, 6, "Hi.");
}

static void
test_header_not_header (void)
{
  /* The first block's keys are used later as labels: turns, not a header. */
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbDocument) doc = import_fixture ("not-header.txt", FALSE, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 0);
  g_assert_cmpuint (doc->segments->len, ==, 4);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 13, 49, 1,
             "Good morning, and thanks for coming.");
  check_seg (doc, 2, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 62, 70, 2,
             "Morning.");
  check_seg (doc, 4, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 113, 117, 5,
             "Yes.");
}

static void
test_header_edge_cases (void)
{
  /* A first block that is the only text is not a header. */
  {
    g_autoptr (VbDocument) doc = import_string ("Interviewer: Hello.\nRespondent: Hi.\n",
                                                FALSE, NULL, NULL);
    g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 0);
    g_assert_cmpuint (doc->segments->len, ==, 2);
  }
  /* A speaker key whose value is a sentence is a turn, even if the key is
   * never used again. */
  {
    g_autoptr (VbDocument) doc = import_string (
      "Interviewer: Thanks for coming.\n\nMarion: Pleasure.\n", FALSE, NULL, NULL);
    g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 0);
    g_assert_cmpuint (doc->segments->len, ==, 2);
    g_assert_cmpstr (seg_at (doc, 1)->text, ==, "Thanks for coming.");
  }
  /* A key given twice: warned about, later value kept. */
  {
    g_autoptr (Warnings) w = warnings_new ();
    g_autoptr (VbDocument) doc = import_string (
      "Type: provider\nType: commissioner\n\nInterviewer: Hi.\n", FALSE, NULL, w);
    check_attr (doc->attrs, "type", "commissioner", 2);
    g_assert_cmpuint (w->messages->len, ==, 1);
    g_assert_cmpstr (w->messages->pdata[0], ==,
                     "2: header key 'type' is given twice (also on line 1); "
                     "the later value is kept");
  }
  /* Fenced: odd lines are warned about; keys are normalised. */
  {
    g_autoptr (Warnings) w = warnings_new ();
    g_autoptr (VbDocument) doc = import_string (
      "\n---\nAge band: 18-35\n  just words\n---\nQ: Hi?\n", FALSE, NULL, w);
    g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 1);
    check_attr (doc->attrs, "age_band", "18-35", 3);
    g_assert_cmpuint (w->messages->len, ==, 1);
    g_assert_cmpstr (w->messages->pdata[0], ==,
                     "4: not a 'Key: value' line: ignored in the header block");
    g_assert_cmpuint (doc->segments->len, ==, 1);
    check_seg (doc, 1, "Q", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 41, 44, 6, "Hi?");
  }
  /* An unclosed fence is read as a separator, with a warning. */
  {
    g_autoptr (Warnings) w = warnings_new ();
    g_autoptr (VbDocument) doc = import_string ("---\nType: provider\n\nQ: Hi?\n", FALSE,
                                                NULL, w);
    g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 0);
    g_assert_cmpuint (w->messages->len, ==, 1);
    g_assert_cmpstr (w->messages->pdata[0], ==,
                     "1: the '---' that opens a header block is never closed: read as a separator");
    g_assert_cmpuint (doc->segments->len, ==, 2);
    check_seg (doc, 1, "Type", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 10, 18, 2, "provider");
  }
}

/* ---- label styles ---- */

static void
test_labels_interviewer_respondent (void)
{
  g_autoptr (VbDocument) doc = import_fixture ("turns-lf.txt", FALSE, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 4);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 43, 82, 4,
             "Thank you for coming.   Shall we start?");
}

static void
test_labels_qa (void)
{
  g_autoptr (VbDocument) doc = import_fixture ("style-qa.txt", FALSE, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 4);
  check_seg (doc, 1, "Q", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 3, 18, 1, "What do you do?");
  check_seg (doc, 2, "A", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 22, 48, 2,
             "I run a probation service.");
  check_seg (doc, 4, "A", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 69, 79, 4, "Ten years.");
}

static void
test_labels_timestamp (void)
{
  g_autoptr (VbDocument) doc = import_fixture ("style-timestamp.txt", FALSE, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 5);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 24, 39, 1,
             "First question.");
  check_seg (doc, 2, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 63, 76, 2,
             "First answer.");
  check_seg (doc, 3, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 101, 117, 3,
             "Second question.");
  check_seg (doc, 4, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 139, 153, 4,
             "Second answer.");
  check_seg (doc, 5, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 175, 190, 5,
             "Third question.");
}

static void
test_labels_upper (void)
{
  g_autoptr (VbDocument) doc = import_fixture ("style-upper.txt", FALSE, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 2);
  check_seg (doc, 1, "INTERVIEWER", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 13, 29, 1,
             "Can you hear me?");
  check_seg (doc, 2, "RESPONDENT", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 42, 62, 2,
             "Yes, loud and clear.");
}

static void
test_labels_bracket (void)
{
  g_autoptr (VbDocument) doc = import_fixture ("style-bracket.txt", FALSE, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 2);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 14, 32, 1,
             "What matters most?");
  /* "[Laughs]" is a transcriber's note: it stays in the turn. */
  check_seg (doc, 2, "Marion", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 42, 86, 2,
             "Honesty, mostly. [Laughs] And being on time.");
}

static void
test_labels_alone (void)
{
  g_autoptr (VbDocument) doc = import_fixture ("style-alone.txt", FALSE, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 2);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 13, 25, 2,
             "How are you?");
  check_seg (doc, 2, "Marion", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 35, 61, 5,
             "Fine, thanks. Really fine.");
}

static void
test_labels_named (void)
{
  g_autoptr (VbDocument) doc = import_fixture ("style-named.txt", FALSE, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 4);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 13, 37, 1,
             "Tell me about your role.");
  check_seg (doc, 2, "Gareth", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 46, 68, 2,
             "I commission services.");
  check_seg (doc, 4, "Gareth", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 102, 117, 4,
             "Mostly justice.");
}

/* Parses s as a label shape; returns the label or NULL. */
static char *
shape (const char *s, VbLabelStyle *style, gsize *text)
{
  VbLabel l;
  char *out = NULL;
  if (vb_label_parse (s, strlen (s), &l))
    {
      out = g_strdup (l.label);
      if (style)
        *style = l.style;
      if (text)
        *text = l.text;
    }
  vb_label_clear (&l);
  return out;
}

static void
assert_shape (const char *s, const char *label, VbLabelStyle style, gsize text)
{
  VbLabelStyle st = VB_LABEL_NONE;
  gsize tx = 0;
  g_autofree char *got = shape (s, &st, &tx);
  g_assert_cmpstr (got, ==, label);
  if (label)
    {
      g_assert_cmpint (st, ==, style);
      g_assert_cmpuint (tx, ==, text);
    }
}

static void
test_labels_shapes (void)
{
  assert_shape ("Interviewer: Hello", "Interviewer", VB_LABEL_COLON, 13);
  assert_shape ("Interviewer :  Hello", "Interviewer", VB_LABEL_COLON, 15);
  assert_shape ("Marion:", "Marion", VB_LABEL_ALONE, 7);
  assert_shape ("Marion:   ", "Marion", VB_LABEL_ALONE, 10);
  assert_shape ("[00:03:12] Interviewer: Hi", "Interviewer", VB_LABEL_COLON, 24);
  assert_shape ("[03:12] Interviewer: Hi", "Interviewer", VB_LABEL_COLON, 21);
  assert_shape ("(00:03:12) Interviewer: Hi", "Interviewer", VB_LABEL_COLON, 24);
  assert_shape ("00:03:12 Interviewer: Hi", "Interviewer", VB_LABEL_COLON, 22);
  assert_shape ("00:03:12.5 - Interviewer: Hi", "Interviewer", VB_LABEL_COLON, 26);
  assert_shape ("[Marion] Hello", "Marion", VB_LABEL_BRACKET, 9);
  assert_shape ("[Jo Smith]: Hello", "Jo Smith", VB_LABEL_BRACKET, 12);
  assert_shape ("Speaker   1: x", "Speaker 1", VB_LABEL_COLON, 13);
  assert_shape ("The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.)): I call",
                "The Chair (Hon. Anthony Rota (Nipissing—Timiskaming, Lib.))", VB_LABEL_COLON,
                63);
  /* Long ministerial titles in parentheses do not count towards the limits. */
  assert_shape ("Hon. Mona Fortier (Minister of Middle Class Prosperity and Associate "
                "Minister of Finance): Thank you",
                "Hon. Mona Fortier (Minister of Middle Class Prosperity and Associate "
                "Minister of Finance)", VB_LABEL_COLON, 91);
  /* Not labels. */
  assert_shape ("we met at 10:30 today", NULL, 0, 0);
  assert_shape ("See https://example.org", NULL, 0, 0);
  assert_shape ("At 10:30: we met", NULL, 0, 0);
  assert_shape ("there are two problems: cost and time.", NULL, 0, 0);
  assert_shape ("It went well. then he said: no", NULL, 0, 0);
  assert_shape ("Why not? Because: reasons", NULL, 0, 0);
  assert_shape ("Note: recording stopped", NULL, 0, 0);
  assert_shape ("NB: check this", NULL, 0, 0);
  assert_shape ("Flipchart:", NULL, 0, 0);
  assert_shape ("Source: QMSum", NULL, 0, 0);
  assert_shape ("So: what now?", NULL, 0, 0);
  assert_shape ("One two three four five six seven eight nine: x", NULL, 0, 0);
  assert_shape ("[laughs] yes", NULL, 0, 0);
  assert_shape ("[Inaudible] yes", NULL, 0, 0);
  assert_shape ("[prompted]", NULL, 0, 0);
  assert_shape ("[00:03:12]", NULL, 0, 0);
  assert_shape ("[Marion]", NULL, 0, 0);
  assert_shape ("- Honesty: they want", NULL, 0, 0);
  assert_shape ("\"Quote\": x", NULL, 0, 0);
  g_autofree char *long_label = g_strdup_printf ("%s: x", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  assert_shape (long_label, NULL, 0, 0);

  g_assert_cmpuint (vb_timestamp_prefix ("[00:03:12] x", 12), ==, 11);
  g_assert_cmpuint (vb_timestamp_prefix ("10:30 x", 7), ==, 0);
  g_assert_cmpuint (vb_timestamp_prefix ("1:02:03", 7), ==, 7);
}

static gboolean
accepted (const VbSpeakers *sp, const char *line)
{
  VbLabel l;
  vb_label_parse (line, strlen (line), &l);
  gboolean ok = vb_speakers_accept (sp, &l);
  vb_label_clear (&l);
  return ok;
}

static void
test_labels_accept_and_roles (void)
{
  const char *mods[] = { "Dr Sam Jones", NULL };
  g_autoptr (VbSpeakers) tr = vb_speakers_new (FALSE, mods);
  g_autoptr (VbSpeakers) nt = vb_speakers_new (TRUE, NULL);
  vb_speakers_add_leader (nt, "Rachel and Tom");

  /* A colon inside a sentence is not a speaker, in either format. */
  g_assert_false (accepted (tr, "There are two problems: cost and time."));
  g_assert_false (accepted (nt, "There are two problems: cost and time."));
  /* Name-like labels: believed in transcripts, not in notes. */
  g_assert_true (accepted (tr, "Transparency: the first word used."));
  g_assert_false (accepted (nt, "Transparency: the first word used."));
  g_assert_true (accepted (nt, "P12: yes"));
  g_assert_true (accepted (nt, "Male respondent: yes"));
  g_assert_true (accepted (nt, "All: yes"));
  g_assert_true (accepted (nt, "Tom: next"));
  g_assert_true (accepted (tr, "Sam: next"));
  /* Seen twice: believed. */
  VbLabel l;
  vb_label_parse ("Young mum: x", 12, &l);
  g_assert_false (vb_speakers_accept (tr, &l));
  vb_speakers_count (tr, &l);
  vb_speakers_count (tr, &l);
  g_assert_true (vb_speakers_accept (tr, &l));
  vb_speakers_reset_counts (tr);
  g_assert_false (vb_speakers_accept (tr, &l));
  vb_label_clear (&l);

  g_assert_cmpint (vb_speakers_role (tr, "Interviewer"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "INT"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "I"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "q"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Researcher"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Facilitator"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Interviewer 2"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Interviewer (Jane)"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Jane (interviewer)"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Moderator"), ==, VB_ROLE_MODERATOR);
  g_assert_cmpint (vb_speakers_role (tr, "Sam"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Sam Jones"), ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (vb_speakers_role (tr, "Dr Sam Jones"), ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (vb_speakers_role (tr, "Respondent"), ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (vb_speakers_role (tr, "A"), ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (vb_speakers_role (tr, "Interviewee"), ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (vb_speakers_role (nt, "Interviewer"), ==, VB_ROLE_MODERATOR);
  g_assert_cmpint (vb_speakers_role (nt, "MOD"), ==, VB_ROLE_MODERATOR);
  g_assert_cmpint (vb_speakers_role (nt, "Rachel"), ==, VB_ROLE_MODERATOR);
  g_assert_cmpint (vb_speakers_role (nt, "Tom"), ==, VB_ROLE_MODERATOR);
  g_assert_cmpint (vb_speakers_role (nt, "P1"), ==, VB_ROLE_PARTICIPANT);
}

/* ---- transcripts ---- */

static void
test_transcript_turns (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbSource) src = load_fixture ("turns-lf.txt");
  g_autoptr (VbDocument) doc = import_source (src, FALSE, NULL, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  check_attr (doc->attrs, "interview", "T3", 1);
  check_attr (doc->attrs, "type", "provider", 2);
  g_assert_cmpuint (doc->segments->len, ==, 4);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 43, 82, 4,
             "Thank you for coming.   Shall we start?");
  /* Lines joined by a space, paragraphs by "\n"; "problems: cost" and
   * "There are two problems: cost and time." stay in the turn. */
  check_seg (doc, 2, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 96, 219, 6,
             "Yes. There are two problems: cost and time. There are two problems: cost and "
             "time.\nAnd a second paragraph [laughs] here.");
  /* A label alone on its line, the words after a blank line. */
  check_seg (doc, 3, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 234, 251, 13,
             "So, tell me more.");
  /* After "[prompted]". */
  check_seg (doc, 4, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_PROMPTED, 275, 280, 15,
             "Fine.");
  for (guint i = 1; i <= 4; i++)
    g_assert_cmpuint (vb_attrs_size (seg_at (doc, i)->attrs), ==, 0);
  check_invariants (src, doc);
}

static void
test_transcript_crlf_bom (void)
{
  g_autoptr (VbSource) lf_src = load_fixture ("turns-lf.txt");
  g_autoptr (VbSource) crlf_src = load_fixture ("turns-crlf.txt");
  g_autoptr (VbSource) bom_src = load_fixture ("turns-bom.txt");
  /* The fixtures really are what they claim (a checkout may convert). */
  g_assert_nonnull (strstr (crlf_src->data, "\r\n"));
  g_assert_null (strstr (lf_src->data, "\r"));
  g_autofree char *raw = NULL;
  g_autofree char *bom_path = fixture_path ("turns-bom.txt");
  g_assert_true (g_file_get_contents (bom_path, &raw, NULL, NULL));
  g_assert_true (g_str_has_prefix (raw, "\xEF\xBB\xBF"));

  g_autoptr (VbDocument) lf = import_source (lf_src, FALSE, NULL, NULL);
  g_autoptr (VbDocument) crlf = import_source (crlf_src, FALSE, NULL, NULL);
  g_autoptr (VbDocument) bom = import_source (bom_src, FALSE, NULL, NULL);
  g_assert_cmpuint (crlf->segments->len, ==, lf->segments->len);
  g_assert_cmpuint (bom->segments->len, ==, lf->segments->len);
  for (guint i = 0; i < lf->segments->len; i++)
    {
      const VbSegment *a = lf->segments->pdata[i];
      const VbSegment *others[] = { crlf->segments->pdata[i], bom->segments->pdata[i] };
      for (guint k = 0; k < 2; k++)
        {
          const VbSegment *b = others[k];
          g_assert_cmpstr (a->speaker, ==, b->speaker);
          g_assert_cmpint (a->role, ==, b->role);
          g_assert_cmpint (a->phase, ==, b->phase);
          g_assert_cmpuint (a->line, ==, b->line);
          g_assert_cmpstr (a->text, ==, b->text);
          g_assert_cmpuint (a->index, ==, b->index);
        }
    }
  /* The BOM is not part of the source: same offsets as LF. */
  for (guint i = 0; i < lf->segments->len; i++)
    {
      g_assert_cmpuint (((VbSegment *) bom->segments->pdata[i])->start, ==,
                        ((VbSegment *) lf->segments->pdata[i])->start);
      g_assert_cmpuint (((VbSegment *) bom->segments->pdata[i])->end, ==,
                        ((VbSegment *) lf->segments->pdata[i])->end);
    }
  /* CRLF: each CR before the segment is one more code point. */
  check_seg (crlf, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 46, 85, 4,
             "Thank you for coming.   Shall we start?");
  check_seg (crlf, 2, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 101, 228, 6,
             "Yes. There are two problems: cost and time. There are two problems: cost and "
             "time.\nAnd a second paragraph [laughs] here.");
  check_seg (crlf, 3, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 246, 263, 13,
             "So, tell me more.");
  check_seg (crlf, 4, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_PROMPTED, 289, 294, 15,
             "Fine.");
  check_attr (crlf->attrs, "type", "provider", 2);
  check_attr (bom->attrs, "interview", "T3", 1);
  check_invariants (crlf_src, crlf);
  check_invariants (bom_src, bom);

  /* A lone CR ends a line too. */
  g_autoptr (VbDocument) cr = import_string ("Q: One?\rA: Two.\r", FALSE, NULL, NULL);
  check_seg (cr, 2, "A", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 11, 15, 2, "Two.");
}

static void
test_transcript_spacing (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbSource) src = load_fixture ("spacing.txt");
  g_autoptr (VbDocument) doc = import_source (src, FALSE, NULL, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 0);
  g_assert_cmpuint (doc->segments->len, ==, 1);
  /* Internal runs kept, ends trimmed, white-space-only lines are blank,
   * many blank lines make one "\n", and "Respondent:no" is no label. */
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 18, 114, 3,
             "lots   of   space   here.\nRespondent:no space after the colon\n"
             "still the interviewer.");
  check_invariants (src, doc);
}

static void
test_transcript_unicode (void)
{
  g_autoptr (VbSource) src = load_fixture ("unicode.txt");
  g_autoptr (VbDocument) doc = import_source (src, FALSE, NULL, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 2);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 13, 37, 1,
             "Café — naïve “question”?");
  /* Code points, not bytes: the first line has 8 more bytes than characters. */
  check_seg (doc, 2, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 50, 63, 2,
             "Ça va, merci.");
  g_assert_cmpuint ((gsize) (strstr (src->data, "Ça va") - src->data), ==, 58);
  check_invariants (src, doc);
}

static void
test_transcript_phase_heading (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbSource) src = load_fixture ("heading-phase.txt");
  g_autoptr (VbDocument) doc = import_source (src, FALSE, NULL, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  g_assert_cmpuint (doc->segments->len, ==, 4);
  check_seg (doc, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 13, 20, 1,
             "Before.");
  check_seg (doc, 2, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_PROMPTED, 55, 61, 3, "After.");
  check_seg (doc, 3, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_PROMPTED, 74, 86, 4,
             "Still after.");
  check_seg (doc, 4, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 122, 140, 6,
             "Spontaneous again.");
  check_attr (seg_at (doc, 1)->attrs, "section", NULL, 0);
  check_attr (seg_at (doc, 2)->attrs, "section", "Part 2 (prompted)", 2);
  check_attr (seg_at (doc, 4)->attrs, "section", "Back to spontaneous", 5);

  /* A marker inside a turn splits it; the speaker carries on. */
  g_autoptr (VbDocument) d2 = import_string (
    "Interviewer: Now some cards.\n  [ PROMPTED ]  \nThe first says honesty.\n"
    "[Spontaneous]\nRespondent: Right.\n", FALSE, NULL, NULL);
  g_assert_cmpuint (d2->segments->len, ==, 3);
  check_seg (d2, 1, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 13, 28, 1,
             "Now some cards.");
  check_seg (d2, 2, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_PROMPTED, 46, 69, 3,
             "The first says honesty.");
  check_seg (d2, 3, "Respondent", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 96, 102, 5,
             "Right.");
  g_assert_cmpint (vb_heading_phase ("Unprompted views"), ==, -1);
  g_assert_cmpint (vb_heading_phase ("PROMPTED: the principles"), ==, VB_PHASE_PROMPTED);
  g_assert_cmpint (vb_heading_phase ("Spontaneous and prompted"), ==, -1);
}

static void
test_transcript_before_label (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbSource) src = load_fixture ("before-label.txt");
  g_autoptr (VbDocument) doc = import_source (src, FALSE, NULL, w);
  g_assert_cmpuint (w->messages->len, ==, 1);
  g_assert_cmpstr (w->messages->pdata[0], ==, "1: text before the first speaker label");
  g_assert_cmpuint (doc->segments->len, ==, 2);
  check_seg (doc, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 0, 19, 1,
             "Some preamble here.");
  check_seg (doc, 2, "Interviewer", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 34, 37, 3, "Hi.");
  check_invariants (src, doc);
}

static void
test_transcript_moderators_option (void)
{
  const char *mods[] = { "Sam", NULL };
  VbImportOptions opts = { NULL, mods, NULL, NULL };
  g_autoptr (VbDocument) doc = import_string ("Sam: Hello.\nModerator: Hi.\nKim: Hey.\n",
                                              FALSE, &opts, NULL);
  g_assert_cmpuint (doc->segments->len, ==, 3);
  check_seg (doc, 1, "Sam", VB_ROLE_INTERVIEWER, VB_PHASE_SPONTANEOUS, 5, 11, 1, "Hello.");
  check_seg (doc, 2, "Moderator", VB_ROLE_MODERATOR, VB_PHASE_SPONTANEOUS, 23, 26, 2, "Hi.");
  check_seg (doc, 3, "Kim", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 32, 36, 3, "Hey.");
}

static void
test_empty_inputs (void)
{
  /* Nothing to segment: no segments, no warnings. */
  const char *texts[] = {
    "", "\n\n  \n", "---\nType: provider\n---\n", "Interviewer:\nRespondent:\n",
    "[prompted]\n# Heading\n---\n",
  };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (int notes = 0; notes < 2; notes++)
      {
        g_autoptr (Warnings) w = warnings_new ();
        g_autoptr (VbDocument) doc = import_string (texts[i], notes, NULL, w);
        g_assert_cmpuint (doc->segments->len, ==, 0);
        g_assert_cmpuint (w->messages->len, ==, 0);
      }
  /* A lone unfenced block is text, not a header (a file holding only
   * "Marion: Fine, thanks." is one turn). */
  {
    g_autoptr (VbDocument) doc = import_string ("Type: provider\n", FALSE, NULL, NULL);
    g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 0);
    check_seg (doc, 1, "Type", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 6, 14, 1, "provider");
  }
  {
    g_autoptr (VbDocument) doc = import_string ("Type: provider\n", TRUE, NULL, NULL);
    check_seg (doc, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 0, 14, 1,
               "Type: provider");
  }
  /* An empty quotation: warned about in notes, plain text in transcripts. */
  {
    g_autoptr (Warnings) w = warnings_new ();
    g_autoptr (VbDocument) doc = import_string ("\"\"\nLeeds, 18-35, C2DE.\n", TRUE, NULL, w);
    g_assert_cmpuint (doc->segments->len, ==, 0);
    g_assert_cmpuint (w->messages->len, ==, 1);
    g_assert_cmpstr (w->messages->pdata[0], ==,
                     "2: a quotation with no text before this attribution line");
  }
  {
    g_autoptr (Warnings) w = warnings_new ();
    g_autoptr (VbDocument) doc = import_string ("\"\"\nLeeds, 18-35, C2DE.\n", FALSE, NULL, w);
    check_seg (doc, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 0, 22, 1,
               "\"\" Leeds, 18-35, C2DE.");
    g_assert_cmpuint (w->messages->len, ==, 1);
  }
}

/* ---- notes ---- */

static void
test_notes_moderator_header (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbSource) src = load_fixture ("notes-moderator.txt");
  g_autoptr (VbDocument) doc = import_source (src, TRUE, NULL, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  /* "Moderator" is used as a label, but its header value is a name. */
  g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 2);
  check_attr (doc->attrs, "group", "G9", 1);
  check_attr (doc->attrs, "moderator", "Rachel", 2);
  g_assert_cmpuint (doc->segments->len, ==, 3);
  check_seg (doc, 1, "Rachel", VB_ROLE_MODERATOR, VB_PHASE_SPONTANEOUS, 37, 55, 4,
             "What do you think?");
  check_seg (doc, 2, "P1", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 60, 65, 5, "Good.");
  check_seg (doc, 3, "Moderator", VB_ROLE_MODERATOR, VB_PHASE_SPONTANEOUS, 77, 85, 6, "And you?");
  check_invariants (src, doc);
}

static VbDocument *
notes_basic (Warnings *w, VbSource **src_out)
{
  VbSource *src = load_fixture ("notes-basic.txt");
  VbDocument *doc = import_source (src, TRUE, NULL, w);
  *src_out = src;
  return doc;
}

static void
test_notes_bullets (void)
{
  g_autoptr (VbSource) src = NULL;
  g_autoptr (VbDocument) doc = notes_basic (NULL, &src);
  g_assert_cmpuint (doc->segments->len, ==, 16);
  check_attr (doc->attrs, "group", "G7", 1);
  check_attr (doc->attrs, "grade", "C2DE", 4);
  check_seg (doc, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 68, 115, 8,
             "A bullet point that wraps onto a second line.");
  g_assert_cmpstr (seg_at (doc, 2)->text, ==, "Star bullet.");
  g_assert_cmpstr (seg_at (doc, 3)->text, ==, "Round bullet.");
  g_assert_cmpstr (seg_at (doc, 4)->text, ==, "Numbered one.");
  g_assert_cmpstr (seg_at (doc, 5)->text, ==, "Numbered two.");
  g_assert_cmpuint (seg_at (doc, 5)->line, ==, 13);
  check_seg (doc, 6, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 182, 221, 15,
             "A plain prose paragraph over two lines.");
  check_invariants (src, doc);

  /* Lazy and multi-paragraph continuation, sub-bullets. */
  g_autoptr (VbDocument) d2 = import_string (
    "- one\nlazy line\n\n  second paragraph\n  - sub bullet\n- two\n\nprose\n", TRUE, NULL,
    NULL);
  g_assert_cmpuint (d2->segments->len, ==, 4);
  check_seg (d2, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 2, 35, 1,
             "one lazy line\nsecond paragraph");
  check_seg (d2, 2, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 40, 50, 5, "sub bullet");
  check_seg (d2, 3, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 53, 56, 6, "two");
  check_seg (d2, 4, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 58, 63, 8, "prose");
}

static void
test_notes_quotes (void)
{
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbSource) src = NULL;
  g_autoptr (VbDocument) doc = notes_basic (w, &src);
  /* Straight quotes over two lines, attribution with a full stop. */
  check_seg (doc, 7, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 224, 262, 18,
             "A straight quote that spans two lines.");
  const VbAttrs *a = seg_at (doc, 7)->attrs;
  g_assert_cmpuint (vb_attrs_size (a), ==, 6);
  check_attr (a, "kind", "quote", 18);
  check_attr (a, "section", "Introduction", 6);
  check_attr (a, "location", "Leeds", 20);
  check_attr (a, "age", "18-35", 20);
  check_attr (a, "grade", "C2DE", 20);
  check_attr (a, "attribution", "Leeds, 18-35, C2DE", 20);
  /* Curly quotes, attribution without a full stop. */
  check_seg (doc, 8, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 286, 300, 22,
             "A curly quote.");
  a = seg_at (doc, 8)->attrs;
  check_attr (a, "location", "London", 23);
  check_attr (a, "age", "61+", 23);
  check_attr (a, "grade", "ABC1", 23);
  check_attr (a, "attribution", "London, 61+, ABC1", 23);
  /* No attribution: an ordinary segment, quotes kept. */
  check_seg (doc, 9, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 321, 351, 25,
             "\"A quote with no attribution.\"");
  check_attr (seg_at (doc, 9)->attrs, "attribution", NULL, 0);
  check_attr (seg_at (doc, 9)->attrs, "location", NULL, 0);
  /* More fields than keys: warned about, kept in attribution. */
  check_seg (doc, 16, "", VB_ROLE_PARTICIPANT, VB_PHASE_PROMPTED, 525, 541, 41,
             "Too many fields.");
  a = seg_at (doc, 16)->attrs;
  check_attr (a, "grade", "C2DE", 42);
  check_attr (a, "attribution", "Leeds, 18-35, C2DE, extra", 42);
  g_assert_cmpuint (vb_attrs_size (a), ==, 6);
  g_assert_cmpuint (w->messages->len, ==, 1);
  g_assert_cmpstr (w->messages->pdata[0], ==,
                   "42: attribution line has 4 fields but the study declares 3 (location, "
                   "age, grade): the extra ones are kept only in 'attribution'");

  /* Quoted bullets, blank lines before the attribution, « ». */
  g_autoptr (VbDocument) d2 = import_string (
    "- \"Bulleted quote.\"\nLeeds, 18-35, C2DE.\n\n«Guillemets»\n\n— Leeds, 61+\n"
    "\"Not attributed\nYes, definitely not.\n", TRUE, NULL, NULL);
  g_assert_cmpuint (d2->segments->len, ==, 3);
  check_seg (d2, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 3, 18, 1, "Bulleted quote.");
  check_attr (seg_at (d2, 1)->attrs, "attribution", "Leeds, 18-35, C2DE", 2);
  check_seg (d2, 2, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 42, 52, 4, "Guillemets");
  check_attr (seg_at (d2, 2)->attrs, "attribution", "Leeds, 61+", 6);
  check_attr (seg_at (d2, 2)->attrs, "age", "61+", 6);
  check_attr (seg_at (d2, 2)->attrs, "grade", NULL, 0);
  /* "Yes, definitely not." is a sentence, not an attribution. */
  check_seg (d2, 3, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 68, 104, 7,
             "\"Not attributed Yes, definitely not.");
}

static void
test_notes_study_keys (void)
{
  g_autoptr (VbStudy) study = vb_study_new ();
  g_autofree char *ini = fixture_path ("two-keys.ini");
  g_autoptr (GError) error = NULL;
  g_assert_true (vb_study_load (study, ini, &error));
  g_assert_no_error (error);
  VbImportOptions opts = { study, NULL, NULL, NULL };
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbDocument) doc = import_string ("\"Hello.\"\nLeeds, 18-35, C2DE.\n", TRUE, &opts, w);
  g_assert_cmpuint (doc->segments->len, ==, 1);
  check_seg (doc, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 1, 7, 1, "Hello.");
  const VbAttrs *a = seg_at (doc, 1)->attrs;
  g_assert_cmpuint (vb_attrs_size (a), ==, 4);
  check_attr (a, "location", "Leeds", 2);
  check_attr (a, "age", "18-35", 2);
  check_attr (a, "attribution", "Leeds, 18-35, C2DE", 2);
  g_assert_cmpuint (w->messages->len, ==, 1);
  g_assert_cmpstr (w->messages->pdata[0], ==,
                   "2: attribution line has 3 fields but the study declares 2 (location, "
                   "age): the extra ones are kept only in 'attribution'");
}

static void
test_notes_flipchart (void)
{
  g_autoptr (VbSource) src = NULL;
  g_autoptr (VbDocument) doc = notes_basic (NULL, &src);
  check_seg (doc, 10, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 366, 371, 28, "buses");
  check_attr (seg_at (doc, 10)->attrs, "kind", "flipchart", 27);
  check_attr (seg_at (doc, 11)->attrs, "kind", "flipchart", 27);
  g_assert_cmpstr (seg_at (doc, 11)->text, ==, "trains");
  /* The list ends at the blank line. */
  g_assert_cmpstr (seg_at (doc, 12)->text, ==, "not on the flipchart");
  check_attr (seg_at (doc, 12)->attrs, "kind", "note", seg_at (doc, 12)->line);
  g_assert_cmpuint (vb_attrs_size (seg_at (doc, 12)->attrs), ==, 2);

  g_autoptr (VbDocument) d2 = import_string (
    "Flip chart: buses, trains\n- trams\n\nFLIPCHART:\n\n- one\nP1: not on it\n", TRUE, NULL,
    NULL);
  g_assert_cmpuint (d2->segments->len, ==, 4);
  check_seg (d2, 1, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 12, 25, 1, "buses, trains");
  check_attr (seg_at (d2, 1)->attrs, "kind", "flipchart", 1);
  check_attr (seg_at (d2, 2)->attrs, "kind", "flipchart", 1);
  check_seg (d2, 3, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 49, 52, 6, "one");
  check_attr (seg_at (d2, 3)->attrs, "kind", "flipchart", 4);
  check_seg (d2, 4, "P1", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 57, 66, 7, "not on it");
  check_attr (seg_at (d2, 4)->attrs, "kind", "turn", 7);
}

static void
test_notes_sections_and_phase (void)
{
  g_autoptr (VbSource) src = NULL;
  g_autoptr (VbDocument) doc = notes_basic (NULL, &src);
  for (guint i = 1; i <= 14; i++)
    {
      check_attr (seg_at (doc, i)->attrs, "section", "Introduction", 6);
      g_assert_cmpint (seg_at (doc, i)->phase, ==, VB_PHASE_SPONTANEOUS);
    }
  for (guint i = 15; i <= 16; i++)
    {
      check_attr (seg_at (doc, i)->attrs, "section", "Section 4: the Seven Principles (prompted)",
                  37);
      g_assert_cmpint (seg_at (doc, i)->phase, ==, VB_PHASE_PROMPTED);
    }
  g_autoptr (VbDocument) d2 = import_string (
    "Before any heading.\n### Prompted ###\nA.\n# Spontaneous again\nB.\n[prompted]\nC.\n", TRUE,
    NULL, NULL);
  g_assert_cmpuint (d2->segments->len, ==, 4);
  g_assert_cmpuint (vb_attrs_size (seg_at (d2, 1)->attrs), ==, 1);
  check_attr (seg_at (d2, 1)->attrs, "kind", "note", 1);
  check_seg (d2, 2, "", VB_ROLE_PARTICIPANT, VB_PHASE_PROMPTED, 37, 39, 3, "A.");
  check_attr (seg_at (d2, 2)->attrs, "section", "Prompted", 2);
  check_seg (d2, 3, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 60, 62, 5, "B.");
  check_seg (d2, 4, "", VB_ROLE_PARTICIPANT, VB_PHASE_PROMPTED, 74, 76, 7, "C.");
  check_attr (seg_at (d2, 4)->attrs, "section", "Spontaneous again", 4);
}

static void
test_notes_speakers (void)
{
  g_autoptr (VbSource) src = NULL;
  g_autoptr (VbDocument) doc = notes_basic (NULL, &src);
  check_seg (doc, 13, "P1", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 410, 418, 33, "I agree.");
  check_seg (doc, 14, "P2", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 423, 440, 34,
             "Me too, and more.");
  /* Not a label in notes: one word that is not a speaker. */
  check_seg (doc, 15, "", VB_ROLE_PARTICIPANT, VB_PHASE_PROMPTED, 488, 522, 39,
             "Transparency: the first word used.");

  g_autoptr (VbDocument) d2 = import_string (
    "Moderator:\nWhat comes to mind?\n\nFacilitator: Next.\nMOD: Last.\n\nP3:\n\n"
    "Over to you.\nTwo lines.\n\nAfter.\n", TRUE, NULL, NULL);
  g_assert_cmpuint (d2->segments->len, ==, 5);
  check_seg (d2, 1, "Moderator", VB_ROLE_MODERATOR, VB_PHASE_SPONTANEOUS, 11, 30, 2,
             "What comes to mind?");
  check_seg (d2, 2, "Facilitator", VB_ROLE_MODERATOR, VB_PHASE_SPONTANEOUS, 45, 50, 4, "Next.");
  check_seg (d2, 3, "MOD", VB_ROLE_MODERATOR, VB_PHASE_SPONTANEOUS, 56, 61, 5, "Last.");
  /* A label alone, the words after a blank line. */
  check_seg (d2, 4, "P3", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 68, 91, 9,
             "Over to you. Two lines.");
  check_seg (d2, 5, "", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 93, 99, 12, "After.");
}

/* ---- detection ---- */

static const char *
detect_string (const char *text)
{
  g_autoptr (VbSource) src = vb_source_new ("mem.txt", text, strlen (text), NULL);
  g_assert_nonnull (src);
  return vb_import_detect_text (src);
}

static void
test_detect (void)
{
  const char *notes[] = { "notes-basic.txt", "notes-moderator.txt", "heading-phase.txt" };
  const char *transcripts[] = {
    "turns-lf.txt", "turns-crlf.txt", "turns-bom.txt", "style-qa.txt", "style-timestamp.txt",
    "style-upper.txt", "style-bracket.txt", "style-alone.txt", "style-named.txt",
    "header-fenced.txt", "header-unfenced.txt", "not-header.txt", "spacing.txt",
    "before-label.txt", "unicode.txt",
  };
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autoptr (VbSource) src = load_fixture (notes[i]);
      /* notes-moderator has no bullets, headings or verbatims. */
      g_assert_cmpstr (vb_import_detect_text (src), ==, i == 1 ? "transcript" : "notes");
    }
  for (guint i = 0; i < G_N_ELEMENTS (transcripts); i++)
    {
      g_autoptr (VbSource) src = load_fixture (transcripts[i]);
      g_assert_cmpstr (vb_import_detect_text (src), ==, "transcript");
    }
  g_assert_cmpstr (detect_string (""), ==, "transcript");
  g_assert_cmpstr (detect_string ("- a\n- b\nc\nd\ne\nf\ng\nh\ni\nj\n"), ==, "notes");
  g_assert_cmpstr (detect_string ("- a\nc\nd\ne\nf\ng\n"), ==, "transcript");
  g_assert_cmpstr (detect_string ("Q: x\n\"Quote.\"\nLeeds, 18-35, C2DE.\n"), ==, "notes");
  g_assert_cmpstr (detect_string ("\"Quote.\"\n\nLeeds, 18-35\n"), ==, "notes");
  g_assert_cmpstr (detect_string ("Q: x\nLeeds, 18-35, C2DE.\n"), ==, "transcript");
  g_assert_cmpstr (detect_string ("Intro\n## Part two\nQ: x\n"), ==, "notes");
  g_assert_cmpstr (detect_string ("#hashtag\nQ: x\n"), ==, "transcript");
}

/* ---- real and bundled data ---- */

static void
test_qmsum_covid0 (void)
{
  const char *shared = g_getenv ("VB_SHARED");
  g_autofree char *path = shared ? g_build_filename (shared, "corpora", "qmsum-committee", "txt",
                                                     "covid_0.txt", NULL)
                                 : NULL;
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("VB_SHARED/corpora/qmsum-committee not available");
      return;
    }
  g_autoptr (GError) error = NULL;
  g_autoptr (VbSource) src = vb_source_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vb_import_detect_text (src), ==, "transcript");
  g_autoptr (Warnings) w = warnings_new ();
  g_autoptr (VbDocument) doc = import_source (src, FALSE, NULL, w);
  g_assert_cmpuint (w->messages->len, ==, 0);
  check_attr (doc->attrs, "source", "QMSum data/Committee/all/covid_0.json", 1);
  check_attr (doc->attrs, "meeting", "covid_0", 2);
  g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 3);
  /* Every line after the header is one turn. */
  g_assert_cmpuint (doc->segments->len, ==, 316);
  const VbSegment *s = seg_at (doc, 1);
  g_assert_cmpstr (s->speaker, ==, "The Chair (Hon. Anthony Rota (NipissingTimiskaming, Lib.))");
  g_assert_cmpint (s->role, ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpuint (s->line, ==, 5);
  g_assert_true (g_str_has_prefix (s->text, "I call this meeting to order."));
  check_seg (doc, 3, "The Chair", VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 2195, 2675, 7,
             seg_at (doc, 3)->text);
  g_assert_true (g_str_has_prefix (seg_at (doc, 3)->text, "Good. We'll now proceed"));
  g_assert_cmpstr (seg_at (doc, 2)->speaker, ==, "Hon. Dominic LeBlanc");
  guint chair = 0;
  for (guint i = 0; i < doc->segments->len; i++)
    if (strcmp (((VbSegment *) doc->segments->pdata[i])->speaker, "The Chair") == 0)
      chair++;
  g_assert_cmpuint (chair, >, 20);
  check_invariants (src, doc);
}

static void
test_qmsum_all (void)
{
  const char *shared = g_getenv ("VB_SHARED");
  g_autofree char *dir = shared ? g_build_filename (shared, "corpora", "qmsum-committee", "txt",
                                                    NULL)
                                : NULL;
  g_autoptr (GDir) d = dir ? g_dir_open (dir, 0, NULL) : NULL;
  if (d == NULL)
    {
      g_test_skip ("VB_SHARED/corpora/qmsum-committee not available");
      return;
    }
  const char *name;
  guint files = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (VbSource) src = vb_source_load (path, NULL);
      g_assert_nonnull (src);
      g_autoptr (Warnings) w = warnings_new ();
      g_autoptr (VbDocument) doc = import_source (src, FALSE, NULL, w);
      g_assert_cmpuint (w->messages->len, ==, 0);
      /* Each non-blank line after the 3-line header is a labelled turn,
       * except a few empty turns ("Hon. Bill Morneau: "), which make no
       * segment. */
      guint lines = 0, empty = 0;
      VbLineIter it;
      VbLine l;
      vb_line_iter_init (&it, src);
      while (vb_line_iter_next (&it, &l))
        {
          if (vb_line_is_blank (&l))
            continue;
          lines++;
          g_autofree char *t = vb_line_strip (&l);
          if (strchr (t, ':') == t + strlen (t) - 1)
            empty++;
        }
      g_assert_cmpuint (vb_attrs_size (doc->attrs), ==, 3);
      g_assert_cmpuint (doc->segments->len, ==, lines - 3 - empty);
      g_assert_cmpuint (empty, <, 3);
      for (guint i = 0; i < doc->segments->len; i++)
        g_assert_cmpstr (((VbSegment *) doc->segments->pdata[i])->speaker, !=, "");
      check_invariants (src, doc);
      files++;
    }
  g_assert_cmpuint (files, >, 0);
}

static void
check_example_dir (const char *top, const char *sub, gboolean notes, guint *files)
{
  g_autofree char *dir = g_build_filename (top, "data", "ethical-standards", sub, NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return;
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_test_message ("%s", path);
      g_autoptr (VbSource) src = vb_source_load (path, NULL);
      g_assert_nonnull (src);
      g_assert_cmpstr (vb_import_detect_text (src), ==, notes ? "notes" : "transcript");
      g_autoptr (Warnings) w = warnings_new ();
      g_autoptr (VbDocument) doc = import_source (src, notes, NULL, w);
      for (guint i = 0; i < w->messages->len; i++)
        g_test_message ("warning: %s", (char *) w->messages->pdata[i]);
      g_assert_cmpuint (w->messages->len, ==, 0);
      g_assert_cmpuint (doc->segments->len, >=, 10);
      g_assert_nonnull (vb_attrs_get (doc->attrs, "date"));
      check_invariants (src, doc);
      /* One switch to the prompted phase, somewhere after the start. */
      guint switches = 0, leaders = 0, participants = 0;
      for (guint i = 0; i < doc->segments->len; i++)
        {
          const VbSegment *s = doc->segments->pdata[i];
          if (i > 0 && s->phase != ((VbSegment *) doc->segments->pdata[i - 1])->phase)
            switches++;
          if (s->role == VB_ROLE_PARTICIPANT)
            participants++;
          else
            leaders++;
          if (!notes)
            g_assert_cmpstr (s->speaker, !=, "");
          if (notes && vb_attrs_get (s->attrs, "attribution"))
            {
              /* Group verbatims are attributed to the group itself. */
              g_assert_cmpstr (vb_attrs_get (s->attrs, "location"), ==,
                               vb_attrs_get (doc->attrs, "location"));
              g_assert_cmpstr (vb_attrs_get (s->attrs, "age"), ==,
                               vb_attrs_get (doc->attrs, "age"));
              g_assert_cmpstr (vb_attrs_get (s->attrs, "grade"), ==,
                               vb_attrs_get (doc->attrs, "grade"));
            }
        }
      g_assert_cmpuint (switches, ==, 1);
      g_assert_cmpint (((VbSegment *) doc->segments->pdata[0])->phase, ==, VB_PHASE_SPONTANEOUS);
      g_assert_cmpuint (leaders, >, 0);
      g_assert_cmpuint (participants, >, 0);
      (*files)++;
    }
}

static void
test_examples (void)
{
  const char *top = g_getenv ("VB_TOP_SRCDIR");
  guint files = 0;
  check_example_dir (top ? top : ".", "interviews", FALSE, &files);
  check_example_dir (top ? top : ".", "groups", TRUE, &files);
  if (files == 0)
    g_test_skip ("no example data under data/ethical-standards");
}

/* Every fixture holds the invariants whichever importer reads it. */
static void
test_fixture_invariants (void)
{
  const char *top = g_getenv ("VB_TOP_SRCDIR");
  g_autofree char *dir = g_build_filename (top ? top : ".", "tests", "data", "import", NULL);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (d);
  const char *name;
  guint n = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".txt"))
        continue;
      g_autoptr (VbSource) src = load_fixture (name);
      for (int notes = 0; notes < 2; notes++)
        {
          g_autoptr (VbDocument) doc = import_source (src, notes, NULL, NULL);
          g_assert_cmpuint (doc->segments->len, >, 0);
          check_invariants (src, doc);
        }
      n++;
    }
  g_assert_cmpuint (n, >=, 18);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/header/fenced", test_header_fenced);
  g_test_add_func ("/import/header/unfenced", test_header_unfenced);
  g_test_add_func ("/import/header/not-header", test_header_not_header);
  g_test_add_func ("/import/header/edge-cases", test_header_edge_cases);
  g_test_add_func ("/import/labels/interviewer-respondent", test_labels_interviewer_respondent);
  g_test_add_func ("/import/labels/q-a", test_labels_qa);
  g_test_add_func ("/import/labels/timestamp", test_labels_timestamp);
  g_test_add_func ("/import/labels/upper-case", test_labels_upper);
  g_test_add_func ("/import/labels/bracket", test_labels_bracket);
  g_test_add_func ("/import/labels/alone", test_labels_alone);
  g_test_add_func ("/import/labels/named", test_labels_named);
  g_test_add_func ("/import/labels/shapes", test_labels_shapes);
  g_test_add_func ("/import/labels/accept-and-roles", test_labels_accept_and_roles);
  g_test_add_func ("/import/transcript/turns", test_transcript_turns);
  g_test_add_func ("/import/transcript/crlf-bom", test_transcript_crlf_bom);
  g_test_add_func ("/import/transcript/spacing", test_transcript_spacing);
  g_test_add_func ("/import/transcript/unicode", test_transcript_unicode);
  g_test_add_func ("/import/transcript/phase", test_transcript_phase_heading);
  g_test_add_func ("/import/transcript/before-label", test_transcript_before_label);
  g_test_add_func ("/import/transcript/moderators-option", test_transcript_moderators_option);
  g_test_add_func ("/import/empty-inputs", test_empty_inputs);
  g_test_add_func ("/import/notes/moderator-header", test_notes_moderator_header);
  g_test_add_func ("/import/notes/bullets", test_notes_bullets);
  g_test_add_func ("/import/notes/quotes", test_notes_quotes);
  g_test_add_func ("/import/notes/study-keys", test_notes_study_keys);
  g_test_add_func ("/import/notes/flipchart", test_notes_flipchart);
  g_test_add_func ("/import/notes/sections-and-phase", test_notes_sections_and_phase);
  g_test_add_func ("/import/notes/speakers", test_notes_speakers);
  g_test_add_func ("/import/detect", test_detect);
  g_test_add_func ("/import/qmsum/covid_0", test_qmsum_covid0);
  g_test_add_func ("/import/qmsum/all", test_qmsum_all);
  g_test_add_func ("/import/examples", test_examples);
  g_test_add_func ("/import/fixture-invariants", test_fixture_invariants);
  return g_test_run ();
}
