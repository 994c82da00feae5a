/* vigie collect: verify signed scorecards and import them into the consultant's store. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmds.h"
#include "digest.h"
#include "scorecard.h"
#include "sign.h"
#include "store.h"

#define COLLECT_MAX_DEPTH 32      /* directory levels below an argument */
#define COLLECT_MAX_FILES 1000000 /* files in one run */
#define COLLECT_MAX_JOBS  64
#define COLLECT_BATCH     16   /* files verified ahead of the writer, per worker */
#define COLLECT_PREFETCH  64   /* files whose reading the kernel is asked to start ahead */
#define COLLECT_CKPT      1000 /* WAL frames (pages) that wake the checkpointer */
/* WAL frames past which the writer finishes the checkpointer's pass so that the WAL
 * restarts: each finish waits for two fsyncs (~13 ms here), so not every 1000 frames. */
#define COLLECT_RESTART 8000

static void collect_usage(FILE *f)
{
	fputs(
	    _("Utilisation : vigie collect --db FICHIER [--pubkey FICHIER | --trusted DOSSIER]\n"
	      "                     [--ca FICHIER] FICHE|DOSSIER...\n"
	      "\n"
	      "Vérifie la signature de chaque fiche de résultat (FICHE.minisig ou FICHE.p7s à "
	      "côté,\n"
	      "comme 'vigie verify') et importe les fiches vérifiées dans la base SQLite FICHIER\n"
	      "(créée, mode 0600, si elle n'existe pas ; docs/store-schema.md). Un dossier est\n"
	      "parcouru, sans suivre les liens symboliques, à la recherche de fichiers *.json\n"
	      "accompagnés d'un .minisig ou d'un .p7s. Une même fiche importée deux fois n'est\n"
	      "gardée qu'une fois. Affiche une ligne par fichier : importé, déjà présent, ou\n"
	      "REFUSÉ : pourquoi (un fichier refusé ne laisse rien dans la base), puis un bilan.\n"
	      "\n"
	      "Options :\n"
	      "  -d, --db FICHIER      la base (obligatoire)\n"
	      "  -p, --pubkey FICHIER  la clé publique du signataire (.pub de minisign, ou PEM)\n"
	      "  -t, --trusted DOSSIER toute clé publique minisign DOSSIER/*.pub dont\n"
	      "                        l'identifiant correspond ; la clé DOSSIER/NOM.pub ne\n"
	      "                        signe que pour les communes dont DOSSIER/NOM.insee liste\n"
	      "                        les codes INSEE (un ou plusieurs, commentaires '#') :\n"
	      "                        vérifiez-les avec le signataire, comme l'empreinte ;\n"
	      "                        une clé sans NOM.insee est refusée (docs/signatures.md)\n"
	      "      --no-binding      avec --trusted : toute clé peut signer pour toute\n"
	      "                        commune (pas de NOM.insee) ; seulement si vous faites\n"
	      "                        confiance à chaque signataire de DOSSIER\n"
	      "  -c, --ca FICHIER      pour .p7s : ne faire confiance qu'aux certificats\n"
	      "                        d'autorité (PEM) de FICHIER\n"
	      "  -j, --jobs N          vérifier avec N fils (par défaut : le nombre de "
	      "processeurs)\n"
	      "      --quiet           n'afficher que les fichiers refusés et le bilan\n"
	      "  -h, --help            afficher cette aide\n"
	      "\n"
	      "Une fiche dont generated_at est à plus de 10 minutes dans le futur, ou postérieur\n"
	      "à l'heure que donne sa signature, est refusée.\n"
	      "\n"
	      "Codes de sortie : 0 chaque fichier importé ou déjà présent, 1 au moins un refusé\n"
	      "(ou une erreur de la base), 2 erreur d'utilisation.\n"),
	    f);
}

/* ---- trust: the keys and CA that signatures are checked against ---- */

struct collect_trust {
	struct sign_trust keys; /* --pubkey or --trusted */
	const char *ca;         /* --ca */
	/* With --trusted (and no --no-binding): per key, " CODE CODE " from NAME.insee, or
	 * NULL when there is none (its scorecards are refused). NULL: nothing is bound. */
	char **bind;
};

/* Seconds a scorecard's generated_at may be ahead of the clock, or of its signature. */
#define COLLECT_SKEW_S (10 * 60)

/* Reads DIR/NAME.insee for each key NAME.pub of t->keys into t->bind; a missing file
 * leaves that key bound to nothing. A file that is not a list of INSEE codes is an error. */
