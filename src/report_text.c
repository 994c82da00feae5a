/* report_text: the report as plain UTF-8 text wrapped at 78 columns, for a terminal or an
 * email, and the text of `vigie compare`. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "report_priv.h"

#define TW REPORT_TEXT_WIDTH

/* A section title, underlined. */
static void text_heading(struct vg_buf *b, const char *title)
{
	size_t w = report_width(title);

	report_printf(b, "%s%s\n", b->len > 0 ? "\n" : "", title);
	for (size_t i = 0; i < w; i++)
		report_puts(b, "=");
	report_puts(b, "\n");
}

/* "label: value", wrapped, with the value's continuation lines indented under it. */
static void text_field(struct vg_buf *b, const char *indent, const char *label, const char *value)
{
	char *first = vg_asprintf("%s%s ", indent, label);
	/* Continuation lines start two columns in from the indent, whatever its length. */
	char *rest = vg_asprintf("%*s", (int)(report_width(indent) + 2), "");

	/* report_wrap counts the prefix; the value starts right after the label. */
	report_wrap(b, value, first, rest, TW);
	free(rest);
	free(first);
}

/* A bar of 20 cells for a score 0..100. */
static void text_bar(struct vg_buf *b, bool scored, double score)
{
	int full = scored ? (int)lround(score / 5.0) : 0;

	for (int i = 0; i < 20; i++)
		report_puts(b, i < full ? "\xe2\x96\x88" : "\xe2\x96\x91");
}

/* "31,7" or "-" when not scored. */
static const char *text_score(enum vg_lang l, bool scored, double x, char *buf, size_t len)
{
	if (!scored)
		return "-";
	report_num(l, x, buf, len);
	return buf;
}

static void text_domains(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	for (size_t i = 0; i < v->ndoms; i++) {
		const struct report_dom *d = &v->doms[i];
		const char *t = report_trunc(&v->arena, d->title, 30);
		char num[32], prev[32];

		report_printf(b, "  %s%*s ", t, (int)(30 - report_width(t)), "");
		if (d->pruned) {
			report_printf(b, "%s\n", report_tr(l, "non concerné", "does not apply"));
			continue;
		}
		text_bar(b, d->scored, d->score);
		report_printf(b, " %5s", text_score(l, d->scored, d->score, num, sizeof num));
		if (v->diff != NULL && d->prev_has)
			report_printf(b, "  (%s %s)", report_tr(l, "avant", "before"),
			              text_score(l, d->prev_scored, d->prev, prev, sizeof prev));
		report_puts(b, "\n");
	}
}

static void text_changes(struct vg_buf *b, const char *title, const struct report_change *c,
                         size_t n, enum vg_lang l)
{
	report_printf(b, "\n%s\n", title);
	if (n == 0) {
		report_printf(b, "  %s\n", report_tr(l, "(aucun)", "(none)"));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char line[512];

		report_wrap(b, c[i].label, "  - ", "    ", TW);
		if (c[i].vbefore >= 0) {
			snprintf(line, sizeof line, "%.200s (%d) -> %.200s (%d)", c[i].before,
			         c[i].vbefore, c[i].after, c[i].vafter);
			report_wrap(b, line, "    ", "      ", TW);
			if (c[i].cause != NULL) {
				snprintf(line, sizeof line, "(%.400s)", c[i].cause);
				report_wrap(b, line, "    ", "     ", TW);
			}
		} else {
			char label[128];

			snprintf(line, sizeof line, "%.200s -> %.200s", c[i].before, c[i].after);
			snprintf(label, sizeof label, "%.100s%s", c[i].id, report_tr(l, " :", ":"));
			text_field(b, "    ", label, line);
		}
	}
}

