/* store: the consultant's SQLite store (docs/store-schema.md). The only file that includes
 * sqlite3.h. */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"

#define _(s)  gettext(s)
#define N_(s) (s)

/* One migration: applied in order, each in the transaction that applies them all. */
struct store_migration {
	int version;
	const char *name;
	const char *sql;
};

static const struct store_migration store_migrations[] = {
    {1, "initial schema",
     "CREATE TABLE migration (\n"
     "  version INTEGER PRIMARY KEY,\n"
     "  name TEXT NOT NULL,\n"
     "  applied_at TEXT NOT NULL\n"
     ");\n"
     "CREATE TABLE scorecard (\n"
     "  id INTEGER PRIMARY KEY,\n"
     "  sha256 TEXT NOT NULL UNIQUE,\n"
     "  org_key TEXT NOT NULL,\n"
     "  org_insee TEXT,\n"
     "  org_name TEXT,\n"
     "  org_contact TEXT,\n"
     "  format TEXT NOT NULL,\n"
     "  tool_name TEXT NOT NULL,\n"
     "  tool_version TEXT NOT NULL,\n"
     "  questionnaire_id TEXT NOT NULL,\n"
     "  questionnaire_version TEXT NOT NULL,\n"
     "  questionnaire_sha256 TEXT NOT NULL,\n"
     "  generated_at TEXT NOT NULL,\n"
     "  host TEXT,\n"
     "  overall REAL,\n"
     "  grade TEXT CHECK (grade IN ('A','B','C','D','E')),\n"
     "  critical_cap INTEGER NOT NULL,\n"
     "  sig_kind TEXT NOT NULL CHECK (sig_kind IN ('minisig','cms')),\n"
     "  signer TEXT NOT NULL,\n"
     "  signer_key TEXT NOT NULL,\n"
     "  signed_at TEXT,\n"
     "  source TEXT NOT NULL,\n"
     "  imported_at TEXT NOT NULL,\n"
     "  scorecard_bytes BLOB NOT NULL,\n"
     "  signature_bytes BLOB NOT NULL\n"
     ");\n"
     "CREATE INDEX scorecard_org ON scorecard (org_key, generated_at);\n"
     "CREATE INDEX scorecard_insee ON scorecard (org_insee);\n"
     "CREATE TABLE domain_score (\n"
     "  scorecard_id INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,\n"
     "  domain TEXT NOT NULL,\n"
     "  title_fr TEXT NOT NULL,\n"
     "  title_en TEXT NOT NULL,\n"
     "  weight REAL NOT NULL,\n"
     "  score REAL,\n"
     "  PRIMARY KEY (scorecard_id, domain)\n"
     ") WITHOUT ROWID;\n"
     "CREATE TABLE answer (\n"
     "  scorecard_id INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,\n"
     "  question TEXT NOT NULL,\n"
     "  answer TEXT NOT NULL,\n"
     "  declared INTEGER,\n"
     "  retained INTEGER,\n"
     "  status TEXT NOT NULL,\n"
     "  note TEXT,\n"
     "  capped_by TEXT,\n"
     "  review INTEGER NOT NULL,\n"
     "  PRIMARY KEY (scorecard_id, question)\n"
     ") WITHOUT ROWID;\n"
     "CREATE TABLE finding (\n"
     "  scorecard_id INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,\n"
     "  seq INTEGER NOT NULL,\n"
     "  check_id TEXT NOT NULL,\n"
     "  status TEXT NOT NULL,\n"
     "  cap INTEGER,\n"
     "  informs TEXT NOT NULL,\n"
     "  reason_fr TEXT,\n"
     "  reason_en TEXT,\n"
     "  PRIMARY KEY (scorecard_id, seq)\n"
     ") WITHOUT ROWID;\n"
     "CREATE TABLE action (\n"
     "  scorecard_id INTEGER NOT NULL REFERENCES scorecard (id) ON DELETE CASCADE,\n"
     "  rank INTEGER NOT NULL,\n"
     "  question TEXT NOT NULL,\n"
     "  gap INTEGER NOT NULL,\n"
     "  priority INTEGER NOT NULL,\n"
     "  effort TEXT NOT NULL,\n"
     "  priority_measure INTEGER NOT NULL,\n"
     "  PRIMARY KEY (scorecard_id, rank)\n"
     ") WITHOUT ROWID;\n"
     "CREATE INDEX action_measure ON action (question) WHERE priority_measure = 1;\n"
     "CREATE TABLE question (\n"
     "  questionnaire_sha256 TEXT NOT NULL,\n"
     "  question TEXT NOT NULL,\n"
     "  text_fr TEXT NOT NULL,\n"
     "  text_en TEXT NOT NULL,\n"
     "  PRIMARY KEY (questionnaire_sha256, question)\n"
     ") WITHOUT ROWID;\n"},
    {2, "answers, findings, domain scores and actions as views over the signed bytes",
     /* The child tables held nothing the scorecard's bytes do not: as views they cannot
      * disagree with the evidence, and an import writes one row instead of ~140. */
     "DROP INDEX action_measure;\n"
     "DROP TABLE answer;\n"
     "DROP TABLE finding;\n"
     "DROP TABLE action;\n"
     "DROP TABLE domain_score;\n"
     "DROP TABLE question;\n"
     "CREATE VIEW answer AS SELECT s.id AS scorecard_id, a.key AS question,\n"
     "  json_extract(a.value, '$.answer') AS answer,\n"
     "  json_extract(a.value, '$.declared') AS declared,\n"
     "  json_extract(a.value, '$.retained') AS retained,\n"
     "  json_extract(a.value, '$.status') AS status,\n"
     "  json_extract(a.value, '$.note') AS note,\n"
     "  json_extract(a.value, '$.capped_by') AS capped_by,\n"
     "  json_extract(a.value, '$.review') AS review\n"
     "  FROM scorecard s, json_each(CAST(s.scorecard_bytes AS TEXT), '$.answers') a;\n"
     "CREATE VIEW finding AS SELECT s.id AS scorecard_id, e.key AS seq,\n"
     "  json_extract(e.value, '$.id') AS check_id,\n"
     "  json_extract(e.value, '$.status') AS status,\n"
     "  json_extract(e.value, '$.cap') AS cap,\n"
     "  (SELECT group_concat(i.value, ' ') FROM json_each(e.value, '$.informs') i) AS informs,\n"
     "  json_extract(e.value, '$.reason.fr') AS reason_fr,\n"
     "  json_extract(e.value, '$.reason.en') AS reason_en\n"
     "  FROM scorecard s, json_each(CAST(s.scorecard_bytes AS TEXT), '$.evidence') e;\n"
     "CREATE VIEW domain_score AS SELECT s.id AS scorecard_id, d.key AS domain,\n"
     "  json_extract(d.value, '$.title.fr') AS title_fr,\n"
     "  json_extract(d.value, '$.title.en') AS title_en,\n"
     "  json_extract(d.value, '$.weight') AS weight,\n"
     "  json_extract(d.value, '$.score') AS score\n"
     "  FROM scorecard s, json_each(CAST(s.scorecard_bytes AS TEXT), '$.scores.domains') d;\n"
     "CREATE VIEW action AS SELECT s.id AS scorecard_id, p.key + 1 AS rank,\n"
     "  json_extract(p.value, '$.question') AS question,\n"
     "  json_extract(p.value, '$.gap') AS gap,\n"
     "  json_extract(p.value, '$.priority') AS priority,\n"
     "  json_extract(p.value, '$.effort') AS effort,\n"
     "  json_extract(p.value, '$.priority_measure') AS priority_measure,\n"
     "  json_extract(p.value, '$.text.fr') AS text_fr,\n"
     "  json_extract(p.value, '$.text.en') AS text_en,\n"
     "  json_extract(p.value, '$.advice.fr') AS advice_fr,\n"
     "  json_extract(p.value, '$.advice.en') AS advice_en\n"
     "  FROM scorecard s, json_each(CAST(s.scorecard_bytes AS TEXT), '$.action_plan') p;\n"},
};

