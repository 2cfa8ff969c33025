/* vb-codebook-load.c: the one place that knows every codebook form.
 *
 * A name is a bundled codebook, a file, or a file with a dictionary
 * prefix ("liwc:words.txt").  The form comes from the prefix or the file's
 * ending, and the native form's imports come back through read_path, so a
 * native codebook may import a dictionary or a .qdc as readily as another
 * native one, while no reader calls another. */
#include "codebook/vb-codebook-forms.h"
#include "codebook/vb-dict.h"

static VbCodebook *
read_path (const char *path, GPtrArray *problems, GHashTable *loading, GError **error)
{
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

