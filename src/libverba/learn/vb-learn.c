/* vb-learn.c: examples from coded streams, training with LIBLINEAR, and
 * cross-validation. */
#include "learn/vb-learn.h"
#include "base/vb-error.h"
#include "code/vb-coder.h"
#include "stream/vb-stream.h"

#include <linear.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A feature of one example: its id among every feature seen, its count. */
typedef struct {
  guint id;
  guint count;
} Term;

typedef struct {
  char   *document;
  Term   *terms;     /* sorted by id */
  guint   n_terms;
  guint8 *has;       /* has[k]: the coder gave it code k */
  guint   seg;       /* its segment in VbLearnData.segments */
  guint   input;     /* the input it came from */
} Example;

struct _VbLearnData {
  char      *coder;
  GPtrArray *codes;        /* char* code ids, those with enough examples */
  GPtrArray *labels;       /* char* labels, beside codes */
  GArray    *examples;     /* Example */
  GPtrArray *features;     /* id -> char* */
  GPtrArray *inputs;       /* "SHA256 PATH" */
  char      *codebook_id;
  char      *codebook_sha256;
  GStrv      attr_keys;    /* of the first stream */
  GPtrArray *segments;     /* VbSegment*, kept for --folds-by ATTR */
  GStrv      paths;        /* the inputs, for messages */
};

void
vb_learn_options_init (VbLearnOptions *o)
{
  memset (o, 0, sizeof *o);
  o->min_examples = 10;
  o->seed = 1;
  vb_feature_settings_init (&o->features);
  /* On the NHS coding (validity/RESULTS.md) the SVM's micro F1 was 0.72
   * to logistic regression's 0.66, at the same macro F1. */
  o->solver = "svm-dual";
  o->C = 1.0;
  o->class_weight = "balanced";
  o->eps = 0;
  o->thresholds = VB_THRESHOLDS_DEFAULT;
}

static void
example_clear (gpointer p)
{
  Example *e = p;
  g_free (e->document);
  g_free (e->terms);
  g_free (e->has);
}

void
vb_learn_data_free (VbLearnData *d)
{
  if (d == NULL)
    return;
  g_free (d->coder);
  g_ptr_array_unref (d->codes);
  g_ptr_array_unref (d->labels);
  g_array_unref (d->examples);
  g_ptr_array_unref (d->features);
  g_ptr_array_unref (d->inputs);
  g_free (d->codebook_id);
  g_free (d->codebook_sha256);
  g_strfreev (d->attr_keys);
  g_strfreev (d->paths);
  if (d->segments)
    g_ptr_array_unref (d->segments);
  g_free (d);
}

guint vb_learn_data_n_examples (const VbLearnData *d) { return d->examples->len; }
guint vb_learn_data_n_codes (const VbLearnData *d) { return d->codes->len; }
const char *vb_learn_data_code (const VbLearnData *d, guint k) { return d->codes->pdata[k]; }
const char *vb_learn_data_coder (const VbLearnData *d) { return d->coder; }

