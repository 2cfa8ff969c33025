/* vb-keyfile.h: key files (codebooks, study.ini, mapping and scale files)
 * loaded so that a value GKeyFile would refuse is an error naming its line,
 * never a value read as missing or a GLib warning. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A key whose value is read as written (g_key_file_get_value), never
 * unescaped: group is a group's name, or a family of groups when it ends
 * in ':' ("theme:"); key a key's name, or a family when it ends in '.'
 * ("rule.", for rule.NAME).  Arrays of them end with { NULL, NULL }. */
typedef struct {
  const char *group;
  const char *key;
} VbKeyfileRaw;

/* Whether the key of group is one of raw's. */
gboolean vb_keyfile_is_raw (const VbKeyfileRaw *raw, const char *group, const char *key,
                            gsize key_len);

/* The first backslash in [v, end) that GKeyFile cannot unescape (anything
 * but \s \n \t \r \\ \;, or a '\' that ends the value), or NULL. */
const char *vb_keyfile_bad_escape (const char *v, const char *end);

/* If [data, data+len) holds a carriage return that no line feed follows,
 * the 1-based line (as GKeyFile counts lines: by line feeds) and code-point
 * column of the first, and TRUE. */
gboolean vb_keyfile_lone_cr (const char *data, gsize len, guint *line, guint *col);

/* The same check on what GKeyFile has parsed, every key of every group:
 * the line checks cannot know every way GKeyFile reads a line, and one
 * value it cannot unescape is a GLib warning.  The first bad value's
 * group and key (the caller frees them) and what is wrong with it, or
 * FALSE. */
gboolean vb_keyfile_bad_value (GKeyFile *kf, const VbKeyfileRaw *raw, char **group,
                               char **key, char **what);

/* v (owned) stripped, or NULL (v freed) when nothing is left: a text key
 * given empty ("include =") reads as not given, in every codebook form,
 * since no form writes an empty one back. */
char    *vb_keyfile_text (char *v);

/* The ';'-separated list of key in group, each item stripped, empty items
 * dropped (so "a; b;" lists two), or NULL when the key is absent.  Every
 * codebook form reads examples and principles this way, so that a list
 * reads the same whichever form it was written in. */
GStrv    vb_keyfile_get_list (GKeyFile *kf, const char *group, const char *key);

/* g_key_file_load_from_data, after checking what GKeyFile itself leaves
 * unchecked until a value is read: no carriage return alone, and no bad
 * escape in a value, except in raw's keys (NULL: none), whose values are
 * read as written.  Errors are VB_ERROR_PARSE,
 * "PATH:LINE:COL: …". */
gboolean vb_keyfile_load (GKeyFile *kf, const char *path, const char *data, gsize len,
                          const VbKeyfileRaw *raw, GError **error);

G_END_DECLS
