/* SQL for Help now (see help_now.h). */
#include "store/help_now.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "core/person.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/outbox.h"
#include "store/rows.h"
#include "store/warnings.h"
#include "store/store.h"

int
store_help_now_choice(struct store *s, struct arena *a, const struct grant *g,
    const char ***ids, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*ids = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_BASIC))
		return ERR_NOT_FOUND;
	st = STMT(c, "SELECT member_id FROM help_now_notify WHERE person_id = ?1 "
	    "ORDER BY member_id");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 4, sizeof(const char *), rows_read_text, &rows, n, __func__,
	    "help now choice");
	*ids = rows;
	return rc;
}

int
store_tx_help_now_choice_set(struct store_tx *tx, const struct grant *g,
    const char *const *ids, size_t n, int64_t now)
{
	struct stmt *st;
	size_t i;
	int rc;

	if (!store_grant_fits(g, grant_person(g)) || !grant_is_self(g))
		return ERR_INVALID;
	st = STMT(tx->conn, "DELETE FROM help_now_notify WHERE person_id = ?1");
	bind_text(st, 1, grant_person(g));
	if ((rc = step_done(tx->conn, st, "help now choice clear")) != 0)
		return rc;
	/* Only the person's own network: a member id of someone else's adds
	 * nothing, and the whole write is refused. */
	st = STMT(tx->conn, "INSERT INTO help_now_notify (person_id, member_id, created_us) "
	    "SELECT person_id, id, ?3 FROM network_member WHERE person_id = ?1 AND id = ?2 "
	    "ON CONFLICT (person_id, member_id) DO NOTHING");
	for (i = 0; i < n; i++) {
		bind_text(st, 1, grant_person(g));
		bind_text(st, 2, ids[i]);
		bind_int(st, 3, now);
		if ((rc = step_changed(tx->conn, st, "help now choice add")) != 0)
			return rc == ERR_NOT_FOUND ? ERR_INVALID : rc;
	}
	return 0;
}

int
store_tx_help_now_press(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t now, const struct outbox_new *m, size_t n)
{
	struct stmt *st;
	size_t i;
	int rc;

	if (!store_grant_fits(g, grant_person(g)) || !grant_is_self(g))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO help_now_press (person_id, id, at_us, notified) "
	    "VALUES (?1, ?2, ?3, ?4)");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_int(st, 3, now);
	bind_int(st, 4, (int64_t)n);
	if ((rc = step_done(tx->conn, st, "help now press")) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (m[i].person_id == NULL || strcmp(m[i].person_id, grant_person(g)) != 0)
			return ERR_INVALID;
		if ((rc = store_tx_outbox_enqueue(tx, &m[i], NULL, NULL)) != 0)
			return rc;
	}
	/* The press also gives a named person a task (the help-now rule),
	 * looked at by the job this write queues (jobs/warnings.c). */
	return store_tx_warning_check(tx, grant_person(g), now);
}

static void
read_press(struct arena *a, struct stmt *st, void *row)
{
	struct hn_press *p = row;

	p->person_id = col_text(a, st, 0);
	p->id = col_text(a, st, 1);
	p->at_us = col_int(st, 2);
	p->notified = (int)col_int(st, 3);
	p->acknowledged_by = col_text(a, st, 4);
	p->acknowledged_name = col_text(a, st, 5);
	p->acknowledged_us = col_null(st, 6) ? 0 : col_int(st, 6);
}

int
store_help_now_presses(struct store *s, struct arena *a, const struct grant *g,
    int64_t since_us, int limit, struct hn_press **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_BASIC))
		return ERR_NOT_FOUND;
	st = STMT(c, "SELECT h.person_id, h.id, h.at_us, h.notified, h.acknowledged_by, "
	    "u.display_name, h.acknowledged_us FROM help_now_press h "
	    "LEFT JOIN user_account u ON u.id = h.acknowledged_by "
	    "WHERE h.person_id = ?1 AND h.at_us >= ?2 ORDER BY h.at_us DESC, h.id LIMIT ?3");
	bind_text(st, 1, grant_person(g));
	bind_int(st, 2, since_us);
	bind_int(st, 3, limit);
	rc = rows_collect(st, a, 4, sizeof(**out), read_press, &rows, n, __func__,
	    "help now presses");
	*out = rows;
	return rc;
}

int
store_help_now_open(struct store *s, struct arena *a, const struct list_grant *l,
    const char *today, struct hn_press **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (list_grant_org(l) == NULL)
		return 0;
	/* network_member_user finds the user's rows; help_now_press_open each
	 * person's open presses (almost always none). The organisation is
	 * compared through coalesce() so that SQLite does not take
	 * network_member_org instead, walking every member the organisation
	 * has (4,500 rows for the benchmark's coordinator: 5 ms on every
	 * caseload page instead of 0.1). */
	st = STMT(c, "SELECT h.person_id, h.id, h.at_us, h.notified, NULL, NULL, NULL "
	    "FROM network_member m JOIN help_now_press h ON h.person_id = m.person_id "
	    "AND h.acknowledged_us IS NULL WHERE m.user_id = ?1 AND coalesce(m.org_id, '') = ?2 "
	    "AND m.from_date <= ?3 AND (m.until_date IS NULL OR m.until_date >= ?3) "
	    "GROUP BY h.person_id, h.id, h.at_us, h.notified "
	    "ORDER BY h.at_us DESC, h.person_id, h.id LIMIT 100");
	bind_text(st, 1, list_grant_user(l));
	bind_text(st, 2, list_grant_org(l));
	bind_text(st, 3, today);
	rc = rows_collect(st, a, 4, sizeof(**out), read_press, &rows, n, __func__,
	    "help now open");
	*out = rows;
	return rc;
}

int
store_tx_help_now_ack(struct store_tx *tx, const struct grant *g, const char *id,
    const char *user_id, int64_t now)
{
	struct stmt *st;
	int rc;

	if (!store_grant_fits(g, grant_person(g)) || user_id == NULL)
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE help_now_press SET acknowledged_by = ?3, "
	    "acknowledged_us = ?4 WHERE person_id = ?1 AND id = ?2 "
	    "AND acknowledged_us IS NULL");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_text(st, 3, user_id);
	bind_int(st, 4, now);
	rc = step_changed(tx->conn, st, "help now ack");
	if (rc != ERR_NOT_FOUND)
		return rc;
	st = STMT(tx->conn, "SELECT 1 FROM help_now_press WHERE person_id = ?1 AND id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = step_row(tx->conn, st, "help now press exists")) != 0)
		return rc;
	stmt_reset(st);
	return 0;
}