static char *
file_sha256 (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (strcmp (path, "-") == 0 || !g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("-");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* Sorts n terms by id (ids differ), a byte of the id a pass, as many
 * passes as the largest id has bytes: a comparison sort calling back for
 * each comparison was a quarter of learning's work outside LIBLINEAR. */
static void
sort_terms (Term *t, Term *tmp, guint n)
{
  guint max = 0;
  for (guint i = 0; i < n; i++)
    max = MAX (max, t[i].id);
  Term *from = t, *to = tmp;
  for (guint shift = 0; shift < 32 && (max >> shift) != 0; shift += 8)
    {
      guint at[257] = { 0 };
      for (guint i = 0; i < n; i++)
        at[((from[i].id >> shift) & 255) + 1]++;
      for (guint b = 0; b < 256; b++)
        at[b + 1] += at[b];
      for (guint i = 0; i < n; i++)
        to[at[(from[i].id >> shift) & 255]++] = from[i];
      Term *x = from;
      from = to;
      to = x;
    }
  if (from != t)
    memcpy (t, from, n * sizeof (Term));
}

/* Codes one document's segments with the codebook's rules (rule features). */
static void
code_rules (VbCoder *coder, GPtrArray *doc)
{
  for (guint i = 0; i < doc->len; i++)
    {
      VbSegment *seg = doc->pdata[i];
      if (seg->codings == NULL)
        continue;
      for (guint k = seg->codings->len; k-- > 0;)
        if (g_str_has_prefix (g_array_index (seg->codings, VbCoding, k).source, "rule:"))
          g_array_remove_index (seg->codings, k);
    }
  vb_coder_code_document (coder, doc);
}

VbLearnData *
vb_learn_data_read (const char *const *paths, const VbLearnOptions *o, VbLearnWarn warn,
                    gpointer warn_data, GError **error)
{
  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  g_autoptr (GArray) seg_input = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (VbCodebook) code_list = vb_codebook_new ("stream", NULL);
  g_autoptr (GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (VbCoder) coder = o->features.rules && o->codebook ? vb_coder_new (o->codebook) : NULL;
  g_auto (GStrv) attr_keys = NULL;
  for (guint p = 0; paths[p]; p++)
    {
      g_autoptr (VbStreamReader) r = vb_stream_reader_open (paths[p], error);
      if (r == NULL)
        return NULL;
      if (attr_keys == NULL)
        attr_keys = g_strdupv ((char **) vb_stream_reader_attr_keys (r));
      if (vb_stream_reader_codebook (r))
        vb_codebook_merge (code_list, vb_stream_reader_codebook (r), NULL);
      g_autoptr (GPtrArray) doc = g_ptr_array_new ();
      VbSegment *seg = NULL;
      while (vb_stream_reader_next (r, &seg, error))
        {
          if (coder && doc->len && strcmp (((VbSegment *) doc->pdata[0])->document,
                                           seg->document) != 0)
            {
              code_rules (coder, doc);
              g_ptr_array_set_size (doc, 0);
            }
          g_ptr_array_add (segs, seg);
          g_array_append_val (seg_input, p);
          g_ptr_array_add (doc, seg);
        }
      if (error && *error)
        return NULL;
      if (coder && doc->len)
        code_rules (coder, doc);
      g_autofree char *sum = file_sha256 (paths[p]);
      g_ptr_array_add (inputs, g_strdup_printf ("%s %s", sum, paths[p]));
    }

  /* The coder: named, or the only one there is. */
  g_autoptr (GPtrArray) coders = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        {
          const char *src = g_array_index (seg->codings, VbCoding, k).source;
          if (g_str_has_prefix (src, "coder:")
              && !g_ptr_array_find_with_equal_func (coders, src + 6, g_str_equal, NULL))
            g_ptr_array_add (coders, g_strdup (src + 6));
        }
    }
  if (coders->len == 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s: no human codings (coder:NAME) to learn from: import a coded sheet "
                   "(import -f csv --codes-col or --code-cols) or a REFI-QDA project",
                   paths[1] ? "the inputs" : paths[0]);
      return NULL;
    }
  const char *who = o->coder;
  if (who == NULL && coders->len > 1)
    {
      g_ptr_array_add (coders, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) coders->pdata);
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "the inputs hold the codings of several coders (%s): name one with --coder",
                   list);
      return NULL;
    }
  if (who == NULL)
    who = coders->pdata[0];
  else if (!g_ptr_array_find_with_equal_func (coders, who, g_str_equal, NULL))
    {
      g_ptr_array_add (coders, NULL);
      g_autofree char *list = g_strjoinv (", ", (char **) coders->pdata);
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "no codings by coder '%s' (coders: %s)",
                   who, list);
      return NULL;
    }
  g_autofree char *source = g_strconcat ("coder:", who, NULL);

  /* The documents the coder coded, and the codes in the order the streams
   * list them, then as first used. */
  g_autoptr (GHashTable) judged = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) support = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        {
          const VbCoding *c = &g_array_index (seg->codings, VbCoding, k);
          if (strcmp (c->source, source) != 0)
            continue;
          g_hash_table_add (judged, seg->document);
          if (!g_hash_table_contains (support, c->code))
            g_ptr_array_add (used, g_strdup (c->code));
        }
      /* Support counts segments, not codings. */
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        {
          const VbCoding *c = &g_array_index (seg->codings, VbCoding, k);
          if (strcmp (c->source, source) != 0 || !g_hash_table_add (seen, c->code))
            continue;
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (support, c->code));
          g_hash_table_insert (support, g_strdup (c->code), GUINT_TO_POINTER (n + 1));
        }
    }
  g_autoptr (GPtrArray) wanted = g_ptr_array_new ();
  if (o->codes)
    {
      for (guint i = 0; o->codes[i]; i++)
        g_ptr_array_add (wanted, (gpointer) o->codes[i]);
    }
  else
    {
      for (guint i = 0; i < vb_codebook_n_codes (code_list); i++)
        {
          const char *id = vb_codebook_code (code_list, i)->id;
          if (g_hash_table_contains (support, id))
            g_ptr_array_add (wanted, (gpointer) id);
        }
      for (guint i = 0; i < used->len; i++)
        if (!g_ptr_array_find_with_equal_func (wanted, used->pdata[i], g_str_equal, NULL))
          g_ptr_array_add (wanted, used->pdata[i]);
    }

  /* Every segment is an example, unless only the coder's documents are. */
  if (!o->coded_documents_only)
    for (guint i = 0; i < segs->len; i++)
      g_hash_table_add (judged, ((VbSegment *) segs->pdata[i])->document);
  guint n_examples = 0;
  for (guint i = 0; i < segs->len; i++)
    n_examples += g_hash_table_contains (judged, ((VbSegment *) segs->pdata[i])->document);

  VbLearnData *d = g_new0 (VbLearnData, 1);
  d->coder = g_strdup (who);
  d->codes = g_ptr_array_new_with_free_func (g_free);
  d->labels = g_ptr_array_new_with_free_func (g_free);
  d->inputs = g_steal_pointer (&inputs);
  d->attr_keys = g_steal_pointer (&attr_keys);
  d->paths = g_strdupv ((char **) paths);
  g_autoptr (GString) skipped = g_string_new (NULL);
  guint n_skipped = 0;
  for (guint i = 0; i < wanted->len; i++)
    {
      const char *id = wanted->pdata[i];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (support, id));
      if (n < MAX (o->min_examples, 1) || n >= n_examples)
        {
          g_string_append_printf (skipped, "%s%s (%u)", skipped->len ? ", " : "", id, n);
          n_skipped++;
          continue;
        }
      const VbCode *code = vb_codebook_lookup (code_list, id);
      g_ptr_array_add (d->codes, g_strdup (id));
      g_ptr_array_add (d->labels, g_strdup (code && code->label ? code->label : id));
    }
  if (n_skipped && warn)
    {
      g_autofree char *msg = g_strdup_printf (
        "%u code%s skipped, with fewer than %u examples (or nothing but): %s", n_skipped,
        n_skipped == 1 ? "" : "s", MAX (o->min_examples, 1), skipped->str);
      warn (warn_data, msg);
    }
  if (o->codebook && o->features.rules)
    {
      d->codebook_id = g_strdup (vb_codebook_id (o->codebook));
      d->codebook_sha256 = vb_model_codebook_sha256 (o->codebook);
    }

  /* Features, counted once; each fit chooses its own vocabulary. */
  g_autoptr (VbFeaturizer) f = vb_featurizer_new (&o->features, error);
  if (f == NULL)
    {
      vb_learn_data_free (d);
      return NULL;
    }
  d->features = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (VbFeatureTable) ids = vb_feature_table_new ();
  d->examples = g_array_sized_new (FALSE, TRUE, sizeof (Example), n_examples);
  g_array_set_clear_func (d->examples, example_clear);
  g_autoptr (GArray) terms = g_array_new (FALSE, FALSE, sizeof (Term));
  g_autoptr (GArray) id_of = g_array_new (FALSE, FALSE, sizeof (gint));
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      if (!g_hash_table_contains (judged, seg->document))
        continue;
      Example e = { 0 };
      e.document = g_strdup (seg->document);
      e.seg = i;
      e.input = g_array_index (seg_input, guint, i);
      e.has = g_new0 (guint8, MAX (d->codes->len, 1));
      for (guint k = 0; k < d->codes->len; k++)
        for (guint c = 0; seg->codings && c < seg->codings->len; c++)
          {
            const VbCoding *cd = &g_array_index (seg->codings, VbCoding, c);
            if (strcmp (cd->source, source) == 0 && strcmp (cd->code, d->codes->pdata[k]) == 0)
              e.has[k] = 1;
          }
      guint nf;
      const VbFeature *feats = vb_featurizer_count (f, seg, &nf);
      const char *bytes = vb_featurizer_bytes (f);
      g_array_set_size (id_of, nf);
      gint *id = (gint *) id_of->data;
      guint n_new = 0;
      for (guint j = 0; j < nf; j++)
        {
          const VbFeature *x = &feats[j];
          id[j] = vb_feature_table_find (ids, x->hash, x->group, bytes + x->at, x->len);
          n_new += id[j] < 0;
        }
      /* New features are numbered in the order feature ids have always
       * had (vb_featurizer_table_order): the vocabulary's order in the
       * model file, and the order LIBLINEAR sums in. */
      const guint *order = n_new > 1 ? vb_featurizer_table_order (f) : NULL;
      for (guint j = 0; n_new && j < nf; j++)
        {
          guint at = order ? order[j] : j;
          if (id[at] >= 0)
            continue;
          char *str = vb_feature_string (f, &feats[at]);
          g_ptr_array_add (d->features, str);
          id[at] = (gint) vb_feature_table_add (ids, str);
        }
      g_array_set_size (terms, 2 * nf);
      Term *t = (Term *) terms->data;
      for (guint j = 0; j < nf; j++)
        t[j] = (Term) { (guint) id[j], feats[j].count };
      sort_terms (t, t + nf, nf);
      g_array_set_size (terms, nf);
      e.n_terms = terms->len;
      e.terms = g_memdup2 (terms->data, terms->len * sizeof (Term));
      g_array_append_val (d->examples, e);
    }
  /* Kept for the fold attribute. */
  d->segments = g_steal_pointer (&segs);
  return d;
}

