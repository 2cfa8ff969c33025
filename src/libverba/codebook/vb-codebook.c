#include "codebook/vb-codebook.h"
#include "codebook/vb-codebook-private.h"
#include "base/vb-error.h"

#include <string.h>

void
vb_code_rule_free (gpointer p)
{
  VbCodeRule *r = p;
  g_free (r->name);
  g_free (r->expr);
  vb_rule_free (r->compiled);
  g_free (r);
}

static void
code_free (gpointer p)
{
  VbCode *c = p;
  g_free (c->id);
  g_free (c->label);
  g_free (c->description);
  g_free (c->include);
  g_free (c->exclude);
  g_strfreev (c->examples);
  g_strfreev (c->counter_examples);
  g_strfreev (c->principles);
  g_free (c->parent);
  g_free (c->colour);
  g_ptr_array_unref (c->rules);
  g_free (c->origin);
  g_free (c);
}

VbCodebook *
vb_codebook_new_at (const char *path)
{
  VbCodebook *cb = g_new0 (VbCodebook, 1);
  cb->path = g_strdup (path);
  cb->meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cb->codes = g_ptr_array_new_with_free_func (code_free);
  cb->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  cb->index = g_hash_table_new (g_str_hash, g_str_equal);
  return cb;
}

void
vb_codebook_free (VbCodebook *cb)
{
  if (cb == NULL)
    return;
  g_free (cb->id);
  g_free (cb->title);
  g_free (cb->path);
  g_hash_table_unref (cb->meta);
  g_hash_table_unref (cb->by_id);
  g_hash_table_unref (cb->index);
  g_ptr_array_unref (cb->codes);
  g_free (cb);
}

