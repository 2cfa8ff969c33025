/* test-tally.c: counting who raised what (vb-tally.h), cell by cell, on a
 * study small enough to count by hand.
 *
 * The codebook, in table order:
 *   openness   principle
 *   honesty    principle
 *   scrutiny   theme, linked to openness
 *   respect    theme, linked to honesty
 *   dignity    theme, sub-theme of respect, no links
 * and the stream also holds "newcode", which the codebook lacks.
 *
 * Five documents; every segment of a document has its attributes:
 *   doc  sector     band  group
 *   i1   health     g10   gA      interview
 *   i2   education  g2    gA      interview
 *   d1   health     g2    gB      discussion group
 *   n1   -          -     -       notes: no attributes, no speaker names
 *   m1   education  g10   gB      only the interviewer speaks
 *
 * Segments (P participant, I interviewer, M moderator; s spontaneous,
 * p prompted) and their codings:
 *   i1.1 Int I s  respect
 *   i1.2 Ann P s  openness scrutiny scrutiny
 *   i1.3 Ann P p  dignity
 *   i2.1 Int I s  honesty
 *   i2.2 Bob P s  honesty respect
 *   i2.3 Bob P p  (coded, nothing)
 *   d1.1 Mod M s  honesty
 *   d1.2 Cat P s  scrutiny openness
 *   d1.3 Dan P s  dignity newcode
 *   d1.4 Cat P p  respect
 *   n1.1 -   P s  openness
 *   n1.2 -   P p  openness respect
 *   m1.1 Int I s  scrutiny
 *
 * By default only participants count: 9 of the 13 segments, from the
 * documents i1 i2 d1 n1 (base 4).  Hand-worked counts, by unit:
 *
 *             document  segment  speaker  group  mention
 *   base         4         9        5       3       -
 *   openness     3         4        3       3       4
 *   honesty      1         1        1       1       1
 *   scrutiny     2         2        2       2       3   (i1.2 codes it twice)
 *   respect      3         3        3       3       3
 *   dignity      2         2        2       2       2
 *   newcode      1         1        1       1       1
 *
 * speakers: i1/Ann i2/Bob d1/Cat d1/Dan n1/(unnamed); groups: gA (i1 i2),
 * gB (d1), and n1, which has no group and stands for itself.
 * Further tables are worked out next to their tests. */
#include <string.h>

#include "analysis/vb-tally.h"

typedef struct {
  const char *doc;
  guint idx;
  const char *speaker;
  VbRole role;
  VbPhase phase;
  const char *codes; /* ';'-separated, "" for coded with nothing */
} Spec;

#define P VB_ROLE_PARTICIPANT
#define I VB_ROLE_INTERVIEWER
#define M VB_ROLE_MODERATOR
#define S VB_PHASE_SPONTANEOUS
#define Q VB_PHASE_PROMPTED

static const Spec study[] = {
  { "i1", 1, "Int", I, S, "respect" },
  { "i1", 2, "Ann", P, S, "openness;scrutiny;scrutiny" },
  { "i1", 3, "Ann", P, Q, "dignity" },
  { "i2", 1, "Int", I, S, "honesty" },
  { "i2", 2, "Bob", P, S, "honesty;respect" },
  { "i2", 3, "Bob", P, Q, "" },
  { "d1", 1, "Mod", M, S, "honesty" },
  { "d1", 2, "Cat", P, S, "scrutiny;openness" },
  { "d1", 3, "Dan", P, S, "dignity;newcode" },
  { "d1", 4, "Cat", P, Q, "respect" },
  { "n1", 1, "", P, S, "openness" },
  { "n1", 2, "", P, Q, "openness;respect" },
  { "m1", 1, "Int", I, S, "scrutiny" },
};

static const struct {
  const char *doc, *sector, *band, *group;
} doc_attrs[] = {
  { "i1", "health", "g10", "gA" },
  { "i2", "education", "g2", "gA" },
  { "d1", "health", "g2", "gB" },
  { "n1", NULL, NULL, NULL },
  { "m1", "education", "g10", "gB" },
};

static GPtrArray *
study_segments (void)
{
  GPtrArray *segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  for (guint i = 0; i < G_N_ELEMENTS (study); i++)
    {
      const Spec *sp = &study[i];
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup (sp->doc);
      seg->index = sp->idx;
      g_free (seg->speaker);
      seg->speaker = g_strdup (sp->speaker);
      seg->role = sp->role;
      seg->phase = sp->phase;
      g_free (seg->text);
      seg->text = g_strdup_printf ("Segment %u of %s.", sp->idx, sp->doc);
      for (guint d = 0; d < G_N_ELEMENTS (doc_attrs); d++)
        if (strcmp (doc_attrs[d].doc, sp->doc) == 0)
          {
            if (doc_attrs[d].sector)
              vb_attrs_set (seg->attrs, "sector", doc_attrs[d].sector, 0);
            if (doc_attrs[d].band)
              vb_attrs_set (seg->attrs, "band", doc_attrs[d].band, 0);
            if (doc_attrs[d].group)
              vb_attrs_set (seg->attrs, "group", doc_attrs[d].group, 0);
          }
      vb_segment_ensure_codings (seg);
      g_auto (GStrv) codes = g_strsplit (sp->codes, ";", -1);
      for (guint k = 0; codes[k]; k++)
        if (*codes[k])
          vb_segment_add_coding (seg, codes[k], 0, 7, "coder:test");
      g_ptr_array_add (segs, seg);
    }
  return segs;
}

static VbCodebook *
study_codebook (void)
{
  VbCodebook *cb = vb_codebook_new ("study", "Study codebook");
  const char *const to_openness[] = { "openness", NULL };
  const char *const to_honesty[] = { "honesty", NULL };
  vb_codebook_add (cb, "openness", VB_CODE_PRINCIPLE, "Openness", NULL, NULL);
  vb_codebook_add (cb, "honesty", VB_CODE_PRINCIPLE, "Honesty", NULL, NULL);
  vb_codebook_add (cb, "scrutiny", VB_CODE_THEME, "Scrutiny", NULL, to_openness);
  vb_codebook_add (cb, "respect", VB_CODE_THEME, "Respect", NULL, to_honesty);
  vb_codebook_add (cb, "dignity", VB_CODE_THEME, "Dignity", "respect", NULL);
  return cb;
}

