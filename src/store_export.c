/* store: escaping of what the store exports (CSV, HTML) and filter checks. libc only. */
#include <stdio.h>
#include <string.h>

#include "store.h"

int store_csv_field(struct vg_buf *b, const char *s)
{
	bool quote;

	if (s == NULL)
		return 0;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote && vg_buf_puts(b, "\"") != 0)
		return -1;
	/* A cell starting with one of these is a formula (or becomes one) in spreadsheets. */
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL && vg_buf_puts(b, "'") != 0)
		return -1;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"' && vg_buf_puts(b, "\"") != 0)
			return -1;
		if (vg_buf_append(b, p, 1) != 0)
			return -1;
	}
	if (quote && vg_buf_puts(b, "\"") != 0)
		return -1;
	return 0;
}

int store_html_escape(struct vg_buf *b, const char *s)
{
	if (s == NULL)
		return 0;
	for (const char *p = s; *p != '\0'; p++) {
		const char *r = NULL;

		switch (*p) {
		case '&':
			r = "&amp;";
			break;
		case '<':
			r = "&lt;";
			break;
		case '>':
			r = "&gt;";
			break;
		case '"':
			r = "&quot;";
			break;
		case '\'':
			r = "&#39;";
			break;
		default:
			break;
		}
		if ((r != NULL ? vg_buf_puts(b, r) : vg_buf_append(b, p, 1)) != 0)
			return -1;
	}
	return 0;
}

bool store_date_ok(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	char tail;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return false;
	return y >= 1970 && m >= 1 && m <= 12 && d >= 1 && d <= mdays[m - 1];
}

const char *store_term(struct vg_buf *b, const char *s)
{
	return vg_term_clean(b, s);
}
