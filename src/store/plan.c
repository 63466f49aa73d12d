/* SQL for the recovery plan: domain texts, ratings, goals, steps,
 * comments, the relapse-prevention plan, crisis contacts, and the history
 * of every change. */
#include "store/plan.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "access/grant.h"
#include "base/err.h"
#include "base/id.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

/* The domains in enum order, for ORDER BY. */
#define DOMAIN_ORDER(col) "CASE " col " WHEN 'substance_use' THEN 0 " \
	"WHEN 'physical_health' THEN 1 WHEN 'mental_health' THEN 2 WHEN 'housing' THEN 3 " \
	"WHEN 'work_education' THEN 4 WHEN 'finances' THEN 5 WHEN 'family' THEN 6 " \
	"WHEN 'social_network' THEN 7 WHEN 'meaning' THEN 8 WHEN 'practical_legal' THEN 9 END"

/* Equal texts; NULL and "" are the same (an emptied field). */
static bool
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Appends one history row if the field's value changed. */
static int
hist(struct conn *c, const char *person_id, const char *kind, const char *item_id,
    const char *field, const char *before, const char *after, int64_t version,
    const struct plan_author *by)
{
	struct stmt *st;
	char id[ID_LEN + 1];

	if (same_text(before, after))
		return 0;
	st = STMT(c, "INSERT INTO plan_history (person_id, changed_us, id, item_kind, "
	    "item_id, field, before, after, version, changed_by, changed_org_id) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	id_new(id);
	bind_text(st, 1, person_id);
	bind_int(st, 2, by->now);
	bind_text(st, 3, id);
	bind_text(st, 4, kind);
	bind_text(st, 5, item_id);
	bind_text(st, 6, field);
	bind_text(st, 7, before);
	bind_text(st, 8, after);
	bind_int(st, 9, version);
	bind_text(st, 10, by->user_id);
	bind_text(st, 11, by->org_id);
	return step_done(c, st, "plan history");
}

/* Binds text, or NULL when s is NULL or empty (no due date). */
static void
bind_opt(struct stmt *st, int i, const char *s)
{
	bind_text(st, i, s != NULL && *s != '\0' ? s : NULL);
}

static enum domain
col_domain(struct stmt *st, int i)
{
	enum domain d;

	if (!domain_parse(col_cstr(st, i), &d))
		d = DOM_MEANING;
	return d;
}

static enum item_status
col_status(struct stmt *st, int i)
{
	enum item_status s;

	if (!item_status_parse(col_cstr(st, i), &s))
		s = ST_NOT_STARTED;
	return s;
}

/* Domains */

/* Substance-use details are filtered in the query, by the grant, never
 * loaded and dropped afterwards. An item (kind, id) of a plan is about
 * alcohol and drugs when it is the substance-use domain, a goal in it, a
 * step of such a goal, its rating, or the relapse-prevention plan
 * (triggers, people and places: the crisis contacts the person shares are
 * kind 'crisis').
 * ?1 is always the person. */
#define SUBSTANCE_ITEM(kind, id) \
	"(" kind " = 'relapse' OR (" kind " IN ('domain', 'rating') AND " \
	id " = 'substance_use') OR " \
	"(" kind " = 'goal' AND EXISTS (SELECT 1 FROM goal x WHERE x.person_id = ?1 " \
	"AND x.id = " id " AND x.domain = 'substance_use')) OR (" kind " = 'step' AND " \
	"EXISTS (SELECT 1 FROM step y JOIN goal x ON x.person_id = y.person_id AND " \
	"x.id = y.goal_id WHERE y.person_id = ?1 AND y.id = " id " AND " \
	"x.domain = 'substance_use')))"
/* A step is about alcohol and drugs when its goal is. */
#define SUBSTANCE_STEP \
	"EXISTS (SELECT 1 FROM goal x WHERE x.person_id = s.person_id AND " \
	"x.id = s.goal_id AND x.domain = 'substance_use')"

static int64_t
substance(const struct grant *g)
{
	return grant_covers(g, CAT_SUBSTANCE) ? 1 : 0;
}

int
store_plan_domains(struct store *s, struct arena *a, const struct grant *g,
    struct plan_domain out[DOM_COUNT])
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int i, rc;

	for (i = 0; i < DOM_COUNT; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].person_id = person_id;
		out[i].domain = (enum domain)i;
	}
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT d.domain, d.now_text, d.strengths, d.hopes, d.matters_most, "
	    "d.text_lang, d.version, d.updated_us, d.updated_by, u.display_name "
	    "FROM plan_domain d LEFT JOIN user_account u ON u.id = d.updated_by "
	    "WHERE d.person_id = ?1 AND (d.domain <> 'substance_use' OR ?2 = 1)");
	bind_text(st, 1, person_id);
	bind_int(st, 2, substance(g));
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		enum domain dom;
		struct plan_domain *d;

		if (!domain_parse(col_cstr(st, 0), &dom))
			continue;
		d = &out[dom];
		d->now_text = col_text(a, st, 1);
		d->strengths = col_text(a, st, 2);
		d->hopes = col_text(a, st, 3);
		d->matters_most = col_text(a, st, 4);
		d->text_lang = col_text(a, st, 5);
		d->version = col_int(st, 6);
		d->updated_us = col_int(st, 7);
		d->updated_by = col_text(a, st, 8);
		d->updated_by_name = col_text(a, st, 9);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "plan domains");
}

