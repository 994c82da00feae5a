/* vigie history: one organisation's scorecards over time. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "store.h"

static void history_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie history --db FICHIER COLLECTIVITÉ\n"
	      "\n"
	      "Liste les fiches de résultat d'une collectivité dans la base, de la plus ancienne\n"
	      "à la plus récente : date, note, score et son évolution, signataire, questionnaire\n"
	      "et version. COLLECTIVITÉ est un code INSEE, ou sinon le nom de la collectivité\n"
	      "(sans tenir compte des majuscules ASCII).\n"
	      "\n"
	      "Options :\n"
	      "  -d, --db FICHIER  la base créée par 'vigie collect' (obligatoire)\n"
	      "  -h, --help        afficher cette aide\n"
	      "\n"
	      "Codes de sortie : 0 listé, 1 aucune fiche de cette collectivité ou erreur de la\n"
	      "base, 2 erreur d'utilisation.\n"),
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
			cli_num(r->score, 1, false, score, sizeof score);
		if (prev != NULL && prev->scored && r->scored)
			cli_num(r->score - prev->score, 1, true, delta, sizeof delta);
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
			return cli_usage_error("history",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (db == NULL)
		return cli_usage_error("history", _("--db FICHIER est obligatoire"));
	if (optind != argc - 1)
		return cli_usage_error("history", _("donnez une collectivité : code INSEE ou nom"));
	org = argv[optind];
	if (store_open(db, false, &st, &err) != 0 || store_history(st, org, &h, &err) != 0) {
		cli_warnx("%s", err.msg);
		store_close(st);
		return cli_exit_code(&err);
	}
	if (h->nrows == 0) {
		cli_warnx(_("%s : aucune fiche de '%s' (ni code INSEE, ni nom) ; 'vigie summary "
		            "--db %s' liste les collectivités"),
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
    N_("les fiches d'une collectivité au fil du temps"),
    cmd_history_exec,
};
