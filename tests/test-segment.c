/* test-segment.c: segments, their attributes and codings (vb-segment.h). */
#include <string.h>

#include "stream/vb-segment.h"

/* ---- attributes ---- */

static void
assert_attr (const VbAttrs *attrs, guint i, const char *key, const char *value, guint line)
{
  const VbAttr *a = vb_attrs_index (attrs, i);
  g_assert_nonnull (a);
  g_assert_cmpstr (a->key, ==, key);
  g_assert_cmpstr (a->value, ==, value);
  g_assert_cmpuint (a->line, ==, line);
}

static void
test_attrs_empty (void)
{
  g_autoptr (VbAttrs) attrs = vb_attrs_new ();
  g_assert_cmpuint (vb_attrs_size (attrs), ==, 0);
  g_assert_null (vb_attrs_get (attrs, "age"));
  g_assert_null (vb_attrs_lookup (attrs, "age"));
  /* NULL is an empty list for the read-only calls. */
  g_assert_cmpuint (vb_attrs_size (NULL), ==, 0);
  g_assert_null (vb_attrs_get (NULL, "age"));
  g_assert_null (vb_attrs_lookup (NULL, "age"));
  vb_attrs_free (NULL);
}

static void
test_attrs_set_keeps_order (void)
{
  g_autoptr (VbAttrs) attrs = vb_attrs_new ();
  vb_attrs_set (attrs, "sector", "health", 3);
  vb_attrs_set (attrs, "age", "35-44", 4);
  vb_attrs_set (attrs, "region", "north", 0);
  g_assert_cmpuint (vb_attrs_size (attrs), ==, 3);
  assert_attr (attrs, 0, "sector", "health", 3);
  assert_attr (attrs, 1, "age", "35-44", 4);
  assert_attr (attrs, 2, "region", "north", 0);

  /* Replacing keeps the position of first appearance, takes the new line. */
  vb_attrs_set (attrs, "sector", "education", 9);
  g_assert_cmpuint (vb_attrs_size (attrs), ==, 3);
  assert_attr (attrs, 0, "sector", "education", 9);
  assert_attr (attrs, 1, "age", "35-44", 4);
  assert_attr (attrs, 2, "region", "north", 0);
  g_assert_cmpstr (vb_attrs_get (attrs, "sector"), ==, "education");

  const VbAttr *a = vb_attrs_lookup (attrs, "age");
  g_assert_nonnull (a);
  g_assert_cmpstr (a->value, ==, "35-44");
  g_assert_cmpuint (a->line, ==, 4);

  /* Keys are compared exactly (no folding here). */
  g_assert_null (vb_attrs_get (attrs, "Sector"));
  g_assert_null (vb_attrs_get (attrs, "sector "));

  /* An empty value is a value. */
  vb_attrs_set (attrs, "note", "", 12);
  g_assert_cmpuint (vb_attrs_size (attrs), ==, 4);
  g_assert_cmpstr (vb_attrs_get (attrs, "note"), ==, "");
  assert_attr (attrs, 3, "note", "", 12);
}

static void
test_attrs_set_own_value (void)
{
  /* Setting a key to its own current value (the same pointer) must not
   * read freed memory. */
  g_autoptr (VbAttrs) attrs = vb_attrs_new ();
  vb_attrs_set (attrs, "k", "value", 1);
  vb_attrs_set (attrs, "k", vb_attrs_get (attrs, "k"), 2);
  g_assert_cmpuint (vb_attrs_size (attrs), ==, 1);
  assert_attr (attrs, 0, "k", "value", 2);
}

static void
test_attrs_merge (void)
{
  g_autoptr (VbAttrs) dst = vb_attrs_new ();
  g_autoptr (VbAttrs) src = vb_attrs_new ();
  vb_attrs_set (dst, "sector", "health", 2);
  vb_attrs_set (dst, "age", "18-24", 3);
  vb_attrs_set (src, "region", "south", 7);
  vb_attrs_set (src, "sector", "housing", 8);

  vb_attrs_merge (dst, src);
  /* src wins for sector, which keeps its place in dst; region is new and
   * goes last. */
  g_assert_cmpuint (vb_attrs_size (dst), ==, 3);
  assert_attr (dst, 0, "sector", "housing", 8);
  assert_attr (dst, 1, "age", "18-24", 3);
  assert_attr (dst, 2, "region", "south", 7);

  /* src is untouched. */
  g_assert_cmpuint (vb_attrs_size (src), ==, 2);
  assert_attr (src, 0, "region", "south", 7);
  assert_attr (src, 1, "sector", "housing", 8);

  /* Merging NULL or an empty list changes nothing. */
  vb_attrs_merge (dst, NULL);
  g_autoptr (VbAttrs) empty = vb_attrs_new ();
  vb_attrs_merge (dst, empty);
  g_assert_cmpuint (vb_attrs_size (dst), ==, 3);
}

