/* test-stream.c: the segments stream (vb-stream.h): field escaping, the
 * writer and reader round trip, the code list at the head of a coded
 * stream, the codes-only column, and the reader's error messages. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "base/vb-error.h"
#include "stream/vb-stream.h"

/* ---- helpers ---- */

/* A scratch directory per test, removed with its files afterwards. */
typedef struct {
  char *dir;
} Tmp;

static void
tmp_setup (Tmp *tmp, gconstpointer data)
{
  GError *error = NULL;
  tmp->dir = g_dir_make_tmp ("verba-test-stream-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (tmp->dir);
}

static void
tmp_teardown (Tmp *tmp, gconstpointer data)
{
  GDir *d = g_dir_open (tmp->dir, 0, NULL);
  g_assert_nonnull (d);
  const char *name;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (tmp->dir, name, NULL);
      g_assert_cmpint (g_remove (p), ==, 0);
    }
  g_dir_close (d);
  g_assert_cmpint (g_rmdir (tmp->dir), ==, 0);
  g_free (tmp->dir);
}

static char *
tmp_write (Tmp *tmp, const char *name, const char *data, gssize len)
{
  char *path = g_build_filename (tmp->dir, name, NULL);
  GError *error = NULL;
  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
  return path;
}

/* A stream held in memory, read through fmemopen. */
typedef struct {
  FILE *fp;
  VbStreamReader *r;
} Mem;

static void
mem_close (Mem *m)
{
  vb_stream_reader_free (m->r);
  if (m->fp)
    fclose (m->fp);
  m->r = NULL;
  m->fp = NULL;
}

static VbStreamReader *
mem_open (Mem *m, const char *data, const char *name, GError **error)
{
  m->fp = fmemopen ((void *) data, strlen (data), "r");
  g_assert_nonnull (m->fp);
  m->r = vb_stream_reader_open_fp (m->fp, name, error);
  return m->r;
}

/* The error the reader gives for data, at open or at the first segment
 * that fails. */
static char *
read_error (const char *data)
{
  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m, data, "in.tsv", &error);
  if (r != NULL)
    {
      VbSegment *seg = NULL;
      while (vb_stream_reader_next (r, &seg, &error))
        {
          g_assert_nonnull (seg);
          vb_segment_free (seg);
        }
      g_assert_null (seg);
    }
  mem_close (&m);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VB_ERROR);
  char *msg = g_strdup (error->message);
  g_error_free (error);
  return msg;
}

#define ASSERT_READ_ERROR(data, expected)        \
  G_STMT_START {                                 \
    char *got_ = read_error (data);              \
    g_assert_cmpstr (got_, ==, expected);        \
    g_free (got_);                               \
  } G_STMT_END

static void
assert_error_code (const char *data, int code)
{
  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m, data, "in.tsv", &error);
  VbSegment *seg = NULL;
  if (r != NULL)
    while (vb_stream_reader_next (r, &seg, &error))
      vb_segment_free (seg);
  mem_close (&m);
  g_assert_error (error, VB_ERROR, code);
  g_error_free (error);
}

/* Reads every segment of an open reader. */
static GPtrArray *
read_all (VbStreamReader *r)
{
  GPtrArray *segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  GError *error = NULL;
  VbSegment *seg = NULL;
  while (vb_stream_reader_next (r, &seg, &error))
    g_ptr_array_add (segs, seg);
  g_assert_no_error (error);
  g_assert_null (seg);
  /* The end stays the end. */
  g_assert_false (vb_stream_reader_next (r, &seg, &error));
  g_assert_no_error (error);
  g_assert_null (seg);
  return segs;
}

static void
assert_coding (const VbSegment *seg, guint i, const char *code, guint start, guint end,
               const char *source)
{
  g_assert_nonnull (seg->codings);
  g_assert_cmpuint (i, <, seg->codings->len);
  const VbCoding *c = &g_array_index (seg->codings, VbCoding, i);
  g_assert_cmpstr (c->code, ==, code);
  g_assert_cmpuint (c->start, ==, start);
  g_assert_cmpuint (c->end, ==, end);
  g_assert_cmpstr (c->source, ==, source);
}

/* ---- field escaping ---- */

static void
assert_escape (const char *raw, const char *escaped)
{
  g_autoptr (GString) out = g_string_new ("prefix:");
  vb_field_escape (out, raw);
  g_autofree char *want = g_strconcat ("prefix:", escaped, NULL);
  g_assert_cmpstr (out->str, ==, want); /* appends */

  g_autoptr (GString) back = g_string_new ("stale");
  g_assert_true (vb_field_unescape (escaped, strlen (escaped), back));
  g_assert_cmpstr (back->str, ==, raw); /* replaces */
}

static void
test_escape_round_trip (void)
{
  assert_escape ("", "");
  assert_escape ("plain text", "plain text");
  assert_escape ("a\tb", "a\\tb");
  assert_escape ("line one\nline two", "line one\\nline two");
  assert_escape ("cr\r\nlf", "cr\\r\\nlf");
  assert_escape ("back\\slash", "back\\\\slash");
  assert_escape ("\\t is not a tab", "\\\\t is not a tab");
  assert_escape ("\t\n\r\\", "\\t\\n\\r\\\\");
  assert_escape ("\\\\", "\\\\\\\\");
  assert_escape ("naïve “quotes” 😀", "naïve “quotes” 😀");
  /* Other control characters and ';' pass through. */
  assert_escape ("a;b\x01", "a;b\x01");
}

static void
test_unescape_len (void)
{
  /* Only len bytes are read. */
  g_autoptr (GString) out = g_string_new (NULL);
  g_assert_true (vb_field_unescape ("ab\\tcd", 4, out));
  g_assert_cmpstr (out->str, ==, "ab\t");
  g_assert_true (vb_field_unescape ("anything", 0, out));
  g_assert_cmpstr (out->str, ==, "");
  /* A backslash cut off by len is stray. */
  g_assert_false (vb_field_unescape ("ab\\tcd", 3, out));
}

