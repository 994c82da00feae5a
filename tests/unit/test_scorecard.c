/* Unit tests of the scorecard module: write, read back, refuse bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "scorecard.h"
#include "scoring.h"
#include "yaml_load.h"

struct fixture {
	struct vg_questionnaire *q;
	struct vg_answers *as;
	struct score_result r;
};

static int setup(void **state)
{
	struct fixture *f = vg_calloc(1, sizeof *f);
	struct vg_err err = {0};
	char *data;
	size_t len;

	if (yaml_load_questionnaire_file(TEST_SOURCE_DIR "/questionnaires/decouverte.yaml", &f->q,
	                                 &err) != 0 ||
	    vg_read_file(TEST_DATA_DIR "/answers/saint-exemple.yaml", 1 << 20, false, &data, &len,
	                 &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	if (yaml_load_answers(f->q, "saint-exemple.yaml", data, len, &f->as, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		free(data);
		return -1;
	}
	free(data);
	score_compute(f->as, NULL, 0, &f->r);
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

static const char *const reasons_fr[] = {"Port 443 : TLS 1.0 accepté"};

static char *write_card(struct fixture *f, const struct vg_evidence *ev, size_t nev, size_t *len)
{
	struct scorecard_input in = {f->as,       &f->r, ev,   nev, "2026-11-29T04:00:00Z",
	                             "mairie-pc", NULL,  NULL, NULL};
	struct vg_err err = {0};
	char *out;

	assert_int_equal(scorecard_write(&in, &out, len, &err), 0);
	return out;
}

static void test_write_then_read_gives_back_the_result(void **state)
{
	struct fixture *f = *state;
	const char *informs[] = {"mises_a_jour.postes"};
	struct vg_evidence ev = {"tls.mairie",
	                         VG_CHECK_FAIL,
	                         1,
	                         informs,
	                         1,
	                         {reasons_fr[0], "Port 443: TLS 1.0 accepted"},
	                         {NULL, NULL}};
	struct scorecard *sc;
	struct vg_err err = {0};
	size_t len;
	char *out = write_card(f, &ev, 1, &len);

	assert_int_equal(scorecard_read(out, len, &sc, &err), 0);
	assert_string_equal(sc->format, SCORECARD_FORMAT);
	assert_int_equal(sc->format_major, 1);
	assert_string_equal(sc->tool_name, "vigie");
	assert_string_equal(sc->q_id, "decouverte");
	assert_string_equal(sc->q_version, f->q->version);
	assert_string_equal(sc->q_sha256, f->q->sha256_hex);
	assert_string_equal(sc->org_name, "Mairie de Saint-Exemple");
	assert_string_equal(sc->org_insee, "01999");
	assert_string_equal(sc->generated_at, "2026-11-29T04:00:00Z");
	assert_string_equal(sc->host, "mairie-pc");
	assert_true(sc->scored);
	assert_true(sc->overall > f->r.overall - 0.006 && sc->overall < f->r.overall + 0.006);
	assert_string_equal(sc->grade, score_grade_name(f->r.grade));
	assert_int_equal(sc->ndomains, f->r.ndomains);
	assert_int_equal(sc->nanswers, f->q->nall);
	assert_int_equal(sc->nplan, f->r.nplan);
	for (size_t i = 0; i < sc->nplan; i++) {
		assert_string_equal(sc->plan[i].question, f->r.plan[i].q->id);
		assert_int_equal(sc->plan[i].gap, f->r.plan[i].gap);
		assert_int_equal(sc->plan[i].priority_measure, f->r.plan[i].priority_measure);
	}
	assert_int_equal(sc->nevidence, 1);
	assert_string_equal(sc->evidence[0].id, "tls.mairie");
	assert_string_equal(sc->evidence[0].status, "fail");
	assert_int_equal(sc->evidence[0].cap, 1);
	assert_string_equal(sc->evidence[0].informs[0], "mises_a_jour.postes");
	assert_string_equal(sc->evidence[0].reason.fr, reasons_fr[0]);
	assert_int_equal(sc->nunknown, 1);
	assert_string_equal(sc->unknown[0], "sauvegardes.restauration");
	for (size_t i = 0; i < sc->nanswers; i++) {
		if (strcmp(sc->answers[i].question, "comptes.nominatifs") != 0)
			continue;
		assert_string_equal(sc->answers[i].answer, "partiel");
		assert_true(sc->answers[i].review);
		assert_string_equal(sc->answers[i].note, "Deux postes sur cinq — à revoir");
	}
	scorecard_free(sc);
	free(out);
}

static void test_same_input_gives_the_same_bytes(void **state)
{
	struct fixture *f = *state;
	size_t l1, l2;
	char *a = write_card(f, NULL, 0, &l1), *b = write_card(f, NULL, 0, &l2);

	assert_int_equal(l1, l2);
	assert_memory_equal(a, b, l1);
	assert_int_equal(a[l1 - 1], '\n');
	assert_int_not_equal(a[l1 - 2], '\n');
	free(a);
	free(b);
}

/* Every object's keys, at every depth, come in strictly increasing byte order. */
static void test_keys_are_sorted_at_every_level(void **state)
{
	struct fixture *f = *state;
	char last[32][128] = {{0}};
	size_t len;
	char *out = write_card(f, NULL, 0, &len), *line, *save = NULL;

	for (line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		size_t ind = strspn(line, " "), d = ind / 2;
		char key[128];

		assert_true(d < 32);
		if (line[ind] == '}' || line[ind] == ']') {
			for (size_t k = d + 1; k < 32; k++)
				last[k][0] = '\0';
			continue;
		}
		if (line[ind] != '"' || sscanf(line + ind, "\"%127[^\"]\":", key) != 1 ||
		    strstr(line, "\": ") == NULL)
			continue;
		if (last[d][0] != '\0' && strcmp(last[d], key) >= 0)
			fail_msg("key '%s' after '%s' at depth %zu", key, last[d], d);
		snprintf(last[d], sizeof last[d], "%s", key);
		for (size_t k = d + 1; k < 32; k++)
			last[k][0] = '\0';
	}
	free(out);
}

