/* vigie score: score an answers file, as text or as a scorecard. */
#include <getopt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "assess_checks.h"
#include "cli.h"
#include "cmds.h"
#include "scorecard.h"
#include "report.h"
#include "scoring.h"
#include "yaml_load.h"

static void score_usage(FILE *f)
{
	fprintf(
	    f,
	    _("Utilisation : vigie score [-q QUESTIONNAIRE] --answers FICHIER [--json] [--out "
	      "FICHIER]\n"
	      "                   [--check [--profile FICHIER|NOM] [--root DOSSIER]]\n"
	      "\n"
	      "Calcule le résultat d'un fichier de réponses (docs/answers-format.md) pour un\n"
	      "questionnaire : score par thème, score global, note de A à E et plan d'action.\n"
	      "Avec --check, les vérifications qui renseignent les questions du questionnaire\n"
	      "sont lancées d'abord et leurs échecs plafonnent les réponses concernées\n"
	      "(docs/check-format.md) ; la fiche de résultat en garde la trace.\n"
	      "\n"
	      "Options :\n"
	      "  -q, --questionnaire FICHIER|NOM  questionnaire (par défaut : celui intégré)\n"
	      "  -a, --answers FICHIER            les réponses à évaluer (obligatoire)\n"
	      "  -j, --json                       afficher la fiche de résultat en JSON\n"
	      "                                   (docs/scorecard-format.md)\n"
	      "  -o, --out FICHIER                écrire la fiche JSON dans FICHIER (d'un bloc)\n"
	      "      --no-host                    ne pas mettre le nom de la machine dans la "
	      "fiche\n"
	      "  -c, --check                      lancer d'abord les vérifications sur cette "
	      "machine\n"
	      "  -p, --profile FICHIER|NOM        leur profil (par défaut : '%s', intégré) ;\n"
	      "                                   implique --check\n"
	      "  -r, --root DOSSIER               examiner DOSSIER comme s'il était / (par défaut "
	      ":\n"
	      "                                   /) ; implique --check\n"
	      "  -h, --help                       afficher cette aide\n"
	      "\n"
	      "generated_at est l'heure actuelle, ou SOURCE_DATE_EPOCH quand elle est définie.\n"
	      "\n"
	      "Codes de sortie : 0 calculé (quels que soient les constats), 1 entrée invalide ou\n"
	      "vérifications impossibles (une racine qui ne s'ouvre pas), 2 erreur\n"
	      "d'utilisation.\n"),
	    VIGIE_DEFAULT_PROFILE);
}

/* A check as a person reads it: its title when vigie knows it (the embedded profiles and
 * the TLS and domain checks), else the id its profile gave it. */
static const char *score_check_name(struct vg_arena *a, const char *id, enum vg_lang l)
{
	const struct vg_text *t = assess_checks_title(id);

	return report_clean(a, t != NULL ? model_text(t, l) : id);
}