static void
test_unescape_stray (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  const char *bad[] = { "\\", "abc\\", "\\x", "a\\ b", "\\N", "\\T", "\\0", "ok\\\\\\" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (vb_field_unescape (bad[i], strlen (bad[i]), out));
}

/* ---- codings field ---- */

static void
test_codings_format_parse (void)
{
  g_autoptr (VbSegment) seg = vb_segment_new ();
  vb_segment_add_coding (seg, "openness", 17, 21, "rule:openness/rule");
  vb_segment_add_coding (seg, "honesty", 0, 5, "coder:ann");
  vb_segment_add_coding (seg, "x", 3, 3, "");
  vb_segment_add_coding (seg, "y", 1, 2, "a;b;c");
  g_autoptr (GString) out = g_string_new (NULL);
  vb_codings_format (out, seg->codings);
  /* ';' separates codings, so one in a source becomes ','. */
  g_assert_cmpstr (out->str, ==,
                   "openness@17-21/rule:openness/rule;honesty@0-5/coder:ann;x@3-3/;y@1-2/a,b,c");

  g_autoptr (GString) none = g_string_new (NULL);
  vb_codings_format (none, NULL);
  g_assert_cmpstr (none->str, ==, "");

  /* Parsing replaces the codings the segment had. */
  g_autoptr (VbSegment) back = vb_segment_new ();
  vb_segment_add_coding (back, "old", 0, 1, "old");
  GError *error = NULL;
  g_assert_true (vb_codings_parse (back, out->str, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back->codings->len, ==, 4);
  assert_coding (back, 0, "openness", 17, 21, "rule:openness/rule");
  assert_coding (back, 1, "honesty", 0, 5, "coder:ann");
  assert_coding (back, 2, "x", 3, 3, "");
  assert_coding (back, 3, "y", 1, 2, "a,b,c");

  /* No "/SOURCE" is an empty source; a source may hold '@', '/' and '-'. */
  g_assert_true (vb_codings_parse (back, "a@1-2;b@0-10/coder:x@y/z-1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back->codings->len, ==, 2);
  assert_coding (back, 0, "a", 1, 2, "");
  assert_coding (back, 1, "b", 0, 10, "coder:x@y/z-1");

  /* An empty field is no codings. */
  g_assert_true (vb_codings_parse (back, "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (back->codings->len, ==, 0);
}

static void
test_codings_parse_errors (void)
{
  static const struct {
    const char *in;
    const char *item;
  } bad[] = {
    { "openness", "openness" },
    { "@1-2/x", "@1-2/x" },
    { "a@-2", "a@-2" },
    { "a@x-2", "a@x-2" },
    { "a@1", "a@1" },
    { "a@1-", "a@1-" },
    { "a@1-x", "a@1-x" },
    { "a@1-2x", "a@1-2x" },
    { "a@5-2", "a@5-2" },               /* end before start */
    { "a@0-4294967296", "a@0-4294967296" }, /* beyond a guint */
    { "a@1-2;b", "b" },                  /* the first bad item is named */
    { "a@1-2;;b@1-2", "" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (VbSegment) seg = vb_segment_new ();
      GError *error = NULL;
      g_assert_false (vb_codings_parse (seg, bad[i].in, &error));
      g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
      g_autofree char *want = g_strdup_printf (
          "bad coding '%s' (expected CODE@START-END/SOURCE)", bad[i].item);
      g_assert_cmpstr (error->message, ==, want);
      g_error_free (error);
    }
}

/* ---- writer and reader ---- */

/* Three segments covering the awkward cases. */
static GPtrArray *
sample_segments (void)
{
  GPtrArray *segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  VbSegment *s = vb_segment_new ();
  g_free (s->document);
  s->document = g_strdup ("s01");
  s->index = 1;
  g_free (s->speaker);
  s->speaker = g_strdup ("Ann");
  s->start = 0;
  s->end = 36;
  vb_attrs_set (s->attrs, "sector", "health", 2);
  vb_attrs_set (s->attrs, "age band", "35-44", 3);
  g_free (s->text);
  s->text = g_strdup ("They should be open.\nAnd honest\\fair\twith a tab\r.");
  vb_segment_add_coding (s, "openness", 15, 19, "rule:openness/rule");
  vb_segment_add_coding (s, "honesty", 25, 31, "coder:ann");
  vb_segment_add_coding (s, "openness", 0, 4, "coder:ann");
  g_ptr_array_add (segs, s);

  s = vb_segment_new ();
  g_free (s->document);
  s->document = g_strdup ("g1 (Zoë’s group)");
  s->index = 2;
  s->role = VB_ROLE_MODERATOR;
  s->phase = VB_PHASE_PROMPTED;
  s->start = G_GUINT64_CONSTANT (5000000000);
  s->end = G_GUINT64_CONSTANT (5000000020);
  vb_attrs_set (s->attrs, "sector", "", 0);     /* empty value */
  vb_attrs_set (s->attrs, "not written", "x", 0); /* not a stream column */
  g_free (s->text);
  s->text = g_strdup ("Café – “naïve” 日本語 😀");
  vb_segment_ensure_codings (s); /* coded, no codings */
  g_ptr_array_add (segs, s);

  s = vb_segment_new ();
  g_free (s->document);
  s->document = g_strdup ("s02");
  s->index = 3;
  g_free (s->speaker);
  s->speaker = g_strdup ("Zoë");
  s->role = VB_ROLE_INTERVIEWER;
  vb_attrs_set (s->attrs, "age band", "65+", 0);
  g_free (s->text);
  s->text = g_strdup ("");
  vb_segment_add_coding (s, "naïve-code", 0, 0, "coder:x;y");
  g_ptr_array_add (segs, s);
  return segs;
}

static const char *const sample_keys[] = { "sector", "age band", NULL };

static void
write_sample (FILE *fp, gboolean coded, const VbCodebook *cb)
{
  g_autoptr (GPtrArray) segs = sample_segments ();
  g_autoptr (VbStreamWriter) w = vb_stream_writer_new (fp, sample_keys, coded, cb);
  for (guint i = 0; i < segs->len; i++)
    {
      GError *error = NULL;
      g_assert_true (vb_stream_writer_write (w, segs->pdata[i], &error));
      g_assert_no_error (error);
    }
}

static void
check_sample (GPtrArray *segs, gboolean coded, guint first_line)
{
  g_assert_cmpuint (segs->len, ==, 3);

  const VbSegment *s = segs->pdata[0];
  g_assert_cmpstr (s->document, ==, "s01");
  g_assert_cmpuint (s->index, ==, 1);
  g_assert_cmpstr (s->speaker, ==, "Ann");
  g_assert_cmpint (s->role, ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (s->phase, ==, VB_PHASE_SPONTANEOUS);
  g_assert_cmpuint (s->start, ==, 0);
  g_assert_cmpuint (s->end, ==, 36);
  g_assert_cmpuint (s->line, ==, first_line);
  g_assert_cmpuint (vb_attrs_size (s->attrs), ==, 2);
  g_assert_cmpstr (vb_attrs_index (s->attrs, 0)->key, ==, "sector");
  g_assert_cmpstr (vb_attrs_index (s->attrs, 0)->value, ==, "health");
  g_assert_cmpstr (vb_attrs_index (s->attrs, 1)->key, ==, "age band");
  g_assert_cmpstr (vb_attrs_index (s->attrs, 1)->value, ==, "35-44");
  g_assert_cmpstr (s->text, ==, "They should be open.\nAnd honest\\fair\twith a tab\r.");
  if (coded)
    {
      g_assert_cmpuint (s->codings->len, ==, 3);
      assert_coding (s, 0, "openness", 15, 19, "rule:openness/rule");
      assert_coding (s, 1, "honesty", 25, 31, "coder:ann");
      assert_coding (s, 2, "openness", 0, 4, "coder:ann");
    }
  else
    g_assert_null (s->codings);

  s = segs->pdata[1];
  g_assert_cmpstr (s->document, ==, "g1 (Zoë’s group)");
  g_assert_cmpuint (s->index, ==, 2);
  g_assert_cmpstr (s->speaker, ==, "");
  g_assert_cmpint (s->role, ==, VB_ROLE_MODERATOR);
  g_assert_cmpint (s->phase, ==, VB_PHASE_PROMPTED);
  g_assert_cmpuint (s->start, ==, G_GUINT64_CONSTANT (5000000000));
  g_assert_cmpuint (s->end, ==, G_GUINT64_CONSTANT (5000000020));
  g_assert_cmpuint (s->line, ==, first_line + 1);
  /* An empty field is an attribute the segment does not have. */
  g_assert_cmpuint (vb_attrs_size (s->attrs), ==, 0);
  g_assert_null (vb_attrs_get (s->attrs, "sector"));
  g_assert_null (vb_attrs_get (s->attrs, "not written"));
  g_assert_cmpstr (s->text, ==, "Café – “naïve” 日本語 😀");
  if (coded)
    {
      g_assert_nonnull (s->codings);
      g_assert_cmpuint (s->codings->len, ==, 0);
    }
  else
    g_assert_null (s->codings);

  s = segs->pdata[2];
  g_assert_cmpstr (s->document, ==, "s02");
  g_assert_cmpuint (s->index, ==, 3);
  g_assert_cmpstr (s->speaker, ==, "Zoë");
  g_assert_cmpint (s->role, ==, VB_ROLE_INTERVIEWER);
  g_assert_cmpint (s->phase, ==, VB_PHASE_SPONTANEOUS);
  g_assert_cmpuint (s->line, ==, first_line + 2);
  g_assert_cmpuint (vb_attrs_size (s->attrs), ==, 1);
  g_assert_cmpstr (vb_attrs_get (s->attrs, "age band"), ==, "65+");
  g_assert_cmpstr (s->text, ==, "");
  if (coded)
    {
      g_assert_cmpuint (s->codings->len, ==, 1);
      assert_coding (s, 0, "naïve-code", 0, 0, "coder:x,y");
    }
  else
    g_assert_null (s->codings);
}

static void
test_writer_exact_text (Tmp *tmp, gconstpointer data)
{
  /* What the writer puts on disk, byte for byte. */
  g_autofree char *path = g_build_filename (tmp->dir, "out.tsv", NULL);
  FILE *fp = fopen (path, "w");
  g_assert_nonnull (fp);
  write_sample (fp, TRUE, NULL);
  g_assert_cmpint (fclose (fp), ==, 0);
  g_autofree char *got = NULL;
  g_assert_true (g_file_get_contents (path, &got, NULL, NULL));
  g_assert_cmpstr (got, ==,
                   "document\tsegment\tspeaker\trole\tphase\tstart\tend\tsector\tage band\tcodes\tcodings\ttext\n"
                   "s01\t1\tAnn\tparticipant\tspontaneous\t0\t36\thealth\t35-44\topenness;honesty\t"
                   "openness@15-19/rule:openness/rule;honesty@25-31/coder:ann;openness@0-4/coder:ann\t"
                   "They should be open.\\nAnd honest\\\\fair\\twith a tab\\r.\n"
                   "g1 (Zoë’s group)\t2\t\tmoderator\tprompted\t5000000000\t5000000020\t\t\t\t\t"
                   "Café – “naïve” 日本語 😀\n"
                   "s02\t3\tZoë\tinterviewer\tspontaneous\t0\t0\t\t65+\tnaïve-code\tnaïve-code@0-0/coder:x,y\t\n");
}

static void
test_writer_uncoded_header (void)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream (&buf, &len);
  g_assert_nonnull (fp);
  {
    g_autoptr (VbCodebook) cb = vb_codebook_new ("ignored", "Not written");
    vb_codebook_add (cb, "openness", VB_CODE_PRINCIPLE, "Openness", NULL, NULL);
    /* No attribute keys, uncoded: a codebook is not listed. */
    g_autoptr (VbStreamWriter) w = vb_stream_writer_new (fp, NULL, FALSE, cb);
  }
  g_assert_cmpint (fclose (fp), ==, 0);
  g_assert_cmpstr (buf, ==, "document\tsegment\tspeaker\trole\tphase\tstart\tend\ttext\n");
  free (buf);
}

static void
test_round_trip_file (Tmp *tmp, gconstpointer data)
{
  const gboolean coded_cases[] = { TRUE, FALSE };
  for (guint k = 0; k < G_N_ELEMENTS (coded_cases); k++)
    {
      gboolean coded = coded_cases[k];
      g_autofree char *path = g_build_filename (tmp->dir, coded ? "coded.tsv" : "plain.tsv", NULL);
      FILE *fp = fopen (path, "w");
      g_assert_nonnull (fp);
      write_sample (fp, coded, NULL);
      g_assert_cmpint (fclose (fp), ==, 0);

      GError *error = NULL;
      g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (r);
      g_assert_cmpstr (vb_stream_reader_path (r), ==, path);
      g_assert_true (vb_stream_reader_is_coded (r) == coded);
      g_assert_null (vb_stream_reader_codebook (r));
      const char *const *keys = vb_stream_reader_attr_keys (r);
      g_assert_nonnull (keys);
      g_assert_cmpuint (g_strv_length ((char **) keys), ==, 2);
      g_assert_cmpstr (keys[0], ==, "sector");
      g_assert_cmpstr (keys[1], ==, "age band");
      g_autoptr (GPtrArray) segs = read_all (r);
      check_sample (segs, coded, 2);
    }
}

static void
test_round_trip_memory (void)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&buf, &len);
  g_assert_nonnull (out);
  write_sample (out, TRUE, NULL);
  g_assert_cmpint (fclose (out), ==, 0);

  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m, buf, "<memory>", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vb_stream_reader_path (r), ==, "<memory>");
  g_assert_true (vb_stream_reader_is_coded (r));
  g_autoptr (GPtrArray) segs = read_all (r);
  check_sample (segs, TRUE, 2);
  mem_close (&m);
  free (buf);
}

static void
test_code_list (void)
{
  g_autoptr (VbCodebook) cb = vb_codebook_new ("mini", "Mini\tcodebook; with tab");
  const char *const links_scrutiny[] = { "openness", NULL };
  const char *const links_dignity[] = { "openness", "honesty", NULL };
  g_assert_true (vb_codebook_add (cb, "openness", VB_CODE_PRINCIPLE, "Openness", NULL, NULL));
  g_assert_true (vb_codebook_add (cb, "honesty", VB_CODE_PRINCIPLE, "Honesty", NULL, NULL));
  g_assert_true (vb_codebook_add (cb, "scrutiny", VB_CODE_THEME, "Scrutiny\nand checks", NULL,
                                  links_scrutiny));
  g_assert_true (vb_codebook_add (cb, "respect", VB_CODE_THEME, "Respect", NULL, NULL));
  g_assert_true (vb_codebook_add (cb, "dignity", VB_CODE_THEME, "Dignity", "respect",
                                  links_dignity));

  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&buf, &len);
  g_assert_nonnull (out);
  write_sample (out, TRUE, cb);
  g_assert_cmpint (fclose (out), ==, 0);
  g_assert_true (g_str_has_prefix (
      buf,
      "#verba-codebook\tmini\tMini\\tcodebook; with tab\n"
      "#verba-code\topenness\tprinciple\tOpenness\t\t\n"
      "#verba-code\thonesty\tprinciple\tHonesty\t\t\n"
      "#verba-code\tscrutiny\ttheme\tScrutiny\\nand checks\t\topenness\n"
      "#verba-code\trespect\ttheme\tRespect\t\t\n"
      "#verba-code\tdignity\ttheme\tDignity\trespect\topenness;honesty\n"
      "document\tsegment\t"));

  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m, buf, "coded.tsv", &error);
  g_assert_no_error (error);
  VbCodebook *rcb = vb_stream_reader_codebook (r);
  g_assert_nonnull (rcb);
  g_assert_cmpstr (vb_codebook_id (rcb), ==, "mini");
  g_assert_cmpstr (vb_codebook_title (rcb), ==, "Mini\tcodebook; with tab");
  g_assert_cmpuint (vb_codebook_n_codes (rcb), ==, 5);
  g_assert_cmpuint (vb_codebook_n_rules (rcb), ==, 0);

  static const struct {
    const char *id;
    VbCodeKind kind;
    const char *label;
    const char *parent;
    const char *links; /* joined with ';', NULL for none */
    guint depth;
  } want[] = {
    { "openness", VB_CODE_PRINCIPLE, "Openness", NULL, NULL, 0 },
    { "honesty", VB_CODE_PRINCIPLE, "Honesty", NULL, NULL, 0 },
    { "scrutiny", VB_CODE_THEME, "Scrutiny\nand checks", NULL, "openness", 0 },
    { "respect", VB_CODE_THEME, "Respect", NULL, NULL, 0 },
    { "dignity", VB_CODE_THEME, "Dignity", "respect", "openness;honesty", 1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      const VbCode *c = vb_codebook_code (rcb, i);
      g_assert_cmpstr (c->id, ==, want[i].id);
      g_assert_cmpint (c->kind, ==, want[i].kind);
      g_assert_cmpstr (c->label, ==, want[i].label);
      g_assert_cmpstr (c->parent, ==, want[i].parent);
      g_assert_cmpuint (c->depth, ==, want[i].depth);
      if (want[i].links == NULL)
        g_assert_null (c->principles);
      else
        {
          g_autofree char *joined = g_strjoinv (";", c->principles);
          g_assert_cmpstr (joined, ==, want[i].links);
        }
      g_assert_cmpint (vb_codebook_position (rcb, want[i].id), ==, (int) i);
      g_assert_true (vb_codebook_lookup (rcb, want[i].id) == c);
    }
  g_assert_true (vb_codebook_is_within (rcb, "dignity", "respect"));

  /* The segments after the code list are read as before, their lines
   * counted from the top of the file. */
  g_autoptr (GPtrArray) segs = read_all (r);
  check_sample (segs, TRUE, 8);
  mem_close (&m);
  free (buf);
}

static void
test_code_list_comments (void)
{
  /* Other '#' lines before the header are comments; an incomplete
   * #verba-codebook line is ignored. */
  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m,
                                "# made by hand\n"
                                "#verba-codebook\tonly-two\n"
                                "#\tcomment\twith\ttabs\n"
                                "document\ttext\n"
                                "d1\thello\n",
                                "c.tsv", &error);
  g_assert_no_error (error);
  g_assert_null (vb_stream_reader_codebook (r));
  g_assert_false (vb_stream_reader_is_coded (r));
  g_assert_cmpuint (g_strv_length ((char **) vb_stream_reader_attr_keys (r)), ==, 0);
  g_autoptr (GPtrArray) segs = read_all (r);
  g_assert_cmpuint (segs->len, ==, 1);
  const VbSegment *s = segs->pdata[0];
  g_assert_cmpstr (s->document, ==, "d1");
  g_assert_cmpstr (s->text, ==, "hello");
  g_assert_cmpuint (s->line, ==, 5);
  mem_close (&m);
}

static void
test_code_list_errors (void)
{
  ASSERT_READ_ERROR ("#verba-code\topenness\tprinciple\tOpenness\t\t\ndocument\ttext\n",
                     "in.tsv:1: a #verba-code line needs 6 fields after a #verba-codebook line");
  ASSERT_READ_ERROR ("#verba-codebook\tmini\tMini\n"
                     "#verba-code\topenness\tprinciple\tOpenness\t\n"
                     "document\ttext\n",
                     "in.tsv:2: a #verba-code line needs 6 fields after a #verba-codebook line");
  ASSERT_READ_ERROR ("#verba-codebook\tmini\tMini\n"
                     "#verba-code\topenness\ttopic\tOpenness\t\t\n"
                     "document\ttext\n",
                     "in.tsv:2: code kind 'topic' is not principle or theme");
  ASSERT_READ_ERROR ("#verba-codebook\tmini\tMini\n"
                     "#verba-code\topenness\tprinciple\tOpenness\t\t\n"
                     "#verba-code\topenness\ttheme\tAgain\t\t\n"
                     "document\ttext\n",
                     "in.tsv:3: code 'openness' is listed twice");
}

/* ---- the codes-only column ---- */

static void
test_codes_column (void)
{
  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m,
                                "document\tsegment\tcodes\ttext\n"
                                "d1\t1\topenness; honesty\tHello wörld\n"
                                "d1\t2\t\tnothing here\n"
                                "d2\t1\t ;scrutiny;\t😀 ok\n",
                                "codes.tsv", &error);
  g_assert_no_error (error);
  g_assert_true (vb_stream_reader_is_coded (r));
  g_assert_null (vb_stream_reader_codebook (r));
  g_autoptr (GPtrArray) segs = read_all (r);
  g_assert_cmpuint (segs->len, ==, 3);

  /* Each listed code codes the whole segment, in code points. */
  const VbSegment *s = segs->pdata[0];
  g_assert_cmpuint (s->codings->len, ==, 2);
  assert_coding (s, 0, "openness", 0, 11, "codes");
  assert_coding (s, 1, "honesty", 0, 11, "codes");
  g_assert_cmpuint (vb_attrs_size (s->attrs), ==, 0);

  s = segs->pdata[1];
  g_assert_nonnull (s->codings);
  g_assert_cmpuint (s->codings->len, ==, 0);

  s = segs->pdata[2];
  g_assert_cmpuint (s->codings->len, ==, 1);
  assert_coding (s, 0, "scrutiny", 0, 4, "codes");
  mem_close (&m);
}

static void
test_codings_win_over_codes (void)
{
  /* With both columns the codings column is the one read. */
  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m,
                                "document\tcodes\tcodings\ttext\n"
                                "d1\tignored\topenness@0-5/coder:a\tHello world\n",
                                "both.tsv", &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) segs = read_all (r);
  g_assert_cmpuint (segs->len, ==, 1);
  const VbSegment *s = segs->pdata[0];
  g_assert_cmpuint (s->codings->len, ==, 1);
  assert_coding (s, 0, "openness", 0, 5, "coder:a");
  mem_close (&m);
}

