/* userdb: passwd and group files of the audited root, parsed once into hash sets. */
#include "check/userdb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/walk.h"
#include "util.h"

#define USERDB_MAX_FILE (16u << 20) /* bytes of passwd or group */

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
	char *text;

	memset(db, 0, sizeof *db);
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
	memset(db, 0, sizeof *db);
}

bool userdb_has_uid(const struct userdb *db, unsigned uid)
{
	return userdb_set_has(db->uset, db->usize, uid);
}

bool userdb_has_gid(const struct userdb *db, unsigned gid)
{
	return userdb_set_has(db->gset, db->gsize, gid);
}

static const char *userdb_name(const struct userdb_id *ids, size_t n, unsigned id)
{
	struct userdb_id key = {id, NULL};
	const struct userdb_id *hit =
	    n > 0 ? bsearch(&key, ids, n, sizeof *ids, userdb_id_cmp) : NULL;

	return hit != NULL ? hit->name : NULL;
}

const char *userdb_user_name(const struct userdb *db, unsigned uid)
{
	return userdb_name(db->users, db->nusers, uid);
}

const char *userdb_group_name(const struct userdb *db, unsigned gid)
{
	return userdb_name(db->groups, db->ngroups, gid);
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

long userdb_user_id(const struct userdb *db, const char *name)
{
	return userdb_lookup(db->users, db->nusers, name);
}

long userdb_group_id(const struct userdb *db, const char *name)
{
	return userdb_lookup(db->groups, db->ngroups, name);
}
