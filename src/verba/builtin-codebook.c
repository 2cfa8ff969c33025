/* verba codebook: check, test, show or convert codebooks; suggest rules
 * from people's coding. */
#include "builtin.h"
#include "cli.h"
#include "analysis/vb-keyness.h"
#include "code/vb-selftest.h"
#include "codebook/vb-codebook-lint.h"

#include <math.h>
#include <string.h>

static char *opt_format = NULL;
static char *opt_to = NULL;
static char *opt_output = NULL;
static char *opt_code = NULL;
static char **opt_codebooks = NULL;
static int opt_n = 20;
static int opt_min_count = 2;
static gboolean opt_misses = FALSE;

static GOptionEntry entries[] = {
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format,
    "show: md (default) or tsv (one row per code); suggest: tsv (default), csv, md, txt",
    "FMT" },
  { "to", 0, 0, G_OPTION_ARG_STRING, &opt_to,
    "convert: md, qdc (REFI-QDA) or native (the key-file format of verba-codebook(5))", "FMT" },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  { "code", 0, 0, G_OPTION_ARG_STRING, &opt_code,
    "suggest: the code people applied whose rules to extend", "CODE" },
  { "codebook", 'c', 0, G_OPTION_ARG_STRING_ARRAY, &opt_codebooks,
    "suggest: the codebook whose rules for CODE are tried (default: the stream's rule codings)",
    "CODEBOOK" },
  { "top", 'n', 0, G_OPTION_ARG_INT, &opt_n, "suggest: how many terms (default 20)", "N" },
  { "min-count", 0, 0, G_OPTION_ARG_INT, &opt_min_count,
    "suggest: least occurrences in the coded segments (default 2)", "N" },
  { "misses", 0, 0, G_OPTION_ARG_NONE, &opt_misses,
    "suggest: list the segments people coded CODE that no rule caught instead", NULL },
  { NULL }
};

static char *
fmt_num (VbFormat format, double x, int decimals)
{
  if (isnan (x))
    return g_strdup ("nan");
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *f = g_strdup_printf ("%%.%d%c", format == VB_FORMAT_MD
                                        || format == VB_FORMAT_TXT ? decimals : 15,
                                        format == VB_FORMAT_MD || format == VB_FORMAT_TXT ? 'f'
                                        : 'g');
  return g_strdup (g_ascii_formatd (buf, sizeof buf, f, x));
}

