#include "import/vb-import.h"
#include "base/vb-dir.h"
#include "base/vb-error.h"
#include "import/vb-import-office.h"
#include "import/vb-import-pdf.h"
#include "import/vb-sidecar.h"
#include "stream/vb-stream.h"

#include <string.h>

struct _VbImporter {
  char      *format;
  VbStudy   *study;
  GPtrArray *sidecars;   /* VbSidecar* */
  VbAttrs   *global;     /* --attr */
  GPtrArray *moderators; /* char*, NULL-terminated when used */
  GPtrArray *files;      /* char* document paths in order */
  VbWarnFunc warn;
  gpointer   warn_data;
  gboolean   strict;
  char      *encoding;   /* of the documents; NULL: UTF-8 */
  guint      n_documents, n_segments, n_warnings;
  GPtrArray *not_read;   /* char* "PATH: REASON" of files in folders not read */
  GPtrArray *declarations; /* char* study and sidecar paths read */
};

VbImporter *
vb_importer_new (void)
{
  VbImporter *im = g_new0 (VbImporter, 1);
  im->format = g_strdup ("auto");
  im->study = vb_study_new ();
  im->sidecars = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_sidecar_free);
  im->global = vb_attrs_new ();
  im->moderators = g_ptr_array_new_with_free_func (g_free);
  im->files = g_ptr_array_new_with_free_func (g_free);
  im->not_read = g_ptr_array_new_with_free_func (g_free);
  im->declarations = g_ptr_array_new_with_free_func (g_free);
  return im;
}

void
vb_importer_free (VbImporter *im)
{
  if (im == NULL)
    return;
  g_free (im->format);
  vb_study_free (im->study);
  g_ptr_array_unref (im->sidecars);
  vb_attrs_free (im->global);
  g_ptr_array_unref (im->moderators);
  g_ptr_array_unref (im->files);
  g_ptr_array_unref (im->not_read);
  g_ptr_array_unref (im->declarations);
  g_free (im->encoding);
  g_free (im);
}

gboolean
vb_importer_set_format (VbImporter *im, const char *format, GError **error)
{
  static const char *const known[] = { "auto", "transcript", "notes", "vtt", "srt", "docx", "odt", NULL };
  if (!g_strv_contains (known, format))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "unknown format '%s' (known: auto, transcript, notes, vtt, srt, docx, odt)", format);
      return FALSE;
    }
  g_free (im->format);
  im->format = g_strdup (format);
  return TRUE;
}

void
vb_importer_set_encoding (VbImporter *im, const char *encoding)
{
  g_free (im->encoding);
  im->encoding = g_strdup (encoding);
}

void
vb_importer_set_strict (VbImporter *im, gboolean strict)
{
  im->strict = strict;
}

void
vb_importer_set_warn (VbImporter *im, VbWarnFunc warn, gpointer data)
{
  im->warn = warn;
  im->warn_data = data;
}

static void
warn (VbImporter *im, const char *path, guint line, const char *fmt, ...) G_GNUC_PRINTF (4, 5);

static void
warn (VbImporter *im, const char *path, guint line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  im->n_warnings++;
  if (im->warn)
    im->warn (im->warn_data, path, line, msg);
}

/* Importers warn through this so the run counts every warning. */
static void
forward_warn (gpointer data, const char *path, guint line, const char *message)
{
  warn (data, path, line, "%s", message);
}

gboolean
vb_importer_add_attr (VbImporter *im, const char *assignment, GError **error)
{
  return vb_attrs_set_assignment (im->global, assignment, error);
}

void
vb_importer_add_moderator (VbImporter *im, const char *name)
{
  g_ptr_array_add (im->moderators, g_strdup (name));
}

gboolean
vb_importer_load_study (VbImporter *im, const char *path, GError **error)
{
  if (!vb_study_load (im->study, path, error))
    return FALSE;
  g_ptr_array_add (im->declarations, g_strdup (path));
  return TRUE;
}

gboolean
vb_importer_load_sidecar (VbImporter *im, const char *path, GError **error)
{
  VbSidecar *sc = vb_sidecar_load (path, error);
  if (sc == NULL)
    return FALSE;
  g_ptr_array_add (im->sidecars, sc);
  g_ptr_array_add (im->declarations, g_strdup (path));
  return TRUE;
}

static gboolean
is_study_name (const char *base)
{
  return strcmp (base, "study.ini") == 0 || g_str_has_suffix (base, ".study.ini");
}

