/* tui screen: the ncurses assessment (ncursesw is used only in src/tui/). Every key is
 * handled, then the whole screen is drawn again; ncurses sends only what changed. */
#include <curses.h>
#include <term.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "flow.h"

#define TUI_MIN_COLS   80
#define TUI_MIN_ROWS   24
#define TUI_NOTE_MAX   16000 /* wide characters of a note typed in the editor */
#define TUI_LINE_MAX   200   /* wide characters of a one-line field */
#define TUI_KEY_ESC    27
#define TUI_KEY_CTRL_D 4

enum tui_pair {
	TUI_P_TITLE = 1,
	TUI_P_SEL,
	TUI_P_KEYS,
	TUI_P_ERR,
	TUI_P_OK,
	TUI_P_GOOD,
	TUI_P_MID,
	TUI_P_BAD,
	TUI_P_HELP
};

/* What the one editor is editing, when it is open. */
enum tui_edit {
	TUI_ED_NONE,
	TUI_ED_NOTE,
	TUI_ED_NA_NOTE,
	TUI_ED_ORG,
	TUI_ED_SEARCH,
	TUI_ED_TARGET
};

/* Rows of the welcome menu. */
enum tui_welcome_row {
	TUI_W_START,
	TUI_W_NAME,
	TUI_W_INSEE,
	TUI_W_CONTACT,
	TUI_W_LANG,
	TUI_W_NEW,
	TUI_W_QUIT,
	TUI_W_ROWS
};

struct tui {
	struct tui_app app;
	bool utf8, color;
	enum session_screen screen;
	size_t cur; /* current question */
	int sel;    /* highlighted row of the current screen */
	int scroll; /* first line of the result */
	bool help;
	bool confirm_new;
	bool quit;
	char msg[1024];
	bool msg_err;
	enum tui_edit ed;
	int ed_field;   /* organisation field, or target (0 website, 1 mail, 2 domain), edited */
	bool run_after; /* the checks run once the domain field asked before them is given */
	wchar_t *ebuf;
	size_t elen, ecur, emax;
	bool esel; /* the pre-filled value is selected: typing replaces it (one-line fields) */
	struct tui_run *run; /* the checks running, or NULL */
};

static volatile sig_atomic_t tui_signal;

static void tui_on_signal(int sig)
{
	tui_signal = sig;
}

/* Lines of wrapped text: each a range of one wide buffer. */
struct tui_lines {
	wchar_t *buf;
	size_t *off, *len;
	size_t n, cap;
};

static int tui_cw(const struct tui *t, wchar_t c)
{
	int w;

	if (!t->utf8 || c < 0x80)
		return 1;
	w = wcwidth(c);
	return w < 0 ? 1 : w;
}

static void tui_lines_push(struct tui_lines *L, size_t off, size_t len)
{
	if (L->n == L->cap) {
		L->cap = L->cap ? L->cap * 2 : 16;
		L->off = vg_reallocarray(L->off, L->cap, sizeof *L->off);
		L->len = vg_reallocarray(L->len, L->cap, sizeof *L->len);
	}
	L->off[L->n] = off;
	L->len[L->n] = len;
	L->n++;
}

static void tui_lines_free(struct tui_lines *L)
{
	free(L->buf);
	free(L->off);
	free(L->len);
	memset(L, 0, sizeof *L);
}

/* True when the space at buf[i] binds its neighbours, as French typography wants a
 * non-breaking space there: after « and before », :, ;, ! and ?. */
static bool tui_space_binds(const wchar_t *buf, size_t i, size_t len)
{
	if (i > 0 && buf[i - 1] == L'\u00ab')
		return true;
	return i + 1 < len && wcschr(L"\u00bb:;!?", buf[i + 1]) != NULL && buf[i + 1] != L'\0';
}

/* Wraps UTF-8 text s at word boundaries into lines of at most width columns (never
 * between a guillemet or a French high punctuation mark and its word). */
static void tui_wrap(const struct tui *t, const char *s, int width, struct tui_lines *L)
{
	size_t len, i = 0;

	memset(L, 0, sizeof *L);
	L->buf = tui_wide(s != NULL ? s : "", t->utf8, &len);
	for (size_t k = 0; k < len; k++)
		if (L->buf[k] == L'\t' || (L->buf[k] < 32 && L->buf[k] != L'\n'))
			L->buf[k] = L' ';
	if (width < 1)
		width = 1;
	for (;;) {
		size_t start = i, lastsp = TUI_NONE;
		int col = 0;

		while (i < len && L->buf[i] != L'\n') {
			int w = tui_cw(t, L->buf[i]);

			if (col + w > width)
				break;
			if (L->buf[i] == L' ' && !tui_space_binds(L->buf, i, len))
				lastsp = i;
			col += w;
			i++;
		}
		if (i < len && L->buf[i] != L'\n') {
			if (lastsp != TUI_NONE && lastsp > start) {
				tui_lines_push(L, start, lastsp - start);
				i = lastsp + 1;
			} else {
				if (i == start)
					i++;
				tui_lines_push(L, start, i - start);
			}
			continue;
		}
		tui_lines_push(L, start, i - start);
		if (i >= len)
			break;
		i++;
	}
}

/* Draws n wide characters at (y, x), clipped to width columns; returns columns used. */
static int tui_putw(const struct tui *t, int y, int x, int width, const wchar_t *w, size_t n)
{
	int col = 0;
	size_t k = 0;

	while (k < n && col + tui_cw(t, w[k]) <= width)
		col += tui_cw(t, w[k++]);
	if (k > 0)
		mvaddnwstr(y, x, w, (int)k);
	return col;
}

/* Columns of n wide characters. */
static int tui_wcols(const struct tui *t, const wchar_t *w, size_t n)
{
	int col = 0;

	for (size_t k = 0; k < n; k++)
		col += tui_cw(t, w[k]);
	return col;
}

/* The glyph that says a text goes on beyond what is shown. */
static const wchar_t *tui_more(const struct tui *t)
{
	return t->utf8 ? L"\u2026" : L"...";
}

/* Draws n wide characters at (y, x) in width columns; a text too long ends in "…" where it
 * is cut (its start kept, or its end when tail is set); returns columns used. */
static int tui_putw_cut(const struct tui *t, int y, int x, int width, const wchar_t *w, size_t n,
                        bool tail)
{
	const wchar_t *more = tui_more(t);
	int mw = (int)wcslen(more), col = 0;
	size_t k = 0;

	if (tui_wcols(t, w, n) <= width)
		return tui_putw(t, y, x, width, w, n);
	if (width <= mw)
		return tui_putw(t, y, x, width, more, wcslen(more));
	if (tail) {
		k = n;
		while (k > 0 && col + tui_cw(t, w[k - 1]) <= width - mw)
			col += tui_cw(t, w[--k]);
		tui_putw(t, y, x, mw, more, wcslen(more));
		return mw + tui_putw(t, y, x + mw, width - mw, w + k, n - k);
	}
	col = tui_putw(t, y, x, width - mw, w, n);
	return col + tui_putw(t, y, x + col, mw, more, wcslen(more));
}

/* Draws UTF-8 text at (y, x) with attr in width columns, ending in "…" where it is cut;
 * returns columns used. */
static int tui_put(const struct tui *t, int y, int x, int width, const char *s, int attr)
{
	size_t n;
	wchar_t *w = tui_wide(s, t->utf8, &n);
	int used;

	attron(attr);
	used = tui_putw_cut(t, y, x, width, w, n, false);
	attroff(attr);
	free(w);
	return used;
}

/* Draws a path at (y, x) in width columns; a path too long starts with "…" and keeps its
 * end (the file name). */
static int tui_put_path(const struct tui *t, int y, int x, int width, const char *s, int attr)
{
	size_t n;
	wchar_t *w = tui_wide(s, t->utf8, &n);
	int used;

	attron(attr);
	used = tui_putw_cut(t, y, x, width, w, n, true);
	attroff(attr);
	free(w);
	return used;
}

/* Draws wrapped text from row y, at most maxrows rows; returns rows used. */
static int tui_para(const struct tui *t, int y, int x, int width, int maxrows, const char *s,
                    int attr)
{
	struct tui_lines L;
	int r = 0;

	tui_wrap(t, s, width, &L);
	attron(attr);
	for (size_t i = 0; i < L.n && r < maxrows; i++, r++) {
		if (r == maxrows - 1 && i + 1 < L.n) {
			/* The rest does not fit: say so on the last row. */
			const wchar_t *more = tui_more(t);
			int mw = (int)wcslen(more), c;

			c = tui_putw(t, y + r, x, width - mw, L.buf + L.off[i], L.len[i]);
			tui_putw(t, y + r, x + c, mw, more, wcslen(more));
			continue;
		}
		tui_putw(t, y + r, x, width, L.buf + L.off[i], L.len[i]);
	}
	attroff(attr);
	tui_lines_free(&L);
	return r;
}

static int tui_attr(const struct tui *t, enum tui_pair p, int mono)
{
	return t->color ? (int)COLOR_PAIR(p) : mono;
}

/* The UI's own glyphs, with ASCII stand-ins. */
static const char *tui_glyph(const struct tui *t, int which)
{
	static const char *const u[] = {"●", "█", "░", "▸"};
	static const char *const a[] = {"*", "#", ".", ">"};

	return t->utf8 ? u[which] : a[which];
}

static void tui_set_msg(struct tui *t, bool err, const char *msg)
{
	size_t n = strlen(msg);

	if (n >= sizeof t->msg)
		n = sizeof t->msg - 1;
	memcpy(t->msg, msg, n);
	t->msg[n] = '\0';
	t->msg_err = err;
}

