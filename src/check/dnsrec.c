/* dnsrec: parsers of DNS rdata and of the mail-security records (dnsrec.h). */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/dnsrec.h"

int dnsrec_txt(const unsigned char *rd, size_t len, char *out, size_t outlen)
{
	size_t off = 0, n = 0;

	if (outlen == 0)
		return -1;
	out[0] = '\0';
	while (off < len) {
		size_t slen = rd[off++];

		if (slen > len - off || n + slen >= outlen) {
			out[0] = '\0';
			return -1;
		}
		for (size_t i = 0; i < slen; i++) {
			unsigned char c = rd[off + i];

			out[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
		}
		off += slen;
	}
	out[n] = '\0';
	return (int)n;
}

int dnsrec_name(const unsigned char *rd, size_t len, size_t *off, char *out, size_t outlen)
{
	size_t o = *off, n = 0, total = 0;

	if (outlen < 2)
		return -1;
	for (;;) {
		size_t l;

		if (o >= len)
			return -1;
		l = rd[o++];
		if (l == 0)
			break;
		if (l > 63 || l > len - o || (total += l + 1) > 255)
			return -1; /* compression pointers never appear in stored rdata */
		if (n + l + 2 > outlen)
			return -1;
		if (n > 0)
			out[n++] = '.';
		for (size_t i = 0; i < l; i++) {
			unsigned char c = rd[o + i];

			out[n++] = c <= 0x20 || c >= 0x7f ? '?' : (char)tolower(c);
		}
		o += l;
	}
	if (n == 0)
		out[n++] = '.';
	out[n] = '\0';
	*off = o;
	return 0;
}

int dnsrec_mx(const unsigned char *rd, size_t len, unsigned *pref, char *name, size_t namelen)
{
	size_t off = 2;

	if (len < 3)
		return -1;
	*pref = (unsigned)rd[0] << 8 | rd[1];
	return dnsrec_name(rd, len, &off, name, namelen) == 0 && off == len ? 0 : -1;
}

int dnsrec_caa(const unsigned char *rd, size_t len, unsigned *flags, char *tag, size_t taglen,
               char *value, size_t valuelen)
{
	size_t tl, vl;

	if (len < 2 || taglen == 0 || valuelen == 0)
		return -1;
	*flags = rd[0];
	tl = rd[1];
	if (tl == 0 || tl > len - 2 || tl >= taglen)
		return -1;
	vl = len - 2 - tl;
	if (vl >= valuelen)
		return -1;
	for (size_t i = 0; i < tl; i++) {
		unsigned char c = rd[2 + i];

		if (!isalnum(c))
			return -1;
		tag[i] = (char)tolower(c);
	}
	tag[tl] = '\0';
	for (size_t i = 0; i < vl; i++) {
		unsigned char c = rd[2 + tl + i];

		value[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	value[vl] = '\0';
	return 0;
}

bool dnsrec_is_spf(const char *txt)
{
	return strncasecmp(txt, "v=spf1", 6) == 0 && (txt[6] == '\0' || txt[6] == ' ');
}

static int dnsrec_fail(char *error, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int dnsrec_fail(char *error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error, DNSREC_ERROR_MAX, fmt, ap);
	va_end(ap);
	return -1;
}

/* A domain-spec: labels of letters, digits, '-', '_', and macros %{...}. */
static bool dnsrec_domain_spec(const char *s, bool *macro)
{
	if (*s == '\0' || strlen(s) >= DNSREC_NAME_MAX)
		return false;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '%') {
			if (p[1] == '%' || p[1] == '_' || p[1] == '-') {
				p++;
				*macro = true;
				continue;
			}
			if (p[1] != '{' || strchr(p, '}') == NULL)
				return false;
			*macro = true;
			p = strchr(p, '}');
			continue;
		}
		if (!isalnum(c) && c != '.' && c != '-' && c != '_')
			return false;
	}
	return true;
}

static bool dnsrec_cidr(const char *s, int max)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return false;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= 0 && v <= max;
}

