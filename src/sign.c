/* sign: keys, minisign-format and CMS signatures (docs/signatures.md). OpenSSL makes keys,
 * Ed25519 signatures and CMS; libsodium, minisign's own library, checks minisign
 * signatures and computes their BLAKE2b prehash (docs/design.md says why). */
#include "sign.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <sodium.h>

#define _(s)  gettext(s)
#define N_(s) (s)

#define SIGN_ED "Ed"

/* scrypt's cost for encrypted secret keys (sign_write_encrypted). */
#define SIGN_SCRYPT_N (1u << 14)
#define SIGN_SCRYPT_R 8u
#define SIGN_SCRYPT_P 1u

struct sign_key {
	EVP_PKEY *pkey;
};

const char *sign_lib_version(void)
{
	return OpenSSL_version(OPENSSL_VERSION);
}

const char *sign_sodium_version(void)
{
	return sodium_version_string();
}

static pthread_once_t sign_sodium_once = PTHREAD_ONCE_INIT;
static int sign_sodium_rc;

static void sign_sodium_init_once(void)
{
	sign_sodium_rc = sodium_init();
}

/* libsodium wants sodium_init() once before use; it picks the fastest code for the CPU. */
static int sign_sodium_init(struct vg_err *err)
{
	pthread_once(&sign_sodium_once, sign_sodium_init_once);
	if (sign_sodium_rc < 0)
		return vg_err_set(err, VG_ESYS,
		                  _("libsodium ne démarre pas (échec de sodium_init)"));
	return 0;
}

/* The first reason in OpenSSL's error queue (with its data), for messages; clears it. */
static const char *sign_ossl_reason(char *buf, size_t size)
{
	const char *data = NULL;
	unsigned long e;
	int flags = 0;

	e = ERR_get_error_all(NULL, NULL, NULL, &data, &flags);
	if (e == 0) {
		snprintf(buf, size, "%s", _("erreur OpenSSL inconnue"));
	} else {
		const char *r = ERR_reason_error_string(e);

		snprintf(buf, size, "%s%s%s", r != NULL ? r : _("erreur OpenSSL"),
		         (flags & ERR_TXT_STRING) && data != NULL && *data ? ": " : "",
		         (flags & ERR_TXT_STRING) && data != NULL ? data : "");
	}
	ERR_clear_error();
	return buf;
}

/* ---- base64, strict ---- */

static size_t sign_b64_encode(const unsigned char *in, size_t n, char *out)
{
	return (size_t)EVP_EncodeBlock((unsigned char *)out, in, (int)n);
}

static int sign_b64_val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decodes exactly want bytes from the n characters at s (padded standard base64). */
static int sign_b64_decode(const char *s, size_t n, unsigned char *out, size_t want)
{
	size_t o = 0, i;

	if (n % 4 != 0 || n != (want + 2) / 3 * 4)
		return -1;
	for (i = 0; i < n; i += 4) {
		int v[4];
		int pad = 0;

		for (int j = 0; j < 4; j++) {
			if (s[i + j] == '=' && i + 4 == n && j >= 2) {
				v[j] = 0;
				pad++;
			} else if (pad > 0 || (v[j] = sign_b64_val(s[i + j])) < 0) {
				return -1;
			}
		}
		unsigned long w = ((unsigned long)v[0] << 18) | ((unsigned long)v[1] << 12) |
		                  ((unsigned long)v[2] << 6) | (unsigned long)v[3];
		/* The bits of the last character past the last byte must be zero: otherwise
		 * several texts decode to the same bytes, and a signature has one encoding. */
		if ((pad == 1 && (w & 0xff) != 0) || (pad == 2 && (w & 0xffff) != 0))
			return -1;
		unsigned char b[3] = {(unsigned char)(w >> 16), (unsigned char)(w >> 8),
		                      (unsigned char)w};
		for (int j = 0; j < 3 - pad; j++) {
			if (o >= want)
				return -1;
			out[o++] = b[j];
		}
	}
	return o == want ? 0 : -1;
}

/* ---- lines ---- */

/* Splits data into at most max lines (LF or CRLF; the last may lack its LF). */
static size_t sign_lines(const char *data, size_t len, const char **lines, size_t *lens, size_t max,
                         bool *toomany)
{
	size_t n = 0, start = 0;

	*toomany = false;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && data[i] != '\n')
			continue;
		if (i == len && start == len)
			break;
		if (n == max) {
			*toomany = true;
			return n;
		}
		lines[n] = data + start;
		lens[n] = i - start;
		if (lens[n] > 0 && lines[n][lens[n] - 1] == '\r')
			lens[n]--;
		n++;
		start = i + 1;
	}
	return n;
}

static bool sign_has_nul_or_ctl(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7f)
			return true;
	return false;
}

/* ---- key ids and fingerprints ---- */

void sign_keyid_hex(const unsigned char keyid[SIGN_KEYID_LEN], char out[17])
{
	static const char digits[] = "0123456789ABCDEF";

	/* minisign prints the key id as a little-endian 64-bit number. */
	for (int i = 0; i < SIGN_KEYID_LEN; i++) {
		unsigned char b = keyid[SIGN_KEYID_LEN - 1 - i];

		out[2 * i] = digits[b >> 4];
		out[2 * i + 1] = digits[b & 15];
	}
	out[16] = '\0';
}

void sign_fingerprint(const struct sign_pubkey *pub, char out[80])
{
	unsigned char h[32];
	char hex[65];
	size_t o = 0;

	EVP_Digest(pub->pk, sizeof pub->pk, h, NULL, EVP_sha256(), NULL);
	vg_hex(h, sizeof h, hex);
	for (int i = 0; i < 64; i += 4) {
		if (i > 0)
			out[o++] = ' ';
		memcpy(out + o, hex + i, 4);
		o += 4;
	}
	out[o] = '\0';
}

/* vigie's key id: the first 8 bytes of the SHA-256 of the public key. */
static void sign_keyid_of(struct sign_pubkey *pub)
{
	unsigned char h[32];

	EVP_Digest(pub->pk, sizeof pub->pk, h, NULL, EVP_sha256(), NULL);
	memcpy(pub->keyid, h, SIGN_KEYID_LEN);
	pub->has_keyid = true;
}

