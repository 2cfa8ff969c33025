#include "import/vb-import-csv.h"
#include "base/vb-error.h"
#include "base/vb-keyfile.h"
#include "import/vb-recode.h"
#include "stream/vb-stream.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A record longer than this is almost always an unbalanced quote that has
 * swallowed the rest of the file; stopping here bounds memory. */
/* The longest CSV row (SECURITY.md): a quote never closed would otherwise
 * swallow the rest of the file into one field. */
#define MAX_RECORD_BYTES (16u << 20)
#define PROGRESS_EVERY 8192

typedef enum { ROLE_TEXT, ROLE_ID, ROLE_ATTR, ROLE_IGNORE, ROLE_CODES, ROLE_SEGMENT, ROLE_ONEHOT } Role;

/* A column named by an option or the map, and who named it (for errors). */
typedef struct {
  char *spec;
  char *origin;
} Spec;

typedef struct {
  char     *header;
  Role      role;
  char     *key;      /* ROLE_ATTR: attribute key; ROLE_TEXT: question */
  guint     ordinal;  /* ROLE_TEXT: 1-based among text columns */
  VbRecode *recode;   /* ROLE_ATTR, may be NULL; not owned */
  guint     codes;    /* ROLE_TEXT: 1 + index of its codes column, 0 for none */
  const char *code;   /* ROLE_ONEHOT: the code id its header gave (the codebook's) */
} Column;

/* A code in a codes column that the codebook does not have. */
typedef struct {
  char  *value;
  char  *column;
  guint  first_line;
  guint  count;
} CodeMiss;

struct _VbCsvImport {
  Spec          *id;
  Spec          *segment;      /* NULL: a segment is numbered by its answer column */
  GPtrArray     *attr_specs, *text_specs, *ignore_specs; /* Spec*, NULL: unset */
  GPtrArray     *codes_specs;  /* Spec*, NULL: no human codings */
  GPtrArray     *onehot_specs; /* Spec* (COL or FROM-TO), NULL: no one-hot code columns */
  VbCodebook    *onehot_cb;    /* the codes the one-hot headers name */
  char          *coder;        /* NULL: each file's name */
  const VbCodebook *codebook;
  char           delimiter;
  gboolean       skip_bad_rows;
  char          *encoding;  /* NULL: UTF-8 */
  VbAttrs       *fixed;
  const VbStudy *study;
  GHashTable    *recodes; /* key -> VbRecode* */
  VbWarnFunc     warn;
  gpointer       warn_data;
  guint          n_warnings;
  VbCsvProgress  progress;
  gpointer       progress_data;
  VbCsvStats     stats;
  FILE          *fp_out;
  GPtrArray     *stream_keys; /* attribute columns of the stream written */
  VbStreamWriter *writer;
};

static void
spec_free (gpointer p)
{
  Spec *s = p;
  if (s == NULL)
    return;
  g_free (s->spec);
  g_free (s->origin);
  g_free (s);
}

static Spec *
spec_new (const char *spec, const char *origin)
{
  Spec *s = g_new0 (Spec, 1);
  s->spec = g_strstrip (g_strdup (spec));
  s->origin = g_strdup (origin);
  return s;
}

static GPtrArray *
specs_new (const char *const *columns, const char *origin)
{
  GPtrArray *a = g_ptr_array_new_with_free_func (spec_free);
  for (guint i = 0; columns && columns[i]; i++)
    {
      g_autofree char *c = g_strstrip (g_strdup (columns[i]));
      if (*c)
        g_ptr_array_add (a, spec_new (c, origin));
    }
  return a;
}

VbCsvImport *
vb_csv_import_new (void)
{
  VbCsvImport *ci = g_new0 (VbCsvImport, 1);
  ci->delimiter = ',';
  ci->fixed = vb_attrs_new ();
  ci->recodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) vb_recode_free);
  return ci;
}

void
vb_csv_import_free (VbCsvImport *ci)
{
  if (ci == NULL)
    return;
  spec_free (ci->id);
  spec_free (ci->segment);
  g_clear_pointer (&ci->attr_specs, g_ptr_array_unref);
  g_clear_pointer (&ci->text_specs, g_ptr_array_unref);
  g_clear_pointer (&ci->ignore_specs, g_ptr_array_unref);
  g_clear_pointer (&ci->codes_specs, g_ptr_array_unref);
  g_clear_pointer (&ci->onehot_specs, g_ptr_array_unref);
  g_clear_pointer (&ci->onehot_cb, vb_codebook_free);
  g_free (ci->coder);
  vb_attrs_free (ci->fixed);
  g_hash_table_unref (ci->recodes);
  g_clear_pointer (&ci->stream_keys, g_ptr_array_unref);
  g_clear_pointer (&ci->writer, vb_stream_writer_free);
  g_free (ci->encoding);
  g_free (ci);
}

void
vb_csv_import_set_id_column (VbCsvImport *ci, const char *column)
{
  spec_free (ci->id);
  ci->id = spec_new (column, "--id");
}

static void
replace_specs (GPtrArray **slot, const char *const *columns, const char *origin)
{
  g_clear_pointer (slot, g_ptr_array_unref);
  *slot = specs_new (columns, origin);
}

void
vb_csv_import_set_attr_columns (VbCsvImport *ci, const char *const *columns)
{
  replace_specs (&ci->attr_specs, columns, "--attr-cols");
}

void
vb_csv_import_set_text_columns (VbCsvImport *ci, const char *const *columns)
{
  replace_specs (&ci->text_specs, columns, "--text-cols");
}

void
vb_csv_import_set_ignore_columns (VbCsvImport *ci, const char *const *columns)
{
  replace_specs (&ci->ignore_specs, columns, "--ignore-cols");
}

gboolean
vb_csv_import_set_delimiter (VbCsvImport *ci, const char *d, GError **error)
{
  if (g_strcmp0 (d, "tab") == 0 || g_strcmp0 (d, "\\t") == 0 || g_strcmp0 (d, "\t") == 0)
    ci->delimiter = '\t';
  else if (d != NULL && strlen (d) == 1 && strchr (",;|", d[0]) != NULL)
    ci->delimiter = d[0];
  else
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "delimiter '%s' is not one of ',', ';', '|' or 'tab'", d ? d : "");
      return FALSE;
    }
  return TRUE;
}

