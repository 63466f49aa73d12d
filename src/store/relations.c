/* SQL for the facts the policy door decides on: an actor's relation to
 * one person, or to everyone in whose network they are or were. */
#include "store/relations.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/relcache.h"
#include "store/rows.h"

static bool
same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* One of the actor's memberships (for organisation morg, NULL: none;
 * current or ended) into what the door knows of their place. */
static void
note_membership(struct relation *rel, const char *morg, bool current, const char *org_id)
{
	if (!current) {
		if (rel->member == NET_NEVER)
			rel->member = NET_PAST;
		return;
	}
	rel->member = NET_CURRENT;
	if (morg == NULL)
		rel->member_family = true;
	else if (same(morg, org_id))
		rel->member_for_org = true;
}

/* The policy change counter (migration 0005): 0 before the first change,
 * -1 if it cannot be read (then nothing is taken from the cache). Read
 * before the facts it guards: on SQLite both come from the request's one
 * snapshot; on PostgreSQL the facts read after it are at least as new, so
 * an entry is never older than its counter says. */
static int64_t
policy_gen(struct conn *c)
{
	struct stmt *st = STMT(c, "SELECT n FROM policy_change WHERE id = 1");
	int rc = stmt_step(st, __func__);
	int64_t gen = rc == STMT_ROW ? col_int(st, 0) : rc == STMT_DONE ? 0 : -1;

	stmt_reset(st);
	return gen;
}

int
store_relation(struct store *s, const char *user_id, const char *org_id,
    const char *person_id, const char *today, int64_t now, struct relation *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int64_t gen, valid_until = INT64_MAX;
	bool hit;
	int rc;

	memset(out, 0, sizeof(*out));
	if (c == NULL)
		return ERR_DB;
	/* While nothing changed since they were read: from the cache. */
	gen = policy_gen(c);
	if (gen >= 0 && relcache_find(s->relcache, user_id, org_id, today, gen, now,
	    person_id, out, &hit))
		return 0;
	st = STMT(c, "SELECT home_org_id, user_id FROM person WHERE id = ?1");
	bind_text(st, 1, person_id);
	rc = step_row(c, st, "relation person");
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	out->exists = true;
	out->is_self = same(col_cstr(st, 1), user_id);
	out->home_org = same(col_cstr(st, 0), org_id);
	stmt_reset(st);

	st = STMT(c, "SELECT org_id, until_date IS NULL OR until_date >= ?3 "
	    "FROM network_member WHERE person_id = ?1 AND user_id = ?2");
	bind_text(st, 1, person_id);
	bind_text(st, 2, user_id);
	bind_text(st, 3, today);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW)
		note_membership(out, col_cstr(st, 0), col_int(st, 1) != 0, org_id);
	stmt_reset(st);
	if (rc != STMT_DONE)
		return db_error(c, rc, "relation network");

	/* Consent in force today: to the acting organisation, or to one of
	 * the actor's own current places in the network. */
	st = STMT(c, "SELECT category FROM consent WHERE person_id = ?1 AND granted = 1 "
	    "AND (until_date IS NULL OR until_date >= ?3) "
	    "AND (recipient_org_id = ?4 OR recipient_member_id IN ("
	    "  SELECT id FROM network_member WHERE person_id = ?1 AND user_id = ?2 "
	    "  AND (until_date IS NULL OR until_date >= ?3)))");
	bind_text(st, 1, person_id);
	bind_text(st, 2, user_id);
	bind_text(st, 3, today);
	bind_text(st, 4, org_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		enum category cat;

		if (category_parse(col_cstr(st, 0), &cat))
			out->consent |= CAT_BIT(cat);
	}
	stmt_reset(st);
	if (rc != STMT_DONE)
		return db_error(c, rc, "relation consent");

	if (org_id != NULL) {
		/* An open referral sent to the acting organisation (statuses as
		 * core/referral.c's ref_receiver_holds). */
		st = STMT(c, "SELECT 1 FROM referral WHERE person_id = ?1 AND to_org_id = ?2 "
		    "AND status IN ('sent', 'received', 'needs_client_action', 'eligible', "
		    "'scheduled', 'got_help') LIMIT 1");
		bind_text(st, 1, person_id);
		bind_text(st, 2, org_id);
		rc = stmt_step(st, __func__);
		out->referral_in = rc == STMT_ROW;
		stmt_reset(st);
		if (rc != STMT_ROW && rc != STMT_DONE)
			return db_error(c, rc, "relation referral");

		/* The last moment emergency access holds: kept facts end there. */
		st = STMT(c, "SELECT max(expires_us) FROM emergency_access WHERE person_id = ?1 "
		    "AND user_id = ?2 AND org_id = ?3 AND expires_us > ?4");
		bind_text(st, 1, person_id);
		bind_text(st, 2, user_id);
		bind_text(st, 3, org_id);
		bind_int(st, 4, now);
		rc = stmt_step(st, __func__);
		out->emergency = rc == STMT_ROW && !col_null(st, 0);
		if (out->emergency)
			valid_until = col_int(st, 0);
		stmt_reset(st);
		if (rc != STMT_ROW && rc != STMT_DONE)
			return db_error(c, rc, "relation emergency");
	}
	if (gen >= 0)
		relcache_put_one(s->relcache, user_id, org_id, today, gen, now, valid_until,
		    person_id, out);
	return 0;
}

