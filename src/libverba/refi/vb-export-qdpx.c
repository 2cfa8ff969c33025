/* vb-export-qdpx.c: a coded segments stream as a REFI-QDA project.
 *
 * Each document becomes a <TextSource> whose plain text (sources/GUID.txt,
 * UTF-8, LF line ends) holds one line a segment: "SPEAKER: text", or the
 * text alone when the speaker is unknown, with a line "[prompted]" or
 * "[spontaneous]" where the phase changes.  Each coding becomes a
 * <PlainTextSelection> (positions in code points of that text, end
 * exclusive) holding one <Coding> by the <User> named after its provenance
 * ("coder:NAME" -> NAME; a rule's "rule:KEY" as it is).  Attributes with
 * one value across a document become text <Variable>s with a
 * <VariableValue> in the document's source, except "case": each distinct
 * value of it is a <Case> referring to its documents.  GUIDs are
 * name-based (vb-uuid.h) and entries are written in a fixed order with a
 * fixed time, so the same stream gives the same bytes.
 *
 * The schema has no extension points, so what only verba needs goes in
 * <Description>s (man/verba-formats.5, "Where verba's own data goes"):
 * the source's ends with a block "[verba-segments]", a header row and one
 * row a segment (place in the text written here, role, phase, speaker,
 * number, start and end in the stream, then the attributes that vary
 * within the document; tab-separated and escaped as in the stream); the
 * project's with "[verba-stream]", the stream's attribute columns; a
 * selection's, when its coding's source is not one a user's name carries
 * back, with "[verba-source]" and the source.  With them the importer
 * (vb-import-qdpx.c) gives back the exported stream byte for byte. *
 * Memory (issue #19).  project.qde names, before the first source, every
 * user, every variable and every case with its documents, and each
 * source's <Description> starts with the header of its segment block,
 * which names the attributes that vary within that document: none of
 * that is known until the last segment is read.  So the stream is read
 * twice (from a scratch copy when it is standard input or a pipe).  The
 * first pass checks every coding's code and keeps, a document, only what
 * the head of the project needs: its first segment's attribute values,
 * which of them vary, and where its rows are in the input (one run of
 * rows when its segments are together, as every verba stage writes
 * them).  The second pass reads each document's rows again, twice: for
 * its text (to a scratch file that the archive takes the entry from) and
 * its segment block (written into project.qde as it goes), then for its
 * selections, whose positions need the text before them.  project.qde
 * goes through libxml2's text writer to another scratch file, and libzip
 * builds the archive from the two (base/vb-zip.c, also in a scratch file).
 * Scratch files are unlinked when made, so no exit leaves one behind.
 * What still grows with the input is that record a document and libzip's
 * directory of the archive (an entry a document), written at the end. */
#include "refi/vb-qdpx.h"
#include "base/vb-error.h"
#include "base/vb-scratch.h"
#include "codebook/vb-refi.h"
#include "stream/vb-stream.h"
#include "base/vb-uuid.h"
#include "base/vb-xml.h"
#include "base/vb-zip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Rows of one document that follow each other in the input. */
typedef struct {
  guint64 offset;  /* of the first row */
  guint   rows;
} Run;

typedef struct {
  char        *id;
  const char **first;  /* a value an attribute key: the first segment's, interned, or NULL */
  guint8      *vary;   /* a flag a key: some segment's value is not the first's */
  GArray      *runs;   /* Run */
} Doc;

static void
doc_free (gpointer p)
{
  Doc *d = p;
  if (d == NULL)
    return;
  g_free (d->id);
  g_free (d->first);
  g_free (d->vary);
  g_array_unref (d->runs);
  g_free (d);
}

