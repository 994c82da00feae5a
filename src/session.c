/* session: the session file (JSON through jansson, only here) and the answers export. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <jansson.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "jsonerr.h"
#include "scoring.h"

/* Messages are French msgids translated through gettext (po/en.po); key names are kept
 * as the file writes them. */
#define _(s) gettext(s)

static const char *const session_screen_names[] = {"welcome", "domains", "question", "checks",
                                                   "result"};

struct session *session_new(const struct vg_questionnaire *q, const char *path)
{
	struct session *s = vg_calloc(1, sizeof *s);

	s->as = model_answers_new(q);
	s->lang = VG_LANG_FR;
	s->screen = SESSION_SCREEN_WELCOME;
	vg_rfc3339_now(s->created_at, sizeof s->created_at);
	memcpy(s->updated_at, s->created_at, sizeof s->updated_at);
	s->path = path != NULL ? vg_strdup(path) : NULL;
	return s;
}

void session_checks_clear(struct session *s)
{
	for (size_t i = 0; i < s->checks.nev; i++) {
		struct vg_evidence *e = &s->checks.ev[i];

		free((char *)e->check_id);
		for (size_t k = 0; k < e->ninforms; k++)
			free((char *)e->informs[k]);
		free((void *)e->informs);
		free((char *)e->reason.fr);
		free((char *)e->reason.en);
		free((char *)e->detail.fr);
		free((char *)e->detail.en);
	}
	free(s->checks.ev);
	free(s->checks.where);
	memset(&s->checks, 0, sizeof s->checks);
}

void session_checks_set(struct session *s, const struct vg_evidence *ev, size_t nev,
                        const char *run_at, const char *where)
{
	struct vg_evidence *c = vg_calloc(nev ? nev : 1, sizeof *c);

	for (size_t i = 0; i < nev; i++) {
		const char **inf = vg_calloc(ev[i].ninforms ? ev[i].ninforms : 1, sizeof *inf);

		for (size_t k = 0; k < ev[i].ninforms; k++)
			inf[k] = vg_strdup(ev[i].informs[k]);
		c[i] = (struct vg_evidence){
		    .check_id = vg_strdup(ev[i].check_id),
		    .status = ev[i].status,
		    .cap = ev[i].cap,
		    .informs = inf,
		    .ninforms = ev[i].ninforms,
		    .reason = {ev[i].reason.fr ? vg_strdup(ev[i].reason.fr) : NULL,
		               ev[i].reason.en ? vg_strdup(ev[i].reason.en) : NULL},
		    .detail = {ev[i].detail.fr ? vg_strdup(ev[i].detail.fr) : NULL,
		               ev[i].detail.en ? vg_strdup(ev[i].detail.en) : NULL},
		};
	}
	session_checks_clear(s);
	s->checks.ev = c;
	s->checks.nev = nev;
	s->checks.where = where != NULL ? vg_strdup(where) : NULL;
	if (run_at != NULL)
		snprintf(s->checks.run_at, sizeof s->checks.run_at, "%s", run_at);
	else
		vg_rfc3339_now(s->checks.run_at, sizeof s->checks.run_at);
}

void session_free(struct session *s)
{
	if (s == NULL)
		return;
	session_checks_clear(s);
	model_answers_free(s->as);
	free(s->target_site);
	free(s->target_mail);
	free(s->target_domain);
	free(s->path);
	free(s);
}

void session_reset(struct session *s)
{
	for (size_t i = 0; i < s->as->q->nall; i++) {
		free(s->as->a[i].note);
		memset(&s->as->a[i], 0, sizeof s->as->a[i]);
	}
	session_checks_clear(s);
	s->pos = 0;
	s->screen = SESSION_SCREEN_WELCOME;
	vg_rfc3339_now(s->created_at, sizeof s->created_at);
}

static const char *const session_status_names[] = {"pass", "warn", "fail", "error", "skipped"};
static const char *const session_machine_names[] = {"", "server", "pc"};

/* Fails unless every key of obj is in allowed (NULL-terminated); what names obj (a key
 * path, a question id when answer, NULL for the top level). */
static int session_keys(const char *name, const char *what, bool answer, json_t *obj,
                        const char *const *allowed, struct vg_err *err)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		size_t i;

		for (i = 0; allowed[i] != NULL; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (allowed[i] == NULL && what == NULL)
			return vg_err_set(
			    err, VG_EINPUT,
			    _("%s : clé inconnue « %.64s » au premier niveau du fichier "
			      "de session"),
			    name, key);
		if (allowed[i] == NULL)
			return vg_err_set(err, VG_EINPUT,
			                  answer
			                      ? _("%s : clé inconnue « %.64s » dans la réponse à "
			                          "« %s »")
			                      : _("%s : clé inconnue « %.64s » dans « %s »"),
			                  name, key, what);
	}
	return 0;
}

