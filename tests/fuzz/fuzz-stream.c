/* fuzz-stream: a segments stream, coded or not (vb_stream_reader), and
 * what it held written back out and read again unchanged. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  FILE *in = fmemopen ((void *) data, size, "r");
  if (in == NULL) /* glibc refuses an empty buffer */
    return 0;
  g_autoptr (GError) err = NULL;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open_fp (in, "fuzz.tsv", &err);
  if (r == NULL)
    {
      fuzz_assert (err != NULL);
      fclose (in);
      return 0;
    }
  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  VbSegment *seg;
  while (segs->len < 10000 && vb_stream_reader_next (r, &seg, &err))
    g_ptr_array_add (segs, seg);
  if (!vb_stream_reader_is_coded (r))
    fuzz_check_roundtrip (segs);
  g_clear_pointer (&r, vb_stream_reader_free);
  fclose (in);
  return 0;
}
