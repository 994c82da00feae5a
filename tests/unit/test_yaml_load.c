/* Tests of the strict YAML layer and the questionnaire and answers loaders. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_load.h"

/* A minimal valid questionnaire; tests append or substitute pieces. */
#define HEAD                                                                                       \
	"format: vigie-questionnaire/1\n"                                                          \
	"id: t\n"                                                                                  \
	"version: 1.0.0\n"                                                                         \
	"title: {fr: T, en: T}\n"
#define CTX                                                                                        \
	"context:\n"                                                                               \
	"  - id: ctx.serveur\n"                                                                    \
	"    text: {fr: Serveur ?}\n"                                                              \
	"    options:\n"                                                                           \
	"      - {id: oui, text: {fr: Oui}}\n"                                                     \
	"      - {id: non, text: {fr: Non}}\n"
#define DOM                                                                                        \
	"domains:\n"                                                                               \
	"  - id: d\n"                                                                              \
	"    title: {fr: D}\n"                                                                     \
	"    questions:\n"
#define Q1                                                                                         \
	"      - id: d.a\n"                                                                        \
	"        text: {fr: A ?}\n"                                                                \
	"        help: {fr: Aide}\n"                                                               \
	"        options:\n"                                                                       \
	"          - {id: non, value: 0, text: {fr: Non}}\n"                                       \
	"          - {id: oui, value: 3, text: {fr: Oui}}\n"

/* Loads text; asserts failure and that the message contains "t.yaml:LINE:COL:" and what. */
static void expect_refusal(const char *text, unsigned line, unsigned col, const char *what)
{
	struct vg_questionnaire *q = (void *)1;
	struct vg_err err = {0};
	char where[64];

	assert_int_equal(yaml_load_questionnaire("t.yaml", text, strlen(text), &q, &err), -1);
	assert_null(q);
	assert_int_equal(err.code, VG_EINPUT);
	snprintf(where, sizeof where, "t.yaml:%u:%u: ", line, col);
	if (strncmp(err.msg, where, strlen(where)) != 0 || strstr(err.msg, what) == NULL)
		fail_msg("expected '%s...%s', got '%s'", where, what, err.msg);
}

static struct vg_questionnaire *load_ok(const char *text)
{
	struct vg_questionnaire *q = NULL;
	struct vg_err err = {0};

	if (yaml_load_questionnaire("t.yaml", text, strlen(text), &q, &err) != 0)
		fail_msg("unexpected refusal: %s", err.msg);
	return q;
}

static void test_minimal_questionnaire_loads(void **state)
{
	struct vg_questionnaire *q = load_ok(HEAD CTX DOM Q1);

	(void)state;
	assert_string_equal(q->id, "t");
	assert_int_equal(q->ncontext, 1);
	assert_int_equal(q->ndomains, 1);
	assert_int_equal(q->nall, 2);
	assert_ptr_equal(q->all[0], &q->context[0]);
	assert_ptr_equal(q->all[1], &q->domains[0].questions[0]);
	assert_int_equal(q->all[1]->max_value, 3);
	assert_int_equal(q->all[1]->priority, VG_PRIORITY_MAX);
	assert_true(q->all[1]->weight == 1.0);
	assert_int_equal(strlen(q->sha256_hex), 64);
	model_questionnaire_free(q);
}

static void test_yaml_syntax_error_has_position(void **state)
{
	(void)state;
	expect_refusal(HEAD "domains: [\n  - x\n", 6, 3, "erreur de syntaxe YAML");
}

/* libyaml's English problems read in words, with where the construct began and what to
 * do; none of libyaml's own text is left. */