/* One fit: a vocabulary chosen from the training examples, and a weight
 * vector a code over it. */
typedef struct {
  guint   n_cols;
  guint  *col_of;   /* feature id -> 1-based column, 0: not kept */
  guint  *feat_of;  /* column - 1 -> feature id */
  double *idf;      /* column - 1 -> idf */
  double **w;       /* [code][column - 1] */
  double *bias;     /* [code] */
} Fit;

static void
fit_free (Fit *fit, guint n_codes)
{
  g_free (fit->col_of);
  g_free (fit->feat_of);
  g_free (fit->idf);
  for (guint k = 0; fit->w && k < n_codes; k++)
    g_free (fit->w[k]);
  g_free (fit->w);
  g_free (fit->bias);
}

static void
quiet (const char *s)
{
  (void) s;
}

/* The example's tf-idf vector over the fit's columns, L2-normalised, with
 * the constant feature last if bias > 0 and the terminator. */
static struct feature_node *
vectorize (const Fit *fit, const Example *e, double bias)
{
  struct feature_node *x = g_new (struct feature_node, e->n_terms + 2);
  guint n = 0;
  double norm = 0;
  for (guint i = 0; i < e->n_terms; i++)
    {
      guint col = fit->col_of[e->terms[i].id];
      if (col == 0)
        continue;
      double v = vb_tfidf (e->terms[i].count, fit->idf[col - 1]);
      x[n].index = (int) col;
      x[n].value = v;
      norm += v * v;
      n++;
    }
  norm = norm > 0 ? sqrt (norm) : 1;
  for (guint i = 0; i < n; i++)
    x[i].value /= norm;
  /* Columns follow feature ids in the order they were kept, so the
   * vector is sorted as LIBLINEAR wants it. */
  if (bias > 0)
    {
      x[n].index = (int) fit->n_cols + 1;
      x[n].value = bias;
      n++;
    }
  x[n].index = -1;
  x[n].value = 0;
  return x;
}

