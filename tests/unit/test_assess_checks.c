/* Unit tests of assess_checks: which checks inform a questionnaire, and their results as
 * evidence that outlives nothing it points into. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "assess_checks.h"
#include "cli.h"

static struct vg_questionnaire *test_communes, *test_decouverte;
static char test_dir[] = "/tmp/vigie-test-assess-checks-XXXXXX";

/* Writes text to test_dir/rel with mode. */
static void test_put(const char *rel, const char *text, mode_t mode)
{
	char *p = vg_asprintf("%s/%s", test_dir, rel);
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	assert_int_equal(chmod(p, mode), 0);
	free(p);
}

static int test_setup(void **state)
{
	struct vg_err err = {0};
	char *d;

	(void)state;
	if (cli_load_questionnaire("communes", &test_communes, &err) != 0 ||
	    cli_load_questionnaire("decouverte", &test_decouverte, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	if (mkdtemp(test_dir) == NULL)
		return -1;
	d = vg_asprintf("%s/etc", test_dir);
	mkdir(d, 0755);
	free(d);
	d = vg_asprintf("%s/srv", test_dir);
	mkdir(d, 0755);
	free(d);
	return 0;
}

static int test_teardown(void **state)
{
	char *cmd = vg_asprintf("rm -rf '%s'", test_dir);

	(void)state;
	model_questionnaire_free(test_communes);
	model_questionnaire_free(test_decouverte);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", test_dir);
	free(cmd);
	return 0;
}

static void test_only_checks_informing_the_questionnaire_count(void **state)
{
	(void)state;
	assert_true(assess_checks_count(test_communes, NULL) > 0);
	assert_int_equal(assess_checks_count(test_decouverte, NULL), 0);
	assert_int_equal(assess_checks_count(test_communes, "no-such-profile"), 0);
}

static void test_no_informing_check_runs_nothing(void **state)
{
	struct vg_evidence *ev = (struct vg_evidence *)1;
	struct vg_err err = {0};
	size_t nev = 99;

	(void)state;
	assert_int_equal(assess_checks_run(test_decouverte, NULL, NULL, "/nonexistent-root", NULL,
	                                   VG_LANG_FR, NULL, &ev, &nev, &err),
	                 0);
	assert_null(ev);
	assert_int_equal(nev, 0);
}

static void test_root_that_cannot_be_opened_is_an_error(void **state)
{
	struct vg_evidence *ev = NULL;
	struct vg_err err = {0};
	size_t nev = 0;

	(void)state;
	assert_int_equal(assess_checks_run(test_communes, NULL, NULL, "/nonexistent-root", NULL,
	                                   VG_LANG_EN, NULL, &ev, &nev, &err),
	                 -1);
	assert_non_null(strstr(err.msg, "/nonexistent-root"));
	assert_null(ev);
}

/* What a progress callback saw. */
struct progress_seen {
	size_t calls, last_done, last_total;
	bool in_order;
	char last_what[64];
};

static void progress_record(void *arg, size_t done, size_t total, const char *what)
{
	struct progress_seen *s = arg;

	if (done != s->calls || done > total)
		s->in_order = false;
	s->calls++;
	s->last_done = done;
	s->last_total = total;
	snprintf(s->last_what, sizeof s->last_what, "%s", what);
}

static bool test_stop_now(void *arg)
{
	(void)arg;
	return true;
}

/* Says stop at the first report of a tree scan; counts the reports. */
static bool test_scan_stop(void *arg, size_t examined, const char *where)
{
	size_t *n = arg;

	(void)examined;
	assert_true(where[0] == '/');
	(*n)++;
	return false;
}

static void test_interrupted_checks_are_skipped_and_cap_nothing(void **state)
{
	struct vg_evidence *ev = NULL;
	struct vg_err err = {0};
	size_t nev = 0, scans = 0;
	struct assess_progress stop = {NULL, NULL, test_stop_now, NULL};
	struct assess_progress scan = {NULL, test_scan_stop, NULL, &scans};
	char name[64];

	(void)state;
	test_put("etc/passwd", "root:x:0:0::/root:/bin/sh\n", 0644);
	test_put("etc/group", "root:x:0:\n", 0644);
	/* Enough entries for the walk to report at least once. */
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "srv/f%03d", i);
		test_put(name, "x", 0666);
	}
	/* Interrupted before the first check: every check is evidence, not run. */
	assert_int_equal(assess_checks_run(test_communes, NULL, NULL, test_dir, NULL, VG_LANG_FR,
	                                   &stop, &ev, &nev, &err),
	                 0);
	assert_int_equal(nev, assess_checks_count(test_communes, NULL));
	for (size_t i = 0; i < nev; i++) {
		assert_int_equal(ev[i].status, VG_CHECK_SKIPPED);
		assert_int_equal(ev[i].cap, -1);
		assert_string_equal(ev[i].reason.fr, ASSESS_NOT_RUN_FR);
	}
	assess_checks_free(ev, nev);
	/* Interrupted during the tree scan: the scan does not cap, though files are open. */
	assert_int_equal(assess_checks_run(test_communes, NULL, NULL, test_dir, NULL, VG_LANG_FR,
	                                   &scan, &ev, &nev, &err),
	                 0);
	assert_int_equal(scans, 1);
	for (size_t i = 0; i < nev; i++) {
		if (strcmp(ev[i].check_id, "arbo.droits") != 0)
			continue;
		assert_int_equal(ev[i].status, VG_CHECK_SKIPPED);
		assert_int_equal(ev[i].cap, -1);
		assert_string_equal(ev[i].reason.en, ASSESS_NOT_RUN_EN);
	}
	assess_checks_free(ev, nev);
}

