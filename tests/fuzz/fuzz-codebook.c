/* fuzz-codebook: a codebook file (vb_codebook_load, every problem listed
 * as `verba codebook check` does), then, when it loads, its rules coding a
 * small document and its Markdown appendix. */
#include "fuzz.h"
#include "codebook/vb-codebook-forms.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file ("fuzz.codebook", data, size);
  g_autoptr (GError) err = NULL;
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (VbCodebook) cb = vb_codebook_load (path, problems, &err);
  if (cb == NULL)
    {
      fuzz_assert (err != NULL);
      return 0;
    }
  fuzz_check_coding (cb);
  g_autoptr (GString) md = g_string_new (NULL);
  vb_codebook_write_md (cb, md);
  fuzz_assert (g_utf8_validate (md->str, md->len, NULL));
  return 0;
}
