/* SQL for messages between a person and their network (see messages.h). */
#include "store/messages.h"

#include <string.h>

#include "access/grant.h"
#include "base/err.h"
#include "base/i18n.h"
#include "core/help_now.h"
#include "store/backend.h"
#include "store/grants.h"
#include "store/outbox.h"
#include "store/rows.h"

/* The reader a grant reads for, and whether it is the person; false for a
 * grant that is not one to messages. */
static bool
reader(const struct grant *g, const char **user, const char **org)
{
	if (g == NULL)
		return false;
	if (grant_messages(g, user, org))
		return true;
	/* The command line's grant to all of a person's data (the export)
	 * reads as the person: every thread of theirs. */
	*user = *org = NULL;
	return grant_is_self(g) && grant_covers(g, CAT_NOTES);
}

/* A grant to write messages of person_id (the door's, or the command
 * line's for the demo): whether the writer takes part in the thread was
 * asked of store_msg_thread() with the same grant before. */
static bool
writes(const struct grant *g, const char *person_id)
{
	return store_grant_fits(g, person_id) && grant_covers(g, CAT_NOTES);
}

static void
read_candidate(struct arena *a, struct stmt *st, void *row)
{
	struct msg_candidate *x = row;

	x->member_id = col_text(a, st, 0);
	x->user_id = col_text(a, st, 1);
	x->org_id = col_text(a, st, 2);
	x->name = col_text(a, st, 3);
	x->org_name = col_text(a, st, 4);
	if (!net_role_parse(col_cstr(st, 5), &x->net_role))
		x->net_role = NET_SUPPORTER;
	if (col_null(st, 6) || !role_parse(col_cstr(st, 6), &x->role))
		x->role = ROLE_NONE;
	x->disabled = !col_null(st, 7);
}

int
store_msg_candidates(struct store *s, struct arena *a, const struct grant *g,
    const char *today, struct msg_candidate **out, size_t *n)
{
	struct conn *c = store_reader(s);
	const char *u, *o;
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (!reader(g, &u, &o))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT m.id, m.user_id, m.org_id, u.display_name, og.name, m.role, "
	    "ms.role, u.disabled_us "
	    "FROM network_member m JOIN user_account u ON u.id = m.user_id "
	    "LEFT JOIN organisation og ON og.id = m.org_id "
	    "LEFT JOIN membership ms ON ms.user_id = m.user_id AND ms.org_id = m.org_id "
	    "WHERE m.person_id = ?1 AND m.from_date <= ?2 "
	    "AND (m.until_date IS NULL OR m.until_date >= ?2) "
	    "ORDER BY CASE m.role WHEN 'coordinator' THEN 0 WHEN 'professional' THEN 1 "
	    "WHEN 'peer_worker' THEN 2 WHEN 'volunteer' THEN 3 WHEN 'family' THEN 4 ELSE 5 END, "
	    "u.display_name, m.id LIMIT 100");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, today);
	rc = rows_collect(st, a, 8, sizeof(**out), read_candidate, &rows, n, __func__,
	    "message candidates");
	*out = rows;
	return rc;
}

static void
read_thread(struct arena *a, struct stmt *st, void *row)
{
	struct msg_thread *x = row;

	x->person_id = col_text(a, st, 0);
	x->id = col_text(a, st, 1);
	x->subject = col_text(a, st, 2);
	x->started_by = col_text(a, st, 3);
	x->created_us = col_int(st, 4);
	x->last_us = col_int(st, 5);
	x->last_seq = col_int(st, 6);
	x->read_seq = col_int(st, 7);
}

/* Binds what the visibility rule in the queries below needs: ?1 person,
 * ?2 reader, ?3 1 for the person (who sees every thread), ?4 today, ?5
 * the reader's organisation. */
static void
bind_reader(struct stmt *st, const struct grant *g, const char *user, const char *org,
    const char *today)
{
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, user);
	bind_int(st, 3, grant_is_self(g) ? 1 : 0);
	bind_text(st, 4, today);
	bind_text(st, 5, org);
}

struct who_row {
	const char *thread_id, *name, *user_id;
};

static void
read_who(struct arena *a, struct stmt *st, void *row)
{
	struct who_row *x = row;

	x->thread_id = col_text(a, st, 0);
	x->name = col_text(a, st, 1);
	x->user_id = col_text(a, st, 2);
}

