/* verba codebook: check, test, show or convert codebooks. */
#include "builtin.h"
#include "cli.h"
#include "code/vb-selftest.h"
#include "codebook/vb-codebook-lint.h"

#include <string.h>

static char *opt_format = NULL;
static char *opt_to = NULL;
static char *opt_output = NULL;

static GOptionEntry entries[] = {
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format,
    "show: md (default) or tsv (one row per code)", "FMT" },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to,
    "convert: md, qdc (REFI-QDA) or native (the key-file format of verba-codebook(5))", "FMT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  { NULL }
};

static int
check (int n, char **files)
{
  int status = CLI_OK;
  for (int i = 0; i < n; i++)
    {
      g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) err = NULL;
      g_autoptr (VbCodebook) cb = vb_codebook_load (files[i], problems, &err);
      if (cb == NULL)
        {
          if (problems->len == 0)
            cli_error ("codebook", "%s", err->message);
          for (guint p = 0; p < problems->len; p++)
            cli_error ("codebook", "%s", (char *) problems->pdata[p]);
          status = CLI_FAILED;
          continue;
        }
      g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      vb_codebook_lint (cb, warnings);
      for (guint w = 0; w < warnings->len; w++)
        fprintf (stderr, "verba codebook: %s\n", (char *) warnings->pdata[w]);
      guint np = 0, nt = 0;
      for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
        vb_codebook_code (cb, c)->kind == VB_CODE_PRINCIPLE ? np++ : nt++;
      printf ("%s: ok: %u principles, %u themes, %u rules\n", vb_codebook_path (cb), np, nt,
              vb_codebook_n_rules (cb));
    }
  return status;
}

static void
print_example (const VbCodebook *cb, const VbSelftestFailure *f)
{
  const VbCode *c = f->code;
  g_autofree char *loc = f->line ? g_strdup_printf ("%s:%u", vb_codebook_path (cb), f->line)
                                 : g_strdup (vb_codebook_path (cb));
  const char *kind = c->kind == VB_CODE_PRINCIPLE ? "principle" : "theme";
  if (f->counter)
    printf ("%s: [%s:%s] counter-example %u is coded %s by %s: \"%s\"\n", loc, kind, c->id,
            f->index, c->id, f->why, f->text);
  else
    printf ("%s: [%s:%s] example %u is not coded %s (%s%s): \"%s\"\n", loc, kind, c->id,
            f->index, c->id, *f->why ? "coded " : "no code", f->why, f->text);
}

/* Every example must get its code, every counter-example must not. */
static int
test (int n, char **files)
{
  int status = CLI_OK;
  for (int i = 0; i < n; i++)
    {
      g_autoptr (GError) err = NULL;
      g_autoptr (VbCodebook) cb = vb_codebook_load (files[i], NULL, &err);
      if (cb == NULL)
        {
          cli_error ("codebook", "%s", err->message);
          status = CLI_FAILED;
          continue;
        }
      g_autoptr (GPtrArray) failures = g_ptr_array_new_with_free_func (vb_selftest_failure_free);
      guint ne = 0, nc = 0;
      if (!vb_selftest_run (cb, failures, &ne, &nc, &err))
        {
          cli_error ("codebook", "%s: %s", vb_codebook_path (cb), err->message);
          status = CLI_FAILED;
          continue;
        }
      for (guint f = 0; f < failures->len; f++)
        print_example (cb, failures->pdata[f]);
      if (failures->len > 0)
        {
          printf ("%s: FAILED: %u of %u examples and counter-examples\n", vb_codebook_path (cb),
                  failures->len, ne + nc);
          status = CLI_FAILED;
        }
      else
        printf ("%s: ok: %u examples, %u counter-examples\n", vb_codebook_path (cb), ne, nc);
    }
  return status;
}