typedef struct {
  VbStreamReader    *r;
  FILE              *fp1;     /* what r reads (the first pass) */
  FILE              *fp2;     /* the same input, for the second pass */
  guint64            pos2;    /* where fp2 is */
  char              *line;    /* the second pass's row (getline) */
  size_t             line_cap;
  GPtrArray         *fields;
  const char *const *keys;    /* the stream's attribute columns */
  guint              n_keys;
  int                case_k;  /* the index of "case" in keys, or -1 */
  GPtrArray         *docs;    /* Doc*, in the order first met */
  GHashTable        *by_id;
  GPtrArray         *users;   /* names, in the order first met */
  GStringChunk      *values;
} Export;

static void
export_clear (Export *x)
{
  vb_stream_reader_free (x->r);
  if (x->fp1)
    fclose (x->fp1);
  if (x->fp2)
    fclose (x->fp2);
  free (x->line);
  if (x->fields)
    g_ptr_array_unref (x->fields);
  if (x->docs)
    g_ptr_array_unref (x->docs);
  if (x->by_id)
    g_hash_table_unref (x->by_id);
  if (x->users)
    g_ptr_array_unref (x->users);
  if (x->values)
    g_string_chunk_free (x->values);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

/* A document's attribute k is one of its variables: set and the same in
 * every segment. */
static const char *
shared (const Export *x, const Doc *d, guint k)
{
  (void) x;
  return d->first[k] && !d->vary[k] ? d->first[k] : NULL;
}

static char *
user_name (const char *source)
{
  if (source == NULL || *source == '\0')
    return g_strdup ("unknown");
  if (g_str_has_prefix (source, "coder:"))
    return g_strdup (source + strlen ("coder:"));
  return g_strdup (source);
}

/* TRUE when a coding's source comes back from the name of the <User> it
 * is written under (vb-import-qdpx.c's provenance()); any other source
 * (a model's with its score, "codes", none) travels in the selection's
 * <Description>. */
static gboolean
source_travels (const char *source)
{
  if (source == NULL)
    return FALSE;
  if (g_str_has_prefix (source, "rule:"))
    return TRUE;
  const char *n = g_str_has_prefix (source, "coder:") ? source + strlen ("coder:") : NULL;
  return n && *n && !g_str_has_prefix (n, "rule:") && !g_str_has_prefix (n, "coder:");
}

static void
write_value (VbXmlOut *o, const char *key, const char *value)
{
  g_autofree char *vg = vb_uuid_for ("variable", key);
  vb_xml_out_start (o, "VariableValue");
  vb_xml_out_start (o, "VariableRef");
  vb_xml_out_attr (o, "targetGUID", vg);
  vb_xml_out_end (o);
  vb_xml_out_text_element (o, "TextValue", value);
  vb_xml_out_end (o);
}

/* A list of named things (users, variables), each with the GUID its name
 * always gets; nothing when there are none.  type: the typeOfVariable of
 * each, or NULL. */
static void
write_named (VbXmlOut *o, const char *list, const char *item, const char *kind,
             const GPtrArray *names, const char *type)
{
  if (names->len == 0)
    return;
  vb_xml_out_start (o, list);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *g = vb_uuid_for (kind, names->pdata[i]);
      vb_xml_out_start (o, item);
      vb_xml_out_attr (o, "guid", g);
      vb_xml_out_attr (o, "name", names->pdata[i]);
      if (type != NULL)
        vb_xml_out_attr (o, "typeOfVariable", type);
      vb_xml_out_end (o);
    }
  vb_xml_out_end (o);
}

/* Opens the input twice over: a regular file as it is, anything else (a
 * pipe, standard input) through a scratch copy, which can be read again. */
static gboolean
open_input (Export *x, const char *path, GError **error)
{
  const char *name = strcmp (path, "-") == 0 ? "<stdin>" : path;
  int fd = vb_scratch_open_input (path, error);
  if (fd < 0)
    return FALSE;
  int fd2 = dup (fd);
  x->fp1 = fdopen (fd, "r");
  x->fp2 = fd2 >= 0 ? fdopen (fd2, "r") : NULL;
  if (x->fp1 == NULL || x->fp2 == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read: %s", name, g_strerror (errno));
      if (x->fp1 == NULL)
        close (fd);
      if (x->fp2 == NULL && fd2 >= 0)
        close (fd2);
      return FALSE;
    }
  x->r = vb_stream_reader_open_fp (x->fp1, name, error);
  return x->r != NULL;
}

