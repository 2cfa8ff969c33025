/* verba code: apply a codebook's rules to a segments stream. */
#include "builtin.h"
#include "cli.h"
#include "code/vb-coder-pool.h"
#include "code/vb-corrections.h"
#include "learn/vb-model.h"

#include <errno.h>
#include <string.h>

static char **opt_codebooks = NULL;
static char *opt_output = NULL;
static gboolean opt_long = FALSE;
static gboolean opt_quiet = FALSE;
static gint opt_jobs = 0;
static char *opt_model = NULL;
static double opt_min_score = -1;
static char *opt_corrections = NULL;

static GOptionEntry entries[] = {
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook file or bundled name (repeatable: codes are merged)", "CODEBOOK" },
  { "model", 'm', 0, G_OPTION_ARG_FILENAME, &opt_model,
    "Code with a learned model too (verba learn): codings model:NAME", "MODEL" },
  { "min-score", 0, 0, G_OPTION_ARG_DOUBLE, &opt_min_score,
    "With --model: code where the score reaches S instead of each code's threshold", "S" },
  { "corrections", 0, 0, G_OPTION_ARG_FILENAME, &opt_corrections,
    "Apply a corrections file (CSV: document, segment or text, code, action, who, why) "
    "after the rules and model; codings edit:WHO", "FILE" },
  { "long", 0, 0, G_OPTION_ARG_NONE, &opt_long,
    "One row per coding (code, span, rule, matched text) instead of per segment", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (atomically) instead of standard output", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No accounting line on stderr", NULL },
  { "jobs", 'j', 0, G_OPTION_ARG_INT, &opt_jobs,
    "Code on N threads, 0 to 1024 (default 0: one per processor); the output is the same",
    "N" },
  { NULL }
};

typedef struct {
  VbCoderPool    *pool;
  VbStreamWriter *writer;  /* per-segment output */
  FILE           *fp;      /* --long output */
  const char *const *keys;
  const VbCodebook *cb;
  guint n_read, n_coded;
  GString *line;
  const VbModel *model;  /* --model, or NULL */
  VbCorrections *corrections;  /* --corrections, or NULL */
} Run;

/* Each coding thread scores with a scorer of its own. */
static GPrivate scorer_key = G_PRIVATE_INIT ((GDestroyNotify) vb_model_scorer_free);

static VbModelScorer *
thread_scorer (const VbModel *m)
{
  VbModelScorer *s = g_private_get (&scorer_key);
  if (s == NULL)
    {
      /* The model's settings were checked when it was loaded. */
      s = vb_model_scorer_new (m, NULL);
      g_private_set (&scorer_key, s);
    }
  return s;
}

/* After the rules: the model's codings, which may read the rules', then
 * the researcher's corrections. */
static void
after_rules (GPtrArray *doc, gpointer data)
{
  Run *run = data;
  if (run->model)
    {
      VbModelScorer *s = thread_scorer (run->model);
      for (guint i = 0; i < doc->len; i++)
        vb_model_code_segment (s, doc->pdata[i], opt_min_score, NULL);
    }
  /* Last, so a correction has the final word over rules and model alike. */
  if (run->corrections)
    vb_corrections_apply (run->corrections, doc);
}

static void
write_long_header (Run *run)
{
  GString *h = run->line;
  g_string_assign (h, "document\tsegment\tspeaker\trole\tphase");
  for (guint i = 0; run->keys[i]; i++)
    {
      g_string_append_c (h, '\t');
      vb_field_escape (h, run->keys[i]);
    }
  g_string_append (h, run->model ? "\tcode\tkind\tstart\tend\tsource\tmatch\tscore\n"
                                  : "\tcode\tkind\tstart\tend\tsource\tmatch\n");
  fwrite (h->str, 1, h->len, run->fp);
}

/* A segment with no codings still gets a row, with an empty code, so the
 * long form accounts for every verbatim too. */
