/* check: the kind table, results, running a profile, and evidence for scoring. */
#include "check/check.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The kind table: one row per kind, each implemented in its own file. */
static const struct check_kind *const check_kinds[] = {
#define CHECK_KIND(name) &check_kind_##name,
    CHECK_KINDS
#undef CHECK_KIND
};

#define CHECK_NKINDS (sizeof check_kinds / sizeof check_kinds[0])

/* Findings may come from several walker threads at once. */
static pthread_mutex_t check_lock = PTHREAD_MUTEX_INITIALIZER;

const char *check_severity_name(enum check_severity s)
{
	return s == CHECK_SEV_HIGH ? "high" : s == CHECK_SEV_MEDIUM ? "medium" : "low";
}

const char *check_tr(const struct check_env *env, const char *fr, const char *en)
{
	return env->lang == VG_LANG_EN ? en : fr;
}

const struct check_kind *check_kind_find(const char *name)
{
	for (size_t i = 0; i < CHECK_NKINDS; i++)
		if (strcmp(check_kinds[i]->name, name) == 0)
			return check_kinds[i];
	return NULL;
}

const char *check_kind_names(void)
{
	static char list[256];

	pthread_mutex_lock(&check_lock);
	if (list[0] == '\0')
		for (size_t i = 0; i < CHECK_NKINDS; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			         i ? ", " : "", check_kinds[i]->name);
	pthread_mutex_unlock(&check_lock);
	return list;
}

void check_result_add(struct check_result *res, enum vg_check_status level, const char *rule,
                      const char *path, const char *observed, const char *expected_fmt, ...)
{
	struct check_finding *f;
	va_list ap;
	char *expected;
	int n;

	pthread_mutex_lock(&check_lock);
	if (res->nfindings >= CHECK_MAX_FINDINGS) {
		res->dropped++;
		pthread_mutex_unlock(&check_lock);
		return;
	}
	pthread_mutex_unlock(&check_lock);
	va_start(ap, expected_fmt);
	expected = vg_vasprintf(expected_fmt, ap);
	va_end(ap);
	n = (int)strlen(expected);
	pthread_mutex_lock(&check_lock);
	n = (int)(strlen(path) + strlen(observed)) + n;
	if (res->bytes + (size_t)n > CHECK_MAX_FINDING_BYTES) {
		res->dropped++;
		pthread_mutex_unlock(&check_lock);
		free(expected);
		return;
	}
	res->bytes += (size_t)n;
	if (res->nfindings == res->cap) {
		res->cap = res->cap ? res->cap * 2 : 16;
		res->findings = vg_reallocarray(res->findings, res->cap, sizeof *res->findings);
	}
	f = &res->findings[res->nfindings++];
	f->level = level;
	f->rule = rule;
	f->path = vg_strdup(path);
	f->observed = vg_strdup(observed);
	f->expected = expected;
	pthread_mutex_unlock(&check_lock);
}

void check_result_reason(struct check_result *res, enum vg_check_status status, const char *fmt,
                         ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	free(res->reason);
	res->reason = vg_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(res->reason, (size_t)n + 1, fmt, ap);
	va_end(ap);
	res->status = status;
}

static int check_finding_cmp(const void *a, const void *b)
{
	const struct check_finding *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c != 0 ? c : strcmp(x->rule, y->rule);
}

static double check_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs one check and settles its status: findings decide unless the kind set one. */
static void check_run_one(const struct check_def *d, const struct check_env *env,
                          struct check_result *r)
{
	struct vg_err err = {0};
	double t0 = check_now();
	bool fail = false, warn = false;