/* Every string printed comes from input files: cleaned of control characters first. */
static void score_print_text(const struct vg_answers *as, const struct score_result *r)
{
	const struct vg_questionnaire *q = as->q;
	enum vg_lang l = cli_lang;
	char num[32];
	struct vg_arena a;

	vg_arena_init(&a);
	printf("%s %s %s\n", cli_tr("Questionnaire :", "Questionnaire:"), q->id,
	       report_clean(&a, q->version));
	if (as->org.name != NULL)
		printf("%s %s\n", cli_tr("Collectivité :", "Organisation:"),
		       report_clean(&a, as->org.name));
	if (!r->scored) {
		printf("%s\n", cli_tr("Aucune question applicable n'a de réponse : pas de note.",
		                      "No applicable question: no grade."));
		vg_arena_free(&a);
		return;
	}
	printf("%s %s (%s/100)\n", cli_tr("Note :", "Grade:"), score_grade_name(r->grade),
	       cli_num(r->overall, 1, false, num, sizeof num));
	if (r->critical_cap)
		printf("%s %s)\n",
		       cli_tr("Plafonnée à D : une question critique est à 0 (sinon",
		              "Capped at D: a critical question is at 0 (otherwise"),
		       score_grade_name(r->grade_uncapped));
	printf("\n%s\n", cli_tr("Domaines", "Domains"));
	for (size_t d = 0; d < r->ndomains; d++) {
		const struct score_domain *sd = &r->domains[d];
		const char *title = report_clean(&a, model_text(&sd->d->title, l));
		size_t cols = report_width(title);
		int pad = cols < 40 ? (int)(40 - cols) : 0;

		if (sd->scored)
			printf("  %s%*s %5s\n", title, pad, "",
			       cli_num(sd->score, 1, false, num, sizeof num));
		else
			printf("  %s%*s %5s\n", title, pad, "", "-");
	}
	printf("\n%s\n", cli_tr("Mesures prioritaires", "Priority measures"));
	for (size_t i = 0; i < r->nplan && r->plan[i].priority_measure; i++) {
		const struct vg_question *qn = r->plan[i].q;
		const struct score_question *sq = &r->questions[qn->index];

		printf("  %zu. [%s] %s\n", i + 1, qn->id,
		       report_clean(&a, model_text(&r->plan[i].title, l)));
		if (sq->capped_by != NULL) {
			const char *name = score_check_name(&a, sq->capped_by->check_id, l);
			const char *why = report_clean(&a, model_text(&sq->capped_by->reason, l));

			if (strcmp(why, name) == 0)
				printf("     %s %s\n", cli_tr("plafonnée par", "capped by"), name);
			else
				printf("     %s %s%s%s\n", cli_tr("plafonnée par", "capped by"),
				       name, cli_tr(" : ", ": "), why);
		}
		if (r->plan[i].advice.fr != NULL)
			printf("     -> %s\n", report_clean(&a, model_text(&r->plan[i].advice, l)));
	}
	for (size_t i = 0, n = 0; i < r->nquestions; i++) {
		const struct score_question *sq = &r->questions[i];
		const char *name, *why;

		if (sq->capped_by == NULL)
			continue;
		if (n++ == 0)
			printf("\n%s\n",
			       cli_tr("Plafonnées par les vérifications", "Capped by checks"));
		name = score_check_name(&a, sq->capped_by->check_id, l);
		why = report_clean(&a, model_text(&sq->capped_by->reason, l));
		/* A check whose reason is its title (a failed scan) is named once. */
		if (strcmp(why, name) == 0)
			printf("  [%s] %d -> %d%s%s\n", sq->q->id, sq->declared, sq->retained,
			       cli_tr(" : ", ": "), name);
		else
			printf("  [%s] %d -> %d%s%s (%s)\n", sq->q->id, sq->declared, sq->retained,
			       cli_tr(" : ", ": "), why, name);
	}
	if (r->nunknown > 0) {
		printf("\n%s\n", cli_tr("À clarifier", "To clarify"));
		for (size_t i = 0; i < r->nunknown; i++)
			printf("  [%s] %s\n", r->unknown[i]->id,
			       report_clean(&a, model_text(&r->unknown[i]->text, l)));
	}
	if (r->nunanswered > 0)
		printf("\n%s %zu\n", cli_tr("Questions sans réponse :", "Unanswered questions:"),
		       r->nunanswered);
	vg_arena_free(&a);
}

/* Builds the scorecard of the result; *out is the caller's to free. The evidence, made
 * now, says where: the directory audited (root), else this machine (unless no host). */
static int score_scorecard(const struct vg_answers *as, const struct score_result *r,
                           const struct vg_evidence *ev, size_t nev, bool host, const char *root,
                           char **out, size_t *len, struct vg_err *err)
{
	struct scorecard_input in = {as, r, ev, nev, NULL, NULL, NULL, NULL, NULL};
	char name[256], *dir = NULL;
	int rc;

	if (host && gethostname(name, sizeof name) == 0) {
		name[sizeof name - 1] = '\0';
		in.host = name;
	}
	if (root != NULL && strcmp(root, "/") != 0) {
		dir = realpath(root, NULL);
		in.checks_where = dir != NULL ? dir : root;
	} else {
		in.checks_where = in.host;
	}
	rc = scorecard_write(&in, out, len, err);
	free(dir);
	return rc;
}

