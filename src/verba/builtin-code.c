/* verba code: apply a codebook's rules to a segments stream. */
#include "builtin.h"
#include "cli.h"

#include <string.h>

static char **opt_codebooks = NULL;
static char *opt_output = NULL;
static gboolean opt_long = FALSE;
static gboolean opt_quiet = FALSE;

static GOptionEntry entries[] = {
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "Codebook file or bundled name (repeatable: codes are merged)", "CODEBOOK" },
  { "long", 0, 0, G_OPTION_ARG_NONE, &opt_long,
    "One row per coding (code, span, rule, matched text) instead of per segment", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output,
    "Write to FILE (atomically) instead of standard output", "FILE" },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &opt_quiet, "No accounting line on stderr", NULL },
  { NULL }
};

typedef struct {
  VbCoder        *coder;
  VbStreamWriter *writer;  /* per-segment output */
  FILE           *fp;      /* --long output */
  const char *const *keys;
  const VbCodebook *cb;
  guint n_read, n_coded;
  GString *line;
} Run;

static void
write_long_header (Run *run)
{
  GString *h = run->line;
  g_string_assign (h, "document\tsegment\tspeaker\trole\tphase");
  for (guint i = 0; run->keys[i]; i++)
    {
      g_string_append_c (h, '\t');
      vb_field_escape (h, run->keys[i]);
    }
  g_string_append (h, "\tcode\tkind\tstart\tend\tsource\tmatch\n");
  fwrite (h->str, 1, h->len, run->fp);
}

/* A segment with no codings still gets a row, with an empty code, so the
 * long form accounts for every verbatim too. */
static void
write_long (Run *run, const VbSegment *seg)
{
  guint n = seg->codings ? seg->codings->len : 0;
  for (guint k = 0; k < MAX (n, 1); k++)
    {
      const VbCoding *c = n ? &g_array_index (seg->codings, VbCoding, k) : NULL;
      GString *l = run->line;
      g_string_truncate (l, 0);
      vb_field_escape (l, seg->document);
      g_string_append_printf (l, "\t%u\t", seg->index);
      vb_field_escape (l, seg->speaker);
      g_string_append_printf (l, "\t%s\t%s", vb_role_to_string (seg->role),
                              vb_phase_to_string (seg->phase));
      for (guint i = 0; run->keys[i]; i++)
        {
          const char *v = vb_attrs_get (seg->attrs, run->keys[i]);
          g_string_append_c (l, '\t');
          vb_field_escape (l, v ? v : "");
        }
      if (c)
        {
          const VbCode *code = vb_codebook_lookup (run->cb, c->code);
          const char *from = g_utf8_offset_to_pointer (seg->text, c->start);
          const char *to = g_utf8_offset_to_pointer (seg->text, c->end);
          g_autofree char *match = g_strndup (from, to - from);
          g_string_append_c (l, '\t');
          vb_field_escape (l, c->code);
          g_string_append_printf (l, "\t%s\t%u\t%u\t",
                                  code && code->kind == VB_CODE_PRINCIPLE ? "principle" : "theme",
                                  c->start, c->end);
          vb_field_escape (l, c->source);
          g_string_append_c (l, '\t');
          vb_field_escape (l, match);
        }
      else
        g_string_append (l, "\t\t\t\t\t\t");
      g_string_append_c (l, '\n');
      fwrite (l->str, 1, l->len, run->fp);
    }
}

/* Earlier rule codings are replaced; a human coder's are kept. */
static void
drop_rule_codings (VbSegment *seg)
{
  if (seg->codings == NULL)
    return;
  for (guint i = seg->codings->len; i-- > 0;)
    if (g_str_has_prefix (g_array_index (seg->codings, VbCoding, i).source, "rule:"))
      g_array_remove_index (seg->codings, i);
}

static gboolean
flush_document (Run *run, GPtrArray *doc, GError **error)
{
  if (doc->len == 0)
    return TRUE;
  for (guint i = 0; i < doc->len; i++)
    drop_rule_codings (doc->pdata[i]);
  vb_coder_code_document (run->coder, doc);
  if (vb_coder_error (run->coder) != NULL)
    {
      g_propagate_error (error, g_error_copy (vb_coder_error (run->coder)));
      return FALSE;
    }
  for (guint i = 0; i < doc->len; i++)
    {
      VbSegment *seg = doc->pdata[i];
      if (seg->codings && seg->codings->len > 0)
        run->n_coded++;
      if (opt_long)
        write_long (run, seg);
      else if (!vb_stream_writer_write (run->writer, seg, error))
        return FALSE;
    }
  g_ptr_array_set_size (doc, 0);
  return TRUE;
}

int
builtin_code (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "[SEGMENTS|-]", "Apply a codebook's rules to a segments stream.",
      "Every input segment is written out with its codes, spans and the rule\n"
      "that fired (see verba-formats(5)).  Bundled codebooks: seven-principles,\n"
      "public-standards, stakeholder-standards, public-service-values,\n"
      "consultation-stance.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "code", &argc, &argv))
    return CLI_USAGE;
  if (opt_codebooks == NULL)
    {
      cli_error ("code", "a codebook is required: -c CODEBOOK (see 'verba code --help')");
      return CLI_USAGE;
    }
  if (argc > 2)
    {
      cli_error ("code", "one input stream at a time (see 'verba code --help')");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCodebook) cb = cli_load_codebooks (opt_codebooks, &err);
  if (cb == NULL)
    return cli_fail ("code", err);
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (argc > 1 ? argv[1] : "-", &err);
  if (r == NULL)
    return cli_fail ("code", err);

  VbOutput *out = vb_output_open (opt_output, &err);
  if (out == NULL)
    return cli_fail ("code", err);
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
  Run run = { coder, NULL, vb_output_fp (out), vb_stream_reader_attr_keys (r), cb, 0, 0,
              g_string_new (NULL) };
  if (opt_long)
    write_long_header (&run);
  else
    run.writer = vb_stream_writer_new (run.fp, run.keys, TRUE, cb);

  g_autoptr (GPtrArray) doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  gboolean progress = cli_progress_wanted (opt_quiet);
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = TRUE;
  VbSegment *seg;
  while (ok && vb_stream_reader_next (r, &seg, &err))
    {
      run.n_read++;
      /* Segments of a document arrive together; document-scope rules need
       * the whole document before any of it is written. */
      if (doc->len > 0 && strcmp (((VbSegment *) doc->pdata[0])->document, seg->document) != 0)
        ok = flush_document (&run, doc, &err);
      g_ptr_array_add (doc, seg);
      if (progress && run.n_read % 10000 == 0)
        {
          double s = (g_get_monotonic_time () - t0) / 1e6;
          fprintf (stderr, "\rverba code: %u segments, %.0f/s", run.n_read, s > 0 ? run.n_read / s : 0);
        }
    }
  if (progress && run.n_read >= 10000)
    fputc ('\n', stderr);
  if (ok && err == NULL)
    ok = flush_document (&run, doc, &err);
  vb_stream_writer_free (run.writer);
  g_string_free (run.line, TRUE);
  if (!ok || err != NULL)
    {
      vb_output_abort (out);
      return cli_fail ("code", err);
    }
  if (!vb_output_commit (out, &err))
    return cli_fail ("code", err);
  /* Nothing is rejected here: a row code cannot read stops the run with its
   * line number, so "0 rejected" is what a successful run always reports. */
  if (!opt_quiet)
    fprintf (stderr, "verba code: %u segments read, %u coded, %u uncoded, 0 rejected\n",
             run.n_read, run.n_coded, run.n_read - run.n_coded);
  return CLI_OK;
}
