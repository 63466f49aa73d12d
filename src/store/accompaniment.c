/* SQL for requests for company to an appointment: the person's and their
 * team's side, and a volunteer's (see accompaniment.h). */
#include "store/accompaniment.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

#define ACC_COLUMNS "c.person_id, c.id, c.appointment_id, c.to_org_id, c.area, c.meet_at, " \
	"c.lang, c.share_place, c.share_phone, c.status, c.volunteer_id, c.outcome, " \
	"c.outcome_note, c.asked_by, c.asked_by_org, c.asked_us, c.accepted_us, c.done_us, " \
	"c.done_by, c.version, o.name, u.display_name "

static void
read_acc(struct arena *a, struct stmt *st, void *row)
{
	struct accompaniment *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->appointment_id = col_text(a, st, 2);
	x->to_org_id = col_text(a, st, 3);
	x->area = col_text(a, st, 4);
	x->meet_at = col_text(a, st, 5);
	x->lang = col_text(a, st, 6);
	x->share_place = col_int(st, 7) != 0;
	x->share_phone = col_int(st, 8) != 0;
	if (!acc_status_parse(col_cstr(st, 9), &x->status))
		x->status = ACC_WITHDRAWN;
	x->volunteer_id = col_text(a, st, 10);
	x->has_outcome = acc_outcome_parse(col_cstr(st, 11), &x->outcome);
	x->outcome_note = col_text(a, st, 12);
	x->asked_by = col_text(a, st, 13);
	x->asked_by_org = col_text(a, st, 14);
	x->asked_us = col_int(st, 15);
	x->accepted_us = col_int(st, 16);
	x->done_us = col_int(st, 17);
	x->done_by = col_text(a, st, 18);
	x->version = col_int(st, 19);
	x->to_org_name = col_text(a, st, 20);
	/* The person sees the volunteer by first name only. */
	x->volunteer_first_name = acc_first_name(a, col_cstr(st, 21));
}

int
store_accompaniments(struct store *s, struct arena *a, const struct grant *g,
    const char *appointment_id, struct accompaniment **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!grant_covers(g, CAT_APPOINTMENTS))
		return 0;
	st = STMT(c, "SELECT " ACC_COLUMNS "FROM accompaniment c "
	    "LEFT JOIN organisation o ON o.id = c.to_org_id "
	    "LEFT JOIN user_account u ON u.id = c.volunteer_id "
	    "WHERE c.person_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR c.appointment_id = ?2) "
	    "ORDER BY c.asked_us DESC, c.id LIMIT 500");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, appointment_id);
	rc = rows_collect(st, a, 4, sizeof(**out), read_acc, &rows, n, __func__,
	    "accompaniments");
	*out = rows;
	return rc;
}

static bool
fits(const struct grant *g, const char *person_id)
{
	return store_grant_fits(g, person_id) && grant_covers(g, CAT_APPOINTMENTS);
}

int
store_tx_accompaniment_insert(struct store_tx *tx, const struct grant *g,
    const struct accompaniment *x, int64_t now)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	int rc;

	if (!fits(g, x->person_id))
		return ERR_INVALID;
	st = STMT(c, "SELECT (SELECT count(*) FROM appointment WHERE person_id = ?1 AND id = ?2 "
	    "AND status IN ('planned', 'confirmed') AND starts_us > ?3), "
	    "(SELECT count(*) FROM accompaniment WHERE appointment_id = ?2 "
	    "AND status IN ('open', 'accepted'))");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->appointment_id);
	bind_int(st, 3, now);
	if ((rc = step_row(c, st, "accompaniment check")) != 0)
		return rc;
	rc = col_int(st, 0) == 0 ? ERR_NOT_FOUND : col_int(st, 1) > 0 ? ERR_CONFLICT : 0;
	stmt_reset(st);
	if (rc != 0)
		return rc;
	st = STMT(c, "INSERT INTO accompaniment (person_id, id, appointment_id, to_org_id, area, "
	    "meet_at, lang, share_place, share_phone, status, asked_by, asked_by_org, asked_us, "
	    "version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'open', ?10, ?11, ?12, 1)");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->appointment_id);
	bind_text(st, 4, x->to_org_id);
	bind_text(st, 5, x->area);
	bind_text(st, 6, x->meet_at);
	bind_text(st, 7, x->lang);
	bind_int(st, 8, x->share_place);
	bind_int(st, 9, x->share_phone);
	bind_text(st, 10, x->asked_by);
	bind_text(st, 11, x->asked_by_org);
	bind_int(st, 12, now);
	return step_done(c, st, "accompaniment insert");
}

