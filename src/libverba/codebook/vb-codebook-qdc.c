/* vb-codebook-qdc.c: codebooks as REFI-QDA QDA-XML (the .qdc codebook and
 * the CodeBook of a .qdpx project), and verba's own key-file format out.
 *
 * The QDA-XML schema has no place for verba's own fields and no extension
 * point, so they travel in text other programs show but do not interpret:
 *
 *  - A code's <Description> holds its description (a theme's definition),
 *    then, after a line "[verba]", a key-file group with the code's id,
 *    kind, include, exclude, examples, counter-examples, principles, scope,
 *    rules and, for a
 *    code an imported codebook defines, origin.  The code's label is its
 *    name attribute and its colour the color attribute.
 *  - A <Set> named after the codebook and holding every code carries the
 *    [codebook] keys (id, title, version, import, …) in its Description
 *    after a line "[verba-codebook]".
 *
 * Reading takes a code's label from its name (so renaming it in another
 * program is kept) and everything else from the block.  A code without a
 * block (written by another program) becomes a theme whose id is made
 * from its name, its parent the code it is nested in (none when that is a
 * principle: verba's principles have no sub-codes). */
#include "codebook/vb-codebook-forms.h"
#include "codebook/vb-codebook-private.h"
#include "base/vb-error.h"
#include "base/vb-keyfile.h"
#include "codebook/vb-refi.h"
#include "base/vb-uuid.h"
#include "base/vb-xml.h"

#include <string.h>

#define CODE_MARK "[verba]"
#define BOOK_MARK "[verba-codebook]"

char *
vb_refi_slug (const char *name)
{
  GString *out = g_string_new (NULL);
  gboolean sep = FALSE;
  for (const char *p = name; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c < 128 && (g_ascii_isalnum ((char) c) || c == '_' || c == '.'))
        {
          if (sep && out->len > 0)
            g_string_append_c (out, '-');
          sep = FALSE;
          g_string_append_c (out, g_ascii_tolower ((char) c));
        }
      else
        sep = TRUE;
    }
  if (out->len == 0)
    g_string_append (out, "code");
  return g_string_free (out, FALSE);
}

/* ---- writing ---- */

static void
set_opt (GKeyFile *kf, const char *group, const char *key, const char *value)
{
  if (value && *value)
    g_key_file_set_string (kf, group, key, value);
}

static void
set_list (GKeyFile *kf, const char *group, const char *key, GStrv v)
{
  if (v && v[0])
    g_key_file_set_string_list (kf, group, key, (const char *const *) v, g_strv_length (v));
}

static void
set_rules (GKeyFile *kf, const char *group, const VbCode *c)
{
  /* Rules are read without key-file escapes, so they are written so. */
  for (guint r = 0; r < c->rules->len; r++)
    {
      const VbCodeRule *rule = c->rules->pdata[r];
      g_key_file_set_value (kf, group, rule->name, rule->expr);
    }
}

static char *
code_description (const VbCodebook *cb, const VbCode *c)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_key_file_set_string (kf, "verba", "id", c->id);
  g_key_file_set_string (kf, "verba", "kind", c->kind == VB_CODE_PRINCIPLE ? "principle" : "theme");
  if (c->origin && strcmp (c->origin, vb_codebook_id (cb)) != 0)
    g_key_file_set_string (kf, "verba", "origin", c->origin);
  set_opt (kf, "verba", "include", c->include);
  set_opt (kf, "verba", "exclude", c->exclude);
  set_list (kf, "verba", "examples", c->examples);
  set_list (kf, "verba", "counter-examples", c->counter_examples);
  set_list (kf, "verba", "principles", c->principles);
  if (c->scope != VB_SCOPE_SEGMENT)
    g_key_file_set_string (kf, "verba", "scope", vb_scope_to_string (c->scope));
  set_rules (kf, "verba", c);
  g_autofree char *block = g_key_file_to_data (kf, NULL, NULL);
  return g_strconcat (c->description ? c->description : "", c->description ? "\n\n" : "",
                      block, NULL);
}

