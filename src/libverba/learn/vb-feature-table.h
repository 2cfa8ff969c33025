/* vb-feature-table.h: feature strings ("w:word", "c:ab", …) numbered in
 * the order they are added, found again from a hash and their bytes
 * without building the string: a model's vocabulary, and the features
 * learning has seen.  The hash is GLib's g_str_hash of the string, which
 * the featurizer computes as it goes (vb-features.h); a hit is confirmed
 * on the bytes, so two features with one hash stay two features.  The
 * table does not own the strings: they must outlive it. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbFeatureTable VbFeatureTable;

VbFeatureTable *vb_feature_table_new (void);
void            vb_feature_table_free (VbFeatureTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbFeatureTable, vb_feature_table_free)

/* Numbers feature (its id: how many came before); it must not be in the
 * table yet. */
guint vb_feature_table_add (VbFeatureTable *t, const char *feature);
/* The id of the feature group:bytes (group 'w' and "cat": "w:cat"), or
 * -1; hash is g_str_hash of that string. */
gint  vb_feature_table_find (const VbFeatureTable *t, guint32 hash, char group,
                             const char *bytes, gsize len);
/* The id of a whole feature string, or -1. */
gint  vb_feature_table_lookup (const VbFeatureTable *t, const char *feature);

G_END_DECLS
