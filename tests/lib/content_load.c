/* The shipped questionnaires for the content tests, loaded once per test program. */
#include <stdio.h>

#include "content_load.h"
#include "yaml_load.h"

struct vg_questionnaire *communes, *express, *decouverte;

/* Loads questionnaires/NAME.yaml; NULL, with the loader's error on stderr, if it fails.
 * The caller frees it with model_questionnaire_free. */
static struct vg_questionnaire *content_load(const char *name)
{
	struct vg_questionnaire *q = NULL;
	struct vg_err err = {0};
	char path[512];

	snprintf(path, sizeof path, "%s/questionnaires/%s.yaml", TEST_SOURCE_DIR, name);
	if (yaml_load_questionnaire_file(path, &q, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return NULL;
	}
	return q;
}

int content_setup(void **state)
{
	(void)state;
	communes = content_load("communes");
	express = content_load("express");
	decouverte = content_load("decouverte");
	return communes != NULL && express != NULL && decouverte != NULL ? 0 : -1;
}

int content_teardown(void **state)
{
	(void)state;
	model_questionnaire_free(communes);
	model_questionnaire_free(express);
	model_questionnaire_free(decouverte);
	return 0;
}
