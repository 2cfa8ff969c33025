/* zip-mutator.h: a structure-aware mutator for the harnesses whose
 * input is a zip archive (fuzz-qdpx, fuzz-office, fuzz-zipxml).
 *
 * libFuzzer's byte mutations almost never leave a zip readable (a CRC,
 * sizes and offsets must all agree), so those harnesses plateaued in the
 * zip layer (725 and 595 edges).  This mutator opens the input with
 * libzip, has LLVMFuzzerMutate change the bytes of one entry (an XML entry
 * nine times in ten), and writes the archive again, so the mutation
 * reaches the XML and text readers behind the zip layer.  One mutation in
 * eight, and any input that is not an archive, gets plain byte mutation,
 * so the zip reader itself stays fuzzed.
 *
 * Only a libFuzzer build (VB_LIBFUZZER) has LLVMFuzzerMutate; elsewhere
 * this header is empty and the harness replays its corpus as before.
 * FUZZ_ZIP_BYTES_ONLY=1 in the environment turns the mutator into plain
 * byte mutation, to compare coverage with and without it. */
#pragma once

#ifdef VB_LIBFUZZER
#include <zip.h>

size_t LLVMFuzzerMutate (uint8_t *data, size_t size, size_t max_size);

/* A small generator of its own: libFuzzer passes a seed per call, and
 * rand() would be shared with the code under test. */
static inline guint32
fuzz_zip_rand (guint32 *state)
{
  guint32 x = *state ? *state : 0x9e3779b9u;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static inline gboolean
fuzz_zip_is_xml (const char *name)
{
  return g_str_has_suffix (name, ".xml") || g_str_has_suffix (name, ".qde")
         || g_str_has_suffix (name, ".rels") || g_str_has_suffix (name, ".txt");
}

/* The archive in data[skip..size) with one entry mutated, written into
 * data; 0 if that cannot be done (then the caller mutates bytes). */
static inline size_t
fuzz_zip_mutate_entry (uint8_t *data, size_t size, size_t max_size, size_t skip, guint32 *rng)
{
  zip_error_t ze;
  zip_error_init (&ze);
  zip_source_t *in = zip_source_buffer_create (data + skip, size - skip, 0, &ze);
  if (in == NULL)
    return 0;
  zip_t *za = zip_open_from_source (in, ZIP_RDONLY, &ze);
  if (za == NULL)
    {
      zip_source_free (in);
      zip_error_fini (&ze);
      return 0;
    }
  zip_int64_t n = zip_get_num_entries (za, 0);
  size_t out_len = 0;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *bodies = g_ptr_array_new_with_free_func (g_free);
  GArray *lens = g_array_new (FALSE, FALSE, sizeof (gsize));
  gboolean ok = n > 0 && n <= 64;
  for (zip_int64_t i = 0; ok && i < n; i++)
    {
      zip_stat_t st;
      const char *name = zip_get_name (za, (zip_uint64_t) i, ZIP_FL_ENC_RAW);
      zip_file_t *f = NULL;
      ok = name != NULL && zip_stat_index (za, (zip_uint64_t) i, 0, &st) == 0
           && (st.valid & ZIP_STAT_SIZE) && st.size <= max_size
           && (f = zip_fopen_index (za, (zip_uint64_t) i, 0)) != NULL;
      if (!ok)
        break;
      guint8 *body = g_malloc (st.size + 1);
      ok = zip_fread (f, body, st.size) == (zip_int64_t) st.size;
      zip_fclose (f);
      gsize len = st.size;
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (bodies, body);
      g_array_append_val (lens, len);
    }
  zip_close (za); /* read-only: frees `in` too */
  if (ok)
    {
      /* The entry to change: an XML (or text) one nine times in ten. */
      g_autoptr (GArray) xml = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < names->len; i++)
        if (fuzz_zip_is_xml (names->pdata[i]))
          g_array_append_val (xml, i);
      guint pick = xml->len && fuzz_zip_rand (rng) % 10 != 0
                     ? g_array_index (xml, guint, fuzz_zip_rand (rng) % xml->len)
                     : fuzz_zip_rand (rng) % names->len;
      gsize len = g_array_index (lens, gsize, pick);
      gsize cap = MIN (max_size, len * 2 + 256);
      guint8 *body = g_realloc (bodies->pdata[pick], MAX (cap, len + 1));
      bodies->pdata[pick] = body;
      g_array_index (lens, gsize, pick) = LLVMFuzzerMutate (body, len, cap);

      /* Written again, stored or deflated at random (both are read). */
      zip_source_t *out = zip_source_buffer_create (NULL, 0, 0, &ze);
      zip_t *zw = out ? zip_open_from_source (out, ZIP_TRUNCATE, &ze) : NULL;
      ok = zw != NULL;
      if (zw != NULL) /* zip_close would free it before it is read */
        zip_source_keep (out);
      gboolean deflate = fuzz_zip_rand (rng) % 2;
      for (guint i = 0; ok && i < names->len; i++)
        {
          zip_source_t *s = zip_source_buffer (zw, bodies->pdata[i], g_array_index (lens, gsize, i), 0);
          zip_int64_t idx = s ? zip_file_add (zw, names->pdata[i], s, ZIP_FL_ENC_GUESS) : -1;
          if (s != NULL && idx < 0)
            zip_source_free (s);
          ok = idx >= 0 && zip_set_file_compression (zw, (zip_uint64_t) idx,
                                                     deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) == 0;
        }
      if (zw != NULL && (!ok || zip_close (zw) != 0))
        {
          zip_discard (zw);
          ok = FALSE;
        }
      zip_stat_t st;
      if (ok && zip_source_stat (out, &st) == 0 && (st.valid & ZIP_STAT_SIZE)
          && skip + st.size <= max_size && zip_source_open (out) == 0)
        {
          ok = zip_source_read (out, data + skip, st.size) == (zip_int64_t) st.size;
          zip_source_close (out);
          out_len = ok ? skip + st.size : 0;
        }
      if (out != NULL)
        zip_source_free (out);
    }
  g_ptr_array_unref (names);
  g_ptr_array_unref (bodies);
  g_array_unref (lens);
  zip_error_fini (&ze);
  return out_len;
}

/* For a harness whose archive starts at data[skip]. */
static inline size_t
fuzz_zip_mutate (uint8_t *data, size_t size, size_t max_size, unsigned int seed, size_t skip)
{
  static int bytes_only = -1;
  if (bytes_only < 0)
    bytes_only = g_strcmp0 (g_getenv ("FUZZ_ZIP_BYTES_ONLY"), "1") == 0;
  guint32 rng = seed;
  if (!bytes_only && size > skip && fuzz_zip_rand (&rng) % 8 != 0)
    {
      size_t n = fuzz_zip_mutate_entry (data, size, max_size, skip, &rng);
      if (n > 0)
        return n;
    }
  return LLVMFuzzerMutate (data, size, max_size);
}
#endif