static void
show_tsv (const VbCodebook *cb, GString *out)
{
  g_string_append (out, "code\tkind\tlabel\tparent\tprinciples\tscope\trules\tdefinition\n");
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *c = vb_codebook_code (cb, i);
      g_autofree char *links = c->principles ? g_strjoinv (";", c->principles) : g_strdup ("");
      GString *rules = g_string_new (NULL);
      for (guint r = 0; r < c->rules->len; r++)
        g_string_append_printf (rules, "%s%s", r ? " OR " : "",
                                ((VbCodeRule *) c->rules->pdata[r])->expr);
      const char *fields[] = { c->id, c->kind == VB_CODE_PRINCIPLE ? "principle" : "theme",
                               c->label, c->parent ? c->parent : "", links,
                               vb_scope_to_string (c->scope), rules->str,
                               c->description ? c->description : "" };
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          vb_field_escape (out, fields[f]);
          g_string_append_c (out, f + 1 < G_N_ELEMENTS (fields) ? '\t' : '\n');
        }
      g_string_free (rules, TRUE);
    }
}

int
builtin_codebook (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "check|test|show|convert CODEBOOK…", "Check, test, show or convert codebooks.",
      "check   report every problem with file, line and column; exit 1 if any\n"
      "test    code every example and counter-example of the codebook's codes:\n"
      "        list each example its code's rules miss and each counter-example\n"
      "        they code (with the rule that fired); exit 1 if any\n"
      "show    print the codebook as a report appendix (-t md) or a table (-t tsv)\n"
      "convert --to md: the same as show -t md; --to native: a verba codebook;\n"
      "        --to qdc: a REFI-QDA codebook for NVivo, ATLAS.ti, MAXQDA, QualCoder\n"
      "CODEBOOK may also be a REFI-QDA .qdc file or a dictionary (LIWC .dic/.dicx,\n"
      "WordStat .cat, Yoshikoder .ykd, Lexicoder .lc2/.lc3), chosen by its ending.\n"
      "The format is described in verba-codebook(5).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "codebook", &argc, &argv))
    return CLI_USAGE;
  if (argc < 3)
    {
      cli_error ("codebook", "expected an action and a codebook (see 'verba codebook --help')");
      return CLI_USAGE;
    }
  const char *action = argv[1];
  if (strcmp (action, "check") == 0)
    return check (argc - 2, argv + 2);
  if (strcmp (action, "test") == 0)
    return test (argc - 2, argv + 2);
  const char *fmt = opt_format ? opt_format : "md";
  if (strcmp (action, "convert") == 0)
    {
      static const char *const targets[] = { "md", "qdc", "native", NULL };
      if (opt_to == NULL || !g_strv_contains (targets, opt_to))
        {
          cli_error ("codebook", "convert needs --to md, qdc or native");
          return CLI_USAGE;
        }
      fmt = opt_to;
    }
  else if (strcmp (action, "show") != 0)
    {
      cli_error ("codebook", "unknown action '%s' (known: check, test, show, convert)", action);
      return CLI_USAGE;
    }
  if (strcmp (fmt, "md") != 0 && strcmp (fmt, "tsv") != 0 && strcmp (action, "convert") != 0)
    {
      cli_error ("codebook", "unknown format '%s' (known: md, tsv)", fmt);
      return CLI_USAGE;
    }
  if (argc > 3)
    {
      cli_error ("codebook", "%s takes one codebook", action);
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCodebook) cb = vb_codebook_load (argv[2], NULL, &err);
  if (cb == NULL)
    return cli_fail ("codebook", err);
  g_autoptr (GString) out = g_string_new (NULL);
  if (strcmp (fmt, "md") == 0)
    vb_codebook_write_md (cb, out);
  else if (strcmp (fmt, "qdc") == 0)
    vb_codebook_write_qdc (cb, out);
  else if (strcmp (fmt, "native") == 0)
    vb_codebook_write_native (cb, out);
  else
    show_tsv (cb, out);
  return cli_write_output_as ("codebook", opt_output, out,
                              strcmp (fmt, "md") == 0 ? VB_FORMAT_MD : VB_FORMAT_TSV);
}