/* lr and svm: the primal solvers (trust-region Newton, no randomness),
 * as scikit-learn's LogisticRegression(solver="liblinear"); the -dual
 * forms: coordinate descent in the dual, as LinearSVC. */
static int
solver_type (const char *name)
{
  if (strcmp (name, "svm") == 0)
    return L2R_L2LOSS_SVC;
  if (strcmp (name, "svm-dual") == 0)
    return L2R_L2LOSS_SVC_DUAL;
  if (strcmp (name, "lr-dual") == 0)
    return L2R_LR_DUAL;
  return L2R_LR;
}

gboolean
vb_learn_solver_known (const char *name)
{
  return g_strv_contains ((const char *const[]) { "lr", "lr-dual", "svm", "svm-dual", NULL },
                          name);
}

typedef struct {
  const VbLearnData *d;
  const VbLearnOptions *o;
  const guint *rows;
  guint n_rows;
  struct feature_node **x;
  Fit *fit;
  double bias;
} TrainJob;

static void
train_code (TrainJob *job, guint k)
{
  const VbLearnOptions *o = job->o;
  guint n = job->n_rows;
  g_autofree double *y = g_new (double, n);
  guint npos = 0;
  for (guint i = 0; i < n; i++)
    {
      const Example *e = &g_array_index (job->d->examples, Example, job->rows[i]);
      y[i] = e->has[k] ? 1 : -1;
      npos += e->has[k];
    }
  struct problem prob = { (int) n, (int) job->fit->n_cols + (job->bias > 0), y, job->x,
                          job->bias > 0 ? job->bias : -1 };
  int labels[2] = { 1, -1 };
  double weights[2] = { 1, 1 };
  struct parameter param = { 0 };
  param.solver_type = solver_type (o->solver);
  gboolean dual = param.solver_type == L2R_LR_DUAL || param.solver_type == L2R_L2LOSS_SVC_DUAL;
  /* LIBLINEAR's own defaults (its train command's): 0.01 primal, 0.1 dual. */
  param.eps = o->eps > 0 ? o->eps : dual ? 0.1 : 0.01;
  param.C = o->C;
  if (strcmp (o->class_weight, "balanced") == 0 && npos > 0 && npos < n)
    {
      /* scikit-learn's "balanced": n / (2 n_class). */
      weights[0] = (double) n / (2.0 * npos);
      weights[1] = (double) n / (2.0 * (n - npos));
      param.nr_weight = 2;
      param.weight_label = labels;
      param.weight = weights;
    }
  guint nc = job->fit->n_cols;
  job->fit->w[k] = g_new0 (double, MAX (nc, 1));
  if (npos == 0 || npos == n)
    {
      /* One class only (a small fold): a constant score. */
      job->fit->bias[k] = npos ? 10 : -10;
      return;
    }
  /* The dual solvers visit examples in an order drawn with rand(): one
   * training at a time, each from the seed, so threads change nothing. */
  static GMutex dual_lock;
  if (dual)
    {
      g_mutex_lock (&dual_lock);
      srand ((unsigned) o->seed);
    }
  struct model *model = train (&prob, &param);
  if (dual)
    g_mutex_unlock (&dual_lock);
  /* LIBLINEAR's w scores its first label; make it score the code. */
  double sign = model->label[0] == 1 ? 1 : -1;
  for (guint j = 0; j < nc; j++)
    job->fit->w[k][j] = sign * model->w[j];
  job->fit->bias[k] = job->bias > 0 ? sign * model->w[nc] : 0;
  free_and_destroy_model (&model);
}

