/* dns: the mail_dns lookups through libunbound (dns.h). One unbound context per run, in
 * asynchronous mode with a thread: every query of every domain is in flight at once and
 * one poll() loop, bounded by the run's deadline, hands the answers to callbacks that
 * judge them and ask the next questions (SPF includes, the MTA-STS host). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <libintl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <unbound.h>

#define _(s) gettext(s)

#include "check/dns.h"
#include "check/tls.h"

#define DNS_DEFAULT_TIMEOUT 5000
#define DNS_ROOT_KEY        "/usr/share/dns/root.key"
#define DNS_SPF_MAX_QUERIES 20 /* include/redirect targets followed per domain */
#define DNS_MAX_RESOLVERS   3  /* resolvers watched for "connection refused" */
#define DNS_STS_THREADS     16 /* MTA-STS policies fetched at once */
#define DNS_MAX_CTX         4  /* resolver contexts (one validating thread each) */
#define DNS_CTX_DOMAINS     5  /* domains that justify one more context */
#define DNS_DKIM_FIRST      5  /* common selectors asked at once; the others when needed */

#define RR_A      1
#define RR_MX     15
#define RR_TXT    16
#define RR_AAAA   28
#define RR_DNSKEY 48
#define RR_CAA    257

static const char *const dns_default_selectors[] = {
    "default", "selector1", "selector2", "google", "k1",   "k2",         "k3",
    "mail",    "dkim",      "s1",        "s2",     "mx",   "smtp",       "key1",
    "key2",    "mandrill",  "everlytic", "sig1",   "zoho", "protonmail",
};

int dns_severity_cap(enum dns_severity s)
{
	switch (s) {
	case DNS_SEV_HIGH:
		return 0;
	case DNS_SEV_MEDIUM:
		return 1;
	case DNS_SEV_LOW:
		return 2;
	default:
		return -1;
	}
}

const char *dns_severity_name(enum dns_severity s)
{
	static const char *const names[] = {"info", "low", "medium", "high"};

	return (unsigned)s < 4 ? names[s] : "info";
}

static const char *const dns_aspect_names[DNS_NASPECTS] = {
    "mx", "spf", "dmarc", "dkim", "dnssec", "mta_sts", "tlsrpt", "caa", "starttls",
};

const char *dns_aspect_name(enum dns_aspect a)
{
	return (unsigned)a < DNS_NASPECTS ? dns_aspect_names[a] : "?";
}

int dns_aspect_find(const char *name)
{
	for (int i = 0; i < DNS_NASPECTS; i++)
		if (strcmp(dns_aspect_names[i], name) == 0)
			return i;
	return -1;
}

const char *dns_dnssec_name(enum dns_dnssec d)
{
	static const char *const names[] = {"unknown", "unsigned", "insecure",
	                                    "secure",  "bogus",    "no_anchor"};

	return (unsigned)d < 6 ? names[d] : "unknown";
}

const char *dns_verdict_name(enum dns_verdict v)
{
	static const char *const names[] = {"pass", "warn", "fail", "error"};

	return (unsigned)v < 4 ? names[v] : "error";
}

