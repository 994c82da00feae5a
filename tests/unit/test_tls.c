/* Unit tests of check/tls's pure parts: /proc/net/tcp lines and target arguments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "check/tls.h"

static void test_listening_ipv4_line_is_parsed(void **state)
{
	struct tls_listener l;
	const char *line = "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 "
	                   "00000000     0        0 12345 1 0000000000000000 100 0 0 10 0";
	char buf[INET_ADDRSTRLEN];

	(void)state;
	assert_int_equal(tls_procnet_parse_line(line, AF_INET, &l), 1);
	assert_int_equal(l.family, AF_INET);
	assert_int_equal(l.port, 8080);
	inet_ntop(AF_INET, l.addr, buf, sizeof buf);
	assert_string_equal(buf, "127.0.0.1");
}

static void test_listening_ipv6_line_is_parsed(void **state)
{
	struct tls_listener l;
	const char *line = "   1: 00000000000000000000000001000000:01BB "
	                   "00000000000000000000000000000000:0000 0A 00000000:00000000 "
	                   "00:00000000 00000000     0        0 99 1 0000000000000000 100 0 0 10 0";
	char buf[INET6_ADDRSTRLEN];

	(void)state;
	assert_int_equal(tls_procnet_parse_line(line, AF_INET6, &l), 1);
	assert_int_equal(l.port, 443);
	inet_ntop(AF_INET6, l.addr, buf, sizeof buf);
	assert_string_equal(buf, "::1");
}

static void test_header_and_other_states_are_skipped(void **state)
{
	struct tls_listener l;

	(void)state;
	assert_int_equal(
	    tls_procnet_parse_line("  sl  local_address rem_address   st tx_queue "
	                           "rx_queue tr tm->when retrnsmt   uid  timeout inode",
	                           AF_INET, &l),
	    0);
	assert_int_equal(tls_procnet_parse_line("   3: 0100007F:1F90 0100007F:D2F0 01 "
	                                        "00000000:00000000 00:00000000 00000000 0 0 1",
	                                        AF_INET, &l),
	                 0);
	assert_int_equal(tls_procnet_parse_line("", AF_INET, &l), 0);
}

static void test_hostile_lines_are_rejected(void **state)
{
	static const char *const bad[] = {
	    "garbage",
	    "   0: 0100007F",
	    "   0: 0100007F:",
	    "   0: 0100007F:1F9",
	    "   0: 0100007G:1F90 00000000:0000 0A",
	    "   0: 0100007F:1F90 00000000:0000",
	    "   0: 0100007F:1F90 00000000:0000 0",
	    "   0: 0100007F:1F90 00000000:0000 0AB",
	    "   0: 0100007F:1F90 00000000:000 0A",
	    "   0: 0100007F:0000 00000000:0000 0A 0",
	    "   0 0100007F:1F90 00000000:0000 0A 0",
	    "   x: 0100007F:1F90 00000000:0000 0A 0",
	    "   0: 00000000000000000000000001000000:01BB 00000000:0000 0A 0",
	    "   0: 0100007F:1F90\n00000000:0000 0A",
	    "   0: \xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8:1F90 00000000:0000 0A",
	    "99999999999999999999999999999999999999: 0100007F:1F90 00000000:0000 0A",
	};
	struct tls_listener l;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = tls_procnet_parse_line(bad[i], AF_INET, &l);

		if (rc != -1)
			fail_msg("line %zu accepted (%d): %s", i, rc, bad[i]);
	}
	/* An IPv4 line read as IPv6 is malformed, not misread. */
	assert_int_equal(
	    tls_procnet_parse_line("   0: 0100007F:1F90 00000000:0000 0A 0", AF_INET6, &l), -1);
	assert_int_equal(tls_procnet_parse_line(NULL, AF_INET, &l), -1);
	assert_int_equal(tls_procnet_parse_line("   0: 0100007F:1F90 00000000:0000 0A", 12345, &l),
	                 -1);
}

