/* vigie validate: check questionnaires, answers files and check profiles. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "validate.h"
#include "yaml_load.h"

static void validate_usage(FILE *f)
{
	fputs("Usage: vigie validate [-q QUESTIONNAIRE] FILE...\n"
	      "\n"
	      "Checks each FILE: a questionnaire (format vigie-questionnaire/1), an answers\n"
	      "file (vigie-answers/1, checked against -q or the embedded questionnaire), or a\n"
	      "check profile (vigie-checks/1). Prints one line per file: OK, or every refusal\n"
	      "as file:line:column: what is wrong.\n"
	      "\n"
	      "Options:\n"
	      "  -q, --questionnaire FILE|NAME  questionnaire the answers files answer\n"
	      "  -h, --help                     show this help\n"
	      "\n"
	      "Exit codes: 0 every file is valid, 1 a file is invalid, 2 usage error.\n",
	      f);
}

static int validate_one(const char *path, const char *qarg)
{
	struct vg_err err = {0};
	char *data;
	size_t len;
	char format[128];
	int rc = -1;

	if (vg_read_file(path, YL_MAX_FILE, false, &data, &len, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	if (yaml_peek_format(path, data, len, format, sizeof format, &err) == 0) {
		const struct validate_kind *k = validate_find(format);

		if (k == NULL)
			vg_err_set(&err, VG_EINPUT,
			           "%s: format '%s' is not one vigie knows; expected one of: %s",
			           path, format[0] ? format : "(none)", validate_known_formats());
		else
			rc = k->validate(path, data, len, qarg, &err);
	}
	free(data);
	if (rc != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int cmd_validate_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"questionnaire", required_argument, NULL, 'q'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *qarg = NULL;
	int c, failed = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+q:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			qarg = optarg;
			break;
		case 'h':
			validate_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("validate", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("validate", "give at least one file to validate");
	for (int i = optind; i < argc; i++)
		if (validate_one(argv[i], qarg) != 0)
			failed = 1;
	return failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

const struct cli_cmd cmd_validate_entry = {
    "validate",
    "FILE...",
    "check questionnaires, answers files and check profiles",
    cmd_validate_exec,
};