/* The findings: code, aspect, severity, French, English. */
static const struct dns_rule {
	const char *code;
	enum dns_aspect aspect;
	enum dns_severity severity;
	const char *fr, *en;
} dns_rules[] = {
    {"mx_missing", DNS_ASPECT_MX, DNS_SEV_INFO,
     "Le domaine n'a aucun serveur de messagerie (enregistrement MX) : il ne reçoit pas de "
     "courriel ; si la commune utilise des adresses de ce domaine, demandez à votre hébergeur "
     "de publier ses serveurs de messagerie.",
     "The domain has no mail server (MX record): it receives no email; if the commune uses "
     "addresses of this domain, ask your host to publish its mail servers."},
    {"spf_missing", DNS_ASPECT_SPF, DNS_SEV_HIGH,
     "Le domaine ne publie pas d'enregistrement SPF : n'importe qui peut envoyer des courriels "
     "en son nom ; demandez à votre hébergeur de messagerie de publier un enregistrement SPF "
     "qui se termine par « -all ».",
     "The domain publishes no SPF record: anyone can send email in its name; ask your email "
     "host to publish an SPF record ending with '-all'."},
    {"spf_multiple", DNS_ASPECT_SPF, DNS_SEV_HIGH,
     "Le domaine publie plusieurs enregistrements SPF : les destinataires les ignorent tous ; "
     "demandez à votre hébergeur de les fusionner en un seul.",
     "The domain publishes several SPF records: recipients ignore them all; ask your host to "
     "merge them into one."},
    {"spf_syntax", DNS_ASPECT_SPF, DNS_SEV_HIGH,
     "L'enregistrement SPF du domaine est mal écrit : les destinataires l'ignorent ; demandez "
     "à votre hébergeur de le corriger.",
     "The domain's SPF record is malformed: recipients ignore it; ask your host to fix it."},
    {"spf_plus_all", DNS_ASPECT_SPF, DNS_SEV_HIGH,
     "L'enregistrement SPF se termine par « +all » : il autorise le monde entier à envoyer des "
     "courriels au nom de la commune ; demandez à votre hébergeur de le remplacer par « -all ».",
     "The SPF record ends with '+all': it allows the whole world to send email in the "
     "commune's name; ask your host to replace it with '-all'."},
    {"spf_too_many_lookups", DNS_ASPECT_SPF, DNS_SEV_HIGH,
     "L'enregistrement SPF demande plus de 10 consultations DNS (includes compris) : les "
     "destinataires le rejettent comme invalide ; demandez à votre hébergeur de le simplifier.",
     "The SPF record needs more than 10 DNS lookups (includes counted): recipients reject it "
     "as invalid; ask your host to simplify it."},
    {"spf_include_missing", DNS_ASPECT_SPF, DNS_SEV_HIGH,
     "L'enregistrement SPF inclut un domaine qui ne publie pas de SPF : les destinataires le "
     "rejettent comme invalide ; demandez à votre hébergeur de corriger l'include.",
     "The SPF record includes a domain that publishes no SPF: recipients reject it as "
     "invalid; ask your host to fix the include."},
    {"spf_neutral_all", DNS_ASPECT_SPF, DNS_SEV_MEDIUM,
     "L'enregistrement SPF se termine par « ?all » ou sans règle finale : il ne dit rien des "
     "serveurs non listés ; demandez à votre hébergeur de le terminer par « -all ».",
     "The SPF record ends with '?all' or without a final rule: it says nothing of unlisted "
     "servers; ask your host to end it with '-all'."},
    {"spf_softfail", DNS_ASPECT_SPF, DNS_SEV_INFO,
     "L'enregistrement SPF se termine par « ~all » : c'est acceptable avec une règle DMARC "
     "stricte, mais « -all » est plus net ; demandez à votre hébergeur s'il peut passer à "
     "« -all ».",
     "The SPF record ends with '~all': acceptable with a strict DMARC policy, but '-all' is "
     "clearer; ask your host whether it can move to '-all'."},
    {"dmarc_missing", DNS_ASPECT_DMARC, DNS_SEV_MEDIUM,
     "Le domaine ne publie pas de règle DMARC : les destinataires ne savent pas quoi faire des "
     "faux courriels à son nom ; demandez à votre hébergeur de publier une règle DMARC, "
     "d'abord « p=none » avec une adresse de rapports, puis « quarantine » ou « reject ».",
     "The domain publishes no DMARC policy: recipients do not know what to do with fake "
     "email in its name; ask your host to publish a DMARC policy, first 'p=none' with a "
     "report address, then 'quarantine' or 'reject'."},
    {"dmarc_multiple", DNS_ASPECT_DMARC, DNS_SEV_MEDIUM,
     "Le domaine publie plusieurs règles DMARC : les destinataires les ignorent toutes ; "
     "demandez à votre hébergeur de n'en garder qu'une.",
     "The domain publishes several DMARC policies: recipients ignore them all; ask your host "
     "to keep only one."},
    {"dmarc_syntax", DNS_ASPECT_DMARC, DNS_SEV_MEDIUM,
     "La règle DMARC du domaine est mal écrite : les destinataires l'ignorent ; demandez à "
     "votre hébergeur de la corriger.",
     "The domain's DMARC policy is malformed: recipients ignore it; ask your host to fix it."},
    {"dmarc_none", DNS_ASPECT_DMARC, DNS_SEV_LOW,
     "La règle DMARC est en simple observation (« p=none ») : les faux courriels au nom de la "
     "commune sont encore livrés ; après quelques semaines de rapports sans envoi légitime en "
     "échec, demandez à votre hébergeur de passer à « quarantine » puis « reject ».",
     "The DMARC policy only observes ('p=none'): fake email in the commune's name is still "
     "delivered; after a few weeks of reports with no legitimate mail failing, ask your host "
     "to move to 'quarantine' then 'reject'."},
    {"dmarc_pct", DNS_ASPECT_DMARC, DNS_SEV_LOW,
     "La règle DMARC ne s'applique qu'à une partie des courriels (pct inférieur à 100) : "
     "demandez à votre hébergeur de la porter à 100.",
     "The DMARC policy applies to part of the email only (pct below 100): ask your host to "
     "raise it to 100."},
    {"dmarc_no_rua", DNS_ASPECT_DMARC, DNS_SEV_INFO,
     "La règle DMARC ne demande pas de rapports (pas d'adresse rua) : personne ne voit qui "
     "envoie des courriels au nom de la commune ; demandez à votre hébergeur d'ajouter une "
     "adresse de rapports.",
     "The DMARC policy asks for no reports (no rua address): nobody sees who sends email in "
     "the commune's name; ask your host to add a report address."},
    {"dkim_not_found", DNS_ASPECT_DKIM, DNS_SEV_INFO,
     "Aucune clé DKIM trouvée sous les sélecteurs essayés : ce n'est pas une preuve d'absence "
     "(le sélecteur peut porter un autre nom) ; demandez à votre hébergeur si les courriels "
     "sont signés avec DKIM et sous quel sélecteur.",
     "No DKIM key found under the selectors tried: this is no proof of absence (the selector "
     "may have another name); ask your host whether email is signed with DKIM and under "
     "which selector."},
    {"dnssec_bogus", DNS_ASPECT_DNSSEC, DNS_SEV_HIGH,
     "La signature DNSSEC du domaine est invalide (fausse ou expirée) : les résolveurs qui "
     "valident refusent ses réponses, le site et la messagerie deviennent injoignables pour "
     "eux ; demandez d'urgence à l'hébergeur du domaine de signer à nouveau la zone.",
     "The domain's DNSSEC signature is invalid (wrong or expired): validating resolvers "
     "refuse its answers, and the website and email become unreachable for them; ask the "
     "domain's host urgently to sign the zone again."},
    {"dnssec_no_chain", DNS_ASPECT_DNSSEC, DNS_SEV_MEDIUM,
     "Le domaine publie des clés DNSSEC, mais aucune chaîne de confiance n'y mène "
     "(enregistrement DS absent chez le parent) : ses réponses ne sont pas validées ; "
     "demandez au bureau d'enregistrement de publier l'enregistrement DS.",
     "The domain publishes DNSSEC keys, but no chain of trust leads to them (no DS record at "
     "the parent): its answers are not validated; ask the registrar to publish the DS "
     "record."},
    {"dnssec_unsigned", DNS_ASPECT_DNSSEC, DNS_SEV_LOW,
     "Le domaine n'est pas signé avec DNSSEC : ses réponses DNS peuvent être falsifiées en "
     "chemin ; demandez au bureau d'enregistrement ou à l'hébergeur du domaine d'activer "
     "DNSSEC.",
     "The domain is not signed with DNSSEC: its DNS answers can be forged on the way; ask the "
     "registrar or the domain's host to switch DNSSEC on."},
    {"dnssec_unverified", DNS_ASPECT_DNSSEC, DNS_SEV_INFO,
     "Le domaine publie des clés DNSSEC, mais vigie n'a pas d'ancre de confiance pour les "
     "vérifier (paquet dns-root-data absent, ou --trust-anchor) : la validation n'a pas été "
     "faite.",
     "The domain publishes DNSSEC keys, but vigie has no trust anchor to check them with "
     "(dns-root-data package missing, or --trust-anchor): validation was not done."},
    {"mta_sts_invalid", DNS_ASPECT_MTA_STS, DNS_SEV_MEDIUM,
     "L'enregistrement ou la politique MTA-STS du domaine est invalide ou injoignable : elle "
     "est ignorée ; demandez à votre hébergeur de messagerie de la corriger (fichier "
     "https://mta-sts.DOMAINE/.well-known/mta-sts.txt).",
     "The domain's MTA-STS record or policy is invalid or unreachable: it is ignored; ask "
     "your email host to fix it (file https://mta-sts.DOMAIN/.well-known/mta-sts.txt)."},
    {"mta_sts_mx_mismatch", DNS_ASPECT_MTA_STS, DNS_SEV_MEDIUM,
     "Un serveur de messagerie (MX) du domaine n'est pas couvert par la politique MTA-STS : "
     "les courriels vers lui seront refusés en mode « enforce » ; demandez à votre hébergeur "
     "d'accorder la politique et les MX.",
     "A mail server (MX) of the domain is not covered by the MTA-STS policy: email to it "
     "will be refused in 'enforce' mode; ask your host to make the policy and the MX agree."},
    {"mta_sts_testing", DNS_ASPECT_MTA_STS, DNS_SEV_LOW,
     "La politique MTA-STS est en mode « testing » ou « none » : elle ne protège pas encore ; "
     "demandez à votre hébergeur de passer en mode « enforce » quand les rapports TLS-RPT "
     "sont sans erreur.",
     "The MTA-STS policy is in 'testing' or 'none' mode: it does not protect yet; ask your "
     "host to move to 'enforce' once the TLS-RPT reports show no error."},
    {"mta_sts_missing", DNS_ASPECT_MTA_STS, DNS_SEV_INFO,
     "Le domaine ne publie pas de politique MTA-STS : les serveurs qui lui écrivent ne sont "
     "pas tenus de chiffrer ; demandez à votre hébergeur de messagerie de publier MTA-STS.",
     "The domain publishes no MTA-STS policy: servers writing to it are not bound to "
     "encrypt; ask your email host to publish MTA-STS."},
    {"tlsrpt_invalid", DNS_ASPECT_TLSRPT, DNS_SEV_LOW,
     "L'enregistrement TLS-RPT (_smtp._tls) du domaine est mal écrit : aucun rapport n'est "
     "envoyé ; demandez à votre hébergeur de le corriger.",
     "The domain's TLS-RPT record (_smtp._tls) is malformed: no report is sent; ask your "
     "host to fix it."},
    {"tlsrpt_missing", DNS_ASPECT_TLSRPT, DNS_SEV_INFO,
     "Le domaine ne demande pas de rapports TLS-RPT : personne n'est averti quand le "
     "chiffrement des courriels reçus échoue ; demandez à votre hébergeur de publier un "
     "enregistrement _smtp._tls.",
     "The domain asks for no TLS-RPT reports: nobody is told when the encryption of incoming "
     "email fails; ask your host to publish an _smtp._tls record."},
    {"starttls_missing", DNS_ASPECT_STARTTLS, DNS_SEV_HIGH,
     "Un serveur de messagerie (MX) du domaine ne propose pas le chiffrement STARTTLS : les "
     "courriels envoyés à la commune circulent en clair sur internet ; demandez à votre "
     "hébergeur de messagerie d'activer STARTTLS avec un certificat valide.",
     "A mail server (MX) of the domain does not offer STARTTLS encryption: email sent to the "
     "commune travels in clear text over the internet; ask your email host to enable "
     "STARTTLS with a valid certificate."},
    {"starttls_unreachable", DNS_ASPECT_STARTTLS, DNS_SEV_INFO,
     "vigie n'a pas pu joindre un serveur de messagerie (MX) du domaine sur le port SMTP : "
     "le réseau d'où vigie tourne bloque peut-être ce port, comme beaucoup de box ; son "
     "chiffrement n'a pas été vérifié : demandez à votre hébergeur de messagerie si STARTTLS "
     "est activé, ou relancez vigie depuis un autre réseau.",
     "vigie could not reach a mail server (MX) of the domain on the SMTP port: the network "
     "vigie runs from may block that port, as many home routers do; its encryption was not "
     "checked: ask your email host whether STARTTLS is enabled, or run vigie again from "
     "another network."},
    {"caa_missing", DNS_ASPECT_CAA, DNS_SEV_INFO,
     "Le domaine ne publie pas d'enregistrement CAA : toute autorité peut émettre un "
     "certificat à son nom ; demandez à votre hébergeur d'en publier un qui nomme l'autorité "
     "de vos certificats (par exemple Let's Encrypt).",
     "The domain publishes no CAA record: any authority may issue a certificate in its name; "
     "ask your host to publish one naming your certificates' authority (for example Let's "
     "Encrypt)."},
};

/* Query kinds. */
enum dq_kind {
	DQ_MX,
	DQ_TXT,
	DQ_DMARC,
	DQ_STS,
	DQ_TLSRPT,
	DQ_CAA,
	DQ_DNSKEY,
	DQ_DKIM,
	DQ_SPF_FOLLOW,
	DQ_STS_HOST,
	DQ_DKIM_BASE,
	DQ_MX_ADDR,
	DQ_NKINDS
};

/* How a lookup ended. */
enum dq_state { DQS_PENDING, DQS_DATA, DQS_NODATA, DQS_NXDOMAIN, DQS_FAILED, DQS_BOGUS };

static const char *const dq_label[DQ_NKINDS] = {
    "MX",         "TXT",    "_dmarc TXT",     "_mta-sts TXT", "_smtp._tls TXT",
    "CAA",        "DNSKEY", "_domainkey TXT", "SPF include",  "mta-sts A",
    "_domainkey", "MX A",
};

struct dns_run;

struct dns_dom {
	struct dns_report *r;
	size_t ci;                   /* its resolver context */
	enum dq_state st[DQ_NKINDS]; /* of the first query of each kind */
	int rcode_failed;            /* rcode of a failed lookup (2 SERVFAIL, 5 REFUSED) */
	bool any_bogus;
	int spf_follow; /* follow queries sent */
	bool spf_missing_include;
	char spf_missing_name[DNSREC_NAME_MAX];
	bool spf_multiple, spf_bad, dmarc_multiple, dmarc_bad;
	char spf_error[DNSREC_ERROR_MAX], dmarc_error[DNSREC_ERROR_MAX];
	struct dnsrec_dmarc dmarc;
	bool sts_bad, tlsrpt_bad;
	char sts_error[DNSREC_ERROR_MAX], tlsrpt_error[DNSREC_ERROR_MAX];
	char sts_addr[64];
	char sts_why[256];
	struct dnsrec_sts_policy sts_policy;
	pthread_t sts_tid;
	bool sts_early;         /* its policy fetch started as soon as the address came */
	size_t dkim_first_left; /* DKIM lookups of the first round still out */
};

