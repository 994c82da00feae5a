/* yaml_load: the check profile schema (docs/check-format.md) over the strict YAML tree. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libintl.h>

#include "check/check.h"
#include "yaml_load.h"

#define _(s) gettext(s)

static int cload_severity(const struct yl_ctx *c, const struct yl_node *n, enum check_severity *out)
{
	const char *s;

	if (yl_string(c, n, "severity", &s) != 0)
		return -1;
	if (strcmp(s, "low") == 0)
		*out = CHECK_SEV_LOW;
	else if (strcmp(s, "medium") == 0)
		*out = CHECK_SEV_MEDIUM;
	else if (strcmp(s, "high") == 0)
		*out = CHECK_SEV_HIGH;
	else
		return yl_fail(c, n, _("severity vaut '%.80s' ; elle doit valoir low, medium ou high"), s);
	return 0;
}

static int cload_informs(const struct yl_ctx *c, const struct yl_node *n,
                         const struct vg_questionnaire *q, struct check_def *d)
{
	if (n->kind == YL_SCALAR)
		return yl_fail(c, n,
		               _("informs doit être une liste d'identifiants de questions, par exemple "
		                 "[comptes.droits_serveur]"));
	if (yl_strings(c, n, "informs", &d->informs, &d->ninforms) != 0)
		return -1;
	if (d->ninforms == 0)
		return yl_fail(c, n,
		               _("informs est vide ; nommez les questions que cette vérification "
		                 "renseigne"));
	for (size_t i = 0; i < d->ninforms; i++) {
		const struct yl_node *item = n->items[i];
		const struct vg_question *qn;
		const char *id;

		if (yl_id(c, item, _("identifiant de informs"), &id) != 0)
			return -1;
		if (strncmp(id, "ctx.", 4) == 0)
			return yl_fail(c, item,
			               _("informs '%s' : les questions de contexte ne sont pas notées ; "
			                 "nommez une question d'un thème"),
			               id);
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->informs[j], id) == 0)
				return yl_fail(c, item, _("informs nomme '%s' deux fois"), id);
		if (q == NULL)
			continue;
		qn = model_find_question(q, id);
		if (qn == NULL || qn->domain == NULL)
			return yl_fail(c, item,
			               _("informs '%s', qui n'est pas une question du questionnaire "
			                 "'%s' ; vérifiez l'identifiant"),
			               id, q->id);
	}
	return 0;
}

static int cload_check(const struct yl_ctx *c, const struct yl_node *n,
                       const struct vg_questionnaire *q, struct check_profile *p, size_t index)
{
	static const char *const allowed[] = {"id",    "kind",        "params",  "severity",
	                                      "title", "remediation", "informs", NULL};
	static const char *const required[] = {"id",          "kind",    "severity", "title",
	                                       "remediation", "informs", NULL};
	struct check_def *d = &p->checks[index];
	const struct yl_node *v;
	const char *kind;

	if (yl_keys(c, n, _("une vérification"), allowed, required) != 0)
		return -1;
	d->line = n->line;
	v = yl_get(n, "id");
	if (yl_id(c, v, _("identifiant de vérification"), &d->id) != 0)
		return -1;
	for (size_t i = 0; i < index; i++)
		if (strcmp(p->checks[i].id, d->id) == 0)
			return yl_fail(c, v,
			               _("identifiant de vérification '%s' en double (déjà ligne %u) ; "
			                 "chaque identifiant est unique dans le profil"),
			               d->id, p->checks[i].line);
	v = yl_get(n, "kind");
	if (yl_string(c, v, "kind", &kind) != 0)
		return -1;
	d->kind = check_kind_find(kind);
	if (d->kind == NULL)
		return yl_fail(c, v, _("type de vérification '%.80s' inconnu ; cette version de vigie connaît : %s"), kind,
		               check_kind_names());
	if (cload_severity(c, yl_get(n, "severity"), &d->severity) != 0 ||
	    yl_text(c, yl_get(n, "title"), "title", &d->title) != 0 ||
	    yl_text(c, yl_get(n, "remediation"), "remediation", &d->remediation) != 0 ||
	    cload_informs(c, yl_get(n, "informs"), q, d) != 0)
		return -1;
	v = yl_get(n, "params");
	if (v != NULL && yl_expect(c, v, YL_MAP, "params") != 0)
		return -1;
	return d->kind->parse(c, n, v, &d->params);
}

static int cload_top(const struct yl_ctx *c, const struct yl_node *root,
                     const struct vg_questionnaire *q, struct check_profile *p)
{
	static const char *const allowed[] = {"format",        "id",     "version", "title",
	                                      "questionnaire", "checks", NULL};
	static const char *const required[] = {"format", "id", "version", "title", "checks", NULL};
	const struct yl_node *v, *checks;
	const char *format;

	if (root->kind != YL_MAP || (v = yl_get(root, "format")) == NULL)
		return yl_fail(c, root,
		               _("ce n'est pas un profil de vérifications : il commence par "
		                 "'format: %s'"),
		               CHECKS_FORMAT);
	if (yl_string(c, v, "format", &format) != 0)
		return -1;
	if (strcmp(format, CHECKS_FORMAT) != 0)
		return yl_fail(c, v,
		               _("format vaut '%.80s' ; cette version de vigie lit '%s' (une version "
		                 "plus récente lira peut-être ce fichier)"),
		               format, CHECKS_FORMAT);
	if (yl_keys(c, root, _("le profil de vérifications"), allowed, required) != 0)
		return -1;
	if (yl_id(c, yl_get(root, "id"), _("identifiant du profil"), &p->id) != 0 ||
	    yl_string(c, yl_get(root, "version"), "version", &p->version) != 0 ||
	    yl_text(c, yl_get(root, "title"), "title", &p->title) != 0)
		return -1;
	if ((v = yl_get(root, "questionnaire")) != NULL) {
		if (yl_id(c, v, "questionnaire", &p->questionnaire) != 0)
			return -1;
		if (q != NULL && strcmp(q->id, p->questionnaire) != 0)
			return yl_fail(c, v,
			               _("ce profil renseigne le questionnaire '%s', mais le "
			                 "questionnaire donné est '%s'"),
			               p->questionnaire, q->id);
	}
	checks = yl_get(root, "checks");
	if (yl_expect(c, checks, YL_SEQ, "checks") != 0)
		return -1;
	if (checks->n == 0)
		return yl_fail(c, checks, "%s", _("le profil n'a aucune vérification"));
	if (checks->n > CHECK_MAX_CHECKS)
		return yl_fail(c, checks, _("%zu vérifications, au-delà de la limite de %d ; partagez le profil"),
		               checks->n, CHECK_MAX_CHECKS);
	p->checks = vg_arena_alloc(c->arena, checks->n * sizeof *p->checks);
	for (size_t i = 0; i < checks->n; i++) {
		if (cload_check(c, checks->items[i], q, p, i) != 0)
			return -1;
		p->nchecks = i + 1;
	}
	return 0;
}

int yaml_load_checks(const char *file, const char *data, size_t len,
                     const struct vg_questionnaire *q, struct check_profile **out,
                     struct vg_err *err)
{
	struct vg_arena arena;
	struct check_profile *p;
	struct yl_node *root;
	struct yl_ctx c;

	*out = NULL;
	vg_arena_init(&arena);
	p = vg_arena_alloc(&arena, sizeof *p);
	p->arena = arena;
	c.file = file;
	c.arena = &p->arena;
	c.err = err;
	if (yaml_parse(file, data, len, &p->arena, &root, err) != 0 ||
	    cload_top(&c, root, q, p) != 0) {
		check_profile_free(p);
		return -1;
	}
	p->source = vg_arena_strdup(&p->arena, file);
	*out = p;
	return 0;
}

int yaml_load_checks_file(const char *path, const struct vg_questionnaire *q,
                          struct check_profile **out, struct vg_err *err)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if (vg_read_file(path, YL_MAX_FILE, false, &data, &len, err) != 0)
		return -1;
	rc = yaml_load_checks(path, data, len, q, out, err);
	free(data);
	return rc;
}
