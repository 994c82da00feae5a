/* vigie-coverage: prints docs/coverage.md, which measures of the reference guides the
 * questions of a questionnaire cover, from the questionnaire and the measures data file
 * (format vigie-measures/1, docs/anssi-hygiene-measures.yaml). A maintainer's tool, not
 * installed; tests/content/coverage_fresh.sh fails when docs/coverage.md is stale. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "scoring.h"
#include "util.h"
#include "yaml_load.h"

#define COVERAGE_FORMAT   "vigie-measures/1"
#define COVERAGE_HYGIENE  42 /* measures of ANSSI's guide d'hygiène informatique (2017) */
#define COVERAGE_THEMES   10
#define COVERAGE_PROJECTS 4 /* priority projects of the ANSSI/AMF guide for communes */
#define COVERAGE_REGEN                                                                             \
	"build/vigie-coverage questionnaires/communes.yaml docs/anssi-hygiene-measures.yaml "      \
	"> docs/coverage.md"

/* One numbered entry of the data file: a theme, a measure or a project. */
struct coverage_entry {
	long number;
	long theme; /* measures only */
	struct vg_text title;
	struct vg_text left_out; /* fr NULL when the measure is meant to be covered */
	const struct yl_node *node;
};

struct coverage_data {
	struct coverage_entry themes[COVERAGE_THEMES];
	struct coverage_entry measures[COVERAGE_HYGIENE];
	struct coverage_entry projects[COVERAGE_PROJECTS];
};

/* A reference cited by a question, split into source and measure. */
struct coverage_ref {
	char source[64];
	char measure[64];
	const struct vg_question *q;
};

/* A list of references of one source that vigie names by id, not by number (format
 * vigie-reflist/1: docs/monaidecyber-measures.yaml, docs/recyf-objectives.yaml). */
#define COVERAGE_REFLIST_FORMAT "vigie-reflist/1"
#define COVERAGE_REFLIST_THEMES 16

struct coverage_listed {
	const char *id;
	const char *theme; /* entries: a theme id, or NULL in a list without themes */
	const char *scope; /* entries: optional */
	struct vg_text title;
	const struct yl_node *node;
};

struct coverage_reflist {
	const char *file; /* the data file's name inside docs/ */
	const char *path;
	const char *source;
	struct vg_text title;
	struct coverage_listed themes[COVERAGE_REFLIST_THEMES];
	size_t nthemes;
	struct coverage_listed *entries; /* in the arena */
	size_t n;
};

/* The lists read next to the measures file, one per source. */
static struct coverage_reflist coverage_reflists[] = {
    {.file = "monaidecyber-measures.yaml"},
    {.file = "recyf-objectives.yaml"},
};

#define COVERAGE_NREFLISTS (sizeof coverage_reflists / sizeof coverage_reflists[0])

static int coverage_entries(const struct yl_ctx *c, const struct yl_node *seq, const char *what,
                            struct coverage_entry *out, size_t want, bool measures)
{
	static const char *const m_allowed[] = {"number", "theme", "title", "left_out", NULL};
	static const char *const m_required[] = {"number", "theme", "title", NULL};
	static const char *const e_allowed[] = {"number", "title", NULL};
	static const char *const e_required[] = {"number", "title", NULL};

	if (yl_expect(c, seq, YL_SEQ, what) != 0)
		return -1;
	if (seq->n != want)
		return yl_fail(c, seq, "%s must have exactly %zu entries, not %zu", what, want,
		               seq->n);
	for (size_t i = 0; i < seq->n; i++) {
		const struct yl_node *n = seq->items[i], *lo;
		struct coverage_entry *e = &out[i];

		if (yl_keys(c, n, what, measures ? m_allowed : e_allowed,
		            measures ? m_required : e_required) != 0)
			return -1;
		e->node = n;
		if (yl_int(c, yl_get(n, "number"), "number", 1, (long)want, &e->number) != 0)
			return -1;
		if (e->number != (long)i + 1)
			return yl_fail(c, n,
			               "entry %zu of %s has number %ld; list them in order 1..%zu",
			               i + 1, what, e->number, want);
		if (yl_text(c, yl_get(n, "title"), "title", &e->title) != 0)
			return -1;
		if (e->title.en == NULL)
			return yl_fail(c, n, "the title of %s %ld lacks its 'en' text", what,
			               e->number);
		if (!measures)
			continue;
		if (yl_int(c, yl_get(n, "theme"), "theme", 1, COVERAGE_THEMES, &e->theme) != 0)
			return -1;
		lo = yl_get(n, "left_out");
		if (lo != NULL) {
			if (yl_text(c, lo, "left_out", &e->left_out) != 0)
				return -1;
			if (e->left_out.en == NULL)
				return yl_fail(c, lo, "left_out of measure %ld lacks its 'en' text",
				               e->number);
		}
	}
	return 0;
}

