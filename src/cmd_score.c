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
	fputs(
	    "Usage: vigie score [-q QUESTIONNAIRE] --answers FILE [--json] [--out FILE]\n"
	    "                   [--check [--profile FILE|NAME] [--root DIR]]\n"
	    "\n"
	    "Scores an answers file (docs/answers-format.md) against a questionnaire:\n"
	    "score per domain, overall score, grade A-E and the action plan. With --check,\n"
	    "the checks that inform the questionnaire's questions run first and their\n"
	    "failures cap the answers they inform (docs/check-format.md); the scorecard\n"
	    "carries their evidence.\n"
	    "\n"
	    "Options:\n"
	    "  -q, --questionnaire FILE|NAME  questionnaire (default: the embedded one)\n"
	    "  -a, --answers FILE             the answers to score (required)\n"
	    "  -j, --json                     print the scorecard JSON (docs/scorecard-format.md)\n"
	    "  -o, --out FILE                 write the scorecard JSON to FILE (atomically)\n"
	    "      --no-host                  leave the host name out of the scorecard\n"
	    "  -c, --check                    run the checks on this machine first\n"
	    "  -p, --profile FILE|NAME        their profile (default: the embedded "
	    "'" VIGIE_DEFAULT_PROFILE "');\n"
	    "                                 implies --check\n"
	    "  -r, --root DIR                 audit DIR as if it were / (default: /); implies\n"
	    "                                 --check\n"
	    "  -h, --help                     show this help\n"
	    "\n"
	    "generated_at is the current time, or SOURCE_DATE_EPOCH when it is set.\n"
	    "\n"
	    "Exit codes: 0 scored (whatever the checks found), 1 invalid input or checks that\n"
	    "could not run at all (a root that cannot be opened), 2 usage error.\n",
	    f);
}

/* Every string printed comes from input files: cleaned of control characters first. */
static void score_print_text(const struct vg_answers *as, const struct score_result *r)
{
	const struct vg_questionnaire *q = as->q;
	enum vg_lang l = cli_lang;
	struct vg_arena a;

	vg_arena_init(&a);
	printf("%s: %s %s\n", cli_tr("Questionnaire", "Questionnaire"), q->id,
	       report_clean(&a, q->version));
	if (as->org.name != NULL)
		printf("%s: %s\n", cli_tr("Organisation", "Organisation"),
		       report_clean(&a, as->org.name));
	if (!r->scored) {
		printf("%s\n", cli_tr("Aucune question applicable n'a de réponse : pas de note.",
		                      "No applicable question: no grade."));
		vg_arena_free(&a);
		return;
	}
	printf("%s: %s (%.1f/100)\n", cli_tr("Note", "Grade"), score_grade_name(r->grade),
	       r->overall);
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
			printf("  %s%*s %5.1f\n", title, pad, "", sd->score);
		else
			printf("  %s%*s %5s\n", title, pad, "", "-");
	}
	printf("\n%s\n", cli_tr("Mesures prioritaires", "Priority measures"));
	for (size_t i = 0; i < r->nplan && r->plan[i].priority_measure; i++) {
		const struct vg_question *qn = r->plan[i].q;
		const struct score_question *sq = &r->questions[qn->index];

		printf("  %zu. [%s] %s\n", i + 1, qn->id,
		       report_clean(&a, model_text(&r->plan[i].title, l)));
		if (sq->capped_by != NULL)
			printf("     %s %s: %s\n", cli_tr("plafonnée par", "capped by"),
			       report_clean(&a, sq->capped_by->check_id),
			       report_clean(&a, model_text(&sq->capped_by->reason, l)));
		if (r->plan[i].advice.fr != NULL)
			printf("     -> %s\n", report_clean(&a, model_text(&r->plan[i].advice, l)));
	}
	for (size_t i = 0, n = 0; i < r->nquestions; i++) {
		const struct score_question *sq = &r->questions[i];

		if (sq->capped_by == NULL)
			continue;
		if (n++ == 0)
			printf("\n%s\n",
			       cli_tr("Plafonnées par les vérifications", "Capped by checks"));
		printf("  [%s] %d -> %d: %s (%s)\n", sq->q->id, sq->declared, sq->retained,
		       report_clean(&a, model_text(&sq->capped_by->reason, l)),
		       report_clean(&a, sq->capped_by->check_id));
	}
	if (r->nunknown > 0) {
		printf("\n%s\n", cli_tr("À clarifier", "To clarify"));
		for (size_t i = 0; i < r->nunknown; i++)
			printf("  [%s] %s\n", r->unknown[i]->id,
			       report_clean(&a, model_text(&r->unknown[i]->text, l)));
	}
	if (r->nunanswered > 0)
		printf("\n%s: %zu\n", cli_tr("Questions sans réponse", "Unanswered questions"),
		       r->nunanswered);
	vg_arena_free(&a);
}

/* Builds the scorecard of the result; *out is the caller's to free. */
static int score_scorecard(const struct vg_answers *as, const struct score_result *r,
                           const struct vg_evidence *ev, size_t nev, bool host, char **out,
                           size_t *len, struct vg_err *err)
{
	struct scorecard_input in = {as, r, ev, nev, NULL, NULL};
	char name[256];

	if (host && gethostname(name, sizeof name) == 0) {
		name[sizeof name - 1] = '\0';
		in.host = name;
	}
	return scorecard_write(&in, out, len, err);
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
			return cli_usage_error("score", "unknown option or missing value '%s'",
			                       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("score", "unexpected argument '%s'", argv[optind]);
	if (apath == NULL)
		return cli_usage_error("score", "--answers FILE is required");
	if (cli_load_questionnaire(qarg, &q, &err) != 0 ||
	    vg_read_file(apath, YL_MAX_FILE, false, &data, &len, &err) != 0 ||
	    yaml_load_answers(q, apath, data, len, &as, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		free(data);
		model_questionnaire_free(q);
		return cli_exit_code(&err);
	}
	free(data);
	if (check) {
		if (assess_checks_run(q, as, parg, root != NULL ? root : "/", NULL, cli_lang, NULL,
		                      &ev, &nev, &err) != 0) {
			cli_warnx("checks: %s", err.msg);
			model_answers_free(as);
			model_questionnaire_free(q);
			return cli_exit_code(&err);
		}
		if (nev == 0)
			cli_warnx("no check of profile %s informs a question of questionnaire %s",
			          parg != NULL ? parg : VIGIE_DEFAULT_PROFILE, q->id);
	}
	score_compute(as, ev, nev, &r);
	if ((json || opath != NULL) &&
	    score_scorecard(as, &r, ev, nev, host, &card, &cardlen, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		rc = cli_exit_code(&err);
	} else if (opath != NULL && vg_write_atomic(opath, card, cardlen, 0644, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
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
    "score an answers file: domains, grade, action plan",
    cmd_score_exec,
};
