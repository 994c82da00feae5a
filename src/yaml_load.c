/* yaml_load: libyaml's event API under vigie's limits, and the schema helpers. */
#include "yaml_load.h"

#include <libintl.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Messages are French msgids translated through gettext (po/en.po). */
#define _(s)  gettext(s)
#define N_(s) (s)

const char *yaml_load_lib_version(void)
{
	return yaml_get_version_string();
}

/* A collection being built: its node and a heap array of children. */
struct yl_open {
	struct yl_node *node;
	struct yl_node **items;
	size_t n, cap;
};

struct yl_parser {
	const char *file;
	const char *data;
	size_t len;
	struct vg_arena *arena;
	struct vg_err *err;
	struct yl_open stack[YL_MAX_DEPTH + 1];
	size_t depth;
	size_t nodes;
	struct yl_node *root;
};

static int yl_err_mark(struct yl_parser *p, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int yl_err_mark(struct yl_parser *p, yaml_mark_t m, const char *fmt, ...)
{
	char msg[VG_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return vg_err_at(p->err, VG_EINPUT, p->file, (unsigned)m.line + 1, (unsigned)m.column + 1,
	                 "%s", msg);
}

/* libyaml's problems and contexts are English and fixed (libyaml 0.2.5, scanner.c and
 * parser.c): each known one is said in words here; an unknown one (a newer libyaml) is
 * shown as libyaml says it. Directive and tag problems, rare in hand-written files, share
 * one sentence. */
struct yl_words {
	const char *en, *fr;
};

static const struct yl_words yl_problems[] = {
    {"mapping values are not allowed in this context",
     N_("« : » n'est pas permis à cet endroit : vérifiez l'indentation, ou mettez le texte "
        "entre guillemets")},
    {"did not find expected key",
     N_("une clé est attendue, alignée sur les précédentes (vérifiez l'indentation)")},
    {"could not find expected ':'", N_("« : » est attendu après la clé")},
    {"did not find expected node content", N_("une valeur est attendue")},
    {"did not find expected ',' or ']'", N_("« , » ou « ] » est attendu")},
    {"did not find expected ',' or '}'", N_("« , » ou « } » est attendu")},
    {"did not find expected '-' indicator",
     N_("un élément de liste « - » est attendu, aligné sur les précédents")},
    {"block sequence entries are not allowed in this context",
     N_("un élément de liste « - » n'est pas permis à cet endroit (vérifiez l'indentation)")},
    {"mapping keys are not allowed in this context",
     N_("une clé n'est pas permise à cet endroit (vérifiez l'indentation)")},
    {"found character that cannot start any token",
     N_("ce caractère ne peut pas commencer une valeur (mettez le texte entre guillemets)")},
    {"found unexpected ':'", N_("« : » inattendu (mettez le texte entre guillemets)")},
    {"found a tab character that violates indentation",
     N_("une tabulation dans l'indentation : indentez avec des espaces")},
    {"found a tab character where an indentation space is expected",
     N_("une tabulation dans l'indentation : indentez avec des espaces")},
    {"found unexpected end of stream",
     N_("le fichier s'arrête au milieu d'un texte (guillemet non refermé ?)")},
    {"found unexpected document indicator",
     N_("« --- » ou « ... » en début de ligne au milieu d'un texte")},
    {"found unknown escape character",
     N_("séquence d'échappement inconnue entre guillemets doubles (écrivez \\\\ pour une "
        "barre oblique inverse, ou utilisez des guillemets simples)")},
    {"found invalid Unicode character escape code", N_("échappement Unicode invalide")},
    {"did not find expected hexdecimal number", N_("échappement Unicode invalide")},
    {"did not find expected comment or line break",
     N_("un commentaire ou une fin de ligne est attendu après la valeur")},
    {"did not find expected whitespace or line break",
     N_("une espace ou une fin de ligne est attendue")},
    {"did not find expected alphabetic or numeric character",
     N_("une lettre ou un chiffre est attendu")},
    {"found an indentation indicator equal to 0", N_("indicateur d'indentation égal à 0")},
    {"did not find expected <document start>", N_("un début de document « --- » est attendu")},
    {"control characters are not allowed", N_("les caractères de contrôle ne sont pas permis")},
    {"found undefined tag handle", N_("étiquette ou directive YAML mal formée")},
    {"did not find expected tag URI", N_("étiquette ou directive YAML mal formée")},
    {"did not find URI escaped octet", N_("étiquette ou directive YAML mal formée")},
    {"did not find expected '!'", N_("étiquette ou directive YAML mal formée")},
    {"did not find the expected '>'", N_("étiquette ou directive YAML mal formée")},
    {"did not find expected directive name", N_("étiquette ou directive YAML mal formée")},
    {"found unknown directive name", N_("étiquette ou directive YAML mal formée")},
    {"did not find expected version number", N_("étiquette ou directive YAML mal formée")},
    {"did not find expected digit or '.' character", N_("étiquette ou directive YAML mal formée")},
    {"found extremely long version number", N_("étiquette ou directive YAML mal formée")},
    {"did not find expected whitespace", N_("étiquette ou directive YAML mal formée")},
    {"found duplicate %YAML directive", N_("étiquette ou directive YAML mal formée")},
    {"found duplicate %TAG directive", N_("étiquette ou directive YAML mal formée")},
    {"found incompatible YAML document", N_("étiquette ou directive YAML mal formée")},
    {"found unexpected non-alphabetical character", N_("étiquette ou directive YAML mal formée")},
};

static const struct yl_words yl_contexts[] = {
    {"while parsing a block mapping", N_("dans la suite de clés commencée")},
    {"while parsing a block collection", N_("dans la liste commencée")},
    {"while parsing a flow sequence", N_("dans la liste entre crochets commencée")},
    {"while parsing a flow mapping", N_("dans les accolades ouvertes")},
    {"while parsing a flow node", N_("dans les crochets ou accolades ouverts")},
    {"while parsing a block node", N_("dans la valeur commencée")},
    {"while parsing a node", N_("dans la valeur commencée")},
    {"while scanning a plain scalar", N_("dans la valeur commencée")},
    {"while parsing a quoted scalar", N_("dans le texte entre guillemets commencé")},
    {"while scanning a quoted scalar", N_("dans le texte entre guillemets commencé")},
    {"while scanning a simple key", N_("dans la clé commencée")},
    {"while scanning a block scalar", N_("dans le texte « | » ou « > » commencé")},
    {"while scanning an anchor", N_("dans l'ancre commencée")},
    {"while scanning an alias", N_("dans l'alias commencé")},
    {"while parsing a tag", N_("dans l'étiquette commencée")},
    {"while scanning a tag", N_("dans l'étiquette commencée")},
    {"while parsing a tag directive", N_("dans la directive commencée")},
    {"while parsing a %TAG directive", N_("dans la directive commencée")},
    {"while scanning a tag directive", N_("dans la directive commencée")},
    {"while scanning a %TAG directive", N_("dans la directive commencée")},
    {"while scanning a %YAML directive", N_("dans la directive commencée")},
    {"while scanning a directive", N_("dans la directive commencée")},
};

/* The words for libyaml's text s in table t of n entries, else s itself. */
static const char *yl_say(const char *s, const struct yl_words *t, size_t n)
{
	if (s == NULL)
		return _("erreur inconnue");
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, t[i].en) == 0)
			return _(t[i].fr);
	return s;
}

