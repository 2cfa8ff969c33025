/* test-progress.c: the progress line (vb-progress.h): its text, that it is
 * written in place and cleared at the end, that the interval holds it
 * back, and the sizes a percentage is taken of. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "base/vb-progress.h"

static void
test_format (void)
{
  /* 120000 in 2.5 s is 48000/s; 370 of 1000 bytes is 37%. */
  g_autofree char *a = vb_progress_format ("verba code", "segments", 120000, 2.5, 370, 1000);
  g_assert_cmpstr (a, ==, "verba code: 120000 segments, 48000/s, 37%");
  /* Size unknown (a pipe): no percentage. */
  g_autofree char *b = vb_progress_format ("verba import", "rows", 10, 4.0, 99, 0);
  g_assert_cmpstr (b, ==, "verba import: 10 rows, 2/s");
  /* No time yet: no rate; more read than the size said: 100%, not more. */
  g_autofree char *c = vb_progress_format ("verba code", "segments", 7, 0.0, 2000, 1000);
  g_assert_cmpstr (c, ==, "verba code: 7 segments, 100%");
}

static char *
run (gint64 interval)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream (&buf, &len);
  VbProgress *p = vb_progress_new (fp, "verba code", "segments", 200, interval);
  vb_progress_update (p, 5, 50);
  vb_progress_clear (p);
  vb_progress_update (p, 10, 100);
  vb_progress_done (p);
  fclose (fp);
  return buf;
}

static void
test_line (void)
{
  g_autofree char *out = run (0);
  /* Each update rewrites the line from its start and erases the rest;
   * clear and done erase it.  The rate depends on the clock: checked by
   * its place only. */
  g_autoptr (GRegex) re = g_regex_new ("^\rverba code: 5 segments(, [0-9]+/s)?, 25%\033\\[K"
                                       "\r\033\\[K"
                                       "\rverba code: 10 segments(, [0-9]+/s)?, 50%\033\\[K"
                                       "\r\033\\[K$", 0, 0, NULL);
  g_assert_true (g_regex_match (re, out, 0, NULL));
  /* Within the interval nothing is written at all, and nothing cleared. */
  g_autofree char *quiet = run (G_GINT64_CONSTANT (3600000000));
  g_assert_cmpstr (quiet, ==, "");
}

static void
test_size (void)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("verba-progress-XXXXXX", &path, NULL);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "0123456789", 10), ==, 10);
  close (fd);
  g_assert_cmpuint (vb_progress_size_of (path), ==, 10);
  g_unlink (path);
  g_assert_cmpuint (vb_progress_size_of (path), ==, 0);
  /* A directory has no size to take a share of. */
  g_assert_cmpuint (vb_progress_size_of (g_get_tmp_dir ()), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/progress/format", test_format);
  g_test_add_func ("/progress/line", test_line);
  g_test_add_func ("/progress/size", test_size);
  return g_test_run ();
}