void
vb_csv_import_set_segment_column (VbCsvImport *ci, const char *column)
{
  spec_free (ci->segment);
  ci->segment = spec_new (column, "--segment-col");
}

void
vb_csv_import_set_codes_columns (VbCsvImport *ci, const char *const *columns)
{
  replace_specs (&ci->codes_specs, columns, "--codes-col");
}

void
vb_csv_import_set_code_columns (VbCsvImport *ci, const char *const *columns)
{
  replace_specs (&ci->onehot_specs, columns, "--code-cols");
}

const VbCodebook *
vb_csv_import_code_columns_codebook (const VbCsvImport *ci)
{
  return ci->onehot_cb;
}

char *
vb_code_id_from_header (const char *header)
{
  g_autofree char *lower = g_utf8_strdown (header, -1);
  GString *id = g_string_new (NULL);
  gboolean gap = FALSE;
  for (const char *c = lower; *c; c = g_utf8_next_char (c))
    {
      gunichar u = g_utf8_get_char (c);
      if (!g_unichar_isalnum (u))
        {
          gap = TRUE;
          continue;
        }
      if (gap && id->len)
        g_string_append_c (id, '-');
      gap = FALSE;
      g_string_append_unichar (id, u);
    }
  return g_string_free (id, FALSE);
}

void
vb_csv_import_set_coder (VbCsvImport *ci, const char *coder)
{
  g_free (ci->coder);
  ci->coder = coder ? g_strstrip (g_strdup (coder)) : NULL;
}

void
vb_csv_import_set_codebook (VbCsvImport *ci, const VbCodebook *codebook)
{
  ci->codebook = codebook;
}

void
vb_csv_import_set_encoding (VbCsvImport *ci, const char *encoding)
{
  g_free (ci->encoding);
  ci->encoding = encoding && g_ascii_strcasecmp (encoding, "UTF-8") != 0
    && g_ascii_strcasecmp (encoding, "UTF8") != 0 ? g_strdup (encoding) : NULL;
}

void
vb_csv_import_set_skip_bad_rows (VbCsvImport *ci, gboolean skip)
{
  ci->skip_bad_rows = skip;
}

gboolean
vb_csv_import_add_attr (VbCsvImport *ci, const char *assignment, GError **error)
{
  g_autoptr (VbAttrs) one = vb_attrs_new ();
  if (!vb_attrs_set_assignment (one, assignment, error))
    return FALSE;
  const VbAttr *a = vb_attrs_index (one, 0);
  if (strcmp (a->key, "question") == 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "--attr '%s': 'question' is the column each answer comes from", assignment);
      return FALSE;
    }
  vb_attrs_set (ci->fixed, a->key, a->value, 0);
  return TRUE;
}

void
vb_csv_import_set_study (VbCsvImport *ci, const VbStudy *study)
{
  ci->study = study;
}

void
vb_csv_import_set_warn (VbCsvImport *ci, VbWarnFunc warn, gpointer data)
{
  ci->warn = warn;
  ci->warn_data = data;
}

void
vb_csv_import_set_progress (VbCsvImport *ci, VbCsvProgress progress, gpointer data)
{
  ci->progress = progress;
  ci->progress_data = data;
}

const VbCsvStats *
vb_csv_import_stats (const VbCsvImport *ci)
{
  return &ci->stats;
}

guint
vb_csv_import_n_warnings (const VbCsvImport *ci)
{
  return ci->n_warnings;
}

static void warn (VbCsvImport *ci, const char *path, guint line, const char *fmt, ...)
    G_GNUC_PRINTF (4, 5);

static void
warn (VbCsvImport *ci, const char *path, guint line, const char *fmt, ...)
{
  ci->n_warnings++;
  if (ci->warn == NULL)
    return;
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  ci->warn (ci->warn_data, path, line, msg);
}

/* ---- the mapping file ---- */

static const char *const column_keys[] = { "id", "attributes", "text", "ignore", "delimiter",
                                           "codes", "coder" };

gboolean
vb_csv_import_load_map (VbCsvImport *ci, const char *path, GError **error)
{
  g_autoptr (VbSource) src = vb_source_load (path, error);
  if (src == NULL)
    return FALSE;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  static const VbKeyfileRaw raw[] = { { "columns", "delimiter" }, { NULL, NULL } };
  if (!vb_keyfile_load (kf, path, src->data, src->len, raw, error))
    return FALSE;
  g_auto (GStrv) groups = g_key_file_get_groups (kf, NULL);
  for (guint g = 0; groups[g]; g++)
    if (strcmp (groups[g], "columns") != 0 && !g_str_has_prefix (groups[g], "recode:"))
      {
        g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                     "%s: unknown group [%s] (expected [columns] or [recode:KEY])", path,
                     groups[g]);
        return FALSE;
      }
  g_auto (GStrv) keys = g_key_file_get_keys (kf, "columns", NULL, NULL);
  for (guint k = 0; keys && keys[k]; k++)
    {
      gboolean known = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (column_keys); i++)
        known = known || strcmp (keys[k], column_keys[i]) == 0;
      if (!known)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s: [columns]: unknown key '%s' (expected id, attributes, text, ignore, "
                       "delimiter, codes or coder)", path, keys[k]);
          return FALSE;
        }
      g_autofree char *origin = g_strdup_printf ("%s [columns] %s", path, keys[k]);
      if (strcmp (keys[k], "id") == 0)
        {
          g_autofree char *v = g_key_file_get_string (kf, "columns", "id", NULL);
          spec_free (ci->id);
          ci->id = spec_new (v ? v : "", origin);
          continue;
        }
      if (strcmp (keys[k], "coder") == 0)
        {
          g_autofree char *v = g_key_file_get_string (kf, "columns", "coder", NULL);
          vb_csv_import_set_coder (ci, v);
          continue;
        }
      if (strcmp (keys[k], "delimiter") == 0)
        {
          /* Read raw: a key file's string unescaping would eat a lone "\t". */
          g_autofree char *v = g_key_file_get_value (kf, "columns", "delimiter", NULL);
          g_autoptr (GError) derr = NULL;
          if (!vb_csv_import_set_delimiter (ci, g_strstrip (v), &derr))
            {
              g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: [columns]: %s", path,
                           derr->message);
              return FALSE;
            }
          continue;
        }
      g_auto (GStrv) list = g_key_file_get_string_list (kf, "columns", keys[k], NULL, NULL);
      GPtrArray **slot = strcmp (keys[k], "attributes") == 0 ? &ci->attr_specs
                         : strcmp (keys[k], "text") == 0   ? &ci->text_specs
                         : strcmp (keys[k], "codes") == 0  ? &ci->codes_specs
                                                           : &ci->ignore_specs;
      replace_specs (slot, (const char *const *) list, origin);
    }
  return vb_recode_load_groups (ci->recodes, kf, path, error);
}