/* Line and column (1-based, in characters) of byte offset off. */
static void yl_position(const char *data, size_t off, unsigned *line, unsigned *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)data[i] & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

static struct yl_node *yl_new(struct yl_parser *p, enum yl_kind kind, yaml_mark_t m)
{
	struct yl_node *n;

	if (++p->nodes > YL_MAX_NODES) {
		yl_err_mark(p, m,
		            _("plus de %d nœuds YAML ; un questionnaire est bien plus petit : "
		              "vérifiez que c'est le bon fichier"),
		            YL_MAX_NODES);
		return NULL;
	}
	n = vg_arena_alloc(p->arena, sizeof *n);
	n->kind = kind;
	n->line = (unsigned)m.line + 1;
	n->col = (unsigned)m.column + 1;
	return n;
}

static int yl_key_cmp(const void *a, const void *b)
{
	const struct yl_node *x = *(struct yl_node *const *)a, *y = *(struct yl_node *const *)b;
	int c = strcmp(x->str, y->str);

	if (c != 0)
		return c;
	return x->line != y->line ? (x->line < y->line ? -1 : 1)
	                          : (x->col < y->col ? -1 : x->col > y->col);
}

/* Refuses a mapping with a key given twice, naming the second occurrence. */
static int yl_check_duplicates(struct yl_parser *p, struct yl_node *map)
{
	struct yl_node **keys;
	int rc = 0;

	if (map->n < 2)
		return 0;
	keys = vg_calloc(map->n, sizeof *keys);
	for (size_t i = 0; i < map->n; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, map->n, sizeof *keys, yl_key_cmp);
	for (size_t i = 1; i < map->n; i++) {
		if (strcmp(keys[i - 1]->str, keys[i]->str) == 0) {
			vg_err_at(
			    p->err, VG_EINPUT, p->file, keys[i]->line, keys[i]->col,
			    _("clé '%s' en double (première à la ligne %u) ; n'en gardez qu'une"),
			    keys[i]->str, keys[i - 1]->line);
			rc = -1;
			break;
		}
	}
	free(keys);
	return rc;
}

