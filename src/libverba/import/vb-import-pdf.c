/* vb-import-pdf.c: the text layer of a PDF transcript.
 *
 * Poppler gives each page's text in reading order with its line ends;
 * pages are joined in order, each ended by a line end, so a speaker label
 * at the top of a page stays at the start of a line.  Form feeds, which
 * some producers put between pages, become line ends.  A PDF whose pages
 * hold no text but white space has no text layer (a scanned document
 * that was never recognised): it fails with the file's name rather than
 * giving an empty document, since OCR is not verba's job.  Offsets and
 * line numbers count in this text. */
#include "import/vb-import-pdf.h"
#include "base/vb-error.h"

#include <string.h>
#include <poppler.h>

gboolean
vb_pdf_extract (const char *path, char **text, GError **error)
{
  g_autoptr (GError) perr = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  /* No g_autoptr: Debian 12's poppler-glib does not declare one. */
  PopplerDocument *pdf = poppler_document_new_from_gfile (file, NULL, NULL, &perr);
  if (pdf == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: not a readable PDF: %s", path,
                   perr->message);
      return FALSE;
    }
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean any = FALSE;
  int n = poppler_document_get_n_pages (pdf);
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf, i);
      g_autofree char *t = page ? poppler_page_get_text (page) : NULL;
      if (page)
        g_object_unref (page);
      if (t == NULL)
        continue;
      for (char *p = t; *p; p++)
        {
          if (*p == '\f')
            *p = '\n';
          if (!g_ascii_isspace (*p))
            any = TRUE;
        }
      g_string_append (out, t);
      if (out->len && out->str[out->len - 1] != '\n')
        g_string_append_c (out, '\n');
    }
  g_object_unref (pdf);
  if (!any)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: no text layer (scanned?)", path);
      return FALSE;
    }
  *text = g_string_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}
