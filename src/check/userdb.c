/* userdb: passwd and group files of the audited root, parsed once into hash sets. */
#include "check/userdb.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/walk.h"
#include "util.h"

#define USERDB_MAX_FILE (16u << 20) /* bytes of passwd or group */
#define USERDB_NSS_MAX  (1u << 16)  /* ids cached per table; more are asked each time */

/* One id asked of NSS. */
struct userdb_nss_ent {
	unsigned id1; /* id + 1; 0: empty slot */
	bool known;
	char *name, *home; /* heap, or NULL */
};

struct userdb_nss {
	pthread_rwlock_t lock;
	struct userdb_nss_ent *t[2]; /* users, groups: open addressing */
	size_t n[2], size[2];
};

/* Reads a whole file inside the root; NULL when it cannot be read. The caller frees. */
static char *userdb_read(int rootfd, const char *path)
{
	struct vg_buf b;
	char chunk[8192];
	struct stat st;
	ssize_t n;
	int fd;
	fd = walk_open_in_root(rootfd, path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return NULL;
	}
	vg_buf_init(&b, USERDB_MAX_FILE);
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		if (vg_buf_append(&b, chunk, (size_t)n) != 0)
			break;
	close(fd);
	if (n != 0) {
		vg_buf_free(&b);
		return NULL;
	}
	if (b.data == NULL)
		return vg_strdup("");
	return b.data;
}

static void userdb_set_add(unsigned *set, size_t size, unsigned id)
{
	size_t i = (id * 2654435761u) & (size - 1);

	while (set[i] != 0 && set[i] != id + 1)
		i = (i + 1) & (size - 1);
	set[i] = id + 1;
}

static bool userdb_set_has(const unsigned *set, size_t size, unsigned id)
{
	size_t i;

	if (size == 0)
		return false;
	i = (id * 2654435761u) & (size - 1);
	while (set[i] != 0) {
		if (set[i] == id + 1)
			return true;
		i = (i + 1) & (size - 1);
	}
	return false;
}

/* Parses the decimal field s (up to ':'); false when it is not one. */
static bool userdb_number(const char *s, unsigned *out)
{
	unsigned long v = 0;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 0xfffffffeUL)
			return false;
	}
	if (*s != ':' && *s != '\0')
		return false;
	*out = (unsigned)v;
	return true;
}

