/* vb-svg.h: the report's charts as inline SVG, drawn by verba itself so
 * that the report needs no script, library or network to be read. */
#pragma once

#include <glib.h>
#include "analysis/vb-table.h"
#include "analysis/vb-scale.h"

G_BEGIN_DECLS

/* A heat map of t: one square a cell, shaded by count / base, holding
 * the indicative word and "count of base" (or the count alone when the
 * table has no words); not-applicable cells are left blank.  id names
 * the <svg> element; title is its accessible name. */
void vb_svg_heatmap (GString *out, const VbTable *t, const VbScale *scale, const char *id,
                     const char *title);
/* Horizontal bars: for each row of t, one bar per column but the last
 * when skip_last (the "All" column), as the share count / base, labelled
 * "count of base", with a legend of the columns. */
void vb_svg_bars (GString *out, const VbTable *t, gboolean skip_last, const char *id,
                  const char *title);
/* The fill of a share (0..1) on the heat maps' scale, as "#rrggbb", and
 * whether text over it must be light to be read. */
void vb_svg_shade (double share, char rgb[8], gboolean *light_text);

G_END_DECLS