/* A string member of at most max bytes, or absent (*out NULL) when optional. */
static int session_str(const char *name, json_t *obj, const char *key, bool required, size_t max,
                       const char **out, struct vg_err *err)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (v == NULL) {
		if (required)
			return vg_err_set(err, VG_EINPUT, _("%s : la clé « %s » manque"), name,
			                  key);
		return 0;
	}
	if (!json_is_string(v))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : « %s » doit être une chaîne de caractères"), name, key);
	if (json_string_length(v) > max || strlen(json_string_value(v)) != json_string_length(v))
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : « %s » est trop long ou contient un octet nul (%zu octets "
		      "au plus)"),
		    name, key, max);
	*out = json_string_value(v);
	return 0;
}

static int session_parse_org(const char *name, json_t *org, struct vg_org *o, struct vg_err *err)
{
	static const char *const keys[] = {"name", "insee", "contact", NULL};
	const char *v[3];

	if (!json_is_object(org))
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : « organisation » doit être un objet {name, insee, contact}"), name);
	if (session_keys(name, "organisation", false, org, keys, err) != 0)
		return -1;
	for (int i = 0; i < 3; i++)
		if (session_str(name, org, keys[i], false, SESSION_MAX_ORG, &v[i], err) != 0)
			return -1;
	o->name = v[0] ? vg_strdup(v[0]) : NULL;
	o->insee = v[1] ? vg_strdup(v[1]) : NULL;
	o->contact = v[2] ? vg_strdup(v[2]) : NULL;
	return 0;
}

enum session_drop { SESSION_DROP_QUESTION, SESSION_DROP_NA, SESSION_DROP_OPTION };

/* Appends one "dropped" line to the migration report: question id and why (opt: the
 * option id the question no longer has). */
static void session_dropped(struct vg_buf *mig, const char *qid, enum session_drop why,
                            const char *opt)
{
	if (mig->len == 0)
		vg_buf_puts(mig, _("réponses abandonnées :"));
	if (why == SESSION_DROP_QUESTION)
		vg_buf_printf(mig, _("\n  %s : la question n'existe plus"), qid);
	else if (why == SESSION_DROP_NA)
		vg_buf_printf(mig, _("\n  %s : « non applicable » n'y est plus accepté"), qid);
	else
		vg_buf_printf(mig, _("\n  %s : la réponse « %s » n'existe plus"), qid, opt);
}

static int session_parse_answer(const char *name, const struct vg_questionnaire *q, const char *qid,
                                json_t *v, struct session *s, bool migrate, struct vg_buf *mig,
                                struct vg_err *err)
{
	static const char *const keys[] = {"answer", "note", "review", NULL};
	const struct vg_question *qn = model_find_question(q, qid);
	struct vg_answer *a;
	const char *ans, *note;
	json_t *rv;

	if (qn == NULL) {
		if (!migrate)
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : une réponse à « %.64s », une question que le "
			                    "questionnaire n'a pas"),
			                  name, qid);
		session_dropped(mig, qid, SESSION_DROP_QUESTION, NULL);
		return 0;
	}
	if (!json_is_object(v))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : la réponse à « %s » doit être un objet {answer, note, "
		                    "review}"),
		                  name, qid);
	if (session_keys(name, qid, true, v, keys, err) != 0 ||
	    session_str(name, v, "answer", false, 64, &ans, err) != 0 ||
	    session_str(name, v, "note", false, SESSION_MAX_NOTE, &note, err) != 0)
		return -1;
	rv = json_object_get(v, "review");
	if (rv != NULL && !json_is_boolean(rv))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : « review » de « %s » doit être true ou false"), name,
		                  qid);
	a = &s->as->a[qn->index];
	if (ans == NULL) {
		a->kind = VG_ANS_NONE;
	} else if (strcmp(ans, "nsp") == 0) {
		a->kind = VG_ANS_UNKNOWN;
	} else if (strcmp(ans, "na") == 0) {
		if (!qn->allow_na || note == NULL || *note == '\0') {
			if (!migrate)
				return vg_err_set(
				    err, VG_EINPUT,
				    qn->allow_na
				        ? _("%s : « %s » a la réponse « na » (non applicable) "
				            "sans note qui dise pourquoi")
				        : _("%s : « %s » a la réponse « na » (non applicable), "
				            "que cette question n'accepte pas"),
				    name, qid);
			session_dropped(mig, qid, SESSION_DROP_NA, NULL);
		} else {
			a->kind = VG_ANS_NA;
		}
	} else {
		const struct vg_option *o = model_find_option(qn, ans);

		if (o == NULL) {
			if (!migrate)
				return vg_err_set(err, VG_EINPUT,
				                  _("%s : « %s » n'a pas de réponse « %.64s »"),
				                  name, qid, ans);
			session_dropped(mig, qid, SESSION_DROP_OPTION, ans);
		} else {
			a->kind = VG_ANS_OPTION;
			a->option = o;
		}
	}
	if (note != NULL && *note != '\0')
		model_answer_set_note(s->as, qn->index, note);
	a->review = rv != NULL && json_is_true(rv);
	return 0;
}