struct dns_query {
	struct dns_run *run;
	struct dns_dom *dom;
	enum dq_kind kind;
	int async_id;
	bool done;
	char name[DNSREC_NAME_MAX + 80]; /* the longest name dns_ask is given */
};

struct dns_run {
	struct ub_ctx *ctx[DNS_MAX_CTX]; /* domain i asks ctx[i % nctx] */
	size_t nctx;
	struct dns_dom *doms;
	struct dns_query **q;
	size_t nq, capq;
	size_t outstanding;
	const char *const *selectors;
	size_t nselectors;
	bool anchored;    /* a trust anchor is loaded */
	bool dkim_staged; /* the common selectors: the first DNS_DKIM_FIRST, then the others */
	bool starttls;    /* the mail servers' addresses are asked, then their STARTTLS probed */
	int start_rc;     /* the first error of ub_resolve_async (0: none) */
	FILE *log;        /* libunbound's messages, kept for errors instead of stderr */
	char *logbuf;     /* what log holds (open_memstream) */
	size_t loglen;
	const char *ta; /* the trust anchor file loaded, or NULL */
	/* MTA-STS policy fetches: one job per domain; the first DNS_STS_THREADS start on a
	 * thread of their own as soon as the policy host's address comes, while the other
	 * lookups go on; the others once the lookups are over. */
	struct dns_sts_job *jobs;
	void *sts_tls; /* dns_sts_ctx_new's, made at the first fetch */
	bool sts_tls_made;
	char sts_tls_why[256];
	const char *sts_ca;
	unsigned sts_port;
	int sts_timeout;
	size_t nearly; /* fetches started early */
};

static double dns_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int dns_domain_normalise(const char *s, char *out, struct vg_err *err)
{
	size_t n = strlen(s), label = 0;

	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0 || n > 253)
		return vg_err_set(err, VG_EUSAGE,
		                  _("« %.80s » n'est pas un nom de domaine (1 à 253 octets)"), s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (label == 0)
				return vg_err_set(err, VG_EUSAGE,
				                  _("« %.80s » n'est pas un nom de domaine (rien "
				                    "entre deux points)"),
				                  s);
			label = 0;
		} else if (isalnum(c) || c == '-' || c == '_') {
			if (++label > 63)
				return vg_err_set(err, VG_EUSAGE,
				                  _("« %.80s » n'est pas un nom de domaine (une "
				                    "partie de plus de 63 octets)"),
				                  s);
		} else {
			return vg_err_set(
			    err, VG_EUSAGE,
			    _("« %.80s » n'est pas un nom de domaine (lettres, chiffres, « - » et "
			      "points seulement ; écrivez un nom accentué sous sa forme "
			      "xn--)"),
			    s);
		}
		out[i] = (char)tolower(c);
	}
	out[n] = '\0';
	return 0;
}

/* Copies src into dst (size bytes), cut if need be. */
static void dns_copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void dns_add(struct dns_report *r, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void dns_add(struct dns_report *r, const char *code, const char *fmt, ...)
{
	const struct dns_rule *rule = NULL;
	struct dns_finding *f;
	va_list ap;

	for (size_t i = 0; i < sizeof dns_rules / sizeof dns_rules[0]; i++)
		if (strcmp(dns_rules[i].code, code) == 0)
			rule = &dns_rules[i];
	if (rule == NULL)
		abort(); /* a code missing from the table is a bug */
	r->findings = vg_reallocarray(r->findings, r->nfindings + 1, sizeof *r->findings);
	f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof *f);
	f->code = rule->code;
	f->aspect = rule->aspect;
	f->severity = rule->severity;
	f->cap = dns_severity_cap(rule->severity);
	f->fr = rule->fr;
	f->en = rule->en;
	va_start(ap, fmt);
	vsnprintf(f->detail, sizeof f->detail, fmt, ap);
	va_end(ap);
}

static void dns_cb(void *arg, int err, struct ub_result *result);

static void dns_ask(struct dns_run *run, struct dns_dom *dom, enum dq_kind kind, const char *name,
                    int type)
{
	struct dns_query *q = vg_calloc(1, sizeof *q);
	int rc;

	q->run = run;
	q->dom = dom;
	q->kind = kind;
	snprintf(q->name, sizeof q->name, "%s", name);
	if (run->nq == run->capq) {
		run->capq = run->capq ? run->capq * 2 : 64;
		run->q = vg_reallocarray(run->q, run->capq, sizeof *run->q);
	}
	run->q[run->nq++] = q;
	dom->r->queries++;
	rc = ub_resolve_async(run->ctx[dom->ci], q->name, type, 1, q, dns_cb, &q->async_id);
	if (rc != 0) {
		if (run->start_rc == 0)
			run->start_rc = rc;
		q->done = true;
		if (dom->st[kind] == DQS_PENDING)
			dom->st[kind] = DQS_FAILED;
		return;
	}
	run->outstanding++;
}

/* Appends "s" to a comma-separated list in buf. */
static void dns_list_add(char *buf, size_t size, const char *sep, const char *s)
{
	size_t len = strlen(buf);

	if (len + 1 < size)
		snprintf(buf + len, size - len, "%s%s", len ? sep : "", s);
}

/* The TXT records of a result that start like pred says; the first goes to first. */
static size_t dns_txts(const struct ub_result *res, bool (*pred)(const char *), char *first,
                       size_t firstlen)
{
	size_t n = 0;
	char txt[4096];

	for (size_t i = 0; res->data[i] != NULL; i++) {
		if (dnsrec_txt((const unsigned char *)res->data[i], (size_t)res->len[i], txt,
		               sizeof txt) < 0)
			continue;
		if (pred != NULL && !pred(txt))
			continue;
		if (n++ == 0)
			dns_copy(first, firstlen, txt);
	}
	return n;
}

static bool dns_is_sts(const char *t)
{
	return strncmp(t, "v=STSv1", 7) == 0 && (t[7] == '\0' || t[7] == ';' || t[7] == ' ');
}

static bool dns_is_tlsrpt(const char *t)
{
	return strncmp(t, "v=TLSRPTv1", 10) == 0 && (t[10] == '\0' || t[10] == ';' || t[10] == ' ');
}

static bool dns_is_dkim(const char *t)
{
	return strncmp(t, "v=DKIM1", 7) == 0 || strstr(t, "p=") != NULL;
}

/* Follows the include:/redirect= targets of a parsed SPF record. */
static void dns_spf_follow(struct dns_run *run, struct dns_dom *dom, const struct dnsrec_spf *spf)
{
	dom->r->spf_lookups += spf->lookups;
	if (spf->macro || dom->r->spf_lookups > 10)
		return;
	for (size_t i = 0; i < spf->nfollow; i++) {
		if (dom->spf_follow >= DNS_SPF_MAX_QUERIES)
			return;
		dom->spf_follow++;
		dns_ask(run, dom, DQ_SPF_FOLLOW, spf->follow[i], RR_TXT);
	}
}

static void dns_sts_start(struct dns_run *run, struct dns_dom *dom);

/* Asks for the DKIM keys of dom under selectors [from, to) and lists them as tried. */
static void dns_dkim_ask(struct dns_run *run, struct dns_dom *dom, size_t from, size_t to)
{
	char name[DNSREC_NAME_MAX + 80];

	for (size_t s = from; s < to; s++) {
		snprintf(name, sizeof name, "%s._domainkey.%s", run->selectors[s], dom->r->domain);
		dns_ask(run, dom, DQ_DKIM, name, RR_TXT);
		dns_list_add(dom->r->dkim_tried, sizeof dom->r->dkim_tried, ", ",
		             run->selectors[s]);
	}
}

/*
 * The first round of DKIM lookups of dom is over: the most common selectors and
 * _domainkey.DOMAIN itself. Most domains sign under one of those selectors, and a domain
 * whose _domainkey does not exist (NXDOMAIN: nothing below it, RFC 8020) has no key at
 * all: only when neither is the case are the other selectors asked. Twenty selector
 * lookups for every domain were most of a run's queries, and of its processor time
 * (DNSSEC validation).
 */
static void dns_dkim_next(struct dns_run *run, struct dns_dom *dom)
{
	if (!run->dkim_staged || dom->r->dkim[0] != '\0' || dom->st[DQ_DKIM_BASE] == DQS_NXDOMAIN)
		return;
	dns_dkim_ask(run, dom, DNS_DKIM_FIRST, run->nselectors);
}

