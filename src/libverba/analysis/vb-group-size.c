#include "analysis/vb-group-size.h"

#include <string.h>

/* A document that states its size: only those are kept, so a stream of a
 * million one-answer documents costs nothing more. */
typedef struct {
  char       *id;
  guint       stated;  /* the size its header states */
  GHashTable *named;   /* labels of the participants who speak by name */
  GPtrArray  *first;   /* each split key's value on its first segment */
  gboolean    split;   /* a split key varies within it */
  gboolean    counted; /* it has a counted unit */
} Doc;

typedef struct {
  Doc     *doc;
  gboolean leader;     /* a moderator or interviewer, counted only with
                          --include-moderator: never one of the stated size */
} Person;

struct _VbGroupSizes {
  GPtrArray  *keys;      /* split keys */
  gboolean   *key_used;  /* the key split a group that states its size */
  GHashTable *docs;      /* id -> Doc*, documents that state a size */
  GHashTable *people;    /* unit -> Person*, in documents that state a size */
};

static void
doc_free (gpointer p)
{
  Doc *d = p;
  g_free (d->id);
  g_hash_table_unref (d->named);
  g_ptr_array_unref (d->first);
  g_free (d);
}

VbGroupSizes *
vb_group_sizes_new (const char *const *split)
{
  VbGroupSizes *g = g_new0 (VbGroupSizes, 1);
  g->keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; split && split[i]; i++)
    if (strcmp (split[i], "phase") != 0
        && !g_ptr_array_find_with_equal_func (g->keys, split[i], g_str_equal, NULL))
      g_ptr_array_add (g->keys, g_strdup (split[i]));
  g->key_used = g_new0 (gboolean, g->keys->len + 1);
  g->docs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, doc_free);
  g->people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  return g;
}

void
vb_group_sizes_free (VbGroupSizes *g)
{
  if (g == NULL)
    return;
  g_hash_table_unref (g->people);
  g_hash_table_unref (g->docs);
  g_ptr_array_unref (g->keys);
  g_free (g->key_used);
  g_free (g);
}

/* A table by participant has no such attribute: its value is the speaker. */
static const char *
split_value (const VbSegment *seg, const char *key)
{
  const char *v = vb_segment_value (seg, key);
  if (v == NULL && strcmp (key, "participant") == 0)
    v = seg->speaker;
  return v ? v : "";
}

/* The document of seg if it states its size, or NULL. */
static Doc *
doc_of (VbGroupSizes *g, const VbSegment *seg)
{
  Doc *d = g_hash_table_lookup (g->docs, seg->document);
  guint stated;
  if (d || !vb_group_size_parse (vb_segment_value (seg, VB_GROUP_SIZE_KEY), &stated))
    return d;
  d = g_new0 (Doc, 1);
  d->id = g_strdup (seg->document);
  d->stated = stated;
  d->named = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  d->first = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; k < g->keys->len; k++)
    g_ptr_array_add (d->first, g_strdup (split_value (seg, g->keys->pdata[k])));
  g_hash_table_insert (g->docs, d->id, d);
  return d;
}

void
vb_group_sizes_see (VbGroupSizes *g, const VbSegment *seg)
{
  Doc *d = doc_of (g, seg);
  if (d == NULL)
    return;
  for (guint k = 0; k < g->keys->len; k++)
    if (strcmp (d->first->pdata[k], split_value (seg, g->keys->pdata[k])) != 0)
      {
        d->split = TRUE;
        g->key_used[k] = TRUE;
      }
  if (seg->role == VB_ROLE_PARTICIPANT && *seg->speaker
      && !g_hash_table_contains (d->named, seg->speaker))
    g_hash_table_add (d->named, g_strdup (seg->speaker));
}

void
vb_group_sizes_unit (VbGroupSizes *g, const char *unit, const VbSegment *seg)
{
  Doc *d = doc_of (g, seg);
  if (d == NULL)
    return;
  d->counted = TRUE;
  Person *p = g_new0 (Person, 1);
  p->doc = d;
  p->leader = *seg->speaker && seg->role != VB_ROLE_PARTICIPANT;
  g_hash_table_replace (g->people, (gpointer) unit, p);
}

static gboolean
sized (const Doc *d)
{
  return !d->split;
}