/* Where the first character the screen must not get is in text (a control character other
 * than a line feed, DEL, or a C1 control), as a 1-based line and column; false when none. */
static bool session_text_bad(const char *text, size_t *line, size_t *col)
{
	const unsigned char *p = (const unsigned char *)text;

	*line = 1;
	*col = 1;
	for (; *p != '\0'; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
			return true;
		if ((*p & 0xc0) != 0x80)
			(*col)++;
	}
	return false;
}

/* An evidence's "detail" (absent, null or {fr, en}): one line per rule, shown as it is, so
 * it may hold no control character (terminal escapes) and no more than
 * SESSION_MAX_DETAIL_LINES lines. */
static int session_parse_detail(const char *name, const char *id, json_t *d, const char **fr,
                                const char **en, struct vg_err *err)
{
	static const char *const dkeys[] = {"fr", "en", NULL};
	const char *v[2];
	size_t line, col;

	*fr = *en = NULL;
	if (d == NULL || json_is_null(d))
		return 0;
	if (!json_is_object(d))
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : checks.evidence « %.64s » : « detail » doit être {fr, en} "
		      "ou null"),
		    name, id);
	if (session_keys(name, "checks.evidence.detail", false, d, dkeys, err) != 0 ||
	    session_str(name, d, "fr", true, SESSION_MAX_REASON, &v[0], err) != 0 ||
	    session_str(name, d, "en", false, SESSION_MAX_REASON, &v[1], err) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		size_t nl = 0;

		if (v[i] == NULL)
			continue;
		if (session_text_bad(v[i], &line, &col))
			return vg_err_set(
			    err, VG_EINPUT,
			    _("%s : checks.evidence « %.64s » : « detail.%s » contient un "
			      "caractère de contrôle à la ligne %zu, colonne %zu : le fichier "
			      "n'a pas été écrit par vigie ; retirez-en « checks » puis relancez "
			      "les vérifications (v)"),
			    name, id, i == 0 ? "fr" : "en", line, col);
		for (const char *c = v[i]; *c != '\0'; c++)
			nl += *c == '\n';
		if (nl >= SESSION_MAX_DETAIL_LINES)
			return vg_err_set(
			    err, VG_EINPUT,
			    _("%s : checks.evidence « %.64s » : « detail.%s » a plus de %u "
			      "lignes"),
			    name, id, i == 0 ? "fr" : "en", SESSION_MAX_DETAIL_LINES);
	}
	*fr = v[0];
	*en = v[1];
	return 0;
}

/* One evidence entry of "checks"; questions q no longer has are left out of informs. */
static int session_parse_evidence(const char *name, const struct vg_questionnaire *q, json_t *o,
                                  struct vg_evidence *e, struct vg_err *err)
{
	static const char *const keys[] = {"id",     "status", "cap", "informs",
	                                   "reason", "detail", NULL};
	static const char *const rkeys[] = {"fr", "en", NULL};
	json_t *cap = json_object_get(o, "cap"), *inf = json_object_get(o, "informs");
	json_t *r = json_object_get(o, "reason"), *x;
	const char *id, *st, *fr = NULL, *en = NULL, *dfr = NULL, *den = NULL;
	size_t i, k;