static void
train_worker (gpointer data, gpointer user)
{
  train_code (user, GPOINTER_TO_UINT (data) - 1);
}

/* Fits every code on the given examples. */
static void
fit_rows (const VbLearnData *d, const VbLearnOptions *o, const guint *rows, guint n_rows,
          Fit *fit)
{
  guint nf = d->features->len;
  g_autofree guint *df = g_new0 (guint, MAX (nf, 1));
  for (guint i = 0; i < n_rows; i++)
    {
      const Example *e = &g_array_index (d->examples, Example, rows[i]);
      for (guint t = 0; t < e->n_terms; t++)
        df[e->terms[t].id]++;
    }
  fit->col_of = g_new0 (guint, MAX (nf, 1));
  fit->feat_of = g_new (guint, MAX (nf, 1));
  fit->idf = g_new (double, MAX (nf, 1));
  fit->n_cols = 0;
  for (guint id = 0; id < nf; id++)
    if (df[id] >= MAX (o->features.min_df, 1))
      {
        fit->feat_of[fit->n_cols] = id;
        fit->idf[fit->n_cols] = vb_idf (n_rows, df[id]);
        fit->col_of[id] = ++fit->n_cols;
      }
  guint nk = d->codes->len;
  fit->w = g_new0 (double *, MAX (nk, 1));
  fit->bias = g_new0 (double, MAX (nk, 1));
  double bias = 1.0;
  g_autofree struct feature_node **x = g_new (struct feature_node *, MAX (n_rows, 1));
  for (guint i = 0; i < n_rows; i++)
    x[i] = vectorize (fit, &g_array_index (d->examples, Example, rows[i]), bias);
  set_print_string_function (quiet);
  TrainJob job = { d, o, rows, n_rows, x, fit, bias };
  guint threads = o->n_threads ? o->n_threads : g_get_num_processors ();
  if (threads > 1 && nk > 1)
    {
      GThreadPool *pool = g_thread_pool_new (train_worker, &job, (gint) MIN (threads, nk),
                                             TRUE, NULL);
      for (guint k = 0; k < nk; k++)
        g_thread_pool_push (pool, GUINT_TO_POINTER (k + 1), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }
  else
    for (guint k = 0; k < nk; k++)
      train_code (&job, k);
  for (guint i = 0; i < n_rows; i++)
    g_free (x[i]);
}

/* Scores (logistic of the decision value) of examples under a fit. */
static void
score_rows (const VbLearnData *d, const Fit *fit, const guint *rows, guint n_rows,
            double *scores /* [row * n_codes + k] */)
{
  guint nk = d->codes->len;
  for (guint i = 0; i < n_rows; i++)
    {
      g_autofree struct feature_node *x =
        vectorize (fit, &g_array_index (d->examples, Example, rows[i]), 0);
      for (guint k = 0; k < nk; k++)
        {
          double z = fit->bias[k];
          for (const struct feature_node *p = x; p->index > 0; p++)
            z += fit->w[k][p->index - 1] * p->value;
          scores[(gsize) i * nk + k] = 1.0 / (1.0 + exp (-z));
        }
    }
}

/* Shuffles 0..n-1 with the seed: the same seed, the same order. */
static guint *
shuffled (guint n, guint64 seed)
{
  guint *a = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    a[i] = i;
  g_autoptr (GRand) rand = g_rand_new_with_seed ((guint32) (seed ^ (seed >> 32)));
  for (guint i = n; i > 1; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i);
      guint t = a[i - 1];
      a[i - 1] = a[j];
      a[j] = t;
    }
  return a;
}

/* Fold (0..k-1) of each example, a document's examples together. */
static guint *
folds_by_document (const VbLearnData *d, guint k, guint64 seed, gboolean by_segment)
{
  guint n = d->examples->len;
  g_autoptr (GHashTable) doc_no = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *unit = g_new (guint, MAX (n, 1));
  guint n_units = 0;
  for (guint i = 0; i < n; i++)
    {
      const Example *e = &g_array_index (d->examples, Example, i);
      gpointer v;
      if (by_segment)
        unit[i] = n_units++;
      else if (g_hash_table_lookup_extended (doc_no, e->document, NULL, &v))
        unit[i] = GPOINTER_TO_UINT (v);
      else
        {
          g_hash_table_insert (doc_no, e->document, GUINT_TO_POINTER (n_units));
          unit[i] = n_units++;
        }
    }
  g_autofree guint *order = shuffled (n_units, seed);
  g_autofree guint *fold_of_unit = g_new (guint, MAX (n_units, 1));
  for (guint i = 0; i < n_units; i++)
    fold_of_unit[order[i]] = i % k;
  guint *fold = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    fold[i] = fold_of_unit[unit[i]];
  return fold;
}

