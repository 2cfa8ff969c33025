/* verba quotes: verbatims per code, attributed as reports print them. */
#include "builtin.h"
#include "cli.h"

#include <string.h>

static char **opt_codes = NULL;
static char *opt_by = NULL;
static int opt_n = 3;
static char *opt_format = NULL;
static char *opt_attribution = NULL;
static char *opt_phase = NULL;
static char *opt_output = NULL;
static char **opt_codebooks = NULL;
static gboolean opt_include_moderator = FALSE;
static gboolean opt_notes = FALSE;
static int opt_max_chars = 400;
static char *opt_rank = NULL;
static int opt_min_words = 0;
static int opt_max_words = 0;
static gboolean opt_one_per_participant = FALSE;
static char *opt_spread = NULL;
static gboolean opt_names = FALSE;
static char *opt_pseudonyms = NULL;
static VbPseudonyms *pseudonyms = NULL;

static GOptionEntry entries[] = {
  { "code", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_codes,
    "Only this code, by id or label (repeatable)", "CODE" },
  { "by", 'b', 0, G_OPTION_ARG_STRING, &opt_by, "Choose verbatims per value of ATTR too", "ATTR" },
  { "number", 'n', 0, G_OPTION_ARG_INT, &opt_n, "Verbatims per code (default 3)", "N" },
  { "top", 0, 0, G_OPTION_ARG_INT, &opt_n, "The same as -n", "N" },
  { "rank", 0, 0, G_OPTION_ARG_STRING, &opt_rank,
    "hits (default): most codings of the code first; codes: verbatims raising most "
    "codes first", "HOW" },
  { "min-words", 0, 0, G_OPTION_ARG_INT, &opt_min_words,
    "Leave out verbatims of fewer words", "N" },
  { "max-words", 0, 0, G_OPTION_ARG_INT, &opt_max_words,
    "Leave out verbatims of more words (0: no limit)", "N" },
  { "one-per-participant", 0, 0, G_OPTION_ARG_NONE, &opt_one_per_participant,
    "Never quote a participant twice for a code (default: only once all have been quoted)", NULL },
  { "spread", 0, 0, G_OPTION_ARG_STRING, &opt_spread,
    "Take the best verbatim of each value of ATTR in turn", "ATTR" },
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format, "Format: tsv (default), csv, md, txt, latex, json, html", "FMT" },
  { "attribution", 0, 0, G_OPTION_ARG_STRING, &opt_attribution,
    "Attribution template, e.g. '{location}, {age}, {grade}' (default: the segment's "
    "attribution, else location, age and grade)", "TEMPLATE" },
  { "max-chars", 0, 0, G_OPTION_ARG_INT, &opt_max_chars,
    "Cut longer verbatims at a word boundary (default 400, 0: never)", "N" },
  { "phase", 0, 0, G_OPTION_ARG_STRING, &opt_phase, "all (default), spontaneous, prompted", "PHASE" },
  { "include-moderator", 0, 0, G_OPTION_ARG_NONE, &opt_include_moderator,
    "Quote moderators and interviewers too", NULL },
  { "notes", 0, 0, G_OPTION_ARG_NONE, &opt_notes,
    "Also quote the note-taker's bullets and flipcharts (kind=note|flipchart)", NULL },
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook for order and labels (default: the one the stream carries)", "CODEBOOK" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  CLI_PSEUDONYM_ENTRIES (&opt_names, &opt_pseudonyms),
  { NULL }
};

typedef struct {
  const VbCode  *code;
  char          *by;      /* NULL without --by */
  VbQuotePicker *picker;
  guint          last;    /* the last segment offered (its number in the stream) */
} Group;

static void
group_free (gpointer p)
{
  Group *g = p;
  vb_quote_picker_free (g->picker);
  g_free (g->by);
  g_free (g);
}

static void
emit (GString *out, GPtrArray *cells, VbFormat format, const Group *g, guint rank,
      const VbSegment *seg)
{
  const char *speaker = vb_pseudonyms_speaker (pseudonyms, seg);
  g_autofree char *quote = vb_quote_format (seg, opt_attribution, speaker, (guint) opt_max_chars);
  if (format == VB_FORMAT_MD || format == VB_FORMAT_TXT)
    {
      g_string_append_printf (out, format == VB_FORMAT_MD ? "> %s\n\n" : "  %s\n", quote);
      return;
    }
  g_autofree char *r = g_strdup_printf ("%u", rank);
  g_autofree char *s = g_strdup_printf ("%u", seg->index);
  const char *with_by[] = { g->code->id, g->code->label, g->by, r, quote, seg->document, s,
                            speaker ? speaker : "" };
  const char *without[] = { g->code->id, g->code->label, r, quote, seg->document, s,
                            speaker ? speaker : "" };
  const char *const *row = opt_by ? with_by : without;
  guint n = opt_by ? G_N_ELEMENTS (with_by) : G_N_ELEMENTS (without);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (cells, g_strdup (row[i]));
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return vb_value_compare (*(const char *const *) a, *(const char *const *) b);
}