static void test_long_line_is_handled(void **state)
{
	struct tls_listener l;
	char line[70000];

	(void)state;
	memset(line, '0', sizeof line - 1);
	line[sizeof line - 1] = '\0';
	assert_int_equal(tls_procnet_parse_line(line, AF_INET, &l), -1);
}

static void test_targets_are_parsed(void **state)
{
	char buf[256];
	struct tls_target t;
	struct vg_err err = {0};

	(void)state;
	assert_int_equal(tls_parse_target("example.org", buf, sizeof buf, &t, &err), 0);
	assert_string_equal(t.host, "example.org");
	assert_int_equal(t.port, 443);
	assert_int_equal(t.starttls, TLS_STARTTLS_AUTO);
	assert_int_equal(tls_parse_target("mail.example.org:587", buf, sizeof buf, &t, &err), 0);
	assert_int_equal(t.port, 587);
	assert_int_equal(tls_starttls_for_port(t.port), TLS_STARTTLS_SMTP);
	assert_int_equal(tls_parse_target("[::1]:8443", buf, sizeof buf, &t, &err), 0);
	assert_string_equal(t.host, "::1");
	assert_int_equal(t.port, 8443);
	assert_int_equal(tls_parse_target("::1", buf, sizeof buf, &t, &err), 0);
	assert_string_equal(t.host, "::1");
	assert_int_equal(t.port, 443);
	assert_int_equal(tls_parse_target("smtp://127.0.0.1:2525", buf, sizeof buf, &t, &err), 0);
	assert_int_equal(t.starttls, TLS_STARTTLS_SMTP);
	assert_int_equal(t.port, 2525);
	assert_int_equal(tls_parse_target("imap://mail", buf, sizeof buf, &t, &err), 0);
	assert_int_equal(t.port, 143);
	assert_int_equal(tls_parse_target("https://www.example.org/", buf, sizeof buf, &t, &err),
	                 0);
	assert_string_equal(t.host, "www.example.org");
}

static void test_bad_targets_are_refused_with_a_reason(void **state)
{
	static const char *const bad[] = {"",       ":443",      "host:0",     "host:65536",
	                                  "host:x", "host:443x", "[::1",       "[::1]x",
	                                  "ho st",  "host:-1",   "a;rm -rf /", "host:"};
	char buf[256];
	struct tls_target t;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct vg_err err = {0};

		if (tls_parse_target(bad[i], buf, sizeof buf, &t, &err) != -1)
			fail_msg("target '%s' accepted", bad[i]);
		assert_int_equal(err.code, VG_EUSAGE);
		assert_true(strlen(err.msg) > 0);
	}
}

static void test_local_targets_come_from_the_given_directory(void **state)
{
	char dir[] = "/tmp/vigie-test-procnet-XXXXXX", path[300];
	struct tls_target *t = NULL;
	size_t n = 0;
	struct vg_err err = {0};
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/tcp", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("  sl  local_address rem_address   st tx_queue rx_queue\n"
	      "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 0\n"
	      "   1: 00000000:01BB 00000000:0000 0A 00000000:00000000 00:00000000 0\n"
	      "   2: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 0\n"
	      "   3: 0100007F:D2F0 0100007F:1F90 01 00000000:00000000 00:00000000 0\n"
	      "garbage line\n",
	      f);
	fclose(f);
	assert_int_equal(tls_local_targets(dir, &t, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].host, "127.0.0.1");
	assert_int_equal(t[0].port, 8080);
	assert_string_equal(t[1].host, "127.0.0.1");
	assert_int_equal(t[1].port, 443);
	tls_targets_free(t, n);
	remove(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_listening_ipv4_line_is_parsed),
	    cmocka_unit_test(test_listening_ipv6_line_is_parsed),
	    cmocka_unit_test(test_header_and_other_states_are_skipped),
	    cmocka_unit_test(test_hostile_lines_are_rejected),
	    cmocka_unit_test(test_long_line_is_handled),
	    cmocka_unit_test(test_targets_are_parsed),
	    cmocka_unit_test(test_bad_targets_are_refused_with_a_reason),
	    cmocka_unit_test(test_local_targets_come_from_the_given_directory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
