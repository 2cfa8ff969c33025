/* vb-import-qdpx.c: REFI-QDA projects (.qdpx) as coded segments.
 *
 * RULES
 *
 *  1. The archive (read through vb-zip, with its limits) must hold
 *     project.qde, or else exactly one other .qde (ATLAS.ti names it after
 *     the project), a QDA-XML project (namespace urn:QDA-XML:project:1.0).
 *     Its <CodeBook> becomes the codebook of the coded stream (see
 *     vb-codebook-qdc.c for codes written by verba and by other programs).
 *
 *  2. Each <TextSource> is one document.  Its text is <PlainTextContent>,
 *     or the archive entry sources/NAME for plainTextPath="internal://NAME"
 *     or a bare or relative plainTextPath="NAME" (as qc writes it), a BOM
 *     dropped.  A file:// (or absolute) path is outside the archive: read
 *     only under --allow-outside's root (resolved, so neither ".." nor a
 *     link leads out), otherwise reported.  When that text is missing or
 *     blank (NVivo) and richTextPath names a .docx or .odt, the text is
 *     derived from it, one line a paragraph (vb_office_plain_text), and
 *     positions count in that text.  Its id is the source's name (or,
 *     without one, its file's name) without extension (made unique with
 *     "-2", "-3", … when two sources share one).  Picture, PDF, audio and
 *     video sources, and text sources whose text is not read, are
 *     reported on standard error and counted, not imported.
 *
 *  3. Segments: a source verba exported lists its segments in its
 *     <Description> after a line "[verba-segments]" (vb-export-qdpx.c);
 *     they are taken as listed when they fit the text, and get back their
 *     numbers, stream positions and varying attributes once the codings
 *     are placed; the project's "[verba-stream]" block gives the columns'
 *     order.  Otherwise each
 *     line of the text that is not blank is a segment,
 *     trimmed.  Speaker labels are recognised as in transcripts
 *     (vb-speaker.c): "Name: words" starts a turn of Name, a label alone
 *     names the speaker of the lines after it, and lines without a label
 *     continue the last speaker ("" before the first).  "[prompted]" and
 *     "[spontaneous]" lines switch the phase and are not segments.  start
 *     and end are code-point offsets into the source text, so the
 *     segment's text is exactly the source's characters there.
 *
 *  4. Positions.  A <PlainTextSelection>'s startPosition and endPosition
 *     count Unicode characters (code points) of the plain text from 0,
 *     end exclusive, as the REFI-QDA standard counts them.  Each <Coding>
 *     of a selection becomes a coding of every segment the selection
 *     overlaps, cut to the segment (so a selection across two paragraphs
 *     gives two codings); a selection that covers only blank lines,
 *     labels or markers is reported and counted.  A <Coding> directly in a
 *     <TextSource> codes the whole text.  Provenance: "coder:NAME" with the
 *     name of the <User> who made the coding (the selection's when the
 *     coding names none), or the name itself when it is a verba
 *     provenance ("rule:…").
 *
 *  5. Attributes: for every <Case> that refers to the source, "case" (its
 *     name; several joined by "; ") and the case's <VariableValue>s, then
 *     the source's own <VariableValue>s (which win).  Keys are normalised as
 *     attribute keys are; a key the stream reserves gets a "_" appended,
 *     and a variable whose key an earlier one has gets "_2" ("_3", ...).
 */
#include "refi/vb-qdpx.h"
#include "base/vb-error.h"
#include "codebook/vb-refi.h"
#include "import/vb-import-office.h"
#include "import/vb-speaker.h"
#include "stream/vb-stream.h"
#include "base/vb-xml.h"
#include "base/vb-zip.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  const char            *path;
  const char            *qde;        /* "ARCHIVE:project.qde", for messages */
  const VbImportOptions *opts;
  VbZip                 *zip;
  const char            *outside_root; /* --allow-outside, or NULL */
  GHashTable            *users;      /* guid (lower case) -> name */
  GHashTable            *variables;  /* guid -> normalised name */
  GHashTable            *codes;      /* guid -> code id */
  GHashTable            *case_attrs; /* source guid -> VbAttrs* */
  GHashTable            *doc_ids;    /* ids in use */
  VbQdpx                *q;
  GHashTable            *doc_next;   /* base -> the last -N suffix it got */
} Reader;

