/* store: escaping of what the store exports (CSV, HTML) and filter checks. libc only. */
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "store.h"

#define _(s) gettext(s)

/* A cell starting with one of these is a formula (or becomes one) in spreadsheets. */
static bool store_csv_formula(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

/* The separators a spreadsheet may split on: RFC 4180's comma, French Excel's semicolon,
 * and tab. */
static bool store_csv_sep(char c)
{
	return c == ',' || c == ';' || c == '\t';
}

int store_csv_field(struct vg_buf *b, const char *s)
{
	bool quote;

	if (s == NULL)
		return 0;
	/* Quoted when it holds any separator a spreadsheet may split on, not only the one
	 * vigie writes: "Mairie;=2+3;x" must stay one cell in French Excel. */
	quote = strpbrk(s, ",;\t\"\r\n") != NULL;
	if (quote && vg_buf_puts(b, "\"") != 0)
		return -1;
	if (store_csv_formula(s[0]) && vg_buf_puts(b, "'") != 0)
		return -1;
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"' && vg_buf_puts(b, "\"") != 0)
			return -1;
		if (vg_buf_append(b, p, 1) != 0)
			return -1;
		/* A reader that ignores the quotes splits here: what follows starts a cell. */
		if (store_csv_sep(*p) && store_csv_formula(p[1]) && vg_buf_puts(b, "'") != 0)
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

int store_json_keys_plain(const char *data, size_t len, struct vg_err *err)
{
	size_t i = 0, line = 1;

	while (i < len) {
		size_t start, end;
		bool escaped = false;

		if (data[i] == '\n')
			line++;
		if (data[i] != '"') {
			i++;
			continue;
		}
		start = ++i;
		while (i < len && data[i] != '"') {
			if (data[i] == '\\') {
				escaped = true;
				i++;
			}
			i++;
		}
		end = i++;
		while (i < len &&
		       (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n')) {
			if (data[i] == '\n')
				line++;
			i++;
		}
		if (escaped && i < len && data[i] == ':' && end <= len)
			return vg_err_set(
			    err, VG_EINPUT,
			    _("ligne %zu : la clé « %.*s » est écrite avec un échappement \\ : "
			      "refusée, car les fonctions JSON de SQLite ne verraient pas la clé "
			      "que vigie lit (écrivez la clé telle quelle et signez de nouveau)"),
			    line, (int)(end - start > 40 ? 40 : end - start), data + start);
	}
	return 0;
}
