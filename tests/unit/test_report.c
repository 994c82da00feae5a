/* Unit tests of the report module: escaping, cleaning, wrapping, colours, signature text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"

/* The escaped form of s, in a buffer the test frees. */
static char *escaped(const char *s)
{
	struct vg_buf b;
	char *out;

	vg_buf_init(&b, 1u << 20);
	assert_int_equal(report_html_escape(&b, s), 0);
	out = vg_strdup(b.data != NULL ? b.data : "");
	vg_buf_free(&b);
	return out;
}

static void assert_escapes(const char *in, const char *want)
{
	char *got = escaped(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_escape_the_five_html_characters(void **state)
{
	(void)state;
	assert_escapes("&<>\"'", "&amp;&lt;&gt;&quot;&#39;");
	assert_escapes("a & b", "a &amp; b");
	assert_escapes("", "");
}

static void test_escape_script_tag_in_text_and_attribute(void **state)
{
	(void)state;
	assert_escapes("<script>alert('x')</script>",
	               "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	assert_escapes("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)");
	assert_escapes("' autofocus onfocus='x", "&#39; autofocus onfocus=&#39;x");
}

/* French typography: the space after « and before », :, ;, ! and ? cannot break. */
static void test_escape_binds_french_spaces(void **state)
{
	(void)state;
	assert_escapes("une « charte » : oui ; non ! quoi ?",
	               "une «&#160;charte&#160;»&#160;: oui&#160;; non&#160;! quoi&#160;?");
	assert_escapes("a: b « c", "a: b «&#160;c");
	assert_escapes(" : ", "&#160;: ");
}

/* The page's text gets them; its tags, style sheet and scripts are left as they are. */
static void test_html_nbsp_only_in_text(void **state)
{
	struct vg_buf in, out;

	(void)state;
	vg_buf_init(&in, 1u << 20);
	vg_buf_init(&out, 1u << 20);
	vg_buf_puts(&in, "<style>a :hover{b : c ;}</style><p title=\"x : y\">Note : D <b>« E</b> "
	                 "?</p><script>f(a ? b : c)</script> !");
	assert_int_equal(report_html_nbsp(&in, &out), 0);
	assert_string_equal(out.data,
	                    "<style>a :hover{b : c ;}</style><p title=\"x : y\">Note&#160;: "
	                    "D <b>«&#160;E</b>&#160;?</p><script>f(a ? b : c)</script>&#160;!");
	vg_buf_free(&in);
	vg_buf_free(&out);
}

static void test_escape_leaves_utf8_alone(void **state)
{
	(void)state;
	assert_escapes("Mairie de Saint-Étienne — été", "Mairie de Saint-Étienne — été");
	/* Arabic, and e + combining acute accent. */
	assert_escapes("\xd8\xa8\xd9\x84\xd8\xaf\xd9\x8a\xd8\xa9 e\xcc\x81",
	               "\xd8\xa8\xd9\x84\xd8\xaf\xd9\x8a\xd8\xa9 e\xcc\x81");
}

static void test_escape_does_not_double_escape_entities(void **state)
{
	(void)state;
	assert_escapes("&amp;lt;", "&amp;amp;lt;");
}

static void test_escape_replaces_control_characters(void **state)
{
	(void)state;
	/* ESC (a terminal escape), BEL, DEL, C1 NEL: U+FFFD. Tab and newlines: a space. */
	assert_escapes("a\x1b[31mb\x07", "a\xef\xbf\xbd[31mb\xef\xbf\xbd");
	assert_escapes("x\x7fy\xc2\x85z", "x\xef\xbf\xbdy\xef\xbf\xbdz");
	assert_escapes("l1\nl2\r\tl3", "l1 l2  l3");
}

static void test_escape_replaces_bidi_overrides(void **state)
{
	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE and U+2066 LEFT-TO-RIGHT ISOLATE. */
	assert_escapes("a\xe2\x80\xae"
	               "b\xe2\x81\xa6"
	               "c",
	               "a\xef\xbf\xbd"
	               "b\xef\xbf\xbd"
	               "c");
}

static void test_escape_replaces_invalid_utf8(void **state)
{
	(void)state;
	assert_escapes("a\xff"
	               "b",
	               "a\xef\xbf\xbd"
	               "b");
	assert_escapes("\xc0\xaf", "\xef\xbf\xbd\xef\xbf\xbd");                 /* overlong '/' */
	assert_escapes("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
	assert_escapes("\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd");                 /* truncated */
}

static void test_escape_fails_cleanly_when_full(void **state)
{
	struct vg_buf b;

	(void)state;
	vg_buf_init(&b, 8);
	assert_int_equal(report_html_escape(&b, "<<<<<<<<"), -1);
	assert_true(b.len <= 8);
	vg_buf_free(&b);
}

/* Random bytes in, and out comes valid UTF-8 without markup characters or control bytes. */
static void test_escape_of_random_bytes_is_inert(void **state)
{
	unsigned long seed = 12345;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		char in[64], *out;
		size_t n = (size_t)(round % 63), bad;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			in[i] = (char)((seed >> 33) % 255 + 1);
		}
		in[n] = '\0';
		out = escaped(in);
		assert_true(vg_utf8_valid(out, strlen(out), &bad));
		assert_null(strpbrk(out, "<>\"'"));
		for (const unsigned char *p = (const unsigned char *)out; *p != '\0'; p++)
			assert_true(*p >= 0x20 && *p != 0x7f);
		free(out);
	}
}

static void test_width_counts_columns(void **state)
{
	(void)state;
	assert_int_equal(report_width("abc"), 3);
	assert_int_equal(report_width("été"), 3);
	assert_int_equal(report_width("e\xcc\x81"), 1);    /* combining acute */
	assert_int_equal(report_width("\xe6\x97\xa5"), 2); /* a CJK ideograph */
	assert_int_equal(report_width("\xe2\x96\x88"), 1); /* full block */
}

static char *wrapped(const char *text, const char *first, const char *rest, size_t width)
{
	struct vg_buf b;
	char *out;

	vg_buf_init(&b, 1u << 20);
	assert_int_equal(report_wrap(&b, text, first, rest, width), 0);
	out = vg_strdup(b.data);
	vg_buf_free(&b);
	return out;
}

/* French typography: no line ends in « and none starts with », :, ;, ! or ?; the
 * spaces inside the quotation still break. */
static void test_wrap_keeps_french_spaces(void **state)
{
	char *s = wrapped("lancez \u00ab chmod 600 \u00bb puis relancez", "", "", 9);

	(void)state;
	assert_string_equal(s, "lancez\n\u00ab chmod\n600 \u00bb\npuis\nrelancez\n");
	free(s);
	s = wrapped("Effort : faible ; vraiment ?", "", "", 10);
	assert_string_equal(s, "Effort :\nfaible ;\nvraiment ?\n");
	free(s);
}

static void test_wrap_breaks_at_spaces(void **state)
{
	char *s = wrapped("un deux trois quatre", "- ", "  ", 10);

	(void)state;
	assert_string_equal(s, "- un deux\n  trois\n  quatre\n");
	free(s);
}

static void test_wrap_cuts_a_word_longer_than_the_line(void **state)
{
	char *s = wrapped("abcdefghijklmnop", "", "", 6);

	(void)state;
	assert_string_equal(s, "abcdef\nghijkl\nmnop\n");
	free(s);
}

static void test_wrap_keeps_combining_marks_with_their_base(void **state)
{
	/* Four "é" written e + U+0301: cut after two columns, never between e and the mark. */
	char *s = wrapped("e\xcc\x81"
	                  "e\xcc\x81"
	                  "e\xcc\x81"
	                  "e\xcc\x81",
	                  "", "", 2);

	(void)state;
	assert_string_equal(s, "e\xcc\x81"
	                       "e\xcc\x81\n"
	                       "e\xcc\x81"
	                       "e\xcc\x81\n");
	free(s);
}

static void test_wrap_lines_never_pass_the_width(void **state)
{
	char text[4000], *s, *line;
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s ",
		                      i % 7 == 0 ? "anticonstitutionnellement-très-long" : "mot");
	s = wrapped(text, "  - ", "    ", 78);
	for (line = strtok(s, "\n"); line != NULL; line = strtok(NULL, "\n"))
		assert_true(report_width(line) <= 78);
	free(s);
}

