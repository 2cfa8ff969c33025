#include "stream/vb-stream.h"
#include "base/vb-error.h"
#include "base/vb-lines.h"
#include "base/vb-buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

gboolean
vb_field_unescape (const char *s, gsize len, GString *out)
{
  g_string_truncate (out, 0);
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] != '\\')
        {
          /* Copy the run up to the next backslash at once: most fields
           * have none. */
          const char *bs = memchr (s + i, '\\', len - i);
          gsize stop = bs ? (gsize) (bs - s) : len;
          vb_buf_append_len (out, s + i, stop - i);
          i = stop - 1;
          continue;
        }
      if (++i == len)
        return FALSE;
      switch (s[i])
        {
        case '\\': g_string_append_c (out, '\\'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        default: return FALSE;
        }
    }
  return TRUE;
}

typedef enum { CODING_OK, CODING_SYNTAX, CODING_REVERSED, CODING_PAST_TEXT } CodingParse;

/* One CODE@START-END/SOURCE item. */
static CodingParse
parse_coding (VbSegment *seg, const char *it)
{
  const char *at = strchr (it, '@');
  char *endp = NULL;
  if (at == NULL || at == it)
    return CODING_SYNTAX;
  guint64 start = g_ascii_strtoull (at + 1, &endp, 10);
  if (endp == at + 1 || *endp != '-')
    return CODING_SYNTAX;
  const char *e = endp + 1;
  guint64 end = g_ascii_strtoull (e, &endp, 10);
  if (endp == e || (*endp != '/' && *endp != '\0') || end > G_MAXUINT)
    return CODING_SYNTAX;
  if (end < start)
    return CODING_REVERSED;
  g_autofree char *code = g_strndup (it, at - it);
  vb_segment_add_coding (seg, code, (guint) start, (guint) end, *endp == '/' ? endp + 1 : "");
  return CODING_OK;
}

/* Parses the items of s into seg; on failure *bad is the index of the
 * first item that is not a coding and the result says why. */
static CodingParse
parse_codings (VbSegment *seg, const char *s, char ***items_out, guint *bad)
{
  vb_segment_ensure_codings (seg);
  g_array_set_size (seg->codings, 0);
  *items_out = NULL;
  if (*s == '\0')
    return CODING_OK;
  char **items = *items_out = g_strsplit (s, ";", -1);
  for (guint i = 0; items[i]; i++)
    {
      CodingParse p = parse_coding (seg, items[i]);
      if (p != CODING_OK)
        {
          *bad = i;
          return p;
        }
    }
  return CODING_OK;
}

gboolean
vb_codings_parse (VbSegment *seg, const char *s, GError **error)
{
  g_auto (GStrv) items = NULL;
  guint bad = 0;
  if (parse_codings (seg, s, &items, &bad) == CODING_OK)
    return TRUE;
  g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
               "bad coding '%s' (expected CODE@START-END/SOURCE)", items[bad]);
  return FALSE;
}

/* The column (code points, from 1) at which item `item` of field `field`
 * starts in a raw stream line.  Escapes never hide a tab or a ';', so the
 * raw line splits as the unescaped fields do. */
static guint
coding_column (const char *line, gsize len, int field, guint item)
{
  const char *p = line, *end = line + len;
  for (int f = 0; f < field && p < end; p++)
    if (*p == '\t')
      f++;
  for (guint i = 0; i < item && p < end; p++)
    if (*p == ';')
      i++;
  return (guint) g_utf8_strlen (line, p - line) + 1;
}

enum { COL_DOCUMENT, COL_SEGMENT, COL_SPEAKER, COL_ROLE, COL_PHASE, COL_START,
       COL_END, COL_CODES, COL_CODINGS, COL_TEXT, N_COLS };
static const char *const col_names[N_COLS] = {
  "document", "segment", "speaker", "role", "phase", "start", "end",
  "codes", "codings", "text",
};

