/* tui flow: navigation, saving, checks, result and export, shared by both front ends. */
#include "flow.h"

#include "assess_checks.h"
#include "check/dns.h"
#include "check/tls.h"
#include "paths.h"

#include <ctype.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#ifndef VIGIE_LOCALEDIR
#define VIGIE_LOCALEDIR "/usr/local/share/locale"
#endif

/* Decodes one UTF-8 sequence at s (n bytes left); returns its length (>= 1) and sets *cp
 * (U+FFFD for a bad sequence, which then counts one byte). */
static size_t tui_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t k;
	uint32_t c = s[0];

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		k = 1, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 2, c &= 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 3, c &= 0x07;
	else
		goto bad;
	if (k >= n)
		goto bad;
	for (size_t i = 1; i <= k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((k == 2 && c < 0x800) || (k == 3 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return k + 1;
bad:
	*cp = 0xfffd;
	return 1;
}

/* ASCII stand-ins for the characters French text and the UI use. */
static const struct {
	uint32_t cp;
	const char *s;
} tui_translit[] = {
    {0xa0, " "},    {0xab, "\""},  {0xbb, "\""},    {0xb0, "o"},     {0xd7, "x"},    {0xc0, "A"},
    {0xc2, "A"},    {0xc4, "A"},   {0xc7, "C"},     {0xc8, "E"},     {0xc9, "E"},    {0xca, "E"},
    {0xcb, "E"},    {0xce, "I"},   {0xcf, "I"},     {0xd4, "O"},     {0xd6, "O"},    {0xd9, "U"},
    {0xdb, "U"},    {0xdc, "U"},   {0xe0, "a"},     {0xe1, "a"},     {0xe2, "a"},    {0xe4, "a"},
    {0xe7, "c"},    {0xe8, "e"},   {0xe9, "e"},     {0xea, "e"},     {0xeb, "e"},    {0xec, "i"},
    {0xed, "i"},    {0xee, "i"},   {0xef, "i"},     {0xf1, "n"},     {0xf2, "o"},    {0xf3, "o"},
    {0xf4, "o"},    {0xf6, "o"},   {0xf9, "u"},     {0xfa, "u"},     {0xfb, "u"},    {0xfc, "u"},
    {0xfd, "y"},    {0xff, "y"},   {0x152, "OE"},   {0x153, "oe"},   {0xc6, "AE"},   {0xe6, "ae"},
    {0x178, "Y"},   {0x2018, "'"}, {0x2019, "'"},   {0x201a, "'"},   {0x201c, "\""}, {0x201d, "\""},
    {0x201e, "\""}, {0x2013, "-"}, {0x2014, "-"},   {0x2026, "..."}, {0x202f, " "},  {0x2022, "*"},
    {0x25cf, "*"},  {0x25cb, " "}, {0x2588, "#"},   {0x2591, "."},   {0x2190, "<-"}, {0x2192, "->"},
    {0x2191, "^"},  {0x2193, "v"}, {0x20ac, "EUR"}, {0x2500, "-"},   {0x2502, "|"},  {0x25b8, ">"},
    {0x2714, "x"},
};

void tui_ascii(const char *str, char *out, size_t outlen)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), o = 0;

	if (outlen == 0)
		return;
	while (n > 0) {
		uint32_t cp;
		size_t k = tui_decode(s, n, &cp);
		const char *rep = "?";
		char one[2] = {0};

		if (cp < 0x80) {
			one[0] = (char)cp;
			rep = one;
		} else {
			for (size_t i = 0; i < sizeof tui_translit / sizeof *tui_translit; i++)
				if (tui_translit[i].cp == cp)
					rep = tui_translit[i].s;
		}
		for (; *rep && o + 1 < outlen; rep++)
			out[o++] = *rep;
		s += k;
		n -= k;
	}
	out[o] = '\0';
}

wchar_t *tui_wide(const char *s, bool utf8, size_t *n)
{
	char *ascii = NULL;
	size_t len, o = 0;
	wchar_t *w;

	if (!utf8) {
		size_t cap = strlen(s) * 3 + 1;

		ascii = vg_malloc(cap);
		tui_ascii(s, ascii, cap);
		s = ascii;
	}
	len = strlen(s);
	w = vg_reallocarray(NULL, len + 1, sizeof *w);
	while (len > 0) {
		uint32_t cp;
		size_t k = tui_decode((const unsigned char *)s, len, &cp);

		w[o++] = (wchar_t)cp;
		s += k;
		len -= k;
	}
	w[o] = L'\0';
	free(ascii);
	if (n != NULL)
		*n = o;
	return w;
}

