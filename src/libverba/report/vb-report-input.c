#include "report/vb-report-input.h"
#include "import/vb-consultation-dir.h"
#include "import/vb-import-csv.h"
#include "import/vb-study.h"
#include "stream/vb-stream.h"
#include "base/vb-error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One export or stream, read in turn. */
typedef struct {
  char *path;
  char *map;    /* an export's mapping file, or NULL */
  char *study;  /* an export's study.ini, or NULL */
} Source;

static void
source_free (gpointer p)
{
  Source *s = p;
  g_free (s->path);
  g_free (s->map);
  g_free (s->study);
  g_free (s);
}

/* An export being imported on its own thread into a pipe. */
typedef struct {
  VbCsvImport *ci;
  VbStudy     *study;
  const char  *path;
  FILE        *w;
  gboolean     ok;
  GError      *error;
} CsvJob;

struct _VbReportInput {
  VbReportInputKind kind;
  VbWarnFunc  warn;
  gpointer    warn_data;
  char       *map;
  GPtrArray  *documents;  /* char*: paths for the importer */
  GPtrArray  *studies;    /* char*: study.ini files given by name */
  GPtrArray  *sources;    /* Source* */
  GPtrArray  *not_read;   /* char* */
  GPtrArray  *read;       /* char*: files read */
  char       *title;
  char       *default_by;
  /* The documents' stream, imported into memory. */
  char       *doc_buf;
  size_t      doc_len;
  /* What is being read now. */
  guint           next_source;
  FILE           *fp;
  VbStreamReader *reader;
  CsvJob         *job;
  GThread        *thread;
  VbCodebook     *codebook;   /* the first coded stream's head */
  /* Coding a document at a time. */
  VbCoder    *coder;
  GPtrArray  *doc;        /* VbSegment*, owned until handed out */
  guint       doc_pos;
  VbSegment  *ahead;      /* the first segment of the next document */
  /* Each document's segments must come together (the tables count
   * documents by their runs): the documents done, as 64-bit fingerprints
   * of their ids (about 24 bytes a document, not the ids themselves). */
  char       *cur_doc;
  GHashTable *done;
};

VbReportInput *
vb_report_input_new (void)
{
  VbReportInput *in = g_new0 (VbReportInput, 1);
  in->documents = g_ptr_array_new_with_free_func (g_free);
  in->studies = g_ptr_array_new_with_free_func (g_free);
  in->sources = g_ptr_array_new_with_free_func (source_free);
  in->not_read = g_ptr_array_new_with_free_func (g_free);
  in->read = g_ptr_array_new_with_free_func (g_free);
  in->doc = g_ptr_array_new ();
  in->done = sizeof (gpointer) >= sizeof (guint64)
               ? g_hash_table_new (NULL, NULL)
               : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return in;
}

/* Waits for an export's thread, reading what it still writes so that it
 * is never stopped by a pipe nobody reads; TRUE when the import went
 * well, else its error into error (unless one is set already). */
static gboolean
join_job (VbReportInput *in, GError **error)
{
  if (in->thread == NULL)
    return TRUE;
  char buf[65536];
  while (fread (buf, 1, sizeof buf, in->fp) > 0)
    ;
  g_thread_join (in->thread);
  in->thread = NULL;
  CsvJob *job = in->job;
  in->job = NULL;
  gboolean ok = job->ok;
  if (!ok)
    {
      if (error && *error == NULL)
        g_propagate_error (error, job->error);
      else
        g_clear_error (&job->error);
    }
  vb_csv_import_free (job->ci);
  if (job->study)
    vb_study_free (job->study);
  g_free (job);
  return ok;
}

static void
close_current (VbReportInput *in, GError **error)
{
  g_clear_pointer (&in->reader, vb_stream_reader_free);
  join_job (in, error);
  if (in->fp)
    fclose (in->fp);
  in->fp = NULL;
}

