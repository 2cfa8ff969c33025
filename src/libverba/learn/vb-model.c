/* vb-model.c: the model in memory, its file (verba-model(5)) and scoring. */
#include "learn/vb-model.h"
#include "base/vb-error.h"
#include "base/vb-output.h"
#include "stream/vb-stream.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
code_free (gpointer p)
{
  VbModelCode *c = p;
  g_free (c->id);
  g_free (c->label);
  g_free (c->w);
  g_free (c->threshold_by);
  g_free (c);
}

VbModel *
vb_model_new (void)
{
  VbModel *m = g_new0 (VbModel, 1);
  vb_feature_settings_init (&m->features);
  m->solver = g_strdup ("svm-dual");
  m->C = 1.0;
  m->bias = 1.0;
  m->class_weight = g_strdup ("balanced");
  m->inputs = g_ptr_array_new_with_free_func (g_free);
  m->vocab = g_ptr_array_new_with_free_func (g_free);
  m->index = vb_feature_table_new ();
  m->codes = g_ptr_array_new_with_free_func (code_free);
  return m;
}

void
vb_model_free (VbModel *m)
{
  if (m == NULL)
    return;
  g_free (m->name);
  g_free (m->coder);
  vb_feature_settings_clear (&m->features);
  g_free (m->solver);
  g_free (m->class_weight);
  g_free (m->codebook_id);
  g_free (m->codebook_sha256);
  g_ptr_array_unref (m->inputs);
  vb_feature_table_free (m->index);
  g_ptr_array_unref (m->vocab);
  g_free (m->idf);
  g_ptr_array_unref (m->codes);
  g_free (m);
}

void
vb_model_add_feature (VbModel *m, const char *feature, double idf)
{
  guint n = m->vocab->len;
  char *f = g_strdup (feature);
  g_ptr_array_add (m->vocab, f);
  /* Grown in powers of two: a vocabulary comes one entry at a time. */
  if ((n & (n - 1)) == 0)
    m->idf = g_renew (double, m->idf, n ? 2 * n : 1);
  m->idf[n] = idf;
  vb_feature_table_add (m->index, f);
}

VbModelCode *
vb_model_add_code (VbModel *m, const char *id, const char *label)
{
  VbModelCode *c = g_new0 (VbModelCode, 1);
  c->id = g_strdup (id);
  c->label = g_strdup (label && *label ? label : id);
  c->threshold = 0.5;
  c->threshold_by = g_strdup ("default");
  c->cv_precision = c->cv_recall = c->cv_f1 = c->cv_kappa = NAN;
  g_ptr_array_add (m->codes, c);
  return c;
}

const VbModelCode *
vb_model_lookup (const VbModel *m, const char *id)
{
  for (guint i = 0; i < m->codes->len; i++)
    if (strcmp (((VbModelCode *) m->codes->pdata[i])->id, id) == 0)
      return m->codes->pdata[i];
  return NULL;
}

/* Numbers in the C locale, shortest form that reads back the same. */
static void
put_double (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (isnan (v))
    g_string_append (out, "-");
  else
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, v));
}

static void
put_field (GString *out, const char *s)
{
  vb_field_escape (out, s ? s : "");
}