int
store_tx_plan_domain_save(struct store_tx *tx, const struct grant *gr,
    struct plan_domain *d,
    int64_t from_version, const struct plan_author *by)
{
	struct conn *c = tx->conn;
	struct arena a = ARENA_INIT;
	const char *old[4] = {NULL, NULL, NULL, NULL};
	const char *now[4] = {d->now_text, d->strengths, d->hopes, d->matters_most};
	static const char *const fields[4] = {"now_text", "strengths", "hopes", "matters_most"};
	const char *code = domain_code(d->domain);
	struct stmt *st;
	int64_t version = from_version + 1;
	int i, rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, d->person_id))
		return ERR_INVALID;
	if ((d->domain == DOM_SUBSTANCE_USE) && !grant_covers(gr, CAT_SUBSTANCE))
		return ERR_INVALID;

	st = STMT(c, "SELECT now_text, strengths, hopes, matters_most, version "
	    "FROM plan_domain WHERE person_id = ?1 AND domain = ?2");
	bind_text(st, 1, d->person_id);
	bind_text(st, 2, code);
	rc = step_row(c, st, "plan domain find");
	if (rc == 0) {
		for (i = 0; i < 4; i++)
			old[i] = col_text(&a, st, i);
		if (col_int(st, 4) != from_version || from_version == 0)
			rc = ERR_CONFLICT;
		stmt_reset(st);
		if (rc != 0)
			goto out;
		st = STMT(c, "UPDATE plan_domain SET now_text = ?3, strengths = ?4, hopes = ?5, "
		    "matters_most = ?6, text_lang = ?7, version = ?8, updated_us = ?9, "
		    "updated_by = ?10 WHERE person_id = ?1 AND domain = ?2 AND version = ?11");
		bind_int(st, 11, from_version);
	} else if (rc == ERR_NOT_FOUND) {
		if (from_version != 0) {
			rc = ERR_CONFLICT;
			goto out;
		}
		st = STMT(c, "INSERT INTO plan_domain (person_id, domain, now_text, strengths, "
		    "hopes, matters_most, text_lang, version, updated_us, updated_by) "
		    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	} else {
		goto out;
	}
	bind_text(st, 1, d->person_id);
	bind_text(st, 2, code);
	for (i = 0; i < 4; i++)
		bind_text(st, 3 + i, now[i]);
	bind_text(st, 7, d->text_lang);
	bind_int(st, 8, version);
	bind_int(st, 9, by->now);
	bind_text(st, 10, by->user_id);
	rc = step_changed(c, st, "plan domain save");
	if (rc == ERR_NOT_FOUND)
		rc = ERR_CONFLICT;
	for (i = 0; rc == 0 && i < 4; i++)
		rc = hist(c, d->person_id, "domain", code, fields[i], old[i], now[i], version, by);
	if (rc == 0) {
		d->version = version;
		d->updated_us = by->now;
		d->updated_by = by->user_id;
	}
out:
	arena_free(&a);
	return rc;
}

/* Ratings */

static void
read_rating(struct arena *a, struct stmt *st, void *row)
{
	struct plan_rating *r = row;

	r->domain = col_domain(st, 0);
	r->rated_us = col_int(st, 1);
	r->rating = (int)col_int(st, 2);
	r->rated_by = col_text(a, st, 3);
}

int
store_plan_ratings(struct store *s, struct arena *a, const struct grant *g,
    struct plan_rating **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT domain, rated_us, rating, rated_by FROM plan_rating "
	    "WHERE person_id = ?1 AND (domain <> 'substance_use' OR ?2 = 1) "
	    "ORDER BY rated_us, domain");
	bind_text(st, 1, person_id);
	bind_int(st, 2, substance(g));
	rc = rows_collect(st, a, 32, sizeof(**out), read_rating, &rows, n, __func__,
	    "plan ratings");
	*out = rows;
	return rc;
}

int
store_tx_plan_rating_add(struct store_tx *tx, const struct grant *gr,
    const char *person_id, enum domain d,
    int rating, const struct plan_author *by)
{
	struct conn *c = tx->conn;
	const char *code = domain_code(d);
	struct stmt *st;
	char before[16] = "", after[16], id[ID_LEN + 1];
	int64_t count;
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, person_id))
		return ERR_INVALID;
	if ((d == DOM_SUBSTANCE_USE) && !grant_covers(gr, CAT_SUBSTANCE))
		return ERR_INVALID;

	/* The latest rating before this one, and how many there were. */
	st = STMT(c, "SELECT (SELECT rating FROM plan_rating WHERE person_id = ?1 AND "
	    "domain = ?2 ORDER BY rated_us DESC LIMIT 1), "
	    "(SELECT count(*) FROM plan_rating WHERE person_id = ?1 AND domain = ?2)");
	bind_text(st, 1, person_id);
	bind_text(st, 2, code);
	if ((rc = step_row(c, st, "plan rating last")) != 0)
		return rc == ERR_NOT_FOUND ? ERR_DB : rc;
	if (!col_null(st, 0))
		snprintf(before, sizeof(before), "%d", (int)col_int(st, 0));
	count = col_int(st, 1);
	stmt_reset(st);

	st = STMT(c, "INSERT INTO plan_rating (person_id, domain, rated_us, rating, rated_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)");
	bind_text(st, 1, person_id);
	bind_text(st, 2, code);
	bind_int(st, 3, by->now);
	bind_int(st, 4, rating);
	bind_text(st, 5, by->user_id);
	if ((rc = step_done(c, st, "plan rating add")) != 0)
		return rc;
	snprintf(after, sizeof(after), "%d", rating);
	/* A rating is recorded even when it repeats the last one. */
	st = STMT(c, "INSERT INTO plan_history (person_id, changed_us, id, item_kind, "
	    "item_id, field, before, after, version, changed_by, changed_org_id) "
	    "VALUES (?1, ?2, ?3, 'rating', ?4, 'rating', ?5, ?6, ?7, ?8, ?9)");
	id_new(id);
	bind_text(st, 1, person_id);
	bind_int(st, 2, by->now);
	bind_text(st, 3, id);
	bind_text(st, 4, code);
	bind_text(st, 5, before[0] ? before : NULL);
	bind_text(st, 6, after);
	bind_int(st, 7, count + 1);
	bind_text(st, 8, by->user_id);
	bind_text(st, 9, by->org_id);
	return step_done(c, st, "plan rating history");
}