	if (!json_is_object(o) || session_keys(name, "checks.evidence", false, o, keys, err) != 0)
		return json_is_object(o)
		           ? -1
		           : vg_err_set(err, VG_EINPUT,
		                        _("%s : checks.evidence contient autre chose qu'un objet"),
		                        name);
	if (session_str(name, o, "id", true, 128, &id, err) != 0 ||
	    session_str(name, o, "status", true, 16, &st, err) != 0)
		return -1;
	for (i = 0; i < sizeof session_status_names / sizeof *session_status_names; i++)
		if (strcmp(st, session_status_names[i]) == 0)
			break;
	if (i == sizeof session_status_names / sizeof *session_status_names)
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : checks.evidence : état « %.16s » inconnu (pass, warn, fail, "
		      "error ou skipped)"),
		    name, st);
	if (cap != NULL && !json_is_null(cap) &&
	    (!json_is_integer(cap) || json_integer_value(cap) < 0 || json_integer_value(cap) > 3))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : checks.evidence : « cap » doit valoir de 0 à 3, ou null"),
		                  name);
	if (!json_is_array(inf) || json_array_size(inf) > 1000)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : checks.evidence : « informs » doit être un tableau "
		                    "d'identifiants de questions"),
		                  name);
	if (r != NULL && !json_is_null(r)) {
		if (!json_is_object(r) ||
		    session_keys(name, "checks.evidence.reason", false, r, rkeys, err) != 0 ||
		    session_str(name, r, "fr", false, SESSION_MAX_REASON, &fr, err) != 0 ||
		    session_str(name, r, "en", false, SESSION_MAX_REASON, &en, err) != 0)
			return json_is_object(r) ? -1
			                         : vg_err_set(err, VG_EINPUT,
			                                      _("%s : checks.evidence : « reason » "
			                                        "doit être {fr, en}"),
			                                      name);
	}
	if (session_parse_detail(name, id, json_object_get(o, "detail"), &dfr, &den, err) != 0)
		return -1;
	e->informs = vg_calloc(json_array_size(inf) + 1, sizeof *e->informs);
	json_array_foreach(inf, k, x)
	{
		const struct vg_question *qn;

		if (!json_is_string(x))
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : checks.evidence : « informs » doit contenir des "
			                    "chaînes de caractères"),
			                  name);
		qn = model_find_question(q, json_string_value(x));
		if (qn != NULL)
			e->informs[e->ninforms++] = vg_strdup(qn->id);
	}
	e->check_id = vg_strdup(id);
	e->status = (enum vg_check_status)i;
	e->cap = cap != NULL && json_is_integer(cap) ? (int)json_integer_value(cap) : -1;
	e->reason.fr = fr != NULL ? vg_strdup(fr) : NULL;
	e->reason.en = en != NULL ? vg_strdup(en) : NULL;
	e->detail.fr = dfr != NULL ? vg_strdup(dfr) : NULL;
	e->detail.en = den != NULL ? vg_strdup(den) : NULL;
	return 0;
}

/* "checks": when and where the checks ran, and their evidence. */
static int session_parse_checks(const char *name, const struct vg_questionnaire *q, json_t *c,
                                struct session *s, struct vg_err *err)
{
	static const char *const keys[] = {"run_at", "where", "evidence", NULL};
	json_t *arr = json_object_get(c, "evidence"), *x;
	const char *at, *where;
	size_t i;

	if (!json_is_object(c))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : « checks » doit être un objet {run_at, where, evidence}"),
		                  name);
	if (session_keys(name, "checks", false, c, keys, err) != 0 ||
	    session_str(name, c, "run_at", true, 31, &at, err) != 0 ||
	    session_str(name, c, "where", false, 4096, &where, err) != 0)
		return -1;
	if (!json_is_array(arr) || json_array_size(arr) > SESSION_MAX_EVIDENCE)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : « checks.evidence » doit être un tableau d'au plus %u "
		                    "entrées"),
		                  name, SESSION_MAX_EVIDENCE);
	s->checks.ev = vg_calloc(json_array_size(arr) + 1, sizeof *s->checks.ev);
	json_array_foreach(arr, i, x)
	{
		/* Counted first, so that session_checks_clear frees a half-parsed entry. */
		s->checks.nev++;
		if (session_parse_evidence(name, q, x, &s->checks.ev[i], err) != 0)
			return -1;
	}
	snprintf(s->checks.run_at, sizeof s->checks.run_at, "%s", at);
	s->checks.where = where != NULL ? vg_strdup(where) : NULL;
	return 0;
}

static int session_parse_root(const struct vg_questionnaire *q, const char *name, json_t *root,
                              struct session *s, struct vg_buf *mig, bool *migrate,
                              struct vg_err *err)
{
	static const char *const keys[] = {"format",  "questionnaire", "lang",       "organisation",
	                                   "answers", "position",      "created_at", "updated_at",
	                                   "targets", "machine",       "checks",     NULL};
	static const char *const tkeys[] = {"site", "mail", "domain", NULL};
	static const char *const qkeys[] = {"id", "version", "sha256", NULL};
	static const char *const pkeys[] = {"question", "screen", NULL};
	const char *fmt, *qid, *qsha, *qver, *lang, *t;
	json_t *qo, *ans, *pos, *v;
	const char *key;

