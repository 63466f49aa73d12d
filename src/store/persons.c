/* SQL for persons, their network, consent, emergency access, journal notes
 * and the access log. */
#include "store/persons.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access/grant.h"
#include "base/err.h"
#include "base/id.h"
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
	}
	*out = rows;
	if (gen >= 0)
		relcache_put(s->relcache, user_id, org_id, today, gen, now, valid_until, rows,
		    *n);
	return 0;
}

#define PERSON_COLS "p.id, p.display_name, p.preferred_name, p.pronouns, p.birth_date, " \
	"p.phone, p.email, p.address, p.lang, p.national_id, p.time_zone, p.home_org_id, " \
	"o.name, p.about_me, p.about_me_lang, p.user_id, p.created_us, p.updated_us, p.version"

static void
read_person(struct arena *a, struct stmt *st, struct person *p)
{
	p->id = col_text(a, st, 0);
	p->display_name = col_text(a, st, 1);
	p->preferred_name = col_text(a, st, 2);
	p->pronouns = col_text(a, st, 3);
	p->birth_date = col_text(a, st, 4);
	p->phone = col_text(a, st, 5);
	p->email = col_text(a, st, 6);
	p->address = col_text(a, st, 7);
	p->lang = col_text(a, st, 8);
	p->national_id = col_text(a, st, 9);
	p->time_zone = col_text(a, st, 10);
	p->home_org_id = col_text(a, st, 11);
	p->home_org_name = col_text(a, st, 12);
	p->about_me = col_text(a, st, 13);
	p->about_me_lang = col_text(a, st, 14);
	p->user_id = col_text(a, st, 15);
	p->created_us = col_int(st, 16);
	p->updated_us = col_int(st, 17);
	p->version = col_int(st, 18);
}

