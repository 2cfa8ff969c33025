/* fuzz-subtitles: the same bytes as WebVTT (vb_import_vtt) and as SubRip
 * (vb_import_srt); segments that import go through the stream and back
 * unchanged, lie inside the text (start <= end), and carry a cue_start no
 * later than their cue_end. */
#include "fuzz.h"
#include "import/vb-import.h"

static void
check (const VbSource *src, gboolean vtt)
{
  g_autoptr (GError) err = NULL;
  VbImportOptions opts = { 0 };
  g_autoptr (VbDocument) doc = vb_document_new ("fuzz", vtt ? "fuzz.vtt" : "fuzz.srt",
                                                vtt ? "vtt" : "srt");
  gboolean ok = vtt ? vb_import_vtt (src, &opts, doc, &err) : vb_import_srt (src, &opts, doc, &err);
  if (!ok)
    {
      fuzz_assert (err != NULL);
      return;
    }
  fuzz_assert (err == NULL);
  for (guint i = 0; i < doc->segments->len; i++)
    {
      const VbSegment *seg = doc->segments->pdata[i];
      fuzz_assert (seg->start <= seg->end);
      fuzz_assert (g_utf8_validate (seg->text, -1, NULL));
      const char *a = vb_attrs_get (seg->attrs, "cue_start");
      const char *b = vb_attrs_get (seg->attrs, "cue_end");
      /* HH:MM:SS.mmm with HH of any width: a longer one is later. */
      fuzz_assert (a != NULL && b != NULL);
      fuzz_assert (strlen (a) < strlen (b) || (strlen (a) == strlen (b) && strcmp (a, b) <= 0));
    }
  fuzz_check_roundtrip (doc->segments);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (VbSource) vtt = vb_source_new ("fuzz.vtt", (const char *) data, size, &err);
  if (vtt == NULL)
    return 0;
  g_autoptr (VbSource) srt = vb_source_new ("fuzz.srt", (const char *) data, size, &err);
  fuzz_assert (srt != NULL);
  check (vtt, TRUE);
  check (srt, FALSE);
  return 0;
}