static int
suggest (const char *path)
{
  VbFormat format = VB_FORMAT_TSV;
  if (!cli_format ("codebook", opt_format, &format))
    return CLI_USAGE;
  if (format != VB_FORMAT_TSV && format != VB_FORMAT_CSV && format != VB_FORMAT_MD
      && format != VB_FORMAT_TXT)
    {
      cli_error ("codebook", "suggest prints tsv, csv, md or txt");
      return CLI_USAGE;
    }
  if (opt_code == NULL)
    {
      cli_error ("codebook", "suggest needs --code CODE");
      return CLI_USAGE;
    }
  if (opt_n < 1 || opt_min_count < 1)
    {
      cli_error ("codebook", "-n and --min-count take a whole number from 1");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbCodebook) cb = NULL;
  if (opt_codebooks)
    {
      cb = cli_load_codebooks (opt_codebooks, &err);
      if (cb == NULL)
        return cli_fail ("codebook", err);
      if (vb_codebook_lookup (cb, opt_code) == NULL)
        {
          cli_error ("codebook", "%s: no code '%s'", vb_codebook_path (cb), opt_code);
          return CLI_FAILED;
        }
    }
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (path, &err);
  if (r == NULL)
    return cli_fail ("codebook", err);
  g_autoptr (VbKeyness) k = vb_keyness_new (opt_code, cb);
  VbSegment *seg;
  while (vb_stream_reader_next (r, &seg, &err))
    {
      gboolean ok = !vb_role_is_counted (seg->role) || vb_keyness_add (k, seg, &err);
      vb_segment_free (seg);
      if (!ok)
        return cli_fail ("codebook", err);
    }
  if (err)
    return cli_fail ("codebook", err);
  const char *name = vb_stream_reader_path (r);
  if (vb_keyness_n_human (k) == 0)
    {
      cli_error ("codebook", "%s: no coding by people (source coder:NAME) to learn from: read "
                 "a coded sheet with 'verba import -f csv --codes-col' first", name);
      return CLI_FAILED;
    }
  if (vb_keyness_n_target (k) == 0 || vb_keyness_n_target (k) == vb_keyness_n_segments (k))
    {
      cli_error ("codebook", "%s: people coded '%s' in %u of %u segments: suggestions need "
                 "segments with the code and segments without", name, opt_code,
                 vb_keyness_n_target (k), vb_keyness_n_segments (k));
      return CLI_FAILED;
    }
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  gboolean human = format == VB_FORMAT_MD || format == VB_FORMAT_TXT;
  if (opt_misses)
    {
      GPtrArray *m = vb_keyness_misses (k);
      for (guint i = 0; i < 3; i++)
        g_ptr_array_add (cells, g_strdup ((const char *[]) { "document", "segment", "text" }[i]));
      for (guint i = 0; i < m->len; i++)
        {
          const VbSegment *s = m->pdata[i];
          g_ptr_array_add (cells, g_strdup (s->document));
          g_ptr_array_add (cells, g_strdup_printf ("%u", s->index));
          g_ptr_array_add (cells, g_strdup (s->text));
        }
      g_autofree char *title = g_strdup_printf ("Segments people coded %s that no rule caught "
                                                "(%u of %u)", opt_code, m->len,
                                                vb_keyness_n_target (k));
      vb_grid_write (cells, 3, "lrl", title, format, out);
      return cli_write_output ("codebook", opt_output, out);
    }
  g_autoptr (GArray) terms = vb_keyness_terms (k, (guint) opt_min_count, (guint) opt_n);
  static const char *const head[] = { "term", "kind", "target", "reference", "G2", "chi2", "p",
                                      "precision", "recall", "new", "rule" };
  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    g_ptr_array_add (cells, g_strdup (head[i]));
  g_autoptr (GString) rule = g_string_new (NULL);
  g_autoptr (GPtrArray) listed = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (listed, NULL);
  for (guint i = 0; i < terms->len; i++)
    {
      const VbKeyTerm *t = &g_array_index (terms, VbKeyTerm, i);
      char *rt = vb_keyness_rule_term (t);
      /* A phrase adds nothing to the rule line beside one of its words. */
      g_auto (GStrv) words = g_strsplit (t->term, " ", -1);
      gboolean subsumed = FALSE;
      for (guint w = 0; t->phrase && words[w]; w++)
        subsumed = subsumed || g_strv_contains ((const char *const *) listed->pdata, words[w]);
      if (!subsumed)
        {
          g_string_append_printf (rule, "%s%s", rule->len ? " OR " : "", rt);
          if (!t->phrase)
            g_ptr_array_insert (listed, (gint) listed->len - 1, g_strdup (t->term));
        }
      g_ptr_array_add (cells, g_strdup (t->term));
      g_ptr_array_add (cells, g_strdup (t->phrase ? "phrase" : "word"));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, t->target));
      g_ptr_array_add (cells, g_strdup_printf ("%" G_GUINT64_FORMAT, t->reference));
      g_ptr_array_add (cells, fmt_num (format, t->g2, 2));
      g_ptr_array_add (cells, fmt_num (format, t->chi2, 2));
      g_ptr_array_add (cells, human && t->p < 0.001 ? g_strdup ("<0.001") : fmt_num (format, t->p, 3));
      g_ptr_array_add (cells, fmt_num (format, t->precision, 3));
      g_ptr_array_add (cells, fmt_num (format, t->recall, 3));
      g_ptr_array_add (cells, g_strdup_printf ("%u", t->seg_new));
      g_ptr_array_add (cells, rt);
    }
  g_autofree char *title = g_strdup_printf ("Terms key to %s (%u of %u segments coded by "
                                            "people; %u no rule caught)", opt_code,
                                            vb_keyness_n_target (k), vb_keyness_n_segments (k),
                                            vb_keyness_misses (k)->len);
  vb_grid_write (cells, G_N_ELEMENTS (head), "llrrrrrrrrl", title, format, out);
  if (human)
    {
      g_string_append_printf (out, "\nG2: log-likelihood, chi2: Pearson, both signed and with "
                              "Yates' correction where an expected count is below 5 (quanteda's "
                              "default); p of G2 on 1 df. precision and recall: the term alone as "
                              "a rule, over segments. new: coded segments it finds that no rule "
                              "caught.\n");
      if (terms->len)
        g_string_append_printf (out, "\nCandidate rule (edit before use):\n\n%s"
                                "rule.suggest = %s\n%s", format == VB_FORMAT_MD ? "```ini\n" : "",
                                rule->str, format == VB_FORMAT_MD ? "```\n" : "");
    }
  return cli_write_output ("codebook", opt_output, out);
}

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
      "check|test|show|convert CODEBOOK… | suggest --code CODE [-c CODEBOOK] [CODED]",
      "Check, test, show or convert codebooks; suggest rules from people's coding.",
      "check   report every problem with file, line and column; exit 1 if any\n"
      "test    code every example and counter-example of the codebook's codes:\n"
      "        list each example its code's rules miss and each counter-example\n"
      "        they code (with the rule that fired); exit 1 if any\n"
      "show    print the codebook as a report appendix (-t md) or a table (-t tsv)\n"
      "convert --to md: the same as show -t md; --to native: a verba codebook;\n"
      "        --to qdc: a REFI-QDA codebook for NVivo, ATLAS.ti, MAXQDA, QualCoder\n"
      "suggest words and two-word phrases key to the segments people coded CODE\n"
      "        (log-likelihood G2 and chi-square as quanteda's textstat_keyness),\n"
      "        not used by CODE's rules yet, each with its precision and recall as a\n"
      "        rule alone; --misses lists the coded segments no rule caught\n"
      "CODEBOOK may also be a REFI-QDA .qdc file or a dictionary (LIWC .dic/.dicx,\n"
      "WordStat .cat, Yoshikoder .ykd, Lexicoder .lc2/.lc3, quanteda YAML .yml),\n"
      "chosen by its ending.\n"
      "The format is described in verba-codebook(5).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "codebook", &argc, &argv))
    return CLI_USAGE;
  if (argc <= 3 && argc >= 2 && strcmp (argv[1], "suggest") == 0)
    return suggest (argc == 3 ? argv[2] : "-");
  if (argc > 3 && strcmp (argv[1], "suggest") == 0)
    {
      cli_error ("codebook", "suggest takes one coded stream");
      return CLI_USAGE;
    }
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
      cli_error ("codebook", "unknown action '%s' (known: check, test, show, convert, suggest)",
                 action);
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
