/* vb-table-xlsx.c: tables as an Excel workbook through libxlsxwriter.
 *
 * libxlsxwriter writes to a named file only, so the workbook is made in a
 * temporary file and copied to fp; the caller's fp is what makes -o
 * atomic (vb-output.h).  Cells are laid out as the text formats lay them
 * out (report/vb-table-render.c), with numbers where a spreadsheet should
 * be able to add them up. */
#include "report/vb-table-files.h"
#include "base/vb-error.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

gboolean
vb_format_is_binary (VbFormat format)
{
  return format == VB_FORMAT_XLSX || format == VB_FORMAT_SAV || format == VB_FORMAT_DTA;
}

typedef struct {
  lxw_format *bold, *percent, *wrap;
} Formats;

/* Excel's sheet names: at most 31 characters, none of []:*?/\, unique
 * (case-insensitively). */
static char *
sheet_name (GHashTable *taken, const char *title)
{
  GString *s = g_string_new (NULL);
  for (const char *p = title && *title ? title : "Table"; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_utf8_strlen (s->str, -1) >= 31)
        break;
      if (c < 128 && strchr ("[]:*?/\\'", (int) c))
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, c);
    }
  while (s->len > 1 && s->str[s->len - 1] == ' ')
    g_string_truncate (s, s->len - 1);
  for (guint k = 2;; k++)
    {
      g_autofree char *fold = g_utf8_casefold (s->str, -1);
      if (!g_hash_table_contains (taken, fold))
        {
          g_hash_table_add (taken, g_steal_pointer (&fold));
          break;
        }
      /* "Title (2)", cutting the title to make room. */
      g_autofree char *suffix = g_strdup_printf (" (%u)", k);
      glong keep = MIN (g_utf8_strlen (s->str, -1), 31 - (glong) strlen (suffix));
      g_autofree char *head = g_utf8_substring (s->str, 0, keep);
      g_string_printf (s, "%s%s", head, suffix);
    }
  return g_string_free (s, FALSE);
}

/* A cell as printed, as a number where it is one ("12", "0.35", "60%"). */
static void
write_value (lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text, const Formats *f)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  if (*text != '\0' && end && *end == '\0')
    worksheet_write_number (ws, r, c, v, NULL);
  else if (*text != '\0' && end && end != text && strcmp (end, "%") == 0)
    worksheet_write_number (ws, r, c, v / 100.0, f->percent);
  else if (*text != '\0')
    worksheet_write_string (ws, r, c, text, f->wrap);
}

