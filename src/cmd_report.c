/* vigie report: the report of a scorecard for the mayor and the council, as HTML or text. */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "embedded.h"
#include "report.h"
#include "scorecard.h"
#include "version.h"
#include "yaml_load.h"

static void report_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie report FICHE [--html SORTIE] [--text] [--lang fr|en]\n"
	      "                    [--previous ANCIENNE] [-q QUESTIONNAIRE] [--force] [--detail]\n"
	      "\n"
	      "Écrit le rapport d'une fiche de résultat pour le maire et le conseil municipal :\n"
	      "note, graphique par thème, les six mesures prioritaires, gains rapides, les\n"
	      "vérifications en mots simples, les points à clarifier, et comment vérifier la\n"
	      "signature ; avec --detail, une annexe avec chaque réponse et note et chaque\n"
	      "vérification.\n"
	      "\n"
	      "La page HTML se suffit à elle-même (CSS et SVG intégrés, aucun script, aucune\n"
	      "requête extérieure) et s'imprime en A4. Elle est écrite d'un bloc dans SORTIE,\n"
	      "par défaut FICHE dont le .json est remplacé par .html.\n"
	      "\n"
	      "Options :\n"
	      "  -H, --html SORTIE        écrire le rapport HTML dans SORTIE\n"
	      "  -t, --text               afficher plutôt le rapport texte (UTF-8, 78 colonnes)\n"
	      "  -l, --lang fr|en         langue du rapport (par défaut : celle de vigie)\n"
	      "  -p, --previous ANCIENNE  une fiche plus ancienne de la même collectivité :\n"
	      "                           montrer les progrès depuis\n"
	      "  -q, --questionnaire FICHIER  le questionnaire auquel la fiche répond, pour\n"
	      "                           l'aide des questions (par défaut : celui intégré\n"
	      "                           de même identifiant, utilisé seulement si son\n"
	      "                           SHA-256 correspond)\n"
	      "  -D, --detail             ajouter l'annexe : chaque réponse, sa note, chaque\n"
	      "                           vérification\n"
	      "  -f, --force              comparer avec --previous même si la collectivité ou\n"
	      "                           le questionnaire diffèrent\n"
	      "  -h, --help               afficher cette aide\n"
	      "\n"
	      "Un FICHE.minisig voisin est lu (pas vérifié) pour afficher son signataire et\n"
	      "l'identifiant de sa clé ; vérifiez-le avec 'vigie verify' ou 'minisign -V'.\n"
	      "\n"
	      "Codes de sortie : 0 écrit, 1 entrée invalide ou échec, 2 erreur d'utilisation.\n"),
	    f);
}

/* The questionnaire the scorecard answers (cli.h). */
struct vg_questionnaire *cli_report_questionnaire(const struct scorecard *sc, const char *qarg)
{
	struct vg_questionnaire *q = NULL;
	struct vg_err err = {0};
	const struct embedded_file *f;
	char name[128];

	if (qarg != NULL) {
		if (cli_load_questionnaire(qarg, &q, &err) != 0) {
			cli_warnx(_("%s (le rapport continue sans l'aide des questions)"), err.msg);
			return NULL;
		}
	} else {
		/* Only an embedded file: the scorecard's id never names a path. */
		if (strspn(sc->q_id, "abcdefghijklmnopqrstuvwxyz0123456789_-") !=
		        strlen(sc->q_id) ||
		    strlen(sc->q_id) > 100)
			return NULL;
		snprintf(name, sizeof name, "%s.yaml", sc->q_id);
		f = embedded_find(name);
		if (f == NULL)
			return NULL;
		snprintf(name, sizeof name, "embedded:%s.yaml", sc->q_id);
		if (yaml_load_questionnaire(name, (const char *)f->data, f->len, &q, &err) != 0)
			return NULL;
	}
	if (strcmp(q->sha256_hex, sc->q_sha256) != 0) {
		if (qarg != NULL)
			cli_warnx(_("%s : son SHA-256 n'est pas le questionnaire.sha256 de la "
			            "fiche ; le rapport continue sans l'aide des questions"),
			          qarg);
		model_questionnaire_free(q);
		return NULL;
	}
	return q;
}

/* SCORECARD.json -> SCORECARD.html; any other name gets .html appended. */
static char *report_default_out(const char *path)
{
	size_t n = strlen(path);

	if (n > 5 && strcmp(path + n - 5, ".json") == 0)
		return vg_asprintf("%.*s.html", (int)(n - 5), path);
	return vg_asprintf("%s.html", path);
}

