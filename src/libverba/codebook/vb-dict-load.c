/* vb-dict-load.c: which dictionary format a file is in, and the reader
 * for it; the readers fill a VbDict and vb-dict.c makes the codebook. */
#include "codebook/vb-dict.h"

#include <string.h>

static const struct {
  const char *ending;
  const char *format;
  const char *name;
} formats[] = {
  { ".dic", "liwc", "LIWC dictionary" },
  { ".dicx", "liwc-csv", "LIWC-22 dictionary" },
  { ".cat", "wordstat", "WordStat dictionary" },
  { ".ykd", "yoshikoder", "Yoshikoder dictionary" },
  { ".lc2", "lexicoder", "Lexicoder dictionary" },
  { ".lc3", "lexicoder", "Lexicoder dictionary" },
  { ".yml", "yaml", "YAML dictionary" },
  { ".yaml", "yaml", "YAML dictionary" },
};

const char *
vb_dict_format_for_path (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_has_suffix (lower, formats[i].ending))
      return formats[i].format;
  return NULL;
}

const char *
vb_dict_format_prefix (const char *name, const char **file)
{
  static const char *const known[] = { "liwc", "liwc-csv", "wordstat", "yoshikoder", "lexicoder",
                                         "yaml" };
  const char *colon = strchr (name, ':');
  for (guint i = 0; colon && i < G_N_ELEMENTS (known); i++)
    if ((gsize) (colon - name) == strlen (known[i]) && strncmp (name, known[i], colon - name) == 0)
      {
        *file = colon + 1;
        return known[i];
      }
  return NULL;
}

static const char *
format_name (const char *format, const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i].format, format) == 0 && g_str_has_suffix (lower, formats[i].ending))
      return formats[i].name;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (strcmp (formats[i].format, format) == 0)
      return formats[i].name;
  return "dictionary";
}

VbCodebook *
vb_dict_load (const char *path, const char *format, GPtrArray *problems, GError **error)
{
  VbDict d;
  vb_dict_init (&d, path, problems);
  if (strcmp (format, "yoshikoder") == 0)
    vb_dict_read_yoshikoder (&d);
  else
    {
      g_autoptr (VbSource) src = vb_source_load_listed (path, problems, error);
      if (src == NULL)
        {
          g_ptr_array_unref (d.cats);
          return NULL;
        }
      if (strcmp (format, "liwc") == 0)
        vb_dict_read_liwc (&d, src);
      else if (strcmp (format, "liwc-csv") == 0)
        vb_dict_read_liwc_csv (&d, src);
      else if (strcmp (format, "wordstat") == 0)
        vb_dict_read_wordstat (&d, src);
      else if (strcmp (format, "yaml") == 0)
        vb_dict_read_yaml (&d, src);
      else
        vb_dict_read_lexicoder (&d, src);
    }
  g_autofree char *file = g_path_get_basename (path);
  g_autofree char *source = g_strdup_printf ("%s %s", format_name (format, path), file);
  return vb_dict_finish (&d, source, error);
}