/* The changes of v->diff: grade, domains (in the caller), answers and findings. */
static void text_diff(struct vg_buf *b, struct report_view *v)
{
	const struct report_diff *d = v->diff;
	enum vg_lang l = v->lang;
	char a[32], n[32], line[256];

	snprintf(line, sizeof line, "%s %s (%s) -> %s (%s)", report_tr(l, "Note :", "Grade:"),
	         d->old_grade != NULL ? d->old_grade : "-",
	         text_score(l, d->old_scored, d->old_overall, a, sizeof a),
	         v->grade != NULL ? v->grade : "-",
	         text_score(l, v->scored, v->overall, n, sizeof n));
	report_wrap(b, line, "", "  ", TW);
	if (v->critical_cap)
		report_wrap(b,
		            report_tr(l, "(plafonnée à D : une question critique est à 0)",
		                      "(capped at D: a critical question is at 0)"),
		            "  ", "  ", TW);
	if (d->note != NULL)
		report_wrap(b, d->note, "", "  ", TW);
	text_changes(b, report_tr(l, "Réponses en progrès :", "Answers that rose:"), d->rose,
	             d->nrose, l);
	text_changes(b, report_tr(l, "Réponses en recul :", "Answers that fell:"), d->fell,
	             d->nfell, l);
	text_changes(b, report_tr(l, "Nouveaux constats :", "New findings:"), d->found, d->nfound,
	             l);
	text_changes(b, report_tr(l, "Constats corrigés :", "Fixed findings:"), d->fixed, d->nfixed,
	             l);
	if (d->ngone > 0)
		text_changes(
		    b, report_tr(l, "Constats plus vérifiés :", "Findings no longer checked:"),
		    d->gone, d->ngone, l);
}

static void text_header(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	char line[256];

	text_heading(b, report_tr(l, "BILAN DE CYBERSÉCURITÉ", "CYBERSECURITY ASSESSMENT"));
	text_field(b, "", report_tr(l, "Organisation :", "Organisation:"),
	           v->org != NULL ? v->org : report_tr(l, "(non renseignée)", "(not given)"));
	if (v->insee != NULL)
		text_field(b, "", report_tr(l, "Code INSEE :", "INSEE code:"), v->insee);
	if (v->contact != NULL)
		text_field(b, "", report_tr(l, "Contact :", "Contact:"), v->contact);
	text_field(b, "", report_tr(l, "Date :", "Date:"), v->date);
	snprintf(line, sizeof line, "%.150s (%.40s %.40s)", v->qtitle, v->qid, v->qversion);
	text_field(b, "", report_tr(l, "Questionnaire :", "Questionnaire:"), line);
}

static void text_grade(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	char num[32];

	text_heading(b, report_tr(l, "RÉSULTAT", "RESULT"));
	if (!v->scored) {
		report_wrap(b,
		            report_tr(l, "Aucune question applicable n'a de réponse : pas de note.",
		                      "No applicable question was answered: no grade."),
		            "", "", TW);
		return;
	}
	report_num(l, v->overall, num, sizeof num);
	report_printf(b, "%s %s  (%s / 100)\n", report_tr(l, "Note :", "Grade:"), v->grade, num);
	if (v->critical_cap)
		report_wrap(b,
		            report_tr(l,
		                      "La note est plafonnée à D : une question critique est à 0.",
		                      "The grade is capped at D: a critical question is at 0."),
		            "", "", TW);
	report_wrap(b,
	            report_tr(l,
	                      "Échelle : A (85 et plus), B (70), C (50), D (30), E (moins de 30).",
	                      "Scale: A (85 and more), B (70), C (50), D (30), E (under 30)."),
	            "", "", TW);
}

