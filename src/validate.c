/* validate: one row per file format vigie reads. */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/check.h"
#include "cli.h"
#include "embedded.h"
#include "scoring.h"
#include "yaml_load.h"

static int validate_questionnaire(const char *path, const char *data, size_t len, const char *qarg,
                                  struct vg_err *err)
{
	struct vg_questionnaire *q;
	size_t nq = 0;

	(void)qarg;
	if (yaml_load_questionnaire(path, data, len, &q, err) != 0)
		return -1;
	for (size_t d = 0; d < q->ndomains; d++)
		nq += q->domains[d].nquestions;
	printf(_("%s: OK (questionnaire %s %s : "), path, q->id, q->version);
	printf(ngettext("%zu question de contexte, ", "%zu questions de contexte, ", q->ncontext),
	       q->ncontext);
	printf(ngettext("%zu thème, ", "%zu thèmes, ", q->ndomains), q->ndomains);
	printf(ngettext("%zu question)\n", "%zu questions)\n", nq), nq);
	model_questionnaire_free(q);
	return 0;
}

static int validate_answers(const char *path, const char *data, size_t len, const char *qarg,
                            struct vg_err *err)
{
	struct vg_questionnaire *q;
	struct vg_answers *as;
	struct score_progress pr;

	if (cli_load_questionnaire(qarg, &q, err) != 0)
		return -1;
	if (yaml_load_answers(q, path, data, len, &as, err) != 0) {
		model_questionnaire_free(q);
		return -1;
	}
	/* Only the questions that apply given the context answers, context apart. */
	score_progress_of(as, &pr);
	printf(ngettext("%s: OK (réponses à %s : %zu sur %zu question",
	                "%s: OK (réponses à %s : %zu sur %zu questions", pr.asked),
	       path, q->id, pr.answered, pr.asked);
	printf(ngettext(", et %zu sur %zu question de contexte)\n",
	                ", et %zu sur %zu questions de contexte)\n", pr.context_asked),
	       pr.context_answered, pr.context_asked);
	model_answers_free(as);
	model_questionnaire_free(q);
	return 0;
}

/* Informs ids are checked against -q, or else against the embedded questionnaire the
 * profile names; when neither is there only their form is checked, and the line says so. */
static int validate_checks(const char *path, const char *data, size_t len, const char *qarg,
                           struct vg_err *err)
{
	struct vg_questionnaire *q = NULL;
	struct check_profile *p;
	const char *note = "";

	if (qarg != NULL && cli_load_questionnaire(qarg, &q, err) != 0)
		return -1;
	if (q == NULL) {
		/* A first pass tells which questionnaire the profile informs. */
		if (yaml_load_checks(path, data, len, NULL, &p, err) != 0)
			return -1;
		if (p->questionnaire != NULL) {
			char name[128];

			snprintf(name, sizeof name, "%s.yaml", p->questionnaire);
			if (embedded_find(name) != NULL &&
			    cli_load_questionnaire(p->questionnaire, &q, err) != 0) {
				check_profile_free(p);
				return -1;
			}
		}
		check_profile_free(p);
		if (q == NULL)
			note = _(" ; informs non vérifiés : aucun questionnaire donné (-q)");
	}
	if (yaml_load_checks(path, data, len, q, &p, err) != 0) {
		model_questionnaire_free(q);
		return -1;
	}
	printf(ngettext("%s: OK (profil de vérifications %s %s : %zu vérification%s)\n",
	                "%s: OK (profil de vérifications %s %s : %zu vérifications%s)\n",
	                p->nchecks),
	       path, p->id, p->version, p->nchecks, note);
	check_profile_free(p);
	model_questionnaire_free(q);
	return 0;
}

static const struct validate_kind validate_kinds[] = {
    {"vigie-questionnaire/1", validate_questionnaire},
    {"vigie-answers/1", validate_answers},
    {CHECKS_FORMAT, validate_checks},
};

const struct validate_kind *validate_find(const char *format)
{
	/* Match the family ("vigie-answers/"), so that its loader explains a version it
	 * does not read, with the line and column. */
	for (size_t i = 0; i < sizeof validate_kinds / sizeof validate_kinds[0]; i++) {
		const char *slash = strchr(validate_kinds[i].format, '/');
		size_t n = (size_t)(slash - validate_kinds[i].format) + 1;

		if (strncmp(validate_kinds[i].format, format, n) == 0)
			return &validate_kinds[i];
	}
	return NULL;
}

const char *validate_known_formats(void)
{
	static char list[256];

	if (list[0] == '\0')
		for (size_t i = 0; i < sizeof validate_kinds / sizeof validate_kinds[0]; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
			         i ? ", " : "", validate_kinds[i].format);
	return list;
}
