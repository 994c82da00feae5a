/* scorecard: the scorecard JSON (docs/scorecard-format.md), written and read. The only
 * module that includes jansson. */
#ifndef VIGIE_SCORECARD_H
#define VIGIE_SCORECARD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "scoring.h"
#include "util.h"

#define SCORECARD_FORMAT    "vigie-scorecard/1.1"
#define SCORECARD_MAJOR     1
#define SCORECARD_MINOR     1 /* the newest minor this vigie writes and knows */
#define SCORECARD_MAX_FILE  (16u << 20) /* bytes of one scorecard file */
#define SCORECARD_MAX_DEPTH 16          /* nested arrays and objects */
#define SCORECARD_MAX_ITEMS 100000      /* answers, evidence, domains, actions each */

/* What a scorecard is made of. ev may be NULL with nev 0; generated_at NULL means now
 * (or SOURCE_DATE_EPOCH when set); host NULL leaves the key out. Each evidence entry says
 * when its check ran (checks_at; NULL: generated_at) and where: ev_where[i] when ev_where
 * and it are not NULL (a TLS endpoint), else checks_where (the machine's name or the
 * directory audited), else null. */
struct scorecard_input {
	const struct vg_answers *as;
	const struct score_result *res;
	const struct vg_evidence *ev;
	size_t nev;
	const char *generated_at;
	const char *host;
	const char *checks_at;
	const char *checks_where;
	const char *const *ev_where;
};

/* One domain as read back. Strings point into the scorecard's arena. */
struct scorecard_domain {
	const char *id;
	bool scored;
	double score; /* 0..100 when scored */
	double weight;
	struct vg_text title;
};

/* One answer as read back: answer is an option id, "nsp", "na" or "none". */
struct scorecard_answer {
	const char *question;
	const char *answer;
	int declared; /* -1 when null */
	int retained; /* -1 when null */
	const char *status;
	const char *note;      /* NULL when null */
	const char *capped_by; /* NULL when null */
	bool review;
};

/* One check's evidence as read back. */
struct scorecard_evidence {
	const char *id;
	const char *status;
	int cap; /* -1 when null */
	const char **informs;
	size_t ninforms;
	struct vg_text reason;
	const char *run_at; /* when the check ran (RFC 3339 UTC); NULL before format 1.1 */
	const char *where;  /* machine, directory or endpoint; NULL when unknown */
	struct vg_text detail; /* the rules' summary, one line per rule; fr NULL when none */
};

/* One gap of the action plan as read back; advice.fr is NULL when there is none. */
struct scorecard_action {
	const char *question;
	struct vg_text text;
	int gap;
	int priority;
	const char *effort;
	struct vg_text advice;
	bool priority_measure;
};

/* A scorecard read back; everything lives in its arena. Free with scorecard_free. */
struct scorecard {
	struct vg_arena arena;
	const char *format;
	int format_major, format_minor;
	const char *tool_name, *tool_version;
	const char *q_id, *q_version, *q_sha256;
	struct vg_text q_title;
	const char *org_name, *org_insee, *org_contact; /* NULL when null */
	const char *generated_at;
	const char *host; /* NULL when absent */
	bool scored;
	double overall;    /* 0..100 when scored */
	const char *grade; /* "A".."E", NULL when not scored */
	bool critical_cap;
	struct scorecard_domain *domains;
	size_t ndomains;
	struct scorecard_answer *answers;
	size_t nanswers;
	struct scorecard_evidence *evidence;
	size_t nevidence;
	struct scorecard_action *plan;
	size_t nplan;
	const char **unknown;
	size_t nunknown;
	const char **unanswered;
	size_t nunanswered;
};

/* Version of the jansson library vigie runs with. */
const char *scorecard_lib_version(void);

/* Writes the scorecard of in as JSON (sorted keys, indent 2, trailing newline) into *out,
 * NUL-terminated, which the caller frees. */
int scorecard_write(const struct scorecard_input *in, char **out, size_t *outlen,
                    struct vg_err *err);

/* Reads a scorecard from len bytes; *out is freed with scorecard_free. Refuses invalid
 * JSON, wrong types, missing keys and a newer major format. Nothing allocated on error. */
int scorecard_read(const char *data, size_t len, struct scorecard **out, struct vg_err *err);

/* Reads a scorecard file (at most SCORECARD_MAX_FILE bytes); messages start with path. */
int scorecard_read_file(const char *path, struct scorecard **out, struct vg_err *err);

/* Frees a scorecard read back; NULL is fine. */
void scorecard_free(struct scorecard *sc);

#endif
