/* check/tls: a concurrent TLS prober. Every endpoint goes through three phases run by a
 * shared pool of worker threads: one baseline handshake (reachability, certificate),
 * then in parallel the suite enumeration of each version (in groups, by repeated
 * handshakes that remove the suite the server chose) and one HTTP request for HSTS,
 * then one order test per version. Sockets are nonblocking and every wait is a poll()
 * bounded by the timeout. The prober's context runs at security level 0 so that it can
 * offer and see what the server should not accept; weakness is judged here. */
#include "check/tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#define _(s) gettext(s)

#define TLS_DEFAULT_TIMEOUT 5000
#define TLS_DEFAULT_THREADS 12
#define TLS_MAX_THREADS     64
#define TLS_GROUPS_LEGACY   4     /* suite groups enumerated in parallel per version <= 1.2 */
#define TLS_LINE_MAX        1024  /* STARTTLS reply lines */
#define TLS_HTTP_MAX        16384 /* HTTP response headers read for HSTS */
#define TLS_MAX_HANDSHAKES  400   /* per endpoint, whatever the server does */
#define TLS_EXPIRY_WARN     (30 * 86400)
#define TLS_HSTS_MIN        15552000L /* 180 days */

static const char *const tls_all_13 = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
                                      "TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:"
                                      "TLS_AES_128_CCM_8_SHA256";
static const char *const tls_all_12 = "ALL:COMPLEMENTOFALL:@SECLEVEL=0";
static const int tls_proto[TLS_NVERSIONS] = {TLS1_VERSION, TLS1_1_VERSION, TLS1_2_VERSION,
                                             TLS1_3_VERSION};

const char *tls_version_name(enum tls_version v)
{
	static const char *const names[] = {"TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"};

	return (unsigned)v < TLS_NVERSIONS ? names[v] : "?";
}

const char *tls_verdict_name(enum tls_verdict v)
{
	static const char *const names[] = {"pass", "warn", "fail", "error"};

	return (unsigned)v <= TLS_VERDICT_ERROR ? names[v] : "?";
}

const char *tls_severity_name(enum tls_severity s)
{
	static const char *const names[] = {"info", "low", "medium", "high"};

	return (unsigned)s <= TLS_SEV_HIGH ? names[s] : "?";
}

int tls_severity_cap(enum tls_severity s)
{
	return s == TLS_SEV_HIGH ? 0 : s == TLS_SEV_MEDIUM ? 1 : -1;
}

const char *tls_starttls_name(enum tls_starttls s)
{
	static const char *const names[] = {"auto", "none", "smtp", "imap", "pop3"};

	return (unsigned)s <= TLS_STARTTLS_POP3 ? names[s] : "?";
}

enum tls_starttls tls_starttls_for_port(uint16_t port)
{
	switch (port) {
	case 25:
	case 587:
		return TLS_STARTTLS_SMTP;
	case 143:
		return TLS_STARTTLS_IMAP;
	case 110:
		return TLS_STARTTLS_POP3;
	default:
		return TLS_STARTTLS_NONE;
	}
}

/* ---- targets ---------------------------------------------------------------------- */

int tls_parse_target(const char *arg, char *buf, size_t buflen, struct tls_target *t,
                     struct vg_err *err)
{
	static const struct {
		const char *scheme;
		enum tls_starttls st;
		uint16_t port;
	} schemes[] = {
	    {"smtp://", TLS_STARTTLS_SMTP, 25},  {"imap://", TLS_STARTTLS_IMAP, 143},
	    {"pop3://", TLS_STARTTLS_POP3, 110}, {"https://", TLS_STARTTLS_NONE, 443},
	    {"tls://", TLS_STARTTLS_NONE, 443},
	};
	const char *s = arg, *host, *colon = NULL;
	size_t hlen;
	unsigned long port = 443;

	memset(t, 0, sizeof *t);
	t->starttls = TLS_STARTTLS_AUTO;
	for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		size_t l = strlen(schemes[i].scheme);

		if (strncasecmp(s, schemes[i].scheme, l) == 0) {
			s += l;
			t->starttls = schemes[i].st;
			port = schemes[i].port;
			break;
		}
	}
	if (s == arg && strstr(s, "://") != NULL)
		return vg_err_set(
		    err, VG_EUSAGE,
		    _("%s : schéma inconnu ; utilisez smtp://, imap://, pop3://, https:// ou "
		      "tls://"),
		    arg);
	if (s[0] == '[') {
		const char *end = strchr(s, ']');

		if (end == NULL)
			return vg_err_set(err, VG_EUSAGE,
			                  _("%s : il manque « ] » après l'adresse IPv6"), arg);
		host = s + 1;
		hlen = (size_t)(end - host);
		if (end[1] == ':')
			colon = end + 1;
		else if (end[1] != '\0' && strcmp(end + 1, "/") != 0)
			return vg_err_set(err, VG_EUSAGE, _("%s : texte inattendu après « ] »"),
			                  arg);
	} else {
		const char *first = strchr(s, ':');

		host = s;
		if (first != NULL && strchr(first + 1, ':') != NULL) {
			hlen = strlen(s); /* a bare IPv6 address */
		} else {
			colon = first;
			hlen = first != NULL ? (size_t)(first - s) : strcspn(s, "/");
		}
	}
	if (colon != NULL) {
		char *end;

		errno = 0;
		port = strtoul(colon + 1, &end, 10);
		if (colon[1] < '0' || colon[1] > '9' || errno != 0 ||
		    (*end != '\0' && strcmp(end, "/") != 0) || port == 0 || port > 65535)
			return vg_err_set(err, VG_EUSAGE,
			                  _("%s : le port doit être un nombre de 1 à 65535"), arg);
	}
	if (hlen == 0)
		return vg_err_set(err, VG_EUSAGE,
		                  _("%s : il manque le nom ou l'adresse du serveur"), arg);
	if (hlen >= buflen || hlen > 253)
		return vg_err_set(err, VG_EUSAGE, _("%s : nom de serveur trop long"), arg);
	for (size_t i = 0; i < hlen; i++) {
		unsigned char c = (unsigned char)host[i];

		if (!(c == '.' || c == '-' || c == ':' || c == '_' || (c >= '0' && c <= '9') ||
		      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%'))
			return vg_err_set(err, VG_EUSAGE,
			                  _("%s : caractère interdit dans le nom du serveur"), arg);
	}
	memcpy(buf, host, hlen);
	buf[hlen] = '\0';
	t->host = buf;
	t->port = (uint16_t)port;
	return 0;
}

/* ---- /proc/net/tcp ---------------------------------------------------------------- */

static int tls_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Reads exactly n hex digits at s into *v; returns the number consumed or -1. */
static int tls_hexn(const char *s, int n, uint32_t *v)
{
	uint32_t x = 0;

	for (int i = 0; i < n; i++) {
		int d = tls_hexval(s[i]);

		if (d < 0)
			return -1;
		x = x << 4 | (uint32_t)d;
	}
	*v = x;
	return n;
}

int tls_procnet_parse_line(const char *line, int family, struct tls_listener *l)
{
	const char *p = line;
	int addrlen = family == AF_INET6 ? 32 : 8;
	uint32_t word, port, state;

	if (line == NULL || (family != AF_INET && family != AF_INET6))
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (strncmp(p, "sl", 2) == 0)
		return 0; /* the header */
	if (*p == '\0' || *p == '\n')
		return 0;
	/* "N: ADDR:PORT REMADDR:PORT ST ..." */
	if (*p < '0' || *p > '9')
		return -1;
	for (int digits = 0; *p >= '0' && *p <= '9'; digits++, p++)
		if (digits == 10)
			return -1;
	if (*p++ != ':' || *p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	memset(l, 0, sizeof *l);
	l->family = family;
	/* The kernel prints each 32-bit word of the address in host byte order. */
	for (int w = 0; w < addrlen / 8; w++) {
		if (tls_hexn(p, 8, &word) < 0)
			return -1;
		memcpy(l->addr + 4 * w, &word, 4);
		p += 8;
	}
	if (*p++ != ':' || tls_hexn(p, 4, &port) < 0)
		return -1;
	p += 4;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	/* Remote address: same shape, not used. */
	for (int i = 0; i < addrlen; i++)
		if (tls_hexval(*p++) < 0)
			return -1;
	if (*p++ != ':')
		return -1;
	for (int i = 0; i < 4; i++)
		if (tls_hexval(*p++) < 0)
			return -1;
	if (*p != ' ')
		return -1;
	while (*p == ' ')
		p++;
	if (tls_hexn(p, 2, &state) < 0 || (p[2] != ' ' && p[2] != '\0' && p[2] != '\n'))
		return -1;
	if (state != 0x0A)
		return 0;
	if (port == 0)
		return -1;
	l->port = (uint16_t)port;
	return 1;
}

void tls_targets_free(struct tls_target *targets, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)targets[i].host);
	free(targets);
}

int tls_local_targets(const char *procdir, struct tls_target **targets, size_t *n,
                      struct vg_err *err)
{
	static const struct {
		const char *file;
		int family;
	} files[] = {{"tcp", AF_INET}, {"tcp6", AF_INET6}};
	struct tls_target *v = NULL;
	size_t nv = 0;