static void
test_attrs_copy (void)
{
  g_autoptr (VbAttrs) a = vb_attrs_new ();
  vb_attrs_set (a, "b", "2", 5);
  vb_attrs_set (a, "a", "1", 6);
  g_autoptr (VbAttrs) c = vb_attrs_copy (a);
  g_assert_cmpuint (vb_attrs_size (c), ==, 2);
  assert_attr (c, 0, "b", "2", 5);
  assert_attr (c, 1, "a", "1", 6);

  /* A deep copy: changing one leaves the other alone. */
  vb_attrs_set (c, "b", "changed", 1);
  vb_attrs_set (c, "z", "new", 1);
  g_assert_cmpstr (vb_attrs_get (a, "b"), ==, "2");
  g_assert_null (vb_attrs_get (a, "z"));
  g_assert_cmpuint (vb_attrs_size (a), ==, 2);
  vb_attrs_set (a, "a", "other", 1);
  g_assert_cmpstr (vb_attrs_get (c, "a"), ==, "1");

  g_autoptr (VbAttrs) from_null = vb_attrs_copy (NULL);
  g_assert_nonnull (from_null);
  g_assert_cmpuint (vb_attrs_size (from_null), ==, 0);
}

static void
test_attrs_many (void)
{
  /* Past the few kept inline and past the count that builds an index,
   * every attribute keeps its place, value and line, and replacing any of
   * them (also twice, also by its own value) keeps the rest. */
  g_autoptr (VbAttrs) attrs = vb_attrs_new ();
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *key = g_strdup_printf ("key%u", i);
      g_autofree char *value = g_strdup_printf ("value %u", i);
      vb_attrs_set (attrs, key, value, i + 1);
    }
  for (guint i = 0; i < 40; i += 3)
    {
      g_autofree char *key = g_strdup_printf ("key%u", i);
      g_autofree char *value = g_strdup_printf ("again %u", i);
      vb_attrs_set (attrs, key, "first replacement", 0);
      vb_attrs_set (attrs, key, value, 100 + i);
    }
  vb_attrs_set (attrs, "key1", vb_attrs_get (attrs, "key1"), 7);
  vb_attrs_set (attrs, "key3", vb_attrs_get (attrs, "key3"), 8);
  g_assert_cmpuint (vb_attrs_size (attrs), ==, 40);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *key = g_strdup_printf ("key%u", i);
      g_autofree char *value = g_strdup_printf (i % 3 == 0 ? "again %u" : "value %u", i);
      guint line = i == 1 ? 7 : i == 3 ? 8 : i % 3 == 0 ? 100 + i : i + 1;
      assert_attr (attrs, i, key, value, line);
      g_assert_cmpstr (vb_attrs_get (attrs, key), ==, value);
      g_assert_true (vb_attrs_lookup (attrs, key) == vb_attrs_index (attrs, i));
    }
  g_assert_null (vb_attrs_get (attrs, "key40"));
  g_autoptr (VbAttrs) copy = vb_attrs_copy (attrs);
  g_assert_cmpuint (vb_attrs_size (copy), ==, 40);
  assert_attr (copy, 39, "key39", "again 39", 139);
}

/* ---- key normalisation and reserved keys ---- */

#define ASSERT_KEY(key, expected)                   \
  G_STMT_START {                                    \
    char *got_ = vb_attr_key_normalize (key);       \
    g_assert_cmpstr (got_, ==, expected);           \
    g_free (got_);                                  \
  } G_STMT_END

