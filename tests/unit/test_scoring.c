/* Scoring against hand-computed examples. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scoring.h"
#include "yaml_load.h"

static const char *const example =
    "format: vigie-questionnaire/1\n"
    "id: t\n"
    "version: 1\n"
    "title: {fr: T}\n"
    "context:\n"
    "  - id: ctx.s\n"
    "    text: {fr: S}\n"
    "    options: [{id: oui, text: {fr: O}}, {id: non, text: {fr: N}}]\n"
    "domains:\n"
    "  - id: a\n"
    "    title: {fr: A}\n"
    "    weight: 2\n"
    "    questions:\n"
    "      - {id: a.1, text: {fr: A1}, help: {fr: H}, critical: true, priority: 1,\n"
    "         options: [{id: n, value: 0, text: {fr: N}}, {id: p, value: 1, text: {fr: P}},\n"
    "                   {id: o, value: 3, text: {fr: O}}]}\n"
    "      - {id: a.2, text: {fr: A2}, help: {fr: H}, weight: 2, priority: 5,\n"
    "         options: [{id: n, value: 0, text: {fr: N}}, {id: p, value: 1, text: {fr: P}},\n"
    "                   {id: o, value: 2, text: {fr: O}}]}\n"
    "      - {id: a.3, text: {fr: A3}, help: {fr: H}, allow_na: true,\n"
    "         applies_if: {ctx.s: oui},\n"
    "         options: [{id: n, value: 0, text: {fr: N}}, {id: o, value: 3, text: {fr: O}}]}\n"
    "  - id: b\n"
    "    title: {fr: B}\n"
    "    questions:\n"
    "      - {id: b.1, text: {fr: B1}, help: {fr: H}, weight: 3, priority: 2,\n"
    "         options: [{id: n, value: 0, text: {fr: N}}, {id: o, value: 3, text: {fr: O}}]}\n"
    "      - {id: b.2, text: {fr: B2}, help: {fr: H},\n"
    "         options: [{id: n, value: 0, text: {fr: N}}, {id: p, value: 2, text: {fr: P}},\n"
    "                   {id: o, value: 3, text: {fr: O}}]}\n";

struct fixture {
	struct vg_questionnaire *q;
	struct vg_answers *as;
	struct score_result r;
};

static struct vg_questionnaire *load(const char *text)
{
	struct vg_questionnaire *q;
	struct vg_err err;

	if (yaml_load_questionnaire("t.yaml", text, strlen(text), &q, &err) != 0)
		fail_msg("%s", err.msg);
	return q;
}

/* Answers question id with option id, or "nsp"/"na". */
static void answer(struct vg_answers *as, const char *qid, const char *oid)
{
	const struct vg_question *qn = model_find_question(as->q, qid);
	struct vg_answer *a;

	assert_non_null(qn);
	a = &as->a[qn->index];
	if (strcmp(oid, "nsp") == 0) {
		a->kind = VG_ANS_UNKNOWN;
	} else if (strcmp(oid, "na") == 0) {
		a->kind = VG_ANS_NA;
		model_answer_set_note(as, qn->index, "note");
	} else {
		a->kind = VG_ANS_OPTION;
		a->option = model_find_option(qn, oid);
		assert_non_null(a->option);
	}
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->q = load(example);
	f->as = model_answers_new(f->q);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	score_free(&f->r);
	model_answers_free(f->as);
	model_questionnaire_free(f->q);
	free(f);
	return 0;
}

static const struct score_domain *domain(const struct score_result *r, const char *id)
{
	for (size_t i = 0; i < r->ndomains; i++)
		if (strcmp(r->domains[i].d->id, id) == 0)
			return &r->domains[i];
	fail_msg("no domain %s", id);
	return NULL;
}

