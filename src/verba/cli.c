#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void
cli_error (const char *cmd, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autoptr (GString) msg = g_string_new (NULL);
  g_string_append_vprintf (msg, fmt, ap);
  va_end (ap);
  /* Messages quote input (a code id, a bad field): on a terminal too. */
  vb_terminal_safe (msg, 0);
  fprintf (stderr, "verba %s: %s\n", cmd, msg->str);
}

void
cli_warning (const char *cmd, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autoptr (GString) msg = g_string_new (NULL);
  g_string_append_vprintf (msg, fmt, ap);
  va_end (ap);
  vb_terminal_safe (msg, 0);
  fprintf (stderr, "verba %s: warning: %s\n", cmd, msg->str);
}

int
cli_fail (const char *cmd, GError *err)
{
  /* Import reads legacy encodings when told: say how, where it applies. */
  if (strcmp (cmd, "import") == 0 && err->domain == VB_ERROR && err->code == VB_ERROR_ENCODING
      && strstr (err->message, "invalid UTF-8") != NULL)
    cli_error (cmd, "%s; a file in another encoding is read with --encoding (windows-1252, "
               "ISO-8859-1, UTF-16…)", err->message);
  else
    cli_error (cmd, "%s", err->message);
  return err->domain == VB_ERROR && err->code == VB_ERROR_USAGE ? CLI_USAGE : CLI_FAILED;
}

GOptionContext *
cli_context (const char *params, const char *summary, const char *description)
{
  GOptionContext *ctx = g_option_context_new (params);
  g_option_context_set_summary (ctx, summary);
  if (description)
    g_option_context_set_description (ctx, description);
  return ctx;
}

gboolean
cli_parse (GOptionContext *ctx, const char *cmd, int *argc, char ***argv)
{
  g_autoptr (GError) err = NULL;
  g_autofree char *prgname = g_strdup_printf ("verba %s", cmd);
  g_set_prgname (prgname);
  if (!g_option_context_parse (ctx, argc, argv, &err))
    {
      cli_error (cmd, "%s (see 'verba %s --help')", err->message, cmd);
      return FALSE;
    }
  return TRUE;
}

gboolean
cli_format (const char *cmd, const char *s, VbFormat *out)
{
  if (s != NULL && vb_format_from_string (s, out) && vb_format_is_binary (*out))
    {
      cli_error (cmd, "-t %s is for tables of counts (verba freq, matrix, report); "
                 "known here: tsv, csv, md, txt, latex, json, html", s);
      return FALSE;
    }
  if (s == NULL || vb_format_from_string (s, out))
    return TRUE;
  cli_error (cmd, "unknown table format '%s' (known: tsv, csv, md, txt, latex, json, html, "
             "xlsx, sav, dta)", s);
  return FALSE;
}

gboolean
cli_table_format (const char *cmd, const char *s, const char *output, VbFormat *out)
{
  if (s == NULL || !vb_format_from_string (s, out) || !vb_format_is_binary (*out))
    return cli_format (cmd, s, out);
  if ((output == NULL || strcmp (output, "-") == 0) && isatty (STDOUT_FILENO))
    {
      cli_error (cmd, "-t %s writes a binary file: give -o FILE or redirect standard output", s);
      return FALSE;
    }
  return TRUE;
}

int
cli_write_binary (const char *cmd, const char *path, VbTable *const *tables,
                  const VbCellMode *modes, guint n, const VbScale *scale, VbFormat format,
                  const char *after)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (VbOutput) out = vb_output_open (path, &err);
  if (out == NULL)
    return cli_fail (cmd, err);
  gboolean ok = format == VB_FORMAT_XLSX
                  ? vb_tables_write_xlsx (tables, modes, n, scale, after, vb_output_fp (out), &err)
                  : vb_table_write_stat (tables[0], modes[0], format, vb_output_fp (out), &err);
  if (!ok)
    {
      g_prefix_error (&err, "%s: ", path && strcmp (path, "-") ? path : "standard output");
      return cli_fail (cmd, err);
    }
  if (!vb_output_commit (g_steal_pointer (&out), &err))
    return cli_fail (cmd, err);
  return CLI_OK;
}

