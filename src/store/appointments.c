/* SQL for appointments: a person's, one of them, their history, the
 * missed ones a caseload flags, and every change in one write. */
#include "store/appointments.h"

#include <stdio.h>

#include "access/grant.h"
#include "base/err.h"
#include "base/id.h"
#include "store/backend.h"
#include "store/flagcache.h"
#include "store/grants.h"
#include "store/outbox.h"
#include "store/rows.h"
#include "store/warnings.h"

#define APPT_COLUMNS "a.person_id, a.id, a.title, a.title_lang, a.kind, a.starts_us, " \
	"a.minutes, a.time_zone, a.place, a.video_url, a.bring, a.with_member_id, " \
	"a.with_service_id, a.with_org_id, a.with_name, a.goal_id, a.step_id, a.referral_id, " \
	"a.series_id, a.status, a.status_us, a.status_by, a.cancel_reason, a.move_asked, " \
	"a.move_note, a.created_by, a.created_by_org, a.created_us, a.version, " \
	"coalesce(mu.display_name, m.name), sv.name, o.name, " \
	"CASE WHEN ?3 = 1 AND (g.domain <> 'substance_use' OR ?4 = 1) THEN g.title END, " \
	"cu.display_name, su.display_name, m.org_id, m.user_id, m.role, " \
	"(SELECT max(e.at_us) FROM appointment_event e WHERE e.person_id = a.person_id " \
	"AND e.appointment_id = a.id) "
#define APPT_JOINS "FROM appointment a " \
	"LEFT JOIN network_member m ON m.person_id = a.person_id AND m.id = a.with_member_id " \
	"LEFT JOIN user_account mu ON mu.id = m.user_id " \
	"LEFT JOIN service sv ON sv.id = a.with_service_id " \
	"LEFT JOIN organisation o ON o.id = a.with_org_id " \
	"LEFT JOIN goal g ON g.person_id = a.person_id AND g.id = a.goal_id " \
	"LEFT JOIN user_account cu ON cu.id = a.created_by " \
	"LEFT JOIN user_account su ON su.id = a.status_by "

static void
read_appt(struct arena *a, struct stmt *st, void *row)
{
	struct appointment *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->title = col_text(a, st, 2);
	x->title_lang = col_text(a, st, 3);
	if (!appt_kind_parse(col_cstr(st, 4), &x->kind))
		x->kind = AK_OTHER;
	x->starts_us = col_int(st, 5);
	x->minutes = (int)col_int(st, 6);
	x->time_zone = col_text(a, st, 7);
	x->place = col_text(a, st, 8);
	x->video_url = col_text(a, st, 9);
	x->bring = col_text(a, st, 10);
	x->with_member_id = col_text(a, st, 11);
	x->with_service_id = col_text(a, st, 12);
	x->with_org_id = col_text(a, st, 13);
	x->with_name = col_text(a, st, 14);
	x->goal_id = col_text(a, st, 15);
	x->step_id = col_text(a, st, 16);
	x->referral_id = col_text(a, st, 17);
	x->series_id = col_text(a, st, 18);
	if (!appt_status_parse(col_cstr(st, 19), &x->status))
		x->status = AS_PLANNED;
	x->status_us = col_int(st, 20);
	x->status_by = col_text(a, st, 21);
	x->cancel_reason = col_text(a, st, 22);
	x->move_asked = col_int(st, 23) != 0;
	x->move_note = col_text(a, st, 24);
	x->created_by = col_text(a, st, 25);
	x->created_by_org = col_text(a, st, 26);
	x->created_us = col_int(st, 27);
	x->version = col_int(st, 28);
	x->with_member_name = col_text(a, st, 29);
	x->with_service_name = col_text(a, st, 30);
	x->with_org_name = col_text(a, st, 31);
	x->goal_title = col_text(a, st, 32);
	x->created_by_name = col_text(a, st, 33);
	x->status_by_name = col_text(a, st, 34);
	x->with_member_org_id = col_text(a, st, 35);
	x->with_member_user_id = col_text(a, st, 36);
	x->with_member_role = col_text(a, st, 37);
	x->updated_us = col_int(st, 38);
	if (x->updated_us < x->created_us)
		x->updated_us = x->created_us;
}

/* ?1 the person, ?3 whether goals show, ?4 whether substance-use goals
 * do. false for a grant that does not cover appointments. */
static bool
bind_grant(struct stmt *st, const struct grant *g)
{
	if (!grant_covers(g, CAT_APPOINTMENTS))
		return false;
	bind_text(st, 1, grant_person(g));
	bind_int(st, 3, grant_covers(g, CAT_PLAN));
	bind_int(st, 4, grant_covers(g, CAT_SUBSTANCE));
	return true;
}

