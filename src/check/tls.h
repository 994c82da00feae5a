/* check/tls: probes the TLS configuration of endpoints (versions, suites, certificate,
 * HSTS) and judges it. The only module besides sign that includes OpenSSL's headers. */
#ifndef VIGIE_CHECK_TLS_H
#define VIGIE_CHECK_TLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "util.h"

/* Protocol versions the prober can test with Debian's OpenSSL (SSLv2/SSLv3 it cannot). */
enum tls_version { TLS_V10, TLS_V11, TLS_V12, TLS_V13, TLS_NVERSIONS };

/* How to reach TLS on a port: direct, or a STARTTLS exchange first. */
enum tls_starttls {
	TLS_STARTTLS_AUTO, /* SMTP on 25 and 587, IMAP on 143, POP3 on 110, direct otherwise */
	TLS_STARTTLS_NONE,
	TLS_STARTTLS_SMTP,
	TLS_STARTTLS_IMAP,
	TLS_STARTTLS_POP3,
};

/* One endpoint to probe. host is a name or an IP literal (no brackets). */
struct tls_target {
	const char *host;
	uint16_t port;
	enum tls_starttls starttls;
	/* An IP literal to connect to instead of looking host up (host is then only the name
	 * sent as SNI and checked in the certificate: a mail server whose address vigie dns
	 * resolved itself); NULL: look host up. */
	const char *address;
};

/* Probe options; zero values mean the defaults. */
struct tls_options {
	int timeout_ms;      /* connect, and then handshake, timeout; default 5000 */
	int threads;         /* worker threads shared by all endpoints; default 12 */
	const char *ca_file; /* trust only these CAs (PEM); NULL: the system store */
	time_t now;          /* reference time for validity; 0: the current time */
};

/* Severity of a finding; the verdict is fail on any high, warn on any low or medium. */
enum tls_severity { TLS_SEV_INFO, TLS_SEV_LOW, TLS_SEV_MEDIUM, TLS_SEV_HIGH };

/* The cap a TLS finding of this severity puts on the questions its check informs: high 0,
 * medium 1; low and info none (-1). The one rule for `vigie check` (kind tls) and the
 * assessment's TLS evidence (docs/check-format.md). */
int tls_severity_cap(enum tls_severity s);

/* Verdict of one endpoint. TLS_VERDICT_ERROR: it could not be probed (see error). */
enum tls_verdict { TLS_VERDICT_PASS, TLS_VERDICT_WARN, TLS_VERDICT_FAIL, TLS_VERDICT_ERROR };

/* Weakness reasons of a cipher suite (bit set). */
#define TLS_WEAK_NO_FS    0x01u /* static RSA key exchange: no forward secrecy */
#define TLS_WEAK_CBC_SHA1 0x02u /* CBC mode with an HMAC-SHA1 (or MD5) */
#define TLS_WEAK_3DES     0x04u
#define TLS_WEAK_RC4      0x08u
#define TLS_WEAK_NULL     0x10u /* no encryption at all */
#define TLS_WEAK_EXPORT   0x20u /* export-grade or single DES */
#define TLS_WEAK_ANON     0x40u /* no authentication of the server */

/* One accepted cipher suite. */
struct tls_suite {
	char name[64]; /* OpenSSL name, e.g. ECDHE-RSA-AES128-GCM-SHA256 */
	char iana[80]; /* standard name, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 */
	uint16_t id;
	unsigned weak; /* TLS_WEAK_* bits; 0 when strong */
};

/* One finding: a stable code, a severity, one plain sentence in French and in English,
 * and a detail (the suites, the dates...) that may be empty. */
struct tls_finding {
	const char *code; /* static string, e.g. "cert_expired" */
	enum tls_severity severity;
	const char *fr; /* static strings */
	const char *en;
	char detail[512];
};

/* What the certificate the endpoint sent says. */
struct tls_cert {
	bool present;
	char subject[256];
	char issuer[256];
	char sans[512]; /* subjectAltName DNS and IP entries, comma separated */
	time_t not_before, not_after;
	char key_type[16]; /* "RSA", "EC", "Ed25519", "DSA"... */
	int key_bits;
	char sig_alg[64]; /* signature algorithm of the leaf */
	bool sig_weak;    /* leaf or a sent intermediate signed with SHA-1 or MD5 */
	char sig_weak_detail[128];
	int chain_sent;          /* certificates the server sent, leaf included */
	int verify_error;        /* first X509_V_ERR_* of our verification, 0 when trusted */
	char verify_reason[128]; /* its text */
	bool hostname_checked;   /* false when the target gave nothing to match */
	bool hostname_ok;
};

