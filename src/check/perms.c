/* perms: the file permission kinds. file_mode checks the mode, owner and group of named
 * files (globs allowed, symbolic links never followed); tree_scan walks trees once and
 * evaluates every rule configured on each entry. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libintl.h>

#include "check/check.h"
#include "check/userdb.h"
#include "check/walk.h"

#define PERMS_MAX_PATHS 64   /* paths of one check */
#define PERMS_MAX_MATCH 4096 /* files one glob may match */
#define PERMS_SNIFF     4096 /* bytes read at the start of a candidate key file */
#define TS_MAX_IDS      4096 /* unknown ids counted per table; more are counted apart */
#define TS_FLOOD_IDS    3    /* under --root, more unknown ids than this are told as one */
#define TS_LIST_IDS     16   /* ranges of ids named in that one finding */

#define _(s)  gettext(s)
#define N_(s) (s)

/* ---- parameters shared by both kinds ---- */

/* Refusals said for more than one key. */
#define PERMS_TOO_MANY                                                                             \
	N_("%s contient %zu chemins, au-delà de la limite de %d ; partagez-les entre plusieurs "  \
	   "vérifications")
#define PERMS_NAME_SLASH                                                                           \
	N_("%s : '%.80s' contient '/' ; donnez des noms de fichiers (les motifs comme *.key "      \
	   "sont acceptés), sans dossier")

/* A path inside the audited root: absolute, no empty, "." or ".." component, no trailing
 * slash; glob characters allowed when glob is set. */
static int perms_path(const struct yl_ctx *c, const struct yl_node *n, const char *what, bool glob,
                      const char **out)
{
	const char *s;

	if (yl_string(c, n, what, &s) != 0)
		return -1;
	if (s[0] != '/')
		return yl_fail(c, n,
		               _("%s : '%.80s' n'est pas un chemin absolu ; écrivez-le depuis la "
		                 "racine, en commençant par /"),
		               what, s);
	if (strcmp(s, "/") != 0) {
		for (const char *p = s; *p != '\0';) {
			const char *e = strchr(p + 1, '/');
			size_t len = e ? (size_t)(e - p - 1) : strlen(p + 1);

			if (len == 0 || len > 255 || (len == 1 && p[1] == '.') ||
			    (len == 2 && p[1] == '.' && p[2] == '.'))
				return yl_fail(c, n,
				               _("%s : écrivez '%.80s' simplement, sans '//', "
				                 "'.', '..', '/' final ni nom de plus de 255 "
				                 "octets"),
				               what, s);
			p = e ? e : p + 1 + len;
		}
	}
	if (!glob && strpbrk(s, "*?[") != NULL)
		return yl_fail(c, n,
		               _("%s : '%.80s' contient un caractère générique (*, ? ou [), refusé "
		                 "ici ; nommez chaque chemin en entier"),
		               what, s);
	*out = s;
	return 0;
}

static int perms_paths(const struct yl_ctx *c, const struct yl_node *n, const char *what, bool glob,
                       const char ***out, size_t *nout)
{
	if (n->kind != YL_SEQ)
		return yl_fail(c, n, _("%s doit être une liste de chemins, comme [/etc/shadow]"),
		               what);
	if (n->n == 0)
		return yl_fail(c, n, _("%s est vide ; donnez au moins un chemin"), what);
	if (n->n > PERMS_MAX_PATHS)
		return yl_fail(c, n, _(PERMS_TOO_MANY), what, n->n, PERMS_MAX_PATHS);
	*out = vg_arena_alloc(c->arena, n->n * sizeof **out);
	*nout = n->n;
	for (size_t i = 0; i < n->n; i++)
		if (perms_path(c, n->items[i], what, glob, &(*out)[i]) != 0)
			return -1;
	return 0;
}

static int perms_names(const struct yl_ctx *c, const struct yl_node *n, const char *what,
                       const char ***out, size_t *nout)
{
	if (yl_strings(c, n, what, out, nout) != 0)
		return -1;
	if (*nout == 0)
		return yl_fail(c, n, _("%s est vide ; donnez au moins un nom"), what);
	for (size_t i = 0; i < *nout; i++)
		if (strchr((*out)[i], ':') != NULL || strchr((*out)[i], '/') != NULL ||
		    strlen((*out)[i]) > 64)
			return yl_fail(c, n->kind == YL_SEQ ? n->items[i] : n,
			               _("%s : '%.80s' n'est pas un nom d'utilisateur ou de groupe "
			                 "(ni ':' ni '/', 64 caractères au plus)"),
			               what, (*out)[i]);
	return 0;
}

/* "0640" -> 0640: 3 or 4 octal digits. */
static int perms_mode(const struct yl_ctx *c, const struct yl_node *n, const char *what, int *out)
{
	const char *s;
	int v = 0;

	if (yl_string(c, n, what, &s) != 0)
		return -1;
	if (n->len < 3 || n->len > 4 || strspn(s, "01234567") != n->len)
		return yl_fail(
		    c, n,
		    _("%s : '%.80s' n'est pas un mode octal ; écrivez 3 ou 4 chiffres de "
		      "0 à 7 entre guillemets, comme \"0640\""),
		    what, s);
	for (const char *p = s; *p; p++)
		v = v * 8 + (*p - '0');
	*out = v;
	return 0;
}

static void perms_mode_string(mode_t m, char out[16])
{
	char t = S_ISDIR(m)    ? 'd'
	         : S_ISLNK(m)  ? 'l'
	         : S_ISFIFO(m) ? 'p'
	         : S_ISSOCK(m) ? 's'
	         : S_ISCHR(m)  ? 'c'
	         : S_ISBLK(m)  ? 'b'
	                       : '-';

	snprintf(out, 16, "%c%c%c%c%c%c%c%c%c%c %04o", t, m & S_IRUSR ? 'r' : '-',
	         m & S_IWUSR ? 'w' : '-',
	         m & S_ISUID ? (m & S_IXUSR ? 's' : 'S') : (m & S_IXUSR ? 'x' : '-'),
	         m & S_IRGRP ? 'r' : '-', m & S_IWGRP ? 'w' : '-',
	         m & S_ISGID ? (m & S_IXGRP ? 's' : 'S') : (m & S_IXGRP ? 'x' : '-'),
	         m & S_IROTH ? 'r' : '-', m & S_IWOTH ? 'w' : '-',
	         m & S_ISVTX ? (m & S_IXOTH ? 't' : 'T') : (m & S_IXOTH ? 'x' : '-'),
	         (unsigned)(m & 07777));
}

/* ---- file_mode ---- */

