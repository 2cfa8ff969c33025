/* vb-codebook.h: themes and framework principles with their rules, from
 * the native key-file format (man/verba-codebook.5), rules compiled once. */
#pragma once

#include <glib.h>
#include "codebook/vb-rule.h"

G_BEGIN_DECLS

/* How deep sub-themes may nest (0 is a top-level theme).  Real codebooks
 * nest a few levels; tables and reports indent a row by its depth, so a
 * chain of 10,000 themes made 600 MB of Markdown. */
#define VB_CODE_MAX_DEPTH 100

typedef enum {
  VB_CODE_PRINCIPLE,
  VB_CODE_THEME,
} VbCodeKind;

typedef enum {
  VB_SCOPE_SEGMENT = 0,
  VB_SCOPE_SENTENCE,
  VB_SCOPE_DOCUMENT,
  VB_SCOPE_CLAUSE,   /* each clause of a sentence (vb_text_clauses) */
} VbScope;

typedef struct {
  char   *name;      /* "rule" or "rule.<name>" */
  char   *expr;
  VbRule *compiled;
  guint   line, col; /* where expr starts in the codebook file, 0 if unknown */
} VbCodeRule;

typedef struct {
  char       *id;
  VbCodeKind  kind;
  char       *label;
  char       *description;  /* principle description or theme definition */
  char       *include;
  char       *exclude;
  GStrv       examples;     /* what must get the code (verba codebook test) */
  GStrv       counter_examples; /* what must not */
  guint       examples_line;    /* lines of the two keys in the file, 0 if unknown */
  guint       counter_examples_line;
  GStrv       principles;   /* linked principle ids (themes) */
  char       *parent;       /* parent theme id or NULL */
  char       *colour;
  VbScope     scope;
  GPtrArray  *rules;        /* VbCodeRule* */
  char       *origin;       /* id of the codebook that defines it */
  guint       depth;        /* 0 for top-level codes */
} VbCode;

typedef struct _VbCodebook VbCodebook;

void        vb_codebook_free (VbCodebook *cb);
/* An empty codebook to fill with vb_codebook_add (e.g. from the code list
 * a coded stream carries). */
VbCodebook *vb_codebook_new (const char *id, const char *title);
/* Adds a code without rules; parent must already be there.  FALSE if the
 * id is taken. */
gboolean    vb_codebook_add (VbCodebook *cb, const char *id, VbCodeKind kind,
                             const char *label, const char *parent,
                             const char *const *principles);
/* For readers of dictionaries: a rule for a code added with
 * vb_codebook_add (path and [codebook] keys: vb-codebook-private.h).
 * Fails with the compiler's message. */
gboolean    vb_codebook_add_rule (VbCodebook *cb, const char *id, const char *name,
                                  const char *expr, GError **error);
/* Adds the codes of other that cb does not have yet (several -c). */
gboolean    vb_codebook_merge (VbCodebook *cb, const VbCodebook *other, GError **error);

const char   *vb_codebook_id (const VbCodebook *cb);
const char   *vb_codebook_title (const VbCodebook *cb);
const char   *vb_codebook_path (const VbCodebook *cb);
const char   *vb_codebook_get_meta (const VbCodebook *cb, const char *key);
guint         vb_codebook_n_codes (const VbCodebook *cb);
const VbCode *vb_codebook_code (const VbCodebook *cb, guint i);
const VbCode *vb_codebook_lookup (const VbCodebook *cb, const char *id);
/* Position of a code in the codebook (table order), -1 if absent. */
int           vb_codebook_position (const VbCodebook *cb, const char *id);
guint         vb_codebook_n_rules (const VbCodebook *cb);
/* TRUE if code is ancestor itself or one of its descendants. */
gboolean      vb_codebook_is_within (const VbCodebook *cb, const char *code, const char *ancestor);
const char   *vb_scope_to_string (VbScope scope);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCodebook, vb_codebook_free)

G_END_DECLS
