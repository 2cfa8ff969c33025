/* vb-datadir.h: where the bundled codebooks and example study are: the
 * installed data directory, or the source tree when run uninstalled. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The directory holding codebooks/ and ethical-standards/ (installed
 * layout) or codebooks/ and data/ethical-standards/ (source tree);
 * $VERBA_DATADIR wins when set. */
char *vb_datadir_codebooks (void);
char *vb_datadir_example_study (void);

G_END_DECLS