static void test_world_writable_file_caps_what_the_tree_scan_informs(void **state)
{
	struct vg_evidence *ev = NULL;
	struct vg_err err = {0};
	const struct vg_evidence *tree = NULL;
	char *pw = vg_asprintf("root:x:0:0::/root:/bin/sh\nrunner:x:%u:%u::/:/bin/sh\n",
	                       (unsigned)getuid(), (unsigned)getgid());
	char *gr = vg_asprintf("root:x:0:\nrunner:x:%u:\n", (unsigned)getgid());
	size_t nev = 0;
	struct progress_seen seen = {0, 0, 0, true, ""};
	struct assess_progress pg = {progress_record, NULL, NULL, &seen};

	(void)state;
	test_put("etc/passwd", pw, 0644);
	test_put("etc/group", gr, 0644);
	test_put("srv/budget.ods", "x", 0666);
	assert_int_equal(assess_checks_run(test_communes, NULL, NULL, test_dir, NULL, VG_LANG_FR,
	                                   &pg, &ev, &nev, &err),
	                 0);
	assert_int_equal(nev, assess_checks_count(test_communes, NULL));
	/* One report as each check starts, in order, then one saying all are done. */
	assert_int_equal(seen.calls, nev + 1);
	assert_int_equal(seen.last_done, nev);
	assert_int_equal(seen.last_total, nev);
	assert_true(seen.in_order);
	assert_string_equal(seen.last_what, "");
	for (size_t i = 0; i < nev; i++)
		if (strcmp(ev[i].check_id, "arbo.droits") == 0)
			tree = &ev[i];
	assert_non_null(tree);
	assert_int_equal(tree->status, VG_CHECK_FAIL);
	assert_int_equal(tree->cap, 0);
	assert_int_equal(tree->ninforms, 2);
	assert_string_equal(tree->informs[0], "comptes.droits_serveur");
	assert_non_null(tree->reason.fr);
	assess_checks_free(ev, nev);
	assess_checks_free(NULL, 0);
	free(pw);
	free(gr);
}

/* A TCP port of 127.0.0.1 that was free a moment ago and on which nothing listens. */
static unsigned test_closed_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

