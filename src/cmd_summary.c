/* vigie summary: one table across the organisations of the store; text, CSV or HTML. */
#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "embedded.h"
#include "report.h"
#include "report_priv.h"
#include "store.h"
#include "yaml_load.h"

#define SUMMARY_MAX_OUT (256u << 20) /* bytes of a CSV or HTML export */

static void summary_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie summary --db FICHIER [--csv SORTIE [--csv-sep SÉP] | --html "
	      "SORTIE]\n"
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
	      "      --csv-sep SÉP         le séparateur CSV : ',' (par défaut) ou ';' pour les\n"
	      "                            tableurs français (nombres alors avec une virgule)\n"
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

/* A number of vigie's own (never text from a scorecard), written as a number: with the
 * ';' separator of French spreadsheets, with their decimal comma. */
static int summary_csv_num(struct vg_buf *b, double v, char sep)
{
	char num[64], *dot;

	snprintf(num, sizeof num, "%.2f", v);
	if (sep == ';' && (dot = strchr(num, '.')) != NULL)
		*dot = ',';
	return vg_buf_puts(b, num);
}

/* The organisations as CSV: header, one line per organisation, CRLF line ends; fields
 * separated by sep (',' or ';'). */
static int summary_csv(const struct store_summary *s, struct vg_buf *b, char sep)
{
	static const char *const header[] = {"insee", "name",           "date",           "grade",
	                                     "score", "previous_grade", "previous_score", "delta",
	                                     "trend", "scorecards",     "questionnaire",  "signer"};
	const char sp[2] = {sep, '\0'};
	int rc = 0;

	for (size_t i = 0; i < sizeof header / sizeof header[0]; i++)
		rc |= vg_buf_printf(b, "%s%s", i > 0 ? sp : "", header[i]);
	rc |= vg_buf_puts(b, "\r\n");
	for (size_t i = 0; i < s->norgs && rc == 0; i++) {
		const struct store_org *o = &s->orgs[i];
		double delta;
		const char *t = summary_trend(o, true, &delta);

		rc |= store_csv_field(b, o->insee);
		rc |= vg_buf_puts(b, sp);
		rc |= store_csv_field(b, o->name);
		rc |= vg_buf_puts(b, sp);
		rc |= store_csv_field(b, o->date);
		rc |= vg_buf_puts(b, sp);
		rc |= store_csv_field(b, o->grade);
		rc |= vg_buf_puts(b, sp);
		if (o->scored)
			rc |= summary_csv_num(b, o->score, sep);
		rc |= vg_buf_puts(b, sp);
		rc |= store_csv_field(b, o->prev_grade);
		rc |= vg_buf_puts(b, sp);
		if (o->has_prev && o->prev_scored)
			rc |= summary_csv_num(b, o->prev_score, sep);
		rc |= vg_buf_puts(b, sp);
		if (o->has_prev && o->scored && o->prev_scored)
			rc |= summary_csv_num(b, delta, sep);
		rc |= vg_buf_printf(b, "%s%s%s%ld%s", sp, t, sp, o->count, sp);
		rc |= store_csv_field(b, o->questionnaire);
		rc |= vg_buf_puts(b, sp);
		rc |= store_csv_field(b, o->signer);
		rc |= vg_buf_puts(b, "\r\n");
	}
	return rc != 0 ? -1 : 0;
}

/* The rank of a grade for sorting: A first, unscored last. */
static int summary_grade_rank(const char *g)
{
	return g != NULL && g[0] >= 'A' && g[0] <= 'E' && g[1] == '\0' ? g[0] - 'A' : 5;
}

static int summary_cmp_org(const void *a, const void *b)
{
	const struct store_org *x = *(const struct store_org *const *)a;
	const struct store_org *y = *(const struct store_org *const *)b;
	int gx = summary_grade_rank(x->grade), gy = summary_grade_rank(y->grade), c;

	if (gx != gy)
		return gx - gy;
	if ((x->insee == NULL) != (y->insee == NULL))
		return x->insee == NULL ? 1 : -1;
	if (x->insee != NULL && (c = strcmp(x->insee, y->insee)) != 0)
		return c;
	return strcmp(x->name != NULL ? x->name : "", y->name != NULL ? y->name : "");
}

/* The position of domain id in the embedded questionnaire qid (SIZE_MAX when unknown). */
static size_t summary_domain_pos(struct vg_questionnaire *const *qs, size_t nq, const char *id)
{
	size_t base = 0;

	for (size_t k = 0; k < nq; k++) {
		for (size_t i = 0; i < qs[k]->ndomains; i++)
			if (strcmp(qs[k]->domains[i].id, id) == 0)
				return base + i;
		base += qs[k]->ndomains;
	}
	return SIZE_MAX;
}

/* The summary's domains in the order of the questionnaires of its organisations (the
 * embedded ones), unknown domains last by id: an array of indexes into s->domains. */
static size_t *summary_domain_order(const struct store_summary *s)
{
	struct vg_questionnaire *qs[8];
	size_t nq = 0, *order = vg_calloc(s->ndomains + 1, sizeof *order), *pos;

	for (size_t i = 0; i < s->norgs && nq < 8; i++) {
		char id[101], name[128];
		const struct embedded_file *f;
		struct vg_questionnaire *q = NULL;
		struct vg_err err = {0};
		bool seen = false;

		if (s->orgs[i].questionnaire == NULL ||
		    sscanf(s->orgs[i].questionnaire, "%100[a-z0-9_-]", id) != 1)
			continue;
		for (size_t k = 0; k < nq; k++)
			seen |= strcmp(qs[k]->id, id) == 0;
		snprintf(name, sizeof name, "%s.yaml", id);
		if (seen || (f = embedded_find(name)) == NULL)
			continue;
		snprintf(name, sizeof name, "embedded:%s.yaml", id);
		if (yaml_load_questionnaire(name, (const char *)f->data, f->len, &q, &err) == 0)
			qs[nq++] = q;
	}
	pos = vg_calloc(s->ndomains + 1, sizeof *pos);
	for (size_t i = 0; i < s->ndomains; i++) {
		order[i] = i;
		pos[i] = summary_domain_pos(qs, nq, s->domains[i].id);
	}
	/* Insertion sort: a few dozen domains; the store gives them by id, a stable tie. */
	for (size_t i = 1; i < s->ndomains; i++)
		for (size_t k = i; k > 0 && pos[order[k - 1]] > pos[order[k]]; k--) {
			size_t t = order[k];

			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	free(pos);
	for (size_t k = 0; k < nq; k++)
		model_questionnaire_free(qs[k]);
	return order;
}

static void summary_h(struct vg_buf *b, const char *s)
{
	report_html_escape(b, s != NULL ? s : "–");
}

/* A name whose words never break inside, not even at their hyphens ("Saint-Paul-Trois-
 * Châteaux"); a word over 40 characters may. */
static void summary_words(struct vg_buf *b, const char *s)
{
	const char *p = s != NULL ? s : "–";

	while (*p != '\0') {
		size_t sp = strspn(p, " "), n;
		char *w;

		if (sp > 0) {
			report_puts(b, " ");
			p += sp;
			continue;
		}
		n = strcspn(p, " ");
		w = vg_asprintf("%.*s", (int)n, p);
		report_puts(b, n <= 40 ? "<span class=\"w\">" : "<span>");
		report_html_escape(b, w);
		report_puts(b, "</span>");
		free(w);
		p += n;
	}
}

/* The grade as a coloured badge, "–" when not scored. */
static void summary_badge(struct vg_buf *b, const char *grade)
{
	int r = summary_grade_rank(grade);

	if (r == 5) {
		report_puts(b, "<span class=\"badge g-none\">–</span>");
		return;
	}
	report_printf(b, "<span class=\"badge g-%c\">%c</span>", 'A' + r, 'A' + r);
}

/* How many organisations have each grade (A..E, then unscored) and the chart of it. */
static void summary_chart_grades(struct vg_buf *b, const struct store_summary *s)
{
	size_t count[6] = {0}, max = 1;
	const double W = 360, H = 220, base = 180, bw = 44;

	for (size_t i = 0; i < s->norgs; i++)
		count[summary_grade_rank(s->orgs[i].grade)]++;
	for (int g = 0; g < 6; g++)
		if (count[g] > max)
			max = count[g];
	report_printf(b,
	              "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"grades-t "
	              "grades-d\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\">"
	              "<title id=\"grades-t\">%s</title><desc id=\"grades-d\">",
	              W, H, W, H, cli_tr("Répartition des notes", "How the grades are spread"));
	for (int g = 0; g < 6; g++)
		report_printf(b, "%s%s%s %zu%s", g == 5 ? cli_tr("sans note", "no grade") : "",
		              g < 5 ? (const char *[]){"A", "B", "C", "D", "E"}[g] : "",
		              cli_tr(" :", ":"), count[g], g < 5 ? " ; " : ".");
	report_puts(b, "</desc>\n");
	report_printf(b,
	              "<line x1=\"20\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#1b1b1b\"/>\n",
	              base, W - 10, base);
	for (int g = 0; g < 6; g++) {
		const char *bg, *fg;
		char letter[2] = {(char)('A' + g), '\0'};
		double h = (base - 30) * (double)count[g] / (double)max, x = 30 + g * 55.0;

		report_grade_colours(g < 5 ? letter : NULL, &bg, &fg);
		report_printf(
		    b,
		    "<rect class=\"gbar\" x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" "
		    "height=\"%.1f\" fill=\"%s\" stroke=\"#1b1b1b\" stroke-width=\"0.5\"/>"
		    "<text x=\"%.0f\" y=\"%.1f\" font-size=\"13\" font-weight=\"700\" "
		    "text-anchor=\"middle\" fill=\"#1b1b1b\">%zu</text>"
		    "<text x=\"%.0f\" y=\"%.0f\" font-size=\"13\" font-weight=\"700\" "
		    "text-anchor=\"middle\" fill=\"#1b1b1b\">%s</text>\n",
		    x, base - h, bw, h, bg, x + bw / 2, base - h - 5, count[g], x + bw / 2,
		    base + 18, g < 5 ? letter : cli_tr("–", "–"));
	}
	report_puts(b, "</svg></figure>\n");
}

/* The domain averages as bars in the given order, coloured by the grade of the average. */
static void summary_chart_domains(struct vg_buf *b, const struct store_summary *s,
                                  const size_t *order)
{
	enum vg_lang l = cli_lang;
	const double x0 = 200, W = 220, row = 24;
	double h = row * (double)s->ndomains + 30;

	report_printf(b,
	              "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"doms-t "
	              "doms-d\" viewBox=\"0 0 480 %.0f\" width=\"480\" height=\"%.0f\">"
	              "<title id=\"doms-t\">%s</title><desc id=\"doms-d\">%s</desc>\n",
	              h, h,
	              cli_tr("Score moyen de chaque domaine sur 100",
	                     "Average score of each domain out of 100"),
	              cli_tr("Les valeurs sont dans le tableau « Moyenne par domaine ».",
	                     "The values are in the table \"Average per domain\"."));
	for (int t = 0; t <= 4; t++)
		report_printf(
		    b,
		    "<line x1=\"%.1f\" y1=\"2\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#d0d0d0\"/>"
		    "<text x=\"%.1f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"middle\" "
		    "fill=\"#444\">%d</text>\n",
		    x0 + W * t / 4, x0 + W * t / 4, h - 22, x0 + W * t / 4, h - 8, t * 25);
	for (size_t k = 0; k < s->ndomains; k++) {
		const struct store_domain_avg *d = &s->domains[order[k]];
		const char *bg, *fg;
		double y = 4 + row * (double)k, w = d->count > 0 ? W * d->average / 100 : 0;
		char num[32] = "–";
		struct vg_arena a;

		vg_arena_init(&a);
		if (d->count > 0)
			report_num(l, d->average, num, sizeof num);
		report_grade_colours(d->count > 0 ? report_grade_of(d->average) : NULL, &bg, &fg);
		report_printf(b,
		              "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" "
		              "fill=\"#1b1b1b\" direction=\"ltr\" unicode-bidi=\"isolate\">",
		              x0 - 8, y + 14);
		summary_h(b, report_trunc(&a, report_clean(&a, model_text(&d->title, l)), 30));
		report_printf(b,
		              "</text><rect class=\"dbar\" x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" "
		              "height=\"16\" fill=\"%s\" stroke=\"#1b1b1b\" stroke-width=\"0.5\"/>"
		              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" font-weight=\"700\" "
		              "fill=\"#1b1b1b\">%s</text>\n",
		              x0, y + 2, w, bg, x0 + w + 4, y + 15, num);
		vg_arena_free(&a);
	}
	report_puts(b, "</svg></figure>\n");
}

static const char summary_css[] =
    "*{box-sizing:border-box}\n"
    "body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#1b1b1b;"
    "background:#fff;max-width:70rem;margin:0 auto;padding:1.5rem;line-height:1.4}\n"
    "h1{font-size:1.7rem;margin:0 0 .4rem}\n"
    "h2{font-size:1.3rem;border-bottom:2px solid #1b1b1b;margin:1.8rem 0 .8rem}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}\n"
    ".chart{margin:0;max-width:100%}svg{max-width:100%;height:auto}"
    "svg text{font-family:inherit}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\n"
    "caption{text-align:left;padding:.3rem 0;color:#333}\n"
    "th,td{border:1px solid #8a8a8a;padding:.3rem .5rem;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word}\n"
    "thead th{background:#eceff1}\n"
    "td.n,th.n{text-align:right;white-space:nowrap}td.d{white-space:nowrap}\n"
    ".u{unicode-bidi:isolate}.w{white-space:nowrap}\n"
    ".badge{display:inline-block;min-width:2rem;text-align:center;font-weight:700;"
    "border-radius:.3rem;padding:.1rem .4rem}\n"
    ".g-A{background:#1a7f37;color:#fff}.g-B{background:#4d7c0f;color:#fff}"
    ".g-C{background:#f2c200;color:#000}.g-D{background:#e8590c;color:#000}"
    ".g-E{background:#c92a2a;color:#fff}.g-none{background:#5f6368;color:#fff}\n"
    ".up{color:#1a6b30}.down{color:#a61e1e}\n"
    "@page{size:A4 landscape;margin:12mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    ".badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* The whole summary as one self-contained HTML page (no script, no external resource). */
/* b's page with French typography's no-break spaces, as in the report. */
static int summary_nbsp(struct vg_buf *b)
{
	struct vg_buf page;

	vg_buf_init(&page, SUMMARY_MAX_OUT);
	if (report_html_nbsp(b, &page) != 0) {
		vg_buf_free(&page);
		return -1;
	}
	vg_buf_free(b);
	*b = page;
	return 0;
}

static int summary_html(const struct store_summary *s, struct vg_buf *b)
{
	enum vg_lang l = cli_lang;
	const struct store_org **orgs = vg_calloc(s->norgs + 1, sizeof *orgs);
	size_t *order = summary_domain_order(s);
	char num[64];

	report_printf(
	    b,
	    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>vigie — %s</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>%s</h1>\n",
	    l == VG_LANG_EN ? "en" : "fr", cli_tr("synthèse", "summary"), summary_css,
	    cli_tr("Synthèse des évaluations", "Summary of the scorecards"));
	report_printf(b, "<p>%s : %ld, %s : %zu</p>\n", cli_tr("Évaluations", "Scorecards"),
	              s->scorecards, cli_tr("collectivités", "organisations"), s->norgs);
	report_puts(b, "<div class=\"charts\">\n");
	summary_chart_grades(b, s);
	if (s->ndomains > 0)
		summary_chart_domains(b, s, order);
	report_puts(b, "</div>\n");

	for (size_t i = 0; i < s->norgs; i++)
		orgs[i] = &s->orgs[i];
	if (s->norgs > 1)
		qsort(orgs, s->norgs, sizeof *orgs, summary_cmp_org);
	report_printf(b,
	              "<h2>%s</h2>\n<table>\n<caption>%s</caption>\n<thead><tr>"
	              "<th scope=\"col\">%s</th><th scope=\"col\">INSEE</th>"
	              "<th scope=\"col\">%s</th><th scope=\"col\" class=\"n\">Score</th>"
	              "<th scope=\"col\">%s</th><th scope=\"col\">Date</th>"
	              "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\">%s</th></tr></thead>"
	              "<tbody>\n",
	              cli_tr("Collectivités", "Organisations"),
	              cli_tr("Triées par note (A en tête), puis par code INSEE.",
	                     "Sorted by grade (A first), then by INSEE code."),
	              cli_tr("Note", "Grade"), cli_tr("Collectivité", "Organisation"),
	              cli_tr("Évolution", "Trend"), cli_tr("Évaluations", "Scorecards"),
	              cli_tr("Signataire", "Signer"));
	for (size_t i = 0; i < s->norgs; i++) {
		const struct store_org *o = orgs[i];
		double delta;
		const char *t = summary_trend(o, false, &delta);
		char date[96];

		report_puts(b, "<tr><td>");
		summary_badge(b, o->grade);
		report_puts(b, "</td><td>");
		summary_h(b, o->insee);
		report_puts(b, "</td><th scope=\"row\" dir=\"auto\" class=\"u\">");
		summary_words(b, o->name);
		if (o->scored)
			report_num(l, o->score, num, sizeof num);
		else
			snprintf(num, sizeof num, "–");
		report_printf(b, "</th><td class=\"n\">%s</td>", num);
		if (o->has_prev && o->scored && o->prev_scored) {
			char d[32];

			report_num(l, fabs(delta), d, sizeof d);
			report_printf(b, "<td class=\"%s\">%s %s%s (%s ",
			              delta > 0   ? "up"
			              : delta < 0 ? "down"
			                          : "",
			              t,
			              delta > 0   ? "+"
			              : delta < 0 ? "−"
			                          : "",
			              d, cli_tr("avant", "was"));
			summary_h(b, o->prev_grade);
			report_puts(b, ")</td>");
		} else {
			report_printf(b, "<td>%s</td>", t);
		}
		report_date_words(l, o->date, false, date, sizeof date);
		report_puts(b, "<td class=\"d\">");
		summary_h(b, date);
		report_printf(b, "</td><td class=\"n\">%ld</td><td dir=\"auto\" class=\"u\">",
		              o->count);
		summary_words(b, o->signer);
		report_puts(b, "</td></tr>\n");
	}
	report_printf(b,
	              "</tbody></table>\n<h2>%s</h2>\n<table>\n<thead><tr><th scope=\"col\">%s"
	              "</th><th scope=\"col\" class=\"n\">%s</th><th scope=\"col\" class=\"n\">%s"
	              "</th></tr></thead><tbody>\n",
	              cli_tr("Moyenne par domaine", "Average per domain"),
	              cli_tr("Domaine", "Domain"), cli_tr("Moyenne sur 100", "Average out of 100"),
	              cli_tr("Collectivités", "Organisations"));
	for (size_t k = 0; k < s->ndomains; k++) {
		const struct store_domain_avg *d = &s->domains[order[k]];

		report_puts(b, "<tr><th scope=\"row\" dir=\"auto\" class=\"u\">");
		summary_h(b, model_text(&d->title, l));
		if (d->count > 0)
			report_num(l, d->average, num, sizeof num);
		else
			snprintf(num, sizeof num, "–");
		report_printf(b, "</th><td class=\"n\">%s</td><td class=\"n\">%ld</td></tr>\n", num,
		              d->count);
	}
	report_printf(b,
	              "</tbody></table>\n<h2>%s</h2>\n<table>\n<thead><tr><th scope=\"col\">%s"
	              "</th><th scope=\"col\" class=\"n\">%s</th></tr></thead><tbody>\n",
	              cli_tr("Lacunes les plus fréquentes parmi les mesures prioritaires",
	                     "Most common gaps among the priority measures"),
	              cli_tr("Question", "Question"), cli_tr("Collectivités", "Organisations"));
	for (size_t i = 0; i < s->ngaps; i++) {
		const struct store_gap *g = &s->gaps[i];

		report_puts(b, "<tr><th scope=\"row\" dir=\"auto\" class=\"u\">");
		summary_h(b, g->text.fr != NULL ? model_text(&g->text, l) : g->question);
		report_printf(b, "</th><td class=\"n\">%ld / %zu</td></tr>\n", g->count, s->norgs);
	}
	if (s->ngaps == 0)
		report_printf(b, "<tr><td colspan=\"2\">%s</td></tr>\n",
		              cli_tr("Aucune.", "None."));
	report_puts(b, "</tbody></table>\n</body>\n</html>\n");
	free(order);
	free(orgs);
	return report_full(b) ? -1 : 0;
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
	enum { OPT_CSV = 256, OPT_HTML, OPT_SINCE, OPT_UNTIL, OPT_INSEE, OPT_CSV_SEP };
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"csv", required_argument, NULL, OPT_CSV},
	    {"csv-sep", required_argument, NULL, OPT_CSV_SEP},
	    {"html", required_argument, NULL, OPT_HTML},
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"since", required_argument, NULL, OPT_SINCE},
	    {"until", required_argument, NULL, OPT_UNTIL},
	    {"insee", required_argument, NULL, OPT_INSEE},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct store_filter f = {NULL, NULL, NULL, NULL};
	const char *db = NULL, *csv = NULL, *html = NULL, *csv_sep = NULL;
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
		case OPT_CSV_SEP:
			csv_sep = optarg;
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
	if (csv_sep != NULL && strcmp(csv_sep, ",") != 0 && strcmp(csv_sep, ";") != 0)
		return cli_usage_error("summary", _("--csv-sep prend ',' ou ';', pas '%s'"),
		                       csv_sep);
	if (csv_sep != NULL && csv == NULL)
		return cli_usage_error("summary", _("--csv-sep va avec --csv SORTIE"));
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
		if ((csv != NULL ? summary_csv(s, &b, csv_sep != NULL ? csv_sep[0] : ',')
		                 : summary_html(s, &b)) != 0 ||
		    (csv == NULL && summary_nbsp(&b) != 0)) {
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
    "--db FILE [--csv OUT [--csv-sep SEP] | --html OUT] [--questionnaire ID] [--since DATE] "
    "[--until DATE] "
    "[--insee PREFIX]",
    N_("un tableau pour toutes les collectivités d'une base : notes, évolutions, lacunes communes"),
    cmd_summary_exec,
};
