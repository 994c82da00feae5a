/* vigie tls: probe the TLS configuration of endpoints and say what to fix. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "check/tls.h"
#include "cli.h"
#include "cmds.h"

#define TLS_CMD_MAX_TARGETS 256

static void tls_cmd_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie tls [--ca FICHIER] [--json] [--timeout MS] [--local] CIBLE...\n"
	      "\n"
	      "Teste la configuration TLS de chaque adresse (site internet, webmail, portail\n"
	      "d'accès à distance, NAS, page d'administration du pare-feu...) : versions du\n"
	      "protocole, suites de chiffrement, certificat et HSTS, et dit en une phrase par\n"
	      "constat ce qu'il faut demander à l'hébergeur. Les adresses sont testées en\n"
	      "parallèle.\n"
	      "\n"
	      "CIBLE est hôte[:port] (port 443 par défaut), [IPv6]:port, ou smtp://hôte[:port],\n"
	      "imap://..., pop3://... pour STARTTLS. Les ports 25 et 587 utilisent SMTP\n"
	      "STARTTLS, 143 IMAP et 110 POP3 ; les autres ports du TLS direct.\n"
	      "\n"
	      "Options :\n"
	      "  --ca FICHIER     ne faire confiance qu'aux certificats d'autorité de FICHIER\n"
	      "                   (PEM), pas à ceux du système\n"
	      "  --json           afficher les rapports en JSON\n"
	      "  --timeout MS     délai de connexion et de négociation, chacun (5000 par défaut)\n"
	      "  --threads N      tests simultanés (12 par défaut)\n"
	      "  --local          tester aussi les ports TCP en écoute de cette machine\n"
	      "                   (/proc/net/tcp et tcp6) ; ceux qui ne parlent pas TLS sont\n"
	      "                   signalés comme tels\n"
	      "  -h, --help       afficher cette aide\n"
	      "\n"
	      "SSLv2 et SSLv3 ne peuvent pas être testés : l'OpenSSL de Debian ne les parle plus.\n"
	      "\n"
	      "Codes de sortie : 0 toutes les adresses sont bonnes, 1 constats (avertissement ou\n"
	      "échec) ou adresse impossible à tester, 2 erreur d'utilisation.\n"),
	    f);
}

/* cli_verdict_word and cli_severity_word name the values in this order. */
_Static_assert(TLS_VERDICT_PASS == 0 && TLS_VERDICT_WARN == 1 && TLS_VERDICT_FAIL == 2,
               "verdict order");
_Static_assert(TLS_SEV_INFO == 0 && TLS_SEV_LOW == 1 && TLS_SEV_MEDIUM == 2 && TLS_SEV_HIGH == 3,
               "severity order");

static void tls_cmd_date(time_t t, char *out, size_t n)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d", &tm);
}

static void tls_cmd_print_text(const struct tls_report *r)
{
	char nb[16], na[16];

	printf("%s:%u%s%s — %s\n", r->host, r->port, r->starttls != TLS_STARTTLS_NONE ? " " : "",
	       r->starttls != TLS_STARTTLS_NONE ? tls_starttls_name(r->starttls) : "",
	       cli_verdict_word((int)r->verdict));
	if (r->error_code != NULL) {
		cli_error_text(r->error_code, r->error_fr, r->error_en);
		return;
	}
	printf("  %s", cli_tr("Versions :", "Versions:"));
	for (int v = 0; v < TLS_NVERSIONS; v++)
		printf(" %s %s%s", tls_version_name((enum tls_version)v),
		       r->accepted[v] ? cli_tr("oui", "yes") : cli_tr("non", "no"),
		       v + 1 < TLS_NVERSIONS ? "," : "\n");
	printf("  %s\n",
	       cli_tr("SSLv2, SSLv3 : non testés (l'OpenSSL de Debian ne les parle plus)",
	              "SSLv2, SSLv3: not tested (Debian's OpenSSL no longer speaks them)"));
	for (int v = TLS_NVERSIONS - 1; v >= 0; v--) {
		if (r->nsuites[v] == 0)
			continue;
		printf("  %s (%s)%s", tls_version_name((enum tls_version)v),
		       r->server_order[v] == 1   ? cli_tr("ordre du serveur", "server order")
		       : r->server_order[v] == 0 ? cli_tr("ordre du client", "client order")
		                                 : cli_tr("ordre inconnu", "order unknown"),
		       cli_tr(" :", ":"));
		for (size_t i = 0; i < r->nsuites[v]; i++)
			printf(" %s%s", r->suites[v][i].name, r->suites[v][i].weak ? "(!)" : "");
		putchar('\n');
	}
	if (r->incomplete)
		printf("  %s\n",
		       cli_tr("Attention : des connexions ont échoué, les listes peuvent "
		              "être incomplètes.",
		              "Note: some connections failed, the lists may be partial."));
	if (r->cert.present) {
		tls_cmd_date(r->cert.not_before, nb, sizeof nb);
		tls_cmd_date(r->cert.not_after, na, sizeof na);
		printf("  %s %s, %s %s, %s %s → %s, %s %d bits, %s\n",
		       cli_tr("Certificat :", "Certificate:"), r->cert.subject,
		       cli_tr("émis par", "issued by"), r->cert.issuer, cli_tr("valide", "valid"),
		       nb, na, r->cert.key_type, r->cert.key_bits, r->cert.sig_alg);
		if (r->cert.sans[0] != '\0')
			printf("  %s %s\n", cli_tr("Noms :", "Names:"), r->cert.sans);
	}
	if (r->http == 1)
		printf("  %s %s\n", cli_tr("HSTS :", "HSTS:"),
		       r->hsts == 1 ? r->hsts_value : cli_tr("absent", "absent"));
	if (r->nfindings == 0) {
		printf("  %s\n", cli_tr("Aucun problème trouvé.", "No problem found."));
		return;
	}
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct tls_finding *f = &r->findings[i];

		cli_finding_text((int)f->severity, f->code, f->fr, f->en, f->detail);
	}
}

