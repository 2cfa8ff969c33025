/* vb-feature-table.c: open addressing over ids, linear probing; the
 * slots hold 1 + id, 0 for none.  Half full at most, so a miss ends
 * soon; the hash is spread by a multiplication because g_str_hash's low
 * bits vary little between grams that differ in their last byte. */
#include "learn/vb-feature-table.h"

#include <string.h>

struct _VbFeatureTable {
  GPtrArray *strs;    /* id -> const char * */
  GArray    *lens;    /* id -> guint */
  GArray    *hashes;  /* id -> guint32 */
  guint     *slots;
  guint      bits;    /* 1 << bits slots */
};

static inline guint
home (const VbFeatureTable *t, guint32 hash)
{
  return (guint) ((hash * 2654435769u) >> (32 - t->bits));
}

static void
place (VbFeatureTable *t, guint id)
{
  guint mask = (1u << t->bits) - 1;
  guint i = home (t, g_array_index (t->hashes, guint32, id));
  while (t->slots[i])
    i = (i + 1) & mask;
  t->slots[i] = id + 1;
}

VbFeatureTable *
vb_feature_table_new (void)
{
  VbFeatureTable *t = g_new0 (VbFeatureTable, 1);
  t->strs = g_ptr_array_new ();
  t->lens = g_array_new (FALSE, FALSE, sizeof (guint));
  t->hashes = g_array_new (FALSE, FALSE, sizeof (guint32));
  t->bits = 4;
  t->slots = g_new0 (guint, 1u << t->bits);
  return t;
}

void
vb_feature_table_free (VbFeatureTable *t)
{
  if (t == NULL)
    return;
  g_ptr_array_unref (t->strs);
  g_array_unref (t->lens);
  g_array_unref (t->hashes);
  g_free (t->slots);
  g_free (t);
}

guint
vb_feature_table_add (VbFeatureTable *t, const char *feature)
{
  guint id = t->strs->len;
  guint len = (guint) strlen (feature);
  guint32 hash = g_str_hash (feature);
  g_ptr_array_add (t->strs, (gpointer) feature);
  g_array_append_val (t->lens, len);
  g_array_append_val (t->hashes, hash);
  if (2 * (id + 1) > (1u << t->bits))
    {
      t->bits++;
      g_free (t->slots);
      t->slots = g_new0 (guint, 1u << t->bits);
      for (guint i = 0; i < id; i++)
        place (t, i);
    }
  place (t, id);
  return id;
}

gint
vb_feature_table_find (const VbFeatureTable *t, guint32 hash, char group, const char *bytes,
                       gsize len)
{
  guint mask = (1u << t->bits) - 1;
  for (guint i = home (t, hash); t->slots[i]; i = (i + 1) & mask)
    {
      guint id = t->slots[i] - 1;
      const char *s = t->strs->pdata[id];
      if (g_array_index (t->hashes, guint32, id) == hash
          && g_array_index (t->lens, guint, id) == len + 2 && s[0] == group && s[1] == ':'
          && memcmp (s + 2, bytes, len) == 0)
        return (gint) id;
    }
  return -1;
}

gint
vb_feature_table_lookup (const VbFeatureTable *t, const char *feature)
{
  guint32 hash = g_str_hash (feature);
  guint mask = (1u << t->bits) - 1;
  for (guint i = home (t, hash); t->slots[i]; i = (i + 1) & mask)
    {
      guint id = t->slots[i] - 1;
      if (g_array_index (t->hashes, guint32, id) == hash
          && strcmp (t->strs->pdata[id], feature) == 0)
        return (gint) id;
    }
  return -1;
}