int
store_msg_threads(struct store *s, struct arena *a, const struct grant *g,
    const char *today, struct msg_thread **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct msg_thread *t;
	struct who_row *w;
	const char *u, *o;
	struct stmt *st;
	size_t nw = 0, i, j;
	void *rows;
	int rc;

	*n = 0;
	*out = NULL;
	if (!reader(g, &u, &o))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT t.person_id, t.id, t.subject, t.started_by, t.created_us, "
	    "t.last_us, t.last_seq, coalesce(p.read_seq, 0) "
	    "FROM message_thread t LEFT JOIN message_participant p ON p.person_id = t.person_id "
	    "AND p.thread_id = t.id AND p.user_id = ?2 "
	    "WHERE t.person_id = ?1 AND (?3 = 1 OR EXISTS (SELECT 1 FROM network_member m "
	    "WHERE m.person_id = p.person_id AND m.id = p.member_id "
	    "AND (m.until_date IS NULL OR m.until_date >= ?4) "
	    "AND coalesce(m.org_id, '') = coalesce(CAST(?5 AS TEXT), ''))) "
	    "ORDER BY t.last_us DESC, t.id LIMIT 200");
	bind_reader(st, g, u, o, today);
	if ((rc = rows_collect(st, a, 8, sizeof(**out), read_thread, &rows, n, __func__,
	    "message threads")) != 0)
		return rc;
	t = rows;
	*out = t;
	if (*n == 0)
		return 0;
	/* Who else takes part, for every thread of the person at once. */
	st = STMT(c, "SELECT p.thread_id, u.display_name, p.user_id FROM message_participant p "
	    "JOIN user_account u ON u.id = p.user_id "
	    "LEFT JOIN network_member m ON m.person_id = p.person_id AND m.id = p.member_id "
	    "WHERE p.person_id = ?1 AND (p.member_id IS NULL OR m.until_date IS NULL "
	    "OR m.until_date >= ?2) "
	    "ORDER BY p.thread_id, p.member_id IS NOT NULL, u.display_name");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, today);
	if ((rc = rows_collect(st, a, 16, sizeof(*w), read_who, &rows, &nw, __func__,
	    "message participants")) != 0)
		return rc;
	w = rows;
	for (i = 0; i < *n; i++)
		for (j = 0; j < nw; j++) {
			if (strcmp(w[j].thread_id, t[i].id) != 0 ||
			    (u != NULL && strcmp(w[j].user_id, u) == 0))
				continue;
			t[i].with = t[i].with == NULL ? w[j].name :
			    arena_printf(a, "%s, %s", t[i].with, w[j].name);
		}
	return 0;
}

int
store_msg_thread(struct store *s, struct arena *a, const struct grant *g,
    const char *today, const char *thread_id, struct msg_thread *out)
{
	struct conn *c = store_reader(s);
	const char *u, *o;
	struct stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!reader(g, &u, &o))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT t.person_id, t.id, t.subject, t.started_by, t.created_us, "
	    "t.last_us, t.last_seq, coalesce(p.read_seq, 0) "
	    "FROM message_thread t LEFT JOIN message_participant p ON p.person_id = t.person_id "
	    "AND p.thread_id = t.id AND p.user_id = ?2 "
	    "WHERE t.person_id = ?1 AND t.id = ?6 AND (?3 = 1 OR EXISTS (SELECT 1 "
	    "FROM network_member m WHERE m.person_id = p.person_id AND m.id = p.member_id "
	    "AND (m.until_date IS NULL OR m.until_date >= ?4) "
	    "AND coalesce(m.org_id, '') = coalesce(CAST(?5 AS TEXT), '')))");
	bind_reader(st, g, u, o, today);
	bind_text(st, 6, thread_id);
	if ((rc = step_row(c, st, "message thread")) != 0)
		return rc;
	read_thread(a, st, out);
	stmt_reset(st);
	return 0;
}

static void
read_message(struct arena *a, struct stmt *st, void *row)
{
	struct message *x = row;

	x->person_id = col_text(a, st, 0);
	x->thread_id = col_text(a, st, 1);
	x->seq = col_int(st, 2);
	x->id = col_text(a, st, 3);
	x->author_id = col_text(a, st, 4);
	x->author_name = col_text(a, st, 5);
	x->author_org_id = col_text(a, st, 6);
	x->author_org_name = col_text(a, st, 7);
	x->body = col_text(a, st, 8);
	x->created_us = col_int(st, 9);
}