/* ---- one file ---- */

typedef struct {
  char    *text;
  gsize    len;
  guint    number;
  gboolean fresh;  /* first reading (not a line read again after a bad row) */
} Line;

static void
line_free (gpointer p)
{
  Line *l = p;
  g_free (l->text);
  g_free (l);
}

typedef struct {
  char    *key;   /* "key\x1fvalue" */
  guint    count;
  guint    first_line;
} Undeclared;

typedef struct {
  VbCsvImport *ci;
  const char  *path;
  char        *stem;      /* for ids of files without an id column */
  FILE        *fp;
  struct csv_parser parser;
  GPtrArray   *fields;    /* char*, the record being read */
  GArray      *columns;   /* Column, once the header is read */
  guint        line;      /* line being fed */
  guint        rec_line;  /* line where the current record started */
  gboolean     at_boundary;
  gboolean     saw_record; /* a record ended during the current line */
  gboolean     last_was_record;
  GString     *rec_raw;   /* the current record's lines, to re-read after a bad row */
  GQueue       pushback;  /* Line*, read again before the file */
  guint64      row_no;
  GHashTable  *undeclared; /* key\x1fvalue -> Undeclared* */
  char        *source;     /* "coder:NAME" of the codings */
  GHashTable  *code_misses; /* column\x1fvalue -> CodeMiss* */
  guint        empty_coded;      /* empty answers with code columns set */
  guint        empty_coded_line; /* the first of them */
  GError      *error;
} FileParse;

static void
column_clear (gpointer p)
{
  Column *c = p;
  g_free (c->header);
  g_free (c->key);
}

static void
undeclared_free (gpointer p)
{
  Undeclared *u = p;
  g_free (u->key);
  g_free (u);
}

static gint
undeclared_cmp (gconstpointer a, gconstpointer b)
{
  const Undeclared *x = a, *y = b;
  if (x->first_line != y->first_line)
    return x->first_line < y->first_line ? -1 : 1;
  return strcmp (x->key, y->key);
}

static int
is_space_not_tab (unsigned char c)
{
  return c == ' ';
}

static void
parser_reset (FileParse *p, gboolean first)
{
  if (!first)
    csv_free (&p->parser);
  csv_init (&p->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim (&p->parser, (unsigned char) p->ci->delimiter);
  if (p->ci->delimiter == '\t')
    csv_set_space_func (&p->parser, is_space_not_tab);
  g_ptr_array_set_size (p->fields, 0);
  p->at_boundary = TRUE;
}

/* Finds the column a spec names: exact header, then the same attribute
 * key, then a 1-based number.  *name gets what follows '=' if the spec is
 * HEADER=NAME and the whole spec is no header. */
static gboolean
resolve (FileParse *p, const Spec *s, gboolean allow_name, guint *out, char **name,
         GError **error)
{
  GArray *cols = p->columns;
  g_autofree char *spec = g_strdup (s->spec);
  if (name)
    *name = NULL;
  for (int pass = 0; pass < 2; pass++)
    {
      g_autofree char *key = vb_attr_key_normalize (spec);
      for (guint i = 0; i < cols->len; i++)
        if (strcmp (g_array_index (cols, Column, i).header, spec) == 0)
          return *out = i, TRUE;
      for (guint i = 0; i < cols->len; i++)
        {
          g_autofree char *hk = vb_attr_key_normalize (g_array_index (cols, Column, i).header);
          if (*key && strcmp (hk, key) == 0)
            return *out = i, TRUE;
        }
      char *end = NULL;
      guint64 n = g_ascii_strtoull (spec, &end, 10);
      if (g_ascii_isdigit (spec[0]) && *end == '\0' && n >= 1 && n <= cols->len)
        return *out = (guint) n - 1, TRUE;
      const char *eq = strrchr (spec, '=');
      if (pass == 1 || !allow_name || eq == NULL || eq[1] == '\0')
        break;
      *name = g_strstrip (g_strdup (eq + 1));
      spec[eq - spec] = '\0';
      g_strstrip (spec);
    }
  GString *names = g_string_new (NULL);
  for (guint i = 0; i < cols->len; i++)
    g_string_append_printf (names, "%s'%s'", i ? ", " : "", g_array_index (cols, Column, i).header);
  g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s: no column '%s' (columns: %s)",
               p->path, p->rec_line, s->origin, s->spec, names->str);
  g_string_free (names, TRUE);
  if (name)
    g_clear_pointer (name, g_free);
  return FALSE;
}

static gboolean
assign (FileParse *p, const Spec *s, Role role, GError **error)
{
  guint i;
  g_autofree char *name = NULL;
  if (!resolve (p, s, role == ROLE_TEXT, &i, &name, error))
    return FALSE;
  Column *c = &g_array_index (p->columns, Column, i);
  static const char *const role_names[] = { "text", "id", "attribute", "ignored", "codes",
                                            "segment", "code" };
  if (c->role != ROLE_TEXT || c->key != NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: %s: column '%s' is already the %s column", p->path, p->rec_line,
                   s->origin, c->header, role_names[c->role]);
      return FALSE;
    }
  c->role = role;
  if (role == ROLE_TEXT)
    c->key = name ? g_steal_pointer (&name) : g_strdup (c->header);
  return TRUE;
}

/* The i-th codes column holds the codes of the i-th answer column. */
static gboolean
pair_codes_columns (FileParse *p, GError **error)
{
  GArray *cols = p->columns;
  guint n_text = 0;
  for (guint i = 0; i < cols->len; i++)
    n_text += g_array_index (cols, Column, i).role == ROLE_TEXT;
  guint n_codes = p->ci->codes_specs->len;
  if (n_codes != n_text)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: %u codes column%s for %u answer column%s: give one codes column per "
                   "answer column, in the answer columns' order", p->path, p->rec_line, n_codes,
                   n_codes == 1 ? "" : "s", n_text, n_text == 1 ? "" : "s");
      return FALSE;
    }
  for (guint i = 0; i < cols->len; i++)
    {
      Column *c = &g_array_index (cols, Column, i);
      if (c->role != ROLE_TEXT)
        continue;
      guint k;
      if (!resolve (p, p->ci->codes_specs->pdata[c->ordinal - 1], FALSE, &k, NULL, error))
        return FALSE;
      c->codes = k + 1;
    }
  return TRUE;
}