int
store_person_get(struct store *s, struct arena *a, const struct grant *g, struct person *out)
{
	const char *id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PERSON_COLS " FROM person p JOIN organisation o "
	    "ON o.id = p.home_org_id WHERE p.id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "person get")) != 0)
		return rc;
	read_person(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_person_by_user(struct store *s, struct arena *a, const char *user_id,
    struct person *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PERSON_COLS " FROM person p JOIN organisation o "
	    "ON o.id = p.home_org_id WHERE p.user_id = ?1");
	bind_text(st, 1, user_id);
	if ((rc = step_row(c, st, "person by user")) != 0)
		return rc;
	read_person(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_person_by_national_id(struct store *s, struct arena *a, const char *nid,
    struct person *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " PERSON_COLS " FROM person p JOIN organisation o "
	    "ON o.id = p.home_org_id WHERE p.national_id = ?1 LIMIT 1");
	bind_text(st, 1, nid);
	if ((rc = step_row(c, st, "person by national id")) != 0)
		return rc;
	read_person(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_caseload(struct store *s, struct arena *a, const struct list_grant *l,
    const char *today, const char *prefix_key, const char *after_sort, const char *after_id,
    size_t limit, struct caseload_item **out, size_t *n, bool *more)
{
	const char *user_id = list_grant_user(l), *org_id = list_grant_org(l);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t rows = 0, max_rows = limit + limit / 4 + 1;
	int rc;

	*n = 0;
	*more = false;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	/* Current memberships of the user, for the acting organisation (or
	 * without one); keyset paging on (name_sort, id). Only what the list
	 * shows is read, and one person's several memberships (rare) are
	 * folded here, keeping the first role in text order, rather than by
	 * a GROUP BY: that cost a second sort on every request (measured on
	 * the caseload page, more than a third of its time in the database).
	 * The row limit leaves room for such folds; reaching it means there
	 * may be more. */
	st = STMT(c, "SELECT p.id, p.display_name, p.preferred_name, p.pronouns, o.name, "
	    "p.name_sort, m.role "
	    "FROM network_member m JOIN person p ON p.id = m.person_id "
	    "JOIN organisation o ON o.id = p.home_org_id "
	    "WHERE m.user_id = ?1 AND (m.org_id = ?2 OR (CAST(?2 AS TEXT) IS NULL AND m.org_id IS NULL)) "
	    "AND (m.until_date IS NULL OR m.until_date >= ?7) "
	    "AND (CAST(?3 AS TEXT) IS NULL OR substr(p.name_key, 1, length(?3)) = ?3) "
	    "AND (p.name_sort > ?4 OR (p.name_sort = ?4 AND p.id > ?5)) "
	    "ORDER BY p.name_sort, p.id, m.role LIMIT ?6");
	bind_text(st, 1, user_id);
	bind_text(st, 2, org_id);
	bind_text(st, 3, prefix_key && *prefix_key ? prefix_key : NULL);
	bind_text(st, 4, after_sort ? after_sort : "");
	bind_text(st, 5, after_id ? after_id : "");
	bind_int(st, 6, (int64_t)max_rows);
	bind_text(st, 7, today);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct caseload_item *it;
		const char *id = col_cstr(st, 0);

		rows++;
		if (*n > 0 && strcmp((*out)[*n - 1].p.id, id) == 0)
			continue;       /* the same person again: its first role stays */
		if (*n == limit) {
			*more = true;
			break;
		}
		it = &(*out)[(*n)++];
		memset(it, 0, sizeof(*it));
		it->p.id = col_text(a, st, 0);
		it->p.display_name = col_text(a, st, 1);
		it->p.preferred_name = col_text(a, st, 2);
		it->p.pronouns = col_text(a, st, 3);
		it->p.home_org_name = col_text(a, st, 4);
		it->name_sort = col_text(a, st, 5);
		if (!net_role_parse(col_cstr(st, 6), &it->my_role))
			it->my_role = NET_PROFESSIONAL;
	}
	if (rc == STMT_DONE && rows == max_rows)
		*more = true;
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "caseload");
}

#define MEMBER_COLS "m.person_id, m.id, m.user_id, m.org_id, o.name, " \
	"coalesce(u.display_name, m.name), m.name, m.contact, m.role, m.from_date, m.until_date"

static void
read_member(struct arena *a, struct stmt *st, struct network_member *m)
{
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
	size_t cap = 8;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT " MEMBER_COLS " FROM network_member m "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN organisation o ON o.id = m.org_id WHERE m.person_id = ?1 "
	    "ORDER BY m.until_date IS NOT NULL, m.until_date DESC, m.from_date, m.id");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		read_member(a, st, &(*out)[(*n)++]);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "network");
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

static void
read_consent(struct arena *a, struct stmt *st, struct consent *k)
{
	k->person_id = col_text(a, st, 0);
	k->id = col_text(a, st, 1);
	k->recipient_org_id = col_text(a, st, 2);
	k->recipient_member_id = col_text(a, st, 3);
	k->recipient_name = col_text(a, st, 4);
	if (!category_parse(col_cstr(st, 5), &k->category))
		k->category = CAT_BASIC;
	k->granted = col_int(st, 6) != 0;
	k->purpose = col_text(a, st, 7);
	k->until_date = col_text(a, st, 8);
	k->version = col_int(st, 9);
	k->updated_us = col_int(st, 10);
	k->updated_by = col_text(a, st, 11);
}

int
store_consents(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 16;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT k.person_id, k.id, k.recipient_org_id, k.recipient_member_id, "
	    "coalesce(o.name, u.display_name, m.name), k.category, k.granted, k.purpose, "
	    "k.until_date, k.version, k.updated_us, k.updated_by FROM consent k "
	    "LEFT JOIN organisation o ON o.id = k.recipient_org_id "
	    "LEFT JOIN network_member m ON m.person_id = k.person_id AND m.id = k.recipient_member_id "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "WHERE k.person_id = ?1 ORDER BY 5, k.category");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		read_consent(a, st, &(*out)[(*n)++]);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "consents");
}