static gboolean
is_sidecar_name (const char *base)
{
  return strcmp (base, "attributes.csv") == 0 || g_str_has_suffix (base, ".attributes.csv")
         || strcmp (base, "participants.csv") == 0 || g_str_has_suffix (base, ".participants.csv");
}

/* "docx", "odt" or NULL from a file name. */
static const char *
office_format (const char *base)
{
  return g_str_has_suffix (base, ".docx") ? "docx" : g_str_has_suffix (base, ".odt") ? "odt" : NULL;
}

static gboolean
is_text_name (const char *base)
{
  return g_str_has_suffix (base, ".txt") || g_str_has_suffix (base, ".md")
         || g_str_has_suffix (base, ".text") || office_format (base) != NULL;
}

/* Subtitle files, known by their ending: "vtt", "srt" or NULL. */
static const char *
subtitle_format (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);
  if (g_str_has_suffix (lower, ".vtt"))
    return "vtt";
  if (g_str_has_suffix (lower, ".srt"))
    return "srt";
  return NULL;
}

static gboolean
is_pdf_name (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);
  return g_str_has_suffix (lower, ".pdf");
}

/* Why a file met in a folder is not read; NULL when it is read. */
static char *
not_read_reason (const char *path, const char *base)
{
  static const char *const pictures[] = { ".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff",
                                          ".bmp", ".heic", ".webp", ".svg", NULL };
  static const char *const media[] = { ".mp3", ".m4a", ".wav", ".ogg", ".flac", ".aac", ".mp4",
                                       ".mov", ".avi", ".mkv", ".webm", ".wma", ".wmv", NULL };
  if (base[0] == '.')
    return g_strdup ("a hidden file");
  if (g_str_has_prefix (base, "~$"))
    return g_strdup ("the lock file Word keeps beside an open document");
  if (is_pdf_name (base))
    {
      g_autoptr (GError) err = NULL;
      g_autofree char *text = NULL;
      if (vb_pdf_extract (path, &text, &err))
        return NULL;
      const char *m = err->message;
      gsize n = strlen (path);
      return g_strdup (strncmp (m, path, n) == 0 && m[n] == ':' ? m + n + 2 : m);
    }
  if (is_text_name (base) || subtitle_format (base))
    return NULL;
  g_autofree char *lower = g_ascii_strdown (base, -1);
  const char *dot = strrchr (lower, '.');
  if (dot == NULL)
    return g_strdup ("no file name ending to tell its format (documents are .txt, .md, .vtt, "
                     ".srt, .docx, .odt or .pdf)");
  if (strcmp (dot, ".doc") == 0)
    return g_strdup ("a Word 97-2003 document: save it as .docx");
  if (strcmp (dot, ".rtf") == 0)
    return g_strdup ("an RTF document: save it as .docx or .txt");
  if (strcmp (dot, ".csv") == 0)
    return g_strdup ("a CSV file: import it on its own with -f csv");
  if (g_strv_contains (pictures, dot))
    return g_strdup ("a picture, not text");
  if (g_strv_contains (media, dot))
    return g_strdup ("audio or video: import its transcript");
  return g_strdup_printf ("not a document verba reads (%s; documents are .txt, .md, .vtt, .srt, "
                          ".docx, .odt or .pdf)", dot);
}

static gboolean
add_dir (VbImporter *im, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) names = vb_dir_names (dir, error);
  if (names == NULL)
    return FALSE;
  /* Declarations first, so they apply to every document however named. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < names->len; i++)
      {
        const char *base = names->pdata[i];
        g_autofree char *path = g_build_filename (dir, base, NULL);
        gboolean is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);
        gboolean decl = base[0] != '.' && (is_study_name (base) || is_sidecar_name (base));
        if (pass == 0 && decl)
          {
            if (!vb_importer_add_path (im, path, error))
              return FALSE;
          }
        else if (pass == 1 && !decl)
          {
            g_autofree char *why = NULL;
            if (is_dir && base[0] != '.')
              {
                if (!add_dir (im, path, error))
                  return FALSE;
              }
            else if (is_dir)
              g_ptr_array_add (im->not_read, g_strdup_printf ("%s: a hidden folder", path));
            else if ((why = not_read_reason (path, base)) != NULL)
              g_ptr_array_add (im->not_read, g_strdup_printf ("%s: %s", path, why));
            else
              g_ptr_array_add (im->files, g_steal_pointer (&path));
          }
      }
  return TRUE;
}

gboolean
vb_importer_add_path (VbImporter *im, const char *path, GError **error)
{
  g_autofree char *base = g_path_get_basename (path);
  if (strcmp (path, "-") != 0 && g_file_test (path, G_FILE_TEST_IS_DIR))
    return add_dir (im, path, error);
  if (is_study_name (base))
    return vb_importer_load_study (im, path, error);
  if (is_sidecar_name (base))
    return vb_importer_load_sidecar (im, path, error);
  /* Guessing the format of, say, a PDF would import noise as verbatims. */
  const char *dot = strrchr (base, '.');
  if (strcmp (im->format, "auto") == 0 && strcmp (path, "-") != 0 && dot != NULL
      && !is_text_name (base) && !subtitle_format (base) && !is_pdf_name (base))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s: cannot tell the format from the file name (documents are .txt, .md, .vtt, .srt, .docx, .odt or .pdf; "
                   "name it with -f)", path);
      return FALSE;
    }
  g_ptr_array_add (im->files, g_strdup (path));
  return TRUE;
}

