#include "report/vb-svg.h"
#include "base/vb-html.h"

#include <string.h>

/* SVG text is not measured by the writer; this is the advance of an
 * average character of a 12px sans-serif face, generous so that labels
 * never overrun their box. */
#define CHAR_W 6.6

static guint
text_width (const char *s, double char_w)
{
  return (guint) (g_utf8_strlen (s ? s : "", -1) * char_w + 0.5);
}

/* Long labels are wrapped, never clipped nor left to widen the chart
 * until the page shrinks it past reading: lines of at most this many
 * characters, broken at spaces (a longer word keeps a line of its own). */
#define ROW_CHARS 32
#define COL_CHARS 16
#define LINE_H 14

static GPtrArray *
wrap_label (const char *s, guint max_chars)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = g_strsplit (s ? s : "", " ", -1);
  GString *line = g_string_new (NULL);
  for (guint i = 0; words[i]; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (line->len && (guint) g_utf8_strlen (line->str, -1) + 1 + g_utf8_strlen (words[i], -1)
                       > max_chars)
        {
          g_ptr_array_add (lines, g_strdup (line->str));
          g_string_truncate (line, 0);
        }
      if (line->len)
        g_string_append_c (line, ' ');
      g_string_append (line, words[i]);
    }
  g_ptr_array_add (lines, g_string_free (line, FALSE));
  return lines;
}

/* Bold labels (top-level rows, column heads) run wider. */
#define BOLD_W 7.4

static guint
lines_width (const GPtrArray *lines, gboolean bold)
{
  guint w = 0;
  for (guint i = 0; i < lines->len; i++)
    w = MAX (w, text_width (lines->pdata[i], bold ? BOLD_W : CHAR_W));
  return w;
}

void
vb_svg_shade (double share, char rgb[8], gboolean *light_text)
{
  /* A sequential blue ramp (light to dark), readable in greyscale print. */
  static const double stops[][3] = {
    { 0xf4, 0xf8, 0xfc }, { 0xc6, 0xdb, 0xef }, { 0x6b, 0xae, 0xd6 },
    { 0x21, 0x71, 0xb5 }, { 0x08, 0x30, 0x6b },
  };
  share = CLAMP (share, 0.0, 1.0);
  double x = share * (G_N_ELEMENTS (stops) - 1);
  guint i = MIN ((guint) x, G_N_ELEMENTS (stops) - 2);
  double f = x - i;
  int c[3];
  for (guint k = 0; k < 3; k++)
    c[k] = (int) (stops[i][k] + f * (stops[i + 1][k] - stops[i][k]) + 0.5);
  g_snprintf (rgb, 8, "#%02x%02x%02x", c[0], c[1], c[2]);
  if (light_text)
    *light_text = share > 0.55;
}

static void
svg_open (GString *out, const char *id, const char *title, guint w, guint h)
{
  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" role=\"img\" "
                          "width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\" "
                          "font-family=\"sans-serif\" font-size=\"12\">\n<title>", id, w, h, w, h);
  vb_html_escape (out, title, FALSE);
  g_string_append (out, "</title>\n");
}

static void
svg_text (GString *out, double x, double y, const char *anchor, const char *attrs, const char *s)
{
  g_string_append_printf (out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
                          attrs ? " " : "", attrs ? attrs : "");
  vb_html_escape (out, s, FALSE);
  g_string_append (out, "</text>\n");
}

/* A wrapped label: its lines centred on y. */
static void
svg_lines (GString *out, double x, double y, const char *anchor, const char *attrs,
           const GPtrArray *lines)
{
  if (lines->len == 1)
    {
      svg_text (out, x, y + 4, anchor, attrs, lines->pdata[0]);
      return;
    }
  double y0 = y + 4 - (lines->len - 1) * LINE_H / 2.0;
  g_string_append_printf (out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y0,
                          anchor, attrs ? " " : "", attrs ? attrs : "");
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append_printf (out, "<tspan x=\"%.1f\" dy=\"%u\">", x, i ? LINE_H : 0);
      vb_html_escape (out, lines->pdata[i], FALSE);
      g_string_append (out, "</tspan>");
    }
  g_string_append (out, "</text>\n");
}

