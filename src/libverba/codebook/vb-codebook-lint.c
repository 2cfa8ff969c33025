/* vb-codebook-lint.c: see vb-codebook-lint.h.  Every check is decided on
 * the text of a rule or on its tree alone, never by trying text. */
#include "codebook/vb-codebook-lint.h"
#include "codebook/vb-rule-private.h"

#include <string.h>

typedef struct {
  const VbCodebook *cb;
  const VbCode     *code;
  const VbCodeRule *rule;
  GPtrArray        *out;
} Lint;

static void warn (Lint *L, guint col, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

/* col: 1-based within the rule's expression, 0 for the whole rule. */
static void
warn (Lint *L, guint col, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  const VbCodeRule *r = L->rule;
  g_autofree char *loc = r->line == 0 ? g_strdup (vb_codebook_path (L->cb))
                         : g_strdup_printf ("%s:%u:%u", vb_codebook_path (L->cb), r->line,
                                            r->col + (col ? col : 1) - 1);
  g_ptr_array_add (L->out, g_strdup_printf ("%s: warning: %s of [%s:%s]: %s", loc, r->name,
                                            L->code->kind == VB_CODE_PRINCIPLE ? "principle"
                                                                               : "theme",
                                            L->code->id, msg));
}

/* Lower-case operators: the pieces of the expression outside phrases and
 * regexes, cut as the parser cuts them. */
static void
lint_case (Lint *L)
{
  const char *p = L->rule->expr;
  guint col = 1;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      if (c == '"' || c == '/')
        {
          /* Skip to the closing quote or slash (\/ inside a regex). */
          p = g_utf8_next_char (p), col++;
          while (*p && g_utf8_get_char (p) != c)
            {
              if (c == '/' && *p == '\\' && p[1] != '\0')
                p++, col++;
              p = g_utf8_next_char (p), col++;
            }
          if (*p)
            p++, col++;
          continue;
        }
      if (c == '(' || c == ')' || g_unichar_isspace (c))
        {
          p = g_utf8_next_char (p), col++;
          continue;
        }
      const char *start = p;
      guint scol = col;
      while (*p && *p != '(' && *p != ')' && *p != '"'
             && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p), col++;
      gsize n = (gsize) (p - start);
      g_autofree char *piece = g_strndup (start, n);
      static const char *const ops[] = { "and", "or", "not" };
      for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
        if (g_ascii_strcasecmp (piece, ops[i]) == 0)
          {
            g_autofree char *up = g_ascii_strup (piece, -1);
            if (strcmp (piece, up) != 0)
              warn (L, scol, "'%s' is the word %s, not the operator %s (write %s, or \"%s\" for "
                    "the word)", piece, ops[i], up, up, ops[i]);
          }
      if (n > 5 && g_ascii_strncasecmp (piece, "near/", 5) == 0 && strncmp (piece, "NEAR/", 5) != 0
          && strspn (piece + 5, "0123456789") == n - 5)
        warn (L, scol, "'%s' is the phrase \"near %s\", not the operator NEAR/%s", piece,
              piece + 5, piece + 5);
    }
}

static char *
node_string (const VbNode *node)
{
  VbRule r = { (VbNode *) node };
  return vb_rule_to_string (&r);
}

/* TRUE if node holds only without hits (NOT, or AND/OR of such). */
static gboolean
no_hits (const VbNode *node)
{
  if (node->kind == VB_NODE_NOT)
    return TRUE;
  if (node->kind != VB_NODE_AND && node->kind != VB_NODE_OR)
    return FALSE;
  for (guint i = 0; i < node->n_kids; i++)
    if (!no_hits (node->kids[i]))
      return FALSE;
  return TRUE;
}

static const char *
op_name (VbNodeKind kind)
{
  return kind == VB_NODE_NEAR ? "NEAR" : kind == VB_NODE_BEFORE ? "BEFORE"
         : kind == VB_NODE_EXCEPT ? "EXCEPT" : "UNDER";
}

static void
lint_tree (Lint *L, const VbNode *node)
{
  switch (node->kind)
    {
    case VB_NODE_AND:
      for (guint i = 0; i < node->n_kids; i++)
        {
          if (node->kids[i]->kind != VB_NODE_NOT)
            continue;
          g_autofree char *neg = node_string (node->kids[i]->kids[0]);
          for (guint j = 0; j < node->n_kids; j++)
            {
              g_autofree char *pos = node_string (node->kids[j]);
              if (j != i && strcmp (pos, neg) == 0)
                warn (L, 0, "never matches: %s AND NOT %s", pos, neg);
            }
        }
      break;
    case VB_NODE_OR:
      if (node->neg)
        return;
      /* A word beside a stem that matches it adds nothing. */
      for (guint i = 0; i < node->n_kids; i++)
        {
          const VbNode *w = node->kids[i];
          if (w->kind != VB_NODE_WORDS || w->n_words != 1 || w->words[0].prefix)
            continue;
          for (guint j = 0; j < node->n_kids; j++)
            {
              const VbNode *s = node->kids[j];
              if (s->kind == VB_NODE_WORDS && s->n_words == 1 && s->words[0].prefix
                  && g_str_has_prefix (w->words[0].norm, s->words[0].norm))
                {
                  warn (L, 0, "the word '%s' is already matched by the stem '%s*'",
                        w->words[0].norm, s->words[0].norm);
                  break;
                }
            }
        }
      break;
    case VB_NODE_NEAR:
    case VB_NODE_BEFORE:
    case VB_NODE_EXCEPT:
    case VB_NODE_UNDER:
      for (guint i = 0; i < (node->kind == VB_NODE_EXCEPT ? 1u : 2u); i++)
        if (no_hits (node->kids[i]))
          {
            g_autofree char *k = node_string (node->kids[i]);
            warn (L, 0, "never matches: %s has no hit for %s to measure from (put the NOT "
                  "outside)", k, op_name (node->kind));
          }
      break;
    case VB_NODE_WORDS:
    case VB_NODE_REGEX:
    case VB_NODE_NOT:
    default:
      break;
    }
  for (guint i = 0; i < node->n_kids; i++)
    lint_tree (L, node->kids[i]);
}

void
vb_codebook_lint (const VbCodebook *cb, GPtrArray *warnings)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
    {
      const VbCode *code = vb_codebook_code (cb, c);
      gboolean own = g_strcmp0 (code->origin, vb_codebook_id (cb)) == 0;
      for (guint r = 0; r < code->rules->len; r++)
        {
          const VbCodeRule *rule = code->rules->pdata[r];
          Lint L = { cb, code, rule, warnings };
          g_autofree char *text = vb_rule_to_string (rule->compiled);
          const VbCode *first = g_hash_table_lookup (seen, text);
          if (first == NULL)
            g_hash_table_insert (seen, g_strdup (text), (gpointer) code);
          /* Rules made from a dictionary or a .qdc file are not written
           * in the rule language by hand: a dictionary's "and" is meant. */
          if (!own || rule->line == 0)
            continue;
          lint_case (&L);
          lint_tree (&L, rule->compiled->root);
          if (first != NULL && first != code && g_strcmp0 (first->origin, code->origin) == 0)
            warn (&L, 0, "the same rule as [%s:%s]",
                  first->kind == VB_CODE_PRINCIPLE ? "principle" : "theme", first->id);
        }
    }
}
