/* vb-codebook-private.h: building a codebook from another format (REFI-QDA
 * .qdc, projects) with the same checks the key-file loader makes. */
#pragma once

#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

struct _VbCodebook {
  char       *id;
  char       *title;
  char       *path;
  GHashTable *meta;    /* [codebook] key -> value */
  GPtrArray  *codes;   /* VbCode*, table order */
  GHashTable *by_id;   /* id -> VbCode* */
  GHashTable *index;   /* id -> position + 1 */
};

/* An empty codebook read from path (may be ""). */
VbCodebook *vb_codebook_new_at (const char *path);
/* Appends code (taken) at the end of the table. */
void      vb_codebook_append_code (VbCodebook *cb, VbCode *code);
/* Frees a VbCodeRule: the free function of a code's rules array. */
void      vb_code_rule_free (gpointer rule);

void      vb_codebook_set_path (VbCodebook *cb, const char *path);
/* Sets a [codebook] key; "id" and "title" also set the codebook's own. */
void      vb_codebook_set_meta (VbCodebook *cb, const char *key, const char *value);
/* The [codebook] keys the key-file format knows, in the order they are
 * written. */
const char *const *vb_codebook_meta_keys (void);
/* A new code with no fields but id, kind, label and origin (the
 * codebook's id when NULL); NULL with an error if the id is taken or not a
 * valid id. */
VbCode   *vb_codebook_add_code (VbCodebook *cb, const char *id, VbCodeKind kind,
                                const char *label, const char *origin, GError **error);
/* Compiles expr as the rule NAME ("rule" or "rule.<name>") of code. */
gboolean  vb_code_add_rule (VbCode *code, const char *name, const char *expr, GError **error);
/* Checks parents (themes, defined earlier) and principle links once every
 * code is in, and sets depths.  where names the file for messages. */
gboolean  vb_codebook_finish (VbCodebook *cb, const char *where, GError **error);
/* TRUE if id may be a code id: letters, digits, '-', '_', '.'. */
gboolean  vb_code_id_is_valid (const char *id);
gboolean  vb_scope_from_string (const char *s, VbScope *out);

G_END_DECLS