/* ---- paths and passphrases ---- */

int sign_default_prefix(char *out, size_t outlen, bool create, struct vg_err *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char dir[4096];
	int n;

	if (xdg != NULL && xdg[0] == '/') {
		if (create && mkdir(xdg, 0700) != 0 && errno != EEXIST)
			return vg_err_set(err, VG_ESYS, _("%s : création impossible : %s"), xdg,
			                  strerror(errno));
		n = snprintf(dir, sizeof dir, "%s/vigie", xdg);
	} else if (home != NULL && home[0] == '/') {
		n = snprintf(dir, sizeof dir, "%s/.config", home);
		if (create && n > 0 && (size_t)n < sizeof dir && mkdir(dir, 0700) != 0 &&
		    errno != EEXIST)
			return vg_err_set(err, VG_ESYS, _("%s : création impossible : %s"), dir,
			                  strerror(errno));
		n = snprintf(dir, sizeof dir, "%s/.config/vigie", home);
	} else {
		return vg_err_set(
		    err, VG_EUSAGE,
		    _("ni XDG_CONFIG_HOME ni HOME n'est défini : donnez --out PRÉFIXE"));
	}
	if (n < 0 || (size_t)n >= sizeof dir)
		return vg_err_set(err, VG_EUSAGE,
		                  _("le chemin du dossier de configuration est trop long"));
	if (create && mkdir(dir, 0700) != 0 && errno != EEXIST)
		return vg_err_set(err, VG_ESYS, _("%s : création impossible : %s"), dir,
		                  strerror(errno));
	n = snprintf(out, outlen, "%s/vigie", dir);
	if (n < 0 || (size_t)n >= outlen)
		return vg_err_set(err, VG_EUSAGE,
		                  _("le chemin du dossier de configuration est trop long"));
	return 0;
}

/* While echo is off: the terminal and its settings, restored if a signal ends vigie. */
static volatile sig_atomic_t sign_tty_fd = -1;
static struct termios sign_tty_saved;

static void sign_tty_signal(int sig)
{
	if (sign_tty_fd >= 0)
		tcsetattr(sign_tty_fd, TCSAFLUSH, &sign_tty_saved);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Reads one line from the terminal fd with echo off into buf (no newline). */
static int sign_tty_read(int fd, const char *prompt, char *buf, size_t size, struct vg_err *err)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};
	struct sigaction sa, oldsa[sizeof sigs / sizeof sigs[0]];
	struct termios old, quiet;
	size_t n = 0;
	bool restore = false;
	int rc = 0;
	char c;

	if (write(fd, prompt, strlen(prompt)) < 0)
		return vg_err_set(err, VG_ESYS, _("écriture impossible sur le terminal : %s"),
		                  strerror(errno));
	if (tcgetattr(fd, &old) == 0) {
		sign_tty_saved = old;
		sign_tty_fd = fd;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = sign_tty_signal;
		sigemptyset(&sa.sa_mask);
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			sigaction(sigs[i], &sa, &oldsa[i]);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		restore = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
	}
	for (;;) {
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			rc = vg_err_set(err, VG_EINPUT,
			                _("aucune phrase de passe lue sur le terminal"));
			break;
		}
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 >= size) {
			rc = vg_err_set(err, VG_EINPUT, _("phrase de passe de plus de %zu octets"),
			                size - 1);
			break;
		}
		buf[n++] = c;
	}
	buf[n] = '\0';
	c = 0;
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (sign_tty_fd >= 0) {
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			sigaction(sigs[i], &oldsa[i], NULL);
		sign_tty_fd = -1;
	}
	if (write(fd, "\n", 1) < 0)
		rc = -1;
	return rc;
}

int sign_passphrase(const char *prompt, bool confirm, char *buf, size_t size, struct vg_err *err)
{
	const char *env = getenv(SIGN_PASSPHRASE_ENV);
	char again[SIGN_PASSPHRASE_MAX + 1];
	int fd, rc;

	buf[0] = '\0';
	if (env != NULL && *env != '\0') {
		if (strlen(env) >= size)
			return vg_err_set(err, VG_EINPUT, _("%s fait plus de %zu octets"),
			                  SIGN_PASSPHRASE_ENV, size - 1);
		memcpy(buf, env, strlen(env) + 1);
		return 0;
	}
	fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("une phrase de passe est nécessaire et aucun terminal ne "
		                    "permet de la demander : définissez %s"),
		                  SIGN_PASSPHRASE_ENV);
	rc = sign_tty_read(fd, prompt, buf, size, err);
	if (rc == 0 && buf[0] == '\0')
		rc = vg_err_set(err, VG_EINPUT, _("phrase de passe vide"));
	if (rc == 0 && confirm) {
		rc = sign_tty_read(fd, _("Confirmez la phrase de passe : "), again,
		                   size < sizeof again ? size : sizeof again, err);
		if (rc == 0 && strcmp(again, buf) != 0)
			rc = vg_err_set(err, VG_EINPUT, _("les deux phrases de passe diffèrent"));
		vg_cleanse(again, sizeof again);
	}
	close(fd);
	if (rc != 0)
		vg_cleanse(buf, size);
	return rc;
}

/* ---- files ---- */

/* Creates path with O_EXCL|O_NOFOLLOW and mode, writes data, fsyncs. */
static int sign_create_excl(const char *path, const void *data, size_t len, mode_t mode,
                            struct vg_err *err)
{
	const char *p = data;
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);

	if (fd < 0) {
		if (errno == EEXIST)
			return vg_err_set(
			    err, VG_EINPUT,
			    _("%s existe déjà : supprimez-le ou choisissez un autre préfixe --out"),
			    path);
		return vg_err_set(err, VG_ESYS, _("%s : création impossible : %s"), path,
		                  strerror(errno));
	}
	if (fchmod(fd, mode) != 0)
		goto fail;
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	return 0;
fail:
	vg_err_set(err, VG_ESYS, _("%s : écriture impossible : %s"), path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(path);
	return -1;
}

/* Reads a secret file: no symlink, regular, not accessible to group or others. *data is
 * the caller's to wipe and free. */