	*targets = NULL;
	*n = 0;
	if (procdir == NULL)
		procdir = "/proc/net";
	for (size_t f = 0; f < 2; f++) {
		char path[512], *data = NULL, *line, *save = NULL;
		size_t len, lineno = 0;
		struct vg_err ferr = {0};

		snprintf(path, sizeof path, "%s/%s", procdir, files[f].file);
		/* /proc files report size 0: vg_read_file reads until EOF. */
		if (vg_read_file(path, 64u << 20, false, &data, &len, &ferr) != 0) {
			if (files[f].family == AF_INET6)
				continue; /* no IPv6 on this machine */
			tls_targets_free(v, nv);
			return vg_err_set(err, VG_ESYS, "%s", ferr.msg);
		}
		for (line = strtok_r(data, "\n", &save); line != NULL;
		     line = strtok_r(NULL, "\n", &save)) {
			struct tls_listener l;
			char host[INET6_ADDRSTRLEN];
			int rc = tls_procnet_parse_line(line, files[f].family, &l);

			lineno++;
			if (rc <= 0)
				continue; /* malformed lines are skipped, not fatal */
			if (l.family == AF_INET) {
				static const unsigned char any4[4] = {0};

				if (memcmp(l.addr, any4, 4) == 0)
					snprintf(host, sizeof host, "127.0.0.1");
				else
					inet_ntop(AF_INET, l.addr, host, sizeof host);
			} else {
				static const unsigned char any6[16] = {0};

				if (memcmp(l.addr, any6, 16) == 0)
					snprintf(host, sizeof host, "::1");
				else
					inet_ntop(AF_INET6, l.addr, host, sizeof host);
			}
			bool dup = false;
			for (size_t i = 0; i < nv && !dup; i++)
				dup = v[i].port == l.port && strcmp(v[i].host, host) == 0;
			if (dup)
				continue;
			v = vg_reallocarray(v, nv + 1, sizeof *v);
			v[nv] =
			    (struct tls_target){vg_strdup(host), l.port, TLS_STARTTLS_AUTO, NULL};
			nv++;
		}
		(void)lineno;
		free(data);
	}
	*targets = v;
	*n = nv;
	return 0;
}

/* ---- the probe ---------------------------------------------------------------------- */

struct tls_pool;

/* One endpoint being probed. */
struct tls_ep {
	struct tls_pool *pool;
	const struct tls_target *t;
	struct tls_report *r;
	enum tls_starttls st;
	struct sockaddr_storage addr;
	socklen_t addrlen;
	bool sni;
	bool is_ip;
	pthread_mutex_t mu;
	int pending;                            /* tasks of the current phase still running */
	unsigned handshakes;                    /* counted under mu */
	const SSL_CIPHER **cand[TLS_NVERSIONS]; /* candidate suites per version */
	size_t ncand[TLS_NVERSIONS];
	struct timespec t0;
};

enum tls_task_kind { TLS_TASK_BASE, TLS_TASK_ENUM, TLS_TASK_HTTP, TLS_TASK_ORDER };

struct tls_task {
	struct tls_task *next;
	struct tls_ep *ep;
	enum tls_task_kind kind;
	int ver;
	size_t lo, hi; /* candidate range of an ENUM task */
};

struct tls_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct tls_task *head, *tail;
	int running;
	SSL_CTX *ctx;
	X509_STORE *store;
	int timeout_ms;
	time_t now;
};

enum tls_hs_status {
	TLS_HS_OK,
	TLS_HS_REJECTED, /* the server refused the handshake (alert, close) */
	TLS_HS_CONNECT,  /* TCP connection failed */
	TLS_HS_TIMEOUT,  /* connect, STARTTLS or handshake timed out */
	TLS_HS_STARTTLS, /* the STARTTLS exchange failed */
	TLS_HS_NOT_TLS,  /* the peer answered something that is not TLS */
	TLS_HS_LOCAL,    /* our side could not build the ClientHello */
	TLS_HS_LIMIT,    /* handshake budget of the endpoint exhausted */
};

/* The result of one handshake: on success ssl and fd stay open when keep was asked. */
struct tls_hs {
	int status;
	int fd;
	SSL *ssl;
	const SSL_CIPHER *cipher;
	int sys_errno;
	bool closed; /* the peer closed the connection during the handshake */
	char why[200];
};

static long tls_ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (long)((t1.tv_sec - t0->tv_sec) * 1000 + (t1.tv_nsec - t0->tv_nsec) / 1000000);
}

/* Waits for events on fd until the deadline; returns 1 ready, 0 timeout, -1 error. */
static int tls_wait(int fd, short events, const struct timespec *start, int timeout_ms)
{
	for (;;) {
		long left = timeout_ms - tls_ms_since(start);
		struct pollfd pfd = {.fd = fd, .events = events};
		int rc;

		if (left <= 0)
			return 0;
		rc = poll(&pfd, 1, (int)left);
		if (rc > 0)
			return 1;
		if (rc == 0)
			return 0;
		if (errno != EINTR)
			return -1;
	}
}

static void tls_hs_fail(struct tls_hs *h, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void tls_hs_fail(struct tls_hs *h, int status, const char *fmt, ...)
{
	va_list ap;

	h->status = status;
	va_start(ap, fmt);
	vsnprintf(h->why, sizeof h->why, fmt, ap);
	va_end(ap);
}

static int tls_connect(struct tls_ep *ep, struct tls_hs *h, int timeout_ms)
{
	struct timespec start;
	int fd, soerr = 0;
	socklen_t sl = sizeof soerr;

	clock_gettime(CLOCK_MONOTONIC, &start);
	fd = socket(ep->addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		h->sys_errno = errno;
		tls_hs_fail(h, TLS_HS_LOCAL, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&ep->addr, ep->addrlen) != 0) {
		if (errno != EINPROGRESS && errno != EINTR) {
			h->sys_errno = errno;
			tls_hs_fail(h, TLS_HS_CONNECT, "%s", strerror(errno));
			close(fd);
			return -1;
		}
		int rc = tls_wait(fd, POLLOUT, &start, timeout_ms);

		if (rc == 0) {
			tls_hs_fail(h, TLS_HS_TIMEOUT, "no answer to the connection within %d ms",
			            timeout_ms);
			close(fd);
			return -1;
		}
		if (rc < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0 ||
		    soerr != 0) {
			h->sys_errno = soerr != 0 ? soerr : errno;
			tls_hs_fail(h, TLS_HS_CONNECT, "%s", strerror(h->sys_errno));
			close(fd);
			return -1;
		}
	}
	h->fd = fd;
	return 0;
}

/* How a STARTTLS line ended, when not with its LF. */
enum {
	TLS_LINE_CLOSED = -1, /* the peer closed the connection, or a socket error */
	TLS_LINE_TIMEOUT = -2,
	TLS_LINE_NUL = -3,  /* a NUL byte: not the protocol we expect */
	TLS_LINE_LONG = -4, /* longer than the buffer */
	TLS_LINE_NO = -5,   /* a whole reply, but not the one expected */
};

/* Reads one CRLF line of a STARTTLS dialogue into line (NUL-terminated, CRLF removed).
 * line is NUL-terminated on every return, a failed one included (then holding what came
 * before the failure): the caller may always show it. max is at least 1. */
static int tls_readline(int fd, char *line, size_t max, const struct timespec *start,
                        int timeout_ms)
{
	size_t n = 0;

	line[0] = '\0';
	for (;;) {
		char c;
		ssize_t r = recv(fd, &c, 1, 0);

		if (r == 1) {
			if (c == '\0')
				return TLS_LINE_NUL;
			if (c == '\n') {
				if (n > 0 && line[n - 1] == '\r')
					line[--n] = '\0';
				return 0;
			}
			if (n + 1 >= max)
				return TLS_LINE_LONG;
			line[n++] = c;
			line[n] = '\0';
			continue;
		}
		if (r == 0)
			return TLS_LINE_CLOSED;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return TLS_LINE_CLOSED;
		if (tls_wait(fd, POLLIN, start, timeout_ms) != 1)
			return TLS_LINE_TIMEOUT;
	}
}

static int tls_sendall(int fd, const char *s, const struct timespec *start, int timeout_ms)
{
	size_t len = strlen(s), off = 0;

	while (off < len) {
		ssize_t w = send(fd, s + off, len - off, MSG_NOSIGNAL);

		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (tls_wait(fd, POLLOUT, start, timeout_ms) != 1)
				return -1;
			continue;
		}
		return -1;
	}
	return 0;
}

/* Reads a (possibly multi-line) reply; returns 0 when it starts with ok. Multi-line SMTP
 * replies continue with "NNN-". */
static int tls_expect(int fd, const char *ok, bool smtp, char *last, size_t lastmax,
                      const struct timespec *start, int timeout_ms)
{
	for (int i = 0; i < 100; i++) {
		int rc = tls_readline(fd, last, lastmax, start, timeout_ms);

		if (rc != 0)
			return rc;
		if (smtp && strlen(last) >= 4 && last[3] == '-')
			continue;
		if (!smtp && ok[0] == 'a' && last[0] == '*')
			continue; /* IMAP untagged lines before the tagged answer */
		return strncmp(last, ok, strlen(ok)) == 0 ? 0 : TLS_LINE_NO;
	}
	return TLS_LINE_NO;
}

