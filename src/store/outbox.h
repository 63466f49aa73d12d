/* The outbox (migration 0011): messages to send, by e-mail or SMS, kept
 * until they are sent (src/jobs/outbox.c sends them).
 *
 * A message is queued until send_at_us, then claimed by one sender
 * ('sending', with claimed_by and claimed_until_us), durably, before the
 * sender talks to the mail server. Then it is 'sent'; 'queued' again for a
 * later try when nothing was accepted; 'failed' for good; or 'unsure' when
 * it may have arrived. A 'sending' message whose claim ran out (its process
 * died mid-send) becomes 'unsure' too, and is never claimed again: only an
 * admin puts it back (store_tx_outbox_requeue()). Sending once at most in
 * that one uncertain window is the choice; every other failure is retried,
 * so nothing is lost. */
#ifndef ROSC_STORE_OUTBOX_H
#define ROSC_STORE_OUTBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct store;
struct store_tx;

/* A message to queue. person_id, about, subject and lang may be NULL. */
struct outbox_new {
	const char *person_id;    /* whom it is to, or NULL (an admin's test) */
	const char *about;        /* its cause ("appointment:ID"), for cancelling */
	const char *channel;      /* "email" or "sms" */
	const char *recipient;    /* an e-mail address or a phone number */
	const char *subject;      /* e-mail only */
	const char *body;
	const char *lang;         /* the language it is written in */
	int64_t send_at_us;       /* not before */
};

/* A message as stored. Strings NULL where the column is. */
struct outbox_msg {
	const char *id, *person_id, *about, *channel, *recipient, *subject, *body, *lang;
	const char *state;        /* queued, sending, sent, failed, cancelled, unsure */
	int64_t send_at_us;       /* when it goes, or went, or goes again */
	int attempts;             /* claims so far */
	const char *last_error;
	const char *claimed_by;   /* the sender that has it, or had it last */
	int64_t claimed_until_us; /* 0 when not claimed */
	int64_t created_us, sent_us;
};

/* How many messages are in each state. */
struct outbox_counts {
	int64_t queued, sending, sent, failed, cancelled, unsure;
};

/* Queues a message in the caller's transaction, so it exists exactly when
 * its cause does. Refuses (ERR_INVALID) an unknown channel, an empty
 * recipient or body, and a line break in the recipient or the subject
 * (they become mail headers). *id_out, if id_out is not NULL, gets the new
 * message's id, copied into a. */
int store_tx_outbox_enqueue(struct store_tx *tx, const struct outbox_new *m,
    const char **id_out, struct arena *a);

/* Cancels the messages about `about` that are still queued (never one
 * being sent or sent), noting now as when they left the queue. Returns how
 * many, or a negative enum err. */
int store_tx_outbox_cancel(struct store_tx *tx, const char *about, int64_t now);

/* For the sender: marks every 'sending' message whose claim ran out by now
 * 'unsure' (its process died while sending it: it may have arrived, so it
 * is not sent again by itself), and fills them into *out (*n of them,
 * strings in a) for the log. Returns 0 or an error. */
int store_tx_outbox_expire(struct store_tx *tx, struct arena *a, int64_t now,
    struct outbox_msg **out, size_t *n);

/* For the sender: claims the earliest queued message due at now for worker
 * until lease_until_us, counting an attempt, and fills out (strings in a).
 * Returns 0, ERR_NOT_FOUND when none is due, or an error. Only one sender
 * gets a message: the UPDATE repeats the condition, so a sender that lost
 * a race (PostgreSQL, several processes) changes no row and tries the
 * next one. */
int store_tx_outbox_claim(struct store_tx *tx, struct arena *a, const char *worker,
    int64_t now, int64_t lease_until_us, struct outbox_msg *out);

/* Ends a claimed message: sent at now; queued again for send_at_us with the
 * error noted; failed; or unsure (it may have arrived; not sent again).
 * Each returns ERR_NOT_FOUND if worker no longer holds the message (an
 * admin put it back meanwhile). A message another sender marked unsure
 * because this worker's claim ran out is still this worker's to end: it
 * knows better. */
int store_tx_outbox_sent(struct store_tx *tx, const char *id, const char *worker,
    int64_t now);
int store_tx_outbox_retry(struct store_tx *tx, const char *id, const char *worker,
    int64_t send_at_us, const char *error);
int store_tx_outbox_fail(struct store_tx *tx, const char *id, const char *worker,
    int64_t now, const char *error);
int store_tx_outbox_unsure(struct store_tx *tx, const char *id, const char *worker,
    const char *error);

/* For an admin: puts an 'unsure' or 'failed' message back in the queue,
 * due at now, with its attempts counted from 0 again. ERR_NOT_FOUND if
 * there is no such message, ERR_CONFLICT if it is in another state. */
int store_tx_outbox_requeue(struct store_tx *tx, const char *id, int64_t now);

/* When the sender has something to do: the earliest send_at_us of a queued
 * message or claimed_until_us of one being sent. ERR_NOT_FOUND if none.
 * Reads on this thread's connection; call store_request_end() after. */
int store_outbox_next_due(struct store *s, int64_t *at);

/* Messages for the command line, in the order they go: those queued, being
 * sent, unsure or failed, and with all also those sent or cancelled. At
 * most limit. */
int store_outbox_list(struct store *s, struct arena *a, bool all, int limit,
    struct outbox_msg **out, size_t *n);

/* How many messages are in each state. */
int store_outbox_counts(struct store *s, struct outbox_counts *out);

#endif