/* Reads PATH.minisig when it exists; a bad one is reported and left out. */
static void report_read_sig(const char *path, struct report_sig *sig, char **name)
{
	char *sigpath = vg_asprintf("%s.minisig", path), *data = NULL;
	struct vg_err err = {0};
	const char *base;
	size_t len;
	FILE *probe = fopen(sigpath, "r");

	memset(sig, 0, sizeof *sig);
	*name = NULL;
	if (probe == NULL) {
		free(sigpath);
		return;
	}
	fclose(probe);
	if (vg_read_file(sigpath, REPORT_MAX_SIG, true, &data, &len, &err) != 0 ||
	    report_sig_parse(data, len, sig, &err) != 0) {
		cli_warnx(_("%s : %s (laissé hors du rapport)"), sigpath, err.msg);
		memset(sig, 0, sizeof *sig);
	} else {
		base = strrchr(sigpath, '/');
		*name = vg_strdup(base != NULL ? base + 1 : sigpath);
	}
	free(data);
	free(sigpath);
}

static int cmd_report_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"html", required_argument, NULL, 'H'},
	    {"text", no_argument, NULL, 't'},
	    {"lang", required_argument, NULL, 'l'},
	    {"previous", required_argument, NULL, 'p'},
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"force", no_argument, NULL, 'f'},
	    {"detail", no_argument, NULL, 'D'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *htmlpath = NULL, *prevpath = NULL, *qarg = NULL, *path;
	struct report_opts o = {.lang = cli_lang, .tool_version = version_string()};
	struct scorecard *sc = NULL, *prev = NULL;
	struct vg_questionnaire *q = NULL;
	struct vg_err err = {0};
	struct report_sig sig;
	struct vg_buf out;
	char *outpath = NULL, *signame = NULL, why[512];
	int c, text = 0, force = 0, rc = CLI_EXIT_OK;

	optind = 0; /* 0: glibc starts afresh, options may follow the files */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "H:tl:p:q:fDh", longopts, NULL)) != -1) {
		switch (c) {
		case 'H':
			htmlpath = optarg;
			break;
		case 't':
			text = 1;
			break;
		case 'l':
			if (strcmp(optarg, "fr") == 0)
				o.lang = VG_LANG_FR;
			else if (strcmp(optarg, "en") == 0)
				o.lang = VG_LANG_EN;
			else
				return cli_usage_error(
				    "report", _("--lang prend fr ou en, pas '%s'"), optarg);
			break;
		case 'p':
			prevpath = optarg;
			break;
		case 'q':
			qarg = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'D':
			o.detail = true;
			break;
		case 'h':
			report_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("report",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("report", _("un fichier FICHE est obligatoire"));
	if (optind + 1 < argc)
		return cli_usage_error("report", _("argument inattendu '%s'"), argv[optind + 1]);
	if (text && htmlpath != NULL)
		return cli_usage_error("report", _("--text et --html SORTIE s'excluent"));
	path = argv[optind];
	if (scorecard_read_file(path, &sc, &err) != 0 ||
	    (prevpath != NULL && scorecard_read_file(prevpath, &prev, &err) != 0)) {
		cli_warnx("%s", err.msg);
		scorecard_free(sc);
		return cli_exit_code(&err);
	}
	if (prev != NULL && !force && report_mismatch(prev, sc, why, sizeof why)) {
		cli_warnx(_("%s et %s : %s ; --force pour les comparer quand même"), prevpath, path,
		          why);
		scorecard_free(prev);
		scorecard_free(sc);
		return CLI_EXIT_FAIL;
	}
	q = cli_report_questionnaire(sc, qarg);
	report_read_sig(path, &sig, &signame);
	o.q = q;
	o.previous = prev;
	o.sig = &sig;
	o.sig_name = signame;
	vg_buf_init(&out, REPORT_MAX_OUT);
	if (text) {
		if (report_text(sc, &o, &out, &err) != 0) {
			cli_warnx("%s: %s", path, err.msg);
			rc = CLI_EXIT_FAIL;
		} else {
			fwrite(out.data, 1, out.len, stdout);
		}
	} else {
		outpath = htmlpath != NULL ? vg_strdup(htmlpath) : report_default_out(path);
		if (report_html(sc, &o, &out, &err) != 0) {
			cli_warnx("%s: %s", path, err.msg);
			rc = CLI_EXIT_FAIL;
		} else if (vg_write_atomic(outpath, out.data, out.len, 0644, &err) != 0) {
			cli_warnx("%s", err.msg);
			rc = CLI_EXIT_FAIL;
		} else {
			printf("%s\n", outpath);
		}
	}
	vg_buf_free(&out);
	free(outpath);
	free(signame);
	model_questionnaire_free(q);
	scorecard_free(prev);
	scorecard_free(sc);
	return rc;
}

const struct cli_cmd cmd_report_entry = {
    "report",
    "SCORECARD [--html OUT] [--text] [--lang fr|en] [--previous OLD] [--detail]",
    N_("écrire le rapport d'une fiche (HTML avec graphiques, ou texte)"),
    cmd_report_exec,
};