#define STORE_NMIGRATIONS (sizeof store_migrations / sizeof store_migrations[0])

enum { ST_FIND, ST_CARD, ST_BEGIN, ST_COMMIT, ST_ROLLBACK, ST_N };

static const char *const store_sql[ST_N] = {
    [ST_FIND] = "SELECT id FROM scorecard WHERE sha256 = ?1",
    [ST_CARD] = "INSERT INTO scorecard (sha256, org_key, org_insee, org_name, org_contact, "
                "format, tool_name, tool_version, questionnaire_id, questionnaire_version, "
                "questionnaire_sha256, generated_at, host, overall, grade, critical_cap, "
                "sig_kind, signer, signer_key, signed_at, source, imported_at, "
                "scorecard_bytes, signature_bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
                "?24)",
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
};

#define STORE_PAGE_SIZE "8192"

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[ST_N];
	int ckpt_frames; /* store_defer_checkpoints */
	bool (*ckpt_ready)(void *, int);
	void *ckpt_arg;
};

const char *store_lib_version(void)
{
	return sqlite3_libversion();
}

static int store_fail(struct store *st, struct vg_err *err, const char *what)
{
	return vg_err_set(err, VG_EINPUT, _("%s : %s : %s"), st->path, _(what),
	                  sqlite3_errmsg(st->db));
}

