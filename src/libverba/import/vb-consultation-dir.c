#include "import/vb-consultation-dir.h"
#include "base/vb-dir.h"

#include <string.h>

static gboolean
has_suffix_ci (const char *s, const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (s, -1);
  return g_str_has_suffix (lower, suffix);
}

gboolean
vb_consultation_is_sidecar (const char *base)
{
  return strcmp (base, "attributes.csv") == 0 || g_str_has_suffix (base, ".attributes.csv")
         || strcmp (base, "participants.csv") == 0
         || g_str_has_suffix (base, ".participants.csv");
}

static gboolean
is_export (const char *base)
{
  return has_suffix_ci (base, ".csv") && !vb_consultation_is_sidecar (base);
}

char *
vb_consultation_map_beside (const char *csv)
{
  g_autofree char *stem = g_strndup (csv, strlen (csv) - strlen (".csv"));
  char *map = g_strconcat (stem, ".map", NULL);
  if (g_file_test (map, G_FILE_TEST_IS_REGULAR))
    return map;
  g_free (map);
  return NULL;
}

void
vb_consultation_dir_free (VbConsultationDir *c)
{
  if (c == NULL)
    return;
  g_ptr_array_unref (c->exports);
  g_ptr_array_unref (c->maps);
  g_free (c->study);
  g_ptr_array_unref (c->not_read);
  g_free (c);
}

gboolean
vb_consultation_dir_scan (const char *dir, gboolean own_map, VbConsultationDir **out,
                          GError **error)
{
  *out = NULL;
  g_autoptr (GPtrArray) names = vb_dir_names (dir, error);
  if (names == NULL)
    return FALSE;
  VbConsultationDir *c = g_new0 (VbConsultationDir, 1);
  c->exports = g_ptr_array_new_with_free_func (g_free);
  c->maps = g_ptr_array_new_with_free_func (g_free);
  c->not_read = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    {
      const char *base = names->pdata[i];
      g_autofree char *path = g_build_filename (dir, base, NULL);
      if (base[0] != '.' && is_export (base) && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          char *map = vb_consultation_map_beside (path);
          if (map)
            {
              g_ptr_array_add (c->exports, g_steal_pointer (&path));
              g_ptr_array_add (c->maps, map);
            }
        }
    }
  if (c->exports->len == 0)
    {
      vb_consultation_dir_free (c);
      return FALSE; /* a folder of documents */
    }
  for (guint i = 0; i < names->len; i++)
    {
      const char *base = names->pdata[i];
      g_autofree char *path = g_build_filename (dir, base, NULL);
      if (g_ptr_array_find_with_equal_func (c->exports, path, g_str_equal, NULL))
        continue;
      if (strcmp (base, "study.ini") == 0)
        {
          c->study = g_steal_pointer (&path); /* read with each export */
          continue;
        }
      if (!own_map && g_ptr_array_find_with_equal_func (c->maps, path, g_str_equal, NULL))
        continue; /* read with its export */
      const char *why = base[0] == '.' ? "a hidden file"
                        : g_file_test (path, G_FILE_TEST_IS_DIR)
                          ? "a folder inside a consultation folder"
                        : is_export (base)
                          ? "a CSV file with no mapping file of the same name beside it"
                          : "not a response: in a consultation folder (one holding NAME.csv "
                            "beside NAME.map) only the exports are read";
      g_ptr_array_add (c->not_read, g_strdup_printf ("%s: %s", path, why));
    }
  *out = c;
  return TRUE;
}
