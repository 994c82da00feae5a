/* session: the assessment in progress, saved as you go (docs/session-format.md). jansson
 * is used only here. */
#ifndef VIGIE_SESSION_H
#define VIGIE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

#define SESSION_FORMAT     "vigie-session/1"
#define SESSION_MAX_FILE   (8u << 20)  /* bytes of one session file */
#define SESSION_MAX_NOTE   (64u << 10) /* bytes of one note (as in answers files) */
#define SESSION_MAX_ORG    1024        /* bytes of one organisation field */
#define SESSION_MAX_TARGET 255         /* bytes of one TLS target (website, mail server) */

/* The screens a session can be resumed on. */
enum session_screen {
	SESSION_SCREEN_WELCOME,
	SESSION_SCREEN_DOMAINS,
	SESSION_SCREEN_QUESTION,
	SESSION_SCREEN_CHECKS,
	SESSION_SCREEN_RESULT,
};

#define SESSION_MAX_EVIDENCE 1000        /* evidence entries kept in one session */
#define SESSION_MAX_REASON   (64u << 10) /* bytes of one evidence reason (or detail) */
#define SESSION_MAX_DETAIL_LINES 256     /* lines of one evidence detail (one per rule) */

/* What vigie runs on, as the checks step asked: the server checks run only on a server. */
enum session_machine {
	SESSION_MACHINE_UNKNOWN, /* not asked yet */
	SESSION_MACHINE_SERVER,  /* a server or NAS of the commune (on site or over SSH) */
	SESSION_MACHINE_PC,      /* a workstation or laptop: no server checks */
};

/* The evidence of the last checks run, kept in the session like answers. */
struct session_checks {
	char run_at[32];        /* RFC 3339 UTC; "" when no check was run */
	char *where;            /* where the server checks ran (host name, or the --check-root
	                         * directory); NULL when they were not run; owned */
	struct vg_evidence *ev; /* owned, with every string it points to */
	size_t nev;
};

/* An assessment in progress: answers, language and where the user was. */
struct session {
	struct vg_answers *as; /* owned */
	enum vg_lang lang;
	size_t pos; /* index in q->all of the current question */
	enum session_screen screen;
	char created_at[32];
	char updated_at[32];
	char *path; /* where it is saved; owned; NULL: not saved */
	/* Addresses the checks step probes (host, host:port or scheme://host[:port]), as the
	 * user typed them; owned; NULL when not given. */
	char *target_site;
	char *target_mail;
	/* The commune's domain the checks step looks at from outside (SPF, DKIM, DMARC,
	 * DNSSEC, MTA-STS, STARTTLS); "" when the user said there is none to look at; NULL when
	 * not asked yet. Owned. */
	char *target_domain;
	enum session_machine machine;
	struct session_checks checks;
	/* When set, session_save renames the new file into place at once but leaves the fsyncs
	 * to session_sync, which the TUI calls right after the screen is redrawn. */
	bool defer_sync;
	bool unsynced; /* a deferred save still waits for session_sync */
};

/* Returns a new empty session for q saved at path (copied; may be NULL); free with
 * session_free. */
struct session *session_new(const struct vg_questionnaire *q, const char *path);
/* Frees a session and its answers; NULL is fine. */
void session_free(struct session *s);

/* Clears every answer, note, review mark and the checks' evidence (the organisation,
 * language, addresses and machine stay) and goes back to the welcome screen; does not
 * save. */
void session_reset(struct session *s);

/* Replaces the session's evidence by a copy of ev[0..nev), run at run_at (RFC 3339; NULL:
 * now) on where (NULL: the server checks did not run); does not save. */
void session_checks_set(struct session *s, const struct vg_evidence *ev, size_t nev,
                        const char *run_at, const char *where);
/* Forgets the evidence of the checks run; does not save. */
void session_checks_clear(struct session *s);

/* Parses session JSON for q. When the questionnaire's sha256 differs from the session's,
 * answers are migrated by question and option id: those that no longer exist are dropped
 * and described in *migrated (caller frees; NULL when nothing was dropped or the sha256
 * matches). A different questionnaire id, a bad format or any bad value is refused. */
int session_parse(const struct vg_questionnaire *q, const char *name, const char *data, size_t len,
                  struct session **out, char **migrated, struct vg_err *err);
/* Reads and parses the session file at path (no symlinks); *out records path. */
int session_load(const struct vg_questionnaire *q, const char *path, struct session **out,
                 char **migrated, struct vg_err *err);
/* Returns the session as JSON text (keys sorted, UTF-8); the caller frees. */
char *session_serialize(const struct session *s);
/* Saves the session atomically (mode 0600) to its path; stamps updated_at. The new file
 * replaces the old one by rename, so a killed process never leaves a partial file; the
 * data and the directory are fsynced before returning, or by session_sync when
 * s->defer_sync is set. */
int session_save(struct session *s, struct vg_err *err);
/* Completes a deferred save: fsyncs the session file and its directory. */
int session_sync(struct session *s, struct vg_err *err);

/* Sets *path (caller frees) to $XDG_STATE_HOME/vigie/session-QID.json (default
 * ~/.local/state/vigie), creating missing directories with mode 0700. */
int session_default_path(const char *qid, char **path, struct vg_err *err);
/* Renames an existing session file to PATH.YYYYMMDDTHHMMSSZ.bak; *backup (caller frees)
 * is its new name, NULL when there was no file. */
int session_backup(const char *path, char **backup, struct vg_err *err);

/* Returns the answers as a vigie-answers/1 YAML document; the caller frees. */
char *session_answers_yaml(const struct vg_answers *as);
/* Counts answered questions (any kind) among those that apply, and those that apply. */
void session_progress(const struct session *s, size_t *answered, size_t *applicable);

#endif