static GString *
model_text (const VbModel *m)
{
  GString *o = g_string_new (NULL);
  g_string_append_printf (o, "verba-model\t%d\n", VB_MODEL_FORMAT_VERSION);
  g_string_append (o, "name\t");
  put_field (o, m->name);
  g_string_append (o, "\ncoder\t");
  put_field (o, m->coder);
  g_autofree char *fs = vb_feature_settings_format (&m->features);
  g_string_append_printf (o, "\nfeatures\t%s\n", fs);
  g_string_append_printf (o, "solver\t%s\tC=", m->solver);
  put_double (o, m->C);
  g_string_append (o, "\tbias=");
  put_double (o, m->bias);
  g_string_append_printf (o, "\tclass-weight=%s\n", m->class_weight);
  if (m->codebook_id)
    {
      g_string_append (o, "codebook\t");
      put_field (o, m->codebook_id);
      g_string_append_printf (o, "\t%s\n", m->codebook_sha256);
    }
  for (guint i = 0; i < m->inputs->len; i++)
    {
      g_string_append (o, "input\t");
      put_field (o, m->inputs->pdata[i]);
      g_string_append_c (o, '\n');
    }
  g_string_append_printf (o, "examples\t%u\n", m->n_examples);
  g_string_append_printf (o, "vocabulary\t%u\n", m->vocab->len);
  for (guint i = 0; i < m->vocab->len; i++)
    {
      put_field (o, m->vocab->pdata[i]);
      g_string_append_c (o, '\t');
      put_double (o, m->idf[i]);
      g_string_append_c (o, '\n');
    }
  for (guint k = 0; k < m->codes->len; k++)
    {
      const VbModelCode *c = m->codes->pdata[k];
      guint nz = 0;
      for (guint i = 0; i < m->vocab->len; i++)
        nz += c->w[i] != 0.0;
      g_string_append (o, "code\t");
      put_field (o, c->id);
      g_string_append_c (o, '\t');
      put_field (o, c->label);
      g_string_append_printf (o, "\n support=%u threshold=", c->support);
      put_double (o, c->threshold);
      g_string_append_printf (o, " threshold-by=%s bias=", c->threshold_by);
      put_double (o, c->bias);
      g_string_append (o, "\n cv precision=");
      put_double (o, c->cv_precision);
      g_string_append (o, " recall=");
      put_double (o, c->cv_recall);
      g_string_append (o, " f1=");
      put_double (o, c->cv_f1);
      g_string_append (o, " kappa=");
      put_double (o, c->cv_kappa);
      g_string_append_printf (o, "\n weights\t%u\n", nz);
      for (guint i = 0; i < m->vocab->len; i++)
        if (c->w[i] != 0.0)
          {
            g_string_append_printf (o, "%u\t", i + 1);
            put_double (o, c->w[i]);
            g_string_append_c (o, '\n');
          }
    }
  /* The checksum of all that comes before: a damaged file is found, not
   * half-used. */
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) o->str,
                                                      o->len);
  g_string_append_printf (o, "end\t%s\n", sum);
  return o;
}

gboolean
vb_model_save (const VbModel *m, const char *path, GError **error)
{
  g_autoptr (GString) text = model_text (m);
  VbOutput *out = vb_output_open (path, error);
  if (out == NULL)
    return FALSE;
  if (fwrite (text->str, 1, text->len, vb_output_fp (out)) != text->len)
    {
      int e = errno;
      vb_output_abort (out);
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (e ? e : EIO));
      return FALSE;
    }
  return vb_output_commit (out, error);
}

/* Reading: one line at a time, each failure with its line number. */
typedef struct {
  const char *path;
  char       *data;
  gsize       len;
  gsize       pos;
  gsize       line_start;
  guint       line_no;
  char       *line;   /* the current line, NUL-terminated in data */
  const char *orig;   /* the bytes as read, for the checksum */
} Reader;

static gboolean
fail (Reader *r, GError **error, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Reader *r, GError **error, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", r->path, r->line_no, msg);
  return FALSE;
}

static gboolean
next (Reader *r, GError **error)
{
  if (r->pos >= r->len)
    {
      r->line_no++;
      return fail (r, error, "the file ends early (truncated?)");
    }
  r->line_start = r->pos;
  char *nl = memchr (r->data + r->pos, '\n', r->len - r->pos);
  if (nl == NULL)
    {
      r->line_no++;
      return fail (r, error, "the file ends inside a line (truncated?)");
    }
  *nl = '\0';
  r->line = r->data + r->pos;
  r->pos = nl - r->data + 1;
  r->line_no++;
  return TRUE;
}

