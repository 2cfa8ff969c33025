/* verba sample: which segments people should code next, as a CSV sheet
 * that verba import -f csv reads back once the codes are filled in. */
#include "builtin.h"
#include "cli.h"
#include "analysis/vb-sample.h"

#include <math.h>
#include <string.h>

static char *opt_random = NULL;
static char *opt_seed = NULL;
static char *opt_stratify = NULL;
static char **opt_exclude = NULL;
static char *opt_uncertain = NULL;
static char *opt_model = NULL;
static gboolean opt_include_moderator = FALSE;
static char *opt_output = NULL;
static gboolean opt_quiet = FALSE;

static GOptionEntry entries[] = {
  { "random", 'n', 0, G_OPTION_ARG_STRING, &opt_random,
    "A random sample of N segments (in hash order: see verba-sample(1))", "N" },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &opt_seed, "Seed of the sample (default 1)", "S" },
  { "stratify", 0, 0, G_OPTION_ARG_STRING, &opt_stratify,
    "Share the N places among the values of ATTR in proportion to their segments", "ATTR" },
  { "exclude", 'x', 0, G_OPTION_ARG_FILENAME_ARRAY, &opt_exclude,
    "Leave out the segments people coded in this stream (repeatable)", "CODED" },
  { "uncertain", 0, 0, G_OPTION_ARG_STRING, &opt_uncertain,
    "The N segments a model is least sure of (needs --model)", "N" },
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &opt_model,
    "Model for --uncertain (written by verba learn)", "MODEL" },
  { "include-moderator", 0, 0, G_OPTION_ARG_NONE, &opt_include_moderator,
    "Sample moderators' and interviewers' segments too", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (atomically) instead of standard output", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No summary line on stderr", NULL },
  { NULL }
};

static gboolean
parse_count (const char *opt, const char *s, guint64 min, guint64 *out)
{
  if (s && g_ascii_string_to_unsigned (s, 10, min, G_MAXUINT, out, NULL))
    return TRUE;
  cli_error ("sample", "%s: '%s' is not a whole number from %" G_GUINT64_FORMAT, opt,
             s ? s : "", min);
  return FALSE;
}

/* The sheet: id (DOCUMENT:SEGMENT, one key for a spreadsheet's lookups),
 * document, segment, the attributes, text and an empty codes column. */
static void
write_sheet (GPtrArray *segs, const char *const *keys, GString *out)
{
  guint n_keys = g_strv_length ((char **) keys);
  guint n = n_keys + 5;
  g_autofree const char **f = g_new0 (const char *, n);
  f[0] = "id";
  f[1] = "document";
  f[2] = "segment";
  for (guint k = 0; k < n_keys; k++)
    f[3 + k] = keys[k];
  f[n - 2] = "text";
  f[n - 1] = "codes";
  vb_row_write (out, VB_FORMAT_CSV, f, n);
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      g_autofree char *id = g_strdup_printf ("%s:%u", seg->document, seg->index);
      g_autofree char *num = g_strdup_printf ("%u", seg->index);
      f[0] = id;
      f[1] = seg->document;
      f[2] = num;
      for (guint k = 0; k < n_keys; k++)
        {
          const char *v = vb_attrs_get (seg->attrs, keys[k]);
          f[3 + k] = v ? v : "";
        }
      f[n - 2] = seg->text;
      f[n - 1] = "";
      vb_row_write (out, VB_FORMAT_CSV, f, n);
    }
}