/* Runs the whole study through a tally with opts. */
typedef struct {
  VbCodebook *cb;
  GPtrArray *segs;
  VbTally *tally;
  VbTable *table;
} Run;

static void
run (Run *r, const VbTallyOptions *opts)
{
  r->cb = study_codebook ();
  r->segs = study_segments ();
  r->tally = vb_tally_new (opts, r->cb);
  for (guint i = 0; i < r->segs->len; i++)
    vb_tally_add (r->tally, r->segs->pdata[i]);
  r->table = vb_tally_table (r->tally);
}

static void
run_clear (Run *r)
{
  vb_table_free (r->table);
  vb_tally_free (r->tally);
  g_ptr_array_unref (r->segs);
  vb_codebook_free (r->cb);
}

/* ---- checking a table ---- */

static void
assert_ids (GPtrArray *ids, const char *joined)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%s", i ? "," : "", (char *) ids->pdata[i]);
  g_assert_cmpstr (s->str, ==, joined);
  g_string_free (s, TRUE);
}

/* counts: row-major; bases: one per cell, row-major; na: row-major, or
 * NULL for none. */
static void
assert_cells (VbTable *t, const guint *counts, const guint *bases, const gboolean *na)
{
  guint nr = t->row_ids->len, nc = t->col_ids->len;
  for (guint r = 0; r < nr; r++)
    for (guint c = 0; c < nc; c++)
      {
        const VbCell *cell = vb_table_cell (t, r, c);
        guint k = r * nc + c;
        if (cell->count != counts[k] || cell->base != bases[k]
            || cell->na != (na ? na[k] : FALSE))
          g_error ("cell (%s, %s): count %u base %u na %d, want count %u base %u na %d",
                   (char *) t->row_ids->pdata[r], (char *) t->col_ids->pdata[c], cell->count,
                   cell->base, cell->na, counts[k], bases[k], na ? na[k] : FALSE);
        g_assert_null (cell->quotes);
      }
}

static void
assert_col_bases (VbTable *t, const guint *bases)
{
  g_assert_cmpuint (t->col_base->len, ==, t->col_ids->len);
  for (guint c = 0; c < t->col_base->len; c++)
    g_assert_cmpuint (g_array_index (t->col_base, guint, c), ==, bases[c]);
}

/* The same base in every cell. */
static guint *
same (guint n, guint v)
{
  guint *a = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    a[i] = v;
  return a;
}

static const char *const code_rows = "openness,honesty,scrutiny,respect,dignity,newcode";

/* ---- the small helpers ---- */

static void
test_options_init (void)
{
  VbTallyOptions o;
  memset (&o, 0xff, sizeof o);
  vb_tally_options_init (&o);
  g_assert_cmpint (o.unit, ==, VB_UNIT_DOCUMENT);
  g_assert_cmpstr (o.group_attr, ==, "group");
  g_assert_false (o.include_moderator);
  g_assert_cmpint (o.phase, ==, VB_PHASE_FILTER_ALL);
  g_assert_false (o.rollup);
  g_assert_cmpint (o.pairing, ==, VB_PAIR_COOCCUR);
  g_assert_cmpint (o.rows.kind, ==, VB_DIM_CODE);
  g_assert_cmpint (o.cols.kind, ==, VB_DIM_NONE);
  g_assert_true (o.total);
  g_assert_cmpuint (o.quotes, ==, 0);
  g_assert_null (o.where);
  g_assert_false (o.collapse_campaigns);
}

static void
test_units_dims (void)
{
  static const struct {
    const char *s;
    VbUnit u;
  } ok[] = {
    { "mention", VB_UNIT_MENTION },   { "mentions", VB_UNIT_MENTION },
    { "segment", VB_UNIT_SEGMENT },   { "segments", VB_UNIT_SEGMENT },
    { "speaker", VB_UNIT_SPEAKER },   { "participants", VB_UNIT_SPEAKER },
    { "participant", VB_UNIT_SPEAKER }, { "document", VB_UNIT_DOCUMENT },
    { "documents", VB_UNIT_DOCUMENT }, { "group", VB_UNIT_GROUP },
    { "groups", VB_UNIT_GROUP },       { "speakers", VB_UNIT_SPEAKER },
  };
  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      VbUnit u = (VbUnit) 99;
      g_assert_true (vb_unit_from_string (ok[i].s, &u));
      g_assert_cmpint (u, ==, ok[i].u);
    }
  VbUnit u = VB_UNIT_GROUP;
  g_assert_false (vb_unit_from_string ("people", &u));
  g_assert_false (vb_unit_from_string ("Speakers", &u));
  g_assert_false (vb_unit_from_string ("", &u));
  g_assert_false (vb_unit_from_string (NULL, &u));
  g_assert_cmpint (u, ==, VB_UNIT_GROUP);
  g_assert_cmpstr (vb_unit_plural (VB_UNIT_MENTION), ==, "mentions");
  g_assert_cmpstr (vb_unit_plural (VB_UNIT_SEGMENT), ==, "segments");
  g_assert_cmpstr (vb_unit_plural (VB_UNIT_SPEAKER), ==, "participants");
  g_assert_cmpstr (vb_unit_plural (VB_UNIT_DOCUMENT), ==, "documents");
  g_assert_cmpstr (vb_unit_plural (VB_UNIT_GROUP), ==, "groups");

  VbDim d;
  vb_dim_parse ("code", &d);
  g_assert_cmpint (d.kind, ==, VB_DIM_CODE);
  g_assert_null (d.attr);
  vb_dim_parse ("theme", &d);
  g_assert_cmpint (d.kind, ==, VB_DIM_THEME);
  vb_dim_parse ("principle", &d);
  g_assert_cmpint (d.kind, ==, VB_DIM_PRINCIPLE);
  g_assert_null (d.attr);
  vb_dim_parse ("sector", &d);
  g_assert_cmpint (d.kind, ==, VB_DIM_ATTR);
  g_assert_cmpstr (d.attr, ==, "sector");
  vb_dim_parse ("themes", &d);
  g_assert_cmpint (d.kind, ==, VB_DIM_ATTR);
  g_assert_cmpstr (d.attr, ==, "themes");
}

