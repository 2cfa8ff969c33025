/* fuzz-transcript: a transcript file (vb_import_transcript), then its
 * segments through the stream and back unchanged. */
#include "fuzz.h"
#include "import/vb-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (VbSource) src = vb_source_new ("fuzz.txt", (const char *) data, size, &err);
  if (src == NULL)
    return 0;
  VbImportOptions opts = { 0 };
  g_autoptr (VbDocument) doc = vb_document_new ("fuzz", "fuzz.txt", "transcript");
  if (vb_import_transcript (src, &opts, doc, &err))
    fuzz_check_roundtrip (doc->segments);
  return 0;
}