/* ---- a minimal and a hand-made stream ---- */

static void
test_minimal_stream (void)
{
  /* Only document and text: columns in any order, CRLF line ends, blank
   * lines and a missing final newline are all fine. */
  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m,
                                "text\tArea\tdocument\r\n"
                                "first\tnorth\tdoc-a\r\n"
                                "\r\n"
                                "\n"
                                "second\t\tdoc-b",
                                "min.tsv", &error);
  g_assert_no_error (error);
  g_assert_false (vb_stream_reader_is_coded (r));
  const char *const *keys = vb_stream_reader_attr_keys (r);
  g_assert_cmpuint (g_strv_length ((char **) keys), ==, 1);
  g_assert_cmpstr (keys[0], ==, "Area");
  g_autoptr (GPtrArray) segs = read_all (r);
  g_assert_cmpuint (segs->len, ==, 2);
  const VbSegment *s = segs->pdata[0];
  g_assert_cmpstr (s->document, ==, "doc-a");
  g_assert_cmpstr (s->text, ==, "first");
  g_assert_cmpuint (s->index, ==, 0);
  g_assert_cmpstr (s->speaker, ==, "");
  g_assert_cmpint (s->role, ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (s->phase, ==, VB_PHASE_SPONTANEOUS);
  g_assert_cmpstr (vb_attrs_get (s->attrs, "Area"), ==, "north");
  g_assert_cmpuint (s->line, ==, 2);
  g_assert_null (s->codings);
  s = segs->pdata[1];
  g_assert_cmpstr (s->document, ==, "doc-b");
  g_assert_cmpstr (s->text, ==, "second");
  g_assert_null (vb_attrs_get (s->attrs, "Area"));
  g_assert_cmpuint (s->line, ==, 5);
  mem_close (&m);
}

