/* Case x code tables as SPSS and Stata data sets, read back with
 * ReadStat's own parser (an independent reader of the formats): variable
 * names and labels, value labels, every value. */
#include "verba.h"

#include <glib/gstdio.h>
#include <readstat.h>

typedef struct {
  GString *vars;    /* "name=label;" for each variable */
  GString *labels;  /* "set:value=label;" */
  GString *rows;    /* values, ',' between, '\n' after each row */
  int      last_obs;
} Read;

static int
on_variable (int index, readstat_variable_t *v, const char *val_labels, void *ctx)
{
  Read *rd = ctx;
  /* A .sav file does not keep the value-label set's name; only whether
   * the variable has one is compared. */
  g_string_append_printf (rd->vars, "%s=%s%s;", readstat_variable_get_name (v),
                          readstat_variable_get_label (v) ? readstat_variable_get_label (v) : "",
                          val_labels ? " (labelled)" : "");
  return READSTAT_HANDLER_OK;
}

static int
on_value_label (const char *set, readstat_value_t value, const char *label, void *ctx)
{
  Read *rd = ctx;
  g_string_append_printf (rd->labels, "%d=%s;", readstat_int32_value (value), label);
  return READSTAT_HANDLER_OK;
}

static int
on_value (int obs, readstat_variable_t *v, readstat_value_t value, void *ctx)
{
  Read *rd = ctx;
  if (readstat_variable_get_index (v) == 0)
    {
      if (rd->last_obs >= 0)
        g_string_append_c (rd->rows, '\n');
      rd->last_obs = obs;
    }
  else
    g_string_append_c (rd->rows, ',');
  if (readstat_value_type (value) == READSTAT_TYPE_STRING)
    g_string_append (rd->rows, readstat_string_value (value));
  else
    g_string_append_printf (rd->rows, "%d", readstat_int32_value (value));
  return READSTAT_HANDLER_OK;
}

static VbTable *
make_table (void)
{
  VbTable *t = vb_table_new (3, 3);
  t->title = g_strdup ("document by principle (documents)");
  t->corner = g_strdup ("document");
  const char *rows[] = { "g1", "s01", "s02" };
  const char *ids[] = { "openness", "value-for-money", "2nd.code" };
  const char *labels[] = { "Openness", "Value for money", "Second code" };
  guint counts[3][3] = { { 2, 0, 1 }, { 0, 0, 0 }, { 5, 1, 0 } };
  /* Columns first: a cell's place depends on the number of columns. */
  for (guint c = 0; c < 3; c++)
    {
      g_ptr_array_add (t->col_ids, g_strdup (ids[c]));
      g_ptr_array_add (t->col_labels, g_strdup (labels[c]));
    }
  for (guint r = 0; r < 3; r++)
    {
      g_ptr_array_add (t->row_ids, g_strdup (rows[r]));
      g_ptr_array_add (t->row_labels, g_strdup (rows[r]));
      guint zero = 0;
      g_array_append_val (t->row_depth, zero);
      for (guint c = 0; c < 3; c++)
        vb_table_cell (t, r, c)->count = counts[r][c];
    }
  return t;
}

static void
read_back (VbFormat format, VbCellMode mode, Read *rd)
{
  g_autoptr (VbTable) t = make_table ();
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("verba-test-XXXXXX", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  FILE *fp = fdopen (fd, "wb");
  g_autoptr (GError) err = NULL;
  g_assert_true (vb_table_write_stat (t, mode, format, fp, &err));
  g_assert_no_error (err);
  g_assert_cmpint (fclose (fp), ==, 0);
  readstat_parser_t *p = readstat_parser_init ();
  readstat_set_variable_handler (p, on_variable);
  readstat_set_value_label_handler (p, on_value_label);
  readstat_set_value_handler (p, on_value);
  rd->vars = g_string_new (NULL);
  rd->labels = g_string_new (NULL);
  rd->rows = g_string_new (NULL);
  rd->last_obs = -1;
  readstat_error_t e = format == VB_FORMAT_SAV ? readstat_parse_sav (p, path, rd)
                                               : readstat_parse_dta (p, path, rd);
  g_assert_cmpint (e, ==, READSTAT_OK);
  readstat_parser_free (p);
  g_unlink (path);
}

static void
clear (Read *rd)
{
  g_string_free (rd->vars, TRUE);
  g_string_free (rd->labels, TRUE);
  g_string_free (rd->rows, TRUE);
}

static void
test_presence (gconstpointer data)
{
  VbFormat format = GPOINTER_TO_INT (data);
  Read rd;
  read_back (format, VB_CELL_PRESENCE, &rd);
  g_assert_cmpstr (rd.vars->str, ==,
                   "case=document;openness=Openness (labelled);"
                   "value_for_money=Value for money (labelled);c_2nd_code=Second code (labelled);");
  g_assert_cmpstr (rd.labels->str, ==, "0=not raised;1=raised;");
  g_assert_cmpstr (rd.rows->str, ==, "g1,1,0,1\ns01,0,0,0\ns02,1,1,0");
  clear (&rd);
}

static void
test_count (gconstpointer data)
{
  VbFormat format = GPOINTER_TO_INT (data);
  Read rd;
  read_back (format, VB_CELL_COUNT, &rd);
  g_assert_cmpstr (rd.vars->str, ==,
                   "case=document;openness=Openness;value_for_money=Value for money;"
                   "c_2nd_code=Second code;");
  g_assert_cmpstr (rd.labels->str, ==, "");
  g_assert_cmpstr (rd.rows->str, ==, "g1,2,0,1\ns01,0,0,0\ns02,5,1,0");
  clear (&rd);
}

static void
test_same_bytes (void)
{
  /* Two writes a second apart give the same bytes: the time in the file
   * is fixed. */
  GBytes *b[2];
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (VbTable) t = make_table ();
      char *buf = NULL;
      size_t len = 0;
      FILE *fp = open_memstream (&buf, &len);
      g_assert_true (vb_table_write_stat (t, VB_CELL_PRESENCE, VB_FORMAT_SAV, fp, NULL));
      fclose (fp);
      b[i] = g_bytes_new_take (buf, len);
      if (i == 0)
        g_usleep (1100 * 1000);
    }
  g_assert_true (g_bytes_equal (b[0], b[1]));
  g_bytes_unref (b[0]);
  g_bytes_unref (b[1]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/table-files/sav/presence", GINT_TO_POINTER (VB_FORMAT_SAV), test_presence);
  g_test_add_data_func ("/table-files/dta/presence", GINT_TO_POINTER (VB_FORMAT_DTA), test_presence);
  g_test_add_data_func ("/table-files/sav/count", GINT_TO_POINTER (VB_FORMAT_SAV), test_count);
  g_test_add_data_func ("/table-files/dta/count", GINT_TO_POINTER (VB_FORMAT_DTA), test_count);
  g_test_add_func ("/table-files/sav/same-bytes", test_same_bytes);
  return g_test_run ();
}
