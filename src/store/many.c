/* Reads for many persons at once: the caseload's sparklines, next
 * appointments and phases, and the early-warning rules (see rows.h). */
#include "store/rows.h"

#include <string.h>

#include "access/grant.h"

bool
rows_bind_persons(struct stmt *st, int first, const struct grant *const *gs, size_t ngs,
    size_t *i, bool (*keep)(const struct grant *g))
{
	int k = 0;

	for (; *i < ngs && k < ROWS_CHUNK; (*i)++)
		if (gs[*i] != NULL && keep(gs[*i]))
			bind_text(st, first + k++, grant_person(gs[*i]));
	if (k == 0)
		return false;
	for (; k < ROWS_CHUNK; k++)
		bind_null(st, first + k);
	return true;
}

int
rows_append(struct stmt *st, struct arena *a, size_t size,
    void (*read)(struct arena *a, struct stmt *st, void *row), void **out, size_t *n,
    size_t *cap, const char *what)
{
	void *rows;
	size_t got, need;
	int rc = rows_collect(st, a, 64, size, read, &rows, &got, __func__, what);

	if (rc != 0)
		return rc;
	need = *n + got;
	if (*cap < need) {
		void *bigger = arena_alloc(a, need * 2 * size);

		if (*n > 0)
			memcpy(bigger, *out, *n * size);
		*out = bigger;
		*cap = need * 2;
	}
	if (got > 0)
		memcpy((char *)*out + *n * size, rows, got * size);
	*n = need;
	return 0;
}
