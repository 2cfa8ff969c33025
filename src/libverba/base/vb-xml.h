/* vb-xml.h: parsing XML from memory with libxml2 safely, and small helpers
 * to walk the tree.
 *
 * Parsing never touches the network (XML_PARSE_NONET), never loads an
 * external DTD or its default attributes, never substitutes entities
 * (no XML_PARSE_NOENT) and keeps libxml2's size limits (no
 * XML_PARSE_HUGE).  A document that declares a DTD is refused outright:
 * none of the formats verba reads needs one, and refusing it stops
 * external-entity (XXE) and entity-expansion ("billion laughs") attacks
 * before anything is expanded.  Errors read "NAME:LINE:COLUMN: message". */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

xmlDoc  *vb_xml_parse (const char *name, const char *data, gsize len, GError **error);

/* TRUE if node is an element with this local name (any namespace). */
gboolean vb_xml_is (const xmlNode *node, const char *local);
/* First child element with this local name, or NULL. */
xmlNode *vb_xml_child (const xmlNode *node, const char *local);
/* Next sibling element (after node) with this local name, or NULL. */
xmlNode *vb_xml_next (const xmlNode *node, const char *local);
/* An attribute's value by its local name (any namespace), or NULL.
 * g_free it. */
char    *vb_xml_attr (const xmlNode *node, const char *name);
/* The text of node and its descendants, entity references left out. */
char    *vb_xml_text (const xmlNode *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* Writing: libxml2's text writer into memory or a file, indented, UTF-8. */
/* Whether XML 1.0 can hold the character; the writer puts U+FFFD for one
 * it cannot (a C0 control other than tab, line feed, carriage return). */
gboolean  vb_xml_char_ok (gunichar c);

typedef struct _VbXmlOut VbXmlOut;
VbXmlOut *vb_xml_out_new (void);
void      vb_xml_out_start (VbXmlOut *o, const char *element);
void      vb_xml_out_attr (VbXmlOut *o, const char *name, const char *value);
void      vb_xml_out_text_element (VbXmlOut *o, const char *element, const char *text);
/* Text inside the element started last, in as many pieces as wanted
 * (each whole characters): the same bytes as the text in one piece. */
void      vb_xml_out_text (VbXmlOut *o, const char *text);
void      vb_xml_out_end (VbXmlOut *o);
/* Ends the document and returns its bytes; frees o. */
GString  *vb_xml_out_finish (VbXmlOut *o);
/* The same document written to fd as it is made (the writer buffers a
 * few KiB): memory does not grow with it.  fd is not closed. */
VbXmlOut *vb_xml_out_new_fd (int fd);
/* Ends the document and flushes it; FALSE (*error names what) if any
 * write failed.  Frees o. */
gboolean  vb_xml_out_finish_fd (VbXmlOut *o, const char *what, GError **error);

G_END_DECLS