static int tls_starttls(struct tls_ep *ep, struct tls_hs *h, const struct timespec *start,
                        int timeout_ms)
{
	char line[TLS_LINE_MAX] = "", shown[84];
	const char *how;
	size_t n = 0;
	int rc;

	switch (ep->st) {
	case TLS_STARTTLS_SMTP:
		rc = tls_expect(h->fd, "220", true, line, sizeof line, start, timeout_ms);
		if (rc == 0 && tls_sendall(h->fd, "EHLO vigie.invalid\r\n", start, timeout_ms) == 0)
			rc = tls_expect(h->fd, "250", true, line, sizeof line, start, timeout_ms);
		else if (rc == 0)
			rc = TLS_LINE_CLOSED;
		if (rc == 0 && tls_sendall(h->fd, "STARTTLS\r\n", start, timeout_ms) == 0)
			rc = tls_expect(h->fd, "220", true, line, sizeof line, start, timeout_ms);
		else if (rc == 0)
			rc = TLS_LINE_CLOSED;
		break;
	case TLS_STARTTLS_IMAP:
		rc = tls_expect(h->fd, "* OK", false, line, sizeof line, start, timeout_ms);
		if (rc == 0 && tls_sendall(h->fd, "a001 STARTTLS\r\n", start, timeout_ms) == 0)
			rc = tls_expect(h->fd, "a001 OK", false, line, sizeof line, start,
			                timeout_ms);
		else if (rc == 0)
			rc = TLS_LINE_CLOSED;
		break;
	case TLS_STARTTLS_POP3:
		rc = tls_expect(h->fd, "+OK", false, line, sizeof line, start, timeout_ms);
		if (rc == 0 && tls_sendall(h->fd, "STLS\r\n", start, timeout_ms) == 0)
			rc = tls_expect(h->fd, "+OK", false, line, sizeof line, start, timeout_ms);
		else if (rc == 0)
			rc = TLS_LINE_CLOSED;
		break;
	default:
		return 0;
	}
	if (rc == TLS_LINE_TIMEOUT) {
		tls_hs_fail(h, TLS_HS_TIMEOUT, "no %s answer within %d ms",
		            tls_starttls_name(ep->st), timeout_ms);
		return -1;
	}
	if (rc != 0) {
		/* line is always terminated (tls_readline): only this endpoint's bytes, at most
		 * 80 of them, printable ASCII. */
		for (const char *c = line; *c != '\0' && n < 80; c++)
			shown[n++] =
			    (unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e ? '?' : *c;
		shown[n] = '\0';
		how = rc == TLS_LINE_CLOSED ? "the server closed the connection"
		      : rc == TLS_LINE_NUL  ? "the server sent a NUL byte"
		      : rc == TLS_LINE_LONG ? "the server sent a line over 1024 bytes"
		                            : "refused or not understood";
		tls_hs_fail(h, TLS_HS_STARTTLS, "%s STARTTLS: %s (\"%s\")",
		            tls_starttls_name(ep->st), how, shown);
		return -1;
	}
	return 0;
}

static void tls_hs_close(struct tls_hs *h)
{
	if (h->ssl != NULL) {
		SSL_shutdown(h->ssl); /* nonblocking: one try at close_notify, no wait */
		SSL_free(h->ssl);
		h->ssl = NULL;
	}
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
}

static bool tls_reason_not_tls(int reason)
{
	return reason == SSL_R_WRONG_VERSION_NUMBER || reason == SSL_R_PACKET_LENGTH_TOO_LONG ||
	       reason == SSL_R_UNKNOWN_PROTOCOL || reason == SSL_R_RECORD_LENGTH_MISMATCH ||
	       reason == SSL_R_UNEXPECTED_MESSAGE || reason == SSL_R_LENGTH_MISMATCH ||
	       reason == SSL_R_BAD_PACKET_LENGTH || reason == SSL_R_HTTP_REQUEST ||
	       reason == SSL_R_HTTPS_PROXY_REQUEST || reason == SSL_R_UNEXPECTED_RECORD ||
	       reason == SSL_R_BAD_LENGTH;
}

/* One handshake with versions [minv, maxv], the given suites (NULL: all the prober can
 * offer). keep leaves the connection open on success; the caller closes it. */
static void tls_handshake(struct tls_ep *ep, int minv, int maxv, const char *list12,
                          const char *list13, bool keep, struct tls_hs *h)
{
	struct tls_pool *p = ep->pool;
	struct timespec start;
	SSL *ssl;

	memset(h, 0, sizeof *h);
	h->fd = -1;
	pthread_mutex_lock(&ep->mu);
	if (ep->handshakes >= TLS_MAX_HANDSHAKES) {
		pthread_mutex_unlock(&ep->mu);
		tls_hs_fail(h, TLS_HS_LIMIT, "too many handshakes");
		return;
	}
	ep->handshakes++;
	pthread_mutex_unlock(&ep->mu);
	if (tls_connect(ep, h, p->timeout_ms) != 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &start);
	if (tls_starttls(ep, h, &start, p->timeout_ms) != 0) {
		tls_hs_close(h);
		return;
	}
	ERR_clear_error();
	ssl = SSL_new(p->ctx);
	if (ssl == NULL) {
		tls_hs_fail(h, TLS_HS_LOCAL, "SSL_new failed");
		tls_hs_close(h);
		return;
	}
	h->ssl = ssl;
	if (!SSL_set_min_proto_version(ssl, minv) || !SSL_set_max_proto_version(ssl, maxv) ||
	    !SSL_set_cipher_list(ssl, list12 != NULL ? list12 : tls_all_12) ||
	    !SSL_set_ciphersuites(ssl, list13 != NULL ? list13 : tls_all_13) ||
	    !SSL_set_fd(ssl, h->fd) || (ep->sni && !SSL_set_tlsext_host_name(ssl, ep->t->host))) {
		tls_hs_fail(h, TLS_HS_LOCAL, "cannot set up the ClientHello");
		ERR_clear_error();
		tls_hs_close(h);
		return;
	}
	SSL_set_connect_state(ssl);
	for (;;) {
		int rc = SSL_connect(ssl), e, w;

		if (rc == 1)
			break;
		e = SSL_get_error(ssl, rc);
		if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
			w = tls_wait(h->fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, &start,
			             p->timeout_ms);
			if (w == 1)
				continue;
			tls_hs_fail(h, TLS_HS_TIMEOUT, "no TLS handshake within %d ms",
			            p->timeout_ms);
		} else if (e == SSL_ERROR_SSL) {
			unsigned long ec = ERR_peek_error();
			int reason = ERR_GET_REASON(ec);
			char buf[160];

			ERR_error_string_n(ec, buf, sizeof buf);
			if (ERR_GET_LIB(ec) == ERR_LIB_SSL &&
			    reason == SSL_R_UNEXPECTED_EOF_WHILE_READING)
				h->closed = true;
			if (ERR_GET_LIB(ec) == ERR_LIB_SSL && tls_reason_not_tls(reason))
				tls_hs_fail(h, TLS_HS_NOT_TLS, "%s",
				            ERR_reason_error_string(ec)
				                ? ERR_reason_error_string(ec)
				                : buf);
			else if (ERR_GET_LIB(ec) == ERR_LIB_SSL &&
			         reason == SSL_R_NO_CIPHERS_AVAILABLE)
				tls_hs_fail(h, TLS_HS_LOCAL, "no suite to offer");
			else
				tls_hs_fail(h, TLS_HS_REJECTED, "%s",
				            ERR_reason_error_string(ec)
				                ? ERR_reason_error_string(ec)
				                : buf);
		} else if (e == SSL_ERROR_SYSCALL) {
			h->sys_errno = errno;
			h->closed = true;
			tls_hs_fail(h, TLS_HS_REJECTED,
			            "connection closed during the handshake%s%s",
			            errno != 0 ? ": " : "", errno != 0 ? strerror(errno) : "");
		} else {
			tls_hs_fail(h, TLS_HS_REJECTED, "handshake failed (SSL error %d)", e);
		}
		ERR_clear_error();
		tls_hs_close(h);
		return;
	}
	h->status = TLS_HS_OK;
	h->cipher = SSL_get_current_cipher(ssl);
	ERR_clear_error();
	if (!keep)
		tls_hs_close(h);
}

/* ---- judging ------------------------------------------------------------------------ */

static unsigned tls_suite_weakness(const SSL_CIPHER *c)
{
	const char *name = SSL_CIPHER_get_name(c);
	int kx = SSL_CIPHER_get_kx_nid(c), au = SSL_CIPHER_get_auth_nid(c);
	int ciph = SSL_CIPHER_get_cipher_nid(c), md = SSL_CIPHER_get_digest_nid(c);
	unsigned w = 0;

	if (kx == NID_kx_rsa || kx == NID_kx_rsa_psk || kx == NID_kx_psk || kx == NID_kx_srp)
		w |= TLS_WEAK_NO_FS;
	if (au == NID_auth_null)
		w |= TLS_WEAK_ANON;
	if (ciph == NID_undef || strstr(name, "NULL") != NULL)
		w |= TLS_WEAK_NULL;
	if (ciph == NID_des_ede3_cbc || strstr(name, "DES-CBC3") != NULL)
		w |= TLS_WEAK_3DES;
	if (ciph == NID_rc4 || ciph == NID_rc4_40 || strstr(name, "RC4") != NULL)
		w |= TLS_WEAK_RC4;
	if (strncmp(name, "EXP", 3) == 0 || ciph == NID_des_cbc || ciph == NID_rc2_cbc)
		w |= TLS_WEAK_EXPORT;
	if (!SSL_CIPHER_is_aead(c) && !(w & TLS_WEAK_NULL) && (md == NID_sha1 || md == NID_md5))
		w |= TLS_WEAK_CBC_SHA1;
	return w;
}

static void tls_add_finding(struct tls_report *r, const char *code, enum tls_severity sev,
                            const char *fr, const char *en, const char *detail)
{
	struct tls_finding *f;

	r->findings = vg_reallocarray(r->findings, r->nfindings + 1, sizeof *r->findings);
	f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof *f);
	f->code = code;
	f->severity = sev;
	f->fr = fr;
	f->en = en;
	if (detail != NULL)
		snprintf(f->detail, sizeof f->detail, "%s", detail);
}

static void tls_fmt_date(time_t t, char *out, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d", &tm);
}

