/* vigie check: run a check profile on this machine (or a mounted root) and print the
 * results as a table or as JSON. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check/check.h"
#include "check/tls.h"
#include "cli.h"
#include "cmds.h"
#include "yaml_load.h"

#define CHECK_ONLY_MAX      64  /* ids given to --only */
#define CHECK_TEXT_FINDINGS 10  /* findings printed per rule in the table */
#define CHECK_TLS_MAX       256 /* targets given to --tls */

static void check_usage(FILE *f)
{
	fprintf(
	    f,
	    _("Utilisation : vigie check [--profile FICHIER|NOM] [--root DOSSIER] [--json] [--only "
	      "ID...]\n"
	      "                   [--xdev | --cross-fs] [--tls HÔTE[:PORT]|local...]\n"
	      "                   [--tls-ca FICHIER] [--tls-timeout MS]\n"
	      "\n"
	      "Lance les vérifications d'un profil (docs/check-format.md) sur cette machine :\n"
	      "droits des fichiers du serveur, et les autres sortes que le profil utilise.\n"
	      "Affiche un tableau (ou du JSON) de l'état et des constats de chaque vérification.\n"
	      "\n"
	      "Avec --tls, teste aussi la configuration TLS de ces adresses (vérifications\n"
	      "tls.web, tls.mail pour les ports de messagerie et smtp://, imap://, pop3://, et\n"
	      "tls.local pour les ports en écoute de cette machine). --tls seul ne lance que ces\n"
	      "vérifications TLS, pas le profil par défaut ; ajoutez --profile pour les deux.\n"
	      "\n"
	      "Options :\n"
	      "  -p, --profile FICHIER|NOM  profil de vérifications (par défaut : '%s', intégré)\n"
	      "  -r, --root DOSSIER       examiner DOSSIER comme s'il était / (image disque "
	      "montée,\n"
	      "                           copie)\n"
	      "  -j, --json               afficher les résultats en JSON\n"
	      "  -o, --only ID[,ID...]    ne lancer que ces vérifications (répétable)\n"
	      "      --xdev               le parcours reste sur le système de fichiers de départ\n"
	      "                           (par défaut)\n"
	      "      --cross-fs           le parcours entre aussi dans les autres systèmes de\n"
	      "                           fichiers\n"
	      "      --threads N          fils de parcours (par défaut : un par cœur, 4 au plus)\n"
	      "      --tls CIBLE          tester le TLS de CIBLE : hôte[:port] (443 par défaut),\n"
	      "                           [IPv6]:port, smtp://hôte[:port], imap://..., "
	      "pop3://...,\n"
	      "                           ou local pour les ports en écoute de cette machine\n"
	      "                           (répétable)\n"
	      "      --tls-ca FICHIER     ne faire confiance qu'aux certificats d'autorité de\n"
	      "                           FICHIER (PEM) pour --tls\n"
	      "      --tls-timeout MS     délai de connexion et de négociation de --tls, chacun\n"
	      "                           (5000 par défaut)\n"
	      "      --lang fr|en         langue du tableau\n"
	      "  -h, --help               afficher cette aide\n"
	      "\n"
	      "Codes de sortie : 0 toutes les vérifications réussies (ou sautées), 1 constats,\n"
	      "avertissements ou vérification impossible, 2 erreur d'utilisation ou profil\n"
	      "invalide.\n"),
	    VIGIE_DEFAULT_PROFILE);
}

/* Prints s as a JSON string: escapes, and U+FFFD for bytes that are not UTF-8. */
static void check_json_str(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	while (*p != '\0') {
		size_t n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 0;
		size_t bad;

		if (*p == '"' || *p == '\\') {
			printf("\\%c", *p);
		} else if (*p < 0x20 || *p == 0x7f) {
			printf("\\u%04x", *p);
		} else if (n == 1) {
			putchar(*p);
		} else if (n > 1 && strnlen((const char *)p, n) == n &&
		           vg_utf8_valid((const char *)p, n, &bad)) {
			fwrite(p, 1, n, stdout);
			p += n;
			continue;
		} else {
			fputs("\\ufffd", stdout);
		}
		p++;
	}
	putchar('"');
}

