#include "stream/vb-segment.h"
#include "base/vb-error.h"

#include <string.h>

static const char *const role_names[] = { "participant", "moderator", "interviewer" };
static const char *const phase_names[] = { "spontaneous", "prompted" };

const char *
vb_role_to_string (VbRole role)
{
  g_return_val_if_fail (role <= VB_ROLE_INTERVIEWER, "participant");
  return role_names[role];
}

gboolean
vb_role_from_string (const char *s, VbRole *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (s, role_names[i]) == 0)
      {
        *out = (VbRole) i;
        return TRUE;
      }
  return FALSE;
}

const char *
vb_phase_to_string (VbPhase phase)
{
  g_return_val_if_fail (phase <= VB_PHASE_PROMPTED, "spontaneous");
  return phase_names[phase];
}

gboolean
vb_phase_from_string (const char *s, VbPhase *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (phase_names); i++)
    if (g_strcmp0 (s, phase_names[i]) == 0)
      {
        *out = (VbPhase) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
vb_role_is_counted (VbRole role)
{
  return role == VB_ROLE_PARTICIPANT;
}

/* Attribute lists are short (a handful of keys), so a linear array keeps
 * their order and beats a hash table on every count that matters here. */
/* Past this many attributes lookups go through a hash table: a stream or
 * a CSV with a million attribute columns made every row quadratic. */
#define ATTRS_INDEX_FROM 16

/* Room for this many attributes inside VbAttrs itself: a stream row sets
 * every attribute column, usually a few. */
#define ATTRS_INLINE 4

struct _VbAttrs {
  VbAttr     *items; /* room until it is outgrown */
  guint       len, cap;
  GHashTable *index; /* key (owned by items) -> position + 1, or NULL */
  VbAttr      room[ATTRS_INLINE];
};

/* A new attribute's key and value share one block (one allocation for
 * each attribute of each row); a value set again later has its own. */
static gboolean
value_is_own (const VbAttr *a)
{
  return a->value != a->key + strlen (a->key) + 1;
}

static void
attr_clear (VbAttr *a)
{
  if (value_is_own (a))
    g_free (a->value);
  g_free (a->key);
}

VbAttrs *
vb_attrs_new (void)
{
  VbAttrs *attrs = g_new (VbAttrs, 1);
  attrs->items = attrs->room;
  attrs->len = 0;
  attrs->cap = ATTRS_INLINE;
  attrs->index = NULL;
  return attrs;
}

void
vb_attrs_free (VbAttrs *attrs)
{
  if (attrs == NULL)
    return;
  for (guint i = 0; i < attrs->len; i++)
    attr_clear (&attrs->items[i]);
  if (attrs->items != attrs->room)
    g_free (attrs->items);
  if (attrs->index)
    g_hash_table_unref (attrs->index);
  g_free (attrs);
}

VbAttrs *
vb_attrs_copy (const VbAttrs *attrs)
{
  VbAttrs *copy = vb_attrs_new ();
  if (attrs != NULL)
    vb_attrs_merge (copy, attrs);
  return copy;
}

const VbAttr *
vb_attrs_lookup (const VbAttrs *attrs, const char *key)
{
  if (attrs == NULL)
    return NULL;
  if (attrs->index != NULL)
    {
      guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (attrs->index, key));
      return pos ? &attrs->items[pos - 1] : NULL;
    }
  for (guint i = 0; i < attrs->len; i++)
    if (strcmp (attrs->items[i].key, key) == 0)
      return &attrs->items[i];
  return NULL;
}

const char *
vb_attrs_get (const VbAttrs *attrs, const char *key)
{
  const VbAttr *a = vb_attrs_lookup (attrs, key);
  return a ? a->value : NULL;
}

void
vb_attrs_set (VbAttrs *attrs, const char *key, const char *value, guint line)
{
  VbAttr *existing = (VbAttr *) vb_attrs_lookup (attrs, key);
  if (existing != NULL)
    {
      /* Copied first: value may be the one replaced. */
      char *v = g_strdup (value);
      if (value_is_own (existing))
        g_free (existing->value);
      existing->value = v;
      existing->line = line;
      return;
    }
  if (attrs->len == attrs->cap)
    {
      attrs->cap *= 2;
      if (attrs->items == attrs->room)
        {
          attrs->items = g_new (VbAttr, attrs->cap);
          memcpy (attrs->items, attrs->room, sizeof attrs->room);
        }
      else
        attrs->items = g_renew (VbAttr, attrs->items, attrs->cap);
    }
  gsize nk = strlen (key), nv = strlen (value);
  char *block = g_malloc (nk + nv + 2);
  memcpy (block, key, nk + 1);
  memcpy (block + nk + 1, value, nv + 1);
  VbAttr *a = &attrs->items[attrs->len++];
  *a = (VbAttr) { block, block + nk + 1, line };
  if (attrs->index == NULL && attrs->len > ATTRS_INDEX_FROM)
    {
      attrs->index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < attrs->len; i++)
        g_hash_table_insert (attrs->index, attrs->items[i].key, GUINT_TO_POINTER (i + 1));
    }
  else if (attrs->index != NULL)
    g_hash_table_insert (attrs->index, a->key, GUINT_TO_POINTER (attrs->len));
}

