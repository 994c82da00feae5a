/* model: helpers over the shared structs. */
#include "model.h"

#include <stdlib.h>
#include <string.h>

const char *model_text(const struct vg_text *t, enum vg_lang lang)
{
	if (lang == VG_LANG_EN && t->en != NULL)
		return t->en;
	return t->fr != NULL ? t->fr : (t->en != NULL ? t->en : "");
}

const char *model_effort_name(enum vg_effort e)
{
	switch (e) {
	case VG_EFFORT_LOW:
		return "low";
	case VG_EFFORT_MEDIUM:
		return "medium";
	case VG_EFFORT_HIGH:
		return "high";
	}
	return "medium";
}

const struct vg_question *model_find_question(const struct vg_questionnaire *q, const char *id)
{
	for (size_t i = 0; i < q->nall; i++)
		if (strcmp(q->all[i]->id, id) == 0)
			return q->all[i];
	return NULL;
}

const struct vg_option *model_find_option(const struct vg_question *qn, const char *id)
{
	for (size_t i = 0; i < qn->noptions; i++)
		if (strcmp(qn->options[i].id, id) == 0)
			return &qn->options[i];
	return NULL;
}

void model_questionnaire_free(struct vg_questionnaire *q)
{
	struct vg_arena a;

	if (q == NULL)
		return;
	/* The questionnaire itself lives in its own arena. */
	a = q->arena;
	vg_arena_free(&a);
}

struct vg_answers *model_answers_new(const struct vg_questionnaire *q)
{
	struct vg_answers *as = vg_calloc(1, sizeof *as);

	as->q = q;
	as->a = vg_calloc(q->nall, sizeof *as->a);
	return as;
}

void model_answers_free(struct vg_answers *as)
{
	if (as == NULL)
		return;
	for (size_t i = 0; i < as->q->nall; i++)
		free(as->a[i].note);
	free(as->a);
	free(as->org.name);
	free(as->org.insee);
	free(as->org.contact);
	free(as);
}

void model_answer_set_note(struct vg_answers *as, size_t i, const char *note)
{
	free(as->a[i].note);
	as->a[i].note = note != NULL ? vg_strdup(note) : NULL;
}

const char *model_check_status_name(enum vg_check_status s)
{
	switch (s) {
	case VG_CHECK_PASS:
		return "pass";
	case VG_CHECK_WARN:
		return "warn";
	case VG_CHECK_FAIL:
		return "fail";
	case VG_CHECK_ERROR:
		return "error";
	case VG_CHECK_SKIPPED:
		return "skipped";
	}
	return "error";
}