/* a, mx: [":" domain-spec] ["/" ip4-cidr ["//" ip6-cidr] | "//" ip6-cidr] */
static bool dnsrec_a_mx_args(const char *arg, bool *macro)
{
	char buf[DNSREC_NAME_MAX + 16];
	char *slash;

	if (strlen(arg) >= sizeof buf)
		return false;
	strcpy(buf, arg);
	slash = strchr(buf, '/');
	if (slash != NULL) {
		char *dbl = strstr(slash, "//");

		if (dbl == slash) {
			if (!dnsrec_cidr(slash + 2, 128))
				return false;
		} else if (dbl != NULL) {
			*dbl = '\0';
			if (!dnsrec_cidr(slash + 1, 32) || !dnsrec_cidr(dbl + 2, 128))
				return false;
		} else if (!dnsrec_cidr(slash + 1, 32)) {
			return false;
		}
		*slash = '\0';
	}
	if (buf[0] == '\0')
		return true;
	return buf[0] == ':' && dnsrec_domain_spec(buf + 1, macro);
}

static bool dnsrec_ip(const char *arg, int family)
{
	char buf[64];
	unsigned char addr[16];
	char *slash;

	if (strlen(arg) >= sizeof buf)
		return false;
	strcpy(buf, arg);
	slash = strchr(buf, '/');
	if (slash != NULL) {
		if (!dnsrec_cidr(slash + 1, family == AF_INET ? 32 : 128))
			return false;
		*slash = '\0';
	}
	return inet_pton(family, buf, addr) == 1;
}

static void dnsrec_spf_follow(struct dnsrec_spf *out, const char *target, bool macro)
{
	if (macro) {
		out->macro = true;
		return;
	}
	if (out->nfollow < DNSREC_SPF_FOLLOW)
		snprintf(out->follow[out->nfollow++], DNSREC_NAME_MAX, "%s", target);
}

/* One term of an SPF record (without spaces). */
static int dnsrec_spf_term(const char *t, struct dnsrec_spf *out)
{
	char q = '+';
	const char *m = t, *eq = strchr(t, '='), *colon;
	bool macro = false;
	size_t nlen;

	if (eq != NULL && (strchr(t, ':') == NULL || eq < strchr(t, ':'))) {
		/* A modifier: name=value. */
		size_t namelen = (size_t)(eq - t);

		if (namelen == 0 || !isalpha((unsigned char)t[0]))
			return dnsrec_fail(out->error, "invalid term '%.60s'", t);
		for (size_t i = 0; i < namelen; i++)
			if (!isalnum((unsigned char)t[i]) && t[i] != '-' && t[i] != '_' &&
			    t[i] != '.')
				return dnsrec_fail(out->error, "invalid term '%.60s'", t);
		if (namelen == 8 && strncasecmp(t, "redirect", 8) == 0) {
			if (out->redirect[0] != '\0')
				return dnsrec_fail(out->error, "%s", "two redirect= modifiers");
			if (!dnsrec_domain_spec(eq + 1, &macro))
				return dnsrec_fail(out->error, "invalid redirect= '%.60s'", t);
			snprintf(out->redirect, sizeof out->redirect, "%s", eq + 1);
			out->lookups++;
		} else if (namelen == 3 && strncasecmp(t, "exp", 3) == 0) {
			if (!dnsrec_domain_spec(eq + 1, &macro))
				return dnsrec_fail(out->error, "invalid exp= '%.60s'", t);
		}
		return 0;
	}
	if (*m == '+' || *m == '-' || *m == '~' || *m == '?')
		q = *m++;
	colon = strchr(m, ':');
	nlen = strcspn(m, ":/");
	if (nlen == 3 && strncasecmp(m, "all", 3) == 0 && m[3] == '\0') {
		if (out->all != 0)
			return dnsrec_fail(out->error, "%s", "two all mechanisms");
		out->all = q;
		return 0;
	}
	if (nlen == 7 && strncasecmp(m, "include", 7) == 0) {
		if (colon != m + 7 || !dnsrec_domain_spec(colon + 1, &macro))
			return dnsrec_fail(out->error, "invalid include '%.60s'", t);
		out->lookups++;
		dnsrec_spf_follow(out, colon + 1, macro);
		return 0;
	}
	if (nlen == 6 && strncasecmp(m, "exists", 6) == 0) {
		if (colon != m + 6 || !dnsrec_domain_spec(colon + 1, &macro))
			return dnsrec_fail(out->error, "invalid exists '%.60s'", t);
		out->lookups++;
		return 0;
	}
	if ((nlen == 1 && strncasecmp(m, "a", 1) == 0) ||
	    (nlen == 2 && strncasecmp(m, "mx", 2) == 0)) {
		if (!dnsrec_a_mx_args(m + nlen, &macro))
			return dnsrec_fail(out->error, "invalid mechanism '%.60s'", t);
		out->lookups++;
		return 0;
	}
	if (nlen == 3 && strncasecmp(m, "ptr", 3) == 0) {
		if (m[3] != '\0' && (m[3] != ':' || !dnsrec_domain_spec(m + 4, &macro)))
			return dnsrec_fail(out->error, "invalid ptr '%.60s'", t);
		out->lookups++;
		out->has_ptr = true;
		return 0;
	}
	if (nlen == 3 && strncasecmp(m, "ip4", 3) == 0) {
		if (colon != m + 3 || !dnsrec_ip(colon + 1, AF_INET))
			return dnsrec_fail(out->error, "invalid ip4 address '%.60s'", t);
		return 0;
	}
	if (nlen == 3 && strncasecmp(m, "ip6", 3) == 0) {
		if (colon != m + 3 || !dnsrec_ip(colon + 1, AF_INET6))
			return dnsrec_fail(out->error, "invalid ip6 address '%.60s'", t);
		return 0;
	}
	return dnsrec_fail(out->error, "unknown mechanism '%.60s'", t);
}

