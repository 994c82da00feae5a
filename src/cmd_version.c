/* vigie version: the version, git revision and library versions. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "version.h"

static int cmd_version_exec(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		puts(_("Utilisation : vigie version\n"
		       "\n"
		       "Affiche la version de vigie, sa révision git et les versions des "
		       "bibliothèques\n"
		       "avec lesquelles il tourne."));
		return CLI_EXIT_OK;
	}
	if (argc > 1)
		return cli_usage_error("version", _("ne prend pas d'argument"));
	version_print(stdout);
	return CLI_EXIT_OK;
}

const struct cli_cmd cmd_version_entry = {
    "version",
    "",
    N_("afficher la version et celles des bibliothèques"),
    cmd_version_exec,
};