/* Reads and parses the data file c->file into *root (its nodes in c->arena), checks its
 * top-level keys (what names the file in errors) and that its format is format. */
static int coverage_open(const struct yl_ctx *c, const char *what, const char *const *allowed,
                         const char *const *required, const char *format, struct yl_node **root)
{
	const char *got;
	char *data;
	size_t len;
	int rc;

	if (vg_read_file(c->file, YL_MAX_FILE, false, &data, &len, c->err) != 0)
		return -1;
	rc = yaml_parse(c->file, data, len, c->arena, root, c->err);
	free(data);
	if (rc != 0)
		return -1;
	if (yl_keys(c, *root, what, allowed, required) != 0 ||
	    yl_string(c, yl_get(*root, "format"), "format", &got) != 0)
		return -1;
	if (strcmp(got, format) != 0)
		return yl_fail(c, yl_get(*root, "format"), "format is '%.80s'; expected '%s'", got,
		               format);
	return 0;
}

static int coverage_load(const char *path, struct vg_arena *arena, struct coverage_data *d,
                         struct vg_err *err)
{
	static const char *const top_allowed[] = {"format", "hygiene", "amf", NULL};
	static const char *const hyg_allowed[] = {"themes", "measures", NULL};
	static const char *const amf_allowed[] = {"projects", NULL};
	struct yl_ctx c = {.file = path, .arena = arena, .err = err};
	struct yl_node *root;
	const struct yl_node *hyg, *amf;

	if (coverage_open(&c, "the measures file", top_allowed, top_allowed, COVERAGE_FORMAT,
	                  &root) != 0)
		return -1;
	hyg = yl_get(root, "hygiene");
	amf = yl_get(root, "amf");
	if (yl_keys(&c, hyg, "hygiene", hyg_allowed, hyg_allowed) != 0 ||
	    yl_keys(&c, amf, "amf", amf_allowed, amf_allowed) != 0)
		return -1;
	if (coverage_entries(&c, yl_get(hyg, "themes"), "hygiene themes", d->themes,
	                     COVERAGE_THEMES, false) != 0 ||
	    coverage_entries(&c, yl_get(hyg, "measures"), "hygiene measures", d->measures,
	                     COVERAGE_HYGIENE, true) != 0 ||
	    coverage_entries(&c, yl_get(amf, "projects"), "amf projects", d->projects,
	                     COVERAGE_PROJECTS, false) != 0)
		return -1;
	return 0;
}

/* Compares measure numbers like "11.2" and "3.10" part by part, numerically. */
static int coverage_measure_cmp(const char *a, const char *b)
{
	for (;;) {
		char *ea, *eb;
		unsigned long na = strtoul(a, &ea, 10), nb = strtoul(b, &eb, 10);

		if (ea == a || eb == b)
			return strcmp(a, b);
		if (na != nb)
			return na < nb ? -1 : 1;
		if (*ea != '.' || *eb != '.')
			return strcmp(ea, eb);
		a = ea + 1;
		b = eb + 1;
	}
}

static int coverage_ref_cmp(const void *pa, const void *pb)
{
	const struct coverage_ref *a = pa, *b = pb;
	int c = strcmp(a->source, b->source);

	if (c == 0)
		c = coverage_measure_cmp(a->measure, b->measure);
	if (c == 0)
		c = (a->q->index > b->q->index) - (a->q->index < b->q->index);
	return c;
}

/* Every (ref, question) pair of the questionnaire's domain questions, sorted; the caller
 * frees *out. */
static int coverage_refs(const struct vg_questionnaire *q, struct coverage_ref **out, size_t *nout,
                         struct vg_err *err)
{
	struct coverage_ref *v = NULL;
	size_t n = 0;

