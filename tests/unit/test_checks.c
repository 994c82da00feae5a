/* Check engine: profile loading (the bad corpus of tests/data/checks), evidence caps, the
 * users database, and the walker on hostile trees. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check/check.h"
#include "check/userdb.h"
#include "check/walk.h"
#include "yaml_load.h"

#define CHECKS_DIR TEST_DATA_DIR "/checks"

static struct vg_questionnaire *load_test_questionnaire(void)
{
	struct vg_questionnaire *q;
	struct vg_err err = {0};

	if (yaml_load_questionnaire_file(CHECKS_DIR "/test-checks.questionnaire.yaml", &q, &err) !=
	    0)
		fail_msg("%s", err.msg);
	return q;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file names of CHECKS_DIR starting with prefix, sorted; the caller frees. */
static char **list_corpus(const char *prefix, size_t *n)
{
	DIR *d = opendir(CHECKS_DIR);
	struct dirent *de;
	char **names = NULL;

	*n = 0;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		names = vg_reallocarray(names, *n + 1, sizeof *names);
		names[(*n)++] = vg_strdup(de->d_name);
	}
	closedir(d);
	qsort(names, *n, sizeof *names, name_cmp);
	return names;
}

static void test_every_bad_profile_is_refused_with_line_and_column(void **state)
{
	struct vg_questionnaire *q = load_test_questionnaire();
	size_t n;
	char **names = list_corpus("bad-", &n);

	(void)state;
	assert_true(n >= 25);
	for (size_t i = 0; i < n; i++) {
		char *path = vg_asprintf("%s/%s", CHECKS_DIR, names[i]), *data, *want, *msg;
		struct check_profile *p = NULL;
		struct vg_err err = {0};
		size_t len;

		if (vg_read_file(path, YL_MAX_FILE, false, &data, &len, &err) != 0)
			fail_msg("%s", err.msg);
		/* First line: "# expect: LINE:COL: words of the message" */
		assert_true(strncmp(data, "# expect: ", 10) == 0);
		want = vg_strdup(data + 10);
		want[strcspn(want, "\n")] = '\0';
		msg = strchr(want, ' ');
		assert_non_null(msg);
		*msg++ = '\0';
		if (yaml_load_checks(path, data, len, q, &p, &err) == 0)
			fail_msg("%s was accepted", names[i]);
		assert_null(p);
		{
			char *prefix = vg_asprintf("%s:%s", path, want);

			if (strncmp(err.msg, prefix, strlen(prefix)) != 0 ||
			    strstr(err.msg, msg) == NULL)
				fail_msg("%s: expected '%s %s', got '%s'", names[i], prefix, msg,
				         err.msg);
			free(prefix);
		}
		free(want);
		free(data);
		free(path);
		free(names[i]);
	}
	free(names);
	model_questionnaire_free(q);
}

static void test_good_profiles_and_the_default_profile_load(void **state)
{
	struct vg_questionnaire *q = load_test_questionnaire();
	struct check_profile *p;
	struct vg_err err = {0};
	size_t n;
	char **names = list_corpus("good-", &n);

	(void)state;
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++) {
		char *path = vg_asprintf("%s/%s", CHECKS_DIR, names[i]);

		if (yaml_load_checks_file(path, q, &p, &err) != 0)
			fail_msg("%s", err.msg);
		check_profile_free(p);
		free(path);
		free(names[i]);
	}
	free(names);
	/* The default profile informs questions the test questionnaire mirrors. */
	if (yaml_load_checks_file(TEST_SOURCE_DIR "/checks/linux-server.yaml", NULL, &p, &err) != 0)
		fail_msg("%s", err.msg);
	assert_string_equal(p->questionnaire, "communes");
	for (size_t i = 0; i < p->nchecks; i++) {
		assert_true(p->checks[i].ninforms > 0);
		for (size_t j = 0; j < p->checks[i].ninforms; j++)
			assert_non_null(model_find_question(q, p->checks[i].informs[j]));
	}
	check_profile_free(p);
	model_questionnaire_free(q);
}