struct _VbStreamReader {
  char    *path;
  int      fd;             /* what open reads, -1 for a caller's FILE */
  gboolean owns_fd;
  FILE    *fp;             /* what open_fp reads, or NULL */
  char    *blk;            /* the input read ahead in blocks */
  size_t   blk_size;
  size_t   blk_pos;        /* next byte not yet taken by a row */
  size_t   blk_len;
  gboolean blk_end;        /* end of input or an error seen */
  gboolean read_failed;
  int      read_errno;
  char    *buf;            /* a row that straddles blocks, copied together */
  size_t   cap;
  char    *line;           /* the row read last: in blk or in buf */
  guint    line_no;
  guint64  byte_pos;       /* offset of the next row in the input */
  guint64  row_start;      /* offset of the row read last */
  guint    n_fields;
  int      col[N_COLS];    /* field index of each reserved column, -1 absent */
  GArray  *attr_col;       /* field index of each attribute column */
  GStrv    attr_keys;
  GPtrArray *fields;       /* GString per field, reused */
  VbCodebook *codebook;    /* from the code list, or NULL */
};

#define DEFAULT_BLOCK_SIZE ((size_t) 256 << 10)
static size_t block_size = DEFAULT_BLOCK_SIZE;

void
vb_stream_set_block_size (gsize bytes)
{
  block_size = bytes ? bytes : DEFAULT_BLOCK_SIZE;
}

/* What rows have taken, not what was read ahead: the progress line
 * would otherwise run a block ahead of the segments it counts. */
guint64
vb_stream_reader_bytes_read (const VbStreamReader *r)
{
  return r->byte_pos;
}

void
vb_stream_reader_free (VbStreamReader *r)
{
  if (r == NULL)
    return;
  if (r->owns_fd)
    close (r->fd);
  g_free (r->blk);
  g_free (r->buf);
  g_free (r->path);
  if (r->attr_col)
    g_array_unref (r->attr_col);
  g_strfreev (r->attr_keys);
  if (r->fields)
    g_ptr_array_unref (r->fields);
  vb_codebook_free (r->codebook);
  g_free (r);
}

static void
free_gstring (gpointer p)
{
  g_string_free (p, TRUE);
}

/* Reads the next block; FALSE when there is nothing more.  read(2)
 * rather than fread on a file the reader opened: from a pipe or a
 * terminal it returns what has come, so rows go on as they arrive where
 * fread would wait for a whole block. */
static gboolean
fill (VbStreamReader *r)
{
  r->blk_pos = r->blk_len = 0;
  if (r->blk_end)
    return FALSE;
  if (r->blk == NULL)
    {
      r->blk_size = block_size;
      r->blk = g_malloc (r->blk_size);
    }
  if (r->fp == NULL)
    {
      ssize_t got;
      do
        got = read (r->fd, r->blk, r->blk_size);
      while (got < 0 && errno == EINTR);
      if (got > 0)
        r->blk_len = (size_t) got;
      else
        {
          r->blk_end = TRUE;
          r->read_failed = got < 0;
          r->read_errno = errno;
        }
    }
  else
    {
      r->blk_len = fread (r->blk, 1, r->blk_size, r->fp);
      if (r->blk_len < r->blk_size)
        {
          r->blk_end = TRUE;
          r->read_failed = ferror (r->fp) != 0;
          r->read_errno = errno;
        }
    }
  return r->blk_len > 0;
}

/* The most bytes a row may have before its '\n': VB_STREAM_ROW_MAX_BYTES
 * and the '\r' of a CRLF end. */
#define ROW_BODY_MAX ((size_t) VB_STREAM_ROW_MAX_BYTES + 1)

/* The next row with its '\n' (none at the end of the input) into
 * *row: in the block when it lies there whole, else copied together
 * in buf.  -1 at end of input or on an error, -2 when the row is longer
 * than ROW_BODY_MAX (the rest of it unread). */
static ssize_t
read_raw (VbStreamReader *r, char **row)
{
  size_t n = 0; /* bytes of the row copied into buf */
  for (;;)
    {
      if (r->blk_pos == r->blk_len && !fill (r))
        break;
      char *p = r->blk + r->blk_pos;
      size_t avail = r->blk_len - r->blk_pos;
      char *nl = memchr (p, '\n', avail);
      size_t body = nl ? (size_t) (nl - p) : avail;
      if (n + body > ROW_BODY_MAX)
        return -2;
      size_t take = nl ? body + 1 : body;
      r->blk_pos += take;
      if (n == 0 && nl)
        {
          *row = p;
          return (ssize_t) take;
        }
      if (n + take + 1 > r->cap)
        {
          r->cap = MAX (r->cap ? r->cap * 2 : 4096, n + take + 1);
          r->cap = MIN (r->cap, ROW_BODY_MAX + 2);
          r->buf = g_realloc (r->buf, r->cap);
        }
      memcpy (r->buf + n, p, take);
      n += take;
      if (nl)
        break;
    }
  if (n == 0)
    return -1;
  *row = r->buf;
  return (ssize_t) n;
}