	for (size_t d = 0; d < q->ndomains; d++)
		for (size_t i = 0; i < q->domains[d].nquestions; i++) {
			const struct vg_question *qn = &q->domains[d].questions[i];

			for (size_t r = 0; r < qn->nrefs; r++) {
				const char *colon = strchr(qn->refs[r], ':');
				struct coverage_ref *e;

				if (colon == NULL ||
				    (size_t)(colon - qn->refs[r]) >= sizeof e->source ||
				    strlen(colon + 1) >= sizeof e->measure) {
					free(v);
					return vg_err_set(err, VG_EINPUT,
					                  "%s: ref '%.80s' of %s is too long",
					                  q->source, qn->refs[r], qn->id);
				}
				v = vg_reallocarray(v, n + 1, sizeof *v);
				e = &v[n++];
				memcpy(e->source, qn->refs[r], (size_t)(colon - qn->refs[r]));
				e->source[colon - qn->refs[r]] = '\0';
				strcpy(e->measure, colon + 1);
				e->q = qn;
			}
		}
	if (n > 0)
		qsort(v, n, sizeof *v, coverage_ref_cmp);
	*out = v;
	*nout = n;
	return 0;
}

/* The measure number of a ref to a numbered list of max entries, or 0 if it is not one. */
static long coverage_number(const char *measure, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(measure, &end, 10);
	if (errno != 0 || end == measure || *end != '\0' || n < 1 || n > max)
		return 0;
	return n;
}

/* Prints the question ids citing source:number, with their conditions; returns how many. */
static size_t coverage_print_questions(const struct coverage_ref *refs, size_t nrefs,
                                       const char *source, const char *measure)
{
	size_t count = 0;

	for (size_t i = 0; i < nrefs; i++) {
		const struct vg_question *qn = refs[i].q;

		if (strcmp(refs[i].source, source) != 0 || strcmp(refs[i].measure, measure) != 0)
			continue;
		printf("%s`%s`", count > 0 ? ", " : "", qn->id);
		for (size_t c = 0; c < qn->nconds; c++) {
			const struct vg_cond *cond = &qn->conds[c];

			printf("%s%s = ",
			       c == 0                              ? " (if "
			       : cond->alt != qn->conds[c - 1].alt ? ", or if "
			                                           : "; ",
			       cond->question->id);
			for (size_t o = 0; o < cond->noptions; o++)
				printf("%s%s", o > 0 ? " or " : "", cond->options[o]->id);
		}
		if (qn->nconds > 0)
			putchar(')');
		count++;
	}
	return count;
}

static int coverage_check(const struct vg_questionnaire *q, const char *mpath,
                          const struct coverage_data *d, const struct coverage_ref *refs,
                          size_t nrefs, struct vg_err *err)
{
	bool covered[COVERAGE_HYGIENE + 1] = {false};

	for (size_t i = 0; i < nrefs; i++) {
		long n;

		if (strcmp(refs[i].source, "anssi-hygiene") == 0) {
			n = coverage_number(refs[i].measure, COVERAGE_HYGIENE);
			if (n == 0)
				return vg_err_set(
				    err, VG_EINPUT,
				    "%s:%u: %s cites anssi-hygiene:%s, which is not one of the "
				    "%d measures of %s",
				    q->source, refs[i].q->line, refs[i].q->id, refs[i].measure,
				    COVERAGE_HYGIENE, mpath);
			covered[n] = true;
		} else if (strcmp(refs[i].source, "anssi-amf") == 0 &&
		           coverage_number(refs[i].measure, COVERAGE_PROJECTS) == 0) {
			return vg_err_set(err, VG_EINPUT,
			                  "%s:%u: %s cites anssi-amf:%s; the ANSSI/AMF guide has "
			                  "projects 1 to %d",
			                  q->source, refs[i].q->line, refs[i].q->id,
			                  refs[i].measure, COVERAGE_PROJECTS);
		}
	}
	for (size_t i = 0; i < COVERAGE_HYGIENE; i++) {
		const struct coverage_entry *m = &d->measures[i];

		if (covered[m->number] && m->left_out.fr != NULL)
			return vg_err_at(
			    err, VG_EINPUT, mpath, m->node->line, m->node->col,
			    "measure %ld has a left_out reason but questions of %s cite "
			    "it; remove the reason",
			    m->number, q->source);
		if (!covered[m->number] && m->left_out.fr == NULL)
			return vg_err_at(
			    err, VG_EINPUT, mpath, m->node->line, m->node->col,
			    "no question of %s cites measure %ld; cite it in a question "
			    "or give a left_out reason",
			    q->source, m->number);
	}
	return 0;
}