gboolean
cli_cell_mode (const char *cmd, const char *s, VbCellMode *out)
{
  if (s == NULL || vb_cell_mode_from_string (s, out))
    return TRUE;
  cli_error (cmd, "unknown cell '%s' (known: full, count, share, label, quotes, jaccard, presence)", s);
  return FALSE;
}

gboolean
cli_unit (const char *cmd, const char *s, VbUnit *out)
{
  if (s == NULL || vb_unit_from_string (s, out))
    return TRUE;
  cli_error (cmd, "unknown unit '%s' (known: mention, segment, speaker, document, group)", s);
  return FALSE;
}

gboolean
cli_phase (const char *cmd, const char *s, int *out)
{
  VbPhase p;
  if (s == NULL || g_strcmp0 (s, "all") == 0)
    *out = VB_PHASE_FILTER_ALL;
  else if (vb_phase_from_string (s, &p))
    *out = (int) p;
  else
    {
      cli_error (cmd, "unknown phase '%s' (known: all, spontaneous, prompted)", s);
      return FALSE;
    }
  return TRUE;
}

gboolean
cli_option_in_range (const char *cmd, const char *option, gint64 value, gint64 min, gint64 max)
{
  if (value >= min && value <= max)
    return TRUE;
  cli_error (cmd, "%s %" G_GINT64_FORMAT ": out of range (%" G_GINT64_FORMAT " to %"
             G_GINT64_FORMAT "; see 'verba %s --help')", option, value, min, max, cmd);
  return FALSE;
}

VbCodebook *
cli_load_codebooks (char **names, GError **error)
{
  g_autoptr (VbCodebook) cb = NULL;
  for (guint i = 0; names && names[i]; i++)
    {
      g_autoptr (VbCodebook) one = vb_codebook_load (names[i], NULL, error);
      if (one == NULL)
        return NULL;
      if (cb == NULL)
        cb = g_steal_pointer (&one);
      else if (!vb_codebook_merge (cb, one, error))
        return NULL;
    }
  return g_steal_pointer (&cb);
}

gboolean
cli_check_attr (const char *cmd, VbStreamReader *r, const char *attr)
{
  if (attr == NULL || vb_segment_field_is_virtual (attr) || strcmp (attr, "participant") == 0
      || g_strv_contains (vb_stream_reader_attr_keys (r), attr))
    return TRUE;
  g_autofree char *have = g_strjoinv (", ", (char **) vb_stream_reader_attr_keys (r));
  cli_error (cmd, "%s: unknown attribute '%s' (this stream has: %s)", vb_stream_reader_path (r),
             attr, *have ? have : "no attributes");
  return FALSE;
}

int
cli_write_output (const char *cmd, const char *path, const GString *text)
{
  g_autoptr (GError) err = NULL;
  VbOutput *out = vb_output_open (path, &err);
  if (out == NULL)
    return cli_fail (cmd, err);
  if (fwrite (text->str, 1, text->len, vb_output_fp (out)) != text->len)
    {
      /* errno is the write's now, and may not be by the commit. */
      cli_error (cmd, "%s: cannot write: %s", vb_output_name (out), g_strerror (errno));
      vb_output_abort (out);
      return CLI_FAILED;
    }
  if (!vb_output_commit (out, &err))
    return cli_fail (cmd, err);
  return CLI_OK;
}

static gboolean stdout_finished = FALSE;

/* Flushes and closes standard output; 0, or the errno of the failure
 * (-1 when the failed write's own errno is gone). */
static int
close_stdout (void)
{
  stdout_finished = TRUE;
  gboolean had_error = ferror (stdout);
  int err = fflush (stdout) != 0 ? errno : 0;
  if (fclose (stdout) != 0 && err == 0)
    err = errno;
  return err ? err : had_error ? -1 : 0;
}

int
cli_finish_stdout (const char *cmd, int status)
{
  /* Whatever a command printed, buffered or not, must have reached its
   * reader: a full disk or a closed pipe makes the run fail, not pass. */
  int err = close_stdout ();
  if (err && status == CLI_OK)
    {
      cli_error (cmd, "standard output: cannot write: %s",
                 err > 0 ? g_strerror (err) : "output is incomplete");
      return CLI_FAILED;
    }
  return status;
}

