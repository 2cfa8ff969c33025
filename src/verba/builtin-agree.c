/* verba agree: agreement between coders' coded streams, or rules against a
 * gold standard. */
#include "builtin.h"
#include "cli.h"
#include "analysis/vb-agree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *opt_unit = NULL;
static char *opt_gold = NULL;
static gboolean opt_disagreements = FALSE;
static int opt_bootstrap = 1000;
static int opt_jobs = 0;
static char *opt_seed = NULL;
static double opt_level = 0.95;
static char *opt_codings = NULL;
static char **opt_codebooks = NULL;
static char **opt_codes = NULL;
static gboolean opt_include_moderator = FALSE;
static char *opt_format = NULL;
static int opt_digits = -1;
static char *opt_output = NULL;

static GOptionEntry entries[] = {
  { "unit", 'u', 0, G_OPTION_ARG_STRING, &opt_unit,
    "What coders judged: segment (default) or document", "UNIT" },
  { "gold", 'g', 0, G_OPTION_ARG_FILENAME, &opt_gold,
    "Score the rules of one auto-coded stream against this human-coded one", "GOLD" },
  { "disagreements", 'D', 0, G_OPTION_ARG_NONE, &opt_disagreements,
    "List the units and codes the coders disagree on instead", NULL },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
    "Bootstrap on N threads, 0 to 1024 (default 0: one per processor); the intervals are the "
    "same", "N" },
  { "bootstrap", 'B', 0, G_OPTION_ARG_INT, &opt_bootstrap,
    "Bootstrap resamples for the intervals, at most 100000 (default 1000; 0: none)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &opt_seed,
    "Seed of the resampling (GSL mt19937; default 1)", "S" },
  { "level", 0, 0, G_OPTION_ARG_DOUBLE, &opt_level,
    "Confidence level of the intervals (default 0.95)", "L" },
  { "codings", 0, 0, G_OPTION_ARG_STRING, &opt_codings,
    "Codings that count: all (default), human (not rule:), rules", "WHICH" },
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook for order and labels (default: the lists the streams carry)", "CODEBOOK" },
  { "code", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_codes,
    "Only this code (repeatable)", "CODE" },
  { "include-moderator", 0, 0, G_OPTION_ARG_NONE, &opt_include_moderator,
    "Compare moderators' and interviewers' segments too", NULL },
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format, "Format: tsv (default), csv, md, txt",
    "FMT" },
  { "digits", 0, 0, G_OPTION_ARG_INT, &opt_digits,
    "Significant digits in tsv and csv (default 15), decimals in md and txt (default 3)", "N" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  { NULL }
};

static gboolean human_format (VbFormat f) { return f == VB_FORMAT_MD || f == VB_FORMAT_TXT; }

static char *
num (VbFormat format, double x)
{
  if (isnan (x))
    return g_strdup ("nan");
  /* Always a decimal point, whatever the locale: scripts read these. */
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *fmt = g_strdup_printf ("%%.%d%c", opt_digits, human_format (format) ? 'f' : 'g');
  g_ascii_formatd (buf, sizeof buf, fmt, x);
  /* "-0.000" would look like a different value from 0. */
  if (buf[0] == '-' && strspn (buf + 1, "0.") == strlen (buf + 1))
    return g_strdup (buf + 1);
  return g_strdup (buf);
}

static char *
count (double x)
{
  return g_strdup_printf ("%.0f", x);
}

