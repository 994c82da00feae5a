/* tui plain: the assessment as numbered prompts on a line stream, for screen readers, dumb
 * terminals and scripts. Every answer is saved when given; end of input stops cleanly. */
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "flow.h"

struct plain {
	struct tui_app app;
	FILE *in, *out;
	bool utf8;
	bool eof;
	bool echo;  /* input is not a terminal: repeat it, so the transcript reads well */
	char *line; /* last line read (getline's buffer) */
	size_t cap;
};

/* Prints formatted text, as ASCII when the locale is not UTF-8. */
static void plain_printf(struct plain *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void plain_printf(struct plain *p, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = vg_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	/* Text from questionnaires and sessions reaches a terminal: no control characters
	 * (C0 but newline and tab, DEL, C1 as UTF-8) get through. */
	for (unsigned char *c = (unsigned char *)s; *c; c++) {
		if ((*c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7f)
			*c = '?';
		else if (*c == 0xc2 && c[1] >= 0x80 && c[1] <= 0x9f)
			c[0] = '?', c[1] = '?';
	}
	if (p->utf8) {
		fputs(s, p->out);
	} else {
		char *a = vg_malloc((size_t)n * 3 + 1);

		tui_ascii(s, a, (size_t)n * 3 + 1);
		fputs(a, p->out);
		free(a);
	}
	free(s);
}

/* Reads one line (without its end) after printing prompt; NULL at end of input. */
static const char *plain_read(struct plain *p, const char *prompt)
{
	ssize_t n;
	size_t bad;

	for (;;) {
		if (prompt != NULL)
			plain_printf(p, "%s", prompt);
		fflush(p->out);
		n = getline(&p->line, &p->cap, p->in);
		if (n < 0) {
			p->eof = true;
			return NULL;
		}
		while (n > 0 && (p->line[n - 1] == '\n' || p->line[n - 1] == '\r'))
			p->line[--n] = '\0';
		if (p->echo)
			plain_printf(p, "%s\n", p->line);
		if (vg_utf8_valid(p->line, (size_t)n, &bad) && strlen(p->line) == (size_t)n)
			return p->line;
		plain_printf(p, "%s\n", _("Texte refusé : il n'est pas en UTF-8 valide."));
	}
}

/* Reads lines up to one holding a single "."; NULL at end of input. Caller frees. */
static char *plain_read_text(struct plain *p)
{
	struct vg_buf b;
	const char *l;
	char *out;

	vg_buf_init(&b, SESSION_MAX_NOTE);
	plain_printf(p, "%s\n",
	             _("Tapez la note ; terminez par une ligne qui ne contient qu'un point (.)."));
	while ((l = plain_read(p, "> ")) != NULL && strcmp(l, ".") != 0) {
		if ((b.len > 0 && vg_buf_puts(&b, "\n") != 0) || vg_buf_puts(&b, l) != 0) {
			plain_printf(p, "%s\n", _("Texte trop long."));
			break;
		}
	}
	if (l == NULL) {
		vg_buf_free(&b);
		return NULL;
	}
	out = vg_strdup(b.data != NULL ? b.data : "");
	vg_buf_free(&b);
	return out;
}

static void plain_err(struct plain *p, const struct vg_err *err)
{
	plain_printf(p, "!! %s\n", err->msg);
}

static void plain_show_question(struct plain *p, size_t i)
{
	const struct vg_question *qn = p->app.q->all[i];
	const struct vg_answer *a = &p->app.s->as->a[i];
	enum vg_lang l = p->app.s->lang;
	size_t rank, count, k;

	tui_flow_rank(&p->app, i, &rank, &count);
	plain_printf(p, "\n[%s] ", tui_flow_domain_title(&p->app, i));
	plain_printf(p, _("Question %zu sur %zu"), rank, count);
	plain_printf(p, "%s\n", a->review ? _(" [à revoir]") : "");
	plain_printf(p, "%s\n", model_text(&qn->text, l));
	for (k = 0; k < qn->noptions; k++)
		plain_printf(p, "  %zu) %s\n", k + 1, model_text(&qn->options[k].text, l));
	plain_printf(p, "  %zu) %s\n", k + 1, _("Je ne sais pas"));
	if (qn->allow_na)
		plain_printf(p, "  %zu) %s\n", k + 2, _("Non applicable (une note est demandée)"));
	if (a->kind != VG_ANS_NONE)
		plain_printf(p, "%s %s\n", _("Réponse actuelle :"),
		             tui_flow_answer_label(&p->app, i));
	if (a->note != NULL)
		plain_printf(p, "%s %s\n", _("Note :"), a->note);
}

static void plain_help(struct plain *p, size_t i)
{
	const struct vg_question *qn = p->app.q->all[i];

	plain_printf(p, "%s\n",
	             qn->help.fr != NULL ? model_text(&qn->help, p->app.s->lang)
	                                 : _("Pas d'aide pour cette question."));
	if (qn->nrefs > 0) {
		char refs[1024];

		plain_printf(p, "%s %s\n", _("Références :"),
		             model_refs_words(qn, p->app.s->lang, refs, sizeof refs));
	}
}

static void plain_commands(struct plain *p)
{
	plain_printf(
	    p, "%s\n",
	    _("Commandes : un numéro répond ; Entrée seule passe à la suivante ; ? aide ; "
	      "n note ; r à revoir ; p précédente ; u suivante sans réponse ; d domaines ; "
	      "/texte chercher ; f résultat ; q quitter."));
}

/* s with every line after the first indented by n spaces (caller frees). */
static char *plain_indent(const char *s, int n)
{
	struct vg_buf b;

	vg_buf_init(&b, 4u << 20);
	for (; *s != '\0'; s++) {
		vg_buf_printf(&b, "%c", *s);
		if (*s == '\n')
			vg_buf_printf(&b, "%*s", n, "");
	}
	return b.data != NULL ? b.data : vg_strdup("");
}

/* Lists the domains and jumps to the one chosen; returns the question or TUI_NONE. */
static size_t plain_domains(struct plain *p)
{
	const struct vg_questionnaire *q = p->app.q;
	int first = q->ncontext > 0 ? -1 : 0, n = 0;
	const char *l;
	char *end;
	long k;

	for (int d = first; d < (int)q->ndomains; d++, n++) {
		size_t answered, asked;

		tui_flow_domain_progress(&p->app, d, &answered, &asked);
		plain_printf(p, "  %d) %s (%zu/%zu)\n", n + 1,
		             d < 0 ? _("Contexte")
		                   : model_text(&q->domains[d].title, p->app.s->lang),
		             answered, asked);
	}
	l = plain_read(p, _("Domaine (numéro, Entrée pour rester) : "));
	if (l == NULL || *l == '\0')
		return TUI_NONE;
	k = strtol(l, &end, 10);
	if (*end != '\0' || k < 1 || k > n) {
		plain_printf(p, "%s\n", _("Numéro inconnu."));
		return TUI_NONE;
	}
	return tui_flow_domain_start(&p->app, first + (int)k - 1);
}

static void plain_result(struct plain *p)
{
	struct score_result r;
	enum vg_lang l = p->app.s->lang;

	tui_flow_result(&p->app, &r);
	plain_printf(p, "\n== %s ==\n", _("Résultat"));
	if (!r.scored) {
		plain_printf(p, "%s\n",
		             _("Pas encore de note : aucune question applicable n'a de réponse."));
		score_free(&r);
		return;
	}
	plain_printf(p, _("Note globale : %s   (%.0f sur 100)"), score_grade_name(r.grade),
	             r.overall);
	plain_printf(p, "\n");
	if (r.critical_cap)
		plain_printf(
		    p, "%s\n",
		    _("Plafonnée à D : une question critique a la réponse la plus basse."));
	plain_printf(p, "%s\n", _("Par domaine"));
	for (size_t i = 0; i < r.ndomains; i++) {
		if (r.domains[i].scored)
			plain_printf(p, "  %s : %.0f/100\n", model_text(&r.domains[i].d->title, l),
			             r.domains[i].score);
		else
			plain_printf(p, "  %s : %s\n", model_text(&r.domains[i].d->title, l),
			             _("non évalué"));
	}
	plain_printf(p, ngettext("%zu mesure prioritaire", "%zu mesures prioritaires", r.npriority),
	             r.npriority);
	plain_printf(p, "\n");
	for (size_t i = 0; i < r.npriority; i++) {
		plain_printf(p, "  %zu. %s\n", i + 1, model_text(&r.plan[i].title, l));
		if (r.plan[i].advice.fr != NULL)
			plain_printf(p, "     -> %s\n", model_text(&r.plan[i].advice, l));
	}
	for (size_t i = 0, n = 0; i < r.nquestions; i++) {
		const struct score_question *sq = &r.questions[i];
		char *reason;

		if (sq->capped_by == NULL)
			continue;
		if (n++ == 0)
			plain_printf(p, "%s\n", _("Réponses plafonnées par les vérifications"));
		plain_printf(p, "  - %s\n", model_text(&sq->q->text, l));
		/* The check's title, never its id; then its reasons (TLS findings), indented. */
		plain_printf(p, _("    déclarée %d, retenue %d par la vérification : %s"),
		             sq->declared, sq->retained,
		             tui_flow_check_title(&p->app, sq->capped_by));
		plain_printf(p, "\n");
		if (tui_flow_check_reason(&p->app, sq->capped_by) != NULL) {
			reason = plain_indent(tui_flow_check_reason(&p->app, sq->capped_by), 6);
			plain_printf(p, "      %s\n", reason);
			free(reason);
		}
	}
	if (r.nunknown > 0) {
		plain_printf(p, "%s\n", _("À clarifier (« je ne sais pas »)"));
		for (size_t i = 0; i < r.nunknown; i++)
			plain_printf(p, "  - %s\n", model_text(&r.unknown[i]->text, l));
	}
	for (size_t i = 0, n = 0; i < p->app.q->nall; i++) {
		if (!p->app.s->as->a[i].review || !tui_flow_applies(&p->app, i))
			continue;
		if (n++ == 0)
			plain_printf(p, "%s\n", _("Marquées à revoir"));
		plain_printf(p, "  - %s\n", model_text(&p->app.q->all[i]->text, l));
	}
	if (r.nunanswered > 0) {
		plain_printf(p,
		             _("Questions sans réponse : %zu (elles comptent 0 ; u pour y aller)"),
		             r.nunanswered);
		plain_printf(p, "\n");
	}
	score_free(&r);
}

/* Asks for the addresses of the website and mail server the context answers say exist;
 * false at end of input. */
static bool plain_targets(struct plain *p)
{
	static const char *const what[2] = {N_("Adresse du site web"),
	                                    N_("Adresse du serveur de messagerie")};
	static const char *const eg[2] = {"www.mairie-exemple.fr", "mail.mairie-exemple.fr"};
	struct vg_err err = {0};

	for (int w = 0; w < 2; w++) {
		const char *cur, *l;
		char *prompt;

		if (!tui_flow_target_proposed(&p->app, w))
			continue;
		cur = tui_flow_target(&p->app, w);
		if (cur != NULL)
			prompt = vg_asprintf(_("%s [%s] (Entrée pour garder, - pour effacer) : "),
			                     _(what[w]), cur);
		else
			prompt =
			    vg_asprintf(_("%s, pour vérifier sa configuration TLS (par exemple "
			                  "%s ; Entrée pour passer) : "),
			                _(what[w]), eg[w]);
		l = plain_read(p, prompt);
		free(prompt);
		if (l == NULL)
			return false;
		if (*l == '\0')
			continue;
		if (tui_flow_target_set(&p->app, w, strcmp(l, "-") == 0 ? "" : l, &err) != 0) {
			plain_err(p, &err);
			w--;
		}
	}
	return true;
}

/* Asks for the commune's domain, when the context answers say it has one: pre-filled with
 * the domain given before or else the one guessed from the addresses (Enter keeps it, "-"
 * says there is none to look at), as the addresses are. False at end of input. */
static bool plain_domain(struct plain *p)
{
	struct vg_err err = {0};
	char buf[256];

	if (!tui_flow_domain_proposed(&p->app))
		return true;
	for (;;) {
		const char *known = tui_flow_domain(&p->app), *cur, *l;
		char *prompt, *value;
		int rc;

		cur = known != NULL ? known : tui_flow_domain_prefill(&p->app, buf, sizeof buf);
		if (*cur != '\0')
			prompt =
			    vg_asprintf(_("Nom de domaine de la commune, pour vérifier de "
			                  "l'extérieur SPF, DKIM, DMARC, DNSSEC et le chiffrement "
			                  "de sa messagerie [%s] (Entrée pour garder, - s'il n'y "
			                  "en a pas) : "),
			                cur);
		else
			prompt =
			    vg_asprintf(_("Nom de domaine de la commune, pour vérifier de "
			                  "l'extérieur SPF, DKIM, DMARC, DNSSEC et le chiffrement "
			                  "de sa messagerie (par exemple %s ; Entrée s'il n'y en a "
			                  "pas) : "),
			                "mairie-exemple.fr");
		l = plain_read(p, prompt);
		free(prompt);
		if (l == NULL)
			return false;
		value = vg_strdup(*l == '\0' ? cur : strcmp(l, "-") == 0 ? "" : l);
		rc = tui_flow_domain_set(&p->app, value, &err);
		free(value);
		if (rc == 0)
			return true;
		plain_err(p, &err);
	}
}

/* One line per check as it starts: "[3/15] title"; nothing when all are done. */
static void plain_checks_progress(void *arg, size_t done, size_t total, const char *what)
{
	if (*what != '\0')
		plain_printf(arg, "  [%zu/%zu] %s\n", done + 1, total, what);
}

/* Set by SIGINT while the checks run: Ctrl-C interrupts them, not vigie. */
static volatile sig_atomic_t plain_sigint;

static void plain_on_sigint(int sig)
{
	(void)sig;
	plain_sigint = 1;
}

/* A run of the checks: the session, and whether the person asked to interrupt it. */
struct plain_run {
	struct plain *p;
	bool stop;
	bool hold; /* VIGIE_TEST_HOLD_SCAN: a scan waits for the interruption (tests) */
};

/* True once Ctrl-C came, or "q" then Enter was typed on the terminal. Lines typed at a
 * terminal meanwhile are read (and dropped unless "q"); from a pipe or file nothing is
 * read: those lines answer the prompts that follow. */
static bool plain_run_stopped(void *arg)
{
	struct plain_run *r = arg;
	struct pollfd pfd;

	if (plain_sigint)
		r->stop = true;
	if (r->stop || r->p->echo)
		return r->stop;
	pfd = (struct pollfd){.fd = fileno(r->p->in), .events = POLLIN};
	while (!r->stop && poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN) != 0) {
		ssize_t n = getline(&r->p->line, &r->p->cap, r->p->in);

		if (n < 0)
			break;
		while (n > 0 && (r->p->line[n - 1] == '\n' || r->p->line[n - 1] == '\r'))
			r->p->line[--n] = '\0';
		if (strcmp(r->p->line, "q") == 0 || strcmp(r->p->line, "Q") == 0)
			r->stop = true;
	}
	return r->stop;
}

/* Within a tree scan: false once interrupted. */
static bool plain_run_scan(void *arg, size_t examined, const char *where)
{
	struct plain_run *r = arg;

	(void)examined;
	(void)where;
	while (r->hold && !plain_run_stopped(r)) {
		struct timespec ts = {0, 10 * 1000000};

		nanosleep(&ts, NULL);
	}
	return !plain_run_stopped(r);
}

static void plain_run_step(void *arg, size_t done, size_t total, const char *what)
{
	plain_checks_progress(((struct plain_run *)arg)->p, done, total, what);
}

/* Runs the checks; Ctrl-C or q then Enter interrupts them: the check running and those
 * left are recorded as not run, the answers are kept. Returns tui_flow_checks's. */
static int plain_checks_run(struct plain *p, struct vg_err *err)
{
	const char *hold = getenv("VIGIE_TEST_HOLD_SCAN");
	struct plain_run r = {p, false, hold != NULL && *hold != '\0'};
	struct tui_progress pg = {plain_run_step, plain_run_scan, plain_run_stopped, &r};
	struct sigaction sa, old;
	int rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = plain_on_sigint;
	sigemptyset(&sa.sa_mask);
	plain_sigint = 0;
	sigaction(SIGINT, &sa, &old);
	plain_printf(p, "%s\n",
	             p->echo ? _("Vérifications en cours (Ctrl-C pour les interrompre ; vos "
	                         "réponses sont gardées)...")
	                     : _("Vérifications en cours (q puis Entrée, ou Ctrl-C, pour les "
	                         "interrompre ; vos réponses sont gardées)..."));
	fflush(p->out);
	rc = tui_flow_checks(&p->app, &pg, err);
	sigaction(SIGINT, &old, NULL);
	if (plain_sigint && !p->echo)
		plain_printf(p, "\n"); /* after the terminal's ^C */
	if (rc >= 0 && r.stop)
		plain_printf(p, "%s\n",
		             _("Vérifications interrompues : celles qui n'ont pas fini sont notées "
		               "« non faites » et ne comptent pas. Vos réponses sont gardées."));
	return rc;
}

/* Asks what machine vigie runs on, when the server checks depend on it; false at end of
 * input. */
static bool plain_machine(struct plain *p)
{
	struct vg_err err = {0};
	const char *l;

	if (!tui_flow_machine_asked(&p->app))
		return true;
	plain_printf(p, "%s\n  1. %s\n  2. %s\n", _(TUI_MACHINE_QUESTION), _(TUI_MACHINE_SERVER),
	             _(TUI_MACHINE_PC));
	for (;;) {
		l = plain_read(p, _("Votre choix (1 ou 2) : "));
		if (l == NULL)
			return false;
		if (strcmp(l, "1") == 0 || strcmp(l, "2") == 0)
			break;
	}
	if (tui_flow_machine_set(&p->app, l[0] == '1' ? SESSION_MACHINE_SERVER : SESSION_MACHINE_PC,
	                         &err) != 0)
		plain_err(p, &err);
	return true;
}

/* The checks and result step; returns the question to go back to, or TUI_NONE to stop. */
static size_t plain_finish(struct plain *p)
{
	struct vg_err err = {0};
	const char *l;
	size_t nchecks;
	int rc;

	plain_printf(p, "\n== %s ==\n", _("Vérifications automatiques"));
	if (tui_flow_goto(&p->app, TUI_NONE, SESSION_SCREEN_CHECKS, &err) != 0)
		plain_err(p, &err);
	if (p->app.o->hooks->checks_run == NULL) {
		plain_printf(p, "%s\n",
		             _("Les vérifications automatiques ne sont pas encore disponibles dans "
		               "cette version ; vos réponses suffisent pour obtenir un résultat."));
	} else if (!plain_targets(p) || !plain_domain(p) || !plain_machine(p)) {
		return TUI_NONE;
	} else {
		nchecks = tui_flow_checks_count(&p->app);
		if (!tui_flow_server_runs(&p->app) && tui_flow_server_count(&p->app) > 0)
			plain_printf(p, "%s\n", _(TUI_SERVER_NOT_RUN));
		if (p->app.checks_done) {
			char *sum = tui_flow_checks_summary(&p->app);

			plain_printf(p, "%s\n", sum);
			free(sum);
		}
		if (nchecks == 0) {
			plain_printf(p, "%s\n", _(TUI_NO_CHECKS));
		} else {
			char *offer = tui_flow_checks_offer(&p->app);

			plain_printf(p, "%s\n", offer);
			free(offer);
			l = plain_read(p,
			               p->app.checks_done
			                   ? _("v relancer les vérifications, Entrée pour voir le "
			                       "résultat, q quitter : ")
			                   : _("v lancer les vérifications, Entrée pour voir le "
			                       "résultat sans elles, q quitter : "));
			if (l == NULL || strcmp(l, "q") == 0)
				return TUI_NONE;
			if (strcmp(l, "v") == 0) {
				rc = plain_checks_run(p, &err);
				if (rc < 0) {
					plain_printf(
					    p, "%s\n",
					    _("Les vérifications n'ont pas pu être faites ; le "
					      "résultat ne tient compte que de vos réponses."));
					plain_err(p, &err);
				} else {
					char *sum = tui_flow_checks_summary(&p->app);

					plain_printf(p, "%s\n", sum);
					free(sum);
				}
			}
		}
	}
	if (tui_flow_goto(&p->app, TUI_NONE, SESSION_SCREEN_RESULT, &err) != 0)
		plain_err(p, &err);
	plain_result(p);
	for (;;) {
		l = plain_read(p, _("e exporter, u questions sans réponse, p revenir aux "
		                    "questions, q quitter : "));
		if (l == NULL || strcmp(l, "q") == 0)
			return TUI_NONE;
		if (strcmp(l, "e") == 0) {
			char *done = NULL;

			if (tui_flow_export(&p->app, &done, &err) != 0)
				plain_err(p, &err);
			else
				plain_printf(p, "%s\n", done);
			free(done);
		} else if (strcmp(l, "u") == 0) {
			size_t n = tui_flow_next_unanswered(&p->app, p->app.q->nall - 1);

			if (n != TUI_NONE)
				return n;
			plain_printf(p, "%s\n", _("Toutes les questions ont une réponse."));
		} else if (strcmp(l, "p") == 0) {
			return p->app.s->pos;
		}
	}
}

/* Asks for org fields not yet known; false at end of input. */
static bool plain_org(struct plain *p)
{
	const char *prompts[3] = {_("Nom de la collectivité (Entrée pour passer) : "),
	                          _("Code INSEE (5 caractères, Entrée pour passer) : "),
	                          _("Contact (nom, courriel ; Entrée pour passer) : ")};
	const struct vg_org *o = &p->app.s->as->org;
	struct vg_err err = {0};

	if (o->name != NULL || o->insee != NULL || o->contact != NULL) {
		plain_printf(p, "%s %s %s\n", _("Collectivité :"), o->name ? o->name : "-",
		             o->insee ? o->insee : "");
		return true;
	}
	for (int f = 0; f < 3; f++) {
		const char *l = plain_read(p, prompts[f]);

		if (l == NULL)
			return false;
		if (tui_flow_org(&p->app, f, l, &err) != 0) {
			plain_err(p, &err);
			f--;
		}
	}
	return true;
}

/* Handles one reply to question i; returns the next question, TUI_NONE to finish, or i. */
static size_t plain_reply(struct plain *p, size_t i, const char *l, bool *stop)
{
	const struct vg_question *qn = p->app.q->all[i];
	size_t rows = qn->noptions + 1 + (qn->allow_na ? 1 : 0), n;
	struct vg_err err = {0};
	char *end;
	long k;

	if (*l == '\0') {
		return tui_flow_step(&p->app, i, 1);
	} else if (strcmp(l, "q") == 0) {
		*stop = true;
	} else if (strcmp(l, "?") == 0) {
		plain_help(p, i);
	} else if (strcmp(l, "c") == 0 || strcmp(l, "h") == 0) {
		plain_commands(p);
	} else if (strcmp(l, "n") == 0) {
		char *note = plain_read_text(p);

		if (note == NULL)
			*stop = true;
		else if (tui_flow_note(&p->app, i, note, &err) != 0)
			plain_err(p, &err);
		else
			plain_printf(p, "%s\n",
			             *note ? _("Note enregistrée.") : _("Note effacée."));
		free(note);
	} else if (strcmp(l, "r") == 0) {
		if (tui_flow_review(&p->app, i, &err) != 0)
			plain_err(p, &err);
		plain_printf(p, "%s\n",
		             p->app.s->as->a[i].review ? _("Marquée à revoir.")
		                                       : _("Marque « à revoir » retirée."));
	} else if (strcmp(l, "p") == 0) {
		n = tui_flow_step(&p->app, i, -1);
		if (n != TUI_NONE)
			return n;
		plain_printf(p, "%s\n", _("C'est la première question."));
	} else if (strcmp(l, "u") == 0) {
		n = tui_flow_next_unanswered(&p->app, i);
		if (n != TUI_NONE)
			return n;
		plain_printf(p, "%s\n", _("Toutes les questions ont une réponse."));
	} else if (strcmp(l, "f") == 0) {
		return TUI_NONE;
	} else if (strcmp(l, "d") == 0) {
		n = plain_domains(p);
		if (p->eof)
			*stop = true;
		if (n != TUI_NONE)
			return n;
	} else if (l[0] == '/') {
		n = tui_flow_search(&p->app, i, l + 1);
		if (n != TUI_NONE)
			return n;
		plain_printf(p, "%s\n", _("Aucune question ne contient ce texte."));
	} else {
		k = strtol(l, &end, 10);
		if (*end != '\0' || k < 1 || (size_t)k > rows) {
			plain_printf(
			    p, _("Répondez par un numéro de 1 à %zu (c : liste des commandes)."),
			    rows);
			plain_printf(p, "\n");
			return i;
		}
		if ((size_t)k <= qn->noptions) {
			if (tui_flow_answer(&p->app, i, VG_ANS_OPTION, &qn->options[k - 1], &err) !=
			    0)
				plain_err(p, &err);
		} else if ((size_t)k == qn->noptions + 1) {
			if (tui_flow_answer(&p->app, i, VG_ANS_UNKNOWN, NULL, &err) != 0)
				plain_err(p, &err);
		} else {
			char *note;

			plain_printf(p, "%s\n", _("« Non applicable » : expliquez pourquoi."));
			note = plain_read_text(p);
			if (note == NULL) {
				*stop = true;
				return i;
			}
			if (*note == '\0') {
				plain_printf(p, "%s\n",
				             _("« Non applicable » demande une note : réponse non "
				               "enregistrée."));
				free(note);
				return i;
			}
			if (tui_flow_note(&p->app, i, note, &err) != 0 ||
			    tui_flow_answer(&p->app, i, VG_ANS_NA, NULL, &err) != 0) {
				plain_err(p, &err);
				free(note);
				return i;
			}
			free(note);
		}
		if (err.msg[0] != '\0')
			return i;
		return tui_flow_step(&p->app, i, 1);
	}
	return i;
}

int tui_plain_run(const struct tui_opts *o, FILE *in, FILE *out, struct vg_err *err)
{
	struct plain p;
	struct score_progress pr;
	size_t answered, i;
	bool stop = false;
	struct vg_err serr = {0};

	(void)err;
	memset(&p, 0, sizeof p);
	tui_flow_init(&p.app, o);
	p.in = in;
	p.out = out;
	p.utf8 = tui_locale_utf8();
	p.echo = !isatty(fileno(in));
	score_progress_of(p.app.s->as, &pr);
	answered = pr.answered + pr.context_answered;
	plain_printf(&p, "vigie — %s\n", model_text(&p.app.q->title, p.app.s->lang));
	plain_printf(&p, _("Questionnaire : %s %s (%s)"), p.app.q->id, p.app.q->version,
	             tui_flow_q_source(&p.app));
	plain_printf(&p, "\n");
	plain_printf(&p, _("Session : %s"), p.app.s->path != NULL ? p.app.s->path : "-");
	plain_printf(&p, "\n");
	plain_printf(&p,
	             ngettext("Réponses : %zu sur %zu question", "Réponses : %zu sur %zu questions",
	                      pr.asked),
	             pr.answered, pr.asked);
	if (pr.context_asked > 0)
		plain_printf(&p,
		             ngettext(" (et %zu sur %zu question de contexte)",
		                      " (et %zu sur %zu questions de contexte)", pr.context_asked),
		             pr.context_answered, pr.context_asked);
	plain_printf(&p, ".\n");
	if (o->notice != NULL)
		plain_printf(&p, "%s\n", o->notice);
	if (!plain_org(&p))
		goto eof;
	plain_commands(&p);
	i = p.app.s->pos;
	if (p.app.q->nall == 0 || p.app.s->screen == SESSION_SCREEN_CHECKS ||
	    p.app.s->screen == SESSION_SCREEN_RESULT) {
		i = TUI_NONE;
	} else if (i >= p.app.q->nall || !tui_flow_applies(&p.app, i)) {
		i = tui_flow_step(&p.app, i, 1);
		if (i == TUI_NONE)
			i = tui_flow_first(&p.app);
	}
	if (answered > 0 && i != TUI_NONE) {
		size_t rank, count;

		tui_flow_rank(&p.app, i, &rank, &count);
		plain_printf(&p, _("Reprise : %s, question %zu sur %zu — %s"),
		             tui_flow_domain_title(&p.app, i), rank, count,
		             model_question_title(p.app.q->all[i], p.app.s->lang));
		plain_printf(&p, "\n");
	}
	for (;;) {
		const char *l;

		if (i == TUI_NONE) {
			i = plain_finish(&p);
			if (i == TUI_NONE)
				break;
		}
		if (tui_flow_goto(&p.app, i, SESSION_SCREEN_QUESTION, &serr) != 0)
			plain_err(&p, &serr);
		plain_show_question(&p, i);
		l = plain_read(&p, _("Votre choix : "));
		if (l == NULL)
			goto eof;
		i = plain_reply(&p, i, l, &stop);
		if (p.eof)
			goto eof;
		if (stop)
			break;
	}
	plain_printf(&p, "%s %s\n", _("Réponses enregistrées dans"),
	             p.app.s->path != NULL ? p.app.s->path : "-");
	free(p.line);
	tui_flow_done(&p.app);
	return 0;
eof:
	plain_printf(&p, "\n%s %s\n", _("Fin de l'entrée : réponses enregistrées dans"),
	             p.app.s->path != NULL ? p.app.s->path : "-");
	plain_printf(&p, "%s\n", _("Relancez vigie pour reprendre où vous en étiez."));
	free(p.line);
	tui_flow_done(&p.app);
	return 0;
}
