/* Unit tests of the sign module: keys, minisign format, tampering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "scorecard.h"
#include "sign.h"

struct fixture {
	char dir[64];
	char prefix[128];
	struct sign_key *key;
	struct sign_pubkey pub;
	char *msg;
	size_t len;
};

static const char comment[] = "signer:Test\ttime:2026-11-29T04:00:00Z\tquestionnaire:decouverte";

static int setup(void **state)
{
	struct fixture *f = vg_calloc(1, sizeof *f);
	struct vg_err err = {0};
	char path[160];

	snprintf(f->dir, sizeof f->dir, "/tmp/vigie-test-sign-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->prefix, sizeof f->prefix, "%s/k", f->dir);
	unsetenv(SIGN_PASSPHRASE_ENV);
	snprintf(path, sizeof path, "%s.key", f->prefix);
	if (sign_keygen(f->prefix, NULL, NULL, &f->pub, &err) != 0 ||
	    sign_key_load(path, &f->key, &err) != 0 ||
	    vg_read_file(TEST_DATA_DIR "/scorecard/good-saint-exemple.json", SCORECARD_MAX_FILE,
	                 false, &f->msg, &f->len, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	const char *ext[] = {".key", ".pub", ".pub.pem", "2.key", "2.pub", "2.pub.pem"};
	char path[200];

	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		snprintf(path, sizeof path, "%s%s", f->prefix, ext[i]);
		unlink(path);
	}
	rmdir(f->dir);
	sign_key_free(f->key);
	free(f->msg);
	free(f);
	return 0;
}

static void sign_and_parse(struct fixture *f, struct sign_minisig *sig)
{
	struct vg_err err = {0};
	char *text;
	size_t n;

	assert_int_equal(sign_minisig_make(f->key, f->msg, f->len, comment, &text, &n, &err), 0);
	assert_int_equal(sign_minisig_parse("sig", text, n, sig, &err), 0);
	free(text);
}

static void test_keygen_writes_a_0600_secret_key_and_two_public_keys(void **state)
{
	struct fixture *f = *state;
	struct sign_pubkey a, b;
	struct vg_err err = {0};
	struct stat st;
	char path[200];

	snprintf(path, sizeof path, "%s.key", f->prefix);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	snprintf(path, sizeof path, "%s.pub", f->prefix);
	assert_int_equal(sign_pubkey_read(path, &a, &err), 0);
	assert_true(a.has_keyid);
	assert_memory_equal(a.pk, f->pub.pk, 32);
	assert_memory_equal(a.keyid, f->pub.keyid, SIGN_KEYID_LEN);
	snprintf(path, sizeof path, "%s.pub.pem", f->prefix);
	assert_int_equal(sign_pubkey_read(path, &b, &err), 0);
	assert_memory_equal(b.pk, f->pub.pk, 32);
}

static void test_keygen_never_overwrites_a_key(void **state)
{
	struct fixture *f = *state;
	struct sign_pubkey pub;
	struct vg_err err = {0};

	assert_int_equal(sign_keygen(f->prefix, NULL, NULL, &pub, &err), -1);
	assert_non_null(strstr(err.msg, "existe déjà"));
}

static void test_encrypted_key_needs_its_passphrase(void **state)
{
	struct fixture *f = *state;
	char prefix[160], path[170];
	struct sign_pubkey pub;
	struct sign_key *k = NULL;
	struct vg_err err = {0};

	snprintf(prefix, sizeof prefix, "%s2", f->prefix);
	snprintf(path, sizeof path, "%s.key", prefix);
	assert_int_equal(sign_keygen(prefix, "correct horse", NULL, &pub, &err), 0);
	setenv(SIGN_PASSPHRASE_ENV, "wrong horse", 1);
	assert_int_equal(sign_key_load(path, &k, &err), -1);
	assert_non_null(strstr(err.msg, "mauvaise phrase de passe"));
	setenv(SIGN_PASSPHRASE_ENV, "correct horse", 1);
	assert_int_equal(sign_key_load(path, &k, &err), 0);
	unsetenv(SIGN_PASSPHRASE_ENV);
	sign_key_free(k);
}

static void test_signature_verifies_and_keeps_the_comment(void **state)
{
	struct fixture *f = *state;
	struct sign_minisig sig;
	struct vg_err err = {0};
	char val[64];

	sign_and_parse(f, &sig);
	assert_string_equal(sig.alg, "ED");
	assert_string_equal(sig.trusted, comment);
	assert_int_equal(sign_minisig_verify(&f->pub, &sig, f->msg, f->len, &err), 0);
	assert_int_equal(sign_comment_get(sig.trusted, "questionnaire", val, sizeof val), 0);
	assert_string_equal(val, "decouverte");
	assert_int_equal(sign_comment_get(sig.trusted, "signer", val, sizeof val), 0);
	assert_string_equal(val, "Test");
	assert_int_equal(sign_comment_get(sig.trusted, "nothing", val, sizeof val), -1);
}

/* Flipping any single bit in any byte of the scorecard breaks the signature. */
static void test_every_single_byte_change_is_refused(void **state)
{
	struct fixture *f = *state;
	struct sign_minisig sig;
	struct vg_err err = {0};
	const unsigned char flips[] = {0x01, 0x80};

	sign_and_parse(f, &sig);
	for (size_t i = 0; i < f->len; i++) {
		for (size_t j = 0; j < sizeof flips; j++) {
			f->msg[i] ^= (char)flips[j];
			if (sign_minisig_verify(&f->pub, &sig, f->msg, f->len, &err) == 0)
				fail_msg("byte %zu ^ 0x%02x accepted", i, flips[j]);
			f->msg[i] ^= (char)flips[j];
		}
	}
	assert_non_null(strstr(err.msg, "la signature ne correspond pas"));
	assert_int_equal(sign_minisig_verify(&f->pub, &sig, f->msg, f->len - 1, &err), -1);
	assert_int_equal(sign_minisig_verify(&f->pub, &sig, f->msg, f->len, &err), 0);
}

