/* Messages between a person and their network: their threads, one thread
 * with its messages and a reply, and a new message.
 *   GET  /me/messages                         the person: their threads
 *   GET  /me/messages/new                     the person: a new message to
 *                                             people of their network
 *   POST /me/messages                         ... sends it
 *   GET  /me/messages/{id}                    one thread (marks it read)
 *   POST /me/messages/{id}                    a reply
 *   GET  /persons/{id}/messages               a network member: their
 *                                             threads with the person
 *   GET  /persons/{id}/messages/new           a new message to the person
 *   POST /persons/{id}/messages               ... sends it
 *   GET  /persons/{id}/messages/{tid}         one thread (marks it read)
 *   POST /persons/{id}/messages/{tid}         a reply
 * A network member may read and write only while in the person's network
 * with the person's consent to the "notes" category (door_messages());
 * anything else, and a thread they do not take part in, is a 404 as for
 * something that is not there. Each arriving message queues a notice
 * without content to the other participants by e-mail. */
#include "web/messages.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/message.h"
#include "core/person.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "http/session.h"
#include "store/messages.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/me.h"

/* Whose messages, and where their pages are. */
struct where {
	const char *person_id, *base, *zone;
	bool self;
};

/* Opens the person's messages (write: to send one): the grant, or NULL
 * after answering (404 as for anything not there). */
static const struct grant *
open_msgs(struct req *r, bool me, bool write, struct where *w)
{
	const struct grant *g;
	struct decision d;
	struct person p;

	memset(w, 0, sizeof(*w));
	w->zone = r->actor->org_time_zone != NULL ? r->actor->org_time_zone :
	    "Europe/Copenhagen";
	if (me) {
		if (web_me_self(r, &p) == NULL)
			return NULL;
		w->person_id = p.id;
		w->zone = p.time_zone;
	} else {
		w->person_id = req_param(r, 0);
	}
	w->self = door_is_self(r, w->person_id);
	w->base = w->self ? "/me/messages" :
	    arena_printf(&r->arena, "/persons/%s/messages", w->person_id);
	if ((g = door_messages(r, w->person_id, write, &d)) == NULL) {
		door_refuse(r, &d, CAT_NOTES);
		return NULL;
	}
	return g;
}

static const char *
when(struct req *r, const struct where *w, int64_t us)
{
	return timefmt_instant(&r->arena, us, w->zone, r->lang, TIMEFMT_DATETIME);
}

static void
badge(struct buf *b, int64_t n)
{
	if (n > 0)
		html(b, " <span class=\"badge\">%lld<span class=\"visually-hidden\"> %s</span>"
		    "</span>", (long long)n, _("unread"));
}

void
web_messages_nav(struct req *r, struct buf *b)
{
	const struct grant *g;
	struct person p;
	int64_t n = 0;
	int rc;

	/* Only when there is something to read: the header stays two rows on
	 * a phone. The person's page links to their messages anyway. */
	if ((g = door_self(r, &p, &rc)) == NULL ||
	    store_msg_unread(req_store(r), g, today_utc(r), &n) != 0 || n <= 0)
		return;
	html(b, " <a class=\"unread\" href=\"/me/messages\"><span class=\"badge\">%lld</span>"
	    "<span class=\"visually-hidden\"> %s</span></a>", (long long)n,
	    ngettext("unread message", "unread messages", (unsigned long)n));
}

/* The list */

