/* The outbox: mail messages as built (jobs/mail.c), what a delivery's
 * ending means (jobs/deliver.c), the state rules and back-off
 * (jobs/outbox.c), and the queue on SQLite (store/outbox.c). */
#include "test.h"
#include "tmpdir.h"

#include <curl/curl.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "jobs/deliver.h"
#include "jobs/mail.h"
#include "jobs/outbox.h"
#include "jobs/runner.h"
#include "store/outbox.h"
#include "store/store.h"

#define SEC INT64_C(1000000)

static int64_t t0;

/* Sets the test clock (the writer is idle whenever this is called). */
static void
set_now(int64_t us)
{
	char v[28];

	clock_format_instant(us, v);
	setenv("ROSC_TEST_NOW", v, 1);
}

/* Builds a message into a malloc'd buffer; returns mail_build's result. */
static int
build(struct buf *b, const char *from, const char *to, const char *subject,
    const char *body)
{
	struct mail_head h = {from, to, subject, "0123abcd@rosc.example.org", t0, NULL};

	buf_init(b, NULL);
	return mail_build(b, &h, body);
}

static void
every_line_ends_in_crlf_and_none_is_too_long(const char *msg)
{
	const char *p = msg, *nl;

	while ((nl = strchr(p, '\n')) != NULL) {
		assert_true(nl > p && nl[-1] == '\r');
		assert_true(nl - p - 1 <= 78);
		assert_null(memchr(p, '\r', (size_t)(nl - p - 1)));
		p = nl + 1;
	}
	assert_int_equal(*p, '\0');
}

static void
a_plain_message_has_every_header(void **state)
{
	struct buf b;

	(void)state;
	assert_int_equal(build(&b, "rosc <rosc@example.org>", "anne@example.org",
	    "Your appointment", "See you on Tuesday.\nBring your plan.\n"), 0);
	assert_string_equal(b.data,
	    "Date: Tue, 03 Mar 2026 10:00:00 +0000\r\n"
	    "From: rosc <rosc@example.org>\r\n"
	    "To: anne@example.org\r\n"
	    "Subject: Your appointment\r\n"
	    "Message-ID: <0123abcd@rosc.example.org>\r\n"
	    "Auto-Submitted: auto-generated\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 7bit\r\n"
	    "\r\n"
	    "See you on Tuesday.\r\n"
	    "Bring your plan.\r\n");
	every_line_ends_in_crlf_and_none_is_too_long(b.data);
	buf_free(&b);
}

