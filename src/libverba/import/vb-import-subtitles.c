/* vb-import-subtitles.c: WebVTT (.vtt) and SubRip (.srt) transcripts, as
 * video-call and transcription services write them.
 *
 * CUES.  WebVTT: a first line "WEBVTT" (and header lines up to a blank
 * line), then blocks separated by blank lines; NOTE, STYLE and REGION
 * blocks are skipped; a cue is an optional identifier line, a timing line
 * "[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm [settings]" and its text lines.
 * SubRip: blocks of a number line, "HH:MM:SS,mmm --> HH:MM:SS,mmm" and
 * text lines.  A timing that does not parse, or that ends before it
 * starts, fails the import with file, line and column.  A timing line
 * among a cue's text lines starts a new cue (the blank line before it was
 * lost), and the line before it, when only digits, is that cue's number.
 *
 * TEXT.  Tags are removed (<v …>, <c.x>, <i>, <b>, <u>, <lang>, <ruby>,
 * timestamps <00:01.000>, and SubRip's <font …> and {\an8}); the entities
 * &amp; &lt; &gt; &quot; &apos; &nbsp; and numeric ones are decoded; lines
 * are joined by a space.
 *
 * SPEAKERS.  A cue line's speaker is the name of a WebVTT voice span on it
 * (<v Name>; a line with a second <v> is read as two lines, each voice's
 * words its own), else a leading "Name:" label believed by the same rules as
 * in transcripts (vb-speaker.c), which also give the role; so one cue may
 * hold several speakers, a line each.  Consecutive cues of one speaker
 * make one segment (a turn: services cut sentences into cues of a few
 * seconds), and a line without a speaker continues the turn before it,
 * since many files name the speaker only when it changes; a cue without a
 * speaker and no turn to continue is a segment of its own.  A line whose
 * whole text is [prompted] or [spontaneous] switches the phase.
 *
 * SEGMENTS carry cue_start and cue_end (HH:MM:SS.mmm, the earliest start
 * and the latest end of their cues: of the first and the last cue when
 * cues are in time order), and start/end code-point offsets from the
 * first character of the first cue's text to the end of the last cue's
 * text. */
#include "import/vb-import.h"
#include "base/vb-error.h"
#include "import/vb-speaker.h"

#include <string.h>

/* One text line of a cue: lines are the unit because one cue may hold
 * several speakers, a voice span or a label on each line. */
typedef struct {
  guint64  start_ms, end_ms;  /* the cue's */
  char    *voice;             /* <v Name> on this line, or NULL */
  char    *text;              /* tags removed, entities decoded */
  guint    li;
  gboolean first_in_cue;
  VbLabel  label;             /* label shape of text */
} Cue;

static void
cue_clear (gpointer p)
{
  Cue *c = p;
  g_free (c->voice);
  g_free (c->text);
  vb_label_clear (&c->label);
}

/* ---- timings ---- */

static gboolean
digits (const char *s, gsize len, gsize *i, guint min, guint max, guint64 *v)
{
  guint n = 0;
  *v = 0;
  while (*i < len && g_ascii_isdigit (s[*i]) && n < max)
    {
      *v = *v * 10 + (guint64) (s[*i] - '0');
      (*i)++;
      n++;
    }
  return n >= min;
}

/* [H…:]MM:SS.mmm at s[*i]; SubRip needs the hours and writes ',' (a '.'
 * is accepted too). */
static gboolean
parse_time (const char *s, gsize len, gsize *i, gboolean srt, guint64 *ms)
{
  guint64 a, b, c = 0, frac;
  gboolean hours = FALSE;
  if (!digits (s, len, i, 1, 10, &a) || *i >= len || s[*i] != ':')
    return FALSE;
  (*i)++;
  if (!digits (s, len, i, 2, 2, &b))
    return FALSE;
  if (*i < len && s[*i] == ':')
    {
      (*i)++;
      hours = TRUE;
      if (!digits (s, len, i, 2, 2, &c))
        return FALSE;
    }
  if ((srt && !hours) || *i >= len || !(s[*i] == '.' || (srt && s[*i] == ',')))
    return FALSE;
  (*i)++;
  if (!digits (s, len, i, 3, 3, &frac))
    return FALSE;
  guint64 h = hours ? a : 0, m = hours ? b : a, sec = hours ? c : b;
  if (m > 59 || sec > 59 || (!hours && a > 99))
    return FALSE;
  *ms = ((h * 60 + m) * 60 + sec) * 1000 + frac;
  return TRUE;
}