/* Goals */

#define GOAL_COLS "g.person_id, g.id, g.title, g.why, g.text_lang, g.domain, g.status, " \
	"g.reached_us, g.version, g.created_us, g.updated_us, g.created_by, g.updated_by, " \
	"u.display_name"

static void
read_goal(struct arena *a, struct stmt *st, void *row)
{
	struct goal *g = row;

	g->person_id = col_text(a, st, 0);
	g->id = col_text(a, st, 1);
	g->title = col_text(a, st, 2);
	g->why = col_text(a, st, 3);
	g->text_lang = col_text(a, st, 4);
	g->domain = col_domain(st, 5);
	g->status = col_status(st, 6);
	g->reached_us = col_int(st, 7);
	g->version = col_int(st, 8);
	g->created_us = col_int(st, 9);
	g->updated_us = col_int(st, 10);
	g->created_by = col_text(a, st, 11);
	g->updated_by = col_text(a, st, 12);
	g->updated_by_name = col_text(a, st, 13);
}

/* After a filtered goal or step read found nothing: STORE_WITHHELD if the
 * item is there but about alcohol and drugs, which the grant does not
 * cover (a goal's domain is then all that is filled in, so the page can
 * say what is not shared); else ERR_NOT_FOUND. */
static int
withheld(struct conn *c, const char *person_id, const char *goal_id, const char *step_id,
    struct goal *out)
{
	struct stmt *st;
	int rc;

	if (goal_id != NULL)
		st = STMT(c, "SELECT domain FROM goal WHERE person_id = ?1 AND id = ?2");
	else
		st = STMT(c, "SELECT x.domain FROM step s JOIN goal x ON x.person_id = s.person_id "
		    "AND x.id = s.goal_id WHERE s.person_id = ?1 AND s.id = ?2");
	bind_text(st, 1, person_id);
	bind_text(st, 2, goal_id != NULL ? goal_id : step_id);
	if ((rc = step_row(c, st, "withheld")) != 0)
		return rc;
	if (out != NULL) {
		memset(out, 0, sizeof(*out));
		out->person_id = person_id;
		out->id = goal_id;
		out->domain = col_domain(st, 0);
	}
	stmt_reset(st);
	return STORE_WITHHELD;
}

int
store_goals(struct store *s, struct arena *a, const struct grant *g,
    struct goal **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " GOAL_COLS " FROM goal g "
	    "LEFT JOIN user_account u ON u.id = g.updated_by WHERE g.person_id = ?1 "
	    "AND (g.domain <> 'substance_use' OR ?2 = 1) "
	    "ORDER BY " DOMAIN_ORDER("g.domain") ", g.created_us, g.id");
	bind_text(st, 1, person_id);
	bind_int(st, 2, substance(g));
	rc = rows_collect(st, a, 16, sizeof(**out), read_goal, &rows, n, __func__,
	    "goals");
	*out = rows;
	return rc;
}

int
store_goal_get(struct store *s, struct arena *a, const struct grant *g,
    const char *goal_id, struct goal *out)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " GOAL_COLS " FROM goal g "
	    "LEFT JOIN user_account u ON u.id = g.updated_by "
	    "WHERE g.person_id = ?1 AND g.id = ?2 AND (g.domain <> 'substance_use' OR ?3 = 1)");
	bind_text(st, 1, person_id);
	bind_text(st, 2, goal_id);
	bind_int(st, 3, substance(g));
	if ((rc = step_row(c, st, "goal get")) != 0)
		return rc == ERR_NOT_FOUND ? withheld(c, person_id, goal_id, NULL, out) : rc;
	read_goal(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_tx_goal_insert(struct store_tx *tx, const struct grant *gr,
    struct goal *g, const struct plan_author *by)
{
	struct conn *c = tx->conn;
	struct stmt *st = STMT(c, "INSERT INTO goal (person_id, id, domain, title, why, "
	    "text_lang, status, reached_us, version, created_us, created_by, updated_us, "
	    "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, ?9, ?10, ?9, ?10)");
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, g->person_id))
		return ERR_INVALID;
	if ((g->domain == DOM_SUBSTANCE_USE) && !grant_covers(gr, CAT_SUBSTANCE))
		return ERR_INVALID;

	if (g->created_us == 0)
		g->created_us = by->now;
	g->reached_us = g->status == ST_REACHED ? by->now : 0;
	bind_text(st, 1, g->person_id);
	bind_text(st, 2, g->id);
	bind_text(st, 3, domain_code(g->domain));
	bind_text(st, 4, g->title);
	bind_text(st, 5, g->why);
	bind_text(st, 6, g->text_lang);
	bind_text(st, 7, item_status_code(g->status));
	bind_us(st, 8, g->reached_us);
	bind_int(st, 9, g->created_us);
	bind_text(st, 10, by->user_id);
	if ((rc = step_done(c, st, "goal insert")) != 0)
		return rc;
	g->version = 1;
	g->updated_us = g->created_us;
	g->created_by = g->updated_by = by->user_id;
	return hist(c, g->person_id, "goal", g->id, "created", NULL, g->title, 1, by);
}

