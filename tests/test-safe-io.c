/* test-safe-io.c: the safe XML and zip primitives (vb-xml.h, vb-zip.h)
 * against hostile input, and the name-based UUIDs (vb-uuid.h).  Hostile
 * archives are built here with libzip itself; tests/cli/refi.sh builds
 * more with python3's zipfile and runs them through the commands. */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <zip.h>
#include <libxml/parserInternals.h>

#include "base/vb-error.h"
#include "base/vb-scratch.h"
#include "base/vb-uuid.h"
#include "base/vb-xml.h"
#include "base/vb-zip.h"

static char *tmpdir;

static void
test_xml_plain (void)
{
  const char *x = "<a xmlns=\"urn:x\"><b n=\"1\">one <c>two</c></b><b n=\"2\"/></a>";
  GError *error = NULL;
  g_autoptr (xmlDoc) doc = vb_xml_parse ("t.xml", x, strlen (x), &error);
  g_assert_no_error (error);
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *b = vb_xml_child (root, "b");
  g_autofree char *n = vb_xml_attr (b, "n");
  g_autofree char *text = vb_xml_text (b);
  g_assert_cmpstr (n, ==, "1");
  g_assert_cmpstr (text, ==, "one two");
  xmlNode *b2 = vb_xml_next (b, "b");
  g_autofree char *n2 = vb_xml_attr (b2, "n");
  g_assert_cmpstr (n2, ==, "2");
  g_assert_null (vb_xml_next (b2, "b"));
}

static void
test_xml_malformed (void)
{
  const char *x = "<a>\n  <b></c>\n</a>";
  GError *error = NULL;
  xmlDoc *doc = vb_xml_parse ("bad.xml", x, strlen (x), &error);
  g_assert_null (doc);
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  /* libxml2 reports the mismatch on line 2 where </c> is. */
  g_assert_true (g_str_has_prefix (error->message, "bad.xml:2:"));
  g_assert_nonnull (strstr (error->message, "mismatch"));
  g_error_free (error);
}

static guint loader_calls;

/* Stands in for libxml2's loader: counts every attempt to load anything. */
static xmlParserInputPtr
counting_loader (const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
  loader_calls++;
  return NULL;
}

/* An external entity pointing at a local file: the file must not be read,
 * and nothing may even be asked for. */
static void
test_xml_xxe (void)
{
  xmlExternalEntityLoader saved = xmlGetExternalEntityLoader ();
  xmlSetExternalEntityLoader (counting_loader);
  loader_calls = 0;
  g_autofree char *secret = g_build_filename (tmpdir, "secret.txt", NULL);
  g_assert_true (g_file_set_contents (secret, "TOP-SECRET-42", -1, NULL));
  g_autofree char *x = g_strdup_printf (
      "<?xml version=\"1.0\"?>\n<!DOCTYPE a [\n<!ENTITY xxe SYSTEM \"file://%s\">\n]>\n"
      "<a>&xxe;</a>", secret);
  GError *error = NULL;
  xmlDoc *doc = vb_xml_parse ("xxe.xml", x, strlen (x), &error);
  g_assert_null (doc);
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "xxe.xml:2:1: document type declarations (DTDs, entities) are not accepted");
  g_assert_null (strstr (error->message, "TOP-SECRET"));
  g_assert_cmpuint (loader_calls, ==, 0);
  g_error_free (error);
  xmlSetExternalEntityLoader (saved);
}

/* Ten levels of ten references: 10^10 "lol"s if expanded. */
static void
test_xml_billion_laughs (void)
{
  GString *x = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n");
  for (int i = 1; i <= 10; i++)
    {
      g_string_append_printf (x, "<!ENTITY lol%d \"", i);
      for (int k = 0; k < 10; k++)
        g_string_append_printf (x, "&lol%d;", i - 1);
      g_string_append (x, "\">\n");
    }
  g_string_append (x, "]>\n<lolz>&lol10;</lolz>");
  gint64 t0 = g_get_monotonic_time ();
  GError *error = NULL;
  xmlDoc *doc = vb_xml_parse ("lol.xml", x->str, x->len, &error);
  g_assert_null (doc);
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  /* Refused, not expanded: well under a second. */
  g_assert_cmpint (g_get_monotonic_time () - t0, <, G_USEC_PER_SEC);
  g_error_free (error);
  g_string_free (x, TRUE);
}