static void
a_subject_that_is_not_ascii_is_encoded_in_words(void **state)
{
	struct buf b;
	const char *subject = "Din aftale på tirsdag — husk din plan, og tag gerne en "
	    "ven med: æ ø å Æ Ø Å";
	char *line, *end;
	unsigned char raw[256];
	size_t got, total = 0;
	char decoded[256];

	(void)state;
	assert_int_equal(build(&b, "Rådgivning <rosc@example.org>", "anne@example.org",
	    subject, "Hej"), 0);
	every_line_ends_in_crlf_and_none_is_too_long(b.data);
	assert_non_null(strstr(b.data, "From: =?UTF-8?B?"));
	assert_non_null(strstr(b.data, "?= <rosc@example.org>\r\n"));
	/* Each word at most 75 characters; together they are the subject. */
	line = strstr(b.data, "Subject: ") + 9;
	for (;;) {
		char *q = strstr(line, "?=");
		const char *b64 = line + strlen("=?UTF-8?B?");

		assert_memory_equal(line, "=?UTF-8?B?", 10);
		assert_true(q + 2 - line <= 75);
		assert_int_equal(sodium_base642bin(raw, sizeof(raw), b64, (size_t)(q - b64),
		    NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
		/* A word never splits a character: each is valid UTF-8. */
		memcpy(decoded + total, raw, got);
		total += got;
		end = q + 2;
		if (strncmp(end, "\r\n ", 3) != 0)
			break;
		line = end + 3;
	}
	assert_memory_equal(end, "\r\n", 2);
	decoded[total] = '\0';
	assert_string_equal(decoded, subject);
	buf_free(&b);
}

static void
a_body_that_is_not_ascii_is_quoted_printable(void **state)
{
	struct buf b;
	const char *body;

	(void)state;
	assert_int_equal(build(&b, "rosc@example.org", "anne@example.org", "Hej",
	    "Vi ses på tirsdag. \r\n"
	    ".a line that starts with a dot\rx = y\n"
	    "0123456789012345678901234567890123456789012345678901234567890123456789012345"
	    "6789 and on"), 0);
	every_line_ends_in_crlf_and_none_is_too_long(b.data);
	assert_non_null(strstr(b.data, "Content-Transfer-Encoding: quoted-printable\r\n"));
	body = strstr(b.data, "\r\n\r\n") + 4;
	assert_string_equal(body,
	    "Vi ses p=C3=A5 tirsdag.=20\r\n"
	    ".a line that starts with a dot\r\n"    /* curl stuffs the dot */
	    "x =3D y\r\n"
	    "012345678901234567890123456789012345678901234567890123456789012345678901234=\r\n"
	    "56789 and on\r\n");
	buf_free(&b);
}

static void
line_breaks_in_headers_are_refused(void **state)
{
	struct buf b;

	(void)state;
	assert_int_equal(build(&b, "rosc@example.org", "anne@example.org",
	    "Hi\r\nBcc: everyone@example.org", "x"), ERR_INVALID);
	buf_free(&b);
	assert_int_equal(build(&b, "rosc@example.org", "anne@example.org\r\nBcc: x@y.z",
	    "Hi", "x"), ERR_INVALID);
	buf_free(&b);
	assert_int_equal(build(&b, "rosc@example.org", "anne@example.org", "Hi\nthere", "x"),
	    ERR_INVALID);
	buf_free(&b);
	assert_int_equal(build(&b, "rosc@example.org\nBcc: x@y.z", "anne@example.org", "Hi",
	    "x"), ERR_INVALID);
	buf_free(&b);
}

static void
addresses_are_checked(void **state)
{
	char out[64], host[64];

	(void)state;
	assert_true(mail_address_valid("anne@example.org"));
	assert_true(mail_address_valid("a+b.c@d"));
	assert_false(mail_address_valid("anne"));
	assert_false(mail_address_valid("@example.org"));
	assert_false(mail_address_valid("anne@"));
	assert_false(mail_address_valid("an ne@example.org"));
	assert_false(mail_address_valid("a@b@c"));
	assert_false(mail_address_valid("<anne@example.org>"));
	assert_false(mail_address_valid("anné@example.org"));
	assert_int_equal(mail_from_address("rosc <rosc@example.org>", out, sizeof(out)), 0);
	assert_string_equal(out, "rosc@example.org");
	assert_int_equal(mail_from_address("rosc@example.org", out, sizeof(out)), 0);
	assert_string_equal(out, "rosc@example.org");
	assert_int_equal(mail_from_address("rosc <rosc@example.org> x", out, sizeof(out)),
	    ERR_INVALID);
	mail_url_host("https://rosc.example.org:8443/path", host, sizeof(host));
	assert_string_equal(host, "rosc.example.org");
	mail_url_host("http://[::1]:8080", host, sizeof(host));
	assert_string_equal(host, "[::1]");
	mail_url_host("http://127.0.0.1:8080", host, sizeof(host));
	assert_string_equal(host, "127.0.0.1");
}

static void
the_language_is_said_when_it_is_a_language_tag(void **state)
{
	struct mail_head h = {"rosc@example.org", "anne@example.org", "Hej", "1@x", 0, "da"};
	struct buf b;

	(void)state;
	buf_init(&b, NULL);
	assert_int_equal(mail_build(&b, &h, "Hej"), 0);
	assert_non_null(strstr(b.data, "\r\nContent-Language: da\r\n"));
	buf_reset(&b);
	h.lang = "nl-BE";
	assert_int_equal(mail_build(&b, &h, "Hoi"), 0);
	assert_non_null(strstr(b.data, "\r\nContent-Language: nl-BE\r\n"));
	buf_reset(&b);
	h.lang = "da\r\nBcc: x@y.z";
	assert_int_equal(mail_build(&b, &h, "Hej"), 0);
	assert_null(strstr(b.data, "Content-Language"));
	assert_null(strstr(b.data, "Bcc"));
	buf_free(&b);
}

static void
the_date_is_in_english_and_utc(void **state)
{
	char d[40];

	(void)state;
	mail_date(t0 + 86400 * SEC * 5 + 3723 * SEC, d);
	assert_string_equal(d, "Sun, 08 Mar 2026 11:02:03 +0000");
}

static void
smtp_endings_are_read_for_what_they_mean(void **state)
{
	(void)state;
	assert_int_equal(deliver_smtp_outcome(CURLE_OK, 250, true), DELIVERY_SENT);
	/* Nothing was accepted: tried again. */
	assert_int_equal(deliver_smtp_outcome(CURLE_COULDNT_CONNECT, 0, false), DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_COULDNT_RESOLVE_HOST, 0, false),
	    DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_SSL_CONNECT_ERROR, 0, false), DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_PEER_FAILED_VERIFICATION, 0, false),
	    DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_USE_SSL_FAILED, 0, false), DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_LOGIN_DENIED, 535, false), DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_SEND_ERROR, 451, false), DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_OPERATION_TIMEDOUT, 354, false),
	    DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_WEIRD_SERVER_REPLY, 554, false),
	    DELIVERY_RETRY);            /* the greeting: not about this message */
	assert_int_equal(deliver_smtp_outcome(CURLE_ABORTED_BY_CALLBACK, 354, false),
	    DELIVERY_RETRY);
	/* A recipient or the sender refused for good. */
	assert_int_equal(deliver_smtp_outcome(CURLE_SEND_ERROR, 550, false), DELIVERY_FAILED);
	/* After the whole message: the answer to it decides. */
	assert_int_equal(deliver_smtp_outcome(CURLE_WEIRD_SERVER_REPLY, 452, true),
	    DELIVERY_RETRY);
	assert_int_equal(deliver_smtp_outcome(CURLE_WEIRD_SERVER_REPLY, 554, true),
	    DELIVERY_FAILED);
	/* No answer to it: it may have been accepted. */
	assert_int_equal(deliver_smtp_outcome(CURLE_OPERATION_TIMEDOUT, 354, true),
	    DELIVERY_UNSURE);
	assert_int_equal(deliver_smtp_outcome(CURLE_RECV_ERROR, 354, true), DELIVERY_UNSURE);
	assert_int_equal(deliver_smtp_outcome(CURLE_GOT_NOTHING, 354, true), DELIVERY_UNSURE);
	assert_int_equal(deliver_smtp_outcome(CURLE_SEND_ERROR, 354, true), DELIVERY_UNSURE);
}

