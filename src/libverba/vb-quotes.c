#include "vb-quotes.h"

#include <string.h>

static char *
expand_template (const VbSegment *seg, const char *tmpl)
{
  GString *out = g_string_new (NULL);
  for (const char *p = tmpl; *p; p++)
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      if (close == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      g_autofree char *key = g_strndup (p + 1, close - p - 1);
      const char *v = vb_segment_value (seg, key);
      g_string_append (out, v ? v : "");
      p = close;
    }
  return g_string_free (out, FALSE);
}

char *
vb_quote_attribution (const VbSegment *seg, const char *tmpl)
{
  if (tmpl && *tmpl)
    return expand_template (seg, tmpl);
  const char *a = vb_attrs_get (seg->attrs, "attribution");
  if (a && *a)
    return g_strdup (a);
  const char *loc = vb_attrs_get (seg->attrs, "location");
  const char *age = vb_attrs_get (seg->attrs, "age");
  const char *grade = vb_attrs_get (seg->attrs, "grade");
  if (loc && age && grade)
    return g_strdup_printf ("%s, %s, %s", loc, age, grade);
  /* A consultation answer's speaker is its respondent: say it once. */
  if (seg->speaker && *seg->speaker && g_strcmp0 (seg->speaker, seg->document) != 0)
    return g_strdup_printf ("%s, %s", seg->document, seg->speaker);
  return g_strdup (seg->document);
}

char *
vb_text_shorten (const char *s, guint max_chars)
{
  char *text = g_strdup (s);
  /* A verbatim is one paragraph in a table cell. */
  g_strdelimit (text, "\n\t", ' ');
  glong len = g_utf8_strlen (text, -1);
  if (max_chars == 0 || len <= (glong) max_chars)
    return text;
  char *cut = g_utf8_offset_to_pointer (text, max_chars);
  /* Back to the last word boundary unless the cut already is one. */
  gboolean at_boundary = g_unichar_isspace (g_utf8_get_char (cut));
  *cut = '\0';
  char *space = strrchr (text, ' ');
  if (!at_boundary && space && space > text + strlen (text) / 2)
    *space = '\0';
  char *shorter = g_strconcat (g_strchomp (text), "…", NULL);
  g_free (text);
  return shorter;
}

char *
vb_quote_format (const VbSegment *seg, const char *tmpl, guint max_chars)
{
  g_autofree char *attr = vb_quote_attribution (seg, tmpl);
  g_autofree char *text = vb_text_shorten (seg->text, max_chars);
  gsize alen = strlen (attr);
  gboolean stop = alen == 0 || attr[alen - 1] == '.';
  if (alen == 0)
    return g_strdup_printf ("\"%s\"", text);
  return g_strdup_printf ("\"%s\" %s%s", text, attr, stop ? "" : ".");
}

typedef struct {
  const VbSegment *seg;
  guint            order;  /* position in the input: the final tie-break */
  guint            hits;
  guint            distance; /* from a readable length */
} Candidate;

static gint
candidate_compare (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  if (x->hits != y->hits)
    return x->hits > y->hits ? -1 : 1;
  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

gboolean
vb_quote_is_verbatim (const VbSegment *seg)
{
  const char *kind = vb_attrs_get (seg->attrs, "kind");
  return kind == NULL || (strcmp (kind, "note") != 0 && strcmp (kind, "flipchart") != 0);
}

GPtrArray *
vb_quotes_select (GPtrArray *segs, const char *code, guint n, gboolean notes)
{
  /* Long enough to say something, short enough to quote. */
  const guint lo = 60, hi = 300;
  g_autoptr (GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      if (!notes && !vb_quote_is_verbatim (seg))
        continue;
      Candidate c = { seg, i, 0, 0 };
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        if (code == NULL || strcmp (g_array_index (seg->codings, VbCoding, k).code, code) == 0)
          c.hits++;
      guint len = (guint) g_utf8_strlen (seg->text, -1);
      c.distance = len < lo ? lo - len : len > hi ? len - hi : 0;
      g_array_append_val (cands, c);
    }
  g_array_sort (cands, candidate_compare);

  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *taken = g_new0 (gboolean, cands->len + 1);
  /* First pass: one per speaker (anonymous quotes each count as their own). */
  for (guint i = 0; i < cands->len && out->len < n; i++)
    {
      const VbSegment *seg = g_array_index (cands, Candidate, i).seg;
      if (seg->speaker && *seg->speaker)
        {
          char *who = g_strconcat (seg->document, "\x1f", seg->speaker, NULL);
          if (g_hash_table_contains (used, who))
            {
              g_free (who);
              continue;
            }
          g_hash_table_add (used, who);
        }
      g_ptr_array_add (out, (gpointer) seg);
      taken[i] = TRUE;
    }
  for (guint i = 0; i < cands->len && out->len < n; i++)
    if (!taken[i])
      g_ptr_array_add (out, (gpointer) g_array_index (cands, Candidate, i).seg);
  return out;
}