static void test_yaml_syntax_errors_say_what_to_fix_in_words(void **state)
{
	static const struct {
		const char *text;
		unsigned line, col;
		const char *what;
	} bad[] = {
	    {"a: b: c\n", 1, 5,
	     "erreur de syntaxe YAML : « : » n'est pas permis à cet endroit : vérifiez "
	     "l'indentation, ou mettez le texte entre guillemets"},
	    {"a:\n  b: 1\n c: 2\n", 3, 2,
	     "erreur de syntaxe YAML (dans la suite de clés commencée à la ligne 1) : une clé est "
	     "attendue, alignée sur les précédentes (vérifiez l'indentation)"},
	    {"a: \"x\n", 2, 1,
	     "(dans le texte entre guillemets commencé à la ligne 1) : le fichier s'arrête au "
	     "milieu d'un texte (guillemet non refermé ?)"},
	    {"a: @x\n", 1, 4, "ce caractère ne peut pas commencer une valeur"},
	    {"a:\n\t- b\n", 2, 1, "une tabulation dans l'indentation : indentez avec des espaces"},
	    {"a: \"\\q\"\n", 1, 5,
	     "séquence d'échappement inconnue entre guillemets doubles (écrivez \\\\ pour"},
	    {"- a\nb: 1\n", 2, 1,
	     "(dans la liste commencée à la ligne 1) : un élément de liste « - » est attendu"},
	    {"a: [1, 2\nb: 3\n", 2, 2,
	     "(dans la liste entre crochets commencée à la ligne 1) : « , » ou « ] » est attendu"},
	    {"a: {x: 1\n", 2, 1, "(dans les accolades ouvertes à la ligne 1) : « , » ou « } »"},
	    {"a: [\n  - x\n", 2, 3,
	     "(dans les crochets ou accolades ouverts à la ligne 2) : une valeur est attendue"},
	};
	static const char *const english[] = {"did not", "found ", "while ", "expected",
	                                      "not allowed"};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		expect_refusal(bad[i].text, bad[i].line, bad[i].col, bad[i].what);
		{
			struct vg_questionnaire *q = NULL;
			struct vg_err err = {0};

			yaml_load_questionnaire("t.yaml", bad[i].text, strlen(bad[i].text), &q,
			                        &err);
			for (size_t k = 0; k < sizeof english / sizeof english[0]; k++)
				if (strstr(err.msg, english[k]) != NULL)
					fail_msg("libyaml's English in '%s'", err.msg);
		}
	}
}

static void test_anchor_is_rejected_with_line_number(void **state)
{
	(void)state;
	expect_refusal(HEAD "description: &a {fr: x}\n" DOM Q1, 5, 14, "ancre '&a'");
}

static void test_alias_is_rejected_with_line_number(void **state)
{
	(void)state;
	expect_refusal("a: [1]\nb: *x\n", 2, 4, "alias '*x'");
}

static void test_self_referencing_alias_is_rejected(void **state)
{
	(void)state;
	expect_refusal("a: &a [*a]\n", 1, 4, "ancre '&a'");
}

static void test_tag_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD "description: !!str x\n" DOM Q1, 5, 14, "tag");
}

static void test_duplicate_key_is_rejected_at_second_occurrence(void **state)
{
	(void)state;
	expect_refusal(HEAD "id: u\n" DOM Q1, 5, 1, "clé 'id' en double (première à la ligne 2)");
}

static void test_unknown_key_lists_allowed_keys(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM Q1 "        colour: red\n", 15, 9,
	               "clé inconnue 'colour' dans une question ; clés permises : id, text");
}

static void test_missing_required_field_is_named(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM
	               "      - id: d.a\n        text: {fr: A}\n"
	               "        options: [{id: a, value: 1, text: {fr: A}}, {id: b, value: "
	               "0, text: {fr: B}}]\n",
	               9, 9, "la clé obligatoire 'help' manque");
}

static void test_wrong_type_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM Q1 "        weight: lourd\n", 15, 17, "weight doit être un nombre");
	expect_refusal(HEAD DOM Q1 "        critical: oui\n", 15, 19, "doit être true ou false");
	expect_refusal(HEAD "domains: {a: b}\n", 5, 10, "domains doit être une liste");
	expect_refusal(
	    "format: vigie-questionnaire/1\nid: t\nversion: [1]\ntitle: {fr: T}\n" DOM Q1, 3, 10,
	    "version doit être une valeur simple, pas une liste");
}

static void test_text_must_have_french(void **state)
{
	(void)state;
	expect_refusal("format: vigie-questionnaire/1\nid: t\nversion: 1\ntitle: {en: T}\n" DOM Q1,
	               4, 8, "la clé obligatoire 'fr' manque");
	expect_refusal("format: vigie-questionnaire/1\nid: t\nversion: 1\ntitle: Titre\n" DOM Q1, 4,
	               8, "doit être un texte avec ses langues");
}