int
store_consent_history(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 16;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT k.person_id, k.id, k.recipient_org_id, k.recipient_member_id, "
	    "coalesce(o.name, u.display_name, m.name), k.category, h.granted, h.purpose, "
	    "h.until_date, h.version, h.changed_us, cu.display_name FROM consent_history h "
	    "JOIN consent k ON k.person_id = h.person_id AND k.id = h.consent_id "
	    "LEFT JOIN organisation o ON o.id = k.recipient_org_id "
	    "LEFT JOIN network_member m ON m.person_id = k.person_id AND m.id = k.recipient_member_id "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN user_account cu ON cu.id = h.changed_by "
	    "WHERE h.person_id = ?1 ORDER BY h.changed_us DESC, h.version DESC LIMIT 500");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		read_consent(a, st, &(*out)[(*n)++]);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "consent history");
}

int
store_notes(struct store *s, struct arena *a, const struct grant *g, struct note **out,
    size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 16;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT n.person_id, n.id, n.author_id, u.display_name, n.author_org_id, "
	    "o.name, n.body, n.body_lang, n.restricted_reason, n.restricted, n.created_us "
	    "FROM note n JOIN user_account u ON u.id = n.author_id "
	    "LEFT JOIN organisation o ON o.id = n.author_org_id "
	    "WHERE n.person_id = ?1 ORDER BY n.created_us DESC, n.id LIMIT 200");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct note *x;

		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		x = &(*out)[(*n)++];
		x->person_id = col_text(a, st, 0);
		x->id = col_text(a, st, 1);
		x->author_id = col_text(a, st, 2);
		x->author_name = col_text(a, st, 3);
		x->author_org_id = col_text(a, st, 4);
		x->author_org_name = col_text(a, st, 5);
		x->body = col_text(a, st, 6);
		x->body_lang = col_text(a, st, 7);
		x->restricted_reason = col_text(a, st, 8);
		x->restricted = col_int(st, 9) != 0;
		x->created_us = col_int(st, 10);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "notes");
}

int
store_emergencies(struct store *s, struct arena *a, const struct grant *g, int64_t since,
    struct emergency **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 8;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT e.person_id, e.id, e.user_id, u.display_name, e.org_id, o.name, "
	    "e.reason, e.started_us, e.expires_us FROM emergency_access e "
	    "JOIN user_account u ON u.id = e.user_id JOIN organisation o ON o.id = e.org_id "
	    "WHERE e.person_id = ?1 AND e.expires_us > ?2 ORDER BY e.started_us DESC LIMIT 100");
	bind_text(st, 1, person_id);
	bind_int(st, 2, since);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct emergency *e;

		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		e = &(*out)[(*n)++];
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
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "emergencies");
}

int
store_access_summary(struct store *s, struct arena *a, const struct grant *g,
    int64_t since, struct access_summary **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 16;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	/* Grouped first, named after: two lookups per group, not per entry. */
	st = STMT(c, "SELECT g.actor_id, u.display_name, o.name, g.what, g.action, g.why, "
	    "g.n, g.last FROM (SELECT actor_id, actor_org_id, what, action, why, "
	    "count(*) AS n, max(at_us) AS last FROM access_log "
	    "WHERE person_id = ?1 AND at_us >= ?2 "
	    "GROUP BY actor_id, actor_org_id, what, action, why) AS g "
	    "LEFT JOIN user_account u ON u.id = g.actor_id "
	    "LEFT JOIN organisation o ON o.id = g.actor_org_id "
	    "ORDER BY g.last DESC LIMIT 200");
	bind_text(st, 1, person_id);
	bind_int(st, 2, since);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct access_summary *x;

		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		x = &(*out)[(*n)++];
		x->actor_id = col_text(a, st, 0);
		x->actor_name = col_text(a, st, 1);
		x->org_name = col_text(a, st, 2);
		x->what = col_text(a, st, 3);
		x->action = col_text(a, st, 4);
		x->why = col_text(a, st, 5);
		x->count = col_int(st, 6);
		x->last_us = col_int(st, 7);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "access summary");
}

