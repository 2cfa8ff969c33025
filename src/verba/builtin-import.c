/* verba import: source files to a segments stream. */
#include "builtin.h"
#include "cli.h"
#include "refi/vb-qdpx.h"
#include "import/vb-consultation-dir.h"

static char *opt_format = NULL;
static char **opt_attrs = NULL;
static char **opt_sidecars = NULL;
static char **opt_studies = NULL;
static char **opt_moderators = NULL;
static char *opt_output = NULL;
static gboolean opt_strict = FALSE;
static char *opt_encoding = NULL;
static gboolean opt_quiet = FALSE;
static char **opt_maps = NULL;
static char *opt_id = NULL;
static char **opt_attr_cols = NULL;
static char **opt_text_cols = NULL;
static char **opt_ignore_cols = NULL;
static char *opt_delimiter = NULL;
static gboolean opt_skip_bad_rows = FALSE;
static char **opt_codes_cols = NULL;
static char **opt_code_cols = NULL;
static char *opt_coder = NULL;
static char *opt_segment_col = NULL;
static char **opt_codebooks = NULL;
static char *opt_allow_outside = NULL;

static GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "Input format: auto (default), transcript, notes, csv, vtt, srt, docx, odt, qdpx", "FMT" },
  { "attr", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_attrs,
    "Attribute for every document (repeatable)", "K=V" },
  { "attrs", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_sidecars,
    "CSV of document attributes: document,KEY,… (repeatable)", "FILE.csv" },
  { "study", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_studies,
    "Study file declaring attribute values (repeatable)", "FILE" },
  { "moderator", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_moderators,
    "Speaker whose words are prompts, not data (repeatable)", "NAME" },
  { "strict", 0, 0, G_OPTION_ARG_NONE, &opt_strict,
    "Treat warnings (undeclared values, …) as errors", NULL },
  { "encoding", 0, 0, G_OPTION_ARG_STRING, &opt_encoding,
    "Input files are in ENC (windows-1252, ISO-8859-1, UTF-16…), not UTF-8", "ENC" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (atomically) instead of standard output", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet,
    "No progress line or summary on standard error", NULL },
  { "allow-outside", 0, 0, G_OPTION_ARG_FILENAME, &opt_allow_outside,
    "-f qdpx: read sources' file:// text when it is under DIR", "DIR" },
  { NULL }
};

static GOptionEntry csv_entries[] = {
  { "map", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_maps,
    "Mapping file: column roles and recode maps (repeatable)", "FILE" },
  { "id", 0, 0, G_OPTION_ARG_STRING, &opt_id,
    "Column holding the respondent id (default: FILE-ROW)", "COL" },
  { "segment-col", 0, 0, G_OPTION_ARG_STRING, &opt_segment_col,
    "Column holding the segment number (one answer column; e.g. a verba sample sheet)", "COL" },
  { "attr-cols", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_attr_cols,
    "Attribute columns, comma-separated (repeatable)", "COL,…" },
  { "text-cols", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_text_cols,
    "Answer columns, COL or COL=NAME (default: every other column)", "COL,…" },
  { "ignore-cols", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_ignore_cols,
    "Columns to leave out", "COL,…" },
  { "delimiter", 'd', 0, G_OPTION_ARG_STRING, &opt_delimiter,
    "Field delimiter: ',' (default), ';', '|' or 'tab'", "D" },
  { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &opt_skip_bad_rows,
    "Report malformed rows and go on instead of failing", NULL },
  { "codes-col", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_codes_cols,
    "Codes a coder typed, ';'-separated: one column per answer column, in order", "COL,…" },
  { "code-cols", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_code_cols,
    "One-hot code columns (1/0, yes/no, true/false, x/empty), one a code named by its header; "
    "COL or FROM-TO", "COL,…" },
  { "coder", 0, 0, G_OPTION_ARG_STRING, &opt_coder,
    "Who coded (source coder:NAME; default: the file's name)", "NAME" },
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook the codes columns are matched to, by id or label", "CODEBOOK" },
  { NULL }
};