int
store_tx_accompaniment_withdraw(struct store_tx *tx, const struct grant *g,
    const struct accompaniment *old, const char *by_user, int64_t now)
{
	struct stmt *st;
	int rc;

	if (!fits(g, old->person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE accompaniment SET status = 'withdrawn', done_us = ?3, "
	    "done_by = ?4, version = version + 1 WHERE person_id = ?1 AND id = ?2 "
	    "AND version = ?5 AND status IN ('open', 'accepted')");
	bind_text(st, 1, old->person_id);
	bind_text(st, 2, old->id);
	bind_int(st, 3, now);
	bind_text(st, 4, by_user);
	bind_int(st, 5, old->version);
	rc = step_changed(tx->conn, st, "accompaniment withdraw");
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

/* A volunteer */

static void
read_ref(struct arena *a, struct stmt *st, void *row)
{
	struct acc_ref *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
}

int
store_job_refs(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t since_us, int64_t now_us, bool mine_only, struct acc_ref **out, size_t *n)
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
	st = STMT(c, "SELECT c.person_id, c.id FROM accompaniment c "
	    "JOIN appointment a ON a.person_id = c.person_id AND a.id = c.appointment_id "
	    "WHERE c.to_org_id = ?2 AND ((c.volunteer_id = ?1 "
	    "AND c.status IN ('accepted', 'reported') "
	    "AND a.starts_us + a.minutes * 60000000 >= ?3) "
	    "OR (?5 = 0 AND c.status = 'open' AND a.status IN ('planned', 'confirmed') "
	    "AND a.starts_us > ?4)) "
	    "ORDER BY a.starts_us, c.id LIMIT 200");
	bind_text(st, 1, list_grant_user(l));
	bind_text(st, 2, list_grant_org(l));
	bind_int(st, 3, since_us);
	bind_int(st, 4, now_us);
	bind_int(st, 5, mine_only);
	rc = rows_collect(st, a, 8, sizeof(**out), read_ref, &rows, n, __func__, "job refs");
	*out = rows;
	return rc;
}

int
store_job_person(struct store *s, struct arena *a, const char *id, const char **person_id)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT person_id FROM accompaniment WHERE id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "job person")) != 0)
		return rc;
	*person_id = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

int
store_job_get(struct store *s, struct arena *a, const struct grant *g, const char *id,
    struct acc_job *out)
{
	struct conn *c = store_reader(s);
	const char *org, *user;
	struct stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (c == NULL)
		return ERR_DB;
	if (!grant_job(g, &org, &user))
		return ERR_NOT_FOUND;
	/* Only a request sent to the volunteer's organisation, open or their
	 * own; its details only when their own. */
	st = STMT(c, "SELECT c.person_id, c.id, coalesce(p.preferred_name, p.display_name), "
	    "c.area, c.lang, a.starts_us, a.minutes, a.time_zone, a.kind, a.status, c.status, "
	    "CASE WHEN c.volunteer_id = ?3 THEN 1 ELSE 0 END, c.version, c.accepted_starts_us, "
	    "CASE WHEN c.volunteer_id = ?3 THEN c.meet_at END, "
	    "CASE WHEN c.volunteer_id = ?3 AND c.share_place = 1 THEN a.place END, "
	    "CASE WHEN c.volunteer_id = ?3 AND c.share_place = 1 THEN a.video_url END, "
	    "CASE WHEN c.volunteer_id = ?3 AND c.share_phone = 1 THEN p.phone END, "
	    "c.outcome, c.outcome_note "
	    "FROM accompaniment c "
	    "JOIN appointment a ON a.person_id = c.person_id AND a.id = c.appointment_id "
	    "JOIN person p ON p.id = c.person_id "
	    "WHERE c.person_id = ?1 AND c.id = ?2 AND c.to_org_id = ?4 "
	    "AND (c.status = 'open' OR (c.volunteer_id = ?3 "
	    "AND c.status IN ('accepted', 'reported')))");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_text(st, 3, user);
	bind_text(st, 4, org);
	if ((rc = step_row(c, st, "job")) != 0)
		return rc;
	out->person_id = col_text(a, st, 0);
	out->id = col_text(a, st, 1);
	out->first_name = acc_first_name(a, col_cstr(st, 2));
	out->area = col_text(a, st, 3);
	out->lang = col_text(a, st, 4);
	out->starts_us = col_int(st, 5);
	out->minutes = (int)col_int(st, 6);
	out->time_zone = col_text(a, st, 7);
	if (!appt_kind_parse(col_cstr(st, 8), &out->kind))
		out->kind = AK_OTHER;
	if (!appt_status_parse(col_cstr(st, 9), &out->appt_status))
		out->appt_status = AS_CANCELLED;
	if (!acc_status_parse(col_cstr(st, 10), &out->status))
		out->status = ACC_WITHDRAWN;
	out->mine = col_int(st, 11) != 0;
	out->version = col_int(st, 12);
	out->moved = out->mine && col_int(st, 13) != 0 && col_int(st, 13) != out->starts_us;
	out->meet_at = col_text(a, st, 14);
	out->place = col_text(a, st, 15);
	out->video_url = col_text(a, st, 16);
	out->phone = col_text(a, st, 17);
	out->has_outcome = out->mine && acc_outcome_parse(col_cstr(st, 18), &out->outcome);
	out->outcome_note = out->mine ? col_text(a, st, 19) : NULL;
	stmt_reset(st);
	return 0;
}

