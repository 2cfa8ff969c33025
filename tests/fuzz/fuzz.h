/* fuzz.h: what every harness in tests/fuzz/ shares (see tests/fuzz/README).
 *
 * A harness is one file, tests/fuzz/fuzz-NAME.c, that includes this header
 * and defines LLVMFuzzerTestOneInput.  Built by `configure --enable-fuzzing`
 * (clang), libFuzzer drives it.  Built by any other configure, the main()
 * below drives it instead: it runs the harness once on every file named on
 * its command line (directories: every file in them), so `make check`
 * replays the seeds and every input that once found a bug, under gcc, and
 * under ASan/UBSan in `make check-sanitizers`. */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "code/vb-coder.h"
#include "codebook/vb-codebook-forms.h"
#include "stream/vb-stream.h"
#include "base/vb-xml.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A GLib critical or warning (a g_return_if_fail in the library, a GError
 * set twice) is a bug the fuzzer must stop at, like a crash.  It aborts
 * rather than trap as fatal log levels do: libFuzzer saves the input that
 * aborted, not one that trapped (a finding of run 11 was lost so). */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags level, const GLogField *fields, gsize n, gpointer data)
{
  GLogWriterOutput r = g_log_writer_standard_streams (level, fields, n, data);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return r;
}

static inline void
fuzz_init (void)
{
  static gboolean done = FALSE;
  if (done)
    return;
  done = TRUE;
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* For the loaders that only take a path: the bytes written to a file in a
 * directory of this process's own (named NAME there, since some loaders
 * look at the name).  The path stays valid until the next call. */
static inline const char *
fuzz_file (const char *name, const uint8_t *data, size_t size)
{
  static char *dir = NULL;
  static char *path = NULL;
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("verba-fuzz-XXXXXX", NULL);
      if (dir == NULL)
        abort ();
    }
  if (path != NULL)
    {
      g_unlink (path);
      g_free (path);
    }
  path = g_build_filename (dir, name, NULL);
  FILE *fp = fopen (path, "wb");
  if (fp == NULL || (size > 0 && fwrite (data, 1, size, fp) != size) || fclose (fp) != 0)
    abort ();
  return path;
}

/* The bytes as a NUL-terminated string (NUL bytes inside are kept: the
 * string just ends early, as it would for a C caller). */
static inline char *
fuzz_strndup (const uint8_t *data, size_t size)
{
  char *s = g_malloc (size + 1);
  memcpy (s, data, size);
  s[size] = '\0';
  return s;
}

/* Property failures are reported like crashes, with what went wrong. */
#define fuzz_assert(cond)                                                         \
  do                                                                              \
    if (!(cond))                                                                  \
      {                                                                           \
        fprintf (stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, \
                 #cond);                                                          \
        abort ();                                                                 \
      }                                                                           \
  while (0)

/* No lost verbatims: segments written as a stream and read back are the
 * same segments, field by field.  Attribute columns are the union of the
 * segments' keys, in order of first appearance. */
static inline void
fuzz_check_roundtrip (GPtrArray *segments)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTable *seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < segments->len; i++)
    {
      const VbSegment *seg = segments->pdata[i];
      for (guint k = 0; k < vb_attrs_size (seg->attrs); k++)
        {
          const char *key = vb_attrs_index (seg->attrs, k)->key;
          if (g_hash_table_add (seen, (gpointer) key))
            g_ptr_array_add (keys, (gpointer) key);
        }
    }
  g_ptr_array_add (keys, NULL);

  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream (&buf, &len);
  VbStreamWriter *w = vb_stream_writer_new (fp, (const char *const *) keys->pdata, FALSE, NULL);
  for (guint i = 0; i < segments->len; i++)
    fuzz_assert (vb_stream_writer_write (w, segments->pdata[i], NULL));
  vb_stream_writer_free (w);
  fclose (fp);

  FILE *in = fmemopen (buf, len, "r");
  GError *err = NULL;
  VbStreamReader *r = vb_stream_reader_open_fp (in, "roundtrip", &err);
  if (r == NULL)
    fprintf (stderr, "roundtrip: %s\n", err->message);
  fuzz_assert (r != NULL);
  for (guint i = 0; i < segments->len; i++)
    {
      const VbSegment *a = segments->pdata[i];
      VbSegment *b = NULL;
      gboolean got = vb_stream_reader_next (r, &b, &err);
      if (!got && err != NULL)
        fprintf (stderr, "roundtrip: %s\n", err->message);
      fuzz_assert (got);
      fuzz_assert (strcmp (a->document, b->document) == 0);
      fuzz_assert (a->index == b->index);
      fuzz_assert (strcmp (a->speaker, b->speaker) == 0);
      fuzz_assert (a->role == b->role && a->phase == b->phase);
      fuzz_assert (a->start == b->start && a->end == b->end);
      fuzz_assert (strcmp (a->text, b->text) == 0);
      for (guint k = 0; k < vb_attrs_size (a->attrs); k++)
        {
          const VbAttr *at = vb_attrs_index (a->attrs, k);
          const char *v = vb_attrs_get (b->attrs, at->key);
          /* An empty value is written as an empty field, read as unset. */
          fuzz_assert (at->value[0] == '\0' ? v == NULL : v != NULL && strcmp (v, at->value) == 0);
        }
      vb_segment_free (b);
    }
  VbSegment *extra = NULL;
  fuzz_assert (!vb_stream_reader_next (r, &extra, &err) && err == NULL);
  vb_stream_reader_free (r);
  fclose (in);
  free (buf);
  g_hash_table_unref (seen);
  g_ptr_array_unref (keys);
}

