/* SQL for referrals: the person's, one organisation's inbox, the
 * sender's overdue ones, and every change of status in one write. */
#include "store/referrals.h"

#include <time.h>

#include "access/grant.h"
#include "base/err.h"
#include "core/directory.h"
#include "store/backend.h"
#include "store/consent.h"
#include "store/grants.h"
#include "store/rows.h"

/* The statuses before a referral reaches its receiver, which the
 * receiver's scope never shows; and those in which the receiver holds it
 * (core/referral.c's ref_receiver_holds), spelt out in the SQL below. */

static void
read_referral(struct arena *a, struct stmt *st, void *row)
{
	struct referral *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->service_id = col_text(a, st, 2);
	x->to_org_id = col_text(a, st, 3);
	x->goal_id = col_text(a, st, 4);
	x->reason = col_text(a, st, 5);
	x->reason_lang = col_text(a, st, 6);
	if (!ref_status_parse(col_cstr(st, 7), &x->status))
		x->status = RS_PROPOSED;
	x->status_us = col_int(st, 8);
	x->sent_us = col_int(st, 9);
	x->answer_due_us = col_int(st, 10);
	x->created_us = col_int(st, 11);
	x->version = col_int(st, 12);
	x->status_by = col_text(a, st, 13);
	x->proposed_by = col_text(a, st, 14);
	x->proposed_by_org = col_text(a, st, 15);
	x->service_name = col_text(a, st, 16);
	x->to_org_name = col_text(a, st, 17);
	x->dir_org_name = col_text(a, st, 18);
	x->goal_title = col_text(a, st, 19);
	x->proposed_by_name = col_text(a, st, 20);
	if (!categories_parse(col_cstr(st, 21), &x->shares))
		x->shares = 0;
	x->shares |= CAT_BIT(CAT_BASIC);
	x->response_days = (int)col_int(st, 22);
}

/* Binds the grant's scope: ?1 the person, ?2 the receiving organisation
 * (NULL: all). false for a grant that covers none. */
static bool
bind_scope(struct stmt *st, const struct grant *g)
{
	const char *org;
	enum ref_scope sc = grant_referral_scope(g, &org);

	if (sc == REF_SCOPE_NONE)
		return false;
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, sc == REF_SCOPE_ORG ? org : NULL);
	return true;
}

/* ?3 whether goals show, ?4 whether substance-use goals show. */
static void
bind_goals(struct stmt *st, const struct grant *g)
{
	bind_int(st, 3, grant_covers(g, CAT_PLAN));
	bind_int(st, 4, grant_covers(g, CAT_SUBSTANCE));
}

int
store_referral_person(struct store *s, struct arena *a, const char *id,
    const char **person_id)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT person_id FROM referral WHERE id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "referral person")) != 0)
		return rc;
	*person_id = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

int
store_referrals(struct store *s, struct arena *a, const struct grant *g,
    const char *goal_id, struct referral **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT r.person_id, r.id, r.service_id, r.to_org_id, r.goal_id, r.reason, "
	    "r.reason_lang, r.status, r.status_us, r.sent_us, r.answer_due_us, r.created_us, "
	    "r.version, r.status_by, r.proposed_by, r.proposed_by_org, s.name, o.name, d.name, "
	    "CASE WHEN ?3 = 1 AND (g.domain <> 'substance_use' OR ?4 = 1) THEN g.title END, "
	    "u.display_name, s.shares, s.response_days "
	    "FROM referral r JOIN service s ON s.id = r.service_id "
	    "JOIN dir_organization d ON d.id = s.organization_id "
	    "LEFT JOIN organisation o ON o.id = r.to_org_id "
	    "LEFT JOIN goal g ON g.person_id = r.person_id AND g.id = r.goal_id "
	    "LEFT JOIN user_account u ON u.id = r.proposed_by "
	    "WHERE r.person_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR (r.to_org_id = ?2 "
	    "AND r.status NOT IN ('proposed', 'accepted', 'declined'))) "
	    "AND (CAST(?5 AS TEXT) IS NULL OR r.goal_id = ?5) "
	    "ORDER BY r.created_us DESC, r.id");
	if (!bind_scope(st, g))
		return 0;
	bind_goals(st, g);
	bind_text(st, 5, goal_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_referral, &rows, n, __func__,
	    "referrals");
	*out = rows;
	return rc;
}