/* Number of distinct measures of source cited; fills list with "a, b, c". */
static size_t coverage_distinct(const struct coverage_ref *refs, size_t nrefs, const char *source,
                                struct vg_buf *list)
{
	size_t count = 0;

	for (size_t i = 0; i < nrefs; i++) {
		if (strcmp(refs[i].source, source) != 0)
			continue;
		if (i > 0 && strcmp(refs[i - 1].source, source) == 0 &&
		    strcmp(refs[i - 1].measure, refs[i].measure) == 0)
			continue;
		if (list != NULL)
			vg_buf_printf(list, "%s%s", count > 0 ? ", " : "", refs[i].measure);
		count++;
	}
	return count;
}

/* The list for refs of source, or NULL when the source has none. */
static const struct coverage_reflist *coverage_reflist_of(const char *source)
{
	for (size_t i = 0; i < COVERAGE_NREFLISTS; i++)
		if (coverage_reflists[i].source != NULL &&
		    strcmp(coverage_reflists[i].source, source) == 0)
			return &coverage_reflists[i];
	return NULL;
}

static int coverage_reflist_entry(const struct yl_ctx *c, const struct yl_node *n,
                                  struct coverage_reflist *l, struct coverage_listed *e)
{
	static const char *const allowed[] = {"id", "theme", "scope", "title", "upstream", NULL};
	static const char *const required[] = {"id", "title", NULL};
	const struct yl_node *v;
	const char **upstream;
	size_t nupstream;

	if (yl_keys(c, n, "an entry", allowed, required) != 0 ||
	    yl_id(c, yl_get(n, "id"), "id", &e->id) != 0 ||
	    yl_text(c, yl_get(n, "title"), "title", &e->title) != 0)
		return -1;
	e->node = n;
	if (e->title.en == NULL)
		return yl_fail(c, n, "the title of %s lacks its 'en' text", e->id);
	for (const struct coverage_listed *o = l->entries; o < e; o++)
		if (strcmp(o->id, e->id) == 0)
			return yl_fail(c, n, "%s is listed twice (first at line %u)", e->id,
			               o->node->line);
	if ((v = yl_get(n, "scope")) != NULL && yl_id(c, v, "scope", &e->scope) != 0)
		return -1;
	if ((v = yl_get(n, "upstream")) != NULL &&
	    yl_strings(c, v, "upstream", &upstream, &nupstream) != 0)
		return -1;
	v = yl_get(n, "theme");
	if (l->nthemes > 0 && v == NULL)
		return yl_fail(c, n, "%s has no theme; give one of the themes listed above", e->id);
	if (l->nthemes == 0 && v != NULL)
		return yl_fail(c, v, "%s has a theme but the file lists no themes", e->id);
	if (v == NULL)
		return 0;
	if (yl_id(c, v, "theme", &e->theme) != 0)
		return -1;
	for (size_t t = 0; t < l->nthemes; t++)
		if (strcmp(l->themes[t].id, e->theme) == 0)
			return 0;
	return yl_fail(c, v, "theme '%.80s' of %s is not one of the themes listed", e->theme,
	               e->id);
}

/* Loads one vigie-reflist/1 file into l; its strings live in arena. */
static int coverage_reflist_load(struct coverage_reflist *l, const char *path,
                                 struct vg_arena *arena, struct vg_err *err)
{
	static const char *const top_allowed[] = {"format", "source",  "title",
	                                          "themes", "entries", NULL};
	static const char *const top_required[] = {"format", "source", "title", "entries", NULL};
	static const char *const theme_keys[] = {"id", "title", NULL};
	struct yl_ctx c = {.file = path, .arena = arena, .err = err};
	struct yl_node *root;
	const struct yl_node *themes, *entries;