/* Draws the title bar, the message line and the two key-bar lines. */
static void tui_draw_frame(struct tui *t, const char *keys1, const char *keys2)
{
	int bar = tui_attr(t, TUI_P_TITLE, A_REVERSE), kb = tui_attr(t, TUI_P_KEYS, A_REVERSE);
	char right[64];
	struct score_progress pr;

	attron(bar);
	mvhline(0, 0, ' ', COLS);
	score_progress_of(t->app.s->as, &pr);
	snprintf(right, sizeof right, " %zu/%zu ", pr.answered, pr.asked);
	tui_put(t, 0, 1, COLS - 12, "vigie — ", bar | A_BOLD);
	tui_put(t, 0, 9, COLS - 20, model_text(&t->app.q->title, t->app.s->lang), bar);
	tui_put(t, 0, COLS - (int)strlen(right), (int)strlen(right), right, bar);
	attroff(bar);
	if (t->msg[0] != '\0') {
		/* A long message (an export's "not signed, run ...") takes up to 4 rows, upwards
		 * from the one above the keys. */
		struct tui_lines L;
		int n;

		tui_wrap(t, t->msg, COLS - 2, &L);
		n = L.n > 4 ? 4 : L.n < 1 ? 1 : (int)L.n;
		tui_lines_free(&L);
		for (int r = 0; r < n; r++) {
			move(LINES - 2 - n + r, 0);
			clrtoeol();
		}
		tui_para(t, LINES - 2 - n, 1, COLS - 2, n, t->msg,
		         t->msg_err ? tui_attr(t, TUI_P_ERR, A_BOLD)
		                    : tui_attr(t, TUI_P_OK, A_BOLD));
	}
	attron(kb);
	mvhline(LINES - 2, 0, ' ', COLS);
	mvhline(LINES - 1, 0, ' ', COLS);
	attroff(kb);
	tui_put(t, LINES - 2, 1, COLS - 2, keys1, kb);
	if (keys2 != NULL)
		tui_put(t, LINES - 1, 1, COLS - 2, keys2, kb);
}

static void tui_draw_small(struct tui *t)
{
	char line[200];

	snprintf(line, sizeof line,
	         _("Agrandissez la fenêtre : %d×%d au minimum (actuellement %d×%d)."), TUI_MIN_COLS,
	         TUI_MIN_ROWS, COLS, LINES);
	tui_para(t, 0, 0, COLS, LINES - 1, line, A_BOLD);
	tui_put(t, LINES - 1, 0, COLS, _("q : quitter (vos réponses sont enregistrées)"), 0);
}

static const char *tui_org_field(const struct tui *t, int f)
{
	const struct vg_org *o = &t->app.s->as->org;
	const char *v = f == 0 ? o->name : f == 1 ? o->insee : o->contact;

	return v != NULL ? v : "";
}

static void tui_draw_welcome(struct tui *t)
{
	char line[1200];
	size_t answered, asked;
	struct score_progress pr;
	int y = 2, sel = tui_attr(t, TUI_P_SEL, A_REVERSE), n;
	const char *labels[TUI_W_ROWS];

	int room, x;

	session_progress(t->app.s, &answered, &asked);
	y += tui_para(t, y, 2, COLS - 4, 2,
	              _("Bienvenue dans vigie, l'autodiagnostic de cybersécurité des "
	                "collectivités."),
	              A_BOLD);
	y++;
	/* The title and description take what the menu (and the three lines below) leave. */
	room = LINES - 3 - y - 4 - TUI_W_ROWS;
	y += tui_para(t, y, 2, COLS - 4, room > 2 ? 2 : room,
	              model_text(&t->app.q->title, t->app.s->lang), 0);
	room = LINES - 3 - y - 4 - TUI_W_ROWS;
	y += tui_para(t, y, 2, COLS - 4, room, model_text(&t->app.q->description, t->app.s->lang),
	              A_DIM);
	snprintf(line, sizeof line, _("Questionnaire : %s %s "), t->app.q->id, t->app.q->version);
	x = 2 + tui_put(t, y, 2, COLS - 4, line, 0);
	snprintf(line, sizeof line, "(%s)", tui_flow_q_source(&t->app));
	tui_put_path(t, y++, x, COLS - 2 - x, line, 0);
	x = 2 + tui_put(t, y, 2, COLS - 4, _("Session : "), 0);
	tui_put_path(t, y++, x, COLS - 2 - x, t->app.s->path != NULL ? t->app.s->path : "-", 0);
	score_progress_of(t->app.s->as, &pr);
	n = snprintf(line, sizeof line,
	             ngettext("Réponses : %zu sur %zu question", "Réponses : %zu sur %zu questions",
	                      pr.asked),
	             pr.answered, pr.asked);
	if (pr.context_asked > 0 && n > 0 && (size_t)n < sizeof line)
		snprintf(line + n, sizeof line - (size_t)n,
		         ngettext(" (et %zu sur %zu question de contexte)",
		                  " (et %zu sur %zu questions de contexte)", pr.context_asked),
		         pr.context_answered, pr.context_asked);
	tui_put(t, y++, 2, COLS - 4, line, 0);
	y++;
	if (answered > 0 || t->app.s->screen != SESSION_SCREEN_WELCOME) {
		size_t rank, count;

		tui_flow_rank(&t->app, t->app.s->pos, &rank, &count);
		snprintf(line, sizeof line, _("Reprendre (%s, question %zu sur %zu)"),
		         tui_flow_domain_title(&t->app, t->app.s->pos), rank, count);
		labels[TUI_W_START] = line;
	} else {
		labels[TUI_W_START] = _("Commencer l'évaluation");
	}
	labels[TUI_W_NAME] = _("Collectivité");
	labels[TUI_W_INSEE] = _("Code INSEE");
	labels[TUI_W_CONTACT] = _("Contact");
	labels[TUI_W_LANG] = _("Langue");
	labels[TUI_W_NEW] = t->confirm_new
	                        ? _("Recommencer à zéro : Entrée pour confirmer")
	                        : _("Recommencer à zéro (l'ancienne session est gardée)");
	labels[TUI_W_QUIT] = _("Quitter");
	for (int r = 0; r < TUI_W_ROWS && y < LINES - 3; r++, y++) {
		int a = r == t->sel ? sel : 0;

		if (a)
			mvhline(y, 2, ' ', COLS - 4);
		tui_put(t, y, 4, r >= TUI_W_NAME && r <= TUI_W_LANG ? 16 : COLS - 8, labels[r],
		        a | (r == TUI_W_START ? A_BOLD : 0));
		if (r >= TUI_W_NAME && r <= TUI_W_CONTACT) {
			tui_put(t, y, 4 + 16, 2, ":", a);
			tui_put(t, y, 4 + 18, COLS - 24, tui_org_field(t, r - TUI_W_NAME), a);
		} else if (r == TUI_W_LANG) {
			tui_put(t, y, 4 + 16, 2, ":", a);
			tui_put(t, y, 4 + 18, COLS - 24, tui_lang_name(t->app.s->lang), a);
		}
	}
	tui_draw_frame(t, _("↑↓ choisir   Entrée valider   q quitter"), NULL);
}

/* Rows of the domains screen: context (if any), each domain, checks, result. */
static int tui_domain_rows(const struct tui *t)
{
	return (t->app.q->ncontext > 0) + (int)t->app.q->ndomains + 2;
}

/* What a domains-screen row is: -1 context, 0.. a domain, -2 checks, -3 result. */
static int tui_domain_row_item(const struct tui *t, int row)
{
	int nd = (int)t->app.q->ndomains;

	if (t->app.q->ncontext > 0) {
		if (row == 0)
			return -1;
		row--;
	}
	if (row < nd)
		return row;
	return row == nd ? -2 : -3;
}

static void tui_draw_bar(const struct tui *t, int y, int x, int width, double frac, int attr)
{
	int full = (int)(frac * width + 0.5);

	for (int i = 0; i < width; i++)
		tui_put(t, y, x + i, 1, tui_glyph(t, i < full ? 1 : 2),
		        i < full ? attr : (int)A_DIM);
}

static void tui_draw_domains(struct tui *t)
{
	int y = 2, sel = tui_attr(t, TUI_P_SEL, A_REVERSE), n = tui_domain_rows(t);
	int avail = LINES - 3 - 4 - 1, top = 0; /* rows for the list, less the blank one */

	tui_put(t, y++, 2, COLS - 4, _("Domaines"), A_BOLD);
	y++;
	/* More domains than rows: scroll so that the highlighted one shows. */
	if (n > avail && t->sel >= avail)
		top = t->sel - avail + 1;
	if (top > 0)
		tui_put(t, 3, COLS - 8, 4, "↑ …", A_DIM);
	for (int r = top; r < n && y < LINES - 3; r++, y++) {
		int item = tui_domain_row_item(t, r), a = r == t->sel ? sel : 0;
		char count[32];
		const char *label;

		if (a)
			mvhline(y, 2, ' ', COLS - 4);
		if (item >= -1) {
			size_t answered, asked;

			label = item == -1
			            ? _("Contexte")
			            : model_text(&t->app.q->domains[item].title, t->app.s->lang);
			tui_flow_domain_progress(&t->app, item, &answered, &asked);
			tui_put(t, y, 4, 36, label, a);
			if (asked == 0) {
				tui_put(t, y, 42, COLS - 44, _("ne s'applique pas"), a | A_DIM);
				continue;
			}
			tui_draw_bar(t, y, 42, 20, (double)answered / (double)asked,
			             tui_attr(t, TUI_P_GOOD, A_BOLD));
			snprintf(count, sizeof count, "%zu/%zu", answered, asked);
			tui_put(t, y, 64, 10, count, a);
		} else {
			if (item == -2)
				y++;
			if (a)
				mvhline(y, 2, ' ', COLS - 4);
			label =
			    item == -2 ? _("Vérifications automatiques") : _("Résultat et export");
			tui_put(t, y, 4, COLS - 8, label, a | A_BOLD);
		}
	}
	tui_draw_frame(t, _("↑↓ choisir   Entrée ouvrir   u suivante sans réponse   / chercher"),
	               _("Échap accueil   q quitter"));
}

