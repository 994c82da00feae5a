/* walk: depth-first walks over directory fds, shared between worker threads.
 *
 * Each worker walks a subtree depth first with an explicit stack (no recursion, so depth
 * is bounded by memory only). A level reads its whole directory first (fstatat of every
 * entry, visit), keeping the names of the subdirectories to enter. The fds of the
 * WALK_FD_KEEP outermost levels of a stack stay open; deeper, a parent's fd is closed
 * before descending and opened again through the child's ".." (checked against the
 * parent's device and inode), so a path of any depth needs a bounded number of fds.
 * When a worker is idle, the others hand it subdirectories (an open fd and its path)
 * through a small shared queue instead of entering them. */
#include "check/walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WALK_FD_KEEP   32 /* levels of a stack whose fd stays open */
#define WALK_QUEUE_MAX 16 /* subtrees waiting for a worker */
#define WALK_PROGRESS  64 /* entries between looks at the clock */

/* A subtree handed to a worker: an open directory and its path. */
struct walk_item {
	int fd;
	char *path; /* heap */
	dev_t startdev;
};

/* What the workers share. */
struct walk_shared {
	const struct walk_opts *o;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct walk_item queue[WALK_QUEUE_MAX];
	size_t qlen;
	_Atomic int nidle;
	int nthreads; /* workers running; under lock */
	bool done;
	_Atomic size_t examined;
	_Atomic bool stop;             /* progress said stop */
	_Atomic long long next_report; /* CLOCK_MONOTONIC ms of the next progress call */
	pthread_mutex_t report;        /* one progress call at a time */
};

/* One level of a worker's stack. */
struct walk_level {
	int fd;   /* -1 while closed (deep levels) */
	DIR *dir; /* owns fd while not NULL */
	dev_t dev;
	ino_t ino;
	size_t pathlen; /* length of the path buffer at this level */
	char *names;    /* pending subdirectories: ino_t, then the NUL-terminated name */
	size_t nlen, ncap, pos;
};

/* A worker: its stack and path buffer. */
struct walk_worker {
	struct walk_shared *sh;
	int index;
	struct walk_level *stack;
	size_t depth, cap;
	char *path;
	size_t pathcap;
	size_t seen; /* entries since the last flush into sh->examined */
};

int walk_open_in_root(int rootfd, const char *path, int flags)
{
	const char *name;
	int dfd, fd, saved;

	dfd = walk_open_parent(rootfd, path, &name);
	if (dfd < 0)
		return -1;
	fd = openat(dfd, name, flags | O_NOFOLLOW | O_CLOEXEC);
	saved = errno;
	close(dfd);
	errno = saved;
	return fd;
}

int walk_open_parent(int rootfd, const char *path, const char **name)
{
	const char *p = path, *slash;
	char comp[256];
	int dfd, next;

	if (path[0] != '/') {
		errno = EINVAL;
		return -1;
	}
	dfd = fcntl(rootfd, F_DUPFD_CLOEXEC, 0);
	if (dfd < 0)
		return -1;
	if (strcmp(path, "/") == 0) {
		*name = ".";
		return dfd;
	}
	p = path + 1;
	while ((slash = strchr(p, '/')) != NULL) {
		size_t n = (size_t)(slash - p);

		if (n == 0 || n >= sizeof comp || (n == 2 && p[0] == '.' && p[1] == '.')) {
			close(dfd);
			errno = n >= sizeof comp ? ENAMETOOLONG : EINVAL;
			return -1;
		}
		memcpy(comp, p, n);
		comp[n] = '\0';
		next = openat(dfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0) {
			int saved = errno;

			close(dfd);
			errno = saved;
			return -1;
		}
		close(dfd);
		dfd = next;
		p = slash + 1;
	}
	if (*p == '\0' || strcmp(p, "..") == 0) {
		close(dfd);
		errno = EINVAL;
		return -1;
	}
	*name = p;
	return dfd;
}

static long long walk_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Adds the entries this worker saw to the total and, when WALK_PROGRESS_MS have passed,
 * reports progress with the top directory of this worker's path. */
