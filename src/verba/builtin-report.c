/* verba report: import, code and tabulate a study in one run. */
#include "builtin.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static char **opt_codebooks = NULL;
static char *opt_output = NULL;
static char *opt_format = NULL;
static char *opt_unit = NULL;
static char *opt_by = NULL;

static GOptionEntry entries[] = {
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook (repeatable; default: public-standards and stakeholder-standards)", "CODEBOOK" },
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format, "txt (default) or md", "FMT" },
  { "unit", 'u', 0, G_OPTION_ARG_STRING, &opt_unit, "Unit of counting (default: document)", "UNIT" },
  { "by", 'b', 0, G_OPTION_ARG_STRING, &opt_by, "Attribute of the frequency table's columns "
    "(default: stage)", "ATTR" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  { NULL }
};

static void
warn_import (gpointer data, const char *path, guint line, const char *message)
{
  if (line)
    cli_warning ("report", "%s:%u: %s", path, line, message);
  else
    cli_warning ("report", "%s: %s", path, message);
}

/* Import and code the inputs, returning every segment in memory. */
static GPtrArray *
load_study (char **inputs, VbCodebook *cb, GError **error)
{
  g_autoptr (VbImporter) im = vb_importer_new ();
  vb_importer_set_warn (im, warn_import, NULL);
  for (guint i = 0; inputs[i]; i++)
    if (!vb_importer_add_path (im, inputs[i], error))
      return NULL;
  char *buf = NULL;
  size_t len = 0;
  FILE *mem = open_memstream (&buf, &len);
  gboolean ok = vb_importer_write (im, mem, error);
  fclose (mem);
  if (!ok)
    {
      free (buf);
      return NULL;
    }
  FILE *in = fmemopen (buf, len, "r");
  g_autoptr (VbStreamReader) r = vb_stream_reader_open_fp (in, "<import>", error);
  GPtrArray *segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  if (r != NULL)
    {
      VbSegment *seg;
      while (vb_stream_reader_next (r, &seg, error))
        g_ptr_array_add (segs, seg);
    }
  fclose (in);
  free (buf);
  if (r == NULL || (error && *error))
    {
      g_ptr_array_unref (segs);
      return NULL;
    }
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
  g_autoptr (GPtrArray) doc = g_ptr_array_new ();
  for (guint i = 0; i <= segs->len; i++)
    {
      VbSegment *seg = i < segs->len ? segs->pdata[i] : NULL;
      if (doc->len && (seg == NULL || strcmp (seg->document, ((VbSegment *) doc->pdata[0])->document)))
        {
          vb_coder_code_document (coder, doc);
          g_ptr_array_set_size (doc, 0);
        }
      if (seg)
        g_ptr_array_add (doc, seg);
    }
  if (vb_coder_error (coder) != NULL)
    {
      g_propagate_error (error, g_error_copy (vb_coder_error (coder)));
      g_ptr_array_unref (segs);
      return NULL;
    }
  return segs;
}

static void
add_table (GString *out, GPtrArray *segs, VbCodebook *cb, VbTallyOptions *t, const char *title,
           VbFormat format, VbCellMode mode, const VbScale *scale)
{
  g_autoptr (VbTally) tally = vb_tally_new (t, cb);
  for (guint i = 0; i < segs->len; i++)
    vb_tally_add (tally, segs->pdata[i]);
  g_autoptr (VbTable) table = vb_tally_table (tally);
  table->title = g_strdup (title);
  vb_table_write (table, format, mode, scale, out);
  g_string_append_c (out, '\n');
}