static void test_duplicate_question_id_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM Q1 Q1, 15, 13,
	               "identifiant 'd.a' en double (premier à la ligne 9)");
}

static void test_duplicate_option_id_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM "      - id: d.a\n        text: {fr: A}\n        help: {fr: H}\n"
	                        "        options:\n          - {id: x, value: 0, text: {fr: X}}\n"
	                        "          - {id: x, value: 3, text: {fr: Y}}\n",
	               14, 18, "identifiant d'option 'x' apparaît deux fois");
}

static void test_applies_if_unknown_question_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD CTX DOM Q1 "        applies_if: {ctx.wifi: oui}\n", 21, 22,
	               "applies_if nomme 'ctx.wifi'");
}

static void test_applies_if_unknown_option_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD CTX DOM Q1 "        applies_if: {ctx.serveur: [oui, peut_etre]}\n", 21,
	               41, "'peut_etre' n'est pas une option de 'ctx.serveur'");
}

static void test_value_out_of_range_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM "      - id: d.a\n        text: {fr: A}\n        help: {fr: H}\n"
	                        "        options:\n          - {id: x, value: 0, text: {fr: X}}\n"
	                        "          - {id: y, value: 4, text: {fr: Y}}\n",
	               14, 28, "valeur d'option vaut 4 ; il doit être entre 0 et 3");
	expect_refusal(HEAD DOM Q1 "        weight: 7\n", 15, 17, "entre 0.5 et 3");
	expect_refusal(HEAD DOM Q1 "        priority: 0\n", 15, 19, "entre 1 et 999");
}

static void test_reserved_option_ids_are_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM "      - id: d.a\n        text: {fr: A}\n        help: {fr: H}\n"
	                        "        options:\n          - {id: nsp, value: 0, text: {fr: X}}\n"
	                        "          - {id: y, value: 3, text: {fr: Y}}\n",
	               13, 18, "réservé");
}

static void test_invalid_utf8_is_rejected_with_position(void **state)
{
	(void)state;
	expect_refusal(HEAD "description: {fr: \"caf\xe9\"}\n" DOM Q1, 5, 23, "UTF-8 invalide");
	expect_refusal(HEAD "description: {fr: \"\xed\xa0\x80\"}\n" DOM Q1, 5, 20,
	               "UTF-8 invalide");
}

static void test_nesting_past_32_is_rejected(void **state)
{
	char buf[256];
	size_t n = 0;

	(void)state;
	n += (size_t)snprintf(buf, sizeof buf, "a: ");
	for (int i = 0; i < 40; i++)
		buf[n++] = '[';
	buf[n] = '\0';
	/* The 32nd open collection is the last allowed; the 33rd is refused at its bracket. */
	expect_refusal(buf, 1, 4 + 31, "imbrication de plus de 32 niveaux");
}

static void test_deep_file_is_refused_quickly(void **state)
{
	size_t depth = 100000, n = depth * 2 + 16;
	char *buf = malloc(n);
	struct vg_questionnaire *q;
	struct vg_err err;

	(void)state;
	memset(buf, '[', depth);
	memset(buf + depth, ']', depth);
	assert_int_equal(yaml_load_questionnaire("deep.yaml", buf, 2 * depth, &q, &err), -1);
	assert_non_null(strstr(err.msg, "imbrication de plus de 32 niveaux"));
	assert_non_null(strstr(err.msg, "deep.yaml:1:33:"));
	free(buf);
}

static void test_file_over_4_mib_is_rejected(void **state)
{
	size_t n = YL_MAX_FILE + 1;
	char *buf = malloc(n);
	struct vg_questionnaire *q;
	struct vg_err err;

	(void)state;
	memset(buf, '#', n);
	assert_int_equal(yaml_load_questionnaire("big.yaml", buf, n, &q, &err), -1);
	assert_non_null(strstr(err.msg, "au-delà de la limite de 4194304 octets"));
	free(buf);
}

static void test_string_over_64_kib_is_rejected(void **state)
{
	size_t n = YL_MAX_STR + 1, off;
	char *buf = malloc(n + 64);

	(void)state;
	off = (size_t)sprintf(buf, "a: ");
	memset(buf + off, 'x', n);
	buf[off + n] = '\0';
	expect_refusal(buf, 1, 4, "au-delà de la limite de 65536");
	free(buf);
}