	l->path = path;
	if (coverage_open(&c, "a reference list", top_allowed, top_required,
	                  COVERAGE_REFLIST_FORMAT, &root) != 0)
		return -1;
	if (yl_id(&c, yl_get(root, "source"), "source", &l->source) != 0 ||
	    yl_text(&c, yl_get(root, "title"), "title", &l->title) != 0)
		return -1;
	if ((themes = yl_get(root, "themes")) != NULL) {
		if (yl_expect(&c, themes, YL_SEQ, "themes") != 0)
			return -1;
		if (themes->n == 0 || themes->n > COVERAGE_REFLIST_THEMES)
			return yl_fail(&c, themes, "themes must have 1 to %d entries, not %zu",
			               COVERAGE_REFLIST_THEMES, themes->n);
		for (size_t i = 0; i < themes->n; i++) {
			struct coverage_listed *t = &l->themes[i];

			if (yl_keys(&c, themes->items[i], "a theme", theme_keys, theme_keys) != 0 ||
			    yl_id(&c, yl_get(themes->items[i], "id"), "id", &t->id) != 0 ||
			    yl_text(&c, yl_get(themes->items[i], "title"), "title", &t->title) != 0)
				return -1;
			t->node = themes->items[i];
			l->nthemes++;
		}
	}
	entries = yl_get(root, "entries");
	if (yl_expect(&c, entries, YL_SEQ, "entries") != 0)
		return -1;
	if (entries->n == 0)
		return yl_fail(&c, entries, "entries is empty");
	l->entries = vg_arena_alloc(arena, entries->n * sizeof *l->entries);
	memset(l->entries, 0, entries->n * sizeof *l->entries);
	for (size_t i = 0; i < entries->n; i++) {
		if (coverage_reflist_entry(&c, entries->items[i], l, &l->entries[i]) != 0)
			return -1;
		l->n++;
	}
	return 0;
}

/* Loads every reference list from the directory of the measures file mpath. */
static int coverage_reflists_load(const char *mpath, struct vg_arena *arena, struct vg_err *err)
{
	const char *slash = strrchr(mpath, '/');
	int dirlen = slash != NULL ? (int)(slash - mpath) + 1 : 0;

	for (size_t i = 0; i < COVERAGE_NREFLISTS; i++) {
		struct coverage_reflist *l = &coverage_reflists[i];
		size_t len = (size_t)dirlen + strlen(l->file) + 1;
		char *path = vg_arena_alloc(arena, len);

		snprintf(path, len, "%.*s%s", dirlen, mpath, l->file);
		if (coverage_reflist_load(l, path, arena, err) != 0)
			return -1;
		for (size_t j = 0; j < i; j++)
			if (strcmp(coverage_reflists[j].source, l->source) == 0)
				return vg_err_set(err, VG_EINPUT,
				                  "%s: source %s is also listed by %s", path,
				                  l->source, coverage_reflists[j].path);
	}
	return 0;
}

/* Fails on a ref to a listed source whose id the list does not have. */
static int coverage_reflists_check(const struct vg_questionnaire *q,
                                   const struct coverage_ref *refs, size_t nrefs,
                                   struct vg_err *err)
{
	for (size_t i = 0; i < nrefs; i++) {
		const struct coverage_reflist *l = coverage_reflist_of(refs[i].source);
		bool found = false;

		for (size_t e = 0; l != NULL && e < l->n && !found; e++)
			found = strcmp(l->entries[e].id, refs[i].measure) == 0;
		if (l != NULL && !found)
			return vg_err_set(err, VG_EINPUT,
			                  "%s:%u: %s cites %s:%s, which is not one of the %zu "
			                  "entries of %s",
			                  q->source, refs[i].q->line, refs[i].q->id, refs[i].source,
			                  refs[i].measure, l->n, l->path);
	}
	return 0;
}

/* Prints the summary line of each reference list. */
static void coverage_reflists_summary(const struct coverage_ref *refs, size_t nrefs)
{
	for (size_t i = 0; i < COVERAGE_NREFLISTS; i++) {
		const struct coverage_reflist *l = &coverage_reflists[i];

		printf("- %s: **%zu of %zu** cited (`%s:` refs).\n", l->title.fr,
		       coverage_distinct(refs, nrefs, l->source, NULL), l->n, l->source);
	}
}

static void coverage_reflist_rows(const struct coverage_reflist *l, const char *theme,
                                  const struct coverage_ref *refs, size_t nrefs)
{
	bool scope = false;

	for (size_t e = 0; e < l->n; e++)
		scope |= l->entries[e].scope != NULL;
	printf("\n| `%s:` | %s | %sQuestions |\n|---|---|%s---|\n", l->source,
	       l->nthemes > 0 ? "Measure" : "Objective", scope ? "Scope | " : "",
	       scope ? "---|" : "");
	for (size_t e = 0; e < l->n; e++) {
		const struct coverage_listed *m = &l->entries[e];

		if (theme != NULL && strcmp(m->theme, theme) != 0)
			continue;
		printf("| %s | %s | ", m->id, m->title.fr);
		if (scope)
			printf("%s | ", m->scope != NULL ? m->scope : "");
		if (coverage_print_questions(refs, nrefs, l->source, m->id) == 0)
			printf("*none*");
		printf(" |\n");
	}
}

