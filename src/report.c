/* report: cleaning and escaping of user strings, wrapping, colours, the signature text,
 * and the view both renderers draw from. */
#include "report.h"

#include <libintl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_priv.h"

#define _(s) gettext(s)

int report_append(struct vg_buf *b, const void *p, size_t n)
{
	if (vg_buf_append(b, p, n) != 0) {
		b->max = 0;
		return -1;
	}
	return 0;
}

int report_puts(struct vg_buf *b, const char *s)
{
	return report_append(b, s, strlen(s));
}

int report_printf(struct vg_buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int rc;

	va_start(ap, fmt);
	s = vg_vasprintf(fmt, ap);
	va_end(ap);
	rc = report_append(b, s, strlen(s));
	free(s);
	return rc;
}

bool report_full(const struct vg_buf *b)
{
	return b->max == 0;
}

int report_finish(struct vg_buf *b, struct vg_buf *out, struct vg_err *err)
{
	int rc = 0;

	if (report_full(b) || vg_buf_append(out, b->data != NULL ? b->data : "", b->len) != 0)
		rc = vg_err_set(err, VG_EINPUT, _("le rapport dépasserait %zu octets"), out->max);
	vg_buf_free(b);
	return rc;
}

/* Bidi embeddings, overrides and isolates: they could reorder the text around them. */
static bool report_is_bidi_control(unsigned long c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *report_clean(struct vg_arena *a, const char *s)
{
	struct vg_buf b;
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	size_t n = strlen((const char *)p), i = 0;
	char *out;

	vg_buf_init(&b, 4 * n + 4);
	while (i < n) {
		uint32_t c;
		size_t l = vg_utf8_decode((const char *)p + i, n - i, &c);

		if (l == 0) {
			vg_buf_puts(&b, "\xef\xbf\xbd");
			i++;
			continue;
		}
		if (c == '\t' || c == '\n' || c == '\r')
			vg_buf_puts(&b, " ");
		else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || report_is_bidi_control(c))
			vg_buf_puts(&b, "\xef\xbf\xbd");
		else
			vg_buf_append(&b, p + i, l);
		i += l;
	}
	out = vg_arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	vg_buf_free(&b);
	return out;
}

int report_html_escape(struct vg_buf *b, const char *s)
{
	struct vg_arena a;
	const char *p, *run, *run0;
	int rc = 0;

	vg_arena_init(&a);
	p = run0 = report_clean(&a, s);
	for (run = p; *p != '\0' && rc == 0; p++) {
		const char *rep = NULL;

		switch (*p) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case ' ':
			/* French typography's non-breaking spaces: browsers would break there. */
			if (!report_space_binds(run0, p))
				continue;
			rep = "&#160;";
			break;
		default:
			continue;
		}
		if (report_append(b, run, (size_t)(p - run)) != 0 || report_puts(b, rep) != 0)
			rc = -1;
		run = p + 1;
	}
	if (rc == 0 && report_append(b, run, strlen(run)) != 0)
		rc = -1;
	vg_arena_free(&a);
	return rc;
}

/* Columns taken by code point c in a terminal. */
static size_t report_cp_width(unsigned long c)
{
	static const unsigned long zero[][2] = {
	    {0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x05bf, 0x05c7},
	    {0x0610, 0x061a}, {0x064b, 0x065f}, {0x0670, 0x0670}, {0x06d6, 0x06ed},
	    {0x0e31, 0x0e3a}, {0x1ab0, 0x1aff}, {0x1dc0, 0x1dff}, {0x200b, 0x200f},
	    {0x2060, 0x2064}, {0x20d0, 0x20ff}, {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f},
	};
	static const unsigned long wide[][2] = {
	    {0x1100, 0x115f},   {0x2e80, 0x303e},   {0x3041, 0x33ff},   {0x3400, 0x4dbf},
	    {0x4e00, 0x9fff},   {0xa000, 0xa4cf},   {0xac00, 0xd7a3},   {0xf900, 0xfaff},
	    {0xfe30, 0xfe4f},   {0xff00, 0xff60},   {0xffe0, 0xffe6},   {0x1f300, 0x1f64f},
	    {0x1f900, 0x1f9ff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
	};

	for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
		if (c >= zero[i][0] && c <= zero[i][1])
			return 0;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (c >= wide[i][0] && c <= wide[i][1])
			return 2;
	return 1;
}

size_t report_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, w = 0;

	while (i < n) {
		uint32_t c;
		size_t l = vg_utf8_decode((const char *)p + i, n - i, &c);

		if (l == 0) {
			w++;
			i++;
			continue;
		}
		w += report_cp_width(c);
		i += l;
	}
	return w;
}

/* Length in bytes of the longest prefix of the n bytes at s that fits in cols columns,
 * cut before a character that takes room (combining marks stay with their base); at
 * least one character so that progress is made. */
static size_t report_fit(const char *s, size_t n, size_t cols)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, w = 0;

	while (i < n) {
		uint32_t c = 0xfffd;
		size_t l = vg_utf8_decode((const char *)p + i, n - i, &c), cw;

		if (l == 0)
			l = 1;
		cw = report_cp_width(c);
		if (cw > 0 && w + cw > cols && i > 0)
			break;
		w += cw;
		i += l;
	}
	return i;
}

bool report_space_binds(const char *s, const char *sp)
{
	if (sp - s >= 2 && memcmp(sp - 2, "\u00ab", 2) == 0)
		return true;
	return sp[1] != '\0' && (memcmp(sp + 1, "\u00bb", 2) == 0 || strchr(":;!?", sp[1]) != NULL);
}

