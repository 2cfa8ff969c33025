/* verba learn: a coder learned from people's codings, or its
 * cross-validated figures. */
#include "builtin.h"
#include "cli.h"
#include "learn/vb-learn.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *opt_output = NULL;
static char **opt_codes = NULL;
static char *opt_coder = NULL;
static char **opt_codebooks = NULL;
static gint opt_min_examples = 10;
static char *opt_seed = NULL;
static gboolean opt_stems = FALSE;
static char *opt_features = NULL;
static gint opt_min_df = 2;
static char *opt_solver = NULL;
static double opt_C = 1.0;
static char *opt_class_weight = NULL;
static double opt_eps = 0;
static char *opt_thresholds = NULL;
static double opt_target_precision = 0;
static gint opt_cv = 0;
static char *opt_folds_by = NULL;
static char *opt_format = NULL;
static char *opt_name = NULL;
static char *opt_dump = NULL;
static gint opt_jobs = 0;
static gboolean opt_quiet = FALSE;
static char *opt_negatives = NULL;

static GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write the model to FILE (verba-model(5)), atomically", "FILE" },
  { "codes", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_codes,
    "Codes to learn, comma-separated (default: every code the coder used)", "ID,…" },
  { "coder", 0, 0, G_OPTION_ARG_STRING, &opt_coder,
    "Learn the codings of coder:NAME (default: the only coder)", "NAME" },
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Its rules' hits are features too (repeatable)", "CODEBOOK" },
  { "negatives", 0, 0, G_OPTION_ARG_STRING, &opt_negatives,
    "Examples: all (every segment, default) or documents (those of documents the coder "
    "coded)", "WHICH" },
  { "min-examples", 0, 0, G_OPTION_ARG_INT, &opt_min_examples,
    "Skip codes with fewer coded segments (default 10)", "N" },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &opt_seed,
    "Seed of the folds (default 1): the same seed, the same bytes", "S" },
  { "stems", 0, 0, G_OPTION_ARG_NONE, &opt_stems,
    "Add Snowball stems (English) to the features", NULL },
  { "features", 0, 0, G_OPTION_ARG_STRING, &opt_features,
    "Feature groups: words,pairs,chars=MIN-MAX,stems=LANG (default words,pairs,chars=2-5)", "LIST" },
  { "min-df", 0, 0, G_OPTION_ARG_INT, &opt_min_df,
    "Drop features found in fewer training segments (default 2)", "N" },
  { "solver", 0, 0, G_OPTION_ARG_STRING, &opt_solver,
    "svm-dual (L2-loss linear SVM, default), lr-dual (logistic regression), "
    "svm, lr: the same solved in the primal", "S" },
  { "C", 'C', 0, G_OPTION_ARG_DOUBLE, &opt_C, "Inverse regularisation strength (default 1)", "C" },
  { "class-weight", 0, 0, G_OPTION_ARG_STRING, &opt_class_weight,
    "balanced (default: rare codes weigh more) or none", "W" },
  { "eps", 0, 0, G_OPTION_ARG_DOUBLE, &opt_eps,
    "LIBLINEAR's stopping tolerance (default: its own, 0.01 primal, 0.1 dual)", "E" },
  { "thresholds", 0, 0, G_OPTION_ARG_STRING, &opt_thresholds,
    "default (0.5) or cv (tuned for F1 by inner cross-validation where it helps)", "HOW" },
  { "target-precision", 0, 0, G_OPTION_ARG_DOUBLE, &opt_target_precision,
    "Each code's threshold: the lowest reaching precision P in inner cross-validation", "P" },
  { "cv", 0, 0, G_OPTION_ARG_INT, &opt_cv,
    "Cross-validate with K folds and print per-code figures", "K" },
  { "folds-by", 0, 0, G_OPTION_ARG_STRING, &opt_folds_by,
    "document (default), segment, or an attribute holding fold numbers 1..K", "ATTR" },
  { "format", 't', 0, G_OPTION_ARG_STRING, &opt_format,
    "--cv table format: txt (default on a terminal), tsv, csv, md, latex, json, html", "FMT" },
  { "name", 0, 0, G_OPTION_ARG_STRING, &opt_name,
    "The model's name, its codings' source model:NAME (default: the file's name)", "NAME" },
  { "dump-features", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_dump,
    "Write the training matrix (row, feature, value) to FILE", "FILE" },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
    "Train N codes at once (default 0: one per processor); the model is the same", "N" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No summary on standard error", NULL },
  { NULL }
};