static void
agree_table (VbAgree *ag, VbAgreeUnit unit, const VbBootstrap *bs, VbFormat format,
             GString *out)
{
  g_autoptr (GArray) rows = vb_agree_compute (ag, unit, bs);
  gboolean human = human_format (format);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *fixed[] = { "code", "label", "n", "agree", "disagree", "missing" };
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (cells, g_strdup (fixed[i]));
  for (guint k = 0; k < VB_N_STATS; k++)
    {
      g_ptr_array_add (cells, g_strdup (vb_agree_stat_names[k]));
      if (!human)
        {
          g_ptr_array_add (cells, g_strconcat (vb_agree_stat_names[k], "_low", NULL));
          g_ptr_array_add (cells, g_strconcat (vb_agree_stat_names[k], "_high", NULL));
        }
    }
  guint n_cols = cells->len;
  for (guint r = 0; r < rows->len; r++)
    {
      const VbAgreeRow *row = &g_array_index (rows, VbAgreeRow, r);
      g_ptr_array_add (cells, g_strdup (row->code));
      g_ptr_array_add (cells, g_strdup (row->label));
      g_ptr_array_add (cells, count (row->n));
      g_ptr_array_add (cells, count (row->agree));
      g_ptr_array_add (cells, count (row->disagree));
      g_ptr_array_add (cells, count (row->missing));
      for (guint k = 0; k < VB_N_STATS; k++)
        {
          g_autofree char *x = num (format, row->stat[k]);
          g_autofree char *lo = num (format, row->low[k]);
          g_autofree char *hi = num (format, row->high[k]);
          if (!human)
            {
              g_ptr_array_add (cells, g_steal_pointer (&x));
              g_ptr_array_add (cells, g_steal_pointer (&lo));
              g_ptr_array_add (cells, g_steal_pointer (&hi));
            }
          else if (isnan (row->low[k]))
            g_ptr_array_add (cells, g_steal_pointer (&x));
          else
            g_ptr_array_add (cells, g_strdup_printf ("%s [%s, %s]", x, lo, hi));
        }
    }
  guint m = vb_agree_n_coders (ag);
  const char *units = unit == VB_AGREE_SEGMENT ? "segments" : "documents";
  g_autoptr (GString) title = g_string_new ("Agreement between ");
  for (guint j = 0; j < m; j++)
    g_string_append_printf (title, "%s%s", j == 0 ? "" : j + 1 == m ? " and " : ", ",
                            vb_agree_coder_name (ag, j));
  g_string_append_printf (title, " (%s)", units);
  vb_grid_write (cells, n_cols, "llrrrrrrrrr", title->str, format, out);
  if (!human)
    return;
  g_string_append_printf (out,
                          "\nn: %s that at least two coders' streams hold (for \"all\": code x "
                          "%s decisions, pooled); missing: %s fewer than two hold.\n",
                          units, unit == VB_AGREE_SEGMENT ? "segment" : "document", units);
  if (m > 2)
    g_string_append (out, "kappa: Light's kappa (mean of the pairs' Cohen's kappas); scott_pi: "
                          "Fleiss' kappa; percent_agreement: share of agreeing coder pairs.\n");
  if (bs->replicates > 0)
    g_string_append_printf (out, "[low, high]: %g%% percentile bootstrap interval, %u resamples "
                                 "of %s (seed %lu).\n",
                            100 * bs->level, bs->replicates, units, bs->seed);
  g_string_append (out, "nan: undefined (no units, or one category only).\n");
}

static void
gold_table (VbAgree *ag, VbAgreeUnit unit, VbFormat format, GString *out)
{
  g_autoptr (GArray) rows = vb_agree_gold (ag, unit);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *head[] = { "code", "label", "n", "tp", "fp", "fn", "precision", "recall", "f1" };
  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    g_ptr_array_add (cells, g_strdup (head[i]));
  for (guint r = 0; r < rows->len; r++)
    {
      const VbGoldRow *row = &g_array_index (rows, VbGoldRow, r);
      g_ptr_array_add (cells, g_strdup (row->code));
      g_ptr_array_add (cells, g_strdup (row->label));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row->n));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row->tp));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row->fp));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row->fn));
      g_ptr_array_add (cells, num (format, row->precision));
      g_ptr_array_add (cells, num (format, row->recall));
      g_ptr_array_add (cells, num (format, row->f1));
    }
  const char *units = unit == VB_AGREE_SEGMENT ? "segments" : "documents";
  g_autofree char *title = g_strdup_printf ("Rules (%s) against %s (%s)",
                                            vb_agree_coder_name (ag, 1),
                                            vb_agree_coder_name (ag, 0), units);
  vb_grid_write (cells, 9, "llrrrrrrr", title, format, out);
  if (human_format (format))
    g_string_append_printf (out,
                            "\nn: %s both streams hold. tp: the rules and the gold standard "
                            "apply the code; fp: only the rules; fn: only the gold standard.\n"
                            "micro: from the summed counts; macro: mean of the codes' scores. "
                            "nan: 0/0.\n", units);
}