static void test_wrap_cleans_control_characters(void **state)
{
	char *s = wrapped("a\x1b[2Jb", "", "", 78);

	(void)state;
	assert_null(strchr(s, '\x1b'));
	free(s);
}

static void test_grade_colours_pass_wcag_aa(void **state)
{
	const char *grades[] = {"A", "B", "C", "D", "E", NULL};

	(void)state;
	for (size_t i = 0; i < sizeof grades / sizeof grades[0]; i++) {
		const char *bg, *fg;

		report_grade_colours(grades[i], &bg, &fg);
		if (report_contrast(fg, bg) < 4.5)
			fail_msg("grade %s: %s on %s has contrast %.2f < 4.5",
			         grades[i] ? grades[i] : "none", fg, bg, report_contrast(fg, bg));
	}
	assert_true(report_contrast("#000000", "#ffffff") > 20.9);
	assert_true(report_contrast("#ffffff", "#ffffff") < 1.01);
}

/* A minisign signature of "hello\n" with a test key (key id 4F1D0A8C2B3E5D6A). */
static const char sig_text[] =
    "untrusted comment: vigie signature, key 4F1D0A8C2B3E5D6A\n"
    "RURqXT4rjAodTwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    "AAAAA=\n"
    "trusted comment: signer:Mairie <test>\ttime:2025-11-29T04:20:00Z\ttool:vigie 0.1.0\n"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n";