/* The first pass: codes checked, users, and a record a document. */
static gboolean
scan (Export *x, const VbCodebook *cb, VbQdpxStats *st, GError **error)
{
  Doc *cur = NULL;
  for (;;)
    {
      g_autoptr (VbSegment) seg = NULL;
      if (!vb_stream_reader_next (x->r, &seg, error))
        return error == NULL || *error == NULL;
      for (guint c = 0; seg->codings && c < seg->codings->len; c++)
        {
          const VbCoding *cd = &g_array_index (seg->codings, VbCoding, c);
          if (vb_codebook_lookup (cb, cd->code) == NULL)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                           "%s: segment %s:%u is coded '%s', which the codebook does not have",
                           vb_stream_reader_path (x->r), seg->document, seg->index, cd->code);
              return FALSE;
            }
          g_autofree char *u = user_name (cd->source);
          if (!g_ptr_array_find_with_equal_func (x->users, u, g_str_equal, NULL))
            g_ptr_array_add (x->users, g_steal_pointer (&u));
        }
      st->n_segments++;
      gboolean same_run = cur && strcmp (cur->id, seg->document) == 0;
      if (!same_run)
        cur = g_hash_table_lookup (x->by_id, seg->document);
      if (cur == NULL)
        {
          cur = g_new0 (Doc, 1);
          cur->id = g_strdup (seg->document);
          cur->first = g_new0 (const char *, x->n_keys + 1);
          cur->vary = g_new0 (guint8, x->n_keys + 1);
          cur->runs = g_array_sized_new (FALSE, FALSE, sizeof (Run), 1);
          for (guint k = 0; k < x->n_keys; k++)
            {
              const char *v = vb_attrs_get (seg->attrs, x->keys[k]);
              cur->first[k] = v ? g_string_chunk_insert_const (x->values, v) : NULL;
            }
          g_ptr_array_add (x->docs, cur);
          g_hash_table_insert (x->by_id, cur->id, cur);
        }
      else
        for (guint k = 0; k < x->n_keys; k++)
          if (!cur->vary[k] && g_strcmp0 (vb_attrs_get (seg->attrs, x->keys[k]), cur->first[k]))
            cur->vary[k] = TRUE;
      if (same_run)
        g_array_index (cur->runs, Run, cur->runs->len - 1).rows++;
      else
        {
          Run run = { vb_stream_reader_line_start (x->r), 1 };
          g_array_append_val (cur->runs, run);
        }
    }
}

/* The second pass's reading of one document's rows, run after run. */
typedef struct {
  const Doc *d;
  guint      run, left;
} Cursor;

static void
cursor_init (Cursor *c, const Doc *d)
{
  c->d = d;
  c->run = 0;
  c->left = g_array_index (d->runs, Run, 0).rows;
}

/* The document's next segment into *seg; FALSE at its end (no error) or
 * when the input no longer holds what the first pass read there. */
static gboolean
cursor_next (Export *x, Cursor *c, VbSegment **seg, GError **error)
{
  *seg = NULL;
  if (c->left == 0)
    {
      if (++c->run >= c->d->runs->len)
        return FALSE;
      c->left = g_array_index (c->d->runs, Run, c->run).rows;
    }
  if (c->left == g_array_index (c->d->runs, Run, c->run).rows)
    {
      guint64 at = g_array_index (c->d->runs, Run, c->run).offset;
      /* Seeking drops stdio's buffer: only when the rows are elsewhere. */
      if (at != x->pos2 && fseeko (x->fp2, (off_t) at, SEEK_SET) != 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read again: %s",
                       vb_stream_reader_path (x->r), g_strerror (errno));
          return FALSE;
        }
      x->pos2 = at;
    }
  for (;;)
    {
      guint64 start = x->pos2;
      ssize_t n = getline (&x->line, &x->line_cap, x->fp2);
      if (n <= 0)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: changed while it was read",
                       vb_stream_reader_path (x->r));
          return FALSE;
        }
      x->pos2 += (guint64) n;
      if (x->line[n - 1] == '\n')
        n--;
      if (n > 0 && x->line[n - 1] == '\r')
        n--;
      x->line[n] = '\0';
      if (n == 0)
        continue;  /* a blank line, as the first pass skipped */
      c->left--;
      return vb_stream_reader_parse_line (x->r, x->line, (gsize) n, 0, start, x->fields, seg,
                                          error);
    }
}