static void test_hand_computed_example(void **state)
{
	struct fixture *f = *state;

	answer(f->as, "ctx.s", "oui");
	answer(f->as, "a.1", "o");
	answer(f->as, "a.2", "p");
	answer(f->as, "a.3", "na");
	answer(f->as, "b.1", "nsp");
	answer(f->as, "b.2", "p");
	score_compute(f->as, NULL, 0, &f->r);
	/* a: (3*1 + 1*2) / (3*1 + 2*2) = 5/7; a.3 is N/A, out of the denominator. */
	assert_true(fabs(domain(&f->r, "a")->score - 71.43) < 1e-9);
	/* b: (0*3 + 2*1) / (3*3 + 3*1) = 2/12; "je ne sais pas" counts 0. */
	assert_true(fabs(domain(&f->r, "b")->score - 16.67) < 1e-9);
	/* overall: (71.43*2 + 16.67*1) / 3 = 53.1766... */
	assert_true(fabs(f->r.overall - 53.18) < 1e-9);
	assert_int_equal(f->r.grade, GRADE_C);
	assert_false(f->r.critical_cap);
	assert_int_equal(f->r.nunknown, 1);
	assert_string_equal(f->r.unknown[0]->id, "b.1");
	assert_int_equal(f->r.nunanswered, 0);
}

static void test_action_plan_order_priority_then_impact(void **state)
{
	struct fixture *f = *state;

	answer(f->as, "ctx.s", "oui");
	answer(f->as, "a.1", "o");
	answer(f->as, "a.2", "p");
	answer(f->as, "a.3", "n");
	answer(f->as, "b.1", "n");
	answer(f->as, "b.2", "n");
	score_compute(f->as, NULL, 0, &f->r);
	/* priorities: b.1 2, a.2 5; unranked a.3 (impact 3) before b.2 (impact 3, later). */
	assert_int_equal(f->r.nplan, 4);
	assert_string_equal(f->r.plan[0].q->id, "b.1");
	assert_int_equal(f->r.plan[0].gap, 3);
	assert_string_equal(f->r.plan[1].q->id, "a.2");
	assert_string_equal(f->r.plan[2].q->id, "a.3");
	assert_string_equal(f->r.plan[3].q->id, "b.2");
	for (size_t i = 0; i < f->r.nplan; i++)
		assert_true(f->r.plan[i].priority_measure);
}

static void test_impact_breaks_priority_ties(void **state)
{
	struct fixture *f = *state;

	/* a.3 (weight 1, gap 3) and b.2 (weight 1, gap 1): same rank, higher impact first. */
	answer(f->as, "ctx.s", "oui");
	answer(f->as, "a.1", "o");
	answer(f->as, "a.2", "o");
	answer(f->as, "a.3", "n");
	answer(f->as, "b.1", "o");
	answer(f->as, "b.2", "p");
	score_compute(f->as, NULL, 0, &f->r);
	assert_int_equal(f->r.nplan, 2);
	assert_string_equal(f->r.plan[0].q->id, "a.3");
	assert_string_equal(f->r.plan[1].q->id, "b.2");
}

static void test_applies_if_prunes_and_unknown_context_keeps(void **state)
{
	struct fixture *f = *state;

	answer(f->as, "ctx.s", "non");
	answer(f->as, "a.1", "o");
	answer(f->as, "a.2", "o");
	score_compute(f->as, NULL, 0, &f->r);
	assert_int_equal(f->r.questions[model_find_question(f->q, "a.3")->index].status,
	                 SCORE_NOT_APPLIES);
	assert_true(fabs(domain(&f->r, "a")->score - 100) < 1e-9);
	score_free(&f->r);

	answer(f->as, "ctx.s", "nsp");
	score_compute(f->as, NULL, 0, &f->r);
	assert_int_equal(f->r.questions[model_find_question(f->q, "a.3")->index].status,
	                 SCORE_COUNTED);
	/* a.3 unanswered now counts 0: (3 + 4 + 0) / (3 + 4 + 3) */
	assert_true(fabs(domain(&f->r, "a")->score - 70) < 1e-9);
	assert_int_equal(f->r.nunanswered, 3);
}

