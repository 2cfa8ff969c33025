#include "analysis/vb-tally.h"
#include "analysis/vb-quotes.h"
#include "analysis/vb-group-size.h"

#include <string.h>

#define TOTAL_ID "\x1dtotal" /* cannot clash with an attribute value */
#define NONE_VALUE "(none)"

void
vb_tally_options_init (VbTallyOptions *o)
{
  memset (o, 0, sizeof *o);
  o->unit = VB_UNIT_DOCUMENT;
  o->group_attr = "group";
  o->phase = VB_PHASE_FILTER_ALL;
  o->rows.kind = VB_DIM_CODE;
  o->cols.kind = VB_DIM_NONE;
  o->total = TRUE;
}

static const char *const unit_names[] = { "mention", "segment", "speaker", "document", "group" };
static const char *const unit_plurals[] = { "mentions", "segments", "participants", "documents",
                                            "groups" };

gboolean
vb_unit_from_string (const char *s, VbUnit *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    if (g_strcmp0 (s, unit_names[i]) == 0 || g_strcmp0 (s, unit_plurals[i]) == 0)
      {
        *out = (VbUnit) i;
        return TRUE;
      }
  if (g_strcmp0 (s, "participant") == 0 || g_strcmp0 (s, "participants") == 0
      || g_strcmp0 (s, "speakers") == 0)
    {
      *out = VB_UNIT_SPEAKER;
      return TRUE;
    }
  return FALSE;
}

const char *
vb_unit_plural (VbUnit unit)
{
  return unit_plurals[unit];
}

void
vb_dim_parse (const char *s, VbDim *out)
{
  out->attr = NULL;
  if (g_strcmp0 (s, "code") == 0)
    out->kind = VB_DIM_CODE;
  else if (g_strcmp0 (s, "theme") == 0)
    out->kind = VB_DIM_THEME;
  else if (g_strcmp0 (s, "principle") == 0)
    out->kind = VB_DIM_PRINCIPLE;
  else
    out->kind = VB_DIM_ATTR, out->attr = s;
}

/* Distinct units counted without remembering them, when units come in
 * runs: one more each time the unit is not the one counted last. */
typedef struct {
  guint   n;
  guint64 last;  /* the run counted last (runs are numbered from 1) */
} RunCount;

static void
run_count (RunCount *c, guint64 run)
{
  if (c->last != run)
    {
      c->n++;
      c->last = run;
    }
}

typedef struct {
  GHashTable *units;    /* unit keys, as interned in all_units (pointer set); NULL when
                           units come in runs */
  RunCount    run;      /* the same, when units come in runs */
  guint       mentions;
  /* Quotes: the best chosen as segments arrive, or (in_order) copies of
   * the first verbatims and a count of the others. */
  VbQuotePicker *picker;
  GPtrArray  *first;    /* VbSegment*, owned */
  guint       more;
  guint       last;     /* the last segment offered (n_seen when it was) */
} Cell;

static void
cell_free (gpointer p)
{
  Cell *c = p;
  if (c->units)
    g_hash_table_unref (c->units);
  vb_quote_picker_free (c->picker);
  if (c->first)
    g_ptr_array_unref (c->first);
  g_free (c);
}

/* Cells and bases hold the unit keys interned in all_units, compared by
 * pointer: one copy of each key whatever the number of cells it counts in. */
static GHashTable *
unit_ptr_set_new (void)
{
  return g_hash_table_new (NULL, NULL);
}

static GHashTable *
unit_set_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* A context of co-occurrence (a segment, or a document) and its codes,
 * interned, along each side of the table. */
typedef struct {
  char      *unit;
  GPtrArray *rows, *cols;
} Context;

static void
context_free (gpointer p)
{
  Context *c = p;
  g_free (c->unit);
  g_ptr_array_unref (c->rows);
  g_ptr_array_unref (c->cols);
  g_free (c);
}

static gboolean is_code_dim (VbDimKind kind);

struct _VbTally {
  VbTallyOptions o;
  char       *group_attr, *row_attr, *col_attr;
  VbCodebook *cb;
  GHashTable *cells;      /* "row\x1fcol" -> Cell* */
  GHashTable *row_bases;  /* attribute value -> unit set (attribute rows), or RunCount* */
  GHashTable *col_bases;  /* attribute value -> unit set (attribute columns), or RunCount* */
  GHashTable *all_units;  /* empty when units come in runs */
  gboolean    runs;       /* units come in runs (opts->units_in_runs, where it applies) */
  char       *run_key;    /* the unit of the run being counted */
  RunCount    run_units;
  GHashTable *contexts;   /* code x code: context key -> Context*, or NULL; within
                             segments it stays empty, each segment counted as it comes */
  GHashTable *pair_n, *row_n, *col_n; /* code x code within segments: contexts with the
                                         pair, with the row code, with the column code */
  GStringChunk *names;    /* participants' names, made up from two fields */
  VbPseudonyms *own_pseudonyms; /* when the options gave none */
  gboolean    shows_speakers; /* a dimension or a quote shows who spoke */
  VbGroupSizes *sizes;    /* the speaker unit: groups that state their size */
  guint       n_seen, n_counted, n_copies;
};