int
store_referral_get(struct store *s, struct arena *a, const struct grant *g, const char *id,
    struct referral *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT r.person_id, r.id, r.service_id, r.to_org_id, r.goal_id, r.reason, "
	    "r.reason_lang, r.status, r.status_us, r.sent_us, r.answer_due_us, r.created_us, "
	    "r.version, r.status_by, r.proposed_by, r.proposed_by_org, s.name, o.name, d.name, "
	    "CASE WHEN ?3 = 1 AND (g.domain <> 'substance_use' OR ?4 = 1) THEN g.title END, "
	    "u.display_name, s.shares, s.response_days "
	    "FROM referral r JOIN service s ON s.id = r.service_id "
	    "JOIN dir_organization d ON d.id = s.organization_id "
	    "LEFT JOIN organisation o ON o.id = r.to_org_id "
	    "LEFT JOIN goal g ON g.person_id = r.person_id AND g.id = r.goal_id "
	    "LEFT JOIN user_account u ON u.id = r.proposed_by "
	    "WHERE r.person_id = ?1 AND r.id = ?5 AND (CAST(?2 AS TEXT) IS NULL OR "
	    "(r.to_org_id = ?2 AND r.status NOT IN ('proposed', 'accepted', 'declined')))");
	if (!bind_scope(st, g))
		return ERR_NOT_FOUND;
	bind_goals(st, g);
	bind_text(st, 5, id);
	rc = step_row(c, st, "referral");
	if (rc != 0)
		return rc;
	read_referral(a, st, out);
	stmt_reset(st);
	return 0;
}

static void
read_event(struct arena *a, struct stmt *st, void *row)
{
	struct referral_event *e = row;

	e->referral_id = col_text(a, st, 0);
	e->seq = col_int(st, 1);
	e->has_from = !col_null(st, 2) && ref_status_parse(col_cstr(st, 2), &e->from);
	if (!ref_status_parse(col_cstr(st, 3), &e->to))
		e->to = RS_PROPOSED;
	e->at_us = col_int(st, 4);
	e->by_user = col_text(a, st, 5);
	e->by_name = col_text(a, st, 6);
	e->by_org = col_text(a, st, 7);
	e->by_org_name = col_text(a, st, 8);
	e->note = col_text(a, st, 9);
}

int
store_referral_events(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct referral_event **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT e.referral_id, e.seq, e.from_status, e.to_status, e.at_us, "
	    "e.by_user, u.display_name, e.by_org, o.name, e.note FROM referral_event e "
	    "JOIN referral r ON r.person_id = e.person_id AND r.id = e.referral_id "
	    "LEFT JOIN user_account u ON u.id = e.by_user "
	    "LEFT JOIN organisation o ON o.id = e.by_org "
	    "WHERE e.person_id = ?1 AND (CAST(?3 AS TEXT) IS NULL OR e.referral_id = ?3) "
	    "AND (CAST(?2 AS TEXT) IS NULL OR (r.to_org_id = ?2 "
	    "AND r.status NOT IN ('proposed', 'accepted', 'declined'))) "
	    "ORDER BY e.referral_id, e.seq");
	if (!bind_scope(st, g))
		return 0;
	bind_text(st, 3, id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_event, &rows, n, __func__,
	    "referral events");
	*out = rows;
	return rc;
}

int
store_referral_consents(struct store *s, struct arena *a, const struct grant *g,
    const char *id, unsigned *here, unsigned *before)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	(void)a;
	*here = *before = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT k.category, k.granted_here FROM referral_consent k "
	    "JOIN referral r ON r.person_id = k.person_id AND r.id = k.referral_id "
	    "WHERE k.person_id = ?1 AND k.referral_id = ?3 AND (CAST(?2 AS TEXT) IS NULL OR "
	    "r.to_org_id = ?2)");
	if (!bind_scope(st, g))
		return 0;
	bind_text(st, 3, id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		enum category cat;

		if (category_parse(col_cstr(st, 0), &cat))
			*(col_int(st, 1) ? here : before) |= CAT_BIT(cat);
	}
	stmt_reset(st);
	return step_end(rc);
}