typedef struct {
  guint       n;
  VbProgress *progress; /* a progress line for the terminal, or NULL */
} WarnState;

static void
on_warn (gpointer data, const char *path, guint line, const char *message)
{
  WarnState *ws = data;
  ws->n++;
  vb_progress_clear (ws->progress);
  if (line)
    cli_warning ("import", "%s:%u: %s", path, line, message);
  else
    cli_warning ("import", "%s: %s", path, message);
}

/* Options given as "a,b" or repeated: one list. */
static GStrv
split_columns (char **opts)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  for (guint i = 0; opts && opts[i]; i++)
    {
      g_auto (GStrv) parts = g_strsplit (opts[i], ",", -1);
      for (guint k = 0; parts[k]; k++)
        if (*g_strstrip (parts[k]))
          g_strv_builder_add (b, parts[k]);
    }
  return g_strv_builder_end (b);
}

static gboolean
all_csv (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *lower = g_ascii_strdown (argv[i], -1);
      if (!g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, "attributes.csv")
          || g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        return FALSE;
    }
  return TRUE;
}

static void
on_progress (gpointer data, const VbCsvStats *st)
{
  WarnState *ws = data;
  vb_progress_update (ws->progress, st->rows, st->bytes);
}

/* A consultation folder's entries that are not responses, said after the
 * run as for a folder of documents; NULL when the inputs were files. */
static GPtrArray *csv_not_read = NULL;

