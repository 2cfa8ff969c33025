/* vb-import-pdf.c: the text layer of a PDF transcript.
 *
 * Poppler gives each page's text in reading order with its line ends;
 * pages are joined in order, each ended by a line end, so a speaker label
 * at the top of a page stays at the start of a line.  Form feeds, which
 * some producers put between pages, become line ends.  A PDF whose pages
 * hold no text but white space has no text layer (a scanned document
 * that was never recognised): it fails with the file's name rather than
 * giving an empty document, since OCR is not verba's job.  Offsets and
 * line numbers count in this text.
 *
 * poppler-glib is opened here, the first time a PDF is read, not linked
 * into verba: loading it with the C++ libraries it needs took most of the
 * start-up of every run (about 20 M instructions of dynamic linking),
 * PDF or not.  VB_POPPLER_SONAME comes from configure.ac. */
#include "import/vb-import-pdf.h"
#include "base/vb-error.h"

#include <string.h>
#include <gmodule.h>
#include <poppler.h>

/* The four functions of poppler-glib verba calls. */
typedef struct {
  PopplerDocument *(*new_from_gfile) (GFile *, const char *, GCancellable *, GError **);
  int (*get_n_pages) (PopplerDocument *);
  PopplerPage *(*get_page) (PopplerDocument *, int);
  char *(*get_text) (PopplerPage *);
  char *error; /* why it could not be loaded, or NULL */
} Poppler;

static gpointer
poppler_open (gpointer data)
{
  Poppler *P = data;
  GModule *m = g_module_open (VB_POPPLER_SONAME, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (m == NULL)
    {
      P->error = g_strdup (g_module_error ());
      return P;
    }
  static const char *const names[] = {
    "poppler_document_new_from_gfile", "poppler_document_get_n_pages",
    "poppler_document_get_page", "poppler_page_get_text",
  };
  gpointer *slots[] = {
    (gpointer *) &P->new_from_gfile, (gpointer *) &P->get_n_pages,
    (gpointer *) &P->get_page, (gpointer *) &P->get_text,
  };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (!g_module_symbol (m, names[i], slots[i]) || *slots[i] == NULL)
      {
        P->error = g_strdup_printf ("%s has no %s", VB_POPPLER_SONAME, names[i]);
        g_module_close (m);
        return P;
      }
  /* Its types stay registered with GObject: it is never unloaded. */
  g_module_make_resident (m);
  return P;
}

/* poppler-glib, loaded once; NULL with an error naming path (the PDF
 * that needed it) if it cannot be. */
static const Poppler *
poppler (const char *path, GError **error)
{
  static GOnce once = G_ONCE_INIT;
  static Poppler P;
  g_once (&once, poppler_open, &P);
  if (P.error != NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO,
                   "%s: cannot read PDF files: poppler-glib could not be loaded (%s; install "
                   "the Debian package libpoppler-glib8)", path, P.error);
      return NULL;
    }
  return &P;
}

gboolean
vb_pdf_extract (const char *path, char **text, GError **error)
{
  const Poppler *P = poppler (path, error);
  if (P == NULL)
    return FALSE;
  g_autoptr (GError) perr = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (path);
  /* No g_autoptr: Debian 12's poppler-glib does not declare one. */
  PopplerDocument *pdf = P->new_from_gfile (file, NULL, NULL, &perr);
  if (pdf == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: not a readable PDF: %s", path,
                   perr->message);
      return FALSE;
    }
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean any = FALSE;
  int n = P->get_n_pages (pdf);
  for (int i = 0; i < n; i++)
    {
      PopplerPage *page = P->get_page (pdf, i);
      g_autofree char *t = page ? P->get_text (page) : NULL;
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
