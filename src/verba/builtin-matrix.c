/* verba matrix: code x code or code x attribute. */
#include "builtin.h"
#include "cli.h"

#include <string.h>

static CliTableOptions topts;
static char *opt_rows = NULL;
static char *opt_cols = NULL;
static gboolean opt_links = FALSE;
static int opt_quotes = -1; /* -1: not given, 3 */
static gboolean opt_stats = FALSE;
static char *opt_within = NULL;
static char *opt_order = NULL;
static int opt_max_quotes = -1;

static GOptionEntry entries[] = {
  { "rows", 'r', 0, G_OPTION_ARG_STRING, &opt_rows,
    "Rows: code, theme, principle or an attribute (participant: a document's speaker)", "DIM" },
  { "cols", 0, 0, G_OPTION_ARG_STRING, &opt_cols,
    "Columns: code, theme, principle or an attribute", "DIM" },
  { "links", 'l', 0, G_OPTION_ARG_NONE, &opt_links,
    "Theme x principle by the codebook's links instead of co-occurrence in segments", NULL },
  { "quotes", 'n', 0, G_OPTION_ARG_INT, &opt_quotes,
    "Verbatims per cell with --cell quotes (default 3)", "N" },
  { "stats", 's', 0, G_OPTION_ARG_NONE, &opt_stats,
    "Codes x attribute: add chi-square tests, Cramér's V, Fisher's p (2 values) and shares "
    "with 95% Wilson intervals", NULL },
  { "max-quotes", 0, 0, G_OPTION_ARG_INT, &opt_max_quotes,
    "Framework matrix: every verbatim of a cell in the order said, up to N (0: all)", "N" },
  { "within", 0, 0, G_OPTION_ARG_STRING, &opt_within,
    "Code x code: codes co-occur within one segment (default) or document", "segment|document" },
  { "order", 0, 0, G_OPTION_ARG_STRING, &opt_order,
    "Code x code: codebook (default) or cluster (average linkage on 1 - Jaccard)", "ORDER" },
  { NULL }
};

static VbTallyOptions tally_opts;

static gboolean
is_code_dim (VbDimKind k)
{
  return k == VB_DIM_CODE || k == VB_DIM_THEME || k == VB_DIM_PRINCIPLE;
}

static int write_stats (const char *cmd, VbTally *tally, VbTable *table, VbFormat format,
                        GString *after);

static int
finish (const char *cmd, VbTally *tally, VbTable *table, VbFormat format, GString *after)
{
  gboolean square = is_code_dim (tally_opts.rows.kind) && is_code_dim (tally_opts.cols.kind);
  const char *ctx = tally_opts.within == VB_WITHIN_DOCUMENT ? "documents" : "segments";
  if (square && !opt_links && g_strcmp0 (topts.cell, "jaccard") == 0)
    g_ptr_array_insert (table->notes, 0,
                        g_strdup_printf ("Jaccard index: %s where both codes were raised, out of "
                                         "%s where either was.", ctx, ctx));
  if (tally_opts.in_order)
    {
      g_free (table->title);
      table->title = g_strdup_printf ("Framework matrix: %s by %s", opt_rows, opt_cols);
      g_ptr_array_set_size (table->notes, 0);
      g_ptr_array_add (table->notes,
                       opt_max_quotes > 0
                         ? g_strdup_printf ("Each cell: the row's verbatims coded with the "
                                            "column's code, in the order said, up to %d; "
                                            "(+N more) counts the rest.", opt_max_quotes)
                         : g_strdup ("Each cell: the row's verbatims coded with the "
                                     "column's code, in the order said."));
      if (!tally_opts.include_moderator)
        g_ptr_array_add (table->notes, g_strdup ("Moderators' and interviewers' words are not quoted; nor are the note-taker's."));
    }
  if (g_strcmp0 (opt_order, "cluster") == 0)
    {
      vb_table_order_by_cluster (table);
      g_ptr_array_add (table->notes,
                       g_strdup_printf ("Codes in the order of average-linkage clustering on "
                                        "1 - Jaccard (over %s).", ctx));
    }
  return opt_stats ? write_stats (cmd, tally, table, format, after) : CLI_OK;
}