static gboolean
parse_timing (const VbTxtImport *im, const VbLine *l, gboolean srt, Cue *cue, GError **error)
{
  const char *s = l->text;
  gsize len = l->len, i = 0;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  gsize at = i;
  gboolean ok = parse_time (s, len, &i, srt, &cue->start_ms);
  if (ok)
    {
      while (i < len && (s[i] == ' ' || s[i] == '\t'))
        i++;
      ok = len - i >= 3 && strncmp (s + i, "-->", 3) == 0;
      if (ok)
        {
          i += 3;
          while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
          at = i;
          ok = parse_time (s, len, &i, srt, &cue->end_ms)
               && (i == len || s[i] == ' ' || s[i] == '\t');
        }
      else
        at = i;
    }
  if (!ok)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                   "%s:%u:%u: bad cue timing '%.*s' (expected %s)", im->src->path, l->number,
                   (guint) g_utf8_strlen (s, at) + 1, (int) len, s,
                   srt ? "HH:MM:SS,mmm --> HH:MM:SS,mmm" : "HH:MM:SS.mmm --> HH:MM:SS.mmm");
      return FALSE;
    }
  if (cue->end_ms < cue->start_ms)
    {
      g_set_error (error, VB_ERROR, VB_ERROR_PARSE, "%s:%u: the cue ends before it starts",
                   im->src->path, l->number);
      return FALSE;
    }
  return TRUE;
}

static char *
format_time (guint64 ms)
{
  return g_strdup_printf ("%02" G_GUINT64_FORMAT ":%02u:%02u.%03u", ms / 3600000,
                          (guint) (ms / 60000 % 60), (guint) (ms / 1000 % 60), (guint) (ms % 1000));
}

/* ---- cue text ---- */

static const struct {
  const char *name;
  const char *text;
} entities[] = {
  { "amp;", "&" }, { "lt;", "<" }, { "gt;", ">" }, { "quot;", "\"" }, { "apos;", "'" },
  { "nbsp;", "\xc2\xa0" }, { "lrm;", "" }, { "rlm;", "" },
};

/* The line without tags, entities decoded.  *voice gets the name of a
 * <v Name> span when it has none yet. */
static void
strip_line (const char *s, gsize len, gboolean srt, GString *out, char **voice)
{
  gsize i = 0;
  /* Once no '>' (or '}') follows, none will: no second search, so a line
   * of unclosed '<' stays linear. */
  gboolean angle = TRUE, brace = TRUE;
  while (i < len)
    {
      if (s[i] == '<' && angle)
        {
          const char *close = memchr (s + i, '>', len - i);
          angle = close != NULL;
          if (close != NULL)
            {
              gsize tl = close - (s + i);
              if (voice && *voice == NULL && tl > 2 && s[i + 1] == 'v'
                  && (s[i + 2] == ' ' || s[i + 2] == '.' || s[i + 2] == '\t'))
                {
                  gsize k = i + 2;
                  while (k < i + tl && s[k] != ' ' && s[k] != '\t')
                    k++;
                  g_autofree char *name = g_strndup (s + k, (s + i + tl) - (s + k));
                  g_strstrip (name);
                  if (*name)
                    *voice = g_steal_pointer (&name);
                }
              i += tl + 1;
              continue;
            }
        }
      if (srt && brace && s[i] == '{' && i + 1 < len && s[i + 1] == '\\')
        {
          const char *close = memchr (s + i, '}', len - i);
          brace = close != NULL;
          if (close != NULL)
            {
              i = close - s + 1;
              continue;
            }
        }
      if (s[i] == '&')
        {
          gboolean done = FALSE;
          for (guint e = 0; e < G_N_ELEMENTS (entities) && !done; e++)
            {
              gsize n = strlen (entities[e].name);
              if (len - i - 1 >= n && strncmp (s + i + 1, entities[e].name, n) == 0)
                {
                  g_string_append (out, entities[e].text);
                  i += n + 1;
                  done = TRUE;
                }
            }
          if (!done && i + 2 < len && s[i + 1] == '#')
            {
              gsize k = i + 2;
              gboolean hex = s[k] == 'x' || s[k] == 'X';
              if (hex)
                k++;
              gsize d0 = k;
              while (k < len && (hex ? g_ascii_isxdigit (s[k]) : g_ascii_isdigit (s[k])))
                k++;
              if (k > d0 && k < len && s[k] == ';')
                {
                  g_autofree char *num = g_strndup (s + d0, k - d0);
                  gunichar ch = (gunichar) g_ascii_strtoull (num, NULL, hex ? 16 : 10);
                  if (g_unichar_validate (ch) && ch != 0)
                    {
                      g_string_append_unichar (out, ch);
                      i = k + 1;
                      done = TRUE;
                    }
                }
            }
          if (done)
            continue;
        }
      g_string_append_c (out, s[i]);
      i++;
    }
}