/* For runs that end in exit() rather than a return to main: --help. */
static void
finish_stdout_at_exit (void)
{
  if (stdout_finished)
    return;
  int err = close_stdout ();
  if (err)
    {
      fprintf (stderr, "%s: standard output: cannot write: %s\n", g_get_prgname (),
               err > 0 ? g_strerror (err) : "output is incomplete");
      _exit (CLI_FAILED);
    }
}

void
cli_init (void)
{
  atexit (finish_stdout_at_exit);
}

int
cli_write_output_as (const char *cmd, const char *path, GString *text, VbFormat format)
{
  if (format == VB_FORMAT_TXT || format == VB_FORMAT_MD)
    vb_terminal_safe (text, 0);
  return cli_write_output (cmd, path, text);
}

gboolean
cli_progress_wanted (gboolean quiet)
{
  return !quiet && isatty (STDERR_FILENO);
}

void
cli_table_options_add (GOptionContext *ctx, CliTableOptions *o)
{
  GOptionEntry entries[] = {
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &o->unit,
      "What is counted: mention, segment, speaker, document (default), group", "UNIT" },
    { "type", 't', 0, G_OPTION_ARG_STRING, &o->format,
      "Table format: tsv (default), csv, md, txt, latex, json, html, xlsx, sav, dta", "FMT" },
    { "cell", 0, 0, G_OPTION_ARG_STRING, &o->cell,
      "Cell content: full ('many (9 of 15)'), count, share, label, quotes, jaccard, presence",
      "CELL" },
    { "scale", 0, 0, G_OPTION_ARG_FILENAME, &o->scale,
      "Indicative scale file (default: built in; see verba freq --print-scale)", "FILE" },
    { "min-base", 0, 0, G_OPTION_ARG_STRING, &o->min_base,
      "Smallest base that carries a word (default: the scale's, 5)", "N" },
    { "min-count", 0, 0, G_OPTION_ARG_STRING, &o->min_count,
      "Hide cells that fewer than N units raised, as on a low base (disclosure control)", "N" },
    { "small-base", 0, 0, G_OPTION_ARG_STRING, &o->small_base,
      "Below the minimum base: flag the word with '*' (default) or suppress the cell", "HOW" },
    { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &o->codebooks,
      "Codebook for code order and labels (default: the one the stream carries)", "CODEBOOK" },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &o->phase,
      "Count only: all (default), spontaneous, prompted", "PHASE" },
    { "include-moderator", 0, 0, G_OPTION_ARG_NONE, &o->include_moderator,
      "Count moderators' and interviewers' words too", NULL },
    { "rollup", 0, 0, G_OPTION_ARG_NONE, &o->rollup,
      "A parent theme also counts its sub-themes' codings (the default)", NULL },
    { "no-rollup", 0, 0, G_OPTION_ARG_NONE, &o->no_rollup,
      "A parent theme counts only its own codings", NULL },
    { "group-attr", 0, 0, G_OPTION_ARG_STRING, &o->group_attr,
      "Attribute naming the group for --unit group (default: group, else document)", "ATTR" },
    { "where", 'w', 0, G_OPTION_ARG_STRING_ARRAY, &o->where,
      "Count only segments with this value (repeatable; all must hold)", "KEY=VALUE" },
    { "campaigns", 0, 0, G_OPTION_ARG_STRING, &o->campaigns,
      "count (default): every segment; collapse: each campaign once (see verba campaigns)",
      "HOW" },
    { "no-total", 0, 0, G_OPTION_ARG_NONE, &o->no_total,
      "No 'All' column after attribute columns", NULL },
    { "attribution", 0, 0, G_OPTION_ARG_STRING, &o->attribution,
      "Attribution of quotes, e.g. '{location}, {age}, {grade}'", "TEMPLATE" },
    CLI_PSEUDONYM_ENTRIES (&o->names, &o->pseudonyms),
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
      "Write to FILE (atomically) instead of standard output", "FILE" },
    { NULL }
  };
  GOptionGroup *g = g_option_group_new ("table", "Table options:", "Options of every table command",
                                        NULL, NULL);
  g_option_group_add_entries (g, entries);
  g_option_context_set_main_group (ctx, g);
}

static const char *
dim_name (const VbDim *d)
{
  switch (d->kind)
    {
    case VB_DIM_CODE: return "code";
    case VB_DIM_THEME: return "theme";
    case VB_DIM_PRINCIPLE: return "principle";
    case VB_DIM_ATTR: return d->attr;
    case VB_DIM_NONE:
    default: return "all";
    }
}

