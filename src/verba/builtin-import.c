/* verba import: source files to a segments stream. */
#include "builtin.h"
#include "cli.h"

static char *opt_format = NULL;
static char **opt_attrs = NULL;
static char **opt_sidecars = NULL;
static char **opt_studies = NULL;
static char **opt_moderators = NULL;
static char *opt_output = NULL;
static gboolean opt_strict = FALSE;

static GOptionEntry entries[] = {
  { "format", 'f', 0, G_OPTION_ARG_STRING, &opt_format,
    "Input format: auto (default), transcript, notes", "FMT" },
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
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (atomically) instead of standard output", "FILE" },
  { NULL }
};

typedef struct {
  guint n;
} WarnState;

static void
on_warn (gpointer data, const char *path, guint line, const char *message)
{
  WarnState *ws = data;
  ws->n++;
  if (line)
    cli_warning ("import", "%s:%u: %s", path, line, message);
  else
    cli_warning ("import", "%s: %s", path, message);
}

int
builtin_import (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "FILE|DIR…", "Turn transcripts and discussion-group notes into a segments stream.",
      "A directory is searched for study.ini (declared attribute values),\n"
      "attributes.csv (document attributes) and *.txt/*.md documents.\n"
      "Formats and precedence of attributes: man verba-import, verba-formats(5).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "import", &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    {
      cli_error ("import", "no input files (see 'verba import --help')");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbImporter) im = vb_importer_new ();
  WarnState ws = { 0 };
  vb_importer_set_warn (im, on_warn, &ws);
  vb_importer_set_strict (im, opt_strict);
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
  return CLI_OK;
}