/* Runs of white space made one space, trimmed. */
static void
squeeze (GString *s)
{
  g_autofree char *copy = g_strdup (s->str);
  g_string_truncate (s, 0);
  gboolean space = FALSE;
  for (const char *p = copy; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (g_unichar_isspace (ch) || ch == 0xA0)
        {
          space = TRUE;
          continue;
        }
      if (space && s->len)
        g_string_append_c (s, ' ');
      space = FALSE;
      g_string_append_unichar (s, ch);
    }
}

/* ---- reading the blocks ---- */

static gboolean
has_arrow (const VbLine *l)
{
  return g_strstr_len (l->text, (gssize) l->len, "-->") != NULL;
}

static gboolean
starts_word (const VbLine *l, const char *word)
{
  gsize n = strlen (word);
  return l->len >= n && strncmp (l->text, word, n) == 0
         && (l->len == n || l->text[n] == ' ' || l->text[n] == '\t');
}

/* A line that is a cue timing: it starts the next cue even without the
 * blank line that should come before it. */
static gboolean
is_timing (const VbTxtImport *im, const VbLine *l, gboolean srt)
{
  if (!has_arrow (l))
    return FALSE;
  Cue probe = { 0 };
  g_autoptr (GError) ignored = NULL;
  return parse_timing (im, l, srt, &probe, &ignored);
}

static gboolean
digits_only (const VbLine *l)
{
  gsize f = 0, t = l->len;
  vb_trim_range (l->text, &f, &t);
  if (f == t)
    return FALSE;
  for (gsize i = f; i < t; i++)
    if (!g_ascii_isdigit (l->text[i]))
      return FALSE;
  return TRUE;
}

/* Where each voice span after the first begins: "<v Ann>Yes.<v Bob>No."
 * is two speakers' words, so the line is read as two. */
static gsize
next_voice (const char *s, gsize len, gsize from)
{
  for (gsize i = from; i + 2 < len; i++)
    if (s[i] == '<' && s[i + 1] == 'v' && (s[i + 2] == ' ' || s[i + 2] == '.' || s[i + 2] == '\t'))
      /* Without a '>' after it, no later tag closes either. */
      return memchr (s + i, '>', len - i) != NULL ? i : len;
  return len;
}

static void
add_cue_line (VbTxtImport *im, GArray *cues, const Cue *timing, guint k, gboolean first,
              gboolean srt)
{
  const VbLine *tl = vb_txt_line (im, k);
  gsize from = 0;
  gboolean part_first = first;
  do
    {
      gsize to = srt ? tl->len : next_voice (tl->text, tl->len, from + 1);
      Cue cue = { 0 };
      cue.start_ms = timing->start_ms;
      cue.end_ms = timing->end_ms;
      GString *text = g_string_new (NULL);
      strip_line (tl->text + from, to - from, srt, text, srt ? NULL : &cue.voice);
      squeeze (text);
      cue.text = g_string_free (text, FALSE);
      cue.li = k;
      cue.first_in_cue = part_first;
      vb_label_parse (cue.text, strlen (cue.text), &cue.label);
      vb_speakers_count (im->speakers, &cue.label);
      g_array_append_val (cues, cue);
      part_first = FALSE;
      from = to;
    }
  while (from < tl->len);
}

