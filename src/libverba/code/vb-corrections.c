#include "code/vb-corrections.h"
#include "base/vb-error.h"
#include "base/vb-lines.h"
#include "base/vb-csv-records.h"
#include "stream/vb-segment.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char    *document;
  guint    segment;   /* 0: by anchor only */
  char    *text;      /* anchor, or NULL */
  char    *code;
  gboolean add;
  char    *source;    /* "edit:WHO" */
  guint    line;
  /* What the stream did with it, under the lock. */
  guint    n_matched;
  guint    first, second;  /* the two lowest segments matched */
} Row;

struct _VbCorrections {
  char       *path;
  GPtrArray  *rows;    /* Row*, file order */
  GHashTable *by_doc;  /* document -> GPtrArray of Row*, file order */
  GMutex      lock;
};

static void
row_free (gpointer p)
{
  Row *r = p;
  g_free (r->document);
  g_free (r->text);
  g_free (r->code);
  g_free (r->source);
  g_free (r);
}

enum { COL_DOCUMENT, COL_SEGMENT, COL_TEXT, COL_CODE, COL_ACTION, COL_WHO, COL_WHY, N_COLS };
static const char *const col_names[N_COLS] = {
  "document", "segment", "text", "code", "action", "who", "why"
};

typedef struct {
  VbCorrections    *c;
  const VbCodebook *cb;
  int               col[N_COLS];  /* field index of each column, -1 if absent */
  guint             n_fields;
  gboolean          have_header;
  GError           *error;
} Parse;

static gboolean
parse_header (Parse *p, GPtrArray *fields, guint line)
{
  for (guint k = 0; k < N_COLS; k++)
    p->col[k] = -1;
  for (guint i = 0; i < fields->len; i++)
    {
      g_autofree char *key = vb_attr_key_normalize (fields->pdata[i]);
      guint k = 0;
      while (k < N_COLS && strcmp (key, col_names[k]) != 0)
        k++;
      if (k == N_COLS)
        {
          g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column %u: unknown column '%s' (known: document, segment, "
                       "text, code, action, who, why)", p->c->path, line, i + 1,
                       (char *) fields->pdata[i]);
          return FALSE;
        }
      if (p->col[k] >= 0)
        {
          g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: column '%s' twice",
                       p->c->path, line, col_names[k]);
          return FALSE;
        }
      p->col[k] = (int) i;
    }
  const guint needed[] = { COL_DOCUMENT, COL_CODE, COL_ACTION, COL_WHO };
  for (guint j = 0; j < G_N_ELEMENTS (needed); j++)
    if (p->col[needed[j]] < 0)
      {
        g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: no '%s' column",
                     p->c->path, line, col_names[needed[j]]);
        return FALSE;
      }
  if (p->col[COL_SEGMENT] < 0 && p->col[COL_TEXT] < 0)
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: no 'segment' or 'text' column: say which segment each row corrects",
                   p->c->path, line);
      return FALSE;
    }
  p->n_fields = fields->len;
  p->have_header = TRUE;
  return TRUE;
}

static const char *
field (Parse *p, GPtrArray *fields, guint k)
{
  return p->col[k] < 0 ? "" : g_strstrip ((char *) fields->pdata[p->col[k]]);
}

static gboolean
on_record (GPtrArray *fields, guint line, gpointer data)
{
  Parse *p = data;
  if (!p->have_header)
    return parse_header (p, fields, line);
  if (fields->len == 1 && *(char *) fields->pdata[0] == '\0')
    return TRUE; /* blank line */
  const char *path = p->c->path;
  if (fields->len != p->n_fields)
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: expected %u columns as in the header, found %u", path, line,
                   p->n_fields, fields->len);
      return FALSE;
    }
  const char *doc = field (p, fields, COL_DOCUMENT);
  const char *seg = field (p, fields, COL_SEGMENT);
  const char *text = field (p, fields, COL_TEXT);
  const char *code = field (p, fields, COL_CODE);
  const char *action = field (p, fields, COL_ACTION);
  const char *who = field (p, fields, COL_WHO);
  const char *bad = NULL;
  guint64 n = 0;
  if (*doc == '\0')
    bad = "no document";
  else if (*seg == '\0' && *text == '\0')
    bad = "no segment number or text anchor";
  else if (*seg && (!g_ascii_string_to_unsigned (seg, 10, 1, G_MAXUINT, &n, NULL)))
    bad = "the segment must be a number from 1";
  else if (*code == '\0')
    bad = "no code";
  else if (strcmp (action, "add") != 0 && strcmp (action, "remove") != 0)
    bad = "the action must be 'add' or 'remove'";
  else if (*who == '\0')
    bad = "no 'who': say who made the correction";
  if (bad)
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", path, line, bad);
      return FALSE;
    }
  if (vb_codebook_lookup (p->cb, code) == NULL)
    {
      g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: code '%s' is not in the codebook", path, line, code);
      return FALSE;
    }
  Row *r = g_new0 (Row, 1);
  r->document = g_strdup (doc);
  r->segment = (guint) n;
  r->text = *text ? g_strdup (text) : NULL;
  r->code = g_strdup (code);
  r->add = strcmp (action, "add") == 0;
  r->source = g_strconcat ("edit:", who, NULL);
  r->line = line;
  g_ptr_array_add (p->c->rows, r);
  GPtrArray *list = g_hash_table_lookup (p->c->by_doc, r->document);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (p->c->by_doc, r->document, list);
    }
  g_ptr_array_add (list, r);
  return TRUE;
}