/* Adds a finished node to the open collection, or makes it the root. */
static int yl_attach(struct yl_parser *p, struct yl_node *n)
{
	struct yl_open *o;

	if (p->depth == 0) {
		p->root = n;
		return 0;
	}
	o = &p->stack[p->depth - 1];
	if (o->node->kind == YL_MAP && o->n % 2 == 0 && n->kind != YL_SCALAR)
		return vg_err_at(p->err, VG_EINPUT, p->file, n->line, n->col,
		                 _("une clé doit être une simple chaîne, pas %s"),
		                 n->kind == YL_MAP ? "mapping" : "sequence");
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->items = vg_reallocarray(o->items, o->cap, sizeof *o->items);
	}
	o->items[o->n++] = n;
	return 0;
}

static int yl_open(struct yl_parser *p, enum yl_kind kind, yaml_event_t *ev)
{
	struct yl_node *n;

	if (p->depth >= YL_MAX_DEPTH)
		return yl_err_mark(p, ev->start_mark,
		                   _("imbrication de plus de %d niveaux ; un questionnaire en "
		                     "demande bien moins : vérifiez l'indentation"),
		                   YL_MAX_DEPTH);
	n = yl_new(p, kind, ev->start_mark);
	if (n == NULL)
		return -1;
	p->stack[p->depth].node = n;
	p->stack[p->depth].items = NULL;
	p->stack[p->depth].n = 0;
	p->stack[p->depth].cap = 0;
	p->depth++;
	return 0;
}

static int yl_close(struct yl_parser *p)
{
	struct yl_open *o = &p->stack[p->depth - 1];
	struct yl_node *n = o->node;

	n->items = vg_arena_alloc(p->arena, (o->n ? o->n : 1) * sizeof *n->items);
	if (o->n > 0)
		memcpy(n->items, o->items, o->n * sizeof *n->items);
	n->n = n->kind == YL_MAP ? o->n / 2 : o->n;
	free(o->items);
	o->items = NULL;
	p->depth--;
	if (n->kind == YL_MAP && yl_check_duplicates(p, n) != 0)
		return -1;
	return yl_attach(p, n);
}

