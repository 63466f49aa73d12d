/* rosc outbox: the messages waiting to go out, for an admin (store/outbox.h):
 *   rosc outbox [--all]            what waits, is being sent, unsure or failed
 *   rosc outbox retry ID           an unsure or failed message back in the queue
 *   rosc outbox test --to ADDRESS  queues a test e-mail (or SMS), due now */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/i18n.h"
#include "base/id.h"
#include "cmd/commands.h"
#include "jobs/mail.h"
#include "store/outbox.h"
#include "store/store.h"

#define LIST_MAX 1000

static void
usage(FILE *f)
{
	fputs(_("Usage: rosc outbox [--all] [--db URL]\n"
	    "       rosc outbox retry ID [--db URL]\n"
	    "       rosc outbox test --to ADDRESS|PHONE [--subject TEXT] [--body TEXT]\n"
	    "                        [--db URL]\n"
	    "Lists the messages (e-mail and SMS) that wait, are being sent, are unsure\n"
	    "or have failed, in the order they go; --all lists those sent or cancelled\n"
	    "too. One message a line: state, channel, when it goes (UTC), attempts, id,\n"
	    "the recipient (partly hidden) and the last error. Then how many there are\n"
	    "in each state.\n"
	    "An unsure message may have arrived: its sender stopped while sending it.\n"
	    "rosc never sends it again by itself; retry puts it (or a failed one) back\n"
	    "in the queue.\n"
	    "test queues a test e-mail to ADDRESS, due now, to check the mail settings\n"
	    "of rosc serve; a phone number (+4512345678) gets a test SMS instead.\n"), f);
}

/* The recipient with most of it hidden: "a***@example.org", "+45*****678". */
static void
mask(const char *r, char *out, size_t n)
{
	const char *at = strchr(r, '@');
	size_t len = strlen(r), keep_end, i, o = 0;

	if (at != NULL) {
		snprintf(out, n, "%.1s***%s", at > r ? r : "", at);
		return;
	}
	keep_end = len > 8 ? 3 : len > 2 ? 2 : 0;
	for (i = 0; i < len && o + 1 < n; i++)
		out[o++] = (len > 8 && i < 3) || i + keep_end >= len ? r[i] : '*';
	out[o] = '\0';
}

