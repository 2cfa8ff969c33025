/* verba campaigns: mark campaign and duplicate responses in a stream. */
#include "builtin.h"
#include "cli.h"

#include <stdio.h>
#include <string.h>

static char *opt_within = NULL;
static int opt_shingle = 3;
static double opt_threshold = 0.8;
static int opt_min_words = 8;
static int opt_min_size = 2;
static gboolean opt_report = FALSE;
static char *opt_format = NULL;
static char *opt_output = NULL;
static gboolean opt_quiet = FALSE;

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
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No summary line on stderr", NULL },
  { NULL }
};

static void
add_cell (GPtrArray *cells, const char *s)
{
  g_ptr_array_add (cells, g_strdup (s ? s : ""));
}

static void
write_report (const VbCampaigns *c, GPtrArray *segs, const char *within, VbFormat format,
              GString *out)
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
      const VbSegment *head = segs->pdata[g_array_index (camp->members, guint, 0)];
      char sim[G_ASCII_DTOSTR_BUF_SIZE];
      add_cell (cells, camp->id);
      if (within)
        add_cell (cells, camp->within);
      g_ptr_array_add (cells, g_strdup_printf ("%u", camp->members->len));
      add_cell (cells, g_ascii_formatd (sim, sizeof sim, "%.2f", camp->similarity));
      g_ptr_array_add (cells, g_strdup_printf ("%s:%u", head->document, head->index));
      g_ptr_array_add (cells, vb_text_shorten (head->text, 100));
    }
  vb_grid_write (cells, n_cols, within ? "llrrll" : "lrrll", "Campaigns", format, out);
  if (format == VB_FORMAT_MD || format == VB_FORMAT_TXT)
    g_string_append_printf (out,
                            "\nSize: segments in the campaign. Similarity: the lowest Jaccard "
                            "similarity of a member's word %d-shingles to the first member's.\n",
                            opt_shingle);
}

static gboolean
write_stream (VbStreamReader *r, const VbCampaigns *c, GPtrArray *segs, GError **error)
{
  /* Columns already there keep their place, so a second run changes
   * nothing; the stream's own "campaign" is renamed, not overwritten. */
  g_autoptr (GPtrArray) renamed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) keys = vb_campaigns_columns (vb_stream_reader_attr_keys (r), segs, renamed);
  for (guint i = 0; i + 1 < renamed->len; i += 2)
    cli_warning ("campaigns", "%s: the stream's own attribute '%s' is kept as '%s' (verba "
                 "campaigns writes '%s')", vb_stream_reader_path (r),
                 (char *) renamed->pdata[i], (char *) renamed->pdata[i + 1],
                 (char *) renamed->pdata[i]);
  g_ptr_array_add (keys, NULL);

  vb_campaigns_annotate (c, segs);
  VbOutput *out = vb_output_open (opt_output, error);
  if (out == NULL)
    return FALSE;
  g_autoptr (VbStreamWriter) w = vb_stream_writer_new (
      vb_output_fp (out), (const char *const *) keys->pdata, vb_stream_reader_is_coded (r),
      vb_stream_reader_codebook (r));
  for (guint i = 0; i < segs->len; i++)
    if (!vb_stream_writer_write (w, segs->pdata[i], error))
      {
        vb_output_abort (out);
        return FALSE;
      }
  return vb_output_commit (out, error);
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
      "interviewers' words are never members.  The whole stream is held in\n"
      "memory: every answer must be seen before any can be written.");
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

  g_autoptr (GError) err = NULL;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (argc > 1 ? argv[1] : "-", &err);
  if (r == NULL)
    return cli_fail ("campaigns", err);
  const char *within = opt_within;
  if (within == NULL && g_strv_contains (vb_stream_reader_attr_keys (r), "question"))
    within = "question";
  else if (within && *within == '\0')
    within = NULL;
  else if (within && !cli_check_attr ("campaigns", r, within))
    return CLI_FAILED;

  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  VbSegment *seg;
  while (vb_stream_reader_next (r, &seg, &err))
    g_ptr_array_add (segs, seg);
  if (err)
    return cli_fail ("campaigns", err);

  VbCampaignOptions o;
  vb_campaign_options_init (&o);
  o.shingle = (guint) opt_shingle;
  o.threshold = opt_threshold;
  o.min_words = (guint) opt_min_words;
  o.min_size = (guint) opt_min_size;
  o.within = within;
  g_autoptr (VbCampaigns) c = vb_campaigns_find (segs, &o, &err);
  if (c == NULL)
    return cli_fail ("campaigns", err);

  int status = CLI_OK;
  if (opt_report)
    {
      g_autoptr (GString) text = g_string_new (NULL);
      write_report (c, segs, within, format, text);
      status = cli_write_output_as ("campaigns", opt_output, text, format);
    }
  else if (!write_stream (r, c, segs, &err))
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
    fprintf (stderr, "verba campaigns: %u segments read, %u in %u campaign%s (largest %u)\n",
             segs->len, members, c->campaigns->len, c->campaigns->len == 1 ? "" : "s", largest);
  return CLI_OK;
}
