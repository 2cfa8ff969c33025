/* vb-dict.h: content-analysis dictionaries (LIWC .dic/.dicx, WordStat
 * .cat, Yoshikoder .ykd, Lexicoder .lc2/.lc3, quanteda's YAML .yml) read
 * as codebooks: every category becomes a theme (sub-themes where the
 * format nests them) whose rule ORs the category's entries.  See
 * man/verba-codebook.5, "DICTIONARIES". */
#pragma once

#include <glib.h>
#include "codebook/vb-codebook.h"
#include "base/vb-lines.h"

G_BEGIN_DECLS

/* "liwc", "liwc-csv", "wordstat", "yoshikoder", "lexicoder" or "yaml" for a path
 * whose ending names a dictionary format (any case), else NULL. */
const char *vb_dict_format_for_path (const char *path);
/* For a codebook name "FORMAT:FILE" (liwc, liwc-csv, wordstat,
 * yoshikoder, lexicoder, yaml), which reads FILE in that format whatever its
 * ending: the format, with *file pointing at FILE; else NULL. */
const char *vb_dict_format_prefix (const char *name, const char **file);
/* Reads a dictionary as a codebook; problems as for vb_codebook_load. */
VbCodebook *vb_dict_load (const char *path, const char *format, GPtrArray *problems,
                          GError **error);

/* ---- what the format readers fill ---- */

typedef struct {
  char      *name;
  int        parent;   /* index of the parent category, -1 at the top */
  guint      line;
  GPtrArray *entries;  /* VbDictEntry* */
  GHashTable *seen;    /* entry texts, to take each once */
  guint depth;         /* 0 at the top */
} VbDictCat;

typedef struct {
  char *text;
  guint line;
} VbDictEntry;

typedef struct {
  const char *path;
  GPtrArray  *cats;      /* VbDictCat* in file order */
  GPtrArray  *problems;  /* may be NULL */
  GError     *first;
} VbDict;

/* An empty dictionary read from path; vb_dict_finish frees what it holds. */
void        vb_dict_init (VbDict *d, const char *path, GPtrArray *problems);
/* The codebook of what the reader put in d (source: the [codebook] source
 * key), or NULL with the first problem; d's categories are freed. */
VbCodebook *vb_dict_finish (VbDict *d, const char *source, GError **error);
void vb_dict_problem (VbDict *d, guint line, const char *fmt, ...) G_GNUC_PRINTF (3, 4);
/* The same with a column (1-based code points; 0: none). */
void vb_dict_problem_at (VbDict *d, guint line, guint col, const char *fmt, ...) G_GNUC_PRINTF (4, 5);
/* Returns the new category's index. */
int  vb_dict_add_category (VbDict *d, const char *name, int parent, guint line);
void vb_dict_add_entry (VbDict *d, int cat, const char *text, guint line);

/* Each fills d from its file; problems go through vb_dict_problem. */
void vb_dict_read_liwc (VbDict *d, const VbSource *src);
void vb_dict_read_liwc_csv (VbDict *d, const VbSource *src);
void vb_dict_read_wordstat (VbDict *d, const VbSource *src);
void vb_dict_read_lexicoder (VbDict *d, const VbSource *src);
void vb_dict_read_yaml (VbDict *d, const VbSource *src);
/* Reads the file itself: XML declares its own encoding. */
void vb_dict_read_yoshikoder (VbDict *d);

/* Length in bytes of the leading tabs and spaces of s, and the number of
 * tabs among them. */
gsize vb_dict_indent (const char *s, gsize len, guint *tabs, gboolean *spaces);

G_END_DECLS