static void
write_code (VbXmlOut *o, const VbCodebook *cb, const VbCode *c)
{
  g_autofree char *guid = vb_uuid_for ("code", c->id);
  g_autofree char *desc = code_description (cb, c);
  vb_xml_out_start (o, "Code");
  vb_xml_out_attr (o, "guid", guid);
  vb_xml_out_attr (o, "name", c->label);
  vb_xml_out_attr (o, "isCodable", "true");
  vb_xml_out_attr (o, "color", c->colour);
  vb_xml_out_text_element (o, "Description", desc);
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *sub = vb_codebook_code (cb, i);
      if (sub->parent && strcmp (sub->parent, c->id) == 0)
        write_code (o, cb, sub);
    }
  vb_xml_out_end (o);
}

void
vb_refi_write_codes (VbXmlOut *o, const VbCodebook *cb)
{
  vb_xml_out_start (o, "Codes");
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *c = vb_codebook_code (cb, i);
      if (c->parent == NULL || vb_codebook_lookup (cb, c->parent) == NULL)
        write_code (o, cb, c);
    }
  vb_xml_out_end (o);
}

static void
meta_block (const VbCodebook *cb, GKeyFile *kf, const char *group)
{
  const char *const *keys = vb_codebook_meta_keys ();
  for (guint i = 0; keys[i]; i++)
    {
      const char *v = vb_codebook_get_meta (cb, keys[i]);
      if (strcmp (keys[i], "id") == 0)
        v = vb_codebook_id (cb);
      else if (strcmp (keys[i], "title") == 0)
        v = vb_codebook_title (cb);
      set_opt (kf, group, keys[i], v);
    }
}

void
vb_refi_write_sets (VbXmlOut *o, const VbCodebook *cb, gboolean project)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  meta_block (cb, kf, "verba-codebook");
  g_autofree char *block = g_key_file_to_data (kf, NULL, NULL);
  g_autofree char *guid = vb_uuid_for ("codebook", vb_codebook_id (cb));
  const char *title = vb_codebook_title (cb);
  const char *desc = vb_codebook_get_meta (cb, "description");
  g_autofree char *text = g_strconcat (desc ? desc : "", desc ? "\n\n" : "", block, NULL);
  vb_xml_out_start (o, "Sets");
  vb_xml_out_start (o, "Set");
  vb_xml_out_attr (o, "guid", guid);
  vb_xml_out_attr (o, "name", title && *title ? title : vb_codebook_id (cb));
  vb_xml_out_text_element (o, "Description", text);
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      g_autofree char *cg = vb_uuid_for ("code", vb_codebook_code (cb, i)->id);
      vb_xml_out_start (o, "MemberCode");
      vb_xml_out_attr (o, project ? "targetGUID" : "guid", cg);
      vb_xml_out_end (o);
    }
  vb_xml_out_end (o);
  vb_xml_out_end (o);
}

void
vb_codebook_write_qdc (const VbCodebook *cb, GString *out)
{
  VbXmlOut *o = vb_xml_out_new ();
  vb_xml_out_start (o, "CodeBook");
  vb_xml_out_attr (o, "xmlns", VB_QDC_NS);
  vb_xml_out_attr (o, "origin", "verba");
  vb_refi_write_codes (o, cb);
  vb_refi_write_sets (o, cb, FALSE);
  vb_xml_out_end (o);
  g_autoptr (GString) s = vb_xml_out_finish (o);
  g_string_append_len (out, s->str, s->len);
}

void
vb_codebook_write_native (const VbCodebook *cb, GString *out)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  meta_block (cb, kf, "codebook");
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *c = vb_codebook_code (cb, i);
      if (g_strcmp0 (c->origin, vb_codebook_id (cb)) != 0)
        continue;  /* comes with its import line */
      gboolean theme = c->kind == VB_CODE_THEME;
      g_autofree char *group = g_strconcat (theme ? "theme:" : "principle:", c->id, NULL);
      g_key_file_set_string (kf, group, "label", c->label);
      set_opt (kf, group, theme ? "definition" : "description", c->description);
      set_opt (kf, group, "include", c->include);
      set_opt (kf, group, "exclude", c->exclude);
      set_list (kf, group, "examples", c->examples);
      set_list (kf, group, "counter-examples", c->counter_examples);
      set_list (kf, group, "principles", c->principles);
      set_opt (kf, group, "parent", c->parent);
      set_opt (kf, group, "colour", c->colour);
      if (c->scope != VB_SCOPE_SEGMENT)
        g_key_file_set_string (kf, group, "scope", vb_scope_to_string (c->scope));
      set_rules (kf, group, c);
    }
  g_autofree char *data = g_key_file_to_data (kf, NULL, NULL);
  g_string_append (out, data);
}

