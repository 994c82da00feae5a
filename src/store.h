/* store: the consultant's SQLite store of verified scorecards (docs/store-schema.md), its
 * queries, and the CSV/HTML escaping of what it exports. The only module that includes
 * sqlite3.h. */
#ifndef VIGIE_STORE_H
#define VIGIE_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "scorecard.h"
#include "util.h"

#define STORE_SCHEMA_VERSION  2     /* PRAGMA user_version this vigie writes and reads */
#define STORE_BUSY_TIMEOUT_MS 30000 /* how long a writer waits for another one */

/* An open store; opaque. One thread at a time uses it (open one per thread). */
struct store;

/* Opens the store at path (never through a symlink), creating it (mode 0600) when create is
 * set and it does not exist, in WAL mode; applies pending migrations in one transaction and
 * refuses a database written by a newer vigie. Close with store_close. */
int store_open(const char *path, bool create, struct store **out, struct vg_err *err);
/* Closes the store; NULL is fine. */
void store_close(struct store *st);

/* Hands this connection's WAL checkpoints to another thread. After each commit that leaves
 * at least `frames` frames in the WAL, calls ready(arg, frames) on the committing thread:
 * it wakes the other thread, which calls store_checkpoint on a connection of its own, and
 * returns false; or it returns true, and this connection checkpoints now (the few frames
 * the other thread left: a checkpoint that reaches the end of the WAL lets the next
 * transaction start the WAL again from the top, which one running beside a busy writer
 * never does). Past 16 x frames this connection checkpoints anyway: the WAL stays bounded.
 * With ready NULL, the connection checkpoints as SQLite does by default again. */
void store_defer_checkpoints(struct store *st, int frames, bool (*ready)(void *, int), void *arg);
/* A passive checkpoint: copies what it can of the WAL into the database, holding up no
 * one; *copied: the WAL frames copied so far. 0, or -1 with err set (busy is no error). */
int store_checkpoint(struct store *st, int *copied, struct vg_err *err);

/* One verified scorecard to import. Every pointer is the caller's. */
struct store_item {
	const char *source; /* the file's path as given */
	const char *data;   /* the scorecard's exact bytes */
	size_t len;
	const struct scorecard *sc; /* data, read back */
	const char *sig_kind;       /* "minisig" or "cms" */
	const void *sig;            /* the signature file's exact bytes */
	size_t siglen;
	const char *signer;     /* who signed, as established by verification */
	const char *signer_key; /* minisign key id or certificate fingerprint */
	const char *signed_at;  /* time from the trusted comment, or NULL */
	const char *sha256;     /* data's SHA-256 in lowercase hex if known, or NULL */
};

/* What store_import did. */
enum store_outcome { STORE_IMPORTED, STORE_PRESENT };

/* Imports one scorecard in its own transaction (BEGIN IMMEDIATE): all of it, or nothing.
 * The same bytes (by SHA-256) already present is STORE_PRESENT and changes nothing. */
int store_import(struct store *st, const struct store_item *it, enum store_outcome *outcome,
                 struct vg_err *err);

/* Sets *present when a scorecard whose bytes have this SHA-256 (lowercase hex) is in the
 * store. */
int store_has(struct store *st, const char *sha256, bool *present, struct vg_err *err);

/* Which scorecards summary looks at; NULL fields do not filter. Dates are YYYY-MM-DD and
 * compare with the date part of generated_at, both ends included. */
struct store_filter {
	const char *questionnaire; /* questionnaire id */
	const char *since;
	const char *until;
	const char *insee; /* prefix of the INSEE code */
};

/* One organisation's latest scorecard, and the trend since the one before. */
struct store_org {
	const char *insee; /* NULL when the scorecards carry none */
	const char *name;  /* NULL when the scorecards carry none */
	const char *date;  /* generated_at */
	const char *grade; /* NULL when not scored */
	bool scored;
	double score;
	bool has_prev; /* a previous scorecard exists */
	const char *prev_grade;
	bool prev_scored;
	double prev_score;
	const char *questionnaire; /* "id version" */
	const char *signer;
	long count; /* scorecards of this organisation */
};

