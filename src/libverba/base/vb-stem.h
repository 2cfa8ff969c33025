/* vb-stem.h: Snowball stems (Debian's libstemmer), for the learned
 * coder's features and for verba terms: one wrapper, so both stem alike
 * and name the same languages in their messages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbStemmer VbStemmer;

/* language: a Snowball name ("english", "porter", "french", …).  NULL with
 * a usage error listing the languages libstemmer has. */
VbStemmer  *vb_stemmer_new (const char *language, GError **error);
void        vb_stemmer_free (VbStemmer *s);
/* The stem of a lower-cased word (UTF-8), *len bytes long, in memory the
 * stemmer owns until the next call; NULL when libstemmer fails. */
const char *vb_stemmer_stem (VbStemmer *s, const char *word, gsize *len);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbStemmer, vb_stemmer_free)

G_END_DECLS
