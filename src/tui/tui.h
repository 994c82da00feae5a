/* tui: the interactive assessment, as an ncurses UI (ncursesw only in src/tui/) or as
 * numbered prompts on stdin/stdout (plain.c). The engine never calls back into it. */
#ifndef VIGIE_TUI_H
#define VIGIE_TUI_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "session.h"
#include "util.h"

/* What a checks run reports while it runs. Called from the thread that runs the checks. */
struct tui_progress {
	/* A step starts: what is checked (a check's title, in the UI language; "" when all
	 * are done), done of total. */
	void (*step)(void *arg, size_t done, size_t total, const char *what);
	/* Within a file tree scan, at least every 250 ms: entries examined so far and the top
	 * directory being scanned. Returns false to interrupt the run. May be NULL. */
	bool (*scan)(void *arg, size_t examined, const char *where);
	/* True once the user asked to interrupt; polled between steps. May be NULL. */
	bool (*stopped)(void *arg);
	void *arg;
};

/*
 * What other modules plug into the assessment. A NULL hook is a feature this build does
 * not have yet: the UI says so and goes on (export then writes the answers file).
 * cmd_assess.c fills the table (look for "HOOK" there).
 */
struct tui_hooks {
	/* How many checks would inform q's questions on this machine (0: none; the checks
	 * step then says so instead of offering to run them). */
	size_t (*checks_count)(const struct vg_questionnaire *q);
	/* Runs, when server is set, the local checks that inform q's questions (as: the answers
	 * so far), probes the TLS of the website site and mail server mail (each NULL when
	 * not given, else as the user typed it) and looks at the commune's domain (NULL when
	 * not given) from outside; *ev is freed with evidence_free; *where
	 * (caller frees) names where the server checks ran (a host name, or the --check-root
	 * directory), NULL when they did not. A check that cannot run is evidence with status
	 * error, not a failure of the hook; an interrupted one (pg->scan returned false) is
	 * evidence with status skipped saying so. Must not write to the terminal; may run on
	 * another thread than the UI. */
	int (*checks_run)(const struct vg_questionnaire *q, const struct vg_answers *as,
	                  bool server, const char *site, const char *mail, const char *domain,
	                  const struct tui_progress *pg, struct vg_evidence **ev, size_t *nev,
	                  char **where, struct vg_err *err);
	/* Frees what checks_run returned. */
	void (*evidence_free)(struct vg_evidence *ev, size_t nev);
	/* Writes the scorecard JSON of as (and ev, from checks run at run_at on where, each
	 * NULL when unknown; ev_where[i], when not NULL, is where ev[i] looked instead: the
	 * endpoint a TLS check probed) to path, atomically. */
	int (*scorecard_write)(const struct vg_answers *as, const struct vg_evidence *ev,
	                       size_t nev, const char *run_at, const char *where,
	                       const char *const *ev_where, const char *path, struct vg_err *err);
	/* Signs the file at path without prompting on the terminal: 0 with *sig_path (caller
	 * frees) naming the signature written next to it, or 0 with *sig_path NULL and *note
	 * (caller frees, UI language) saying why it is not signed and what to run instead;
	 * -1 only for a failure that should stop the export. */
	int (*scorecard_sign)(const char *path, char **sig_path, char **note, struct vg_err *err);
};

/* What an assessment runs on. */
struct tui_opts {
	struct vg_questionnaire *q;
	struct session *s;             /* saved at every change; s->lang is the UI language */
	const struct tui_hooks *hooks; /* never NULL; its members may be */
	const char *export_dir;        /* where export writes ("." by default) */
	const char *notice;            /* shown on the first screen (migration, backup), or NULL */
	const char *check_root;        /* --check-root: the server checks audit this directory
	                                * without asking what the machine is; NULL: they audit
	                                * this machine, once the user says it is a server */
};

/* Runs the ncurses assessment on the terminal. Returns 0 when the user quit or finished,
 * 128+N when signal N ended it (answers are saved either way), -1 with err on failure. */
int tui_run(const struct tui_opts *o, struct vg_err *err);

/* Runs the same assessment as numbered prompts read from in, written to out; end of input
 * saves and returns 0 (resumable). */
int tui_plain_run(const struct tui_opts *o, FILE *in, FILE *out, struct vg_err *err);

/* Sets up gettext for the UI strings in lang (the build tree's catalogues when run from
 * it, else the installed ones); can be called again to switch language. */
void tui_i18n_set(enum vg_lang lang);

/* The ncurses version vigie runs with, e.g. "ncurses 6.4.20240113" (static storage). */
const char *tui_lib_version(void);

/* Copies UTF-8 text s to out as ASCII (accents dropped, quotes and dashes simplified). */
void tui_ascii(const char *s, char *out, size_t outlen);

#endif
