#include "analysis/vb-kwic.h"
#include "base/vb-text.h"
#include "codebook/vb-rule.h"

#include <string.h>

struct _VbKwic {
  VbRule *rule;
  guint   window;
  VbText *text;
  GArray *spans;
};

VbKwic *
vb_kwic_new (const char *pattern, guint window, GError **error)
{
  VbRule *rule = vb_rule_compile (pattern, error);
  if (rule == NULL)
    return NULL;
  VbKwic *k = g_new0 (VbKwic, 1);
  k->rule = rule;
  k->window = window;
  k->text = vb_text_new ("", 0);
  k->spans = g_array_new (FALSE, FALSE, sizeof (VbSpan));
  return k;
}

void
vb_kwic_free (VbKwic *k)
{
  if (k == NULL)
    return;
  vb_rule_free (k->rule);
  vb_text_free (k->text);
  g_array_unref (k->spans);
  g_free (k);
}

void
vb_kwic_hit_clear (gpointer p)
{
  VbKwicHit *h = p;
  g_free (h->pre);
  g_free (h->keyword);
  g_free (h->post);
}

/* Text between two byte offsets as one line: a context column must not
 * break the row it stands in. */
static char *
one_line (const char *text, gsize from, gsize to)
{
  GString *s = g_string_sized_new (to - from);
  gboolean space = FALSE;
  for (const char *p = text + from; p < text + to; p++)
    {
      if (g_ascii_isspace (*p))
        space = s->len > 0;
      else
        {
          if (space)
            g_string_append_c (s, ' ');
          space = FALSE;
          g_string_append_c (s, *p);
        }
    }
  return g_string_free (s, FALSE);
}

gboolean
vb_kwic_find (VbKwic *k, const VbSegment *seg, GArray *hits, GError **error)
{
  vb_text_set (k->text, seg->text, -1);
  VbRange whole = vb_text_whole (k->text);
  g_array_set_size (k->spans, 0);
  g_autoptr (GError) err = NULL;
  if (!vb_rule_match_checked (k->rule, k->text, &whole, k->spans, &err))
    {
      if (err)
        {
          g_propagate_error (error, g_steal_pointer (&err));
          return FALSE;
        }
      return TRUE;
    }
  const GArray *toks = k->text->tokens;
  guint n = toks->len;
  for (guint s = 0; s < k->spans->len; s++)
    {
      const VbSpan *sp = &g_array_index (k->spans, VbSpan, s);
      /* The tokens the span covers: a regex may start or end inside one. */
      guint a = 0;
      while (a < n && g_array_index (toks, VbToken, a).end <= sp->start)
        a++;
      guint b = a;
      while (b < n && g_array_index (toks, VbToken, b).start < sp->end)
        b++;
      gsize kb = (gsize) (g_utf8_offset_to_pointer (seg->text, sp->start) - seg->text);
      gsize ke = (gsize) (g_utf8_offset_to_pointer (seg->text, sp->end) - seg->text);
      guint pre_from = a > k->window ? a - k->window : 0;
      guint post_to = MIN (n, b + k->window);
      VbKwicHit h = { a + 1, MAX (b, a + 1), NULL, NULL, NULL };
      h.pre = a > pre_from
        ? one_line (seg->text, g_array_index (toks, VbToken, pre_from).bstart, kb)
        : g_strdup ("");
      h.keyword = one_line (seg->text, kb, ke);
      h.post = post_to > b
        ? one_line (seg->text, ke, g_array_index (toks, VbToken, post_to - 1).bend)
        : g_strdup ("");
      g_array_append_val (hits, h);
    }
  return TRUE;
}
