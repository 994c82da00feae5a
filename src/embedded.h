/* embedded: questionnaires and check profiles compiled into the binary. */
#ifndef VIGIE_EMBEDDED_H
#define VIGIE_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name; /* base name, e.g. "communes.yaml" */
	const unsigned char *data;
	size_t len;
};

/* The table generated at build time, ended by an entry whose name is NULL. */
extern const struct embedded_file embedded_files[];

/* Returns the embedded file with this base name, or NULL. */
const struct embedded_file *embedded_find(const char *name);

#endif