static void test_text_is_utf8_not_escaped(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *out = write_card(f, NULL, 0, &len);

	assert_non_null(strstr(out, "Découverte"));
	assert_null(strstr(out, "\\u00e9"));
	assert_non_null(strstr(out, "\n  \"format\": \"vigie-scorecard/1.1\",\n"));
	free(out);
}

static char *read_data(const char *name, size_t *len);

/* Each evidence entry says when its check ran, where (the machine, or the endpoint a TLS
 * check probed) and what was found per rule; all three read back. */
static void test_evidence_carries_when_where_and_the_rules_summary(void **state)
{
	struct fixture *f = *state;
	const char *informs[] = {"mises_a_jour.postes"};
	const char *where[] = {NULL, "www.mairie-exemple.fr"};
	struct vg_evidence ev[2] = {
	    {"arbo.droits",
	     VG_CHECK_FAIL,
	     1,
	     informs,
	     1,
	     {"Droits de l'arborescence", "Tree permissions"},
	     {"fichiers modifiables par tous : 3. À faire : retirez le droit",
	      "world-writable: 3"}},
	    {"tls.site", VG_CHECK_PASS, -1, informs, 1, {"TLS 1.3", "TLS 1.3"}, {NULL, NULL}}};
	struct scorecard_input in = {
	    f->as,        &f->r, ev, 2, "2026-11-29T04:00:00Z", "mairie-pc", "2026-11-28T09:30:00Z",
	    "srv-mairie", where};
	struct vg_err err = {0};
	struct scorecard *sc;
	size_t len;
	char *out;

	assert_int_equal(scorecard_write(&in, &out, &len, &err), 0);
	assert_int_equal(scorecard_read(out, len, &sc, &err), 0);
	assert_int_equal(sc->format_minor, 1);
	assert_string_equal(sc->evidence[0].run_at, "2026-11-28T09:30:00Z");
	assert_string_equal(sc->evidence[0].where, "srv-mairie");
	assert_string_equal(sc->evidence[0].detail.fr,
	                    "fichiers modifiables par tous : 3. À faire : retirez le droit");
	assert_string_equal(sc->evidence[0].detail.en, "world-writable: 3");
	assert_string_equal(sc->evidence[1].run_at, "2026-11-28T09:30:00Z");
	assert_string_equal(sc->evidence[1].where, "www.mairie-exemple.fr");
	assert_null(sc->evidence[1].detail.fr);
	scorecard_free(sc);
	free(out);
	/* No time given: the checks ran when the scorecard was made. */
	in.checks_at = NULL;
	in.checks_where = NULL;
	in.ev_where = NULL;
	assert_int_equal(scorecard_write(&in, &out, &len, &err), 0);
	assert_int_equal(scorecard_read(out, len, &sc, &err), 0);
	assert_string_equal(sc->evidence[0].run_at, "2026-11-29T04:00:00Z");
	assert_null(sc->evidence[1].where);
	scorecard_free(sc);
	free(out);
}