static void
test_key_normalize (void)
{
  ASSERT_KEY ("Age band", "age_band");
  ASSERT_KEY ("  Sector: ", "sector");
  ASSERT_KEY ("age", "age");
  ASSERT_KEY ("AGE", "age");
  ASSERT_KEY ("age_band", "age_band");
  ASSERT_KEY ("age-band", "age-band");
  /* A run of separators is one '_'; none at either end. */
  ASSERT_KEY ("Age  /  band", "age_band");
  ASSERT_KEY ("(Age) band!", "age_band");
  ASSERT_KEY ("Area 51", "area_51");
  ASSERT_KEY ("x\ty", "x_y");
  /* '-' and '_' are kept as they are, even at the ends. */
  ASSERT_KEY ("_x-", "_x-");
  /* Non-ASCII letters are kept, lower-cased. */
  ASSERT_KEY ("Année", "année");
  ASSERT_KEY ("ÉTUDE Niveau", "étude_niveau");
  ASSERT_KEY ("Größe", "größe");
  ASSERT_KEY ("Ωmega", "ωmega");
  /* Nothing but separators leaves nothing. */
  ASSERT_KEY ("", "");
  ASSERT_KEY (" : ", "");
}

static void
test_key_reserved (void)
{
  static const char *const reserved[] = {
    "document", "segment", "speaker", "role", "phase", "start", "end", "codes", "codings", "text",
  };
  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    g_assert_true (vb_attr_key_is_reserved (reserved[i]));
  static const char *const free_keys[] = {
    "age", "group", "sector", "Document", "texts", "code", "coding", "", "speaker_name",
  };
  for (guint i = 0; i < G_N_ELEMENTS (free_keys); i++)
    g_assert_false (vb_attr_key_is_reserved (free_keys[i]));
}

/* ---- roles and phases ---- */

static void
test_role_strings (void)
{
  const VbRole roles[] = { VB_ROLE_PARTICIPANT, VB_ROLE_MODERATOR, VB_ROLE_INTERVIEWER };
  const char *names[] = { "participant", "moderator", "interviewer" };
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_assert_cmpstr (vb_role_to_string (roles[i]), ==, names[i]);
      VbRole r = (VbRole) 99;
      g_assert_true (vb_role_from_string (names[i], &r));
      g_assert_cmpint (r, ==, roles[i]);
    }
  const char *bad[] = { "", "Participant", "MODERATOR", "mod", "interviewers", " participant" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      VbRole r = VB_ROLE_INTERVIEWER;
      g_assert_false (vb_role_from_string (bad[i], &r));
      g_assert_cmpint (r, ==, VB_ROLE_INTERVIEWER); /* untouched */
    }
  VbRole r = VB_ROLE_MODERATOR;
  g_assert_false (vb_role_from_string (NULL, &r));
  g_assert_cmpint (r, ==, VB_ROLE_MODERATOR);
}

static void
test_phase_strings (void)
{
  g_assert_cmpstr (vb_phase_to_string (VB_PHASE_SPONTANEOUS), ==, "spontaneous");
  g_assert_cmpstr (vb_phase_to_string (VB_PHASE_PROMPTED), ==, "prompted");
  VbPhase p = VB_PHASE_SPONTANEOUS;
  g_assert_true (vb_phase_from_string ("prompted", &p));
  g_assert_cmpint (p, ==, VB_PHASE_PROMPTED);
  g_assert_true (vb_phase_from_string ("spontaneous", &p));
  g_assert_cmpint (p, ==, VB_PHASE_SPONTANEOUS);
  const char *bad[] = { "", "Prompted", "prompt", "spontaneous ", "unprompted" };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      p = VB_PHASE_PROMPTED;
      g_assert_false (vb_phase_from_string (bad[i], &p));
      g_assert_cmpint (p, ==, VB_PHASE_PROMPTED);
    }
  g_assert_false (vb_phase_from_string (NULL, &p));
}

static void
test_role_counted (void)
{
  g_assert_true (vb_role_is_counted (VB_ROLE_PARTICIPANT));
  g_assert_false (vb_role_is_counted (VB_ROLE_MODERATOR));
  g_assert_false (vb_role_is_counted (VB_ROLE_INTERVIEWER));
}

/* ---- segments and codings ---- */

