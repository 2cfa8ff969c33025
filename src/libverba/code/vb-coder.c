#include "code/vb-coder.h"
#include "code/vb-matcher.h"
#include "base/vb-text.h"
#include "base/vb-error.h"

#include <string.h>

/* A rule as coding needs it, by rule number (codebook order, code by code,
 * the matcher's numbering): looked up once rather than for every segment. */
typedef struct {
  guint code_pos;
  const VbCode *code;
  const VbCodeRule *rule;
  /* The code and source ("rule:<rule key>") its codings carry, made once
   * rather than for every hit, as a stream has a coding for every match. */
  VbCodingTag *tag;
} RuleInfo;

struct _VbCoder {
  const VbCodebook *cb;
  GArray *spans;  /* scratch VbSpan */
  RuleInfo *rules;
  guint n_rules;
  GPtrArray *hit_pool;  /* scratch Hit arrays, one per segment of a document */
  gboolean any_doc_scope;
  VbMatcher *matcher;  /* NULL: the reference path, every rule on every text */
  VbMatchState *state;
  VbText *text;  /* reused for every segment */
  GArray *clauses;  /* VbRange: the clauses of text, when a code needs them */
  gboolean any_clause_scope;
  GError *error;  /* the first rule that could not be judged */
};

static VbCoder *
coder_new (const VbCodebook *cb, VbMatcher *matcher)
{
  VbCoder *coder = g_new0 (VbCoder, 1);
  coder->cb = cb;
  coder->spans = g_array_new (FALSE, FALSE, sizeof (VbSpan));
  coder->clauses = g_array_new (FALSE, FALSE, sizeof (VbRange));
  coder->hit_pool = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
    {
      const VbCode *code = vb_codebook_code (cb, c);
      if (code->scope == VB_SCOPE_DOCUMENT)
        coder->any_doc_scope = TRUE;
      if (code->scope == VB_SCOPE_CLAUSE)
        coder->any_clause_scope = TRUE;
      coder->n_rules += code->rules->len;
    }
  coder->rules = g_new0 (RuleInfo, MAX (coder->n_rules, 1));
  for (guint c = 0, g = 0; c < vb_codebook_n_codes (cb); c++)
    {
      const VbCode *code = vb_codebook_code (cb, c);
      for (guint r = 0; r < code->rules->len; r++, g++)
        {
          const VbCodeRule *rule = code->rules->pdata[r];
          g_autofree char *source = g_strconcat ("rule:", rule->name, NULL);
          coder->rules[g] = (RuleInfo) { c, code, rule, vb_coding_tag_new (code->id, source) };
        }
    }
  if (matcher != NULL)
    {
      coder->matcher = vb_matcher_ref (matcher);
      coder->state = vb_match_state_new (matcher);
    }
  return coder;
}

VbCoder *
vb_coder_new (const VbCodebook *cb)
{
  g_autoptr (VbMatcher) m = vb_matcher_new (cb);
  return coder_new (cb, m);
}

VbCoder *
vb_coder_new_reference (const VbCodebook *cb)
{
  return coder_new (cb, NULL);
}

VbCoder *
vb_coder_clone (const VbCoder *coder)
{
  return coder_new (coder->cb, coder->matcher);
}

void
vb_coder_free (VbCoder *coder)
{
  if (coder == NULL)
    return;
  g_array_unref (coder->spans);
  g_array_unref (coder->clauses);
  for (guint g = 0; g < coder->n_rules; g++)
    vb_coding_tag_unref (coder->rules[g].tag);
  g_free (coder->rules);
  g_ptr_array_unref (coder->hit_pool);
  vb_match_state_free (coder->state);
  vb_text_free (coder->text);
  if (coder->matcher != NULL)
    vb_matcher_unref (coder->matcher);
  g_clear_error (&coder->error);
  g_free (coder);
}

const GError *
vb_coder_error (const VbCoder *coder)
{
  return coder->error;
}

GError *
vb_coder_take_error (VbCoder *coder)
{
  return g_steal_pointer (&coder->error);
}

/* A rule over a range of text, through the matcher (g: the rule's number
 * there) or the reference path, keeping the first failure with where it
 * was. */
static gboolean
match (VbCoder *coder, const VbCode *code, const VbCodeRule *rule, guint g, const VbText *text,
       const VbRange *range, const VbSegment *seg)
{
  GError *err = NULL;
  gboolean holds = coder->matcher != NULL
    ? vb_match_state_rule (coder->state, g, range, coder->spans, &err)
    : vb_rule_match_checked (rule->compiled, text, range, coder->spans, &err);
  if (err != NULL)
    {
      if (coder->error == NULL)
        g_set_error (&coder->error, VB_ERROR, VB_ERROR_RULE,
                     "line %u (document '%s', segment %u): %s of [%s:%s]: %s", seg->line,
                     seg->document, seg->index, rule->name,
                     code->kind == VB_CODE_PRINCIPLE ? "principle" : "theme", code->id,
                     err->message);
      g_error_free (err);
    }
  return holds;
}