static int store_exec(struct store *st, const char *sql, struct vg_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		vg_err_set(err, VG_EINPUT, _("%s : %s"), st->path,
		           msg != NULL ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int store_user_version(struct store *st, int *v, struct vg_err *err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, err, N_("lecture de la version du schéma impossible"));
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(s);
		return store_fail(st, err, N_("lecture de la version du schéma impossible"));
	}
	*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

static int store_newer(struct store *st, int v, struct vg_err *err)
{
	return vg_err_set(
	    err, VG_EINPUT,
	    _("%s : la base a la version de schéma %d, écrite par un vigie plus "
	      "récent ; celui-ci connaît jusqu'à la version %d : mettez vigie à jour"),
	    st->path, v, STORE_SCHEMA_VERSION);
}

/* Brings the schema up to STORE_SCHEMA_VERSION in one transaction, or refuses a newer one. */
static int store_migrate(struct store *st, struct vg_err *err)
{
	sqlite3_stmt *ins = NULL;
	char now[32];
	int v;

	if (store_user_version(st, &v, err) != 0)
		return -1;
	if (v > STORE_SCHEMA_VERSION)
		return store_newer(st, v, err);
	if (v == STORE_SCHEMA_VERSION)
		return 0;
	if (store_exec(st, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (store_user_version(st, &v, err) != 0)
		goto fail;
	if (v > STORE_SCHEMA_VERSION) {
		store_newer(st, v, err);
		goto fail;
	}
	vg_rfc3339_now(now, sizeof now);
	for (size_t i = 0; i < STORE_NMIGRATIONS; i++) {
		const struct store_migration *m = &store_migrations[i];
		char pragma[64];

		if (m->version <= v)
			continue;
		if (store_exec(st, m->sql, err) != 0)
			goto fail;
		if (sqlite3_prepare_v2(st->db, "INSERT INTO migration VALUES (?1, ?2, ?3)", -1,
		                       &ins, NULL) != SQLITE_OK) {
			store_fail(st, err, N_("enregistrement d'une migration impossible"));
			goto fail;
		}
		sqlite3_bind_int(ins, 1, m->version);
		sqlite3_bind_text(ins, 2, m->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, now, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			store_fail(st, err, N_("enregistrement d'une migration impossible"));
			goto fail;
		}
		sqlite3_finalize(ins);
		ins = NULL;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
		if (store_exec(st, pragma, err) != 0)
			goto fail;
	}
	if (store_exec(st, "COMMIT", err) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_finalize(ins);
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Creates path as an empty file of mode 0600 when it does not exist; never follows a
 * symlink. SQLite then gives its -wal and -shm files the same mode. */
static int store_create_file(const char *path, bool create, struct vg_err *err)
{
	struct stat sb;
	int fd;

	if (lstat(path, &sb) == 0) {
		if (S_ISLNK(sb.st_mode))
			return vg_err_set(
			    err, VG_EINPUT,
			    _("%s : est un lien symbolique ; donnez le vrai chemin de la base"),
			    path);
		if (!S_ISREG(sb.st_mode))
			return vg_err_set(err, VG_EINPUT, _("%s : n'est pas un fichier ordinaire"),
			                  path);
		return 0;
	}
	if (errno != ENOENT)
		return vg_err_set(err, VG_ESYS, _("%s : %s"), path, strerror(errno));
	if (!create)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : base introuvable ; « vigie collect --db %s … » la crée"),
		                  path, path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno != EEXIST)
		return vg_err_set(err, VG_ESYS, _("%s : création impossible : %s"), path,
		                  strerror(errno));
	if (fd >= 0)
		close(fd);
	return 0;
}

int store_open(const char *path, bool create, struct store **out, struct vg_err *err)
{
	struct store *st;
	/* A store is used by one thread at a time: collect gives each worker its own. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	if (store_create_file(path, create, err) != 0)
		return -1;
	st = vg_calloc(1, sizeof *st);
	st->path = vg_strdup(path);
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			vg_err_set(err, VG_ESYS,
			           _("%s : ouverture de la base impossible : mémoire insuffisante"),
			           path);
		else
			store_fail(st, err, N_("ouverture de la base impossible"));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
	/* A new store only (SQLite ignores it afterwards): a 67 KB scorecard spans 9 pages
	 * instead of 17, fewer writes per import and per checkpoint (docs/store-schema.md). */
	if (store_exec(st, "PRAGMA page_size = " STORE_PAGE_SIZE, err) != 0 ||
	    store_exec(st, "PRAGMA journal_mode = WAL", err) != 0 ||
	    store_exec(st, "PRAGMA synchronous = NORMAL", err) != 0 ||
	    store_exec(st, "PRAGMA foreign_keys = ON", err) != 0)
		goto fail;
	if (store_migrate(st, err) != 0)
		goto fail;
	for (int i = 0; i < ST_N; i++)
		if (sqlite3_prepare_v3(st->db, store_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
		                       &st->st[i], NULL) != SQLITE_OK) {
			store_fail(st, err, N_("préparation d'une requête impossible"));
			goto fail;
		}
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}

static int store_wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store *st = arg;

	if (frames >= 16 * st->ckpt_frames ||
	    (frames >= st->ckpt_frames && st->ckpt_ready(st->ckpt_arg, frames)))
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

void store_defer_checkpoints(struct store *st, int frames, bool (*ready)(void *, int), void *arg)
{
	if (ready == NULL) {
		sqlite3_wal_autocheckpoint(st->db, 1000); /* SQLite's default again */
		return;
	}
	st->ckpt_frames = frames > 0 ? frames : 1;
	st->ckpt_ready = ready;
	st->ckpt_arg = arg;
	sqlite3_wal_hook(st->db, store_wal_hook, st);
}

int store_checkpoint(struct store *st, int *copied, struct vg_err *err)
{
	int rc, log = 0;

	*copied = 0;
	rc =
	    sqlite3_wal_checkpoint_v2(st->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, copied) & 0xff;
	if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
		return store_fail(st, err,
		                  N_("report du journal d'écriture (WAL) dans la base impossible"));
	return 0;
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < ST_N; i++)
		sqlite3_finalize(st->st[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* ---- import ---- */

static void store_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

/* Runs a bound insert and resets it. */
static int store_step(struct store *st, sqlite3_stmt *s, struct vg_err *err)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, N_("import impossible"));
	return 0;
}

static int store_insert_card(struct store *st, const struct store_item *it, const char *sha,
                             const char *key, struct vg_err *err)
{
	const struct scorecard *sc = it->sc;
	sqlite3_stmt *s = st->st[ST_CARD];
	char now[32];

	vg_rfc3339_now(now, sizeof now);
	store_text(s, 1, sha);
	store_text(s, 2, key);
	store_text(s, 3, sc->org_insee);
	store_text(s, 4, sc->org_name);
	store_text(s, 5, sc->org_contact);
	store_text(s, 6, sc->format);
	store_text(s, 7, sc->tool_name);
	store_text(s, 8, sc->tool_version);
	store_text(s, 9, sc->q_id);
	store_text(s, 10, sc->q_version);
	store_text(s, 11, sc->q_sha256);
	store_text(s, 12, sc->generated_at);
	store_text(s, 13, sc->host);
	if (sc->scored)
		sqlite3_bind_double(s, 14, sc->overall);
	else
		sqlite3_bind_null(s, 14);
	store_text(s, 15, sc->grade);
	sqlite3_bind_int(s, 16, sc->critical_cap);
	store_text(s, 17, it->sig_kind);
	store_text(s, 18, it->signer);
	store_text(s, 19, it->signer_key);
	store_text(s, 20, it->signed_at);
	store_text(s, 21, it->source);
	store_text(s, 22, now);
	sqlite3_bind_blob64(s, 23, it->data, it->len, SQLITE_STATIC);
	sqlite3_bind_blob64(s, 24, it->sig, it->siglen, SQLITE_STATIC);
	return store_step(st, s, err);
}

int store_has(struct store *st, const char *sha256, bool *present, struct vg_err *err)
{
	sqlite3_stmt *s = st->st[ST_FIND];
	int rc;

	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, N_("recherche du bilan impossible"));
	*present = rc == SQLITE_ROW;
	return 0;
}

int store_import(struct store *st, const struct store_item *it, enum store_outcome *outcome,
                 struct vg_err *err)
{
	const struct scorecard *sc = it->sc;
	char sha[65], *key;
	bool present = false;

	if (it->sha256 != NULL)
		snprintf(sha, sizeof sha, "%s", it->sha256);
	else
		digest_sha256_hex(it->data, it->len, sha);
	if (sc->org_insee != NULL)
		key = vg_asprintf("insee:%s", sc->org_insee);
	else if (sc->org_name != NULL)
		key = vg_asprintf("name:%s", sc->org_name);
	else
		key = vg_strdup("unknown");
	/* One document for every reader of the store (docs/store-schema.md). */
	if (store_json_keys_plain(it->data, it->len, err) != 0 ||
	    store_step(st, st->st[ST_BEGIN], err) != 0) {
		free(key);
		return -1;
	}
	/* Looked up again inside the write transaction: another collect may have stored it. */
	if (store_has(st, sha, &present, err) != 0)
		goto fail;
	if (present) {
		*outcome = STORE_PRESENT;
		free(key);
		return store_step(st, st->st[ST_ROLLBACK], err);
	}
	if (store_insert_card(st, it, sha, key, err) != 0 ||
	    store_step(st, st->st[ST_COMMIT], err) != 0)
		goto fail;
	*outcome = STORE_IMPORTED;
	free(key);
	return 0;
fail:
	free(key);
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* ---- queries ---- */

static const char *store_col(struct vg_arena *a, sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	if (t == NULL)
		return NULL;
	return vg_arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(s, i));
}

/* The filtered scorecards, ranked per organisation, newest first. Parameters ?1..?4 are
 * the filter's questionnaire, since, until and INSEE prefix. */
#define STORE_RANKED                                                                               \
	"WITH f AS (SELECT id, org_key, org_insee, org_name, generated_at, overall, grade, "       \
	"questionnaire_id, questionnaire_version, signer FROM scorecard WHERE "                    \
	"(?1 IS NULL OR questionnaire_id = ?1) AND "                                               \
	"(?2 IS NULL OR substr(generated_at, 1, 10) >= ?2) AND "                                   \
	"(?3 IS NULL OR substr(generated_at, 1, 10) <= ?3) AND "                                   \
	"(?4 IS NULL OR substr(org_insee, 1, length(?4)) = ?4)), "                                 \
	"r AS (SELECT f.*, row_number() OVER w AS rn, count(*) OVER (PARTITION BY org_key) AS n, " \
	"lead(overall) OVER w AS p_overall, lead(grade) OVER w AS p_grade, "                       \
	"lead(id) OVER w AS p_id FROM f "                                                          \
	"WINDOW w AS (PARTITION BY org_key ORDER BY generated_at DESC, id DESC)), "                \
	"latest AS (SELECT * FROM r WHERE rn = 1) "

static const char store_sql_orgs[] =
    STORE_RANKED "SELECT org_insee, org_name, generated_at, grade, overall, p_id, p_grade, "
                 "p_overall, questionnaire_id || ' ' || questionnaire_version, signer, n, "
                 "(SELECT count(*) FROM f) FROM latest "
                 "ORDER BY org_insee IS NULL, org_insee, org_name, org_key";

static const char store_sql_domains[] =
    STORE_RANKED "SELECT d.domain, min(d.title_fr), min(d.title_en), avg(d.score), "
                 "count(d.score) FROM latest JOIN domain_score d ON d.scorecard_id = latest.id "
                 "GROUP BY d.domain ORDER BY d.domain";

static const char store_sql_gaps[] =
    STORE_RANKED "SELECT a.question, count(*) AS c, "
                 "min(a.text_fr), min(a.text_en) "
                 "FROM latest JOIN action a ON a.scorecard_id = latest.id "
                 "AND a.priority_measure = 1 GROUP BY a.question "
                 "ORDER BY c DESC, a.question LIMIT 10";

static int store_prepare_filter(struct store *st, const char *sql, const struct store_filter *f,
                                sqlite3_stmt **s, struct vg_err *err)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, s, NULL) != SQLITE_OK)
		return store_fail(st, err, N_("interrogation de la base impossible"));
	store_text(*s, 1, f->questionnaire);
	store_text(*s, 2, f->since);
	store_text(*s, 3, f->until);
	store_text(*s, 4, f->insee);
	return 0;
}

