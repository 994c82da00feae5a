/* vigie history: one organisation's scorecards over time. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "report.h"
#include "report_priv.h"
#include "store.h"

static void history_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie history --db FICHIER [--html SORTIE] COLLECTIVITÉ\n"
	      "\n"
	      "Liste les fiches de résultat d'une collectivité dans la base, de la plus ancienne\n"
	      "à la plus récente : date, note, score et son évolution, signataire, questionnaire\n"
	      "et version. COLLECTIVITÉ est un code INSEE, ou le nom de la collectivité ou un\n"
	      "morceau de ce nom, sans tenir compte des majuscules, des accents ni de la\n"
	      "ponctuation ('saint etienne' trouve Saint-Étienne). Quand plusieurs\n"
	      "collectivités correspondent, elles sont listées et rien d'autre n'est fait.\n"
	      "\n"
	      "Options :\n"
	      "  -d, --db FICHIER  la base créée par 'vigie collect' (obligatoire)\n"
	      "      --html SORTIE écrire aussi l'évolution en une page HTML (un graphique du\n"
	      "                    score au fil du temps et le tableau) dans SORTIE\n"
	      "  -h, --help        afficher cette aide\n"
	      "\n"
	      "Codes de sortie : 0 listé, 1 aucune fiche de cette collectivité, plusieurs\n"
	      "collectivités correspondent, ou erreur de la base, 2 erreur d'utilisation.\n"),
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

/* The x of scorecard i of n on the trend chart. */
static double history_x(size_t i, size_t n)
{
	return n > 1 ? 70 + 530.0 * (double)i / (double)(n - 1) : 335;
}

/* The y of a score on the trend chart (100 at the top, 0 at the bottom). */
static double history_y(double score)
{
	return 230 - 2 * score;
}

/* The trend of one organisation as one self-contained HTML page: its score over time (a
 * line with a dot per scorecard in the colour of its grade) and the table. */
static int history_html(const struct store_history *h, const char *path)
{
	enum vg_lang l = cli_lang;
	const struct store_hist *last = &h->rows[h->nrows - 1];
	struct vg_err err = {0};
	struct vg_buf b, page;
	int rc = 0;

	vg_buf_init(&b, 64u << 20);
	report_printf(&b,
	              "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	              "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<title>vigie — ",
	              l == VG_LANG_EN ? "en" : "fr");
	report_html_escape(&b, last->name != NULL ? last->name : "?");
	report_printf(
	    &b,
	    "</title>\n<style>\nbody{font-family:\"DejaVu Sans\",Arial,sans-serif;color:#1b1b1b;"
	    "max-width:62rem;margin:0 auto;padding:1.5rem;line-height:1.4}"
	    "table{border-collapse:collapse;width:100%%}th,td{border:1px solid #8a8a8a;"
	    "padding:.3rem .5rem;text-align:left;overflow-wrap:break-word}thead th{background:"
	    "#eceff1}td.n{text-align:right;white-space:nowrap}svg{max-width:100%%;height:auto}"
	    "svg text{font-family:inherit}"
	    ".badge{display:inline-block;min-width:2rem;text-align:center;font-weight:700;"
	    "border-radius:.3rem;padding:.1rem .4rem}"
	    ".g-A{background:#1a7f37;color:#fff}.g-B{background:#4d7c0f;color:#fff}"
	    ".g-C{background:#f2c200;color:#000}.g-D{background:#e8590c;color:#000}"
	    ".g-E{background:#c92a2a;color:#fff}.g-none{background:#5f6368;color:#fff}\n"
	    "</style>\n</head>\n<body>\n<h1>%s<br>",
	    cli_tr("Évolution du bilan", "Assessment trend"));
	report_html_escape(&b, last->name != NULL ? last->name : "?");
	if (last->insee != NULL) {
		report_puts(&b, " (");
		report_html_escape(&b, last->insee);
		report_puts(&b, ")");
	}
	report_printf(&b,
	              "</h1>\n<figure><svg role=\"img\" aria-labelledby=\"trend-t trend-d\" "
	              "viewBox=\"0 0 660 270\" width=\"660\" height=\"270\"><title id=\"trend-t\">"
	              "%s</title><desc id=\"trend-d\">%s</desc>\n",
	              cli_tr("Score global sur 100 au fil des bilans",
	                     "Overall score out of 100 over the assessments"),
	              cli_tr("Les valeurs sont dans le tableau.", "The values are in the table."));
	for (int t = 0; t <= 100; t += 25)
		report_printf(
		    &b,
		    "<line x1=\"50\" y1=\"%.0f\" x2=\"620\" y2=\"%.0f\" stroke=\"#d0d0d0\"/>"
		    "<text x=\"44\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\" "
		    "fill=\"#444\">%d</text>\n",
		    history_y(t), history_y(t), history_y(t) + 4, t);
	report_puts(&b,
	            "<polyline fill=\"none\" stroke=\"#1f4e9b\" stroke-width=\"2.5\" points=\"");
	for (size_t i = 0; i < h->nrows; i++)
		if (h->rows[i].scored)
			report_printf(&b, "%.1f,%.1f ", history_x(i, h->nrows),
			              history_y(h->rows[i].score));
	report_puts(&b, "\"/>\n");
	for (size_t i = 0; i < h->nrows; i++) {
		const struct store_hist *r = &h->rows[i];
		const char *bg, *fg;
		char date[96];

		report_grade_colours(r->grade, &bg, &fg);
		report_date_words(l, r->date, false, date, sizeof date);
		if (r->scored)
			report_printf(&b,
			              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"%s\" "
			              "stroke=\"#1b1b1b\"/>\n",
			              history_x(i, h->nrows), history_y(r->score), bg);
		report_printf(&b,
		              "<text x=\"%.1f\" y=\"255\" font-size=\"11\" text-anchor=\"middle\" "
		              "fill=\"#1b1b1b\">",
		              history_x(i, h->nrows));
		report_html_escape(&b, date);
		report_puts(&b, "</text>\n");
	}
	report_printf(&b,
	              "</svg></figure>\n<table><thead><tr><th scope=\"col\">Date</th>"
	              "<th scope=\"col\">%s</th><th scope=\"col\">Score</th><th scope=\"col\">%s"
	              "</th><th scope=\"col\">Questionnaire</th><th scope=\"col\">%s</th></tr>"
	              "</thead><tbody>\n",
	              cli_tr("Note", "Grade"), cli_tr("Écart", "Change"),
	              cli_tr("Signataire", "Signer"));
	for (size_t i = 0; i < h->nrows; i++) {
		const struct store_hist *r = &h->rows[i];
		bool graded = r->grade != NULL && strlen(r->grade) == 1 && r->grade[0] >= 'A' &&
		              r->grade[0] <= 'E';
		char date[96], num[32] = "–", delta[48] = "";

		report_date_words(l, r->date, true, date, sizeof date);
		if (r->scored)
			report_num(l, r->score, num, sizeof num);
		if (i > 0 && r->scored && h->rows[i - 1].scored) {
			char d[32];

			report_num(l, fabs(r->score - h->rows[i - 1].score), d, sizeof d);
			snprintf(delta, sizeof delta, "%s%s",
			         r->score >= h->rows[i - 1].score ? "+" : "−", d);
		}
		report_puts(&b, "<tr><td>");
		report_html_escape(&b, date);
		report_printf(&b, "</td><td><span class=\"badge g-%s\">",
		              graded ? r->grade : "none");
		report_html_escape(&b, graded ? r->grade : "–");
		report_printf(&b, "</span></td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>",
		              num, delta);
		report_html_escape(&b, r->q_id);
		report_puts(&b, " ");
		report_html_escape(&b, r->q_version);
		report_puts(&b, "</td><td>");
		report_html_escape(&b, r->signer);
		report_puts(&b, "</td></tr>\n");
	}
	report_puts(&b, "</tbody></table>\n</body>\n</html>\n");
	/* French typography's no-break spaces, as in the report. */
	vg_buf_init(&page, 64u << 20);
	if (report_full(&b) || report_html_nbsp(&b, &page) != 0) {
		cli_warnx(_("%s : la page dépasserait %u octets"), path, 64u << 20);
		rc = -1;
	} else if (vg_write_atomic(path, page.data, page.len, 0644, &err) != 0) {
		cli_warnx("%s", err.msg);
		rc = -1;
	}
	vg_buf_free(&b);
	vg_buf_free(&page);
	return rc;
}

