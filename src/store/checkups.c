/* SQL for recovery check-ups (see checkups.h). */
#include "store/checkups.h"

#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/err.h"
#include "store/appointments.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/outbox.h"
#include "store/rows.h"
#include "store/warnings.h"

#define PLAN_COLS "p.person_id, p.id, p.starts_on, p.every_months, p.for_months, p.minutes, " \
	"p.questionnaires, p.with_member_id, p.at_time, p.time_zone, p.pathway_id, p.created_by, " \
	"p.created_us, p.stopped_us, p.stopped_by, coalesce(wu.display_name, m.name), m.role, " \
	"cu.display_name "
#define PLAN_FROM "FROM checkup_plan p LEFT JOIN network_member m " \
	"ON m.person_id = p.person_id AND m.id = p.with_member_id " \
	"LEFT JOIN user_account wu ON wu.id = m.user_id " \
	"LEFT JOIN user_account cu ON cu.id = p.created_by "
#define CK_COLS "c.person_id, c.id, c.plan_id, c.seq, c.due_on, c.due_us, c.status, " \
	"c.status_us, c.appointment_id, c.reminded_us, c.done_us, c.done_by, a.status, " \
	"du.display_name "
#define CK_FROM "FROM checkup c LEFT JOIN appointment a ON a.person_id = c.person_id " \
	"AND a.id = c.appointment_id LEFT JOIN user_account du ON du.id = c.done_by "

static bool
reads(const struct grant *g)
{
	return g != NULL && grant_covers(g, CAT_QUESTIONNAIRES);
}

static bool
writes(const struct grant *g, const char *person_id)
{
	return store_grant_fits(g, person_id) && grant_covers(g, CAT_QUESTIONNAIRES);
}

static void
read_plan(struct arena *a, struct stmt *st, void *row)
{
	struct checkup_plan *x = row;

	memset(x, 0, sizeof(*x));
	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->starts_on = col_text(a, st, 2);
	x->every_months = (int)col_int(st, 3);
	x->for_months = (int)col_int(st, 4);
	x->minutes = (int)col_int(st, 5);
	x->questionnaires = col_text(a, st, 6);
	x->with_member_id = col_text(a, st, 7);
	x->at_time = col_text(a, st, 8);
	x->time_zone = col_text(a, st, 9);
	x->pathway_id = col_text(a, st, 10);
	x->created_by = col_text(a, st, 11);
	x->created_us = col_int(st, 12);
	x->stopped_us = col_int(st, 13);
	x->stopped_by = col_text(a, st, 14);
	x->with_name = col_text(a, st, 15);
	x->with_role = col_text(a, st, 16);
	x->created_by_name = col_text(a, st, 17);
}

static void
read_checkup(struct arena *a, struct stmt *st, void *row)
{
	struct checkup *x = row;

	memset(x, 0, sizeof(*x));
	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->plan_id = col_text(a, st, 2);
	x->seq = (int)col_int(st, 3);
	x->due_on = col_text(a, st, 4);
	x->due_us = col_int(st, 5);
	if (!checkup_status_parse(col_cstr(st, 6), &x->status))
		x->status = CK_COUNT;
	x->status_us = col_int(st, 7);
	x->appointment_id = col_text(a, st, 8);
	x->reminded_us = col_int(st, 9);
	x->done_us = col_int(st, 10);
	x->done_by = col_text(a, st, 11);
	x->appointment_status = col_text(a, st, 12);
	x->done_by_name = col_text(a, st, 13);
}

int
store_checkup_plan_current(struct store *s, struct arena *a, const struct grant *g,
    struct checkup_plan *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	if (!reads(g))
		return ERR_INVALID;
	st = STMT(c, "SELECT " PLAN_COLS PLAN_FROM "WHERE p.person_id = ?1 "
	    "AND p.stopped_us IS NULL");
	bind_text(st, 1, grant_person(g));
	if ((rc = step_row(c, st, "checkup plan")) != 0)
		return rc;
	read_plan(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_checkup_plans(struct store *s, struct arena *a, const struct grant *g,
    struct checkup_plan **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!reads(g))
		return ERR_INVALID;
	st = STMT(c, "SELECT " PLAN_COLS PLAN_FROM "WHERE p.person_id = ?1 "
	    "ORDER BY p.created_us DESC, p.id LIMIT 200");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 4, sizeof(**out), read_plan, &rows, n, __func__,
	    "checkup plans");
	*out = rows;
	return rc;
}

int
store_checkups(struct store *s, struct arena *a, const struct grant *g, const char *plan_id,
    struct checkup **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!reads(g))
		return ERR_INVALID;
	st = STMT(c, "SELECT " CK_COLS CK_FROM "WHERE c.person_id = ?1 "
	    "AND (CAST(?2 AS TEXT) IS NULL OR c.plan_id = ?2) ORDER BY c.due_us, c.plan_id, c.seq LIMIT 2000");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, plan_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_checkup, &rows, n, __func__,
	    "checkups");
	*out = rows;
	return rc;
}

