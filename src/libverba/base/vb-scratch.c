#include "base/vb-scratch.h"
#include "base/vb-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static gboolean
write_all (int fd, const char *p, gsize n)
{
  errno = 0;
  while (n > 0)
    {
      ssize_t w = write (fd, p, n);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        return FALSE;
      p += w;
      n -= (gsize) w;
    }
  return TRUE;
}

int
vb_scratch_new (const char *what, GError **error)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "verba-XXXXXX", NULL);
  int fd = g_mkstemp (path);
  if (fd < 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot make a temporary %s: %s", path,
                   what, g_strerror (errno));
      return -1;
    }
  g_unlink (path);
  return fd;
}

gboolean
vb_scratch_write (int fd, const void *data, gsize n, GError **error)
{
  if (write_all (fd, data, n))
    return TRUE;
  g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write a temporary file: %s",
               g_get_tmp_dir (), g_strerror (errno ? errno : ENOSPC));
  return FALSE;
}

gboolean
vb_scratch_read_at (int fd, void *buf, gsize n, guint64 offset, GError **error)
{
  gsize got = 0;
  while (got < n)
    {
      ssize_t r = pread (fd, (char *) buf + got, n - got, (off_t) (offset + got));
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read a temporary file: %s",
                       g_get_tmp_dir (), r < 0 ? g_strerror (errno) : "it is shorter now");
          return FALSE;
        }
      got += (gsize) r;
    }
  return TRUE;
}

int
vb_scratch_copy (int fd, const char *name, GError **error)
{
  int out = vb_scratch_new ("copy", error);
  if (out < 0)
    return -1;
  g_autofree char *buf = g_malloc (1 << 16);
  for (;;)
    {
      ssize_t n = read (fd, buf, 1 << 16);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", name,
                       g_strerror (errno));
          close (out);
          return -1;
        }
      if (n == 0)
        break;
      if (!write_all (out, buf, (gsize) n))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write a temporary copy of %s: %s",
                       g_get_tmp_dir (), name, g_strerror (errno ? errno : ENOSPC));
          close (out);
          return -1;
        }
    }
  if (lseek (out, 0, SEEK_SET) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read a temporary copy of %s: %s",
                   g_get_tmp_dir (), name, g_strerror (errno));
      close (out);
      return -1;
    }
  return out;
}

int
vb_scratch_open_input (const char *path, GError **error)
{
  gboolean is_stdin = strcmp (path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  int fd = is_stdin ? STDIN_FILENO : open (path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", path, g_strerror (errno));
      if (fd >= 0 && !is_stdin)
        close (fd);
      return -1;
    }
  if (!is_stdin && S_ISREG (st.st_mode))
    return fd;
  int copy = vb_scratch_copy (fd, name, error);
  if (!is_stdin)
    close (fd);
  return copy;
}