typedef struct {
  guint code_pos;
  guint start, end;
  VbCodingTag *tag;
} Hit;

static inline gint
hit_compare (const Hit *x, const Hit *y)
{
  if (x->code_pos != y->code_pos)
    return x->code_pos < y->code_pos ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

static gint
hit_compare_cb (gconstpointer a, gconstpointer b)
{
  return hit_compare (a, b);
}

/* Orders hits by code, start, end, keeping hits with equal keys in the
 * order they were added (the first one found is the one kept).  Hits come
 * nearly in order already (rules in codebook order, each rule's spans by
 * position), so an insertion sort does little work; past a budget of
 * moves it hands over to g_array_sort, which GLib guarantees stable (since
 * 2.32), so the result is the same either way. */
static void
sort_hits (GArray *hits)
{
  Hit *h = (Hit *) (void *) hits->data;
  guint n = hits->len;
  gsize moves = 0, budget = 8 * (gsize) n + 64;
  for (guint i = 1; i < n; i++)
    {
      if (hit_compare (&h[i - 1], &h[i]) <= 0)
        continue;
      Hit x = h[i];
      guint j = i;
      while (j > 0 && hit_compare (&h[j - 1], &x) > 0)
        {
          h[j] = h[j - 1];
          j--;
        }
      h[j] = x;
      moves += i - j;
      if (moves > budget)
        {
          g_array_sort (hits, hit_compare_cb);
          return;
        }
    }
}

static void
add_hits (GArray *hits, guint code_pos, VbCodingTag *tag, const GArray *spans, guint offset,
          guint limit)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const VbSpan *s = &g_array_index (spans, VbSpan, i);
      /* Spans from a joined document text are clipped to this segment. */
      if (s->end <= offset || s->start >= offset + limit)
        continue;
      guint start = MAX (s->start, offset) - offset;
      guint end = MIN (s->end, offset + limit) - offset;
      Hit h = { code_pos, start, end, tag };
      g_array_append_val (hits, h);
    }
}

static void
flush_hits (VbSegment *seg, GArray *hits)
{
  vb_segment_ensure_codings (seg);
  sort_hits (hits);
  const Hit *h = (const Hit *) (void *) hits->data;
  for (guint i = 0; i < hits->len; i++)
    {
      if (i > 0 && hit_compare (&h[i], &h[i - 1]) == 0)
        continue;
      vb_segment_add_coding_tag (seg, h[i].tag, h[i].start, h[i].end);
    }
  g_array_set_size (hits, 0);
}

/* The matcher's path: only the rules the scan woke up, in the order the
 * reference path would try them, so the hits come in the same order. */
static void
code_segment_fast (VbCoder *coder, const VbSegment *seg, VbText *text, guint len, GArray *hits)
{
  VbRange whole = vb_text_whole (text);
  vb_match_state_scan (coder->state, text);
  guint n;
  const guint *rules = vb_match_state_rules (coder->state, &n);
  for (guint k = 0; k < n; k++)
    {
      const RuleInfo *info = &coder->rules[rules[k]];
      const VbCode *code = info->code;
      if (code->scope == VB_SCOPE_DOCUMENT)
        continue;
      if (coder->spans->len > 0)
        g_array_set_size (coder->spans, 0);
      if (code->scope == VB_SCOPE_SENTENCE || code->scope == VB_SCOPE_CLAUSE)
        {
          const GArray *parts = code->scope == VB_SCOPE_SENTENCE ? text->sentences
                                                                 : coder->clauses;
          for (guint s = 0; s < parts->len; s++)
            match (coder, code, info->rule, rules[k], text,
                   &g_array_index (parts, VbRange, s), seg);
        }
      else
        match (coder, code, info->rule, rules[k], text, &whole, seg);
      add_hits (hits, info->code_pos, info->tag, coder->spans, 0, len);
    }
}

static void
code_segment (VbCoder *coder, VbSegment *seg, GArray *hits)
{
  if (coder->text == NULL)
    coder->text = vb_text_new (seg->text, -1);
  else
    vb_text_set (coder->text, seg->text, -1);
  VbText *text = coder->text;
  VbRange whole = vb_text_whole (text);
  guint len = text->n_cp;
  if (coder->any_clause_scope)
    {
      g_array_set_size (coder->clauses, 0);
      vb_text_clauses (text, coder->clauses);
    }
  if (coder->matcher != NULL)
    {
      code_segment_fast (coder, seg, text, len, hits);
      return;
    }
  for (guint c = 0, g = 0; c < vb_codebook_n_codes (coder->cb); c++)
    {
      const VbCode *code = vb_codebook_code (coder->cb, c);
      if (code->scope == VB_SCOPE_DOCUMENT)
        {
          g += code->rules->len;
          continue;
        }
      for (guint r = 0; r < code->rules->len; r++, g++)
        {
          const VbCodeRule *rule = code->rules->pdata[r];
          if (coder->spans->len > 0)
            g_array_set_size (coder->spans, 0);
          if (code->scope == VB_SCOPE_SENTENCE || code->scope == VB_SCOPE_CLAUSE)
            {
              const GArray *parts = code->scope == VB_SCOPE_SENTENCE ? text->sentences
                                                                     : coder->clauses;
              for (guint s = 0; s < parts->len; s++)
                match (coder, code, rule, 0, text, &g_array_index (parts, VbRange, s), seg);
            }
          else
            match (coder, code, rule, 0, text, &whole, seg);
          add_hits (hits, c, coder->rules[g].tag, coder->spans, 0, len);
        }
    }
}