/* applies_if as a list: the question applies when one of its mappings holds (a server or
 * remote work), and not when every one fails. */
static void test_applies_if_list_is_any_of(void **state)
{
	static const char *const text =
	    "format: vigie-questionnaire/1\n"
	    "id: t\n"
	    "version: 1\n"
	    "title: {fr: T}\n"
	    "context:\n"
	    "  - {id: ctx.s, text: {fr: S}, options: [{id: oui, text: {fr: O}}, {id: non, text: "
	    "{fr: N}}]}\n"
	    "  - {id: ctx.t, text: {fr: T}, options: [{id: oui, text: {fr: O}}, {id: non, text: "
	    "{fr: N}}]}\n"
	    "  - {id: ctx.p, text: {fr: P}, options: [{id: a, text: {fr: A}}, {id: b, text: {fr: "
	    "B}}]}\n"
	    "domains:\n"
	    "  - id: a\n"
	    "    title: {fr: A}\n"
	    "    questions:\n"
	    "      - {id: a.1, text: {fr: A1}, help: {fr: H},\n"
	    "         applies_if: [{ctx.s: oui}, {ctx.t: oui, ctx.p: a}],\n"
	    "         options: [{id: n, value: 0, text: {fr: N}}, {id: o, value: 3, text: {fr: "
	    "O}}]}\n";
	static const struct {
		const char *s, *t, *p;
		bool applies;
	} cases[] = {
	    {"oui", "non", "b", true},  {"non", "oui", "a", true}, {"non", "oui", "b", false},
	    {"non", "non", "a", false}, {"nsp", "non", "b", true}, {"non", "nsp", "a", true},
	    {"non", "nsp", "b", false}, {"oui", "oui", "a", true},
	};
	struct vg_questionnaire *q = load(text);
	const struct vg_question *qn = model_find_question(q, "a.1");

	(void)state;
	assert_int_equal(qn->nalts, 2);
	assert_int_equal(qn->nconds, 3);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct vg_answers *as = model_answers_new(q);

		answer(as, "ctx.s", cases[i].s);
		answer(as, "ctx.t", cases[i].t);
		answer(as, "ctx.p", cases[i].p);
		if (score_applies(as, qn) != cases[i].applies)
			fail_msg("ctx.s=%s ctx.t=%s ctx.p=%s: applies should be %d", cases[i].s,
			         cases[i].t, cases[i].p, cases[i].applies);
		model_answers_free(as);
	}
	model_questionnaire_free(q);
}

static void test_critical_zero_caps_grade_at_d(void **state)
{
	struct fixture *f = *state;

	answer(f->as, "ctx.s", "non");
	answer(f->as, "a.1", "n");
	answer(f->as, "a.2", "o");
	answer(f->as, "b.1", "o");
	answer(f->as, "b.2", "o");
	score_compute(f->as, NULL, 0, &f->r);
	/* a: 4/7 = 57.14; b: 100; overall (57.14*2+100)/3 = 71.43 -> B, capped to D */
	assert_true(fabs(f->r.overall - 71.43) < 1e-9);
	assert_int_equal(f->r.grade_uncapped, GRADE_B);
	assert_int_equal(f->r.grade, GRADE_D);
	assert_true(f->r.critical_cap);
}

static void test_critical_unknown_also_caps(void **state)
{
	struct fixture *f = *state;

	answer(f->as, "ctx.s", "non");
	answer(f->as, "a.1", "nsp");
	answer(f->as, "a.2", "o");
	answer(f->as, "b.1", "o");
	answer(f->as, "b.2", "o");
	score_compute(f->as, NULL, 0, &f->r);
	assert_int_equal(f->r.grade, GRADE_D);
	assert_true(f->r.critical_cap);
}