/* Grows *arr (of *n items of size sz, *cap capacity) by one zeroed item; returns it. */
static void *store_push(void **arr, size_t *n, size_t *cap, size_t sz)
{
	char *p;

	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*arr = vg_reallocarray(*arr, *cap, sz);
	}
	p = (char *)*arr + *n * sz;
	memset(p, 0, sz);
	(*n)++;
	return p;
}

/* Moves a malloc'd array into the arena (so the summary frees in one go). */
static void *store_to_arena(struct vg_arena *a, void *arr, size_t n, size_t sz)
{
	void *p = vg_arena_alloc(a, (n + 1) * sz);

	if (n > 0)
		memcpy(p, arr, n * sz);
	free(arr);
	return p;
}

/* Runs a summary query and fills one item of sz bytes per row with fill: the items go to
 * the summary's arena (*items, *n). what names the query in an error. */
static int store_q_rows(struct store *st, const char *sql, const struct store_filter *f,
                        struct store_summary *sum, size_t sz,
                        void (*fill)(struct store_summary *, sqlite3_stmt *, void *), void **items,
                        size_t *n, const char *what, struct vg_err *err)
{
	sqlite3_stmt *s;
	void *arr = NULL;
	size_t cap = 0;
	int rc;

	if (store_prepare_filter(st, sql, f, &s, err) != 0)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fill(sum, s, store_push(&arr, n, &cap, sz));
	*items = store_to_arena(&sum->arena, arr, *n, sz);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, err, what);
	return 0;
}

