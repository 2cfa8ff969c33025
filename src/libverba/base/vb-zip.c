#include "base/vb-zip.h"
#include "base/vb-error.h"
#include "base/vb-output.h"

#include <string.h>
#include <zip.h>

struct _VbZip {
  char   *path;
  zip_t  *za;
  GPtrArray *names;  /* entry names in archive order */
  guint64 total;     /* bytes inflated so far */
};

gboolean
vb_zip_name_is_safe (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '/' || strchr (name, '\\'))
    return FALSE;
  /* "C:" at the start is absolute on Windows, where exports come from. */
  if (g_ascii_isalpha (name[0]) && name[1] == ':')
    return FALSE;
  g_auto (GStrv) parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (strcmp (parts[i], "..") == 0)
      return FALSE;
  return TRUE;
}

void
vb_zip_free (VbZip *z)
{
  if (z == NULL)
    return;
  if (z->za)
    zip_discard (z->za);
  g_ptr_array_unref (z->names);
  g_free (z->path);
  g_free (z);
}

/* The archive's directory, checked: entry count and names. */
static VbZip *
wrap (const char *path, zip_t *za, GError **error)
{
  g_autoptr (VbZip) z = g_new0 (VbZip, 1);
  z->path = g_strdup (path);
  z->za = za;
  z->names = g_ptr_array_new_with_free_func (g_free);
  zip_int64_t n = zip_get_num_entries (za, 0);
  if (n > VB_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s: %" G_GINT64_FORMAT " entries, more than the %d allowed", path,
                   (gint64) n, VB_ZIP_MAX_ENTRIES);
      return NULL;
    }
  for (zip_int64_t i = 0; i < n; i++)
    {
      const char *name = zip_get_name (za, i, ZIP_FL_ENC_GUESS);
      if (name == NULL || !vb_zip_name_is_safe (name))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s: entry '%s' has an unsafe name (absolute, '..' or backslash)", path,
                       name ? name : "");
          return NULL;
        }
      g_ptr_array_add (z->names, g_strdup (name));
    }
  return g_steal_pointer (&z);
}

static void
open_error (const char *path, int zerr, GError **error)
{
  zip_error_t ze;
  zip_error_init_with_code (&ze, zerr);
  g_set_error (error, VB_ERROR, zerr == ZIP_ER_OPEN || zerr == ZIP_ER_NOENT ? VB_ERROR_IO
                                                                           : VB_ERROR_PARSE,
               "%s: not a readable zip archive: %s", path, zip_error_strerror (&ze));
  zip_error_fini (&ze);
}

VbZip *
vb_zip_open (const char *path, GError **error)
{
  int zerr = 0;
  zip_t *za = zip_open (path, ZIP_RDONLY, &zerr);
  if (za == NULL)
    {
      open_error (path, zerr, error);
      return NULL;
    }
  return wrap (path, za, error);
}

VbZip *
vb_zip_open_buffer (const char *name, const char *data, gsize len, GError **error)
{
  zip_error_t ze;
  zip_error_init (&ze);
  zip_source_t *src = zip_source_buffer_create (data, len, 0, &ze);
  zip_t *za = src ? zip_open_from_source (src, ZIP_RDONLY, &ze) : NULL;
  if (za == NULL)
    {
      if (src)
        zip_source_free (src);
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: not a readable zip archive: %s", name,
                   zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return NULL;
    }
  zip_error_fini (&ze);
  return wrap (name, za, error);
}

guint
vb_zip_n_entries (const VbZip *z)
{
  return z->names->len;
}

const char *
vb_zip_entry_name (const VbZip *z, guint i)
{
  return z->names->pdata[i];
}

gboolean
vb_zip_has (const VbZip *z, const char *name)
{
  return g_ptr_array_find_with_equal_func (z->names, name, g_str_equal, NULL);
}

