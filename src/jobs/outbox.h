/* The sender: one thread per `rosc serve`, beside the job runner, that
 * sends the outbox's messages (store/outbox.h). It looks once a second (a
 * read), or at once when poked, claims the earliest due message (durably,
 * through the process's one writer, before it talks to any server),
 * delivers it (jobs/deliver.h) and records the outcome:
 *
 *   sent      → 'sent'
 *   retry     → 'queued' again after 30 s, doubling up to 6 h; 'failed'
 *               after OUTBOX_MAX_ATTEMPTS tries
 *   failed    → 'failed'
 *   unsure    → 'unsure': it may have arrived, so it is not sent again
 *
 * A message left 'sending' by a process that died mid-send becomes
 * 'unsure' once its claim runs out, and is logged; an admin may send it
 * again (`rosc outbox retry ID`). So a message is never sent twice by
 * rosc itself, and none is lost unnoticed.
 *
 * Without an SMTP server configured (the demo), e-mail is written to the
 * log as one line and counted as sent. */
#ifndef ROSC_JOBS_OUTBOX_H
#define ROSC_JOBS_OUTBOX_H

#include <stdint.h>

#include "base/conf.h"
#include "jobs/deliver.h"

struct config;
struct store;

/* Tries before a message is given up as failed. */
#define OUTBOX_MAX_ATTEMPTS 10
/* How long a claim holds: longer than one delivery may take (curl gives up
 * after OUTBOX_SEND_TIMEOUT_S). */
#define OUTBOX_LEASE_US (INT64_C(5) * 60 * 1000000)
#define OUTBOX_SEND_TIMEOUT_S 120

/* How the sender reaches the world, made from the configuration. */
struct outbox_conf {
	const char *smtp_url;     /* NULL: e-mail is written to the log */
	enum smtp_starttls starttls;
	const char *smtp_user;    /* NULL: no sign-in */
	const char *smtp_password;
	const char *mail_from;    /* the From header */
	char from_addr[256];      /* its bare address, for the envelope */
	const char *sms_url;      /* NULL: text messages fail */
	const char *sms_token;    /* NULL: no Authorization header */
	char msgid_host[256];     /* Message-IDs are <ID@msgid_host> */
	char password[512];       /* read from the password file */
};

/* Fills out from the configuration (the password file read now, while
 * rosc may still be root). Returns 0, or -1 after printing what is wrong:
 * an unreadable password file, or an SMTP server without a From address. */
int outbox_configure(const struct config *cfg, struct outbox_conf *out);

/* What to record for a delivery's outcome after `attempts` tries: a retry
 * past the last try fails. */
enum delivery outbox_settle(enum delivery d, int attempts);

/* Sends the messages due now, one after another, as worker, until none is
 * due or max have been tried; first marks 'unsure' (and logs) those whose
 * sender died mid-send. Returns how many were tried, or a negative enum
 * err. The sender thread's loop; tests call it directly. */
int outbox_send_due(struct store *s, const struct outbox_conf *c, const char *worker,
    int max);

struct outbox_sender;

/* Starts the sender thread with c (copied). Says once in the log where
 * e-mail goes. NULL if the thread cannot start (logged). */
struct outbox_sender *outbox_start(struct store *s, const struct outbox_conf *c);

/* Wakes the running sender now: a message was queued that is due now. Does
 * nothing when none runs (the command line). */
void outbox_poke(void);

/* Lets the message in hand finish (a send not yet under way gives up, to
 * be tried again), stops the thread and frees o. Call before
 * store_close(). */
void outbox_stop(struct outbox_sender *o);

#endif