static void
test_segment_value (void)
{
  g_autoptr (VbSegment) seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup ("d1");
  g_free (seg->speaker);
  seg->speaker = g_strdup ("Cat");
  seg->role = VB_ROLE_MODERATOR;
  seg->phase = VB_PHASE_PROMPTED;
  vb_attrs_set (seg->attrs, "sector", "health", 0);
  g_assert_cmpstr (vb_segment_value (seg, "phase"), ==, "prompted");
  g_assert_cmpstr (vb_segment_value (seg, "role"), ==, "moderator");
  g_assert_cmpstr (vb_segment_value (seg, "speaker"), ==, "Cat");
  g_assert_cmpstr (vb_segment_value (seg, "document"), ==, "d1");
  g_assert_cmpstr (vb_segment_value (seg, "sector"), ==, "health");
  g_assert_null (vb_segment_value (seg, "band"));
  /* The stream's own fields win over attributes of the same name. */
  vb_attrs_set (seg->attrs, "phase", "other", 0);
  g_assert_cmpstr (vb_segment_value (seg, "phase"), ==, "prompted");

  g_assert_true (vb_segment_field_is_virtual ("phase"));
  g_assert_true (vb_segment_field_is_virtual ("role"));
  g_assert_true (vb_segment_field_is_virtual ("speaker"));
  g_assert_true (vb_segment_field_is_virtual ("document"));
  g_assert_false (vb_segment_field_is_virtual ("sector"));
  g_assert_false (vb_segment_field_is_virtual ("text"));
  g_assert_false (vb_segment_field_is_virtual (NULL));
}

/* ---- units ---- */

static void
check_unit_table (VbUnit unit, const guint *counts, guint base, const char *plural)
{
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.unit = unit;
  Run r;
  run (&r, &o);
  VbTable *t = r.table;
  g_assert_cmpuint (vb_tally_n_seen (r.tally), ==, 13);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 9);
  g_assert_cmpstr (t->corner, ==, "code");
  g_assert_cmpstr (t->unit, ==, plural);
  g_assert_true (t->words == (unit != VB_UNIT_MENTION));
  assert_ids (t->row_ids, code_rows);
  assert_ids (t->row_labels, "Openness,Honesty,Scrutiny,Respect,Dignity,newcode");
  assert_ids (t->col_ids, "all");
  assert_ids (t->col_labels, "All");
  g_assert_cmpuint (t->row_depth->len, ==, 6);
  const guint depth[] = { 0, 0, 0, 0, 1, 0 };
  for (guint i = 0; i < 6; i++)
    g_assert_cmpuint (g_array_index (t->row_depth, guint, i), ==, depth[i]);
  g_assert_cmpuint (t->row_base->len, ==, 0);
  assert_col_bases (t, &base);
  g_autofree guint *bases = same (6, base);
  assert_cells (t, counts, bases, NULL);
  /* The code met in the stream is now in the codebook, as a theme. */
  const VbCode *nc = vb_codebook_lookup (r.cb, "newcode");
  g_assert_nonnull (nc);
  g_assert_cmpint (nc->kind, ==, VB_CODE_THEME);
  g_assert_cmpstr (nc->label, ==, "newcode");
  g_assert_cmpint (vb_codebook_position (r.cb, "newcode"), ==, 5);
  run_clear (&r);
}

static void
test_unit_document (void)
{
  const guint counts[] = { 3, 1, 2, 3, 2, 1 };
  check_unit_table (VB_UNIT_DOCUMENT, counts, 4, "documents");
}

static void
test_unit_segment (void)
{
  const guint counts[] = { 4, 1, 2, 3, 2, 1 };
  check_unit_table (VB_UNIT_SEGMENT, counts, 9, "segments");
}

static void
test_unit_speaker (void)
{
  const guint counts[] = { 3, 1, 2, 3, 2, 1 };
  check_unit_table (VB_UNIT_SPEAKER, counts, 5, "participants");
}

static void
test_unit_group (void)
{
  const guint counts[] = { 3, 1, 2, 3, 2, 1 };
  check_unit_table (VB_UNIT_GROUP, counts, 3, "groups");
}

static void
test_unit_mention (void)
{
  /* Mentions have no base. */
  const guint counts[] = { 4, 1, 3, 3, 2, 1 };
  check_unit_table (VB_UNIT_MENTION, counts, 0, "mentions");
}

