/* libFuzzer target: the scorecard reader. Seed corpus: tests/data/scorecard/. */
#include <stddef.h>
#include <stdint.h>

#include "scorecard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vg_err err;
	struct scorecard *sc;

	if (scorecard_read((const char *)data, size, &sc, &err) == 0)
		scorecard_free(sc);
	return 0;
}