int
store_appointment_person(struct store *s, struct arena *a, const char *id,
    const char **person_id)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT person_id FROM appointment WHERE id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "appointment person")) != 0)
		return rc;
	*person_id = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

int
store_appointments(struct store *s, struct arena *a, const struct grant *g,
    const struct appt_filter *f, struct appointment **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	/* Two statements, not an ORDER BY chosen by a parameter, so each
	 * walks the (person_id, starts_us) index in its own direction. */
	if (f->newest_first)
		st = STMT(c, "SELECT " APPT_COLUMNS APPT_JOINS
		    "WHERE a.person_id = ?1 AND (CAST(?5 AS BIGINT) = 0 OR a.starts_us + a.minutes * 60000000 >= ?5) "
		    "AND (CAST(?6 AS BIGINT) = 0 OR a.starts_us < ?6) "
		    "AND (?7 = 0 OR a.status IN ('planned', 'confirmed')) "
		    "AND (CAST(?8 AS TEXT) IS NULL OR a.referral_id = ?8) "
		    "AND (CAST(?9 AS TEXT) IS NULL OR a.goal_id = ?9) "
		    "ORDER BY a.starts_us DESC, a.id LIMIT ?2");
	else
		st = STMT(c, "SELECT " APPT_COLUMNS APPT_JOINS
		    "WHERE a.person_id = ?1 AND (CAST(?5 AS BIGINT) = 0 OR a.starts_us + a.minutes * 60000000 >= ?5) "
		    "AND (CAST(?6 AS BIGINT) = 0 OR a.starts_us < ?6) "
		    "AND (?7 = 0 OR a.status IN ('planned', 'confirmed')) "
		    "AND (CAST(?8 AS TEXT) IS NULL OR a.referral_id = ?8) "
		    "AND (CAST(?9 AS TEXT) IS NULL OR a.goal_id = ?9) "
		    "ORDER BY a.starts_us, a.id LIMIT ?2");
	if (!bind_grant(st, g))
		return 0;
	bind_int(st, 2, f->limit > 0 && f->limit <= APPT_LIST_MAX ? f->limit : 500);
	bind_int(st, 5, f->from_us);
	bind_int(st, 6, f->until_us);
	bind_int(st, 7, f->open_only);
	bind_text(st, 8, f->referral_id);
	bind_text(st, 9, f->goal_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_appt, &rows, n, __func__,
	    "appointments");
	*out = rows;
	return rc;
}

int
store_appointment_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct appointment *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " APPT_COLUMNS APPT_JOINS "WHERE a.person_id = ?1 AND a.id = ?2");
	if (!bind_grant(st, g))
		return ERR_NOT_FOUND;
	bind_text(st, 2, id);
	if ((rc = step_row(c, st, "appointment")) != 0)
		return rc;
	read_appt(a, st, out);
	stmt_reset(st);
	return 0;
}

static void
read_event(struct arena *a, struct stmt *st, void *row)
{
	struct appointment_event *e = row;

	e->appointment_id = col_text(a, st, 0);
	e->seq = col_int(st, 1);
	e->at_us = col_int(st, 2);
	if (!appt_what_parse(col_cstr(st, 3), &e->what))
		e->what = AW_CHANGED;
	e->detail = col_text(a, st, 4);
	e->by_user = col_text(a, st, 5);
	e->by_name = col_text(a, st, 6);
	e->by_org = col_text(a, st, 7);
	e->by_org_name = col_text(a, st, 8);
}

int
store_appointment_events(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct appointment_event **out, size_t *n)
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
	st = STMT(c, "SELECT e.appointment_id, e.seq, e.at_us, e.what, e.detail, e.by_user, "
	    "u.display_name, e.by_org, o.name FROM appointment_event e "
	    "LEFT JOIN user_account u ON u.id = e.by_user "
	    "LEFT JOIN organisation o ON o.id = e.by_org "
	    "WHERE e.person_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR e.appointment_id = ?2) "
	    "ORDER BY e.appointment_id, e.seq");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_event, &rows, n, __func__,
	    "appointment events");
	*out = rows;
	return rc;
}

static void
read_flag(struct arena *a, struct stmt *st, void *row)
{
	struct appt_flag_row *f = row;

	f->person_id = col_text(a, st, 0);
	f->missed = col_int(st, 1) != 0;
	f->alone = col_int(st, 2) != 0;
	f->start_risk = col_int(st, 3) != 0;
	f->start_broken = col_int(st, 4) != 0;
	f->phase_overdue = col_int(st, 5) != 0;
}

