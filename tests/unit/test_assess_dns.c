/* Unit tests of the assessment's domain check (assess_dns_guess, assess_dns_run): the
 * domain guessed from the addresses typed in the checks step, and a resolver that cannot
 * be reached giving evidence that caps nothing. The findings themselves are tested against
 * real zones in tests/cli/dns.sh. */
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
#include <unistd.h>

#include <cmocka.h>

#include "assess_checks.h"
#include "cli.h"

static struct vg_questionnaire *test_communes;

static int test_setup(void **state)
{
	struct vg_err err = {0};

	(void)state;
	if (cli_load_questionnaire("communes", &test_communes, &err) != 0) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int test_teardown(void **state)
{
	(void)state;
	model_questionnaire_free(test_communes);
	return 0;
}

static void test_domain_is_guessed_from_the_addresses(void **state)
{
	char d[256];

	(void)state;
	assert_int_equal(assess_dns_guess("www.Mairie-Exemple.fr", NULL, d, sizeof d), 0);
	assert_string_equal(d, "mairie-exemple.fr");
	assert_int_equal(
	    assess_dns_guess("www.ville.fr:8443", "smtp://mail.ville.fr:587", d, sizeof d), 0);
	assert_string_equal(d, "ville.fr");
	/* An e-mail address beats the website: it is the domain the mail comes from. */
	assert_int_equal(
	    assess_dns_guess("site.exemple.com", "secretariat@mairie-x.fr", d, sizeof d), 0);
	assert_string_equal(d, "mairie-x.fr");
	assert_int_equal(assess_dns_guess(NULL, "mail.mairie-y.fr", d, sizeof d), 0);
	assert_string_equal(d, "mairie-y.fr");
	/* "www.fr" keeps its label: there is no domain left without it. */
	assert_int_equal(assess_dns_guess("www.fr", NULL, d, sizeof d), 0);
	assert_string_equal(d, "www.fr");
}

static void test_addresses_without_a_domain_give_none(void **state)
{
	char d[256];

	(void)state;
	assert_int_equal(assess_dns_guess(NULL, NULL, d, sizeof d), -1);
	assert_int_equal(assess_dns_guess("192.0.2.10:443", "[2001:db8::1]:25", d, sizeof d), -1);
	assert_int_equal(assess_dns_guess("intranet", "", d, sizeof d), -1);
}

/* A loopback UDP port with nothing behind it. */
static unsigned test_closed_port(void)
{
	struct sockaddr_in in = {.sin_family = AF_INET};
	socklen_t len = sizeof in;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&in, sizeof in), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&in, &len), 0);
	close(fd);
	return ntohs(in.sin_port);
}

static void test_unreachable_resolver_is_evidence_without_cap(void **state)
{
	struct vg_evidence ev[ASSESS_DNS_MAX];
	char *texts[2 * ASSESS_DNS_MAX] = {0};
	char resolver[64];
	struct assess_dns dns = {.domain = "mairie-exemple.fr",
	                         .resolver = resolver,
	                         .trust_anchor = "/dev/null",
	                         .timeout_ms = 2000};
	struct vg_err err = {0};
	size_t n = 0;

	(void)state;
	snprintf(resolver, sizeof resolver, "127.0.0.1@%u", test_closed_port());
	assert_int_equal(assess_dns_run(test_communes, &dns, VG_LANG_FR, ev, &n, texts, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(ev[0].check_id, "dns.spf_dkim_dmarc");
	assert_string_equal(ev[0].informs[0], "messagerie_web.spf_dkim_dmarc");
	assert_string_equal(ev[1].informs[0], "messagerie_web.messagerie_tls");
	assert_string_equal(ev[2].check_id, "dns.starttls");
	assert_string_equal(ev[2].informs[0], "messagerie_web.messagerie_tls");
	assert_string_equal(ev[3].informs[0], "messagerie_web.nom_domaine");
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(ev[i].status, VG_CHECK_ERROR);
		assert_int_equal(ev[i].cap, -1);
		assert_non_null(strstr(ev[i].reason.fr, "refuse les connexions"));
		assert_non_null(strstr(ev[i].reason.en, "refuses connections"));
	}
	for (size_t i = 0; i < 2 * n; i++)
		free(texts[i]);
}

static void test_bad_resolver_is_refused(void **state)
{
	struct vg_evidence ev[ASSESS_DNS_MAX];
	char *texts[2 * ASSESS_DNS_MAX] = {0};
	struct assess_dns dns = {.domain = "mairie-exemple.fr", .resolver = "resolver.example"};
	struct vg_err err = {0};
	size_t n = 0;

	(void)state;
	assert_int_equal(assess_dns_run(test_communes, &dns, VG_LANG_FR, ev, &n, texts, &err), -1);
	assert_non_null(strstr(err.msg, "n'est pas une adresse IP"));
	assert_int_equal(n, 0);
	dns = (struct assess_dns){.domain = "mairie exemple.fr"};
	assert_int_equal(assess_dns_run(test_communes, &dns, VG_LANG_FR, ev, &n, texts, &err), -1);
	assert_non_null(strstr(err.msg, "n'est pas un nom de domaine"));
}

/* The DNS fixtures of tests/dns/fixtures.sh, started for the test below. */
static char fx_dir[] = "/tmp/vigie-test-assess-dns-XXXXXX";
static char *fx_smtp, *fx_smtp_plain;
static char *fx_resolver, *fx_anchor, *fx_ca; /* heap */

static void fx_shell(const char *fn)
{
	char *cmd = vg_asprintf("DNSFX_SELF='%s/tests/dns/fixtures.sh'; . \"$DNSFX_SELF\"; "
	                        "DNSFX_DIR='%s/fx'; %s '%s/fx' >'%s/log' 2>&1",
	                        TEST_SOURCE_DIR, fx_dir, fn, fx_dir, fx_dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

static int fx_setup(void **state)
{
	char *env;
	FILE *f;
	char line[4096];

	(void)state;
	if (mkdtemp(fx_dir) == NULL)
		return -1;
	fx_shell("dnsfx_start");
	env = vg_asprintf("%s/fx/env", fx_dir);
	f = fopen(env, "r");
	free(env);
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "RESOLVER=", 9) == 0)
			fx_resolver = vg_strdup(line + 9);
		else if (strncmp(line, "ANCHOR=", 7) == 0)
			fx_anchor = vg_strdup(line + 7);
		else if (strncmp(line, "CA=", 3) == 0)
			fx_ca = vg_strdup(line + 3);
		else if (strncmp(line, "STS_PORT=", 9) == 0)
			setenv("VIGIE_TEST_MTA_STS_PORT", line + 9, 1);
		else if (strncmp(line, "SMTP_PORT=", 10) == 0)
			fx_smtp = vg_strdup(line + 10);
		else if (strncmp(line, "SMTP_PLAIN=", 11) == 0)
			fx_smtp_plain = vg_strdup(line + 11);
	}
	fclose(f);
	if (fx_smtp == NULL || fx_smtp_plain == NULL)
		return -1;
	/* The mail servers' STARTTLS is probed on the fixture's good SMTP server. */
	setenv("VIGIE_TEST_SMTP_PORT", fx_smtp, 1);
	return fx_resolver != NULL && fx_anchor != NULL && fx_ca != NULL ? 0 : -1;
}

