/* tlskind: the `tls` check kind. Probes the TLS configuration of the endpoints a profile
 * names (host[:port], smtp://...) and, with the word `local`, of this machine's listening
 * TCP sockets that answer TLS, through the prober of check/tls.h; one finding per thing
 * the prober found (docs/check-format.md, docs/tls-check.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "check/check.h"
#include "check/tls.h"

#define TLSK_MAX_TARGETS  256 /* targets of one check */
#define TLSK_TARGET_BYTES 256 /* bytes of one parsed host */
#define TLSK_LISTED       8   /* local sockets without TLS named in the reason */

#define _(s) gettext(s)

struct tlsk_params {
	struct tls_target *targets; /* arena: hosts point into the arena too */
	size_t ntargets;
	bool local;
	const char *ca; /* NULL: the system store */
	int timeout_ms; /* 0: the prober's default */
};

static int tlsk_parse(const struct yl_ctx *c, const struct yl_node *check, const struct yl_node *n,
                      void **out)
{
	static const char *const allowed[] = {"targets", "ca", "timeout_ms", NULL};
	static const char *const required[] = {"targets", NULL};
	struct tlsk_params *p = vg_arena_alloc(c->arena, sizeof *p);
	const struct yl_node *v;

	if (n == NULL)
		return yl_fail(c, check,
		               _("une vérification tls a besoin de params avec targets, comme "
		                 "{targets: [www.example.fr, smtp://mail.example.fr]}"));
	if (yl_keys(c, n, _("le bloc params d'une vérification tls"), allowed, required) != 0)
		return -1;
	v = yl_get(n, "targets");
	if (v->kind != YL_SEQ)
		return yl_fail(c, v,
		               _("targets doit être une liste, comme [www.example.fr:443, local]"));
	if (v->n == 0)
		return yl_fail(c, v,
		               _("targets est vide ; donnez au moins une adresse nom[:port], ou "
		                 "local pour les sockets de cette machine"));
	if (v->n > TLSK_MAX_TARGETS)
		return yl_fail(c, v,
		               _("targets contient %zu cibles, au-delà de la limite de %d ; "
		                 "partagez-les entre plusieurs vérifications"),
		               v->n, TLSK_MAX_TARGETS);
	p->targets = vg_arena_alloc(c->arena, v->n * sizeof *p->targets);
	for (size_t i = 0; i < v->n; i++) {
		const struct yl_node *t = v->items[i];
		struct vg_err perr = {0};
		const char *s;
		char *buf;

		if (yl_string(c, t, _("un élément de targets"), &s) != 0)
			return -1;
		if (strcmp(s, "local") == 0) {
			if (p->local)
				return yl_fail(c, t, "%s",
				               _("targets nomme local deux fois ; gardez-en un"));
			p->local = true;
			continue;
		}
		buf = vg_arena_alloc(c->arena, TLSK_TARGET_BYTES);
		if (tls_parse_target(s, buf, TLSK_TARGET_BYTES, &p->targets[p->ntargets], &perr) !=
		    0)
			return yl_fail(c, t,
			               _("cible refusée (%s) ; écrivez un nom ou une adresse, "
			                 "suivi au besoin de :port (1 à 65535) et précédé au "
			                 "besoin de smtp://, imap://, pop3://, https:// ou "
			                 "tls://"),
			               perr.msg);
		p->ntargets++;
	}
	if (check_params_ca_timeout(c, n, &p->ca, &p->timeout_ms) != 0)
		return -1;
	*out = p;
	return 0;
}