guint
vb_attrs_size (const VbAttrs *attrs)
{
  return attrs ? attrs->len : 0;
}

const VbAttr *
vb_attrs_index (const VbAttrs *attrs, guint i)
{
  g_return_val_if_fail (i < attrs->len, NULL);
  return &attrs->items[i];
}

void
vb_attrs_merge (VbAttrs *dst, const VbAttrs *src)
{
  for (guint i = 0; i < vb_attrs_size (src); i++)
    {
      const VbAttr *a = vb_attrs_index (src, i);
      vb_attrs_set (dst, a->key, a->value, a->line);
    }
}

char *
vb_attr_key_normalize (const char *key)
{
  GString *out = g_string_new (NULL);
  gboolean pending_sep = FALSE;
  for (const char *p = key; *p;)
    {
      /* Invalid UTF-8 (a caller that did not check) is a separator, one
       * byte at a time: g_utf8_next_char would step over the NUL. */
      gunichar c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          pending_sep = TRUE;
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (g_unichar_isalnum (c) || c == '-' || c == '_')
        {
          if (pending_sep && out->len > 0)
            g_string_append_c (out, '_');
          pending_sep = FALSE;
          g_string_append_unichar (out, g_unichar_tolower (c));
        }
      else
        pending_sep = TRUE;
    }
  return g_string_free (out, FALSE);
}