static void tls_cmd_print_json(const struct tls_report *r, size_t idx)
{
	printf("%s{\"host\": ", idx ? ",\n " : " ");
	cli_json_str(r->host);
	printf(", \"port\": %u, \"starttls\": \"%s\", \"address\": ", r->port,
	       tls_starttls_name(r->starttls));
	cli_json_str(r->address);
	printf(", \"verdict\": \"%s\", \"elapsed_ms\": %.0f, \"handshakes\": %u",
	       tls_verdict_name(r->verdict), r->elapsed_ms, r->handshakes);
	if (r->error_code != NULL) {
		printf(", \"error\": {\"code\": \"%s\", \"fr\": ", r->error_code);
		cli_json_str(r->error_fr);
		printf(", \"en\": ");
		cli_json_str(r->error_en);
		printf("}}");
		return;
	}
	printf(",\n  \"untested\": [\"SSLv2\", \"SSLv3\"], \"versions\": {");
	for (int v = 0; v < TLS_NVERSIONS; v++) {
		printf("%s\"%s\": {\"accepted\": %s, \"server_order\": %s, \"suites\": [",
		       v ? ", " : "", tls_version_name((enum tls_version)v),
		       r->accepted[v] ? "true" : "false",
		       r->server_order[v] == 1   ? "true"
		       : r->server_order[v] == 0 ? "false"
		                                 : "null");
		for (size_t i = 0; i < r->nsuites[v]; i++)
			printf(
			    "%s{\"name\": \"%s\", \"iana\": \"%s\", \"id\": \"0x%04x\", \"weak\": "
			    "%s}",
			    i ? ", " : "", r->suites[v][i].name, r->suites[v][i].iana,
			    r->suites[v][i].id, r->suites[v][i].weak ? "true" : "false");
		printf("]}");
	}
	printf("}, \"incomplete\": %s,\n  \"certificate\": ", r->incomplete ? "true" : "false");
	if (!r->cert.present) {
		printf("null");
	} else {
		char nb[16], na[16];

		tls_cmd_date(r->cert.not_before, nb, sizeof nb);
		tls_cmd_date(r->cert.not_after, na, sizeof na);
		printf("{\"subject\": ");
		cli_json_str(r->cert.subject);
		printf(", \"issuer\": ");
		cli_json_str(r->cert.issuer);
		printf(", \"names\": ");
		cli_json_str(r->cert.sans);
		printf(", \"not_before\": \"%s\", \"not_after\": \"%s\", \"key\": \"%s\", "
		       "\"key_bits\": %d, \"signature\": ",
		       nb, na, r->cert.key_type, r->cert.key_bits);
		cli_json_str(r->cert.sig_alg);
		printf(", \"chain_sent\": %d, \"verify_error\": %d, \"verify_reason\": ",
		       r->cert.chain_sent, r->cert.verify_error);
		cli_json_str(r->cert.verify_reason);
		printf(", \"hostname_ok\": %s}", !r->cert.hostname_checked ? "null"
		                                 : r->cert.hostname_ok     ? "true"
		                                                           : "false");
	}
	printf(",\n  \"http\": %s, \"hsts\": ", r->http == 1   ? "true"
	                                        : r->http == 0 ? "false"
	                                                       : "null");
	if (r->hsts == 1)
		cli_json_str(r->hsts_value);
	else
		printf("%s", r->hsts == 0 ? "false" : "null");
	printf(",\n  \"findings\": [");
	for (size_t i = 0; i < r->nfindings; i++) {
		const struct tls_finding *f = &r->findings[i];

		cli_finding_json(i == 0, f->code, NULL, tls_severity_name(f->severity), f->fr,
		                 f->en, f->detail);
	}
	printf("]}");
}