int
store_tx_goal_update(struct store_tx *tx, const struct grant *gr,
    struct goal *g, int64_t from_version,
    const struct plan_author *by)
{
	struct conn *c = tx->conn;
	struct arena a = ARENA_INIT;
	const char *old_title, *old_why, *old_domain, *old_status;
	int64_t old_reached, version = from_version + 1, reached;
	struct stmt *st;
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, g->person_id))
		return ERR_INVALID;
	if ((g->domain == DOM_SUBSTANCE_USE) && !grant_covers(gr, CAT_SUBSTANCE))
		return ERR_INVALID;

	st = STMT(c, "SELECT title, why, domain, status, reached_us, version FROM goal "
	    "WHERE person_id = ?1 AND id = ?2");
	bind_text(st, 1, g->person_id);
	bind_text(st, 2, g->id);
	if ((rc = step_row(c, st, "goal find")) != 0)
		return rc;
	old_title = col_text(&a, st, 0);
	old_why = col_text(&a, st, 1);
	old_domain = col_text(&a, st, 2);
	old_status = col_text(&a, st, 3);
	old_reached = col_int(st, 4);
	if (col_int(st, 5) != from_version)
		rc = ERR_CONFLICT;
	stmt_reset(st);
	if (rc != 0)
		goto out;

	if (g->status != ST_REACHED)
		reached = 0;
	else if (same_text(old_status, "reached") && old_reached != 0)
		reached = old_reached;
	else
		reached = by->now;

	st = STMT(c, "UPDATE goal SET title = ?3, why = ?4, text_lang = ?5, domain = ?6, "
	    "status = ?7, reached_us = ?8, version = ?9, updated_us = ?10, updated_by = ?11 "
	    "WHERE person_id = ?1 AND id = ?2 AND version = ?12");
	bind_text(st, 1, g->person_id);
	bind_text(st, 2, g->id);
	bind_text(st, 3, g->title);
	bind_text(st, 4, g->why);
	bind_text(st, 5, g->text_lang);
	bind_text(st, 6, domain_code(g->domain));
	bind_text(st, 7, item_status_code(g->status));
	bind_us(st, 8, reached);
	bind_int(st, 9, version);
	bind_int(st, 10, by->now);
	bind_text(st, 11, by->user_id);
	bind_int(st, 12, from_version);
	rc = step_changed(c, st, "goal update");
	if (rc == ERR_NOT_FOUND)
		rc = ERR_CONFLICT;
	if (rc == 0)
		rc = hist(c, g->person_id, "goal", g->id, "title", old_title, g->title, version, by);
	if (rc == 0)
		rc = hist(c, g->person_id, "goal", g->id, "why", old_why, g->why, version, by);
	if (rc == 0)
		rc = hist(c, g->person_id, "goal", g->id, "domain", old_domain,
		    domain_code(g->domain), version, by);
	if (rc == 0)
		rc = hist(c, g->person_id, "goal", g->id, "status", old_status,
		    item_status_code(g->status), version, by);
	if (rc == 0) {
		g->version = version;
		g->reached_us = reached;
		g->updated_us = by->now;
		g->updated_by = by->user_id;
	}
out:
	arena_free(&a);
	return rc;
}

/* Steps */

#define STEP_COLS "s.person_id, s.id, s.goal_id, s.title, s.owner_kind, " \
	"s.owner_member_id, s.owner_org_id, " \
	"CASE s.owner_kind WHEN 'member' THEN coalesce(mu.display_name, m.name) " \
	"WHEN 'organisation' THEN o.name END, s.due_date, s.status, s.version, " \
	"s.created_us, s.updated_us, s.created_by, s.updated_by"
#define STEP_JOINS "LEFT JOIN network_member m ON m.person_id = s.person_id " \
	"AND m.id = s.owner_member_id LEFT JOIN user_account mu ON mu.id = m.user_id " \
	"LEFT JOIN organisation o ON o.id = s.owner_org_id "

static void
read_step(struct arena *a, struct stmt *st, void *row)
{
	struct step *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->goal_id = col_text(a, st, 2);
	x->title = col_text(a, st, 3);
	if (!step_owner_parse(col_cstr(st, 4), &x->owner_kind))
		x->owner_kind = OWNER_PERSON;
	x->owner_member_id = col_text(a, st, 5);
	x->owner_org_id = col_text(a, st, 6);
	x->owner_name = col_text(a, st, 7);
	x->due_date = col_text(a, st, 8);
	x->status = col_status(st, 9);
	x->version = col_int(st, 10);
	x->created_us = col_int(st, 11);
	x->updated_us = col_int(st, 12);
	x->created_by = col_text(a, st, 13);
	x->updated_by = col_text(a, st, 14);
}

int
store_steps(struct store *s, struct arena *a, const struct grant *g,
    struct step **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " STEP_COLS " FROM step s " STEP_JOINS
	    "WHERE s.person_id = ?1 AND (?2 = 1 OR NOT " SUBSTANCE_STEP ") "
	    "ORDER BY s.goal_id, s.due_date IS NULL, s.due_date, s.created_us, s.id");
	bind_text(st, 1, person_id);
	bind_int(st, 2, substance(g));
	rc = rows_collect(st, a, 16, sizeof(**out), read_step, &rows, n, __func__,
	    "steps");
	*out = rows;
	return rc;
}

int
store_step_get(struct store *s, struct arena *a, const struct grant *g,
    const char *step_id, struct step *out)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " STEP_COLS " FROM step s " STEP_JOINS
	    "WHERE s.person_id = ?1 AND s.id = ?2 AND (?3 = 1 OR NOT " SUBSTANCE_STEP ")");
	bind_text(st, 1, person_id);
	bind_text(st, 2, step_id);
	bind_int(st, 3, substance(g));
	if ((rc = step_row(c, st, "step get")) != 0)
		return rc == ERR_NOT_FOUND ? withheld(c, person_id, NULL, step_id, NULL) : rc;
	read_step(a, st, out);
	stmt_reset(st);
	return 0;
}

