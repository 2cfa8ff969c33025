#include "base/vb-output.h"
#include "base/vb-error.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

struct _VbOutput {
  FILE *fp;
  char *path;  /* NULL for stdout */
  char *tmp;
};

VbOutput *
vb_output_open (const char *path, GError **error)
{
  VbOutput *out = g_new0 (VbOutput, 1);
  if (path == NULL || strcmp (path, "-") == 0)
    {
      out->fp = stdout;
      return out;
    }
  out->path = g_strdup (path);
  out->tmp = g_strdup_printf ("%s.tmp-XXXXXX", path);
  int fd = g_mkstemp (out->tmp);
  if (fd < 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (errno));
      g_free (out->tmp);
      out->tmp = NULL;
      vb_output_abort (out);
      return NULL;
    }
  /* mkstemp makes the file 0600; an output file should be as any other. */
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  out->fp = fdopen (fd, "w");
  return out;
}

FILE *
vb_output_fp (VbOutput *out)
{
  return out->fp;
}

gboolean
vb_output_commit (VbOutput *out, GError **error)
{
  gboolean ok = TRUE;
  if (out->path == NULL)
    {
      if (fflush (stdout) != 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "cannot write standard output: %s",
                       g_strerror (errno));
          ok = FALSE;
        }
      g_free (out);
      return ok;
    }
  int err = 0;
  if (ferror (out->fp) || fflush (out->fp) != 0)
    err = errno ? errno : EIO;
  if (fclose (out->fp) != 0 && err == 0)
    err = errno;
  out->fp = NULL;
  if (err == 0 && g_rename (out->tmp, out->path) != 0)
    err = errno;
  if (err != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", out->path,
                   g_strerror (err));
      vb_output_abort (out);
      return FALSE;
    }
  g_free (out->tmp);
  g_free (out->path);
  g_free (out);
  return TRUE;
}

void
vb_output_abort (VbOutput *out)
{
  if (out == NULL)
    return;
  if (out->path != NULL)
    {
      if (out->fp)
        fclose (out->fp);
      if (out->tmp)
        g_unlink (out->tmp);
    }
  g_free (out->tmp);
  g_free (out->path);
  g_free (out);
}
