/* check/dns: looks at a domain from outside, through a validating resolver (libunbound):
 * MX, SPF (includes followed, lookups counted), DMARC, DKIM under known selectors, DNSSEC,
 * MTA-STS (record and policy over HTTPS), TLS-RPT and CAA; judges what it sees in one
 * plain sentence per finding (docs/dns-check.md). The only module that includes
 * unbound.h (dns.c); the MTA-STS policy fetch (dnssts.c) uses OpenSSL. */
#ifndef VIGIE_CHECK_DNS_H
#define VIGIE_CHECK_DNS_H

#include <stdbool.h>
#include <stddef.h>

#include "check/dnsrec.h"
#include "util.h"

#define DNS_MAX_DOMAINS   256 /* domains of one run */
#define DNS_MAX_SELECTORS 32  /* DKIM selectors tried per domain */
#define DNS_MAX_MX        16  /* MX records kept per domain */
#define DNS_MX_PROBED     4   /* mail servers whose STARTTLS is probed, by preference */

/* Severity of a finding. The verdict is fail on any high, warn on any medium or low. */
enum dns_severity { DNS_SEV_INFO, DNS_SEV_LOW, DNS_SEV_MEDIUM, DNS_SEV_HIGH };

/* The cap a finding of this severity puts on the questions its check informs: high 0,
 * medium 1, low 2, info none (-1). (messagerie_web.spf_dkim_dmarc scores "DMARC in
 * observation only" 2: low findings are exactly that level.) */
int dns_severity_cap(enum dns_severity s);
/* Returns "info", "low", "medium" or "high". */
const char *dns_severity_name(enum dns_severity s);

/* What a finding is about; a check may report some aspects only. */
enum dns_aspect {
	DNS_ASPECT_MX,
	DNS_ASPECT_SPF,
	DNS_ASPECT_DMARC,
	DNS_ASPECT_DKIM,
	DNS_ASPECT_DNSSEC,
	DNS_ASPECT_MTA_STS,
	DNS_ASPECT_TLSRPT,
	DNS_ASPECT_CAA,
	DNS_ASPECT_STARTTLS, /* the mail servers' STARTTLS, through the TLS prober */
	DNS_NASPECTS
};

/* Returns "mx", "spf", "dmarc", "dkim", "dnssec", "mta_sts", "tlsrpt", "caa" or
 * "starttls". */
const char *dns_aspect_name(enum dns_aspect a);
/* Returns the aspect of this name, or -1. */
int dns_aspect_find(const char *name);

/* One finding: a stable code, its aspect and severity, the cap it puts on the questions
 * its check informs (-1 none), one sentence in each language and a detail (the record, the
 * selectors tried, the mail server...) that may be empty. A mail server's STARTTLS
 * findings are the TLS prober's (check/tls.h: codes, sentences, severities and caps). */
struct dns_finding {
	const char *code; /* static, e.g. "spf_missing" */
	enum dns_aspect aspect;
	enum dns_severity severity;
	int cap;        /* dns_severity_cap, or tls_severity_cap for the STARTTLS findings */
	const char *fr; /* static strings */
	const char *en;
	char detail[512];
};

/* What DNSSEC looks like for the domain. */
enum dns_dnssec {
	DNS_DNSSEC_UNKNOWN,   /* the lookup failed */
	DNS_DNSSEC_UNSIGNED,  /* no DNSKEY */
	DNS_DNSSEC_INSECURE,  /* DNSKEY published, but no chain of trust reaches it */
	DNS_DNSSEC_SECURE,    /* validated from a trust anchor */
	DNS_DNSSEC_BOGUS,     /* signatures do not validate */
	DNS_DNSSEC_NO_ANCHOR, /* DNSKEY published, no trust anchor to validate with */
};

/* Returns "unknown", "unsigned", "insecure", "secure", "bogus" or "no_anchor". */
const char *dns_dnssec_name(enum dns_dnssec d);