static int userdb_id_cmp(const void *a, const void *b)
{
	const struct userdb_id *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Parses lines name:x:id:... into ids; for passwd also collects home directories. */
static void userdb_parse(struct userdb *db, char *text, bool passwd, unsigned home_min_uid)
{
	struct userdb_id **ids = passwd ? &db->users : &db->groups;
	size_t *nids = passwd ? &db->nusers : &db->ngroups, cap = 0;
	unsigned **set = passwd ? &db->uset : &db->gset;
	size_t *size = passwd ? &db->usize : &db->gsize, hcap = 0;

	for (char *line = text, *next; line != NULL && *line != '\0'; line = next) {
		char *f[7] = {0};
		size_t nf = 0;
		unsigned id;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '+' || line[0] == '-')
			continue;
		for (char *p = line; nf < 7; nf++) {
			f[nf] = p;
			p = strchr(p, ':');
			if (p == NULL) {
				nf++;
				break;
			}
			*p++ = '\0';
		}
		if (nf < 3 || f[0][0] == '\0' || !userdb_number(f[2], &id))
			continue;
		if (*nids == cap) {
			cap = cap ? cap * 2 : 64;
			*ids = vg_reallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[*nids].id = id;
		(*ids)[(*nids)++].name = vg_strdup(f[0]);
		if (passwd && nf >= 6 && f[5][0] == '/' && f[5][1] != '\0' &&
		    (id == 0 || id >= home_min_uid) && strcmp(f[5], "/nonexistent") != 0) {
			if (db->nhomes == hcap) {
				hcap = hcap ? hcap * 2 : 16;
				db->homes = vg_reallocarray(db->homes, hcap, sizeof *db->homes);
			}
			db->homes[db->nhomes++] = vg_strdup(f[5]);
		}
	}
	if (*nids > 1)
		qsort(*ids, *nids, sizeof **ids, userdb_id_cmp);
	for (*size = 16; *size < *nids * 2; *size *= 2)
		;
	*set = vg_calloc(*size, sizeof **set);
	for (size_t i = 0; i < *nids; i++)
		userdb_set_add(*set, *size, (*ids)[i].id);
}

void userdb_load(struct userdb *db, int rootfd, unsigned home_min_uid)
{
	struct stat a, b;
	char *text;

	memset(db, 0, sizeof *db);
	db->home_min_uid = home_min_uid;
	if (fstat(rootfd, &a) == 0 && stat("/", &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino) {
		db->nss = true;
		db->cache = vg_calloc(1, sizeof *db->cache);
		pthread_rwlock_init(&db->cache->lock, NULL);
	}
	text = userdb_read(rootfd, "/etc/passwd");
	db->have_passwd = text != NULL;
	userdb_parse(db, text != NULL ? text : (char[]){""}, true, home_min_uid);
	free(text);
	text = userdb_read(rootfd, "/etc/group");
	db->have_group = text != NULL;
	userdb_parse(db, text != NULL ? text : (char[]){""}, false, home_min_uid);
	free(text);
}

void userdb_free(struct userdb *db)
{
	for (size_t i = 0; i < db->nusers; i++)
		free(db->users[i].name);
	for (size_t i = 0; i < db->ngroups; i++)
		free(db->groups[i].name);
	for (size_t i = 0; i < db->nhomes; i++)
		free(db->homes[i]);
	free(db->users);
	free(db->groups);
	free(db->uset);
	free(db->gset);
	free(db->homes);
	if (db->cache != NULL) {
		for (int k = 0; k < 2; k++) {
			for (size_t i = 0; i < db->cache->size[k]; i++) {
				free(db->cache->t[k][i].name);
				free(db->cache->t[k][i].home);
			}
			free(db->cache->t[k]);
		}
		pthread_rwlock_destroy(&db->cache->lock);
		free(db->cache);
	}
	memset(db, 0, sizeof *db);
}

/* Asks NSS for user (k 0) or group (k 1) id; fills e (name and home heap-owned). */
static void userdb_nss_ask(const struct userdb *db, int k, unsigned id, struct userdb_nss_ent *e)
{
	size_t len = 1024;
	char *buf = NULL;
	int rc;

	e->id1 = id + 1;
	for (;;) {
		buf = vg_reallocarray(buf, len, 1);
		if (k == 0) {
			struct passwd pw, *res = NULL;

			rc = getpwuid_r((uid_t)id, &pw, buf, len, &res);
			if (rc == 0 && res != NULL) {
				e->known = true;
				e->name = vg_strdup(pw.pw_name);
				if ((id == 0 || id >= db->home_min_uid) && pw.pw_dir != NULL &&
				    pw.pw_dir[0] == '/' && pw.pw_dir[1] != '\0' &&
				    strcmp(pw.pw_dir, "/nonexistent") != 0)
					e->home = vg_strdup(pw.pw_dir);
			}
		} else {
			struct group gr, *res = NULL;

			rc = getgrgid_r((gid_t)id, &gr, buf, len, &res);
			if (rc == 0 && res != NULL) {
				e->known = true;
				e->name = vg_strdup(gr.gr_name);
			}
		}
		if (rc != ERANGE || len >= (1u << 20))
			break;
		len *= 2;
	}
	free(buf);
}

/* The slot of id in table k, or NULL; under the lock. */
static struct userdb_nss_ent *userdb_nss_find(struct userdb_nss *c, int k, unsigned id)
{
	if (c->size[k] > 0)
		for (size_t i = (id * 2654435761u) & (c->size[k] - 1); c->t[k][i].id1 != 0;
		     i = (i + 1) & (c->size[k] - 1))
			if (c->t[k][i].id1 == id + 1)
				return &c->t[k][i];
	return NULL;
}

/* Copies into *out the answer of NSS for id (asked the first time, then cached); false
 * when db is not live. The names it points to live until userdb_free (past
 * USERDB_NSS_MAX ids the answer is not cached and only known is set). Readers share
 * the lock: most entries of a tree belong to ids already asked. */
static bool userdb_nss_get(struct userdb *db, int k, unsigned id, struct userdb_nss_ent *out)
{
	struct userdb_nss *c = db->cache;
	struct userdb_nss_ent *e;
	size_t i;

	if (c == NULL)
		return false;
	pthread_rwlock_rdlock(&c->lock);
	e = userdb_nss_find(c, k, id);
	if (e != NULL)
		*out = *e;
	pthread_rwlock_unlock(&c->lock);
	if (e != NULL)
		return true;
	pthread_rwlock_wrlock(&c->lock);
	if ((e = userdb_nss_find(c, k, id)) != NULL) { /* another thread asked meanwhile */
		*out = *e;
		goto out;
	}
	if (c->n[k] >= USERDB_NSS_MAX) {
		memset(out, 0, sizeof *out);
		userdb_nss_ask(db, k, id, out);
		free(out->name);
		free(out->home);
		out->name = out->home = NULL;
		goto out;
	}
	if ((c->n[k] + 1) * 2 > c->size[k]) {
		struct userdb_nss_ent *old = c->t[k];
		size_t osize = c->size[k];

		c->size[k] = osize ? osize * 2 : 64;
		c->t[k] = vg_calloc(c->size[k], sizeof *c->t[k]);
		for (size_t j = 0; j < osize; j++) {
			if (old[j].id1 == 0)
				continue;
			for (i = ((old[j].id1 - 1) * 2654435761u) & (c->size[k] - 1);
			     c->t[k][i].id1 != 0; i = (i + 1) & (c->size[k] - 1))
				;
			c->t[k][i] = old[j];
		}
		free(old);
	}
	for (i = (id * 2654435761u) & (c->size[k] - 1); c->t[k][i].id1 != 0;
	     i = (i + 1) & (c->size[k] - 1))
		;
	userdb_nss_ask(db, k, id, &c->t[k][i]);
	c->n[k]++;
	*out = c->t[k][i];
out:
	pthread_rwlock_unlock(&c->lock);
	return true;
}

bool userdb_has_uid(struct userdb *db, unsigned uid)
{
	struct userdb_nss_ent e;

	if (userdb_set_has(db->uset, db->usize, uid))
		return true;
	return userdb_nss_get(db, 0, uid, &e) && e.known;
}

bool userdb_has_gid(struct userdb *db, unsigned gid)
{
	struct userdb_nss_ent e;

	if (userdb_set_has(db->gset, db->gsize, gid))
		return true;
	return userdb_nss_get(db, 1, gid, &e) && e.known;
}

const char *userdb_nss_home(struct userdb *db, unsigned uid)
{
	struct userdb_nss_ent e;

	if (!db->nss || userdb_set_has(db->uset, db->usize, uid))
		return NULL;
	return userdb_nss_get(db, 0, uid, &e) ? e.home : NULL;
}

static const char *userdb_name(const struct userdb_id *ids, size_t n, unsigned id)
{
	struct userdb_id key = {id, NULL};
	const struct userdb_id *hit =
	    n > 0 ? bsearch(&key, ids, n, sizeof *ids, userdb_id_cmp) : NULL;

	return hit != NULL ? hit->name : NULL;
}

const char *userdb_user_name(struct userdb *db, unsigned uid)
{
	const char *name = userdb_name(db->users, db->nusers, uid);
	struct userdb_nss_ent e;

	if (name != NULL || !db->nss)
		return name;
	return userdb_nss_get(db, 0, uid, &e) ? e.name : NULL;
}

const char *userdb_group_name(struct userdb *db, unsigned gid)
{
	const char *name = userdb_name(db->groups, db->ngroups, gid);
	struct userdb_nss_ent e;

	if (name != NULL || !db->nss)
		return name;
	return userdb_nss_get(db, 1, gid, &e) ? e.name : NULL;
}

static long userdb_lookup(const struct userdb_id *ids, size_t n, const char *name)
{
	unsigned id;

	if (userdb_number(name, &id))
		return (long)id;
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i].name, name) == 0)
			return (long)ids[i].id;
	return -1;
}

