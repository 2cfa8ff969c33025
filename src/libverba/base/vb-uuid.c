#include "base/vb-uuid.h"

#include <string.h>

/* verba's name space: a version 4 UUID drawn once and fixed here. */
static const guint8 verba_ns[16] = {
  0x5d, 0x2f, 0x8a, 0x61, 0x3c, 0x4e, 0x4b, 0x1f, 0x9a, 0x07, 0xe2, 0x6c, 0x15, 0xd3, 0x48, 0xb9,
};

char *
vb_uuid_for (const char *kind, const char *name)
{
  g_autoptr (GChecksum) ck = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize n = sizeof digest;
  g_checksum_update (ck, verba_ns, sizeof verba_ns);
  g_checksum_update (ck, (const guchar *) kind, strlen (kind));
  g_checksum_update (ck, (const guchar *) ":", 1);
  g_checksum_update (ck, (const guchar *) name, strlen (name));
  g_checksum_get_digest (ck, digest, &n);
  digest[6] = (digest[6] & 0x0f) | 0x50;  /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;  /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}
