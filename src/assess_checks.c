/* assess_checks: the check engine seen from the assessment: which checks matter to a
 * questionnaire, and their results as evidence. */
#include "assess_checks.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/check.h"
#include "check/dns.h"
#include "check/tls.h"
#include "cli.h"

#define ASSESS_TLS_ROLES 2                                   /* the website, the mail server */
#define ASSESS_TLS_MAX   2                                   /* endpoints probed for one role */
#define ASSESS_NET       (ASSESS_TLS_ROLES + ASSESS_DNS_MAX) /* TLS and DNS evidence items */

/* One run: the evidence handed out is the flexible array at the end, so that
 * assess_checks_free finds the profile, results and texts it points into. */
struct assess_run {
	struct check_profile *p;
	struct check_result *res;
	size_t nres;
	char *texts[2 * ASSESS_NET]; /* reasons of the TLS and DNS evidence (fr, en) */
	struct vg_evidence ev[];
};

/* The questions TLS evidence informs, per role. */
static const char *assess_tls_site_informs[] = {"messagerie_web.site_https"};
static const char *assess_tls_mail_informs[] = {"messagerie_web.messagerie_tls"};

/* True when check c informs a question of q. */
static bool assess_checks_relevant(const struct vg_questionnaire *q, const struct check_def *c)
{
	for (size_t i = 0; i < c->ninforms; i++)
		if (model_find_question(q, c->informs[i]) != NULL)
			return true;
	return false;
}

/* Ids of the checks of p that inform q (array of p->nchecks, caller frees); *n of them. */
static const char **assess_checks_only(const struct vg_questionnaire *q,
                                       const struct check_profile *p, size_t *n)
{
	const char **only = vg_reallocarray(NULL, p->nchecks + 1, sizeof *only);

	*n = 0;
	for (size_t i = 0; i < p->nchecks; i++)
		if (assess_checks_relevant(q, &p->checks[i]))
			only[(*n)++] = p->checks[i].id;
	return only;
}

size_t assess_checks_count(const struct vg_questionnaire *q, const char *profile)
{
	struct check_profile *p = NULL;
	struct vg_err err = {0};
	const char **only;
	size_t n = 0;

	if (cli_load_profile(profile, &p, &err) != 0)
		return 0;
	only = assess_checks_only(q, p, &n);
	free(only);
	check_profile_free(p);
	return n;
}

/* Splits one role's target into the endpoints to probe (hosts point into buf, of size
 * ASSESS_TLS_MAX rows): a mail host given alone is probed on submission (587, STARTTLS)
 * and IMAPS (993); anything else is probed as given. Returns how many, or -1 with err. */
static int assess_tls_endpoints(const char *arg, bool mail, char (*buf)[256], struct tls_target *t,
                                struct vg_err *err)
{
	const char *colon = strrchr(arg, ':');
	bool bare;

	if (tls_parse_target(arg, buf[0], sizeof buf[0], &t[0], err) != 0)
		return -1;
	/* A host alone: no scheme and no port (no colon, or an IPv6 literal without brackets). */
	bare = strstr(arg, "://") == NULL &&
	       (colon == NULL || (arg[0] != '[' && strchr(arg, ':') != colon));
	if (!mail || !bare)
		return 1;
	t[0].port = 587;
	t[0].starttls = TLS_STARTTLS_SMTP;
	memcpy(buf[1], buf[0], sizeof buf[1]);
	t[1] = (struct tls_target){buf[1], 993, TLS_STARTTLS_NONE, NULL};
	return 2;
}

/* One line of a TLS reason: its weight (the finding's severity; TLS_SEV_INFO for an
 * endpoint that could not be probed, listed last) and its texts. */
struct assess_tls_line {
	enum tls_severity sev;
	int order;
	char *fr, *en;
};