typedef struct {
  GPtrArray *cells;
  guint      m;
} Listing;

static void
on_disagreement (gpointer data, const char *document, guint segment, const char *code,
                 const char *text, const int *values)
{
  Listing *l = data;
  g_ptr_array_add (l->cells, g_strdup (document));
  g_ptr_array_add (l->cells, segment ? g_strdup_printf ("%u", segment) : g_strdup (""));
  g_ptr_array_add (l->cells, g_strdup (code));
  for (guint j = 0; j < l->m; j++)
    g_ptr_array_add (l->cells, values[j] < 0 ? g_strdup ("") : g_strdup_printf ("%d", values[j]));
  g_ptr_array_add (l->cells, g_strdup (text ? text : ""));
}

static void
disagreement_list (VbAgree *ag, VbAgreeUnit unit, VbFormat format, GString *out)
{
  Listing l = { g_ptr_array_new_with_free_func (g_free), vb_agree_n_coders (ag) };
  g_ptr_array_add (l.cells, g_strdup ("document"));
  g_ptr_array_add (l.cells, g_strdup ("segment"));
  g_ptr_array_add (l.cells, g_strdup ("code"));
  for (guint j = 0; j < l.m; j++)
    g_ptr_array_add (l.cells, g_strdup (vb_agree_coder_name (ag, j)));
  g_ptr_array_add (l.cells, g_strdup ("text"));
  vb_agree_disagreements (ag, unit, on_disagreement, &l);
  g_autofree char *align = g_strnfill (l.m + 4, 'l');
  vb_grid_write (l.cells, l.m + 4, align, "Disagreements", format, out);
  if (human_format (format))
    g_string_append (out, "\n1: the coder applied the code; 0: did not; empty: the unit is "
                          "not in the coder's stream.\n");
  g_ptr_array_unref (l.cells);
}

