/* vb-dict.c: what every dictionary reader shares: the categories and
 * entries read, and turning them into a codebook. */
#include "codebook/vb-dict.h"
#include "codebook/vb-codebook-private.h"
#include "base/vb-error.h"

#include <stdarg.h>
#include <string.h>

static void
problem_v (VbDict *d, guint line, guint col, const char *fmt, va_list ap)
{
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  char *full = line && col ? g_strdup_printf ("%s:%u:%u: %s", d->path, line, col, msg)
               : line      ? g_strdup_printf ("%s:%u: %s", d->path, line, msg)
                           : g_strdup_printf ("%s: %s", d->path, msg);
  if (d->first == NULL)
    d->first = g_error_new_literal (VB_ERROR, VB_ERROR_CODEBOOK, full);
  if (d->problems)
    g_ptr_array_add (d->problems, full);
  else
    g_free (full);
}

void
vb_dict_problem (VbDict *d, guint line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  problem_v (d, line, 0, fmt, ap);
  va_end (ap);
}

void
vb_dict_problem_at (VbDict *d, guint line, guint col, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  problem_v (d, line, col, fmt, ap);
  va_end (ap);
}

static void
cat_free (gpointer p)
{
  VbDictCat *c = p;
  g_free (c->name);
  g_ptr_array_unref (c->entries);
  g_hash_table_unref (c->seen);
  g_free (c);
}

static void
entry_free (gpointer p)
{
  VbDictEntry *e = p;
  g_free (e->text);
  g_free (e);
}

int
vb_dict_add_category (VbDict *d, const char *name, int parent, guint line)
{
  VbDictCat *c = g_new0 (VbDictCat, 1);
  /* White space around a name (a form feed before a WordStat category)
   * is no part of the label, and a key file would not keep it. */
  c->name = g_strstrip (g_strdup (name));
  c->parent = parent;
  c->line = line;
  /* Ids are PARENT.NAME: a deep chain would also make ids as long as the
   * chain.  Said once a chain, where it passes the limit. */
  if (parent >= 0)
    c->depth = ((VbDictCat *) d->cats->pdata[parent])->depth + 1;
  if (c->depth == VB_CODE_MAX_DEPTH + 1)
    vb_dict_problem (d, line, "category '%s': categories nest more than %u levels deep "
                     "(VB_CODE_MAX_DEPTH; see SECURITY.md)", c->name, VB_CODE_MAX_DEPTH);
  c->entries = g_ptr_array_new_with_free_func (entry_free);
  c->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (d->cats, c);
  return (int) d->cats->len - 1;
}

void
vb_dict_add_entry (VbDict *d, int cat, const char *text, guint line)
{
  VbDictCat *c = d->cats->pdata[cat];
  /* Dictionaries list an entry under a category once in meaning; a repeat
   * would only repeat the same term in the rule. */
  if (g_hash_table_contains (c->seen, text))
    return;
  g_hash_table_add (c->seen, g_strdup (text));
  VbDictEntry *e = g_new0 (VbDictEntry, 1);
  e->text = g_strdup (text);
  e->line = line;
  g_ptr_array_add (c->entries, e);
}

gsize
vb_dict_indent (const char *s, gsize len, guint *tabs, gboolean *spaces)
{
  gsize i = 0;
  *tabs = 0;
  *spaces = FALSE;
  for (; i < len && (s[i] == '\t' || s[i] == ' '); i++)
    {
      if (s[i] == '\t')
        (*tabs)++;
      else
        *spaces = TRUE;
    }
  return i;
}

/* ---- entries to rule terms ---- */

/* The rule term for one entry.  Words and phrases are lower-cased (the
 * rule language folds case anyway) so that an entry spelt AND, OR, NOT or
 * NEAR stays a word, and quoted when they hold anything but letters,
 * digits, apostrophes and a final '*'.  An entry without a letter or digit
 * (an emoticon) cannot be a word: it becomes a regex for that exact
 * string between white space. */
static char *
entry_term (const char *entry, char **why)
{
  gboolean alnum = FALSE, plain = TRUE;
  for (const char *p = entry; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      /* A line break inside a quoted .dicx field, say: no rule can hold it. */
      if (g_unichar_iscntrl (ch))
        {
          *why = g_strdup_printf ("a control character (U+%04X) in an entry", ch);
          return NULL;
        }
      if (g_unichar_isalnum (ch) || g_unichar_ismark (ch))
        alnum = TRUE;
      else if (ch == '*')
        {
          const char *next = g_utf8_next_char (p);
          gboolean word_before = p > entry && g_unichar_isalnum (g_utf8_get_char (g_utf8_prev_char (p)));
          if (!word_before || (*next && !g_unichar_isspace (g_utf8_get_char (next))))
            {
              *why = g_strdup ("only a '*' at the end of a word is supported (stem*)");
              return NULL;
            }
        }
      else if (ch != '\'' && ch != 0x2019)
        plain = FALSE;
    }
  if (!alnum)
    {
      g_autofree char *esc = g_regex_escape_string (entry, -1);
      GString *re = g_string_new ("/(?<!\\S)");
      for (const char *p = esc; *p; p++)
        {
          if (*p == '/')
            g_string_append_c (re, '\\');
          g_string_append_c (re, *p);
        }
      g_string_append (re, "(?!\\S)/");
      return g_string_free (re, FALSE);
    }
  g_autofree char *lower = g_utf8_strdown (entry, -1);
  if (plain)
    return g_steal_pointer (&lower);
  /* A double quote would end the phrase; it is punctuation, which phrases
   * ignore, so leaving it out matches the same text. */
  GString *q = g_string_new ("\"");
  for (const char *p = lower; *p; p++)
    if (*p != '"')
      g_string_append_c (q, *p);
  g_string_append_c (q, '"');
  return g_string_free (q, FALSE);
}