static void
sms_endings_are_read_for_what_they_mean(void **state)
{
	(void)state;
	assert_int_equal(deliver_http_outcome(CURLE_OK, 200, true), DELIVERY_SENT);
	assert_int_equal(deliver_http_outcome(CURLE_OK, 202, true), DELIVERY_SENT);
	assert_int_equal(deliver_http_outcome(CURLE_OK, 503, true), DELIVERY_RETRY);
	assert_int_equal(deliver_http_outcome(CURLE_OK, 429, true), DELIVERY_RETRY);
	assert_int_equal(deliver_http_outcome(CURLE_OK, 400, true), DELIVERY_FAILED);
	assert_int_equal(deliver_http_outcome(CURLE_OK, 404, true), DELIVERY_FAILED);
	assert_int_equal(deliver_http_outcome(CURLE_OK, 301, true), DELIVERY_FAILED);
	assert_int_equal(deliver_http_outcome(CURLE_COULDNT_CONNECT, 0, false), DELIVERY_RETRY);
	assert_int_equal(deliver_http_outcome(CURLE_OPERATION_TIMEDOUT, 0, true),
	    DELIVERY_UNSURE);
}

static void
retries_back_off_and_end(void **state)
{
	(void)state;
	assert_int_equal(jobs_backoff_us(1), 30 * SEC);
	assert_int_equal(jobs_backoff_us(2), 60 * SEC);
	assert_int_equal(jobs_backoff_us(11), 6 * 3600 * SEC);
	assert_int_equal(outbox_settle(DELIVERY_RETRY, 1), DELIVERY_RETRY);
	assert_int_equal(outbox_settle(DELIVERY_RETRY, OUTBOX_MAX_ATTEMPTS - 1), DELIVERY_RETRY);
	assert_int_equal(outbox_settle(DELIVERY_RETRY, OUTBOX_MAX_ATTEMPTS), DELIVERY_FAILED);
	assert_int_equal(outbox_settle(DELIVERY_SENT, OUTBOX_MAX_ATTEMPTS), DELIVERY_SENT);
	assert_int_equal(outbox_settle(DELIVERY_UNSURE, 1), DELIVERY_UNSURE);
	assert_int_equal(outbox_settle(DELIVERY_FAILED, 1), DELIVERY_FAILED);
	/* A claim outlives any one delivery. */
	assert_true(OUTBOX_LEASE_US > OUTBOX_SEND_TIMEOUT_S * SEC * 2);
}

