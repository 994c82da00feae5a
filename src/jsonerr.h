/* jsonerr: what jansson found wrong in a JSON text, said in the user's language. */
#ifndef VIGIE_JSONERR_H
#define VIGIE_JSONERR_H

#include <jansson.h>
#include <stddef.h>

/* Writes into buf (size n) why json_loadb refused data (len bytes) with e: a translated
 * reason and, where jansson names one, the token near which it stopped ("près de « x »",
 * or "à la fin du fichier"). An input of white space only is "le fichier est vide". */
void vg_json_reason(const char *data, size_t len, const json_error_t *e, char *buf, size_t n);

#endif