/* Reads one line into r->line without its line end, NUL-terminated;
 * FALSE at end. */
static gboolean
read_line (VbStreamReader *r, gsize *len, GError **error)
{
  char *row = NULL;
  ssize_t raw = read_raw (r, &row);
  if (raw == -2)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: row is longer than %u MiB, the limit for a stream row "
                   "(VB_STREAM_ROW_MAX_BYTES; see SECURITY.md)", r->path, r->line_no + 1,
                   VB_STREAM_ROW_MAX_BYTES >> 20);
      return FALSE;
    }
  if (raw < 0)
    {
      if (r->read_failed)
        g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", r->path,
                     g_strerror (r->read_errno));
      return FALSE;
    }
  r->line_no++;
  r->row_start = r->byte_pos;
  r->byte_pos += (guint64) raw;
  ssize_t n = raw;
  if (n > 0 && row[n - 1] == '\n')
    n--;
  if (n > 0 && row[n - 1] == '\r')
    n--;
  /* Over the line end, or in buf's spare byte when there is none. */
  row[n] = '\0';
  r->line = row;
  *len = (gsize) n;
  return TRUE;
}

/* Splits a line into unescaped fields (GStrings in fields, grown as
 * needed); touches nothing else, so coding threads can call it. */
static gboolean
split_line (const char *path, const char *line, gsize n, guint line_no, guint64 row_start,
            GPtrArray *fields, guint *n_out, GError **error)
{
  if (!vb_utf8_check (path, line, n, line_no, (gsize) row_start, error))
    return FALSE;
  guint k = 0;
  const char *p = line, *end = line + n;
  for (;;)
    {
      const char *tab = memchr (p, '\t', end - p);
      const char *stop = tab ? tab : end;
      if (k == fields->len)
        g_ptr_array_add (fields, g_string_new (NULL));
      if (!vb_field_unescape (p, stop - p, g_ptr_array_index (fields, k)))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: field %u: bad backslash escape", path, line_no, k + 1);
          return FALSE;
        }
      k++;
      if (tab == NULL)
        break;
      p = tab + 1;
    }
  *n_out = k;
  return TRUE;
}

/* Reads one row and splits it into unescaped fields; FALSE at end. */
static gboolean
read_row (VbStreamReader *r, guint *n_out, GError **error)
{
  gsize n;
  if (!read_line (r, &n, error))
    return FALSE;
  return split_line (r->path, r->line, n, r->line_no, r->row_start, r->fields, n_out, error);
}

#define FIELD(f, i) ((GString *) g_ptr_array_index ((f), (i)))

static gboolean
read_code_list_row (VbStreamReader *r, guint n, GError **error)
{
  const char *tag = FIELD (r->fields, 0)->str;
  if (strcmp (tag, "#verba-codebook") == 0 && n >= 3)
    {
      vb_codebook_free (r->codebook);
      r->codebook = vb_codebook_new (FIELD (r->fields, 1)->str, FIELD (r->fields, 2)->str);
      return TRUE;
    }
  if (strcmp (tag, "#verba-code") != 0)
    return TRUE;
  if (n < 6 || r->codebook == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: a #verba-code line needs 6 fields after a #verba-codebook line",
                   r->path, r->line_no);
      return FALSE;
    }
  const char *kind = FIELD (r->fields, 2)->str;
  if (strcmp (kind, "principle") != 0 && strcmp (kind, "theme") != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: code kind '%s' is not principle or theme", r->path, r->line_no, kind);
      return FALSE;
    }
  g_auto (GStrv) links = g_strsplit (FIELD (r->fields, 5)->str, ";", -1);
  if (!vb_codebook_add (r->codebook, FIELD (r->fields, 1)->str,
                        kind[0] == 'p' ? VB_CODE_PRINCIPLE : VB_CODE_THEME, FIELD (r->fields, 3)->str,
                        FIELD (r->fields, 4)->str, links[0] && *links[0] ? (const char *const *) links : NULL))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: code '%s' is listed twice", r->path,
                   r->line_no, FIELD (r->fields, 1)->str);
      return FALSE;
    }
  if (vb_codebook_lookup (r->codebook, FIELD (r->fields, 1)->str)->depth > VB_CODE_MAX_DEPTH)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: code '%s': themes nest more than %u levels deep (VB_CODE_MAX_DEPTH; see SECURITY.md)",
                   r->path, r->line_no, FIELD (r->fields, 1)->str, VB_CODE_MAX_DEPTH);
      return FALSE;
    }
  return TRUE;
}

