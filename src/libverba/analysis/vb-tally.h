/* vb-tally.h: counting who raised what.  Segments go in one at a time (so
 * a stream of any length can be counted); a table comes out whose cells
 * hold the number of distinct units (documents, participants, groups…)
 * and the base those units come from. */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "stream/vb-segment.h"
#include "analysis/vb-table.h"
#include "analysis/vb-pseudonym.h"

G_BEGIN_DECLS

typedef enum {
  VB_UNIT_MENTION,
  VB_UNIT_SEGMENT,
  VB_UNIT_SPEAKER,
  VB_UNIT_DOCUMENT,
  VB_UNIT_GROUP,
} VbUnit;

typedef enum {
  VB_DIM_CODE,       /* every code */
  VB_DIM_THEME,
  VB_DIM_PRINCIPLE,
  VB_DIM_ATTR,       /* the values of an attribute */
  VB_DIM_NONE,       /* a single "all" column */
} VbDimKind;

typedef struct {
  VbDimKind   kind;
  const char *attr;  /* for VB_DIM_ATTR */
} VbDim;

typedef enum {
  VB_PAIR_COOCCUR,   /* code x code: both in one segment */
  VB_PAIR_LINKS,     /* theme x principle: the theme's links in the codebook */
} VbPairing;

/* Where two codes co-occur: in one segment, or anywhere in one document. */
typedef enum {
  VB_WITHIN_SEGMENT,
  VB_WITHIN_DOCUMENT,
} VbWithin;

typedef enum {
  VB_PHASE_FILTER_ALL = -1,
} VbPhaseFilter;

typedef struct {
  VbUnit      unit;
  const char *group_attr;         /* attribute naming a group; default "group" */
  gboolean    include_moderator;
  int         phase;              /* VbPhase, or VB_PHASE_FILTER_ALL */
  gboolean    rollup;             /* a parent theme counts its sub-themes' codings */
  VbPairing   pairing;
  VbDim       rows;
  VbDim       cols;
  gboolean    total;              /* add an "all" column after attribute columns */
  guint       quotes;             /* keep up to this many verbatims per cell (0: none) */
  const char *attribution;        /* template for quotes, see vb-quotes.h */
  VbPseudonyms *pseudonyms;       /* how speakers are shown (vb-pseudonym.h), or NULL:
                                     never by name */
  const char *const *where;       /* "KEY=VALUE" filters, all must hold; or NULL */
  gboolean    collapse_campaigns; /* leave out segments with a `duplicate_of` (see
                                     vb-campaign.h): a campaign counts once, through
                                     its first member */
  gboolean    in_order;           /* quotes: a framework matrix's cells, every verbatim
                                     in the order said, uncut, up to `quotes`, with a
                                     last line saying how many more there are */
  VbWithin    within;             /* code x code: the context of co-occurrence.  A
                                     code x code table's cells also carry the Jaccard
                                     index of the two codes over the contexts (value) */
  gboolean    units_in_runs;      /* the caller promises that each document's segments
                                     come together, once: documents, segments and
                                     mentions are then counted without remembering
                                     every unit, so memory does not grow with them
                                     (participants and groups still are remembered) */
} VbTallyOptions;


void        vb_tally_options_init (VbTallyOptions *opts);
gboolean    vb_unit_from_string (const char *s, VbUnit *out);
const char *vb_unit_plural (VbUnit unit);
/* "code", "theme", "principle", anything else is an attribute.  The
 * attribute "participant", when the stream has no such column, is a
 * document's speaker ("g1: P1"; "g1" for its unnamed contributions). */
void        vb_dim_parse (const char *s, VbDim *out);

typedef struct _VbTally VbTally;

/* cb lists the codes in table order; codes met in the stream but missing
 * from it are added to it as themes (so cb is not const). */
VbTally  *vb_tally_new (const VbTallyOptions *opts, VbCodebook *cb);
void      vb_tally_free (VbTally *t);
/* Counts seg.  The tally keeps no reference to seg: quotes keep copies
 * of the few segments a cell can still quote (vb-quotes.h). */
void      vb_tally_add (VbTally *t, const VbSegment *seg);
/* Segments seen, and segments counted (after role and phase filters). */
guint     vb_tally_n_seen (const VbTally *t);
guint     vb_tally_n_counted (const VbTally *t);
/* Segments that passed the filters but copy a campaign's first member:
 * left out when campaigns are collapsed, counted otherwise. */
guint     vb_tally_n_copies (const VbTally *t);
/* Units with a counted segment (participants as vb-group-size.h counts
 * them: a group that states its size, as that many). */
guint     vb_tally_n_units (const VbTally *t);
VbTable  *vb_tally_table (VbTally *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbTally, vb_tally_free)

G_END_DECLS
