/* libFuzzer target: the .minisig and public key parsers, and verification of what they
 * accept. Seed corpus: tests/data/minisig/. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char msg[] = "{\"format\": \"vigie-scorecard/1\"}\n";
	struct sign_minisig sig;
	struct sign_pubkey pub;
	struct vg_err err;
	char val[64];

	if (sign_minisig_parse("fuzz", (const char *)data, size, &sig, &err) == 0) {
		memset(&pub, 0, sizeof pub);
		memcpy(pub.keyid, sig.keyid, sizeof pub.keyid);
		pub.has_keyid = true;
		sign_minisig_verify(&pub, &sig, msg, sizeof msg - 1, &err);
		sign_comment_get(sig.trusted, "questionnaire_sha256", val, sizeof val);
	}
	if (sign_pubkey_parse("fuzz", (const char *)data, size, &pub, &err) == 0) {
		char id[17], fp[80];

		sign_keyid_hex(pub.keyid, id);
		sign_fingerprint(&pub, fp);
	}
	return 0;
}