static char *
document_id (const char *path)
{
  if (strcmp (path, "-") == 0)
    return g_strdup ("stdin");
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  if (g_utf8_validate (base, -1, NULL))
    return base;
  /* A file name need not be UTF-8; an id must, or verba's own readers
   * refuse the stream.  A byte that is not becomes %XX, so two names
   * still make two ids. */
  GString *id = g_string_new (NULL);
  for (const char *p = base; *p;)
    {
      const char *end = NULL;
      g_utf8_validate (p, -1, &end);
      g_string_append_len (id, p, end - p);
      p = end;
      if (*p)
        g_string_append_printf (id, "%%%02X", (guchar) *p++);
    }
  g_free (base);
  return g_string_free (id, FALSE);
}

/* A header key such as "Text:" or "Role:" would clash with a column of the
 * stream; it is kept under the name with a trailing underscore. */
static void
rename_reserved (VbImporter *im, VbAttrs **attrs, const char *where)
{
  gboolean any = FALSE;
  for (guint i = 0; i < vb_attrs_size (*attrs); i++)
    any |= vb_attr_key_is_reserved (vb_attrs_index (*attrs, i)->key);
  if (!any)
    return;
  VbAttrs *renamed = vb_attrs_new ();
  for (guint i = 0; i < vb_attrs_size (*attrs); i++)
    {
      const VbAttr *a = vb_attrs_index (*attrs, i);
      if (vb_attr_key_is_reserved (a->key))
        {
          g_autofree char *key = g_strconcat (a->key, "_", NULL);
          warn (im, where, a->line, "'%s' is a column of the segments stream; kept as '%s'",
                a->key, key);
          vb_attrs_set (renamed, key, a->value, a->line);
        }
      else
        vb_attrs_set (renamed, a->key, a->value, a->line);
    }
  vb_attrs_free (*attrs);
  *attrs = renamed;
}

/* Reports values outside a study's declared sets; where is the file the
 * attributes came from (a document, a sidecar, or the command line). */
static void
check_declared (VbImporter *im, const VbAttrs *attrs, const char *where)
{
  for (guint i = 0; i < vb_attrs_size (attrs); i++)
    {
      const VbAttr *a = vb_attrs_index (attrs, i);
      g_autofree char *allowed = NULL;
      if (!vb_study_check (im->study, a->key, a->value, &allowed))
        warn (im, a->line ? where : "--attr", a->line,
              "%s '%s' is not one of the declared values (%s)", a->key, a->value, allowed);
    }
}

/* A group's stated size that tables cannot take as it stands: said where
 * it was written (the last of --attr, the header and a sidecar row, as
 * they are merged). */
static void
check_group_size (VbImporter *im, const VbDocument *doc)
{
  const char *where = "--attr";
  const VbAttr *a = vb_attrs_lookup (im->global, VB_GROUP_SIZE_KEY), *b;
  if ((b = vb_attrs_lookup (doc->attrs, VB_GROUP_SIZE_KEY)))
    a = b, where = doc->path;
  for (guint s = 0; s < im->sidecars->len; s++)
    {
      VbSidecar *sc = im->sidecars->pdata[s];
      const VbAttrs *row = vb_sidecar_is_participants (sc) ? NULL : vb_sidecar_lookup (sc, doc->id);
      if (row && (b = vb_attrs_lookup (row, VB_GROUP_SIZE_KEY)))
        a = b, where = vb_sidecar_path (sc);
    }
  if (a == NULL || *a->value == '\0')
    return;
  guint size;
  if (!vb_group_size_parse (a->value, &size))
    {
      warn (im, where, a->line, "'%s: %s' is not a whole number from 1 to %u: tables do not "
            "take it as the group's size", VB_GROUP_SIZE_KEY, a->value, VB_GROUP_SIZE_MAX);
      return;
    }
  g_autoptr (GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint s = 0; s < doc->segments->len; s++)
    {
      const VbSegment *seg = doc->segments->pdata[s];
      if (seg->role == VB_ROLE_PARTICIPANT && *seg->speaker)
        g_hash_table_add (named, seg->speaker);
    }
  guint n = g_hash_table_size (named);
  if (n > size)
    warn (im, where, a->line, "'%s: %u' is fewer than the %u participants who speak by name: "
          "tables take %u as the group's size", VB_GROUP_SIZE_KEY, size, n, n);
}