/* The queue on SQLite. */

static struct store *
fresh_store(void)
{
	static int n;
	static char url[256];
	struct store *s;
	int applied;

	snprintf(url, sizeof(url), "sqlite:%s/outbox%d.db", tmpdir, n++);
	assert_int_equal(store_open(url, STORE_CREATE, &s), 0);
	assert_int_equal(store_migrate(s, &applied), 0);
	set_now(t0);
	return s;
}

struct enqueue {
	struct outbox_new m;
	struct arena a;
	const char *id;
};

static int
enqueue_fn(struct store_tx *tx, void *arg)
{
	struct enqueue *e = arg;

	return store_tx_outbox_enqueue(tx, &e->m, &e->id, &e->a);
}

/* Queues an e-mail about `about` due at; returns its id (static). */
static const char *
enqueue(struct store *s, const char *about, const char *to, int64_t at)
{
	static char id[40];
	struct enqueue e = {{NULL, about, "email", to, "Hello", "Body", "en", at},
	    ARENA_INIT, NULL};

	assert_int_equal(store_write(s, enqueue_fn, &e), 0);
	snprintf(id, sizeof(id), "%s", e.id);
	arena_free(&e.a);
	return id;
}

/* The message with id (any state), copied into a. */
static struct outbox_msg
find(struct store *s, struct arena *a, const char *id)
{
	struct outbox_msg *all, found = {0};
	size_t n, i;

	assert_int_equal(store_outbox_list(s, a, true, 100, &all, &n), 0);
	store_request_end(s);
	for (i = 0; i < n; i++)
		if (strcmp(all[i].id, id) == 0)
			found = all[i];
	assert_non_null(found.id);
	return found;
}

static void
a_message_with_a_line_break_in_a_header_is_not_queued(void **state)
{
	struct store *s = fresh_store();
	struct enqueue e = {{NULL, NULL, "email", "a@b.c", "Hi\nBcc: x@y.z", "Body", NULL, t0},
	    ARENA_INIT, NULL};

	(void)state;
	assert_int_equal(store_write(s, enqueue_fn, &e), ERR_INVALID);
	e.m.subject = "Hi";
	e.m.channel = "pigeon";
	assert_int_equal(store_write(s, enqueue_fn, &e), ERR_INVALID);
	e.m.channel = "sms";
	e.m.body = "";
	assert_int_equal(store_write(s, enqueue_fn, &e), ERR_INVALID);
	arena_free(&e.a);
	store_close(s);
}

