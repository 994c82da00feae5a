/* scorecard: the scorecard JSON, written and read with jansson (only here). */
#include "scorecard.h"

#include <errno.h>
#include <jansson.h>
#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "jsonerr.h"
#include "version.h"

#define _(s)  gettext(s)
#define N_(s) (s)

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

static json_t *sc_w_evidence(struct sc_w *w, const struct scorecard_input *in, const char *at)
{
	const struct vg_evidence *ev = in->ev;
	json_t *arr = json_array();

	for (size_t i = 0; i < in->nev; i++) {
		const char *where = in->ev_where != NULL && in->ev_where[i] != NULL
		                        ? in->ev_where[i]
		                        : in->checks_where;

		json_t *o = json_object(), *inf = json_array();

		sc_w_set(w, o, "id", sc_w_str(w, ev[i].check_id));
		sc_w_set(w, o, "status", sc_w_str(w, model_check_status_name(ev[i].status)));
		sc_w_set(w, o, "cap", ev[i].cap >= 0 ? json_integer(ev[i].cap) : json_null());
		for (size_t j = 0; j < ev[i].ninforms; j++)
			sc_w_push(w, inf, sc_w_str(w, ev[i].informs[j]));
		sc_w_set(w, o, "informs", inf);
		sc_w_set(w, o, "reason", sc_w_text(w, &ev[i].reason));
		sc_w_set(w, o, "detail", sc_w_text(w, &ev[i].detail));
		sc_w_set(w, o, "run_at", sc_w_str(w, at));
		sc_w_set(w, o, "where", sc_w_str(w, where));
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

static json_t *sc_w_plan(struct sc_w *w, const struct score_result *r)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < r->nplan; i++) {
		const struct score_action *pa = &r->plan[i];
		json_t *o = json_object();

		sc_w_set(w, o, "question", sc_w_str(w, pa->q->id));
		sc_w_set(w, o, "text", sc_w_text(w, &pa->q->text));
		sc_w_set(w, o, "gap", json_integer(pa->gap));
		sc_w_set(w, o, "priority", json_integer(pa->q->priority));
		sc_w_set(w, o, "effort", sc_w_str(w, model_effort_name(pa->q->effort)));
		sc_w_set(w, o, "advice",
		         pa->advice.fr != NULL ? sc_w_text(w, &pa->advice) : json_null());
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
	sc_w_set(&w, root, "evidence",
	         sc_w_evidence(&w, in,
	                       in->checks_at != NULL      ? in->checks_at
	                       : in->generated_at != NULL ? in->generated_at
	                                                  : now));
	sc_w_set(&w, root, "scores", sc_w_scores(&w, r));
	sc_w_set(&w, root, "grade",
	         r->scored ? json_string(score_grade_name(r->grade)) : json_null());
	sc_w_set(&w, root, "critical_cap", json_boolean(r->critical_cap));
	sc_w_set(&w, root, "action_plan", sc_w_plan(&w, r));
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
			return vg_err_set(
			    err, VG_EINPUT,
			    _("fiche de résultat : un texte n'est pas en UTF-8 valide : "
			      "« %.60s »"),
			    w.why);
		return vg_err_set(
		    err, VG_ESYS,
		    _("fiche de résultat : construction du document JSON impossible"));
	}
	text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(10));
	json_decref(root);
	if (text == NULL)
		return vg_err_set(err, VG_ESYS,
		                  _("fiche de résultat : écriture du document JSON impossible"));
	n = strlen(text);
	*out = vg_malloc(n + 2);
	memcpy(*out, text, n);
	(*out)[n] = '\n';
	(*out)[n + 1] = '\0';
	*outlen = n + 1;
	free(text);
	return 0;
}

/* ---- reading: a strict JSON reader straight into the scorecard's arena ---- */

/* jansson builds a tree of small blocks and a hash table per object, at about 120
 * instructions per byte: most of collect's time for a 67 KB scorecard. This reader
 * builds a flat tree in one arena instead, dropped once the scorecard has copied the
 * strings it keeps. It accepts only what it is sure jansson accepts, with the same
 * values (UTF-8 checked, no NUL, duplicate keys refused, integers vs reals as jansson
 * tells them); on anything else it gives up and jansson reads the text, so every error
 * and every unusual but valid text is jansson's, as before. */
enum sc_jt { SC_JNULL, SC_JFALSE, SC_JTRUE, SC_JINT, SC_JREAL, SC_JSTR, SC_JARR, SC_JOBJ };

/* Strings without escapes point into the text read, not NUL-terminated: keys and
 * strings are only ever used with their lengths. */
struct sc_j {
	const char *key; /* a member of an object: its key (klen bytes, no NUL in it) */
	union {
		const char *s;      /* SC_JSTR: the text (len bytes, no NUL in it) */
		struct sc_j *items; /* SC_JARR, SC_JOBJ */
	};
	size_t len; /* SC_JSTR: its length; SC_JARR, SC_JOBJ: how many items */
	union {
		json_int_t i; /* SC_JINT */
		double d;     /* SC_JREAL */
	};
	uint32_t klen; /* texts are at most SCORECARD_MAX_FILE bytes */
	enum sc_jt t;
};

#define SC_JP_MAX_MEMBERS 1024 /* more in one object: jansson checks the duplicates */
#define SC_JP_SMALL_OBJ   8    /* up to this many members, pairs are compared directly */

struct sc_jp {
	const unsigned char *p, *end;
	struct vg_arena *a; /* the tree's and its escaped strings', dropped after reading */
	struct sc_j *stack; /* items of the open containers */
	size_t n, cap;
	uint32_t *set; /* a hash set of member indexes, for the duplicates of one object */
	size_t setcap;
};