int report_html_nbsp(struct vg_buf *b, struct vg_buf *out)
{
	const char *s = b->data != NULL ? b->data : "";
	bool tag = false, raw = false; /* in a tag; in a style or script element */
	size_t run = 0;
	int rc = 0;

	for (size_t i = 0; s[i] != '\0' && rc == 0; i++) {
		if (s[i] == '<') {
			tag = true;
			if (strncmp(s + i, "<style", 6) == 0 || strncmp(s + i, "<script", 7) == 0)
				raw = true;
			else if (strncmp(s + i, "</style", 7) == 0 ||
			         strncmp(s + i, "</script", 8) == 0)
				raw = false;
		} else if (s[i] == '>') {
			tag = false;
		} else if (s[i] == ' ' && !tag && !raw && report_space_binds(s, s + i)) {
			rc = report_append(out, s + run, i - run) | report_puts(out, "&#160;");
			run = i + 1;
		}
	}
	if (rc == 0)
		rc = report_append(out, s + run, strlen(s + run));
	return rc;
}

/* Bytes of the unit that starts at p: a word, with the words a French non-breaking space
 * would bind to it (after « and before », :, ;, ! and ?), so that no line ends in « or
 * starts with a colon. */
static size_t report_unit(const char *p)
{
	size_t n = strcspn(p, " ");

	while (p[n] == ' ' && p[n + 1] != ' ' && report_space_binds(p, p + n))
		n += 1 + strcspn(p + n + 1, " ");
	return n;
}

int report_wrap(struct vg_buf *b, const char *text, const char *first, const char *rest,
                size_t width)
{
	struct vg_arena a;
	struct vg_buf line;
	const char *p, *prefix = first;
	size_t lw, pw;
	int rc = 0;

	vg_arena_init(&a);
	p = report_clean(&a, text);
	vg_buf_init(&line, strlen(p) + strlen(first) + strlen(rest) + 16);
	vg_buf_puts(&line, prefix);
	lw = pw = report_width(prefix);
	for (;;) {
		size_t n, ww;
		char *word;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		n = report_unit(p);
		word = vg_arena_strndup(&a, p, n);
		ww = report_width(word);
		if (lw > pw && lw + 1 + ww > width) {
			rc |= report_printf(b, "%s\n", line.data);
			line.len = 0;
			line.data[0] = '\0';
			prefix = rest;
			vg_buf_puts(&line, prefix);
			lw = pw = report_width(prefix);
		}
		if (lw > pw) {
			vg_buf_puts(&line, " ");
			lw++;
		}
		if (lw + ww <= width || width <= pw + 1) {
			vg_buf_puts(&line, word);
			lw += ww;
			p += n;
			continue;
		}
		/* A word longer than the line: cut it, keeping combining marks with their base. */
		{
			size_t cut = report_fit(p, n, width - lw);

			vg_buf_append(&line, p, cut);
			rc |= report_printf(b, "%s\n", line.data);
			line.len = 0;
			line.data[0] = '\0';
			prefix = rest;
			vg_buf_puts(&line, prefix);
			lw = pw = report_width(prefix);
			p += cut;
		}
	}
	if (lw > pw || b->len == 0 || prefix == first)
		rc |= report_printf(b, "%s\n", line.data);
	vg_buf_free(&line);
	vg_arena_free(&a);
	return rc != 0 ? -1 : 0;
}

const char *report_trunc(struct vg_arena *a, const char *s, size_t cols)
{
	size_t n = strlen(s), cut;
	char *out;

	if (report_width(s) <= cols)
		return s;
	cut = cols > 1 ? report_fit(s, n, cols - 1) : 0;
	out = vg_arena_alloc(a, cut + 4);
	memcpy(out, s, cut);
	memcpy(out + cut, "\xe2\x80\xa6", 4);
	return out;
}

/* Relative luminance of one sRGB channel in 0..255. */
static double report_channel(unsigned v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double report_luminance(const char *hex)
{
	unsigned r = 0, g = 0, b = 0;

	if (hex == NULL || sscanf(hex, "#%2x%2x%2x", &r, &g, &b) != 3)
		return 0;
	return 0.2126 * report_channel(r) + 0.7152 * report_channel(g) + 0.0722 * report_channel(b);
}

double report_contrast(const char *fg, const char *bg)
{
	double a = report_luminance(fg), b = report_luminance(bg);

	return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05);
}

void report_grade_colours(const char *grade, const char **bg, const char **fg)
{
	/* Each pair passes WCAG AA (4.5:1) for normal text; tests/unit/test_report.c checks. */
	static const char *const colours[][2] = {
	    {"#1a7f37", "#ffffff"}, /* A: green, white text */
	    {"#4d7c0f", "#ffffff"}, /* B: olive green, white text */
	    {"#f2c200", "#000000"}, /* C: yellow, black text */
	    {"#e8590c", "#000000"}, /* D: orange, black text */
	    {"#c92a2a", "#ffffff"}, /* E: red, white text */
	};

	if (grade != NULL && grade[0] >= 'A' && grade[0] <= 'E' && grade[1] == '\0') {
		*bg = colours[grade[0] - 'A'][0];
		*fg = colours[grade[0] - 'A'][1];
	} else {
		*bg = "#5f6368";
		*fg = "#ffffff";
	}
}

const char *report_grade_of(double score)
{
	return score >= 85 ? "A" : score >= 70 ? "B" : score >= 50 ? "C" : score >= 30 ? "D" : "E";
}

const char *report_tr(enum vg_lang lang, const char *fr, const char *en)
{
	return lang == VG_LANG_EN ? en : fr;
}