static int yl_event(struct yl_parser *p, yaml_event_t *ev, int *docs)
{
	struct yl_node *n;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++*docs > 1)
			return yl_err_mark(
			    p, ev->start_mark,
			    _("un second document YAML ; un fichier en contient exactement un"));
		return 0;
	case YAML_ALIAS_EVENT:
		return yl_err_mark(p, ev->start_mark,
		                   _("alias '*%s' : ancres et alias ne sont pas acceptés ; écrivez "
		                     "le contenu en entier"),
		                   (const char *)ev->data.alias.anchor);
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			return yl_err_mark(p, ev->start_mark,
			                   _("ancre '&%s' : ancres et alias ne sont pas acceptés ; "
			                     "écrivez le contenu en entier"),
			                   (const char *)ev->data.scalar.anchor);
		if (ev->data.scalar.tag != NULL)
			return yl_err_mark(p, ev->start_mark,
			                   _("étiquette '%s' : les étiquettes YAML ne sont pas "
			                     "acceptées ; retirez-la"),
			                   (const char *)ev->data.scalar.tag);
		if (ev->data.scalar.length > YL_MAX_STR)
			return yl_err_mark(p, ev->start_mark,
			                   _("une chaîne de %zu octets, au-delà de la limite de %u "
			                     "; raccourcissez-la"),
			                   ev->data.scalar.length, YL_MAX_STR);
		n = yl_new(p, YL_SCALAR, ev->start_mark);
		if (n == NULL)
			return -1;
		n->str = vg_arena_strndup(p->arena, (const char *)ev->data.scalar.value,
		                          ev->data.scalar.length);
		n->len = ev->data.scalar.length;
		if (memchr(n->str, '\0', n->len) != NULL)
			return yl_err_mark(p, ev->start_mark,
			                   _("une chaîne contient un caractère NUL"));
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		return yl_attach(p, n);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		const yaml_char_t *anchor = ev->type == YAML_SEQUENCE_START_EVENT
		                                ? ev->data.sequence_start.anchor
		                                : ev->data.mapping_start.anchor;
		const yaml_char_t *tag = ev->type == YAML_SEQUENCE_START_EVENT
		                             ? ev->data.sequence_start.tag
		                             : ev->data.mapping_start.tag;

		if (anchor != NULL)
			return yl_err_mark(p, ev->start_mark,
			                   _("ancre '&%s' : ancres et alias ne sont pas acceptés ; "
			                     "écrivez le contenu en entier"),
			                   (const char *)anchor);
		if (tag != NULL)
			return yl_err_mark(p, ev->start_mark,
			                   _("étiquette '%s' : les étiquettes YAML ne sont pas "
			                     "acceptées ; retirez-la"),
			                   (const char *)tag);
		return yl_open(p, ev->type == YAML_SEQUENCE_START_EVENT ? YL_SEQ : YL_MAP, ev);
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return yl_close(p);
	default:
		return 0;
	}
}

int yaml_parse(const char *file, const char *data, size_t len, struct vg_arena *arena,
               struct yl_node **root, struct vg_err *err)
{
	struct yl_parser p;
	yaml_parser_t parser;
	yaml_event_t ev;
	size_t bad;
	int rc = -1, docs = 0, done = 0;

	*root = NULL;
	memset(&p, 0, sizeof p);
	p.file = file;
	p.data = data;
	p.len = len;
	p.arena = arena;
	p.err = err;
	if (len > YL_MAX_FILE)
		return vg_err_set(
		    err, VG_EINPUT,
		    _("%s : le fichier fait %zu octets, au-delà de la limite de %u octets"), file,
		    len, YL_MAX_FILE);
	if (!vg_utf8_valid(data, len, &bad)) {
		unsigned line, col;

		yl_position(data, bad, &line, &col);
		return vg_err_at(
		    err, VG_EINPUT, file, line, col,
		    _("UTF-8 invalide (octet 0x%02x) ; enregistrez le fichier en UTF-8"),
		    (unsigned char)data[bad]);
	}
	if (memchr(data, '\0', len) != NULL) {
		unsigned line, col;

		yl_position(data, (size_t)((const char *)memchr(data, '\0', len) - data), &line,
		            &col);
		return vg_err_at(err, VG_EINPUT, file, line, col,
		                 _("un octet NUL : ce n'est pas un fichier texte"));
	}
	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			if (parser.error == YAML_MEMORY_ERROR)
				abort();
			const char *what = yl_say(parser.problem, yl_problems,
			                          sizeof yl_problems / sizeof yl_problems[0]);
			size_t at = parser.problem_mark.index;