static void text_plan(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	size_t k = 0;
	bool any = false;

	for (size_t i = 0; i < v->nplan; i++)
		k += v->plan[i].priority;
	text_heading(b, report_plan_title(l, k, true));
	k = 0;
	for (size_t i = 0; i < v->nplan; i++) {
		const struct report_act *a = &v->plan[i];
		char first[16];

		if (!a->priority)
			continue;
		snprintf(first, sizeof first, "%2zu. ", ++k);
		report_puts(b, "\n");
		report_wrap(b, a->question, first, "    ", TW);
		text_field(b, "    ", report_tr(l, "Réponse actuelle :", "Current answer:"),
		           a->answer);
		if (a->why != NULL)
			text_field(b, "    ", report_tr(l, "Pourquoi :", "Why:"), a->why);
		text_field(b, "    ", report_tr(l, "Comment :", "How:"),
		           a->how != NULL ? a->how
		                          : report_tr(l, "voir avec votre prestataire.",
		                                      "ask your provider."));
		text_field(b, "    ", report_tr(l, "Effort :", "Effort:"), a->effort);
	}
	if (k == 0)
		report_wrap(b, report_tr(l, "Aucune mesure : pas d'écart.", "None: no gap."), "  ",
		            "  ", TW);
	text_heading(b, report_tr(l, "GAINS RAPIDES (EFFORT FAIBLE)", "QUICK WINS (LOW EFFORT)"));
	k = 0;
	for (size_t i = 0; i < v->nplan && k < REPORT_MAX_WINS; i++) {
		const struct report_act *a = &v->plan[i];

		if (!a->low || a->priority || a->action == NULL)
			continue;
		k++;
		any = true;
		report_wrap(b, a->action, "  - ", "    ", TW);
	}
	if (!any)
		report_wrap(b,
		            report_tr(l, "Aucun en dehors des mesures prioritaires.",
		                      "None besides the priority measures."),
		            "  ", "  ", TW);
}

static void text_findings(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;
	char line[512];

	text_heading(b, report_tr(l, "VÉRIFICATIONS AUTOMATIQUES", "AUTOMATED CHECKS"));
	if (v->nfinds == 0) {
		report_wrap(
		    b,
		    report_tr(l, "Aucune vérification automatique n'a été faite pour ce bilan.",
		              "No automated check was run for this assessment."),
		    "  ", "  ", TW);
		return;
	}
	report_findings_sentence(v, line, sizeof line);
	report_wrap(b, line, "  ", "  ", TW);
	for (int pass = 2; pass >= 1; pass--) {
		for (size_t i = 0; i < v->nfinds; i++) {
			const struct report_find *f = &v->finds[i];

			if (strcmp(f->status, pass == 2 ? "fail" : "warn") != 0)
				continue;
			/* Whole: the sentences of a check say what to ask; none is cut. */
			char *item =
			    vg_asprintf("[%s] %s", f->words, f->plain != NULL ? f->plain : f->id);

			report_wrap(b, item, "  - ", "    ", TW);
			free(item);
			if (f->about != NULL)
				text_field(b, "    ", report_tr(l, "Question :", "Question:"),
				           f->about);
		}
	}
}

/* Every check with its id, result, finding and the questions it informs: the annex. */
static void text_findings_detail(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	report_printf(b, "\n%s\n",
	              report_tr(l, "Détail des vérifications automatiques",
	                        "The automated checks in detail"));
	if (v->nfinds == 0)
		report_wrap(b, report_tr(l, "Aucune.", "None."), "  ", "  ", TW);
	for (size_t i = 0; i < v->nfinds; i++) {
		const struct report_find *f = &v->finds[i];
		char line[256];

		snprintf(line, sizeof line, "[%s] %.200s", f->words, f->id);
		report_wrap(b, line, "  - ", "    ", TW);
		if (f->reason != NULL)
			report_wrap(b, f->reason, "    ", "    ", TW);
		if (f->informs[0] != '\0')
			text_field(b, "    ", report_tr(l, "Concerne :", "About:"), f->informs);
	}
}

static void text_clarify(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	text_heading(b, report_tr(l, "À CLARIFIER", "TO CLARIFY"));
	if (v->nclar == 0)
		report_wrap(b, report_tr(l, "Rien.", "Nothing."), "  ", "  ", TW);
	for (size_t i = 0; i < v->nclar; i++) {
		char why[256];

		report_wrap(b, v->clar[i].question, "  - ", "    ", TW);
		snprintf(why, sizeof why, "(%s)", v->clar[i].why);
		report_wrap(b, why, "    ", "    ", TW);
	}
}