static int sign_read_secret(const char *path, char **data, size_t *len, struct vg_err *err)
{
	struct stat st;
	size_t n = 0;
	char *buf;
	int fd;

	*data = NULL;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ELOOP)
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : la clé secrète est un lien symbolique ; donnez "
			                    "le vrai fichier"),
			                  path);
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ouverture de la clé secrète impossible : %s"), path,
		                  strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : la clé secrète n'est pas un fichier ordinaire"), path);
	}
	if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		close(fd);
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : la clé secrète est accessible aux autres utilisateurs "
		                    "(mode %04o) ; lancez « chmod 600 %s » si personne d'autre ne "
		                    "l'a lue, sinon créez une nouvelle clé"),
		                  path, (unsigned)(st.st_mode & 07777), path);
	}
	if (st.st_size > (off_t)SIGN_MAX_KEY_FILE) {
		close(fd);
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : plus de %u octets : ce n'est pas un fichier de clé"),
		                  path, SIGN_MAX_KEY_FILE);
	}
	buf = vg_malloc(SIGN_MAX_KEY_FILE + 1);
	for (;;) {
		ssize_t r = read(fd, buf + n, SIGN_MAX_KEY_FILE - n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			vg_err_set(err, VG_ESYS, _("%s : erreur de lecture : %s"), path,
			           strerror(errno));
			close(fd);
			vg_cleanse(buf, SIGN_MAX_KEY_FILE + 1);
			free(buf);
			return -1;
		}
		if (r == 0 || n + (size_t)r >= SIGN_MAX_KEY_FILE) {
			n += (size_t)r;
			break;
		}
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/* ---- keys ---- */

static int sign_raw_pub(EVP_PKEY *pkey, struct sign_pubkey *pub, struct vg_err *err)
{
	size_t n = sizeof pub->pk;

	memset(pub, 0, sizeof *pub);
	if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519 ||
	    EVP_PKEY_get_raw_public_key(pkey, pub->pk, &n) != 1 || n != sizeof pub->pk)
		return vg_err_set(err, VG_EINPUT, _("ce n'est pas une clé Ed25519"));
	sign_keyid_of(pub);
	return 0;
}

bool sign_insee_ok(const char *s, size_t n)
{
	if (n != 5)
		return false;
	for (size_t i = 0; i < 5; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';

		/* Corsica: 2A and 2B. */
		if (!digit && !(i == 1 && s[0] == '2' && (s[1] == 'A' || s[1] == 'B')))
			return false;
	}
	return true;
}

/* The minisign .pub text of pub, with " insee:CODE" after the key id when insee is set. */
static char *sign_pub_text(const struct sign_pubkey *pub, const char *insee)
{
	unsigned char raw[2 + SIGN_KEYID_LEN + 32];
	char b64[80], id[17];

	memcpy(raw, SIGN_ED, 2);
	memcpy(raw + 2, pub->keyid, SIGN_KEYID_LEN);
	memcpy(raw + 2 + SIGN_KEYID_LEN, pub->pk, 32);
	sign_b64_encode(raw, sizeof raw, b64);
	sign_keyid_hex(pub->keyid, id);
	return vg_asprintf("untrusted comment: minisign public key %s%s%s\n%s\n", id,
	                   insee != NULL ? " insee:" : "", insee != NULL ? insee : "", b64);
}

/* Writes pkey as PEM PKCS#8 encrypted with AES-256-CBC under a key derived from the
 * passphrase by scrypt (PBES2; N = 2^14, r = 8, p = 1, 16-byte salt: 16 MiB and about
 * 50 ms here; 2^15 passes OpenSSL's default scrypt memory limit, which would then refuse
 * to read the key back). OpenSSL's default, PBKDF2-SHA256 with 2,048 iterations, is
 * cheap to brute-force; keys written that way before still load (PEM_read_bio_PrivateKey
 * reads either). */
static int sign_write_encrypted(BIO *out, EVP_PKEY *pkey, const char *passphrase)
{
	PKCS8_PRIV_KEY_INFO *p8inf = EVP_PKEY2PKCS8(pkey);
	X509_ALGOR *pbe = NULL;
	X509_SIG *p8 = NULL;
	int rc = -1;

	unsigned char salt[16];

	if (p8inf == NULL)
		return -1;
	if (RAND_bytes(salt, sizeof salt) != 1) {
		PKCS8_PRIV_KEY_INFO_free(p8inf);
		return -1;
	}
	pbe = PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), salt, sizeof salt, NULL, SIGN_SCRYPT_N,
	                            SIGN_SCRYPT_R, SIGN_SCRYPT_P);
	if (pbe != NULL)
		p8 = PKCS8_set0_pbe(passphrase, (int)strlen(passphrase), p8inf, pbe);
	if (p8 == NULL)
		X509_ALGOR_free(pbe);
	else if (PEM_write_bio_PKCS8(out, p8) == 1)
		rc = 0;
	X509_SIG_free(p8);
	PKCS8_PRIV_KEY_INFO_free(p8inf);
	return rc;
}

int sign_keygen(const char *prefix, const char *passphrase, const char *insee,
                struct sign_pubkey *pub, struct vg_err *err)
{
	char *keypath = vg_asprintf("%s.key", prefix), *pubpath = vg_asprintf("%s.pub", prefix);
	char *pempath = vg_asprintf("%s.pub.pem", prefix), *pubtext = NULL;
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
	EVP_PKEY *pkey = NULL;
	BIO *sec = BIO_new(BIO_s_secmem()), *pem = BIO_new(BIO_s_mem());
	char *p, reason[256];
	long n;
	int rc = -1;

