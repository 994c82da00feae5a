/* Unit tests of the session file: round trip, refusals, migration, atomic saves. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "session.h"
#include "yaml_load.h"

static struct vg_questionnaire *test_q;
static char test_dir[] = "/tmp/vigie-test-session-XXXXXX";

static int test_setup(void **state)
{
	struct vg_err err = {0};

	(void)state;
	if (cli_load_questionnaire("decouverte", &test_q, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return mkdtemp(test_dir) == NULL ? -1 : 0;
}

static int test_teardown(void **state)
{
	char *cmd = vg_asprintf("rm -rf '%s'", test_dir);

	(void)state;
	model_questionnaire_free(test_q);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", test_dir);
	free(cmd);
	return 0;
}

static const struct vg_question *test_question(const char *id)
{
	const struct vg_question *qn = model_find_question(test_q, id);

	assert_non_null(qn);
	return qn;
}

/* A session with one answer of every kind, a note with accents, a review mark. */
static struct session *test_filled(const char *path)
{
	struct session *s = session_new(test_q, path);
	const struct vg_question *q1 = test_question("ctx.serveur");
	const struct vg_question *q2 = test_question("sauvegardes.hors_ligne");
	const struct vg_question *q3 = test_question("sauvegardes.restauration");
	const struct vg_question *q4 = test_question("comptes.nominatifs");

	s->as->a[q1->index].kind = VG_ANS_OPTION;
	s->as->a[q1->index].option = model_find_option(q1, "oui");
	s->as->a[q2->index].kind = VG_ANS_OPTION;
	s->as->a[q2->index].option = model_find_option(q2, "parfois");
	model_answer_set_note(s->as, q2->index,
	                      "Disque à l'accueil\n« hors ligne » le vendredi \"ok\"");
	s->as->a[q2->index].review = true;
	s->as->a[q3->index].kind = VG_ANS_UNKNOWN;
	model_answer_set_note(s->as, q4->index, "Un seul agent à la mairie");
	s->as->a[q4->index].kind = VG_ANS_NA;
	s->as->org.name = vg_strdup("Mairie de Saint-Été");
	s->as->org.insee = vg_strdup("2A004");
	s->target_site = vg_strdup("www.mairie-exemple.fr");
	s->target_mail = vg_strdup("smtp://mail.mairie-exemple.fr:587");
	s->lang = VG_LANG_EN;
	s->pos = test_question("comptes.admin_separe")->index;
	s->screen = SESSION_SCREEN_QUESTION;
	return s;
}

static void test_assert_same(const struct session *a, const struct session *b)
{
	assert_int_equal(a->lang, b->lang);
	assert_int_equal(a->pos, b->pos);
	assert_int_equal(a->screen, b->screen);
	assert_string_equal(a->as->org.name, b->as->org.name);
	assert_string_equal(a->as->org.insee, b->as->org.insee);
	assert_null(b->as->org.contact);
	assert_string_equal(a->target_site, b->target_site);
	assert_string_equal(a->target_mail, b->target_mail);
	for (size_t i = 0; i < test_q->nall; i++) {
		const struct vg_answer *x = &a->as->a[i], *y = &b->as->a[i];

		assert_int_equal(x->kind, y->kind);
		assert_ptr_equal(x->option, y->option);
		assert_int_equal(x->review, y->review);
		if (x->note == NULL)
			assert_null(y->note);
		else
			assert_string_equal(x->note, y->note);
	}
}

static void test_round_trip_keeps_answers_notes_marks_and_position(void **state)
{
	struct session *s = test_filled(NULL), *back;
	struct vg_err err = {0};
	char *json = session_serialize(s), *migrated;

	(void)state;
	assert_int_equal(session_parse(test_q, "mem", json, strlen(json), &back, &migrated, &err),
	                 0);
	assert_null(migrated);
	test_assert_same(s, back);
	free(json);
	session_free(back);
	session_free(s);
}