/* Number of answer rows of question qn: its options, "je ne sais pas", maybe "NA". */
static int tui_answer_rows(const struct vg_question *qn)
{
	return (int)qn->noptions + 1 + (qn->allow_na ? 1 : 0);
}

/* The row of the current answer to question i, or 0. */
static int tui_answer_row(const struct tui *t, size_t i)
{
	const struct vg_question *qn = t->app.q->all[i];
	const struct vg_answer *a = &t->app.s->as->a[i];

	if (a->kind == VG_ANS_OPTION)
		for (size_t o = 0; o < qn->noptions; o++)
			if (&qn->options[o] == a->option)
				return (int)o;
	if (a->kind == VG_ANS_UNKNOWN)
		return (int)qn->noptions;
	if (a->kind == VG_ANS_NA)
		return (int)qn->noptions + 1;
	return 0;
}

static void tui_draw_help(struct tui *t, int top, int bottom)
{
	const struct vg_question *qn = t->app.q->all[t->cur];
	enum vg_lang l = t->app.s->lang;
	int h = bottom - top, ha = tui_attr(t, TUI_P_HELP, A_NORMAL);
	struct vg_buf b;
	int y;

	char refs[1024];

	vg_buf_init(&b, 1u << 20);
	vg_buf_puts(&b, qn->help.fr != NULL ? model_text(&qn->help, l)
	                                    : _("Pas d'aide pour cette question."));
	if (qn->domain != NULL) {
		vg_buf_puts(&b, "\n");
		vg_buf_puts(&b, qn->effort == VG_EFFORT_LOW ? _("Effort pour progresser : faible")
		                : qn->effort == VG_EFFORT_MEDIUM
		                    ? _("Effort pour progresser : moyen")
		                    : _("Effort pour progresser : élevé"));
		if (qn->critical) {
			vg_buf_puts(&b, " — ");
			vg_buf_puts(&b,
			            _("question critique : une réponse à 0 plafonne la note à D"));
		}
	}
	/* The references last: on a short screen the pane is cut there, not at the effort. */
	if (qn->nrefs > 0) {
		vg_buf_puts(&b, "\n");
		vg_buf_puts(&b, _("Références :"));
		vg_buf_printf(&b, " %s", model_refs_words(qn, l, refs, sizeof refs));
	}
	for (y = top; y < bottom; y++) {
		attron(ha);
		mvhline(y, 1, ' ', COLS - 2);
		attroff(ha);
	}
	attron(ha);
	mvhline(top, 1, ACS_HLINE, COLS - 2);
	attroff(ha);
	tui_put(t, top, 3, COLS - 6, _(" Aide — pourquoi, comment vérifier (? pour fermer) "),
	        ha | A_BOLD);
	tui_para(t, top + 1, 3, COLS - 6, h - 1, b.data, ha);
	vg_buf_free(&b);
}

static void tui_draw_question(struct tui *t)
{
	const struct vg_question *qn = t->app.q->all[t->cur];
	const struct vg_answer *ans = &t->app.s->as->a[t->cur];
	enum vg_lang l = t->app.s->lang;
	int y = 2, sel = tui_attr(t, TUI_P_SEL, A_REVERSE), bottom = LINES - 4;
	size_t rank, count;
	char line[512];

	tui_flow_rank(&t->app, t->cur, &rank, &count);
	snprintf(line, sizeof line, _("%s — question %zu sur %zu"),
	         tui_flow_domain_title(&t->app, t->cur), rank, count);
	tui_put(t, y, 2, COLS - 20, line, A_BOLD);
	if (ans->review)
		tui_put(t, y, COLS - 14, 12, _("[à revoir]"), tui_attr(t, TUI_P_MID, A_BOLD));
	y += 2;
	y += tui_para(t, y, 2, COLS - 4, bottom - y - tui_answer_rows(qn) - 1,
	              model_text(&qn->text, l), A_BOLD);
	y++;
	/* Each option on as many rows as it needs, after its number. */
	for (int r = 0; r < tui_answer_rows(qn) && y < bottom; r++) {
		const char *label = r < (int)qn->noptions ? model_text(&qn->options[r].text, l)
		                    : r == (int)qn->noptions
		                        ? _("Je ne sais pas")
		                        : _("Non applicable (une note est demandée)");
		bool chosen = ans->kind != VG_ANS_NONE && tui_answer_row(t, t->cur) == r;
		int a = r == t->sel ? sel : 0, h;
		struct tui_lines L;

		tui_wrap(t, label, COLS - 10, &L);
		h = L.n < 1 ? 1 : (int)L.n;
		tui_lines_free(&L);
		if (h > bottom - y)
			h = bottom - y;
		if (a)
			for (int k = 0; k < h; k++)
				mvhline(y + k, 2, ' ', COLS - 4);
		snprintf(line, sizeof line, "%d", r + 1);
		tui_put(t, y, 3, 2, chosen ? tui_glyph(t, 0) : " ", a | A_BOLD);
		tui_put(t, y, 5, 3, line, a | A_BOLD);
		y += tui_para(t, y, 8, COLS - 10, h, label, a);
	}
	if (ans->note != NULL && y + 1 < bottom) {
		y++;
		snprintf(line, sizeof line, "%s ", _("Note :"));
		tui_put(t, y, 2, 10, line, A_BOLD);
		y += tui_para(t, y, 10, COLS - 12, bottom - y < 3 ? bottom - y : 3, ans->note, 0);
	}
	if (t->help) {
		int top = y + 1 > bottom - 8 ? bottom - 8 : y + 1;

		if (top < 4)
			top = 4;
		tui_draw_help(t, top, bottom + 1);
	}
	tui_draw_frame(
	    t, _("1-9 répondre   ↑↓ Entrée choisir   ← précédente   → suivante   ? aide"),
	    _("n note   r à revoir   u sans réponse   / chercher   Échap domaines   q quitter"));
}

/* The commune's domain the checks step looks at, when the context answers say it has one:
 * given, said to be none, or guessed (asked when the checks run); returns the rows used. */
static int tui_draw_domain(struct tui *t, int y)
{
	const char *d = tui_flow_domain(&t->app);
	char guess[256], line[512];
	int x;

	if (!tui_flow_domain_proposed(&t->app))
		return 0;
	if (d != NULL && *d != '\0')
		snprintf(line, sizeof line, "%s", d);
	else if (d != NULL)
		snprintf(line, sizeof line, "%s", _("aucun à vérifier"));
	else if (tui_flow_domain_guess(&t->app, guess, sizeof guess))
		snprintf(line, sizeof line, _("%s ? (demandé avant les vérifications)"), guess);
	else
		snprintf(line, sizeof line, "%s",
		         _("non renseigné (pour vérifier SPF, DKIM, DMARC, DNSSEC)"));
	x = 2 + tui_put(t, y, 2, COLS - 4, _("Nom de domaine (d) : "), A_BOLD);
	tui_put(t, y, x, COLS - x - 2, line, 0);
	return 1;
}

/* The website and mail server addresses the checks step probes, when the context answers
 * say there are some; returns the rows used. */
static int tui_draw_targets(struct tui *t, int y)
{
	const char *labels[2] = {_("Site web (w) : "), _("Serveur de messagerie (m) : ")};
	int rows = 0;

	for (int w = 0; w < 2; w++) {
		const char *v = tui_flow_target(&t->app, w);
		int x;

		if (!tui_flow_target_proposed(&t->app, w))
			continue;
		x = 2 + tui_put(t, y + rows, 2, COLS - 4, labels[w], A_BOLD);
		tui_put(t, y + rows, x, COLS - x - 2,
		        v != NULL ? v : _("non renseigné (pour vérifier son TLS)"), 0);
		rows++;
	}
	rows += tui_draw_domain(t, y + rows);
	return rows > 0 ? rows + 1 : 0;
}

/* One line of the result: text, with a bar when bar >= 0. */
struct tui_rline {
	char *text;
	int attr;
	int indent;
	double bar;
};

struct tui_rdoc {
	struct tui_rline *l;
	size_t n, cap;
};

static void tui_rdoc_add(struct tui_rdoc *d, int indent, int attr, double bar, char *text)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->l = vg_reallocarray(d->l, d->cap, sizeof *d->l);
	}
	d->l[d->n++] = (struct tui_rline){text, attr, indent, bar};
}

/* Adds text wrapped to the width of the result; lines after the first are indented by
 * hang more columns. */
static void tui_rdoc_para(const struct tui *t, struct tui_rdoc *d, int indent, int hang, int attr,
                          const char *s)
{
	struct tui_lines L;

	tui_wrap(t, s, COLS - 4 - indent - hang, &L);
	for (size_t i = 0; i < L.n; i++)
		tui_rdoc_add(d, indent + (i > 0 ? hang : 0), attr, -1,
		             tui_utf8(L.buf + L.off[i], L.len[i]));
	tui_lines_free(&L);
}

static void tui_rdoc_free(struct tui_rdoc *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->l[i].text);
	free(d->l);
}

/* The checks running on their thread: what they report, under lock. */
struct tui_run {
	pthread_mutex_t lock;
	size_t done, total, examined;
	char what[128];
	char where[256];
	bool scanning;
	atomic_bool stop, finished;
	bool hold; /* VIGIE_TEST_HOLD_SCAN: a scan waits for the interruption (tests) */
	int rc;
	struct vg_err err;
	struct tui_app *app;
};

