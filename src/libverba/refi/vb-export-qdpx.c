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
 * (vb-import-qdpx.c) gives back the exported stream byte for byte. */
#include "refi/vb-qdpx.h"
#include "base/vb-error.h"
#include "codebook/vb-refi.h"
#include "stream/vb-stream.h"
#include "base/vb-uuid.h"
#include "base/vb-xml.h"
#include "base/vb-zip.h"

#include <string.h>

typedef struct {
  char      *id;
  GPtrArray *segments;  /* VbSegment* */
} Doc;

static void
doc_free (gpointer p)
{
  Doc *d = p;
  g_free (d->id);
  g_ptr_array_unref (d->segments);
  g_free (d);
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

/* The document's attributes that every segment shares, in stream order. */
static VbAttrs *
shared_attrs (const Doc *d)
{
  VbAttrs *out = vb_attrs_new ();
  const VbSegment *first = d->segments->pdata[0];
  for (guint k = 0; k < vb_attrs_size (first->attrs); k++)
    {
      const VbAttr *a = vb_attrs_index (first->attrs, k);
      gboolean same = TRUE;
      for (guint s = 1; same && s < d->segments->len; s++)
        same = g_strcmp0 (vb_attrs_get (((VbSegment *) d->segments->pdata[s])->attrs, a->key),
                          a->value) == 0;
      if (same && *a->value)
        vb_attrs_set (out, a->key, a->value, 0);
    }
  return out;
}

/* The attributes that vary between the segments of a document, in stream
 * order: they travel in the segment block. */
static GPtrArray *
varying_keys (const Doc *d, const char *const *keys)
{
  GPtrArray *out = g_ptr_array_new ();
  const VbSegment *first = d->segments->pdata[0];
  for (guint k = 0; keys && keys[k]; k++)
    {
      const char *v0 = vb_attrs_get (first->attrs, keys[k]);
      for (guint s = 1; s < d->segments->len; s++)
        {
          const char *v = vb_attrs_get (((VbSegment *) d->segments->pdata[s])->attrs, keys[k]);
          if (g_strcmp0 (v0 ? v0 : "", v ? v : "") != 0)
            {
              g_ptr_array_add (out, (gpointer) keys[k]);
              break;
            }
        }
    }
  return out;
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

gboolean
vb_qdpx_export (const char *stream_path, const VbCodebook *codebook, const char *path,
                VbQdpxStats *stats, GError **error)
{
  g_autoptr (VbStreamReader) r = vb_stream_reader_open (stream_path, error);
  if (r == NULL)
    return FALSE;
  g_autoptr (VbCodebook) own = NULL;
  const VbCodebook *cb = codebook;
  if (cb == NULL)
    cb = vb_stream_reader_codebook (r);  /* the reader's own */
  if (cb == NULL)
    cb = own = vb_codebook_new ("verba", "verba");
  g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func (doc_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) users = g_ptr_array_new_with_free_func (g_free);
  VbQdpxStats st = { 0 };
  for (;;)
    {
      VbSegment *seg = NULL;
      if (!vb_stream_reader_next (r, &seg, error))
        {
          if (error && *error)
            return FALSE;
          break;
        }
      for (guint c = 0; seg->codings && c < seg->codings->len; c++)
        {
          const VbCoding *cd = &g_array_index (seg->codings, VbCoding, c);
          if (vb_codebook_lookup (cb, cd->code) == NULL)
            {
              g_set_error (error, VB_ERROR, VB_ERROR_CODEBOOK,
                           "%s: segment %s:%u is coded '%s', which the codebook does not have",
                           vb_stream_reader_path (r), seg->document, seg->index, cd->code);
              vb_segment_free (seg);
              return FALSE;
            }
          g_autofree char *u = user_name (cd->source);
          if (!g_ptr_array_find_with_equal_func (users, u, g_str_equal, NULL))
            g_ptr_array_add (users, g_steal_pointer (&u));
        }
      Doc *d = g_hash_table_lookup (by_id, seg->document);
      if (d == NULL)
        {
          d = g_new0 (Doc, 1);
          d->id = g_strdup (seg->document);
          d->segments = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
          g_ptr_array_add (docs, d);
          g_hash_table_insert (by_id, d->id, d);
        }
      g_ptr_array_add (d->segments, seg);
      st.n_segments++;
    }

  /* Variables: every shared attribute of any document, in order met. */
  g_autoptr (GPtrArray) doc_attrs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_attrs_free);
  g_autoptr (GPtrArray) var_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < docs->len; i++)
    {
      VbAttrs *a = shared_attrs (docs->pdata[i]);
      for (guint k = 0; k < vb_attrs_size (a); k++)
        {
          const char *key = vb_attrs_index (a, k)->key;
          if (strcmp (key, "case") != 0
              && !g_ptr_array_find_with_equal_func (var_keys, key, g_str_equal, NULL))
            g_ptr_array_add (var_keys, g_strdup (key));
        }
      g_ptr_array_add (doc_attrs, a);
    }

  g_autofree char *pname = g_path_get_basename (path);
  char *dot = strrchr (pname, '.');
  if (dot && dot != pname)
    *dot = '\0';
  g_autoptr (VbZipWriter) zw = vb_zip_writer_new (error);
  if (zw == NULL)
    return FALSE;
  VbXmlOut *o = vb_xml_out_new ();
  vb_xml_out_start (o, "Project");
  vb_xml_out_attr (o, "xmlns", VB_QDPX_NS);
  vb_xml_out_attr (o, "name", pname);
  vb_xml_out_attr (o, "origin", "verba");
  write_named (o, "Users", "User", "user", users, NULL);
  if (vb_codebook_n_codes (cb) > 0)
    {
      vb_xml_out_start (o, "CodeBook");
      vb_refi_write_codes (o, cb);
      vb_xml_out_end (o);
    }
  write_named (o, "Variables", "Variable", "variable", var_keys, "Text");
  /* A case per distinct "case" value, referring to its documents. */
  g_autoptr (GPtrArray) case_names = g_ptr_array_new ();
  for (guint i = 0; i < docs->len; i++)
    {
      const char *cname = vb_attrs_get (doc_attrs->pdata[i], "case");
      if (cname && !g_ptr_array_find_with_equal_func (case_names, cname, g_str_equal, NULL))
        g_ptr_array_add (case_names, (gpointer) cname);
    }
  if (case_names->len)
    {
      vb_xml_out_start (o, "Cases");
      for (guint c = 0; c < case_names->len; c++)
        {
          g_autofree char *g = vb_uuid_for ("case", case_names->pdata[c]);
          vb_xml_out_start (o, "Case");
          vb_xml_out_attr (o, "guid", g);
          vb_xml_out_attr (o, "name", case_names->pdata[c]);
          for (guint i = 0; i < docs->len; i++)
            if (g_strcmp0 (vb_attrs_get (doc_attrs->pdata[i], "case"), case_names->pdata[c]) == 0)
              {
                g_autofree char *sg = vb_uuid_for ("source", ((Doc *) docs->pdata[i])->id);
                vb_xml_out_start (o, "SourceRef");
                vb_xml_out_attr (o, "targetGUID", sg);
                vb_xml_out_end (o);
              }
          vb_xml_out_end (o);
        }
      vb_xml_out_end (o);
    }
  if (docs->len)
    vb_xml_out_start (o, "Sources");
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < docs->len; i++)
    {
      const Doc *d = docs->pdata[i];
      g_autofree char *sg = vb_uuid_for ("source", d->id);
      g_autofree char *entry = g_strdup_printf ("sources/%s.txt", sg);
      g_autofree char *ptp = g_strdup_printf ("internal://%s.txt", sg);
      g_autofree char *sname = g_strconcat (d->id, ".txt", NULL);
      g_autoptr (GString) text = g_string_new (NULL);
      g_autoptr (GString) table = g_string_new (
          "Written by verba: one line a segment.  The block below gives verba the segments "
          "back.\n\n[verba-segments]\nstart\tend\trole\tphase\tspeaker\tsegment\t"
          "source_start\tsource_end");
      g_autoptr (GPtrArray) vary = varying_keys (d, vb_stream_reader_attr_keys (r));
      for (guint k = 0; k < vary->len; k++)
        {
          g_string_append_c (table, '\t');
          vb_field_escape (table, vary->pdata[k]);
        }
      g_string_append_c (table, '\n');
      g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint64));
      guint64 cp = 0;
      VbPhase phase = VB_PHASE_SPONTANEOUS;
      for (guint s = 0; s < d->segments->len; s++)
        {
          const VbSegment *seg = d->segments->pdata[s];
          if (seg->phase != phase)
            {
              const char *m = seg->phase == VB_PHASE_PROMPTED ? "[prompted]\n" : "[spontaneous]\n";
              g_string_append (text, m);
              cp += strlen (m);
              phase = seg->phase;
            }
          if (seg->speaker && *seg->speaker)
            {
              g_string_append_printf (text, "%s: ", seg->speaker);
              cp += (guint64) g_utf8_strlen (seg->speaker, -1) + 2;
            }
          guint64 len = (guint64) g_utf8_strlen (seg->text, -1);
          /* A selection past its segment would point into the next one, or
           * past the source: a project other tools read wrong or reject. */
          for (guint c = 0; seg->codings && c < seg->codings->len; c++)
            {
              const VbCoding *cd = &g_array_index (seg->codings, VbCoding, c);
              if (cd->start > cd->end || cd->end > len)
                {
                  g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                               "document %s, segment %u: coding %s@%u-%u lies outside the "
                               "segment's text (%" G_GUINT64_FORMAT " code points)", d->id,
                               seg->index, cd->code, cd->start, cd->end, len);
                  ok = FALSE;
                  break;
                }
            }
          if (!ok)
            break;
          g_array_append_val (offsets, cp);
          g_string_append_printf (table, "%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT "\t%s\t%s\t",
                                  cp, cp + len, vb_role_to_string (seg->role),
                                  vb_phase_to_string (seg->phase));
          vb_field_escape (table, seg->speaker ? seg->speaker : "");
          g_string_append_printf (table, "\t%u\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                                  seg->index, seg->start, seg->end);
          for (guint k = 0; k < vary->len; k++)
            {
              const char *v = vb_attrs_get (seg->attrs, vary->pdata[k]);
              g_string_append_c (table, '\t');
              vb_field_escape (table, v ? v : "");
            }
          g_string_append_c (table, '\n');
          g_string_append (text, seg->text);
          g_string_append_c (text, '\n');
          cp += len + 1;
        }
      if (!ok)
        break;
      vb_xml_out_start (o, "TextSource");
      vb_xml_out_attr (o, "guid", sg);
      vb_xml_out_attr (o, "name", sname);
      vb_xml_out_attr (o, "plainTextPath", ptp);
      vb_xml_out_text_element (o, "Description", table->str);
      for (guint s = 0; s < d->segments->len; s++)
        {
          const VbSegment *seg = d->segments->pdata[s];
          guint64 at = g_array_index (offsets, guint64, s);
          for (guint c = 0; seg->codings && c < seg->codings->len; c++)
            {
              const VbCoding *cd = &g_array_index (seg->codings, VbCoding, c);
              g_autofree char *key = g_strdup_printf ("%s/%u/%u", d->id, seg->index, c);
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
              st.n_codings++;
            }
        }
      const VbAttrs *a = doc_attrs->pdata[i];
      for (guint k = 0; k < vb_attrs_size (a); k++)
        if (strcmp (vb_attrs_index (a, k)->key, "case") != 0)
          write_value (o, vb_attrs_index (a, k)->key, vb_attrs_index (a, k)->value);
      vb_xml_out_end (o);
      ok = vb_zip_writer_add (zw, entry, text->str, text->len, error);
      st.n_documents++;
    }
  if (docs->len)
    vb_xml_out_end (o);
  /* Even without codes: the set carries the codebook's id and title. */
  vb_refi_write_sets (o, cb, TRUE);
  /* The stream's columns, so that the import writes them in this order,
   * empty ones included. */
  g_autoptr (GString) pdesc = g_string_new (
      "Written by verba from a segments stream.  The block below gives verba the stream's "
      "attribute columns back.\n\n[verba-stream]\ncolumns");
  const char *const *keys = vb_stream_reader_attr_keys (r);
  for (guint k = 0; keys && keys[k]; k++)
    {
      g_string_append_c (pdesc, '\t');
      vb_field_escape (pdesc, keys[k]);
    }
  g_string_append_c (pdesc, '\n');
  vb_xml_out_text_element (o, "Description", pdesc->str);
  vb_xml_out_end (o);
  g_autoptr (GString) qde = vb_xml_out_finish (o);
  if (!ok)
    return FALSE;
  /* project.qde last: the sources it names are then already in. */
  if (!vb_zip_writer_add (zw, "project.qde", qde->str, qde->len, error)
      || !vb_zip_writer_commit (zw, path, error))
    return FALSE;
  if (stats)
    *stats = st;
  return TRUE;
}