static void walk_flush(struct walk_worker *w)
{
	struct walk_shared *sh = w->sh;
	size_t total = atomic_fetch_add(&sh->examined, w->seen) + w->seen;
	long long now;
	char top[256];
	const char *slash;
	size_t n;

	w->seen = 0;
	if (sh->o->progress == NULL || atomic_load_explicit(&sh->stop, memory_order_relaxed))
		return;
	now = walk_now_ms();
	if (now < atomic_load_explicit(&sh->next_report, memory_order_relaxed) ||
	    pthread_mutex_trylock(&sh->report) != 0)
		return;
	atomic_store(&sh->next_report, now + WALK_PROGRESS_MS);
	/* "/usr/share/doc" -> "/usr" */
	slash = w->path != NULL && w->path[0] == '/' ? strchr(w->path + 1, '/') : NULL;
	n = w->path == NULL ? 0 : slash != NULL ? (size_t)(slash - w->path) : strlen(w->path);
	if (n == 0 || n >= sizeof top)
		snprintf(top, sizeof top, "/");
	else
		snprintf(top, sizeof top, "%.*s", (int)n, w->path);
	if (!sh->o->progress(sh->o->arg, total, top))
		atomic_store(&sh->stop, true);
	pthread_mutex_unlock(&sh->report);
}

static bool walk_stopped(const struct walk_worker *w)
{
	return atomic_load_explicit(&w->sh->stop, memory_order_relaxed);
}

/* Makes room for n more bytes of path. */
static int walk_path_reserve(struct walk_worker *w, size_t used, size_t n)
{
	size_t need = used + n + 1;

	if (need > WALK_PATH_MAX)
		return -1;
	if (need > w->pathcap) {
		size_t cap = w->pathcap ? w->pathcap : 256;

		while (cap < need)
			cap *= 2;
		w->path = vg_reallocarray(w->path, cap, 1);
		w->pathcap = cap;
	}
	return 0;
}

/* Appends "/name" to the path of the current level; returns the new length or 0 when the
 * path would be too long. */
static size_t walk_path_push(struct walk_worker *w, size_t len, const char *name)
{
	size_t n = strlen(name);
	bool slash = !(len == 1 && w->path[0] == '/');

	if (walk_path_reserve(w, len, n + 1) != 0)
		return 0;
	if (slash)
		w->path[len++] = '/';
	memcpy(w->path + len, name, n + 1);
	return len + n;
}

static bool walk_excluded(const struct walk_opts *o, const char *path)
{
	for (size_t i = 0; i < o->nexclude; i++)
		if (strcmp(o->exclude[i], path) == 0)
			return true;
	return false;
}

static void walk_problem(struct walk_worker *w, const char *path, int errnum,
                         enum walk_problem what)
{
	if (w->sh->o->problem != NULL)
		w->sh->o->problem(w->sh->o->arg, path, errnum, what);
}

/* Hands a subdirectory to an idle worker when one waits; true when it was taken. */
static bool walk_donate(struct walk_worker *w, int parentfd, const char *name, ino_t ino,
                        dev_t startdev, size_t pathlen)
{
	struct walk_shared *sh = w->sh;
	struct stat st;
	bool taken = false;
	int fd;

	if (atomic_load_explicit(&sh->nidle, memory_order_relaxed) == 0)
		return false;
	pthread_mutex_lock(&sh->lock);
	if (sh->qlen < (size_t)atomic_load(&sh->nidle) && sh->qlen < WALK_QUEUE_MAX) {
		fd = openat(parentfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && (fstat(fd, &st) != 0 || st.st_ino != ino)) {
			close(fd);
			fd = -1;
			errno = ENOENT; /* replaced since listed: not the entry we saw */
		}
		if (fd >= 0) {
			sh->queue[sh->qlen].fd = fd;
			sh->queue[sh->qlen].path = vg_strdup(w->path);
			sh->queue[sh->qlen].startdev = startdev;
			sh->qlen++;
			pthread_cond_signal(&sh->cond);
		} else if (errno != ENOENT && errno != ELOOP && errno != ENOTDIR) {
			int saved = errno;

			pthread_mutex_unlock(&sh->lock);
			walk_problem(w, w->path, saved, WALK_DIR_UNREADABLE);
			w->path[pathlen] = '\0';
			return true;
		}
		taken = true;
	}
	pthread_mutex_unlock(&sh->lock);
	return taken;
}

