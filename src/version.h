/* version: what `vigie --version` prints. */
#ifndef VIGIE_VERSION_H
#define VIGIE_VERSION_H

#include <stdio.h>

/* vigie's version string, e.g. "0.1.0". */
const char *version_string(void);
/* The git revision vigie was built from, or "unknown". */
const char *version_git_rev(void);
/* Prints the version, revision and the runtime versions of the libraries. */
void version_print(FILE *f);

#endif
