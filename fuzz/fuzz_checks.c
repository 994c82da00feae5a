/* libFuzzer target: the check profile loader (YAML subset, schema, each kind's params),
 * without and with a questionnaire to check `informs` against.
 * Seed corpus: tests/data/checks (the bad corpus, good-minimal.yaml) and checks/. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "check/check.h"
#include "yaml_load.h"

/* A questionnaire with the ids profiles inform, loaded once. */
static struct vg_questionnaire *fuzz_questionnaire(void)
{
	static struct vg_questionnaire *q;
	static const char text[] =
	    "format: vigie-questionnaire/1\nid: test-checks\nversion: 1.0.0\n"
	    "title: {fr: T}\ndomains:\n  - id: comptes\n    title: {fr: C}\n    questions:\n"
	    "      - id: comptes.droits_serveur\n        text: {fr: Q}\n        help: {fr: H}\n"
	    "        options: [{id: non, value: 0, text: {fr: N}}, {id: oui, value: 3, "
	    "text: {fr: O}}]\n"
	    "      - id: comptes.partages\n        text: {fr: Q}\n        help: {fr: H}\n"
	    "        options: [{id: non, value: 0, text: {fr: N}}, {id: oui, value: 3, "
	    "text: {fr: O}}]\n";
	struct vg_err err = {0};

	if (q == NULL && yaml_load_questionnaire("fuzz-q", text, sizeof text - 1, &q, &err) != 0)
		abort();
	return q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct check_profile *p = NULL;
	struct vg_err err = {0};

	if (yaml_load_checks("fuzz", (const char *)data, size, NULL, &p, &err) == 0) {
		if (p == NULL || p->nchecks == 0)
			abort();
		check_profile_free(p);
	} else if (p != NULL || err.msg[0] == '\0') {
		abort();
	}
	if (yaml_load_checks("fuzz", (const char *)data, size, fuzz_questionnaire(), &p, &err) == 0)
		check_profile_free(p);
	return 0;
}
