/* vigie dns: look at a commune's domain from outside (mail security records, DNSSEC) and
 * say what to ask of the provider. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "check/dns.h"
#include "cli.h"
#include "cmds.h"

static void dns_cmd_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie dns [--json] [--resolver ADR[@PORT]] [--trust-anchor FICHIER]\n"
	      "                 [--dkim-selector S]... [--timeout MS] [--ca FICHIER] DOMAINE...\n"
	      "\n"
	      "Regarde chaque domaine comme le voit le reste d'internet : serveurs de\n"
	      "messagerie (MX), SPF (inclusions suivies, limite de 10 recherches), DMARC, clés\n"
	      "DKIM sous les sélecteurs connus, DNSSEC (validé), MTA-STS (enregistrement et\n"
	      "politique en HTTPS), TLS-RPT, CAA et le chiffrement STARTTLS des serveurs de\n"
	      "messagerie (port 25) ; et dit en une phrase par constat quoi\n"
	      "demander au prestataire. Toutes les recherches de tous les domaines se font en\n"
	      "même temps.\n"
	      "\n"
	      "Options :\n"
	      "  --json               afficher les rapports en JSON\n"
	      "  --resolver ADR[@PORT]  interroger ce résolveur (une adresse IP, port 53 par\n"
	      "                       défaut) au lieu de ceux de /etc/resolv.conf\n"
	      "  --trust-anchor FICHIER  ancres de confiance DNSSEC (lignes DS ou DNSKEY) au\n"
	      "                       lieu de /usr/share/dns/root.key\n"
	      "  --dkim-selector S    chercher une clé DKIM sous le sélecteur S (à répéter) ;\n"
	      "                       par défaut les plus courants (default, selector1, google…)\n"
	      "  --timeout MS         durée permise pour toutes les recherches, puis pour\n"
	      "                       chaque politique MTA-STS (5000 par défaut)\n"
	      "  --ca FICHIER         ne faire confiance qu'à ces autorités (PEM) pour la\n"
	      "                       politique MTA-STS et les serveurs de messagerie\n"
	      "  --no-starttls        ne pas tester le chiffrement STARTTLS des serveurs de\n"
	      "                       messagerie (MX)\n"
	      "  --smtp-port PORT     tester leur STARTTLS sur ce port au lieu de 25\n"
	      "  -h, --help           afficher cette aide\n"
	      "\n"
	      "Une clé DKIM non trouvée ne prouve pas son absence : le sélecteur peut avoir un\n"
	      "autre nom.\n"
	      "\n"
	      "Codes de sortie : 0 chaque domaine est conforme, 1 constats (à améliorer ou\n"
	      "échec) ou un domaine n'a pas pu être consulté, 2 erreur d'utilisation.\n"),
	    f);
}

/* cli_verdict_word and cli_severity_word name the values in this order. */
_Static_assert(DNS_VERDICT_PASS == 0 && DNS_VERDICT_WARN == 1 && DNS_VERDICT_FAIL == 2,
               "verdict order");
_Static_assert(DNS_SEV_INFO == 0 && DNS_SEV_LOW == 1 && DNS_SEV_MEDIUM == 2 && DNS_SEV_HIGH == 3,
               "severity order");

static const char *dns_cmd_dnssec(enum dns_dnssec d)
{
	switch (d) {
	case DNS_DNSSEC_SECURE:
		return cli_tr("signé et validé", "signed and validated");
	case DNS_DNSSEC_UNSIGNED:
		return cli_tr("non signé", "not signed");
	case DNS_DNSSEC_INSECURE:
		return cli_tr("signé, sans chaîne de confiance", "signed, no chain of trust");
	case DNS_DNSSEC_BOGUS:
		return cli_tr("signature invalide", "invalid signature");
	case DNS_DNSSEC_NO_ANCHOR:
		return cli_tr("signé, non vérifié (pas d'ancre)",
		              "signed, not checked (no anchor)");
	default:
		return cli_tr("inconnu", "unknown");
	}
}

static void dns_cmd_line(const char *label, const char *value)
{
	printf("  %-9s %s\n", label, value[0] != '\0' ? value : cli_tr("(aucun)", "(none)"));
}

