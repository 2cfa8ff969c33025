/* vb-speaker.c: speaker labels and the structural lines shared by the
 * transcript and notes importers.
 *
 * SPEAKER LABEL SHAPES (vb_label_parse).  After optional indentation and
 * an optional timestamp ("[hh:mm:ss]", "[mm:ss]", "(hh:mm:ss)", bare
 * "hh:mm:ss", each with an optional fraction of a second, followed by
 * spaces and optionally a dash), a line has a label when it is
 *   - "LABEL: words" or "LABEL:" alone (the words on the following lines):
 *     LABEL is everything before the FIRST colon on the line, and the colon
 *     is followed by white space or the end of the line (so "10:30",
 *     "http://" are not labels);
 *   - "[LABEL] words" (or "[LABEL]: words"): LABEL is 1-40 characters and
 *     is neither a timestamp nor a transcriber's note (prompted,
 *     spontaneous, inaudible, laughs, pause, crosstalk, ... — compared on
 *     its first word, any case); words must follow on the same line,
 *     unless a clock time alone follows (Zoom: "[LABEL] 00:01:02", the
 *     words on the lines after it);
 *   - meeting tools' layouts (parse_timed): "LABEL  0:03" alone, a clock
 *     time (M:SS to HH:MM:SS) ending the line after white space (Otter.ai,
 *     Teams, Zoom), and "LABEL (00:01:02): words" or alone (Rev, Trint);
 *     the time is not part of the label.
 * In every form, LABEL (trimmed) must
 *   - start with a letter that is not lower case, or a digit;
 *   - contain none of  ? ! ; : " “ ” « » … [ ] { } < > = * # | @ \ ~;
 *   - not contain ". " followed by a lower-case word (that is a sentence);
 *   - outside parentheses, have 1-80 characters and at most 8 words
 *     (1-40 and 6 words for the bracket form); parenthesised
 *     qualifications, which may nest, do not count, so committee labels
 *     such as "Hon. Mona Fortier (Minister of Middle Class Prosperity and
 *     Associate Minister of Finance)" are recognised; the whole label is at
 *     most 200 characters;
 *   - not be one of the words that introduce other things than speech:
 *     Note, Notes, NB, PS, Flipchart, Source, http, https, Email, Tel, See,
 *     E.g., Example, Date, Time, ..., nor a discourse word that starts a
 *     sentence (So, Yes, No, OK, Well, Right, However, First, Finally, ...);
 *     a label whose first word is Note/Notes/NB/PS is ignored too.
 * The label is returned as written, trimmed, with runs of white space
 * made one space.
 *
 * BELIEVING A SHAPE (vb_speakers_accept).  The shape alone would take
 * "There are two problems: cost and time." for a speaker.  A shape is a
 * speaker label when
 *   - it is a leader's role word: interviewer, int, i, q, question,
 *     moderator, mod, facilitator, researcher (any case, ignoring
 *     parenthesised parts and a trailing number or single capital, as in
 *     "Interviewer 2" or "Interviewer (Jane)"), or has one of them (but
 *     "i" and "q") in parentheses ("Jane (interviewer)"), or
 *   - it names a leader: the full or first name of a header
 *     Moderator/Interviewer/Facilitator value or of opts->moderators, or
 *   - it is a participant code: one to three letters and a number ("P1",
 *     "R12", "PT 3"), or a single capital letter ("A", "R"), or
 *   - one of its words is a speaker noun: respondent, interviewee,
 *     participant, speaker, answer, man, woman, male, female, voice,
 *     chair, chairman, chairwoman, chairperson, witness, member; or it is
 *     "All", "Everyone", "Several", "Both" or "Others", or
 *   - the same label shape occurs at least twice in the document, or
 *   - (transcripts only) it looks like a name: every word outside
 *     parentheses starts with a capital or a digit, except name particles
 *     (of, the, and, for, de, du, des, la, le, van, von, der, den, da, di,
 *     del, y, e, bin, al, and d'/l'/o' prefixes).  Notes are stricter
 *     because note-takers write "Transparency: the first word used".
 *
 * ROLES (vb_speakers_role).  A role word or a leader's name gives
 * VB_ROLE_INTERVIEWER in transcripts (but "moderator"/"mod" gives
 * VB_ROLE_MODERATOR) and VB_ROLE_MODERATOR in notes; any other label is
 * VB_ROLE_PARTICIPANT.  The speaker field keeps the label as written ("Q"
 * stays "Q"): the role carries the meaning.
 *
 * HEADER BLOCK (vb_txt_header).  Leading blank lines are skipped.
 *   (a) Fenced: a line "---", "Key: value" lines (blank lines allowed),
 *       and a closing "---" (or "...").  Always a header.  Lines inside
 *       that are not "Key: value" are warned about and ignored; a value in
 *       matching double or single quotes loses them.  An opening "---"
 *       that is never closed is warned about and read as a separator.
 *   (b) Unfenced: the lines up to the first blank line, each "Key: value"
 *       (Key: a letter first, at most 40 characters and 5 words of
 *       letters, digits, spaces and - _ . ' ( ) / &; the colon followed by
 *       white space or the end of the line; the value may be empty).  It
 *       is a header only if more non-blank text follows it, no key is a
 *       speaker label (a participant code, a role word with or without a
 *       number, a label with a speaker noun: "P1", "Q", "Respondent 3";
 *       the leaders' keys Moderator/Interviewer/Facilitator(s) as written
 *       excepted), no key that
 *       is a speaker word (a role word such as Interviewer or Q, a speaker
 *       noun such as Respondent, or Moderator(s)/Interviewer(s)/
 *       Facilitator(s)) has a value that does not look like a person's
 *       name (capitalised words, no final or sentence punctuation), and
 *       none of its keys is used in the rest of the file as an (accepted)
 *       speaker label — except a Moderator/Interviewer/Facilitator key
 *       whose value looks like a person's name, provided some other key of
 *       the block is not used as a label ("Moderator: Rachel" above
 *       "Moderator: ..." turns is a header; "Interviewer: hello" above
 *       "Respondent: hi" is not, nor is a file that is one block only).
 * An unfenced header line whose value reads as speech (a sentence of three
 * words or more, or over 20 words) is warned about: its words are an
 * attribute, in no segment.
 * Keys are normalised with vb_attr_key_normalize(), values trimmed, and
 * stored in doc->attrs with their line numbers; a key given twice is
 * warned about and the later value kept.  The value of a Moderator(s),
 * Interviewer(s) or Facilitator(s) key (any format) names leaders: it is
 * split at commas, semicolons, '&', '/' and " and ", and each full name
 * and first name (after a title such as Dr, Mrs, Prof) becomes a leader's
 * label; the attribute is stored all the same.
 *
 * OTHER LINES.  Phase markers: a line holding only "[prompted]" or
 * "[spontaneous]" (any case, spaces allowed inside the brackets).
 * Separators: a line of 3 or more of the same '-', '*', '_' or '='
 * (spaces between allowed).  A timestamp alone on its line.  Headings:
 * Markdown ATX headings ("#" to "######" then a space); a heading
 * announces the prompted phase when its text contains the whole word
 * "prompted" (any case) and not "spontaneous", and the spontaneous phase
 * the other way round.  Attribution lines: see vb_attribution_parse()
 * below.
 *
 * SEGMENT TEXT (vb_txt_emit).  Each piece (part of a line) is trimmed of
 * white space (Unicode white space included); pieces of one paragraph are
 * joined by one space and paragraphs by "\n"; internal runs of spaces are
 * kept.  start/end are the code-point offsets of the first character of
 * the first piece and just after the last character of the last piece
 * (a CR counts as one code point; a BOM is not part of the source);
 * line is the line of the first piece.  Empty text makes no segment. */
