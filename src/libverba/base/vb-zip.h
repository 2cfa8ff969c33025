/* vb-zip.h: reading and writing zip archives (libzip) for the office and
 * REFI-QDA formats, with limits that keep a hostile archive from filling
 * memory or escaping its own name space.
 *
 * Reading refuses, naming the archive and the entry: more than
 * VB_ZIP_MAX_ENTRIES entries; an entry name that is empty, absolute,
 * holds a backslash or a ".." component; an entry that inflates to more
 * than VB_ZIP_MAX_ENTRY_SIZE bytes, or to more than VB_ZIP_MAX_RATIO
 * times its compressed size once past VB_ZIP_RATIO_FLOOR bytes; entries
 * read from one archive that add up to more than VB_ZIP_MAX_TOTAL bytes.
 * Sizes are checked while inflating, not taken from the archive's
 * directory, which a hostile archive can get wrong on purpose. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VB_ZIP_MAX_ENTRIES    10000
#define VB_ZIP_MAX_ENTRY_SIZE (64 * 1024 * 1024)
#define VB_ZIP_MAX_TOTAL      (256 * 1024 * 1024)
#define VB_ZIP_MAX_RATIO      100
#define VB_ZIP_RATIO_FLOOR    (1024 * 1024)

typedef struct _VbZip VbZip;

VbZip      *vb_zip_open (const char *path, GError **error);
/* An archive held in memory (an archive inside an archive), with the same
 * limits; data must outlive the VbZip; name is for messages. */
VbZip      *vb_zip_open_buffer (const char *name, const char *data, gsize len, GError **error);
void        vb_zip_free (VbZip *z);
guint       vb_zip_n_entries (const VbZip *z);
const char *vb_zip_entry_name (const VbZip *z, guint i);
gboolean    vb_zip_has (const VbZip *z, const char *name);
/* The whole entry, NUL-terminated (the NUL is not counted in *len). */
char       *vb_zip_read (VbZip *z, const char *name, gsize *len, GError **error);
/* TRUE if the name is safe to extract: not empty or absolute, no
 * backslash, no ".." component. */
gboolean    vb_zip_name_is_safe (const char *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbZip, vb_zip_free)

/* An archive built in a temporary file (vb-scratch.h, gone however the
 * run ends) and copied to its output on commit.  Entries keep the order
 * they are added in and carry a fixed time stamp, so the same content
 * gives the same bytes, whichever way each entry was added. */
typedef struct _VbZipWriter VbZipWriter;

VbZipWriter *vb_zip_writer_new (GError **error);
gboolean     vb_zip_writer_add (VbZipWriter *w, const char *name, const char *data, gsize len,
                                GError **error);
/* An entry whose data are len bytes of the file fd from start, read when
 * the archive is committed: fd must stay open (and the bytes unchanged)
 * until then.  Memory then does not grow with the entries' sizes. */
gboolean     vb_zip_writer_add_range (VbZipWriter *w, const char *name, int fd, guint64 start,
                                      guint64 len, GError **error);
/* Writes the archive to path atomically (a failed write leaves no file). */
gboolean     vb_zip_writer_commit (VbZipWriter *w, const char *path, GError **error);
void         vb_zip_writer_free (VbZipWriter *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbZipWriter, vb_zip_writer_free)

G_END_DECLS
