/* userdb: the users and groups of the audited root, read once from ROOT/etc/passwd and
 * ROOT/etc/group (parsed here: the root may be another system). When the root is this
 * system's own /, ids and names the files do not know are asked of the system's user
 * database (NSS: LDAP, Active Directory, sssd...), once each, and cached. */
#ifndef VIGIE_USERDB_H
#define VIGIE_USERDB_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A set of ids with their names, and the home directories of people. */
struct userdb {
	struct userdb_id *users, *groups; /* sorted by id */
	size_t nusers, ngroups;
	unsigned *uset, *gset; /* open-addressing hash sets of ids + 1 (0 = empty) */
	size_t usize, gsize;   /* powers of two */
	char **homes;          /* home directories of uid 0 and uid >= home_min_uid */
	size_t nhomes;
	bool have_passwd, have_group; /* the files could be read */
	bool nss;                     /* the root is this system's /: NSS is asked too */
	unsigned home_min_uid;
	struct userdb_nss *cache; /* ids asked of NSS (thread-safe), or NULL */
};

struct userdb_id {
	unsigned id;
	char *name;
};

/* Loads ROOT/etc/passwd and ROOT/etc/group (without following symbolic links); missing
 * files leave empty sets and the have_ flag false. When rootfd is this system's / (same
 * device and inode), sets nss: the lookups below then ask NSS for what the files lack.
 * Free with userdb_free. */
void userdb_load(struct userdb *db, int rootfd, unsigned home_min_uid);
/* Frees what userdb_load allocated. */
void userdb_free(struct userdb *db);
/* True when uid is a user of the root. Thread-safe. */
bool userdb_has_uid(struct userdb *db, unsigned uid);
/* True when gid is a group of the root. Thread-safe. */
bool userdb_has_gid(struct userdb *db, unsigned gid);
/* Name of uid or gid, or NULL. Thread-safe. */
const char *userdb_user_name(struct userdb *db, unsigned uid);
const char *userdb_group_name(struct userdb *db, unsigned gid);
/* Home directory of a user that NSS gave (uid 0 or from home_min_uid), or NULL: the
 * homes of the files are in homes. Thread-safe. */
const char *userdb_nss_home(struct userdb *db, unsigned uid);
/* Resolves a user (group) name or decimal id to an id; -1 when unknown. */
long userdb_user_id(const struct userdb *db, const char *name);
long userdb_group_id(const struct userdb *db, const char *name);

#endif