VbTally *
vb_tally_new (const VbTallyOptions *opts, VbCodebook *cb)
{
  VbTally *t = g_new0 (VbTally, 1);
  t->o = *opts;
  t->group_attr = g_strdup (opts->group_attr ? opts->group_attr : "group");
  t->row_attr = g_strdup (opts->rows.attr);
  t->col_attr = g_strdup (opts->cols.attr);
  t->o.group_attr = t->group_attr;
  t->o.rows.attr = t->row_attr;
  t->o.cols.attr = t->col_attr;
  t->cb = cb;
  t->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cell_free);
  /* Participants interleave in a document and groups span documents:
   * only documents, segments and mentions come in runs, and only while
   * contexts are not whole documents. */
  t->runs = opts->units_in_runs
            && (opts->unit == VB_UNIT_DOCUMENT || opts->unit == VB_UNIT_SEGMENT
                || opts->unit == VB_UNIT_MENTION)
            && !(opts->within == VB_WITHIN_DOCUMENT && is_code_dim (opts->rows.kind)
                 && is_code_dim (opts->cols.kind) && opts->pairing == VB_PAIR_COOCCUR);
  GDestroyNotify base_free = t->runs ? g_free : (GDestroyNotify) g_hash_table_unref;
  t->row_bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, base_free);
  t->col_bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, base_free);
  t->all_units = unit_set_new ();
  t->names = g_string_chunk_new (256);
  if (t->o.pseudonyms == NULL)
    t->o.pseudonyms = t->own_pseudonyms = vb_pseudonyms_new (FALSE);
  t->shows_speakers = opts->quotes > 0
                      || (opts->rows.kind == VB_DIM_ATTR
                          && (g_strcmp0 (opts->rows.attr, "participant") == 0
                              || g_strcmp0 (opts->rows.attr, "speaker") == 0))
                      || (opts->cols.kind == VB_DIM_ATTR
                          && (g_strcmp0 (opts->cols.attr, "participant") == 0
                              || g_strcmp0 (opts->cols.attr, "speaker") == 0));
  if (opts->unit == VB_UNIT_SPEAKER)
    {
      /* A stated size holds for the whole group, not for a part of it
       * that a split or a filter picks out. */
      g_autoptr (GPtrArray) split = g_ptr_array_new_with_free_func (g_free);
      if (opts->rows.kind == VB_DIM_ATTR)
        g_ptr_array_add (split, g_strdup (opts->rows.attr));
      if (opts->cols.kind == VB_DIM_ATTR)
        g_ptr_array_add (split, g_strdup (opts->cols.attr));
      for (guint i = 0; opts->where && opts->where[i]; i++)
        g_ptr_array_add (split, g_strndup (opts->where[i], strcspn (opts->where[i], "=")));
      g_ptr_array_add (split, NULL);
      t->sizes = vb_group_sizes_new ((const char *const *) split->pdata);
    }
  if (is_code_dim (opts->rows.kind) && is_code_dim (opts->cols.kind) && opts->pairing == VB_PAIR_COOCCUR)
    {
      t->contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, context_free);
      t->pair_n = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      t->row_n = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      t->col_n = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  return t;
}

void
vb_tally_free (VbTally *t)
{
  if (t == NULL)
    return;
  g_free (t->group_attr);
  g_free (t->row_attr);
  g_free (t->col_attr);
  g_hash_table_unref (t->cells);
  g_hash_table_unref (t->row_bases);
  g_hash_table_unref (t->col_bases);
  vb_group_sizes_free (t->sizes); /* it holds the keys of all_units */
  g_hash_table_unref (t->all_units);
  g_free (t->run_key);
  if (t->contexts)
    {
      g_hash_table_unref (t->contexts);
      g_hash_table_unref (t->pair_n);
      g_hash_table_unref (t->row_n);
      g_hash_table_unref (t->col_n);
    }
  g_string_chunk_free (t->names);
  vb_pseudonyms_free (t->own_pseudonyms);
  g_free (t);
}