static void
test_segment_new (void)
{
  g_autoptr (VbSegment) seg = vb_segment_new ();
  g_assert_cmpstr (seg->document, ==, "");
  g_assert_cmpstr (seg->speaker, ==, "");
  g_assert_cmpstr (seg->text, ==, "");
  g_assert_cmpuint (seg->index, ==, 0);
  g_assert_cmpint (seg->role, ==, VB_ROLE_PARTICIPANT);
  g_assert_cmpint (seg->phase, ==, VB_PHASE_SPONTANEOUS);
  g_assert_cmpuint (seg->start, ==, 0);
  g_assert_cmpuint (seg->end, ==, 0);
  g_assert_cmpuint (seg->line, ==, 0);
  g_assert_nonnull (seg->attrs);
  g_assert_cmpuint (vb_attrs_size (seg->attrs), ==, 0);
  /* Uncoded until told otherwise. */
  g_assert_null (seg->codings);
  g_assert_false (vb_segment_has_code (seg, "openness"));
  vb_segment_free (NULL);
}

static void
test_segment_codings (void)
{
  g_autoptr (VbSegment) seg = vb_segment_new ();
  vb_segment_ensure_codings (seg);
  g_assert_nonnull (seg->codings);
  g_assert_cmpuint (seg->codings->len, ==, 0);
  GArray *before = seg->codings;
  vb_segment_ensure_codings (seg); /* idempotent */
  g_assert_true (seg->codings == before);
  g_assert_false (vb_segment_has_code (seg, "openness"));

  vb_segment_add_coding (seg, "openness", 0, 12, "rule:openness/rule");
  vb_segment_add_coding (seg, "honesty", 4, 9, "coder:ann");
  vb_segment_add_coding (seg, "openness", 20, 31, "coder:ann");
  g_assert_cmpuint (seg->codings->len, ==, 3);

  const VbCoding *c = &g_array_index (seg->codings, VbCoding, 0);
  g_assert_cmpstr (c->code, ==, "openness");
  g_assert_cmpuint (c->start, ==, 0);
  g_assert_cmpuint (c->end, ==, 12);
  g_assert_cmpstr (c->source, ==, "rule:openness/rule");
  c = &g_array_index (seg->codings, VbCoding, 1);
  g_assert_cmpstr (c->code, ==, "honesty");
  g_assert_cmpuint (c->start, ==, 4);
  g_assert_cmpuint (c->end, ==, 9);
  g_assert_cmpstr (c->source, ==, "coder:ann");
  c = &g_array_index (seg->codings, VbCoding, 2);
  g_assert_cmpstr (c->code, ==, "openness");
  g_assert_cmpuint (c->start, ==, 20);
  g_assert_cmpuint (c->end, ==, 31);

  g_assert_true (vb_segment_has_code (seg, "openness"));
  g_assert_true (vb_segment_has_code (seg, "honesty"));
  g_assert_false (vb_segment_has_code (seg, "integrity"));
  g_assert_false (vb_segment_has_code (seg, "open")); /* whole ids only */
  g_assert_false (vb_segment_has_code (seg, "Openness"));
}

static void
test_segment_add_coding_creates (void)
{
  /* Adding a coding to an uncoded segment makes it coded; the strings are
   * copied. */
  g_autoptr (VbSegment) seg = vb_segment_new ();
  char code[] = "scrutiny";
  char source[] = "coder:bo";
  vb_segment_add_coding (seg, code, 1, 2, source);
  code[0] = 'X';
  source[0] = 'X';
  g_assert_nonnull (seg->codings);
  g_assert_cmpuint (seg->codings->len, ==, 1);
  g_assert_cmpstr (g_array_index (seg->codings, VbCoding, 0).code, ==, "scrutiny");
  g_assert_cmpstr (g_array_index (seg->codings, VbCoding, 0).source, ==, "coder:bo");
  g_assert_true (vb_segment_has_code (seg, "scrutiny"));
}