/* Document-scope rules see the segments of one role class joined by blank
 * lines (a sentence break, so no phrase runs across two speakers). */
static void
code_document_scope (VbCoder *coder, GPtrArray *segments, GPtrArray *members, GArray **hits)
{
  if (members->len == 0)
    return;
  GString *joined = g_string_new (NULL);
  /* Each member's offset in the joined text, length and place in
   * segments, worked out once rather than for every rule that fires. */
  g_autofree guint *offsets = g_new (guint, members->len);
  g_autofree guint *lengths = g_new (guint, members->len);
  g_autofree guint *places = g_new (guint, members->len);
  guint cp = 0;
  for (guint i = 0, at = 0; i < members->len; i++)
    {
      VbSegment *seg = members->pdata[i];
      if (i > 0)
        {
          g_string_append (joined, "\n\n");
          cp += 2;
        }
      offsets[i] = cp;
      g_string_append (joined, seg->text);
      lengths[i] = (guint) g_utf8_strlen (seg->text, -1);
      cp += lengths[i];
      /* members keep the order of segments. */
      while (segments->pdata[at] != seg)
        at++;
      places[i] = at;
    }
  g_autoptr (VbText) text = vb_text_new (joined->str, joined->len);
  VbRange whole = vb_text_whole (text);
  guint n_rules = 0, g = 0;
  const guint *rules = NULL;
  if (coder->matcher != NULL)
    {
      vb_match_state_scan (coder->state, text);
      rules = vb_match_state_rules (coder->state, &n_rules);
    }
  for (guint c = 0; c < vb_codebook_n_codes (coder->cb); c++)
    {
      const VbCode *code = vb_codebook_code (coder->cb, c);
      if (code->scope != VB_SCOPE_DOCUMENT)
        {
          g += code->rules->len;
          continue;
        }
      for (guint r = 0; r < code->rules->len; r++, g++)
        {
          const VbCodeRule *rule = code->rules->pdata[r];
          if (coder->spans->len > 0)
            g_array_set_size (coder->spans, 0);
          if (coder->matcher != NULL)
            {
              /* rules is ascending: skip to g, or past it if not woken. */
              while (n_rules > 0 && *rules < g)
                rules++, n_rules--;
              if (n_rules == 0 || *rules != g
                  || !match (coder, code, rule, g, text, &whole, members->pdata[0]))
                continue;
            }
          else if (!match (coder, code, rule, 0, text, &whole, members->pdata[0]))
            continue;
          for (guint i = 0; i < members->len; i++)
            add_hits (hits[places[i]], c, coder->rules[g].tag, coder->spans, offsets[i], lengths[i]);
        }
    }
  g_string_free (joined, TRUE);
}

void
vb_coder_code_document (VbCoder *coder, GPtrArray *segments)
{
  /* One hit array per segment, kept for the next document: document
   * scope adds to every segment's hits before any is flushed. */
  while (coder->hit_pool->len < segments->len)
    g_ptr_array_add (coder->hit_pool, g_array_sized_new (FALSE, FALSE, sizeof (Hit), 16));
  GArray **hits = (GArray **) coder->hit_pool->pdata;

  for (guint i = 0; i < segments->len; i++)
    code_segment (coder, segments->pdata[i], hits[i]);
  if (coder->any_doc_scope)
    {
      g_autoptr (GPtrArray) counted = g_ptr_array_new ();
      g_autoptr (GPtrArray) others = g_ptr_array_new ();
      for (guint i = 0; i < segments->len; i++)
        {
          VbSegment *seg = segments->pdata[i];
          g_ptr_array_add (vb_role_is_counted (seg->role) ? counted : others, seg);
        }
      code_document_scope (coder, segments, counted, hits);
      code_document_scope (coder, segments, others, hits);
    }
  for (guint i = 0; i < segments->len; i++)
    {
      /* An array grown for a segment with very many hits is not kept. */
      gboolean big = hits[i]->len > 4096;
      flush_hits (segments->pdata[i], hits[i]);
      if (big)
        {
          g_array_unref (hits[i]);
          hits[i] = g_array_sized_new (FALSE, FALSE, sizeof (Hit), 16);
        }
    }
  /* Nor the arrays of a document with very many segments. */
  if (coder->hit_pool->len > 1024)
    g_ptr_array_set_size (coder->hit_pool, 1024);
}

VbMatcher *
vb_coder_matcher (const VbCoder *coder)
{
  return coder->matcher;
}
