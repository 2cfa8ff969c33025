/* vb-dict-yoshikoder.c: Yoshikoder .ykd dictionaries: XML, a
 * <dictionary> of nested <cnode name="…"> categories holding
 * <pnode name="…"/> patterns (a word, stem* or phrase).  libxml2 reads the
 * file in the encoding its declaration names, without the network,
 * without loading a DTD and without substituting entities; a file with a
 * document type declaration is refused, as vb-xml.c refuses one. */
#include "codebook/vb-dict.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

static void
walk (VbDict *d, xmlNode *node, int parent)
{
  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      guint line = (guint) xmlGetLineNo (n);
      const char *tag = (const char *) n->name;
      gboolean cnode = strcmp (tag, "cnode") == 0, pnode = strcmp (tag, "pnode") == 0;
      if (!cnode && !pnode)
        {
          vb_dict_problem (d, line, "unexpected element <%s> (expected <cnode> or <pnode>)", tag);
          continue;
        }
      xmlChar *name = xmlGetProp (n, (const xmlChar *) "name");
      g_autofree char *s = g_strstrip (g_strdup (name ? (const char *) name : ""));
      xmlFree (name);
      if (*s == '\0')
        {
          vb_dict_problem (d, line, "<%s> without a name", tag);
          continue;
        }
      if (cnode)
        walk (d, n, vb_dict_add_category (d, s, parent, line));
      else if (parent < 0)
        vb_dict_problem (d, line, "<pnode name=\"%s\"> outside any <cnode>", s);
      else
        vb_dict_add_entry (d, parent, s, line);
    }
}

/* libxml2 reports every error it meets; the first one says what is wrong. */
static void
keep_first_error (void *data, xmlErrorPtr e)
{
  xmlError *first = data;
  if (first->code == XML_ERR_OK && e != NULL && e->level >= XML_ERR_ERROR)
    xmlCopyError (e, first);
}

void
vb_dict_read_yoshikoder (VbDict *d)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GError) err = NULL;
  if (!g_file_get_contents (d->path, &data, &len, &err))
    {
      vb_dict_problem (d, 0, "%s", err->message);
      return;
    }
  xmlError first;
  memset (&first, 0, sizeof first);
  xmlSetStructuredErrorFunc (&first, keep_first_error);
  xmlDoc *doc = xmlReadMemory (data, (int) MIN (len, G_MAXINT), d->path, NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL || first.code != XML_ERR_OK)
    {
      g_autofree char *msg = g_strstrip (g_strdup (first.message ? first.message : "not XML"));
      vb_dict_problem (d, (guint) first.line, "%s", msg);
      xmlResetError (&first);
      if (doc)
        xmlFreeDoc (doc);
      return;
    }
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      /* As everywhere else (vb-xml.c): entities the file defines are
       * never used. */
      guint line = 1;
      const char *at = g_strstr_len (data, (gssize) len, "<!DOCTYPE");
      for (const char *p = data; at && p < at; p++)
        line += *p == '\n';
      vb_dict_problem (d, line, "document type declarations (DTDs, entities) are not accepted");
      xmlFreeDoc (doc);
      return;
    }
  xmlNode *root = xmlDocGetRootElement (doc);
  if (root == NULL || strcmp ((const char *) root->name, "dictionary") != 0)
    vb_dict_problem (d, root ? (guint) xmlGetLineNo (root) : 0,
                     "the root element is not <dictionary>");
  else
    walk (d, root, -1);
  xmlFreeDoc (doc);
}