const char *report_plan_title(enum vg_lang lang, size_t n, bool upper)
{
	/* Plural forms as French and English make them: "la mesure", "les trois mesures". */
	static const char *const fr[] = {
	    "Les mesures prioritaires",        "La mesure prioritaire",
	    "Les deux mesures prioritaires",   "Les trois mesures prioritaires",
	    "Les quatre mesures prioritaires", "Les cinq mesures prioritaires",
	    "Les six mesures prioritaires"};
	static const char *const fru[] = {
	    "LES MESURES PRIORITAIRES",        "LA MESURE PRIORITAIRE",
	    "LES DEUX MESURES PRIORITAIRES",   "LES TROIS MESURES PRIORITAIRES",
	    "LES QUATRE MESURES PRIORITAIRES", "LES CINQ MESURES PRIORITAIRES",
	    "LES SIX MESURES PRIORITAIRES"};
	static const char *const en[] = {
	    "Priority measures",          "The priority measure",
	    "The two priority measures",  "The three priority measures",
	    "The four priority measures", "The five priority measures",
	    "The six priority measures"};
	static const char *const enu[] = {
	    "PRIORITY MEASURES",          "THE PRIORITY MEASURE",
	    "THE TWO PRIORITY MEASURES",  "THE THREE PRIORITY MEASURES",
	    "THE FOUR PRIORITY MEASURES", "THE FIVE PRIORITY MEASURES",
	    "THE SIX PRIORITY MEASURES"};
	size_t k = n > 6 ? 0 : n;

	if (lang == VG_LANG_EN)
		return upper ? enu[k] : en[k];
	return upper ? fru[k] : fr[k];
}

void report_num(enum vg_lang lang, double x, char *out, size_t outlen)
{
	char *dot;

	snprintf(out, outlen, "%.1f", x);
	if (lang == VG_LANG_FR && (dot = strchr(out, '.')) != NULL)
		*dot = ',';
}

/* Decodes standard base64 (with padding) into out; returns the length or -1. */
static int report_b64(const char *s, size_t n, unsigned char *out, size_t outmax)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned long acc = 0;
	size_t bits = 0, o = 0, i, pad = 0;

	if (n % 4 != 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *k;

		if (s[i] == '=') {
			if (i + 2 < n)
				return -1;
			pad++;
			continue;
		}
		if (pad > 0 || s[i] == '\0' || (k = strchr(al, s[i])) == NULL)
			return -1;
		acc = (acc << 6) | (unsigned long)(k - al);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (o >= outmax)
				return -1;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1ul << bits) - 1;
		}
	}
	return (int)o;
}

/* Copies the value of tab-separated field key (e.g. "signer") of comment into out. */
static void report_sig_field(const char *comment, const char *key, char *out, size_t outlen)
{
	size_t kl = strlen(key);
	const char *p = comment;

	out[0] = '\0';
	while (p != NULL && *p != '\0') {
		size_t fl = strcspn(p, "\t");

		if (fl > kl && strncmp(p, key, kl) == 0 && p[kl] == ':') {
			size_t vl = fl - kl - 1;

			if (vl >= outlen)
				vl = outlen - 1;
			memcpy(out, p + kl + 1, vl);
			out[vl] = '\0';
			return;
		}
		p = p[fl] == '\t' ? p + fl + 1 : NULL;
	}
}

int report_sig_parse(const char *data, size_t len, struct report_sig *sig, struct vg_err *err)
{
	const char *line[4];
	size_t ll[4], i, off = 0;
	unsigned char raw[80];
	struct vg_arena a;
	char *tc;
	int n;

	memset(sig, 0, sizeof *sig);
	if (len > REPORT_MAX_SIG || memchr(data, '\0', len) != NULL)
		return vg_err_set(
		    err, VG_EINPUT,
		    _("ce n'est pas une signature minisign (trop grande ou binaire)"));
	for (i = 0; i < 4; i++) {
		const char *nl;

		if (off >= len)
			return vg_err_set(err, VG_EINPUT,
			                  _("ligne %zu : absente (une signature minisign "
			                    "a quatre lignes)"),
			                  i + 1);
		line[i] = data + off;
		nl = memchr(line[i], '\n', len - off);
		ll[i] = nl != NULL ? (size_t)(nl - line[i]) : len - off;
		if (ll[i] > 0 && line[i][ll[i] - 1] == '\r')
			ll[i]--;
		off = nl != NULL ? (size_t)(nl - data) + 1 : len;
	}
	if (ll[0] < 19 || memcmp(line[0], "untrusted comment: ", 19) != 0)
		return vg_err_set(err, VG_EINPUT, _("ligne 1 : « untrusted comment: » attendu"));
	n = report_b64(line[1], ll[1], raw, sizeof raw);
	if (n != 74 || raw[0] != 'E' || (raw[1] != 'd' && raw[1] != 'D'))
		return vg_err_set(err, VG_EINPUT,
		                  _("ligne 2 : pas une signature Ed25519 de 74 octets en base64"));
	if (ll[2] < 17 || memcmp(line[2], "trusted comment: ", 17) != 0 ||
	    ll[2] - 17 >= sizeof sig->trusted)
		return vg_err_set(err, VG_EINPUT,
		                  _("ligne 3 : « trusted comment: » attendu (au plus "
		                    "1023 octets)"));
	/* minisign prints the key id as a little-endian 64-bit number: bytes reversed. */
	for (i = 0; i < 8; i++)
		snprintf(sig->keyid + 2 * i, 3, "%02X", raw[2 + 7 - i]);
	sig->prehashed = raw[1] == 'D';
	vg_arena_init(&a);
	tc = vg_arena_strndup(&a, line[2] + 17, ll[2] - 17);
	report_sig_field(tc, "signer", sig->signer, sizeof sig->signer);
	report_sig_field(tc, "time", sig->time, sizeof sig->time);
	if (sig->time[0] == '\0')
		report_sig_field(tc, "timestamp", sig->time, sizeof sig->time);
	snprintf(sig->trusted, sizeof sig->trusted, "%s", report_clean(&a, tc));
	vg_arena_free(&a);
	sig->present = true;
	return 0;
}

static bool report_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