/* What good looks like, per finding code. */
static const struct {
	const char *code, *fr, *en;
} tlsk_expected[] = {
    {"proto_tls10", "TLS 1.2 et TLS 1.3 seulement", "TLS 1.2 and TLS 1.3 only"},
    {"proto_tls11", "TLS 1.2 et TLS 1.3 seulement", "TLS 1.2 and TLS 1.3 only"},
    {"proto_no_modern", "TLS 1.2 et TLS 1.3 acceptés", "TLS 1.2 and TLS 1.3 accepted"},
    {"proto_no_tls13", "TLS 1.3 accepté", "TLS 1.3 accepted"},
    {"suite_null", "aucune suite sans chiffrement", "no suite without encryption"},
    {"suite_anonymous", "aucune suite anonyme", "no anonymous suite"},
    {"suite_broken_cipher", "aucun algorithme cassé (RC4, 3DES, DES, EXPORT)",
     "no broken cipher (RC4, 3DES, DES, EXPORT)"},
    {"suite_no_forward_secrecy", "seulement des suites ECDHE ou DHE", "ECDHE or DHE suites only"},
    {"suite_cbc_sha1", "seulement des suites AES-GCM ou ChaCha20",
     "AES-GCM or ChaCha20 suites only"},
    {"suite_client_order", "l'ordre des suites imposé par le serveur",
     "the server imposes its order of suites"},
    {"cert_missing", "un certificat d'une autorité reconnue",
     "a certificate from a recognised authority"},
    {"cert_expired", "un certificat en cours de validité", "a certificate within its validity"},
    {"cert_not_yet_valid", "un certificat en cours de validité",
     "a certificate within its validity"},
    {"cert_expiring_soon", "un certificat valide encore plus de 30 jours",
     "a certificate valid for more than 30 days"},
    {"cert_self_signed", "un certificat d'une autorité reconnue",
     "a certificate from a recognised authority"},
    {"cert_chain_incomplete", "la chaîne complète (certificat et intermédiaires)",
     "the full chain (certificate and intermediates)"},
    {"cert_untrusted", "un certificat d'une autorité reconnue",
     "a certificate from a recognised authority"},
    {"cert_hostname_mismatch", "un certificat au nom utilisé pour joindre le serveur",
     "a certificate for the name used to reach the server"},
    {"cert_weak_key", "une clé RSA d'au moins 2048 bits ou EC d'au moins 256 bits",
     "an RSA key of 2048 bits or more, or EC of 256 or more"},
    {"cert_weak_signature", "une signature SHA-256 ou plus forte",
     "a SHA-256 signature or stronger"},
    {"hsts_missing", "l'en-tête Strict-Transport-Security (max-age d'un an)",
     "the Strict-Transport-Security header (max-age of a year)"},
    {"hsts_short", "max-age d'au moins 6 mois (un an conseillé)",
     "max-age of 6 months or more (a year advised)"},
};

static const char *tlsk_expect(const struct check_env *env, const char *code)
{
	for (size_t i = 0; i < sizeof tlsk_expected / sizeof tlsk_expected[0]; i++)
		if (strcmp(tlsk_expected[i].code, code) == 0)
			return check_tr(env, tlsk_expected[i].fr, tlsk_expected[i].en);
	return check_tr(env, "une configuration TLS sans ce défaut",
	                "a TLS configuration without this flaw");
}

static void tlsk_where(const struct tls_report *r, char *out, size_t n)
{
	bool v6 = strchr(r->host, ':') != NULL;

	snprintf(out, n, "%s%s%s:%u%s%s", v6 ? "[" : "", r->host, v6 ? "]" : "", r->port,
	         r->starttls != TLS_STARTTLS_NONE ? " " : "",
	         r->starttls != TLS_STARTTLS_NONE ? tls_starttls_name(r->starttls) : "");
}

/* One finding per TLS finding of severity low or more; info ones say nothing wrong. */
static void tlsk_report(const struct check_env *env, const struct tls_report *r,
                        struct check_result *res)
{
	char where[300];

	tlsk_where(r, where, sizeof where);
	if (r->error_code != NULL) {
		check_result_add(
		    res, VG_CHECK_WARN, r->error_code, where,
		    check_tr(env, r->error_fr, r->error_en), "%s",
		    check_tr(env, "un serveur qui répond en TLS", "a server that answers TLS"));
		return;
	}
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct tls_finding *f = &r->findings[i];
		char *obs;

		if (f->severity == TLS_SEV_INFO)
			continue;
		if (tls_severity_cap(f->severity) >= 0 &&
		    (!res->has_finding_cap || tls_severity_cap(f->severity) < res->finding_cap)) {
			res->has_finding_cap = true;
			res->finding_cap = tls_severity_cap(f->severity);
		}
		obs = f->detail[0] != '\0'
		          ? vg_asprintf("%s (%s)", check_tr(env, f->fr, f->en), f->detail)
		          : vg_strdup(check_tr(env, f->fr, f->en));
		check_result_add(res, f->severity == TLS_SEV_LOW ? VG_CHECK_WARN : VG_CHECK_FAIL,
		                 f->code, where, obs, "%s", tlsk_expect(env, f->code));
		free(obs);
	}
}

