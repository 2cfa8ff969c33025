#include "analysis/vb-scale.h"
#include "base/vb-lines.h"
#include "base/vb-error.h"
#include "base/vb-keyfile.h"
#include "analysis/vb-scale-default.h"

#include <math.h>
#include <string.h>

typedef struct {
  char  *word;
  gint64 count, count_min, count_max;          /* -1: no condition */
  double share_min, share_above, share_max, share_below; /* NAN: none */
} Band;

struct _VbScale {
  GArray *bands; /* Band */
  guint    min_base;
  guint    min_count; /* cells counting 1..min_count-1 units are hidden (0: none) */
  gboolean suppress_small;
};

static void
band_clear (gpointer p)
{
  g_free (((Band *) p)->word);
}

void
vb_scale_free (VbScale *scale)
{
  if (scale == NULL)
    return;
  g_array_unref (scale->bands);
  g_free (scale);
}

const char *
vb_scale_default_text (void)
{
  return vb_scale_default_source;
}

static gboolean
band_holds (const Band *b, guint count, guint base)
{
  /* Shares compare as exact fractions: count >= x * base, with a small
   * tolerance so that 0.9 of 10 is 9 despite binary floating point. */
  const double eps = 1e-9;
  double c = count, n = base;
  if (b->count >= 0 && count != b->count)
    return FALSE;
  if (b->count_min >= 0 && count < b->count_min)
    return FALSE;
  if (b->count_max >= 0 && count > b->count_max)
    return FALSE;
  if (!isnan (b->share_min) && c < b->share_min * n - eps)
    return FALSE;
  if (!isnan (b->share_above) && c <= b->share_above * n + eps)
    return FALSE;
  if (!isnan (b->share_max) && c > b->share_max * n + eps)
    return FALSE;
  if (!isnan (b->share_below) && c >= b->share_below * n - eps)
    return FALSE;
  return TRUE;
}

const char *
vb_scale_word (const VbScale *scale, guint count, guint base)
{
  if (base == 0)
    return NULL;
  for (guint i = 0; i < scale->bands->len; i++)
    {
      const Band *b = &g_array_index (scale->bands, Band, i);
      if (band_holds (b, count, base))
        return b->word;
    }
  return NULL;
}

guint
vb_scale_n_bands (const VbScale *scale)
{
  return scale->bands->len;
}

const char *
vb_scale_band (const VbScale *scale, guint i, char **condition)
{
  const Band *b = &g_array_index (scale->bands, Band, i);
  GString *s = g_string_new (NULL);
  const char *and = "";
  if (b->count >= 0)
    g_string_append_printf (s, "%scount = %" G_GINT64_FORMAT, and, b->count), and = " and ";
  if (b->count_min >= 0)
    g_string_append_printf (s, "%scount >= %" G_GINT64_FORMAT, and, b->count_min), and = " and ";
  if (b->count_max >= 0)
    g_string_append_printf (s, "%scount <= %" G_GINT64_FORMAT, and, b->count_max), and = " and ";
  if (!isnan (b->share_min))
    g_string_append_printf (s, "%sshare >= %g%%", and, 100 * b->share_min), and = " and ";
  if (!isnan (b->share_above))
    g_string_append_printf (s, "%sshare > %g%%", and, 100 * b->share_above), and = " and ";
  if (!isnan (b->share_max))
    g_string_append_printf (s, "%sshare <= %g%%", and, 100 * b->share_max), and = " and ";
  if (!isnan (b->share_below))
    g_string_append_printf (s, "%sshare < %g%%", and, 100 * b->share_below), and = " and ";
  if (s->len == 0)
    g_string_append (s, "otherwise");
  *condition = g_string_free (s, FALSE);
  return b->word;
}

guint
vb_scale_min_base (const VbScale *scale)
{
  return scale->min_base;
}

static gboolean
get_count (GKeyFile *kf, const char *group, const char *key, gint64 *out, const char *path,
           GError **error)
{
  *out = -1;
  if (!g_key_file_has_key (kf, group, key, NULL))
    return TRUE;
  g_autofree char *v = g_key_file_get_value (kf, group, key, NULL);
  guint64 n;
  if (!g_ascii_string_to_unsigned (g_strstrip (v), 10, 0, G_MAXINT32, &n, NULL))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: [%s] %s: '%s' is not a whole number",
                   path, group, key, v);
      return FALSE;
    }
  *out = (gint64) n;
  return TRUE;
}

