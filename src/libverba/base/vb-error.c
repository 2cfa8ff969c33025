#include "base/vb-error.h"

G_DEFINE_QUARK (verba-error-quark, vb_error)