static void test_sig_parse_reads_key_id_and_signer(void **state)
{
	struct report_sig sig;
	struct vg_err err = {0};

	(void)state;
	assert_int_equal(report_sig_parse(sig_text, strlen(sig_text), &sig, &err), 0);
	assert_true(sig.present);
	assert_true(sig.prehashed);
	assert_string_equal(sig.keyid, "4F1D0A8C2B3E5D6A");
	assert_string_equal(sig.signer, "Mairie <test>");
	assert_string_equal(sig.time, "2025-11-29T04:20:00Z");
	/* Tabs of the trusted comment become spaces. */
	assert_non_null(strstr(sig.trusted, "signer:Mairie <test> time:"));
}

static void test_sig_parse_refuses_bad_text(void **state)
{
	struct report_sig sig;
	struct vg_err err = {0};
	char bad[sizeof sig_text];

	(void)state;
	assert_int_equal(report_sig_parse("hello\n", 6, &sig, &err), -1);
	assert_non_null(strstr(err.msg, "ligne 2"));
	memcpy(bad, sig_text, sizeof bad);
	bad[60] = '!'; /* inside the base64 signature */
	assert_int_equal(report_sig_parse(bad, strlen(bad), &sig, &err), -1);
	assert_non_null(strstr(err.msg, "ligne 2"));
	assert_false(sig.present);
}

static void test_mismatch_names_the_difference(void **state)
{
	struct scorecard a = {0}, b = {0};
	char why[256];

	(void)state;
	a.org_insee = "01999";
	b.org_insee = "01999";
	a.org_name = b.org_name = "Mairie";
	a.q_id = b.q_id = "communes";
	assert_false(report_mismatch(&a, &b, why, sizeof why));
	b.org_insee = "02000";
	assert_true(report_mismatch(&a, &b, why, sizeof why));
	assert_non_null(strstr(why, "code INSEE 01999 et 02000"));
	b.org_insee = "01999";
	b.q_id = "decouverte";
	assert_true(report_mismatch(&a, &b, why, sizeof why));
	assert_non_null(strstr(why, "questionnaires différents"));
	b.q_id = "communes";
	b.org_name = "Autre mairie";
	assert_true(report_mismatch(&a, &b, why, sizeof why));
}

