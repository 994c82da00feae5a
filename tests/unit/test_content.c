/* Tests of the shipped content: questionnaires/communes.yaml and express.yaml, loaded with
 * the real loader, hold what a mairie needs to answer and a consultant needs to trust. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content_load.h"
#include "yaml_load.h"

static size_t domain_questions(const struct vg_questionnaire *q)
{
	size_t n = 0;

	for (size_t d = 0; d < q->ndomains; d++)
		n += q->domains[d].nquestions;
	return n;
}

static bool text_full(const struct vg_text *t)
{
	return t->fr != NULL && t->fr[0] != '\0' && t->en != NULL && t->en[0] != '\0';
}

static bool has_ref(const struct vg_question *qn, const char *prefix)
{
	for (size_t r = 0; r < qn->nrefs; r++)
		if (strncmp(qn->refs[r], prefix, strlen(prefix)) == 0)
			return true;
	return false;
}

static void check_bilingual(const struct vg_questionnaire *q)
{
	assert_true(text_full(&q->title));
	assert_true(text_full(&q->description));
	for (size_t d = 0; d < q->ndomains; d++)
		if (!text_full(&q->domains[d].title))
			fail_msg("%s: domain %s has no English title", q->id, q->domains[d].id);
	for (size_t i = 0; i < q->nall; i++) {
		const struct vg_question *qn = q->all[i];

		if (!text_full(&qn->text))
			fail_msg("%s: %s lacks its fr or en text", q->id, qn->id);
		if (!text_full(&qn->help))
			fail_msg("%s: %s lacks its fr or en help", q->id, qn->id);
		for (size_t o = 0; o < qn->noptions; o++) {
			const struct vg_option *op = &qn->options[o];

			if (!text_full(&op->text))
				fail_msg("%s: option %s of %s lacks its fr or en text", q->id,
				         op->id, qn->id);
			if (op->advice.fr != NULL && !text_full(&op->advice))
				fail_msg("%s: advice of option %s of %s lacks its en text", q->id,
				         op->id, qn->id);
		}
	}
}

static void test_every_string_is_in_french_and_english(void **state)
{
	(void)state;
	check_bilingual(communes);
	check_bilingual(express);
}

static void check_advice_and_refs(const struct vg_questionnaire *q)
{
	for (size_t d = 0; d < q->ndomains; d++)
		for (size_t i = 0; i < q->domains[d].nquestions; i++) {
			const struct vg_question *qn = &q->domains[d].questions[i];

			if (qn->nrefs == 0)
				fail_msg("%s: %s cites no measure (refs)", q->id, qn->id);
			if (qn->priority >= VG_PRIORITY_MAX)
				fail_msg(
				    "%s: %s has no priority; give it its rank in the action plan",
				    q->id, qn->id);
			for (size_t o = 0; o < qn->noptions; o++) {
				const struct vg_option *op = &qn->options[o];

				if (op->value < qn->max_value && !text_full(&op->advice))
					fail_msg("%s: option %s of %s (value %d < %d) has no "
					         "advice in fr "
					         "and en",
					         q->id, op->id, qn->id, op->value, qn->max_value);
			}
		}
}

static void
test_every_option_below_the_top_has_advice_every_question_a_ref_and_priority(void **state)
{
	(void)state;
	check_advice_and_refs(communes);
	check_advice_and_refs(express);
}

static void check_ids_unique(const struct vg_questionnaire *q)
{
	for (size_t i = 0; i < q->nall; i++)
		for (size_t j = i + 1; j < q->nall; j++)
			if (strcmp(q->all[i]->id, q->all[j]->id) == 0)
				fail_msg("%s: id %s appears twice", q->id, q->all[i]->id);
}

static void test_ids_are_unique(void **state)
{
	(void)state;
	check_ids_unique(communes);
	check_ids_unique(express);
}

static void test_question_counts(void **state)
{
	(void)state;
	assert_string_equal(communes->id, "communes");
	assert_string_equal(express->id, "express");
	assert_in_range(domain_questions(communes), 45, 90);
	assert_in_range(domain_questions(express), 12, 15);
}

static void test_express_questions_are_the_same_as_in_communes(void **state)
{
	size_t shared = 0;

	(void)state;
	for (size_t d = 0; d < express->ndomains; d++)
		for (size_t i = 0; i < express->domains[d].nquestions; i++) {
			const struct vg_question *e = &express->domains[d].questions[i];
			const struct vg_question *c = model_find_question(communes, e->id);

			if (c == NULL)
				continue;
			shared++;
			if (c->domain == NULL || strcmp(c->domain->id, e->domain->id) != 0)
				fail_msg("%s is in domain %s in express, not in communes", e->id,
				         e->domain->id);
			if (c->noptions != e->noptions)
				fail_msg("%s: %zu options in express, %zu in communes", e->id,
				         e->noptions, c->noptions);
			for (size_t o = 0; o < e->noptions; o++) {
				const struct vg_option *co = model_find_option(c, e->options[o].id);

				if (co == NULL || co->value != e->options[o].value)
					fail_msg("%s: option %s (value %d) differs from communes",
					         e->id, e->options[o].id, e->options[o].value);
			}
			if (c->critical != e->critical)
				fail_msg("%s: critical in one questionnaire and not the other",
				         e->id);
			if (c->nconds != e->nconds)
				fail_msg("%s: applies_if differs from communes", e->id);
			if (c->priority != e->priority)
				fail_msg(
				    "%s: priority %d in express, %d in communes; the action plans "
				    "must agree",
				    e->id, e->priority, c->priority);
		}
	/* Express is a subset of the full questionnaire: a commune can move on. */
	assert_int_equal(shared, domain_questions(express));
}

