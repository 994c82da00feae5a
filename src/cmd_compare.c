/* vigie compare: what changed between two scorecards of one organisation. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "report.h"
#include "scorecard.h"

static void compare_usage(FILE *f)
{
	fputs("Usage: vigie compare [--force] [--lang fr|en] [-q QUESTIONNAIRE] OLD NEW\n"
	      "\n"
	      "Prints what changed between two scorecards of one organisation: grade,\n"
	      "domain scores, answers that rose or fell, findings new or fixed.\n"
	      "\n"
	      "Options:\n"
	      "  -f, --force        compare even when the organisation (INSEE code or name)\n"
	      "                     or the questionnaire id differ\n"
	      "  -l, --lang fr|en   language of the output (default: vigie's)\n"
	      "  -q, --questionnaire FILE  the questionnaire of NEW, for the questions' texts\n"
	      "                     (default: the embedded one, when its SHA-256 matches)\n"
	      "  -h, --help         show this help\n"
	      "\n"
	      "Exit codes: 0 compared, 1 invalid input or scorecards that do not compare,\n"
	      "2 usage error.\n",
	      f);
}

static int cmd_compare_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"force", no_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'l'},
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct scorecard *o = NULL, *n = NULL;
	struct vg_err err = {0};
	enum vg_lang lang = cli_lang;
	struct vg_buf out;
	char why[512];
	struct vg_questionnaire *q = NULL;
	struct report_opts ro = {0};
	const char *qarg = NULL;
	int c, force = 0, rc = CLI_EXIT_OK;

	optind = 0; /* 0: glibc starts afresh, options may follow the files */
	opterr = 0;
	while ((c = getopt_long(argc, argv, "fl:q:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = 1;
			break;
		case 'l':
			if (strcmp(optarg, "fr") == 0)
				lang = VG_LANG_FR;
			else if (strcmp(optarg, "en") == 0)
				lang = VG_LANG_EN;
			else
				return cli_usage_error("compare", "--lang takes fr or en, not '%s'",
				                       optarg);
			break;
		case 'q':
			qarg = optarg;
			break;
		case 'h':
			compare_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("compare", "unknown option or missing value '%s'",
			                       argv[optind - 1]);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error("compare", "two scorecards are required: OLD NEW");
	if (scorecard_read_file(argv[optind], &o, &err) != 0 ||
	    scorecard_read_file(argv[optind + 1], &n, &err) != 0) {
		cli_warnx("%s", err.msg);
		scorecard_free(o);
		return cli_exit_code(&err);
	}
	if (!force && report_mismatch(o, n, why, sizeof why)) {
		cli_warnx("%s and %s: %s; use --force to compare them anyway", argv[optind],
		          argv[optind + 1], why);
		scorecard_free(o);
		scorecard_free(n);
		return CLI_EXIT_FAIL;
	}
	q = cli_report_questionnaire(n, qarg);
	ro.lang = lang;
	ro.q = q;
	vg_buf_init(&out, REPORT_MAX_OUT);
	if (report_compare_text(o, n, &ro, &out, &err) != 0) {
		cli_warnx("%s", err.msg);
		rc = CLI_EXIT_FAIL;
	} else {
		fwrite(out.data, 1, out.len, stdout);
	}
	vg_buf_free(&out);
	model_questionnaire_free(q);
	scorecard_free(o);
	scorecard_free(n);
	return rc;
}

const struct cli_cmd cmd_compare_entry = {
    "compare",
    "[--force] [--lang fr|en] OLD NEW",
    "what changed between two scorecards of one organisation",
    cmd_compare_exec,
};