static void
warn (Reader *rd, guint line, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
warn (Reader *rd, guint line, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  if (rd->opts && rd->opts->warn)
    rd->opts->warn (rd->opts->warn_data, rd->qde, line, msg);
}

void
vb_qdpx_free (VbQdpx *q)
{
  if (q == NULL)
    return;
  if (q->codebook)
    vb_codebook_free (q->codebook);
  g_ptr_array_unref (q->documents);
  g_strfreev (q->columns);
  g_free (q);
}

static char *
lower_attr (const xmlNode *n, const char *name)
{
  g_autofree char *v = vb_xml_attr (n, name);
  return v ? g_ascii_strdown (v, -1) : NULL;
}

static char *
attr_key (const char *name)
{
  char *key = vb_attr_key_normalize (name);
  if (vb_attr_key_is_reserved (key))
    {
      char *k2 = g_strconcat (key, "_", NULL);
      g_free (key);
      return k2;
    }
  return key;
}

/* VariableValue: <VariableRef targetGUID/> then one typed value. */
static void
read_values (Reader *rd, const xmlNode *owner, VbAttrs *attrs)
{
  for (xmlNode *vv = vb_xml_child (owner, "VariableValue"); vv; vv = vb_xml_next (vv, "VariableValue"))
    {
      xmlNode *ref = vb_xml_child (vv, "VariableRef");
      g_autofree char *guid = ref ? lower_attr (ref, "targetGUID") : NULL;
      const char *name = guid ? g_hash_table_lookup (rd->variables, guid) : NULL;
      if (name == NULL)
        {
          warn (rd, (guint) xmlGetLineNo (vv), "a variable value refers to no <Variable>; left out");
          continue;
        }
      for (xmlNode *v = vv->children; v; v = v->next)
        if (v->type == XML_ELEMENT_NODE && g_str_has_suffix ((const char *) v->name, "Value"))
          {
            g_autofree char *text = vb_xml_text (v);
            vb_attrs_set (attrs, name, g_strstrip (text), 0);
          }
    }
}

static void
read_header (Reader *rd, xmlNode *root)
{
  xmlNode *users = vb_xml_child (root, "Users");
  for (xmlNode *u = vb_xml_child (users, "User"); u; u = vb_xml_next (u, "User"))
    {
      char *guid = lower_attr (u, "guid");
      char *name = vb_xml_attr (u, "name");
      if (guid)
        g_hash_table_insert (rd->users, guid, name ? name : g_strdup (guid));
      else
        g_free (name);
    }
  xmlNode *vars = vb_xml_child (root, "Variables");
  /* Names that normalise to one key ("Region", "region") would keep one
   * value of the two: the later one is renamed, and said so. */
  g_autoptr (GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (xmlNode *v = vb_xml_child (vars, "Variable"); v; v = vb_xml_next (v, "Variable"))
    {
      char *guid = lower_attr (v, "guid");
      g_autofree char *name = vb_xml_attr (v, "name");
      if (guid && name)
        {
          char *key = attr_key (name);
          if (g_hash_table_contains (taken, key))
            {
              char *renamed = NULL;
              for (guint k = 2; renamed == NULL || g_hash_table_contains (taken, renamed); k++)
                {
                  g_free (renamed);
                  renamed = g_strdup_printf ("%s_%u", key, k);
                }
              warn (rd, (guint) xmlGetLineNo (v), "variable '%s' has the attribute key '%s' "
                    "of an earlier variable; kept as '%s'", name, key, renamed);
              g_free (key);
              key = renamed;
            }
          g_hash_table_add (taken, g_strdup (key));
          g_hash_table_insert (rd->variables, guid, key);
        }
      else
        g_free (guid);
    }
  xmlNode *cases = vb_xml_child (root, "Cases");
  for (xmlNode *c = vb_xml_child (cases, "Case"); c; c = vb_xml_next (c, "Case"))
    {
      g_autofree char *name = vb_xml_attr (c, "name");
      g_autoptr (VbAttrs) vals = vb_attrs_new ();
      read_values (rd, c, vals);
      for (xmlNode *sr = vb_xml_child (c, "SourceRef"); sr; sr = vb_xml_next (sr, "SourceRef"))
        {
          g_autofree char *guid = lower_attr (sr, "targetGUID");
          if (guid == NULL)
            continue;
          VbAttrs *a = g_hash_table_lookup (rd->case_attrs, guid);
          if (a == NULL)
            {
              a = vb_attrs_new ();
              g_hash_table_insert (rd->case_attrs, g_strdup (guid), a);
            }
          if (name)
            {
              const char *prev = vb_attrs_get (a, "case");
              g_autofree char *v = prev ? g_strconcat (prev, "; ", name, NULL) : g_strdup (name);
              vb_attrs_set (a, "case", v, 0);
            }
          vb_attrs_merge (a, vals);
        }
    }
}

/* ---- text to segments ---- */

typedef struct {
  gsize   byte;   /* start of the line */
  gsize   len;    /* without the line ending */
  guint64 cp;     /* code points before the line */
  guint   number;
} Line;

static GArray *
split_lines (const char *text)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize i = 0;
  guint64 cp = 0;
  guint number = 1;
  gsize n = strlen (text);
  while (i <= n)
    {
      Line l = { i, 0, cp, number++ };
      gsize j = i;
      while (j < n && text[j] != '\n' && text[j] != '\r')
        j++;
      l.len = j - i;
      cp += (guint64) g_utf8_strlen (text + i, (gssize) l.len);
      g_array_append_val (lines, l);
      if (j >= n)
        break;
      gsize end = (text[j] == '\r' && text[j + 1] == '\n') ? 2 : 1;
      cp += end;
      i = j + end;
    }
  return lines;
}

static void
segment_text (Reader *rd, VbDocument *doc, const char *text)
{
  g_autoptr (GArray) lines = split_lines (text);
  g_autoptr (VbSpeakers) sp = vb_speakers_new (FALSE, rd->opts ? rd->opts->moderators : NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      VbLabel label;
      if (vb_label_parse (text + l->byte, l->len, &label))
        vb_speakers_count (sp, &label);
      vb_label_clear (&label);
    }
  g_autofree char *speaker = g_strdup ("");
  VbRole role = VB_ROLE_PARTICIPANT;
  VbPhase phase = VB_PHASE_SPONTANEOUS;
  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);
      const char *s = text + l->byte;
      VbMarker marker = vb_marker_parse (s, l->len);
      if (marker == VB_MARKER_PROMPTED || marker == VB_MARKER_SPONTANEOUS)
        {
          phase = marker == VB_MARKER_PROMPTED ? VB_PHASE_PROMPTED : VB_PHASE_SPONTANEOUS;
          continue;
        }
      gsize from = 0, to = l->len;
      VbLabel label;
      if (vb_label_parse (s, l->len, &label) && vb_speakers_accept (sp, &label))
        {
          g_free (speaker);
          speaker = g_strdup (label.label);
          role = vb_speakers_role (sp, speaker);
          from = label.text;
        }
      vb_label_clear (&label);
      g_autofree char *line = g_strndup (s, l->len);
      vb_trim_range (line, &from, &to);
      if (from >= to)
        continue;
      VbSegment *seg = vb_segment_new ();
      g_free (seg->document);
      seg->document = g_strdup (doc->id);
      seg->index = doc->segments->len + 1;
      g_free (seg->speaker);
      seg->speaker = g_strdup (speaker);
      seg->role = *speaker ? role : VB_ROLE_PARTICIPANT;
      seg->phase = phase;
      seg->start = l->cp + (guint64) g_utf8_strlen (line, (gssize) from);
      seg->end = seg->start + (guint64) g_utf8_strlen (line + from, (gssize) (to - from));
      g_free (seg->text);
      seg->text = g_strndup (line + from, to - from);
      seg->line = l->number;
      vb_segment_ensure_codings (seg);
      g_ptr_array_add (doc->segments, seg);
    }
}

