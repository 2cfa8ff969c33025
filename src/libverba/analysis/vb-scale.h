/* vb-scale.h: the indicative scale, from a count and a base to the word a
 * qualitative report uses ("most", "a few", "a handful"). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbScale VbScale;

/* The built-in scale (data/scales/indicative.scale). */
VbScale    *vb_scale_default (void);
VbScale    *vb_scale_load (const char *path, GError **error);
VbScale    *vb_scale_parse (const char *text, const char *path, GError **error);
void        vb_scale_free (VbScale *scale);
/* The word for count of base; NULL when base is 0. */
const char *vb_scale_word (const VbScale *scale, guint count, guint base);
guint       vb_scale_min_base (const VbScale *scale);
void        vb_scale_set_min_base (VbScale *scale, guint min_base);
/* The minimum cell count: a cell that 1 to min_count - 1 units raised is
 * hidden like a cell on a low base (0, the default: no such rule). */
guint       vb_scale_min_count (const VbScale *scale);
void        vb_scale_set_min_count (VbScale *scale, guint min_count);
/* Below the minimum base a cell is flagged (its word marked '*', the
 * default) or suppressed (shown as "[low base]": the small-cell rule of
 * reports that must not print figures on a handful of people). */
gboolean    vb_scale_suppress_small (const VbScale *scale);
void        vb_scale_set_suppress_small (VbScale *scale, gboolean suppress);
/* "flag" or "suppress". */
gboolean    vb_scale_small_from_string (const char *s, gboolean *suppress);
/* The bands in the order they are tried; vb_scale_band returns the
 * word of band i and sets *condition to its condition in words
 * ("share >= 90%", "count = 1", "otherwise"). */
guint       vb_scale_n_bands (const VbScale *scale);
const char *vb_scale_band (const VbScale *scale, guint i, char **condition);
/* The built-in scale as a file a user can edit. */
const char *vb_scale_default_text (void);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbScale, vb_scale_free)

G_END_DECLS