/* The checks while they run: the step, the entries scanned and the top directory. */
static void tui_draw_running(struct tui *t, int y)
{
	struct tui_run *r = t->run;
	char line[512];
	size_t done, total, examined;
	bool scanning;

	pthread_mutex_lock(&r->lock);
	done = r->done, total = r->total, examined = r->examined, scanning = r->scanning;
	snprintf(line, sizeof line, _("Vérification %zu sur %zu : %s"),
	         done + 1 > total ? total : done + 1, total, r->what);
	pthread_mutex_unlock(&r->lock);
	tui_put(t, y++, 2, COLS - 4, line, A_BOLD);
	tui_draw_bar(t, y++, 2, 40, total > 0 ? (double)done / (double)total : 1,
	             tui_attr(t, TUI_P_GOOD, A_BOLD));
	y++;
	if (scanning) {
		snprintf(line, sizeof line,
		         ngettext("%zu entrée examinée", "%zu entrées examinées", examined),
		         examined);
		tui_put(t, y++, 2, COLS - 4, line, 0);
		pthread_mutex_lock(&r->lock);
		snprintf(line, sizeof line, "%s", r->where);
		pthread_mutex_unlock(&r->lock);
		tui_put_path(t, y, 2 + tui_put(t, y, 2, COLS - 4, _("Dossier en cours : "), 0),
		             COLS - 24, line, 0);
		y++;
	}
	y++;
	tui_para(t, y, 2, COLS - 4, 3,
	         atomic_load(&r->stop)
	             ? _("Interruption demandée : la vérification en cours s'arrête…")
	             : _("q pour interrompre : vos réponses sont gardées ; une vérification "
	                 "interrompue ne compte pas."),
	         A_DIM);
	tui_draw_frame(t, _("q interrompre les vérifications"), NULL);
}

/* The text of the checks screen below the addresses: the question about the machine, or
 * what can be run, or what was found (caller frees). */
static char *tui_checks_text(struct tui *t)
{
	struct vg_buf b;
	size_t n;

	vg_buf_init(&b, 4u << 20);
	if (t->app.o->hooks->checks_run == NULL) {
		vg_buf_puts(&b,
		            _("Les vérifications automatiques (configuration TLS des sites de la "
		              "collectivité, droits des fichiers du serveur) ne sont pas encore "
		              "disponibles dans cette version de vigie.\n\nVos réponses suffisent "
		              "pour obtenir un résultat : appuyez sur Entrée."));
		return b.data;
	}
	if (tui_flow_machine_asked(&t->app)) {
		vg_buf_printf(&b, "%s\n\n1  %s\n2  %s", _(TUI_MACHINE_QUESTION),
		              _(TUI_MACHINE_SERVER), _(TUI_MACHINE_PC));
		return b.data;
	}
	n = tui_flow_checks_count(&t->app);
	if (tui_flow_server_count(&t->app) > 0 && t->app.o->check_root == NULL)
		vg_buf_printf(&b, "%s\n",
		              t->app.s->machine == SESSION_MACHINE_SERVER
		                  ? _("Cette machine : un serveur de la commune (s pour changer).")
		                  : _("Cette machine : un simple poste (s pour changer). Les "
		                      "vérifications du serveur ne sont pas faites."));
	if (t->app.checks_done) {
		char *sum = tui_flow_checks_summary(&t->app);

		vg_buf_printf(&b, "%s\n\n%s", sum,
		              _("Leurs constats sont pris en compte dans le résultat : Entrée pour "
		                "le voir, v pour les refaire."));
		free(sum);
	} else if (n == 0 &&
	           (tui_flow_target_proposed(&t->app, 0) || tui_flow_target_proposed(&t->app, 1))) {
		vg_buf_puts(&b,
		            _("Rien à vérifier pour l'instant : donnez l'adresse du site web (w) "
		              "ou du serveur de messagerie (m) pour vérifier leur configuration "
		              "TLS ; sinon vos réponses suffisent pour obtenir un résultat."));
	} else {
		char *offer = tui_flow_checks_offer(&t->app);

		vg_buf_puts(&b, offer);
		free(offer);
		if (n > 0)
			vg_buf_printf(
			    &b, " %s",
			    _("Appuyez sur v pour lancer les vérifications, ou sur Entrée "
			      "pour voir le résultat sans elles."));
	}
	return b.data;
}

/* The second row of the checks screen's keys: the fields it offers. */
static const char *tui_domain_keys(struct tui *t, bool site, bool mail)
{
	if (tui_flow_domain_proposed(&t->app))
		return site && mail ? _("w site web   m serveur de messagerie   d nom de domaine")
		       : site       ? _("w adresse du site web   d nom de domaine")
		       : mail       ? _("m adresse du serveur de messagerie   d nom de domaine")
		                    : _("d nom de domaine");
	return site && mail ? _("w adresse du site web   m adresse du serveur de messagerie")
	       : site       ? _("w adresse du site web")
	       : mail       ? _("m adresse du serveur de messagerie")
	                    : NULL;
}

static void tui_ed_open(struct tui *t, enum tui_edit what, const char *initial, size_t max);

/* Opens the domain field, pre-filled with the domain given or guessed; run: the checks
 * run once it is given (it is asked once, before the first run). */
static void tui_domain_open(struct tui *t, bool run)
{
	char buf[256];

	t->ed_field = 2;
	t->run_after = run;
	tui_ed_open(t, TUI_ED_TARGET, tui_flow_domain_prefill(&t->app, buf, sizeof buf),
	            SESSION_MAX_TARGET);
}

static void tui_draw_checks(struct tui *t)
{
	bool site = tui_flow_target_proposed(&t->app, 0),
	     mail = tui_flow_target_proposed(&t->app, 1);
	const char *keys2 = tui_domain_keys(t, site, mail);
	int y = 2, rows;
	struct tui_rdoc d;
	char *text;

	tui_put(t, y, 2, COLS - 4, _("Vérifications automatiques"), A_BOLD);
	y += 2;
	if (t->run != NULL) {
		tui_draw_running(t, y);
		return;
	}
	y += tui_draw_targets(t, y);
	/* The text scrolls (↑↓) when the findings are longer than the screen; each line wraps
	 * under its own indentation ("- " items under their text). */
	text = tui_checks_text(t);
	memset(&d, 0, sizeof d);
	for (char *line = text, *nl; line != NULL; line = nl) {
		int k = 0;

		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl++ = '\0';
		while (line[k] == ' ')
			k++;
		if (line[k] == '\0')
			tui_rdoc_add(&d, 0, 0, -1, vg_strdup(""));
		else
			tui_rdoc_para(t, &d, k, line[k] == '-' && line[k + 1] == ' ' ? 2 : 0, 0,
			              line + k);
	}
	free(text);
	/* Down to the key bar, less the rows of a message. */
	rows = LINES - 3 - y - (t->msg[0] != '\0' ? 4 : 0);
	/* Longer than the screen: the last row says there is more, the title row that there
	 * was some above. */
	if ((int)d.n > rows)
		rows--;
	if (t->scroll > (int)d.n - rows)
		t->scroll = (int)d.n - rows;
	if (t->scroll < 0)
		t->scroll = 0;
	for (int i = 0; i < rows && t->scroll + i < (int)d.n; i++) {
		const struct tui_rline *ln = &d.l[t->scroll + i];

		tui_put(t, y + i, 2 + ln->indent, COLS - 4 - ln->indent, ln->text, ln->attr);
	}
	if (t->scroll > 0)
		tui_put(t, 2, COLS - 6, 4, "↑ …", A_DIM);
	if (t->scroll + rows < (int)d.n)
		tui_put(t, y + rows, COLS - 6, 4, "↓ …", A_DIM);
	tui_rdoc_free(&d);
	tui_draw_frame(t,
	               tui_flow_machine_asked(&t->app)
	                   ? _("1-2 répondre   Entrée résultat   Échap domaines   q quitter")
	                   : _("Entrée résultat   v vérifier   ↑↓ défiler   Échap domaines   q "
	                       "quitter"),
	               keys2);
}

