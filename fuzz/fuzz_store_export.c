/* libFuzzer target: the store's CSV, HTML and terminal escaping, and the escaped-key
 * refusal. Every input string must come back from its CSV field unchanged (but for the
 * apostrophes that neutralise a formula, at the start and after any separator), no CSV
 * field may start a formula, and the HTML and terminal forms may hold no markup, control
 * or bidi character; store_json_keys_plain must not read past the input. Seed corpus:
 * tests/data/store/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads one RFC 4180 field back; NULL when the text is not exactly one field. */
static char *fuzz_csv_unquote(const char *f, size_t n)
{
	char *out = vg_malloc(n + 1);
	size_t o = 0;

	if (n == 0 || f[0] != '"') {
		if (memchr(f, '"', n) != NULL || memchr(f, ',', n) != NULL ||
		    memchr(f, ';', n) != NULL || memchr(f, '\t', n) != NULL ||
		    memchr(f, '\n', n) != NULL || memchr(f, '\r', n) != NULL) {
			free(out);
			return NULL;
		}
		memcpy(out, f, n);
		out[n] = '\0';
		return out;
	}
	for (size_t i = 1; i < n; i++) {
		if (f[i] != '"') {
			out[o++] = f[i];
		} else if (i + 1 < n && f[i + 1] == '"') {
			out[o++] = '"';
			i++;
		} else if (i + 1 == n) {
			out[o] = '\0';
			return out;
		} else {
			break;
		}
	}
	free(out);
	return NULL;
}

static bool fuzz_formula(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

static char *fuzz_neutralised(const char *s)
{
	char *out = vg_malloc(2 * strlen(s) + 2);
	size_t o = 0;

	if (fuzz_formula(s[0]))
		out[o++] = '\'';
	for (const char *p = s; *p != '\0'; p++) {
		out[o++] = *p;
		if ((*p == ',' || *p == ';' || *p == '\t') && fuzz_formula(p[1]))
			out[o++] = '\'';
	}
	out[o] = '\0';
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = vg_malloc(size + 1), *back;
	struct vg_buf b;
	const char *t;
	char *want;

	memcpy(s, data, size);
	s[size] = '\0';
	vg_buf_init(&b, 16u << 20);
	if (store_csv_field(&b, s) != 0)
		abort();
	back = fuzz_csv_unquote(b.data != NULL ? b.data : "", b.len);
	if (back == NULL)
		abort();
	/* What the field must read back as: s, with an apostrophe before a formula start at
	 * the beginning and after any separator (',', ';', tab). */
	want = fuzz_neutralised(s);
	if (strcmp(back, want) != 0)
		abort();
	free(want);
	free(back);
	b.len = 0;
	if (store_html_escape(&b, s) != 0)
		abort();
	if (b.data != NULL && strpbrk(b.data, "<>\"'") != NULL)
		abort();
	t = store_term(&b, s);
	for (const unsigned char *p = (const unsigned char *)t; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();
		/* Bidi controls: U+061C, U+200E/F, U+202A..E, U+2066..9. */
		if ((*p == 0xd8 && p[1] == 0x9c) ||
		    (*p == 0xe2 && p[1] == 0x80 &&
		     (p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae))) ||
		    (*p == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))
			abort();
	}
	if (!vg_utf8_valid(t, strlen(t), &(size_t){0}))
		abort();
	store_json_keys_plain((const char *)data, size, NULL);
	vg_buf_free(&b);
	free(s);
	return 0;
}
