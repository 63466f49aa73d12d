/* SQL for emergency access to a person's data. */
#include "store/emergency.h"

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"

static void
read_emergency(struct arena *a, struct stmt *st, void *row)
{
	struct emergency *e = row;

	e->person_id = col_text(a, st, 0);
	e->id = col_text(a, st, 1);
	e->user_id = col_text(a, st, 2);
	e->user_name = col_text(a, st, 3);
	e->org_id = col_text(a, st, 4);
	e->org_name = col_text(a, st, 5);
	e->reason = col_text(a, st, 6);
	e->started_us = col_int(st, 7);
	e->expires_us = col_int(st, 8);
}

int
store_emergencies(struct store *s, struct arena *a, const struct grant *g, int64_t since,
    struct emergency **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT e.person_id, e.id, e.user_id, u.display_name, e.org_id, o.name, "
	    "e.reason, e.started_us, e.expires_us FROM emergency_access e "
	    "JOIN user_account u ON u.id = e.user_id JOIN organisation o ON o.id = e.org_id "
	    "WHERE e.person_id = ?1 AND e.expires_us > ?2 ORDER BY e.started_us DESC LIMIT 100");
	bind_text(st, 1, person_id);
	bind_int(st, 2, since);
	rc = rows_collect(st, a, 8, sizeof(**out), read_emergency, &rows, n, __func__,
	    "emergencies");
	*out = rows;
	return rc;
}

/* For the person's download of their own data: without the page's limit. */
int
store_emergencies_all(struct store *s, struct arena *a, const struct grant *g,
    struct emergency **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT e.person_id, e.id, e.user_id, u.display_name, e.org_id, o.name, "
	    "e.reason, e.started_us, e.expires_us FROM emergency_access e "
	    "JOIN user_account u ON u.id = e.user_id JOIN organisation o ON o.id = e.org_id "
	    "WHERE e.person_id = ?1 ORDER BY e.started_us DESC");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_emergency, &rows, n, __func__,
	    "emergencies all");
	*out = rows;
	return rc;
}

/* Writes */

int
store_tx_emergency_insert(struct store_tx *tx, const struct emergency *e)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO emergency_access (person_id, id, user_id, "
	    "org_id, reason, started_us, expires_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");

	bind_text(st, 1, e->person_id);
	bind_text(st, 2, e->id);
	bind_text(st, 3, e->user_id);
	bind_text(st, 4, e->org_id);
	bind_text(st, 5, e->reason);
	bind_int(st, 6, e->started_us);
	bind_int(st, 7, e->expires_us);
	return step_done(tx->conn, st, "emergency insert");
}