static void tui_result_doc(const struct tui *t, struct tui_rdoc *d)
{
	const struct tui_app *app = &t->app;
	enum vg_lang l = app->s->lang;
	struct score_result r;
	int gattr;
	size_t k = 0;

	memset(d, 0, sizeof *d);
	tui_flow_result(app, &r);
	if (!r.scored) {
		tui_rdoc_para(t, d, 0, 0, A_BOLD,
		              _("Pas encore de note : aucune question applicable n'a de réponse."));
		score_free(&r);
		return;
	}
	gattr = r.grade <= GRADE_B   ? tui_attr(t, TUI_P_GOOD, A_BOLD)
	        : r.grade == GRADE_C ? tui_attr(t, TUI_P_MID, A_BOLD)
	                             : tui_attr(t, TUI_P_BAD, A_BOLD);
	tui_rdoc_add(d, 0, gattr | A_BOLD, -1,
	             vg_asprintf(_("Note globale : %s   (%.0f sur 100)"), score_grade_name(r.grade),
	                         r.overall));
	if (r.critical_cap)
		tui_rdoc_para(
		    t, d, 2, 0, 0,
		    _("Plafonnée à D : une question critique a la réponse la plus basse."));
	tui_rdoc_add(d, 0, 0, -1, vg_strdup(""));
	tui_rdoc_add(d, 0, A_BOLD, -1, vg_strdup(_("Par domaine")));
	for (size_t i = 0; i < r.ndomains; i++)
		tui_rdoc_add(d, 2, 0, r.domains[i].scored ? r.domains[i].score : -2,
		             vg_strdup(model_text(&r.domains[i].d->title, l)));
	tui_rdoc_add(d, 0, 0, -1, vg_strdup(""));
	tui_rdoc_add(
	    d, 0, A_BOLD, -1,
	    vg_asprintf(ngettext("%zu mesure prioritaire", "%zu mesures prioritaires", r.npriority),
	                r.npriority));
	for (size_t i = 0; i < r.npriority; i++, k++) {
		char *s = vg_asprintf("%zu. %s", i + 1, model_text(&r.plan[i].title, l));

		tui_rdoc_para(t, d, 2, 3, 0, s);
		free(s);
		if (r.plan[i].advice.fr != NULL) {
			s = vg_asprintf("→ %s", model_text(&r.plan[i].advice, l));
			tui_rdoc_para(t, d, 5, 2, A_DIM, s);
			free(s);
		}
	}
	if (k == 0)
		tui_rdoc_para(t, d, 2, 0, 0, _("Aucune : toutes les réponses sont au plus haut."));
	for (size_t i = 0, n = 0; i < r.nquestions; i++) {
		const struct score_question *sq = &r.questions[i];
		char *s;

		if (sq->capped_by == NULL)
			continue;
		if (n++ == 0) {
			tui_rdoc_add(d, 0, 0, -1, vg_strdup(""));
			tui_rdoc_add(d, 0, A_BOLD, -1,
			             vg_strdup(_("Réponses plafonnées par les vérifications")));
		}
		s = vg_asprintf("- %s", model_text(&sq->q->text, l));
		tui_rdoc_para(t, d, 2, 2, 0, s);
		free(s);
		s = vg_asprintf(_("    déclarée %d, retenue %d par la vérification : %s"),
		                sq->declared, sq->retained,
		                tui_flow_check_title(&t->app, sq->capped_by));
		tui_rdoc_para(t, d, 2, 4, A_DIM, s);
		free(s);
		/* Its reasons (TLS findings), one per line, under it. */
		if (tui_flow_check_reason(&t->app, sq->capped_by) != NULL) {
			char *why = vg_strdup(tui_flow_check_reason(&t->app, sq->capped_by));

			for (char *line = why, *nl; line != NULL; line = nl) {
				nl = strchr(line, '\n');
				if (nl != NULL)
					*nl++ = '\0';
				tui_rdoc_para(t, d, 6, 6, A_DIM, line);
			}
			free(why);
		}
	}
	if (r.nunknown > 0) {
		tui_rdoc_add(d, 0, 0, -1, vg_strdup(""));
		tui_rdoc_add(d, 0, A_BOLD, -1, vg_strdup(_("À clarifier (« je ne sais pas »)")));
		for (size_t i = 0; i < r.nunknown; i++) {
			char *s = vg_asprintf("- %s", model_text(&r.unknown[i]->text, l));

			tui_rdoc_para(t, d, 2, 2, 0, s);
			free(s);
		}
	}
	for (size_t i = 0, n = 0; i < app->q->nall; i++) {
		char *s;

		if (!app->s->as->a[i].review || !tui_flow_applies(app, i))
			continue;
		if (n++ == 0) {
			tui_rdoc_add(d, 0, 0, -1, vg_strdup(""));
			tui_rdoc_add(d, 0, A_BOLD, -1, vg_strdup(_("Marquées à revoir")));
		}
		s = vg_asprintf("- %s", model_text(&app->q->all[i]->text, l));
		tui_rdoc_para(t, d, 2, 2, 0, s);
		free(s);
	}
	if (r.nunanswered > 0) {
		tui_rdoc_add(d, 0, 0, -1, vg_strdup(""));
		tui_rdoc_add(
		    d, 0, tui_attr(t, TUI_P_MID, A_BOLD), -1,
		    vg_asprintf(
		        _("Questions sans réponse : %zu (elles comptent 0 ; u pour y aller)"),
		        r.nunanswered));
	}
	score_free(&r);
}

static void tui_draw_result(struct tui *t)
{
	struct tui_rdoc d;
	int rows = LINES - 8;

	tui_result_doc(t, &d);
	if (t->scroll > (int)d.n - rows)
		t->scroll = (int)d.n - rows;
	if (t->scroll < 0)
		t->scroll = 0;
	tui_put(t, 2, 2, COLS - 4, _("Résultat"), A_BOLD);
	for (int i = 0; i < rows && t->scroll + i < (int)d.n; i++) {
		const struct tui_rline *ln = &d.l[t->scroll + i];
		int y = 4 + i;

		if (ln->bar != -1)
			tui_put(t, y, 2 + ln->indent, 34, ln->text, ln->attr);
		if (ln->bar >= 0) {
			char num[16];
			int ba = ln->bar >= 70   ? tui_attr(t, TUI_P_GOOD, A_BOLD)
			         : ln->bar >= 50 ? tui_attr(t, TUI_P_MID, A_BOLD)
			                         : tui_attr(t, TUI_P_BAD, A_BOLD);

			tui_draw_bar(t, y, 40, 30, ln->bar / 100.0, ba);
			snprintf(num, sizeof num, "%3.0f", ln->bar);
			tui_put(t, y, 72, 4, num, 0);
		} else if (ln->bar < -1) {
			tui_put(t, y, 40, 30, _("non évalué"), A_DIM);
		}
		if (ln->bar == -1)
			tui_put(t, y, 2 + ln->indent, COLS - 4 - ln->indent, ln->text, ln->attr);
	}
	if ((int)d.n > rows)
		tui_put(t, LINES - 4, COLS - 12, 10, t->scroll + rows < (int)d.n ? "↓ …" : "",
		        A_DIM);
	tui_rdoc_free(&d);
	tui_draw_frame(t, _("↑↓ défiler   e exporter   Échap domaines   q quitter"), NULL);
}

/* Where character k of the editor falls in a box width columns wide. */
static void tui_ed_pos(const struct tui *t, int width, size_t k, int *row, int *col)
{
	int r = 0, c = 0;

	for (size_t i = 0; i < k && i < t->elen; i++) {
		int w = tui_cw(t, t->ebuf[i]);

		if (t->ebuf[i] == L'\n') {
			r++, c = 0;
			continue;
		}
		if (c + w > width)
			r++, c = 0;
		c += w;
	}
	if (k < t->elen && t->ebuf[k] != L'\n' && c + tui_cw(t, t->ebuf[k]) > width)
		r++, c = 0;
	*row = r;
	*col = c;
}

static bool tui_ed_multiline(const struct tui *t)
{
	return t->ed == TUI_ED_NOTE || t->ed == TUI_ED_NA_NOTE;
}

/* The note box: rows 3..LINES-5, columns 3..COLS-4. */
#define TUI_NOTE_TOP 3
#define TUI_NOTE_X   4
#define TUI_NOTE_W   (COLS - 8)

static void tui_draw_editor(struct tui *t)
{
	int ha = tui_attr(t, TUI_P_HELP, A_NORMAL);

	if (tui_ed_multiline(t)) {
		int bottom = LINES - 5, h = bottom - TUI_NOTE_TOP - 1, crow, ccol, first = 0;
		const struct vg_question *qn = t->app.q->all[t->cur];
		char title[256];

		for (int y = TUI_NOTE_TOP - 1; y <= bottom; y++) {
			attron(ha);
			mvhline(y, 2, ' ', COLS - 4);
			attroff(ha);
		}
		snprintf(title, sizeof title, "%s — %s",
		         t->ed == TUI_ED_NA_NOTE ? _("Non applicable : pourquoi ?") : _("Note"),
		         model_question_title(qn, t->app.s->lang));
		tui_put(t, TUI_NOTE_TOP - 1, TUI_NOTE_X, COLS - 8, title, ha | A_BOLD);
		tui_ed_pos(t, TUI_NOTE_W, t->ecur, &crow, &ccol);
		if (crow >= h)
			first = crow - h + 1;
		/* One pass, with the same layout rules as tui_ed_pos. */
		for (size_t i = 0, r = 0, c = 0; i < t->elen; i++) {
			int w = tui_cw(t, t->ebuf[i]);

			if (t->ebuf[i] == L'\n') {
				r++, c = 0;
				continue;
			}
			if ((int)c + w > TUI_NOTE_W)
				r++, c = 0;
			if ((int)r >= first && (int)r - first < h)
				tui_putw(t, TUI_NOTE_TOP + (int)r - first, TUI_NOTE_X + (int)c,
				         TUI_NOTE_W - (int)c, t->ebuf + i, 1);
			c += (size_t)w;
		}
		tui_draw_frame(t, _("Échap ou Ctrl-D enregistrer la note   Entrée nouvelle ligne"),
		               _("Une note vide efface la note."));
		curs_set(1);
		move(TUI_NOTE_TOP + crow - first, TUI_NOTE_X + ccol);
	} else {
		const char *labels[] = {_("Collectivité : "), _("Code INSEE : "), _("Contact : ")};
		const char *tlabels[] = {_("Site web : "), _("Serveur de messagerie : "),
		                         _("Nom de domaine : ")};
		const char *prompt = t->ed == TUI_ED_SEARCH   ? _("Chercher : ")
		                     : t->ed == TUI_ED_TARGET ? tlabels[t->ed_field]
		                                              : labels[t->ed_field];
		int x, y = LINES - 3, w, col = 0;
		size_t first = 0;

		move(y, 0);
		clrtoeol();
		x = 1 + tui_put(t, y, 1, COLS - 20, prompt, A_BOLD);
		w = COLS - x - 2;
		for (size_t i = 0; i < t->ecur; i++)
			col += tui_cw(t, t->ebuf[i]);
		while (col >= w && first < t->ecur)
			col -= tui_cw(t, t->ebuf[first++]);
		if (t->esel)
			attron(A_REVERSE);
		tui_putw(t, y, x, w, t->ebuf + first, t->elen - first);
		attroff(A_REVERSE);
		attron(tui_attr(t, TUI_P_KEYS, A_REVERSE));
		mvhline(LINES - 2, 0, ' ', COLS);
		mvhline(LINES - 1, 0, ' ', COLS);
		attroff(tui_attr(t, TUI_P_KEYS, A_REVERSE));
		tui_put(t, LINES - 2, 1, COLS - 2, _("Entrée valider   Échap annuler"),
		        tui_attr(t, TUI_P_KEYS, A_REVERSE));
		tui_put(t, LINES - 1, 1, COLS - 2,
		        t->esel ? _("Tapez pour remplacer   ← → modifier   Ctrl-U effacer")
		                : _("Ctrl-U effacer   Ctrl-W mot précédent   Ctrl-A/E début/fin"),
		        tui_attr(t, TUI_P_KEYS, A_REVERSE));
		curs_set(1);
		move(y, x + col);
	}
}