int
store_access_list(struct store *s, struct arena *a, const struct grant *g, int64_t before,
    size_t limit, struct access_entry **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	st = STMT(c, "SELECT l.at_us, l.actor_id, u.display_name, o.name, l.what, l.action, "
	    "l.why FROM access_log l LEFT JOIN user_account u ON u.id = l.actor_id "
	    "LEFT JOIN organisation o ON o.id = l.actor_org_id "
	    "WHERE l.person_id = ?1 AND l.at_us < ?2 ORDER BY l.at_us DESC, l.id LIMIT ?3");
	bind_text(st, 1, person_id);
	bind_int(st, 2, before > 0 ? before : INT64_MAX);
	bind_int(st, 3, (int64_t)limit);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW && *n < limit) {
		struct access_entry *x = &(*out)[(*n)++];

		x->at_us = col_int(st, 0);
		x->actor_id = col_text(a, st, 1);
		x->actor_name = col_text(a, st, 2);
		x->org_name = col_text(a, st, 3);
		x->what = col_text(a, st, 4);
		x->action = col_text(a, st, 5);
		x->why = col_text(a, st, 6);
	}
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "access list");
}

/* The person's download of their own data: everything, without the
 * limits the pages use. */

int
store_consent_history_all(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 16;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT k.person_id, k.id, k.recipient_org_id, k.recipient_member_id, "
	    "coalesce(o.name, u.display_name, m.name), k.category, h.granted, h.purpose, "
	    "h.until_date, h.version, h.changed_us, cu.display_name FROM consent_history h "
	    "JOIN consent k ON k.person_id = h.person_id AND k.id = h.consent_id "
	    "LEFT JOIN organisation o ON o.id = k.recipient_org_id "
	    "LEFT JOIN network_member m ON m.person_id = k.person_id AND m.id = k.recipient_member_id "
	    "LEFT JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN user_account cu ON cu.id = h.changed_by "
	    "WHERE h.person_id = ?1 ORDER BY h.changed_us DESC, h.version DESC");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		read_consent(a, st, &(*out)[(*n)++]);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "consent history all");
}

int
store_notes_all(struct store *s, struct arena *a, const struct grant *g, struct note **out,
    size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 16;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT n.person_id, n.id, n.author_id, u.display_name, n.author_org_id, "
	    "o.name, n.body, n.body_lang, n.restricted_reason, n.restricted, n.created_us "
	    "FROM note n JOIN user_account u ON u.id = n.author_id "
	    "LEFT JOIN organisation o ON o.id = n.author_org_id "
	    "WHERE n.person_id = ?1 ORDER BY n.created_us DESC, n.id");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct note *x;

		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		x = &(*out)[(*n)++];
		x->person_id = col_text(a, st, 0);
		x->id = col_text(a, st, 1);
		x->author_id = col_text(a, st, 2);
		x->author_name = col_text(a, st, 3);
		x->author_org_id = col_text(a, st, 4);
		x->author_org_name = col_text(a, st, 5);
		x->body = col_text(a, st, 6);
		x->body_lang = col_text(a, st, 7);
		x->restricted_reason = col_text(a, st, 8);
		x->restricted = col_int(st, 9) != 0;
		x->created_us = col_int(st, 10);
	}
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "notes all");
}

int
store_emergencies_all(struct store *s, struct arena *a, const struct grant *g,
    struct emergency **out, size_t *n)
{
	const char *person_id = grant_person(g);
	struct conn *c = store_reader(s);
	struct stmt *st;
	size_t cap = 8;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, cap * sizeof(**out));
	st = STMT(c, "SELECT e.person_id, e.id, e.user_id, u.display_name, e.org_id, o.name, "
	    "e.reason, e.started_us, e.expires_us FROM emergency_access e "
	    "JOIN user_account u ON u.id = e.user_id JOIN organisation o ON o.id = e.org_id "
	    "WHERE e.person_id = ?1 ORDER BY e.started_us DESC");
	bind_text(st, 1, person_id);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct emergency *e;

		if (*n == cap)
			*out = rows_grow(a, *out, &cap, sizeof(**out));
		e = &(*out)[(*n)++];
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
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(c, rc, "emergencies all");
}

