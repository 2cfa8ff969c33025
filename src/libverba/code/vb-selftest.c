/* vb-selftest.c: see vb-selftest.h. */
#include "code/vb-selftest.h"
#include "code/vb-coder.h"
#include "stream/vb-segment.h"

#include <string.h>

void
vb_selftest_failure_free (gpointer p)
{
  VbSelftestFailure *f = p;
  if (f == NULL)
    return;
  g_free (f->why);
  g_free (f);
}

/* What made seg get code or a sub-theme of it: "rule.x ('matched text')",
 * one per rule, with the sub-theme's id when it is one. */
static char *
fired (const VbCodebook *cb, const VbSegment *seg, const char *code)
{
  GString *s = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint k = 0; k < seg->codings->len; k++)
    {
      const VbCoding *c = &g_array_index (seg->codings, VbCoding, k);
      if (!vb_codebook_is_within (cb, c->code, code))
        continue;
      const char *src = g_str_has_prefix (c->source, "rule:") ? c->source + 5 : c->source;
      g_autofree char *rule = strcmp (c->code, code) == 0 ? g_strdup (src)
                                                          : g_strdup_printf ("%s %s", c->code, src);
      const char *from = g_utf8_offset_to_pointer (seg->text, c->start);
      const char *to = g_utf8_offset_to_pointer (seg->text, c->end);
      /* One entry a rule, with its first match. */
      if (!g_hash_table_add (seen, g_strdup (rule)))
        continue;
      g_string_append_printf (s, "%s%s ('%.*s')", s->len ? ", " : "", rule, (int) (to - from),
                              from);
    }
  return g_string_free (s, FALSE);
}

/* The codes seg got, in codebook order, without repeats. */
static char *
codes_of (const VbSegment *seg)
{
  GString *s = g_string_new (NULL);
  for (guint k = 0; k < seg->codings->len; k++)
    {
      const char *code = g_array_index (seg->codings, VbCoding, k).code;
      if (k > 0 && strcmp (code, g_array_index (seg->codings, VbCoding, k - 1).code) == 0)
        continue;
      g_string_append_printf (s, "%s%s", s->len ? ", " : "", code);
    }
  return g_string_free (s, FALSE);
}

static gboolean
try_list (const VbCodebook *cb, VbCoder *coder, const VbCode *code, GStrv list, gboolean counter, guint line,
          GPtrArray *failures, guint *n, GError **error)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup ("example");
      seg->index = 1;
      seg->role = VB_ROLE_PARTICIPANT;
      g_free (seg->text);
      seg->text = g_strdup (list[i]);
      g_autoptr (GPtrArray) doc = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
      g_ptr_array_add (doc, seg);
      vb_coder_code_document (coder, doc);
      if (vb_coder_error (coder) != NULL)
        {
          g_propagate_error (error, vb_coder_take_error (coder));
          return FALSE;
        }
      (*n)++;
      /* A theme counts its sub-themes, as --rollup does. */
      gboolean has = FALSE;
      for (guint k = 0; k < seg->codings->len && !has; k++)
        has = vb_codebook_is_within (cb, g_array_index (seg->codings, VbCoding, k).code,
                                     code->id);
      if (has != counter)
        continue;
      VbSelftestFailure *f = g_new0 (VbSelftestFailure, 1);
      f->code = code;
      f->counter = counter;
      f->index = i + 1;
      f->text = list[i];
      f->line = line;
      f->why = counter ? fired (cb, seg, code->id) : codes_of (seg);
      g_ptr_array_add (failures, f);
    }
  return TRUE;
}

gboolean
vb_selftest_run (const VbCodebook *cb, GPtrArray *failures, guint *n_examples, guint *n_counter,
                 GError **error)
{
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
  *n_examples = *n_counter = 0;
  for (guint c = 0; c < vb_codebook_n_codes (cb); c++)
    {
      const VbCode *code = vb_codebook_code (cb, c);
      if (g_strcmp0 (code->origin, vb_codebook_id (cb)) != 0)
        continue;
      if (!try_list (cb, coder, code, code->examples, FALSE, code->examples_line, failures,
                     n_examples, error)
          || !try_list (cb, coder, code, code->counter_examples, TRUE, code->counter_examples_line,
                        failures, n_counter, error))
        return FALSE;
    }
  return TRUE;
}
