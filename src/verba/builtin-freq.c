/* verba freq: the indicative frequency table of codes. */
#include "builtin.h"
#include "cli.h"

#include <stdio.h>

static CliTableOptions topts;
static char *opt_by = NULL;
static char *opt_rows = NULL;
static gboolean opt_print_scale = FALSE;

static GOptionEntry entries[] = {
  { "by", 'b', 0, G_OPTION_ARG_STRING, &opt_by,
    "One column per value of this attribute, plus 'All'", "ATTR" },
  { "rows", 0, 0, G_OPTION_ARG_STRING, &opt_rows,
    "Which codes: code (default: all), theme, principle", "KIND" },
  { "print-scale", 0, 0, G_OPTION_ARG_NONE, &opt_print_scale,
    "Print the built-in indicative scale (a file to edit for --scale) and exit", NULL },
  { NULL }
};

int
builtin_freq (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[CODED|-]", "Indicative frequency table: how many units raised each code.",
      "Each cell says the indicative word, the count and the base, e.g.\n"
      "'many (6 of 15)'.  Moderators' words are not counted unless asked.");
  cli_table_options_add (ctx, &topts);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "freq", &argc, &argv))
    return CLI_USAGE;
  if (opt_print_scale)
    {
      fputs (vb_scale_default_text (), stdout);
      return CLI_OK;
    }
  if (argc > 2)
    {
      cli_error ("freq", "one input stream at a time (see 'verba freq --help')");
      return CLI_USAGE;
    }
  VbTallyOptions t;
  vb_tally_options_init (&t);
  vb_dim_parse (opt_rows ? opt_rows : "code", &t.rows);
  if (t.rows.kind == VB_DIM_ATTR)
    {
      cli_error ("freq", "--rows takes code, theme or principle, not '%s'", opt_rows);
      return CLI_USAGE;
    }
  if (opt_by)
    vb_dim_parse (opt_by, &t.cols);
  if (opt_by && t.cols.kind != VB_DIM_ATTR)
    {
      cli_error ("freq", "--by takes an attribute; for code by code use 'verba matrix'");
      return CLI_USAGE;
    }
  return cli_tabulate ("freq", argc > 1 ? argv[1] : "-", &topts, &t, VB_CELL_FULL, NULL);
}