/* A scorecard of format 1 (before when and where were kept) still reads: they are NULL. */
static void test_evidence_of_format_1_0_reads_without_when_and_where(void **state)
{
	struct vg_err err = {0};
	struct scorecard *sc;
	size_t len;
	char *data = read_data("good-evidence-1.0.json", &len);

	(void)state;
	if (scorecard_read(data, len, &sc, &err) != 0)
		fail_msg("%s", err.msg);
	assert_int_equal(sc->format_minor, 0);
	assert_int_equal(sc->nevidence, 1);
	assert_string_equal(sc->evidence[0].id, "arbo.droits");
	assert_null(sc->evidence[0].run_at);
	assert_null(sc->evidence[0].where);
	assert_null(sc->evidence[0].detail.fr);
	scorecard_free(sc);
	free(data);
}

static void test_host_is_left_out_when_null(void **state)
{
	struct fixture *f = *state;
	struct scorecard_input in = {f->as, &f->r, NULL, 0,   "2026-11-29T04:00:00Z",
	                             NULL,  NULL,  NULL, NULL};
	struct vg_err err = {0};
	struct scorecard *sc;
	size_t len;
	char *out;

	assert_int_equal(scorecard_write(&in, &out, &len, &err), 0);
	assert_null(strstr(out, "\"host\""));
	assert_int_equal(scorecard_read(out, len, &sc, &err), 0);
	assert_null(sc->host);
	scorecard_free(sc);
	free(out);
}

static char *read_data(const char *name, size_t *len)
{
	struct vg_err err = {0};
	char path[512], *data;

	snprintf(path, sizeof path, "%s/scorecard/%s", TEST_DATA_DIR, name);
	if (vg_read_file(path, SCORECARD_MAX_FILE, false, &data, len, &err) != 0)
		fail_msg("%s", err.msg);
	return data;
}

static void test_fixtures_of_version_1_are_read(void **state)
{
	const char *good[] = {"good-saint-exemple.json", "good-minor-version.json",
	                      "good-minimal.json"};

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct vg_err err = {0};
		struct scorecard *sc;
		size_t len;
		char *data = read_data(good[i], &len);

		if (scorecard_read(data, len, &sc, &err) != 0)
			fail_msg("%s: %s", good[i], err.msg);
		assert_string_equal(sc->q_id, "decouverte");
		scorecard_free(sc);
		free(data);
	}
}

static void test_unknown_major_version_is_refused_as_newer(void **state)
{
	struct vg_err err = {0};
	struct scorecard *sc = (void *)1;
	size_t len;
	char *data = read_data("bad-major-version.json", &len);

	(void)state;
	assert_int_equal(scorecard_read(data, len, &sc, &err), -1);
	assert_null(sc);
	assert_non_null(strstr(err.msg, "vient d'une version plus récente de vigie"));
	free(data);
}

