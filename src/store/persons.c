/* SQL for the person record: lookups, the caseload, inserts and updates. */
#include "store/persons.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

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
store_tx_person_update(struct store_tx *tx, const struct grant *gr,
    const struct person *p, const char *key,
    const char *sort)
{
	struct stmt *st = STMT(tx->conn, "UPDATE person SET display_name = ?2, name_key = ?3, "
	    "name_sort = ?4, preferred_name = ?5, pronouns = ?6, birth_date = ?7, phone = ?8, "
	    "email = ?9, address = ?10, lang = ?11, national_id = ?12, time_zone = ?13, "
	    "home_org_id = ?14, about_me = ?15, about_me_lang = ?16, user_id = ?17, "
	    "updated_us = ?18, version = ?19 WHERE id = ?1 AND version = ?19 - 1");
	int rc;

	/* Only with a grant to write this person's data. */
	if (!store_grant_fits(gr, p->id))
		return ERR_INVALID;

	bind_person(st, p, key, sort);
	rc = step_changed(tx->conn, st, "person update");
	return rc == ERR_NOT_FOUND ? ERR_CONFLICT : rc;
}
