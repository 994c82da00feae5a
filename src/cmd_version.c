/* vigie version: the version, git revision and library versions. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "version.h"

static int cmd_version_exec(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		puts("Usage: vigie version\n\n"
		     "Prints vigie's version, git revision, and the versions of the libraries\n"
		     "it runs with.");
		return CLI_EXIT_OK;
	}
	if (argc > 1)
		return cli_usage_error("version", "takes no arguments");
	version_print(stdout);
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_version_entry = {
    "version",
    "",
    "print version and library versions",
    cmd_version_exec,
};
