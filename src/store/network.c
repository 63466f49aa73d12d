/* SQL for a person's network: its members, current and past. */
#include "store/network.h"

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

#define MEMBER_COLS "m.person_id, m.id, m.user_id, m.org_id, o.name, " \
	"coalesce(u.display_name, m.name), m.name, m.contact, m.role, m.from_date, m.until_date"

static void
read_member(struct arena *a, struct stmt *st, void *row)
{
	struct network_member *m = row;

	m->person_id = col_text(a, st, 0);
	m->id = col_text(a, st, 1);
	m->user_id = col_text(a, st, 2);
	m->org_id = col_text(a, st, 3);
	m->org_name = col_text(a, st, 4);
	m->display_name = col_text(a, st, 5);
	m->name = col_text(a, st, 6);
	m->contact = col_text(a, st, 7);
	if (!net_role_parse(col_cstr(st, 8), &m->role))
		m->role = NET_SUPPORTER;
	m->from_date = col_text(a, st, 9);
	m->until_date = col_text(a, st, 10);
}

int
store_network(struct store *s, struct arena *a, const struct grant *g,
    struct network_member **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " MEMBER_COLS " FROM network_member m "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN organisation o ON o.id = m.org_id WHERE m.person_id = ?1 "
	    "ORDER BY m.until_date IS NOT NULL, m.until_date DESC, m.from_date, m.id");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_member, &rows, n, __func__,
	    "network");
	*out = rows;
	return rc;
}

int
store_member_get(struct store *s, struct arena *a, const struct grant *g,
    const char *member_id, struct network_member *out)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " MEMBER_COLS " FROM network_member m "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN organisation o ON o.id = m.org_id WHERE m.person_id = ?1 AND m.id = ?2");
	bind_text(st, 1, person_id);
	bind_text(st, 2, member_id);
	if ((rc = step_row(c, st, "member get")) != 0)
		return rc;
	read_member(a, st, out);
	stmt_reset(st);
	return 0;
}

/* Writes */

int
store_tx_member_insert(struct store_tx *tx, const struct grant *gr,
    const struct network_member *m, int64_t now,
    const char *by)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO network_member (person_id, id, user_id, "
	    "org_id, role, name, contact, from_date, until_date, created_us, created_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, m->person_id))
		return ERR_INVALID;

	bind_text(st, 1, m->person_id);
	bind_text(st, 2, m->id);
	bind_text(st, 3, m->user_id);
	bind_text(st, 4, m->org_id);
	bind_text(st, 5, net_role_code(m->role));
	bind_text(st, 6, m->name);
	bind_text(st, 7, m->contact);
	bind_text(st, 8, m->from_date);
	bind_text(st, 9, m->until_date);
	bind_int(st, 10, now);
	bind_text(st, 11, by);
	return step_done(tx->conn, st, "member insert");
}

int
store_tx_member_end(struct store_tx *tx, const struct grant *gr,
    const char *person_id, const char *member_id,
    const char *until_date)
{
	struct stmt *st = STMT(tx->conn, "UPDATE network_member SET until_date = ?3 "
	    "WHERE person_id = ?1 AND id = ?2 AND (until_date IS NULL OR until_date > ?3)");

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, person_id))
		return ERR_INVALID;

	bind_text(st, 1, person_id);
	bind_text(st, 2, member_id);
	bind_text(st, 3, until_date);
	return step_changed(tx->conn, st, "member end");
}

int
store_tx_member_check_new(struct store_tx *tx, const struct grant *gr,
    const char *person_id, const char *user_id,
    const char *org_id, const char *today)
{
	struct stmt *st = STMT(tx->conn, "SELECT 1 FROM network_member WHERE person_id = ?1 "
	    "AND user_id = ?2 AND coalesce(org_id, '') = coalesce(?3, '') "
	    "AND (until_date IS NULL OR until_date >= ?4) LIMIT 1");
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, person_id))
		return ERR_INVALID;

	bind_text(st, 1, person_id);
	bind_text(st, 2, user_id);
	bind_text(st, 3, org_id);
	bind_text(st, 4, today);
	rc = stmt_step(st, __func__);
	stmt_reset(st);
	if (rc == STMT_ROW)
		return ERR_CONFLICT;
	return rc == STMT_DONE ? 0 : db_error(tx->conn, rc, "member check");
}
