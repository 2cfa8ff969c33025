#include "base/vb-html.h"

void
vb_html_escape (GString *out, const char *s, gboolean breaks)
{
  for (const char *p = s ? s : ""; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&#39;"); break;
      case '\n':
        g_string_append (out, breaks ? "<br/>" : " ");
        break;
      default: g_string_append_c (out, *p);
      }
}

void
vb_latex_escape (GString *out, const char *s, gboolean breaks)
{
  for (const char *p = s ? s : ""; *p; p++)
    switch (*p)
      {
      case '&': case '%': case '$': case '#': case '_': case '{': case '}':
        g_string_append_c (out, '\\');
        g_string_append_c (out, *p);
        break;
      case '\\': g_string_append (out, "\\textbackslash{}"); break;
      case '~': g_string_append (out, "\\textasciitilde{}"); break;
      case '^': g_string_append (out, "\\textasciicircum{}"); break;
      case '<': g_string_append (out, "\\textless{}"); break;
      case '>': g_string_append (out, "\\textgreater{}"); break;
      case '|': g_string_append (out, "\\textbar{}"); break;
      case '\n':
        g_string_append (out, breaks ? "\\newline{}" : " ");
        break;
      default: g_string_append_c (out, *p);
      }
}

void
vb_html_begin (GString *out, const char *title, const char *css)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                        "<title>");
  vb_html_escape (out, title, FALSE);
  g_string_append (out, "</title>\n");
  if (css)
    g_string_append_printf (out, "<style>\n%s</style>\n", css);
  g_string_append (out, "</head>\n<body>\n");
}

void
vb_html_end (GString *out)
{
  g_string_append (out, "</body>\n</html>\n");
}