char *tui_utf8(const wchar_t *w, size_t n)
{
	char *out = vg_malloc(n * 4 + 1), *p = out;

	for (size_t i = 0; i < n; i++) {
		uint32_t c = (uint32_t)w[i];

		if (c >= 0xd800 && c <= 0xdfff)
			c = 0xfffd;
		if (c < 0x80) {
			*p++ = (char)c;
		} else if (c < 0x800) {
			*p++ = (char)(0xc0 | (c >> 6));
			*p++ = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			*p++ = (char)(0xe0 | (c >> 12));
			*p++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*p++ = (char)(0x80 | (c & 0x3f));
		} else if (c <= 0x10ffff) {
			*p++ = (char)(0xf0 | (c >> 18));
			*p++ = (char)(0x80 | ((c >> 12) & 0x3f));
			*p++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*p++ = (char)(0x80 | (c & 0x3f));
		}
	}
	*p = '\0';
	return out;
}

bool tui_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

const char *tui_lang_name(enum vg_lang lang)
{
	return lang == VG_LANG_EN ? "English" : "Français";
}

void tui_i18n_set(enum vg_lang lang)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);

	/* Only C.UTF-8 may be installed: gettext ignores LANGUAGE under the C locale, so
	 * messages use C.UTF-8 and the catalogue is chosen by vigie's own language. */
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		if (setlocale(LC_MESSAGES, "C.UTF-8") == NULL)
			setlocale(LC_MESSAGES, "C.utf8");
	setenv("LANGUAGE", lang == VG_LANG_EN ? "en" : "fr", 1);
	/* No catalogue found: gettext returns the French msgids. */
	bindtextdomain("vigie", paths_locale_dir() != NULL ? paths_locale_dir() : VIGIE_LOCALEDIR);
	bind_textdomain_codeset("vigie", "UTF-8");
	textdomain("vigie"); /* also makes gettext forget what it cached */
}

void tui_flow_init(struct tui_app *app, const struct tui_opts *o)
{
	const char *tp = getenv("VIGIE_TUI_TRACE");

	memset(app, 0, sizeof *app);
	app->o = o;
	app->q = o->q;
	app->s = o->s;
	app->ev = o->s->checks.ev;
	app->nev = o->s->checks.nev;
	app->checks_done = o->s->checks.run_at[0] != '\0';
	if (tp != NULL && *tp != '\0') {
		int fd = open(tp, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);

		if (fd >= 0)
			app->trace = fdopen(fd, "a");
	}
}