/* Where seg's text starts in its document's text, in code points: moves
 * *cp past the phase line and speaker label before it, and past the text
 * and its line end, and writes all of it to text when text is not NULL. */
static guint64
place (const VbSegment *seg, guint64 *cp, VbPhase *phase, GString *text)
{
  if (seg->phase != *phase)
    {
      const char *m = seg->phase == VB_PHASE_PROMPTED ? "[prompted]\n" : "[spontaneous]\n";
      if (text)
        g_string_append (text, m);
      *cp += strlen (m);
      *phase = seg->phase;
    }
  if (seg->speaker && *seg->speaker)
    {
      if (text)
        g_string_append_printf (text, "%s: ", seg->speaker);
      *cp += (guint64) g_utf8_strlen (seg->speaker, -1) + 2;
    }
  guint64 at = *cp;
  if (text)
    {
      g_string_append (text, seg->text);
      g_string_append_c (text, '\n');
    }
  *cp += (guint64) g_utf8_strlen (seg->text, -1) + 1;
  return at;
}

/* A case per distinct "case" value, in the order first met, referring to
 * its documents. */
static void
write_cases (VbXmlOut *o, const Export *x)
{
  if (x->case_k < 0)
    return;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autoptr (GHashTable) docs_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < x->docs->len; i++)
    {
      const Doc *d = x->docs->pdata[i];
      const char *cname = shared (x, d, (guint) x->case_k);
      if (cname == NULL)
        continue;
      GPtrArray *of = g_hash_table_lookup (docs_of, cname);
      if (of == NULL)
        {
          of = g_ptr_array_new ();
          g_hash_table_insert (docs_of, (gpointer) cname, of);
          g_ptr_array_add (names, (gpointer) cname);
        }
      g_ptr_array_add (of, d->id);
    }
  if (names->len == 0)
    return;
  vb_xml_out_start (o, "Cases");
  for (guint c = 0; c < names->len; c++)
    {
      g_autofree char *g = vb_uuid_for ("case", names->pdata[c]);
      vb_xml_out_start (o, "Case");
      vb_xml_out_attr (o, "guid", g);
      vb_xml_out_attr (o, "name", names->pdata[c]);
      const GPtrArray *of = g_hash_table_lookup (docs_of, names->pdata[c]);
      for (guint i = 0; i < of->len; i++)
        {
          g_autofree char *sg = vb_uuid_for ("source", of->pdata[i]);
          vb_xml_out_start (o, "SourceRef");
          vb_xml_out_attr (o, "targetGUID", sg);
          vb_xml_out_end (o);
        }
      vb_xml_out_end (o);
    }
  vb_xml_out_end (o);
}

/* The text (to texts, at *tpos) and the <Description> with the segment
 * block of one document, checking that every coding lies in its segment. */