enum fm_type { FM_ANY, FM_FILE, FM_DIR };

struct fm_params {
	const char **paths;
	size_t npaths;
	int max_mode; /* -1: not checked */
	const char **owners, **groups;
	size_t nowners, ngroups;
	enum fm_type type;
	const char **commands_of; /* cron files whose commands are checked instead of paths */
	size_t ncommands_of;
};

static int fm_parse(const struct yl_ctx *c, const struct yl_node *check, const struct yl_node *n,
                    void **out)
{
	static const char *const allowed[] = {"paths", "max_mode",    "owner", "group",
	                                      "type",  "commands_of", NULL};
	struct fm_params *p = vg_arena_alloc(c->arena, sizeof *p);
	const struct yl_node *v;

	p->max_mode = -1;
	if (n == NULL)
		return yl_fail(c, check,
		               _("une vérification file_mode a besoin de params : paths (ou "
		                 "commands_of), et max_mode, owner ou group, comme {paths: "
		                 "[/etc/shadow], max_mode: \"0640\"}"));
	if (yl_keys(c, n, _("le bloc params d'une vérification file_mode"), allowed, NULL) != 0)
		return -1;
	if ((v = yl_get(n, "paths")) != NULL &&
	    perms_paths(c, v, "paths", true, &p->paths, &p->npaths) != 0)
		return -1;
	if ((v = yl_get(n, "commands_of")) != NULL &&
	    perms_paths(c, v, "commands_of", true, &p->commands_of, &p->ncommands_of) != 0)
		return -1;
	if ((p->npaths == 0) == (p->ncommands_of == 0))
		return yl_fail(c, n,
		               _("file_mode : donnez soit paths, soit commands_of, exactement l'un "
		                 "des deux"));
	if ((v = yl_get(n, "max_mode")) != NULL && perms_mode(c, v, "max_mode", &p->max_mode) != 0)
		return -1;
	if ((v = yl_get(n, "owner")) != NULL &&
	    perms_names(c, v, "owner", &p->owners, &p->nowners) != 0)
		return -1;
	if ((v = yl_get(n, "group")) != NULL &&
	    perms_names(c, v, "group", &p->groups, &p->ngroups) != 0)
		return -1;
	if ((v = yl_get(n, "type")) != NULL) {
		const char *t;

		if (yl_string(c, v, "type", &t) != 0)
			return -1;
		if (strcmp(t, "file") == 0)
			p->type = FM_FILE;
		else if (strcmp(t, "dir") == 0)
			p->type = FM_DIR;
		else if (strcmp(t, "any") == 0)
			p->type = FM_ANY;
		else
			return yl_fail(c, v,
			               _("type vaut '%.80s' ; il doit valoir file, dir ou any"), t);
	}
	if (p->max_mode < 0 && p->nowners == 0 && p->ngroups == 0)
		return yl_fail(c, n,
		               _("le bloc params de cette vérification file_mode ne vérifie "
		                 "rien : donnez max_mode, owner ou group"));
	*out = p;
	return 0;
}

/* State of one file_mode run. */
struct fm_run {
	const struct fm_params *p;
	const struct check_env *env;
	struct check_result *res;
	struct userdb db;
	long *uids, *gids;
	size_t found, missing;
	char **targets; /* commands_of: absolute paths met in the cron files (heap) */
	size_t ntargets;
};

static bool fm_id_allowed(const long *ids, size_t n, unsigned id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] >= 0 && (unsigned long)ids[i] == id)
			return true;
	return false;
}

static void fm_names_list(const struct fm_run *r, const char **names, size_t n, char *out,
                          size_t outlen)
{
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), outlen - strlen(out), "%s%s",
		         i ? check_tr(r->env, " ou ", " or ") : "", names[i]);
}

/* Evaluates one existing entry. */
static void fm_entry(struct fm_run *r, const char *path, const struct stat *st)
{
	const struct fm_params *p = r->p;
	char obs[64], exp[256];

	r->found++;
	r->res->examined++;
	if (S_ISLNK(st->st_mode)) {
		check_result_add(r->res, VG_CHECK_WARN, "symlink", path,
		                 check_tr(r->env, "lien symbolique", "symbolic link"), "%s",
		                 check_tr(r->env, "un vrai fichier (les liens ne sont pas suivis)",
		                          "a real file (links are not followed)"));
		return;
	}
	if ((p->type == FM_FILE && !S_ISREG(st->st_mode)) ||
	    (p->type == FM_DIR && !S_ISDIR(st->st_mode))) {
		perms_mode_string(st->st_mode, obs);
		check_result_add(r->res, VG_CHECK_FAIL, "type", path, obs, "%s",
		                 p->type == FM_FILE
		                     ? check_tr(r->env, "un fichier ordinaire", "a regular file")
		                     : check_tr(r->env, "un dossier", "a directory"));
		return;
	}
	if (p->max_mode >= 0 && (st->st_mode & 07777 & ~(mode_t)p->max_mode) != 0) {
		perms_mode_string(st->st_mode, obs);
		check_result_add(r->res, VG_CHECK_FAIL, "mode", path, obs, "%04o %s",
		                 (unsigned)p->max_mode,
		                 check_tr(r->env, "ou plus strict", "or stricter"));
	}
	if (p->nowners > 0 && !fm_id_allowed(r->uids, p->nowners, st->st_uid)) {
		const char *name = userdb_user_name(&r->db, st->st_uid);

		snprintf(obs, sizeof obs, "%s %s (%u)", check_tr(r->env, "propriétaire", "owner"),
		         name ? name : "?", (unsigned)st->st_uid);
		fm_names_list(r, p->owners, p->nowners, exp, sizeof exp);
		check_result_add(r->res, VG_CHECK_FAIL, "owner", path, obs, "%s %s",
		                 check_tr(r->env, "propriétaire", "owner"), exp);
	}
	if (p->ngroups > 0 && !fm_id_allowed(r->gids, p->ngroups, st->st_gid)) {
		const char *name = userdb_group_name(&r->db, st->st_gid);

		snprintf(obs, sizeof obs, "%s %s (%u)", check_tr(r->env, "groupe", "group"),
		         name ? name : "?", (unsigned)st->st_gid);
		fm_names_list(r, p->groups, p->ngroups, exp, sizeof exp);
		check_result_add(r->res, VG_CHECK_FAIL, "group", path, obs, "%s %s",
		                 check_tr(r->env, "groupe", "group"), exp);
	}
}

static int fm_str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expands pattern's components from dirfd (whose path is prefix), calling fn on each
 * existing match with its parent fd and name. Never follows a symbolic link. */