void tui_flow_trace(struct tui_app *app, const char *event)
{
	struct timespec ts;

	if (app->trace == NULL)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(app->trace, "%s %lld%09ld\n", event, (long long)ts.tv_sec, ts.tv_nsec);
	if (!app->traced_cpu && strcmp(event, "frame") == 0) {
		/* CPU time to the first screen: start-up cost without the machine's load. */
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
		fprintf(app->trace, "cpu_ns %lld%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
		app->traced_cpu = true;
	}
	fflush(app->trace);
}

void tui_flow_done(struct tui_app *app)
{
	app->ev = NULL;
	if (app->trace != NULL) {
		struct rusage ru;

		getrusage(RUSAGE_SELF, &ru);
		fprintf(app->trace, "maxrss_kb %ld\n", ru.ru_maxrss);
		fclose(app->trace);
		app->trace = NULL;
	}
}

bool tui_flow_applies(const struct tui_app *app, size_t i)
{
	return score_applies(app->s->as, app->q->all[i]);
}

size_t tui_flow_step(const struct tui_app *app, size_t i, int dir)
{
	size_t n = app->q->nall;

	if (i >= n)
		return TUI_NONE;
	for (;;) {
		if (dir < 0 && i == 0)
			return TUI_NONE;
		i = dir < 0 ? i - 1 : i + 1;
		if (i >= n)
			return TUI_NONE;
		if (tui_flow_applies(app, i))
			return i;
	}
}

size_t tui_flow_first(const struct tui_app *app)
{
	if (app->q->nall == 0)
		return TUI_NONE;
	return tui_flow_applies(app, 0) ? 0 : tui_flow_step(app, 0, 1);
}

size_t tui_flow_next_unanswered(const struct tui_app *app, size_t i)
{
	size_t n = app->q->nall;

	for (size_t k = 1; k <= n; k++) {
		size_t j = (i + k) % n;

		if (tui_flow_applies(app, j) && app->s->as->a[j].kind == VG_ANS_NONE)
			return j;
	}
	return TUI_NONE;
}

/* The domain index of question i, -1 for context. */
static int tui_flow_domain_of(const struct tui_app *app, size_t i)
{
	const struct vg_domain *d = app->q->all[i]->domain;

	return d == NULL ? -1 : (int)d->index;
}

size_t tui_flow_domain_start(const struct tui_app *app, int d)
{
	size_t first = TUI_NONE;

	for (size_t i = 0; i < app->q->nall; i++) {
		if (tui_flow_domain_of(app, i) != d || !tui_flow_applies(app, i))
			continue;
		if (first == TUI_NONE)
			first = i;
		if (app->s->as->a[i].kind == VG_ANS_NONE)
			return i;
	}
	return first;
}

/* Lowercase ASCII of s, accents dropped, into a new string (caller frees). */
static char *tui_fold(const char *s)
{
	size_t cap = strlen(s) * 3 + 1;
	char *out = vg_malloc(cap);

	tui_ascii(s, out, cap);
	for (char *p = out; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return out;
}

static bool tui_flow_matches(const char *hay, const char *needle)
{
	char *h;
	bool hit;

	if (hay == NULL)
		return false;
	h = tui_fold(hay);
	hit = strstr(h, needle) != NULL;
	free(h);
	return hit;
}

size_t tui_flow_search(const struct tui_app *app, size_t i, const char *needle)
{
	size_t n = app->q->nall;
	enum vg_lang l = app->s->lang;
	char *nd = tui_fold(needle);
	size_t found = TUI_NONE;

	if (*nd == '\0' || n == 0) {
		free(nd);
		return TUI_NONE;
	}
	for (size_t k = 1; k <= n && found == TUI_NONE; k++) {
		size_t j = (i == TUI_NONE ? k - 1 : i + k) % n;
		const struct vg_question *qn = app->q->all[j];

		if (!tui_flow_applies(app, j))
			continue;
		if (tui_flow_matches(qn->id, nd) ||
		    tui_flow_matches(model_text(&qn->text, l), nd) ||
		    tui_flow_matches(model_text(&qn->help, l), nd))
			found = j;
		for (size_t o = 0; o < qn->noptions && found == TUI_NONE; o++)
			if (tui_flow_matches(model_text(&qn->options[o].text, l), nd))
				found = j;
	}
	free(nd);
	return found;
}

void tui_flow_domain_progress(const struct tui_app *app, int d, size_t *answered, size_t *asked)
{
	*answered = *asked = 0;
	for (size_t i = 0; i < app->q->nall; i++) {
		if (tui_flow_domain_of(app, i) != d || !tui_flow_applies(app, i))
			continue;
		(*asked)++;
		if (app->s->as->a[i].kind != VG_ANS_NONE)
			(*answered)++;
	}
}

void tui_flow_rank(const struct tui_app *app, size_t i, size_t *rank, size_t *count)
{
	int d = tui_flow_domain_of(app, i);

	*rank = *count = 0;
	for (size_t j = 0; j < app->q->nall; j++) {
		if (tui_flow_domain_of(app, j) != d || !tui_flow_applies(app, j))
			continue;
		(*count)++;
		if (j <= i)
			(*rank)++;
	}
}

const char *tui_flow_domain_title(const struct tui_app *app, size_t i)
{
	const struct vg_domain *d = app->q->all[i]->domain;

	return d == NULL ? _("Contexte") : model_text(&d->title, app->s->lang);
}

int tui_flow_answer(struct tui_app *app, size_t i, enum vg_answer_kind kind,
                    const struct vg_option *opt, struct vg_err *err)
{
	struct vg_answer *a = &app->s->as->a[i];

	if (kind == VG_ANS_NA && (a->note == NULL || *a->note == '\0'))
		return vg_err_set(err, VG_EINPUT, "%s",
		                  _("« Non applicable » demande une note qui explique pourquoi."));
	a->kind = kind;
	a->option = kind == VG_ANS_OPTION ? opt : NULL;
	app->s->pos = i;
	return session_save(app->s, err);
}

int tui_flow_note(struct tui_app *app, size_t i, const char *note, struct vg_err *err)
{
	struct vg_answer *a = &app->s->as->a[i];

	if (note != NULL && strlen(note) > SESSION_MAX_NOTE)
		return vg_err_set(err, VG_EINPUT, _("Note trop longue (%u octets au plus)."),
		                  SESSION_MAX_NOTE);
	model_answer_set_note(app->s->as, i, note != NULL && *note != '\0' ? note : NULL);
	/* A "non applicable" whose note was removed is no longer an answer. */
	if (a->kind == VG_ANS_NA && a->note == NULL)
		a->kind = VG_ANS_NONE;
	return session_save(app->s, err);
}

int tui_flow_review(struct tui_app *app, size_t i, struct vg_err *err)
{
	app->s->as->a[i].review = !app->s->as->a[i].review;
	return session_save(app->s, err);
}

int tui_flow_goto(struct tui_app *app, size_t i, enum session_screen screen, struct vg_err *err)
{
	if (i != TUI_NONE)
		app->s->pos = i;
	app->s->screen = screen;
	return session_save(app->s, err);
}

/* True for a French INSEE code: five digits, or 2A/2B followed by three digits. */
static bool tui_insee_ok(const char *v)
{
	if (strlen(v) != 5)
		return false;
	for (int i = 0; i < 5; i++) {
		if (isdigit((unsigned char)v[i]))
			continue;
		if (i == 1 && v[0] == '2' &&
		    (v[1] == 'A' || v[1] == 'B' || v[1] == 'a' || v[1] == 'b'))
			continue;
		return false;
	}
	return true;
}

int tui_flow_org(struct tui_app *app, int field, const char *value, struct vg_err *err)
{
	struct vg_org *org = &app->s->as->org;
	char **slot = field == 0 ? &org->name : field == 1 ? &org->insee : &org->contact;

	if (strlen(value) > SESSION_MAX_ORG)
		return vg_err_set(err, VG_EINPUT, "%s", _("Texte trop long."));
	if (field == 1 && *value != '\0' && !tui_insee_ok(value))
		return vg_err_set(err, VG_EINPUT, "%s",
		                  _("Code INSEE : cinq caractères, des chiffres (2A ou 2B pour "
		                    "la Corse)."));
	free(*slot);
	*slot = *value != '\0' ? vg_strdup(value) : NULL;
	if (field == 1 && *slot != NULL)
		for (char *p = *slot; *p; p++)
			*p = (char)toupper((unsigned char)*p);
	return session_save(app->s, err);
}

const char *tui_flow_answer_label(const struct tui_app *app, size_t i)
{
	const struct vg_answer *a = &app->s->as->a[i];

	switch (a->kind) {
	case VG_ANS_OPTION:
		return model_text(&a->option->text, app->s->lang);
	case VG_ANS_UNKNOWN:
		return _("Je ne sais pas");
	case VG_ANS_NA:
		return _("Non applicable");
	case VG_ANS_NONE:
		break;
	}
	return "";
}

/* Now, or SOURCE_DATE_EPOCH when it is set (as the scorecard's generated_at), in UTC. */
static void tui_flow_now(struct tm *tm)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	char *end;

	if (sde != NULL && *sde != '\0') {
		long long v = strtoll(sde, &end, 10);

		if (*end == '\0' && v >= 0 && v < 253402300800LL)
			t = (time_t)v;
	}
	gmtime_r(&t, tm);
}

void tui_flow_sync_checks(struct tui_app *app)
{
	app->ev = app->s->checks.ev;
	app->nev = app->s->checks.nev;
	app->checks_done = app->s->checks.run_at[0] != '\0';
}

size_t tui_flow_server_count(struct tui_app *app)
{
	const struct tui_hooks *h = app->o->hooks;

	if (h->checks_run == NULL)
		return 0;
	if (!app->nchecks_known) {
		app->nchecks = h->checks_count != NULL ? h->checks_count(app->q) : 1;
		app->nchecks_known = true;
	}
	return app->nchecks;
}

bool tui_flow_machine_asked(struct tui_app *app)
{
	return tui_flow_server_count(app) > 0 && app->o->check_root == NULL &&
	       app->s->machine == SESSION_MACHINE_UNKNOWN;
}

bool tui_flow_server_runs(struct tui_app *app)
{
	return tui_flow_server_count(app) > 0 &&
	       (app->o->check_root != NULL || app->s->machine == SESSION_MACHINE_SERVER);
}

int tui_flow_machine_set(struct tui_app *app, enum session_machine m, struct vg_err *err)
{
	if (app->s->machine != m && app->checks_done) {
		/* The checks run said something about another machine. */
		session_checks_clear(app->s);
		tui_flow_sync_checks(app);
	}
	app->s->machine = m;
	return session_save(app->s, err);
}

const char *tui_flow_checks_when(const struct tui_app *app)
{
	static char out[48];
	const char *at = app->s->checks.run_at;

	/* 2026-12-05T10:00:00Z */
	if (strlen(at) >= 16 && at[10] == 'T')
		snprintf(out, sizeof out, "%.10s %.5s UTC", at, at + 11);
	else
		snprintf(out, sizeof out, "%s", at);
	return out;
}

size_t tui_flow_checks_count(struct tui_app *app)
{
	if (app->o->hooks->checks_run == NULL)
		return 0;
	return (tui_flow_server_runs(app) ? tui_flow_server_count(app) : 0) +
	       tui_flow_targets_count(app) + tui_flow_domain_count(app);
}

/* The option id of the answer to question qid, or NULL when it has none. */
static const char *tui_flow_ctx_option(const struct tui_app *app, const char *qid)
{
	const struct vg_question *qn = model_find_question(app->q, qid);

	if (qn == NULL || app->s->as->a[qn->index].kind != VG_ANS_OPTION)
		return NULL;
	return app->s->as->a[qn->index].option->id;
}

bool tui_flow_target_proposed(const struct tui_app *app, int which)
{
	const char *opt;

	if (app->o->hooks->checks_run == NULL)
		return false;
	if (which == 0) {
		opt = tui_flow_ctx_option(app, "ctx.site_web");
		return opt != NULL && strcmp(opt, "non") != 0 &&
		       model_find_question(app->q, "messagerie_web.site_https") != NULL;
	}
	/* Consumer mailboxes (Gmail, Orange...) are not the commune's to configure. */
	opt = tui_flow_ctx_option(app, "ctx.messagerie");
	return opt != NULL && strcmp(opt, "webmail_grand_public") != 0 &&
	       model_find_question(app->q, "messagerie_web.messagerie_tls") != NULL;
}

const char *tui_flow_target(const struct tui_app *app, int which)
{
	return which == 0 ? app->s->target_site : app->s->target_mail;
}

size_t tui_flow_targets_count(const struct tui_app *app)
{
	size_t n = 0;

	for (int w = 0; w < 2; w++)
		n += tui_flow_target_proposed(app, w) && tui_flow_target(app, w) != NULL;
	return n;
}

int tui_flow_target_set(struct tui_app *app, int which, const char *value, struct vg_err *err)
{
	char **slot = which == 0 ? &app->s->target_site : &app->s->target_mail;
	struct tls_target t;
	struct vg_err perr = {0};
	char host[256];

	while (*value == ' ' || *value == '\t')
		value++;
	if (strlen(value) > SESSION_MAX_TARGET)
		return vg_err_set(err, VG_EINPUT, "%s", _("Adresse trop longue."));
	for (const char *c = value; *c != '\0'; c++)
		if ((unsigned char)*c <= 0x20 || *c == 0x7f)
			return vg_err_set(
			    err, VG_EINPUT, "%s",
			    _("Adresse refusée : elle contient une espace ou un caractère "
			      "de contrôle."));
	if (*value != '\0' && tls_parse_target(value, host, sizeof host, &t, &perr) != 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("Adresse refusée (%s) : donnez un nom de machine, suivi au "
		                    "besoin de :port, par exemple %s."),
		                  perr.msg,
		                  which == 0 ? "www.mairie-exemple.fr" : "mail.mairie-exemple.fr");
	if (app->checks_done && strcmp(*slot != NULL ? *slot : "", value) != 0) {
		/* What was probed is no longer what is asked: the checks are to be run again. */
		session_checks_clear(app->s);
		tui_flow_sync_checks(app);
	}
	free(*slot);
	*slot = *value != '\0' ? vg_strdup(value) : NULL;
	return session_save(app->s, err);
}

bool tui_flow_domain_proposed(const struct tui_app *app)
{
	static const char *const informs[] = {"messagerie_web.spf_dkim_dmarc",
	                                      "messagerie_web.messagerie_tls",
	                                      "messagerie_web.nom_domaine"};
	const char *mail = tui_flow_ctx_option(app, "ctx.messagerie");
	const char *site = tui_flow_ctx_option(app, "ctx.site_web");
	bool informed = false;

	if (app->o->hooks->checks_run == NULL)
		return false;
	for (size_t i = 0; i < sizeof informs / sizeof informs[0]; i++)
		informed |= model_find_question(app->q, informs[i]) != NULL;
	/* Its own domain: a professional mail service (addresses of the commune's name) or a
	 * website; consumer mailboxes and no website give none to look at. */
	return informed && ((mail != NULL && strcmp(mail, "webmail_grand_public") != 0) ||
	                    (site != NULL && strcmp(site, "non") != 0));
}

const char *tui_flow_domain(const struct tui_app *app)
{
	return app->s->target_domain;
}

size_t tui_flow_domain_count(const struct tui_app *app)
{
	const char *d = app->s->target_domain;

	return tui_flow_domain_proposed(app) && d != NULL && *d != '\0' ? 1 : 0;
}

bool tui_flow_domain_guess(const struct tui_app *app, char *out, size_t size)
{
	const char *contact = app->s->as->org.contact;

	/* The contact's e-mail address first (when the field is one), then the website's and
	 * the mail server's names. */
	if (contact != NULL && strchr(contact, '@') != NULL && strpbrk(contact, " ,;<>") == NULL &&
	    assess_dns_guess(app->s->target_site, contact, out, size) == 0)
		return true;
	return assess_dns_guess(app->s->target_site, app->s->target_mail, out, size) == 0;
}

const char *tui_flow_domain_prefill(const struct tui_app *app, char *buf, size_t size)
{
	const char *d = app->s->target_domain;

	if (d != NULL)
		return d;
	return tui_flow_domain_guess(app, buf, size) ? buf : "";
}

int tui_flow_domain_set(struct tui_app *app, const char *value, struct vg_err *err)
{
	char norm[DNSREC_NAME_MAX], in[SESSION_MAX_TARGET + 1];
	struct vg_err derr = {0};
	size_t n;

	while (*value == ' ' || *value == '\t')
		value++;
	n = strlen(value);
	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t'))
		n--;
	if (n > SESSION_MAX_TARGET)
		return vg_err_set(err, VG_EINPUT, "%s", _("Nom de domaine trop long."));
	memcpy(in, value, n);
	in[n] = '\0';
	norm[0] = '\0';
	/* A commune's domain has a dot: "v" or "oui" typed here is an answer gone astray. */
	if (n > 0 && (dns_domain_normalise(in, norm, &derr) != 0 || strchr(norm, '.') == NULL))
		return vg_err_set(err, VG_EINPUT,
		                  _("Nom de domaine refusé : donnez le nom seul, sans http:// ni "
		                    "adresse, par exemple %s."),
		                  "mairie-exemple.fr");
	if (app->checks_done && app->s->target_domain != NULL &&
	    strcmp(app->s->target_domain, norm) != 0) {
		/* What was looked at is no longer what is asked: the checks are to be run again. */
		session_checks_clear(app->s);
		tui_flow_sync_checks(app);
	}
	free(app->s->target_domain);
	app->s->target_domain = vg_strdup(norm);
	return session_save(app->s, err);
}

/* What a check's status is called in the UI. */
static const char *tui_flow_status_name(enum vg_check_status st)
{
	switch (st) {
	case VG_CHECK_PASS:
		return _("conforme");
	case VG_CHECK_WARN:
		return _("à vérifier");
	case VG_CHECK_FAIL:
		return _("non conforme");
	case VG_CHECK_ERROR:
		return _("erreur");
	case VG_CHECK_SKIPPED:
		return _("sans objet");
	}
	return "?";
}

/* Appends text to b with every line after the first indented by indent spaces. */
static void tui_flow_indented(struct vg_buf *b, const char *text, int indent)
{
	for (const char *c = text; *c != '\0'; c++) {
		vg_buf_printf(b, "%c", *c);
		if (*c == '\n' && c[1] != '\0')
			vg_buf_printf(b, "%*s", indent, "");
	}
}

const char *tui_flow_check_title(const struct tui_app *app, const struct vg_evidence *e)
{
	const struct vg_text *t = assess_checks_title(e->check_id);

	return t != NULL ? model_text(t, app->s->lang) : _("autre vérification");
}

const char *tui_flow_check_reason(const struct tui_app *app, const struct vg_evidence *e)
{
	const struct vg_text *t = assess_checks_title(e->check_id);
	const char *reason = e->reason.fr != NULL ? model_text(&e->reason, app->s->lang) : NULL;

	if (reason == NULL || reason[0] == '\0' ||
	    (t != NULL && t->fr != NULL && strcmp(e->reason.fr, t->fr) == 0))
		return NULL;
	return reason;
}

/* What to say under a check's title: why it could not run or was not run, else the
 * summary of its rules (count, directories, what to do) rather than paths, else its
 * reasons when they say more than its title (TLS); NULL when there is nothing more. */
static const char *tui_flow_evidence_text(const struct tui_app *app, const struct vg_evidence *e,
                                          const struct vg_text *title)
{
	enum vg_lang l = app->s->lang;
	const char *reason = e->reason.fr != NULL ? model_text(&e->reason, l) : NULL;

	if (e->status == VG_CHECK_ERROR || e->status == VG_CHECK_SKIPPED)
		return reason;
	if (e->detail.fr != NULL && e->detail.fr[0] != '\0')
		return model_text(&e->detail, l);
	if (reason == NULL || reason[0] == '\0' ||
	    (title != NULL && title->fr != NULL && strcmp(e->reason.fr, title->fr) == 0))
		return NULL;
	return reason;
}

char *tui_flow_checks_summary(const struct tui_app *app)
{
	size_t n[5] = {0};
	struct vg_buf b;

	vg_buf_init(&b, 1u << 20);
	for (size_t i = 0; i < app->nev; i++)
		if ((size_t)app->ev[i].status < 5)
			n[app->ev[i].status]++;
	if (app->s->checks.where != NULL)
		vg_buf_printf(&b, _("Vérifications du %s, sur %s."), tui_flow_checks_when(app),
		              app->s->checks.where);
	else
		vg_buf_printf(&b, _("Vérifications du %s."), tui_flow_checks_when(app));
	vg_buf_puts(&b, "\n");
	vg_buf_printf(&b,
	              _("Vérifications : %zu ; conformes : %zu, non conformes : %zu, à vérifier : "
	                "%zu, en erreur : %zu, sans objet : %zu."),
	              app->nev, n[VG_CHECK_PASS], n[VG_CHECK_FAIL], n[VG_CHECK_WARN],
	              n[VG_CHECK_ERROR], n[VG_CHECK_SKIPPED]);
	for (size_t i = 0; i < app->nev; i++) {
		const struct vg_evidence *e = &app->ev[i];
		const struct vg_text *t = assess_checks_title(e->check_id);
		const char *title = tui_flow_check_title(app, e);
		const char *more = tui_flow_evidence_text(app, e, t);

		/* Skipped checks (nothing to check here) are counted only; interrupted ones are
		 * listed. */
		if (e->status == VG_CHECK_PASS ||
		    (e->status == VG_CHECK_SKIPPED &&
		     (e->reason.fr == NULL || strcmp(e->reason.fr, ASSESS_NOT_RUN_FR) != 0)))
			continue;
		/* Its title, never its id: the person does not know the ids. */
		vg_buf_printf(&b, "\n- [%s] %s",
		              e->status == VG_CHECK_SKIPPED ? _("non faite")
		                                            : tui_flow_status_name(e->status),
		              title);
		if (e->cap >= 0)
			vg_buf_printf(&b, _(" (réponses plafonnées à %d)"), e->cap);
		if (more == NULL)
			continue;
		/* The reasons or the rules' summary, gravest first, one per line, whole. */
		/* TRANSLATORS: after a check's title, before its findings (French: " :"). */
		vg_buf_printf(&b, "%s\n    ", _(" :"));
		tui_flow_indented(&b, more, 4);
	}
	return b.data != NULL ? b.data : vg_strdup("");
}

/* What the checks step says of the domain check it will run (nothing when it will not). */
static void tui_flow_domain_offer(const struct tui_app *app, struct vg_buf *b)
{
	if (tui_flow_domain_count(app) == 0)
		return;
	if (b->len > 0)
		vg_buf_puts(b, " ");
	vg_buf_printf(b,
	              _("Le nom de domaine %s sera regardé de l'extérieur (SPF, DKIM, DMARC, "
	                "DNSSEC, MTA-STS, chiffrement des serveurs de messagerie)."),
	              app->s->target_domain);
}

char *tui_flow_checks_offer(struct tui_app *app)
{
	size_t nd = tui_flow_domain_count(app);
	size_t n = tui_flow_checks_count(app) - nd, nt = tui_flow_targets_count(app);
	bool server = tui_flow_server_runs(app);
	struct vg_buf b;

	vg_buf_init(&b, 64u << 10);
	if (server && app->o->check_root != NULL)
		vg_buf_printf(&b, _("Les vérifications du serveur portent sur %s (--check-root)."),
		              app->o->check_root);
	if (b.len > 0)
		vg_buf_puts(&b, " ");
	if (n + nd == 0)
		vg_buf_puts(&b, _(TUI_NO_CHECKS));
	else if (n == 0)
		; /* the domain check alone */
	else if (server && nt == 0)
		vg_buf_printf(&b,
		              ngettext("vigie peut vérifier lui-même certaines réponses sur cette "
		                       "machine (%zu vérification des droits des fichiers).",
		                       "vigie peut vérifier lui-même certaines réponses sur cette "
		                       "machine (%zu vérifications des droits des fichiers).",
		                       n),
		              n);
	else if (server)
		vg_buf_printf(&b,
		              ngettext("vigie peut vérifier lui-même certaines réponses (%zu "
		                       "vérification : droits des fichiers de cette machine, "
		                       "configuration TLS des adresses données).",
		                       "vigie peut vérifier lui-même certaines réponses (%zu "
		                       "vérifications : droits des fichiers de cette machine, "
		                       "configuration TLS des adresses données).",
		                       n),
		              n);
	else
		vg_buf_printf(&b,
		              ngettext("vigie peut vérifier lui-même la configuration TLS des "
		                       "adresses données (%zu vérification).",
		                       "vigie peut vérifier lui-même la configuration TLS des "
		                       "adresses données (%zu vérifications).",
		                       n),
		              n);
	tui_flow_domain_offer(app, &b);
	return b.data;
}

int tui_flow_checks(struct tui_app *app, const struct tui_progress *pg, struct vg_err *err)
{
	const struct tui_hooks *h = app->o->hooks;
	struct vg_evidence *ev = NULL;
	size_t nev = 0;
	char *where = NULL, at[32];
	struct tm tm;

	if (h->checks_run == NULL)
		return 1;
	if (h->checks_run(app->q, app->s->as, tui_flow_server_runs(app),
	                  tui_flow_target_proposed(app, 0) ? app->s->target_site : NULL,
	                  tui_flow_target_proposed(app, 1) ? app->s->target_mail : NULL,
	                  tui_flow_domain_count(app) > 0 ? app->s->target_domain : NULL, pg, &ev,
	                  &nev, &where, err) != 0)
		return -1;
	/* A new run replaces the evidence of the last one, in the session. */
	tui_flow_now(&tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	session_checks_set(app->s, ev, nev, at, where);
	if (h->evidence_free != NULL)
		h->evidence_free(ev, nev);
	free(where);
	tui_flow_sync_checks(app);
	return session_save(app->s, err);
}

void tui_flow_result(const struct tui_app *app, struct score_result *r)
{
	score_compute(app->s->as, app->ev, app->nev, r);
}

char *tui_flow_export_stem(const struct tui_app *app)
{
	const char *who = app->s->as->org.insee != NULL ? app->s->as->org.insee : app->q->id;
	char day[16];

	struct tm tm;

	tui_flow_now(&tm);
	strftime(day, sizeof day, "%Y-%m-%d", &tm);
	return vg_asprintf("%s-%s", who, day);
}

int tui_flow_export(struct tui_app *app, char **done, struct vg_err *err)
{
	const struct tui_hooks *h = app->o->hooks;
	const char *dir = app->o->export_dir != NULL ? app->o->export_dir : ".";
	char *yaml = session_answers_yaml(app->s->as), *sig = NULL, *card = NULL, *note = NULL;
	char *stem = tui_flow_export_stem(app);
	char *answers = vg_asprintf("%s/vigie-reponses-%s.yaml", dir, stem);
	const char **ev_where = NULL;
	int rc = -1;

	*done = NULL;
	/* The answers file is always written: it can be scored again by any later vigie. */
	if (vg_write_atomic(answers, yaml, strlen(yaml), 0600, err) != 0)
		goto out;
	if (h->scorecard_write == NULL) {
		*done = vg_asprintf(_("Réponses écrites : %s (le tableau de bord n'est pas "
		                      "disponible dans cette version)"),
		                    answers);
		rc = 0;
		goto out;
	}
	card = vg_asprintf("%s/vigie-%s.scorecard.json", dir, stem);
	/* A TLS check looked at the address given, not at the machine. */
	ev_where = vg_calloc(app->nev + 1, sizeof *ev_where);
	for (size_t i = 0; i < app->nev; i++)
		ev_where[i] = strcmp(app->ev[i].check_id, "tls.site") == 0   ? app->s->target_site
		              : strcmp(app->ev[i].check_id, "tls.mail") == 0 ? app->s->target_mail
		                                                             : NULL;
	if (h->scorecard_write(app->s->as, app->ev, app->nev,
	                       app->checks_done ? app->s->checks.run_at : NULL,
	                       app->s->checks.where, ev_where, card, err) != 0 ||
	    (h->scorecard_sign != NULL && h->scorecard_sign(card, &sig, &note, err) != 0))
		goto out;
	if (sig != NULL)
		*done = vg_asprintf(_("Exporté : %s, signé (%s), et %s"), card, sig, answers);
	else if (note != NULL)
		*done = vg_asprintf(_("Exporté : %s (non signé : %s) et %s"), card, note, answers);
	else
		*done = vg_asprintf(_("Exporté : %s (non signé) et %s"), card, answers);
	rc = 0;
out:
	free(ev_where);
	free(stem);
	free(note);
	free(sig);
	free(card);
	free(answers);
	free(yaml);
	return rc;
}

const char *tui_flow_q_source(const struct tui_app *app)
{
	const char *src = app->q->source != NULL ? app->q->source : "";

	return strncmp(src, "embedded:", 9) == 0 ? _("intégré à vigie") : src;
}
