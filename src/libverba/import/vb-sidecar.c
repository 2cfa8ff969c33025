#include "import/vb-sidecar.h"
#include "base/vb-error.h"
#include "base/vb-lines.h"
#include "base/vb-csv-records.h"

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
  gboolean    participants; /* second column 'speaker': rows are people */
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

/* State of the reading, for each record. */
typedef struct {
  VbSidecar *sc;
  GPtrArray *header;   /* normalised column keys */
  GError    *error;
} Parse;

static gboolean
on_record (GPtrArray *fields, guint rec_line, gpointer user)
{
  Parse *p = user;
  if (p->header == NULL)
    {
      p->header = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < fields->len; i++)
        g_ptr_array_add (p->header, vb_attr_key_normalize (fields->pdata[i]));
      const char *first = p->header->len ? p->header->pdata[0] : "";
      if (strcmp (first, "document") != 0 && strcmp (first, "id") != 0)
        g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                     "%s:%u: the first column must be 'document' (the document id), found '%s'",
                     p->sc->path, rec_line, first);
      /* document, speaker, …: a row is a person, whose attributes go on
       * that speaker's segments. */
      p->sc->participants = p->header->len > 1 && strcmp (p->header->pdata[1], "speaker") == 0;
      guint first_attr = p->sc->participants ? 2 : 1;
      for (guint i = first_attr; i < p->header->len && !p->error; i++)
        {
          const char *key = p->header->pdata[i];
          if (vb_attr_key_is_reserved (key))
            g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                         "%s:%u: column %u: '%s' is reserved for the segments stream",
                         p->sc->path, rec_line, i + 1, key);
          /* "Region" and "region" would keep one value of the two: a
           * hand-made file, so it is for its author to say which. */
          for (guint j = 0; j < i && !p->error && *key; j++)
            if (strcmp (p->header->pdata[j], key) == 0)
              g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                           "%s:%u: columns %u ('%s') and %u ('%s') are one attribute, '%s'; "
                           "rename one", p->sc->path, rec_line, j + 1,
                           (char *) fields->pdata[j], i + 1, (char *) fields->pdata[i], key);
        }
      return p->error == NULL;
    }
  if (fields->len == 1 && *(char *) fields->pdata[0] == '\0')
    return TRUE; /* blank line */
  if (fields->len != p->header->len)
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: expected %u columns as in the header, found %u",
                   p->sc->path, rec_line, p->header->len, fields->len);
      return FALSE;
    }
  const char *doc = g_strstrip ((char *) fields->pdata[0]);
  const char *who = p->sc->participants ? g_strstrip ((char *) fields->pdata[1]) : NULL;
  if (who && *who == '\0')
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: a participant's row needs a speaker", p->sc->path, rec_line);
      return FALSE;
    }
  g_autofree char *id = who ? g_strconcat (doc, "\x1f", who, NULL) : g_strdup (doc);
  if (g_hash_table_contains (p->sc->by_id, id))
    {
      if (who)
        g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                     "%s:%u: speaker '%s' of document '%s' has a second row", p->sc->path,
                     rec_line, who, doc);
      else
        g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                     "%s:%u: document '%s' has a second row", p->sc->path, rec_line, doc);
      return FALSE;
    }
  Row *row = g_new0 (Row, 1);
  row->id = g_steal_pointer (&id);
  row->line = rec_line;
  row->attrs = vb_attrs_new ();
  for (guint i = who ? 2 : 1; i < fields->len; i++)
    {
      char *v = g_strstrip ((char *) fields->pdata[i]);
      if (*v == '\0')
        continue;
      /* A spreadsheet's trailing empty columns are harmless; a value under
       * a header with no name would become an attribute with no key
       * (tests/fuzz/fuzz-sidecar). */
      if (*(const char *) p->header->pdata[i] == '\0')
        {
          g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column %u has a value but its header names no attribute "
                       "(no letter or digit)", p->sc->path, rec_line, i + 1);
          row_free (row);
          return FALSE;
        }
      vb_attrs_set (row->attrs, p->header->pdata[i], v, rec_line);
    }
  g_ptr_array_add (p->sc->rows, row);
  g_hash_table_insert (p->sc->by_id, row->id, row);
  return TRUE;
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

  Parse p = { sc, NULL, NULL };
  guint bad_line;
  gboolean at_end;
  g_autoptr (GError) csv_error = NULL;
  if (!vb_csv_records (src, CSV_STRICT | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL, on_record, &p,
                       &bad_line, &at_end, &csv_error) && csv_error != NULL && p.error == NULL)
    g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", path, bad_line,
                 csv_error->message);
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

gboolean
vb_sidecar_is_participants (const VbSidecar *sc)
{
  return sc->participants;
}

const VbAttrs *
vb_sidecar_lookup_speaker (VbSidecar *sc, const char *document, const char *speaker)
{
  if (!sc->participants || speaker == NULL || *speaker == '\0')
    return NULL;
  g_autofree char *id = g_strconcat (document, "\x1f", speaker, NULL);
  return vb_sidecar_lookup (sc, id);
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
