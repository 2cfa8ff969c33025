/* verba merge: join the streams that shards of one run wrote, in order,
 * into the stream a single run would have written.
 *
 * A stream's head (the "#verba-..." lines that list a coded stream's codes,
 * then the column header) must be the same, byte for byte, in every input:
 * shards coded with different codebooks, or imported with different
 * attribute columns, do not make one stream, and tables counted from such a
 * join would be wrong without showing it.  Rows are copied as they are,
 * once each has parsed as a row of that head: a malformed row fails the
 * run with its file and line, as it would in any later stage. */
#include "builtin.h"
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static char *opt_output = NULL;
static gboolean opt_quiet = FALSE;

static GOptionEntry entries[] = {
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (atomically) instead of standard output", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No accounting line on stderr", NULL },
  { NULL }
};

typedef struct {
  const char *name;
  FILE       *fp;
  GPtrArray  *head;  /* char*: the lines of the head, with their '\n' */
} Input;

static void
input_close (Input *in)
{
  if (in->fp != NULL && in->fp != stdin)
    fclose (in->fp);
  in->fp = NULL;
  if (in->head != NULL)
    g_ptr_array_unref (in->head);
  in->head = NULL;
}

/* Reads the head: '#' lines, then the column header. */
static gboolean
read_head (Input *in, GError **error)
{
  in->fp = strcmp (in->name, "-") == 0 ? stdin : fopen (in->name, "rb");
  if (in->fp == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: %s", in->name, g_strerror (errno));
      return FALSE;
    }
  in->head = g_ptr_array_new_with_free_func (g_free);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  while ((n = getline (&line, &cap, in->fp)) > 0)
    {
      g_ptr_array_add (in->head, g_strndup (line, (gsize) n));
      if (line[0] != '#')
        break;
    }
  free (line);
  guint k = in->head->len;
  const char *header = k > 0 ? in->head->pdata[k - 1] : NULL;
  if (header == NULL || header[0] == '#')
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: no column header: not a segments stream",
                   in->name, k + 1);
      return FALSE;
    }
  if (!g_str_has_prefix (header, "document\t"))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: the header does not start with 'document': not a segments stream",
                   in->name, k);
      return FALSE;
    }
  return TRUE;
}

/* The first line where b's head differs from a's, as a message. */
static gboolean
same_head (const Input *a, const Input *b, GError **error)
{
  guint n = MAX (a->head->len, b->head->len);
  for (guint i = 0; i < n; i++)
    {
      const char *x = i < a->head->len ? a->head->pdata[i] : NULL;
      const char *y = i < b->head->len ? b->head->pdata[i] : NULL;
      if (x != NULL && y != NULL && strcmp (x, y) == 0)
        continue;
      const char *what = (y != NULL && y[0] != '#') && (x != NULL && x[0] != '#')
        ? "its columns differ from those of" : "its list of codes differs from that of";
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: %s %s (shards must come from one run: same codebook, same columns)",
                   b->name, i + 1, what, a->name);
      return FALSE;
    }
  return TRUE;
}

/* A reader set up by in's head alone, to parse its rows with. */
static VbStreamReader *
head_reader (const Input *in, GError **error)
{
  g_autoptr (GString) head = g_string_new (NULL);
  for (guint k = 0; k < in->head->len; k++)
    g_string_append (head, in->head->pdata[k]);
  FILE *fp = fmemopen (head->str, head->len, "rb");
  if (fp == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: %s", in->name, g_strerror (errno));
      return NULL;
    }
  VbStreamReader *r = vb_stream_reader_open_fp (fp, in->name, error);
  fclose (fp);
  return r;
}

/* Copies in's rows to out.  A copy of the head inside the input (the
 * shards' outputs concatenated, as `parallel --keep-order` does) is checked
 * against the first input's head and dropped. */
