/* verba campaigns: mark campaign and duplicate responses in a stream. */
#include "builtin.h"
#include "cli.h"
#include "base/vb-scratch.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *opt_within = NULL;
static int opt_shingle = 3;
static double opt_threshold = 0.8;
static int opt_min_words = 8;
static int opt_min_size = 2;
static gboolean opt_report = FALSE;
static char *opt_format = NULL;
static char *opt_output = NULL;
static gboolean opt_quiet = FALSE;
static char *opt_memory = NULL;

static GOptionEntry entries[] = {
  { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &opt_threshold,
    "Least Jaccard similarity of two answers' word shingles (default 0.8)", "J" },
  { "shingle", 0, 0, G_OPTION_ARG_INT, &opt_shingle, "Words per shingle (default 3)", "K" },
  { "min-words", 0, 0, G_OPTION_ARG_INT, &opt_min_words,
    "Shorter answers are never campaign members (default 8)", "N" },
  { "min-size", 0, 0, G_OPTION_ARG_INT, &opt_min_size,
    "Smaller clusters are not campaigns (default 2)", "N" },
  { "within", 0, 0, G_OPTION_ARG_STRING, &opt_within,
    "Compare only answers with the same value of ATTR (default: question, when the stream "
    "has it; '' compares all together)", "ATTR" },
  { "report", 0, 0, G_OPTION_ARG_NONE, &opt_report,
    "Print a table of the campaigns instead of the stream", NULL },
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format,
    "Format of --report: tsv (default), csv, md, txt", "FMT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (atomically) instead of standard output", "FILE" },
  { "memory", 0, 0, G_OPTION_ARG_STRING, &opt_memory,
    "Keep LSH band keys in memory up to half of SIZE, then in a temporary file (default "
    "512M; K, M, G: binary units)", "SIZE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No summary line on stderr", NULL },
  { NULL }
};

/* Where each row of the input is, so that the rows of a candidate pair
 * (and the stream, in a second pass) can be read again instead of kept:
 * 16 bytes a row. */
typedef struct {
  guint64 offset;
  guint32 len;
  guint32 line_no;
} Row;

typedef struct {
  const char     *name;    /* for messages */
  int             fd;      /* the input, or a temporary copy of it; readable at offsets */
  VbStreamReader *r;       /* the first pass's reader, for parse_line */
  FILE           *r_fp;    /* what it reads */
  GArray         *rows;    /* Row */
  GPtrArray      *fields;  /* parse_line's scratch */
  GString        *line;
  VbSegment      *seg;     /* the row read again last */
} Input;

static void
input_clear (Input *in)
{
  if (in->fd >= 0)
    close (in->fd);
  vb_stream_reader_free (in->r);
  if (in->r_fp)
    fclose (in->r_fp);
  g_array_unref (in->rows);
  g_ptr_array_unref (in->fields);
  g_string_free (in->line, TRUE);
  vb_segment_free (in->seg);
}

/* A regular file is read where it is; standard input or a pipe is copied
 * to a temporary file first, so that it can be read again. */
static gboolean
input_open (Input *in, const char *path, GError **error)
{
  memset (in, 0, sizeof *in);
  in->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  in->fields = vb_stream_fields_new ();
  in->line = g_string_new (NULL);
  in->name = strcmp (path, "-") == 0 ? "<stdin>" : path;
  in->fd = vb_scratch_open_input (path, error);
  return in->fd >= 0;
}

/* A reader of the whole input from its start, for one pass. */
static VbStreamReader *
input_reader (Input *in, FILE **fp, GError **error)
{
  *fp = NULL;
  int fd = dup (in->fd);
  if (fd >= 0 && lseek (fd, 0, SEEK_SET) == 0)
    *fp = fdopen (fd, "r");
  if (*fp == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", in->name,
                   g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return NULL;
    }
  return vb_stream_reader_open_fp (*fp, in->name, error);
}

static gboolean
fetch_row (gpointer data, guint i, const VbSegment **seg, GError **error)
{
  Input *in = data;
  const Row *row = &g_array_index (in->rows, Row, i);
  g_string_set_size (in->line, row->len);
  gsize got = 0;
  while (got < row->len)
    {
      ssize_t n = pread (in->fd, in->line->str + got, row->len - got, (off_t) (row->offset + got));
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s:%u: cannot read again: %s", in->name,
                       row->line_no, n < 0 ? g_strerror (errno) : "the file is shorter now");
          return FALSE;
        }
      got += (gsize) n;
    }
  g_clear_pointer (&in->seg, vb_segment_free);
  if (!vb_stream_reader_parse_line (in->r, in->line->str, row->len, row->line_no, row->offset,
                                    in->fields, &in->seg, error))
    return FALSE;
  *seg = in->seg;
  return TRUE;
}

/* The first pass: every row is parsed (so bad input fails before any
 * output), its place noted and its answer handed to the finder. */