static const char *
dim_title (const VbDim *d)
{
  switch (d->kind)
    {
    case VB_DIM_CODE: return "Codes";
    case VB_DIM_THEME: return "Themes";
    case VB_DIM_PRINCIPLE: return "Principles";
    default: return d->attr ? d->attr : "All";
    }
}

VbScale *
cli_scale (const char *cmd, const char *path, const char *min_base, const char *min_count,
           const char *small_base, int *status)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (VbScale) scale = path ? vb_scale_load (path, &err) : vb_scale_default ();
  *status = CLI_USAGE;
  if (scale == NULL)
    {
      *status = cli_fail (cmd, err);
      return NULL;
    }
  if (min_base)
    {
      guint64 n;
      if (!g_ascii_string_to_unsigned (min_base, 10, 0, G_MAXUINT, &n, NULL))
        {
          cli_error (cmd, "--min-base: '%s' is not a number of units", min_base);
          return NULL;
        }
      vb_scale_set_min_base (scale, (guint) n);
    }
  if (min_count)
    {
      guint64 n;
      if (!g_ascii_string_to_unsigned (min_count, 10, 0, 1000000, &n, NULL))
        {
          cli_error (cmd, "--min-count: '%s' is not a number of units (0 to 1000000)", min_count);
          return NULL;
        }
      vb_scale_set_min_count (scale, (guint) n);
    }
  if (small_base)
    {
      gboolean suppress;
      if (!vb_scale_small_from_string (small_base, &suppress))
        {
          cli_error (cmd, "--small-base: '%s' is not flag or suppress", small_base);
          return NULL;
        }
      vb_scale_set_suppress_small (scale, suppress);
    }
  *status = CLI_OK;
  return g_steal_pointer (&scale);
}