void
vb_svg_heatmap (GString *out, const VbTable *t, const VbScale *scale, const char *id,
                const char *title)
{
  guint nr = t->row_ids->len, nc = t->col_ids->len;
  const guint pad = 8;
  guint label_w = 0, cell_w = 96, head_h = 28;
  g_autoptr (GPtrArray) row_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GPtrArray) col_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  /* Each row as tall as its label, at least the two lines of a cell. */
  g_autofree guint *row_y = g_new0 (guint, nr + 1);
  for (guint r = 0; r < nr; r++)
    {
      GPtrArray *lines = wrap_label (t->row_labels->pdata[r], ROW_CHARS);
      g_ptr_array_add (row_lines, lines);
      guint depth = g_array_index (t->row_depth, guint, r);
      label_w = MAX (label_w, lines_width (lines, depth == 0) + 14 * depth);
      row_y[r + 1] = row_y[r] + MAX (40, lines->len * LINE_H + 12);
    }
  for (guint c = 0; c < nc; c++)
    {
      GPtrArray *lines = wrap_label (t->col_labels->pdata[c], COL_CHARS);
      g_ptr_array_add (col_lines, lines);
      cell_w = MAX (cell_w, lines_width (lines, TRUE) + 12);
      head_h = MAX (head_h, 28 + (lines->len - 1) * LINE_H);
    }
  for (guint i = 0; t->words && i < nr * nc; i++)
    {
      const char *w = vb_scale_word (scale, t->cells[i].count, t->cells[i].base);
      cell_w = MAX (cell_w, text_width (w, CHAR_W + 0.5) + 16);
    }
  label_w += 2 * pad;
  guint w = label_w + nc * cell_w + pad, h = head_h + row_y[nr] + pad;
  svg_open (out, id, title, w, h);
  for (guint c = 0; c < nc; c++)
    {
      const GPtrArray *lines = col_lines->pdata[c];
      /* Bottom lines aligned just above the cells. */
      svg_lines (out, label_w + c * cell_w + cell_w / 2.0,
                 head_h - 14 - (lines->len - 1) * LINE_H / 2.0, "middle",
                 "font-weight=\"bold\"", lines);
    }
  for (guint r = 0; r < nr; r++)
    {
      double y = head_h + row_y[r];
      guint cell_h = row_y[r + 1] - row_y[r];
      guint depth = g_array_index (t->row_depth, guint, r);
      svg_lines (out, pad + 14 * depth, y + cell_h / 2.0, "start",
                 depth ? NULL : "font-weight=\"bold\"", row_lines->pdata[r]);
      for (guint c = 0; c < nc; c++)
        {
          const VbCell *cell = &t->cells[r * nc + c];
          double x = label_w + c * cell_w;
          if (cell->na)
            {
              g_string_append_printf (out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%u\" height=\"%u\" "
                                      "fill=\"#ffffff\" stroke=\"#dddddd\"/>\n",
                                      x, y, cell_w, cell_h);
              continue;
            }
          g_autofree char *text = vb_cell_text (t, cell, VB_CELL_FULL, scale);
          gboolean suppressed = strcmp (text, VB_CELL_SUPPRESSED) == 0;
          const char *word = t->words ? vb_scale_word (scale, cell->count, cell->base) : NULL;
          gboolean small = word && cell->base < vb_scale_min_base (scale);
          double share = cell->base ? (double) cell->count / cell->base : 0.0;
          char rgb[8];
          gboolean light;
          vb_svg_shade (suppressed ? 0.0 : share, rgb, &light);
          g_string_append_printf (out, "<g><title>");
          vb_html_escape (out, t->row_labels->pdata[r], FALSE);
          g_string_append (out, " \xc3\x97 ");
          vb_html_escape (out, t->col_labels->pdata[c], FALSE);
          g_string_append (out, ": ");
          vb_html_escape (out, text, FALSE);
          g_string_append_printf (out, "</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%u\" height=\"%u\" "
                                  "fill=\"%s\" stroke=\"#ffffff\"/>\n", x, y, cell_w, cell_h, rgb);
          const char *fill = light ? "fill=\"#ffffff\"" : "fill=\"#1a1a1a\"";
          if (suppressed)
            svg_text (out, x + cell_w / 2.0, y + cell_h / 2.0 + 4, "middle", fill, text);
          else if (word)
            {
              g_autofree char *wd = g_strdup_printf ("%s%s", word, small ? "*" : "");
              g_autofree char *n = g_strdup_printf ("%u of %u", cell->count, cell->base);
              g_autofree char *attrs = g_strdup_printf ("%s font-weight=\"bold\"", fill);
              double top = y + (cell_h - 40) / 2.0;
              svg_text (out, x + cell_w / 2.0, top + 17, "middle", attrs, wd);
              g_autofree char *attrs2 = g_strdup_printf ("%s font-size=\"11\"", fill);
              svg_text (out, x + cell_w / 2.0, top + 32, "middle", attrs2, n);
            }
          else
            {
              g_autofree char *n = g_strdup_printf ("%u", cell->count);
              svg_text (out, x + cell_w / 2.0, y + cell_h / 2.0 + 4, "middle", fill, n);
            }
          g_string_append (out, "</g>\n");
        }
    }
  g_string_append (out, "</svg>\n");
}