static void dns_cmd_print_text(const struct dns_report *r)
{
	char mx[DNS_MAX_MX * (DNSREC_NAME_MAX + 8)] = "";

	printf("%s — %s\n", r->domain, cli_verdict_word((int)r->verdict));
	if (r->error_code != NULL) {
		cli_error_text(r->error_code, r->error_fr, r->error_en);
		return;
	}
	for (size_t i = 0; i < r->nmx; i++) {
		size_t len = strlen(mx);

		snprintf(mx + len, sizeof mx - len, "%s%u %s", i ? ", " : "", r->mx_pref[i],
		         r->mx[i]);
	}
	dns_cmd_line("MX:", mx);
	for (size_t i = 0; i < r->nmx && i < DNS_MX_PROBED; i++)
		if (r->mx_tls[i][0] != '\0')
			printf("  %-9s %s (%s) : %s\n", "STARTTLS:", r->mx[i], r->mx_addr[i],
			       r->mx_tls[i]);
	dns_cmd_line("SPF:", r->spf);
	dns_cmd_line("DMARC:", r->dmarc);
	dns_cmd_line("DKIM:", r->dkim);
	printf("  %-9s %s\n", "DNSSEC:", dns_cmd_dnssec(r->dnssec));
	dns_cmd_line("MTA-STS:", r->mta_sts);
	if (r->sts_mode[0] != '\0')
		printf("  %-9s mode: %s\n", "", r->sts_mode);
	dns_cmd_line("TLS-RPT:", r->tlsrpt);
	dns_cmd_line("CAA:", r->caa);
	if (r->failed[0] != '\0')
		printf("  %s %s\n",
		       cli_tr("Attention : ces consultations ont échoué, leurs contrôles sont "
		              "omis :",
		              "Note: these lookups failed, their checks are left out:"),
		       r->failed);
	if (r->nfindings == 0) {
		printf("  %s\n", cli_tr("Aucun problème trouvé.", "No problem found."));
		return;
	}
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct dns_finding *f = &r->findings[i];

		cli_finding_text((int)f->severity, f->code, f->fr, f->en, f->detail);
	}
}

static void dns_cmd_json_field(const char *name, const char *value)
{
	printf(", \"%s\": ", name);
	if (value[0] == '\0')
		printf("null");
	else
		cli_json_str(value);
}

static void dns_cmd_print_json(const struct dns_report *r, size_t idx)
{
	printf("%s{\"domain\": ", idx ? ",\n " : " ");
	cli_json_str(r->domain);
	printf(", \"verdict\": \"%s\", \"elapsed_ms\": %.0f, \"queries\": %u",
	       dns_verdict_name(r->verdict), r->elapsed_ms, r->queries);
	if (r->error_code != NULL) {
		printf(", \"error\": {\"code\": \"%s\", \"fr\": ", r->error_code);
		cli_json_str(r->error_fr);
		printf(", \"en\": ");
		cli_json_str(r->error_en);
		printf("}}");
		return;
	}
	printf(",\n  \"mx\": [");
	for (size_t i = 0; i < r->nmx; i++) {
		printf("%s{\"preference\": %u, \"host\": ", i ? ", " : "", r->mx_pref[i]);
		cli_json_str(r->mx[i]);
		if (i < DNS_MX_PROBED) {
			dns_cmd_json_field("address", r->mx_addr[i]);
			dns_cmd_json_field("starttls", r->mx_tls[i]);
		}
		putchar('}');
	}
	putchar(']');
	dns_cmd_json_field("spf", r->spf);
	printf(", \"spf_lookups\": %d", r->spf_lookups);
	dns_cmd_json_field("dmarc", r->dmarc);
	dns_cmd_json_field("dkim_found", r->dkim);
	dns_cmd_json_field("dkim_tried", r->dkim_tried);
	printf(",\n  \"dnssec\": \"%s\"", dns_dnssec_name(r->dnssec));
	dns_cmd_json_field("dnssec_why", r->dnssec_why);
	dns_cmd_json_field("mta_sts", r->mta_sts);
	dns_cmd_json_field("mta_sts_mode", r->sts_mode);
	dns_cmd_json_field("tlsrpt", r->tlsrpt);
	dns_cmd_json_field("caa", r->caa);
	dns_cmd_json_field("failed_lookups", r->failed);
	printf(",\n  \"findings\": [");
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct dns_finding *f = &r->findings[i];

		cli_finding_json(i == 0, f->code, dns_aspect_name(f->aspect),
		                 dns_severity_name(f->severity), f->fr, f->en, f->detail);
	}
	printf("]}");
}

