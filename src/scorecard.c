/* scorecard: the scorecard JSON, written and read with jansson (only here). */
#include "scorecard.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "version.h"

const char *scorecard_lib_version(void)
{
	return jansson_version_str();
}

/* ---- writing ---- */

/* A writer: every json_* failure (invalid UTF-8, out of memory) sets bad. */
struct sc_w {
	bool bad;
	const char *why;
};

static json_t *sc_w_str(struct sc_w *w, const char *s)
{
	json_t *v;

	if (s == NULL)
		return json_null();
	v = json_string(s);
	if (v == NULL) {
		w->bad = true;
		w->why = s;
	}
	return v;
}

static void sc_w_set(struct sc_w *w, json_t *obj, const char *key, json_t *v)
{
	if (v == NULL || json_object_set_new(obj, key, v) != 0)
		w->bad = true;
}

static void sc_w_push(struct sc_w *w, json_t *arr, json_t *v)
{
	if (v == NULL || json_array_append_new(arr, v) != 0)
		w->bad = true;
}

/* A score rounded to two decimals, so the text is short and reads back equal. */
static json_t *sc_w_real(double x)
{
	return json_real(round(x * 100.0) / 100.0);
}

static json_t *sc_w_text(struct sc_w *w, const struct vg_text *t)
{
	json_t *o;

	if (t->fr == NULL)
		return json_null();
	o = json_object();
	sc_w_set(w, o, "fr", sc_w_str(w, t->fr));
	sc_w_set(w, o, "en", sc_w_str(w, model_text(t, VG_LANG_EN)));
	return o;
}

static const char *sc_status_name(enum score_status s)
{
	switch (s) {
	case SCORE_COUNTED:
		return "counted";
	case SCORE_NA:
		return "na";
	case SCORE_NOT_APPLIES:
		return "not_applies";
	case SCORE_CONTEXT:
		return "context";
	}
	return "counted";
}

static json_t *sc_w_answers(struct sc_w *w, const struct vg_answers *as,
                            const struct score_result *r)
{
	json_t *all = json_object();

	for (size_t i = 0; i < r->nquestions && i < as->q->nall; i++) {
		const struct score_question *sq = &r->questions[i];
		const struct vg_answer *a = &as->a[i];
		const char *ans = "none";
		json_t *o = json_object();
		bool valued = false;

		switch (a->kind) {
		case VG_ANS_OPTION:
			ans = a->option->id;
			valued = a->option->value >= 0;
			break;
		case VG_ANS_UNKNOWN:
			ans = "nsp";
			break;
		case VG_ANS_NA:
			ans = "na";
			break;
		case VG_ANS_NONE:
			break;
		}
		sc_w_set(w, o, "answer", sc_w_str(w, ans));
		sc_w_set(w, o, "declared", valued ? json_integer(sq->declared) : json_null());
		sc_w_set(w, o, "retained",
		         sq->status == SCORE_COUNTED ? json_integer(sq->retained) : json_null());
		sc_w_set(w, o, "status", sc_w_str(w, sc_status_name(sq->status)));
		sc_w_set(w, o, "note", sc_w_str(w, a->note));
		sc_w_set(w, o, "review", json_boolean(a->review));
		sc_w_set(w, o, "capped_by",
		         sc_w_str(w, sq->capped_by != NULL ? sq->capped_by->check_id : NULL));
		sc_w_set(w, all, as->q->all[i]->id, o);
	}
	return all;
}

static json_t *sc_w_evidence(struct sc_w *w, const struct vg_evidence *ev, size_t nev)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < nev; i++) {
		json_t *o = json_object(), *inf = json_array();

		sc_w_set(w, o, "id", sc_w_str(w, ev[i].check_id));
		sc_w_set(w, o, "status", sc_w_str(w, model_check_status_name(ev[i].status)));
		sc_w_set(w, o, "cap", ev[i].cap >= 0 ? json_integer(ev[i].cap) : json_null());
		for (size_t j = 0; j < ev[i].ninforms; j++)
			sc_w_push(w, inf, sc_w_str(w, ev[i].informs[j]));
		sc_w_set(w, o, "informs", inf);
		sc_w_set(w, o, "reason", sc_w_text(w, &ev[i].reason));
		sc_w_push(w, arr, o);
	}
	return arr;
}