/* Reads every cue into cues; FALSE with an error on a bad timing. */
static gboolean
read_cues (VbTxtImport *im, gboolean srt, GArray *cues, GError **error)
{
  guint n = im->lines->len, i = 0;
  if (!srt)
    {
      const VbLine *l = n ? vb_txt_line (im, 0) : NULL;
      if (l == NULL || !(starts_word (l, "WEBVTT")))
        {
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:1: not a WebVTT file (the first line must be WEBVTT)", im->src->path);
          return FALSE;
        }
      /* The header runs to the first blank line; a timing line before it
       * (a file without the blank line) starts the cues all the same,
       * rather than losing them as header. */
      i = 1;
      while (i < n && !vb_txt_blank (im, i) && !has_arrow (vb_txt_line (im, i)))
        i++;
    }
  while (i < n)
    {
      if (vb_txt_blank (im, i))
        {
          i++;
          continue;
        }
      guint b = i, e = i;
      while (e < n && !vb_txt_blank (im, e))
        e++;
      i = e;
      const VbLine *l = vb_txt_line (im, b);
      if (!srt && (starts_word (l, "NOTE") || starts_word (l, "STYLE") || starts_word (l, "REGION")))
        continue;
      guint t = b;
      if (!has_arrow (l))
        t = b + 1; /* the cue identifier, or SubRip's number */
      if (t >= e || !has_arrow (vb_txt_line (im, t)))
        {
          const VbLine *bad = vb_txt_line (im, MIN (t, e - 1));
          g_set_error (error, VB_ERROR, VB_ERROR_PARSE,
                       "%s:%u: expected a cue timing (%s), found '%.*s'", im->src->path,
                       bad->number,
                       srt ? "HH:MM:SS,mmm --> HH:MM:SS,mmm" : "HH:MM:SS.mmm --> HH:MM:SS.mmm",
                       (int) bad->len, bad->text);
          return FALSE;
        }
      Cue timing = { 0 };
      if (!parse_timing (im, vb_txt_line (im, t), srt, &timing, error))
        return FALSE;
      for (guint k = t + 1; k < e; k++)
        {
          if (is_timing (im, vb_txt_line (im, k), srt))
            {
              /* A cue that lost its blank line: its number (or a numeric
               * WebVTT identifier) on the line before is not text. */
              if (k - 1 > t && digits_only (vb_txt_line (im, k - 1)))
                while (cues->len > 0 && g_array_index (cues, Cue, cues->len - 1).li == k - 1)
                  g_array_remove_index (cues, cues->len - 1);
              vb_txt_warn (im, vb_txt_line (im, k)->number,
                           "a cue timing without the blank line before it: read as a new cue");
              parse_timing (im, vb_txt_line (im, k), srt, &timing, NULL);
              t = k;
              continue;
            }
          add_cue_line (im, cues, &timing, k, k == t + 1, srt);
        }
    }
  return TRUE;
}

/* ---- turns ---- */

typedef struct {
  VbTxtImport *im;
  GString     *text;
  char        *speaker;   /* NULL: no speaker */
  VbRole       role;
  VbPhase      phase;
  guint64      start_ms, end_ms;
  guint        first_li, last_li;
} Turn;

/* Code-point offsets of the trimmed text of line li. */
static void
line_span (VbTxtImport *im, guint li, guint64 *start, guint64 *end)
{
  const VbLine *l = vb_txt_line (im, li);
  gsize f = 0, t = l->len;
  vb_trim_range (l->text, &f, &t);
  *start = l->cp + g_utf8_strlen (l->text, f);
  *end = l->cp + g_utf8_strlen (l->text, t);
}

