/* paths: data directory lookup from the executable's own location (/proc/self/exe).
 *
 * The build tree's binary is recognised by its directory being exactly the build
 * directory: a copy elsewhere, even inside the build tree (a test's DESTDIR install, a
 * lone copy), is treated like any installed binary. */
#include "paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef VIGIE_BUILD_DIR
#define VIGIE_BUILD_DIR ""
#endif
#ifndef VIGIE_SOURCE_DIR
#define VIGIE_SOURCE_DIR ""
#endif
#ifndef VIGIE_DATADIR
#define VIGIE_DATADIR "/usr/local/share/vigie"
#endif
#ifndef VIGIE_DATADIR_REL
#define VIGIE_DATADIR_REL "../share/vigie"
#endif
#ifndef VIGIE_LOCALEDIR
#define VIGIE_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef VIGIE_LOCALEDIR_REL
#define VIGIE_LOCALEDIR_REL "../share/locale"
#endif

static int paths_is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Fills buf with the directory of the running executable; -1 when /proc is missing. */
static int paths_exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= len - 1)
		return -1;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return -1;
	slash[slash == buf] = '\0'; /* keeps "/" for an executable at the root */
	return 0;
}

/* True when the running executable sits in the build directory itself. */
static int paths_in_build_tree(const char *exe_dir)
{
	char build[PATH_MAX];

	if (VIGIE_BUILD_DIR[0] == '\0' || realpath(VIGIE_BUILD_DIR, build) == NULL)
		return 0;
	return strcmp(build, exe_dir) == 0;
}

/* Picks the directory: build when this is the build tree's binary, else exe_dir/rel; abs
 * only when the executable's location is unknown (no /proc). NULL when it does not exist. */
static const char *paths_pick(char *out, size_t len, const char *build, const char *rel,
                              const char *abs)
{
	char exe_dir[PATH_MAX];
	int n;

	if (paths_exe_dir(exe_dir, sizeof exe_dir) == 0) {
		if (paths_in_build_tree(exe_dir)) {
			if (paths_is_dir(build) && strlen(build) < len) {
				strcpy(out, build);
				return out;
			}
		} else {
			char joined[PATH_MAX], real[PATH_MAX];

			n = snprintf(joined, sizeof joined, "%s/%s",
			             strcmp(exe_dir, "/") == 0 ? "" : exe_dir, rel);
			if (n > 0 && (size_t)n < sizeof joined && realpath(joined, real) != NULL &&
			    paths_is_dir(real) && strlen(real) < len) {
				strcpy(out, real);
				return out;
			}
		}
		return NULL;
	}
	if (paths_is_dir(abs) && strlen(abs) < len) {
		strcpy(out, abs);
		return out;
	}
	return NULL;
}

const char *paths_data_dir(void)
{
	static char dir[PATHS_MAX];
	static int done;
	static const char *found;

	if (!done) {
		found =
		    paths_pick(dir, sizeof dir, VIGIE_SOURCE_DIR, VIGIE_DATADIR_REL, VIGIE_DATADIR);
		done = 1;
	}
	return found;
}

int paths_data_file(const char *subdir, const char *name, char *buf, size_t len)
{
	const char *dir = paths_data_dir();
	struct stat st;
	int n;

	if (dir == NULL)
		return -1;
	n = snprintf(buf, len, "%s/%s/%s", dir, subdir, name);
	if (n < 0 || (size_t)n >= len)
		return -1;
	if (stat(buf, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	return 0;
}

const char *paths_locale_dir(void)
{
	static char dir[PATHS_MAX];
	static int done;
	static const char *found;

	if (!done) {
		found = paths_pick(dir, sizeof dir, VIGIE_BUILD_DIR "/locale", VIGIE_LOCALEDIR_REL,
		                   VIGIE_LOCALEDIR);
		done = 1;
	}
	return found;
}