#include "import/vb-speaker.h"

#include <string.h>

/* ---- small text helpers ---- */

static gboolean
ws_at (const char *s, gsize len, gsize i, gsize *clen)
{
  if (i >= len)
    return FALSE;
  guchar b = (guchar) s[i];
  if (b < 0x80)
    {
      if (clen)
        *clen = 1;
      return g_ascii_isspace (b);
    }
  gunichar c = g_utf8_get_char (s + i);
  if (clen)
    *clen = g_utf8_next_char (s + i) - (s + i);
  return g_unichar_isspace (c) || c == 0xFEFF;
}

void
vb_trim_range (const char *s, gsize *from, gsize *to)
{
  gsize f = *from, t = *to, n;
  while (f < t && ws_at (s, t, f, &n))
    f += n;
  while (t > f)
    {
      const char *prev = g_utf8_find_prev_char (s + f, s + t);
      gsize p = prev ? (gsize) (prev - s) : f;
      if (!ws_at (s, t, p, NULL))
        break;
      t = p;
    }
  *from = f;
  *to = t;
}

static gsize
skip_ws (const char *s, gsize len, gsize i)
{
  gsize n;
  while (ws_at (s, len, i, &n))
    i += n;
  return i;
}

/* A copy of s[0..len) with runs of white space made one space, trimmed. */
static char *
squeeze_ws (const char *s, gsize len)
{
  GString *out = g_string_sized_new (len);
  gboolean space = FALSE;
  gsize i = 0, n;
  while (i < len)
    {
      if (ws_at (s, len, i, &n))
        {
          space = TRUE;
          i += n;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      n = g_utf8_next_char (s + i) - (s + i);
      g_string_append_len (out, s + i, n);
      i += n;
    }
  return g_string_free (out, FALSE);
}

static gboolean
in_list (const char *const *list, const char *word)
{
  for (guint i = 0; list[i]; i++)
    if (strcmp (list[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* Case-folded copy of s[0..len). */
static char *
fold (const char *s, gssize len)
{
  return g_utf8_casefold (s, len);
}

static gsize
utf8_len_at (const char *s)
{
  return g_utf8_next_char (s) - s;
}

/* ---- word lists ---- */

static const char *const ignored_labels[] = {
  "note", "notes", "nb", "n.b", "n.b.", "ps", "p.s", "p.s.", "flipchart", "flip chart",
  "flip-chart", "source", "sources", "http", "https", "ftp", "mailto", "www", "url",
  "email", "e-mail", "tel", "fax", "ref", "re", "subject", "see", "cf", "e.g", "e.g.",
  "i.e", "i.e.", "eg", "ie", "example", "examples", "date", "time", "tip", "warning",
  "caution", "important", "update", "edit", "so", "yes", "no", "ok", "okay", "right",
  "well", "now", "then", "but", "and", "also", "however", "anyway", "first", "firstly",
  "second", "secondly", "third", "thirdly", "finally", "next", "summary",
  "conclusion", "result", "results", NULL
};

static const char *const ignored_first_words[] = {
  "note", "notes", "nb", "n.b.", "ps", "p.s.", NULL
};

/* First words of bracketed transcriber notes: "[laughs]", "[Pause]". */
static const char *const transcriber_notes[] = {
  "prompted", "spontaneous", "inaudible", "indistinct", "unclear", "unintelligible",
  "laughs", "laughter", "laughing", "laugh", "pause", "pauses", "paused", "crosstalk",
  "cross-talk", "overlapping", "overtalk", "talking", "silence", "coughs", "cough",
  "sighs", "sigh", "smiles", "nods", "noise", "background", "interruption",
  "interrupted", "break", "end", "ends", "start", "starts", "recording", "tape",
  "phone", "redacted", "name", "sic", "applause", "music", "long", "short", "brief",
  "reads", "shows", "hands", "points", "gestures", "gap", "translation",
  "translated", "sound", "audio", "video", "section", NULL
};

static const char *const particles[] = {
  "of", "the", "and", "for", "de", "du", "des", "la", "le", "van", "von", "der", "den",
  "da", "di", "del", "y", "e", "bin", "al", "&", "-", "–", "—", NULL
};

static const char *const role_words[] = {
  "interviewer", "int", "i", "q", "question", "moderator", "mod", "facilitator",
  "researcher", NULL
};

static const char *const speaker_nouns[] = {
  "respondent", "interviewee", "participant", "speaker", "answer", "man", "woman",
  "male", "female", "voice", "chair", "chairman", "chairwoman", "chairperson",
  "witness", "member", NULL
};

static const char *const chorus_labels[] = {
  "all", "everyone", "several", "both", "others", NULL
};

static const char *const titles[] = {
  "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "prof", "prof.",
  "professor", "sir", "dame", "rev", "rev.", NULL
};

static const char *const leader_keys[] = {
  "moderator", "moderators", "interviewer", "interviewers", "facilitator",
  "facilitators", NULL
};

/* ---- timestamps ---- */

static gsize
digits (const char *s, gsize len, gsize i)
{
  gsize n = 0;
  while (i + n < len && g_ascii_isdigit (s[i + n]))
    n++;
  return n;
}

gsize
vb_timestamp_prefix (const char *s, gsize len)
{
  gsize p = 0;
  char close = 0;
  if (len > 0 && (s[0] == '[' || s[0] == '('))
    {
      close = s[0] == '[' ? ']' : ')';
      p = 1;
    }
  gsize d = digits (s, len, p);
  if (d < 1 || d > 2)
    return 0;
  p += d;
  guint parts = 1;
  while (parts < 3 && p < len && s[p] == ':' && digits (s, len, p + 1) == 2)
    {
      p += 3;
      parts++;
    }
  if (parts < 2 || (close == 0 && parts < 3))
    return 0;
  if (p < len && (s[p] == '.' || s[p] == ','))
    {
      d = digits (s, len, p + 1);
      if (d >= 1 && d <= 3)
        p += 1 + d;
    }
  if (close)
    {
      if (p >= len || s[p] != close)
        return 0;
      p++;
    }
  if (p < len && !ws_at (s, len, p, NULL))
    return 0;
  p = skip_ws (s, len, p);
  /* "00:03:12 - Interviewer: ..." */
  static const char *const dashes[] = { "-", "–", "—", NULL };
  for (guint i = 0; dashes[i]; i++)
    {
      gsize dl = strlen (dashes[i]);
      if (p + dl <= len && memcmp (s + p, dashes[i], dl) == 0
          && (p + dl == len || ws_at (s, len, p + dl, NULL)))
        {
          p = skip_ws (s, len, p + dl);
          break;
        }
    }
  return p;
}

/* Length of a clock time "M:SS", "MM:SS", "H:MM:SS" or "HH:MM:SS" (with
 * an optional fraction of a second) at s, 0 when there is none. */
static gsize
clock_len (const char *s, gsize len)
{
  gsize d = digits (s, len, 0);
  if (d < 1 || d > 2)
    return 0;
  gsize p = d;
  guint parts = 1;
  while (parts < 3 && p < len && s[p] == ':' && digits (s, len, p + 1) == 2)
    p += 3, parts++;
  if (parts < 2)
    return 0;
  if (p < len && (s[p] == '.' || s[p] == ',') && digits (s, len, p + 1) >= 1)
    p += 1 + digits (s, len, p + 1);
  return p;
}

/* ---- label shapes ---- */

static gboolean
forbidden_char (gunichar c)
{
  switch (c)
    {
    case '?': case '!': case ';': case ':': case '"': case '[': case ']': case '{':
    case '}': case '<': case '>': case '=': case '*': case '#': case '|': case '@':
    case '\\': case '~':
    case 0x201C: case 0x201D: case 0x00AB: case 0x00BB: case 0x2026:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Checks a candidate label l[0..n) (already trimmed). */
static gboolean
label_shape_ok (const char *l, gsize n, guint max_chars, guint max_words,
                guint max_total, gboolean *namelike)
{
  gunichar c0 = g_utf8_get_char (l);
  if (!g_unichar_isalnum (c0) || g_unichar_islower (c0))
    return FALSE;
  if (g_utf8_strlen (l, n) > max_total)
    return FALSE;

  /* Forbidden characters, sentences, and balanced parentheses. */
  int depth = 0;
  gboolean balanced = TRUE;
  for (gsize i = 0; i < n; i += utf8_len_at (l + i))
    {
      gunichar c = g_utf8_get_char (l + i);
      if (forbidden_char (c))
        return FALSE;
      if (c == '.' && i + 1 < n && l[i + 1] == ' ')
        {
          gsize j = skip_ws (l, n, i + 1);
          if (j < n && g_unichar_islower (g_utf8_get_char (l + j)))
            return FALSE;
        }
      if (c == '(')
        depth++;
      else if (c == ')' && --depth < 0)
        balanced = FALSE;
    }
  if (depth != 0)
    balanced = FALSE;

  /* The name part: the label without its parenthesised parts. */
  GString *name = g_string_sized_new (n);
  depth = 0;
  for (gsize i = 0; i < n; i++)
    {
      if (balanced && l[i] == '(')
        {
          if (depth++ == 0)
            g_string_append_c (name, ' ');
          continue;
        }
      if (balanced && l[i] == ')')
        {
          depth--;
          continue;
        }
      if (depth == 0)
        g_string_append_c (name, l[i]);
    }
  g_autofree char *squeezed = squeeze_ws (name->str, name->len);
  g_string_free (name, TRUE);

  gboolean ok = TRUE;
  g_auto (GStrv) words = g_strsplit (squeezed, " ", -1);
  guint nwords = g_strv_length (words);
  if (*squeezed == '\0' || g_utf8_strlen (squeezed, -1) > max_chars || nwords > max_words)
    ok = FALSE;

  g_autofree char *folded = fold (squeezed, -1);
  if (ok && in_list (ignored_labels, folded))
    ok = FALSE;
  if (ok)
    {
      g_autofree char *first = fold (words[0], -1);
      if (in_list (ignored_first_words, first))
        ok = FALSE;
    }

  gboolean like = TRUE;
  for (guint w = 0; ok && words[w]; w++)
    {
      gunichar c = g_utf8_get_char (words[w]);
      if (!g_unichar_islower (c))
        continue;
      g_autofree char *fw = fold (words[w], -1);
      gsize fl = strlen (fw);
      while (fl > 0 && (fw[fl - 1] == ',' || fw[fl - 1] == '.'))
        fw[--fl] = '\0';
      if (in_list (particles, fw))
        continue;
      const char *second = g_utf8_next_char (words[w]);
      if (*second == '\'' || g_str_has_prefix (second, "’"))
        continue;
      like = FALSE;
    }
  *namelike = like;
  return ok;
}

static gboolean
parse_colon (const char *s, gsize len, gsize p, VbLabel *out)
{
  const char *colon = memchr (s + p, ':', len - p);
  if (colon == NULL)
    return FALSE;
  gsize c = colon - s;
  if (c + 1 < len && !ws_at (s, len, c + 1, NULL))
    return FALSE;
  gsize lf = p, lt = c;
  vb_trim_range (s, &lf, &lt);
  gboolean namelike = FALSE;
  if (lf == lt || !label_shape_ok (s + lf, lt - lf, 80, 8, 200, &namelike))
    return FALSE;
  gsize t = skip_ws (s, len, c + 1);
  out->style = t >= len ? VB_LABEL_ALONE : VB_LABEL_COLON;
  out->label = squeeze_ws (s + lf, lt - lf);
  out->text = MIN (t, len);
  out->namelike = namelike;
  return TRUE;
}

static gboolean
parse_bracket (const char *s, gsize len, gsize p, VbLabel *out)
{
  const char *close = memchr (s + p, ']', len - p);
  if (close == NULL)
    return FALSE;
  gsize q = close - s;
  gsize lf = p + 1, lt = q;
  vb_trim_range (s, &lf, &lt);
  if (lf == lt)
    return FALSE;
  /* A transcriber's note or a timestamp, not a name. */
  gsize wend = lf;
  while (wend < lt && !ws_at (s, lt, wend, NULL))
    wend += utf8_len_at (s + wend);
  g_autofree char *first = fold (s + lf, wend - lf);
  gsize fl = strlen (first);
  while (fl > 0 && g_ascii_ispunct (first[fl - 1]))
    first[--fl] = '\0';
  if (in_list (transcriber_notes, first))
    return FALSE;
  gboolean only_time = TRUE;
  for (gsize i = lf; i < lt; i++)
    if (!g_ascii_isdigit (s[i]) && s[i] != ':' && s[i] != '.')
      only_time = FALSE;
  if (only_time)
    return FALSE;

  gsize after = q + 1;
  if (after < len && s[after] == ':')
    after++;
  if (after >= len || !ws_at (s, len, after, NULL))
    return FALSE;
  gsize t = skip_ws (s, len, after);
  if (t >= len)
    return FALSE;
  gboolean namelike = FALSE;
  if (!label_shape_ok (s + lf, lt - lf, 40, 6, 40, &namelike))
    return FALSE;
  /* Zoom: "[NAME] 00:01:02" alone, the words on the lines after it. */
  gsize c = clock_len (s + t, len - t);
  if (c > 0 && skip_ws (s, len, t + c) >= len)
    t = len;
  out->style = t >= len ? VB_LABEL_ALONE : VB_LABEL_BRACKET;
  out->label = squeeze_ws (s + lf, lt - lf);
  out->text = t;
  out->namelike = namelike;
  return TRUE;
}

/* ---- meeting tools' labels ---- */

static gboolean
set_label (const char *s, gsize lf, gsize lt, gsize text, gsize len, VbLabel *out)
{
  vb_trim_range (s, &lf, &lt);
  gboolean namelike = FALSE;
  if (lf == lt || !label_shape_ok (s + lf, lt - lf, 80, 8, 200, &namelike))
    return FALSE;
  out->style = text >= len ? VB_LABEL_ALONE : VB_LABEL_COLON;
  out->label = squeeze_ws (s + lf, lt - lf);
  out->text = MIN (text, len);
  out->namelike = namelike;
  return TRUE;
}

/* "NAME  0:03" alone on its line, the words on the lines after it, as
 * Otter.ai, Microsoft Teams and Zoom write their text transcripts; and
 * "NAME (00:01:02): words" (or with the words on the lines after it), as
 * Rev and Trint write them.  The time is left out of the label. */
static gboolean
parse_timed (const char *s, gsize len, gsize p, VbLabel *out)
{
  /* Rev and Trint: the first " (" that a clock time and "):" follow. */
  for (const char *o = memchr (s + p, '(', len - p); o; o = memchr (o + 1, '(', len - (o + 1 - s)))
    {
      gsize q = o - s + 1;
      gsize c = clock_len (s + q, len - q);
      if (c == 0 || q + c + 1 >= len || s[q + c] != ')' || s[q + c + 1] != ':')
        continue;
      gsize after = q + c + 2;
      if (after < len && !ws_at (s, len, after, NULL))
        return FALSE;
      return o > s + p && set_label (s, p, o - s, skip_ws (s, len, after), len, out);
    }
  /* Otter, Teams, Zoom: a clock time ends the line, after white space. */
  gsize end = len;
  while (end > p && (s[end - 1] == ' ' || s[end - 1] == '\t'))
    end--;
  gsize t = end;
  while (t > p && (g_ascii_isdigit (s[t - 1]) || s[t - 1] == ':' || s[t - 1] == '.'))
    t--;
  if (t == end || t == p || clock_len (s + t, end - t) != end - t
      || (s[t - 1] != ' ' && s[t - 1] != '\t'))
    return FALSE;
  return set_label (s, p, t, len, len, out);
}

gboolean
vb_label_parse (const char *line, gsize len, VbLabel *out)
{
  memset (out, 0, sizeof *out);
  gsize p = skip_ws (line, len, 0);
  p += vb_timestamp_prefix (line + p, len - p);
  if (p >= len)
    return FALSE;
  if (line[p] != '[' && parse_timed (line, len, p, out))
    return TRUE;
  vb_label_clear (out);
  memset (out, 0, sizeof *out);
  gboolean ok = line[p] == '[' ? parse_bracket (line, len, p, out)
                               : parse_colon (line, len, p, out);
  if (!ok)
    vb_label_clear (out);
  return ok;
}

void
vb_label_clear (VbLabel *label)
{
  g_clear_pointer (&label->label, g_free);
  label->style = VB_LABEL_NONE;
  label->text = 0;
  label->namelike = FALSE;
}

/* ---- speakers ---- */

struct _VbSpeakers {
  gboolean    notes;
  GHashTable *leaders; /* folded full and first names */
  GHashTable *counts;  /* folded label -> count */
};

VbSpeakers *
vb_speakers_new (gboolean notes, const char *const *moderators)
{
  VbSpeakers *sp = g_new0 (VbSpeakers, 1);
  sp->notes = notes;
  sp->leaders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sp->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; moderators && moderators[i]; i++)
    vb_speakers_add_leader (sp, moderators[i]);
  return sp;
}

void
vb_speakers_free (VbSpeakers *sp)
{
  if (sp == NULL)
    return;
  g_hash_table_unref (sp->leaders);
  g_hash_table_unref (sp->counts);
  g_free (sp);
}

static void
add_leader_name (VbSpeakers *sp, const char *name)
{
  g_autofree char *sq = squeeze_ws (name, strlen (name));
  if (*sq == '\0')
    return;
  g_hash_table_add (sp->leaders, fold (sq, -1));
  g_auto (GStrv) words = g_strsplit (sq, " ", -1);
  for (guint w = 0; words[w]; w++)
    {
      g_autofree char *fw = fold (words[w], -1);
      if (words[w + 1] && in_list (titles, fw))
        continue;
      g_hash_table_add (sp->leaders, g_steal_pointer (&fw));
      break;
    }
}

void
vb_speakers_add_leader (VbSpeakers *sp, const char *names)
{
  g_autofree char *copy = g_strdup (names);
  /* " and " separates names as commas do. */
  for (char *a; (a = strstr (copy, " and ")) != NULL;)
    memcpy (a, "  ,  ", 5);
  g_auto (GStrv) parts = g_strsplit_set (copy, ",;&/", -1);
  for (guint i = 0; parts[i]; i++)
    add_leader_name (sp, parts[i]);
}

static char *
count_key (const char *label)
{
  return fold (label, -1);
}

void
vb_speakers_count (VbSpeakers *sp, const VbLabel *label)
{
  if (label->style == VB_LABEL_NONE)
    return;
  char *key = count_key (label->label);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (sp->counts, key));
  g_hash_table_replace (sp->counts, key, GUINT_TO_POINTER (n + 1));
}

void
vb_speakers_reset_counts (VbSpeakers *sp)
{
  g_hash_table_remove_all (sp->counts);
}

/* The label without parenthesised parts, folded; *base_nonum also without
 * a trailing number or single capital ("Interviewer 2", "Int1"). */
static char *
label_base (const char *label, char **base_nonum)
{
  GString *b = g_string_new (NULL);
  int depth = 0;
  for (const char *p = label; *p; p++)
    {
      if (*p == '(')
        depth++;
      else if (*p == ')' && depth > 0)
        depth--;
      else if (depth == 0)
        g_string_append_c (b, *p);
    }
  g_autofree char *sq = squeeze_ws (b->str, b->len);
  g_string_free (b, TRUE);
  if (*sq == '\0')
    {
      g_free (sq);
      sq = g_strdup (label);
    }
  if (base_nonum)
    {
      gsize n = strlen (sq);
      gsize e = n;
      while (e > 0 && g_ascii_isdigit (sq[e - 1]))
        e--;
      if (e == n && n >= 3 && sq[n - 2] == ' ' && g_ascii_isupper (sq[n - 1]))
        e = n - 1;
      while (e > 0 && sq[e - 1] == ' ')
        e--;
      if (e == 0)
        e = n;
      *base_nonum = fold (sq, e);
    }
  return fold (sq, -1);
}

/* TRUE if a parenthesised group of the label is a role word, as in
 * "Jane (interviewer)". */
static gboolean
paren_role (const char *label)
{
  const char *open = strchr (label, '(');
  while (open)
    {
      const char *close = strchr (open, ')');
      if (close == NULL)
        return FALSE;
      g_autofree char *inner = squeeze_ws (open + 1, close - open - 1);
      g_autofree char *f = fold (inner, -1);
      if (strlen (f) > 1 && in_list (role_words, f))
        return TRUE;
      open = strchr (close, '(');
    }
  return FALSE;
}

static gboolean
is_leader (const VbSpeakers *sp, const char *label)
{
  g_autofree char *f = fold (label, -1);
  g_autofree char *base = label_base (label, NULL);
  return g_hash_table_contains (sp->leaders, f) || g_hash_table_contains (sp->leaders, base);
}

static gboolean
is_participant_code (const char *label)
{
  if (g_ascii_isupper (label[0]) && label[1] == '\0')
    return TRUE;
  gsize i = 0;
  while (i < 3 && g_ascii_isalpha (label[i]))
    i++;
  if (i == 0)
    return FALSE;
  if (label[i] == ' ')
    i++;
  gsize d = digits (label, strlen (label), i);
  if (d < 1 || d > 3)
    return FALSE;
  i += d;
  if (g_ascii_islower (label[i]))
    i++;
  return label[i] == '\0';
}

gboolean
vb_speakers_accept (const VbSpeakers *sp, const VbLabel *label)
{
  if (label->style == VB_LABEL_NONE || label->label == NULL)
    return FALSE;
  g_autofree char *nonum = NULL;
  g_autofree char *base = label_base (label->label, &nonum);
  if (in_list (role_words, nonum) || in_list (role_words, base) || is_leader (sp, label->label)
      || paren_role (label->label))
    return TRUE;
  if (is_participant_code (label->label) || in_list (chorus_labels, base))
    return TRUE;
  g_auto (GStrv) words = g_strsplit (base, " ", -1);
  for (guint w = 0; words[w]; w++)
    if (in_list (speaker_nouns, words[w]))
      return TRUE;
  g_autofree char *key = count_key (label->label);
  if (GPOINTER_TO_UINT (g_hash_table_lookup (sp->counts, key)) >= 2)
    return TRUE;
  return !sp->notes && label->namelike;
}

VbRole
vb_speakers_role (const VbSpeakers *sp, const char *label)
{
  g_autofree char *nonum = NULL;
  g_autofree char *base = label_base (label, &nonum);
  VbRole leader = sp->notes ? VB_ROLE_MODERATOR : VB_ROLE_INTERVIEWER;
  if (in_list (role_words, nonum) || in_list (role_words, base))
    {
      if (!sp->notes && (strcmp (nonum, "moderator") == 0 || strcmp (nonum, "mod") == 0))
        return VB_ROLE_MODERATOR;
      return leader;
    }
  if (is_leader (sp, label) || paren_role (label))
    return leader;
  return VB_ROLE_PARTICIPANT;
}

/* ---- markers, headings, attribution lines, quotation marks ---- */

VbMarker
vb_marker_parse (const char *line, gsize len)
{
  gsize f = 0, t = len;
  vb_trim_range (line, &f, &t);
  if (f == t)
    return VB_MARKER_NONE;
  if (line[f] == '[' && line[t - 1] == ']' && t - f >= 2)
    {
      gsize a = f + 1, b = t - 1;
      vb_trim_range (line, &a, &b);
      if (b - a == strlen ("prompted") && g_ascii_strncasecmp (line + a, "prompted", b - a) == 0)
        return VB_MARKER_PROMPTED;
      if (b - a == strlen ("spontaneous")
          && g_ascii_strncasecmp (line + a, "spontaneous", b - a) == 0)
        return VB_MARKER_SPONTANEOUS;
    }
  char c = line[f];
  if (c == '-' || c == '*' || c == '_' || c == '=')
    {
      guint count = 0;
      gboolean same = TRUE;
      for (gsize i = f; i < t; i++)
        {
          if (line[i] == c)
            count++;
          else if (line[i] != ' ' && line[i] != '\t')
            same = FALSE;
        }
      if (same && count >= 3)
        return VB_MARKER_SEPARATOR;
    }
  gsize ts = vb_timestamp_prefix (line + f, t - f);
  if (ts > 0 && ts == t - f)
    return VB_MARKER_TIMESTAMP;
  return VB_MARKER_NONE;
}

gboolean
vb_heading_parse (const char *line, gsize len, char **text)
{
  gsize p = 0;
  while (p < len && p < 3 && line[p] == ' ')
    p++;
  gsize h = 0;
  while (p + h < len && line[p + h] == '#')
    h++;
  if (h < 1 || h > 6)
    return FALSE;
  p += h;
  if (p < len && line[p] != ' ' && line[p] != '\t')
    return FALSE;
  if (text)
    {
      gsize f = p, t = len;
      vb_trim_range (line, &f, &t);
      /* Closing sequence: "## Title ##". */
      gsize e = t;
      while (e > f && line[e - 1] == '#')
        e--;
      if (e < t && (e == f || line[e - 1] == ' ' || line[e - 1] == '\t'))
        t = e;
      vb_trim_range (line, &f, &t);
      *text = g_strndup (line + f, t - f);
    }
  return TRUE;
}

int
vb_heading_phase (const char *text)
{
  gboolean prompted = FALSE, spontaneous = FALSE;
  g_autofree char *f = fold (text, -1);
  const char *p = f;
  while (*p)
    {
      const char *start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      gsize n = p - start;
      if (n == strlen ("prompted") && strncmp (start, "prompted", n) == 0)
        prompted = TRUE;
      else if (n == strlen ("spontaneous") && strncmp (start, "spontaneous", n) == 0)
        spontaneous = TRUE;
      if (n == 0)
        p = g_utf8_next_char (p);
    }
  if (prompted == spontaneous)
    return -1;
  return prompted ? VB_PHASE_PROMPTED : VB_PHASE_SPONTANEOUS;
}

/* Words that make a comma-separated line a sentence, not an attribution. */
static const char *const sentence_words[] = {
  "i", "i'm", "i’m", "im", "you", "we", "they", "he", "she", "it", "it's", "it’s", "me",
  "my", "your", "our", "their", "us", "them", "him", "is", "are", "was", "were", "am",
  "be", "been", "do", "does", "did", "don't", "don’t", "didn't", "didn’t", "not",
  "said", "says", "say", "think", "thought", "would", "could", "should", "will", "can",
  "can't", "can’t", "have", "has", "had", "that", "this", "there", "what", "if",
  "because", "just", "yes", "no", "but", "so", NULL
};

/* ATTRIBUTION LINES.  After trimming, an optional leading dash ("—",
 * "–", "--") and an optional final full stop are removed; the rest must be
 * at most 160 characters, hold no quotation marks, ? ! : ;, not start
 * with '#', '-', '*', '•' or '[', and split at commas into 2-6 fields, each
 * non-empty, at most 40 characters and 4 words, none of them a word that
 * makes a sentence (pronouns, common verbs, "not", "that", "yes", ...). */
gboolean
vb_attribution_parse (const char *line, gsize len, GStrv *fields, char **whole)
{
  gsize f = 0, t = len;
  vb_trim_range (line, &f, &t);
  static const char *const dashes[] = { "—", "–", "--", NULL };
  for (guint i = 0; dashes[i]; i++)
    {
      gsize dl = strlen (dashes[i]);
      if (t - f > dl && memcmp (line + f, dashes[i], dl) == 0)
        {
          f += dl;
          vb_trim_range (line, &f, &t);
          break;
        }
    }
  if (t > f && line[t - 1] == '.')
    {
      t--;
      vb_trim_range (line, &f, &t);
    }
  /* "(Leeds, 36-60, C2DE)": the parentheses are not part of the fields. */
  if (t - f >= 2 && line[f] == '(' && line[t - 1] == ')')
    {
      f++;
      t--;
      vb_trim_range (line, &f, &t);
      if (t > f && line[t - 1] == '.')
        {
          t--;
          vb_trim_range (line, &f, &t);
        }
    }
  if (f == t || g_utf8_strlen (line + f, t - f) > 160)
    return FALSE;
  if (strchr ("#-*[", line[f]) || g_str_has_prefix (line + f, "•"))
    return FALSE;
  for (gsize i = f; i < t; i += utf8_len_at (line + i))
    {
      gunichar c = g_utf8_get_char (line + i);
      if (c == '"' || c == '?' || c == '!' || c == ':' || c == ';' || c == 0x201C
          || c == 0x201D || c == 0x00AB || c == 0x00BB)
        return FALSE;
    }
  g_autofree char *w = g_strndup (line + f, t - f);
  g_auto (GStrv) parts = g_strsplit (w, ",", -1);
  guint n = g_strv_length (parts);
  if (n < 2 || n > 6)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      char *sq = squeeze_ws (parts[i], strlen (parts[i]));
      g_free (parts[i]);
      parts[i] = sq;
      if (*sq == '\0' || g_utf8_strlen (sq, -1) > 40)
        return FALSE;
      g_autofree char *fw = fold (sq, -1);
      g_auto (GStrv) words = g_strsplit (fw, " ", -1);
      if (g_strv_length (words) > 4)
        return FALSE;
      for (guint k = 0; words[k]; k++)
        if (in_list (sentence_words, words[k]))
          return FALSE;
    }
  if (fields)
    *fields = g_steal_pointer (&parts);
  if (whole)
    *whole = g_steal_pointer (&w);
  return TRUE;
}

gsize
vb_quote_open_len (const char *s, gsize len)
{
  static const char *const marks[] = { "\"", "“", "”", "«", NULL };
  for (guint i = 0; marks[i]; i++)
    {
      gsize ml = strlen (marks[i]);
      if (len >= ml && memcmp (s, marks[i], ml) == 0)
        return ml;
    }
  return 0;
}

gsize
vb_attribution_inline (const char *line, gsize len)
{
  gsize f = 0, t = len;
  vb_trim_range (line, &f, &t);
  gsize open = vb_quote_open_len (line + f, t - f);
  if (open == 0)
    return 0;
  /* The last closing mark: the attribution has none, so whatever
   * follows the last one is the candidate. */
  static const char *const marks[] = { "\"", "”", "»", NULL };
  gsize close = 0;
  for (gsize i = f + open; i < t; i++)
    for (guint m = 0; marks[m]; m++)
      {
        gsize ml = strlen (marks[m]);
        if (i + ml <= t && memcmp (line + i, marks[m], ml) == 0)
          close = i + ml;
      }
  if (close == 0 || close >= t)
    return 0;
  gsize a = close, e = t;
  vb_trim_range (line, &a, &e);
  /* A space between the quotation and its attribution, or a dash. */
  if (a == close && line[a] != '-' && !g_str_has_prefix (line + a, "—")
      && !g_str_has_prefix (line + a, "–"))
    return 0;
  return a < e && vb_attribution_parse (line + a, e - a, NULL, NULL) ? a : 0;
}

gsize
vb_quote_close_len (const char *s, gsize len)
{
  static const char *const marks[] = { "\"", "”", "“", "»", NULL };
  for (guint i = 0; marks[i]; i++)
    {
      gsize ml = strlen (marks[i]);
      if (len >= ml && memcmp (s + len - ml, marks[i], ml) == 0)
        return ml;
    }
  return 0;
}

/* ---- importer state ---- */

void
vb_txt_import_init (VbTxtImport *im, const VbSource *src, const VbImportOptions *opts,
                    VbDocument *doc, gboolean notes)
{
  memset (im, 0, sizeof *im);
  im->src = src;
  im->opts = opts ? opts : &im->no_opts;
  im->doc = doc;
  im->notes = notes;
  im->lines = g_array_new (FALSE, FALSE, sizeof (VbLine));
  VbLineIter it;
  VbLine line;
  vb_line_iter_init (&it, src);
  while (vb_line_iter_next (&it, &line))
    g_array_append_val (im->lines, line);
  im->speakers = vb_speakers_new (notes, im->opts->moderators);
}

void
vb_txt_import_clear (VbTxtImport *im)
{
  g_clear_pointer (&im->lines, g_array_unref);
  g_clear_pointer (&im->speakers, vb_speakers_free);
}

void
vb_txt_warn (const VbTxtImport *im, guint line, const char *fmt, ...)
{
  if (im->opts->warn == NULL)
    return;
  va_list ap;
  va_start (ap, fmt);
  g_autofree char *msg = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  im->opts->warn (im->opts->warn_data, im->src->path, line, msg);
}

const VbLine *
vb_txt_line (const VbTxtImport *im, guint i)
{
  return &g_array_index (im->lines, VbLine, i);
}

gboolean
vb_txt_blank (const VbTxtImport *im, guint i)
{
  const VbLine *l = vb_txt_line (im, i);
  gsize f = 0, t = l->len;
  vb_trim_range (l->text, &f, &t);
  return f == t;
}

void
vb_txt_label (const VbTxtImport *im, guint i, VbLabel *out)
{
  const VbLine *l = vb_txt_line (im, i);
  if (vb_label_parse (l->text, l->len, out) && !vb_speakers_accept (im->speakers, out))
    vb_label_clear (out);
}

static void
count_labels (VbTxtImport *im, guint from, guint to)
{
  for (guint i = from; i < to; i++)
    {
      const VbLine *l = vb_txt_line (im, i);
      VbLabel lab;
      if (vb_label_parse (l->text, l->len, &lab))
        vb_speakers_count (im->speakers, &lab);
      vb_label_clear (&lab);
    }
}

static gboolean
fence_line (const VbLine *l, gboolean closing)
{
  gsize f = 0, t = l->len;
  vb_trim_range (l->text, &f, &t);
  return (t - f == 3 && memcmp (l->text + f, "---", 3) == 0)
         || (closing && t - f == 3 && memcmp (l->text + f, "...", 3) == 0);
}

/* "Key: value"; key and value are new strings (key as written, trimmed). */
static gboolean
key_value (const VbLine *l, gboolean fenced, char **key, char **value)
{
  const char *s = l->text;
  gsize len = l->len;
  gsize p = fenced ? skip_ws (s, len, 0) : 0;
  if (p >= len || !g_unichar_isalpha (g_utf8_get_char (s + p)))
    return FALSE;
  const char *colon = memchr (s + p, ':', len - p);
  if (colon == NULL)
    return FALSE;
  gsize c = colon - s;
  if (c + 1 < len && !ws_at (s, len, c + 1, NULL))
    return FALSE;
  gsize kf = p, kt = c;
  vb_trim_range (s, &kf, &kt);
  if (g_utf8_strlen (s + kf, kt - kf) > 40)
    return FALSE;
  guint words = 1;
  for (gsize i = kf; i < kt; i += utf8_len_at (s + i))
    {
      gunichar ch = g_utf8_get_char (s + i);
      if (ch == ' ' || ch == '\t')
        {
          if (s[i - 1] != ' ' && s[i - 1] != '\t')
            words++;
          continue;
        }
      if (!g_unichar_isalnum (ch) && ch != 0x2019
          && (ch >= 0x80 || strchr ("-_.'()/&", (int) ch) == NULL))
        return FALSE;
    }
  if (words > 5)
    return FALSE;
  gsize vf = c + 1, vt = len;
  vb_trim_range (s, &vf, &vt);
  if (fenced && vt - vf >= 2 && (s[vf] == '"' || s[vf] == '\'') && s[vt - 1] == s[vf])
    vf++, vt--;
  *key = squeeze_ws (s + kf, kt - kf);
  *value = g_strndup (s + vf, vt - vf);
  return TRUE;
}

/* Levenshtein distance between two UTF-8 strings, in characters. */
static guint
edit_distance (const char *a, const char *b)
{
  glong na = 0, nb = 0;
  g_autofree gunichar *ua = g_utf8_to_ucs4_fast (a, -1, &na);
  g_autofree gunichar *ub = g_utf8_to_ucs4_fast (b, -1, &nb);
  g_autofree guint *row = g_new (guint, nb + 1);
  for (glong j = 0; j <= nb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= na; i++)
    {
      guint diag = row[0];
      row[0] = (guint) i;
      for (glong j = 1; j <= nb; j++)
        {
          guint up = row[j];
          guint best = MIN (row[j] + 1, row[j - 1] + 1);
          row[j] = MIN (best, diag + (ua[i - 1] == ub[j - 1] ? 0 : 1));
          diag = up;
        }
    }
  return row[nb];
}

/* Header keys the importer reads itself, beside the study's. */
static const char *const own_keys[] = { "group", "date", "title", "phase", VB_GROUP_SIZE_KEY, NULL };

static void
consider_key (const char *norm, const char *known, const char **best, guint *best_d)
{
  if (known == NULL || *known == '\0')
    return;
  /* One word made from the other ("interview", "interviewer"; "group",
   * "groups") is another key, not a slip of the hand. */
  if (g_str_has_prefix (known, norm) || g_str_has_prefix (norm, known))
    return;
  guint d = edit_distance (norm, known);
  if (d < *best_d)
    {
      *best = known;
      *best_d = d;
    }
}

/* A header key that is not known (the study's declared and attribution
 * keys, the leaders' keys, own_keys) but lies within 2 edits of one (1
 * for keys under 6 characters, where 2 edits make another word: "site",
 * "date"), and is neither's prefix, is most likely a misspelling that would silently make a new
 * attribute: said, with the key meant. */
static void
check_key (VbTxtImport *im, const char *norm, guint line)
{
  static const char *const default_attribution[] = { "location", "age", "grade", NULL };
  const VbStudy *study = im->opts->study;
  const char *const *declared = study ? vb_study_keys (study) : NULL;
  const char *const *attribution = study ? vb_study_attribution_keys (study) : default_attribution;
  const char *const *lists[] = { declared, attribution, leader_keys, own_keys };
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] && lists[l][i]; i++)
      if (strcmp (norm, lists[l][i]) == 0)
        return;
  const char *best = NULL;
  guint best_d = G_MAXUINT;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] && lists[l][i]; i++)
      consider_key (norm, lists[l][i], &best, &best_d);
  guint limit = g_utf8_strlen (norm, -1) < 6 ? 1 : 2;
  if (best && best_d <= limit)
    vb_txt_warn (im, line, "unknown header key '%s': did you mean '%s'? (kept as '%s')", norm,
                 best, norm);
}

