/* vb-uuid.h: name-based UUIDs (RFC 4122 version 5, SHA-1) for the GUIDs
 * that REFI-QDA files require.  The same name always gives the same UUID,
 * so exported files are reproducible and a code keeps its GUID from one
 * export to the next. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* UUID of "KIND:NAME" in verba's own name space, e.g. ("code", "honesty"). */
char *vb_uuid_for (const char *kind, const char *name);

G_END_DECLS
