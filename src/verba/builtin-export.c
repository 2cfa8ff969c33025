/* verba export: a coded stream to another program's format. */
#include "builtin.h"
#include "cli.h"
#include "refi/vb-qdpx.h"

#include <string.h>

static char *opt_to = NULL;
static char *opt_output = NULL;
static char **opt_codebooks = NULL;
static gboolean opt_quiet = FALSE;

static GOptionEntry entries[] = {
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to, "Format: qdpx (REFI-QDA project)", "FMT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (required; written atomically)", "FILE" },
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook to export with its descriptions and rules (repeatable; default: the codes the "
    "stream lists)", "CODEBOOK" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No summary on standard error", NULL },
  { NULL }
};

int
builtin_export (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "--to qdpx -o FILE [CODED]", "Export a coded stream for other analysis software.",
      "--to qdpx writes a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder):\n"
      "one text source per document, one coded selection per coding, the\n"
      "codebook, and document attributes as cases and variables.\n"
      "CODED is a coded segments stream (default: standard input).\n"
      "See verba-export(1) and verba-formats(5).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "export", &argc, &argv))
    return CLI_USAGE;
  if (opt_to == NULL || strcmp (opt_to, "qdpx") != 0)
    {
      cli_error ("export", "--to qdpx is required (the only format so far)");
      return CLI_USAGE;
    }
  if (opt_output == NULL || strcmp (opt_output, "-") == 0)
    {
      cli_error ("export", "-o FILE is required: a .qdpx is a zip archive, not text for a pipe");
      return CLI_USAGE;
    }
  if (argc > 2)
    {
      cli_error ("export", "one coded stream at most (see 'verba export --help')");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCodebook) cb = NULL;
  if (opt_codebooks)
    {
      cb = cli_load_codebooks (opt_codebooks, &err);
      if (cb == NULL)
        return cli_fail ("export", err);
    }
  VbQdpxStats st;
  if (!vb_qdpx_export (argc > 1 ? argv[1] : "-", cb, opt_output, &st, &err))
    return cli_fail ("export", err);
  if (!opt_quiet)
    fprintf (stderr, "verba export: %u documents, %u segments, %u codings\n", st.n_documents,
             st.n_segments, st.n_codings);
  return CLI_OK;
}
