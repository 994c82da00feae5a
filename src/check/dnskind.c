/* dnskind: the `mail_dns` check kind. Looks at the domains a profile names through the
 * resolver of check/dns.h and adds one finding per thing found, of the aspects the check
 * reports (all by default), so that SPF/DKIM/DMARC can inform one question and MTA-STS
 * another (docs/check-format.md, docs/dns-check.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "check/check.h"
#include "check/dns.h"

#define _(s)  gettext(s)
#define N_(s) (s)

#define DNSK_TOO_MANY                                                                              \
	N_("%s contient %zu noms, au-delà de la limite de %d ; partagez-les entre plusieurs "     \
	   "vérifications")

struct dnsk_params {
	const char **domains;
	size_t ndomains;
	bool aspects[DNS_NASPECTS];
	const char **selectors; /* NULL: the common ones */
	size_t nselectors;
	const char *resolver;
	const char *trust_anchor;
	const char *ca;
	int timeout_ms;
	unsigned smtp_port; /* the mail servers' SMTP port; 0: 25 */
};

static int dnsk_parse(const struct yl_ctx *c, const struct yl_node *check, const struct yl_node *n,
                      void **out)
{
	static const char *const allowed[] = {"domains",    "aspects",      "dkim_selectors",
	                                      "resolver",   "trust_anchor", "ca",
	                                      "timeout_ms", "smtp_port",    NULL};
	static const char *const required[] = {"domains", NULL};
	struct dnsk_params *p = vg_arena_alloc(c->arena, sizeof *p);
	const struct yl_node *v;

	if (n == NULL)
		return yl_fail(c, check,
		               _("une vérification mail_dns a besoin de params avec domains, "
		                 "comme {domains: [mairie-exemple.fr]}"));
	if (yl_keys(c, n, _("le bloc params d'une vérification mail_dns"), allowed, required) != 0)
		return -1;
	v = yl_get(n, "domains");
	if (yl_strings(c, v, "domains", &p->domains, &p->ndomains) != 0)
		return -1;
	if (p->ndomains == 0)
		return yl_fail(c, v, "%s",
		               _("domains est vide ; donnez au moins un domaine, comme "
		                 "[mairie-exemple.fr]"));
	if (p->ndomains > DNS_MAX_DOMAINS)
		return yl_fail(c, v, _(DNSK_TOO_MANY), "domains", p->ndomains, DNS_MAX_DOMAINS);
	for (size_t i = 0; i < p->ndomains; i++) {
		char norm[DNSREC_NAME_MAX];
		struct vg_err derr = {0};

		if (dns_domain_normalise(p->domains[i], norm, &derr) != 0)
			return yl_fail(c, v->kind == YL_SEQ ? v->items[i] : v,
			               _("domaine refusé (%s) ; écrivez le nom seul, en lettres, "
			                 "chiffres, '-' et points (un nom accentué sous sa forme "
			                 "xn--), comme mairie-exemple.fr"),
			               derr.msg);
	}
	if ((v = yl_get(n, "aspects")) != NULL) {
		const char **names;
		size_t nnames;

		if (yl_strings(c, v, "aspects", &names, &nnames) != 0)
			return -1;
		for (size_t i = 0; i < nnames; i++) {
			int a = dns_aspect_find(names[i]);

			if (a < 0)
				return yl_fail(
				    c, v->kind == YL_SEQ ? v->items[i] : v,
				    _("aspect '%s' inconnu ; aspects connus : mx, spf, "
				      "dmarc, dkim, dnssec, mta_sts, tlsrpt, caa, starttls"),
				    names[i]);
			p->aspects[a] = true;
		}
	} else {
		for (int a = 0; a < DNS_NASPECTS; a++)
			p->aspects[a] = true;
	}
	if ((v = yl_get(n, "dkim_selectors")) != NULL) {
		if (yl_strings(c, v, "dkim_selectors", &p->selectors, &p->nselectors) != 0)
			return -1;
		if (p->nselectors == 0)
			return yl_fail(c, v, "%s",
			               _("dkim_selectors est vide ; donnez au moins un sélecteur, "
			                 "comme [default], ou retirez la clé pour essayer les "
			                 "sélecteurs courants"));
		if (p->nselectors > DNS_MAX_SELECTORS)
			return yl_fail(c, v, _(DNSK_TOO_MANY), "dkim_selectors", p->nselectors,
			               DNS_MAX_SELECTORS);
	}
	if ((v = yl_get(n, "resolver")) != NULL && yl_string(c, v, "resolver", &p->resolver) != 0)
		return -1;
	if ((v = yl_get(n, "trust_anchor")) != NULL &&
	    yl_string(c, v, "trust_anchor", &p->trust_anchor) != 0)
		return -1;
	if (check_params_ca_timeout(c, n, &p->ca, &p->timeout_ms) != 0)
		return -1;
	if ((v = yl_get(n, "smtp_port")) != NULL) {
		long port;

		if (yl_int(c, v, "smtp_port", 1, 65535, &port) != 0)
			return -1;
		p->smtp_port = (unsigned)port;
	}
	*out = p;
	return 0;
}