static void test_evidence_caps_follow_status_and_severity(void **state)
{
	struct check_def defs[3] = {0};
	struct check_result r[6] = {0};
	struct vg_evidence *ev;
	static const char *informs[] = {"comptes.droits_serveur"};

	(void)state;
	defs[0].severity = CHECK_SEV_HIGH;
	defs[1].severity = CHECK_SEV_MEDIUM;
	defs[2].severity = CHECK_SEV_LOW;
	for (size_t i = 0; i < 3; i++) {
		defs[i].id = "x";
		defs[i].informs = informs;
		defs[i].ninforms = 1;
		r[i].def = &defs[i];
		r[i].status = VG_CHECK_FAIL;
	}
	r[3].def = &defs[0];
	r[3].status = VG_CHECK_WARN;
	r[4].def = &defs[0];
	r[4].status = VG_CHECK_SKIPPED;
	r[5].def = &defs[0];
	r[5].status = VG_CHECK_ERROR;
	ev = check_to_evidence(r, 6);
	assert_int_equal(ev[0].cap, 0);
	assert_int_equal(ev[1].cap, 1);
	assert_int_equal(ev[2].cap, 2);
	assert_int_equal(ev[3].cap, -1);
	assert_int_equal(ev[4].cap, -1);
	assert_int_equal(ev[5].cap, -1);
	assert_string_equal(ev[0].informs[0], "comptes.droits_serveur");
	free(ev);
}

/* A tls check that fails caps the question it informs; one whose only target is a closed
 * port on 127.0.0.1 is an error (a per-target finding), never a pass, and caps nothing. */
static void test_tls_check_caps_site_https_and_a_closed_port_is_an_error(void **state)
{
	struct sockaddr_in sa = {0};
	socklen_t salen = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char *yaml;
	struct check_profile *p;
	struct check_result *res, failed = {0};
	struct check_env env = {0};
	struct vg_evidence *ev;
	struct vg_err err = {0};
	size_t n;

	(void)state;
	/* A port nothing listens on: bound, then closed. */
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &salen), 0);
	close(fd);
	yaml = vg_asprintf("format: vigie-checks/1\nid: t\nversion: 1.0.0\ntitle: {fr: T}\n"
	                   "checks:\n  - id: tls.web\n    kind: tls\n"
	                   "    params: {targets: [\"127.0.0.1:%u\"], timeout_ms: 1000}\n"
	                   "    severity: high\n    title: {fr: T}\n    remediation: {fr: R}\n"
	                   "    informs: [messagerie_web.site_https]\n",
	                   (unsigned)ntohs(sa.sin_port));
	if (yaml_load_checks("t.yaml", yaml, strlen(yaml), NULL, &p, &err) != 0)
		fail_msg("%s", err.msg);
	env.lang = VG_LANG_EN;
	assert_int_equal(check_run_profile(p, &env, NULL, 0, &res, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(res[0].status, VG_CHECK_ERROR);
	assert_int_equal(res[0].nfindings, 1);
	assert_string_equal(res[0].findings[0].rule, "connect_refused");
	assert_int_equal(res[0].findings[0].level, VG_CHECK_WARN);
	failed.def = &p->checks[0];
	failed.status = VG_CHECK_FAIL;
	ev = check_to_evidence(res, 1);
	assert_int_equal(ev[0].cap, -1);
	free(ev);
	ev = check_to_evidence(&failed, 1);
	assert_int_equal(ev[0].cap, 0);
	assert_int_equal(ev[0].ninforms, 1);
	assert_string_equal(ev[0].informs[0], "messagerie_web.site_https");
	free(ev);
	/* The worst finding's own cap, when milder than the check's severity (high: 0). */
	failed.has_finding_cap = true;
	failed.finding_cap = 1;
	assert_int_equal(check_cap(&failed), 1);
	failed.finding_cap = 0;
	assert_int_equal(check_cap(&failed), 0);
	p->checks[0].severity = CHECK_SEV_MEDIUM;
	assert_int_equal(check_cap(&failed), 1);
	p->checks[0].severity = CHECK_SEV_LOW;
	failed.finding_cap = 1;
	assert_int_equal(check_cap(&failed), 2);
	failed.status = VG_CHECK_WARN;
	assert_int_equal(check_cap(&failed), -1);
	check_results_free(res, n);
	check_profile_free(p);
	free(yaml);
}

/* A private scratch directory; the caller removes it. */
static char *make_scratch(void)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = vg_asprintf("%s/vigie-test-checks-XXXXXX", tmp && *tmp ? tmp : "/tmp");

	assert_non_null(mkdtemp(dir));
	return dir;
}