/* ---- reading ---- */

/* Splits a Description into its text and the key file after mark. */
static GKeyFile *
split_block (const char *desc, const char *mark, char **text)
{
  *text = NULL;
  if (desc == NULL)
    return NULL;
  /* The last mark line: the block is written after the text, and the
   * text itself may hold a line that reads like the mark. */
  const char *at = NULL;
  gsize ml = strlen (mark);
  g_autofree char *needle = g_strconcat ("\n", mark, "\n", NULL);
  const char *p = g_strrstr (desc, needle);
  if (p)
    at = p + 1;
  else if (strncmp (desc, mark, ml) == 0 && (desc[ml] == '\n' || desc[ml] == '\0'))
    at = desc;
  if (at == NULL)
    {
      *text = g_strstrip (g_strdup (desc));
      return NULL;
    }
  static const VbKeyfileRaw raw[] = { { "verba", "rule" }, { "verba", "rule." }, { NULL, NULL } };
  GKeyFile *kf = g_key_file_new ();
  if (!vb_keyfile_load (kf, "", at, strlen (at), raw, NULL))
    {
      g_key_file_free (kf);
      *text = g_strstrip (g_strdup (desc));
      return NULL;
    }
  *text = g_strstrip (g_strndup (desc, at - desc));
  return kf;
}

static char *
kf_string (GKeyFile *kf, const char *group, const char *key)
{
  char *v = g_key_file_get_string (kf, group, key, NULL);
  return v ? g_strstrip (v) : NULL;
}

typedef struct {
  const char *name;
  VbCodebook *cb;
  GHashTable *guid_to_id;
  GHashTable *taken;  /* ids in use, with those in blocks reserved first */
  GHashTable *next;   /* slug -> the last suffix fresh_id gave it (1: none) */
  GHashTable *guids;  /* guid (lower case) -> id of the code that has it */
} Reader;

static char *
colour_of (const char *color)
{
  if (color == NULL || color[0] != '#')
    return NULL;
  /* Only what a codebook accepts (#rgb or #rrggbb); anything else is
   * dropped, as a colour is only for display. */
  for (const char *p = color + 1; *p; p++)
    if (!g_ascii_isxdigit (*p))
      return NULL;
  gsize n = strlen (color + 1);
  if (n == 6)
    return g_strdup (color);
  if (n == 3)
    return g_strdup_printf ("#%c%c%c%c%c%c", color[1], color[1], color[2], color[2], color[3],
                            color[3]);
  return NULL;
}

static char *
fresh_id (Reader *rd, const char *name)
{
  g_autofree char *base = vb_refi_slug (name);
  /* From the suffix after the last one this base got (those before are
   * still taken): 40,000 codes of one name would otherwise try 800
   * million ids. */
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (rd->next, base)) + 1;
  char *id = NULL;
  for (;; n++)
    {
      g_free (id);
      id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      if (!g_hash_table_contains (rd->taken, id))
        break;
    }
  g_hash_table_insert (rd->next, g_strdup (base), GUINT_TO_POINTER (n));
  g_hash_table_add (rd->taken, g_strdup (id));
  return id;
}

