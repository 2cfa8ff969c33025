#include "base/vb-xml.h"
#include "base/vb-error.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

/* Encoding errors (bytes that are not the declared encoding) are raised
 * without the parser context, so XML_PARSE_NOERROR does not silence them:
 * libxml2 would print them on stderr before our own one-line message, and
 * the context's last error is then a consequence ("Premature end of
 * data") rather than the cause.  Every error goes here; the first says
 * what is wrong. */
static void
keep_first_error (void *data, xmlErrorPtr e)
{
  xmlError *first = data;
  if (first->code == XML_ERR_OK && e != NULL && e->level >= XML_ERR_ERROR)
    xmlCopyError (e, first);
}

xmlDoc *
vb_xml_parse (const char *name, const char *data, gsize len, GError **error)
{
  if (len > G_MAXINT)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: too large for an XML document", name);
      return NULL;
    }
  xmlParserCtxt *ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: out of memory", name);
      return NULL;
    }
  xmlError first;
  memset (&first, 0, sizeof first);
  xmlSetStructuredErrorFunc (&first, keep_first_error);
  xmlDoc *doc = xmlCtxtReadMemory (ctxt, data, (int) len, name, NULL,
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL)
    {
      const xmlError *e = xmlCtxtGetLastError (ctxt);
      /* The place comes from the context when the first error has none
       * (an encoding error knows bytes, not lines). */
      const xmlError *what = first.code != XML_ERR_OK && first.message ? &first : e;
      const xmlError *where = first.code != XML_ERR_OK && first.line > 0 ? &first : e;
      g_autofree char *msg
          = g_strstrip (g_strdup (what && what->message ? what->message : "not well-formed XML"));
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s:%d:%d: %s", name,
                   where ? where->line : 0, where ? where->int2 : 0, msg);
      xmlResetError (&first);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlResetError (&first);
  xmlFreeParserCtxt (ctxt);
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      /* libxml2 keeps no line for the DTD node: find the declaration. */
      guint line = 1;
      const char *at = g_strstr_len (data, (gssize) len, "<!DOCTYPE");
      for (const char *p = data; at && p < at; p++)
        line += *p == '\n';
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u:1: document type declarations (DTDs, entities) are not accepted", name,
                   line);
      xmlFreeDoc (doc);
      return NULL;
    }
  return doc;
}

gboolean
vb_xml_is (const xmlNode *node, const char *local)
{
  return node && node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, local) == 0;
}

xmlNode *
vb_xml_next (const xmlNode *node, const char *local)
{
  for (xmlNode *n = node ? node->next : NULL; n; n = n->next)
    if (vb_xml_is (n, local))
      return n;
  return NULL;
}

xmlNode *
vb_xml_child (const xmlNode *node, const char *local)
{
  for (xmlNode *n = node ? node->children : NULL; n; n = n->next)
    if (vb_xml_is (n, local))
      return n;
  return NULL;
}

char *
vb_xml_attr (const xmlNode *node, const char *name)
{
  /* By local name: office formats qualify their attributes (text:c),
   * REFI-QDA does not; no DTD is ever loaded, so no defaults come in. */
  xmlChar *v = xmlGetProp (node, (const xmlChar *) name);
  if (v == NULL)
    return NULL;
  char *s = g_strdup ((const char *) v);
  xmlFree (v);
  return s;
}

static void
gather_text (const xmlNode *node, GString *out)
{
  for (const xmlNode *n = node->children; n; n = n->next)
    {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        g_string_append (out, (const char *) n->content);
      else if (n->type == XML_ELEMENT_NODE)
        gather_text (n, out);
    }
}

char *
vb_xml_text (const xmlNode *node)
{
  GString *out = g_string_new (NULL);
  if (node)
    gather_text (node, out);
  return g_string_free (out, FALSE);
}

/* ---- writing ---- */

struct _VbXmlOut {
  xmlBuffer       *buf;  /* NULL when writing to fd */
  xmlTextWriter   *w;
  int              fd;
  int              write_errno;  /* of the first failed write, or 0 */
};