/* ---- ids ---- */

/* Code ids hold letters, digits, '-', '_' and '.': the name transliterated
 * to ASCII, lower-cased, other runs made '-'; sub-categories are
 * PARENT.NAME; a taken id gets -2, -3, … */
static char *
make_id (VbCodebook *cb, GHashTable *next, const char *parent, const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);
  gboolean dash = FALSE;
  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        {
          if (dash && slug->len)
            g_string_append_c (slug, '-');
          dash = FALSE;
          g_string_append_c (slug, g_ascii_tolower (*p));
        }
      else
        dash = TRUE;
    }
  if (slug->len == 0)
    g_string_append (slug, "category");
  g_autofree char *base = parent ? g_strdup_printf ("%s.%s", parent, slug->str)
                                 : g_strdup (slug->str);
  g_string_free (slug, TRUE);
  /* The suffix tried first is the one after the last given for this base
   * (those before it are still taken): 40,000 categories of one name
   * would otherwise try 800 million ids. */
  guint n = next ? GPOINTER_TO_UINT (g_hash_table_lookup (next, base)) + 1 : 1;
  char *id = NULL;
  for (;; n++)
    {
      g_free (id);
      id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      if (vb_codebook_lookup (cb, id) == NULL)
        break;
    }
  if (next)
    g_hash_table_insert (next, g_strdup (base), GUINT_TO_POINTER (n));
  return id;
}

void
vb_dict_init (VbDict *d, const char *path, GPtrArray *problems)
{
  *d = (VbDict) { path, g_ptr_array_new_with_free_func (cat_free), problems, NULL };
}

VbCodebook *
vb_dict_finish (VbDict *d, const char *source, GError **error)
{
  g_autofree char *base = g_path_get_basename (d->path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  g_autoptr (VbCodebook) scratch = vb_codebook_new ("", "");
  g_autofree char *cbid = make_id (scratch, NULL, NULL, base);
  g_autoptr (VbCodebook) cb = vb_codebook_new (cbid, base);
  vb_codebook_set_path (cb, d->path);
  vb_codebook_set_meta (cb, "id", cbid);
  vb_codebook_set_meta (cb, "title", base);
  vb_codebook_set_meta (cb, "source", source);

  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < d->cats->len; i++)
    {
      VbDictCat *c = d->cats->pdata[i];
      const char *parent = c->parent >= 0 ? ids->pdata[c->parent] : NULL;
      char *id = make_id (cb, next, parent, c->name);
      g_ptr_array_add (ids, id);
      vb_codebook_add (cb, id, VB_CODE_THEME, c->name, parent, NULL);
      GString *expr = g_string_new (NULL);
      for (guint k = 0; k < c->entries->len; k++)
        {
          const VbDictEntry *e = c->entries->pdata[k];
          g_autofree char *why = NULL;
          g_autofree char *term = entry_term (e->text, &why);
          g_autoptr (GError) rerr = NULL;
          g_autoptr (VbRule) check = term ? vb_rule_compile (term, &rerr) : NULL;
          if (check == NULL)
            {
              const char *msg = why ? why : rerr->message;
              if (!why && g_str_has_prefix (msg, "column "))
                msg = strstr (msg, ": ") ? strstr (msg, ": ") + 2 : msg;
              /* Messages are one line: a control character shows as \xNN. */
              GString *shown = g_string_new (NULL);
              for (const char *p = e->text; *p; p++)
                if (g_ascii_iscntrl (*p))
                  g_string_append_printf (shown, "\\x%02X", (guint) (guchar) *p);
                else
                  g_string_append_c (shown, *p);
              vb_dict_problem (d, e->line, "entry '%s': %s", shown->str, msg);
              g_string_free (shown, TRUE);
              continue;
            }
          if (expr->len)
            g_string_append_c (expr, ' ');
          g_string_append (expr, term);
        }
      g_autoptr (GError) rerr = NULL;
      if (expr->len && !vb_codebook_add_rule (cb, id, "rule", expr->str, &rerr))
        vb_dict_problem (d, c->line, "category '%s': %s", c->name, rerr->message);
      g_string_free (expr, TRUE);
    }
  g_clear_pointer (&d->cats, g_ptr_array_unref);
  if (d->first)
    {
      g_propagate_error (error, d->first);
      return NULL;
    }
  return g_steal_pointer (&cb);
}
