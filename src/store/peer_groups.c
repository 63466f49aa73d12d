/* SQL for peer groups (see peer_groups.h). */
#include "store/peer_groups.h"

#include <string.h>

#include "access/grant.h"
#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/rows.h"

#define GROUP_COLS "g.id, g.org_id, g.name, g.description, g.language, g.weekday, " \
	"g.at_time, g.minutes, g.time_zone, g.starts_on, g.ends_on, g.place, g.video_url, " \
	"g.facilitator_id, g.is_open, g.created_by, g.created_us, g.updated_us, o.name, " \
	"fu.display_name "
#define GROUP_FROM "FROM peer_group g JOIN organisation o ON o.id = g.org_id " \
	"LEFT JOIN user_account fu ON fu.id = g.facilitator_id "
#define GROUP_NCOLS 20

/* Reads a group from column first on. */
static void
read_group_at(struct arena *a, struct stmt *st, int i, struct peer_group *x)
{
	x->id = col_text(a, st, i + 0);
	x->org_id = col_text(a, st, i + 1);
	x->name = col_text(a, st, i + 2);
	x->description = col_text(a, st, i + 3);
	x->language = col_text(a, st, i + 4);
	x->weekday = (int)col_int(st, i + 5);
	x->at_time = col_text(a, st, i + 6);
	x->minutes = (int)col_int(st, i + 7);
	x->time_zone = col_text(a, st, i + 8);
	x->starts_on = col_text(a, st, i + 9);
	x->ends_on = col_text(a, st, i + 10);
	x->place = col_text(a, st, i + 11);
	x->video_url = col_text(a, st, i + 12);
	x->facilitator_id = col_text(a, st, i + 13);
	x->is_open = col_int(st, i + 14) != 0;
	x->created_by = col_text(a, st, i + 15);
	x->created_us = col_int(st, i + 16);
	x->updated_us = col_int(st, i + 17);
	x->org_name = col_text(a, st, i + 18);
	x->facilitator_name = col_text(a, st, i + 19);
}

static void
read_group(struct arena *a, struct stmt *st, void *row)
{
	memset(row, 0, sizeof(struct peer_group));
	read_group_at(a, st, 0, row);
}

int
store_group_get(struct store *s, struct arena *a, const char *id, struct peer_group *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " GROUP_COLS GROUP_FROM "WHERE g.id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "peer group")) != 0)
		return rc;
	memset(out, 0, sizeof(*out));
	read_group_at(a, st, 0, out);
	stmt_reset(st);
	return 0;
}

int
store_groups_open(struct store *s, struct arena *a, const struct group_filter *f,
    const char *today, struct peer_group **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " GROUP_COLS GROUP_FROM "WHERE g.is_open = 1 "
	    "AND (g.ends_on IS NULL OR g.ends_on >= ?4) "
	    "AND (CAST(?1 AS TEXT) IS NULL OR (' ' || g.language || ' ') LIKE ('% ' || ?1 || ' %')) "
	    "AND (?2 = -1 OR (?2 = 1 AND g.video_url IS NOT NULL) "
	    "OR (?2 = 0 AND g.place IS NOT NULL)) "
	    "AND (?3 = -1 OR g.weekday = ?3) "
	    "ORDER BY g.weekday, g.at_time, g.name, g.id LIMIT 200");
	bind_text(st, 1, f->language);
	bind_int(st, 2, f->online);
	bind_int(st, 3, f->weekday);
	bind_text(st, 4, today);
	rc = rows_collect(st, a, 8, sizeof(**out), read_group, &rows, n, __func__,
	    "open peer groups");
	*out = rows;
	return rc;
}

int
store_groups_of_org(struct store *s, struct arena *a, const char *org_id,
    struct peer_group **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " GROUP_COLS GROUP_FROM "WHERE g.org_id = ?1 "
	    "ORDER BY g.name, g.id LIMIT 500");
	bind_text(st, 1, org_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_group, &rows, n, __func__,
	    "peer groups of org");
	*out = rows;
	return rc;
}

/* The group's id, organisation and what its form sets, as ?1 to ?15. */
static void
bind_group(struct stmt *st, const struct peer_group *g)
{
	bind_text(st, 1, g->id);
	bind_text(st, 2, g->org_id);
	bind_text(st, 3, g->name);
	bind_text(st, 4, g->description != NULL ? g->description : "");
	bind_text(st, 5, g->language);
	bind_int(st, 6, g->weekday);
	bind_text(st, 7, g->at_time);
	bind_int(st, 8, g->minutes);
	bind_text(st, 9, g->time_zone);
	bind_text(st, 10, g->starts_on);
	bind_text(st, 11, g->ends_on);
	bind_text(st, 12, g->place);
	bind_text(st, 13, g->video_url);
	bind_text(st, 14, g->facilitator_id);
	bind_int(st, 15, g->is_open ? 1 : 0);
}

