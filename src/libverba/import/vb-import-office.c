/* vb-import-office.c: the text of word-processor documents (.docx, .odt)
 * for the transcript importer.
 *
 * The text is one line a paragraph, in document order (table cells and
 * list items included, each of their paragraphs a line; a heading, <text:h>
 * or a .docx paragraph styled "Heading N" or "Title", as a Markdown
 * heading "# text", which the transcript importer keeps as the "section"
 * attribute): .docx takes the
 * <w:p> elements of word/document.xml with the text of their <w:t> runs
 * and of equations' <m:t>, <w:tab/> as a tab, <w:br/>/<w:cr/> as a new
 * line and <w:noBreakHyphen/> as '-' (deleted text, <w:del>, and the old
 * place of a move, <w:moveFrom>, and a table of contents are not read; of
 * <mc:AlternateContent>, which gives a text box twice, only the first
 * <mc:Choice>); .odt takes
 * the <text:p> and <text:h> elements of content.xml, with
 * <text:s text:c="N"/> as N spaces, <text:tab/> as a tab and
 * <text:line-break/> as a new line, leaving out annotations, tracked
 * changes (their deletions are not the text) and tables of contents
 * (their entries repeat the headings).  Footnotes and endnotes of both are
 * not read but counted, so the importer can report the drop.  A table row
 * of two cells, a short speaker cell and the words, is one turn
 * "SPEAKER: words" (two_column_turn), as transcripts are laid out in Word.
 * The transcript importer then reads these lines
 * as it reads a .txt transcript, so speaker labels, the header block and
 * phase markers work the same, and offsets and line numbers count in this
 * text (a line is a paragraph).
 *
 * Document properties become attributes under the names of their
 * elements, normalised as attribute keys are: docProps/core.xml (title,
 * creator, subject, description, keywords, created, modified,
 * lastmodifiedby, …) and meta.xml (title, initial-creator, creation-date,
 * date, …, and each user-defined property under its own name).  A header
 * block in the text wins over them.  XML is read through vb-xml (no
 * network, no DTD, no entity expansion), the archive through vb-zip. */
#include "import/vb-import-office.h"
#include "import/vb-speaker.h"
#include "base/vb-error.h"
#include "base/vb-xml.h"
#include "base/vb-zip.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  gboolean odt;
  gboolean plain;  /* headings unmarked: the text as it stands (REFI-QDA) */
  GString *out;
  guint    lines;      /* paragraphs written so far */
  guint    notes;      /* footnotes and endnotes left out */
  guint    note_line;  /* the line of the first one */
} Walk;

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define MATH_NS "http://schemas.openxmlformats.org/officeDocument/2006/math"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

static gboolean
in_ns (const xmlNode *n, const char *ns)
{
  return n->ns && n->ns->href && strcmp ((const char *) n->ns->href, ns) == 0;
}

/* A note's call in the text: the note itself is not read (it is the
 * writer's aside, not speech), only counted, so the drop is reported. */
static void
note_seen (Walk *w)
{
  if (w->notes++ == 0)
    w->note_line = w->lines + 1;
}

/* A .docx table of contents: a content control of the "Table of
 * Contents" gallery, or paragraphs styled TOC1...TOC9 (and its heading,
 * "TOCHeading"), as Word writes it; its entries repeat the headings. */
static gboolean
docx_toc (const xmlNode *n)
{
  if (vb_xml_is (n, "sdt"))
    {
      xmlNode *gallery = vb_xml_child (vb_xml_child (vb_xml_child (n, "sdtPr"), "docPartObj"),
                                       "docPartGallery");
      g_autofree char *val = gallery ? vb_xml_attr (gallery, "val") : NULL;
      return val && g_ascii_strcasecmp (val, "Table of Contents") == 0;
    }
  if (!vb_xml_is (n, "p"))
    return FALSE;
  xmlNode *style = vb_xml_child (vb_xml_child (n, "pPr"), "pStyle");
  g_autofree char *val = style ? vb_xml_attr (style, "val") : NULL;
  return val && g_ascii_strncasecmp (val, "TOC", 3) == 0
         && (g_ascii_isdigit (val[3]) || g_ascii_strcasecmp (val + 3, "Heading") == 0);
}

