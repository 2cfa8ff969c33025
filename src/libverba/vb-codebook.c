#include "vb-codebook.h"
#include "vb-codebook-private.h"
#include "vb-datadir.h"
#include "vb-dict.h"
#include "vb-error.h"
#include "vb-lines.h"

#include <string.h>

struct _VbCodebook {
  char       *id;
  char       *title;
  char       *path;
  GHashTable *meta;    /* [codebook] key -> value */
  GPtrArray  *codes;   /* VbCode*, table order */
  GHashTable *by_id;   /* id -> VbCode* */
  GHashTable *index;   /* id -> position + 1 */
};

static void
code_rule_free (gpointer p)
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
  g_strfreev (c->principles);
  g_free (c->parent);
  g_free (c->colour);
  g_ptr_array_unref (c->rules);
  g_free (c->origin);
  g_free (c);
}

static VbCodebook *
codebook_new (const char *path)
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

/* ---- where each group and key is, for messages that name a line ---- */

typedef struct {
  guint line;
  guint value_col; /* 1-based code-point column where the value starts */
} Where;

typedef struct {
  const char *path;
  GHashTable *where;     /* "group\x1fkey" or "group" -> Where* */
  GPtrArray  *groups;    /* group names in file order */
  GPtrArray  *problems;  /* char*, may be NULL */
  GError     *first;
} Load;

static void
problem (Load *ld, guint line, guint col, const char *fmt, ...) G_GNUC_PRINTF (4, 5);

static void
problem (Load *ld, guint line, guint col, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_autofree char *loc = col ? g_strdup_printf ("%s:%u:%u", ld->path, line, col)
                        : line ? g_strdup_printf ("%s:%u", ld->path, line)
                               : g_strdup (ld->path);
  char *full = g_strdup_printf ("%s: %s", loc, msg);
  if (ld->first == NULL)
    ld->first = g_error_new_literal (VB_ERROR, VB_ERROR_CODEBOOK, full);
  if (ld->problems)
    g_ptr_array_add (ld->problems, full);
  else
    g_free (full);
}

static char *
where_key (const char *group, const char *key)
{
  return key ? g_strdup_printf ("%s\x1f%s", group, key) : g_strdup (group);
}

static const Where *
where (Load *ld, const char *group, const char *key)
{
  g_autofree char *k = where_key (group, key);
  return g_hash_table_lookup (ld->where, k);
}

static guint
line_of (Load *ld, const char *group, const char *key)
{
  const Where *w = where (ld, group, key);
  if (w == NULL && key)
    w = where (ld, group, NULL);
  return w ? w->line : 0;
}

/* GKeyFile does the parsing; this scan only learns where things are and
 * names the line of anything GKeyFile would refuse without saying where. */
static gboolean
scan_lines (Load *ld, const VbSource *src)
{
  VbLineIter it;
  VbLine line;
  g_autofree char *group = NULL;
  gboolean ok = TRUE;
  vb_line_iter_init (&it, src);
  while (vb_line_iter_next (&it, &line))
    {
      g_autofree char *s = vb_line_strip (&line);
      if (*s == '\0' || *s == '#')
        continue;
      if (*s == '[')
        {
          gsize n = strlen (s);
          if (s[n - 1] != ']')
            {
              problem (ld, line.number, 0, "group header without closing ']'");
              ok = FALSE;
              continue;
            }
          g_free (group);
          group = g_strndup (s + 1, n - 2);
          if (g_hash_table_contains (ld->where, group))
            {
              problem (ld, line.number, 0, "[%s] appears twice (first at line %u)", group,
                       ((Where *) g_hash_table_lookup (ld->where, group))->line);
              ok = FALSE;
              continue;
            }
          Where *w = g_new0 (Where, 1);
          w->line = line.number;
          g_hash_table_insert (ld->where, g_strdup (group), w);
          g_ptr_array_add (ld->groups, g_strdup (group));
          continue;
        }
      const char *eq = memchr (line.text, '=', line.len);
      if (eq == NULL)
        {
          problem (ld, line.number, 0,
                   "expected 'key = value', a [group] or a # comment, found '%s'", s);
          ok = FALSE;
          continue;
        }
      if (group == NULL)
        {
          problem (ld, line.number, 0, "key before the first [group]");
          ok = FALSE;
          continue;
        }
      g_autofree char *key = g_strstrip (g_strndup (line.text, eq - line.text));
      const char *v = eq + 1;
      while (*v == ' ' || *v == '\t')
        v++;
      g_autofree char *wk = where_key (group, key);
      if (g_hash_table_contains (ld->where, wk))
        {
          problem (ld, line.number, 0, "key '%s' given twice in [%s]", key, group);
          ok = FALSE;
          continue;
        }
      Where *w = g_new0 (Where, 1);
      w->line = line.number;
      w->value_col = (guint) g_utf8_strlen (line.text, v - line.text) + 1;
      g_hash_table_insert (ld->where, g_steal_pointer (&wk), w);
    }
  return ok;
}