static void
test_unit_group_attr (void)
{
  /* Groups named by another attribute: sector.  health (i1 d1),
   * education (i2) and n1 (no sector) -> base 3.
   *   openness: health, n1 = 2   honesty: education = 1
   *   scrutiny: health = 1       respect: education, health, n1 = 3
   *   dignity: health = 1        newcode: health = 1 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.unit = VB_UNIT_GROUP;
  o.group_attr = "sector";
  Run r;
  run (&r, &o);
  const guint counts[] = { 2, 1, 1, 3, 1, 1 };
  const guint base = 3;
  assert_col_bases (r.table, &base);
  g_autofree guint *bases = same (6, 3);
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);
}

/* ---- who is counted ---- */

static void
test_include_moderator (void)
{
  /* All 13 segments; m1 joins the documents (base 5).
   *   openness 3 (i1 d1 n1)        honesty 2 (i2, d1 by its moderator)
   *   scrutiny 3 (i1 d1 m1)        respect 4 (i1 by its interviewer, i2 d1 n1)
   *   dignity 2                    newcode 1 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.include_moderator = TRUE;
  Run r;
  run (&r, &o);
  g_assert_cmpuint (vb_tally_n_seen (r.tally), ==, 13);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 13);
  const guint counts[] = { 3, 2, 3, 4, 2, 1 };
  const guint base = 5;
  assert_col_bases (r.table, &base);
  g_autofree guint *bases = same (6, 5);
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);

  /* By segment: 13 segments.  openness 4, honesty 3 (i2.1 i2.2 d1.1),
   * scrutiny 3 (i1.2 d1.2 m1.1), respect 4 (i1.1 i2.2 d1.4 n1.2),
   * dignity 2, newcode 1. */
  o.unit = VB_UNIT_SEGMENT;
  run (&r, &o);
  const guint seg_counts[] = { 4, 3, 3, 4, 2, 1 };
  g_autofree guint *seg_bases = same (6, 13);
  assert_cells (r.table, seg_counts, seg_bases, NULL);
  run_clear (&r);
}

static void
test_phase_filter (void)
{
  /* Prompted only: i1.3 i2.3 d1.4 n1.2 -> documents i1 i2 d1 n1 (base 4).
   *   openness 1 (n1), honesty 0, scrutiny 0, respect 2 (d1 n1),
   *   dignity 1 (i1).  newcode was never counted, so it is no row. */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.phase = VB_PHASE_PROMPTED;
  Run r;
  run (&r, &o);
  g_assert_cmpuint (vb_tally_n_seen (r.tally), ==, 13);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 4);
  assert_ids (r.table->row_ids, "openness,honesty,scrutiny,respect,dignity");
  g_assert_null (vb_codebook_lookup (r.cb, "newcode"));
  const guint counts[] = { 1, 0, 0, 2, 1 };
  g_autofree guint *bases = same (5, 4);
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);

  /* Spontaneous only: i1.2 i2.2 d1.2 d1.3 n1.1 -> base 4.
   *   openness 3 (i1 d1 n1), honesty 1, scrutiny 2, respect 1 (i2),
   *   dignity 1 (d1), newcode 1. */
  o.phase = VB_PHASE_SPONTANEOUS;
  run (&r, &o);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 5);
  const guint s_counts[] = { 3, 1, 2, 1, 1, 1 };
  g_autofree guint *s_bases = same (6, 4);
  assert_cells (r.table, s_counts, s_bases, NULL);
  run_clear (&r);
}

/* d1.2 and n1.2 copy a campaign's first member, and so does i1.1, which
 * is not counted anyway.  Collapsed, by segment: 9 - 2 = 7 counted;
 * openness 4 - 2 (d1.2 n1.2) = 2, honesty 1, scrutiny 2 - 1 (d1.2) = 1,
 * respect 3 - 1 (n1.2) = 2, dignity 2, newcode 1. */
static void
test_collapse_campaigns (void)
{
  for (guint collapse = 0; collapse < 2; collapse++)
    {
      VbTallyOptions o;
      vb_tally_options_init (&o);
      o.unit = VB_UNIT_SEGMENT;
      o.collapse_campaigns = collapse;
      g_autoptr (VbCodebook) cb = study_codebook ();
      g_autoptr (GPtrArray) segs = study_segments ();
      const guint copies[] = { 0, 7, 11 }; /* i1.1 d1.2 n1.2 */
      for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
        vb_attrs_set (((VbSegment *) segs->pdata[copies[i]])->attrs, "duplicate_of", "x:1", 0);
      /* An empty value is no copy. */
      vb_attrs_set (((VbSegment *) segs->pdata[1])->attrs, "duplicate_of", "", 0);
      g_autoptr (VbTally) tally = vb_tally_new (&o, cb);
      for (guint i = 0; i < segs->len; i++)
        vb_tally_add (tally, segs->pdata[i]);
      g_autoptr (VbTable) t = vb_tally_table (tally);
      g_assert_cmpuint (vb_tally_n_copies (tally), ==, 2);
      g_assert_cmpuint (vb_tally_n_counted (tally), ==, collapse ? 7 : 9);
      const guint collapsed[] = { 2, 1, 1, 2, 2, 1 }, full[] = { 4, 1, 2, 3, 2, 1 };
      g_autofree guint *bases = same (6, collapse ? 7 : 9);
      assert_cells (t, collapse ? collapsed : full, bases, NULL);
      const char *note = t->notes->pdata[t->notes->len - 1];
      g_assert_cmpstr (note, ==,
                       collapse ? "Campaigns collapsed: each counts once, through its first "
                                  "member; 2 copies were left out."
                                : "Campaign responses are counted in full: 2 counted segments "
                                  "copy a campaign's first member.");
    }
}

static void
test_where_filter (void)
{
  /* sector=health: i1.2 i1.3 d1.2 d1.3 d1.4 -> i1 d1 (base 2).
   *   openness 2, honesty 0, scrutiny 2, respect 1 (d1), dignity 2, newcode 1. */
  const char *const health[] = { "sector=health", NULL };
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.where = health;
  Run r;
  run (&r, &o);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 5);
  const guint counts[] = { 2, 0, 2, 1, 2, 1 };
  g_autofree guint *bases = same (6, 2);
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);

  /* Every filter must hold, virtual fields too: health and Cat -> d1.2 d1.4
   * (base 1): openness 1, scrutiny 1, respect 1. */
  const char *const cat[] = { "sector=health", "speaker=Cat", NULL };
  o.where = cat;
  run (&r, &o);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 2);
  assert_ids (r.table->row_ids, "openness,honesty,scrutiny,respect,dignity");
  const guint cat_counts[] = { 1, 0, 1, 1, 0 };
  g_autofree guint *cat_bases = same (5, 1);
  assert_cells (r.table, cat_counts, cat_bases, NULL);
  run_clear (&r);

  /* An empty value matches a segment without the attribute: n1 only. */
  const char *const none[] = { "sector=", NULL };
  o.where = none;
  run (&r, &o);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 2);
  const guint none_counts[] = { 1, 0, 0, 1, 0 };
  g_autofree guint *none_bases = same (5, 1);
  assert_cells (r.table, none_counts, none_bases, NULL);
  run_clear (&r);

  /* role=moderator with moderators included: d1.1 (honesty), base 1. */
  const char *const mod[] = { "role=moderator", NULL };
  o.where = mod;
  o.include_moderator = TRUE;
  run (&r, &o);
  g_assert_cmpuint (vb_tally_n_counted (r.tally), ==, 1);
  const guint mod_counts[] = { 0, 1, 0, 0, 0 };
  g_autofree guint *mod_bases = same (5, 1);
  assert_cells (r.table, mod_counts, mod_bases, NULL);
  run_clear (&r);
}

/* ---- attribute columns and rows ---- */

