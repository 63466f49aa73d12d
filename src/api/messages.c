/* A person's messages as JSON, through the same door, log and rules as
 * the pages (web/messages.c).
 *   GET  /api/v1/persons/{id}/messages
 *        the reader's threads, newest first: {"person_id", "unread",
 *        "threads": [{"id", "subject", "with", "messages", "unread",
 *        "last_at"}]}
 *   GET  /api/v1/persons/{id}/messages?thread=ID
 *        one thread: {"person_id", "thread": {...}, "participants":
 *        [{"name", "organisation"}], "messages": [{"id", "seq", "author",
 *        "organisation", "at", "text"}]}, oldest first; reading it marks
 *        it read, as opening the page does
 *   POST /api/v1/persons/{id}/messages
 *        a new thread {"subject", "text", "to": [member id, ...]} (the
 *        person names members of their network; a member writing to the
 *        person leaves "to" out), or a reply {"thread": ID, "text"}:
 *        201 {"thread", "message": {...}}
 * A thread the reader does not take part in, and a person whose messages
 * they may not read (not in the network, or no consent to notes), is 404
 * not_found, as for one that is not there. Bad input: 422
 * validation_failed with {"field", "code"}: required (an empty text or
 * subject, no one in "to"), too_long, invalid_format (a wrong type, a
 * control character, a subject of more than one line), invalid_choice (a
 * "to" that is not a member the person may write to); invalid UTF-8 in
 * the body is 400 invalid_encoding. Nothing is written on any of them. */
#include "api/messages.h"

#include <jansson.h>
#include <string.h>

#include "access/door.h"
#include "api/json.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "core/actor.h"
#include "core/message.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "store/messages.h"

static json_t *
thread_json(const struct msg_thread *t)
{
	return json_pack("{s:s, s:s, s:o, s:I, s:I, s:o}", "id", t->id, "subject", t->subject,
	    "with", api_str(t->with), "messages", (json_int_t)t->last_seq,
	    "unread", (json_int_t)message_unread(t->last_seq, t->read_seq),
	    "last_at", api_instant(t->last_us));
}

static json_t *
message_json(const struct message *m)
{
	return json_pack("{s:s, s:I, s:o, s:o, s:o, s:s}", "id", m->id, "seq",
	    (json_int_t)m->seq, "author", api_str(m->author_name), "organisation",
	    api_str(m->author_org_name), "at", api_instant(m->created_us), "text", m->body);
}

static void
not_found(struct req *r, int rc)
{
	error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
	    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
}

struct read_one {
	const struct grant *g;
	struct msg_thread t;
	json_t *doc;
};

static int
write_read(struct store_tx *tx, void *arg)
{
	struct read_one *x = arg;

	return store_tx_msg_read(tx, x->g, x->t.id, x->t.last_seq);
}

static void
after_read(struct req *r, int rc)
{
	struct read_one *x = r->write_arg;

	(void)rc;        /* the answer stands even if the mark was not kept */
	resp_json(r, 200, x->doc);
}

static void
one_thread(struct req *r, const char *id, const struct grant *g, const char *tid)
{
	struct read_one *x = arena_alloc(&r->arena, sizeof(*x));
	struct msg_participant *who;
	struct message *m;
	size_t n = 0, nwho = 0, i;
	json_t *ms, *ps;
	int rc;

	x->g = g;
	if (!id_valid(tid, strlen(tid))) {
		not_found(r, ERR_NOT_FOUND);
		return;
	}
	if ((rc = store_msg_thread(req_store(r), &r->arena, g, today_utc(r), tid, &x->t)) != 0) {
		not_found(r, rc);
		return;
	}
	if (store_msg_messages(req_store(r), &r->arena, g, tid, &m, &n) != 0 ||
	    store_msg_participants(req_store(r), &r->arena, g, today_utc(r), tid, &who,
	    &nwho) != 0) {
		not_found(r, ERR_DB);
		return;
	}
	ms = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(ms, message_json(&m[i]));
	ps = json_array();
	for (i = 0; i < nwho; i++)
		json_array_append_new(ps, json_pack("{s:s, s:o}", "name", who[i].name,
		    "organisation", api_str(who[i].org_name)));
	x->doc = json_pack("{s:s, s:o, s:o, s:o}", "person_id", id, "thread",
	    thread_json(&x->t), "participants", ps, "messages", ms);
	if (x->t.last_seq > x->t.read_seq) {
		req_defer_write(r, write_read, x, after_read);
		return;
	}
	resp_json(r, 200, x->doc);
}

