/* vb-dict-liwc.c: LIWC dictionaries.
 *
 * .dic: a '%' line, the category list (NUMBER<TAB>NAME, a leading tab per
 * level of nesting in LIWC2015's hierarchical files), a '%' line, then one
 * entry a line: the entry (a word, stem* or a phrase with spaces), a tab,
 * and the numbers of its categories separated by tabs or spaces.
 * .dicx (LIWC-22): CSV with a header DicTerm,CATEGORY,… and an X in the
 * columns of each entry's categories. */
#include "codebook/vb-dict.h"

#include "base/vb-csv-records.h"

#include <csv.h>
#include <string.h>

static gboolean
is_percent (const VbLine *l)
{
  g_autofree char *s = vb_line_strip (l);
  return strcmp (s, "%") == 0;
}

/* Category numbers are small (LIWC's run to a few hundred); one past
 * VB_DICT_MAX_CATEGORY would have saturated or wrapped. */
#define VB_DICT_MAX_CATEGORY G_MAXUINT32

static gboolean
category_number (const char *s, guint64 *out)
{
  return g_ascii_string_to_unsigned (s, 10, 0, VB_DICT_MAX_CATEGORY, out, NULL);
}

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

static void
legend_line (VbDict *d, const VbLine *l, GHashTable *by_number, GArray *stack)
{
  guint tabs;
  gboolean spaces;
  gsize ind = vb_dict_indent (l->text, l->len, &tabs, &spaces);
  g_autofree char *body = g_strndup (l->text + ind, l->len - ind);
  g_strchomp (body);
  /* Number and name are separated by a tab; some files use spaces. */
  gsize n = strcspn (body, "\t ");
  g_autofree char *num = g_strndup (body, n);
  g_auto (GStrv) rest = g_strsplit (body + n + strspn (body + n, "\t "), "\t", 2);
  const char *name = rest[0] ? g_strstrip (rest[0]) : "";
  if (!all_digits (num) || *name == '\0')
    {
      vb_dict_problem (d, l->number,
                       "expected a category as NUMBER<TAB>NAME (or '%%' to end the list), found '%s'",
                       body);
      return;
    }
  guint64 key = 0;
  if (!category_number (num, &key))
    {
      vb_dict_problem_at (d, l->number, (guint) ind + 1,
                          "category number %s is larger than %u (VB_DICT_MAX_CATEGORY; see SECURITY.md)", num, VB_DICT_MAX_CATEGORY);
      return;
    }
  if (g_hash_table_contains (by_number, GSIZE_TO_POINTER ((gsize) key + 1)))
    {
      vb_dict_problem (d, l->number, "category number %s is given twice", num);
      return;
    }
  if (tabs > stack->len)
    {
      vb_dict_problem (d, l->number, "category '%s' is indented deeper than the one before", name);
      return;
    }
  g_array_set_size (stack, tabs);
  int parent = tabs ? g_array_index (stack, int, tabs - 1) : -1;
  int cat = vb_dict_add_category (d, name, parent, l->number);
  g_array_append_val (stack, cat);
  g_hash_table_insert (by_number, GSIZE_TO_POINTER ((gsize) key + 1), GINT_TO_POINTER (cat + 1));
}

static void
entry_line (VbDict *d, const VbLine *l, GHashTable *by_number)
{
  g_autofree char *s = vb_line_strip (l);
  g_autofree char *entry = NULL;
  g_autoptr (GPtrArray) cats = g_ptr_array_new_with_free_func (g_free);
  const char *tab = strchr (s, '\t');
  if (tab)
    {
      entry = g_strstrip (g_strndup (s, tab - s));
      g_auto (GStrv) f = g_strsplit_set (tab + 1, "\t ", -1);
      for (guint i = 0; f[i]; i++)
        if (*f[i])
          g_ptr_array_add (cats, g_strdup (f[i]));
    }
  else
    {
      /* Without a tab, the trailing numbers are the categories. */
      g_auto (GStrv) f = g_strsplit_set (s, " ", -1);
      guint n = g_strv_length (f), first = n;
      while (first > 1 && (all_digits (f[first - 1]) || *f[first - 1] == '\0'))
        first--;
      for (guint i = first; i < n; i++)
        if (*f[i])
          g_ptr_array_add (cats, g_strdup (f[i]));
      GString *e = g_string_new (NULL);
      for (guint i = 0; i < first; i++)
        if (*f[i])
          g_string_append_printf (e, "%s%s", e->len ? " " : "", f[i]);
      entry = g_string_free (e, FALSE);
    }
  if (strstr (s, "<of>") != NULL || strchr (s, '(') != NULL)
    {
      vb_dict_problem (d, l->number,
                       "entry '%s': conditional categories ('(…)N/M', '<of>') are not supported",
                       entry);
      return;
    }
  if (cats->len == 0)
    {
      vb_dict_problem (d, l->number, "entry '%s' has no category number", entry);
      return;
    }
  for (guint i = 0; i < cats->len; i++)
    {
      const char *c = cats->pdata[i];
      if (!all_digits (c))
        {
          vb_dict_problem (d, l->number, "entry '%s': '%s' is not a category number", entry, c);
          continue;
        }
      guint64 key = 0;
      if (!category_number (c, &key))
        {
          /* The column: the number's place in the line (searched from the
           * tab, or from the end when the numbers trail the entry). */
          g_autofree char *whole = g_strndup (l->text, l->len);
          const char *t = strchr (whole, '\t');
          const char *at = t ? strstr (t, c) : g_strrstr (whole, c);
          vb_dict_problem_at (d, l->number, at ? (guint) g_utf8_strlen (whole, at - whole) + 1 : 0,
                              "entry '%s': category number %s is larger than %u (VB_DICT_MAX_CATEGORY; see SECURITY.md)", entry, c,
                              VB_DICT_MAX_CATEGORY);
          continue;
        }
      gpointer cat = g_hash_table_lookup (by_number, GSIZE_TO_POINTER ((gsize) key + 1));
      if (cat == NULL)
        {
          vb_dict_problem (d, l->number, "entry '%s': category %s is not in the category list",
                           entry, c);
          continue;
        }
      vb_dict_add_entry (d, GPOINTER_TO_INT (cat) - 1, entry, l->number);
    }
}