static void store_fill_org(struct store_summary *sum, sqlite3_stmt *s, void *item)
{
	struct vg_arena *a = &sum->arena;
	struct store_org *o = item;

	o->insee = store_col(a, s, 0);
	o->name = store_col(a, s, 1);
	o->date = store_col(a, s, 2);
	o->grade = store_col(a, s, 3);
	o->scored = sqlite3_column_type(s, 4) != SQLITE_NULL;
	o->score = sqlite3_column_double(s, 4);
	o->has_prev = sqlite3_column_type(s, 5) != SQLITE_NULL;
	o->prev_grade = store_col(a, s, 6);
	o->prev_scored = sqlite3_column_type(s, 7) != SQLITE_NULL;
	o->prev_score = sqlite3_column_double(s, 7);
	o->questionnaire = store_col(a, s, 8);
	o->signer = store_col(a, s, 9);
	o->count = (long)sqlite3_column_int64(s, 10);
	sum->scorecards = (long)sqlite3_column_int64(s, 11);
}

static void store_fill_domain(struct store_summary *sum, sqlite3_stmt *s, void *item)
{
	struct vg_arena *a = &sum->arena;
	struct store_domain_avg *d = item;

	d->id = store_col(a, s, 0);
	d->title.fr = store_col(a, s, 1);
	d->title.en = store_col(a, s, 2);
	d->average = sqlite3_column_double(s, 3);
	d->count = (long)sqlite3_column_int64(s, 4);
}