static void test_evidence_caps_informed_questions(void **state)
{
	struct fixture *f = *state;
	const char *informs[] = {"a.1", "b.2"};
	const char *informs2[] = {"b.2"};
	struct vg_evidence ev[] = {
	    {"tls.site",
	     VG_CHECK_FAIL,
	     1,
	     informs,
	     2,
	     {"TLS 1.0 accepté", "TLS 1.0"},
	     {NULL, NULL}},
	    {"perms.x", VG_CHECK_FAIL, 2, informs2, 1, {"x", "x"}, {NULL, NULL}},
	    {"perms.y", VG_CHECK_PASS, -1, informs2, 1, {"y", "y"}, {NULL, NULL}},
	};
	const struct score_question *a1, *b2, *a2;

	answer(f->as, "ctx.s", "non");
	answer(f->as, "a.1", "o");
	answer(f->as, "a.2", "o");
	answer(f->as, "b.1", "o");
	answer(f->as, "b.2", "p");
	score_compute(f->as, ev, 3, &f->r);
	a1 = &f->r.questions[model_find_question(f->q, "a.1")->index];
	b2 = &f->r.questions[model_find_question(f->q, "b.2")->index];
	a2 = &f->r.questions[model_find_question(f->q, "a.2")->index];
	assert_int_equal(a1->declared, 3);
	assert_int_equal(a1->retained, 1);
	assert_ptr_equal(a1->capped_by, &ev[0]);
	/* the lowest cap wins */
	assert_int_equal(b2->declared, 2);
	assert_int_equal(b2->retained, 1);
	assert_ptr_equal(b2->capped_by, &ev[0]);
	assert_null(a2->capped_by);
	/* a: (1 + 4)/7 = 71.43; b: (9 + 1)/12 = 83.33 */
	assert_true(fabs(domain(&f->r, "a")->score - 71.43) < 1e-9);
	assert_true(fabs(domain(&f->r, "b")->score - 83.33) < 1e-9);
	/* a.1 is now in the action plan, first by priority */
	assert_string_equal(f->r.plan[0].q->id, "a.1");
}

static void test_cap_above_declared_changes_nothing(void **state)
{
	struct fixture *f = *state;
	const char *informs[] = {"b.2"};
	struct vg_evidence ev[] = {{"c", VG_CHECK_WARN, 2, informs, 1, {"w", "w"}, {NULL, NULL}}};

	answer(f->as, "b.2", "p");
	score_compute(f->as, ev, 1, &f->r);
	assert_int_equal(f->r.questions[model_find_question(f->q, "b.2")->index].retained, 2);
	assert_null(f->r.questions[model_find_question(f->q, "b.2")->index].capped_by);
}

/* A domain of twenty yes/no questions: k yes answers score exactly 5k. */
static void test_grade_boundaries(void **state)
{
	struct {
		int yes;
		const char *grade;
	} cases[] = {
	    {20, "A"}, {17, "A"}, {16, "B"}, {14, "B"}, {13, "C"},
	    {10, "C"}, {9, "D"},  {6, "D"},  {5, "E"},  {0, "E"},
	};
	char text[8192];
	size_t n;
	struct vg_questionnaire *q;

	(void)state;
	n = (size_t)snprintf(text, sizeof text,
	                     "format: vigie-questionnaire/1\nid: g\nversion: 1\ntitle: {fr: G}\n"
	                     "domains:\n  - id: d\n    title: {fr: D}\n    questions:\n");
	for (int i = 0; i < 20; i++)
		n += (size_t)snprintf(text + n, sizeof text - n,
		                      "      - {id: d.q%d, text: {fr: Q}, help: {fr: H}, options: "
		                      "[{id: n, value: 0, text: {fr: N}}, {id: o, value: 1, text: "
		                      "{fr: O}}]}\n",
		                      i);
	q = load(text);
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		struct vg_answers *as = model_answers_new(q);
		struct score_result r;

		for (int i = 0; i < 20; i++) {
			char id[16];

			snprintf(id, sizeof id, "d.q%d", i);
			answer(as, id, i < cases[c].yes ? "o" : "n");
		}
		score_compute(as, NULL, 0, &r);
		assert_true(fabs(r.overall - 5.0 * cases[c].yes) < 1e-9);
		if (strcmp(score_grade_name(r.grade), cases[c].grade) != 0)
			fail_msg("%d yes: grade %s, expected %s", cases[c].yes,
			         score_grade_name(r.grade), cases[c].grade);
		assert_int_equal(r.nplan, 20 - cases[c].yes);
		for (size_t i = 0; i < r.nplan; i++)
			assert_int_equal(r.plan[i].priority_measure, i < SCORE_PRIORITY_MEASURES);
		score_free(&r);
		model_answers_free(as);
	}
	model_questionnaire_free(q);
}