struct cancel {
	const char *about;
	int n;
};

static int
cancel_fn(struct store_tx *tx, void *arg)
{
	struct cancel *c = arg;

	c->n = store_tx_outbox_cancel(tx, c->about, t0);
	return c->n < 0 ? c->n : 0;
}

struct claim {
	struct arena a;
	const char *worker;
	int64_t now;
	struct outbox_msg msg, *unsure;
	size_t nunsure;
	int found;
};

/* As the sender does: finding nothing due keeps what expire marked. */
static int
claim_fn(struct store_tx *tx, void *arg)
{
	struct claim *c = arg;
	int rc = store_tx_outbox_expire(tx, &c->a, c->now, &c->unsure, &c->nunsure);

	if (rc == 0)
		rc = c->found = store_tx_outbox_claim(tx, &c->a, c->worker, c->now,
		    c->now + OUTBOX_LEASE_US, &c->msg);
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* Claims as worker at now: 0 or ERR_NOT_FOUND. */
static int
claim(struct store *s, struct claim *c, const char *worker, int64_t now)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->worker = worker;
	c->now = now;
	rc = store_write(s, claim_fn, c);
	return rc != 0 ? rc : c->found;
}

static void
cancelling_takes_only_what_still_waits(void **state)
{
	struct store *s = fresh_store();
	struct arena a = ARENA_INIT;
	struct cancel c = {"appointment:1", 0};
	struct claim cl;
	char sending[40], waiting[40], other[40];

	(void)state;
	snprintf(sending, sizeof(sending), "%s", enqueue(s, "appointment:1", "a@b.c", t0));
	snprintf(waiting, sizeof(waiting), "%s", enqueue(s, "appointment:1", "a@b.c", t0 + SEC));
	snprintf(other, sizeof(other), "%s", enqueue(s, "appointment:2", "a@b.c", t0 + SEC));
	assert_int_equal(claim(s, &cl, "w", t0), 0);
	assert_string_equal(cl.msg.id, sending);
	assert_int_equal(store_write(s, cancel_fn, &c), 0);
	assert_int_equal(c.n, 1);
	assert_string_equal(find(s, &a, waiting).state, "cancelled");
	assert_string_equal(find(s, &a, sending).state, "sending");
	assert_string_equal(find(s, &a, other).state, "queued");
	assert_int_equal(store_write(s, cancel_fn, &c), 0);
	assert_int_equal(c.n, 0);
	arena_free(&cl.a);
	arena_free(&a);
	store_close(s);
}

struct outcome {
	const char *id, *worker;
	enum delivery d;
};

static int
outcome_fn(struct store_tx *tx, void *arg)
{
	struct outcome *o = arg;

	switch (o->d) {
	case DELIVERY_SENT:
		return store_tx_outbox_sent(tx, o->id, o->worker, t0);
	case DELIVERY_UNSURE:
		return store_tx_outbox_unsure(tx, o->id, o->worker, "no answer");
	case DELIVERY_RETRY:
		return store_tx_outbox_retry(tx, o->id, o->worker, t0 + 30 * SEC, "later");
	default:
		return store_tx_outbox_fail(tx, o->id, o->worker, t0, "never");
	}
}

struct requeue {
	const char *id;
};

static int
requeue_fn(struct store_tx *tx, void *arg)
{
	return store_tx_outbox_requeue(tx, ((struct requeue *)arg)->id, t0 + 3600 * SEC);
}