static void store_fill_gap(struct store_summary *sum, sqlite3_stmt *s, void *item)
{
	struct vg_arena *a = &sum->arena;
	struct store_gap *g = item;

	g->question = store_col(a, s, 0);
	g->count = (long)sqlite3_column_int64(s, 1);
	g->text.fr = store_col(a, s, 2);
	g->text.en = store_col(a, s, 3);
}

int store_summary(struct store *st, const struct store_filter *f, struct store_summary **out,
                  struct vg_err *err)
{
	struct store_summary *sum = vg_calloc(1, sizeof *sum);
	void *orgs = NULL, *domains = NULL, *gaps = NULL;

	*out = NULL;
	vg_arena_init(&sum->arena);
	/* One read transaction, so the three queries see the same scorecards. */
	if (store_exec(st, "BEGIN", err) != 0) {
		store_summary_free(sum);
		return -1;
	}
	if (store_q_rows(st, store_sql_orgs, f, sum, sizeof *sum->orgs, store_fill_org, &orgs,
	                 &sum->norgs, N_("lecture des collectivités impossible"), err) != 0 ||
	    store_q_rows(st, store_sql_domains, f, sum, sizeof *sum->domains, store_fill_domain,
	                 &domains, &sum->ndomains, N_("lecture des domaines impossible"),
	                 err) != 0 ||
	    store_q_rows(st, store_sql_gaps, f, sum, sizeof *sum->gaps, store_fill_gap, &gaps,
	                 &sum->ngaps, N_("lecture des manques impossible"), err) != 0) {
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		store_summary_free(sum);
		return -1;
	}
	sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	sum->orgs = orgs;
	sum->domains = domains;
	sum->gaps = gaps;
	*out = sum;
	return 0;
}