/* Asks NSS for the id of a user (k 0) or group (k 1) name; -1 when unknown. */
static long userdb_nss_id(int k, const char *name)
{
	size_t len = 1024;
	char *buf = NULL;
	long id = -1;
	int rc;

	for (;;) {
		buf = vg_reallocarray(buf, len, 1);
		if (k == 0) {
			struct passwd pw, *res = NULL;

			rc = getpwnam_r(name, &pw, buf, len, &res);
			if (rc == 0 && res != NULL)
				id = (long)pw.pw_uid;
		} else {
			struct group gr, *res = NULL;

			rc = getgrnam_r(name, &gr, buf, len, &res);
			if (rc == 0 && res != NULL)
				id = (long)gr.gr_gid;
		}
		if (rc != ERANGE || len >= (1u << 20))
			break;
		len *= 2;
	}
	free(buf);
	return id;
}

long userdb_user_id(const struct userdb *db, const char *name)
{
	long id = userdb_lookup(db->users, db->nusers, name);

	return id < 0 && db->nss ? userdb_nss_id(0, name) : id;
}

long userdb_group_id(const struct userdb *db, const char *name)
{
	long id = userdb_lookup(db->groups, db->ngroups, name);

	return id < 0 && db->nss ? userdb_nss_id(1, name) : id;
}