static void
a_claim_run_out_is_unsure_and_never_claimed_again(void **state)
{
	struct store *s = fresh_store();
	struct arena a = ARENA_INIT;
	struct claim c1, c2;
	struct outcome o;
	struct requeue r;
	struct outbox_msg m;
	char id[40];

	(void)state;
	snprintf(id, sizeof(id), "%s", enqueue(s, NULL, "a@b.c", t0));
	assert_int_equal(claim(s, &c1, "dies", t0), 0);
	assert_int_equal(c1.msg.attempts, 1);
	assert_string_equal(c1.msg.state, "sending");
	/* Nobody else gets it while the claim holds, nor after. */
	assert_int_equal(claim(s, &c2, "other", t0 + OUTBOX_LEASE_US - 1), ERR_NOT_FOUND);
	arena_free(&c2.a);
	assert_string_equal(find(s, &a, id).state, "sending");
	assert_int_equal(claim(s, &c2, "other", t0 + OUTBOX_LEASE_US), ERR_NOT_FOUND);
	assert_int_equal(c2.nunsure, 1);
	assert_string_equal(c2.unsure[0].id, id);
	m = find(s, &a, id);
	assert_string_equal(m.state, "unsure");
	assert_non_null(m.last_error);
	arena_free(&c2.a);
	assert_int_equal(claim(s, &c2, "other", t0 + 86400 * SEC), ERR_NOT_FOUND);
	arena_free(&c2.a);
	/* The sender that held it still may say what happened. */
	o = (struct outcome){id, "other", DELIVERY_SENT};
	assert_int_equal(store_write(s, outcome_fn, &o), ERR_NOT_FOUND);
	o.worker = "dies";
	o.d = DELIVERY_FAILED;
	assert_int_equal(store_write(s, outcome_fn, &o), 0);
	/* An admin puts it back: due again, attempts from 0. */
	r.id = id;
	assert_int_equal(store_write(s, requeue_fn, &r), 0);
	m = find(s, &a, id);
	assert_string_equal(m.state, "queued");
	assert_int_equal(m.attempts, 0);
	assert_int_equal(m.send_at_us, t0 + 3600 * SEC);
	assert_null(m.claimed_by);
	/* Only an unsure or failed one. */
	assert_int_equal(store_write(s, requeue_fn, &r), ERR_CONFLICT);
	r.id = "0123456789abcdef0123456789abcdef";
	assert_int_equal(store_write(s, requeue_fn, &r), ERR_NOT_FOUND);
	arena_free(&c1.a);
	arena_free(&a);
	store_close(s);
}

static void
counts_and_the_list_follow_the_states(void **state)
{
	struct store *s = fresh_store();
	struct arena a = ARENA_INIT;
	struct outbox_counts k;
	struct outbox_msg *list;
	struct claim c;
	struct outcome o;
	size_t n;

	(void)state;
	enqueue(s, NULL, "a@b.c", t0);
	enqueue(s, NULL, "a@b.c", t0 + 1);
	enqueue(s, NULL, "a@b.c", t0 + 2 * SEC);
	assert_int_equal(claim(s, &c, "w", t0 + 1), 0);
	o = (struct outcome){c.msg.id, "w", DELIVERY_SENT};
	assert_int_equal(store_write(s, outcome_fn, &o), 0);
	arena_free(&c.a);
	assert_int_equal(claim(s, &c, "w", t0 + 1), 0);
	o = (struct outcome){c.msg.id, "w", DELIVERY_UNSURE};
	assert_int_equal(store_write(s, outcome_fn, &o), 0);
	arena_free(&c.a);
	assert_int_equal(store_outbox_counts(s, &k), 0);
	store_request_end(s);
	assert_int_equal(k.sent, 1);
	assert_int_equal(k.unsure, 1);
	assert_int_equal(k.queued, 1);
	assert_int_equal(k.sending + k.failed + k.cancelled, 0);
	assert_int_equal(store_outbox_list(s, &a, false, 100, &list, &n), 0);
	store_request_end(s);
	assert_int_equal(n, 2);                  /* not the sent one */
	assert_string_equal(list[0].state, "unsure");
	assert_string_equal(list[1].state, "queued");
	arena_free(&a);
	store_close(s);
}