	if (!json_is_object(root))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : ce n'est pas une session vigie (pas un objet JSON)"),
		                  name);
	if (session_str(name, root, "format", true, 64, &fmt, err) != 0)
		return -1;
	if (strcmp(fmt, SESSION_FORMAT) != 0)
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : le format est « %s », « %s » est attendu : ce fichier "
		                    "n'est pas une session de ce vigie"),
		                  name, fmt, SESSION_FORMAT);
	if (session_keys(name, NULL, false, root, keys, err) != 0)
		return -1;
	qo = json_object_get(root, "questionnaire");
	if (!json_is_object(qo))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : « questionnaire » doit être un objet {id, version, "
		                    "sha256}"),
		                  name);
	if (session_keys(name, "questionnaire", false, qo, qkeys, err) != 0 ||
	    session_str(name, qo, "id", true, 64, &qid, err) != 0 ||
	    session_str(name, qo, "version", false, 64, &qver, err) != 0 ||
	    session_str(name, qo, "sha256", true, 64, &qsha, err) != 0)
		return -1;
	if (strcmp(qid, q->id) != 0)
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : cette session répond au questionnaire « %s », pas « %s » ; "
		      "lancez avec -q %s, un autre fichier --session, ou --new"),
		    name, qid, q->id, qid);
	*migrate = strcmp(qsha, q->sha256_hex) != 0;
	if (session_str(name, root, "lang", false, 8, &lang, err) != 0)
		return -1;
	if (lang != NULL && strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0)
		return vg_err_set(err, VG_EINPUT, _("%s : « lang » doit valoir fr ou en"), name);
	s->lang = lang != NULL && strcmp(lang, "en") == 0 ? VG_LANG_EN : VG_LANG_FR;
	for (int i = 0; i < 2; i++) {
		char *dst = i == 0 ? s->created_at : s->updated_at;

		if (session_str(name, root, i == 0 ? "created_at" : "updated_at", false, 31, &t,
		                err) != 0)
			return -1;
		if (t != NULL)
			snprintf(dst, sizeof s->created_at, "%s", t);
	}
	v = json_object_get(root, "organisation");
	if (v != NULL && session_parse_org(name, v, &s->as->org, err) != 0)
		return -1;
	v = json_object_get(root, "targets");
	if (v != NULL) {
		const char *site, *mail, *domain;

		if (!json_is_object(v))
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : « targets » doit être un objet {site, mail, "
			                    "domain}"),
			                  name);
		if (session_keys(name, "targets", false, v, tkeys, err) != 0 ||
		    session_str(name, v, "site", false, SESSION_MAX_TARGET, &site, err) != 0 ||
		    session_str(name, v, "mail", false, SESSION_MAX_TARGET, &mail, err) != 0 ||
		    session_str(name, v, "domain", false, SESSION_MAX_TARGET, &domain, err) != 0)
			return -1;
		s->target_domain = domain != NULL ? vg_strdup(domain) : NULL;
		s->target_site = site != NULL && *site != '\0' ? vg_strdup(site) : NULL;
		s->target_mail = mail != NULL && *mail != '\0' ? vg_strdup(mail) : NULL;
	}
	v = json_object_get(root, "machine");
	if (v != NULL) {
		const char *m = json_is_string(v) ? json_string_value(v) : "";

		if (strcmp(m, "server") == 0)
			s->machine = SESSION_MACHINE_SERVER;
		else if (strcmp(m, "pc") == 0)
			s->machine = SESSION_MACHINE_PC;
		else
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : « machine » doit valoir server ou pc"), name);
	}
	v = json_object_get(root, "checks");
	if (v != NULL && session_parse_checks(name, q, v, s, err) != 0)
		return -1;
	ans = json_object_get(root, "answers");
	if (ans == NULL)
		return vg_err_set(err, VG_EINPUT, _("%s : la clé « answers » manque"), name);
	if (!json_is_object(ans))
		return vg_err_set(err, VG_EINPUT,
		                  _("%s : « answers » doit être un objet (une entrée par "
		                    "question)"),
		                  name);
	json_object_foreach(ans, key, v)
	{
		if (session_parse_answer(name, q, key, v, s, *migrate, mig, err) != 0)
			return -1;
	}
	pos = json_object_get(root, "position");
	if (pos != NULL) {
		const char *pq, *ps;

		if (!json_is_object(pos))
			return vg_err_set(err, VG_EINPUT,
			                  _("%s : « position » doit être un objet {question, "
			                    "screen}"),
			                  name);
		if (session_keys(name, "position", false, pos, pkeys, err) != 0 ||
		    session_str(name, pos, "question", false, 64, &pq, err) != 0 ||
		    session_str(name, pos, "screen", false, 16, &ps, err) != 0)
			return -1;
		if (pq != NULL) {
			const struct vg_question *qn = model_find_question(q, pq);

			if (qn == NULL && !*migrate)
				return vg_err_set(
				    err, VG_EINPUT,
				    _("%s : la position est à « %.64s », une question que le "
				      "questionnaire n'a pas"),
				    name, pq);
			s->pos = qn != NULL ? qn->index : 0;
		}
		if (ps != NULL) {
			size_t i;

			for (i = 0; i < sizeof session_screen_names / sizeof *session_screen_names;
			     i++)
				if (strcmp(ps, session_screen_names[i]) == 0)
					break;
			if (i == sizeof session_screen_names / sizeof *session_screen_names)
				return vg_err_set(err, VG_EINPUT,
				                  _("%s : écran « %s » inconnu (welcome, domains, "
				                    "question, checks ou result)"),
				                  name, ps);
			s->screen = (enum session_screen)i;
		}
	}
	return 0;
}

