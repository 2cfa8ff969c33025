/* Which words a rule already looks for, so that suggestions for a code
 * leave them out. */
#include "codebook/vb-rule-private.h"

static gboolean
node_uses (const VbNode *node, const char *norm)
{
  switch (node->kind)
    {
    case VB_NODE_WORDS:
      for (guint i = 0; i < node->n_words; i++)
        if (vb_word_matches (&node->words[i], norm))
          return TRUE;
      return FALSE;
    case VB_NODE_REGEX:
      return g_regex_match (node->regex, norm, 0, NULL);
    default:
      for (guint i = 0; i < node->n_kids; i++)
        if (node_uses (node->kids[i], norm))
          return TRUE;
      return FALSE;
    }
}

gboolean
vb_rule_uses_word (const VbRule *rule, const char *norm)
{
  return node_uses (rule->root, norm);
}
