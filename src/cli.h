/* cli: subcommands, options and exit codes. The only module that may exit(). */
#ifndef VIGIE_CLI_H
#define VIGIE_CLI_H

#include <libintl.h>
#include <stdbool.h>
#include <stdio.h>

#include "model.h"

/* Messages are French msgids translated through gettext (po/en.po). */
#define _(s)  gettext(s)
#define N_(s) (s)

/* Exit codes of every command. */
#define CLI_EXIT_OK    0 /* success, nothing found */
#define CLI_EXIT_FAIL  1 /* invalid input, failed verification, or findings */
#define CLI_EXIT_USAGE 2 /* bad command line */

/* One subcommand: adding a command is adding a file and a row in cli.c's table. */
struct cli_cmd {
	const char *name;
	const char *args;                   /* synopsis after the name */
	const char *summary;                /* one line, French (N_; shown through _()) */
	int (*exec)(int argc, char **argv); /* argv[0] is the command name */
};

/* Runs the command line; returns the exit code. */
int cli_main(int argc, char **argv);

/* Language chosen by --lang, else vg_lang_english's rule; French by default. */
extern enum vg_lang cli_lang;
/* True when the language was chosen by --lang or VIGIE_LANG (it then beats a session's). */
extern bool cli_lang_explicit;

/* Prints "vigie: MSG" to stderr; used for every refusal. MSG goes through vg_term_clean
 * (its arguments quote names and contents of files). */
void cli_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "vigie: skipped: MSG" like cli_warnx: sign_trust_dir's callback for a file it
 * passes over. */
void cli_warn_skipped(const char *msg);
/* Prints msg (an err.msg: "file:line:col: what") and a newline to stderr, through
 * vg_term_clean. */
void cli_errline(const char *msg);
/* Maps an error code to an exit code (usage 2, everything else 1). */
int cli_exit_code(const struct vg_err *err);
/* Prints "vigie NAME: unknown option" style usage hint and returns CLI_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Loads the questionnaire -q names: a file path; or a bare name: a file of that name in the
 * current directory, else the embedded NAME.yaml, else DATADIR/questionnaires/NAME.yaml
 * (paths_data_dir); or the embedded default when arg is NULL. Free with
 * model_questionnaire_free. */
int cli_load_questionnaire(const char *arg, struct vg_questionnaire **q, struct vg_err *err);
struct check_profile;
/* Loads the check profile --profile names: a file, or the name of an embedded profile, or
 * the embedded default (VIGIE_DEFAULT_PROFILE) when arg is NULL. Free with
 * check_profile_free. */
int cli_load_profile(const char *arg, struct check_profile **p, struct vg_err *err);
struct sign_key;
/* Signs the scorecard file at path with k: PATH.minisig (trusted comment: signer, default
 * the scorecard's organisation, time, tool, questionnaire id, version and sha256), or
 * PATH.p7s with the certificate cert; *sigpath (caller frees) names it. Refuses a file
 * that is not a scorecard. */
int cli_sign_scorecard(const char *path, const struct sign_key *k, const char *cert,
                       const char *signer, char **sigpath, struct vg_err *err);
struct scorecard;
/* The questionnaire a scorecard answers, for report and compare: -q qarg when given, else
 * the embedded one of the scorecard's id; NULL (with a warning only for qarg) when none
 * has the scorecard's sha256. Free with model_questionnaire_free. */
struct vg_questionnaire *cli_report_questionnaire(const struct scorecard *sc, const char *qarg);
/* Formats v with decimals digits (and its sign when sign is set) and cli_lang's decimal
 * mark into buf (vg_num); for text and HTML, never for JSON or CSV. Returns buf. */
const char *cli_num(double v, int decimals, bool sign, char *buf, size_t len);
/* Returns fr or en according to cli_lang. */
const char *cli_tr(const char *fr, const char *en);
/* The word for the verdict of an endpoint (vigie tls) or a domain (vigie dns) in cli_lang:
 * 0 pass, 1 warn, 2 fail, anything else error (enum tls_verdict and enum dns_verdict). */
const char *cli_verdict_word(int verdict);
/* The word for a finding's severity in cli_lang: 0 info, 1 low, 2 medium, 3 high (enum
 * tls_severity and enum dns_severity). */
const char *cli_severity_word(int severity);
/* Prints s (NULL: "") as a JSON string on stdout: quotes, backslashes and control bytes
 * escaped (vigie tls and dns --json). */
void cli_json_str(const char *s);
/* Prints a finding of vigie tls or dns as text in cli_lang: "  [severity] code : sentence"
 * (no space before the colon in English), then detail on a line of its own when it is not
 * empty. */
void cli_finding_text(int severity, const char *code, const char *fr, const char *en,
                      const char *detail);
/* Prints why vigie tls or dns could not test a target: "  Erreur [code] : sentence". */
void cli_error_text(const char *code, const char *fr, const char *en);
/* Prints a finding of vigie tls or dns as an object of a JSON findings array on stdout,
 * after a comma unless it is the first; aspect NULL when the finding has none. */
void cli_finding_json(bool first, const char *code, const char *aspect, const char *severity,
                      const char *fr, const char *en, const char *detail);
/* Reads a whole decimal number of lo..hi from an option's value into *out: 0, or -1 when
 * s is empty, holds anything else or is out of range. */
int cli_number(const char *s, long lo, long hi, long *out);
/* True when arg is -h or --help. */
int cli_is_help(const char *arg);

#endif