/* The owner as people read it in the history: "person", or the member's
 * or organisation's name (its id if it has none). */
static const char *
owner_text(struct conn *c, struct arena *a, const char *person_id, enum step_owner kind,
    const char *member_id, const char *org_id)
{
	struct stmt *st;
	const char *name = NULL;

	if (kind == OWNER_PERSON)
		return step_owner_code(kind);
	if (kind == OWNER_MEMBER) {
		st = STMT(c, "SELECT coalesce(u.display_name, m.name) FROM network_member m "
		    "LEFT JOIN user_account u ON u.id = m.user_id "
		    "WHERE m.person_id = ?1 AND m.id = ?2");
		bind_text(st, 1, person_id);
		bind_text(st, 2, member_id);
	} else {
		st = STMT(c, "SELECT name FROM organisation WHERE id = ?1");
		bind_text(st, 1, org_id);
	}
	if (stmt_step(st, __func__) == STMT_ROW)
		name = col_text(a, st, 0);
	stmt_reset(st);
	if (name == NULL)
		name = kind == OWNER_MEMBER ? member_id : org_id;
	return name;
}

int
store_tx_step_insert(struct store_tx *tx, const struct grant *gr,
    struct step *x, const struct plan_author *by)
{
	struct conn *c = tx->conn;
	struct stmt *st = STMT(c, "INSERT INTO step (person_id, id, goal_id, title, "
	    "owner_kind, owner_member_id, owner_org_id, due_date, status, version, "
	    "created_us, created_by, updated_us, updated_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, ?10, ?11, ?10, ?11)");
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, x->person_id))
		return ERR_INVALID;

	if (x->created_us == 0)
		x->created_us = by->now;
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->goal_id);
	bind_text(st, 4, x->title);
	bind_text(st, 5, step_owner_code(x->owner_kind));
	bind_text(st, 6, x->owner_kind == OWNER_MEMBER ? x->owner_member_id : NULL);
	bind_text(st, 7, x->owner_kind == OWNER_ORGANISATION ? x->owner_org_id : NULL);
	bind_opt(st, 8, x->due_date);
	bind_text(st, 9, item_status_code(x->status));
	bind_int(st, 10, x->created_us);
	bind_text(st, 11, by->user_id);
	if ((rc = step_done(c, st, "step insert")) != 0)
		return rc;
	x->version = 1;
	x->updated_us = x->created_us;
	x->created_by = x->updated_by = by->user_id;
	return hist(c, x->person_id, "step", x->id, "created", NULL, x->title, 1, by);
}

int
store_tx_step_update(struct store_tx *tx, const struct grant *gr,
    struct step *x, int64_t from_version,
    const struct plan_author *by)
{
	struct conn *c = tx->conn;
	struct arena a = ARENA_INIT;
	const char *old_title, *old_due, *old_status, *old_mid, *old_oid;
	const char *old_owner, *new_owner;
	enum step_owner old_kind;
	int64_t version = from_version + 1;
	struct stmt *st;
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, x->person_id))
		return ERR_INVALID;

	st = STMT(c, "SELECT title, due_date, status, owner_kind, owner_member_id, "
	    "owner_org_id, version FROM step WHERE person_id = ?1 AND id = ?2");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	if ((rc = step_row(c, st, "step find")) != 0)
		return rc;
	old_title = col_text(&a, st, 0);
	old_due = col_text(&a, st, 1);
	old_status = col_text(&a, st, 2);
	if (!step_owner_parse(col_cstr(st, 3), &old_kind))
		old_kind = OWNER_PERSON;
	old_mid = col_text(&a, st, 4);
	old_oid = col_text(&a, st, 5);
	if (col_int(st, 6) != from_version)
		rc = ERR_CONFLICT;
	stmt_reset(st);
	if (rc != 0)
		goto out;

	st = STMT(c, "UPDATE step SET title = ?3, owner_kind = ?4, owner_member_id = ?5, "
	    "owner_org_id = ?6, due_date = ?7, status = ?8, version = ?9, updated_us = ?10, "
	    "updated_by = ?11 WHERE person_id = ?1 AND id = ?2 AND version = ?12");
	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->title);
	bind_text(st, 4, step_owner_code(x->owner_kind));
	bind_text(st, 5, x->owner_kind == OWNER_MEMBER ? x->owner_member_id : NULL);
	bind_text(st, 6, x->owner_kind == OWNER_ORGANISATION ? x->owner_org_id : NULL);
	bind_opt(st, 7, x->due_date);
	bind_text(st, 8, item_status_code(x->status));
	bind_int(st, 9, version);
	bind_int(st, 10, by->now);
	bind_text(st, 11, by->user_id);
	bind_int(st, 12, from_version);
	rc = step_changed(c, st, "step update");
	if (rc == ERR_NOT_FOUND)
		rc = ERR_CONFLICT;
	if (rc != 0)
		goto out;
	rc = hist(c, x->person_id, "step", x->id, "title", old_title, x->title, version, by);
	if (rc == 0)
		rc = hist(c, x->person_id, "step", x->id, "status", old_status,
		    item_status_code(x->status), version, by);
	if (rc == 0)
		rc = hist(c, x->person_id, "step", x->id, "due_date", old_due, x->due_date,
		    version, by);
	if (rc == 0 && (old_kind != x->owner_kind
	    || (x->owner_kind == OWNER_MEMBER && !same_text(old_mid, x->owner_member_id))
	    || (x->owner_kind == OWNER_ORGANISATION && !same_text(old_oid, x->owner_org_id)))) {
		old_owner = owner_text(c, &a, x->person_id, old_kind, old_mid, old_oid);
		new_owner = owner_text(c, &a, x->person_id, x->owner_kind, x->owner_member_id,
		    x->owner_org_id);
		/* Two owners with the same name still read as a change. */
		if (same_text(old_owner, new_owner))
			new_owner = arena_printf(&a, "%s (%s)", new_owner ? new_owner : "",
			    step_owner_code(x->owner_kind));
		rc = hist(c, x->person_id, "step", x->id, "owner", old_owner, new_owner,
		    version, by);
	}
	if (rc == 0) {
		x->version = version;
		x->updated_us = by->now;
		x->updated_by = by->user_id;
	}
