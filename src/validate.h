/* validate: the table of file formats `vigie validate` knows. */
#ifndef VIGIE_VALIDATE_H
#define VIGIE_VALIDATE_H

#include <stddef.h>

#include "util.h"

/* One format: validate prints its OK line on stdout or fills err. */
struct validate_kind {
	const char *format; /* value of the top-level `format` key */
	int (*validate)(const char *path, const char *data, size_t len, const char *qarg,
	                struct vg_err *err);
};

/* Returns the kind for a format value, or NULL. */
const struct validate_kind *validate_find(const char *format);
/* Comma-separated list of the formats known, for messages. */
const char *validate_known_formats(void);

#endif
