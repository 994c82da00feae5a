/* reflist: titles of listed references, loaded once from the embedded lists. */
#include "reflist.h"

#include <pthread.h>
#include <string.h>

#include "embedded.h"
#include "util.h"
#include "yaml_load.h"

struct reflist_entry {
	const char *id;
	struct vg_text title;
};

static struct {
	const char *file; /* the embedded file */
	const char *source;
	struct reflist_entry *entries;
	size_t n;
} reflists[] = {{"monaidecyber-measures.yaml", NULL, NULL, 0}};

#define REFLIST_N (sizeof reflists / sizeof reflists[0])

static struct vg_arena reflist_arena;
static pthread_once_t reflist_once = PTHREAD_ONCE_INIT;

/* Loads one list; on any error it stays empty (tools/coverage.c refuses such a file and
 * a ref the list lacks, so a built vigie has both). */
static void reflist_load_one(size_t i)
{
	const struct embedded_file *f = embedded_find(reflists[i].file);
	struct vg_err err = {0};
	struct yl_ctx c = {.file = reflists[i].file, .arena = &reflist_arena, .err = &err};
	struct yl_node *root;
	const struct yl_node *entries;
	struct reflist_entry *out;
	size_t n = 0;

	if (f == NULL ||
	    yaml_parse(f->name, (const char *)f->data, f->len, &reflist_arena, &root, &err) != 0)
		return;
	if (yl_string(&c, yl_get(root, "source"), "source", &reflists[i].source) != 0)
		return;
	entries = yl_get(root, "entries");
	if (entries == NULL || entries->kind != YL_SEQ)
		return;
	out = vg_arena_alloc(&reflist_arena, (entries->n + 1) * sizeof *out);
	for (size_t k = 0; k < entries->n; k++) {
		const struct yl_node *e = entries->items[k];

		if (e->kind != YL_MAP || yl_string(&c, yl_get(e, "id"), "id", &out[n].id) != 0 ||
		    yl_text(&c, yl_get(e, "title"), "title", &out[n].title) != 0)
			continue;
		n++;
	}
	reflists[i].entries = out;
	reflists[i].n = n;
}

static void reflist_load(void)
{
	vg_arena_init(&reflist_arena);
	for (size_t i = 0; i < REFLIST_N; i++)
		reflist_load_one(i);
}

const struct vg_text *reflist_title(const char *source, const char *id)
{
	pthread_once(&reflist_once, reflist_load);
	for (size_t i = 0; i < REFLIST_N; i++) {
		if (reflists[i].source == NULL || strcmp(reflists[i].source, source) != 0)
			continue;
		for (size_t k = 0; k < reflists[i].n; k++)
			if (strcmp(reflists[i].entries[k].id, id) == 0)
				return &reflists[i].entries[k].title;
	}
	return NULL;
}
