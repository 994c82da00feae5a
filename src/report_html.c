/* report_html: the report as one self-contained HTML page: inline CSS, SVG charts drawn
 * here, no script, no external resource (a Content-Security-Policy forbids them), A4 print
 * styles. Every string from the scorecard goes through report_html_escape. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "report_priv.h"

#define PI 3.14159265358979323846

static const char html_css[] =
    "@page{size:A4;margin:14mm 14mm 16mm}\n"
    "*{box-sizing:border-box}\n"
    "body{font-family:\"DejaVu Sans\",\"Liberation Sans\",Arial,sans-serif;color:#1b1b1b;"
    "background:#fff;max-width:62rem;margin:0 auto;padding:1.5rem;line-height:1.45}\n"
    "h1{font-size:1.7rem;margin:0 0 .4rem}\n"
    "h2{font-size:1.3rem;border-bottom:2px solid #1b1b1b;margin:2rem 0 .8rem;"
    "break-after:avoid}\n"
    "h3{font-size:1.05rem;margin:1.2rem 0 .4rem;break-after:avoid}\n"
    ".u{unicode-bidi:isolate;overflow-wrap:break-word;word-break:normal}\n"
    ".ul{overflow-wrap:anywhere}\n"
    ".meta{margin:0;display:grid;grid-template-columns:fit-content(40%) minmax(0,1fr);gap:.1rem "
    "1rem}\n"
    ".meta dt{font-weight:700}.meta dd{margin:0;overflow-wrap:break-word}\n"
    ".result{display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}\n"
    ".badge{font-size:4.5rem;font-weight:700;width:8rem;height:8rem;line-height:8rem;"
    "text-align:center;border-radius:1rem;flex:none}\n"
    ".g-A{background:#1a7f37;color:#fff}.g-B{background:#4d7c0f;color:#fff}"
    ".g-C{background:#f2c200;color:#000}.g-D{background:#e8590c;color:#000}"
    ".g-E{background:#c92a2a;color:#fff}.g-none{background:#5f6368;color:#fff}\n"
    ".score{font-size:1.4rem;font-weight:700;margin:0}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}\n"
    ".chart{break-inside:avoid;max-width:100%;margin:0}\n"
    "svg{max-width:100%;height:auto}svg text{font-family:inherit}\n"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}\n"
    /* A table wider than a phone scrolls in its own box, not the whole page. */
    ".tw{overflow-x:auto}\n"
    "caption{text-align:left;font-weight:700;padding:.3rem 0}\n"
    "th,td{border:1px solid #8a8a8a;padding:.3rem .5rem;text-align:left;vertical-align:top;"
    "overflow-wrap:break-word;hyphens:manual}\n"
    "thead th{background:#eceff1}\n"
    "td.n,th.n{text-align:right;white-space:nowrap}\n"
    ".measure{break-inside:avoid;margin-bottom:.8rem}\n"
    ".measure dl{margin:.2rem 0;display:grid;grid-template-columns:fit-content(40%) minmax(0,1fr);"
    "gap:.15rem .8rem}\n"
    ".measure dt{font-weight:700}.measure dd{margin:0;overflow-wrap:break-word}\n"
    ".wins li,.finds li,.clar li{margin-bottom:.25rem}\n"
    ".annex{break-before:page}\n"
    ".small{font-size:.9rem;color:#333}code{white-space:nowrap}\n"
    ".up{color:#1a6b30}.down{color:#a61e1e}\n"
    ".note{border-left:4px solid #8a8a8a;padding:.2rem .6rem;background:#f5f5f5}\n"
    "footer{margin-top:2rem;font-size:.85rem;color:#444}\n"
    "@media "
    "print{body{max-width:none;padding:0;font-size:9.5pt;line-height:1.35}.tw{overflow:visible}"
    "h1{font-size:1.4rem}h2{margin:1rem 0 .5rem;font-size:1.15rem}"
    "h3{margin:.6rem 0 .2rem;font-size:1rem}.clar{font-size:.92em}"
    ".charts .chart:first-child{flex:1.4 1 0}"
    ".measure{margin-bottom:.5rem}th,td{padding:.15rem "
    ".4rem}.badge{width:6rem;height:6rem;line-height:6rem;font-size:3.5rem}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    ".charts{flex-wrap:nowrap}.chart{flex:1 1 0;min-width:0}}\n";

/* Escaped text. */
static void H(struct vg_buf *b, const char *s)
{
	report_html_escape(b, s != NULL ? s : "");
}

/* Domains that do not concern the organisation. */
static size_t html_npruned(const struct report_view *v)
{
	size_t n = 0;

	for (size_t i = 0; i < v->ndoms; i++)
		n += v->doms[i].pruned;
	return n;
}

