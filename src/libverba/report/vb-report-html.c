/* The report as one self-contained HTML document: styles inline, charts
 * as inline SVG, nothing fetched, no script. */
#include "report/vb-report.h"
#include "base/vb-html.h"
#include "report/vb-svg.h"
#include "analysis/vb-group-size.h"
#include "stream/vb-segment.h"

#include <string.h>

static const char css[] =
  "body{font-family:sans-serif;color:#1a1a1a;max-width:72rem;margin:0 auto;padding:1rem 2rem;"
  "line-height:1.4}\n"
  "h1{font-size:1.7rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}\n"
  "h3{margin-top:1.5rem}.nav ol{columns:2}\n"
  ".lede{color:#444}.figure{overflow-x:auto;margin:1rem 0}\n"
  ".figure svg{display:block;max-width:100%;height:auto}\n"
  ".figcaption{font-weight:bold;margin:.4rem 0}\n"
  "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}\n"
  "caption{text-align:left;font-weight:bold;padding:.3rem 0}\n"
  "th,td{border-bottom:1px solid #e0e0e0;padding:.25rem .6rem;vertical-align:top}\n"
  "thead th{border-bottom:2px solid #444}tr.vb-base th,tr.vb-base td{font-style:italic;"
  "border-top:2px solid #444}\n"
  "tr.vb-notes td{font-size:.8rem;color:#444;border:none}\n"
  "blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.8rem;border-left:3px solid #6baed6}\n"
  "dt{font-weight:bold;margin-top:.6rem}dd{margin-left:1.2rem}\n"
  "code,.sum{font-family:monospace;font-size:.85rem;overflow-wrap:anywhere}\n"
  ".legend span{display:inline-block;width:1.6rem;height:.9rem;vertical-align:middle;"
  "border:1px solid #ccc}\n"
  "@media print{h2{page-break-after:avoid}.figure{page-break-inside:avoid}}\n";

static void
esc (GString *out, const char *s)
{
  vb_html_escape (out, s, FALSE);
}

static void
tag (GString *out, const char *open, const char *text, const char *close)
{
  g_string_append (out, open);
  esc (out, text);
  g_string_append (out, close);
}