static void
test_empty_role_phase (void)
{
  /* Empty role, phase, start and end fields take the defaults. */
  Mem m = { 0 };
  GError *error = NULL;
  VbStreamReader *r = mem_open (&m,
                                "document\trole\tphase\tstart\tend\ttext\n"
                                "d\t\t\t\t\tt\n"
                                "d\tmoderator\tprompted\t007\t12\tt\n",
                                "e.tsv", &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) segs = read_all (r);
  g_assert_cmpuint (segs->len, ==, 2);
  const VbSegment *s = segs->pdata[0];
  g_assert_cmpint (s->role, ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (s->phase, ==, VB_PHASE_SPONTANEOUS);
  g_assert_cmpuint (s->start, ==, 0);
  g_assert_cmpuint (s->end, ==, 0);
  s = segs->pdata[1];
  g_assert_cmpint (s->role, ==, VB_ROLE_MODERATOR);
  g_assert_cmpint (s->phase, ==, VB_PHASE_PROMPTED);
  g_assert_cmpuint (s->start, ==, 7);
  g_assert_cmpuint (s->end, ==, 12);
  mem_close (&m);
}

/* ---- errors ---- */

#define HDR "document\tsegment\tspeaker\trole\tphase\tstart\tend\ttext\n"

static void
test_error_field_count (void)
{
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tspontaneous\t0\t4\ttext\n"
                         "d\t2\tA\tparticipant\tspontaneous\t4\t8\n",
                     "in.tsv:3: expected 8 tab-separated fields as in the header, found 7");
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tspontaneous\t0\t4\ttext\textra\n",
                     "in.tsv:2: expected 8 tab-separated fields as in the header, found 9");
  /* A line of white space is not a blank line. */
  ASSERT_READ_ERROR ("document\ttext\n \n",
                     "in.tsv:2: expected 2 tab-separated fields as in the header, found 1");
  assert_error_code ("document\ttext\nonly\n", VB_ERROR_PARSE);
}