void
vb_report_input_free (VbReportInput *in)
{
  if (in == NULL)
    return;
  close_current (in, NULL);
  g_free (in->map);
  g_ptr_array_unref (in->documents);
  g_ptr_array_unref (in->studies);
  g_ptr_array_unref (in->sources);
  g_ptr_array_unref (in->not_read);
  g_ptr_array_unref (in->read);
  g_free (in->title);
  g_free (in->default_by);
  free (in->doc_buf);
  if (in->codebook)
    vb_codebook_free (in->codebook);
  for (guint i = in->doc_pos; i < in->doc->len; i++)
    vb_segment_free (in->doc->pdata[i]);
  g_ptr_array_unref (in->doc);
  vb_segment_free (in->ahead);
  g_free (in->cur_doc);
  g_hash_table_unref (in->done);
  g_free (in);
}

void
vb_report_input_set_warn (VbReportInput *in, VbWarnFunc warn, gpointer data)
{
  in->warn = warn;
  in->warn_data = data;
}

void
vb_report_input_set_map (VbReportInput *in, const char *path)
{
  g_free (in->map);
  in->map = g_strdup (path);
}

VbReportInputKind
vb_report_input_kind (const VbReportInput *in)
{
  return in->kind;
}

const GPtrArray *
vb_report_input_not_read (const VbReportInput *in)
{
  return in->not_read;
}

const char *
vb_report_input_title (const VbReportInput *in)
{
  return in->title;
}

const char *
vb_report_input_default_by (const VbReportInput *in)
{
  return in->default_by;
}

VbCodebook *
vb_report_input_codebook (const VbReportInput *in)
{
  return in->codebook;
}

void
vb_report_input_set_coder (VbReportInput *in, VbCoder *coder)
{
  in->coder = coder;
}

static const char *const kind_names[] = { "", "documents", "a consultation export",
                                          "a segments stream" };

static gboolean
set_kind (VbReportInput *in, VbReportInputKind kind, const char *path, GError **error)
{
  if (in->kind != VB_REPORT_INPUT_NONE && in->kind != kind)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE,
                   "%s: %s, after %s: a report reads one kind of input (documents, "
                   "consultation exports or segments streams)", path, kind_names[kind],
                   kind_names[in->kind]);
      return FALSE;
    }
  in->kind = kind;
  return TRUE;
}

static gboolean
has_suffix_ci (const char *s, const char *suffix)
{
  g_autofree char *lower = g_ascii_strdown (s, -1);
  return g_str_has_suffix (lower, suffix);
}

static gboolean
is_export (const char *base)
{
  return has_suffix_ci (base, ".csv") && !vb_consultation_is_sidecar (base);
}

static void
add_export (VbReportInput *in, const char *path, char *map)
{
  Source *s = g_new0 (Source, 1);
  s->path = g_strdup (path);
  s->map = in->map ? g_strdup (in->map) : map ? map : vb_consultation_map_beside (path);
  if (in->map)
    g_free (map);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *study = g_build_filename (dir, "study.ini", NULL);
  if (g_file_test (study, G_FILE_TEST_IS_REGULAR))
    s->study = g_steal_pointer (&study);
  g_ptr_array_add (in->sources, s);
}

/* A consultation folder (import/vb-consultation-dir.h): its exports are
 * the responses, the rest is listed as not read. */
static gboolean
add_consultation_dir (VbReportInput *in, const char *dir, GError **error)
{
  g_autoptr (VbConsultationDir) c = NULL;
  if (!vb_consultation_dir_scan (dir, in->map != NULL, &c, error))
    return FALSE; /* a folder of documents, or an error */
  if (!set_kind (in, VB_REPORT_INPUT_CONSULTATION, dir, error))
    return FALSE;
  for (guint i = 0; i < c->exports->len; i++)
    add_export (in, c->exports->pdata[i], in->map ? NULL : g_strdup (c->maps->pdata[i]));
  for (guint i = 0; i < c->not_read->len; i++)
    g_ptr_array_add (in->not_read, g_strdup (c->not_read->pdata[i]));
  return TRUE;
}

/* TRUE when the file starts as verba writes a segments stream. */
static gboolean
looks_like_stream (const char *path)
{
  FILE *fp = fopen (path, "rb");
  if (fp == NULL)
    return FALSE;
  char head[32] = { 0 };
  size_t n = fread (head, 1, sizeof head - 1, fp);
  fclose (fp);
  head[n] = '\0';
  return g_str_has_prefix (head, "#verba-") || g_str_has_prefix (head, "document\tsegment\t");
}