/* ---- building codes ---- */

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

static const char *const principle_keys[] = {
  "label", "description", "rule", "scope", "colour", "color", "examples", NULL,
};
static const char *const theme_keys[] = {
  "label", "definition", "description", "include", "exclude", "examples", "principles",
  "parent", "colour", "color", "rule", "scope", NULL,
};
static const char *const meta_keys[] = {
  "id", "title", "version", "language", "description", "source", "import", "author",
  "licence", "license", NULL,
};

static gboolean
key_allowed (const char *const *allowed, const char *key)
{
  /* rule.<name> and localised keys (label[fr]) are open-ended families. */
  if (g_str_has_prefix (key, "rule.") && key[5] != '\0')
    return TRUE;
  g_autofree char *base = g_strdup (key);
  char *br = strchr (base, '[');
  if (br)
    *br = '\0';
  return g_strv_contains (allowed, base);
}

static char *
get_string (GKeyFile *kf, const char *group, const char *key)
{
  char *v = g_key_file_get_locale_string (kf, group, key, NULL, NULL);
  return v ? g_strstrip (v) : NULL;
}

static GStrv
get_list (GKeyFile *kf, const char *group, const char *key)
{
  GStrv v = g_key_file_get_string_list (kf, group, key, NULL, NULL);
  if (v == NULL)
    return NULL;
  /* Drop empty items so "a; b;" lists what it says. */
  guint j = 0;
  for (guint i = 0; v[i]; i++)
    {
      g_strstrip (v[i]);
      if (*v[i])
        v[j++] = v[i];
      else
        g_free (v[i]);
    }
  v[j] = NULL;
  return v;
}

static void
add_code (VbCodebook *cb, VbCode *code)
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
    case VB_SCOPE_SEGMENT:
    default: return "segment";
    }
}

static void
compile_rules (Load *ld, GKeyFile *kf, const char *group, VbCode *code)
{
  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);
  for (guint i = 0; keys && keys[i]; i++)
    {
      if (strcmp (keys[i], "rule") != 0 && !g_str_has_prefix (keys[i], "rule."))
        continue;
      /* Rules are taken as written, without key-file escapes, so that a
       * regex reads as it would anywhere else: /\bfoo\b/. */
      g_autofree char *expr = g_key_file_get_value (kf, group, keys[i], NULL);
      g_autoptr (GError) err = NULL;
      const Where *w = where (ld, group, keys[i]);
      g_strstrip (expr);
      VbRule *rule = vb_rule_compile (expr, &err);
      if (rule == NULL)
        {
          /* Rule errors say "column N: …" within the expression; turn
           * that into a column of the file line. */
          guint col = 0;
          const char *msg = err->message;
          if (g_str_has_prefix (msg, "column "))
            {
              char *end = NULL;
              col = (guint) g_ascii_strtoull (msg + 7, &end, 10);
              if (end && g_str_has_prefix (end, ": "))
                msg = end + 2;
              else
                col = 0;
            }
          problem (ld, w ? w->line : 0, w && col ? w->value_col + col - 1 : 0,
                   "%s of [%s]: %s", keys[i], group, msg);
          continue;
        }
      VbCodeRule *r = g_new0 (VbCodeRule, 1);
      r->name = g_strdup (keys[i]);
      r->expr = g_steal_pointer (&expr);
      r->compiled = rule;
      g_ptr_array_add (code->rules, r);
    }
}

