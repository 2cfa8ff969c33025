/* vb-buf.h: appending to a GString on the hot paths of reading and
 * writing streams.  g_string_append_len is a call into GLib that checks
 * for overlapping memory on every append; these inline the common case
 * (the bytes fit) and leave growing to GLib. */
#pragma once

#include <string.h>
#include <glib.h>

static inline void
vb_buf_append_len (GString *s, const char *p, gsize n)
{
  if (G_UNLIKELY (s->len + n >= s->allocated_len))
    {
      gsize at = s->len;
      g_string_set_size (s, at + n);
      memcpy (s->str + at, p, n);
      return;
    }
  memcpy (s->str + s->len, p, n);
  s->len += n;
  s->str[s->len] = '\0';
}
