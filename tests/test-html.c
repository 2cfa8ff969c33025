/* test-html.c: escaping for HTML, LaTeX and JSON (vb-html.h, vb-json.h),
 * the heat map's shades and drawing (vb-svg.h) and the scale's bands in
 * words (vb-scale.h), on inputs whose right output is written out here. */
#include <string.h>

#include "base/vb-html.h"
#include "base/vb-json.h"
#include "report/vb-svg.h"
#include "analysis/vb-scale.h"
#include "analysis/vb-table.h"

static char *
run (void (*fn) (GString *, const char *, gboolean), const char *s, gboolean breaks)
{
  GString *out = g_string_new (NULL);
  fn (out, s, breaks);
  return g_string_free (out, FALSE);
}

static void
test_html_escape (void)
{
  g_autofree char *a = run (vb_html_escape, "a & b < c > d \"e\" 'f' \\ % _ # $ { } é—✓", FALSE);
  g_assert_cmpstr (a, ==, "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39; \\ % _ # $ { } é—✓");
  g_autofree char *b = run (vb_html_escape, "one\ntwo", TRUE);
  g_assert_cmpstr (b, ==, "one<br/>two");
  g_autofree char *c = run (vb_html_escape, "one\ntwo", FALSE);
  g_assert_cmpstr (c, ==, "one two");
  g_autofree char *d = run (vb_html_escape, "&amp;", FALSE);
  g_assert_cmpstr (d, ==, "&amp;amp;");
}

static void
test_latex_escape (void)
{
  g_autofree char *a = run (vb_latex_escape, "& % $ # _ { } \\ ~ ^ < > | é", FALSE);
  g_assert_cmpstr (a, ==, "\\& \\% \\$ \\# \\_ \\{ \\} \\textbackslash{} \\textasciitilde{} "
                          "\\textasciicircum{} \\textless{} \\textgreater{} \\textbar{} é");
  g_autofree char *b = run (vb_latex_escape, "a\nb", TRUE);
  g_assert_cmpstr (b, ==, "a\\newline{}b");
  g_autofree char *c = run (vb_latex_escape, "a\nb", FALSE);
  g_assert_cmpstr (c, ==, "a b");
}

static void
test_json_string (void)
{
  GString *out = g_string_new (NULL);
  vb_json_string (out, "q\"b\\s/\n\r\t\b\f\x01\x1f é—✓ \xe2\x80\xa8");
  /* '/' and U+2028 need no escape in JSON; UTF-8 passes as it is. */
  g_assert_cmpstr (out->str, ==, "\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f é—✓ \xe2\x80\xa8\"");
  g_string_truncate (out, 0);
  vb_json_string (out, NULL);
  g_assert_cmpstr (out->str, ==, "null");
  g_string_truncate (out, 0);
  vb_json_string (out, "");
  g_assert_cmpstr (out->str, ==, "\"\"");
  g_string_free (out, TRUE);
}

static void
test_shade (void)
{
  char rgb[8];
  gboolean light;
  vb_svg_shade (0.0, rgb, &light);
  g_assert_cmpstr (rgb, ==, "#f4f8fc");
  g_assert_false (light);
  vb_svg_shade (1.0, rgb, &light);
  g_assert_cmpstr (rgb, ==, "#08306b");
  g_assert_true (light);
  /* Half way is the middle stop of five. */
  vb_svg_shade (0.5, rgb, &light);
  g_assert_cmpstr (rgb, ==, "#6baed6");
  g_assert_false (light);
  /* Out of range is clamped. */
  vb_svg_shade (2.0, rgb, NULL);
  g_assert_cmpstr (rgb, ==, "#08306b");
}