/* Each bad file is refused with a message naming what is wrong. */
static void test_bad_corpus_is_refused_with_reasons(void **state)
{
	static const struct {
		const char *file, *why;
	} bad[] = {
	    {"bad-deep.json", "imbriquée sur plus de"},
	    {"bad-domain-title.json", "scores.domains.comptes : un objet est attendu"},
	    {"bad-duplicate-key.json", "JSON invalide : clé en double, près de"},
	    {"bad-empty.json", "JSON invalide : le fichier est vide"},
	    {"bad-evidence-item.json", "evidence[0] : la clé"},
	    {"bad-evidence-run-at.json",
	     "evidence[0] : run_at : la forme AAAA-MM-JJTHH:MM:SSZ est attendue"},
	    {"bad-format-name.json", "ce n'est pas une fiche de résultat de vigie"},
	    {"bad-format-type.json", "format : une chaîne est attendue"},
	    {"bad-grade-letter.json", "grade : l'une des lettres"},
	    {"bad-grade-without-score.json", "une note demande un score global"},
	    {"bad-invalid-utf8.json", "JSON invalide : octet qui n'est pas de l'UTF-8 valide"},
	    {"bad-major-version.json", "version plus récente de vigie"},
	    {"bad-missing-grade.json", "la clé 'grade' manque"},
	    {"bad-missing-questionnaire.json", "la clé 'questionnaire' manque"},
	    {"bad-not-json.json",
	     "ligne 2, colonne 0 : JSON invalide : le fichier s'arrête avant la fin du JSON"},
	    {"bad-nul-escape.json", "JSON invalide : caractère nul (\\u0000) interdit"},
	    {"bad-overall-range.json", "scores.overall : nombre hors des limites"},
	    {"bad-overall-string.json", "scores.overall : un nombre est attendu"},
	    {"bad-plan-not-array.json", "action_plan : un tableau est attendu"},
	    {"bad-retained-range.json", "answers.sauvegardes.hors_ligne : entier hors des limites"},
	    {"bad-review-type.json", "true ou false est attendu"},
	    {"bad-sha256.json", "questionnaire.sha256 : 64 chiffres"},
	    {"bad-top-array.json", "premier niveau : un objet est attendu"},
	    {"bad-unknown-key.json", "clé inconnue 'extra'"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct vg_err err = {0};
		struct scorecard *sc = NULL;
		size_t len;
		char *data = read_data(bad[i].file, &len);

		if (scorecard_read(data, len, &sc, &err) == 0)
			fail_msg("%s: accepted", bad[i].file);
		if (strstr(err.msg, bad[i].why) == NULL)
			fail_msg("%s: message '%s' lacks '%s'", bad[i].file, err.msg, bad[i].why);
		assert_null(sc);
		free(data);
	}
}

/* good-minimal.json with its organisation name replaced by the JSON text name. */
static int read_with_name(const char *name, struct scorecard **sc, struct vg_err *err)
{
	const char *from = "\"Mairie de Petit-Exemple\"";
	size_t len, flen = strlen(from), nlen = strlen(name);
	char *data = read_data("good-minimal.json", &len), *at = strstr(data, from), *text;
	int rc;

	assert_non_null(at);
	text = malloc(len - flen + nlen + 1);
	assert_non_null(text);
	memcpy(text, data, (size_t)(at - data));
	memcpy(text + (at - data), name, nlen);
	memcpy(text + (at - data) + nlen, at + flen, len - (size_t)(at - data) - flen);
	rc = scorecard_read(text, len - flen + nlen, sc, err);
	free(text);
	free(data);
	return rc;
}

/* Escapes, surrogate pairs and raw UTF-8 read as jansson reads them; what jansson refuses
 * is refused with jansson's message. */
static void test_strings_read_as_jansson_reads_them(void **state)
{
	static const struct {
		const char *json, *value;
	} good[] = {
	    {"\"Mairie d\\u00e9 \\ud83d\\ude00\\t\\\"x\\\"\\/\\\\\"",
	     "Mairie d\xc3\xa9 \xf0\x9f\x98\x80\t\"x\"/\\"},
	    {"\"Mairie d\xc3\xa9 \xf0\x9f\x98\x80\"", "Mairie d\xc3\xa9 \xf0\x9f\x98\x80"},
	    {"\"\"", ""},
	};
	static const char *const bad[] = {
	    "\"\\ud800\"",          /* lone high surrogate */
	    "\"\\udc00\"",          /* lone low surrogate */
	    "\"\\u0000\"",          /* NUL */
	    "\"\xc0\xaf\"",         /* overlong */
	    "\"\xed\xa0\x80\"",     /* surrogate in UTF-8 */
	    "\"\xf4\x90\x80\x80\"", /* past U+10FFFF */
	    "\"a\tb\"",             /* raw control character */
	    "\"\\x\"",              /* unknown escape */
	    "01",                   /* leading zero */
	};

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		struct vg_err err = {0};
		struct scorecard *sc = NULL;

		if (read_with_name(good[i].json, &sc, &err) != 0)
			fail_msg("%s: %s", good[i].json, err.msg);
		assert_string_equal(sc->org_name, good[i].value);
		scorecard_free(sc);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct vg_err err = {0};
		struct scorecard *sc = NULL;

		if (read_with_name(bad[i], &sc, &err) == 0)
			fail_msg("%s: accepted", bad[i]);
		if (strstr(err.msg, "JSON invalide") == NULL)
			fail_msg("%s: message '%s' lacks 'JSON invalide'", bad[i], err.msg);
	}
}