static gboolean
is_document_name (const char *base)
{
  static const char *const endings[] = { ".txt", ".md", ".text", ".docx", ".odt", ".vtt", ".srt",
                                         ".pdf", ".ini", NULL };
  if (strchr (base, '.') == NULL || vb_consultation_is_sidecar (base))
    return TRUE;
  for (guint i = 0; endings[i]; i++)
    if (has_suffix_ci (base, endings[i]))
      return TRUE;
  return FALSE;
}

gboolean
vb_report_input_add (VbReportInput *in, const char *path, GError **error)
{
  if (strcmp (path, "-") == 0)
    {
      if (!set_kind (in, VB_REPORT_INPUT_STREAM, "standard input", error))
        return FALSE;
      Source *s = g_new0 (Source, 1);
      s->path = g_strdup (path);
      g_ptr_array_add (in->sources, s);
      return TRUE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (add_consultation_dir (in, path, error))
        return TRUE;
      if (error && *error)
        return FALSE;
      if (!set_kind (in, VB_REPORT_INPUT_DOCUMENTS, path, error))
        return FALSE;
      g_ptr_array_add (in->documents, g_strdup (path));
      return TRUE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: no such file or folder", path);
      return FALSE;
    }
  g_autofree char *base = g_path_get_basename (path);
  /* A study declares the values of documents or of an export alike. */
  if (strcmp (base, "study.ini") == 0 || g_str_has_suffix (base, ".study.ini"))
    {
      g_ptr_array_add (in->studies, g_strdup (path));
      return TRUE;
    }
  if (is_export (base))
    {
      if (!set_kind (in, VB_REPORT_INPUT_CONSULTATION, path, error))
        return FALSE;
      add_export (in, path, NULL);
      return TRUE;
    }
  if (looks_like_stream (path))
    {
      if (!set_kind (in, VB_REPORT_INPUT_STREAM, path, error))
        return FALSE;
      Source *s = g_new0 (Source, 1);
      s->path = g_strdup (path);
      g_ptr_array_add (in->sources, s);
      return TRUE;
    }
  if (is_document_name (base))
    {
      if (!set_kind (in, VB_REPORT_INPUT_DOCUMENTS, path, error))
        return FALSE;
      g_ptr_array_add (in->documents, g_strdup (path));
      return TRUE;
    }
  g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
               "%s: not an input verba report reads: documents are .txt, .md, .vtt, .srt, .docx, "
               ".odt or .pdf, consultation exports .csv, and a segments stream starts with "
               "verba's header row", path);
  return FALSE;
}

static void
csv_warn (gpointer data, const char *path, guint line, const char *message)
{
  VbReportInput *in = data;
  if (in->warn)
    in->warn (in->warn_data, path, line, message);
}

static gpointer
csv_main (gpointer data)
{
  CsvJob *job = data;
  const char *paths[] = { job->path, NULL };
  job->ok = vb_csv_import_run (job->ci, paths, job->w, &job->error);
  if (fclose (job->w) != 0 && job->ok)
    {
      job->ok = FALSE;
      g_set_error (&job->error, VB_ERROR, VB_ERROR_IO, "%s: importing it: %s", job->path,
                   g_strerror (errno));
    }
  return NULL;
}

/* Starts an export's import on its own thread, writing into a pipe that
 * the stream reader reads. */
