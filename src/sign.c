/* sign: keys and signatures with OpenSSL. */
#include "sign.h"

#include <openssl/crypto.h>

const char *sign_lib_version(void)
{
	return OpenSSL_version(OPENSSL_VERSION);
}
