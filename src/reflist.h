/* reflist: the titles of references vigie names by id, not by number (monaidecyber:ID),
 * read from the reference lists embedded in the binary (docs/monaidecyber-measures.yaml, format
 * vigie-reflist/1, checked by tools/coverage.c). */
#ifndef VIGIE_REFLIST_H
#define VIGIE_REFLIST_H

#include "model.h"

/* The title of the entry id of source's list, or NULL when no list or entry has it. */
const struct vg_text *reflist_title(const char *source, const char *id);

#endif