static gboolean
open_export (VbReportInput *in, const Source *s, GError **error)
{
  CsvJob *job = g_new0 (CsvJob, 1);
  job->ci = vb_csv_import_new ();
  job->path = s->path;
  vb_csv_import_set_warn (job->ci, csv_warn, in);
  gboolean ok = s->map == NULL || vb_csv_import_load_map (job->ci, s->map, error);
  if (ok && s->study)
    {
      job->study = vb_study_new ();
      ok = vb_study_load (job->study, s->study, error);
      if (ok)
        vb_csv_import_set_study (job->ci, job->study);
    }
  int fds[2];
  if (ok && pipe (fds) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot make a pipe: %s", s->path,
                   g_strerror (errno));
      ok = FALSE;
    }
  if (!ok)
    {
      vb_csv_import_free (job->ci);
      if (job->study)
        vb_study_free (job->study);
      g_free (job);
      return FALSE;
    }
  if (in->title == NULL && job->study && vb_study_title (job->study))
    in->title = g_strdup (vb_study_title (job->study));
  if (in->default_by == NULL && job->study)
    in->default_by = g_strdup (vb_study_keys (job->study)[0]);
  in->fp = fdopen (fds[0], "rb");
  job->w = fdopen (fds[1], "wb");
  in->job = job;
  in->thread = g_thread_new ("verba-report-csv", csv_main, job);
  g_autofree char *name = g_strdup_printf ("%s (imported)", s->path);
  g_autoptr (GError) local = NULL;
  in->reader = vb_stream_reader_open_fp (in->fp, name, &local);
  if (in->reader == NULL)
    {
      /* The import's own failure says why nothing came. */
      close_current (in, error);
      if (error && *error == NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_ptr_array_add (in->read, g_strdup (s->path));
  if (s->map)
    g_ptr_array_add (in->read, g_strdup (s->map));
  if (s->study)
    g_ptr_array_add (in->read, g_strdup (s->study));
  return TRUE;
}

/* Opens the next export or stream; FALSE at the end or on a failure. */
static gboolean
open_next (VbReportInput *in, GError **error)
{
  if (in->next_source >= in->sources->len)
    return FALSE;
  const Source *s = in->sources->pdata[in->next_source++];
  if (in->kind == VB_REPORT_INPUT_CONSULTATION)
    return open_export (in, s, error);
  in->reader = vb_stream_reader_open (s->path, error);
  if (in->reader == NULL)
    return FALSE;
  if (strcmp (s->path, "-") != 0)
    g_ptr_array_add (in->read, g_strdup (s->path));
  if (in->codebook == NULL && vb_stream_reader_is_coded (in->reader))
    {
      /* A copy: the reader's goes with it, and tables add the codes met
       * in the stream but missing from its head. */
      in->codebook = vb_codebook_new ("", "");
      if (vb_stream_reader_codebook (in->reader)
          && !vb_codebook_merge (in->codebook, vb_stream_reader_codebook (in->reader), error))
        return FALSE;
    }
  return TRUE;
}

/* A stream's first attribute column, or stage when it has one. */
static void
default_by_of_reader (VbReportInput *in, gboolean stage_only)
{
  const char *const *keys = vb_stream_reader_attr_keys (in->reader);
  gboolean has_default = FALSE;
  for (guint i = 0; keys && keys[i] && in->default_by; i++)
    has_default = strcmp (keys[i], in->default_by) == 0;
  if (has_default)
    return;
  g_clear_pointer (&in->default_by, g_free);
  for (guint i = 0; keys && keys[i]; i++)
    if (strcmp (keys[i], "stage") == 0)
      in->default_by = g_strdup ("stage");
  if (in->default_by == NULL && !stage_only && keys && keys[0])
    in->default_by = g_strdup (keys[0]);
}

gboolean
vb_report_input_open (VbReportInput *in, GError **error)
{
  if (in->studies->len && in->kind == VB_REPORT_INPUT_STREAM)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "%s: a study.ini is for documents and "
                   "consultation exports; a stream carries its values",
                   (const char *) in->studies->pdata[0]);
      return FALSE;
    }
  if (in->studies->len && in->kind == VB_REPORT_INPUT_CONSULTATION)
    {
      if (in->studies->len > 1)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "%s: one study.ini for the exports, "
                       "after %s", (const char *) in->studies->pdata[1],
                       (const char *) in->studies->pdata[0]);
          return FALSE;
        }
      /* Given by name, it replaces the one of each export's folder. */
      for (guint i = 0; i < in->sources->len; i++)
        {
          Source *s = in->sources->pdata[i];
          g_free (s->study);
          s->study = g_strdup (in->studies->pdata[0]);
        }
    }
  else if (in->studies->len)
    {
      in->kind = VB_REPORT_INPUT_DOCUMENTS;
      for (guint i = 0; i < in->studies->len; i++)
        g_ptr_array_insert (in->documents, (gint) i, g_strdup (in->studies->pdata[i]));
    }
  if (in->kind != VB_REPORT_INPUT_DOCUMENTS)
    {
      if (!open_next (in, error))
        {
          if (error && *error == NULL)
            g_set_error (error, VB_ERROR, VB_ERROR_USAGE, "no input to report on");
          return FALSE;
        }
      default_by_of_reader (in, FALSE);
      return TRUE;
    }
  g_autoptr (VbImporter) im = vb_importer_new ();
  vb_importer_set_warn (im, in->warn, in->warn_data);
  for (guint i = 0; i < in->documents->len; i++)
    if (!vb_importer_add_path (im, in->documents->pdata[i], error))
      return FALSE;
  FILE *mem = open_memstream (&in->doc_buf, &in->doc_len);
  if (mem == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "cannot hold the import in memory: %s",
                   g_strerror (errno));
      return FALSE;
    }
  gboolean ok = vb_importer_write (im, mem, error);
  fclose (mem);
  if (!ok)
    return FALSE;
  const GPtrArray *not_read = vb_importer_not_read (im);
  for (guint i = 0; i < not_read->len; i++)
    {
      const char *line = not_read->pdata[i];
      /* The importer's advice names its own option; a report reads a CSV
       * export given by name, or in a folder beside its mapping file. */
      const char *csv = strstr (line, ": a CSV file: ");
      g_ptr_array_add (in->not_read,
                       csv ? g_strdup_printf ("%.*s: a CSV file with no mapping file of the "
                                              "same name beside it: give it by name to report "
                                              "on it as a consultation export",
                                              (int) (csv - line), line)
                           : g_strdup (line));
    }
  g_autoptr (GPtrArray) read = vb_importer_read_paths (im);
  for (guint i = 0; i < read->len; i++)
    g_ptr_array_add (in->read, g_strdup (read->pdata[i]));
  in->title = g_strdup (vb_importer_study_title (im));
  in->fp = fmemopen (in->doc_buf, in->doc_len, "r");
  if (in->fp == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "cannot read the import back: %s",
                   g_strerror (errno));
      return FALSE;
    }
  in->reader = vb_stream_reader_open_fp (in->fp, "<import>", error);
  if (in->reader == NULL)
    return FALSE;
  in->default_by = g_strdup ("stage");
  default_by_of_reader (in, TRUE);
  in->next_source = in->sources->len;
  return TRUE;
}