static VbCode *
read_code (Load *ld, GKeyFile *kf, VbCodebook *cb, const char *group, VbCodeKind kind,
           const char *id)
{
  guint gline = line_of (ld, group, NULL);
  if (!valid_id (id))
    {
      problem (ld, gline, 0, "[%s]: code id '%s' may hold only letters, digits, '-', '_' and '.'",
               group, id);
      return NULL;
    }
  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);
  const char *const *allowed = kind == VB_CODE_PRINCIPLE ? principle_keys : theme_keys;
  for (guint i = 0; keys && keys[i]; i++)
    if (!key_allowed (allowed, keys[i]))
      problem (ld, line_of (ld, group, keys[i]), 0, "[%s]: unknown key '%s'", group, keys[i]);

  VbCode *code = g_new0 (VbCode, 1);
  code->id = g_strdup (id);
  code->kind = kind;
  code->origin = g_strdup (cb->id);
  code->rules = g_ptr_array_new_with_free_func (code_rule_free);
  code->label = get_string (kf, group, "label");
  if (code->label == NULL || *code->label == '\0')
    problem (ld, gline, 0, "[%s]: 'label' is required", group);
  code->description = get_string (kf, group, kind == VB_CODE_THEME ? "definition" : "description");
  if (code->description == NULL && kind == VB_CODE_THEME)
    code->description = get_string (kf, group, "description");
  code->include = get_string (kf, group, "include");
  code->exclude = get_string (kf, group, "exclude");
  code->examples = get_list (kf, group, "examples");
  code->principles = get_list (kf, group, "principles");
  code->parent = get_string (kf, group, "parent");
  code->colour = get_string (kf, group, "colour");
  if (code->colour == NULL)
    code->colour = get_string (kf, group, "color");
  if (code->colour && !(code->colour[0] == '#' && strlen (code->colour) == 7
                        && strspn (code->colour + 1, "0123456789abcdefABCDEF") == 6))
    problem (ld, line_of (ld, group, g_key_file_has_key (kf, group, "colour", NULL) ? "colour" : "color"),
             0, "[%s]: colour '%s' is not #rrggbb", group,
             code->colour);
  g_autofree char *scope = get_string (kf, group, "scope");
  if (!parse_scope (scope, &code->scope))
    problem (ld, line_of (ld, group, "scope"), 0,
             "[%s]: scope '%s' is not sentence, segment or document", group, scope);
  compile_rules (ld, kf, group, code);
  return code;
}

/* Links and parents are checked once every code is known, imported ones too. */
static void
check_links (Load *ld, VbCodebook *cb, guint first_own)
{
  for (guint i = first_own; i < cb->codes->len; i++)
    {
      VbCode *code = cb->codes->pdata[i];
      g_autofree char *group = g_strdup_printf ("%s:%s",
                                                code->kind == VB_CODE_THEME ? "theme" : "principle",
                                                code->id);
      if (code->parent)
        {
          VbCode *parent = g_hash_table_lookup (cb->by_id, code->parent);
          guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (cb->index, code->parent));
          if (parent == NULL || parent->kind != VB_CODE_THEME)
            problem (ld, line_of (ld, group, "parent"), 0, "[%s]: parent '%s' is not a theme",
                     group, code->parent);
          else if (pos > i)
            problem (ld, line_of (ld, group, "parent"), 0,
                     "[%s]: parent '%s' must come before its sub-themes", group, code->parent);
          else
            code->depth = parent->depth + 1;
        }
      for (guint k = 0; code->principles && code->principles[k]; k++)
        {
          VbCode *p = g_hash_table_lookup (cb->by_id, code->principles[k]);
          if (p == NULL || p->kind != VB_CODE_PRINCIPLE)
            problem (ld, line_of (ld, group, "principles"), 0,
                     "[%s]: linked principle '%s' is not a principle (%s)", group,
                     code->principles[k], p ? "it is a theme" : "define it or import its codebook");
        }
    }
}

