/* SQL for the outbox (store/outbox.h). */
#include "store/outbox.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/id.h"
#include "store/backend.h"
#include "store/rows.h"

#define OUTBOX_COLS "id, person_id, about, channel, recipient, subject, body, lang, " \
	"state, send_at_us, attempts, last_error, claimed_by, claimed_until_us, " \
	"created_us, sent_us"

/* What the sender that claimed a message may still end: its own claim,
 * even when another sender marked it unsure after the claim ran out. */
#define HELD "id = ?1 AND claimed_by = ?2 AND state IN ('sending', 'unsure')"

static void
read_msg(struct arena *a, struct stmt *st, void *row)
{
	struct outbox_msg *m = row;

	m->id = col_text(a, st, 0);
	m->person_id = col_text(a, st, 1);
	m->about = col_text(a, st, 2);
	m->channel = col_text(a, st, 3);
	m->recipient = col_text(a, st, 4);
	m->subject = col_text(a, st, 5);
	m->body = col_text(a, st, 6);
	m->lang = col_text(a, st, 7);
	m->state = col_text(a, st, 8);
	m->send_at_us = col_int(st, 9);
	m->attempts = (int)col_int(st, 10);
	m->last_error = col_text(a, st, 11);
	m->claimed_by = col_text(a, st, 12);
	m->claimed_until_us = col_int(st, 13);
	m->created_us = col_int(st, 14);
	m->sent_us = col_int(st, 15);
}

static void
bind_opt(struct stmt *st, int i, const char *s)
{
	if (s != NULL)
		bind_text(st, i, s);
	else
		bind_null(st, i);
}

int
store_tx_outbox_enqueue(struct store_tx *tx, const struct outbox_new *m,
    const char **id_out, struct arena *a)
{
	struct stmt *st;
	char id[ID_LEN + 1];
	int rc;

	if (m->channel == NULL ||
	    (strcmp(m->channel, "email") != 0 && strcmp(m->channel, "sms") != 0) ||
	    m->recipient == NULL || m->recipient[0] == '\0' || m->body == NULL ||
	    m->body[0] == '\0' || strpbrk(m->recipient, "\r\n") != NULL ||
	    (m->subject != NULL && strpbrk(m->subject, "\r\n") != NULL))
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO outbox (id, person_id, about, channel, recipient, "
	    "subject, body, lang, state, send_at_us, attempts, created_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'queued', ?9, 0, ?10)");
	id_new(id);
	bind_text(st, 1, id);
	bind_opt(st, 2, m->person_id);
	bind_opt(st, 3, m->about);
	bind_text(st, 4, m->channel);
	bind_text(st, 5, m->recipient);
	bind_opt(st, 6, m->subject);
	bind_text(st, 7, m->body);
	bind_opt(st, 8, m->lang);
	bind_int(st, 9, m->send_at_us);
	bind_int(st, 10, clock_now_us());
	rc = step_done(tx->conn, st, "outbox enqueue");
	if (rc == 0 && id_out != NULL)
		*id_out = arena_strdup(a, id);
	return rc;
}

int
store_tx_outbox_cancel(struct store_tx *tx, const char *about, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE outbox SET state = 'cancelled', "
	    "sent_us = ?2 WHERE about = ?1 AND state = 'queued'");
	int rc;

	bind_text(st, 1, about);
	bind_int(st, 2, now);
	rc = step_done(tx->conn, st, "outbox cancel");
	return rc != 0 ? rc : (int)tx->conn->changes;
}

int
store_tx_outbox_expire(struct store_tx *tx, struct arena *a, int64_t now,
    struct outbox_msg **out, size_t *n)
{
	struct stmt *st = STMT(tx->conn, "UPDATE outbox SET state = 'unsure', "
	    "last_error = ?2 WHERE state = 'sending' AND claimed_until_us <= ?1 "
	    "RETURNING " OUTBOX_COLS);
	void *rows;
	int rc;

	bind_int(st, 1, now);
	bind_text(st, 2, "its sender stopped while sending it: it may have arrived");
	rc = rows_collect(st, a, 4, sizeof(**out), read_msg, &rows, n, "outbox expire",
	    "outbox expire");
	*out = rows;
	return rc;
}

int
store_tx_outbox_claim(struct store_tx *tx, struct arena *a, const char *worker,
    int64_t now, int64_t lease_until_us, struct outbox_msg *out)
{
	struct conn *c = tx->conn;
	struct stmt *find = STMT(c, "SELECT id FROM outbox WHERE state = 'queued' "
	    "AND send_at_us <= ?1 ORDER BY send_at_us, id LIMIT 1");
	struct stmt *take = STMT(c, "UPDATE outbox SET state = 'sending', claimed_by = ?2, "
	    "claimed_until_us = ?3, attempts = attempts + 1 "
	    "WHERE id = ?1 AND state = 'queued' AND send_at_us <= ?4 RETURNING " OUTBOX_COLS);

	/* Only one sender gets a message, as only one runner a job. */
	return rows_claim(c, find, take, a, worker, now, lease_until_us, read_msg, out);
}