static void walk_names_add(struct walk_level *l, ino_t ino, const char *name)
{
	size_t n = strlen(name) + 1;

	if (l->nlen + sizeof ino + n > l->ncap) {
		size_t cap = l->ncap ? l->ncap * 2 : 1024;

		while (cap < l->nlen + sizeof ino + n)
			cap *= 2;
		l->names = vg_reallocarray(l->names, cap, 1);
		l->ncap = cap;
	}
	memcpy(l->names + l->nlen, &ino, sizeof ino);
	memcpy(l->names + l->nlen + sizeof ino, name, n);
	l->nlen += sizeof ino + n;
}

static struct walk_level *walk_push(struct walk_worker *w)
{
	struct walk_level *l;

	if (w->depth == w->cap) {
		size_t old = w->cap;

		w->cap = w->cap ? w->cap * 2 : 64;
		w->stack = vg_reallocarray(w->stack, w->cap, sizeof *w->stack);
		memset(w->stack + old, 0, (w->cap - old) * sizeof *w->stack);
	}
	l = &w->stack[w->depth++];
	l->fd = -1;
	l->dir = NULL;
	l->nlen = 0;
	l->pos = 0;
	/* names and ncap are kept from an earlier use of this slot */
	return l;
}

/* Reads the directory of level l: visits every entry and lists its subdirectories. */
static void walk_read(struct walk_worker *w, struct walk_level *l, dev_t startdev)
{
	const struct walk_opts *o = w->sh->o;
	struct dirent *de;
	struct stat st;
	bool denied = false;

	l->dir = fdopendir(l->fd);
	if (l->dir == NULL) {
		/* The fd stays open: walk_pop may need its ".." to climb back. */
		walk_problem(w, w->path, errno, WALK_DIR_UNREADABLE);
		return;
	}
	for (;;) {
		struct walk_entry e;
		size_t len;

		if (walk_stopped(w)) {
			l->nlen = 0; /* enter none of its subdirectories */
			break;
		}
		errno = 0;
		de = readdir(l->dir);
		if (de == NULL) {
			if (errno != 0)
				walk_problem(w, w->path, errno, WALK_DIR_UNREADABLE);
			break;
		}
		if (de->d_name[0] == '.' &&
		    (de->d_name[1] == '\0' || (de->d_name[1] == '.' && de->d_name[2] == '\0')))
			continue;
		if (fstatat(l->fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno == EACCES && !denied) {
				denied = true;
				walk_problem(w, w->path, errno, WALK_ENTRIES_UNREADABLE);
			} else if (errno != ENOENT && errno != EACCES) {
				len = walk_path_push(w, l->pathlen, de->d_name);
				if (len > 0)
					walk_problem(w, w->path, errno, WALK_ENTRY_UNREADABLE);
				w->path[l->pathlen] = '\0';
			}
			continue;
		}
		len = walk_path_push(w, l->pathlen, de->d_name);
		if (len == 0) {
			walk_problem(w, w->path, ENAMETOOLONG, WALK_TOO_LONG);
			w->path[l->pathlen] = '\0';
			continue;
		}
		e.path = w->path;
		e.pathlen = len;
		e.name = de->d_name;
		e.dirfd = l->fd;
		e.st = &st;
		o->visit(o->arg, &e);
		if (++w->seen >= WALK_PROGRESS)
			walk_flush(w);
		if (S_ISDIR(st.st_mode) && (o->cross_fs || st.st_dev == startdev) &&
		    (o->nexclude == 0 || !walk_excluded(o, w->path)))
			walk_names_add(l, st.st_ino, de->d_name);
		w->path[l->pathlen] = '\0';
	}
}

