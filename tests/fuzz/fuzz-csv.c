/* fuzz-csv: a consultation export (vb_csv_import_run).  The first byte
 * picks the delimiter and whether bad rows are skipped; every answer the
 * stats count must be in the stream written, readable back. */
#include "fuzz.h"
#include "import/vb-import-csv.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size < 1)
    return 0;
  static const char *const delims[] = { ",", ";", "tab", "|" };
  const char *path = fuzz_file ("fuzz.csv", data + 1, size - 1);
  g_autoptr (VbCsvImport) ci = vb_csv_import_new ();
  fuzz_assert (vb_csv_import_set_delimiter (ci, delims[data[0] & 3], NULL));
  vb_csv_import_set_skip_bad_rows (ci, (data[0] & 4) != 0);
  if (data[0] & 8)
    {
      static const char *const attrs[] = { "2", NULL };
      vb_csv_import_set_id_column (ci, "1");
      vb_csv_import_set_attr_columns (ci, attrs);
    }
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream (&buf, &len);
  const char *paths[] = { path, NULL };
  g_autoptr (GError) err = NULL;
  gboolean ok = vb_csv_import_run (ci, paths, out, &err);
  fclose (out);
  if (ok)
    {
      const VbCsvStats *st = vb_csv_import_stats (ci);
      FILE *in = fmemopen (buf, len, "r");
      g_autoptr (VbStreamReader) r = vb_stream_reader_open_fp (in, "csv-out", &err);
      if (r == NULL)
        fprintf (stderr, "reading the stream written: %s\n", err->message);
      fuzz_assert (r != NULL);
      guint64 n = 0;
      VbSegment *seg;
      while (vb_stream_reader_next (r, &seg, &err))
        {
          fuzz_assert (seg->text[0] != '\0');
          vb_segment_free (seg);
          n++;
        }
      if (err != NULL)
        fprintf (stderr, "reading the stream written: %s\n", err->message);
      fuzz_assert (err == NULL);
      fuzz_assert (n == st->answers);
      fuzz_assert (st->bad_rows <= st->rows);
      g_clear_pointer (&r, vb_stream_reader_free);
      fclose (in);
    }
  free (buf);
  return 0;
}