static gboolean
get_share (GKeyFile *kf, const char *group, const char *key, double *out, const char *path,
           GError **error)
{
  *out = NAN;
  if (!g_key_file_has_key (kf, group, key, NULL))
    return TRUE;
  g_autofree char *v = g_key_file_get_value (kf, group, key, NULL);
  char *end = NULL;
  double d = g_ascii_strtod (g_strstrip (v), &end);
  if (end == v || *end != '\0' || !(d >= 0 && d <= 1))
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s: [%s] %s: '%s' is not a share between 0 and 1", path, group, key, v);
      return FALSE;
    }
  *out = d;
  return TRUE;
}

VbScale *
vb_scale_parse (const char *text, const char *path, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  if (!vb_utf8_check (path, text, strlen (text), 1, 0, error))
    return NULL;
  if (!vb_keyfile_load (kf, path, text, strlen (text), NULL, error))
    return NULL;
  g_auto (GStrv) names = g_key_file_get_string_list (kf, "scale", "bands", NULL, NULL);
  if (names == NULL || names[0] == NULL)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: [scale] needs a 'bands' list", path);
      return NULL;
    }
  g_autoptr (VbScale) scale = g_new0 (VbScale, 1);
  scale->bands = g_array_new (FALSE, TRUE, sizeof (Band));
  g_array_set_clear_func (scale->bands, band_clear);
  scale->min_base = 0;
  if (g_key_file_has_key (kf, "scale", "min-base", NULL))
    {
      gint64 mb;
      if (!get_count (kf, "scale", "min-base", &mb, path, error))
        return NULL;
      scale->min_base = (guint) mb;
    }
  if (g_key_file_has_key (kf, "scale", "small-base", NULL))
    {
      g_autofree char *v = g_key_file_get_value (kf, "scale", "small-base", NULL);
      if (!vb_scale_small_from_string (g_strstrip (v), &scale->suppress_small))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s: [scale] small-base: '%s' is not flag or suppress", path, v);
          return NULL;
        }
    }
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *group = g_strdup_printf ("band:%s", g_strstrip (names[i]));
      if (!g_key_file_has_group (kf, group))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s: band '%s' is listed but has no [%s]",
                       path, names[i], group);
          return NULL;
        }
      Band b;
      memset (&b, 0, sizeof b);
      b.word = g_strdup (names[i]);
      g_array_append_val (scale->bands, b);
      Band *nb = &g_array_index (scale->bands, Band, scale->bands->len - 1);
      if (!get_count (kf, group, "count", &nb->count, path, error)
          || !get_count (kf, group, "count-min", &nb->count_min, path, error)
          || !get_count (kf, group, "count-max", &nb->count_max, path, error)
          || !get_share (kf, group, "share-min", &nb->share_min, path, error)
          || !get_share (kf, group, "share-above", &nb->share_above, path, error)
          || !get_share (kf, group, "share-max", &nb->share_max, path, error)
          || !get_share (kf, group, "share-below", &nb->share_below, path, error))
        return NULL;
    }
  /* A scale with a gap would print an empty word in a table: refuse it now,
   * naming the first count and base it cannot describe. */
  for (guint base = 1; base <= 500; base++)
    for (guint count = 0; count <= base; count++)
      if (vb_scale_word (scale, count, base) == NULL)
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s: no band describes %u of %u: add a band that catches the rest", path,
                       count, base);
          return NULL;
        }
  return g_steal_pointer (&scale);
}

VbScale *
vb_scale_default (void)
{
  VbScale *s = vb_scale_parse (vb_scale_default_source, "<built-in scale>", NULL);
  g_assert (s != NULL);
  return s;
}

VbScale *
vb_scale_load (const char *path, GError **error)
{
  /* VbSource refuses NUL bytes, which would cut the text short unseen. */
  g_autoptr (VbSource) src = vb_source_load (path, error);
  if (src == NULL)
    return NULL;
  return vb_scale_parse (src->data, path, error);
}

void
vb_scale_set_min_base (VbScale *scale, guint min_base)
{
  scale->min_base = min_base;
}

gboolean
vb_scale_suppress_small (const VbScale *scale)
{
  return scale->suppress_small;
}

void
vb_scale_set_suppress_small (VbScale *scale, gboolean suppress)
{
  scale->suppress_small = suppress;
}

gboolean
vb_scale_small_from_string (const char *s, gboolean *suppress)
{
  if (g_strcmp0 (s, "flag") == 0)
    *suppress = FALSE;
  else if (g_strcmp0 (s, "suppress") == 0)
    *suppress = TRUE;
  else
    return FALSE;
  return TRUE;
}

guint
vb_scale_min_count (const VbScale *scale)
{
  return scale->min_count;
}

void
vb_scale_set_min_count (VbScale *scale, guint min_count)
{
  scale->min_count = min_count;
}