VbCorrections *
vb_corrections_load (const char *path, const VbCodebook *cb, GError **error)
{
  g_autoptr (VbSource) src = vb_source_load (path, error);
  if (src == NULL)
    return NULL;
  g_autoptr (VbCorrections) c = g_new0 (VbCorrections, 1);
  c->path = g_strdup (path);
  c->rows = g_ptr_array_new_with_free_func (row_free);
  c->by_doc = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                     (GDestroyNotify) g_ptr_array_unref);
  g_mutex_init (&c->lock);
  Parse p = { .c = c, .cb = cb };
  guint bad_line;
  gboolean at_end;
  g_autoptr (GError) csv_error = NULL;
  if (!vb_csv_records (src, CSV_STRICT | CSV_APPEND_NULL, on_record, &p, &bad_line, &at_end,
                       &csv_error) && csv_error != NULL && p.error == NULL)
    g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", path, bad_line,
                 csv_error->message);
  if (p.error == NULL && !p.have_header)
    g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE, "%s: empty file: expected a header row",
                 path);
  if (p.error)
    {
      g_propagate_error (error, p.error);
      return NULL;
    }
  return g_steal_pointer (&c);
}

void
vb_corrections_free (VbCorrections *c)
{
  if (c == NULL)
    return;
  g_free (c->path);
  if (c->rows)
    g_ptr_array_unref (c->rows);
  if (c->by_doc)
    g_hash_table_unref (c->by_doc);
  g_mutex_clear (&c->lock);
  g_free (c);
}

static gboolean
row_matches (const Row *r, const VbSegment *seg)
{
  if (r->segment && r->segment != seg->index)
    return FALSE;
  return r->text == NULL || strstr (seg->text, r->text) != NULL;
}

/* A correction replaces what the machine decided, and an earlier edit of
 * the same code: the last row about a segment and code wins. */
static void
drop_machine_codings (VbSegment *seg, const char *code)
{
  for (guint i = seg->codings->len; i-- > 0;)
    {
      const VbCoding *k = &g_array_index (seg->codings, VbCoding, i);
      if (strcmp (k->code, code) == 0
          && (g_str_has_prefix (k->source, "rule:") || g_str_has_prefix (k->source, "model:")
              || g_str_has_prefix (k->source, "edit:")))
        g_array_remove_index (seg->codings, i);
    }
}

static void
apply_row (const Row *r, VbSegment *seg)
{
  vb_segment_ensure_codings (seg);
  drop_machine_codings (seg, r->code);
  if (r->add)
    vb_segment_add_coding (seg, r->code, 0, (guint) g_utf8_strlen (seg->text, -1), r->source);
}

void
vb_corrections_apply (VbCorrections *c, GPtrArray *doc)
{
  if (doc->len == 0)
    return;
  const VbSegment *first = doc->pdata[0];
  /* Read-only after loading: only the counts need the lock. */
  GPtrArray *list = g_hash_table_lookup (c->by_doc, first->document);
  if (list == NULL)
    return;
  for (guint i = 0; i < doc->len; i++)
    {
      VbSegment *seg = doc->pdata[i];
      for (guint j = 0; j < list->len; j++)
        {
          Row *r = list->pdata[j];
          if (!row_matches (r, seg))
            continue;
          apply_row (r, seg);
          g_mutex_lock (&c->lock);
          if (r->n_matched == 0 || seg->index < r->first)
            {
              r->second = r->n_matched ? r->first : 0;
              r->first = seg->index;
            }
          else if (r->second == 0 || seg->index < r->second)
            r->second = seg->index;
          r->n_matched++;
          g_mutex_unlock (&c->lock);
        }
    }
}

gboolean
vb_corrections_check (const VbCorrections *c, GError **error)
{
  for (guint i = 0; i < c->rows->len; i++)
    {
      const Row *r = c->rows->pdata[i];
      if (r->n_matched == 0)
        {
          if (r->text && r->segment)
            g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                         "%s:%u: segment %u of document '%s' does not contain '%s' "
                         "(or is not in the stream)", c->path, r->line, r->segment,
                         r->document, r->text);
          else if (r->text)
            g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                         "%s:%u: no segment of document '%s' contains '%s'", c->path,
                         r->line, r->document, r->text);
          else
            g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                         "%s:%u: document '%s' has no segment %u in the stream", c->path,
                         r->line, r->document, r->segment);
          return FALSE;
        }
      if (r->n_matched > 1 && r->text == NULL)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: document '%s' comes %u times in the stream, each with a "
                       "segment %u", c->path, r->line, r->document, r->n_matched, r->segment);
          return FALSE;
        }
      if (r->n_matched > 1)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: '%s' occurs in %u segments of document '%s' (%u, %u%s): "
                       "give the segment number too, or a longer anchor", c->path, r->line,
                       r->text, r->n_matched, r->document, r->first, r->second,
                       r->n_matched > 2 ? ", …" : "");
          return FALSE;
        }
    }
  return TRUE;
}

guint
vb_corrections_n_applied (const VbCorrections *c)
{
  guint n = 0;
  for (guint i = 0; i < c->rows->len; i++)
    n += ((const Row *) c->rows->pdata[i])->n_matched > 0;
  return n;
}