	if (insee != NULL && !sign_insee_ok(insee, strlen(insee))) {
		vg_err_set(err, VG_EUSAGE,
		           _("« %.20s » n'est pas un code INSEE (5 caractères : 49297, 2A004)"),
		           insee);
		goto out;
	}
	if (ctx == NULL || sec == NULL || pem == NULL || EVP_PKEY_keygen_init(ctx) != 1 ||
	    EVP_PKEY_keygen(ctx, &pkey) != 1) {
		vg_err_set(err, VG_ESYS, _("impossible de générer une clé Ed25519 : %s"),
		           sign_ossl_reason(reason, sizeof reason));
		goto out;
	}
	if (sign_raw_pub(pkey, pub, err) != 0)
		goto out;
	if (passphrase != NULL
	        ? sign_write_encrypted(sec, pkey, passphrase) != 0
	        : PEM_write_bio_PKCS8PrivateKey(sec, pkey, NULL, NULL, 0, NULL, NULL) != 1) {
		vg_err_set(err, VG_ESYS, _("impossible d'encoder la clé secrète : %s"),
		           sign_ossl_reason(reason, sizeof reason));
		goto out;
	}
	n = BIO_get_mem_data(sec, &p);
	if (n <= 0 || sign_create_excl(keypath, p, (size_t)n, 0600, err) != 0)
		goto out;
	pubtext = sign_pub_text(pub, insee);
	if (PEM_write_bio_PUBKEY(pem, pkey) != 1) {
		vg_err_set(err, VG_ESYS, _("impossible d'encoder la clé publique"));
		goto out_unlink;
	}
	n = BIO_get_mem_data(pem, &p);
	if (vg_write_atomic(pubpath, pubtext, strlen(pubtext), 0644, err) != 0 ||
	    vg_write_atomic(pempath, p, (size_t)n, 0644, err) != 0)
		goto out_unlink;
	rc = 0;
	goto out;
out_unlink:
	unlink(keypath);
	unlink(pubpath);
out:
	free(pubtext);
	BIO_free(sec);
	BIO_free(pem);
	EVP_PKEY_free(pkey);
	EVP_PKEY_CTX_free(ctx);
	free(keypath);
	free(pubpath);
	free(pempath);
	return rc;
}

/* The PEM passphrase callback: asks only when OpenSSL needs it (an encrypted key), never
 * prompts without a terminal, and remembers whether it was asked. */
struct sign_pw {
	const char *path;
	bool asked, got;
	struct vg_err perr;
};

static int sign_pw_cb(char *buf, int size, int rwflag, void *u)
{
	struct sign_pw *pw = u;
	char pass[SIGN_PASSPHRASE_MAX + 1], prompt[512];
	size_t n;

	(void)rwflag;
	pw->asked = true;
	snprintf(prompt, sizeof prompt, _("Phrase de passe de %s : "), pw->path);
	if (size <= 1 || sign_passphrase(prompt, false, pass, sizeof pass, &pw->perr) != 0)
		return -1;
	n = strlen(pass);
	if (n >= (size_t)size) {
		vg_cleanse(pass, sizeof pass);
		vg_err_set(&pw->perr, VG_EINPUT, _("phrase de passe trop longue"));
		return -1;
	}
	memcpy(buf, pass, n);
	vg_cleanse(pass, sizeof pass);
	pw->got = true;
	return (int)n;
}

int sign_key_load(const char *path, struct sign_key **out, struct vg_err *err)
{
	struct sign_pw pw = {path, false, false, {0, ""}};
	char *data, reason[256];
	size_t len = 0;
	BIO *b;
	EVP_PKEY *pkey;

	*out = NULL;
	if (sign_read_secret(path, &data, &len, err) != 0)
		return -1;
	b = BIO_new_mem_buf(data, (int)len);
	if (b == NULL) {
		vg_cleanse(data, len);
		free(data);
		return vg_err_set(err, VG_ESYS, _("mémoire épuisée"));
	}
	ERR_clear_error();
	pkey = PEM_read_bio_PrivateKey(b, NULL, sign_pw_cb, &pw);
	BIO_free(b);
	vg_cleanse(data, len);
	free(data);
	if (pkey == NULL) {
		if (pw.asked && !pw.got) {
			ERR_clear_error();
			return vg_err_set(err, VG_EINPUT, _("%s : %s"), path, pw.perr.msg);
		}
		if (pw.got) {
			ERR_clear_error();
			return vg_err_set(
			    err, VG_EINPUT,
			    _("%s : mauvaise phrase de passe (ou fichier de clé abîmé)"), path);
		}
		return vg_err_set(err, VG_EINPUT, _("%s : ce n'est pas une clé privée PEM (%s)"),
		                  path, sign_ossl_reason(reason, sizeof reason));
	}
	*out = vg_calloc(1, sizeof **out);
	(*out)->pkey = pkey;
	return 0;
}

int sign_key_encrypted(const char *path, bool *enc, struct vg_err *err)
{
	char *data;
	size_t len = 0;

	*enc = false;
	if (sign_read_secret(path, &data, &len, err) != 0)
		return -1;
	/* PKCS#8 (what keygen writes), or the traditional form's Proc-Type header. */
	*enc = strstr(data, "-----BEGIN ENCRYPTED PRIVATE KEY-----") != NULL ||
	       strstr(data, "Proc-Type: 4,ENCRYPTED") != NULL;
	vg_cleanse(data, len);
	free(data);
	return 0;
}

void sign_key_free(struct sign_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey); /* OpenSSL wipes key material when freeing */
	free(k);
}

int sign_key_pubkey(const struct sign_key *k, struct sign_pubkey *pub, struct vg_err *err)
{
	if (sign_raw_pub(k->pkey, pub, err) != 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("la clé secrète n'est pas une clé Ed25519 (il faut une clé de "
		                    "vigie keygen ; les clés ECDSA s'utilisent avec --cert)"));
	return 0;
}

/* Refuses, once per key rather than per signature, 32 bytes that are not a usable Ed25519
 * public key: no signature could ever match it. */
static int sign_pubkey_check(const char *what, const struct sign_pubkey *pub, struct vg_err *err)
{
	if (sign_sodium_init(err) != 0)
		return -1;
	if (crypto_core_ed25519_is_valid_point(pub->pk) != 1)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : clé publique Ed25519 invalide (la clé est abîmée) : "
		                    "redemandez-la au signataire"),
		                  what);
	return 0;
}

int sign_pubkey_parse(const char *what, const char *data, size_t len, struct sign_pubkey *out,
                      struct vg_err *err)
{
	unsigned char raw[2 + SIGN_KEYID_LEN + 32];
	const char *lines[3];
	size_t lens[3], n, b64 = 0;
	bool toomany;

