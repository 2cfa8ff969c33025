/* vb-model.h: a learned coder: one binary linear classifier a code over
 * the features of vb-features.h, read from and written to the text format
 * of verba-model(5).  This is the API `verba code --model`, `verba sample
 * --uncertain` and any other reader of a model use.
 *
 * A code's score for a segment is the logistic of w.x + bias, where x is
 * the segment's L2-normalised tf-idf vector over the model's vocabulary
 * (features the vocabulary does not have are dropped); the segment gets
 * the code when the score is at least the code's threshold. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "learn/vb-feature-table.h"
#include "learn/vb-features.h"
#include "stream/vb-segment.h"

G_BEGIN_DECLS

#define VB_MODEL_FORMAT_VERSION 1

typedef struct {
  char    *id;          /* code id */
  char    *label;
  double  *w;           /* one weight a vocabulary entry */
  double   bias;        /* the weight of the constant feature (its value: the model's bias) */
  double   threshold;   /* on the score, in (0, 1) */
  char    *threshold_by; /* how it was chosen: "default", "cv-f1", "precision=P" */
  guint    support;     /* training segments with the code */
  /* Cross-validated figures (verba learn --cv), NaN when not measured. */
  double   cv_precision, cv_recall, cv_f1, cv_kappa;
} VbModelCode;

typedef struct {
  char             *name;      /* provenance of its codings: model:NAME */
  char             *coder;     /* the coder it learned from */
  VbFeatureSettings features;
  char             *solver;    /* "lr" or "svm" */
  double            C;
  double            bias;      /* value of the constant feature (liblinear's -B) */
  char             *class_weight; /* "balanced" or "none" */
  char             *codebook_id;  /* NULL unless features.rules */
  char             *codebook_sha256;
  guint             n_examples;
  GPtrArray        *inputs;    /* char* "SHA256 PATH" */
  GPtrArray        *vocab;     /* char* feature strings */
  double           *idf;       /* one a vocabulary entry */
  VbFeatureTable   *index;     /* feature -> its vocabulary index */
  GPtrArray        *codes;     /* VbModelCode* */
} VbModel;

VbModel *vb_model_new (void);
void     vb_model_free (VbModel *m);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbModel, vb_model_free)
/* Appends a vocabulary entry (the index is built as they come). */
void     vb_model_add_feature (VbModel *m, const char *feature, double idf);
VbModelCode *vb_model_add_code (VbModel *m, const char *id, const char *label);
const VbModelCode *vb_model_lookup (const VbModel *m, const char *id);

/* Reads a model file; a file of a newer format version, damaged or
 * truncated fails with the file and line. */
VbModel *vb_model_load (const char *path, GError **error);
/* Writes atomically (base/vb-output.h): never a partial model file. */
gboolean vb_model_save (const VbModel *m, const char *path, GError **error);

/* The fingerprint of a codebook's codes and rules (SHA-256 of its code
 * ids, rule names and expressions), as the model file records it. */
char    *vb_model_codebook_sha256 (const VbCodebook *cb);
/* Checks that cb (NULL: none given) is the one the model's rule features
 * came from; the error names both. */
gboolean vb_model_check_codebook (const VbModel *m, const char *model_path,
                                  const VbCodebook *cb, GError **error);

/* Scoring: one scorer a thread (it holds a featurizer). */
typedef struct _VbModelScorer VbModelScorer;
VbModelScorer *vb_model_scorer_new (const VbModel *m, GError **error);
void           vb_model_scorer_free (VbModelScorer *s);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbModelScorer, vb_model_scorer_free)
/* Fills scores (one a code, in the model's order) for seg.  Rule features
 * come from seg's rule codings, so code it with the codebook first. */
void           vb_model_score (VbModelScorer *s, const VbSegment *seg, double *scores);
/* Adds a whole-segment coding, source model:NAME, for every code whose
 * score reaches its threshold (min_score >= 0: that score instead);
 * earlier model codings of the segment are dropped first.  scores may be
 * NULL; else it receives the scores. */
void           vb_model_code_segment (VbModelScorer *s, VbSegment *seg, double min_score,
                                      double *scores);

G_END_DECLS
