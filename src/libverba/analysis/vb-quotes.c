#include "analysis/vb-quotes.h"

#include <string.h>

/* {key} by the segment's value.  A key without a value takes with it the
 * separator that joined it to the text before (or, first, after) and the
 * brackets around it, so that "{location}, {age}" with no location gives
 * "36-60", not ", 36-60", and "{age} ({grade})" without a grade "36-60". */
static char *
expand_template (const VbSegment *seg, const char *tmpl, const char *speaker)
{
  GString *out = g_string_new (NULL);
  gboolean pending_cut = FALSE; /* an empty value at the start: drop the next separator */
  gboolean drop_bracket = FALSE; /* an empty value in brackets: drop the closing one */
  for (const char *p = tmpl; *p; p++)
    {
      const char *close = *p == '{' ? strchr (p, '}') : NULL;
      if (close == NULL)
        {
          if (drop_bracket && (*p == ')' || *p == ']'))
            {
              drop_bracket = FALSE;
              continue;
            }
          if (pending_cut && strchr (",;/-| ", *p))
            continue;
          pending_cut = FALSE;
          g_string_append_c (out, *p);
          continue;
        }
      g_autofree char *key = g_strndup (p + 1, close - p - 1);
      const char *v = strcmp (key, "speaker") == 0 ? speaker : vb_segment_value (seg, key);
      p = close;
      if (v && *v)
        {
          pending_cut = FALSE;
          g_string_append (out, v);
          continue;
        }
      /* Take back the separator written since the last value, and an
       * opening bracket with its closing one. */
      gsize keep = out->len;
      if (keep > 0 && (out->str[keep - 1] == '(' || out->str[keep - 1] == '['))
        keep--, drop_bracket = TRUE;
      while (keep > 0 && strchr (",;/-| ", out->str[keep - 1]))
        keep--;
      if (keep == 0)
        pending_cut = TRUE;
      g_string_truncate (out, keep);
    }
  return g_string_free (out, FALSE);
}

char *
vb_quote_attribution (const VbSegment *seg, const char *tmpl, const char *speaker)
{
  if (tmpl && *tmpl)
    return expand_template (seg, tmpl, speaker);
  const char *a = vb_attrs_get (seg->attrs, "attribution");
  if (a && *a)
    return g_strdup (a);
  const char *loc = vb_attrs_get (seg->attrs, "location");
  const char *age = vb_attrs_get (seg->attrs, "age");
  const char *grade = vb_attrs_get (seg->attrs, "grade");
  if (loc && age && grade)
    return g_strdup_printf ("%s, %s, %s", loc, age, grade);
  /* A consultation answer's speaker is its respondent: say it once. */
  if (speaker && *speaker && g_strcmp0 (speaker, seg->document) != 0)
    return g_strdup_printf ("%s, %s", seg->document, speaker);
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
vb_quote_format (const VbSegment *seg, const char *tmpl, const char *speaker, guint max_chars)
{
  g_autofree char *attr = vb_quote_attribution (seg, tmpl, speaker);
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
  guint            codes;  /* distinct codes raised (RANK_CODES only) */
  guint            hits;
  guint            distance; /* from a readable length */
  const char      *group;  /* the spread attribute's value */
} Candidate;

static gint
candidate_compare (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a, *y = b;
  if (x->codes != y->codes)
    return x->codes > y->codes ? -1 : 1;
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

guint
vb_text_count_words (const char *s)
{
  guint n = 0;
  gboolean in_word = FALSE;
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));
      n += !space && !in_word;
      in_word = !space;
    }
  return n;
}

void
vb_quote_choice_init (VbQuoteChoice *o)
{
  memset (o, 0, sizeof *o);
  o->n = 3;
}

static guint
distinct_codes (const VbSegment *seg)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  for (guint k = 0; seg->codings && k < seg->codings->len; k++)
    {
      const char *id = g_array_index (seg->codings, VbCoding, k).code;
      if (!g_ptr_array_find_with_equal_func (seen, id, g_str_equal, NULL))
        g_ptr_array_add (seen, (gpointer) id);
    }
  return seen->len;
}

static gint
group_compare (gconstpointer a, gconstpointer b)
{
  return vb_value_compare (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
vb_quotes_choose (GPtrArray *segs, const char *code, const VbQuoteChoice *o)
{
  /* Long enough to say something, short enough to quote. */
  const guint lo = 60, hi = 300;
  g_autoptr (GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr (GPtrArray) groups = g_ptr_array_new ();
  for (guint i = 0; i < segs->len; i++)
    {
      const VbSegment *seg = segs->pdata[i];
      if (!o->notes && !vb_quote_is_verbatim (seg))
        continue;
      if (o->min_words || o->max_words)
        {
          guint words = vb_text_count_words (seg->text);
          if (words < o->min_words || (o->max_words && words > o->max_words))
            continue;
        }
      Candidate c = { seg, i, 0, 0, 0, NULL };
      if (o->rank == VB_QUOTE_RANK_CODES)
        c.codes = distinct_codes (seg);
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        if (code == NULL || strcmp (g_array_index (seg->codings, VbCoding, k).code, code) == 0)
          c.hits++;
      guint len = (guint) g_utf8_strlen (seg->text, -1);
      c.distance = len < lo ? lo - len : len > hi ? len - hi : 0;
      if (o->spread)
        {
          const char *v = vb_segment_value (seg, o->spread);
          c.group = v && *v ? v : "(none)";
          if (!g_ptr_array_find_with_equal_func (groups, c.group, g_str_equal, NULL))
            g_ptr_array_add (groups, (gpointer) c.group);
        }
      g_array_append_val (cands, c);
    }
  g_array_sort (cands, candidate_compare);
  g_ptr_array_sort (groups, group_compare);
  if (groups->len == 0)
    g_ptr_array_add (groups, NULL);

  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *taken = g_new0 (gboolean, cands->len + 1);
  /* First one per participant (anonymous quotes each count as their
   * own); then, unless that is a rule, anyone again.  Each round takes
   * the best left of every group in turn. */
  for (guint pass = 0; pass < (o->one_per_participant ? 1u : 2u); pass++)
    for (gboolean took = TRUE; took && out->len < o->n;)
      {
        took = FALSE;
        for (guint g = 0; g < groups->len && out->len < o->n; g++)
          for (guint i = 0; i < cands->len; i++)
            {
              const Candidate *c = &g_array_index (cands, Candidate, i);
              if (taken[i] || g_strcmp0 (c->group, groups->pdata[g]) != 0)
                continue;
              g_autofree char *who = c->seg->speaker && *c->seg->speaker
                                       ? g_strconcat (c->seg->document, "\x1f", c->seg->speaker, NULL)
                                       : NULL;
              if (pass == 0 && who && g_hash_table_contains (used, who))
                continue;
              if (who)
                g_hash_table_add (used, g_steal_pointer (&who));
              g_ptr_array_add (out, (gpointer) c->seg);
              taken[i] = TRUE;
              took = TRUE;
              break;
            }
      }
  return out;
}

GPtrArray *
vb_quotes_select (GPtrArray *segs, const char *code, guint n, gboolean notes)
{
  VbQuoteChoice o;
  vb_quote_choice_init (&o);
  o.n = n;
  o.notes = notes;
  return vb_quotes_choose (segs, code, &o);
}