static void dns_on_answer(struct dns_query *q, const struct ub_result *res)
{
	struct dns_run *run = q->run;
	struct dns_dom *dom = q->dom;
	struct dns_report *r = dom->r;
	char txt[4096];

	switch (q->kind) {
	case DQ_MX:
		for (size_t i = 0; res->data[i] != NULL && r->nmx < DNS_MAX_MX; i++) {
			unsigned pref;
			char name[DNSREC_NAME_MAX];
			size_t at;

			if (dnsrec_mx((const unsigned char *)res->data[i], (size_t)res->len[i],
			              &pref, name, sizeof name) != 0)
				continue;
			at = r->nmx;
			while (at > 0 && r->mx_pref[at - 1] > pref) {
				r->mx_pref[at] = r->mx_pref[at - 1];
				memcpy(r->mx[at], r->mx[at - 1], sizeof r->mx[at]);
				at--;
			}
			r->mx_pref[at] = pref;
			snprintf(r->mx[at], sizeof r->mx[at], "%s", name);
			r->nmx++;
		}
		/* The addresses of the mail servers whose STARTTLS is probed (a null MX, ".",
		 * receives no mail). */
		for (size_t m = 0; run->starttls && m < r->nmx && m < DNS_MX_PROBED; m++) {
			bool asked = false;

			for (size_t k = 0; k < m; k++)
				asked |= strcmp(r->mx[k], r->mx[m]) == 0;
			if (!asked && r->mx[m][0] != '\0' && strcmp(r->mx[m], ".") != 0)
				dns_ask(run, dom, DQ_MX_ADDR, r->mx[m], RR_A);
		}
		break;
	case DQ_MX_ADDR:
		for (size_t m = 0; m < r->nmx && m < DNS_MX_PROBED; m++)
			if (res->data[0] != NULL && res->len[0] == 4 &&
			    strcmp(r->mx[m], q->name) == 0)
				inet_ntop(AF_INET, res->data[0], r->mx_addr[m],
				          sizeof r->mx_addr[m]);
		break;
	case DQ_TXT: {
		size_t n = dns_txts(res, dnsrec_is_spf, r->spf, sizeof r->spf);
		struct dnsrec_spf spf;

		if (n > 1) {
			dom->spf_multiple = true;
		} else if (n == 1) {
			if (dnsrec_spf_parse(r->spf, &spf) != 0) {
				dom->spf_bad = true;
				snprintf(dom->spf_error, sizeof dom->spf_error, "%s", spf.error);
			} else {
				dns_spf_follow(run, dom, &spf);
			}
		}
		break;
	}
	case DQ_SPF_FOLLOW: {
		size_t n = dns_txts(res, dnsrec_is_spf, txt, sizeof txt);
		struct dnsrec_spf spf;

		if (n != 1 || dnsrec_spf_parse(txt, &spf) != 0) {
			if (!dom->spf_missing_include)
				dns_copy(dom->spf_missing_name, sizeof dom->spf_missing_name,
				         q->name);
			dom->spf_missing_include = true;
			break;
		}
		dns_spf_follow(run, dom, &spf);
		break;
	}
	case DQ_DMARC: {
		size_t n = dns_txts(res, dnsrec_is_dmarc, r->dmarc, sizeof r->dmarc);

		if (n > 1) {
			dom->dmarc_multiple = true;
		} else if (n == 1 && dnsrec_dmarc_parse(r->dmarc, &dom->dmarc) != 0) {
			dom->dmarc_bad = true;
			snprintf(dom->dmarc_error, sizeof dom->dmarc_error, "%s", dom->dmarc.error);
		}
		break;
	}
	case DQ_DKIM:
		if (dns_txts(res, dns_is_dkim, txt, sizeof txt) > 0) {
			char sel[DNSREC_NAME_MAX];

			snprintf(sel, sizeof sel, "%.*s", (int)strcspn(q->name, "."), q->name);
			dns_list_add(r->dkim, sizeof r->dkim, ", ", sel);
		}
		break;
	case DQ_STS:
		if (dns_txts(res, dns_is_sts, r->mta_sts, sizeof r->mta_sts) > 1) {
			dom->sts_bad = true;
			snprintf(dom->sts_error, sizeof dom->sts_error, "several v=STSv1 records");
		} else if (r->mta_sts[0] != '\0') {
			char id[DNSREC_NAME_MAX], name[DNSREC_NAME_MAX + 16];

			if (dnsrec_sts_txt_parse(r->mta_sts, id, dom->sts_error) != 0) {
				dom->sts_bad = true;
			} else {
				snprintf(name, sizeof name, "mta-sts.%s", r->domain);
				dns_ask(run, dom, DQ_STS_HOST, name, RR_A);
			}
		}
		break;
	case DQ_STS_HOST:
		if (res->data[0] != NULL && res->len[0] == 4) {
			inet_ntop(AF_INET, res->data[0], dom->sts_addr, sizeof dom->sts_addr);
			dns_sts_start(run, dom);
		}
		break;
	case DQ_TLSRPT:
		if (dns_txts(res, dns_is_tlsrpt, r->tlsrpt, sizeof r->tlsrpt) > 0 &&
		    dnsrec_tlsrpt_parse(r->tlsrpt, dom->tlsrpt_error) != 0)
			dom->tlsrpt_bad = true;
		break;
	case DQ_CAA:
		for (size_t i = 0; res->data[i] != NULL; i++) {
			unsigned flags;
			char tag[32], value[256], entry[300];

			if (dnsrec_caa((const unsigned char *)res->data[i], (size_t)res->len[i],
			               &flags, tag, sizeof tag, value, sizeof value) != 0)
				continue;
			snprintf(entry, sizeof entry, "%s %s", tag, value);
			dns_list_add(r->caa, sizeof r->caa, "; ", entry);
		}
		break;
	default:
		break;
	}
}

static void dns_cb(void *arg, int err, struct ub_result *result)
{
	struct dns_query *q = arg;
	struct dns_dom *dom = q->dom;
	enum dq_state st;

	q->done = true;
	q->run->outstanding--;
	if (err != 0 || result == NULL) {
		st = DQS_FAILED;
	} else if (result->bogus) {
		st = DQS_BOGUS;
		dom->any_bogus = true;
		if (dom->r->dnssec_why[0] == '\0' && result->why_bogus != NULL)
			snprintf(dom->r->dnssec_why, sizeof dom->r->dnssec_why, "%s",
			         result->why_bogus);
	} else if (result->rcode == 3) {
		st = DQS_NXDOMAIN;
	} else if (result->rcode != 0) {
		st = DQS_FAILED;
		dom->rcode_failed = result->rcode;
	} else {
		st = result->havedata ? DQS_DATA : DQS_NODATA;
	}
	if (q->kind == DQ_DNSKEY && st == DQS_DATA)
		dom->r->dnssec = result->secure     ? DNS_DNSSEC_SECURE
		                 : q->run->anchored ? DNS_DNSSEC_INSECURE
		                                    : DNS_DNSSEC_NO_ANCHOR;
	if (q->kind == DQ_DKIM) {
		/* One state for all selectors: data if any has a key, failed if any failed. */
		if (st == DQS_DATA || dom->st[DQ_DKIM] == DQS_PENDING ||
		    (st == DQS_FAILED && dom->st[DQ_DKIM] != DQS_DATA))
			dom->st[DQ_DKIM] = st;
	} else if (q->kind == DQ_SPF_FOLLOW) {
		if (st == DQS_FAILED || st == DQS_BOGUS)
			dom->st[DQ_SPF_FOLLOW] = DQS_FAILED;
		else if (st == DQS_NXDOMAIN || st == DQS_NODATA) {
			if (!dom->spf_missing_include)
				dns_copy(dom->spf_missing_name, sizeof dom->spf_missing_name,
				         q->name);
			dom->spf_missing_include = true;
		}
	} else if (dom->st[q->kind] == DQS_PENDING) {
		dom->st[q->kind] = st;
	}
	if (st == DQS_DATA)
		dns_on_answer(q, result);
	if (result != NULL)
		ub_resolve_free(result);
	if ((q->kind == DQ_DKIM || q->kind == DQ_DKIM_BASE) && dom->dkim_first_left > 0 &&
	    --dom->dkim_first_left == 0)
		dns_dkim_next(q->run, dom);
}

/* Splits "ADDR[@PORT]" and checks it; fills sa. Returns 0 or -1. */
static int dns_resolver_addr(const char *s, struct sockaddr_storage *sa, socklen_t *salen,
                             struct vg_err *err)
{
	char host[64];
	const char *at = strrchr(s, '@');
	size_t hl = at ? (size_t)(at - s) : strlen(s);
	long port = 53;
	struct sockaddr_in *in = (struct sockaddr_in *)sa;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;

	if (hl == 0 || hl >= sizeof host)
		return vg_err_set(
		    err, VG_EUSAGE,
		    _("--resolver « %.80s » : donnez une adresse IP, suivie si besoin de "
		      "@PORT (127.0.0.1@5353)"),
		    s);
	memcpy(host, s, hl);
	host[hl] = '\0';
	if (at != NULL) {
		char *end;

		port = strtol(at + 1, &end, 10);
		if (at[1] == '\0' || *end != '\0' || port < 1 || port > 65535)
			return vg_err_set(
			    err, VG_EUSAGE,
			    _("--resolver « %.80s » : le port après @ doit aller de 1 à 65535"), s);
	}
	memset(sa, 0, sizeof *sa);
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons((uint16_t)port);
		*salen = sizeof *in;
	} else if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((uint16_t)port);
		*salen = sizeof *in6;
	} else {
		return vg_err_set(
		    err, VG_EUSAGE,
		    _("--resolver « %.80s » : « %s » n'est pas une adresse IP (un résolveur "
		      "se donne par son adresse, comme 127.0.0.1@5353 ou ::1)"),
		    s, host);
	}
	return 0;
}

