/* vb-table-stat.c: a case x code table as an SPSS .sav or Stata .dta data
 * set through ReadStat's writer, for analysis in SPSS, Stata or R (haven
 * reads both).  ReadStat hands over the bytes through a callback, which
 * writes them to fp. */
#include "report/vb-table-files.h"
#include "base/vb-error.h"

#include <errno.h>
#include <readstat.h>
#include <string.h>

static ssize_t
write_bytes (const void *data, size_t len, void *ctx)
{
  FILE *fp = ctx;
  return fwrite (data, 1, len, fp) == len ? (ssize_t) len : -1;
}

/* A variable name both packages take: a letter first, then letters,
 * digits and '_', at most 32 bytes (Stata's limit), unique. */
static char *
variable_name (GHashTable *taken, const char *id)
{
  GString *s = g_string_new (NULL);
  for (const char *p = id; *p && s->len < 32; p++)
    g_string_append_c (s, g_ascii_isalnum (*p) ? *p : '_');
  if (s->len == 0 || !g_ascii_isalpha (s->str[0]))
    g_string_prepend (s, "c_");
  g_string_truncate (s, 32);
  g_autofree char *stem = g_strdup (s->str);
  for (guint k = 2; g_hash_table_contains (taken, s->str); k++)
    {
      g_autofree char *suffix = g_strdup_printf ("_%u", k);
      g_string_printf (s, "%.*s%s", (int) (32 - strlen (suffix)), stem, suffix);
    }
  g_hash_table_add (taken, g_strdup (s->str));
  return g_string_free (s, FALSE);
}

#define CHECK(call)                                                                     \
  do                                                                                    \
    {                                                                                   \
      readstat_error_t e_ = (call);                                                     \
      if (e_ != READSTAT_OK)                                                            \
        {                                                                               \
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: %s", what,                   \
                       errno && e_ == READSTAT_ERROR_WRITE ? g_strerror (errno)          \
                                                           : readstat_error_message (e_)); \
          goto out;                                                                     \
        }                                                                               \
    }                                                                                   \
  while (0)

gboolean
vb_table_write_stat (const VbTable *t, VbCellMode mode, VbFormat format, FILE *fp,
                     GError **error)
{
  const char *what = format == VB_FORMAT_SAV ? "writing the SPSS data set"
                                             : "writing the Stata data set";
  gboolean ok = FALSE;
  guint nc = t->col_ids->len, nr = t->row_ids->len;
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  readstat_variable_t **vars = g_new0 (readstat_variable_t *, nc + 1);
  readstat_writer_t *w = readstat_writer_init ();
  readstat_set_data_writer (w, write_bytes);
  if (t->title)
    readstat_writer_set_file_label (w, t->title);
  readstat_writer_set_file_timestamp (w, vb_table_files_time ());

  size_t width = 1;
  for (guint r = 0; r < nr; r++)
    width = MAX (width, strlen (t->row_labels->pdata[r]));
  vars[0] = readstat_add_variable (w, "case", READSTAT_TYPE_STRING, width);
  readstat_variable_set_label (vars[0], t->corner && *t->corner ? t->corner : "case");
  readstat_label_set_t *raised = NULL;
  if (mode == VB_CELL_PRESENCE)
    {
      raised = readstat_add_label_set (w, READSTAT_TYPE_INT32, "raised");
      readstat_label_int32_value (raised, 0, "not raised");
      readstat_label_int32_value (raised, 1, "raised");
    }
  g_hash_table_add (taken, g_strdup ("case"));
  for (guint c = 0; c < nc; c++)
    {
      char *name = variable_name (taken, t->col_ids->pdata[c]);
      g_ptr_array_add (names, name);
      vars[c + 1] = readstat_add_variable (w, name, READSTAT_TYPE_INT32, 0);
      readstat_variable_set_label (vars[c + 1], t->col_labels->pdata[c]);
      readstat_variable_set_measure (vars[c + 1], raised ? READSTAT_MEASURE_NOMINAL
                                                         : READSTAT_MEASURE_SCALE);
      if (raised)
        readstat_variable_set_label_set (vars[c + 1], raised);
    }
  errno = 0;
  if (format == VB_FORMAT_SAV)
    CHECK (readstat_begin_writing_sav (w, fp, (long) nr));
  else
    CHECK (readstat_begin_writing_dta (w, fp, (long) nr));
  for (guint r = 0; r < nr; r++)
    {
      CHECK (readstat_begin_row (w));
      CHECK (readstat_insert_string_value (w, vars[0], t->row_labels->pdata[r]));
      for (guint c = 0; c < nc; c++)
        {
          const VbCell *cell = vb_table_cell ((VbTable *) t, r, c);
          gint32 v = mode == VB_CELL_PRESENCE ? cell->count > 0 : (gint32) cell->count;
          CHECK (readstat_insert_int32_value (w, vars[c + 1], v));
        }
      CHECK (readstat_end_row (w));
    }
  CHECK (readstat_end_writing (w));
  ok = TRUE;
out:
  readstat_writer_free (w);
  g_free (vars);
  return ok;
}