static void
store_header (VbTxtImport *im, const char *key, const char *value, guint line)
{
  g_autofree char *norm = vb_attr_key_normalize (key);
  check_key (im, norm, line);
  const VbAttr *old = vb_attrs_lookup (im->doc->attrs, norm);
  if (old)
    vb_txt_warn (im, line, "header key '%s' is given twice (also on line %u); the later "
                 "value is kept", norm, old->line);
  vb_attrs_set (im->doc->attrs, norm, value, line);
  if (in_list (leader_keys, norm) && *value)
    vb_speakers_add_leader (im->speakers, value);
}

/* A header key that is itself a speaker label ("Respondent 3", "Speaker 1",
 * "P2", "Q"): its line is a turn, never an attribute.  The leaders' keys
 * (Moderator, Interviewer, Facilitator and their plurals, as written) are
 * left to the value test, since "Moderator: Rachel" names one. */
static gboolean
speaker_label_key (const char *key)
{
  g_autofree char *nonum = NULL;
  g_autofree char *base = label_base (key, &nonum);
  g_autofree char *norm = vb_attr_key_normalize (key);
  if (in_list (leader_keys, norm))
    return FALSE;
  if (in_list (role_words, nonum) || in_list (role_words, base) || paren_role (key)
      || is_participant_code (key) || in_list (chorus_labels, base))
    return TRUE;
  g_auto (GStrv) words = g_strsplit (base, " ", -1);
  for (guint w = 0; words[w]; w++)
    if (in_list (speaker_nouns, words[w]))
      return TRUE;
  return FALSE;
}