static void write_at(int dfd, const char *name, const char *text, mode_t mode)
{
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

/* A kind of test: adds "flood" findings from two threads, in decreasing path order, and
 * one "severe" finding past them all by path, unless told only the flood. */
struct fake_arg {
	struct check_result *res;
	int from, step;
};

static void *fake_adder(void *arg)
{
	struct fake_arg *a = arg;

	for (int i = 299 - a->from; i >= 0; i -= a->step) {
		char path[64];

		snprintf(path, sizeof path, "/d/sub/f%03d", i);
		check_result_add(a->res, VG_CHECK_FAIL, "flood", path, "seen", "wanted %d", i);
	}
	return NULL;
}

static int fake_run(const struct check_def *def, const struct check_env *env,
                    struct check_result *res, struct vg_err *err)
{
	struct fake_arg a[2] = {{res, 0, 2}, {res, 1, 2}};
	pthread_t t;

	(void)env;
	(void)err;
	assert_int_equal(pthread_create(&t, NULL, fake_adder, &a[0]), 0);
	fake_adder(&a[1]);
	pthread_join(t, NULL);
	if (strcmp(def->id, "flood-only") != 0)
		check_result_add(res, VG_CHECK_FAIL, "severe", "/zzz", "seen", "wanted");
	check_result_add(res, VG_CHECK_WARN, "unreadable", "/hidden", "denied", "readable");
	return 0;
}

static const struct check_rule_info fake_rules[] = {
    {"severe", {"grave", "severe"}, {"réparer", "fix"}, -1},
    {"flood", {"crue", "flood"}, {"éponger", "mop"}, 1},
    {NULL, {NULL, NULL}, {NULL, NULL}, -1},
};

static const struct check_kind fake_kind = {"fake", NULL, fake_run, fake_rules};

static void test_findings_are_capped_per_rule_and_summarised(void **state)
{
	static const char *informs[] = {"comptes.droits_serveur"};
	struct check_def defs[2] = {
	    {"both", &fake_kind, NULL, CHECK_SEV_HIGH, {"T", "T"}, {"R", "R"}, informs, 1, 1},
	    {"flood-only", &fake_kind, NULL, CHECK_SEV_HIGH, {"T", "T"}, {"R", "R"}, informs, 1, 2},
	};
	struct check_profile p = {0};
	struct check_env env = {0};
	struct check_result *res;
	struct vg_evidence *ev;
	struct vg_err err = {0};
	size_t n;

	(void)state;
	p.source = "test";
	p.checks = defs;
	p.nchecks = 2;
	env.root = "/";
	env.threads = 1;
	assert_int_equal(check_run_profile(&p, &env, NULL, 0, &res, &n, &err), 0);
	assert_int_equal(n, 2);
	/* The first 100 flood findings by path, the severe one past them, and the warning. */
	assert_int_equal(res[0].nfindings, 102);
	assert_int_equal(res[0].dropped, 200);
	for (size_t i = 0; i < 100; i++) {
		char path[64];

		snprintf(path, sizeof path, "/d/sub/f%03zu", i);
		assert_string_equal(res[0].findings[i].path, path);
	}
	assert_string_equal(res[0].findings[100].path, "/hidden");
	assert_string_equal(res[0].findings[101].path, "/zzz");
	/* Rules: the failing ones first, the most severe first; counts and directories. */
	assert_int_equal(res[0].nrules, 3);
	assert_string_equal(res[0].rules[0].rule, "severe");
	assert_string_equal(res[0].rules[1].rule, "flood");
	assert_int_equal(res[0].rules[1].count, 300);
	assert_int_equal(res[0].rules[1].shown, 100);
	assert_int_equal(res[0].rules[1].ntop, 1);
	assert_string_equal(res[0].rules[1].top[0].path, "/d/sub");
	assert_int_equal(res[0].rules[1].top[0].count, 300);
	assert_string_equal(res[0].rules[2].rule, "unreadable");
	assert_int_equal(res[0].rules[2].level, VG_CHECK_WARN);
	assert_string_equal(res[0].rules[2].action.fr, "R"); /* no row: the remediation */
	assert_int_equal(res[0].status, VG_CHECK_FAIL);
	assert_int_equal(check_cap(&res[0]), 0);
	/* A flood of a rule that deserves a medium cap alone caps at 1. */
	assert_int_equal(res[1].status, VG_CHECK_FAIL);
	assert_int_equal(check_cap(&res[1]), 1);
	assert_non_null(strstr(res[0].summary.fr, "grave : 1 (/zzz). À faire : réparer\n"));
	assert_non_null(
	    strstr(res[0].summary.fr, "crue : 300, surtout dans /d/sub (300). À faire : éponger"));
	assert_non_null(
	    strstr(res[0].summary.en, "flood: 300, mostly in /d/sub (300). To do: mop"));
	ev = check_to_evidence(res, n);
	assert_ptr_equal(ev[1].detail.fr, res[1].summary.fr);
	assert_int_equal(ev[1].cap, 1);
	free(ev);
	check_results_free(res, n);
}

/* One sentence for a flood: the kept findings replaced, the count kept. */
static void test_a_rule_can_be_summarised_in_one_finding(void **state)
{
	struct check_def def = {"x",  &fake_kind, NULL, CHECK_SEV_HIGH, {"T", "T"}, {"R", "R"},
	                        NULL, 0,          1};
	struct check_result r = {0}, *rp;

	(void)state;
	r.def = &def;
	for (int i = 0; i < 150; i++) {
		char path[32];

		snprintf(path, sizeof path, "/srv/f%03d", i);
		check_result_add(&r, VG_CHECK_FAIL, "flood", path, "o", "e");
	}
	assert_true(check_result_has(&r, "flood", "/srv/f099"));
	assert_false(check_result_has(&r, "flood", "/srv/f100"));
	check_result_summarise(&r, "flood", VG_CHECK_WARN, "/srv", "150 of them", "fewer",
	                       (struct vg_text){"voir", "see"});
	assert_false(check_result_has(&r, "flood", "/srv/f000"));
	assert_true(check_result_has(&r, "flood", "/srv"));
	assert_int_equal(r.nrules, 1);
	assert_int_equal(r.rules[0].count, 150);
	assert_int_equal(r.rules[0].level, VG_CHECK_WARN);
	assert_int_equal(r.rules[0].nheap, 1);
	rp = vg_malloc(sizeof *rp);
	*rp = r;
	check_results_free(rp, 1);
}

static void test_userdb_reads_the_roots_files_not_the_hosts(void **state)
{
	char *dir = make_scratch();
	int rootfd = open(dir, O_RDONLY | O_DIRECTORY), etc;
	struct userdb db;

	(void)state;
	assert_int_equal(mkdirat(rootfd, "etc", 0755), 0);
	etc = openat(rootfd, "etc", O_RDONLY | O_DIRECTORY);
	write_at(
	    etc, "passwd",
	    "# comment\nroot:x:0:0:root:/root:/bin/sh\nbroken line\nsvc:x:12:12::/usr/sbin:/x\n"
	    "ann:x:1000:1000:Ann:/home/ann:/bin/sh\nbad:x:notanumber:1::/:/x\n+nis::::::\n"
	    "big:x:4294967294:5:\n",
	    0644);
	write_at(etc, "group", "root:x:0:\nstaff:x:50:ann\nann:x:1000:", 0644);
	userdb_load(&db, rootfd, 1000);
	assert_true(db.have_passwd && db.have_group);
	assert_false(db.nss); /* another root than this system's: never asked of NSS */
	assert_true(userdb_has_uid(&db, 0));
	assert_true(userdb_has_uid(&db, 12));
	assert_true(userdb_has_uid(&db, 1000));
	assert_true(userdb_has_uid(&db, 4294967294u));
	assert_false(userdb_has_uid(&db, 1));
	assert_false(userdb_has_uid(&db, 65534));
	assert_true(userdb_has_gid(&db, 50));
	assert_false(userdb_has_gid(&db, 12));
	assert_string_equal(userdb_user_name(&db, 1000), "ann");
	assert_int_equal(userdb_group_id(&db, "staff"), 50);
	assert_int_equal(userdb_user_id(&db, "nobody"), -1);
	assert_int_equal(userdb_user_id(&db, "77"), 77);
	assert_int_equal(db.nhomes, 2); /* /root and /home/ann; not svc's /usr/sbin */
	userdb_free(&db);
	unlinkat(etc, "passwd", 0);
	unlinkat(etc, "group", 0);
	close(etc);
	unlinkat(rootfd, "etc", AT_REMOVEDIR);
	close(rootfd);
	rmdir(dir);
	free(dir);
}

/* What a walk saw. */
struct walk_seen {
	pthread_mutex_t lock;
	size_t entries, problems, maxlen;
	bool deep_file, fifo, loop;
};

static void seen_visit(void *arg, const struct walk_entry *e)
{
	struct walk_seen *s = arg;

	pthread_mutex_lock(&s->lock);
	s->entries++;
	if (e->pathlen > s->maxlen)
		s->maxlen = e->pathlen;
	assert_int_equal(strlen(e->path), e->pathlen);
	if (strcmp(e->name, "bottom") == 0)
		s->deep_file = true;
	if (strcmp(e->name, "fifo") == 0 && S_ISFIFO(e->st->st_mode))
		s->fifo = true;
	if (strcmp(e->name, "loop") == 0 && S_ISLNK(e->st->st_mode))
		s->loop = true;
	pthread_mutex_unlock(&s->lock);
}

static void seen_problem(void *arg, const char *path, int errnum, enum walk_problem what)
{
	struct walk_seen *s = arg;

	(void)path;
	(void)errnum;
	(void)what;
	pthread_mutex_lock(&s->lock);
	s->problems++;
	pthread_mutex_unlock(&s->lock);
}

/* Removes the chain of depth directories named name under dfd, deepest first. */
static void remove_chain(int dfd, const char *name, int depth, const char *leaf)
{
	int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

	assert_true(fd >= 0);
	if (depth > 1)
		remove_chain(fd, name, depth - 1, leaf);
	else
		unlinkat(fd, leaf, 0);
	close(fd);
	assert_int_equal(unlinkat(dfd, name, AT_REMOVEDIR), 0);
}

static void test_walker_takes_paths_far_past_path_max_loops_and_fifos(void **state)
{
	char *dir = make_scratch();
	int rootfd = open(dir, O_RDONLY | O_DIRECTORY), fd, next;
	char name[201];
	const int depth = 120; /* 120 x 201 bytes: about 24 KB, 6 x PATH_MAX */
	static const char *const paths[] = {"/"};
	struct walk_seen seen = {.lock = PTHREAD_MUTEX_INITIALIZER};
	struct walk_opts o = {0};
	size_t examined;
	struct vg_err err = {0};

	(void)state;
	memset(name, 'n', 200);
	name[200] = '\0';
	fd = dup(rootfd);
	for (int i = 0; i < depth; i++) {
		assert_int_equal(mkdirat(fd, name, 0755), 0);
		next = openat(fd, name, O_RDONLY | O_DIRECTORY);
		assert_true(next >= 0);
		close(fd);
		fd = next;
	}
	write_at(fd, "bottom", "x", 0644);
	close(fd);
	assert_int_equal(symlinkat("loop", rootfd, "loop"), 0);
	assert_int_equal(symlinkat(".", rootfd, "dot"), 0);
	assert_int_equal(mkfifoat(rootfd, "fifo", 0666), 0);
	for (int threads = 1; threads <= 2; threads++) {
		memset(&seen, 0, sizeof seen);
		pthread_mutex_init(&seen.lock, NULL);
		o.rootfd = rootfd;
		o.paths = paths;
		o.npaths = 1;
		o.threads = threads;
		o.visit = seen_visit;
		o.problem = seen_problem;
		o.arg = &seen;
		assert_int_equal(walk_run(&o, &examined, &err), 0);
		/* "/", the chain, bottom, loop, dot, fifo */
		assert_int_equal(seen.entries, 1 + (size_t)depth + 4);
		assert_int_equal(examined, seen.entries);
		assert_int_equal(seen.problems, 0);
		assert_true(seen.deep_file && seen.fifo && seen.loop);
		assert_true(seen.maxlen > (size_t)depth * 201);
		pthread_mutex_destroy(&seen.lock);
	}
	remove_chain(rootfd, name, depth, "bottom");
	unlinkat(rootfd, "loop", 0);
	unlinkat(rootfd, "dot", 0);
	unlinkat(rootfd, "fifo", 0);
	close(rootfd);
	assert_int_equal(rmdir(dir), 0);
	free(dir);
}

static void test_walker_excludes_and_reports_missing_start_quietly(void **state)
{
	char *dir = make_scratch();
	int rootfd = open(dir, O_RDONLY | O_DIRECTORY);
	static const char *const paths[] = {"/a", "/no-such-dir"};
	static const char *const exclude[] = {"/a/skip"};
	struct walk_seen seen = {.lock = PTHREAD_MUTEX_INITIALIZER};
	struct walk_opts o = {0};
	struct vg_err err = {0};
	size_t examined;

	(void)state;
	assert_int_equal(mkdirat(rootfd, "a", 0755), 0);
	assert_int_equal(mkdirat(rootfd, "a/skip", 0755), 0);
	assert_int_equal(mkdirat(rootfd, "a/skip/inner", 0755), 0);
	assert_int_equal(mkdirat(rootfd, "a/keep", 0755), 0);
	o.rootfd = rootfd;
	o.paths = paths;
	o.npaths = 2;
	o.exclude = exclude;
	o.nexclude = 1;
	o.threads = 2;
	o.visit = seen_visit;
	o.problem = seen_problem;
	o.arg = &seen;
	assert_int_equal(walk_run(&o, &examined, &err), 0);
	assert_int_equal(seen.entries, 3); /* /a, /a/skip (seen, not entered), /a/keep */
	assert_int_equal(seen.problems, 0);
	unlinkat(rootfd, "a/skip/inner", AT_REMOVEDIR);
	unlinkat(rootfd, "a/skip", AT_REMOVEDIR);
	unlinkat(rootfd, "a/keep", AT_REMOVEDIR);
	unlinkat(rootfd, "a", AT_REMOVEDIR);
	close(rootfd);
	rmdir(dir);
	free(dir);
}

/* Visits that delete, at the first entry met in /v, every other entry of /v. */
struct vanish {
	pthread_mutex_t lock;
	size_t in_v, problems;
	bool done;
};

static void vanish_visit(void *arg, const struct walk_entry *e)
{
	struct vanish *v = arg;
	char name[16];

	if (strncmp(e->path, "/v/", 3) != 0)
		return;
	pthread_mutex_lock(&v->lock);
	v->in_v++;
	if (!v->done) {
		v->done = true;
		for (int i = 0; i < 50; i++) {
			snprintf(name, sizeof name, "f%d", i);
			if (strcmp(name, e->name) != 0)
				unlinkat(e->dirfd, name, 0);
		}
		for (int i = 0; i < 5; i++) {
			snprintf(name, sizeof name, "s%d", i);
			if (strcmp(name, e->name) != 0)
				unlinkat(e->dirfd, name, AT_REMOVEDIR);
		}
	}
	pthread_mutex_unlock(&v->lock);
}

static void vanish_problem(void *arg, const char *path, int errnum, enum walk_problem what)
{
	struct vanish *v = arg;

	(void)path;
	(void)errnum;
	(void)what;
	pthread_mutex_lock(&v->lock);
	v->problems++;
	pthread_mutex_unlock(&v->lock);
}

static void test_walker_ignores_entries_that_vanish_mid_scan(void **state)
{
	char *dir = make_scratch();
	int rootfd = open(dir, O_RDONLY | O_DIRECTORY), vfd;
	static const char *const paths[] = {"/"};
	struct vanish v = {.lock = PTHREAD_MUTEX_INITIALIZER};
	struct walk_opts o = {0};
	struct vg_err err = {0};
	char name[16];
	size_t examined;

	(void)state;
	assert_int_equal(mkdirat(rootfd, "v", 0755), 0);
	vfd = openat(rootfd, "v", O_RDONLY | O_DIRECTORY);
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof name, "f%d", i);
		write_at(vfd, name, "x", 0644);
	}
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "s%d", i);
		assert_int_equal(mkdirat(vfd, name, 0755), 0);
	}
	o.rootfd = rootfd;
	o.paths = paths;
	o.npaths = 1;
	o.threads = 1;
	o.visit = vanish_visit;
	o.problem = vanish_problem;
	o.arg = &v;
	assert_int_equal(walk_run(&o, &examined, &err), 0);
	assert_int_equal(v.in_v, 1); /* the others were listed, then gone: ENOENT ignored */
	assert_int_equal(v.problems, 0);
	for (int i = 0; i < 50; i++) {
		snprintf(name, sizeof name, "f%d", i);
		unlinkat(vfd, name, 0);
	}
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof name, "s%d", i);
		unlinkat(vfd, name, AT_REMOVEDIR);
	}
	close(vfd);
	assert_int_equal(unlinkat(rootfd, "v", AT_REMOVEDIR), 0);
	close(rootfd);
	rmdir(dir);
	free(dir);
}

