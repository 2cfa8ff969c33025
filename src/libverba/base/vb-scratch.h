/* vb-scratch.h: a copy of an input that can be read twice, and scratch
 * files.  A pipe or standard input can be read once only; a command that
 * must read its input again (verba campaigns, whose rows are read again
 * at offsets; verba export) copies it to a temporary file first.  verba
 * export also writes what it cannot hold in memory to scratch files (its
 * project.qde, its sources' texts, the archive).  A file is unlinked as
 * soon as it is made, so it is gone when the run ends, however it ends: unlike
 * vb-output's named temporary files, no signal handler is needed, and
 * not even SIGKILL leaves it behind. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Copies everything left to read on fd (name is for messages) into a new
 * temporary file in g_get_tmp_dir () and returns its descriptor,
 * positioned at the start; -1 with *error set when reading or writing
 * fails (a full disk, say). */
int vb_scratch_copy (int fd, const char *name, GError **error);
/* A new empty temporary file, unlinked like the copies, open for reading
 * and writing; -1 with *error set when none can be made.  what names
 * its use in the message. */
int vb_scratch_new (const char *what, GError **error);

/* path ("-": standard input) open for reading from its start as often as
 * a command needs: a regular file as it is, anything else (a pipe,
 * standard input) through a scratch copy.  Returns the descriptor, or -1
 * with *error set. */
int vb_scratch_open_input (const char *path, GError **error);
/* Writes all n bytes of data to fd, or sets *error (a full disk). */
gboolean vb_scratch_write (int fd, const void *data, gsize n, GError **error);
/* Reads n bytes at offset of fd into buf, or sets *error. */
gboolean vb_scratch_read_at (int fd, void *buf, gsize n, guint64 offset, GError **error);

G_END_DECLS