static void
write_long (Run *run, const VbSegment *seg, GString *l)
{
  guint n = seg->codings ? seg->codings->len : 0;
  /* The model's codings carry their score: computed again here, as the
   * stream's codings have no room for it. */
  g_autofree double *scores = NULL;
  g_autofree char *model_source = NULL;
  if (run->model)
    {
      scores = g_new (double, run->model->codes->len);
      vb_model_score (thread_scorer (run->model), seg, scores);
      model_source = g_strconcat ("model:", run->model->name, NULL);
    }
  for (guint k = 0; k < MAX (n, 1); k++)
    {
      const VbCoding *c = n ? &g_array_index (seg->codings, VbCoding, k) : NULL;
      vb_field_escape (l, seg->document);
      g_string_append_printf (l, "\t%u\t", seg->index);
      vb_field_escape (l, seg->speaker);
      g_string_append_printf (l, "\t%s\t%s", vb_role_to_string (seg->role),
                              vb_phase_to_string (seg->phase));
      for (guint i = 0; run->keys[i]; i++)
        {
          const char *v = vb_attrs_get (seg->attrs, run->keys[i]);
          g_string_append_c (l, '\t');
          vb_field_escape (l, v ? v : "");
        }
      if (c)
        {
          const VbCode *code = vb_codebook_lookup (run->cb, c->code);
          const char *from = g_utf8_offset_to_pointer (seg->text, c->start);
          const char *to = g_utf8_offset_to_pointer (seg->text, c->end);
          g_autofree char *match = g_strndup (from, to - from);
          g_string_append_c (l, '\t');
          vb_field_escape (l, c->code);
          g_string_append_printf (l, "\t%s\t%u\t%u\t",
                                  code && code->kind == VB_CODE_PRINCIPLE ? "principle" : "theme",
                                  c->start, c->end);
          vb_field_escape (l, c->source);
          g_string_append_c (l, '\t');
          vb_field_escape (l, match);
          if (run->model)
            {
              g_string_append_c (l, '\t');
              for (guint j = 0; strcmp (c->source, model_source) == 0
                                && j < run->model->codes->len; j++)
                if (strcmp (((VbModelCode *) run->model->codes->pdata[j])->id, c->code) == 0)
                  g_string_append_printf (l, "%.4f", scores[j]);
            }
        }
      else
        g_string_append (l, run->model ? "\t\t\t\t\t\t\t" : "\t\t\t\t\t\t");
      g_string_append_c (l, '\n');
    }
}

/* Runs in the coding threads: reads run, writes only to out. */
static void
format_document (GPtrArray *doc, GString *out, gpointer data)
{
  Run *run = data;
  for (guint i = 0; i < doc->len; i++)
    {
      if (opt_long)
        write_long (run, doc->pdata[i], out);
      else
        vb_stream_writer_format (run->writer, doc->pdata[i], out);
    }
}

/* Earlier rule codings are replaced; a human coder's are kept, and so are
 * earlier corrections unless a corrections file is given, which then says
 * again what they are.  Runs in the coding threads, on each segment as it
 * is parsed. */
static void
drop_rule_codings (VbSegment *seg, gpointer data)
{
  Run *run = data;
  if (seg->codings == NULL)
    return;
  for (guint i = seg->codings->len; i-- > 0;)
    {
      const char *source = g_array_index (seg->codings, VbCoding, i).source;
      if (g_str_has_prefix (source, "rule:")
          || (run->corrections && g_str_has_prefix (source, "edit:")))
        g_array_remove_index (seg->codings, i);
    }
}

/* Copies what was held back to out, and closes held. */
static gboolean
copy_held (FILE *held, FILE *out, GError **error)
{
  char buf[65536];
  size_t n;
  gboolean ok = fflush (held) == 0 && fseek (held, 0, SEEK_SET) == 0;
  while (ok && (n = fread (buf, 1, sizeof buf, held)) > 0)
    ok = fwrite (buf, 1, n, out) == n;
  ok = ok && !ferror (held);
  int e = errno;
  fclose (held);
  if (!ok)
    g_set_error (error, VB_ERROR, VB_ERROR_IO, "writing standard output: %s", g_strerror (e));
  return ok;
}