/* Lists the accepted suites with one of the weakness bits, "TLS 1.2: A, B; TLS 1.0: C". */
static bool tls_weak_detail(const struct tls_report *r, unsigned bits, char *out, size_t n)
{
	struct vg_buf b;
	bool any = false;

	vg_buf_init(&b, n - 1);
	for (int v = TLS_NVERSIONS - 1; v >= 0; v--) {
		bool first = true;

		for (size_t i = 0; i < r->nsuites[v]; i++) {
			if (!(r->suites[v][i].weak & bits))
				continue;
			any = true;
			if (first)
				vg_buf_printf(&b, "%s%s: ", b.len ? "; " : "",
				              tls_version_name((enum tls_version)v));
			vg_buf_printf(&b, "%s%s", first ? "" : ", ", r->suites[v][i].name);
			first = false;
		}
	}
	snprintf(out, n, "%s", b.data != NULL ? b.data : "");
	vg_buf_free(&b);
	return any;
}

static void tls_judge(struct tls_report *r)
{
	char d[512];

	/* Protocol versions. */
	if (r->accepted[TLS_V10])
		tls_add_finding(r, "proto_tls10", TLS_SEV_MEDIUM,
		                "Le serveur accepte encore TLS 1.0, une version obsolète depuis "
		                "2021 : demandez à votre hébergeur de la désactiver et de garder "
		                "seulement TLS 1.2 et TLS 1.3.",
		                "The server still accepts TLS 1.0, obsolete since 2021: ask your "
		                "host to disable it and keep only TLS 1.2 and TLS 1.3.",
		                NULL);
	if (r->accepted[TLS_V11])
		tls_add_finding(r, "proto_tls11", TLS_SEV_MEDIUM,
		                "Le serveur accepte encore TLS 1.1, une version obsolète depuis "
		                "2021 : demandez à votre hébergeur de la désactiver et de garder "
		                "seulement TLS 1.2 et TLS 1.3.",
		                "The server still accepts TLS 1.1, obsolete since 2021: ask your "
		                "host to disable it and keep only TLS 1.2 and TLS 1.3.",
		                NULL);
	if (!r->accepted[TLS_V12] && !r->accepted[TLS_V13])
		tls_add_finding(r, "proto_no_modern", TLS_SEV_HIGH,
		                "Le serveur n'accepte ni TLS 1.2 ni TLS 1.3 : ses connexions ne "
		                "sont pas protégées selon les règles actuelles ; demandez à votre "
		                "hébergeur d'activer TLS 1.2 et TLS 1.3.",
		                "The server accepts neither TLS 1.2 nor TLS 1.3: its connections "
		                "are not protected by today's rules; ask your host to enable TLS "
		                "1.2 and TLS 1.3.",
		                NULL);
	else if (!r->accepted[TLS_V13])
		tls_add_finding(r, "proto_no_tls13", TLS_SEV_INFO,
		                "Le serveur n'accepte pas TLS 1.3 : ce n'est pas une faille, mais "
		                "l'activer rendrait les connexions plus sûres et plus rapides.",
		                "The server does not accept TLS 1.3: not a flaw, but enabling it "
		                "would make connections safer and faster.",
		                NULL);

	/* Suites. */
	if (tls_weak_detail(r, TLS_WEAK_NULL, d, sizeof d))
		tls_add_finding(r, "suite_null", TLS_SEV_HIGH,
		                "Le serveur accepte des suites sans aucun chiffrement (NULL) : les "
		                "échanges peuvent circuler en clair ; demandez à votre hébergeur "
		                "de les retirer.",
		                "The server accepts suites with no encryption at all (NULL): "
		                "traffic may travel in clear text; ask your host to remove them.",
		                d);
	if (tls_weak_detail(r, TLS_WEAK_ANON, d, sizeof d))
		tls_add_finding(r, "suite_anonymous", TLS_SEV_HIGH,
		                "Le serveur accepte des suites anonymes, sans certificat : "
		                "n'importe qui peut se faire passer pour lui ; demandez à votre "
		                "hébergeur de les retirer.",
		                "The server accepts anonymous suites, with no certificate: anyone "
		                "can impersonate it; ask your host to remove them.",
		                d);
	if (tls_weak_detail(r, TLS_WEAK_EXPORT | TLS_WEAK_RC4 | TLS_WEAK_3DES, d, sizeof d))
		tls_add_finding(r, "suite_broken_cipher", TLS_SEV_HIGH,
		                "Le serveur accepte des algorithmes de chiffrement cassés (RC4, "
		                "3DES, DES ou EXPORT) ; demandez à votre hébergeur de les retirer.",
		                "The server accepts broken ciphers (RC4, 3DES, DES or EXPORT); ask "
		                "your host to remove them.",
		                d);
	if (tls_weak_detail(r, TLS_WEAK_NO_FS, d, sizeof d))
		tls_add_finding(r, "suite_no_forward_secrecy", TLS_SEV_MEDIUM,
		                "Le serveur accepte des suites sans confidentialité persistante "
		                "(échange de clés RSA) : le vol futur de sa clé permettrait de "
		                "déchiffrer les échanges enregistrés ; demandez à votre hébergeur "
		                "de ne garder que les suites ECDHE ou DHE.",
		                "The server accepts suites without forward secrecy (RSA key "
		                "exchange): a future theft of its key would decrypt recorded "
		                "traffic; ask your host to keep only ECDHE or DHE suites.",
		                d);
	if (tls_weak_detail(r, TLS_WEAK_CBC_SHA1, d, sizeof d))
		tls_add_finding(r, "suite_cbc_sha1", TLS_SEV_LOW,
		                "Le serveur accepte des suites anciennes (chiffrement CBC avec "
		                "SHA-1) ; demandez à votre hébergeur de ne garder que les suites "
		                "AES-GCM ou ChaCha20.",
		                "The server accepts old suites (CBC encryption with SHA-1); ask "
		                "your host to keep only AES-GCM or ChaCha20 suites.",
		                d);
	for (int v = TLS_V10; v <= TLS_V12; v++) {
		bool weak = false;

		for (size_t i = 0; i < r->nsuites[v]; i++)
			weak |= r->suites[v][i].weak != 0;
		if (r->server_order[v] == 0 && weak) {
			snprintf(d, sizeof d, "%s", tls_version_name((enum tls_version)v));
			tls_add_finding(r, "suite_client_order", TLS_SEV_LOW,
			                "Le serveur laisse le visiteur choisir la suite de "
			                "chiffrement, y compris une faible : demandez à votre "
			                "hébergeur d'imposer l'ordre du serveur.",
			                "The server lets the visitor choose the cipher suite, a "
			                "weak one included: ask your host to enforce the server's "
			                "order.",
			                d);
			break;
		}
	}
}