/* Options of a run; zero values mean the defaults. */
struct dns_options {
	const char *resolver;         /* "ADDR[@PORT]"; NULL: the system's (/etc/resolv.conf) */
	const char *trust_anchor;     /* DNSKEY/DS lines; NULL: /usr/share/dns/root.key if there */
	const char *const *selectors; /* DKIM selectors; NULL: the common ones */
	size_t nselectors;
	int timeout_ms;      /* the whole run's DNS lookups, then each policy fetch; 5000 */
	const char *ca_file; /* CAs for the MTA-STS policy's HTTPS; NULL: the system store */
	unsigned https_port; /* MTA-STS policy port; 0: $VIGIE_TEST_MTA_STS_PORT or 443 */
	bool no_starttls;    /* do not probe the mail servers' STARTTLS */
	unsigned smtp_port;  /* their SMTP port; 0: $VIGIE_TEST_SMTP_PORT or 25 */
};

/* Verdict of one domain. DNS_VERDICT_ERROR: it could not be looked at (see error). */
enum dns_verdict { DNS_VERDICT_PASS, DNS_VERDICT_WARN, DNS_VERDICT_FAIL, DNS_VERDICT_ERROR };
/* Returns "pass", "warn", "fail" or "error". */
const char *dns_verdict_name(enum dns_verdict v);

/* The report of one domain. Free with dns_report_free. */
struct dns_report {
	char domain[DNSREC_NAME_MAX];
	/* Set when the domain could not be looked at: "resolver_unreachable", "timeout",
	 * "servfail", "nxdomain", "resolver_error", and a sentence in each language. */
	const char *error_code;
	char error_fr[640];
	char error_en[640];
	char mx[DNS_MAX_MX][DNSREC_NAME_MAX]; /* exchange names, by preference */
	unsigned mx_pref[DNS_MAX_MX];
	size_t nmx;
	/* The STARTTLS of the first DNS_MX_PROBED mail servers: the IPv4 address probed ("" when
	 * none) and what the probe saw: the TLS versions accepted, or why it could not probe;
	 * "" when not probed. */
	char mx_addr[DNS_MAX_MX][64];
	char mx_tls[DNS_MAX_MX][160];
	char spf[1024];  /* the SPF record, "" when none */
	int spf_lookups; /* DNS lookups its evaluation costs, includes followed */
	char dmarc[1024];
	char dkim[512]; /* selectors where a key was found, comma separated */
	char dkim_tried[512];
	enum dns_dnssec dnssec;
	char dnssec_why[256]; /* why bogus, as the resolver says */
	char mta_sts[512];    /* the _mta-sts record */
	char sts_mode[16];    /* the policy's mode, "" when not fetched */
	char tlsrpt[512];
	char caa[512];    /* "tag value" entries, "; " separated */
	char failed[256]; /* lookups that failed (SERVFAIL, timeout): their checks are skipped */
	struct dns_finding *findings;
	size_t nfindings;
	enum dns_verdict verdict;
	unsigned queries;  /* DNS queries made for this domain */
	double elapsed_ms; /* wall time of the run */
};

/* Looks at the n domains concurrently and fills out[0..n-1] (the caller's array). Returns
 * 0 when every domain was tried (each may carry its own error), -1 when the run could not
 * start (bad resolver address, unreadable trust anchor): err says why. */
int dns_check_domains(const char *const *domains, size_t n, const struct dns_options *opt,
                      struct dns_report *out, struct vg_err *err);

/* Frees what a report owns and zeroes it. */
void dns_report_free(struct dns_report *r);

/* Checks that s is a domain name vigie can look at (letters, digits, '-', '_', dots; no
 * empty label; 253 bytes at most) and copies it lowercased without a final dot into out
 * (size DNSREC_NAME_MAX). Returns 0, or -1 with err set. */
int dns_domain_normalise(const char *s, char *out, struct vg_err *err);

/* A TLS client context for dns_sts_fetch, trusting the CAs of ca_file (NULL: the system
 * store); NULL with why (size 256) set when it cannot be made. Free with dns_sts_ctx_free. */
void *dns_sts_ctx_new(const char *ca_file, char *why);
/* Frees what dns_sts_ctx_new made; NULL is fine. */
void dns_sts_ctx_free(void *ctx);

/* Fetches https://mta-sts.DOMAIN/.well-known/mta-sts.txt from address (an IPv4 literal)
 * with the name as SNI, its certificate verified for that name with the CAs of tls (from
 * dns_sts_ctx_new; threads may share it). body (heap, caller frees) gets at most 64 KiB.
 * Returns 0, or -1 with why (size 256) set. */
int dns_sts_fetch(void *tls, const char *domain, const char *address, unsigned port, int timeout_ms,
                  char **body, size_t *len, char *why);

#endif
