/* sign: keys, minisign-format Ed25519 signatures and CMS signatures, made and verified
 * with OpenSSL (docs/signatures.md). The only module that includes OpenSSL's signing
 * headers. */
#ifndef VIGIE_SIGN_H
#define VIGIE_SIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define SIGN_KEYID_LEN      8
#define SIGN_MAX_KEY_FILE   (64u << 10) /* bytes of a key, certificate or .pub file */
#define SIGN_MAX_SIG_FILE   (1u << 20)  /* bytes of a .minisig or .p7s file */
#define SIGN_UNTRUSTED_MAX  1024        /* bytes of an untrusted comment (as minisign) */
#define SIGN_TRUSTED_MAX    8192        /* bytes of a trusted comment (as minisign) */
#define SIGN_PASSPHRASE_MAX 1024
#define SIGN_PASSPHRASE_ENV "VIGIE_PASSPHRASE"

/* The OpenSSL version vigie runs with, e.g. "OpenSSL 3.0.19 27 Jan 2026". */
const char *sign_lib_version(void);
/* The libsodium version, for vigie --version. */
const char *sign_sodium_version(void);

/* An Ed25519 public key with its minisign key id. */
struct sign_pubkey {
	unsigned char keyid[SIGN_KEYID_LEN];
	bool has_keyid; /* false for a PEM key, which carries none */
	unsigned char pk[32];
	/* The "insee:CODE" its .pub's untrusted comment proposes (vigie keygen --insee), or
	 * "": a hint for the consultant's binding, never the binding itself. */
	char insee_hint[6];
};

/* A parsed .minisig file. */
struct sign_minisig {
	char alg[3]; /* "ED" (BLAKE2b-512 prehashed); the legacy "Ed" is refused */
	unsigned char keyid[SIGN_KEYID_LEN];
	unsigned char sig[64];
	char untrusted[SIGN_UNTRUSTED_MAX + 1];
	char trusted[SIGN_TRUSTED_MAX + 1];
	unsigned char global_sig[64];
};

/* A secret key loaded from a PEM file; opaque. */
struct sign_key;

/* The default key prefix, $XDG_CONFIG_HOME/vigie/vigie (~/.config/vigie/vigie); with
 * create, makes the directory (mode 0700) when missing. */
int sign_default_prefix(char *out, size_t outlen, bool create, struct vg_err *err);

/* Reads a passphrase from $VIGIE_PASSPHRASE, else from the terminal with echo off (twice
 * when confirm); fails, without prompting, when there is no terminal. The caller wipes
 * buf with vg_cleanse. */
int sign_passphrase(const char *prompt, bool confirm, char *buf, size_t size, struct vg_err *err);

/* Creates an Ed25519 key pair: PREFIX.key (PEM PKCS#8, created O_EXCL|O_NOFOLLOW, mode
 * 0600, encrypted with AES-256-CBC PBES2 and scrypt when passphrase is not NULL),
 * PREFIX.pub
 * (minisign; its comment ends with " insee:CODE" when insee is not NULL, a valid INSEE
 * code) and PREFIX.pub.pem. pub receives the public key. */
int sign_keygen(const char *prefix, const char *passphrase, const char *insee,
                struct sign_pubkey *pub, struct vg_err *err);

/* True when the n bytes at s are an INSEE code: 5 digits, or 2A/2B and 3 digits. */
bool sign_insee_ok(const char *s, size_t n);

/* Writes the key id as minisign prints it (16 uppercase hex digits) into out[17]. */
void sign_keyid_hex(const unsigned char keyid[SIGN_KEYID_LEN], char out[17]);
/* Writes the SHA-256 of the public key, lowercase hex in groups of 4, into out[80]. */
void sign_fingerprint(const struct sign_pubkey *pub, char out[80]);

/* Loads a secret key file: refuses a symlink, a file readable or writable by group or
 * others, and asks for the passphrase (sign_passphrase) only when the key is encrypted.
 * Free with sign_key_free. */
int sign_key_load(const char *path, struct sign_key **out, struct vg_err *err);
/* Sets *enc when the secret key file at path is encrypted (so that loading it needs a
 * passphrase), with the same refusals as sign_key_load; never prompts. */
