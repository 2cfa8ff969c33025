#include "report/vb-table-render.h"
#include "stream/vb-stream.h"
#include "base/vb-html.h"
#include "base/vb-json.h"

#include <csv.h>
#include <string.h>

gboolean
vb_format_from_string (const char *s, VbFormat *out)
{
  static const char *const names[] = { "tsv", "csv", "md", "txt", "latex", "json", "html",
                                       "xlsx", "sav", "dta" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (s, names[i]) == 0)
      {
        *out = (VbFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* The table as a grid of strings: header row, body rows, base row. */
typedef struct {
  guint      n_cols;
  GPtrArray *cells; /* char*, row-major */
  guint      n_rows;
  gboolean   has_base_row;
  gboolean   left;          /* every column left-aligned (verbatims) */
  const char *align;        /* 'l' or 'r' per column, or NULL: labels left */
  GArray    *depth;         /* guint per row: indentation of a sub-theme in
                               latex and html, which indent by markup */
} Grid;

static void
grid_add_row (Grid *g, GPtrArray *row)
{
  if (g->depth && g->depth->len < g->n_rows + 1)
    g_array_set_size (g->depth, g->n_rows + 1);
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
  g->depth = g_array_new (FALSE, TRUE, sizeof (guint));
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
      else if (format != VB_FORMAT_MD && format != VB_FORMAT_TXT)
        g_ptr_array_add (row, g_strdup (t->row_labels->pdata[r]));
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
      g_array_index (g->depth, guint, g->n_rows - 1) = depth;
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
      /* Markdown passes tags through: a label "<Hall>" would vanish. */
      else if (*p == '<')
        g_string_append (out, "&lt;");
      else if (*p == '>')
        g_string_append (out, "&gt;");
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

/* booktabs: a table float with its caption, rules above and below the
 * header and above the base row, and the notes under the tabular. */
static void
write_latex (const Grid *g, const char *title, GPtrArray *notes, GString *out)
{
  gboolean multiline = FALSE;
  for (guint i = 0; i < g->cells->len; i++)
    multiline |= strchr (g->cells->pdata[i], '\n') != NULL;
  g_string_append (out, "% needs \\usepackage{booktabs}\n\\begin{table}[htbp]\n\\centering\n");
  if (title)
    {
      g_string_append (out, "\\caption{");
      vb_latex_escape (out, title, FALSE);
      g_string_append (out, "}\n");
    }
  g_string_append (out, "\\begin{tabular}{");
  for (guint c = 0; c < g->n_cols; c++)
    {
      /* Verbatims wrap in a paragraph column; counts keep to one line. */
      if (multiline && c > 0)
        g_string_append_printf (out, "p{%.2f\\linewidth}", 0.8 / MAX (g->n_cols - 1, 1));
      else
        g_string_append_c (out, grid_left (g, c, FALSE) ? 'l' : 'r');
    }
  g_string_append (out, "}\n\\toprule\n");
  for (guint r = 0; r < g->n_rows; r++)
    {
      gboolean base_row = r + 1 == g->n_rows && r > 0 && g->has_base_row;
      if (base_row)
        g_string_append (out, "\\midrule\n");
      for (guint c = 0; c < g->n_cols; c++)
        {
          if (c > 0)
            g_string_append (out, " & ");
          guint depth = c == 0 ? g_array_index (g->depth, guint, r) : 0;
          for (guint d = 0; d < depth; d++)
            g_string_append (out, "\\quad ");
          if (base_row && c == 0)
            g_string_append (out, "\\textit{");
          vb_latex_escape (out, grid_at (g, r, c), TRUE);
          if (base_row && c == 0)
            g_string_append (out, "}");
        }
      g_string_append (out, " \\\\\n");
      if (r == 0)
        g_string_append (out, "\\midrule\n");
    }
  g_string_append (out, "\\bottomrule\n\\end{tabular}\n");
  if (notes && notes->len)
    {
      g_string_append (out, "\n\\smallskip\n{\\footnotesize\n");
      for (guint i = 0; i < notes->len; i++)
        {
          vb_latex_escape (out, notes->pdata[i], FALSE);
          g_string_append (out, "\\par\n");
        }
      g_string_append (out, "}\n");
    }
  g_string_append (out, "\\end{table}\n");
}

/* One <table>: the title as its caption, the base row and the notes in
 * its foot, so that it pastes into a page as one element. */
static void
write_html (const Grid *g, const char *title, GPtrArray *notes, GString *out)
{
  g_string_append (out, "<table class=\"vb-table\">\n");
  if (title)
    {
      g_string_append (out, "<caption>");
      vb_html_escape (out, title, FALSE);
      g_string_append (out, "</caption>\n");
    }
  for (guint r = 0; r < g->n_rows; r++)
    {
      gboolean base_row = r + 1 == g->n_rows && r > 0 && g->has_base_row;
      if (r == 0)
        g_string_append (out, "<thead>\n");
      else if (r == 1)
        g_string_append (out, "<tbody>\n");
      if (base_row)
        g_string_append (out, "</tbody>\n<tfoot>\n");
      g_string_append (out, base_row ? "<tr class=\"vb-base\">" : "<tr>");
      for (guint c = 0; c < g->n_cols; c++)
        {
          const char *tag = r == 0 ? "th" : c == 0 ? "th" : "td";
          g_string_append_printf (out, "<%s", tag);
          if (r == 0 && c > 0)
            g_string_append (out, " scope=\"col\"");
          else if (r > 0 && c == 0)
            g_string_append (out, " scope=\"row\"");
          guint depth = r > 0 && c == 0 ? g_array_index (g->depth, guint, r) : 0;
          gboolean right = !grid_left (g, c, FALSE);
          /* Browsers centre a <th>: a row's label goes left, as in print. */
          gboolean left_th = !right && strcmp (tag, "th") == 0 && r > 0;
          if (depth || right || left_th)
            {
              g_string_append (out, " style=\"");
              if (depth)
                g_string_append_printf (out, "padding-left:%.1fem;", 0.3 + 1.2 * depth);
              g_string_append (out, right ? "text-align:right;" : "text-align:left;");
              g_string_append (out, "\"");
            }
          g_string_append_c (out, '>');
          vb_html_escape (out, grid_at (g, r, c), TRUE);
          g_string_append_printf (out, "</%s>", tag);
        }
      g_string_append (out, "</tr>\n");
      if (r == 0)
        g_string_append (out, "</thead>\n");
      if (r + 1 == g->n_rows && r > 0 && !base_row)
        g_string_append (out, "</tbody>\n");
      if (r + 1 == g->n_rows && base_row && !(notes && notes->len))
        g_string_append (out, "</tfoot>\n");
    }
  if (notes && notes->len)
    {
      if (!g->has_base_row)
        g_string_append (out, "<tfoot>\n");
      g_string_append_printf (out, "<tr class=\"vb-notes\"><td colspan=\"%u\">", g->n_cols);
      for (guint i = 0; i < notes->len; i++)
        {
          if (i)
            g_string_append (out, "<br/>");
          vb_html_escape (out, notes->pdata[i], FALSE);
        }
      g_string_append (out, "</td></tr>\n</tfoot>\n");
    }
  g_string_append (out, "</table>\n");
}

static void
json_notes (GPtrArray *notes, GString *out)
{
  g_string_append (out, "  \"notes\": [");
  for (guint i = 0; notes && i < notes->len; i++)
    {
      g_string_append (out, i ? ", " : "");
      vb_json_string (out, notes->pdata[i]);
    }
  g_string_append (out, "]\n}\n");
}

/* A listing: {"title", "columns": [header…], "rows": [[field…]…]}. */
static void
write_json_grid (const Grid *g, const char *title, GString *out)
{
  g_string_append (out, "{\n  \"title\": ");
  vb_json_string (out, title);
  g_string_append (out, ",\n  \"columns\": [");
  for (guint c = 0; c < g->n_cols; c++)
    {
      g_string_append (out, c ? ", " : "");
      vb_json_string (out, g->n_rows ? grid_at (g, 0, c) : "");
    }
  g_string_append (out, "],\n  \"rows\": [");
  for (guint r = 1; r < g->n_rows; r++)
    {
      g_string_append (out, r > 1 ? ",\n    [" : "\n    [");
      for (guint c = 0; c < g->n_cols; c++)
        {
          g_string_append (out, c ? ", " : "");
          vb_json_string (out, grid_at (g, r, c));
        }
      g_string_append (out, "]");
    }
  g_string_append (out, g->n_rows > 1 ? "\n  ]\n}\n" : "]\n}\n");
}

/* The shape is documented in verba-formats(5), "JSON TABLES". */
static void
write_json_table (const VbTable *t, VbCellMode mode, const VbScale *scale, GPtrArray *notes,
                  GString *out)
{
  guint nc = t->col_ids->len;
  gboolean row_bases = t->row_base->len > 0;
  g_string_append (out, "{\n  \"title\": ");
  vb_json_string (out, t->title);
  g_string_append (out, ",\n  \"unit\": ");
  vb_json_string (out, t->unit);
  g_string_append (out, ",\n  \"rows_are\": ");
  vb_json_string (out, t->corner);
  g_string_append (out, ",\n  \"columns\": [");
  for (guint c = 0; c < nc; c++)
    {
      g_string_append (out, c ? ",\n    {\"id\": " : "\n    {\"id\": ");
      vb_json_string (out, t->col_ids->pdata[c]);
      g_string_append (out, ", \"label\": ");
      vb_json_string (out, t->col_labels->pdata[c]);
      if (!row_bases && t->words)
        g_string_append_printf (out, ", \"base\": %u", g_array_index (t->col_base, guint, c));
      g_string_append (out, "}");
    }
  g_string_append (out, nc ? "\n  ],\n  \"rows\": [" : "],\n  \"rows\": [");
  for (guint r = 0; r < t->row_ids->len; r++)
    {
      g_string_append (out, r ? ",\n    {\"id\": " : "\n    {\"id\": ");
      vb_json_string (out, t->row_ids->pdata[r]);
      g_string_append (out, ", \"label\": ");
      vb_json_string (out, t->row_labels->pdata[r]);
      g_string_append_printf (out, ", \"depth\": %u", g_array_index (t->row_depth, guint, r));
      if (row_bases)
        g_string_append_printf (out, ", \"base\": %u", g_array_index (t->row_base, guint, r));
      g_string_append (out, ", \"cells\": [");
      for (guint c = 0; c < nc; c++)
        {
          const VbCell *cell = vb_table_cell ((VbTable *) t, r, c);
          g_string_append (out, c ? ", " : "");
          if (cell->na)
            {
              g_string_append (out, "null");
              continue;
            }
          const char *word = t->words ? vb_scale_word (scale, cell->count, cell->base) : NULL;
          gboolean small = word && cell->base < vb_scale_min_base (scale);
          g_autofree char *text = vb_cell_text (t, cell, mode, scale);
          g_string_append_printf (out, "{\"count\": %u", cell->count);
          if (t->words)
            {
              g_string_append_printf (out, ", \"base\": %u, \"word\": ", cell->base);
              vb_json_string (out, word);
              g_string_append_printf (out, ", \"small_base\": %s", small ? "true" : "false");
            }
          if (mode == VB_CELL_QUOTES)
            {
              g_string_append (out, ", \"quotes\": [");
              for (guint q = 0; cell->quotes && q < cell->quotes->len; q++)
                {
                  g_string_append (out, q ? ", " : "");
                  vb_json_string (out, cell->quotes->pdata[q]);
                }
              g_string_append (out, "]");
            }
          else
            {
              g_string_append (out, ", \"text\": ");
              vb_json_string (out, text);
            }
          g_string_append (out, "}");
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, t->row_ids->len ? "\n  ],\n" : "],\n");
  json_notes (notes, out);
}

void
vb_grid_write (GPtrArray *cells, guint n_cols, const char *align, const char *title,
               VbFormat format, GString *out)
{
  g_autoptr (GArray) depth = g_array_new (FALSE, TRUE, sizeof (guint));
  Grid g = { n_cols, cells, n_cols ? cells->len / n_cols : 0, FALSE, FALSE, align, depth };
  g_array_set_size (depth, g.n_rows);
  if (title && (format == VB_FORMAT_MD || format == VB_FORMAT_TXT))
    g_string_append_printf (out, format == VB_FORMAT_MD ? "### %s\n\n" : "%s\n\n", title);
  switch (format)
    {
    case VB_FORMAT_TSV:
    case VB_FORMAT_CSV: write_machine (&g, format, out); break;
    case VB_FORMAT_MD: write_md (&g, out); break;
    case VB_FORMAT_TXT: write_txt (&g, out); break;
    case VB_FORMAT_LATEX: write_latex (&g, title, NULL, out); break;
    case VB_FORMAT_HTML: write_html (&g, title, NULL, out); break;
    case VB_FORMAT_JSON: write_json_grid (&g, title, out); break;
    default: g_return_if_reached (); /* binary: vb-table-files.h */
    }
}

GPtrArray *
vb_table_notes (const VbTable *t, VbCellMode mode, const VbScale *scale, VbFormat format)
{
  GPtrArray *notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < t->notes->len; i++)
    g_ptr_array_add (notes, g_strdup (t->notes->pdata[i]));
  gboolean small = FALSE;
  for (guint i = 0; t->words && i < t->row_ids->len * t->col_ids->len; i++)
    small |= !t->cells[i].na && t->cells[i].base > 0 && t->cells[i].base < vb_scale_min_base (scale);
  small = small && (mode == VB_CELL_FULL || mode == VB_CELL_LABEL
                   || (vb_scale_suppress_small (scale) && mode != VB_CELL_QUOTES));
  if (small && vb_scale_suppress_small (scale))
    g_ptr_array_add (notes, g_strdup_printf ("%s: a base below %u; not shown.", VB_CELL_SUPPRESSED,
                                             vb_scale_min_base (scale)));
  else if (small)
    g_ptr_array_add (notes, g_strdup_printf ("Words marked %s rest on a base below %u.",
                                             format == VB_FORMAT_MD ? "\\*" : "*",
                                             vb_scale_min_base (scale)));
  if (t->hidden_by_count)
    g_ptr_array_add (notes, g_strdup_printf ("%s: fewer than %u %s; not shown.", VB_CELL_SUPPRESSED,
                                             t->min_count, t->unit ? t->unit : "units"));
  if (t->hidden_more)
    g_ptr_array_add (notes, g_strdup_printf (
        "%s also in %u other cell%s (secondary suppression), so that no hidden cell can be "
        "worked out from the totals.", VB_CELL_SUPPRESSED, t->hidden_more,
        t->hidden_more == 1 ? "" : "s"));
  return notes;
}

void
vb_table_write (const VbTable *t, VbFormat format, VbCellMode mode, const VbScale *scale,
                GString *out)
{
  g_autoptr (GPtrArray) notes = vb_table_notes (t, mode, scale, format);
  if (format == VB_FORMAT_JSON)
    {
      write_json_table (t, mode, scale, notes, out);
      return;
    }
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
    case VB_FORMAT_LATEX: write_latex (&g, t->title, notes, out); break;
    case VB_FORMAT_HTML: write_html (&g, t->title, notes, out); break;
    case VB_FORMAT_JSON: break;
    default: g_return_if_reached (); /* binary: vb-table-files.h */
    }
  if (human && notes->len > 0)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < notes->len; i++)
        g_string_append_printf (out, "%s\n", (char *) notes->pdata[i]);
    }
  g_ptr_array_unref (g.cells);
  g_array_unref (g.depth);
}