static void check_print_json(const struct check_profile *prof, const char *root,
                             const struct check_result *r, size_t n)
{
	size_t count[5] = {0};

	printf("{\"format\": \"vigie-check-results/1\",\n \"profile\": {\"id\": ");
	check_json_str(prof->id);
	printf(", \"version\": ");
	check_json_str(prof->version);
	printf(", \"source\": ");
	check_json_str(prof->source);
	printf("},\n \"root\": ");
	check_json_str(root);
	printf(",\n \"checks\": [");
	for (size_t i = 0; i < n; i++) {
		const struct check_def *d = r[i].def;
		int cap = check_cap(&r[i]);

		count[r[i].status]++;
		printf("%s\n  {\"id\": ", i ? "," : "");
		check_json_str(d->id);
		printf(", \"kind\": \"%s\", \"severity\": \"%s\", \"status\": \"%s\", ",
		       d->kind->name, check_severity_name(d->severity),
		       model_check_status_name(r[i].status));
		printf("\"reason\": ");
		check_json_str(r[i].reason);
		printf(", \"duration\": %.3f, \"examined\": %zu, \"dropped\": %zu, \"cap\": ",
		       r[i].duration, r[i].examined, r[i].dropped);
		if (cap < 0)
			printf("null");
		else
			printf("%d", cap);
		printf(", \"informs\": [");
		for (size_t j = 0; j < d->ninforms; j++) {
			printf("%s", j ? ", " : "");
			check_json_str(d->informs[j]);
		}
		printf("], \"title\": ");
		check_json_str(model_text(&d->title, cli_lang));
		printf(",\n   \"rules\": [");
		for (size_t j = 0; j < r[i].nrules; j++) {
			const struct check_rule_sum *s = &r[i].rules[j];

			printf("%s\n    {\"rule\": ", j ? "," : "");
			check_json_str(s->rule);
			printf(", \"level\": \"%s\", \"count\": %zu, \"shown\": %zu, \"cap\": ",
			       model_check_status_name(s->level), s->count, s->shown);
			if (s->level == VG_CHECK_FAIL)
				printf("%d", check_rule_cap(d, s));
			else
				printf("null");
			printf(", \"label\": ");
			check_json_str(model_text(&s->label, cli_lang));
			printf(", \"action\": ");
			check_json_str(model_text(&s->action, cli_lang));
			printf(", \"top_dirs\": [");
			for (size_t k = 0; k < s->ntop; k++) {
				printf("%s{\"path\": ", k ? ", " : "");
				check_json_str(s->top[k].path);
				printf(", \"count\": %zu}", s->top[k].count);
			}
			printf("]}");
		}
		printf("],\n   \"summary_text\": ");
		check_json_str(r[i].summary.fr != NULL ? model_text(&r[i].summary, cli_lang)
		                                       : NULL);
		printf(",\n   \"findings\": [");
		for (size_t j = 0; j < r[i].nfindings; j++) {
			const struct check_finding *f = &r[i].findings[j];

			printf("%s\n    {\"level\": \"%s\", \"rule\": \"%s\", \"path\": ",
			       j ? "," : "", model_check_status_name(f->level), f->rule);
			check_json_str(f->path);
			printf(", \"observed\": ");
			check_json_str(f->observed);
			printf(", \"expected\": ");
			check_json_str(f->expected);
			printf("}");
		}
		printf("]}");
	}
	printf("],\n \"summary\": {\"pass\": %zu, \"warn\": %zu, \"fail\": %zu, \"error\": %zu, "
	       "\"skipped\": %zu}}\n",
	       count[VG_CHECK_PASS], count[VG_CHECK_WARN], count[VG_CHECK_FAIL],
	       count[VG_CHECK_ERROR], count[VG_CHECK_SKIPPED]);
}

static const char *check_status_label(enum vg_check_status s)
{
	switch (s) {
	case VG_CHECK_PASS:
		return cli_tr("OK", "PASS");
	case VG_CHECK_WARN:
		return cli_tr("ATTENTION", "WARN");
	case VG_CHECK_FAIL:
		return cli_tr("ÉCHEC", "FAIL");
	case VG_CHECK_ERROR:
		return cli_tr("ERREUR", "ERROR");
	default:
		return cli_tr("IGNORÉ", "SKIPPED");
	}
}