			/* A tab where a token should start is almost always indentation. */
			if (parser.problem != NULL &&
			    strcmp(parser.problem, "found character that cannot start any token") ==
			        0 &&
			    at < len && data[at] == '\t')
				what = _("une tabulation dans l'indentation : indentez avec des "
				         "espaces");
			/* "while scanning for the next token" says nothing of where. */
			if (parser.context != NULL &&
			    strcmp(parser.context, "while scanning for the next token") != 0)
				yl_err_mark(
				    &p, parser.problem_mark,
				    /* TRANSLATORS: "erreur de syntaxe YAML (dans la liste
				     * commencée à la ligne 3) : une valeur est attendue". */
				    _("erreur de syntaxe YAML (%s à la ligne %zu) : %s"),
				    yl_say(parser.context, yl_contexts,
				           sizeof yl_contexts / sizeof yl_contexts[0]),
				    parser.context_mark.line + 1, what);
			else
				yl_err_mark(&p, parser.problem_mark,
				            _("erreur de syntaxe YAML : %s"), what);
			goto out;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (yl_event(&p, &ev, &docs) != 0) {
			yaml_event_delete(&ev);
			goto out;
		}
		yaml_event_delete(&ev);
	}
	if (p.root == NULL) {
		vg_err_set(err, VG_EINPUT, _("%s : le fichier est vide"), file);
		goto out;
	}
	*root = p.root;
	rc = 0;
out:
	while (p.depth > 0)
		free(p.stack[--p.depth].items);
	yaml_parser_delete(&parser);
	return rc;
}

int yaml_peek_format(const char *file, const char *data, size_t len, char *out, size_t outlen,
                     struct vg_err *err)
{
	struct vg_arena arena;
	struct yl_node *root;
	const struct yl_node *f;

	out[0] = '\0';
	vg_arena_init(&arena);
	if (yaml_parse(file, data, len, &arena, &root, err) != 0) {
		vg_arena_free(&arena);
		return -1;
	}
	f = yl_get(root, "format");
	if (f != NULL && f->kind == YL_SCALAR)
		snprintf(out, outlen, "%s", f->str);
	vg_arena_free(&arena);
	return 0;
}

int yl_fail(const struct yl_ctx *c, const struct yl_node *n, const char *fmt, ...)
{
	char msg[VG_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return vg_err_at(c->err, VG_EINPUT, c->file, n->line, n->col, "%s", msg);
}

const struct yl_node *yl_get(const struct yl_node *map, const char *key)
{
	if (map == NULL || map->kind != YL_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->items[2 * i]->str, key) == 0)
			return map->items[2 * i + 1];
	return NULL;
}

static const char *yl_kind_name(enum yl_kind k)
{
	return k == YL_MAP   ? _("un dictionnaire (clé: valeur)")
	       : k == YL_SEQ ? _("une liste")
	                     : _("une valeur simple");
}

int yl_expect(const struct yl_ctx *c, const struct yl_node *n, enum yl_kind kind, const char *what)
{
	if (n->kind != kind)
		return yl_fail(c, n, _("%s doit être %s, pas %s"), what, yl_kind_name(kind),
		               yl_kind_name(n->kind));
	return 0;
}

int yl_keys(const struct yl_ctx *c, const struct yl_node *map, const char *what,
            const char *const *allowed, const char *const *required)
{
	if (yl_expect(c, map, YL_MAP, what) != 0)
		return -1;
	for (size_t i = 0; i < map->n; i++) {
		const struct yl_node *k = map->items[2 * i];
		size_t j;

		for (j = 0; allowed[j] != NULL; j++)
			if (strcmp(k->str, allowed[j]) == 0)
				break;
		if (allowed[j] == NULL) {
			char list[512] = "";

			for (j = 0; allowed[j] != NULL; j++) {
				if (j > 0)
					strncat(list, ", ", sizeof list - strlen(list) - 1);
				strncat(list, allowed[j], sizeof list - strlen(list) - 1);
			}
			return yl_fail(c, k, _("clé inconnue '%s' dans %s ; clés permises : %s"),
			               k->str, what, list);
		}
	}
	for (size_t j = 0; required != NULL && required[j] != NULL; j++)
		if (yl_get(map, required[j]) == NULL)
			return yl_fail(c, map, _("%s : la clé obligatoire '%s' manque"), what,
			               required[j]);
	return 0;
}

int yl_string(const struct yl_ctx *c, const struct yl_node *n, const char *what, const char **out)
{
	if (yl_expect(c, n, YL_SCALAR, what) != 0)
		return -1;
	if (n->len == 0 || (n->plain && (strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0)))
		return yl_fail(c, n, _("%s est vide ; donnez une valeur"), what);
	*out = n->str;
	return 0;
}

