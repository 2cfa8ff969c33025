/* vb-dict-lexicoder.c: Lexicoder .lc2/.lc3 dictionaries: a line
 * "+CATEGORY" opens a category, every other non-blank line is one of its
 * entries (a word, stem* or phrase).  Lexicoder files are UTF-8. */
#include "codebook/vb-dict.h"

void
vb_dict_read_lexicoder (VbDict *d, const VbSource *src)
{
  VbLineIter it;
  VbLine l;
  int cat = -1;
  vb_line_iter_init (&it, src);
  while (vb_line_iter_next (&it, &l))
    {
      g_autofree char *s = vb_line_strip (&l);
      if (*s == '\0')
        continue;
      if (*s == '+')
        {
          g_strstrip (s + 1);
          if (s[1] == '\0')
            vb_dict_problem (d, l.number, "'+' without a category name");
          else
            cat = vb_dict_add_category (d, s + 1, -1, l.number);
          continue;
        }
      if (cat < 0)
        {
          vb_dict_problem (d, l.number, "entry '%s' before the first +CATEGORY line", s);
          continue;
        }
      vb_dict_add_entry (d, cat, s, l.number);
    }
}
