/* yaml_load: strict YAML reading (libyaml's event API, only here), the schema helpers, and
 * the questionnaire and answers loaders. */
#ifndef VIGIE_YAML_LOAD_H
#define VIGIE_YAML_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

#define YL_MAX_FILE  (4u << 20)  /* bytes of one YAML file */
#define YL_MAX_DEPTH 32          /* nested collections */
#define YL_MAX_STR   (64u << 10) /* bytes of one scalar */
#define YL_MAX_NODES 200000      /* nodes of one document */

enum yl_kind { YL_SCALAR, YL_SEQ, YL_MAP };

/* A node of a parsed document; everything lives in the arena given to yaml_parse. */
struct yl_node {
	enum yl_kind kind;
	unsigned line, col; /* 1-based position of the node's start */
	const char *str;    /* scalar text, NUL-terminated */
	size_t len;
	bool plain;             /* scalar written without quotes */
	struct yl_node **items; /* sequence items; mapping: key, value, key, value... */
	size_t n;               /* items in a sequence; pairs in a mapping */
};

/* What schema helpers need to report an error: the file name and where to put it. */
struct yl_ctx {
	const char *file;
	struct vg_arena *arena;
	struct vg_err *err;
};

/* Version of the libyaml vigie runs with. */
const char *yaml_load_lib_version(void);

/* Parses one YAML document under vigie's limits and subset (no anchors, aliases, tags,
 * duplicate keys; scalar keys; depth, size, UTF-8). *root is arena-owned. On error the
 * arena holds garbage the caller frees; err has file:line:col. */
int yaml_parse(const char *file, const char *data, size_t len, struct vg_arena *arena,
               struct yl_node **root, struct vg_err *err);

/* Copies the top-level `format` value of a YAML document into out ("" when absent); fails
 * only when the YAML itself is refused. */
int yaml_peek_format(const char *file, const char *data, size_t len, char *out, size_t outlen,
                     struct vg_err *err);

/* Returns the value for key in a mapping, or NULL. */
const struct yl_node *yl_get(const struct yl_node *map, const char *key);
/* Fails on a node that is not of this kind; what names it in the message. */
int yl_expect(const struct yl_ctx *c, const struct yl_node *n, enum yl_kind kind, const char *what);
/* Fails on keys of map not in allowed (NULL-terminated), or required ones missing. */
int yl_keys(const struct yl_ctx *c, const struct yl_node *map, const char *what,
            const char *const *allowed, const char *const *required);
/* A non-empty string scalar. */
int yl_string(const struct yl_ctx *c, const struct yl_node *n, const char *what, const char **out);
/* An identifier: 1-64 of [a-z0-9_.-], starting with a letter or digit. */
int yl_id(const struct yl_ctx *c, const struct yl_node *n, const char *what, const char **out);
/* A plain number in [min, max]. */
int yl_number(const struct yl_ctx *c, const struct yl_node *n, const char *what, double min,
              double max, double *out);
/* A plain integer in [min, max]. */
int yl_int(const struct yl_ctx *c, const struct yl_node *n, const char *what, long min, long max,
           long *out);
/* A plain true or false. */
int yl_bool(const struct yl_ctx *c, const struct yl_node *n, const char *what, bool *out);
/* A text: a mapping {fr: ..., en: ...} with fr required. */
int yl_text(const struct yl_ctx *c, const struct yl_node *n, const char *what, struct vg_text *out);
/* A sequence of strings (or one string), as an arena array. */
int yl_strings(const struct yl_ctx *c, const struct yl_node *n, const char *what, const char ***out,
               size_t *nout);
/* Fails with the node's position and the formatted message. */
int yl_fail(const struct yl_ctx *c, const struct yl_node *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Loads and validates a questionnaire from memory; *out is freed with
 * model_questionnaire_free. Nothing is allocated on error. */
int yaml_load_questionnaire(const char *file, const char *data, size_t len,
                            struct vg_questionnaire **out, struct vg_err *err);
/* Reads and loads a questionnaire file. */
int yaml_load_questionnaire_file(const char *path, struct vg_questionnaire **out,
                                 struct vg_err *err);

/* Loads an answers file (docs/answers-format.md) for q; *out is freed with
 * model_answers_free. Nothing is allocated on error. */
int yaml_load_answers(const struct vg_questionnaire *q, const char *file, const char *data,
                      size_t len, struct vg_answers **out, struct vg_err *err);

struct check_profile;

/* Loads and validates a check profile (docs/check-format.md) from memory; each check's
 * parameters are validated by its kind. When q is not NULL every `informs` id must be a
 * question of q. *out is freed with check_profile_free; nothing is allocated on error. */
int yaml_load_checks(const char *file, const char *data, size_t len,
		     const struct vg_questionnaire *q, struct check_profile **out,
		     struct vg_err *err);
/* Reads and loads a check profile file. */
int yaml_load_checks_file(const char *path, const struct vg_questionnaire *q,
			  struct check_profile **out, struct vg_err *err);

#endif