/* --code-cols takes a column, or FROM-TO: every column from one to the
 * other, both included (a header may itself hold '-', so each '-' is
 * tried as the split until both sides name columns). */
static gboolean
assign_code_columns (FileParse *p, const Spec *s, GError **error)
{
  guint k;
  if (resolve (p, s, FALSE, &k, NULL, NULL))
    return assign (p, s, ROLE_ONEHOT, error);
  for (const char *dash = strchr (s->spec, '-'); dash; dash = strchr (dash + 1, '-'))
    {
      g_autofree char *from_s = g_strstrip (g_strndup (s->spec, dash - s->spec));
      g_autofree char *to_s = g_strstrip (g_strdup (dash + 1));
      Spec from = { from_s, s->origin }, to = { to_s, s->origin };
      guint a, b;
      if (!*from_s || !*to_s || !resolve (p, &from, FALSE, &a, NULL, NULL)
          || !resolve (p, &to, FALSE, &b, NULL, NULL))
        continue;
      if (a > b)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: %s: '%s' comes after '%s' in the header", p->path, p->rec_line,
                       s->origin, from_s, to_s);
          return FALSE;
        }
      for (guint i = a; i <= b; i++)
        {
          g_autofree char *num = g_strdup_printf ("%u", i + 1);
          Spec one = { num, s->origin };
          if (!assign (p, &one, ROLE_ONEHOT, error))
            return FALSE;
        }
      return TRUE;
    }
  return resolve (p, s, FALSE, &k, NULL, error);
}

/* Each code column names a code: its id made from the header, the header
 * its label.  The first file makes the codes; later files must name the
 * same ones, as they must give the same attributes. */
static gboolean
name_code_columns (FileParse *p, GError **error)
{
  VbCsvImport *ci = p->ci;
  gboolean first = ci->onehot_cb == NULL;
  if (first)
    ci->onehot_cb = vb_codebook_new ("code-columns", "codes from the code columns");
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < p->columns->len; i++)
    {
      Column *c = &g_array_index (p->columns, Column, i);
      if (c->role != ROLE_ONEHOT)
        continue;
      g_autofree char *id = vb_code_id_from_header (c->header);
      if (*id == '\0')
        {
          g_free (id);
          id = g_strdup_printf ("column-%u", i + 1);
        }
      if (g_hash_table_contains (used, id))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column %u ('%s') gives the code id '%s', as an earlier code "
                       "column does: rename one of them", p->path, p->rec_line, i + 1,
                       c->header, id);
          return FALSE;
        }
      g_hash_table_add (used, g_strdup (id));
      if (first)
        vb_codebook_add (ci->onehot_cb, id, VB_CODE_THEME, c->header, NULL, NULL);
      const VbCode *code = vb_codebook_lookup (ci->onehot_cb, id);
      if (code == NULL)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: code column '%s' is not among the first file's; import them "
                       "separately", p->path, p->rec_line, c->header);
          return FALSE;
        }
      c->code = code->id;
    }
  if (!first && g_hash_table_size (used) != vb_codebook_n_codes (ci->onehot_cb))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: its code columns differ from the first file's; import them "
                   "separately", p->path, p->rec_line);
      return FALSE;
    }
  return TRUE;
}

