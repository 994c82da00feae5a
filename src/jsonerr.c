/* jsonerr: jansson's refusals in the user's language. jansson's texts are English and
 * fixed; its error code says the kind, and for a syntax error the text's start says which
 * one. The token it quotes is the file's own text and is kept. */
#include "jsonerr.h"

#include <libintl.h>
#include <stdio.h>
#include <string.h>

#define _(s)  gettext(s)
#define N_(s) (s)

/* Syntax errors, by the start of jansson's text (jansson 2.14, src/load.c). */
static const struct {
	const char *prefix, *reason;
} syntax[] = {
    {"'[' or '{' expected", N_("un objet JSON ({ … }) est attendu")},
    {"string or '}' expected", N_("un nom de clé entre guillemets ou « } » est attendu")},
    {"':' expected", N_("« : » est attendu après le nom de la clé")},
    {"'}' expected", N_("« , » ou « } » est attendu")},
    {"']' expected", N_("« , » ou « ] » est attendu")},
    {"control character", N_("caractère de contrôle dans une chaîne")},
    {"invalid escape", N_("séquence d'échappement invalide")},
    {"invalid Unicode", N_("échappement Unicode invalide")},
    {"invalid token", N_("nombre ou mot invalide")},
    {"unexpected token", N_("élément inattendu")},
};

static const char *reason_of(const json_error_t *e)
{
	switch (json_error_code(e)) {
	case json_error_out_of_memory:
		return N_("mémoire insuffisante");
	case json_error_stack_overflow:
		return N_("imbrication trop profonde");
	case json_error_invalid_utf8:
		return N_("octet qui n'est pas de l'UTF-8 valide");
	case json_error_premature_end_of_input:
		return N_("le fichier s'arrête avant la fin du JSON (copie interrompue ?)");
	case json_error_end_of_input_expected:
		return N_("du texte suit la fin du JSON");
	case json_error_null_character:
	case json_error_null_byte_in_key:
		return N_("caractère nul (\\u0000) interdit");
	case json_error_duplicate_key:
		return N_("clé en double");
	case json_error_numeric_overflow:
		return N_("nombre hors des limites");
	default:
		break;
	}
	for (size_t i = 0; i < sizeof syntax / sizeof syntax[0]; i++)
		if (strncmp(e->text, syntax[i].prefix, strlen(syntax[i].prefix)) == 0)
			return syntax[i].reason;
	return N_("syntaxe JSON invalide");
}

void vg_json_reason(const char *data, size_t len, const json_error_t *e, char *buf, size_t n)
{
	const char *near = strstr(e->text, " near ");
	size_t i = 0;

	while (i < len && strchr(" \t\r\n", data[i]) != NULL)
		i++;
	if (i == len) {
		snprintf(buf, n, "%s", _("le fichier est vide"));
		return;
	}
	if (near == NULL || json_error_code(e) == json_error_premature_end_of_input) {
		snprintf(buf, n, "%s", _(reason_of(e)));
	} else if (strcmp(near, " near end of file") == 0) {
		/* TRANSLATORS: %s is a reason, as "élément inattendu". */
		snprintf(buf, n, _("%s, à la fin du fichier"), _(reason_of(e)));
	} else {
		const char *tok = near + strlen(" near ");
		size_t tlen = strlen(tok);

		/* jansson quotes the token as 'x'. */
		if (tlen >= 2 && tok[0] == '\'' && tok[tlen - 1] == '\'') {
			tok++;
			tlen -= 2;
		}
		/* TRANSLATORS: %s is a reason; the token is the file's own text. */
		snprintf(buf, n, _("%s, près de « %.*s »"), _(reason_of(e)), (int)tlen, tok);
	}
}