typedef struct {
  guint64 tp, fp, fn, tn;
} Confusion;

static void
measure (const Confusion *c, double *p, double *r, double *f1, double *kappa)
{
  double tp = (double) c->tp, fp = (double) c->fp, fn = (double) c->fn, tn = (double) c->tn;
  double n = tp + fp + fn + tn;
  *p = tp + fp > 0 ? tp / (tp + fp) : 0;
  *r = tp + fn > 0 ? tp / (tp + fn) : 0;
  *f1 = 2 * tp + fp + fn > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
  double po = n > 0 ? (tp + tn) / n : 0;
  double pe = n > 0 ? ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n) : 0;
  *kappa = pe < 1 ? (po - pe) / (1 - pe) : 0;
}

/* Thresholds from out-of-fold scores: for F1 where it clearly beats 0.5,
 * or the lowest reaching a precision.  The candidates are the scores
 * themselves (and 0.5), swept from the highest down, so the counts at
 * each come from the one before: n log n, not n squared. */
typedef struct {
  double score;
  guint8 truth;
} Scored;

static gint
scored_desc (gconstpointer a, gconstpointer b)
{
  double x = ((const Scored *) a)->score, y = ((const Scored *) b)->score;
  return x > y ? -1 : x < y;
}

static double
pick_threshold (const double *score, const guint8 *truth, guint n, const VbLearnOptions *o,
                char **by)
{
  g_autofree Scored *sc = g_new (Scored, MAX (n, 1));
  guint total_pos = 0;
  Confusion half = { 0 };
  for (guint i = 0; i < n; i++)
    {
      sc[i].score = score[i];
      sc[i].truth = truth[i];
      total_pos += truth[i];
      gboolean yes = score[i] >= 0.5;
      if (yes && truth[i]) half.tp++;
      else if (yes) half.fp++;
      else if (truth[i]) half.fn++;
      else half.tn++;
    }
  qsort (sc, n, sizeof (Scored), scored_desc);
  double p, r, f1, kp;
  measure (&half, &p, &r, &f1, &kp);
  double at_half = f1, best_t = 0.5, best_f1 = f1;
  double prec_t = o->target_precision > 0 && half.tp + half.fp > 0 && p >= o->target_precision
                  ? 0.5 : NAN;
  guint64 tp = 0, fp = 0;
  for (guint i = 0; i < n;)
    {
      double t = sc[i].score;
      /* Every example scoring t is on the same side of it. */
      for (; i < n && sc[i].score == t; i++)
        {
          tp += sc[i].truth;
          fp += !sc[i].truth;
        }
      if (!(t > 0 && t < 1))
        continue;
      Confusion cf = { tp, fp, total_pos - tp, (n - total_pos) - fp };
      measure (&cf, &p, &r, &f1, &kp);
      if (f1 > best_f1 || (f1 == best_f1 && fabs (t - 0.5) < fabs (best_t - 0.5)))
        best_f1 = f1, best_t = t;
      if (o->target_precision > 0 && tp + fp > 0 && p >= o->target_precision
          && (isnan (prec_t) || t < prec_t))
        prec_t = t;
    }
  if (o->target_precision > 0)
    {
      *by = g_strdup_printf ("precision=%g", o->target_precision);
      /* None reaches it: code nothing rather than promise a precision. */
      return isnan (prec_t) ? 0.999999 : MIN (prec_t, 0.999999);
    }
  /* Measurably: two points of F1 on the inner folds, else keep 0.5. */
  if (best_f1 >= at_half + 0.02)
    {
      *by = g_strdup ("cv-f1");
      return MIN (MAX (best_t, 1e-6), 0.999999);
    }
  *by = g_strdup ("default");
  return 0.5;
}