/* The same table, cell by cell (counts, bases, Jaccard values). */
static void
assert_same_table (VbTable *a, VbTable *b)
{
  g_assert_cmpuint (a->row_ids->len, ==, b->row_ids->len);
  g_assert_cmpuint (a->col_ids->len, ==, b->col_ids->len);
  for (guint c = 0; c < a->col_ids->len; c++)
    {
      g_assert_cmpstr (a->col_ids->pdata[c], ==, b->col_ids->pdata[c]);
      g_assert_cmpuint (g_array_index (a->col_base, guint, c), ==,
                        g_array_index (b->col_base, guint, c));
    }
  g_assert_cmpuint (a->row_base->len, ==, b->row_base->len);
  for (guint r = 0; r < a->row_base->len; r++)
    g_assert_cmpuint (g_array_index (a->row_base, guint, r), ==,
                      g_array_index (b->row_base, guint, r));
  for (guint r = 0; r < a->row_ids->len; r++)
    for (guint c = 0; c < a->col_ids->len; c++)
      {
        const VbCell *x = vb_table_cell (a, r, c), *y = vb_table_cell (b, r, c);
        if (x->count != y->count || x->base != y->base || x->value != y->value)
          g_error ("cell (%s, %s): count %u base %u value %g by sets, %u %u %g by runs",
                   (char *) a->row_ids->pdata[r], (char *) a->col_ids->pdata[c], x->count,
                   x->base, x->value, y->count, y->base, y->value);
      }
}

/* The study's documents come whole, one after another, so counting units
 * by their runs (units_in_runs) must give what remembering them gives, for
 * every unit (participants and groups are still remembered), by codes,
 * attributes as columns or rows, and pairs of codes. */
static void
test_units_in_runs (void)
{
  const VbUnit units[] = { VB_UNIT_DOCUMENT, VB_UNIT_SEGMENT, VB_UNIT_MENTION, VB_UNIT_SPEAKER,
                           VB_UNIT_GROUP };
  const char *const dims[][2] = { { "code", NULL }, { "theme", "sector" }, { "principle", "band" },
                                  { "code", "phase" }, { "sector", "code" }, { "theme", "principle" },
                                  { "code", "code" } };
  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    for (guint d = 0; d < G_N_ELEMENTS (dims); d++)
      for (guint links = 0; links < 2; links++)
        {
          VbTallyOptions o;
          vb_tally_options_init (&o);
          o.unit = units[u];
          vb_dim_parse (dims[d][0], &o.rows);
          if (dims[d][1])
            vb_dim_parse (dims[d][1], &o.cols);
          o.pairing = links ? VB_PAIR_LINKS : VB_PAIR_COOCCUR;
          Run sets, runs;
          run (&sets, &o);
          o.units_in_runs = TRUE;
          run (&runs, &o);
          assert_same_table (sets.table, runs.table);
          run_clear (&sets);
          run_clear (&runs);
        }
}

static void
test_by_attribute (void)
{
  /* Columns by sector.  Base of a column: documents with a counted segment
   * in it: education i2 = 1, health i1 d1 = 2, (none) n1 = 1; All 4.
   *              education  health  (none)  All
   *   openness       0         2       1     3
   *   honesty        1         0       0     1
   *   scrutiny       0         2       0     2
   *   respect        1         1       1     3
   *   dignity        0         2       0     2
   *   newcode        0         1       0     1 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("sector", &o.cols);
  Run r;
  run (&r, &o);
  VbTable *t = r.table;
  assert_ids (t->row_ids, code_rows);
  assert_ids (t->col_ids, "education,health,(none),all");
  assert_ids (t->col_labels, "education,health,(none),All");
  const guint cb[] = { 1, 2, 1, 4 };
  assert_col_bases (t, cb);
  const guint counts[] = {
    0, 2, 1, 3,
    1, 0, 0, 1,
    0, 2, 0, 2,
    1, 1, 1, 3,
    0, 2, 0, 2,
    0, 1, 0, 1,
  };
  guint bases[24];
  for (guint i = 0; i < 24; i++)
    bases[i] = cb[i % 4];
  assert_cells (t, counts, bases, NULL);
  run_clear (&r);

  /* Without the All column. */
  o.total = FALSE;
  run (&r, &o);
  assert_ids (r.table->col_ids, "education,health,(none)");
  const guint counts3[] = {
    0, 2, 1,
    1, 0, 0,
    0, 2, 0,
    1, 1, 1,
    0, 2, 0,
    0, 1, 0,
  };
  guint bases3[18];
  for (guint i = 0; i < 18; i++)
    bases3[i] = cb[i % 3];
  assert_cells (r.table, counts3, bases3, NULL);
  run_clear (&r);
}