int yl_id(const struct yl_ctx *c, const struct yl_node *n, const char *what, const char **out)
{
	const char *s;

	if (yl_string(c, n, what, &s) != 0)
		return -1;
	if (n->len > 64 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		goto bad;
	for (const char *p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' ||
		      *p == '.' || *p == '-'))
			goto bad;
	*out = s;
	return 0;
bad:
	return yl_fail(c, n,
	               _("%s '%.80s' n'est pas un identifiant valide : de 1 à 64 caractères parmi "
	                 "a-z 0-9 _ . -, commençant par une lettre ou un chiffre"),
	               what, s);
}

int yl_number(const struct yl_ctx *c, const struct yl_node *n, const char *what, double min,
              double max, double *out)
{
	char *end;
	double v;

	if (yl_expect(c, n, YL_SCALAR, what) != 0)
		return -1;
	errno = 0;
	v = n->plain && n->len > 0 ? strtod(n->str, &end) : NAN;
	if (!n->plain || n->len == 0 || *end != '\0' || errno != 0 || !isfinite(v) ||
	    strspn(n->str, "0123456789.-+") != n->len)
		return yl_fail(c, n, _("%s doit être un nombre, pas '%.80s'"), what, n->str);
	if (v < min || v > max)
		return yl_fail(c, n, _("%s vaut %g ; il doit être entre %g et %g"), what, v, min,
		               max);
	*out = v;
	return 0;
}

int yl_int(const struct yl_ctx *c, const struct yl_node *n, const char *what, long min, long max,
           long *out)
{
	char *end;
	long v;

	if (yl_expect(c, n, YL_SCALAR, what) != 0)
		return -1;
	errno = 0;
	v = n->plain && n->len > 0 ? strtol(n->str, &end, 10) : 0;
	if (!n->plain || n->len == 0 || *end != '\0' || errno != 0 ||
	    strspn(n->str, "0123456789-+") != n->len)
		return yl_fail(c, n, _("%s doit être un nombre entier, pas '%.80s'"), what, n->str);
	if (v < min || v > max)
		return yl_fail(c, n, _("%s vaut %ld ; il doit être entre %ld et %ld"), what, v, min,
		               max);
	*out = v;
	return 0;
}

int yl_bool(const struct yl_ctx *c, const struct yl_node *n, const char *what, bool *out)
{
	if (yl_expect(c, n, YL_SCALAR, what) != 0)
		return -1;
	if (n->plain && strcmp(n->str, "true") == 0)
		*out = true;
	else if (n->plain && strcmp(n->str, "false") == 0)
		*out = false;
	else
		return yl_fail(c, n, _("%s doit être true ou false, pas '%.80s'"), what, n->str);
	return 0;
}

int yl_text(const struct yl_ctx *c, const struct yl_node *n, const char *what, struct vg_text *out)
{
	static const char *const allowed[] = {"fr", "en", NULL};
	static const char *const required[] = {"fr", NULL};
	const struct yl_node *en;

	if (n->kind != YL_MAP)
		return yl_fail(
		    c, n,
		    _("%s doit être un texte avec ses langues, comme {fr: \"...\", en: \"...\"}"),
		    what);
	if (yl_keys(c, n, what, allowed, required) != 0)
		return -1;
	if (yl_string(c, yl_get(n, "fr"), what, &out->fr) != 0)
		return -1;
	out->en = NULL;
	en = yl_get(n, "en");
	if (en != NULL && yl_string(c, en, what, &out->en) != 0)
		return -1;
	return 0;
}

int yl_strings(const struct yl_ctx *c, const struct yl_node *n, const char *what, const char ***out,
               size_t *nout)
{
	const char **v;

	if (n->kind == YL_SCALAR) {
		v = vg_arena_alloc(c->arena, sizeof *v);
		if (yl_string(c, n, what, &v[0]) != 0)
			return -1;
		*out = v;
		*nout = 1;
		return 0;
	}
	if (yl_expect(c, n, YL_SEQ, what) != 0)
		return -1;
	v = vg_arena_alloc(c->arena, (n->n ? n->n : 1) * sizeof *v);
	for (size_t i = 0; i < n->n; i++)
		if (yl_string(c, n->items[i], what, &v[i]) != 0)
			return -1;
	*out = v;
	*nout = n->n;
	return 0;
}