guint
vb_tally_n_seen (const VbTally *t)
{
  return t->n_seen;
}

guint
vb_tally_n_counted (const VbTally *t)
{
  return t->n_counted;
}

guint
vb_tally_n_copies (const VbTally *t)
{
  return t->n_copies;
}

/* The units of a set, as a base or as a cell's count. */
static guint
units_count (const VbTally *t, GHashTable *units, gboolean base)
{
  return t->sizes ? vb_group_sizes_count (t->sizes, units, base) : g_hash_table_size (units);
}

guint
vb_tally_n_units (const VbTally *t)
{
  return t->runs ? t->run_units.n : units_count (t, t->all_units, TRUE);
}

static char *
unit_key (const VbTally *t, const VbSegment *seg)
{
  switch (t->o.unit)
    {
    case VB_UNIT_MENTION:
    case VB_UNIT_SEGMENT:
      return g_strdup_printf ("%s\x1f%u", seg->document, seg->index);
    case VB_UNIT_SPEAKER:
      /* Unnamed contributions of one document count as one participant:
       * notes rarely say who said what, and guessing would inflate. */
      return g_strconcat (seg->document, "\x1f", seg->speaker, NULL);
    case VB_UNIT_GROUP:
      {
        const char *g = vb_segment_value (seg, t->group_attr);
        return g_strdup (g && *g ? g : seg->document);
      }
    case VB_UNIT_DOCUMENT:
    default:
      return g_strdup (seg->document);
    }
}

static gboolean
code_in_dim (const VbCode *c, VbDimKind kind)
{
  return kind == VB_DIM_CODE || (kind == VB_DIM_THEME && c->kind == VB_CODE_THEME)
         || (kind == VB_DIM_PRINCIPLE && c->kind == VB_CODE_PRINCIPLE);
}

static gboolean
is_code_dim (VbDimKind kind)
{
  return kind == VB_DIM_CODE || kind == VB_DIM_THEME || kind == VB_DIM_PRINCIPLE;
}

/* Codes of seg in dim, each once, with rollup to ancestors. */
static void
seg_codes (VbTally *t, const VbSegment *seg, VbDimKind kind, GPtrArray *out)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; seg->codings && i < seg->codings->len; i++)
    {
      const char *id = g_array_index (seg->codings, VbCoding, i).code;
      const VbCode *c = vb_codebook_lookup (t->cb, id);
      if (c == NULL)
        {
          /* A human coding for a code the codebook lacks still counts. */
          vb_codebook_add (t->cb, id, VB_CODE_THEME, id, NULL, NULL);
          c = vb_codebook_lookup (t->cb, id);
        }
      /* A code seen before had its ancestors walked then: a set, and
       * stopping there, keep this linear in codings (depth is bounded by
       * VB_CODE_MAX_DEPTH). */
      for (; c != NULL; c = t->o.rollup && c->parent ? vb_codebook_lookup (t->cb, c->parent) : NULL)
        {
          if (!g_hash_table_add (seen, c->id))
            break;
          if (code_in_dim (c, kind))
            g_ptr_array_add (out, c->id);
          if (!t->o.rollup)
            break;
        }
    }
}

static gboolean
where_holds (const VbTally *t, const VbSegment *seg)
{
  for (guint i = 0; t->o.where && t->o.where[i]; i++)
    {
      const char *w = t->o.where[i];
      const char *eq = strchr (w, '=');
      g_autofree char *key = g_strndup (w, eq ? (gsize) (eq - w) : strlen (w));
      const char *v = vb_segment_value (seg, key);
      if (g_strcmp0 (v ? v : "", eq ? eq + 1 : "") != 0)
        return FALSE;
    }
  return TRUE;
}

static void
dim_values (VbTally *t, const VbSegment *seg, const VbDim *dim, GPtrArray *out)
{
  switch (dim->kind)
    {
    case VB_DIM_ATTR:
      {
        const char *v = strcmp (dim->attr, "speaker") == 0
                          ? vb_pseudonyms_speaker (t->o.pseudonyms, seg)
                          : vb_segment_value (seg, dim->attr);
        if (v == NULL && strcmp (dim->attr, "participant") == 0)
          {
            const char *speaker = vb_pseudonyms_speaker (t->o.pseudonyms, seg);
            g_autofree char *who = speaker ? g_strdup_printf ("%s: %s", seg->document, speaker)
                                           : g_strdup (seg->document);
            v = g_string_chunk_insert_const (t->names, who);
          }
        g_ptr_array_add (out, (gpointer) (v && *v ? v : NONE_VALUE));
        break;
      }
    case VB_DIM_NONE:
      g_ptr_array_add (out, (gpointer) TOTAL_ID);
      break;
    default:
      seg_codes (t, seg, dim->kind, out);
    }
}

