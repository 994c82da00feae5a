/* vigie assess: the interactive assessment (what `vigie` alone runs). */
#include <getopt.h>
#include <libintl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cmds.h"
#include "scorecard.h"
#include "scoring.h"
#include "session.h"
#include "tui/tui.h"

#define _(s) gettext(s)

/* Scores the answers (with any evidence) and writes the scorecard JSON to path. */
static int assess_scorecard_write(const struct vg_answers *as, const struct vg_evidence *ev,
                                  size_t nev, const char *path, struct vg_err *err)
{
	struct score_result r;
	struct scorecard_input in;
	char *out = NULL;
	size_t len;
	int rc;

	score_compute(as, ev, nev, &r);
	in = (struct scorecard_input){as, &r, ev, nev, NULL, NULL};
	rc = scorecard_write(&in, &out, &len, err);
	if (rc == 0)
		rc = vg_write_atomic(path, out, len, 0600, err);
	free(out);
	score_free(&r);
	return rc;
}

/*
 * HOOK: what other parts of vigie plug into the assessment. NULL means "not in this
 * build": the checks screen says so. Export always writes the answers file
 * (vigie-answers/1); with scorecard_write it also writes the scorecard JSON, signed when
 * scorecard_sign is set.
 */
static const struct tui_hooks assess_hooks = {
    .checks_run = NULL,    /* HOOK(checks engineer): run the embedded check profile */
    .evidence_free = NULL, /* HOOK(checks engineer): free what checks_run returned */
    .scorecard_write = assess_scorecard_write, /* scorecard.c, through the adapter above */
    .scorecard_sign = NULL, /* HOOK(signing engineer): sign it (minisign format) */
};

static void assess_usage(FILE *f)
{
	fputs("Usage: vigie assess [-q QUESTIONNAIRE] [--session FILE] [--plain] [--new]\n"
	      "                    [--lang fr|en] [--export-dir DIR]\n"
	      "       vigie [OPTIONS]   (the same: vigie alone runs the assessment)\n"
	      "\n"
	      "Runs the interactive assessment: welcome, context questions, the questions of\n"
	      "each domain, automated checks, result and export. Every answer is saved the\n"
	      "moment it is given; run the same command again to resume where you stopped.\n"
	      "\n"
	      "Options:\n"
	      "  -q, --questionnaire FILE|NAME  questionnaire (default: the embedded one)\n"
	      "  -s, --session FILE     session file (default:\n"
	      "                         $XDG_STATE_HOME/vigie/session-ID.json, or\n"
	      "                         ~/.local/state/vigie/session-ID.json)\n"
	      "  -p, --plain            numbered prompts on stdin/stdout instead of the full-\n"
	      "                         screen UI (automatic when either is not a terminal)\n"
	      "  -n, --new              start over; the old session is kept as FILE.DATE.bak\n"
	      "  -l, --lang fr|en       language (default: the session's, else French)\n"
	      "  -o, --export-dir DIR   where export writes its file (default: .)\n"
	      "  -h, --help             show this help\n"
	      "\n"
	      "The full-screen UI needs 80x24 at least. NO_COLOR turns colours off.\n"
	      "Exit codes: 0 saved (finished or not), 1 invalid input or failure, 2 usage error,\n"
	      "128+N ended by signal N (answers saved).\n",
	      f);
}

/* Loads the session at path, or makes a new one; *notice (caller frees) says what
 * happened when the user should know. */
static int assess_session(struct vg_questionnaire *q, const char *path, bool fresh, bool defer,
                          struct session **s, char **notice, struct vg_err *err)
{
	char *backup = NULL, *migrated = NULL;
	struct stat st;

