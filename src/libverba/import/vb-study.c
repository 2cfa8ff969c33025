#include "import/vb-study.h"
#include "base/vb-lines.h"
#include "base/vb-error.h"
#include "base/vb-keyfile.h"
#include "stream/vb-segment.h"

#include <string.h>

struct _VbStudy {
  char       *title;
  GHashTable *values;      /* key -> GStrv of declared values */
  GPtrArray  *keys;        /* declared keys in file order, NULL-terminated */
  GStrv       attribution; /* keys of attribution-line fields */
};

VbStudy *
vb_study_new (void)
{
  VbStudy *study = g_new0 (VbStudy, 1);
  study->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_strfreev);
  study->keys = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (study->keys, NULL);
  const char *def[] = { "location", "age", "grade", NULL };
  study->attribution = g_strdupv ((char **) def);
  return study;
}

void
vb_study_free (VbStudy *study)
{
  if (study == NULL)
    return;
  g_free (study->title);
  g_hash_table_unref (study->values);
  g_ptr_array_unref (study->keys);
  g_strfreev (study->attribution);
  g_free (study);
}

static GStrv
normalized_keys (GStrv keys)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; keys[i]; i++)
    g_ptr_array_add (out, vb_attr_key_normalize (keys[i]));
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

gboolean
vb_study_load (VbStudy *study, const char *path, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  /* Loaded through VbSource for its UTF-8 check: GKeyFile passes bytes of
   * group names through unchecked (tests/fuzz/fuzz-study). */
  g_autoptr (VbSource) src = vb_source_load (path, error);
  if (src == NULL)
    return FALSE;
  if (!vb_keyfile_load (kf, path, src->data, src->len, NULL, error))
    return FALSE;
  g_autofree char *title = g_key_file_get_string (kf, "study", "title", NULL);
  if (title)
    {
      g_free (study->title);
      study->title = g_steal_pointer (&title);
    }
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i]; i++)
    {
      if (!g_str_has_prefix (groups[i], "attribute:"))
        continue;
      g_autofree char *key = vb_attr_key_normalize (groups[i] + strlen ("attribute:"));
      GStrv vals = g_key_file_get_string_list (kf, groups[i], "values", NULL, NULL);
      if (vals == NULL)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s: [%s] needs a 'values' list", path, groups[i]);
          return FALSE;
        }
      for (guint v = 0; vals[v]; v++)
        g_strstrip (vals[v]);
      if (!g_hash_table_contains (study->values, key))
        g_ptr_array_insert (study->keys, study->keys->len - 1, g_strdup (key));
      g_hash_table_replace (study->values, g_steal_pointer (&key), vals);
    }
  g_auto (GStrv) keys = g_key_file_get_string_list (kf, "attribution", "keys", NULL, NULL);
  if (keys != NULL)
    {
      g_strfreev (study->attribution);
      study->attribution = normalized_keys (keys);
    }
  return TRUE;
}

const char *
vb_study_title (const VbStudy *study)
{
  return study->title;
}

const char *const *
vb_study_attribution_keys (const VbStudy *study)
{
  return (const char *const *) study->attribution;
}

const char *const *
vb_study_keys (const VbStudy *study)
{
  return (const char *const *) study->keys->pdata;
}

gboolean
vb_study_declares (const VbStudy *study, const char *key)
{
  return study != NULL && g_hash_table_contains (study->values, key);
}

const char *const *
vb_study_values (const VbStudy *study, const char *key)
{
  return study ? g_hash_table_lookup (study->values, key) : NULL;
}

gboolean
vb_study_check (const VbStudy *study, const char *key, const char *value,
                char **allowed)
{
  const char *const *vals = vb_study_values (study, key);
  if (vals == NULL || value == NULL || *value == '\0')
    return TRUE;
  if (g_strv_contains (vals, value))
    return TRUE;
  if (allowed)
    *allowed = g_strjoinv (", ", (char **) vals);
  return FALSE;
}