static gboolean
setup_columns (FileParse *p, GError **error)
{
  VbCsvImport *ci = p->ci;
  p->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (p->columns, column_clear);
  /* Header -> 1-based column: a header of a million columns made the
   * pairwise comparison take an hour. */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < p->fields->len; i++)
    {
      Column c = { g_strstrip (g_strdup (p->fields->pdata[i])), ROLE_TEXT, NULL, 0, NULL, 0, NULL };
      guint j = GPOINTER_TO_UINT (g_hash_table_lookup (seen, c.header));
      if (*c.header && j > 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: columns %u and %u are both named '%s'", p->path, p->rec_line,
                       j, i + 1, c.header);
          g_free (c.header);
          return FALSE;
        }
      if (*c.header)
        g_hash_table_insert (seen, g_strdup (c.header), GUINT_TO_POINTER (i + 1));
      g_array_append_val (p->columns, c);
    }
  if (ci->id && !assign (p, ci->id, ROLE_ID, error))
    return FALSE;
  if (ci->segment && !assign (p, ci->segment, ROLE_SEGMENT, error))
    return FALSE;
  for (guint i = 0; ci->attr_specs && i < ci->attr_specs->len; i++)
    if (!assign (p, ci->attr_specs->pdata[i], ROLE_ATTR, error))
      return FALSE;
  for (guint i = 0; ci->ignore_specs && i < ci->ignore_specs->len; i++)
    if (!assign (p, ci->ignore_specs->pdata[i], ROLE_IGNORE, error))
      return FALSE;
  for (guint i = 0; ci->codes_specs && i < ci->codes_specs->len; i++)
    if (!assign (p, ci->codes_specs->pdata[i], ROLE_CODES, error))
      return FALSE;
  for (guint i = 0; ci->onehot_specs && i < ci->onehot_specs->len; i++)
    if (!assign_code_columns (p, ci->onehot_specs->pdata[i], error))
      return FALSE;
  if (ci->onehot_specs && !name_code_columns (p, error))
    return FALSE;
  if (ci->text_specs)
    {
      /* Text columns listed: they are the answers, in the order listed;
       * any column given no role is ignored. */
      for (guint i = 0; i < p->columns->len; i++)
        {
          Column *c = &g_array_index (p->columns, Column, i);
          if (c->role == ROLE_TEXT)
            c->role = ROLE_IGNORE;
        }
      for (guint i = 0; i < ci->text_specs->len; i++)
        {
          guint k;
          g_autofree char *name = NULL;
          if (!resolve (p, ci->text_specs->pdata[i], TRUE, &k, &name, error))
            return FALSE;
          Column *c = &g_array_index (p->columns, Column, k);
          if (c->role != ROLE_IGNORE || c->key != NULL)
            {
              const Spec *s = ci->text_specs->pdata[i];
              g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                           "%s:%u: %s: column '%s' already has another role", p->path,
                           p->rec_line, s->origin, c->header);
              return FALSE;
            }
          c->role = ROLE_TEXT;
          c->key = name ? g_steal_pointer (&name) : g_strdup (c->header);
          c->ordinal = i + 1;
        }
    }
  else
    {
      guint n = 0;
      for (guint i = 0; i < p->columns->len; i++)
        {
          Column *c = &g_array_index (p->columns, Column, i);
          if (c->role != ROLE_TEXT)
            continue;
          c->key = *c->header ? g_strdup (c->header) : g_strdup_printf ("column %u", i + 1);
          c->ordinal = ++n;
        }
    }

  /* The stream's attribute columns: --attr keys, the attribute columns,
   * then question. */
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < vb_attrs_size (ci->fixed); i++)
    g_ptr_array_add (keys, g_strdup (vb_attrs_index (ci->fixed, i)->key));
  gboolean any_text = FALSE;
  g_autoptr (GHashTable) col_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < p->columns->len; i++)
    {
      Column *c = &g_array_index (p->columns, Column, i);
      any_text = any_text || c->role == ROLE_TEXT;
      if (c->role != ROLE_ATTR)
        continue;
      g_autofree char *key = vb_attr_key_normalize (c->header);
      if (*key == '\0')
        {
          g_free (key);
          key = g_strdup_printf ("column_%u", i + 1);
        }
      if (vb_attr_key_is_reserved (key) || strcmp (key, "question") == 0)
        {
          char *renamed = g_strconcat (key, "_", NULL);
          warn (ci, p->path, p->rec_line, "'%s' is a column of the segments stream; kept as '%s'",
                key, renamed);
          g_free (key);
          key = renamed;
        }
      if (g_hash_table_contains (col_keys, key))
        {
          /* "Region" and "region" would keep one value of the two. */
          char *renamed = NULL;
          for (guint k = 2; renamed == NULL || g_hash_table_contains (col_keys, renamed); k++)
            {
              g_free (renamed);
              renamed = g_strdup_printf ("%s_%u", key, k);
            }
          warn (ci, p->path, p->rec_line, "column %u ('%s') has the attribute key '%s' of an "
                "earlier column; kept as '%s'", i + 1, c->header, key, renamed);
          g_free (key);
          key = renamed;
        }
      g_hash_table_add (col_keys, g_strdup (key));
      c->recode = g_hash_table_lookup (ci->recodes, key);
      if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
        g_ptr_array_add (keys, g_strdup (key));
      c->key = g_steal_pointer (&key);
    }
  if (!any_text)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: no text column: every column is the id, an attribute or ignored",
                   p->path, p->rec_line);
      return FALSE;
    }
  g_ptr_array_add (keys, g_strdup ("question"));
  if (ci->segment)
    {
      guint n_text = 0;
      for (guint i = 0; i < p->columns->len; i++)
        n_text += g_array_index (p->columns, Column, i).role == ROLE_TEXT;
      /* Two answers of a row would get the same number. */
      if (n_text != 1)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: %s: a segment column needs exactly one answer column (found "
                       "%u): name it with --text-cols", p->path, p->rec_line,
                       ci->segment->origin, n_text);
          return FALSE;
        }
    }
  if (ci->codes_specs && !pair_codes_columns (p, error))
    return FALSE;

  if (ci->stream_keys == NULL)
    {
      ci->stream_keys = g_steal_pointer (&keys);
      g_ptr_array_add (ci->stream_keys, NULL);
      ci->writer = vb_stream_writer_new (ci->fp_out, (const char *const *) ci->stream_keys->pdata,
                                         ci->codes_specs != NULL || ci->onehot_specs != NULL,
                                         ci->onehot_specs ? ci->onehot_cb : ci->codebook);
      return TRUE;
    }
  gboolean same = keys->len + 1 == ci->stream_keys->len;
  for (guint i = 0; same && i < keys->len; i++)
    same = strcmp (keys->pdata[i], ci->stream_keys->pdata[i]) == 0;
  if (!same)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u: its attribute columns differ from the first file's; import them "
                   "separately", p->path, p->rec_line);
      return FALSE;
    }
  return TRUE;
}

/* A row that cannot be read: fatal, or counted and reported with
 * --skip-bad-rows.  Either way it is named, never dropped unseen. */