static void
list_page(struct req *r, const struct where *w, const struct grant *g, const char *message)
{
	struct msg_thread *t;
	size_t n = 0, i;
	struct buf b;
	char iso[28];

	if (store_msg_threads(req_store(r), &r->arena, g, today_utc(r), &t, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Messages"));
	if (w->self)
		html(&b, "<nav><a href=\"/me\">%s</a></nav>", _("Back to my page"));
	else
		html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", w->person_id,
		    _("Back to the person's page"));
	html(&b, "<h1>%s</h1>", _("Messages"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	html(&b, "<p><a class=\"button\" href=\"%s/new\">%s</a></p>", w->base,
	    _("Write a new message"));
	if (n == 0) {
		html(&b, "<p>%s</p>", w->self ?
		    _("You have no messages yet. You can write to the people in your network "
		      "who may read your notes and messages.") :
		    _("There are no messages between you yet."));
	} else {
		html(&b, "<ol class=\"threads\" aria-label=\"%s\">", _("Conversations, newest first"));
		for (i = 0; i < n; i++) {
			int64_t u = message_unread(t[i].last_seq, t[i].read_seq);

			clock_format_datetime(t[i].last_us, iso);
			html(&b, "<li class=\"thread%s\"><a href=\"%s/%s\">%s</a>",
			    u > 0 ? " unread" : "", w->base, t[i].id, t[i].subject);
			badge(&b, u);
			html(&b, "<p class=\"small\">%s · <time datetime=\"%s\">%s</time></p></li>",
			    arena_printf(&r->arena, _("With %s"), t[i].with ? t[i].with : "–"),
			    iso, when(r, w, t[i].last_us));
		}
		html_raw(&b, "</ol>");
	}
	layout_end(r, &b, 200);
}

void
web_my_messages(struct req *r)
{
	struct where w;
	const struct grant *g = open_msgs(r, true, false, &w);

	if (g != NULL)
		list_page(r, &w, g, NULL);
}

void
web_messages(struct req *r)
{
	struct where w;
	const struct grant *g;

	if (door_is_self(r, req_param(r, 0))) {
		resp_redirect(r, 303, "/me/messages");
		return;
	}
	if ((g = open_msgs(r, false, false, &w)) != NULL)
		list_page(r, &w, g, NULL);
}

/* A thread */

/* What was typed, kept on error. */
struct form {
	const char *subject, *text;
	const char **chosen;          /* member ids ticked */
	size_t nchosen;
};

static bool
ticked(const struct form *f, const char *member_id)
{
	size_t i;

	for (i = 0; f != NULL && i < f->nchosen; i++)
		if (strcmp(f->chosen[i], member_id) == 0)
			return true;
	return false;
}

struct thread_page {
	struct where w;
	const struct grant *g;
	struct msg_thread t;
	struct buf b;
	unsigned status;
};

static void
after_read(struct req *r, int rc)
{
	struct thread_page *p = r->write_arg;

	(void)rc;       /* the page shows even if the mark was not kept */
	layout_end(r, &p->b, p->status);
}

static int
write_read(struct store_tx *tx, void *arg)
{
	struct thread_page *p = arg;

	return store_tx_msg_read(tx, p->g, p->t.id, p->t.last_seq);
}

static void
thread_page(struct req *r, struct thread_page *p, const struct form *f,
    const struct form_errors *e)
{
	struct msg_participant *who;
	struct message *m;
	size_t n = 0, nwho = 0, i;
	const char *names = NULL;
	struct buf *b = &p->b;
	char iso[28];

	if (store_msg_messages(req_store(r), &r->arena, p->g, p->t.id, &m, &n) != 0 ||
	    store_msg_participants(req_store(r), &r->arena, p->g, today_utc(r), p->t.id, &who,
	    &nwho) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	for (i = 0; i < nwho; i++) {
		const char *x = who[i].org_name ? arena_printf(&r->arena, _("%s, %s"), who[i].name,
		    who[i].org_name) : who[i].name;

		names = names ? arena_printf(&r->arena, "%s; %s", names, x) : x;
	}
	buf_init(b, &r->arena);
	layout_begin(r, b, p->t.subject);
	html(b, "<nav><a href=\"%s\">%s</a></nav>", p->w.base, _("All messages"));
	html(b, "<h1>%s</h1>", p->t.subject);
	html(b, "<p class=\"small\">%s</p>", arena_printf(&r->arena, _("Between: %s"),
	    names ? names : "–"));
	html_raw(b, "<ol class=\"messages\">");
	for (i = 0; i < n; i++) {
		bool fresh = m[i].seq > p->t.read_seq;

		clock_format_datetime(m[i].created_us, iso);
		html(b, "<li class=\"message%s\" id=\"m-%lld\"><p class=\"who\"><strong>%s</strong>",
		    fresh ? " unread" : "", (long long)m[i].seq, m[i].author_name);
		if (m[i].author_org_name != NULL)
			html(b, ", %s", m[i].author_org_name);
		if (fresh)
			html(b, " <span class=\"badge\">%s</span>", _("New"));
		html(b, " <span class=\"small\"><time datetime=\"%s\">%s</time></span></p>", iso,
		    when(r, &p->w, m[i].created_us));
		layout_own_words(r, b, m[i].body, NULL);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
	html(b, "<section aria-labelledby=\"s-reply\"><h2 id=\"s-reply\">%s</h2>", _("Reply"));
	form_begin(r, b, arena_printf(&r->arena, "%s/%s", p->w.base, p->t.id), e);
	form_textarea(b, "text", _("Your message"), f ? f->text : NULL,
	    _("Plain text. The others are told by e-mail that there is a new message, "
	      "never what it says."), e);
	form_end(b, _("Send"));
	html_raw(b, "</section>");
	/* Opening the thread reads it: the reader's mark moves on. */
	if (p->status == 200 && p->t.last_seq > p->t.read_seq) {
		req_defer_write(r, write_read, p, after_read);
		return;
	}
	layout_end(r, b, p->status);
}

static void
show_thread(struct req *r, bool me)
{
	struct thread_page *p = arena_alloc(&r->arena, sizeof(*p));
	const char *tid = req_param(r, me ? 0 : 1);
	int rc;

	if (!me && door_is_self(r, req_param(r, 0))) {
		resp_redirect(r, 303, arena_printf(&r->arena, "/me/messages/%s", tid));
		return;
	}
	if ((p->g = open_msgs(r, me, false, &p->w)) == NULL)
		return;
	if ((rc = store_msg_thread(req_store(r), &r->arena, p->g, today_utc(r), tid,
	    &p->t)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	p->status = 200;
	thread_page(r, p, NULL, NULL);
}

void
web_my_thread(struct req *r)
{
	show_thread(r, true);
}

void
web_thread(struct req *r)
{
	show_thread(r, false);
}

/* Sending */

/* A message to send from a page, and where the page is. */
struct send {
	struct msg_send s;
	struct where w;
};

static int
write_send(struct store_tx *tx, void *arg)
{
	struct send *x = arg;

	return store_tx_msg_send(tx, &x->s);
}

static void
after_send(struct req *r, int rc)
{
	struct send *x = r->write_arg;
	struct msg_send *s = &x->s;

	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "%s/%s#m-%lld", x->w.base,
	    s->m.thread_id, (long long)s->m.seq));
}

static void
reply(struct req *r, bool me)
{
	struct send *x = arena_alloc(&r->arena, sizeof(*x));
	struct msg_send *s = &x->s;
	const char *tid = req_param(r, me ? 0 : 1);
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct form *f = arena_alloc(&r->arena, sizeof(*f));
	int rc;

	if ((s->g = open_msgs(r, me, true, &x->w)) == NULL)
		return;
	if ((rc = store_msg_thread(req_store(r), &r->arena, s->g, today_utc(r), tid,
	    &s->t)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	f->text = form_text(r, e, "text", true, MESSAGE_MAX);
	if (e->n == 0) {
		const char *code = message_check_body(f->text);

		if (code != NULL)
			form_error(e, "text", code);
	}
	if (e->n > 0) {
		struct thread_page *p = arena_alloc(&r->arena, sizeof(*p));
		struct decision d;

		/* The page shows the thread again: a read, noted as such. */
		p->w = x->w;
		p->t = s->t;
		p->status = 422;
		if ((p->g = door_messages(r, x->w.person_id, false, &d)) == NULL) {
			door_refuse(r, &d, CAT_NOTES);
			return;
		}
		thread_page(r, p, f, e);
		return;
	}
	s->m.body = f->text;
	message_send_prepare(&r->arena, s, x->w.person_id, r->actor->user.id,
	    x->w.self ? NULL : r->actor->org_id, clock_now_us(), today_utc(r),
	    server_config(r->srv)->base_url, r->lang);
	req_defer_write(r, write_send, x, after_send);
}

void
web_my_thread_reply(struct req *r)
{
	reply(r, true);
}

void
web_thread_reply(struct req *r)
{
	reply(r, false);
}

/* A new message */

static const char *
to_field(struct req *r, const char *member_id)
{
	return arena_printf(&r->arena, "to_%s", member_id);
}

/* Who the person may write to: the members of their network whom the
 * door lets take part. */
static int
recipients(struct req *r, const struct where *w, const struct grant *g,
    struct msg_candidate **out, size_t *n)
{
	struct msg_candidate *c;
	size_t nc = 0, i;
	bool *ok;
	int rc;

	*n = 0;
	if ((rc = store_msg_candidates(req_store(r), &r->arena, g, today_utc(r), &c, &nc)) != 0)
		return rc;
	ok = arena_alloc(&r->arena, (nc + 1) * sizeof(*ok));
	if ((rc = door_message_members(r, w->person_id, c, nc, ok)) != 0)
		return rc;
	*out = arena_alloc(&r->arena, (nc + 1) * sizeof(**out));
	for (i = 0; i < nc; i++)
		if (ok[i] && (w->self || strcmp(c[i].user_id, r->actor->user.id) != 0))
			(*out)[(*n)++] = c[i];
	return 0;
}

static void
new_page(struct req *r, const struct where *w, const struct grant *g, unsigned status,
    const struct form *f, const struct form_errors *e)
{
	struct msg_candidate *c = NULL;
	const char *account = NULL;
	size_t n = 0, i;
	struct buf b;

	if ((w->self ? recipients(r, w, g, &c, &n) :
	    store_msg_person_account(req_store(r), &r->arena, g, &account)) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("New message"));
	html(&b, "<nav><a href=\"%s\">%s</a></nav>", w->base, _("All messages"));
	html(&b, "<h1>%s</h1>", _("New message"));
	if (w->self && n == 0) {
		html(&b, "<p class=\"notice\">%s</p><p><a href=\"/me/consents\">%s</a></p>",
		    _("Nobody in your network can read messages from you yet. Messages go with "
		      "your journal notes: you choose who may read them."),
		    _("Who may see what"));
		layout_end(r, &b, status);
		return;
	}
	if (!w->self && account == NULL) {
		html(&b, "<p class=\"notice\">%s</p>",
		    _("This person has no account in rosc yet, so they cannot read messages."));
		layout_end(r, &b, status);
		return;
	}
	form_begin(r, &b, w->base, e);
	if (w->self) {
		const char *err = form_error_at(e, "to");

		if (err != NULL)
			html(&b, "<fieldset id=\"f-to\" aria-describedby=\"e-to\"><legend>%s</legend>"
			    "<p class=\"field-error\" id=\"e-to\">%s</p>", _("To"),
			    _("Please choose at least one person."));
		else
			html(&b, "<fieldset id=\"f-to\"><legend>%s</legend>", _("To"));
		for (i = 0; i < n; i++) {
			const char *name = to_field(r, c[i].member_id);

			html(&b, "<div class=\"check\"><input type=\"checkbox\" name=\"%s\" id=\"%s\" "
			    "value=\"1\"%s><label for=\"%s\">%s <span class=\"small\">(%s)</span>"
			    "</label></div>", name, name, ticked(f, c[i].member_id) ? " checked" : "",
			    name, c[i].name, c[i].org_name ? arena_printf(&r->arena, _("%s, %s"),
			    net_role_label(c[i].net_role), c[i].org_name) :
			    net_role_label(c[i].net_role));
		}
		html_raw(&b, "</fieldset>");
	}
	form_input(&b, "subject", _("Subject"), "text", f ? f->subject : NULL, "off", NULL, e);
	form_textarea(&b, "text", _("Your message"), f ? f->text : NULL,
	    _("Plain text. The others are told by e-mail that there is a new message, "
	      "never what it says."), e);
	form_end(&b, _("Send"));
	layout_end(r, &b, status);
}

static void
show_new(struct req *r, bool me)
{
	struct where w;
	const struct grant *g;

	if (!me && door_is_self(r, req_param(r, 0))) {
		resp_redirect(r, 303, "/me/messages/new");
		return;
	}
	if ((g = open_msgs(r, me, false, &w)) != NULL)
		new_page(r, &w, g, 200, NULL, NULL);
}

void
web_my_message_new(struct req *r)
{
	show_new(r, true);
}

void
web_message_new(struct req *r)
{
	show_new(r, false);
}

static void
create(struct req *r, bool me)
{
	struct send *x = arena_alloc(&r->arena, sizeof(*x));
	struct msg_send *s = &x->s;
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct form *f = arena_alloc(&r->arena, sizeof(*f));
	struct msg_candidate *c = NULL;
	const char *account = NULL, *code;
	size_t n = 0, i;

	if ((s->g = open_msgs(r, me, true, &x->w)) == NULL)
		return;
	if (store_msg_person_account(req_store(r), &r->arena, s->g, &account) != 0 ||
	    (x->w.self && recipients(r, &x->w, s->g, &c, &n) != 0)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	f->subject = form_text(r, e, "subject", true, MESSAGE_SUBJECT_MAX);
	if (form_error_at(e, "subject") == NULL &&
	    (code = message_check_subject(f->subject)) != NULL)
		form_error(e, "subject", code);
	f->text = form_text(r, e, "text", true, MESSAGE_MAX);
	if (form_error_at(e, "text") == NULL && (code = message_check_body(f->text)) != NULL)
		form_error(e, "text", code);
	s->p = arena_alloc(&r->arena, (n + 2) * sizeof(*s->p));
	if (account != NULL)
		s->p[s->np++] = (struct msg_participant){.user_id = account};
	if (x->w.self) {
		f->chosen = arena_alloc(&r->arena, (n + 1) * sizeof(*f->chosen));
		for (i = 0; i < n; i++)
			if (req_form(r, to_field(r, c[i].member_id)) != NULL &&
			    s->np < MESSAGE_RECIPIENTS_MAX) {
				f->chosen[f->nchosen++] = c[i].member_id;
				s->p[s->np++] = (struct msg_participant){.user_id = c[i].user_id,
				    .member_id = c[i].member_id};
			}
		if (f->nchosen == 0)
			form_error(e, "to", "required");
	} else {
		/* The writer takes part through their own place in the network. */
		struct msg_candidate *all;
		size_t nall = 0;

		if (account == NULL) {
			new_page(r, &x->w, s->g, 422, f, e);
			return;
		}
		if (store_msg_candidates(req_store(r), &r->arena, s->g, today_utc(r), &all,
		    &nall) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		for (i = 0; i < nall; i++)
			if (strcmp(all[i].user_id, r->actor->user.id) == 0 &&
			    (all[i].org_id == NULL) == (r->actor->org_id == NULL) &&
			    (all[i].org_id == NULL || strcmp(all[i].org_id, r->actor->org_id) == 0))
				break;
		if (i == nall) {
			error_respond(r, 404, PROBLEM_NOT_FOUND);
			return;
		}
		s->p[s->np++] = (struct msg_participant){.user_id = all[i].user_id,
		    .member_id = all[i].member_id};
	}
	if (e->n > 0 || account == NULL) {
		new_page(r, &x->w, s->g, 422, f, e);
		return;
	}
	s->new_thread = true;
	s->t.subject = f->subject;
	s->m.body = f->text;
	message_send_prepare(&r->arena, s, x->w.person_id, r->actor->user.id,
	    x->w.self ? NULL : r->actor->org_id, clock_now_us(), today_utc(r),
	    server_config(r->srv)->base_url, r->lang);
	req_defer_write(r, write_send, x, after_send);
}

void
web_my_message_create(struct req *r)
{
	create(r, true);
}

void
web_message_create(struct req *r)
{
	if (door_is_self(r, req_param(r, 0))) {
		create(r, true);
		return;
	}
	create(r, false);
}