static gboolean
write_text (Export *x, const Doc *d, VbXmlOut *o, FILE *texts, guint64 *tpos, GError **error)
{
  g_autoptr (GString) row = g_string_new (
      "Written by verba: one line a segment.  The block below gives verba the segments "
      "back.\n\n[verba-segments]\nstart\tend\trole\tphase\tspeaker\tsegment\t"
      "source_start\tsource_end");
  for (guint k = 0; k < x->n_keys; k++)
    if (d->vary[k])
      {
        g_string_append_c (row, '\t');
        vb_field_escape (row, x->keys[k]);
      }
  g_string_append_c (row, '\n');
  vb_xml_out_start (o, "Description");
  vb_xml_out_text (o, row->str);
  g_autoptr (GString) text = g_string_new (NULL);
  guint64 cp = 0;
  VbPhase phase = VB_PHASE_SPONTANEOUS;
  Cursor c;
  cursor_init (&c, d);
  for (;;)
    {
      g_autoptr (VbSegment) seg = NULL;
      if (!cursor_next (x, &c, &seg, error))
        return error == NULL || *error == NULL ? (vb_xml_out_end (o), TRUE) : FALSE;
      guint64 len = (guint64) g_utf8_strlen (seg->text, -1);
      /* A selection past its segment would point into the next one, or
       * past the source: a project other tools read wrong or reject. */
      for (guint i = 0; seg->codings && i < seg->codings->len; i++)
        {
          const VbCoding *cd = &g_array_index (seg->codings, VbCoding, i);
          if (cd->start > cd->end || cd->end > len)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                           "document %s, segment %u: coding %s@%u-%u lies outside the "
                           "segment's text (%" G_GUINT64_FORMAT " code points)", d->id,
                           seg->index, cd->code, cd->start, cd->end, len);
              return FALSE;
            }
        }
      g_string_truncate (text, 0);
      guint64 at = place (seg, &cp, &phase, text);
      if (fwrite (text->str, 1, text->len, texts) != text->len)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write a temporary file: %s",
                       g_get_tmp_dir (), g_strerror (errno ? errno : ENOSPC));
          return FALSE;
        }
      *tpos += text->len;
      g_string_printf (row, "%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%s\t%s\t", at,
                       at + len, vb_role_to_string (seg->role), vb_phase_to_string (seg->phase));
      vb_field_escape (row, seg->speaker ? seg->speaker : "");
      g_string_append_printf (row, "\t%u\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                              seg->index, seg->start, seg->end);
      for (guint k = 0; k < x->n_keys; k++)
        if (d->vary[k])
          {
            const char *v = vb_attrs_get (seg->attrs, x->keys[k]);
            g_string_append_c (row, '\t');
            vb_field_escape (row, v ? v : "");
          }
      g_string_append_c (row, '\n');
      vb_xml_out_text (o, row->str);
    }
}

/* One document's selections, each with its coding. */
static gboolean
write_selections (Export *x, const Doc *d, VbXmlOut *o, VbQdpxStats *st, GError **error)
{
  guint64 cp = 0;
  VbPhase phase = VB_PHASE_SPONTANEOUS;
  Cursor c;
  cursor_init (&c, d);
  for (;;)
    {
      g_autoptr (VbSegment) seg = NULL;
      if (!cursor_next (x, &c, &seg, error))
        return error == NULL || *error == NULL;
      guint64 at = place (seg, &cp, &phase, NULL);
      for (guint i = 0; seg->codings && i < seg->codings->len; i++)
        {
          const VbCoding *cd = &g_array_index (seg->codings, VbCoding, i);
          g_autofree char *key = g_strdup_printf ("%s/%u/%u", d->id, seg->index, i);
          g_autofree char *selg = vb_uuid_for ("selection", key);
          g_autofree char *cg = vb_uuid_for ("coding", key);
          g_autofree char *u = user_name (cd->source);
          g_autofree char *ug = vb_uuid_for ("user", u);
          g_autofree char *codeg = vb_uuid_for ("code", cd->code);
          g_autofree char *sp = g_strdup_printf ("%" G_GUINT64_FORMAT, at + cd->start);
          g_autofree char *ep = g_strdup_printf ("%" G_GUINT64_FORMAT, at + cd->end);
          vb_xml_out_start (o, "PlainTextSelection");
          vb_xml_out_attr (o, "guid", selg);
          vb_xml_out_attr (o, "startPosition", sp);
          vb_xml_out_attr (o, "endPosition", ep);
          vb_xml_out_attr (o, "creatingUser", ug);
          if (!source_travels (cd->source))
            {
              g_autofree char *desc = g_strconcat ("[verba-source]\n",
                                                   cd->source ? cd->source : "", NULL);
              vb_xml_out_text_element (o, "Description", desc);
            }
          vb_xml_out_start (o, "Coding");
          vb_xml_out_attr (o, "guid", cg);
          vb_xml_out_attr (o, "creatingUser", ug);
          vb_xml_out_start (o, "CodeRef");
          vb_xml_out_attr (o, "targetGUID", codeg);
          vb_xml_out_end (o);
          vb_xml_out_end (o);
          vb_xml_out_end (o);
          st->n_codings++;
        }
    }
}