static void test_check_evidence_and_machine_survive_a_resume(void **state)
{
	static const char *inf[] = {"sauvegardes.hors_ligne", "no.such.question"};
	const struct vg_evidence ev[2] = {
	    {"tls.site",
	     VG_CHECK_FAIL,
	     1,
	     inf,
	     2,
	     {"localhost:443 : TLS 1.0\nautre", "TLS 1.0"},
	     {NULL, NULL}},
	    {"arbo.droits",
	     VG_CHECK_FAIL,
	     1,
	     inf,
	     1,
	     {"Droits", NULL},
	     {"fichiers modifiables par tous : 12, surtout dans /srv (9). À faire : retirez-le\n"
	      "clés privées lisibles : 1 (/etc/ssl/k.pem)",
	      "world-writable files: 12"}},
	};
	struct session *s = test_filled(NULL), *back;
	struct vg_err err = {0};
	char *json, *migrated;

	(void)state;
	s->machine = SESSION_MACHINE_PC;
	session_checks_set(s, ev, 2, "2026-12-05T10:00:00Z", "mairie-srv");
	json = session_serialize(s);
	assert_int_equal(session_parse(test_q, "mem", json, strlen(json), &back, &migrated, &err),
	                 0);
	assert_int_equal(back->machine, SESSION_MACHINE_PC);
	assert_string_equal(back->checks.run_at, "2026-12-05T10:00:00Z");
	assert_string_equal(back->checks.where, "mairie-srv");
	assert_int_equal(back->checks.nev, 2);
	assert_string_equal(back->checks.ev[0].check_id, "tls.site");
	assert_int_equal(back->checks.ev[0].status, VG_CHECK_FAIL);
	assert_int_equal(back->checks.ev[0].cap, 1);
	/* A question the questionnaire no longer has is left out. */
	assert_int_equal(back->checks.ev[0].ninforms, 1);
	assert_string_equal(back->checks.ev[0].informs[0], "sauvegardes.hors_ligne");
	assert_string_equal(back->checks.ev[0].reason.fr, "localhost:443 : TLS 1.0\nautre");
	assert_string_equal(back->checks.ev[0].reason.en, "TLS 1.0");
	assert_null(back->checks.ev[0].detail.fr);
	/* The rules' summary comes back as it was. */
	assert_int_equal(back->checks.ev[1].status, VG_CHECK_FAIL);
	assert_int_equal(back->checks.ev[1].cap, 1);
	assert_null(back->checks.ev[1].reason.en);
	assert_string_equal(back->checks.ev[1].detail.fr, ev[1].detail.fr);
	assert_string_equal(back->checks.ev[1].detail.en, "world-writable files: 12");
	/* A new run replaces the evidence; a reset forgets it. */
	session_checks_set(back, ev, 1, NULL, NULL);
	assert_int_equal(back->checks.nev, 1);
	assert_null(back->checks.where);
	assert_true(back->checks.run_at[0] != '\0');
	session_reset(back);
	assert_int_equal(back->checks.nev, 0);
	assert_string_equal(back->checks.run_at, "");
	assert_int_equal(back->machine, SESSION_MACHINE_PC);
	free(json);
	session_free(back);
	session_free(s);
}

/* A detail that would reach the terminal as escapes (ESC, C1, CR) is refused, saying
 * where; a valid one of many lines is kept. */
