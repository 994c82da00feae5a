/* tui flow: what the ncurses UI and the plain mode share — navigation over the questions,
 * saving each change, checks, result and export. libc, gettext and the engine only. */
#ifndef VIGIE_TUI_FLOW_H
#define VIGIE_TUI_FLOW_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "scoring.h"
#include "tui.h"

#define _(s)  gettext(s)
#define N_(s) (s)

#define TUI_NONE ((size_t)-1)

/* The checks step's question about the machine, and what it says when the server checks do
 * not run (both front ends). */
#define TUI_MACHINE_QUESTION                                                                       \
	N_("Sur quelle machine vigie tourne-t-il ? Les vérifications des droits des fichiers "    \
	   "examinent la machine où vigie tourne : elles n'ont de sens que sur un serveur de la " \
	   "commune.")
#define TUI_MACHINE_SERVER N_("Sur un serveur ou un NAS de la commune (sur place ou par SSH)")
#define TUI_MACHINE_PC     N_("Sur un simple poste : mon ordinateur, celui d'un prestataire")
#define TUI_SERVER_NOT_RUN                                                                          \
	N_("Les vérifications du serveur ne sont pas faites : cette machine n'est pas un serveur " \
	   "de la commune.")
#define TUI_NO_CHECKS                                                                              \
	N_("Aucune vérification automatique à faire ; vos réponses suffisent pour obtenir un "  \
	   "résultat.")

/* The running assessment. */
struct tui_app {
	const struct tui_opts *o;
	const struct vg_questionnaire *q;
	struct session *s;
	const struct vg_evidence *ev; /* the session's (s->checks), kept in step */
	size_t nev;
	bool checks_done; /* s->checks has a run */
	size_t nchecks;   /* checks_count's answer, once asked */
	bool nchecks_known;
	FILE *trace; /* VIGIE_TUI_TRACE, or NULL */
	bool traced_cpu;
};

/* Initialises app for o; opens the trace file named by VIGIE_TUI_TRACE. */
void tui_flow_init(struct tui_app *app, const struct tui_opts *o);
/* Frees evidence and closes the trace (writing peak RSS to it). */
void tui_flow_done(struct tui_app *app);
/* Writes "EVENT <realtime ns>" to the trace, if any. */
void tui_flow_trace(struct tui_app *app, const char *event);

/* True when question i is asked (it applies given the context answers). */
bool tui_flow_applies(const struct tui_app *app, size_t i);
/* The next (dir 1) or previous (dir -1) asked question after i, or TUI_NONE. */
size_t tui_flow_step(const struct tui_app *app, size_t i, int dir);
/* The first asked question, or TUI_NONE. */
size_t tui_flow_first(const struct tui_app *app);
/* The next asked unanswered question after i (wrapping round), or TUI_NONE. */
size_t tui_flow_next_unanswered(const struct tui_app *app, size_t i);
/* The first question of domain d (-1: context), preferring unanswered ones, or TUI_NONE. */
size_t tui_flow_domain_start(const struct tui_app *app, int d);
/* The next asked question after i (wrapping) whose text, help, options or id contain
 * needle, ignoring case and accents; TUI_NONE when none. */
size_t tui_flow_search(const struct tui_app *app, size_t i, const char *needle);
/* Answered and asked questions of domain d (-1: context). */
void tui_flow_domain_progress(const struct tui_app *app, int d, size_t *answered, size_t *asked);
/* Position of question i among the asked questions of its domain (1-based), and their
 * number. */
void tui_flow_rank(const struct tui_app *app, size_t i, size_t *rank, size_t *count);
/* Where the questionnaire comes from, as a person reads it: its file, or "intégré à vigie"
 * for the ones built in (not vigie's "embedded:NAME"). */
const char *tui_flow_q_source(const struct tui_app *app);

/* Title of question i's domain ("Contexte" for context questions). */
const char *tui_flow_domain_title(const struct tui_app *app, size_t i);

/* Records an answer to question i and saves. For VG_ANS_NA the note must be set. */
int tui_flow_answer(struct tui_app *app, size_t i, enum vg_answer_kind kind,
                    const struct vg_option *opt, struct vg_err *err);
/* Sets (NULL or "" clears) the note of question i and saves. */
int tui_flow_note(struct tui_app *app, size_t i, const char *note, struct vg_err *err);
/* Flips the review mark of question i and saves. */
int tui_flow_review(struct tui_app *app, size_t i, struct vg_err *err);
/* Moves the saved position and screen, and saves. */
int tui_flow_goto(struct tui_app *app, size_t i, enum session_screen screen, struct vg_err *err);
/* Sets an organisation field (0 name, 1 INSEE, 2 contact) and saves; refuses a bad INSEE
 * code. */
int tui_flow_org(struct tui_app *app, int field, const char *value, struct vg_err *err);
/* The label of the answer to question i ("" when none); points into the questionnaire or
 * a static string. */
const char *tui_flow_answer_label(const struct tui_app *app, size_t i);

/* How many checks the checks hook would run for this questionnaire (0 without a hook):
 * the server checks (when they run: --check-root, or this machine said to be a server) and
 * the TLS probes of the addresses given. */