	memset(out, 0, sizeof *out);
	if (len > SIGN_MAX_KEY_FILE)
		return vg_err_set(err, VG_EINPUT, _("%s : trop grand pour une clé publique"), what);
	if (len >= 26 && memcmp(data, "-----BEGIN PUBLIC KEY-----", 26) == 0) {
		BIO *b = BIO_new_mem_buf(data, (int)len);
		EVP_PKEY *pkey = b != NULL ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
		int rc;

		BIO_free(b);
		ERR_clear_error();
		if (pkey == NULL)
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : ce n'est pas une clé publique PEM valide"), what);
		rc = sign_raw_pub(pkey, out, err);
		EVP_PKEY_free(pkey);
		if (rc != 0)
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : ce n'est pas une clé publique Ed25519"), what);
		out->has_keyid = false;
		return sign_pubkey_check(what, out, err);
	}
	n = sign_lines(data, len, lines, lens, 3, &toomany);
	if (n == 2 && lens[0] >= 19 && memcmp(lines[0], "untrusted comment: ", 19) == 0)
		b64 = 1;
	else if (n != 1 || toomany)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ce n'est pas une clé publique minisign (attendu : une "
		                    "ligne « untrusted comment: » et une ligne en base64)"),
		                  what);
	if (sign_b64_decode(lines[b64], lens[b64], raw, sizeof raw) != 0)
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : ligne %zu : ce n'est pas le base64 d'une clé publique minisign"), what,
		    b64 + 1);
	if (memcmp(raw, SIGN_ED, 2) != 0)
		return vg_err_set(err, VG_EINPUT, _("%s : algorithme de clé inconnu (pas Ed25519)"),
		                  what);
	memcpy(out->keyid, raw + 2, SIGN_KEYID_LEN);
	memcpy(out->pk, raw + 2 + SIGN_KEYID_LEN, 32);
	out->has_keyid = true;
	if (b64 == 1) {
		/* "insee:CODE" at the end of the comment, as vigie keygen --insee writes it. */
		size_t n0 = lens[0];

		if (n0 >= 19 + 11 && memcmp(lines[0] + n0 - 11, "insee:", 6) == 0 &&
		    sign_insee_ok(lines[0] + n0 - 5, 5))
			memcpy(out->insee_hint, lines[0] + n0 - 5, 5);
	}
	return sign_pubkey_check(what, out, err);
}

int sign_pubkey_read(const char *path, struct sign_pubkey *out, struct vg_err *err)
{
	char *data;
	size_t len;
	int rc;

	if (vg_read_file(path, SIGN_MAX_KEY_FILE, false, &data, &len, err) != 0)
		return -1;
	rc = sign_pubkey_parse(path, data, len, out, err);
	free(data);
	return rc;
}

/* ---- minisign signatures ---- */

static int sign_ed25519(EVP_PKEY *pkey, const void *msg, size_t len, unsigned char sig[64],
                        struct vg_err *err)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t n = 64;
	char reason[256];
	int ok;

	ok = ctx != NULL && EVP_DigestSignInit_ex(ctx, NULL, NULL, NULL, NULL, pkey, NULL) == 1 &&
	     EVP_DigestSign(ctx, sig, &n, msg, len) == 1 && n == 64;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return vg_err_set(err, VG_ESYS, _("échec de la signature Ed25519 : %s"),
		                  sign_ossl_reason(reason, sizeof reason));
	return 0;
}

/* Checks an Ed25519 signature with libsodium: about 2.5 times faster than OpenSSL 3.0 here
 * (bench/verify), and the same checks as minisign, which uses it (it refuses small-order
 * points and non-canonical encodings, which OpenSSL lets through). */
static bool sign_ed25519_ok(const unsigned char pk[32], const void *msg, size_t len,
                            const unsigned char sig[64])
{
	return crypto_sign_verify_detached(sig, msg, len, pk) == 0;
}

/* BLAKE2b-512, minisign's prehash (RFC 7693), for signing and verifying alike. */
static int sign_blake2b(const void *msg, size_t len, unsigned char out[64], struct vg_err *err)
{
	if (sign_sodium_init(err) != 0)
		return -1;
	crypto_generichash(out, 64, msg, len, NULL, 0);
	return 0;
}

int sign_minisig_make(const struct sign_key *k, const void *msg, size_t len,
                      const char *trusted_comment, char **out, size_t *outlen, struct vg_err *err)
{
	unsigned char hash[64], raw[2 + SIGN_KEYID_LEN + 64], gsig[64];
	unsigned char *global;
	size_t tlen = strlen(trusted_comment);
	struct sign_pubkey pub;
	char b64a[120], b64b[100], id[17];

	*out = NULL;
	if (tlen > SIGN_TRUSTED_MAX || sign_has_nul_or_ctl(trusted_comment, tlen))
		return vg_err_set(
		    err, VG_EINPUT,
		    _("le commentaire de confiance dépasse %d octets ou contient un saut de ligne"),
		    SIGN_TRUSTED_MAX);
	if (sign_key_pubkey(k, &pub, err) != 0 || sign_blake2b(msg, len, hash, err) != 0)
		return -1;
	memcpy(raw, "ED", 2);
	memcpy(raw + 2, pub.keyid, SIGN_KEYID_LEN);
	if (sign_ed25519(k->pkey, hash, sizeof hash, raw + 2 + SIGN_KEYID_LEN, err) != 0)
		return -1;
	global = vg_malloc(64 + tlen);
	memcpy(global, raw + 2 + SIGN_KEYID_LEN, 64);
	memcpy(global + 64, trusted_comment, tlen);
	if (sign_ed25519(k->pkey, global, 64 + tlen, gsig, err) != 0) {
		free(global);
		return -1;
	}
	free(global);
	sign_b64_encode(raw, sizeof raw, b64a);
	sign_b64_encode(gsig, sizeof gsig, b64b);
	sign_keyid_hex(pub.keyid, id);
	*out = vg_asprintf("untrusted comment: vigie signature, key %s\n%s\ntrusted comment: "
	                   "%s\n%s\n",
	                   id, b64a, trusted_comment, b64b);
	*outlen = strlen(*out);
	return 0;
}

int sign_minisig_parse(const char *what, const char *data, size_t len, struct sign_minisig *out,
                       struct vg_err *err)
{
	unsigned char raw[2 + SIGN_KEYID_LEN + 64];
	const char *l[5];
	size_t ll[5], n;
	bool toomany;