static void
summary (GString *out, GPtrArray *segs, const char *title, VbFormat format)
{
  g_autoptr (GHashTable) docs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint counted = 0, coded = 0;
  for (guint i = 0; i < segs->len; i++)
    {
      VbSegment *seg = segs->pdata[i];
      g_hash_table_add (docs, seg->document);
      if (!vb_role_is_counted (seg->role))
        continue;
      counted++;
      if (seg->codings && seg->codings->len)
        coded++;
      if (*seg->speaker)
        g_hash_table_add (speakers, g_strconcat (seg->document, "\x1f", seg->speaker, NULL));
    }
  if (format == VB_FORMAT_MD)
    g_string_append_printf (out, "# %s\n\n", title);
  else
    {
      g_string_append_printf (out, "%s\n", title);
      for (glong i = g_utf8_strlen (title, -1); i > 0; i--)
        g_string_append_c (out, '=');
      g_string_append (out, "\n\n");
    }
  g_string_append_printf (out,
                          "%u documents, %u segments (%u from participants, %u from moderators "
                          "and interviewers); %u named speakers.\n"
                          "Coverage: %u of %u participant segments coded (%.0f%%).\n\n",
                          g_hash_table_size (docs), segs->len, counted, segs->len - counted,
                          g_hash_table_size (speakers), coded, counted,
                          counted ? 100.0 * coded / counted : 0.0);
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

int
builtin_report (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[INPUT…]", "The study's main tables in one run: import, code, tabulate.",
      "Without INPUT, runs on the bundled example study.  Prints the\n"
      "indicative frequency table of the principles by stage, the same for\n"
      "themes, the theme x principle matrix (co-occurrence and codebook links)\n"
      "and what the public raised spontaneously and when prompted.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "report", &argc, &argv))
    return CLI_USAGE;
  VbFormat format = VB_FORMAT_TXT;
  VbUnit unit = VB_UNIT_DOCUMENT;
  if (!cli_format ("report", opt_format ? opt_format : "txt", &format)
      || !cli_unit ("report", opt_unit, &unit))
    return CLI_USAGE;
  if (format != VB_FORMAT_TXT && format != VB_FORMAT_MD)
    {
      cli_error ("report", "the report is txt or md (tables in other formats: verba freq, verba matrix)");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  const char *def_cb[] = { "public-standards", "stakeholder-standards", NULL };
  g_autoptr (VbCodebook) cb = cli_load_codebooks (opt_codebooks ? opt_codebooks : (char **) def_cb, &err);
  if (cb == NULL)
    return cli_fail ("report", err);
  g_autofree char *example = vb_datadir_example_study ();
  char *def_in[] = { example, NULL };
  char **inputs = argc > 1 ? argv + 1 : def_in;
  g_autoptr (GPtrArray) segs = load_study (inputs, cb, &err);
  if (segs == NULL)
    return cli_fail ("report", err);

  const char *by = opt_by ? opt_by : "stage";
  gboolean have_by = FALSE;
  for (guint i = 0; i < segs->len && !have_by; i++)
    have_by = vb_segment_value (segs->pdata[i], by) != NULL;
  if (opt_by && !have_by)
    {
      cli_error ("report", "unknown attribute '%s': no segment has it", by);
      return CLI_FAILED;
    }

  g_autoptr (VbScale) scale = vb_scale_default ();
  g_autoptr (GString) out = g_string_new (NULL);
  summary (out, segs, argc > 1 ? "verba report" : "verba report: bundled example study", format);

  VbTallyOptions t;
  vb_tally_options_init (&t);
  t.unit = unit;
  t.rows.kind = VB_DIM_PRINCIPLE;
  if (have_by)
    vb_dim_parse (by, &t.cols);
  g_autofree char *t1 = g_strdup_printf ("Table 1. Principles raised, by %s (%s)",
                                         have_by ? by : "all", vb_unit_plural (unit));
  add_table (out, segs, cb, &t, t1, format, VB_CELL_FULL, scale);

  t.rows.kind = VB_DIM_THEME;
  /* A parent theme stands for its sub-themes in a report's table. */
  t.rollup = TRUE;
  g_autofree char *t2 = g_strdup_printf ("Table 2. Themes raised, by %s (%s)",
                                         have_by ? by : "all", vb_unit_plural (unit));
  add_table (out, segs, cb, &t, t2, format, VB_CELL_FULL, scale);

  VbTallyOptions m;
  vb_tally_options_init (&m);
  m.unit = unit;
  m.rows.kind = VB_DIM_THEME;
  m.cols.kind = VB_DIM_PRINCIPLE;
  m.rollup = TRUE;
  g_autofree char *t3 = g_strdup_printf ("Table 3. Theme x principle: %s with a segment coded with both",
                                         vb_unit_plural (unit));
  add_table (out, segs, cb, &m, t3, format, VB_CELL_COUNT, scale);
  m.pairing = VB_PAIR_LINKS;
  g_autofree char *t4 = g_strdup_printf ("Table 4. Theme x principle by the codebook's links: %s "
                                         "raising the theme", vb_unit_plural (unit));
  add_table (out, segs, cb, &m, t4, format, VB_CELL_COUNT, scale);

  /* What was raised unprompted and what only once the framework was read
   * out, for each group of participants (e.g. public, stakeholder). */
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; have_by && i < segs->len; i++)
    {
      const char *v = vb_segment_value (segs->pdata[i], by);
      if (v && !g_ptr_array_find_with_equal_func (values, v, g_str_equal, NULL))
        g_ptr_array_add (values, g_strdup (v));
    }
  g_ptr_array_sort (values, compare_strings);
  if (values->len == 0)
    g_ptr_array_add (values, NULL);
  for (guint i = 0; i < values->len; i++)
    {
      const char *v = values->pdata[i];
      g_autofree char *where = v ? g_strdup_printf ("%s=%s", by, v) : NULL;
      const char *wv[] = { where, NULL };
      VbTallyOptions p;
      vb_tally_options_init (&p);
      p.unit = unit;
      p.rows.kind = VB_DIM_PRINCIPLE;
      vb_dim_parse ("phase", &p.cols);
      p.total = FALSE;
      p.where = v ? wv : NULL;
      g_autofree char *t5 = g_strdup_printf ("Table %u. Principles raised spontaneously and when "
                                             "prompted%s%s (%s)", 5 + i, v ? ": " : "",
                                             v ? v : "", vb_unit_plural (unit));
      add_table (out, segs, cb, &p, t5, format, VB_CELL_FULL, scale);
    }
  return cli_write_output ("report", opt_output, out);
}