/* The writes of a volunteer: the grant's own, for its person. */
static bool
job_fits(const struct grant *g, const char **org, const char **user)
{
	return grant_job(g, org, user) && grant_job_writes(g);
}

static int
job_changed(struct store_tx *tx, struct stmt *st, const char *what)
{
	int rc = step_changed(tx->conn, st, what);

	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int
store_tx_job_accept(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t version, int64_t now)
{
	const char *org, *user;
	struct stmt *st;

	if (!job_fits(g, &org, &user))
		return ERR_INVALID;
	/* Only an open request for an appointment still ahead. */
	st = STMT(tx->conn, "UPDATE accompaniment SET status = 'accepted', volunteer_id = ?3, "
	    "accepted_us = ?5, accepted_starts_us = (SELECT a.starts_us FROM appointment a "
	    "WHERE a.person_id = accompaniment.person_id AND a.id = accompaniment.appointment_id), "
	    "version = version + 1 "
	    "WHERE person_id = ?1 AND id = ?2 AND to_org_id = ?4 AND status = 'open' "
	    "AND version = ?6 AND EXISTS (SELECT 1 FROM appointment a "
	    "WHERE a.person_id = accompaniment.person_id AND a.id = accompaniment.appointment_id "
	    "AND a.status IN ('planned', 'confirmed') AND a.starts_us > ?5)");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_text(st, 3, user);
	bind_text(st, 4, org);
	bind_int(st, 5, now);
	bind_int(st, 6, version);
	return job_changed(tx, st, "job accept");
}

int
store_tx_job_release(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t version, int64_t now)
{
	const char *org, *user;
	struct stmt *st;

	(void)now;
	if (!job_fits(g, &org, &user))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE accompaniment SET status = 'open', volunteer_id = NULL, "
	    "accepted_us = NULL, accepted_starts_us = NULL, version = version + 1 "
	    "WHERE person_id = ?1 AND id = ?2 AND to_org_id = ?4 AND volunteer_id = ?3 "
	    "AND status = 'accepted' AND version = ?5");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_text(st, 3, user);
	bind_text(st, 4, org);
	bind_int(st, 5, version);
	return job_changed(tx, st, "job release");
}

int
store_tx_job_report(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t version, enum acc_outcome outcome, const char *note, int64_t now)
{
	const char *org, *user;
	struct stmt *st;

	if (!job_fits(g, &org, &user))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE accompaniment SET status = 'reported', outcome = ?5, "
	    "outcome_note = ?6, done_us = ?7, done_by = ?3, version = version + 1 "
	    "WHERE person_id = ?1 AND id = ?2 AND to_org_id = ?4 AND volunteer_id = ?3 "
	    "AND status = 'accepted' AND version = ?8");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	bind_text(st, 3, user);
	bind_text(st, 4, org);
	bind_text(st, 5, acc_outcome_code(outcome));
	bind_text(st, 6, note);
	bind_int(st, 7, now);
	bind_int(st, 8, version);
	return job_changed(tx, st, "job report");
}
