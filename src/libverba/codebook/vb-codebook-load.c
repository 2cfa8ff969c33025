/* vb-codebook-load.c: the one place that knows every codebook form.
 *
 * A name is a bundled codebook, a file, or a file with a dictionary
 * prefix ("liwc:words.txt").  The form comes from the prefix or the file's
 * ending, and the native form's imports come back through read_path, so a
 * native codebook may import a dictionary or a .qdc as readily as another
 * native one, while no reader calls another. */
#include "codebook/vb-codebook-forms.h"
#include "codebook/vb-dict.h"
#include "base/vb-error.h"

#include <stdio.h>
#include <string.h>

/* A zip archive (a .qdpx project, a Word file) given as a codebook would
 * otherwise fail as text with "NUL byte", which says nothing useful. */
static gboolean
is_zip (const char *path)
{
  char magic[4] = { 0 };
  FILE *fp = fopen (path, "rb");
  if (fp == NULL)
    return FALSE;
  gboolean zip = fread (magic, 1, 4, fp) == 4 && memcmp (magic, "PK\x03\x04", 4) == 0;
  fclose (fp);
  return zip;
}

static VbCodebook *
read_path (const char *path, GPtrArray *problems, GHashTable *loading, GError **error)
{
  if (is_zip (path))
    {
      g_autofree char *msg = g_strdup_printf (
          "%s: a zip archive (a REFI-QDA project, a Word file…), not a codebook: import a "
          "project with 'verba import', which brings its codes; a QDA program exports its "
          "codebook alone as a .qdc file", path);
      if (problems)
        g_ptr_array_add (problems, g_strdup (msg));
      g_set_error_literal (error, VB_ERROR, VB_ERROR_CODEBOOK, msg);
      return NULL;
    }
  const char *dict_format = vb_dict_format_for_path (path);
  if (dict_format != NULL)
    return vb_dict_load (path, dict_format, problems, error);
  if (g_str_has_suffix (path, ".qdc") || g_str_has_suffix (path, ".QDC"))
    return vb_codebook_load_qdc (path, error);
  return vb_codebook_read_native (path, problems, loading, read_path, error);
}

VbCodebook *
vb_codebook_load (const char *name_or_path, GPtrArray *problems, GError **error)
{
  const char *file = NULL;
  const char *forced = vb_dict_format_prefix (name_or_path, &file);
  if (forced != NULL && g_file_test (file, G_FILE_TEST_IS_REGULAR))
    return vb_dict_load (file, forced, problems, error);
  g_autofree char *path = vb_codebook_resolve (name_or_path, NULL, error);
  if (path == NULL)
    return NULL;
  g_autoptr (GHashTable) loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (loading, g_canonicalize_filename (path, NULL));
  return read_path (path, problems, loading, error);
}