int
store_tx_outbox_sent(struct store_tx *tx, const char *id, const char *worker, int64_t now)
{
	struct stmt *st = STMT(tx->conn, "UPDATE outbox SET state = 'sent', sent_us = ?3, "
	    "claimed_until_us = NULL WHERE " HELD);

	bind_text(st, 1, id);
	bind_text(st, 2, worker);
	bind_int(st, 3, now);
	return step_changed(tx->conn, st, "outbox sent");
}

int
store_tx_outbox_retry(struct store_tx *tx, const char *id, const char *worker,
    int64_t send_at_us, const char *error)
{
	struct stmt *st = STMT(tx->conn, "UPDATE outbox SET state = 'queued', "
	    "send_at_us = ?3, last_error = ?4, claimed_until_us = NULL WHERE " HELD);

	bind_text(st, 1, id);
	bind_text(st, 2, worker);
	bind_int(st, 3, send_at_us);
	bind_text(st, 4, error);
	return step_changed(tx->conn, st, "outbox retry");
}

int
store_tx_outbox_fail(struct store_tx *tx, const char *id, const char *worker,
    int64_t now, const char *error)
{
	struct stmt *st = STMT(tx->conn, "UPDATE outbox SET state = 'failed', "
	    "sent_us = ?3, last_error = ?4, claimed_until_us = NULL WHERE " HELD);

	bind_text(st, 1, id);
	bind_text(st, 2, worker);
	bind_int(st, 3, now);
	bind_text(st, 4, error);
	return step_changed(tx->conn, st, "outbox fail");
}

int
store_tx_outbox_unsure(struct store_tx *tx, const char *id, const char *worker,
    const char *error)
{
	struct stmt *st = STMT(tx->conn, "UPDATE outbox SET state = 'unsure', "
	    "last_error = ?3, claimed_until_us = NULL WHERE " HELD);

	bind_text(st, 1, id);
	bind_text(st, 2, worker);
	bind_text(st, 3, error);
	return step_changed(tx->conn, st, "outbox unsure");
}

int
store_tx_outbox_requeue(struct store_tx *tx, const char *id, int64_t now)
{
	struct conn *c = tx->conn;
	struct stmt *st = STMT(c, "UPDATE outbox SET state = 'queued', send_at_us = ?2, "
	    "attempts = 0, claimed_by = NULL, claimed_until_us = NULL, sent_us = NULL "
	    "WHERE id = ?1 AND state IN ('unsure', 'failed')");
	struct stmt *is;
	int rc;

	bind_text(st, 1, id);
	bind_int(st, 2, now);
	rc = step_changed(c, st, "outbox requeue");
	if (rc != ERR_NOT_FOUND)
		return rc;
	is = STMT(c, "SELECT 1 FROM outbox WHERE id = ?1");
	bind_text(is, 1, id);
	rc = step_row(c, is, "outbox exists");
	if (rc == 0) {
		stmt_reset(is);
		rc = ERR_CONFLICT;
	}
	return rc;
}

int
store_outbox_next_due(struct store *s, int64_t *at)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT min(CASE WHEN state = 'queued' THEN send_at_us "
	    "ELSE claimed_until_us END) FROM outbox WHERE state IN ('queued', 'sending')");
	if ((rc = step_row(c, st, "outbox next due")) != 0)
		return rc;
	rc = col_null(st, 0) ? ERR_NOT_FOUND : 0;
	*at = col_int(st, 0);
	stmt_reset(st);
	return rc;
}

int
store_outbox_list(struct store *s, struct arena *a, bool all, int limit,
    struct outbox_msg **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " OUTBOX_COLS " FROM outbox WHERE ?1 = 1 OR "
	    "state IN ('queued', 'sending', 'unsure', 'failed') "
	    "ORDER BY send_at_us, id LIMIT ?2");
	bind_int(st, 1, all);
	bind_int(st, 2, limit);
	rc = rows_collect(st, a, 16, sizeof(**out), read_msg, &rows, n, "outbox list",
	    "outbox list");
	*out = rows;
	return rc;
}

int
store_outbox_counts(struct store *s, struct outbox_counts *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	const char *state;
	int64_t n;
	int rc;

	*out = (struct outbox_counts){0};
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT state, count(*) FROM outbox GROUP BY state");
	while ((rc = stmt_step(st, "outbox counts")) == STMT_ROW) {
		state = col_cstr(st, 0);
		n = col_int(st, 1);
		if (strcmp(state, "queued") == 0)
			out->queued = n;
		else if (strcmp(state, "sending") == 0)
			out->sending = n;
		else if (strcmp(state, "sent") == 0)
			out->sent = n;
		else if (strcmp(state, "failed") == 0)
			out->failed = n;
		else if (strcmp(state, "cancelled") == 0)
			out->cancelled = n;
		else if (strcmp(state, "unsure") == 0)
			out->unsure = n;
	}
	stmt_reset(st);
	return step_end(rc);
}
