/* vb-progress.h: a progress line on a terminal for long runs (imports of
 * large exports, coding), rewritten in place a few times a second:
 * "verba code: 120000 segments, 48000/s, 37%".  The caller decides
 * whether a terminal is there (see cli_progress_wanted). */
#pragma once

#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _VbProgress VbProgress;

/* label starts the line ("verba code"), what names the items
 * ("segments"); total_bytes is the input's size, 0 when unknown (a
 * pipe): then no percentage.  The line is written at most once every
 * interval_us microseconds (250000: four times a second). */
VbProgress *vb_progress_new (FILE *fp, const char *label, const char *what,
                             guint64 total_bytes, gint64 interval_us);
/* items done so far and bytes of input read (0 if unknown). */
void        vb_progress_update (VbProgress *p, guint64 items, guint64 bytes);
/* Erases the line if one is shown (before a warning, say); the next
 * update writes it again.  NULL is fine. */
void        vb_progress_clear (VbProgress *p);
/* Clears the line if one was written, so that what follows starts on a
 * clean line, and frees p.  NULL is fine. */
void        vb_progress_done (VbProgress *p);
/* The text of the line. */
char       *vb_progress_format (const char *label, const char *what, guint64 items,
                                double seconds, guint64 bytes, guint64 total_bytes);
/* The size of a regular file ("-": standard input, when it is one), else 0. */
guint64     vb_progress_size_of (const char *path);

G_END_DECLS