static void
on_warn (gpointer data, const char *message)
{
  (void) data;
  cli_warning ("learn", "%s", message);
}

static char *
fmt4 (double v)
{
  return isnan (v) ? g_strdup ("") : g_strdup_printf ("%.4f", v);
}

static int
print_cv (GPtrArray *rows, const char *coder, guint k, const char *folds_by)
{
  VbFormat format = VB_FORMAT_TXT;
  if (opt_format && !cli_format ("learn", opt_format, &format))
    return CLI_USAGE;
  if (opt_format == NULL && !(opt_output == NULL && isatty (1)))
    format = VB_FORMAT_TSV;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  static const char *const head[] = { "code", "support", "precision", "recall", "f1", "kappa" };
  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    g_ptr_array_add (cells, g_strdup (head[i]));
  for (guint i = 0; i < rows->len; i++)
    {
      const VbCvRow *r = rows->pdata[i];
      g_ptr_array_add (cells, g_strdup (r->name));
      g_ptr_array_add (cells, g_strdup_printf ("%u", r->support));
      g_ptr_array_add (cells, fmt4 (r->precision));
      g_ptr_array_add (cells, fmt4 (r->recall));
      g_ptr_array_add (cells, fmt4 (r->f1));
      g_ptr_array_add (cells, fmt4 (r->kappa));
    }
  g_autofree char *title = g_strdup_printf ("Learned coder against coder:%s, %u-fold "
                                            "cross-validation (folds by %s)", coder, k,
                                            folds_by ? folds_by : "document");
  g_autoptr (GString) out = g_string_new (NULL);
  vb_grid_write (cells, 6, "lrrrrr", title, format, out);
  if (format == VB_FORMAT_TXT || format == VB_FORMAT_MD)
    g_string_append (out, "\nsupport: segments the coder gave the code. micro: from the "
                          "summed counts; macro: mean of the codes' figures.\n");
  return cli_write_output ("learn", NULL, out);
}