/* Certificate findings need the reference time; kept apart from tls_judge for clarity. */
static void tls_judge_cert(struct tls_report *r, time_t now)
{
	const struct tls_cert *c = &r->cert;
	char d[512], nb[16], na[16];

	if (!c->present) {
		tls_add_finding(r, "cert_missing", TLS_SEV_HIGH,
		                "Le serveur n'a présenté aucun certificat : personne ne peut "
		                "vérifier son identité ; demandez à votre hébergeur d'installer un "
		                "certificat.",
		                "The server presented no certificate: nobody can check its "
		                "identity; ask your host to install one.",
		                NULL);
		return;
	}
	tls_fmt_date(c->not_before, nb, sizeof nb);
	tls_fmt_date(c->not_after, na, sizeof na);
	if (c->not_after < now) {
		snprintf(d, sizeof d, "notAfter %s", na);
		tls_add_finding(r, "cert_expired", TLS_SEV_HIGH,
		                "Le certificat du serveur a expiré : les navigateurs affichent une "
		                "alerte ; demandez à votre hébergeur de le renouveler.",
		                "The server's certificate has expired: browsers show a warning; "
		                "ask your host to renew it.",
		                d);
	} else if (c->not_before > now) {
		snprintf(d, sizeof d, "notBefore %s", nb);
		tls_add_finding(r, "cert_not_yet_valid", TLS_SEV_HIGH,
		                "Le certificat du serveur n'est pas encore valide (sa date de "
		                "début est dans le futur) : vérifiez l'horloge du serveur ou "
		                "demandez à votre hébergeur un certificat correct.",
		                "The server's certificate is not valid yet (its start date is in "
		                "the future): check the server's clock or ask your host for a "
		                "correct certificate.",
		                d);
	} else if (c->not_after - now < TLS_EXPIRY_WARN) {
		snprintf(d, sizeof d, "notAfter %s (%ld days)", na,
		         (long)((c->not_after - now) / 86400));
		tls_add_finding(r, "cert_expiring_soon", TLS_SEV_MEDIUM,
		                "Le certificat du serveur expire dans moins de 30 jours : "
		                "demandez à votre hébergeur de le renouveler dès maintenant.",
		                "The server's certificate expires in less than 30 days: ask your "
		                "host to renew it now.",
		                d);
	}
	switch (c->verify_error) {
	case X509_V_OK:
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		break;
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
		tls_add_finding(r, "cert_self_signed", TLS_SEV_HIGH,
		                "Le certificat du serveur est auto-signé : aucun navigateur ne "
		                "peut vérifier l'identité du site ; demandez à votre hébergeur un "
		                "certificat d'une autorité reconnue (par exemple Let's Encrypt).",
		                "The server's certificate is self-signed: no browser can check "
		                "the site's identity; ask your host for a certificate from a "
		                "recognised authority (Let's Encrypt, for instance).",
		                c->verify_reason);
		break;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
		tls_add_finding(r, "cert_chain_incomplete", TLS_SEV_HIGH,
		                "La chaîne du certificat est incomplète : le serveur n'envoie pas "
		                "le certificat intermédiaire de son autorité (ou cette autorité "
		                "est inconnue) ; demandez à votre hébergeur d'installer la chaîne "
		                "complète (fullchain).",
		                "The certificate chain is incomplete: the server does not send "
		                "its authority's intermediate certificate (or that authority is "
		                "unknown); ask your host to install the full chain.",
		                c->verify_reason);
		break;
	default:
		tls_add_finding(r, "cert_untrusted", TLS_SEV_HIGH,
		                "Le certificat du serveur n'est pas émis par une autorité de "
		                "confiance : les visiteurs verront une alerte ; demandez à votre "
		                "hébergeur un certificat d'une autorité reconnue.",
		                "The server's certificate is not issued by a trusted authority: "
		                "visitors will see a warning; ask your host for a certificate "
		                "from a recognised authority.",
		                c->verify_reason);
		break;
	}
	if (c->hostname_checked && !c->hostname_ok) {
		snprintf(d, sizeof d, "%.200s; %.250s", r->host, c->sans[0] ? c->sans : c->subject);
		tls_add_finding(r, "cert_hostname_mismatch", TLS_SEV_HIGH,
		                "Le certificat du serveur ne porte pas le nom utilisé pour le "
		                "joindre : les navigateurs affichent une alerte ; demandez à votre "
		                "hébergeur un certificat qui couvre ce nom.",
		                "The server's certificate does not carry the name used to reach "
		                "it: browsers show a warning; ask your host for a certificate "
		                "covering this name.",
		                d);
	}
	if ((strcmp(c->key_type, "RSA") == 0 && c->key_bits < 2048) ||
	    (strcmp(c->key_type, "DSA") == 0) ||
	    (strcmp(c->key_type, "EC") == 0 && c->key_bits < 256)) {
		snprintf(d, sizeof d, "%s %d bits", c->key_type, c->key_bits);
		tls_add_finding(r, "cert_weak_key", TLS_SEV_HIGH,
		                "La clé du certificat est trop courte (moins de 2048 bits en RSA, "
		                "256 en courbe elliptique) : demandez à votre hébergeur un nouveau "
		                "certificat avec une clé plus longue.",
		                "The certificate's key is too short (under 2048 bits for RSA, 256 "
		                "for elliptic curves): ask your host for a new certificate with a "
		                "longer key.",
		                d);
	}
	if (c->sig_weak) {
		tls_add_finding(r, "cert_weak_signature", TLS_SEV_HIGH,
		                "Le certificat est signé avec un algorithme cassé (SHA-1 ou MD5) : "
		                "demandez à votre hébergeur un certificat signé en SHA-256.",
		                "The certificate is signed with a broken algorithm (SHA-1 or MD5): "
		                "ask your host for a certificate signed with SHA-256.",
		                c->sig_weak_detail);
	}
}

static void tls_judge_http(struct tls_report *r)
{
	char d[320];

	if (r->http != 1)
		return;
	if (r->hsts != 1) {
		tls_add_finding(
		    r, "hsts_missing", TLS_SEV_MEDIUM,
		    "Le site HTTPS n'envoie pas l'en-tête HSTS "
		    "(Strict-Transport-Security) : un visiteur peut être ramené vers "
		    "la version non chiffrée ; demandez à votre hébergeur de l'ajouter.",
		    "The HTTPS site does not send the HSTS header "
		    "(Strict-Transport-Security): a visitor can be pushed back to the "
		    "unencrypted version; ask your host to add it.",
		    NULL);
	} else if (r->hsts_max_age < TLS_HSTS_MIN) {
		snprintf(d, sizeof d, "%s", r->hsts_value);
		tls_add_finding(r, "hsts_short", TLS_SEV_LOW,
		                "L'en-tête HSTS du site a une durée trop courte (moins de 6 "
		                "mois) : demandez à votre hébergeur de la porter à un an.",
		                "The site's HSTS header lasts too short a time (under 6 months): "
		                "ask your host to raise it to one year.",
		                d);
	}
}

static void tls_verdict(struct tls_report *r)
{
	enum tls_verdict v = TLS_VERDICT_PASS;

	for (size_t i = 0; i < r->nfindings; i++) {
		if (r->findings[i].severity == TLS_SEV_HIGH)
			v = TLS_VERDICT_FAIL;
		else if (r->findings[i].severity >= TLS_SEV_LOW && v == TLS_VERDICT_PASS)
			v = TLS_VERDICT_WARN;
	}
	r->verdict = v;
}

/* ---- certificate --------------------------------------------------------------------- */

struct tls_verify_state {
	int first;      /* first error that is not about time */
	int first_time; /* first error about time */
	int depth;
};

static int tls_verify_cb(int ok, X509_STORE_CTX *ctx)
{
	struct tls_verify_state *vs = X509_STORE_CTX_get_app_data(ctx);
	int e = X509_STORE_CTX_get_error(ctx);

	if (ok || vs == NULL)
		return 1;
	if (e == X509_V_ERR_CERT_HAS_EXPIRED || e == X509_V_ERR_CERT_NOT_YET_VALID) {
		if (vs->first_time == 0)
			vs->first_time = e;
	} else if (vs->first == 0) {
		vs->first = e;
		vs->depth = X509_STORE_CTX_get_error_depth(ctx);
	}
	return 1; /* keep going: we judge every problem ourselves */
}

static time_t tls_asn1_time(const ASN1_TIME *t)
{
	struct tm tm;

	if (t == NULL || !ASN1_TIME_to_tm(t, &tm))
		return 0;
	return timegm(&tm);
}

static bool tls_sig_weak(X509 *x)
{
	int md = NID_undef, pk = NID_undef;

	if (!OBJ_find_sigid_algs(X509_get_signature_nid(x), &md, &pk))
		return false;
	return md == NID_sha1 || md == NID_md5 || md == NID_md4 || md == NID_md2;
}

static void tls_cert_sans(X509 *x, char *out, size_t n)
{
	GENERAL_NAMES *gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	size_t off = 0;

	out[0] = '\0';
	if (gens == NULL)
		return;
	for (int i = 0; i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		char item[INET6_ADDRSTRLEN + 8];
		int k;

		if (g->type == GEN_DNS) {
			const unsigned char *s = ASN1_STRING_get0_data(g->d.dNSName);
			int l = ASN1_STRING_length(g->d.dNSName);

			snprintf(item, sizeof item, "%.*s", l > 40 ? 40 : l, (const char *)s);
		} else if (g->type == GEN_IPADD) {
			int l = ASN1_STRING_length(g->d.iPAddress);
			const unsigned char *s = ASN1_STRING_get0_data(g->d.iPAddress);

			if (l == 4)
				inet_ntop(AF_INET, s, item, sizeof item);
			else if (l == 16)
				inet_ntop(AF_INET6, s, item, sizeof item);
			else
				continue;
		} else {
			continue;
		}
		for (char *c = item; *c; c++)
			if ((unsigned char)*c < 0x20 || (unsigned char)*c > 0x7e || *c == '"')
				*c = '?';
		k = snprintf(out + off, n - off, "%s%s", off ? ", " : "", item);
		if (k < 0 || (size_t)k >= n - off)
			break;
		off += (size_t)k;
	}
	GENERAL_NAMES_free(gens);
}

static void tls_sanitize(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			*s = '?'; /* ASCII only: the text goes to terminals and JSON */
}

static void tls_inspect_cert(struct tls_ep *ep, SSL *ssl)
{
	struct tls_cert *c = &ep->r->cert;
	X509 *leaf = SSL_get0_peer_certificate(ssl);
	STACK_OF(X509) *sent = SSL_get_peer_cert_chain(ssl);
	EVP_PKEY *pk;
	X509_STORE_CTX *vctx;
	struct tls_verify_state vs = {0};

	if (leaf == NULL)
		return;
	c->present = true;
	X509_NAME_oneline(X509_get_subject_name(leaf), c->subject, sizeof c->subject);
	X509_NAME_oneline(X509_get_issuer_name(leaf), c->issuer, sizeof c->issuer);
	tls_sanitize(c->subject);
	tls_sanitize(c->issuer);
	tls_cert_sans(leaf, c->sans, sizeof c->sans);
	c->not_before = tls_asn1_time(X509_get0_notBefore(leaf));
	c->not_after = tls_asn1_time(X509_get0_notAfter(leaf));
	pk = X509_get0_pubkey(leaf);
	if (pk != NULL) {
		int id = EVP_PKEY_get_base_id(pk);

		c->key_bits = EVP_PKEY_get_bits(pk);
		snprintf(c->key_type, sizeof c->key_type, "%s",
		         id == EVP_PKEY_RSA || id == EVP_PKEY_RSA_PSS ? "RSA"
		         : id == EVP_PKEY_EC                          ? "EC"
		         : id == EVP_PKEY_ED25519                     ? "Ed25519"
		         : id == EVP_PKEY_ED448                       ? "Ed448"
		         : id == EVP_PKEY_DSA                         ? "DSA"
		                                                      : "other");
	}
	snprintf(c->sig_alg, sizeof c->sig_alg, "%s", OBJ_nid2ln(X509_get_signature_nid(leaf)));
	c->chain_sent = sent != NULL ? sk_X509_num(sent) : 1;
	/* SHA-1/MD5 signatures matter on the leaf and the intermediates, not on a root. */
	for (int i = 0; i < (sent != NULL ? sk_X509_num(sent) : 0) || i == 0; i++) {
		X509 *x = sent != NULL && i < sk_X509_num(sent) ? sk_X509_value(sent, i) : leaf;
		bool self = X509_check_issued(x, x) == X509_V_OK;

		if (!c->sig_weak && (!self || i == 0) && tls_sig_weak(x)) {
			c->sig_weak = true;
			snprintf(c->sig_weak_detail, sizeof c->sig_weak_detail, "%s: %s",
			         i == 0 ? "leaf" : "intermediate",
			         OBJ_nid2ln(X509_get_signature_nid(x)));
		}
		if (sent == NULL)
			break;
	}
	if (ep->t->host[0] != '\0') {
		c->hostname_checked = true;
		if (ep->is_ip)
			c->hostname_ok = X509_check_ip_asc(leaf, ep->t->host, 0) == 1;
		else
			c->hostname_ok =
			    X509_check_host(leaf, ep->t->host, strlen(ep->t->host), 0, NULL) == 1;
	}
	vctx = X509_STORE_CTX_new();
	if (vctx == NULL || !X509_STORE_CTX_init(vctx, ep->pool->store, leaf, sent)) {
		c->verify_error = X509_V_ERR_UNSPECIFIED;
		snprintf(c->verify_reason, sizeof c->verify_reason, "verification not possible");
		X509_STORE_CTX_free(vctx);
		return;
	}
	X509_STORE_CTX_set_app_data(vctx, &vs);
	X509_STORE_CTX_set_verify_cb(vctx, tls_verify_cb);
	X509_STORE_CTX_set_purpose(vctx, X509_PURPOSE_SSL_SERVER);
	X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(vctx), ep->pool->now);
	if (X509_verify_cert(vctx) != 1 && vs.first == 0 && vs.first_time == 0)
		vs.first = X509_STORE_CTX_get_error(vctx);
	c->verify_error = vs.first != 0 ? vs.first : vs.first_time;
	if (c->verify_error != 0)
		snprintf(c->verify_reason, sizeof c->verify_reason, "%s (depth %d)",
		         X509_verify_cert_error_string(c->verify_error), vs.depth);
	X509_STORE_CTX_free(vctx);
	ERR_clear_error();
}