out:
	arena_free(&a);
	return rc;
}

static void
read_person_id(struct arena *a, struct stmt *st, void *row)
{
	const char **id = row;

	*id = col_text(a, st, 0);
}

int
store_task_persons(struct store *s, struct arena *a, const struct list_grant *l,
    const char *today, const char ***out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT DISTINCT s.person_id FROM step s JOIN network_member m "
	    "ON m.person_id = s.person_id AND m.id = s.owner_member_id "
	    "WHERE s.owner_kind = 'member' AND m.user_id = ?1 "
	    "AND (m.until_date IS NULL OR m.until_date >= ?2) "
	    "AND s.status NOT IN ('reached', 'let_go') ORDER BY s.person_id");
	bind_text(st, 1, list_grant_user(l));
	bind_text(st, 2, today);
	rc = rows_collect(st, a, 16, sizeof(**out), read_person_id, &rows, n, __func__,
	    "task persons");
	*out = rows;
	return rc;
}

int
store_tasks_of(struct store *s, struct arena *a, const struct grant *g,
    const struct list_grant *l, const char *today, size_t limit, struct task **out,
    size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	st = STMT(c, "SELECT " STEP_COLS ", coalesce(nullif(p.preferred_name, ''), "
	    "p.display_name), g.title, g.domain, p.name_sort FROM step s " STEP_JOINS
	    "JOIN goal g ON g.person_id = s.person_id AND g.id = s.goal_id "
	    "JOIN person p ON p.id = s.person_id "
	    "WHERE s.person_id = ?1 AND s.owner_kind = 'member' AND m.user_id = ?2 "
	    "AND (m.until_date IS NULL OR m.until_date >= ?3) "
	    "AND s.status NOT IN ('reached', 'let_go') "
	    "AND (g.domain <> 'substance_use' OR ?4 = 1) "
	    "ORDER BY s.due_date IS NULL, s.due_date, s.created_us, s.id LIMIT ?5");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, list_grant_user(l));
	bind_text(st, 3, today);
	bind_int(st, 4, substance(g));
	bind_int(st, 5, (int64_t)limit);
	/* At most limit, into an array of that size: not rows_collect(). */
	while ((rc = stmt_step(st, __func__)) == STMT_ROW && *n < limit) {
		struct task *t = &(*out)[(*n)++];

		read_step(a, st, &t->step);
		t->person_display_name = col_text(a, st, 15);
		t->goal_title = col_text(a, st, 16);
		t->goal_domain = col_domain(st, 17);
		t->person_sort = col_text(a, st, 18);
	}
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "tasks of person");
}

/* Comments */

static void
read_comment(struct arena *a, struct stmt *st, void *row)
{
	struct plan_comment *k = row;

	k->person_id = col_text(a, st, 0);
	k->id = col_text(a, st, 1);
	k->item_kind = col_text(a, st, 2);
	k->item_id = col_text(a, st, 3);
	k->body = col_text(a, st, 4);
	k->body_lang = col_text(a, st, 5);
	k->author_id = col_text(a, st, 6);
	k->author_name = col_text(a, st, 7);
	k->author_org_id = col_text(a, st, 8);
	k->author_org_name = col_text(a, st, 9);
	k->created_us = col_int(st, 10);
}

int
store_plan_comments(struct store *s, struct arena *a, const struct grant *g,
    const char *item_kind, const char *item_id, struct plan_comment **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT k.person_id, k.id, k.item_kind, k.item_id, k.body, k.body_lang, "
	    "k.author_id, u.display_name, k.author_org_id, o.name, k.created_us "
	    "FROM plan_comment k LEFT JOIN user_account u ON u.id = k.author_id "
	    "LEFT JOIN organisation o ON o.id = k.author_org_id "
	    "WHERE k.person_id = ?1 AND k.item_kind = ?2 AND k.item_id = ?3 "
	    "AND (?4 = 1 OR NOT " SUBSTANCE_ITEM("k.item_kind", "k.item_id") ") "
	    "ORDER BY k.created_us, k.id");
	bind_text(st, 1, person_id);
	bind_text(st, 2, item_kind);
	bind_text(st, 3, item_id);
	bind_int(st, 4, substance(g));
	rc = rows_collect(st, a, 8, sizeof(**out), read_comment, &rows, n, __func__,
	    "plan comments");
	*out = rows;
	return rc;
}

int
store_tx_plan_comment_insert(struct store_tx *tx, const struct grant *gr,
    const struct plan_comment *k)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO plan_comment (person_id, id, item_kind, "
	    "item_id, body, body_lang, author_id, author_org_id, created_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, k->person_id))
		return ERR_INVALID;

	bind_text(st, 1, k->person_id);
	bind_text(st, 2, k->id);
	bind_text(st, 3, k->item_kind);
	bind_text(st, 4, k->item_id);
	bind_text(st, 5, k->body);
	bind_text(st, 6, k->body_lang);
	bind_text(st, 7, k->author_id);
	bind_text(st, 8, k->author_org_id);
	bind_int(st, 9, k->created_us);
	return step_done(tx->conn, st, "plan comment insert");
}

/* The relapse-prevention plan */