static int tlsk_run(const struct check_def *def, const struct check_env *env,
                    struct check_result *res, struct vg_err *err)
{
	const struct tlsk_params *p = def->params;
	struct tls_options opt = {0};
	struct tls_target *targets, *local = NULL;
	struct tls_report *reports;
	size_t n = 0, nlocal = 0, probed = 0, notls = 0;
	bool local_here = p->local && strcmp(env->root, "/") == 0;
	char listed[TLSK_LISTED * 80] = "";
	int rc = 0;

	if (local_here &&
	    tls_local_targets(getenv("VIGIE_TEST_PROC_NET"), &local, &nlocal, err) != 0)
		return -1;
	if (p->ntargets + nlocal == 0) {
		check_result_reason(res, VG_CHECK_SKIPPED, "%s",
		                    local_here
		                        ? check_tr(env,
		                                   "aucune socket TCP n'écoute sur cette "
		                                   "machine",
		                                   "no TCP socket listens on this machine")
		                        : check_tr(env,
		                                   "local : les sockets sont celles de cette "
		                                   "machine, pas celles de --root",
		                                   "local: the sockets are this machine's, "
		                                   "not those of --root"));
		tls_targets_free(local, nlocal);
		return 0;
	}
	targets = vg_calloc(p->ntargets + nlocal, sizeof *targets);
	for (size_t i = 0; i < p->ntargets; i++)
		targets[n++] = p->targets[i];
	for (size_t i = 0; i < nlocal; i++)
		targets[n++] = local[i];
	reports = vg_calloc(n, sizeof *reports);
	opt.ca_file = p->ca;
	opt.timeout_ms = p->timeout_ms;
	if (tls_probe_endpoints(targets, n, &opt, reports, err) != 0) {
		rc = -1;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const struct tls_report *r = &reports[i];

		/* A local socket that does not answer TLS (ssh, a database) is no finding. */
		if (i >= p->ntargets && r->error_code != NULL) {
			size_t len = strlen(listed);

			/* In words, not the error's code: only plain HTTP is worth saying. */
			if (notls++ < TLSK_LISTED)
				snprintf(listed + len, sizeof listed - len, "%s%s:%u%s",
				         len ? ", " : "", r->host, r->port,
				         strcmp(r->error_code, "plain_http") == 0
				             ? check_tr(env, " (HTTP non chiffré)", " (plain HTTP)")
				             : "");
			continue;
		}
		probed += r->error_code == NULL;
		res->examined++;
		tlsk_report(env, r, res);
	}
	if (res->examined == 0) {
		if (env->lang == VG_LANG_EN)
			check_result_reason(res, VG_CHECK_SKIPPED,
			                    "no local socket answers TLS: %s%s", listed,
			                    notls > TLSK_LISTED ? ", ..." : "");
		else
			check_result_reason(res, VG_CHECK_SKIPPED,
			                    "aucune socket locale ne répond en TLS : %s%s", listed,
			                    notls > TLSK_LISTED ? ", ..." : "");
	} else if (probed == 0) {
		check_result_reason(res, VG_CHECK_ERROR, "%s",
		                    check_tr(env, "aucun point d'accès n'a pu être sondé",
		                             "no endpoint could be probed"));
	} else if (notls > 0) {
		if (env->lang == VG_LANG_EN)
			check_result_reason(res, VG_CHECK_PASS,
			                    "local sockets without TLS (%zu): %s%s", notls, listed,
			                    notls > TLSK_LISTED ? ", ..." : "");
		else
			check_result_reason(res, VG_CHECK_PASS,
			                    "sockets locales sans TLS (%zu) : %s%s", notls, listed,
			                    notls > TLSK_LISTED ? ", ..." : "");
	} else if (p->local && !local_here) {
		check_result_reason(res, VG_CHECK_PASS, "%s",
		                    check_tr(env,
		                             "local ignoré : les sockets sont celles de cette "
		                             "machine, pas celles de --root",
		                             "local ignored: the sockets are this machine's, not "
		                             "those of --root"));
	}
out:
	for (size_t i = 0; i < n; i++)
		tls_report_free(&reports[i]);
	free(reports);
	free(targets);
	tls_targets_free(local, nlocal);
	return rc;
}

const struct check_kind check_kind_tls = {"tls", tlsk_parse, tlsk_run, NULL};