/* The class of an element holding user string s: "u" (a bidi isolate that wraps between
 * words), "u ul" when s has a word too long for a line, which may then break anywhere. */
static const char *html_ucls(const char *s)
{
	size_t run = 0;

	for (const char *p = s != NULL ? s : ""; *p != '\0'; p++) {
		if (*p == ' ' || *p == '-' || *p == '/') {
			run = 0;
		} else if (((unsigned char)*p & 0xc0) != 0x80 && ++run > 40) {
			return "u ul";
		}
	}
	return "u";
}

/* A user string in its own bidi isolate. */
static void U(struct vg_buf *b, const char *s)
{
	report_printf(b, "<span dir=\"auto\" class=\"%s\">", html_ucls(s));
	H(b, s);
	report_puts(b, "</span>");
}

static const char *html_score(enum vg_lang l, bool scored, double x, char *buf, size_t len)
{
	if (!scored)
		return "–";
	report_num(l, x, buf, len);
	return buf;
}

/* Splits title into lines of at most cols columns between words (a longer word is a line
 * of its own); at most max lines, the last one taking the rest: the title is never cut.
 * Returns the count. */
static size_t html_lines(struct vg_arena *a, const char *title, size_t cols, const char **lines,
                         size_t max)
{
	const char *p = title, *start = NULL, *end = NULL;
	size_t n = 0;

	for (;;) {
		const char *w;
		size_t wl;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		w = p;
		wl = strcspn(w, " ");
		p = w + wl;
		if (start == NULL) {
			start = w;
			end = p;
			continue;
		}
		if (n + 1 < max &&
		    report_width(vg_arena_strndup(a, start, (size_t)(p - start))) > cols) {
			lines[n++] = vg_arena_strndup(a, start, (size_t)(end - start));
			start = w;
		}
		end = p;
	}
	if (start != NULL)
		lines[n++] = vg_arena_strndup(a, start, (size_t)(end - start));
	if (n == 0)
		lines[n++] = "";
	return n;
}

/* The radar chart of the domain scores (and of the previous ones, dashed), with rings
 * every 20 points labelled, a dot per domain and each label whole on up to three lines. */
