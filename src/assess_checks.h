/* assess_checks: runs the checks of a check profile that inform a questionnaire's questions
 * and hands their results over as scoring evidence (for vigie assess and vigie score). */
#ifndef VIGIE_ASSESS_CHECKS_H
#define VIGIE_ASSESS_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

/* The TLS endpoints the assessment probes, as the user typed them (docs/assess.md). */
struct assess_tls {
	const char *site;    /* website: host[:port] (443 by default), or NULL */
	const char *mail;    /* mail server: a host alone (ports 587 and 993 are probed),
	                      * host:port, or smtp://, imap://, pop3:// host[:port]; or NULL */
	const char *ca_file; /* trust only the CAs of this PEM file; NULL: the system store */
	/* The commune's domain, looked at from outside (assess_dns_run) after the probes, or
	 * NULL; with the resolver (ADDR[@PORT], NULL: the system's) and trust anchor (NULL:
	 * Debian's root key) to do it with. */
	const char *domain;
	const char *resolver;
	const char *trust_anchor;
};

/* The reason of a check the user interrupted (evidence with status skipped). */
#define ASSESS_NOT_RUN_FR "interrompue : non faite, elle ne compte pas dans le résultat"
#define ASSESS_NOT_RUN_EN "interrupted: not run, it does not count in the result"

/* What a run reports while it runs (the same members as struct tui_progress). */
struct assess_progress {
	/* A step starts: a check's title (in the run's language), or "" when all are done;
	 * done of total. */
	void (*step)(void *arg, size_t done, size_t total, const char *what);
	/* Within a tree scan, at least every 250 ms: entries examined and the top directory;
	 * false interrupts the run. May be NULL. */
	bool (*scan)(void *arg, size_t examined, const char *where);
	/* True once the run is to be interrupted; polled between steps. May be NULL. */
	bool (*stopped)(void *arg);
	void *arg;
};

/* How many checks of the profile (a file or embedded name; NULL: the embedded default)
 * inform at least one question of q; 0 when none does or the profile cannot be loaded. */
size_t assess_checks_count(const struct vg_questionnaire *q, const char *profile);

/* Runs, on root (audited as if it were /; NULL: no profile check runs), the checks of the
 * profile that inform a question of q, then probes the endpoints of tls (may be NULL) and
 * looks at its domain (assess_dns_run), in
 * language lang; as (may be NULL) holds the answers so far; *ev (nev entries, NULL when none)
 * is freed with assess_checks_free. A check that cannot run is evidence with status error
 * whose reason says why; once pg interrupts the run, the check running and those left are
 * evidence with status skipped saying they were not run. The reasons of TLS evidence list
 * the findings gravest first, one per line. -1 only when the profile cannot be loaded,
 * root cannot be opened, a target does not parse, the CA file cannot be read, or the
 * domain, resolver or trust anchor is bad. */
int assess_checks_run(const struct vg_questionnaire *q, const struct vg_answers *as,
                      const char *profile, const char *root, const struct assess_tls *tls,
                      enum vg_lang lang, const struct assess_progress *pg, struct vg_evidence **ev,
                      size_t *nev, struct vg_err *err);

/* The title of a check the assessment runs (TLS, or a check of an embedded profile), to show
 * instead of its id; NULL when id is none of them. Static or embedded memory. */
const struct vg_text *assess_checks_title(const char *id);

/* Frees what assess_checks_run returned; NULL is fine. */
void assess_checks_free(struct vg_evidence *ev, size_t nev);

#endif

/* The domain check in the assessment (docs/dns-check.md): what to look at and with what. */
struct assess_dns {
	const char *domain;       /* the commune's domain, e.g. mairie-exemple.fr */
	const char *resolver;     /* ADDR[@PORT]; NULL: the system's */
	const char *trust_anchor; /* NULL: Debian's root key */
	const char *ca_file;      /* CAs for the MTA-STS policy; NULL: the system store */
	int timeout_ms;           /* 0: 5000 */
};

#define ASSESS_DNS_MAX 4 /* evidence items assess_dns_run gives at most */

/* Guesses the commune's domain from the addresses the checks step asks for, to pre-fill the
 * question: the part after '@' of an e-mail address, else the website's host without a
 * leading "www.", else the mail host without a leading "mail.", "smtp.", "imap.", "mx."...
 * Writes it into out (size >= 256); returns 0, or -1 when none gives a domain. */
int assess_dns_guess(const char *site, const char *mail, char *out, size_t size);

/* Looks at dns->domain (mail_dns) and fills ev[0..*n) (ev has ASSESS_DNS_MAX entries) with
 * the evidence for the questions of q it informs: dns.spf_dkim_dmarc (SPF, DMARC, DKIM:
 * messagerie_web.spf_dkim_dmarc, capped by the worst finding: high 0, medium 1, low 2),
 * dns.mta_sts (MTA-STS, TLS-RPT: messagerie_web.messagerie_tls, cap 1 at most severe),
 * dns.starttls (the mail servers' STARTTLS: messagerie_web.messagerie_tls, capped as TLS
 * evidence) and dns.dnssec (messagerie_web.nom_domaine, cap 2 at most severe). The reasons
 * give one finding a line, gravest first, with the mail server for STARTTLS. A domain that
 * cannot be
 * looked up gives evidence with status error (no cap). Reasons (fr/en) are heap strings
 * in texts[0..2*ASSESS_DNS_MAX), freed by the caller. -1 only for a bad domain, resolver
 * or trust anchor. */
int assess_dns_run(const struct vg_questionnaire *q, const struct assess_dns *dns,
                   enum vg_lang lang, struct vg_evidence *ev, size_t *n, char **texts,
                   struct vg_err *err);
