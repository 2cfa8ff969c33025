/* fuzz-rule: a rule expression (vb_rule_compile) up to the first newline,
 * matched against the rest of the input as text, by segment and by
 * sentence.  A rule printed back must compile to the same printed form. */
#include "fuzz.h"
#include "codebook/vb-rule.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const uint8_t *nl = memchr (data, '\n', size);
  size_t rlen = nl ? (size_t) (nl - data) : size;
  g_autofree char *expr = fuzz_strndup (data, rlen);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbRule) rule = vb_rule_compile (expr, &err);
  if (rule == NULL)
    {
      fuzz_assert (err != NULL && g_str_has_prefix (err->message, "column "));
      return 0;
    }
  g_autofree char *printed = vb_rule_to_string (rule);
  g_autoptr (VbRule) again = vb_rule_compile (printed, &err);
  if (again == NULL)
    fprintf (stderr, "'%s' printed as '%s', which does not compile: %s\n", expr, printed,
             err->message);
  fuzz_assert (again != NULL);
  /* Printing is a fixed point after one round.  (A word whose normalised
   * form holds a character the tokeniser splits at, which printed as
   * something else, "N¾R" as "n3⁄4r", or did not read back at all, "ͺ" as
   * a space, is refused since run 13: tests/fuzz/README.) */
  g_autofree char *printed2 = vb_rule_to_string (again);
  g_autoptr (VbRule) third = vb_rule_compile (printed2, &err);
  fuzz_assert (third != NULL);
  g_autofree char *printed3 = vb_rule_to_string (third);
  fuzz_assert (strcmp (printed2, printed3) == 0);

  const char *body = nl ? (const char *) nl + 1 : "";
  gsize blen = nl ? size - rlen - 1 : 0;
  if (!g_utf8_validate_len (body, blen, NULL) || memchr (body, '\0', blen))
    return 0;
  g_autofree char *text = g_strndup (body, blen);
  g_autoptr (VbText) t = vb_text_new (text, -1);
  glong ncp = g_utf8_strlen (text, -1);
  VbRange whole = vb_text_whole (t);
  g_autoptr (GArray) spans = g_array_new (FALSE, FALSE, sizeof (VbSpan));
  /* With spans and without, the same answer, unless a regex gave up (its
   * backtracking limit) in one: a search for all the spans goes on past
   * the first match, where the other stops. */
  g_autoptr (GError) e1 = NULL, e2 = NULL;
  gboolean holds = vb_rule_match_checked (rule, t, &whole, spans, &e1);
  gboolean any = vb_rule_match_checked (rule, t, &whole, NULL, &e2);
  fuzz_assert (holds == (spans->len > 0) || e1 != NULL);
  fuzz_assert (holds == any || e1 != NULL || e2 != NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      const VbSpan *s = &g_array_index (spans, VbSpan, i);
      fuzz_assert (s->start <= s->end && s->end <= (guint) ncp);
    }
  for (guint s = 0; s < t->sentences->len; s++)
    {
      g_array_set_size (spans, 0);
      vb_rule_match (rule, t, &g_array_index (t->sentences, VbRange, s), spans);
      for (guint i = 0; i < spans->len; i++)
        fuzz_assert (g_array_index (spans, VbSpan, i).end <= (guint) ncp);
    }
  return 0;
}
