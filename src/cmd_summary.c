/* vigie summary: one table across the organisations of the store; text, CSV or HTML. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "store.h"

#define SUMMARY_MAX_OUT (256u << 20) /* bytes of a CSV or HTML export */

static void summary_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie summary --db FICHIER [--csv SORTIE | --html SORTIE]\n"
	      "                     [--questionnaire ID] [--since DATE] [--until DATE]\n"
	      "                     [--insee PRÉFIXE]\n"
	      "\n"
	      "Résume la base : une ligne par collectivité (sa dernière note, son score et sa\n"
	      "date, et l'évolution depuis sa fiche précédente), le score moyen de chaque thème\n"
	      "sur l'ensemble des collectivités, et les lacunes les plus fréquentes parmi les\n"
	      "mesures prioritaires. Un tableau texte par défaut.\n"
	      "\n"
	      "Options :\n"
	      "  -d, --db FICHIER          la base créée par 'vigie collect' (obligatoire)\n"
	      "      --csv SORTIE          écrire les collectivités en CSV (RFC 4180) dans SORTIE\n"
	      "      --html SORTIE         écrire tout le résumé en une page HTML dans SORTIE\n"
	      "  -q, --questionnaire ID    seulement les fiches de ce questionnaire\n"
	      "      --since DATE          seulement les fiches produites à partir de DATE\n"
	      "                            (AAAA-MM-JJ)\n"
	      "      --until DATE          seulement les fiches produites jusqu'à DATE incluse\n"
	      "      --insee PRÉFIXE       seulement les collectivités dont le code INSEE "
	      "commence\n"
	      "                            par PRÉFIXE (un département : 01, 2A, 974)\n"
	      "  -h, --help                afficher cette aide\n"
	      "\n"
	      "Codes de sortie : 0 fait, 1 erreur de la base ou de l'écriture, 2 erreur\n"
	      "d'utilisation.\n"),
	    f);
}

/* The trend of an organisation: an arrow (or word for CSV) and the delta. */
static const char *summary_trend(const struct store_org *o, bool words, double *delta)
{
	*delta = 0;
	if (!o->has_prev)
		return words ? "new" : cli_tr("nouveau", "new");
	if (!o->scored || !o->prev_scored)
		return words ? "unknown" : "?";
	*delta = round((o->score - o->prev_score) * 100.0) / 100.0;
	if (*delta > 0)
		return words ? "up" : "↑";
	if (*delta < 0)
		return words ? "down" : "↓";
	return words ? "same" : "=";
}

/* Prints s in width terminal columns (UTF-8 code points), cut with "…" when longer, and
 * one space. */
static void summary_pad(const char *s, int width)
{
	struct vg_buf b;
	int cols = 0;
	const char *p;
	size_t total = 0;

	vg_buf_init(&b, SUMMARY_MAX_OUT);
	p = store_term(&b, s);

	for (const char *q = p; *q != '\0'; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			total++;
	for (; *p != '\0'; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80) {
			if ((int)total > width && cols == width - 1)
				break;
			cols++;
		}
		putchar(*p);
	}
	if ((int)total > width) {
		fputs("…", stdout);
		cols++;
	}
	for (; cols < width; cols++)
		putchar(' ');
	putchar(' ');
	vg_buf_free(&b);
}