int
builtin_agree (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "CODED_A CODED_B [CODED…]",
      "Agreement between coders, or rules against a gold standard.",
      "Each stream is one coder's codings of the same segments.  Per code and\n"
      "pooled: percent agreement, Cohen's kappa, Scott's pi, Brennan-Prediger\n"
      "and Krippendorff's alpha with bootstrap intervals.  --gold GOLD AUTO:\n"
      "precision, recall and F1 of the rules per code.  See man verba-agree.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "agree", &argc, &argv))
    return CLI_USAGE;
  VbFormat format = VB_FORMAT_TSV;
  if (!cli_format ("agree", opt_format, &format))
    return CLI_USAGE;
  VbAgreeUnit unit = VB_AGREE_SEGMENT;
  if (opt_unit && strcmp (opt_unit, "document") == 0)
    unit = VB_AGREE_DOCUMENT;
  else if (opt_unit && strcmp (opt_unit, "segment") != 0)
    {
      cli_error ("agree", "unknown unit '%s' (known: segment, document)", opt_unit);
      return CLI_USAGE;
    }
  VbAgreeCodings which = VB_AGREE_CODINGS_ALL;
  if (opt_codings && strcmp (opt_codings, "human") == 0)
    which = VB_AGREE_CODINGS_HUMAN;
  else if (opt_codings && strcmp (opt_codings, "rules") == 0)
    which = VB_AGREE_CODINGS_RULES;
  else if (opt_codings && strcmp (opt_codings, "all") != 0)
    {
      cli_error ("agree", "unknown --codings '%s' (known: all, human, rules)", opt_codings);
      return CLI_USAGE;
    }
  if (!cli_option_in_range ("agree", "-j", opt_jobs, 0, CLI_MAX_JOBS))
    return CLI_USAGE;
  VbBootstrap bs = { (guint) MAX (opt_bootstrap, 0), 1, opt_level,
                     opt_jobs > 0 ? (guint) opt_jobs : g_get_num_processors () };
  if (opt_seed)
    {
      char *end = NULL;
      guint64 s = g_ascii_strtoull (opt_seed, &end, 10);
      if (!g_ascii_isdigit (opt_seed[0]) || *end || s > G_MAXUINT32)
        {
          cli_error ("agree", "--seed '%s': expected a whole number from 0 to %u", opt_seed,
                     G_MAXUINT32);
          return CLI_USAGE;
        }
      bs.seed = (gulong) s;
    }
  if (opt_bootstrap < 0 || !(opt_level > 0 && opt_level < 1) || opt_digits > 17)
    {
      cli_error ("agree", "--bootstrap must not be negative, --level must be between 0 and 1 "
                          "and --digits at most 17");
      return CLI_USAGE;
    }
  if (!cli_option_in_range ("agree", "--bootstrap", opt_bootstrap, 0, CLI_MAX_BOOTSTRAP))
    return CLI_USAGE;
  if (opt_digits < 0)
    opt_digits = human_format (format) ? 3 : 15;
  else if (opt_digits == 0 && !human_format (format))
    opt_digits = 1;
  int n_inputs = argc - 1 + (opt_gold != NULL);
  if (opt_gold ? n_inputs != 2 : n_inputs < 2)
    {
      cli_error ("agree", opt_gold ? "--gold GOLD takes one auto-coded stream to score"
                                   : "needs at least two coded streams (one per coder)");
      return CLI_USAGE;
    }

  g_autoptr (GError) err = NULL;
  g_autoptr (VbAgree) ag = vb_agree_new (opt_include_moderator);
  if (opt_codebooks)
    {
      g_autoptr (VbCodebook) cb = cli_load_codebooks (opt_codebooks, &err);
      if (cb == NULL)
        return cli_fail ("agree", err);
      vb_agree_set_codebook (ag, cb);
    }
  /* Only the listing prints the segments' words. */
  if (opt_disagreements && unit == VB_AGREE_SEGMENT)
    vb_agree_keep_texts (ag);
  if (opt_gold)
    {
      /* The gold standard is what people decided, the other stream what
       * the rules did, unless --codings says otherwise. */
      if (!vb_agree_add_stream (ag, opt_gold, opt_codings ? which : VB_AGREE_CODINGS_HUMAN, &err)
          || !vb_agree_add_stream (ag, argv[1], opt_codings ? which : VB_AGREE_CODINGS_RULES,
                                   &err))
        return cli_fail ("agree", err);
    }
  else
    for (int i = 1; i < argc; i++)
      if (!vb_agree_add_stream (ag, argv[i], which, &err))
        return cli_fail ("agree", err);
  /* An empty side is legal (a coder who applied nothing) but far more
   * often the wrong kind of codings: say so. */
  static const char *const kinds[] = { "", "human ", "rule " };
  for (guint j = 0; j < vb_agree_n_coders (ag); j++)
    if (vb_agree_n_codings (ag, j) == 0)
      {
        VbAgreeCodings k = opt_codings || !opt_gold ? which
                           : j == 0 ? VB_AGREE_CODINGS_HUMAN : VB_AGREE_CODINGS_RULES;
        const char *path = opt_gold ? (j == 0 ? opt_gold : argv[1]) : argv[j + 1];
        cli_warning ("agree", "%s: no %scodings%s", path, kinds[k],
                     k == VB_AGREE_CODINGS_ALL ? "" : " (see --codings)");
      }
  if (opt_codes && !vb_agree_restrict (ag, (const char *const *) opt_codes, &err))
    return cli_fail ("agree", err);

  g_autoptr (GString) out = g_string_new (NULL);
  if (opt_disagreements)
    disagreement_list (ag, unit, format, out);
  else if (opt_gold)
    gold_table (ag, unit, format, out);
  else
    agree_table (ag, unit, &bs, format, out);
  return cli_write_output_as ("agree", opt_output, out, format);
}