/* Writes */

static void
bind_person(struct stmt *st, const struct person *p, const char *key, const char *sort)
{
	bind_text(st, 1, p->id);
	bind_text(st, 2, p->display_name);
	bind_text(st, 3, key);
	bind_text(st, 4, sort);
	bind_text(st, 5, p->preferred_name);
	bind_text(st, 6, p->pronouns);
	bind_text(st, 7, p->birth_date);
	bind_text(st, 8, p->phone);
	bind_text(st, 9, p->email);
	bind_text(st, 10, p->address);
	bind_text(st, 11, p->lang);
	bind_text(st, 12, p->national_id);
	bind_text(st, 13, p->time_zone);
	bind_text(st, 14, p->home_org_id);
	bind_text(st, 15, p->about_me);
	bind_text(st, 16, p->about_me_lang);
	bind_text(st, 17, p->user_id);
	bind_int(st, 18, p->updated_us);
	bind_int(st, 19, p->version);
}

int
store_tx_person_insert(struct store_tx *tx, const struct person *p, const char *key,
    const char *sort)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO person (id, display_name, name_key, "
	    "name_sort, preferred_name, pronouns, birth_date, phone, email, address, lang, "
	    "national_id, time_zone, home_org_id, about_me, about_me_lang, user_id, "
	    "created_us, updated_us, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
	    "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19)");

	bind_person(st, p, key, sort);
	return step_done(tx->conn, st, "person insert");
}

int
store_tx_person_update(struct store_tx *tx, const struct person *p, const char *key,
    const char *sort)
{
	struct stmt *st = STMT(tx->conn, "UPDATE person SET display_name = ?2, name_key = ?3, "
	    "name_sort = ?4, preferred_name = ?5, pronouns = ?6, birth_date = ?7, phone = ?8, "
	    "email = ?9, address = ?10, lang = ?11, national_id = ?12, time_zone = ?13, "
	    "home_org_id = ?14, about_me = ?15, about_me_lang = ?16, user_id = ?17, "
	    "updated_us = ?18, version = ?19 WHERE id = ?1 AND version = ?19 - 1");
	int rc;

	bind_person(st, p, key, sort);
	rc = step_changed(tx->conn, st, "person update");
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}

int
store_tx_member_insert(struct store_tx *tx, const struct network_member *m, int64_t now,
    const char *by)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO network_member (person_id, id, user_id, "
	    "org_id, role, name, contact, from_date, until_date, created_us, created_by) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");

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
store_tx_member_end(struct store_tx *tx, const char *person_id, const char *member_id,
    const char *until_date)
{
	struct stmt *st = STMT(tx->conn, "UPDATE network_member SET until_date = ?3 "
	    "WHERE person_id = ?1 AND id = ?2 AND (until_date IS NULL OR until_date > ?3)");

	bind_text(st, 1, person_id);
	bind_text(st, 2, member_id);
	bind_text(st, 3, until_date);
	return step_changed(tx->conn, st, "member end");
}

