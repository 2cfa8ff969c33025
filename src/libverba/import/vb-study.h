/* vb-study.h: what a study declares about its attributes (study.ini):
 * the allowed values of each attribute and the fields of attribution
 * lines.  Values outside a declared set are warned about, not refused,
 * because real notes contain typos that the researcher must see. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbStudy VbStudy;

VbStudy    *vb_study_new (void);
void        vb_study_free (VbStudy *study);
/* Loads declarations from a key file (see verba-formats(5)); may be called
 * more than once, later files adding to earlier ones. */
gboolean    vb_study_load (VbStudy *study, const char *path, GError **error);
const char *vb_study_title (const VbStudy *study);
/* Fields of an attribution line, in order.  Default: location;age;grade. */
const char *const *vb_study_attribution_keys (const VbStudy *study);
/* Declared attribute keys in file order. */
const char *const *vb_study_keys (const VbStudy *study);
/* TRUE when key has a declared set of values. */
gboolean    vb_study_declares (const VbStudy *study, const char *key);
/* TRUE when value is allowed for key (always TRUE for undeclared keys).
 * On FALSE, *allowed (if given) is set to "18-35, 36-60, 61+". */
gboolean    vb_study_check (const VbStudy *study, const char *key,
                            const char *value, char **allowed);
/* Declared values of key in declared order, NULL when undeclared. */
const char *const *vb_study_values (const VbStudy *study, const char *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbStudy, vb_study_free)

G_END_DECLS