static void html_radar(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	const double cx = 300, cy = 205, R = 118;
	const struct report_dom **dom = vg_arena_alloc(&v->arena, (v->ndoms + 1) * sizeof *dom);
	size_t n = 0;

	/* A domain that does not concern the organisation is no axis. */
	for (size_t i = 0; i < v->ndoms; i++)
		if (!v->doms[i].pruned)
			dom[n++] = &v->doms[i];

	report_printf(b,
	              "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"radar-t "
	              "radar-d\" viewBox=\"0 0 600 410\" width=\"600\" height=\"410\">"
	              "<title id=\"radar-t\">%s</title><desc id=\"radar-d\">%s</desc>\n",
	              report_tr(l, "Radar des scores par domaine", "Radar of the domain scores"),
	              report_tr(l,
	                        "Chaque axe est un domaine, de 0 au centre à 100 au bord, un "
	                        "cercle tous les 20 points ; les valeurs sont dans le graphique "
	                        "en barres.",
	                        "Each axis is a domain, from 0 at the centre to 100 at the edge, "
	                        "a ring every 20 points; the values are in the bar chart."));
	for (int ring = 1; ring <= 5; ring++) {
		report_printf(b,
		              "<polygon fill=\"none\" stroke=\"%s\" stroke-width=\"1\" "
		              "points=\"",
		              ring == 5 ? "#8a8a8a" : "#c8c8c8");
		for (size_t i = 0; i < n; i++) {
			double a = -PI / 2 + 2 * PI * (double)i / (double)n, r = R * ring / 5.0;

			report_printf(b, "%.1f,%.1f ", cx + r * cos(a), cy + r * sin(a));
		}
		report_puts(b, "\"/>\n");
	}
	for (size_t i = 0; i < n; i++) {
		double a = -PI / 2 + 2 * PI * (double)i / (double)n;
		double x = cx + (R + 10) * cos(a), y = cy + (R + 10) * sin(a);
		const char *anchor = cos(a) > 0.15 ? "start" : cos(a) < -0.15 ? "end" : "middle";
		const char *lines[3];
		size_t nl = html_lines(&v->arena, dom[i]->title, 17, lines, 3);
		double y0;

		report_printf(b,
		              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		              "stroke=\"#c8c8c8\"/>\n",
		              cx, cy, cx + R * cos(a), cy + R * sin(a));
		/* Above the chart the label grows upwards, below it downwards, at the sides
		 * it is centred on its axis; 13 px a line, 4 px for the baseline. */
		if (sin(a) < -0.5)
			y0 = y - 13.0 * (double)(nl - 1) - 2;
		else if (sin(a) > 0.5)
			y0 = y + 10;
		else
			y0 = y + 4 - 6.5 * (double)(nl - 1);
		report_printf(b,
		              "<text class=\"rl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
		              "font-size=\"11\" fill=\"#1b1b1b\" direction=\"ltr\" "
		              "unicode-bidi=\"isolate\">",
		              x, y0, anchor);
		for (size_t k = 0; k < nl; k++) {
			report_printf(b, "<tspan x=\"%.1f\" dy=\"%s\">", x, k == 0 ? "0" : "13");
			H(b, lines[k]);
			report_puts(b, k + 1 < nl ? " </tspan>" : "</tspan>");
		}
		report_puts(b, "</text>\n");
	}
	for (int ring = 1; ring <= 5; ring++)
		report_printf(b,
		              "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" fill=\"#555\">%d"
		              "</text>\n",
		              cx + 3, cy - R * ring / 5.0 + 10, ring * 20);
	for (int pass = 0; pass < (v->diff != NULL ? 2 : 1); pass++) {
		if (pass == 0)
			report_puts(b, "<polygon fill=\"#1f6feb\" fill-opacity=\"0.25\" "
			               "stroke=\"#1f4e9b\" stroke-width=\"2.5\" points=\"");
		else
			report_puts(b,
			            "<polygon fill=\"none\" stroke=\"#1b1b1b\" stroke-width=\"2\" "
			            "stroke-dasharray=\"6 4\" points=\"");
		for (size_t i = 0; i < n; i++) {
			const struct report_dom *d = dom[i];
			double a = -PI / 2 + 2 * PI * (double)i / (double)n, s;

			if (pass == 1)
				s = d->prev_has && d->prev_scored ? d->prev : 0;
			else
				s = d->scored ? d->score : 0;
			report_printf(b, "%.1f,%.1f ", cx + R * s / 100 * cos(a),
			              cy + R * s / 100 * sin(a));
		}
		report_puts(b, "\"/>\n");
	}
	/* A dot on each scored axis: a low score still reads as a point on its axis. */
	for (size_t i = 0; i < n; i++) {
		const struct report_dom *d = dom[i];
		double a = -PI / 2 + 2 * PI * (double)i / (double)n;

		if (d->scored)
			report_printf(
			    b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#1f4e9b\"/>\n",
			    cx + R * d->score / 100 * cos(a), cy + R * d->score / 100 * sin(a));
	}
	report_puts(b, "</svg>");
	if (v->diff != NULL)
		report_printf(
		    b, "<figcaption>%s</figcaption>",
		    report_tr(l,
		              "Trait plein bleu : ce bilan ; pointillés noirs : bilan "
		              "précédent.",
		              "Solid blue: this assessment; dashed black: the previous one."));
	report_puts(b, "</figure>\n");
}

/* One bar per domain (two with a previous scorecard: before in grey, after in colour). */
static void html_bars(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	const double x0 = 180, W = 200;
	double row = v->diff != NULL ? 40 : 28, h = row * (double)v->ndoms + 30;

	report_printf(
	    b,
	    "<figure class=\"chart\"><svg role=\"img\" aria-labelledby=\"bars-t bars-d\" "
	    "viewBox=\"0 0 440 %.0f\" width=\"440\" height=\"%.0f\">"
	    "<title id=\"bars-t\">%s</title><desc id=\"bars-d\">",
	    h, h,
	    report_tr(l, "Score de chaque domaine sur 100", "Score of each domain out of 100"));
	if (v->diff != NULL)
		report_printf(b, "%s ",
		              report_tr(l,
		                        "Barre grise : bilan précédent ; barre colorée : ce bilan.",
		                        "Grey bar: previous assessment; coloured bar: this one."));
	/* The values, as the chart's text alternative. */
	for (size_t i = 0; i < v->ndoms; i++) {
		const struct report_dom *d = &v->doms[i];
		char num[32];

		H(b, d->title);
		report_printf(b, "%s%s%s", report_tr(l, " : ", ": "),
		              d->pruned ? report_tr(l, "non concerné", "does not apply")
		                        : html_score(l, d->scored, d->score, num, sizeof num),
		              i + 1 < v->ndoms ? " ; " : ".");
	}
	report_puts(b, "</desc>\n");
	for (int t = 0; t <= 4; t++)
		report_printf(
		    b,
		    "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#d0d0d0\"/>"
		    "<text x=\"%.1f\" y=\"%.0f\" font-size=\"10\" text-anchor=\"middle\" "
		    "fill=\"#444\">%d</text>\n",
		    x0 + W * t / 4, x0 + W * t / 4, h - 22, x0 + W * t / 4, h - 8, t * 25);
	for (size_t i = 0; i < v->ndoms; i++) {
		const struct report_dom *d = &v->doms[i];
		double y = 6 + row * (double)i;
		const char *bg, *fg;
		char num[32];

		report_grade_colours(d->scored ? report_grade_of(d->score) : NULL, &bg, &fg);
		report_printf(b,
		              "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\" "
		              "fill=\"#1b1b1b\" direction=\"ltr\" unicode-bidi=\"isolate\">",
		              x0 - 8, y + row / 2 + 2);
		H(b, report_trunc(&v->arena, d->title, 28));
		report_puts(b, "</text>\n");
		if (v->diff != NULL) {
			double pw = d->prev_has && d->prev_scored ? W * d->prev / 100 : 0;

			report_printf(
			    b,
			    "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" "
			    "fill=\"#9e9e9e\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
			    "fill=\"#444\">%s</text>\n",
			    x0, y + 2, pw, x0 + pw + 4, y + 12,
			    html_score(l, d->prev_has && d->prev_scored, d->prev, num, sizeof num));
			y += 16;
		}
		report_printf(
		    b,
		    "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\" "
		    "stroke=\"#1b1b1b\" stroke-width=\"0.5\"/><text x=\"%.1f\" y=\"%.1f\" "
		    "font-size=\"12\" font-weight=\"700\" fill=\"#1b1b1b\">%s</text>\n",
		    x0, y + 2, d->scored ? W * d->score / 100 : 0, bg,
		    x0 + (d->scored ? W * d->score / 100 : 0) + 4, y + 15,
		    d->pruned ? report_tr(l, "non concerné", "does not apply")
		              : html_score(l, d->scored, d->score, num, sizeof num));
	}
	report_puts(b, "</svg></figure>\n");
}