/* A port on loopback where nothing listens. */
static int
closed_port(void)
{
	struct sockaddr_in sa = {0};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static void
the_sender_retries_when_the_server_is_away_and_gives_up_at_last(void **state)
{
	struct store *s = fresh_store();
	struct arena a = ARENA_INIT;
	struct outbox_conf c = {0};
	struct outbox_msg m;
	char url[64], id[40];
	int64_t now = t0;
	int i;

	(void)state;
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", closed_port());
	c.smtp_url = url;
	c.starttls = SMTP_STARTTLS_OFF;
	c.mail_from = "rosc@example.org";
	snprintf(c.from_addr, sizeof(c.from_addr), "rosc@example.org");
	snprintf(c.msgid_host, sizeof(c.msgid_host), "example.org");
	assert_int_equal(curl_global_init(CURL_GLOBAL_DEFAULT), CURLE_OK);
	snprintf(id, sizeof(id), "%s", enqueue(s, NULL, "anne@example.org", t0));
	assert_int_equal(outbox_send_due(s, &c, "w", 10), 1);
	m = find(s, &a, id);
	assert_string_equal(m.state, "queued");
	assert_int_equal(m.attempts, 1);
	assert_int_equal(m.send_at_us, t0 + 30 * SEC);
	assert_non_null(strstr(m.last_error, "smtp"));
	/* Not before its time. */
	set_now(t0 + 29 * SEC);
	assert_int_equal(outbox_send_due(s, &c, "w", 10), 0);
	for (i = 1; i < OUTBOX_MAX_ATTEMPTS; i++) {
		now += jobs_backoff_us(i);
		set_now(now);
		assert_int_equal(outbox_send_due(s, &c, "w", 10), 1);
	}
	m = find(s, &a, id);
	assert_string_equal(m.state, "failed");
	assert_int_equal(m.attempts, OUTBOX_MAX_ATTEMPTS);
	/* A text message without a provider fails at once, saying why. */
	{
		struct enqueue e = {{NULL, NULL, "sms", "+4512345678", NULL, "Hi", NULL, now},
		    ARENA_INIT, NULL};

		assert_int_equal(store_write(s, enqueue_fn, &e), 0);
		assert_int_equal(outbox_send_due(s, &c, "w", 10), 1);
		m = find(s, &a, e.id);
		assert_string_equal(m.state, "failed");
		assert_non_null(strstr(m.last_error, "ROSC_SMS_URL"));
		arena_free(&e.a);
	}
	/* Without a mail server the demo writes e-mail to the log: sent. */
	c.smtp_url = NULL;
	snprintf(id, sizeof(id), "%s", enqueue(s, NULL, "anne@example.org", now));
	assert_int_equal(outbox_send_due(s, &c, "w", 10), 1);
	m = find(s, &a, id);
	assert_string_equal(m.state, "sent");
	assert_int_equal(m.sent_us, now);
	curl_global_cleanup();
	arena_free(&a);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_plain_message_has_every_header),
		cmocka_unit_test(a_subject_that_is_not_ascii_is_encoded_in_words),
		cmocka_unit_test(a_body_that_is_not_ascii_is_quoted_printable),
		cmocka_unit_test(line_breaks_in_headers_are_refused),
		cmocka_unit_test(addresses_are_checked),
		cmocka_unit_test(the_language_is_said_when_it_is_a_language_tag),
		cmocka_unit_test(the_date_is_in_english_and_utc),
		cmocka_unit_test(smtp_endings_are_read_for_what_they_mean),
		cmocka_unit_test(sms_endings_are_read_for_what_they_mean),
		cmocka_unit_test(retries_back_off_and_end),
		cmocka_unit_test(a_message_with_a_line_break_in_a_header_is_not_queued),
		cmocka_unit_test(cancelling_takes_only_what_still_waits),
		cmocka_unit_test(a_claim_run_out_is_unsure_and_never_claimed_again),
		cmocka_unit_test(counts_and_the_list_follow_the_states),
		cmocka_unit_test(the_sender_retries_when_the_server_is_away_and_gives_up_at_last),
	};

	if (sodium_init() < 0)
		return 1;
	make_tmpdir();
	clock_parse_instant("2026-03-03T10:00:00Z", &t0);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