int
store_appointment_flags(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t pgen, int64_t agen, int64_t missed_since_us, int64_t now_us, int64_t alone_until_us, const char *today,
    const char *local_today, const char *risk_until, struct appt_flag_row **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	/* Kept between requests while nothing it rests on changed: the
	 * caseload is the page a coordinator reloads all day. */
	if (flagcache_get(s->flagcache, a, list_grant_user(l), list_grant_org(l), today, pgen,
	    agen, now_us, out, n))
		return 0;
	/* Per person of the user's, two probes by index (the missed ones of
	 * the person; the person's appointments in the window, then their
	 * request); then the few the user made for others. */
	st = STMT(c, "SELECT person_id, max(missed), max(alone), max(risk), max(broken), "
	    "max(overdue) FROM ("
	    "SELECT m.person_id AS person_id, "
	    "CASE WHEN EXISTS (SELECT 1 FROM appointment a WHERE a.person_id = m.person_id "
	    "AND a.status = 'missed' AND a.status_us >= ?2 AND NOT EXISTS (SELECT 1 "
	    "FROM appointment b WHERE b.person_id = a.person_id AND b.created_us > a.status_us)) "
	    "THEN 1 ELSE 0 END AS missed, "
	    "CASE WHEN EXISTS (SELECT 1 FROM appointment a JOIN accompaniment k "
	    "ON k.person_id = a.person_id AND k.appointment_id = a.id "
	    "WHERE a.person_id = m.person_id AND a.starts_us >= ?3 AND a.starts_us < ?4 "
	    "AND a.status IN ('planned', 'confirmed') AND k.status = 'open') "
	    "THEN 1 ELSE 0 END AS alone, "
	    /* A pathway's start guarantee about to break, or broken; a phase
	     * past its expected end. By the person's key: a few rows each. */
	    "CASE WHEN EXISTS (SELECT 1 FROM pathway p WHERE p.person_id = m.person_id "
	    "AND p.status IN ('offered', 'running') AND p.started IS NULL "
	    "AND p.start_due >= ?6 AND p.start_due <= ?7) THEN 1 ELSE 0 END AS risk, "
	    "CASE WHEN EXISTS (SELECT 1 FROM pathway p WHERE p.person_id = m.person_id "
	    "AND p.status IN ('offered', 'running') AND p.started IS NULL "
	    "AND p.start_due < ?6) THEN 1 ELSE 0 END AS broken, "
	    "CASE WHEN EXISTS (SELECT 1 FROM pathway p WHERE p.person_id = m.person_id "
	    "AND p.status = 'running' AND p.phase_due < ?6) THEN 1 ELSE 0 END AS overdue "
	    "FROM network_member m WHERE m.user_id = ?1 AND m.role = 'coordinator' "
	    "AND (m.until_date IS NULL OR m.until_date >= ?5) "
	    "UNION ALL SELECT a.person_id, 1, 0, 0, 0, 0 FROM appointment a WHERE a.created_by = ?1 "
	    "AND a.status = 'missed' AND a.status_us >= ?2 AND NOT EXISTS (SELECT 1 "
	    "FROM appointment b WHERE b.person_id = a.person_id AND b.created_us > a.status_us) "
	    "UNION ALL SELECT k.person_id, 0, 1, 0, 0, 0 FROM accompaniment k JOIN appointment a "
	    "ON a.person_id = k.person_id AND a.id = k.appointment_id WHERE k.asked_by = ?1 "
	    "AND k.status = 'open' AND a.status IN ('planned', 'confirmed') "
	    "AND a.starts_us >= ?3 AND a.starts_us < ?4) f "
	    "GROUP BY person_id HAVING max(missed) = 1 OR max(alone) = 1 OR max(risk) = 1 "
	    "OR max(broken) = 1 OR max(overdue) = 1 "
	    "ORDER BY person_id LIMIT 500");
	bind_text(st, 1, list_grant_user(l));
	bind_int(st, 2, missed_since_us);
	bind_int(st, 3, now_us);
	bind_int(st, 4, alone_until_us);
	bind_text(st, 5, today);
	bind_text(st, 6, local_today);
	bind_text(st, 7, risk_until);
	rc = rows_collect(st, a, 8, sizeof(**out), read_flag, &rows, n, __func__,
	    "appointment flags");
	*out = rows;
	if (rc == 0)
		flagcache_put(s->flagcache, list_grant_user(l), list_grant_org(l), today, pgen, agen,
		    now_us, *out, *n);
	return rc;
}

