/* vb-import.h: turning source files into documents of segments. */
#pragma once

#include <stdio.h>
#include <glib.h>
#include "base/vb-lines.h"
#include "stream/vb-segment.h"
#include "import/vb-study.h"

G_BEGIN_DECLS

typedef void (*VbWarnFunc) (gpointer user_data, const char *path, guint line,
                            const char *message);

typedef struct {
  const VbStudy      *study;       /* may be NULL: nothing declared */
  const char *const  *moderators;  /* extra speaker names whose role is
                                      moderator (notes) or interviewer
                                      (transcripts); NULL-terminated or NULL */
  VbWarnFunc          warn;        /* may be NULL */
  gpointer            warn_data;
} VbImportOptions;

typedef struct {
  char      *id;        /* document id: file base name without extension */
  char      *path;
  char      *format;    /* "transcript", "notes", … */
  VbAttrs   *attrs;     /* document attributes from the header block */
  GPtrArray *segments;  /* VbSegment*; their attrs hold only what is
                           specific to the segment (attribution line,
                           section); vb_import merges document attrs in */
} VbDocument;

VbDocument *vb_document_new (const char *id, const char *path, const char *format);
void        vb_document_free (VbDocument *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbDocument, vb_document_free)

/* Format importers: fill doc->attrs and doc->segments from src.
 * Segment document/index fields are set by the importer. */
gboolean vb_import_transcript (const VbSource *src, const VbImportOptions *opts,
                               VbDocument *doc, GError **error);
gboolean vb_import_notes (const VbSource *src, const VbImportOptions *opts,
                          VbDocument *doc, GError **error);
/* WebVTT and SubRip subtitles (vb-import-subtitles.c). */
gboolean vb_import_vtt (const VbSource *src, const VbImportOptions *opts,
                        VbDocument *doc, GError **error);
gboolean vb_import_srt (const VbSource *src, const VbImportOptions *opts,
                        VbDocument *doc, GError **error);
/* -f auto for text files: "notes" or "transcript". */
const char *vb_import_detect_text (const VbSource *src);

/* A whole import run: files, directories, study declarations, sidecars
 * and --attr values, written out as one segments stream. */
typedef struct _VbImporter VbImporter;

VbImporter *vb_importer_new (void);
void        vb_importer_free (VbImporter *im);
/* "auto" (default), "transcript", "notes", "vtt" or "srt". */
gboolean    vb_importer_set_format (VbImporter *im, const char *format, GError **error);
void        vb_importer_set_warn (VbImporter *im, VbWarnFunc warn, gpointer data);
/* With strict, any warning fails the run before anything is written. */
void        vb_importer_set_strict (VbImporter *im, gboolean strict);
/* Documents are in this encoding (converted to UTF-8 as they are read);
 * NULL: UTF-8. */
void        vb_importer_set_encoding (VbImporter *im, const char *encoding);
/* Attribute for every document (lowest precedence). "K=V". */
gboolean    vb_importer_add_attr (VbImporter *im, const char *assignment, GError **error);
void        vb_importer_add_moderator (VbImporter *im, const char *name);
gboolean    vb_importer_load_study (VbImporter *im, const char *path, GError **error);
gboolean    vb_importer_load_sidecar (VbImporter *im, const char *path, GError **error);
/* A file or a directory.  In a directory (searched recursively, in name
 * order) study.ini is a study declaration, attributes.csv a sidecar and
 * *.txt / *.md / *.vtt / *.srt / *.docx / *.odt / *.pdf files are
 * documents (every other file is listed in vb_importer_not_read); a file given by name is a document
 * unless it is named study.ini / *.study.ini or attributes.csv /
 * *.attributes.csv. */
gboolean    vb_importer_add_path (VbImporter *im, const char *path, GError **error);
/* Parses every document and writes the stream.  Precedence of attributes,
 * lowest first: --attr, file header, sidecar row, segment (attribution
 * line).  Values outside a declared set are warned about. */
gboolean    vb_importer_write (VbImporter *im, FILE *fp, GError **error);
guint       vb_importer_n_documents (const VbImporter *im);
/* Files met in folders and not read, each "PATH: REASON" (a PDF without
 * a text layer, a .doc, a picture, a hidden file, …), in the order met. */
const GPtrArray *vb_importer_not_read (const VbImporter *im);
/* Every file read (study declarations and sidecars first, then the
 * documents, in the order read); a new array of char*. */
GPtrArray  *vb_importer_read_paths (const VbImporter *im);
/* The title a study.ini gave ([study] title), or NULL. */
const char *vb_importer_study_title (const VbImporter *im);
guint       vb_importer_n_segments (const VbImporter *im);
guint       vb_importer_n_warnings (const VbImporter *im);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbImporter, vb_importer_free)

G_END_DECLS