static void test_express_context_is_the_same_as_in_communes(void **state)
{
	(void)state;
	assert_true(express->ncontext > 0);
	for (size_t i = 0; i < express->ncontext; i++) {
		const struct vg_question *e = &express->context[i];
		const struct vg_question *c = model_find_question(communes, e->id);

		if (c == NULL || c->domain != NULL)
			fail_msg("context question %s of express is not one of communes", e->id);
		if (c->noptions != e->noptions)
			fail_msg("%s: %zu options in express, %zu in communes", e->id, e->noptions,
			         c->noptions);
		for (size_t o = 0; o < e->noptions; o++)
			if (model_find_option(c, e->options[o].id) == NULL)
				fail_msg("%s: option %s is not in communes", e->id,
				         e->options[o].id);
	}
}

static void test_questions_that_checks_inform_exist(void **state)
{
	static const char *const ids[] = {"messagerie_web.site_https",
	                                  "messagerie_web.messagerie_tls", "comptes.droits_serveur",
	                                  "comptes.partages"};

	(void)state;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const struct vg_question *qn = model_find_question(communes, ids[i]);

		if (qn == NULL || qn->domain == NULL)
			fail_msg("checks inform %s, which communes does not have", ids[i]);
	}
}

static void check_nis2_only_above_30000(const struct vg_questionnaire *q)
{
	for (size_t d = 0; d < q->ndomains; d++)
		for (size_t i = 0; i < q->domains[d].nquestions; i++) {
			const struct vg_question *qn = &q->domains[d].questions[i];
			bool nis2 = strcmp(q->domains[d].id, "nis2") == 0 || has_ref(qn, "nis2:");

			if (!nis2)
				continue;
			/* Above 30,000 inhabitants; and, as an alternative, any grouping of
			 * municipalities (communautés de communes may be in scope whatever their
			 * population). */
			if (qn->nconds < 1 || qn->nconds > 2 || qn->nalts != qn->nconds ||
			    strcmp(qn->conds[0].question->id, "ctx.population") != 0 ||
			    qn->conds[0].noptions != 1 ||
			    strcmp(qn->conds[0].options[0]->id, "plus_30000") != 0 ||
			    (qn->nconds == 2 &&
			     (strcmp(qn->conds[1].question->id, "ctx.type") != 0 ||
			      qn->conds[1].noptions != 1 ||
			      strcmp(qn->conds[1].options[0]->id, "intercommunalite") != 0)))
				fail_msg("%s: a NIS2 question must apply only if {ctx.population: "
				         "plus_30000}, or that or {ctx.type: intercommunalite}",
				         qn->id);
		}
}

static void test_nis2_questions_apply_only_above_30000_inhabitants(void **state)
{
	(void)state;
	check_nis2_only_above_30000(communes);
	check_nis2_only_above_30000(express);
}

static void test_the_essential_measures_are_critical(void **state)
{
	static const char *const ids[] = {"sauvegardes.hors_ligne", "comptes.admin_separes",
	                                  "mises_a_jour.postes", "comptes.mfa_acces_distant",
	                                  "comptes.mfa_messagerie"};

	(void)state;
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const struct vg_question *c = model_find_question(communes, ids[i]);
		const struct vg_question *e = model_find_question(express, ids[i]);

		if (c == NULL || !c->critical)
			fail_msg("%s must be a critical question of communes", ids[i]);
		if (e == NULL || !e->critical)
			fail_msg("%s must be a critical question of express", ids[i]);
	}
}

static void check_ref_numbers(const struct vg_questionnaire *q)
{
	for (size_t d = 0; d < q->ndomains; d++)
		for (size_t i = 0; i < q->domains[d].nquestions; i++) {
			const struct vg_question *qn = &q->domains[d].questions[i];

			for (size_t r = 0; r < qn->nrefs; r++) {
				long n, max = 0;
				char *end;

				if (strncmp(qn->refs[r], "anssi-hygiene:", 14) == 0)
					max = 42;
				else if (strncmp(qn->refs[r], "anssi-amf:", 10) == 0)
					max = 4;
				if (max == 0)
					continue;
				n = strtol(strchr(qn->refs[r], ':') + 1, &end, 10);
				if (*end != '\0' || n < 1 || n > max)
					fail_msg("%s: %s is not a measure of its guide (1..%ld)",
					         qn->id, qn->refs[r], max);
			}
		}
}

static void test_anssi_refs_name_existing_measures(void **state)
{
	(void)state;
	check_ref_numbers(communes);
	check_ref_numbers(express);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_string_is_in_french_and_english),
	    cmocka_unit_test(
	        test_every_option_below_the_top_has_advice_every_question_a_ref_and_priority),
	    cmocka_unit_test(test_ids_are_unique),
	    cmocka_unit_test(test_question_counts),
	    cmocka_unit_test(test_express_questions_are_the_same_as_in_communes),
	    cmocka_unit_test(test_express_context_is_the_same_as_in_communes),
	    cmocka_unit_test(test_questions_that_checks_inform_exist),
	    cmocka_unit_test(test_nis2_questions_apply_only_above_30000_inhabitants),
	    cmocka_unit_test(test_the_essential_measures_are_critical),
	    cmocka_unit_test(test_anssi_refs_name_existing_measures),
	};

	return cmocka_run_group_tests(tests, content_setup, content_teardown);
}