bool report_mismatch(const struct scorecard *o, const struct scorecard *n, char *why, size_t whylen)
{
	if (!report_streq(o->org_insee, n->org_insee)) {
		snprintf(why, whylen, _("collectivités différentes : code INSEE %s et %s"),
		         o->org_insee != NULL ? o->org_insee : _("(aucun)"),
		         n->org_insee != NULL ? n->org_insee : _("(aucun)"));
		return true;
	}
	if (!report_streq(o->org_name, n->org_name)) {
		snprintf(why, whylen, _("collectivités différentes : « %.200s » et « %.200s »"),
		         o->org_name != NULL ? o->org_name : _("(aucun)"),
		         n->org_name != NULL ? n->org_name : _("(aucun)"));
		return true;
	}
	if (strcmp(o->q_id, n->q_id) != 0) {
		snprintf(why, whylen, _("questionnaires différents : « %.100s » et « %.100s »"),
		         o->q_id, n->q_id);
		return true;
	}
	return false;
}

/* The view's sorted index of answers by question id. */
static int report_cmp_answer(const void *a, const void *b)
{
	const struct scorecard_answer *const *x = a, *const *y = b;

	return strcmp((*x)->question, (*y)->question);
}

static const struct scorecard_answer *report_find_answer(const struct scorecard_answer **idx,
                                                         size_t n, const char *id)
{
	struct scorecard_answer key = {.question = id};
	const struct scorecard_answer *kp = &key, **hit;

	if (n == 0)
		return NULL;
	hit = bsearch(&kp, idx, n, sizeof *idx, report_cmp_answer);
	return hit != NULL ? *hit : NULL;
}