/* Gravest first; in the order found among equals. */
static int assess_tls_line_cmp(const void *a, const void *b)
{
	const struct assess_tls_line *x = a, *y = b;

	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/*
 * Turns the reports of one role into evidence, with the cap rules of check results
 * (docs/check-format.md): any high finding fails and caps at 0, a medium one fails and
 * caps at 1, a low one warns; an endpoint that could not be probed is named in the reason,
 * and is an error (no cap) when no endpoint of the role could be probed. The reason has
 * one line per finding, gravest first, then the endpoints that could not be probed.
 */
static void assess_tls_evidence(const struct tls_report *r, size_t n, const char *id,
                                const char **informs, struct vg_evidence *e, char **fr, char **en)
{
	enum tls_severity worst = TLS_SEV_INFO;
	struct assess_tls_line *lines = NULL;
	size_t nl = 0, cap = 0, probed = 0;
	struct vg_buf bf, be;

	for (size_t i = 0; i < n; i++) {
		size_t need = nl + (r[i].error_code != NULL ? 1 : r[i].nfindings);

		if (need > cap) {
			cap = need * 2;
			lines = vg_reallocarray(lines, cap, sizeof *lines);
		}
		if (r[i].error_code != NULL) {
			lines[nl] = (struct assess_tls_line){
			    TLS_SEV_INFO, (int)nl,
			    vg_asprintf("%s:%u : %s", r[i].host, (unsigned)r[i].port,
			                r[i].error_fr),
			    vg_asprintf("%s:%u: %s", r[i].host, (unsigned)r[i].port,
			                r[i].error_en)};
			nl++;
			continue;
		}
		probed++;
		for (size_t k = 0; k < r[i].nfindings; k++) {
			const struct tls_finding *f = &r[i].findings[k];

			if (f->severity == TLS_SEV_INFO)
				continue;
			if (f->severity > worst)
				worst = f->severity;
			lines[nl] = (struct assess_tls_line){
			    f->severity, (int)nl,
			    vg_asprintf("%s:%u : %s", r[i].host, (unsigned)r[i].port, f->fr),
			    vg_asprintf("%s:%u: %s", r[i].host, (unsigned)r[i].port, f->en)};
			nl++;
		}
	}
	if (nl > 1)
		qsort(lines, nl, sizeof *lines, assess_tls_line_cmp);
	vg_buf_init(&bf, 1u << 20);
	vg_buf_init(&be, 1u << 20);
	for (size_t i = 0; i < nl; i++) {
		vg_buf_printf(&bf, "%s%s", i ? "\n" : "", lines[i].fr);
		vg_buf_printf(&be, "%s%s", i ? "\n" : "", lines[i].en);
		free(lines[i].fr);
		free(lines[i].en);
	}
	free(lines);
	*e = (struct vg_evidence){
	    .check_id = id, .status = VG_CHECK_PASS, .cap = -1, .informs = informs, .ninforms = 1};
	if (probed == 0)
		e->status = VG_CHECK_ERROR;
	else if (worst >= TLS_SEV_MEDIUM)
		e->status = VG_CHECK_FAIL, e->cap = tls_severity_cap(worst);
	else if (worst == TLS_SEV_LOW)
		e->status = VG_CHECK_WARN;
	if (bf.len == 0) {
		vg_buf_puts(&bf, "configuration TLS correcte");
		vg_buf_puts(&be, "TLS configuration is sound");
	}
	*fr = bf.data;
	*en = be.data;
	e->reason = (struct vg_text){*fr, *en};
}

/* Probes the targets of tls that a question of q is about, and fills ev[0..*n) and
 * texts (four, caller frees). -1 for a bad target or CA file. */
static int assess_tls_run(const struct vg_questionnaire *q, const struct assess_tls *tls, bool skip,
                          struct vg_evidence *ev, size_t *n, char **texts, struct vg_err *err)
{
	static const struct {
		const char *id;
		const char **informs;
		bool mail;
	} roles[ASSESS_TLS_ROLES] = {{"tls.site", assess_tls_site_informs, false},
	                             {"tls.mail", assess_tls_mail_informs, true}};
	const char *args[ASSESS_TLS_ROLES] = {tls->site, tls->mail};
	struct tls_target t[ASSESS_TLS_ROLES * ASSESS_TLS_MAX];
	struct tls_report rep[ASSESS_TLS_ROLES * ASSESS_TLS_MAX];
	char buf[ASSESS_TLS_ROLES * ASSESS_TLS_MAX][256];
	struct tls_options opt = {.ca_file = tls->ca_file};
	size_t nt = 0, from[ASSESS_TLS_ROLES], cnt[ASSESS_TLS_ROLES] = {0};
	int k;

	*n = 0;
	for (int i = 0; i < ASSESS_TLS_ROLES; i++) {
		from[i] = nt;
		if (args[i] == NULL || *args[i] == '\0' ||
		    model_find_question(q, roles[i].informs[0]) == NULL)
			continue;
		k = assess_tls_endpoints(args[i], roles[i].mail, &buf[nt], &t[nt], err);
		if (k < 0)
			return -1;
		cnt[i] = (size_t)k;
		nt += cnt[i];
	}
	if (nt == 0)
		return 0;
	if (skip) {
		/* Interrupted before the probes: each role says it was not run. */
		for (int i = 0; i < ASSESS_TLS_ROLES; i++) {
			if (cnt[i] == 0)
				continue;
			texts[2 * *n] = vg_strdup(ASSESS_NOT_RUN_FR);
			texts[2 * *n + 1] = vg_strdup(ASSESS_NOT_RUN_EN);
			ev[*n] = (struct vg_evidence){.check_id = roles[i].id,
			                              .status = VG_CHECK_SKIPPED,
			                              .cap = -1,
			                              .informs = roles[i].informs,
			                              .ninforms = 1,
			                              .reason = {texts[2 * *n], texts[2 * *n + 1]}};
			(*n)++;
		}
		return 0;
	}
	memset(rep, 0, sizeof rep);
	if (tls_probe_endpoints(t, nt, &opt, rep, err) != 0)
		return -1;
	for (int i = 0; i < ASSESS_TLS_ROLES; i++) {
		if (cnt[i] == 0)
			continue;
		assess_tls_evidence(&rep[from[i]], cnt[i], roles[i].id, roles[i].informs, &ev[*n],
		                    &texts[2 * *n], &texts[2 * *n + 1]);
		(*n)++;
	}
	for (size_t i = 0; i < nt; i++)
		tls_report_free(&rep[i]);
	return 0;
}

/* The titles of the checks the assessment runs itself (TLS) and of the embedded profiles'. */
static const struct {
	const char *id;
	struct vg_text title;
} assess_tls_titles[] = {
    {"tls.site", {"Configuration TLS du site web", "Website TLS configuration"}},
    {"tls.mail", {"Configuration TLS du serveur de messagerie", "Mail server TLS configuration"}},
};
static const char *const assess_title_profiles[] = {"linux-server", "domaine"};
static struct check_profile
    *assess_title_p[sizeof assess_title_profiles / sizeof *assess_title_profiles];
static pthread_once_t assess_title_once = PTHREAD_ONCE_INIT;

/* Loads the embedded profiles once; one that does not load has no titles to give. */
static void assess_title_load(void)
{
	for (size_t i = 0; i < sizeof assess_title_profiles / sizeof *assess_title_profiles; i++) {
		struct vg_err e = {0};

		if (cli_load_profile(assess_title_profiles[i], &assess_title_p[i], &e) != 0)
			assess_title_p[i] = NULL;
	}
}

/* The title of check id in p, or NULL. */
static const struct vg_text *assess_profile_title(const struct check_profile *p, const char *id)
{
	for (size_t k = 0; p != NULL && k < p->nchecks; k++)
		if (strcmp(p->checks[k].id, id) == 0 && p->checks[k].title.fr != NULL)
			return &p->checks[k].title;
	return NULL;
}

const struct vg_text *assess_checks_title(const char *id)
{
	const struct vg_text *t = NULL;

	if (id == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof assess_tls_titles / sizeof *assess_tls_titles; i++)
		if (strcmp(assess_tls_titles[i].id, id) == 0)
			return &assess_tls_titles[i].title;
	pthread_once(&assess_title_once, assess_title_load);
	for (size_t i = 0; i < sizeof assess_title_p / sizeof *assess_title_p && t == NULL; i++)
		t = assess_profile_title(assess_title_p[i], id);
	return t;
}

/* Where a run is, for its progress report. */
struct assess_step {
	const struct assess_progress *pg;
	const struct check_profile *p; /* the profile run, for the checks' titles */
	enum vg_lang lang;
	size_t done, total;
	const char *current; /* id of the check running */
	const char *stopped; /* id of the check running when the run was interrupted */
	bool stop;
};

/* Reports that the next step, what, starts ("" when all are done). */
static void assess_step(struct assess_step *st, const char *what)
{
	if (st->pg == NULL || st->pg->step == NULL)
		return;
	if (*what == '\0')
		st->done = st->total;
	st->pg->step(st->pg->arg, st->done, st->total, what);
	if (st->done < st->total)
		st->done++;
}

/* check_env's progress: a check starts (examined 0); later calls are within it. */
static void assess_step_check(void *arg, const char *check_id, size_t examined)
{
	struct assess_step *st = arg;

	if (examined == 0) {
		const struct vg_text *t = assess_profile_title(st->p, check_id);

		st->current = check_id;
		/* The person sees what is checked, not the check's id. */
		if (t == NULL)
			t = assess_checks_title(check_id);
		assess_step(st, t != NULL ? model_text(t, st->lang) : check_id);
	}
}

/* True once the run is to be interrupted (remembering which check was running). */
static bool assess_stopped(struct assess_step *st)
{
	if (!st->stop && st->pg != NULL && st->pg->stopped != NULL &&
	    st->pg->stopped(st->pg->arg)) {
		st->stop = true;
		st->stopped = st->current;
	}
	return st->stop;
}

/* check_env's stop: polled before each check. */
static bool assess_step_stop(void *arg)
{
	return assess_stopped(arg);
}

/* check_env's scan: reports a tree scan's progress; false once interrupted. */
static bool assess_step_scan(void *arg, size_t examined, const char *where)
{
	struct assess_step *st = arg;

	if (st->pg->scan != NULL && !st->pg->scan(st->pg->arg, examined, where) && !st->stop) {
		st->stop = true;
		st->stopped = st->current;
	}
	return !assess_stopped(st);
}

/* The TLS probes count as one step when there is an address to probe. */
static size_t assess_tls_steps(const struct assess_tls *tls)
{
	return tls != NULL && (tls->site != NULL || tls->mail != NULL) ? 1 : 0;
}

/* The domain check counts as one step when there is a domain. */
static bool assess_dns_wanted(const struct assess_tls *tls)
{
	return tls != NULL && tls->domain != NULL && *tls->domain != '\0';
}

static int assess_dns_roles_skipped(const struct vg_questionnaire *q, struct vg_evidence *ev,
                                    size_t *n, char **texts);

int assess_checks_run(const struct vg_questionnaire *q, const struct vg_answers *as,
                      const char *profile, const char *root, const struct assess_tls *tls,
                      enum vg_lang lang, const struct assess_progress *pg, struct vg_evidence **ev,
                      size_t *nev, struct vg_err *err)
{
	struct check_env env = {.root = root, .lang = lang};
	struct assess_step step = {pg, NULL, lang, 0, 0, NULL, NULL, false};
	struct check_profile *p = NULL;
	struct check_result *res = NULL;
	struct vg_evidence *conv, tev[ASSESS_NET];
	char *texts[2 * ASSESS_NET] = {0};
	struct assess_run *run;
	const char **only = NULL;
	size_t nonly = 0, nres = 0, ntls = 0, ndns = 0, nout;

	*ev = NULL;
	*nev = 0;
	(void)as;
	if (root != NULL) {
		if (cli_load_profile(profile, &p, err) != 0)
			return -1;
		only = assess_checks_only(q, p, &nonly);
		step.p = p;
	}
	step.total = nonly + assess_tls_steps(tls) + assess_dns_wanted(tls);
	if (pg != NULL) {
		env.progress = assess_step_check;
		env.progress_arg = &step;
		env.scan = assess_step_scan;
		env.stop = assess_step_stop;
	}
	/* With no id, check_run_profile would run them all. */
	if (nonly > 0 && check_run_profile(p, &env, only, nonly, &res, &nres, err) != 0) {
		free(only);
		check_profile_free(p);
		return -1;
	}
	if (assess_tls_steps(tls) > 0 && !assess_stopped(&step))
		assess_step(&step, lang == VG_LANG_EN ? "TLS configuration of the addresses given"
		                                      : "Configuration TLS des adresses données");
	if (tls != NULL &&
	    assess_tls_run(q, tls, assess_stopped(&step), tev, &ntls, texts, err) != 0) {
		free(only);
		check_results_free(res, nres);
		check_profile_free(p);
		return -1;
	}
	/* The domain, seen from outside, after the probes. */
	if (assess_dns_wanted(tls) && !assess_stopped(&step))
		assess_step(&step, "DNS");
	if (assess_dns_wanted(tls)) {
		struct assess_dns d = {tls->domain, tls->resolver, tls->trust_anchor, tls->ca_file,
		                       0};
		int rc =
		    assess_stopped(&step)
		        ? assess_dns_roles_skipped(q, tev + ntls, &ndns, texts + 2 * ntls)
		        : assess_dns_run(q, &d, lang, tev + ntls, &ndns, texts + 2 * ntls, err);

		if (rc != 0) {
			for (size_t i = 0; i < 2 * ASSESS_NET; i++)
				free(texts[i]);
			free(only);
			check_results_free(res, nres);
			check_profile_free(p);
			return -1;
		}
		ntls += ndns;
	}
	assess_step(&step, "");
	/* Interrupted: the checks never started are evidence too (not run). */
	nout = step.stop ? nonly : nres;
	if (nout + ntls == 0) {
		free(only);
		check_profile_free(p);
		return 0;
	}
	if (nout > (SIZE_MAX - sizeof *run) / sizeof(struct vg_evidence) - ASSESS_NET)
		abort();
	run = vg_malloc(sizeof *run + (nout + ntls) * sizeof(struct vg_evidence));
	run->p = p;
	run->res = res;
	run->nres = nres;
	memcpy(run->texts, texts, sizeof texts);
	conv = check_to_evidence(res, nres);
	if (nres > 0)
		memcpy(run->ev, conv, nres * sizeof *conv);
	free(conv);
	for (size_t i = 0; i < nres; i++) {
		/* A check that could not run says why rather than what it checks. */
		if (res[i].status == VG_CHECK_ERROR && res[i].reason != NULL)
			run->ev[i].reason = (struct vg_text){res[i].reason, res[i].reason};
		/* The check the user interrupted saw part of the tree: it does not count. */
		if (step.stopped != NULL && strcmp(res[i].def->id, step.stopped) == 0) {
			run->ev[i].status = VG_CHECK_SKIPPED;
			run->ev[i].cap = -1;
			run->ev[i].reason = (struct vg_text){ASSESS_NOT_RUN_FR, ASSESS_NOT_RUN_EN};
		}
	}
	for (size_t i = nres; i < nout; i++) {
		const struct check_def *d = NULL;

		for (size_t k = 0; k < p->nchecks && d == NULL; k++)
			if (strcmp(p->checks[k].id, only[i]) == 0)
				d = &p->checks[k];
		run->ev[i] = (struct vg_evidence){.check_id = d->id,
		                                  .status = VG_CHECK_SKIPPED,
		                                  .cap = -1,
		                                  .informs = d->informs,
		                                  .ninforms = d->ninforms,
		                                  .reason = {ASSESS_NOT_RUN_FR, ASSESS_NOT_RUN_EN}};
	}
	free(only);
	if (ntls > 0)
		memcpy(run->ev + nout, tev, ntls * sizeof *tev);
	*ev = run->ev;
	*nev = nout + ntls;
	return 0;
}

void assess_checks_free(struct vg_evidence *ev, size_t nev)
{
	struct assess_run *run;

	(void)nev;
	if (ev == NULL)
		return;
	run = (struct assess_run *)(void *)((char *)ev - offsetof(struct assess_run, ev));
	check_results_free(run->res, run->nres);
	check_profile_free(run->p);
	for (size_t i = 0; i < 2 * ASSESS_NET; i++)
		free(run->texts[i]);
	free(run);
}

/* The domain check (mail_dns) in the assessment: three evidence items, one per question. */
static const char *assess_dns_spf_informs[] = {"messagerie_web.spf_dkim_dmarc"};
static const char *assess_dns_sts_informs[] = {"messagerie_web.messagerie_tls"};
static const char *assess_dns_sec_informs[] = {"messagerie_web.nom_domaine"};

/* The evidence the domain check gives: one per question it informs. */
static const struct {
	const char *id;
	const char **informs;
	unsigned aspects; /* bits of enum dns_aspect */
	int mildest;      /* the check's own severity as a cap: the cap is never below */
} assess_dns_roles[ASSESS_DNS_MAX] = {
    {"dns.spf_dkim_dmarc", assess_dns_spf_informs,
     1u << DNS_ASPECT_SPF | 1u << DNS_ASPECT_DMARC | 1u << DNS_ASPECT_DKIM, 0},
    {"dns.mta_sts", assess_dns_sts_informs, 1u << DNS_ASPECT_MTA_STS | 1u << DNS_ASPECT_TLSRPT, 1},
    {"dns.starttls", assess_dns_sts_informs, 1u << DNS_ASPECT_STARTTLS, 0},
    {"dns.dnssec", assess_dns_sec_informs, 1u << DNS_ASPECT_DNSSEC, 2},
};

/* The domain check was interrupted before it started: each of its evidence items says it
 * was not run. */
static int assess_dns_roles_skipped(const struct vg_questionnaire *q, struct vg_evidence *ev,
                                    size_t *n, char **texts)
{
	*n = 0;
	for (int i = 0; i < ASSESS_DNS_MAX; i++) {
		if (model_find_question(q, assess_dns_roles[i].informs[0]) == NULL)
			continue;
		texts[2 * *n] = vg_strdup(ASSESS_NOT_RUN_FR);
		texts[2 * *n + 1] = vg_strdup(ASSESS_NOT_RUN_EN);
		ev[*n] = (struct vg_evidence){.check_id = assess_dns_roles[i].id,
		                              .status = VG_CHECK_SKIPPED,
		                              .cap = -1,
		                              .informs = assess_dns_roles[i].informs,
		                              .ninforms = 1,
		                              .reason = {texts[2 * *n], texts[2 * *n + 1]}};
		(*n)++;
	}
	return 0;
}

/* Gravest first; in the order found among equals (indexes into a report's findings). */
static const struct dns_report *assess_dns_sort_report;

static int assess_dns_finding_cmp(const void *a, const void *b)
{
	const struct dns_finding *f = assess_dns_sort_report->findings;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	if (f[x].severity != f[y].severity)
		return f[x].severity > f[y].severity ? -1 : 1;
	return (x > y) - (x < y);
}

int assess_dns_guess(const char *site, const char *mail, char *out, size_t size)
{
	static const char *const labels[] = {"www.",  "mail.", "smtp.",    "imap.", "pop.",
	                                     "pop3.", "mx.",   "webmail.", NULL};
	const char *srcs[2] = {mail != NULL && strchr(mail, '@') != NULL ? mail : site,
	                       mail != NULL && strchr(mail, '@') != NULL ? site : mail};
	struct vg_err err;

	for (int i = 0; i < 2; i++) {
		const char *s = srcs[i], *p;
		char host[256];
		size_t n;

		if (s == NULL || *s == '\0')
			continue;
		if ((p = strrchr(s, '@')) != NULL)
			s = p + 1;
		else if ((p = strstr(s, "://")) != NULL)
			s = p + 3;
		if (*s == '[')
			continue; /* an IPv6 literal names no domain */
		n = strcspn(s, ":/");
		if (n == 0 || n >= sizeof host)
			continue;
		memcpy(host, s, n);
		host[n] = '\0';
		s = host;
		for (int k = 0; labels[k] != NULL; k++)
			if (strncasecmp(s, labels[k], strlen(labels[k])) == 0 &&
			    strchr(s + strlen(labels[k]), '.') != NULL) {
				s += strlen(labels[k]);
				break;
			}
		if (strspn(s, "0123456789.") == strlen(s) || strchr(s, '.') == NULL)
			continue; /* an IPv4 address or a bare host name */
		if (size < DNSREC_NAME_MAX || dns_domain_normalise(s, out, &err) != 0)
			continue;
		return 0;
	}
	return -1;
}

int assess_dns_run(const struct vg_questionnaire *q, const struct assess_dns *dns,
                   enum vg_lang lang, struct vg_evidence *ev, size_t *n, char **texts,
                   struct vg_err *err)
{
	struct dns_options opt = {0};
	struct dns_report r;
	const char *domain = dns->domain;
	size_t *order;

	(void)lang;
	*n = 0;
	opt.resolver = dns->resolver;
	opt.trust_anchor = dns->trust_anchor;
	opt.ca_file = dns->ca_file;
	opt.timeout_ms = dns->timeout_ms;
	opt.no_starttls = model_find_question(q, assess_dns_sts_informs[0]) == NULL;
	if (dns_check_domains(&domain, 1, &opt, &r, err) != 0)
		return -1;
	order = vg_reallocarray(NULL, r.nfindings + 1, sizeof *order);
	for (size_t k = 0; k < r.nfindings; k++)
		order[k] = k;
	assess_dns_sort_report = &r;
	qsort(order, r.nfindings, sizeof *order, assess_dns_finding_cmp);
	for (int i = 0; i < ASSESS_DNS_MAX; i++) {
		struct vg_evidence *e = &ev[*n];
		struct vg_buf bf, be;
		int cap = -1;

		if (model_find_question(q, assess_dns_roles[i].informs[0]) == NULL)
			continue;
		vg_buf_init(&bf, 64u << 10);
		vg_buf_init(&be, 64u << 10);
		*e = (struct vg_evidence){.check_id = assess_dns_roles[i].id,
		                          .status = VG_CHECK_PASS,
		                          .cap = -1,
		                          .informs = assess_dns_roles[i].informs,
		                          .ninforms = 1};
		if (r.error_code != NULL) {
			e->status = VG_CHECK_ERROR;
			vg_buf_printf(&bf, "%s : %s", r.domain, r.error_fr);
			vg_buf_printf(&be, "%s: %s", r.domain, r.error_en);
		}
		for (size_t o = 0; r.error_code == NULL && o < r.nfindings; o++) {
			const struct dns_finding *f = &r.findings[order[o]];
			int c = f->cap;

			if (!(assess_dns_roles[i].aspects & 1u << f->aspect) || c < 0)
				continue;
			if (cap < 0 || c < cap)
				cap = c;
			/* A mail server's finding names the server. */
			if (f->aspect == DNS_ASPECT_STARTTLS) {
				/* "MX name (address:port)", without the prober's technical why. */
				const char *end = strstr(f->detail, "): ");
				int w = end != NULL ? (int)(end - f->detail) + 1
				                    : (int)strlen(f->detail);

				vg_buf_printf(&bf, "%s%s : %s (%.*s)", bf.len ? "\n" : "", r.domain,
				              f->fr, w, f->detail);
				vg_buf_printf(&be, "%s%s: %s (%.*s)", be.len ? "\n" : "", r.domain,
				              f->en, w, f->detail);
			} else {
				vg_buf_printf(&bf, "%s%s : %s", bf.len ? "\n" : "", r.domain,
				              f->fr);
				vg_buf_printf(&be, "%s%s: %s", be.len ? "\n" : "", r.domain, f->en);
			}
		}
		if (cap >= 0) {
			e->status = VG_CHECK_FAIL;
			e->cap =
			    cap > assess_dns_roles[i].mildest ? cap : assess_dns_roles[i].mildest;
		}
		if (bf.len == 0) {
			vg_buf_printf(&bf, "%s : aucun défaut trouvé", r.domain);
			vg_buf_printf(&be, "%s: no flaw found", r.domain);
		}
		texts[2 * *n] = bf.data;
		texts[2 * *n + 1] = be.data;
		e->reason = (struct vg_text){bf.data, be.data};
		(*n)++;
	}
	free(order);
	dns_report_free(&r);
	return 0;
}