/* project.qde into qde_fd, the sources' texts into texts_fd, each text
 * an entry of zw as soon as it is written. */
static gboolean
write_project (Export *x, const VbCodebook *cb, const char *pname, VbZipWriter *zw, int qde_fd,
               int texts_fd, VbQdpxStats *st, GError **error)
{
  int tfd = dup (texts_fd);
  FILE *texts = tfd >= 0 ? fdopen (tfd, "w") : NULL;
  if (texts == NULL)
    {
      if (tfd >= 0)
        close (tfd);
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write a temporary file: %s",
                   g_get_tmp_dir (), g_strerror (errno));
      return FALSE;
    }
  /* Variables: every shared attribute of any document, in order met. */
  g_autoptr (GPtrArray) var_keys = g_ptr_array_new ();
  for (guint i = 0; i < x->docs->len; i++)
    for (guint k = 0; k < x->n_keys; k++)
      if (shared (x, x->docs->pdata[i], k) && (int) k != x->case_k
          && strcmp (x->keys[k], "case") != 0
          && !g_ptr_array_find_with_equal_func (var_keys, x->keys[k], g_str_equal, NULL))
        g_ptr_array_add (var_keys, (gpointer) x->keys[k]);

  VbXmlOut *o = vb_xml_out_new_fd (qde_fd);
  vb_xml_out_start (o, "Project");
  vb_xml_out_attr (o, "xmlns", VB_QDPX_NS);
  vb_xml_out_attr (o, "name", pname);
  vb_xml_out_attr (o, "origin", "verba");
  write_named (o, "Users", "User", "user", x->users, NULL);
  if (vb_codebook_n_codes (cb) > 0)
    {
      vb_xml_out_start (o, "CodeBook");
      vb_refi_write_codes (o, cb);
      vb_xml_out_end (o);
    }
  write_named (o, "Variables", "Variable", "variable", var_keys, "Text");
  write_cases (o, x);
  if (x->docs->len)
    vb_xml_out_start (o, "Sources");
  guint64 tpos = 0;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < x->docs->len; i++)
    {
      const Doc *d = x->docs->pdata[i];
      g_autofree char *sg = vb_uuid_for ("source", d->id);
      g_autofree char *entry = g_strdup_printf ("sources/%s.txt", sg);
      g_autofree char *ptp = g_strdup_printf ("internal://%s.txt", sg);
      g_autofree char *sname = g_strconcat (d->id, ".txt", NULL);
      vb_xml_out_start (o, "TextSource");
      vb_xml_out_attr (o, "guid", sg);
      vb_xml_out_attr (o, "name", sname);
      vb_xml_out_attr (o, "plainTextPath", ptp);
      guint64 from = tpos;
      ok = write_text (x, d, o, texts, &tpos, error) && write_selections (x, d, o, st, error);
      if (!ok)
        break;
      for (guint k = 0; k < x->n_keys; k++)
        if (shared (x, d, k) && strcmp (x->keys[k], "case") != 0)
          write_value (o, x->keys[k], d->first[k]);
      vb_xml_out_end (o);
      ok = vb_zip_writer_add_range (zw, entry, texts_fd, from, tpos - from, error);
      st->n_documents++;
      /* Done with: libzip's entry for it grows as its record goes. */
      doc_free (g_steal_pointer (&x->docs->pdata[i]));
    }
  if (ok && x->docs->len)
    vb_xml_out_end (o);
  /* Even without codes: the set carries the codebook's id and title. */
  vb_refi_write_sets (o, cb, TRUE);
  /* The stream's columns, so that the import writes them in this order,
   * empty ones included. */
  g_autoptr (GString) pdesc = g_string_new (
      "Written by verba from a segments stream.  The block below gives verba the stream's "
      "attribute columns back.\n\n[verba-stream]\ncolumns");
  for (guint k = 0; k < x->n_keys; k++)
    {
      g_string_append_c (pdesc, '\t');
      vb_field_escape (pdesc, x->keys[k]);
    }
  g_string_append_c (pdesc, '\n');
  vb_xml_out_text_element (o, "Description", pdesc->str);
  vb_xml_out_end (o);
  ok = vb_xml_out_finish_fd (o, "project.qde", ok ? error : NULL) && ok;
  if ((fflush (texts) != 0 || ferror (texts)) && ok)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write a temporary file: %s",
                   g_get_tmp_dir (), g_strerror (errno ? errno : ENOSPC));
      ok = FALSE;
    }
  fclose (texts);
  return ok;
}

