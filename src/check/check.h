/* check: the check engine. A check profile (checks/NAME.yaml, docs/check-format.md) is a list
 * of checks; each check names a kind; a kind is a row of the table in check.c and one file
 * (perms.c, tls.c, ...) that parses its parameters at load time and runs at check time.
 *
 * Adding a kind: write src/check/NAME.c defining `const struct check_kind check_kind_NAME`
 * and add CHECK_KIND(NAME) to CHECK_KINDS below. The kind's parse() reads the check's
 * `params:` mapping with the yl_* helpers of yaml_load.h (errors at file:line:col) and
 * keeps what it needs in arena memory; its run() fills a check_result with findings
 * through check_result_add() (thread-safe) and, when nothing is found, leaves it to the
 * engine to set the status from the findings. */
#ifndef VIGIE_CHECK_H
#define VIGIE_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"
#include "yaml_load.h"

#define CHECKS_FORMAT           "vigie-checks/1"
#define CHECK_MAX_CHECKS        500        /* checks in one profile */
#define CHECK_RULE_SHOWN        100        /* findings kept per rule (the first by path) */
#define CHECK_MAX_FINDING_BYTES (8u << 20) /* bytes of findings' strings kept per check */
#define CHECK_TOP_DIRS          3          /* directories named per rule in its summary */
#define CHECK_MAX_DIRS          4096       /* directories counted per rule; more are "other" */

enum check_severity { CHECK_SEV_LOW, CHECK_SEV_MEDIUM, CHECK_SEV_HIGH };

/* Returns "low", "medium" or "high". */
const char *check_severity_name(enum check_severity s);

struct check_kind;

/* One check of a profile; lives in the profile's arena. */
struct check_def {
	const char *id;
	const struct check_kind *kind;
	void *params; /* what kind->parse stored (arena memory), or NULL */
	enum check_severity severity;
	struct vg_text title;
	struct vg_text remediation;
	const char **informs; /* question ids */
	size_t ninforms;
	unsigned line; /* where the check starts in its file */
};

/* A loaded profile; free with check_profile_free. */
struct check_profile {
	struct vg_arena arena;
	const char *source; /* file name or "embedded:NAME" */
	const char *id;
	const char *version;
	const char *questionnaire; /* id of the questionnaire `informs` refers to, or NULL */
	struct vg_text title;
	struct check_def *checks;
	size_t nchecks;
};

/* One thing found: where, what was seen, what was expected. Strings are heap-owned by
 * the result. */
struct check_finding {
	enum vg_check_status level; /* VG_CHECK_FAIL or VG_CHECK_WARN */
	const char *rule;           /* static name of the rule that fired, e.g. "world_writable" */
	char *path;                 /* path inside the audited root ("/etc/shadow"), or host:port */
	char *observed;
	char *expected;
};

/* A directory and how many findings of a rule it holds. */
struct check_dir_count {
	char *path; /* heap */
	size_t count;
};

/* What a kind says of one of its rules: its name in plain words, what to do, and the cap
 * a failure of it deserves (docs/check-format.md). A kind's table ends with {NULL}. */
struct check_rule_info {
	const char *rule;
	struct vg_text label;  /* e.g. "fichiers modifiables par tous" */
	struct vg_text action; /* what to do; {NULL, NULL}: the check's remediation */
	int cap;               /* -1: the check's severity decides; 0-2: at most that severe */
};

/* All the findings of one rule (at one level) of a result: how many, where most of them
 * are and what to do. Every finding is counted; the first CHECK_RULE_SHOWN by path are
 * kept in the result's findings. */
struct check_rule_sum {
	const char *rule;           /* static */
	enum vg_check_status level; /* VG_CHECK_FAIL or VG_CHECK_WARN */
	size_t count;               /* findings of this rule, kept or not */
	size_t shown;               /* of them kept in the result's findings */
	int cap;                    /* the rule's own cap (-1: the check's severity decides) */
	struct vg_text label;       /* the rule in plain words (static), or {rule, rule} */
	struct vg_text action;      /* what to do (static, or the check's remediation) */
	struct check_dir_count top[CHECK_TOP_DIRS]; /* most findings first */
	size_t ntop;
	/* Only while the check runs (check.c): */
	struct check_finding *heap; /* kept findings: a max-heap by path */
	size_t nheap;
	struct check_dir_count *dirs; /* open-addressing table by directory */
	size_t ndirs, dirs_size;
};

/* The outcome of one check. */
struct check_result {
	const struct check_def *def;
	enum vg_check_status status;
	char *reason; /* heap; why skipped or error (may also explain a pass), or NULL */
	struct check_finding *findings;
	size_t nfindings, cap;
	size_t dropped;  /* findings not kept (past CHECK_RULE_SHOWN of their rule or _BYTES) */
	size_t bytes;    /* bytes of the findings' strings */
	size_t examined; /* entries (files, endpoints...) the check looked at */
	double duration; /* seconds, wall clock */
	/* A kind whose findings have severities of their own (tls) sets the cap its worst
	 * failing finding deserves; check_cap keeps the milder of it and the check's. */
	bool has_finding_cap;
	int finding_cap;
	/* One per rule that fired, in the order of the kind's table then of appearance;
	 * filled by the engine once the check has run. */
	struct check_rule_sum *rules;
	size_t nrules, rules_cap;
	/* The rules' summaries in plain words, one line per rule ("label : N ; surtout DIR
	 * (n), ... -- action"), in both languages (heap), or {NULL, NULL} when none fired. */
	struct vg_text summary;
};