int
store_msg_messages(struct store *s, struct arena *a, const struct grant *g,
    const char *thread_id, struct message **out, size_t *n)
{
	struct conn *c = store_reader(s);
	const char *u, *o;
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (!reader(g, &u, &o))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT m.person_id, m.thread_id, m.seq, m.id, m.author_id, u.display_name, "
	    "m.author_org_id, og.name, m.body, m.created_us "
	    "FROM message m JOIN user_account u ON u.id = m.author_id "
	    "LEFT JOIN organisation og ON og.id = m.author_org_id "
	    "WHERE m.person_id = ?1 AND m.thread_id = ?2 ORDER BY m.seq LIMIT 1000");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, thread_id);
	rc = rows_collect(st, a, 16, sizeof(**out), read_message, &rows, n, __func__,
	    "messages");
	*out = rows;
	return rc;
}

static void
read_participant(struct arena *a, struct stmt *st, void *row)
{
	struct msg_participant *x = row;

	x->user_id = col_text(a, st, 0);
	x->member_id = col_text(a, st, 1);
	x->name = col_text(a, st, 2);
	x->org_name = col_text(a, st, 3);
	x->email = col_text(a, st, 4);
	x->lang = col_text(a, st, 5);
	x->read_seq = col_int(st, 6);
	x->org_id = col_text(a, st, 7);
	x->role = col_text(a, st, 8);
}

int
store_msg_participants(struct store *s, struct arena *a, const struct grant *g,
    const char *today, const char *thread_id, struct msg_participant **out, size_t *n)
{
	struct conn *c = store_reader(s);
	const char *u, *o;
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	if (!reader(g, &u, &o))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	/* Those who left the network are no longer on the thread. */
	st = STMT(c, "SELECT p.user_id, p.member_id, u.display_name, og.name, "
	    "CASE WHEN p.member_id IS NULL THEN ps.email ELSE m.contact END, "
	    "coalesce(u.lang, CASE WHEN p.member_id IS NULL THEN ps.lang END), p.read_seq, "
	    "m.org_id, m.role "
	    "FROM message_participant p JOIN user_account u ON u.id = p.user_id "
	    "JOIN person ps ON ps.id = p.person_id "
	    "LEFT JOIN network_member m ON m.person_id = p.person_id AND m.id = p.member_id "
	    "LEFT JOIN organisation og ON og.id = m.org_id "
	    "WHERE p.person_id = ?1 AND p.thread_id = ?2 AND (p.member_id IS NULL "
	    "OR m.until_date IS NULL OR m.until_date >= ?3) "
	    "ORDER BY p.member_id IS NOT NULL, u.display_name, p.user_id");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, thread_id);
	bind_text(st, 3, today);
	rc = rows_collect(st, a, 4, sizeof(**out), read_participant, &rows, n, __func__,
	    "message thread participants");
	*out = rows;
	return rc;
}

int
store_msg_person_account(struct store *s, struct arena *a, const struct grant *g,
    const char **user_id)
{
	struct conn *c = store_reader(s);
	const char *u, *o;
	struct stmt *st;
	int rc;

	*user_id = NULL;
	if (!reader(g, &u, &o))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT user_id FROM person WHERE id = ?1");
	bind_text(st, 1, grant_person(g));
	if ((rc = step_row(c, st, "message person account")) != 0)
		return rc;
	*user_id = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

int
store_msg_unread(struct store *s, const struct grant *g, const char *today, int64_t *out)
{
	struct conn *c = store_reader(s);
	const char *u, *o;
	struct stmt *st;
	int rc;

	*out = 0;
	if (!reader(g, &u, &o))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT coalesce(sum(t.last_seq - p.read_seq), 0) "
	    "FROM message_participant p JOIN message_thread t ON t.person_id = p.person_id "
	    "AND t.id = p.thread_id "
	    "WHERE p.person_id = ?1 AND p.user_id = ?2 AND t.last_seq > p.read_seq "
	    "AND (?3 = 1 OR EXISTS (SELECT 1 FROM network_member m "
	    "WHERE m.person_id = p.person_id AND m.id = p.member_id "
	    "AND (m.until_date IS NULL OR m.until_date >= ?4) "
	    "AND coalesce(m.org_id, '') = coalesce(CAST(?5 AS TEXT), '')))");
	bind_reader(st, g, u, o, today);
	if ((rc = step_row(c, st, "unread messages")) == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	*out = col_int(st, 0);
	stmt_reset(st);
	return 0;
}

int
store_msg_all(struct store *s, struct arena *a, const struct grant *g,
    struct msg_thread **threads, size_t *nt, struct message **msgs, size_t *nm)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*nt = *nm = 0;
	*threads = NULL;
	*msgs = NULL;
	if (g == NULL || !grant_is_self(g) || !grant_covers(g, CAT_NOTES))
		return ERR_INVALID;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT t.person_id, t.id, t.subject, t.started_by, t.created_us, "
	    "t.last_us, t.last_seq, coalesce(p.read_seq, 0) "
	    "FROM message_thread t JOIN person ps ON ps.id = t.person_id "
	    "LEFT JOIN message_participant p ON p.person_id = t.person_id "
	    "AND p.thread_id = t.id AND p.user_id = ps.user_id "
	    "WHERE t.person_id = ?1 ORDER BY t.last_us DESC, t.id");
	bind_text(st, 1, grant_person(g));
	if ((rc = rows_collect(st, a, 8, sizeof(**threads), read_thread, &rows, nt, __func__,
	    "message threads all")) != 0)
		return rc;
	*threads = rows;
	st = STMT(c, "SELECT m.person_id, m.thread_id, m.seq, m.id, m.author_id, u.display_name, "
	    "m.author_org_id, og.name, m.body, m.created_us "
	    "FROM message m JOIN user_account u ON u.id = m.author_id "
	    "LEFT JOIN organisation og ON og.id = m.author_org_id "
	    "WHERE m.person_id = ?1 ORDER BY m.thread_id, m.seq");
	bind_text(st, 1, grant_person(g));
	rc = rows_collect(st, a, 16, sizeof(**msgs), read_message, &rows, nm, __func__,
	    "messages all");
	*msgs = rows;
	return rc;
}

