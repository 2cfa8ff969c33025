/* vb-dict-wordstat.c: WordStat .cat dictionaries.
 *
 * A category is a line of its own (by convention in capitals); what is
 * indented one tab deeper belongs to it: sub-categories, and entries, which
 * end with their weight in parentheses, "GALLER* (1)".  Entries may be
 * phrases (with spaces or underscores) and end with '*'.  Some files put
 * spaces before the tabs; only the tabs count. */
#include "codebook/vb-dict.h"

#include <string.h>

/* Length of the entry text when line s ends with " (N)", else 0. */
static gsize
entry_len (const char *s, gsize len)
{
  if (len < 4 || s[len - 1] != ')')
    return 0;
  gsize i = len - 1;
  while (i > 0 && g_ascii_isdigit (s[i - 1]))
    i--;
  if (i == len - 1 || i < 2 || s[i - 1] != '(')
    return 0;
  i--;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  return i;
}

/* Offset of a parenthesis without its partner in s, or -1: an entry
 * whose weight lost a parenthesis ("GALLER* (1") is no category. */
static gssize
stray_paren (const char *s, gsize len)
{
  gssize open = -1;
  guint depth = 0;
  for (gsize i = 0; i < len; i++)
    if (s[i] == '(')
      {
        if (depth++ == 0)
          open = (gssize) i;
      }
    else if (s[i] == ')')
      {
        if (depth == 0)
          return (gssize) i;
        depth--;
      }
  return depth ? open : -1;
}

void
vb_dict_read_wordstat (VbDict *d, const VbSource *src)
{
  VbLineIter it;
  VbLine l;
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (int)); /* category per depth */
  vb_line_iter_init (&it, src);
  while (vb_line_iter_next (&it, &l))
    {
      if (vb_line_is_blank (&l))
        continue;
      guint tabs;
      gboolean spaces;
      gsize ind = vb_dict_indent (l.text, l.len, &tabs, &spaces);
      if (spaces && tabs == 0)
        {
          vb_dict_problem (d, l.number, "indented with spaces only: WordStat nests by tabs");
          continue;
        }
      const char *s = l.text + ind;
      gsize len = l.len - ind;
      while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
      gsize elen = entry_len (s, len);
      if (elen > 0)
        {
          g_autofree char *entry = g_strndup (s, elen);
          if (tabs == 0 || tabs > stack->len)
            {
              vb_dict_problem (d, l.number, "entry '%s' is not indented under a category", entry);
              continue;
            }
          /* Underscores join the words of a phrase. */
          g_strdelimit (entry, "_", ' ');
          vb_dict_add_entry (d, g_array_index (stack, int, tabs - 1), entry, l.number);
          continue;
        }
      g_autofree char *name = g_strndup (s, len);
      gssize stray = stray_paren (s, len);
      if (stray >= 0)
        {
          vb_dict_problem_at (d, l.number, (guint) g_utf8_strlen (l.text, ind + stray) + 1,
                              "'%s': an unmatched parenthesis (an entry ends with its weight "
                              "in parentheses, 'WORD (1)')", name);
          continue;
        }
      if (tabs > stack->len)
        {
          vb_dict_problem (d, l.number, "category '%s' is indented deeper than the one before",
                           name);
          continue;
        }
      g_array_set_size (stack, tabs);
      int parent = tabs ? g_array_index (stack, int, tabs - 1) : -1;
      int cat = vb_dict_add_category (d, name, parent, l.number);
      g_array_append_val (stack, cat);
    }
}
