/* libFuzzer target: the questionnaire loader on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>

#include "scoring.h"
#include "yaml_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vg_questionnaire *q;
	struct vg_err err;

	if (yaml_load_questionnaire("fuzz.yaml", (const char *)data, size, &q, &err) == 0) {
		/* A questionnaire that loads must also score an empty answer set. */
		struct vg_answers *as = model_answers_new(q);
		struct score_result r;

		score_compute(as, NULL, 0, &r);
		score_free(&r);
		model_answers_free(as);
		model_questionnaire_free(q);
	}
	return 0;
}