static int fx_teardown(void **state)
{
	char *cmd;

	(void)state;
	fx_shell("dnsfx_stop");
	cmd = vg_asprintf("sleep 0.3; rm -rf '%s'", fx_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fx_dir);
	free(cmd);
	free(fx_resolver);
	free(fx_anchor);
	free(fx_ca);
	free(fx_smtp);
	free(fx_smtp_plain);
	return 0;
}

/* Runs the domain check on a fixture zone: the caps of its evidence (-1: none). */
static void fx_caps(const char *zone, int spf, int sts, int tls, int sec)
{
	struct vg_evidence ev[ASSESS_DNS_MAX];
	char *texts[2 * ASSESS_DNS_MAX] = {0};
	struct assess_dns dns = {.domain = zone,
	                         .resolver = fx_resolver,
	                         .trust_anchor = fx_anchor,
	                         .ca_file = fx_ca,
	                         .timeout_ms = 3000};
	struct vg_err err = {0};
	size_t n = 0;

	assert_int_equal(assess_dns_run(test_communes, &dns, VG_LANG_FR, ev, &n, texts, &err), 0);
	assert_int_equal(n, 4);
	assert_int_equal(ev[0].cap, spf);
	assert_int_equal(ev[1].cap, sts);
	assert_int_equal(ev[2].cap, tls);
	assert_int_equal(ev[3].cap, sec);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(ev[i].status, ev[i].cap < 0 ? VG_CHECK_PASS : VG_CHECK_FAIL);
		assert_non_null(strstr(ev[i].reason.fr, zone));
	}
	for (size_t i = 0; i < 2 * n; i++)
		free(texts[i]);
}

static void test_findings_cap_the_questions_they_inform(void **state)
{
	(void)state;
	fx_caps("good.vigietest", -1, -1, -1, -1);
	fx_caps("nospf.vigietest", 0, -1, -1, -1);     /* spf_missing, high */
	fx_caps("nodmarc.vigietest", 1, -1, -1, -1);   /* dmarc_missing, medium */
	fx_caps("dmarcnone.vigietest", 2, -1, -1, -1); /* dmarc_none, low */
	fx_caps("nodkim.vigietest", -1, -1, -1, -1);   /* not found is no proof: no cap */
	fx_caps("ststesting.vigietest", -1, 2, -1, -1);
	fx_caps("stsnopolicy.vigietest", -1, 1, -1, -1);
	fx_caps("unsigned.vigietest", -1, -1, -1, 2);
	fx_caps("bogus.vigietest", -1, -1, -1, 2); /* high, but dns.dnssec caps at 2 at most */
	/* A mail server without STARTTLS: high, capped at 0 as TLS evidence is. */
	setenv("VIGIE_TEST_SMTP_PORT", fx_smtp_plain, 1);
	fx_caps("good.vigietest", -1, -1, 0, -1);
	setenv("VIGIE_TEST_SMTP_PORT", fx_smtp, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_domain_is_guessed_from_the_addresses),
	    cmocka_unit_test(test_addresses_without_a_domain_give_none),
	    cmocka_unit_test(test_unreachable_resolver_is_evidence_without_cap),
	    cmocka_unit_test(test_bad_resolver_is_refused),
	};

	const struct CMUnitTest fx_tests[] = {
	    cmocka_unit_test_setup_teardown(test_findings_cap_the_questions_they_inform, fx_setup,
	                                    fx_teardown),
	};

	return cmocka_run_group_tests(tests, test_setup, NULL) +
	       cmocka_run_group_tests(fx_tests, NULL, test_teardown);
}