static void test_second_document_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM Q1 "---\na: 1\n", 15, 1, "un second document YAML");
}

static void test_empty_file_is_rejected(void **state)
{
	struct vg_questionnaire *q;
	struct vg_err err;

	(void)state;
	assert_int_equal(yaml_load_questionnaire("t.yaml", "", 0, &q, &err), -1);
	assert_string_equal(err.msg, "t.yaml : le fichier est vide");
	assert_int_equal(yaml_load_questionnaire("t.yaml", "# rien\n", 7, &q, &err), -1);
}

static void test_unknown_format_is_explained(void **state)
{
	(void)state;
	expect_refusal("format: vigie-questionnaire/2\n", 1, 9, "cette version de vigie lit");
	expect_refusal("title: x\n", 1, 1, "pas de clé 'format'");
}

static void test_non_scalar_key_is_rejected(void **state)
{
	(void)state;
	expect_refusal("? [a, b]\n: c\n", 1, 3, "clé doit être une simple chaîne");
}

static void test_question_without_positive_option_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM "      - id: d.a\n        text: {fr: A}\n        help: {fr: H}\n"
	                        "        options:\n          - {id: x, value: 0, text: {fr: X}}\n"
	                        "          - {id: y, value: 0, text: {fr: Y}}\n",
	               13, 11, "toutes les options de d.a valent 0");
}

static void test_bad_ref_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM Q1 "        refs: [anssi-hygiene:37, 'guide ANSSI']\n", 15, 34,
	               "n'est pas de la forme source:mesure");
}

/* Answers files. */

static struct vg_questionnaire *answers_q;

static int answers_setup(void **state)
{
	(void)state;
	answers_q = load_ok(HEAD CTX DOM Q1
	                    "      - id: d.b\n        text: {fr: B}\n        help: {fr: H}\n"
	                    "        allow_na: true\n        applies_if: {ctx.serveur: oui}\n"
	                    "        options: [{id: non, value: 0, text: {fr: N}}, {id: oui, "
	                    "value: 2, text: {fr: O}}]\n");
	return 0;
}

static int answers_teardown(void **state)
{
	(void)state;
	model_questionnaire_free(answers_q);
	return 0;
}

static int load_answers(const char *body, struct vg_answers **as, struct vg_err *err)
{
	char buf[2048];

	snprintf(buf, sizeof buf, "format: vigie-answers/1\nquestionnaire: t\n%s", body);
	return yaml_load_answers(answers_q, "a.yaml", buf, strlen(buf), as, err);
}

