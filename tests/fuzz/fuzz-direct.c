/* fuzz-direct: verba code's direct lane (vb-coder-direct.h) against the
 * general path.  The first line holds the codebook's words, one code
 * each (a word ending in '*' is a stem; words that do not compile are
 * left out); every later line is a row of a stream whose header is
 * document segment speaker role phase start end region text.  A row the
 * lane takes must be one the general path reads, and come out as the
 * same bytes, with the same "coded" answer; a row the general path
 * rejects must be left to it. */
#include "fuzz.h"
#include "code/vb-coder-direct.h"

static const char header[] = "document\tsegment\tspeaker\trole\tphase\tstart\tend\tregion\ttext\n";

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_init ();
  const uint8_t *nl = memchr (data, '\n', size);
  size_t wlen = nl ? (size_t) (nl - data) : size;
  g_autofree char *words = fuzz_strndup (data, wlen);
  g_autoptr (VbCodebook) cb = vb_codebook_new ("fuzz", "Fuzz");
  g_auto (GStrv) list = g_strsplit (words, " ", 50);
  guint n_codes = 0;
  for (guint i = 0; list[i]; i++)
    {
      if (*list[i] == '\0')
        continue;
      g_autofree char *id = g_strdup_printf ("c%u", i);
      fuzz_assert (vb_codebook_add (cb, id, VB_CODE_THEME, id, NULL, NULL));
      g_autoptr (GError) err = NULL;
      if (vb_codebook_add_rule (cb, id, i % 2 ? "rule" : "rule.w;x", list[i], &err))
        n_codes++;
    }
  if (n_codes == 0)
    return 0;

  FILE *in = fmemopen ((void *) header, sizeof header - 1, "r");
  FILE *sink = fopen ("/dev/null", "w");
  fuzz_assert (in != NULL && sink != NULL);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbStreamReader) r = vb_stream_reader_open_fp (in, "fuzz.tsv", &err);
  fuzz_assert (r != NULL);
  g_autoptr (VbCoder) coder = vb_coder_new (cb);
  g_autoptr (VbDirect) d = vb_direct_new (cb, vb_coder_matcher (coder), r);
  if (d == NULL) /* a word compiled to more than one word: not the lane's */
    {
      fclose (in);
      fclose (sink);
      return 0;
    }
  g_autoptr (VbDirectState) st = vb_direct_state_new (d);
  g_autoptr (VbStreamWriter) w =
    vb_stream_writer_new (sink, vb_stream_reader_attr_keys (r), TRUE, cb);
  g_autoptr (GPtrArray) fields = vb_stream_fields_new ();
  g_autoptr (GString) got = g_string_new (NULL);
  g_autoptr (GString) want = g_string_new (NULL);

  const char *p = nl ? (const char *) nl + 1 : (const char *) data + size;
  const char *end = (const char *) data + size;
  for (guint line = 2; p < end && line < 500; line++)
    {
      const char *e = memchr (p, '\n', (size_t) (end - p));
      size_t len = (size_t) ((e ? e : end) - p);
      g_string_truncate (got, 0);
      gboolean coded = FALSE;
      gboolean took = vb_direct_code_line (st, p, len, got, &coded);
      fuzz_assert (took || got->len == 0);

      VbSegment *seg = NULL;
      g_autoptr (GError) perr = NULL;
      if (!vb_stream_reader_parse_line (r, p, len, line, 0, fields, &seg, &perr))
        fuzz_assert (!took && perr != NULL);
      else
        {
          g_autoptr (GPtrArray) doc =
            g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
          g_ptr_array_add (doc, seg);
          vb_coder_code_document (coder, doc);
          g_string_truncate (want, 0);
          vb_stream_writer_format (w, seg, want);
          if (took)
            {
              fuzz_assert (strcmp (got->str, want->str) == 0);
              fuzz_assert (coded == (seg->codings->len > 0));
            }
        }
      p = e ? e + 1 : end;
    }
  g_clear_pointer (&w, vb_stream_writer_free);
  g_clear_pointer (&r, vb_stream_reader_free);
  fclose (in);
  fclose (sink);
  return 0;
}
