#include "test.h"
#include "tmpdir.h"

#include <sodium.h>

#include "access/door.h"
#include "access/grant_def.h"
#include "base/arena.h"
#include "base/err.h"
#include "base/id.h"
#include "store/backend.h"
#include "store/plan.h"
#include "store/store.h"

static struct store *s;

/* A grant to all of a person's plan, as the command line has it. */
#define G(a, person) door_command_line((a), (person))

#define T0 INT64_C(1767225600000000)    /* 2026-01-01T00:00:00Z */
#define DAY INT64_C(86400000000)

/* Two organisations, three accounts, two persons; peter is in both
 * persons' networks now, and was once before in Anna's under Havnely. */
static int
fixture(struct store_tx *tx, void *arg)
{
	(void)arg;
	return conn_exec(tx->conn,
	    "INSERT INTO organisation (id, name, name_key, sector, time_zone, created_us) VALUES "
	    "('org1', 'Nordlys', 'nordlys', 'addiction_treatment', 'Europe/Copenhagen', 0), "
	    "('org2', 'Havnely', 'havnely', 'housing', 'Europe/Copenhagen', 0);"
	    "INSERT INTO user_account (id, username, username_key, display_name, kind, created_us) "
	    "VALUES ('u1', 'peter', 'peter', 'Peter Holm', 'staff', 0), "
	    "('u2', 'karin', 'karin', 'Karin Bech', 'staff', 0), "
	    "('u3', 'mette', 'mette', 'Mette L', 'person', 0);"
	    "INSERT INTO person (id, display_name, name_key, name_sort, preferred_name, "
	    "home_org_id, user_id, time_zone, created_us, updated_us) VALUES "
	    "('p1', 'Mette Larsen', 'mette larsen', 'm', NULL, 'org1', 'u3', "
	    "'Europe/Copenhagen', 0, 0), "
	    "('p2', 'Anna Sørensen', 'anna sørensen', 'a', 'Annie', 'org1', NULL, "
	    "'Europe/Copenhagen', 0, 0);"
	    "INSERT INTO network_member (person_id, id, user_id, org_id, role, name, from_date, "
	    "until_date, created_us) VALUES "
	    "('p1', 'm1', 'u1', 'org1', 'professional', NULL, '2025-01-01', NULL, 0), "
	    "('p2', 'm2', 'u1', 'org1', 'professional', NULL, '2025-01-01', '2026-12-31', 0), "
	    "('p2', 'm3', 'u1', 'org2', 'professional', NULL, '2024-01-01', '2025-06-30', 0), "
	    "('p1', 'm4', 'u2', 'org1', 'coordinator', NULL, '2025-01-01', NULL, 0), "
	    "('p1', 'm5', NULL, NULL, 'family', 'Birgit', '2025-01-01', NULL, 0);");
}

struct op {
	int (*fn)(struct store_tx *, struct op *);
	struct plan_domain *d;
	struct goal *g;
	struct step *st;
	struct relapse_plan *rp;
	const struct crisis_contact *cc;
	size_t ncc;
	const struct plan_comment *k;
	const char *person_id;
	enum domain dom;
	int rating;
	int64_t from;
	struct plan_author by;
	const struct grant *gr;    /* NULL: the operator's, for the item's person */
};

static struct arena grants = ARENA_INIT;
#define W(o, person) ((o)->gr != NULL ? (o)->gr : G(&grants, (person)))

static int
run_op(struct store_tx *tx, void *arg)
{
	struct op *o = arg;

	return o->fn(tx, o);
}

static int
do_domain(struct store_tx *tx, struct op *o)
{
	return store_tx_plan_domain_save(tx, W(o, o->d->person_id), o->d, o->from, &o->by);
}

static int
do_goal_insert(struct store_tx *tx, struct op *o)
{
	return store_tx_goal_insert(tx, W(o, o->g->person_id), o->g, &o->by);
}

static int
do_goal_update(struct store_tx *tx, struct op *o)
{
	return store_tx_goal_update(tx, W(o, o->g->person_id), o->g, o->from, &o->by);
}

static int
do_step_insert(struct store_tx *tx, struct op *o)
{
	return store_tx_step_insert(tx, W(o, o->st->person_id), o->st, &o->by);
}

static int
do_step_update(struct store_tx *tx, struct op *o)
{
	return store_tx_step_update(tx, W(o, o->st->person_id), o->st, o->from, &o->by);
}

static int
do_rating(struct store_tx *tx, struct op *o)
{
	return store_tx_plan_rating_add(tx, W(o, o->person_id), o->person_id, o->dom, o->rating,
	    &o->by);
}