static gboolean
copy_rows (Input *in, const Input *first, FILE *out, guint64 *rows, GHashTable *firsts,
           GError **error)
{
  gboolean first_row = TRUE;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  guint lineno = in->head->len;
  g_autoptr (VbStreamReader) r = head_reader (in, error);
  if (r == NULL)
    return FALSE;
  g_autoptr (GPtrArray) fields = vb_stream_fields_new ();
  guint64 offset = 0;
  for (guint k = 0; k < in->head->len; k++)
    offset += strlen (in->head->pdata[k]);
  gboolean ok = TRUE;
  const char *head0 = first->head->pdata[0];
  for (; ok && (n = getline (&line, &cap, in->fp)) > 0; offset += (guint64) n)
    {
      lineno++;
      if (line[n - 1] != '\n')
        {
          /* A shard cut short must not glue its last row to the next one. */
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: the last row has no line end: the shard looks truncated",
                       in->name, lineno);
          ok = FALSE;
          break;
        }
      /* Rows start with a document id and a segment number, so these
       * can only be head lines. */
      if (g_str_has_prefix (line, "#verba-code") || g_str_has_prefix (line, "document\tsegment\t"))
        {
          if (strcmp (line, head0) != 0)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                           "%s:%u: a repeated head differs from the head of %s "
                           "(shards must come from one run: same codebook, same columns)",
                           in->name, lineno, first->name);
              ok = FALSE;
            }
          for (guint k = 1; ok && k < first->head->len; k++)
            {
              n = getline (&line, &cap, in->fp);
              lineno++;
              if (n <= 0 || strcmp (line, first->head->pdata[k]) != 0)
                {
                  g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                               "%s:%u: a repeated head differs from the head of %s "
                               "(shards must come from one run: same codebook, same columns)",
                               in->name, lineno, first->name);
                  ok = FALSE;
                }
            }
          continue;
        }
      gsize len = (gsize) n - 1;
      if (len > 0 && line[len - 1] == '\r')
        len--;
      if (len > 0)
        {
          VbSegment *seg = NULL;
          if (!vb_stream_reader_parse_line (r, line, len, lineno, offset, fields, &seg, error))
            {
              ok = FALSE;
              break;
            }
          /* Shards hold different documents, so two inputs that start
           * with the same one are one shard given twice (or overlapping
           * cuts): merged, its segments would count twice.  Checking the
           * first document of each input keeps merge's memory flat. */
          const char *before = first_row ? g_hash_table_lookup (firsts, seg->document) : NULL;
          if (before)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                           "%s:%u: document '%s' is also in %s: the same shard given twice? "
                           "(shards hold different documents; merged, its segments would "
                           "count twice)", in->name, lineno, seg->document, before);
              vb_segment_free (seg);
              ok = FALSE;
              break;
            }
          if (first_row)
            g_hash_table_insert (firsts, g_strdup (seg->document), (gpointer) in->name);
          first_row = FALSE;
          vb_segment_free (seg);
          (*rows)++;
        }
      if (fwrite (line, 1, (size_t) n, out) != (size_t) n)
        {
          int e = errno;
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s",
                       vb_output_name_for (out), g_strerror (e));
          ok = FALSE;
        }
    }
  free (line);
  if (ok && ferror (in->fp))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: %s", in->name, g_strerror (errno));
      ok = FALSE;
    }
  return ok;
}

int
builtin_merge (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "STREAM…", "Join the streams written by shards of one run, in order.",
      "The inputs are segments streams, coded or not, from shards of one run\n"
      "(split at document boundaries, coded with the same codebook).  The\n"
      "output is the stream a single run would have written: the head of the\n"
      "first input, then the rows of every input in the order given.  Heads\n"
      "that differ are an error.  Heads repeated inside an input (shards'\n"
      "outputs concatenated by 'parallel --keep-order') are checked and\n"
      "dropped.  See 'Speed and scale' in README.md.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "merge", &argc, &argv))
    return CLI_USAGE;
  if (argc < 2)
    {
      cli_error ("merge", "no input streams (see 'verba merge --help')");
      return CLI_USAGE;
    }
  guint n_stdin = 0;
  for (int i = 1; i < argc; i++)
    n_stdin += strcmp (argv[i], "-") == 0;
  if (n_stdin > 1)
    {
      cli_error ("merge", "standard input ('-') can be read once only");
      return CLI_USAGE;
    }

  g_autoptr (GError) err = NULL;
  guint n = (guint) argc - 1;
  Input *in = g_new0 (Input, n);
  for (guint i = 0; i < n; i++)
    in[i].name = argv[i + 1];
  /* Every head is checked before a row is written. */
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n; i++)
    ok = read_head (&in[i], &err) && (i == 0 || same_head (&in[0], &in[i], &err));

  VbOutput *out = NULL;
  guint64 rows = 0;
  if (ok)
    {
      out = vb_output_open (opt_output, &err);
      ok = out != NULL;
    }
  if (ok)
    {
      FILE *fp = vb_output_fp (out);
      for (guint k = 0; k < in[0].head->len; k++)
        fputs (in[0].head->pdata[k], fp);
      g_autoptr (GHashTable) firsts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; ok && i < n; i++)
        ok = copy_rows (&in[i], &in[0], fp, &rows, firsts, &err);
    }
  for (guint i = 0; i < n; i++)
    input_close (&in[i]);
  g_free (in);
  if (!ok)
    {
      vb_output_abort (out);
      return cli_fail ("merge", err);
    }
  if (!vb_output_commit (out, &err))
    return cli_fail ("merge", err);
  if (!opt_quiet)
    fprintf (stderr, "verba merge: %u streams, %" G_GUINT64_FORMAT " segments\n", n, rows);
  return CLI_OK;
}