static json_t *sc_w_scores(struct sc_w *w, const struct score_result *r)
{
	json_t *o = json_object(), *doms = json_object();

	for (size_t d = 0; d < r->ndomains; d++) {
		const struct score_domain *sd = &r->domains[d];
		json_t *od = json_object();

		sc_w_set(w, od, "score", sd->scored ? sc_w_real(sd->score) : json_null());
		sc_w_set(w, od, "title", sc_w_text(w, &sd->d->title));
		sc_w_set(w, od, "weight", sc_w_real(sd->d->weight));
		sc_w_set(w, doms, sd->d->id, od);
	}
	sc_w_set(w, o, "overall", r->scored ? sc_w_real(r->overall) : json_null());
	sc_w_set(w, o, "domains", doms);
	return o;
}

static json_t *sc_w_plan(struct sc_w *w, const struct vg_answers *as, const struct score_result *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->nplan; i++) {
		const struct score_action *pa = &r->plan[i];
		const struct vg_option *opt = as->a[pa->q->index].option;
		json_t *o = json_object();

		sc_w_set(w, o, "question", sc_w_str(w, pa->q->id));
		sc_w_set(w, o, "text", sc_w_text(w, &pa->q->text));
		sc_w_set(w, o, "gap", json_integer(pa->gap));
		sc_w_set(w, o, "priority", json_integer(pa->q->priority));
		sc_w_set(w, o, "effort", sc_w_str(w, model_effort_name(pa->q->effort)));
		sc_w_set(w, o, "advice", opt != NULL ? sc_w_text(w, &opt->advice) : json_null());
		sc_w_set(w, o, "priority_measure", json_boolean(pa->priority_measure));
		sc_w_push(w, arr, o);
	}
	return arr;
}

static void sc_now(char *out, size_t outlen)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (sde != NULL && *sde != '\0') {
		errno = 0;
		t = strtoll(sde, &end, 10);
		if (errno == 0 && *end == '\0' && t >= 0 && t < 253402300800LL) {
			time_t tt = (time_t)t;
			struct tm tm;

			gmtime_r(&tt, &tm);
			strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
			return;
		}
	}
	vg_rfc3339_now(out, outlen);
}

int scorecard_write(const struct scorecard_input *in, char **out, size_t *outlen,
                    struct vg_err *err)
{
	const struct vg_answers *as = in->as;
	const struct vg_questionnaire *q = as->q;
	const struct score_result *r = in->res;
	struct sc_w w = {false, NULL};
	json_t *root = json_object(), *o, *arr;
	char now[32];
	char *text;
	size_t n;

