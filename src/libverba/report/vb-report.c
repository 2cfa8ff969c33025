#include "report/vb-report.h"
#include "codebook/vb-codebook-forms.h"
#include "base/vb-html.h"
#include "base/vb-json.h"
#include "base/vb-error.h"
#include "stream/vb-segment.h"

#include <string.h>

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* A table being counted: its tally, title and cell mode; a phase table
 * also owns the filters its tally borrows. */
typedef struct {
  VbTally    *tally;
  char       *title;
  VbCellMode  mode;
  GPtrArray  *where;   /* char*, NULL-terminated, or NULL */
} Pending;

static void
pending_free (gpointer p)
{
  Pending *q = p;
  vb_tally_free (q->tally);
  g_free (q->title);
  if (q->where)
    g_ptr_array_unref (q->where);
  g_free (q);
}

static Pending *
add_pending (VbReport *r, VbTallyOptions *t, const char *title, VbCellMode mode)
{
  Pending *q = g_new0 (Pending, 1);
  q->tally = vb_tally_new (t, r->cb);
  q->title = g_strdup (title);
  q->mode = mode;
  g_ptr_array_add (r->pending, q);
  return q;
}

void
vb_report_options_init (VbReportOptions *o)
{
  memset (o, 0, sizeof *o);
  o->unit = VB_UNIT_DOCUMENT;
  o->rollup = TRUE;
  o->phase = VB_PHASE_FILTER_ALL;
}

static gboolean
has_principles (const VbCodebook *cb)
{
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    if (vb_codebook_code (cb, i)->kind == VB_CODE_PRINCIPLE)
      return TRUE;
  return FALSE;
}

static void
tally_init (VbTallyOptions *t, const VbReportOptions *o)
{
  vb_tally_options_init (t);
  t->unit = o->unit;
  t->pseudonyms = o->pseudonyms;
  t->where = o->where;
  t->rollup = o->rollup;
  t->phase = o->phase;
  t->units_in_runs = o->units_in_runs;
}

void
vb_report_tally_init (const VbReport *r, VbTallyOptions *t)
{
  tally_init (t, &r->opts);
}

VbReport *
vb_report_begin (const char *title, VbCodebook *cb, VbScale *scale, const VbReportOptions *o)
{
  VbReport *r = g_new0 (VbReport, 1);
  const char *by = o->by;
  r->title = g_strdup (title);
  r->cb = cb;
  r->scale = scale;
  r->unit = o->unit;
  r->by = g_strdup (by);
  r->pseudonyms = o->pseudonyms;
  r->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_table_free);
  r->modes = g_array_new (FALSE, FALSE, sizeof (VbCellMode));
  r->codebook_sums = g_ptr_array_new_with_free_func (g_free);
  r->input_sums = g_ptr_array_new_with_free_func (g_free);
  r->left_out = g_ptr_array_new_with_free_func (g_free);
  r->pending = g_ptr_array_new_with_free_func (pending_free);
  r->phase_tallies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r->n_where = o->where ? g_strv_length ((char **) o->where) : 0;
  r->where_seen = g_new0 (gboolean, r->n_where + 1);
  const char *units = vb_unit_plural (o->unit);
  /* A table of nothing but zeros would read as a finding. */
  gboolean principles = has_principles (cb);
  r->opts = *o;
  r->opts.by = r->by;
  r->principles = principles;

  VbTallyOptions t;
  tally_init (&t, o);
  if (r->by)
    vb_dim_parse (r->by, &t.cols);
  if (principles)
    {
      t.rows.kind = VB_DIM_PRINCIPLE;
      g_autofree char *t1 = g_strdup_printf ("Principles raised, by %s (%s)", by ? by : "all",
                                             units);
      add_pending (r, &t, t1, VB_CELL_FULL);
    }
  t.rows.kind = VB_DIM_THEME;
  g_autofree char *t2 = g_strdup_printf ("Themes raised, by %s (%s)", by ? by : "all", units);
  add_pending (r, &t, t2, VB_CELL_FULL);
  if (!principles)
    return r;
  VbTallyOptions m;
  tally_init (&m, o);
  m.pseudonyms = NULL;
  m.rows.kind = VB_DIM_THEME;
  m.cols.kind = VB_DIM_PRINCIPLE;
  g_autofree char *t3 = g_strdup_printf ("Theme x principle: %s with a segment coded with both",
                                         units);
  add_pending (r, &m, t3, VB_CELL_COUNT);
  m.pairing = VB_PAIR_LINKS;
  g_autofree char *t4 = g_strdup_printf ("Theme x principle by the codebook's links: %s raising "
                                         "the theme", units);
  add_pending (r, &m, t4, VB_CELL_COUNT);
  return r;
}

