#include "base/vb-output.h"
#include "base/vb-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct _VbOutput {
  FILE *fp;
  char *path;  /* NULL for stdout */
  char *name;  /* path as given, for messages */
  char *tmp;   /* NULL when written in place (a device or a fifo) */
  int   slot;  /* index in tmp_slots, -1 when none */
};

/* The temporary files of open outputs, for the signal handler: a fixed
 * array it can walk without a lock or malloc.  A slot is set after its
 * file exists and cleared before its string is freed. */
#define VB_OUTPUT_SLOTS 32
static char *tmp_slots[VB_OUTPUT_SLOTS];
static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };
G_LOCK_DEFINE_STATIC (outputs);
static GPtrArray *open_outputs;  /* VbOutput *, for vb_output_name_for */

static void
on_signal (int sig)
{
  int saved = errno;
  for (int i = 0; i < VB_OUTPUT_SLOTS; i++)
    {
      char *p = g_atomic_pointer_get (&tmp_slots[i]);
      if (p != NULL)
        unlink (p);
    }
  errno = saved;
  /* SA_RESETHAND made the action the default again: the run still dies
   * of the signal, as its caller expects (a shell sees 128 + sig). */
  raise (sig);
}

static void
install_handlers (void)
{
  static gsize done = 0;
  if (!g_once_init_enter (&done))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    {
      struct sigaction old, sa;
      /* A signal the caller ignores (nohup) stays ignored. */
      if (sigaction (cleanup_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
        continue;
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = on_signal;
      sigemptyset (&sa.sa_mask);
      for (guint k = 0; k < G_N_ELEMENTS (cleanup_signals); k++)
        sigaddset (&sa.sa_mask, cleanup_signals[k]);
      sa.sa_flags = SA_RESETHAND | SA_NODEFER;
      sigaction (cleanup_signals[i], &sa, NULL);
    }
  g_once_init_leave (&done, 1);
}

static int
slot_take (char *tmp)
{
  install_handlers ();
  for (int i = 0; i < VB_OUTPUT_SLOTS; i++)
    if (g_atomic_pointer_compare_and_exchange (&tmp_slots[i], NULL, tmp))
      return i;
  return -1;  /* more outputs than slots: still written, not cleaned on a signal */
}

static void
slot_release (VbOutput *out)
{
  if (out->slot >= 0)
    g_atomic_pointer_set (&tmp_slots[out->slot], NULL);
  out->slot = -1;
}

static void
registry_add (VbOutput *out)
{
  G_LOCK (outputs);
  if (open_outputs == NULL)
    open_outputs = g_ptr_array_new ();
  g_ptr_array_add (open_outputs, out);
  G_UNLOCK (outputs);
}

static void
registry_remove (VbOutput *out)
{
  G_LOCK (outputs);
  if (open_outputs)
    g_ptr_array_remove_fast (open_outputs, out);
  G_UNLOCK (outputs);
}

const char *
vb_output_name_for (FILE *fp)
{
  if (fp == stdout)
    return "standard output";
  const char *name = "output";
  G_LOCK (outputs);
  for (guint i = 0; open_outputs && i < open_outputs->len; i++)
    {
      VbOutput *o = open_outputs->pdata[i];
      if (o->fp == fp && o->name)
        name = o->name;
    }
  G_UNLOCK (outputs);
  return name;
}

static void
output_free (VbOutput *out)
{
  registry_remove (out);
  slot_release (out);
  g_free (out->tmp);
  g_free (out->path);
  g_free (out->name);
  g_free (out);
}

/* A device or a fifo is written where it is: renaming a file over it
 * would replace the node itself (as root, /dev/null).  Returns TRUE and
 * sets out->fp when path is one; FALSE with *error unset when path is a
 * regular file or absent. */
static gboolean
open_special (VbOutput *out, const char *path, GError **error)
{
  struct stat st;
  if (g_stat (path, &st) != 0 || S_ISREG (st.st_mode) || S_ISDIR (st.st_mode))
    return FALSE;
  if (!S_ISCHR (st.st_mode) && !S_ISFIFO (st.st_mode))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO,
                   "%s: cannot write: not a regular file, character device or fifo", path);
      return FALSE;
    }
  /* No O_CREAT, no O_TRUNC: the node is used as it is.  A fifo's open
   * waits for its reader. */
  int fd = open (path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 || fstat (fd, &st) != 0 || S_ISREG (st.st_mode))
    {
      int err = errno;
      if (fd >= 0)
        {
          /* Became a regular file in between: write it the atomic way. */
          close (fd);
          return FALSE;
        }
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", path, g_strerror (err));
      return FALSE;
    }
  out->fp = fdopen (fd, "w");
  if (out->fp == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", path, g_strerror (errno));
      close (fd);
      return FALSE;
    }
  return TRUE;
}