static void
add_key (GPtrArray *keys, const char *key)
{
  if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_ptr_array_add (keys, g_strdup (key));
}

gboolean
vb_importer_write (VbImporter *im, FILE *fp, GError **error)
{
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_document_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (im->moderators, NULL);
  VbImportOptions opts = {
    im->study, (const char *const *) im->moderators->pdata, forward_warn, im,
  };
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < im->files->len; i++)
    {
      const char *path = im->files->pdata[i];
      g_autofree char *id = document_id (path);
      VbDocument *prev = g_hash_table_lookup (seen, id);
      if (prev)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s: document id '%s' is already used by %s (ids are file names "
                       "without extension)", path, id, prev->path);
          ok = FALSE;
          break;
        }
      g_autofree char *base = g_path_get_basename (path);
      const char *office = strcmp (im->format, "docx") == 0 || strcmp (im->format, "odt") == 0
                               ? im->format
                           : strcmp (im->format, "auto") == 0 ? office_format (base)
                                                               : NULL;
      g_autoptr (VbAttrs) props = vb_attrs_new ();
      g_autoptr (VbSource) src = NULL;
      gboolean pdf = strcmp (im->format, "auto") == 0 && is_pdf_name (base);
      if (office)
        {
          /* Paragraphs as lines, read as a transcript (vb-import-office.c). */
          g_autofree char *text = NULL;
          guint notes = 0, note_line = 0;
          if (vb_office_extract (path, office, &text, props, &notes, &note_line, error))
            src = vb_source_new (path, text, strlen (text), error);
          if (src && notes > 0)
            warn (im, path, note_line, "%u footnote%s or endnote%s not read (notes are "
                  "not speech)", notes, notes == 1 ? "" : "s", notes == 1 ? "" : "s");
        }
      else if (pdf)
        {
          /* The text layer, read as a transcript (vb-import-pdf.c). */
          g_autofree char *text = NULL;
          if (vb_pdf_extract (path, &text, error))
            src = vb_source_new (path, text, strlen (text), error);
        }
      else
        src = vb_source_load_encoded (path, im->encoding, error);
      if (src == NULL)
        {
          ok = FALSE;
          break;
        }
      const char *format = office ? office
                           : pdf ? "transcript"
                           : strcmp (im->format, "auto") != 0 ? im->format
                           : subtitle_format (base) ? subtitle_format (base)
                                                    : vb_import_detect_text (src);
      g_autoptr (VbDocument) doc = vb_document_new (id, path, format);
      if (strcmp (format, "vtt") == 0)
        ok = vb_import_vtt (src, &opts, doc, error);
      else if (strcmp (format, "srt") == 0)
        ok = vb_import_srt (src, &opts, doc, error);
      else
        ok = strcmp (format, "notes") == 0 ? vb_import_notes (src, &opts, doc, error)
                                           : vb_import_transcript (src, &opts, doc, error);
      if (!ok)
        break;
      if (office)
        {
          /* The text's own header block wins over the file's properties. */
          vb_attrs_merge (props, doc->attrs);
          vb_attrs_free (doc->attrs);
          doc->attrs = g_steal_pointer (&props);
        }
      if (doc->segments->len == 0)
        warn (im, path, 0, "no segments found in this file");
      g_hash_table_insert (seen, doc->id, doc);
      g_ptr_array_add (docs, g_steal_pointer (&doc));
    }
  g_ptr_array_remove_index (im->moderators, im->moderators->len - 1);
  if (!ok)
    return FALSE;

  /* Merge attributes in precedence order and collect the columns:
   * declared attributes first in the study's order, then the rest as met. */
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  check_declared (im, im->global, "--attr");
  for (guint i = 0; i < docs->len; i++)
    {
      VbDocument *doc = docs->pdata[i];
      g_autoptr (VbAttrs) base = vb_attrs_copy (im->global);
      rename_reserved (im, &doc->attrs, doc->path);
      check_declared (im, doc->attrs, doc->path);
      check_group_size (im, doc);
      vb_attrs_merge (base, doc->attrs);
      for (guint s = 0; s < im->sidecars->len; s++)
        {
          VbSidecar *sc = im->sidecars->pdata[s];
          const VbAttrs *row = vb_sidecar_is_participants (sc) ? NULL
                                                                : vb_sidecar_lookup (sc, doc->id);
          if (row)
            {
              check_declared (im, row, vb_sidecar_path (sc));
              vb_attrs_merge (base, row);
            }
        }
      for (guint s = 0; s < doc->segments->len; s++)
        {
          VbSegment *seg = doc->segments->pdata[s];
          rename_reserved (im, &seg->attrs, doc->path);
          check_declared (im, seg->attrs, doc->path);
          g_autoptr (VbAttrs) merged = vb_attrs_copy (base);
          /* A participant's own attributes come after the document's. */
          for (guint k = 0; k < im->sidecars->len; k++)
            {
              VbSidecar *sc = im->sidecars->pdata[k];
              const VbAttrs *person = vb_sidecar_lookup_speaker (sc, doc->id, seg->speaker);
              if (person)
                {
                  check_declared (im, person, vb_sidecar_path (sc));
                  vb_attrs_merge (merged, person);
                }
            }
          vb_attrs_merge (merged, seg->attrs);
          vb_attrs_free (seg->attrs);
          seg->attrs = g_steal_pointer (&merged);
        }
    }
  for (guint s = 0; s < im->sidecars->len; s++)
    {
      VbSidecar *sc = im->sidecars->pdata[s];
      g_autoptr (GPtrArray) unused = vb_sidecar_unused (sc);
      for (guint u = 0; u < unused->len; u++)
        {
          const char *id = unused->pdata[u];
          const char *sep = strchr (id, '\x1f');
          if (sep)
            warn (im, vb_sidecar_path (sc), 0, "no segment of speaker '%s' in document '%.*s' "
                  "was imported", sep + 1, (int) (sep - id), id);
          else
            warn (im, vb_sidecar_path (sc), 0, "no document '%s' was imported", id);
        }
    }

  g_autoptr (GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < docs->len; i++)
    {
      VbDocument *doc = docs->pdata[i];
      for (guint s = 0; s < doc->segments->len; s++)
        {
          VbSegment *seg = doc->segments->pdata[s];
          for (guint k = 0; k < vb_attrs_size (seg->attrs); k++)
            add_key (all, vb_attrs_index (seg->attrs, k)->key);
        }
    }
  const char *const *declared = vb_study_keys (im->study);
  for (guint i = 0; declared[i]; i++)
    if (g_ptr_array_find_with_equal_func (all, declared[i], g_str_equal, NULL))
      add_key (keys, declared[i]);
  for (guint i = 0; i < all->len; i++)
    add_key (keys, all->pdata[i]);
  g_ptr_array_add (keys, NULL);

  if (im->strict && im->n_warnings > 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%u warning%s with --strict: nothing written",
                   im->n_warnings, im->n_warnings == 1 ? "" : "s");
      return FALSE;
    }
  g_autoptr (VbStreamWriter) w = vb_stream_writer_new (fp, (const char *const *) keys->pdata, FALSE, NULL);
  for (guint i = 0; i < docs->len; i++)
    {
      VbDocument *doc = docs->pdata[i];
      im->n_documents++;
      for (guint s = 0; s < doc->segments->len; s++)
        {
          if (!vb_stream_writer_write (w, doc->segments->pdata[s], error))
            return FALSE;
          im->n_segments++;
        }
    }
  return TRUE;
}

GPtrArray *
vb_importer_read_paths (const VbImporter *im)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < im->declarations->len; i++)
    g_ptr_array_add (paths, g_strdup (im->declarations->pdata[i]));
  for (guint i = 0; i < im->files->len; i++)
    g_ptr_array_add (paths, g_strdup (im->files->pdata[i]));
  return paths;
}

const char *
vb_importer_study_title (const VbImporter *im)
{
  return vb_study_title (im->study);
}

const GPtrArray *
vb_importer_not_read (const VbImporter *im)
{
  return im->not_read;
}

guint
vb_importer_n_documents (const VbImporter *im)
{
  return im->n_documents;
}

guint
vb_importer_n_segments (const VbImporter *im)
{
  return im->n_segments;
}

guint
vb_importer_n_warnings (const VbImporter *im)
{
  return im->n_warnings;
}
