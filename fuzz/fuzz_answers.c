/* libFuzzer target: the answers loader, against the embedded discovery questionnaire. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "embedded.h"
#include "scoring.h"
#include "yaml_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct vg_questionnaire *fuzz_q;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vg_answers *as;
	struct vg_err err;

	if (fuzz_q == NULL) {
		const struct embedded_file *f = embedded_find("decouverte.yaml");

		if (f == NULL || yaml_load_questionnaire("decouverte.yaml", (const char *)f->data,
		                                         f->len, &fuzz_q, &err) != 0)
			abort();
	}
	if (yaml_load_answers(fuzz_q, "fuzz.yaml", (const char *)data, size, &as, &err) == 0) {
		struct score_result r;

		score_compute(as, NULL, 0, &r);
		score_free(&r);
		model_answers_free(as);
	}
	return 0;
}