char *
vb_codebook_resolve (const char *name, const char *relative_to, GError **error)
{
  g_autoptr (GPtrArray) tried = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = relative_to ? g_path_get_dirname (relative_to) : NULL;
  g_autofree char *bundled = vb_datadir_codebooks ();
  const char *bases[] = { dir, NULL, bundled };
  for (guint b = 0; b < G_N_ELEMENTS (bases); b++)
    {
      if (b != 1 && bases[b] == NULL)
        continue;
      /* A bare name is looked up in the bundled directory; a path as given. */
      if (b == 2 && strchr (name, '/'))
        continue;
      if (b == 1 && relative_to)
        continue;
      for (guint ext = 0; ext < 2; ext++)
        {
          g_autofree char *file = g_strconcat (name, ext ? ".codebook" : "", NULL);
          char *cand = bases[b] && !g_path_is_absolute (file) ? g_build_filename (bases[b], file, NULL)
                                                              : g_strdup (file);
          if (g_file_test (cand, G_FILE_TEST_IS_REGULAR))
            return cand;
          g_ptr_array_add (tried, cand);
        }
    }
  g_ptr_array_add (tried, NULL);
  g_autofree char *list = g_strjoinv (", ", (char **) tried->pdata);
  g_set_error (error, VB_ERROR, VB_ERROR_IO, "codebook '%s' not found (looked for %s)", name, list);
  return NULL;
}


static void
where_free (gpointer p)
{
  g_free (p);
}

static VbCodebook *
load_file (const char *path, GPtrArray *problems, GHashTable *loading, GError **error)
{
  const char *dict_format = vb_dict_format_for_path (path);
  if (dict_format != NULL)
    return vb_dict_load (path, dict_format, problems, error);
  g_autoptr (GError) lerr = NULL;
  g_autoptr (VbSource) src = vb_source_load (path, &lerr);
  if (src == NULL)
    {
      /* 'codebook check' prints the problems list: an import that cannot be
       * read belongs in it like any other problem. */
      if (problems != NULL)
        g_ptr_array_add (problems, g_strdup (lerr->message));
      g_propagate_error (error, g_steal_pointer (&lerr));
      return NULL;
    }
  Load ld = { path, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, where_free),
              g_ptr_array_new_with_free_func (g_free), problems, NULL };
  g_autoptr (VbCodebook) cb = codebook_new (path);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) kerr = NULL;
  g_auto (GStrv) mkeys = NULL;
  g_auto (GStrv) imports = NULL;
  guint first_own = 0;

  if (!scan_lines (&ld, src))
    goto out;
  if (!g_key_file_load_from_data (kf, src->data, src->len, G_KEY_FILE_NONE, &kerr))
    {
      problem (&ld, 0, 0, "%s", kerr->message);
      goto out;
    }
  if (!g_key_file_has_group (kf, "codebook"))
    {
      problem (&ld, 1, 0, "a [codebook] group with 'id' and 'title' is required");
      goto out;
    }
  mkeys = g_key_file_get_keys (kf, "codebook", NULL, NULL);
  for (guint i = 0; mkeys && mkeys[i]; i++)
    {
      if (!key_allowed (meta_keys, mkeys[i]))
        problem (&ld, line_of (&ld, "codebook", mkeys[i]), 0, "[codebook]: unknown key '%s'",
                 mkeys[i]);
      g_hash_table_insert (cb->meta, g_strdup (mkeys[i]), get_string (kf, "codebook", mkeys[i]));
    }
  cb->id = get_string (kf, "codebook", "id");
  cb->title = get_string (kf, "codebook", "title");
  if (cb->id == NULL || !valid_id (cb->id))
    problem (&ld, line_of (&ld, "codebook", "id"), 0,
             "[codebook]: 'id' is required and may hold only letters, digits, '-', '_' and '.'");
  if (cb->title == NULL)
    problem (&ld, line_of (&ld, "codebook", NULL), 0, "[codebook]: 'title' is required");
  if (cb->id == NULL)
    cb->id = g_strdup ("");

  /* Imported codebooks' codes come first: they are the framework. */
  imports = get_list (kf, "codebook", "import");
  for (guint i = 0; imports && imports[i]; i++)
    {
      guint iline = line_of (&ld, "codebook", "import");
      g_autoptr (GError) ierr = NULL;
      g_autofree char *ipath = vb_codebook_resolve (imports[i], path, &ierr);
      if (ipath == NULL)
        {
          problem (&ld, iline, 0, "import: %s", ierr->message);
          continue;
        }
      g_autofree char *real = g_canonicalize_filename (ipath, NULL);
      if (g_hash_table_contains (loading, real))
        {
          problem (&ld, iline, 0, "import: '%s' imports itself (directly or through others)",
                   imports[i]);
          continue;
        }
      g_hash_table_add (loading, g_strdup (real));
      g_autoptr (VbCodebook) sub = load_file (ipath, problems, loading, &ierr);
      g_hash_table_remove (loading, real);
      if (sub == NULL)
        {
          if (ld.first == NULL)
            ld.first = g_error_copy (ierr);
          continue;
        }
      g_autoptr (GError) merr = NULL;
      if (!vb_codebook_merge (cb, sub, &merr))
        problem (&ld, iline, 0, "import: %s", merr->message);
    }
  first_own = cb->codes->len;

  for (guint i = 0; i < ld.groups->len; i++)
    {
      const char *group = ld.groups->pdata[i];
      VbCodeKind kind;
      const char *id;
      if (strcmp (group, "codebook") == 0)
        continue;
      if (g_str_has_prefix (group, "principle:"))
        kind = VB_CODE_PRINCIPLE, id = group + strlen ("principle:");
      else if (g_str_has_prefix (group, "theme:"))
        kind = VB_CODE_THEME, id = group + strlen ("theme:");
      else
        {
          problem (&ld, line_of (&ld, group, NULL), 0,
                   "unknown group [%s] (expected [codebook], [principle:ID] or [theme:ID])", group);
          continue;
        }
      if (g_hash_table_contains (cb->by_id, id))
        {
          VbCode *prev = g_hash_table_lookup (cb->by_id, id);
          problem (&ld, line_of (&ld, group, NULL), 0, "code '%s' is already defined%s%s", id,
                   strcmp (prev->origin, cb->id) ? " by imported codebook " : "",
                   strcmp (prev->origin, cb->id) ? prev->origin : "");
          continue;
        }
      VbCode *code = read_code (&ld, kf, cb, group, kind, id);
      if (code)
        add_code (cb, code);
    }
  check_links (&ld, cb, first_own);

