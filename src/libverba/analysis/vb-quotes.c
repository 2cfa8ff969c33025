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
  VbSegment       *seg;    /* the picker's copy, or the caller's when it borrows */
  guint            order;  /* position in the input: the final tie-break */
  guint            codes;  /* distinct codes raised (RANK_CODES only) */
  guint            hits;
  guint            distance; /* from a readable length */
  const char      *group;  /* the spread attribute's value (its Group's) */
  char            *who;    /* document and speaker, NULL when anonymous */
  guint            lists;  /* how many of its group's two lists hold it */
} Candidate;

static gint
candidate_compare (gconstpointer a, gconstpointer b)
{
  const Candidate *x = *(Candidate *const *) a, *y = *(Candidate *const *) b;
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

/* What a spread group keeps.  The choice below takes, in turns, each
 * group's best candidate not yet taken, first only from speakers not yet
 * quoted.  Fewer than n are taken before any turn, so a turn's pick is
 * always among the group's n best (those taken are fewer than n), or, while
 * speakers must differ, among its speakers' bests: the best candidate of
 * each speaker (each anonymous one its own), of which the n best are
 * enough for the same reason.  Keeping those two lists of n is keeping
 * every candidate that can be chosen, whatever the length of the input. */
typedef struct {
  char       *value;     /* NULL without spread */
  GPtrArray  *best;      /* Candidate*, best first, at most n */
  GPtrArray  *speakers;  /* Candidate*, best first, at most n, one a speaker */
  GHashTable *by_who;    /* who -> its Candidate in speakers */
} Group;

struct _VbQuotePicker {
  VbQuoteChoice  o;
  char          *code;
  char          *spread;
  gboolean       borrow;  /* the segments outlive the picker: keep pointers */
  guint          order;
  GHashTable    *groups;  /* value ("" without spread) -> Group* */
  GPtrArray     *chosen;  /* the last vb_quote_picker_result */
};

static void
candidate_release (VbQuotePicker *p, Candidate *c)
{
  if (--c->lists > 0)
    return;
  if (!p->borrow)
    vb_segment_free (c->seg);
  g_free (c->who);
  g_free (c);
}

static void
group_free (gpointer data)
{
  Group *g = data;
  g_hash_table_unref (g->by_who);
  g_ptr_array_unref (g->best);
  g_ptr_array_unref (g->speakers);
  g_free (g->value);
  g_free (g);
}

VbQuotePicker *
vb_quote_picker_new (const char *code, const VbQuoteChoice *o, gboolean borrow)
{
  VbQuotePicker *p = g_new0 (VbQuotePicker, 1);
  p->o = *o;
  p->code = g_strdup (code);
  p->spread = g_strdup (o->spread);
  p->o.spread = p->spread;
  p->borrow = borrow;
  p->groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, group_free);
  return p;
}

void
vb_quote_picker_free (VbQuotePicker *p)
{
  if (p == NULL)
    return;
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, p->groups);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      Group *g = v;
      for (guint i = 0; i < g->best->len; i++)
        candidate_release (p, g->best->pdata[i]);
      for (guint i = 0; i < g->speakers->len; i++)
        candidate_release (p, g->speakers->pdata[i]);
    }
  g_hash_table_unref (p->groups);
  if (p->chosen)
    g_ptr_array_unref (p->chosen);
  g_free (p->code);
  g_free (p->spread);
  g_free (p);
}

