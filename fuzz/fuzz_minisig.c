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
		/* The trusted-directory path: every key whose id matches is tried. */
		struct sign_pubkey keys[2] = {pub, pub};
		char *names[2] = {"a.pub", "b.pub"};
		struct sign_trust t = {keys, names, 2, "fuzz", true};
		size_t used;

		keys[1].pk[0] ^= 1;
		sign_trust_verify(&t, &sig, msg, sizeof msg - 1, &used, &err);
		sign_comment_get(sig.trusted, "questionnaire_sha256", val, sizeof val);
	}
	if (sign_pubkey_parse("fuzz", (const char *)data, size, &pub, &err) == 0) {
		char id[17], fp[80];

		sign_keyid_hex(pub.keyid, id);
		sign_fingerprint(&pub, fp);
		if (pub.insee_hint[0] != '\0' && !sign_insee_ok(pub.insee_hint, 5))
			__builtin_trap();
	}
	return 0;
}