/* Reads the code list and header row of a stream already open. */
static VbStreamReader *
reader_start (VbStreamReader *r_in, GError **error)
{
  g_autoptr (VbStreamReader) r = r_in;
  guint n = 0;
  g_autoptr (GError) local = NULL;
  gboolean got;
  /* Lines starting with '#' before the header are the code list or comments. */
  while ((got = read_row (r, &n, &local)) && FIELD (r->fields, 0)->str[0] == '#')
    if (!read_code_list_row (r, n, error))
      return NULL;
  if (!got)
    {
      if (local)
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                     "%s: empty input: expected a segments stream (see verba-formats(5))",
                     r->path);
      return NULL;
    }
  r->n_fields = n;
  for (guint c = 0; c < N_COLS; c++)
    r->col[c] = -1;
  r->attr_col = g_array_new (FALSE, FALSE, sizeof (int));
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      const char *name = FIELD (r->fields, i)->str;
      gboolean reserved = FALSE;
      for (guint c = 0; c < N_COLS; c++)
        if (strcmp (name, col_names[c]) == 0)
          {
            if (r->col[c] >= 0)
              {
                g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                             "%s:%u: column '%s' appears twice", r->path, r->line_no, name);
                g_ptr_array_free (keys, TRUE);
                return NULL;
              }
            r->col[c] = (int) i;
            reserved = TRUE;
          }
      if (!reserved && !g_hash_table_add (seen, (gpointer) name))
        {
          /* A segment would keep one of the two values. */
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: attribute column '%s' appears twice", r->path, r->line_no, name);
          g_ptr_array_free (keys, TRUE);
          return NULL;
        }
      if (!reserved)
        {
          int idx = (int) i;
          g_array_append_val (r->attr_col, idx);
          g_ptr_array_add (keys, g_strdup (name));
        }
    }
  g_ptr_array_add (keys, NULL);
  r->attr_keys = (GStrv) g_ptr_array_free (keys, FALSE);
  if (r->col[COL_DOCUMENT] < 0 || r->col[COL_TEXT] < 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: not a segments stream: the header needs 'document' and 'text' "
                   "columns (see verba-formats(5))", r->path, r->line_no);
      return NULL;
    }
  return g_steal_pointer (&r);
}

VbStreamReader *
vb_stream_reader_open (const char *path, GError **error)
{
  VbStreamReader *r = g_new0 (VbStreamReader, 1);
  r->fields = g_ptr_array_new_with_free_func (free_gstring);
  if (strcmp (path, "-") == 0)
    {
      /* Nothing reads stdin through stdio before the stream. */
      r->fd = STDIN_FILENO;
      r->path = g_strdup ("<stdin>");
    }
  else
    {
      r->path = g_strdup (path);
      r->fd = open (path, O_RDONLY | O_CLOEXEC);
      r->owns_fd = r->fd >= 0;
      if (r->fd < 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", path,
                       g_strerror (errno));
          vb_stream_reader_free (r);
          return NULL;
        }
    }
  return reader_start (r, error);
}

VbStreamReader *
vb_stream_reader_open_fp (FILE *fp, const char *name, GError **error)
{
  VbStreamReader *r = g_new0 (VbStreamReader, 1);
  r->fields = g_ptr_array_new_with_free_func (free_gstring);
  r->fd = -1;
  r->fp = fp;
  r->path = g_strdup (name);
  return reader_start (r, error);
}

const char *
vb_stream_reader_path (const VbStreamReader *r)
{
  return r->path;
}

VbCodebook *
vb_stream_reader_codebook (const VbStreamReader *r)
{
  return r->codebook;
}

const char *const *
vb_stream_reader_attr_keys (const VbStreamReader *r)
{
  return (const char *const *) r->attr_keys;
}

