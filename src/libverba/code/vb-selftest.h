/* vb-selftest.h: a codebook's examples as its unit tests (verba codebook
 * test): every example of a code must get the code, every counter-example
 * must not. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

typedef struct {
  const VbCode *code;
  gboolean      counter; /* a counter-example that got the code; else a missed example */
  guint         index;   /* 1-based place in its list */
  const char   *text;    /* the example, owned by the codebook */
  guint         line;    /* line of its key in the codebook file, 0 if unknown */
  char         *why;     /* counter: the rules that fired and what they matched;
                            missed: the codes it got instead, or "" */
} VbSelftestFailure;

void vb_selftest_failure_free (gpointer failure);

/* Codes each example of the codes cb defines itself (not imported ones) on
 * its own, as one participant's segment of a one-segment document, with
 * every rule of cb.  A theme counts as given when it or one of its
 * sub-themes is (as --rollup counts them).  Failures are appended to failures
 * (VbSelftestFailure*, free function vb_selftest_failure_free); the numbers
 * of examples and counter-examples tried go to n_examples and n_counter.
 * FALSE only when a rule cannot be judged (a regex gave up). */
gboolean vb_selftest_run (const VbCodebook *cb, GPtrArray *failures, guint *n_examples,
                          guint *n_counter, GError **error);

G_END_DECLS