static VbTable *
tally_table (const VbReport *r, VbTallyOptions *t)
{
  t->pseudonyms = r->pseudonyms;
  g_autoptr (VbTally) tally = vb_tally_new (t, r->cb);
  for (guint i = 0; i < r->segs->len; i++)
    vb_tally_add (tally, r->segs->pdata[i]);
  VbTable *table = vb_tally_table (tally);
  vb_table_protect (table, r->scale);
  return table;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Documents, participants and segments by the report's attribute. */
static void
write_study (const VbReport *r, GString *out)
{
  typedef struct { GHashTable *docs, *people; guint segs, counted, coded; } Group;
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  g_autoptr (GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  const char *all_key = "\x1d" "all";
  /* Participants as -u speaker counts them (a group that states its size
   * counts as that many); freed before the sets that hold its units. */
  const char *split[] = { r->by, NULL };
  g_autoptr (VbGroupSizes) sizes = vb_group_sizes_new (split);
  for (guint i = 0; i < r->segs->len; i++)
    {
      VbSegment *seg = r->segs->pdata[i];
      vb_group_sizes_see (sizes, seg);
      const char *v = r->by ? vb_segment_value (seg, r->by) : NULL;
      const char *ks[] = { v && *v ? v : "(none)", all_key };
      for (guint k = r->by ? 0 : 1; k < 2; k++)
        {
          Group *g = g_hash_table_lookup (groups, ks[k]);
          if (g == NULL)
            {
              g = g_new0 (Group, 1);
              g->docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_ptr_array_add (sets, g->docs);
              g_ptr_array_add (sets, g->people);
              char *key = g_strdup (ks[k]);
              g_hash_table_insert (groups, key, g);
              if (k == 0)
                g_ptr_array_add (keys, key);
            }
          g_hash_table_add (g->docs, g_strdup (seg->document));
          g->segs++;
          if (!vb_role_is_counted (seg->role))
            continue;
          g->counted++;
          g->coded += seg->codings && seg->codings->len;
          /* A key added again would replace the one sizes holds. */
          g_autofree char *person = g_strconcat (seg->document, "\x1f", seg->speaker, NULL);
          if (!g_hash_table_contains (g->people, person))
            {
              vb_group_sizes_unit (sizes, person, seg);
              g_hash_table_add (g->people, g_steal_pointer (&person));
            }
        }
    }
  g_ptr_array_sort (keys, compare_strings);
  g_ptr_array_add (keys, (gpointer) all_key);
  g_string_append (out, "<table class=\"vb-table\" id=\"study-summary\">\n<caption>The study");
  if (r->by)
    {
      g_string_append (out, " by ");
      esc (out, r->by);
    }
  g_string_append (out, "</caption>\n<thead><tr><th></th><th scope=\"col\">documents</th>"
                        "<th scope=\"col\">participants</th><th scope=\"col\">segments</th>"
                        "<th scope=\"col\">from participants</th><th scope=\"col\">coded</th>"
                        "<th scope=\"col\">coverage</th></tr></thead>\n<tbody>\n");
  for (guint i = 0; i < keys->len; i++)
    {
      const char *k = keys->pdata[i];
      Group *g = g_hash_table_lookup (groups, k);
      if (g == NULL)
        continue;
      gboolean all = strcmp (k, all_key) == 0;
      if (all)
        g_string_append (out, "</tbody>\n<tfoot>\n");
      g_string_append (out, all ? "<tr class=\"vb-base\">" : "<tr>");
      tag (out, "<th scope=\"row\" style=\"text-align:left;\">", all ? "All" : k, "</th>");
      g_string_append_printf (out, "<td style=\"text-align:right;\">%u</td>"
                              "<td style=\"text-align:right;\">%u</td>"
                              "<td style=\"text-align:right;\">%u</td>"
                              "<td style=\"text-align:right;\">%u</td>"
                              "<td style=\"text-align:right;\">%u</td>"
                              "<td style=\"text-align:right;\">%.0f%%</td></tr>\n",
                              g_hash_table_size (g->docs),
                              vb_group_sizes_count (sizes, g->people, TRUE), g->segs,
                              g->counted, g->coded, g->counted ? 100.0 * g->coded / g->counted : 0.0);
      if (all)
        g_string_append (out, "</tfoot>\n");
    }
  g_string_append (out, "</table>\n<p>Participants: the people whose words were counted, each "
                        "named speaker of a document once, and a document's unnamed "
                        "contributions as one; a group whose notes state its size "
                        "(<code>Participants: 10</code>) as that many, those who did not speak "
                        "on record included. Moderators' and interviewers' words are kept but "
                        "not counted. Coverage: the share of participants' segments that received "
                        "at least one code.</p>\n");
}

static void
figure (GString *out, const char *caption, const char *note)
{
  tag (out, "<p class=\"figcaption\">", caption, "</p>\n");
  if (note)
    tag (out, "<p class=\"lede\">", note, "</p>\n");
}

static void
write_legend (GString *out)
{
  g_string_append (out, "<p class=\"legend\">Shade: share of the base.");
  for (guint k = 0; k <= 4; k++)
    {
      char rgb[8];
      vb_svg_shade (k / 4.0, rgb, NULL);
      g_string_append_printf (out, " <span style=\"background:%s\"></span> %u%%", rgb, k * 25);
    }
  g_string_append (out, "</p>\n");
}

/* The best verbatims of each theme x principle cell, with attribution. */
static void
write_verbatims (const VbReport *r, GString *out)
{
  VbTallyOptions m;
  vb_report_tally_init (r, &m);
  m.pseudonyms = r->pseudonyms;
  m.rows.kind = VB_DIM_THEME;
  m.cols.kind = VB_DIM_PRINCIPLE;
  m.quotes = 2;
  g_autoptr (VbTable) t = tally_table (r, &m);
  guint nc = t->col_ids->len;
  for (guint row = 0; row < t->row_ids->len; row++)
    {
      gboolean any = FALSE;
      for (guint c = 0; c < nc; c++)
        {
          const VbCell *cell = &t->cells[row * nc + c];
          if (cell->na || cell->quotes == NULL || cell->quotes->len == 0)
            continue;
          if (!any)
            {
              g_string_append_printf (out, "<h3 id=\"q-%s\">", (char *) t->row_ids->pdata[row]);
              esc (out, t->row_labels->pdata[row]);
              g_string_append (out, "</h3>\n");
              any = TRUE;
            }
          g_autofree char *text = vb_cell_text (t, cell, VB_CELL_FULL, r->scale);
          g_string_append (out, "<h4>");
          esc (out, t->row_labels->pdata[row]);
          g_string_append (out, " \xc3\x97 ");
          esc (out, t->col_labels->pdata[c]);
          g_string_append (out, ": ");
          esc (out, text);
          g_string_append (out, "</h4>\n");
          for (guint q = 0; q < cell->quotes->len; q++)
            tag (out, "<blockquote>", cell->quotes->pdata[q], "</blockquote>\n");
        }
    }
}

static void
dd (GString *out, const char *term, const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  tag (out, "<dd><em>", term, ":</em> ");
  esc (out, text);
  g_string_append (out, "</dd>\n");
}

static void
write_codebook (const VbCodebook *cb, GString *out)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      VbCodeKind kind = pass == 0 ? VB_CODE_PRINCIPLE : VB_CODE_THEME;
      g_string_append (out, pass == 0 ? "<h3>Principles</h3>\n<dl>\n" : "<h3>Themes</h3>\n<dl>\n");
      for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
        {
          const VbCode *c = vb_codebook_code (cb, i);
          if (c->kind != kind)
            continue;
          g_string_append (out, "<dt>");
          for (guint d = 0; d < c->depth; d++)
            g_string_append (out, "&#8627; ");
          esc (out, c->label);
          g_string_append (out, " <code>");
          esc (out, c->id);
          g_string_append (out, "</code></dt>\n");
          dd (out, kind == VB_CODE_PRINCIPLE ? "Description" : "Definition", c->description);
          dd (out, "Include", c->include);
          dd (out, "Exclude", c->exclude);
          if (c->examples && c->examples[0])
            {
              g_autofree char *ex = g_strjoinv ("; ", c->examples);
              dd (out, "Examples", ex);
            }
          if (c->principles && c->principles[0])
            {
              GString *names = g_string_new (NULL);
              for (guint k = 0; c->principles[k]; k++)
                {
                  const VbCode *p = vb_codebook_lookup (cb, c->principles[k]);
                  g_string_append_printf (names, "%s%s", k ? ", " : "", p ? p->label : c->principles[k]);
                }
              dd (out, "Linked principles", names->str);
              g_string_free (names, TRUE);
            }
          for (guint k = 0; c->rules && k < c->rules->len; k++)
            {
              const VbCodeRule *rule = c->rules->pdata[k];
              g_string_append (out, "<dd><em>");
              esc (out, rule->name);
              g_string_append_printf (out, " (%s):</em> <code>", vb_scope_to_string (c->scope));
              esc (out, rule->expr);
              g_string_append (out, "</code></dd>\n");
            }
        }
      g_string_append (out, "</dl>\n");
    }
}

