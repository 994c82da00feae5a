/* version: vigie's own version and the versions of the libraries it runs with. */
#include "version.h"

#include "scorecard.h"
#include "sign.h"
#include "tui/tui.h"
#include "store.h"
#include "yaml_load.h"

const char *version_string(void)
{
	return VIGIE_VERSION;
}

const char *version_git_rev(void)
{
	return VIGIE_GIT_REV;
}

void version_print(FILE *f)
{
	fprintf(f, "vigie %s (git %s)\n", VIGIE_VERSION, VIGIE_GIT_REV);
	fprintf(f, "libyaml %s\n", yaml_load_lib_version());
	fprintf(f, "jansson %s\n", scorecard_lib_version());
	fprintf(f, "%s\n", sign_lib_version());
	fprintf(f, "libsodium %s\n", sign_sodium_version());
	fprintf(f, "%s\n", tui_lib_version());
	fprintf(f, "SQLite %s\n", store_lib_version());
}
