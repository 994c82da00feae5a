/* assess_checks: runs the checks of a check profile that inform a questionnaire's questions
 * and hands their results over as scoring evidence (for vigie assess and vigie score). */
#ifndef VIGIE_ASSESS_CHECKS_H
#define VIGIE_ASSESS_CHECKS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

/* The TLS endpoints the assessment probes, as the user typed them (docs/assess.md). */
struct assess_tls {
	const char *site;    /* website: host[:port] (443 by default), or NULL */
	const char *mail;    /* mail server: a host alone (ports 587 and 993 are probed),
	                      * host:port, or smtp://, imap://, pop3:// host[:port]; or NULL */
	const char *ca_file; /* trust only the CAs of this PEM file; NULL: the system store */
};

/* The reason of a check the user interrupted (evidence with status skipped). */
#define ASSESS_NOT_RUN_FR "interrompue : non faite, elle ne compte pas dans le résultat"
#define ASSESS_NOT_RUN_EN "interrupted: not run, it does not count in the result"

/* What a run reports while it runs (the same members as struct tui_progress). */
struct assess_progress {
	/* A step starts: a check id, "TLS", or "" when all are done; done of total. */
	void (*step)(void *arg, size_t done, size_t total, const char *what);
	/* Within a tree scan, at least every 250 ms: entries examined and the top directory;
	 * false interrupts the run. May be NULL. */
	bool (*scan)(void *arg, size_t examined, const char *where);
	/* True once the run is to be interrupted; polled between steps. May be NULL. */
	bool (*stopped)(void *arg);
	void *arg;
};

/* How many checks of the profile (a file or embedded name; NULL: the embedded default)
 * inform at least one question of q; 0 when none does or the profile cannot be loaded. */
size_t assess_checks_count(const struct vg_questionnaire *q, const char *profile);

/* Runs, on root (audited as if it were /; NULL: no profile check runs), the checks of the
 * profile that inform a question of q, then probes the endpoints of tls (may be NULL), in
 * language lang; as (may be NULL) holds the answers so far; *ev (nev entries, NULL when none)
 * is freed with assess_checks_free. A check that cannot run is evidence with status error
 * whose reason says why; once pg interrupts the run, the check running and those left are
 * evidence with status skipped saying they were not run. The reasons of TLS evidence list
 * the findings gravest first, one per line. -1 only when the profile cannot be loaded,
 * root cannot be opened, a target does not parse or the CA file cannot be read. */
int assess_checks_run(const struct vg_questionnaire *q, const struct vg_answers *as,
                      const char *profile, const char *root, const struct assess_tls *tls,
                      enum vg_lang lang, const struct assess_progress *pg, struct vg_evidence **ev,
                      size_t *nev, struct vg_err *err);

/* Frees what assess_checks_run returned; NULL is fine. */
void assess_checks_free(struct vg_evidence *ev, size_t nev);

#endif