/* "KEY\tVALUE" lines: the value of key. */
static gboolean
keyed (Reader *r, const char *key, char **value, GError **error)
{
  if (!next (r, error))
    return FALSE;
  gsize kl = strlen (key);
  if (strncmp (r->line, key, kl) != 0 || r->line[kl] != '\t')
    return fail (r, error, "expected '%s', found '%.40s'", key, r->line);
  GString *v = g_string_new (NULL);
  if (!vb_field_unescape (r->line + kl + 1, strlen (r->line + kl + 1), v))
    {
      g_string_free (v, TRUE);
      return fail (r, error, "a stray backslash in '%s'", key);
    }
  *value = g_string_free (v, FALSE);
  return TRUE;
}

static gboolean
parse_double (const char *s, double *out)
{
  if (strcmp (s, "-") == 0)
    return *out = NAN, TRUE;
  char *end = NULL;
  errno = 0;
  *out = g_ascii_strtod (s, &end);
  return end != s && *end == '\0' && errno == 0 && isfinite (*out);
}

static gboolean
parse_uint (const char *s, guint *out)
{
  char *end = NULL;
  errno = 0;
  guint64 v = g_ascii_strtoull (s, &end, 10);
  if (!g_ascii_isdigit (*s) || *end != '\0' || errno || v > G_MAXUINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

/* " k=v k=v" lines: each value by key into the given slots. */
static gboolean
fields_line (Reader *r, const char *lead, const char *const *keys, char **values,
             GError **error)
{
  if (!next (r, error))
    return FALSE;
  if (!g_str_has_prefix (r->line, lead))
    return fail (r, error, "expected '%s…', found '%.40s'", lead, r->line);
  g_auto (GStrv) items = g_strsplit (r->line + strlen (lead), " ", -1);
  for (guint k = 0; keys[k]; k++)
    {
      values[k] = NULL;
      for (guint i = 0; items[i]; i++)
        {
          gsize kl = strlen (keys[k]);
          if (strncmp (items[i], keys[k], kl) == 0 && items[i][kl] == '=')
            values[k] = items[i] + kl + 1;
        }
      if (values[k] == NULL)
        return fail (r, error, "no %s= on this line", keys[k]);
    }
  /* The values point into items: copy them before it goes. */
  for (guint k = 0; keys[k]; k++)
    values[k] = g_strdup (values[k]);
  return TRUE;
}

static gboolean
read_body (Reader *r, VbModel *m, GError **error)
{
  g_autofree char *version = NULL;
  if (!keyed (r, "verba-model", &version, error))
    {
      g_clear_error (error);
      r->line_no = 1;
      return fail (r, error, "not a verba model file (it starts with no 'verba-model' line)");
    }
  guint v;
  if (!parse_uint (version, &v) || v == 0)
    return fail (r, error, "format version '%s' is not a number", version);
  if (v > VB_MODEL_FORMAT_VERSION)
    return fail (r, error, "format version %u is newer than this verba reads (%d): "
                 "use a newer verba", v, VB_MODEL_FORMAT_VERSION);
  g_autofree char *features = NULL, *solver = NULL, *n_ex = NULL, *n_vocab = NULL;
  if (!keyed (r, "name", &m->name, error) || !keyed (r, "coder", &m->coder, error)
      || !keyed (r, "features", &features, error))
    return FALSE;
  g_autoptr (GError) local = NULL;
  if (!vb_feature_settings_parse (&m->features, features, &local))
    return fail (r, error, "%s", local->message);
  if (!keyed (r, "solver", &solver, error))
    return FALSE;
  {
    g_auto (GStrv) parts = g_strsplit (solver, "\t", -1);
    if (g_strv_length (parts) != 4 || !g_strv_contains ((const char *const[]) { "lr", "lr-dual", "svm", "svm-dual", NULL }, parts[0])
        || !g_str_has_prefix (parts[1], "C=") || !parse_double (parts[1] + 2, &m->C)
        || !g_str_has_prefix (parts[2], "bias=") || !parse_double (parts[2] + 5, &m->bias)
        || !g_str_has_prefix (parts[3], "class-weight="))
      return fail (r, error, "expected 'solver<TAB>lr|lr-dual|svm|svm-dual<TAB>C=…<TAB>bias=…<TAB>class-weight=…'");
    g_free (m->solver);
    m->solver = g_strdup (parts[0]);
    g_free (m->class_weight);
    m->class_weight = g_strdup (parts[3] + 13);
  }
  /* Optional codebook line, then input lines. */
  for (;;)
    {
      gsize save_pos = r->pos;
      guint save_no = r->line_no;
      if (!next (r, error))
        return FALSE;
      if (g_str_has_prefix (r->line, "codebook\t") && m->codebook_id == NULL)
        {
          g_auto (GStrv) parts = g_strsplit (r->line + 9, "\t", -1);
          if (g_strv_length (parts) != 2 || strlen (parts[1]) != 64)
            return fail (r, error, "expected 'codebook<TAB>ID<TAB>SHA-256'");
          GString *id = g_string_new (NULL);
          vb_field_unescape (parts[0], strlen (parts[0]), id);
          m->codebook_id = g_string_free (id, FALSE);
          m->codebook_sha256 = g_strdup (parts[1]);
          continue;
        }
      if (g_str_has_prefix (r->line, "input\t"))
        {
          GString *in = g_string_new (NULL);
          vb_field_unescape (r->line + 6, strlen (r->line + 6), in);
          g_ptr_array_add (m->inputs, g_string_free (in, FALSE));
          continue;
        }
      /* Not ours: the next reader reads it again, its line end put back. */
      r->data[r->pos - 1] = '\n';
      r->pos = save_pos;
      r->line_no = save_no;
      break;
    }
  if (m->features.rules != (m->codebook_id != NULL))
    return fail (r, error, "rule features and a codebook line go together");
  if (!keyed (r, "examples", &n_ex, error))
    return FALSE;
  if (!parse_uint (n_ex, &m->n_examples))
    return fail (r, error, "examples '%s' is not a number", n_ex);
  if (!keyed (r, "vocabulary", &n_vocab, error))
    return FALSE;
  guint nv;
  if (!parse_uint (n_vocab, &nv))
    return fail (r, error, "vocabulary size '%s' is not a number", n_vocab);
  g_autoptr (GString) feat = g_string_new (NULL);
  for (guint i = 0; i < nv; i++)
    {
      if (!next (r, error))
        return FALSE;
      char *tab = strrchr (r->line, '\t');
      double idf;
      if (tab == NULL || !parse_double (tab + 1, &idf) || isnan (idf) || idf <= 0)
        return fail (r, error, "expected 'FEATURE<TAB>IDF' (vocabulary entry %u of %u)", i + 1,
                     nv);
      g_string_truncate (feat, 0);
      if (!vb_field_unescape (r->line, tab - r->line, feat) || feat->len == 0)
        return fail (r, error, "a bad feature (vocabulary entry %u of %u)", i + 1, nv);
      if (vb_feature_table_lookup (m->index, feat->str) >= 0)
        return fail (r, error, "feature '%s' is in the vocabulary twice", feat->str);
      vb_model_add_feature (m, feat->str, idf);
    }
  for (;;)
    {
      if (!next (r, error))
        return FALSE;
      if (g_str_has_prefix (r->line, "end\t"))
        break;
      if (!g_str_has_prefix (r->line, "code\t"))
        return fail (r, error, "expected 'code' or 'end', found '%.40s'", r->line);
      g_auto (GStrv) parts = g_strsplit (r->line + 5, "\t", -1);
      if (g_strv_length (parts) != 2)
        return fail (r, error, "expected 'code<TAB>ID<TAB>LABEL'");
      g_autoptr (GString) id = g_string_new (NULL), label = g_string_new (NULL);
      if (!vb_field_unescape (parts[0], strlen (parts[0]), id) || id->len == 0
          || !vb_field_unescape (parts[1], strlen (parts[1]), label))
        return fail (r, error, "a bad code id or label");
      if (vb_model_lookup (m, id->str))
        return fail (r, error, "code '%s' comes twice", id->str);
      VbModelCode *c = vb_model_add_code (m, id->str, label->str);
      c->w = g_new0 (double, MAX (nv, 1));
      static const char *const k1[] = { "support", "threshold", "threshold-by", "bias", NULL };
      static const char *const k2[] = { "precision", "recall", "f1", "kappa", NULL };
      char *v1[4] = { 0 }, *v2[4] = { 0 };
      gboolean ok = fields_line (r, " ", k1, v1, error);
      if (ok)
        {
          g_free (c->threshold_by);
          c->threshold_by = g_strdup (v1[2]);
          if (!parse_uint (v1[0], &c->support) || !parse_double (v1[1], &c->threshold)
              || !(c->threshold > 0 && c->threshold < 1) || !parse_double (v1[3], &c->bias)
              || isnan (c->bias))
            ok = fail (r, error, "a bad support, threshold (0 to 1) or bias");
        }
      if (ok && (ok = fields_line (r, " cv ", k2, v2, error)))
        if (!parse_double (v2[0], &c->cv_precision) || !parse_double (v2[1], &c->cv_recall)
            || !parse_double (v2[2], &c->cv_f1) || !parse_double (v2[3], &c->cv_kappa))
          ok = fail (r, error, "a bad cross-validated figure");
      for (guint k = 0; k < 4; k++)
        g_free (v1[k]), g_free (v2[k]);
      if (!ok)
        return FALSE;
      g_autofree char *n_w = NULL;
      guint nw;
      if (!keyed (r, " weights", &n_w, error))
        return FALSE;
      if (!parse_uint (n_w, &nw) || nw > nv)
        return fail (r, error, "the number of weights '%s' is not 0 to %u", n_w, nv);
      for (guint i = 0; i < nw; i++)
        {
          if (!next (r, error))
            return FALSE;
          char *tab = strchr (r->line, '\t');
          guint at;
          double w;
          if (tab == NULL)
            return fail (r, error, "expected 'INDEX<TAB>WEIGHT'");
          *tab = '\0';
          if (!parse_uint (r->line, &at) || at == 0 || at > nv || !parse_double (tab + 1, &w)
              || isnan (w))
            return fail (r, error, "expected 'INDEX<TAB>WEIGHT' with INDEX 1 to %u", nv);
          c->w[at - 1] = w;
        }
    }
  /* The checksum covers every byte before the end line. */
  const char *sum = r->line + 4;
  g_autofree char *want = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                       (const guchar *) r->orig, r->line_start);
  if (strcmp (sum, want) != 0)
    return fail (r, error, "the checksum does not match what comes before it: the file is "
                 "damaged");
  if (r->pos != r->len)
    {
      r->line_no++;
      return fail (r, error, "text after the end line");
    }
  if (m->codes->len == 0)
    return fail (r, error, "the model has no codes");
  return TRUE;
}

VbModel *
vb_model_load (const char *path, GError **error)
{
  Reader r = { path, NULL, 0, 0, 0, 0, NULL, NULL };
  g_autoptr (GError) local = NULL;
  if (!g_file_get_contents (path, &r.data, &r.len, &local))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", path, local->message);
      return NULL;
    }
  /* Lines are cut in place; the checksum needs the bytes as they were. */
  g_autofree char *orig = g_memdup2 (r.data, r.len);
  r.orig = orig;
  VbModel *m = vb_model_new ();
  gboolean ok = read_body (&r, m, error);
  g_free (r.data);
  if (!ok)
    {
      vb_model_free (m);
      return NULL;
    }
  return m;
}