static void
write_method (const VbReport *r, GString *out)
{
  const char *units = vb_unit_plural (r->unit);
  g_string_append (out, "<dl>\n<dt>Units</dt>\n<dd>");
  g_string_append_printf (out, "Every table and chart counts %s: a cell is the number of %s that "
                          "raised the code at least once (in a segment coded with it), out of a "
                          "base: the %s with at least one counted segment in the column. ",
                          units, units, units);
  g_string_append (out, "A parent theme counts its sub-themes' codings too. Theme \xc3\x97 "
                        "principle cells count the units with one segment coded with both; "
                        "Table 4 counts instead the units raising the theme under each principle "
                        "the codebook links it to. Moderators' and interviewers' words are not "
                        "counted.</dd>\n<dt>Indicative scale</dt>\n<dd>The word of a cell is the "
                        "first band whose condition the count and base meet:</dd>\n<dd><table>"
                        "<thead><tr><th>word</th><th>condition</th></tr></thead><tbody>\n");
  for (guint i = 0; i < vb_scale_n_bands (r->scale); i++)
    {
      g_autofree char *cond = NULL;
      const char *word = vb_scale_band (r->scale, i, &cond);
      tag (out, "<tr><td>", word, "</td>");
      tag (out, "<td>", cond, "</td></tr>\n");
    }
  g_string_append_printf (out, "</tbody></table></dd>\n<dd>Words over a base below %u are "
                          "marked *: too few units to say \xe2\x80\x9cmost\xe2\x80\x9d of.</dd>\n",
                          vb_scale_min_base (r->scale));
  g_string_append (out, "<dt>Verbatims</dt>\n<dd>Per cell, up to two participants' segments "
                        "coded with both codes: those where the codes were found most often "
                        "first, then those nearest a readable length, one per speaker; "
                        "attributed by the document's attribution, or its location, age and "
                        "grade.</dd>\n");
  g_string_append (out, r->pseudonyms && vb_pseudonyms_names (r->pseudonyms)
                          ? "<dt>Speakers</dt>\n<dd>Named as the transcripts name them "
                            "(asked for with --names).</dd>\n"
                          : "<dt>Speakers</dt>\n<dd>Never named: a speaker label that names no "
                            "one (P4, Respondent 3) is shown as written, any other as "
                            "participant N in the order they first speak in the document, "
                            "unless a pseudonyms file gives another.</dd>\n");
  g_string_append (out, "<dt>Codebooks (SHA-256)</dt>\n");
  for (guint i = 0; i < r->codebook_sums->len; i++)
    tag (out, "<dd class=\"sum\">", r->codebook_sums->pdata[i], "</dd>\n");
  g_string_append (out, "<dt>Inputs (SHA-256)</dt>\n");
  for (guint i = 0; i < r->input_sums->len; i++)
    tag (out, "<dd class=\"sum\">", r->input_sums->pdata[i], "</dd>\n");
  g_string_append (out, "<dt>Software</dt>\n<dd>");
  g_string_append (out, "verba ");
  esc (out, r->version ? r->version : "");
  g_string_append (out, ", <code>verba report</code>. The same figures come from the pipeline "
                        "<code>verba import | verba code | verba freq / verba matrix</code>.</dd>\n"
                        "</dl>\n");
}

