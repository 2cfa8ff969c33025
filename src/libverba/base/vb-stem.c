#include "base/vb-stem.h"
#include "base/vb-error.h"

#include <libstemmer.h>
#include <string.h>

struct _VbStemmer {
  struct sb_stemmer *sb;
};

VbStemmer *
vb_stemmer_new (const char *language, GError **error)
{
  struct sb_stemmer *sb = sb_stemmer_new (language, "UTF_8");
  if (sb == NULL)
    {
      g_autoptr (GString) known = g_string_new (NULL);
      for (const char **l = sb_stemmer_list (); *l; l++)
        g_string_append_printf (known, "%s%s", known->len ? ", " : "", *l);
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "no Snowball stemmer for '%s' (libstemmer has: %s)", language, known->str);
      return NULL;
    }
  VbStemmer *s = g_new0 (VbStemmer, 1);
  s->sb = sb;
  return s;
}

void
vb_stemmer_free (VbStemmer *s)
{
  if (s == NULL)
    return;
  sb_stemmer_delete (s->sb);
  g_free (s);
}

const char *
vb_stemmer_stem (VbStemmer *s, const char *word, gsize *len)
{
  const sb_symbol *st = sb_stemmer_stem (s->sb, (const sb_symbol *) word, (int) strlen (word));
  if (st == NULL)
    return NULL;
  *len = (gsize) sb_stemmer_length (s->sb);
  return (const char *) st;
}