/* The phase table of one value of the --by attribute (or of all segments
 * when there is no --by), made when a segment first has the value: the
 * table counts only segments with it, so none before were missed. */
static Pending *
phase_tally (VbReport *r, const char *v)
{
  const char *key = v ? v : "";
  Pending *q = g_hash_table_lookup (r->phase_tallies, key);
  if (q)
    return q;
  q = g_new0 (Pending, 1);
  q->where = g_ptr_array_new_with_free_func (g_free);
  for (guint w = 0; w < r->n_where; w++)
    g_ptr_array_add (q->where, g_strdup (r->opts.where[w]));
  if (v)
    g_ptr_array_add (q->where, g_strdup_printf ("%s=%s", r->by, v));
  guint n_filters = q->where->len;
  g_ptr_array_add (q->where, NULL);
  VbTallyOptions p;
  tally_init (&p, &r->opts);
  p.rows.kind = VB_DIM_PRINCIPLE;
  vb_dim_parse ("phase", &p.cols);
  p.total = FALSE;
  p.where = n_filters ? (const char *const *) q->where->pdata : NULL;
  q->tally = vb_tally_new (&p, r->cb);
  q->title = g_strdup_printf ("Principles raised spontaneously and when prompted%s%s (%s)",
                              v ? ": " : "", v ? v : "", vb_unit_plural (r->opts.unit));
  q->mode = VB_CELL_FULL;
  g_hash_table_insert (r->phase_tallies, g_strdup (key), q);
  return q;
}

void
vb_report_add (VbReport *r, const VbSegment *seg)
{
  for (guint i = 0; i < r->pending->len; i++)
    vb_tally_add (((Pending *) r->pending->pdata[i])->tally, seg);
  const char *v = r->by ? vb_segment_value (seg, r->by) : NULL;
  if (v && *v)
    r->by_seen = TRUE;
  for (guint w = 0; w < r->n_where; w++)
    if (!r->where_seen[w])
      {
        const char *eq = strchr (r->opts.where[w], '=');
        g_autofree char *k = g_strndup (r->opts.where[w],
                                        eq ? (gsize) (eq - r->opts.where[w]) : strlen (r->opts.where[w]));
        r->where_seen[w] = vb_segment_value (seg, k) != NULL;
      }
  if (r->principles && r->opts.phase == VB_PHASE_FILTER_ALL && (!r->by || v))
    vb_tally_add (phase_tally (r, r->by ? v : NULL)->tally, seg);
  if (seg->phase == VB_PHASE_PROMPTED && vb_role_is_counted (seg->role))
    r->n_prompted++;
  /* The summary. */
  r->n_segs++;
  if (r->opts.units_in_runs)
    {
      if (r->doc == NULL || strcmp (r->doc, seg->document) != 0)
        {
          g_free (r->doc);
          r->doc = g_strdup (seg->document);
          g_hash_table_remove_all (r->speakers);
          r->n_docs++;
        }
    }
  else if (!g_hash_table_contains (r->docs, seg->document))
    {
      g_hash_table_add (r->docs, g_strdup (seg->document));
      r->n_docs++;
    }
  if (!vb_role_is_counted (seg->role))
    return;
  r->n_counted++;
  if (seg->codings && seg->codings->len)
    r->n_coded++;
  if (*seg->speaker)
    {
      g_autofree char *who = g_strconcat (seg->document, "\x1f", seg->speaker, NULL);
      if (!g_hash_table_contains (r->speakers, who))
        {
          g_hash_table_add (r->speakers, g_steal_pointer (&who));
          r->n_speakers++;
        }
    }
}

gboolean
vb_report_saw_by (const VbReport *r)
{
  return r->by_seen;
}

const char *
vb_report_unseen_where (const VbReport *r)
{
  for (guint w = 0; w < r->n_where; w++)
    if (!r->where_seen[w])
      return r->opts.where[w];
  return NULL;
}

