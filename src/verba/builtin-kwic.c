/* verba kwic: keywords in context, to see how people use a word before a
 * rule counts it. */
#include "builtin.h"
#include "cli.h"
#include "analysis/vb-kwic.h"

#include <string.h>

static int opt_window = 5;
static char *opt_format = NULL;
static char *opt_output = NULL;
static char *opt_attribution = NULL;
static gboolean opt_include_moderator = FALSE;
static gboolean opt_names = FALSE;
static char *opt_pseudonyms = NULL;

static GOptionEntry entries[] = {
  { "window", 'w', 0, G_OPTION_ARG_INT, &opt_window,
    "Words of context on each side (default 5)", "N" },
  { "type", 't', 0, G_OPTION_ARG_STRING, &opt_format,
    "Format: tsv (default), csv, md, txt, latex, json, html", "FMT" },
  { "attribution", 0, 0, G_OPTION_ARG_STRING, &opt_attribution,
    "Attribution template, e.g. '{location}, {age}' (default: as verba quotes)", "TEMPLATE" },
  { "include-moderator", 0, 0, G_OPTION_ARG_NONE, &opt_include_moderator,
    "Search moderators' and interviewers' words too", NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &opt_output, "Write to FILE (atomically)", "FILE" },
  CLI_PSEUDONYM_ENTRIES (&opt_names, &opt_pseudonyms),
  { NULL }
};

int
builtin_kwic (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = cli_context (
      "WORD|RULE [SEGMENTS|-]", "Keywords in context, as quanteda's kwic.",
      "Every place the pattern holds, with N words before and after and the\n"
      "verbatim's attribution.  The pattern is a rule of the codebook language:\n"
      "a word, a stem* (transparen*), a \"phrase\", or words joined by OR, AND,\n"
      "NEAR/n.  See man verba-kwic.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!cli_parse (ctx, "kwic", &argc, &argv))
    return CLI_USAGE;
  VbFormat format = VB_FORMAT_TSV;
  if (!cli_format ("kwic", opt_format, &format))
    return CLI_USAGE;
  if (!cli_option_in_range ("kwic", "-w", opt_window, 0, 1000))
    return CLI_USAGE;
  if (argc < 2 || argc > 3)
    {
      cli_error ("kwic", argc < 2 ? "a word or rule to look for is required (see 'verba kwic "
                                    "--help')"
                                  : "one input stream at a time (see 'verba kwic --help')");
      return CLI_USAGE;
    }
  g_autoptr (GError) err = NULL;
  g_autoptr (VbKwic) kwic = vb_kwic_new (argv[1], (guint) opt_window, &err);
  if (kwic == NULL)
    {
      cli_error ("kwic", "pattern '%s': %s", argv[1], err->message);
      return CLI_USAGE;
    }
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (argc > 2 ? argv[2] : "-", &err);
  if (r == NULL)
    return cli_fail ("kwic", err);
  g_autoptr (VbPseudonyms) shown = cli_pseudonyms ("kwic", opt_names, opt_pseudonyms);
  if (shown == NULL)
    return CLI_FAILED;

  g_autoptr (GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  const char *header[] = { "document", "segment", "attribution", "from", "to", "pre",
                           "keyword", "post" };
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    g_ptr_array_add (cells, g_strdup (header[i]));
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (VbKwicHit));
  g_array_set_clear_func (hits, vb_kwic_hit_clear);
  VbSegment *seg;
  gboolean ok = TRUE;
  while (ok && vb_stream_reader_next (r, &seg, &err))
    {
      vb_pseudonyms_see (shown, seg);
      if (opt_include_moderator || vb_role_is_counted (seg->role))
        {
          g_array_set_size (hits, 0);
          ok = vb_kwic_find (kwic, seg, hits, &err);
          if (!ok)
            g_prefix_error (&err, "document '%s', segment %u: ", seg->document, seg->index);
          g_autofree char *attribution = hits->len
            ? vb_quote_attribution (seg, opt_attribution, vb_pseudonyms_speaker (shown, seg))
            : NULL;
          for (guint i = 0; ok && i < hits->len; i++)
            {
              const VbKwicHit *h = &g_array_index (hits, VbKwicHit, i);
              g_ptr_array_add (cells, g_strdup (seg->document));
              g_ptr_array_add (cells, g_strdup_printf ("%u", seg->index));
              g_ptr_array_add (cells, g_strdup (attribution));
              g_ptr_array_add (cells, g_strdup_printf ("%u", h->from));
              g_ptr_array_add (cells, g_strdup_printf ("%u", h->to));
              g_ptr_array_add (cells, g_strdup (h->pre));
              g_ptr_array_add (cells, g_strdup (h->keyword));
              g_ptr_array_add (cells, g_strdup (h->post));
            }
        }
      vb_segment_free (seg);
    }
  if (err)
    return cli_fail ("kwic", err);
  g_autoptr (GString) out = g_string_new (NULL);
  vb_grid_write (cells, G_N_ELEMENTS (header), "lrlrrrll", "Keywords in context", format, out);
  return cli_write_output_as ("kwic", opt_output, out, format);
}