/* A domain's average score over the organisations' latest scorecards. */
struct store_domain_avg {
	const char *id;
	struct vg_text title;
	double average;
	long count; /* organisations where the domain is scored */
};

/* A gap among the priority measures of the organisations' latest scorecards. */
struct store_gap {
	const char *question;
	struct vg_text text;
	long count; /* organisations that have it among their priority measures */
};

/* A summary; everything lives in its arena. Free with store_summary_free. */
struct store_summary {
	struct vg_arena arena;
	struct store_org *orgs;
	size_t norgs;
	struct store_domain_avg *domains;
	size_t ndomains;
	struct store_gap *gaps;
	size_t ngaps;
	long scorecards; /* scorecards matching the filter */
};

#define STORE_MAX_GAPS 10

/* Summarises the scorecards that match f: one row per organisation (latest first by INSEE
 * code, then name), domain averages and the STORE_MAX_GAPS most common gaps. */
int store_summary(struct store *st, const struct store_filter *f, struct store_summary **out,
                  struct vg_err *err);
/* Frees a summary; NULL is fine. */
void store_summary_free(struct store_summary *s);

/* One scorecard of an organisation's history. */
struct store_hist {
	const char *date;
	const char *grade; /* NULL when not scored */
	bool scored;
	double score;
	const char *signer;
	const char *sig_kind;
	const char *q_id, *q_version;
	const char *insee, *name;
	const char *sha256;
	const char *source;
	const char *imported_at;
};

/* An organisation's scorecards, oldest first; free with store_history_free. */
struct store_history {
	struct vg_arena arena;
	struct store_hist *rows;
	size_t nrows;
};

/* The scorecards of the organisation whose INSEE code is org, or else whose name is org
 * (ignoring ASCII case); an empty history when none matches. */
int store_history(struct store *st, const char *org, struct store_history **out,
                  struct vg_err *err);
/* The scorecards of the organisation of key (store_match.key), oldest first. */
int store_history_key(struct store *st, const char *key, struct store_history **out,
                      struct vg_err *err);

/* One organisation of the store, as its latest scorecard names it. */
struct store_match {
	const char *key;
	const char *insee; /* NULL when none */
	const char *name;  /* NULL when none */
};

/* The organisations org designates; free with store_matches_free. */
struct store_matches {
	struct vg_arena arena;
	struct store_match *rows;
	size_t nrows;
};

/* Finds the organisations org designates: the one whose INSEE code is org; else those whose
 * name is org; else those whose name contains org. Names compare ignoring case, accents
 * and punctuation ("saint etienne" finds "Saint-Étienne"). None is an empty list. */
int store_find_orgs(struct store *st, const char *org, struct store_matches **out,
                    struct vg_err *err);
/* Frees the matches; NULL is fine. */
void store_matches_free(struct store_matches *m);

/* Frees a history; NULL is fine. */
void store_history_free(struct store_history *h);

/* Appends s as one CSV field (RFC 4180): quoted when it holds a comma, a semicolon, a tab,
 * a quote, CR or LF, whatever separator the file uses; a leading = + - @ (or tab, CR), and
 * one after any separator inside the field, is neutralised with a single quote so that
 * spreadsheets, even one splitting on another separator, do not run it as a formula. -1
 * past the buffer's maximum. */
int store_csv_field(struct vg_buf *b, const char *s);
/* Appends s with & < > " ' escaped for HTML text and attribute values. */
int store_html_escape(struct vg_buf *b, const char *s);
/* Refuses JSON whose object keys hold a backslash escape ("\\u0073core"): vigie's reader
 * and jansson decode it, SQLite's JSON path lookups compare the raw key, so the store's
 * views would read another document than the report from the same signed bytes. data is
 * valid JSON (read by scorecard_read). */
int store_json_keys_plain(const char *data, size_t len, struct vg_err *err);
/* vg_term_clean: s into b (cleared first) with control and bidi characters shown escaped,
 * so that text from a scorecard cannot drive the terminal; returns b's data. */
const char *store_term(struct vg_buf *b, const char *s);
/* A valid date filter: YYYY-MM-DD with a plausible month and day. */
bool store_date_ok(const char *s);

/* The SQLite version vigie runs with. */
const char *store_lib_version(void);

#endif