/* ---- HTTP and HSTS ----------------------------------------------------------------- */

/* Finds needle (lowercase) in s, ignoring case. */
static const char *tls_find_nocase(const char *s, const char *needle)
{
	size_t l = strlen(needle);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, needle, l) == 0)
			return s;
	return NULL;
}

static void tls_parse_hsts(struct tls_report *r, const char *hdrs)
{
	const char *p = hdrs;

	r->http = strncmp(hdrs, "HTTP/", 5) == 0;
	if (!r->http)
		return;
	r->hsts = 0;
	while ((p = strstr(p, "\n")) != NULL) {
		const char *v, *eol;
		size_t len;

		p++;
		if (strncasecmp(p, "strict-transport-security:", 26) != 0)
			continue;
		v = p + 26;
		while (*v == ' ' || *v == '\t')
			v++;
		eol = strpbrk(v, "\r\n");
		len = eol != NULL ? (size_t)(eol - v) : strlen(v);
		if (len >= sizeof r->hsts_value)
			len = sizeof r->hsts_value - 1;
		memcpy(r->hsts_value, v, len);
		r->hsts_value[len] = '\0';
		tls_sanitize(r->hsts_value);
		r->hsts = 1;
		r->hsts_max_age = -1;
		for (const char *m = r->hsts_value; (m = tls_find_nocase(m, "max-age")) != NULL;
		     m++) {
			const char *q = m + 7;
			char *end;
			long age;

			while (*q == ' ')
				q++;
			if (*q++ != '=')
				continue;
			while (*q == ' ' || *q == '"')
				q++;
			errno = 0;
			age = strtol(q, &end, 10);
			if (end != q && errno == 0 && age >= 0)
				r->hsts_max_age = age;
			break;
		}
		return;
	}
}

static void tls_task_http(struct tls_ep *ep)
{
	struct tls_pool *p = ep->pool;
	struct tls_hs h;
	struct timespec start;
	char req[512], buf[TLS_HTTP_MAX + 1];
	size_t len = 0, off = 0, reqlen;
	bool v6 = strchr(ep->t->host, ':') != NULL;

	tls_handshake(ep, TLS1_VERSION, TLS1_3_VERSION, NULL, NULL, true, &h);
	if (h.status != TLS_HS_OK)
		return;
	snprintf(req, sizeof req,
	         "GET / HTTP/1.1\r\nHost: %s%s%s%s\r\nUser-Agent: vigie-tls\r\n"
	         "Accept: */*\r\nConnection: close\r\n\r\n",
	         v6 ? "[" : "", ep->t->host, v6 ? "]" : "", "");
	if (ep->t->port != 443) {
		char hostport[300];

		snprintf(hostport, sizeof hostport, "%s%s%s:%u", v6 ? "[" : "", ep->t->host,
		         v6 ? "]" : "", ep->t->port);
		snprintf(req, sizeof req,
		         "GET / HTTP/1.1\r\nHost: %s\r\nUser-Agent: vigie-tls\r\n"
		         "Accept: */*\r\nConnection: close\r\n\r\n",
		         hostport);
	}
	reqlen = strlen(req);
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (off < reqlen) {
		int w = SSL_write(h.ssl, req + off, (int)(reqlen - off)), e;

		if (w > 0) {
			off += (size_t)w;
			continue;
		}
		e = SSL_get_error(h.ssl, w);
		if ((e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) ||
		    tls_wait(h.fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, &start,
		             p->timeout_ms) != 1)
			goto out;
	}
	while (len < TLS_HTTP_MAX) {
		int n = SSL_read(h.ssl, buf + len, (int)(TLS_HTTP_MAX - len)), e;

		if (n > 0) {
			len += (size_t)n;
			buf[len] = '\0';
			if (strstr(buf, "\r\n\r\n") != NULL || strstr(buf, "\n\n") != NULL)
				break;
			continue;
		}
		e = SSL_get_error(h.ssl, n);
		if ((e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) ||
		    tls_wait(h.fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, &start,
		             p->timeout_ms) != 1)
			break;
	}
	buf[len] = '\0';
	if (memchr(buf, '\0', len) != NULL) {
		/* Binary answer: not HTTP. */
		pthread_mutex_lock(&ep->mu);
		ep->r->http = 0;
		pthread_mutex_unlock(&ep->mu);
		goto out;
	}
	pthread_mutex_lock(&ep->mu);
	tls_parse_hsts(ep->r, buf);
	pthread_mutex_unlock(&ep->mu);
out:
	ERR_clear_error();
	tls_hs_close(&h);
}

/* ---- plain probe of a peer that does not speak TLS --------------------------------- */

/* Sends an HTTP request in clear and reads the start of the answer into out. */
static void tls_plain_probe(struct tls_ep *ep, char *out, size_t n)
{
	struct tls_hs h;
	struct timespec start;
	size_t len = 0;
	int wait_ms = ep->pool->timeout_ms < 2000 ? ep->pool->timeout_ms : 2000;

	memset(&h, 0, sizeof h);
	h.fd = -1;
	out[0] = '\0';
	if (tls_connect(ep, &h, wait_ms) != 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &start);
	if (tls_sendall(h.fd, "GET / HTTP/1.0\r\n\r\n", &start, wait_ms) == 0) {
		while (len + 1 < n) {
			ssize_t r = recv(h.fd, out + len, n - 1 - len, 0);

			if (r > 0) {
				len += (size_t)r;
				if (len >= 16)
					break;
				continue;
			}
			if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR))
				break;
			if (tls_wait(h.fd, POLLIN, &start, wait_ms) != 1)
				break;
		}
	}
	out[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] > 0x7e)
			out[i] = (out[i] == '\r' || out[i] == '\n') ? ' ' : '?';
	if (len > 40)
		out[40] = '\0';
	close(h.fd);
}

/* ---- tasks and pool ---------------------------------------------------------------- */