gboolean
vb_stream_reader_is_coded (const VbStreamReader *r)
{
  return r->col[COL_CODES] >= 0 || r->col[COL_CODINGS] >= 0;
}

static gboolean
parse_uint (const char *s, guint64 *out)
{
  char *end = NULL;
  if (*s == '\0')
    return FALSE;
  errno = 0;
  *out = g_ascii_strtoull (s, &end, 10);
  /* strtoull saturates at G_MAXUINT64 on overflow; only errno tells. */
  return *end == '\0' && g_ascii_isdigit (*s) && errno != ERANGE;
}

GPtrArray *
vb_stream_fields_new (void)
{
  return g_ptr_array_new_with_free_func (free_gstring);
}

gboolean
vb_stream_reader_next_line (VbStreamReader *r, const char **line, gsize *len,
                            guint *line_no, GError **error)
{
  gsize n;
  do
    {
      if (!read_line (r, &n, error))
        return FALSE;
    }
  while (n == 0); /* blank lines are harmless */
  *line = r->line;
  *len = n;
  *line_no = r->line_no;
  return TRUE;
}

guint64
vb_stream_reader_line_start (const VbStreamReader *r)
{
  return r->row_start;
}

const char *
vb_stream_reader_document_of (const VbStreamReader *r, const char *line, gsize len,
                              gsize *doc_len)
{
  const char *p = line, *end = line + len;
  for (int i = 0; i < r->col[COL_DOCUMENT]; i++)
    {
      const char *tab = memchr (p, '\t', (gsize) (end - p));
      if (tab == NULL)
        {
          *doc_len = 0;
          return end;
        }
      p = tab + 1;
    }
  const char *tab = memchr (p, '\t', (gsize) (end - p));
  *doc_len = (gsize) ((tab ? tab : end) - p);
  return p;
}

gboolean
vb_stream_reader_next (VbStreamReader *r, VbSegment **out, GError **error)
{
  const char *line;
  gsize len;
  guint line_no;
  *out = NULL;
  if (!vb_stream_reader_next_line (r, &line, &len, &line_no, error))
    return FALSE;
  return vb_stream_reader_parse_line (r, line, len, line_no, r->row_start, r->fields, out,
                                      error);
}