/* The charts' text alternative. */
static void html_domain_table(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(
	    b, "<div class=\"tw\"><table><caption>%s</caption><thead><tr><th scope=\"col\">%s</th>",
	    report_tr(l, "Scores par domaine", "Scores by domain"),
	    report_tr(l, "Domaine", "Domain"));
	if (v->diff != NULL)
		report_printf(b, "<th scope=\"col\" class=\"n\">%s</th>",
		              report_tr(l, "Bilan précédent", "Previous"));
	report_printf(b,
	              "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\">%s</th></tr>"
	              "</thead><tbody>\n",
	              report_tr(l, "Score sur 100", "Score out of 100"),
	              report_tr(l, "Niveau", "Level"));
	for (size_t i = 0; i < v->ndoms; i++) {
		const struct report_dom *d = &v->doms[i];
		char num[32];

		report_printf(b, "<tr><th scope=\"row\" dir=\"auto\" class=\"%s\">",
		              html_ucls(d->title));
		H(b, d->title);
		report_puts(b, "</th>");
		if (v->diff != NULL)
			report_printf(b, "<td class=\"n\">%s</td>",
			              d->prev_has
			                  ? html_score(l, d->prev_scored, d->prev, num, sizeof num)
			                  : "–");
		report_printf(b, "<td class=\"n\">%s</td><td>%s</td></tr>\n",
		              d->pruned ? report_tr(l, "non concerné", "does not apply")
		                        : html_score(l, d->scored, d->score, num, sizeof num),
		              d->scored ? report_grade_of(d->score) : "–");
	}
	report_puts(b, "</tbody></table></div>\n");
}

static void html_header(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(b,
	              "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
	              "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	              "style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
	              "<meta name=\"referrer\" content=\"no-referrer\">\n"
	              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	              "<meta name=\"generator\" content=\"vigie ",
	              l == VG_LANG_EN ? "en" : "fr");
	H(b, v->tool);
	report_printf(b, "\">\n<title>%s — ",
	              report_tr(l, "Bilan de cybersécurité", "Cybersecurity assessment"));
	H(b,
	  v->org != NULL ? v->org : report_tr(l, "organisation non renseignée", "no organisation"));
	report_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>%s<br>",
	              html_css, report_tr(l, "Bilan de cybersécurité", "Cybersecurity assessment"));
	U(b, v->org != NULL
	         ? v->org
	         : report_tr(l, "Organisation non renseignée", "Organisation not given"));
	report_puts(b, "</h1>\n<dl class=\"meta\">");
	if (v->insee != NULL) {
		report_printf(b, "<dt>%s</dt><dd>", report_tr(l, "Code INSEE", "INSEE code"));
		U(b, v->insee);
		report_puts(b, "</dd>");
	}
	if (v->contact != NULL) {
		report_printf(b, "<dt>%s</dt><dd>", report_tr(l, "Contact", "Contact"));
		U(b, v->contact);
		report_puts(b, "</dd>");
	}
	report_printf(b, "<dt>%s</dt><dd>", report_tr(l, "Date du bilan", "Assessment date"));
	H(b, v->date);
	report_printf(b, "</dd><dt>%s</dt><dd>", report_tr(l, "Questionnaire", "Questionnaire"));
	U(b, v->qtitle);
	report_puts(b, " (");
	H(b, v->qid);
	report_puts(b, " ");
	H(b, v->qversion);
	report_puts(b, ")</dd></dl>\n</header>\n<main>\n");
}