/* Where c goes in list (sorted best first): after every better one. */
static guint
insertion_point (GPtrArray *list, const Candidate *c)
{
  guint lo = 0, hi = list->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (candidate_compare (&list->pdata[mid], &c) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* TRUE if c would be among list's n best. */
static gboolean
would_enter (const GPtrArray *list, guint n, const Candidate *c)
{
  return list->len < n || candidate_compare (&c, &list->pdata[list->len - 1]) < 0;
}

void
vb_quote_picker_add (VbQuotePicker *p, const VbSegment *seg)
{
  /* Long enough to say something, short enough to quote. */
  const guint lo = 60, hi = 300;
  const VbQuoteChoice *o = &p->o;
  guint order = p->order++;
  if (!o->notes && !vb_quote_is_verbatim (seg))
    return;
  if (o->min_words || o->max_words)
    {
      guint words = vb_text_count_words (seg->text);
      if (words < o->min_words || (o->max_words && words > o->max_words))
        return;
    }
  Candidate c = { (VbSegment *) seg, order, 0, 0, 0, NULL, NULL, 0 };
  if (o->rank == VB_QUOTE_RANK_CODES)
    c.codes = distinct_codes (seg);
  for (guint k = 0; seg->codings && k < seg->codings->len; k++)
    if (p->code == NULL || strcmp (g_array_index (seg->codings, VbCoding, k).code, p->code) == 0)
      c.hits++;
  guint len = (guint) g_utf8_strlen (seg->text, -1);
  c.distance = len < lo ? lo - len : len > hi ? len - hi : 0;
  const char *value = NULL;
  if (o->spread)
    {
      const char *v = vb_segment_value (seg, o->spread);
      value = v && *v ? v : "(none)";
    }
  Group *g = g_hash_table_lookup (p->groups, value ? value : "");
  if (g == NULL)
    {
      g = g_new0 (Group, 1);
      g->value = g_strdup (value);
      g->best = g_ptr_array_new ();
      g->speakers = g_ptr_array_new ();
      g->by_who = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (p->groups, g->value ? g->value : "", g);
    }
  c.group = g->value;

  const Candidate *cp = &c;
  gboolean best = would_enter (g->best, o->n, cp);
  /* Worse than the n-th speaker's best, c is no speaker's best among the
   * n: not even its own speaker's, whose best is then in the list or worse. */
  gboolean speakers = would_enter (g->speakers, o->n, cp);
  Candidate *old = NULL;
  g_autofree char *who = NULL;
  if (speakers && seg->speaker && *seg->speaker)
    {
      who = g_strconcat (seg->document, "\x1f", seg->speaker, NULL);
      old = g_hash_table_lookup (g->by_who, who);
      if (old && candidate_compare (&old, &cp) < 0)
        speakers = FALSE;
    }
  if (!best && !speakers)
    return;

  Candidate *nc = g_new (Candidate, 1);
  *nc = c;
  nc->seg = p->borrow ? (VbSegment *) seg : vb_segment_copy (seg);
  nc->who = g_steal_pointer (&who);
  if (best)
    {
      nc->lists++;
      g_ptr_array_insert (g->best, (gint) insertion_point (g->best, nc), nc);
      if (g->best->len > o->n)
        candidate_release (p, g_ptr_array_steal_index (g->best, g->best->len - 1));
    }
  if (speakers)
    {
      nc->lists++;
      if (old)
        {
          /* The speaker's better candidate replaces its old best. */
          guint at;
          g_ptr_array_find (g->speakers, old, &at);
          g_ptr_array_remove_index (g->speakers, at);
          g_hash_table_remove (g->by_who, old->who);
          candidate_release (p, old);
        }
      g_ptr_array_insert (g->speakers, (gint) insertion_point (g->speakers, nc), nc);
      if (nc->who)
        g_hash_table_insert (g->by_who, nc->who, nc);
      if (g->speakers->len > o->n)
        {
          Candidate *out = g_ptr_array_steal_index (g->speakers, g->speakers->len - 1);
          if (out->who)
            g_hash_table_remove (g->by_who, out->who);
          candidate_release (p, out);
        }
    }
}

static gint
group_value_compare (gconstpointer a, gconstpointer b)
{
  return vb_value_compare (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
vb_quote_picker_result (VbQuotePicker *p)
{
  const VbQuoteChoice *o = &p->o;
  /* Every candidate kept, once, ranked; and the groups in natural order. */
  g_autoptr (GPtrArray) cands = g_ptr_array_new ();
  g_autoptr (GPtrArray) groups = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter it;
  gpointer v;
  g_hash_table_iter_init (&it, p->groups);
  while (g_hash_table_iter_next (&it, NULL, &v))
    {
      Group *g = v;
      if (g->value)
        g_ptr_array_add (groups, g->value);
      for (guint l = 0; l < 2; l++)
        {
          GPtrArray *list = l ? g->speakers : g->best;
          for (guint i = 0; i < list->len; i++)
            if (g_hash_table_add (seen, list->pdata[i]))
              g_ptr_array_add (cands, list->pdata[i]);
        }
    }
  g_ptr_array_sort (cands, candidate_compare);
  g_ptr_array_sort (groups, group_value_compare);
  if (groups->len == 0)
    g_ptr_array_add (groups, NULL);

  if (p->chosen)
    g_ptr_array_unref (p->chosen);
  GPtrArray *out = p->chosen = g_ptr_array_new ();
  g_autoptr (GHashTable) used = g_hash_table_new (g_str_hash, g_str_equal);
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
              const Candidate *c = cands->pdata[i];
              if (taken[i] || g_strcmp0 (c->group, groups->pdata[g]) != 0)
                continue;
              if (pass == 0 && c->who && g_hash_table_contains (used, c->who))
                continue;
              if (c->who)
                g_hash_table_add (used, c->who);
              g_ptr_array_add (out, c->seg);
              taken[i] = TRUE;
              took = TRUE;
              break;
            }
      }
  return out;
}

GPtrArray *
vb_quotes_choose (GPtrArray *segs, const char *code, const VbQuoteChoice *o)
{
  g_autoptr (VbQuotePicker) p = vb_quote_picker_new (code, o, TRUE);
  for (guint i = 0; i < segs->len; i++)
    vb_quote_picker_add (p, segs->pdata[i]);
  return g_ptr_array_ref (vb_quote_picker_result (p));
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
