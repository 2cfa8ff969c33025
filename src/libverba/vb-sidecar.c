#include "vb-sidecar.h"
#include "vb-error.h"
#include "vb-lines.h"

#include <csv.h>
#include <string.h>

typedef struct {
  char    *id;
  VbAttrs *attrs;
  guint    line;
  gboolean used;
} Row;

struct _VbSidecar {
  char       *path;
  GPtrArray  *rows;   /* Row*, file order */
  GHashTable *by_id;  /* id -> Row* */
};

static void
row_free (gpointer p)
{
  Row *row = p;
  g_free (row->id);
  vb_attrs_free (row->attrs);
  g_free (row);
}

/* Parser state for libcsv's callbacks. */
typedef struct {
  VbSidecar *sc;
  GPtrArray *header;   /* normalised column keys */
  GPtrArray *fields;   /* current record */
  guint      line;     /* line being fed */
  guint      rec_line; /* line where the current record started */
  GError    *error;
} Parse;

static void
on_field (void *data, size_t len, void *user)
{
  Parse *p = user;
  if (p->fields->len == 0)
    p->rec_line = p->line;
  g_ptr_array_add (p->fields, g_strndup (data ? data : "", len));
}

static void
on_record (int c, void *user)
{
  Parse *p = user;
  if (p->error)
    goto done;
  if (p->header == NULL)
    {
      p->header = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < p->fields->len; i++)
        g_ptr_array_add (p->header, vb_attr_key_normalize (p->fields->pdata[i]));
      const char *first = p->header->len ? p->header->pdata[0] : "";
      if (strcmp (first, "document") != 0 && strcmp (first, "id") != 0)
        g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                     "%s:%u: the first column must be 'document' (the document id), found '%s'",
                     p->sc->path, p->rec_line, first);
      for (guint i = 1; i < p->header->len && !p->error; i++)
        if (vb_attr_key_is_reserved (p->header->pdata[i]))
          g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column %u: '%s' is reserved for the segments stream",
                       p->sc->path, p->rec_line, i + 1, (char *) p->header->pdata[i]);
      goto done;
    }
  if (p->fields->len == 1 && *(char *) p->fields->pdata[0] == '\0')
    goto done; /* blank line */
  if (p->fields->len != p->header->len)
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: expected %u columns as in the header, found %u",
                   p->sc->path, p->rec_line, p->header->len, p->fields->len);
      goto done;
    }
  const char *id = g_strstrip ((char *) p->fields->pdata[0]);
  if (g_hash_table_contains (p->sc->by_id, id))
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: document '%s' has a second row", p->sc->path, p->rec_line, id);
      goto done;
    }
  Row *row = g_new0 (Row, 1);
  row->id = g_strdup (id);
  row->line = p->rec_line;
  row->attrs = vb_attrs_new ();
  for (guint i = 1; i < p->fields->len; i++)
    {
      char *v = g_strstrip ((char *) p->fields->pdata[i]);
      if (*v == '\0')
        continue;
      /* A spreadsheet's trailing empty columns are harmless; a value under
       * a header with no name would become an attribute with no key
       * (tests/fuzz/fuzz-sidecar). */
      if (*(const char *) p->header->pdata[i] == '\0')
        {
          g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column %u has a value but its header names no attribute "
                       "(no letter or digit)", p->sc->path, p->rec_line, i + 1);
          row_free (row);
          goto done;
        }
      vb_attrs_set (row->attrs, p->header->pdata[i], v, p->rec_line);
    }
  g_ptr_array_add (p->sc->rows, row);
  g_hash_table_insert (p->sc->by_id, row->id, row);
done:
  g_ptr_array_set_size (p->fields, 0);
  (void) c;
}

VbSidecar *
vb_sidecar_load (const char *path, GError **error)
{
  g_autoptr (VbSource) src = vb_source_load (path, error);
  if (src == NULL)
    return NULL;
  g_autoptr (VbSidecar) sc = g_new0 (VbSidecar, 1);
  sc->path = g_strdup (path);
  sc->rows = g_ptr_array_new_with_free_func (row_free);
  sc->by_id = g_hash_table_new (g_str_hash, g_str_equal);

  struct csv_parser parser;
  csv_init (&parser, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL);
  Parse p = { sc, NULL, g_ptr_array_new_with_free_func (g_free), 0, 0, NULL };
  /* Fed a line at a time so that each record knows the line it starts on. */
  VbLineIter it;
  VbLine line;
  vb_line_iter_init (&it, src);
  while (p.error == NULL && vb_line_iter_next (&it, &line))
    {
      p.line = line.number;
      gsize n = line.len;
      const char *end = line.text + n;
      if (end < src->data + src->len)
        n += (*end == '\r' && end + 1 < src->data + src->len && end[1] == '\n') ? 2 : 1;
      if (csv_parse (&parser, line.text, n, on_field, on_record, &p) != n)
        g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", path, line.number,
                     csv_strerror (csv_error (&parser)));
    }
  if (p.error == NULL && csv_fini (&parser, on_field, on_record, &p) != 0)
    g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", path, p.rec_line,
                 csv_strerror (csv_error (&parser)));
  csv_free (&parser);
  g_ptr_array_unref (p.fields);
  if (p.header)
    g_ptr_array_unref (p.header);
  else if (p.error == NULL)
    g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE, "%s: empty file: expected a header row", path);
  if (p.error)
    {
      g_propagate_error (error, p.error);
      return NULL;
    }
  return g_steal_pointer (&sc);
}

void
vb_sidecar_free (VbSidecar *sc)
{
  if (sc == NULL)
    return;
  g_free (sc->path);
  g_ptr_array_unref (sc->rows);
  g_hash_table_unref (sc->by_id);
  g_free (sc);
}

const char *
vb_sidecar_path (const VbSidecar *sc)
{
  return sc->path;
}

const VbAttrs *
vb_sidecar_lookup (VbSidecar *sc, const char *document)
{
  Row *row = g_hash_table_lookup (sc->by_id, document);
  if (row == NULL)
    return NULL;
  row->used = TRUE;
  return row->attrs;
}

GPtrArray *
vb_sidecar_unused (const VbSidecar *sc)
{
  GPtrArray *out = g_ptr_array_new ();
  for (guint i = 0; i < sc->rows->len; i++)
    {
      Row *row = sc->rows->pdata[i];
      if (!row->used)
        g_ptr_array_add (out, row->id);
    }
  return out;
}