/* Inner cross-validation (3 folds) on rows: the threshold of each code. */
static void
inner_thresholds (const VbLearnData *d, const VbLearnOptions *o, const guint *rows,
                  guint n_rows, double *thr, char **by)
{
  guint nk = d->codes->len;
  const guint K = 3;
  g_autofree double *oof = g_new (double, (gsize) MAX (n_rows, 1) * MAX (nk, 1));
  g_autofree guint *order = shuffled (n_rows, o->seed + 7);
  g_autofree guint *tr = g_new (guint, MAX (n_rows, 1));
  g_autofree guint *te = g_new (guint, MAX (n_rows, 1));
  g_autofree guint *te_pos = g_new (guint, MAX (n_rows, 1));
  for (guint f = 0; f < K; f++)
    {
      guint ntr = 0, nte = 0;
      for (guint i = 0; i < n_rows; i++)
        {
          if (order[i] % K == f)
            te_pos[nte] = i, te[nte++] = rows[i];
          else
            tr[ntr++] = rows[i];
        }
      Fit fit = { 0 };
      fit_rows (d, o, tr, ntr, &fit);
      g_autofree double *sc = g_new (double, (gsize) MAX (nte, 1) * MAX (nk, 1));
      score_rows (d, &fit, te, nte, sc);
      for (guint i = 0; i < nte; i++)
        for (guint k = 0; k < nk; k++)
          oof[(gsize) te_pos[i] * nk + k] = sc[(gsize) i * nk + k];
      fit_free (&fit, nk);
    }
  g_autofree double *s = g_new (double, MAX (n_rows, 1));
  g_autofree guint8 *t = g_new (guint8, MAX (n_rows, 1));
  for (guint k = 0; k < nk; k++)
    {
      for (guint i = 0; i < n_rows; i++)
        {
          s[i] = oof[(gsize) i * nk + k];
          t[i] = g_array_index (d->examples, Example, rows[i]).has[k];
        }
      thr[k] = pick_threshold (s, t, n_rows, o, &by[k]);
    }
}

static gboolean
want_inner (const VbLearnOptions *o)
{
  return o->thresholds == VB_THRESHOLDS_CV || o->target_precision > 0;
}

VbModel *
vb_learn_train (VbLearnData *d, const VbLearnOptions *o, GString *dump, GError **error)
{
  guint n = d->examples->len, nk = d->codes->len;
  if (nk == 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "no code has enough examples to learn from (--min-examples %u)",
                   MAX (o->min_examples, 1));
      return NULL;
    }
  g_autofree guint *rows = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    rows[i] = i;
  Fit fit = { 0 };
  fit_rows (d, o, rows, n, &fit);
  g_autofree double *thr = g_new (double, nk);
  g_autofree char **by = g_new0 (char *, nk + 1);
  if (want_inner (o))
    inner_thresholds (d, o, rows, n, thr, by);
  VbModel *m = vb_model_new ();
  m->coder = g_strdup (d->coder);
  vb_feature_settings_clear (&m->features);
  m->features = o->features;
  m->features.stems = g_strdup (o->features.stems);
  g_free (m->solver);
  m->solver = g_strdup (o->solver);
  m->C = o->C;
  m->bias = 1.0;
  g_free (m->class_weight);
  m->class_weight = g_strdup (o->class_weight);
  m->codebook_id = g_strdup (d->codebook_id);
  m->codebook_sha256 = g_strdup (d->codebook_sha256);
  m->n_examples = n;
  for (guint i = 0; i < d->inputs->len; i++)
    g_ptr_array_add (m->inputs, g_strdup (d->inputs->pdata[i]));
  for (guint c = 0; c < fit.n_cols; c++)
    vb_model_add_feature (m, d->features->pdata[fit.feat_of[c]], fit.idf[c]);
  for (guint k = 0; k < nk; k++)
    {
      VbModelCode *c = vb_model_add_code (m, d->codes->pdata[k], d->labels->pdata[k]);
      c->w = g_steal_pointer (&fit.w[k]);
      c->bias = fit.bias[k];
      for (guint i = 0; i < n; i++)
        c->support += g_array_index (d->examples, Example, i).has[k];
      if (by[k])
        {
          c->threshold = thr[k];
          g_free (c->threshold_by);
          c->threshold_by = by[k];
        }
    }
  if (dump)
    {
      g_string_append (dump, "row\tfeature\tvalue\n");
      for (guint i = 0; i < n; i++)
        {
          g_autofree struct feature_node *x =
            vectorize (&fit, &g_array_index (d->examples, Example, i), 0);
          for (const struct feature_node *p = x; p->index > 0; p++)
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];
              g_string_append_printf (dump, "%u\t", i + 1);
              vb_field_escape (dump, d->features->pdata[fit.feat_of[p->index - 1]]);
              g_string_append_printf (dump, "\t%s\n",
                                      g_ascii_dtostr (buf, sizeof buf, p->value));
            }
        }
    }
  fit_free (&fit, nk);
  return m;
}

void
vb_cv_rows_free (GPtrArray *rows)
{
  if (rows)
    g_ptr_array_unref (rows);
}

static void
cv_row_free (gpointer p)
{
  VbCvRow *r = p;
  g_free (r->code);
  g_free (r);
}