int session_parse(const struct vg_questionnaire *q, const char *name, const char *data, size_t len,
                  struct session **out, char **migrated, struct vg_err *err)
{
	struct session *s;
	struct vg_buf mig;
	json_error_t jerr;
	json_t *root;
	bool migrate = false;

	*out = NULL;
	*migrated = NULL;
	if (len > SESSION_MAX_FILE)
		return vg_err_set(err, VG_EINPUT, _("%s : le fichier de session dépasse %u octets"),
		                  name, SESSION_MAX_FILE);
	root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		char why[256];

		vg_json_reason(data, len, &jerr, why, sizeof why);
		return vg_err_at(err, VG_EINPUT, name, (unsigned)jerr.line, (unsigned)jerr.column,
		                 _("fichier de session endommagé : %s ; déplacez-le, ou lancez "
		                   "avec --new (l'ancien fichier est gardé en copie)"),
		                 why);
	}
	s = session_new(q, NULL);
	s->created_at[0] = s->updated_at[0] = '\0';
	vg_buf_init(&mig, 64u << 10);
	if (session_parse_root(q, name, root, s, &mig, &migrate, err) != 0) {
		json_decref(root);
		vg_buf_free(&mig);
		session_free(s);
		return -1;
	}
	json_decref(root);
	if (migrate && mig.len > 0)
		*migrated = vg_strdup(mig.data);
	vg_buf_free(&mig);
	if (s->pos >= q->nall)
		s->pos = 0;
	*out = s;
	return 0;
}

int session_load(const struct vg_questionnaire *q, const char *path, struct session **out,
                 char **migrated, struct vg_err *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	*migrated = NULL;
	if (vg_read_file(path, SESSION_MAX_FILE, true, &data, &len, err) != 0)
		return -1;
	rc = session_parse(q, path, data, len, out, migrated, err);
	free(data);
	if (rc == 0)
		(*out)->path = vg_strdup(path);
	return rc;
}

static void session_set_str(json_t *obj, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(obj, key, json_string(v));
}

char *session_serialize(const struct session *s)
{
	const struct vg_questionnaire *q = s->as->q;
	json_t *root = json_object(), *qo = json_object(), *org = json_object();
	json_t *ans = json_object(), *pos = json_object();
	char *text, *out;

	json_object_set_new(root, "format", json_string(SESSION_FORMAT));
	json_object_set_new(qo, "id", json_string(q->id));
	json_object_set_new(qo, "version", json_string(q->version));
	json_object_set_new(qo, "sha256", json_string(q->sha256_hex));
	json_object_set_new(root, "questionnaire", qo);
	json_object_set_new(root, "lang", json_string(s->lang == VG_LANG_EN ? "en" : "fr"));
	session_set_str(org, "name", s->as->org.name);
	session_set_str(org, "insee", s->as->org.insee);
	session_set_str(org, "contact", s->as->org.contact);
	json_object_set_new(root, "organisation", org);
	if (s->target_site != NULL || s->target_mail != NULL || s->target_domain != NULL) {
		json_t *tg = json_object();

		session_set_str(tg, "site", s->target_site);
		session_set_str(tg, "mail", s->target_mail);
		session_set_str(tg, "domain", s->target_domain);
		json_object_set_new(root, "targets", tg);
	}
	if (s->machine != SESSION_MACHINE_UNKNOWN)
		json_object_set_new(root, "machine",
		                    json_string(session_machine_names[s->machine]));
	if (s->checks.run_at[0] != '\0') {
		json_t *c = json_object(), *arr = json_array();

		json_object_set_new(c, "run_at", json_string(s->checks.run_at));
		session_set_str(c, "where", s->checks.where);
		for (size_t i = 0; i < s->checks.nev; i++) {
			const struct vg_evidence *e = &s->checks.ev[i];
			json_t *o = json_object(), *inf = json_array(), *r = json_object();

			json_object_set_new(o, "id", json_string(e->check_id));
			json_object_set_new(o, "status",
			                    json_string(session_status_names[e->status]));
			json_object_set_new(o, "cap",
			                    e->cap >= 0 ? json_integer(e->cap) : json_null());
			for (size_t k = 0; k < e->ninforms; k++)
				json_array_append_new(inf, json_string(e->informs[k]));
			json_object_set_new(o, "informs", inf);
			session_set_str(r, "fr", e->reason.fr);
			session_set_str(r, "en", e->reason.en);
			json_object_set_new(o, "reason", r);
			if (e->detail.fr != NULL) {
				json_t *d = json_object();

				session_set_str(d, "fr", e->detail.fr);
				session_set_str(d, "en", e->detail.en);
				json_object_set_new(o, "detail", d);
			}
			json_array_append_new(arr, o);
		}
		json_object_set_new(c, "evidence", arr);
		json_object_set_new(root, "checks", c);
	}
	for (size_t i = 0; i < q->nall; i++) {
		const struct vg_answer *a = &s->as->a[i];
		json_t *o;

		if (a->kind == VG_ANS_NONE && a->note == NULL && !a->review)
			continue;
		o = json_object();
		if (a->kind == VG_ANS_OPTION)
			json_object_set_new(o, "answer", json_string(a->option->id));
		else if (a->kind == VG_ANS_UNKNOWN)
			json_object_set_new(o, "answer", json_string("nsp"));
		else if (a->kind == VG_ANS_NA)
			json_object_set_new(o, "answer", json_string("na"));
		session_set_str(o, "note", a->note);
		if (a->review)
			json_object_set_new(o, "review", json_true());
		json_object_set_new(ans, q->all[i]->id, o);
	}
	json_object_set_new(root, "answers", ans);
	if (s->pos < q->nall)
		json_object_set_new(pos, "question", json_string(q->all[s->pos]->id));
	json_object_set_new(pos, "screen", json_string(session_screen_names[s->screen]));
	json_object_set_new(root, "position", pos);
	json_object_set_new(root, "created_at", json_string(s->created_at));
	json_object_set_new(root, "updated_at", json_string(s->updated_at));
	text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(root);
	if (text == NULL)
		abort();
	/* jansson's memory comes from its own allocator: hand back one of ours. */
	out = vg_asprintf("%s\n", text);
	free(text);
	return out;
}