/* What a segment was in the stream a verba export came from: placed by
 * the export's text positions, it gets these back once its codings are. */
typedef struct {
  guint   index;
  guint64 start, end;
} Origin;

/* The segments a verba export lists in the source's Description
 * (vb-export-qdpx.c): a header row "start end role phase speaker segment
 * source_start source_end KEY…" (the KEYs: attributes that vary within
 * the document), then one row a segment; an export older than the header
 * row has the first five columns only.  FALSE, with nothing added, when
 * there is no such block or it does not fit the text (edited since?): the
 * caller then splits the text into lines.  *origins gets the segments'
 * numbers and positions in the stream (NULL for an old block). */
static gboolean
verba_segments (Reader *rd, VbDocument *doc, const xmlNode *src, const char *text,
                GArray **origins)
{
  *origins = NULL;
  xmlNode *dn = vb_xml_child (src, "Description");
  g_autofree char *desc = dn ? vb_xml_text (dn) : NULL;
  const char *mark = "[verba-segments]\n";
  const char *at = desc ? strstr (desc, mark) : NULL;
  if (at == NULL || (at != desc && at[-1] != '\n'))
    return FALSE;
  glong total = g_utf8_strlen (text, -1);
  g_autoptr (GPtrArray) segs = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_segment_free);
  g_autoptr (GArray) orig = g_array_new (FALSE, FALSE, sizeof (Origin));
  g_auto (GStrv) rows = g_strsplit (at + strlen (mark), "\n", -1);
  g_auto (GStrv) head = NULL;
  guint ncols = 5;
  if (rows[0] && g_str_has_prefix (rows[0], "start\tend\t"))
    {
      head = g_strsplit (rows[0], "\t", -1);
      ncols = g_strv_length (head);
      if (ncols < 8)
        return FALSE;
    }
  for (guint i = head ? 1 : 0; rows[i]; i++)
    {
      if (*rows[i] == '\0')
        continue;
      g_auto (GStrv) f = g_strsplit (rows[i], "\t", -1);
      g_autoptr (GString) speaker = g_string_new (NULL);
      VbRole role;
      VbPhase phase;
      char *e1 = NULL, *e2 = NULL;
      if (g_strv_length (f) != ncols)
        return FALSE;
      guint64 start = g_ascii_strtoull (f[0], &e1, 10), end = g_ascii_strtoull (f[1], &e2, 10);
      if (*e1 || *e2 || start > end || end > (guint64) total || !vb_role_from_string (f[2], &role)
          || !vb_phase_from_string (f[3], &phase)
          || !vb_field_unescape (f[4], strlen (f[4]), speaker))
        return FALSE;
      const char *from = g_utf8_offset_to_pointer (text, (glong) start);
      const char *to = g_utf8_offset_to_pointer (from, (glong) (end - start));
      VbSegment *seg = vb_segment_new ();
      g_ptr_array_add (segs, seg);
      g_free (seg->document);
      seg->document = g_strdup (doc->id);
      seg->index = segs->len;
      g_free (seg->speaker);
      seg->speaker = g_strdup (speaker->str);
      seg->role = role;
      seg->phase = phase;
      seg->start = start;
      seg->end = end;
      g_free (seg->text);
      seg->text = g_strndup (from, to - from);
      seg->line = 1;
      for (const char *p = text; p < from; p++)
        seg->line += *p == '\n';
      vb_segment_ensure_codings (seg);
      if (head == NULL)
        continue;
      Origin o = { 0 };
      char *e3 = NULL, *e4 = NULL, *e5 = NULL;
      o.index = (guint) g_ascii_strtoull (f[5], &e3, 10);
      o.start = g_ascii_strtoull (f[6], &e4, 10);
      o.end = g_ascii_strtoull (f[7], &e5, 10);
      if (*e3 || *e4 || *e5)
        return FALSE;
      g_array_append_val (orig, o);
      for (guint k = 8; k < ncols; k++)
        {
          g_autoptr (GString) key = g_string_new (NULL), val = g_string_new (NULL);
          if (!vb_field_unescape (head[k], strlen (head[k]), key)
              || !vb_field_unescape (f[k], strlen (f[k]), val))
            return FALSE;
          if (val->len)
            vb_attrs_set (seg->attrs, key->str, val->str, 0);
        }
    }
  for (guint i = 0; i < segs->len; i++)
    g_ptr_array_add (doc->segments, g_steal_pointer (&segs->pdata[i]));
  g_ptr_array_set_free_func (segs, NULL);
  if (head)
    *origins = g_steal_pointer (&orig);
  (void) rd;
  return TRUE;
}

