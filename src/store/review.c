/* The review of emergency accesses by the person's home organisation. */
#include "store/review.h"

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"

int
store_emergency_reviews(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t since, size_t limit, struct emergency_review **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	st = STMT(c, "SELECT e.person_id, e.id, e.user_id, u.display_name, e.org_id, o.name, "
	    "e.reason, e.started_us, e.expires_us, "
	    "coalesce(nullif(p.preferred_name, ''), p.display_name), e.reviewed_by, "
	    "ru.display_name, e.reviewed_us, e.review_note "
	    "FROM emergency_access e JOIN person p ON p.id = e.person_id "
	    "JOIN user_account u ON u.id = e.user_id JOIN organisation o ON o.id = e.org_id "
	    "LEFT JOIN user_account ru ON ru.id = e.reviewed_by "
	    "WHERE p.home_org_id = ?1 AND e.started_us >= ?2 "
	    "ORDER BY CASE WHEN e.reviewed_us IS NULL THEN 0 ELSE 1 END, e.started_us DESC, "
	    "e.id LIMIT ?3");
	bind_text(st, 1, list_grant_org(l));
	bind_int(st, 2, since);
	bind_int(st, 3, (int64_t)limit);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW && *n < limit) {
		struct emergency_review *x = &(*out)[(*n)++];

		x->e.person_id = col_text(a, st, 0);
		x->e.id = col_text(a, st, 1);
		x->e.user_id = col_text(a, st, 2);
		x->e.user_name = col_text(a, st, 3);
		x->e.org_id = col_text(a, st, 4);
		x->e.org_name = col_text(a, st, 5);
		x->e.reason = col_text(a, st, 6);
		x->e.started_us = col_int(st, 7);
		x->e.expires_us = col_int(st, 8);
		x->person_name = col_text(a, st, 9);
		x->reviewed_by = col_text(a, st, 10);
		x->reviewed_by_name = col_text(a, st, 11);
		x->reviewed_us = col_null(st, 12) ? 0 : col_int(st, 12);
		x->review_note = col_text(a, st, 13);
	}
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "emergency reviews");
}

int
store_tx_emergency_review(struct store_tx *tx, const char *org_id, const char *person_id,
    const char *id, const char *by, int64_t now, const char *note)
{
	struct stmt *st = STMT(tx->conn, "UPDATE emergency_access SET reviewed_by = ?4, "
	    "reviewed_us = ?5, review_note = ?6 WHERE person_id = ?1 AND id = ?2 "
	    "AND reviewed_us IS NULL AND EXISTS (SELECT 1 FROM person p "
	    "WHERE p.id = ?1 AND p.home_org_id = ?3)");

	bind_text(st, 1, person_id);
	bind_text(st, 2, id);
	bind_text(st, 3, org_id);
	bind_text(st, 4, by);
	bind_int(st, 5, now);
	if (note != NULL)
		bind_text(st, 6, note);
	else
		bind_null(st, 6);
	return step_changed(tx->conn, st, "emergency review");
}