static int collect_bind_load(struct collect_trust *t, struct vg_err *err)
{
	t->bind = vg_calloc(t->keys.nkeys > 0 ? t->keys.nkeys : 1, sizeof *t->bind);
	for (size_t i = 0; i < t->keys.nkeys; i++) {
		const char *name = t->keys.names[i];
		char *path =
		    vg_asprintf("%s/%.*s.insee", t->keys.from, (int)(strlen(name) - 4), name);
		struct vg_buf codes;
		char *data = NULL, *p;
		size_t len;
		struct stat sb;
		int line = 1;

		if (lstat(path, &sb) != 0 && errno == ENOENT) {
			free(path);
			continue;
		}
		if (vg_read_file(path, 1u << 16, true, &data, &len, err) != 0) {
			free(path);
			return -1;
		}
		vg_buf_init(&codes, len + 2);
		vg_buf_puts(&codes, " ");
		for (p = data; *p != '\0';) {
			size_t n;

			if (*p == '#') {
				p += strcspn(p, "\n");
				continue;
			}
			if (*p == '\n')
				line++;
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == ',') {
				p++;
				continue;
			}
			n = strcspn(p, " \t\r\n,#");
			if (!sign_insee_ok(p, n)) {
				vg_err_set(
				    err, VG_EINPUT,
				    _("%s:%d : « %.*s » n'est pas un code INSEE (5 caractères : "
				      "49297, 2A004) : indiquez les codes pour lesquels la clé %s "
				      "peut signer"),
				    path, line, (int)(n > 20 ? 20 : n), p, name);
				vg_buf_free(&codes);
				free(data);
				free(path);
				return -1;
			}
			vg_buf_append(&codes, p, n);
			vg_buf_puts(&codes, " ");
			p += n;
		}
		t->bind[i] = codes.data != NULL ? codes.data : vg_strdup(" ");
		free(data);
		free(path);
	}
	return 0;
}

static void collect_bind_free(struct collect_trust *t)
{
	for (size_t i = 0; t->bind != NULL && i < t->keys.nkeys; i++)
		free(t->bind[i]);
	free(t->bind);
	t->bind = NULL;
}

/* Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ" (what scorecards and vigie sign
 * write), or of minisign's "timestamp:" (decimal seconds); -1 when neither. */
static long long collect_time(const char *s, bool unix_seconds)
{
	struct tm tm;
	char *end;

	if (unix_seconds) {
		long long v;

		errno = 0;
		v = strtoll(s, &end, 10);
		return *s != '\0' && *end == '\0' && errno == 0 && v >= 0 ? v : -1;
	}
	memset(&tm, 0, sizeof tm);
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	return (long long)timegm(&tm);
}

/* Warns with msg, which cli_warnx cleans for the terminal: it may quote a file's name. */
static void collect_warn(const char *msg)
{
	cli_warnx("%s", msg);
}

/* ---- one file: read, verify, read back; then import ---- */

struct collect_job {
	char *path;
	char *data; /* the scorecard's bytes */
	size_t len;
	char *sig; /* the signature file's bytes */
	size_t siglen;
	const char *kind; /* "minisig" or "cms" */
	struct scorecard *sc;
	char signer[300];
	char key[80];
	size_t keyidx; /* minisig: the key of t->keys that verified */
	char signed_at[64];
	char sha256[65]; /* of data, hex */
	struct vg_err err;
	int ok;       /* 0 verified, -1 refused (err says why) */
	bool present; /* verified, and already in the store: not read back */
};

