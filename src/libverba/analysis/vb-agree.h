/* vb-agree.h: agreement between coders, and rules against a gold standard.
 *
 * Each coder is one coded stream.  A unit (a segment, keyed by document and
 * segment number, or a whole document) gets, for every code, a present or
 * absent judgement from each coder whose stream holds it; a unit missing
 * from a stream is missing data.  Per code and pooled over all codes:
 * percent agreement, Cohen's kappa (Light's kappa, the mean over pairs, for
 * more than two coders), Scott's pi (Fleiss' kappa for more than two),
 * Brennan-Prediger and Krippendorff's alpha (nominal), with percentile
 * bootstrap intervals over resampled units.  Definitions: verba-agree(1). */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

typedef enum {
  VB_AGREE_SEGMENT,
  VB_AGREE_DOCUMENT,
} VbAgreeUnit;

/* Which codings of a stream are the coder's judgements. */
typedef enum {
  VB_AGREE_CODINGS_ALL,
  VB_AGREE_CODINGS_HUMAN,  /* source not starting with "rule:" */
  VB_AGREE_CODINGS_RULES,  /* source starting with "rule:" */
} VbAgreeCodings;

typedef enum {
  VB_STAT_PERCENT,   /* percent agreement, 0-100 */
  VB_STAT_KAPPA,     /* Cohen's kappa; Light's kappa for > 2 coders */
  VB_STAT_SCOTT,     /* Scott's pi; Fleiss' kappa for > 2 coders */
  VB_STAT_BP,        /* Brennan-Prediger, two categories */
  VB_STAT_ALPHA,     /* Krippendorff's alpha, nominal */
  VB_N_STATS
} VbAgreeStat;

/* Column names of the statistics, in VbAgreeStat order. */
extern const char *const vb_agree_stat_names[VB_N_STATS];

typedef struct {
  char   *code;      /* code id, or "all" for the pooled row */
  char   *label;
  double  n;         /* pairable units (decisions for the pooled row) */
  double  agree;     /* of them, those where every coder agrees */
  double  disagree;
  double  missing;   /* units that fewer than two coders' streams hold */
  double  stat[VB_N_STATS];  /* NAN when undefined */
  double  low[VB_N_STATS];   /* bootstrap interval, NAN without one */
  double  high[VB_N_STATS];
} VbAgreeRow;

typedef struct {
  char   *code;      /* code id, or "micro" / "macro" */
  char   *label;
  guint   n;         /* units both streams hold */
  guint   tp, fp, fn;
  double  precision, recall, f1;  /* NAN when undefined (0/0) */
} VbGoldRow;

typedef struct {
  guint   replicates;  /* 0: no intervals */
  gulong  seed;
  double  level;       /* e.g. 0.95 */
  guint   threads;     /* resamples computed on this many threads (0 or 1:
                          one); the intervals do not depend on it */
} VbBootstrap;

typedef struct _VbAgree VbAgree;

VbAgree *vb_agree_new (gboolean include_moderator);
void     vb_agree_free (VbAgree *ag);
/* Codes listed in it come first, in its order, with its labels. */
void     vb_agree_set_codebook (VbAgree *ag, const VbCodebook *cb);
/* Keeps the segments' texts for vb_agree_disagreements (call before the
 * first stream); without it they are not held, to keep memory small. */
void     vb_agree_keep_texts (VbAgree *ag);
/* Reads one coder's coded stream ("-" for standard input).  A segment
 * also in an earlier stream must have the same text there. */
gboolean vb_agree_add_stream (VbAgree *ag, const char *path, VbAgreeCodings which,
                              GError **error);
/* Keeps only these codes (NULL: every code some coder applied). */
gboolean vb_agree_restrict (VbAgree *ag, const char *const *codes, GError **error);
guint       vb_agree_n_coders (const VbAgree *ag);
/* The codings of the coder's stream that count. */
guint64     vb_agree_n_codings (const VbAgree *ag, guint coder);
/* The coder's name: NAME when every counted coding of the stream has the
 * source coder:NAME, else the file name without its extension. */
const char *vb_agree_coder_name (const VbAgree *ag, guint coder);

/* One row per code some coder applied (codebook order, then first use),
 * then the pooled row "all".  GArray of VbAgreeRow, freeing its rows. */
GArray  *vb_agree_compute (VbAgree *ag, VbAgreeUnit unit, const VbBootstrap *bs);
/* Coder 0 is the gold standard, coder 1 the rules: one row per code, then
 * "micro" and "macro".  GArray of VbGoldRow, freeing its rows. */
GArray  *vb_agree_gold (VbAgree *ag, VbAgreeUnit unit);

/* Walks the (unit, code) judgements on which coders differ, in unit then
 * code order.  values[j] is 1 (applied), 0 (not) or -1 (not in coder j's
 * stream); segment is 0 and text NULL for a document unit, text NULL also
 * without vb_agree_keep_texts. */
typedef void (*VbDisagreeFunc) (gpointer data, const char *document, guint segment,
                                const char *code, const char *text, const int *values);
void     vb_agree_disagreements (VbAgree *ag, VbAgreeUnit unit, VbDisagreeFunc fn,
                                 gpointer data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbAgree, vb_agree_free)

G_END_DECLS