static void test_changed_trusted_comment_is_refused(void **state)
{
	struct fixture *f = *state;
	struct sign_minisig sig;
	struct vg_err err = {0};

	sign_and_parse(f, &sig);
	sig.trusted[8] ^= 1;
	assert_int_equal(sign_minisig_verify(&f->pub, &sig, f->msg, f->len, &err), -1);
	assert_non_null(strstr(err.msg, "le commentaire de confiance a été modifié"));
}

static void test_other_key_is_refused_by_key_id(void **state)
{
	struct fixture *f = *state;
	struct sign_pubkey other = f->pub;
	struct sign_minisig sig;
	struct vg_err err = {0};

	sign_and_parse(f, &sig);
	other.keyid[0] ^= 1;
	assert_int_equal(sign_minisig_verify(&other, &sig, f->msg, f->len, &err), -1);
	assert_non_null(strstr(err.msg, "signé avec la clé"));
	other = f->pub;
	other.pk[5] ^= 1;
	assert_int_equal(sign_minisig_verify(&other, &sig, f->msg, f->len, &err), -1);
}

static void test_malformed_minisig_files_are_refused(void **state)
{
	static const struct {
		const char *text, *why;
	} bad[] = {
	    {"", "4 lignes attendues"},
	    {"untrusted comment: x\n", "4 lignes attendues"},
	    {"a\nb\nc\nd\ne\n", "5 trouvées"},
	    {"a\nb\nc\nd\ne\nf\n", "plus de 5"},
	    {"comment: x\nAAAA\ntrusted comment: y\nAAAA\n", "ligne 1"},
	    {"untrusted comment: x\nAAAA\ntrusted comment: y\nAAAA\n", "ligne 2"},
	    {"untrusted comment: x\n!!!\ntrusted comment: y\nAAAA\n", "ligne 2"},
	};
	struct fixture *f = *state;
	struct sign_minisig sig;
	struct vg_err err = {0};
	char *text, *p;
	size_t n;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (sign_minisig_parse("sig", bad[i].text, strlen(bad[i].text), &sig, &err) == 0)
			fail_msg("accepted: %s", bad[i].text);
		if (strstr(err.msg, bad[i].why) == NULL)
			fail_msg("'%s' lacks '%s'", err.msg, bad[i].why);
	}
	assert_int_equal(sign_minisig_make(f->key, f->msg, f->len, comment, &text, &n, &err), 0);
	/* An unknown algorithm tag: re-encode line 2 with "EX". */
	p = strstr(text, "\nRU");
	assert_non_null(p);
	p[2] = 'V'; /* "RU" is base64 of "E" + 0x44 ('D'); "RV" changes the second byte */
	assert_int_equal(sign_minisig_parse("sig", text, n, &sig, &err), -1);
	assert_non_null(strstr(err.msg, "algorithme de signature inconnu"));
	free(text);
	assert_int_equal(sign_minisig_make(f->key, f->msg, f->len, "a\nb", &text, &n, &err), -1);
}