static bool collect_is_file(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static int collect_minisig(const struct collect_trust *t, struct collect_job *j,
                           const char *sigpath, struct sign_minisig *ms)
{
	char fp[80];
	size_t o = 0;

	if (vg_read_file(sigpath, SIGN_MAX_SIG_FILE, true, &j->sig, &j->siglen, &j->err) != 0 ||
	    sign_minisig_parse(sigpath, j->sig, j->siglen, ms, &j->err) != 0)
		return -1;
	if (sign_trust_verify(&t->keys, ms, j->data, j->len, &j->keyidx, &j->err) != 0)
		return -1;
	j->kind = "minisig";
	/* The key that verified, by its fingerprint: not the id the signature claims. */
	sign_fingerprint(&t->keys.keys[j->keyidx], fp);
	for (const char *p = fp; *p != '\0' && o + 1 < sizeof j->key; p++)
		if (*p != ' ')
			j->key[o++] = *p;
	j->key[o] = '\0';
	if (sign_comment_get(ms->trusted, "signer", j->signer, sizeof j->signer) != 0)
		snprintf(j->signer, sizeof j->signer, "(not stated)");
	if (sign_comment_get(ms->trusted, "time", j->signed_at, sizeof j->signed_at) != 0)
		j->signed_at[0] = '\0';
	return 0;
}

static int collect_cms(const struct collect_trust *t, struct collect_job *j, const char *sigpath)
{
	struct sign_cms_signer who;

	if (vg_read_file(sigpath, SIGN_MAX_SIG_FILE, true, &j->sig, &j->siglen, &j->err) != 0)
		return -1;
	if (sign_cms_verify(t->ca, (const unsigned char *)j->sig, j->siglen, j->data, j->len, &who,
	                    &j->err) != 0)
		return -1;
	j->kind = "cms";
	snprintf(j->signer, sizeof j->signer, "%s", who.subject);
	snprintf(j->key, sizeof j->key, "%s", who.fingerprint);
	return 0;
}

/* The binding: a key of a trusted directory signs only for the INSEE codes of its
 * NAME.insee (docs/signatures.md). */
static int collect_bound(const struct collect_trust *t, struct collect_job *j,
                         const struct sign_minisig *sig)
{
	const char *name, *bind, *insee = j->sc->org_insee;
	char want[16];

	if (t->bind == NULL || sig == NULL)
		return 0;
	name = t->keys.names[j->keyidx];
	bind = t->bind[j->keyidx];
	if (bind == NULL) {
		const char *hint = t->keys.keys[j->keyidx].insee_hint;

		return vg_err_set(&j->err, VG_EINPUT,
		                  _("la clé %s/%s n'est liée à aucune commune : écrivez le ou les "
		                    "codes INSEE pour lesquels elle peut signer dans %s/%.*s.insee "
		                    "(vérifiez-les auprès du signataire, comme l'empreinte%s%s%s), "
		                    "ou donnez --no-binding"),
		                  t->keys.from, name, t->keys.from, (int)(strlen(name) - 4), name,
		                  hint[0] != '\0' ? _(" ; son .pub propose ") : "", hint,
		                  hint[0] != '\0' ? _(", à vérifier") : "");
	}
	if (insee == NULL || strlen(insee) != 5)
		return vg_err_set(&j->err, VG_EINPUT,
		                  _("la fiche ne donne aucun code INSEE, et la clé %s ne signe que "
		                    "pour les communes de son fichier .insee"),
		                  name);
	snprintf(want, sizeof want, " %s ", insee);
	if (strstr(bind, want) == NULL)
		return vg_err_set(&j->err, VG_EINPUT,
		                  _("la fiche est celle du code INSEE %s, pour lequel la clé %s ne "
		                    "peut pas signer (son fichier .insee donne :%s)"),
		                  insee, name, bind);
	return 0;
}

/* generated_at neither in the future nor after the signature: a date of 2099 would make
 * a scorecard its commune's latest for good. */
static int collect_dates(struct collect_job *j, const struct sign_minisig *sig)
{
	long long gen = collect_time(j->sc->generated_at, false), now = (long long)time(NULL);
	char val[64];

	if (gen < 0)
		return vg_err_set(&j->err, VG_EINPUT,
		                  _("generated_at « %.40s » n'est pas une date"),
		                  j->sc->generated_at);
	if (gen > now + COLLECT_SKEW_S)
		return vg_err_set(&j->err, VG_EINPUT,
		                  _("generated_at %s est dans le futur : fiche refusée (vérifiez "
		                    "l'horloge du signataire)"),
		                  j->sc->generated_at);
	if (sig != NULL) {
		long long signed_at = -1;

		if (sign_comment_get(sig->trusted, "time", val, sizeof val) == 0)
			signed_at = collect_time(val, false);
		else if (sign_comment_get(sig->trusted, "timestamp", val, sizeof val) == 0)
			signed_at = collect_time(val, true);
		if (signed_at >= 0 && gen > signed_at + COLLECT_SKEW_S)
			return vg_err_set(
			    &j->err, VG_EINPUT,
			    _("generated_at %s est postérieur à l'heure de la signature "
			      "(%s) : la fiche ne peut pas avoir été faite après sa "
			      "signature"),
			    j->sc->generated_at, val);
	}
	return 0;
}

/* Verifies the job's file against t and reads it back: the single call between a file
 * and an import. A verified file that reader (when not NULL) already holds is marked
 * present and not read back. Thread-safe with one reader per thread; everything it fills
 * is the job's. */
static int collect_verify(const struct collect_trust *t, struct store *reader,
                          struct collect_job *j)
{
	char *ms = vg_asprintf("%s.minisig", j->path), *p7 = vg_asprintf("%s.p7s", j->path);
	bool has_ms = collect_is_file(ms), has_p7 = collect_is_file(p7);
	struct sign_minisig *sig = NULL;
	int rc = -1;

	if (vg_read_file(j->path, SCORECARD_MAX_FILE, true, &j->data, &j->len, &j->err) != 0)
		goto out;
	if (!has_ms && !has_p7) {
		vg_err_set(&j->err, VG_EINPUT, _("pas de signature : ni %s ni %s n'existe"), ms,
		           p7);
		goto out;
	}
	/* Signatures first: they cover the exact bytes, whatever the bytes are. */
	if (has_ms && (t->keys.nkeys > 0 || t->keys.dir)) {
		sig = vg_malloc(sizeof *sig);
		if (collect_minisig(t, j, ms, sig) != 0)
			goto out;
	} else if (has_p7 && t->ca != NULL) {
		if (collect_cms(t, j, p7) != 0)
			goto out;
	} else {
		vg_err_set(
		    &j->err, VG_EINPUT, "%s",
		    has_ms ? _("signé avec minisign : donnez --pubkey FICHIER ou --trusted DOSSIER")
		           : _("signé en CMS (.p7s) : donnez --ca FICHIER"));
		goto out;
	}
	/* The same bytes were verified and read back when they were imported. */
	digest_sha256_hex(j->data, j->len, j->sha256);
	if (reader != NULL && store_has(reader, j->sha256, &j->present, &j->err) == 0 &&
	    j->present) {
		rc = 0;
		goto out;
	}
	vg_err_clear(&j->err);
	if (scorecard_read(j->data, j->len, &j->sc, &j->err) != 0) {
		char msg[VG_ERR_MAX];

		snprintf(msg, sizeof msg, "%s", j->err.msg);
		vg_err_set(
		    &j->err, VG_EINPUT,
		    _("la signature est bonne mais le fichier n'est pas une fiche lisible : %s"),
		    msg);
		goto out;
	}
	if (sig != NULL &&
	    sign_comment_check_questionnaire(sig->trusted, j->sc->q_id, j->sc->q_version,
	                                     j->sc->q_sha256, &j->err) != 0)
		goto out;
	if (collect_bound(t, j, sig) != 0 || collect_dates(j, sig) != 0 ||
	    store_json_keys_plain(j->data, j->len, &j->err) != 0)
		goto out;
	rc = 0;
out:
	free(sig);
	free(ms);
	free(p7);
	j->ok = rc;
	return rc;
}

static void collect_job_clear(struct collect_job *j)
{
	scorecard_free(j->sc);
	free(j->data);
	free(j->sig);
	j->sc = NULL;
	j->data = j->sig = NULL;
}

/* ---- the list of files ---- */

struct collect_list {
	char **paths;
	size_t n, cap;
	long skipped_links;
	long skipped_unsigned; /* *.json of a directory without a signature next to it */
};

static int collect_add(struct collect_list *l, char *path, struct vg_err *err)
{
	if (l->n == COLLECT_MAX_FILES) {
		free(path);
		return vg_err_set(
		    err, VG_EINPUT,
		    _("plus de %d fichiers en une fois : collectez en plusieurs fois"),
		    COLLECT_MAX_FILES);
	}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->paths = vg_reallocarray(l->paths, l->cap, sizeof *l->paths);
	}
	l->paths[l->n++] = path;
	return 0;
}