static void
test_error_numbers (void)
{
  ASSERT_READ_ERROR (HDR "d\tone\tA\tparticipant\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:2: column 2 (segment): expected a number, found 'one'");
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tspontaneous\t0\t4\ttext\n"
                         "d\t-2\tA\tparticipant\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:3: column 2 (segment): expected a number, found '-2'");
  ASSERT_READ_ERROR (HDR "d\t\tA\tparticipant\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:2: column 2 (segment): expected a number, found ''");
  ASSERT_READ_ERROR (HDR "d\t 1\tA\tparticipant\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:2: column 2 (segment): expected a number, found ' 1'");
  ASSERT_READ_ERROR (HDR "d\t+1\tA\tparticipant\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:2: column 2 (segment): expected a number, found '+1'");
  ASSERT_READ_ERROR (HDR "d\t4294967296\tA\tparticipant\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:2: column 2 (segment): expected a number, found '4294967296'");
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tspontaneous\t12a\t4\ttext\n",
                     "in.tsv:2: column 6 (start): expected a number, found '12a'");
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tspontaneous\t1.5\t4\ttext\n",
                     "in.tsv:2: column 6 (start): expected a number, found '1.5'");
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tspontaneous\t0\tx\ttext\n",
                     "in.tsv:2: column 7 (end): expected a number, found 'x'");
  /* Columns are counted where they are in the header. */
  ASSERT_READ_ERROR ("text\tend\tdocument\nt\t-\td\n",
                     "in.tsv:2: column 2 (end): expected a number, found '-'");
  assert_error_code (HDR "d\tone\tA\tparticipant\tspontaneous\t0\t4\ttext\n", VB_ERROR_PARSE);
}