static void test_public_key_parser_is_strict(void **state)
{
	static const char *const bad[] = {
	    "",
	    "untrusted comment: x\n",
	    "untrusted comment: x\nRWQ=\n",
	    "untrusted comment: x\nRWSsz3vBGVY/JQmHUpOyhlEmPiwdIw78jHgoYBZvd8lJS9uxbONeMgP\n",
	    "untrusted comment: x\nRWSsz3vBGVY/JQmHUpOyhlEmPiwdIw78jHgoYBZvd8lJS9uxbONeMgPW=\n",
	    "untrusted comment: x\nRWSsz3vBGVY/JQmHUpOyhlEmPiwdIw78jHgoYBZvd8lJS9uxbONeMgPW\nx\n",
	    "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
	};
	const char good[] = "untrusted comment: minisign public key 253F5619C17BCFAC\n"
	                    "RWSsz3vBGVY/JQmHUpOyhlEmPiwdIw78jHgoYBZvd8lJS9uxbONeMgPW\n";
	struct sign_pubkey pub;
	struct vg_err err = {0};
	char id[17];

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (sign_pubkey_parse("pub", bad[i], strlen(bad[i]), &pub, &err) == 0)
			fail_msg("accepted: %s", bad[i]);
	assert_int_equal(sign_pubkey_parse("pub", good, strlen(good), &pub, &err), 0);
	sign_keyid_hex(pub.keyid, id);
	assert_string_equal(id, "253F5619C17BCFAC");
}

/* Keys that no signature can match (small-order points, a non-canonical encoding) are
 * refused when read, with a message that names the key rather than the signature. */
static void test_unusable_public_key_is_refused_when_read(void **state)
{
	static const char *const bad[] = {
	    "untrusted comment: 1\nRWSsz3vBGVY/JQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
	    "untrusted comment: 0\nRWSsz3vBGVY/JQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n",
	    "untrusted comment: p\nRWSsz3vBGVY/Jf////////////////////////////////////////9/\n",
	};
	struct sign_pubkey pub;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct vg_err err = {0};

		if (sign_pubkey_parse("k.pub", bad[i], strlen(bad[i]), &pub, &err) == 0)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(strstr(err.msg, "k.pub : clé publique Ed25519 invalide"));
	}
}

static int skipped_count;
static char skipped_msg[VG_ERR_MAX];

static void count_skipped(const char *msg)
{
	skipped_count++;
	snprintf(skipped_msg, sizeof skipped_msg, "%s", msg);
}