static void html_result(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	char num[32], old[32];

	report_printf(b, "<section aria-labelledby=\"s-result\">\n<h2 id=\"s-result\">%s</h2>\n",
	              report_tr(l, "Résultat", "Result"));
	if (!v->scored) {
		report_printf(b,
		              "<div class=\"result\"><div class=\"badge g-none\" role=\"img\" "
		              "aria-label=\"%s\">–</div><p>%s</p></div>\n",
		              report_tr(l, "Pas de note", "No grade"),
		              report_tr(l,
		                        "Aucune question applicable n'a de réponse : pas de note.",
		                        "No applicable question was answered: no grade."));
	} else {
		report_num(l, v->overall, num, sizeof num);
		report_printf(b, "<div class=\"result\"><div class=\"badge g-");
		H(b, v->grade);
		report_printf(b, "\" role=\"img\" aria-label=\"%s ", report_tr(l, "Note", "Grade"));
		H(b, v->grade);
		report_puts(b, "\">");
		H(b, v->grade);
		report_printf(b, "</div><div><p class=\"score\">%s %s / 100</p>",
		              report_tr(l, "Score global :", "Overall score:"), num);
		if (v->critical_cap)
			report_printf(
			    b, "<p>%s</p>",
			    report_tr(l,
			              "La note est plafonnée à D : une question critique "
			              "est à 0.",
			              "The grade is capped at D: a critical question is at 0."));
		if (v->diff != NULL) {
			report_printf(b, "<p>%s ", report_tr(l, "Bilan précédent :", "Previous:"));
			H(b, v->diff->old_grade != NULL ? v->diff->old_grade : "–");
			report_printf(b, " (%s / 100)</p>",
			              html_score(l, v->diff->old_scored, v->diff->old_overall, old,
			                         sizeof old));
		}
		report_printf(b, "<p>%s</p></div></div>\n",
		              report_tr(l,
		                        "Échelle : A (85 et plus), B (70 et plus), C (50 et plus), "
		                        "D (30 et plus), E (moins de 30).",
		                        "Scale: A (85 and over), B (70 and over), C (50 and over), "
		                        "D (30 and over), E (under 30)."));
	}
	report_puts(b, "</section>\n");
}

static void html_domains(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(b, "<section aria-labelledby=\"s-domains\">\n<h2 id=\"s-domains\">%s</h2>\n",
	              report_tr(l, "Par domaine", "By domain"));
	report_puts(b, "<div class=\"charts\">\n");
	if (v->ndoms - html_npruned(v) >= 3)
		html_radar(b, v);
	if (v->ndoms > 0)
		html_bars(b, v);
	report_puts(b, "</div>\n");
	report_puts(b, "</section>\n");
}

/* A dt/dd pair with an escaped, isolated value. */
static void html_dd(struct vg_buf *b, const char *term, const char *value)
{
	report_printf(b, "<dt>%s</dt><dd>", term);
	U(b, value);
	report_puts(b, "</dd>");
}

/* Quick wins: gaps of low effort that are not among the priority measures, each told as its
 * action (the advice), at most REPORT_MAX_WINS. */
static void html_wins(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	size_t k = 0;

	report_printf(b, "<h3>%s</h3>\n<ul class=\"wins\">\n",
	              report_tr(l, "Gains rapides (effort : faible)", "Quick wins (effort: low)"));
	for (size_t i = 0; i < v->nplan && k < REPORT_MAX_WINS; i++) {
		const struct report_act *a = &v->plan[i];

		if (!a->low || a->priority || a->action == NULL)
			continue;
		k++;
		report_puts(b, "<li>");
		U(b, a->action);
		report_puts(b, "</li>\n");
	}
	report_puts(b, "</ul>\n");
	if (k == 0)
		report_printf(b, "<p>%s</p>\n",
		              report_tr(l, "Aucun en dehors des mesures prioritaires.",
		                        "None besides the priority measures."));
}

