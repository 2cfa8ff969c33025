/* vb-stream.h: the segments stream that every stage reads and writes.
 *
 * Tab-separated, one header row naming the columns, one row a segment.
 * Reserved columns: document segment speaker role phase start end
 * [codes codings] text; every other column is an attribute.  Fields
 * escape backslash, tab, LF and CR as \\ \t \n \r.  A coded stream adds
 * `codes` (distinct code ids, ';'-separated) and `codings`
 * (CODE@START-END/SOURCE, ';'-separated, offsets in code points of the
 * segment text).  A coded stream starts with lines describing its codes
 * ("#verba-codebook", "#verba-code" rows) so that tables list every code,
 * also those no segment received.  Full description: man/verba-formats.5. */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "stream/vb-segment.h"
#include "codebook/vb-codebook.h"

G_BEGIN_DECLS

/* Escaping of one field; unescape fails on a stray backslash. */
void     vb_field_escape (GString *out, const char *s);
gboolean vb_field_unescape (const char *s, gsize len, GString *out);

/* The longest row a reader takes (SECURITY.md): room for the longest CSV
 * answer (16 MiB, every byte escaped) with its attributes.  A longer row
 * fails with its line number before it is all in memory. */
#define VB_STREAM_ROW_MAX_BYTES (64u << 20) /* 64 MiB */

typedef struct _VbStreamReader VbStreamReader;

/* Opens path ("-" for stdin) and reads its header row. */
VbStreamReader *vb_stream_reader_open (const char *path, GError **error);
/* Reads from fp (not closed by the reader); name is for messages.  The
 * reader reads fp ahead in blocks (fread: from a pipe, a block at a
 * time), so fp is of no further use once given to it. */
VbStreamReader *vb_stream_reader_open_fp (FILE *fp, const char *name, GError **error);
void            vb_stream_reader_free (VbStreamReader *r);
const char     *vb_stream_reader_path (const VbStreamReader *r);
/* Attribute columns in header order. */
const char *const *vb_stream_reader_attr_keys (const VbStreamReader *r);
/* The codes listed at the head of a coded stream (no rules), or NULL. */
VbCodebook     *vb_stream_reader_codebook (const VbStreamReader *r);
/* TRUE when the stream carries codes or codings. */
gboolean        vb_stream_reader_is_coded (const VbStreamReader *r);
/* Bytes of the input the rows read so far took (blank lines included),
 * not what was read ahead. */
guint64         vb_stream_reader_bytes_read (const VbStreamReader *r);
/* Next segment into *seg (caller frees).  FALSE with no error at end. */
gboolean        vb_stream_reader_next (VbStreamReader *r, VbSegment **seg,
                                       GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbStreamReader, vb_stream_reader_free)
/* For tests: the size of the blocks readers opened afterwards read at
 * once (0 for the default, 256 KiB), so rows straddle blocks. */
void            vb_stream_set_block_size (gsize bytes);

/* The same reading in two steps, so that the parsing can run on other
 * threads (verba code -j N).  next_line gives the next non-blank line,
 * without its line end (NUL-terminated, but it may hold NULs), in memory
 * the reader owns and reuses at the next call, and its number. */
gboolean        vb_stream_reader_next_line (VbStreamReader *r, const char **line,
                                            gsize *len, guint *line_no, GError **error);
/* The byte offset in the input of the line read last (for messages). */
guint64         vb_stream_reader_line_start (const VbStreamReader *r);
/* The document field of a line, still escaped (equal fields are equal
 * escaped); empty when the line is too short (parsing it then fails). */
const char     *vb_stream_reader_document_of (const VbStreamReader *r, const char *line,
                                              gsize len, gsize *doc_len);
/* Scratch space for parse_line: one per thread. */
GPtrArray      *vb_stream_fields_new (void);
/* Parses a line as vb_stream_reader_next would, with its messages;
 * reads only what the header set up, so threads may call it at once,
 * each with its own fields. */
gboolean        vb_stream_reader_parse_line (const VbStreamReader *r, const char *line,
                                             gsize len, guint line_no, guint64 byte_start,
                                             GPtrArray *fields, VbSegment **seg,
                                             GError **error);

/* TRUE when the header has the columns a writer writes for an uncoded
 * stream, in its order: document segment speaker role phase start end,
 * the attributes (no name twice), text.  A row of such a stream may come
 * out of parsing and writing unchanged but for the columns added. */
gboolean        vb_stream_reader_is_canonical (const VbStreamReader *r);
guint           vb_stream_reader_n_fields (const VbStreamReader *r);

typedef struct _VbStreamWriter VbStreamWriter;

/* Writes the header row at once, so an empty stream is still a stream.
 * A coded stream lists the codes of codebook (may be NULL) first. */
VbStreamWriter *vb_stream_writer_new (FILE *fp, const char *const *attr_keys,
                                      gboolean coded, const VbCodebook *codebook);
gboolean        vb_stream_writer_write (VbStreamWriter *w, const VbSegment *seg,
                                        GError **error);
/* Appends seg's row to out, as vb_stream_writer_write would write it;
 * safe to call from several threads at once. */
void            vb_stream_writer_format (const VbStreamWriter *w, const VbSegment *seg,
                                         GString *out);
void            vb_stream_writer_free (VbStreamWriter *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbStreamWriter, vb_stream_writer_free)

/* Writes codings as the `codings` field value (unescaped). */
void vb_codings_format (GString *out, const GArray *codings);
/* Parses a `codings` field value into seg (replacing its codings). */
gboolean vb_codings_parse (VbSegment *seg, const char *s, GError **error);

G_END_DECLS