/* The stream's numbers and positions back, once the codings are placed
 * by the export's text positions. */
static void
restore_origins (VbDocument *doc, const GArray *origins)
{
  for (guint s = 0; origins && s < doc->segments->len && s < origins->len; s++)
    {
      VbSegment *seg = doc->segments->pdata[s];
      const Origin *o = &g_array_index (origins, Origin, s);
      seg->index = o->index;
      seg->start = o->start;
      seg->end = o->end;
    }
}

/* A verba export's stream columns (vb-export-qdpx.c): the project's
 * <Description> block "[verba-stream]" with a row "columns KEY…". */
static GStrv
verba_columns (const xmlNode *root)
{
  xmlNode *dn = vb_xml_child (root, "Description");
  g_autofree char *desc = dn ? vb_xml_text (dn) : NULL;
  const char *mark = "[verba-stream]\ncolumns";
  const char *at = desc ? strstr (desc, mark) : NULL;
  if (at == NULL || (at != desc && at[-1] != '\n'))
    return NULL;
  at += strlen (mark);
  g_autofree char *row = g_strndup (at, strcspn (at, "\n"));
  g_auto (GStrv) f = g_strsplit (row, "\t", -1);
  GPtrArray *keys = g_ptr_array_new ();
  for (guint i = 1; f[0] && *f[0] == '\0' && f[i]; i++)
    {
      g_autoptr (GString) k = g_string_new (NULL);
      if (vb_field_unescape (f[i], strlen (f[i]), k) && k->len)
        g_ptr_array_add (keys, g_string_free (g_steal_pointer (&k), FALSE));
    }
  g_ptr_array_add (keys, NULL);
  return (GStrv) g_ptr_array_free (keys, FALSE);
}

static char *
provenance (Reader *rd, const xmlNode *coding, const xmlNode *selection)
{
  /* A source the user's name cannot carry (vb-export-qdpx.c). */
  xmlNode *dn = selection ? vb_xml_child (selection, "Description") : NULL;
  g_autofree char *desc = dn ? vb_xml_text (dn) : NULL;
  if (desc && g_str_has_prefix (desc, "[verba-source]\n"))
    return g_strdup (desc + strlen ("[verba-source]\n"));
  g_autofree char *guid = lower_attr (coding, "creatingUser");
  if (guid == NULL && selection)
    guid = lower_attr (selection, "creatingUser");
  const char *name = guid ? g_hash_table_lookup (rd->users, guid) : NULL;
  if (name == NULL)
    name = guid ? guid : "unknown";
  char *src = g_str_has_prefix (name, "rule:") || g_str_has_prefix (name, "coder:")
                ? g_strdup (name)
                : g_strconcat ("coder:", name, NULL);
  /* ';' separates codings in a stream, whose writer makes it ','
   * (vb_codings_format): made here, the codings read are those written. */
  return g_strdelimit (src, ";", ',');
}

