/* verba report: import, code and tabulate a study in one run. */
#include "config.h"
#include "builtin.h"
#include "cli.h"
#include "report/vb-report.h"
#include "report/vb-report-input.h"

#include <stdio.h>
#include <string.h>

static char **opt_codebooks = NULL;
static char *opt_output = NULL;
static char *opt_format = NULL;
static char *opt_unit = NULL;
static char *opt_by = NULL;
static gboolean opt_names = FALSE;
static char *opt_pseudonyms = NULL;
static char *opt_title = NULL;
static char **opt_where = NULL;
static gboolean opt_rollup = FALSE;
static gboolean opt_no_rollup = FALSE;
static char *opt_scale = NULL;
static char *opt_min_base = NULL;
static char *opt_min_count = NULL;
static char *opt_small_base = NULL;
static char *opt_phase = NULL;
static char *opt_map = NULL;

static GOptionEntry entries[] = {
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook (repeatable; default: a coded stream's own codings, else public-standards and "
    "stakeholder-standards)", "CODEBOOK" },
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format,
    "txt (default), md, latex, json, html or xlsx (default for -o FILE.html, FILE.xlsx)", "FMT" },
  { "unit", 'u', 0, G_OPTION_ARG_STRING, &opt_unit, "Unit of counting (default: document)", "UNIT" },
  { "by", 'b', 0, G_OPTION_ARG_STRING, &opt_by, "Attribute of the frequency table's columns "
    "(default: stage; a consultation's or stream's first attribute without it)", "ATTR" },
  { "map", 0, 0, G_OPTION_ARG_FILENAME, &opt_map,
    "Mapping file of the CSV exports (default: NAME.map beside NAME.csv)", "FILE" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title,
    "The report's title (default: the study.ini's [study] title, else 'verba report')", "TEXT" },
  { "where", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &opt_where,
    "Count only segments with this value (repeatable; all must hold)", "KEY=VALUE" },
  { "rollup", 0, 0, G_OPTION_ARG_NONE, &opt_rollup,
    "A parent theme also counts its sub-themes' codings (the default)", NULL },
  { "no-rollup", 0, 0, G_OPTION_ARG_NONE, &opt_no_rollup,
    "A parent theme counts only its own codings", NULL },
  { "scale", 0, 0, G_OPTION_ARG_FILENAME, &opt_scale,
    "Indicative scale file (default: built in; see verba freq --print-scale)", "FILE" },
  { "min-base", 0, 0, G_OPTION_ARG_STRING, &opt_min_base,
    "Smallest base that carries a word (default: the scale's, 5)", "N" },
  { "min-count", 0, 0, G_OPTION_ARG_STRING, &opt_min_count,
    "Hide cells that fewer than N units raised, as on a low base (disclosure control)", "N" },
  { "small-base", 0, 0, G_OPTION_ARG_STRING, &opt_small_base,
    "Below the minimum base: flag the word with '*' (default) or suppress the cell", "HOW" },
  { "phase", 0, 0, G_OPTION_ARG_STRING, &opt_phase,
    "Count only: all (default), spontaneous, prompted", "PHASE" },
  CLI_PSEUDONYM_ENTRIES (&opt_names, &opt_pseudonyms),
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

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

