/* SQL for the access log: who read or changed a person's data, and why. */
#include "store/access_log.h"

#include <time.h>

#include "access/grant.h"
#include "base/err.h"
#include "base/id.h"
#include "store/backend.h"
#include "store/rows.h"

static void
read_summary(struct arena *a, struct stmt *st, void *row)
{
	struct access_summary *x = row;

	x->actor_id = col_text(a, st, 0);
	x->actor_name = col_text(a, st, 1);
	x->org_name = col_text(a, st, 2);
	x->what = col_text(a, st, 3);
	x->action = col_text(a, st, 4);
	x->why = col_text(a, st, 5);
	x->count = col_int(st, 6);
	x->last_us = col_int(st, 7);
}

int
store_access_summary(struct store *s, struct arena *a, const struct grant *g,
    int64_t since, struct access_summary **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	/* Grouped first, named after: two lookups per group, not per entry. */
	st = STMT(c, "SELECT g.actor_id, u.display_name, o.name, g.what, g.action, g.why, "
	    "g.n, g.last FROM (SELECT actor_id, actor_org_id, what, action, why, "
	    "count(*) AS n, max(at_us) AS last FROM access_log "
	    "WHERE person_id = ?1 AND at_us >= ?2 "
	    "GROUP BY actor_id, actor_org_id, what, action, why) AS g "
	    "LEFT JOIN user_account u ON u.id = g.actor_id "
	    "LEFT JOIN organisation o ON o.id = g.actor_org_id "
	    "ORDER BY g.last DESC LIMIT 200");
	bind_text(st, 1, person_id);
	bind_int(st, 2, since);
	rc = rows_collect(st, a, 16, sizeof(**out), read_summary, &rows, n, __func__,
	    "access summary");
	*out = rows;
	return rc;
}

int
store_access_list(struct store *s, struct arena *a, const struct grant *g, int64_t before,
    size_t limit, struct access_entry **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	st = STMT(c, "SELECT l.at_us, l.actor_id, u.display_name, o.name, l.what, l.action, "
	    "l.why, l.id, l.actor_org_id FROM access_log l LEFT JOIN user_account u ON u.id = l.actor_id "
	    "LEFT JOIN organisation o ON o.id = l.actor_org_id "
	    "WHERE l.person_id = ?1 AND l.at_us < ?2 ORDER BY l.at_us DESC, l.id LIMIT ?3");
	bind_text(st, 1, person_id);
	bind_int(st, 2, before > 0 ? before : INT64_MAX);
	bind_int(st, 3, (int64_t)limit);
	/* At most limit, into an array of that size: not rows_collect(). */
	while ((rc = stmt_step(st, __func__)) == STMT_ROW && *n < limit) {
		struct access_entry *x = &(*out)[(*n)++];

		x->at_us = col_int(st, 0);
		x->actor_id = col_text(a, st, 1);
		x->actor_name = col_text(a, st, 2);
		x->org_name = col_text(a, st, 3);
		x->what = col_text(a, st, 4);
		x->action = col_text(a, st, 5);
		x->why = col_text(a, st, 6);
		x->id = col_text(a, st, 7);
		x->org_id = col_text(a, st, 8);
	}
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "access list");
}

/* Writes */

int
store_tx_access_append(struct store_tx *tx, const char *person_id, int64_t at_us,
    const char *actor_id, const char *org_id, const char *what, const char *action,
    const char *why)
{
	struct stmt *st;
	char id[ID_LEN + 1], day[16];
	time_t t = (time_t)(at_us / 1000000);
	struct access_row e;
	unsigned char h[32];
	struct tm tm;
	int64_t link_seq;
	int rc;

	/* The link this commit's entries go to (store/access_chain.h). */
	if ((rc = access_chain_open(tx, &link_seq)) != 0)
		return rc;
	id_new(id);
	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	st = STMT(tx->conn, "INSERT INTO access_log (person_id, at_us, "
	    "id, actor_id, actor_org_id, what, action, why, day, link_seq) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING");
	bind_text(st, 1, person_id);
	bind_int(st, 2, at_us);
	bind_text(st, 3, id);
	bind_text(st, 4, actor_id);
	bind_text(st, 5, org_id);
	bind_text(st, 6, what);
	bind_text(st, 7, action);
	bind_text(st, 8, why);
	bind_text(st, 9, day);
	bind_us(st, 10, link_seq);
	rc = step_done(tx->conn, st, "access append");
	/* A list entry already there today was not inserted: not chained. */
	if (rc != 0 || link_seq == 0 || tx->conn->changes == 0)
		return rc;
	e = (struct access_row){person_id, id, actor_id, org_id, what, action, why, day,
	    at_us, link_seq};
	access_entry_hash(&e, h);
	access_chain_add(tx->access, h);
	return 0;
}