static void bad_row (FileParse *p, guint line, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
bad_row (FileParse *p, guint line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  /* A header that cannot be read leaves nothing to go on with. */
  if (!p->ci->skip_bad_rows || p->columns == NULL)
    {
      if (p->error == NULL)
        g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: %s", p->path, line, msg);
      return;
    }
  p->ci->stats.bad_rows++;
  if (p->ci->warn)
    {
      g_autofree char *full = g_strconcat ("skipped row: ", msg, NULL);
      p->ci->warn (p->ci->warn_data, p->path, line, full);
    }
}

static void
note_undeclared (FileParse *p, const char *key, const char *value)
{
  const VbStudy *study = p->ci->study;
  if (study == NULL || vb_study_check (study, key, value, NULL))
    return;
  g_autofree char *k = g_strconcat (key, "\x1f", value, NULL);
  Undeclared *u = g_hash_table_lookup (p->undeclared, k);
  if (u == NULL)
    {
      u = g_new0 (Undeclared, 1);
      u->key = g_steal_pointer (&k);
      u->first_line = p->rec_line;
      g_hash_table_insert (p->undeclared, u->key, u);
    }
  u->count++;
}

/* Answers keep their paragraphs; CRLF inside a quoted field is one
 * newline like any other. */
static char *
answer_text (const char *raw)
{
  GString *s = g_string_new (NULL);
  for (const char *c = raw; *c; c++)
    if (!(c[0] == '\r' && c[1] == '\n'))
      g_string_append_c (s, *c);
  return g_strstrip (g_string_free (s, FALSE));
}

static void
code_miss_free (gpointer p)
{
  CodeMiss *m = p;
  g_free (m->value);
  g_free (m->column);
  g_free (m);
}

static gint
code_miss_cmp (gconstpointer a, gconstpointer b)
{
  const CodeMiss *x = a, *y = b;
  if (x->first_line != y->first_line)
    return x->first_line < y->first_line ? -1 : 1;
  return strcmp (x->value, y->value);
}

/* A code by its id, else its id or label ignoring case. */
static const char *
match_code (const VbCodebook *cb, const char *name)
{
  const VbCode *code = vb_codebook_lookup (cb, name);
  if (code)
    return code->id;
  g_autofree char *want = g_utf8_casefold (name, -1);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
      {
        code = vb_codebook_code (cb, i);
        const char *s = pass == 0 ? code->id : code->label;
        g_autofree char *have = g_utf8_casefold (s ? s : "", -1);
        if (strcmp (have, want) == 0)
          return code->id;
      }
  return NULL;
}

/* The codes a coder typed beside an answer: codings of the whole answer. */
static void
add_human_codes (FileParse *p, const Column *text_col, const char *cell, VbSegment *seg)
{
  const Column *cc = &g_array_index (p->columns, Column, text_col->codes - 1);
  g_auto (GStrv) items = g_strsplit (cell, ";", -1);
  guint len = (guint) g_utf8_strlen (seg->text, -1);
  for (guint i = 0; items[i]; i++)
    {
      const char *name = g_strstrip (items[i]);
      if (*name == '\0')
        continue;
      const char *id = match_code (p->ci->codebook, name);
      if (id == NULL)
        {
          g_autofree char *key = g_strconcat (cc->header, "\x1f", name, NULL);
          CodeMiss *m = g_hash_table_lookup (p->code_misses, key);
          if (m == NULL)
            {
              m = g_new0 (CodeMiss, 1);
              m->value = g_strdup (name);
              m->column = g_strdup (cc->header);
              m->first_line = p->rec_line;
              g_hash_table_insert (p->code_misses, g_steal_pointer (&key), m);
            }
          m->count++;
          continue;
        }
      if (!vb_segment_has_code (seg, id))
        vb_segment_add_coding (seg, id, 0, len, p->source);
    }
}

/* A one-hot cell: 1 or 0 (yes/no, true/false, x/empty), -1 for anything
 * else, which stops the import: a mistyped cell must not become "not
 * coded" unseen. */
static int
onehot_value (const char *cell)
{
  static const char *const yes[] = { "1", "yes", "y", "true", "x" };
  static const char *const no[] = { "", "0", "no", "n", "false" };
  g_autofree char *v = g_strstrip (g_strdup (cell));
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (v, yes[i]) == 0)
      return 1;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (v, no[i]) == 0)
      return 0;
  return -1;
}

static void
data_row (FileParse *p)
{
  VbCsvImport *ci = p->ci;
  GPtrArray *f = p->fields;
  GArray *cols = p->columns;
  p->row_no++;
  ci->stats.rows++;
  if (f->len != cols->len)
    {
      bad_row (p, p->rec_line, "expected %u columns as in the header, found %u", cols->len,
               f->len);
      return;
    }
  g_autofree char *id = NULL;
  guint64 segment = 0;
  g_autoptr (VbAttrs) attrs = vb_attrs_copy (ci->fixed);
  for (guint i = 0; i < cols->len; i++)
    {
      Column *c = &g_array_index (cols, Column, i);
      if (c->role == ROLE_ID)
        {
          id = g_strstrip (g_strdup (f->pdata[i]));
          if (*id == '\0')
            {
              bad_row (p, p->rec_line, "column '%s' (the id) is empty", c->header);
              return;
            }
        }
      else if (c->role == ROLE_SEGMENT)
        {
          g_autofree char *v = g_strstrip (g_strdup (f->pdata[i]));
          if (!g_ascii_string_to_unsigned (v, 10, 1, G_MAXUINT, &segment, NULL))
            {
              bad_row (p, p->rec_line, "column '%s' (the segment): '%s' is not a segment "
                       "number (a whole number from 1)", c->header, v);
              return;
            }
        }
      else if (c->role == ROLE_ATTR)
        {
          g_autofree char *v = g_strstrip (g_strdup (f->pdata[i]));
          const char *target = c->recode ? vb_recode_apply (c->recode, v, p->rec_line) : NULL;
          if (target)
            vb_attrs_set (attrs, c->key, target, p->rec_line);
          else
            {
              /* An unmapped value is listed by the recode map already. */
              if (c->recode == NULL && *v)
                note_undeclared (p, c->key, v);
              vb_attrs_set (attrs, c->key, v, p->rec_line);
            }
        }
    }
  if (id == NULL)
    id = g_strdup_printf ("%s-%" G_GUINT64_FORMAT, p->stem, p->row_no);
  g_autoptr (GPtrArray) row_codes = g_ptr_array_new ();
  for (guint i = 0; ci->onehot_specs && i < cols->len; i++)
    {
      Column *c = &g_array_index (cols, Column, i);
      if (c->role != ROLE_ONEHOT)
        continue;
      int v = onehot_value (f->pdata[i]);
      if (v < 0)
        {
          g_autofree char *cell = g_strstrip (g_strdup (f->pdata[i]));
          g_autofree char *msg = g_strdup_printf (
            "column '%s': '%s' is not 1/0, yes/no, true/false or x/empty", c->header, cell);
          if (!ci->skip_bad_rows)
            {
              if (p->error == NULL)
                g_set_error (&p->error, VB_ERROR, VB_ERROR_PARSE, "%s:%u:%u: %s", p->path,
                             p->rec_line, i + 1, msg);
            }
          else
            bad_row (p, p->rec_line, "column %u: %s", i + 1, msg);
          return;
        }
      if (v)
        g_ptr_array_add (row_codes, (gpointer) c->code);
    }

  for (guint i = 0; i < cols->len; i++)
    {
      Column *c = &g_array_index (cols, Column, i);
      if (c->role != ROLE_TEXT)
        continue;
      g_autofree char *text = answer_text (f->pdata[i]);
      const char *codes = c->codes ? f->pdata[c->codes - 1] : NULL;
      if (*text == '\0')
        {
          ci->stats.empty++;
          g_autofree char *cell = codes ? g_strstrip (g_strdup (codes)) : NULL;
          if (cell && *cell)
            warn (ci, p->path, p->rec_line,
                  "codes '%s' beside an empty answer (column '%s') left out with the answer",
                  cell, c->header);
          /* Counted, told once: a sheet often codes its blank answers
           * ("not assigned"), and a warning a row would bury the others. */
          if (row_codes->len && p->empty_coded++ == 0)
            p->empty_coded_line = p->rec_line;
          continue;
        }
      g_autoptr (VbSegment) seg = vb_segment_new ();
      g_free (seg->document);
      g_free (seg->speaker);
      g_free (seg->text);
      seg->document = g_strdup (id);
      seg->index = segment ? (guint) segment : c->ordinal;
      seg->speaker = g_strdup (id);
      seg->role = VB_ROLE_PARTICIPANT;
      seg->phase = VB_PHASE_SPONTANEOUS;
      seg->start = 0;
      seg->end = g_utf8_strlen (text, -1);
      seg->line = p->rec_line;
      vb_attrs_free (seg->attrs);
      seg->attrs = vb_attrs_copy (attrs);
      vb_attrs_set (seg->attrs, "question", c->key, 0);
      seg->text = g_steal_pointer (&text);
      if (ci->codes_specs)
        {
          vb_segment_ensure_codings (seg);
          if (codes)
            add_human_codes (p, c, codes, seg);
        }
      if (ci->onehot_specs)
        {
          /* The row's codes code each of its answers whole. */
          vb_segment_ensure_codings (seg);
          for (guint k = 0; k < row_codes->len; k++)
            vb_segment_add_coding (seg, row_codes->pdata[k], 0, (guint) seg->end, p->source);
        }
      if (!vb_stream_writer_write (ci->writer, seg, &p->error))
        return;
      ci->stats.answers++;
    }
  if (ci->progress && ci->stats.rows % PROGRESS_EVERY == 0)
    ci->progress (ci->progress_data, &ci->stats);
}