static void summary_text(const struct store_summary *s)
{
	enum vg_lang l = cli_lang;
	char num[32];

	printf("%s %ld, %s %zu\n\n", cli_tr("Évaluations :", "Scorecards:"), s->scorecards,
	       cli_tr("collectivités :", "organisations:"), s->norgs);
	if (s->norgs == 0) {
		printf("%s\n", cli_tr("Aucune évaluation ne correspond.", "No scorecard matches."));
		return;
	}
	summary_pad("INSEE", 5);
	summary_pad(cli_tr("Collectivité", "Organisation"), 32);
	summary_pad("Date", 10);
	summary_pad(cli_tr("Note", "Grade"), 5);
	summary_pad("Score", 6);
	printf("%s\n", cli_tr("Évolution", "Trend"));
	for (size_t i = 0; i < s->norgs; i++) {
		const struct store_org *o = &s->orgs[i];
		char date[11], score[16];
		double delta;
		const char *t = summary_trend(o, false, &delta);

		snprintf(date, sizeof date, "%.10s", o->date);
		if (o->scored)
			cli_num(o->score, 1, false, score, sizeof score);
		else
			snprintf(score, sizeof score, "-");
		summary_pad(o->insee != NULL ? o->insee : "-", 5);
		summary_pad(o->name != NULL ? o->name : "-", 32);
		summary_pad(date, 10);
		summary_pad(o->grade != NULL ? o->grade : "-", 5);
		summary_pad(score, 6);
		if (o->has_prev && o->scored && o->prev_scored)
			printf("%s %s (%s %s)\n", t, cli_num(delta, 1, true, num, sizeof num),
			       cli_tr("avant", "was"), o->prev_grade != NULL ? o->prev_grade : "-");
		else
			printf("%s\n", t);
	}
	printf("\n%s\n", cli_tr("Moyenne par domaine (dernière évaluation de chaque organisation)",
	                        "Average per domain (latest scorecard of each organisation)"));
	for (size_t i = 0; i < s->ndomains; i++) {
		const struct store_domain_avg *d = &s->domains[i];

		printf("  ");
		summary_pad(model_text(&d->title, l), 40);
		if (d->count > 0)
			printf("%5s  (%ld)\n", cli_num(d->average, 1, false, num, sizeof num),
			       d->count);
		else
			printf("%5s  (0)\n", "-");
	}
	printf("\n%s\n", cli_tr("Lacunes les plus fréquentes parmi les mesures prioritaires",
	                        "Most common gaps among the priority measures"));
	if (s->ngaps == 0)
		printf("  %s\n", cli_tr("aucune", "none"));
	for (size_t i = 0; i < s->ngaps; i++) {
		const struct store_gap *g = &s->gaps[i];
		struct vg_buf q, t;

		vg_buf_init(&q, SUMMARY_MAX_OUT);
		vg_buf_init(&t, SUMMARY_MAX_OUT);
		printf("  %2zu. %ld/%zu  [%s] %s\n", i + 1, g->count, s->norgs,
		       store_term(&q, g->question),
		       store_term(&t, g->text.fr != NULL ? model_text(&g->text, l) : ""));
		vg_buf_free(&q);
		vg_buf_free(&t);
	}
}

/* The organisations as CSV: header, one line per organisation, CRLF line ends. */
static int summary_csv(const struct store_summary *s, struct vg_buf *b)
{
	static const char header[] = "insee,name,date,grade,score,previous_grade,previous_score,"
	                             "delta,trend,scorecards,questionnaire,signer\r\n";
	int rc = vg_buf_puts(b, header);

	for (size_t i = 0; i < s->norgs && rc == 0; i++) {
		const struct store_org *o = &s->orgs[i];
		double delta;
		const char *t = summary_trend(o, true, &delta);

		rc |= store_csv_field(b, o->insee);
		rc |= vg_buf_puts(b, ",");
		rc |= store_csv_field(b, o->name);
		rc |= vg_buf_puts(b, ",");
		rc |= store_csv_field(b, o->date);
		rc |= vg_buf_puts(b, ",");
		rc |= store_csv_field(b, o->grade);
		rc |= vg_buf_puts(b, ",");
		/* Numbers are vigie's own, never text from a scorecard: written as numbers. */
		if (o->scored)
			rc |= vg_buf_printf(b, "%.2f", o->score);
		rc |= vg_buf_puts(b, ",");
		rc |= store_csv_field(b, o->prev_grade);
		rc |= vg_buf_puts(b, ",");
		if (o->has_prev && o->prev_scored)
			rc |= vg_buf_printf(b, "%.2f", o->prev_score);
		rc |= vg_buf_puts(b, ",");
		if (o->has_prev && o->scored && o->prev_scored)
			rc |= vg_buf_printf(b, "%.2f", delta);
		rc |= vg_buf_printf(b, ",%s,%ld,", t, o->count);
		rc |= store_csv_field(b, o->questionnaire);
		rc |= vg_buf_puts(b, ",");
		rc |= store_csv_field(b, o->signer);
		rc |= vg_buf_puts(b, "\r\n");
	}
	return rc != 0 ? -1 : 0;
}

static int summary_html_cell(struct vg_buf *b, const char *tag, const char *s)
{
	int rc = vg_buf_printf(b, "<%s>", tag);

	rc |= store_html_escape(b, s != NULL ? s : "-");
	rc |= vg_buf_printf(b, "</%s>", tag);
	return rc;
}

