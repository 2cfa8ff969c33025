/* A folder's entries, for the importers that read a folder whole. */
#pragma once

#include <glib.h>

/* The names of dir's entries in byte order, so that what is made from a
 * folder is the same on every machine and file system; NULL with *error
 * set when the folder cannot be read. */
GPtrArray *vb_dir_names (const char *dir, GError **error);