/* Each code's mentions in seg (with --rollup, a theme's include its
 * sub-themes'), counted once a segment rather than once a cell: a cell per
 * pair of 2,000 codes times 2,000 codings took minutes. */
static GHashTable *
mentions_of (const VbTally *t, const VbSegment *seg)
{
  GHashTable *n = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; seg->codings && i < seg->codings->len; i++)
    {
      const char *id = g_array_index (seg->codings, VbCoding, i).code;
      const VbCode *c = vb_codebook_lookup (t->cb, id);
      if (!t->o.rollup || c == NULL)
        {
          g_hash_table_insert (n, (gpointer) id,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n, id)) + 1));
          continue;
        }
      for (; c != NULL; c = c->parent ? vb_codebook_lookup (t->cb, c->parent) : NULL)
        g_hash_table_insert (n, c->id,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (n, c->id)) + 1));
    }
  return n;
}

static void
count_pair (VbTally *t, const VbSegment *seg, GHashTable *mentions, const char *unit,
            const char *r, const char *c)
{
  g_autofree char *key = g_strconcat (r, "\x1f", c, NULL);
  Cell *cell = g_hash_table_lookup (t->cells, key);
  if (cell == NULL)
    {
      cell = g_new0 (Cell, 1);
      cell->units = t->runs ? NULL : unit_ptr_set_new ();
      g_hash_table_insert (t->cells, g_steal_pointer (&key), cell);
    }
  if (t->runs)
    run_count (&cell->run, t->run_units.last);
  else
    g_hash_table_add (cell->units, (gpointer) unit);
  const char *code = is_code_dim (t->o.rows.kind) ? r : is_code_dim (t->o.cols.kind) ? c : NULL;
  if (code)
    cell->mentions += GPOINTER_TO_UINT (g_hash_table_lookup (mentions, code));
  if (t->o.quotes && t->o.in_order)
    {
      /* A segment counted twice in a cell is quoted once. */
      if (cell->first == NULL)
        cell->first = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
      else if (cell->last == t->n_seen)
        return;
      cell->last = t->n_seen;
      if (!vb_quote_is_verbatim (seg))
        return;
      if (cell->first->len < t->o.quotes)
        g_ptr_array_add (cell->first, vb_segment_copy (seg));
      else
        cell->more++;
    }
  else if (t->o.quotes)
    {
      if (cell->picker == NULL)
        {
          VbQuoteChoice choice;
          vb_quote_choice_init (&choice);
          choice.n = t->o.quotes;
          cell->picker = vb_quote_picker_new (code, &choice, FALSE);
        }
      vb_quote_picker_add (cell->picker, seg);
    }
}

static void
add_to_base (VbTally *t, GHashTable *bases, const char *value, const char *unit)
{
  if (t->runs)
    {
      RunCount *c = g_hash_table_lookup (bases, value);
      if (c == NULL)
        {
          c = g_new0 (RunCount, 1);
          g_hash_table_insert (bases, g_strdup (value), c);
        }
      run_count (c, t->run_units.last);
      return;
    }
  GHashTable *set = g_hash_table_lookup (bases, value);
  if (set == NULL)
    {
      set = unit_ptr_set_new ();
      g_hash_table_insert (bases, g_strdup (value), set);
    }
  g_hash_table_add (set, (gpointer) unit);
}

static void
add_interned (GPtrArray *set, GPtrArray *codes)
{
  for (guint i = 0; i < codes->len; i++)
    {
      const char *c = g_intern_string (codes->pdata[i]);
      if (!g_ptr_array_find (set, c, NULL))
        g_ptr_array_add (set, (gpointer) c);
    }
}

static guint
hash_count (GHashTable *h, const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (h, key));
}

static void
hash_inc (GHashTable *h, const char *key)
{
  g_hash_table_replace (h, g_strdup (key), GUINT_TO_POINTER (hash_count (h, key) + 1));
}

/* A segment is a whole context once added: its codes are counted at once,
 * so memory does not grow with the segments (a stream of a million
 * answers kept a million contexts). */
static void
count_segment_context (VbTally *t, GPtrArray *rows, GPtrArray *cols)
{
  g_autoptr (GPtrArray) r = g_ptr_array_new ();
  g_autoptr (GPtrArray) c = g_ptr_array_new ();
  add_interned (r, rows);
  add_interned (c, cols);
  for (guint i = 0; i < r->len; i++)
    hash_inc (t->row_n, r->pdata[i]);
  for (guint j = 0; j < c->len; j++)
    hash_inc (t->col_n, c->pdata[j]);
  for (guint i = 0; i < r->len; i++)
    for (guint j = 0; j < c->len; j++)
      {
        g_autofree char *key = g_strconcat (r->pdata[i], "\x1f", c->pdata[j], NULL);
        hash_inc (t->pair_n, key);
      }
}

