/* libFuzzer target: the store's CSV, HTML and terminal escaping. Every input string must
 * come back from its CSV field unchanged (but for the apostrophe that neutralises a
 * formula), no CSV field may start a formula, and the HTML and terminal forms may hold
 * no markup or control character. Seed corpus: tests/data/store/. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = vg_malloc(size + 1), *back;
	struct vg_buf b;
	const char *t, *want;

	memcpy(s, data, size);
	s[size] = '\0';
	vg_buf_init(&b, 16u << 20);
	if (store_csv_field(&b, s) != 0)
		abort();
	back = fuzz_csv_unquote(b.data != NULL ? b.data : "", b.len);
	if (back == NULL)
		abort();
	want = s;
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL) {
		if (back[0] != '\'')
			abort();
		memmove(back, back + 1, strlen(back));
	}
	if (strcmp(back, want) != 0)
		abort();
	free(back);
	b.len = 0;
	if (store_html_escape(&b, s) != 0)
		abort();
	if (b.data != NULL && strpbrk(b.data, "<>\"'") != NULL)
		abort();
	t = store_term(&b, s);
	for (const unsigned char *p = (const unsigned char *)t; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			abort();
	vg_buf_free(&b);
	free(s);
	return 0;
}
