/* The shipped questionnaires, as the real loader reads them from the source tree: the
 * group fixtures of the tests that pin their content. */
#ifndef VIGIE_TESTS_CONTENT_LOAD_H
#define VIGIE_TESTS_CONTENT_LOAD_H

#include "model.h"

/* Set by content_setup, freed by content_teardown. */
extern struct vg_questionnaire *communes, *express, *decouverte;

/* cmocka group setup: loads communes, express and decouverte; -1 if one fails. */
int content_setup(void **state);

/* cmocka group teardown: frees what content_setup loaded. */
int content_teardown(void **state);

#endif