	*out = NULL;
	*outlen = 0;
	sc_w_set(&w, root, "format", json_string(SCORECARD_FORMAT));
	o = json_object();
	sc_w_set(&w, o, "name", json_string("vigie"));
	sc_w_set(&w, o, "version", sc_w_str(&w, version_string()));
	sc_w_set(&w, root, "tool", o);
	o = json_object();
	sc_w_set(&w, o, "id", sc_w_str(&w, q->id));
	sc_w_set(&w, o, "version", sc_w_str(&w, q->version));
	sc_w_set(&w, o, "sha256", sc_w_str(&w, q->sha256_hex));
	sc_w_set(&w, o, "title", sc_w_text(&w, &q->title));
	sc_w_set(&w, root, "questionnaire", o);
	o = json_object();
	sc_w_set(&w, o, "name", sc_w_str(&w, as->org.name));
	sc_w_set(&w, o, "insee", sc_w_str(&w, as->org.insee));
	sc_w_set(&w, o, "contact", sc_w_str(&w, as->org.contact));
	sc_w_set(&w, root, "organisation", o);
	if (in->generated_at == NULL)
		sc_now(now, sizeof now);
	sc_w_set(&w, root, "generated_at",
	         sc_w_str(&w, in->generated_at != NULL ? in->generated_at : now));
	if (in->host != NULL)
		sc_w_set(&w, root, "host", sc_w_str(&w, in->host));
	sc_w_set(&w, root, "answers", sc_w_answers(&w, as, r));
	sc_w_set(&w, root, "evidence", sc_w_evidence(&w, in->ev, in->nev));
	sc_w_set(&w, root, "scores", sc_w_scores(&w, r));
	sc_w_set(&w, root, "grade",
	         r->scored ? json_string(score_grade_name(r->grade)) : json_null());
	sc_w_set(&w, root, "critical_cap", json_boolean(r->critical_cap));
	sc_w_set(&w, root, "action_plan", sc_w_plan(&w, as, r));
	arr = json_array();
	for (size_t i = 0; i < r->nunknown; i++)
		sc_w_push(&w, arr, sc_w_str(&w, r->unknown[i]->id));
	sc_w_set(&w, root, "unknown", arr);
	arr = json_array();
	for (size_t i = 0; i < r->nunanswered; i++)
		sc_w_push(&w, arr, sc_w_str(&w, r->unanswered[i]->id));
	sc_w_set(&w, root, "unanswered", arr);
	if (w.bad) {
		json_decref(root);
		if (w.why != NULL)
			return vg_err_set(err, VG_EINPUT,
			                  "scorecard: a text is not valid UTF-8: \"%.60s\"", w.why);
		return vg_err_set(err, VG_ESYS, "scorecard: cannot build the JSON document");
	}
	text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	json_decref(root);
	if (text == NULL)
		return vg_err_set(err, VG_ESYS, "scorecard: cannot serialise the JSON document");
	n = strlen(text);
	*out = vg_malloc(n + 2);
	memcpy(*out, text, n);
	(*out)[n] = '\n';
	(*out)[n + 1] = '\0';
	*outlen = n + 1;
	free(text);
	return 0;
}

/* ---- jansson's memory while a scorecard is read ---- */

/* Parsing a 67 KB scorecard makes jansson allocate and free thousands of small blocks,
 * which cost as much as the parse itself. While scorecard_read runs, the thread's
 * allocations come from one block, bumped and dropped at once; the block is kept for
 * the thread's next scorecard. Elsewhere (or once the block is full), malloc as usual. */
#define SC_POOL_MAX ((size_t)64 << 20)

struct sc_pool {
	char *base;
	size_t cap, used, want; /* want: what the last parse needed, to size the next block */
	bool on;
	long outside; /* allocations that did not fit, still live */
};

static _Thread_local struct sc_pool sc_pool;
static pthread_once_t sc_pool_once = PTHREAD_ONCE_INIT;
static pthread_key_t sc_pool_key; /* its value: the thread's block, freed when it exits */

static void *sc_pool_malloc(size_t n)
{
	struct sc_pool *p = &sc_pool;
	size_t need = (n + 15) & ~(size_t)15;

	if (p->on && need >= n) {
		p->want += need;
		if (p->base != NULL && need <= p->cap - p->used) {
			void *r = p->base + p->used;

			p->used += need;
			return r;
		}
		p->outside++;
	}
	return malloc(n);
}

static void sc_pool_free(void *ptr)
{
	struct sc_pool *p = &sc_pool;

	if (ptr == NULL)
		return;
	if (p->base != NULL && (uintptr_t)ptr >= (uintptr_t)p->base &&
	    (uintptr_t)ptr < (uintptr_t)p->base + p->cap)
		return;
	free(ptr);
}

static void sc_pool_init(void)
{
	if (pthread_key_create(&sc_pool_key, free) != 0)
		abort();
	json_set_alloc_funcs(sc_pool_malloc, sc_pool_free);
}

/* Starts bump allocation for this thread's jansson calls. */
static void sc_pool_begin(void)
{
	struct sc_pool *p = &sc_pool;

	pthread_once(&sc_pool_once, sc_pool_init);
	p->used = 0;
	p->want = 0;
	p->outside = 0;
	p->on = true;
}