static void
place (Reader *rd, VbDocument *doc, const xmlNode *coding, const xmlNode *selection,
       gint64 start, gint64 end)
{
  xmlNode *ref = vb_xml_child (coding, "CodeRef");
  g_autofree char *guid = ref ? lower_attr (ref, "targetGUID") : NULL;
  const char *code = guid ? g_hash_table_lookup (rd->codes, guid) : NULL;
  guint line = (guint) xmlGetLineNo ((xmlNode *) coding);
  rd->q->n_selections++;
  if (code == NULL)
    {
      rd->q->n_unplaced++;
      warn (rd, line, "a coding in source '%s' refers to no code of the codebook; left out",
            doc->id);
      return;
    }
  g_autofree char *prov = provenance (rd, coding, selection);
  gboolean placed = FALSE;
  for (guint s = 0; s < doc->segments->len; s++)
    {
      VbSegment *seg = doc->segments->pdata[s];
      gint64 a = MAX (start, (gint64) seg->start), b = MIN (end, (gint64) seg->end);
      if (a >= b)
        continue;
      vb_segment_add_coding (seg, code, (guint) (a - (gint64) seg->start),
                             (guint) (b - (gint64) seg->start), prov);
      rd->q->n_codings++;
      placed = TRUE;
    }
  if (!placed)
    {
      rd->q->n_unplaced++;
      warn (rd, line, "coding of '%s' at %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
            " in source '%s' covers no segment text (blank lines, labels or markers); left out",
            code, start, end, doc->id);
    }
}

/* ---- where a source's text is ---- */

typedef enum {
  AT_NOWHERE,  /* no path, or a scheme verba does not know */
  AT_ENTRY,    /* an entry of the archive */
  AT_OUTSIDE,  /* a file outside the archive */
} At;

/* What a plainTextPath or richTextPath names: internal://NAME as the
 * standard writes it, and a bare or relative NAME as qc and others write
 * it, are entries under sources/; file:// URIs and absolute paths are
 * files outside the archive (*target: the local file name, or NULL when
 * the URI gives none); other schemes name nothing verba can read. */
static At
locate (const char *path, char **target)
{
  *target = NULL;
  if (path == NULL || *path == '\0')
    return AT_NOWHERE;
  if (g_str_has_prefix (path, "internal://"))
    {
      *target = g_strconcat ("sources/", path + strlen ("internal://"), NULL);
      return AT_ENTRY;
    }
  if (g_ascii_strncasecmp (path, "file:", 5) == 0)
    {
      *target = g_filename_from_uri (path, NULL, NULL);
      return AT_OUTSIDE;
    }
  if (strstr (path, "://"))
    return AT_NOWHERE;
  if (g_path_is_absolute (path))
    {
      *target = g_strdup (path);
      return AT_OUTSIDE;
    }
  *target = g_strconcat ("sources/", path, NULL);
  return AT_ENTRY;
}

/* TRUE when file is root or under it once both are resolved (symbolic
 * links followed), so a link or ".." cannot lead out of root. */
static gboolean
is_under (const char *root, const char *file)
{
  g_autofree char *r = realpath (root, NULL);
  g_autofree char *f = realpath (file, NULL);
  if (r == NULL || f == NULL)
    return FALSE;
  gsize n = strlen (r);
  return strncmp (r, f, n) == 0 && (f[n] == '/' || f[n] == '\0' || (n == 1 && r[0] == '/'));
}

static gboolean
has_dotdot (const char *path)
{
  g_auto (GStrv) parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (strcmp (parts[i], "..") == 0)
      return TRUE;
  return FALSE;
}

/* The bytes a path attribute names.  NULL with no error: not read, and
 * *why says why (the caller reports it). */