static void html_plan(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	size_t k = 0;

	for (size_t i = 0; i < v->nplan; i++)
		k += v->plan[i].priority;
	report_printf(b, "<section aria-labelledby=\"s-plan\">\n<h2 id=\"s-plan\">%s</h2>\n<ol>\n",
	              report_plan_title(l, k, false));
	k = 0;
	for (size_t i = 0; i < v->nplan; i++) {
		const struct report_act *a = &v->plan[i];

		if (!a->priority)
			continue;
		k++;
		report_printf(b, "<li class=\"measure\"><h3 dir=\"auto\" class=\"%s\">",
		              html_ucls(a->question));
		H(b, a->question);
		report_puts(b, "</h3><dl>");
		html_dd(b, report_tr(l, "Réponse actuelle", "Current answer"), a->answer);
		if (a->why != NULL)
			html_dd(b, report_tr(l, "Pourquoi", "Why"), a->why);
		html_dd(b, report_tr(l, "Comment", "How"),
		        a->how != NULL
		            ? a->how
		            : report_tr(l, "voir avec votre prestataire.", "ask your provider."));
		html_dd(b, report_tr(l, "Effort", "Effort"), a->effort);
		report_puts(b, "</dl></li>\n");
	}
	report_puts(b, "</ol>\n");
	if (k == 0)
		report_printf(b, "<p>%s</p>\n",
		              report_tr(l, "Aucune mesure : pas d'écart.", "None: no gap."));
	html_wins(b, v);
	report_puts(b, "</section>\n");
}

/* The checks in words: how many passed or not, and what is wrong, without paths. */
static void html_findings(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	char line[512];

	report_printf(b, "<section aria-labelledby=\"s-find\">\n<h2 id=\"s-find\">%s</h2>\n",
	              report_tr(l, "Vérifications automatiques", "Automated checks"));
	if (v->nfinds == 0) {
		report_printf(
		    b, "<p>%s</p>\n</section>\n",
		    report_tr(l, "Aucune vérification automatique n'a été faite pour ce bilan.",
		              "No automated check was run for this assessment."));
		return;
	}
	report_findings_sentence(v, line, sizeof line);
	report_printf(b, "<p>%s</p>\n", line);
	if (v->nfind_status[1] + v->nfind_status[2] > 0)
		report_puts(b, "<ul class=\"finds\">\n");
	for (int pass = 2; pass >= 1; pass--) {
		for (size_t i = 0; i < v->nfinds; i++) {
			const struct report_find *f = &v->finds[i];

			if (strcmp(f->status, pass == 2 ? "fail" : "warn") != 0)
				continue;
			report_printf(b, "<li><strong>%s</strong> : ", f->words);
			U(b, f->plain != NULL ? f->plain : f->id);
			if (f->about != NULL) {
				report_printf(b, " <span class=\"small\">(%s ",
				              report_tr(l, "question :", "question:"));
				U(b, f->about);
				report_puts(b, ")</span>");
			}
			report_puts(b, "</li>\n");
		}
	}
	if (v->nfind_status[1] + v->nfind_status[2] > 0)
		report_puts(b, "</ul>\n");
	report_puts(b, "</section>\n");
}

/* Every check with its id, result, finding (with its paths) and the questions it informs:
 * the annex. */
static void html_findings_detail(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(b, "<h3>%s</h3>\n",
	              report_tr(l, "Détail des vérifications automatiques",
	                        "The automated checks in detail"));
	if (v->nfinds == 0) {
		report_printf(b, "<p>%s</p>\n", report_tr(l, "Aucune.", "None."));
		return;
	}
	report_printf(
	    b,
	    "<div class=\"tw\"><table><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
	    report_tr(l, "Vérification", "Check"), report_tr(l, "Résultat", "Result"),
	    report_tr(l, "Constat", "Finding"), report_tr(l, "Concerne", "About"));
	for (size_t i = 0; i < v->nfinds; i++) {
		const struct report_find *f = &v->finds[i];

		report_printf(b, "<tr><th scope=\"row\" dir=\"auto\" class=\"%s\">",
		              html_ucls(f->id));
		H(b, f->id);
		report_printf(b, "</th><td>%s</td><td dir=\"auto\" class=\"%s\">", f->words,
		              html_ucls(f->reason));
		H(b, f->reason != NULL ? f->reason : "");
		report_printf(b, "</td><td dir=\"auto\" class=\"%s\">", html_ucls(f->informs));
		H(b, f->informs);
		report_puts(b, "</td></tr>\n");
	}
	report_puts(b, "</tbody></table></div>\n");
}

static void html_clarify(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(b, "<section aria-labelledby=\"s-clar\">\n<h2 id=\"s-clar\">%s</h2>\n",
	              report_tr(l, "À clarifier", "To clarify"));
	if (v->nclar == 0)
		report_printf(b, "<p>%s</p>\n", report_tr(l, "Rien.", "Nothing."));
	else
		report_puts(b, "<ul class=\"clar\">\n");
	for (size_t i = 0; i < v->nclar; i++) {
		report_puts(b, "<li>");
		U(b, v->clar[i].question);
		report_printf(b, " (%s)</li>\n", v->clar[i].why);
	}
	if (v->nclar > 0)
		report_puts(b, "</ul>\n");
	report_puts(b, "</section>\n");
}

