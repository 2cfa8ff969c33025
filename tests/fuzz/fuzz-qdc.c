/* fuzz-qdc: a REFI-QDA codebook (.qdc, vb_codebook_load_qdc); one that
 * loads converts to verba's own format and back to a .qdc with the same
 * codes (fuzz_check_codebook_conversions), and codes three segments with
 * spans inside their text. */
#include "fuzz.h"
#include "codebook/vb-codebook-forms.h"
#include "code/vb-coder.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file ("fuzz.qdc", data, size);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCodebook) cb = vb_codebook_load_qdc (path, &err);
  if (cb == NULL)
    {
      fuzz_assert (err != NULL);
      return 0;
    }
  fuzz_check_codebook_conversions (cb);
  fuzz_check_coding (cb);
  return 0;
}