int sign_key_encrypted(const char *path, bool *enc, struct vg_err *err);
/* Frees a secret key, wiping it; NULL is fine. */
void sign_key_free(struct sign_key *k);
/* The public half of an Ed25519 secret key; fails for other key types. */
int sign_key_pubkey(const struct sign_key *k, struct sign_pubkey *pub, struct vg_err *err);

/* Parses a public key: minisign's .pub (comment line and base64), its base64 line alone,
 * or a PEM SubjectPublicKeyInfo of an Ed25519 key. what names it in messages. */
int sign_pubkey_parse(const char *what, const char *data, size_t len, struct sign_pubkey *out,
                      struct vg_err *err);
/* Reads and parses a public key file. */
int sign_pubkey_read(const char *path, struct sign_pubkey *out, struct vg_err *err);

/* Makes a .minisig ("ED": Ed25519 over BLAKE2b-512 of msg, global signature over the
 * signature and trusted comment) into *out, which the caller frees. */
int sign_minisig_make(const struct sign_key *k, const void *msg, size_t len,
                      const char *trusted_comment, char **out, size_t *outlen, struct vg_err *err);
/* Parses a .minisig file's bytes; what names it in messages. */
int sign_minisig_parse(const char *what, const char *data, size_t len, struct sign_minisig *out,
                       struct vg_err *err);
/* Verifies sig over msg with pub: key id (for a PEM key, the id vigie derives from it),
 * signature, then global signature. */
int sign_minisig_verify(const struct sign_pubkey *pub, const struct sign_minisig *sig,
                        const void *msg, size_t len, struct vg_err *err);

/* The public keys minisign signatures are checked against, as `verify` and `collect` take
 * them: one --pubkey file, or every *.pub of a --trusted directory. */
struct sign_trust {
	struct sign_pubkey *keys;
	char **names; /* per key: its file name (in the directory), for messages and bindings */
	size_t nkeys;
	const char *from; /* the file or the directory, for messages */
	bool dir;         /* from a directory: a key id not among the keys is refused */
};

#define SIGN_MAX_TRUSTED_KEYS 10000

/* Reads the key file path into an empty t. */
int sign_trust_file(struct sign_trust *t, const char *path, struct vg_err *err);
/* Reads into an empty t every dir/NAME.pub (NAME not starting with '.'), in name order; a
 * file that is not a public key is skipped, and skipped(its error) called. More than
 * SIGN_MAX_TRUSTED_KEYS keys, a directory that cannot be read, or two files giving the
 * same key id (one may shadow the other: both are named) is an error. */
int sign_trust_dir(struct sign_trust *t, const char *dir, void (*skipped)(const char *msg),
                   struct vg_err *err);
void sign_trust_free(struct sign_trust *t);
/* Verifies sig over msg with the keys of t whose id it names, each in turn; *used (when
 * not NULL) receives the index of the key that verified. From a directory, a key id not
 * among its keys is refused as "not in DIR"; from a file, another id than the key's is
 * refused (for a PEM key, the id vigie derives from it). */
int sign_trust_verify(const struct sign_trust *t, const struct sign_minisig *sig, const void *msg,
                      size_t len, size_t *used, struct vg_err *err);

/* Fails when the trusted comment names a questionnaire id, version or SHA-256 other than
 * the given ones (those it does not name are not compared). */
int sign_comment_check_questionnaire(const char *comment, const char *id, const char *version,
                                     const char *sha256, struct vg_err *err);

/* Copies the value of "key:" from a trusted comment made of tab-separated key:value
 * fields into out; -1 when absent or longer than outlen. */
int sign_comment_get(const char *comment, const char *key, char *out, size_t outlen);

/* Makes a detached CMS signature (DER, CMS_BINARY, signer certificate embedded) of msg with
 * the certificate in certpath and its key k; *der is the caller's to free. */
int sign_cms_make(const struct sign_key *k, const char *certpath, const void *msg, size_t len,
                  unsigned char **der, size_t *derlen, struct vg_err *err);

/* What a verified CMS signature says about its signer. */
struct sign_cms_signer {
	char subject[256];    /* the signer certificate's subject, one line */
	char fingerprint[24]; /* first 8 bytes of its SHA-256, uppercase hex */
};

/* Verifies a detached DER CMS signature of msg against the CA certificates of cafile only
 * (no default paths), dates included; fills who on success. */
int sign_cms_verify(const char *cafile, const unsigned char *der, size_t derlen, const void *msg,
                    size_t len, struct sign_cms_signer *who, struct vg_err *err);

#endif
