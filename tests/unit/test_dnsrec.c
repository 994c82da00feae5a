/* Unit tests of check/dnsrec: rdata decoding, SPF, DMARC, MTA-STS and TLS-RPT parsing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "check/dnsrec.h"

static void test_txt_rdata_concatenates_strings(void **state)
{
	const unsigned char rd[] = "\x06v=spf1\x05 -all";
	char out[64];

	(void)state;
	assert_int_equal(dnsrec_txt(rd, sizeof rd - 1, out, sizeof out), 11);
	assert_string_equal(out, "v=spf1 -all");
}

static void test_txt_rdata_overrunning_its_length_is_refused(void **state)
{
	const unsigned char rd[] = "\x09v=spf1";
	char out[64];

	(void)state;
	assert_int_equal(dnsrec_txt(rd, sizeof rd - 1, out, sizeof out), -1);
	assert_string_equal(out, "");
}

static void test_mx_rdata_gives_preference_and_name(void **state)
{
	const unsigned char rd[] = "\x00\x0a\x04MAIL\x07"
	                           "example\x02"
	                           "fr";
	char name[DNSREC_NAME_MAX];
	unsigned pref;

	(void)state;
	assert_int_equal(dnsrec_mx(rd, sizeof rd, &pref, name, sizeof name), 0);
	assert_int_equal(pref, 10);
	assert_string_equal(name, "mail.example.fr");
}

static void test_mx_rdata_with_a_compression_pointer_is_refused(void **state)
{
	const unsigned char rd[] = {0, 10, 0xc0, 0x0c};
	char name[DNSREC_NAME_MAX];
	unsigned pref;

	(void)state;
	assert_int_equal(dnsrec_mx(rd, sizeof rd, &pref, name, sizeof name), -1);
}

static void test_caa_rdata_gives_tag_and_value(void **state)
{
	const unsigned char rd[] = "\x80\x05issueletsencrypt.org";
	char tag[32], value[64];
	unsigned flags;

	(void)state;
	assert_int_equal(
	    dnsrec_caa(rd, sizeof rd - 1, &flags, tag, sizeof tag, value, sizeof value), 0);
	assert_int_equal(flags, 128);
	assert_string_equal(tag, "issue");
	assert_string_equal(value, "letsencrypt.org");
}

static void test_spf_counts_lookups_and_lists_includes(void **state)
{
	struct dnsrec_spf spf;

	(void)state;
	assert_int_equal(dnsrec_spf_parse("v=spf1 a mx:mail.example.fr/24 ip4:192.0.2.1 "
	                                  "include:_spf.example.net exists:x.example ptr -all",
	                                  &spf),
	                 0);
	assert_int_equal(spf.lookups, 5);
	assert_int_equal(spf.all, '-');
	assert_true(spf.has_ptr);
	assert_int_equal(spf.nfollow, 1);
	assert_string_equal(spf.follow[0], "_spf.example.net");
}

static void test_spf_redirect_is_followed_only_without_all(void **state)
{
	struct dnsrec_spf spf;

	(void)state;
	assert_int_equal(dnsrec_spf_parse("v=spf1 redirect=_spf.example.net", &spf), 0);
	assert_int_equal(spf.lookups, 1);
	assert_int_equal(spf.all, 0);
	assert_int_equal(spf.nfollow, 1);
	assert_int_equal(dnsrec_spf_parse("v=spf1 ip4:192.0.2.1 redirect=x.example ~all", &spf), 0);
	assert_int_equal(spf.nfollow, 0);
}

static void test_spf_macro_target_is_not_followed(void **state)
{
	struct dnsrec_spf spf;

	(void)state;
	assert_int_equal(dnsrec_spf_parse("v=spf1 include:%{d}.example -all", &spf), 0);
	assert_true(spf.macro);
	assert_int_equal(spf.nfollow, 0);
}

static void test_spf_syntax_errors_name_the_term(void **state)
{
	struct dnsrec_spf spf;

	(void)state;
	assert_int_equal(dnsrec_spf_parse("v=spf1 ip4:192.0.2.300 -all", &spf), -1);
	assert_non_null(strstr(spf.error, "ip4:192.0.2.300"));
	assert_int_equal(dnsrec_spf_parse("v=spf1 mx -all +all", &spf), -1);
	assert_int_equal(dnsrec_spf_parse("v=spf1 foo:bar -all", &spf), -1);
	assert_non_null(strstr(spf.error, "foo:bar"));
	assert_int_equal(dnsrec_spf_parse("v=spf10 -all", &spf), -1);
	assert_false(dnsrec_is_spf("v=spf10"));
	assert_true(dnsrec_is_spf("v=spf1"));
}

static void test_dmarc_policy_pct_and_rua(void **state)
{
	struct dnsrec_dmarc d;

	(void)state;
	assert_int_equal(
	    dnsrec_dmarc_parse("v=DMARC1; p=Quarantine; pct=50; rua=mailto:d@x.fr", &d), 0);
	assert_string_equal(d.p, "quarantine");
	assert_int_equal(d.pct, 50);
	assert_true(d.has_rua);
	assert_int_equal(dnsrec_dmarc_parse("v=DMARC1;p=reject;", &d), 0);
	assert_int_equal(d.pct, 100);
	assert_false(d.has_rua);
}

static void test_dmarc_errors(void **state)
{
	struct dnsrec_dmarc d;

	(void)state;
	assert_int_equal(dnsrec_dmarc_parse("v=DMARC1; rua=mailto:d@x.fr", &d), -1);
	assert_non_null(strstr(d.error, "p="));
	assert_int_equal(dnsrec_dmarc_parse("v=DMARC1; p=block", &d), -1);
	assert_int_equal(dnsrec_dmarc_parse("v=DMARC1; p=none; pct=150", &d), -1);
	assert_int_equal(dnsrec_dmarc_parse("p=none; v=DMARC1", &d), -1);
}

static void test_sts_policy_is_parsed(void **state)
{
	const char body[] = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.fr\r\n"
	                    "mx: *.example.net\r\nmax_age: 604800\r\n";
	struct dnsrec_sts_policy p;

	(void)state;
	assert_int_equal(dnsrec_sts_policy_parse(body, sizeof body - 1, &p), 0);
	assert_string_equal(p.mode, "enforce");
	assert_int_equal(p.nmx, 2);
	assert_int_equal(p.max_age, 604800);
	assert_true(dnsrec_sts_mx_match(p.mx[0], "MAIL.example.fr."));
	assert_true(dnsrec_sts_mx_match(p.mx[1], "mx1.example.net"));
	assert_false(dnsrec_sts_mx_match(p.mx[1], "a.mx1.example.net"));
	assert_false(dnsrec_sts_mx_match(p.mx[1], "example.net"));
}

static void test_sts_policy_errors(void **state)
{
	const char nover[] = "mode: enforce\nmx: a.fr\nmax_age: 1\n";
	const char nomx[] = "version: STSv1\nmode: enforce\nmax_age: 1\n";
	struct dnsrec_sts_policy p;
	char id[DNSREC_NAME_MAX], error[DNSREC_ERROR_MAX];

	(void)state;
	assert_int_equal(dnsrec_sts_policy_parse(nover, sizeof nover - 1, &p), -1);
	assert_int_equal(dnsrec_sts_policy_parse(nomx, sizeof nomx - 1, &p), -1);
	assert_int_equal(dnsrec_sts_txt_parse("v=STSv1; id=2026", id, error), 0);
	assert_string_equal(id, "2026");
	assert_int_equal(dnsrec_sts_txt_parse("v=STSv1;", id, error), -1);
	assert_int_equal(dnsrec_tlsrpt_parse("v=TLSRPTv1; rua=mailto:t@x.fr", error), 0);
	assert_int_equal(dnsrec_tlsrpt_parse("v=TLSRPTv1", error), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_txt_rdata_concatenates_strings),
	    cmocka_unit_test(test_txt_rdata_overrunning_its_length_is_refused),
	    cmocka_unit_test(test_mx_rdata_gives_preference_and_name),
	    cmocka_unit_test(test_mx_rdata_with_a_compression_pointer_is_refused),
	    cmocka_unit_test(test_caa_rdata_gives_tag_and_value),
	    cmocka_unit_test(test_spf_counts_lookups_and_lists_includes),
	    cmocka_unit_test(test_spf_redirect_is_followed_only_without_all),
	    cmocka_unit_test(test_spf_macro_target_is_not_followed),
	    cmocka_unit_test(test_spf_syntax_errors_name_the_term),
	    cmocka_unit_test(test_dmarc_policy_pct_and_rua),
	    cmocka_unit_test(test_dmarc_errors),
	    cmocka_unit_test(test_sts_policy_is_parsed),
	    cmocka_unit_test(test_sts_policy_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
