/* model: the plain structs every module shares. libc only. */
#ifndef VIGIE_MODEL_H
#define VIGIE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define VG_VALUE_MAX    3   /* option values run 0..3 */
#define VG_PRIORITY_MAX 999 /* questions without a priority rank after all others */

/* A string in French and English; en falls back to fr when absent. */
struct vg_text {
	const char *fr;
	const char *en;
};

/* Languages of the UI and content. */
enum vg_lang { VG_LANG_FR, VG_LANG_EN };

/* Returns the text in lang, or the French text when the other is missing. */
const char *model_text(const struct vg_text *t, enum vg_lang lang);

enum vg_effort { VG_EFFORT_LOW, VG_EFFORT_MEDIUM, VG_EFFORT_HIGH };

/* Returns "low", "medium" or "high". */
const char *model_effort_name(enum vg_effort e);

/* One answer option. Context questions' options carry no value (value is -1). */
struct vg_option {
	const char *id;
	int value;
	struct vg_text text;
	struct vg_text advice; /* the next concrete step; fr may be NULL at the top value */
};

/* One clause of applies_if: the question `question` was answered with one of `options`. */
struct vg_cond {
	const struct vg_question *question;
	const struct vg_option **options;
	size_t noptions;
	size_t alt; /* the alternative of applies_if it belongs to (0 when it is one mapping) */
};

struct vg_domain;

/* A question; context questions have domain == NULL and options without values. */
struct vg_question {
	const char *id;
	size_t index; /* position in questionnaire.all */
	struct vg_text text;
	struct vg_text help;
	struct vg_text action; /* the step to take, as a title ("Désigner un élu référent");
	                          fr NULL when the questionnaire gives none */
	double weight;         /* 0.5 .. 3 */
	bool critical;         /* a retained 0 caps the grade at D */
	int priority;          /* 1 = first in the action plan; VG_PRIORITY_MAX when not given */
	enum vg_effort effort;
	bool allow_na; /* "non applicable" may be answered (with a note) */
	const char **refs;
	size_t nrefs;
	struct vg_cond *conds; /* the clauses of applies_if, alternative after alternative */
	size_t nconds;
	size_t nalts; /* alternatives: the question applies when all the clauses of one hold */
	struct vg_option *options;
	size_t noptions;
	int max_value; /* highest option value: the denominator of the question */
	const struct vg_domain *domain;
	unsigned line; /* where it is defined in its file */
};

struct vg_domain {
	const char *id;
	size_t index;
	struct vg_text title;
	struct vg_text description;
	double weight;
	struct vg_question *questions;
	size_t nquestions;
};

/* A loaded questionnaire; everything it points to lives in its arena. */
struct vg_questionnaire {
	struct vg_arena arena;
	const char *source; /* file name or "embedded:NAME" */
	const char *format; /* "vigie-questionnaire/1" */
	const char *id;
	const char *version;
	struct vg_text title;
	struct vg_text description;
	struct vg_question *context;
	size_t ncontext;
	struct vg_domain *domains;
	size_t ndomains;
	struct vg_question **all; /* context questions first, then each domain's, in order */
	size_t nall;
	unsigned char sha256[32]; /* of the file's exact bytes */
	char sha256_hex[65];
};

/* The short title of a question: its action when the questionnaire gives one, else its
 * text; points into the questionnaire. */
const char *model_question_title(const struct vg_question *qn, enum vg_lang lang);
/* Writes ref ("anssi-hygiene:14") in words into buf ("Guide d'hygiène ANSSI, mesure
 * 14"); a source vigie does not know is written as "source measure". Returns buf. */
const char *model_ref_words(const char *ref, enum vg_lang lang, char *buf, size_t len);
/* Writes the references of qn in words into buf, separated by " ; " in French and "; " in
 * English, one group per guide ("CIS Controls v8, mesures 10.1 et 10.2"), truncated to
 * len; "" when it has none. Returns buf. */
const char *model_refs_words(const struct vg_question *qn, enum vg_lang lang, char *buf,
                             size_t len);

/* Returns the question with this id, or NULL. */
const struct vg_question *model_find_question(const struct vg_questionnaire *q, const char *id);
/* Returns the option of question with this id, or NULL. */
const struct vg_option *model_find_option(const struct vg_question *qn, const char *id);
/* Frees a questionnaire and everything in its arena; NULL is fine. */
void model_questionnaire_free(struct vg_questionnaire *q);

/* What was answered to a question. */
enum vg_answer_kind {
	VG_ANS_NONE = 0, /* not answered yet */
	VG_ANS_OPTION,   /* one of the options */
	VG_ANS_UNKNOWN,  /* "je ne sais pas": counts 0, listed "à clarifier" */
	VG_ANS_NA,       /* "non applicable": left out of the denominator, needs a note */
};

/* One answer. Strings are heap-owned by the answer set. */
struct vg_answer {
	enum vg_answer_kind kind;
	const struct vg_option *option; /* for VG_ANS_OPTION */
	char *note;                     /* may be NULL */
	bool review;                    /* marked for review */
};

/* The organisation being assessed. Heap strings, may be NULL. */
struct vg_org {
	char *name;
	char *insee; /* INSEE code of the commune, 5 characters */
	char *contact;
};

/* Answers to one questionnaire: one slot per question of q->all, same index. */
struct vg_answers {
	const struct vg_questionnaire *q;
	struct vg_answer *a; /* q->nall entries */
	struct vg_org org;
};

/* Returns an empty answer set for q; free with model_answers_free. */
struct vg_answers *model_answers_new(const struct vg_questionnaire *q);
/* Frees an answer set and its strings; NULL is fine. */
void model_answers_free(struct vg_answers *as);
/* Sets the note of answer i (copied; NULL clears). */
void model_answer_set_note(struct vg_answers *as, size_t i, const char *note);

/* Check result statuses. */
enum vg_check_status {
	VG_CHECK_PASS,
	VG_CHECK_WARN,
	VG_CHECK_FAIL,
	VG_CHECK_ERROR,
	VG_CHECK_SKIPPED,
};

/* Returns "pass", "warn", "fail", "error" or "skipped". */
const char *model_check_status_name(enum vg_check_status s);

/* Evidence from one check, as scoring consumes it: a cap on the questions it informs. */
struct vg_evidence {
	const char *check_id;
	enum vg_check_status status;
	int cap;              /* highest value the informed questions may retain; -1: no cap */
	const char **informs; /* question ids */
	size_t ninforms;
	struct vg_text reason; /* why, in plain words */
	/* What was found, per rule, in plain words: one line per rule with its count, the
	 * directories holding most, and what to do (check_result.summary), or {NULL, NULL}. */
	struct vg_text detail;
};

#endif