static void html_changes(struct vg_buf *b, enum vg_lang l, const char *title, const char *cls,
                         const struct report_change *c, size_t n)
{
	report_printf(b, "<h3>%s</h3>\n", title);
	if (n == 0) {
		report_printf(b, "<p>%s</p>\n", report_tr(l, "Aucun.", "None."));
		return;
	}
	report_puts(b, "<ul>\n");
	for (size_t i = 0; i < n; i++) {
		report_printf(b, "<li class=\"%s\">", cls);
		U(b, c[i].label);
		report_puts(b, " : ");
		U(b, c[i].before);
		report_puts(b, " → ");
		U(b, c[i].after);
		if (c[i].cause != NULL) {
			report_puts(b, " <span class=\"small\">(");
			U(b, c[i].cause);
			report_puts(b, ")</span>");
		}
		report_puts(b, "</li>\n");
	}
	report_puts(b, "</ul>\n");
}

static void html_diff(struct vg_buf *b, struct report_view *v)
{
	const struct report_diff *d = v->diff;
	enum vg_lang l = v->lang;

	report_printf(b, "<section aria-labelledby=\"s-diff\">\n<h2 id=\"s-diff\">%s</h2>\n<p>%s ",
	              report_tr(l, "Évolution depuis le bilan précédent",
	                        "Progress since the previous assessment"),
	              report_tr(l, "Bilan précédent :", "Previous assessment:"));
	H(b, d->old_date);
	report_puts(b, "</p>\n");
	if (d->note != NULL) {
		report_puts(b, "<p>");
		H(b, d->note);
		report_puts(b, "</p>\n");
	}
	html_changes(b, l, report_tr(l, "Réponses en progrès", "Answers that rose"), "up", d->rose,
	             d->nrose);
	html_changes(b, l, report_tr(l, "Réponses en recul", "Answers that fell"), "down", d->fell,
	             d->nfell);
	html_changes(b, l, report_tr(l, "Nouveaux constats", "New findings"), "down", d->found,
	             d->nfound);
	html_changes(b, l, report_tr(l, "Constats corrigés", "Fixed findings"), "up", d->fixed,
	             d->nfixed);
	if (d->ngone > 0)
		html_changes(b, l,
		             report_tr(l, "Constats plus vérifiés", "Findings no longer checked"),
		             "", d->gone, d->ngone);
	report_puts(b, "</section>\n");
}

static void html_answers(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(
	    b,
	    "<section class=\"annex\" aria-labelledby=\"s-ans\">\n<h2 id=\"s-ans\">%s</h2>\n"
	    "<p>%s</p>\n",
	    report_tr(l, "Annexe : réponses, notes et vérifications",
	              "Annex: answers, notes and checks"),
	    report_tr(l,
	              "Le détail pour la personne qui suit le dossier : chaque "
	              "réponse, sa valeur et sa note, puis chaque vérification "
	              "automatique.",
	              "The detail for whoever follows the file: every answer, its "
	              "value and note, then every automated check."));
	html_domain_table(b, v);
	for (size_t i = 0; i < v->ndoms; i++) {
		const struct report_dom *d = &v->doms[i];
		char num[32];

		report_puts(b, "<h3>");
		H(b, d->title);
		report_printf(b, " — %s / 100</h3>\n",
		              html_score(l, d->scored, d->score, num, sizeof num));
		if (d->nrows == 0) {
			report_printf(b, "<p>%s</p>\n",
			              report_tr(l, "Aucune réponse.", "No answer."));
			continue;
		}
		report_printf(b,
		              "<div class=\"tw\"><table><thead><tr><th scope=\"col\">%s</th><th "
		              "scope=\"col\">%s</th>"
		              "<th scope=\"col\" class=\"n\">%s</th><th scope=\"col\">%s</th></tr>"
		              "</thead><tbody>\n",
		              report_tr(l, "Question", "Question"),
		              report_tr(l, "Réponse", "Answer"), report_tr(l, "Valeur", "Value"),
		              report_tr(l, "Note", "Note"));
		for (size_t k = 0; k < d->nrows; k++) {
			const struct report_row *r = &d->rows[k];

			report_printf(b, "<tr><th scope=\"row\" dir=\"auto\" class=\"%s\">",
			              html_ucls(r->question));
			H(b, r->question);
			report_printf(b, "</th><td dir=\"auto\" class=\"%s\">",
			              html_ucls(r->answer));
			H(b, r->answer);
			if (r->capped_by != NULL) {
				report_printf(b, " (%s ",
				              report_tr(l, "plafonnée par", "capped by"));
				H(b, r->capped_by);
				report_puts(b, ")");
			}
			if (r->retained >= 0)
				report_printf(b, "</td><td class=\"n\">%d / %d</td>", r->retained,
				              r->max);
			else
				report_puts(b, "</td><td class=\"n\">–</td>");
			report_printf(b, "<td dir=\"auto\" class=\"%s\">", html_ucls(r->note));
			H(b, r->note != NULL ? r->note : "");
			if (r->review)
				report_printf(b, " <strong>(%s)</strong>",
				              report_tr(l, "à revoir", "to review"));
			report_puts(b, "</td></tr>\n");
		}
		report_puts(b, "</tbody></table></div>\n");
	}
	html_findings_detail(b, v);
	report_puts(b, "</section>\n");
}