static void
add_context (VbTally *t, const VbSegment *seg, const char *unit, GPtrArray *rows, GPtrArray *cols)
{
  g_autofree char *key = t->o.within == VB_WITHIN_DOCUMENT
                           ? g_strdup (seg->document)
                           : g_strdup_printf ("%s\x1f%u", seg->document, seg->index);
  Context *c = g_hash_table_lookup (t->contexts, key);
  if (c == NULL)
    {
      c = g_new0 (Context, 1);
      c->unit = g_strdup (unit);
      c->rows = g_ptr_array_new ();
      c->cols = g_ptr_array_new ();
      g_hash_table_insert (t->contexts, g_steal_pointer (&key), c);
    }
  add_interned (c->rows, rows);
  add_interned (c->cols, cols);
}

void
vb_tally_add (VbTally *t, const VbSegment *seg)
{
  t->n_seen++;
  if (t->sizes)
    vb_group_sizes_see (t->sizes, seg);
  /* Speakers are numbered in the order they first speak, counted or not,
   * so a filter does not renumber them; a table that shows no speaker
   * need not number them at all. */
  if (t->shows_speakers)
    vb_pseudonyms_see (t->o.pseudonyms, seg);
  if (!t->o.include_moderator && !vb_role_is_counted (seg->role))
    return;
  if (t->o.phase != VB_PHASE_FILTER_ALL && (int) seg->phase != t->o.phase)
    return;
  if (!where_holds (t, seg))
    return;
  const char *copy_of = vb_attrs_get (seg->attrs, "duplicate_of");
  if (copy_of && *copy_of)
    {
      t->n_copies++;
      if (t->o.collapse_campaigns)
        return;
    }
  t->n_counted++;
  g_autofree char *key = unit_key (t, seg);
  gpointer interned;
  if (t->runs)
    {
      /* A new run is a new unit: it was not met before (the caller
       * promised), and will not be met again once the next begins. */
      if (t->run_key == NULL || strcmp (key, t->run_key) != 0)
        {
          g_free (t->run_key);
          t->run_key = g_steal_pointer (&key);
          run_count (&t->run_units, t->run_units.last + 1);
        }
      interned = t->run_key;
    }
  else if (!g_hash_table_lookup_extended (t->all_units, key, &interned, NULL))
    {
      interned = g_strdup (key);
      g_hash_table_add (t->all_units, interned);
      if (t->sizes)
        vb_group_sizes_unit (t->sizes, interned, seg);
    }
  const char *unit = interned;

  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  g_autoptr (GPtrArray) cols = g_ptr_array_new ();
  dim_values (t, seg, &t->o.rows, rows);
  dim_values (t, seg, &t->o.cols, cols);
  if (t->o.rows.kind == VB_DIM_ATTR)
    add_to_base (t, t->row_bases, rows->pdata[0], unit);
  if (t->o.cols.kind == VB_DIM_ATTR)
    add_to_base (t, t->col_bases, cols->pdata[0], unit);

  gboolean links = t->o.pairing == VB_PAIR_LINKS && is_code_dim (t->o.rows.kind)
                   && is_code_dim (t->o.cols.kind);
  if (t->contexts && (rows->len || cols->len))
    {
      if (t->o.within == VB_WITHIN_DOCUMENT)
        add_context (t, seg, unit, rows, cols);
      else
        count_segment_context (t, rows, cols);
    }
  /* Within documents, pairs are made once the documents are whole. */
  if (t->contexts && t->o.within == VB_WITHIN_DOCUMENT)
    return;
  g_autoptr (GHashTable) mentions = mentions_of (t, seg);
  for (guint i = 0; i < rows->len; i++)
    {
      const char *r = rows->pdata[i];
      if (links)
        {
          /* A theme counts towards each principle the codebook links it to. */
          const VbCode *code = vb_codebook_lookup (t->cb, r);
          for (guint k = 0; code && code->principles && code->principles[k]; k++)
            {
              const VbCode *p = vb_codebook_lookup (t->cb, code->principles[k]);
              if (p && code_in_dim (p, t->o.cols.kind))
                count_pair (t, seg, mentions, unit, r, p->id);
            }
          continue;
        }
      for (guint j = 0; j < cols->len; j++)
        count_pair (t, seg, mentions, unit, r, cols->pdata[j]);
      if (t->o.total && t->o.cols.kind == VB_DIM_ATTR)
        count_pair (t, seg, mentions, unit, r, TOTAL_ID);
    }
}