/* Writes */

static bool
fits(const struct grant *gr, const char *person_id)
{
	return store_grant_fits(gr, person_id) && grant_covers(gr, CAT_APPOINTMENTS);
}

static int
event_insert(struct store_tx *tx, const char *person_id, const char *id, enum appt_what what,
    const char *detail, int64_t at, const char *by_user, const char *by_org)
{
	struct conn *c = tx->conn;
	struct stmt *st = STMT(c, "SELECT coalesce(max(seq), 0) + 1 FROM appointment_event "
	    "WHERE person_id = ?1 AND appointment_id = ?2");
	int64_t seq;
	int rc;

	bind_text(st, 1, person_id);
	bind_text(st, 2, id);
	if ((rc = step_row(c, st, "appointment event seq")) != 0)
		return rc;
	seq = col_int(st, 0);
	stmt_reset(st);
	st = STMT(c, "INSERT INTO appointment_event (person_id, appointment_id, seq, at_us, "
	    "what, detail, by_user, by_org) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	bind_text(st, 1, person_id);
	bind_text(st, 2, id);
	bind_int(st, 3, seq);
	bind_int(st, 4, at);
	bind_text(st, 5, appt_what_code(what));
	bind_text(st, 6, detail != NULL && *detail != '\0' ? detail : NULL);
	bind_text(st, 7, by_user);
	bind_text(st, 8, by_org);
	return step_done(c, st, "appointment event");
}

/* Forgets the reminders of an appointment whose time changed or that is
 * no longer ahead: its queued messages are cancelled, and (when it moved)
 * its marks go, so the reminder job plans them again for the new time. */
static int
forget_reminders(struct store_tx *tx, const struct appointment *old, bool marks, int64_t now)
{
	char about[16 + ID_LEN + 1];
	struct stmt *st;
	int rc;

	snprintf(about, sizeof(about), "appointment:%s", old->id);
	if ((rc = store_tx_outbox_cancel(tx, about, now)) < 0)
		return rc;
	if (!marks)
		return 0;
	st = STMT(tx->conn, "DELETE FROM appointment_reminder WHERE person_id = ?1 "
	    "AND appointment_id = ?2");
	bind_text(st, 1, old->person_id);
	bind_text(st, 2, old->id);
	return step_done(tx->conn, st, "appointment reminders forget");
}

/* Steps an UPDATE of old that holds only while its version does
 * (ERR_CONFLICT when it no longer does), then writes the event. */
static int
changed(struct store_tx *tx, struct stmt *st, const char *step_what,
    const struct appointment *old, enum appt_what w, const char *detail, const char *by_user,
    const char *by_org, int64_t now)
{
	int rc = step_changed(tx->conn, st, step_what);

	if (rc == ERR_NOT_FOUND)
		return ERR_CONFLICT;
	if (rc != 0)
		return rc;
	return event_insert(tx, old->person_id, old->id, w, detail, now, by_user, by_org);
}

int
store_tx_appointment_insert(struct store_tx *tx, const struct grant *gr,
    const struct appointment *x, int64_t now)
{
	struct stmt *st;
	int rc;

	if (!fits(gr, x->person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO appointment (person_id, id, title, title_lang, kind, "
	    "starts_us, minutes, time_zone, place, video_url, bring, with_member_id, "
	    "with_service_id, with_org_id, with_name, goal_id, step_id, referral_id, series_id, "
	    "status, status_us, status_by, created_by, created_by_org, created_us, version) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
	    "?18, ?19, 'planned', ?20, ?21, ?21, ?22, ?20, 1)");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->title);
	bind_text(st, 4, x->title_lang);
	bind_text(st, 5, appt_kind_code(x->kind));
	bind_int(st, 6, x->starts_us);
	bind_int(st, 7, x->minutes);
	bind_text(st, 8, x->time_zone);
	bind_text(st, 9, x->place);
	bind_text(st, 10, x->video_url);
	bind_text(st, 11, x->bring);
	bind_text(st, 12, x->with_member_id);
	bind_text(st, 13, x->with_service_id);
	bind_text(st, 14, x->with_org_id);
	bind_text(st, 15, x->with_name);
	bind_text(st, 16, x->goal_id);
	bind_text(st, 17, x->step_id);
	bind_text(st, 18, x->referral_id);
	bind_text(st, 19, x->series_id);
	bind_int(st, 20, now);
	bind_text(st, 21, x->created_by);
	bind_text(st, 22, x->created_by_org);
	if ((rc = step_done(tx->conn, st, "appointment insert")) != 0)
		return rc;
	return event_insert(tx, x->person_id, x->id, AW_CREATED, NULL, now, x->created_by,
	    x->created_by_org);
}

int
store_tx_appointments_insert(struct store_tx *tx, const struct grant *gr,
    const struct appointment *xs, size_t n, int64_t now)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < n; i++)
		rc = store_tx_appointment_insert(tx, gr, &xs[i], now);
	return rc;
}