static int dnsk_run(const struct check_def *def, const struct check_env *env,
                    struct check_result *res, struct vg_err *err)
{
	const struct dnsk_params *p = def->params;
	struct dns_options opt = {0};
	struct dns_report *reports = vg_calloc(p->ndomains, sizeof *reports);
	size_t looked = 0;

	opt.resolver = p->resolver;
	opt.trust_anchor = p->trust_anchor;
	opt.selectors = p->selectors;
	opt.nselectors = p->nselectors;
	opt.ca_file = p->ca;
	opt.timeout_ms = p->timeout_ms;
	opt.smtp_port = p->smtp_port;
	opt.no_starttls = !p->aspects[DNS_ASPECT_STARTTLS];
	if (dns_check_domains(p->domains, p->ndomains, &opt, reports, err) != 0) {
		free(reports);
		return -1;
	}
	for (size_t i = 0; i < p->ndomains; i++) {
		const struct dns_report *r = &reports[i];

		res->examined++;
		if (r->error_code != NULL) {
			check_result_add(res, VG_CHECK_WARN, r->error_code, r->domain,
			                 check_tr(env, r->error_fr, r->error_en), "%s",
			                 check_tr(env, "un domaine qui répond dans le DNS",
			                          "a domain that answers in the DNS"));
			continue;
		}
		looked++;
		for (size_t k = 0; k < r->nfindings; k++) {
			const struct dns_finding *f = &r->findings[k];
			int cap = f->cap;
			char *obs;

			if (!p->aspects[f->aspect] || f->severity == DNS_SEV_INFO)
				continue;
			if (cap >= 0 && (!res->has_finding_cap || cap < res->finding_cap)) {
				res->has_finding_cap = true;
				res->finding_cap = cap;
			}
			obs = f->detail[0] != '\0'
			          ? vg_asprintf("%s (%s)", check_tr(env, f->fr, f->en), f->detail)
			          : vg_strdup(check_tr(env, f->fr, f->en));
			/* A STARTTLS finding that caps nothing (low, as in the tls kind) warns. */
			check_result_add(
			    res, cap >= 0 ? VG_CHECK_FAIL : VG_CHECK_WARN, f->code, r->domain, obs,
			    "%s", check_tr(env, "aucun défaut de ce type", "no flaw of this kind"));
			free(obs);
		}
	}
	if (looked == 0)
		check_result_reason(res, VG_CHECK_ERROR, "%s",
		                    check_tr(env, "aucun domaine n'a pu être consulté",
		                             "no domain could be looked up"));
	for (size_t i = 0; i < p->ndomains; i++)
		dns_report_free(&reports[i]);
	free(reports);
	return 0;
}

const struct check_kind check_kind_mail_dns = {"mail_dns", dnsk_parse, dnsk_run, NULL};