static void
test_error_offset_overflow (void)
{
  /* 2^64 does not fit the start column; it must not wrap or saturate. */
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tspontaneous\t18446744073709551616\t4\ttext\n",
                     "in.tsv:2: column 6 (start): expected a number, found '18446744073709551616'");
}

static void
test_error_role_phase (void)
{
  ASSERT_READ_ERROR (HDR "d\t1\tA\tchair\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:2: column 4 (role): 'chair' is not participant, moderator or interviewer");
  ASSERT_READ_ERROR (HDR "d\t1\tA\tModerator\tspontaneous\t0\t4\ttext\n",
                     "in.tsv:2: column 4 (role): 'Moderator' is not participant, moderator or interviewer");
  ASSERT_READ_ERROR (HDR "d\t1\tA\tparticipant\tlater\t0\t4\ttext\n",
                     "in.tsv:2: column 5 (phase): 'later' is not spontaneous or prompted");
  ASSERT_READ_ERROR ("phase\tdocument\ttext\nunprompted\td\tt\n",
                     "in.tsv:2: column 1 (phase): 'unprompted' is not spontaneous or prompted");
}

static void
test_error_header (void)
{
  ASSERT_READ_ERROR ("document\tsegment\tspeaker\n",
                     "in.tsv:1: not a segments stream: the header needs 'document' and 'text' "
                     "columns (see verba-formats(5))");
  ASSERT_READ_ERROR ("segment\ttext\n1\thello\n",
                     "in.tsv:1: not a segments stream: the header needs 'document' and 'text' "
                     "columns (see verba-formats(5))");
  ASSERT_READ_ERROR ("Document\tText\n",
                     "in.tsv:1: not a segments stream: the header needs 'document' and 'text' "
                     "columns (see verba-formats(5))");
  ASSERT_READ_ERROR ("document\tspeaker\ttext\tspeaker\n",
                     "in.tsv:1: column 'speaker' appears twice");
  ASSERT_READ_ERROR ("document\ttext\tdocument\n", "in.tsv:1: column 'document' appears twice");
  assert_error_code ("document\tspeaker\ttext\tspeaker\n", VB_ERROR_PARSE);
}

static void
test_error_header_line_after_code_list (void)
{
  /* The header is line 3 here, so that is the line to name. */
  g_autofree char *got = read_error ("#verba-codebook\tmini\tMini\n"
                                     "#verba-code\topenness\tprinciple\tOpenness\t\t\n"
                                     "document\tcodes\ttext\tcodes\n");
  if (g_strcmp0 (got, "in.tsv:3: column 'codes' appears twice") != 0)
    {
      g_autofree char *msg = g_strdup_printf (
          "BUG (src/libverba/stream/vb-stream-read.c reader_start): header errors always say line 1; "
          "with a code list before the header got '%s', want 'in.tsv:3: column 'codes' appears twice'",
          got);
      g_test_incomplete (msg);
      return;
    }
  g_autofree char *got2 = read_error ("# a comment\ndocument\tsegment\n");
  g_assert_cmpstr (got2, ==,
                   "in.tsv:2: not a segments stream: the header needs 'document' and 'text' "
                   "columns (see verba-formats(5))");
}

static void
test_error_codings (void)
{
  ASSERT_READ_ERROR ("document\tcodings\ttext\n"
                     "d\topenness@0-4/coder:a\ttext\n"
                     "d\topenness@3\ttext\n",
                     "in.tsv:3: column 2 (codings): bad coding 'openness@3' "
                     "(expected CODE@START-END/SOURCE)");
  ASSERT_READ_ERROR ("document\ttext\tcodes\tcodings\n"
                     "d\ttext\topenness\topenness:0-4\n",
                     "in.tsv:2: column 4 (codings): bad coding 'openness:0-4' "
                     "(expected CODE@START-END/SOURCE)");
  assert_error_code ("document\tcodings\ttext\nd\tx\tt\n", VB_ERROR_PARSE);
}

static void
test_error_escape (void)
{
  ASSERT_READ_ERROR ("document\ttext\nd\tC:\\temp\\x\n", "in.tsv:2: field 2: bad backslash escape");
  ASSERT_READ_ERROR ("document\ttext\nd\\\ttrailing\n", "in.tsv:2: field 1: bad backslash escape");
  ASSERT_READ_ERROR ("docu\\ment\ttext\n", "in.tsv:1: field 1: bad backslash escape");
}

static void
test_error_utf8 (void)
{
  /* Line, column and byte offset in the input, as documents give them. */
  ASSERT_READ_ERROR ("document\ttext\nd\tok\nd\tbad \xff byte\n",
                     "in.tsv:3:7: invalid UTF-8 (byte offset 25)");
  ASSERT_READ_ERROR ("document\ttext\xc3\n", "in.tsv:1:14: invalid UTF-8 (byte offset 13)");
  assert_error_code ("document\ttext\nd\t\xe2\x80\n", VB_ERROR_ENCODING);
  /* Latin-1 "café" is not UTF-8. */
  ASSERT_READ_ERROR ("document\ttext\nd\tcaf\xe9\n", "in.tsv:2:6: invalid UTF-8 (byte offset 19)");
}

static void
test_error_nul (Tmp *tmp, gconstpointer data)
{
  static const char bytes[] = "document\ttext\nd\tnul\0here\n";
  g_autofree char *path = tmp_write (tmp, "nul.tsv", bytes, sizeof bytes - 1);
  GError *error = NULL;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, &error);
  g_assert_no_error (error);
  VbSegment *seg = NULL;
  g_assert_false (vb_stream_reader_next (r, &seg, &error));
  g_assert_null (seg);
  g_assert_error (error, VB_ERROR, VB_ERROR_ENCODING);
  g_autofree char *want = g_strdup_printf ("%s:2:6: NUL byte in text (byte offset 19)", path);
  g_assert_cmpstr (error->message, ==, want);
  g_error_free (error);
}

static void
test_error_empty (Tmp *tmp, gconstpointer data)
{
  g_autofree char *path = tmp_write (tmp, "empty.tsv", "", 0);
  GError *error = NULL;
  VbStreamReader *r = vb_stream_reader_open (path, &error);
  g_assert_null (r);
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_autofree char *want =
      g_strdup_printf ("%s: empty input: expected a segments stream (see verba-formats(5))", path);
  g_assert_cmpstr (error->message, ==, want);
  g_clear_error (&error);

  /* Comments only is empty too. */
  ASSERT_READ_ERROR ("# nothing\n#verba-codebook\tx\tX\n",
                     "in.tsv: empty input: expected a segments stream (see verba-formats(5))");

  /* Through a FILE* as well. */
  FILE *fp = fopen (path, "r");
  g_assert_nonnull (fp);
  r = vb_stream_reader_open_fp (fp, "<stdin>", &error);
  g_assert_null (r);
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "<stdin>: empty input: expected a segments stream (see verba-formats(5))");
  g_clear_error (&error);
  fclose (fp);
}