static const char *check_severity_label(enum check_severity s)
{
	return s == CHECK_SEV_HIGH     ? cli_tr("haute", "high")
	       : s == CHECK_SEV_MEDIUM ? cli_tr("moyenne", "medium")
	                               : cli_tr("basse", "low");
}

/* Prints a label padded to width columns (counting characters, not bytes). */
static void check_pad(const char *s, int width)
{
	int cols = 0;

	for (const char *p = s; *p; p++)
		cols += ((unsigned char)*p & 0xc0) != 0x80;
	fputs(s, stdout);
	for (; cols < width; cols++)
		putchar(' ');
}

/* One rule of a check: "! label (rule) : count[, first N shown][; mostly in DIR (n), ...]"
 * then "-> what to do". */
static void check_print_rule(const struct check_def *d, const struct check_rule_sum *s)
{
	const char *label = model_text(&s->label, cli_lang);

	/* A rule without a title of its own (the TLS findings' codes) is named once. */
	printf("%20s%s %s", "", s->level == VG_CHECK_WARN ? "?" : "!", label);
	if (strcmp(label, s->rule) != 0)
		printf(" (%s)", s->rule);
	printf("%s %zu", cli_tr(" :", ":"), s->count);
	if (s->shown < s->count && cli_lang == VG_LANG_EN)
		printf(", first %zu shown", s->shown);
	else if (s->shown < s->count)
		printf(", %zu premiers montrés", s->shown);
	for (size_t k = 0; k < s->ntop && s->count > 3; k++) {
		struct vg_buf pb;

		/* Top directories are walked paths too: cleaned like the findings' paths. */
		vg_buf_init(&pb, 0);
		printf("%s%s (%zu)", k ? ", " : cli_tr(" ; surtout dans ", "; mostly in "),
		       vg_term_clean(&pb, s->top[k].path), s->top[k].count);
		vg_buf_free(&pb);
	}
	putchar('\n');
	if (s->action.fr != d->remediation.fr) /* else said once, at the end */
		printf("%22s-> %s\n", "", model_text(&s->action, cli_lang));
}

static void check_print_text(const struct check_profile *prof, const char *root,
                             const struct check_result *r, size_t n)
{
	size_t count[5] = {0};

	printf("%s %s %s", cli_tr("Profil :", "Profile:"), prof->id, prof->version);
	if (strcmp(root, "/") != 0)
		printf(" (%s %s)", cli_tr("racine", "root"), root);
	printf("\n\n");
	for (size_t i = 0; i < n; i++) {
		const struct check_def *d = r[i].def;

		count[r[i].status]++;
		check_pad(check_status_label(r[i].status), 10);
		check_pad(check_severity_label(d->severity), 9);
		printf("%-24s %s\n", d->id, model_text(&d->title, cli_lang));
		if (r[i].reason != NULL)
			printf("%20s%s\n", "", r[i].reason);
		for (size_t k = 0; k < r[i].nrules; k++) {
			const struct check_rule_sum *s = &r[i].rules[k];
			size_t shown = 0;

			check_print_rule(d, s);
			for (size_t j = 0; j < r[i].nfindings && shown < CHECK_TEXT_FINDINGS; j++) {
				const struct check_finding *f = &r[i].findings[j];

				if (f->level != s->level || strcmp(f->rule, s->rule) != 0)
					continue;
				struct vg_buf pb;

				shown++;
				/* A walked path is any name a user could give a file: cleaned. */
				vg_buf_init(&pb, 0);
				printf("%22s%s %s%s %s (%s %s)\n", "",
				       f->level == VG_CHECK_WARN ? "?" : "!",
				       vg_term_clean(&pb, f->path), cli_tr(" :", ":"), f->observed,
				       cli_tr("attendu :", "expected:"), f->expected);
				vg_buf_free(&pb);
			}
			if (s->count > shown)
				printf("%22s%s %zu %s\n", "", cli_tr("... et", "... and"),
				       s->count - shown,
				       s->shown > shown
				           ? cli_tr("autres (--json pour les premiers)",
				                    "more (--json for the first ones)")
				           : cli_tr("autres", "more"));
		}
		if (r[i].status == VG_CHECK_FAIL)
			printf("%20s-> %s\n", "", model_text(&d->remediation, cli_lang));
	}
	printf("\n");
	printf(ngettext("%zu contrôle : ", "%zu contrôles : ", n), n);
	printf(ngettext("%zu réussi, ", "%zu réussis, ", count[VG_CHECK_PASS]),
	       count[VG_CHECK_PASS]);
	printf(_("%zu en échec, "), count[VG_CHECK_FAIL]);
	printf(_("%zu avec avertissement, "), count[VG_CHECK_WARN]);
	printf(_("%zu en erreur, "), count[VG_CHECK_ERROR]);
	printf(ngettext("%zu ignoré\n", "%zu ignorés\n", count[VG_CHECK_SKIPPED]),
	       count[VG_CHECK_SKIPPED]);
}