static void test_grade_of_thresholds(void **state)
{
	(void)state;
	assert_int_equal(score_grade_of(85), GRADE_A);
	assert_int_equal(score_grade_of(84.99), GRADE_B);
	assert_int_equal(score_grade_of(70), GRADE_B);
	assert_int_equal(score_grade_of(69.99), GRADE_C);
	assert_int_equal(score_grade_of(50), GRADE_C);
	assert_int_equal(score_grade_of(49.99), GRADE_D);
	assert_int_equal(score_grade_of(30), GRADE_D);
	assert_int_equal(score_grade_of(29.99), GRADE_E);
}

static void test_na_answer_is_left_out(void **state)
{
	struct fixture *f = *state;

	answer(f->as, "ctx.s", "non");
	answer(f->as, "a.1", "o");
	score_compute(f->as, NULL, 0, &f->r);
	assert_true(f->r.scored);
	score_free(&f->r);
	/* every counted question answered N/A where allowed: only a.3 allows it */
	answer(f->as, "ctx.s", "oui");
	answer(f->as, "a.3", "na");
	score_compute(f->as, NULL, 0, &f->r);
	assert_int_equal(f->r.questions[model_find_question(f->q, "a.3")->index].status, SCORE_NA);
}

static const char *const advised =
    "format: vigie-questionnaire/1\n"
    "id: t\n"
    "version: 1\n"
    "title: {fr: T}\n"
    "context:\n"
    "  - id: ctx.s\n"
    "    text: {fr: S}\n"
    "    options: [{id: oui, text: {fr: O}}, {id: non, text: {fr: N}}]\n"
    "domains:\n"
    "  - id: a\n"
    "    title: {fr: A}\n"
    "    questions:\n"
    "      - id: a.1\n"
    "        text: {fr: \"Une copie est-elle hors ligne ?\", en: \"Is a copy offline?\"}\n"
    "        action: {fr: \"Déconnecter une sauvegarde\", en: \"Disconnect a backup\"}\n"
    "        help: {fr: \"Un rançongiciel chiffre tout. Pour répondre : demandez au "
    "prestataire. Merci.\", en: \"Ransomware. To answer: ask the provider.\"}\n"
    "        options:\n"
    "          - {id: n, value: 0, text: {fr: Non}, advice: {fr: \"Achetez deux "
    "disques.\", en: \"Buy two disks.\"}}\n"
    "          - {id: o, value: 3, text: {fr: Oui}}\n"
    "      - id: a.2\n"
    "        text: {fr: \"Q2 ?\"}\n"
    "        help: {fr: \"Sans personne à qui demander.\"}\n"
    "        applies_if: {ctx.s: oui}\n"
    "        options:\n"
    "          - {id: n, value: 0, text: {fr: Non}, advice: {fr: \"Faites-le.\"}}\n"
    "          - {id: o, value: 3, text: {fr: Oui}}\n";

/* "je ne sais pas" or no answer: the measure still says what to do, starting with whom to
 * ask; it is titled by the action, not by the question. */