void
vb_svg_bars (GString *out, const VbTable *t, gboolean skip_last, const char *id,
             const char *title)
{
  /* Distinct in colour and in lightness, for the colour-blind and for print. */
  static const char *const palette[] = { "#1f78b4", "#e6861a", "#33a02c", "#6a3d9a", "#b15928",
                                         "#a6cee3" };
  guint nr = t->row_ids->len, nc = t->col_ids->len;
  guint ng = skip_last && nc > 1 ? nc - 1 : nc;
  const guint bar_h = 13, gap = 10, pad = 8, legend_h = 26, bar_max = 320, value_w = 80;
  guint label_w = 0;
  g_autoptr (GPtrArray) row_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree guint *row_y = g_new0 (guint, nr + 1);
  for (guint r = 0; r < nr; r++)
    {
      GPtrArray *lines = wrap_label (t->row_labels->pdata[r], ROW_CHARS);
      g_ptr_array_add (row_lines, lines);
      guint depth = g_array_index (t->row_depth, guint, r);
      label_w = MAX (label_w, lines_width (lines, depth == 0) + 14 * depth);
      row_y[r + 1] = row_y[r] + MAX (ng * bar_h, lines->len * LINE_H) + gap;
    }
  label_w += 2 * pad;
  guint w = label_w + bar_max + value_w + pad, h = legend_h + row_y[nr] + 24;
  svg_open (out, id, title, w, h);
  double lx = label_w;
  for (guint c = 0; c < ng; c++)
    {
      g_string_append_printf (out, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                              lx, palette[c % G_N_ELEMENTS (palette)]);
      g_autofree char *lab = g_strdup_printf ("%s (base %u)", (char *) t->col_labels->pdata[c],
                                              g_array_index (t->col_base, guint, c));
      svg_text (out, lx + 16, 16, "start", NULL, lab);
      lx += 16 + text_width (lab, CHAR_W) + 18;
    }
  for (guint r = 0; r < nr; r++)
    {
      guint row_h = row_y[r + 1] - row_y[r] - gap;
      double y = legend_h + row_y[r] + (row_h - ng * bar_h) / 2.0;
      guint depth = g_array_index (t->row_depth, guint, r);
      svg_lines (out, pad + 14 * depth, legend_h + row_y[r] + row_h / 2.0, "start",
                 depth ? NULL : "font-weight=\"bold\"", row_lines->pdata[r]);
      for (guint c = 0; c < ng; c++)
        {
          const VbCell *cell = &t->cells[r * nc + c];
          if (cell->na)
            continue;
          double share = cell->base ? (double) cell->count / cell->base : 0.0;
          double by = y + c * bar_h;
          g_string_append_printf (out, "<rect x=\"%u\" y=\"%.1f\" width=\"%.1f\" height=\"%u\" "
                                  "fill=\"%s\"><title>", label_w, by, share * bar_max, bar_h - 2,
                                  palette[c % G_N_ELEMENTS (palette)]);
          vb_html_escape (out, t->row_labels->pdata[r], FALSE);
          g_autofree char *n = g_strdup_printf ("%u of %u", cell->count, cell->base);
          g_string_append (out, ", ");
          vb_html_escape (out, t->col_labels->pdata[c], FALSE);
          g_string_append_printf (out, ": %s</title></rect>\n", n);
          svg_text (out, label_w + share * bar_max + 4, by + bar_h - 3, "start",
                    "font-size=\"10\" fill=\"#333333\"", n);
        }
    }
  /* The scale under the bars: 0, 50% and 100% of each base. */
  double ay = legend_h + row_y[nr] + 2;
  g_string_append_printf (out, "<line x1=\"%u\" y1=\"%.1f\" x2=\"%u\" y2=\"%.1f\" stroke=\"#999999\"/>\n",
                          label_w, ay, label_w + bar_max, ay);
  for (guint k = 0; k <= 2; k++)
    {
      g_autofree char *lab = g_strdup_printf ("%u%%", k * 50);
      svg_text (out, label_w + k * bar_max / 2.0, ay + 14, "middle", "font-size=\"10\"", lab);
    }
  g_string_append (out, "</svg>\n");
}