static bool collect_has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

static int collect_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds dir's *.json files that have a signature next to them, recursing into
 * subdirectories; symbolic links are neither followed nor listed. */
static int collect_walk(struct collect_list *l, const char *dir, int depth, struct vg_err *err)
{
	char **names = NULL;
	struct dirent *e;
	size_t cap = 0;
	int fd, dfd, n = 0, rc = 0;
	DIR *d;

	if (depth > COLLECT_MAX_DEPTH)
		return vg_err_set(err, VG_EINPUT, _("%s : plus de %d niveaux de dossiers"), dir,
		                  COLLECT_MAX_DEPTH);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return vg_err_set(err, VG_EINPUT, _("%s : impossible d'ouvrir le dossier : %s"),
		                  dir, strerror(errno));
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return vg_err_set(err, VG_ESYS, "%s: %s", dir, strerror(errno));
	}
	dfd = dirfd(d);
	/* Read the names first, sorted, so the order of imports does not depend on the disk. */
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == COLLECT_MAX_FILES) {
			rc = vg_err_set(err, VG_EINPUT, _("%s : plus de %d entrées"), dir,
			                COLLECT_MAX_FILES);
			break;
		}
		if ((size_t)n == cap) {
			cap = cap ? cap * 2 : 64;
			names = vg_reallocarray(names, cap, sizeof *names);
		}
		names[n++] = vg_strdup(e->d_name);
	}
	if (n > 0)
		qsort(names, (size_t)n, sizeof *names, collect_cmp);
	for (int i = 0; i < n && rc == 0; i++) {
		const char *name = names[i];
		struct stat sb;
		char *path;

		if (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		if (S_ISLNK(sb.st_mode)) {
			l->skipped_links++;
			continue;
		}
		path = vg_asprintf("%s%s%s", dir, collect_has_suffix(dir, "/") ? "" : "/", name);
		if (S_ISDIR(sb.st_mode)) {
			rc = collect_walk(l, path, depth + 1, err);
			free(path);
		} else if (S_ISREG(sb.st_mode) && collect_has_suffix(name, ".json")) {
			char *ms = vg_asprintf("%s.minisig", name),
			     *p7 = vg_asprintf("%s.p7s", name);
			struct stat ss;
			bool sig = (fstatat(dfd, ms, &ss, AT_SYMLINK_NOFOLLOW) == 0 &&
			            S_ISREG(ss.st_mode)) ||
			           (fstatat(dfd, p7, &ss, AT_SYMLINK_NOFOLLOW) == 0 &&
			            S_ISREG(ss.st_mode));

			free(ms);
			free(p7);
			if (sig) {
				rc = collect_add(l, path, err);
			} else {
				/* Said, not silently passed over: a forgotten signature. */
				printf(
				    _("ignorée  %s : aucune signature à côté (.minisig ou .p7s) ; "
				      "signez-la avec « vigie sign »\n"),
				    path);
				l->skipped_unsigned++;
				free(path);
			}
		} else {
			free(path);
		}
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return rc;
}

/* ---- the run: workers verify ahead, the main thread imports in order ---- */

/* File i of the list is verified in slot i % window of a ring: workers never run more
 * than window files ahead of the writer, so memory does not grow with the list. */
struct collect_run {
	const struct collect_trust *trust;
	const char *db; /* each worker opens its own reader on it */
	char **paths;
	size_t njobs;
	struct collect_job *slots; /* window of them */
	size_t *done;              /* per slot: 1 + the index of the file verified in it */
	size_t window;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t next;     /* next file a worker takes */
	size_t consumed; /* files the writer has finished with */
};

/* Verifies file i into its slot. */
static void collect_run_one(struct collect_run *r, struct store *reader, size_t i)
{
	struct collect_job *j = &r->slots[i % r->window];

	memset(j, 0, sizeof *j);
	j->path = r->paths[i];
	collect_verify(r->trust, reader, j);
}

/* Asks the kernel to start reading a file and its signature, without waiting: files that
 * are not in the page cache (a USB stick, a mail folder just synced) then arrive from the
 * disk several at a time instead of one per worker. Nothing is read here; a file that
 * cannot be opened is left for collect_verify to report. */
static void collect_prefetch(const char *path)
{
	const char *ext[] = {"", ".minisig"};

	for (size_t e = 0; e < sizeof ext / sizeof ext[0]; e++) {
		char *p = vg_asprintf("%s%s", path, ext[e]);
		int fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

		if (fd >= 0) {
			(void)posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
			close(fd);
		}
		free(p);
	}
}

static void *collect_worker(void *arg)
{
	struct collect_run *r = arg;
	struct store *reader = NULL;
	struct vg_err err = {0};

	/* Without a reader, files are only read back for nothing: still correct. */
	if (store_open(r->db, false, &reader, &err) != 0)
		reader = NULL;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&r->mu);
		while (r->next < r->njobs && r->next >= r->consumed + r->window)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->next >= r->njobs) {
			pthread_mutex_unlock(&r->mu);
			store_close(reader);
			return NULL;
		}
		i = r->next++;
		pthread_mutex_unlock(&r->mu);
		if (i + COLLECT_PREFETCH < r->njobs)
			collect_prefetch(r->paths[i + COLLECT_PREFETCH]);
		collect_run_one(r, reader, i);
		pthread_mutex_lock(&r->mu);
		r->done[i % r->window] = i + 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
	}
}

