/* verba matrix: code x code or code x attribute. */
#include "builtin.h"
#include "cli.h"

static CliTableOptions topts;
static char *opt_rows = NULL;
static char *opt_cols = NULL;
static gboolean opt_links = FALSE;
static int opt_quotes = 3;

static GOptionEntry entries[] = {
  { "rows", 'r', 0, G_OPTION_ARG_STRING, &opt_rows,
    "Rows: code, theme, principle or an attribute", "DIM" },
  { "cols", 0, 0, G_OPTION_ARG_STRING, &opt_cols,
    "Columns: code, theme, principle or an attribute", "DIM" },
  { "links", 'l', 0, G_OPTION_ARG_NONE, &opt_links,
    "Theme x principle by the codebook's links instead of co-occurrence in segments", NULL },
  { "quotes", 'n', 0, G_OPTION_ARG_INT, &opt_quotes,
    "Verbatims per cell with --cell quotes (default 3)", "N" },
  { NULL }
};

int
builtin_matrix (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[CODED|-]", "A matrix of codes against codes or against an attribute.",
      "Code x code cells count the units with a segment coded with both\n"
      "(co-occurrence); with --links a theme counts towards the principles\n"
      "the codebook links it to.  Code x attribute cells count the units with\n"
      "that value that raised the code, out of the units with that value.");
  cli_table_options_add (ctx, &topts);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "matrix", &argc, &argv))
    return CLI_USAGE;
  if (opt_rows == NULL || opt_cols == NULL)
    {
      cli_error ("matrix", "--rows and --cols are required (see 'verba matrix --help')");
      return CLI_USAGE;
    }
  if (argc > 2)
    {
      cli_error ("matrix", "one input stream at a time (see 'verba matrix --help')");
      return CLI_USAGE;
    }
  if (opt_quotes < 1)
    {
      cli_error ("matrix", "--quotes must be at least 1");
      return CLI_USAGE;
    }
  VbTallyOptions t;
  vb_tally_options_init (&t);
  vb_dim_parse (opt_rows, &t.rows);
  vb_dim_parse (opt_cols, &t.cols);
  if (t.rows.kind == VB_DIM_ATTR && t.cols.kind == VB_DIM_ATTR)
    {
      cli_error ("matrix", "one of --rows and --cols must be code, theme or principle");
      return CLI_USAGE;
    }
  if (opt_links && (t.rows.kind != VB_DIM_THEME || t.cols.kind != VB_DIM_PRINCIPLE))
    {
      cli_error ("matrix", "--links needs themes against principles (--rows theme --cols principle)");
      return CLI_USAGE;
    }
  t.pairing = opt_links ? VB_PAIR_LINKS : VB_PAIR_COOCCUR;
  t.quotes = (guint) opt_quotes;
  return cli_tabulate ("matrix", argc > 1 ? argv[1] : "-", &topts, &t, VB_CELL_COUNT, NULL);
}