static void
read_row(struct arena *a, struct stmt *st, void *row)
{
	struct referral_row *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->service_name = col_text(a, st, 2);
	if (!ref_status_parse(col_cstr(st, 3), &x->status))
		x->status = RS_SENT;
	x->status_us = col_int(st, 4);
	x->sent_us = col_int(st, 5);
	x->answer_due_us = col_int(st, 6);
}

int
store_referrals_inbox(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t now, struct referral_row **out, size_t *n)
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
	st = STMT(c, "SELECT r.person_id, r.id, s.name, r.status, r.status_us, r.sent_us, "
	    "r.answer_due_us FROM referral r JOIN service s ON s.id = r.service_id "
	    "WHERE r.to_org_id = ?1 AND r.status NOT IN ('proposed', 'accepted', 'declined') "
	    "ORDER BY CASE WHEN r.answer_due_us IS NOT NULL AND r.answer_due_us <= ?2 "
	    "THEN 0 ELSE 1 END, r.status_us DESC, r.id LIMIT 200");
	bind_text(st, 1, list_grant_org(l));
	bind_int(st, 2, now);
	rc = rows_collect(st, a, 16, sizeof(**out), read_row, &rows, n, __func__,
	    "referral inbox");
	*out = rows;
	return rc;
}

int
store_referrals_overdue(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t now, const char *today, struct referral_row **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT r.person_id, r.id, s.name, r.status, r.status_us, r.sent_us, "
	    "r.answer_due_us FROM referral r JOIN service s ON s.id = r.service_id "
	    "WHERE r.answer_due_us IS NOT NULL AND r.answer_due_us <= ?2 "
	    "AND (r.proposed_by = ?1 OR r.person_id IN (SELECT person_id FROM network_member "
	    "WHERE user_id = ?1 AND role = 'coordinator' "
	    "AND (until_date IS NULL OR until_date >= ?3))) "
	    "ORDER BY r.answer_due_us, r.id LIMIT 200");
	bind_text(st, 1, list_grant_user(l));
	bind_int(st, 2, now);
	bind_text(st, 3, today);
	rc = rows_collect(st, a, 16, sizeof(**out), read_row, &rows, n, __func__,
	    "referrals overdue");
	*out = rows;
	return rc;
}

/* Writes */

static int
event_insert(struct store_tx *tx, const char *person_id, const char *id, bool has_from,
    enum ref_status from, enum ref_status to, int64_t at, const char *by_user,
    const char *by_org, const char *note)
{
	struct conn *c = tx->conn;
	struct stmt *st = STMT(c, "SELECT coalesce(max(seq), 0) + 1 FROM referral_event "
	    "WHERE person_id = ?1 AND referral_id = ?2");
	int64_t seq;
	int rc;

	bind_text(st, 1, person_id);
	bind_text(st, 2, id);
	if ((rc = step_row(c, st, "referral event seq")) != 0)
		return rc;
	seq = col_int(st, 0);
	stmt_reset(st);
	st = STMT(c, "INSERT INTO referral_event (person_id, referral_id, seq, from_status, "
	    "to_status, at_us, by_user, by_org, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
	bind_text(st, 1, person_id);
	bind_text(st, 2, id);
	bind_int(st, 3, seq);
	bind_text(st, 4, has_from ? ref_status_code(from) : NULL);
	bind_text(st, 5, ref_status_code(to));
	bind_int(st, 6, at);
	bind_text(st, 7, by_user);
	bind_text(st, 8, by_org);
	bind_text(st, 9, note != NULL && *note != '\0' ? note : NULL);
	return step_done(c, st, "referral event");
}

int
store_tx_referral_insert(struct store_tx *tx, const struct grant *gr,
    const struct referral *x, const char *by_org)
{
	struct stmt *st;
	int rc;

	if (!store_grant_fits(gr, x->person_id) || !grant_covers(gr, CAT_PLAN))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO referral (person_id, id, service_id, to_org_id, goal_id, "
	    "reason, reason_lang, status, status_us, status_by, proposed_by, proposed_by_org, "
	    "created_us, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'proposed', ?8, ?9, ?9, "
	    "?10, ?8, 1)");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->service_id);
	bind_text(st, 4, x->to_org_id);
	bind_text(st, 5, x->goal_id);
	bind_text(st, 6, x->reason);
	bind_text(st, 7, x->reason_lang);
	bind_int(st, 8, x->created_us);
	bind_text(st, 9, x->proposed_by);
	bind_text(st, 10, by_org);
	if ((rc = step_done(tx->conn, st, "referral insert")) != 0)
		return rc;
	return event_insert(tx, x->person_id, x->id, false, RS_PROPOSED, RS_PROPOSED,
	    x->created_us, x->proposed_by, by_org, NULL);
}