int
store_relapse_plan(struct store *s, struct arena *a, const struct grant *g,
    struct relapse_plan *out)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	out->person_id = person_id;
	/* Triggers, places and people: substance-use details. */
	if (!grant_covers(g, CAT_SUBSTANCE))
		return STORE_WITHHELD;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT triggers, warning_signs, what_helps, people_to_call, "
	    "if_i_lapse, text_lang, version, updated_us, updated_by FROM relapse_plan "
	    "WHERE person_id = ?1");
	bind_text(st, 1, person_id);
	rc = step_row(c, st, "relapse plan");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	out->triggers = col_text(a, st, 0);
	out->warning_signs = col_text(a, st, 1);
	out->what_helps = col_text(a, st, 2);
	out->people_to_call = col_text(a, st, 3);
	out->if_i_lapse = col_text(a, st, 4);
	out->text_lang = col_text(a, st, 5);
	out->version = col_int(st, 6);
	out->updated_us = col_int(st, 7);
	out->updated_by = col_text(a, st, 8);
	stmt_reset(st);
	return 0;
}

int
store_tx_relapse_plan_save(struct store_tx *tx, const struct grant *gr,
    struct relapse_plan *p,
    int64_t from_version, const struct plan_author *by)
{
	struct conn *c = tx->conn;
	struct arena a = ARENA_INIT;
	const char *old[5] = {NULL, NULL, NULL, NULL, NULL};
	const char *now[5] = {p->triggers, p->warning_signs, p->what_helps, p->people_to_call,
	    p->if_i_lapse};
	static const char *const fields[5] = {"triggers", "warning_signs", "what_helps",
	    "people_to_call", "if_i_lapse"};
	struct stmt *st;
	int64_t version = from_version + 1;
	int i, rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, p->person_id))
		return ERR_INVALID;
	if ((true) && !grant_covers(gr, CAT_SUBSTANCE))
		return ERR_INVALID;

	st = STMT(c, "SELECT triggers, warning_signs, what_helps, people_to_call, if_i_lapse, "
	    "version FROM relapse_plan WHERE person_id = ?1");
	bind_text(st, 1, p->person_id);
	rc = step_row(c, st, "relapse plan find");
	if (rc == 0) {
		for (i = 0; i < 5; i++)
			old[i] = col_text(&a, st, i);
		if (col_int(st, 5) != from_version || from_version == 0)
			rc = ERR_CONFLICT;
		stmt_reset(st);
		if (rc != 0)
			goto out;
		st = STMT(c, "UPDATE relapse_plan SET triggers = ?2, warning_signs = ?3, "
		    "what_helps = ?4, people_to_call = ?5, if_i_lapse = ?6, text_lang = ?7, "
		    "version = ?8, updated_us = ?9, updated_by = ?10 "
		    "WHERE person_id = ?1 AND version = ?11");
		bind_int(st, 11, from_version);
	} else if (rc == ERR_NOT_FOUND) {
		if (from_version != 0) {
			rc = ERR_CONFLICT;
			goto out;
		}
		st = STMT(c, "INSERT INTO relapse_plan (person_id, triggers, warning_signs, "
		    "what_helps, people_to_call, if_i_lapse, text_lang, version, updated_us, "
		    "updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	} else {
		goto out;
	}
	bind_text(st, 1, p->person_id);
	for (i = 0; i < 5; i++)
		bind_text(st, 2 + i, now[i]);
	bind_text(st, 7, p->text_lang);
	bind_int(st, 8, version);
	bind_int(st, 9, by->now);
	bind_text(st, 10, by->user_id);
	rc = step_changed(c, st, "relapse plan save");
	if (rc == ERR_NOT_FOUND)
		rc = ERR_CONFLICT;
	for (i = 0; rc == 0 && i < 5; i++)
		rc = hist(c, p->person_id, "relapse", "relapse", fields[i], old[i], now[i],
		    version, by);
	if (rc == 0) {
		p->version = version;
		p->updated_us = by->now;
		p->updated_by = by->user_id;
	}
out:
	arena_free(&a);
	return rc;
}

/* Crisis contacts */

static void
read_crisis_contact(struct arena *a, struct stmt *st, void *row)
{
	struct crisis_contact *k = row;

	k->person_id = col_text(a, st, 0);
	k->id = col_text(a, st, 1);
	k->name = col_text(a, st, 2);
	k->phone = col_text(a, st, 3);
	k->note = col_text(a, st, 4);
	k->position = (int)col_int(st, 5);
}

int
store_crisis_contacts(struct store *s, struct arena *a, const struct grant *g,
    struct crisis_contact **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT person_id, id, name, phone, note, position FROM crisis_contact "
	    "WHERE person_id = ?1 ORDER BY position, id");
	bind_text(st, 1, person_id);
	rc = rows_collect(st, a, CRISIS_CONTACTS_MAX, sizeof(**out), read_crisis_contact,
	    &rows, n, __func__, "crisis contacts");
	*out = rows;
	return rc;
}

/* Appends "name: phone (note)" to a list text, "; " between entries. */
static char *
contact_text(struct arena *a, char *text, const char *name, const char *phone,
    const char *note)
{
	bool has_note = note != NULL && *note != '\0';

	return arena_printf(a, "%s%s%s: %s%s%s%s", text ? text : "", text ? "; " : "",
	    name ? name : "", phone ? phone : "", has_note ? " (" : "",
	    has_note ? note : "", has_note ? ")" : "");
}