/* A codebook that loads codes a few segments: spans inside the text, every
 * code known. */
static inline void
fuzz_check_coding (const VbCodebook *cb)
{
  static const char *const texts[] = {
    "Openness matters: be open and transparent about decisions.",
    "They should be accountable, honest and act with integrity.",
    "Nothing to see here. Selfless leadership? Objectivity! Value for money.",
  };
  GPtrArray *segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->text);
      seg->text = g_strdup (texts[i]);
      seg->role = i == 2 ? VB_ROLE_MODERATOR : VB_ROLE_PARTICIPANT;
      g_ptr_array_add (segs, seg);
    }
  VbCoder *coder = vb_coder_new (cb);
  vb_coder_code_document (coder, segs);
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      guint len = (guint) g_utf8_strlen (seg->text, -1);
      for (guint k = 0; k < seg->codings->len; k++)
        {
          const VbCoding *c = &g_array_index (seg->codings, VbCoding, k);
          fuzz_assert (c->start <= c->end && c->end <= len);
          fuzz_assert (vb_codebook_lookup (cb, c->code) != NULL);
        }
    }
  vb_coder_free (coder);
  g_ptr_array_unref (segs);
}

/* Two codebooks hold the same codes, field by field, in the same order. */
static inline void
fuzz_check_same_codes (const VbCodebook *a, const VbCodebook *b, gboolean any_order)
{
  if (vb_codebook_n_codes (a) != vb_codebook_n_codes (b))
    fprintf (stderr, "codes: %u, read back: %u\n", vb_codebook_n_codes (a), vb_codebook_n_codes (b));
  fuzz_assert (vb_codebook_n_codes (a) == vb_codebook_n_codes (b));
  for (guint i = 0; i < vb_codebook_n_codes (a); i++)
    {
      const VbCode *x = vb_codebook_code (a, i);
      const VbCode *y = any_order ? vb_codebook_lookup (b, x->id) : vb_codebook_code (b, i);
      fuzz_assert (y != NULL);
      if (strcmp (x->id, y->id) != 0)
        fprintf (stderr, "code %u: '%s', read back '%s'\n", i, x->id, y->id);
      fuzz_assert (strcmp (x->id, y->id) == 0);
      fuzz_assert (x->kind == y->kind && x->scope == y->scope);
      fuzz_assert (g_strcmp0 (x->label, y->label) == 0);
      fuzz_assert (g_strcmp0 (x->parent, y->parent) == 0);
      fuzz_assert (g_strcmp0 (x->description, y->description) == 0);
      fuzz_assert (g_strcmp0 (x->include, y->include) == 0);
      fuzz_assert (g_strcmp0 (x->exclude, y->exclude) == 0);
      fuzz_assert (g_strcmp0 (x->colour, y->colour) == 0);
      fuzz_assert ((x->examples ? g_strv_length (x->examples) : 0)
                   == (y->examples ? g_strv_length (y->examples) : 0));
      for (guint k = 0; x->examples && x->examples[k]; k++)
        fuzz_assert (strcmp (x->examples[k], y->examples[k]) == 0);
      fuzz_assert ((x->principles ? g_strv_length (x->principles) : 0)
                   == (y->principles ? g_strv_length (y->principles) : 0));
      for (guint k = 0; x->principles && x->principles[k]; k++)
        fuzz_assert (strcmp (x->principles[k], y->principles[k]) == 0);
      fuzz_assert (x->rules->len == y->rules->len);
      for (guint k = 0; k < x->rules->len; k++)
        {
          const VbCodeRule *r = x->rules->pdata[k], *q = y->rules->pdata[k];
          fuzz_assert (strcmp (r->name, q->name) == 0 && strcmp (r->expr, q->expr) == 0);
        }
    }
}