/* A directory on the way to the files that cannot be read: a warning, not an error. */
static void fm_unreadable(struct fm_run *r, const char *path, int errnum)
{
	char why[128];

	if (errnum != EACCES && errnum != EPERM)
		return; /* missing, or a link: the file is absent, not hidden */
	if (check_result_has(r->res, "unreadable", path))
		return; /* one pattern of the check already met it */
	if (strerror_r(errnum, why, sizeof why) != 0)
		snprintf(why, sizeof why, "errno %d", errnum);
	check_result_add(r->res, VG_CHECK_WARN, "unreadable", path, why, "%s",
	                 check_tr(r->env, "dossier illisible : ce qu'il contient n'est pas examiné",
	                          "unreadable directory: what it holds is not examined"));
}

static void fm_glob(int dirfd, const char *prefix, const char *rest,
                    void (*fn)(void *arg, int dirfd, const char *name, const char *path),
                    struct fm_run *arg, size_t *budget)
{
	const char *slash = strchr(rest, '/');
	size_t clen = slash ? (size_t)(slash - rest) : strlen(rest);
	char comp[256], **names = NULL;
	size_t nnames = 0, cap = 0;

	if (clen == 0 || clen >= sizeof comp)
		return;
	memcpy(comp, rest, clen);
	comp[clen] = '\0';
	if (strpbrk(comp, "*?[") == NULL) {
		names = vg_malloc(sizeof *names);
		names[nnames++] = vg_strdup(comp);
	} else { /* A new open file description: a dup would share (and move) dirfd's offset. */
		int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
		struct dirent *de;

		if (d == NULL) {
			fm_unreadable(arg, prefix, errno);
			if (fd >= 0)
				close(fd);
			return;
		}
		while ((de = readdir(d)) != NULL && nnames < *budget) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
			    fnmatch(comp, de->d_name, FNM_PERIOD) != 0)
				continue;
			if (nnames == cap) {
				cap = cap ? cap * 2 : 16;
				names = vg_reallocarray(names, cap, sizeof *names);
			}
			names[nnames++] = vg_strdup(de->d_name);
		}
		closedir(d);
		if (nnames > 1)
			qsort(names, nnames, sizeof *names, fm_str_cmp);
	}
	for (size_t i = 0; i < nnames; i++) {
		char *path = vg_asprintf("%s/%s", strcmp(prefix, "/") == 0 ? "" : prefix, names[i]);

		if (slash == NULL) {
			if (*budget > 0) {
				(*budget)--;
				fn(arg, dirfd, names[i], path);
			}
		} else {
			int sub = openat(dirfd, names[i],
			                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (sub >= 0) {
				fm_glob(sub, path, slash + 1, fn, arg, budget);
				close(sub);
			} else {
				fm_unreadable(arg, path, errno);
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

static void fm_glob_entry(void *arg, int dirfd, const char *name, const char *path)
{
	struct fm_run *r = arg;
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
		fm_entry(r, path, &st);
}

/* Checks everything pattern (inside the root) matches; counts it missing otherwise. */
static void fm_pattern(struct fm_run *r, const char *pattern,
                       void (*fn)(void *arg, int dirfd, const char *name, const char *path))
{
	size_t before = r->found, budget = PERMS_MAX_MATCH;

	if (strcmp(pattern, "/") == 0) {
		fn(r, r->env->rootfd, ".", "/");
	} else {
		int fd = fcntl(r->env->rootfd, F_DUPFD_CLOEXEC, 0);

		if (fd >= 0) {
			fm_glob(fd, "/", pattern + 1, fn, r, &budget);
			close(fd);
		}
	}
	if (r->found == before)
		r->missing++;
}

/* Adds every absolute path word of a cron command line to the targets. */
static void fm_cron_words(struct fm_run *r, char *cmd)
{
	for (char *w = strtok(cmd, " \t;&|()<>`\"'"); w != NULL;
	     w = strtok(NULL, " \t;&|()<>`\"'")) {
		size_t n = strlen(w);

		if (w[0] != '/' || n < 2 || n > 4096 || strpbrk(w, "*?[$") != NULL ||
		    strstr(w, "/.") != NULL || strstr(w, "//") != NULL)
			continue;
		while (n > 1 && w[n - 1] == '/')
			w[--n] = '\0';
		if (strncmp(w, "/dev/", 5) == 0 || strcmp(w, "/dev/null") == 0)
			continue;
		for (size_t i = 0; i < r->ntargets; i++)
			if (strcmp(r->targets[i], w) == 0)
				goto next;
		if (r->ntargets >= PERMS_MAX_MATCH)
			return;
		r->targets = vg_reallocarray(r->targets, r->ntargets + 1, sizeof *r->targets);
		r->targets[r->ntargets++] = vg_strdup(w);
	next:;
	}
}

/* Reads a system crontab (/etc/crontab format: 5 time fields or @word, a user, a command)
 * or a user crontab (no user field: file under a crontabs/ directory) and collects what
 * it runs. */
static void fm_cron_file(void *arg, int dirfd, const char *name, const char *path)
{
	struct fm_run *r = arg;
	bool user = strstr(path, "/crontabs/") != NULL;
	char buf[65536];
	struct stat st;
	ssize_t n;
	int fd;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return;
	}
	r->found++;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (char *line = buf, *next; line != NULL; line = next) {
		char *p = line;
		int fields;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		p += strspn(p, " \t");
		if (*p == '#' || *p == '\0')
			continue;
		if (strchr(p, '=') != NULL && strcspn(p, "=") < strcspn(p, " \t"))
			continue; /* VAR=value */
		fields = (*p == '@' ? 1 : 5) + (user ? 0 : 1);
		for (int i = 0; i < fields && *p != '\0'; i++) {
			p += strcspn(p, " \t");
			p += strspn(p, " \t");
		}
		if (*p != '\0')
			fm_cron_words(r, p);
	}
}

static int fm_run(const struct check_def *def, const struct check_env *env,
                  struct check_result *res, struct vg_err *err)
{
	const struct fm_params *p = def->params;
	struct fm_run r;
	size_t total;

	(void)err;
	memset(&r, 0, sizeof r);
	r.p = p;
	r.env = env;
	r.res = res;
	userdb_load(&r.db, env->rootfd, 1000);
	r.uids = vg_calloc(p->nowners ? p->nowners : 1, sizeof *r.uids);
	r.gids = vg_calloc(p->ngroups ? p->ngroups : 1, sizeof *r.gids);
	for (size_t i = 0; i < p->nowners; i++)
		r.uids[i] = userdb_user_id(&r.db, p->owners[i]);
	for (size_t i = 0; i < p->ngroups; i++)
		r.gids[i] = userdb_group_id(&r.db, p->groups[i]);
	if (p->ncommands_of > 0) {
		for (size_t i = 0; i < p->ncommands_of; i++)
			fm_pattern(&r, p->commands_of[i], fm_cron_file);
		r.found = r.missing = 0;
		if (r.ntargets > 1)
			qsort(r.targets, r.ntargets, sizeof *r.targets, fm_str_cmp);
		for (size_t i = 0; i < r.ntargets; i++) {
			const char *name;
			struct stat st;
			int dfd = walk_open_parent(env->rootfd, r.targets[i], &name);

			if (dfd >= 0 && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
				fm_entry(&r, r.targets[i], &st);
			else
				r.missing++;
			if (dfd >= 0)
				close(dfd);
			free(r.targets[i]);
		}
		free(r.targets);
		total = r.found + r.missing;
		if (r.found == 0 && total == 0)
			check_result_reason(res, VG_CHECK_SKIPPED, "%s",
			                    check_tr(env, "aucune commande planifiée trouvée",
			                             "no scheduled command found"));
		else if (r.found == 0 && total == 1)
			check_result_reason(
			    res, VG_CHECK_SKIPPED, "%s",
			    check_tr(env,
			             "la commande planifiée n'est pas accessible sans "
			             "suivre un lien",
			             "the scheduled command is not reachable without "
			             "following a link"));
		else if (r.found == 0 && env->lang == VG_LANG_EN)
			check_result_reason(res, VG_CHECK_SKIPPED,
			                    "none of the %zu scheduled commands is reachable "
			                    "without following a link",
			                    total);
		else if (r.found == 0)
			check_result_reason(res, VG_CHECK_SKIPPED,
			                    "aucune des %zu commandes planifiées n'est accessible "
			                    "sans suivre un lien",
			                    total);
		else if (r.missing > 0 && env->lang == VG_LANG_EN)
			check_result_reason(res, VG_CHECK_PASS,
			                    "scheduled commands not reachable (missing or behind a "
			                    "symbolic link): %zu of %zu",
			                    r.missing, total);
		else if (r.missing > 0)
			check_result_reason(res, VG_CHECK_PASS,
			                    "commandes planifiées inaccessibles (absentes ou "
			                    "derrière un lien symbolique) : %zu sur %zu",
			                    r.missing, total);
	} else {
		for (size_t i = 0; i < p->npaths; i++)
			fm_pattern(&r, p->paths[i], fm_glob_entry);
		if (r.found == 0)
			check_result_reason(
			    res, VG_CHECK_SKIPPED, "%s",
			    p->npaths == 1
			        ? check_tr(env, "absent de ce système", "absent from this system")
			        : check_tr(env,
			                   "aucun de ces fichiers n'existe sur ce "
			                   "système",
			                   "none of these files exists on this system"));
		else if (r.missing > 0 && env->lang == VG_LANG_EN)
			check_result_reason(res, VG_CHECK_PASS, "paths absent: %zu of %zu",
			                    r.missing, p->npaths);
		else if (r.missing > 0)
			check_result_reason(res, VG_CHECK_PASS, "chemins absents : %zu sur %zu",
			                    r.missing, p->npaths);
	}
	free(r.uids);
	free(r.gids);
	userdb_free(&r.db);
	return 0;
}

/* What is not read cannot be judged: a run as root sees it. */
#define PERMS_UNREADABLE_ACTION                                                                    \
	{                                                                                          \
		"relancez vigie check en root (sudo) pour examiner ces dossiers",                  \
		    "run vigie check again as root (sudo) to examine these directories"            \
	}

static const struct check_rule_info fm_rules[] = {
    {"mode", {"droits trop ouverts", "permissions too open"}, {NULL, NULL}, -1},
    {"owner", {"propriétaire inattendu", "unexpected owner"}, {NULL, NULL}, -1},
    {"group", {"groupe inattendu", "unexpected group"}, {NULL, NULL}, -1},
    {"type", {"type de fichier inattendu", "unexpected file type"}, {NULL, NULL}, -1},
    {"symlink",
     {"lien symbolique à la place du fichier", "symbolic link instead of the file"},
     {"vérifiez où mène ce lien et remplacez-le par le fichier lui-même",
      "check where the link leads and replace it with the file itself"},
     -1},
    {"unreadable", {"dossiers illisibles", "unreadable directories"}, PERMS_UNREADABLE_ACTION, -1},
    {NULL, {NULL, NULL}, {NULL, NULL}, -1},
};

const struct check_kind check_kind_file_mode = {"file_mode", fm_parse, fm_run, fm_rules};

/* ---- tree_scan ---- */

enum ts_rule {
	TS_WW_FILE = 1 << 0,
	TS_WW_DIR = 1 << 1,
	TS_SETID = 1 << 2,
	TS_KEY = 1 << 3,
	TS_UNOWNED = 1 << 4,
	TS_HOME = 1 << 5,
	TS_SSH_DIR = 1 << 6,
	TS_AUTH_KEYS = 1 << 7,
};

static const struct {
	const char *name;
	unsigned bit;
} ts_rules[] = {
    {"world_writable_file", TS_WW_FILE},
    {"world_writable_dir", TS_WW_DIR},
    {"setid", TS_SETID},
    {"private_key", TS_KEY},
    {"unowned", TS_UNOWNED},
    {"home_dir", TS_HOME},
    {"ssh_dir", TS_SSH_DIR},
    {"authorized_keys", TS_AUTH_KEYS},
};

struct ts_params {
	const char **paths, **exclude, **setid_allow, **key_names, **key_allow, **key_skip;
	size_t npaths, nexclude, nsetid_allow, nkey_names, nkey_allow, nkey_skip;
	unsigned rules;
	long key_max_size;
	bool key_content;
	long home_min_uid;
};

/* Names whose content is not read for a key header: source code, binaries, compressed
 * and media files, translations. The sniffer reads every other small readable file. */
static const char *const ts_default_key_skip[] = {
    "*.py",  "*.pyc", "*.pyi",  "*.c",   "*.h",   "*.cc",   "*.cpp",   "*.hpp",  "*.js",
    "*.ts",  "*.css", "*.html", "*.htm", "*.svg", "*.png",  "*.jpg",   "*.gif",  "*.ico",
    "*.mo",  "*.po",  "*.gz",   "*.xz",  "*.bz2", "*.zst",  "*.so",    "*.a",    "*.o",
    "*.rb",  "*.pl",  "*.pm",   "*.go",  "*.rs",  "*.java", "*.class", "*.md",   "*.rst",
    "*.tcl", "*.el",  "*.elc",  "*.vim", "*.tex", "*.ttf",  "*.otf",   "*.woff",
};

static const char *const ts_default_key_names[] = {
    "id_rsa",      "id_dsa",        "id_ecdsa", "id_ed25519",
    "id_ecdsa_sk", "id_ed25519_sk", "*.key",    "ssh_host_*_key",
};

static int ts_parse(const struct yl_ctx *c, const struct yl_node *check, const struct yl_node *n,
                    void **out)
{
	static const char *const allowed[] = {
	    "rules",       "paths",     "exclude",  "setid_allow",  "key_names", "key_max_size",
	    "key_content", "key_allow", "key_skip", "home_min_uid", NULL};
	static const char *const required[] = {"rules", NULL};
	struct ts_params *p = vg_arena_alloc(c->arena, sizeof *p);
	const struct yl_node *v;

	if (n == NULL)
		return yl_fail(c, check,
		               _("une vérification tree_scan a besoin de params avec ses règles, "
		                 "comme {rules: [world_writable_file]}"));
	if (yl_keys(c, n, _("le bloc params d'une vérification tree_scan"), allowed, required) != 0)
		return -1;
	v = yl_get(n, "rules");
	if (v->kind != YL_SEQ || v->n == 0)
		return yl_fail(
		    c, v, _("rules doit être une liste non vide, comme [world_writable_file]"));
	for (size_t i = 0; i < v->n; i++) {
		const char *name;
		size_t j;

		if (yl_string(c, v->items[i], _("un élément de rules"), &name) != 0)
			return -1;
		for (j = 0; j < sizeof ts_rules / sizeof ts_rules[0]; j++)
			if (strcmp(ts_rules[j].name, name) == 0)
				break;
		if (j == sizeof ts_rules / sizeof ts_rules[0])
			return yl_fail(
			    c, v->items[i],
			    _("règle '%.80s' inconnue ; tree_scan connaît : world_writable_file, "
			      "world_writable_dir, setid, private_key, unowned, home_dir, "
			      "ssh_dir, authorized_keys"),
			    name);
		if (p->rules & ts_rules[j].bit)
			return yl_fail(c, v->items[i],
			               _("rules nomme '%s' deux fois ; gardez-en une"), name);
		p->rules |= ts_rules[j].bit;
	}
	if ((v = yl_get(n, "paths")) != NULL) {
		if (perms_paths(c, v, "paths", false, &p->paths, &p->npaths) != 0)
			return -1;
		if (p->npaths > 16)
			return yl_fail(c, v, _(PERMS_TOO_MANY), "paths", p->npaths, 16);
	} else {
		p->paths = vg_arena_alloc(c->arena, sizeof *p->paths);
		p->paths[0] = "/";
		p->npaths = 1;
	}
	if ((v = yl_get(n, "exclude")) != NULL &&
	    perms_paths(c, v, "exclude", false, &p->exclude, &p->nexclude) != 0)
		return -1;
	if ((v = yl_get(n, "setid_allow")) != NULL &&
	    perms_paths(c, v, "setid_allow", true, &p->setid_allow, &p->nsetid_allow) != 0)
		return -1;
	if ((v = yl_get(n, "key_allow")) != NULL &&
	    perms_paths(c, v, "key_allow", true, &p->key_allow, &p->nkey_allow) != 0)
		return -1;
	if ((v = yl_get(n, "key_names")) != NULL) {
		if (yl_strings(c, v, "key_names", &p->key_names, &p->nkey_names) != 0)
			return -1;
		for (size_t i = 0; i < p->nkey_names; i++)
			if (strchr(p->key_names[i], '/') != NULL)
				return yl_fail(c, v->kind == YL_SEQ ? v->items[i] : v,
				               _(PERMS_NAME_SLASH), "key_names", p->key_names[i]);
	} else {
		p->key_names = (const char **)ts_default_key_names;
		p->nkey_names = sizeof ts_default_key_names / sizeof ts_default_key_names[0];
	}
	if ((v = yl_get(n, "key_skip")) != NULL) {
		if (yl_strings(c, v, "key_skip", &p->key_skip, &p->nkey_skip) != 0)
			return -1;
		for (size_t i = 0; i < p->nkey_skip; i++)
			if (strchr(p->key_skip[i], '/') != NULL)
				return yl_fail(c, v->kind == YL_SEQ ? v->items[i] : v,
				               _(PERMS_NAME_SLASH), "key_skip", p->key_skip[i]);
	} else {
		p->key_skip = (const char **)ts_default_key_skip;
		p->nkey_skip = sizeof ts_default_key_skip / sizeof ts_default_key_skip[0];
	}
	p->key_max_size = 16384;
	if ((v = yl_get(n, "key_max_size")) != NULL &&
	    yl_int(c, v, "key_max_size", 64, 1 << 20, &p->key_max_size) != 0)
		return -1;
	p->key_content = true;
	if ((v = yl_get(n, "key_content")) != NULL &&
	    yl_bool(c, v, "key_content", &p->key_content) != 0)
		return -1;
	p->home_min_uid = 1000;
	if ((v = yl_get(n, "home_min_uid")) != NULL &&
	    yl_int(c, v, "home_min_uid", 1, 65535, &p->home_min_uid) != 0)
		return -1;
	*out = p;
	return 0;
}

/* fnmatch(pattern, name, 0) with the common shapes decided without it: a literal name,
 * and "*SUFFIX"; others are rejected early when their literal prefix differs. This runs
 * for every readable regular file of a tree. */
static bool ts_name_match(const char *pattern, const char *name)
{
	size_t lit = strcspn(pattern, "*?[\\");

	if (pattern[lit] == '\0')
		return strcmp(pattern, name) == 0;
	if (lit == 0 && pattern[0] == '*' && strpbrk(pattern + 1, "*?[\\") == NULL) {
		size_t n = strlen(name), s = strlen(pattern + 1);

		/* the suffix decides; fnmatch confirms the rare candidates */
		return n >= s && memcmp(name + n - s, pattern + 1, s) == 0 &&
		       fnmatch(pattern, name, 0) == 0;
	}
	if (strncmp(pattern, name, lit) != 0)
		return false;
	return fnmatch(pattern, name, 0) == 0;
}

/* Unknown ids and how many entries each owns. */
struct ts_ids {
	struct {
		unsigned id1; /* id + 1; 0: empty slot */
		size_t count;
	} * t;
	size_t n, size, more; /* more: entries of ids past TS_MAX_IDS */
};

/* State of one tree_scan run, shared by the walker threads (read-only but res, db's cache
 * and what lock guards). */
struct ts_run {
	const struct ts_params *p;
	struct check_result *res;
	const struct check_env *env;
	const char *check_id;
	struct userdb db;
	pthread_mutex_t lock; /* guards the fields below */
	struct ts_ids uids, gids;
	size_t nunowned; /* entries of an unknown owner or group */
	char *common;    /* the deepest directory holding all of them (heap) */
};

/* True when the first bytes of a small regular file hold a PEM private key header. */
static bool ts_sniff_key(const struct ts_run *r, const struct walk_entry *e)
{
	char buf[PERMS_SNIFF + 1];
	struct stat st;
	ssize_t n;
	int fd;

	fd = openat(e->dirfd, e->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_ino != e->st->st_ino ||
	    st.st_dev != e->st->st_dev) {
		close(fd);
		return false;
	}
	n = read(fd, buf,
	         (size_t)(r->p->key_max_size < PERMS_SNIFF ? r->p->key_max_size : PERMS_SNIFF));
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	for (const char *s = buf; (s = strstr(s, "-----BEGIN ")) != NULL; s += 11) {
		const char *eol = strchr(s, '\n');
		const char *k = strstr(s, "PRIVATE KEY");

		if (k != NULL && (eol == NULL || k < eol) && (k = strstr(k, "-----")) != NULL &&
		    (eol == NULL || k < eol))
			return true;
	}
	return false;
}

static bool ts_is_home(struct ts_run *r, const struct walk_entry *e)
{
	const char *slash, *home;

	if (strncmp(e->path, "/home/", 6) == 0) {
		slash = strchr(e->path + 6, '/');
		if (slash == NULL && e->path[6] != '\0')
			return true;
	}
	for (size_t i = 0; i < r->db.nhomes; i++)
		if (strcmp(r->db.homes[i], e->path) == 0)
			return true;
	/* A user of the directory (NSS): the home its owner has there. */
	home = userdb_nss_home(&r->db, e->st->st_uid);
	return home != NULL && strcmp(home, e->path) == 0;
}

/* Counts one entry of id; under r->lock. */
static void ts_ids_add(struct ts_ids *s, unsigned id)
{
	size_t i;

	if (s->size > 0)
		for (i = (id * 2654435761u) & (s->size - 1); s->t[i].id1 != 0;
		     i = (i + 1) & (s->size - 1))
			if (s->t[i].id1 == id + 1) {
				s->t[i].count++;
				return;
			}
	if (s->n >= TS_MAX_IDS) {
		s->more++;
		return;
	}
	if ((s->n + 1) * 2 > s->size) {
		__typeof__(s->t) old = s->t;
		size_t osize = s->size;

		s->size = osize ? osize * 2 : 16;
		s->t = vg_calloc(s->size, sizeof *s->t);
		for (size_t j = 0; j < osize; j++) {
			if (old[j].id1 == 0)
				continue;
			for (i = ((old[j].id1 - 1) * 2654435761u) & (s->size - 1); s->t[i].id1 != 0;
			     i = (i + 1) & (s->size - 1))
				;
			s->t[i] = old[j];
		}
		free(old);
	}
	for (i = (id * 2654435761u) & (s->size - 1); s->t[i].id1 != 0; i = (i + 1) & (s->size - 1))
		;
	s->t[i].id1 = id + 1;
	s->t[i].count = 1;
	s->n++;
}

/* Shortens *common to the deepest directory holding it and path's parent too; under
 * r->lock. */
static void ts_common(char **common, const char *path)
{
	size_t plen = (size_t)(strrchr(path, '/') - path), i = 0, k;
	char *c = *common;

	if (c == NULL) {
		*common = vg_malloc(plen + 2);
		memcpy(*common, path, plen ? plen : 1);
		(*common)[plen ? plen : 1] = '\0';
		return;
	}
	if (strcmp(c, "/") == 0)
		return;
	while (i < plen && c[i] != '\0' && c[i] == path[i])
		i++;
	for (k = i; k > 0; k--)
		if ((c[k] == '/' || c[k] == '\0') && path[k] == '/')
			break;
	if (k == 0) {
		c[0] = '/';
		c[1] = '\0';
	} else {
		c[k] = '\0';
	}
}

static int ts_id_cmp(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* Appends "uid 1000-1029, 1040" (what: "uid" or "gid") to b: the first TS_LIST_IDS
 * ranges of the ids of s. */
static void ts_ids_list(struct vg_buf *b, const struct ts_ids *s, const char *what)
{
	unsigned *ids = vg_calloc(s->n ? s->n : 1, sizeof *ids);
	size_t n = 0, ranges = 0;

	for (size_t i = 0; i < s->size; i++)
		if (s->t[i].id1 != 0)
			ids[n++] = s->t[i].id1 - 1;
	qsort(ids, n, sizeof *ids, ts_id_cmp);
	vg_buf_printf(b, "%s%s ", b->len ? ", " : "", what);
	for (size_t i = 0; i < n; ranges++) {
		size_t j = i;

		while (j + 1 < n && ids[j + 1] == ids[j] + 1)
			j++;
		if (ranges == TS_LIST_IDS) {
			vg_buf_puts(b, ", …");
			break;
		}
		vg_buf_printf(b, ranges ? ", %u" : "%u", ids[i]);
		if (j > i)
			vg_buf_printf(b, "-%u", ids[j]);
		i = j + 1;
	}
	if (s->more > 0)
		vg_buf_puts(b, ranges <= TS_LIST_IDS ? ", …" : "");
	free(ids);
}

/* Under --root, the entries of many ids unknown to ROOT/etc/passwd and /etc/group are
 * most likely those of a directory's users (LDAP, Active Directory, sssd) that the
 * copy cannot resolve: one warning names them, instead of one finding per entry. */
static void ts_unowned_flood(struct ts_run *r)
{
	static const struct vg_text action = {
	    "si ces comptes viennent d'un annuaire (LDAP, Active Directory, sssd), lancez vigie "
	    "check sur le serveur lui-même (sans --root) : il les résout ; sinon chown vers des "
	    "comptes existants",
	    "if these accounts come from a directory (LDAP, Active Directory, sssd), run vigie "
	    "check on the server itself (without --root): it resolves them; otherwise chown to "
	    "existing accounts"};
	const char *root = strcmp(r->env->root, "/") == 0 ? "" : r->env->root;
	size_t nids = r->uids.n + r->gids.n;
	struct vg_buf ids;
	char *obs;

	if (r->db.nss || nids <= TS_FLOOD_IDS)
		return;
	vg_buf_init(&ids, 64u << 10);
	if (r->uids.n > 0)
		ts_ids_list(&ids, &r->uids, "uid");
	if (r->gids.n > 0)
		ts_ids_list(&ids, &r->gids, "gid");
	if (nids == 1 && r->uids.more + r->gids.more == 0)
		obs = vg_asprintf(
		    r->env->lang == VG_LANG_EN
		        ? "%zu entries belong to an id unknown in %s/etc/passwd or "
		          "/etc/group (a directory user?): %s"
		        : "%zu entrées appartiennent à un identifiant inconnu de "
		          "%s/etc/passwd ou /etc/group (utilisateur d'un annuaire ?) : %s",
		    r->nunowned, root, ids.data);
	else if (r->env->lang == VG_LANG_EN)
		obs = vg_asprintf("%zu entries belong to %zu%s ids unknown in %s/etc/passwd or "
		                  "/etc/group (users of a directory?): %s",
		                  r->nunowned, nids, r->uids.more + r->gids.more > 0 ? "+" : "",
		                  root, ids.data);
	else
		obs = vg_asprintf("%zu entrées appartiennent à %zu%s identifiants inconnus de "
		                  "%s/etc/passwd ou /etc/group (utilisateurs d'un annuaire ?) : %s",
		                  r->nunowned, nids, r->uids.more + r->gids.more > 0 ? "+" : "",
		                  root, ids.data);
	check_result_summarise(r->res, "unowned", VG_CHECK_WARN, r->common ? r->common : "/", obs,
	                       check_tr(r->env, action.fr, action.en), action);
	free(obs);
	vg_buf_free(&ids);
}

static void ts_add(struct ts_run *r, const char *rule, const struct walk_entry *e,
                   const char *expected)
{
	char obs[32];

	perms_mode_string(e->st->st_mode, obs);
	check_result_add(r->res, VG_CHECK_FAIL, rule, e->path, obs, "%s", expected);
}

static void ts_visit(void *arg, const struct walk_entry *e)
{
	struct ts_run *r = arg;
	const struct ts_params *p = r->p;
	mode_t m = e->st->st_mode;

	if (S_ISREG(m)) {
		if ((p->rules & TS_WW_FILE) && (m & S_IWOTH))
			ts_add(r, "world_writable_file", e,
			       check_tr(r->env, "non modifiable par les autres",
			                "not writable by others"));
		if ((p->rules & TS_SETID) && (m & (S_ISUID | S_ISGID))) {
			size_t i;

			for (i = 0; i < p->nsetid_allow; i++)
				if (fnmatch(p->setid_allow[i], e->path, FNM_PATHNAME) == 0)
					break;
			if (i == p->nsetid_allow)
				ts_add(
				    r, "setid", e,
				    check_tr(r->env,
				             "pas de bit setuid/setgid hors de la liste autorisée",
				             "no setuid/setgid bit outside the allowlist"));
		}
		if ((p->rules & TS_KEY) && (m & (S_IRGRP | S_IROTH))) {
			bool key = false;

			for (size_t i = 0; i < p->nkey_names && !key; i++)
				key = ts_name_match(p->key_names[i], e->name);
			if (!key && p->key_content && e->st->st_size >= 64 &&
			    e->st->st_size <= p->key_max_size) {
				bool skip = false;

				for (size_t i = 0; i < p->nkey_skip && !skip; i++)
					skip = ts_name_match(p->key_skip[i], e->name);
				key = !skip && ts_sniff_key(r, e);
			}
			for (size_t i = 0; i < p->nkey_allow && key; i++)
				key = fnmatch(p->key_allow[i], e->path, FNM_PATHNAME) != 0;
			if (key)
				ts_add(r, "private_key", e,
				       check_tr(r->env,
				                "clé privée lisible par son seul propriétaire",
				                "private key readable by its owner only"));
		}
		if ((p->rules & TS_AUTH_KEYS) && (m & S_IWOTH) &&
		    (strcmp(e->name, "authorized_keys") == 0 ||
		     strcmp(e->name, "authorized_keys2") == 0))
			ts_add(r, "authorized_keys", e,
			       check_tr(r->env, "non modifiable par les autres",
			                "not writable by others"));
	} else if (S_ISDIR(m)) {
		if ((p->rules & TS_WW_DIR) && (m & S_IWOTH) && !(m & S_ISVTX))
			ts_add(r, "world_writable_dir", e,
			       check_tr(r->env,
			                "non modifiable par les autres, ou avec le sticky bit",
			                "not writable by others, or the sticky bit set"));
		if ((p->rules & TS_HOME) && (m & (S_IROTH | S_IWOTH)) && ts_is_home(r, e))
			ts_add(r, "home_dir", e,
			       check_tr(r->env,
			                "dossier personnel fermé aux autres (0750 ou plus strict)",
			                "home directory closed to others (0750 or stricter)"));
		if ((p->rules & TS_SSH_DIR) && (m & (S_IROTH | S_IWOTH)) &&
		    strcmp(e->name, ".ssh") == 0)
			ts_add(r, "ssh_dir", e,
			       check_tr(r->env, ".ssh fermé aux autres (0700)",
			                ".ssh closed to others (0700)"));
	}
	if ((p->rules & TS_UNOWNED) &&
	    (!userdb_has_uid(&r->db, e->st->st_uid) || !userdb_has_gid(&r->db, e->st->st_gid))) {
		char obs[96];
		bool u = userdb_has_uid(&r->db, e->st->st_uid);
		bool g = userdb_has_gid(&r->db, e->st->st_gid);

		snprintf(obs, sizeof obs, "%s %u, %s %u",
		         u ? "uid" : check_tr(r->env, "uid inconnu", "unknown uid"),
		         (unsigned)e->st->st_uid,
		         g ? "gid" : check_tr(r->env, "gid inconnu", "unknown gid"),
		         (unsigned)e->st->st_gid);
		check_result_add(
		    r->res, VG_CHECK_FAIL, "unowned", e->path, obs, "%s",
		    r->db.nss
		        ? check_tr(r->env,
		                   "un propriétaire et un groupe connus du système "
		                   "(/etc/passwd, /etc/group ou l'annuaire)",
		                   "an owner and a group known to the system (/etc/passwd, "
		                   "/etc/group or the directory)")
		        : check_tr(r->env,
		                   "un propriétaire et un groupe connus de /etc/passwd et "
		                   "/etc/group",
		                   "an owner and a group known to /etc/passwd and /etc/group"));
		pthread_mutex_lock(&r->lock);
		r->nunowned++;
		if (!u)
			ts_ids_add(&r->uids, (unsigned)e->st->st_uid);
		if (!g)
			ts_ids_add(&r->gids, (unsigned)e->st->st_gid);
		ts_common(&r->common, e->path);
		pthread_mutex_unlock(&r->lock);
	}
}

static void ts_problem(void *arg, const char *path, int errnum, enum walk_problem what)
{
	struct ts_run *r = arg;
	const char *text;
	char why[128];
	switch (what) {
	case WALK_DIR_UNREADABLE:
		text = check_tr(r->env, "dossier illisible : son contenu n'est pas examiné",
		                "unreadable directory: its content is not examined");
		break;
	case WALK_ENTRIES_UNREADABLE:
		text = check_tr(r->env, "dossier listé mais ses entrées ne peuvent être examinées",
		                "directory listed but its entries cannot be examined");
		break;
	case WALK_TOO_LONG:
		text = check_tr(r->env, "chemin trop long : non examiné",
		                "path too long: not examined");
		break;
	case WALK_MOVED:
		text = check_tr(r->env,
		                "dossier déplacé pendant l'examen : la suite n'est pas examinée",
		                "directory moved during the scan: the rest is not examined");
		break;
	default:
		text = check_tr(r->env, "entrée impossible à examiner", "entry cannot be examined");
		break;
	}
	/* strerror is not thread-safe; this is the XSI strerror_r */
	if (strerror_r(errnum, why, sizeof why) != 0)
		snprintf(why, sizeof why, "errno %d", errnum);
	check_result_add(r->res, VG_CHECK_WARN, "unreadable", path, why, "%s", text);
}

static bool ts_progress(void *arg, size_t examined, const char *where)
{
	struct ts_run *r = arg;

	if (r->env->progress != NULL)
		r->env->progress(r->env->progress_arg, r->check_id, examined);
	return r->env->scan == NULL || r->env->scan(r->env->progress_arg, examined, where);
}

static int ts_run(const struct check_def *def, const struct check_env *env,
                  struct check_result *res, struct vg_err *err)
{
	const struct ts_params *p = def->params;
	struct walk_opts o = {0};
	struct ts_run r;
	int rc;

	memset(&r, 0, sizeof r);
	r.p = p;
	r.res = res;
	r.env = env;
	r.check_id = def->id;
	pthread_mutex_init(&r.lock, NULL);
	userdb_load(&r.db, env->rootfd, (unsigned)p->home_min_uid);
	if ((p->rules & TS_UNOWNED) && (!r.db.have_passwd || !r.db.have_group)) {
		userdb_free(&r.db);
		pthread_mutex_destroy(&r.lock);
		if (env->lang == VG_LANG_EN)
			check_result_reason(res, VG_CHECK_ERROR,
			                    "%s/etc/passwd or /etc/group cannot be read: owners "
			                    "cannot be judged",
			                    strcmp(env->root, "/") == 0 ? "" : env->root);
		else
			check_result_reason(res, VG_CHECK_ERROR,
			                    "%s/etc/passwd ou /etc/group illisible : les "
			                    "propriétaires ne peuvent être jugés",
			                    strcmp(env->root, "/") == 0 ? "" : env->root);
		return 0;
	}
	o.rootfd = env->rootfd;
	o.paths = p->paths;
	o.npaths = p->npaths;
	o.exclude = p->exclude;
	o.nexclude = p->nexclude;
	o.cross_fs = env->cross_fs;
	o.threads = env->threads;
	o.visit = ts_visit;
	o.problem = ts_problem;
	o.progress = ts_progress;
	o.arg = &r;
	rc = walk_run(&o, &res->examined, err);
	if (rc == 0)
		ts_unowned_flood(&r);
	userdb_free(&r.db);
	free(r.uids.t);
	free(r.gids.t);
	free(r.common);
	pthread_mutex_destroy(&r.lock);
	return rc;
}

static const struct check_rule_info ts_rules_info[] = {
    {"world_writable_file",
     {"fichiers modifiables par tous", "world-writable files"},
     {"chmod o-w sur chacun, et vérifiez que personne ne les a modifiés",
      "chmod o-w on each, and check that nobody changed them"},
     -1},
    {"world_writable_dir",
     {"dossiers modifiables par tous sans sticky bit",
      "world-writable directories without the sticky bit"},
     {"chmod o-w sur chacun, ou chmod +t pour un dossier partagé comme /tmp",
      "chmod o-w on each, or chmod +t for a shared directory like /tmp"},
     -1},
    {"setid",
     {"programmes setuid ou setgid hors de la liste autorisée",
      "setuid or setgid programs outside the allowlist"},
     {"chmod u-s,g-s sur ceux dont personne n'a besoin ; ajoutez les autres à setid_allow "
      "du profil",
      "chmod u-s,g-s on those nobody needs; add the others to the profile's setid_allow"},
     -1},
    {"private_key",
     {"clés privées lisibles par d'autres", "private keys readable by others"},
     {"chmod 0600 sur chaque clé, puis remplacez celles que d'autres ont pu lire",
      "chmod 0600 on each key, then replace those others could read"},
     -1},
    {"unowned",
     {"fichiers sans propriétaire ou groupe connu", "files without a known owner or group"},
     {"chown vers un compte existant, ou supprimez ces restes d'anciens comptes",
      "chown to an existing account, or remove these leftovers of old accounts"},
     1 /* a file of an unknown owner is a medium issue at most */},
    {"home_dir",
     {"dossiers personnels ouverts aux autres", "home directories open to others"},
     {"chmod 0750 sur chacun", "chmod 0750 on each"},
     -1},
    {"ssh_dir",
     {"dossiers .ssh ouverts aux autres", ".ssh directories open to others"},
     {"chmod 0700 sur chacun", "chmod 0700 on each"},
     -1},
    {"authorized_keys",
     {"fichiers authorized_keys modifiables par d'autres",
      "authorized_keys files writable by others"},
     {"chmod 0600 sur chacun, et relisez les clés qu'il autorise",
      "chmod 0600 on each, and read again the keys it allows"},
     -1},
    {"unreadable", {"dossiers illisibles", "unreadable directories"}, PERMS_UNREADABLE_ACTION, -1},
    {NULL, {NULL, NULL}, {NULL, NULL}, -1},
};

const struct check_kind check_kind_tree_scan = {"tree_scan", ts_parse, ts_run, ts_rules_info};