gboolean
vb_attr_key_is_reserved (const char *key)
{
  static const char *const reserved[] = {
    "document", "segment", "speaker", "role", "phase", "start", "end",
    "codes", "codings", "text",
  };
  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    if (strcmp (key, reserved[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Every coding's code and source live in one of these, code first then
 * source, each NUL-terminated; VbCoding.code points at text.  The count is
 * atomic: segments coded on one thread may be freed on another. */
struct _VbCodingTag {
  gint ref;
  gboolean has_source;
  gsize code_len;
  char text[];
};

static VbCodingTag *
tag_of (const char *code)
{
  return (VbCodingTag *) (void *) (code - G_STRUCT_OFFSET (VbCodingTag, text));
}

static VbCodingTag *
tag_new (const char *code, gsize code_len, const char *source, gsize source_len)
{
  VbCodingTag *t = g_malloc (sizeof (VbCodingTag) + code_len + source_len + 2);
  t->ref = 1;
  t->code_len = code_len;
  t->has_source = source != NULL;
  memcpy (t->text, code, code_len);
  t->text[code_len] = '\0';
  if (source != NULL)
    memcpy (t->text + code_len + 1, source, source_len);
  t->text[code_len + 1 + source_len] = '\0';
  return t;
}

VbCodingTag *
vb_coding_tag_new (const char *code, const char *source)
{
  g_return_val_if_fail (code != NULL, NULL);
  return tag_new (code, strlen (code), source, source != NULL ? strlen (source) : 0);
}

void
vb_coding_tag_unref (VbCodingTag *tag)
{
  if (tag != NULL && g_atomic_int_dec_and_test (&tag->ref))
    g_free (tag);
}

static void
coding_clear (gpointer p)
{
  VbCoding *c = p;
  /* source shares code's block (see struct _VbCodingTag). */
  vb_coding_tag_unref (tag_of (c->code));
}

VbSegment *
vb_segment_new (void)
{
  VbSegment *seg = g_new0 (VbSegment, 1);
  seg->document = g_strdup ("");
  seg->speaker = g_strdup ("");
  seg->text = g_strdup ("");
  seg->attrs = vb_attrs_new ();
  return seg;
}

void
vb_segment_free (VbSegment *seg)
{
  if (seg == NULL)
    return;
  g_free (seg->document);
  g_free (seg->speaker);
  g_free (seg->text);
  vb_attrs_free (seg->attrs);
  if (seg->codings)
    g_array_unref (seg->codings);
  g_free (seg);
}

VbSegment *
vb_segment_copy (const VbSegment *seg)
{
  VbSegment *copy = g_new0 (VbSegment, 1);
  *copy = *seg;
  copy->document = g_strdup (seg->document);
  copy->speaker = g_strdup (seg->speaker);
  copy->text = g_strdup (seg->text);
  copy->attrs = vb_attrs_copy (seg->attrs);
  copy->codings = NULL;
  if (seg->codings)
    {
      vb_segment_ensure_codings (copy);
      for (guint i = 0; i < seg->codings->len; i++)
        {
          const VbCoding *c = &g_array_index (seg->codings, VbCoding, i);
          vb_segment_add_coding (copy, c->code, c->start, c->end, c->source);
        }
    }
  return copy;
}

void
vb_segment_ensure_codings (VbSegment *seg)
{
  if (seg->codings == NULL)
    {
      /* Room for a few codings: growing from nothing reallocates at every one. */
      seg->codings = g_array_sized_new (FALSE, FALSE, sizeof (VbCoding), 8);
      g_array_set_clear_func (seg->codings, coding_clear);
    }
}

static void
add_tagged (VbSegment *seg, VbCodingTag *t, guint start, guint end)
{
  vb_segment_ensure_codings (seg);
  VbCoding c = { t->text, start, end, t->has_source ? t->text + t->code_len + 1 : NULL };
  g_array_append_val (seg->codings, c);
}

void
vb_segment_add_coding_len (VbSegment *seg, const char *code, gsize code_len, guint start,
                           guint end, const char *source, gsize source_len)
{
  /* One block for both strings: coding a stream adds a coding for every
   * match, and a second allocation (and free) each cost as much as the
   * rest of adding it. */
  add_tagged (seg, tag_new (code, code_len, source, source_len), start, end);
}

void
vb_segment_add_coding_tag (VbSegment *seg, VbCodingTag *tag, guint start, guint end)
{
  g_return_if_fail (tag != NULL);
  g_atomic_int_inc (&tag->ref);
  add_tagged (seg, tag, start, end);
}

void
vb_segment_add_coding (VbSegment *seg, const char *code, guint start,
                       guint end, const char *source)
{
  g_return_if_fail (code != NULL);
  vb_segment_add_coding_len (seg, code, strlen (code), start, end, source,
                             source != NULL ? strlen (source) : 0);
}

gboolean
vb_segment_has_code (const VbSegment *seg, const char *code)
{
  if (seg->codings == NULL)
    return FALSE;
  for (guint i = 0; i < seg->codings->len; i++)
    if (strcmp (g_array_index (seg->codings, VbCoding, i).code, code) == 0)
      return TRUE;
  return FALSE;
}

gboolean
vb_segment_field_is_virtual (const char *key)
{
  return g_strcmp0 (key, "phase") == 0 || g_strcmp0 (key, "role") == 0
         || g_strcmp0 (key, "speaker") == 0 || g_strcmp0 (key, "document") == 0;
}

const char *
vb_segment_value (const VbSegment *seg, const char *key)
{
  if (strcmp (key, "phase") == 0)
    return vb_phase_to_string (seg->phase);
  if (strcmp (key, "role") == 0)
    return vb_role_to_string (seg->role);
  if (strcmp (key, "speaker") == 0)
    return seg->speaker;
  if (strcmp (key, "document") == 0)
    return seg->document;
  return vb_attrs_get (seg->attrs, key);
}

gboolean
vb_group_size_parse (const char *value, guint *size)
{
  if (value == NULL || !g_ascii_isdigit (*value))
    return FALSE;
  guint64 n = 0;
  const char *p = value;
  for (; g_ascii_isdigit (*p); p++)
    if ((n = n * 10 + (guint64) (*p - '0')) > VB_GROUP_SIZE_MAX)
      return FALSE;
  if (n == 0 || (*p != '\0' && *p != ' '))
    return FALSE;
  *size = (guint) n;
  return TRUE;
}

gint
vb_value_compare (const char *x, const char *y)
{
  gboolean nx = strcmp (x, "(none)") == 0, ny = strcmp (y, "(none)") == 0;
  if (nx || ny)
    return nx - ny;
  /* Not g_utf8_collate: tables must come out the same in every locale.
   * Case folded, digit runs compared as numbers ("age 9" before "age 10"). */
  g_autofree char *fx = g_utf8_casefold (x, -1);
  g_autofree char *fy = g_utf8_casefold (y, -1);
  const char *a = fx, *b = fy;
  int c = 0;
  while (c == 0 && *a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          while (*a == '0')
            a++;
          while (*b == '0')
            b++;
          gsize la = 0, lb = 0;
          while (g_ascii_isdigit (a[la]))
            la++;
          while (g_ascii_isdigit (b[lb]))
            lb++;
          c = la != lb ? (la < lb ? -1 : 1) : strncmp (a, b, la);
          a += la, b += lb;
        }
      else
        {
          c = (guchar) *a - (guchar) *b;
          a++, b++;
        }
    }
  if (c == 0)
    c = (guchar) *a - (guchar) *b;
  return c ? c : strcmp (x, y);
}

gboolean
vb_attrs_set_assignment (VbAttrs *attrs, const char *assignment, GError **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *key = eq ? g_strndup (assignment, eq - assignment) : NULL;
  g_autofree char *norm = key ? vb_attr_key_normalize (key) : NULL;
  if (norm == NULL || *norm == '\0')
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "--attr '%s': expected KEY=VALUE", assignment);
      return FALSE;
    }
  if (vb_attr_key_is_reserved (norm))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "--attr '%s': '%s' is reserved for the segments stream", assignment, norm);
      return FALSE;
    }
  vb_attrs_set (attrs, norm, eq + 1, 0);
  return TRUE;
}
