/* vb-group-size.h: how many participants a document holds, for the
 * speaker unit.  A document counts each named speaker once and its unnamed
 * contributions as one more participant; a group whose notes state its
 * size (VB_GROUP_SIZE_KEY, "Participants: 10") counts as that many
 * instead, those who never spoke on record included, or as its named
 * speakers when more of them speak than it states.  A cell counts a sized
 * group's participants up to its size: the unnamed contributions of a
 * group whose every member speaks by name were someone's already counted. */
#pragma once

#include <glib.h>
#include "stream/vb-segment.h"

G_BEGIN_DECLS

typedef struct _VbGroupSizes VbGroupSizes;

/* split: the attributes the table splits or filters by (NULL-terminated,
 * or NULL).  A group whose segments differ in one of them (a participant's
 * own attribute, the speaker) keeps the named-speaker rule: its stated
 * size says nothing of how many it holds under each value.  "phase" never
 * splits: the whole group was there in both phases. */
VbGroupSizes *vb_group_sizes_new (const char *const *split);
void          vb_group_sizes_free (VbGroupSizes *g);
/* Every segment of the stream, before any filter. */
void          vb_group_sizes_see (VbGroupSizes *g, const VbSegment *seg);
/* A unit counted for the first time, and one of its segments; unit must
 * stay alive as long as g. */
void          vb_group_sizes_unit (VbGroupSizes *g, const char *unit, const VbSegment *seg);
/* The participants among a set of units: as a base, a sized group counts
 * its size; as a cell's count, at most its size. */
guint         vb_group_sizes_count (const VbGroupSizes *g, GHashTable *units, gboolean base);
/* TRUE when some document seen states its size. */
gboolean      vb_group_sizes_any (const VbGroupSizes *g);
/* Lines for a table's notes saying how its base was made: n_docs, the
 * documents with a counted unit (needed only when vb_group_sizes_any). */
void          vb_group_sizes_notes (const VbGroupSizes *g, guint n_docs, GPtrArray *notes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbGroupSizes, vb_group_sizes_free)

G_END_DECLS
