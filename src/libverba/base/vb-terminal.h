/* vb-terminal.h: text formats (txt, md) are read on terminals, where a
 * control character in a verbatim is an instruction, not text: an escape
 * sequence can move the cursor, rewrite what was shown or set the window
 * title.  They are replaced as the XML formats replace theirs. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces each C0 control but tab and line feed, DEL and each C1 control
 * (U+0080 to U+009F) in s, from byte `from` on, by U+FFFD.  s is UTF-8. */
void vb_terminal_safe (GString *s, gsize from);

G_END_DECLS