/* The whole summary as one self-contained HTML page (no script, no external resource). */
static int summary_html(const struct store_summary *s, struct vg_buf *b)
{
	enum vg_lang l = cli_lang;
	char num[64];
	int rc = 0;

	rc |=
	    vg_buf_printf(b,
	                  "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	                  "<title>vigie — %s</title>\n<style>\n"
	                  "body{font-family:sans-serif;margin:2em;color:#222}"
	                  "table{border-collapse:collapse;margin-bottom:2em}"
	                  "th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}"
	                  "td.n{text-align:right}th{background:#eee}"
	                  ".up{color:#070}.down{color:#b00}\n"
	                  "</style>\n</head>\n<body>\n<h1>%s</h1>\n",
	                  l == VG_LANG_EN ? "en" : "fr", cli_tr("synthèse", "summary"),
	                  cli_tr("Synthèse des évaluations", "Summary of the scorecards"));
	rc |= vg_buf_printf(b, "<p>%s : %ld, %s : %zu</p>\n", cli_tr("Évaluations", "Scorecards"),
	                    s->scorecards, cli_tr("collectivités", "organisations"), s->norgs);
	rc |= vg_buf_printf(b,
	                    "<h2>%s</h2>\n<table>\n<tr><th>INSEE</th><th>%s</th><th>Date</th>"
	                    "<th>%s</th><th>Score</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
	                    cli_tr("Collectivités", "Organisations"),
	                    cli_tr("Collectivité", "Organisation"), cli_tr("Note", "Grade"),
	                    cli_tr("Évolution", "Trend"), cli_tr("Évaluations", "Scorecards"),
	                    cli_tr("Signataire", "Signer"));
	for (size_t i = 0; i < s->norgs; i++) {
		const struct store_org *o = &s->orgs[i];
		double delta;
		const char *t = summary_trend(o, false, &delta);
		const char *cls = delta > 0 ? "up" : delta < 0 ? "down" : "";

		rc |= vg_buf_puts(b, "<tr>");
		rc |= summary_html_cell(b, "td", o->insee);
		rc |= summary_html_cell(b, "td", o->name);
		rc |= summary_html_cell(b, "td", o->date);
		rc |= summary_html_cell(b, "td", o->grade);
		if (o->scored)
			cli_num(o->score, 1, false, num, sizeof num);
		else
			snprintf(num, sizeof num, "-");
		rc |= vg_buf_printf(b, "<td class=\"n\">%s</td>", num);
		if (o->has_prev && o->scored && o->prev_scored)
			rc |= vg_buf_printf(b, "<td class=\"%s\">%s %s</td>", cls, t,
			                    cli_num(delta, 1, true, num, sizeof num));
		else
			rc |= vg_buf_printf(b, "<td>%s</td>", t);
		rc |= vg_buf_printf(b, "<td class=\"n\">%ld</td>", o->count);
		rc |= summary_html_cell(b, "td", o->signer);
		rc |= vg_buf_puts(b, "</tr>\n");
	}
	rc |= vg_buf_printf(b,
	                    "</table>\n<h2>%s</h2>\n<table>\n<tr><th>%s</th><th>%s</th>"
	                    "<th>%s</th></tr>\n",
	                    cli_tr("Moyenne par domaine", "Average per domain"),
	                    cli_tr("Domaine", "Domain"), cli_tr("Moyenne", "Average"),
	                    cli_tr("Collectivités", "Organisations"));
	for (size_t i = 0; i < s->ndomains; i++) {
		const struct store_domain_avg *d = &s->domains[i];

		rc |= vg_buf_puts(b, "<tr>");
		rc |= summary_html_cell(b, "td", model_text(&d->title, l));
		if (d->count > 0)
			cli_num(d->average, 1, false, num, sizeof num);
		else
			snprintf(num, sizeof num, "-");
		rc |= vg_buf_printf(b, "<td class=\"n\">%s</td><td class=\"n\">%ld</td></tr>\n",
		                    num, d->count);
	}
	rc |= vg_buf_printf(b,
	                    "</table>\n<h2>%s</h2>\n<table>\n<tr><th>Question</th><th>%s</th>"
	                    "<th>%s</th></tr>\n",
	                    cli_tr("Lacunes les plus fréquentes parmi les mesures prioritaires",
	                           "Most common gaps among the priority measures"),
	                    cli_tr("Mesure", "Measure"), cli_tr("Collectivités", "Organisations"));
	for (size_t i = 0; i < s->ngaps; i++) {
		const struct store_gap *g = &s->gaps[i];

		rc |= vg_buf_puts(b, "<tr>");
		rc |= summary_html_cell(b, "td", g->question);
		rc |= summary_html_cell(b, "td", g->text.fr != NULL ? model_text(&g->text, l) : "");
		rc |= vg_buf_printf(b, "<td class=\"n\">%ld/%zu</td></tr>\n", g->count, s->norgs);
	}
	rc |= vg_buf_puts(b, "</table>\n</body>\n</html>\n");
	return rc != 0 ? -1 : 0;
}