char *
vb_model_codebook_sha256 (const VbCodebook *cb)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *c = vb_codebook_code (cb, i);
      g_checksum_update (sum, (const guchar *) c->id, -1);
      g_checksum_update (sum, (const guchar *) "\n", 1);
      for (guint k = 0; c->rules && k < c->rules->len; k++)
        {
          const VbCodeRule *rule = c->rules->pdata[k];
          g_checksum_update (sum, (const guchar *) rule->name, -1);
          g_checksum_update (sum, (const guchar *) "\t", 1);
          g_checksum_update (sum, (const guchar *) rule->expr, -1);
          g_checksum_update (sum, (const guchar *) "\n", 1);
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
vb_model_check_codebook (const VbModel *m, const char *model_path, const VbCodebook *cb,
                         GError **error)
{
  if (!m->features.rules)
    return TRUE;
  if (cb == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "%s: the model learned from the rules of codebook '%s' (%.12s…): give it "
                   "with -c", model_path, m->codebook_id, m->codebook_sha256);
      return FALSE;
    }
  g_autofree char *sum = vb_model_codebook_sha256 (cb);
  if (strcmp (sum, m->codebook_sha256) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "%s: the model learned from the rules of codebook '%s' (%.12s…), not those "
                   "of codebook '%s' (%.12s…) given here", model_path, m->codebook_id,
                   m->codebook_sha256, vb_codebook_id (cb), sum);
      return FALSE;
    }
  return TRUE;
}

