/* model: helpers over the shared structs. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "reflist.h"

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

const char *model_question_title(const struct vg_question *qn, enum vg_lang lang)
{
	if (qn->action.fr != NULL)
		return model_text(&qn->action, lang);
	return model_text(&qn->text, lang);
}

/* The guides refs name, in words; the measure follows its kind ("mesure", "article"). */
static const struct {
	const char *source;
	const char *fr, *fr_kind, *fr_kinds;
	const char *en, *en_kind, *en_kinds;
} model_ref_sources[] = {
    {"anssi-hygiene", "Guide d'hygiène ANSSI", "mesure", "mesures", "ANSSI hygiene guide",
     "measure", "measures"},
    {"anssi-amf", "Guide ANSSI-AMF pour les collectivités", "projet", "projets",
     "ANSSI-AMF guide for local authorities", "project", "projects"},
    {"cis-v8", "CIS Controls v8", "mesure", "mesures", "CIS Controls v8", "safeguard",
     "safeguards"},
    {"rgpd", "RGPD", "article", "articles", "GDPR", "article", "articles"},
    {"nis2", "Directive NIS 2", "article", "articles", "NIS 2 Directive", "article", "articles"},
    {"monaidecyber", "Référentiel MonAideCyber", "mesure", "mesures", "MonAideCyber reference",
     "measure", "measures"},
    {"recyf", "Référentiel Cyber France (ReCyF)", "objectif", "objectifs",
     "Référentiel Cyber France (ReCyF)", "objective", "objectives"},
};

#define MODEL_NSOURCES (sizeof model_ref_sources / sizeof model_ref_sources[0])

/* The index of ref's source in model_ref_sources, or -1. */
static int model_ref_source(const char *ref)
{
	const char *colon = strchr(ref, ':');

	for (size_t i = 0; colon != NULL && i < MODEL_NSOURCES; i++)
		if (strlen(model_ref_sources[i].source) == (size_t)(colon - ref) &&
		    strncmp(model_ref_sources[i].source, ref, (size_t)(colon - ref)) == 0)
			return (int)i;
	return -1;
}

/* Appends the refs of qn from source src (-1: the unknown ref at index only) to buf. */
static void model_refs_group(const struct vg_question *qn, size_t first, enum vg_lang lang,
                             char *buf, size_t len)
{
	int src = model_ref_source(qn->refs[first]);
	size_t used = strlen(buf), count = 0;
	bool en = lang == VG_LANG_EN;

	if (src < 0) {
		const char *colon = strchr(qn->refs[first], ':');

		snprintf(buf + used, len - used, "%.*s %s", (int)(colon - qn->refs[first]),
		         qn->refs[first], colon + 1);
		return;
	}
	for (size_t i = first; i < qn->nrefs; i++)
		count += model_ref_source(qn->refs[i]) == src;
	snprintf(buf + used, len - used, "%s, %s",
	         en ? model_ref_sources[src].en : model_ref_sources[src].fr,
	         count > 1
	             ? (en ? model_ref_sources[src].en_kinds : model_ref_sources[src].fr_kinds)
	             : (en ? model_ref_sources[src].en_kind : model_ref_sources[src].fr_kind));
	for (size_t i = first, k = 0; i < qn->nrefs; i++) {
		if (model_ref_source(qn->refs[i]) != src)
			continue;
		const char *id = strchr(qn->refs[i], ':') + 1;
		/* A listed ref (MonAideCyber's measures have no numbers) reads as its title. */
		const struct vg_text *title = reflist_title(model_ref_sources[src].source, id);

		used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s%s%s",
		         k == 0          ? " "
		         : k + 1 < count ? ", "
		         : en            ? " and "
		                         : " et ",
		         title == NULL ? ""
		         : en          ? "“"
		                       : "« ",
		         title != NULL ? model_text(title, lang) : id,
		         title == NULL ? ""
		         : en          ? "”"
		                       : " »");
		k++;
	}
}

const char *model_ref_words(const char *ref, enum vg_lang lang, char *buf, size_t len)
{
	struct vg_question one = {.refs = &ref, .nrefs = 1};

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (strchr(ref, ':') == NULL) {
		snprintf(buf, len, "%s", ref);
		return buf;
	}
	model_refs_group(&one, 0, lang, buf, len);
	return buf;
}

const char *model_refs_words(const struct vg_question *qn, enum vg_lang lang, char *buf, size_t len)
{
	if (len == 0)
		return buf;
	buf[0] = '\0';
	/* One group per source, in the order sources first appear; unknown ones alone. */
	for (size_t i = 0; i < qn->nrefs; i++) {
		int src = model_ref_source(qn->refs[i]);
		bool seen = false;
		size_t used;

		for (size_t j = 0; j < i && src >= 0; j++)
			seen |= model_ref_source(qn->refs[j]) == src;
		if (seen || strchr(qn->refs[i], ':') == NULL)
			continue;
		used = strlen(buf);
		if (used > 0)
			snprintf(buf + used, len - used, "%s", lang == VG_LANG_EN ? "; " : " ; ");
		model_refs_group(qn, i, lang, buf, len);
	}
	return buf;
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