static void
on_field (void *data, size_t len, void *user)
{
  FileParse *p = user;
  p->last_was_record = FALSE;
  g_ptr_array_add (p->fields, g_strndup (data ? data : "", len));
}

static void
on_record (int c, void *user)
{
  FileParse *p = user;
  p->last_was_record = TRUE;
  p->saw_record = TRUE;
  (void) c;
  if (p->error)
    goto done;
  /* A line of nothing but spaces is a blank line, not a one-column row. */
  if (p->fields->len == 1 && *g_strstrip ((char *) p->fields->pdata[0]) == '\0')
    goto done;
  if (p->columns == NULL)
    {
      if (!setup_columns (p, &p->error))
        goto done;
    }
  else
    data_row (p);
done:
  g_ptr_array_set_size (p->fields, 0);
}

static gboolean
next_line (FileParse *p, char **buf, size_t *cap, Line *out)
{
  Line *l = g_queue_pop_head (&p->pushback);
  if (l != NULL)
    {
      g_free (*buf);
      *buf = l->text;
      *cap = l->len + 1;
      out->text = *buf;
      out->len = l->len;
      out->number = l->number;
      out->fresh = FALSE;
      g_free (l);
      return TRUE;
    }
  errno = 0;
  ssize_t n = getline (buf, cap, p->fp);
  if (n < 0)
    {
      if (ferror (p->fp) && p->error == NULL)
        g_set_error (&p->error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", p->path,
                     g_strerror (errno ? errno : EIO));
      return FALSE;
    }
  out->text = *buf;
  out->len = (gsize) n;
  out->number = ++p->line;
  out->fresh = TRUE;
  return TRUE;
}

/* After a bad row, the lines that followed its first line may be good
 * rows the bad quote swallowed: read them again with a fresh parser. */
static void
reread_after_bad_row (FileParse *p)
{
  /* The row counts as read, so generated ids stay row numbers. */
  p->row_no++;
  p->ci->stats.rows++;
  GQueue lines = G_QUEUE_INIT;
  const char *s = p->rec_raw->str, *end = s + p->rec_raw->len;
  const char *nl = memchr (s, '\n', end - s);
  guint number = p->rec_line + 1;
  for (const char *q = nl ? nl + 1 : end; q < end; number++)
    {
      const char *e = memchr (q, '\n', end - q);
      e = e ? e + 1 : end;
      Line *l = g_new0 (Line, 1);
      l->text = g_strndup (q, e - q);
      l->len = e - q;
      l->number = number;
      g_queue_push_tail (&lines, l);
      q = e;
    }
  while (!g_queue_is_empty (&lines))
    g_queue_push_head (&p->pushback, g_queue_pop_tail (&lines));
  g_string_truncate (p->rec_raw, 0);
  parser_reset (p, FALSE);
}