struct _VbModelScorer {
  const VbModel *m;
  VbFeaturizer  *f;
  GArray        *cols;  /* guint */
  GArray        *vals;  /* double */
};

VbModelScorer *
vb_model_scorer_new (const VbModel *m, GError **error)
{
  VbFeaturizer *f = vb_featurizer_new (&m->features, error);
  if (f == NULL)
    return NULL;
  VbModelScorer *s = g_new0 (VbModelScorer, 1);
  s->m = m;
  s->f = f;
  s->cols = g_array_new (FALSE, FALSE, sizeof (guint));
  s->vals = g_array_new (FALSE, FALSE, sizeof (double));
  return s;
}

void
vb_model_scorer_free (VbModelScorer *s)
{
  if (s == NULL)
    return;
  vb_featurizer_free (s->f);
  g_array_unref (s->cols);
  g_array_unref (s->vals);
  g_free (s);
}

void
vb_model_score (VbModelScorer *s, const VbSegment *seg, double *scores)
{
  const VbModel *m = s->m;
  guint n;
  const VbFeature *feats = vb_featurizer_count (s->f, seg, &n);
  const char *bytes = vb_featurizer_bytes (s->f);
  /* Summed in the features' own order.  The order of the table they were
   * once counted in (vb_featurizer_table_order) would keep the last bit
   * of every score as it was, at twice the work; the bits it moves are
   * 1e-16 of a score, far below the printed 4 decimals and any threshold. */
  g_array_set_size (s->cols, n);
  g_array_set_size (s->vals, n);
  guint *cols = (guint *) s->cols->data;
  double *vals = (double *) s->vals->data;
  guint nx = 0;
  double norm = 0;
  for (guint j = 0; j < n; j++)
    {
      const VbFeature *x = &feats[j];
      gint col = vb_feature_table_find (m->index, x->hash, x->group, bytes + x->at, x->len);
      if (col < 0)
        continue;
      double v = vb_tfidf (x->count, m->idf[col]);
      cols[nx] = (guint) col;
      vals[nx++] = v;
      norm += v * v;
    }
  norm = norm > 0 ? sqrt (norm) : 1;
  for (guint k = 0; k < m->codes->len; k++)
    {
      const VbModelCode *c = m->codes->pdata[k];
      double z = c->bias * m->bias;
      for (guint i = 0; i < nx; i++)
        z += c->w[cols[i]] * vals[i] / norm;
      scores[k] = 1.0 / (1.0 + exp (-z));
    }
}

void
vb_model_code_segment (VbModelScorer *s, VbSegment *seg, double min_score, double *scores)
{
  const VbModel *m = s->m;
  g_autofree double *own = scores ? NULL : g_new (double, m->codes->len);
  double *sc = scores ? scores : own;
  vb_model_score (s, seg, sc);
  vb_segment_ensure_codings (seg);
  g_autofree char *source = g_strconcat ("model:", m->name, NULL);
  for (guint i = seg->codings->len; i-- > 0;)
    if (strcmp (g_array_index (seg->codings, VbCoding, i).source, source) == 0)
      g_array_remove_index (seg->codings, i);
  guint len = (guint) g_utf8_strlen (seg->text, -1);
  for (guint k = 0; k < m->codes->len; k++)
    {
      const VbModelCode *c = m->codes->pdata[k];
      if (sc[k] >= (min_score >= 0 ? min_score : c->threshold))
        vb_segment_add_coding (seg, c->id, 0, len, source);
    }
}