static int
do_relapse(struct store_tx *tx, struct op *o)
{
	return store_tx_relapse_plan_save(tx, W(o, o->rp->person_id), o->rp, o->from, &o->by);
}

static int
do_crisis(struct store_tx *tx, struct op *o)
{
	return store_tx_crisis_contacts_set(tx, W(o, o->person_id), o->person_id, o->cc, o->ncc,
	    &o->by);
}

static int
do_comment(struct store_tx *tx, struct op *o)
{
	return store_tx_plan_comment_insert(tx, W(o, o->k->person_id), o->k);
}

static struct plan_author
by_at(const char *user, const char *org, int64_t now)
{
	struct plan_author b = {user, org, now};

	return b;
}

static int
write_op(int (*fn)(struct store_tx *, struct op *), struct op *o)
{
	int rc;

	o->fn = fn;
	rc = store_write(s, run_op, o);
	store_request_end(s);
	return rc;
}

static size_t
history(struct arena *a, const char *person, const char *kind, const char *item,
    struct plan_change **h)
{
	size_t n;

	assert_int_equal(store_plan_history(s, a, G(a, person), kind, item, 0, 100, h, &n), 0);
	return n;
}

static const struct plan_change *
find_change(const struct plan_change *h, size_t n, const char *field, int64_t version)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(h[i].field, field) == 0 && h[i].version == version)
			return &h[i];
	return NULL;
}

static void
domains_versioned_with_history(void **state)
{
	struct arena a = ARENA_INIT;
	struct plan_domain all[DOM_COUNT], d = {0};
	struct plan_change *h;
	const struct plan_change *c;
	struct op o = {0};
	size_t n;
	int i;

	(void)state;
	assert_int_equal(store_plan_domains(s, &a, G(&a, "p1"), all), 0);
	for (i = 0; i < DOM_COUNT; i++) {
		assert_int_equal(all[i].domain, i);
		assert_int_equal(all[i].version, 0);
		assert_null(all[i].now_text);
		assert_string_equal(all[i].person_id, "p1");
	}

	d.person_id = "p1";
	d.domain = DOM_HOUSING;
	d.now_text = "A room at my sister's";
	d.strengths = "I keep things tidy";
	d.text_lang = "da";
	o.d = &d;
	o.from = 0;
	o.by = by_at("u3", NULL, T0);
	assert_int_equal(write_op(do_domain, &o), 0);
	assert_int_equal(d.version, 1);

	/* Someone else also starting from "never written" loses. */
	o.from = 0;
	d.now_text = "Other";
	assert_int_equal(write_op(do_domain, &o), ERR_CONFLICT);
	/* A version that does not exist yet, for a row that does not exist. */
	d.domain = DOM_FINANCES;
	o.from = 3;
	assert_int_equal(write_op(do_domain, &o), ERR_CONFLICT);
	assert_int_equal(store_plan_domains(s, &a, G(&a, "p1"), all), 0);
	assert_int_equal(all[DOM_FINANCES].version, 0);

	d.domain = DOM_HOUSING;
	d.now_text = "My own flat soon";
	d.hopes = "A garden";
	o.from = 1;
	o.by = by_at("u1", "org1", T0 + DAY);
	assert_int_equal(write_op(do_domain, &o), 0);
	assert_int_equal(d.version, 2);

	/* A second update from the old version: conflict, nothing changed. */
	d.now_text = "Lost update";
	o.from = 1;
	o.by = by_at("u2", "org1", T0 + 2 * DAY);
	assert_int_equal(write_op(do_domain, &o), ERR_CONFLICT);

	assert_int_equal(store_plan_domains(s, &a, G(&a, "p1"), all), 0);
	assert_int_equal(all[DOM_HOUSING].version, 2);
	assert_string_equal(all[DOM_HOUSING].now_text, "My own flat soon");
	assert_string_equal(all[DOM_HOUSING].strengths, "I keep things tidy");
	assert_string_equal(all[DOM_HOUSING].hopes, "A garden");
	assert_string_equal(all[DOM_HOUSING].text_lang, "da");
	assert_string_equal(all[DOM_HOUSING].updated_by, "u1");
	assert_string_equal(all[DOM_HOUSING].updated_by_name, "Peter Holm");
	assert_int_equal(all[DOM_HOUSING].updated_us, T0 + DAY);
	assert_int_equal(all[DOM_SUBSTANCE_USE].version, 0);

	n = history(&a, "p1", "domain", "housing", &h);
	assert_int_equal(n, 4);   /* v1: now_text, strengths; v2: now_text, hopes */
	assert_int_equal(h[0].version, 2);      /* newest first */
	assert_int_equal(h[3].version, 1);
	c = find_change(h, n, "now_text", 2);
	assert_non_null(c);
	assert_string_equal(c->before, "A room at my sister's");
	assert_string_equal(c->after, "My own flat soon");
	assert_string_equal(c->changed_by, "u1");
	assert_string_equal(c->changed_by_name, "Peter Holm");
	assert_string_equal(c->changed_org_id, "org1");
	assert_string_equal(c->changed_org_name, "Nordlys");
	assert_int_equal(c->changed_us, T0 + DAY);
	assert_string_equal(c->item_kind, "domain");
	assert_string_equal(c->item_id, "housing");
	c = find_change(h, n, "hopes", 2);
	assert_non_null(c);
	assert_null(c->before);
	assert_string_equal(c->after, "A garden");
	c = find_change(h, n, "strengths", 1);
	assert_non_null(c);
	assert_null(c->changed_org_id);
	assert_null(find_change(h, n, "strengths", 2));   /* unchanged: no row */
	assert_null(find_change(h, n, "matters_most", 1));
	arena_free(&a);
}