/* As in jansson, 1.0 is a real: not an integer. A real where a string is expected is
 * refused by the reader's own checks. */
static void test_numbers_keep_jansson_types(void **state)
{
	struct vg_err err = {0};
	struct scorecard *sc = NULL;

	(void)state;
	assert_int_equal(read_with_name("1.0", &sc, &err), -1);
	assert_non_null(strstr(err.msg, "organisation.name : une chaîne ou null est attendue"));
	assert_null(sc);
}

/* An object of 40 members "k0".."k39", then "k<extra>" when extra is not NULL. */
static int read_large_object(const char *extra, struct scorecard **sc, struct vg_err *err)
{
	char text[1024];
	size_t n = 0;
	int rc;

	n += (size_t)snprintf(text + n, sizeof text - n, "{");
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s\"k%d\": %d", i ? ", " : "", i,
		                      i);
	if (extra != NULL)
		n += (size_t)snprintf(text + n, sizeof text - n, ", \"k%s\": 0", extra);
	n += (size_t)snprintf(text + n, sizeof text - n, "}");
	assert_true(n < sizeof text);
	rc = scorecard_read(text, n, sc, err);
	assert_null(*sc);
	return rc;
}

/* A duplicate key in a large object (as the answers are) is refused as jansson refuses
 * it, wherever it is; keys that only look alike are not taken for duplicates. */
static void test_duplicate_key_in_a_large_object_is_refused(void **state)
{
	static const char *const dups[] = {"0", "1", "20", "39"};
	static const char *const alike[] = {"00", "40", "k", "39 "};

	(void)state;
	for (size_t i = 0; i < sizeof dups / sizeof dups[0]; i++) {
		struct vg_err err = {0};
		struct scorecard *sc = NULL;

		assert_int_equal(read_large_object(dups[i], &sc, &err), -1);
		if (strstr(err.msg, "clé en double") == NULL)
			fail_msg("k%s: message '%s' lacks 'duplicate'", dups[i], err.msg);
	}
	for (size_t i = 0; i < sizeof alike / sizeof alike[0]; i++) {
		struct vg_err err = {0};
		struct scorecard *sc = NULL;

		/* Read as JSON, then refused as no scorecard. */
		assert_int_equal(read_large_object(alike[i], &sc, &err), -1);
		if (strstr(err.msg, "format : une chaîne est attendue") == NULL)
			fail_msg("k%s: message '%s'", alike[i], err.msg);
	}
}

static void test_oversized_input_is_refused_before_parsing(void **state)
{
	struct vg_err err = {0};
	struct scorecard *sc;

	(void)state;
	assert_int_equal(scorecard_read("{}", (size_t)SCORECARD_MAX_FILE + 1, &sc, &err), -1);
	assert_non_null(strstr(err.msg, "au-delà de la limite"));
}