static int
write_stats (const char *cmd, VbTally *tally, VbTable *table, VbFormat format, GString *after)
{
  gboolean codes_in_rows = is_code_dim (tally_opts.rows.kind);
  const char *attr = codes_in_rows ? tally_opts.cols.attr : tally_opts.rows.attr;
  guint n_values = codes_in_rows ? table->col_ids->len - (tally_opts.total ? 1 : 0)
                                 : table->row_ids->len;
  gboolean human = format == VB_FORMAT_MD || format == VB_FORMAT_TXT;
  g_autoptr (GError) err = NULL;
  VbTableStats s;
  if (!vb_table_stats (table, codes_in_rows, n_values, vb_tally_n_units (tally), attr, !human,
                       0.95, &s, &err))
    return cli_fail (cmd, err);
  for (guint i = 0; i < s.warnings->len; i++)
    cli_warning (cmd, "%s", (char *) s.warnings->pdata[i]);
  g_autofree char *what = g_strdup_printf ("%s by %s (%s)", opt_rows, opt_cols, table->unit);
  g_autofree char *t1 = g_strdup_printf ("Tests of independence: %s", what);
  g_autofree char *t2 = g_strdup_printf ("Shares with 95%% Wilson intervals: %s", what);
  /* Columns: labels left, figures right. */
  g_autofree char *a1 = g_strnfill (s.tests_cols, 'r');
  g_autofree char *a2 = g_strnfill (s.shares_cols, 'r');
  a1[0] = a2[0] = 'l';
  if (!human)
    a1[1] = a2[1] = 'l';
  a1[s.tests_cols - 1] = 'l';
  g_string_append_c (after, '\n');
  vb_grid_write (s.tests, s.tests_cols, a1, t1, format, after);
  if (human)
    {
      g_string_append_c (after, '\n');
      for (guint i = 0; i < s.notes->len - 1; i++)
        g_string_append_printf (after, "%s\n", (char *) s.notes->pdata[i]);
    }
  g_string_append_c (after, '\n');
  vb_grid_write (s.shares, s.shares_cols, a2, t2, format, after);
  if (human)
    g_string_append_printf (after, "\n%s\n", (char *) s.notes->pdata[s.notes->len - 1]);
  vb_table_stats_clear (&s);
  return CLI_OK;
}