static gboolean
read_code (Reader *rd, xmlNode *node, const char *parent, GError **error)
{
  g_autofree char *guid = vb_xml_attr (node, "guid");
  g_autofree char *name = vb_xml_attr (node, "name");
  g_autofree char *color = vb_xml_attr (node, "color");
  /* verba's own format keeps no space around a label, so neither does a
   * label read here: otherwise .qdc -> native -> read would change it. */
  if (name != NULL)
    g_strstrip (name);
  xmlNode *dn = vb_xml_child (node, "Description");
  g_autofree char *desc = dn ? vb_xml_text (dn) : NULL;
  g_autofree char *text = NULL;
  g_autoptr (GKeyFile) kf = split_block (desc, CODE_MARK, &text);
  g_autofree char *id = kf ? kf_string (kf, "verba", "id") : NULL;
  if (id == NULL)
    id = fresh_id (rd, name ? name : "code");
  g_autofree char *kind = kf ? kf_string (kf, "verba", "kind") : NULL;
  g_autofree char *origin = kf ? kf_string (kf, "verba", "origin") : NULL;
  VbCodeKind k = g_strcmp0 (kind, "principle") == 0 ? VB_CODE_PRINCIPLE : VB_CODE_THEME;
  g_autoptr (GError) err = NULL;
  VbCode *code = vb_codebook_add_code (rd->cb, id, k, name, origin, &err);
  if (code == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK, "%s:%ld: %s", rd->name,
                   xmlGetLineNo (node), err->message);
      return FALSE;
    }
  if (text && *text)
    code->description = g_steal_pointer (&text);
  code->colour = colour_of (color);
  /* verba nests themes in themes only; a code put under a principle in
   * another program stays at the top. */
  const VbCode *pc = parent ? vb_codebook_lookup (rd->cb, parent) : NULL;
  if (k == VB_CODE_THEME && pc && pc->kind == VB_CODE_THEME)
    code->parent = g_strdup (parent);
  if (guid)
    {
      /* Codings name codes by GUID: two codes with one would pool their
       * codings in whichever came last. */
      g_autofree char *key = g_ascii_strdown (guid, -1);
      const char *other = g_hash_table_lookup (rd->guids, key);
      if (other != NULL)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                       "%s:%ld: codes '%s' and '%s' have the same guid '%s'", rd->name,
                       xmlGetLineNo (node), other, id, guid);
          return FALSE;
        }
      g_hash_table_insert (rd->guids, g_strdup (key), g_strdup (id));
      if (rd->guid_to_id)
        g_hash_table_insert (rd->guid_to_id, g_steal_pointer (&key), g_strdup (id));
    }
  if (kf)
    {
      /* A principle has none of a theme's keys (verba-codebook(5)): one
       * given would be written to a native codebook that refuses it. */
      static const char *const theme_only[] = { "include", "exclude", "principles", NULL };
      for (guint i = 0; k == VB_CODE_PRINCIPLE && theme_only[i]; i++)
        if (g_key_file_has_key (kf, "verba", theme_only[i], NULL))
          {
            g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                         "%s:%ld: principle '%s': '%s' is only for themes", rd->name,
                         xmlGetLineNo (node), id, theme_only[i]);
            return FALSE;
          }
      code->include = vb_keyfile_text (kf_string (kf, "verba", "include"));
      code->exclude = vb_keyfile_text (kf_string (kf, "verba", "exclude"));
      code->examples = vb_keyfile_get_list (kf, "verba", "examples");
      code->counter_examples = vb_keyfile_get_list (kf, "verba", "counter-examples");
      code->principles = vb_keyfile_get_list (kf, "verba", "principles");
      g_autofree char *scope = kf_string (kf, "verba", "scope");
      if (scope && !vb_scope_from_string (scope, &code->scope))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                       "%s:%ld: code '%s': scope '%s' is not clause, sentence, segment or document",
                       rd->name, xmlGetLineNo (node), id, scope);
          return FALSE;
        }
      g_auto (GStrv) keys = g_key_file_get_keys (kf, "verba", NULL, NULL);
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; keys && keys[i]; i++)
        {
          /* GKeyFile lists a repeated key twice but keeps one value: two
           * rules here would be one once written out (fuzz-qdc). */
          if (!g_hash_table_add (seen, keys[i]))
            {
              g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                           "%s:%ld: code '%s': key '%s' given twice in its [verba] block",
                           rd->name, xmlGetLineNo (node), id, keys[i]);
              return FALSE;
            }
          if (strcmp (keys[i], "rule") != 0 && !g_str_has_prefix (keys[i], "rule."))
            continue;
          /* As in verba's own format, where "rule." is no rule's key. */
          if (strcmp (keys[i], "rule.") == 0)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                           "%s:%ld: code '%s': 'rule.' needs a name after the dot", rd->name,
                           xmlGetLineNo (node), id);
              return FALSE;
            }
          g_autofree char *expr = g_key_file_get_value (kf, "verba", keys[i], NULL);
          if (!vb_code_add_rule (code, keys[i], g_strstrip (expr), &err))
            {
              g_set_error (error, VB_ERROR, VB_ERROR_RULE, "%s:%ld: %s", rd->name,
                           xmlGetLineNo (node), err->message);
              return FALSE;
            }
        }
    }
  for (xmlNode *sub = vb_xml_child (node, "Code"); sub; sub = vb_xml_next (sub, "Code"))
    if (!read_code (rd, sub, id, error))
      return FALSE;
  return TRUE;
}

