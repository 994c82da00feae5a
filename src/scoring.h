/* scoring: answers and evidence -> retained values, domain scores, grade, action plan. */
#ifndef VIGIE_SCORING_H
#define VIGIE_SCORING_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

#define SCORE_PRIORITY_MEASURES 6 /* the first N gaps of the action plan */

/* Why a question is (not) counted. */
enum score_status {
	SCORE_COUNTED,     /* applicable, counted with its retained value */
	SCORE_NA,          /* answered "non applicable" */
	SCORE_NOT_APPLIES, /* pruned by applies_if */
	SCORE_CONTEXT,     /* a context question: never scored */
};

/* The outcome for one question. */
struct score_question {
	const struct vg_question *q;
	enum score_status status;
	enum vg_answer_kind kind;
	int declared;                        /* value answered; 0 for unknown/none */
	int retained;                        /* after evidence caps */
	const struct vg_evidence *capped_by; /* the evidence that lowered it, or NULL */
};

struct score_domain {
	const struct vg_domain *d;
	bool scored;  /* has at least one counted question */
	double score; /* 0..100 when scored */
	size_t counted, answered;
};

/* One gap of the action plan. */
struct score_action {
	const struct vg_question *q;
	int gap;       /* maximum - retained */
	double impact; /* weight * gap */
	bool priority_measure;
	struct vg_text title;  /* the step to take: the question's action, else its text */
	struct vg_text advice; /* what to do next (fr NULL when the questionnaire has none);
	                          owned by the result */
	bool verify_first;     /* answered "je ne sais pas" or not at all: the advice starts
	                          by saying whom to ask */
};

enum score_grade { GRADE_A, GRADE_B, GRADE_C, GRADE_D, GRADE_E };

/* The whole result; free with score_free. */
struct score_result {
	struct score_question *questions; /* one per questionnaire question (q->all order) */
	size_t nquestions;
	struct score_domain *domains;
	size_t ndomains;
	bool scored;    /* at least one domain scored */
	double overall; /* 0..100 */
	enum score_grade grade;
	bool critical_cap; /* the grade was lowered to D by a critical question at 0 */
	enum score_grade grade_uncapped;
	struct score_action *plan;
	size_t nplan;
	const struct vg_question **unknown; /* "à clarifier": unknown answers */
	size_t nunknown;
	const struct vg_question **unanswered; /* applicable, no answer */
	size_t nunanswered;
	size_t npriority; /* priority measures: the first npriority entries of plan */
};

/* How far the answers are: context questions apart from the scored ones. */
struct score_progress {
	size_t context_answered, context_asked; /* context questions that apply */
	size_t answered, asked;                 /* domain questions that apply */
};

/* Counts the questions that apply to as, and those answered. */
void score_progress_of(const struct vg_answers *as, struct score_progress *p);

/* Computes the result of answers as under the evidence; fills res (free with score_free). */
void score_compute(const struct vg_answers *as, const struct vg_evidence *ev, size_t nev,
                   struct score_result *res);
/* Frees what score_compute allocated. */
void score_free(struct score_result *res);
/* True when question q applies given the context answers. */
bool score_applies(const struct vg_answers *as, const struct vg_question *q);
/* The grade of a score in 0..100, before any cap. */
enum score_grade score_grade_of(double score);
/* "A".."E". */
const char *score_grade_name(enum score_grade g);

#endif