int
builtin_matrix (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[CODED|-]", "A matrix of codes against codes or against an attribute.",
      "Code x code cells count the units with a segment coded with both\n"
      "(co-occurrence); with --links a theme counts towards the principles\n"
      "the codebook links it to.  Code x attribute cells count the units with\n"
      "that value that raised the code, out of the units with that value;\n"
      "--stats tests each code's independence of the attribute.  Documents or\n"
      "participants against codes with --cell quotes make a framework matrix:\n"
      "each cell every verbatim of the row for the code, in the order said.");
  cli_table_options_add (ctx, &topts);
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "matrix", &argc, &argv))
    return CLI_USAGE;
  if (opt_rows == NULL || opt_cols == NULL)
    {
      cli_error ("matrix", "--rows and --cols are required (see 'verba matrix --help')");
      return CLI_USAGE;
    }
  if (argc > 2)
    {
      cli_error ("matrix", "one input stream at a time (see 'verba matrix --help')");
      return CLI_USAGE;
    }
  if (opt_quotes != -1 && opt_quotes < 1)
    {
      cli_error ("matrix", "--quotes must be at least 1");
      return CLI_USAGE;
    }
  if ((opt_quotes != -1 && !cli_option_in_range ("matrix", "-n", opt_quotes, 1, CLI_MAX_COUNT))
      || (opt_max_quotes != -1
          && !cli_option_in_range ("matrix", "--max-quotes", opt_max_quotes, 0, CLI_MAX_COUNT)))
    return CLI_USAGE;
  VbTallyOptions *t = &tally_opts;
  vb_tally_options_init (t);
  vb_dim_parse (opt_rows, &t->rows);
  vb_dim_parse (opt_cols, &t->cols);
  if (t->rows.kind == VB_DIM_ATTR && t->cols.kind == VB_DIM_ATTR)
    {
      cli_error ("matrix", "one of --rows and --cols must be code, theme or principle");
      return CLI_USAGE;
    }
  if (opt_links && (t->rows.kind != VB_DIM_THEME || t->cols.kind != VB_DIM_PRINCIPLE))
    {
      cli_error ("matrix", "--links needs themes against principles (--rows theme --cols principle)");
      return CLI_USAGE;
    }
  if (opt_stats)
    {
      VbUnit unit = VB_UNIT_DOCUMENT;
      if (!cli_unit ("matrix", topts.unit, &unit))
        return CLI_USAGE;
      if (t->rows.kind != VB_DIM_ATTR && t->cols.kind != VB_DIM_ATTR)
        {
          cli_error ("matrix", "--stats needs codes against an attribute (e.g. --rows code --cols region)");
          return CLI_USAGE;
        }
      if (unit == VB_UNIT_MENTION)
        {
          cli_error ("matrix", "--stats needs units with a base: not --unit mention");
          return CLI_USAGE;
        }
    }
  if (opt_within && strcmp (opt_within, "segment") != 0 && strcmp (opt_within, "document") != 0)
    {
      cli_error ("matrix", "unknown --within '%s' (known: segment, document)", opt_within);
      return CLI_USAGE;
    }
  if (opt_order && strcmp (opt_order, "codebook") != 0 && strcmp (opt_order, "cluster") != 0)
    {
      cli_error ("matrix", "unknown --order '%s' (known: codebook, cluster)", opt_order);
      return CLI_USAGE;
    }
  gboolean square = is_code_dim (t->rows.kind) && is_code_dim (t->cols.kind) && !opt_links;
  if ((opt_within || g_strcmp0 (topts.cell, "jaccard") == 0) && !square)
    {
      cli_error ("matrix", "--within and --cell jaccard need codes on both sides, without --links");
      return CLI_USAGE;
    }
  if (g_strcmp0 (opt_order, "cluster") == 0 && (!square || t->rows.kind != t->cols.kind))
    {
      cli_error ("matrix", "--order cluster needs the same codes on both sides (e.g. --rows code --cols code)");
      return CLI_USAGE;
    }
  t->within = g_strcmp0 (opt_within, "document") == 0 ? VB_WITHIN_DOCUMENT : VB_WITHIN_SEGMENT;
  if (t->within == VB_WITHIN_DOCUMENT)
    {
      VbUnit unit = VB_UNIT_DOCUMENT;
      if (!cli_unit ("matrix", topts.unit, &unit))
        return CLI_USAGE;
      if (unit != VB_UNIT_DOCUMENT && unit != VB_UNIT_GROUP)
        {
          cli_error ("matrix", "--within document counts documents or groups, not %s",
                     vb_unit_plural (unit));
          return CLI_USAGE;
        }
      if (g_strcmp0 (topts.cell, "quotes") == 0)
        {
          cli_error ("matrix", "--within document has no verbatims for a cell (no one segment has both codes)");
          return CLI_USAGE;
        }
    }
  /* Cases (documents, participants) against codes with verbatims in the
   * cells is the Framework method's chart: every verbatim, in order. */
  gboolean cases = t->rows.kind == VB_DIM_ATTR
                   && (strcmp (t->rows.attr, "document") == 0 || strcmp (t->rows.attr, "speaker") == 0
                       || strcmp (t->rows.attr, "participant") == 0);
  if (opt_max_quotes >= 0 && topts.cell == NULL)
    topts.cell = g_strdup ("quotes");
  if (opt_max_quotes >= 0 && strcmp (topts.cell, "quotes") != 0)
    {
      cli_error ("matrix", "--max-quotes makes a framework matrix: its cells are quotes");
      return CLI_USAGE;
    }
  if (opt_max_quotes >= 0 && opt_quotes != -1)
    {
      cli_error ("matrix", "-n chooses the best verbatims, --max-quotes takes them in order: not both");
      return CLI_USAGE;
    }
  if (opt_max_quotes >= 0 || (cases && opt_quotes == -1 && g_strcmp0 (topts.cell, "quotes") == 0))
    {
      t->in_order = TRUE;
      opt_quotes = opt_max_quotes > 0 ? opt_max_quotes : G_MAXINT;
    }
  if (opt_quotes == -1)
    opt_quotes = 3;
  topts.finish = finish;
  t->pairing = opt_links ? VB_PAIR_LINKS : VB_PAIR_COOCCUR;
  t->quotes = (guint) opt_quotes;
  return cli_tabulate ("matrix", argc > 1 ? argv[1] : "-", &topts, t, VB_CELL_COUNT, NULL);
}
