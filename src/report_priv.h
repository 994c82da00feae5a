/* report_priv: what report.c prepares for report_html.c and report_text.c. Private to the
 * report module. */
#ifndef VIGIE_REPORT_PRIV_H
#define VIGIE_REPORT_PRIV_H

#include "report.h"

/* One answer as the reader sees it; every string is cleaned and lives in the view's arena. */
struct report_row {
	const char *qid;
	const char *question; /* question text, or its id without the questionnaire */
	const char *answer;   /* option text, "Je ne sais pas", ... */
	int retained;         /* -1 when not counted */
	int max;              /* highest value, 3 without the questionnaire */
	const char *note;     /* NULL when none */
	bool review;
	const char *capped_by; /* NULL when none */
	bool not_applies;      /* pruned by the context */
};

/* One domain; prev_* describe the previous scorecard when there is one. */
struct report_dom {
	const char *id;
	const char *title;
	bool scored;
	double score;
	bool pruned; /* not scored because no question of it concerns the organisation */
	bool prev_has, prev_scored;
	double prev;
	struct report_row *rows;
	size_t nrows;
};

/* One gap of the action plan. */
struct report_act {
	const char *qid;
	const char *question;
	const char *why;    /* the question's help, NULL without the questionnaire */
	const char *how;    /* the advice, NULL when none */
	const char *action; /* its first sentence, NULL when none or when it says the effort
	                       is more than low */
	const char *effort;
	const char *answer;
	int gap;
	bool priority;
	bool low; /* effort "low" */
};

#define REPORT_MAX_WINS 8 /* quick wins shown */

/* One check's finding. */
struct report_find {
	const char *id;
	const char *status; /* pass, warn, fail, error, skipped */
	const char *words;  /* the status in plain words */
	const char *reason; /* NULL when none */
	const char *plain;  /* the reason without its parenthesised paths, NULL when none */
	const char *informs;
	const char *about; /* text of the first question it informs, NULL when none */
};

/* One question "à clarifier". */
struct report_clar {
	const char *qid;
	const char *question;
	const char *why; /* "je ne sais pas", "sans réponse", "à revoir" */
};

/* A change of one answer or finding between two scorecards. */
struct report_change {
	const char *id;
	const char *label; /* question text or finding reason */
	const char *before, *after;
	int vbefore, vafter;
	const char *cause; /* why the value moved when the answer did not (a check's cap) */
};

/* What changed since the previous scorecard. */
struct report_diff {
	bool old_scored;
	double old_overall;
	const char *old_grade, *old_date;
	const char *note; /* e.g. a questionnaire version change, NULL when none */
	struct report_change *rose, *fell, *found, *fixed, *gone;
	size_t nrose, nfell, nfound, nfixed, ngone;
};

/* Everything a report shows, cleaned, in the report's language. */
struct report_view {
	struct vg_arena arena;
	enum vg_lang lang;
	const char *org, *insee, *contact, *date, *qtitle, *qid, *qversion, *qsha, *tool;
	const char *grade; /* NULL when not scored */
	bool scored, critical_cap, have_q;
	double overall;
	struct report_dom *doms;
	size_t ndoms;
	struct report_act *plan;
	size_t nplan;
	struct report_find *finds;
	size_t nfinds;
	size_t nfind_status[5]; /* pass, warn, fail, error, skipped */
	bool detail;
	struct report_clar *clar;
	size_t nclar;
	struct report_diff *diff; /* NULL without a previous scorecard */
	const struct report_sig *sig;
	const char *sig_name;
};

/* Builds the view of sc; free with report_view_free. */
void report_view_build(struct report_view *v, const struct scorecard *sc,
                       const struct report_opts *o);
/* Frees the view's arena. */
void report_view_free(struct report_view *v);
/* fr or en according to the view's language. */
const char *report_tr(enum vg_lang lang, const char *fr, const char *en);
/* The title of the list of priority measures by how many it has (n of 0..6; "la mesure",
 * "les cinq mesures"...), in lang, upper case for the text report's headings. */
const char *report_plan_title(enum vg_lang lang, size_t n, bool upper);
/* A score such as "31,7" (fr) or "31.7" (en), into out. */
void report_num(enum vg_lang lang, double x, char *out, size_t outlen);
/* s cut to at most cols columns (ending with an ellipsis when cut), in the arena. */
const char *report_trunc(struct vg_arena *a, const char *s, size_t cols);
/* vg_buf_puts/printf/append that make a failure sticky: a buffer that once refused an append
 * gets max 0 and refuses every later one, so a truncated report is always noticed
 * (report_full). */
int report_puts(struct vg_buf *b, const char *s);
int report_printf(struct vg_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int report_append(struct vg_buf *b, const void *p, size_t n);
/* True when an append to b failed. */
bool report_full(const struct vg_buf *b);
/* Appends what was rendered into b to out and frees b; -1 when b or out is full. */
int report_finish(struct vg_buf *b, struct vg_buf *out, struct vg_err *err);
/* "12 vérifications automatiques : 8 conformes, 2 non conformes, ..." into out. */
void report_findings_sentence(const struct report_view *v, char *out, size_t outlen);
/* Grade of a score in 0..100, "A".."E". */
const char *report_grade_of(double score);

#endif