int
builtin_learn (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "-o MODEL | --cv K  CODED…", "Learn a coder from people's codings.",
      "One binary linear classifier a code (LIBLINEAR), from the segments a\n"
      "coder coded: each segment is a positive for the codes the coder gave it\n"
      "and a negative for the others (--negatives documents: only segments of\n"
      "documents the coder coded something in count).  -o writes\n"
      "the model for 'verba code --model'; --cv prints cross-validated\n"
      "precision, recall, F1 and Cohen's kappa a code.  See verba-learn(1).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "learn", &argc, &argv))
    return CLI_USAGE;
  if (opt_output == NULL && opt_cv == 0)
    {
      cli_error ("learn", "give -o MODEL, --cv K or both (see 'verba learn --help')");
      return CLI_USAGE;
    }
  if (argc < 2)
    {
      cli_error ("learn", "give the coded streams to learn from (see 'verba learn --help')");
      return CLI_USAGE;
    }
  VbLearnOptions o;
  vb_learn_options_init (&o);
  if (opt_seed)
    {
      char *end = NULL;
      o.seed = g_ascii_strtoull (opt_seed, &end, 10);
      if (!g_ascii_isdigit (opt_seed[0]) || *end)
        {
          cli_error ("learn", "--seed '%s': expected a whole number", opt_seed);
          return CLI_USAGE;
        }
    }
  if (opt_min_examples < 1 || opt_min_df < 1 || opt_jobs < 0 || opt_cv < 0 || opt_C <= 0
      || opt_eps < 0 || opt_target_precision < 0 || opt_target_precision >= 1)
    {
      cli_error ("learn", "--min-examples and --min-df take 1 or more, -j and --cv 0 or more, "
                 "-C and --eps a positive number, --target-precision a number below 1");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  if (opt_features)
    {
      g_autofree char *spaced = g_strdup (opt_features);
      g_strdelimit (spaced, ",", ' ');
      g_autofree char *full = g_strdup_printf ("%s min-df=%d", spaced, opt_min_df);
      if (!vb_feature_settings_parse (&o.features, full, &err))
        {
          cli_error ("learn", "--features: %s", err->message);
          return CLI_USAGE;
        }
    }
  o.features.min_df = (guint) opt_min_df;
  if (opt_stems && o.features.stems == NULL)
    o.features.stems = g_strdup ("english");
  o.min_examples = (guint) opt_min_examples;
  if (opt_negatives && strcmp (opt_negatives, "documents") == 0)
    o.coded_documents_only = TRUE;
  else if (opt_negatives && strcmp (opt_negatives, "all") != 0)
    {
      cli_error ("learn", "--negatives '%s': all or documents", opt_negatives);
      return CLI_USAGE;
    }
  o.coder = opt_coder;
  if (opt_solver && !vb_learn_solver_known (opt_solver))
    {
      cli_error ("learn", "--solver '%s': lr, lr-dual, svm or svm-dual", opt_solver);
      return CLI_USAGE;
    }
  if (opt_solver)
    o.solver = opt_solver;
  if (opt_class_weight && strcmp (opt_class_weight, "balanced") != 0
      && strcmp (opt_class_weight, "none") != 0)
    {
      cli_error ("learn", "--class-weight '%s': balanced or none", opt_class_weight);
      return CLI_USAGE;
    }
  if (opt_class_weight)
    o.class_weight = opt_class_weight;
  if (opt_thresholds && strcmp (opt_thresholds, "cv") == 0)
    o.thresholds = VB_THRESHOLDS_CV;
  else if (opt_thresholds && strcmp (opt_thresholds, "default") != 0)
    {
      cli_error ("learn", "--thresholds '%s': default or cv", opt_thresholds);
      return CLI_USAGE;
    }
  o.target_precision = opt_target_precision;
  o.C = opt_C;
  o.eps = opt_eps;
  o.n_threads = (guint) opt_jobs;
  g_autoptr (VbCodebook) cb = NULL;
  if (opt_codebooks)
    {
      cb = cli_load_codebooks (opt_codebooks, &err);
      if (cb == NULL)
        return cli_fail ("learn", err);
      o.codebook = cb;
      o.features.rules = TRUE;
    }
  g_auto (GStrv) codes = NULL;
  if (opt_codes)
    {
      g_autofree char *joined = g_strjoinv (",", opt_codes);
      codes = g_strsplit (joined, ",", -1);
      for (guint i = 0; codes[i]; i++)
        g_strstrip (codes[i]);
      o.codes = (const char *const *) codes;
    }

  g_autoptr (VbLearnData) d = vb_learn_data_read ((const char *const *) argv + 1, &o, on_warn,
                                                  NULL, &err);
  if (d == NULL)
    {
      vb_feature_settings_clear (&o.features);
      return cli_fail ("learn", err);
    }
  int rc = CLI_OK;
  GPtrArray *rows = NULL;
  if (opt_cv)
    {
      rows = vb_learn_cross_validate (d, &o, (guint) opt_cv, opt_folds_by, &err);
      if (rows == NULL)
        rc = cli_fail ("learn", err);
      else
        rc = print_cv (rows, vb_learn_data_coder (d), (guint) opt_cv, opt_folds_by);
    }
  if (rc == CLI_OK && opt_output)
    {
      g_autoptr (GString) dump = opt_dump ? g_string_new (NULL) : NULL;
      g_autoptr (VbModel) m = vb_learn_train (d, &o, dump, &err);
      if (m == NULL)
        rc = cli_fail ("learn", err);
      else
        {
          g_autofree char *base = g_path_get_basename (opt_output);
          char *dot = strrchr (base, '.');
          if (dot && dot != base)
            *dot = '\0';
          m->name = g_strdup (opt_name ? opt_name : base);
          /* The cross-validated figures go into the model's summary. */
          for (guint i = 0; rows && i < rows->len; i++)
            {
              const VbCvRow *r = rows->pdata[i];
              VbModelCode *c = r->code ? (VbModelCode *) vb_model_lookup (m, r->code) : NULL;
              if (c == NULL)
                continue;
              c->cv_precision = r->precision;
              c->cv_recall = r->recall;
              c->cv_f1 = r->f1;
              c->cv_kappa = r->kappa;
            }
          if (strpbrk (m->name, ";@/\t\n") || *m->name == '\0')
            {
              cli_error ("learn", "model name '%s': give a name without ';', '@', '/' or tabs",
                         m->name);
              rc = CLI_USAGE;
            }
          else if (dump && (rc = cli_write_output ("learn", opt_dump, dump)) != CLI_OK)
            ;
          else if (!vb_model_save (m, opt_output, &err))
            rc = cli_fail ("learn", err);
          else if (!opt_quiet)
            fprintf (stderr, "verba learn: %u segments coded by coder:%s, %u codes learned, "
                     "%u features; model %s\n", m->n_examples, m->coder, m->codes->len,
                     m->vocab->len, opt_output);
        }
    }
  vb_cv_rows_free (rows);
  vb_feature_settings_clear (&o.features);
  return rc;
}