static void
setup (VbXmlOut *o)
{
  xmlTextWriterSetIndent (o->w, 1);
  xmlTextWriterSetIndentString (o->w, (const xmlChar *) "  ");
  xmlTextWriterStartDocument (o->w, NULL, "UTF-8", NULL);
}

VbXmlOut *
vb_xml_out_new (void)
{
  VbXmlOut *o = g_new0 (VbXmlOut, 1);
  o->buf = xmlBufferCreate ();
  o->w = xmlNewTextWriterMemory (o->buf, 0);
  setup (o);
  return o;
}

static int
fd_write (void *ctx, const char *p, int n)
{
  VbXmlOut *o = ctx;
  for (int left = n; left > 0;)
    {
      ssize_t w = write (o->fd, p, (size_t) left);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        {
          if (o->write_errno == 0)
            o->write_errno = w < 0 ? errno : ENOSPC;
          return -1;
        }
      p += w;
      left -= (int) w;
    }
  return n;
}

VbXmlOut *
vb_xml_out_new_fd (int fd)
{
  VbXmlOut *o = g_new0 (VbXmlOut, 1);
  o->fd = fd;
  xmlOutputBuffer *out = xmlOutputBufferCreateIO (fd_write, NULL, o, NULL);
  o->w = xmlNewTextWriter (out);
  setup (o);
  return o;
}

gboolean
vb_xml_out_finish_fd (VbXmlOut *o, const char *what, GError **error)
{
  xmlTextWriterEndDocument (o->w);
  xmlTextWriterFlush (o->w);
  xmlFreeTextWriter (o->w);
  int e = o->write_errno;
  g_free (o);
  if (e != 0)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write %s: %s", g_get_tmp_dir (),
                   what, g_strerror (e));
      return FALSE;
    }
  return TRUE;
}

void
vb_xml_out_start (VbXmlOut *o, const char *element)
{
  xmlTextWriterStartElement (o->w, (const xmlChar *) element);
}

gboolean
vb_xml_char_ok (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
}

/* XML 1.0 cannot hold most C0 controls, not even as &#N;, and libxml2's
 * writer copies them out as they are, making a file no reader accepts: each
 * becomes U+FFFD, visible where the text is shown.  NULL: s is fine. */
static char *
xml_safe (const char *s)
{
  const char *p;
  for (p = s; *p; p = g_utf8_next_char (p))
    if (!vb_xml_char_ok (g_utf8_get_char (p)))
      break;
  if (*p == '\0')
    return NULL;
  GString *out = g_string_new_len (s, p - s);
  for (; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (vb_xml_char_ok (c))
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      else
        g_string_append (out, "\xEF\xBF\xBD");
    }
  return g_string_free (out, FALSE);
}

void
vb_xml_out_attr (VbXmlOut *o, const char *name, const char *value)
{
  if (value == NULL)
    return;
  g_autofree char *safe = xml_safe (value);
  xmlTextWriterWriteAttribute (o->w, (const xmlChar *) name,
                               (const xmlChar *) (safe ? safe : value));
}

void
vb_xml_out_text_element (VbXmlOut *o, const char *element, const char *text)
{
  if (text == NULL)
    return;
  g_autofree char *safe = xml_safe (text);
  xmlTextWriterWriteElement (o->w, (const xmlChar *) element, (const xmlChar *) (safe ? safe : text));
}

void
vb_xml_out_text (VbXmlOut *o, const char *text)
{
  g_autofree char *safe = xml_safe (text);
  xmlTextWriterWriteString (o->w, (const xmlChar *) (safe ? safe : text));
}

void
vb_xml_out_end (VbXmlOut *o)
{
  xmlTextWriterEndElement (o->w);
}

GString *
vb_xml_out_finish (VbXmlOut *o)
{
  xmlTextWriterEndDocument (o->w);
  xmlFreeTextWriter (o->w);
  GString *s = g_string_new_len ((const char *) xmlBufferContent (o->buf), xmlBufferLength (o->buf));
  xmlBufferFree (o->buf);
  g_free (o);
  return s;
}