static void test_answers_load_all_kinds(void **state)
{
	struct vg_answers *as;
	struct vg_err err = {0};

	(void)state;
	if (load_answers("organisation: {name: Mairie, insee: '2A004'}\nanswers:\n"
	                 "  ctx.serveur: oui\n  d.a: nsp\n  d.b: {answer: na, note: \"Pas de "
	                 "réseau\", review: true}\n",
	                 &as, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(as->a[0].kind, VG_ANS_OPTION);
	assert_string_equal(as->a[0].option->id, "oui");
	assert_int_equal(as->a[1].kind, VG_ANS_UNKNOWN);
	assert_int_equal(as->a[2].kind, VG_ANS_NA);
	assert_string_equal(as->a[2].note, "Pas de réseau");
	assert_true(as->a[2].review);
	assert_string_equal(as->org.insee, "2A004");
	model_answers_free(as);
}

static void expect_answers_refusal(const char *body, const char *what)
{
	struct vg_answers *as = (void *)1;
	struct vg_err err = {0};

	assert_int_equal(load_answers(body, &as, &err), -1);
	assert_null(as);
	if (strstr(err.msg, what) == NULL)
		fail_msg("expected '%s', got '%s'", what, err.msg);
}

static void test_answers_refusals(void **state)
{
	(void)state;
	expect_answers_refusal("answers: {d.z: oui}\n",
	                       "a.yaml:3:11: 'd.z' n'est pas une question");
	expect_answers_refusal(
	    "answers: {d.a: peut-etre}\n",
	    "a.yaml:3:16: 'peut-etre' n'est pas une réponse de 'd.a' ; choisissez "
	    "parmi : non, oui, nsp");
	expect_answers_refusal("answers: {d.a: na}\n", "n'accepte pas « non applicable »");
	expect_answers_refusal("answers: {d.b: na}\n", "demande une note");
	expect_answers_refusal("organisation: {insee: 1234}\nanswers: {}\n", "code INSEE");
	expect_answers_refusal("answers: {d.a: oui, d.a: non}\n", "clé 'd.a' en double");
}

static void test_answers_for_another_questionnaire_are_refused(void **state)
{
	struct vg_answers *as;
	struct vg_err err;
	const char *text = "format: vigie-answers/1\nquestionnaire: autre\nanswers: {}\n";

	(void)state;
	assert_int_equal(yaml_load_answers(answers_q, "a.yaml", text, strlen(text), &as, &err), -1);
	assert_non_null(
	    strstr(err.msg, "a.yaml:2:16: ces réponses sont pour le questionnaire 'autre'"));
}

static void test_embedded_questionnaires_are_valid(void **state)
{
	const char *names[] = {"decouverte.yaml", "communes.yaml"};

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[512];
		struct vg_questionnaire *q;
		struct vg_err err;

		snprintf(path, sizeof path, "%s/questionnaires/%s", TEST_SOURCE_DIR, names[i]);
		if (yaml_load_questionnaire_file(path, &q, &err) != 0)
			fail_msg("%s", err.msg);
		model_questionnaire_free(q);
	}
}

/* Every shipped question is titled by the step to take, in both languages, and every ref
 * it cites is a guide vigie can name in words. */
static void test_shipped_questions_have_actions_and_named_refs(void **state)
{
	const char *names[] = {"communes.yaml", "express.yaml", "decouverte.yaml"};

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char path[512];
		struct vg_questionnaire *q;
		struct vg_err err;

		snprintf(path, sizeof path, "%s/questionnaires/%s", TEST_SOURCE_DIR, names[i]);
		if (yaml_load_questionnaire_file(path, &q, &err) != 0)
			fail_msg("%s", err.msg);
		for (size_t k = 0; k < q->nall; k++) {
			const struct vg_question *qn = q->all[k];

			if (qn->domain == NULL)
				continue;
			if (qn->action.fr == NULL || qn->action.en == NULL)
				fail_msg("%s: %s has no action in French and English", names[i],
				         qn->id);
			for (size_t r = 0; r < qn->nrefs; r++) {
				char w[256];

				model_ref_words(qn->refs[r], VG_LANG_FR, w, sizeof w);
				if (strchr(w, ':') != NULL || strchr(w, '-') == w)
					fail_msg("%s: %s cites '%s', which vigie cannot name",
					         names[i], qn->id, qn->refs[r]);
			}
		}
		model_questionnaire_free(q);
	}
}

static void test_refs_are_written_in_words(void **state)
{
	struct vg_questionnaire *q = load_ok(
	    HEAD DOM "      - id: d.a\n"
	             "        text: {fr: A ?}\n"
	             "        help: {fr: Aide}\n"
	             "        refs: [anssi-hygiene:14, cis-v8:10.1, anssi-hygiene:37, x-y:2]\n"
	             "        options:\n"
	             "          - {id: non, value: 0, text: {fr: Non}}\n"
	             "          - {id: oui, value: 3, text: {fr: Oui}}\n");
	char buf[512];

	(void)state;
	assert_string_equal(model_refs_words(q->all[0], VG_LANG_FR, buf, sizeof buf),
	                    "Guide d'hygiène ANSSI, mesures 14 et 37 ; CIS Controls v8, mesure "
	                    "10.1 ; x-y 2");
	assert_string_equal(model_refs_words(q->all[0], VG_LANG_EN, buf, sizeof buf),
	                    "ANSSI hygiene guide, measures 14 and 37; CIS Controls v8, safeguard "
	                    "10.1; x-y 2");
	assert_string_equal(model_ref_words("rgpd:33", VG_LANG_FR, buf, sizeof buf),
	                    "RGPD, article 33");
	/* Truncated, never overrun. */
	assert_int_equal(strlen(model_refs_words(q->all[0], VG_LANG_FR, buf, 10)), 9);
	model_questionnaire_free(q);
}