/* Writes data to a new temp file next to path (O_EXCL, 0600) and renames it over path,
 * without fsync: the first half of vg_write_atomic, finished by session_sync. */
static int session_write_quick(const char *path, const char *data, size_t len, struct vg_err *err)
{
	char *dirc = vg_strdup(path), *tmp = vg_asprintf("%s/.vigie-tmp.XXXXXX", dirname(dirc));
	size_t off = 0;
	int fd = mkstemp(tmp), rc = -1;

	if (fd < 0) {
		vg_err_set(err, VG_ESYS,
		           _("%s : impossible de créer un fichier à côté pour l'enregistrer : %s ; "
		             "vérifiez les droits du dossier ou donnez un autre --session"),
		           path, strerror(errno));
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off < len || fchmod(fd, 0600) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		vg_err_set(err, VG_ESYS,
		           _("%s : enregistrement impossible : %s ; vérifiez la place libre et "
		             "les droits du dossier"),
		           path, strerror(errno));
		if (off < len)
			close(fd);
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(dirc);
	return rc;
}

int session_save(struct session *s, struct vg_err *err)
{
	char *text;
	int rc;

	if (s->path == NULL)
		return 0;
	vg_rfc3339_now(s->updated_at, sizeof s->updated_at);
	text = session_serialize(s);
	if (s->defer_sync) {
		rc = session_write_quick(s->path, text, strlen(text), err);
		if (rc == 0)
			s->unsynced = true;
	} else {
		rc = vg_write_atomic(s->path, text, strlen(text), 0600, err);
	}
	free(text);
	return rc;
}

int session_sync(struct session *s, struct vg_err *err)
{
	char *dirc;
	int fd, rc = 0;

	if (!s->unsynced || s->path == NULL)
		return 0;
	s->unsynced = false;
	fd = open(s->path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0)
		rc = vg_err_set(err, VG_ESYS,
		                _("%s : impossible de s'assurer que la session est écrite sur le "
		                  "disque : %s"),
		                s->path, strerror(errno));
	if (fd >= 0)
		close(fd);
	dirc = vg_strdup(s->path);
	fd = open(dirname(dirc), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dirc);
	return rc;
}

/* Creates dir (mode 0700) unless it exists as a directory. */
static int session_mkdir(const char *dir, struct vg_err *err)
{
	struct stat st;

	if (mkdir(dir, 0700) == 0)
		return 0;
	if (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return vg_err_set(err, VG_ESYS,
	                  _("%s : impossible de créer le dossier des sessions : %s ; donnez "
	                    "--session FICHIER"),
	                  dir, strerror(errno));
}

int session_default_path(const char *qid, char **path, struct vg_err *err)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *base, *dir;
	int rc = 0;

	*path = NULL;
	if (xdg != NULL && xdg[0] == '/') {
		base = vg_strdup(xdg);
		rc = session_mkdir(base, err);
	} else if (home != NULL && home[0] == '/') {
		char *local = vg_asprintf("%s/.local", home);

		base = vg_asprintf("%s/.local/state", home);
		rc = session_mkdir(local, err);
		if (rc == 0)
			rc = session_mkdir(base, err);
		free(local);
	} else {
		return vg_err_set(err, VG_EUSAGE,
		                  _("ni XDG_STATE_HOME ni HOME n'est défini : donnez --session "
		                    "FICHIER"));
	}
	dir = vg_asprintf("%s/vigie", base);
	if (rc == 0)
		rc = session_mkdir(dir, err);
	if (rc == 0)
		*path = vg_asprintf("%s/session-%s.json", dir, qid);
	free(dir);
	free(base);
	return rc;
}

int session_backup(const char *path, char **backup, struct vg_err *err)
{
	char stamp[32];
	struct stat st;
	time_t now = time(NULL);
	struct tm tm;
	char *to;

	*backup = NULL;
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		return vg_err_set(err, VG_ESYS, _("%s : %s"), path, strerror(errno));
	}
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	to = vg_asprintf("%s.%s.bak", path, stamp);
	for (int i = 1; lstat(to, &st) == 0 && i < 100; i++) {
		free(to);
		to = vg_asprintf("%s.%s-%d.bak", path, stamp, i);
	}
	if (rename(path, to) != 0) {
		vg_err_set(err, VG_ESYS,
		           _("%s : impossible d'en garder une copie sous %s : %s ; déplacez-le "
		             "vous-même avant de recommencer"),
		           path, to, strerror(errno));
		free(to);
		return -1;
	}
	*backup = to;
	return 0;
}