/* A codebook read from another format converts to verba's own format and
 * to a REFI-QDA .qdc, and each reads back with the same codes.  Not for a
 * codebook with imports: the native file names them instead of holding
 * their codes. */
static inline void
fuzz_check_codebook_conversions (const VbCodebook *cb)
{
  if (vb_codebook_get_meta (cb, "import") != NULL)
    return;
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    if (g_strcmp0 (vb_codebook_code (cb, i)->origin, vb_codebook_id (cb)) != 0)
      return;
  GError *err = NULL;
  GString *out = g_string_new (NULL);
  vb_codebook_write_native (cb, out);
  const char *path = fuzz_file ("fuzz-native.codebook", (const uint8_t *) out->str, out->len);
  VbCodebook *back = vb_codebook_load (path, NULL, &err);
  if (back == NULL)
    fprintf (stderr, "native:\n%s\nreads back as: %s\n", out->str, err->message);
  fuzz_assert (back != NULL);
  fuzz_check_same_codes (cb, back, FALSE);
  vb_codebook_free (back);

  /* A character XML cannot hold is written as U+FFFD: the .qdc still
   * reads, but not as the same text.  The native file holds every field
   * (tab, LF and CR escaped). */
  gboolean xml_ok = TRUE;
  for (const char *p = out->str; *p && xml_ok; p = g_utf8_next_char (p))
    xml_ok = vb_xml_char_ok (g_utf8_get_char (p));
  g_string_truncate (out, 0);
  vb_codebook_write_qdc (cb, out);
  path = fuzz_file ("fuzz-roundtrip.qdc", (const uint8_t *) out->str, out->len);
  back = vb_codebook_load_qdc (path, &err);
  if (back == NULL)
    fprintf (stderr, "qdc:\n%s\nreads back as: %s\n", out->str, err->message);
  fuzz_assert (back != NULL);
  /* A .qdc nests codes under their parents: the order read back is the
   * tree's, which differs when a code comes before its parent or a
   * principle sits inside a theme (open: tests/fuzz/README, run 6). */
  if (xml_ok)
    fuzz_check_same_codes (cb, back, TRUE);
  else
    fuzz_assert (vb_codebook_n_codes (back) == vb_codebook_n_codes (cb));
  vb_codebook_free (back);
  g_string_free (out, TRUE);
}

#ifdef VB_LIBFUZZER
int LLVMFuzzerInitialize (int *argc, char ***argv);
int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  (void) argc;
  (void) argv;
  fuzz_init ();
  return 0;
}
#else
static int
fuzz_replay_file (const char *path)
{
  gchar *data = NULL;
  gsize len = 0;
  GError *err = NULL;
  if (!g_file_get_contents (path, &data, &len, &err))
    {
      fprintf (stderr, "%s\n", err->message);
      g_error_free (err);
      return 1;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
  g_free (data);
  return 0;
}

static gint
fuzz_cmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

int
main (int argc, char **argv)
{
  fuzz_init ();
  guint n = 0;
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          if (fuzz_replay_file (argv[i]) != 0)
            return 1;
          n++;
          continue;
        }
      GDir *dir = g_dir_open (argv[i], 0, NULL);
      if (dir == NULL)
        return 1;
      GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (files, g_build_filename (argv[i], name, NULL));
      g_dir_close (dir);
      g_ptr_array_sort (files, fuzz_cmp);
      for (guint k = 0; k < files->len; k++)
        {
          if (fuzz_replay_file (files->pdata[k]) != 0)
            return 1;
          n++;
        }
      g_ptr_array_unref (files);
    }
  printf ("%s: %u inputs run\n", argv[0], n);
  return 0;
}
#endif