char *
vb_zip_read (VbZip *z, const char *name, gsize *len, GError **error)
{
  guint idx;
  if (!g_ptr_array_find_with_equal_func (z->names, name, g_str_equal, &idx))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: no entry '%s' in the archive", z->path,
                   name);
      return NULL;
    }
  zip_stat_t st;
  zip_stat_init (&st);
  guint64 comp = 0;
  if (zip_stat_index (z->za, idx, 0, &st) == 0 && (st.valid & ZIP_STAT_COMP_SIZE))
    comp = st.comp_size;
  zip_file_t *zf = zip_fopen_index (z->za, idx, 0);
  if (zf == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: entry '%s': %s", z->path, name,
                   zip_strerror (z->za));
      return NULL;
    }
  GByteArray *buf = g_byte_array_new ();
  char chunk[65536];
  zip_int64_t got;
  g_autofree char *why = NULL;
  while ((got = zip_fread (zf, chunk, sizeof chunk)) > 0)
    {
      g_byte_array_append (buf, (guint8 *) chunk, (guint) got);
      z->total += (guint64) got;
      if (buf->len > VB_ZIP_MAX_ENTRY_SIZE)
        why = g_strdup_printf ("inflates to more than the %d bytes allowed for one entry",
                               VB_ZIP_MAX_ENTRY_SIZE);
      else if (buf->len > VB_ZIP_RATIO_FLOOR && comp > 0 && buf->len / comp > VB_ZIP_MAX_RATIO)
        why = g_strdup_printf ("inflates to more than %d times its compressed size "
                               "(%" G_GUINT64_FORMAT " bytes)", VB_ZIP_MAX_RATIO, comp);
      else if (z->total > VB_ZIP_MAX_TOTAL)
        why = g_strdup_printf ("takes the archive past the %d bytes allowed in all",
                               VB_ZIP_MAX_TOTAL);
      if (why)
        break;
    }
  if (why == NULL && got < 0)
    why = g_strdup (zip_file_strerror (zf));
  if (why)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: entry '%s' %s", z->path, name, why);
      zip_fclose (zf);
      g_byte_array_unref (buf);
      return NULL;
    }
  zip_fclose (zf);
  if (len)
    *len = buf->len;
  g_byte_array_append (buf, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (buf, FALSE);
}

/* ---- writing ---- */

struct _VbZipWriter {
  zip_source_t *src;
  zip_t        *za;
};

void
vb_zip_writer_free (VbZipWriter *w)
{
  if (w == NULL)
    return;
  if (w->za)
    zip_discard (w->za);
  if (w->src)
    zip_source_free (w->src);
  g_free (w);
}

VbZipWriter *
vb_zip_writer_new (GError **error)
{
  zip_error_t ze;
  zip_error_init (&ze);
  g_autoptr (VbZipWriter) w = g_new0 (VbZipWriter, 1);
  w->src = zip_source_buffer_create (NULL, 0, 0, &ze);
  if (w->src != NULL)
    {
      /* Kept so the bytes can be read back after zip_close. */
      zip_source_keep (w->src);
      w->za = zip_open_from_source (w->src, ZIP_TRUNCATE, &ze);
    }
  if (w->za == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "cannot create a zip archive: %s",
                   zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return NULL;
    }
  zip_error_fini (&ze);
  return g_steal_pointer (&w);
}

gboolean
vb_zip_writer_add (VbZipWriter *w, const char *name, const char *data, gsize len,
                   GError **error)
{
  /* libzip reads the buffer at zip_close: it needs its own copy (and
   * takes none of an empty one). */
  void *copy = len ? g_memdup2 (data, len) : NULL;
  zip_source_t *s = zip_source_buffer (w->za, copy, len, copy != NULL);
  if (s == NULL)
    {
      g_free (copy);
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "zip entry '%s': %s", name, zip_strerror (w->za));
      return FALSE;
    }
  zip_int64_t idx = zip_file_add (w->za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (idx < 0)
    {
      zip_source_free (s);
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "zip entry '%s': %s", name, zip_strerror (w->za));
      return FALSE;
    }
  /* 1 January 1980, the first date a zip can hold: no build time leaks in. */
  zip_file_set_dostime (w->za, idx, 0, (0 << 9) | (1 << 5) | 1, 0);
  return TRUE;
}

gboolean
vb_zip_writer_commit (VbZipWriter *w, const char *path, GError **error)
{
  /* libzip writes no archive without entries (it removes the source):
   * say so rather than fail to read back nothing. */
  if (zip_get_num_entries (w->za, 0) == 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: an archive needs at least one entry", path);
      return FALSE;
    }
  if (zip_close (w->za) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot build the archive: %s", path,
                   zip_strerror (w->za));
      return FALSE;
    }
  w->za = NULL;
  zip_stat_t st;
  zip_stat_init (&st);
  if (zip_source_stat (w->src, &st) != 0 || zip_source_open (w->src) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read the built archive back", path);
      return FALSE;
    }
  g_autofree char *bytes = g_malloc (st.size ? st.size : 1);
  zip_int64_t got = zip_source_read (w->src, bytes, st.size);
  zip_source_close (w->src);
  if (got < 0 || (zip_uint64_t) got != st.size)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read the built archive back", path);
      return FALSE;
    }
  VbOutput *out = vb_output_open (path, error);
  if (out == NULL)
    return FALSE;
  if (fwrite (bytes, 1, st.size, vb_output_fp (out)) != st.size)
    {
      vb_output_abort (out);
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write", path);
      return FALSE;
    }
  return vb_output_commit (out, error);
}
