/* vigie validate: check questionnaires, answers files and check profiles. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "validate.h"
#include "yaml_load.h"

static void validate_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie validate [-q QUESTIONNAIRE] FICHIER...\n"
	      "\n"
	      "Vérifie chaque FICHIER : un questionnaire (format vigie-questionnaire/1), un\n"
	      "fichier de réponses (vigie-answers/1, vérifié par rapport à -q ou au\n"
	      "questionnaire intégré), ou un profil de vérifications (vigie-checks/1). Affiche\n"
	      "une ligne par fichier : OK, ou chaque refus sous la forme\n"
	      "fichier:ligne:colonne: ce qui ne va pas.\n"
	      "\n"
	      "Options :\n"
	      "  -q, --questionnaire FICHIER|NOM  questionnaire auquel répondent les fichiers de\n"
	      "                                   réponses\n"
	      "  -h, --help                       afficher cette aide\n"
	      "\n"
	      "Codes de sortie : 0 chaque fichier est valide, 1 un fichier est invalide,\n"
	      "2 erreur d'utilisation.\n"),
	    f);
}

static int validate_one(const char *path, const char *qarg)
{
	struct vg_err err = {0};
	char *data;
	size_t len;
	char format[128];
	int rc = -1;

	if (vg_read_file(path, YL_MAX_FILE, false, &data, &len, &err) != 0) {
		cli_errline(err.msg);
		return -1;
	}
	if (yaml_peek_format(path, data, len, format, sizeof format, &err) == 0) {
		const struct validate_kind *k = validate_find(format);

		if (k == NULL)
			vg_err_set(&err, VG_EINPUT,
			           _("%s : le format '%s' n'est pas connu de vigie ; formats "
			             "attendus : %s"),
			           path, format[0] ? format : "(none)", validate_known_formats());
		else
			rc = k->validate(path, data, len, qarg, &err);
	}
	free(data);
	if (rc != 0) {
		cli_errline(err.msg);
		return -1;
	}
	return 0;
}

static int cmd_validate_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *qarg = NULL;
	int c, failed = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+q:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			qarg = optarg;
			break;
		case 'h':
			validate_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("validate", _("option inconnue '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("validate", _("donnez au moins un fichier à vérifier"));
	for (int i = optind; i < argc; i++)
		if (validate_one(argv[i], qarg) != 0)
			failed = 1;
	return failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const struct cli_cmd cmd_validate_entry = {
    "validate",
    "FILE...",
    N_("vérifier questionnaires, fichiers de réponses et profils de vérifications"),
    cmd_validate_exec,
};
