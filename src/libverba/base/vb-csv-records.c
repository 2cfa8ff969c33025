#include "base/vb-csv-records.h"
#include "base/vb-error.h"

#include <csv.h>

typedef struct {
  VbCsvRecordFunc on_record;
  gpointer        data;
  GPtrArray      *fields;
  guint           line;     /* line being fed */
  guint           rec_line; /* line where the current record started */
  gboolean        stopped;
} Feed;

static void
on_field (void *s, size_t n, void *user)
{
  Feed *f = user;
  if (f->fields->len == 0)
    f->rec_line = f->line;
  g_ptr_array_add (f->fields, g_strndup (s ? s : "", n));
}

static void
on_record (int c, void *user)
{
  Feed *f = user;
  (void) c;
  if (!f->stopped && !f->on_record (f->fields, f->rec_line, f->data))
    f->stopped = TRUE;
  g_ptr_array_set_size (f->fields, 0);
}

gboolean
vb_csv_records (const VbSource *src, int options, VbCsvRecordFunc record, gpointer data,
                guint *bad_line, gboolean *at_end, GError **error)
{
  struct csv_parser parser;
  csv_init (&parser, options);
  Feed f = { record, data, g_ptr_array_new_with_free_func (g_free), 0, 0, FALSE };
  gboolean bad = FALSE;
  /* Fed a line at a time so that each record knows the line it starts on. */
  VbLineIter it;
  VbLine line;
  vb_line_iter_init (&it, src);
  while (!f.stopped && vb_line_iter_next (&it, &line))
    {
      f.line = line.number;
      gsize n = line.len;
      const char *end = line.text + n;
      if (end < src->data + src->len)
        n += (*end == '\r' && end + 1 < src->data + src->len && end[1] == '\n') ? 2 : 1;
      if (csv_parse (&parser, line.text, n, on_field, on_record, &f) != n)
        {
          *bad_line = line.number;
          *at_end = FALSE;
          bad = TRUE;
          break;
        }
    }
  if (!bad && !f.stopped && csv_fini (&parser, on_field, on_record, &f) != 0)
    {
      *bad_line = f.rec_line;
      *at_end = TRUE;
      bad = TRUE;
    }
  if (bad)
    g_set_error_literal (error, VB_ERROR, VB_ERROR_PARSE, csv_strerror (csv_error (&parser)));
  csv_free (&parser);
  g_ptr_array_unref (f.fields);
  return !bad && !f.stopped;
}