int
builtin_quotes (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[CODED|-]", "Verbatims per code, with their attribution.",
      "Verbatims where the code was found most often come first (--rank codes:\n"
      "those raising most codes), near a readable length, one per speaker before\n"
      "anyone is quoted twice; --spread takes each group's best in turn.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "quotes", &argc, &argv))
    return CLI_USAGE;
  VbFormat format = VB_FORMAT_TSV;
  int phase = VB_PHASE_FILTER_ALL;
  if (!cli_format ("quotes", opt_format, &format) || !cli_phase ("quotes", opt_phase, &phase))
    return CLI_USAGE;
  if (opt_n < 1 || opt_max_chars < 0 || argc > 2)
    {
      cli_error ("quotes", argc > 2 ? "one input stream at a time" : "-n must be at least 1 and --max-chars not negative");
      return CLI_USAGE;
    }
  if (!cli_option_in_range ("quotes", "-n", opt_n, 1, CLI_MAX_COUNT)
      || !cli_option_in_range ("quotes", "--max-chars", opt_max_chars, 0, CLI_MAX_COUNT))
    return CLI_USAGE;
  VbQuoteChoice choice;
  vb_quote_choice_init (&choice);
  if (opt_rank && strcmp (opt_rank, "codes") == 0)
    choice.rank = VB_QUOTE_RANK_CODES;
  else if (opt_rank && strcmp (opt_rank, "hits") != 0)
    {
      cli_error ("quotes", "unknown --rank '%s' (known: hits, codes)", opt_rank);
      return CLI_USAGE;
    }
  if (opt_min_words < 0 || opt_max_words < 0 || (opt_max_words && opt_min_words > opt_max_words))
    {
      cli_error ("quotes", "--min-words and --max-words must be numbers of words, the minimum "
                 "not above the maximum");
      return CLI_USAGE;
    }
  if (!cli_option_in_range ("quotes", "--min-words", opt_min_words, 0, CLI_MAX_COUNT)
      || !cli_option_in_range ("quotes", "--max-words", opt_max_words, 0, CLI_MAX_COUNT))
    return CLI_USAGE;
  choice.n = (guint) opt_n;
  choice.notes = opt_notes;
  choice.min_words = (guint) opt_min_words;
  choice.max_words = (guint) opt_max_words;
  choice.one_per_participant = opt_one_per_participant;
  choice.spread = opt_spread;
  g_autoptr (GError) err = NULL;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (argc > 1 ? argv[1] : "-", &err);
  if (r == NULL)
    return cli_fail ("quotes", err);
  if (!cli_check_attr ("quotes", r, opt_by) || !cli_check_attr ("quotes", r, opt_spread))
    return CLI_FAILED;
  g_autoptr (VbCodebook) cb = NULL;
  if (opt_codebooks)
    cb = cli_load_codebooks (opt_codebooks, &err);
  else
    {
      cb = vb_codebook_new ("", "");
      if (vb_stream_reader_codebook (r))
        vb_codebook_merge (cb, vb_stream_reader_codebook (r), NULL);
    }
  if (cb == NULL)
    return cli_fail ("quotes", err);
  for (guint i = 0; opt_codes && opt_codes[i]; i++)
    {
      if (vb_codebook_lookup (cb, opt_codes[i]) != NULL)
        continue;
      /* A code's label does as well as its id ("Honesty", "equal access"). */
      const VbCode *by_label = NULL;
      for (guint k = 0; k < vb_codebook_n_codes (cb) && by_label == NULL; k++)
        {
          const VbCode *c = vb_codebook_code (cb, k);
          g_autofree char *a = g_utf8_casefold (c->label, -1);
          g_autofree char *b = g_utf8_casefold (opt_codes[i], -1);
          if (strcmp (a, b) == 0)
            by_label = c;
        }
      if (by_label)
        {
          g_free (opt_codes[i]);
          opt_codes[i] = g_strdup (by_label->id);
          continue;
        }
      GString *ids = g_string_new (NULL);
      for (guint k = 0; k < vb_codebook_n_codes (cb); k++)
        g_string_append_printf (ids, "%s%s", k ? ", " : "", vb_codebook_code (cb, k)->id);
      cli_error ("quotes", "unknown code '%s' (the codes: %s)", opt_codes[i],
                 ids->len ? ids->str : "none: the stream lists no codes");
      g_string_free (ids, TRUE);
      return CLI_FAILED;
    }

  g_autoptr (VbPseudonyms) shown = cli_pseudonyms ("quotes", opt_names, opt_pseudonyms);
  if (shown == NULL)
    return CLI_FAILED;
  pseudonyms = shown;
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, group_free);
  g_autoptr (GPtrArray) by_values = g_ptr_array_new ();
  /* Each segment is offered to the pickers of its codes and then freed:
   * they copy the few that can still be quoted. */
  VbSegment *raw;
  for (guint n_seen = 1; vb_stream_reader_next (r, &raw, &err); n_seen++)
    {
      g_autoptr (VbSegment) seg = raw;
      vb_pseudonyms_see (pseudonyms, seg);
      if ((!opt_include_moderator && !vb_role_is_counted (seg->role))
          || (phase != VB_PHASE_FILTER_ALL && (int) seg->phase != phase))
        continue;
      const char *by = opt_by ? vb_segment_value (seg, opt_by) : NULL;
      if (opt_by && by == NULL)
        by = "(none)";
      for (guint k = 0; seg->codings && k < seg->codings->len; k++)
        {
          const char *id = g_array_index (seg->codings, VbCoding, k).code;
          if (vb_codebook_lookup (cb, id) == NULL)
            vb_codebook_add (cb, id, VB_CODE_THEME, id, NULL, NULL);
          if (opt_codes && !g_strv_contains ((const char *const *) opt_codes, id))
            continue;
          g_autofree char *key = g_strconcat (id, "\x1f", by ? by : "", NULL);
          Group *g = g_hash_table_lookup (groups, key);
          if (g == NULL)
            {
              g = g_new0 (Group, 1);
              g->code = vb_codebook_lookup (cb, id);
              g->by = g_strdup (by);
              g->picker = vb_quote_picker_new (id, &choice, FALSE);
              g_hash_table_insert (groups, g_steal_pointer (&key), g);
              if (by && !g_ptr_array_find_with_equal_func (by_values, by, g_str_equal, NULL))
                g_ptr_array_add (by_values, g->by);
            }
          /* A segment with the code twice is one candidate. */
          if (g->last != n_seen)
            vb_quote_picker_add (g->picker, seg);
          g->last = n_seen;
        }
    }
  if (err)
    return cli_fail ("quotes", err);
  g_ptr_array_sort (by_values, compare_strings);

  g_autoptr (GString) out = g_string_new (NULL);
  /* Every format but md and txt is a listing: one row a verbatim. */
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *with_by[] = { "code", "label", opt_by, "rank", "quote", "document", "segment",
                            "speaker" };
  const char *without[] = { "code", "label", "rank", "quote", "document", "segment", "speaker" };
  guint n_cols = opt_by ? G_N_ELEMENTS (with_by) : G_N_ELEMENTS (without);
  for (guint i = 0; i < n_cols; i++)
    g_ptr_array_add (cells, g_strdup (opt_by ? with_by[i] : without[i]));
  for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
    {
      const VbCode *code = vb_codebook_code (cb, c);
      if (opt_codes && !g_strv_contains ((const char *const *) opt_codes, code->id))
        continue;
      guint nby = opt_by ? by_values->len : 1;
      gboolean heading = FALSE;
      for (guint b = 0; b < nby; b++)
        {
          g_autofree char *key = g_strconcat (code->id, "\x1f", opt_by ? (char *) by_values->pdata[b] : "", NULL);
          Group *g = g_hash_table_lookup (groups, key);
          if (g == NULL)
            continue;
          GPtrArray *best = vb_quote_picker_result (g->picker);
          if (best->len == 0)
            continue;
          if (!heading && format == VB_FORMAT_MD)
            g_string_append_printf (out, "### %s\n\n", code->label);
          else if (!heading && format == VB_FORMAT_TXT)
            g_string_append_printf (out, "%s\n", code->label);
          heading = TRUE;
          if (opt_by && format == VB_FORMAT_MD)
            g_string_append_printf (out, "**%s**\n\n", g->by);
          else if (opt_by && format == VB_FORMAT_TXT)
            g_string_append_printf (out, " %s\n", g->by);
          for (guint q = 0; q < best->len; q++)
            emit (out, cells, format, g, q + 1, best->pdata[q]);
          if (format == VB_FORMAT_TXT)
            g_string_append_c (out, '\n');
        }
    }
  if (format != VB_FORMAT_MD && format != VB_FORMAT_TXT)
    vb_grid_write (cells, n_cols, opt_by ? "lllrllrl" : "llrllrl", "Verbatims", format, out);
  return cli_write_output_as ("quotes", opt_output, out, format);
}