static void test_unreachable_website_and_mail_are_errors_that_cap_nothing(void **state)
{
	char *site = vg_asprintf("127.0.0.1:%u", test_closed_port());
	char *mail = vg_asprintf("smtp://127.0.0.1:%u", test_closed_port());
	struct assess_tls tls = {.site = site, .mail = mail};
	struct vg_evidence *ev = NULL;
	struct vg_err err = {0};
	size_t nev = 0;

	(void)state;
	assert_int_equal(assess_checks_run(test_communes, NULL, NULL, NULL, &tls, VG_LANG_FR, NULL,
	                                   &ev, &nev, &err),
	                 0);
	assert_int_equal(nev, 2);
	assert_string_equal(ev[0].check_id, "tls.site");
	assert_string_equal(ev[0].informs[0], "messagerie_web.site_https");
	assert_string_equal(ev[1].check_id, "tls.mail");
	assert_string_equal(ev[1].informs[0], "messagerie_web.messagerie_tls");
	for (size_t i = 0; i < 2; i++) {
		assert_int_equal(ev[i].status, VG_CHECK_ERROR);
		assert_int_equal(ev[i].cap, -1);
	}
	assert_non_null(strstr(ev[0].reason.fr, site));
	assess_checks_free(ev, nev);
	free(site);
	free(mail);
}

static void test_mail_host_alone_is_probed_on_submission_and_imaps(void **state)
{
	struct assess_tls tls = {.mail = "127.0.0.1"};
	struct vg_evidence *ev = NULL;
	struct vg_err err = {0};
	size_t nev = 0;

	(void)state;
	assert_int_equal(assess_checks_run(test_communes, NULL, NULL, NULL, &tls, VG_LANG_EN, NULL,
	                                   &ev, &nev, &err),
	                 0);
	assert_int_equal(nev, 1);
	assert_string_equal(ev[0].check_id, "tls.mail");
	/* Nothing listens on either in the test environment: both are named as errors, one
	 * per line, whole. */
	assert_non_null(strstr(ev[0].reason.en, "127.0.0.1:587"));
	assert_non_null(strstr(ev[0].reason.en, "127.0.0.1:993"));
	assert_non_null(strchr(ev[0].reason.en, '\n'));
	assert_non_null(strstr(strchr(ev[0].reason.en, '\n'), "127.0.0.1:993"));
	assert_null(strstr(ev[0].reason.en, "; 127.0.0.1"));
	assess_checks_free(ev, nev);
}

static void
test_bad_target_is_refused_and_a_questionnaire_without_the_question_probes_nothing(void **state)
{
	struct assess_tls bad = {.site = "smtp://"}, unused = {.site = "127.0.0.1:1"};
	struct vg_evidence *ev = NULL;
	struct vg_err err = {0};
	size_t nev = 0;

	(void)state;
	assert_int_equal(assess_checks_run(test_communes, NULL, NULL, NULL, &bad, VG_LANG_FR, NULL,
	                                   &ev, &nev, &err),
	                 -1);
	assert_null(ev);
	assert_int_equal(assess_checks_run(test_decouverte, NULL, NULL, NULL, &unused, VG_LANG_FR,
	                                   NULL, &ev, &nev, &err),
	                 0);
	assert_int_equal(nev, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_only_checks_informing_the_questionnaire_count),
	    cmocka_unit_test(test_no_informing_check_runs_nothing),
	    cmocka_unit_test(test_root_that_cannot_be_opened_is_an_error),
	    cmocka_unit_test(test_world_writable_file_caps_what_the_tree_scan_informs),
	    cmocka_unit_test(test_interrupted_checks_are_skipped_and_cap_nothing),
	    cmocka_unit_test(test_unreachable_website_and_mail_are_errors_that_cap_nothing),
	    cmocka_unit_test(test_mail_host_alone_is_probed_on_submission_and_imaps),
	    cmocka_unit_test(
	        test_bad_target_is_refused_and_a_questionnaire_without_the_question_probes_nothing),
	};

	return cmocka_run_group_tests(tests, test_setup, test_teardown);
}