static void
test_by_attribute_moderators (void)
{
  /* With moderators, m1 (education) has a counted segment: education
   * base 2 (i2 m1), health 2, (none) 1, All 5.
   *              education  health  (none)  All
   *   openness       0         2       1     3
   *   honesty        1         1       0     2   (d1 by its moderator)
   *   scrutiny       1         2       0     3   (m1 by its interviewer)
   *   respect        1         2       1     4   (i1 by its interviewer)
   *   dignity        0         2       0     2
   *   newcode        0         1       0     1 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("sector", &o.cols);
  o.include_moderator = TRUE;
  Run r;
  run (&r, &o);
  const guint cb[] = { 2, 2, 1, 5 };
  assert_col_bases (r.table, cb);
  const guint counts[] = {
    0, 2, 1, 3,
    1, 1, 0, 2,
    1, 2, 0, 3,
    1, 2, 1, 4,
    0, 2, 0, 2,
    0, 1, 0, 1,
  };
  guint bases[24];
  for (guint i = 0; i < 24; i++)
    bases[i] = cb[i % 4];
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);
}

static void
test_natural_order (void)
{
  /* band: g2 (i2 d1), g10 (i1), (none) (n1): g2 before g10, (none) last.
   *              g2  g10  (none)  All
   *   openness    1   1     1      3
   *   honesty     1   0     0      1
   *   scrutiny    1   1     0      2
   *   respect     2   0     1      3
   *   dignity     1   1     0      2
   *   newcode     1   0     0      1 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("band", &o.cols);
  Run r;
  run (&r, &o);
  assert_ids (r.table->col_ids, "g2,g10,(none),all");
  const guint cb[] = { 2, 1, 1, 4 };
  assert_col_bases (r.table, cb);
  const guint counts[] = {
    1, 1, 1, 3,
    1, 0, 0, 1,
    1, 1, 0, 2,
    2, 0, 1, 3,
    1, 1, 0, 2,
    1, 0, 0, 1,
  };
  guint bases[24];
  for (guint i = 0; i < 24; i++)
    bases[i] = cb[i % 4];
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);
}

static void
test_natural_order_values (void)
{
  /* A column per value, in file-name order: numbers by value, "(none)"
   * last even against values that sort after it byte-wise. */
  static const char *const values[] = { "g10", "(none)x", "g2", "G3", "g1", "~", "10", "9" };
  g_autoptr (VbCodebook) cb = vb_codebook_new ("x", "X");
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("v", &o.cols);
  o.total = FALSE;
  g_autoptr (VbTally) t = vb_tally_new (&o, cb);
  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  for (guint i = 0; i <= G_N_ELEMENTS (values); i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup_printf ("doc%u", i);
      if (i < G_N_ELEMENTS (values))
        vb_attrs_set (seg->attrs, "v", values[i], 0);
      vb_segment_add_coding (seg, "c", 0, 0, "");
      vb_tally_add (t, seg);
      g_ptr_array_add (segs, seg);
    }
  g_autoptr (VbTable) table = vb_tally_table (t);
  GString *got = g_string_new (NULL);
  for (guint i = 0; i < table->col_ids->len; i++)
    g_string_append_printf (got, "%s|", (char *) table->col_ids->pdata[i]);
  /* g_utf8_collate_key_for_filename: digits by value, then the
   * locale's collation for the rest. */
  g_assert_true (g_str_has_suffix (got->str, "(none)|"));
  const char *p9 = strstr (got->str, "|9|"), *p10 = strstr (got->str, "|10|");
  if (g_str_has_prefix (got->str, "9|"))
    p9 = got->str;
  g_assert_nonnull (p9);
  g_assert_nonnull (p10);
  g_assert_true (p9 < p10);
  const char *g1 = strstr (got->str, "g1|"), *g2 = strstr (got->str, "g2|"),
             *g10 = strstr (got->str, "g10|");
  g_assert_true (g1 != NULL && g2 != NULL && g10 != NULL);
  g_assert_true (g1 < g2);
  g_assert_true (g2 < g10);
  g_assert_cmpuint (table->col_ids->len, ==, G_N_ELEMENTS (values) + 1);
  g_string_free (got, TRUE);
}

static void
test_rows_attribute (void)
{
  /* Rows by sector, a column per code: the base is the row's (documents
   * with a counted segment in that sector), and the codes' columns keep
   * the overall base 4.
   *              openness honesty scrutiny respect dignity newcode  base
   *   education     0        1       0        1       0       0      1
   *   health        2        0       2        1       2       1      2
   *   (none)        1        0       0        1       0       0      1 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("sector", &o.rows);
  vb_dim_parse ("code", &o.cols);
  Run r;
  run (&r, &o);
  VbTable *t = r.table;
  g_assert_cmpstr (t->corner, ==, "sector");
  assert_ids (t->row_ids, "education,health,(none)");
  assert_ids (t->col_ids, code_rows);
  g_assert_cmpuint (t->row_base->len, ==, 3);
  g_assert_cmpuint (g_array_index (t->row_base, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (t->row_base, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (t->row_base, guint, 2), ==, 1);
  g_autofree guint *cbases = same (6, 4);
  assert_col_bases (t, cbases);
  const guint counts[] = {
    0, 1, 0, 1, 0, 0,
    2, 0, 2, 1, 2, 1,
    1, 0, 0, 1, 0, 0,
  };
  guint bases[18];
  for (guint i = 0; i < 18; i++)
    bases[i] = (const guint[]){ 1, 2, 1 }[i / 6];
  assert_cells (t, counts, bases, NULL);
  run_clear (&r);

  /* Rows by sector and no columns: one All column counting the documents
   * of each row, which is the row's base. */
  vb_tally_options_init (&o);
  vb_dim_parse ("sector", &o.rows);
  run (&r, &o);
  assert_ids (r.table->col_ids, "all");
  const guint all_counts[] = { 1, 2, 1 };
  const guint all_bases[] = { 1, 2, 1 };
  assert_cells (r.table, all_counts, all_bases, NULL);
  run_clear (&r);
}

static void
test_virtual_columns (void)
{
  /* Columns by phase, spontaneous first as the phases happen (not
   * alphabetically): spontaneous i1 i2 d1 n1 (4), prompted i1 i2 d1 n1 (4).
   *              spontaneous  prompted  All
   *   openness          3          1       3
   *   honesty           1          0       1
   *   scrutiny          2          0       2
   *   respect           1          2       3
   *   dignity           1          1       2
   *   newcode           1          0       1 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("phase", &o.cols);
  Run r;
  run (&r, &o);
  assert_ids (r.table->col_ids, "spontaneous,prompted,all");
  const guint cb[] = { 4, 4, 4 };
  assert_col_bases (r.table, cb);
  const guint counts[] = {
    3, 1, 3,
    1, 0, 1,
    2, 0, 2,
    1, 2, 3,
    1, 1, 2,
    1, 0, 1,
  };
  g_autofree guint *bases = same (18, 4);
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);

  /* Columns by role, everyone, by segment: interviewer i1.1 i2.1 m1.1 (3),
   * moderator d1.1 (1), participant 9; All 13.
   *              interviewer  moderator  participant  All
   *   openness        0           0           4        4
   *   honesty         1           1           1        3
   *   scrutiny        1           0           2        3
   *   respect         1           0           3        4
   *   dignity         0           0           2        2
   *   newcode         0           0           1        1 */
  vb_tally_options_init (&o);
  vb_dim_parse ("role", &o.cols);
  o.include_moderator = TRUE;
  o.unit = VB_UNIT_SEGMENT;
  run (&r, &o);
  assert_ids (r.table->col_ids, "interviewer,moderator,participant,all");
  const guint rb[] = { 3, 1, 9, 13 };
  assert_col_bases (r.table, rb);
  const guint rcounts[] = {
    0, 0, 4, 4,
    1, 1, 1, 3,
    1, 0, 2, 3,
    1, 0, 3, 4,
    0, 0, 2, 2,
    0, 0, 1, 1,
  };
  guint rbases[24];
  for (guint i = 0; i < 24; i++)
    rbases[i] = rb[i % 4];
  assert_cells (r.table, rcounts, rbases, NULL);
  run_clear (&r);
}