/* A header value that reads as speech: a sentence of three words or more,
 * or more words than a title has ("House of Commons of Canada, Special
 * Committee on the COVID-19 Pandemic" is a value).  An unfenced block is a
 * guess, so such a line is named in a warning. */
static gboolean
speech_value (const char *value)
{
  gsize n = strlen (value);
  guint words = 0;
  gboolean in = FALSE;
  for (const char *p = value; *p; p++)
    {
      gboolean sp = *p == ' ' || *p == '\t';
      if (!sp && !in)
        words++;
      in = !sp;
    }
  return (n > 0 && strchr (".?!", value[n - 1]) && words >= 3) || words > 20;
}

/* A header value that names people rather than saying something. */
static gboolean
person_value (const char *value)
{
  gsize n = strlen (value);
  if (n == 0 || strchr (".?!,", value[n - 1]) || strpbrk (value, "?!;\"") != NULL)
    return FALSE;
  g_auto (GStrv) words = g_strsplit (value, " ", -1);
  if (g_strv_length (words) > 9)
    return FALSE;
  for (guint w = 0; words[w]; w++)
    {
      if (*words[w] == '\0')
        continue;
      gunichar c = g_utf8_get_char (words[w]);
      if (g_unichar_islower (c) && strcmp (words[w], "and") != 0
          && !in_list (particles, words[w]))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  char *key, *value;
  guint line;
} HeaderLine;

static void
header_line_clear (gpointer p)
{
  HeaderLine *h = p;
  g_free (h->key);
  g_free (h->value);
}

guint
vb_txt_header (VbTxtImport *im)
{
  guint n = im->lines->len, k = 0;
  while (k < n && vb_txt_blank (im, k))
    k++;
  if (k == n)
    return n;

  if (fence_line (vb_txt_line (im, k), FALSE))
    {
      guint m = k + 1;
      while (m < n && !fence_line (vb_txt_line (im, m), TRUE))
        m++;
      if (m < n)
        {
          for (guint i = k + 1; i < m; i++)
            {
              g_autofree char *key = NULL, *value = NULL;
              if (vb_txt_blank (im, i))
                continue;
              if (!key_value (vb_txt_line (im, i), TRUE, &key, &value))
                {
                  vb_txt_warn (im, vb_txt_line (im, i)->number,
                               "not a 'Key: value' line: ignored in the header block");
                  continue;
                }
              store_header (im, key, value, vb_txt_line (im, i)->number);
            }
          count_labels (im, m + 1, n);
          return m + 1;
        }
      vb_txt_warn (im, vb_txt_line (im, k)->number,
                   "the '---' that opens a header block is never closed: read as a separator");
      count_labels (im, k, n);
      return k;
    }

  /* Unfenced: the block up to the first blank line. */
  guint e = k;
  while (e < n && !vb_txt_blank (im, e))
    e++;
  g_autoptr (GArray) block = g_array_new (FALSE, FALSE, sizeof (HeaderLine));
  g_array_set_clear_func (block, header_line_clear);
  gboolean is_header = TRUE;
  for (guint i = k; is_header && i < e; i++)
    {
      HeaderLine h = { NULL, NULL, vb_txt_line (im, i)->number };
      if (key_value (vb_txt_line (im, i), FALSE, &h.key, &h.value))
        g_array_append_val (block, h);
      else
        is_header = FALSE;
    }
  guint r = e;
  while (r < n && vb_txt_blank (im, r))
    r++;
  if (r == n)
    is_header = FALSE;

  if (is_header)
    {
      count_labels (im, e, n);
      g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = e; i < n; i++)
        {
          VbLabel lab;
          vb_txt_label (im, i, &lab);
          if (lab.style != VB_LABEL_NONE)
            g_hash_table_add (used, fold (lab.label, -1));
          vb_label_clear (&lab);
        }
      gboolean excused = FALSE, unused = FALSE;
      for (guint i = 0; is_header && i < block->len; i++)
        {
          HeaderLine *h = &g_array_index (block, HeaderLine, i);
          g_autofree char *fk = fold (h->key, -1);
          g_autofree char *norm = vb_attr_key_normalize (h->key);
          gboolean speaker_key = in_list (leader_keys, norm) || in_list (role_words, fk)
                                 || in_list (speaker_nouns, fk);
          if (speaker_label_key (h->key))
            is_header = FALSE; /* "Respondent 3: I think..." is a turn */
          else if (speaker_key && !person_value (h->value))
            is_header = FALSE; /* "Interviewer: Thanks for coming." is a turn */
          else if (!g_hash_table_contains (used, fk))
            unused = TRUE;
          else if (in_list (leader_keys, norm) && person_value (h->value))
            excused = TRUE;
          else
            is_header = FALSE;
        }
      if (excused && !unused)
        is_header = FALSE;
    }

  if (!is_header)
    {
      vb_speakers_reset_counts (im->speakers);
      count_labels (im, k, n);
      return k;
    }
  for (guint i = 0; i < block->len; i++)
    {
      HeaderLine *h = &g_array_index (block, HeaderLine, i);
      if (speech_value (h->value))
        vb_txt_warn (im, h->line, "'%s: ...' reads as speech, yet its words are kept as a header "
                     "attribute, not as a segment (fence a header with '---' lines to say "
                     "it is one)", h->key);
      store_header (im, h->key, h->value, h->line);
    }
  return e;
}