	*notice = NULL;
	if (fresh) {
		if (session_backup(path, &backup, err) != 0)
			return -1;
		if (backup != NULL)
			*notice = vg_asprintf(_("Nouvelle session ; l'ancienne est gardée dans %s"),
			                      backup);
		free(backup);
	}
	if (lstat(path, &st) != 0) {
		*s = session_new(q, path);
		(*s)->lang = cli_lang;
		/* The TUI syncs it after its first screen (see session_sync). */
		(*s)->defer_sync = defer;
		return session_save(*s, err);
	}
	if (session_load(q, path, s, &migrated, err) != 0) {
		size_t n = strlen(err->msg);

		if (strstr(err->msg, "--new") == NULL && n + 80 < sizeof err->msg)
			snprintf(err->msg + n, sizeof err->msg - n,
			         "; to start over run with --new (the old file is kept)");
		return -1;
	}
	if (migrated != NULL) {
		/* Keep the file as it was before answers are dropped from it. */
		if (session_backup(path, &backup, err) != 0 || session_save(*s, err) != 0) {
			free(migrated);
			free(backup);
			session_free(*s);
			*s = NULL;
			return -1;
		}
		*notice = vg_asprintf(_("Le questionnaire a changé depuis cette session : réponses "
		                        "reprises par identifiant de question (copie de l'ancienne "
		                        "session : %s). %s"),
		                      backup, migrated);
		free(migrated);
		free(backup);
	}
	if (cli_lang_explicit)
		(*s)->lang = cli_lang;
	else
		cli_lang = (*s)->lang;
	return 0;
}

static int cmd_assess_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"session", required_argument, NULL, 's'},
	    {"plain", no_argument, NULL, 'p'},
	    {"new", no_argument, NULL, 'n'},
	    {"lang", required_argument, NULL, 'l'},
	    {"export-dir", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *qarg = NULL, *spath = NULL, *outdir = ".", *term = getenv("TERM");
	struct vg_questionnaire *q = NULL;
	struct session *s = NULL;
	struct vg_err err = {0};
	struct tui_opts o;
	char *path = NULL, *notice = NULL;
	bool plain = false, fresh = false;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+q:s:pnl:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			qarg = optarg;
			break;
		case 's':
			spath = optarg;
			break;
		case 'p':
			plain = true;
			break;
		case 'n':
			fresh = true;
			break;
		case 'l':
			if (strcmp(optarg, "fr") != 0 && strcmp(optarg, "en") != 0)
				return cli_usage_error("assess", "--lang takes fr or en, not '%s'",
				                       optarg);
			cli_lang = strcmp(optarg, "en") == 0 ? VG_LANG_EN : VG_LANG_FR;
			cli_lang_explicit = true;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'h':
			assess_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("assess", "unknown option or missing value '%s'",
			                       argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_usage_error("assess", "unexpected argument '%s'", argv[optind]);
	if (cli_load_questionnaire(qarg, &q, &err) != 0)
		goto fail;
	if (spath != NULL)
		path = vg_strdup(spath);
	else if (session_default_path(q->id, &path, &err) != 0)
		goto fail;
	if (!isatty(0) || !isatty(1) || term == NULL || strcmp(term, "dumb") == 0)
		plain = true;
	if (assess_session(q, path, fresh, !plain, &s, &notice, &err) != 0)
		goto fail;
	tui_i18n_set(s->lang);
	o = (struct tui_opts){q, s, &assess_hooks, outdir, notice};
	rc = plain ? tui_plain_run(&o, stdin, stdout, &err) : tui_run(&o, &err);
	if (rc < 0)
		goto fail;
	if (!plain) {
		if (rc > 0)
			printf("%s\n", _("vigie : interrompu."));
		printf(_("Réponses enregistrées dans %s ; relancez vigie pour reprendre."),
		       s->path);
		printf("\n");
	}
	fflush(stdout);
	session_free(s);
	model_questionnaire_free(q);
	free(path);
	free(notice);
	return rc;
fail:
	cli_warnx("%s", err.msg);
	session_free(s);
	model_questionnaire_free(q);
	free(path);
	free(notice);
	return cli_exit_code(&err);
}

const struct cli_cmd cmd_assess_entry = {
    "assess",
    "[-q QUESTIONNAIRE] [--session FILE] [--plain] [--new] [--lang fr|en]",
    "the interactive assessment (what 'vigie' alone runs)",
    cmd_assess_exec,
};
