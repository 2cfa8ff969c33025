#include "base/vb-lines.h"
#include "base/vb-error.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

gboolean
vb_utf8_check (const char *path, const char *data, gsize len, guint first_line, gsize base,
               GError **error)
{
  const char *end = NULL;
  gboolean ok = g_utf8_validate_len (data, len, &end);
  if (ok && memchr (data, '\0', len) == NULL)
    return TRUE;
  if (ok)
    end = memchr (data, '\0', len);
  /* Name the line and column so the user can open the file at the spot. */
  guint line = first_line, col = 1;
  for (const char *p = data; p < end; p++)
    {
      if (*p == '\n')
        line++, col = 1;
      else if (((guchar) *p & 0xC0) != 0x80)
        col++;
    }
  g_set_error (error, VB_ERROR, VB_ERROR_ENCODING,
               "%s:%u:%u: %s (byte offset %" G_GSIZE_FORMAT ")", path, line, col,
               *end == '\0' ? "NUL byte in text" : "invalid UTF-8", base + (gsize) (end - data));
  return FALSE;
}

VbSource *
vb_source_new (const char *path, const char *data, gsize len, GError **error)
{
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3;
  if (!vb_utf8_check (path, data, len, 1, 0, error))
    return NULL;
  guint line = 1;
  for (gsize i = 0, start = 0; i <= len; i++)
    {
      if (i < len && data[i] != '\n' && data[i] != '\r')
        continue;
      if (i - start > VB_LINE_MAX_BYTES)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: line is longer than %u MiB, the limit for a line of text "
                       "(VB_LINE_MAX_BYTES; see SECURITY.md)", path, line, VB_LINE_MAX_BYTES >> 20);
          return NULL;
        }
      if (i < len && (data[i] == '\n' || !(i + 1 < len && data[i + 1] == '\n')))
        line++;
      start = i + 1;
    }
  VbSource *src = g_new0 (VbSource, 1);
  src->path = g_strdup (path);
  src->data = g_strndup (data, len);
  src->len = len;
  return src;
}

/* Reads a whole stream, keeping errno for the message. */
static char *
read_all (FILE *fp, const char *path, gsize *len, GError **error)
{
  GByteArray *buf = g_byte_array_new ();
  guint8 chunk[65536];
  size_t n;
  errno = 0;
  while ((n = fread (chunk, 1, sizeof chunk, fp)) > 0)
    {
      if (buf->len + n > VB_SOURCE_MAX_BYTES)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s: file is larger than %u MiB, the limit for a text file read whole "
                       "(VB_SOURCE_MAX_BYTES; see SECURITY.md)", path, VB_SOURCE_MAX_BYTES >> 20);
          g_byte_array_unref (buf);
          return NULL;
        }
      g_byte_array_append (buf, chunk, n);
    }
  if (ferror (fp))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", path,
                   g_strerror (errno ? errno : EIO));
      g_byte_array_unref (buf);
      return NULL;
    }
  *len = buf->len;
  /* An empty array frees to NULL, which callers would take for an error
   * (found by tests/fuzz/fuzz-codebook: an empty file crashed the loaders). */
  g_byte_array_append (buf, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (buf, FALSE);
}

static gboolean
is_utf8_name (const char *encoding)
{
  return encoding == NULL || g_ascii_strcasecmp (encoding, "UTF-8") == 0
    || g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

char *
vb_decode (const char *path, const char *encoding, const char *data, gsize len, gsize *out_len,
           GError **error)
{
  gsize read = 0, written = 0;
  g_autoptr (GError) local = NULL;
  char *out = g_convert (data, (gssize) len, "UTF-8", encoding, &read, &written, &local);
  if (out != NULL)
    {
      *out_len = written;
      return out;
    }
  if (g_error_matches (local, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                 "--encoding %s: not an encoding this system can convert from (see iconv -l)",
                 encoding);
  else if (g_error_matches (local, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
    g_set_error (error, VB_ERROR, VB_ERROR_ENCODING,
                 "%s: the file ends inside a character (byte offset %" G_GSIZE_FORMAT "): not %s",
                 path, read, encoding);
  else
    g_set_error (error, VB_ERROR, VB_ERROR_ENCODING,
                 "%s: byte offset %" G_GSIZE_FORMAT ": not valid %s (%s)", path, read, encoding,
                 local->message);
  return NULL;
}

VbSource *
vb_source_load_encoded (const char *path, const char *encoding, GError **error)
{
  if (is_utf8_name (encoding))
    return vb_source_load (path, error);
  g_autofree char *raw = NULL;
  gsize len = 0;
  FILE *fp = strcmp (path, "-") == 0 ? stdin : fopen (path, "rb");
  if (fp == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", path, g_strerror (errno));
      return NULL;
    }
  raw = read_all (fp, path, &len, error);
  if (fp != stdin)
    fclose (fp);
  if (raw == NULL)
    return NULL;
  gsize n = 0;
  g_autofree char *utf8 = vb_decode (path, encoding, raw, len, &n, error);
  if (utf8 == NULL)
    return NULL;
  return vb_source_new (path, utf8, n, error);
}

VbSource *
vb_source_load_listed (const char *path, GPtrArray *problems, GError **error)
{
  g_autoptr (GError) lerr = NULL;
  VbSource *src = vb_source_load (path, &lerr);
  if (src == NULL)
    {
      if (problems != NULL)
        g_ptr_array_add (problems, g_strdup (lerr->message));
      g_propagate_error (error, g_steal_pointer (&lerr));
    }
  return src;
}

VbSource *
vb_source_load (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  if (strcmp (path, "-") == 0)
    data = read_all (stdin, "-", &len, error);
  else
    {
      FILE *fp = fopen (path, "rb");
      if (fp == NULL)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", path,
                       g_strerror (errno));
          return NULL;
        }
      data = read_all (fp, path, &len, error);
      fclose (fp);
    }
  if (data == NULL)
    return NULL;
  return vb_source_new (path, data, len, error);
}

void
vb_source_free (VbSource *src)
{
  if (src == NULL)
    return;
  g_free (src->path);
  g_free (src->data);
  g_free (src);
}

void
vb_line_iter_init (VbLineIter *iter, const VbSource *src)
{
  iter->src = src;
  iter->pos = 0;
  iter->number = 0;
  iter->cp = 0;
}

gboolean
vb_line_iter_next (VbLineIter *iter, VbLine *line)
{
  const VbSource *src = iter->src;
  if (iter->pos >= src->len)
    return FALSE;
  const char *start = src->data + iter->pos;
  gsize avail = src->len - iter->pos;
  gsize n = 0, eol = 0;
  while (n < avail && start[n] != '\n' && start[n] != '\r')
    n++;
  if (n < avail)
    eol = (start[n] == '\r' && n + 1 < avail && start[n + 1] == '\n') ? 2 : 1;

  iter->number++;
  line->text = start;
  line->len = n;
  line->number = iter->number;
  line->cp = iter->cp;
  line->byte = iter->pos;
  iter->cp += g_utf8_strlen (start, n) + eol;
  iter->pos += n + eol;
  return TRUE;
}

char *
vb_line_strip (const VbLine *line)
{
  return g_strstrip (g_strndup (line->text, line->len));
}

gboolean
vb_line_is_blank (const VbLine *line)
{
  for (gsize i = 0; i < line->len; i++)
    if (!g_ascii_isspace (line->text[i]))
      return FALSE;
  return TRUE;
}
