/* vb-segment.h: the unit that gets coded, and its attributes and codings.
 *
 * Offsets: segment start/end are half-open ranges of Unicode code points
 * into the source file (after a UTF-8 BOM is removed; a CR counts as one
 * code point).  Coding start/end are half-open ranges of code points into
 * the segment's own text.  See man/verba-formats.5. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  VB_ROLE_PARTICIPANT = 0,
  VB_ROLE_MODERATOR,   /* discussion-group moderator */
  VB_ROLE_INTERVIEWER, /* interviewer in a one-to-one interview */
} VbRole;

typedef enum {
  VB_PHASE_SPONTANEOUS = 0,
  VB_PHASE_PROMPTED,
} VbPhase;

const char *vb_role_to_string (VbRole role);
gboolean    vb_role_from_string (const char *s, VbRole *out);
const char *vb_phase_to_string (VbPhase phase);
gboolean    vb_phase_from_string (const char *s, VbPhase *out);
/* Moderators' and interviewers' words are kept but not counted by default. */
gboolean    vb_role_is_counted (VbRole role);

/* An ordered list of key=value attributes.  Keys are unique; setting an
 * existing key replaces its value (and line) in place so the order of
 * first appearance is kept. */
typedef struct {
  char *key;
  char *value;
  guint line;  /* source line it came from, 0 if none (e.g. --attr) */
} VbAttr;

typedef struct _VbAttrs VbAttrs;
VbAttrs     *vb_attrs_new (void);
void         vb_attrs_free (VbAttrs *attrs);
VbAttrs     *vb_attrs_copy (const VbAttrs *attrs);
void         vb_attrs_set (VbAttrs *attrs, const char *key, const char *value, guint line);
const char  *vb_attrs_get (const VbAttrs *attrs, const char *key);
const VbAttr *vb_attrs_lookup (const VbAttrs *attrs, const char *key);
guint        vb_attrs_size (const VbAttrs *attrs);
const VbAttr *vb_attrs_index (const VbAttrs *attrs, guint i);
/* Sets an attribute from a "KEY=VALUE" option (the key normalised); a
 * missing '=', an empty key or a reserved key is a usage error. */
gboolean     vb_attrs_set_assignment (VbAttrs *attrs, const char *assignment, GError **error);
/* Copies every attribute of src into dst (src wins). */
void         vb_attrs_merge (VbAttrs *dst, const VbAttrs *src);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbAttrs, vb_attrs_free)

/* Attribute keys are folded to lower case with runs of anything but
 * letters, digits, '-' and '_' turned into '_' ("Age band" -> "age_band"). */
char *vb_attr_key_normalize (const char *key);
/* Names the stream reserves for its own columns. */
gboolean vb_attr_key_is_reserved (const char *key);

typedef struct {
  char *code;    /* code id from the codebook */
  guint start;   /* code points into the segment text, half-open */
  guint end;
  char *source;  /* provenance: "rule:<rule key>" (rule, rule.NAME) or "coder:<name>";
                  * shares code's allocation, which other codings may share too: set
                  * both through vb_segment_add_coding*, never free or replace either
                  * on its own */
} VbCoding;

typedef struct {
  char    *document;
  guint    index;     /* 1-based position within the document */
  char    *speaker;   /* "" when unknown */
  VbRole   role;
  VbPhase  phase;
  guint64  start;     /* code points into the source, half-open */
  guint64  end;
  VbAttrs *attrs;     /* document, speaker and segment attributes merged */
  char    *text;
  GArray  *codings;   /* VbCoding, NULL for an uncoded stream */
  guint    line;      /* source line where the segment starts */
} VbSegment;

VbSegment *vb_segment_new (void);
void       vb_segment_free (VbSegment *seg);
/* A deep copy, codings included (their strings no longer shared). */
VbSegment *vb_segment_copy (const VbSegment *seg);
/* Marks the segment as coded (possibly with no codings). */
void       vb_segment_ensure_codings (VbSegment *seg);
void       vb_segment_add_coding (VbSegment *seg, const char *code,
                                  guint start, guint end, const char *source);
/* The same with the strings' lengths known (source may be NULL, then
 * source_len is 0); code and source need not be NUL-terminated. */
void       vb_segment_add_coding_len (VbSegment *seg, const char *code, gsize code_len,
                                      guint start, guint end, const char *source,
                                      gsize source_len);
/* A code and source made once for many codings (a coder makes one per
 * rule): codings added with it share its strings instead of copying them.
 * Reference-counted, so segments may outlive it and be freed on any
 * thread. */
typedef struct _VbCodingTag VbCodingTag;
VbCodingTag *vb_coding_tag_new (const char *code, const char *source);
void         vb_coding_tag_unref (VbCodingTag *tag);
void         vb_segment_add_coding_tag (VbSegment *seg, VbCodingTag *tag, guint start,
                                        guint end);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbCodingTag, vb_coding_tag_unref)
/* TRUE if any coding of the segment is for code. */
gboolean   vb_segment_has_code (const VbSegment *seg, const char *code);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbSegment, vb_segment_free)

/* The value a segment has for an attribute; also answers the stream's own
 * fields "phase", "role", "speaker" and "document". */
const char *vb_segment_value (const VbSegment *seg, const char *key);
/* TRUE for the field names vb_segment_value answers besides attributes. */
gboolean    vb_segment_field_is_virtual (const char *key);
/* Orders attribute values for tables: case-insensitive natural order (g2
 * before g10), the same in every locale, "(none)" last. */
gint        vb_value_compare (const char *a, const char *b);

/* The attribute in which a group's notes state its size ("Participants: 10"
 * in the header), and the size it states: a whole number from 1 to
 * VB_GROUP_SIZE_MAX, alone or followed by a space and anything ("8 (4 men,
 * 4 women)").  FALSE for any other value, which states no size. */
#define VB_GROUP_SIZE_KEY "participants"
#define VB_GROUP_SIZE_MAX 100000
gboolean    vb_group_size_parse (const char *value, guint *size);

G_END_DECLS