static gint
natural_compare (gconstpointer a, gconstpointer b)
{
  return vb_value_compare (*(const char *const *) a, *(const char *const *) b);
}

/* The ids and labels along one side of the table. */
static void
dim_axis (VbTally *t, const VbDim *dim, GHashTable *bases, gboolean total, GPtrArray *ids,
          GPtrArray *labels, GArray *depth)
{
  if (is_code_dim (dim->kind))
    {
      for (guint i = 0; i < vb_codebook_n_codes (t->cb); i++)
        {
          const VbCode *c = vb_codebook_code (t->cb, i);
          if (!code_in_dim (c, dim->kind))
            continue;
          g_ptr_array_add (ids, g_strdup (c->id));
          g_ptr_array_add (labels, g_strdup (c->label));
          /* Indent sub-themes only when their parent is listed too. */
          guint d = dim->kind == VB_DIM_PRINCIPLE ? 0 : c->depth;
          g_array_append_val (depth, d);
        }
      return;
    }
  if (dim->kind == VB_DIM_ATTR)
    {
      g_autoptr (GPtrArray) vals = g_ptr_array_new ();
      GHashTableIter it;
      gpointer key;
      g_hash_table_iter_init (&it, bases);
      while (g_hash_table_iter_next (&it, &key, NULL))
        g_ptr_array_add (vals, key);
      g_ptr_array_sort (vals, natural_compare);
      /* The phases in the order they happen, not alphabetically. */
      if (strcmp (dim->attr, "phase") == 0 && vals->len == 2
          && strcmp (vals->pdata[0], "prompted") == 0)
        {
          gpointer first = vals->pdata[0];
          vals->pdata[0] = vals->pdata[1];
          vals->pdata[1] = first;
        }
      for (guint i = 0; i < vals->len; i++)
        {
          g_ptr_array_add (ids, g_strdup (vals->pdata[i]));
          g_ptr_array_add (labels, g_strdup (vals->pdata[i]));
          guint d = 0;
          g_array_append_val (depth, d);
        }
    }
  if (dim->kind == VB_DIM_NONE || total)
    {
      g_ptr_array_add (ids, g_strdup (TOTAL_ID));
      g_ptr_array_add (labels, g_strdup ("All"));
      guint d = 0;
      g_array_append_val (depth, d);
    }
}

static guint
base_of (const VbTally *t, GHashTable *bases, const char *value)
{
  if (strcmp (value, TOTAL_ID) == 0)
    return vb_tally_n_units (t);
  if (t->runs)
    {
      const RunCount *c = g_hash_table_lookup (bases, value);
      return c ? c->n : 0;
    }
  GHashTable *set = g_hash_table_lookup (bases, value);
  return set ? units_count (t, set, TRUE) : 0;
}

/* Within documents the cells count the units of the documents with both
 * codes, now that every document is whole; and either way, the contexts
 * with each code and with each pair give the Jaccard indices. */
static void
contexts_count (VbTally *t, GHashTable *pairs, GHashTable *row_n, GHashTable *col_n)
{
  GHashTableIter it;
  gpointer value;
  GHashTable *from[] = { t->pair_n, t->row_n, t->col_n }, *to[] = { pairs, row_n, col_n };
  for (guint k = 0; k < G_N_ELEMENTS (from); k++)
    {
      gpointer counted;
      g_hash_table_iter_init (&it, from[k]);
      while (g_hash_table_iter_next (&it, &counted, &value))
        g_hash_table_insert (to[k], g_strdup (counted), value);
    }
  g_hash_table_iter_init (&it, t->contexts);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Context *c = value;
      for (guint i = 0; i < c->rows->len; i++)
        hash_inc (row_n, c->rows->pdata[i]);
      for (guint j = 0; j < c->cols->len; j++)
        hash_inc (col_n, c->cols->pdata[j]);
      for (guint i = 0; i < c->rows->len; i++)
        for (guint j = 0; j < c->cols->len; j++)
          {
            g_autofree char *key = g_strconcat (c->rows->pdata[i], "\x1f", c->cols->pdata[j], NULL);
            hash_inc (pairs, key);
            if (t->o.within == VB_WITHIN_DOCUMENT)
              {
                Cell *cell = g_hash_table_lookup (t->cells, key);
                if (cell == NULL)
                  {
                    cell = g_new0 (Cell, 1);
                    cell->units = unit_set_new ();
                    g_hash_table_insert (t->cells, g_strdup (key), cell);
                  }
                if (!g_hash_table_contains (cell->units, c->unit))
                  g_hash_table_add (cell->units, g_strdup (c->unit));
              }
          }
    }
}

