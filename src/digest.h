/* digest: SHA-256 of byte strings, for modules that must not include OpenSSL themselves. */
#ifndef VIGIE_DIGEST_H
#define VIGIE_DIGEST_H

#include <stddef.h>

/* Writes the SHA-256 of the n bytes at p into out. */
void digest_sha256(const void *p, size_t n, unsigned char out[32]);
/* Writes the lowercase hex SHA-256 of the n bytes at p into out (65 bytes). */
void digest_sha256_hex(const void *p, size_t n, char out[65]);

#endif
