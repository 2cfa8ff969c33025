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

static void
add_table (VbReport *r, VbTallyOptions *t, const char *title, VbCellMode mode)
{
  g_autoptr (VbTally) tally = vb_tally_new (t, r->cb);
  for (guint i = 0; i < r->segs->len; i++)
    vb_tally_add (tally, r->segs->pdata[i]);
  VbTable *table = vb_tally_table (tally);
  vb_table_protect (table, r->scale);
  table->title = g_strdup (title);
  g_ptr_array_add (r->tables, table);
  g_array_append_val (r->modes, mode);
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
}

void
vb_report_tally_init (const VbReport *r, VbTallyOptions *t)
{
  tally_init (t, &r->opts);
}

VbReport *
vb_report_new (const char *title, GPtrArray *segs, VbCodebook *cb, VbScale *scale,
               const VbReportOptions *o)
{
  VbReport *r = g_new0 (VbReport, 1);
  const char *by = o->by;
  r->title = g_strdup (title);
  r->segs = segs;
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
  const char *units = vb_unit_plural (o->unit);
  /* A table of nothing but zeros would read as a finding. */
  gboolean principles = has_principles (cb);
  guint n = 1;
  r->opts = *o;
  r->principles = principles;

  VbTallyOptions t;
  tally_init (&t, o);
  if (by)
    vb_dim_parse (by, &t.cols);
  if (principles)
    {
      t.rows.kind = VB_DIM_PRINCIPLE;
      g_autofree char *t1 = g_strdup_printf ("Table %u. Principles raised, by %s (%s)", n++,
                                             by ? by : "all", units);
      add_table (r, &t, t1, VB_CELL_FULL);
    }

  t.rows.kind = VB_DIM_THEME;
  g_autofree char *t2 = g_strdup_printf ("Table %u. Themes raised, by %s (%s)", n++,
                                         by ? by : "all", units);
  add_table (r, &t, t2, VB_CELL_FULL);

  if (!principles)
    {
      g_ptr_array_add (r->left_out, g_strdup ("The codebook has no principles: the tables of "
                                              "principles are left out."));
      return r;
    }
  VbTallyOptions m;
  tally_init (&m, o);
  m.pseudonyms = NULL;
  m.rows.kind = VB_DIM_THEME;
  m.cols.kind = VB_DIM_PRINCIPLE;
  g_autofree char *t3 = g_strdup_printf ("Table %u. Theme x principle: %s with a segment coded "
                                         "with both", n++, units);
  add_table (r, &m, t3, VB_CELL_COUNT);
  m.pairing = VB_PAIR_LINKS;
  g_autofree char *t4 = g_strdup_printf ("Table %u. Theme x principle by the codebook's links: "
                                         "%s raising the theme", n++, units);
  add_table (r, &m, t4, VB_CELL_COUNT);

  if (o->phase != VB_PHASE_FILTER_ALL)
    {
      g_ptr_array_add (r->left_out, g_strdup_printf (
          "Only the %s phase is counted: the tables of principles raised spontaneously and "
          "when prompted are left out.", vb_phase_to_string ((VbPhase) o->phase)));
      return r;
    }
  /* What was raised unprompted and what only once the framework was read
   * out, for each group of participants (e.g. public, stakeholder). */
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; by && i < segs->len; i++)
    {
      const char *v = vb_segment_value (segs->pdata[i], by);
      if (v && !g_ptr_array_find_with_equal_func (values, v, g_str_equal, NULL))
        g_ptr_array_add (values, g_strdup (v));
    }
  g_ptr_array_sort (values, compare_strings);
  if (values->len == 0)
    g_ptr_array_add (values, NULL);
  guint n_where = o->where ? g_strv_length ((char **) o->where) : 0;
  for (guint i = 0; i < values->len; i++)
    {
      const char *v = values->pdata[i];
      g_autofree char *where = v ? g_strdup_printf ("%s=%s", by, v) : NULL;
      g_autoptr (GPtrArray) wv = g_ptr_array_new ();
      for (guint w = 0; w < n_where; w++)
        g_ptr_array_add (wv, (gpointer) o->where[w]);
      if (where)
        g_ptr_array_add (wv, where);
      g_ptr_array_add (wv, NULL);
      VbTallyOptions p;
      tally_init (&p, o);
      p.rows.kind = VB_DIM_PRINCIPLE;
      vb_dim_parse ("phase", &p.cols);
      p.total = FALSE;
      p.where = wv->len > 1 ? (const char *const *) wv->pdata : NULL;
      g_autofree char *t5 = g_strdup_printf ("Table %u. Principles raised spontaneously and when "
                                             "prompted%s%s (%s)", n++, v ? ": " : "",
                                             v ? v : "", units);
      add_table (r, &p, t5, VB_CELL_FULL);
    }
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
  g_autoptr (GHashTable) docs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  memset (s, 0, sizeof *s);
  for (guint i = 0; i < r->segs->len; i++)
    {
      VbSegment *seg = r->segs->pdata[i];
      g_hash_table_add (docs, seg->document);
      if (!vb_role_is_counted (seg->role))
        continue;
      s->counted++;
      if (seg->codings && seg->codings->len)
        s->coded++;
      if (*seg->speaker)
        g_hash_table_add (speakers, g_strconcat (seg->document, "\x1f", seg->speaker, NULL));
    }
  s->docs = g_hash_table_size (docs);
  s->segs = r->segs->len;
  s->speakers = g_hash_table_size (speakers);
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
