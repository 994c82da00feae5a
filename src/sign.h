/* sign: keys, minisign-format Ed25519 signatures and CMS signatures, made and verified
 * with OpenSSL (docs/signatures.md). */
#ifndef VIGIE_SIGN_H
#define VIGIE_SIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The OpenSSL version vigie runs with, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
const char *sign_lib_version(void);

#endif