/* One move: the referral's row (if its version still holds, counted up
 * in *version) and an event. */
static int
move(struct store_tx *tx, const struct grant *gr, const struct referral *x, int64_t *version,
    enum ref_status from, enum ref_status to, const struct referral_change *c,
    int64_t sent_us, int64_t due_us, const char *note)
{
	struct stmt *st = STMT(tx->conn, "UPDATE referral SET status = ?3, status_us = ?4, "
	    "status_by = ?5, sent_us = ?6, answer_due_us = ?7, version = version + 1 "
	    "WHERE person_id = ?1 AND id = ?2 AND version = ?8 "
	    "AND (CAST(?9 AS TEXT) IS NULL OR to_org_id = ?9)");
	const char *org;
	int rc;

	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, ref_status_code(to));
	bind_int(st, 4, c->now);
	bind_text(st, 5, c->by_user);
	bind_us(st, 6, sent_us);
	bind_us(st, 7, due_us);
	bind_int(st, 8, *version);
	bind_text(st, 9, grant_referral_scope(gr, &org) == REF_SCOPE_ORG ? org : NULL);
	rc = step_changed(tx->conn, st, "referral move");
	if (rc == ERR_NOT_FOUND)
		return ERR_CONFLICT;
	if (rc != 0)
		return rc;
	(*version)++;
	return event_insert(tx, x->person_id, x->id, true, from, to, c->now, c->by_user,
	    c->by_org, note);
}

static const char *
utc_day(int64_t us, char out[11])
{
	time_t t = (time_t)(us / 1000000);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
	return out;
}

/* Grants the receiver each category the service asks for that the person
 * has not granted it yet, and remembers which were granted here. */
static int
grant_shares(struct store_tx *tx, const struct grant *gr, const struct referral_change *c)
{
	const struct referral *x = c->old;
	char today[11];
	unsigned cat;
	int rc;

	utc_day(c->now, today);
	for (cat = 0; cat < CAT_COUNT; cat++) {
		struct stmt *st;
		bool had;

		if (!(x->shares & CAT_BIT(cat)))
			continue;
		st = STMT(tx->conn, "SELECT 1 FROM consent WHERE person_id = ?1 "
		    "AND recipient_org_id = ?2 AND category = ?3 AND granted = 1 "
		    "AND (until_date IS NULL OR until_date >= ?4)");
		bind_text(st, 1, x->person_id);
		bind_text(st, 2, x->to_org_id);
		bind_text(st, 3, category_code((enum category)cat));
		bind_text(st, 4, today);
		rc = stmt_step(st, __func__);
		stmt_reset(st);
		if (rc != STMT_ROW && rc != STMT_DONE)
			return db_error(tx->conn, rc, "referral consent find");
		had = rc == STMT_ROW;
		if (!had) {
			struct consent k = {0};

			k.person_id = x->person_id;
			k.recipient_org_id = x->to_org_id;
			k.category = (enum category)cat;
			k.granted = true;
			k.purpose = c->purpose;
			if ((rc = store_tx_consent_set(tx, gr, &k, c->now, c->by_user)) != 0)
				return rc;
		}
		st = STMT(tx->conn, "INSERT INTO referral_consent (person_id, referral_id, category, "
		    "granted_here) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (person_id, referral_id, "
		    "category) DO UPDATE SET granted_here = excluded.granted_here");
		bind_text(st, 1, x->person_id);
		bind_text(st, 2, x->id);
		bind_text(st, 3, category_code((enum category)cat));
		bind_int(st, 4, !had);
		if ((rc = step_done(tx->conn, st, "referral consent")) != 0)
			return rc;
	}
	return 0;
}