	memset(out, 0, sizeof *out);
	if (len > SIGN_UNTRUSTED_MAX + SIGN_TRUSTED_MAX + 512)
		return vg_err_set(err, VG_EINPUT, _("%s : trop grand pour une signature minisign"),
		                  what);
	n = sign_lines(data, len, l, ll, 5, &toomany);
	if (n != 4 || toomany)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ce n'est pas une signature minisign (4 lignes attendues, "
		                    "%s%zu trouvées)"),
		                  what, toomany ? _("plus de ") : "", n);
	if (ll[0] < 19 || memcmp(l[0], "untrusted comment: ", 19) != 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ligne 1 : « untrusted comment: » attendu"), what);
	if (ll[0] - 19 > SIGN_UNTRUSTED_MAX || sign_has_nul_or_ctl(l[0], ll[0]))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ligne 1 : commentaire non fiable trop long ou avec des "
		                    "caractères de contrôle"),
		                  what);
	memcpy(out->untrusted, l[0] + 19, ll[0] - 19);
	if (sign_b64_decode(l[1], ll[1], raw, sizeof raw) != 0)
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : ligne 2 : ce n'est pas le base64 d'une signature minisign"), what);
	memcpy(out->alg, raw, 2);
	/* vigie never makes the legacy "Ed" (Ed25519 over the whole file, minisign -l): one
	 * algorithm, so one way for a file to be signed. */
	if (strcmp(out->alg, "Ed") == 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ligne 2 : ancienne signature minisign (« Ed », minisign "
		                    "-l) refusée : signez de nouveau sans -l"),
		                  what);
	if (strcmp(out->alg, "ED") != 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ligne 2 : algorithme de signature inconnu"), what);
	memcpy(out->keyid, raw + 2, SIGN_KEYID_LEN);
	memcpy(out->sig, raw + 2 + SIGN_KEYID_LEN, 64);
	if (ll[2] < 17 || memcmp(l[2], "trusted comment: ", 17) != 0)
		return vg_err_set(err, VG_EINPUT, _("%s : ligne 3 : « trusted comment: » attendu"),
		                  what);
	if (ll[2] - 17 > SIGN_TRUSTED_MAX || sign_has_nul_or_ctl(l[2], ll[2]))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ligne 3 : commentaire de confiance trop long ou avec des "
		                    "caractères de contrôle"),
		                  what);
	memcpy(out->trusted, l[2] + 17, ll[2] - 17);
	if (sign_b64_decode(l[3], ll[3], out->global_sig, sizeof out->global_sig) != 0)
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : ligne 4 : ce n'est pas le base64 d'une signature globale"), what);
	return 0;
}

int sign_minisig_verify(const struct sign_pubkey *pub, const struct sign_minisig *sig,
                        const void *msg, size_t len, struct vg_err *err)
{
	unsigned char hash[64], *global;
	size_t tlen = strlen(sig->trusted);
	char want[17], got[17];
	bool ok;

	/* A PEM key carries no key id: it is compared with the one vigie derives from it, so
	 * that a signature naming another key is never checked against it. */
	if (memcmp(pub->keyid, sig->keyid, SIGN_KEYID_LEN) != 0) {
		sign_keyid_hex(sig->keyid, got);
		sign_keyid_hex(pub->keyid, want);
		return vg_err_set(err, VG_EINPUT,
		                  _("signé avec la clé %s, pas avec la clé donnée %s"), got, want);
	}
	if (sign_sodium_init(err) != 0)
		return -1;
	if (strcmp(sig->alg, "ED") != 0)
		return vg_err_set(err, VG_EINPUT, "%s",
		                  _("algorithme de signature autre que « ED » : refusé"));
	if (sign_blake2b(msg, len, hash, err) != 0)
		return -1;
	ok = sign_ed25519_ok(pub->pk, hash, sizeof hash, sig->sig);
	if (!ok)
		return vg_err_set(
		    err, VG_EINPUT, "%s",
		    _("la signature ne correspond pas : le fichier a été modifié après "
		      "la signature, ou la signature est celle d'un autre fichier ou "
		      "d'une autre clé"));
	global = vg_malloc(64 + tlen);
	memcpy(global, sig->sig, 64);
	memcpy(global + 64, sig->trusted, tlen);
	ok = sign_ed25519_ok(pub->pk, global, 64 + tlen, sig->global_sig);
	free(global);
	if (!ok)
		return vg_err_set(err, VG_EINPUT, "%s",
		                  _("le commentaire de confiance a été modifié après la signature "
		                    "(la signature globale ne correspond pas)"));
	return 0;
}

int sign_trust_file(struct sign_trust *t, const char *path, struct vg_err *err)
{
	memset(t, 0, sizeof *t);
	t->from = path;
	t->keys = vg_calloc(1, sizeof *t->keys);
	t->names = vg_calloc(1, sizeof *t->names);
	if (sign_pubkey_read(path, &t->keys[0], err) != 0)
		return -1;
	t->names[0] = vg_strdup(path);
	t->nkeys = 1;
	return 0;
}

static int sign_trust_is_pub(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".pub") == 0;
}

struct sign_idx {
	unsigned char keyid[SIGN_KEYID_LEN];
	size_t i;
};