void
api_messages(struct req *r)
{
	const char *id = req_param(r, 0), *tid = req_query(r, "thread");
	struct decision d;
	const struct grant *g = door_messages(r, id, false, &d);
	struct msg_thread *t;
	int64_t unread = 0;
	size_t n = 0, i;
	json_t *a;

	if (g == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	if (tid != NULL) {
		one_thread(r, id, g, tid);
		return;
	}
	if (store_msg_threads(req_store(r), &r->arena, g, today_utc(r), &t, &n) != 0) {
		not_found(r, ERR_DB);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++) {
		unread += message_unread(t[i].last_seq, t[i].read_seq);
		json_array_append_new(a, thread_json(&t[i]));
	}
	resp_json(r, 200, json_pack("{s:s, s:I, s:o}", "person_id", id, "unread",
	    (json_int_t)unread, "threads", a));
}

/* Sending */

static int
write_send(struct store_tx *tx, void *arg)
{
	return store_tx_msg_send(tx, arg);
}

static void
after_send(struct req *r, int rc)
{
	struct msg_send *s = r->write_arg;

	if (rc != 0) {
		not_found(r, rc == ERR_NOT_FOUND ? rc : ERR_DB);
		return;
	}
	s->m.author_name = r->actor->user.display_name;
	s->m.author_org_name = s->m.author_org_id != NULL ? r->actor->org_name : NULL;
	resp_json(r, 201, json_pack("{s:s, s:o}", "thread", s->m.thread_id, "message",
	    message_json(&s->m)));
}

/* A text member: NULL or the problem's code. */
static const char *
text_member(json_t *doc, const char *name, bool subject, const char **out)
{
	json_t *v = json_object_get(doc, name);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return "required";
	if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
		return "invalid_format";
	*out = json_string_value(v);
	return subject ? message_check_subject(*out) : message_check_body(*out);
}

/* The network member through whom the actor takes part: its index in c,
 * or -1. */
static long
own_place(struct req *r, const struct msg_candidate *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(c[i].user_id, r->actor->user.id) == 0 &&
		    (c[i].org_id == NULL) == (r->actor->org_id == NULL) &&
		    (c[i].org_id == NULL || strcmp(c[i].org_id, r->actor->org_id) == 0))
			return (long)i;
	return -1;
}

/* Reads "to" into s->p, after the person: NULL or the problem's code. */
static const char *
read_to(struct req *r, json_t *doc, const struct msg_candidate *c, const bool *ok, size_t nc,
    struct msg_send *s)
{
	json_t *to = json_object_get(doc, "to"), *v;
	size_t i, j, k;

	if (to == NULL || json_is_null(to))
		return "required";
	if (!json_is_array(to))
		return "invalid_format";
	if (json_array_size(to) == 0)
		return "required";
	if (json_array_size(to) > MESSAGE_RECIPIENTS_MAX)
		return "too_long";
	s->p = arena_alloc(&r->arena, (json_array_size(to) + 1) * sizeof(*s->p));
	s->p[s->np++] = (struct msg_participant){.user_id = r->actor->user.id};
	json_array_foreach(to, i, v) {
		if (!json_is_string(v))
			return "invalid_format";
		for (j = 0; j < nc; j++)
			if (ok[j] && strcmp(c[j].member_id, json_string_value(v)) == 0)
				break;
		if (j == nc)
			return "invalid_choice";
		for (k = 0; k < s->np; k++)
			if (strcmp(s->p[k].user_id, c[j].user_id) == 0)
				break;
		if (k == s->np)
			s->p[s->np++] = (struct msg_participant){.user_id = c[j].user_id,
			    .member_id = c[j].member_id};
	}
	return NULL;
}