GPtrArray *
vb_learn_cross_validate (VbLearnData *d, const VbLearnOptions *o, guint k,
                         const char *folds_by, GError **error)
{
  guint n = d->examples->len, nk = d->codes->len;
  if (nk == 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "no code has enough examples to learn from (--min-examples %u)",
                   MAX (o->min_examples, 1));
      return NULL;
    }
  if (k < 2 || k > n)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "--cv %u: give 2 to %u folds", k, n);
      return NULL;
    }
  g_autofree guint *fold = NULL;
  if (folds_by == NULL || strcmp (folds_by, "document") == 0 || strcmp (folds_by, "segment") == 0)
    fold = folds_by_document (d, k, o->seed, g_strcmp0 (folds_by, "segment") == 0);
  else if (!vb_segment_field_is_virtual (folds_by)
           && !g_strv_contains ((const char *const *) d->attr_keys, folds_by))
    {
      g_autofree char *have = g_strjoinv (", ", d->attr_keys);
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "--folds-by %s: not document, segment or an attribute of %s (attributes: %s)",
                   folds_by, d->paths[0], *have ? have : "none");
      return NULL;
    }
  else
    {
      fold = g_new (guint, MAX (n, 1));
      for (guint j = 0; j < n; j++)
        {
          const Example *e = &g_array_index (d->examples, Example, j);
          const VbSegment *seg = d->segments->pdata[e->seg];
          const char *v = vb_segment_value (seg, folds_by);
          char *end = NULL;
          guint64 f = v ? g_ascii_strtoull (v, &end, 10) : 0;
          if (v == NULL || !g_ascii_isdigit (*v) || *end || f < 1 || f > k)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                           "%s:%u: document '%s': --folds-by %s: '%s' is not a fold "
                           "number 1 to %u", d->paths[e->input], seg->line, seg->document,
                           folds_by, v ? v : "", k);
              return NULL;
            }
          fold[j] = (guint) f - 1;
        }
    }
  g_autofree guint *tr = g_new (guint, MAX (n, 1));
  g_autofree guint *te = g_new (guint, MAX (n, 1));
  g_autofree Confusion *cf = g_new0 (Confusion, MAX (nk, 1));
  for (guint f = 0; f < k; f++)
    {
      guint ntr = 0, nte = 0;
      for (guint i = 0; i < n; i++)
        {
          if (fold[i] == f)
            te[nte++] = i;
          else
            tr[ntr++] = i;
        }
      if (nte == 0 || ntr == 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "fold %u of %u has no examples%s",
                       f + 1, k, ntr == 0 ? " to train on" : "");
          return NULL;
        }
      Fit fit = { 0 };
      fit_rows (d, o, tr, ntr, &fit);
      g_autofree double *thr = g_new (double, MAX (nk, 1));
      g_autofree char **by = g_new0 (char *, nk + 1);
      for (guint c = 0; c < nk; c++)
        thr[c] = 0.5;
      if (want_inner (o))
        inner_thresholds (d, o, tr, ntr, thr, by);
      g_strfreev (g_steal_pointer (&by));
      g_autofree double *sc = g_new (double, (gsize) nte * MAX (nk, 1));
      score_rows (d, &fit, te, nte, sc);
      for (guint i = 0; i < nte; i++)
        {
          const Example *e = &g_array_index (d->examples, Example, te[i]);
          for (guint c = 0; c < nk; c++)
            {
              gboolean yes = sc[(gsize) i * nk + c] >= thr[c];
              if (yes && e->has[c]) cf[c].tp++;
              else if (yes) cf[c].fp++;
              else if (e->has[c]) cf[c].fn++;
              else cf[c].tn++;
            }
        }
      fit_free (&fit, nk);
    }
  GPtrArray *rows = g_ptr_array_new_with_free_func (cv_row_free);
  Confusion micro = { 0 };
  VbCvRow *macro = g_new0 (VbCvRow, 1);
  for (guint c = 0; c < nk; c++)
    {
      VbCvRow *r = g_new0 (VbCvRow, 1);
      r->code = g_strdup (d->codes->pdata[c]);
      r->name = r->code;
      r->support = (guint) (cf[c].tp + cf[c].fn);
      measure (&cf[c], &r->precision, &r->recall, &r->f1, &r->kappa);
      micro.tp += cf[c].tp, micro.fp += cf[c].fp, micro.fn += cf[c].fn, micro.tn += cf[c].tn;
      macro->support += r->support;
      macro->precision += r->precision / nk;
      macro->recall += r->recall / nk;
      macro->f1 += r->f1 / nk;
      macro->kappa += r->kappa / nk;
      g_ptr_array_add (rows, r);
    }
  VbCvRow *mi = g_new0 (VbCvRow, 1);
  mi->name = "micro";
  mi->support = (guint) (micro.tp + micro.fn);
  measure (&micro, &mi->precision, &mi->recall, &mi->f1, &mi->kappa);
  g_ptr_array_add (rows, mi);
  macro->name = "macro";
  g_ptr_array_add (rows, macro);
  return rows;
}