static void tui_draw(struct tui *t)
{
	erase();
	curs_set(0);
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
		tui_draw_small(t);
	} else {
		switch (t->screen) {
		case SESSION_SCREEN_WELCOME:
			tui_draw_welcome(t);
			break;
		case SESSION_SCREEN_DOMAINS:
			tui_draw_domains(t);
			break;
		case SESSION_SCREEN_QUESTION:
			tui_draw_question(t);
			break;
		case SESSION_SCREEN_CHECKS:
			tui_draw_checks(t);
			break;
		case SESSION_SCREEN_RESULT:
			tui_draw_result(t);
			break;
		}
		if (t->ed != TUI_ED_NONE)
			tui_draw_editor(t);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* Reports a failed save or refused value on the message line. */
static void tui_fail(struct tui *t, const struct vg_err *err)
{
	tui_set_msg(t, true, err->msg);
}

static void tui_go(struct tui *t, enum session_screen screen, size_t q)
{
	struct vg_err err = {0};

	t->screen = screen;
	t->confirm_new = false;
	if (screen == SESSION_SCREEN_QUESTION && q != TUI_NONE) {
		t->cur = q;
		t->sel = tui_answer_row(t, q);
	} else if (screen == SESSION_SCREEN_DOMAINS) {
		t->sel = 0;
	} else if (screen == SESSION_SCREEN_RESULT || screen == SESSION_SCREEN_CHECKS) {
		t->scroll = 0;
	} else {
		t->sel = 0;
	}
	if (tui_flow_goto(&t->app, screen == SESSION_SCREEN_QUESTION ? q : TUI_NONE, screen,
	                  &err) != 0)
		tui_fail(t, &err);
}

static void tui_ed_open(struct tui *t, enum tui_edit what, const char *initial, size_t max)
{
	size_t n;
	wchar_t *w = tui_wide(initial != NULL ? initial : "", true, &n);

	free(t->ebuf);
	t->ebuf = vg_reallocarray(NULL, max + 1, sizeof *t->ebuf);
	if (n > max)
		n = max;
	wmemcpy(t->ebuf, w, n);
	free(w);
	t->elen = t->ecur = n;
	t->emax = max;
	t->ed = what;
	t->esel = n > 0 && what != TUI_ED_NOTE && what != TUI_ED_NA_NOTE;
}

/* Start of the line the editor's cursor is on. */
static size_t tui_ed_bol(const struct tui *t)
{
	size_t k = t->ecur;

	while (k > 0 && t->ebuf[k - 1] != L'\n')
		k--;
	return k;
}

/* Deletes characters [from, t->ecur) of the editor; the cursor goes to from. */
static void tui_ed_cut(struct tui *t, size_t from)
{
	wmemmove(t->ebuf + from, t->ebuf + t->ecur, t->elen - t->ecur);
	t->elen -= t->ecur - from;
	t->ecur = from;
}

/* The line-editing keys of shells and browsers: Ctrl-A/E start/end of line, Ctrl-U deletes
 * to the start of the line, Ctrl-W the word before the cursor. True when c was one. */
static bool tui_ed_ctrl(struct tui *t, wint_t c)
{
	size_t k;

	switch (c) {
	case 1: /* Ctrl-A */
		t->ecur = tui_ed_bol(t);
		return true;
	case 5: /* Ctrl-E */
		while (t->ecur < t->elen && t->ebuf[t->ecur] != L'\n')
			t->ecur++;
		return true;
	case 21: /* Ctrl-U */
		tui_ed_cut(t, tui_ed_bol(t));
		return true;
	case 23: /* Ctrl-W */
		k = t->ecur;
		while (k > 0 && (t->ebuf[k - 1] == L' ' || t->ebuf[k - 1] == L'\t'))
			k--;
		while (k > 0 && t->ebuf[k - 1] != L' ' && t->ebuf[k - 1] != L'\t' &&
		       t->ebuf[k - 1] != L'\n')
			k--;
		tui_ed_cut(t, k);
		return true;
	default:
		return false;
	}
}

/* Moves to the next asked question, or to the checks screen after the last one. */
static void tui_advance(struct tui *t)
{
	size_t next = tui_flow_step(&t->app, t->cur, 1);

	if (next == TUI_NONE)
		tui_go(t, SESSION_SCREEN_CHECKS, TUI_NONE);
	else
		tui_go(t, SESSION_SCREEN_QUESTION, next);
}

static void tui_checks_run(struct tui *t);

/* The domain field is given: saved, then the checks run when it was asked before them. */
static int tui_domain_commit(struct tui *t, const char *text, struct vg_err *err)
{
	bool run = t->run_after;

	t->run_after = false;
	if (tui_flow_domain_set(&t->app, text, err) != 0)
		return -1;
	if (run && tui_flow_checks_count(&t->app) > 0)
		tui_checks_run(t);
	return 0;
}

static void tui_ed_commit(struct tui *t)
{
	char *text = tui_utf8(t->ebuf, t->elen);
	struct vg_err err = {0};
	enum tui_edit what = t->ed;

	t->ed = TUI_ED_NONE;
	t->msg[0] = '\0';
	switch (what) {
	case TUI_ED_NOTE:
		if (tui_flow_note(&t->app, t->cur, text, &err) != 0)
			tui_fail(t, &err);
		else
			tui_set_msg(t, false, *text ? _("Note enregistrée.") : _("Note effacée."));
		break;
	case TUI_ED_NA_NOTE:
		if (*text == '\0') {
			tui_set_msg(
			    t, true,
			    _("« Non applicable » demande une note : réponse non enregistrée."));
		} else if (tui_flow_note(&t->app, t->cur, text, &err) != 0 ||
		           tui_flow_answer(&t->app, t->cur, VG_ANS_NA, NULL, &err) != 0) {
			tui_fail(t, &err);
		} else {
			tui_advance(t);
		}
		break;
	case TUI_ED_ORG:
		if (tui_flow_org(&t->app, t->ed_field, text, &err) != 0)
			tui_fail(t, &err);
		break;
	case TUI_ED_TARGET:
		if (t->ed_field == 2 ? tui_domain_commit(t, text, &err) != 0
		                     : tui_flow_target_set(&t->app, t->ed_field, text, &err) != 0)
			tui_fail(t, &err);
		break;
	case TUI_ED_SEARCH: {
		size_t from = t->screen == SESSION_SCREEN_QUESTION ? t->cur : TUI_NONE;
		size_t hit = tui_flow_search(&t->app, from, text);

		if (hit == TUI_NONE)
			tui_set_msg(t, true, _("Aucune question ne contient ce texte."));
		else
			tui_go(t, SESSION_SCREEN_QUESTION, hit);
		break;
	}
	case TUI_ED_NONE:
		break;
	}
	free(text);
}

static void tui_ed_key(struct tui *t, int kind, wint_t c)
{
	bool multi = tui_ed_multiline(t);

	if (kind == OK && (c == TUI_KEY_ESC || c == TUI_KEY_CTRL_D)) {
		if (multi || c == TUI_KEY_CTRL_D)
			tui_ed_commit(t);
		else
			t->ed = TUI_ED_NONE;
		t->run_after = false;
		return;
	}
	if ((kind == OK && (c == L'\n' || c == L'\r')) ||
	    (kind == KEY_CODE_YES && c == KEY_ENTER)) {
		if (!multi) {
			tui_ed_commit(t);
			return;
		}
		c = L'\n';
		kind = OK;
	}
	if (t->esel) {
		/* A selected pre-filled value: a character or Backspace/Delete replaces it
		 * whole; any other key keeps it and edits it. */
		bool erase = (kind == KEY_CODE_YES && (c == KEY_BACKSPACE || c == KEY_DC)) ||
		             (kind == OK && (c == 127 || c == 8));

		t->esel = false;
		if (erase || (kind == OK && c >= 32 && c != 127)) {
			t->elen = t->ecur = 0;
			if (erase)
				return;
		}
	}
	if (kind == OK && tui_ed_ctrl(t, c))
		return;
	if (kind == KEY_CODE_YES) {
		int r, col, w = TUI_NOTE_W;

		switch (c) {
		case KEY_LEFT:
			if (t->ecur > 0)
				t->ecur--;
			break;
		case KEY_RIGHT:
			if (t->ecur < t->elen)
				t->ecur++;
			break;
		case KEY_HOME:
			while (t->ecur > 0 && t->ebuf[t->ecur - 1] != L'\n')
				t->ecur--;
			break;
		case KEY_END:
			while (t->ecur < t->elen && t->ebuf[t->ecur] != L'\n')
				t->ecur++;
			break;
		case KEY_UP:
		case KEY_DOWN:
			if (!multi)
				break;
			tui_ed_pos(t, w, t->ecur, &r, &col);
			{
				int want = c == KEY_UP ? r - 1 : r + 1;
				size_t best = c == KEY_UP ? 0 : t->elen;
				bool found = false;

				if (want < 0)
					break;
				for (size_t i = 0; i <= t->elen; i++) {
					int rr, cc;

					tui_ed_pos(t, w, i, &rr, &cc);
					if (rr == want && cc <= col) {
						best = i;
						found = true;
					}
					if (rr > want)
						break;
				}
				if (found || c == KEY_DOWN)
					t->ecur = best;
			}
			break;
		case KEY_BACKSPACE:
			goto backspace;
		case KEY_DC:
			if (t->ecur < t->elen) {
				wmemmove(t->ebuf + t->ecur, t->ebuf + t->ecur + 1,
				         t->elen - t->ecur - 1);
				t->elen--;
			}
			break;
		default:
			break;
		}
		return;
	}
	if (c == 127 || c == 8) {
	backspace:
		if (t->ecur > 0) {
			wmemmove(t->ebuf + t->ecur - 1, t->ebuf + t->ecur, t->elen - t->ecur);
			t->ecur--;
			t->elen--;
		}
		return;
	}
	if ((c < 32 && c != L'\n') || c == 127 || (c == L'\n' && !multi))
		return;
	if (t->elen >= t->emax) {
		tui_set_msg(t, true, _("Texte trop long."));
		return;
	}
	wmemmove(t->ebuf + t->ecur + 1, t->ebuf + t->ecur, t->elen - t->ecur);
	t->ebuf[t->ecur++] = (wchar_t)c;
	t->elen++;
}

static bool tui_is_enter(int kind, wint_t c)
{
	return (kind == OK && (c == L'\n' || c == L'\r')) ||
	       (kind == KEY_CODE_YES && c == KEY_ENTER);
}

static bool tui_is_esc(int kind, wint_t c)
{
	return kind == OK && c == TUI_KEY_ESC;
}

/* Up and down over n rows. */
static void tui_move_sel(struct tui *t, int kind, wint_t c, int n)
{
	if (kind != KEY_CODE_YES)
		return;
	if (c == KEY_UP && t->sel > 0)
		t->sel--;
	else if (c == KEY_DOWN && t->sel < n - 1)
		t->sel++;
	else if (c == KEY_HOME)
		t->sel = 0;
	else if (c == KEY_END)
		t->sel = n - 1;
}

static void tui_start(struct tui *t)
{
	size_t pos = t->app.s->pos;
	size_t answered, asked;

	session_progress(t->app.s, &answered, &asked);
	if (answered == 0 && t->app.s->screen == SESSION_SCREEN_WELCOME) {
		tui_go(t, SESSION_SCREEN_QUESTION, tui_flow_first(&t->app));
		return;
	}
	switch (t->app.s->screen) {
	case SESSION_SCREEN_DOMAINS:
	case SESSION_SCREEN_CHECKS:
	case SESSION_SCREEN_RESULT:
		tui_go(t, t->app.s->screen, TUI_NONE);
		t->app.s->pos = pos;
		break;
	default:
		if (!tui_flow_applies(&t->app, pos))
			pos = tui_flow_step(&t->app, pos, 1);
		if (pos == TUI_NONE)
			pos = tui_flow_first(&t->app);
		tui_go(t, SESSION_SCREEN_QUESTION, pos);
		break;
	}
}

static void tui_key_welcome(struct tui *t, int kind, wint_t c)
{
	struct vg_err err = {0};

	tui_move_sel(t, kind, c, TUI_W_ROWS);
	if (kind == KEY_CODE_YES && (c == KEY_UP || c == KEY_DOWN))
		t->confirm_new = false;
	if (kind == OK && c == L'q') {
		t->quit = true;
		return;
	}
	if (!tui_is_enter(kind, c))
		return;
	switch (t->sel) {
	case TUI_W_START:
		if (t->app.q->nall == 0) {
			tui_set_msg(t, true, _("Ce questionnaire n'a pas de question."));
			break;
		}
		tui_start(t);
		break;
	case TUI_W_NAME:
	case TUI_W_INSEE:
	case TUI_W_CONTACT:
		t->ed_field = t->sel - TUI_W_NAME;
		tui_ed_open(t, TUI_ED_ORG, tui_org_field(t, t->ed_field), TUI_LINE_MAX);
		break;
	case TUI_W_LANG:
		t->app.s->lang = t->app.s->lang == VG_LANG_FR ? VG_LANG_EN : VG_LANG_FR;
		tui_i18n_set(t->app.s->lang);
		if (session_save(t->app.s, &err) != 0)
			tui_fail(t, &err);
		break;
	case TUI_W_NEW:
		if (!t->confirm_new) {
			t->confirm_new = true;
			break;
		} else {
			char *backup = NULL;

			t->confirm_new = false;
			if (t->app.s->path != NULL &&
			    session_backup(t->app.s->path, &backup, &err) != 0) {
				tui_fail(t, &err);
				break;
			}
			session_reset(t->app.s);
			tui_flow_sync_checks(&t->app);
			if (session_save(t->app.s, &err) != 0) {
				tui_fail(t, &err);
			} else if (backup != NULL) {
				char m[1200];

				snprintf(m, sizeof m,
				         _("Nouvelle session ; l'ancienne est gardée dans %s"),
				         backup);
				tui_set_msg(t, false, m);
			}
			free(backup);
		}
		break;
	case TUI_W_QUIT:
		t->quit = true;
		break;
	}
}

static void tui_key_domains(struct tui *t, int kind, wint_t c)
{
	int n = tui_domain_rows(t);

	tui_move_sel(t, kind, c, n);
	if (tui_is_esc(kind, c)) {
		tui_go(t, SESSION_SCREEN_WELCOME, TUI_NONE);
	} else if (tui_is_enter(kind, c)) {
		int item = tui_domain_row_item(t, t->sel);

		if (item == -2) {
			tui_go(t, SESSION_SCREEN_CHECKS, TUI_NONE);
		} else if (item == -3) {
			tui_go(t, SESSION_SCREEN_RESULT, TUI_NONE);
		} else {
			size_t q = tui_flow_domain_start(&t->app, item);

			if (q == TUI_NONE)
				tui_set_msg(t, true,
				            _("Aucune question de ce domaine ne s'applique."));
			else
				tui_go(t, SESSION_SCREEN_QUESTION, q);
		}
	}
}

static void tui_key_question(struct tui *t, int kind, wint_t c)
{
	const struct vg_question *qn = t->app.q->all[t->cur];
	int rows = tui_answer_rows(qn), choice = -1;
	struct vg_err err = {0};

	tui_move_sel(t, kind, c, rows);
	if (kind == OK && c >= L'1' && c <= L'9' && (int)(c - L'1') < rows)
		choice = (int)(c - L'1');
	else if (tui_is_enter(kind, c))
		choice = t->sel;
	if (choice >= 0) {
		t->sel = choice;
		t->msg[0] = '\0';
		if (choice < (int)qn->noptions) {
			if (tui_flow_answer(&t->app, t->cur, VG_ANS_OPTION, &qn->options[choice],
			                    &err) != 0)
				tui_fail(t, &err);
			else
				tui_advance(t);
		} else if (choice == (int)qn->noptions) {
			if (tui_flow_answer(&t->app, t->cur, VG_ANS_UNKNOWN, NULL, &err) != 0)
				tui_fail(t, &err);
			else
				tui_advance(t);
		} else {
			tui_ed_open(t, TUI_ED_NA_NOTE, t->app.s->as->a[t->cur].note, TUI_NOTE_MAX);
		}
		return;
	}
	if (kind == KEY_CODE_YES && (c == KEY_LEFT || c == KEY_PPAGE)) {
		size_t prev = tui_flow_step(&t->app, t->cur, -1);

		if (prev == TUI_NONE)
			tui_set_msg(t, true, _("C'est la première question."));
		else
			tui_go(t, SESSION_SCREEN_QUESTION, prev);
	} else if (kind == KEY_CODE_YES && (c == KEY_RIGHT || c == KEY_NPAGE)) {
		t->msg[0] = '\0';
		tui_advance(t);
	} else if ((kind == OK && c == L'?') || (kind == KEY_CODE_YES && c == KEY_F(1))) {
		t->help = !t->help;
	} else if (kind == OK && c == L'n') {
		tui_ed_open(t, TUI_ED_NOTE, t->app.s->as->a[t->cur].note, TUI_NOTE_MAX);
	} else if (kind == OK && c == L'r') {
		if (tui_flow_review(&t->app, t->cur, &err) != 0)
			tui_fail(t, &err);
	} else if (tui_is_esc(kind, c) && t->help) {
		t->help = false;
	} else if (tui_is_esc(kind, c) || (kind == OK && c == L'd')) {
		tui_go(t, SESSION_SCREEN_DOMAINS, TUI_NONE);
	}
}

static void tui_run_step(void *arg, size_t done, size_t total, const char *what)
{
	struct tui_run *r = arg;

	pthread_mutex_lock(&r->lock);
	r->done = done;
	r->total = total;
	r->scanning = false;
	snprintf(r->what, sizeof r->what, "%s", what);
	pthread_mutex_unlock(&r->lock);
}

static bool tui_run_scan(void *arg, size_t examined, const char *where)
{
	struct tui_run *r = arg;

	pthread_mutex_lock(&r->lock);
	r->examined = examined;
	r->scanning = true;
	snprintf(r->where, sizeof r->where, "%s", where);
	pthread_mutex_unlock(&r->lock);
	/* Tests: hold the scan on screen until it is interrupted. */
	while (r->hold && !atomic_load(&r->stop)) {
		struct timespec ts = {0, 10 * 1000000};

		nanosleep(&ts, NULL);
	}
	return !atomic_load(&r->stop);
}

static bool tui_run_stopped(void *arg)
{
	struct tui_run *r = arg;

	return atomic_load(&r->stop);
}

/* The checks' thread: signals stay with the UI thread. */
static void *tui_run_main(void *arg)
{
	struct tui_run *r = arg;
	struct tui_progress pg = {tui_run_step, tui_run_scan, tui_run_stopped, r};
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	r->rc = tui_flow_checks(r->app, &pg, &r->err);
	atomic_store(&r->finished, true);
	return NULL;
}

/* Runs the checks on a thread while the screen shows their progress (redrawn every
 * 100 ms); q, Esc or a signal interrupts them. */
static void tui_checks_run(struct tui *t)
{
	struct tui_run r;
	const char *hold = getenv("VIGIE_TEST_HOLD_SCAN");
	pthread_t tid;
	bool stopped;

	memset(&r, 0, sizeof r);
	pthread_mutex_init(&r.lock, NULL);
	r.app = &t->app;
	r.hold = hold != NULL && *hold != '\0';
	snprintf(r.what, sizeof r.what, "…");
	t->msg[0] = '\0';
	if (pthread_create(&tid, NULL, tui_run_main, &r) != 0) {
		struct tui_progress pg = {tui_run_step, NULL, NULL, &r};

		r.rc = tui_flow_checks(&t->app, &pg, &r.err);
	} else {
		t->run = &r;
		timeout(100);
		while (!atomic_load(&r.finished)) {
			wint_t c;
			int kind;

			tui_draw(t);
			kind = get_wch(&c);
			if (tui_signal != 0 ||
			    (kind == OK && (c == L'q' || c == L'Q' || c == TUI_KEY_ESC)))
				atomic_store(&r.stop, true);
		}
		pthread_join(tid, NULL);
		timeout(500);
		t->run = NULL;
	}
	stopped = atomic_load(&r.stop);
	pthread_mutex_destroy(&r.lock);
	t->scroll = 0;
	if (r.rc < 0)
		tui_fail(t, &r.err);
	else if (r.rc > 0)
		tui_set_msg(t, true, _("Pas de vérifications automatiques dans cette version."));
	else if (stopped)
		tui_set_msg(t, false,
		            _("Vérifications interrompues : celles qui n'ont pas fini sont notées "
		              "« non faites » et ne comptent pas. Vos réponses sont gardées."));
}

static void tui_key_checks(struct tui *t, int kind, wint_t c)
{
	struct vg_err err = {0};

	if (tui_is_enter(kind, c)) {
		tui_go(t, SESSION_SCREEN_RESULT, TUI_NONE);
	} else if (kind == OK && (c == L'1' || c == L'2') && tui_flow_machine_asked(&t->app)) {
		if (tui_flow_machine_set(&t->app,
		                         c == L'1' ? SESSION_MACHINE_SERVER : SESSION_MACHINE_PC,
		                         &err) != 0)
			tui_fail(t, &err);
	} else if (kind == OK && c == L's' && tui_flow_server_count(&t->app) > 0 &&
	           t->app.o->check_root == NULL) {
		if (tui_flow_machine_set(&t->app, SESSION_MACHINE_UNKNOWN, &err) != 0)
			tui_fail(t, &err);
	} else if (kind == OK && c == L'v') {
		if (tui_flow_machine_asked(&t->app))
			return;
		if (tui_flow_domain_proposed(&t->app) && tui_flow_domain(&t->app) == NULL) {
			tui_domain_open(t, true); /* asked once, before the checks */
			return;
		}
		if (tui_flow_checks_count(&t->app) == 0)
			return;
		tui_checks_run(t);
	} else if (kind == OK && c == L'd' && tui_flow_domain_proposed(&t->app)) {
		tui_domain_open(t, false);
	} else if (kind == OK && (c == L'w' || c == L'm') &&
	           tui_flow_target_proposed(&t->app, c == L'm')) {
		t->ed_field = c == L'm';
		tui_ed_open(t, TUI_ED_TARGET, tui_flow_target(&t->app, t->ed_field),
		            SESSION_MAX_TARGET);
	} else if (kind == KEY_CODE_YES && c == KEY_UP) {
		t->scroll--;
	} else if (kind == KEY_CODE_YES && c == KEY_DOWN) {
		t->scroll++;
	} else if (tui_is_esc(kind, c)) {
		tui_go(t, SESSION_SCREEN_DOMAINS, TUI_NONE);
	}
}

static void tui_key_result(struct tui *t, int kind, wint_t c)
{
	struct vg_err err = {0};

	if (kind == KEY_CODE_YES && c == KEY_UP)
		t->scroll--;
	else if (kind == KEY_CODE_YES && c == KEY_DOWN)
		t->scroll++;
	else if (kind == KEY_CODE_YES && c == KEY_PPAGE)
		t->scroll -= LINES - 8;
	else if (kind == KEY_CODE_YES && c == KEY_NPAGE)
		t->scroll += LINES - 8;
	else if (kind == OK && c == L'e') {
		char *done = NULL;

		if (tui_flow_export(&t->app, &done, &err) != 0)
			tui_fail(t, &err);
		else
			tui_set_msg(t, false, done);
		free(done);
	} else if (tui_is_esc(kind, c)) {
		tui_go(t, SESSION_SCREEN_DOMAINS, TUI_NONE);
	}
}

static void tui_key(struct tui *t, int kind, wint_t c)
{
	if (t->ed != TUI_ED_NONE) {
		tui_ed_key(t, kind, c);
		return;
	}
	if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_ROWS) {
		if (kind == OK && c == L'q')
			t->quit = true;
		return;
	}
	if (t->screen != SESSION_SCREEN_WELCOME && kind == OK) {
		switch (c) {
		case L'q':
			t->quit = true;
			return;
		case L'/':
			tui_ed_open(t, TUI_ED_SEARCH, "", TUI_LINE_MAX);
			return;
		case L'u': {
			size_t from =
			    t->screen == SESSION_SCREEN_QUESTION ? t->cur : t->app.q->nall - 1;
			size_t next = tui_flow_next_unanswered(&t->app, from);

			if (next == TUI_NONE)
				tui_set_msg(t, false, _("Toutes les questions ont une réponse."));
			else
				tui_go(t, SESSION_SCREEN_QUESTION, next);
			return;
		}
		default:
			break;
		}
	}
	switch (t->screen) {
	case SESSION_SCREEN_WELCOME:
		tui_key_welcome(t, kind, c);
		break;
	case SESSION_SCREEN_DOMAINS:
		tui_key_domains(t, kind, c);
		break;
	case SESSION_SCREEN_QUESTION:
		tui_key_question(t, kind, c);
		break;
	case SESSION_SCREEN_CHECKS:
		tui_key_checks(t, kind, c);
		break;
	case SESSION_SCREEN_RESULT:
		tui_key_result(t, kind, c);
		break;
	}
}