static void text_answers(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	text_heading(b, report_tr(l, "ANNEXE : RÉPONSES, NOTES ET VÉRIFICATIONS",
	                          "ANNEX: ANSWERS, NOTES AND CHECKS"));
	for (size_t i = 0; i < v->ndoms; i++) {
		const struct report_dom *d = &v->doms[i];
		char num[32], line[512];

		snprintf(line, sizeof line, "%s (%s / 100)", d->title,
		         text_score(l, d->scored, d->score, num, sizeof num));
		report_puts(b, "\n");
		report_wrap(b, line, "", "  ", TW);
		for (size_t k = 0; k < d->nrows; k++) {
			const struct report_row *r = &d->rows[k];

			report_wrap(b, r->question, "  - ", "    ", TW);
			if (r->retained >= 0)
				snprintf(line, sizeof line, "%.400s (%d/%d)", r->answer,
				         r->retained, r->max);
			else
				snprintf(line, sizeof line, "%.400s", r->answer);
			text_field(b, "    ", report_tr(l, "Réponse :", "Answer:"), line);
			if (r->capped_by != NULL)
				text_field(b, "    ",
				           report_tr(l, "Valeur plafonnée par la vérification :",
				                     "Value capped by the check:"),
				           r->capped_by);
			if (r->note != NULL)
				text_field(b, "    ", report_tr(l, "Note :", "Note:"), r->note);
			if (r->review)
				text_field(b, "    ", "!", report_tr(l, "à revoir", "to review"));
		}
	}
	text_findings_detail(b, v);
}

static void text_signature(struct vg_buf *b, struct report_view *v)
{
	enum vg_lang l = v->lang;

	text_heading(b, report_tr(l, "VÉRIFIER CE BILAN", "VERIFYING THIS ASSESSMENT"));
	if (v->sig == NULL) {
		report_wrap(
		    b,
		    report_tr(l,
		              "Aucune signature n'accompagne ce bilan : rien ne garantit qu'il "
		              "n'a pas été modifié. Signez-le avec vigie sign.",
		              "No signature comes with this assessment: nothing shows it was "
		              "not edited. Sign it with vigie sign."),
		    "", "", TW);
	} else {
		if (v->sig_name != NULL)
			text_field(b, "", report_tr(l, "Signature :", "Signature:"), v->sig_name);
		text_field(b, "", report_tr(l, "Signataire :", "Signer:"),
		           v->sig->signer[0] != '\0'
		               ? v->sig->signer
		               : report_tr(l, "(non indiqué)", "(not given)"));
		text_field(b, "", report_tr(l, "Identifiant de clé :", "Key id:"), v->sig->keyid);
		if (v->sig->time[0] != '\0')
			text_field(b, "", report_tr(l, "Signé le :", "Signed at:"), v->sig->time);
		text_field(b, "", report_tr(l, "Commentaire signé :", "Trusted comment:"),
		           v->sig->trusted);
		report_wrap(
		    b,
		    report_tr(l,
		              "Ce rapport lit la signature sans la vérifier : vérifiez avec "
		              "vigie verify ou minisign -V, avec la clé publique du signataire "
		              "obtenue par un autre canal.",
		              "This report reads the signature without verifying it: verify "
		              "with vigie verify or minisign -V, with the signer's public key "
		              "obtained through another channel."),
		    "", "", TW);
	}
	report_printf(b, "%s\n",
	              report_tr(l, "Empreinte du questionnaire (SHA-256) :",
	                        "Questionnaire fingerprint (SHA-256):"));
	report_wrap(b, v->qsha, "  ", "  ", TW);
}

int report_text(const struct scorecard *sc, const struct report_opts *o, struct vg_buf *dst,
                struct vg_err *err)
{
	struct report_view v;
	enum vg_lang l = o->lang;
	struct vg_buf buf, *out = &buf;
	int rc;