static gboolean
import_file (VbCsvImport *ci, const char *path, GError **error)
{
  FileParse p = { 0 };
  p.ci = ci;
  gboolean is_stdin = strcmp (path, "-") == 0;
  p.path = is_stdin ? "stdin" : path;
  g_autofree char *decoded = NULL;
  if (ci->encoding != NULL)
    {
      /* Converted whole: a multibyte encoding (UTF-16) has no line breaks
       * a byte reader could find. */
      g_autoptr (VbSource) src = vb_source_load_encoded (path, ci->encoding, error);
      if (src == NULL)
        return FALSE;
      decoded = g_steal_pointer (&src->data);
      p.fp = src->len > 0 ? fmemopen (decoded, src->len, "rb") : fopen ("/dev/null", "rb");
      is_stdin = FALSE;
    }
  else
    p.fp = is_stdin ? stdin : fopen (path, "rb");
  if (p.fp == NULL)
    {
      int e = errno;
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot open: %s", path, g_strerror (e));
      return FALSE;
    }
  g_autofree char *base = g_path_get_basename (is_stdin ? "stdin" : path);
  char *dot = strrchr (base, '.');
  p.stem = dot && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
  p.fields = g_ptr_array_new_with_free_func (g_free);
  p.rec_raw = g_string_new (NULL);
  p.undeclared = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, undeclared_free);
  p.code_misses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, code_miss_free);
  p.source = g_strconcat ("coder:", ci->coder ? ci->coder : p.stem, NULL);
  parser_reset (&p, TRUE);

  char *buf = NULL;
  size_t cap = 0;
  gsize offset = 0; /* bytes of the file before the current line (UTF-8 errors) */
  Line l;
  for (;;)
    {
      if (p.error)
        break;
      if (!next_line (&p, &buf, &cap, &l))
        {
          if (p.error)
            break;
          /* End of input inside a quoted field: the row that opened it is
           * bad; what followed it may be good. */
          p.last_was_record = FALSE;
          if (csv_fini (&p.parser, on_field, on_record, &p) != 0 && p.error == NULL)
            {
              bad_row (&p, p.rec_line, "a quoted field opened here is never closed");
              if (p.error == NULL)
                {
                  reread_after_bad_row (&p);
                  if (!g_queue_is_empty (&p.pushback))
                    continue;
                }
            }
          break;
        }
      const char *text = l.text;
      gsize len = l.len;
      if (l.fresh)
        {
          if (l.number == 1 && len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
            text += 3, len -= 3, offset += 3;
          if (!vb_utf8_check (p.path, text, len, l.number, offset, &p.error))
            break;
          offset += len;
          p.ci->stats.bytes += len;
        }
      if (p.at_boundary)
        {
          p.rec_line = l.number;
          g_string_truncate (p.rec_raw, 0);
        }
      g_string_append_len (p.rec_raw, text, len);
      /* Checked before parsing: libcsv grows a field 128 bytes at a time,
       * so a 100 MB field took minutes to parse only to be refused. */
      if (p.rec_raw->len > MAX_RECORD_BYTES)
        {
          bad_row (&p, p.rec_line, "row is longer than %u MiB (a quote never closed?)",
                   MAX_RECORD_BYTES >> 20);
          if (p.error == NULL)
            reread_after_bad_row (&p);
          continue;
        }
      p.saw_record = FALSE;
      size_t done = csv_parse (&p.parser, text, len, on_field, on_record, &p);
      if (p.error)
        break;
      if (done != len)
        {
          long col = g_utf8_pointer_to_offset (text, text + done) + 1;
          if (l.number == p.rec_line)
            bad_row (&p, p.rec_line, "column %ld: a quote inside an unquoted field, or text "
                     "after a closing quote", col);
          else
            bad_row (&p, p.rec_line, "the row starting here breaks at line %u, column %ld: a "
                     "quote inside an unquoted field, or text after a closing quote",
                     l.number, col);
          if (p.error == NULL)
            reread_after_bad_row (&p);
          continue;
        }
      /* Blank lines produce no record and change nothing. */
      gboolean blank = TRUE;
      for (gsize i = 0; i < len && blank; i++)
        blank = text[i] == '\n' || text[i] == '\r';
      if (!blank)
        p.at_boundary = p.saw_record && p.last_was_record;
    }
  free (buf);
  if (p.error == NULL && p.columns == NULL)
    g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE, "%s: empty file: expected a header row",
                 p.path);

  if (p.error == NULL)
    {
      if (p.empty_coded)
        warn (ci, p.path, p.empty_coded_line,
              "%u empty answer%s with codes left out with %s codes (the first here)",
              p.empty_coded, p.empty_coded == 1 ? "" : "s", p.empty_coded == 1 ? "its" : "their");
      /* One warning per undeclared value, not one per row. */
      GList *vals = g_list_sort (g_hash_table_get_values (p.undeclared), undeclared_cmp);
      for (GList *v = vals; v; v = v->next)
        {
          Undeclared *u = v->data;
          const char *sep = strchr (u->key, '\x1f');
          g_autofree char *key = g_strndup (u->key, sep - u->key);
          g_autofree char *allowed = NULL;
          vb_study_check (ci->study, key, sep + 1, &allowed);
          warn (ci, p.path, u->first_line,
                "%s '%s' is not one of the declared values (%s); %u row%s", key, sep + 1,
                allowed ? allowed : "", u->count, u->count == 1 ? "" : "s");
        }
      g_list_free (vals);
      /* Every unknown code is listed, then the run fails: a typo in a
       * coder's sheet must not quietly lose a coding. */
      GList *unknown = g_list_sort (g_hash_table_get_values (p.code_misses), code_miss_cmp);
      for (GList *m = unknown; m; m = m->next)
        {
          CodeMiss *cm = m->data;
          warn (ci, p.path, cm->first_line, "column '%s': '%s' is not a code of the codebook "
                "(%u row%s)", cm->column, cm->value, cm->count, cm->count == 1 ? "" : "s");
        }
      if (unknown)
        {
          CodeMiss *cm = unknown->data;
          guint n = g_list_length (unknown);
          g_set_error (&p.error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: column '%s': '%s' is not a code of the codebook%s", p.path,
                       cm->first_line, cm->column, cm->value,
                       n > 1 ? " (and other unknown codes, listed above)" : "");
        }
      g_list_free (unknown);
      for (guint i = 0; i < p.columns->len; i++)
        {
          Column *c = &g_array_index (p.columns, Column, i);
          if (c->recode == NULL)
            continue;
          g_autoptr (GArray) misses = vb_recode_misses (c->recode);
          for (guint m = 0; m < misses->len; m++)
            {
              VbRecodeMiss *rm = &g_array_index (misses, VbRecodeMiss, m);
              warn (ci, p.path, rm->first_line,
                    "%s '%s' is not in the recode map (%u row%s; kept as it is)", c->key,
                    rm->value, rm->count, rm->count == 1 ? "" : "s");
            }
          vb_recode_clear_misses (c->recode);
        }
    }

  csv_free (&p.parser);
  g_ptr_array_unref (p.fields);
  g_string_free (p.rec_raw, TRUE);
  g_queue_clear_full (&p.pushback, line_free);
  g_hash_table_unref (p.undeclared);
  g_hash_table_unref (p.code_misses);
  g_free (p.source);
  if (p.columns)
    g_array_unref (p.columns);
  g_free (p.stem);
  if (!is_stdin)
    fclose (p.fp);
  if (p.error)
    {
      g_propagate_error (error, p.error);
      return FALSE;
    }
  return TRUE;
}

gboolean
vb_csv_import_run (VbCsvImport *ci, const char *const *paths, FILE *out, GError **error)
{
  ci->fp_out = out;
  if (ci->codes_specs && ci->codebook == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "--codes-col needs the codebook (-c) to match the codes typed");
      return FALSE;
    }
  if (ci->codes_specs && ci->onehot_specs)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "--codes-col and --code-cols are two ways of giving codes: use one");
      return FALSE;
    }
  if (ci->coder && (*ci->coder == '\0' || strpbrk (ci->coder, ";@/\t\n")))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "coder name '%s': give a non-empty name without ';', '@', '/' or tabs",
                   ci->coder);
      return FALSE;
    }
  for (guint i = 0; paths && paths[i]; i++)
    if (!import_file (ci, paths[i], error))
      return FALSE;
  if (ci->progress)
    ci->progress (ci->progress_data, &ci->stats);
  return TRUE;
}