	r->def = d;
	r->status = VG_CHECK_PASS;
	if (d->kind->run(d, env, r, &err) != 0)
		check_result_reason(r, VG_CHECK_ERROR, "%s", err.msg);
	r->duration = check_now() - t0;
	if (r->nfindings > 1)
		qsort(r->findings, r->nfindings, sizeof *r->findings, check_finding_cmp);
	for (size_t i = 0; i < r->nfindings; i++) {
		fail |= r->findings[i].level == VG_CHECK_FAIL;
		warn |= r->findings[i].level == VG_CHECK_WARN;
	}
	if (r->status == VG_CHECK_ERROR)
		return;
	if (fail || r->dropped > 0)
		r->status = VG_CHECK_FAIL;
	else if (warn && r->status == VG_CHECK_PASS)
		r->status = VG_CHECK_WARN;
}

int check_run_profile(const struct check_profile *p, const struct check_env *opts,
                      const char *const *only, size_t nonly, struct check_result **results,
                      size_t *nresults, struct vg_err *err)
{
	struct check_env env = *opts;
	struct check_result *res;
	size_t n = 0;
	long ncpu;

	*results = NULL;
	*nresults = 0;
	for (size_t i = 0; i < nonly; i++) {
		size_t j;

		for (j = 0; j < p->nchecks; j++)
			if (strcmp(p->checks[j].id, only[i]) == 0)
				break;
		if (j == p->nchecks)
			return vg_err_set(err, VG_EUSAGE,
			                  "--only %s: no check of that id in profile %s", only[i],
			                  p->source);
	}
	if (env.root == NULL)
		env.root = "/";
	env.rootfd = open(env.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (env.rootfd < 0)
		return vg_err_set(err, VG_EINPUT, "%s: cannot open the root directory: %s",
		                  env.root, strerror(errno));
	if (env.threads < 1) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		env.threads = ncpu < 1 ? 1 : ncpu > 4 ? 4 : (int)ncpu;
	}
	res = vg_calloc(p->nchecks, sizeof *res);
	for (size_t i = 0; i < p->nchecks; i++) {
		bool wanted = nonly == 0;

		for (size_t j = 0; j < nonly && !wanted; j++)
			wanted = strcmp(p->checks[i].id, only[j]) == 0;
		if (!wanted)
			continue;
		if (env.stop != NULL && env.stop(env.progress_arg))
			break;
		if (env.progress != NULL)
			env.progress(env.progress_arg, p->checks[i].id, 0);
		check_run_one(&p->checks[i], &env, &res[n++]);
	}
	close(env.rootfd);
	*results = res;
	*nresults = n;
	return 0;
}

void check_results_free(struct check_result *results, size_t n)
{
	if (results == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < results[i].nfindings; j++) {
			free(results[i].findings[j].path);
			free(results[i].findings[j].observed);
			free(results[i].findings[j].expected);
		}
		free(results[i].findings);
		free(results[i].reason);
	}
	free(results);
}

int check_cap(const struct check_result *r)
{
	int cap;

	if (r->status != VG_CHECK_FAIL)
		return -1;
	switch (r->def->severity) {
	case CHECK_SEV_HIGH:
		cap = 0;
		break;
	case CHECK_SEV_MEDIUM:
		cap = 1;
		break;
	default:
		cap = 2;
		break;
	}
	/* A TLS check of severity high whose worst finding is TLS 1.0 (medium) caps at 1, as
	 * the assessment does: the finding's own weight, never more than the check's. */
	if (r->has_finding_cap && r->finding_cap > cap)
		cap = r->finding_cap;
	return cap;
}

struct vg_evidence *check_to_evidence(const struct check_result *results, size_t n)
{
	struct vg_evidence *ev = vg_calloc(n ? n : 1, sizeof *ev);

	for (size_t i = 0; i < n; i++) {
		const struct check_def *d = results[i].def;

		ev[i].check_id = d->id;
		ev[i].status = results[i].status;
		ev[i].cap = check_cap(&results[i]);
		ev[i].informs = d->informs;
		ev[i].ninforms = d->ninforms;
		ev[i].reason = d->title;
	}
	return ev;
}

void check_profile_free(struct check_profile *p)
{
	struct vg_arena a;

	if (p == NULL)
		return;
	a = p->arena;
	vg_arena_free(&a);
}