int
store_tx_appointment_update(struct store_tx *tx, const struct grant *gr,
    const struct appointment *old, const struct appointment *x, const char *detail,
    const char *by_user, const char *by_org, int64_t now)
{
	struct stmt *st;
	int rc;
	bool moved = x->starts_us != old->starts_us;

	if (!fits(gr, old->person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE appointment SET title = ?3, title_lang = ?4, kind = ?5, "
	    "starts_us = ?6, minutes = ?7, time_zone = ?8, place = ?9, video_url = ?10, "
	    "bring = ?11, with_member_id = ?12, with_name = ?13, goal_id = ?14, "
	    "move_asked = CASE WHEN ?15 = 1 THEN 0 ELSE move_asked END, "
	    "move_note = CASE WHEN ?15 = 1 THEN NULL ELSE move_note END, "
	    "version = version + 1 WHERE person_id = ?1 AND id = ?2 AND version = ?16");
	bind_text(st, 1, old->person_id);
	bind_text(st, 2, old->id);
	bind_text(st, 3, x->title);
	bind_text(st, 4, x->title_lang);
	bind_text(st, 5, appt_kind_code(x->kind));
	bind_int(st, 6, x->starts_us);
	bind_int(st, 7, x->minutes);
	bind_text(st, 8, x->time_zone);
	bind_text(st, 9, x->place);
	bind_text(st, 10, x->video_url);
	bind_text(st, 11, x->bring);
	bind_text(st, 12, x->with_member_id);
	bind_text(st, 13, x->with_name);
	bind_text(st, 14, x->goal_id);
	bind_int(st, 15, moved);
	bind_int(st, 16, old->version);
	rc = changed(tx, st, "appointment update", old, AW_CHANGED, detail, by_user, by_org, now);
	return rc == 0 && moved ? forget_reminders(tx, old, true, now) : rc;
}

int
store_tx_appointment_status(struct store_tx *tx, const struct grant *gr,
    const struct appointment *old, enum appt_status to, const char *reason,
    const char *by_user, const char *by_org, int64_t now)
{
	struct stmt *st;
	int rc;

	if (!fits(gr, old->person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE appointment SET status = ?3, status_us = ?4, status_by = ?5, "
	    "cancel_reason = ?6, move_asked = CASE WHEN ?3 IN ('planned', 'confirmed') "
	    "THEN move_asked ELSE 0 END, version = version + 1 "
	    "WHERE person_id = ?1 AND id = ?2 AND version = ?7");
	bind_text(st, 1, old->person_id);
	bind_text(st, 2, old->id);
	bind_text(st, 3, appt_status_code(to));
	bind_int(st, 4, now);
	bind_text(st, 5, by_user);
	bind_text(st, 6, to == AS_CANCELLED ? reason : NULL);
	bind_int(st, 7, old->version);
	rc = changed(tx, st, "appointment status", old, appt_what_of(to), reason, by_user, by_org,
	    now);
	/* A missed appointment may raise an early warning: looked at in the
	 * same write's job, not at the next sweep. */
	if (rc == 0 && to == AS_MISSED)
		rc = store_tx_warning_check(tx, old->person_id, now);
	return rc == 0 && !appt_open(to) ? forget_reminders(tx, old, false, now) : rc;
}

int
store_tx_appointment_ask_move(struct store_tx *tx, const struct grant *gr,
    const struct appointment *old, const char *note, const char *by_user, int64_t now)
{
	struct stmt *st;

	if (!fits(gr, old->person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE appointment SET move_asked = 1, move_note = ?3, "
	    "version = version + 1 WHERE person_id = ?1 AND id = ?2 AND version = ?4 "
	    "AND status IN ('planned', 'confirmed')");
	bind_text(st, 1, old->person_id);
	bind_text(st, 2, old->id);
	bind_text(st, 3, note != NULL && *note != '\0' ? note : NULL);
	bind_int(st, 4, old->version);
	return changed(tx, st, "appointment ask move", old, AW_MOVE_ASKED, note, by_user, NULL,
	    now);
}
