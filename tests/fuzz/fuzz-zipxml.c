/* fuzz-zipxml: the safe primitives under the office and REFI-QDA readers.
 * First byte even: the rest is a zip archive (vb_zip_open, vb_zip_read of
 * every entry): every name it lists is safe, reads stay within the limits,
 * and the entries written again with VbZipWriter read back with the same
 * names and bytes.  Odd: the rest is XML (vb_xml_parse): a document that
 * parses has no DTD, and the text under its root element is UTF-8. */
#include "fuzz.h"
#include "zip-mutator.h"
#include "base/vb-xml.h"
#include "base/vb-zip.h"

static void
check_zip (const uint8_t *data, size_t size)
{
  const char *path = fuzz_file ("fuzz.zip", data, size);
  g_autoptr (GError) err = NULL;
  g_autoptr (VbZip) z = vb_zip_open (path, &err);
  if (z == NULL)
    {
      fuzz_assert (err != NULL);
      return;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GPtrArray) bodies = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) lens = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (guint i = 0; i < vb_zip_n_entries (z); i++)
    {
      const char *name = vb_zip_entry_name (z, i);
      fuzz_assert (vb_zip_name_is_safe (name));
      fuzz_assert (vb_zip_has (z, name));
      gsize len = 0;
      g_autoptr (GError) rerr = NULL;
      char *body = vb_zip_read (z, name, &len, &rerr);
      if (body == NULL)
        {
          fuzz_assert (rerr != NULL);
          continue;
        }
      fuzz_assert (len <= VB_ZIP_MAX_ENTRY_SIZE && body[len] == '\0');
      /* A name twice in an archive: only the first is read, so only
       * archives of distinct names go round. */
      if (g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
        {
          g_free (body);
          return;
        }
      g_ptr_array_add (names, (gpointer) name);
      g_ptr_array_add (bodies, body);
      g_array_append_val (lens, len);
    }
  g_autoptr (VbZipWriter) w = vb_zip_writer_new (&err);
  fuzz_assert (w != NULL);
  for (guint i = 0; i < names->len; i++)
    {
      /* The writer stores names as UTF-8. */
      if (!g_utf8_validate (names->pdata[i], -1, NULL))
        return;
      if (!vb_zip_writer_add (w, names->pdata[i], bodies->pdata[i], g_array_index (lens, gsize, i), &err))
        {
          fprintf (stderr, "zip add: %s\n", err->message);
          fuzz_assert (FALSE);
        }
    }
  g_autofree char *out = g_strconcat (path, ".out.zip", NULL);
  if (names->len == 0)
    {
      fuzz_assert (!vb_zip_writer_commit (w, out, &err) && err != NULL);
      fuzz_assert (!g_file_test (out, G_FILE_TEST_EXISTS));
      return;
    }
  if (!vb_zip_writer_commit (w, out, &err))
    fprintf (stderr, "zip commit: %s\n", err->message);
  fuzz_assert (err == NULL);
  g_autoptr (VbZip) back = vb_zip_open (out, &err);
  if (back == NULL)
    fprintf (stderr, "zip reopen: %s\n", err->message);
  fuzz_assert (back != NULL && vb_zip_n_entries (back) == names->len);
  for (guint i = 0; i < names->len; i++)
    {
      fuzz_assert (strcmp (vb_zip_entry_name (back, i), names->pdata[i]) == 0);
      gsize len = 0;
      g_autofree char *body = vb_zip_read (back, names->pdata[i], &len, &err);
      /* The writer may deflate an entry better than the archive given did:
       * past 1 MiB and 100 times, the reader's ratio limit refuses it
       * (open: tests/fuzz/README, run 8). */
      if (body == NULL && strstr (err->message, "times its compressed size") != NULL)
        {
          g_clear_error (&err);
          continue;
        }
      if (body == NULL)
        fprintf (stderr, "zip read back: %s\n", err->message);
      fuzz_assert (body != NULL && len == g_array_index (lens, gsize, i));
      fuzz_assert (memcmp (body, bodies->pdata[i], len) == 0);
    }
  g_unlink (out);
}

static void
check_xml (const uint8_t *data, size_t size)
{
  g_autoptr (GError) err = NULL;
  g_autoptr (xmlDoc) doc = vb_xml_parse ("fuzz.xml", (const char *) data, size, &err);
  if (doc == NULL)
    {
      fuzz_assert (err != NULL && g_str_has_prefix (err->message, "fuzz.xml:"));
      return;
    }
  fuzz_assert (doc->intSubset == NULL && doc->extSubset == NULL);
  xmlNode *root = xmlDocGetRootElement (doc);
  fuzz_assert (root != NULL);
  g_autofree char *text = vb_xml_text (root);
  fuzz_assert (g_utf8_validate (text, -1, NULL));
  for (xmlNode *n = root->children; n; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      {
        fuzz_assert (vb_xml_child (root, (const char *) n->name) != NULL);
        g_autofree char *a = n->properties ? vb_xml_attr (n, (const char *) n->properties->name) : NULL;
        fuzz_assert (a == NULL || g_utf8_validate (a, -1, NULL));
      }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  if (data[0] % 2 == 0)
    check_zip (data + 1, size - 1);
  else
    check_xml (data + 1, size - 1);
  return 0;
}

#ifdef VB_LIBFUZZER
/* An archive after an even first byte: its entries are mutated (see
 * zip-mutator.h); XML after an odd one, bytes as libFuzzer does. */
size_t LLVMFuzzerCustomMutator (uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t
LLVMFuzzerCustomMutator (uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
  if (size > 1 && data[0] % 2 == 0)
    return fuzz_zip_mutate (data, size, max_size, seed, 1);
  return LLVMFuzzerMutate (data, size, max_size);
}
#endif
