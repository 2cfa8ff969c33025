/* vb-buf.h: appending to a GString on the hot paths of reading and
 * writing streams.  g_string_append_len is a call into GLib that checks
 * for overlapping memory on every append; these inline the common case
 * (the bytes fit) and leave growing to GLib. */
#pragma once

#include <string.h>
#include <glib.h>

/* Writes v in decimal at p (room for 10 digits), returns the end.  The
 * numbers of a coded stream (offsets into one answer) are mostly below
 * 1000: those take no loop. */
static inline char *
vb_put_uint (char *p, guint v)
{
  if (v < 10)
    {
      p[0] = (char) ('0' + v);
      return p + 1;
    }
  if (v < 100)
    {
      p[0] = (char) ('0' + v / 10);
      p[1] = (char) ('0' + v % 10);
      return p + 2;
    }
  if (v < 1000)
    {
      p[0] = (char) ('0' + v / 100);
      p[1] = (char) ('0' + v / 10 % 10);
      p[2] = (char) ('0' + v % 10);
      return p + 3;
    }
  guint n = 1;
  for (guint x = v; x >= 10; x /= 10)
    n++;
  for (guint i = n; i-- > 0; v /= 10)
    p[i] = (char) ('0' + v % 10);
  return p + n;
}

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
