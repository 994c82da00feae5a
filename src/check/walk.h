/* walk: a parallel file tree walker over directory fds that never follows symbolic links,
 * never opens anything but directories, stays on one file system unless told otherwise,
 * and takes paths of any length. Used by the tree_scan kind and file_mode's globs. */
#ifndef VIGIE_WALK_H
#define VIGIE_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "util.h"

#define WALK_PATH_MAX (1u << 20) /* bytes of one path; deeper subtrees are reported */

/* One entry met by the walk. Valid only during the visit call. */
struct walk_entry {
	const char *path; /* inside the root, starting with "/" */
	size_t pathlen;
	const char *name;      /* last component ("." for the root itself) */
	int dirfd;             /* the directory holding name, for *at() calls */
	const struct stat *st; /* lstat of the entry */
};

/* What could not be examined. */
enum walk_problem {
	WALK_DIR_UNREADABLE,     /* a directory cannot be opened or listed: not entered */
	WALK_ENTRIES_UNREADABLE, /* a directory is listed but its entries cannot be examined */
	WALK_ENTRY_UNREADABLE,   /* one entry cannot be examined */
	WALK_TOO_LONG,           /* past WALK_PATH_MAX: not examined */
	WALK_MOVED,              /* moved during the walk: the rest of it not examined */
};

struct walk_opts {
	int rootfd;
	const char *const *paths; /* where to start, inside the root ("/", "/home") */
	size_t npaths;
	const char *const *exclude; /* directories not entered (exact paths inside the root) */
	size_t nexclude;
	bool cross_fs; /* enter directories on another file system than their start */
	int threads;   /* >= 1 */
	/* Called for every entry, from any worker thread, concurrently. */
	void (*visit)(void *arg, const struct walk_entry *e);
	/* Called for what could not be examined: path, errno value and what. From any
	 * worker thread. */
	void (*problem)(void *arg, const char *path, int errnum, enum walk_problem what);
	/* Called at least every WALK_PROGRESS_MS while entries are examined (one thread at a
	 * time, from any worker) with the entries seen so far and the top directory the
	 * calling worker is in ("/usr"; "/" for entries of the root itself); returning false
	 * stops the walk: every worker ends as soon as it can. May be NULL. */
	bool (*progress)(void *arg, size_t examined, const char *where);
	void *arg;
};

#define WALK_PROGRESS_MS 100 /* milliseconds between progress calls, at most */

/* Walks the trees of o->paths; returns the number of entries visited in *examined.
 * Fails only when nothing could be started (no worker thread). When progress stopped it,
 * the walk saw only part of the trees (the caller knows: its progress said so). Missing
 * start paths are skipped silently; unreadable ones go to o->problem. */
int walk_run(const struct walk_opts *o, size_t *examined, struct vg_err *err);

/* Opens path (inside the root, absolute) relative to rootfd without following any
 * symbolic link on the way: intermediate components with O_DIRECTORY|O_NOFOLLOW, the last
 * with flags|O_NOFOLLOW. Returns an fd or -1 with errno set. */
int walk_open_in_root(int rootfd, const char *path, int flags);

/* Opens the directory that holds path's last component (as walk_open_in_root does) and
 * points *name at that component inside path ("." for "/"). Returns an fd or -1. */
int walk_open_parent(int rootfd, const char *path, const char **name);

#endif
