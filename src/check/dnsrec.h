/* check/dnsrec: pure parsers for what the mail_dns check reads in DNS answers: the rdata
 * of TXT, MX and CAA records, SPF (RFC 7208), DMARC (RFC 7489), MTA-STS (RFC 8461) and
 * TLS-RPT (RFC 8460) records and the MTA-STS policy file. No I/O, no allocation: every
 * output is a fixed-size struct, every input is bounded by its length. */
#ifndef VIGIE_CHECK_DNSREC_H
#define VIGIE_CHECK_DNSREC_H

#include <stdbool.h>
#include <stddef.h>

#define DNSREC_NAME_MAX   256 /* a domain name in text form, with its NUL */
#define DNSREC_SPF_FOLLOW 16  /* include:/redirect= targets kept per SPF record */
#define DNSREC_STS_MX     16  /* mx: lines kept per MTA-STS policy */
#define DNSREC_ERROR_MAX  160

/* Concatenates the character-strings of a TXT rdata into out (bytes below 0x20 and 0x7f
 * become '?'). Returns the length written, or -1 when the rdata is malformed or does not
 * fit in outlen (the output is then empty). */
int dnsrec_txt(const unsigned char *rd, size_t len, char *out, size_t outlen);

/* Decodes an uncompressed wire-format name at rd[*off..len) into text without the final
 * dot ("." for the root) and moves *off past it. Returns 0, or -1 when malformed. */
int dnsrec_name(const unsigned char *rd, size_t len, size_t *off, char *out, size_t outlen);

/* Decodes MX rdata: preference and exchange name. Returns 0 or -1. */
int dnsrec_mx(const unsigned char *rd, size_t len, unsigned *pref, char *name, size_t namelen);

/* Decodes CAA rdata: flags, tag ("issue", "issuewild", "iodef"...) and value. 0 or -1. */
int dnsrec_caa(const unsigned char *rd, size_t len, unsigned *flags, char *tag, size_t taglen,
               char *value, size_t valuelen);

/* Returns true when txt starts an SPF record ("v=spf1" then a space or its end). */
bool dnsrec_is_spf(const char *txt);

/* One parsed SPF record. */
struct dnsrec_spf {
	char all;     /* qualifier of the `all` mechanism: '+', '-', '~', '?'; 0 when none */
	int lookups;  /* terms that cost a DNS lookup: include, a, mx, ptr, exists, redirect */
	bool has_ptr; /* the deprecated ptr mechanism */
	char follow[DNSREC_SPF_FOLLOW][DNSREC_NAME_MAX]; /* include: targets, then redirect= */
	size_t nfollow;
	bool macro;                     /* a target holds a macro (%{...}): cannot be followed */
	char redirect[DNSREC_NAME_MAX]; /* "" when none */
	char error[DNSREC_ERROR_MAX];   /* the syntax error, "" when none */
};

/* Parses an SPF record. Returns 0, or -1 with out->error naming the faulty term. */
int dnsrec_spf_parse(const char *txt, struct dnsrec_spf *out);

/* Returns true when txt starts a DMARC record ("v=DMARC1" then ';', a space or its end). */
bool dnsrec_is_dmarc(const char *txt);

/* One parsed DMARC record. */
struct dnsrec_dmarc {
	char p[16];  /* "none", "quarantine" or "reject" */
	char sp[16]; /* "" when absent */
	int pct;     /* 100 when absent */
	bool has_rua;
	char rua[DNSREC_NAME_MAX];
	char error[DNSREC_ERROR_MAX];
};

/* Parses a DMARC record. Returns 0, or -1 with out->error saying what is wrong. */
int dnsrec_dmarc_parse(const char *txt, struct dnsrec_dmarc *out);

/* Parses the _mta-sts TXT record ("v=STSv1; id=..."): 0, or -1 with error (size
 * DNSREC_ERROR_MAX) set. id (size DNSREC_NAME_MAX) receives the policy id. */
int dnsrec_sts_txt_parse(const char *txt, char *id, char *error);

/* Parses the _smtp._tls TXT record ("v=TLSRPTv1; rua=..."): 0, or -1 with error set. */
int dnsrec_tlsrpt_parse(const char *txt, char *error);

/* One parsed MTA-STS policy file. */
struct dnsrec_sts_policy {
	char mode[16]; /* "enforce", "testing" or "none" */
	char mx[DNSREC_STS_MX][DNSREC_NAME_MAX];
	size_t nmx;
	long max_age;
	char error[DNSREC_ERROR_MAX];
};

/* Parses an MTA-STS policy (the body of /.well-known/mta-sts.txt, len bytes, not
 * NUL-terminated). Returns 0, or -1 with out->error set. */
int dnsrec_sts_policy_parse(const char *body, size_t len, struct dnsrec_sts_policy *out);

/* True when host (an MX name) matches an MTA-STS mx pattern ("mail.example.fr" or
 * "*.example.fr", one label only), without regard to case or a final dot. */
bool dnsrec_sts_mx_match(const char *pattern, const char *host);

#endif