static guint
size_of (const Doc *d)
{
  return MAX (d->stated, g_hash_table_size (d->named));
}

gboolean
vb_group_sizes_any (const VbGroupSizes *g)
{
  return g_hash_table_size (g->docs) > 0;
}

guint
vb_group_sizes_count (const VbGroupSizes *g, GHashTable *units, gboolean base)
{
  if (!vb_group_sizes_any (g))
    return g_hash_table_size (units);
  g_autoptr (GHashTable) per = g_hash_table_new (NULL, NULL); /* Doc* -> participants */
  guint n = 0;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, units);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      const Person *p = g_hash_table_lookup (g->people, key);
      if (p == NULL || !sized (p->doc) || p->leader)
        {
          n++;
          if (p == NULL || !sized (p->doc))
            continue;
        }
      guint k = GPOINTER_TO_UINT (g_hash_table_lookup (per, p->doc));
      g_hash_table_insert (per, p->doc, GUINT_TO_POINTER (k + !p->leader));
    }
  gpointer value;
  g_hash_table_iter_init (&it, per);
  while (g_hash_table_iter_next (&it, &key, &value))
    n += base ? size_of (key) : MIN (GPOINTER_TO_UINT (value), size_of (key));
  return n;
}

static gint
doc_compare (gconstpointer a, gconstpointer b)
{
  return vb_value_compare ((*(const Doc *const *) a)->id, (*(const Doc *const *) b)->id);
}

void
vb_group_sizes_notes (const VbGroupSizes *g, guint n_docs, GPtrArray *notes)
{
  g_autoptr (GPtrArray) docs = g_ptr_array_new ();
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, g->docs);
  while (g_hash_table_iter_next (&it, NULL, &value))
    if (((Doc *) value)->counted)
      g_ptr_array_add (docs, value);
  g_ptr_array_sort (docs, doc_compare);
  guint n_sized = 0, n_split = 0, total = 0;
  g_autoptr (GString) over = g_string_new (NULL);
  for (guint i = 0; i < docs->len; i++)
    {
      const Doc *d = docs->pdata[i];
      n_split += d->split;
      if (!sized (d))
        continue;
      n_sized++;
      total += size_of (d);
      if (g_hash_table_size (d->named) > d->stated)
        g_string_append_printf (over, "%s%s (%u stated, %u named)", over->len ? ", " : "", d->id,
                                d->stated, g_hash_table_size (d->named));
    }
  guint others = n_docs - n_sized;
  g_autoptr (GString) other = g_string_new (NULL);
  if (others == 1)
    g_string_append (other, "document");
  else
    g_string_printf (other, "%u documents", others);
  if (n_sized == 0)
    g_ptr_array_add (notes, g_strdup ("Participants: each named speaker of a document, and one "
                                      "for its unnamed contributions."));
  else if (others == 0)
    g_ptr_array_add (notes, g_strdup_printf ("Participants: each group's stated size (%u "
                                             "participants in %u %s), those who did not speak on "
                                             "record included.", total, n_sized,
                                             n_sized == 1 ? "group" : "groups"));
  else
    g_ptr_array_add (notes, g_strdup_printf ("Participants: the stated size of %u %s (%u "
                                             "participants, those who did not speak on record "
                                             "included); for the other %s, each named speaker and "
                                             "one for the unnamed contributions.",
                                             n_sized, n_sized == 1 ? "group" : "groups", total,
                                             other->str));
  if (over->len)
    g_ptr_array_add (notes, g_strdup_printf ("More participants speak by name than stated in %s: "
                                             "the named speakers are the size.", over->str));
  if (n_split)
    {
      g_autoptr (GString) keys = g_string_new (NULL);
      for (guint k = 0; k < g->keys->len; k++)
        if (g->key_used[k])
          g_string_append_printf (keys, "%s%s", keys->len ? ", " : "", (char *) g->keys->pdata[k]);
      g_ptr_array_add (notes, g_strdup_printf ("The stated sizes of %u %s are not used: the table "
                                               "splits or filters %s by %s, in which %s "
                                               "participants differ.", n_split,
                                               n_split == 1 ? "group" : "groups",
                                               n_split == 1 ? "it" : "them", keys->str,
                                               n_split == 1 ? "its" : "their"));
    }
}