static VbCampaigns *
find (Input *in, const VbCampaignOptions *o, GError **error)
{
  g_autoptr (VbCampaignFinder) f = vb_campaign_finder_new (o, fetch_row, in, error);
  if (f == NULL)
    return NULL;
  const char *line;
  gsize len;
  guint line_no;
  GError *err = NULL;
  while (vb_stream_reader_next_line (in->r, &line, &len, &line_no, &err))
    {
      Row row = { vb_stream_reader_line_start (in->r), (guint32) len, line_no };
      g_autoptr (VbSegment) seg = NULL;
      if (!vb_stream_reader_parse_line (in->r, line, len, line_no, row.offset, in->fields, &seg,
                                        &err))
        break;
      g_array_append_val (in->rows, row);
      if (!vb_campaign_finder_add (f, seg, &err))
        break;
    }
  if (err)
    {
      g_propagate_error (error, err);
      return NULL;
    }
  return vb_campaign_finder_finish (f, error);
}

static void
add_cell (GPtrArray *cells, const char *s)
{
  g_ptr_array_add (cells, g_strdup (s ? s : ""));
}

static gboolean
write_report (const VbCampaigns *c, Input *in, const char *within, VbFormat format,
              GString *out, GError **error)
{
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint n_cols = within ? 6 : 5;
  add_cell (cells, "campaign");
  if (within)
    add_cell (cells, within);
  add_cell (cells, "size");
  add_cell (cells, "similarity");
  add_cell (cells, "first");
  add_cell (cells, "example");
  for (guint k = 0; k < c->campaigns->len; k++)
    {
      const VbCampaign *camp = c->campaigns->pdata[k];
      const VbSegment *head;
      if (!fetch_row (in, g_array_index (camp->members, guint, 0), &head, error))
        return FALSE;
      char sim[G_ASCII_DTOSTR_BUF_SIZE];
      add_cell (cells, camp->id);
      if (within)
        add_cell (cells, camp->within);
      g_ptr_array_add (cells, g_strdup_printf ("%u", camp->members->len));
      add_cell (cells, g_ascii_formatd (sim, sizeof sim, "%.2f", camp->similarity));
      add_cell (cells, camp->first);
      g_ptr_array_add (cells, vb_text_shorten (head->text, 100));
    }
  vb_grid_write (cells, n_cols, within ? "llrrll" : "lrrll", "Campaigns", format, out);
  if (format == VB_FORMAT_MD || format == VB_FORMAT_TXT)
    g_string_append_printf (out,
                            "\nSize: segments in the campaign. Similarity: the lowest Jaccard "
                            "similarity of a member's word %d-shingles to the first member's.\n",
                            opt_shingle);
  return TRUE;
}

/* The second pass: the input is read again from its start and every
 * segment written with its campaign, one at a time. */
static gboolean
write_stream (Input *in, const VbCampaigns *c, GError **error)
{
  /* Columns already there keep their place, so a second run changes
   * nothing; the stream's own "campaign" is renamed, not overwritten. */
  g_autoptr (GPtrArray) renamed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) keys = vb_campaigns_columns (vb_stream_reader_attr_keys (in->r), NULL,
                                                     renamed);
  for (guint i = 0; i + 1 < renamed->len; i += 2)
    cli_warning ("campaigns", "%s: the stream's own attribute '%s' is kept as '%s' (verba "
                 "campaigns writes '%s')", in->name,
                 (char *) renamed->pdata[i], (char *) renamed->pdata[i + 1],
                 (char *) renamed->pdata[i]);
  g_ptr_array_add (keys, NULL);

  FILE *fp;
  g_autoptr (VbStreamReader) r = input_reader (in, &fp, error);
  if (r == NULL)
    {
      if (fp)
        fclose (fp);
      return FALSE;
    }
  VbOutput *out = vb_output_open (opt_output, error);
  if (out == NULL)
    {
      fclose (fp);
      return FALSE;
    }
  g_autoptr (VbStreamWriter) w = vb_stream_writer_new (
      vb_output_fp (out), (const char *const *) keys->pdata, vb_stream_reader_is_coded (r),
      vb_stream_reader_codebook (r));
  guint i = 0;
  VbSegment *seg;
  GError *err = NULL;
  while (vb_stream_reader_next (r, &seg, &err))
    {
      g_autoptr (VbSegment) owned = seg;
      if (i >= c->of->len)
        {
          g_set_error (&err, VB_ERROR, VB_ERROR_IO, "%s: changed while it was read (more "
                       "than %u rows the second time)", in->name, c->of->len);
          break;
        }
      vb_campaigns_rename (renamed, seg);
      vb_campaigns_annotate_one (c, i++, seg);
      if (!vb_stream_writer_write (w, seg, &err))
        break;
    }
  fclose (fp);
  if (err == NULL && i != c->of->len)
    g_set_error (&err, VB_ERROR, VB_ERROR_IO, "%s: changed while it was read (%u rows, then %u)",
                 in->name, c->of->len, i);
  if (err)
    {
      g_propagate_error (error, err);
      vb_output_abort (out);
      return FALSE;
    }
  return vb_output_commit (out, error);
}

/* SIZE as bytes: digits, then K, M or G (powers of 1024) or nothing;
 * 0 when it is not a size in [VB_CAMPAIGN_MEMORY_MIN, 1T]. */