int
store_tx_group_insert(struct store_tx *tx, const struct peer_group *g)
{
	struct stmt *st;

	st = STMT(tx->conn, "INSERT INTO peer_group (id, org_id, name, description, language, "
	    "weekday, at_time, minutes, time_zone, starts_on, ends_on, place, video_url, "
	    "facilitator_id, is_open, created_by, created_us, updated_us) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
	bind_group(st, g);
	bind_text(st, 16, g->created_by);
	bind_int(st, 17, g->created_us);
	bind_int(st, 18, g->updated_us);
	return step_done(tx->conn, st, "peer group insert");
}

int
store_tx_group_update(struct store_tx *tx, const struct peer_group *g)
{
	struct stmt *st;

	st = STMT(tx->conn, "UPDATE peer_group SET name = ?3, description = ?4, language = ?5, "
	    "weekday = ?6, at_time = ?7, minutes = ?8, time_zone = ?9, starts_on = ?10, "
	    "ends_on = ?11, place = ?12, video_url = ?13, facilitator_id = ?14, is_open = ?15, "
	    "updated_us = ?16 WHERE id = ?1 AND org_id = ?2");
	bind_group(st, g);
	bind_int(st, 16, g->updated_us);
	return step_changed(tx->conn, st, "peer group update");
}

static void
read_note(struct arena *a, struct stmt *st, void *row)
{
	struct group_note *x = row;

	x->group_id = col_text(a, st, 0);
	x->session_on = col_text(a, st, 1);
	x->body = col_text(a, st, 2);
	x->written_by = col_text(a, st, 3);
	x->written_us = col_int(st, 4);
	x->written_by_name = col_text(a, st, 5);
}

int
store_group_notes(struct store *s, struct arena *a, const char *group_id,
    struct group_note **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT n.group_id, n.session_on, n.body, n.written_by, n.written_us, "
	    "u.display_name FROM peer_group_note n LEFT JOIN user_account u "
	    "ON u.id = n.written_by WHERE n.group_id = ?1 ORDER BY n.session_on DESC LIMIT 200");
	bind_text(st, 1, group_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_note, &rows, n, __func__,
	    "peer group notes");
	*out = rows;
	return rc;
}

int
store_tx_group_note_set(struct store_tx *tx, const struct group_note *x)
{
	struct stmt *st;

	st = STMT(tx->conn, "INSERT INTO peer_group_note (group_id, session_on, body, "
	    "written_by, written_us) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (group_id, "
	    "session_on) DO UPDATE SET body = excluded.body, written_by = excluded.written_by, "
	    "written_us = excluded.written_us");
	bind_text(st, 1, x->group_id);
	bind_text(st, 2, x->session_on);
	bind_text(st, 3, x->body);
	bind_text(st, 4, x->written_by);
	bind_int(st, 5, x->written_us);
	return step_done(tx->conn, st, "peer group note");
}

static void
read_id(struct arena *a, struct stmt *st, void *row)
{
	*(const char **)row = col_text(a, st, 0);
}

int
store_group_member_ids(struct store *s, struct arena *a, const char *group_id,
    const char ***out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT person_id FROM peer_group_member WHERE group_id = ?1 "
	    "ORDER BY joined_us, person_id LIMIT 500");
	bind_text(st, 1, group_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_id, &rows, n, __func__,
	    "peer group member ids");
	*out = rows;
	return rc;
}

/* Whether g lets one read the person's membership of group_id (NULL: of
 * every group). */
static bool
reads(const struct grant *g, const char *group_id)
{
	if (g == NULL)
		return false;
	if (grant_covers(g, CAT_APPOINTMENTS))
		return true;
	return group_id != NULL && grant_group(g) != NULL && strcmp(grant_group(g), group_id) == 0;
}

static void
read_membership(struct arena *a, struct stmt *st, void *row)
{
	struct group_membership *x = row;

	memset(x, 0, sizeof(*x));
	x->person_id = col_text(a, st, 0);
	x->group_id = col_text(a, st, 1);
	x->joined_us = col_int(st, 2);
	x->person_name = col_text(a, st, 3);
	read_group_at(a, st, 4, &x->group);
}

#define MEMBER_COLS "m.person_id, m.group_id, m.joined_us, p.display_name, " GROUP_COLS
#define MEMBER_FROM "FROM peer_group_member m JOIN person p ON p.id = m.person_id " \
	"JOIN peer_group g ON g.id = m.group_id JOIN organisation o ON o.id = g.org_id " \
	"LEFT JOIN user_account fu ON fu.id = g.facilitator_id "

int
store_person_groups(struct store *s, struct arena *a, const struct grant *g,
    struct group_membership **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!reads(g, NULL))
		return ERR_INVALID;
	st = STMT(c, "SELECT " MEMBER_COLS MEMBER_FROM "WHERE m.person_id = ?1 "
	    "ORDER BY g.weekday, g.at_time, g.name, g.id LIMIT 200");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 4, sizeof(**out), read_membership, &rows, n, __func__,
	    "person peer groups");
	*out = rows;
	return rc;
}

