#include "analysis/vb-table.h"

#include <string.h>

VbTable *
vb_table_new (guint n_rows, guint n_cols)
{
  VbTable *t = g_new0 (VbTable, 1);
  t->row_ids = g_ptr_array_new_with_free_func (g_free);
  t->row_labels = g_ptr_array_new_with_free_func (g_free);
  t->row_depth = g_array_new (FALSE, TRUE, sizeof (guint));
  t->col_ids = g_ptr_array_new_with_free_func (g_free);
  t->col_labels = g_ptr_array_new_with_free_func (g_free);
  t->col_base = g_array_new (FALSE, TRUE, sizeof (guint));
  t->row_base = g_array_new (FALSE, TRUE, sizeof (guint));
  t->notes = g_ptr_array_new_with_free_func (g_free);
  t->cells = g_new0 (VbCell, (gsize) n_rows * n_cols + 1);
  t->words = TRUE;
  return t;
}

void
vb_table_free (VbTable *t)
{
  if (t == NULL)
    return;
  guint n = t->row_ids->len * t->col_ids->len;
  for (guint i = 0; i < n; i++)
    if (t->cells[i].quotes)
      g_ptr_array_unref (t->cells[i].quotes);
  g_free (t->cells);
  g_free (t->title);
  g_free (t->corner);
  g_free (t->unit);
  g_ptr_array_unref (t->row_ids);
  g_ptr_array_unref (t->row_labels);
  g_array_unref (t->row_depth);
  g_ptr_array_unref (t->col_ids);
  g_ptr_array_unref (t->col_labels);
  g_array_unref (t->col_base);
  g_array_unref (t->row_base);
  g_ptr_array_unref (t->notes);
  g_free (t);
}

VbCell *
vb_table_cell (VbTable *t, guint row, guint col)
{
  return &t->cells[(gsize) row * t->col_ids->len + col];
}

gboolean
vb_cell_mode_from_string (const char *s, VbCellMode *out)
{
  static const char *const names[] = { "full", "count", "share", "label", "quotes", "jaccard",
                                       "presence" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (s, names[i]) == 0)
      {
        *out = (VbCellMode) i;
        return TRUE;
      }
  return FALSE;
}

char *
vb_cell_text (const VbTable *t, const VbCell *c, VbCellMode mode, const VbScale *scale)
{
  if (c->na)
    return g_strdup ("");
  const char *word = t->words ? vb_scale_word (scale, c->count, c->base) : NULL;
  /* A word over a base too small to carry it is flagged, or with the
   * small-cell rule nothing but the base is shown. */
  gboolean small = word && c->base < vb_scale_min_base (scale);
  if (mode == VB_CELL_JACCARD)
    return g_strdup_printf ("%.2f", c->value);
  if (small && vb_scale_suppress_small (scale) && mode != VB_CELL_QUOTES)
    return g_strdup (VB_CELL_SUPPRESSED);
  switch (mode)
    {
    case VB_CELL_COUNT:
      return g_strdup_printf ("%u", c->count);
    case VB_CELL_PRESENCE:
      return g_strdup (c->count > 0 ? "1" : "0");
    case VB_CELL_SHARE:
      if (c->base == 0 || !t->words)
        return g_strdup ("");
      return g_strdup_printf ("%.0f%%", 100.0 * c->count / c->base);
    case VB_CELL_LABEL:
      return word ? g_strdup_printf ("%s%s", word, small ? "*" : "") : g_strdup ("");
    case VB_CELL_QUOTES:
      if (c->quotes == NULL || c->quotes->len == 0)
        return g_strdup ("");
      g_ptr_array_add (c->quotes, NULL);
      char *s = g_strjoinv ("\n", (char **) c->quotes->pdata);
      g_ptr_array_remove_index (c->quotes, c->quotes->len - 1);
      return s;
    case VB_CELL_FULL:
    default:
      if (word == NULL)
        return g_strdup_printf ("%u", c->count);
      return g_strdup_printf ("%s%s (%u of %u)", word, small ? "*" : "", c->count, c->base);
    }
}