/* Opens a UDP socket connected to the resolver and sends it a header-only message: when
 * nothing listens there the kernel reports "connection refused" on the socket, which the
 * poll loop turns into resolver_unreachable without waiting for the deadline. Returns the
 * socket or -1 (no watch: the lookups' own errors will speak). */
static int dns_watch_open(const struct sockaddr_storage *sa, socklen_t salen)
{
	unsigned char msg[12] = {0x76, 0x67}; /* id "vg", no flags, no question */
	int fd = socket(sa->ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (connect(fd, (const struct sockaddr *)sa, salen) != 0 ||
	    send(fd, msg, sizeof msg, 0) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The system's resolvers, from /etc/resolv.conf (up to DNS_MAX_RESOLVERS). */
static size_t dns_system_resolvers(char out[][64], size_t max)
{
	FILE *f = fopen("/etc/resolv.conf", "re");
	char line[256];
	size_t n = 0;

	if (f == NULL)
		return 0;
	while (n < max && fgets(line, sizeof line, f) != NULL) {
		char addr[64];

		if (sscanf(line, " nameserver %63s", addr) == 1)
			snprintf(out[n++], 64, "%s", addr);
	}
	fclose(f);
	return n;
}

static void dns_set_error(struct dns_report *r, const char *code, const char *fr, const char *en)
{
	r->error_code = code;
	dns_copy(r->error_fr, sizeof r->error_fr, fr);
	dns_copy(r->error_en, sizeof r->error_en, en);
}

/* Creates and configures one resolver context. */
static struct ub_ctx *dns_ctx_new(struct dns_run *run, const struct dns_options *opt,
                                  const char *ta, struct vg_err *err)
{
	struct ub_ctx *ctx = ub_ctx_create();
	struct rlimit rl;
	long range = 4096;
	char num[24];
	int rc;

	if (ctx == NULL) {
		vg_err_set(err, VG_ESYS, "%s", _("création du résolveur DNS impossible"));
		return NULL;
	}
	if (ub_ctx_debugout(ctx, run->log) != 0) {
		vg_err_set(err, VG_ESYS, "%s", _("journal du résolveur DNS impossible à préparer"));
		goto fail;
	}
	/* libunbound's default outgoing-range (a few dozen sockets) queues the questions of 20
	 * domains behind each other: 20 domains took 8 times one domain's time (bench/dns).
	 * One socket per question in flight, within the descriptors this process may open,
	 * shared by the contexts. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		range = rl.rlim_cur > 128 + 64 ? ((long)rl.rlim_cur - 64) / (long)run->nctx : 128;
	if (range > 4096)
		range = 4096;
	if (range < 32)
		range = 32;
	snprintf(num, sizeof num, "%ld", range);
	if ((rc = ub_ctx_async(ctx, 1)) != 0 ||
	    (rc = ub_ctx_set_option(ctx, "do-not-query-localhost:", "no")) != 0 ||
	    (rc = ub_ctx_set_option(ctx, "outgoing-range:", num)) != 0 ||
	    (rc = ub_ctx_set_option(ctx, "num-queries-per-thread:", "8192")) != 0) {
		vg_err_set(err, VG_ESYS, _("réglage du résolveur DNS impossible : %s"),
		           ub_strerror(rc));
		goto fail;
	}
	if (opt->resolver != NULL) {
		char fwd[80];

		snprintf(fwd, sizeof fwd, "%s", opt->resolver);
		if ((rc = ub_ctx_set_fwd(ctx, fwd)) != 0) {
			vg_err_set(err, VG_EUSAGE, _("--resolver « %s » : %s"), opt->resolver,
			           ub_strerror(rc));
			goto fail;
		}
	} else if ((rc = ub_ctx_resolvconf(ctx, NULL)) != 0) {
		vg_err_set(
		    err, VG_ESYS,
		    _("lecture des résolveurs du système (/etc/resolv.conf) impossible : %s ; "
		      "donnez-en un avec --resolver ADRESSE"),
		    ub_strerror(rc));
		goto fail;
	}
	if (ta != NULL && (rc = ub_ctx_add_ta_file(ctx, ta)) != 0) {
		vg_err_set(err, VG_EINPUT,
		           _("%s : ce n'est pas un fichier d'ancre de confiance (lignes DS ou "
		             "DNSKEY) : %s"),
		           ta, ub_strerror(rc));
		goto fail;
	}
	return ctx;
fail:
	ub_ctx_delete(ctx);
	return NULL;
}

/* Sets up the run's resolver contexts: one per DNS_CTX_DOMAINS domains, up to one per
 * processor and DNS_MAX_CTX, so that DNSSEC validation (the run's CPU work) uses them all. */
static int dns_setup(struct dns_run *run, const struct dns_options *opt, size_t ndomains,
                     struct vg_err *err)
{
	const char *ta = opt->trust_anchor;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	struct sockaddr_storage sa;
	socklen_t salen;

	run->nctx = (ndomains + DNS_CTX_DOMAINS - 1) / DNS_CTX_DOMAINS;
	if (cpus > 0 && run->nctx > (size_t)cpus)
		run->nctx = (size_t)cpus;
	if (run->nctx > DNS_MAX_CTX)
		run->nctx = DNS_MAX_CTX;
	if (run->nctx == 0)
		run->nctx = 1;
	if (opt->resolver != NULL && dns_resolver_addr(opt->resolver, &sa, &salen, err) != 0)
		return -1;
	if (ta == NULL && access(DNS_ROOT_KEY, R_OK) == 0)
		ta = DNS_ROOT_KEY;
	if (ta != NULL) {
		if (access(ta, R_OK) != 0)
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : lecture de l'ancre de confiance impossible : %s"),
			                  ta, strerror(errno));
		run->anchored = true;
		run->ta = ta;
	}
	run->log = open_memstream(&run->logbuf, &run->loglen);
	if (run->log == NULL)
		return vg_err_set(err, VG_ESYS, "%s",
		                  _("journal du résolveur DNS impossible à préparer"));
	for (size_t i = 0; i < run->nctx; i++)
		if ((run->ctx[i] = dns_ctx_new(run, opt, ta, err)) == NULL)
			return -1;
	return 0;
}

/* The first error libunbound logged ("parse error in FILE:2:7 : ..."), or "". */
static const char *dns_log_error(struct dns_run *run, char *out, size_t size)
{
	const char *e;

	out[0] = '\0';
	if (run->log == NULL || fflush(run->log) != 0 || run->logbuf == NULL)
		return out;
	e = strstr(run->logbuf, "error: ");
	if (e != NULL)
		snprintf(out, size, "%.*s", (int)strcspn(e + 7, "\n"), e + 7);
	return out;
}

static void dns_judge(struct dns_dom *dom, const struct dns_options *opt, int timeout_ms);

/* One MTA-STS policy fetch, run in a thread of its own. */
struct dns_sts_job {
	struct dns_dom *dom;
	unsigned port;
	void *tls;
	int timeout_ms;
	char *body;
	size_t len;
	int rc;
};

static void *dns_sts_thread(void *arg)
{
	struct dns_sts_job *j = arg;

	j->rc = j->tls == NULL ? -1
	                       : dns_sts_fetch(j->tls, j->dom->r->domain, j->dom->sts_addr, j->port,
	                                       j->timeout_ms, &j->body, &j->len, j->dom->sts_why);
	return NULL;
}

/* Judges what a policy fetch brought. */
static void dns_sts_judge(struct dns_dom *dom, const struct dns_sts_job *j)
{
	struct dns_report *r = dom->r;

	if (dom->sts_addr[0] == '\0') {
		dns_add(r, "mta_sts_invalid", "mta-sts.%s: %s", r->domain,
		        dom->st[DQ_STS_HOST] == DQS_DATA || dom->st[DQ_STS_HOST] == DQS_NODATA
		            ? "no IPv4 address"
		            : "the name does not resolve");
		return;
	}
	if (j->rc != 0) {
		dns_add(r, "mta_sts_invalid", "https://mta-sts.%s: %s", r->domain, dom->sts_why);
		return;
	}
	if (dnsrec_sts_policy_parse(j->body, j->len, &dom->sts_policy) != 0) {
		dns_add(r, "mta_sts_invalid", "policy: %s", dom->sts_policy.error);
		return;
	}
	dns_copy(r->sts_mode, sizeof r->sts_mode, dom->sts_policy.mode);
	if (strcmp(dom->sts_policy.mode, "enforce") != 0)
		dns_add(r, "mta_sts_testing", "mode: %s", dom->sts_policy.mode);
	if (strcmp(dom->sts_policy.mode, "none") == 0)
		return;
	for (size_t m = 0; m < r->nmx; m++) {
		bool ok = false;

		for (size_t k = 0; k < dom->sts_policy.nmx && !ok; k++)
			ok = dnsrec_sts_mx_match(dom->sts_policy.mx[k], r->mx[m]);
		if (!ok) {
			dns_add(r, "mta_sts_mx_mismatch", "MX %s", r->mx[m]);
			return;
		}
	}
}

/* The TLS context of the run's policy fetches, made at the first one (NULL when it cannot
 * be made: run->sts_tls_why says why). */
static void *dns_sts_tls(struct dns_run *run)
{
	if (!run->sts_tls_made) {
		run->sts_tls = dns_sts_ctx_new(run->sts_ca, run->sts_tls_why);
		run->sts_tls_made = true;
	}
	return run->sts_tls;
}

/* Prepares the policy fetch of dom (its job: run->jobs[dom - run->doms]). */
static struct dns_sts_job *dns_sts_job_of(struct dns_run *run, struct dns_dom *dom)
{
	struct dns_sts_job *j = &run->jobs[dom - run->doms];

	j->dom = dom;
	j->port = run->sts_port;
	j->timeout_ms = run->sts_timeout;
	j->rc = -1;
	j->tls = dns_sts_tls(run);
	if (j->tls == NULL)
		dns_copy(dom->sts_why, sizeof dom->sts_why, run->sts_tls_why);
	return j;
}

/* Starts the policy fetch of dom on a thread of its own, now that its address is known,
 * while the other lookups go on (up to DNS_STS_THREADS such threads; the others wait for
 * dns_sts_all). Called from the resolver's callbacks, on the run's thread. */
static void dns_sts_start(struct dns_run *run, struct dns_dom *dom)
{
	struct dns_sts_job *j;

	if (run->jobs == NULL || run->nearly >= DNS_STS_THREADS || dom->sts_early)
		return;
	j = dns_sts_job_of(run, dom);
	if (j->tls == NULL)
		return;
	if (pthread_create(&dom->sts_tid, NULL, dns_sts_thread, j) == 0) {
		dom->sts_early = true;
		run->nearly++;
	}
}

/* Waits for the fetches started early. */
static void dns_sts_join(struct dns_run *run, size_t n)
{
	for (size_t i = 0; run->doms != NULL && i < n; i++)
		if (run->doms[i].sts_early) {
			pthread_join(run->doms[i].sts_tid, NULL);
			run->doms[i].sts_early = false;
		}
}

/* Fetches the MTA-STS policies of the domains that publish a valid record and were not
 * fetched early, up to DNS_STS_THREADS at a time, waits for those fetched early, and judges
 * them all. */
static void dns_sts_all(struct dns_run *run, size_t n)
{
	pthread_t tids[DNS_STS_THREADS];
	bool started[DNS_STS_THREADS];
	size_t next = 0;

	while (next < n) {
		size_t batch = 0;

		for (; next < n && batch < DNS_STS_THREADS; next++) {
			struct dns_dom *dom = &run->doms[next];
			struct dns_sts_job *j;

			if (dom->sts_early || dom->r->error_code != NULL ||
			    dom->r->mta_sts[0] == '\0' || dom->sts_bad || dom->sts_addr[0] == '\0')
				continue;
			j = dns_sts_job_of(run, dom);
			started[batch] = pthread_create(&tids[batch], NULL, dns_sts_thread, j) == 0;
			if (!started[batch])
				dns_sts_thread(j); /* no thread: fetch it here */
			batch++;
		}
		for (size_t b = 0; b < batch; b++)
			if (started[b])
				pthread_join(tids[b], NULL);
	}
	dns_sts_join(run, n);
	for (size_t i = 0; i < n; i++) {
		struct dns_dom *dom = &run->doms[i];

		if (dom->r->error_code == NULL && dom->r->mta_sts[0] != '\0' && !dom->sts_bad)
			dns_sts_judge(dom, &run->jobs[i]);
	}
}

/* The STARTTLS probes of the run's mail servers, on a thread of their own while the MTA-STS
 * policies are fetched: one probe per distinct name and address, whatever the domains
 * that share it (communes of one host share its mail servers). */
struct dns_tls_run {
	struct tls_target *t;
	struct tls_report *rep;
	size_t n;
	int (*idx)[DNS_MX_PROBED]; /* per domain, per mail server: its probe, or -1 */
	struct tls_options opt;
	int rc;
	struct vg_err err;
	pthread_t tid;
	bool started;
};

static void *dns_tls_thread(void *arg)
{
	struct dns_tls_run *tr = arg;

	tr->rc = tr->n > 0 ? tls_probe_endpoints(tr->t, tr->n, &tr->opt, tr->rep, &tr->err) : 0;
	return NULL;
}

/* Lists the mail servers to probe and starts the probes (or runs them here when no thread
 * can be made). */
static void dns_tls_start(struct dns_run *run, size_t n, unsigned port, int timeout_ms,
                          const char *ca, struct dns_tls_run *tr)
{
	memset(tr, 0, sizeof *tr);
	tr->t = vg_calloc(n * DNS_MX_PROBED + 1, sizeof *tr->t);
	tr->idx = vg_calloc(n + 1, sizeof *tr->idx);
	for (size_t i = 0; i < n; i++) {
		struct dns_report *r = run->doms[i].r;

		for (size_t m = 0; m < DNS_MX_PROBED; m++) {
			tr->idx[i][m] = -1;
			if (r->error_code != NULL || m >= r->nmx || r->mx_addr[m][0] == '\0')
				continue;
			for (size_t k = 0; k < tr->n && tr->idx[i][m] < 0; k++)
				if (strcmp(tr->t[k].host, r->mx[m]) == 0 &&
				    strcmp(tr->t[k].address, r->mx_addr[m]) == 0)
					tr->idx[i][m] = (int)k;
			if (tr->idx[i][m] < 0) {
				tr->t[tr->n] = (struct tls_target){
				    r->mx[m], (uint16_t)port, TLS_STARTTLS_SMTP, r->mx_addr[m]};
				tr->idx[i][m] = (int)tr->n++;
			}
		}
	}
	tr->rep = vg_calloc(tr->n + 1, sizeof *tr->rep);
	tr->opt.timeout_ms = timeout_ms;
	tr->opt.ca_file = ca;
	tr->started = pthread_create(&tr->tid, NULL, dns_tls_thread, tr) == 0;
	if (!tr->started)
		dns_tls_thread(tr);
}

/* What the probe of mail server m of r saw, as findings of r. */
static void dns_tls_judge(struct dns_report *r, size_t m, const struct tls_report *p)
{
	char where[DNSREC_NAME_MAX + 96];
	size_t len = 0;

	snprintf(where, sizeof where, "MX %s (%s:%u)", r->mx[m], r->mx_addr[m], (unsigned)p->port);
	if (p->error_code != NULL) {
		/* It answered, but no TLS could be started: mail to it travels in clear. */
		bool clear = strcmp(p->error_code, "starttls_failed") == 0 ||
		             strcmp(p->error_code, "not_tls") == 0 ||
		             strcmp(p->error_code, "connection_closed") == 0 ||
		             strcmp(p->error_code, "handshake_failed") == 0;

		dns_copy(r->mx_tls[m], sizeof r->mx_tls[m], p->error_code);
		dns_add(r, clear ? "starttls_missing" : "starttls_unreachable", "%s: %s", where,
		        p->error_en);
		return;
	}
	for (int v = TLS_V10; v < TLS_NVERSIONS; v++)
		if (p->accepted[v] && len + 12 < sizeof r->mx_tls[m])
			len += (size_t)snprintf(r->mx_tls[m] + len, sizeof r->mx_tls[m] - len,
			                        "%s%s", len ? ", " : "",
			                        tls_version_name((enum tls_version)v));
	for (size_t k = 0; k < p->nfindings; k++) {
		const struct tls_finding *tf = &p->findings[k];
		struct dns_finding *f;

		r->findings = vg_reallocarray(r->findings, r->nfindings + 1, sizeof *r->findings);
		f = &r->findings[r->nfindings++];
		memset(f, 0, sizeof *f);
		f->code = tf->code;
		f->aspect = DNS_ASPECT_STARTTLS;
		f->severity = (enum dns_severity)tf->severity;
		f->cap = tls_severity_cap(tf->severity);
		f->fr = tf->fr;
		f->en = tf->en;
		dns_copy(f->detail, sizeof f->detail, where);
		if (tf->detail[0] != '\0') {
			dns_list_add(f->detail, sizeof f->detail, "", ": ");
			dns_list_add(f->detail, sizeof f->detail, "", tf->detail);
		}
	}
}

/* Waits for the probes and turns them into findings. */
static void dns_tls_finish(struct dns_run *run, size_t n, struct dns_tls_run *tr)
{
	if (tr->started)
		pthread_join(tr->tid, NULL);
	tr->started = false;
	for (size_t i = 0; tr->rc == 0 && i < n; i++)
		for (size_t m = 0; m < DNS_MX_PROBED; m++)
			if (tr->idx[i][m] >= 0)
				dns_tls_judge(run->doms[i].r, m, &tr->rep[tr->idx[i][m]]);
	for (size_t k = 0; k < tr->n; k++)
		tls_report_free(&tr->rep[k]);
	free(tr->rep);
	free(tr->t);
	free(tr->idx);
}

_Static_assert((int)DNS_SEV_HIGH == (int)TLS_SEV_HIGH && (int)DNS_SEV_LOW == (int)TLS_SEV_LOW &&
                   (int)DNS_SEV_MEDIUM == (int)TLS_SEV_MEDIUM,
               "the STARTTLS findings keep the TLS prober's severities");

int dns_check_domains(const char *const *domains, size_t n, const struct dns_options *opt,
                      struct dns_report *out, struct vg_err *err)
{
	struct dns_run run = {0};
	int timeout = opt->timeout_ms > 0 ? opt->timeout_ms : DNS_DEFAULT_TIMEOUT;
	struct pollfd pfd[DNS_MAX_CTX + DNS_MAX_RESOLVERS];
	size_t nwatch = 0, refused = 0, nres = 0;
	char resolvers[DNS_MAX_RESOLVERS][64];
	double start = dns_now_ms(), deadline = start + timeout;
	bool unreachable = false, timed_out = false;
	unsigned https_port = opt->https_port;
	int rc = -1;

	if (n > DNS_MAX_DOMAINS)
		return vg_err_set(err, VG_EUSAGE, _("au plus %d domaines à la fois"),
		                  DNS_MAX_DOMAINS);
	memset(out, 0, n * sizeof *out);
	for (size_t i = 0; i < n; i++)
		if (dns_domain_normalise(domains[i], out[i].domain, err) != 0)
			return -1;
	if (dns_setup(&run, opt, n, err) != 0)
		goto done;
	run.selectors = opt->selectors ? opt->selectors : dns_default_selectors;
	run.nselectors = opt->selectors
	                     ? opt->nselectors
	                     : sizeof dns_default_selectors / sizeof *dns_default_selectors;
	if (run.nselectors > DNS_MAX_SELECTORS)
		run.nselectors = DNS_MAX_SELECTORS;
	run.dkim_staged = opt->selectors == NULL && run.nselectors > DNS_DKIM_FIRST;
	run.starttls = !opt->no_starttls;
	/* Watch the resolvers for "connection refused". */
	if (opt->resolver != NULL) {
		snprintf(resolvers[0], sizeof resolvers[0], "%s", opt->resolver);
		nres = 1;
	} else {
		nres = dns_system_resolvers(resolvers, DNS_MAX_RESOLVERS);
	}
	for (size_t i = 0; i < nres; i++) {
		struct sockaddr_storage sa;
		socklen_t salen;
		int fd;

		if (dns_resolver_addr(resolvers[i], &sa, &salen, NULL) != 0 ||
		    (fd = dns_watch_open(&sa, salen)) < 0) {
			for (size_t k = 0; k < nwatch; k++)
				close(pfd[run.nctx + k].fd);
			nwatch = 0;
			break; /* cannot watch them all: watch none */
		}
		pfd[run.nctx + nwatch].fd = fd;
		pfd[run.nctx + nwatch].events = POLLIN;
		nwatch++;
	}
	run.doms = vg_calloc(n + 1, sizeof *run.doms);
	/* MTA-STS policies: tests serve them on a free port. */
	if (https_port == 0 && getenv("VIGIE_TEST_MTA_STS_PORT") != NULL)
		https_port = (unsigned)strtoul(getenv("VIGIE_TEST_MTA_STS_PORT"), NULL, 10);
	run.jobs = vg_calloc(n + 1, sizeof *run.jobs);
	run.sts_port = https_port;
	run.sts_ca = opt->ca_file;
	run.sts_timeout = timeout;
	for (size_t i = 0; i < n; i++) {
		struct dns_dom *dom = &run.doms[i];
		const char *d = out[i].domain;
		char name[DNSREC_NAME_MAX + 80];

		dom->r = &out[i];
		dom->ci = i % run.nctx;
		out[i].verdict = DNS_VERDICT_ERROR;
		dns_ask(&run, dom, DQ_MX, d, RR_MX);
		dns_ask(&run, dom, DQ_TXT, d, RR_TXT);
		snprintf(name, sizeof name, "_dmarc.%s", d);
		dns_ask(&run, dom, DQ_DMARC, name, RR_TXT);
		snprintf(name, sizeof name, "_mta-sts.%s", d);
		dns_ask(&run, dom, DQ_STS, name, RR_TXT);
		snprintf(name, sizeof name, "_smtp._tls.%s", d);
		dns_ask(&run, dom, DQ_TLSRPT, name, RR_TXT);
		dns_ask(&run, dom, DQ_CAA, d, RR_CAA);
		dns_ask(&run, dom, DQ_DNSKEY, d, RR_DNSKEY);
		if (run.dkim_staged) {
			dom->dkim_first_left = DNS_DKIM_FIRST + 1;
			snprintf(name, sizeof name, "_domainkey.%s", d);
			dns_ask(&run, dom, DQ_DKIM_BASE, name, RR_TXT);
			dns_dkim_ask(&run, dom, 0, DNS_DKIM_FIRST);
		} else {
			dns_dkim_ask(&run, dom, 0, run.nselectors);
		}
	}
	if (run.start_rc != 0) {
		char why[300];

		dns_log_error(&run, why, sizeof why);
		if (run.ta != NULL)
			vg_err_set(err, VG_EINPUT,
			           _("%s : ce n'est pas un fichier d'ancre de confiance (lignes DS "
			             "ou DNSKEY) : %s"),
			           run.ta, why[0] ? why : ub_strerror(run.start_rc));
		else
			vg_err_set(err, VG_ESYS, _("démarrage du résolveur DNS impossible : %s"),
			           why[0] ? why : ub_strerror(run.start_rc));
		goto done;
	}
	for (size_t c = 0; c < run.nctx; c++) {
		pfd[c].fd = ub_fd(run.ctx[c]);
		pfd[c].events = POLLIN;
	}
	while (run.outstanding > 0) {
		double left = deadline - dns_now_ms();
		int pr;

		if (left <= 0) {
			timed_out = true;
			break;
		}
		pr = poll(pfd, run.nctx + nwatch, (int)left + 1);
		if (pr < 0 && errno != EINTR) {
			vg_err_set(err, VG_ESYS, "poll: %s", strerror(errno));
			goto done;
		}
		if (pr <= 0)
			continue;
		for (size_t i = run.nctx; i < run.nctx + nwatch; i++) {
			char buf[512];

			if (pfd[i].fd < 0 || pfd[i].revents == 0)
				continue;
			if (recv(pfd[i].fd, buf, sizeof buf, 0) < 0 && errno == ECONNREFUSED)
				refused++;
			close(pfd[i].fd);
			pfd[i].fd = -1; /* poll ignores negative descriptors */
		}
		if (nwatch > 0 && refused == nwatch) {
			unreachable = true;
			break;
		}
		for (size_t c = 0; c < run.nctx; c++)
			if (pfd[c].revents != 0 && ub_process(run.ctx[c]) != 0) {
				vg_err_set(err, VG_ESYS, "%s",
				           _("le résolveur DNS a cessé de fonctionner"));
				goto done;
			}
	}
	for (size_t i = 0; i < run.nq; i++) {
		struct dns_query *q = run.q[i];

		if (q->done)
			continue;
		ub_cancel(run.ctx[q->dom->ci], q->async_id);
		q->done = true;
		if (q->dom->st[q->kind] == DQS_PENDING || q->kind == DQ_DKIM ||
		    q->kind == DQ_SPF_FOLLOW)
			q->dom->st[q->kind] = DQS_FAILED;
	}
	for (size_t i = 0; i < n; i++) {
		struct dns_dom *dom = &run.doms[i];

		out[i].elapsed_ms = dns_now_ms() - start;
		if (unreachable) {
			char fr[640], en[640];

			snprintf(
			    fr, sizeof fr,
			    "Le résolveur DNS (%s) refuse les connexions : rien n'écoute à cette "
			    "adresse ; vérifiez l'adresse donnée à --resolver ou le réseau.",
			    resolvers[0]);
			snprintf(
			    en, sizeof en,
			    "The DNS resolver (%s) refuses connections: nothing listens at that "
			    "address; check the address given to --resolver or the network.",
			    resolvers[0]);
			dns_set_error(&out[i], "resolver_unreachable", fr, en);
			continue;
		}
		dns_judge(dom, opt, timed_out ? timeout : 0);
	}
	/* The mail servers' STARTTLS and the MTA-STS policies not fetched yet, at the same
	 * time, once every lookup is over. */
	if (!unreachable) {
		struct dns_tls_run tr;
		unsigned smtp_port = opt->smtp_port;

		if (smtp_port == 0 && getenv("VIGIE_TEST_SMTP_PORT") != NULL)
			smtp_port = (unsigned)strtoul(getenv("VIGIE_TEST_SMTP_PORT"), NULL, 10);
		if (smtp_port == 0 || smtp_port > 65535)
			smtp_port = 25;
		if (run.starttls)
			dns_tls_start(&run, n, smtp_port, timeout, opt->ca_file, &tr);
		dns_sts_all(&run, n);
		if (run.starttls)
			dns_tls_finish(&run, n, &tr);
	}
	for (size_t i = 0; i < n; i++) {
		struct dns_report *r = &out[i];

		if (r->error_code != NULL) {
			r->verdict = DNS_VERDICT_ERROR;
			continue;
		}
		r->verdict = DNS_VERDICT_PASS;
		for (size_t k = 0; k < r->nfindings; k++) {
			enum dns_severity s = r->findings[k].severity;

			if (s == DNS_SEV_HIGH)
				r->verdict = DNS_VERDICT_FAIL;
			else if (s != DNS_SEV_INFO && r->verdict == DNS_VERDICT_PASS)
				r->verdict = DNS_VERDICT_WARN;
		}
		if (r->failed[0] != '\0' && r->verdict == DNS_VERDICT_PASS)
			r->verdict = DNS_VERDICT_WARN;
	}
	rc = 0;
done:
	dns_sts_join(&run, n);
	for (size_t i = 0; run.jobs != NULL && i < n; i++)
		free(run.jobs[i].body);
	free(run.jobs);
	dns_sts_ctx_free(run.sts_tls);
	for (size_t i = run.nctx; i < run.nctx + nwatch; i++)
		if (pfd[i].fd >= 0)
			close(pfd[i].fd);
	for (size_t c = 0; c < run.nctx; c++)
		if (run.ctx[c] != NULL)
			ub_ctx_delete(run.ctx[c]);
	if (run.log != NULL)
		fclose(run.log);
	free(run.logbuf);
	for (size_t i = 0; i < run.nq; i++)
		free(run.q[i]);
	free(run.q);
	free(run.doms);
	if (rc != 0)
		for (size_t i = 0; i < n; i++)
			dns_report_free(&out[i]);
	return rc;
}

/* True when the lookup of kind ended with an answer (data or none). */
static bool dns_known(const struct dns_dom *dom, enum dq_kind kind)
{
	return dom->st[kind] == DQS_DATA || dom->st[kind] == DQS_NODATA ||
	       dom->st[kind] == DQS_NXDOMAIN;
}

/* Turns what the lookups saw into the report's error or findings. */
static void dns_judge(struct dns_dom *dom, const struct dns_options *opt, int timed_out_ms)
{
	struct dns_report *r = dom->r;
	static const enum dq_kind base[] = {DQ_MX,     DQ_TXT, DQ_DMARC, DQ_STS,
	                                    DQ_TLSRPT, DQ_CAA, DQ_DNSKEY};
	size_t nbase = sizeof base / sizeof base[0], answered = 0;

	(void)opt;
	for (size_t i = 0; i < nbase; i++) {
		answered += dns_known(dom, base[i]);
	}
	if (dom->any_bogus) {
		r->dnssec = DNS_DNSSEC_BOGUS;
		dns_add(r, "dnssec_bogus", "%s", r->dnssec_why);
	}
	if (answered == 0 && !dom->any_bogus) {
		char fr[640], en[640];

		if (timed_out_ms > 0) {
			snprintf(
			    fr, sizeof fr,
			    "Aucune réponse DNS pour %s en %d ms : le résolveur ou les serveurs "
			    "du domaine ne répondent pas ; réessayez plus tard ou vérifiez le "
			    "réseau.",
			    r->domain, timed_out_ms);
			snprintf(en, sizeof en,
			         "No DNS answer for %s within %d ms: the resolver or the domain's "
			         "servers do not answer; try again later or check the network.",
			         r->domain, timed_out_ms);
			dns_set_error(r, "timeout", fr, en);
		} else if (dom->rcode_failed == 2 || dom->rcode_failed == 5) {
			const char *what = dom->rcode_failed == 2 ? "SERVFAIL" : "REFUSED";

			snprintf(
			    fr, sizeof fr,
			    "Le résolveur DNS a répondu %s pour %s : les serveurs DNS du domaine "
			    "sont en panne, mal configurés ou ne le servent pas ; demandez à "
			    "l'hébergeur du domaine de vérifier sa zone.",
			    what, r->domain);
			snprintf(
			    en, sizeof en,
			    "The DNS resolver answered %s for %s: the domain's DNS servers are "
			    "down, misconfigured or do not serve it; ask the domain's host to "
			    "check its zone.",
			    what, r->domain);
			dns_set_error(r, dom->rcode_failed == 2 ? "servfail" : "refused", fr, en);
		} else {
			snprintf(
			    fr, sizeof fr,
			    "Le résolveur DNS n'a pas pu répondre pour %s ; vérifiez le réseau "
			    "et le résolveur.",
			    r->domain);
			snprintf(en, sizeof en,
			         "The DNS resolver could not answer for %s; check the network and "
			         "the resolver.",
			         r->domain);
			dns_set_error(r, "resolver_error", fr, en);
		}
		return;
	}
	if (dom->st[DQ_MX] == DQS_NXDOMAIN && dom->st[DQ_TXT] == DQS_NXDOMAIN &&
	    dom->st[DQ_DNSKEY] == DQS_NXDOMAIN) {
		char fr[640], en[640];

		snprintf(fr, sizeof fr,
		         "Le domaine %s n'existe pas dans le DNS : vérifiez son orthographe, ou "
		         "demandez au bureau d'enregistrement s'il a expiré.",
		         r->domain);
		snprintf(en, sizeof en,
		         "The domain %s does not exist in the DNS: check its spelling, or ask the "
		         "registrar whether it has expired.",
		         r->domain);
		dns_set_error(r, "nxdomain", fr, en);
		return;
	}
	for (int k = 0; k < DQ_NKINDS; k++)
		if (dom->st[k] == DQS_FAILED || (dom->st[k] == DQS_BOGUS && k != DQ_DNSKEY))
			dns_list_add(r->failed, sizeof r->failed, ", ", dq_label[k]);
	/* MX */
	if (dom->st[DQ_MX] == DQS_NODATA || dom->st[DQ_MX] == DQS_NXDOMAIN)
		dns_add(r, "mx_missing", "%s", "");
	/* SPF */
	if (dns_known(dom, DQ_TXT)) {
		struct dnsrec_spf spf;

		if (dom->spf_multiple)
			dns_add(r, "spf_multiple", "%s", r->spf);
		else if (r->spf[0] == '\0')
			dns_add(r, "spf_missing", "%s", "");
		else if (dom->spf_bad)
			dns_add(r, "spf_syntax", "%s: %s", dom->spf_error, r->spf);
		else if (dnsrec_spf_parse(r->spf, &spf) == 0) {
			if (r->spf_lookups > 10)
				dns_add(r, "spf_too_many_lookups", "%d lookups: %s", r->spf_lookups,
				        r->spf);
			if (dom->spf_missing_include)
				dns_add(r, "spf_include_missing", "%s", dom->spf_missing_name);
			if (spf.all == '+')
				dns_add(r, "spf_plus_all", "%s", r->spf);
			else if (spf.all == '?' || (spf.all == 0 && spf.redirect[0] == '\0'))
				dns_add(r, "spf_neutral_all", "%s", r->spf);
			else if (spf.all == '~')
				dns_add(r, "spf_softfail", "%s", r->spf);
		}
	}
	/* DMARC */
	if (dns_known(dom, DQ_DMARC)) {
		if (dom->dmarc_multiple)
			dns_add(r, "dmarc_multiple", "%s", r->dmarc);
		else if (r->dmarc[0] == '\0')
			dns_add(r, "dmarc_missing", "%s", "");
		else if (dom->dmarc_bad)
			dns_add(r, "dmarc_syntax", "%s: %s", dom->dmarc_error, r->dmarc);
		else {
			if (strcmp(dom->dmarc.p, "none") == 0)
				dns_add(r, "dmarc_none", "%s", r->dmarc);
			else if (dom->dmarc.pct < 100)
				dns_add(r, "dmarc_pct", "pct=%d", dom->dmarc.pct);
			if (!dom->dmarc.has_rua)
				dns_add(r, "dmarc_no_rua", "%s", r->dmarc);
		}
	}
	/* DKIM: found under a selector, or "not found" (never "absent"). */
	if (r->dkim[0] == '\0' && dom->st[DQ_DKIM] != DQS_FAILED && dom->st[DQ_DKIM] != DQS_BOGUS)
		dns_add(r, "dkim_not_found", "%s", r->dkim_tried);
	/* DNSSEC */
	if (!dom->any_bogus) {
		if (dom->st[DQ_DNSKEY] == DQS_NODATA || dom->st[DQ_DNSKEY] == DQS_NXDOMAIN) {
			r->dnssec = DNS_DNSSEC_UNSIGNED;
			dns_add(r, "dnssec_unsigned", "%s", "");
		} else if (r->dnssec == DNS_DNSSEC_INSECURE) {
			dns_add(r, "dnssec_no_chain", "%s", "");
		} else if (r->dnssec == DNS_DNSSEC_NO_ANCHOR) {
			dns_add(r, "dnssec_unverified", "%s", "");
		}
	}
	/* MTA-STS and TLS-RPT (the policy is fetched once the lookups are over) */
	if (dns_known(dom, DQ_STS)) {
		if (dom->sts_bad)
			dns_add(r, "mta_sts_invalid", "%s: %s", dom->sts_error, r->mta_sts);
		else if (r->mta_sts[0] == '\0')
			dns_add(r, "mta_sts_missing", "%s", "");
	}
	if (dns_known(dom, DQ_TLSRPT)) {
		if (dom->tlsrpt_bad)
			dns_add(r, "tlsrpt_invalid", "%s: %s", dom->tlsrpt_error, r->tlsrpt);
		else if (r->tlsrpt[0] == '\0')
			dns_add(r, "tlsrpt_missing", "%s", "");
	}
	/* CAA (a CAA at a parent domain also counts, but is not looked for) */
	if (dns_known(dom, DQ_CAA) && r->caa[0] == '\0')
		dns_add(r, "caa_missing", "%s", "");
}

void dns_report_free(struct dns_report *r)
{
	free(r->findings);
	memset(r, 0, sizeof *r);
}