VbSegment *
vb_txt_emit (VbTxtImport *im, const GArray *pieces, const char *speaker, VbRole role,
             VbPhase phase)
{
  GString *text = g_string_new (NULL);
  guint64 start = 0, end = 0;
  guint line = 0;
  gboolean para = FALSE;
  for (guint i = 0; i < pieces->len; i++)
    {
      const VbTxtPiece *pc = &g_array_index (pieces, VbTxtPiece, i);
      const VbLine *l = vb_txt_line (im, pc->li);
      gsize f = MIN (pc->from, l->len), t = MIN (pc->to, l->len);
      para = para || pc->para;
      if (f < t)
        vb_trim_range (l->text, &f, &t);
      if (f >= t)
        continue;
      guint64 cp = l->cp + g_utf8_strlen (l->text, f);
      if (text->len == 0)
        {
          start = cp;
          line = l->number;
        }
      else
        g_string_append_c (text, para ? '\n' : ' ');
      para = FALSE;
      g_string_append_len (text, l->text + f, t - f);
      end = cp + g_utf8_strlen (l->text + f, t - f);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  VbSegment *seg = vb_segment_new ();
  g_free (seg->document);
  seg->document = g_strdup (im->doc->id ? im->doc->id : "");
  seg->index = im->doc->segments->len + 1;
  g_free (seg->speaker);
  seg->speaker = g_strdup (speaker ? speaker : "");
  seg->role = role;
  seg->phase = phase;
  seg->start = start;
  seg->end = end;
  g_free (seg->text);
  seg->text = g_string_free (text, FALSE);
  seg->line = line;
  g_ptr_array_add (im->doc->segments, seg);
  return seg;
}
