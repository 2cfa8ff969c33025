#include "vb-table.h"
#include "vb-stream.h"

#include <csv.h>
#include <string.h>

/* The table as a grid of strings: header row, body rows, base row. */
typedef struct {
  guint      n_cols;
  GPtrArray *cells; /* char*, row-major */
  guint      n_rows;
  gboolean   has_base_row;
  gboolean   left;          /* every column left-aligned (verbatims) */
  const char *align;        /* 'l' or 'r' per column, or NULL: labels left */
} Grid;

static void
grid_add_row (Grid *g, GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    g_ptr_array_add (g->cells, g_strdup (row->pdata[i]));
  g->n_rows++;
}

static const char *
grid_at (const Grid *g, guint r, guint c)
{
  return g->cells->pdata[r * g->n_cols + c];
}

/* Labels left, numbers right, as a reader scans them; markdown tables
 * keep their verbatims right-aligned as they always have. */
static gboolean
grid_left (const Grid *g, guint c, gboolean md)
{
  if (g->align)
    return g->align[c] == 'l';
  return c == 0 || (!md && g->left);
}

static void
build_grid (const VbTable *t, VbFormat format, VbCellMode mode, const VbScale *scale, Grid *g)
{
  gboolean machine = format == VB_FORMAT_TSV || format == VB_FORMAT_CSV;
  guint nc = t->col_ids->len;
  gboolean base_col = t->row_base->len > 0 && mode != VB_CELL_QUOTES;
  g_autofree char *base_label = g_strdup_printf ("Base (%s)", t->unit ? t->unit : "units");
  g->n_cols = nc + (machine ? 2 : 1) + (base_col ? 1 : 0);
  g->cells = g_ptr_array_new_with_free_func (g_free);
  g->n_rows = 0;
  g->has_base_row = FALSE;
  g->left = mode == VB_CELL_QUOTES;
  g->align = NULL;
  g_autoptr (GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

  if (machine)
    {
      g_ptr_array_add (row, g_strdup (t->corner));
      g_ptr_array_add (row, g_strdup ("label"));
    }
  else
    g_ptr_array_add (row, g_strdup (""));
  for (guint c = 0; c < nc; c++)
    g_ptr_array_add (row, g_strdup (machine ? t->col_ids->pdata[c] : t->col_labels->pdata[c]));
  if (base_col)
    g_ptr_array_add (row, g_strdup (machine ? "base" : base_label));
  grid_add_row (g, row);

  for (guint r = 0; r < t->row_ids->len; r++)
    {
      g_ptr_array_set_size (row, 0);
      guint depth = g_array_index (t->row_depth, guint, r);
      if (machine)
        {
          g_ptr_array_add (row, g_strdup (t->row_ids->pdata[r]));
          g_ptr_array_add (row, g_strdup (t->row_labels->pdata[r]));
        }
      else
        {
          /* Sub-themes are indented under their parent, as in a report. */
          GString *l = g_string_new (NULL);
          for (guint d = 0; d < depth; d++)
            g_string_append (l, format == VB_FORMAT_MD ? "&nbsp;&nbsp;" : "  ");
          g_string_append (l, t->row_labels->pdata[r]);
          g_ptr_array_add (row, g_string_free (l, FALSE));
        }
      for (guint c = 0; c < nc; c++)
        g_ptr_array_add (row, machine && mode == VB_CELL_JACCARD /* in full for machines */
                                ? g_strdup_printf ("%.15g", vb_table_cell ((VbTable *) t, r, c)->value)
                                : vb_cell_text (t, vb_table_cell ((VbTable *) t, r, c), mode, scale));
      if (base_col)
        g_ptr_array_add (row, g_strdup_printf ("%u", g_array_index (t->row_base, guint, r)));
      grid_add_row (g, row);
    }

  if (mode != VB_CELL_QUOTES && mode != VB_CELL_JACCARD && !base_col && t->words)
    {
      g_ptr_array_set_size (row, 0);
      if (machine)
        {
          g_ptr_array_add (row, g_strdup ("base"));
          g_ptr_array_add (row, g_strdup (base_label));
        }
      else
        g_ptr_array_add (row, g_strdup (base_label));
      for (guint c = 0; c < nc; c++)
        g_ptr_array_add (row, g_strdup_printf ("%u", g_array_index (t->col_base, guint, c)));
      grid_add_row (g, row);
      g->has_base_row = TRUE;
    }
}

void
vb_row_write (GString *out, VbFormat format, const char *const *fields, guint n)
{
  for (guint c = 0; c < n; c++)
    {
      const char *s = fields[c] ? fields[c] : "";
      if (format == VB_FORMAT_CSV)
        {
          /* libcsv quotes every field; size it first, then write it. */
          size_t len = strlen (s);
          size_t need = csv_write (NULL, 0, s, len);
          gsize at = out->len;
          g_string_set_size (out, at + need);
          csv_write (out->str + at, need, s, len);
        }
      else
        vb_field_escape (out, s);
      g_string_append_c (out, c + 1 < n ? (format == VB_FORMAT_CSV ? ',' : '\t') : '\n');
    }
}

static void
write_machine (const Grid *g, VbFormat format, GString *out)
{
  for (guint r = 0; r < g->n_rows; r++)
    vb_row_write (out, format, (const char *const *) &g->cells->pdata[r * g->n_cols], g->n_cols);
}

static void
md_escape (GString *out, const char *s)
{
  for (const char *p = s; *p; p++)
    {
      if (*p == '|')
        g_string_append (out, "\\|");
      else if (*p == '\n')
        g_string_append (out, "<br>");
      else
        g_string_append_c (out, *p);
    }
}

static void
write_md (const Grid *g, GString *out)
{
  for (guint r = 0; r < g->n_rows; r++)
    {
      gboolean base_row = r + 1 == g->n_rows && r > 0 && g->has_base_row;
      g_string_append (out, "|");
      for (guint c = 0; c < g->n_cols; c++)
        {
          g_string_append_c (out, ' ');
          if (base_row && c == 0)
            g_string_append (out, "*");
          md_escape (out, grid_at (g, r, c));
          if (base_row && c == 0)
            g_string_append (out, "*");
          g_string_append (out, " |");
        }
      g_string_append_c (out, '\n');
      if (r == 0)
        {
          g_string_append (out, "|");
          for (guint c = 0; c < g->n_cols; c++)
            g_string_append (out, grid_left (g, c, TRUE) ? " --- |" : " ---: |");
          g_string_append_c (out, '\n');
        }
    }
}

static void
write_txt (const Grid *g, GString *out)
{
  g_autofree guint *width = g_new0 (guint, g->n_cols);
  for (guint r = 0; r < g->n_rows; r++)
    for (guint c = 0; c < g->n_cols; c++)
      {
        g_auto (GStrv) lines = g_strsplit (grid_at (g, r, c), "\n", -1);
        for (guint l = 0; lines[l]; l++)
          width[c] = MAX (width[c], (guint) g_utf8_strlen (lines[l], -1));
      }
  for (guint r = 0; r < g->n_rows; r++)
    {
      /* A cell with several lines (quotes) makes a row of several lines. */
      guint height = 1;
      for (guint c = 0; c < g->n_cols; c++)
        {
          guint h = 1;
          for (const char *p = grid_at (g, r, c); *p; p++)
            h += *p == '\n';
          height = MAX (height, h);
        }
      for (guint l = 0; l < height; l++)
        {
          for (guint c = 0; c < g->n_cols; c++)
            {
              const char *s = grid_at (g, r, c);
              for (guint k = 0; k < l && s; k++)
                {
                  s = strchr (s, '\n');
                  s = s ? s + 1 : NULL;
                }
              if (s == NULL)
                s = "";
              const char *nl = strchr (s, '\n');
              gsize n = nl ? (gsize) (nl - s) : strlen (s);
              guint w = (guint) g_utf8_strlen (s, n);
              guint pad = width[c] - w;
              gboolean left = grid_left (g, c, FALSE);
              if (!left)
                for (guint i = 0; i < pad; i++)
                  g_string_append_c (out, ' ');
              g_string_append_len (out, s, n);
              if (left)
                for (guint i = 0; i < pad; i++)
                  g_string_append_c (out, ' ');
              g_string_append (out, c + 1 < g->n_cols ? "  " : "");
            }
          /* Trailing spaces help nobody and upset diff. */
          while (out->len && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          g_string_append_c (out, '\n');
        }
      if (r == 0)
        {
          guint total = 0;
          for (guint c = 0; c < g->n_cols; c++)
            total += width[c] + (c + 1 < g->n_cols ? 2 : 0);
          for (guint i = 0; i < total; i++)
            g_string_append (out, "-");
          g_string_append_c (out, '\n');
        }
    }
}

void
vb_grid_write (GPtrArray *cells, guint n_cols, const char *align, const char *title,
               VbFormat format, GString *out)
{
  Grid g = { n_cols, cells, n_cols ? cells->len / n_cols : 0, FALSE, FALSE, align };
  if (title && (format == VB_FORMAT_MD || format == VB_FORMAT_TXT))
    g_string_append_printf (out, format == VB_FORMAT_MD ? "### %s\n\n" : "%s\n\n", title);
  switch (format)
    {
    case VB_FORMAT_TSV:
    case VB_FORMAT_CSV: write_machine (&g, format, out); break;
    case VB_FORMAT_MD: write_md (&g, out); break;
    case VB_FORMAT_TXT: write_txt (&g, out); break;
    }
}

void
vb_table_write (const VbTable *t, VbFormat format, VbCellMode mode, const VbScale *scale,
                GString *out)
{
  Grid g;
  build_grid (t, format, mode, scale, &g);
  gboolean human = format == VB_FORMAT_MD || format == VB_FORMAT_TXT;
  if (human && t->title)
    g_string_append_printf (out, format == VB_FORMAT_MD ? "### %s\n\n" : "%s\n\n", t->title);
  switch (format)
    {
    case VB_FORMAT_TSV:
    case VB_FORMAT_CSV: write_machine (&g, format, out); break;
    case VB_FORMAT_MD: write_md (&g, out); break;
    case VB_FORMAT_TXT: write_txt (&g, out); break;
    }
  gboolean small = FALSE;
  for (guint i = 0; t->words && i < t->row_ids->len * t->col_ids->len; i++)
    small |= !t->cells[i].na && t->cells[i].base > 0 && t->cells[i].base < vb_scale_min_base (scale);
  small = small && (mode == VB_CELL_FULL || mode == VB_CELL_LABEL
                   || (vb_scale_suppress_small (scale) && mode != VB_CELL_QUOTES));
  if (human && (t->notes->len > 0 || small))
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < t->notes->len; i++)
        g_string_append_printf (out, "%s\n", (char *) t->notes->pdata[i]);
      if (small && vb_scale_suppress_small (scale))
        g_string_append_printf (out, "%s: a base below %u; not shown.\n", VB_CELL_SUPPRESSED,
                                vb_scale_min_base (scale));
      else if (small)
        g_string_append_printf (out, "Words marked %s rest on a base below %u.\n",
                                format == VB_FORMAT_MD ? "\\*" : "*", vb_scale_min_base (scale));
    }
  g_ptr_array_unref (g.cells);
}