/* odt indexes a word processor generates from the text itself. */
static const char *const odt_indexes[] = {
  "table-of-content", "alphabetical-index", "illustration-index", "table-index",
  "object-index", "user-index", NULL
};

/* Elements whose content is not the document's current text: tracked
 * deletions and the old place of a tracked move (docx), tracked-change
 * records and tables of contents and other indexes (odt, generated from
 * the headings and the text, which are read where they stand). */
static gboolean
skipped (const Walk *w, const xmlNode *n)
{
  if (w->odt)
    return vb_xml_is (n, "annotation") || vb_xml_is (n, "annotation-end")
           || (in_ns (n, TEXT_NS)
               && (vb_xml_is (n, "tracked-changes")
                   || g_strv_contains (odt_indexes, (const char *) n->name)));
  return vb_xml_is (n, "delText") || vb_xml_is (n, "instrText") || vb_xml_is (n, "moveFrom")
         || vb_xml_is (n, "del") || docx_toc (n);
}

/* mc:AlternateContent holds one content several ways (a text box as a
 * DrawingML shape in mc:Choice and as VML in mc:Fallback): only the first
 * choice is read, so a text box counts once. */
static const xmlNode *
alternate_choice (const xmlNode *n)
{
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && vb_xml_is (c, "Choice"))
      return c;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && vb_xml_is (c, "Fallback"))
      return c;
  return NULL;
}

/* Drawings have paragraphs of their own (a:p): only the word processor's
 * count. */
static gboolean
is_para (const Walk *w, const xmlNode *n)
{
  if (n->ns == NULL || strcmp ((const char *) n->ns->href, w->odt ? TEXT_NS : W_NS) != 0)
    return FALSE;
  return w->odt ? (vb_xml_is (n, "p") || vb_xml_is (n, "h")) : vb_xml_is (n, "p");
}

/* odt: <text:h>; docx: a paragraph styled "Heading…" or "Title". */
static gboolean
is_heading (const Walk *w, const xmlNode *p)
{
  if (w->odt)
    return vb_xml_is (p, "h");
  xmlNode *style = vb_xml_child (vb_xml_child (p, "pPr"), "pStyle");
  g_autofree char *val = style ? vb_xml_attr (style, "val") : NULL;
  return val && (g_ascii_strncasecmp (val, "heading", 7) == 0 || g_ascii_strcasecmp (val, "title") == 0);
}

/* The text of one paragraph; paragraphs nested in it (text boxes, notes)
 * are left to walk(). */
static void
para_text (Walk *w, const xmlNode *p, GString *out)
{
  for (const xmlNode *n = p->children; n; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          /* docx keeps text only in <w:t> (and math in <m:t>); odt in the
           * paragraph itself. */
          if (w->odt || (vb_xml_is (p, "t") && (in_ns (p, W_NS) || in_ns (p, MATH_NS))))
            g_string_append (out, (const char *) n->content);
          continue;
        }
      if (n->type != XML_ELEMENT_NODE || is_para (w, n) || skipped (w, n))
        continue;
      if (w->odt)
        {
          if (vb_xml_is (n, "note"))
            {
              note_seen (w);
              continue;
            }
          if (vb_xml_is (n, "tab"))
            g_string_append_c (out, '\t');
          else if (vb_xml_is (n, "line-break"))
            g_string_append_c (out, '\n');
          else if (vb_xml_is (n, "s"))
            {
              g_autofree char *c = vb_xml_attr (n, "c");
              gint64 k = c ? g_ascii_strtoll (c, NULL, 10) : 1;
              for (gint64 i = 0; i < CLAMP (k, 1, 1000); i++)
                g_string_append_c (out, ' ');
            }
          else
            para_text (w, n, out);
        }
      else
        {
          /* Drawings and text boxes: their own paragraphs are read by walk(). */
          if (vb_xml_is (n, "drawing") || vb_xml_is (n, "pict") || vb_xml_is (n, "AlternateContent"))
            continue;
          if (vb_xml_is (n, "footnoteReference") || vb_xml_is (n, "endnoteReference"))
            note_seen (w);
          else if (vb_xml_is (n, "tab"))
            g_string_append_c (out, '\t');
          else if (vb_xml_is (n, "noBreakHyphen"))
            g_string_append_c (out, '-');
          else if (vb_xml_is (n, "br") || vb_xml_is (n, "cr"))
            g_string_append_c (out, '\n');
          else
            para_text (w, n, out);
        }
    }
}