static void sc_jp_ws(struct sc_jp *jp)
{
	while (jp->p < jp->end &&
	       (*jp->p == ' ' || *jp->p == '\n' || *jp->p == '\r' || *jp->p == '\t'))
		jp->p++;
}

static int sc_jp_hex4(const unsigned char *p, const unsigned char *end, unsigned int *out)
{
	*out = 0;
	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		unsigned int c = p[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if (c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if (c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		*out = *out << 4 | c;
	}
	return 0;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SC_JP_WORDS 1
/* Marks the bytes of w a string body cannot skip: '"', '\\', control characters and
 * non-ASCII. Only the lowest mark is exact (borrows may mark bytes above it), and only
 * that one is used. */
static uint64_t sc_jp_special(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');

	return (((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w) | w) & high;
}
#endif

/* The string at jp->p (its opening quote): in place when it has no escape, else
 * unescaped into the arena. */
static int sc_jp_str(struct sc_jp *jp, const char **out, size_t *outlen)
{
	const unsigned char *p = jp->p + 1, *start = p, *end = jp->end, *close;
	bool esc = false;
	char *s, *o;

	for (;;) {
#ifdef SC_JP_WORDS
		/* Most of a scorecard is plain ASCII text: eight bytes at a time. */
		while (end - p >= 8) {
			uint64_t w, m;

			memcpy(&w, p, sizeof w);
			m = sc_jp_special(w);
			if (m != 0) {
				p += __builtin_ctzll(m) >> 3;
				break;
			}
			p += 8;
		}
#endif
		if (p >= end)
			return -1;
		if (*p == '"')
			break;
		if (*p == '\\') {
			if (end - p < 2)
				return -1;
			esc = true;
			p += 2;
		} else if (*p < 0x20) {
			return -1;
		} else if (*p < 0x80) {
			p++;
		} else {
			size_t n = vg_utf8_decode((const char *)p, (size_t)(end - p), NULL);

			if (n == 0)
				return -1;
			p += n;
		}
	}
	close = p;
	if (!esc) {
		*out = (const char *)start;
		*outlen = (size_t)(close - start);
	} else {
		s = vg_arena_alloc(jp->a, (size_t)(close - start) + 1);
		o = s;
		for (p = start; p < close;) {
			unsigned int cp, lo;

			if (*p != '\\') {
				*o++ = (char)*p++;
				continue;
			}
			switch (p[1]) {
			case '"':
			case '\\':
			case '/':
				*o++ = (char)p[1];
				p += 2;
				continue;
			case 'b':
				*o++ = '\b';
				p += 2;
				continue;
			case 'f':
				*o++ = '\f';
				p += 2;
				continue;
			case 'n':
				*o++ = '\n';
				p += 2;
				continue;
			case 'r':
				*o++ = '\r';
				p += 2;
				continue;
			case 't':
				*o++ = '\t';
				p += 2;
				continue;
			case 'u':
				break;
			default:
				return -1;
			}
			if (sc_jp_hex4(p + 2, close, &cp) != 0 || cp == 0 ||
			    (cp >= 0xDC00 && cp <= 0xDFFF))
				return -1;
			p += 6;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (close - p < 6 || p[0] != '\\' || p[1] != 'u' ||
				    sc_jp_hex4(p + 2, close, &lo) != 0 || lo < 0xDC00 ||
				    lo > 0xDFFF)
					return -1;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			}
			if (cp < 0x80) {
				*o++ = (char)cp;
			} else if (cp < 0x800) {
				*o++ = (char)(0xC0 | cp >> 6);
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else if (cp < 0x10000) {
				*o++ = (char)(0xE0 | cp >> 12);
				*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			} else {
				*o++ = (char)(0xF0 | cp >> 18);
				*o++ = (char)(0x80 | (cp >> 12 & 0x3F));
				*o++ = (char)(0x80 | (cp >> 6 & 0x3F));
				*o++ = (char)(0x80 | (cp & 0x3F));
			}
		}
		*o = '\0';
		*out = s;
		*outlen = (size_t)(o - s);
	}
	jp->p = close + 1;
	return 0;
}

static bool sc_jp_digit(const struct sc_jp *jp, const unsigned char *p)
{
	return p < jp->end && *p >= '0' && *p <= '9';
}

static int sc_jp_num(struct sc_jp *jp, struct sc_j *v)
{
	const unsigned char *p = jp->p, *s = p;
	bool real = false;
	char buf[64], *end;

	if (*p == '-')
		p++;
	if (!sc_jp_digit(jp, p))
		return -1;
	if (*p == '0')
		p++;
	else
		while (sc_jp_digit(jp, p))
			p++;
	if (p < jp->end && *p == '.') {
		real = true;
		if (!sc_jp_digit(jp, ++p))
			return -1;
		while (sc_jp_digit(jp, p))
			p++;
	}
	if (p < jp->end && (*p == 'e' || *p == 'E')) {
		real = true;
		p++;
		if (p < jp->end && (*p == '+' || *p == '-'))
			p++;
		if (!sc_jp_digit(jp, p))
			return -1;
		while (sc_jp_digit(jp, p))
			p++;
	}
	jp->p = p;
	if (!real) {
		const unsigned char *d = s + (*s == '-');
		json_int_t x = 0;

		if (p - d > 18)
			return -1;
		for (; d < p; d++)
			x = x * 10 + (*d - '0');
		v->t = SC_JINT;
		v->i = *s == '-' ? -x : x;
		return 0;
	}
	if ((size_t)(p - s) >= sizeof buf)
		return -1;
	memcpy(buf, s, (size_t)(p - s));
	buf[p - s] = '\0';
	/* As jansson does: strtod reads the locale's decimal point. */
	{
		const char *point = localeconv()->decimal_point;
		char *dot = strchr(buf, '.');

		if (*point != '.' && dot != NULL)
			*dot = *point;
	}
	errno = 0;
	v->d = strtod(buf, &end);
	if (errno != 0 || *end != '\0')
		return -1;
	v->t = SC_JREAL;
	return 0;
}

static int sc_jp_value(struct sc_jp *jp, struct sc_j *v, int depth);

static int sc_jp_literal(struct sc_jp *jp, const char *word, enum sc_jt t, struct sc_j *v)
{
	size_t n = strlen(word);

	if ((size_t)(jp->end - jp->p) < n || memcmp(jp->p, word, n) != 0)
		return -1;
	jp->p += n;
	v->t = t;
	return 0;
}

static bool sc_jp_same_key(const struct sc_j *a, const struct sc_j *b)
{
	/* The first byte first: most keys of one length differ there. */
	return a->klen == b->klen &&
	       (a->klen == 0 || (a->key[0] == b->key[0] && memcmp(a->key, b->key, a->klen) == 0));
}

/* Whether two members of the object in jp->stack[base..jp->n) have the same key. */
static bool sc_jp_dups(struct sc_jp *jp, size_t base)
{
	const struct sc_j *m = jp->stack + base;
	size_t n = jp->n - base, size = 16;

	if (n <= SC_JP_SMALL_OBJ) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = 0; j < i; j++)
				if (sc_jp_same_key(&m[i], &m[j]))
					return true;
		return false;
	}
	/* A hash set, so that the answers (one member per question) are not compared
	 * pairwise. */
	while (size < 2 * n)
		size *= 2;
	if (jp->setcap < size) {
		jp->set = vg_reallocarray(jp->set, size, sizeof *jp->set);
		jp->setcap = size;
	}
	memset(jp->set, 0xFF, size * sizeof *jp->set);
	for (size_t i = 0; i < n; i++) {
		uint32_t h = 2166136261u; /* FNV-1a */

		for (uint32_t k = 0; k < m[i].klen; k++)
			h = (h ^ (unsigned char)m[i].key[k]) * 16777619u;
		for (h &= (uint32_t)size - 1; jp->set[h] != UINT32_MAX;
		     h = (h + 1) & ((uint32_t)size - 1))
			if (sc_jp_same_key(&m[i], &m[jp->set[h]]))
				return true;
		jp->set[h] = (uint32_t)i;
	}
	return false;
}

static int sc_jp_container(struct sc_jp *jp, struct sc_j *v, int depth)
{
	bool obj = *jp->p == '{';
	unsigned char close = obj ? '}' : ']';
	size_t base = jp->n;

	if (depth >= SCORECARD_MAX_DEPTH)
		return -1;
	jp->p++;
	sc_jp_ws(jp);
	if (jp->p < jp->end && *jp->p == close) {
		jp->p++;
	} else {
		for (;;) {
			/* Only the fields of its type are read: no need to clear the rest. */
			struct sc_j it;

			it.key = NULL;
			it.klen = 0;
			if (obj) {
				size_t klen;

				sc_jp_ws(jp);
				if (jp->p >= jp->end || *jp->p != '"' ||
				    sc_jp_str(jp, &it.key, &klen) != 0)
					return -1;
				it.klen = (uint32_t)klen;
				sc_jp_ws(jp);
				if (jp->p >= jp->end || *jp->p != ':')
					return -1;
				jp->p++;
				if (jp->n - base >= SC_JP_MAX_MEMBERS)
					return -1;
			}
			if (sc_jp_value(jp, &it, depth + 1) != 0)
				return -1;
			if (jp->n == jp->cap) {
				jp->cap = jp->cap ? jp->cap * 2 : 256;
				jp->stack = vg_reallocarray(jp->stack, jp->cap, sizeof *jp->stack);
			}
			jp->stack[jp->n++] = it;
			sc_jp_ws(jp);
			if (jp->p >= jp->end)
				return -1;
			if (*jp->p == ',') {
				jp->p++;
				continue;
			}
			if (*jp->p++ == close)
				break;
			return -1;
		}
		/* Checked once the object is read: a duplicate anywhere means -1 all the
		 * same. */
		if (obj && sc_jp_dups(jp, base))
			return -1;
	}
	v->t = obj ? SC_JOBJ : SC_JARR;
	v->len = jp->n - base;
	v->items = vg_arena_alloc(jp->a, (v->len + 1) * sizeof *v->items);
	if (v->len > 0)
		memcpy(v->items, jp->stack + base, v->len * sizeof *v->items);
	jp->n = base;
	return 0;
}

/* Fills v (but not v->key) with the value at jp->p; -1: leave the text to jansson. */
static int sc_jp_value(struct sc_jp *jp, struct sc_j *v, int depth)
{
	sc_jp_ws(jp);
	if (jp->p >= jp->end)
		return -1;
	switch (*jp->p) {
	case '{':
	case '[':
		return sc_jp_container(jp, v, depth);
	case '"':
		v->t = SC_JSTR;
		return sc_jp_str(jp, &v->s, &v->len);
	case 't':
		return sc_jp_literal(jp, "true", SC_JTRUE, v);
	case 'f':
		return sc_jp_literal(jp, "false", SC_JFALSE, v);
	case 'n':
		return sc_jp_literal(jp, "null", SC_JNULL, v);
	default:
		if (*jp->p == '-' || (*jp->p >= '0' && *jp->p <= '9'))
			return sc_jp_num(jp, v);
		return -1;
	}
}

/* Reads data as jansson's json_loadb(data, len, JSON_REJECT_DUPLICATES) would, or
 * returns -1 for jansson to read it. The tree's strings may point into data. */
static int sc_jp_parse(const char *data, size_t len, struct vg_arena *a, struct sc_j *root)
{
	struct sc_jp jp = {
	    (const unsigned char *)data, (const unsigned char *)data + len, a, NULL, 0, 0, NULL, 0};
	int rc = -1;

	memset(root, 0, sizeof *root);
	sc_jp_ws(&jp);
	if (jp.p < jp.end && (*jp.p == '{' || *jp.p == '[') && sc_jp_container(&jp, root, 0) == 0) {
		sc_jp_ws(&jp);
		rc = jp.p == jp.end ? 0 : -1;
	}
	free(jp.stack);
	free(jp.set);
	return rc;
}

/* Copies jansson's tree j into v: for the texts the fast reader left to jansson. */
static void sc_j_from_jansson(json_t *j, struct sc_j *v, struct vg_arena *a)
{
	const char *k;
	json_t *x;
	size_t i = 0;

	switch (json_typeof(j)) {
	case JSON_OBJECT:
		v->t = SC_JOBJ;
		v->len = json_object_size(j);
		v->items = vg_arena_alloc(a, (v->len + 1) * sizeof *v->items);
		json_object_foreach(j, k, x)
		{
			size_t klen = strlen(k);

			v->items[i].klen = (uint32_t)klen;
			v->items[i].key = vg_arena_strndup(a, k, klen);
			sc_j_from_jansson(x, &v->items[i++], a);
		}
		break;
	case JSON_ARRAY:
		v->t = SC_JARR;
		v->len = json_array_size(j);
		v->items = vg_arena_alloc(a, (v->len + 1) * sizeof *v->items);
		json_array_foreach(j, i, x) sc_j_from_jansson(x, &v->items[i], a);
		break;
	case JSON_STRING:
		v->t = SC_JSTR;
		v->len = json_string_length(j);
		v->s = vg_arena_strndup(a, json_string_value(j), v->len);
		break;
	case JSON_INTEGER:
		v->t = SC_JINT;
		v->i = json_integer_value(j);
		break;
	case JSON_REAL:
		v->t = SC_JREAL;
		v->d = json_real_value(j);
		break;
	case JSON_TRUE:
		v->t = SC_JTRUE;
		break;
	case JSON_FALSE:
		v->t = SC_JFALSE;
		break;
	case JSON_NULL:
		v->t = SC_JNULL;
		break;
	}
}

static bool sc_jis(const struct sc_j *v, enum sc_jt t)
{
	return v != NULL && v->t == t;
}

static bool sc_jis_number(const struct sc_j *v)
{
	return sc_jis(v, SC_JINT) || sc_jis(v, SC_JREAL);
}

static bool sc_jis_boolean(const struct sc_j *v)
{
	return sc_jis(v, SC_JTRUE) || sc_jis(v, SC_JFALSE);
}

static size_t sc_jsize(const struct sc_j *v)
{
	return v->len;
}

/* ---- reading ---- */

/* A reader: the error, the arena, whether unknown keys are refused (minor 0), and the
 * block short strings are cut from. */
struct sc_r {
	struct vg_err *err;
	struct vg_arena *arena;
	bool strict;
	char *pool;
	size_t pool_left;
};

#define SC_POOL 4096 /* bytes of one block of short strings */

/* A key an object may have, with its length. */
struct sc_key {
	const char *s;
	size_t n;
};

#define SC_KEY(s)                                                                                  \
	{                                                                                          \
		s, sizeof(s) - 1                                                                   \
	}

/* A copy of the n bytes at s, NUL-terminated, in the scorecard's arena: short strings
 * share blocks, one arena allocation for many of them. */
static const char *sc_strdup(struct sc_r *c, const char *s, size_t n)
{
	char *p;

	if (n >= c->pool_left) {
		if (n >= SC_POOL / 4)
			return vg_arena_strndup(c->arena, s, n);
		c->pool = vg_arena_alloc(c->arena, SC_POOL);
		c->pool_left = SC_POOL;
	}
	p = c->pool;
	memcpy(p, s, n);
	p[n] = '\0';
	c->pool += n + 1;
	c->pool_left -= n + 1;
	return p;
}

static int sc_fail(struct sc_r *c, const char *path, const char *what)
{
	return vg_err_set(c->err, VG_EINPUT, _("fiche de résultat : %s : %s"), path, _(what));
}

/* At most 64 bytes of a key, as messages show it. */
static int sc_key_shown(const struct sc_j *m)
{
	return m->klen < 64 ? (int)m->klen : 64;
}

/* Points slot[i] at the member of the object o named keys[i], or NULL; returns the first
 * member named none of them, or NULL. One pass: no lookup per key. */
static const struct sc_j *sc_map(const struct sc_j *o, const struct sc_key *keys, size_t nkeys,
                                 const struct sc_j **slot)
{
	const struct sc_j *unknown = NULL;

	for (size_t i = 0; i < nkeys; i++)
		slot[i] = NULL;
	for (size_t k = 0; k < o->len; k++) {
		const struct sc_j *m = &o->items[k];
		size_t i;

		for (i = 0; i < nkeys; i++)
			if (keys[i].n == m->klen && keys[i].s[0] == m->key[0] &&
			    memcmp(keys[i].s, m->key, m->klen) == 0)
				break;
		if (i < nkeys)
			slot[i] = m;
		else if (unknown == NULL)
			unknown = m;
	}
	return unknown;
}

/* Fails on a missing required key (the first nrequired of keys), then on the first
 * unknown key when strict. */
static int sc_check(struct sc_r *c, const char *path, const struct sc_key *keys, size_t nrequired,
                    const struct sc_j *const *slot, const struct sc_j *unknown)
{
	for (size_t i = 0; i < nrequired; i++)
		if (slot[i] == NULL)
			return vg_err_set(c->err, VG_EINPUT,
			                  _("fiche de résultat : %s : la clé '%s' manque"), path,
			                  keys[i].s);
	if (c->strict && unknown != NULL)
		return vg_err_set(c->err, VG_EINPUT,
		                  _("fiche de résultat : %s : clé inconnue '%.*s'"), path,
		                  sc_key_shown(unknown), unknown->key);
	return 0;
}

/* Fails unless o is an object with the required keys and, when strict, no other; fills
 * slot as sc_map does. */
static int sc_keys(struct sc_r *c, const char *path, const struct sc_j *o,
                   const struct sc_key *keys, size_t nkeys, size_t nrequired,
                   const struct sc_j **slot)
{
	const struct sc_j *unknown;

	if (!sc_jis(o, SC_JOBJ))
		return sc_fail(c, path, N_("un objet est attendu"));
	unknown = sc_map(o, keys, nkeys, slot);
	return sc_check(c, path, keys, nrequired, slot, unknown);
}

static int sc_str(struct sc_r *c, const char *path, const struct sc_j *v, bool nullable,
                  const char **out)
{
	*out = NULL;
	if (nullable && sc_jis(v, SC_JNULL))
		return 0;
	if (!sc_jis(v, SC_JSTR))
		return sc_fail(c, path,
		               nullable ? N_("une chaîne ou null est attendue")
		                        : N_("une chaîne est attendue"));
	*out = sc_strdup(c, v->s, v->len);
	return 0;
}
static int sc_int(struct sc_r *c, const char *path, const struct sc_j *v, bool nullable, long min,
                  long max, int *out)
{
	json_int_t x;

	*out = -1;
	if (nullable && sc_jis(v, SC_JNULL))
		return 0;
	if (!sc_jis(v, SC_JINT))
		return sc_fail(c, path, N_("un entier est attendu"));
	x = v->i;
	if (x < min || x > max)
		return sc_fail(c, path, N_("entier hors des limites"));
	*out = (int)x;
	return 0;
}

static int sc_num(struct sc_r *c, const char *path, const struct sc_j *v, double min, double max,
                  double *out)
{
	if (!sc_jis_number(v))
		return sc_fail(c, path, N_("un nombre est attendu"));
	*out = v->t == SC_JINT ? (double)v->i : v->d;
	if (!(*out >= min && *out <= max))
		return sc_fail(c, path, N_("nombre hors des limites"));
	return 0;
}

static int sc_bool(struct sc_r *c, const char *path, const struct sc_j *v, bool *out)
{
	if (!sc_jis_boolean(v))
		return sc_fail(c, path, N_("true ou false est attendu"));
	*out = sc_jis(v, SC_JTRUE);
	return 0;
}

static int sc_text(struct sc_r *c, const char *path, const struct sc_j *v, bool nullable,
                   struct vg_text *t)
{
	static const struct sc_key keys[] = {SC_KEY("fr"), SC_KEY("en")};
	const struct sc_j *slot[2];

	t->fr = t->en = NULL;
	if (nullable && sc_jis(v, SC_JNULL))
		return 0;
	if (sc_keys(c, path, v, keys, 2, 2, slot) != 0 ||
	    sc_str(c, path, slot[0], false, &t->fr) != 0 ||
	    sc_str(c, path, slot[1], false, &t->en) != 0)
		return -1;
	return 0;
}
static int sc_strings(struct sc_r *c, const char *path, const struct sc_j *v, const char ***out,
                      size_t *n)
{
	size_t i;

	if (!sc_jis(v, SC_JARR))
		return sc_fail(c, path, N_("un tableau est attendu"));
	*n = sc_jsize(v);
	if (*n > SCORECARD_MAX_ITEMS)
		return sc_fail(c, path, N_("trop d'éléments"));
	*out = vg_arena_alloc(c->arena, (*n + 1) * sizeof **out);
	for (i = 0; i < *n; i++)
		if (sc_str(c, path, &v->items[i], false, &(*out)[i]) != 0)
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
		return vg_err_set(
		    c->err, VG_EINPUT,
		    _("fiche de résultat : format vaut '%.64s', pas vigie-scorecard/N : "
		      "ce n'est pas une fiche de résultat de vigie"),
		    f);
	errno = 0;
	major = strtol(p, &end, 10);
	if (errno == 0 && *end == '.' && end[1] >= '0' && end[1] <= '9')
		minor = strtol(end + 1, &end, 10);
	if (errno != 0 || *end != '\0' || major < 1 || major > 9999 || minor > 9999)
		return vg_err_set(c->err, VG_EINPUT,
		                  _("fiche de résultat : format '%.64s' mal formé"), f);
	if (major > SCORECARD_MAJOR)
		return vg_err_set(c->err, VG_EINPUT,
		                  _("fiche de résultat : le format %.64s vient d'une version plus "
		                    "récente de vigie ; celle-ci lit vigie-scorecard/%d : mettez "
		                    "vigie à jour"),
		                  f, SCORECARD_MAJOR);
	sc->format_major = (int)major;
	sc->format_minor = (int)minor;
	/* A minor this vigie knows has no key it does not know; a newer one may. */
	c->strict = major < SCORECARD_MAJOR || minor <= SCORECARD_MINOR;
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

/* path: prefix and at most 64 bytes of the member's key, as "%s%.64s" would give. */
static void sc_path(char *path, size_t size, const char *prefix, const struct sc_j *m)
{
	size_t n = strlen(prefix), k = (size_t)sc_key_shown(m);

	if (n >= size)
		n = size - 1;
	if (k > size - 1 - n)
		k = size - 1 - n;
	memcpy(path, prefix, n);
	memcpy(path + n, m->key, k);
	path[n + k] = '\0';
}

/* The keys of the top level, in the order of sc_top_keys. */
enum {
	SC_FORMAT,
	SC_TOOL,
	SC_QUESTIONNAIRE,
	SC_ORGANISATION,
	SC_GENERATED_AT,
	SC_ANSWERS,
	SC_EVIDENCE,
	SC_SCORES,
	SC_GRADE,
	SC_CRITICAL_CAP,
	SC_ACTION_PLAN,
	SC_UNKNOWN,
	SC_UNANSWERED,
	SC_HOST, /* the only optional one */
	SC_NTOP
};

static const struct sc_key sc_top_keys[SC_NTOP] = {
    SC_KEY("format"),       SC_KEY("tool"),         SC_KEY("questionnaire"), SC_KEY("organisation"),
    SC_KEY("generated_at"), SC_KEY("answers"),      SC_KEY("evidence"),      SC_KEY("scores"),
    SC_KEY("grade"),        SC_KEY("critical_cap"), SC_KEY("action_plan"),   SC_KEY("unknown"),
    SC_KEY("unanswered"),   SC_KEY("host")};

static int sc_read_head(struct sc_r *c, const struct sc_j *const *top, struct scorecard *sc)
{
	static const struct sc_key tool_keys[] = {SC_KEY("name"), SC_KEY("version")};
	static const struct sc_key q_keys[] = {SC_KEY("id"), SC_KEY("version"), SC_KEY("sha256"),
	                                       SC_KEY("title")};
	static const struct sc_key org_keys[] = {SC_KEY("name"), SC_KEY("insee"),
	                                         SC_KEY("contact")};
	const struct sc_j *s[4];

	if (sc_keys(c, "tool", top[SC_TOOL], tool_keys, 2, 2, s) != 0 ||
	    sc_str(c, "tool.name", s[0], false, &sc->tool_name) != 0 ||
	    sc_str(c, "tool.version", s[1], false, &sc->tool_version) != 0)
		return -1;
	if (sc_keys(c, "questionnaire", top[SC_QUESTIONNAIRE], q_keys, 4, 4, s) != 0 ||
	    sc_str(c, "questionnaire.id", s[0], false, &sc->q_id) != 0 ||
	    sc_str(c, "questionnaire.version", s[1], false, &sc->q_version) != 0 ||
	    sc_str(c, "questionnaire.sha256", s[2], false, &sc->q_sha256) != 0 ||
	    sc_text(c, "questionnaire.title", s[3], false, &sc->q_title) != 0)
		return -1;
	if (!sc_is_hex64(sc->q_sha256))
		return sc_fail(c, "questionnaire.sha256",
		               N_("64 chiffres hexadécimaux en minuscules sont attendus"));
	if (sc_keys(c, "organisation", top[SC_ORGANISATION], org_keys, 3, 3, s) != 0 ||
	    sc_str(c, "organisation.name", s[0], true, &sc->org_name) != 0 ||
	    sc_str(c, "organisation.insee", s[1], true, &sc->org_insee) != 0 ||
	    sc_str(c, "organisation.contact", s[2], true, &sc->org_contact) != 0)
		return -1;
	if (sc_str(c, "generated_at", top[SC_GENERATED_AT], false, &sc->generated_at) != 0)
		return -1;
	if (!sc_is_rfc3339(sc->generated_at))
		return sc_fail(c, "generated_at",
		               N_("la forme AAAA-MM-JJTHH:MM:SSZ est attendue (RFC 3339, UTC)"));
	if (top[SC_HOST] != NULL && sc_str(c, "host", top[SC_HOST], false, &sc->host) != 0)
		return -1;
	return 0;
}

static int sc_read_answers(struct sc_r *c, const struct sc_j *o, struct scorecard *sc)
{
	static const struct sc_key keys[] = {
	    SC_KEY("answer"), SC_KEY("declared"), SC_KEY("retained"), SC_KEY("status"),
	    SC_KEY("note"),   SC_KEY("review"),   SC_KEY("capped_by")};
	const struct sc_j *s[7];
	size_t i = 0;

	if (!sc_jis(o, SC_JOBJ))
		return sc_fail(c, "answers", N_("un objet est attendu"));
	sc->nanswers = sc_jsize(o);
	if (sc->nanswers > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "answers", N_("trop d'éléments"));
	sc->answers = vg_arena_alloc(c->arena, (sc->nanswers + 1) * sizeof *sc->answers);
	for (i = 0; i < sc->nanswers; i++) {
		struct scorecard_answer *a = &sc->answers[i];
		const struct sc_j *v = &o->items[i];
		char path[128];

		sc_path(path, sizeof path, "answers.", v);
		a->question = sc_strdup(c, v->key, v->klen);
		if (sc_keys(c, path, v, keys, 7, 7, s) != 0 ||
		    sc_str(c, path, s[0], false, &a->answer) != 0 ||
		    sc_int(c, path, s[1], true, 0, VG_VALUE_MAX, &a->declared) != 0 ||
		    sc_int(c, path, s[2], true, 0, VG_VALUE_MAX, &a->retained) != 0 ||
		    sc_str(c, path, s[3], false, &a->status) != 0 ||
		    sc_str(c, path, s[4], true, &a->note) != 0 ||
		    sc_bool(c, path, s[5], &a->review) != 0 ||
		    sc_str(c, path, s[6], true, &a->capped_by) != 0)
			return -1;
	}
	return 0;
}

static int sc_read_evidence(struct sc_r *c, const struct sc_j *arr, struct scorecard *sc)
{
	/* run_at, where and detail came with format 1.1: optional, so 1.0 files still read. */
	static const struct sc_key keys[] = {SC_KEY("id"),      SC_KEY("status"), SC_KEY("cap"),
	                                     SC_KEY("informs"), SC_KEY("reason"), SC_KEY("run_at"),
	                                     SC_KEY("where"),   SC_KEY("detail")};
	const struct sc_j *s[8];

	if (!sc_jis(arr, SC_JARR))
		return sc_fail(c, "evidence", N_("un tableau est attendu"));
	sc->nevidence = sc_jsize(arr);
	if (sc->nevidence > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "evidence", N_("trop d'éléments"));
	sc->evidence = vg_arena_alloc(c->arena, (sc->nevidence + 1) * sizeof *sc->evidence);
	for (size_t i = 0; i < sc->nevidence; i++) {
		struct scorecard_evidence *e = &sc->evidence[i];
		const struct sc_j *v = &arr->items[i];
		char path[64];

		snprintf(path, sizeof path, "evidence[%zu]", i);
		if (sc_keys(c, path, v, keys, 8, 5, s) != 0 ||
		    sc_str(c, path, s[0], false, &e->id) != 0 ||
		    sc_str(c, path, s[1], false, &e->status) != 0 ||
		    sc_int(c, path, s[2], true, 0, VG_VALUE_MAX, &e->cap) != 0 ||
		    sc_strings(c, path, s[3], &e->informs, &e->ninforms) != 0 ||
		    sc_text(c, path, s[4], true, &e->reason) != 0 ||
		    (s[5] != NULL && sc_str(c, path, s[5], true, &e->run_at) != 0) ||
		    (s[6] != NULL && sc_str(c, path, s[6], true, &e->where) != 0) ||
		    (s[7] != NULL && sc_text(c, path, s[7], true, &e->detail) != 0))
			return -1;
		if (e->run_at != NULL && !sc_is_rfc3339(e->run_at))
			return sc_fail(
			    c, path,
			    N_("run_at : la forme AAAA-MM-JJTHH:MM:SSZ est attendue (RFC 3339, "
			       "UTC)"));
	}
	return 0;
}

static int sc_read_scores(struct sc_r *c, const struct sc_j *o, struct scorecard *sc)
{
	static const struct sc_key keys[] = {SC_KEY("overall"), SC_KEY("domains")};
	static const struct sc_key dkeys[] = {SC_KEY("score"), SC_KEY("title"), SC_KEY("weight")};
	const struct sc_j *doms, *v, *s[3];
	size_t i = 0;

	if (sc_keys(c, "scores", o, keys, 2, 2, s) != 0)
		return -1;
	doms = s[1];
	sc->scored = !sc_jis(s[0], SC_JNULL);
	if (sc->scored && sc_num(c, "scores.overall", s[0], 0, 100, &sc->overall) != 0)
		return -1;
	if (!sc_jis(doms, SC_JOBJ))
		return sc_fail(c, "scores.domains", N_("un objet est attendu"));
	sc->ndomains = sc_jsize(doms);
	if (sc->ndomains > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "scores.domains", N_("trop d'éléments"));
	sc->domains = vg_arena_alloc(c->arena, (sc->ndomains + 1) * sizeof *sc->domains);
	for (i = 0; i < sc->ndomains; i++) {
		struct scorecard_domain *d = &sc->domains[i];
		char path[128];

		v = &doms->items[i];
		sc_path(path, sizeof path, "scores.domains.", v);
		d->id = sc_strdup(c, v->key, v->klen);
		if (sc_keys(c, path, v, dkeys, 3, 3, s) != 0)
			return -1;
		d->scored = !sc_jis(s[0], SC_JNULL);
		if ((d->scored && sc_num(c, path, s[0], 0, 100, &d->score) != 0) ||
		    sc_num(c, path, s[2], 0, 1000, &d->weight) != 0 ||
		    sc_text(c, path, s[1], false, &d->title) != 0)
			return -1;
	}
	return 0;
}

static int sc_read_plan(struct sc_r *c, const struct sc_j *arr, struct scorecard *sc)
{
	static const struct sc_key keys[] = {
	    SC_KEY("question"),        SC_KEY("text"),   SC_KEY("gap"),
	    SC_KEY("priority"),        SC_KEY("effort"), SC_KEY("advice"),
	    SC_KEY("priority_measure")};
	const struct sc_j *s[7];

	if (!sc_jis(arr, SC_JARR))
		return sc_fail(c, "action_plan", N_("un tableau est attendu"));
	sc->nplan = sc_jsize(arr);
	if (sc->nplan > SCORECARD_MAX_ITEMS)
		return sc_fail(c, "action_plan", N_("trop d'éléments"));
	sc->plan = vg_arena_alloc(c->arena, (sc->nplan + 1) * sizeof *sc->plan);
	for (size_t i = 0; i < sc->nplan; i++) {
		struct scorecard_action *a = &sc->plan[i];
		const struct sc_j *v = &arr->items[i];
		char path[64];

		snprintf(path, sizeof path, "action_plan[%zu]", i);
		if (sc_keys(c, path, v, keys, 7, 7, s) != 0 ||
		    sc_str(c, path, s[0], false, &a->question) != 0 ||
		    sc_text(c, path, s[1], false, &a->text) != 0 ||
		    sc_int(c, path, s[2], false, 0, VG_VALUE_MAX, &a->gap) != 0 ||
		    sc_int(c, path, s[3], false, 0, VG_PRIORITY_MAX, &a->priority) != 0 ||
		    sc_str(c, path, s[4], false, &a->effort) != 0 ||
		    sc_text(c, path, s[5], true, &a->advice) != 0 ||
		    sc_bool(c, path, s[6], &a->priority_measure) != 0)
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
				return vg_err_set(err, VG_EINPUT,
				                  _("fiche de résultat : octet %zu : imbriquée sur "
				                    "plus de %d niveaux"),
				                  i + 1, SCORECARD_MAX_DEPTH);
		} else if (ch == ']' || ch == '}') {
			depth--;
		}
	}
	return 0;
}

int scorecard_read(const char *data, size_t len, struct scorecard **out, struct vg_err *err)
{
	struct scorecard *sc;
	struct sc_r c;
	struct vg_arena nodes;
	struct sc_j tree;
	const struct sc_j *root = &tree, *top[SC_NTOP], *unknown;
	const char *fmt;

	*out = NULL;
	if (len > SCORECARD_MAX_FILE)
		return vg_err_set(err, VG_EINPUT,
		                  _("fiche de résultat : %zu octets, au-delà de la limite de %u"),
		                  len, SCORECARD_MAX_FILE);
	sc = vg_calloc(1, sizeof *sc);
	vg_arena_init(&sc->arena);
	vg_arena_init(&nodes);
	/* The fast reader refuses nesting deeper than sc_depth allows: what it reads needs
	 * no pre-scan. */
	if (sc_jp_parse(data, len, &nodes, &tree) != 0) {
		json_error_t jerr;
		json_t *j;

		/* The fast reader was not sure: jansson reads it, and says what is wrong. */
		vg_arena_free(&nodes);
		if (sc_depth(data, len, err) != 0) {
			scorecard_free(sc);
			return -1;
		}
		j = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
		if (j == NULL) {
			char why[256];

			vg_json_reason(data, len, &jerr, why, sizeof why);
			scorecard_free(sc);
			return vg_err_set(
			    err, VG_EINPUT,
			    _("fiche de résultat, ligne %d, colonne %d : JSON invalide : %s ; ce "
			      "n'est pas une fiche exportée par vigie, ou elle a été modifiée "
			      "depuis"),
			    jerr.line, jerr.column, why);
		}
		memset(&tree, 0, sizeof tree);
		sc_j_from_jansson(j, &tree, &nodes);
		json_decref(j);
	}
	c.err = err;
	c.arena = &sc->arena;
	c.strict = true;
	c.pool = NULL;
	c.pool_left = 0;
	if (!sc_jis(root, SC_JOBJ)) {
		sc_fail(&c, _("premier niveau"), N_("un objet est attendu"));
		goto fail;
	}
	unknown = sc_map(root, sc_top_keys, SC_NTOP, top);
	if (sc_str(&c, "format", top[SC_FORMAT], false, &fmt) != 0 || sc_format(&c, fmt, sc) != 0)
		goto fail;
	sc->format = fmt;
	if (sc_check(&c, _("premier niveau"), sc_top_keys, SC_HOST, top, unknown) != 0 ||
	    sc_read_head(&c, top, sc) != 0 || sc_read_answers(&c, top[SC_ANSWERS], sc) != 0 ||
	    sc_read_evidence(&c, top[SC_EVIDENCE], sc) != 0 ||
	    sc_read_scores(&c, top[SC_SCORES], sc) != 0 ||
	    sc_read_plan(&c, top[SC_ACTION_PLAN], sc) != 0 ||
	    sc_strings(&c, "unknown", top[SC_UNKNOWN], &sc->unknown, &sc->nunknown) != 0 ||
	    sc_strings(&c, "unanswered", top[SC_UNANSWERED], &sc->unanswered, &sc->nunanswered) !=
	        0 ||
	    sc_bool(&c, "critical_cap", top[SC_CRITICAL_CAP], &sc->critical_cap) != 0)
		goto fail;
	if (sc_str(&c, "grade", top[SC_GRADE], true, &sc->grade) != 0)
		goto fail;
	if (sc->grade != NULL &&
	    (strlen(sc->grade) != 1 || sc->grade[0] < 'A' || sc->grade[0] > 'E')) {
		sc_fail(&c, "grade", N_("l'une des lettres A, B, C, D, E est attendue"));
		goto fail;
	}
	if ((sc->grade == NULL) != !sc->scored) {
		sc_fail(&c, "grade", N_("une note demande un score global, et l'inverse"));
		goto fail;
	}
	vg_arena_free(&nodes);
	*out = sc;
	return 0;
fail:
	vg_arena_free(&nodes);
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
		vg_err_set(err, err->code, _("%s : %s"), path, msg);
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