/* Progress on a terminal: one line, rewritten in place. */
static void check_progress(void *arg, const char *check_id, size_t examined)
{
	(void)arg;
	fprintf(stderr, "\r%s : %zu %s", check_id, examined,
	        cli_tr("entrées examinées", "entries examined"));
	fflush(stderr);
}

/* Appends s to b as a YAML double-quoted scalar. */
static void check_yaml_quote(struct vg_buf *b, const char *s)
{
	vg_buf_puts(b, "\"");
	for (; *s != '\0'; s++)
		vg_buf_printf(b, *s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
	vg_buf_puts(b, "\"");
}

/* Whether a --tls target is a mail service: STARTTLS, or the ports of SMTPS, IMAPS, POP3S. */
static bool check_tls_is_mail(const struct tls_target *t)
{
	enum tls_starttls st =
	    t->starttls == TLS_STARTTLS_AUTO ? tls_starttls_for_port(t->port) : t->starttls;

	return st != TLS_STARTTLS_NONE || t->port == 465 || t->port == 993 || t->port == 995;
}

/* Appends one ad-hoc tls check of the targets of args whose class is cls (0 web, 1 mail,
 * 2 local); nothing when there are none. */
static void check_tls_yaml_check(struct vg_buf *b, const char *const *args, const int *cls,
                                 size_t n, int which, const char *ca, long timeout)
{
	static const char *const ids[] = {"tls.web", "tls.mail", "tls.local"};
	static const char *const titles[] = {
	    "{fr: \"Configuration TLS des sites web (HTTPS)\", "
	    "en: \"TLS configuration of the websites (HTTPS)\"}",
	    "{fr: \"Configuration TLS de la messagerie\", "
	    "en: \"TLS configuration of the mail service\"}",
	    "{fr: \"Configuration TLS des services qui écoutent sur cette machine\", "
	    "en: \"TLS configuration of the services listening on this machine\"}",
	};
	static const char *const informs[] = {
	    "[messagerie_web.site_https]",
	    "[messagerie_web.messagerie_tls]",
	    "[messagerie_web.site_https, messagerie_web.messagerie_tls]",
	};
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += cls[i] == which;
	if (k == 0)
		return;
	vg_buf_printf(b, "  - id: %s\n    kind: tls\n    params:\n      targets: [", ids[which]);
	k = 0;
	for (size_t i = 0; i < n; i++) {
		if (cls[i] != which)
			continue;
		vg_buf_puts(b, k++ ? ", " : "");
		check_yaml_quote(b, args[i]);
	}
	vg_buf_puts(b, "]\n");
	if (ca != NULL) {
		vg_buf_puts(b, "      ca: ");
		check_yaml_quote(b, ca);
		vg_buf_puts(b, "\n");
	}
	if (timeout > 0)
		vg_buf_printf(b, "      timeout_ms: %ld\n", timeout);
	vg_buf_printf(b,
	              "    severity: high\n    title: %s\n"
	              "    remediation: {fr: \"Transmettez ces constats à l'hébergeur ou au "
	              "prestataire : chaque phrase dit quoi lui demander.\", en: \"Send these "
	              "findings to the host or provider: each sentence says what to ask for.\"}\n"
	              "    informs: %s\n",
	              titles[which], informs[which]);
}

/* Builds the ad-hoc profile of --tls: tls.web, tls.mail and tls.local as the targets
 * require. Returns -1 with err set for a target that does not parse. */
static int check_tls_profile(const char *const *args, size_t n, const char *ca, long timeout,
                             struct check_profile **out, struct vg_err *err)
{
	struct vg_buf b;
	int *cls = vg_calloc(n, sizeof *cls), rc;

	for (size_t i = 0; i < n; i++) {
		struct tls_target t;
		char host[256];

		if (strcmp(args[i], "local") == 0) {
			cls[i] = 2;
			continue;
		}
		for (const char *p = args[i]; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				free(cls);
				return vg_err_set(
				    err, VG_EUSAGE,
				    _("--tls : un caractère de contrôle dans une cible"));
			}
		if (tls_parse_target(args[i], host, sizeof host, &t, err) != 0) {
			free(cls);
			return -1;
		}
		cls[i] = check_tls_is_mail(&t) ? 1 : 0;
	}
	if (ca != NULL)
		for (const char *p = ca; *p != '\0'; p++)
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				free(cls);
				return vg_err_set(err, VG_EUSAGE,
				                  _("--tls-ca : un caractère de contrôle dans le "
				                    "nom de fichier"));
			}
	vg_buf_init(&b, 1u << 20);
	vg_buf_puts(&b, "format: vigie-checks/1\nid: tls-cli\nversion: \"1\"\n"
	                "title: {fr: \"Contrôles TLS de la ligne de commande\", "
	                "en: \"TLS checks of the command line\"}\n"
	                "questionnaire: communes\nchecks:\n");
	for (int which = 0; which < 3; which++)
		check_tls_yaml_check(&b, args, cls, n, which, ca, timeout);
	rc = yaml_load_checks("--tls", b.data, b.len, NULL, out, err);
	vg_buf_free(&b);
	free(cls);
	return rc;
}