/* jansson's refusals read in words, with the token the file has there, and never in
 * jansson's English; each says the file is not as vigie wrote it. */
static void test_json_refusals_say_what_is_wrong_in_words(void **state)
{
	static const struct {
		const char *json, *why;
	} bad[] = {
	    {" \n\t", "ligne 2, colonne 1 : JSON invalide : le fichier est vide ;"},
	    {"{\"a\": [1, 2", "JSON invalide : le fichier s'arrête avant la fin du JSON (copie "
	                      "interrompue ?) ;"},
	    {"{\"a\":", "le fichier s'arrête avant la fin du JSON (copie interrompue ?) ;"},
	    {"{\"a\": }", "élément inattendu, près de « } »"},
	    {"hello", "un objet JSON ({ … }) est attendu, près de « hello »"},
	    {"{\"a\": 1} x", "du texte suit la fin du JSON, près de « x »"},
	    {"{\"a\" 1}", "« : » est attendu après le nom de la clé, près de « 1 »"},
	    {"{\"a\": 1 \"b\": 2}", "« , » ou « } » est attendu, près de « \"b\" »"},
	    {"{\"a\": [1 2]}", "« , » ou « ] » est attendu, près de « 2 »"},
	    {"{1: 2}", "un nom de clé entre guillemets ou « } » est attendu"},
	    {"{\"a\": 01}", "nombre ou mot invalide, près de « 0 »"},
	    {"{\"a\": 1e999}", "nombre hors des limites, près de « 1e999 »"},
	    {"{\"a\": \"\\x\"}", "séquence d'échappement invalide"},
	    {"{\"a\": \"\\ud800\"}", "échappement Unicode invalide"},
	    {"{\"a\": \"a\tb\"}", "caractère de contrôle dans une chaîne"},
	    {"{\"a\": \"\\u0000\"}", "caractère nul (\\u0000) interdit"},
	    {"{\"a\": \"\xc0\xaf\"}", "octet qui n'est pas de l'UTF-8 valide"},
	    {"{\"a\": 1, \"a\": 2}", "clé en double, près de « \"a\" »"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct vg_err err = {0};
		struct scorecard *sc = NULL;

		if (scorecard_read(bad[i].json, strlen(bad[i].json), &sc, &err) == 0)
			fail_msg("%s: accepted", bad[i].json);
		if (strstr(err.msg, bad[i].why) == NULL)
			fail_msg("%s: message '%s' lacks '%s'", bad[i].json, err.msg, bad[i].why);
		if (strstr(err.msg, "ce n'est pas une fiche exportée par vigie") == NULL)
			fail_msg("%s: message '%s' says nothing of the file", bad[i].json, err.msg);
		if (strstr(err.msg, " near ") != NULL || strstr(err.msg, "expected") != NULL)
			fail_msg("%s: jansson's English in '%s'", bad[i].json, err.msg);
		assert_null(sc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_write_then_read_gives_back_the_result),
	    cmocka_unit_test(test_same_input_gives_the_same_bytes),
	    cmocka_unit_test(test_evidence_carries_when_where_and_the_rules_summary),
	    cmocka_unit_test(test_evidence_of_format_1_0_reads_without_when_and_where),
	    cmocka_unit_test(test_keys_are_sorted_at_every_level),
	    cmocka_unit_test(test_text_is_utf8_not_escaped),
	    cmocka_unit_test(test_host_is_left_out_when_null),
	    cmocka_unit_test(test_fixtures_of_version_1_are_read),
	    cmocka_unit_test(test_unknown_major_version_is_refused_as_newer),
	    cmocka_unit_test(test_bad_corpus_is_refused_with_reasons),
	    cmocka_unit_test(test_strings_read_as_jansson_reads_them),
	    cmocka_unit_test(test_json_refusals_say_what_is_wrong_in_words),
	    cmocka_unit_test(test_numbers_keep_jansson_types),
	    cmocka_unit_test(test_duplicate_key_in_a_large_object_is_refused),
	    cmocka_unit_test(test_oversized_input_is_refused_before_parsing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
