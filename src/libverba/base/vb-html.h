/* vb-html.h: escaping for HTML and LaTeX, and the skeleton of a
 * self-contained HTML document (no scripts, fonts or anything fetched:
 * the report must work offline and as an e-mail attachment). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* s with & < > " ' as character references; line breaks as <br> when
 * breaks is TRUE. */
void vb_html_escape (GString *out, const char *s, gboolean breaks);
/* s for LaTeX text: & % $ # _ { } as \&…, \ ~ ^ < > | as \textbackslash{}…;
 * line breaks as \newline{} when breaks is TRUE, else spaces. */
void vb_latex_escape (GString *out, const char *s, gboolean breaks);

/* <!DOCTYPE html>, <head> with title and style, <body>. */
void vb_html_begin (GString *out, const char *title, const char *css);
void vb_html_end (GString *out);

G_END_DECLS
