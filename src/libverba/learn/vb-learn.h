/* vb-learn.h: learning a coder from the codings people made (verba
 * learn).  One binary linear classifier a code, trained by LIBLINEAR
 * (Debian's liblinear-dev, the library scikit-learn's linear models wrap)
 * on the features of vb-features.h.
 *
 * Examples and negatives: every segment of the inputs is an example (the
 * inputs are the sample the coder coded: a spreadsheet row with no code
 * ticked says "none of these"); it is a positive for a code when the
 * coder gave it that code, a negative otherwise.  With
 * coded_documents_only, only the segments of documents the coder coded
 * something in are examples: for a project where a coder coded part of
 * the documents, whose other documents nobody judged. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "learn/vb-model.h"

G_BEGIN_DECLS

typedef enum {
  VB_THRESHOLDS_DEFAULT,   /* 0.5 on the score for every code */
  VB_THRESHOLDS_CV,        /* tuned for F1 by inner cross-validation where it helps */
} VbThresholdMode;

typedef struct {
  const char   *coder;          /* NULL: the one coder of the input */
  gboolean      coded_documents_only; /* see above */
  const char *const *codes;     /* NULL: every code the coder used */
  guint         min_examples;   /* codes with fewer positives are skipped */
  guint64       seed;
  VbFeatureSettings features;   /* rules: give codebook */
  const VbCodebook *codebook;   /* its rule hits are features; NULL: none */
  const char   *solver;         /* "lr" (logistic regression) or "svm" (L2-loss linear SVM),
                                 * solved in the primal; "lr-dual", "svm-dual" in the dual */
  double        C;
  const char   *class_weight;   /* "balanced" or "none" */
  double        eps;            /* LIBLINEAR's stopping tolerance; 0: its default for the
                                 * solver (0.01 primal, 0.1 dual) */
  VbThresholdMode thresholds;
  double        target_precision; /* > 0: each threshold the lowest reaching it (inner CV) */
  guint         n_threads;      /* codes trained at once; 0: one a processor */
} VbLearnOptions;

void vb_learn_options_init (VbLearnOptions *o);
gboolean vb_learn_solver_known (const char *name);

typedef void (*VbLearnWarn) (gpointer data, const char *message);

/* The examples, read from coded streams. */
typedef struct _VbLearnData VbLearnData;
VbLearnData *vb_learn_data_read (const char *const *paths, const VbLearnOptions *o,
                                 VbLearnWarn warn, gpointer warn_data, GError **error);
void         vb_learn_data_free (VbLearnData *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbLearnData, vb_learn_data_free)
guint        vb_learn_data_n_examples (const VbLearnData *d);
guint        vb_learn_data_n_codes (const VbLearnData *d);
const char  *vb_learn_data_code (const VbLearnData *d, guint k);
const char  *vb_learn_data_coder (const VbLearnData *d);

/* Trains on every example.  dump (may be NULL) receives the training
 * matrix as "row<TAB>feature<TAB>value" lines (after a header), rows
 * numbered from 1 in input order. */
VbModel     *vb_learn_train (VbLearnData *d, const VbLearnOptions *o, GString *dump,
                             GError **error);

/* Cross-validation. */
typedef struct {
  char   *code;      /* NULL for the micro and macro rows */
  const char *name;  /* the row's name: the code, "micro" or "macro" */
  guint   support;
  double  precision, recall, f1, kappa;
} VbCvRow;

/* folds_by: NULL or "document" (a document's segments in one fold, folds
 * drawn with the seed), "segment" (segments drawn one by one), or an
 * attribute whose values are the fold numbers 1..k, used as they are.
 * Returns the rows: one a code, then micro, then macro (caller frees
 * with vb_cv_rows_free). */
GPtrArray   *vb_learn_cross_validate (VbLearnData *d, const VbLearnOptions *o, guint k,
                                      const char *folds_by, GError **error);
void         vb_cv_rows_free (GPtrArray *rows);

G_END_DECLS