static int
import_csv (int argc, char **argv)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCsvImport) ci = vb_csv_import_new ();
  g_autoptr (VbStudy) study = NULL;
  WarnState ws = { 0 };
  vb_csv_import_set_warn (ci, on_warn, &ws);
  if (cli_progress_wanted (opt_quiet))
    {
      guint64 size = 0;
      for (int i = 1; i < argc; i++)
        size += vb_progress_size_of (argv[i]);
      ws.progress = vb_progress_new (stderr, "verba import", "rows", size, 250000);
      vb_csv_import_set_progress (ci, on_progress, &ws);
    }
  if (opt_sidecars || opt_moderators)
    {
      cli_error ("import", "--attrs and --moderator are for transcripts and notes, not csv");
      return CLI_USAGE;
    }
  for (guint i = 0; opt_maps && opt_maps[i]; i++)
    if (!vb_csv_import_load_map (ci, opt_maps[i], &err))
      return cli_fail ("import", err);
  if (opt_id)
    vb_csv_import_set_id_column (ci, opt_id);
  if (opt_segment_col)
    vb_csv_import_set_segment_column (ci, opt_segment_col);
  g_auto (GStrv) attr_cols = split_columns (opt_attr_cols);
  g_auto (GStrv) text_cols = split_columns (opt_text_cols);
  g_auto (GStrv) ignore_cols = split_columns (opt_ignore_cols);
  if (opt_attr_cols)
    vb_csv_import_set_attr_columns (ci, (const char *const *) attr_cols);
  if (opt_text_cols)
    vb_csv_import_set_text_columns (ci, (const char *const *) text_cols);
  if (opt_ignore_cols)
    vb_csv_import_set_ignore_columns (ci, (const char *const *) ignore_cols);
  if (opt_delimiter && !vb_csv_import_set_delimiter (ci, opt_delimiter, &err))
    return cli_fail ("import", err);
  g_auto (GStrv) codes_cols = split_columns (opt_codes_cols);
  if (opt_codes_cols)
    vb_csv_import_set_codes_columns (ci, (const char *const *) codes_cols);
  g_auto (GStrv) code_cols = split_columns (opt_code_cols);
  if (opt_code_cols)
    vb_csv_import_set_code_columns (ci, (const char *const *) code_cols);
  if (opt_coder)
    vb_csv_import_set_coder (ci, opt_coder);
  g_autoptr (VbCodebook) codebook = NULL;
  if (opt_codebooks)
    {
      codebook = cli_load_codebooks (opt_codebooks, &err);
      if (codebook == NULL)
        return cli_fail ("import", err);
      vb_csv_import_set_codebook (ci, codebook);
    }
  vb_csv_import_set_skip_bad_rows (ci, opt_skip_bad_rows);
  vb_csv_import_set_encoding (ci, opt_encoding);
  for (guint i = 0; opt_attrs && opt_attrs[i]; i++)
    if (!vb_csv_import_add_attr (ci, opt_attrs[i], &err))
      return cli_fail ("import", err);
  if (opt_studies)
    {
      study = vb_study_new ();
      for (guint i = 0; opt_studies[i]; i++)
        if (!vb_study_load (study, opt_studies[i], &err))
          return cli_fail ("import", err);
      vb_csv_import_set_study (ci, study);
    }

  VbOutput *out = vb_output_open (opt_output, &err);
  if (out == NULL)
    return cli_fail ("import", err);
  /* A run that can still fail at the end (an unknown code is known only
   * once the whole sheet is read; --strict counts every warning) holds
   * standard output until then: a file is renamed into place whole, but
   * rows already on a pipe could not be taken back. */
  gboolean hold = (opt_codes_cols || opt_strict) && (opt_output == NULL || strcmp (opt_output, "-") == 0);
  char *held = NULL;
  size_t held_len = 0;
  FILE *fp = hold ? open_memstream (&held, &held_len) : vb_output_fp (out);
  if (fp == NULL)
    {
      vb_output_abort (out);
      cli_error ("import", "cannot hold the output in memory");
      return CLI_FAILED;
    }
  gboolean ok = vb_csv_import_run (ci, (const char *const *) argv + 1, fp, &err);
  if (hold)
    {
      if (fclose (fp) != 0 && ok)
        {
          g_set_error (&err, VB_ERROR, VB_ERROR_IO, "cannot hold the output in memory");
          ok = FALSE;
        }
      else if (ok && !(opt_strict && ws.n > 0)
               && fwrite (held, 1, held_len, vb_output_fp (out)) != held_len)
        {
          g_set_error (&err, VB_ERROR, VB_ERROR_IO, "standard output: cannot write");
          ok = FALSE;
        }
      free (held);
    }
  vb_progress_done (g_steal_pointer (&ws.progress));
  if (ok && opt_strict && ws.n > 0)
    {
      vb_output_abort (out);
      cli_error ("import", "%u warning%s and --strict: nothing written", ws.n,
                 ws.n == 1 ? "" : "s");
      return CLI_FAILED;
    }
  if (!ok)
    {
      vb_output_abort (out);
      return cli_fail ("import", err);
    }
  if (!vb_output_commit (out, &err))
    return cli_fail ("import", err);
  /* Nothing in a folder is passed over without a word. */
  for (guint i = 0; csv_not_read && i < csv_not_read->len; i++)
    fprintf (stderr, "verba import: not read: %s\n", (const char *) csv_not_read->pdata[i]);
  const VbCsvStats *st = vb_csv_import_stats (ci);
  if (!opt_quiet)
    fprintf (stderr,
             "verba import: %" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " answers, %"
             G_GUINT64_FORMAT " empty answers, %" G_GUINT64_FORMAT " bad rows skipped\n",
             st->rows, st->answers, st->empty, st->bad_rows);
  return CLI_OK;
}

