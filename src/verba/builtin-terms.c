/* verba terms: word and phrase frequencies, to draft a codebook from what
 * people said. */
#include "builtin.h"
#include "cli.h"
#include "analysis/vb-terms.h"

#include <string.h>

static char *opt_by = NULL;
static int opt_ngram = 1;
static gboolean opt_stop_words = FALSE;
static gboolean opt_stems = FALSE;
static int opt_n = 0;
static char *opt_format = NULL;
static char *opt_output = NULL;
static gboolean opt_include_moderator = FALSE;
static gboolean opt_names = FALSE;
static char *opt_pseudonyms = NULL;

static GOptionEntry entries[] = {
  { "by", 'b', 0, G_OPTION_ARG_STRING, &opt_by,
    "Count per value of ATTR (an attribute, speaker, role, phase or document)", "ATTR" },
  { "ngram", 0, 0, G_OPTION_ARG_INT, &opt_ngram,
    "Words in a term: 1 (default), 2 or 3 consecutive words of a sentence", "N" },
  { "stop-words", 0, 0, G_OPTION_ARG_NONE, &opt_stop_words,
    "Leave out English stop words (phrases that start or end with one)", NULL },
  { "stems", 0, 0, G_OPTION_ARG_NONE, &opt_stems,
    "Count English Snowball stems instead of words", NULL },
  { "number", 'n', 0, G_OPTION_ARG_INT, &opt_n,
    "At most N terms (per value with --by); default 0: all", "N" },
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format,
    "Format: tsv (default), csv, md, txt, latex, json, html", "FMT" },
  { "include-moderator", 0, 0, G_OPTION_ARG_NONE, &opt_include_moderator,
    "Count moderators' and interviewers' words too", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  CLI_PSEUDONYM_ENTRIES (&opt_names, &opt_pseudonyms),
  { NULL }
};

int
builtin_terms (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[SEGMENTS|-]", "Word and phrase frequencies, to draft a codebook from the data.",
      "Each term with its count and the number of documents using it, most\n"
      "frequent first, from the rules' own tokens, so a term here is what a\n"
      "rule would find.  Participants' words only, unless --include-moderator.\n"
      "See man verba-terms.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "terms", &argc, &argv))
    return CLI_USAGE;
  VbFormat format = VB_FORMAT_TSV;
  if (!cli_format ("terms", opt_format, &format))
    return CLI_USAGE;
  if (!cli_option_in_range ("terms", "--ngram", opt_ngram, 1, 3)
      || !cli_option_in_range ("terms", "-n", opt_n, 0, CLI_MAX_COUNT))
    return CLI_USAGE;
  if (argc > 2)
    {
      cli_error ("terms", "one input stream at a time (see 'verba terms --help')");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (argc > 1 ? argv[1] : "-", &err);
  if (r == NULL)
    return cli_fail ("terms", err);
  if (opt_by && !cli_check_attr ("terms", r, opt_by))
    return CLI_USAGE;
  g_autoptr (VbPseudonyms) shown = cli_pseudonyms ("terms", opt_names, opt_pseudonyms);
  if (shown == NULL)
    return CLI_FAILED;
  VbTermsOptions o = { (guint) opt_ngram, opt_stop_words, opt_stems ? "english" : NULL };
  g_autoptr (VbTerms) terms = vb_terms_new (&o, &err);
  if (terms == NULL)
    return cli_fail ("terms", err);
  VbSegment *seg;
  gboolean ok = TRUE;
  while (ok && vb_stream_reader_next (r, &seg, &err))
    {
      vb_pseudonyms_see (shown, seg);
      if (opt_include_moderator || vb_role_is_counted (seg->role))
        {
          /* A speaker is shown as everywhere else, never by name unless
           * asked, and with the document: "participant 1" of two
           * interviews are two people. */
          g_autofree char *speaker = NULL;
          const char *group = NULL;
          if (opt_by && strcmp (opt_by, "speaker") == 0)
            {
              const char *shown_as = vb_pseudonyms_speaker (shown, seg);
              group = speaker = shown_as ? g_strdup_printf ("%s, %s", seg->document, shown_as)
                                         : NULL;
            }
          else if (opt_by)
            group = vb_segment_value (seg, opt_by);
          ok = vb_terms_add (terms, seg, group, &err);
        }
      vb_segment_free (seg);
    }
  if (err)
    return cli_fail ("terms", err);

  GArray *rows = vb_terms_rows (terms, (guint) opt_n);
  guint n_cols = opt_by ? 4 : 3;
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  if (opt_by)
    g_ptr_array_add (cells, g_strdup (opt_by));
  g_ptr_array_add (cells, g_strdup ("term"));
  g_ptr_array_add (cells, g_strdup ("count"));
  g_ptr_array_add (cells, g_strdup ("documents"));
  for (guint i = 0; i < rows->len; i++)
    {
      const VbTermRow *row = &g_array_index (rows, VbTermRow, i);
      if (opt_by)
        g_ptr_array_add (cells, g_strdup (row->group));
      g_ptr_array_add (cells, g_strdup (row->term));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row->count));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row->documents));
    }
  g_autoptr (GString) out = g_string_new (NULL);
  vb_grid_write (cells, n_cols, opt_by ? "llrr" : "lrr", "Terms", format, out);
  return cli_write_output_as ("terms", opt_output, out, format);
}