int
store_tx_member_check_new(struct store_tx *tx, const char *person_id, const char *user_id,
    const char *org_id, const char *today)
{
	struct stmt *st = STMT(tx->conn, "SELECT 1 FROM network_member WHERE person_id = ?1 "
	    "AND user_id = ?2 AND coalesce(org_id, '') = coalesce(?3, '') "
	    "AND (until_date IS NULL OR until_date >= ?4) LIMIT 1");
	int rc;

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

int
store_tx_consent_set(struct store_tx *tx, const struct consent *k, int64_t now,
    const char *by)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	char fresh[ID_LEN + 1];
	const char *id;
	int64_t version;
	int rc;

	st = STMT(c, "SELECT id, version FROM consent WHERE person_id = ?1 "
	    "AND coalesce(recipient_org_id, '') = coalesce(?2, '') "
	    "AND coalesce(recipient_member_id, '') = coalesce(?3, '') AND category = ?4");
	bind_text(st, 1, k->person_id);
	bind_text(st, 2, k->recipient_org_id);
	bind_text(st, 3, k->recipient_member_id);
	bind_text(st, 4, category_code(k->category));
	rc = stmt_step(st, __func__);
	if (rc == STMT_ROW) {
		snprintf(fresh, sizeof(fresh), "%s", col_cstr(st, 0));
		version = col_int(st, 1) + 1;
		stmt_reset(st);
		id = fresh;
		st = STMT(c, "UPDATE consent SET granted = ?3, purpose = ?4, until_date = ?5, "
		    "version = ?6, updated_us = ?7, updated_by = ?8 WHERE person_id = ?1 AND id = ?2");
	} else if (rc == STMT_DONE) {
		stmt_reset(st);
		id_new(fresh);
		id = fresh;
		version = 1;
		st = STMT(c, "INSERT INTO consent (person_id, id, granted, purpose, until_date, "
		    "version, updated_us, updated_by, recipient_org_id, recipient_member_id, "
		    "category) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
		bind_text(st, 9, k->recipient_org_id);
		bind_text(st, 10, k->recipient_member_id);
		bind_text(st, 11, category_code(k->category));
	} else {
		stmt_reset(st);
		return db_error(c, rc, "consent find");
	}
	bind_text(st, 1, k->person_id);
	bind_text(st, 2, id);
	bind_int(st, 3, k->granted);
	bind_text(st, 4, k->purpose);
	bind_text(st, 5, k->until_date);
	bind_int(st, 6, version);
	bind_int(st, 7, now);
	bind_text(st, 8, by);
	if ((rc = step_done(c, st, "consent set")) != 0)
		return rc;
	st = STMT(c, "INSERT INTO consent_history (person_id, consent_id, version, granted, "
	    "purpose, until_date, changed_us, changed_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	bind_text(st, 1, k->person_id);
	bind_text(st, 2, id);
	bind_int(st, 3, version);
	bind_int(st, 4, k->granted);
	bind_text(st, 5, k->purpose);
	bind_text(st, 6, k->until_date);
	bind_int(st, 7, now);
	bind_text(st, 8, by);
	return step_done(c, st, "consent history");
}

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

int
store_tx_note_insert(struct store_tx *tx, const struct note *x)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO note (person_id, id, author_id, "
	    "author_org_id, body, body_lang, restricted, restricted_reason, created_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");

	bind_text(st, 1, x->person_id);
	bind_text(st, 2, x->id);
	bind_text(st, 3, x->author_id);
	bind_text(st, 4, x->author_org_id);
	bind_text(st, 5, x->body);
	bind_text(st, 6, x->body_lang);
	bind_int(st, 7, x->restricted);
	bind_text(st, 8, x->restricted ? x->restricted_reason : NULL);
	bind_int(st, 9, x->created_us);
	return step_done(tx->conn, st, "note insert");
}

int
store_tx_access_append(struct store_tx *tx, const char *person_id, int64_t at_us,
    const char *actor_id, const char *org_id, const char *what, const char *action,
    const char *why)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO access_log (person_id, at_us, "
	    "id, actor_id, actor_org_id, what, action, why, day) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT DO NOTHING");
	char id[ID_LEN + 1], day[16];
	time_t t = (time_t)(at_us / 1000000);
	struct tm tm;

	id_new(id);
	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	bind_text(st, 9, day);
	bind_text(st, 1, person_id);
	bind_int(st, 2, at_us);
	bind_text(st, 3, id);
	bind_text(st, 4, actor_id);
	bind_text(st, 5, org_id);
	bind_text(st, 6, what);
	bind_text(st, 7, action);
	bind_text(st, 8, why);
	return step_done(tx->conn, st, "access append");
}
