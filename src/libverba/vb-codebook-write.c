/* vb-codebook-write.c: a codebook written back in the native key-file
 * format (man/verba-codebook.5), so that codebooks read from other formats
 * (dictionaries) can be edited and extended as verba codebooks. */
#include "vb-codebook.h"

#include <string.h>

/* Key-file escapes for text values, so that every value stays one line
 * and reads back as it was. */
static void
put_text (GString *out, const char *s, gboolean list_item)
{
  for (const char *p = s; *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case ' ':
          g_string_append (out, p == s ? "\\s" : " ");
          break;
        case ';':
          g_string_append (out, list_item ? "\\;" : ";");
          break;
        default: g_string_append_c (out, *p);
        }
    }
}

static void
put_key (GString *out, const char *key, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (out, "%s = ", key);
  put_text (out, value, FALSE);
  g_string_append_c (out, '\n');
}

static void
put_list (GString *out, const char *key, char **items)
{
  if (items == NULL || items[0] == NULL)
    return;
  g_string_append_printf (out, "%s = ", key);
  for (guint i = 0; items[i]; i++)
    {
      if (i)
        g_string_append_c (out, ';');
      put_text (out, items[i], TRUE);
    }
  g_string_append_c (out, '\n');
}

void
vb_codebook_write_native (const VbCodebook *cb, GString *out)
{
  static const char *const meta[] = {
    "version", "language", "description", "source", "author", "licence", "license",
  };
  g_string_append (out, "[codebook]\n");
  put_key (out, "id", vb_codebook_id (cb));
  put_key (out, "title", vb_codebook_title (cb));
  for (guint i = 0; i < G_N_ELEMENTS (meta); i++)
    put_key (out, meta[i], vb_codebook_get_meta (cb, meta[i]));
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *c = vb_codebook_code (cb, i);
      gboolean theme = c->kind == VB_CODE_THEME;
      g_string_append_printf (out, "\n[%s:%s]\n", theme ? "theme" : "principle", c->id);
      put_key (out, "label", c->label);
      if (theme)
        put_key (out, "parent", c->parent);
      put_key (out, theme ? "definition" : "description", c->description);
      if (theme)
        {
          put_key (out, "include", c->include);
          put_key (out, "exclude", c->exclude);
        }
      put_list (out, "examples", c->examples);
      if (theme)
        put_list (out, "principles", c->principles);
      put_key (out, "colour", c->colour);
      if (c->scope != VB_SCOPE_SEGMENT)
        put_key (out, "scope", vb_scope_to_string (c->scope));
      /* Rules are read as written, without escapes. */
      for (guint r = 0; r < c->rules->len; r++)
        {
          const VbCodeRule *rule = c->rules->pdata[r];
          g_string_append_printf (out, "%s = %s\n", rule->name, rule->expr);
        }
    }
}
