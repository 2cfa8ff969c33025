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
  t->total_col = -1;
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

/* Secondary suppression along the rows, which the All column adds up:
 * returns the cells it hid. */
static guint
protect_rows (VbTable *t)
{
  guint nr = t->row_ids->len, nc = t->col_ids->len, more = 0;
  for (guint r = 0; r < nr; r++)
    {
      VbCell *total = vb_table_cell (t, r, (guint) t->total_col);
      if (total->suppressed || total->na)
        continue;
      guint hidden = 0;
      int pick = -1;
      for (guint c = 0; c < nc; c++)
        {
          VbCell *cell = vb_table_cell (t, r, c);
          if ((int) c == t->total_col || cell->na)
            continue;
          if (cell->suppressed)
            hidden++;
          else if (pick < 0 || cell->count < vb_table_cell (t, r, (guint) pick)->count)
            pick = (int) c;
        }
      if (hidden != 1)
        continue;
      /* The smallest other cell; with none, the All cell itself. */
      (pick >= 0 ? vb_table_cell (t, r, (guint) pick) : total)->suppressed = TRUE;
      more++;
    }
  return more;
}

void
vb_table_protect (VbTable *t, const VbScale *scale)
{
  gboolean suppress = vb_scale_suppress_small (scale);
  guint min_count = vb_scale_min_count (scale);
  guint nr = t->row_ids->len, nc = t->col_ids->len;
  if (!suppress && min_count == 0)
    return;
  guint by_base = 0, by_count = 0;
  for (guint r = 0; r < nr; r++)
    for (guint c = 0; c < nc; c++)
      {
        VbCell *cell = vb_table_cell (t, r, c);
        if (cell->na)
          continue;
        const char *word = t->words ? vb_scale_word (scale, cell->count, cell->base) : NULL;
        if (suppress && word && cell->base < vb_scale_min_base (scale))
          cell->suppressed = TRUE, by_base++;
        else if (min_count && cell->count > 0 && cell->count < min_count)
          cell->suppressed = TRUE, by_count++;
      }
  if (by_base + by_count == 0)
    return;
  /* A column hidden for its base, beside an All column: its complement is
   * the shown column on the smallest base, hidden whole, so the tables
   * stay readable column by column. */
  int total = t->total_col, low = -1, n_low = 0;
  for (guint c = 0; c < nc && nr > 0; c++)
    {
      gboolean all = TRUE;
      for (guint r = 0; r < nr && all; r++)
        all = vb_table_cell (t, r, c)->suppressed || vb_table_cell (t, r, c)->na;
      if (all && (int) c != total)
        low = (int) c, n_low++;
    }
  guint more = 0;
  if (total >= 0 && n_low == 1)
    {
      int pick = -1;
      for (guint c = 0; c < nc; c++)
        if ((int) c != total && (int) c != low
            && (pick < 0 || g_array_index (t->col_base, guint, c)
                              < g_array_index (t->col_base, guint, (guint) pick)))
          pick = (int) c;
      for (guint r = 0; pick >= 0 && r < nr; r++)
        {
          VbCell *cell = vb_table_cell (t, r, (guint) pick);
          if (!cell->na && !cell->suppressed)
            cell->suppressed = TRUE, more++;
        }
    }
  /* Then row by row: hiding a cell in one row hides no other's. */
  if (total >= 0)
    more += protect_rows (t);
  t->hidden_by_count = by_count;
  t->hidden_more = more;
  t->min_count = min_count;
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
  if ((c->suppressed || (small && vb_scale_suppress_small (scale))) && mode != VB_CELL_QUOTES)
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
