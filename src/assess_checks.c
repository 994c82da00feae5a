/* assess_checks: the check engine seen from the assessment: which checks matter to a
 * questionnaire, and their results as evidence. */
#include "assess_checks.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli.h"

/* One run: the evidence handed out is the flexible array at the end, so that
 * assess_checks_free finds the profile and results it points into. */
struct assess_run {
	struct check_profile *p;
	struct check_result *res;
	size_t nres;
	struct vg_evidence ev[];
};

/* True when check c informs a question of q. */
static bool assess_checks_relevant(const struct vg_questionnaire *q, const struct check_def *c)
{
	for (size_t i = 0; i < c->ninforms; i++)
		if (model_find_question(q, c->informs[i]) != NULL)
			return true;
	return false;
}

/* Ids of the checks of p that inform q (array of p->nchecks, caller frees); *n of them. */
static const char **assess_checks_only(const struct vg_questionnaire *q,
                                       const struct check_profile *p, size_t *n)
{
	const char **only = vg_reallocarray(NULL, p->nchecks + 1, sizeof *only);

	*n = 0;
	for (size_t i = 0; i < p->nchecks; i++)
		if (assess_checks_relevant(q, &p->checks[i]))
			only[(*n)++] = p->checks[i].id;
	return only;
}

size_t assess_checks_count(const struct vg_questionnaire *q, const char *profile)
{
	struct check_profile *p = NULL;
	struct vg_err err = {0};
	const char **only;
	size_t n = 0;

	if (cli_load_profile(profile, &p, &err) != 0)
		return 0;
	only = assess_checks_only(q, p, &n);
	free(only);
	check_profile_free(p);
	return n;
}

int assess_checks_run(const struct vg_questionnaire *q, const struct vg_answers *as,
                      const char *profile, const char *root, enum vg_lang lang,
                      struct vg_evidence **ev, size_t *nev, struct vg_err *err)
{
	struct check_env env = {.root = root, .lang = lang};
	struct check_profile *p = NULL;
	struct check_result *res = NULL;
	struct vg_evidence *conv;
	struct assess_run *run;
	const char **only;
	size_t nonly, nres = 0;

	*ev = NULL;
	*nev = 0;
	if (cli_load_profile(profile, &p, err) != 0)
		return -1;
	only = assess_checks_only(q, p, &nonly);
	/* With no id, check_run_profile would run them all. */
	if (nonly == 0) {
		free(only);
		check_profile_free(p);
		return 0;
	}
	/*
	 * TLS (kind being built separately): the endpoints to probe come from the context
	 * answers, not from this machine: with as->a[model_find_question(q,
	 * "ctx.site_web")->index] answered "oui" (and ctx.messagerie...), give the tls checks
	 * their targets here, through check_env, before running the profile.
	 */
	(void)as;
	if (check_run_profile(p, &env, only, nonly, &res, &nres, err) != 0) {
		free(only);
		check_profile_free(p);
		return -1;
	}
	free(only);
	if (nres > (SIZE_MAX - sizeof *run) / sizeof(struct vg_evidence))
		abort();
	run = vg_malloc(sizeof *run + nres * sizeof(struct vg_evidence));
	run->p = p;
	run->res = res;
	run->nres = nres;
	conv = check_to_evidence(res, nres);
	if (nres > 0)
		memcpy(run->ev, conv, nres * sizeof *conv);
	free(conv);
	/* A check that could not run says why rather than what it checks. */
	for (size_t i = 0; i < nres; i++)
		if (res[i].status == VG_CHECK_ERROR && res[i].reason != NULL)
			run->ev[i].reason = (struct vg_text){res[i].reason, res[i].reason};
	*ev = run->ev;
	*nev = nres;
	return 0;
}

void assess_checks_free(struct vg_evidence *ev, size_t nev)
{
	struct assess_run *run;

	(void)nev;
	if (ev == NULL)
		return;
	run = (struct assess_run *)(void *)((char *)ev - offsetof(struct assess_run, ev));
	check_results_free(run->res, run->nres);
	check_profile_free(run->p);
	free(run);
}