/* The checkpointer: copies the WAL into the database on a connection of its own while the
 * writer goes on appending (docs/store-schema.md). */
struct collect_ckpt {
	struct store *conn;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool wanted, running, stop, warned;
};

/* Called by the writer after a commit that left `frames` frames: true when the writer
 * should copy the rest itself. Past COLLECT_RESTART frames it waits for the
 * checkpointer's pass to end and always copies the rest, so that the WAL restarts at
 * the next commit: on a busy machine a checkpointer that lags behind the writer would
 * otherwise let the WAL grow up to the hook's backstop (16 x COLLECT_CKPT frames). */
static bool collect_ckpt_ready(void *arg, int frames)
{
	struct collect_ckpt *k = arg;
	bool finish = false;

	pthread_mutex_lock(&k->mu);
	if (frames >= COLLECT_RESTART) {
		while (k->running)
			pthread_cond_wait(&k->cv, &k->mu);
		k->wanted = false; /* no pass may start beside the writer's own */
		finish = true;
	} else if (!k->running) {
		k->wanted = true;
		pthread_cond_signal(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
	return finish;
}

static void *collect_ckpt_thread(void *arg)
{
	struct collect_ckpt *k = arg;

	for (;;) {
		struct vg_err err = {0};
		int copied;

		pthread_mutex_lock(&k->mu);
		while (!k->wanted && !k->stop)
			pthread_cond_wait(&k->cv, &k->mu);
		if (!k->wanted) {
			pthread_mutex_unlock(&k->mu);
			return NULL;
		}
		k->wanted = false;
		k->running = true;
		pthread_mutex_unlock(&k->mu);
		/* A failed checkpoint loses nothing: the frames stay in the WAL, and the
		 * writer checkpoints itself when the WAL grows too long. */
		if (store_checkpoint(k->conn, &copied, &err) != 0 && !k->warned) {
			collect_warn(err.msg);
			k->warned = true;
		}
		pthread_mutex_lock(&k->mu);
		k->running = false;
		pthread_cond_broadcast(&k->cv); /* a writer may wait for this pass */
		pthread_mutex_unlock(&k->mu);
	}
}

struct collect_counts {
	long imported, present, refused, failed;
};

static void collect_import(struct store *st, struct collect_job *j, bool quiet,
                           struct collect_counts *c)
{
	struct store_item it;
	enum store_outcome out;
	struct vg_err err = {0};
	struct vg_buf bp, be;
	const char *path;

	vg_buf_init(&bp, 0);
	vg_buf_init(&be, 0);
	/* Paths and messages name files the communes made: cleaned for the terminal. */
	path = vg_term_clean(&bp, j->path);
	if (j->ok != 0) {
		printf(_("REFUSÉE  %s : %s\n"), path, vg_term_clean(&be, j->err.msg));
		c->refused++;
		goto out;
	}
	if (j->present) {
		if (!quiet)
			printf(_("déjà présente  %s\n"), path);
		c->present++;
		goto out;
	}
	it.source = j->path;
	it.data = j->data;
	it.len = j->len;
	it.sc = j->sc;
	it.sig_kind = j->kind;
	it.sig = j->sig;
	it.siglen = j->siglen;
	it.signer = j->signer;
	it.signer_key = j->key;
	it.signed_at = j->signed_at[0] != '\0' ? j->signed_at : NULL;
	it.sha256 = j->sha256;
	if (store_import(st, &it, &out, &err) != 0) {
		printf(_("ERREUR  %s : %s\n"), path, vg_term_clean(&be, err.msg));
		c->failed++;
	} else if (out == STORE_PRESENT) {
		if (!quiet)
			printf(_("déjà présente  %s\n"), path);
		c->present++;
	} else {
		if (!quiet) {
			struct vg_buf b1, b2;

			vg_buf_init(&b1, SCORECARD_MAX_FILE);
			vg_buf_init(&b2, SCORECARD_MAX_FILE);
			printf(_("importée  %s  (%s%s%s, %s, %s)\n"), path,
			       store_term(&b1, j->sc->org_insee != NULL ? j->sc->org_insee : ""),
			       j->sc->org_insee != NULL ? " " : "",
			       store_term(&b2, j->sc->org_name != NULL ? j->sc->org_name : "?"),
			       j->sc->grade != NULL ? j->sc->grade : "-", j->sc->generated_at);
			vg_buf_free(&b1);
			vg_buf_free(&b2);
		}
		c->imported++;
	}
out:
	vg_buf_free(&bp);
	vg_buf_free(&be);
}

static int collect_run(struct store *st, const char *db, const struct collect_trust *t,
                       struct collect_list *l, int nthreads, bool quiet, struct collect_counts *c)
{
	struct collect_run r;
	struct collect_ckpt k;
	pthread_t tids[COLLECT_MAX_JOBS], ktid;
	bool kstarted = false;
	int started = 0;

	memset(&r, 0, sizeof r);
	r.trust = t;
	r.db = db;
	r.paths = l->paths;
	r.njobs = l->n;
	r.window = (size_t)COLLECT_BATCH * (size_t)(nthreads > 0 ? nthreads : 1);
	r.slots = vg_calloc(r.window, sizeof *r.slots);
	r.done = vg_calloc(r.window, sizeof *r.done);
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.cv, NULL);
	memset(&k, 0, sizeof k);
	pthread_mutex_init(&k.mu, NULL);
	pthread_cond_init(&k.cv, NULL);
	if (nthreads > 0) {
		struct vg_err err = {0};

		/* Without it, the writer checkpoints as SQLite does by default. */
		if (store_open(db, false, &k.conn, &err) == 0 &&
		    pthread_create(&ktid, NULL, collect_ckpt_thread, &k) == 0) {
			kstarted = true;
			store_defer_checkpoints(st, COLLECT_CKPT, collect_ckpt_ready, &k);
		}
	}
	for (size_t i = 0; nthreads > 0 && i < COLLECT_PREFETCH && i < l->n; i++)
		collect_prefetch(l->paths[i]);
	for (int i = 0; i < nthreads && i < COLLECT_MAX_JOBS; i++)
		if (pthread_create(&tids[started], NULL, collect_worker, &r) == 0)
			started++;
	for (size_t i = 0; i < l->n; i++) {
		struct collect_job *j = &r.slots[i % r.window];

		if (started == 0) {
			collect_run_one(&r, st, i);
		} else {
			pthread_mutex_lock(&r.mu);
			while (r.done[i % r.window] != i + 1)
				pthread_cond_wait(&r.cv, &r.mu);
			pthread_mutex_unlock(&r.mu);
		}
		collect_import(st, j, quiet, c);
		collect_job_clear(j);
		pthread_mutex_lock(&r.mu);
		r.consumed = i + 1;
		pthread_cond_broadcast(&r.cv);
		pthread_mutex_unlock(&r.mu);
	}
	for (int i = 0; i < started; i++)
		pthread_join(tids[i], NULL);
	if (kstarted) {
		store_defer_checkpoints(st, 0, NULL, NULL);
		pthread_mutex_lock(&k.mu);
		k.stop = true;
		pthread_cond_signal(&k.cv);
		pthread_mutex_unlock(&k.mu);
		pthread_join(ktid, NULL);
	}
	store_close(k.conn);
	pthread_cond_destroy(&k.cv);
	pthread_mutex_destroy(&k.mu);
	pthread_cond_destroy(&r.cv);
	pthread_mutex_destroy(&r.mu);
	free(r.done);
	free(r.slots);
	return 0;
}

static int collect_jobs_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > COLLECT_MAX_JOBS ? COLLECT_MAX_JOBS : (int)n;
}