/* Ends the consents this referral granted that are still in force and
 * that no other open referral to the same organisation holds. */
static int
release_shares(struct store_tx *tx, const struct grant *gr, const struct referral_change *c)
{
	const struct referral *x = c->old;
	struct stmt *st = STMT(tx->conn, "SELECT rc.category FROM referral_consent rc "
	    "JOIN consent k ON k.person_id = rc.person_id AND k.recipient_org_id = ?3 "
	    "AND k.category = rc.category AND k.granted = 1 "
	    "WHERE rc.person_id = ?1 AND rc.referral_id = ?2 AND rc.granted_here = 1 "
	    "AND NOT EXISTS (SELECT 1 FROM referral o JOIN referral_consent oc "
	    "ON oc.person_id = o.person_id AND oc.referral_id = o.id "
	    "WHERE o.person_id = ?1 AND o.id <> ?2 AND o.to_org_id = ?3 "
	    "AND oc.category = rc.category AND o.status IN ('sent', 'received', "
	    "'needs_client_action', 'eligible', 'scheduled', 'got_help'))");
	unsigned cats = 0, cat;
	int rc;

	if (x->to_org_id == NULL)
		return 0;
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->to_org_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		enum category k;

		if (category_parse(col_cstr(st, 0), &k))
			cats |= CAT_BIT(k);
	}
	stmt_reset(st);
	if ((rc = step_end(rc)) != 0)
		return rc;
	for (cat = 0; cat < CAT_COUNT; cat++) {
		struct consent k = {0};

		if (!(cats & CAT_BIT(cat)))
			continue;
		k.person_id = x->person_id;
		k.recipient_org_id = x->to_org_id;
		k.category = (enum category)cat;
		k.granted = false;
		k.purpose = c->purpose;
		if ((rc = store_tx_consent_set(tx, gr, &k, c->now, c->by_user)) != 0)
			return rc;
	}
	return 0;
}

int
store_tx_referral_change(struct store_tx *tx, const struct grant *gr,
    const struct referral_change *c)
{
	const struct referral *x = c->old;
	int64_t version = x->version;
	int64_t due = c->now + (int64_t)(x->response_days > 0 ? x->response_days :
	    RESPONSE_DAYS_DEFAULT) * REF_DAY_US;
	enum ref_status to = c->to;
	int rc;

	if (!store_grant_fits(gr, x->person_id))
		return ERR_INVALID;
	if (c->reopen) {
		to = ref_reopen_to(x->status);
		return move(tx, gr, x, &version, x->status, to, c, to == RS_SENT ? c->now : 0,
		    to == RS_SENT ? due : 0, c->note);
	}
	if (to == RS_ACCEPTED) {
		/* Accepting sends at once, and shares what the service asks for. */
		if ((rc = move(tx, gr, x, &version, x->status, RS_ACCEPTED, c, 0, 0, c->note)) != 0 ||
		    (rc = move(tx, gr, x, &version, RS_ACCEPTED, RS_SENT, c, c->now, due, NULL)) != 0)
			return rc;
		return x->to_org_id != NULL ? grant_shares(tx, gr, c) : 0;
	}
	/* An answer, or a close, ends the wait for one. */
	if ((rc = move(tx, gr, x, &version, x->status, to, c, x->sent_us,
	    ref_answers(to) || ref_closed(to) ? 0 : x->answer_due_us, c->note)) != 0)
		return rc;
	if (ref_closed(to) && to != RS_GOT_HELP)
		return release_shares(tx, gr, c);
	return 0;
}