/* Ends it: root, every value jansson allocated since sc_pool_begin, is dropped. */
static void sc_pool_end(json_t *root)
{
	struct sc_pool *p = &sc_pool;

	/* Blocks from malloc must go back one by one: let jansson walk the tree. */
	if (p->outside > 0)
		json_decref(root);
	p->on = false;
	p->used = 0;
	if (p->want > p->cap && p->want <= SC_POOL_MAX) {
		/* Nothing points into the old block any more: grow it for the next parse. */
		free(p->base);
		p->cap = p->want + p->want / 4;
		p->base = malloc(p->cap);
		if (p->base == NULL)
			p->cap = 0;
		pthread_setspecific(sc_pool_key, p->base);
	}
}

/* ---- reading ---- */

/* A reader: the error, the arena and whether unknown keys are refused (minor 0). */
struct sc_r {
	struct vg_err *err;
	struct vg_arena *arena;
	bool strict;
};

static int sc_fail(struct sc_r *c, const char *path, const char *what)
{
	return vg_err_set(c->err, VG_EINPUT, "scorecard: %s: %s", path, what);
}

/* Fails on a key of o not in allowed when strict, and on a missing required key. */
static int sc_keys(struct sc_r *c, const char *path, json_t *o, const char *const *allowed,
                   size_t nrequired)
{
	const char *key;
	json_t *v;
	size_t i;

	if (!json_is_object(o))
		return sc_fail(c, path, "expected an object");
	for (i = 0; i < nrequired; i++)
		if (json_object_get(o, allowed[i]) == NULL)
			return vg_err_set(c->err, VG_EINPUT, "scorecard: %s: missing key '%s'",
			                  path, allowed[i]);
	if (!c->strict)
		return 0;
	json_object_foreach(o, key, v)
	{
		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(allowed[i], key) == 0)
				break;
		if (allowed[i] == NULL)
			return vg_err_set(c->err, VG_EINPUT, "scorecard: %s: unknown key '%.64s'",
			                  path, key);
	}
	return 0;
}