static bool summary_insee_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 5)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || s[i] == 'A' || s[i] == 'B'))
			return false;
	return true;
}

static int cmd_summary_exec(int argc, char **argv)
{
	enum { OPT_CSV = 256, OPT_HTML, OPT_SINCE, OPT_UNTIL, OPT_INSEE };
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"csv", required_argument, NULL, OPT_CSV},
	    {"html", required_argument, NULL, OPT_HTML},
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"since", required_argument, NULL, OPT_SINCE},
	    {"until", required_argument, NULL, OPT_UNTIL},
	    {"insee", required_argument, NULL, OPT_INSEE},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct store_filter f = {NULL, NULL, NULL, NULL};
	const char *db = NULL, *csv = NULL, *html = NULL;
	struct store_summary *s = NULL;
	struct store *st = NULL;
	struct vg_err err = {0};
	struct vg_buf b;
	int c, rc = CLI_EXIT_OK;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:q:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case OPT_CSV:
			csv = optarg;
			break;
		case OPT_HTML:
			html = optarg;
			break;
		case 'q':
			f.questionnaire = optarg;
			break;
		case OPT_SINCE:
			f.since = optarg;
			break;
		case OPT_UNTIL:
			f.until = optarg;
			break;
		case OPT_INSEE:
			f.insee = optarg;
			break;
		case 'h':
			summary_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("summary",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("summary", _("argument inattendu '%s'"), argv[optind]);
	if (db == NULL)
		return cli_usage_error("summary", _("--db FICHIER est obligatoire"));
	if (csv != NULL && html != NULL)
		return cli_usage_error("summary", _("donnez --csv ou --html, pas les deux"));
	if (f.since != NULL && !store_date_ok(f.since))
		return cli_usage_error("summary", _("--since prend une date AAAA-MM-JJ, pas '%s'"),
		                       f.since);
	if (f.until != NULL && !store_date_ok(f.until))
		return cli_usage_error("summary", _("--until prend une date AAAA-MM-JJ, pas '%s'"),
		                       f.until);
	if (f.insee != NULL && !summary_insee_ok(f.insee))
		return cli_usage_error(
		    "summary",
		    _("--insee prend le début d'un code INSEE (chiffres, 2A, 2B), pas '%s'"),
		    f.insee);
	if (store_open(db, false, &st, &err) != 0 || store_summary(st, &f, &s, &err) != 0) {
		cli_warnx("%s", err.msg);
		store_close(st);
		return cli_exit_code(&err);
	}
	if (csv == NULL && html == NULL) {
		summary_text(s);
	} else {
		vg_buf_init(&b, SUMMARY_MAX_OUT);
		if ((csv != NULL ? summary_csv(s, &b) : summary_html(s, &b)) != 0) {
			cli_warnx(_("le résumé dépasse %u octets : restreignez-le avec --insee ou "
			            "--since"),
			          SUMMARY_MAX_OUT);
			rc = CLI_EXIT_FAIL;
		} else if (vg_write_atomic(csv != NULL ? csv : html, b.data, b.len, 0644, &err) !=
		           0) {
			cli_warnx("%s", err.msg);
			rc = CLI_EXIT_FAIL;
		}
		vg_buf_free(&b);
	}
	store_summary_free(s);
	store_close(st);
	if (fflush(stdout) != 0)
		rc = CLI_EXIT_FAIL;
	return rc;
}

const struct cli_cmd cmd_summary_entry = {
    "summary",
    "--db FILE [--csv OUT | --html OUT] [--questionnaire ID] [--since DATE] [--until DATE] "
    "[--insee PREFIX]",
    N_("un tableau pour toutes les collectivités d'une base : notes, évolutions, lacunes communes"),
    cmd_summary_exec,
};