gboolean
vb_qdpx_export (const char *stream_path, const VbCodebook *codebook, const char *path,
                VbQdpxStats *stats, GError **error)
{
  g_auto (Export) x = { 0 };
  x.case_k = -1;
  if (!open_input (&x, stream_path, error))
    return FALSE;
  g_autoptr (VbCodebook) own = NULL;
  const VbCodebook *cb = codebook;
  if (cb == NULL)
    cb = vb_stream_reader_codebook (x.r);  /* the reader's own */
  if (cb == NULL)
    cb = own = vb_codebook_new ("verba", "verba");
  x.keys = vb_stream_reader_attr_keys (x.r);
  for (x.n_keys = 0; x.keys && x.keys[x.n_keys]; x.n_keys++)
    if (x.case_k < 0 && strcmp (x.keys[x.n_keys], "case") == 0)
      x.case_k = (int) x.n_keys;
  x.fields = vb_stream_fields_new ();
  x.docs = g_ptr_array_new_with_free_func (doc_free);
  x.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  x.users = g_ptr_array_new_with_free_func (g_free);
  x.values = g_string_chunk_new (4096);
  VbQdpxStats st = { 0 };
  if (!scan (&x, cb, &st, error))
    return FALSE;
  g_clear_pointer (&x.by_id, g_hash_table_unref);

  g_autofree char *pname = g_path_get_basename (path);
  char *dot = strrchr (pname, '.');
  if (dot && dot != pname)
    *dot = '\0';
  g_autoptr (VbZipWriter) zw = vb_zip_writer_new (error);
  if (zw == NULL)
    return FALSE;
  int qde_fd = vb_scratch_new ("project.qde", error);
  if (qde_fd < 0)
    return FALSE;
  int texts_fd = vb_scratch_new ("source text", error);
  if (texts_fd < 0)
    {
      close (qde_fd);
      return FALSE;
    }
  /* project.qde last: the sources it names are then already in.  The
   * scratch files stay open until the archive is written from them. */
  gboolean ok = write_project (&x, cb, pname, zw, qde_fd, texts_fd, &st, error);
  struct stat qs;
  if (ok && fstat (qde_fd, &qs) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot read a temporary file back: %s",
                   g_get_tmp_dir (), g_strerror (errno));
      ok = FALSE;
    }
  ok = ok && vb_zip_writer_add_range (zw, "project.qde", qde_fd, 0, (guint64) qs.st_size,
                                            error)
                && vb_zip_writer_commit (zw, path, error);
  close (qde_fd);
  close (texts_fd);
  if (ok && stats)
    *stats = st;
  return ok;
}
