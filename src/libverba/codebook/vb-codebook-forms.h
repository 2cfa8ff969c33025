/* vb-codebook-forms.h: the files a codebook comes in and goes out as, and
 * the loader that picks a reader by name.
 *
 * The model (vb-codebook.h) knows no file format; each reader builds a
 * codebook through the model (vb-codebook-private.h), and only the loader
 * (vb-codebook-load.c) knows every reader: the native key file
 * (vb-codebook-native.c), REFI-QDA .qdc (vb-codebook-qdc.c) and the
 * content-analysis dictionaries (vb-dict.h). */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

/* name_or_path: a file, a file without its .codebook ending, or the name
 * of a bundled codebook.  Errors name the file, line and, for rules, the
 * column.  When problems is given, every problem found is appended to it
 * (as "FILE:LINE[:COL]: message") instead of stopping at the first. */
VbCodebook *vb_codebook_load (const char *name_or_path, GPtrArray *problems, GError **error);
/* The file a name resolves to, or NULL with an error listing where it looked. */
char       *vb_codebook_resolve (const char *name_or_path, const char *relative_to, GError **error);

/* Reads one file for the loader: returns the codebook at path, whatever its
 * form.  loading holds the canonical paths being read (import cycles). */
typedef VbCodebook *(*VbCodebookReadFunc) (const char *path, GPtrArray *problems,
                                           GHashTable *loading, GError **error);
/* The native key-file form (verba-codebook(5)) at path; the codebooks it
 * imports are read through read_import. */
VbCodebook *vb_codebook_read_native (const char *path, GPtrArray *problems, GHashTable *loading,
                                     VbCodebookReadFunc read_import, GError **error);

/* `verba codebook show -t md`: the codebook as a report appendix. */
void vb_codebook_write_md (const VbCodebook *cb, GString *out);
/* The codebook in its own key-file format (verba-codebook(5)): the
 * [codebook] keys and the codes it defines itself (imported codebooks stay
 * an `import` line).  Comments are not kept. */
void vb_codebook_write_native (const VbCodebook *cb, GString *out);
/* REFI-QDA codebook (.qdc): every code, nested by parent; what only verba
 * knows (id, kind, rules, criteria, links) is kept in each Description
 * after a line "[verba]" (see vb-codebook-qdc.c). */
void vb_codebook_write_qdc (const VbCodebook *cb, GString *out);
VbCodebook *vb_codebook_load_qdc (const char *path, GError **error);

G_END_DECLS