int
builtin_sample (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "--random N [--seed S] [--stratify ATTR] [--exclude CODED]… [SEGMENTS]",
      "Choose the segments people should code next.",
      "Writes a CSV sheet: id (DOCUMENT:SEGMENT), document, segment, the stream's\n"
      "attributes, text and an empty codes column.  Fill in the codes (ids or labels,\n"
      "';'-separated) and read the sheet back with\n"
      "  verba import -f csv --id document --segment-col segment --text-cols text \\\n"
      "      --attr-cols ATTR,… --codes-col codes --coder NAME -c CODEBOOK SHEET.csv\n"
      "The sample is in hash order, so the same seed gives the same sample whatever\n"
      "the input's order; with --stratify the places are shared out by largest\n"
      "remainder.  Moderators' and interviewers' segments are left out unless\n"
      "--include-moderator.  See verba-sample(1).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "sample", &argc, &argv))
    return CLI_USAGE;
  if (argc > 2)
    {
      cli_error ("sample", "one segments stream at most (see 'verba sample --help')");
      return CLI_USAGE;
    }
  guint64 n = 0, seed = 1;
  if (opt_uncertain || opt_model)
    {
      if (opt_random)
        {
          cli_error ("sample", "--random and --uncertain choose differently: give one");
          return CLI_USAGE;
        }
      if (!parse_count ("--uncertain", opt_uncertain, 1, &n))
        return CLI_USAGE;
      if (opt_model == NULL)
        {
          cli_error ("sample", "--uncertain needs a model (--model MODEL, from verba learn)");
          return CLI_USAGE;
        }
    }
  else if (opt_random == NULL)
    {
      cli_error ("sample", "say how to choose: --random N (see 'verba sample --help')");
      return CLI_USAGE;
    }
  if (opt_random && !parse_count ("--random", opt_random, 1, &n))
    return CLI_USAGE;
  if (opt_seed && !g_ascii_string_to_unsigned (opt_seed, 10, 0, G_MAXUINT64, &seed, NULL))
    {
      cli_error ("sample", "--seed: '%s' is not a whole number", opt_seed);
      return CLI_USAGE;
    }

  g_autoptr (GError) err = NULL;
  const char *path = argc > 1 ? argv[1] : "-";
  g_autoptr (VbSampler) s = vb_sampler_new ((guint) n, seed, opt_stratify);
  /* Active learning: the segments the model is least sure of, those whose
   * score is nearest a code's threshold, come first. */
  g_autoptr (VbModel) model = NULL;
  g_autoptr (VbModelScorer) scorer = NULL;
  g_autofree double *scores = NULL;
  if (opt_model)
    {
      model = vb_model_load (opt_model, &err);
      if (model == NULL || (scorer = vb_model_scorer_new (model, &err)) == NULL)
        return cli_fail ("sample", err);
      scores = g_new0 (double, model->codes->len + 1);
    }
  for (guint i = 0; opt_exclude && opt_exclude[i]; i++)
    if (!vb_sampler_exclude_stream (s, opt_exclude[i], &err))
      return cli_fail ("sample", err);
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, &err);
  if (r == NULL)
    return cli_fail ("sample", err);
  if (!cli_check_attr ("sample", r, opt_stratify))
    return CLI_FAILED;
  const char *const *keys = vb_stream_reader_attr_keys (r);
  if (g_strv_contains (keys, "id"))
    {
      cli_error ("sample", "%s: an attribute is named 'id', like the sheet's id column: rename "
                 "it first", vb_stream_reader_path (r));
      return CLI_FAILED;
    }
  VbSegment *seg;
  guint64 skipped_roles = 0;
  while (vb_stream_reader_next (r, &seg, &err))
    {
      if (!opt_include_moderator && !vb_role_is_counted (seg->role))
        {
          skipped_roles++;
          vb_segment_free (seg);
          continue;
        }
      double rank = 0;
      if (scorer)
        {
          vb_model_score (scorer, seg, scores);
          rank = G_MAXDOUBLE;
          for (guint k = 0; k < model->codes->len; k++)
            {
              const VbModelCode *c = model->codes->pdata[k];
              rank = MIN (rank, fabs (scores[k] - c->threshold));
            }
        }
      if (!vb_sampler_add_ranked (s, seg, rank, vb_stream_reader_path (r), &err))
        return cli_fail ("sample", err);
    }
  if (err)
    return cli_fail ("sample", err);
  if (opt_exclude && vb_sampler_n_excluded (s) == 0 && vb_sampler_n_seen (s) > 0)
    cli_warning ("sample", "none of the %" G_GUINT64_FORMAT " segments of --exclude is in %s: "
                 "were they read back with --id document --segment-col segment?",
                 vb_sampler_n_exclude_keys (s), vb_stream_reader_path (r));
  g_autoptr (GPtrArray) picked = vb_sampler_finish (s);
  g_autoptr (GString) out = g_string_new (NULL);
  write_sheet (picked, keys, out);
  int status = cli_write_output ("sample", opt_output, out);
  if (status != CLI_OK || opt_quiet)
    return status;
  g_autoptr (GString) line = g_string_new (NULL);
  g_string_printf (line, "%" G_GUINT64_FORMAT " segments read, %" G_GUINT64_FORMAT
                   " left out as coded, %u sampled", vb_sampler_n_seen (s) + skipped_roles,
                   vb_sampler_n_excluded (s),
                   picked->len);
  if (skipped_roles)
    g_string_append_printf (line, " (%" G_GUINT64_FORMAT " moderators' and interviewers' "
                            "segments not sampled)", skipped_roles);
  if (opt_stratify)
    {
      const GArray *st = vb_sampler_strata (s);
      g_string_append_printf (line, "; by %s:", opt_stratify);
      for (guint i = 0; i < st->len; i++)
        {
          const VbStratum *x = &g_array_index (st, VbStratum, i);
          g_string_append_printf (line, "%s %s %u of %" G_GUINT64_FORMAT, i ? "," : "", x->value,
                                  x->quota, x->size);
        }
    }
  fprintf (stderr, "verba sample: %s\n", line->str);
  return CLI_OK;
}