int
store_tx_crisis_contacts_set(struct store_tx *tx, const struct grant *gr,
    const char *person_id,
    const struct crisis_contact *list, size_t n, const struct plan_author *by)
{
	struct conn *c = tx->conn;
	struct arena a = ARENA_INIT;
	char *before = NULL, *after = NULL;
	struct stmt *st;
	int64_t version = 1;
	size_t i;
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, person_id))
		return ERR_INVALID;

	st = STMT(c, "SELECT name, phone, note FROM crisis_contact WHERE person_id = ?1 "
	    "ORDER BY position, id");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW)
		before = contact_text(&a, before, col_cstr(st, 0),
		    col_cstr(st, 1),
		    col_cstr(st, 2));
	stmt_reset(st);
	if (rc != STMT_DONE) {
		rc = db_error(c, rc, "crisis contacts old");
		goto out;
	}

	st = STMT(c, "DELETE FROM crisis_contact WHERE person_id = ?1");
	bind_text(st, 1, person_id);
	if ((rc = step_done(c, st, "crisis contacts clear")) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		char fresh[ID_LEN + 1];

		st = STMT(c, "INSERT INTO crisis_contact (person_id, id, name, phone, note, "
		    "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
		if (list[i].id == NULL)
			id_new(fresh);
		bind_text(st, 1, person_id);
		bind_text(st, 2, list[i].id != NULL ? list[i].id : fresh);
		bind_text(st, 3, list[i].name);
		bind_text(st, 4, list[i].phone);
		bind_text(st, 5, list[i].note);
		bind_int(st, 6, (int)i);
		if ((rc = step_done(c, st, "crisis contact insert")) != 0)
			goto out;
		after = contact_text(&a, after, list[i].name, list[i].phone, list[i].note);
	}

	/* The list has no version of its own: number its changes. */
	st = STMT(c, "SELECT coalesce(max(version), 0) + 1 FROM plan_history "
	    "WHERE person_id = ?1 AND item_kind = 'crisis'");
	bind_text(st, 1, person_id);
	if ((rc = step_row(c, st, "crisis contacts version")) != 0) {
		if (rc == ERR_NOT_FOUND)
			rc = ERR_DB;
		goto out;
	}
	version = col_int(st, 0);
	stmt_reset(st);
	rc = hist(c, person_id, "crisis", "relapse", "crisis_contacts", before, after,
	    version, by);
out:
	arena_free(&a);
	return rc;
}

/* History */

int
store_plan_history(struct store *s, struct arena *a, const struct grant *g,
    const char *item_kind, const char *item_id, int64_t before, size_t limit,
    struct plan_change **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = limit ? limit : 1;
	int64_t last = 0;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	/* Paging is on changed_us alone, so a page takes in every row of its
	 * last change (one save writes several rows with the same time): it
	 * may hold a few more than limit, and the next page loses none. The
	 * loop stops there itself: not rows_collect(). */
	st = STMT(c, "SELECT h.person_id, h.id, h.item_kind, h.item_id, h.field, h.before, "
	    "h.after, h.changed_us, h.version, h.changed_by, u.display_name, "
	    "h.changed_org_id, o.name FROM plan_history h "
	    "LEFT JOIN user_account u ON u.id = h.changed_by "
	    "LEFT JOIN organisation o ON o.id = h.changed_org_id "
	    "WHERE h.person_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR h.item_kind = ?2) "
	    "AND (CAST(?3 AS TEXT) IS NULL OR h.item_id = ?3) AND h.changed_us < ?4 "
	    "AND (?5 = 1 OR NOT (" SUBSTANCE_ITEM("h.item_kind", "h.item_id") " OR "
	    "(h.field = 'domain' AND 'substance_use' IN (coalesce(h.before, ''), "
	    "coalesce(h.after, ''))))) "
	    "ORDER BY h.changed_us DESC, h.item_kind, h.item_id, h.field, h.id");
	bind_text(st, 1, person_id);
	bind_text(st, 2, item_kind);
	bind_text(st, 3, item_id);
	bind_int(st, 4, before > 0 ? before : INT64_MAX);
	bind_int(st, 5, substance(g));
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct plan_change *h;
		int64_t at = col_int(st, 7);

		if (*n >= limit && (*n == 0 || at != last))
			break;
		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		h = &(*out)[(*n)++];
		h->person_id = col_text(a, st, 0);
		h->id = col_text(a, st, 1);
		h->item_kind = col_text(a, st, 2);
		h->item_id = col_text(a, st, 3);
		h->field = col_text(a, st, 4);
		h->before = col_text(a, st, 5);
		h->after = col_text(a, st, 6);
		h->changed_us = at;
		h->version = col_int(st, 8);
		h->changed_by = col_text(a, st, 9);
		h->changed_by_name = col_text(a, st, 10);
		h->changed_org_id = col_text(a, st, 11);
		h->changed_org_name = col_text(a, st, 12);
		last = at;
	}
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "plan history");
}

int
store_goals_reached_by_month(struct store *s, struct arena *a, const struct grant *g,
    struct month_count **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 12;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	/* Months (UTC) counted here: the two databases name them differently.
	 * Rows of one month fold into one item: not rows_collect(). */
	st = STMT(c, "SELECT reached_us FROM goal WHERE person_id = ?1 AND status = 'reached' "
	    "AND reached_us IS NOT NULL AND (domain <> 'substance_use' OR ?2 = 1) "
	    "ORDER BY reached_us");
	bind_text(st, 1, person_id);
	bind_int(st, 2, substance(g));
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		time_t t = (time_t)(col_int(st, 0) / 1000000);
		char month[16];
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(month, sizeof(month), "%Y-%m", &tm);
		if (*n > 0 && strcmp((*out)[*n - 1].month, month) == 0) {
			(*out)[*n - 1].count++;
			continue;
		}
		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		(*out)[*n].month = arena_strdup(a, month);
		(*out)[(*n)++].count = 1;
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "goals reached by month");
}