static void test_action_is_one_short_line_not_a_question(void **state)
{
	struct vg_questionnaire *q;

	(void)state;
	expect_refusal(HEAD DOM "      - id: d.a\n"
	                        "        text: {fr: A ?}\n"
	                        "        action: {fr: \"Faire A ?\"}\n"
	                        "        help: {fr: Aide}\n"
	                        "        options:\n"
	                        "          - {id: non, value: 0, text: {fr: Non}}\n"
	                        "          - {id: oui, value: 3, text: {fr: Oui}}\n",
	               11, 22, "finit par '?'");
	q = load_ok(HEAD DOM "      - id: d.a\n"
	                     "        text: {fr: A ?}\n"
	                     "        action: {fr: Faire A, en: Do A}\n"
	                     "        help: {fr: Aide}\n"
	                     "        options:\n"
	                     "          - {id: non, value: 0, text: {fr: Non}}\n"
	                     "          - {id: oui, value: 3, text: {fr: Oui}}\n");
	assert_string_equal(model_question_title(q->all[0], VG_LANG_EN), "Do A");
	model_questionnaire_free(q);
}

static void test_option_overlapping_reserved_answer_is_rejected(void **state)
{
	(void)state;
	expect_refusal(HEAD DOM "      - id: d.a\n"
	                        "        text: {fr: A ?}\n"
	                        "        help: {fr: Aide}\n"
	                        "        options:\n"
	                        "          - {id: non, value: 0, text: {fr: \"Non, ou nous ne "
	                        "Savons pas\"}}\n"
	                        "          - {id: oui, value: 3, text: {fr: Oui}}\n",
	               13, 44, "réponse réservée");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_minimal_questionnaire_loads),
	    cmocka_unit_test(test_yaml_syntax_error_has_position),
	    cmocka_unit_test(test_yaml_syntax_errors_say_what_to_fix_in_words),
	    cmocka_unit_test(test_anchor_is_rejected_with_line_number),
	    cmocka_unit_test(test_alias_is_rejected_with_line_number),
	    cmocka_unit_test(test_self_referencing_alias_is_rejected),
	    cmocka_unit_test(test_tag_is_rejected),
	    cmocka_unit_test(test_duplicate_key_is_rejected_at_second_occurrence),
	    cmocka_unit_test(test_unknown_key_lists_allowed_keys),
	    cmocka_unit_test(test_missing_required_field_is_named),
	    cmocka_unit_test(test_wrong_type_is_rejected),
	    cmocka_unit_test(test_text_must_have_french),
	    cmocka_unit_test(test_duplicate_question_id_is_rejected),
	    cmocka_unit_test(test_duplicate_option_id_is_rejected),
	    cmocka_unit_test(test_applies_if_unknown_question_is_rejected),
	    cmocka_unit_test(test_applies_if_unknown_option_is_rejected),
	    cmocka_unit_test(test_value_out_of_range_is_rejected),
	    cmocka_unit_test(test_reserved_option_ids_are_rejected),
	    cmocka_unit_test(test_invalid_utf8_is_rejected_with_position),
	    cmocka_unit_test(test_nesting_past_32_is_rejected),
	    cmocka_unit_test(test_deep_file_is_refused_quickly),
	    cmocka_unit_test(test_file_over_4_mib_is_rejected),
	    cmocka_unit_test(test_string_over_64_kib_is_rejected),
	    cmocka_unit_test(test_second_document_is_rejected),
	    cmocka_unit_test(test_empty_file_is_rejected),
	    cmocka_unit_test(test_unknown_format_is_explained),
	    cmocka_unit_test(test_non_scalar_key_is_rejected),
	    cmocka_unit_test(test_question_without_positive_option_is_rejected),
	    cmocka_unit_test(test_bad_ref_is_rejected),
	    cmocka_unit_test_setup_teardown(test_answers_load_all_kinds, answers_setup,
	                                    answers_teardown),
	    cmocka_unit_test_setup_teardown(test_answers_refusals, answers_setup, answers_teardown),
	    cmocka_unit_test_setup_teardown(test_answers_for_another_questionnaire_are_refused,
	                                    answers_setup, answers_teardown),
	    cmocka_unit_test(test_embedded_questionnaires_are_valid),
	    cmocka_unit_test(test_shipped_questions_have_actions_and_named_refs),
	    cmocka_unit_test(test_refs_are_written_in_words),
	    cmocka_unit_test(test_action_is_one_short_line_not_a_question),
	    cmocka_unit_test(test_option_overlapping_reserved_answer_is_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