static int check_add_only(const char **only, size_t *nonly, char *arg)
{
	for (char *tok = strtok(arg, ","); tok != NULL; tok = strtok(NULL, ",")) {
		if (*nonly >= CHECK_ONLY_MAX)
			return -1;
		only[(*nonly)++] = tok;
	}
	return 0;
}

static int cmd_check_exec(int argc, char **argv)
{
	enum { OPT_XDEV = 256, OPT_CROSS, OPT_THREADS, OPT_LANG, OPT_TLS, OPT_TLS_CA, OPT_TLS_TO };
	static const struct option longopts[] = {
	    {"profile", required_argument, NULL, 'p'},
	    {"root", required_argument, NULL, 'r'},
	    {"json", no_argument, NULL, 'j'},
	    {"only", required_argument, NULL, 'o'},
	    {"xdev", no_argument, NULL, OPT_XDEV},
	    {"cross-fs", no_argument, NULL, OPT_CROSS},
	    {"threads", required_argument, NULL, OPT_THREADS},
	    {"lang", required_argument, NULL, OPT_LANG},
	    {"tls", required_argument, NULL, OPT_TLS},
	    {"tls-ca", required_argument, NULL, OPT_TLS_CA},
	    {"tls-timeout", required_argument, NULL, OPT_TLS_TO},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *parg = NULL, *only[CHECK_ONLY_MAX], *tls[CHECK_TLS_MAX], *tls_ca = NULL;
	struct check_env env = {0};
	struct check_profile *prof = NULL, *tprof = NULL;
	struct check_result *res = NULL, *tres = NULL;
	struct vg_err err = {0};
	size_t nonly = 0, nres = 0, ntls = 0, ntres = 0;
	int c, json = 0, rc = CLI_EXIT_OK;
	long tls_timeout = 0;
	char *end;

	env.root = "/";
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+p:r:jo:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p':
			parg = optarg;
			break;
		case 'r':
			env.root = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'o':
			if (check_add_only(only, &nonly, optarg) != 0)
				return cli_usage_error("check",
				                       _("plus de %d identifiants donnés à --only"),
				                       CHECK_ONLY_MAX);
			break;
		case OPT_XDEV:
			env.cross_fs = false;
			break;
		case OPT_CROSS:
			env.cross_fs = true;
			break;
		case OPT_THREADS:
			env.threads = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || env.threads < 1 || env.threads > 64)
				return cli_usage_error(
				    "check", _("--threads prend de 1 à 64, pas '%s'"), optarg);
			break;
		case OPT_LANG:
			if (strcmp(optarg, "fr") == 0)
				cli_lang = VG_LANG_FR;
			else if (strcmp(optarg, "en") == 0)
				cli_lang = VG_LANG_EN;
			else
				return cli_usage_error(
				    "check", _("--lang prend fr ou en, pas '%s'"), optarg);
			break;
		case OPT_TLS:
			if (ntls >= CHECK_TLS_MAX)
				return cli_usage_error(
				    "check", _("plus de %d cibles données à --tls"), CHECK_TLS_MAX);
			tls[ntls++] = optarg;
			break;
		case OPT_TLS_CA:
			tls_ca = optarg;
			break;
		case OPT_TLS_TO:
			tls_timeout = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || tls_timeout < 50 ||
			    tls_timeout > 600000)
				return cli_usage_error("check",
				                       _("--tls-timeout prend des millisecondes, "
				                         "de 50 à 600000, pas '%s'"),
				                       optarg);
			break;
		case 'h':
			check_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("check",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	/* --only ID ID...: further ids after the options. */
	for (; optind < argc; optind++) {
		if (nonly == 0)
			return cli_usage_error("check", _("argument inattendu '%s'"), argv[optind]);
		if (check_add_only(only, &nonly, argv[optind]) != 0)
			return cli_usage_error(
			    "check", _("plus de %d identifiants donnés à --only"), CHECK_ONLY_MAX);
	}
	if (ntls == 0 && (tls_ca != NULL || tls_timeout > 0))
		return cli_usage_error("check", _("--tls-ca et --tls-timeout vont avec --tls"));
	if (ntls > 0 && parg == NULL && nonly > 0)
		return cli_usage_error("check", _("--only choisit des vérifications de --profile ; "
		                                  "avec --tls seul, aucun profil n'est lancé"));
	env.lang = cli_lang;
	if (ntls > 0 && check_tls_profile(tls, ntls, tls_ca, tls_timeout, &tprof, &err) != 0)
		return cli_usage_error("check", "%s", err.msg);
	if ((ntls == 0 || parg != NULL) && cli_load_profile(parg, &prof, &err) != 0) {
		cli_errline(err.msg);
		check_profile_free(tprof);
		return CLI_EXIT_USAGE;
	}
	if (!json && isatty(STDERR_FILENO))
		env.progress = check_progress;
	if ((prof != NULL && check_run_profile(prof, &env, only, nonly, &res, &nres, &err) != 0) ||
	    (tprof != NULL && check_run_profile(tprof, &env, NULL, 0, &tres, &ntres, &err) != 0)) {
		cli_warnx("%s", err.msg);
		check_results_free(res, nres);
		check_profile_free(prof);
		check_profile_free(tprof);
		return CLI_EXIT_USAGE;
	}
	if (env.progress != NULL)
		fputs("\r\033[K", stderr);
	/* One list: the profile's results, then those of --tls. */
	if (ntres > 0) {
		res = vg_reallocarray(res, nres + ntres, sizeof *res);
		memcpy(res + nres, tres, ntres * sizeof *res);
		nres += ntres;
		free(tres);
	}
	if (json)
		check_print_json(prof != NULL ? prof : tprof, env.root, res, nres);
	else
		check_print_text(prof != NULL ? prof : tprof, env.root, res, nres);
	for (size_t i = 0; i < nres; i++)
		if (res[i].status != VG_CHECK_PASS && res[i].status != VG_CHECK_SKIPPED)
			rc = CLI_EXIT_FAIL;
	check_results_free(res, nres);
	check_profile_free(prof);
	check_profile_free(tprof);
	return rc;
}

const struct cli_cmd cmd_check_entry = {
    "check",
    "[--profile FILE] [--root DIR] [--json] [--only ID...] [--tls HOST[:PORT]...]",
    N_("lancer les vérifications automatiques (droits des fichiers...) et afficher les constats"),
    cmd_check_exec,
};