static void
test_error_missing_file (Tmp *tmp, gconstpointer data)
{
  g_autofree char *path = g_build_filename (tmp->dir, "absent.tsv", NULL);
  GError *error = NULL;
  VbStreamReader *r = vb_stream_reader_open (path, &error);
  g_assert_null (r);
  g_assert_error (error, VB_ERROR, VB_ERROR_IO);
  g_autofree char *want = g_strdup_printf ("%s: cannot read: %s", path, g_strerror (ENOENT));
  g_assert_cmpstr (error->message, ==, want);
  g_error_free (error);
}

static void
test_header_only (Tmp *tmp, gconstpointer data)
{
  /* A header with no segments is an empty stream, not an error. */
  g_autofree char *path = tmp_write (tmp, "hdr.tsv", HDR, -1);
  GError *error = NULL;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, &error);
  g_assert_no_error (error);
  g_autoptr (GPtrArray) segs = read_all (r);
  g_assert_cmpuint (segs->len, ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) vb_stream_reader_attr_keys (r)), ==, 0);
}

/* ---- reading in blocks ---- */

/* Rows of every kind around a block boundary: 15, 16 and 17 bytes
 * (blocks of 16 bytes put them one short of, exactly on and one over a
 * block), CRLF and LF ends, blank lines of both kinds, NULs inside a row,
 * a last row without a line end.  Offsets counted by hand. */
static const char block_data[] =
  "document\ttext\n"            /* line 1, bytes 0-13 */
  "d\txxxxxxxxxxxxx\n"          /* line 2, bytes 14-29: 15 + LF */
  "d\tyyyyyyyyyyyyyy\r\n"       /* line 3, bytes 30-47: 16 + CRLF */
  "\n"                          /* line 4, byte 48: blank */
  "\r\n"                        /* line 5, bytes 49-50: blank */
  "d\tnul\0in\0line\n"          /* line 6, bytes 51-64: 13 with two NULs */
  "d\tzzzzzzzzzzzzzzz\n"        /* line 7, bytes 65-82: 17 + LF */
  "d\tlast";                    /* line 8, bytes 83-88: no line end */

typedef struct {
  guint line_no;
  guint64 start;
  const char *text;
  gsize len;
  guint64 bytes_after;
} WantLine;

static const WantLine block_want[] = {
  { 2, 14, "d\txxxxxxxxxxxxx", 15, 30 },
  { 3, 30, "d\tyyyyyyyyyyyyyy", 16, 48 },
  { 6, 51, "d\tnul\0in\0line", 13, 65 },
  { 7, 65, "d\tzzzzzzzzzzzzzzz", 17, 83 },
  { 8, 83, "d\tlast", 6, 89 },
};