VbOutput *
vb_output_open (const char *path, GError **error)
{
  VbOutput *out = g_new0 (VbOutput, 1);
  out->slot = -1;
  if (path == NULL || strcmp (path, "-") == 0)
    {
      out->fp = stdout;
      return out;
    }
  out->path = g_strdup (path);
  out->name = g_strdup (path);
  GError *special_error = NULL;
  if (open_special (out, path, &special_error))
    {
      registry_add (out);
      return out;
    }
  if (special_error)
    {
      g_propagate_error (error, special_error);
      output_free (out);
      return NULL;
    }
  /* A symbolic link is followed: the file it names is replaced and the
   * link stays (/dev/stdout onto a regular file must not become a file
   * in /dev).  A dangling link is replaced as before. */
  struct stat lst;
  if (g_lstat (path, &lst) == 0 && S_ISLNK (lst.st_mode))
    {
      char *target = realpath (path, NULL);
      if (target)
        {
          g_free (out->path);
          out->path = g_strdup (target);
          free (target);
        }
    }
  out->tmp = g_strdup_printf ("%s.tmp-XXXXXX", out->path);
  int fd = g_mkstemp (out->tmp);
  if (fd < 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", path,
                   g_strerror (errno));
      output_free (out);
      return NULL;
    }
  out->slot = slot_take (out->tmp);
  /* mkstemp makes the file 0600; an output file should be as any other. */
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  out->fp = fdopen (fd, "w");
  if (out->fp == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", path, g_strerror (errno));
      close (fd);
      vb_output_abort (out);
      return NULL;
    }
  registry_add (out);
  return out;
}

FILE *
vb_output_fp (VbOutput *out)
{
  return out->fp;
}

const char *
vb_output_name (const VbOutput *out)
{
  return out->name ? out->name : "standard output";
}

gboolean
vb_output_commit (VbOutput *out, GError **error)
{
  gboolean ok = TRUE;
  if (out->path == NULL)
    {
      /* A write that failed earlier sets the error flag and may leave
       * nothing for fflush to fail on: the table is short all the same. */
      gboolean had_error = ferror (stdout);
      int err = fflush (stdout) != 0 ? errno : 0;
      if (had_error || err)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "standard output: cannot write: %s",
                       err ? g_strerror (err) : "output is incomplete");
          ok = FALSE;
        }
      output_free (out);
      return ok;
    }
  int err = 0;
  if (ferror (out->fp) || fflush (out->fp) != 0)
    err = errno ? errno : EIO;
  if (fclose (out->fp) != 0 && err == 0)
    err = errno;
  out->fp = NULL;
  if (err == 0 && out->tmp && g_rename (out->tmp, out->path) != 0)
    err = errno;
  if (err != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s", out->name,
                   g_strerror (err));
      vb_output_abort (out);
      return FALSE;
    }
  output_free (out);
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
      /* A device or fifo written in place is left as it is. */
      if (out->tmp)
        g_unlink (out->tmp);
    }
  output_free (out);
}