static void write_text(const char *dir, const char *name, const char *text)
{
	char path[200];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* --trusted DIR: the *.pub files in name order, hidden files and other names ignored, a
 * file that is not a key skipped (and said), too many keys refused. */
static void test_trusted_directory_is_read_in_order(void **state)
{
	struct fixture *f = *state;
	const char other[] = "untrusted comment: minisign public key 253F5619C17BCFAC\n"
	                     "RWSsz3vBGVY/JQmHUpOyhlEmPiwdIw78jHgoYBZvd8lJS9uxbONeMgPW\n";
	const char *names[] = {"a.pub", "b.pub", "c.pub", ".hidden.pub", "notes.txt"};
	struct sign_trust t;
	struct sign_minisig sig;
	struct vg_err err = {0};
	char dir[64], path[200], *mine, id[17];
	size_t n;

	snprintf(dir, sizeof dir, "/tmp/vigie-test-trust-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s.pub", f->prefix);
	assert_int_equal(vg_read_file(path, 4096, false, &mine, &n, &err), 0);
	write_text(dir, "a.pub", other);
	write_text(dir, "b.pub", mine);
	write_text(dir, "c.pub", "not a key\n");
	write_text(dir, ".hidden.pub", mine);
	write_text(dir, "notes.txt", "not a key either\n");
	free(mine);

	skipped_count = 0;
	assert_int_equal(sign_trust_dir(&t, dir, count_skipped, &err), 0);
	assert_int_equal(t.nkeys, 2);
	assert_true(t.dir);
	sign_keyid_hex(t.keys[0].keyid, id);
	assert_string_equal(id, "253F5619C17BCFAC");
	assert_memory_equal(t.keys[1].keyid, f->pub.keyid, SIGN_KEYID_LEN);
	assert_int_equal(skipped_count, 1);
	assert_non_null(strstr(skipped_msg, "c.pub"));
	sign_and_parse(f, &sig);
	assert_int_equal(sign_trust_verify(&t, &sig, f->msg, f->len, NULL, &err), 0);
	sign_trust_free(&t);

	for (int i = 0; i < SIGN_MAX_TRUSTED_KEYS - 2; i++) {
		char name[32];

		snprintf(name, sizeof name, "k%05d.pub", i);
		write_text(dir, name, "");
	}
	assert_int_equal(sign_trust_dir(&t, dir, count_skipped, &err), -1);
	assert_non_null(strstr(err.msg, "plus de 10000 clés publiques"));
	sign_trust_free(&t);

	for (int i = 0; i < SIGN_MAX_TRUSTED_KEYS - 2; i++) {
		snprintf(path, sizeof path, "%s/k%05d.pub", dir, i);
		unlink(path);
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	assert_int_equal(rmdir(dir), 0);
}

/* Issue 16, point 1: a .pub carrying another key's id with its own key (commune B posing as
 * A) would shadow A's key in a trusted directory. The directory is refused, both files
 * named; before, the first file in name order won and A's scorecards were refused. */
static void test_trusted_directory_with_a_shadowing_key_id_is_refused(void **state)
{
	struct fixture *f = *state;
	struct sign_pubkey mine;
	struct sign_trust t;
	struct vg_err err = {0};
	char dir[64], path[200], *text, id[17], line[200];
	size_t n;
	/* A key of another commune (the fixture of tests/data/minisig/minisign.pub): its 32
	 * bytes behind A's key id. */
	const char *b_b64 = "RWTd2wQLY3AKnIYKDjjpDHBzDuNhl6YpVhNQ36A7kIWatEAww1DpWudK";
	unsigned char raw[42];
	FILE *fp;

	snprintf(dir, sizeof dir, "/tmp/vigie-test-shadow-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s.pub", f->prefix);
	assert_int_equal(vg_read_file(path, 4096, false, &text, &n, &err), 0);
	assert_int_equal(sign_pubkey_parse("a", text, n, &mine, &err), 0);
	write_text(dir, "b-commune.pub", text); /* the genuine key, last in name order */
	free(text);
	/* The forged file: "ED", A's key id, B's public key. */
	assert_int_equal(EVP_DecodeBlock(raw, (const unsigned char *)b_b64, 56), 42);
	memcpy(raw + 2, mine.keyid, SIGN_KEYID_LEN);
	EVP_EncodeBlock((unsigned char *)line, raw, 42);
	sign_keyid_hex(mine.keyid, id);
	snprintf(path, sizeof path, "%s/a-forged.pub", dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fprintf(fp, "untrusted comment: minisign public key %s\n%s\n", id, line);
	fclose(fp);

	assert_int_equal(sign_trust_dir(&t, dir, count_skipped, &err), -1);
	assert_non_null(strstr(
	    err.msg, "a-forged.pub et b-commune.pub donnent tous deux l'identifiant de clé"));
	assert_non_null(strstr(err.msg, id));
	sign_trust_free(&t);
	unlink(path);
	snprintf(path, sizeof path, "%s/b-commune.pub", dir);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

/* Issue 16, point 1: with a PEM key (no key id of its own), a .minisig naming another key
 * id was checked against it anyway; now the id vigie derives from the key must match. */
static void test_pem_key_refuses_a_signature_naming_another_key(void **state)
{
	struct fixture *f = *state;
	struct sign_trust t;
	struct sign_minisig sig;
	struct vg_err err = {0};
	char path[200];
	size_t used = 99;

	snprintf(path, sizeof path, "%s.pub.pem", f->prefix);
	assert_int_equal(sign_trust_file(&t, path, &err), 0);
	assert_false(t.keys[0].has_keyid);
	sign_and_parse(f, &sig);
	assert_int_equal(sign_trust_verify(&t, &sig, f->msg, f->len, &used, &err), 0);
	assert_int_equal(used, 0);
	sig.keyid[3] ^= 0x40; /* the id is outside both signatures: only the check sees it */
	assert_int_equal(sign_trust_verify(&t, &sig, f->msg, f->len, NULL, &err), -1);
	assert_non_null(strstr(err.msg, "pas avec la clé donnée"));
	sign_trust_free(&t);
}

/* Issue 16, point 10: base64 with non-zero unused bits decoded to the same bytes, so one
 * signature had several encodings; and the legacy "Ed" (minisign -l), which vigie never
 * makes, was accepted. Both refused. */
static void test_one_encoding_and_no_legacy_signature(void **state)
{
	struct fixture *f = *state;
	struct sign_minisig sig;
	struct vg_err err = {0};
	char *text, *p, *legacy;
	size_t n, ln;

	assert_int_equal(sign_minisig_make(f->key, f->msg, f->len, comment, &text, &n, &err), 0);
	assert_int_equal(sign_minisig_parse("sig", text, n, &sig, &err), 0);
	/* Line 4 (64 bytes) ends "X==": X keeps 4 unused bits; set the lowest. */
	p = text + n - 4;
	assert_memory_equal(p + 1, "==\n", 3);
	assert_true(strchr("AQgw", *p) != NULL); /* the characters whose low 4 bits are 0 */
	*p = (char)(*p + 1);
	assert_int_equal(sign_minisig_parse("sig", text, n, &sig, &err), -1);
	assert_non_null(strstr(err.msg, "ligne 4"));
	*p = (char)(*p - 1);
	/* Line 2 (74 bytes) ends "X=": X keeps 2 unused bits. */
	p = strstr(text, "=\ntrusted comment: ");
	assert_non_null(p);
	p[-1] = (char)(p[-1] + 1);
	assert_int_equal(sign_minisig_parse("sig", text, n, &sig, &err), -1);
	assert_non_null(strstr(err.msg, "ligne 2"));
	free(text);

	assert_int_equal(vg_read_file(TEST_DATA_DIR "/minisig/minisign-legacy.minisig", 4096, false,
	                              &legacy, &ln, &err),
	                 0);
	assert_int_equal(sign_minisig_parse("legacy.minisig", legacy, ln, &sig, &err), -1);
	assert_non_null(strstr(err.msg, "ancienne signature minisign"));
	free(legacy);
}

static void test_group_readable_secret_key_is_refused(void **state)
{
	struct fixture *f = *state;
	struct sign_key *k = NULL;
	struct vg_err err = {0};
	char path[200];

	snprintf(path, sizeof path, "%s.key", f->prefix);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(sign_key_load(path, &k, &err), -1);
	assert_non_null(strstr(err.msg, "accessible aux autres utilisateurs"));
	assert_int_equal(chmod(path, 0600), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keygen_writes_a_0600_secret_key_and_two_public_keys),
	    cmocka_unit_test(test_keygen_never_overwrites_a_key),
	    cmocka_unit_test(test_encrypted_key_needs_its_passphrase),
	    cmocka_unit_test(test_signature_verifies_and_keeps_the_comment),
	    cmocka_unit_test(test_every_single_byte_change_is_refused),
	    cmocka_unit_test(test_changed_trusted_comment_is_refused),
	    cmocka_unit_test(test_other_key_is_refused_by_key_id),
	    cmocka_unit_test(test_malformed_minisig_files_are_refused),
	    cmocka_unit_test(test_public_key_parser_is_strict),
	    cmocka_unit_test(test_unusable_public_key_is_refused_when_read),
	    cmocka_unit_test(test_trusted_directory_is_read_in_order),
	    cmocka_unit_test(test_group_readable_secret_key_is_refused),
	    cmocka_unit_test(test_trusted_directory_with_a_shadowing_key_id_is_refused),
	    cmocka_unit_test(test_pem_key_refuses_a_signature_naming_another_key),
	    cmocka_unit_test(test_one_encoding_and_no_legacy_signature),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
