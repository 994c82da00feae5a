/* paths: where vigie finds its data files (questionnaires, check profiles, catalogues). */
#ifndef VIGIE_PATHS_H
#define VIGIE_PATHS_H

#include <stddef.h>

/* Longest path paths_* functions build. */
#define PATHS_MAX 4096

/* The data directory: the source tree when this is the binary of the build tree, else the
 * installed share/vigie beside the executable (../share/vigie); the configured datadir only
 * when /proc/self/exe cannot be read. NULL when it does not exist (only the embedded files
 * are then available). The string is static: do not free it. */
const char *paths_data_dir(void);
/* Writes DATADIR/SUBDIR/NAME into buf when that is a regular file; returns 0, or -1 when
 * there is no data directory, no such file, or the path does not fit. */
int paths_data_file(const char *subdir, const char *name, char *buf, size_t len);
/* The directory of the compiled message catalogues (LANG/LC_MESSAGES/vigie.mo) for
 * bindtextdomain: the build tree's locale/, or the installed share/locale. Static. */
const char *paths_locale_dir(void);

#endif