/* A REFI-QDA project: its sources, codes and codings, as a coded stream. */
static int
import_qdpx (int argc, char **argv)
{
  if (argc != 2)
    {
      cli_error ("import", "-f qdpx reads one project (.qdpx) at a time");
      return CLI_USAGE;
    }
  if (opt_sidecars || opt_studies || opt_strict)
    {
      cli_error ("import", "--attrs, --study and --strict are not for -f qdpx");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbAttrs) global = vb_attrs_new ();
  for (guint i = 0; opt_attrs && opt_attrs[i]; i++)
    if (!vb_attrs_set_assignment (global, opt_attrs[i], &err))
      return cli_fail ("import", err);
  WarnState ws = { 0 };
  VbImportOptions opts = { NULL, (const char *const *) opt_moderators, on_warn, &ws };
  if (opt_allow_outside && !g_file_test (opt_allow_outside, G_FILE_TEST_IS_DIR))
    {
      cli_error ("import", "--allow-outside %s: not a directory", opt_allow_outside);
      return CLI_USAGE;
    }
  g_autoptr (VbQdpx) q = vb_qdpx_read_full (argv[1], &opts, opt_allow_outside, &err);
  if (q == NULL)
    return cli_fail ("import", err);
  VbOutput *out = vb_output_open (opt_output, &err);
  if (out == NULL)
    return cli_fail ("import", err);
  if (!vb_qdpx_write_stream (q, global, vb_output_fp (out), &err))
    {
      vb_output_abort (out);
      return cli_fail ("import", err);
    }
  if (!vb_output_commit (out, &err))
    return cli_fail ("import", err);
  if (!opt_quiet)
    fprintf (stderr,
             "verba import: %u codes, %u text sources, %u sources not text (not imported), "
             "%u codings read, %u left out, %u segment codings written\n",
             vb_codebook_n_codes (q->codebook), q->n_sources, q->n_unreadable, q->n_selections,
             q->n_unplaced, q->n_codings);
  return CLI_OK;
}