static void tls_push(struct tls_pool *p, struct tls_ep *ep, enum tls_task_kind kind, int ver,
                     size_t lo, size_t hi)
{
	struct tls_task *t = vg_calloc(1, sizeof *t);

	t->ep = ep;
	t->kind = kind;
	t->ver = ver;
	t->lo = lo;
	t->hi = hi;
	pthread_mutex_lock(&p->mu);
	if (p->tail != NULL)
		p->tail->next = t;
	else
		p->head = t;
	p->tail = t;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* Sets r's error: the sentences, with why (a system or library message) in parentheses
 * unless it is "". */
static void tls_set_error(struct tls_report *r, const char *code, const char *fr, const char *en,
                          const char *why)
{
	r->error_code = code;
	if (why[0] == '\0') {
		snprintf(r->error_fr, sizeof r->error_fr, "%s", fr);
		snprintf(r->error_en, sizeof r->error_en, "%s", en);
	} else {
		snprintf(r->error_fr, sizeof r->error_fr, "%s (%s)", fr, why);
		snprintf(r->error_en, sizeof r->error_en, "%s (%s)", en, why);
	}
	r->verdict = TLS_VERDICT_ERROR;
}

static void tls_finish(struct tls_ep *ep)
{
	struct tls_report *r = ep->r;

	r->handshakes = ep->handshakes;
	r->elapsed_ms = (double)tls_ms_since(&ep->t0);
	if (r->error_code != NULL)
		return;
	tls_judge(r);
	tls_judge_cert(r, ep->pool->now);
	tls_judge_http(r);
	tls_verdict(r);
}

static int tls_suite_cmp(const void *a, const void *b)
{
	const struct tls_suite *x = a, *y = b;

	if ((x->weak != 0) != (y->weak != 0))
		return x->weak != 0 ? 1 : -1;
	return (int)x->id - (int)y->id;
}

/* The pool's candidate suites per version; the same for every endpoint. */
static const SSL_CIPHER **tls_cand[TLS_NVERSIONS];
static size_t tls_ncand[TLS_NVERSIONS];

static void tls_phase2(struct tls_ep *ep)
{
	int tasks = 0;

	pthread_mutex_lock(&ep->mu);
	for (int v = 0; v < TLS_NVERSIONS; v++) {
		size_t n = ep->ncand[v], g = v == TLS_V13 ? 1 : TLS_GROUPS_LEGACY;
		size_t per = (n + g - 1) / g;

		for (size_t lo = 0; per > 0 && lo < n; lo += per)
			tasks++;
	}
	if (ep->st == TLS_STARTTLS_NONE)
		tasks++;
	ep->pending = tasks;
	pthread_mutex_unlock(&ep->mu);
	for (int v = 0; v < TLS_NVERSIONS; v++) {
		size_t n = ep->ncand[v], g = v == TLS_V13 ? 1 : TLS_GROUPS_LEGACY;
		size_t per = (n + g - 1) / g;

		for (size_t lo = 0; per > 0 && lo < n; lo += per)
			tls_push(ep->pool, ep, TLS_TASK_ENUM, v, lo, lo + per < n ? lo + per : n);
	}
	if (ep->st == TLS_STARTTLS_NONE)
		tls_push(ep->pool, ep, TLS_TASK_HTTP, 0, 0, 0);
	if (tasks == 0)
		tls_finish(ep);
}

/* Called when a phase-2 or phase-3 task ends: starts the next phase or finishes. */
static void tls_task_done(struct tls_ep *ep, enum tls_task_kind kind)
{
	int left, orders = 0;

	pthread_mutex_lock(&ep->mu);
	left = --ep->pending;
	if (left == 0 && kind != TLS_TASK_ORDER) {
		for (int v = 0; v < TLS_NVERSIONS; v++) {
			ep->r->accepted[v] = ep->r->nsuites[v] > 0;
			if (ep->r->nsuites[v] > 1)
				qsort(ep->r->suites[v], ep->r->nsuites[v], sizeof(struct tls_suite),
				      tls_suite_cmp);
			if (ep->r->nsuites[v] >= 2)
				orders++;
		}
		ep->pending = orders;
	}
	pthread_mutex_unlock(&ep->mu);
	if (left != 0)
		return;
	if (kind == TLS_TASK_ORDER || orders == 0) {
		tls_finish(ep);
		return;
	}
	for (int v = 0; v < TLS_NVERSIONS; v++)
		if (ep->r->nsuites[v] >= 2)
			tls_push(ep->pool, ep, TLS_TASK_ORDER, v, 0, 0);
}

static void tls_record_suite(struct tls_ep *ep, int v, const SSL_CIPHER *c)
{
	struct tls_report *r = ep->r;
	struct tls_suite *s;
	const char *std = SSL_CIPHER_standard_name(c);

	pthread_mutex_lock(&ep->mu);
	r->suites[v] = vg_reallocarray(r->suites[v], r->nsuites[v] + 1, sizeof *r->suites[v]);
	s = &r->suites[v][r->nsuites[v]++];
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", SSL_CIPHER_get_name(c));
	snprintf(s->iana, sizeof s->iana, "%s", std != NULL ? std : "");
	s->id = SSL_CIPHER_get_protocol_id(c);
	s->weak = tls_suite_weakness(c);
	pthread_mutex_unlock(&ep->mu);
}

static void tls_task_enum(struct tls_ep *ep, int v, size_t lo, size_t hi)
{
	size_t n = hi - lo;
	bool *gone = vg_calloc(n, sizeof *gone);
	char *list = vg_malloc(n * 72 + 32);

	for (;;) {
		struct tls_hs h;
		size_t off = 0, left = 0, hit = n;

		for (size_t i = 0; i < n; i++) {
			if (gone[i])
				continue;
			off += (size_t)sprintf(list + off, "%s%s", off ? ":" : "",
			                       SSL_CIPHER_get_name(ep->cand[v][lo + i]));
			left++;
		}
		if (left == 0)
			break;
		if (v != TLS_V13)
			strcpy(list + off, ":@SECLEVEL=0");
		tls_handshake(ep, tls_proto[v], tls_proto[v], v == TLS_V13 ? NULL : list,
		              v == TLS_V13 ? list : NULL, false, &h);
		if (h.status != TLS_HS_OK) {
			if (h.status != TLS_HS_REJECTED && h.status != TLS_HS_LOCAL &&
			    h.status != TLS_HS_NOT_TLS) {
				pthread_mutex_lock(&ep->mu);
				ep->r->incomplete = true;
				pthread_mutex_unlock(&ep->mu);
			}
			break;
		}
		for (size_t i = 0; i < n && h.cipher != NULL; i++)
			if (!gone[i] &&
			    SSL_CIPHER_get_id(ep->cand[v][lo + i]) == SSL_CIPHER_get_id(h.cipher))
				hit = i;
		if (hit == n)
			break; /* the server chose a suite we did not offer: stop */
		gone[hit] = true;
		tls_record_suite(ep, v, ep->cand[v][lo + hit]);
	}
	free(list);
	free(gone);
}

static void tls_task_order(struct tls_ep *ep, int v)
{
	struct tls_report *r = ep->r;
	char ab[200], ba[200];
	const char *a = r->suites[v][0].name, *b = r->suites[v][1].name;
	const char *sec = v == TLS_V13 ? "" : ":@SECLEVEL=0";
	struct tls_hs h1, h2;
	int order = -1;

	if (v == TLS_V13) {
		a = r->suites[v][0].iana;
		b = r->suites[v][1].iana;
	}
	snprintf(ab, sizeof ab, "%s:%s%s", a, b, sec);
	snprintf(ba, sizeof ba, "%s:%s%s", b, a, sec);
	tls_handshake(ep, tls_proto[v], tls_proto[v], v == TLS_V13 ? NULL : ab,
	              v == TLS_V13 ? ab : NULL, false, &h1);
	tls_handshake(ep, tls_proto[v], tls_proto[v], v == TLS_V13 ? NULL : ba,
	              v == TLS_V13 ? ba : NULL, false, &h2);
	if (h1.status == TLS_HS_OK && h2.status == TLS_HS_OK && h1.cipher && h2.cipher) {
		unsigned long c1 = SSL_CIPHER_get_id(h1.cipher), c2 = SSL_CIPHER_get_id(h2.cipher);

		order = c1 == c2 ? 1 : 0;
	}
	pthread_mutex_lock(&ep->mu);
	r->server_order[v] = order;
	pthread_mutex_unlock(&ep->mu);
}

static bool tls_is_ip(const char *host)
{
	unsigned char buf[16];

	return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}

static void tls_task_base(struct tls_ep *ep)
{
	struct tls_report *r = ep->r;
	struct addrinfo hints = {0}, *res = NULL, *ai;
	struct tls_hs h = {.status = TLS_HS_CONNECT, .fd = -1};
	char port[8], plain[64];
	int rc;

	snprintf(port, sizeof port, "%u", ep->t->port);
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags =
	    AI_NUMERICSERV | (ep->is_ip || ep->t->address != NULL ? AI_NUMERICHOST : 0);
	rc = getaddrinfo(ep->t->address != NULL ? ep->t->address : ep->t->host, port, &hints, &res);
	if (rc != 0) {
		tls_set_error(r, "resolve_failed", "Nom introuvable", "Name not found",
		              gai_strerror(rc));
		tls_finish(ep);
		return;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_addrlen > sizeof ep->addr)
			continue;
		memcpy(&ep->addr, ai->ai_addr, ai->ai_addrlen);
		ep->addrlen = ai->ai_addrlen;
		tls_handshake(ep, TLS1_VERSION, TLS1_3_VERSION, NULL, NULL, true, &h);
		if (h.status != TLS_HS_CONNECT)
			break;
	}
	freeaddrinfo(res);
	if (ep->addr.ss_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ep->addr)->sin_addr, r->address,
		          sizeof r->address);
	else if (ep->addr.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ep->addr)->sin6_addr, r->address,
		          sizeof r->address);
	switch (h.status) {
	case TLS_HS_OK:
		tls_inspect_cert(ep, h.ssl);
		tls_hs_close(&h);
		tls_phase2(ep);
		return;
	case TLS_HS_CONNECT:
		if (h.sys_errno == ECONNREFUSED)
			tls_set_error(r, "connect_refused",
			              "Connexion refusée : aucun service n'écoute sur ce port, ou "
			              "un pare-feu le bloque",
			              "Connection refused: no service listens on this port, or a "
			              "firewall blocks it",
			              ""); /* strerror would say it again */
		else
			tls_set_error(r, "connect_failed", "Connexion impossible", "Cannot connect",
			              h.why);
		break;
	case TLS_HS_TIMEOUT:
		tls_set_error(r, "timeout",
		              "Pas de réponse dans le délai : le service ne répond pas (ou ne "
		              "parle pas TLS en premier)",
		              "No answer within the timeout: the service does not answer (or "
		              "does not speak TLS first)",
		              h.why);
		break;
	case TLS_HS_STARTTLS:
		tls_set_error(r, "starttls_failed", "L'échange STARTTLS a échoué",
		              "The STARTTLS exchange failed", h.why);
		break;
	case TLS_HS_LOCAL:
	case TLS_HS_LIMIT:
		tls_set_error(r, "local_error", "Erreur locale du testeur",
		              "Local error of the prober", h.why);
		break;
	default:
		tls_plain_probe(ep, plain, sizeof plain);
		if (strncmp(plain, "HTTP/", 5) == 0) {
			char why[300];

			snprintf(why, sizeof why, "\"%s\"", plain);
			tls_set_error(r, "plain_http",
			              "Ce port parle HTTP en clair, pas TLS : les échanges n'y "
			              "sont pas chiffrés",
			              "This port speaks plain HTTP, not TLS: traffic on it is not "
			              "encrypted",
			              why);
		} else if (h.closed && plain[0] == '\0') {
			tls_set_error(r, "connection_closed",
			              "Le service ferme la connexion sans répondre : ce n'est "
			              "pas un service TLS, ou il refuse ce testeur",
			              "The service closes the connection without answering: it is "
			              "not a TLS service, or it refuses this prober",
			              h.why);
		} else if (h.status == TLS_HS_NOT_TLS || plain[0] != '\0') {
			char why[300];

			snprintf(why, sizeof why, "%s%s%s%s", h.why, plain[0] ? "; it sent \"" : "",
			         plain, plain[0] ? "\"" : "");
			tls_set_error(r, "not_tls", "Le service ne parle pas TLS",
			              "The service does not speak TLS", why);
		} else {
			tls_set_error(r, "handshake_failed",
			              "Aucune poignée de main TLS possible avec ce que OpenSSL "
			              "sait proposer (le serveur ne parle peut-être que SSLv3 ou "
			              "des suites obsolètes)",
			              "No TLS handshake possible with what OpenSSL can offer (the "
			              "server may speak only SSLv3 or obsolete suites)",
			              h.why);
		}
		break;
	}
	tls_finish(ep);
}

