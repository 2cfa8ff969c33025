#include "base/vb-terminal.h"

#include <string.h>

static gboolean
is_control (const guchar *p)
{
  return (*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F
         || (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F);
}

void
vb_terminal_safe (GString *s, gsize from)
{
  const guchar *p = (const guchar *) s->str + from, *end = (const guchar *) s->str + s->len;
  while (p < end && !is_control (p))
    p++;
  if (p == end)
    return;  /* the usual case: nothing to copy */
  GString *out = g_string_sized_new (s->len + 16);
  g_string_append_len (out, s->str, (const char *) p - s->str);
  for (; p < end; p++)
    {
      if (is_control (p))
        {
          g_string_append (out, "\xEF\xBF\xBD");
          p += *p == 0xC2;  /* a C1 control is two bytes */
        }
      else
        g_string_append_c (out, (char) *p);
    }
  g_string_truncate (s, 0);
  g_string_append_len (s, out->str, out->len);
  g_string_free (out, TRUE);
}