gboolean
vb_stream_reader_parse_line (const VbStreamReader *r, const char *line, gsize len,
                             guint line_no, guint64 byte_start, GPtrArray *fields,
                             VbSegment **out, GError **error)
{
  guint n = 0;
  *out = NULL;
  if (!split_line (r->path, line, len, line_no, byte_start, fields, &n, error))
    return FALSE;
  if (n != r->n_fields)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: expected %u tab-separated fields as in the header, found %u",
                   r->path, line_no, r->n_fields, n);
      return FALSE;
    }
  g_autoptr (VbSegment) seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup (FIELD (fields, r->col[COL_DOCUMENT])->str);
  seg->line = line_no;
  guint64 v;
  if (r->col[COL_SEGMENT] >= 0)
    {
      if (!parse_uint (FIELD (fields, r->col[COL_SEGMENT])->str, &v) || v > G_MAXUINT)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column %d (segment): expected a number, found '%s'",
                       r->path, line_no, r->col[COL_SEGMENT] + 1,
                       FIELD (fields, r->col[COL_SEGMENT])->str);
          return FALSE;
        }
      seg->index = (guint) v;
    }
  if (r->col[COL_SPEAKER] >= 0)
    {
      g_free (seg->speaker);
      seg->speaker = g_strdup (FIELD (fields, r->col[COL_SPEAKER])->str);
    }
  if (r->col[COL_ROLE] >= 0 && FIELD (fields, r->col[COL_ROLE])->len > 0
      && !vb_role_from_string (FIELD (fields, r->col[COL_ROLE])->str, &seg->role))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: column %d (role): '%s' is not participant, moderator or interviewer",
                   r->path, line_no, r->col[COL_ROLE] + 1, FIELD (fields, r->col[COL_ROLE])->str);
      return FALSE;
    }
  if (r->col[COL_PHASE] >= 0 && FIELD (fields, r->col[COL_PHASE])->len > 0
      && !vb_phase_from_string (FIELD (fields, r->col[COL_PHASE])->str, &seg->phase))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: column %d (phase): '%s' is not spontaneous or prompted",
                   r->path, line_no, r->col[COL_PHASE] + 1, FIELD (fields, r->col[COL_PHASE])->str);
      return FALSE;
    }
  const int off_cols[2] = { COL_START, COL_END };
  guint64 *off_dst[2] = { &seg->start, &seg->end };
  for (guint k = 0; k < 2; k++)
    {
      int c = r->col[off_cols[k]];
      if (c < 0 || FIELD (fields, c)->len == 0)
        continue;
      if (!parse_uint (FIELD (fields, c)->str, off_dst[k]))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column %d (%s): expected a number, found '%s'", r->path,
                       line_no, c + 1, col_names[off_cols[k]], FIELD (fields, c)->str);
          return FALSE;
        }
    }
  for (guint i = 0; i < r->attr_col->len; i++)
    {
      GString *f = FIELD (fields, g_array_index (r->attr_col, int, i));
      if (f->len > 0)
        vb_attrs_set (seg->attrs, r->attr_keys[i], f->str, 0);
    }
  g_free (seg->text);
  seg->text = g_strdup (FIELD (fields, r->col[COL_TEXT])->str);

  if (vb_stream_reader_is_coded (r))
    {
      vb_segment_ensure_codings (seg);
      if (r->col[COL_CODINGS] >= 0)
        {
          int c = r->col[COL_CODINGS];
          g_auto (GStrv) items = NULL;
          guint bad = 0;
          CodingParse p = parse_codings (seg, FIELD (fields, c)->str, &items, &bad);
          if (p == CODING_SYNTAX)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                           "%s:%u: column %d (codings): bad coding '%s' "
                           "(expected CODE@START-END/SOURCE)", r->path, line_no, c + 1,
                           items[bad]);
              return FALSE;
            }
          /* Every later stage slices the text by these offsets, so one past
           * its end would read out of bounds there. */
          glong n_cp = -1;
          for (guint i = 0; p == CODING_OK && i < seg->codings->len; i++)
            {
              const VbCoding *cd = &g_array_index (seg->codings, VbCoding, i);
              if (n_cp < 0)
                n_cp = g_utf8_strlen (seg->text, -1);
              if (cd->end > (guint64) n_cp)
                bad = i, p = CODING_PAST_TEXT;
            }
          if (p != CODING_OK)
            {
              guint col = coding_column (line, len, c, bad);
              if (p == CODING_REVERSED)
                g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                             "%s:%u:%u: coding '%s' ends before it starts (expected START <= END)",
                             r->path, line_no, col, items[bad]);
              else
                g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                             "%s:%u:%u: coding '%s' ends past the segment's text "
                             "(%ld code points)", r->path, line_no, col, items[bad], n_cp);
              return FALSE;
            }
        }
      else
        {
          /* A stream made by hand or in a spreadsheet may list codes only:
           * each then codes the whole segment. */
          g_auto (GStrv) codes = g_strsplit (FIELD (fields, r->col[COL_CODES])->str, ";", -1);
          glong n_cp = g_utf8_strlen (seg->text, -1);
          for (guint i = 0; codes[i]; i++)
            {
              g_strstrip (codes[i]);
              if (*codes[i])
                vb_segment_add_coding (seg, codes[i], 0, (guint) n_cp, "codes");
            }
        }
    }
  *out = g_steal_pointer (&seg);
  return TRUE;
}

gboolean
vb_stream_reader_is_canonical (const VbStreamReader *r)
{
  static const int order[] = { COL_DOCUMENT, COL_SEGMENT, COL_SPEAKER, COL_ROLE, COL_PHASE,
                               COL_START, COL_END };
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (r->col[order[i]] != (int) i)
      return FALSE;
  if (r->col[COL_CODES] >= 0 || r->col[COL_CODINGS] >= 0
      || r->col[COL_TEXT] != (int) r->n_fields - 1)
    return FALSE;
  /* A key named twice keeps one value for both columns when read. */
  for (guint i = 0; r->attr_keys[i]; i++)
    for (guint j = 0; j < i; j++)
      if (strcmp (r->attr_keys[i], r->attr_keys[j]) == 0)
        return FALSE;
  return TRUE;
}

guint
vb_stream_reader_n_fields (const VbStreamReader *r)
{
  return r->n_fields;
}
