/* A folder holding a CSV export beside its mapping file (NAME.csv and
 * NAME.map) is a consultation: the exports are the responses, and the
 * rest of the folder (a README, the script that made the export)
 * describes them.  `verba import DIR` and `verba report DIR` both read
 * such a folder this way, so that neither takes a README for a
 * respondent. */
#pragma once

#include <glib.h>

typedef struct {
  GPtrArray *exports;  /* char* paths of NAME.csv with NAME.map beside, in name order */
  GPtrArray *maps;     /* char* NAME.map of each export, same order */
  char      *study;    /* DIR/study.ini, or NULL */
  GPtrArray *not_read; /* char* "PATH: REASON" of every other entry */
} VbConsultationDir;

/* TRUE and *out filled when DIR is a consultation folder; FALSE with
 * *out NULL and no error when it is a folder of documents; FALSE with
 * an error when it cannot be read.  With own_map (a --map given for
 * every export), a .map file is not taken as an export's. */
gboolean vb_consultation_dir_scan (const char *dir, gboolean own_map, VbConsultationDir **out,
                                   GError **error);
void vb_consultation_dir_free (VbConsultationDir *c);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VbConsultationDir, vb_consultation_dir_free)

/* NAME.map beside NAME.csv, or NULL. */
char *vb_consultation_map_beside (const char *csv);
/* A study's sidecars are CSV files too, never exports. */
gboolean vb_consultation_is_sidecar (const char *base);