/* Writes */

static int
insert_message(struct store_tx *tx, const struct message *m)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO message (person_id, thread_id, seq, id, "
	    "author_id, author_org_id, body, created_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");

	bind_text(st, 1, m->person_id);
	bind_text(st, 2, m->thread_id);
	bind_int(st, 3, m->seq);
	bind_text(st, 4, m->id);
	bind_text(st, 5, m->author_id);
	bind_text(st, 6, m->author_org_id);
	bind_text(st, 7, m->body);
	bind_int(st, 8, m->created_us);
	return step_done(tx->conn, st, "message insert");
}

int
store_tx_msg_thread_create(struct store_tx *tx, const struct grant *g,
    const struct msg_thread *t, const struct msg_participant *p, size_t np,
    const struct message *m)
{
	struct stmt *st;
	size_t i;
	int rc;

	if (!writes(g, t->person_id) || strcmp(m->person_id, t->person_id) != 0 ||
	    strcmp(m->thread_id, t->id) != 0 || m->seq != 1)
		return ERR_INVALID;
	st = STMT(tx->conn, "INSERT INTO message_thread (person_id, id, subject, started_by, "
	    "created_us, last_us, last_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1)");
	bind_text(st, 1, t->person_id);
	bind_text(st, 2, t->id);
	bind_text(st, 3, t->subject);
	bind_text(st, 4, t->started_by);
	bind_int(st, 5, t->created_us);
	if ((rc = step_done(tx->conn, st, "message thread insert")) != 0)
		return rc;
	st = STMT(tx->conn, "INSERT INTO message_participant (person_id, thread_id, user_id, "
	    "member_id, read_seq) VALUES (?1, ?2, ?3, ?4, ?5)");
	for (i = 0; i < np; i++) {
		bind_text(st, 1, t->person_id);
		bind_text(st, 2, t->id);
		bind_text(st, 3, p[i].user_id);
		bind_text(st, 4, p[i].member_id);
		bind_int(st, 5, strcmp(p[i].user_id, m->author_id) == 0 ? 1 : 0);
		if ((rc = step_done(tx->conn, st, "message participant insert")) != 0)
			return rc;
	}
	return insert_message(tx, m);
}

int
store_tx_msg_reply(struct store_tx *tx, const struct grant *g, struct message *m)
{
	struct stmt *st;
	int rc;

	if (!writes(g, m->person_id))
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE message_thread SET last_seq = last_seq + 1, last_us = ?3 "
	    "WHERE person_id = ?1 AND id = ?2 RETURNING last_seq");
	bind_text(st, 1, m->person_id);
	bind_text(st, 2, m->thread_id);
	bind_int(st, 3, m->created_us);
	if ((rc = step_row(tx->conn, st, "message thread next")) != 0)
		return rc;
	m->seq = col_int(st, 0);
	stmt_reset(st);
	if ((rc = insert_message(tx, m)) != 0)
		return rc;
	st = STMT(tx->conn, "UPDATE message_participant SET read_seq = ?4 "
	    "WHERE person_id = ?1 AND thread_id = ?2 AND user_id = ?3");
	bind_text(st, 1, m->person_id);
	bind_text(st, 2, m->thread_id);
	bind_text(st, 3, m->author_id);
	bind_int(st, 4, m->seq);
	return step_done(tx->conn, st, "message read by writer");
}

