#include "codebook/vb-codebook-forms.h"

#include <string.h>

/* Markdown special characters in free text would turn into formatting. */
static void
md_text (GString *out, const char *s)
{
  for (const char *p = s; p && *p; p++)
    {
      if (strchr ("\\`*_[]<>|", *p))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

static void
md_field (GString *out, const char *name, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  g_string_append_printf (out, "- **%s:** ", name);
  md_text (out, value);
  g_string_append_c (out, '\n');
}

static void
md_list (GString *out, const char *name, GStrv items)
{
  if (items == NULL || items[0] == NULL)
    return;
  g_string_append_printf (out, "- **%s:** ", name);
  for (guint i = 0; items[i]; i++)
    {
      g_string_append (out, i ? "; \"" : "\"");
      md_text (out, items[i]);
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '\n');
}

static void
md_code (GString *out, const VbCodebook *cb, const VbCode *c)
{
  g_string_append_printf (out, "%s ", c->depth ? "#####" : "####");
  md_text (out, c->label);
  g_string_append_printf (out, " (`%s`)\n\n", c->id);
  md_field (out, c->kind == VB_CODE_THEME ? "Definition" : "Description", c->description);
  if (c->parent)
    {
      const VbCode *p = vb_codebook_lookup (cb, c->parent);
      md_field (out, "Sub-theme of", p ? p->label : c->parent);
    }
  md_field (out, "Include", c->include);
  md_field (out, "Exclude", c->exclude);
  md_list (out, "Examples", c->examples);
  md_list (out, "Counter-examples", c->counter_examples);
  if (c->principles && c->principles[0])
    {
      g_string_append (out, "- **Principles:** ");
      for (guint i = 0; c->principles[i]; i++)
        {
          const VbCode *p = vb_codebook_lookup (cb, c->principles[i]);
          if (i)
            g_string_append (out, ", ");
          md_text (out, p ? p->label : c->principles[i]);
        }
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < c->rules->len; i++)
    {
      const VbCodeRule *r = c->rules->pdata[i];
      g_string_append_printf (out, "- **Rule%s** (%s scope): `%s`\n",
                              strcmp (r->name, "rule") ? r->name + 4 : "",
                              vb_scope_to_string (c->scope), r->expr);
    }
  g_string_append_c (out, '\n');
}

void
vb_codebook_write_md (const VbCodebook *cb, GString *out)
{
  g_string_append (out, "## Codebook: ");
  md_text (out, vb_codebook_title (cb));
  g_string_append_printf (out, " (`%s`", vb_codebook_id (cb));
  const char *version = vb_codebook_get_meta (cb, "version");
  if (version)
    g_string_append_printf (out, ", version %s", version);
  g_string_append (out, ")\n\n");
  const char *desc = vb_codebook_get_meta (cb, "description");
  if (desc)
    {
      md_text (out, desc);
      g_string_append (out, "\n\n");
    }
  const char *source = vb_codebook_get_meta (cb, "source");
  if (source)
    {
      g_string_append (out, "Source: ");
      md_text (out, source);
      g_string_append (out, "\n\n");
    }
  const VbCodeKind kinds[] = { VB_CODE_PRINCIPLE, VB_CODE_THEME };
  const char *titles[] = { "Principles", "Themes" };
  for (guint k = 0; k < 2; k++)
    {
      gboolean any = FALSE;
      for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
        {
          const VbCode *c = vb_codebook_code (cb, i);
          if (c->kind != kinds[k])
            continue;
          if (!any)
            g_string_append_printf (out, "### %s\n\n", titles[k]);
          any = TRUE;
          md_code (out, cb, c);
        }
    }
}
