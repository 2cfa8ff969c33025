/* fuzz-qdpx: a REFI-QDA project (vb_qdpx_read: zip, project.qde, sources);
 * every coding lies inside its segment's text and names a code of the
 * project's codebook; the coded stream written (vb_qdpx_write_stream)
 * reads back with the same segments, the same codings and the same code
 * list in its header. */
#include "fuzz.h"
#include "zip-mutator.h"
#include "refi/vb-qdpx.h"

static void
warn_count (gpointer data, const char *path, guint line, const char *message)
{
  (void) path;
  (void) line;
  fuzz_assert (g_utf8_validate (message, -1, NULL));
  (*(guint *) data)++;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file ("fuzz.qdpx", data, size);
  g_autoptr (GError) err = NULL;
  guint warnings = 0;
  VbImportOptions opts = { 0 };
  opts.warn = warn_count;
  opts.warn_data = &warnings;
  g_autoptr (VbQdpx) q = vb_qdpx_read (path, &opts, &err);
  if (q == NULL)
    {
      fuzz_assert (err != NULL);
      return 0;
    }
  fuzz_assert (q->n_unplaced <= q->n_selections);
  for (guint d = 0; d < q->documents->len; d++)
    {
      const VbDocument *doc = q->documents->pdata[d];
      for (guint s = 0; s < doc->segments->len; s++)
        {
          const VbSegment *seg = doc->segments->pdata[s];
          guint len = (guint) g_utf8_strlen (seg->text, -1);
          fuzz_assert (g_utf8_validate (seg->text, -1, NULL));
          for (guint k = 0; seg->codings && k < seg->codings->len; k++)
            {
              const VbCoding *c = &g_array_index (seg->codings, VbCoding, k);
              fuzz_assert (c->start <= c->end && c->end <= len);
              fuzz_assert (vb_codebook_lookup (q->codebook, c->code) != NULL);
            }
        }
    }

  char *buf = NULL;
  size_t blen = 0;
  FILE *fp = open_memstream (&buf, &blen);
  gboolean wrote = vb_qdpx_write_stream (q, NULL, fp, &err);
  fclose (fp);
  if (!wrote)
    fprintf (stderr, "write: %s\n", err->message);
  fuzz_assert (wrote);

  FILE *in = fmemopen (buf, blen, "r");
  g_autoptr (VbStreamReader) r = vb_stream_reader_open_fp (in, "roundtrip", &err);
  if (r == NULL)
    fprintf (stderr, "roundtrip: %s\n", err->message);
  fuzz_assert (r != NULL && vb_stream_reader_is_coded (r));
  VbCodebook *cb = vb_stream_reader_codebook (r);
  fuzz_assert (cb != NULL && vb_codebook_n_codes (cb) == vb_codebook_n_codes (q->codebook));
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *a = vb_codebook_code (q->codebook, i), *b = vb_codebook_code (cb, i);
      fuzz_assert (strcmp (a->id, b->id) == 0);
      fuzz_assert (g_strcmp0 (a->parent, b->parent) == 0);
    }
  for (guint d = 0; d < q->documents->len; d++)
    {
      const VbDocument *doc = q->documents->pdata[d];
      for (guint s = 0; s < doc->segments->len; s++)
        {
          const VbSegment *a = doc->segments->pdata[s];
          VbSegment *b = NULL;
          gboolean got = vb_stream_reader_next (r, &b, &err);
          if (!got && err != NULL)
            fprintf (stderr, "roundtrip: %s\n", err->message);
          fuzz_assert (got);
          fuzz_assert (strcmp (a->document, b->document) == 0 && a->index == b->index);
          fuzz_assert (strcmp (a->text, b->text) == 0);
          fuzz_assert (strcmp (a->speaker, b->speaker) == 0 && a->role == b->role);
          guint na = a->codings ? a->codings->len : 0;
          fuzz_assert (b->codings != NULL && b->codings->len == na);
          for (guint k = 0; k < na; k++)
            {
              const VbCoding *x = &g_array_index (a->codings, VbCoding, k);
              const VbCoding *y = &g_array_index (b->codings, VbCoding, k);
              fuzz_assert (strcmp (x->code, y->code) == 0);
              fuzz_assert (x->start == y->start && x->end == y->end);
              fuzz_assert (g_strcmp0 (x->source, y->source) == 0);
            }
          vb_segment_free (b);
        }
    }
  VbSegment *extra = NULL;
  fuzz_assert (!vb_stream_reader_next (r, &extra, &err) && err == NULL);
  g_clear_pointer (&r, vb_stream_reader_free);
  fclose (in);
  free (buf);
  return 0;
}

#ifdef VB_LIBFUZZER
size_t LLVMFuzzerCustomMutator (uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t
LLVMFuzzerCustomMutator (uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
  return fuzz_zip_mutate (data, size, max_size, seed, 0);
}
#endif