void
vb_report_write_html (const VbReport *r, GString *out)
{
  vb_html_begin (out, r->title, css);
  tag (out, "<div class=\"header\">\n<h1>", r->title, "</h1>\n");
  g_string_append (out, "<p class=\"lede\">Indicative counts of who raised each principle and "
                        "theme, as qualitative reports give them: the word, then the count and "
                        "its base (\xe2\x80\x9cmany (9 of 15)\xe2\x80\x9d).</p>\n</div>\n");
  g_string_append (out, "<div class=\"nav\"><ol>\n<li><a href=\"#study\">The study</a></li>\n"
                        "<li><a href=\"#charts\">Heat maps and charts</a></li>\n"
                        "<li><a href=\"#tables\">Tables</a></li>\n"
                        "<li><a href=\"#verbatims\">Verbatims</a></li>\n"
                        "<li><a href=\"#codebook\">Appendix A: the codebook</a></li>\n"
                        "<li><a href=\"#method\">Appendix B: how the numbers were made</a></li>\n"
                        "</ol></div>\n");

  g_string_append (out, "<div class=\"section\" id=\"study\">\n<h2>1. The study</h2>\n");
  write_study (r, out);
  for (guint i = 0; i < r->left_out->len; i++)
    tag (out, "<p>", r->left_out->pdata[i], "</p>\n");
  g_string_append (out, "</div>\n");

  g_string_append (out, "<div class=\"section\" id=\"charts\">\n<h2>2. Heat maps and charts</h2>\n");
  write_legend (out);
  if (r->principles)
    {
      VbTallyOptions m;
      vb_report_tally_init (r, &m);
      m.rows.kind = VB_DIM_THEME;
      m.cols.kind = VB_DIM_PRINCIPLE;
      g_autoptr (VbTable) tp = tally_table (r, &m);
      g_autofree char *c1 = g_strdup_printf ("Figure 1. Theme \xc3\x97 principle: %s with a "
                                             "segment coded with both", vb_unit_plural (r->unit));
      g_string_append (out, "<div class=\"figure\" id=\"fig-theme-principle\">\n");
      figure (out, c1, "Each cell: the indicative word, then the count out of all units.");
      vb_svg_heatmap (out, tp, r->scale, "heatmap-theme-principle", c1);
      g_string_append (out, "</div>\n");

      const VbTable *t1 = r->tables->pdata[0];
      g_autofree char *c2 = g_strdup_printf ("Figure 2. Principle \xc3\x97 %s: %s raising the "
                                             "principle", r->by ? r->by : "all",
                                             vb_unit_plural (r->unit));
      g_string_append (out, "<div class=\"figure\" id=\"fig-principle-group\">\n");
      figure (out, c2, "Each cell: the indicative word, then the count out of the column's base.");
      vb_svg_heatmap (out, t1, r->scale, "heatmap-principle-group", c2);
      g_string_append (out, "</div>\n");
    }

  const VbTable *t2 = r->tables->pdata[r->principles ? 1 : 0];
  g_autofree char *c3 = g_strdup_printf ("Figure %u. Themes by %s: share of %s raising the theme",
                                         r->principles ? 3 : 1,
                                         r->by ? r->by : "all", vb_unit_plural (r->unit));
  g_string_append (out, "<div class=\"figure\" id=\"fig-themes-bars\">\n");
  figure (out, c3, NULL);
  vb_svg_bars (out, t2, r->by != NULL && t2->col_ids->len > 1, "bars-themes", c3);
  g_string_append (out, "</div>\n</div>\n");

  g_string_append (out, "<div class=\"section\" id=\"tables\">\n<h2>3. Tables</h2>\n");
  for (guint i = 0; i < r->tables->len; i++)
    vb_table_write (r->tables->pdata[i], VB_FORMAT_HTML, g_array_index (r->modes, VbCellMode, i),
                    r->scale, out);
  g_string_append (out, "</div>\n");

  g_string_append (out, "<div class=\"section\" id=\"verbatims\">\n<h2>4. Verbatims</h2>\n<p>For each theme "
                        "\xc3\x97 principle cell, verbatims coded with both, attributed.</p>\n");
  if (r->principles)
    write_verbatims (r, out);
  else
    g_string_append (out, "<p>Left out: the codebook has no principles.</p>\n");
  g_string_append (out, "</div>\n");

  g_string_append (out, "<div class=\"section\" id=\"codebook\">\n<h2>Appendix A: the codebook</h2>\n");
  tag (out, "<p>", vb_codebook_title (r->cb), "</p>\n");
  write_codebook (r->cb, out);
  g_string_append (out, "</div>\n");

  g_string_append (out, "<div class=\"section\" id=\"method\">\n<h2>Appendix B: how the numbers were made</h2>\n");
  write_method (r, out);
  g_string_append (out, "</div>\n");
  vb_html_end (out);
}