/* The report of one endpoint. Free with tls_report_free. */
struct tls_report {
	char host[256];
	uint16_t port;
	enum tls_starttls starttls; /* resolved: never TLS_STARTTLS_AUTO */
	char address[64];           /* the address that answered, e.g. 127.0.0.1 */
	/* Set when the endpoint could not be probed: a stable code ("connect_refused",
	 * "timeout", "not_tls", "plain_http", "starttls_failed", "resolve_failed",
	 * "handshake_failed") and a sentence in each language with the details. */
	const char *error_code;
	char error_fr[384];
	char error_en[384];
	bool accepted[TLS_NVERSIONS];
	struct tls_suite *suites[TLS_NVERSIONS]; /* accepted suites in the order found */
	size_t nsuites[TLS_NVERSIONS];
	int server_order[TLS_NVERSIONS]; /* 1 server imposes its order, 0 client's, -1 unknown */
	bool incomplete; /* some handshakes failed on the network: lists may be partial */
	struct tls_cert cert;
	int http;          /* 1 the endpoint answered HTTP, 0 it did not, -1 not tried */
	int hsts;          /* 1 Strict-Transport-Security present, 0 absent, -1 unknown */
	long hsts_max_age; /* seconds, -1 when absent or unparsable */
	char hsts_value[256];
	struct tls_finding *findings;
	size_t nfindings;
	enum tls_verdict verdict;
	unsigned handshakes; /* TLS handshakes made for this endpoint */
	double elapsed_ms;   /* wall time from the first to the last connection */
};

/* Probes the n targets concurrently and fills out[0..n-1] (the caller's array). Returns 0
 * when every target was tried (each may still carry its own error), -1 when the probe
 * could not start (bad CA file, no memory for threads): err says why. */
int tls_probe_endpoints(const struct tls_target *targets, size_t n, const struct tls_options *opt,
                        struct tls_report *out, struct vg_err *err);

/* Frees what a report owns and zeroes it. */
void tls_report_free(struct tls_report *r);

/* Returns "TLS 1.0" .. "TLS 1.3". */
const char *tls_version_name(enum tls_version v);
/* Returns "pass", "warn", "fail" or "error". */
const char *tls_verdict_name(enum tls_verdict v);
/* Returns "info", "low", "medium" or "high". */
const char *tls_severity_name(enum tls_severity s);
/* Returns "none", "smtp", "imap", "pop3" (or "auto"). */
const char *tls_starttls_name(enum tls_starttls s);
/* The STARTTLS dialect port implies under TLS_STARTTLS_AUTO. */
enum tls_starttls tls_starttls_for_port(uint16_t port);

/* Parses "host", "host:port", "[v6]:port", "v6" or "smtp://host:port" (schemes smtp, imap,
 * pop3, https, tls) into t; host points into buf (size buflen), which the caller owns.
 * Default port 443 (25 for smtp, 143 imap, 110 pop3). Returns 0, or -1 with err set. */
int tls_parse_target(const char *arg, char *buf, size_t buflen, struct tls_target *t,
                     struct vg_err *err);

/* A listening socket read from /proc/net/tcp or tcp6. */
struct tls_listener {
	int family;             /* AF_INET or AF_INET6 */
	unsigned char addr[16]; /* network byte order; 4 bytes used for AF_INET */
	uint16_t port;
};

/* Parses one line of /proc/net/tcp (family AF_INET) or tcp6 (AF_INET6). Returns 1 and
 * fills l for a socket in state LISTEN (0A), 0 for any other well-formed line (header,
 * other states), -1 for a malformed line. Pure: no I/O, no allocation. */
int tls_procnet_parse_line(const char *line, int family, struct tls_listener *l);

/* Lists this machine's listening TCP sockets from DIR/tcp and DIR/tcp6 (DIR is /proc/net
 * unless procdir says otherwise), de-duplicated, as targets to probe: wildcard addresses
 * become 127.0.0.1 or ::1. *targets and its hosts are the caller's: free with
 * tls_targets_free. Returns 0 or -1 with err set. */
int tls_local_targets(const char *procdir, struct tls_target **targets, size_t *n,
                      struct vg_err *err);
/* Frees what tls_local_targets returned. */
void tls_targets_free(struct tls_target *targets, size_t n);

#endif