/* Ids a verba block names are reserved before any id is made from a
 * name, so a made-up id never takes one a later code needs. */
static void
reserve_ids (Reader *rd, xmlNode *codes)
{
  for (xmlNode *n = vb_xml_child (codes, "Code"); n; n = vb_xml_next (n, "Code"))
    {
      xmlNode *dn = vb_xml_child (n, "Description");
      g_autofree char *desc = dn ? vb_xml_text (dn) : NULL;
      g_autofree char *text = NULL;
      g_autoptr (GKeyFile) kf = split_block (desc, CODE_MARK, &text);
      char *id = kf ? kf_string (kf, "verba", "id") : NULL;
      if (id)
        g_hash_table_add (rd->taken, id);
      reserve_ids (rd, n);
    }
}

VbCodebook *
vb_refi_read_codebook (const char *name, xmlNode *codes, xmlNode *sets,
                       const char *fallback_title, GHashTable *guid_to_id, GError **error)
{
  g_autoptr (GKeyFile) meta = NULL;
  for (xmlNode *s = sets ? vb_xml_child (sets, "Set") : NULL; s && !meta; s = vb_xml_next (s, "Set"))
    {
      xmlNode *dn = vb_xml_child (s, "Description");
      g_autofree char *desc = dn ? vb_xml_text (dn) : NULL;
      g_autofree char *text = NULL;
      meta = split_block (desc, BOOK_MARK, &text);
    }
  g_autofree char *slug = vb_refi_slug (fallback_title);
  g_autoptr (VbCodebook) cb = vb_codebook_new (slug, fallback_title);
  vb_codebook_set_path (cb, name);
  if (meta)
    {
      g_auto (GStrv) keys = g_key_file_get_keys (meta, "verba-codebook", NULL, NULL);
      for (guint i = 0; keys && keys[i]; i++)
        {
          g_autofree char *v = kf_string (meta, "verba-codebook", keys[i]);
          vb_codebook_set_meta (cb, keys[i], v);
        }
    }
  else
    {
      vb_codebook_set_meta (cb, "id", slug);
      vb_codebook_set_meta (cb, "title", fallback_title);
    }
  if (!vb_code_id_is_valid (vb_codebook_id (cb)))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK, "%s: codebook id '%s' is not valid", name,
                   vb_codebook_id (cb));
      return NULL;
    }
  Reader rd = { name, cb, guid_to_id,
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free) };
  gboolean ok = TRUE;
  if (codes)
    {
      reserve_ids (&rd, codes);
      for (xmlNode *n = vb_xml_child (codes, "Code"); ok && n; n = vb_xml_next (n, "Code"))
        ok = read_code (&rd, n, NULL, error);
    }
  g_hash_table_unref (rd.taken);
  g_hash_table_unref (rd.next);
  g_hash_table_unref (rd.guids);
  if (!ok || !vb_codebook_finish (cb, name, error))
    return NULL;
  return g_steal_pointer (&cb);
}

VbCodebook *
vb_codebook_load_qdc (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) err = NULL;
  if (!g_file_get_contents (path, &data, &len, &err))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: %s", path, err->message);
      return NULL;
    }
  g_autoptr (xmlDoc) doc = vb_xml_parse (path, data, len, error);
  if (doc == NULL)
    return NULL;
  xmlNode *root = xmlDocGetRootElement (doc);
  if (!vb_xml_is (root, "CodeBook") || root->ns == NULL
      || strcmp ((const char *) root->ns->href, VB_QDC_NS) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%ld: not a REFI-QDA codebook (expected <CodeBook xmlns=\"%s\">)", path,
                   root ? xmlGetLineNo (root) : 1L, VB_QDC_NS);
      return NULL;
    }
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return vb_refi_read_codebook (path, vb_xml_child (root, "Codes"), vb_xml_child (root, "Sets"),
                                base, NULL, error);
}
