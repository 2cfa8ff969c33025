#include "analysis/vb-pseudonym.h"
#include "base/vb-csv-records.h"
#include "base/vb-error.h"

#include <csv.h>
#include <string.h>

struct _VbPseudonyms {
  gboolean      names;
  GHashTable   *given;    /* "document\x1fspeaker" -> pseudonym */
  GHashTable   *numbered; /* "document\x1fspeaker" -> "participant N" */
  GHashTable   *counts;   /* "document\x1fkind" -> count (as pointer) */
  GStringChunk *chunk;
};

VbPseudonyms *
vb_pseudonyms_new (gboolean names)
{
  VbPseudonyms *p = g_new0 (VbPseudonyms, 1);
  p->names = names;
  p->given = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p->numbered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->chunk = g_string_chunk_new (1024);
  return p;
}

void
vb_pseudonyms_free (VbPseudonyms *p)
{
  if (p == NULL)
    return;
  g_hash_table_unref (p->given);
  g_hash_table_unref (p->numbered);
  g_hash_table_unref (p->counts);
  g_string_chunk_free (p->chunk);
  g_free (p);
}

gboolean
vb_pseudonyms_names (const VbPseudonyms *p)
{
  return p->names;
}

typedef struct {
  VbPseudonyms *p;
  const char   *path;
  int           col[3]; /* document, speaker, pseudonym; -1 until the header */
  gboolean      header_read;
  GError       *error;
} Load;

static gboolean
on_record (GPtrArray *fields, guint line, gpointer data)
{
  Load *ld = data;
  static const char *const want[] = { "document", "speaker", "pseudonym" };
  if (!ld->header_read)
    {
      ld->header_read = TRUE;
      for (guint k = 0; k < G_N_ELEMENTS (want); k++)
        {
          ld->col[k] = -1;
          for (guint i = 0; i < fields->len; i++)
            if (g_ascii_strcasecmp (g_strstrip ((char *) fields->pdata[i]), want[k]) == 0)
              ld->col[k] = (int) i;
          if (ld->col[k] < 0)
            {
              g_set_error (&ld->error, VB_ERROR, VB_ERROR_PARSE,
                           "%s:%u: no column '%s' (a pseudonyms file has document, speaker "
                           "and pseudonym)", ld->path, line, want[k]);
              return FALSE;
            }
        }
      return TRUE;
    }
  const char *v[3];
  for (guint k = 0; k < 3; k++)
    {
      if ((guint) ld->col[k] >= fields->len)
        {
          g_set_error (&ld->error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %u fields, expected at least %d",
                       ld->path, line, fields->len, ld->col[k] + 1);
          return FALSE;
        }
      v[k] = g_strstrip ((char *) fields->pdata[ld->col[k]]);
    }
  if (*v[2] == '\0')
    {
      g_set_error (&ld->error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: empty pseudonym for '%s' in %s",
                   ld->path, line, v[1], v[0]);
      return FALSE;
    }
  g_autofree char *key = g_strconcat (v[0], "\x1f", v[1], NULL);
  if (g_hash_table_contains (ld->p->given, key))
    {
      g_set_error (&ld->error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: speaker '%s' of %s is given a pseudonym twice", ld->path, line, v[1],
                   v[0]);
      return FALSE;
    }
  g_hash_table_insert (ld->p->given, g_steal_pointer (&key), g_strdup (v[2]));
  return TRUE;
}

gboolean
vb_pseudonyms_load (VbPseudonyms *p, const char *path, GError **error)
{
  g_autoptr (VbSource) src = vb_source_load (path, error);
  if (src == NULL)
    return FALSE;
  Load ld = { p, path, { -1, -1, -1 }, FALSE, NULL };
  guint bad_line = 0;
  gboolean at_end = FALSE;
  g_autoptr (GError) csv_error = NULL;
  if (!vb_csv_records (src, CSV_STRICT | CSV_APPEND_NULL, on_record, &ld, &bad_line, &at_end,
                       &csv_error)
      && csv_error != NULL && ld.error == NULL)
    g_set_error (&ld.error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", path, bad_line,
                 csv_error->message);
  if (ld.error == NULL && !ld.header_read)
    g_set_error (&ld.error, VB_ERROR, VB_ERROR_PARSE,
                 "%s: empty file: expected a header row (document,speaker,pseudonym)", path);
  if (ld.error)
    {
      g_propagate_error (error, ld.error);
      return FALSE;
    }
  return TRUE;
}

/* Rule 3 of vb-pseudonym.h: labels that name no one. */
static gboolean
names_no_one (const VbSegment *seg)
{
  static const char *const roles[] = {
    "respondent", "participant", "interviewee", "moderator", "interviewer", "a", "q", "r",
  };
  const char *s = seg->speaker;
  if (g_strcmp0 (s, seg->document) == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (g_ascii_strcasecmp (s, roles[i]) == 0)
      return TRUE;
  const char *q = s;
  while (g_ascii_isalpha (*q))
    q++;
  if (*q == ' ' && q > s)
    q++;
  if (!g_ascii_isdigit (*q))
    return FALSE;
  while (g_ascii_isdigit (*q))
    q++;
  return *q == '\0';
}

static const char *
given (VbPseudonyms *p, const VbSegment *seg, const char *key)
{
  const char *g = g_hash_table_lookup (p->given, key);
  if (g)
    return g;
  g = seg->attrs ? vb_attrs_get (seg->attrs, "pseudonym") : NULL;
  return g && *g ? g : NULL;
}

void
vb_pseudonyms_see (VbPseudonyms *p, const VbSegment *seg)
{
  if (p->names || seg->speaker == NULL || *seg->speaker == '\0' || names_no_one (seg))
    return;
  g_autofree char *key = g_strconcat (seg->document, "\x1f", seg->speaker, NULL);
  if (g_hash_table_contains (p->numbered, key) || given (p, seg, key))
    return;
  const char *kind = seg->role == VB_ROLE_PARTICIPANT ? "participant" : "moderator";
  g_autofree char *ckey = g_strconcat (seg->document, "\x1f", kind, NULL);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (p->counts, ckey)) + 1;
  g_hash_table_insert (p->counts, g_steal_pointer (&ckey), GUINT_TO_POINTER (n));
  g_autofree char *label = g_strdup_printf ("%s %u", kind, n);
  g_hash_table_insert (p->numbered, g_steal_pointer (&key),
                       g_string_chunk_insert_const (p->chunk, label));
}

const char *
vb_pseudonyms_speaker (VbPseudonyms *p, const VbSegment *seg)
{
  if (seg->speaker == NULL || *seg->speaker == '\0')
    return NULL;
  if (p->names)
    return seg->speaker;
  g_autofree char *key = g_strconcat (seg->document, "\x1f", seg->speaker, NULL);
  const char *g = given (p, seg, key);
  if (g)
    return g_string_chunk_insert_const (p->chunk, g);
  if (names_no_one (seg))
    return seg->speaker;
  vb_pseudonyms_see (p, seg);
  return g_hash_table_lookup (p->numbered, key);
}