static int cmd_tls_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"ca", required_argument, NULL, 'c'},
	    {"json", no_argument, NULL, 'j'},
	    {"timeout", required_argument, NULL, 't'},
	    {"threads", required_argument, NULL, 'T'},
	    {"local", no_argument, NULL, 'l'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct tls_options opt = {0};
	struct tls_target *targets = NULL, *local = NULL;
	struct tls_report *reports;
	char(*bufs)[256] = NULL;
	size_t n = 0, nlocal = 0, nargs;
	struct vg_err err = {0};
	int c, json = 0, uselocal = 0, rc = CLI_EXIT_OK;
	long num;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			opt.ca_file = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 't':
			if (cli_number(optarg, 50, 600000, &num) != 0)
				return cli_usage_error("tls",
				                       _("--timeout prend des millisecondes, de 50 "
				                         "à 600000, pas '%s'"),
				                       optarg);
			opt.timeout_ms = (int)num;
			break;
		case 'T':
			if (cli_number(optarg, 1, 64, &num) != 0)
				return cli_usage_error(
				    "tls", _("--threads prend de 1 à 64, pas '%s'"), optarg);
			opt.threads = (int)num;
			break;
		case 'l':
			uselocal = 1;
			break;
		case 'h':
			tls_cmd_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("tls", _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	nargs = (size_t)(argc - optind);
	if (nargs == 0 && !uselocal)
		return cli_usage_error("tls",
		                       _("donnez au moins une CIBLE (hôte[:port]) ou --local"));
	if (nargs > TLS_CMD_MAX_TARGETS)
		return cli_usage_error("tls", _("au plus %d cibles à la fois"),
		                       TLS_CMD_MAX_TARGETS);
	if (uselocal &&
	    tls_local_targets(getenv("VIGIE_TEST_PROC_NET"), &local, &nlocal, &err) != 0) {
		cli_warnx("--local: %s", err.msg);
		return CLI_EXIT_FAIL;
	}
	targets = vg_calloc(nargs + nlocal + 1, sizeof *targets);
	bufs = vg_calloc(nargs + 1, sizeof *bufs);
	for (size_t i = 0; i < nargs; i++) {
		if (tls_parse_target(argv[optind + (int)i], bufs[i], sizeof bufs[i], &targets[n],
		                     &err) != 0) {
			free(targets);
			free(bufs);
			tls_targets_free(local, nlocal);
			return cli_usage_error("tls", "%s", err.msg);
		}
		n++;
	}
	for (size_t i = 0; i < nlocal; i++)
		targets[n++] = local[i];
	reports = vg_calloc(n + 1, sizeof *reports);
	if (tls_probe_endpoints(targets, n, &opt, reports, &err) != 0) {
		cli_warnx("%s", err.msg);
		rc = cli_exit_code(&err);
		goto out;
	}
	if (json)
		printf("[\n");
	for (size_t i = 0, shown = 0; i < n; i++) {
		const struct tls_report *r = &reports[i];
		bool from_local = i >= nargs;

		/* A local socket that does not answer TLS is listed, not counted as failure. */
		if (from_local && r->error_code != NULL &&
		    strcmp(r->error_code, "connect_refused")) {
			if (!json)
				printf("%s:%u — %s (%s)\n", r->host, r->port,
				       cli_tr("pas de TLS", "no TLS"), r->error_code);
			continue;
		}
		if (r->verdict != TLS_VERDICT_PASS)
			rc = CLI_EXIT_FAIL;
		if (json) {
			tls_cmd_print_json(r, shown);
		} else {
			if (shown)
				putchar('\n');
			tls_cmd_print_text(r);
		}
		shown++;
	}
	if (json)
		printf("\n]\n");
out:
	for (size_t i = 0; i < n; i++)
		tls_report_free(&reports[i]);
	free(reports);
	free(targets);
	free(bufs);
	tls_targets_free(local, nlocal);
	return rc;
}

const struct cli_cmd cmd_tls_entry = {
    "tls",
    "[--ca FILE] [--json] [--timeout MS] [--local] TARGET...",
    N_("tester la configuration TLS d'adresses (versions, suites, certificat, HSTS)"),
    cmd_tls_exec,
};