void
api_message_send(struct req *r)
{
	const char *id = req_param(r, 0), *field = NULL, *code = NULL, *account = NULL;
	struct msg_send *s = arena_alloc(&r->arena, sizeof(*s));
	struct msg_candidate *c = NULL;
	struct decision d;
	json_t *doc, *thread;
	bool *ok = NULL;
	size_t nc = 0;
	int rc;

	if ((s->g = door_messages(r, id, true, &d)) == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return;
	}
	if ((doc = api_body(r)) == NULL)
		return;
	thread = json_object_get(doc, "thread");
	if (thread != NULL && !json_is_null(thread)) {
		/* A reply. */
		if (!json_is_string(thread)) {
			field = "thread";
			code = "invalid_format";
		} else if ((rc = store_msg_thread(req_store(r), &r->arena, s->g, today_utc(r),
		    json_string_value(thread), &s->t)) != 0) {
			json_decref(doc);
			not_found(r, rc);
			return;
		}
		if (code == NULL && (code = text_member(doc, "text", false, &s->m.body)) != NULL)
			field = "text";
	} else {
		s->new_thread = true;
		if ((code = text_member(doc, "subject", true, &s->t.subject)) != NULL)
			field = "subject";
		else if ((code = text_member(doc, "text", false, &s->m.body)) != NULL)
			field = "text";
		if (code == NULL && ((rc = store_msg_person_account(req_store(r), &r->arena, s->g,
		    &account)) != 0 || (rc = store_msg_candidates(req_store(r), &r->arena, s->g,
		    today_utc(r), &c, &nc)) != 0)) {
			json_decref(doc);
			not_found(r, ERR_DB);
			return;
		}
		if (code == NULL && grant_is_self(s->g)) {
			ok = arena_alloc(&r->arena, (nc + 1) * sizeof(*ok));
			if (door_message_members(r, id, c, nc, ok) != 0) {
				json_decref(doc);
				not_found(r, ERR_DB);
				return;
			}
			if ((code = read_to(r, doc, c, ok, nc, s)) != NULL)
				field = "to";
		} else if (code == NULL) {
			long me = own_place(r, c, nc);
			json_t *to = json_object_get(doc, "to");

			if (to != NULL && !json_is_null(to)) {
				/* A member writes to the person, and to no one else. */
				field = "to";
				code = "invalid_choice";
			} else if (account == NULL) {
				field = "to";
				code = "no_account";
			} else if (me < 0) {
				json_decref(doc);
				not_found(r, ERR_NOT_FOUND);
				return;
			} else {
				s->p = arena_alloc(&r->arena, 2 * sizeof(*s->p));
				s->p[s->np++] = (struct msg_participant){.user_id = account};
				s->p[s->np++] = (struct msg_participant){.user_id = c[me].user_id,
				    .member_id = c[me].member_id};
			}
		}
	}
	/* Strings kept past the document. */
	if (s->t.subject != NULL)
		s->t.subject = arena_strdup(&r->arena, s->t.subject);
	if (s->m.body != NULL)
		s->m.body = arena_strdup(&r->arena, s->m.body);
	json_decref(doc);
	if (code != NULL) {
		api_invalid(r, field, code);
		return;
	}
	message_send_prepare(&r->arena, s, id, r->actor->user.id, grant_is_self(s->g) ? NULL :
	    r->actor->org_id, clock_now_us(), today_utc(r), server_config(r->srv)->base_url,
	    r->lang);
	req_defer_write(r, write_send, s, after_send);
}
