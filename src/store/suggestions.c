/* SQL for dismissed suggestions (see suggestions.h). */
#include "store/suggestions.h"

#include "access/grant.h"
#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

static void
read_dismissed(struct arena *a, struct stmt *st, void *row)
{
	struct suggestion_dismissed *x = row;

	x->person_id = col_text(a, st, 0);
	x->source = col_text(a, st, 1);
	x->item_id = col_text(a, st, 2);
	x->dismissed_us = col_int(st, 3);
}

int
store_suggestions_dismissed(struct store *s, struct arena *a, const struct grant *g,
    struct suggestion_dismissed **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (g == NULL || !grant_covers(g, CAT_PLAN))
		return ERR_INVALID;
	st = STMT(c, "SELECT person_id, source, item_id, dismissed_us FROM suggestion_dismissed "
	    "WHERE person_id = ?1 ORDER BY dismissed_us DESC, source, item_id LIMIT 1000");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 8, sizeof(**out), read_dismissed, &rows, n, __func__,
	    "dismissed suggestions");
	*out = rows;
	return rc;
}

int
store_tx_suggestion_dismiss(struct store_tx *tx, const struct grant *g, const char *source,
    const char *item_id, int64_t now)
{
	struct stmt *st;

	if (g == NULL || !grant_is_self(g) || !store_grant_fits(g, grant_person(g)) ||
	    !grant_covers(g, CAT_PLAN))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO suggestion_dismissed (person_id, source, item_id, "
	    "dismissed_us) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (person_id, source, item_id) "
	    "DO NOTHING");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, source);
	bind_text(st, 3, item_id);
	bind_int(st, 4, now);
	return step_done(tx->conn, st, "suggestion dismiss");
}