/* A framework matrix's cell: the verbatims as they were said, none cut;
 * those beyond the limit are counted, never dropped unsaid. */
static void
framework_cell (VbTally *t, VbCell *cell, const Cell *tc)
{
  cell->quotes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tc->first->len; i++)
    {
      const VbSegment *seg = tc->first->pdata[i];
      g_ptr_array_add (cell->quotes,
                       vb_quote_format (seg, t->o.attribution,
                                        vb_pseudonyms_speaker (t->o.pseudonyms, seg), 0));
    }
  if (tc->more)
    g_ptr_array_add (cell->quotes, g_strdup_printf ("(+%u more)", tc->more));
}

/* The documents of the counted participants (a key starts with its
 * document, see unit_key). */
static guint
n_documents (const VbTally *t)
{
  g_autoptr (GHashTable) docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, t->all_units);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_hash_table_add (docs, g_strndup (key, strcspn (key, "\x1f")));
  return g_hash_table_size (docs);
}

VbTable *
vb_tally_table (VbTally *t)
{
  g_autoptr (GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) row_n = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) col_n = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (t->contexts)
    contexts_count (t, pairs, row_n, col_n);
  g_autoptr (GPtrArray) rids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) rlabels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) rdepth = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr (GPtrArray) cids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) clabels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) cdepth = g_array_new (FALSE, TRUE, sizeof (guint));
  dim_axis (t, &t->o.rows, t->row_bases, FALSE, rids, rlabels, rdepth);
  dim_axis (t, &t->o.cols, t->col_bases, t->o.total && t->o.cols.kind == VB_DIM_ATTR, cids,
            clabels, cdepth);

  VbTable *table = vb_table_new (rids->len, cids->len);
  gboolean links = t->o.pairing == VB_PAIR_LINKS && is_code_dim (t->o.rows.kind)
                   && is_code_dim (t->o.cols.kind);
  gboolean row_attr = t->o.rows.kind == VB_DIM_ATTR;
  table->corner = g_strdup (row_attr ? t->o.rows.attr
                            : t->o.rows.kind == VB_DIM_THEME ? "theme"
                            : t->o.rows.kind == VB_DIM_PRINCIPLE ? "principle" : "code");
  table->unit = g_strdup (vb_unit_plural (t->o.unit));
  table->words = t->o.unit != VB_UNIT_MENTION;
  for (guint r = 0; r < rids->len; r++)
    {
      g_ptr_array_add (table->row_ids, g_strdup (rids->pdata[r]));
      g_ptr_array_add (table->row_labels, g_strdup (rlabels->pdata[r]));
      g_array_append_val (table->row_depth, g_array_index (rdepth, guint, r));
    }
  for (guint c = 0; c < cids->len; c++)
    {
      const char *id = cids->pdata[c];
      if (strcmp (id, TOTAL_ID) == 0 && t->o.cols.kind == VB_DIM_ATTR)
        table->total_col = (int) c;
      g_ptr_array_add (table->col_ids, g_strdup (strcmp (id, TOTAL_ID) ? id : "all"));
      g_ptr_array_add (table->col_labels, g_strdup (clabels->pdata[c]));
      /* Code columns share the overall base; attribute columns have their own. */
      guint b = t->o.unit == VB_UNIT_MENTION ? 0
                : t->o.cols.kind == VB_DIM_ATTR ? base_of (t, t->col_bases, id)
                                                : vb_tally_n_units (t);
      g_array_append_val (table->col_base, b);
    }
  if (row_attr)
    for (guint r = 0; r < rids->len; r++)
      {
        guint b = t->o.unit == VB_UNIT_MENTION ? 0 : base_of (t, t->row_bases, rids->pdata[r]);
        g_array_append_val (table->row_base, b);
      }

  for (guint r = 0; r < rids->len; r++)
    for (guint c = 0; c < cids->len; c++)
      {
        VbCell *cell = vb_table_cell (table, r, c);
        const char *rid = rids->pdata[r], *cid = cids->pdata[c];
        if (links)
          {
            const VbCode *code = vb_codebook_lookup (t->cb, rid);
            cell->na = !(code && code->principles && g_strv_contains ((const char *const *) code->principles, cid));
          }
        cell->base = row_attr ? g_array_index (table->row_base, guint, r)
                              : g_array_index (table->col_base, guint, c);
        g_autofree char *key = g_strconcat (rid, "\x1f", cid, NULL);
        if (t->contexts)
          {
            /* |A and B| / |A or B| over the contexts; 0 when neither occurs. */
            guint both = hash_count (pairs, key);
            guint either = hash_count (row_n, rid) + hash_count (col_n, cid) - both;
            cell->value = either ? (double) both / either : 0.0;
          }
        Cell *tc = g_hash_table_lookup (t->cells, key);
        if (tc == NULL)
          continue;
        cell->count = t->o.unit == VB_UNIT_MENTION ? tc->mentions
                      : tc->units ? units_count (t, tc->units, FALSE) : tc->run.n;
        if (tc->first)
          framework_cell (t, cell, tc);
        else if (tc->picker)
          {
            GPtrArray *best = vb_quote_picker_result (tc->picker);
            cell->quotes = g_ptr_array_new_with_free_func (g_free);
            for (guint q = 0; q < best->len; q++)
              {
                const VbSegment *b = best->pdata[q];
                const char *who = vb_pseudonyms_speaker (t->o.pseudonyms, b);
                g_ptr_array_add (cell->quotes, vb_quote_format (b, t->o.attribution, who, 300));
              }
          }
      }

  if (t->o.unit == VB_UNIT_MENTION)
    g_ptr_array_add (table->notes, g_strdup ("Count: codings of the code (mentions); mentions have no base."));
  else
    g_ptr_array_add (table->notes,
                     g_strdup_printf ("Count: %s %s. Base: %s with a counted segment%s.",
                                      vb_unit_plural (t->o.unit),
                                      links ? "that raised the theme, under each principle the codebook links it to"
                                      : t->contexts && t->o.within == VB_WITHIN_DOCUMENT
                                        ? (t->o.unit == VB_UNIT_DOCUMENT ? "where both were raised"
                                                                         : "with a document where both were raised")
                                      : is_code_dim (t->o.rows.kind) && is_code_dim (t->o.cols.kind)
                                        ? "with a segment coded with both"
                                        : "that raised the code",
                                      vb_unit_plural (t->o.unit),
                                      row_attr ? " in the row"
                                      : t->o.cols.kind == VB_DIM_ATTR ? " in the column" : ""));
  if (t->sizes)
    vb_group_sizes_notes (t->sizes, vb_group_sizes_any (t->sizes) ? n_documents (t) : 0,
                          table->notes);
  /* Said under every table of themes that has sub-themes, either way:
   * the same theme gives two numbers under the two rules.  (Without
   * sub-themes the rules agree, and the line would only be noise.) */
  gboolean sub_themes = FALSE;
  for (guint i = 0; i < vb_codebook_n_codes (t->cb) && !sub_themes; i++)
    sub_themes = vb_codebook_code (t->cb, i)->parent != NULL;
  if (sub_themes
      && (t->o.rows.kind == VB_DIM_THEME || t->o.rows.kind == VB_DIM_CODE
          || t->o.cols.kind == VB_DIM_THEME || t->o.cols.kind == VB_DIM_CODE))
    g_ptr_array_add (table->notes, g_strdup (t->o.rollup
                                             ? "Parent themes count their sub-themes' codings."
                                             : "Parent themes do not count their sub-themes' codings."));
  if (!t->o.include_moderator)
    g_ptr_array_add (table->notes, g_strdup ("Moderators' and interviewers' words are not counted."));
  for (guint i = 0; t->o.where && t->o.where[i]; i++)
    g_ptr_array_add (table->notes, g_strdup_printf ("Only segments with %s.", t->o.where[i]));
  if (t->o.phase != VB_PHASE_FILTER_ALL)
    g_ptr_array_add (table->notes, g_strdup_printf ("Only the %s phase is counted.",
                                                    vb_phase_to_string ((VbPhase) t->o.phase)));
  if (t->o.collapse_campaigns)
    g_ptr_array_add (table->notes,
                     g_strdup_printf ("Campaigns collapsed: each counts once, through its first "
                                      "member; %u %s left out.", t->n_copies,
                                      t->n_copies == 1 ? "copy was" : "copies were"));
  else if (t->n_copies > 0)
    /* Said even when not asked: a table that counts a template answer
     * hundreds of times should not look like hundreds of opinions. */
    g_ptr_array_add (table->notes,
                     g_strdup_printf ("Campaign responses are counted in full: %u counted %s "
                                      "a campaign's first member.", t->n_copies,
                                      t->n_copies == 1 ? "segment copies" : "segments copy"));
  if (links)
    g_ptr_array_add (table->notes, g_strdup ("Cells are empty where the codebook does not link the theme to the principle."));
  return table;
}