/* Appends s as a double-quoted YAML scalar. */
static void session_yaml_str(struct vg_buf *b, const char *s)
{
	vg_buf_puts(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			vg_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			vg_buf_puts(b, "\\n");
		else if (c == '\t')
			vg_buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7f)
			vg_buf_printf(b, "\\x%02x", c);
		else
			vg_buf_append(b, s, 1);
	}
	vg_buf_puts(b, "\"");
}

char *session_answers_yaml(const struct vg_answers *as)
{
	const struct vg_questionnaire *q = as->q;
	const char *org[3] = {as->org.name, as->org.insee, as->org.contact};
	static const char *const orgkeys[3] = {"name", "insee", "contact"};
	struct vg_buf b;
	char *out;
	bool any = false;

	vg_buf_init(&b, SIZE_MAX / 2);
	vg_buf_printf(&b,
	              "# Written by vigie from an interactive session.\n"
	              "format: vigie-answers/1\nquestionnaire: %s\n",
	              q->id);
	for (int i = 0; i < 3; i++)
		if (org[i] != NULL && *org[i] != '\0') {
			if (!any)
				vg_buf_puts(&b, "organisation:\n");
			any = true;
			vg_buf_printf(&b, "  %s: ", orgkeys[i]);
			session_yaml_str(&b, org[i]);
			vg_buf_puts(&b, "\n");
		}
	vg_buf_puts(&b, "answers:");
	any = false;
	for (size_t i = 0; i < q->nall; i++) {
		const struct vg_answer *a = &as->a[i];
		const char *v = a->kind == VG_ANS_OPTION    ? a->option->id
		                : a->kind == VG_ANS_UNKNOWN ? "nsp"
		                : a->kind == VG_ANS_NA      ? "na"
		                                            : NULL;

		if (v == NULL)
			continue;
		any = true;
		vg_buf_printf(&b, "\n  %s: ", q->all[i]->id);
		if (a->note == NULL && !a->review) {
			vg_buf_puts(&b, v);
			continue;
		}
		vg_buf_printf(&b, "{answer: %s", v);
		if (a->note != NULL) {
			vg_buf_puts(&b, ", note: ");
			session_yaml_str(&b, a->note);
		}
		if (a->review)
			vg_buf_puts(&b, ", review: true");
		vg_buf_puts(&b, "}");
	}
	vg_buf_puts(&b, any ? "\n" : " {}\n");
	out = vg_strdup(b.data);
	vg_buf_free(&b);
	return out;
}

void session_progress(const struct session *s, size_t *answered, size_t *applicable)
{
	const struct vg_questionnaire *q = s->as->q;

	*answered = *applicable = 0;
	for (size_t i = 0; i < q->nall; i++) {
		if (!score_applies(s->as, q->all[i]))
			continue;
		(*applicable)++;
		if (s->as->a[i].kind != VG_ANS_NONE)
			(*answered)++;
	}
}
