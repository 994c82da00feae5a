/* yaml_load: the questionnaire and answers schemas over the strict YAML tree. */
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "digest.h"
#include "yaml_load.h"

/* Messages are French msgids translated through gettext (po/en.po). */
#define _(s) gettext(s)

#define QUESTIONNAIRE_FORMAT "vigie-questionnaire/1"
#define ANSWERS_FORMAT       "vigie-answers/1"
#define QUESTIONS_MAX        2000 /* context and domain questions together */

/* Loader state: the questionnaire being built and the ids seen so far. */
struct qload {
	struct yl_ctx c;
	struct vg_questionnaire *q;
	const struct yl_node **id_nodes; /* nodes of every question id, for duplicates */
	size_t nids;
};

static int qload_unique_id(struct qload *l, const struct yl_node *n)
{
	for (size_t i = 0; i < l->nids; i++)
		if (strcmp(l->id_nodes[i]->str, n->str) == 0)
			return yl_fail(&l->c, n,
			               _("identifiant '%s' en double (premier à la ligne %u) ; les "
			                 "identifiants sont uniques dans le questionnaire"),
			               n->str, l->id_nodes[i]->line);
	l->id_nodes[l->nids++] = n;
	return 0;
}

static int qload_ref(struct qload *l, const struct yl_node *n, const char *ref)
{
	const char *colon = strchr(ref, ':');
	size_t okchars;

	okchars = strspn(ref, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:");
	if (colon == NULL || colon == ref || colon[1] == '\0' || strchr(colon + 1, ':') != NULL ||
	    okchars != strlen(ref))
		return yl_fail(&l->c, n,
		               _("la référence '%.80s' n'est pas de la forme source:mesure (comme "
		                 "anssi-hygiene:37 ou cis-v8:11.2)"),
		               ref);
	return 0;
}

/* Parses one mapping of applies_if (alternative alt) into qn->conds[*at...]. */
static int qload_cond_map(struct qload *l, const struct yl_node *n, struct vg_question *qn,
                          size_t alt, size_t *at)
{
	if (yl_expect(&l->c, n, YL_MAP, "applies_if") != 0)
		return -1;
	if (n->n == 0)
		return yl_fail(&l->c, n,
		               _("applies_if est vide ; retirez-le ou donnez une condition"));
	for (size_t i = 0; i < n->n; i++) {
		const struct yl_node *k = n->items[2 * i], *v = n->items[2 * i + 1];
		const struct vg_question *ctx = NULL;
		struct vg_cond *cond = &qn->conds[(*at)++];
		const char **ids;
		size_t nids;

		for (size_t j = 0; j < l->q->ncontext; j++)
			if (l->q->context[j].id != NULL && strcmp(l->q->context[j].id, k->str) == 0)
				ctx = &l->q->context[j];
		if (ctx == NULL || ctx == qn)
			return yl_fail(&l->c, k,
			               _("applies_if nomme '%s', qui n'est pas une question de "
			                 "contexte définie avant celle-ci"),
			               k->str);
		if (yl_strings(&l->c, v, _("valeur de applies_if"), &ids, &nids) != 0)
			return -1;
		if (nids == 0)
			return yl_fail(&l->c, v, _("applies_if sur '%s' ne liste aucune option"),
			               k->str);
		cond->question = ctx;
		cond->alt = alt;
		cond->options = vg_arena_alloc(l->c.arena, nids * sizeof *cond->options);
		cond->noptions = nids;
		for (size_t j = 0; j < nids; j++) {
			cond->options[j] = model_find_option(ctx, ids[j]);
			if (cond->options[j] == NULL)
				return yl_fail(&l->c, v->kind == YL_SEQ ? v->items[j] : v,
				               _("applies_if : '%s' n'est pas une option de '%s'"),
				               ids[j], ctx->id);
		}
	}
	return 0;
}

/* Parses applies_if against the context questions loaded so far: a mapping (every clause
 * holds) or a list of mappings (the question applies when one of them holds). */
static int qload_conds(struct qload *l, const struct yl_node *n, struct vg_question *qn)
{
	size_t total = 0, at = 0;

	if (n->kind == YL_SEQ) {
		if (n->n < 2)
			return yl_fail(&l->c, n,
			               _("applies_if en liste doit donner au moins deux "
			                 "conditions ; pour une seule, écrivez-la sans liste"));
		for (size_t i = 0; i < n->n; i++) {
			if (yl_expect(&l->c, n->items[i], YL_MAP, "applies_if") != 0)
				return -1;
			total += n->items[i]->n;
		}
	} else {
		if (yl_expect(&l->c, n, YL_MAP, "applies_if") != 0)
			return -1;
		total = n->n;
	}
	qn->conds = vg_arena_alloc(l->c.arena, (total > 0 ? total : 1) * sizeof *qn->conds);
	qn->nconds = total;
	qn->nalts = n->kind == YL_SEQ ? n->n : 1;
	if (n->kind != YL_SEQ)
		return qload_cond_map(l, n, qn, 0, &at);
	for (size_t i = 0; i < n->n; i++)
		if (qload_cond_map(l, n->items[i], qn, i, &at) != 0)
			return -1;
	return 0;
}

/*
 * Every question also offers "je ne sais pas" and (where allowed) "non applicable": an
 * option that says the same ("Non, ou nous ne savons pas") splits one answer in two and
 * scores it twice differently. Phrases are matched ignoring ASCII case.
 */
static const char *const qload_reserved_fr[] = {"ne sais pas",   "ne savons pas",  "ne sait pas",
                                                "ne savent pas", "non applicable", "sans objet",
                                                "pas sûr",       "pas certain",    NULL};
static const char *const qload_reserved_en[] = {
    "i don't know",      "we don't know",      "i do not know",
    "we do not know",    "not applicable",     "not sure",
    "i don\u2019t know", "we don\u2019t know", NULL};

/* The reserved phrase s contains (list), or NULL. */
static const char *qload_reserved_phrase(const char *s, const char *const *list)
{
	for (size_t i = 0; list[i] != NULL; i++) {
		size_t n = strlen(list[i]);

		for (const char *p = s; *p != '\0'; p++)
			if (strncasecmp(p, list[i], n) == 0)
				return list[i];
	}
	return NULL;
}

/* Refuses an option text that overlaps a reserved answer, at the line:col of its words. */
static int qload_option_overlap(struct qload *l, const struct yl_node *text,
                                const struct vg_option *opt, const struct vg_question *qn)
{
	const char *langs[] = {"fr", "en"};
	const char *const *lists[] = {qload_reserved_fr, qload_reserved_en};

	for (size_t i = 0; i < 2; i++) {
		const struct yl_node *t = yl_get(text, langs[i]);
		const char *hit;

		if (t == NULL || (hit = qload_reserved_phrase(t->str, lists[i])) == NULL)
			continue;
		return yl_fail(
		    &l->c, t,
		    _("l'option '%s' de %s dit « %s », qui est une réponse réservée (« je ne sais "
		      "pas » et « non applicable » sont proposées avec chaque question) ; "
		      "reformulez l'option pour qu'elle ne dise que ce qu'elle est"),
		    opt->id, qn->id, hit);
	}
	return 0;
}

static int qload_options(struct qload *l, const struct yl_node *n, struct vg_question *qn,
                         bool context)
{
	static const char *const q_allowed[] = {"id", "value", "text", "advice", NULL};
	static const char *const q_required[] = {"id", "value", "text", NULL};
	static const char *const c_allowed[] = {"id", "text", NULL};
	static const char *const c_required[] = {"id", "text", NULL};
	size_t min = 2, max = context ? 12 : 6;

	if (yl_expect(&l->c, n, YL_SEQ, "options") != 0)
		return -1;
	if (n->n < min || n->n > max)
		return yl_fail(&l->c, n, _("%s a %zu options ; donnez-en entre %zu et %zu"), qn->id,
		               n->n, min, max);
	qn->options = vg_arena_alloc(l->c.arena, n->n * sizeof *qn->options);
	qn->noptions = n->n;
	qn->max_value = -1;
	for (size_t i = 0; i < n->n; i++) {
		const struct yl_node *o = n->items[i];
		struct vg_option *opt = &qn->options[i];
		const struct yl_node *adv;
		long value;

		if (yl_keys(&l->c, o, _("une option"), context ? c_allowed : q_allowed,
		            context ? c_required : q_required) != 0)
			return -1;
		if (yl_id(&l->c, yl_get(o, "id"), _("identifiant d'option"), &opt->id) != 0)
			return -1;
		if (strcmp(opt->id, "nsp") == 0 || strcmp(opt->id, "na") == 0)
			return yl_fail(&l->c, yl_get(o, "id"),
			               _("l'identifiant d'option '%s' est réservé à %s ; "
			                 "choisissez-en un autre"),
			               opt->id,
			               opt->id[1] == 's' ? "\"je ne sais pas\""
			                                 : "\"non applicable\"");
		for (size_t j = 0; j < i; j++)
			if (strcmp(qn->options[j].id, opt->id) == 0)
				return yl_fail(
				    &l->c, yl_get(o, "id"),
				    _("l'identifiant d'option '%s' apparaît deux fois dans %s"),
				    opt->id, qn->id);
		if (yl_text(&l->c, yl_get(o, "text"), _("texte d'option"), &opt->text) != 0 ||
		    qload_option_overlap(l, yl_get(o, "text"), opt, qn) != 0)
			return -1;
		opt->value = -1;
		if (context)
			continue;
		if (yl_int(&l->c, yl_get(o, "value"), _("valeur d'option"), 0, VG_VALUE_MAX,
		           &value) != 0)
			return -1;
		opt->value = (int)value;
		if (opt->value > qn->max_value)
			qn->max_value = opt->value;
		adv = yl_get(o, "advice");
		if (adv != NULL && yl_text(&l->c, adv, "advice", &opt->advice) != 0)
			return -1;
	}
	if (!context && qn->max_value < 1)
		return yl_fail(&l->c, n,
		               _("toutes les options de %s valent 0 ; la meilleure demande une "
		                 "valeur de 1 à 3"),
		               qn->id);
	return 0;
}

static int qload_context(struct qload *l, const struct yl_node *n, struct vg_question *qn)
{
	static const char *const allowed[] = {"id", "text", "help", "options", "applies_if", NULL};
	static const char *const required[] = {"id", "text", "options", NULL};
	const struct yl_node *v;

	if (yl_keys(&l->c, n, _("une question de contexte"), allowed, required) != 0)
		return -1;
	v = yl_get(n, "id");
	if (yl_id(&l->c, v, _("identifiant de question de contexte"), &qn->id) != 0)
		return -1;
	if (strncmp(qn->id, "ctx.", 4) != 0 || qn->id[4] == '\0')
		return yl_fail(
		    &l->c, v,
		    _("l'identifiant de question de contexte '%s' doit commencer par 'ctx.'"),
		    qn->id);
	if (qload_unique_id(l, v) != 0)
		return -1;
	qn->line = n->line;
	qn->weight = 0;
	qn->priority = VG_PRIORITY_MAX;
	if (yl_text(&l->c, yl_get(n, "text"), "text", &qn->text) != 0)
		return -1;
	if ((v = yl_get(n, "help")) != NULL && yl_text(&l->c, v, "help", &qn->help) != 0)
		return -1;
	if (qload_options(l, yl_get(n, "options"), qn, true) != 0)
		return -1;
	if ((v = yl_get(n, "applies_if")) != NULL && qload_conds(l, v, qn) != 0)
		return -1;
	return 0;
}

#define ACTION_MAX 160 /* bytes of an action title in one language */

/* An action title: one line, short, and not a question. */
static int qload_action(struct qload *l, const struct yl_node *n, struct vg_question *qn)
{
	const char *langs[] = {"fr", "en"};

	if (yl_text(&l->c, n, "action", &qn->action) != 0)
		return -1;
	for (size_t i = 0; i < 2; i++) {
		const struct yl_node *t = yl_get(n, langs[i]);

		if (t == NULL)
			continue;
		if (t->len > ACTION_MAX || strchr(t->str, '\n') != NULL)
			return yl_fail(
			    &l->c, t,
			    _("l'action de %s fait %zu octets ou plusieurs lignes ; une action est "
			      "une ligne courte (%d octets au plus) qui nomme l'étape à franchir"),
			    qn->id, t->len, ACTION_MAX);
		if (t->len > 0 && t->str[t->len - 1] == '?')
			return yl_fail(
			    &l->c, t,
			    _("l'action de %s finit par '?' ; écrivez l'étape à franchir (« "
			      "Désigner un élu référent »), pas la question"),
			    qn->id);
	}
	return 0;
}

static int qload_question(struct qload *l, const struct yl_node *n, struct vg_question *qn)
{
	static const char *const allowed[] = {
	    "id",     "text", "help",       "options",  "weight", "critical", "priority",
	    "effort", "refs", "applies_if", "allow_na", "action", NULL};
	static const char *const required[] = {"id", "text", "help", "options", NULL};
	const struct yl_node *v;
	long prio;

	if (yl_keys(&l->c, n, _("une question"), allowed, required) != 0)
		return -1;
	v = yl_get(n, "id");
	if (yl_id(&l->c, v, _("identifiant de question"), &qn->id) != 0)
		return -1;
	if (strncmp(qn->id, "ctx.", 4) == 0)
		return yl_fail(&l->c, v,
		               _("identifiant de question '%s' : les identifiants qui commencent "
		                 "par 'ctx.' sont pour les questions de contexte"),
		               qn->id);
	if (qload_unique_id(l, v) != 0)
		return -1;
	qn->line = n->line;
	qn->weight = 1;
	qn->priority = VG_PRIORITY_MAX;
	qn->effort = VG_EFFORT_MEDIUM;
	if (yl_text(&l->c, yl_get(n, "text"), "text", &qn->text) != 0 ||
	    yl_text(&l->c, yl_get(n, "help"), "help", &qn->help) != 0)
		return -1;
	if ((v = yl_get(n, "weight")) != NULL &&
	    yl_number(&l->c, v, "weight", 0.5, 3, &qn->weight) != 0)
		return -1;
	if ((v = yl_get(n, "critical")) != NULL &&
	    yl_bool(&l->c, v, "critical", &qn->critical) != 0)
		return -1;
	if ((v = yl_get(n, "allow_na")) != NULL &&
	    yl_bool(&l->c, v, "allow_na", &qn->allow_na) != 0)
		return -1;
	if ((v = yl_get(n, "priority")) != NULL) {
		if (yl_int(&l->c, v, "priority", 1, VG_PRIORITY_MAX, &prio) != 0)
			return -1;
		qn->priority = (int)prio;
	}
	if ((v = yl_get(n, "effort")) != NULL) {
		const char *e;

		if (yl_string(&l->c, v, "effort", &e) != 0)
			return -1;
		if (strcmp(e, "low") == 0)
			qn->effort = VG_EFFORT_LOW;
		else if (strcmp(e, "medium") == 0)
			qn->effort = VG_EFFORT_MEDIUM;
		else if (strcmp(e, "high") == 0)
			qn->effort = VG_EFFORT_HIGH;
		else
			return yl_fail(&l->c, v,
			               _("effort vaut '%.80s' ; il doit être low, medium ou high"),
			               e);
	}
	if ((v = yl_get(n, "refs")) != NULL) {
		if (yl_strings(&l->c, v, "refs", &qn->refs, &qn->nrefs) != 0)
			return -1;
		for (size_t i = 0; i < qn->nrefs; i++)
			if (qload_ref(l, v->kind == YL_SEQ ? v->items[i] : v, qn->refs[i]) != 0)
				return -1;
	}
	if ((v = yl_get(n, "action")) != NULL && qload_action(l, v, qn) != 0)
		return -1;
	if (qload_options(l, yl_get(n, "options"), qn, false) != 0)
		return -1;
	if ((v = yl_get(n, "applies_if")) != NULL && qload_conds(l, v, qn) != 0)
		return -1;
	return 0;
}

static int qload_domain(struct qload *l, const struct yl_node *n, struct vg_domain *d)
{
	static const char *const allowed[] = {"id",     "title",     "description",
	                                      "weight", "questions", NULL};
	static const char *const required[] = {"id", "title", "questions", NULL};
	const struct yl_node *v;

	if (yl_keys(&l->c, n, _("un thème"), allowed, required) != 0)
		return -1;
	v = yl_get(n, "id");
	if (yl_id(&l->c, v, _("identifiant de thème"), &d->id) != 0)
		return -1;
	for (size_t i = 0; i < d->index; i++)
		if (strcmp(l->q->domains[i].id, d->id) == 0)
			return yl_fail(&l->c, v, _("identifiant de thème '%s' en double"), d->id);
	d->weight = 1;
	if (yl_text(&l->c, yl_get(n, "title"), "title", &d->title) != 0)
		return -1;
	if ((v = yl_get(n, "description")) != NULL &&
	    yl_text(&l->c, v, "description", &d->description) != 0)
		return -1;
	if ((v = yl_get(n, "weight")) != NULL &&
	    yl_number(&l->c, v, _("poids du thème"), 0.5, 5, &d->weight) != 0)
		return -1;
	v = yl_get(n, "questions");
	if (yl_expect(&l->c, v, YL_SEQ, "questions") != 0)
		return -1;
	if (v->n == 0)
		return yl_fail(&l->c, v, _("le thème '%s' n'a aucune question"), d->id);
	d->questions = vg_arena_alloc(l->c.arena, v->n * sizeof *d->questions);
	d->nquestions = v->n;
	for (size_t i = 0; i < v->n; i++) {
		d->questions[i].domain = d;
		if (qload_question(l, v->items[i], &d->questions[i]) != 0)
			return -1;
	}
	return 0;
}

static size_t count_questions(const struct yl_node *domains)
{
	size_t n = 0;

	for (size_t i = 0; i < domains->n; i++) {
		const struct yl_node *qs = yl_get(domains->items[i], "questions");

		if (qs != NULL && qs->kind == YL_SEQ)
			n += qs->n;
	}
	return n;
}

static int qload_top(struct qload *l, const struct yl_node *root)
{
	static const char *const allowed[] = {"format",      "id",      "version", "title",
	                                      "description", "context", "domains", NULL};
	static const char *const required[] = {"format", "id", "version", "title", "domains", NULL};
	struct vg_questionnaire *q = l->q;
	const struct yl_node *v, *ctx, *doms;
	size_t nq, k = 0;

	if (root->kind != YL_MAP)
		return yl_fail(&l->c, root,
		               _("un questionnaire doit être un dictionnaire qui commence par "
		                 "'format: %s'"),
		               QUESTIONNAIRE_FORMAT);
	v = yl_get(root, "format");
	if (v == NULL)
		return yl_fail(&l->c, root,
		               _("pas de clé 'format' : est-ce un questionnaire vigie ? Il "
		                 "commence par 'format: %s'"),
		               QUESTIONNAIRE_FORMAT);
	if (yl_string(&l->c, v, "format", &q->format) != 0)
		return -1;
	if (strcmp(q->format, QUESTIONNAIRE_FORMAT) != 0)
		return yl_fail(&l->c, v,
		               _("le format est '%.80s' ; cette version de vigie lit '%s' (une "
		                 "version plus récente peut lire ce fichier)"),
		               q->format, QUESTIONNAIRE_FORMAT);
	if (yl_keys(&l->c, root, _("le questionnaire"), allowed, required) != 0)
		return -1;
	if (yl_id(&l->c, yl_get(root, "id"), _("identifiant du questionnaire"), &q->id) != 0 ||
	    yl_string(&l->c, yl_get(root, "version"), "version", &q->version) != 0 ||
	    yl_text(&l->c, yl_get(root, "title"), "title", &q->title) != 0)
		return -1;
	if ((v = yl_get(root, "description")) != NULL &&
	    yl_text(&l->c, v, "description", &q->description) != 0)
		return -1;
	ctx = yl_get(root, "context");
	doms = yl_get(root, "domains");
	if (ctx != NULL && yl_expect(&l->c, ctx, YL_SEQ, "context") != 0)
		return -1;
	if (yl_expect(&l->c, doms, YL_SEQ, "domains") != 0)
		return -1;
	if (doms->n == 0)
		return yl_fail(&l->c, doms, _("le questionnaire n'a aucun thème"));
	nq = count_questions(doms) + (ctx != NULL ? ctx->n : 0);
	if (nq > QUESTIONS_MAX)
		return yl_fail(
		    &l->c, doms,
		    _("%zu questions, au-delà de la limite de %d ; partagez le questionnaire"), nq,
		    QUESTIONS_MAX);
	l->id_nodes = vg_calloc(nq ? nq : 1, sizeof *l->id_nodes);
	if (ctx != NULL) {
		q->context = vg_arena_alloc(l->c.arena, (ctx->n ? ctx->n : 1) * sizeof *q->context);
		for (size_t i = 0; i < ctx->n; i++) {
			q->ncontext = i + 1; /* conditions may name earlier ones only */
			if (qload_context(l, ctx->items[i], &q->context[i]) != 0)
				return -1;
		}
	}
	q->domains = vg_arena_alloc(l->c.arena, doms->n * sizeof *q->domains);
	q->ndomains = doms->n;
	for (size_t i = 0; i < doms->n; i++) {
		q->domains[i].index = i;
		if (qload_domain(l, doms->items[i], &q->domains[i]) != 0)
			return -1;
	}
	q->nall = l->nids;
	q->all = vg_arena_alloc(l->c.arena, (q->nall ? q->nall : 1) * sizeof *q->all);
	for (size_t i = 0; i < q->ncontext; i++)
		q->all[k++] = &q->context[i];
	for (size_t d = 0; d < q->ndomains; d++)
		for (size_t i = 0; i < q->domains[d].nquestions; i++)
			q->all[k++] = &q->domains[d].questions[i];
	for (size_t i = 0; i < k; i++)
		q->all[i]->index = i;
	return 0;
}

int yaml_load_questionnaire(const char *file, const char *data, size_t len,
                            struct vg_questionnaire **out, struct vg_err *err)
{
	struct vg_arena arena;
	struct vg_questionnaire *q;
	struct yl_node *root;
	struct qload l;
	int rc;

	*out = NULL;
	vg_arena_init(&arena);
	q = vg_arena_alloc(&arena, sizeof *q);
	q->arena = arena;
	if (yaml_parse(file, data, len, &q->arena, &root, err) != 0) {
		model_questionnaire_free(q);
		return -1;
	}
	memset(&l, 0, sizeof l);
	l.c.file = file;
	l.c.arena = &q->arena;
	l.c.err = err;
	l.q = q;
	rc = qload_top(&l, root);
	free(l.id_nodes);
	if (rc != 0) {
		model_questionnaire_free(q);
		return -1;
	}
	q->source = vg_arena_strdup(&q->arena, file);
	digest_sha256(data, len, q->sha256);
	vg_hex(q->sha256, sizeof q->sha256, q->sha256_hex);
	*out = q;
	return 0;
}

int yaml_load_questionnaire_file(const char *path, struct vg_questionnaire **out,
                                 struct vg_err *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (vg_read_file(path, YL_MAX_FILE, false, &data, &len, err) != 0)
		return -1;
	rc = yaml_load_questionnaire(path, data, len, out, err);
	free(data);
	return rc;
}

static int aload_org(const struct yl_ctx *c, const struct yl_node *n, struct vg_org *org)
{
	static const char *const allowed[] = {"name", "insee", "contact", NULL};
	const char *const keys[] = {"name", "insee", "contact"};
	char **fields[] = {&org->name, &org->insee, &org->contact};

	if (yl_keys(c, n, "organisation", allowed, NULL) != 0)
		return -1;
	for (size_t i = 0; i < 3; i++) {
		const struct yl_node *v = yl_get(n, keys[i]);
		const char *s;

		if (v == NULL)
			continue;
		if (yl_string(c, v, keys[i], &s) != 0)
			return -1;
		if (i == 1 && (strlen(s) != 5 || strspn(s, "0123456789AB") != 5))
			return yl_fail(c, v,
			               _("le code INSEE '%.80s' doit faire 5 caractères, des "
			                 "chiffres (ou 2A/2B pour la Corse) ; mettez-le entre "
			                 "guillemets pour garder les zéros de tête"),
			               s);
		*fields[i] = vg_strdup(s);
	}
	return 0;
}

static int aload_answer(const struct yl_ctx *c, const struct vg_question *qn,
                        const struct yl_node *v, struct vg_answer *a)
{
	static const char *const allowed[] = {"answer", "note", "review", NULL};
	static const char *const required[] = {"answer", NULL};
	const struct yl_node *ans = v, *note = NULL, *rev = NULL;
	const char *s;

	if (v->kind == YL_MAP) {
		if (yl_keys(c, v, _("une réponse"), allowed, required) != 0)
			return -1;
		ans = yl_get(v, "answer");
		note = yl_get(v, "note");
		rev = yl_get(v, "review");
	}
	if (yl_string(c, ans, "answer", &s) != 0)
		return -1;
	if (note != NULL) {
		const char *t;

		if (yl_string(c, note, "note", &t) != 0)
			return -1;
		a->note = vg_strdup(t);
	}
	if (rev != NULL && yl_bool(c, rev, "review", &a->review) != 0)
		return -1;
	if (strcmp(s, "nsp") == 0) {
		a->kind = VG_ANS_UNKNOWN;
	} else if (strcmp(s, "na") == 0) {
		if (!qn->allow_na)
			return yl_fail(c, ans,
			               _("'%s' n'accepte pas « non applicable » (na) ; répondez "
			                 "une option ou nsp"),
			               qn->id);
		if (a->note == NULL)
			return yl_fail(c, ans,
			               _("'%s' répondue « non applicable » demande une note qui "
			                 "dit pourquoi : {answer: na, note: \"...\"}"),
			               qn->id);
		a->kind = VG_ANS_NA;
	} else {
		char list[512] = "";

		a->option = model_find_option(qn, s);
		if (a->option != NULL) {
			a->kind = VG_ANS_OPTION;
			return 0;
		}
		for (size_t i = 0; i < qn->noptions; i++) {
			strncat(list, qn->options[i].id, sizeof list - strlen(list) - 1);
			strncat(list, ", ", sizeof list - strlen(list) - 1);
		}
		return yl_fail(
		    c, ans, _("'%.80s' n'est pas une réponse de '%s' ; choisissez parmi : %snsp%s"),
		    s, qn->id, list, qn->allow_na ? ", na" : "");
	}
	return 0;
}

int yaml_load_answers(const struct vg_questionnaire *q, const char *file, const char *data,
                      size_t len, struct vg_answers **out, struct vg_err *err)
{
	static const char *const allowed[] = {"format", "questionnaire", "organisation", "answers",
	                                      NULL};
	static const char *const required[] = {"format", "questionnaire", "answers", NULL};
	struct vg_arena arena;
	struct vg_answers *as = NULL;
	struct yl_node *root;
	const struct yl_node *v, *ans;
	struct yl_ctx c = {file, &arena, err};
	const char *s;

	*out = NULL;
	vg_arena_init(&arena);
	if (yaml_parse(file, data, len, &arena, &root, err) != 0)
		goto fail;
	if (root->kind != YL_MAP || (v = yl_get(root, "format")) == NULL) {
		yl_fail(&c, root, _("pas un fichier de réponses : il commence par 'format: %s'"),
		        ANSWERS_FORMAT);
		goto fail;
	}
	if (yl_string(&c, v, "format", &s) != 0)
		goto fail;
	if (strcmp(s, ANSWERS_FORMAT) != 0) {
		yl_fail(&c, v, _("le format est '%.80s' ; cette version de vigie lit '%s'"), s,
		        ANSWERS_FORMAT);
		goto fail;
	}
	if (yl_keys(&c, root, _("le fichier de réponses"), allowed, required) != 0)
		goto fail;
	v = yl_get(root, "questionnaire");
	if (yl_string(&c, v, "questionnaire", &s) != 0)
		goto fail;
	if (strcmp(s, q->id) != 0) {
		yl_fail(&c, v,
		        _("ces réponses sont pour le questionnaire '%.80s', pas '%s' ; donnez le "
		          "questionnaire correspondant avec -q"),
		        s, q->id);
		goto fail;
	}
	as = model_answers_new(q);
	if ((v = yl_get(root, "organisation")) != NULL && aload_org(&c, v, &as->org) != 0)
		goto fail;
	ans = yl_get(root, "answers");
	if (yl_expect(&c, ans, YL_MAP, "answers") != 0)
		goto fail;
	for (size_t i = 0; i < ans->n; i++) {
		const struct yl_node *k = ans->items[2 * i];
		const struct vg_question *qn = model_find_question(q, k->str);

		if (qn == NULL) {
			yl_fail(
			    &c, k,
			    _("'%.80s' n'est pas une question de '%s' ; vérifiez l'identifiant"),
			    k->str, q->id);
			goto fail;
		}
		if (aload_answer(&c, qn, ans->items[2 * i + 1], &as->a[qn->index]) != 0)
			goto fail;
	}
	vg_arena_free(&arena);
	*out = as;
	return 0;
fail:
	model_answers_free(as);
	vg_arena_free(&arena);
	return -1;
}