static void test_unknown_answer_gets_whom_to_ask_and_first_advice(void **state)
{
	struct vg_questionnaire *q = load(advised);
	struct vg_answers *as = model_answers_new(q);
	struct score_result r;

	(void)state;
	answer(as, "a.1", "nsp");
	score_compute(as, NULL, 0, &r);
	assert_int_equal(r.npriority, 2);
	assert_string_equal(r.plan[0].q->id, "a.1");
	assert_true(r.plan[0].verify_first);
	assert_string_equal(model_text(&r.plan[0].title, VG_LANG_FR), "Déconnecter une sauvegarde");
	assert_string_equal(model_text(&r.plan[0].advice, VG_LANG_FR),
	                    "Commencez par vérifier : demandez au prestataire. Si ce n'est pas "
	                    "fait : achetez deux disques.");
	assert_string_equal(model_text(&r.plan[0].advice, VG_LANG_EN),
	                    "First check: ask the provider. If it is not done: Buy two disks.");
	/* No "Pour répondre" in the help: the first option's advice alone; no action: the
	 * question's text is the title. */
	assert_string_equal(model_text(&r.plan[1].advice, VG_LANG_FR), "Faites-le.");
	assert_string_equal(model_text(&r.plan[1].title, VG_LANG_FR), "Q2 ?");
	score_free(&r);

	answer(as, "a.1", "n");
	score_compute(as, NULL, 0, &r);
	assert_false(r.plan[0].verify_first);
	assert_string_equal(model_text(&r.plan[0].advice, VG_LANG_FR), "Achetez deux disques.");
	score_free(&r);

	/* Answered at the top but capped to 0 by a check: the advice of the value retained. */
	{
		const char *informs[] = {"a.1"};
		struct vg_evidence ev = {"perms.x", VG_CHECK_FAIL, 0,           informs,
		                         1,         {"x", "x"},    {NULL, NULL}};

		answer(as, "a.1", "o");
		score_compute(as, &ev, 1, &r);
		assert_string_equal(r.plan[0].q->id, "a.1");
		assert_string_equal(model_text(&r.plan[0].advice, VG_LANG_EN), "Buy two disks.");
		score_free(&r);
	}
	model_answers_free(as);
	model_questionnaire_free(q);
}

/* Context questions are counted apart, and only questions that apply count. */
static void test_progress_counts_what_applies_context_apart(void **state)
{
	struct vg_questionnaire *q = load(advised);
	struct vg_answers *as = model_answers_new(q);
	struct score_progress p;

	(void)state;
	score_progress_of(as, &p);
	assert_int_equal(p.context_asked, 1);
	assert_int_equal(p.asked, 2);
	answer(as, "ctx.s", "non");
	answer(as, "a.1", "o");
	score_progress_of(as, &p);
	assert_int_equal(p.context_answered, 1);
	assert_int_equal(p.asked, 1);
	assert_int_equal(p.answered, 1);
	model_answers_free(as);
	model_questionnaire_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_hand_computed_example, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_action_plan_order_priority_then_impact, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_impact_breaks_priority_ties, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_applies_if_prunes_and_unknown_context_keeps, setup,
	                                    teardown),
	    cmocka_unit_test(test_applies_if_list_is_any_of),
	    cmocka_unit_test_setup_teardown(test_critical_zero_caps_grade_at_d, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_critical_unknown_also_caps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_evidence_caps_informed_questions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_cap_above_declared_changes_nothing, setup,
	                                    teardown),
	    cmocka_unit_test(test_grade_boundaries),
	    cmocka_unit_test(test_grade_of_thresholds),
	    cmocka_unit_test_setup_teardown(test_na_answer_is_left_out, setup, teardown),
	    cmocka_unit_test(test_unknown_answer_gets_whom_to_ask_and_first_advice),
	    cmocka_unit_test(test_progress_counts_what_applies_context_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
