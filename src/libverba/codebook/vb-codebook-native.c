#include "codebook/vb-codebook-forms.h"
#include "codebook/vb-codebook-private.h"
#include "base/vb-datadir.h"
#include "base/vb-error.h"
#include "base/vb-keyfile.h"
#include "base/vb-lines.h"

#include <string.h>

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
  gboolean    seen_codebook; /* a [codebook] header has been read */
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

/* A code's rules are read as written (regexes), any other value unescaped:
 * a rule key in [codebook] is metadata like any other there. */
static const VbKeyfileRaw rule_keys[] = {
  { "principle:", "rule" }, { "principle:", "rule." },
  { "theme:", "rule" },     { "theme:", "rule." },
  { NULL, NULL },
};

/* GKeyFile does the parsing; this scan only learns where things are and
 * names the line of anything GKeyFile would refuse without saying where. */
static gboolean
scan_lines (Load *ld, const VbSource *src)
{
  VbLineIter it;
  VbLine line;
  g_autofree char *group = NULL;
  gboolean ok = TRUE;
  guint crl, crc;
  /* GKeyFile ends lines at line feeds only: the lines read below would not
   * be the ones it parses (base/vb-keyfile.c). */
  if (vb_keyfile_lone_cr (src->data, src->len, &crl, &crc))
    {
      problem (ld, crl, crc, "a carriage return without a line feed after it (end lines with a line feed)");
      return FALSE;
    }
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
          if (strcmp (group, "codebook") == 0)
            ld->seen_codebook = TRUE;
          if (g_hash_table_contains (ld->where, group))
            {
              problem (ld, line.number, 0, "[%s] appears twice (first at line %u)",
                       ld->seen_codebook ? group : "…",
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
          /* An import may name any file the user can read: until it has
           * shown a [codebook] header, a line is not quoted (pointed at a
           * credentials file, this printed a password). */
          if (ld->seen_codebook)
            problem (ld, line.number, 0,
                     "expected 'key = value', a [group] or a # comment, found '%s'", s);
          else
            problem (ld, line.number, 0,
                     "expected 'key = value', a [group] or a # comment (is this a codebook?)");
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
      /* GKeyFile reads a bad escape in some calls as it stands and fails
       * others (warning over a GError it set twice): refused here, where
       * the line is known.  Rules are taken as written (regexes). */
      if (!vb_keyfile_is_raw (rule_keys, group, key, strlen (key)))
        {
          const char *end = line.text + line.len;
          while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
          const char *bad = vb_keyfile_bad_escape (v, end);
          if (bad)
            {
              guint col = (guint) g_utf8_strlen (line.text, bad - line.text) + 1;
              if (bad + 1 == end)
                problem (ld, line.number, col,
                         "a '\\' ends the value of '%s' (write \\\\ for a backslash)", key);
              else
                problem (ld, line.number, col,
                         "invalid escape '\\%c' in the value of '%s' (escapes are \\s \\n \\t \\r \\\\ \\;)",
                         g_ascii_isprint (bad[1]) ? bad[1] : '?', key);
              ok = FALSE;
              continue;
            }
        }
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

static const char *const principle_keys[] = {
  "label", "description", "rule", "scope", "colour", "color", "examples", "counter-examples",
  NULL,
};
static const char *const theme_keys[] = {
  "label", "definition", "description", "include", "exclude", "examples", "counter-examples",
  "principles",
  "parent", "colour", "color", "rule", "scope", NULL,
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
      r->line = w ? w->line : 0;
      r->col = w ? w->value_col : 0;
      g_ptr_array_add (code->rules, r);
    }
}

static VbCode *
read_code (Load *ld, GKeyFile *kf, VbCodebook *cb, const char *group, VbCodeKind kind,
           const char *id)
{
  guint gline = line_of (ld, group, NULL);
  if (!vb_code_id_is_valid (id))
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
  code->rules = g_ptr_array_new_with_free_func (vb_code_rule_free);
  code->label = get_string (kf, group, "label");
  if (code->label == NULL || *code->label == '\0')
    problem (ld, gline, 0, "[%s]: 'label' is required", group);
  code->description = vb_keyfile_text (get_string (kf, group, kind == VB_CODE_THEME
                                                               ? "definition" : "description"));
  if (code->description == NULL && kind == VB_CODE_THEME)
    code->description = vb_keyfile_text (get_string (kf, group, "description"));
  code->include = vb_keyfile_text (get_string (kf, group, "include"));
  code->exclude = vb_keyfile_text (get_string (kf, group, "exclude"));
  code->examples = vb_keyfile_get_list (kf, group, "examples");
  code->counter_examples = vb_keyfile_get_list (kf, group, "counter-examples");
  if (code->examples)
    code->examples_line = line_of (ld, group, "examples");
  if (code->counter_examples)
    code->counter_examples_line = line_of (ld, group, "counter-examples");
  code->principles = vb_keyfile_get_list (kf, group, "principles");
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
  if (!vb_scope_from_string (scope, &code->scope))
    problem (ld, line_of (ld, group, "scope"), 0,
             "[%s]: scope '%s' is not clause, sentence, segment or document", group, scope);
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
            {
              code->depth = parent->depth + 1;
              /* Once a chain, not once a code below the limit. */
              if (code->depth == VB_CODE_MAX_DEPTH + 1)
                problem (ld, line_of (ld, group, "parent"), 0,
                         "[%s]: themes nest more than %u levels deep (VB_CODE_MAX_DEPTH; see SECURITY.md)",
                         group, VB_CODE_MAX_DEPTH);
            }
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

VbCodebook *
vb_codebook_read_native (const char *path, GPtrArray *problems, GHashTable *loading,
                         VbCodebookReadFunc read_import, GError **error)
{
  /* 'codebook check' prints the problems list: an import that cannot be
   * read belongs in it like any other problem. */
  g_autoptr (VbSource) src = vb_source_load_listed (path, problems, error);
  if (src == NULL)
    return NULL;
  Load ld = { path, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, where_free),
              g_ptr_array_new_with_free_func (g_free), problems, NULL, FALSE };
  g_autoptr (VbCodebook) cb = vb_codebook_new_at (path);
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) kerr = NULL;
  g_auto (GStrv) mkeys = NULL;
  g_auto (GStrv) imports = NULL;
  g_autoptr (GHashTable) imported = NULL; /* canonical paths read */
  g_autoptr (GHashTable) named = NULL;    /* names as given */
  guint first_own = 0;

  if (!scan_lines (&ld, src))
    goto out;
  if (!g_key_file_load_from_data (kf, src->data, src->len, G_KEY_FILE_NONE, &kerr))
    {
      problem (&ld, 0, 0, "%s", kerr->message);
      goto out;
    }
  {
    g_autofree char *bgroup = NULL, *bkey = NULL, *what = NULL;
    if (vb_keyfile_bad_value (kf, rule_keys, &bgroup, &bkey, &what))
      {
        problem (&ld, line_of (&ld, bgroup, bkey), 0, "[%s] %s: %s", bgroup, bkey, what);
        goto out;
      }
  }
  if (!g_key_file_has_group (kf, "codebook"))
    {
      problem (&ld, 1, 0, "a [codebook] group with 'id' and 'title' is required");
      goto out;
    }
  mkeys = g_key_file_get_keys (kf, "codebook", NULL, NULL);
  for (guint i = 0; mkeys && mkeys[i]; i++)
    {
      if (!key_allowed (vb_codebook_meta_keys (), mkeys[i]))
        problem (&ld, line_of (&ld, "codebook", mkeys[i]), 0, "[codebook]: unknown key '%s'",
                 mkeys[i]);
      g_hash_table_insert (cb->meta, g_strdup (mkeys[i]), get_string (kf, "codebook", mkeys[i]));
    }
  cb->id = get_string (kf, "codebook", "id");
  cb->title = get_string (kf, "codebook", "title");
  if (cb->id == NULL || !vb_code_id_is_valid (cb->id))
    problem (&ld, line_of (&ld, "codebook", "id"), 0,
             "[codebook]: 'id' is required and may hold only letters, digits, '-', '_' and '.'");
  if (cb->title == NULL)
    problem (&ld, line_of (&ld, "codebook", NULL), 0, "[codebook]: 'title' is required");
  if (cb->id == NULL)
    cb->id = g_strdup ("");

  /* Imported codebooks' codes come first: they are the framework. */
  imports = vb_keyfile_get_list (kf, "codebook", "import");
  /* Each file is read once however often the list names it (a line of
   * 60,000 names took minutes, one read and merge each). */
  imported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  named = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; imports && imports[i]; i++)
    {
      guint iline = line_of (&ld, "codebook", "import");
      if (!g_hash_table_add (named, imports[i]))
        continue;
      g_autoptr (GError) ierr = NULL;
      g_autofree char *ipath = vb_codebook_resolve (imports[i], path, &ierr);
      if (ipath == NULL)
        {
          problem (&ld, iline, 0, "import: %s", ierr->message);
          continue;
        }
      g_autofree char *real = g_canonicalize_filename (ipath, NULL);
      if (g_hash_table_contains (imported, real))
        continue;
      g_hash_table_add (imported, g_strdup (real));
      if (g_hash_table_contains (loading, real))
        {
          problem (&ld, iline, 0, "import: '%s' imports itself (directly or through others)",
                   imports[i]);
          continue;
        }
      g_hash_table_add (loading, g_strdup (real));
      g_autoptr (VbCodebook) sub = read_import (ipath, problems, loading, &ierr);
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
        vb_codebook_append_code (cb, code);
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
