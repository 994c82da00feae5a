/* digest: SHA-256 through OpenSSL's EVP interface. */
#include "digest.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include "util.h"

void digest_sha256(const void *p, size_t n, unsigned char out[32])
{
	unsigned int len = 32;

	if (EVP_Digest(p, n, out, &len, EVP_sha256(), NULL) != 1)
		abort();
}

void digest_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char md[32];

	digest_sha256(p, n, md);
	vg_hex(md, sizeof md, out);
}