static void
test_zip_names (void)
{
  const char *safe[] = { "project.qde", "sources/a.txt", "a/b/c..d", "..a", NULL };
  const char *unsafe[] = { "", "/etc/passwd", "../evil", "a/../../b", "a\\b", "C:/x", "a/..",
                           NULL };
  for (guint i = 0; safe[i]; i++)
    g_assert_true (vb_zip_name_is_safe (safe[i]));
  for (guint i = 0; unsafe[i]; i++)
    g_assert_false (vb_zip_name_is_safe (unsafe[i]));
}

static char *
make_zip (const char *name, const char *const *entries, const char *data, gsize len)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  int err = 0;
  zip_t *za = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_assert_nonnull (za);
  for (guint i = 0; entries[i]; i++)
    {
      zip_source_t *s = zip_source_buffer (za, data, len, 0);
      g_assert_cmpint (zip_file_add (za, entries[i], s, ZIP_FL_ENC_UTF_8), >=, 0);
    }
  g_assert_cmpint (zip_close (za), ==, 0);
  return path;
}

static void
test_zip_traversal (void)
{
  const char *entries[] = { "ok.txt", "../evil", NULL };
  g_autofree char *path = make_zip ("evil.zip", entries, "x", 1);
  GError *error = NULL;
  g_assert_null (vb_zip_open (path, &error));
  g_autofree char *want = g_strdup_printf (
      "%s: entry '../evil' has an unsafe name (absolute, '..' or backslash)", path);
  g_assert_cmpstr (error->message, ==, want);
  g_error_free (error);
}

/* 8 MiB of zeros deflates to a few kilobytes: far past the ratio. */
static void
test_zip_bomb (void)
{
  gsize len = 8 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (len);
  const char *entries[] = { "bomb.txt", NULL };
  g_autofree char *path = make_zip ("bomb.zip", entries, zeros, len);
  GError *error = NULL;
  g_autoptr (VbZip) z = vb_zip_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (vb_zip_read (z, "bomb.txt", NULL, &error));
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_autofree char *want = g_strdup_printf ("%s: entry 'bomb.txt' inflates to more than %d times",
                                           path, VB_ZIP_MAX_RATIO);
  g_assert_true (g_str_has_prefix (error->message, want));
  g_error_free (error);
}

static void
test_zip_roundtrip (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "w.zip", NULL);
  GError *error = NULL;
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr (VbZipWriter) w = vb_zip_writer_new (&error);
      g_assert_no_error (error);
      g_assert_true (vb_zip_writer_add (w, "b.txt", "bee", 3, &error));
      g_assert_true (vb_zip_writer_add (w, "a/c.txt", "", 0, &error));
      g_assert_true (vb_zip_writer_commit (w, path, &error));
      g_assert_no_error (error);
    }
  g_autoptr (VbZip) z = vb_zip_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vb_zip_n_entries (z), ==, 2);
  g_assert_cmpstr (vb_zip_entry_name (z, 0), ==, "b.txt");
  g_assert_cmpstr (vb_zip_entry_name (z, 1), ==, "a/c.txt");
  gsize len = 99;
  g_autofree char *b = vb_zip_read (z, "b.txt", &len, &error);
  g_assert_cmpstr (b, ==, "bee");
  g_assert_cmpuint (len, ==, 3);
  g_assert_null (vb_zip_read (z, "nope", NULL, &error));
  g_assert_error (error, VB_ERROR, VB_ERROR_PARSE);
  g_error_free (error);
}

/* An entry taken from a range of an open file (how verba export streams
 * its sources) gives the same archive, byte for byte, as the same bytes
 * from memory; an XML document written to a file is the one written to
 * memory, its text in pieces or whole. */