int dnsrec_spf_parse(const char *txt, struct dnsrec_spf *out)
{
	const char *p;

	memset(out, 0, sizeof *out);
	if (!dnsrec_is_spf(txt))
		return dnsrec_fail(out->error, "%s", "does not start with v=spf1");
	p = txt + 6;
	for (;;) {
		char term[DNSREC_NAME_MAX + 32];
		size_t n;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		n = strcspn(p, " ");
		if (n >= sizeof term)
			return dnsrec_fail(out->error, "term too long '%.60s...'", p);
		memcpy(term, p, n);
		term[n] = '\0';
		if (dnsrec_spf_term(term, out) != 0)
			return -1;
		p += n;
	}
	if (out->redirect[0] != '\0' && out->all == 0)
		dnsrec_spf_follow(out, out->redirect, strchr(out->redirect, '%') != NULL);
	return 0;
}

bool dnsrec_is_dmarc(const char *txt)
{
	const char *p = txt;

	while (*p == ' ' || *p == '\t')
		p++;
	if (strncasecmp(p, "v", 1) != 0)
		return false;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p++ != '=')
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	return strncmp(p, "DMARC1", 6) == 0 &&
	       (p[6] == '\0' || p[6] == ';' || p[6] == ' ' || p[6] == '\t');
}