int
builtin_import (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "FILE|DIR…",
      "Turn transcripts, discussion-group notes and consultation CSV exports into a segments "
      "stream.",
      "A directory is searched for study.ini (declared attribute values),\n"
      "attributes.csv (document attributes) and *.txt/*.md documents.\n"
      "CSV exports (one row a respondent): -f csv, options in --help-csv.\n"
      "A directory holding NAME.csv beside NAME.map is a consultation: its\n"
      "exports are read with their maps and its study.ini, the rest listed\n"
      "as not read.\n"
      "Formats and precedence of attributes: man verba-import, verba-formats(5).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  GOptionGroup *csv = g_option_group_new ("csv", "Options for -f csv (consultation exports):",
                                          "Show options for -f csv", NULL, NULL);
  g_option_group_add_entries (csv, csv_entries);
  g_option_context_add_group (ctx, csv);
  if (!cli_parse (ctx, "import", &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    {
      cli_error ("import", "no input files (see 'verba import --help')");
      return CLI_USAGE;
    }
  gboolean auto_format = opt_format == NULL || g_strcmp0 (opt_format, "auto") == 0;
  if (auto_format || g_strcmp0 (opt_format, "csv") == 0)
    {
      /* A consultation folder (NAME.csv beside NAME.map) is its exports,
       * read with their maps and the folder's study.ini unless options
       * name others: its README is not a respondent. */
      g_autoptr (VbConsultationDir) c = NULL;
      g_autoptr (GError) err = NULL;
      if (argc == 2 && g_file_test (argv[1], G_FILE_TEST_IS_DIR)
          && vb_consultation_dir_scan (argv[1], opt_maps != NULL, &c, &err))
        {
          g_autoptr (GPtrArray) args = g_ptr_array_new ();
          g_ptr_array_add (args, argv[0]);
          for (guint i = 0; i < c->exports->len; i++)
            g_ptr_array_add (args, c->exports->pdata[i]);
          g_ptr_array_add (args, NULL);
          if (opt_maps == NULL)
            {
              g_ptr_array_add (c->maps, NULL);
              opt_maps = (char **) c->maps->pdata;
            }
          char *study[] = { c->study, NULL };
          if (opt_studies == NULL && c->study)
            opt_studies = study;
          csv_not_read = c->not_read;
          int rc = import_csv ((int) args->len - 1, (char **) args->pdata);
          csv_not_read = NULL;
          if (opt_maps == (char **) c->maps->pdata)
            opt_maps = NULL;
          if (opt_studies == study)
            opt_studies = NULL;
          return rc;
        }
      if (err)
        return cli_fail ("import", err);
    }
  if (g_strcmp0 (opt_format, "csv") == 0 || (auto_format && all_csv (argc, argv)))
    return import_csv (argc, argv);
  if (opt_segment_col)
    {
      cli_error ("import", "--segment-col is for -f csv");
      return CLI_USAGE;
    }
  if (g_strcmp0 (opt_format, "qdpx") == 0
      || (auto_format && argc == 2 && g_str_has_suffix (argv[1], ".qdpx")))
    {
      if (opt_maps || opt_id || opt_attr_cols || opt_text_cols || opt_ignore_cols || opt_delimiter
          || opt_skip_bad_rows)
        {
          cli_error ("import", "--map, --id, --*-cols, --delimiter and --skip-bad-rows are for -f csv");
          return CLI_USAGE;
        }
      return import_qdpx (argc, argv);
    }
  if (opt_allow_outside)
    {
      cli_error ("import", "--allow-outside is for -f qdpx");
      return CLI_USAGE;
    }
  if (opt_maps || opt_id || opt_attr_cols || opt_text_cols || opt_ignore_cols || opt_delimiter
      || opt_skip_bad_rows || opt_codes_cols || opt_code_cols || opt_coder || opt_codebooks)
    {
      cli_error ("import", "--map, --id, --*-cols, --delimiter, --skip-bad-rows, --coder and -c "
                 "are for -f csv");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbImporter) im = vb_importer_new ();
  WarnState ws = { 0 };
  vb_importer_set_warn (im, on_warn, &ws);
  vb_importer_set_strict (im, opt_strict);
  vb_importer_set_encoding (im, opt_encoding);
  if (opt_format && !vb_importer_set_format (im, opt_format, &err))
    return cli_fail ("import", err);
  for (guint i = 0; opt_attrs && opt_attrs[i]; i++)
    if (!vb_importer_add_attr (im, opt_attrs[i], &err))
      return cli_fail ("import", err);
  for (guint i = 0; opt_moderators && opt_moderators[i]; i++)
    vb_importer_add_moderator (im, opt_moderators[i]);
  /* Paths first: a study or sidecar named with --study or --attrs is
   * loaded after those found in directories, so it wins. */
  for (int i = 1; i < argc; i++)
    if (!vb_importer_add_path (im, argv[i], &err))
      return cli_fail ("import", err);
  for (guint i = 0; opt_studies && opt_studies[i]; i++)
    if (!vb_importer_load_study (im, opt_studies[i], &err))
      return cli_fail ("import", err);
  for (guint i = 0; opt_sidecars && opt_sidecars[i]; i++)
    if (!vb_importer_load_sidecar (im, opt_sidecars[i], &err))
      return cli_fail ("import", err);

  VbOutput *out = vb_output_open (opt_output, &err);
  if (out == NULL)
    return cli_fail ("import", err);
  if (!vb_importer_write (im, vb_output_fp (out), &err))
    {
      vb_output_abort (out);
      return cli_fail ("import", err);
    }
  if (!vb_output_commit (out, &err))
    return cli_fail ("import", err);
  /* Nothing in a folder is passed over without a word. */
  const GPtrArray *not_read = vb_importer_not_read (im);
  for (guint i = 0; i < not_read->len; i++)
    fprintf (stderr, "verba import: not read: %s\n", (const char *) not_read->pdata[i]);
  gboolean folders = FALSE;
  for (int i = 1; i < argc; i++)
    folders = folders || g_file_test (argv[i], G_FILE_TEST_IS_DIR);
  if (folders && !opt_quiet)
    fprintf (stderr, "verba import: %u documents, %u segments, %u files not read\n",
             vb_importer_n_documents (im), vb_importer_n_segments (im), not_read->len);
  return CLI_OK;
}