static int cmd_score_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"answers", required_argument, NULL, 'a'},
	    {"json", no_argument, NULL, 'j'},
	    {"out", required_argument, NULL, 'o'},
	    {"no-host", no_argument, NULL, 'H'},
	    {"check", no_argument, NULL, 'c'},
	    {"profile", required_argument, NULL, 'p'},
	    {"root", required_argument, NULL, 'r'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *qarg = NULL, *apath = NULL, *opath = NULL, *parg = NULL, *root = NULL;
	struct vg_evidence *ev = NULL;
	size_t nev = 0;
	bool check = false;
	struct vg_questionnaire *q = NULL;
	struct vg_answers *as = NULL;
	struct vg_err err = {0};
	struct score_result r;
	char *data = NULL, *card = NULL;
	size_t len, cardlen = 0;
	int c, json = 0, host = 1, rc = CLI_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+q:a:jo:cp:r:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			qarg = optarg;
			break;
		case 'a':
			apath = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'o':
			opath = optarg;
			break;
		case 'H':
			host = 0;
			break;
		case 'c':
			check = true;
			break;
		case 'p':
			parg = optarg;
			check = true;
			break;
		case 'r':
			root = optarg;
			check = true;
			break;
		case 'h':
			score_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("score",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("score", _("argument inattendu '%s'"), argv[optind]);
	if (apath == NULL)
		return cli_usage_error("score", _("--answers FICHIER est obligatoire"));
	if (cli_load_questionnaire(qarg, &q, &err) != 0 ||
	    vg_read_file(apath, YL_MAX_FILE, false, &data, &len, &err) != 0 ||
	    yaml_load_answers(q, apath, data, len, &as, &err) != 0) {
		cli_errline(err.msg);
		free(data);
		model_questionnaire_free(q);
		return cli_exit_code(&err);
	}
	free(data);
	if (check) {
		if (assess_checks_run(q, as, parg, root != NULL ? root : "/", NULL, cli_lang, NULL,
		                      &ev, &nev, &err) != 0) {
			cli_warnx(_("vérifications : %s"), err.msg);
			model_answers_free(as);
			model_questionnaire_free(q);
			return cli_exit_code(&err);
		}
		if (nev == 0)
			cli_warnx(_("aucune vérification du profil %s ne renseigne une question du "
			            "questionnaire %s"),
			          parg != NULL ? parg : VIGIE_DEFAULT_PROFILE, q->id);
	}
	score_compute(as, ev, nev, &r);
	if ((json || opath != NULL) &&
	    score_scorecard(as, &r, ev, nev, host, nev > 0 ? (root != NULL ? root : "/") : NULL,
	                    &card, &cardlen, &err) != 0) {
		cli_errline(err.msg);
		rc = cli_exit_code(&err);
	} else if (opath != NULL && vg_write_atomic(opath, card, cardlen, 0644, &err) != 0) {
		cli_errline(err.msg);
		rc = cli_exit_code(&err);
	} else if (json) {
		fwrite(card, 1, cardlen, stdout);
	} else {
		score_print_text(as, &r);
	}
	free(card);
	score_free(&r);
	assess_checks_free(ev, nev);
	model_answers_free(as);
	model_questionnaire_free(q);
	return rc;
}

const struct cli_cmd cmd_score_entry = {
    "score",
    "[-q QUESTIONNAIRE] --answers FILE [--json] [--out FILE] [--check [--root DIR]]",
    N_("évaluer un fichier de réponses : thèmes, note, plan d'action"),
    cmd_score_exec,
};
