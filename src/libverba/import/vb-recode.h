/* vb-recode.h: folding free-text attribute values into a declared set.
 *
 * Consultation forms let respondents type what they are ("Probation
 * Trust", "probation trust staff", "NPS / probation"); tables need one
 * value per type.  A recode map lists, for each declared value, the
 * variants that mean it.  Matching ignores case, accents, spacing and
 * punctuation, so a map need not list every spelling of one variant. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbRecode VbRecode;

/* A map for one attribute key. */
VbRecode   *vb_recode_new (const char *key);
void        vb_recode_free (VbRecode *rc);
const char *vb_recode_key (const VbRecode *rc);
/* variant means target.  A target also matches itself.  FALSE when the
 * variant already means another target. */
gboolean    vb_recode_add (VbRecode *rc, const char *target, const char *variant,
                           GError **error);
/* Loads every [recode:KEY] group of a key file into maps (KEY -> VbRecode*,
 * created as needed): "target = variant; variant; …". */
gboolean    vb_recode_load_groups (GHashTable *maps, GKeyFile *kf, const char *path,
                                   GError **error);
/* The target that value means, or NULL when the map does not know it; an
 * empty value is left alone (NULL) and not counted as unknown.  Unknown
 * values are remembered with the number of times and first line seen. */
const char *vb_recode_apply (VbRecode *rc, const char *value, guint line);

typedef struct {
  const char *value;  /* as first seen */
  guint       count;
  guint       first_line;
} VbRecodeMiss;

/* Values the map did not know, most frequent first (ties by value). */
GArray     *vb_recode_misses (const VbRecode *rc);
/* Forgets the unknown values (between input files). */
void        vb_recode_clear_misses (VbRecode *rc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbRecode, vb_recode_free)

G_END_DECLS