void
vb_dict_read_liwc (VbDict *d, const VbSource *src)
{
  VbLineIter it;
  VbLine l;
  guint section = 0; /* 0 before the first '%', 1 in the list, 2 entries */
  g_autoptr (GHashTable) by_number = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  vb_line_iter_init (&it, src);
  while (vb_line_iter_next (&it, &l))
    {
      if (vb_line_is_blank (&l))
        continue;
      if (section < 2 && is_percent (&l))
        {
          section++;
          continue;
        }
      if (section == 0)
        {
          vb_dict_problem (d, l.number, "expected '%%' to open the category list");
          return;
        }
      if (section == 1)
        legend_line (d, &l, by_number, stack);
      else
        entry_line (d, &l, by_number);
    }
  if (section < 2)
    vb_dict_problem (d, 0, "the category list is not closed by a '%%' line");
}

/* ---- .dicx ---- */

typedef struct {
  VbDict    *d;
  GArray    *cats;    /* column -> category index */
  gboolean   header_done;
} Csv;

static gboolean
on_record (GPtrArray *f, guint rec_line, gpointer data)
{
  Csv *p = data;
  if (f->len == 0)
    return TRUE;
  if (!p->header_done)
    {
      p->header_done = TRUE;
      if (g_ascii_strcasecmp (g_strstrip ((char *) f->pdata[0]), "DicTerm") != 0)
        vb_dict_problem (p->d, rec_line, "expected a header starting DicTerm, found '%s'",
                         (char *) f->pdata[0]);
      for (guint i = 1; i < f->len; i++)
        {
          int cat = vb_dict_add_category (p->d, g_strstrip ((char *) f->pdata[i]), -1, rec_line);
          g_array_append_val (p->cats, cat);
        }
      return TRUE;
    }
  const char *entry = g_strstrip ((char *) f->pdata[0]);
  if (f->len > p->cats->len + 1)
    vb_dict_problem (p->d, rec_line, "%u fields, the header has %u", f->len, p->cats->len + 1);
  else if (*entry == '\0')
    vb_dict_problem (p->d, rec_line, "empty DicTerm");
  else
    for (guint i = 1; i < f->len; i++)
      {
        const char *v = g_strstrip ((char *) f->pdata[i]);
        if (*v == '\0')
          continue;
        if (g_ascii_strcasecmp (v, "x") != 0)
          vb_dict_problem (p->d, rec_line,
                           "entry '%s': '%s' under %s (expected X or nothing; weighted "
                           "dictionaries are not supported)",
                           entry, v, ((VbDictCat *) p->d->cats->pdata[g_array_index (p->cats, int, i - 1)])->name);
        else
          vb_dict_add_entry (p->d, g_array_index (p->cats, int, i - 1), entry, rec_line);
      }
  return TRUE;
}

void
vb_dict_read_liwc_csv (VbDict *d, const VbSource *src)
{
  Csv p = { d, g_array_new (FALSE, FALSE, sizeof (int)), FALSE };
  guint bad_line;
  gboolean at_end;
  g_autoptr (GError) error = NULL;
  if (!vb_csv_records (src, CSV_STRICT | CSV_APPEND_NULL, on_record, &p, &bad_line, &at_end,
                       &error))
    vb_dict_problem (d, bad_line, "%s", error->message);
  /* A file ending inside its first record has no header either. */
  if (!p.header_done && (error == NULL || at_end))
    vb_dict_problem (d, 0, "no header line (DicTerm,CATEGORY,…)");
  g_array_unref (p.cats);
}