	vg_buf_init(out, dst->max);
	report_view_build(&v, sc, o);
	text_header(out, &v);
	text_grade(out, &v);
	text_heading(out,
	             report_tr(l, "SCORES PAR DOMAINE (SUR 100)", "SCORES BY DOMAIN (OUT OF 100)"));
	text_domains(out, &v);
	text_plan(out, &v);
	text_findings(out, &v);
	text_clarify(out, &v);
	if (v.diff != NULL) {
		text_heading(out, report_tr(l, "ÉVOLUTION DEPUIS LE BILAN PRÉCÉDENT",
		                            "PROGRESS SINCE THE PREVIOUS ASSESSMENT"));
		report_wrap(out, v.diff->old_date, report_tr(l, "Bilan précédent : ", "Previous: "),
		            "  ", TW);
		text_diff(out, &v);
	}
	text_signature(out, &v);
	if (v.detail)
		text_answers(out, &v);
	else
		report_puts(out, "\n"),
		    report_wrap(
		        out,
		        report_tr(l,
		                  "Chaque réponse, sa note et le détail des vérifications sont "
		                  "dans l'annexe : vigie report --detail.",
		                  "Every answer, its note and the checks in detail are in the "
		                  "annex: vigie report --detail."),
		        "", "", TW);
	report_printf(out, "\n%s vigie %s.\n", report_tr(l, "Rapport établi par", "Report made by"),
	              v.tool);
	rc = report_finish(out, dst, err);
	report_view_free(&v);
	return rc;
}

int report_compare_text(const struct scorecard *old_sc, const struct scorecard *new_sc,
                        const struct report_opts *opts, struct vg_buf *dst, struct vg_err *err)
{
	struct report_opts o = *opts;
	enum vg_lang lang = o.lang;
	struct report_view v;
	enum vg_lang l = lang;
	struct vg_arena a;
	char line[256];
	struct vg_buf buf, *out = &buf;
	int rc;

	vg_buf_init(out, dst->max);
	o.previous = old_sc;
	report_view_build(&v, new_sc, &o);
	vg_arena_init(&a);
	report_printf(out, "%s\n", report_tr(l, "ÉVOLUTION DU BILAN", "ASSESSMENT PROGRESS"));
	text_field(out, "", report_tr(l, "Organisation :", "Organisation:"),
	           v.org != NULL ? v.org : report_tr(l, "(non renseignée)", "(not given)"));
	snprintf(line, sizeof line, "%s -> %s", v.diff->old_date, v.date);
	text_field(out, "", report_tr(l, "Bilans :", "Assessments:"), line);
	report_puts(out, "\n");
	text_diff(out, &v);
	report_printf(out, "\n%s\n", report_tr(l, "Scores par domaine :", "Scores by domain:"));
	for (size_t i = 0; i < v.ndoms; i++) {
		const struct report_dom *d = &v.doms[i];
		char x[32], y[32], delta[48] = "", label[256];

		if (d->scored && d->prev_has && d->prev_scored) {
			double dd = d->score - d->prev;
			char num[32];

			report_num(l, dd, num, sizeof num);
			if (fabs(dd) < 0.05)
				snprintf(delta, sizeof delta, "(=)");
			else
				snprintf(delta, sizeof delta, "(%s%s)", dd > 0 ? "+" : "", num);
		}
		snprintf(line, sizeof line, "%s -> %s %s",
		         d->prev_has ? text_score(l, d->prev_scored, d->prev, x, sizeof x)
		                     : report_tr(l, "absent", "absent"),
		         text_score(l, d->scored, d->score, y, sizeof y), delta);
		snprintf(label, sizeof label, "%s%s", report_trunc(&a, d->title, 40),
		         report_tr(l, " :", ":"));
		text_field(out, "  ", label, line);
	}
	rc = report_finish(out, dst, err);
	vg_arena_free(&a);
	report_view_free(&v);
	return rc;
}