static void html_signature(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(b,
	              "<section aria-labelledby=\"s-sig\">\n<h2 id=\"s-sig\">%s</h2>\n"
	              "<dl class=\"meta\">",
	              report_tr(l, "Vérifier ce bilan", "Verifying this assessment"));
	if (v->sig != NULL) {
		if (v->sig_name != NULL)
			html_dd(b, report_tr(l, "Signature", "Signature"), v->sig_name);
		html_dd(b, report_tr(l, "Signataire", "Signer"),
		        v->sig->signer[0] != '\0' ? v->sig->signer
		                                  : report_tr(l, "(non indiqué)", "(not given)"));
		html_dd(b, report_tr(l, "Identifiant de clé", "Key id"), v->sig->keyid);
		if (v->sig->time[0] != '\0')
			html_dd(b, report_tr(l, "Signé le", "Signed at"), v->sig->time);
		html_dd(b, report_tr(l, "Commentaire signé", "Trusted comment"), v->sig->trusted);
	}
	html_dd(b,
	        report_tr(l, "Empreinte du questionnaire (SHA-256)",
	                  "Questionnaire fingerprint (SHA-256)"),
	        v->qsha);
	report_puts(b, "</dl>\n<p class=\"note\">");
	if (v->sig != NULL)
		report_puts(
		    b, report_tr(l,
		                 "Ce rapport lit la signature sans la vérifier : vérifiez avec "
		                 "<code>vigie verify</code> ou <code>minisign -V</code>, avec "
		                 "la clé publique du signataire obtenue par un autre canal.",
		                 "This report reads the signature without verifying it: "
		                 "verify with <code>vigie verify</code> or <code>minisign "
		                 "-V</code>, with the signer's public key obtained through "
		                 "another channel."));
	else
		report_puts(b,
		            report_tr(l,
		                      "Aucune signature n'accompagne ce bilan : rien ne garantit "
		                      "qu'il n'a pas été modifié. Signez-le avec <code>vigie "
		                      "sign</code>.",
		                      "No signature comes with this assessment: nothing shows it "
		                      "was not edited. Sign it with <code>vigie sign</code>."));
	report_puts(b, "</p>\n</section>\n");
}

int report_html(const struct scorecard *sc, const struct report_opts *o, struct vg_buf *dst,
                struct vg_err *err)
{
	struct report_view v;
	enum vg_lang l = o->lang;
	struct vg_buf buf, page, *out = &buf;
	int rc;

	vg_buf_init(out, dst->max);
	report_view_build(&v, sc, o);
	html_header(out, &v);
	html_result(out, &v);
	html_domains(out, &v);
	html_plan(out, &v);
	html_findings(out, &v);
	html_clarify(out, &v);
	if (v.diff != NULL)
		html_diff(out, &v);
	html_signature(out, &v);
	if (v.detail)
		html_answers(out, &v);
	else
		report_printf(out, "<p class=\"small\">%s</p>\n",
		              report_tr(l,
		                        "Chaque réponse, sa note et le détail des vérifications "
		                        "sont dans l'annexe : <code>vigie report --detail</code>.",
		                        "Every answer, its note and the checks in detail are in "
		                        "the annex: <code>vigie report --detail</code>."));
	report_printf(out, "</main>\n<footer><p>%s vigie ",
	              report_tr(l, "Rapport établi par", "Report made by"));
	H(out, v.tool);
	report_printf(out, "%s</p></footer>\n</body>\n</html>\n",
	              v.have_q ? ""
	                       : report_tr(l, " (questionnaire introuvable : textes abrégés).",
	                                   " (questionnaire not found: texts shortened)."));
	/* French typography: no line break after « nor before », :, ;, ! and ? (Chromium
	 * breaks there otherwise), in vigie's own words as in the questionnaire's. */
	vg_buf_init(&page, dst->max);
	if (report_full(out))
		page.max = 0; /* full: report_finish says so */
	else
		report_html_nbsp(out, &page);
	vg_buf_free(out);
	rc = report_finish(&page, dst, err);
	report_view_free(&v);
	return rc;
}