static int dns_cmd_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"resolver", required_argument, NULL, 'r'},
	    {"trust-anchor", required_argument, NULL, 'a'},
	    {"dkim-selector", required_argument, NULL, 's'},
	    {"timeout", required_argument, NULL, 't'},
	    {"ca", required_argument, NULL, 'c'},
	    {"no-starttls", no_argument, NULL, 'n'},
	    {"smtp-port", required_argument, NULL, 'p'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *selectors[DNS_MAX_SELECTORS];
	struct dns_options opt = {0};
	struct dns_report *reports;
	struct vg_err err = {0};
	size_t nsel = 0, n;
	int c, json = 0, rc = CLI_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'r':
			opt.resolver = optarg;
			break;
		case 'a':
			opt.trust_anchor = optarg;
			break;
		case 's': {
			char norm[DNSREC_NAME_MAX];

			if (nsel == DNS_MAX_SELECTORS)
				return cli_usage_error("dns", _("au plus %d --dkim-selector"),
				                       DNS_MAX_SELECTORS);
			if (dns_domain_normalise(optarg, norm, &err) != 0)
				return cli_usage_error("dns", "--dkim-selector: %s", err.msg);
			selectors[nsel++] = optarg;
			break;
		}
		case 't': {
			long v;

			if (cli_number(optarg, 50, 600000, &v) != 0)
				return cli_usage_error(
				    "dns",
				    _("--timeout prend des millisecondes de 50 à "
				      "600000, pas '%s'"),
				    optarg);
			opt.timeout_ms = (int)v;
			break;
		}
		case 'c':
			opt.ca_file = optarg;
			break;
		case 'n':
			opt.no_starttls = true;
			break;
		case 'p': {
			long v;

			if (cli_number(optarg, 1, 65535, &v) != 0)
				return cli_usage_error("dns",
				                       _("--smtp-port prend un port de 1 à 65535, "
				                         "pas '%s'"),
				                       optarg);
			opt.smtp_port = (unsigned)v;
			break;
		}
		case 'h':
			dns_cmd_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("dns", _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	n = (size_t)(argc - optind);
	if (n == 0)
		return cli_usage_error("dns",
		                       _("donnez au moins un DOMAINE (comme mairie-exemple.fr)"));
	if (n > DNS_MAX_DOMAINS)
		return cli_usage_error("dns", _("au plus %d domaines à la fois"), DNS_MAX_DOMAINS);
	if (nsel > 0) {
		opt.selectors = selectors;
		opt.nselectors = nsel;
	}
	reports = vg_calloc(n, sizeof *reports);
	if (dns_check_domains((const char *const *)argv + optind, n, &opt, reports, &err) != 0) {
		cli_warnx("%s", err.msg);
		free(reports);
		return cli_exit_code(&err);
	}
	if (json)
		printf("[\n");
	for (size_t i = 0; i < n; i++) {
		if (reports[i].verdict != DNS_VERDICT_PASS)
			rc = CLI_EXIT_FAIL;
		if (json) {
			dns_cmd_print_json(&reports[i], i);
		} else {
			if (i)
				putchar('\n');
			dns_cmd_print_text(&reports[i]);
		}
		dns_report_free(&reports[i]);
	}
	if (json)
		printf("\n]\n");
	free(reports);
	return rc;
}

const struct cli_cmd cmd_dns_entry = {
    "dns",
    "[--json] [--resolver ADDR[@PORT]] [--trust-anchor FILE] [--dkim-selector S] "
    "[--no-starttls] DOMAIN...",
    N_("regarder un domaine de l'extérieur : MX, SPF, DMARC, DKIM, DNSSEC, MTA-STS, TLS-RPT, CAA, "
       "STARTTLS"),
    dns_cmd_exec,
};