void store_summary_free(struct store_summary *s)
{
	if (s == NULL)
		return;
	vg_arena_free(&s->arena);
	free(s);
}

/* The rows of a history query whose ?1 is bound to arg. */
static int store_history_q(struct store *st, const char *sql, const char *org,
                           struct store_history **out, struct vg_err *err);

int store_history(struct store *st, const char *org, struct store_history **out, struct vg_err *err)
{
	static const char sql[] =
	    "SELECT generated_at, grade, overall, signer, sig_kind, questionnaire_id, "
	    "questionnaire_version, org_insee, org_name, sha256, source, imported_at "
	    "FROM scorecard WHERE org_insee = ?1 OR (NOT EXISTS (SELECT 1 FROM scorecard "
	    "WHERE org_insee = ?1) AND org_name = ?1 COLLATE NOCASE) "
	    "ORDER BY generated_at, id";

	return store_history_q(st, sql, org, out, err);
}

int store_history_key(struct store *st, const char *key, struct store_history **out,
                      struct vg_err *err)
{
	static const char sql[] =
	    "SELECT generated_at, grade, overall, signer, sig_kind, questionnaire_id, "
	    "questionnaire_version, org_insee, org_name, sha256, source, imported_at "
	    "FROM scorecard WHERE org_key = ?1 ORDER BY generated_at, id";

	return store_history_q(st, sql, key, out, err);
}

static int store_history_q(struct store *st, const char *sql, const char *org,
                           struct store_history **out, struct vg_err *err)
{
	struct store_history *h;
	sqlite3_stmt *s;
	void *arr = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, err, N_("interrogation de la base impossible"));
	sqlite3_bind_text(s, 1, org, -1, SQLITE_STATIC);
	h = vg_calloc(1, sizeof *h);
	vg_arena_init(&h->arena);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct store_hist *r = store_push(&arr, &h->nrows, &cap, sizeof *r);
		struct vg_arena *a = &h->arena;

		r->date = store_col(a, s, 0);
		r->grade = store_col(a, s, 1);
		r->scored = sqlite3_column_type(s, 2) != SQLITE_NULL;
		r->score = sqlite3_column_double(s, 2);
		r->signer = store_col(a, s, 3);
		r->sig_kind = store_col(a, s, 4);
		r->q_id = store_col(a, s, 5);
		r->q_version = store_col(a, s, 6);
		r->insee = store_col(a, s, 7);
		r->name = store_col(a, s, 8);
		r->sha256 = store_col(a, s, 9);
		r->source = store_col(a, s, 10);
		r->imported_at = store_col(a, s, 11);
	}
	h->rows = store_to_arena(&h->arena, arr, h->nrows, sizeof *h->rows);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_history_free(h);
		return store_fail(st, err, N_("lecture de l'historique impossible"));
	}
	*out = h;
	return 0;
}

void store_history_free(struct store_history *h)
{
	if (h == NULL)
		return;
	vg_arena_free(&h->arena);
	free(h);
}

/* ---- finding an organisation by a piece of its name ---- */

/* The ASCII letter of a Latin-1 or Latin Extended-A letter with a diacritic (lowercase),
 * 0 when c is none. */
static char store_fold_letter(uint32_t c)
{
	static const char latin1[] = /* U+00C0..U+00FF */
	    "aaaaaaaceeeeiiii"
	    "dnooooo\0ouuuuyts"
	    "aaaaaaaceeeeiiii"
	    "dnooooo\0ouuuuyty";
	static const char exta[] = /* U+0100..U+017F */
	    "aaaaaaccccccccdd"
	    "ddeeeeeeeeeegggg"
	    "gggghhhhiiiiiiii"
	    "iijjjjkkklllllll"
	    "lllnnnnnnnnnoooo"
	    "oooorrrrrrssssss"
	    "ssttttttuuuuuuuu"
	    "uuuuwwyyyzzzzzzs";

	if (c >= 0xc0 && c <= 0xff)
		return latin1[c - 0xc0];
	if (c >= 0x100 && c <= 0x17f)
		return exta[c - 0x100];
	return 0;
}