/* What a run sees: the audited root and the options of the command line. */
struct check_env {
	const char *root;  /* "/" or the directory given by --root */
	int rootfd;        /* open O_DIRECTORY on root */
	bool cross_fs;     /* --cross-fs: tree scans may leave the file system they start on */
	int threads;       /* worker threads a kind may use (>= 1) */
	enum vg_lang lang; /* language of reasons and findings (check_tr) */
	void (*progress)(void *arg, const char *check_id, size_t examined);
	void *progress_arg; /* progress may be NULL; called with 0 as each check starts, and
	                     * by kinds now and then */
	/* Called by scanning kinds (tree_scan) at least every 250 ms while they walk, with the
	 * entries examined and the top directory being scanned ("/usr"); returning false stops
	 * the scan (the check then ends with what it saw). May be NULL; gets progress_arg. */
	bool (*scan)(void *arg, size_t examined, const char *where);
	/* Polled before each check: true stops the run there (no result for the checks left).
	 * May be NULL; gets progress_arg. */
	bool (*stop)(void *arg);
};

/* A check kind: a name, a parameter parser run at load time, and a runner. */
struct check_kind {
	const char *name;
	/* Validates the check's `params` mapping (NULL when absent; check is the whole
	 * check's mapping, for positions) and stores arena-owned parameters in *out; errors
	 * through yl_fail (file:line:col). */
	int (*parse)(const struct yl_ctx *c, const struct yl_node *check,
	             const struct yl_node *params, void **out);
	/* Runs one check. Adds findings with check_result_add; may set res->status to
	 * VG_CHECK_SKIPPED or VG_CHECK_ERROR with res->reason (check_result_reason). Returns
	 * 0, or -1 for an error that stops the check (the engine records it as "error"). */
	int (*run)(const struct check_def *def, const struct check_env *env,
	           struct check_result *res, struct vg_err *err);
	/* Its rules in plain words, their actions and caps (may be NULL). */
	const struct check_rule_info *rules;
};

/* The kinds, one file each. */
#define CHECK_KINDS                                                                                \
	CHECK_KIND(file_mode)                                                                      \
	CHECK_KIND(tree_scan)                                                                      \
	CHECK_KIND(tls)                                                                            \
	CHECK_KIND(mail_dns)

#define CHECK_KIND(name) extern const struct check_kind check_kind_##name;
CHECK_KINDS
#undef CHECK_KIND

/* Returns fr or en according to env->lang: kinds write their texts in both. */
const char *check_tr(const struct check_env *env, const char *fr, const char *en);

/* Reads the network kinds' shared params of mapping n: `ca` (a PEM file: *ca, left alone
 * when absent) and `timeout_ms` (50 to 600000: *timeout_ms, left alone when absent).
 * Returns 0, or -1 through yl_fail (file:line:col). */
int check_params_ca_timeout(const struct yl_ctx *c, const struct yl_node *n, const char **ca,
                            int *timeout_ms);

/* Returns the kind of this name, or NULL. */
const struct check_kind *check_kind_find(const char *name);
/* Comma-separated names of every kind, for messages. */
const char *check_kind_names(void);

/* Adds a finding (thread-safe); path and observed are copied, expected is a printf format
 * applied to the arguments. Every finding counts in its rule's summary; past the first
 * CHECK_RULE_SHOWN of its rule (by path) or CHECK_MAX_FINDING_BYTES it is not kept. */
void check_result_add(struct check_result *res, enum vg_check_status level, const char *rule,
                      const char *path, const char *observed, const char *expected_fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* True when a finding of rule at path is kept (thread-safe). */
bool check_result_has(struct check_result *res, const char *rule, const char *path);
/* Replaces the kept findings of rule by one finding of level (path, observed and expected
 * copied), keeping the rule's count and directories; action (static strings) becomes the
 * rule's. For a flood better told in one sentence. Thread-safe. */
void check_result_summarise(struct check_result *res, const char *rule, enum vg_check_status level,
                            const char *path, const char *observed, const char *expected,
                            struct vg_text action);
/* Sets the status and its reason (formatted, copied). */
void check_result_reason(struct check_result *res, enum vg_check_status status, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));

/* Runs the checks of profile (all, or those whose id is in only[0..nonly)) with the options
 * of opts (root, cross_fs, threads (0: one per core, up to 4), progress; rootfd is opened
 * here), filling *results (an array of *nresults, freed with check_results_free). A check
 * that cannot run is a result with status error; -1 only when the root cannot be opened
 * or an id in only is not in the profile. */
int check_run_profile(const struct check_profile *p, const struct check_env *opts,
                      const char *const *only, size_t nonly, struct check_result **results,
                      size_t *nresults, struct vg_err *err);
/* Frees results and their findings. */
void check_results_free(struct check_result *results, size_t n);

/* The cap a result puts on the questions it informs (docs/check-format.md): fail high 0,
 * fail medium 1, fail low 2; pass, warn, error and skipped put none (-1). */
int check_cap(const struct check_result *r);
/* The cap a failing rule of d deserves: its own (unowned: 1), never more severe than d's
 * severity allows (high 0, medium 1, low 2). */
int check_rule_cap(const struct check_def *d, const struct check_rule_sum *s);
/* Turns results into scoring evidence, one per result; the array (heap, caller frees with
 * free()) points into results and their profile, which must outlive it. */
struct vg_evidence *check_to_evidence(const struct check_result *results, size_t n);

/* Frees a profile; NULL is fine. */
void check_profile_free(struct check_profile *p);

#endif