static void
assert_block_lines (VbStreamReader *r, const char *what, gsize block)
{
  g_test_message ("%s, blocks of %" G_GSIZE_FORMAT " bytes", what, block);
  g_assert_cmpuint (vb_stream_reader_line_start (r), ==, 0);
  g_assert_cmpuint (vb_stream_reader_bytes_read (r), ==, 14);
  GError *error = NULL;
  const char *line;
  gsize len;
  guint line_no;
  for (guint i = 0; i < G_N_ELEMENTS (block_want); i++)
    {
      const WantLine *w = &block_want[i];
      g_assert_true (vb_stream_reader_next_line (r, &line, &len, &line_no, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (line_no, ==, w->line_no);
      g_assert_cmpuint (vb_stream_reader_line_start (r), ==, w->start);
      g_assert_cmpuint (len, ==, w->len);
      g_assert_cmpmem (line, len, w->text, w->len);
      g_assert_cmpint (line[len], ==, '\0');
      g_assert_cmpuint (vb_stream_reader_bytes_read (r), ==, w->bytes_after);
    }
  g_assert_false (vb_stream_reader_next_line (r, &line, &len, &line_no, &error));
  g_assert_no_error (error);
  g_assert_false (vb_stream_reader_next_line (r, &line, &len, &line_no, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vb_stream_reader_bytes_read (r), ==, sizeof block_data - 1);
}

static void
test_read_blocks (Tmp *tmp, gconstpointer data)
{
  g_autofree char *path = tmp_write (tmp, "blocks.tsv", block_data, sizeof block_data - 1);
  /* Every block size up to one that holds the whole input puts each
   * boundary at each byte, the CR/LF pair of line 3 split by one of them
   * (blocks of 47 bytes end on its CR); 0 is the default size. */
  for (gsize block = 0; block <= sizeof block_data; block++)
    {
      vb_stream_set_block_size (block);
      GError *error = NULL;
      Mem m = { 0 };
      m.fp = fmemopen ((void *) block_data, sizeof block_data - 1, "r");
      g_assert_nonnull (m.fp);
      m.r = vb_stream_reader_open_fp (m.fp, "mem", &error);
      g_assert_no_error (error);
      assert_block_lines (m.r, "fmemopen", block);
      mem_close (&m);

      VbStreamReader *r = vb_stream_reader_open (path, &error);
      g_assert_no_error (error);
      assert_block_lines (r, path, block);
      vb_stream_reader_free (r);
    }
  vb_stream_set_block_size (0);
}

/* Whole segments read the same through rows that straddle blocks, and
 * an encoding error names the byte offset of the row it is in. */
static void
test_read_blocks_segments (void)
{
  static const char stream[] =
    "document\tspeaker\ttext\n"
    "a\tP1\tfirst answer, long enough to cross a block\r\n"
    "\n"
    "b\tP2\tsecond\\tone\n"
    "c\tP3\tbad \xff byte";
  for (gsize block = 1; block <= sizeof stream; block++)
    {
      vb_stream_set_block_size (block);
      Mem m = { 0 };
      GError *error = NULL;
      VbStreamReader *r = mem_open (&m, stream, "in.tsv", &error);
      g_assert_no_error (error);
      VbSegment *seg = NULL;
      g_assert_true (vb_stream_reader_next (r, &seg, &error));
      g_assert_cmpstr (seg->document, ==, "a");
      g_assert_cmpstr (seg->speaker, ==, "P1");
      g_assert_cmpstr (seg->text, ==, "first answer, long enough to cross a block");
      g_assert_cmpuint (seg->line, ==, 2);
      vb_segment_free (seg);
      g_assert_true (vb_stream_reader_next (r, &seg, &error));
      g_assert_cmpstr (seg->document, ==, "b");
      g_assert_cmpstr (seg->text, ==, "second\tone");
      g_assert_cmpuint (seg->line, ==, 4);
      vb_segment_free (seg);
      /* Line 5 starts at byte 22 + 49 + 1 + 17 = 89; the 0xff is its 10th
       * byte. */
      g_assert_false (vb_stream_reader_next (r, &seg, &error));
      g_assert_error (error, VB_ERROR, VB_ERROR_ENCODING);
      g_assert_cmpstr (error->message, ==, "in.tsv:5:10: invalid UTF-8 (byte offset 98)");
      g_clear_error (&error);
      mem_close (&m);
    }
  vb_stream_set_block_size (0);
}

/* The row limit at its edge: VB_STREAM_ROW_MAX_BYTES before a CRLF end,
 * or one byte more before an LF (the '\r' of a CRLF row), is taken;
 * one byte more than that fails, naming the row's line. */
static void
test_read_row_limit (void)
{
  const gsize max = VB_STREAM_ROW_MAX_BYTES;
  static const char head[] = "document\ttext\nd\t", tail[] = "\r\nd\tnext\n";
  gsize total = (sizeof head - 1) + (max - 2) + (sizeof tail - 1);
  char *data = g_malloc (total);
  memcpy (data, head, sizeof head - 1);
  memset (data + sizeof head - 1, 'a', max - 2);
  memcpy (data + total - (sizeof tail - 1), tail, sizeof tail - 1);
  char *cr = data + total - (sizeof tail - 1), *lf = cr + 1;

  for (guint variant = 0; variant < 3; variant++)
    {
      if (variant == 1)
        *cr = 'a'; /* max + 1 bytes, then LF */
      if (variant == 2)
        *lf = 'a'; /* max + 2 bytes and more before the next LF */
      FILE *fp = fmemopen (data, total, "r");
      g_assert_nonnull (fp);
      GError *error = NULL;
      VbStreamReader *r = vb_stream_reader_open_fp (fp, "in.tsv", &error);
      g_assert_no_error (error);
      const char *line;
      gsize len;
      guint line_no;
      gboolean got = vb_stream_reader_next_line (r, &line, &len, &line_no, &error);
      if (variant < 2)
        {
          g_assert_no_error (error);
          g_assert_true (got);
          g_assert_cmpuint (line_no, ==, 2);
          g_assert_cmpuint (len, ==, max + variant);
          g_assert_cmpuint (vb_stream_reader_line_start (r), ==, 14);
          g_assert_true (vb_stream_reader_next_line (r, &line, &len, &line_no, &error));
          g_assert_cmpuint (line_no, ==, 3);
          g_assert_cmpmem (line, len, "d\tnext", 6);
          g_assert_cmpuint (vb_stream_reader_line_start (r), ==, 14 + max + 2);
        }
      else
        {
          g_assert_false (got);
          g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
          g_assert_cmpstr (error->message, ==,
                           "in.tsv:2: row is longer than 64 MiB, the limit for a stream row "
                           "(VB_STREAM_ROW_MAX_BYTES; see SECURITY.md)");
          g_clear_error (&error);
        }
      vb_stream_reader_free (r);
      fclose (fp);
    }
  g_free (data);
}

/* A read that fails names the file and the system's reason. */
static void
test_error_read (Tmp *tmp, gconstpointer data)
{
  GError *error = NULL;
  /* fopen takes a directory on Linux; the first read fails. */
  VbStreamReader *r = vb_stream_reader_open (tmp->dir, &error);
  g_assert_null (r);
  g_assert_error (error, VB_ERROR, VB_ERROR_IO);
  g_autofree char *want = g_strdup_printf ("%s: cannot read: %s", tmp->dir, g_strerror (EISDIR));
  g_assert_cmpstr (error->message, ==, want);
  g_error_free (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stream/escape/round-trip", test_escape_round_trip);
  g_test_add_func ("/stream/escape/len", test_unescape_len);
  g_test_add_func ("/stream/escape/stray", test_unescape_stray);
  g_test_add_func ("/stream/codings/format-parse", test_codings_format_parse);
  g_test_add_func ("/stream/codings/parse-errors", test_codings_parse_errors);
  g_test_add ("/stream/writer/exact-text", Tmp, NULL, tmp_setup, test_writer_exact_text,
              tmp_teardown);
  g_test_add_func ("/stream/writer/uncoded-header", test_writer_uncoded_header);
  g_test_add ("/stream/round-trip/file", Tmp, NULL, tmp_setup, test_round_trip_file,
              tmp_teardown);
  g_test_add_func ("/stream/round-trip/memory", test_round_trip_memory);
  g_test_add_func ("/stream/code-list/round-trip", test_code_list);
  g_test_add_func ("/stream/code-list/comments", test_code_list_comments);
  g_test_add_func ("/stream/code-list/errors", test_code_list_errors);
  g_test_add_func ("/stream/codes/whole-segment", test_codes_column);
  g_test_add_func ("/stream/codes/codings-win", test_codings_win_over_codes);
  g_test_add_func ("/stream/read/minimal", test_minimal_stream);
  g_test_add_func ("/stream/read/empty-role-phase", test_empty_role_phase);
  g_test_add ("/stream/read/header-only", Tmp, NULL, tmp_setup, test_header_only, tmp_teardown);
  g_test_add_func ("/stream/error/field-count", test_error_field_count);
  g_test_add_func ("/stream/error/numbers", test_error_numbers);
  g_test_add_func ("/stream/error/offset-overflow", test_error_offset_overflow);
  g_test_add_func ("/stream/error/role-phase", test_error_role_phase);
  g_test_add_func ("/stream/error/header", test_error_header);
  g_test_add_func ("/stream/error/header-line-after-code-list",
                   test_error_header_line_after_code_list);
  g_test_add_func ("/stream/error/codings", test_error_codings);
  g_test_add_func ("/stream/error/escape", test_error_escape);
  g_test_add_func ("/stream/error/utf8", test_error_utf8);
  g_test_add ("/stream/error/nul", Tmp, NULL, tmp_setup, test_error_nul, tmp_teardown);
  g_test_add ("/stream/error/empty", Tmp, NULL, tmp_setup, test_error_empty, tmp_teardown);
  g_test_add ("/stream/error/missing-file", Tmp, NULL, tmp_setup, test_error_missing_file,
              tmp_teardown);
  g_test_add ("/stream/read/blocks", Tmp, NULL, tmp_setup, test_read_blocks, tmp_teardown);
  g_test_add_func ("/stream/read/blocks-segments", test_read_blocks_segments);
  g_test_add_func ("/stream/read/row-limit", test_read_row_limit);
  g_test_add ("/stream/error/read", Tmp, NULL, tmp_setup, test_error_read, tmp_teardown);
  return g_test_run ();
}
