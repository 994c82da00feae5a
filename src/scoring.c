/* scoring: retained values, domain and overall scores, grade, caps and action plan. */
#include "scoring.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool score_applies(const struct vg_answers *as, const struct vg_question *q)
{
	if (q->nconds == 0)
		return true;
	for (size_t g = 0; g < q->nalts; g++) {
		bool all = true;

		for (size_t i = 0; i < q->nconds && all; i++) {
			const struct vg_cond *c = &q->conds[i];
			const struct vg_answer *a = &as->a[c->question->index];
			bool hit = false;

			/* Unanswered or unknown context: when in doubt, the question is asked. */
			if (c->alt != g || a->kind != VG_ANS_OPTION)
				continue;
			for (size_t j = 0; j < c->noptions; j++)
				if (a->option == c->options[j])
					hit = true;
			all = hit;
		}
		if (all)
			return true;
	}
	return false;
}

enum score_grade score_grade_of(double s)
{
	if (s >= 85)
		return GRADE_A;
	if (s >= 70)
		return GRADE_B;
	if (s >= 50)
		return GRADE_C;
	if (s >= 30)
		return GRADE_D;
	return GRADE_E;
}

const char *score_grade_name(enum score_grade g)
{
	static const char *const names[] = {"A", "B", "C", "D", "E"};

	return names[g];
}

/* Scores are kept to two decimals, so that what is shown is what is graded. */
static double score_round(double s)
{
	return round(s * 100.0) / 100.0;
}

/* The lowest cap any failed evidence puts on question q, or NULL. */
static const struct vg_evidence *score_cap(const struct vg_question *q,
                                           const struct vg_evidence *ev, size_t nev)
{
	const struct vg_evidence *best = NULL;

	for (size_t i = 0; i < nev; i++) {
		if (ev[i].cap < 0)
			continue;
		for (size_t j = 0; j < ev[i].ninforms; j++)
			if (strcmp(ev[i].informs[j], q->id) == 0 &&
			    (best == NULL || ev[i].cap < best->cap))
				best = &ev[i];
	}
	return best;
}

void score_progress_of(const struct vg_answers *as, struct score_progress *p)
{
	const struct vg_questionnaire *q = as->q;

	memset(p, 0, sizeof *p);
	for (size_t i = 0; i < q->nall; i++) {
		bool answered = as->a[i].kind != VG_ANS_NONE;

		if (!score_applies(as, q->all[i]))
			continue;
		if (q->all[i]->domain == NULL) {
			p->context_asked++;
			p->context_answered += answered;
		} else {
			p->asked++;
			p->answered += answered;
		}
	}
}

/*
 * Whom to ask, from the help: what follows "Pour répondre :" ("To answer:"), else the
 * sentence that starts with "Demandez" ("Ask"). *len is its length; NULL when none.
 */
static const char *score_whom_to_ask(const char *help, bool en, size_t *len)
{
	const char *lead = en ? "To answer:" : "Pour répondre", *p, *end;

	if (help == NULL)
		return NULL;
	p = strstr(help, lead);
	if (p != NULL) {
		p = strchr(p, ':');
		if (p == NULL)
			return NULL;
		p++;
	} else {
		p = strstr(help, en ? "Ask " : "Demandez ");
		if (p == NULL)
			return NULL;
	}
	while (*p == ' ')
		p++;
	end = strstr(p, ". ");
	*len = end != NULL ? (size_t)(end - p) : strlen(p);
	while (*len > 0 && (p[*len - 1] == '.' || p[*len - 1] == ' '))
		(*len)--;
	return *len > 0 ? p : NULL;
}

/* Lowers the first letter of s when it is A-Z or an accented capital of Latin-1 (À-Þ). */
static void score_lower_first(char *s)
{
	unsigned char *u = (unsigned char *)s;

	if (u[0] >= 'A' && u[0] <= 'Z')
		u[0] = (unsigned char)(u[0] - 'A' + 'a');
	else if (u[0] == 0xc3 && u[1] >= 0x80 && u[1] <= 0x9e && u[1] != 0x97)
		u[1] = (unsigned char)(u[1] + 0x20);
}

/* The advice of an unknown or missing answer in one language: whom to ask, then the
 * advice of the first option that has one. Caller frees; NULL when there is neither. */
static char *score_verify_advice(const struct vg_question *qn, bool en)
{
	const struct vg_text *adv = NULL;
	const char *help = en ? qn->help.en : qn->help.fr, *ask, *a, *lead;
	size_t n = 0;
	char *out;

	for (size_t i = 0; i < qn->noptions && adv == NULL; i++)
		if (qn->options[i].advice.fr != NULL)
			adv = &qn->options[i].advice;
	if (en && help == NULL)
		return NULL;
	ask = score_whom_to_ask(help, en, &n);
	a = adv != NULL ? model_text(adv, en ? VG_LANG_EN : VG_LANG_FR) : NULL;
	if (ask == NULL)
		return a != NULL ? vg_strdup(a) : NULL;
	lead = en ? "First check: " : "Commencez par vérifier : ";
	out = vg_asprintf("%s%.*s.%s", lead, (int)n, ask,
	                  a == NULL ? ""
	                  : en      ? " If it is not done: "
	                            : " Si ce n'est pas fait : ");
	/* French reads on after a colon: "demandez au prestataire", "achetez deux disques". */
	if (!en)
		score_lower_first(out + strlen(lead));
	if (a != NULL) {
		size_t at = strlen(out);
		char *all = vg_asprintf("%s%s", out, a);

		free(out);
		out = all;
		if (!en)
			score_lower_first(out + at);
	}
	return out;
}

/* Fills the title and advice of act for the answer a, whose retained value is retained: the
 * advice of the option answered, or, when a check capped it lower, of the highest option
 * at the retained value that has one. */
