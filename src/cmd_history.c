/* vigie history: one organisation's scorecards over time. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "store.h"

static void history_usage(FILE *f)
{
	fputs("Usage: vigie history --db FILE ORG\n"
	      "\n"
	      "Lists the scorecards of one organisation in the store, oldest first: date, grade,\n"
	      "score and its change, signer, questionnaire and version. ORG is an INSEE code,\n"
	      "or else the organisation's name (ASCII case ignored).\n"
	      "\n"
	      "Options:\n"
	      "  -d, --db FILE  the store made by 'vigie collect' (required)\n"
	      "  -h, --help     show this help\n"
	      "\n"
	      "Exit codes: 0 listed, 1 no scorecard of ORG or store error, 2 usage error.\n",
	      f);
}

static void history_print(const struct store_history *h)
{
	const struct store_hist *last = &h->rows[h->nrows - 1];
	const struct store_hist *prev = NULL;
	struct vg_buf b1, b2, b3;

	vg_buf_init(&b1, 1 << 20);
	vg_buf_init(&b2, 1 << 20);
	vg_buf_init(&b3, 1 << 20);

	printf(
	    "%s: %s%s%s (%zu %s)\n", cli_tr("Collectivité", "Organisation"),
	    store_term(&b1, last->insee != NULL ? last->insee : ""), last->insee != NULL ? " " : "",
	    store_term(&b2, last->name != NULL ? last->name : "?"), h->nrows,
	    h->nrows > 1 ? cli_tr("évaluations", "scorecards") : cli_tr("évaluation", "scorecard"));
	/* Both words of the change column are 7 columns wide; É is two bytes. */
	printf("%-21s %-5s %-6s %s %-16s %s\n", "Date", cli_tr("Note", "Grade"), "Score",
	       cli_tr("Écart  ", "Change "), "Questionnaire", cli_tr("Signataire", "Signer"));
	for (size_t i = 0; i < h->nrows; i++) {
		const struct store_hist *r = &h->rows[i];
		char score[16] = "-", delta[16] = "", q[128];

		if (r->scored)
			snprintf(score, sizeof score, "%.1f", r->score);
		if (prev != NULL && prev->scored && r->scored)
			snprintf(delta, sizeof delta, "%+.1f", r->score - prev->score);
		snprintf(q, sizeof q, "%s %s", r->q_id, r->q_version);
		printf("%-21s %-5s %-6s %-7s %-16s %s (%s)\n", store_term(&b1, r->date),
		       r->grade != NULL ? r->grade : "-", score, delta, store_term(&b2, q),
		       store_term(&b3, r->signer), r->sig_kind);
		prev = r;
	}
	vg_buf_free(&b1);
	vg_buf_free(&b2);
	vg_buf_free(&b3);
}

static int cmd_history_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = NULL, *org;
	struct store_history *h = NULL;
	struct store *st = NULL;
	struct vg_err err = {0};
	int c, rc = CLI_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			history_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("history", "unknown option or missing value '%s'",
			                       argv[optind - 1]);
		}
	}
	if (db == NULL)
		return cli_usage_error("history", "--db FILE is required");
	if (optind != argc - 1)
		return cli_usage_error("history", "give one organisation: INSEE code or name");
	org = argv[optind];
	if (store_open(db, false, &st, &err) != 0 || store_history(st, org, &h, &err) != 0) {
		cli_warnx("%s", err.msg);
		store_close(st);
		return cli_exit_code(&err);
	}
	if (h->nrows == 0) {
		cli_warnx("%s: no scorecard of '%s' (neither INSEE code nor name); 'vigie summary "
		          "--db %s' lists the organisations",
		          db, org, db);
		rc = CLI_EXIT_FAIL;
	} else {
		history_print(h);
	}
	store_history_free(h);
	store_close(st);
	if (fflush(stdout) != 0)
		rc = CLI_EXIT_FAIL;
	return rc;
}

const struct cli_cmd cmd_history_entry = {
    "history",
    "--db FILE ORG",
    "one organisation's scorecards over time",
    cmd_history_exec,
};