static gboolean
valid_id (const char *id)
{
  if (*id == '\0')
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static const char *const meta_keys[] = {
  "id", "title", "version", "language", "description", "source", "import", "author",
  "licence", "license", NULL,
};

void
vb_codebook_append_code (VbCodebook *cb, VbCode *code)
{
  g_ptr_array_add (cb->codes, code);
  g_hash_table_insert (cb->by_id, code->id, code);
  g_hash_table_insert (cb->index, code->id, GUINT_TO_POINTER (cb->codes->len));
}

static gboolean
parse_scope (const char *s, VbScope *out)
{
  if (s == NULL || strcmp (s, "segment") == 0)
    *out = VB_SCOPE_SEGMENT;
  else if (strcmp (s, "sentence") == 0)
    *out = VB_SCOPE_SENTENCE;
  else if (strcmp (s, "document") == 0)
    *out = VB_SCOPE_DOCUMENT;
  else if (strcmp (s, "clause") == 0)
    *out = VB_SCOPE_CLAUSE;
  else
    return FALSE;
  return TRUE;
}

const char *
vb_scope_to_string (VbScope scope)
{
  switch (scope)
    {
    case VB_SCOPE_SENTENCE: return "sentence";
    case VB_SCOPE_DOCUMENT: return "document";
    case VB_SCOPE_CLAUSE: return "clause";
    case VB_SCOPE_SEGMENT:
    default: return "segment";
    }
}

VbCodebook *
vb_codebook_new (const char *id, const char *title)
{
  VbCodebook *cb = vb_codebook_new_at ("");
  cb->id = g_strdup (id);
  cb->title = g_strdup (title);
  return cb;
}

gboolean
vb_codebook_add (VbCodebook *cb, const char *id, VbCodeKind kind, const char *label,
                 const char *parent, const char *const *principles)
{
  if (g_hash_table_contains (cb->by_id, id))
    return FALSE;
  VbCode *code = g_new0 (VbCode, 1);
  code->id = g_strdup (id);
  code->kind = kind;
  code->label = g_strdup (label && *label ? label : id);
  code->parent = parent && *parent ? g_strdup (parent) : NULL;
  code->principles = principles && principles[0] ? g_strdupv ((char **) principles) : NULL;
  code->origin = g_strdup (cb->id);
  code->rules = g_ptr_array_new_with_free_func (vb_code_rule_free);
  const VbCode *p = code->parent ? vb_codebook_lookup (cb, code->parent) : NULL;
  code->depth = p ? p->depth + 1 : 0;
  vb_codebook_append_code (cb, code);
  return TRUE;
}

/* Takes rule, compiled from expr. */
static void
append_rule (VbCode *code, const char *name, const char *expr, VbRule *rule)
{
  VbCodeRule *r = g_new0 (VbCodeRule, 1);
  r->name = g_strdup (name);
  r->expr = g_strdup (expr);
  r->compiled = rule;
  g_ptr_array_add (code->rules, r);
}

gboolean
vb_codebook_add_rule (VbCodebook *cb, const char *id, const char *name, const char *expr,
                      GError **error)
{
  VbCode *code = g_hash_table_lookup (cb->by_id, id);
  g_return_val_if_fail (code != NULL, FALSE);
  VbRule *rule = vb_rule_compile (expr, error);
  if (rule == NULL)
    return FALSE;
  append_rule (code, name, expr, rule);
  return TRUE;
}

static VbCode *
code_copy (const VbCode *c)
{
  VbCode *n = g_new0 (VbCode, 1);
  n->id = g_strdup (c->id);
  n->kind = c->kind;
  n->label = g_strdup (c->label);
  n->description = g_strdup (c->description);
  n->include = g_strdup (c->include);
  n->exclude = g_strdup (c->exclude);
  n->examples = g_strdupv (c->examples);
  n->counter_examples = g_strdupv (c->counter_examples);
  n->examples_line = c->examples_line;
  n->counter_examples_line = c->counter_examples_line;
  n->principles = g_strdupv (c->principles);
  n->parent = g_strdup (c->parent);
  n->colour = g_strdup (c->colour);
  n->scope = c->scope;
  n->origin = g_strdup (c->origin);
  n->depth = c->depth;
  n->rules = g_ptr_array_new_with_free_func (vb_code_rule_free);
  for (guint i = 0; i < c->rules->len; i++)
    {
      const VbCodeRule *r = c->rules->pdata[i];
      VbCodeRule *nr = g_new0 (VbCodeRule, 1);
      nr->name = g_strdup (r->name);
      nr->expr = g_strdup (r->expr);
      nr->line = r->line;
      nr->col = r->col;
      nr->compiled = vb_rule_copy (r->compiled);
      g_ptr_array_add (n->rules, nr);
    }
  return n;
}

gboolean
vb_codebook_merge (VbCodebook *cb, const VbCodebook *other, GError **error)
{
  for (guint i = 0; i < other->codes->len; i++)
    {
      const VbCode *c = other->codes->pdata[i];
      VbCode *mine = g_hash_table_lookup (cb->by_id, c->id);
      if (mine != NULL)
        {
          /* The same framework imported twice is fine; two codebooks
           * defining one id differently is not. */
          if (strcmp (mine->origin, c->origin) == 0)
            continue;
          g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                       "code '%s' is defined by both %s and %s", c->id, mine->origin, c->origin);
          return FALSE;
        }
      vb_codebook_append_code (cb, code_copy (c));
    }
  return TRUE;
}

const char *
vb_codebook_id (const VbCodebook *cb)
{
  return cb->id;
}

const char *
vb_codebook_title (const VbCodebook *cb)
{
  return cb->title;
}

const char *
vb_codebook_path (const VbCodebook *cb)
{
  return cb->path;
}

const char *
vb_codebook_get_meta (const VbCodebook *cb, const char *key)
{
  return g_hash_table_lookup (cb->meta, key);
}

guint
vb_codebook_n_codes (const VbCodebook *cb)
{
  return cb->codes->len;
}

const VbCode *
vb_codebook_code (const VbCodebook *cb, guint i)
{
  return cb->codes->pdata[i];
}

const VbCode *
vb_codebook_lookup (const VbCodebook *cb, const char *id)
{
  return g_hash_table_lookup (cb->by_id, id);
}

int
vb_codebook_position (const VbCodebook *cb, const char *id)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (cb->index, id)) - 1;
}