int
builtin_code (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[SEGMENTS|-]", "Apply a codebook's rules to a segments stream.",
      "Every input segment is written out with its codes, spans and the rule\n"
      "that fired (see verba-formats(5)).  Bundled codebooks: seven-principles,\n"
      "public-standards, stakeholder-standards, public-service-values,\n"
      "consultation-stance.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  /* GOption wants "-j 4"; make and xargs users type "-j4". */
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < argc; i++)
    {
      if (i > 0 && strncmp (argv[i], "-j", 2) == 0 && g_ascii_isdigit (argv[i][2]))
        {
          g_ptr_array_add (args, g_strdup ("-j"));
          g_ptr_array_add (args, g_strdup (argv[i] + 2));
        }
      else
        g_ptr_array_add (args, g_strdup (argv[i]));
      if (strcmp (argv[i], "--") == 0)
        for (i++; i < argc; i++)
          g_ptr_array_add (args, g_strdup (argv[i]));
    }
  g_ptr_array_add (args, NULL);
  /* args owns the strings; option parsing reorders this copy of the list. */
  g_autofree char **arg_v = g_memdup2 (args->pdata, args->len * sizeof (char *));
  argc = (int) args->len - 1;
  argv = arg_v;
  if (!cli_parse (ctx, "code", &argc, &argv))
    return CLI_USAGE;
  if (opt_codebooks == NULL && opt_model == NULL)
    {
      cli_error ("code", "a codebook or a model is required: -c CODEBOOK, --model MODEL or "
                 "both (see 'verba code --help')");
      return CLI_USAGE;
    }
  if (opt_min_score >= 0 && opt_model == NULL)
    {
      cli_error ("code", "--min-score is for --model");
      return CLI_USAGE;
    }
  if (opt_model && opt_min_score >= 1)
    {
      cli_error ("code", "--min-score %g: give a score from 0 to 1", opt_min_score);
      return CLI_USAGE;
    }
  if (opt_jobs < 0)
    {
      cli_error ("code", "-j needs a number of threads: 1 or more, or 0 for one per processor (see 'verba code --help')");
      return CLI_USAGE;
    }
  if (!cli_option_in_range ("code", "-j", opt_jobs, 0, CLI_MAX_JOBS))
    return CLI_USAGE;
  if (argc > 2)
    {
      cli_error ("code", "one input stream at a time (see 'verba code --help')");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCodebook) cb = opt_codebooks ? cli_load_codebooks (opt_codebooks, &err)
                                             : vb_codebook_new ("none", NULL);
  if (cb == NULL)
    return cli_fail ("code", err);
  g_autoptr (VbModel) model = NULL;
  if (opt_model)
    {
      model = vb_model_load (opt_model, &err);
      if (model == NULL || !vb_model_check_codebook (model, opt_model, opt_codebooks ? cb : NULL,
                                                     &err))
        return cli_fail ("code", err);
      g_autoptr (VbModelScorer) check = vb_model_scorer_new (model, &err);
      if (check == NULL)
        {
          g_prefix_error (&err, "%s: ", opt_model);
          return cli_fail ("code", err);
        }
    }
  /* The stream lists the rules' codes, then the model's. */
  g_autoptr (VbCodebook) listed = vb_codebook_new (vb_codebook_id (cb), vb_codebook_title (cb));
  vb_codebook_merge (listed, cb, NULL);
  for (guint i = 0; model && i < model->codes->len; i++)
    {
      const VbModelCode *mc = model->codes->pdata[i];
      vb_codebook_add (listed, mc->id, VB_CODE_THEME, mc->label, NULL, NULL);
    }
  g_autoptr (VbCorrections) corrections = NULL;
  if (opt_corrections)
    {
      corrections = vb_corrections_load (opt_corrections, listed, &err);
      if (corrections == NULL)
        return cli_fail ("code", err);
    }
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (argc > 1 ? argv[1] : "-", &err);
  if (r == NULL)
    return cli_fail ("code", err);

  VbOutput *out = vb_output_open (opt_output, &err);
  if (out == NULL)
    return cli_fail ("code", err);
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
  /* A correction that matches nothing is only known at the end of the
   * stream: standard output is held back in a temporary file until then,
   * so a failed run writes nothing there either. */
  FILE *held = NULL;
  if (corrections && (opt_output == NULL || strcmp (opt_output, "-") == 0))
    {
      held = tmpfile ();
      if (held == NULL)
        {
          int e = errno;
          vb_output_abort (out);
          g_set_error (&err, VB_ERROR, VB_ERROR_IO, "cannot make a temporary file: %s",
                       g_strerror (e));
          return cli_fail ("code", err);
        }
    }
  Run run = { NULL, NULL, held ? held : vb_output_fp (out), vb_stream_reader_attr_keys (r), listed, 0, 0,
              g_string_new (NULL), model, corrections };
  if (opt_long)
    write_long_header (&run);
  else
    run.writer = vb_stream_writer_new (run.fp, run.keys, TRUE, listed);
  run.pool = vb_coder_pool_new (coder, (guint) opt_jobs, format_document, &run, run.fp);

  /* The reading thread only splits lines and groups them by document;
   * the coding threads parse them, so -j N scales. */
  vb_coder_pool_read_lines (run.pool, r, drop_rule_codings);
  if (model || corrections)
    vb_coder_pool_after_coding (run.pool, after_rules, &run);
  /* The direct lane writes the same bytes as the general path; the
   * variable is there for tests that compare the two.  Its rows never
   * become segments, so model and corrections take the general path. */
  if (!opt_long && model == NULL && corrections == NULL && g_getenv ("VERBA_NO_DIRECT") == NULL)
    {
      /* Words only: the lane finds them itself; other rules: the lane
       * evaluates them as the general path does, and saves the segment. */
      VbDirect *d = vb_direct_new (cb, vb_coder_matcher (coder), r);
      if (d == NULL)
        d = vb_direct_new_rules (cb, vb_coder_matcher (coder), r);
      vb_coder_pool_direct (run.pool, d);
    }
  g_autoptr (GString) cur_doc = g_string_new (NULL);
  VbProgress *progress = cli_progress_wanted (opt_quiet)
    ? vb_progress_new (stderr, "verba code", "segments",
                       vb_progress_size_of (argc > 1 ? argv[1] : "-"), 250000) : NULL;
  gboolean ok = TRUE;
  const char *line;
  gsize len;
  guint line_no;
  while (ok && vb_stream_reader_next_line (r, &line, &len, &line_no, &err))
    {
      run.n_read++;
      /* Segments of a document arrive together; document-scope rules need
       * the whole document before any of it is written. */
      gsize dlen;
      const char *d = vb_stream_reader_document_of (r, line, len, &dlen);
      gboolean doc_start = run.n_read == 1 || dlen != cur_doc->len
                           || memcmp (d, cur_doc->str, dlen) != 0;
      if (doc_start)
        g_string_overwrite_len (g_string_truncate (cur_doc, 0), 0, d, (gssize) dlen);
      ok = vb_coder_pool_push_line (run.pool, line, len, line_no,
                                    vb_stream_reader_line_start (r), doc_start, &err);
      if (progress && run.n_read % 256 == 0)
        vb_progress_update (progress, run.n_read, vb_stream_reader_bytes_read (r));
    }
  vb_progress_done (progress);
  if (ok && err != NULL)
    {
      /* A line before the one that could not be read may not parse
       * either: its message comes first, as it would without threads. */
      g_autoptr (GError) earlier = NULL;
      if (!vb_coder_pool_finish (run.pool, &earlier))
        {
          g_clear_error (&err);
          err = g_steal_pointer (&earlier);
        }
      ok = FALSE;
    }
  if (ok)
    ok = vb_coder_pool_finish (run.pool, &err);
  /* A correction that found nothing to correct means the file and the
   * stream have parted: nothing is written until they agree again. */
  if (ok && corrections)
    ok = vb_corrections_check (corrections, &err);
  run.n_coded = vb_coder_pool_n_coded (run.pool);
  vb_coder_pool_free (run.pool);
  /* This thread's scorer (-j 1), before the model goes. */
  g_private_replace (&scorer_key, NULL);
  vb_stream_writer_free (run.writer);
  g_string_free (run.line, TRUE);
  if (!ok || err != NULL)
    {
      if (held)
        fclose (held);
      vb_output_abort (out);
      return cli_fail ("code", err);
    }
  if (held && !copy_held (held, vb_output_fp (out), &err))
    {
      vb_output_abort (out);
      return cli_fail ("code", err);
    }
  if (!vb_output_commit (out, &err))
    return cli_fail ("code", err);
  /* Nothing is rejected here: a row code cannot read stops the run with its
   * line number, so "0 rejected" is what a successful run always reports. */
  if (!opt_quiet)
    fprintf (stderr, "verba code: %u segments read, %u coded, %u uncoded, 0 rejected%s\n",
             run.n_read, run.n_coded, run.n_read - run.n_coded,
             corrections ? "; corrections applied" : "");
  return CLI_OK;
}