out:
  g_hash_table_unref (ld.where);
  g_ptr_array_unref (ld.groups);
  if (ld.first)
    {
      g_propagate_error (error, ld.first);
      return NULL;
    }
  return g_steal_pointer (&cb);
}

VbCodebook *
vb_codebook_load (const char *name_or_path, GPtrArray *problems, GError **error)
{
  const char *file = NULL;
  const char *forced = vb_dict_format_prefix (name_or_path, &file);
  if (forced != NULL && g_file_test (file, G_FILE_TEST_IS_REGULAR))
    return vb_dict_load (file, forced, problems, error);
  g_autofree char *path = vb_codebook_resolve (name_or_path, NULL, error);
  if (path == NULL)
    return NULL;
  /* Other formats, by file name ending. */
  if (g_str_has_suffix (path, ".qdc") || g_str_has_suffix (path, ".QDC"))
    return vb_codebook_load_qdc (path, error);
  g_autoptr (GHashTable) loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (loading, g_canonicalize_filename (path, NULL));
  return load_file (path, problems, loading, error);
}

VbCodebook *
vb_codebook_new (const char *id, const char *title)
{
  VbCodebook *cb = codebook_new ("");
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
  code->rules = g_ptr_array_new_with_free_func (code_rule_free);
  const VbCode *p = code->parent ? vb_codebook_lookup (cb, code->parent) : NULL;
  code->depth = p ? p->depth + 1 : 0;
  add_code (cb, code);
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
  n->principles = g_strdupv (c->principles);
  n->parent = g_strdup (c->parent);
  n->colour = g_strdup (c->colour);
  n->scope = c->scope;
  n->origin = g_strdup (c->origin);
  n->depth = c->depth;
  n->rules = g_ptr_array_new_with_free_func (code_rule_free);
  for (guint i = 0; i < c->rules->len; i++)
    {
      const VbCodeRule *r = c->rules->pdata[i];
      VbCodeRule *nr = g_new0 (VbCodeRule, 1);
      nr->name = g_strdup (r->name);
      nr->expr = g_strdup (r->expr);
      /* Recompiling a rule that compiled before cannot fail. */
      nr->compiled = vb_rule_compile (r->expr, NULL);
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
      add_code (cb, code_copy (c));
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
  code->rules = g_ptr_array_new_with_free_func (code_rule_free);
  add_code (cb, code);
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
