/* vb-lines.h: a text file loaded whole, checked as UTF-8, and walked line
 * by line with the line number and code-point offset of each line, which
 * is what the text importers need for offsets and messages. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits on text read whole (documents, codebooks, study, scale, mapping
 * and sidecar files; SECURITY.md).  A transcript line is a turn or a
 * paragraph: a line of a megabyte is already a book, and every later stage
 * (tokens, rules) costs memory and time in proportion to a segment. */
#define VB_LINE_MAX_BYTES   (1u << 20)   /* 1 MiB */
#define VB_SOURCE_MAX_BYTES (256u << 20) /* 256 MiB */

typedef struct {
  char  *path;   /* as given, for messages; "-" is standard input */
  char  *data;   /* NUL-terminated UTF-8, BOM removed */
  gsize  len;
} VbSource;

/* Reads path ("-" for stdin).  Fails with VB_ERROR_IO when unreadable and
 * VB_ERROR_ENCODING ("FILE:LINE:COL: invalid UTF-8 (byte offset N)") when
 * the bytes are not UTF-8 or contain a NUL byte; VB_ERROR_PARSE when the
 * file or one of its lines is over the limits above. */
VbSource *vb_source_load (const char *path, GError **error);
/* The same, and when problems is given (a checker that lists every
 * problem), the error message is appended to it as well. */
VbSource *vb_source_load_listed (const char *path, GPtrArray *problems, GError **error);
/* The same for a file in a declared legacy encoding (any name iconv knows:
 * "windows-1252", "ISO-8859-1", "UTF-16"…; NULL or UTF-8: as load),
 * converted with g_convert.  A byte sequence the encoding does not have is
 * VB_ERROR_ENCODING with its byte offset in the file; an unknown encoding
 * is VB_ERROR_USAGE. */
VbSource *vb_source_load_encoded (const char *path, const char *encoding, GError **error);
/* Bytes in a declared encoding to UTF-8 (what load_encoded does); *out_len
 * gets the length of the result. */
char     *vb_decode (const char *path, const char *encoding, const char *data, gsize len,
                     gsize *out_len, GError **error);
/* Wraps bytes already in memory (copied); same checks as load. */
VbSource *vb_source_new (const char *path, const char *data, gsize len, GError **error);
void      vb_source_free (VbSource *src);
/* The check load makes, for text read piecewise: data begins at line
 * first_line, column 1, byte offset base of path. */
gboolean  vb_utf8_check (const char *path, const char *data, gsize len, guint first_line,
                         gsize base, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbSource, vb_source_free)

typedef struct {
  const char *text;   /* points into the source; not NUL-terminated */
  gsize       len;    /* without the line ending (LF, CRLF or CR) */
  guint       number; /* 1-based */
  guint64     cp;     /* code-point offset of the line start in the source */
  gsize       byte;   /* byte offset of the line start */
} VbLine;

typedef struct {
  const VbSource *src;
  gsize   pos;
  guint   number;
  guint64 cp;
} VbLineIter;

void     vb_line_iter_init (VbLineIter *iter, const VbSource *src);
gboolean vb_line_iter_next (VbLineIter *iter, VbLine *line);

/* The line with surrounding white space removed, as a new string. */
char    *vb_line_strip (const VbLine *line);
/* TRUE if the line holds only white space. */
gboolean vb_line_is_blank (const VbLine *line);

G_END_DECLS
