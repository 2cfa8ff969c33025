#include "vb-stream.h"
#include "vb-error.h"

#include <errno.h>
#include <string.h>

void
vb_field_escape (GString *out, const char *s)
{
  for (const char *p = s; *p; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *p);
      }
}

void
vb_codings_format (GString *out, const GArray *codings)
{
  for (guint i = 0; codings && i < codings->len; i++)
    {
      const VbCoding *c = &g_array_index (codings, VbCoding, i);
      if (i > 0)
        g_string_append_c (out, ';');
      g_string_append_printf (out, "%s@%u-%u/", c->code, c->start, c->end);
      /* ';' separates codings, so a source may not carry one. */
      for (const char *p = c->source ? c->source : ""; *p; p++)
        g_string_append_c (out, *p == ';' ? ',' : *p);
    }
}

static void
codes_format (GString *out, const GArray *codings)
{
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  for (guint i = 0; codings && i < codings->len; i++)
    {
      const char *code = g_array_index (codings, VbCoding, i).code;
      if (g_ptr_array_find_with_equal_func (seen, code, g_str_equal, NULL))
        continue;
      if (seen->len > 0)
        g_string_append_c (out, ';');
      g_string_append (out, code);
      g_ptr_array_add (seen, (gpointer) code);
    }
}

struct _VbStreamWriter {
  FILE    *fp;
  GStrv    attr_keys;
  gboolean coded;
  GString *line;
};

static void
write_code_list (GString *h, const VbCodebook *cb)
{
  g_string_append (h, "#verba-codebook\t");
  vb_field_escape (h, vb_codebook_id (cb));
  g_string_append_c (h, '\t');
  vb_field_escape (h, vb_codebook_title (cb) ? vb_codebook_title (cb) : "");
  g_string_append_c (h, '\n');
  for (guint i = 0; i < vb_codebook_n_codes (cb); i++)
    {
      const VbCode *c = vb_codebook_code (cb, i);
      g_string_append (h, "#verba-code\t");
      vb_field_escape (h, c->id);
      g_string_append (h, c->kind == VB_CODE_PRINCIPLE ? "\tprinciple\t" : "\ttheme\t");
      vb_field_escape (h, c->label);
      g_string_append_c (h, '\t');
      vb_field_escape (h, c->parent ? c->parent : "");
      g_string_append_c (h, '\t');
      g_autofree char *links = c->principles ? g_strjoinv (";", c->principles) : g_strdup ("");
      vb_field_escape (h, links);
      g_string_append_c (h, '\n');
    }
}

VbStreamWriter *
vb_stream_writer_new (FILE *fp, const char *const *attr_keys, gboolean coded,
                      const VbCodebook *codebook)
{
  VbStreamWriter *w = g_new0 (VbStreamWriter, 1);
  w->fp = fp;
  w->attr_keys = g_strdupv ((char **) attr_keys);
  if (w->attr_keys == NULL)
    w->attr_keys = g_new0 (char *, 1);
  w->coded = coded;
  w->line = g_string_sized_new (1024);

  GString *h = w->line;
  g_string_truncate (h, 0);
  if (coded && codebook)
    write_code_list (h, codebook);
  g_string_append (h, "document\tsegment\tspeaker\trole\tphase\tstart\tend");
  for (guint i = 0; w->attr_keys[i]; i++)
    {
      g_string_append_c (h, '\t');
      vb_field_escape (h, w->attr_keys[i]);
    }
  if (coded)
    g_string_append (h, "\tcodes\tcodings");
  g_string_append (h, "\ttext\n");
  fwrite (h->str, 1, h->len, fp);
  return w;
}

void
vb_stream_writer_free (VbStreamWriter *w)
{
  if (w == NULL)
    return;
  g_strfreev (w->attr_keys);
  g_string_free (w->line, TRUE);
  g_free (w);
}

void
vb_stream_writer_format (const VbStreamWriter *w, const VbSegment *seg, GString *l)
{
  vb_field_escape (l, seg->document);
  g_string_append_printf (l, "\t%u\t", seg->index);
  vb_field_escape (l, seg->speaker);
  g_string_append_printf (l, "\t%s\t%s\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                          vb_role_to_string (seg->role), vb_phase_to_string (seg->phase),
                          seg->start, seg->end);
  for (guint i = 0; w->attr_keys[i]; i++)
    {
      const char *v = vb_attrs_get (seg->attrs, w->attr_keys[i]);
      g_string_append_c (l, '\t');
      vb_field_escape (l, v ? v : "");
    }
  if (w->coded)
    {
      g_autoptr (GString) f = g_string_new (NULL);
      g_string_append_c (l, '\t');
      codes_format (f, seg->codings);
      vb_field_escape (l, f->str);
      g_string_truncate (f, 0);
      g_string_append_c (l, '\t');
      vb_codings_format (f, seg->codings);
      vb_field_escape (l, f->str);
    }
  g_string_append_c (l, '\t');
  vb_field_escape (l, seg->text);
  g_string_append_c (l, '\n');
}

gboolean
vb_stream_writer_write (VbStreamWriter *w, const VbSegment *seg, GError **error)
{
  GString *l = w->line;
  g_string_truncate (l, 0);
  vb_stream_writer_format (w, seg, l);
  if (fwrite (l->str, 1, l->len, w->fp) != l->len)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "cannot write output: %s",
                   g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}
