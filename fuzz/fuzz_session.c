/* libFuzzer target: the session file reader (session_parse), against the embedded
 * decouverte questionnaire. Seed corpus: tests/data/session. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vg_questionnaire *q;
	struct session *s = NULL;
	struct vg_err err = {0};
	char *migrated = NULL;

	if (q == NULL && cli_load_questionnaire("decouverte", &q, &err) != 0)
		abort();
	if (session_parse(q, "fuzz", (const char *)data, size, &s, &migrated, &err) == 0) {
		/* What was read must serialize and read back. */
		char *json = session_serialize(s), *m2 = NULL;
		struct session *back = NULL;

		if (session_parse(q, "again", json, strlen(json), &back, &m2, &err) != 0)
			abort();
		session_free(back);
		free(m2);
		free(json);
		session_free(s);
	}
	free(migrated);
	return 0;
}