size_t tui_flow_checks_count(struct tui_app *app);
/* Points app->ev, nev and checks_done at the session's checks again (after a change of
 * s->checks, such as session_reset). */
void tui_flow_sync_checks(struct tui_app *app);
/* How many server checks inform the questionnaire's questions (whatever the machine). */
size_t tui_flow_server_count(struct tui_app *app);
/* True when the checks step must first ask what machine vigie runs on: there are server
 * checks, no --check-root, and the session does not say yet. */
bool tui_flow_machine_asked(struct tui_app *app);
/* True when the server checks run: there are some, and --check-root was given or the
 * machine is a server of the commune. */
bool tui_flow_server_runs(struct tui_app *app);
/* Records what machine vigie runs on, and saves; a change forgets the checks run. */
int tui_flow_machine_set(struct tui_app *app, enum session_machine m, struct vg_err *err);
/* "2026-12-05 10:00 UTC": when the checks of the session ran (static storage). */
const char *tui_flow_checks_when(const struct tui_app *app);
/* True when the checks step asks for the address of the website (which 0: ctx.site_web is
 * answered and is not "non") or of the mail server (which 1: ctx.messagerie is answered and
 * is not a consumer mailbox), and there are checks to run them. */
bool tui_flow_target_proposed(const struct tui_app *app, int which);
/* The address given for the website (0) or mail server (1), or NULL; points into the
 * session. */
const char *tui_flow_target(const struct tui_app *app, int which);
/* How many addresses are both proposed and given (so many TLS checks would run). */
size_t tui_flow_targets_count(const struct tui_app *app);
/* Sets (empty clears) the address of the website (0) or mail server (1) after checking it
 * parses as a TLS target (err says why not, in the UI language), and saves; a change drops
 * the results of checks already run. */
int tui_flow_target_set(struct tui_app *app, int which, const char *value, struct vg_err *err);
/* True when the checks step asks for the commune's domain: the context answers say it has
 * one (a professional mail service, or a website), the questionnaire asks what the domain
 * check informs, and there are checks to run it. */
bool tui_flow_domain_proposed(const struct tui_app *app);
/* The domain given (points into the session): NULL when not asked yet, "" when the user
 * said there is none to look at. */
const char *tui_flow_domain(const struct tui_app *app);
/* 1 when the domain check would run (proposed and a domain given), else 0. */
size_t tui_flow_domain_count(const struct tui_app *app);
/* Guesses the domain from the contact's e-mail address, the website's and the mail server's
 * names (assess_dns_guess) into out (size >= 256); false when none gives one. */
bool tui_flow_domain_guess(const struct tui_app *app, char *out, size_t size);
/* What the domain field shows when it opens: the domain given, else the guess (in buf, of
 * size >= 256), else "". */
const char *tui_flow_domain_prefill(const struct tui_app *app, char *buf, size_t size);
/* Sets the domain after checking it is one (err says why not, in the UI language; "" says
 * there is none to look at) and saves; a change drops the results of checks already run. */
int tui_flow_domain_set(struct tui_app *app, const char *value, struct vg_err *err);
/* The outcome of the checks run, in the UI language: a line of counts, then one line per
 * check that did not pass (status, id, reason, cap). Caller frees. */
char *tui_flow_checks_summary(const struct tui_app *app);

/* The title of the check behind e, in the UI language (never its id); static memory. */
const char *tui_flow_check_title(const struct tui_app *app, const struct vg_evidence *e);

/* The reasons of e (TLS findings, why it could not run) when they say more than its title,
 * in the UI language; NULL otherwise. */
const char *tui_flow_check_reason(const struct tui_app *app, const struct vg_evidence *e);
/* What the checks step offers to run, in the UI language (caller frees). */
char *tui_flow_checks_offer(struct tui_app *app);
/* Runs the checks hook and keeps its evidence in the session (saved); with no hook,
 * returns 1 (not available in this build). May run on another thread than the UI, which
 * must then leave app alone until it returns. */
int tui_flow_checks(struct tui_app *app, const struct tui_progress *pg, struct vg_err *err);
/* Computes the result (free with score_free). */
void tui_flow_result(const struct tui_app *app, struct score_result *r);
/* The commune and day export names carry: "INSEE-YYYY-MM-DD" (the questionnaire id when no
 * INSEE code is given; UTC, or SOURCE_DATE_EPOCH's day); caller frees. */
char *tui_flow_export_stem(const struct tui_app *app);
/* Writes the scorecard through the hooks (signed when there is a signing hook), or the
 * answers file when there is no scorecard hook; *done (caller frees) says what was
 * written, in the UI language. */
int tui_flow_export(struct tui_app *app, char **done, struct vg_err *err);

/* Decodes UTF-8 s into a new NUL-terminated wide string (caller frees; bad bytes become
 * U+FFFD); in ASCII mode (utf8 false) s is transliterated first. *n is its length. */
wchar_t *tui_wide(const char *s, bool utf8, size_t *n);
/* Encodes n wide characters as a new UTF-8 string (caller frees). */
char *tui_utf8(const wchar_t *w, size_t n);
/* True when the locale's codeset is UTF-8. */
bool tui_locale_utf8(void);
/* The language name shown on the welcome screen. */
const char *tui_lang_name(enum vg_lang lang);

#endif
