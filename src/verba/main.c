/* verba: batch qualitative research from the shell. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "cli.h"

typedef struct {
  const char *name;
  int (*fn) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "import", builtin_import, "turn transcripts and notes into a segments stream" },
  { "code", builtin_code, "apply a codebook's rules to segments" },
  { "campaigns", builtin_campaigns, "mark campaign and duplicate responses" },
  { "freq", builtin_freq, "indicative frequency table of codes" },
  { "matrix", builtin_matrix, "code x code or code x attribute matrix" },
  { "quotes", builtin_quotes, "verbatims per code with their attribution" },
  { "codebook", builtin_codebook, "check, show or convert a codebook" },
  { "report", builtin_report, "the study's main tables in one run" },
  { "agree", builtin_agree, "agreement between coders; rules against a gold standard" },
  { "export", builtin_export, "write a coded stream as a REFI-QDA project" },
  { "merge", builtin_merge, "join the streams written by shards of one run" },
  { "learn", builtin_learn, "learn a coder from people's codings; cross-validate it" },
  { "sample", builtin_sample, "choose the segments people should code next" },
  { "terms", builtin_terms, "word and phrase frequencies, to draft a codebook" },
  { "kwic", builtin_kwic, "keywords in context: where people used a word or rule" },
};

static void
usage (FILE *fp)
{
  fprintf (fp, "Usage: verba COMMAND [OPTION…] [FILE…]\n\n"
               "Code qualitative data and tabulate it, in shell pipelines.\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (fp, "\nA typical pipeline:\n"
               "  verba import DIR | verba code -c CODEBOOK | verba freq --by stage -t md\n\n"
               "'verba COMMAND --help' describes each command; man verba-COMMAND has more.\n");
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  cli_init ();
  if (argc < 2)
    {
      usage (stderr);
      return CLI_USAGE;
    }
  const char *cmd = argv[1];
  if (strcmp (cmd, "--help") == 0 || strcmp (cmd, "-h") == 0 || strcmp (cmd, "help") == 0)
    {
      if (argc > 2 && strcmp (cmd, "help") == 0)
        {
          char *sub[] = { argv[2], (char *) "--help", NULL };
          for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
            if (strcmp (commands[i].name, argv[2]) == 0)
              return cli_finish_stdout (argv[2], commands[i].fn (2, sub));
        }
      usage (stdout);
      return cli_finish_stdout ("help", CLI_OK);
    }
  if (strcmp (cmd, "--version") == 0)
    {
      printf ("verba %s\n", PACKAGE_VERSION);
      return cli_finish_stdout ("version", CLI_OK);
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, cmd) == 0)
      return cli_finish_stdout (cmd, commands[i].fn (argc - 1, argv + 1));
  fprintf (stderr, "verba: unknown command '%s' (see 'verba --help')\n", cmd);
  return CLI_USAGE;
}
