#include "stream/vb-stream.h"
#include "base/vb-error.h"
#include "base/vb-buf.h"
#include "base/vb-output.h"

#include <errno.h>
#include <string.h>

void
vb_field_escape (GString *out, const char *s)
{
  /* Runs of ordinary bytes are copied whole: most fields have nothing to
   * escape. */
  for (;;)
    {
      size_t n = strcspn (s, "\\\t\n\r");
      vb_buf_append_len (out, s, n);
      s += n;
      if (*s == '\0')
        return;
      g_string_append_c (out, '\\');
      g_string_append_c (out, *s == '\\' ? '\\' : *s == '\t' ? 't' : *s == '\n' ? 'n' : 'r');
      s++;
    }
}

/* Escapes out[from, len) in place (codes and sources seldom need it). */
static void
escape_tail (GString *out, gsize from)
{
  if (strcspn (out->str + from, "\\\t\n\r") == out->len - from)
    return;
  g_autofree char *raw = g_strdup (out->str + from);
  g_string_truncate (out, from);
  vb_field_escape (out, raw);
}

static void
append_uint (GString *out, guint v)
{
  char buf[16];
  vb_buf_append_len (out, buf, (gsize) (vb_put_uint (buf, v) - buf));
}

void
vb_codings_format (GString *out, const GArray *codings)
{
  /* Each coding is written straight into out, with room made first: a
   * coded stream has a coding for every match. */
  for (guint i = 0; codings && i < codings->len; i++)
    {
      const VbCoding *c = &g_array_index (codings, VbCoding, i);
      const char *src = c->source ? c->source : "";
      gsize nc = strlen (c->code), ns = strlen (src);
      gsize room = nc + ns + 24; /* ; @ - / and two numbers of 10 digits */
      gsize at = out->len;
      if (at + room >= out->allocated_len)
        g_string_set_size (out, at + room);
      char *p = out->str + at;
      if (i > 0)
        *p++ = ';';
      memcpy (p, c->code, nc);
      p += nc;
      *p++ = '@';
      p = vb_put_uint (p, c->start);
      *p++ = '-';
      p = vb_put_uint (p, c->end);
      *p++ = '/';
      memcpy (p, src, ns);
      /* ';' separates codings, so a source may not carry one. */
      for (char *q = memchr (p, ';', ns); q != NULL;
           q = memchr (q + 1, ';', (gsize) (p + ns - (q + 1))))
        *q = ',';
      p += ns;
      *p = '\0';
      out->len = (gsize) (p - out->str);
    }
}

/* A code written to the codes column, with what makes comparing it cheap. */
typedef struct {
  const char *code;
  gsize len;
  guint hash;
} SeenCode;

static void
codes_format (GString *out, const GArray *codings)
{
  /* The codes written so far: a segment has many codings but few distinct
   * codes, so looking among these is shorter than among the codings.  The
   * codings need not be in any order (a human coder's come first, in the
   * order they were read), so every earlier code is looked at; the hash
   * and length spare most string comparisons. */
  SeenCode seen[64];
  guint n_seen = 0;
  gboolean first = TRUE;
  const char *prev = NULL;
  for (guint i = 0; codings && i < codings->len; i++)
    {
      const char *code = g_array_index (codings, VbCoding, i).code;
      /* A code's codings usually follow each other. */
      if (prev != NULL && (prev == code || strcmp (prev, code) == 0))
        continue;
      prev = code;
      guint h = 5381;
      const char *e = code;
      for (; *e; e++)
        h = h * 33 + (guchar) *e;
      gsize len = (gsize) (e - code);
      if (n_seen < G_N_ELEMENTS (seen))
        {
          guint k = 0;
          while (k < n_seen
                 && (seen[k].hash != h || seen[k].len != len || memcmp (seen[k].code, code, len) != 0))
            k++;
          if (k < n_seen)
            continue;
          seen[n_seen++] = (SeenCode) { code, len, h };
        }
      else
        {
          guint k = 0;
          while (k + 1 < i && strcmp (g_array_index (codings, VbCoding, k).code, code) != 0)
            k++;
          if (k + 1 < i)
            continue;
        }
      if (!first)
        g_string_append_c (out, ';');
      vb_buf_append_len (out, code, len);
      first = FALSE;
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
  g_string_append_c (l, '\t');
  append_uint (l, seg->index);
  g_string_append_c (l, '\t');
  vb_field_escape (l, seg->speaker);
  g_string_append_c (l, '\t');
  const char *role = vb_role_to_string (seg->role);
  vb_buf_append_len (l, role, strlen (role));
  g_string_append_c (l, '\t');
  const char *phase = vb_phase_to_string (seg->phase);
  vb_buf_append_len (l, phase, strlen (phase));
  if (seg->start <= G_MAXUINT && seg->end <= G_MAXUINT)
    {
      g_string_append_c (l, '\t');
      append_uint (l, (guint) seg->start);
      g_string_append_c (l, '\t');
      append_uint (l, (guint) seg->end);
    }
  else
    g_string_append_printf (l, "\t%" G_GUINT64_FORMAT "\t%" G_GUINT64_FORMAT,
                            seg->start, seg->end);
  guint n_attrs = vb_attrs_size (seg->attrs);
  for (guint i = 0; w->attr_keys[i]; i++)
    {
      /* A segment read from a stream has its attributes in the column
       * order, which is usually the order written: look there first. */
      const VbAttr *a = i < n_attrs ? vb_attrs_index (seg->attrs, i) : NULL;
      const char *v = a != NULL && strcmp (a->key, w->attr_keys[i]) == 0
        ? a->value : vb_attrs_get (seg->attrs, w->attr_keys[i]);
      g_string_append_c (l, '\t');
      vb_field_escape (l, v ? v : "");
    }
  if (w->coded)
    {
      g_string_append_c (l, '\t');
      gsize from = l->len;
      codes_format (l, seg->codings);
      escape_tail (l, from);
      g_string_append_c (l, '\t');
      from = l->len;
      vb_codings_format (l, seg->codings);
      escape_tail (l, from);
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
      int e = errno;
      g_set_error (error, VB_ERROR, VB_ERROR_IO, "%s: cannot write: %s",
                   vb_output_name_for (w->fp), g_strerror (e));
      return FALSE;
    }
  return TRUE;
}
