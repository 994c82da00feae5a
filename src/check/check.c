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

#include <libintl.h>

#define _(s) gettext(s)

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

int check_params_ca_timeout(const struct yl_ctx *c, const struct yl_node *n, const char **ca,
                            int *timeout_ms)
{
	const struct yl_node *v;
	long num;

	if ((v = yl_get(n, "ca")) != NULL && yl_string(c, v, "ca", ca) != 0)
		return -1;
	if ((v = yl_get(n, "timeout_ms")) != NULL) {
		if (yl_int(c, v, "timeout_ms", 50, 600000, &num) != 0)
			return -1;
		*timeout_ms = (int)num;
	}
	return 0;
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

static char *vg_strndup(const char *s, size_t n)
{
	char *d = vg_malloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* The rule's summary in res (created empty); under check_lock. */
static struct check_rule_sum *check_rule_get(struct check_result *res, const char *rule,
                                             enum vg_check_status level)
{
	struct check_rule_sum *s;

	for (size_t i = 0; i < res->nrules; i++)
		if (res->rules[i].level == level && strcmp(res->rules[i].rule, rule) == 0)
			return &res->rules[i];
	if (res->nrules == res->rules_cap) {
		res->rules_cap = res->rules_cap ? res->rules_cap * 2 : 8;
		res->rules = vg_reallocarray(res->rules, res->rules_cap, sizeof *res->rules);
	}
	s = &res->rules[res->nrules++];
	memset(s, 0, sizeof *s);
	s->rule = rule;
	s->level = level;
	s->cap = -1;
	return s;
}

/* The directory a finding is counted in: its parent, cut to two components ("/srv/data"
 * for /srv/data/a/b/f, "/srv" for /srv/f, "/" for /f). Length of that prefix of path, or
 * 0 for a path that is not a file's (an endpoint). */
static size_t check_dir_key(const char *path)
{
	const char *last, *p;
	size_t len;

	if (path[0] != '/')
		return 0;
	last = strrchr(path, '/');
	len = (size_t)(last - path);
	if (len == 0)
		return 1; /* "/" */
	p = memchr(path + 1, '/', len - 1);
	if (p != NULL && (p = memchr(p + 1, '/', len - (size_t)(p + 1 - path))) != NULL)
		len = (size_t)(p - path);
	return len;
}

static size_t check_hash(const char *s, size_t n)
{
	size_t h = 14695981039346656037u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

/* Counts path in its directory; under check_lock. Past CHECK_MAX_DIRS directories, new
 * ones are not counted (they weigh less than the ones met). */
static void check_dir_count(struct check_rule_sum *s, const char *path)
{
	size_t len = check_dir_key(path), i;

	if (len == 0)
		return;
	if (s->ndirs * 2 >= s->dirs_size) {
		struct check_dir_count *old = s->dirs;
		size_t osize = s->dirs_size;

		if (s->ndirs >= CHECK_MAX_DIRS) {
			for (i = check_hash(path, len) & (osize - 1); old[i].path != NULL;
			     i = (i + 1) & (osize - 1))
				if (strncmp(old[i].path, path, len) == 0 &&
				    old[i].path[len] == '\0') {
					old[i].count++;
					return;
				}
			return;
		}
		s->dirs_size = osize ? osize * 2 : 16;
		s->dirs = vg_calloc(s->dirs_size, sizeof *s->dirs);
		for (size_t j = 0; j < osize; j++) {
			if (old[j].path == NULL)
				continue;
			for (i = check_hash(old[j].path, strlen(old[j].path)) & (s->dirs_size - 1);
			     s->dirs[i].path != NULL; i = (i + 1) & (s->dirs_size - 1))
				;
			s->dirs[i] = old[j];
		}
		free(old);
	}
	for (i = check_hash(path, len) & (s->dirs_size - 1); s->dirs[i].path != NULL;
	     i = (i + 1) & (s->dirs_size - 1))
		if (strncmp(s->dirs[i].path, path, len) == 0 && s->dirs[i].path[len] == '\0') {
			s->dirs[i].count++;
			return;
		}
	s->dirs[i].path = vg_strndup(path, len);
	s->dirs[i].count = 1;
	s->ndirs++;
}

static void check_finding_free(struct check_finding *f)
{
	free(f->path);
	free(f->observed);
	free(f->expected);
}

static size_t check_finding_bytes(const struct check_finding *f)
{
	return strlen(f->path) + strlen(f->observed) + strlen(f->expected);
}

/* Restores the max-heap (by path) of s's kept findings from i down. */
static void check_heap_down(struct check_rule_sum *s, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		struct check_finding t;

		if (l < s->nheap && strcmp(s->heap[l].path, s->heap[m].path) > 0)
			m = l;
		if (r < s->nheap && strcmp(s->heap[r].path, s->heap[m].path) > 0)
			m = r;
		if (m == i)
			return;
		t = s->heap[i];
		s->heap[i] = s->heap[m];
		s->heap[m] = t;
		i = m;
	}
}

static void check_heap_push(struct check_rule_sum *s, struct check_finding f)
{
	size_t i;

	if (s->heap == NULL)
		s->heap = vg_calloc(CHECK_RULE_SHOWN, sizeof *s->heap);
	i = s->nheap++;
	s->heap[i] = f;
	while (i > 0 && strcmp(s->heap[(i - 1) / 2].path, s->heap[i].path) < 0) {
		struct check_finding t = s->heap[i];

		s->heap[i] = s->heap[(i - 1) / 2];
		s->heap[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* Whether a finding at path would be kept now; under check_lock. */
static bool check_would_keep(const struct check_rule_sum *s, const char *path)
{
	return s->nheap < CHECK_RULE_SHOWN || strcmp(path, s->heap[0].path) < 0;
}

void check_result_add(struct check_result *res, enum vg_check_status level, const char *rule,
                      const char *path, const char *observed, const char *expected_fmt, ...)
{
	struct check_rule_sum *s;
	struct check_finding f;
	va_list ap;
	size_t n;

	pthread_mutex_lock(&check_lock);
	s = check_rule_get(res, rule, level);
	s->count++;
	check_dir_count(s, path);
	if (!check_would_keep(s, path)) {
		pthread_mutex_unlock(&check_lock);
		return;
	}
	pthread_mutex_unlock(&check_lock);
	va_start(ap, expected_fmt);
	f.expected = vg_vasprintf(expected_fmt, ap);
	va_end(ap);
	f.level = level;
	f.rule = rule;
	f.path = vg_strdup(path);
	f.observed = vg_strdup(observed);
	n = check_finding_bytes(&f);
	pthread_mutex_lock(&check_lock);
	s = check_rule_get(res, rule, level); /* the table may have moved */
	if (!check_would_keep(s, path) ||
	    res->bytes + n - (s->nheap == CHECK_RULE_SHOWN ? check_finding_bytes(&s->heap[0]) : 0) >
	        CHECK_MAX_FINDING_BYTES) {
		pthread_mutex_unlock(&check_lock);
		check_finding_free(&f);
		return;
	}
	res->bytes += n;
	if (s->nheap < CHECK_RULE_SHOWN) {
		check_heap_push(s, f);
		f.path = NULL;
	} else {
		struct check_finding old = s->heap[0];

		res->bytes -= check_finding_bytes(&old);
		s->heap[0] = f;
		check_heap_down(s, 0);
		f = old;
	}
	pthread_mutex_unlock(&check_lock);
	if (f.path != NULL)
		check_finding_free(&f);
}

bool check_result_has(struct check_result *res, const char *rule, const char *path)
{
	bool has = false;

	pthread_mutex_lock(&check_lock);
	for (size_t i = 0; i < res->nrules && !has; i++)
		if (strcmp(res->rules[i].rule, rule) == 0)
			for (size_t j = 0; j < res->rules[i].nheap && !has; j++)
				has = strcmp(res->rules[i].heap[j].path, path) == 0;
	pthread_mutex_unlock(&check_lock);
	return has;
}

void check_result_summarise(struct check_result *res, const char *rule, enum vg_check_status level,
                            const char *path, const char *observed, const char *expected,
                            struct vg_text action)
{
	struct check_finding f = {level, rule, vg_strdup(path), vg_strdup(observed),
	                          vg_strdup(expected)};

	pthread_mutex_lock(&check_lock);
	for (size_t i = 0; i < res->nrules; i++) {
		struct check_rule_sum *s = &res->rules[i];

		if (strcmp(s->rule, rule) != 0)
			continue;
		for (size_t j = 0; j < s->nheap; j++) {
			res->bytes -= check_finding_bytes(&s->heap[j]);
			check_finding_free(&s->heap[j]);
		}
		s->nheap = 0;
		s->level = level;
		s->action = action;
		res->bytes += check_finding_bytes(&f);
		check_heap_push(s, f);
		break;
	}
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

static int check_dir_cmp(const void *a, const void *b)
{
	const struct check_dir_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->path, y->path);
}

int check_rule_cap(const struct check_def *d, const struct check_rule_sum *s)
{
	int base = d->severity == CHECK_SEV_HIGH ? 0 : d->severity == CHECK_SEV_MEDIUM ? 1 : 2;

	return s->cap > base ? s->cap : base;
}

/* The rule's table row of d's kind, and its index (the table's length when absent). */
static size_t check_rule_index(const struct check_def *d, const char *rule)
{
	size_t i = 0;

	for (const struct check_rule_info *ri = d->kind->rules; ri != NULL && ri[i].rule != NULL;
	     i++)
		if (strcmp(ri[i].rule, rule) == 0)
			return i;
	return i;
}

static const struct check_def *check_sort_def; /* for check_sum_cmp, under check_lock */

static int check_sum_cmp(const void *a, const void *b)
{
	const struct check_rule_sum *x = a, *y = b;
	size_t ix, iy;

	if (x->level != y->level)
		return x->level == VG_CHECK_FAIL ? -1 : 1;
	if (check_rule_cap(check_sort_def, x) != check_rule_cap(check_sort_def, y))
		return check_rule_cap(check_sort_def, x) - check_rule_cap(check_sort_def, y);
	ix = check_rule_index(check_sort_def, x->rule);
	iy = check_rule_index(check_sort_def, y->rule);
	if (ix != iy)
		return ix < iy ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* Appends path to b, its end only ("…/end") when it is long. */
static void check_put_path(struct vg_buf *b, const char *path)
{
	size_t n = strlen(path);
	const char *p;

	if (n <= 120) {
		vg_buf_puts(b, path);
		return;
	}
	p = strchr(path + n - 120, '/');
	vg_buf_puts(b, "…");
	vg_buf_puts(b, p != NULL ? p : path + n - 120);
}

/* One line per rule, in lang: "label : N, surtout dans DIR (n), ... À faire : action". */
static char *check_summary_text(const struct check_result *r, enum vg_lang lang)
{
	bool en = lang == VG_LANG_EN;
	struct vg_buf b;

	vg_buf_init(&b, 256u << 10);
	for (size_t i = 0; i < r->nrules; i++) {
		const struct check_rule_sum *s = &r->rules[i];

		vg_buf_printf(&b, "%s%s%s %zu", i ? "\n" : "", model_text(&s->label, lang),
		              en ? ":" : " :", s->count);
		if (s->count <= 3 && s->shown == s->count) {
			size_t k = 0;

			for (size_t j = 0; j < r->nfindings; j++)
				if (strcmp(r->findings[j].rule, s->rule) == 0 &&
				    r->findings[j].level == s->level &&
				    r->findings[j].path[0] == '/') {
					vg_buf_puts(&b, k++ ? ", " : " (");
					check_put_path(&b, r->findings[j].path);
				}
			if (k > 0)
				vg_buf_puts(&b, ")");
		} else if (s->ntop > 0) {
			vg_buf_puts(&b, en ? ", mostly in " : ", surtout dans ");
			for (size_t j = 0; j < s->ntop; j++) {
				vg_buf_puts(&b, j ? ", " : "");
				check_put_path(&b, s->top[j].path);
				vg_buf_printf(&b, " (%zu)", s->top[j].count);
			}
		}
		if (s->action.fr != NULL)
			vg_buf_printf(&b, en ? ". To do: %s" : ". À faire : %s",
			              model_text(&s->action, lang));
	}
	return b.data != NULL ? b.data : vg_strdup("");
}

/* Turns the rules' running state into their summaries and the result's findings. */
static void check_finish_rules(const struct check_def *d, struct check_result *r)
{
	r->dropped = 0;
	for (size_t i = 0; i < r->nrules; i++) {
		struct check_rule_sum *s = &r->rules[i];
		size_t k = check_rule_index(d, s->rule), n = 0;

		if (d->kind->rules != NULL && d->kind->rules[k].rule != NULL) {
			const struct check_rule_info *ri = &d->kind->rules[k];

			if (s->label.fr == NULL)
				s->label = ri->label;
			if (s->action.fr == NULL)
				s->action = ri->action;
			s->cap = ri->cap;
		}
		if (s->label.fr == NULL)
			s->label = (struct vg_text){s->rule, s->rule};
		if (s->action.fr == NULL)
			s->action = d->remediation;
		for (size_t j = 0; j < s->dirs_size; j++)
			if (s->dirs[j].path != NULL)
				s->dirs[n++] = s->dirs[j];
		if (n > 1)
			qsort(s->dirs, n, sizeof *s->dirs, check_dir_cmp);
		for (size_t j = 0; j < n; j++) {
			if (j < CHECK_TOP_DIRS)
				s->top[s->ntop++] = s->dirs[j];
			else
				free(s->dirs[j].path);
		}
		free(s->dirs);
		s->dirs = NULL;
		s->ndirs = s->dirs_size = 0;
		if (r->nfindings + s->nheap > r->cap) {
			r->cap = r->nfindings + s->nheap;
			r->findings = vg_reallocarray(r->findings, r->cap, sizeof *r->findings);
		}
		if (s->nheap > 0)
			memcpy(r->findings + r->nfindings, s->heap, s->nheap * sizeof *s->heap);
		r->nfindings += s->nheap;
		s->shown = s->nheap;
		r->dropped += s->count - s->nheap;
		free(s->heap);
		s->heap = NULL;
		s->nheap = 0;
	}
	if (r->nrules > 1) {
		pthread_mutex_lock(&check_lock);
		check_sort_def = d;
		qsort(r->rules, r->nrules, sizeof *r->rules, check_sum_cmp);
		pthread_mutex_unlock(&check_lock);
	}
	if (r->nfindings > 1)
		qsort(r->findings, r->nfindings, sizeof *r->findings, check_finding_cmp);
	if (r->nrules > 0) {
		r->summary.fr = check_summary_text(r, VG_LANG_FR);
		r->summary.en = check_summary_text(r, VG_LANG_EN);
	}
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
	check_finish_rules(d, r);
	for (size_t i = 0; i < r->nrules; i++) {
		fail |= r->rules[i].level == VG_CHECK_FAIL && r->rules[i].count > 0;
		warn |= r->rules[i].level == VG_CHECK_WARN && r->rules[i].count > 0;
	}
	if (r->status == VG_CHECK_ERROR)
		return;
	if (fail)
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
			return vg_err_set(
			    err, VG_EUSAGE,
			    _("--only %s : aucune vérification de cet identifiant dans le profil "
			      "%s ; vérifiez l'orthographe parmi les id: du profil"),
			    only[i], p->source);
	}
	if (env.root == NULL)
		env.root = "/";
	env.rootfd = open(env.root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (env.rootfd < 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : impossible d'ouvrir le dossier racine : %s"), env.root,
		                  strerror(errno));
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
		for (size_t j = 0; j < results[i].nfindings; j++)
			check_finding_free(&results[i].findings[j]);
		for (size_t j = 0; j < results[i].nrules; j++) {
			struct check_rule_sum *s = &results[i].rules[j];

			for (size_t k = 0; k < s->ntop; k++)
				free(s->top[k].path);
			for (size_t k = 0; k < s->nheap; k++)
				check_finding_free(&s->heap[k]);
			for (size_t k = 0; k < s->dirs_size; k++)
				free(s->dirs[k].path);
			free(s->heap);
			free(s->dirs);
		}
		free(results[i].rules);
		free((char *)results[i].summary.fr);
		free((char *)results[i].summary.en);
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
	/* A check whose failing rules all deserve less (unowned files: medium at most) caps
	 * as its most severe failing rule does. */
	if (r->nrules > 0) {
		int worst = -1;

		for (size_t i = 0; i < r->nrules; i++) {
			int c;

			if (r->rules[i].level != VG_CHECK_FAIL || r->rules[i].count == 0)
				continue;
			c = check_rule_cap(r->def, &r->rules[i]);
			if (worst < 0 || c < worst)
				worst = c;
		}
		if (worst >= 0)
			cap = worst;
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
		ev[i].detail = results[i].summary;
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