static void
finish_table (VbReport *r, Pending *q, guint *n)
{
  VbTable *table = vb_tally_table (q->tally);
  vb_table_protect (table, r->scale);
  table->title = g_strdup_printf ("Table %u. %s", (*n)++, q->title);
  g_ptr_array_add (r->tables, table);
  g_array_append_val (r->modes, q->mode);
}

void
vb_report_finish (VbReport *r)
{
  guint n = 1;
  for (guint i = 0; i < r->pending->len; i++)
    finish_table (r, r->pending->pdata[i], &n);
  if (!r->principles)
    {
      g_ptr_array_add (r->left_out, g_strdup ("The codebook has no principles: the tables of "
                                              "principles are left out."));
      return;
    }
  if (r->opts.phase != VB_PHASE_FILTER_ALL)
    {
      g_ptr_array_add (r->left_out, g_strdup_printf (
          "Only the %s phase is counted: the tables of principles raised spontaneously and "
          "when prompted are left out.", vb_phase_to_string ((VbPhase) r->opts.phase)));
      return;
    }
  /* A consultation's answers are all unprompted: a table with an empty
   * prompted column for each group would only repeat Table 1. */
  if (r->n_prompted == 0)
    {
      g_ptr_array_add (r->left_out, g_strdup ("No participant's segment is in the prompted "
                                              "phase: the tables of principles raised "
                                              "spontaneously and when prompted are left out."));
      return;
    }
  /* What was raised unprompted and what only once the framework was read
   * out, for each group of participants (e.g. public, stakeholder). */
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, r->phase_tallies);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (values, key);
  g_ptr_array_sort (values, compare_strings);
  if (values->len == 0)
    {
      /* Nothing was added: the table of all segments, empty. */
      phase_tally (r, NULL);
      g_ptr_array_add (values, (gpointer) "");
    }
  for (guint i = 0; i < values->len; i++)
    finish_table (r, g_hash_table_lookup (r->phase_tallies, values->pdata[i]), &n);
}

VbReport *
vb_report_new (const char *title, GPtrArray *segs, VbCodebook *cb, VbScale *scale,
               const VbReportOptions *o)
{
  VbReport *r = vb_report_begin (title, cb, scale, o);
  for (guint i = 0; i < segs->len; i++)
    vb_report_add (r, segs->pdata[i]);
  vb_report_finish (r);
  r->segs = segs;
  return r;
}

void
vb_report_free (VbReport *r)
{
  if (r == NULL)
    return;
  g_free (r->title);
  g_free (r->by);
  g_free (r->version);
  g_ptr_array_unref (r->tables);
  g_array_unref (r->modes);
  g_ptr_array_unref (r->codebook_sums);
  g_ptr_array_unref (r->input_sums);
  g_ptr_array_unref (r->left_out);
  g_ptr_array_unref (r->pending);
  if (r->phase_tallies)
    {
      GHashTableIter it;
      gpointer value;
      g_hash_table_iter_init (&it, r->phase_tallies);
      while (g_hash_table_iter_next (&it, NULL, &value))
        pending_free (value);
      g_hash_table_unref (r->phase_tallies);
    }
  g_hash_table_unref (r->docs);
  g_hash_table_unref (r->speakers);
  g_free (r->doc);
  g_free (r->where_seen);
  g_free (r);
}

static gboolean
checksum_file (GPtrArray *sums, const char *path, const char *name, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read it to checksum it", path);
      return FALSE;
    }
  g_autofree char *sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  g_ptr_array_add (sums, g_strdup_printf ("%s  %s", sum, name));
  return TRUE;
}

gboolean
vb_report_checksum_path (GPtrArray *sums, const char *path, const char *label, GError **error)
{
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return checksum_file (sums, path, label, error);
  g_autoptr (GDir) dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return FALSE;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *n;
  while ((n = g_dir_read_name (dir)))
    if (n[0] != '.')
      g_ptr_array_add (names, g_strdup (n));
  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sub = g_build_filename (path, names->pdata[i], NULL);
      g_autofree char *sublabel = g_strdup_printf ("%s/%s", label, (char *) names->pdata[i]);
      if (g_file_test (sub, G_FILE_TEST_IS_DIR) || g_file_test (sub, G_FILE_TEST_IS_REGULAR))
        if (!vb_report_checksum_path (sums, sub, sublabel, error))
          return FALSE;
    }
  return TRUE;
}

