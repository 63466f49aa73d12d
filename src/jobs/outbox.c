/* The sender (jobs/outbox.h): one thread per `rosc serve` that sends the
 * outbox's due messages. Claims and outcomes are small writes through the
 * process's one writer, like the job runner's (jobs/runner.c). */
#include "jobs/outbox.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/log.h"
#include "jobs/mail.h"
#include "jobs/runner.h"
#include "store/outbox.h"
#include "store/store.h"

/* Reads the first line of path into out (n bytes). 0, or -1 with errno. */
static int
read_first_line(const char *path, char *out, size_t n)
{
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	got = read(fd, out, n - 1);
	close(fd);
	if (got < 0)
		return -1;
	out[got] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

int
outbox_configure(const struct config *cfg, struct outbox_conf *out)
{
	memset(out, 0, sizeof(*out));
	out->smtp_url = cfg->smtp_url;
	out->starttls = cfg->smtp_starttls;
	out->smtp_user = cfg->smtp_user;
	out->smtp_password = cfg->smtp_password;
	out->mail_from = cfg->mail_from;
	out->sms_url = cfg->sms_url;
	out->sms_token = cfg->sms_token;
	mail_url_host(cfg->base_url, out->msgid_host, sizeof(out->msgid_host));
	if (cfg->smtp_password_file != NULL) {
		if (read_first_line(cfg->smtp_password_file, out->password,
		    sizeof(out->password)) != 0) {
			fprintf(stderr, _("rosc serve: cannot read the SMTP password file %s (%s).\n"),
			    cfg->smtp_password_file, strerror(errno));
			return -1;
		}
		out->smtp_password = out->password;
	}
	if (cfg->smtp_url != NULL &&
	    (cfg->mail_from == NULL ||
	    mail_from_address(cfg->mail_from, out->from_addr, sizeof(out->from_addr)) != 0)) {
		fprintf(stderr, _("rosc serve: e-mail needs a sender address: set ROSC_MAIL_FROM "
		    "(or --mail-from) to one such as \"rosc <rosc@example.org>\".\n"));
		return -1;
	}
	if (cfg->sms_token != NULL && strpbrk(cfg->sms_token, "\r\n") != NULL) {
		fputs(_("rosc serve: the SMS token (ROSC_SMS_TOKEN) has a line break in it.\n"),
		    stderr);
		return -1;
	}
	return 0;
}

enum delivery
outbox_settle(enum delivery d, int attempts)
{
	if (d == DELIVERY_RETRY && attempts >= OUTBOX_MAX_ATTEMPTS)
		return DELIVERY_FAILED;
	return d;
}

/* Appends s as a quoted logfmt value: one line whatever it holds. */
static void
put_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_printf(b, "\\%c", *s);
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else if ((unsigned char)*s < ' ' || *s == 127)
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The demo's delivery: the whole message in the log, as one line. */
static enum delivery
deliver_to_log(const struct outbox_msg *m)
{
	struct arena a = ARENA_INIT;
	struct buf b;

	buf_init(&b, &a);
	put_quoted(&b, m->recipient);
	buf_puts(&b, " subject=");
	put_quoted(&b, m->subject);
	buf_puts(&b, " body=");
	put_quoted(&b, m->body);
	log_info("msg=\"e-mail written here, not sent (no SMTP server is configured)\" "
	    "id=%s to=%s", m->id, b.data);
	arena_free(&a);
	return DELIVERY_SENT;
}

struct claim {
	struct arena *a;
	const char *worker;
	int64_t now;
	struct outbox_msg msg;
	bool found;
	struct outbox_msg *unsure;
	size_t nunsure;
};

/* Marks what a dead sender left and claims one due message, in one
 * transaction; finding none is no error (the markings stay). */
static int
claim_fn(struct store_tx *tx, void *arg)
{
	struct claim *c = arg;
	int rc;

	rc = store_tx_outbox_expire(tx, c->a, c->now, &c->unsure, &c->nunsure);
	if (rc == 0)
		rc = store_tx_outbox_claim(tx, c->a, c->worker, c->now,
		    c->now + OUTBOX_LEASE_US, &c->msg);
	c->found = rc == 0;
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

struct finish {
	const struct outbox_msg *msg;
	const char *worker, *error;
	enum delivery outcome;
	int64_t now, retry_at;
};

static int
finish_fn(struct store_tx *tx, void *arg)
{
	struct finish *f = arg;

	switch (f->outcome) {
	case DELIVERY_SENT:
		return store_tx_outbox_sent(tx, f->msg->id, f->worker, f->now);
	case DELIVERY_RETRY:
		return store_tx_outbox_retry(tx, f->msg->id, f->worker, f->retry_at, f->error);
	case DELIVERY_UNSURE:
		return store_tx_outbox_unsure(tx, f->msg->id, f->worker, f->error);
	default:
		return store_tx_outbox_fail(tx, f->msg->id, f->worker, f->now, f->error);
	}
}

/* Delivers a claimed message and writes how it went. */
static void
send_claimed(struct store *s, const struct outbox_conf *c, const char *worker,
    const struct outbox_msg *m, atomic_int *stopping)
{
	struct finish f = {m, worker, NULL, DELIVERY_SENT, 0, 0};
	char why[512] = "";
	enum delivery d;
	int rc;

	if (strcmp(m->channel, "sms") == 0)
		d = deliver_sms(c, m, stopping, why, sizeof(why));
	else if (c->smtp_url == NULL)
		d = deliver_to_log(m);
	else
		d = deliver_email(c, m, clock_now_us(), stopping, why, sizeof(why));
	f.now = clock_now_us();
	f.outcome = outbox_settle(d, m->attempts);
	f.error = why;
	f.retry_at = f.now + jobs_backoff_us(m->attempts);
	switch (f.outcome) {
	case DELIVERY_SENT:
		log_info("msg=\"message sent\" id=%s channel=%s attempt=%d", m->id, m->channel,
		    m->attempts);
		break;
	case DELIVERY_RETRY:
		log_warn("msg=\"message will be tried again\" id=%s channel=%s attempt=%d "
		    "in_s=%lld error=\"%s\"", m->id, m->channel, m->attempts,
		    (long long)((f.retry_at - f.now) / US_PER_SEC), why);
		break;
	case DELIVERY_UNSURE:
		log_error("msg=\"message may or may not have arrived; not sent again "
		    "(rosc outbox retry ID sends it)\" id=%s channel=%s error=\"%s\"", m->id,
		    m->channel, why);
		break;
	default:
		log_error("msg=\"message failed\" id=%s channel=%s attempts=%d error=\"%s\"",
		    m->id, m->channel, m->attempts, why);
		break;
	}
	rc = store_write(s, finish_fn, &f);
	if (rc == ERR_NOT_FOUND)
		log_warn("msg=\"message was taken from this sender meanwhile\" id=%s", m->id);
	else if (rc != 0)
		/* Left 'sending': it becomes unsure when the claim runs out. */
		log_error("msg=\"cannot record what became of a message\" id=%s error=%s",
		    m->id, err_str(rc));
}

static int
send_due(struct store *s, const struct outbox_conf *c, const char *worker, int max,
    atomic_int *stopping)
{
	int tried = 0, rc = 0;
	size_t i;
	int64_t at;

	while (tried < max && (stopping == NULL || !atomic_load(stopping))) {
		struct arena a = ARENA_INIT;
		struct claim cl = {&a, worker, clock_now_us(), {0}, false, NULL, 0};

		/* A read first: an idle outbox costs no write. */
		rc = store_outbox_next_due(s, &at);
		store_request_end(s);
		if (rc == ERR_NOT_FOUND || (rc == 0 && at > cl.now)) {
			rc = 0;
			arena_free(&a);
			break;
		}
		if (rc == 0)
			rc = store_write(s, claim_fn, &cl);
		for (i = 0; rc == 0 && i < cl.nunsure; i++)
			log_error("msg=\"message may or may not have arrived: its sender stopped "
			    "while sending it; not sent again (rosc outbox retry ID sends it)\" "
			    "id=%s channel=%s sender=%s", cl.unsure[i].id, cl.unsure[i].channel,
			    cl.unsure[i].claimed_by ? cl.unsure[i].claimed_by : "");
		if (rc == 0 && cl.found) {
			send_claimed(s, c, worker, &cl.msg, stopping);
			tried++;
		}
		arena_free(&a);
		if (rc != 0 || !cl.found)
			break;
	}
	return rc != 0 ? rc : tried;
}

int
outbox_send_due(struct store *s, const struct outbox_conf *c, const char *worker, int max)
{
	return send_due(s, c, worker, max, NULL);
}

struct outbox_sender {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;      /* on CLOCK_MONOTONIC */
	int poked;
	atomic_int stopping;
	struct store *store;
	struct outbox_conf conf;
	char worker[128];
};

/* The running sender, for outbox_poke(). */
static pthread_mutex_t running_lock = PTHREAD_MUTEX_INITIALIZER;
static struct outbox_sender *running;

static void *
sender_main(void *p)
{
	struct outbox_sender *o = p;
	struct timespec until;
	bool failing = false, held = false;
	int rc;

	pthread_mutex_lock(&o->lock);
	while (!atomic_load(&o->stopping)) {
		pthread_mutex_unlock(&o->lock);
		/* Only the process that runs the background work sends. */
		rc = store_runner_lock(o->store, &held);
		if (rc == 0 && held)
			rc = send_due(o->store, &o->conf, o->worker, 1, &o->stopping);
		if (rc < 0 && !failing)
			log_warn("msg=\"the outbox waits for the database\" error=%s", err_str(rc));
		failing = rc < 0;
		pthread_mutex_lock(&o->lock);
		if (rc > 0 || o->poked || atomic_load(&o->stopping)) {
			o->poked = 0;
			continue;     /* one went: maybe more are due */
		}
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += 1;
		while (!o->poked && !atomic_load(&o->stopping) &&
		    pthread_cond_timedwait(&o->cond, &o->lock, &until) != ETIMEDOUT)
			;
		o->poked = 0;
	}
	pthread_mutex_unlock(&o->lock);
	store_request_end(o->store);
	return NULL;
}

/* The SMTP URL without any user:password@, for the log. */
static void
url_for_log(const char *url, char *out, size_t n)
{
	const char *p = strstr(url, "://"), *at;

	p = p != NULL ? p + 3 : url;
	at = strchr(p, '@');
	if (at != NULL && at < p + strcspn(p, "/"))
		snprintf(out, n, "%.*s%s", (int)(p - url), url, at + 1);
	else
		snprintf(out, n, "%s", url);
}

struct outbox_sender *
outbox_start(struct store *s, const struct outbox_conf *c)
{
	struct outbox_sender *o = calloc(1, sizeof(*o));
	pthread_condattr_t ca;
	char host[64] = "", tag[ID_LEN + 1], url[512];

	if (o == NULL)
		die("out of memory");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_error("msg=\"cannot start libcurl; the outbox does not send\"");
		free(o);
		return NULL;
	}
	o->store = s;
	o->conf = *c;
	if (c->smtp_password == c->password)
		o->conf.smtp_password = o->conf.password;
	atomic_init(&o->stopping, 0);
	gethostname(host, sizeof(host) - 1);
	id_new(tag);
	/* Who holds a claim, for `rosc outbox`: this machine and process. */
	snprintf(o->worker, sizeof(o->worker), "%s:%ld:%.8s", host, (long)getpid(), tag);
	pthread_mutex_init(&o->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&o->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (c->smtp_url == NULL) {
		log_info("msg=\"no SMTP server is configured (ROSC_SMTP_URL): e-mail is written "
		    "to this log instead of being sent\"");
	} else {
		url_for_log(c->smtp_url, url, sizeof(url));
		log_info("msg=\"e-mail goes out by SMTP\" url=%s starttls=%s from=\"%s\"", url,
		    c->starttls == SMTP_STARTTLS_OFF ? "off" :
		    c->starttls == SMTP_STARTTLS_TRY ? "try" : "require", c->from_addr);
	}
	if (pthread_create(&o->thread, NULL, sender_main, o) != 0) {
		log_error("msg=\"cannot start the outbox thread\"");
		pthread_mutex_destroy(&o->lock);
		pthread_cond_destroy(&o->cond);
		sodium_memzero(o->conf.password, sizeof(o->conf.password));
		free(o);
		curl_global_cleanup();
		return NULL;
	}
	pthread_mutex_lock(&running_lock);
	running = o;
	pthread_mutex_unlock(&running_lock);
	return o;
}

void
outbox_poke(void)
{
	pthread_mutex_lock(&running_lock);
	if (running != NULL) {
		pthread_mutex_lock(&running->lock);
		running->poked = 1;
		pthread_cond_signal(&running->cond);
		pthread_mutex_unlock(&running->lock);
	}
	pthread_mutex_unlock(&running_lock);
}

void
outbox_stop(struct outbox_sender *o)
{
	if (o == NULL)
		return;
	pthread_mutex_lock(&running_lock);
	if (running == o)
		running = NULL;
	pthread_mutex_unlock(&running_lock);
	pthread_mutex_lock(&o->lock);
	atomic_store(&o->stopping, 1);
	pthread_cond_signal(&o->cond);
	pthread_mutex_unlock(&o->lock);
	pthread_join(o->thread, NULL);
	pthread_mutex_destroy(&o->lock);
	pthread_cond_destroy(&o->cond);
	sodium_memzero(o->conf.password, sizeof(o->conf.password));
	free(o);
	curl_global_cleanup();
}
