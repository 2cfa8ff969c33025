/* vb-error.h: the one error domain of libverba. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VB_ERROR (vb_error_quark ())
GQuark vb_error_quark (void);

typedef enum {
  VB_ERROR_IO,        /* a file could not be read or written */
  VB_ERROR_PARSE,     /* input that does not follow its format */
  VB_ERROR_ENCODING,  /* input that is not valid UTF-8 */
  VB_ERROR_RULE,      /* a rule expression that does not compile */
  VB_ERROR_CODEBOOK,  /* a codebook that does not hold together */
  VB_ERROR_USAGE,     /* options that do not fit together */
  VB_ERROR_ATTRIBUTE, /* an attribute that is unknown or not declared */
} VbErrorCode;

G_END_DECLS