int
store_tx_msg_read(struct store_tx *tx, const struct grant *g, const char *thread_id,
    int64_t seq)
{
	const char *u, *o;
	struct stmt *st;

	if (!reader(g, &u, &o) || u == NULL)
		return ERR_INVALID;
	st = STMT(tx->conn, "UPDATE message_participant SET read_seq = ?4 "
	    "WHERE person_id = ?1 AND thread_id = ?2 AND user_id = ?3 AND read_seq < ?4");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, thread_id);
	bind_text(st, 3, u);
	bind_int(st, 4, seq);
	return step_done(tx->conn, st, "message read");
}

struct notice_row {
	const char *contact, *lang;
};

static void
read_notice_row(struct arena *a, struct stmt *st, void *row)
{
	struct notice_row *x = row;

	x->contact = col_text(a, st, 0);
	x->lang = col_text(a, st, 1);
}

int
store_tx_msg_notify(struct store_tx *tx, struct arena *a, const struct grant *g,
    const char *thread_id, const char *author_id, const char *today, int64_t now,
    const struct msg_notice *w)
{
	struct notice_row *x;
	struct outbox_new n;
	struct stmt *st, *pending;
	const char *to, *about;
	enum lang l;
	size_t nx = 0, i;
	void *rows;
	int rc, queued = 0;

	if (!writes(g, grant_person(g)))
		return ERR_INVALID;
	st = STMT(tx->conn, "SELECT CASE WHEN p.member_id IS NULL THEN ps.email ELSE m.contact END, "
	    "coalesce(u.lang, ps.lang) "
	    "FROM message_participant p JOIN user_account u ON u.id = p.user_id "
	    "JOIN person ps ON ps.id = p.person_id "
	    "LEFT JOIN network_member m ON m.person_id = p.person_id AND m.id = p.member_id "
	    "WHERE p.person_id = ?1 AND p.thread_id = ?2 AND p.user_id <> ?3 "
	    "AND (p.member_id IS NULL OR m.until_date IS NULL OR m.until_date >= ?4) "
	    "ORDER BY p.user_id");
	bind_text(st, 1, grant_person(g));
	bind_text(st, 2, thread_id);
	bind_text(st, 3, author_id);
	bind_text(st, 4, today);
	if ((rc = rows_collect(st, a, 4, sizeof(*x), read_notice_row, &rows, &nx, __func__,
	    "message notice recipients")) != 0)
		return rc;
	x = rows;
	about = arena_printf(a, "message:%s", thread_id);
	/* One unsent notice per address and thread: more would only say the
	 * same again. */
	pending = STMT(tx->conn, "SELECT 1 FROM outbox WHERE about = ?1 AND state IN ("
	    "'queued', 'sending') AND recipient = ?2 LIMIT 1");
	for (i = 0; i < nx; i++) {
		if (hn_channel_of(a, x[i].contact, &to) != HN_EMAIL)
			continue;
		bind_text(pending, 1, about);
		bind_text(pending, 2, to);
		rc = step_row(tx->conn, pending, "message notice pending");
		if (rc == 0) {
			stmt_reset(pending);
			continue;
		}
		if (rc != ERR_NOT_FOUND)
			return rc;
		if (x[i].lang == NULL || !lang_parse(x[i].lang, strlen(x[i].lang), &l))
			l = LANG_EN;
		memset(&n, 0, sizeof(n));
		n.person_id = grant_person(g);
		n.about = about;
		n.channel = "email";
		n.recipient = to;
		n.subject = w->subject[l];
		n.body = w->body[l];
		n.lang = lang_code(l);
		n.send_at_us = now;
		if ((rc = store_tx_outbox_enqueue(tx, &n, NULL, NULL)) != 0)
			return rc;
		queued++;
	}
	return queued;
}

int
store_tx_msg_send(struct store_tx *tx, struct msg_send *s)
{
	int rc;

	if (s->new_thread)
		rc = store_tx_msg_thread_create(tx, s->g, &s->t, s->p, s->np, &s->m);
	else
		rc = store_tx_msg_reply(tx, s->g, &s->m);
	if (rc != 0)
		return rc;
	rc = store_tx_msg_notify(tx, s->a, s->g, s->m.thread_id, s->m.author_id, s->today,
	    s->m.created_us, &s->words);
	return rc < 0 ? rc : 0;
}
