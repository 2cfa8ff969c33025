#include "base/vb-zip.h"
#include "base/vb-error.h"
#include "base/vb-output.h"

#include "base/vb-scratch.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
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

/* The archive is built in a scratch file (vb-scratch.h), not in memory:
 * libzip writes each entry's local header, its data, then seeks back to
 * fill in the sizes, so its destination must be seekable, which standard
 * output need not be.  Commit copies the finished file to the output. */
typedef struct {
  int         fd;
  guint64     size;   /* of the committed archive */
  guint64     rpos;
  guint64     wpos, wsize;
  zip_error_t error;
} Dest;

static gboolean
pwrite_all (int fd, const char *p, gsize n, guint64 at)
{
  while (n > 0)
    {
      ssize_t w = pwrite (fd, p, n, (off_t) at);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return FALSE;
      p += w;
      n -= (gsize) w;
      at += (guint64) w;
    }
  return TRUE;
}

static zip_int64_t
pread_some (int fd, void *data, zip_uint64_t len, guint64 at, zip_error_t *error)
{
  for (;;)
    {
      ssize_t got = pread (fd, data, len, (off_t) at);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          zip_error_set (error, ZIP_ER_READ, errno);
          return -1;
        }
      return got;
    }
}

static zip_int64_t
dest_cb (void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
  Dest *d = ud;
  switch (cmd)
    {
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (
          ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
          ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_BEGIN_WRITE,
          ZIP_SOURCE_COMMIT_WRITE, ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_WRITE,
          ZIP_SOURCE_SEEK_WRITE, ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE, -1);
    case ZIP_SOURCE_OPEN:
      d->rpos = 0;
      return 0;
    case ZIP_SOURCE_READ:
      {
        guint64 left = d->size - MIN (d->rpos, d->size);
        zip_int64_t got = pread_some (d->fd, data, MIN (len, left), d->rpos, &d->error);
        if (got > 0)
          d->rpos += (guint64) got;
        return got;
      }
    case ZIP_SOURCE_CLOSE:
    case ZIP_SOURCE_ROLLBACK_WRITE:
      return 0;
    case ZIP_SOURCE_STAT:
      {
        zip_stat_t *st = data;
        zip_stat_init (st);
        st->size = d->size;
        st->valid = ZIP_STAT_SIZE;
        return sizeof *st;
      }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data (&d->error, data, len);
    case ZIP_SOURCE_FREE:
      zip_error_fini (&d->error);
      g_free (d);
      return 0;
    case ZIP_SOURCE_SEEK:
      {
        zip_int64_t at = zip_source_seek_compute_offset (d->rpos, d->size, data, len, &d->error);
        if (at < 0)
          return -1;
        d->rpos = (guint64) at;
        return 0;
      }
    case ZIP_SOURCE_TELL:
      return (zip_int64_t) d->rpos;
    case ZIP_SOURCE_BEGIN_WRITE:
    case ZIP_SOURCE_REMOVE:
      d->wpos = d->wsize = 0;
      if (cmd == ZIP_SOURCE_REMOVE)
        d->size = 0;
      return 0;
    case ZIP_SOURCE_WRITE:
      if (!pwrite_all (d->fd, data, len, d->wpos))
        {
          zip_error_set (&d->error, ZIP_ER_WRITE, errno ? errno : ENOSPC);
          return -1;
        }
      d->wpos += len;
      d->wsize = MAX (d->wsize, d->wpos);
      return (zip_int64_t) len;
    case ZIP_SOURCE_SEEK_WRITE:
      {
        zip_int64_t at = zip_source_seek_compute_offset (d->wpos, d->wsize, data, len, &d->error);
        if (at < 0)
          return -1;
        d->wpos = (guint64) at;
        return 0;
      }
    case ZIP_SOURCE_TELL_WRITE:
      return (zip_int64_t) d->wpos;
    case ZIP_SOURCE_COMMIT_WRITE:
      d->size = d->wsize;
      return 0;
    default:
      zip_error_set (&d->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
    }
}

/* An entry's data: a range of a file the caller keeps open until commit,
 * read at zip_close, one entry after another. */
typedef struct {
  int         fd;
  guint64     start, len, pos;
  zip_error_t error;
} Range;

static zip_int64_t
range_cb (void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
  Range *r = ud;
  switch (cmd)
    {
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                             ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                             -1);
    case ZIP_SOURCE_OPEN:
      r->pos = 0;
      return 0;
    case ZIP_SOURCE_READ:
      {
        zip_int64_t got = pread_some (r->fd, data, MIN (len, r->len - r->pos), r->start + r->pos,
                                      &r->error);
        if (got > 0)
          r->pos += (guint64) got;
        else if (got == 0 && r->pos < r->len)
          {
            /* The file is shorter than the range it was to hold. */
            zip_error_set (&r->error, ZIP_ER_EOF, 0);
            return -1;
          }
        return got;
      }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT:
      {
        /* What a buffer source tells, so that the archive is the same
         * bytes as one built from memory. */
        zip_stat_t *st = data;
        zip_stat_init (st);
        st->mtime = 0;
        st->size = r->len;
        st->comp_size = r->len;
        st->comp_method = ZIP_CM_STORE;
        st->encryption_method = ZIP_EM_NONE;
        st->valid = ZIP_STAT_MTIME | ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD
                    | ZIP_STAT_ENCRYPTION_METHOD;
        return sizeof *st;
      }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data (&r->error, data, len);
    case ZIP_SOURCE_FREE:
      zip_error_fini (&r->error);
      g_free (r);
      return 0;
    default:
      zip_error_set (&r->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
    }
}

struct _VbZipWriter {
  int     fd;     /* the scratch file the archive is built in */
  Dest   *dest;   /* owned by za's source */
  zip_t  *za;
};

void
vb_zip_writer_free (VbZipWriter *w)
{
  if (w == NULL)
    return;
  if (w->za)
    zip_discard (w->za);
  if (w->fd >= 0)
    close (w->fd);
  g_free (w);
}

VbZipWriter *
vb_zip_writer_new (GError **error)
{
  g_autoptr (VbZipWriter) w = g_new0 (VbZipWriter, 1);
  w->fd = vb_scratch_new ("archive", error);
  if (w->fd < 0)
    return NULL;
  zip_error_t ze;
  zip_error_init (&ze);
  w->dest = g_new0 (Dest, 1);
  w->dest->fd = w->fd;
  zip_error_init (&w->dest->error);
  zip_source_t *src = zip_source_function_create (dest_cb, w->dest, &ze);
  if (src == NULL)
    {
      zip_error_fini (&w->dest->error);
      g_free (w->dest);
    }
  else
    {
      w->za = zip_open_from_source (src, ZIP_TRUNCATE, &ze);
      if (w->za == NULL)
        zip_source_free (src);
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

/* Adds s (freed on failure) as the entry name, with the fixed time. */
static gboolean
add_source (VbZipWriter *w, const char *name, zip_source_t *s, GError **error)
{
  zip_int64_t idx = s ? zip_file_add (w->za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) : -1;
  if (idx < 0)
    {
      if (s)
        zip_source_free (s);
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "zip entry '%s': %s", name, zip_strerror (w->za));
      return FALSE;
    }
  /* 1 January 1980, the first date a zip can hold: no build time leaks in. */
  zip_file_set_dostime (w->za, idx, 0, (0 << 9) | (1 << 5) | 1, 0);
  return TRUE;
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
    g_free (copy);
  return add_source (w, name, s, error);
}

gboolean
vb_zip_writer_add_range (VbZipWriter *w, const char *name, int fd, guint64 start, guint64 len,
                         GError **error)
{
  Range *r = g_new0 (Range, 1);
  r->fd = fd;
  r->start = start;
  r->len = len;
  zip_error_init (&r->error);
  zip_source_t *s = zip_source_function (w->za, range_cb, r);
  if (s == NULL)
    {
      zip_error_fini (&r->error);
      g_free (r);
    }
  return add_source (w, name, s, error);
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
  /* zip_close freed the source (and w->dest); the archive is the whole
   * scratch file, which only grew. */
  w->za = NULL;
  w->dest = NULL;
  struct stat st;
  if (fstat (w->fd, &st) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read the built archive back", path);
      return FALSE;
    }
  VbOutput *out = vb_output_open (path, error);
  if (out == NULL)
    return FALSE;
  g_autofree char *buf = g_malloc (1 << 16);
  guint64 size = (guint64) st.st_size;
  zip_error_t ze;
  zip_error_init (&ze);
  for (guint64 at = 0; at < size;)
    {
      zip_int64_t got = pread_some (w->fd, buf, MIN ((guint64) (1 << 16), size - at), at, &ze);
      if (got <= 0 || fwrite (buf, 1, (gsize) got, vb_output_fp (out)) != (gsize) got)
        {
          zip_error_fini (&ze);
          vb_output_abort (out);
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write", path);
          return FALSE;
        }
      at += (guint64) got;
    }
  zip_error_fini (&ze);
  return vb_output_commit (out, error);
}
