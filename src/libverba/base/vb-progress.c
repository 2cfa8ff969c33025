#include "base/vb-progress.h"

#include <sys/stat.h>
#include <unistd.h>

struct _VbProgress {
  FILE    *fp;
  char    *label, *what;
  guint64  total;
  gint64   interval, start, last;
  gboolean shown;
};

VbProgress *
vb_progress_new (FILE *fp, const char *label, const char *what, guint64 total_bytes,
                 gint64 interval_us)
{
  VbProgress *p = g_new0 (VbProgress, 1);
  p->fp = fp;
  p->label = g_strdup (label);
  p->what = g_strdup (what);
  p->total = total_bytes;
  p->interval = interval_us;
  p->start = p->last = g_get_monotonic_time ();
  return p;
}

char *
vb_progress_format (const char *label, const char *what, guint64 items, double seconds,
                    guint64 bytes, guint64 total_bytes)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "%s: %" G_GUINT64_FORMAT " %s", label, items, what);
  if (seconds > 0)
    g_string_append_printf (s, ", %.0f/s", items / seconds);
  if (total_bytes > 0)
    g_string_append_printf (s, ", %u%%", (guint) (100.0 * MIN (bytes, total_bytes) / total_bytes));
  return g_string_free (s, FALSE);
}

void
vb_progress_update (VbProgress *p, guint64 items, guint64 bytes)
{
  gint64 now = g_get_monotonic_time ();
  if (now - p->last < p->interval)
    return;
  p->last = now;
  g_autofree char *line = vb_progress_format (p->label, p->what, items, (now - p->start) / 1e6,
                                              bytes, p->total);
  /* Back to the start of the line, write, erase whatever a longer line left. */
  fprintf (p->fp, "\r%s\033[K", line);
  fflush (p->fp);
  p->shown = TRUE;
}

void
vb_progress_clear (VbProgress *p)
{
  if (p == NULL || !p->shown)
    return;
  fputs ("\r\033[K", p->fp);
  fflush (p->fp);
  p->shown = FALSE;
}

void
vb_progress_done (VbProgress *p)
{
  if (p == NULL)
    return;
  vb_progress_clear (p);
  g_free (p->label);
  g_free (p->what);
  g_free (p);
}

guint64
vb_progress_size_of (const char *path)
{
  struct stat st;
  int r = g_strcmp0 (path, "-") == 0 || path == NULL ? fstat (STDIN_FILENO, &st) : stat (path, &st);
  return r == 0 && S_ISREG (st.st_mode) ? (guint64) st.st_size : 0;
}