/* Dates in Paris local time by the EU rule, whatever TZ says. */
static void test_dates_in_paris_time(void **state)
{
	static const struct {
		const char *utc, *fr, *en;
	} cases[] = {
	    {"2026-12-05T20:06:00Z", "5 décembre 2026, 21 h 06",
	     "5 December 2026, 21:06 (Paris time)"},
	    /* Summer time starts on the last Sunday of March at 01:00 UTC. */
	    {"2026-03-29T00:59:59Z", "29 mars 2026, 1 h 59", "29 March 2026, 01:59 (Paris time)"},
	    {"2026-03-29T01:00:00Z", "29 mars 2026, 3 h 00", "29 March 2026, 03:00 (Paris time)"},
	    /* and ends on the last Sunday of October at 01:00 UTC. */
	    {"2026-10-25T00:59:00Z", "25 octobre 2026, 2 h 59",
	     "25 October 2026, 02:59 (Paris time)"},
	    {"2026-10-25T01:00:00Z", "25 octobre 2026, 2 h 00",
	     "25 October 2026, 02:00 (Paris time)"},
	    /* Across midnight, a month and a year; the first of the month is "1er". */
	    {"2025-12-31T23:30:00Z", "1er janvier 2026, 0 h 30",
	     "1 January 2026, 00:30 (Paris time)"},
	    {"2024-02-28T23:00:00Z", "29 février 2024, 0 h 00",
	     "29 February 2024, 00:00 (Paris time)"},
	    {"not a date", "not a date", "not a date"},
	};
	char buf[96];

	(void)state;
	setenv("TZ", "America/Los_Angeles", 1);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		report_date_words(VG_LANG_FR, cases[i].utc, true, buf, sizeof buf);
		assert_string_equal(buf, cases[i].fr);
		report_date_words(VG_LANG_EN, cases[i].utc, true, buf, sizeof buf);
		assert_string_equal(buf, cases[i].en);
	}
	report_date_words(VG_LANG_FR, "2026-08-01T10:00:00Z", false, buf, sizeof buf);
	assert_string_equal(buf, "1er août 2026");
	unsetenv("TZ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_escape_the_five_html_characters),
	    cmocka_unit_test(test_escape_script_tag_in_text_and_attribute),
	    cmocka_unit_test(test_escape_leaves_utf8_alone),
	    cmocka_unit_test(test_escape_binds_french_spaces),
	    cmocka_unit_test(test_html_nbsp_only_in_text),
	    cmocka_unit_test(test_escape_does_not_double_escape_entities),
	    cmocka_unit_test(test_escape_replaces_control_characters),
	    cmocka_unit_test(test_escape_replaces_bidi_overrides),
	    cmocka_unit_test(test_escape_replaces_invalid_utf8),
	    cmocka_unit_test(test_escape_fails_cleanly_when_full),
	    cmocka_unit_test(test_escape_of_random_bytes_is_inert),
	    cmocka_unit_test(test_width_counts_columns),
	    cmocka_unit_test(test_wrap_breaks_at_spaces),
	    cmocka_unit_test(test_wrap_keeps_french_spaces),
	    cmocka_unit_test(test_wrap_cuts_a_word_longer_than_the_line),
	    cmocka_unit_test(test_wrap_keeps_combining_marks_with_their_base),
	    cmocka_unit_test(test_wrap_lines_never_pass_the_width),
	    cmocka_unit_test(test_wrap_cleans_control_characters),
	    cmocka_unit_test(test_grade_colours_pass_wcag_aa),
	    cmocka_unit_test(test_sig_parse_reads_key_id_and_signer),
	    cmocka_unit_test(test_sig_parse_refuses_bad_text),
	    cmocka_unit_test(test_mismatch_names_the_difference),
	    cmocka_unit_test(test_dates_in_paris_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
