/* vb-codebook-lint.h: what `verba codebook check` warns about in rules
 * that compile but probably do not say what their author meant. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

/* Appends to warnings (char*, "FILE:LINE:COL: warning: KEY of [GROUP]:
 * message") what is found in the rules of the codes cb defines itself in
 * a native codebook file (not those made from a dictionary or .qdc):
 *  - and, or, not, near/N written in lower case, where the operator was
 *    probably meant (they are words);
 *  - a rule, or a part of one, that can never hold: A AND NOT A, NEAR,
 *    BEFORE or EXCEPT whose side can only hold through NOT (no hit);
 *  - a word that a stem beside it in the same list already matches
 *    (care care*);
 *  - a rule identical to a rule of another code of the same file. */
void vb_codebook_lint (const VbCodebook *cb, GPtrArray *warnings);

G_END_DECLS
