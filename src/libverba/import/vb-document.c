#include "import/vb-import.h"

VbDocument *
vb_document_new (const char *id, const char *path, const char *format)
{
  VbDocument *doc = g_new0 (VbDocument, 1);
  doc->id = g_strdup (id);
  doc->path = g_strdup (path);
  doc->format = g_strdup (format);
  doc->attrs = vb_attrs_new ();
  doc->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  return doc;
}

void
vb_document_free (VbDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->id);
  g_free (doc->path);
  g_free (doc->format);
  vb_attrs_free (doc->attrs);
  g_ptr_array_unref (doc->segments);
  g_free (doc);
}