static void
write_table (lxw_worksheet *ws, const VbTable *t, VbCellMode mode, const VbScale *scale,
             const Formats *f, const char *after)
{
  guint nc = t->col_ids->len;
  gboolean two = mode == VB_CELL_FULL && t->words;
  gboolean base_col = t->row_base->len > 0 && mode != VB_CELL_QUOTES;
  guint per = two ? 2 : 1;
  lxw_row_t r = 0;
  worksheet_write_string (ws, r++, 0, t->title ? t->title : "", f->bold);
  worksheet_write_string (ws, r, 0, t->corner ? t->corner : "", f->bold);
  for (guint c = 0; c < nc; c++)
    {
      const char *label = t->col_labels->pdata[c];
      worksheet_write_string (ws, r, (lxw_col_t) (1 + c * per), label, f->bold);
      if (two)
        {
          g_autofree char *words = g_strdup_printf ("%s (words)", label);
          worksheet_write_string (ws, r, (lxw_col_t) (2 + c * per), words, f->bold);
        }
    }
  g_autofree char *base_label = g_strdup_printf ("Base (%s)", t->unit ? t->unit : "units");
  if (base_col)
    worksheet_write_string (ws, r, (lxw_col_t) (1 + nc * per), base_label, f->bold);
  r++;
  for (guint row = 0; row < t->row_ids->len; row++, r++)
    {
      /* Sub-themes indented under their parent, as in the txt table. */
      guint depth = g_array_index (t->row_depth, guint, row);
      g_autofree char *pad = g_strnfill (depth * 2, ' ');
      g_autofree char *label = g_strconcat (pad, t->row_labels->pdata[row], NULL);
      worksheet_write_string (ws, r, 0, label, NULL);
      for (guint c = 0; c < nc; c++)
        {
          const VbCell *cell = vb_table_cell ((VbTable *) t, row, c);
          lxw_col_t col = (lxw_col_t) (1 + c * per);
          if (mode == VB_CELL_JACCARD)
            {
              worksheet_write_number (ws, r, col, cell->value, NULL);
              continue;
            }
          g_autofree char *text = vb_cell_text (t, cell, two ? VB_CELL_COUNT : mode, scale);
          if (two && !cell->na && strcmp (text, VB_CELL_SUPPRESSED) != 0)
            worksheet_write_number (ws, r, col, cell->count, NULL);
          else if (mode == VB_CELL_LABEL || mode == VB_CELL_QUOTES)
            {
              if (*text)
                worksheet_write_string (ws, r, col, text, f->wrap);
            }
          else
            write_value (ws, r, col, text, f);
          if (two)
            {
              g_autofree char *full = vb_cell_text (t, cell, VB_CELL_FULL, scale);
              if (*full)
                worksheet_write_string (ws, r, col + 1, full, NULL);
            }
        }
      if (base_col)
        worksheet_write_number (ws, r, (lxw_col_t) (1 + nc * per),
                                g_array_index (t->row_base, guint, row), NULL);
    }
  if (mode != VB_CELL_QUOTES && mode != VB_CELL_JACCARD && !base_col && t->words)
    {
      worksheet_write_string (ws, r, 0, base_label, f->bold);
      for (guint c = 0; c < nc; c++)
        worksheet_write_number (ws, r, (lxw_col_t) (1 + c * per),
                                g_array_index (t->col_base, guint, c), NULL);
      r++;
    }
  g_autoptr (GPtrArray) notes = vb_table_notes (t, mode, scale, VB_FORMAT_TXT);
  r++;
  for (guint i = 0; i < notes->len; i++)
    worksheet_write_string (ws, r++, 0, notes->pdata[i], NULL);
  if (after && *after)
    {
      g_auto (GStrv) lines = g_strsplit (after, "\n", -1);
      for (guint i = 0; lines[i]; i++)
        if (*lines[i])
          worksheet_write_string (ws, r++, 0, lines[i], NULL);
    }
  worksheet_set_column (ws, 0, 0, 36, NULL);
  worksheet_set_column (ws, 1, (lxw_col_t) (nc * per + 1), mode == VB_CELL_QUOTES ? 48 : 16,
                        NULL);
}

time_t
vb_table_files_time (void)
{
  const char *e = g_getenv ("SOURCE_DATE_EPOCH");
  char *end = NULL;
  gint64 v = e ? g_ascii_strtoll (e, &end, 10) : 0;
  return e && end && *end == '\0' && v > 0 ? (time_t) v : (time_t) 946684800;
}

gboolean
vb_tables_write_xlsx (VbTable *const *tables, const VbCellMode *modes, guint n,
                      const VbScale *scale, const char *after, FILE *fp, GError **error)
{
  g_autoptr (GError) terr = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("verba-XXXXXX.xlsx", &path, &terr);
  if (fd < 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "xlsx: %s", terr->message);
      return FALSE;
    }
  close (fd);
  lxw_workbook *wb = workbook_new (path);
  if (wb == NULL)
    {
      g_unlink (path);
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "xlsx: cannot start a workbook in %s", path);
      return FALSE;
    }
  lxw_doc_properties props = { 0 };
  props.author = (char *) "verba";
  props.created = vb_table_files_time ();
  workbook_set_properties (wb, &props);
  Formats f = { workbook_add_format (wb), workbook_add_format (wb), workbook_add_format (wb) };
  format_set_bold (f.bold);
  format_set_num_format (f.percent, "0%");
  format_set_text_wrap (f.wrap);
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = sheet_name (taken, tables[i]->title);
      lxw_worksheet *ws = workbook_add_worksheet (wb, name);
      write_table (ws, tables[i], modes[i], scale, &f, i + 1 == n ? after : NULL);
    }
  lxw_error e = workbook_close (wb);
  gboolean ok = e == LXW_NO_ERROR;
  if (!ok)
    g_set_error (error, VB_ERROR, VB_ERROR_IO, "xlsx: %s", lxw_strerror (e));
  gsize len = 0;
  g_autofree char *bytes = NULL;
  if (ok && !g_file_get_contents (path, &bytes, &len, &terr))
    {
      ok = FALSE;
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "xlsx: %s", terr->message);
    }
  g_unlink (path);
  if (ok && fwrite (bytes, 1, len, fp) != len)
    {
      ok = FALSE;
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "writing the workbook: %s", g_strerror (errno));
    }
  return ok;
}