static void score_action_words(struct score_action *act, const struct vg_answer *a, int retained)
{
	const struct vg_question *qn = act->q;
	const struct vg_option *opt = NULL;

	act->title = qn->action.fr != NULL ? qn->action : qn->text;
	if (a->kind == VG_ANS_OPTION) {
		opt = a->option;
		if (opt->value > retained)
			for (size_t i = 0; i < qn->noptions; i++)
				if (qn->options[i].value == retained &&
				    qn->options[i].advice.fr != NULL)
					opt = &qn->options[i];
		if (opt->advice.fr != NULL) {
			act->advice.fr = vg_strdup(opt->advice.fr);
			act->advice.en = opt->advice.en != NULL ? vg_strdup(opt->advice.en) : NULL;
		}
		return;
	}
	act->verify_first = true;
	act->advice.fr = score_verify_advice(qn, false);
	act->advice.en = act->advice.fr != NULL ? score_verify_advice(qn, true) : NULL;
}

static int score_action_cmp(const void *a, const void *b)
{
	const struct score_action *x = a, *y = b;

	if (x->q->priority != y->q->priority)
		return x->q->priority < y->q->priority ? -1 : 1;
	if (x->impact != y->impact)
		return x->impact > y->impact ? -1 : 1;
	return x->q->index < y->q->index ? -1 : x->q->index > y->q->index;
}

void score_compute(const struct vg_answers *as, const struct vg_evidence *ev, size_t nev,
                   struct score_result *res)
{
	const struct vg_questionnaire *q = as->q;
	double osum = 0, oweight = 0;
	bool critical_zero = false;

	memset(res, 0, sizeof *res);
	res->nquestions = q->nall;
	res->questions = vg_calloc(q->nall, sizeof *res->questions);
	res->ndomains = q->ndomains;
	res->domains = vg_calloc(q->ndomains ? q->ndomains : 1, sizeof *res->domains);
	res->plan = vg_calloc(q->nall, sizeof *res->plan);
	res->unknown = vg_calloc(q->nall, sizeof *res->unknown);
	res->unanswered = vg_calloc(q->nall, sizeof *res->unanswered);

	for (size_t i = 0; i < q->nall; i++) {
		const struct vg_question *qn = q->all[i];
		const struct vg_answer *a = &as->a[i];
		struct score_question *sq = &res->questions[i];

		sq->q = qn;
		sq->kind = a->kind;
		if (qn->domain == NULL) {
			sq->status = SCORE_CONTEXT;
			continue;
		}
		if (!score_applies(as, qn)) {
			sq->status = SCORE_NOT_APPLIES;
			continue;
		}
		if (a->kind == VG_ANS_NA) {
			sq->status = SCORE_NA;
			continue;
		}
		sq->status = SCORE_COUNTED;
		sq->declared = a->kind == VG_ANS_OPTION ? a->option->value : 0;
		sq->retained = sq->declared;
		sq->capped_by = score_cap(qn, ev, nev);
		if (sq->capped_by != NULL && sq->capped_by->cap < sq->retained)
			sq->retained = sq->capped_by->cap;
		else
			sq->capped_by = NULL;
		if (a->kind == VG_ANS_UNKNOWN)
			res->unknown[res->nunknown++] = qn;
		else if (a->kind == VG_ANS_NONE)
			res->unanswered[res->nunanswered++] = qn;
		if (qn->critical && sq->retained == 0)
			critical_zero = true;
		if (sq->retained < qn->max_value) {
			struct score_action *act = &res->plan[res->nplan++];

			act->q = qn;
			act->gap = qn->max_value - sq->retained;
			act->impact = qn->weight * act->gap;
			score_action_words(act, a, sq->retained);
		}
	}

	for (size_t d = 0; d < q->ndomains; d++) {
		const struct vg_domain *dom = &q->domains[d];
		struct score_domain *sd = &res->domains[d];
		double num = 0, den = 0;

		sd->d = dom;
		for (size_t i = 0; i < dom->nquestions; i++) {
			const struct vg_question *qn = &dom->questions[i];
			const struct score_question *sq = &res->questions[qn->index];

			if (sq->status != SCORE_COUNTED)
				continue;
			sd->counted++;
			if (sq->kind != VG_ANS_NONE)
				sd->answered++;
			num += sq->retained * qn->weight;
			den += qn->max_value * qn->weight;
		}
		if (sd->counted > 0) {
			sd->scored = true;
			sd->score = score_round(100.0 * num / den);
			osum += sd->score * dom->weight;
			oweight += dom->weight;
		}
	}
	res->scored = oweight > 0;
	res->overall = res->scored ? score_round(osum / oweight) : 0;
	res->grade_uncapped = score_grade_of(res->overall);
	res->grade = res->grade_uncapped;
	if (critical_zero && res->grade < GRADE_D) {
		res->grade = GRADE_D;
		res->critical_cap = true;
	}
	qsort(res->plan, res->nplan, sizeof *res->plan, score_action_cmp);
	for (size_t i = 0; i < res->nplan && i < SCORE_PRIORITY_MEASURES; i++)
		res->plan[i].priority_measure = true;
	res->npriority =
	    res->nplan < SCORE_PRIORITY_MEASURES ? res->nplan : SCORE_PRIORITY_MEASURES;
}

void score_free(struct score_result *res)
{
	for (size_t i = 0; i < res->nplan; i++) {
		free((char *)res->plan[i].advice.fr);
		free((char *)res->plan[i].advice.en);
	}
	free(res->questions);
	free(res->domains);
	free(res->plan);
	free(res->unknown);
	free(res->unanswered);
	memset(res, 0, sizeof *res);
}
