/* vigie compare: what changed between two scorecards of one organisation. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "report.h"
#include "scorecard.h"

static void compare_usage(FILE *f)
{
	fputs(_("Utilisation : vigie compare [--force] [--lang fr|en] [-q QUESTIONNAIRE] ANCIENNE "
	        "NOUVELLE\n"
	        "\n"
	        "Affiche ce qui a changé entre deux fiches de résultat d'une même collectivité :\n"
	        "note, scores par thème, réponses en hausse ou en baisse, constats nouveaux ou\n"
	        "corrigés.\n"
	        "\n"
	        "Options :\n"
	        "  -f, --force        comparer même quand la collectivité (code INSEE ou nom) ou\n"
	        "                     l'identifiant du questionnaire diffèrent\n"
	        "  -l, --lang fr|en   langue de l'affichage (par défaut : celle de vigie)\n"
	        "  -q, --questionnaire FICHIER  le questionnaire de NOUVELLE, pour le texte des\n"
	        "                     questions (par défaut : celui intégré, si son SHA-256\n"
	        "                     correspond)\n"
	        "  -h, --help         afficher cette aide\n"
	        "\n"
	        "Codes de sortie : 0 comparé, 1 entrée invalide ou fiches non comparables,\n"
	        "2 erreur d'utilisation.\n"),
	      f);
}

static int cmd_compare_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"force", no_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct scorecard *o = NULL, *n = NULL;
	struct vg_err err = {0};
	enum vg_lang lang = cli_lang;
	struct vg_buf out;
	char why[512];
	struct vg_questionnaire *q = NULL;
	struct report_opts ro = {0};
	const char *qarg = NULL;
	int c, force = 0, rc = CLI_EXIT_OK;

	optind = 0; /* 0: glibc starts afresh, options may follow the files */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "fl:q:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 'l':
			if (strcmp(optarg, "fr") == 0)
				lang = VG_LANG_FR;
			else if (strcmp(optarg, "en") == 0)
				lang = VG_LANG_EN;
			else
				return cli_usage_error(
				    "compare", _("--lang prend fr ou en, pas '%s'"), optarg);
			break;
		case 'q':
			qarg = optarg;
			break;
		case 'h':
			compare_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("compare",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("compare",
		                       _("deux fiches sont nécessaires : ANCIENNE NOUVELLE"));
	if (scorecard_read_file(argv[optind], &o, &err) != 0 ||
	    scorecard_read_file(argv[optind + 1], &n, &err) != 0) {
		cli_warnx("%s", err.msg);
		scorecard_free(o);
		return cli_exit_code(&err);
	}
	if (!force && report_mismatch(o, n, why, sizeof why)) {
		cli_warnx(_("%s et %s : %s ; --force pour les comparer quand même"), argv[optind],
		          argv[optind + 1], why);
		scorecard_free(o);
		scorecard_free(n);
		return CLI_EXIT_FAIL;
	}
	q = cli_report_questionnaire(n, qarg);
	ro.lang = lang;
	ro.q = q;
	vg_buf_init(&out, REPORT_MAX_OUT);
	if (report_compare_text(o, n, &ro, &out, &err) != 0) {
		cli_warnx("%s", err.msg);
		rc = CLI_EXIT_FAIL;
	} else {
		fwrite(out.data, 1, out.len, stdout);
	}
	vg_buf_free(&out);
	model_questionnaire_free(q);
	scorecard_free(o);
	scorecard_free(n);
	return rc;
}

const struct cli_cmd cmd_compare_entry = {
    "compare",
    "[--force] [--lang fr|en] OLD NEW",
    N_("ce qui a changé entre deux fiches d'une même collectivité"),
    cmd_compare_exec,
};