/* FNV-1a, 64 bits: two ids of a million documents share one by chance
 * about once in 18 million runs (63 bits: the low one is set). */
static gpointer
fingerprint (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);
  for (; *s; s++)
    h = (h ^ (guchar) *s) * G_GUINT64_CONSTANT (1099511628211);
  return (gpointer) (guintptr) (h | 1);
}

static gboolean
document_seen (VbReportInput *in, const char *id)
{
  return sizeof (gpointer) >= sizeof (guint64)
           ? g_hash_table_contains (in->done, fingerprint (id))
           : g_hash_table_contains (in->done, id);
}

static void
document_done (VbReportInput *in, const char *id)
{
  if (sizeof (gpointer) >= sizeof (guint64))
    g_hash_table_add (in->done, fingerprint (id));
  else
    g_hash_table_add (in->done, g_strdup (id));
}

/* A document met again after others would be counted twice. */
static gboolean
check_runs (VbReportInput *in, const VbSegment *seg, GError **error)
{
  if (in->cur_doc && strcmp (in->cur_doc, seg->document) == 0)
    return TRUE;
  if (in->cur_doc)
    document_done (in, in->cur_doc);
  g_free (in->cur_doc);
  in->cur_doc = g_strdup (seg->document);
  if (!document_seen (in, seg->document))
    return TRUE;
  if (in->kind == VB_REPORT_INPUT_CONSULTATION)
    {
      /* The line of the stream made from the export would mislead. */
      const Source *src = in->sources->pdata[in->next_source - 1];
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s: respondent '%s' again, after other rows: a report takes each "
                   "respondent's rows together, once", src->path, seg->document);
      return FALSE;
    }
  g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
               "%s:%u: document '%s' again, after other documents: a report takes each "
               "document's segments together, as verba import and verba code write them",
               vb_stream_reader_path (in->reader), seg->line, seg->document);
  return FALSE;
}