static void test_open_in_root_never_follows_links(void **state)
{
	char *dir = make_scratch();
	int rootfd = open(dir, O_RDONLY | O_DIRECTORY), fd;

	(void)state;
	assert_int_equal(mkdirat(rootfd, "real", 0755), 0);
	write_at(rootfd, "real/file", "x", 0644);
	assert_int_equal(symlinkat("real", rootfd, "link"), 0);
	fd = walk_open_in_root(rootfd, "/real/file", O_RDONLY);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(walk_open_in_root(rootfd, "/link/file", O_RDONLY), -1);
	assert_int_equal(walk_open_in_root(rootfd, "/real/../real/file", O_RDONLY), -1);
	assert_int_equal(walk_open_in_root(rootfd, "relative", O_RDONLY), -1);
	unlinkat(rootfd, "link", 0);
	unlinkat(rootfd, "real/file", 0);
	unlinkat(rootfd, "real", AT_REMOVEDIR);
	close(rootfd);
	rmdir(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_bad_profile_is_refused_with_line_and_column),
	    cmocka_unit_test(test_good_profiles_and_the_default_profile_load),
	    cmocka_unit_test(test_evidence_caps_follow_status_and_severity),
	    cmocka_unit_test(test_tls_check_caps_site_https_and_a_closed_port_is_an_error),
	    cmocka_unit_test(test_findings_are_capped_per_rule_and_summarised),
	    cmocka_unit_test(test_a_rule_can_be_summarised_in_one_finding),
	    cmocka_unit_test(test_userdb_reads_the_roots_files_not_the_hosts),
	    cmocka_unit_test(test_walker_takes_paths_far_past_path_max_loops_and_fifos),
	    cmocka_unit_test(test_walker_excludes_and_reports_missing_start_quietly),
	    cmocka_unit_test(test_walker_ignores_entries_that_vanish_mid_scan),
	    cmocka_unit_test(test_open_in_root_never_follows_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
