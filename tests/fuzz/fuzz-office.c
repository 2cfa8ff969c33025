/* fuzz-office: the same bytes as a .docx and as an .odt
 * (vb_office_extract: zip through vb-zip, XML through vb-xml); extracted
 * text is UTF-8 without NUL bytes, property attributes have normalised
 * keys, and the text read as a transcript goes through the stream and
 * back unchanged. */
#include "fuzz.h"
#include "zip-mutator.h"
#include "import/vb-import.h"
#include "import/vb-import-office.h"

static void
check (const uint8_t *data, size_t size, const char *format)
{
  const char *path = fuzz_file (strcmp (format, "odt") == 0 ? "fuzz.odt" : "fuzz.docx", data, size);
  g_autoptr (GError) err = NULL;
  g_autofree char *text = NULL;
  g_autoptr (VbAttrs) props = vb_attrs_new ();
  if (!vb_office_extract (path, format, &text, props, NULL, NULL, &err))
    {
      fuzz_assert (err != NULL && text == NULL);
      return;
    }
  fuzz_assert (err == NULL && text != NULL);
  fuzz_assert (g_utf8_validate (text, -1, NULL));
  for (guint k = 0; k < vb_attrs_size (props); k++)
    {
      const VbAttr *at = vb_attrs_index (props, k);
      g_autofree char *norm = vb_attr_key_normalize (at->key);
      fuzz_assert (*at->key && strcmp (norm, at->key) == 0);
      fuzz_assert (!vb_attr_key_is_reserved (at->key));
      fuzz_assert (g_utf8_validate (at->value, -1, NULL));
    }
  /* The importer's next step (vb-import.c); a line past VB_LINE_MAX_BYTES
   * (<text:s text:c="1000"/> repeated) is an error, not a crash. */
  g_autoptr (VbSource) src = vb_source_new (path, text, strlen (text), &err);
  if (src == NULL)
    {
      fuzz_assert (err != NULL);
      return;
    }
  VbImportOptions opts = { 0 };
  g_autoptr (VbDocument) doc = vb_document_new ("fuzz", path, format);
  if (vb_import_transcript (src, &opts, doc, &err))
    fuzz_check_roundtrip (doc->segments);
  else
    fuzz_assert (err != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  check (data, size, "docx");
  check (data, size, "odt");
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
