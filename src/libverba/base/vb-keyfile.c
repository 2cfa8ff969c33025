/* Why this exists: GKeyFile checks escapes only when a value is read, and
 * its unescaper sets a GError twice when a bad escape is followed by a
 * trailing '\' (GLib warns "GError set over the top of a previous GError",
 * a trap under G_DEBUG=fatal-warnings; found by fuzz-codebook).  Read with
 * a NULL error, a bad value is silently missing.  So every value is checked
 * here first, on the lines GKeyFile will see: it ends lines at '\n' only
 * (one '\r' before it dropped), so a lone '\r' joins two lines that a text
 * editor shows apart, and is refused for that reason. */
#include "base/vb-keyfile.h"
#include "base/vb-error.h"

#include <string.h>

const char *
vb_keyfile_bad_escape (const char *v, const char *end)
{
  for (const char *p = v; p < end; p++)
    if (*p == '\\')
      {
        if (p + 1 == end || p[1] == '\0' || strchr ("sntr\\;", p[1]) == NULL)
          return p;
        p++;
      }
  return NULL;
}

gboolean
vb_keyfile_lone_cr (const char *data, gsize len, guint *line, guint *col)
{
  const char *bol = data;
  guint n = 1;
  for (gsize i = 0; i < len; i++)
    if (data[i] == '\n')
      {
        n++;
        bol = data + i + 1;
      }
    else if (data[i] == '\r' && (i + 1 == len || data[i + 1] != '\n'))
      {
        *line = n;
        *col = (guint) g_utf8_strlen (bol, data + i - bol) + 1;
        return TRUE;
      }
  return FALSE;
}

static char *
escape_problem (const char *bad, const char *end)
{
  if (bad + 1 == end)
    return g_strdup ("a '\\' ends the value (write \\\\ for a backslash)");
  return g_strdup_printf ("invalid escape '\\%c' in the value (escapes are \\s \\n \\t \\r "
                          "\\\\ \\;)", g_ascii_isprint (bad[1]) ? bad[1] : '?');
}

static gboolean
matches (const char *spec, char family, const char *s, gsize len)
{
  gsize n = strlen (spec);
  if (n > 0 && spec[n - 1] == family)
    return len > n && strncmp (s, spec, n) == 0;
  return len == n && strncmp (s, spec, n) == 0;
}

gboolean
vb_keyfile_is_raw (const VbKeyfileRaw *raw, const char *group, const char *key, gsize key_len)
{
  for (guint i = 0; raw && raw[i].group; i++)
    if (group && matches (raw[i].group, ':', group, strlen (group))
        && matches (raw[i].key, '.', key, key_len))
      return TRUE;
  return FALSE;
}

gboolean
vb_keyfile_bad_value (GKeyFile *kf, const VbKeyfileRaw *raw, char **group, char **key,
                      char **what)
{
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups && groups[g]; g++)
    {
      g_auto (GStrv) keys = g_key_file_get_keys (kf, groups[g], NULL, NULL);
      for (guint k = 0; keys && keys[k]; k++)
        {
          if (vb_keyfile_is_raw (raw, groups[g], keys[k], strlen (keys[k])))
            continue;
          g_autofree char *v = g_key_file_get_value (kf, groups[g], keys[k], NULL);
          if (v == NULL)
            continue;
          const char *end = v + strlen (v);
          const char *bad = vb_keyfile_bad_escape (v, end);
          if (bad == NULL)
            continue;
          *group = g_strdup (groups[g]);
          *key = g_strdup (keys[k]);
          *what = escape_problem (bad, end);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
vb_keyfile_load (GKeyFile *kf, const char *path, const char *data, gsize len,
                 const VbKeyfileRaw *raw, GError **error)
{
  guint ln, col;
  if (vb_keyfile_lone_cr (data, len, &ln, &col))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u:%u: a carriage return without a line feed after it (end lines with a "
                   "line feed)", path, ln, col);
      return FALSE;
    }
  ln = 0;
  g_autofree char *group = NULL; /* as GKeyFile will name it, roughly: for raw keys only */
  for (const char *s = data, *stop = data + len; s < stop; ln++)
    {
      const char *nl = memchr (s, '\n', stop - s);
      const char *end = nl ? nl : stop;
      const char *line = s;
      s = nl ? nl + 1 : stop;
      const char *p = line;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (p == end || *p == '#')
        continue;
      if (*p == '[')
        {
          const char *close = memchr (p, ']', end - p);
          g_free (group);
          group = close ? g_strndup (p + 1, close - p - 1) : NULL;
          continue;
        }
      const char *eq = memchr (p, '=', end - p);
      if (eq == NULL)
        continue; /* GKeyFile refuses the line, with a message of its own */
      const char *kend = eq;
      while (kend > p && g_ascii_isspace (kend[-1]))
        kend--;
      if (vb_keyfile_is_raw (raw, group, p, kend - p))
        continue;
      const char *v = eq + 1, *vend = end;
      while (v < vend && (*v == ' ' || *v == '\t'))
        v++;
      while (vend > v && g_ascii_isspace (vend[-1]))
        vend--;
      const char *bad = vb_keyfile_bad_escape (v, vend);
      if (bad == NULL)
        continue;
      g_autofree char *key = g_strndup (p, kend - p);
      col = (guint) g_utf8_strlen (line, bad - line) + 1;
      if (bad + 1 == vend)
        g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                     "%s:%u:%u: a '\\' ends the value of '%s' (write \\\\ for a backslash)", path,
                     ln + 1, col, key);
      else
        g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                     "%s:%u:%u: invalid escape '\\%c' in the value of '%s' (escapes are \\s \\n "
                     "\\t \\r \\\\ \\;)", path, ln + 1, col,
                     g_ascii_isprint (bad[1]) ? bad[1] : '?', key);
      return FALSE;
    }
  g_autoptr (GError) local = NULL;
  if (!g_key_file_load_from_data (kf, data, len, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: %s", path, local->message);
      return FALSE;
    }
  g_autofree char *bgroup = NULL, *bkey = NULL, *what = NULL;
  if (vb_keyfile_bad_value (kf, raw, &bgroup, &bkey, &what))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: [%s] %s: %s", path, bgroup, bkey, what);
      return FALSE;
    }
  return TRUE;
}

GStrv
vb_keyfile_get_list (GKeyFile *kf, const char *group, const char *key)
{
  GStrv v = g_key_file_get_string_list (kf, group, key, NULL, NULL);
  if (v == NULL)
    return NULL;
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

char *
vb_keyfile_text (char *v)
{
  if (v != NULL && *g_strstrip (v) == '\0')
    {
      g_free (v);
      return NULL;
    }
  return v;
}