static char *
read_path (Reader *rd, const char *name, const char *path, gsize *len, char **why,
           GError **error)
{
  g_autofree char *target = NULL;
  switch (locate (path, &target))
    {
    case AT_NOWHERE:
      *why = g_strdup_printf ("'%s' names nothing verba can read", path);
      return NULL;
    case AT_ENTRY:
      if (!vb_zip_has (rd->zip, target))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: source '%s': no entry '%s' in the "
                       "archive", rd->path, name, target);
          return NULL;
        }
      return vb_zip_read (rd->zip, target, len, error);
    case AT_OUTSIDE:
      break;
    }
  if (rd->outside_root == NULL)
    {
      *why = g_strdup_printf ("'%s' is a file outside the archive, not read (--allow-outside "
                              "DIR reads files under DIR)", path);
      return NULL;
    }
  if (target == NULL || has_dotdot (target) || !is_under (rd->outside_root, target))
    {
      *why = g_strdup_printf ("'%s' is not a file under '%s' (--allow-outside)", path,
                              rd->outside_root);
      return NULL;
    }
  g_autoptr (GError) ferr = NULL;
  g_autoptr (VbSource) vs = vb_source_load (target, &ferr);
  if (vs == NULL)
    {
      *why = g_strdup (ferr->message);
      return NULL;
    }
  *len = vs->len;
  return g_strndup (vs->data, vs->len);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* The plain text of a source: <PlainTextContent>, or the file its
 * plainTextPath names; when that is missing or blank (NVivo writes a
 * one-byte file and keeps the text in the rich text), the plain text
 * derived from the .docx or .odt its richTextPath names: one line a
 * paragraph (vb_office_plain_text), which is the text the standard has
 * tools derive, so positions count in it.  NULL with no error: none to
 * read, *why says why. */
static char *
source_text (Reader *rd, const xmlNode *src, const char *name, char **why, GError **error)
{
  xmlNode *content = vb_xml_child (src, "PlainTextContent");
  g_autofree char *text = NULL;
  if (content)
    text = vb_xml_text (content);
  g_autofree char *ptp = vb_xml_attr (src, "plainTextPath");
  if (text == NULL && ptp)
    {
      gsize len = 0;
      g_autofree char *data = read_path (rd, name, ptp, &len, why, error);
      if (data == NULL && error && *error)
        return NULL;
      if (data)
        {
          g_autofree char *where = g_strdup_printf ("%s:%s", rd->path, ptp);
          g_autoptr (VbSource) vs = vb_source_new (where, data, len, error);
          if (vs == NULL)
            return NULL;
          text = g_strdup (vs->data);
        }
    }
  if (text && !is_blank (text))
    return g_steal_pointer (&text);
  g_autofree char *rtp = vb_xml_attr (src, "richTextPath");
  const char *fmt = rtp && g_str_has_suffix (rtp, ".docx") ? "docx"
                    : rtp && g_str_has_suffix (rtp, ".odt") ? "odt" : NULL;
  if (fmt == NULL)
    {
      if (text == NULL && *why == NULL)
        *why = g_strdup_printf ("no plain text in the project (plainTextPath '%s')",
                                ptp ? ptp : "");
      return g_steal_pointer (&text);
    }
  gsize len = 0;
  g_autofree char *rwhy = NULL;
  g_autofree char *data = read_path (rd, name, rtp, &len, &rwhy, error);
  if (data == NULL)
    {
      if (error && *error)
        return NULL;
      g_free (*why);
      *why = g_steal_pointer (&rwhy);
      return g_steal_pointer (&text);
    }
  g_autofree char *where = g_strdup_printf ("%s:%s", rd->path, rtp);
  char *derived = NULL;
  if (!vb_office_plain_text (where, data, len, fmt, &derived, error))
    return NULL;
  if (!is_blank (derived))
    warn (rd, (guint) xmlGetLineNo ((xmlNode *) src), "text source '%s': plain text %s; read "
        "from its rich text '%s' (positions count in that text, one line a paragraph)", name,
        text ? "blank" : "missing", rtp);
  return derived;
}

/* The codings of a source that is not imported are counted as read and
 * left out, so the summary accounts for every one. */
static void
count_dropped (Reader *rd, const xmlNode *src)
{
  for (xmlNode *c = vb_xml_child (src, "Coding"); c; c = vb_xml_next (c, "Coding"))
    rd->q->n_selections++, rd->q->n_unplaced++;
  for (xmlNode *sel = vb_xml_child (src, "PlainTextSelection"); sel;
       sel = vb_xml_next (sel, "PlainTextSelection"))
    for (xmlNode *c = vb_xml_child (sel, "Coding"); c; c = vb_xml_next (c, "Coding"))
      rd->q->n_selections++, rd->q->n_unplaced++;
}

static char *
unique_doc_id (Reader *rd, const char *name, const char *guid)
{
  g_autofree char *base = g_strdup (name && *name ? name : guid ? guid : "source");
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  /* From the suffix after the last one this base got: linear in sources
   * of one name, as codes are (vb-codebook-qdc.c). */
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (rd->doc_next, base)) + 1;
  char *id = NULL;
  for (;; n++)
    {
      g_free (id);
      id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      if (!g_hash_table_contains (rd->doc_ids, id))
        break;
    }
  g_hash_table_insert (rd->doc_next, g_strdup (base), GUINT_TO_POINTER (n));
  g_hash_table_add (rd->doc_ids, g_strdup (id));
  return id;
}