/* Closes the level on top of the stack and makes its parent's fd usable again. */
static void walk_pop(struct walk_worker *w)
{
	struct walk_level *l = &w->stack[w->depth - 1];
	struct walk_level *parent = w->depth >= 2 ? &w->stack[w->depth - 2] : NULL;

	if (parent != NULL && parent->fd < 0 && l->fd >= 0) {
		struct stat st;
		int fd = openat(l->fd, "..", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (fd >= 0 && fstat(fd, &st) == 0 && st.st_dev == parent->dev &&
		    st.st_ino == parent->ino) {
			parent->fd = fd;
		} else {
			if (fd >= 0)
				close(fd);
			w->path[parent->pathlen] = '\0';
			walk_problem(w, w->path, ESTALE, WALK_MOVED);
			parent->pos = parent->nlen; /* nothing more to enter there */
		}
	}
	if (l->dir != NULL)
		closedir(l->dir);
	else if (l->fd >= 0)
		close(l->fd);
	l->dir = NULL;
	l->fd = -1;
	w->depth--;
}

/* Walks the subtree of an item depth first; consumes item->fd. */
static void walk_subtree(struct walk_worker *w, struct walk_item *item)
{
	size_t len = strlen(item->path);
	struct walk_level *l;
	struct stat st;

	if (walk_path_reserve(w, 0, len) != 0) {
		close(item->fd);
		return;
	}
	memcpy(w->path, item->path, len + 1);
	if (fstat(item->fd, &st) != 0) {
		close(item->fd);
		return;
	}
	l = walk_push(w);
	l->fd = item->fd;
	l->dev = st.st_dev;
	l->ino = st.st_ino;
	l->pathlen = len;
	walk_read(w, l, item->startdev);
	while (w->depth > 0) {
		struct walk_level *top = &w->stack[w->depth - 1], *child;
		const char *name;
		ino_t ino;
		size_t clen;
		int fd;

		if (top->fd < 0 || top->pos >= top->nlen || walk_stopped(w)) {
			walk_pop(w);
			continue;
		}
		memcpy(&ino, top->names + top->pos, sizeof ino);
		name = top->names + top->pos + sizeof ino;
		top->pos += sizeof ino + strlen(name) + 1;
		clen = walk_path_push(w, top->pathlen, name);
		if (clen == 0) {
			walk_problem(w, w->path, ENAMETOOLONG, WALK_TOO_LONG);
			w->path[top->pathlen] = '\0';
			continue;
		}
		if (walk_donate(w, top->fd, name, ino, item->startdev, top->pathlen)) {
			w->path[top->pathlen] = '\0';
			continue;
		}
		fd = openat(top->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			if (errno != ENOENT && errno != ELOOP && errno != ENOTDIR)
				walk_problem(w, w->path, errno, WALK_DIR_UNREADABLE);
			w->path[top->pathlen] = '\0';
			continue;
		}
		if (fstat(fd, &st) != 0 || st.st_ino != ino) {
			close(fd); /* replaced since it was listed */
			w->path[top->pathlen] = '\0';
			continue;
		}
		if (w->depth >= WALK_FD_KEEP) {
			/* Deep: free the parent's fd; walk_pop reopens it through "..". */
			if (top->dir != NULL)
				closedir(top->dir);
			else
				close(top->fd);
			top->dir = NULL;
			top->fd = -1;
		}
		child = walk_push(w);
		child->fd = fd;
		child->dev = st.st_dev;
		child->ino = st.st_ino;
		child->pathlen = clen;
		walk_read(w, child, item->startdev);
	}
	free(item->path);
}

static bool walk_take(struct walk_shared *sh, struct walk_item *item)
{
	pthread_mutex_lock(&sh->lock);
	for (;;) {
		if (sh->qlen > 0 && !atomic_load(&sh->stop)) {
			*item = sh->queue[--sh->qlen];
			pthread_mutex_unlock(&sh->lock);
			return true;
		}
		if (sh->done)
			break;
		if (atomic_fetch_add(&sh->nidle, 1) + 1 >= sh->nthreads) {
			sh->done = true;
			pthread_cond_broadcast(&sh->cond);
			break;
		}
		pthread_cond_wait(&sh->cond, &sh->lock);
		atomic_fetch_sub(&sh->nidle, 1);
	}
	pthread_mutex_unlock(&sh->lock);
	return false;
}

static void *walk_worker_main(void *arg)
{
	struct walk_worker *w = arg;
	struct walk_item item;

	while (walk_take(w->sh, &item))
		walk_subtree(w, &item);
	atomic_fetch_add(&w->sh->examined, w->seen);
	w->seen = 0;
	for (size_t i = 0; i < w->cap; i++)
		free(w->stack[i].names);
	free(w->stack);
	free(w->path);
	return NULL;
}

/* Visits a start path itself, and queues it when it is a directory to enter. */
static void walk_start(struct walk_shared *sh, const char *path)
{
	const struct walk_opts *o = sh->o;
	struct walk_entry e;
	struct stat st;
	const char *name;
	int pfd, fd;

	pfd = walk_open_parent(o->rootfd, path, &name);
	if (pfd < 0) {
		if (errno != ENOENT && errno != ENOTDIR && errno != ELOOP && o->problem)
			o->problem(o->arg, path, errno, WALK_ENTRY_UNREADABLE);
		return;
	}
	if (fstatat(pfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno != ENOENT && o->problem)
			o->problem(o->arg, path, errno, WALK_ENTRY_UNREADABLE);
		close(pfd);
		return;
	}
	e.path = path;
	e.pathlen = strlen(path);
	e.name = name;
	e.dirfd = pfd;
	e.st = &st;
	o->visit(o->arg, &e);
	atomic_fetch_add(&sh->examined, 1);
	if (S_ISDIR(st.st_mode) && sh->qlen < WALK_QUEUE_MAX) {
		fd = openat(pfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			if (errno != ENOENT && o->problem)
				o->problem(o->arg, path, errno, WALK_DIR_UNREADABLE);
		} else {
			sh->queue[sh->qlen].fd = fd;
			sh->queue[sh->qlen].path = vg_strdup(path);
			sh->queue[sh->qlen].startdev = st.st_dev;
			sh->qlen++;
		}
	}
	close(pfd);
}

int walk_run(const struct walk_opts *o, size_t *examined, struct vg_err *err)
{
	struct walk_shared sh;
	struct walk_worker *w;
	pthread_t *tids;
	int nthreads = o->threads < 1 ? 1 : o->threads, started = 1;

	memset(&sh, 0, sizeof sh);
	sh.o = o;
	sh.nthreads = nthreads;
	atomic_store(&sh.next_report, walk_now_ms());
	pthread_mutex_init(&sh.report, NULL);
	pthread_mutex_init(&sh.lock, NULL);
	pthread_cond_init(&sh.cond, NULL);
	for (size_t i = 0; i < o->npaths && i < WALK_QUEUE_MAX; i++)
		walk_start(&sh, o->paths[i]);
	w = vg_calloc((size_t)nthreads, sizeof *w);
	tids = vg_calloc((size_t)nthreads, sizeof *tids);
	w[0].sh = &sh;
	for (int i = 1; i < nthreads; i++) {
		w[i].sh = &sh;
		w[i].index = i;
		if (pthread_create(&tids[i], NULL, walk_worker_main, &w[i]) != 0) {
			/* Fewer workers: the idle count must match the ones that exist. */
			pthread_mutex_lock(&sh.lock);
			sh.nthreads = started;
			if (atomic_load(&sh.nidle) >= sh.nthreads) {
				sh.done = true;
				pthread_cond_broadcast(&sh.cond);
			}
			pthread_mutex_unlock(&sh.lock);
			break;
		}
		started = i + 1;
	}
	walk_worker_main(&w[0]);
	for (int i = 1; i < started; i++)
		pthread_join(tids[i], NULL);
	while (sh.qlen > 0) {
		sh.qlen--;
		close(sh.queue[sh.qlen].fd);
		free(sh.queue[sh.qlen].path);
	}
	pthread_mutex_destroy(&sh.lock);
	pthread_mutex_destroy(&sh.report);
	pthread_cond_destroy(&sh.cond);
	*examined = atomic_load(&sh.examined);
	free(w);
	free(tids);
	(void)err;
	return 0;
}