/* Prints one section per reference list, a table per theme. */
static void coverage_reflists_print(const struct coverage_ref *refs, size_t nrefs)
{
	for (size_t i = 0; i < COVERAGE_NREFLISTS; i++) {
		const struct coverage_reflist *l = &coverage_reflists[i];

		printf("\n## %s (%zu)\n\nFrom `docs/%s`: its header says which version and "
		       "where to check it.\n",
		       l->title.fr, l->n, l->file);
		if (l->nthemes == 0)
			coverage_reflist_rows(l, NULL, refs, nrefs);
		for (size_t t = 0; t < l->nthemes; t++) {
			printf("\n### %s (%s)\n", l->themes[t].title.fr,
			       l->themes[t].title.en != NULL ? l->themes[t].title.en
			                                     : l->themes[t].title.fr);
			coverage_reflist_rows(l, l->themes[t].id, refs, nrefs);
		}
	}
}

/* The typical commune docs/coverage.md counts for: its context answers; every other
 * context question is left unanswered, so the questions it conditions are asked. */
static const char *const coverage_typical_ctx[][2] = {
    {"ctx.type", "commune"},
    {"ctx.population", "500_3500"},
    {"ctx.serveur", "non"},
    {"ctx.teletravail", "non"},
};

/* Whether a question citing source:measure is asked of the typical commune as. */
static bool coverage_typical_cites(const struct vg_answers *as, const struct coverage_ref *refs,
                                   size_t nrefs, const char *source, const char *measure)
{
	for (size_t i = 0; i < nrefs; i++)
		if (strcmp(refs[i].source, source) == 0 && strcmp(refs[i].measure, measure) == 0 &&
		    score_applies(as, refs[i].q))
			return true;
	return false;
}

/* The summary for a typical commune: how many measures and projects the questions it is
 * asked cover, and which measures only questions under a condition cover. */
static void coverage_print_typical(const struct vg_questionnaire *q, const struct coverage_data *d,
                                   const struct coverage_ref *refs, size_t nrefs)
{
	struct vg_answers *as = model_answers_new(q);
	size_t ncov = 0, nproj = 0, nset = 0, ncond = 0;
	char num[24];

	printf("\n## For a typical commune\n\nA typical commune answers ");
	for (size_t i = 0; i < sizeof coverage_typical_ctx / sizeof coverage_typical_ctx[0]; i++) {
		const struct vg_question *c = model_find_question(q, coverage_typical_ctx[i][0]);
		const struct vg_option *o = c != NULL && c->domain == NULL
		                                ? model_find_option(c, coverage_typical_ctx[i][1])
		                                : NULL;

		if (o == NULL)
			continue;
		as->a[c->index].kind = VG_ANS_OPTION;
		as->a[c->index].option = o;
		printf("%s%s = %s", nset++ > 0 ? ", " : "", c->id, o->id);
	}
	if (nset == 0)
		printf("no context question of this questionnaire");
	printf(" (no server, no remote work); its other context questions are left "
	       "unanswered, so the questions they condition are asked.\n\n");
	for (size_t i = 0; i < COVERAGE_HYGIENE; i++) {
		snprintf(num, sizeof num, "%ld", d->measures[i].number);
		ncov += coverage_typical_cites(as, refs, nrefs, "anssi-hygiene", num);
	}
	for (size_t i = 0; i < COVERAGE_PROJECTS; i++) {
		snprintf(num, sizeof num, "%ld", d->projects[i].number);
		nproj += coverage_typical_cites(as, refs, nrefs, "anssi-amf", num);
	}
	printf("- ANSSI, *Guide d'hygiène informatique*: **%zu of %d** measures covered by the "
	       "questions a typical commune is asked.\n",
	       ncov, COVERAGE_HYGIENE);
	printf("- ANSSI/AMF: **%zu of %d** priority projects covered by the questions a typical "
	       "commune is asked.\n",
	       nproj, COVERAGE_PROJECTS);
	printf("- Covered only by questions a typical commune is not asked: ");
	for (size_t i = 0; i < COVERAGE_HYGIENE; i++) {
		const struct coverage_entry *m = &d->measures[i];

		snprintf(num, sizeof num, "%ld", m->number);
		if (m->left_out.fr != NULL ||
		    coverage_typical_cites(as, refs, nrefs, "anssi-hygiene", num))
			continue;
		printf("%s%ld (", ncond++ > 0 ? "; " : "", m->number);
		coverage_print_questions(refs, nrefs, "anssi-hygiene", num);
		putchar(')');
	}
	printf("%s.\n", ncond == 0 ? "none" : "");
	model_answers_free(as);
}

