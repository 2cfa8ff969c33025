#include "import/vb-recode.h"
#include "base/vb-error.h"
#include "stream/vb-segment.h"
#include "base/vb-text.h"

#include <string.h>

typedef struct {
  char *value;
  guint count;
  guint first_line;
} Miss;

struct _VbRecode {
  char       *key;
  GHashTable *targets; /* matching form -> target (owned) */
  GHashTable *misses;  /* matching form -> Miss* */
  GHashTable *forms;   /* value as written -> matching form: a column repeats a
                          few spellings on every row, tokenise each once */
};

/* Free-text columns could hold a different value on every row; the cache
 * stops growing here so memory stays flat. */
#define MAX_CACHED_FORMS 4096

static void
miss_free (gpointer p)
{
  Miss *m = p;
  g_free (m->value);
  g_free (m);
}

/* The form two spellings of one variant share: its words, normalised as
 * rules normalise them, joined by single spaces. */
static char *
match_form (const char *s)
{
  g_autoptr (VbText) t = vb_text_new (s, -1);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < t->tokens->len; i++)
    {
      if (i)
        g_string_append_c (out, ' ');
      g_string_append (out, g_array_index (t->tokens, VbToken, i).norm);
    }
  return g_string_free (out, FALSE);
}

VbRecode *
vb_recode_new (const char *key)
{
  VbRecode *rc = g_new0 (VbRecode, 1);
  rc->key = g_strdup (key);
  rc->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  rc->misses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, miss_free);
  rc->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return rc;
}

void
vb_recode_free (VbRecode *rc)
{
  if (rc == NULL)
    return;
  g_free (rc->key);
  g_hash_table_unref (rc->targets);
  g_hash_table_unref (rc->misses);
  g_hash_table_unref (rc->forms);
  g_free (rc);
}

const char *
vb_recode_key (const VbRecode *rc)
{
  return rc->key;
}

static gboolean
add_form (VbRecode *rc, const char *target, const char *variant, GError **error)
{
  g_autofree char *form = match_form (variant);
  if (*form == '\0')
    return TRUE;
  const char *had = g_hash_table_lookup (rc->targets, form);
  if (had != NULL && strcmp (had, target) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "recode %s: '%s' already means '%s', not '%s'", rc->key, variant, had, target);
      return FALSE;
    }
  g_hash_table_replace (rc->targets, g_steal_pointer (&form), g_strdup (target));
  return TRUE;
}

gboolean
vb_recode_add (VbRecode *rc, const char *target, const char *variant, GError **error)
{
  return add_form (rc, target, target, error) && add_form (rc, target, variant, error);
}

gboolean
vb_recode_load_groups (GHashTable *maps, GKeyFile *kf, const char *path, GError **error)
{
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g]; g++)
    {
      if (!g_str_has_prefix (groups[g], "recode:"))
        continue;
      g_autofree char *key = vb_attr_key_normalize (groups[g] + strlen ("recode:"));
      VbRecode *rc = g_hash_table_lookup (maps, key);
      if (rc == NULL)
        {
          rc = vb_recode_new (key);
          g_hash_table_insert (maps, g_strdup (key), rc);
        }
      g_auto (GStrv) targets = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (guint t = 0; targets && targets[t]; t++)
        {
          g_auto (GStrv) variants = g_key_file_get_string_list (kf, groups[g], targets[t], NULL,
                                                                NULL);
          g_autoptr (GError) local = NULL;
          if (!vb_recode_add (rc, targets[t], targets[t], &local))
            goto fail;
          for (guint v = 0; variants && variants[v]; v++)
            if (!vb_recode_add (rc, targets[t], g_strstrip (variants[v]), &local))
              goto fail;
          continue;
        fail:
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: [%s] %s: %s", path, groups[g],
                       targets[t], local->message);
          return FALSE;
        }
    }
  return TRUE;
}

const char *
vb_recode_apply (VbRecode *rc, const char *value, guint line)
{
  const char *cached = g_hash_table_lookup (rc->forms, value);
  g_autofree char *form = g_strdup (cached);
  if (form == NULL)
    {
      form = match_form (value);
      if (g_hash_table_size (rc->forms) < MAX_CACHED_FORMS)
        g_hash_table_insert (rc->forms, g_strdup (value), g_strdup (form));
    }
  if (*form == '\0')
    return NULL;
  const char *target = g_hash_table_lookup (rc->targets, form);
  if (target != NULL)
    return target;
  Miss *m = g_hash_table_lookup (rc->misses, form);
  if (m == NULL)
    {
      m = g_new0 (Miss, 1);
      m->value = g_strdup (value);
      m->first_line = line;
      g_hash_table_insert (rc->misses, g_steal_pointer (&form), m);
    }
  m->count++;
  return NULL;
}

static gint
miss_cmp (gconstpointer a, gconstpointer b)
{
  const VbRecodeMiss *x = a, *y = b;
  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->value, y->value);
}

GArray *
vb_recode_misses (const VbRecode *rc)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (VbRecodeMiss));
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, rc->misses);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      Miss *m = v;
      VbRecodeMiss rm = { m->value, m->count, m->first_line };
      g_array_append_val (out, rm);
    }
  g_array_sort (out, miss_cmp);
  return out;
}

void
vb_recode_clear_misses (VbRecode *rc)
{
  g_hash_table_remove_all (rc->misses);
}