int
cli_tabulate (const char *cmd, const char *path, CliTableOptions *o, VbTallyOptions *t,
              VbCellMode default_cell, const char *title)
{
  VbFormat format = VB_FORMAT_TSV;
  VbCellMode cell = default_cell;
  if (!cli_table_format (cmd, o->format, o->output, &format) || !cli_cell_mode (cmd, o->cell, &cell)
      || !cli_unit (cmd, o->unit, &t->unit) || !cli_phase (cmd, o->phase, &t->phase))
    return CLI_USAGE;
  t->include_moderator = o->include_moderator;
  if (o->rollup && o->no_rollup)
    {
      cli_error (cmd, "--rollup and --no-rollup: one or the other");
      return CLI_USAGE;
    }
  /* As the report counts: one rule for every table of a study. */
  t->rollup = !o->no_rollup;
  t->total = !o->no_total;
  if (o->group_attr)
    t->group_attr = o->group_attr;
  t->attribution = o->attribution;
  g_autoptr (VbPseudonyms) pseudonyms = cli_pseudonyms (cmd, o->names, o->pseudonyms);
  if (pseudonyms == NULL)
    return CLI_FAILED;
  t->pseudonyms = pseudonyms;
  t->where = (const char *const *) o->where;
  if (o->campaigns && strcmp (o->campaigns, "collapse") != 0 && strcmp (o->campaigns, "count") != 0)
    {
      cli_error (cmd, "unknown --campaigns '%s' (known: count, collapse)", o->campaigns);
      return CLI_USAGE;
    }
  t->collapse_campaigns = g_strcmp0 (o->campaigns, "collapse") == 0;
  if ((format == VB_FORMAT_SAV || format == VB_FORMAT_DTA)
      && (t->rows.kind != VB_DIM_ATTR || t->cols.kind == VB_DIM_ATTR || t->cols.kind == VB_DIM_NONE
          || (cell != VB_CELL_PRESENCE && cell != VB_CELL_COUNT)))
    {
      cli_error (cmd, "-t %s holds a case x code table: verba matrix --rows document|participant "
                 "--cols code|theme|principle --cell presence|count", o->format);
      return CLI_USAGE;
    }
  if (cell == VB_CELL_JACCARD
      && (t->rows.kind == VB_DIM_ATTR || t->rows.kind == VB_DIM_NONE
          || t->cols.kind == VB_DIM_ATTR || t->cols.kind == VB_DIM_NONE))
    {
      cli_error (cmd, "--cell jaccard needs codes on both sides (verba matrix --rows code --cols code)");
      return CLI_USAGE;
    }
  if (cell == VB_CELL_QUOTES && t->quotes == 0)
    t->quotes = 3;
  if (cell != VB_CELL_QUOTES)
    t->quotes = 0;

  g_autoptr (GError) err = NULL;
  int status = CLI_OK;
  g_autoptr (VbScale) scale = cli_scale (cmd, o->scale, o->min_base, o->min_count, o->small_base,
                                         &status);
  if (scale == NULL)
    return status;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, &err);
  if (r == NULL)
    return cli_fail (cmd, err);
  if ((t->rows.kind == VB_DIM_ATTR && !cli_check_attr (cmd, r, t->rows.attr))
      || (t->cols.kind == VB_DIM_ATTR && !cli_check_attr (cmd, r, t->cols.attr)))
    return CLI_FAILED;
  if (o->group_attr && !cli_check_attr (cmd, r, o->group_attr))
    return CLI_FAILED;
  for (guint i = 0; o->where && o->where[i]; i++)
    {
      g_autofree char *key = g_strdup (o->where[i]);
      char *eq = strchr (key, '=');
      if (eq == NULL)
        {
          cli_error (cmd, "--where '%s': expected KEY=VALUE", o->where[i]);
          return CLI_USAGE;
        }
      *eq = '\0';
      if (!cli_check_attr (cmd, r, key))
        return CLI_FAILED;
    }
  if (!vb_stream_reader_is_coded (r))
    {
      cli_error (cmd, "%s: not a coded stream: run it through 'verba code -c CODEBOOK' first",
                 vb_stream_reader_path (r));
      return CLI_FAILED;
    }
  if (t->collapse_campaigns
      && !g_strv_contains (vb_stream_reader_attr_keys (r), "duplicate_of"))
    {
      cli_error (cmd, "%s: --campaigns collapse needs a duplicate_of column: run the stream "
                 "through 'verba campaigns' first", vb_stream_reader_path (r));
      return CLI_FAILED;
    }
  g_autoptr (VbCodebook) cb = NULL;
  if (o->codebooks)
    {
      cb = cli_load_codebooks (o->codebooks, &err);
      if (cb == NULL)
        return cli_fail (cmd, err);
    }
  else if (vb_stream_reader_codebook (r))
    {
      cb = vb_codebook_new ("", "");
      vb_codebook_merge (cb, vb_stream_reader_codebook (r), NULL);
    }
  else
    cb = vb_codebook_new ("", "");

  g_autoptr (VbTally) tally = vb_tally_new (t, cb);
  VbSegment *seg;
  while (vb_stream_reader_next (r, &seg, &err))
    {
      vb_tally_add (tally, seg);
      vb_segment_free (seg);
    }
  if (err)
    return cli_fail (cmd, err);

  g_autoptr (VbTable) table = vb_tally_table (tally);
  vb_table_protect (table, scale);
  table->title = title ? g_strdup (title)
                       : t->cols.kind == VB_DIM_NONE
                         ? g_strdup_printf ("%s (%s)", dim_title (&t->rows), vb_unit_plural (t->unit))
                         : g_strdup_printf ("%s by %s (%s)", dim_title (&t->rows), dim_name (&t->cols),
                                            vb_unit_plural (t->unit));
  g_autoptr (GString) after = g_string_new (NULL);
  if (o->finish)
    {
      status = o->finish (cmd, tally, table, format, after);
      if (status != CLI_OK)
        return status;
    }
  if (vb_format_is_binary (format))
    return cli_write_binary (cmd, o->output, &table, &cell, 1, scale, format, after->str);
  g_autoptr (GString) text = g_string_new (NULL);
  vb_table_write (table, format, cell, scale, text);
  g_string_append_len (text, after->str, after->len);
  return cli_write_output_as (cmd, o->output, text, format);
}

VbPseudonyms *
cli_pseudonyms (const char *cmd, gboolean names, const char *path)
{
  g_autoptr (VbPseudonyms) p = vb_pseudonyms_new (names);
  g_autoptr (GError) err = NULL;
  if (path && !vb_pseudonyms_load (p, path, &err))
    {
      cli_fail (cmd, err);
      return NULL;
    }
  return g_steal_pointer (&p);
}