static void coverage_print(const struct vg_questionnaire *q, const struct coverage_data *d,
                           const struct coverage_ref *refs, size_t nrefs)
{
	struct vg_buf cis;
	char num[24];
	size_t nout = 0, nquestions = 0, nproj = 0;

	for (size_t i = 0; i < q->ndomains; i++)
		nquestions += q->domains[i].nquestions;
	for (size_t i = 0; i < COVERAGE_HYGIENE; i++)
		nout += d->measures[i].left_out.fr != NULL;
	for (size_t i = 0; i < COVERAGE_PROJECTS; i++) {
		snprintf(num, sizeof num, "%ld", d->projects[i].number);
		for (size_t r = 0; r < nrefs; r++)
			if (strcmp(refs[r].source, "anssi-amf") == 0 &&
			    strcmp(refs[r].measure, num) == 0) {
				nproj++;
				break;
			}
	}

	printf("# Coverage of the reference guides — questionnaire `%s` %s\n\n", q->id, q->version);
	printf("<!-- Generated by tools/coverage.c; do not edit. Regenerate with:\n"
	       "     %s -->\n\n",
	       COVERAGE_REGEN);
	printf("Which questions of `questionnaires/%s.yaml` (%zu questions in %zu domains) cover "
	       "each measure of the guides they cite (`refs`), from the measures listed in "
	       "`docs/anssi-hygiene-measures.yaml`. The measure titles are vigie's own short "
	       "paraphrases: read the guides for the measures themselves. A question followed "
	       "by a condition is asked only when the condition holds.\n\n",
	       q->id, nquestions, q->ndomains);

	printf("## Summary\n\n");
	printf("- ANSSI, *Guide d'hygiène informatique* (2017): **%zu of %d** measures covered; "
	       "%zu left out for communes (",
	       (size_t)COVERAGE_HYGIENE - nout, COVERAGE_HYGIENE, nout);
	for (size_t i = 0, k = 0; i < COVERAGE_HYGIENE; i++)
		if (d->measures[i].left_out.fr != NULL)
			printf("%s%ld", k++ > 0 ? ", " : "", d->measures[i].number);
	printf("), each with the reason below.\n");
	printf("- ANSSI/AMF, *Cybersécurité : toutes les communes et intercommunalités sont "
	       "concernées* (2020): **%zu of %d** priority projects covered.\n",
	       nproj, COVERAGE_PROJECTS);
	vg_buf_init(&cis, 1u << 16);
	printf("- CIS Controls v8: **%zu** safeguards cited: ",
	       coverage_distinct(refs, nrefs, "cis-v8", &cis));
	printf("%s.\n", cis.data != NULL ? cis.data : "none");
	vg_buf_free(&cis);
	for (size_t i = 0; i < nrefs; i++) {
		const char *s = refs[i].source;

		if ((i > 0 && strcmp(refs[i - 1].source, s) == 0) ||
		    strcmp(s, "anssi-hygiene") == 0 || strcmp(s, "anssi-amf") == 0 ||
		    strcmp(s, "cis-v8") == 0 || coverage_reflist_of(s) != NULL)
			continue;
		vg_buf_init(&cis, 1u << 16);
		printf("- `%s`: %zu cited: ", s, coverage_distinct(refs, nrefs, s, &cis));
		printf("%s.\n", cis.data != NULL ? cis.data : "none");
		vg_buf_free(&cis);
	}
	coverage_reflists_summary(refs, nrefs);

	coverage_print_typical(q, d, refs, nrefs);

	printf("\n## ANSSI — Guide d'hygiène informatique (%d measures)\n", COVERAGE_HYGIENE);
	for (size_t t = 0; t < COVERAGE_THEMES; t++) {
		printf("\n### %ld. %s (%s)\n\n| # | Measure | Questions |\n|---|---|---|\n",
		       d->themes[t].number, d->themes[t].title.fr, d->themes[t].title.en);
		for (size_t i = 0; i < COVERAGE_HYGIENE; i++) {
			const struct coverage_entry *m = &d->measures[i];

			if (m->theme != d->themes[t].number)
				continue;
			snprintf(num, sizeof num, "%ld", m->number);
			printf("| %ld | %s | ", m->number, m->title.fr);
			if (coverage_print_questions(refs, nrefs, "anssi-hygiene", num) == 0)
				printf("*left out, see below*");
			printf(" |\n");
		}
	}
	printf("\n### Left out for communes\n\n");
	for (size_t i = 0; i < COVERAGE_HYGIENE; i++) {
		const struct coverage_entry *m = &d->measures[i];

		if (m->left_out.fr != NULL)
			printf("- **%ld. %s** — %s\n  *%s*\n", m->number, m->title.fr,
			       m->left_out.fr, m->left_out.en);
	}

	printf("\n## ANSSI/AMF — the four priority projects for communes\n\n"
	       "| # | Project | Questions |\n|---|---|---|\n");
	for (size_t i = 0; i < COVERAGE_PROJECTS; i++) {
		snprintf(num, sizeof num, "%ld", d->projects[i].number);
		printf("| %ld | %s | ", d->projects[i].number, d->projects[i].title.fr);
		if (coverage_print_questions(refs, nrefs, "anssi-amf", num) == 0)
			printf("*none*");
		printf(" |\n");
	}

	coverage_reflists_print(refs, nrefs);

	printf("\n## Other references cited\n\n| Reference | Questions |\n|---|---|\n");
	for (size_t i = 0; i < nrefs; i++) {
		const char *s = refs[i].source;

		if (strcmp(s, "anssi-hygiene") == 0 || strcmp(s, "anssi-amf") == 0 ||
		    coverage_reflist_of(s) != NULL)
			continue;
		if (i > 0 && strcmp(refs[i - 1].source, s) == 0 &&
		    strcmp(refs[i - 1].measure, refs[i].measure) == 0)
			continue;
		printf("| `%s:%s` | ", s, refs[i].measure);
		coverage_print_questions(refs, nrefs, s, refs[i].measure);
		printf(" |\n");
	}
}