static void tls_run_task(struct tls_task *t)
{
	switch (t->kind) {
	case TLS_TASK_BASE:
		tls_task_base(t->ep);
		return;
	case TLS_TASK_ENUM:
		tls_task_enum(t->ep, t->ver, t->lo, t->hi);
		break;
	case TLS_TASK_HTTP:
		tls_task_http(t->ep);
		break;
	case TLS_TASK_ORDER:
		tls_task_order(t->ep, t->ver);
		break;
	}
	tls_task_done(t->ep, t->kind);
}

/* Blocks SIGPIPE in the calling thread (a peer that closes while OpenSSL writes must give
 * EPIPE, not kill the process); *old receives the previous mask. */
static void tls_block_sigpipe(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

/* Discards a SIGPIPE left pending in this thread, then restores the mask. */
static void tls_restore_sigpipe(const sigset_t *old)
{
	sigset_t set;
	struct timespec zero = {0, 0};

	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	while (sigtimedwait(&set, NULL, &zero) == SIGPIPE)
		;
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

static void *tls_worker(void *arg)
{
	struct tls_pool *p = arg;
	sigset_t old;

	tls_block_sigpipe(&old); /* workers are ours: their mask stays blocked */

	for (;;) {
		struct tls_task *t;

		pthread_mutex_lock(&p->mu);
		while (p->head == NULL && p->running > 0)
			pthread_cond_wait(&p->cv, &p->mu);
		if (p->head == NULL) {
			pthread_cond_broadcast(&p->cv);
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		t = p->head;
		p->head = t->next;
		if (p->head == NULL)
			p->tail = NULL;
		p->running++;
		pthread_mutex_unlock(&p->mu);
		tls_run_task(t);
		free(t);
		pthread_mutex_lock(&p->mu);
		p->running--;
		if (p->running == 0 && p->head == NULL)
			pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
}

static void tls_candidates(SSL_CTX *ctx)
{
	for (int v = 0; v < TLS_NVERSIONS; v++) {
		SSL *s = SSL_new(ctx);
		STACK_OF(SSL_CIPHER) * sk;

		tls_cand[v] = NULL;
		tls_ncand[v] = 0;
		if (s == NULL)
			continue;
		SSL_set_connect_state(s);
		SSL_set_min_proto_version(s, tls_proto[v]);
		SSL_set_max_proto_version(s, tls_proto[v]);
		SSL_set_cipher_list(s, tls_all_12);
		SSL_set_ciphersuites(s, tls_all_13);
		sk = SSL_get1_supported_ciphers(s);
		for (int i = 0; sk != NULL && i < sk_SSL_CIPHER_num(sk); i++) {
			const SSL_CIPHER *c = sk_SSL_CIPHER_value(sk, i);
			bool is13 = strcmp(SSL_CIPHER_get_version(c), "TLSv1.3") == 0;
			int au = SSL_CIPHER_get_auth_nid(c);

			if (is13 != (v == TLS_V13) || au == NID_auth_psk || au == NID_auth_srp)
				continue;
			tls_cand[v] =
			    vg_reallocarray(tls_cand[v], tls_ncand[v] + 1, sizeof *tls_cand[v]);
			tls_cand[v][tls_ncand[v]++] = c;
		}
		sk_SSL_CIPHER_free(sk);
		SSL_free(s);
	}
	ERR_clear_error();
}

int tls_probe_endpoints(const struct tls_target *targets, size_t n, const struct tls_options *opt,
                        struct tls_report *out, struct vg_err *err)
{
	static pthread_mutex_t once = PTHREAD_MUTEX_INITIALIZER;
	struct tls_pool p;
	struct tls_ep *eps;
	pthread_t th[TLS_MAX_THREADS];
	int nthreads = opt != NULL && opt->threads > 0 ? opt->threads : TLS_DEFAULT_THREADS;
	int started = 0;

	memset(&p, 0, sizeof p);
	p.timeout_ms = opt != NULL && opt->timeout_ms > 0 ? opt->timeout_ms : TLS_DEFAULT_TIMEOUT;
	p.now = opt != NULL && opt->now != 0 ? opt->now : time(NULL);
	if (nthreads > TLS_MAX_THREADS)
		nthreads = TLS_MAX_THREADS;
	for (size_t i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof out[i]);
		snprintf(out[i].host, sizeof out[i].host, "%s", targets[i].host);
		out[i].port = targets[i].port;
		out[i].starttls = targets[i].starttls == TLS_STARTTLS_AUTO
		                      ? tls_starttls_for_port(targets[i].port)
		                      : targets[i].starttls;
		out[i].http = -1;
		out[i].hsts = -1;
		out[i].hsts_max_age = -1;
		for (int v = 0; v < TLS_NVERSIONS; v++)
			out[i].server_order[v] = -1;
	}
	p.ctx = SSL_CTX_new(TLS_client_method());
	if (p.ctx == NULL) {
		ERR_clear_error();
		return vg_err_set(err, VG_ESYS, "cannot create a TLS context");
	}
	SSL_CTX_set_security_level(p.ctx, 0);
	SSL_CTX_set_verify(p.ctx, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_options(p.ctx, SSL_OP_LEGACY_SERVER_CONNECT | SSL_OP_NO_TICKET |
	                               SSL_OP_NO_COMPRESSION);
	SSL_CTX_set_session_cache_mode(p.ctx, SSL_SESS_CACHE_OFF);
	p.store = X509_STORE_new();
	if (p.store == NULL ||
	    (opt != NULL && opt->ca_file != NULL ? !X509_STORE_load_file(p.store, opt->ca_file)
	                                         : !X509_STORE_set_default_paths(p.store))) {
		X509_STORE_free(p.store);
		SSL_CTX_free(p.ctx);
		ERR_clear_error();
		if (opt != NULL && opt->ca_file != NULL)
			return vg_err_set(err, VG_EINPUT,
			                  "%s: cannot read CA certificates from this file (PEM "
			                  "expected)",
			                  opt->ca_file);
		return vg_err_set(err, VG_ESYS, "cannot load the system's trusted CAs");
	}
	pthread_mutex_lock(&once);
	tls_candidates(p.ctx);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.cv, NULL);
	eps = vg_calloc(n ? n : 1, sizeof *eps);
	for (size_t i = 0; i < n; i++) {
		struct tls_ep *ep = &eps[i];

		ep->pool = &p;
		ep->t = &targets[i];
		ep->r = &out[i];
		ep->st = out[i].starttls;
		ep->is_ip = tls_is_ip(targets[i].host);
		ep->sni = !ep->is_ip && targets[i].host[0] != '\0';
		pthread_mutex_init(&ep->mu, NULL);
		for (int v = 0; v < TLS_NVERSIONS; v++) {
			ep->cand[v] = tls_cand[v];
			ep->ncand[v] = tls_ncand[v];
		}
		clock_gettime(CLOCK_MONOTONIC, &ep->t0);
		tls_push(&p, ep, TLS_TASK_BASE, 0, 0, 0);
	}
	for (int i = 0; i < nthreads; i++) {
		if (pthread_create(&th[i], NULL, tls_worker, &p) != 0)
			break;
		started++;
	}
	if (started == 0) {
		sigset_t old;

		tls_block_sigpipe(&old);
		tls_worker(&p); /* no thread could start: do the work here */
		tls_restore_sigpipe(&old);
	}
	for (int i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	for (size_t i = 0; i < n; i++)
		pthread_mutex_destroy(&eps[i].mu);
	free(eps);
	for (int v = 0; v < TLS_NVERSIONS; v++) {
		free(tls_cand[v]);
		tls_cand[v] = NULL;
	}
	pthread_mutex_unlock(&once);
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	X509_STORE_free(p.store);
	SSL_CTX_free(p.ctx);
	return 0;
}

void tls_report_free(struct tls_report *r)
{
	for (int v = 0; v < TLS_NVERSIONS; v++)
		free(r->suites[v]);
	free(r->findings);
	memset(r, 0, sizeof *r);
}