static void
test_segment_coding_tag (void)
{
  /* Codings added with one tag share its code and source, in any number
   * of segments; each outlives the tag and the other segments, and one
   * can be removed on its own. */
  g_autoptr (VbSegment) a = vb_segment_new ();
  g_autoptr (VbSegment) b = vb_segment_new ();
  VbCodingTag *tag = vb_coding_tag_new ("openness", "rule:rule.open");
  vb_segment_add_coding (a, "honesty", 0, 3, "coder:ann");
  vb_segment_add_coding_tag (a, tag, 4, 9);
  vb_segment_add_coding_tag (a, tag, 10, 12);
  vb_segment_add_coding_tag (b, tag, 1, 2);
  vb_coding_tag_unref (tag);
  g_assert_cmpuint (a->codings->len, ==, 3);
  const VbCoding *c1 = &g_array_index (a->codings, VbCoding, 1);
  const VbCoding *c2 = &g_array_index (a->codings, VbCoding, 2);
  g_assert_cmpstr (c1->code, ==, "openness");
  g_assert_cmpstr (c1->source, ==, "rule:rule.open");
  g_assert_cmpuint (c1->start, ==, 4);
  g_assert_cmpuint (c1->end, ==, 9);
  g_assert_true (c1->code == c2->code);
  g_assert_cmpuint (c2->start, ==, 10);
  g_array_remove_index (a->codings, 1);
  g_clear_pointer (&a, vb_segment_free);
  g_assert_cmpuint (b->codings->len, ==, 1);
  const VbCoding *c = &g_array_index (b->codings, VbCoding, 0);
  g_assert_cmpstr (c->code, ==, "openness");
  g_assert_cmpstr (c->source, ==, "rule:rule.open");
  g_assert_cmpuint (c->start, ==, 1);
  g_assert_cmpuint (c->end, ==, 2);

  /* No source stays no source; lengths given need no NUL after them. */
  g_autoptr (VbCodingTag) bare = vb_coding_tag_new ("respect", NULL);
  vb_segment_add_coding_tag (b, bare, 5, 6);
  vb_segment_add_coding (b, "dignity", 7, 8, NULL);
  vb_segment_add_coding_len (b, "integrity-x", 9, 9, 10, "coder:bo;", 8);
  g_assert_cmpuint (b->codings->len, ==, 4);
  c = &g_array_index (b->codings, VbCoding, 1);
  g_assert_cmpstr (c->code, ==, "respect");
  g_assert_null (c->source);
  c = &g_array_index (b->codings, VbCoding, 2);
  g_assert_cmpstr (c->code, ==, "dignity");
  g_assert_null (c->source);
  c = &g_array_index (b->codings, VbCoding, 3);
  g_assert_cmpstr (c->code, ==, "integrity");
  g_assert_cmpstr (c->source, ==, "coder:bo");
  g_assert_true (vb_segment_has_code (b, "integrity"));
}

/* A group's stated size: a whole number from 1, alone or before a space. */
static void
test_group_size_parse (void)
{
  static const struct { const char *in; gboolean ok; guint size; } cases[] = {
    { "10", TRUE, 10 },          { "8 (4 men, 4 women)", TRUE, 8 },
    { "100000", TRUE, 100000 },  { "1", TRUE, 1 },
    { "100001", FALSE, 0 },      { "99999999999999999999", FALSE, 0 },
    { "0", FALSE, 0 },           { "", FALSE, 0 },
    { "ten", FALSE, 0 },         { " 10", FALSE, 0 },
    { "10a", FALSE, 0 },         { "8-10", FALSE, 0 },
    { "-3", FALSE, 0 },          { "4.5", FALSE, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint size = 12345;
      g_assert_cmpint (vb_group_size_parse (cases[i].in, &size), ==, cases[i].ok);
      g_assert_cmpuint (size, ==, cases[i].ok ? cases[i].size : 12345);
    }
  guint size = 0;
  g_assert_false (vb_group_size_parse (NULL, &size));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/segment/attrs/empty", test_attrs_empty);
  g_test_add_func ("/segment/attrs/set-keeps-order", test_attrs_set_keeps_order);
  g_test_add_func ("/segment/attrs/set-own-value", test_attrs_set_own_value);
  g_test_add_func ("/segment/attrs/merge", test_attrs_merge);
  g_test_add_func ("/segment/attrs/copy", test_attrs_copy);
  g_test_add_func ("/segment/attrs/many", test_attrs_many);
  g_test_add_func ("/segment/key/normalize", test_key_normalize);
  g_test_add_func ("/segment/key/reserved", test_key_reserved);
  g_test_add_func ("/segment/role/strings", test_role_strings);
  g_test_add_func ("/segment/phase/strings", test_phase_strings);
  g_test_add_func ("/segment/role/counted", test_role_counted);
  g_test_add_func ("/segment/segment/new", test_segment_new);
  g_test_add_func ("/segment/segment/codings", test_segment_codings);
  g_test_add_func ("/segment/segment/add-coding-creates", test_segment_add_coding_creates);
  g_test_add_func ("/segment/segment/coding-tag", test_segment_coding_tag);
  g_test_add_func ("/segment/group-size-parse", test_group_size_parse);
  return g_test_run ();
}
