/* vb-json.h: the little JSON verba writes (tables, the report's data).
 * One careful string writer instead of a JSON library: verba only ever
 * writes JSON, and only strings need care. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* s (UTF-8) as a JSON string with its quotes: '"' and '\' escaped,
 * control characters as \n, \r, \t, \b, \f or \u00XX, everything else
 * as it is (JSON text is UTF-8).  NULL writes null. */
void vb_json_string (GString *out, const char *s);

G_END_DECLS