static void
test_mentions_by_attribute (void)
{
  /* Mentions by sector: codings, no bases.
   *              education  health  (none)  All
   *   openness       0         2       2     4
   *   scrutiny       0         3       0     3 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.unit = VB_UNIT_MENTION;
  vb_dim_parse ("sector", &o.cols);
  Run r;
  run (&r, &o);
  const guint zero[] = { 0, 0, 0, 0 };
  assert_col_bases (r.table, zero);
  const guint counts[] = {
    0, 2, 2, 4,
    1, 0, 0, 1,
    0, 3, 0, 3,
    1, 1, 1, 3,
    0, 2, 0, 2,
    0, 1, 0, 1,
  };
  guint bases[24] = { 0 };
  assert_cells (r.table, counts, bases, NULL);
  g_assert_false (r.table->words);
  run_clear (&r);
}

/* ---- codes by codes ---- */

static void
test_theme_principle_cooccur (void)
{
  /* Themes by principles, both in one segment:
   *   scrutiny+openness in i1.2 and d1.2 -> 2; respect+honesty in i2.2 -> 1;
   *   respect+openness in n1.2 -> 1; nothing else.
   *              openness  honesty
   *   scrutiny       2        0
   *   respect        1        1
   *   dignity        0        0
   *   newcode        0        0 */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("theme", &o.rows);
  vb_dim_parse ("principle", &o.cols);
  Run r;
  run (&r, &o);
  VbTable *t = r.table;
  g_assert_cmpstr (t->corner, ==, "theme");
  assert_ids (t->row_ids, "scrutiny,respect,dignity,newcode");
  assert_ids (t->col_ids, "openness,honesty");
  assert_ids (t->col_labels, "Openness,Honesty");
  const guint cb[] = { 4, 4 };
  assert_col_bases (t, cb);
  const guint counts[] = { 2, 0, 1, 1, 0, 0, 0, 0 };
  g_autofree guint *bases = same (8, 4);
  assert_cells (t, counts, bases, NULL);
  run_clear (&r);
}

static void
test_theme_principle_links (void)
{
  /* Links: a theme counts under each principle it is linked to, whether
   * or not the principle was coded; other cells are not applicable.
   *              openness  honesty
   *   scrutiny     2 (i1 d1)   n/a
   *   respect       n/a     3 (i2 d1 n1)
   *   dignity       n/a       n/a
   *   newcode       n/a       n/a */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  vb_dim_parse ("theme", &o.rows);
  vb_dim_parse ("principle", &o.cols);
  o.pairing = VB_PAIR_LINKS;
  Run r;
  run (&r, &o);
  assert_ids (r.table->row_ids, "scrutiny,respect,dignity,newcode");
  const guint counts[] = { 2, 0, 0, 3, 0, 0, 0, 0 };
  const gboolean na[] = { FALSE, TRUE, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE };
  g_autofree guint *bases = same (8, 4);
  assert_cells (r.table, counts, bases, na);
  run_clear (&r);

  /* With rollup, dignity's documents (i1 d1) count for respect too:
   * respect -> honesty 4 (i1 i2 d1 n1). */
  o.rollup = TRUE;
  run (&r, &o);
  const guint rcounts[] = { 2, 0, 0, 4, 0, 0, 0, 0 };
  assert_cells (r.table, rcounts, bases, na);
  run_clear (&r);
}

static void
test_code_cooccur (void)
{
  /* Code by code, by segment: the diagonal is the code's own count.
   * Pairs in one segment: i1.2 openness+scrutiny; i2.2 honesty+respect;
   * d1.2 scrutiny+openness; d1.3 dignity+newcode; n1.2 openness+respect. */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.unit = VB_UNIT_SEGMENT;
  vb_dim_parse ("code", &o.cols);
  Run r;
  run (&r, &o);
  assert_ids (r.table->row_ids, code_rows);
  assert_ids (r.table->col_ids, code_rows);
  const guint counts[] = {
    /*        op ho sc re di ne */
    /* op */ 4, 0, 2, 1, 0, 0,
    /* ho */ 0, 1, 0, 1, 0, 0,
    /* sc */ 2, 0, 2, 0, 0, 0,
    /* re */ 1, 1, 0, 3, 0, 0,
    /* di */ 0, 0, 0, 0, 2, 1,
    /* ne */ 0, 0, 0, 0, 1, 1,
  };
  g_autofree guint *bases = same (36, 9);
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);
}

/* ---- rollup ---- */

static void
test_rollup (void)
{
  /* respect takes in dignity's codings.
   * documents: respect i2 d1 n1 + i1 = 4; dignity still 2.
   * segments: respect i2.2 d1.4 n1.2 + i1.3 d1.3 = 5.
   * mentions: respect 3 + dignity 2 = 5. */
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.rollup = TRUE;
  Run r;
  run (&r, &o);
  const guint counts[] = { 3, 1, 2, 4, 2, 1 };
  g_autofree guint *bases = same (6, 4);
  assert_cells (r.table, counts, bases, NULL);
  run_clear (&r);

  o.unit = VB_UNIT_SEGMENT;
  run (&r, &o);
  const guint seg_counts[] = { 4, 1, 2, 5, 2, 1 };
  g_autofree guint *seg_bases = same (6, 9);
  assert_cells (r.table, seg_counts, seg_bases, NULL);
  run_clear (&r);

  o.unit = VB_UNIT_MENTION;
  run (&r, &o);
  const guint m_counts[] = { 4, 1, 3, 5, 2, 1 };
  guint m_bases[6] = { 0 };
  assert_cells (r.table, m_counts, m_bases, NULL);
  run_clear (&r);
}