static void
test_zip_range (void)
{
  GError *error = NULL;
  g_autofree char *mem = g_build_filename (tmpdir, "mem.zip", NULL);
  g_autofree char *file = g_build_filename (tmpdir, "file.zip", NULL);
  int fd = vb_scratch_new ("test", &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "xxbee and wasp\n", 15), ==, 15);
  g_autoptr (VbZipWriter) a = vb_zip_writer_new (&error);
  g_assert_true (vb_zip_writer_add (a, "b.txt", "bee and wasp\n", 13, &error));
  g_assert_true (vb_zip_writer_add (a, "e.txt", "", 0, &error));
  g_assert_true (vb_zip_writer_commit (a, mem, &error));
  g_autoptr (VbZipWriter) b = vb_zip_writer_new (&error);
  g_assert_true (vb_zip_writer_add_range (b, "b.txt", fd, 2, 13, &error));
  g_assert_true (vb_zip_writer_add_range (b, "e.txt", fd, 15, 0, &error));
  g_assert_true (vb_zip_writer_commit (b, file, &error));
  g_assert_no_error (error);
  g_autofree char *x = NULL, *y = NULL;
  gsize xl = 0, yl = 0;
  g_assert_true (g_file_get_contents (mem, &x, &xl, NULL));
  g_assert_true (g_file_get_contents (file, &y, &yl, NULL));
  g_assert_cmpmem (x, xl, y, yl);
  /* A range past the end of the file fails the commit, leaving no file. */
  g_autofree char *bad = g_build_filename (tmpdir, "bad.zip", NULL);
  g_autoptr (VbZipWriter) c = vb_zip_writer_new (&error);
  g_assert_true (vb_zip_writer_add_range (c, "b.txt", fd, 10, 20, &error));
  g_assert_false (vb_zip_writer_commit (c, bad, &error));
  g_assert_error (error, VB_ERROR, VB_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  close (fd);

  VbXmlOut *m = vb_xml_out_new ();
  vb_xml_out_start (m, "P");
  vb_xml_out_text_element (m, "D", "a < b\x01 & \xc3\xa9");
  vb_xml_out_end (m);
  g_autoptr (GString) want = vb_xml_out_finish (m);
  int xfd = vb_scratch_new ("test", &error);
  VbXmlOut *f = vb_xml_out_new_fd (xfd);
  vb_xml_out_start (f, "P");
  vb_xml_out_start (f, "D");
  vb_xml_out_text (f, "a < b");
  vb_xml_out_text (f, "\x01 & ");
  vb_xml_out_text (f, "\xc3\xa9");
  vb_xml_out_end (f);
  vb_xml_out_end (f);
  g_assert_true (vb_xml_out_finish_fd (f, "test", &error));
  char got[256];
  ssize_t n = pread (xfd, got, sizeof got, 0);
  close (xfd);
  g_assert_cmpmem (got, n, want->str, want->len);
}

/* libzip writes nothing for an archive without entries; the writer says so
 * and leaves no file (found by tests/fuzz/fuzz-zipxml). */
static void
test_zip_empty (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "empty.zip", NULL);
  GError *error = NULL;
  g_autoptr (VbZipWriter) w = vb_zip_writer_new (&error);
  g_assert_no_error (error);
  g_assert_false (vb_zip_writer_commit (w, path, &error));
  g_assert_error (error, VB_ERROR, VB_ERROR_IO);
  g_autofree char *want = g_strdup_printf ("%s: an archive needs at least one entry", path);
  g_assert_cmpstr (error->message, ==, want);
  g_error_free (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Reference values from Python: uuid.uuid5(uuid.UUID(
 * "5d2f8a61-3c4e-4b1f-9a07-e26c15d348b9"), "code:openness"), the same
 * algorithm (SHA-1 of name space and name, RFC 4122 version 5). */
static void
test_uuid (void)
{
  g_autofree char *u = vb_uuid_for ("code", "openness");
  g_assert_cmpstr (u, ==, "07ec1c57-a362-5e26-b5ec-dbb251e76aa0");
  g_autofree char *u2 = vb_uuid_for ("code", "openness");
  g_assert_cmpstr (u, ==, u2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("verba-safe-io-XXXXXX", NULL);
  g_test_add_func ("/xml/plain", test_xml_plain);
  g_test_add_func ("/xml/malformed", test_xml_malformed);
  g_test_add_func ("/xml/xxe", test_xml_xxe);
  g_test_add_func ("/xml/billion-laughs", test_xml_billion_laughs);
  g_test_add_func ("/zip/names", test_zip_names);
  g_test_add_func ("/zip/traversal", test_zip_traversal);
  g_test_add_func ("/zip/bomb", test_zip_bomb);
  g_test_add_func ("/zip/roundtrip", test_zip_roundtrip);
  g_test_add_func ("/zip/empty", test_zip_empty);
  g_test_add_func ("/zip/range", test_zip_range);
  g_test_add_func ("/uuid/name-based", test_uuid);
  int rc = g_test_run ();
  const char *names[] = { "secret.txt", "evil.zip", "bomb.zip", "w.zip", NULL };
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *p = g_build_filename (tmpdir, names[i], NULL);
      g_unlink (p);
    }
  g_rmdir (tmpdir);
  return rc;
}
