/* Unit tests of the store module: CSV and HTML escaping, date filters, and a real SQLite
 * store in a scratch directory (import, idempotence, summary, history, reopening). */
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

#include "scorecard.h"
#include "store.h"

/* CSV of one field, as a string the test frees. */
static char *csv(const char *s)
{
	struct vg_buf b;

	vg_buf_init(&b, 1 << 16);
	assert_int_equal(store_csv_field(&b, s), 0);
	if (b.data == NULL)
		return vg_strdup("");
	return b.data;
}

static void check_csv(const char *in, const char *want)
{
	char *got = csv(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_csv_plain_field_is_left_alone(void **state)
{
	(void)state;
	check_csv("Mairie de Saint-Exemple", "Mairie de Saint-Exemple");
	check_csv("01999", "01999");
	check_csv("", "");
}

static void test_csv_comma_quote_and_newline_are_quoted(void **state)
{
	(void)state;
	check_csv("Saint-Pierre, Miquelon", "\"Saint-Pierre, Miquelon\"");
	check_csv("dit \"le bourg\"", "\"dit \"\"le bourg\"\"\"");
	check_csv("ligne 1\nligne 2", "\"ligne 1\nligne 2\"");
	check_csv("a\r\nb", "\"a\r\nb\"");
}

static void test_csv_formula_prefixes_are_neutralised(void **state)
{
	(void)state;
	check_csv("=1+1", "'=1+1");
	check_csv("+33 1 23", "'+33 1 23");
	check_csv("-2", "'-2");
	check_csv("@SUM(A1)", "'@SUM(A1)");
	check_csv("\tx", "\"'\tx\""); /* a tab is a separator too: quoted (issue 16) */
	/* Neutralised and quoted together: the quote comes first, then the apostrophe. */
	check_csv("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	/* Only the first character counts. */
	check_csv("a=b", "a=b");
}

/* Issue 16, point 6: French Excel splits on ';' (and tab); before, "Mairie;=2+3;x" was
 * written bare and became three cells, the middle one a formula. Quoted now, and a formula
 * start after any separator neutralised too, for readers that split inside quotes. */
static void test_csv_semicolon_and_tab_are_quoted_and_neutralised(void **state)
{
	(void)state;
	check_csv("Mairie;=2+3;x", "\"Mairie;'=2+3;x\"");
	check_csv("a\tb", "\"a\tb\"");
	check_csv("a;b", "\"a;b\"");
	check_csv("x,@SUM(A1)", "\"x,'@SUM(A1)\"");
	check_csv("x;\t-1", "\"x;'\t'-1\"");
}

static void test_csv_null_is_an_empty_field(void **state)
{
	struct vg_buf b;

	(void)state;
	vg_buf_init(&b, 16);
	assert_int_equal(store_csv_field(&b, NULL), 0);
	assert_int_equal(b.len, 0);
	vg_buf_free(&b);
}

static void test_csv_refuses_to_grow_past_the_maximum(void **state)
{
	struct vg_buf b;

	(void)state;
	vg_buf_init(&b, 4);
	assert_int_equal(store_csv_field(&b, "a,b,c,d"), -1);
	vg_buf_free(&b);
}

/* Issue 16, point 4: "\u0073core" is "score" to vigie's reader and to jansson, and no key
 * to SQLite's JSON paths: summary and report read two documents from one signed file.
 * Escapes in keys are refused at import; in values they are fine. */
static void test_escaped_json_keys_are_refused(void **state)
{
	struct vg_err err = {0};
	const char *bad = "{\"a\": 1,\n \"\\u0073cores\" : {\"x\": \"\\\"\"}}";
	const char *good = "{\"a\": \"\\u0073:\\\"\", \"b\": [\"\\\\\", \"c\"], \"d\":\"\"}";

	(void)state;
	assert_int_equal(store_json_keys_plain(bad, strlen(bad), &err), -1);
	assert_non_null(strstr(err.msg, "ligne 2 : la clé « \\u0073cores »"));
	assert_int_equal(store_json_keys_plain(good, strlen(good), &err), 0);
}

static void test_html_escapes_markup_and_quotes(void **state)
{
	struct vg_buf b;

	(void)state;
	vg_buf_init(&b, 1 << 10);
	assert_int_equal(store_html_escape(&b, "<script>alert('x') & \"y\"</script>"), 0);
	assert_string_equal(b.data, "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/"
	                            "script&gt;");
	vg_buf_free(&b);
}

static void test_terminal_text_loses_control_characters(void **state)
{
	struct vg_buf b;

	(void)state;
	vg_buf_init(&b, 1 << 10);
	assert_string_equal(store_term(&b, "Mairie\x1b[2J d\u2019Aval\x7f\xc2\x9b."),
	                    "Mairie\\x1B[2J d\u2019Aval\\x7F\\u009B.");
	/* Bidi controls too (issue 16, point 9): a name cannot reorder the line. */
	assert_string_equal(store_term(&b, "ab\u202Ecd\u2066"), "ab\\u202Ecd\\u2066");
	assert_string_equal(store_term(&b, "Évian-les-Bains"), "Évian-les-Bains");
	assert_string_equal(store_term(&b, NULL), "");
	vg_buf_free(&b);
}

static void test_date_filter_accepts_only_real_dates(void **state)
{
	(void)state;
	assert_true(store_date_ok("2025-11-29"));
	assert_true(store_date_ok("2024-02-29"));
	assert_false(store_date_ok("2025-13-01"));
	assert_false(store_date_ok("2025-04-31"));
	assert_false(store_date_ok("2025-1-01"));
	assert_false(store_date_ok("2025-11-29x"));
	assert_false(store_date_ok("29/11/2025"));
	assert_false(store_date_ok(""));
}

/* ---- a real store ---- */

struct fixture {
	char dir[64];
	char db[96];
	struct scorecard *sc;
	char *data;
	size_t len;
};

static int setup(void **state)
{
	struct fixture *f = vg_calloc(1, sizeof *f);
	struct vg_err err = {0};

	snprintf(f->dir, sizeof f->dir, "%s", "test_store.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof f->db, "%s/store.db", f->dir);
	if (vg_read_file(TEST_DATA_DIR "/scorecard/good-saint-exemple.json", SCORECARD_MAX_FILE,
	                 false, &f->data, &f->len, &err) != 0 ||
	    scorecard_read(f->data, f->len, &f->sc, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char path[160];

	snprintf(path, sizeof path, "%s-wal", f->db);
	unlink(path);
	snprintf(path, sizeof path, "%s-shm", f->db);
	unlink(path);
	unlink(f->db);
	rmdir(f->dir);
	scorecard_free(f->sc);
	free(f->data);
	free(f);
	return 0;
}

static struct store_item item(const struct fixture *f)
{
	struct store_item it = {"card.json",
	                        f->data,
	                        f->len,
	                        f->sc,
	                        "minisig",
	                        "sig",
	                        3,
	                        "Mairie de Saint-Exemple",
	                        "ABCDEF0123456789",
	                        "2025-11-29T05:00:00Z",
	                        NULL};

	return it;
}

static void test_store_is_created_0600_and_imports_once(void **state)
{
	struct fixture *f = *state;
	struct store_item it = item(f);
	enum store_outcome out;
	struct vg_err err = {0};
	struct store *st;
	struct stat sb;

	assert_int_equal(store_open(f->db, true, &st, &err), 0);
	assert_int_equal(stat(f->db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(store_import(st, &it, &out, &err), 0);
	assert_int_equal(out, STORE_IMPORTED);
	assert_int_equal(store_import(st, &it, &out, &err), 0);
	assert_int_equal(out, STORE_PRESENT);
	store_close(st);
	/* Reopening finds the schema already there and the scorecard still present. */
	assert_int_equal(store_open(f->db, false, &st, &err), 0);
	assert_int_equal(store_import(st, &it, &out, &err), 0);
	assert_int_equal(out, STORE_PRESENT);
	store_close(st);
}

static void test_store_missing_is_not_created_without_create(void **state)
{
	struct fixture *f = *state;
	struct vg_err err = {0};
	struct store *st;

	assert_int_equal(store_open(f->db, false, &st, &err), -1);
	assert_null(st);
	assert_non_null(strstr(err.msg, "base introuvable"));
	assert_int_equal(access(f->db, F_OK), -1);
}

static void test_store_symlink_is_refused(void **state)
{
	struct fixture *f = *state;
	struct vg_err err = {0};
	struct store *st;
	char link[160];

	snprintf(link, sizeof link, "%s/link.db", f->dir);
	assert_int_equal(symlink("store.db", link), 0);
	assert_int_equal(store_open(link, true, &st, &err), -1);
	assert_non_null(strstr(err.msg, "lien symbolique"));
	unlink(link);
}

static void test_summary_and_history_read_back_the_import(void **state)
{
	struct fixture *f = *state;
	struct store_item it = item(f);
	struct store_filter all = {NULL, NULL, NULL, NULL};
	struct store_filter other = {"communes", NULL, NULL, NULL};
	struct store_filter later = {NULL, "2025-11-30", NULL, NULL};
	struct store_summary *s;
	struct store_history *h;
	enum store_outcome out;
	struct vg_err err = {0};
	struct store *st;

	assert_int_equal(store_open(f->db, true, &st, &err), 0);
	assert_int_equal(store_import(st, &it, &out, &err), 0);
	assert_int_equal(store_summary(st, &all, &s, &err), 0);
	assert_int_equal(s->norgs, 1);
	assert_int_equal(s->scorecards, 1);
	assert_string_equal(s->orgs[0].insee, "01999");
	assert_string_equal(s->orgs[0].grade, f->sc->grade);
	assert_false(s->orgs[0].has_prev);
	assert_int_equal(s->ndomains, f->sc->ndomains);
	assert_true(s->ngaps > 0 && s->ngaps <= 6);
	assert_int_equal(s->gaps[0].count, 1);
	store_summary_free(s);
	assert_int_equal(store_summary(st, &other, &s, &err), 0);
	assert_int_equal(s->norgs, 0);
	store_summary_free(s);
	assert_int_equal(store_summary(st, &later, &s, &err), 0);
	assert_int_equal(s->norgs, 0);
	store_summary_free(s);
	assert_int_equal(store_history(st, "01999", &h, &err), 0);
	assert_int_equal(h->nrows, 1);
	assert_string_equal(h->rows[0].signer, "Mairie de Saint-Exemple");
	store_history_free(h);
	assert_int_equal(store_history(st, "mairie de saint-exemple", &h, &err), 0);
	assert_int_equal(h->nrows, 1);
	store_history_free(h);
	assert_int_equal(store_history(st, "99999", &h, &err), 0);
	assert_int_equal(h->nrows, 0);
	store_history_free(h);
	store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_plain_field_is_left_alone),
	    cmocka_unit_test(test_csv_comma_quote_and_newline_are_quoted),
	    cmocka_unit_test(test_csv_formula_prefixes_are_neutralised),
	    cmocka_unit_test(test_csv_semicolon_and_tab_are_quoted_and_neutralised),
	    cmocka_unit_test(test_csv_null_is_an_empty_field),
	    cmocka_unit_test(test_escaped_json_keys_are_refused),
	    cmocka_unit_test(test_csv_refuses_to_grow_past_the_maximum),
	    cmocka_unit_test(test_html_escapes_markup_and_quotes),
	    cmocka_unit_test(test_terminal_text_loses_control_characters),
	    cmocka_unit_test(test_date_filter_accepts_only_real_dates),
	    cmocka_unit_test_setup_teardown(test_store_is_created_0600_and_imports_once, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_store_missing_is_not_created_without_create, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_store_symlink_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_summary_and_history_read_back_the_import, setup,
	                                    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