int
builtin_report (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[INPUT…]", "The study's main tables in one run: import, code, tabulate.",
      "Without INPUT, runs on the bundled example study.  INPUT is documents\n"
      "(and folders of them), consultation exports (NAME.csv with NAME.map\n"
      "beside it or --map, and the study.ini of its folder; a folder holding\n"
      "NAME.csv and NAME.map is a consultation, its other files not read), or\n"
      "segments streams (files, or - for standard input): one kind a report.\n"
      "A coded stream is counted as coded, with the codes its head lists,\n"
      "unless -c codes it again.  Exports and streams are counted as they are\n"
      "read: memory does not grow with their rows.  Prints the indicative\n"
      "frequency table of the principles by stage (a consultation: by its\n"
      "study.ini's first attribute), the same for themes, the theme x principle\n"
      "matrix (co-occurrence and codebook links) and what was raised\n"
      "spontaneously and when prompted.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "report", &argc, &argv))
    return CLI_USAGE;
  VbFormat format = VB_FORMAT_TXT;
  VbUnit unit = VB_UNIT_DOCUMENT;
  const char *fmt = opt_format;
  /* The file's name says what a reader expects in it. */
  if (fmt == NULL && opt_output)
    {
      g_autofree char *lower = g_ascii_strdown (opt_output, -1);
      fmt = g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm") ? "html"
            : g_str_has_suffix (lower, ".md") ? "md"
            : g_str_has_suffix (lower, ".tex") ? "latex"
            : g_str_has_suffix (lower, ".json") ? "json"
            : g_str_has_suffix (lower, ".xlsx") ? "xlsx" : "txt";
    }
  VbReportOptions ro;
  vb_report_options_init (&ro);
  if (!cli_table_format ("report", fmt ? fmt : "txt", opt_output, &format)
      || !cli_unit ("report", opt_unit, &unit) || !cli_phase ("report", opt_phase, &ro.phase))
    return CLI_USAGE;
  if (opt_rollup && opt_no_rollup)
    {
      cli_error ("report", "--rollup and --no-rollup: one or the other");
      return CLI_USAGE;
    }
  int status = CLI_OK;
  g_autoptr (VbScale) scale = cli_scale ("report", opt_scale, opt_min_base, opt_min_count,
                                         opt_small_base, &status);
  if (scale == NULL)
    return status;
  if (format == VB_FORMAT_TSV || format == VB_FORMAT_CSV || format == VB_FORMAT_SAV
      || format == VB_FORMAT_DTA)
    {
      cli_error ("report", "the report is txt, md, latex, json, html or xlsx (one table in tsv, "
                 "csv, sav or dta: verba freq, verba matrix)");
      return CLI_USAGE;
    }
  for (guint i = 0; opt_where && opt_where[i]; i++)
    {
      const char *eq = strchr (opt_where[i], '=');
      if (eq == NULL || eq == opt_where[i])
        {
          cli_error ("report", "--where '%s': expected KEY=VALUE", opt_where[i]);
          return CLI_USAGE;
        }
    }
  g_autoptr (GError) err = NULL;
  g_autofree char *example = vb_datadir_example_study ();
  char *def_in[] = { example, NULL };
  char **inputs = argc > 1 ? argv + 1 : def_in;
  g_autoptr (VbReportInput) in = vb_report_input_new ();
  vb_report_input_set_warn (in, warn_import, NULL);
  if (opt_map)
    vb_report_input_set_map (in, opt_map);
  for (guint i = 0; inputs[i]; i++)
    if (!vb_report_input_add (in, inputs[i], &err))
      {
        if (g_error_matches (err, VB_ERROR, VB_ERROR_USAGE))
          {
            cli_error ("report", "%s", err->message);
            return CLI_USAGE;
          }
        return cli_fail ("report", err);
      }
  if (opt_map && vb_report_input_kind (in) != VB_REPORT_INPUT_CONSULTATION)
    {
      cli_error ("report", "--map is for consultation exports (.csv)");
      return CLI_USAGE;
    }
  /* As verba import does: no file of a folder is passed over in silence.
   * A consultation folder's are known now, and said before its export's
   * thread can warn about anything; a study's once it is imported. */
  const GPtrArray *not_read = vb_report_input_not_read (in);
  guint said = 0;
  for (; said < not_read->len; said++)
    fprintf (stderr, "verba report: not read: %s\n", (const char *) not_read->pdata[said]);
  if (!vb_report_input_open (in, &err))
    return cli_fail ("report", err);
  for (; said < not_read->len; said++)
    fprintf (stderr, "verba report: not read: %s\n", (const char *) not_read->pdata[said]);

  /* A coded stream is reported as it was coded, with the codes its head
   * lists; codebooks given code it again. */
  const char *def_cb[] = { "public-standards", "stakeholder-standards", NULL };
  VbCodebook *stream_cb = opt_codebooks ? NULL : vb_report_input_codebook (in);
  g_autoptr (VbCodebook) own_cb = NULL;
  g_autoptr (VbCoder) coder = NULL;
  if (stream_cb == NULL)
    {
      own_cb = cli_load_codebooks (opt_codebooks ? opt_codebooks : (char **) def_cb, &err);
      if (own_cb == NULL)
        return cli_fail ("report", err);
      coder = vb_coder_new (own_cb);
      vb_report_input_set_coder (in, coder);
    }
  VbCodebook *cb = stream_cb ? stream_cb : own_cb;

  g_autoptr (VbPseudonyms) pseudonyms = cli_pseudonyms ("report", opt_names, opt_pseudonyms);
  if (pseudonyms == NULL)
    return CLI_FAILED;
  const char *by = opt_by ? opt_by : vb_report_input_default_by (in);
  ro.unit = unit;
  ro.by = by;
  ro.pseudonyms = pseudonyms;
  ro.where = (const char *const *) opt_where;
  ro.rollup = !opt_no_rollup;
  /* The input checks that each document comes once, together. */
  ro.units_in_runs = TRUE;
  const char *study_title = vb_report_input_title (in);
  const char *title = opt_title ? opt_title
                      : study_title ? study_title
                      : argc > 1 ? "verba report" : "verba report: bundled example study";
  /* The HTML report quotes verbatims and draws the study by group from
   * the segments themselves; the other formats count them as they come. */
  g_autoptr (GPtrArray) segs = format == VB_FORMAT_HTML
                                 ? g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free)
                                 : NULL;
  g_autoptr (VbReport) report = segs ? NULL : vb_report_begin (title, cb, scale, &ro);
  VbSegment *seg;
  while (vb_report_input_next (in, &seg, &err))
    {
      if (segs)
        g_ptr_array_add (segs, seg);
      else
        {
          vb_report_add (report, seg);
          vb_segment_free (seg);
        }
    }
  if (err)
    return cli_fail ("report", err);
  if (segs)
    report = vb_report_new (title, segs, cb, scale, &ro);
  else
    vb_report_finish (report);
  const char *unseen = vb_report_unseen_where (report);
  if (unseen)
    {
      g_autofree char *key = g_strndup (unseen, strchr (unseen, '=') - unseen);
      cli_error ("report", "--where '%s': unknown attribute '%s': no segment has it", unseen, key);
      return CLI_FAILED;
    }
  if (opt_by && !vb_report_saw_by (report))
    {
      cli_error ("report", "unknown attribute '%s': no segment has it", by);
      return CLI_FAILED;
    }
  if (format == VB_FORMAT_XLSX)
    return cli_write_binary ("report", opt_output, (VbTable *const *) report->tables->pdata,
                             (const VbCellMode *) (void *) report->modes->data,
                             report->tables->len, scale, format, NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  if (format != VB_FORMAT_HTML)
    {
      vb_report_write_text (report, format, out);
      return cli_write_output_as ("report", opt_output, out, format);
    }
  /* How the numbers were made: what went in, byte for byte. */
  report->version = g_strdup (PACKAGE_VERSION);
  char **cbs = opt_codebooks ? opt_codebooks : stream_cb ? NULL : (char **) def_cb;
  for (guint i = 0; cbs && cbs[i]; i++)
    {
      g_autofree char *path = vb_codebook_resolve (cbs[i], NULL, &err);
      if (path == NULL || !vb_report_checksum_codebook (report->codebook_sums, path, &err))
        return cli_fail ("report", err);
    }
  /* Only the files read: a stray file of the folder made no number. */
  g_autoptr (GPtrArray) read = vb_report_input_read_paths (in);
  g_ptr_array_sort (read, compare_paths);
  g_autofree char *example_parent = g_path_get_dirname (example);
  for (guint i = 0; i < read->len; i++)
    {
      const char *path = read->pdata[i];
      /* Named as given, or the bundled study under its directory's name,
       * so that the report does not depend on where verba is installed. */
      const char *label = argc > 1 || !g_str_has_prefix (path, example_parent) ? path
                          : path + strlen (example_parent) + 1;
      if (!vb_report_checksum_path (report->input_sums, path, label, &err))
        return cli_fail ("report", err);
    }
  vb_report_write_html (report, out);
  return cli_write_output ("report", opt_output, out);
}