static void
flush (Turn *t)
{
  if (t->text->len == 0)
    {
      g_clear_pointer (&t->speaker, g_free);
      return;
    }
  VbDocument *doc = t->im->doc;
  VbSegment *seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup (doc->id ? doc->id : "");
  seg->index = doc->segments->len + 1;
  g_free (seg->speaker);
  seg->speaker = g_strdup (t->speaker ? t->speaker : "");
  seg->role = t->speaker ? t->role : VB_ROLE_PARTICIPANT;
  seg->phase = t->phase;
  guint64 dummy;
  line_span (t->im, t->first_li, &seg->start, &dummy);
  line_span (t->im, t->last_li, &dummy, &seg->end);
  g_free (seg->text);
  seg->text = g_strdup (t->text->str);
  seg->line = vb_txt_line (t->im, t->first_li)->number;
  g_autofree char *cs = format_time (t->start_ms);
  g_autofree char *ce = format_time (t->end_ms);
  vb_attrs_set (seg->attrs, "cue_start", cs, seg->line);
  vb_attrs_set (seg->attrs, "cue_end", ce, seg->line);
  g_ptr_array_add (doc->segments, seg);
  g_string_truncate (t->text, 0);
  g_clear_pointer (&t->speaker, g_free);
}

static gboolean
import_subtitles (const VbSource *src, const VbImportOptions *opts, VbDocument *doc,
                  gboolean srt, GError **error)
{
  VbTxtImport im;
  vb_txt_import_init (&im, src, opts, doc, FALSE);
  g_autoptr (GArray) cues = g_array_new (FALSE, TRUE, sizeof (Cue));
  g_array_set_clear_func (cues, cue_clear);
  if (!read_cues (&im, srt, cues, error))
    {
      vb_txt_import_clear (&im);
      return FALSE;
    }
  Turn t = { &im, g_string_new (NULL), NULL, VB_ROLE_PARTICIPANT, VB_PHASE_SPONTANEOUS, 0, 0, 0, 0 };
  for (guint i = 0; i < cues->len; i++)
    {
      Cue *c = &g_array_index (cues, Cue, i);
      const char *speaker = c->voice;
      const char *line = c->text;
      if (speaker == NULL && c->label.style != VB_LABEL_NONE && c->label.style != VB_LABEL_BRACKET
          && vb_speakers_accept (im.speakers, &c->label))
        {
          speaker = c->label.label;
          line = c->text + c->label.text;
        }
      g_autofree char *text = g_strstrip (g_strdup (line));
      VbMarker m = vb_marker_parse (text, strlen (text));
      if (m == VB_MARKER_PROMPTED || m == VB_MARKER_SPONTANEOUS)
        {
          flush (&t);
          t.phase = m == VB_MARKER_PROMPTED ? VB_PHASE_PROMPTED : VB_PHASE_SPONTANEOUS;
          continue;
        }
      if (*text == '\0' && speaker == NULL)
        continue;
      /* The lines of one cue without a speaker stay together. */
      gboolean same = speaker == NULL ? t.speaker != NULL || (!c->first_in_cue && t.text->len > 0)
                                      : t.speaker != NULL && strcmp (t.speaker, speaker) == 0;
      if (!same)
        {
          flush (&t);
          t.speaker = g_strdup (speaker);
          t.role = speaker ? vb_speakers_role (im.speakers, speaker) : VB_ROLE_PARTICIPANT;
          t.start_ms = c->start_ms;
          t.end_ms = c->end_ms;
          t.first_li = c->li;
        }
      if (*text)
        {
          if (t.text->len)
            g_string_append_c (t.text, ' ');
          g_string_append (t.text, text);
        }
      /* Cues need not come in time order (nothing requires it, and
       * hand-edited files jump back): the turn spans all of its cues, so
       * cue_end is never before cue_start. */
      t.start_ms = MIN (t.start_ms, c->start_ms);
      t.end_ms = MAX (t.end_ms, c->end_ms);
      t.last_li = c->li;
    }
  flush (&t);
  g_string_free (t.text, TRUE);
  vb_txt_import_clear (&im);
  return TRUE;
}

gboolean
vb_import_vtt (const VbSource *src, const VbImportOptions *opts, VbDocument *doc, GError **error)
{
  return import_subtitles (src, opts, doc, FALSE, error);
}

gboolean
vb_import_srt (const VbSource *src, const VbImportOptions *opts, VbDocument *doc, GError **error)
{
  return import_subtitles (src, opts, doc, TRUE, error);
}