static int sign_idx_cmp(const void *a, const void *b)
{
	const struct sign_idx *x = a, *y = b;
	int c = memcmp(x->keyid, y->keyid, SIGN_KEYID_LEN);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* Refuses a directory in which two files give one key id: the first would shadow the other
 * (a commune's .pub carrying another's id with its own key). Both files are named. */
static int sign_trust_unique(const struct sign_trust *t, struct vg_err *err)
{
	struct sign_idx *ids;
	int rc = 0;

	if (t->nkeys < 2)
		return 0;
	ids = vg_calloc(t->nkeys, sizeof *ids);
	for (size_t i = 0; i < t->nkeys; i++) {
		memcpy(ids[i].keyid, t->keys[i].keyid, SIGN_KEYID_LEN);
		ids[i].i = i;
	}
	qsort(ids, t->nkeys, sizeof *ids, sign_idx_cmp);
	for (size_t i = 1; i < t->nkeys && rc == 0; i++) {
		char id[17];

		if (memcmp(ids[i - 1].keyid, ids[i].keyid, SIGN_KEYID_LEN) != 0)
			continue;
		sign_keyid_hex(ids[i].keyid, id);
		rc = vg_err_set(err, VG_EINPUT,
		                _("%s : %s et %s donnent tous deux l'identifiant de clé %s : l'un "
		                  "se fait peut-être passer pour l'autre ; ne gardez que le "
		                  "fichier dont le signataire vous a lu l'empreinte"),
		                t->from, t->names[ids[i - 1].i], t->names[ids[i].i], id);
	}
	free(ids);
	return rc;
}

int sign_trust_dir(struct sign_trust *t, const char *dir, void (*skipped)(const char *msg),
                   struct vg_err *err)
{
	struct dirent **ents = NULL;
	int n, rc = 0;

	memset(t, 0, sizeof *t);
	t->from = dir;
	t->dir = true;
	n = scandir(dir, &ents, sign_trust_is_pub, alphasort);
	if (n < 0)
		return vg_err_set(err, VG_EINPUT, _("%s : lecture du dossier impossible : %s"), dir,
		                  strerror(errno));
	if (n > SIGN_MAX_TRUSTED_KEYS)
		rc = vg_err_set(
		    err, VG_EINPUT,
		    _("%s : plus de %d clés publiques ; répartissez-les dans plusieurs dossiers"),
		    dir, SIGN_MAX_TRUSTED_KEYS);
	if (rc == 0 && n > 0) {
		t->keys = vg_calloc((size_t)n, sizeof *t->keys);
		t->names = vg_calloc((size_t)n, sizeof *t->names);
	}
	for (int i = 0; i < n; i++) {
		struct vg_err kerr = {0};
		char *path;

		if (rc == 0) {
			path = vg_asprintf("%s/%s", dir, ents[i]->d_name);
			if (sign_pubkey_read(path, &t->keys[t->nkeys], &kerr) == 0)
				t->names[t->nkeys++] = vg_strdup(ents[i]->d_name);
			else if (skipped != NULL)
				skipped(kerr.msg);
			free(path);
		}
		free(ents[i]);
	}
	free(ents);
	if (rc == 0)
		rc = sign_trust_unique(t, err);
	return rc;
}

void sign_trust_free(struct sign_trust *t)
{
	for (size_t i = 0; t->names != NULL && i < t->nkeys; i++)
		free(t->names[i]);
	free(t->names);
	free(t->keys);
	t->keys = NULL;
	t->names = NULL;
	t->nkeys = 0;
}

int sign_trust_verify(const struct sign_trust *t, const struct sign_minisig *sig, const void *msg,
                      size_t len, size_t *used, struct vg_err *err)
{
	char key[17];
	bool tried = false;

	/* Every key whose id matches is tried: the id is only a hint, the key decides. A
	 * PEM key matches with the id vigie derives from it. */
	for (size_t i = 0; i < t->nkeys; i++) {
		if (memcmp(t->keys[i].keyid, sig->keyid, SIGN_KEYID_LEN) != 0)
			continue;
		if (tried)
			vg_err_clear(err);
		tried = true;
		if (sign_minisig_verify(&t->keys[i], sig, msg, len, err) == 0) {
			if (used != NULL)
				*used = i;
			return 0;
		}
	}
	if (tried)
		return -1;
	sign_keyid_hex(sig->keyid, key);
	if (t->dir || t->nkeys == 0)
		return vg_err_set(err, VG_EINPUT, _("signé avec la clé %s, qui n'est pas dans %s"),
		                  key, t->from);
	/* From a file: its key refuses the other id, saying which. */
	return sign_minisig_verify(&t->keys[0], sig, msg, len, err);
}

int sign_comment_check_questionnaire(const char *comment, const char *id, const char *version,
                                     const char *sha256, struct vg_err *err)
{
	static const struct {
		const char *key, *what;
	} fields[] = {
	    {"questionnaire", N_("l'identifiant du questionnaire")},
	    {"questionnaire_version", N_("la version du questionnaire")},
	    {"questionnaire_sha256", N_("le SHA-256 du questionnaire")},
	};
	const char *mine[] = {id, version, sha256};
	char val[200];

	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (sign_comment_get(comment, fields[i].key, val, sizeof val) == 0 &&
		    strcmp(val, mine[i]) != 0)
			return vg_err_set(
			    err, VG_EINPUT,
			    _("le commentaire de confiance donne %s '%.70s', la fiche de "
			      "résultat '%.70s'"),
			    _(fields[i].what), val, mine[i]);
	return 0;
}

int sign_comment_get(const char *comment, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	const char *p = comment;

	while (*p != '\0') {
		const char *end = strchr(p, '\t');
		size_t flen = end != NULL ? (size_t)(end - p) : strlen(p);

		if (flen > klen && memcmp(p, key, klen) == 0 && p[klen] == ':') {
			size_t vlen = flen - klen - 1;

			if (vlen >= outlen)
				return -1;
			memcpy(out, p + klen + 1, vlen);
			out[vlen] = '\0';
			return 0;
		}
		if (end == NULL)
			break;
		p = end + 1;
	}
	return -1;
}

/* ---- CMS ---- */

static X509 *sign_read_cert(const char *path, struct vg_err *err)
{
	char *data;
	size_t len;
	BIO *b;
	X509 *x;

	if (vg_read_file(path, SIGN_MAX_KEY_FILE, false, &data, &len, err) != 0)
		return NULL;
	b = BIO_new_mem_buf(data, (int)len);
	x = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
	BIO_free(b);
	free(data);
	ERR_clear_error();
	if (x == NULL)
		vg_err_set(err, VG_EINPUT, _("%s : ce n'est pas un certificat X.509 PEM"), path);
	return x;
}

int sign_cms_make(const struct sign_key *k, const char *certpath, const void *msg, size_t len,
                  unsigned char **der, size_t *derlen, struct vg_err *err)
{
	char reason[256];
	X509 *cert;
	BIO *in = NULL, *out = NULL;
	CMS_ContentInfo *cms = NULL;
	char *p;
	long n;
	int rc = -1;

	*der = NULL;
	cert = sign_read_cert(certpath, err);
	if (cert == NULL)
		return -1;
	if (X509_check_private_key(cert, k->pkey) != 1) {
		ERR_clear_error();
		vg_err_set(err, VG_EINPUT,
		           _("%s : le certificat ne correspond pas à la clé secrète"), certpath);
		goto out;
	}
	if (X509_cmp_current_time(X509_get0_notAfter(cert)) <= 0 ||
	    X509_cmp_current_time(X509_get0_notBefore(cert)) >= 0) {
		vg_err_set(err, VG_EINPUT,
		           _("%s : le certificat n'est pas valide aujourd'hui (expiré ou pas "
		             "encore valide)"),
		           certpath);
		goto out;
	}
	in = BIO_new_mem_buf(msg, (int)len);
	out = BIO_new(BIO_s_mem());
	if (in == NULL || out == NULL)
		goto ossl;
	cms = CMS_sign(cert, k->pkey, NULL, in, CMS_BINARY | CMS_DETACHED);
	if (cms == NULL || i2d_CMS_bio(out, cms) != 1)
		goto ossl;
	n = BIO_get_mem_data(out, &p);
	if (n <= 0)
		goto ossl;
	*der = vg_malloc((size_t)n);
	memcpy(*der, p, (size_t)n);
	*derlen = (size_t)n;
	rc = 0;
	goto out;
ossl:
	vg_err_set(err, VG_ESYS, _("échec de la signature CMS : %s"),
	           sign_ossl_reason(reason, sizeof reason));
out:
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	BIO_free(out);
	X509_free(cert);
	return rc;
}

/* Remembers the first certificate verification error, for a precise message. */
static int sign_verify_cb_idx = -1;

static int sign_verify_cb(int ok, X509_STORE_CTX *ctx)
{
	if (!ok) {
		X509_STORE *store = X509_STORE_CTX_get0_store(ctx);
		int *first = X509_STORE_get_ex_data(store, sign_verify_cb_idx);

		if (first != NULL && *first == X509_V_OK)
			*first = X509_STORE_CTX_get_error(ctx);
	}
	return ok;
}

int sign_cms_verify(const char *cafile, const unsigned char *der, size_t derlen, const void *msg,
                    size_t len, struct sign_cms_signer *who, struct vg_err *err)
{
	X509_STORE *store = NULL;
	CMS_ContentInfo *cms = NULL;
	STACK_OF(X509) *signers = NULL;
	BIO *in = NULL, *data = NULL;
	const unsigned char *p = der;
	int first = X509_V_OK, rc = -1;
	char reason[256];

	memset(who, 0, sizeof *who);
	vg_err_clear(err);
	if (sign_verify_cb_idx < 0)
		sign_verify_cb_idx = X509_STORE_get_ex_new_index(0, NULL, NULL, NULL, NULL);
	if (derlen > SIGN_MAX_SIG_FILE)
		return vg_err_set(err, VG_EINPUT, _("signature CMS de plus de %u octets"),
		                  SIGN_MAX_SIG_FILE);
	cms = d2i_CMS_ContentInfo(NULL, &p, (long)derlen);
	if (cms == NULL || p != der + derlen) {
		ERR_clear_error();
		vg_err_set(err, VG_EINPUT, _("ce n'est pas une signature CMS DER"));
		goto out;
	}
	store = X509_STORE_new();
	if (store == NULL)
		goto out;
	/* Only the CA we are given: never X509_STORE_set_default_paths. */
	if (X509_STORE_load_file(store, cafile) != 1) {
		vg_err_set(err, VG_EINPUT,
		           _("%s : chargement des certificats d'autorité impossible : %s"), cafile,
		           sign_ossl_reason(reason, sizeof reason));
		goto out;
	}
	/* The purpose `openssl cms -verify` checks by default: a keyUsage, when present, with
	 * digitalSignature or nonRepudiation, and an extendedKeyUsage, when present, with
	 * emailProtection; so a TLS server's certificate (serverAuth) cannot sign a
	 * scorecard. */
	X509_STORE_set_purpose(store, X509_PURPOSE_SMIME_SIGN);
	X509_STORE_set_ex_data(store, sign_verify_cb_idx, &first);
	X509_STORE_set_verify_cb(store, sign_verify_cb);
	in = BIO_new_mem_buf(msg, (int)len);
	data = BIO_new(BIO_s_mem());
	if (in == NULL || data == NULL)
		goto out;
	ERR_clear_error();
	if (CMS_verify(cms, NULL, store, in, data, CMS_BINARY) != 1) {
		if (first == X509_V_ERR_INVALID_PURPOSE)
			vg_err_set(err, VG_EINPUT, "%s",
			           _("certificat refusé : il n'est pas fait pour signer (il faut "
			             "keyUsage digitalSignature ou nonRepudiation, et "
			             "extendedKeyUsage emailProtection s'il en a un ; pas le "
			             "certificat d'un serveur TLS)"));
		else if (first != X509_V_OK)
			vg_err_set(err, VG_EINPUT, _("certificat refusé : %s"),
			           X509_verify_cert_error_string(first));
		else
			vg_err_set(err, VG_EINPUT,
			           _("la signature CMS ne correspond pas au fichier : %s"),
			           sign_ossl_reason(reason, sizeof reason));
		ERR_clear_error();
		goto out;
	}
	signers = CMS_get0_signers(cms);
	if (signers != NULL && sk_X509_num(signers) > 0) {
		X509 *x = sk_X509_value(signers, 0);
		unsigned char md[32];
		unsigned int mdlen = sizeof md;

		X509_NAME_oneline(X509_get_subject_name(x), who->subject, sizeof who->subject);
		if (X509_digest(x, EVP_sha256(), md, &mdlen) == 1) {
			for (int i = 0; i < 8; i++)
				snprintf(who->fingerprint + 2 * i, 3, "%02X", md[i]);
		}
	}
	rc = 0;
out:
	if (rc != 0 && err != NULL && err->msg[0] == '\0')
		vg_err_set(err, VG_ESYS, _("échec de la vérification CMS : %s"),
		           sign_ossl_reason(reason, sizeof reason));
	sk_X509_free(signers);
	BIO_free(in);
	BIO_free(data);
	X509_STORE_free(store);
	CMS_ContentInfo_free(cms);
	return rc;
}