int
store_group_membership(struct store *s, struct arena *a, const struct grant *g,
    const char *group_id, struct group_membership *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	if (!reads(g, group_id))
		return ERR_INVALID;
	st = STMT(c, "SELECT " MEMBER_COLS MEMBER_FROM "WHERE m.person_id = ?1 AND m.group_id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, group_id);
	if ((rc = step_row(c, st, "peer group membership")) != 0)
		return rc;
	read_membership(a, st, out);
	stmt_reset(st);
	return 0;
}

static void
read_attendance(struct arena *a, struct stmt *st, void *row)
{
	struct group_attendance *x = row;

	x->person_id = col_text(a, st, 0);
	x->group_id = col_text(a, st, 1);
	x->group_name = col_text(a, st, 2);
	x->session_on = col_text(a, st, 3);
	x->marked_by = col_text(a, st, 4);
	x->marked_us = col_int(st, 5);
}

int
store_group_attendance(struct store *s, struct arena *a, const struct grant *g,
    const char *group_id, struct group_attendance **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	if (!reads(g, group_id))
		return ERR_INVALID;
	st = STMT(c, "SELECT t.person_id, t.group_id, g.name, t.session_on, t.marked_by, "
	    "t.marked_us FROM peer_group_attendance t JOIN peer_group g ON g.id = t.group_id "
	    "WHERE t.person_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR t.group_id = ?2) "
	    "ORDER BY t.session_on DESC, g.name LIMIT 500");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, group_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_attendance, &rows, n, __func__,
	    "peer group attendance");
	*out = rows;
	return rc;
}

int
store_tx_group_join(struct store_tx *tx, const struct grant *g, const char *group_id,
    const char *today, int64_t now)
{
	struct stmt *st;
	bool open;
	int rc;

	if (g == NULL || !grant_is_self(g) || !store_grant_fits(g, grant_person(g)) ||
	    !grant_covers(g, CAT_APPOINTMENTS))
		return ERR_INVALID;
	st = STMT(tx->conn, "SELECT is_open, CASE WHEN ends_on IS NULL OR ends_on >= ?2 "
	    "THEN 1 ELSE 0 END FROM peer_group WHERE id = ?1");
	bind_text(st, 1, group_id);
	bind_text(st, 2, today);
	if ((rc = step_row(tx->conn, st, "peer group open")) != 0)
		return rc;
	open = col_int(st, 0) != 0 && col_int(st, 1) != 0;
	stmt_reset(st);
	if (!open)
		return ERR_CONFLICT;
	st = STMT(tx->conn, "SELECT 1 FROM peer_group_member WHERE person_id = ?1 "
	    "AND group_id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, group_id);
	rc = step_row(tx->conn, st, "peer group member");
	if (rc == 0) {
		stmt_reset(st);
		return ERR_EXISTS;
	}
	if (rc != ERR_NOT_FOUND)
		return rc;
	st = STMT(tx->conn, "INSERT INTO peer_group_member (person_id, group_id, joined_us) "
	    "VALUES (?1, ?2, ?3)");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, group_id);
	bind_int(st, 3, now);
	return step_done(tx->conn, st, "peer group join");
}

int
store_tx_group_leave(struct store_tx *tx, const struct grant *g, const char *group_id)
{
	struct stmt *st;

	if (g == NULL || !grant_is_self(g) || !store_grant_fits(g, grant_person(g)) ||
	    !grant_covers(g, CAT_APPOINTMENTS))
		return ERR_INVALID;
	st = STMT(tx->conn, "DELETE FROM peer_group_member WHERE person_id = ?1 "
	    "AND group_id = ?2");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, group_id);
	return step_changed(tx->conn, st, "peer group leave");
}

int
store_tx_group_attended(struct store_tx *tx, const struct grant *g, const char *group_id,
    const char *session_on, bool came, const char *by, int64_t now)
{
	struct stmt *st;

	if (g == NULL || !grant_group_writes(g) || grant_group(g) == NULL ||
	    strcmp(grant_group(g), group_id) != 0)
		return ERR_INVALID;
	if (!came) {
		st = STMT(tx->conn, "DELETE FROM peer_group_attendance WHERE person_id = ?1 "
		    "AND group_id = ?2 AND session_on = ?3");
		bind_text(st, 1, grant_person(g));
		bind_text(st, 2, group_id);
		bind_text(st, 3, session_on);
		return step_done(tx->conn, st, "peer group absent");
	}
	/* Only a member: the facilitator marks nobody else. */
	st = STMT(tx->conn, "INSERT INTO peer_group_attendance (person_id, group_id, session_on, "
	    "marked_by, marked_us) SELECT m.person_id, m.group_id, ?3, ?4, ?5 "
	    "FROM peer_group_member m WHERE m.person_id = ?1 AND m.group_id = ?2 "
	    "ON CONFLICT (person_id, group_id, session_on) DO NOTHING");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, group_id);
	bind_text(st, 3, session_on);
	bind_text(st, 4, by);
	bind_int(st, 5, now);
	return step_done(tx->conn, st, "peer group attended");
}