gboolean
vb_report_checksum_codebook (GPtrArray *sums, const char *path, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *line_end = g_strconcat ("  ", base, NULL);
  for (guint i = 0; i < sums->len; i++)
    if (g_str_has_suffix (sums->pdata[i], line_end))
      return TRUE;
  if (!checksum_file (sums, path, base, error))
    return FALSE;
  /* The framework a codebook imports is part of what coded the study. */
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, NULL))
    return TRUE; /* loading the codebook itself reported any problem */
  g_auto (GStrv) imports = g_key_file_get_string_list (kf, "codebook", "import", NULL, NULL);
  for (guint i = 0; imports && imports[i]; i++)
    {
      g_autofree char *ipath = vb_codebook_resolve (g_strstrip (imports[i]), path, error);
      if (ipath == NULL || !vb_report_checksum_codebook (sums, ipath, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  guint docs, segs, counted, coded, speakers;
} Summary;

static void
summarise (const VbReport *r, Summary *s)
{
  s->docs = r->n_docs;
  s->segs = r->n_segs;
  s->counted = r->n_counted;
  s->coded = r->n_coded;
  s->speakers = r->n_speakers;
}

static char *
summary_text (const Summary *s)
{
  return g_strdup_printf ("%u documents, %u segments (%u from participants, %u from moderators "
                          "and interviewers); %u named speakers.\n"
                          "Coverage: %u of %u participant segments coded (%.0f%%).",
                          s->docs, s->segs, s->counted, s->segs - s->counted, s->speakers,
                          s->coded, s->counted, s->counted ? 100.0 * s->coded / s->counted : 0.0);
}

void
vb_report_write_text (const VbReport *r, VbFormat format, GString *out)
{
  Summary s;
  summarise (r, &s);
  g_autofree char *sum0 = summary_text (&s);
  g_autoptr (GString) sumv = g_string_new (sum0);
  for (guint i = 0; i < r->left_out->len; i++)
    g_string_append_printf (sumv, "\n%s", (char *) r->left_out->pdata[i]);
  const char *sum = sumv->str;
  if (format == VB_FORMAT_JSON)
    {
      g_string_append (out, "{\n\"title\": ");
      vb_json_string (out, r->title);
      g_string_append_printf (out, ",\n\"summary\": {\"documents\": %u, \"segments\": %u, "
                              "\"participant_segments\": %u, \"named_speakers\": %u, "
                              "\"coded_segments\": %u},\n\"tables\": [\n",
                              s.docs, s.segs, s.counted, s.speakers, s.coded);
      if (r->left_out->len)
        {
          /* Only when a table is left out, so reports with every table
           * keep the documented shape. */
          g_string_truncate (out, out->len - strlen ("\"tables\": [\n"));
          g_string_append (out, "\"left_out\": [");
          for (guint i = 0; i < r->left_out->len; i++)
            {
              g_string_append (out, i ? ", " : "");
              vb_json_string (out, r->left_out->pdata[i]);
            }
          g_string_append (out, "],\n\"tables\": [\n");
        }
      for (guint i = 0; i < r->tables->len; i++)
        {
          if (i)
            g_string_append (out, ",\n");
          vb_table_write (r->tables->pdata[i], format, g_array_index (r->modes, VbCellMode, i),
                          r->scale, out);
          g_string_truncate (out, out->len - 1); /* the table's final newline */
        }
      g_string_append (out, "\n]\n}\n");
      return;
    }
  if (format == VB_FORMAT_MD)
    g_string_append_printf (out, "# %s\n\n%s\n\n", r->title, sum);
  else if (format == VB_FORMAT_LATEX)
    {
      g_string_append (out, "\\section*{");
      vb_latex_escape (out, r->title, FALSE);
      g_string_append (out, "}\n\n");
      vb_latex_escape (out, sum, FALSE);
      g_string_append (out, "\n\n");
    }
  else
    {
      g_string_append_printf (out, "%s\n", r->title);
      for (glong i = g_utf8_strlen (r->title, -1); i > 0; i--)
        g_string_append_c (out, '=');
      g_string_append_printf (out, "\n\n%s\n\n", sum);
    }
  for (guint i = 0; i < r->tables->len; i++)
    {
      vb_table_write (r->tables->pdata[i], format, g_array_index (r->modes, VbCellMode, i),
                      r->scale, out);
      g_string_append_c (out, '\n');
    }
}