/* Lists on stderr the organisations that fit ORG. */
static void history_list(const char *db, const char *org, const struct store_matches *m)
{
	struct vg_buf b1, b2;

	vg_buf_init(&b1, 1 << 20);
	vg_buf_init(&b2, 1 << 20);
	cli_warnx(_("%s : %zu collectivités correspondent à « %s » ; donnez un code INSEE :"), db,
	          m->nrows, org);
	for (size_t i = 0; i < m->nrows; i++)
		fprintf(stderr, "  %-5s  %s\n",
		        store_term(&b1, m->rows[i].insee != NULL ? m->rows[i].insee : "-"),
		        store_term(&b2, m->rows[i].name != NULL ? m->rows[i].name : "-"));
	vg_buf_free(&b1);
	vg_buf_free(&b2);
}

static int cmd_history_exec(int argc, char **argv)
{
	enum { OPT_HTML = 256 };
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"html", required_argument, NULL, OPT_HTML},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = NULL, *org, *html = NULL;
	struct store_history *h = NULL;
	struct store_matches *m = NULL;
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
		case OPT_HTML:
			html = optarg;
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
	if (store_open(db, false, &st, &err) != 0 || store_find_orgs(st, org, &m, &err) != 0 ||
	    (m->nrows == 1 && store_history_key(st, m->rows[0].key, &h, &err) != 0)) {
		cli_warnx("%s", err.msg);
		store_matches_free(m);
		store_close(st);
		return cli_exit_code(&err);
	}
	if (m->nrows > 1) {
		history_list(db, org, m);
		rc = CLI_EXIT_FAIL;
	} else if (h == NULL || h->nrows == 0) {
		cli_warnx(_("%s : aucune fiche de '%s' (ni code INSEE, ni nom) ; 'vigie summary "
		            "--db %s' liste les collectivités"),
		          db, org, db);
		rc = CLI_EXIT_FAIL;
	} else {
		history_print(h);
		if (html != NULL && history_html(h, html) != 0)
			rc = CLI_EXIT_FAIL;
	}
	store_matches_free(m);
	store_history_free(h);
	store_close(st);
	if (fflush(stdout) != 0)
		rc = CLI_EXIT_FAIL;
	return rc;
}

const struct cli_cmd cmd_history_entry = {
    "history",
    "--db FILE [--html OUT] ORG",
    N_("les fiches d'une collectivité au fil du temps"),
    cmd_history_exec,
};