/* Position of the first answer of the sorted idx whose id is not below key. */
static size_t report_lower(const struct scorecard_answer **idx, size_t n, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(idx[mid]->question, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct scorecard_answer **report_index(struct vg_arena *a, const struct scorecard *sc)
{
	const struct scorecard_answer **idx = vg_arena_alloc(a, (sc->nanswers + 1) * sizeof *idx);

	for (size_t i = 0; i < sc->nanswers; i++)
		idx[i] = &sc->answers[i];
	if (sc->nanswers > 0)
		qsort(idx, sc->nanswers, sizeof *idx, report_cmp_answer);
	return idx;
}

static const char *report_clean_text(struct report_view *v, const struct vg_text *t)
{
	const char *s = model_text(t, v->lang);

	return s != NULL ? report_clean(&v->arena, s) : NULL;
}

/* The question's text in the view's language, or its id without the questionnaire. */
static const char *report_question(struct report_view *v, const struct vg_questionnaire *q,
                                   const char *id)
{
	const struct vg_question *qn = q != NULL ? model_find_question(q, id) : NULL;

	if (qn != NULL)
		return report_clean_text(v, &qn->text);
	return report_clean(&v->arena, id);
}

/* The answer in words: the option's text when the questionnaire is known. */
static const char *report_answer_words(struct report_view *v, const struct vg_questionnaire *q,
                                       const struct scorecard_answer *sa)
{
	const struct vg_question *qn;
	const struct vg_option *opt;
	enum vg_lang l = v->lang;

	/* A question pruned by the context (applies_if) does not concern the organisation. */
	if (sa != NULL && strcmp(sa->status, "not_applies") == 0)
		return report_tr(l, "non concernée", "does not apply");
	if (sa == NULL || strcmp(sa->answer, "none") == 0)
		return report_tr(l, "sans réponse", "not answered");
	if (strcmp(sa->answer, "nsp") == 0)
		return report_tr(l, "je ne sais pas", "don't know");
	if (strcmp(sa->answer, "na") == 0)
		return report_tr(l, "non applicable", "not applicable");
	qn = q != NULL ? model_find_question(q, sa->question) : NULL;
	opt = qn != NULL ? model_find_option(qn, sa->answer) : NULL;
	if (opt != NULL)
		return report_clean_text(v, &opt->text);
	return report_clean(&v->arena, sa->answer);
}

static const char *report_status_words(enum vg_lang l, const char *status)
{
	if (strcmp(status, "pass") == 0)
		return report_tr(l, "conforme", "passed");
	if (strcmp(status, "warn") == 0)
		return report_tr(l, "à surveiller", "warning");
	if (strcmp(status, "fail") == 0)
		return report_tr(l, "non conforme", "failed");
	if (strcmp(status, "error") == 0)
		return report_tr(l, "n'a pas pu être vérifié", "could not be checked");
	return report_tr(l, "non exécutée", "not run");
}

static const char *report_effort_words(enum vg_lang l, const char *effort)
{
	if (strcmp(effort, "low") == 0)
		return report_tr(l, "faible", "low");
	if (strcmp(effort, "medium") == 0)
		return report_tr(l, "moyen", "medium");
	if (strcmp(effort, "high") == 0)
		return report_tr(l, "important", "high");
	return effort;
}

/* The domain id of a question id: what comes before its first dot. */
static bool report_in_domain(const char *qid, const char *did)
{
	size_t n = strlen(did);

	return strncmp(qid, did, n) == 0 && qid[n] == '.';
}

static void report_build_domains(struct report_view *v, const struct scorecard *sc,
                                 const struct vg_questionnaire *q,
                                 const struct scorecard_answer **idx)
{
	size_t nd = sc->ndomains;

	v->doms = vg_arena_alloc(&v->arena, (nd + 1) * sizeof *v->doms);
	for (size_t i = 0; i < nd; i++) {
		const struct scorecard_domain *sd = &sc->domains[i];
		const struct vg_domain *qd = NULL;
		struct report_dom *d = &v->doms[i];

		if (q != NULL && q->ndomains == nd)
			qd = &q->domains[i];
		if (qd != NULL) {
			/* The questionnaire's order; its domain ids are the scorecard's. */
			for (size_t k = 0; k < nd; k++)
				if (strcmp(sc->domains[k].id, qd->id) == 0)
					sd = &sc->domains[k];
		}
		d->id = report_clean(&v->arena, sd->id);
		d->title = report_clean_text(v, &sd->title);
		d->scored = sd->scored;
		d->score = sd->score;
		if (qd != NULL && strcmp(qd->id, sd->id) == 0) {
			d->rows = vg_arena_alloc(&v->arena, (qd->nquestions + 1) * sizeof *d->rows);
			for (size_t k = 0; k < qd->nquestions; k++) {
				const struct vg_question *qn = &qd->questions[k];
				const struct scorecard_answer *sa =
				    report_find_answer(idx, sc->nanswers, qn->id);
				struct report_row *r = &d->rows[d->nrows++];

				r->qid = report_clean(&v->arena, qn->id);
				r->question = report_clean_text(v, &qn->text);
				r->answer = report_answer_words(v, q, sa);
				r->max = qn->max_value;
				r->retained = sa != NULL ? sa->retained : -1;
				if (sa != NULL && strcmp(sa->status, "counted") != 0)
					r->retained = -1;
				r->note = sa != NULL && sa->note != NULL
				              ? report_clean(&v->arena, sa->note)
				              : NULL;
				r->review = sa != NULL && sa->review;
				r->not_applies =
				    sa != NULL && strcmp(sa->status, "not_applies") == 0;
				r->capped_by = sa != NULL && sa->capped_by != NULL
				                   ? report_clean(&v->arena, sa->capped_by)
				                   : NULL;
			}
		} else {
			/* The ids "domain.*" are contiguous in the sorted index. */
			char *key = vg_asprintf("%s.", sd->id);
			size_t lo = report_lower(idx, sc->nanswers, key), hi = lo;

			free(key);
			while (hi < sc->nanswers && report_in_domain(idx[hi]->question, sd->id))
				hi++;
			d->rows = vg_arena_alloc(&v->arena, (hi - lo + 1) * sizeof *d->rows);
			for (size_t k = lo; k < hi; k++) {
				const struct scorecard_answer *sa = idx[k];
				struct report_row *r;

				r = &d->rows[d->nrows++];
				r->qid = report_clean(&v->arena, sa->question);
				r->question = r->qid;
				r->answer = report_answer_words(v, NULL, sa);
				r->max = VG_VALUE_MAX;
				r->retained =
				    strcmp(sa->status, "counted") == 0 ? sa->retained : -1;
				r->note =
				    sa->note != NULL ? report_clean(&v->arena, sa->note) : NULL;
				r->review = sa->review;
				r->not_applies = strcmp(sa->status, "not_applies") == 0;
				r->capped_by = sa->capped_by != NULL
				                   ? report_clean(&v->arena, sa->capped_by)
				                   : NULL;
			}
		}
		d->pruned = !d->scored && d->nrows > 0;
		for (size_t k = 0; k < d->nrows; k++)
			if (!d->rows[k].not_applies)
				d->pruned = false;
		v->ndoms++;
	}
}

/* The first sentence of advice (up to ". " or " ; "), in the arena: the action of a quick
 * win. NULL when the advice itself says the effort is medium or high (the questionnaire's
 * effort and its advice then disagree: it is no quick win). */
static const char *report_action(struct vg_arena *a, const char *advice)
{
	static const char *const more[] = {"Effort moyen",   "Effort important", "Effort élevé",
	                                   "Effort : moyen", "Effort : élevé",   "Medium effort",
	                                   "High effort",    "Effort: medium",   "Effort: high"};
	const char *end = advice, *dot, *semi;

	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (strstr(advice, more[i]) != NULL)
			return NULL;
	dot = strstr(advice, ". ");
	semi = strstr(advice, " ; ");
	if (dot != NULL && (semi == NULL || dot < semi))
		end = dot + 1;
	else if (semi != NULL)
		end = semi;
	else
		end = advice + strlen(advice);
	if (*end == '\0' || end[-1] == '.')
		return vg_arena_strndup(a, advice, (size_t)(end - advice));
	{
		char *s = vg_asprintf("%.*s.", (int)(end - advice), advice);
		const char *out = vg_arena_strdup(a, s);

		free(s);
		return out;
	}
}

static void report_build_plan(struct report_view *v, const struct scorecard *sc,
                              const struct vg_questionnaire *q, const struct scorecard_answer **idx)
{
	v->plan = vg_arena_alloc(&v->arena, (sc->nplan + 1) * sizeof *v->plan);
	for (size_t i = 0; i < sc->nplan; i++) {
		const struct scorecard_action *sa = &sc->plan[i];
		const struct vg_question *qn =
		    q != NULL ? model_find_question(q, sa->question) : NULL;
		struct report_act *a = &v->plan[v->nplan++];

		a->qid = report_clean(&v->arena, sa->question);
		a->question = report_clean_text(v, qn != NULL && qn->action.fr != NULL ? &qn->action
		                                                                       : &sa->text);
		a->why = qn != NULL && qn->help.fr != NULL ? report_clean_text(v, &qn->help) : NULL;
		a->how = sa->advice.fr != NULL ? report_clean_text(v, &sa->advice) : NULL;
		a->effort = report_effort_words(v->lang, sa->effort);
		a->low = strcmp(sa->effort, "low") == 0;
		a->action = a->how != NULL ? report_action(&v->arena, a->how) : NULL;
		a->answer =
		    report_answer_words(v, q, report_find_answer(idx, sc->nanswers, sa->question));
		a->gap = sa->gap;
		a->priority = sa->priority_measure;
	}
}

/* s without its parenthesised groups that hold a path ("(/etc/shadow, /etc/gshadow)"),
 * in the arena: the finding in words a mayor reads. */
static const char *report_plain(struct vg_arena *a, const char *s)
{
	struct vg_buf b;
	const char *p = s;
	char *out;

	vg_buf_init(&b, strlen(s) + 1);
	while (*p != '\0') {
		const char *close = *p == '(' ? strchr(p, ')') : NULL;

		if (close != NULL && memchr(p, '/', (size_t)(close - p)) != NULL) {
			while (b.len > 0 && b.data[b.len - 1] == ' ')
				b.data[--b.len] = '\0';
			p = close + 1;
			continue;
		}
		vg_buf_append(&b, p, 1);
		p++;
	}
	out = vg_arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	vg_buf_free(&b);
	return out;
}

static size_t report_status_index(const char *status)
{
	static const char *const st[] = {"pass", "warn", "fail", "error"};

	for (size_t i = 0; i < 4; i++)
		if (strcmp(status, st[i]) == 0)
			return i;
	return 4;
}

static void report_build_findings(struct report_view *v, const struct scorecard *sc,
                                  const struct vg_questionnaire *q)
{
	v->finds = vg_arena_alloc(&v->arena, (sc->nevidence + 1) * sizeof *v->finds);
	for (size_t i = 0; i < sc->nevidence; i++) {
		const struct scorecard_evidence *e = &sc->evidence[i];
		struct report_find *f = &v->finds[v->nfinds++];
		struct vg_buf b;

		f->id = report_clean(&v->arena, e->id);
		f->status = report_clean(&v->arena, e->status);
		f->words = report_status_words(v->lang, e->status);
		f->reason = e->reason.fr != NULL ? report_clean_text(v, &e->reason) : NULL;
		f->plain = f->reason != NULL ? report_plain(&v->arena, f->reason) : NULL;
		vg_buf_init(&b, 1u << 20);
		for (size_t k = 0; k < e->ninforms; k++)
			vg_buf_printf(&b, "%s%s", k > 0 ? ", " : "", e->informs[k]);
		f->informs = report_clean(&v->arena, b.data);
		vg_buf_free(&b);
		f->about = e->ninforms > 0 ? report_question(v, q, e->informs[0]) : NULL;
		v->nfind_status[report_status_index(e->status)]++;
	}
}

void report_findings_sentence(const struct report_view *v, char *out, size_t outlen)
{
	static const char *const fr[][2] = {{"conforme", "conformes"},
	                                    {"à surveiller", "à surveiller"},
	                                    {"non conforme", "non conformes"},
	                                    {"n'a pas pu être faite", "n'ont pas pu être faites"},
	                                    {"sans objet ici", "sans objet ici"}};
	static const char *const en[][2] = {{"passed", "passed"},
	                                    {"to watch", "to watch"},
	                                    {"failed", "failed"},
	                                    {"could not be run", "could not be run"},
	                                    {"did not apply here", "did not apply here"}};
	size_t off;
	bool first = true;

	off = (size_t)snprintf(
	    out, outlen, "%zu %s", v->nfinds,
	    v->lang == VG_LANG_EN
	        ? (v->nfinds > 1 ? "automated checks:" : "automated check:")
	        : (v->nfinds > 1 ? "vérifications automatiques :" : "vérification automatique :"));
	for (size_t i = 0; i < 5 && off < outlen; i++) {
		size_t n = v->nfind_status[i];

		if (n == 0)
			continue;
		off += (size_t)snprintf(out + off, outlen - off, "%s %zu %s", first ? "" : ",", n,
		                        (v->lang == VG_LANG_EN ? en : fr)[i][n > 1]);
		first = false;
	}
	if (off < outlen)
		snprintf(out + off, outlen - off, ".");
}

static void report_build_clarify(struct report_view *v, const struct scorecard *sc,
                                 const struct vg_questionnaire *q,
                                 const struct scorecard_answer **idx)
{
	size_t n = sc->nunknown + sc->nunanswered + sc->nanswers;
	enum vg_lang l = v->lang;

	v->clar = vg_arena_alloc(&v->arena, (n + 1) * sizeof *v->clar);
	for (size_t i = 0; i < sc->nunknown; i++) {
		struct report_clar *c = &v->clar[v->nclar++];

		c->qid = report_clean(&v->arena, sc->unknown[i]);
		c->question = report_question(v, q, sc->unknown[i]);
		c->why = report_tr(l, "réponse « je ne sais pas »", "answered \"don't know\"");
	}
	for (size_t i = 0; i < sc->nunanswered; i++) {
		const struct scorecard_answer *sa =
		    report_find_answer(idx, sc->nanswers, sc->unanswered[i]);
		struct report_clar *c;

		/* Pruned by the context: not applicable, so not missing. */
		if (sa != NULL && strcmp(sa->status, "not_applies") == 0)
			continue;
		c = &v->clar[v->nclar++];
		c->qid = report_clean(&v->arena, sc->unanswered[i]);
		c->question = report_question(v, q, sc->unanswered[i]);
		c->why = report_tr(l, "sans réponse", "not answered");
	}
	for (size_t i = 0; i < sc->nanswers; i++) {
		struct report_clar *c;

		if (!sc->answers[i].review)
			continue;
		c = &v->clar[v->nclar++];
		c->qid = report_clean(&v->arena, sc->answers[i].question);
		c->question = report_question(v, q, sc->answers[i].question);
		c->why = report_tr(l, "réponse marquée « à revoir »", "answer marked for review");
	}
}

static bool report_bad_status(const char *s)
{
	return strcmp(s, "fail") == 0 || strcmp(s, "warn") == 0 || strcmp(s, "error") == 0;
}

static int report_cmp_evidence(const void *a, const void *b)
{
	const struct scorecard_evidence *const *x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

/* The evidence of sc sorted by check id, in the arena. */
static const struct scorecard_evidence **report_ev_index(struct vg_arena *ar,
                                                         const struct scorecard *sc)
{
	const struct scorecard_evidence **idx =
	    vg_arena_alloc(ar, (sc->nevidence + 1) * sizeof *idx);

	for (size_t i = 0; i < sc->nevidence; i++)
		idx[i] = &sc->evidence[i];
	if (sc->nevidence > 0)
		qsort(idx, sc->nevidence, sizeof *idx, report_cmp_evidence);
	return idx;
}

static const struct scorecard_evidence *report_find_evidence(const struct scorecard_evidence **idx,
                                                             size_t n, const char *id)
{
	struct scorecard_evidence key = {.id = id};
	const struct scorecard_evidence *kp = &key, **hit;

	if (n == 0)
		return NULL;
	hit = bsearch(&kp, idx, n, sizeof *idx, report_cmp_evidence);
	return hit != NULL ? *hit : NULL;
}

/* Appends one change to the array *arr of *n entries (room for cap entries). */
static struct report_change *report_push(struct report_change *arr, size_t *n)
{
	return &arr[(*n)++];
}

static const char *report_date(struct report_view *v, const char *rfc);

/* Why a retained value moved though the answer did not: a check's cap that came or went. */
static const char *report_cap_cause(struct report_view *v, const struct scorecard_answer *a,
                                    const struct scorecard_answer *b)
{
	enum vg_lang l = v->lang;
	char *s;
	const char *out;

	if (strcmp(a->answer, b->answer) != 0)
		return NULL;
	if (b->capped_by != NULL && b->retained < a->retained)
		s = vg_asprintf(
		    "%s %s %s",
		    report_tr(l, "réponse inchangée : la vérification", "same answer: the check"),
		    b->capped_by, report_tr(l, "plafonne la valeur", "caps the value"));
	else if (a->capped_by != NULL && b->retained > a->retained)
		s = vg_asprintf(
		    "%s %s %s",
		    report_tr(l, "réponse inchangée : la vérification", "same answer: the check"),
		    a->capped_by,
		    report_tr(l, "ne plafonne plus la valeur", "no longer caps the value"));
	else
		return NULL;
	out = report_clean(&v->arena, s);
	free(s);
	return out;
}

static void report_build_diff(struct report_view *v, const struct scorecard *o,
                              const struct scorecard *n, const struct vg_questionnaire *q)
{
	struct report_diff *d = vg_arena_alloc(&v->arena, sizeof *d);
	const struct scorecard_answer **oidx = report_index(&v->arena, o);
	const struct scorecard_evidence **oev = report_ev_index(&v->arena, o);
	const struct scorecard_evidence **nev = report_ev_index(&v->arena, n);
	size_t na = n->nanswers + 1, ne = o->nevidence + n->nevidence + 1;
	enum vg_lang l = v->lang;

	d->old_scored = o->scored;
	d->old_overall = o->overall;
	d->old_grade = o->grade;
	d->old_date = report_date(v, o->generated_at);
	if (strcmp(o->q_version, n->q_version) != 0) {
		char *s = vg_asprintf(
		    "%s %s -> %s",
		    report_tr(l, "Version du questionnaire :", "Questionnaire version:"),
		    o->q_version, n->q_version);

		d->note = report_clean(&v->arena, s);
		free(s);
	}
	d->rose = vg_arena_alloc(&v->arena, na * sizeof *d->rose);
	d->fell = vg_arena_alloc(&v->arena, na * sizeof *d->fell);
	d->found = vg_arena_alloc(&v->arena, ne * sizeof *d->found);
	d->fixed = vg_arena_alloc(&v->arena, ne * sizeof *d->fixed);
	d->gone = vg_arena_alloc(&v->arena, ne * sizeof *d->gone);
	for (size_t i = 0; i < n->nanswers; i++) {
		const struct scorecard_answer *b = &n->answers[i];
		const struct scorecard_answer *a =
		    report_find_answer(oidx, o->nanswers, b->question);
		struct report_change *c;

		if (a == NULL || a->retained < 0 || b->retained < 0 || a->retained == b->retained)
			continue;
		c = b->retained > a->retained ? report_push(d->rose, &d->nrose)
		                              : report_push(d->fell, &d->nfell);
		c->id = report_clean(&v->arena, b->question);
		c->label = report_question(v, q, b->question);
		c->before = report_answer_words(v, q, a);
		c->after = report_answer_words(v, q, b);
		c->vbefore = a->retained;
		c->vafter = b->retained;
		c->cause = report_cap_cause(v, a, b);
	}
	for (size_t i = 0; i < n->nevidence; i++) {
		const struct scorecard_evidence *b = &n->evidence[i];
		const struct scorecard_evidence *a = report_find_evidence(oev, o->nevidence, b->id);
		struct report_change *c;

		if (report_bad_status(b->status) && (a == NULL || !report_bad_status(a->status)))
			c = report_push(d->found, &d->nfound);
		else if (!report_bad_status(b->status) && a != NULL &&
		         report_bad_status(a->status) && strcmp(b->status, "pass") == 0)
			c = report_push(d->fixed, &d->nfixed);
		else
			continue;
		c->id = report_clean(&v->arena, b->id);
		/* A fixed finding is told by what was wrong, a new one by what is. */
		if (report_bad_status(b->status) || a == NULL || a->reason.fr == NULL)
			c->label = b->reason.fr != NULL ? report_clean_text(v, &b->reason) : c->id;
		else
			c->label = report_clean_text(v, &a->reason);
		c->before = a != NULL ? report_status_words(l, a->status)
		                      : report_tr(l, "absent", "absent");
		c->after = report_status_words(l, b->status);
		c->vbefore = c->vafter = -1;
	}
	for (size_t i = 0; i < o->nevidence; i++) {
		const struct scorecard_evidence *a = &o->evidence[i];
		struct report_change *c;

		if (!report_bad_status(a->status) ||
		    report_find_evidence(nev, n->nevidence, a->id) != NULL)
			continue;
		c = report_push(d->gone, &d->ngone);
		c->id = report_clean(&v->arena, a->id);
		c->label = a->reason.fr != NULL ? report_clean_text(v, &a->reason) : c->id;
		c->before = report_status_words(l, a->status);
		c->after = report_tr(l, "plus vérifié", "no longer checked");
		c->vbefore = c->vafter = -1;
	}
	for (size_t i = 0; i < v->ndoms; i++) {
		for (size_t k = 0; k < o->ndomains; k++) {
			if (strcmp(o->domains[k].id, v->doms[i].id) != 0)
				continue;
			v->doms[i].prev_has = true;
			v->doms[i].prev_scored = o->domains[k].scored;
			v->doms[i].prev = o->domains[k].score;
		}
	}
	v->diff = d;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long report_days(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Civil date of a day count since 1970-01-01. */
static void report_civil(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Day count of the last Sunday of month m of year y. */
static long report_last_sunday(long y, long m)
{
	long last = report_days(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
	long wd = ((last % 7) + 7 + 4) % 7; /* 1970-01-01 was a Thursday (4) */

	return last - wd;
}

bool report_paris_time(const char *rfc, struct report_tm *tm)
{
	int y, mo, d, h, mi, se = 0;
	long days, t, start, end, off;
	char z = 0;

	if (rfc == NULL ||
	    sscanf(rfc, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &se, &z) != 7 ||
	    z != 'Z' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return false;
	days = report_days(y, mo, d);
	t = days * 86400 + h * 3600L + mi * 60L + se;
	/* Europe/Paris: UTC+1, and UTC+2 from the last Sunday of March 01:00 UTC to the last
	 * Sunday of October 01:00 UTC (the EU rule since 1996). Written here so that the
	 * report does not depend on the machine's TZ or tzdata. */
	start = report_last_sunday(y, 3) * 86400 + 3600;
	end = report_last_sunday(y, 10) * 86400 + 3600;
	off = t >= start && t < end ? 7200 : 3600;
	t += off;
	report_civil(t >= 0 ? t / 86400 : (t - 86399) / 86400, &tm->year, &tm->month, &tm->day);
	t -= (t >= 0 ? t / 86400 : (t - 86399) / 86400) * 86400;
	tm->hour = (int)(t / 3600);
	tm->min = (int)(t % 3600 / 60);
	tm->utc_offset = (int)(off / 3600);
	return true;
}

void report_date_words(enum vg_lang lang, const char *rfc, bool with_time, char *out, size_t outlen)
{
	static const char *const fr[] = {"janvier",   "février", "mars",     "avril",
	                                 "mai",       "juin",    "juillet",  "août",
	                                 "septembre", "octobre", "novembre", "décembre"};
	static const char *const en[] = {"January",   "February", "March",    "April",
	                                 "May",       "June",     "July",     "August",
	                                 "September", "October",  "November", "December"};
	struct report_tm tm;

	if (!report_paris_time(rfc, &tm)) {
		snprintf(out, outlen, "%s", rfc != NULL ? rfc : "");
		return;
	}
	if (lang == VG_LANG_EN) {
		if (with_time)
			snprintf(out, outlen, "%ld %s %ld, %02d:%02d (Paris time)", tm.day,
			         en[tm.month - 1], tm.year, tm.hour, tm.min);
		else
			snprintf(out, outlen, "%ld %s %ld", tm.day, en[tm.month - 1], tm.year);
		return;
	}
	if (with_time)
		snprintf(out, outlen, "%ld%s %s %ld, %d h %02d", tm.day, tm.day == 1 ? "er" : "",
		         fr[tm.month - 1], tm.year, tm.hour, tm.min);
	else
		snprintf(out, outlen, "%ld%s %s %ld", tm.day, tm.day == 1 ? "er" : "",
		         fr[tm.month - 1], tm.year);
}

/* A scorecard's UTC date in words, in Paris local time. */
static const char *report_date(struct report_view *v, const char *rfc)
{
	char buf[96];

	report_date_words(v->lang, rfc, true, buf, sizeof buf);
	return report_clean(&v->arena, buf);
}

void report_view_build(struct report_view *v, const struct scorecard *sc,
                       const struct report_opts *o)
{
	const struct vg_questionnaire *q = o->q;
	const struct scorecard_answer **idx;

	memset(v, 0, sizeof *v);
	vg_arena_init(&v->arena);
	v->lang = o->lang;
	if (q != NULL && strcmp(q->sha256_hex, sc->q_sha256) != 0)
		q = NULL;
	v->have_q = q != NULL;
	v->org = sc->org_name != NULL ? report_clean(&v->arena, sc->org_name) : NULL;
	v->insee = sc->org_insee != NULL ? report_clean(&v->arena, sc->org_insee) : NULL;
	v->contact = sc->org_contact != NULL ? report_clean(&v->arena, sc->org_contact) : NULL;
	v->date = report_date(v, sc->generated_at);
	v->qtitle = report_clean_text(v, &sc->q_title);
	v->qid = report_clean(&v->arena, sc->q_id);
	v->qversion = report_clean(&v->arena, sc->q_version);
	v->qsha = report_clean(&v->arena, sc->q_sha256);
	v->tool = report_clean(&v->arena, o->tool_version != NULL ? o->tool_version : "");
	v->scored = sc->scored;
	v->overall = sc->overall;
	v->grade = sc->grade != NULL ? report_clean(&v->arena, sc->grade) : NULL;
	v->critical_cap = sc->critical_cap;
	idx = report_index(&v->arena, sc);
	report_build_domains(v, sc, q, idx);
	report_build_plan(v, sc, q, idx);
	report_build_findings(v, sc, q);
	v->detail = o->detail;
	report_build_clarify(v, sc, q, idx);
	if (o->previous != NULL)
		report_build_diff(v, o->previous, sc, q);
	v->sig = o->sig != NULL && o->sig->present ? o->sig : NULL;
	v->sig_name = o->sig_name != NULL ? report_clean(&v->arena, o->sig_name) : NULL;
}

void report_view_free(struct report_view *v)
{
	vg_arena_free(&v->arena);
}