static int
list(const struct config *cfg, bool all)
{
	struct arena a = ARENA_INIT;
	struct outbox_counts k;
	struct outbox_msg *msgs;
	struct store *s;
	size_t n, i;
	char at[28], who[300];
	int rc;

	s = cmd_open_store(cfg->db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	rc = store_outbox_list(s, &a, all, LIST_MAX, &msgs, &n);
	if (rc == 0)
		rc = store_outbox_counts(s, &k);
	store_request_end(s);
	store_close(s);
	if (rc != 0) {
		fprintf(stderr, _("rosc outbox: cannot read the outbox (%s).\n"), err_str(rc));
		arena_free(&a);
		return 1;
	}
	if (n == 0)
		puts(_("No message is waiting."));
	for (i = 0; i < n; i++) {
		const struct outbox_msg *m = &msgs[i];

		clock_format_instant(m->send_at_us, at);
		mask(m->recipient, who, sizeof(who));
		printf("%-9s %-5s %s %2d %s %s", m->state, m->channel, at, m->attempts, m->id,
		    who);
		if (m->last_error != NULL)
			printf(" %s", m->last_error);
		putchar('\n');
	}
	printf(_("%lld queued, %lld sending, %lld unsure, %lld failed, %lld sent, "
	    "%lld cancelled\n"), (long long)k.queued, (long long)k.sending,
	    (long long)k.unsure, (long long)k.failed, (long long)k.sent,
	    (long long)k.cancelled);
	arena_free(&a);
	return 0;
}

struct requeue {
	const char *id;
};

static int
requeue_fn(struct store_tx *tx, void *arg)
{
	struct requeue *r = arg;

	return store_tx_outbox_requeue(tx, r->id, clock_now_us());
}

static int
retry(const struct config *cfg, const char *id)
{
	struct requeue r = {id};
	struct store *s;
	int rc;

	if (!id_valid(id, strlen(id))) {
		fprintf(stderr, _("rosc outbox: there is no message %s.\n"), id);
		return 1;
	}
	s = cmd_open_store(cfg->db_url, STORE_SERVE);
	if (s == NULL)
		return 1;
	rc = store_write(s, requeue_fn, &r);
	store_close(s);
	if (rc == ERR_NOT_FOUND)
		fprintf(stderr, _("rosc outbox: there is no message %s.\n"), id);
	else if (rc == ERR_CONFLICT)
		fprintf(stderr, _("rosc outbox: message %s is neither unsure nor failed; "
		    "only those go back in the queue.\n"), id);
	else if (rc != 0)
		fprintf(stderr, _("rosc outbox: cannot change the outbox (%s).\n"), err_str(rc));
	else
		printf(_("Message %s is back in the queue; rosc serve sends it now.\n"), id);
	return rc == 0 ? 0 : 1;
}

struct test_mail {
	struct outbox_new m;
	struct arena *a;
	const char *id;
};

static int
enqueue_fn(struct store_tx *tx, void *arg)
{
	struct test_mail *t = arg;

	return store_tx_outbox_enqueue(tx, &t->m, &t->id, t->a);
}

/* True for a phone number in international form: + and 6 to 15 digits. */
static bool
phone_number(const char *s)
{
	size_t n = strlen(s);

	return s[0] == '+' && n >= 7 && n <= 16 && strspn(s + 1, "0123456789") == n - 1;
}

static int
test_mail(const struct config *cfg, const char *to, const char *subject, const char *body)
{
	struct arena a = ARENA_INIT;
	struct test_mail t = {{0}, &a, NULL};
	struct store *s;
	bool sms = to != NULL && phone_number(to);
	int rc;

	if (to == NULL || (!sms && !mail_address_valid(to))) {
		fprintf(stderr, _("rosc outbox: test needs --to and an e-mail address or a phone "
		    "number, such as --to admin@example.org or --to +4512345678.\n"));
		return 2;
	}
	t.m.about = "test";
	t.m.channel = sms ? "sms" : "email";
	t.m.recipient = to;
	t.m.subject = sms ? NULL : subject != NULL ? subject : _("rosc: a test message");
	t.m.body = body != NULL ? body : _("This is a test message from rosc. If it reached "
	    "you, the e-mail settings of rosc serve work.\n");
	t.m.send_at_us = clock_now_us();
	s = cmd_open_store(cfg->db_url, STORE_SERVE);
	if (s == NULL) {
		arena_free(&a);
		return 1;
	}
	rc = store_write(s, enqueue_fn, &t);
	store_close(s);
	if (rc == ERR_INVALID)
		fprintf(stderr, _("rosc outbox: the subject cannot have a line break, and the "
		    "text cannot be empty.\n"));
	else if (rc != 0)
		fprintf(stderr, _("rosc outbox: cannot change the outbox (%s).\n"), err_str(rc));
	else
		printf(_("Queued test message %s to %s; rosc serve sends it now (see rosc "
		    "outbox).\n"), t.id, to);
	arena_free(&a);
	return rc == 0 ? 0 : rc == ERR_INVALID ? 2 : 1;
}

int
cmd_outbox(int argc, char **argv)
{
	struct config cfg;
	const char *verb = NULL, *id = NULL, *to = NULL, *subject = NULL, *body = NULL;
	const char **value;
	bool all = false;
	int i, rc;

	if (config_init(&cfg) != 0)
		return 2;
	for (i = 1; i < argc; i++) {
		if (cmd_is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		value = strcmp(argv[i], "--to") == 0 ? &to :
		    strcmp(argv[i], "--subject") == 0 ? &subject :
		    strcmp(argv[i], "--body") == 0 ? &body : NULL;
		if (value != NULL && i + 1 < argc) {
			*value = argv[++i];
			continue;
		}
		if (strcmp(argv[i], "--all") == 0) {
			all = true;
			continue;
		}
		if (argv[i][0] != '-' && verb == NULL &&
		    (strcmp(argv[i], "retry") == 0 || strcmp(argv[i], "test") == 0)) {
			verb = argv[i];
			continue;
		}
		if (argv[i][0] != '-' && verb != NULL && strcmp(verb, "retry") == 0 && id == NULL) {
			id = argv[i];
			continue;
		}
		rc = value != NULL ? 0 : config_option(&cfg, argc, argv, &i);
		if (rc < 0)
			return 2;
		if (rc == 0) {
			fprintf(stderr, _("rosc: unexpected argument %s\n"), argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (verb == NULL && to == NULL && subject == NULL && body == NULL)
		return list(&cfg, all);
	if (verb != NULL && strcmp(verb, "retry") == 0 && id != NULL && !all && to == NULL)
		return retry(&cfg, id);
	if (verb != NULL && strcmp(verb, "test") == 0 && !all)
		return test_mail(&cfg, to, subject, body);
	usage(stderr);
	return 2;
}