int
store_checkup_get(struct store *s, struct arena *a, const struct grant *g, const char *id,
    struct checkup *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	if (!reads(g))
		return ERR_INVALID;
	st = STMT(c, "SELECT " CK_COLS CK_FROM "WHERE c.person_id = ?1 AND c.id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	if ((rc = step_row(c, st, "checkup")) != 0)
		return rc;
	read_checkup(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_checkup_next(struct store *s, struct arena *a, const struct grant *g,
    struct checkup *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	if (!reads(g))
		return ERR_INVALID;
	/* coalesce(): by the primary key, the person's few check-ups, not
	 * through checkup_open, every due check-up of everyone in order of
	 * due date, which SQLite takes for the ORDER BY (6 ms over 100,000
	 * generated persons). */
	st = STMT(c, "SELECT " CK_COLS CK_FROM "WHERE c.person_id = ?1 "
	    "AND coalesce(c.status, '') = 'due' ORDER BY c.due_us, c.id LIMIT 1");
	bind_text(st, 1, grant_person(g));
	if ((rc = step_row(c, st, "checkup next")) != 0)
		return rc;
	read_checkup(a, st, out);
	stmt_reset(st);
	return 0;
}

static void
read_member(struct arena *a, struct stmt *st, void *row)
{
	struct checkup_member *x = row;

	x->member_id = col_text(a, st, 0);
	x->user_id = col_text(a, st, 1);
	x->org_id = col_text(a, st, 2);
	x->name = col_text(a, st, 3);
	x->role = col_text(a, st, 4);
}

int
store_checkup_members(struct store *s, struct arena *a, const struct grant *g,
    const char *today, struct checkup_member **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (g == NULL || !grant_covers(g, CAT_BASIC))
		return ERR_INVALID;
	st = STMT(c, "SELECT m.id, m.user_id, m.org_id, u.display_name, m.role "
	    "FROM network_member m JOIN user_account u ON u.id = m.user_id "
	    "WHERE m.person_id = ?1 AND (m.until_date IS NULL OR m.until_date >= ?2) "
	    "AND m.role IN ('coordinator', 'peer_worker') AND u.disabled_us IS NULL "
	    "ORDER BY CASE m.role WHEN 'coordinator' THEN 0 ELSE 1 END, m.from_date, m.id "
	    "LIMIT 50");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, today);
	rc = rows_collect(st, a, 4, sizeof(**out), read_member, &rows, n, __func__,
	    "checkup members");
	*out = rows;
	return rc;
}

bool
store_checkup_answered(const struct checkup *x)
{
	return x->status == CK_DONE ||
	    (x->appointment_status != NULL && strcmp(x->appointment_status, "done") == 0);
}

/* Writes */

/* Stops the plan in force, if any: 1 if one was stopped, 0 if none. */
static int
stop_current(struct store_tx *tx, const struct grant *g, const struct appointment *cancel,
    size_t ncancel, const char *reason, const char *by_user, const char *by_org, int64_t now)
{
	const char *pid = grant_person(g);
	struct stmt *st;
	size_t i;
	int rc;

	st = STMT(tx->conn, "UPDATE checkup_plan SET stopped_us = ?2, stopped_by = ?3 "
	    "WHERE person_id = ?1 AND stopped_us IS NULL");
	bind_text(st, 1, pid);
	bind_int(st, 2, now);
	bind_text(st, 3, by_user);
	rc = step_changed(tx->conn, st, "checkup plan stop");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	st = STMT(tx->conn, "UPDATE checkup SET status = 'cancelled', status_us = ?2 "
	    "WHERE person_id = ?1 AND status IN ('due', 'missed') AND plan_id IN "
	    "(SELECT id FROM checkup_plan WHERE person_id = ?1 AND stopped_us = ?2)");
	bind_text(st, 1, pid);
	bind_int(st, 2, now);
	if ((rc = step_done(tx->conn, st, "checkups cancel")) != 0)
		return rc;
	for (i = 0; i < ncancel; i++)
		if ((rc = store_tx_appointment_status(tx, g, &cancel[i], AS_CANCELLED, reason,
		    by_user, by_org, now)) != 0)
			return rc;
	return 1;
}

static int
insert_checkup(struct store_tx *tx, const struct checkup *x)
{
	struct stmt *st;

	st = STMT(tx->conn, "INSERT INTO checkup (person_id, id, plan_id, seq, due_on, due_us, "
	    "status, status_us, appointment_id, reminded_us, done_us, done_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->plan_id);
	bind_int(st, 4, x->seq);
	bind_text(st, 5, x->due_on);
	bind_int(st, 6, x->due_us);
	bind_text(st, 7, checkup_status_code(x->status));
	bind_int(st, 8, x->status_us);
	bind_text(st, 9, x->appointment_id);
	bind_us(st, 10, x->reminded_us);
	bind_us(st, 11, x->done_us);
	bind_text(st, 12, x->done_by);
	return step_done(tx->conn, st, "checkup insert");
}

int
store_tx_checkup_plan_set(struct store_tx *tx, const struct grant *g,
    const struct checkup_plan *p, const struct checkup *cs, size_t n,
    const struct appointment *appts, size_t nappts, const struct appointment *cancel,
    size_t ncancel, const char *reason, const char *by_user, const char *by_org, int64_t now)
{
	struct stmt *st;
	size_t i;
	int rc;

	if (!writes(g, p->person_id) || (nappts > 0 && !grant_covers(g, CAT_APPOINTMENTS)))
		return ERR_INVALID;
	for (i = 0; i < n; i++)
		if (strcmp(cs[i].person_id, p->person_id) != 0 || cs[i].status >= CK_COUNT)
			return ERR_INVALID;
	if ((rc = stop_current(tx, g, cancel, ncancel, reason, by_user, by_org, now)) < 0)
		return rc;
	st = STMT(tx->conn, "INSERT INTO checkup_plan (person_id, id, starts_on, every_months, "
	    "for_months, questionnaires, with_member_id, at_time, minutes, time_zone, "
	    "pathway_id, created_by, created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13)");
	bind_text(st, 1, p->person_id);
	bind_text(st, 2, p->id);
	bind_text(st, 3, p->starts_on);
	bind_int(st, 4, p->every_months);
	bind_int(st, 5, p->for_months);
	bind_text(st, 6, p->questionnaires);
	bind_text(st, 7, p->with_member_id);
	bind_text(st, 8, p->at_time);
	bind_int(st, 9, p->minutes);
	bind_text(st, 10, p->time_zone);
	bind_text(st, 11, p->pathway_id);
	bind_text(st, 12, p->created_by);
	bind_int(st, 13, p->created_us);
	if ((rc = step_done(tx->conn, st, "checkup plan insert")) != 0)
		return rc;
	if (nappts > 0 && (rc = store_tx_appointments_insert(tx, g, appts, nappts, now)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = insert_checkup(tx, &cs[i])) != 0)
			return rc;
	return 0;
}

int
store_tx_checkup_plan_stop(struct store_tx *tx, const struct grant *g,
    const struct appointment *cancel, size_t ncancel, const char *reason,
    const char *by_user, const char *by_org, int64_t now)
{
	int rc;

	if (g == NULL || !writes(g, grant_person(g)))
		return ERR_INVALID;
	rc = stop_current(tx, g, cancel, ncancel, reason, by_user, by_org, now);
	return rc < 0 ? rc : rc == 0 ? ERR_NOT_FOUND : 0;
}

int
store_tx_checkup_done(struct store_tx *tx, const struct grant *g, const char *id,
    const char *by, int64_t now)
{
	struct stmt *st;

	if (g == NULL || !writes(g, grant_person(g)))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE checkup SET status = 'done', status_us = ?3, done_us = ?3, "
	    "done_by = ?4 WHERE person_id = ?1 AND id = ?2 AND status IN ('due', 'missed')");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_int(st, 3, now);
	bind_text(st, 4, by);
	return step_changed(tx->conn, st, "checkup done");
}

int
store_tx_checkup_missed(struct store_tx *tx, const struct grant *g, const char *id,
    const struct outbox_new *m, int64_t now)
{
	struct stmt *st;
	int rc;

	if (g == NULL || !writes(g, grant_person(g)))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE checkup SET status = 'missed', status_us = ?3, "
	    "reminded_us = ?3 WHERE person_id = ?1 AND id = ?2 AND status = 'due'");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_int(st, 3, now);
	if ((rc = step_changed(tx->conn, st, "checkup missed")) != 0)
		return rc;
	if (m != NULL && (rc = store_tx_outbox_enqueue(tx, m, NULL, NULL)) != 0)
		return rc;
	return store_tx_warning_check(tx, grant_person(g), now);
}

static void
read_overdue(struct arena *a, struct stmt *st, void *row)
{
	struct checkup_overdue *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
}

int
store_checkups_overdue(struct store *s, struct arena *a, int64_t before, size_t max,
    struct checkup_overdue **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT person_id, id FROM checkup WHERE status = 'due' AND due_us <= ?1 "
	    "ORDER BY due_us, person_id, id LIMIT ?2");
	bind_int(st, 1, before);
	bind_int(st, 2, (int64_t)max);
	rc = rows_collect(st, a, 16, sizeof(**out), read_overdue, &rows, n, __func__,
	    "checkups overdue");
	*out = rows;
	return rc;
}