/* A position is a whole number of characters: "4.5", "abc" or "1e3" read
 * by strtoll would have been 4, 0 and 1.  Absent, it stays -1 (the
 * selection is then left out with a warning). */
static gboolean
position (Reader *rd, xmlNode *sel, const char *attr, const char *value, gint64 *out,
          GError **error)
{
  if (value == NULL)
    return TRUE;
  guint64 n = 0;
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT64, &n, NULL))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%ld: %s '%s' is not a whole number of characters", rd->qde,
                   xmlGetLineNo (sel), attr, value);
      return FALSE;
    }
  *out = (gint64) n;
  return TRUE;
}

static gboolean
read_source (Reader *rd, xmlNode *src, GError **error)
{
  g_autofree char *name = vb_xml_attr (src, "name");
  g_autofree char *guid = lower_attr (src, "guid");
  guint line = (guint) xmlGetLineNo (src);
  if (name == NULL || *name == '\0')
    {
      /* qc writes sources without a name: the file's name stands in. */
      g_autofree char *ptp = vb_xml_attr (src, "plainTextPath");
      if (ptp && *ptp)
        {
          g_free (name);
          name = g_path_get_basename (ptp);
        }
    }
  if (!vb_xml_is (src, "TextSource"))
    {
      rd->q->n_unreadable++;
      warn (rd, line, "%s '%s' is not a text source; not imported", (const char *) src->name,
            name ? name : "");
      return TRUE;
    }
  g_autofree char *why = NULL;
  g_autofree char *text = source_text (rd, src, name ? name : "", &why, error);
  if (text == NULL)
    {
      if (error && *error)
        return FALSE;
      rd->q->n_unreadable++;
      warn (rd, line, "text source '%s': %s; not imported", name ? name : "", why);
      count_dropped (rd, src);
      return TRUE;
    }
  if (is_blank (text))
    warn (rd, line, "text source '%s' holds no text (blank plain text, no rich text or a blank "
          "one): no segments", name ? name : "");
  g_autofree char *id = unique_doc_id (rd, name, guid);
  g_autofree char *where = g_strdup_printf ("%s:%s", rd->path, name ? name : id);
  g_autoptr (VbDocument) doc = vb_document_new (id, where, "qdpx");
  VbAttrs *ca = guid ? g_hash_table_lookup (rd->case_attrs, guid) : NULL;
  if (ca)
    vb_attrs_merge (doc->attrs, ca);
  read_values (rd, src, doc->attrs);
  g_autoptr (GArray) origins = NULL;
  if (!verba_segments (rd, doc, src, text, &origins))
    segment_text (rd, doc, text);
  gint64 total = g_utf8_strlen (text, -1);
  for (xmlNode *c = vb_xml_child (src, "Coding"); c; c = vb_xml_next (c, "Coding"))
    place (rd, doc, c, NULL, 0, total);
  for (xmlNode *sel = vb_xml_child (src, "PlainTextSelection"); sel;
       sel = vb_xml_next (sel, "PlainTextSelection"))
    {
      g_autofree char *sp = vb_xml_attr (sel, "startPosition");
      g_autofree char *ep = vb_xml_attr (sel, "endPosition");
      gint64 start = -1, end = -1;
      if (!position (rd, sel, "startPosition", sp, &start, error)
          || !position (rd, sel, "endPosition", ep, &end, error))
        return FALSE;
      if (start < 0 || end < start || end > total)
        {
          for (xmlNode *c = vb_xml_child (sel, "Coding"); c; c = vb_xml_next (c, "Coding"))
            rd->q->n_selections++, rd->q->n_unplaced++;
          warn (rd, (guint) xmlGetLineNo (sel),
                "selection %s-%s of source '%s' is outside its %" G_GINT64_FORMAT
                " characters; left out", sp ? sp : "?", ep ? ep : "?", id, total);
          continue;
        }
      for (xmlNode *c = vb_xml_child (sel, "Coding"); c; c = vb_xml_next (c, "Coding"))
        place (rd, doc, c, sel, start, end);
    }
  restore_origins (doc, origins);
  rd->q->n_sources++;
  g_ptr_array_add (rd->q->documents, g_steal_pointer (&doc));
  return TRUE;
}

/* The project file: project.qde, or else the archive's only .qde
 * (ATLAS.ti names it after the project). */
static const char *
find_qde (const VbZip *zip, const char *path, GError **error)
{
  if (vb_zip_has (zip, "project.qde"))
    return "project.qde";
  const char *found = NULL;
  guint n = 0;
  for (guint i = 0; i < vb_zip_n_entries (zip); i++)
    {
      const char *e = vb_zip_entry_name (zip, i);
      if (g_str_has_suffix (e, ".qde") && strchr (e, '/') == NULL)
        found = n++ ? found : e;
    }
  if (n == 1)
    return found;
  if (n == 0)
    g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                 "%s: no project.qde in the archive (not a REFI-QDA project)", path);
  else
    g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                 "%s: no project.qde and %u other .qde files in the archive: which is the "
                 "project?", path, n);
  return NULL;
}