static void
test_rollup_deep (void)
{
  /* Three levels: care under dignity under respect.  One segment coded
   * care and respect counts once for respect, by document and by segment,
   * but its two codings are two mentions of respect. */
  g_autoptr (VbCodebook) cb = study_codebook ();
  vb_codebook_add (cb, "care", VB_CODE_THEME, "Care", "dignity", NULL);
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.rollup = TRUE;
  o.unit = VB_UNIT_MENTION;
  g_autoptr (VbTally) t = vb_tally_new (&o, cb);
  g_autoptr (VbSegment) seg = vb_segment_new ();
  vb_segment_add_coding (seg, "care", 0, 1, "");
  vb_segment_add_coding (seg, "respect", 0, 1, "");
  vb_tally_add (t, seg);
  g_autoptr (VbTable) table = vb_tally_table (t);
  assert_ids (table->row_ids, "openness,honesty,scrutiny,respect,dignity,care");
  g_assert_cmpuint (g_array_index (table->row_depth, guint, 5), ==, 2);
  const guint counts[] = { 0, 0, 0, 2, 1, 1 };
  guint bases[6] = { 0 };
  assert_cells (table, counts, bases, NULL);

  o.unit = VB_UNIT_SEGMENT;
  g_autoptr (VbTally) t2 = vb_tally_new (&o, cb);
  vb_tally_add (t2, seg);
  g_autoptr (VbTable) table2 = vb_tally_table (t2);
  const guint counts2[] = { 0, 0, 0, 1, 1, 1 };
  g_autofree guint *bases2 = same (6, 1);
  assert_cells (table2, counts2, bases2, NULL);
}

/* ---- odd input ---- */

static void
test_uncoded_and_empty (void)
{
  /* No segments: every code row, count 0, base 0. */
  g_autoptr (VbCodebook) cb = study_codebook ();
  VbTallyOptions o;
  vb_tally_options_init (&o);
  g_autoptr (VbTally) t = vb_tally_new (&o, cb);
  g_autoptr (VbTable) empty = vb_tally_table (t);
  assert_ids (empty->row_ids, "openness,honesty,scrutiny,respect,dignity");
  const guint zero5[] = { 0, 0, 0, 0, 0 };
  assert_cells (empty, zero5, zero5, NULL);
  g_assert_cmpuint (vb_tally_n_seen (t), ==, 0);

  /* An uncoded segment still makes the base. */
  g_autoptr (VbTally) t2 = vb_tally_new (&o, cb);
  g_autoptr (VbSegment) seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup ("x");
  vb_tally_add (t2, seg);
  g_autoptr (VbTable) one = vb_tally_table (t2);
  const guint ones[] = { 1, 1, 1, 1, 1 };
  assert_cells (one, zero5, ones, NULL);
}

static void
test_unnamed_speakers (void)
{
  /* Unnamed contributions of one document are one participant; named and
   * unnamed in one document are two. */
  g_autoptr (VbCodebook) cb = study_codebook ();
  VbTallyOptions o;
  vb_tally_options_init (&o);
  o.unit = VB_UNIT_SPEAKER;
  g_autoptr (VbTally) t = vb_tally_new (&o, cb);
  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  const char *docs[] = { "a", "a", "a", "b" };
  const char *speakers[] = { "", "", "Eve", "" };
  for (guint i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup (docs[i]);
      g_free (seg->speaker);
      seg->speaker = g_strdup (speakers[i]);
      seg->index = i + 1;
      vb_segment_add_coding (seg, "openness", 0, 1, "");
      vb_tally_add (t, seg);
      g_ptr_array_add (segs, seg);
    }
  g_autoptr (VbTable) table = vb_tally_table (t);
  const guint counts[] = { 3, 0, 0, 0, 0 };
  g_autofree guint *bases = same (5, 3);
  assert_cells (table, counts, bases, NULL);
}

int
main (int argc, char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tally/options/init", test_options_init);
  g_test_add_func ("/tally/options/units-dims", test_units_dims);
  g_test_add_func ("/tally/segment-value", test_segment_value);
  g_test_add_func ("/tally/unit/document", test_unit_document);
  g_test_add_func ("/tally/unit/segment", test_unit_segment);
  g_test_add_func ("/tally/unit/speaker", test_unit_speaker);
  g_test_add_func ("/tally/unit/group", test_unit_group);
  g_test_add_func ("/tally/unit/mention", test_unit_mention);
  g_test_add_func ("/tally/unit/group-attr", test_unit_group_attr);
  g_test_add_func ("/tally/filter/include-moderator", test_include_moderator);
  g_test_add_func ("/tally/filter/phase", test_phase_filter);
  g_test_add_func ("/tally/filter/where", test_where_filter);
  g_test_add_func ("/tally/filter/collapse-campaigns", test_collapse_campaigns);
  g_test_add_func ("/tally/by/attribute", test_by_attribute);
  g_test_add_func ("/tally/unit/in-runs", test_units_in_runs);
  g_test_add_func ("/tally/by/attribute-moderators", test_by_attribute_moderators);
  g_test_add_func ("/tally/by/natural-order", test_natural_order);
  g_test_add_func ("/tally/by/natural-order-values", test_natural_order_values);
  g_test_add_func ("/tally/by/rows-attribute", test_rows_attribute);
  g_test_add_func ("/tally/by/virtual", test_virtual_columns);
  g_test_add_func ("/tally/by/mentions", test_mentions_by_attribute);
  g_test_add_func ("/tally/pair/theme-principle-cooccur", test_theme_principle_cooccur);
  g_test_add_func ("/tally/pair/theme-principle-links", test_theme_principle_links);
  g_test_add_func ("/tally/pair/code-cooccur", test_code_cooccur);
  g_test_add_func ("/tally/rollup/sub-themes", test_rollup);
  g_test_add_func ("/tally/rollup/deep", test_rollup_deep);
  g_test_add_func ("/tally/odd/uncoded-and-empty", test_uncoded_and_empty);
  g_test_add_func ("/tally/odd/unnamed-speakers", test_unnamed_speakers);
  return g_test_run ();
}
