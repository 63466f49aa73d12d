/* SQL for calendar feeds (see calendar.h). */
#include "store/calendar.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"

#define FEED_COLUMNS "id, user_id, org_id, token_hash, detail, created_us, last_used_us, " \
	"revoked_us "

static void
read_feed(struct arena *a, struct stmt *st, void *row)
{
	struct calendar_feed *f = row;

	f->id = col_text(a, st, 0);
	f->user_id = col_text(a, st, 1);
	f->org_id = col_text(a, st, 2);
	f->token_hash = col_text(a, st, 3);
	f->full = strcmp(col_cstr(st, 4), "full") == 0;
	f->created_us = col_int(st, 5);
	f->last_used_us = col_int(st, 6);
	f->revoked_us = col_int(st, 7);
}

int
store_calendar_feed_by_hash(struct store *s, struct arena *a, const char *token_hash,
    struct calendar_feed *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " FEED_COLUMNS "FROM calendar_feed WHERE token_hash = ?1");
	bind_text(st, 1, token_hash);
	if ((rc = step_row(c, st, "calendar feed")) != 0)
		return rc;
	read_feed(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_calendar_feeds_of_user(struct store *s, struct arena *a, const char *user_id,
    struct calendar_feed **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " FEED_COLUMNS "FROM calendar_feed WHERE user_id = ?1 "
	    "ORDER BY created_us DESC, id LIMIT 50");
	bind_text(st, 1, user_id);
	rc = rows_collect(st, a, 4, sizeof(**out), read_feed, &rows, n, __func__,
	    "calendar feeds");
	*out = rows;
	return rc;
}

int
store_tx_calendar_feed_insert(struct store_tx *tx, const struct calendar_feed *f)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO calendar_feed (id, user_id, org_id, "
	    "token_hash, detail, created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");

	bind_text(st, 1, f->id);
	bind_text(st, 2, f->user_id);
	bind_text(st, 3, f->org_id);
	bind_text(st, 4, f->token_hash);
	bind_text(st, 5, f->full ? "full" : "minimal");
	bind_int(st, 6, f->created_us);
	return step_done(tx->conn, st, "calendar feed insert");
}

int
store_tx_calendar_feed_revoke(struct store_tx *tx, const char *id, const char *user_id,
    int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE calendar_feed SET revoked_us = ?3 "
	    "WHERE id = ?1 AND user_id = ?2 AND revoked_us IS NULL");

	bind_text(st, 1, id);
	bind_text(st, 2, user_id);
	bind_int(st, 3, now);
	return step_changed(tx->conn, st, "calendar feed revoke");
}

int
store_tx_calendar_feed_touch(struct store_tx *tx, const char *id, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE calendar_feed SET last_used_us = ?2 "
	    "WHERE id = ?1");

	bind_text(st, 1, id);
	bind_int(st, 2, now);
	return step_done(tx->conn, st, "calendar feed touch");
}

static void
read_ref(struct arena *a, struct stmt *st, void *row)
{
	struct appt_ref *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
}

int
store_appointment_refs_of_user(struct store *s, struct arena *a,
    const struct list_grant *l, int64_t from_us, int64_t until_us, struct appt_ref **out,
    size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	/* Two indexed halves: those they made (appointment_created_by), and
	 * those with them, through their places in networks (network_member_user,
	 * then appointment_when). */
	st = STMT(c, "SELECT a.person_id, a.id, a.starts_us FROM appointment a "
	    "WHERE a.created_by = ?1 AND a.starts_us >= ?2 AND a.starts_us < ?3 "
	    "UNION SELECT a.person_id, a.id, a.starts_us FROM network_member m "
	    "JOIN appointment a ON a.person_id = m.person_id AND a.starts_us >= ?2 "
	    "AND a.starts_us < ?3 AND a.with_member_id = m.id WHERE m.user_id = ?1 "
	    "ORDER BY 3, 2 LIMIT 500");
	bind_text(st, 1, list_grant_user(l));
	bind_int(st, 2, from_us);
	bind_int(st, 3, until_us);
	rc = rows_collect(st, a, 16, sizeof(**out), read_ref, &rows, n, __func__,
	    "appointments of user");
	*out = rows;
	return rc;
}
