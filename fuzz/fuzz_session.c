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

	char *buf, *at;

	if (q == NULL && cli_load_questionnaire("decouverte", &q, &err) != 0)
		abort();
	/* "@SHA256@" stands for the questionnaire's sha256, so the strict (same questionnaire)
	 * paths are reachable, not only the migration ones. */
	buf = malloc(size + 64 + 1);
	if (buf == NULL)
		abort();
	memcpy(buf, data, size);
	buf[size] = '\0';
	at = NULL;
	for (size_t i = 0; i + 8 <= size && at == NULL; i++)
		if (memcmp(buf + i, "@SHA256@", 8) == 0)
			at = buf + i;
	if (at != NULL) {
		memmove(at + 64, at + 8, size - (size_t)(at - buf) - 8);
		memcpy(at, q->sha256_hex, 64);
		size += 56;
	}
	if (session_parse(q, "fuzz", buf, size, &s, &migrated, &err) == 0) {
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
	free(buf);
	return 0;
}