/* s folded for matching, into b: lowercase ASCII letters and digits, accents removed
 * (combining marks dropped, œ and æ spelled out), everything else one space. */
static const char *store_fold(struct vg_buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	bool space = true;

	b->len = 0;
	while (i < n) {
		uint32_t c;
		size_t l = vg_utf8_decode(s + i, n - i, &c);
		char f = 0;
		const char *two = NULL;

		if (l == 0) {
			l = 1;
			c = 0xfffd;
		}
		i += l;
		if (c >= 0x300 && c <= 0x36f)
			continue;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			f = (char)c;
		else if (c >= 'A' && c <= 'Z')
			f = (char)(c - 'A' + 'a');
		else if (c == 0x152 || c == 0x153)
			two = "oe";
		else if (c == 0xc6 || c == 0xe6)
			two = "ae";
		else if (c == 0xdf)
			two = "ss";
		else
			f = store_fold_letter(c);
		if (two != NULL) {
			vg_buf_puts(b, two);
			space = false;
		} else if (f != 0) {
			vg_buf_append(b, &f, 1);
			space = false;
		} else if (!space) {
			vg_buf_puts(b, " ");
			space = true;
		}
	}
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	if (b->data == NULL)
		vg_buf_puts(b, "");
	return b->data != NULL ? b->data : "";
}

int store_find_orgs(struct store *st, const char *org, struct store_matches **out,
                    struct vg_err *err)
{
	/* Each organisation once, with the INSEE code and name of its latest scorecard. */
	static const char sql[] =
	    "SELECT org_key, org_insee, org_name FROM (SELECT org_key, org_insee, org_name, "
	    "row_number() OVER (PARTITION BY org_key ORDER BY generated_at DESC, id DESC) AS rn "
	    "FROM scorecard) WHERE rn = 1 ORDER BY org_insee IS NULL, org_insee, org_name";
	struct store_matches *m;
	struct vg_buf want, got;
	sqlite3_stmt *s;
	void *exact = NULL, *part = NULL;
	size_t nexact = 0, cexact = 0, npart = 0, cpart = 0;
	int rc, level = 0; /* 2: INSEE code, 1: whole name, 0: part of the name */

	*out = NULL;
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return store_fail(st, err, N_("interrogation de la base impossible"));
	m = vg_calloc(1, sizeof *m);
	vg_arena_init(&m->arena);
	vg_buf_init(&want, 1u << 16);
	vg_buf_init(&got, 1u << 16);
	store_fold(&want, org);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *insee = (const char *)sqlite3_column_text(s, 1);
		const char *name = (const char *)sqlite3_column_text(s, 2);
		const char *fname = name != NULL ? store_fold(&got, name) : "";
		int lv = -1;

		if (insee != NULL && strcmp(insee, org) == 0)
			lv = 2;
		else if (name != NULL && want.len > 0 && strcmp(fname, want.data) == 0)
			lv = 1;
		else if (name != NULL && want.len > 0 && strstr(fname, want.data) != NULL)
			lv = 0;
		if (lv < 0 || lv < level)
			continue;
		if (lv > level) {
			nexact = 0;
			level = lv;
		}
		{
			struct store_match *r =
			    level > 0 ? store_push(&exact, &nexact, &cexact, sizeof *r)
			              : store_push(&part, &npart, &cpart, sizeof *r);

			r->key = store_col(&m->arena, s, 0);
			r->insee = store_col(&m->arena, s, 1);
			r->name = store_col(&m->arena, s, 2);
		}
	}
	sqlite3_finalize(s);
	vg_buf_free(&want);
	vg_buf_free(&got);
	if (level > 0) {
		m->rows = store_to_arena(&m->arena, exact, nexact, sizeof *m->rows);
		m->nrows = nexact;
		free(part);
	} else {
		m->rows = store_to_arena(&m->arena, part, npart, sizeof *m->rows);
		m->nrows = npart;
		free(exact);
	}
	if (rc != SQLITE_DONE) {
		store_matches_free(m);
		return store_fail(st, err, N_("lecture des collectivités impossible"));
	}
	*out = m;
	return 0;
}

void store_matches_free(struct store_matches *m)
{
	if (m == NULL)
		return;
	vg_arena_free(&m->arena);
	free(m);
}
