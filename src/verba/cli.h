/* cli.h: what every subcommand shares: exit codes, messages, the common
 * options and reading a segments stream. */
#pragma once

#include <glib.h>
#include "verba.h"

G_BEGIN_DECLS

enum {
  CLI_OK = 0,
  CLI_FAILED = 1,  /* bad input or a failure */
  CLI_USAGE = 2,   /* bad usage */
};

/* "verba CMD: message" on stderr. */
void cli_error (const char *cmd, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
void cli_warning (const char *cmd, const char *fmt, ...) G_GNUC_PRINTF (2, 3);
/* Prints err and returns the exit code its kind deserves. */
int  cli_fail (const char *cmd, GError *err);

/* Parses options; on --help prints and exits 0; on error prints and
 * returns FALSE (exit CLI_USAGE). */
gboolean cli_parse (GOptionContext *ctx, const char *cmd, int *argc, char ***argv);
GOptionContext *cli_context (const char *params, const char *summary, const char *description);

/* A text format (tsv … html); the binary ones are refused. */
gboolean cli_format (const char *cmd, const char *s, VbFormat *out);
/* Any format, xlsx, sav and dta too, these only to -o or a file or pipe. */
gboolean cli_table_format (const char *cmd, const char *s, const char *output, VbFormat *out);
/* Writes tables in a binary format to path (atomically) or stdout. */
int      cli_write_binary (const char *cmd, const char *path, VbTable *const *tables,
                           const VbCellMode *modes, guint n, const VbScale *scale,
                           VbFormat format, const char *after);
gboolean cli_cell_mode (const char *cmd, const char *s, VbCellMode *out);
gboolean cli_unit (const char *cmd, const char *s, VbUnit *out);
gboolean cli_phase (const char *cmd, const char *s, int *out);

/* A numeric option's value against its range; out of it, a usage error
 * naming the option and the range (the caller exits CLI_USAGE).  Ranges
 * keep a mistyped figure from asking for a million threads or terabytes. */
gboolean cli_option_in_range (const char *cmd, const char *option, gint64 value, gint64 min,
                              gint64 max);
#define CLI_MAX_JOBS 1024
#define CLI_MAX_BOOTSTRAP 100000
#define CLI_MAX_COUNT 1000000  /* quotes, words, characters */

/* Loads and merges one or more codebooks (-c may repeat). */
VbCodebook *cli_load_codebooks (char **names, GError **error);

/* Checks that attr is a column of the stream, naming the ones it has. */
gboolean cli_check_attr (const char *cmd, VbStreamReader *r, const char *attr);

/* Writes text to -o (atomically) or stdout. */
int cli_write_output (const char *cmd, const char *path, const GString *text);
/* The same for text in format: txt and md, read on terminals, have their
 * control characters replaced first (vb-terminal.h). */
int cli_write_output_as (const char *cmd, const char *path, GString *text, VbFormat format);

/* Flushes and closes standard output at the end of a run; a write that
 * failed turns status CLI_OK into CLI_FAILED, with a message. */
int cli_finish_stdout (const char *cmd, int status);
/* Sets up what every run needs before a command starts: standard output
 * is checked even when a run ends in exit() (--help). */
void cli_init (void);

/* How speakers are shown (vb-pseudonym.h): by name only with --names;
 * pseudonyms from path when given.  NULL with a message on a bad file. */
VbPseudonyms *cli_pseudonyms (const char *cmd, gboolean names, const char *path);
/* The --names and --pseudonyms entries, for commands with their own tables. */
#define CLI_PSEUDONYM_ENTRIES(names, path) \
  { "names", 0, 0, G_OPTION_ARG_NONE, names, \
    "Show speakers by name (default: codes such as P4 as written, else participant N)", NULL }, \
  { "pseudonyms", 0, 0, G_OPTION_ARG_FILENAME, path, \
    "CSV file with columns document, speaker, pseudonym: how to show each speaker", "FILE" }

/* TRUE when a progress line on stderr makes sense. */
gboolean cli_progress_wanted (gboolean quiet);

G_END_DECLS

G_BEGIN_DECLS
/* Options every table command shares. */
typedef struct {
  char    *unit;
  char    *format;
  char    *cell;
  char    *scale;
  char    *min_base;    /* NULL: the scale's */
  char    *small_base;  /* flag, suppress */
  char    *min_count;   /* NULL: no minimum cell count */
  char   **codebooks;
  char    *phase;
  char    *group_attr;
  char    *output;
  char    *attribution;
  gboolean names;       /* --names: speakers by name */
  char    *pseudonyms;  /* --pseudonyms FILE */
  char   **where;
  char    *campaigns;
  gboolean include_moderator;
  gboolean rollup;      /* the default; kept so that scripts saying it still run */
  gboolean no_rollup;
  gboolean no_total;
  /* Set by a command, not an option: called with the table before it is
   * written; may reorder it and write more after it.  Returns an exit
   * code, CLI_OK to go on. */
  int    (*finish) (const char *cmd, VbTally *tally, VbTable *table, VbFormat format,
                    GString *after);
} CliTableOptions;

/* The indicative scale from a file (NULL: the built-in one) with the
 * --min-base, --min-count and --small-base options applied (each NULL:
 * the scale's); NULL after printing the error, *status the exit code. */
VbScale *cli_scale (const char *cmd, const char *path, const char *min_base,
                    const char *min_count, const char *small_base, int *status);
/* Adds the shared options to ctx, filling o. */
void cli_table_options_add (GOptionContext *ctx, CliTableOptions *o);
/* Reads a coded stream (path or "-") through a tally set up from o and
 * base, then writes the table.  rows/cols attributes are checked against
 * the stream's columns. */
int  cli_tabulate (const char *cmd, const char *path, CliTableOptions *o, VbTallyOptions *base,
                   VbCellMode default_cell, const char *title);
G_END_DECLS