static int cmd_collect_exec(int argc, char **argv)
{
	static const struct option longopts[] = {
	    {"db", required_argument, NULL, 'd'},
	    {"pubkey", required_argument, NULL, 'p'},
	    {"trusted", required_argument, NULL, 't'},
	    {"ca", required_argument, NULL, 'c'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"quiet", no_argument, NULL, 'Q'},
	    {"help", no_argument, NULL, 'h'},
	    {"no-binding", no_argument, NULL, 'B'},
	    {NULL, 0, NULL, 0},
	};
	const char *db = NULL, *pubkey = NULL, *trusted = NULL;
	struct collect_trust t = {{NULL, NULL, 0, NULL, false}, NULL, NULL};
	struct collect_list l = {NULL, 0, 0, 0, 0};
	struct collect_counts cnt = {0, 0, 0, 0};
	struct store *st = NULL;
	struct vg_err err = {0};
	int c, jobs = collect_jobs_default(), rc = CLI_EXIT_OK;
	bool quiet = false, no_binding = false;
	long refused_args = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "d:p:t:c:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'p':
			pubkey = optarg;
			break;
		case 't':
			trusted = optarg;
			break;
		case 'c':
			t.ca = optarg;
			break;
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end != '\0' || v < 1 || v > COLLECT_MAX_JOBS)
				return cli_usage_error("collect",
				                       _("--jobs prend de 1 à %d, pas '%s'"),
				                       COLLECT_MAX_JOBS, optarg);
			jobs = (int)v;
			break;
		}
		case 'Q':
			quiet = true;
			break;
		case 'B':
			no_binding = true;
			break;
		case 'h':
			collect_usage(stdout);
			return CLI_EXIT_OK;
		default:
			return cli_usage_error("collect",
			                       _("option inconnue ou valeur manquante '%s'"),
			                       argv[optind - 1]);
		}
	}
	if (db == NULL)
		return cli_usage_error("collect", _("--db FICHIER est obligatoire"));
	if (optind >= argc)
		return cli_usage_error("collect",
		                       _("donnez les fichiers de fiche ou les dossiers"));
	if (pubkey != NULL && trusted != NULL)
		return cli_usage_error("collect", _("donnez --pubkey ou --trusted, pas les deux"));
	if (pubkey == NULL && trusted == NULL && t.ca == NULL)
		return cli_usage_error("collect",
		                       _("donnez --pubkey FICHIER, --trusted DOSSIER ou --ca "
		                         "FICHIER : seules les fiches vérifiées sont collectées"));
	if (no_binding && trusted == NULL)
		return cli_usage_error("collect", _("--no-binding va avec --trusted DOSSIER"));
	if ((pubkey != NULL && sign_trust_file(&t.keys, pubkey, &err) != 0) ||
	    (trusted != NULL && sign_trust_dir(&t.keys, trusted, cli_warn_skipped, &err) != 0))
		goto fail;
	if (trusted != NULL && !no_binding && collect_bind_load(&t, &err) != 0)
		goto fail;
	if (trusted != NULL && t.keys.nkeys == 0)
		cli_warnx(_("%s : aucune clé publique (*.pub) trouvée"), trusted);
	for (int i = optind; i < argc; i++) {
		struct stat sb;

		struct vg_buf bp;

		vg_buf_init(&bp, 0);
		if (lstat(argv[i], &sb) != 0) {
			printf(_("REFUSÉE  %s : %s\n"), vg_term_clean(&bp, argv[i]),
			       strerror(errno));
			refused_args++;
		} else if (S_ISLNK(sb.st_mode)) {
			printf(
			    _("REFUSÉE  %s : lien symbolique, non suivi ; donnez le vrai chemin\n"),
			    vg_term_clean(&bp, argv[i]));
			refused_args++;
		} else if (S_ISDIR(sb.st_mode)) {
			if (collect_walk(&l, argv[i], 0, &err) != 0)
				goto fail;
		} else if (collect_add(&l, vg_strdup(argv[i]), &err) != 0) {
			goto fail;
		}
		vg_buf_free(&bp);
	}
	if (store_open(db, true, &st, &err) != 0)
		goto fail;
	collect_run(st, db, &t, &l, l.n < 2 ? 0 : jobs, quiet, &cnt);
	cnt.refused += refused_args;
	printf(ngettext("%zu fichier : ", "%zu fichiers : ", l.n + (size_t)refused_args),
	       l.n + (size_t)refused_args);
	printf(ngettext("%ld importé, ", "%ld importés, ", (unsigned long)cnt.imported),
	       cnt.imported);
	printf(ngettext("%ld déjà présent, ", "%ld déjà présents, ", (unsigned long)cnt.present),
	       cnt.present);
	printf(ngettext("%ld refusé", "%ld refusés", (unsigned long)cnt.refused), cnt.refused);
	if (cnt.failed > 0)
		printf(ngettext(", %ld non enregistré (erreur de la base)",
		                ", %ld non enregistrés (erreur de la base)",
		                (unsigned long)cnt.failed),
		       cnt.failed);
	if (l.skipped_unsigned > 0)
		printf(ngettext(" ; %ld .json non signé ignoré", " ; %ld .json non signés ignorés",
		                (unsigned long)l.skipped_unsigned),
		       l.skipped_unsigned);
	if (l.skipped_links > 0)
		printf(ngettext(" ; %ld lien symbolique non suivi",
		                " ; %ld liens symboliques non suivis",
		                (unsigned long)l.skipped_links),
		       l.skipped_links);
	printf("\n");
	if (cnt.refused > 0 || cnt.failed > 0)
		rc = CLI_EXIT_FAIL;
	goto out;
fail:
	collect_warn(err.msg);
	rc = cli_exit_code(&err);
out:
	store_close(st);
	for (size_t i = 0; i < l.n; i++)
		free(l.paths[i]);
	free(l.paths);
	collect_bind_free(&t);
	sign_trust_free(&t.keys);
	if (fflush(stdout) != 0 && rc == CLI_EXIT_OK)
		rc = CLI_EXIT_FAIL;
	return rc;
}

const struct cli_cmd cmd_collect_entry = {
    "collect",
    "--db FILE [--pubkey FILE | --trusted DIR] [--ca FILE] SCORECARD|DIR...",
    N_("vérifier des fiches signées et les rassembler dans une base SQLite"),
    cmd_collect_exec,
};
