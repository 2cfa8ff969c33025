/* vb-dict-yaml.c: YAML dictionaries as quanteda writes them
 * (dictionary(file = "x.yml"), as.yaml): a mapping whose keys are
 * categories; a key's value is either a sequence of entries (a word, a
 * stem* or glob, a phrase) or a mapping of sub-categories, nested to any
 * depth; a single scalar is one entry.  libyaml parses the file (the YAML
 * 1.1 grammar, anchors and aliases resolved by its loader); this file only
 * walks the tree.  The tree is read whole: a dictionary file is small next
 * to VB_SOURCE_MAX_BYTES, which vb_source_load has already applied. */
#include "codebook/vb-dict.h"

#include <string.h>
#include <yaml.h>

/* Nesting deeper than this is not a dictionary (and would recurse without
 * end on a crafted file). */
#define VB_YAML_MAX_DEPTH 64

static const char *
scalar (yaml_node_t *n)
{
  return n && n->type == YAML_SCALAR_NODE ? (const char *) n->data.scalar.value : NULL;
}

static guint
line_of (yaml_node_t *n)
{
  return (guint) n->start_mark.line + 1;
}

static void
entry (VbDict *d, int cat, yaml_node_t *n)
{
  const char *s = scalar (n);
  if (s == NULL)
    {
      vb_dict_problem (d, line_of (n), "an entry must be a word, stem or phrase, not a %s",
                       n->type == YAML_MAPPING_NODE ? "mapping" : "list");
      return;
    }
  g_autofree char *text = g_strstrip (g_strdup (s));
  if (*text)
    vb_dict_add_entry (d, cat, text, line_of (n));
}

static void
categories (VbDict *d, yaml_document_t *doc, yaml_node_t *map, int parent, guint depth)
{
  if (depth > VB_YAML_MAX_DEPTH)
    {
      vb_dict_problem (d, line_of (map), "categories nested deeper than %u (VB_YAML_MAX_DEPTH)",
                       VB_YAML_MAX_DEPTH);
      return;
    }
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++)
    {
      yaml_node_t *key = yaml_document_get_node (doc, p->key);
      yaml_node_t *value = yaml_document_get_node (doc, p->value);
      const char *name = scalar (key);
      if (name == NULL || *g_strstrip ((char *) key->data.scalar.value) == '\0')
        {
          vb_dict_problem (d, line_of (key), "a category name must be a non-empty text");
          continue;
        }
      int cat = vb_dict_add_category (d, name, parent, line_of (key));
      if (value->type == YAML_MAPPING_NODE)
        categories (d, doc, value, cat, depth + 1);
      else if (value->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *i = value->data.sequence.items.start;
             i < value->data.sequence.items.top; i++)
          entry (d, cat, yaml_document_get_node (doc, *i));
      else
        entry (d, cat, value);
    }
}

void
vb_dict_read_yaml (VbDict *d, const VbSource *src)
{
  yaml_parser_t parser;
  yaml_document_t doc;
  if (!yaml_parser_initialize (&parser))
    {
      vb_dict_problem (d, 0, "out of memory starting the YAML parser");
      return;
    }
  yaml_parser_set_input_string (&parser, (const unsigned char *) src->data, src->len);
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);
  if (!yaml_parser_load (&parser, &doc))
    {
      /* libyaml counts lines and columns from 0. */
      const yaml_mark_t *m = parser.problem ? &parser.problem_mark : &parser.context_mark;
      vb_dict_problem_at (d, (guint) m->line + 1, (guint) m->column + 1, "%s%s%s",
                          parser.problem ? parser.problem : "not YAML",
                          parser.context ? " " : "", parser.context ? parser.context : "");
      yaml_parser_delete (&parser);
      return;
    }
  yaml_node_t *root = yaml_document_get_root_node (&doc);
  if (root == NULL)
    vb_dict_problem (d, 1, "empty file: expected a mapping of categories");
  else if (root->type != YAML_MAPPING_NODE)
    vb_dict_problem (d, line_of (root), "expected a mapping of categories (CATEGORY: [entries]), "
                     "not a %s", root->type == YAML_SEQUENCE_NODE ? "list" : "single value");
  else
    categories (d, &doc, root, -1, 1);
  yaml_document_delete (&doc);
  yaml_parser_delete (&parser);
}