guint
vb_codebook_n_rules (const VbCodebook *cb)
{
  guint n = 0;
  for (guint i = 0; i < cb->codes->len; i++)
    n += ((VbCode *) cb->codes->pdata[i])->rules->len;
  return n;
}

gboolean
vb_codebook_is_within (const VbCodebook *cb, const char *code, const char *ancestor)
{
  /* Depth is bounded by the codebook's size because parents come first. */
  for (const VbCode *c = vb_codebook_lookup (cb, code); c != NULL;
       c = c->parent ? vb_codebook_lookup (cb, c->parent) : NULL)
    if (strcmp (c->id, ancestor) == 0)
      return TRUE;
  return FALSE;
}

/* ---- building from other formats (vb-codebook-private.h) ---- */

void
vb_codebook_set_path (VbCodebook *cb, const char *path)
{
  g_free (cb->path);
  cb->path = g_strdup (path);
}

void
vb_codebook_set_meta (VbCodebook *cb, const char *key, const char *value)
{
  g_hash_table_insert (cb->meta, g_strdup (key), g_strdup (value));
  if (strcmp (key, "id") == 0)
    {
      g_free (cb->id);
      cb->id = g_strdup (value);
    }
  else if (strcmp (key, "title") == 0)
    {
      g_free (cb->title);
      cb->title = g_strdup (value);
    }
}

const char *const *
vb_codebook_meta_keys (void)
{
  return meta_keys;
}

gboolean
vb_code_id_is_valid (const char *id)
{
  return valid_id (id);
}

gboolean
vb_scope_from_string (const char *s, VbScope *out)
{
  return parse_scope (s, out);
}

VbCode *
vb_codebook_add_code (VbCodebook *cb, const char *id, VbCodeKind kind, const char *label,
                      const char *origin, GError **error)
{
  if (!valid_id (id))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                   "code id '%s' may hold only letters, digits, '-', '_' and '.'", id);
      return NULL;
    }
  if (g_hash_table_contains (cb->by_id, id))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK, "code '%s' is defined twice", id);
      return NULL;
    }
  VbCode *code = g_new0 (VbCode, 1);
  code->id = g_strdup (id);
  code->kind = kind;
  code->label = g_strdup (label && *label ? label : id);
  code->origin = g_strdup (origin ? origin : cb->id);
  code->rules = g_ptr_array_new_with_free_func (vb_code_rule_free);
  vb_codebook_append_code (cb, code);
  return code;
}

gboolean
vb_code_add_rule (VbCode *code, const char *name, const char *expr, GError **error)
{
  g_autoptr (GError) err = NULL;
  VbRule *rule = vb_rule_compile (expr, &err);
  if (rule == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_RULE, "%s of code '%s': %s", name, code->id,
                   err->message);
      return FALSE;
    }
  append_rule (code, name, expr, rule);
  return TRUE;
}

gboolean
vb_codebook_finish (VbCodebook *cb, const char *where, GError **error)
{
  for (guint i = 0; i < cb->codes->len; i++)
    {
      VbCode *code = cb->codes->pdata[i];
      if (code->parent)
        {
          VbCode *parent = g_hash_table_lookup (cb->by_id, code->parent);
          guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (cb->index, code->parent));
          if (parent == NULL || parent->kind != VB_CODE_THEME || pos > i)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                           "%s: code '%s': parent '%s' is not a theme defined before it", where,
                           code->id, code->parent);
              return FALSE;
            }
          code->depth = parent->depth + 1;
          if (code->depth > VB_CODE_MAX_DEPTH)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                           "%s: code '%s': themes nest more than %u levels deep "
                           "(VB_CODE_MAX_DEPTH; see SECURITY.md)", where, code->id,
                           VB_CODE_MAX_DEPTH);
              return FALSE;
            }
        }
      for (guint k = 0; code->principles && code->principles[k]; k++)
        {
          VbCode *p = g_hash_table_lookup (cb->by_id, code->principles[k]);
          if (p == NULL || p->kind != VB_CODE_PRINCIPLE)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                           "%s: code '%s': linked principle '%s' is not a principle", where,
                           code->id, code->principles[k]);
              return FALSE;
            }
        }
    }
  return TRUE;
}