VbQdpx *
vb_qdpx_read (const char *path, const VbImportOptions *opts, GError **error)
{
  return vb_qdpx_read_full (path, opts, NULL, error);
}

VbQdpx *
vb_qdpx_read_full (const char *path, const VbImportOptions *opts, const char *outside_root,
                   GError **error)
{
  g_autoptr (VbZip) zip = vb_zip_open (path, error);
  if (zip == NULL)
    return NULL;
  const char *entry = find_qde (zip, path, error);
  if (entry == NULL)
    return NULL;
  gsize len = 0;
  g_autofree char *xml = vb_zip_read (zip, entry, &len, error);
  if (xml == NULL)
    return NULL;
  g_autofree char *qde = g_strdup_printf ("%s:%s", path, entry);
  g_autoptr (xmlDoc) doc = vb_xml_parse (qde, xml, len, error);
  if (doc == NULL)
    return NULL;
  xmlNode *root = xmlDocGetRootElement (doc);
  if (!vb_xml_is (root, "Project") || root->ns == NULL
      || strcmp ((const char *) root->ns->href, VB_QDPX_NS) != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%ld: not a REFI-QDA project (expected <Project xmlns=\"%s\">)", qde,
                   root ? xmlGetLineNo (root) : 1L, VB_QDPX_NS);
      return NULL;
    }
  g_autoptr (VbQdpx) q = g_new0 (VbQdpx, 1);
  q->documents = g_ptr_array_new_with_free_func ((GDestroyNotify) vb_document_free);
  Reader rd = {
    path, qde, opts, zip, outside_root,
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) vb_attrs_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
    q,
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
  };
  g_autofree char *pname = vb_xml_attr (root, "name");
  if (pname == NULL || *pname == '\0')
    {
      g_free (pname);
      pname = g_path_get_basename (path);
      char *dot = strrchr (pname, '.');
      if (dot && dot != pname)
        *dot = '\0';
    }
  xmlNode *cbn = vb_xml_child (root, "CodeBook");
  q->codebook = vb_refi_read_codebook (qde, cbn ? vb_xml_child (cbn, "Codes") : NULL,
                                       vb_xml_child (root, "Sets"), pname, rd.codes, error);
  gboolean ok = q->codebook != NULL;
  if (ok)
    {
      read_header (&rd, root);
      q->columns = verba_columns (root);
      xmlNode *sources = vb_xml_child (root, "Sources");
      for (xmlNode *s = sources ? sources->children : NULL; ok && s; s = s->next)
        if (s->type == XML_ELEMENT_NODE)
          ok = read_source (&rd, s, error);
    }
  g_hash_table_unref (rd.users);
  g_hash_table_unref (rd.variables);
  g_hash_table_unref (rd.codes);
  g_hash_table_unref (rd.case_attrs);
  g_hash_table_unref (rd.doc_ids);
  g_hash_table_unref (rd.doc_next);
  return ok ? g_steal_pointer (&q) : NULL;
}

static void
add_key (GPtrArray *keys, const char *key)
{
  if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_ptr_array_add (keys, g_strdup (key));
}

gboolean
vb_qdpx_write_stream (VbQdpx *q, const VbAttrs *global, FILE *fp, GError **error)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; q->columns && q->columns[k]; k++)
    add_key (keys, q->columns[k]);
  for (guint d = 0; d < q->documents->len; d++)
    {
      VbDocument *doc = q->documents->pdata[d];
      g_autoptr (VbAttrs) base = global ? vb_attrs_copy (global) : vb_attrs_new ();
      vb_attrs_merge (base, doc->attrs);
      for (guint s = 0; s < doc->segments->len; s++)
        {
          VbSegment *seg = doc->segments->pdata[s];
          g_autoptr (VbAttrs) merged = vb_attrs_copy (base);
          vb_attrs_merge (merged, seg->attrs);
          vb_attrs_free (seg->attrs);
          seg->attrs = g_steal_pointer (&merged);
          for (guint k = 0; k < vb_attrs_size (seg->attrs); k++)
            add_key (keys, vb_attrs_index (seg->attrs, k)->key);
        }
    }
  g_ptr_array_add (keys, NULL);
  g_autoptr (VbStreamWriter) w = vb_stream_writer_new (fp, (const char *const *) keys->pdata, TRUE,
                                                       q->codebook);
  for (guint d = 0; d < q->documents->len; d++)
    {
      VbDocument *doc = q->documents->pdata[d];
      for (guint s = 0; s < doc->segments->len; s++)
        if (!vb_stream_writer_write (w, doc->segments->pdata[s], error))
          return FALSE;
    }
  return TRUE;
}