static int sc_str(struct sc_r *c, const char *path, json_t *v, bool nullable, const char **out)
{
	*out = NULL;
	if (nullable && json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return sc_fail(c, path,
		               nullable ? "expected a string or null" : "expected a string");
	*out = vg_arena_strndup(c->arena, json_string_value(v), json_string_length(v));
	return 0;
}

static int sc_int(struct sc_r *c, const char *path, json_t *v, bool nullable, long min, long max,
                  int *out)
{
	json_int_t x;

	*out = -1;
	if (nullable && json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return sc_fail(c, path, "expected an integer");
	x = json_integer_value(v);
	if (x < min || x > max)
		return sc_fail(c, path, "integer out of range");
	*out = (int)x;
	return 0;
}

static int sc_num(struct sc_r *c, const char *path, json_t *v, double min, double max, double *out)
{
	if (!json_is_number(v))
		return sc_fail(c, path, "expected a number");
	*out = json_number_value(v);
	if (!(*out >= min && *out <= max))
		return sc_fail(c, path, "number out of range");
	return 0;
}

static int sc_bool(struct sc_r *c, const char *path, json_t *v, bool *out)
{
	if (!json_is_boolean(v))
		return sc_fail(c, path, "expected true or false");
	*out = json_is_true(v);
	return 0;
}

static int sc_text(struct sc_r *c, const char *path, json_t *v, bool nullable, struct vg_text *t)
{
	static const char *const keys[] = {"fr", "en", NULL};

	t->fr = t->en = NULL;
	if (nullable && json_is_null(v))
		return 0;
	if (sc_keys(c, path, v, keys, 2) != 0 ||
	    sc_str(c, path, json_object_get(v, "fr"), false, &t->fr) != 0 ||
	    sc_str(c, path, json_object_get(v, "en"), false, &t->en) != 0)
		return -1;
	return 0;
}

static int sc_strings(struct sc_r *c, const char *path, json_t *v, const char ***out, size_t *n)
{
	size_t i;

	if (!json_is_array(v))
		return sc_fail(c, path, "expected an array");
	*n = json_array_size(v);
	if (*n > SCORECARD_MAX_ITEMS)
		return sc_fail(c, path, "too many items");
	*out = vg_arena_alloc(c->arena, (*n + 1) * sizeof **out);
	for (i = 0; i < *n; i++)
		if (sc_str(c, path, json_array_get(v, i), false, &(*out)[i]) != 0)
			return -1;
	return 0;
}

/* "vigie-scorecard/MAJOR" or "vigie-scorecard/MAJOR.MINOR". */
static int sc_format(struct sc_r *c, const char *f, struct scorecard *sc)
{
	const char *p = f + strlen("vigie-scorecard/");
	long major, minor = 0;
	char *end;

	if (strncmp(f, "vigie-scorecard/", 16) != 0 || *p < '0' || *p > '9')
		return vg_err_set(c->err, VG_EINPUT,
		                  "scorecard: format is '%.64s', not vigie-scorecard/N: not a "
		                  "vigie scorecard",
		                  f);
	errno = 0;
	major = strtol(p, &end, 10);
	if (errno == 0 && *end == '.' && end[1] >= '0' && end[1] <= '9')
		minor = strtol(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || major < 1 || major > 9999 || minor > 9999)
		return vg_err_set(c->err, VG_EINPUT, "scorecard: format '%.64s' is malformed", f);
	if (major > SCORECARD_MAJOR)
		return vg_err_set(c->err, VG_EINPUT,
		                  "scorecard: format %.64s was written by a newer vigie; this "
		                  "one reads vigie-scorecard/%d: upgrade vigie",
		                  f, SCORECARD_MAJOR);
	sc->format_major = (int)major;
	sc->format_minor = (int)minor;
	c->strict = minor == 0;
	return 0;
}

static bool sc_is_hex64(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return i == 64;
}

/* "YYYY-MM-DDTHH:MM:SSZ", the only form vigie writes. */
static bool sc_is_rfc3339(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";

	for (size_t i = 0; i < sizeof shape - 1; i++) {
		if (s[i] == '\0')
			return false;
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return false;
	}
	return s[sizeof shape - 1] == '\0';
}

static int sc_read_head(struct sc_r *c, json_t *root, struct scorecard *sc)
{
	static const char *const tool_keys[] = {"name", "version", NULL};
	static const char *const q_keys[] = {"id", "version", "sha256", "title", NULL};
	static const char *const org_keys[] = {"name", "insee", "contact", NULL};
	json_t *o;

	o = json_object_get(root, "tool");
	if (sc_keys(c, "tool", o, tool_keys, 2) != 0 ||
	    sc_str(c, "tool.name", json_object_get(o, "name"), false, &sc->tool_name) != 0 ||
	    sc_str(c, "tool.version", json_object_get(o, "version"), false, &sc->tool_version) != 0)
		return -1;
	o = json_object_get(root, "questionnaire");
	if (sc_keys(c, "questionnaire", o, q_keys, 4) != 0 ||
	    sc_str(c, "questionnaire.id", json_object_get(o, "id"), false, &sc->q_id) != 0 ||
	    sc_str(c, "questionnaire.version", json_object_get(o, "version"), false,
	           &sc->q_version) != 0 ||
	    sc_str(c, "questionnaire.sha256", json_object_get(o, "sha256"), false, &sc->q_sha256) !=
	        0 ||
	    sc_text(c, "questionnaire.title", json_object_get(o, "title"), false, &sc->q_title) !=
	        0)
		return -1;
	if (!sc_is_hex64(sc->q_sha256))
		return sc_fail(c, "questionnaire.sha256", "expected 64 lowercase hex digits");
	o = json_object_get(root, "organisation");
	if (sc_keys(c, "organisation", o, org_keys, 3) != 0 ||
	    sc_str(c, "organisation.name", json_object_get(o, "name"), true, &sc->org_name) != 0 ||
	    sc_str(c, "organisation.insee", json_object_get(o, "insee"), true, &sc->org_insee) !=
	        0 ||
	    sc_str(c, "organisation.contact", json_object_get(o, "contact"), true,
	           &sc->org_contact) != 0)
		return -1;
	if (sc_str(c, "generated_at", json_object_get(root, "generated_at"), false,
	           &sc->generated_at) != 0)
		return -1;
	if (!sc_is_rfc3339(sc->generated_at))
		return sc_fail(c, "generated_at", "expected YYYY-MM-DDTHH:MM:SSZ (RFC 3339, UTC)");
	if (json_object_get(root, "host") != NULL &&
	    sc_str(c, "host", json_object_get(root, "host"), false, &sc->host) != 0)
		return -1;
	return 0;
}

static int sc_read_answers(struct sc_r *c, json_t *o, struct scorecard *sc)
{
	static const char *const keys[] = {"answer", "declared", "retained",  "status",
	                                   "note",   "review",   "capped_by", NULL};
	const char *qid;
	json_t *v;
	size_t i = 0;

	if (!json_is_object(o))
		return sc_fail(c, "answers", "expected an object");
	sc->nanswers = json_object_size(o);
	if (sc->nanswers > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "answers", "too many items");
	sc->answers = vg_arena_alloc(c->arena, (sc->nanswers + 1) * sizeof *sc->answers);
	json_object_foreach(o, qid, v)
	{
		struct scorecard_answer *a = &sc->answers[i++];
		char path[128];

		snprintf(path, sizeof path, "answers.%.64s", qid);
		a->question = vg_arena_strdup(c->arena, qid);
		if (sc_keys(c, path, v, keys, 7) != 0 ||
		    sc_str(c, path, json_object_get(v, "answer"), false, &a->answer) != 0 ||
		    sc_int(c, path, json_object_get(v, "declared"), true, 0, VG_VALUE_MAX,
		           &a->declared) != 0 ||
		    sc_int(c, path, json_object_get(v, "retained"), true, 0, VG_VALUE_MAX,
		           &a->retained) != 0 ||
		    sc_str(c, path, json_object_get(v, "status"), false, &a->status) != 0 ||
		    sc_str(c, path, json_object_get(v, "note"), true, &a->note) != 0 ||
		    sc_bool(c, path, json_object_get(v, "review"), &a->review) != 0 ||
		    sc_str(c, path, json_object_get(v, "capped_by"), true, &a->capped_by) != 0)
			return -1;
	}
	return 0;
}

static int sc_read_evidence(struct sc_r *c, json_t *arr, struct scorecard *sc)
{
	static const char *const keys[] = {"id", "status", "cap", "informs", "reason", NULL};

	if (!json_is_array(arr))
		return sc_fail(c, "evidence", "expected an array");
	sc->nevidence = json_array_size(arr);
	if (sc->nevidence > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "evidence", "too many items");
	sc->evidence = vg_arena_alloc(c->arena, (sc->nevidence + 1) * sizeof *sc->evidence);
	for (size_t i = 0; i < sc->nevidence; i++) {
		struct scorecard_evidence *e = &sc->evidence[i];
		json_t *v = json_array_get(arr, i);
		char path[64];

		snprintf(path, sizeof path, "evidence[%zu]", i);
		if (sc_keys(c, path, v, keys, 5) != 0 ||
		    sc_str(c, path, json_object_get(v, "id"), false, &e->id) != 0 ||
		    sc_str(c, path, json_object_get(v, "status"), false, &e->status) != 0 ||
		    sc_int(c, path, json_object_get(v, "cap"), true, 0, VG_VALUE_MAX, &e->cap) !=
		        0 ||
		    sc_strings(c, path, json_object_get(v, "informs"), &e->informs, &e->ninforms) !=
		        0 ||
		    sc_text(c, path, json_object_get(v, "reason"), true, &e->reason) != 0)
			return -1;
	}
	return 0;
}

static int sc_read_scores(struct sc_r *c, json_t *o, struct scorecard *sc)
{
	static const char *const keys[] = {"overall", "domains", NULL};
	static const char *const dkeys[] = {"score", "title", "weight", NULL};
	const char *id;
	json_t *doms, *v, *ov;
	size_t i = 0;

	if (sc_keys(c, "scores", o, keys, 2) != 0)
		return -1;
	ov = json_object_get(o, "overall");
	sc->scored = !json_is_null(ov);
	if (sc->scored && sc_num(c, "scores.overall", ov, 0, 100, &sc->overall) != 0)
		return -1;
	doms = json_object_get(o, "domains");
	if (!json_is_object(doms))
		return sc_fail(c, "scores.domains", "expected an object");
	sc->ndomains = json_object_size(doms);
	if (sc->ndomains > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "scores.domains", "too many items");
	sc->domains = vg_arena_alloc(c->arena, (sc->ndomains + 1) * sizeof *sc->domains);
	json_object_foreach(doms, id, v)
	{
		struct scorecard_domain *d = &sc->domains[i++];
		char path[128];
		json_t *s;

		snprintf(path, sizeof path, "scores.domains.%.64s", id);
		d->id = vg_arena_strdup(c->arena, id);
		if (sc_keys(c, path, v, dkeys, 3) != 0)
			return -1;
		s = json_object_get(v, "score");
		d->scored = !json_is_null(s);
		if ((d->scored && sc_num(c, path, s, 0, 100, &d->score) != 0) ||
		    sc_num(c, path, json_object_get(v, "weight"), 0, 1000, &d->weight) != 0 ||
		    sc_text(c, path, json_object_get(v, "title"), false, &d->title) != 0)
			return -1;
	}
	return 0;
}

static int sc_read_plan(struct sc_r *c, json_t *arr, struct scorecard *sc)
{
	static const char *const keys[] = {
	    "question", "text", "gap", "priority", "effort", "advice", "priority_measure", NULL};

	if (!json_is_array(arr))
		return sc_fail(c, "action_plan", "expected an array");
	sc->nplan = json_array_size(arr);
	if (sc->nplan > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "action_plan", "too many items");
	sc->plan = vg_arena_alloc(c->arena, (sc->nplan + 1) * sizeof *sc->plan);
	for (size_t i = 0; i < sc->nplan; i++) {
		struct scorecard_action *a = &sc->plan[i];
		json_t *v = json_array_get(arr, i);
		char path[64];

		snprintf(path, sizeof path, "action_plan[%zu]", i);
		if (sc_keys(c, path, v, keys, 7) != 0 ||
		    sc_str(c, path, json_object_get(v, "question"), false, &a->question) != 0 ||
		    sc_text(c, path, json_object_get(v, "text"), false, &a->text) != 0 ||
		    sc_int(c, path, json_object_get(v, "gap"), false, 0, VG_VALUE_MAX, &a->gap) !=
		        0 ||
		    sc_int(c, path, json_object_get(v, "priority"), false, 0, VG_PRIORITY_MAX,
		           &a->priority) != 0 ||
		    sc_str(c, path, json_object_get(v, "effort"), false, &a->effort) != 0 ||
		    sc_text(c, path, json_object_get(v, "advice"), true, &a->advice) != 0 ||
		    sc_bool(c, path, json_object_get(v, "priority_measure"),
		            &a->priority_measure) != 0)
			return -1;
	}
	return 0;
}

/* Refuses nesting deeper than SCORECARD_MAX_DEPTH before jansson sees the text. */
static int sc_depth(const char *data, size_t len, struct vg_err *err)
{
	bool instr = false;
	int depth = 0;

	for (size_t i = 0; i < len; i++) {
		char ch = data[i];

		if (instr) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				instr = false;
		} else if (ch == '"') {
			instr = true;
		} else if (ch == '[' || ch == '{') {
			if (++depth > SCORECARD_MAX_DEPTH)
				return vg_err_set(
				    err, VG_EINPUT,
				    "scorecard: byte %zu: nested deeper than %d levels", i + 1,
				    SCORECARD_MAX_DEPTH);
		} else if (ch == ']' || ch == '}') {
			depth--;
		}
	}
	return 0;
}

int scorecard_read(const char *data, size_t len, struct scorecard **out, struct vg_err *err)
{
	static const char *const keys[] = {
	    "format",      "tool",     "questionnaire", "organisation", "generated_at",
	    "answers",     "evidence", "scores",        "grade",        "critical_cap",
	    "action_plan", "unknown",  "unanswered",    "host",         NULL};
	struct scorecard *sc;
	struct sc_r c;
	json_error_t jerr;
	json_t *root, *g;
	const char *fmt;

	*out = NULL;
	if (len > SCORECARD_MAX_FILE)
		return vg_err_set(err, VG_EINPUT, "scorecard: %zu bytes, over the limit of %u", len,
		                  SCORECARD_MAX_FILE);
	if (sc_depth(data, len, err) != 0)
		return -1;
	sc_pool_begin();
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		sc_pool_end(NULL);
		return vg_err_set(err, VG_EINPUT, "scorecard:%d:%d: invalid JSON: %s", jerr.line,
		                  jerr.column, jerr.text);
	}
	sc = vg_calloc(1, sizeof *sc);
	vg_arena_init(&sc->arena);
	c.err = err;
	c.arena = &sc->arena;
	c.strict = true;
	if (!json_is_object(root)) {
		sc_fail(&c, "top level", "expected an object");
		goto fail;
	}
	if (sc_str(&c, "format", json_object_get(root, "format"), false, &fmt) != 0 ||
	    sc_format(&c, fmt, sc) != 0)
		goto fail;
	sc->format = fmt;
	if (sc_keys(&c, "top level", root, keys, 13) != 0 || sc_read_head(&c, root, sc) != 0 ||
	    sc_read_answers(&c, json_object_get(root, "answers"), sc) != 0 ||
	    sc_read_evidence(&c, json_object_get(root, "evidence"), sc) != 0 ||
	    sc_read_scores(&c, json_object_get(root, "scores"), sc) != 0 ||
	    sc_read_plan(&c, json_object_get(root, "action_plan"), sc) != 0 ||
	    sc_strings(&c, "unknown", json_object_get(root, "unknown"), &sc->unknown,
	               &sc->nunknown) != 0 ||
	    sc_strings(&c, "unanswered", json_object_get(root, "unanswered"), &sc->unanswered,
	               &sc->nunanswered) != 0 ||
	    sc_bool(&c, "critical_cap", json_object_get(root, "critical_cap"), &sc->critical_cap) !=
	        0)
		goto fail;
	g = json_object_get(root, "grade");
	if (sc_str(&c, "grade", g, true, &sc->grade) != 0)
		goto fail;
	if (sc->grade != NULL &&
	    (strlen(sc->grade) != 1 || sc->grade[0] < 'A' || sc->grade[0] > 'E')) {
		sc_fail(&c, "grade", "expected one of A, B, C, D, E");
		goto fail;
	}
	if ((sc->grade == NULL) != !sc->scored) {
		sc_fail(&c, "grade", "a grade needs an overall score, and the other way round");
		goto fail;
	}
	sc_pool_end(root);
	*out = sc;
	return 0;
fail:
	sc_pool_end(root);
	scorecard_free(sc);
	return -1;
}

int scorecard_read_file(const char *path, struct scorecard **out, struct vg_err *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (vg_read_file(path, SCORECARD_MAX_FILE, false, &data, &len, err) != 0)
		return -1;
	rc = scorecard_read(data, len, out, err);
	free(data);
	if (rc != 0) {
		char msg[VG_ERR_MAX];

		snprintf(msg, sizeof msg, "%s", err->msg);
		vg_err_set(err, err->code, "%s: %s", path, msg);
	}
	return rc;
}

void scorecard_free(struct scorecard *sc)
{
	if (sc == NULL)
		return;
	vg_arena_free(&sc->arena);
	free(sc);
}
