/* fuzz-codebook: a codebook file (vb_codebook_load, every problem listed
 * as `verba codebook check` does), then, when it loads, its rules coding a
 * small document and its Markdown appendix. */
#include "fuzz.h"
#include "vb-codebook.h"
#include "vb-coder.h"

static const char *const texts[] = {
  "Openness matters: be open and transparent about decisions.",
  "They should be accountable, honest and act with integrity.",
  "Nothing to see here. Selfless leadership? Objectivity!",
};

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
  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->text);
      seg->text = g_strdup (texts[i]);
      seg->role = i == 2 ? VB_ROLE_MODERATOR : VB_ROLE_PARTICIPANT;
      g_ptr_array_add (segs, seg);
    }
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
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
  g_autoptr (GString) md = g_string_new (NULL);
  vb_codebook_write_md (cb, md);
  fuzz_assert (g_utf8_validate (md->str, md->len, NULL));
  return 0;
}