static void
goals_versioned_and_reached(void **state)
{
	struct arena a = ARENA_INIT;
	struct goal g = {0}, g2 = {0}, got, *gs;
	struct plan_change *h;
	const struct plan_change *c;
	struct month_count *mc;
	struct op o = {0};
	size_t n;

	(void)state;
	g.person_id = "p1";
	g.id = "g1";
	g.title = "Find a flat";
	g.why = "Peace";
	g.domain = DOM_HOUSING;
	g.status = ST_NOT_STARTED;
	o.g = &g;
	o.by = by_at("u3", NULL, T0);
	assert_int_equal(write_op(do_goal_insert, &o), 0);
	assert_int_equal(g.version, 1);
	assert_int_equal(g.created_us, T0);

	g2.person_id = "p1";
	g2.id = "g2";
	g2.title = "Cut down";
	g2.domain = DOM_SUBSTANCE_USE;
	g2.status = ST_IN_PROGRESS;
	o.g = &g2;
	o.by = by_at("u1", "org1", T0 + 1);
	assert_int_equal(write_op(do_goal_insert, &o), 0);

	/* Ordered by domain (enum order), then created. */
	assert_int_equal(store_goals(s, &a, G(&a, "p1"), &gs, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(gs[0].id, "g2");
	assert_string_equal(gs[1].id, "g1");
	assert_int_equal(gs[1].reached_us, 0);

	/* Reached: reached_us is the time of the change. */
	g.title = "Find my own flat";
	g.status = ST_REACHED;
	o.g = &g;
	o.from = 1;
	o.by = by_at("u1", "org1", T0 + 10 * DAY);
	assert_int_equal(write_op(do_goal_update, &o), 0);
	assert_int_equal(g.version, 2);
	assert_int_equal(g.reached_us, T0 + 10 * DAY);

	/* Old version again: conflict, nothing changed. */
	g.title = "Stale";
	g.status = ST_LET_GO;
	o.from = 1;
	assert_int_equal(write_op(do_goal_update, &o), ERR_CONFLICT);
	assert_int_equal(store_goal_get(s, &a, G(&a, "p1"), "g1", &got), 0);
	assert_string_equal(got.title, "Find my own flat");
	assert_int_equal(got.status, ST_REACHED);
	assert_int_equal(got.version, 2);
	assert_int_equal(got.reached_us, T0 + 10 * DAY);
	assert_string_equal(got.updated_by_name, "Peter Holm");
	assert_string_equal(got.created_by, "u3");

	/* Still reached, edited later: the date it was reached stays. */
	g.title = "Found my own flat";
	g.status = ST_REACHED;
	o.from = 2;
	o.by = by_at("u3", NULL, T0 + 40 * DAY);
	assert_int_equal(write_op(do_goal_update, &o), 0);
	assert_int_equal(g.reached_us, T0 + 10 * DAY);
	assert_int_equal(store_goal_get(s, &a, G(&a, "p1"), "g1", &got), 0);
	assert_int_equal(got.reached_us, T0 + 10 * DAY);

	assert_int_equal(store_goal_get(s, &a, G(&a, "p1"), "nope", &got), ERR_NOT_FOUND);

	n = history(&a, "p1", "goal", "g1", &h);
	assert_int_equal(n, 4);   /* created, v2 title + status, v3 title */
	c = find_change(h, n, "created", 1);
	assert_non_null(c);
	assert_null(c->before);
	assert_string_equal(c->after, "Find a flat");
	c = find_change(h, n, "status", 2);
	assert_non_null(c);
	assert_string_equal(c->before, "not_started");
	assert_string_equal(c->after, "reached");
	c = find_change(h, n, "title", 3);
	assert_non_null(c);
	assert_string_equal(c->before, "Find my own flat");
	assert_string_equal(c->after, "Found my own flat");
	assert_null(find_change(h, n, "why", 2));

	/* Reached by month, before it goes back to in progress. */
	g2.status = ST_REACHED;
	o.g = &g2;
	o.from = 1;
	o.by = by_at("u1", "org1", T0 + 45 * DAY);     /* 2026-02-15 */
	assert_int_equal(write_op(do_goal_update, &o), 0);
	assert_int_equal(store_goals_reached_by_month(s, &a, G(&a, "p1"), &mc, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(mc[0].month, "2026-01");
	assert_int_equal(mc[0].count, 1);
	assert_string_equal(mc[1].month, "2026-02");
	assert_int_equal(mc[1].count, 1);

	/* Leaving reached clears the date. */
	g2.status = ST_IN_PROGRESS;
	g2.domain = DOM_MENTAL_HEALTH;
	o.from = 2;
	o.by = by_at("u1", "org1", T0 + 50 * DAY);
	assert_int_equal(write_op(do_goal_update, &o), 0);
	assert_int_equal(g2.reached_us, 0);
	assert_int_equal(store_goal_get(s, &a, G(&a, "p1"), "g2", &got), 0);
	assert_int_equal(got.reached_us, 0);
	assert_int_equal(got.domain, DOM_MENTAL_HEALTH);
	n = history(&a, "p1", "goal", "g2", &h);
	c = find_change(h, n, "domain", 3);
	assert_non_null(c);
	assert_string_equal(c->before, "substance_use");
	assert_string_equal(c->after, "mental_health");
	assert_int_equal(store_goals_reached_by_month(s, &a, G(&a, "p1"), &mc, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(mc[0].month, "2026-01");
	arena_free(&a);
}

static void
add_step(const char *person, const char *id, const char *goal, const char *title,
    enum step_owner kind, const char *owner, const char *due, enum item_status status,
    int64_t at)
{
	struct step x = {0};
	struct op o = {0};

	x.person_id = person;
	x.id = id;
	x.goal_id = goal;
	x.title = title;
	x.owner_kind = kind;
	if (kind == OWNER_MEMBER)
		x.owner_member_id = owner;
	else if (kind == OWNER_ORGANISATION)
		x.owner_org_id = owner;
	x.due_date = due;
	x.status = status;
	o.st = &x;
	o.by = by_at("u1", "org1", at);
	assert_int_equal(write_op(do_step_insert, &o), 0);
	assert_int_equal(x.version, 1);
}

static void
add_goal(const char *person, const char *id, const char *title, enum domain d)
{
	struct goal g = {0};
	struct op o = {0};

	g.person_id = person;
	g.id = id;
	g.title = title;
	g.domain = d;
	g.status = ST_IN_PROGRESS;
	o.g = &g;
	o.by = by_at("u1", "org1", T0);
	assert_int_equal(write_op(do_goal_insert, &o), 0);
}

static void
steps_and_tasks(void **state)
{
	struct arena a = ARENA_INIT;
	struct step *xs, x;
	struct task *t;
	struct plan_change *h;
	const struct plan_change *c;
	struct op o = {0};
	const struct list_grant *lg;
	const char **ps;
	size_t n, i, np;

	(void)state;
	add_goal("p1", "gt1", "Work", DOM_WORK_EDUCATION);
	add_goal("p2", "gt2", "Money", DOM_FINANCES);
	add_step("p1", "s1", "gt1", "CV", OWNER_MEMBER, "m1", "2026-03-10", ST_NOT_STARTED, T0);
	add_step("p2", "s2", "gt2", "Budget", OWNER_MEMBER, "m2", "2026-03-01", ST_IN_PROGRESS, T0);
	add_step("p1", "s3", "gt1", "Call", OWNER_MEMBER, "m1", NULL, ST_NOT_STARTED, T0);
	add_step("p1", "s4", "gt1", "Done", OWNER_MEMBER, "m1", "2026-01-01", ST_REACHED, T0);
	add_step("p2", "s5", "gt2", "Dropped", OWNER_MEMBER, "m2", "2026-01-01", ST_LET_GO, T0);
	add_step("p2", "s6", "gt2", "Old job", OWNER_MEMBER, "m3", "2026-01-02", ST_NOT_STARTED, T0);
	add_step("p2", "s7", "gt2", "Org's", OWNER_ORGANISATION, "org2", "2026-01-03", ST_NOT_STARTED, T0);
	add_step("p2", "s8", "gt2", "Sometime", OWNER_MEMBER, "m2", "", ST_NOT_STARTED, T0);
	add_step("p1", "s9", "gt1", "Karin's", OWNER_MEMBER, "m4", "2026-01-01", ST_NOT_STARTED, T0);
	add_step("p1", "s10", "gt1", "Mine", OWNER_PERSON, NULL, "2026-01-01", ST_NOT_STARTED, T0);

	lg = door_command_line_lists(&a, "u1", NULL);
	assert_int_equal(store_task_persons(s, &a, lg, "2026-02-01", &ps, &np), 0);
	assert_int_equal(np, 2);
	assert_string_equal(ps[0], "p1");
	assert_string_equal(ps[1], "p2");
	assert_int_equal(store_tasks_of(s, &a, G(&a, "p2"), lg, "2026-02-01", 50, &t, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].step.id, "s2");        /* due soonest */
	assert_string_equal(t[1].step.id, "s8");        /* no date last */
	assert_null(t[1].step.due_date);
	assert_string_equal(t[0].person_display_name, "Annie");
	assert_string_equal(t[0].goal_title, "Money");
	assert_int_equal(t[0].goal_domain, DOM_FINANCES);
	for (i = 0; i < n; i++)
		assert_string_not_equal(t[i].step.id, "s6");    /* past membership */
	assert_int_equal(store_tasks_of(s, &a, G(&a, "p1"), lg, "2026-02-01", 50, &t, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(t[0].step.id, "s1");
	assert_string_equal(t[1].step.id, "s3");
	assert_string_equal(t[0].person_display_name, "Mette Larsen");
	assert_string_equal(t[0].step.owner_name, "Peter Holm");
	assert_int_equal(store_tasks_of(s, &a, G(&a, "p1"), lg, "2026-02-01", 1, &t, &n), 0);
	assert_int_equal(n, 1);
	/* After Anna's membership ends, only Mette's remain. */
	assert_int_equal(store_task_persons(s, &a, lg, "2027-01-01", &ps, &np), 0);
	assert_int_equal(np, 1);
	assert_string_equal(ps[0], "p1");

	assert_int_equal(store_steps(s, &a, G(&a, "p2"), &xs, &n), 0);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++) {
		if (strcmp(xs[i].id, "s7") == 0) {
			assert_int_equal(xs[i].owner_kind, OWNER_ORGANISATION);
			assert_string_equal(xs[i].owner_name, "Havnely");
		}
	}
	assert_string_equal(xs[n - 1].id, "s8");        /* no date last */

	/* Update: owner to Birgit (no account), due date, status. */
	assert_int_equal(store_step_get(s, &a, G(&a, "p1"), "s1", &x), 0);
	assert_string_equal(x.owner_name, "Peter Holm");
	x.owner_member_id = "m5";
	x.due_date = "2026-04-01";
	x.status = ST_IN_PROGRESS;
	o.st = &x;
	o.from = 1;
	o.by = by_at("u3", NULL, T0 + DAY);
	assert_int_equal(write_op(do_step_update, &o), 0);
	assert_int_equal(x.version, 2);
	x.title = "Stale";
	o.from = 1;
	assert_int_equal(write_op(do_step_update, &o), ERR_CONFLICT);
	assert_int_equal(store_step_get(s, &a, G(&a, "p1"), "s1", &x), 0);
	assert_string_equal(x.title, "CV");
	assert_string_equal(x.owner_name, "Birgit");
	assert_string_equal(x.due_date, "2026-04-01");
	assert_int_equal(x.version, 2);
	assert_int_equal(store_step_get(s, &a, G(&a, "p1"), "zz", &x), ERR_NOT_FOUND);

	n = history(&a, "p1", "step", "s1", &h);
	assert_int_equal(n, 4);   /* created; owner, due_date, status */
	c = find_change(h, n, "owner", 2);
	assert_non_null(c);
	assert_string_equal(c->before, "Peter Holm");
	assert_string_equal(c->after, "Birgit");
	c = find_change(h, n, "due_date", 2);
	assert_non_null(c);
	assert_string_equal(c->before, "2026-03-10");
	assert_string_equal(c->after, "2026-04-01");
	c = find_change(h, n, "status", 2);
	assert_non_null(c);
	assert_string_equal(c->before, "not_started");
	assert_string_equal(c->after, "in_progress");
	c = find_change(h, n, "created", 1);
	assert_non_null(c);
	assert_string_equal(c->after, "CV");
	assert_null(find_change(h, n, "title", 2));
	arena_free(&a);
}

static void
ratings_oldest_first(void **state)
{
	struct arena a = ARENA_INIT;
	struct plan_rating *r;
	struct plan_change *h;
	struct op o = {0};
	size_t n;

	(void)state;
	o.person_id = "p2";
	o.dom = DOM_HOUSING;
	o.rating = 3;
	o.by = by_at("u1", "org1", T0 + 5 * DAY);
	assert_int_equal(write_op(do_rating, &o), 0);
	o.dom = DOM_FAMILY;
	o.rating = 6;
	o.by.now = T0 + 2 * DAY;
	assert_int_equal(write_op(do_rating, &o), 0);
	o.dom = DOM_HOUSING;
	o.rating = 7;
	o.by.now = T0 + 9 * DAY;
	assert_int_equal(write_op(do_rating, &o), 0);

	assert_int_equal(store_plan_ratings(s, &a, G(&a, "p2"), &r, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].domain, DOM_FAMILY);
	assert_int_equal(r[0].rating, 6);
	assert_int_equal(r[1].rating, 3);
	assert_int_equal(r[2].rating, 7);
	assert_int_equal(r[2].rated_us, T0 + 9 * DAY);
	assert_string_equal(r[2].rated_by, "u1");

	n = history(&a, "p2", "rating", "housing", &h);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].field, "rating");
	assert_string_equal(h[0].before, "3");
	assert_string_equal(h[0].after, "7");
	assert_null(h[1].before);
	assert_string_equal(h[1].after, "3");
	arena_free(&a);
}

static void
relapse_and_crisis_contacts(void **state)
{
	struct arena a = ARENA_INIT;
	struct relapse_plan p, got;
	struct crisis_contact *cc;
	struct crisis_contact list[3] = {
		{NULL, NULL, "Birgit", "+45 11 22 33 44", "any time", 0},
		{NULL, "keep-id", "Peter", "+45 55 66 77 88", NULL, 0},
		{NULL, NULL, "Line", "112", NULL, 0},
	};
	struct plan_change *h;
	const struct plan_change *c;
	struct op o = {0};
	size_t n;

	(void)state;
	assert_int_equal(store_relapse_plan(s, &a, G(&a, "p2"), &got), 0);
	assert_int_equal(got.version, 0);
	assert_null(got.triggers);

	memset(&p, 0, sizeof(p));
	p.person_id = "p2";
	p.triggers = "Payday";
	p.what_helps = "A walk";
	o.rp = &p;
	o.by = by_at("u1", "org1", T0);
	assert_int_equal(write_op(do_relapse, &o), 0);
	assert_int_equal(p.version, 1);
	o.from = 0;
	assert_int_equal(write_op(do_relapse, &o), ERR_CONFLICT);
	p.triggers = "Payday, Fridays";
	o.from = 1;
	o.by.now = T0 + DAY;
	assert_int_equal(write_op(do_relapse, &o), 0);
	p.triggers = "Lost";
	o.from = 1;
	assert_int_equal(write_op(do_relapse, &o), ERR_CONFLICT);
	assert_int_equal(store_relapse_plan(s, &a, G(&a, "p2"), &got), 0);
	assert_int_equal(got.version, 2);
	assert_string_equal(got.triggers, "Payday, Fridays");
	assert_string_equal(got.what_helps, "A walk");
	n = history(&a, "p2", "relapse", "relapse", &h);
	assert_int_equal(n, 3);
	c = find_change(h, n, "triggers", 2);
	assert_non_null(c);
	assert_string_equal(c->before, "Payday");

	o.person_id = "p2";
	o.cc = list;
	o.ncc = 3;
	o.by.now = T0 + 2 * DAY;
	assert_int_equal(write_op(do_crisis, &o), 0);
	assert_int_equal(store_crisis_contacts(s, &a, G(&a, "p2"), &cc, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(cc[0].name, "Birgit");
	assert_int_equal(cc[0].position, 0);
	assert_int_equal(strlen(cc[0].id), ID_LEN);
	assert_string_equal(cc[1].id, "keep-id");
	assert_int_equal(cc[2].position, 2);

	/* Replace: Line first, Birgit gone. */
	list[0] = list[2];
	o.ncc = 2;
	o.by.now = T0 + 3 * DAY;
	assert_int_equal(write_op(do_crisis, &o), 0);
	assert_int_equal(store_crisis_contacts(s, &a, G(&a, "p2"), &cc, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(cc[0].name, "Line");
	assert_string_equal(cc[1].name, "Peter");
	assert_int_equal(cc[1].position, 1);

	n = history(&a, "p2", "crisis", NULL, &h);
	assert_int_equal(n, 2);
	assert_string_equal(h[0].field, "crisis_contacts");
	assert_string_equal(h[0].item_id, "relapse");
	assert_int_equal(h[0].version, 2);
	assert_string_equal(h[0].before, "Birgit: +45 11 22 33 44 (any time); "
	    "Peter: +45 55 66 77 88; Line: 112");
	assert_string_equal(h[0].after, "Line: 112; Peter: +45 55 66 77 88");
	assert_null(h[1].before);
	arena_free(&a);
}

static void
comments_per_item(void **state)
{
	struct arena a = ARENA_INIT;
	struct plan_comment k = {0}, *ks;
	struct plan_change *h;
	struct op o = {0};
	size_t n, before;

	(void)state;
	before = history(&a, "p1", NULL, NULL, &h);
	k.person_id = "p1";
	k.item_kind = "goal";
	k.item_id = "g1";
	k.author_id = "u1";
	k.author_org_id = "org1";
	k.id = "c1";
	k.body = "Well done!";
	k.body_lang = "en";
	k.created_us = T0 + 2;
	o.k = &k;
	assert_int_equal(write_op(do_comment, &o), 0);
	k.id = "c2";
	k.body = "Tak";
	k.author_id = "u3";
	k.author_org_id = NULL;
	k.created_us = T0 + 1;
	assert_int_equal(write_op(do_comment, &o), 0);
	k.id = "c3";
	k.item_kind = "domain";
	k.item_id = "housing";
	assert_int_equal(write_op(do_comment, &o), 0);

	assert_int_equal(store_plan_comments(s, &a, G(&a, "p1"), "goal", "g1", &ks, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ks[0].id, "c2");     /* oldest first */
	assert_string_equal(ks[0].author_name, "Mette L");
	assert_null(ks[0].author_org_name);
	assert_string_equal(ks[1].author_org_name, "Nordlys");
	assert_string_equal(ks[1].body_lang, "en");
	assert_int_equal(store_plan_comments(s, &a, G(&a, "p1"), "domain", "housing", &ks, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_plan_comments(s, &a, G(&a, "p1"), "step", "s1", &ks, &n), 0);
	assert_int_equal(n, 0);
	/* Comments are not history. */
	assert_int_equal(history(&a, "p1", NULL, NULL, &h), before);
	arena_free(&a);
}

static void
history_pages_keep_changes_whole(void **state)
{
	struct arena a = ARENA_INIT;
	struct plan_change *h, *all;
	size_t n, total, seen = 0;
	int64_t before = 0;
	int pages = 0;

	(void)state;
	assert_int_equal(store_plan_history(s, &a, G(&a, "p1"), NULL, NULL, 0, 1000, &all, &total), 0);
	assert_true(total > 10);
	for (n = 1; n < total; n++)
		assert_true(all[n - 1].changed_us >= all[n].changed_us);
	do {
		assert_int_equal(store_plan_history(s, &a, G(&a, "p1"), NULL, NULL, before, 3, &h, &n), 0);
		if (n == 0)
			break;
		assert_true(n >= 3 || seen + n == total);
		seen += n;
		before = h[n - 1].changed_us;
		pages++;
	} while (pages < 100);
	assert_int_equal(seen, total);
	arena_free(&a);
}

/* A grant as the door makes them, built here to test the store alone
 * (the door's own decisions are tested over HTTP and in test_person). */
static const struct grant *
grant_for(struct arena *a, const char *person, enum person_action act, unsigned cats)
{
	struct grant *g = arena_alloc(a, sizeof(*g));

	g->person_id = person;
	g->act = act;
	g->cats = cats;
	g->why = WHY_CONSENT;
	g->action = act == PA_READ ? "read" : "write";
	return g;
}

/* Substance-use details are filtered by the grant in the store's queries,
 * and a write needs a write grant for that very person (and category). */
static void
grants_filter_reads_and_guard_writes(void **state)
{
	struct arena a = ARENA_INIT;
	const unsigned plan = CAT_BIT(CAT_PLAN), subst = CAT_BIT(CAT_SUBSTANCE);
	const struct grant *reader = grant_for(&a, "p2", PA_READ, plan);
	const struct grant *all = grant_for(&a, "p2", PA_READ, plan | subst);
	struct goal *gs, g, ng = {0};
	struct step *ss, st;
	struct relapse_plan rp;
	struct plan_change *h;
	struct op o = {0};
	size_t n, i;

	(void)state;
	add_goal("p2", "gs9", "Sober October", DOM_SUBSTANCE_USE);
	add_goal("p2", "gh9", "A flat of my own", DOM_HOUSING);
	add_step("p2", "ss9", "gs9", "Call the AA line", OWNER_PERSON, NULL, NULL,
	    ST_NOT_STARTED, T0);
	add_step("p2", "sh9", "gh9", "Visit Havnely", OWNER_PERSON, NULL, NULL,
	    ST_NOT_STARTED, T0);

	assert_int_equal(store_goals(s, &a, all, &gs, &n), 0);
	for (i = 0; i < n && strcmp(gs[i].id, "gs9") != 0; i++)
		;
	assert_true(i < n);
	assert_int_equal(store_goals(s, &a, reader, &gs, &n), 0);
	for (i = 0; i < n; i++)
		assert_int_not_equal(gs[i].domain, DOM_SUBSTANCE_USE);
	assert_int_equal(store_goal_get(s, &a, reader, "gs9", &g), STORE_WITHHELD);
	assert_int_equal(g.domain, DOM_SUBSTANCE_USE);
	assert_null(g.title);                   /* nothing but its domain */
	assert_int_equal(store_goal_get(s, &a, reader, "gh9", &g), 0);
	assert_int_equal(store_goal_get(s, &a, reader, "nope", &g), ERR_NOT_FOUND);
	assert_int_equal(store_steps(s, &a, reader, &ss, &n), 0);
	for (i = 0; i < n; i++)
		assert_string_not_equal(ss[i].id, "ss9");
	assert_int_equal(store_step_get(s, &a, reader, "ss9", &st), STORE_WITHHELD);
	assert_int_equal(store_step_get(s, &a, all, "ss9", &st), 0);
	assert_int_equal(store_relapse_plan(s, &a, reader, &rp), STORE_WITHHELD);
	assert_null(rp.triggers);
	assert_int_equal(store_relapse_plan(s, &a, all, &rp), 0);
	assert_int_equal(store_plan_history(s, &a, reader, NULL, NULL, 0, 1000, &h, &n), 0);
	for (i = 0; i < n; i++) {
		assert_string_not_equal(h[i].item_id, "gs9");
		assert_string_not_equal(h[i].item_id, "ss9");
	}

	/* Writes: a read grant, another person's grant, a substance-use goal
	 * without that category: refused, nothing written. */
	ng.person_id = "p2";
	ng.id = "gs10";
	ng.title = "Fewer drinking days";
	ng.domain = DOM_SUBSTANCE_USE;
	ng.status = ST_NOT_STARTED;
	o.g = &ng;
	o.by = by_at("u1", "org1", T0);
	o.gr = all;
	assert_int_equal(write_op(do_goal_insert, &o), ERR_INVALID);
	o.gr = grant_for(&a, "p1", PA_EDIT_PLAN, plan | subst);
	assert_int_equal(write_op(do_goal_insert, &o), ERR_INVALID);
	o.gr = grant_for(&a, "p2", PA_EDIT_PLAN, plan);
	assert_int_equal(write_op(do_goal_insert, &o), ERR_INVALID);
	assert_int_equal(store_goal_get(s, &a, all, "gs10", &g), ERR_NOT_FOUND);
	o.gr = grant_for(&a, "p2", PA_EDIT_PLAN, plan | subst);
	assert_int_equal(write_op(do_goal_insert, &o), 0);
	assert_int_equal(store_goal_get(s, &a, all, "gs10", &g), 0);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(domains_versioned_with_history),
		cmocka_unit_test(goals_versioned_and_reached),
		cmocka_unit_test(steps_and_tasks),
		cmocka_unit_test(ratings_oldest_first),
		cmocka_unit_test(relapse_and_crisis_contacts),
		cmocka_unit_test(comments_per_item),
		cmocka_unit_test(history_pages_keep_changes_whole),
		cmocka_unit_test(grants_filter_reads_and_guard_writes),
	};
	char url[256];
	int applied, rc;

	if (sodium_init() < 0)
		return 1;
	make_tmpdir();
	snprintf(url, sizeof(url), "sqlite:%s/rosc.db", tmpdir);
	if (store_open(url, STORE_CREATE, &s) != 0 || store_migrate(s, &applied) != 0)
		return 1;
	store_close(s);
	if (store_open(url, STORE_SERVE, &s) != 0 || store_write(s, fixture, NULL) != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	store_close(s);
	return rc;
}