static void walk (Walk *w, const xmlNode *node);

#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"

static gboolean
is_elem (const xmlNode *n, const char *ns, const char *name)
{
  return n->type == XML_ELEMENT_NODE && in_ns (n, ns) && vb_xml_is (n, name);
}

/* A header row of a two-column transcript table ("Speaker | Text"). */
static gboolean
is_header_row (const char *who, const char *what)
{
  static const char *const whos[] = { "speaker", "name", "participant", "who", NULL };
  static const char *const whats[] = { "text", "transcript", "words", "content", "utterance",
                                       "dialogue", "what was said", NULL };
  return g_strv_contains (whos, who) && g_strv_contains (whats, what);
}

/* A table row of two cells, the speaker and the words (as transcription
 * services and researchers lay transcripts out in Word), is written as
 * "SPEAKER: words", so the transcript importer reads the turn; the
 * words' further paragraphs follow as lines of the same turn, and a row
 * with an empty speaker cell continues the last one.  FALSE for any
 * other row (its cells are read paragraph by paragraph). */
static gboolean
two_column_turn (Walk *w, const xmlNode *row, gboolean first_row)
{
  const char *ns = w->odt ? TABLE_NS : W_NS;
  const char *cell = w->odt ? "table-cell" : "tc";
  const xmlNode *cells[3] = { NULL, NULL, NULL };
  guint n = 0;
  for (const xmlNode *c = row->children; c; c = c->next)
    if (is_elem (c, ns, cell))
      {
        if (n == 2)
          return FALSE;
        cells[n++] = c;
      }
  if (n != 2)
    return FALSE;
  Walk sub = { .odt = w->odt, .plain = TRUE, .out = g_string_new (NULL) };
  walk (&sub, cells[0]);
  g_autofree char *who = g_string_free (sub.out, FALSE);
  g_strstrip (who);
  if (strchr (who, '\n') || strchr (who, ':') || g_utf8_strlen (who, -1) > 80)
    return FALSE;
  sub.out = g_string_new (NULL);
  walk (&sub, cells[1]);
  g_autofree char *what = g_string_free (sub.out, FALSE);
  g_strstrip (what);
  g_autofree char *fwho = g_utf8_casefold (who, -1), *fwhat = g_utf8_casefold (what, -1);
  if (first_row && is_header_row (fwho, fwhat))
    return TRUE;
  if (*who)
    {
      /* Only a cell the transcript importer will take for a speaker: a
       * table of other pairs is read cell by cell, not given colons that
       * were never in the text. */
      g_autofree char *turn = g_strdup_printf ("%s: x", who);
      VbLabel label;
      gboolean speaker = vb_label_parse (turn, strlen (turn), &label) && label.namelike
                         && label.label && strcmp (label.label, who) == 0;
      vb_label_clear (&label);
      if (!speaker)
        return FALSE;
    }
  if (sub.notes && w->notes == 0)
    w->note_line = w->lines + 1;
  w->notes += sub.notes;
  if (*who)
    g_string_append_printf (w->out, "%s: ", who);
  g_string_append (w->out, what);
  g_string_append_c (w->out, '\n');
  w->lines++;
  for (const char *c = what; (c = strchr (c, '\n')) != NULL; c++)
    w->lines++;
  return TRUE;
}