static void coverage_usage(FILE *f)
{
	fputs("Usage: vigie-coverage QUESTIONNAIRE MEASURES\n"
	      "\n"
	      "Prints, as Markdown, which questions of QUESTIONNAIRE cover each measure listed\n"
	      "in MEASURES (format " COVERAGE_FORMAT "), and fails when a measure is neither\n"
	      "cited nor given a left_out reason. The lists of MonAideCyber measures and\n"
	      "ReCyF objectives (format " COVERAGE_REFLIST_FORMAT ") are read next to MEASURES\n"
	      "(monaidecyber-measures.yaml, recyf-objectives.yaml); a ref to an id they do\n"
	      "not list fails. docs/coverage.md is made with:\n"
	      "  " COVERAGE_REGEN "\n"
	      "\n"
	      "Exit codes: 0 printed, 1 invalid input, 2 usage error.\n",
	      f);
}

int main(int argc, char **argv)
{
	struct vg_err err = {0};
	struct vg_questionnaire *q = NULL;
	struct vg_arena arena;
	struct coverage_data d;
	struct coverage_ref *refs = NULL;
	size_t nrefs = 0;
	int rc = 1;

	if (argc == 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		coverage_usage(stdout);
		return 0;
	}
	if (argc != 3 || argv[1][0] == '-' || argv[2][0] == '-') {
		fprintf(stderr, "vigie-coverage: expected a questionnaire and a measures file\n"
		                "Try 'vigie-coverage --help'.\n");
		return 2;
	}
	memset(&d, 0, sizeof d);
	vg_arena_init(&arena);
	if (yaml_load_questionnaire_file(argv[1], &q, &err) == 0 &&
	    coverage_load(argv[2], &arena, &d, &err) == 0 &&
	    coverage_reflists_load(argv[2], &arena, &err) == 0 &&
	    coverage_refs(q, &refs, &nrefs, &err) == 0 &&
	    coverage_check(q, argv[2], &d, refs, nrefs, &err) == 0 &&
	    coverage_reflists_check(q, refs, nrefs, &err) == 0) {
		coverage_print(q, &d, refs, nrefs);
		rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
		if (rc != 0)
			fprintf(stderr, "vigie-coverage: cannot write the output\n");
	} else {
		fprintf(stderr, "vigie-coverage: %s\n", err.msg);
	}
	free(refs);
	vg_arena_free(&arena);
	model_questionnaire_free(q);
	return rc;
}