static VbTable *
small_table (void)
{
  VbTable *t = vb_table_new (1, 2);
  g_ptr_array_add (t->row_ids, g_strdup ("open"));
  g_ptr_array_add (t->row_labels, g_strdup ("Openness & <candour>"));
  guint zero = 0;
  g_array_append_val (t->row_depth, zero);
  const char *cols[] = { "public", "stakeholder" };
  guint bases[] = { 6, 15 };
  for (guint c = 0; c < 2; c++)
    {
      g_ptr_array_add (t->col_ids, g_strdup (cols[c]));
      g_ptr_array_add (t->col_labels, g_strdup (cols[c]));
      g_array_append_val (t->col_base, bases[c]);
    }
  vb_table_cell (t, 0, 0)->count = 6;
  vb_table_cell (t, 0, 0)->base = 6;
  vb_table_cell (t, 0, 1)->count = 9;
  vb_table_cell (t, 0, 1)->base = 15;
  t->unit = g_strdup ("documents");
  return t;
}

static void
test_heatmap (void)
{
  g_autoptr (VbTable) t = small_table ();
  g_autoptr (VbScale) scale = vb_scale_default ();
  GString *out = g_string_new (NULL);
  vb_svg_heatmap (out, t, scale, "hm", "A <title>");
  g_assert_true (g_str_has_prefix (out->str, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"hm\""));
  g_assert_nonnull (strstr (out->str, "<title>A &lt;title&gt;</title>"));
  /* 6 of 6: "all", the darkest shade and light text; 9 of 15: "most". */
  g_assert_nonnull (strstr (out->str, "<title>Openness &amp; &lt;candour&gt; \xc3\x97 public: all (6 of 6)</title>"));
  g_assert_nonnull (strstr (out->str, "fill=\"#08306b\""));
  g_assert_nonnull (strstr (out->str, "fill=\"#ffffff\" font-weight=\"bold\">all</text>"));
  g_assert_nonnull (strstr (out->str, ">6 of 6</text>"));
  g_assert_nonnull (strstr (out->str, ">most</text>"));
  g_assert_nonnull (strstr (out->str, ">9 of 15</text>"));
  g_assert_true (g_str_has_suffix (out->str, "</svg>\n"));
  guint rects = 0;
  for (const char *p = out->str; (p = strstr (p, "<rect")); p++)
    rects++;
  g_assert_cmpuint (rects, ==, 2);
  g_string_free (out, TRUE);
}

static void
test_bars (void)
{
  g_autoptr (VbTable) t = small_table ();
  GString *out = g_string_new (NULL);
  /* skip_last leaves the second column out, as it would an "All". */
  vb_svg_bars (out, t, TRUE, "b", "Bars");
  g_assert_nonnull (strstr (out->str, ">public (base 6)</text>"));
  g_assert_null (strstr (out->str, "stakeholder"));
  /* 6 of 6 is the full length of 320 px. */
  g_assert_nonnull (strstr (out->str, "width=\"320.0\" height=\"11\""));
  g_string_free (out, TRUE);
  out = g_string_new (NULL);
  vb_svg_bars (out, t, FALSE, "b", "Bars");
  /* 9 of 15 is 60% of 320 px. */
  g_assert_nonnull (strstr (out->str, "width=\"192.0\" height=\"11\""));
  g_assert_nonnull (strstr (out->str, ">9 of 15</text>"));
  g_string_free (out, TRUE);
}

static void
test_bands (void)
{
  g_autoptr (VbScale) s = vb_scale_default ();
  /* data/scales/indicative.scale, in order. */
  const char *want[][2] = {
    { "none", "count = 0" }, { "all", "share >= 100%" }, { "one", "count = 1" },
    { "almost all", "share >= 90%" }, { "most", "share > 50%" }, { "half", "share >= 50%" },
    { "many", "share >= 35%" }, { "some", "share >= 20%" }, { "a few", "share >= 10%" },
    { "a handful", "count >= 2" },
  };
  g_assert_cmpuint (vb_scale_n_bands (s), ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *cond = NULL;
      g_assert_cmpstr (vb_scale_band (s, i, &cond), ==, want[i][0]);
      g_assert_cmpstr (cond, ==, want[i][1]);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/html/escape", test_html_escape);
  g_test_add_func ("/latex/escape", test_latex_escape);
  g_test_add_func ("/json/string", test_json_string);
  g_test_add_func ("/svg/shade", test_shade);
  g_test_add_func ("/svg/heatmap", test_heatmap);
  g_test_add_func ("/svg/bars", test_bars);
  g_test_add_func ("/scale/bands", test_bands);
  return g_test_run ();
}