static void
walk (Walk *w, const xmlNode *node)
{
  for (const xmlNode *n = node->children; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE || skipped (w, n))
        continue;
      if (w->odt && vb_xml_is (n, "note"))
        continue; /* counted where para_text met it */
      if (!w->odt && in_ns (n, MC_NS) && vb_xml_is (n, "AlternateContent"))
        {
          const xmlNode *choice = alternate_choice (n);
          if (choice)
            walk (w, choice);
          continue;
        }
      if (!w->plain && is_elem (n, w->odt ? TABLE_NS : W_NS, w->odt ? "table-row" : "tr")
          && two_column_turn (w, n, n->prev == NULL || !is_elem (n->prev, w->odt ? TABLE_NS : W_NS,
                                                                 w->odt ? "table-row" : "tr")))
        continue;
      if (is_para (w, n))
        {
          g_autoptr (GString) line = g_string_new (NULL);
          if (!w->plain && is_heading (w, n))
            g_string_append (line, "# ");
          para_text (w, n, line);
          g_string_append (w->out, line->str);
          g_string_append_c (w->out, '\n');
          w->lines++;
          for (const char *c = line->str; (c = strchr (c, '\n')) != NULL; c++)
            w->lines++;
        }
      walk (w, n);
    }
}

static void
read_props (const xmlNode *parent, VbAttrs *props)
{
  for (const xmlNode *n = parent ? parent->children : NULL; n; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      g_autofree char *name = NULL;
      if (vb_xml_is (n, "user-defined"))
        name = vb_xml_attr (n, "name");
      else
        name = g_strdup ((const char *) n->name);
      g_autofree char *text = vb_xml_text (n);
      g_strstrip (text);
      g_autofree char *key = name ? vb_attr_key_normalize (name) : NULL;
      if (key && *key && *text)
        {
          if (vb_attr_key_is_reserved (key))
            {
              char *k2 = g_strconcat (key, "_", NULL);
              g_free (key);
              key = k2;
            }
          vb_attrs_set (props, key, text, 0);
        }
    }
}

static xmlDoc *
load (VbZip *zip, const char *path, const char *entry, gboolean required, GError **error)
{
  if (!vb_zip_has (zip, entry))
    {
      if (required)
        g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: no %s in the archive (is it a %s file?)",
                     path, entry, g_str_has_prefix (entry, "word/") ? ".docx" : ".odt");
      return NULL;
    }
  gsize len = 0;
  g_autofree char *data = vb_zip_read (zip, entry, &len, error);
  if (data == NULL)
    return NULL;
  g_autofree char *name = g_strdup_printf ("%s:%s", path, entry);
  return vb_xml_parse (name, data, len, error);
}

static gboolean
extract (VbZip *zip, const char *path, const char *format, gboolean plain, char **text,
         VbAttrs *props, guint *notes, guint *note_line, GError **error)
{
  gboolean odt = strcmp (format, "odt") == 0;
  g_autoptr (xmlDoc) body = load (zip, path, odt ? "content.xml" : "word/document.xml", TRUE, error);
  if (body == NULL)
    return FALSE;
  g_autoptr (GError) perr = NULL;
  g_autoptr (xmlDoc) meta = load (zip, path, odt ? "meta.xml" : "docProps/core.xml", FALSE, &perr);
  if (perr)
    {
      g_propagate_error (error, g_steal_pointer (&perr));
      return FALSE;
    }
  if (meta)
    {
      xmlNode *root = xmlDocGetRootElement (meta);
      read_props (odt ? vb_xml_child (root, "meta") : root, props);
    }
  Walk w = { odt, plain, g_string_new (NULL), 0, 0, 0 };
  xmlNode *root = xmlDocGetRootElement (body);
  xmlNode *start = odt ? vb_xml_child (vb_xml_child (root, "body"), "text") : vb_xml_child (root, "body");
  if (start)
    walk (&w, start);
  *text = g_string_free (w.out, FALSE);
  if (notes)
    *notes = w.notes;
  if (note_line)
    *note_line = w.note_line;
  return TRUE;
}

gboolean
vb_office_extract (const char *path, const char *format, char **text, VbAttrs *props,
                   guint *notes, guint *note_line, GError **error)
{
  g_autoptr (VbZip) zip = vb_zip_open (path, error);
  return zip != NULL && extract (zip, path, format, FALSE, text, props, notes, note_line, error);
}

gboolean
vb_office_plain_text (const char *name, const char *data, gsize len, const char *format,
                      char **text, GError **error)
{
  g_autoptr (VbZip) zip = vb_zip_open_buffer (name, data, len, error);
  g_autoptr (VbAttrs) props = vb_attrs_new ();
  return zip != NULL && extract (zip, name, format, TRUE, text, props, NULL, NULL, error);
}