static gboolean next_raw_unchecked (VbReportInput *in, VbSegment **seg, GError **error);

/* The next segment as read, across the inputs in turn. */
static gboolean
next_raw (VbReportInput *in, VbSegment **seg, GError **error)
{
  if (!next_raw_unchecked (in, seg, error))
    return FALSE;
  if (check_runs (in, *seg, error))
    return TRUE;
  g_clear_pointer (seg, vb_segment_free);
  return FALSE;
}

static gboolean
next_raw_unchecked (VbReportInput *in, VbSegment **seg, GError **error)
{
  while (in->reader != NULL)
    {
      if (vb_stream_reader_next (in->reader, seg, error))
        return TRUE;
      /* The export's own failure is the cause of anything odd in the
       * stream it was writing. */
      gboolean failed = error && *error;
      g_autoptr (GError) read_error = failed ? g_steal_pointer (error) : NULL;
      close_current (in, error);
      if (error && *error)
        return FALSE;
      if (read_error)
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      if (!open_next (in, error))
        return FALSE;
    }
  return FALSE;
}

/* Earlier rule codings are replaced; a human coder's are kept. */
static void
drop_rule_codings (VbSegment *seg)
{
  for (guint i = seg->codings ? seg->codings->len : 0; i-- > 0;)
    if (g_str_has_prefix (g_array_index (seg->codings, VbCoding, i).source, "rule:"))
      g_array_remove_index (seg->codings, i);
}

/* Reads the next document whole and codes it. */
static gboolean
next_document (VbReportInput *in, GError **error)
{
  g_ptr_array_set_size (in->doc, 0);
  in->doc_pos = 0;
  VbSegment *seg = in->ahead;
  in->ahead = NULL;
  if (seg == NULL && !next_raw (in, &seg, error))
    return FALSE;
  g_ptr_array_add (in->doc, seg);
  const char *id = seg->document;
  while (next_raw (in, &seg, error))
    {
      if (strcmp (seg->document, id) != 0)
        {
          in->ahead = seg;
          break;
        }
      g_ptr_array_add (in->doc, seg);
    }
  if (error && *error)
    return FALSE;
  for (guint i = 0; i < in->doc->len; i++)
    drop_rule_codings (in->doc->pdata[i]);
  vb_coder_code_document (in->coder, in->doc);
  if (vb_coder_error (in->coder))
    {
      g_propagate_error (error, vb_coder_take_error (in->coder));
      return FALSE;
    }
  return TRUE;
}

gboolean
vb_report_input_next (VbReportInput *in, VbSegment **seg, GError **error)
{
  if (in->coder == NULL)
    return next_raw (in, seg, error);
  if (in->doc_pos >= in->doc->len && !next_document (in, error))
    return FALSE;
  *seg = in->doc->pdata[in->doc_pos++];
  return TRUE;
}

static void
add_once (GPtrArray *paths, const char *path)
{
  if (!g_ptr_array_find_with_equal_func (paths, path, g_str_equal, NULL))
    g_ptr_array_add (paths, g_strdup (path));
}

GPtrArray *
vb_report_input_read_paths (const VbReportInput *in)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < in->read->len; i++)
    add_once (paths, in->read->pdata[i]);
  /* The exports and streams not opened yet (a report reads them all). */
  for (guint i = in->next_source; i < in->sources->len; i++)
    {
      const Source *s = in->sources->pdata[i];
      if (strcmp (s->path, "-") == 0)
        continue;
      add_once (paths, s->path);
      if (s->map)
        add_once (paths, s->map);
      if (s->study)
        add_once (paths, s->study);
    }
  return paths;
}