static void tui_colors(struct tui *t)
{
	const char *nc = getenv("NO_COLOR");

	t->color = has_colors() && (nc == NULL || *nc == '\0');
	if (!t->color)
		return;
	start_color();
	use_default_colors();
	init_pair(TUI_P_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(TUI_P_SEL, COLOR_BLACK, COLOR_CYAN);
	init_pair(TUI_P_KEYS, COLOR_BLACK, COLOR_WHITE);
	init_pair(TUI_P_ERR, COLOR_RED, -1);
	init_pair(TUI_P_OK, COLOR_GREEN, -1);
	init_pair(TUI_P_GOOD, COLOR_GREEN, -1);
	init_pair(TUI_P_MID, COLOR_YELLOW, -1);
	init_pair(TUI_P_BAD, COLOR_RED, -1);
	init_pair(TUI_P_HELP, COLOR_WHITE, COLOR_BLACK);
}

/* Copies what was written to the captured stderr to the real one. */
static void tui_stderr_restore(FILE *cap, int saved)
{
	char buf[4096];
	size_t n;

	fflush(stderr);
	if (saved >= 0) {
		dup2(saved, 2);
		close(saved);
	}
	if (cap == NULL)
		return;
	rewind(cap);
	while ((n = fread(buf, 1, sizeof buf, cap)) > 0)
		fwrite(buf, 1, n, stderr);
	fclose(cap);
}

const char *tui_lib_version(void)
{
	return curses_version();
}

int tui_run(const struct tui_opts *o, struct vg_err *err)
{
	struct sigaction sa, old[3];
	static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
	struct tui t;
	SCREEN *scr;
	int term_err;
	FILE *cap;
	int saved, idle_errs = 0, rc = 0;

	memset(&t, 0, sizeof t);
	tui_flow_init(&t.app, o);
	t.utf8 = tui_locale_utf8();
	t.screen = SESSION_SCREEN_WELCOME;
	t.app.s->defer_sync = true;
	if (o->notice != NULL)
		tui_set_msg(&t, false, o->notice);

	/* Our handlers first: ncurses then leaves these signals alone. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tui_on_signal;
	sigemptyset(&sa.sa_mask);
	tui_signal = 0;
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);

	fflush(stderr);
	cap = tmpfile();
	saved = cap != NULL ? dup(2) : -1;
	if (saved >= 0)
		dup2(fileno(cap), 2);

	/* newterm, not initscr: initscr exits the process when TERM is unknown. The terminal
	 * is looked up first with setupterm, because a failed newterm leaks its screen. */
	scr = NULL;
	if (setupterm(NULL, fileno(stdout), &term_err) == OK) {
		del_curterm(cur_term);
		scr = newterm(NULL, stdout, stdin);
	}
	if (scr == NULL) {
		const char *term = getenv("TERM");

		tui_stderr_restore(cap, saved);
		for (int i = 0; i < 3; i++)
			sigaction(sigs[i], &old[i], NULL);
		t.app.s->defer_sync = false;
		tui_flow_done(&t.app);
		return vg_err_set(err, VG_ESYS,
		                  _("impossible de lancer l'écran complet (TERM=%s inconnu ?) ; "
		                    "essayez --plain"),
		                  term != NULL ? term : "");
	}
	set_term(scr);
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	timeout(500);
	tui_colors(&t);

	while (!t.quit) {
		wint_t c;
		int kind;
		struct timespec t0, t1;

		tui_draw(&t);
		tui_flow_trace(&t.app, "frame");
		/* The answer is already renamed into place; make it durable now that the
		 * screen shows it, before the next key is read. */
		if (t.app.s->unsynced) {
			struct vg_err serr = {0};

			if (session_sync(t.app.s, &serr) != 0)
				tui_set_msg(&t, true, serr.msg);
			tui_flow_trace(&t.app, "synced");
		}
		if (tui_signal != 0)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		kind = get_wch(&c);
		if (kind == ERR) {
			if (tui_signal != 0)
				break;
			/* A vanished terminal returns at once, again and again. */
			clock_gettime(CLOCK_MONOTONIC, &t1);
			if ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 <
			        100 &&
			    errno != EINTR && ++idle_errs > 50)
				break;
			continue;
		}
		idle_errs = 0;
		tui_flow_trace(&t.app, "key");
		if (kind == KEY_CODE_YES && c == KEY_RESIZE)
			continue;
		tui_key(&t, kind, c);
	}
	/* A note being typed when a signal came is kept too. */
	if (tui_signal != 0 && tui_ed_multiline(&t) && t.elen > 0)
		tui_ed_commit(&t);
	endwin();
	delscreen(scr);
	session_sync(t.app.s, err);
	t.app.s->defer_sync = false;
	tui_stderr_restore(cap, saved);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (tui_signal != 0)
		rc = 128 + tui_signal;
	free(t.ebuf);
	tui_flow_done(&t.app);
	return rc;
}