/* Splits "k=v; k=v" into trimmed tags; calls fn for each; stops at its -1. */
static int dnsrec_tags(const char *txt, int (*fn)(void *arg, const char *k, const char *v, int i),
                       void *arg, char *error)
{
	const char *p = txt;
	int i = 0;

	while (*p) {
		char tag[512], *eq, *k, *v, *e;
		size_t n = strcspn(p, ";");

		if (n >= sizeof tag)
			return dnsrec_fail(error, "tag too long '%.60s...'", p);
		memcpy(tag, p, n);
		tag[n] = '\0';
		p += n + (p[n] == ';');
		k = tag;
		while (*k == ' ' || *k == '\t')
			k++;
		if (*k == '\0')
			continue; /* empty tag, e.g. after the final ';' */
		eq = strchr(k, '=');
		if (eq == NULL)
			return dnsrec_fail(error, "tag without '=': '%.60s'", k);
		e = eq;
		while (e > k && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		*e = '\0';
		v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		e = v + strlen(v);
		while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		*e = '\0';
		if (*k == '\0')
			return dnsrec_fail(error, "%s", "tag without a name");
		if (fn(arg, k, v, i++) != 0)
			return -1;
	}
	return 0;
}

static int dnsrec_dmarc_tag(void *arg, const char *k, const char *v, int i)
{
	struct dnsrec_dmarc *d = arg;

	if (i == 0) {
		if (strcmp(k, "v") != 0 || strcmp(v, "DMARC1") != 0)
			return dnsrec_fail(d->error, "%s", "does not start with v=DMARC1");
		return 0;
	}
	if (strcasecmp(k, "p") == 0 || strcasecmp(k, "sp") == 0) {
		char *dst = strcasecmp(k, "p") == 0 ? d->p : d->sp;

		if (strcasecmp(v, "none") && strcasecmp(v, "quarantine") && strcasecmp(v, "reject"))
			return dnsrec_fail(
			    d->error, "unknown policy '%.40s' (none, quarantine or reject)", v);
		if (*dst != '\0')
			return dnsrec_fail(d->error, "%s", "policy given twice");
		for (size_t j = 0; v[j] && j < 15; j++)
			dst[j] = (char)tolower((unsigned char)v[j]);
		return 0;
	}
	if (strcasecmp(k, "pct") == 0) {
		char *end;
		long n = strtol(v, &end, 10);

		if (!isdigit((unsigned char)*v) || *end != '\0' || n < 0 || n > 100)
			return dnsrec_fail(d->error, "invalid pct '%.40s' (0 to 100)", v);
		d->pct = (int)n;
		return 0;
	}
	if (strcasecmp(k, "rua") == 0) {
		if (strncasecmp(v, "mailto:", 7) != 0)
			return dnsrec_fail(d->error, "invalid rua '%.60s' (mailto:...)", v);
		d->has_rua = true;
		snprintf(d->rua, sizeof d->rua, "%s", v);
		return 0;
	}
	if (strcasecmp(k, "adkim") == 0 || strcasecmp(k, "aspf") == 0) {
		if (strcasecmp(v, "r") && strcasecmp(v, "s"))
			return dnsrec_fail(d->error, "invalid alignment '%.40s' (r or s)", v);
	}
	return 0; /* ruf, fo, rf, ri and unknown tags are allowed */
}

int dnsrec_dmarc_parse(const char *txt, struct dnsrec_dmarc *out)
{
	memset(out, 0, sizeof *out);
	out->pct = 100;
	if (!dnsrec_is_dmarc(txt))
		return dnsrec_fail(out->error, "%s", "does not start with v=DMARC1");
	if (dnsrec_tags(txt, dnsrec_dmarc_tag, out, out->error) != 0)
		return -1;
	if (out->p[0] == '\0')
		return dnsrec_fail(out->error, "%s", "no p= policy (none, quarantine or reject)");
	return 0;
}

struct dnsrec_kv {
	const char *version; /* the v= value expected first */
	const char *need;    /* a tag that must be there */
	bool seen;
	char *id;
	char *error;
};

static int dnsrec_kv_tag(void *arg, const char *k, const char *v, int i)
{
	struct dnsrec_kv *kv = arg;

	if (i == 0)
		return strcmp(k, "v") == 0 && strcmp(v, kv->version) == 0
		           ? 0
		           : dnsrec_fail(kv->error, "does not start with v=%s", kv->version);
	if (strcmp(k, kv->need) == 0) {
		if (*v == '\0')
			return dnsrec_fail(kv->error, "%s= is empty", kv->need);
		kv->seen = true;
		if (kv->id != NULL)
			snprintf(kv->id, DNSREC_NAME_MAX, "%s", v);
	}
	return 0;
}

int dnsrec_sts_txt_parse(const char *txt, char *id, char *error)
{
	struct dnsrec_kv kv = {"STSv1", "id", false, id, error};

	error[0] = '\0';
	id[0] = '\0';
	if (dnsrec_tags(txt, dnsrec_kv_tag, &kv, error) != 0)
		return -1;
	if (!kv.seen)
		return dnsrec_fail(error, "%s", "no id=");
	return 0;
}

int dnsrec_tlsrpt_parse(const char *txt, char *error)
{
	struct dnsrec_kv kv = {"TLSRPTv1", "rua", false, NULL, error};

	error[0] = '\0';
	if (dnsrec_tags(txt, dnsrec_kv_tag, &kv, error) != 0)
		return -1;
	if (!kv.seen)
		return dnsrec_fail(error, "%s", "no rua=");
	return 0;
}

int dnsrec_sts_policy_parse(const char *body, size_t len, struct dnsrec_sts_policy *out)
{
	size_t off = 0;
	bool version = false;

	memset(out, 0, sizeof *out);
	out->max_age = -1;
	while (off < len) {
		char line[512], *colon, *v, *e;
		size_t n = 0;

		while (off + n < len && body[off + n] != '\n')
			n++;
		if (n >= sizeof line)
			return dnsrec_fail(out->error, "%s", "line too long");
		memcpy(line, body + off, n);
		line[n] = '\0';
		off += n + 1;
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0)
			continue;
		if (memchr(line, '\0', n) != NULL)
			return dnsrec_fail(out->error, "%s", "NUL byte in the policy");
		colon = strchr(line, ':');
		if (colon == NULL)
			return dnsrec_fail(out->error, "line without ':': '%.60s'", line);
		*colon = '\0';
		v = colon + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		e = v + strlen(v);
		while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		*e = '\0';
		if (strcmp(line, "version") == 0) {
			if (strcmp(v, "STSv1") != 0)
				return dnsrec_fail(out->error, "unknown version '%.40s'", v);
			version = true;
		} else if (strcmp(line, "mode") == 0) {
			if (strcmp(v, "enforce") && strcmp(v, "testing") && strcmp(v, "none"))
				return dnsrec_fail(out->error, "unknown mode '%.40s'", v);
			snprintf(out->mode, sizeof out->mode, "%s", v);
		} else if (strcmp(line, "mx") == 0) {
			bool macro = false;

			if (!dnsrec_domain_spec(v[0] == '*' && v[1] == '.' ? v + 2 : v, &macro) ||
			    macro)
				return dnsrec_fail(out->error, "invalid mx '%.60s'", v);
			if (out->nmx < DNSREC_STS_MX)
				snprintf(out->mx[out->nmx++], DNSREC_NAME_MAX, "%s", v);
		} else if (strcmp(line, "max_age") == 0) {
			char *end;
			long a = strtol(v, &end, 10);

			if (!isdigit((unsigned char)*v) || *end != '\0' || a < 0 || a > 31557600)
				return dnsrec_fail(out->error, "invalid max_age '%.40s'", v);
			out->max_age = a;
		}
	}
	if (!version)
		return dnsrec_fail(out->error, "%s", "no line version: STSv1");
	if (out->mode[0] == '\0')
		return dnsrec_fail(out->error, "%s", "no line mode:");
	if (out->max_age < 0)
		return dnsrec_fail(out->error, "%s", "no line max_age:");
	if (out->nmx == 0 && strcmp(out->mode, "none") != 0)
		return dnsrec_fail(out->error, "%s", "no line mx:");
	return 0;
}

/* Compares a and b (lengths na, nb) without case, ignoring one final dot on each. */
static bool dnsrec_name_eq(const char *a, size_t na, const char *b, size_t nb)
{
	if (na > 0 && a[na - 1] == '.')
		na--;
	if (nb > 0 && b[nb - 1] == '.')
		nb--;
	return na == nb && strncasecmp(a, b, na) == 0;
}

bool dnsrec_sts_mx_match(const char *pattern, const char *host)
{
	const char *dot;

	if (pattern[0] == '*' && pattern[1] == '.') {
		dot = strchr(host, '.');
		if (dot == NULL || dot == host)
			return false;
		return dnsrec_name_eq(pattern + 2, strlen(pattern + 2), dot + 1, strlen(dot + 1));
	}
	return dnsrec_name_eq(pattern, strlen(pattern), host, strlen(host));
}