static int
cmp_rows(const void *x, const void *y)
{
	return strcmp(((const struct relation_row *)x)->person_id,
	    ((const struct relation_row *)y)->person_id);
}

static int
cmp_row(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const struct relation_row *)e)->person_id);
}

int
store_relations_of_member(struct store *s, struct arena *a, const char *user_id,
    const char *org_id, const char *today, int64_t now, struct relation_row **out,
    size_t *n)
{
	struct conn *c = store_reader(s);
	struct relation_row *rows, *x;
	struct stmt *st;
	size_t cap = 64;
	int64_t gen, valid_until = INT64_MAX;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	gen = policy_gen(c);
	if (gen >= 0 && relcache_get(s->relcache, a, user_id, org_id, today, gen, now, out, n))
		return 0;
	rows = arena_alloc(a, cap * sizeof(*rows));
	/* The memberships, with what store_relation reads from the person,
	 * and the consents in force today for the acting organisation or for
	 * one of the user's current memberships: one row per membership and
	 * such consent (or one with a NULL category). One walk over the
	 * user's memberships instead of two (a separate consent query with a
	 * correlated subquery was about half of this function's time). */
	st = STMT(c, "SELECT m.person_id, m.org_id, m.until_date IS NULL OR m.until_date >= ?2, "
	    "p.home_org_id, p.user_id, k.category "
	    "FROM network_member m JOIN person p ON p.id = m.person_id "
	    "LEFT JOIN consent k ON k.person_id = m.person_id AND k.granted = 1 "
	    "AND (k.until_date IS NULL OR k.until_date >= ?2) "
	    "AND (k.recipient_org_id = ?3 OR (k.recipient_member_id = m.id "
	    "AND (m.until_date IS NULL OR m.until_date >= ?2))) "
	    "WHERE m.user_id = ?1 ORDER BY m.person_id");
	bind_text(st, 1, user_id);
	bind_text(st, 2, today);
	bind_text(st, 3, org_id);
	/* Several rows fold into one person's: not rows_collect(). */
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		const char *pid = col_cstr(st, 0);
		enum category cat;

		if (*n == 0 || strcmp(rows[*n - 1].person_id, pid) != 0) {
			if (*n == cap)
				rows = rows_grow(a, rows, &cap, sizeof(*rows));
			x = &rows[(*n)++];
			memset(x, 0, sizeof(*x));
			x->person_id = arena_strdup(a, pid);
			x->rel.exists = true;
			x->rel.is_self = same(col_cstr(st, 4), user_id);
			x->rel.home_org = same(col_cstr(st, 3), org_id);
		}
		x = &rows[*n - 1];
		if (!col_null(st, 5) && category_parse(col_cstr(st, 5), &cat))
			x->rel.consent |= CAT_BIT(cat);
		note_membership(&x->rel, col_cstr(st, 1), col_int(st, 2) != 0, org_id);
	}
	stmt_reset(st);
	if (rc != STMT_DONE)
		return db_error(c, rc, "relations network");
	/* In strcmp order for bsearch, whatever the database's collation. */
	qsort(rows, *n, sizeof(*rows), cmp_rows);

	if (org_id != NULL) {
		/* Facts kept in the cache hold until the first of these runs out. */
		st = STMT(c, "SELECT person_id, expires_us FROM emergency_access "
		    "WHERE user_id = ?1 AND org_id = ?2 AND expires_us > ?3");
		bind_text(st, 1, user_id);
		bind_text(st, 2, org_id);
		bind_int(st, 3, now);
		while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
			x = bsearch(col_cstr(st, 0), rows, *n, sizeof(*rows), cmp_row);
			if (x != NULL)
				x->rel.emergency = true;
			if (col_int(st, 1) < valid_until)
				valid_until = col_int(st, 1);
		}
		stmt_reset(st);
		if (rc != STMT_DONE)
			return db_error(c, rc, "relations emergency");

		/* Open referrals sent to the acting organisation, as store_relation. */
		st = STMT(c, "SELECT DISTINCT r.person_id FROM referral r "
		    "JOIN network_member m ON m.person_id = r.person_id AND m.user_id = ?1 "
		    "WHERE r.to_org_id = ?2 AND r.status IN ('sent', 'received', "
		    "'needs_client_action', 'eligible', 'scheduled', 'got_help')");
		bind_text(st, 1, user_id);
		bind_text(st, 2, org_id);
		while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
			x = bsearch(col_cstr(st, 0), rows, *n, sizeof(*rows), cmp_row);
			if (x != NULL)
				x->rel.referral_in = true;
		}
		stmt_reset(st);
		if (rc != STMT_DONE)
			return db_error(c, rc, "relations referral");
	}
	*out = rows;
	if (gen >= 0)
		relcache_put(s->relcache, user_id, org_id, today, gen, now, valid_until, rows,
		    *n);
	return 0;
}