static gsize
parse_memory (const char *s)
{
  char *end;
  if (!g_ascii_isdigit (*s))
    return 0;
  errno = 0;
  guint64 n = g_ascii_strtoull (s, &end, 10);
  guint shift = 0;
  switch (g_ascii_toupper (*end))
    {
    case 'K': shift = 10, end++; break;
    case 'M': shift = 20, end++; break;
    case 'G': shift = 30, end++; break;
    default: break;
    }
  if (errno || *end || n > (G_GUINT64_CONSTANT (1) << 40) >> shift)
    return 0;
  n <<= shift;
  return n >= VB_CAMPAIGN_MEMORY_MIN && n <= G_MAXSIZE ? (gsize) n : 0;
}

static int
run (Input *in, VbFormat format, gsize memory)
{
  g_autoptr (GError) err = NULL;
  in->r = input_reader (in, &in->r_fp, &err);
  if (in->r == NULL)
    return cli_fail ("campaigns", err);
  const char *within = opt_within;
  if (within == NULL && g_strv_contains (vb_stream_reader_attr_keys (in->r), "question"))
    within = "question";
  else if (within && *within == '\0')
    within = NULL;
  else if (within && !cli_check_attr ("campaigns", in->r, within))
    return CLI_FAILED;

  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  o.shingle = (guint) opt_shingle;
  o.threshold = opt_threshold;
  o.min_words = (guint) opt_min_words;
  o.min_size = (guint) opt_min_size;
  o.within = within;
  o.memory = memory;
  g_autoptr (VbCampaigns) c = find (in, &o, &err);
  if (c == NULL)
    return cli_fail ("campaigns", err);

  int status = CLI_OK;
  if (opt_report)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      if (!write_report (c, in, within, format, text, &err))
        return cli_fail ("campaigns", err);
      status = cli_write_output_as ("campaigns", opt_output, text, format);
    }
  else if (!write_stream (in, c, &err))
    status = cli_fail ("campaigns", err);
  if (status != CLI_OK)
    return status;

  guint members = 0, largest = 0;
  for (guint k = 0; k < c->campaigns->len; k++)
    {
      guint n = ((VbCampaign *) c->campaigns->pdata[k])->members->len;
      members += n;
      largest = MAX (largest, n);
    }
  if (!opt_quiet)
    fprintf (stderr, "verba campaigns: %u segments read, %u in %u campaign%s (largest %u)%s\n",
             in->rows->len, members, c->campaigns->len, c->campaigns->len == 1 ? "" : "s",
             largest, c->spilled ? "; band keys past --memory went to a temporary file" : "");
  return CLI_OK;
}

int
builtin_campaigns (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[STREAM|-]", "Mark campaign and duplicate responses in a segments stream.",
      "Answers whose words are identical, or whose word shingles are at\n"
      "least J similar (Jaccard), and the answers similar to those, form a\n"
      "campaign.  Every segment is written out with the columns campaign,\n"
      "campaign_size and duplicate_of (DOCUMENT:SEGMENT of the campaign's\n"
      "first member, on every other member); 'verba freq --campaigns\n"
      "collapse' then counts each campaign once.  Moderators' and\n"
      "interviewers' words are never members.  The input is read twice\n"
      "(a pipe is first copied to a temporary file in TMPDIR); memory grows\n"
      "with the number of distinct answers, about 200 bytes each beside the\n"
      "band keys (256 bytes each), which past --memory go to a temporary file.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "campaigns", &argc, &argv))
    return CLI_USAGE;
  VbFormat format = VB_FORMAT_TSV;
  if (!cli_format ("campaigns", opt_format, &format))
    return CLI_USAGE;
  if (argc > 2)
    {
      cli_error ("campaigns", "one input stream at a time (see 'verba campaigns --help')");
      return CLI_USAGE;
    }
  if (opt_shingle < 1 || opt_min_words < 1 || opt_min_size < 2
      || !(opt_threshold > 0 && opt_threshold <= 1))
    {
      cli_error ("campaigns", "--shingle and --min-words must be at least 1, --min-size at "
                              "least 2, --threshold above 0 and at most 1");
      return CLI_USAGE;
    }
  if (!cli_option_in_range ("campaigns", "--shingle", opt_shingle, 1, 100)
      || !cli_option_in_range ("campaigns", "--min-words", opt_min_words, 1, CLI_MAX_COUNT))
    return CLI_USAGE;

  gsize memory = opt_memory ? parse_memory (opt_memory) : VB_CAMPAIGN_MEMORY;
  if (memory == 0)
    {
      cli_error ("campaigns", "--memory: '%s' is not a size from 64K to 1024G (say 512M)",
                 opt_memory);
      return CLI_USAGE;
    }

  g_autoptr (GError) err = NULL;
  Input in;
  gboolean opened = input_open (&in, argc > 1 ? argv[1] : "-", &err);
  int status = opened ? run (&in, format, memory) : cli_fail ("campaigns", err);
  input_clear (&in);
  return status;
}