static void test_hostile_evidence_detail_is_refused_with_where(void **state)
{
	static const struct {
		const char *detail, *why;
	} bad[] = {
	    {"{\"fr\": \"ok\\n\\u001b]0;pwned\\u0007\"}",
	     "caractère de contrôle à la ligne 2, colonne 1"},
	    {"{\"fr\": \"ab\\u009b31m\"}", "caractère de contrôle à la ligne 1, colonne 3"},
	    {"{\"fr\": \"\\u00e9t\\u00e9\\r\"}", "caractère de contrôle à la ligne 1, colonne 4"},
	    {"{\"en\": \"only english\"}", "la clé « fr » manque"},
	    {"\"a string\"", "« detail » doit être {fr, en} ou null"},
	    {"{\"fr\": \"x\", \"de\": \"y\"}",
	     "clé inconnue « de » dans « checks.evidence.detail »"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *json = vg_asprintf(
		    "{\"format\": \"vigie-session/1\", \"questionnaire\": {\"id\": \"decouverte\", "
		    "\"sha256\": \"%s\"}, \"answers\": {}, \"checks\": {\"run_at\": "
		    "\"2026-12-05T10:00:00Z\", \"evidence\": [{\"id\": \"arbo.droits\", "
		    "\"status\": "
		    "\"fail\", \"cap\": 1, \"informs\": [], \"reason\": null, \"detail\": %s}]}}",
		    test_q->sha256_hex, bad[i].detail);
		struct session *s = NULL;
		struct vg_err err = {0};
		char *migrated = NULL;

		if (session_parse(test_q, "s.json", json, strlen(json), &s, &migrated, &err) != -1)
			fail_msg("detail %s accepted", bad[i].detail);
		assert_null(s);
		if (strstr(err.msg, bad[i].why) == NULL)
			fail_msg("detail %s: '%s' lacks '%s'", bad[i].detail, err.msg, bad[i].why);
		assert_non_null(strstr(err.msg, "s.json"));
		free(json);
	}
}

static void test_save_then_load_from_disk_is_mode_0600(void **state)
{
	char *path = vg_asprintf("%s/s.json", test_dir), *migrated;
	struct session *s = test_filled(path), *back;
	struct vg_err err = {0};
	struct stat st;

	(void)state;
	assert_int_equal(session_save(s, &err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(session_load(test_q, path, &back, &migrated, &err), 0);
	test_assert_same(s, back);
	assert_string_equal(back->path, path);
	session_free(back);
	session_free(s);
	unlink(path);
	free(path);
}

static void test_corrupt_file_is_refused_with_position_and_what_to_do(void **state)
{
	const char *bad = "{\"format\": \"vigie-session/1\",\n  \"answers\": {";
	struct session *s = (struct session *)1;
	struct vg_err err = {0};
	char *migrated;

	(void)state;
	assert_int_equal(session_parse(test_q, "s.json", bad, strlen(bad), &s, &migrated, &err),
	                 -1);
	assert_null(s);
	assert_non_null(strstr(err.msg, "s.json:2:"));
	assert_non_null(strstr(err.msg, "fichier de session endommagé"));
	assert_non_null(strstr(err.msg, "--new"));
}

static void test_every_bad_corpus_file_is_refused(void **state)
{
	const char *dir = TEST_DATA_DIR "/session";
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		char *path, *migrated = NULL;
		struct session *s = NULL;
		struct vg_err err = {0};
		int rc;

		if (strncmp(e->d_name, "bad-", 4) != 0)
			continue;
		path = vg_asprintf("%s/%s", dir, e->d_name);
		rc = session_load(test_q, path, &s, &migrated, &err);
		if (rc != -1)
			fail_msg("%s was accepted", e->d_name);
		assert_null(s);
		assert_true(strlen(err.msg) > 10);
		free(path);
		n++;
	}
	closedir(d);
	assert_true(n >= 15);
}

/* The good corpus file with its sha256 replaced by the questionnaire's. */
static char *test_good_json(void)
{
	char *data, *p, *out;
	size_t len;
	struct vg_err err = {0};

	assert_int_equal(vg_read_file(TEST_DATA_DIR "/session/good-decouverte.json", 1 << 20, true,
	                              &data, &len, &err),
	                 0);
	p = strstr(data, "0000000000000000000000000000000000000000000000000000000000000000");
	assert_non_null(p);
	memcpy(p, test_q->sha256_hex, 64);
	out = data;
	return out;
}

static void test_good_corpus_file_loads(void **state)
{
	char *json = test_good_json(), *migrated;
	struct session *s;
	struct vg_err err = {0};

	(void)state;
	assert_int_equal(session_parse(test_q, "good", json, strlen(json), &s, &migrated, &err), 0);
	assert_null(migrated);
	assert_int_equal(s->pos, test_question("comptes.admin_separe")->index);
	assert_int_equal(s->as->a[test_question("comptes.nominatifs")->index].kind, VG_ANS_NA);
	assert_true(s->as->a[test_question("sauvegardes.hors_ligne")->index].review);
	session_free(s);
	free(json);
}

/* Replaces the first occurrence of from in *json by to. */
static void test_replace(char **json, const char *from, const char *to)
{
	char *p = strstr(*json, from), *out;

	assert_non_null(p);
	out = vg_asprintf("%.*s%s%s", (int)(p - *json), *json, to, p + strlen(from));
	free(*json);
	*json = out;
}

static void test_unknown_option_is_refused_when_questionnaire_is_the_same(void **state)
{
	char *json = test_good_json(), *migrated;
	struct session *s;
	struct vg_err err = {0};

	(void)state;
	test_replace(&json, "{\"answer\": \"oui\"}", "{\"answer\": \"peut-etre\"}");
	assert_int_equal(session_parse(test_q, "s", json, strlen(json), &s, &migrated, &err), -1);
	assert_non_null(strstr(err.msg, "« ctx.serveur » n'a pas de réponse « peut-etre »"));
	free(json);
}

static void test_na_without_note_is_refused(void **state)
{
	char *json = test_good_json(), *migrated;
	struct session *s;
	struct vg_err err = {0};

	(void)state;
	test_replace(&json, "\"answer\": \"na\", \"note\": \"Un seul agent à la mairie\"",
	             "\"answer\": \"na\"");
	assert_int_equal(session_parse(test_q, "s", json, strlen(json), &s, &migrated, &err), -1);
	assert_non_null(strstr(err.msg, "sans note qui dise pourquoi"));
	free(json);
}

static void test_changed_questionnaire_migrates_by_question_id(void **state)
{
	char *json, *migrated;
	struct session *s;
	struct vg_err err = {0};
	struct vg_err rerr = {0};

	(void)state;
	assert_int_equal(vg_read_file(TEST_DATA_DIR "/session/good-decouverte.json", 1 << 20, true,
	                              &json, &(size_t){0}, &rerr),
	                 0);
	test_replace(&json, "{\"answer\": \"oui\"}", "{\"answer\": \"peut-etre\"}");
	test_replace(&json, "\"answers\": {",
	             "\"answers\": {\"ancienne.question\": {\"answer\": \"oui\"}, ");
	assert_int_equal(session_parse(test_q, "s", json, strlen(json), &s, &migrated, &err), 0);
	assert_non_null(migrated);
	assert_non_null(strstr(migrated, "réponses abandonnées :"));
	assert_non_null(strstr(migrated, "ancienne.question : la question n'existe plus"));
	assert_non_null(strstr(migrated, "ctx.serveur : la réponse « peut-etre » n'existe plus"));
	/* What still exists is kept. */
	assert_int_equal(s->as->a[test_question("sauvegardes.hors_ligne")->index].kind,
	                 VG_ANS_OPTION);
	assert_int_equal(s->as->a[test_question("ctx.serveur")->index].kind, VG_ANS_NONE);
	free(migrated);
	session_free(s);
	free(json);
}

static void test_save_replaces_atomically_and_leaves_no_temp_file(void **state)
{
	char *sub = vg_asprintf("%s/atomic", test_dir), *path = vg_asprintf("%s/s.json", sub);
	struct session *s = test_filled(path), *back;
	struct vg_err err = {0};
	char *before, *migrated;
	size_t len;
	struct dirent *e;
	DIR *d;
	int files = 0;

	(void)state;
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(session_save(s, &err), 0);
	assert_int_equal(vg_read_file(path, 1 << 20, true, &before, &len, &err), 0);
	/* A directory that refuses new files: the save fails, the old file stays whole. */
	assert_int_equal(chmod(sub, 0500), 0);
	s->as->a[0].kind = VG_ANS_UNKNOWN;
	if (geteuid() != 0) {
		char *after;

		assert_int_equal(session_save(s, &err), -1);
		assert_int_equal(vg_read_file(path, 1 << 20, true, &after, &len, &err), 0);
		assert_string_equal(before, after);
		free(after);
	}
	assert_int_equal(chmod(sub, 0700), 0);
	assert_int_equal(session_save(s, &err), 0);
	assert_int_equal(session_load(test_q, path, &back, &migrated, &err), 0);
	assert_int_equal(back->as->a[0].kind, VG_ANS_UNKNOWN);
	d = opendir(sub);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' || strncmp(e->d_name, ".vigie-tmp", 10) == 0)
			files++;
	closedir(d);
	assert_int_equal(files, 1);
	session_free(back);
	session_free(s);
	free(before);
	free(path);
	free(sub);
}

static void test_deferred_save_is_in_place_before_the_sync(void **state)
{
	char *path = vg_asprintf("%s/deferred.json", test_dir), *migrated;
	struct session *s = test_filled(path), *back;
	struct vg_err err = {0};

	(void)state;
	s->defer_sync = true;
	assert_int_equal(session_save(s, &err), 0);
	assert_true(s->unsynced);
	/* Renamed into place already: a process killed now loses nothing. */
	assert_int_equal(session_load(test_q, path, &back, &migrated, &err), 0);
	test_assert_same(s, back);
	assert_int_equal(session_sync(s, &err), 0);
	assert_false(s->unsynced);
	session_free(back);
	session_free(s);
	unlink(path);
	free(path);
}

static void test_symlinked_session_is_refused(void **state)
{
	char *path = vg_asprintf("%s/link.json", test_dir), *migrated;
	struct session *s;
	struct vg_err err = {0};

	(void)state;
	assert_int_equal(symlink(TEST_DATA_DIR "/session/good-decouverte.json", path), 0);
	assert_int_equal(session_load(test_q, path, &s, &migrated, &err), -1);
	unlink(path);
	free(path);
}

static void test_default_path_creates_private_directories(void **state)
{
	char *xdg = vg_asprintf("%s/state", test_dir), *path, *want, *vdir;
	struct vg_err err = {0};
	struct stat st;

	(void)state;
	setenv("XDG_STATE_HOME", xdg, 1);
	assert_int_equal(session_default_path("decouverte", &path, &err), 0);
	want = vg_asprintf("%s/vigie/session-decouverte.json", xdg);
	assert_string_equal(path, want);
	vdir = vg_asprintf("%s/vigie", xdg);
	assert_int_equal(stat(vdir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(vdir);
	free(want);
	free(path);
	free(xdg);
}

static void test_backup_renames_the_old_session(void **state)
{
	char *path = vg_asprintf("%s/b.json", test_dir), *backup;
	struct session *s = test_filled(path);
	struct vg_err err = {0};

	(void)state;
	assert_int_equal(session_backup(path, &backup, &err), 0);
	assert_null(backup); /* nothing to keep yet */
	assert_int_equal(session_save(s, &err), 0);
	assert_int_equal(session_backup(path, &backup, &err), 0);
	assert_non_null(backup);
	assert_non_null(strstr(backup, ".bak"));
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(access(backup, F_OK), 0);
	free(backup);
	session_free(s);
	free(path);
}

static void test_answers_export_loads_back_as_the_same_answers(void **state)
{
	struct session *s = test_filled(NULL);
	char *yaml = session_answers_yaml(s->as);
	struct vg_answers *back;
	struct vg_err err = {0};

	(void)state;
	if (yaml_load_answers(test_q, "export.yaml", yaml, strlen(yaml), &back, &err) != 0)
		fail_msg("%s\n%s", err.msg, yaml);
	for (size_t i = 0; i < test_q->nall; i++) {
		assert_int_equal(s->as->a[i].kind, back->a[i].kind);
		assert_ptr_equal(s->as->a[i].option, back->a[i].option);
		if (s->as->a[i].kind != VG_ANS_NONE && s->as->a[i].note != NULL)
			assert_string_equal(s->as->a[i].note, back->a[i].note);
	}
	assert_string_equal(back->org.name, "Mairie de Saint-Été");
	model_answers_free(back);
	free(yaml);
	session_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip_keeps_answers_notes_marks_and_position),
	    cmocka_unit_test(test_check_evidence_and_machine_survive_a_resume),
	    cmocka_unit_test(test_hostile_evidence_detail_is_refused_with_where),
	    cmocka_unit_test(test_save_then_load_from_disk_is_mode_0600),
	    cmocka_unit_test(test_corrupt_file_is_refused_with_position_and_what_to_do),
	    cmocka_unit_test(test_every_bad_corpus_file_is_refused),
	    cmocka_unit_test(test_good_corpus_file_loads),
	    cmocka_unit_test(test_unknown_option_is_refused_when_questionnaire_is_the_same),
	    cmocka_unit_test(test_na_without_note_is_refused),
	    cmocka_unit_test(test_changed_questionnaire_migrates_by_question_id),
	    cmocka_unit_test(test_save_replaces_atomically_and_leaves_no_temp_file),
	    cmocka_unit_test(test_deferred_save_is_in_place_before_the_sync),
	    cmocka_unit_test(test_symlinked_session_is_refused),
	    cmocka_unit_test(test_default_path_creates_private_directories),
	    cmocka_unit_test(test_backup_renames_the_old_session),
	    cmocka_unit_test(test_answers_export_loads_back_as_the_same_answers),
	};

	return cmocka_run_group_tests(tests, test_setup, test_teardown);
}
