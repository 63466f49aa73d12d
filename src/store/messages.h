/* Storage for messages between a person and their network (migration
 * 0024, core/message.h). Reads take the grant door_messages() gives and
 * show only the threads its reader takes part in (the person: all of
 * theirs), through a network membership in force on `today` for the
 * organisation they act for; anything else reads as missing. Reads
 * allocate in the arena; store_tx_* run in a write. Returns 0,
 * ERR_NOT_FOUND, ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_MESSAGES_H
#define ROSC_STORE_MESSAGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/account.h"
#include "core/message.h"
#include "core/person.h"

struct arena;
struct grant;
struct outbox_new;
struct store;
struct store_tx;

/* A network member in force with an account: who could take part. */
struct msg_candidate {
	const char *member_id, *user_id, *org_id, *name, *org_name;
	enum net_role net_role;
	enum role role;                /* in org_id (ROLE_NONE without one) */
	bool disabled;
};
int store_msg_candidates(struct store *s, struct arena *a, const struct grant *g,
    const char *today, struct msg_candidate **out, size_t *n);

/* The reader's threads, newest message first (at most 200), each with
 * the reader's read_seq and the other participants' names. */
int store_msg_threads(struct store *s, struct arena *a, const struct grant *g,
    const char *today, struct msg_thread **out, size_t *n);
/* One of them; ERR_NOT_FOUND for any thread the reader cannot see. */
int store_msg_thread(struct store *s, struct arena *a, const struct grant *g,
    const char *today, const char *thread_id, struct msg_thread *out);
/* A thread's messages, oldest first, and its participants (with where a
 * notice goes: the person's e-mail address, a member's contact), for a
 * thread store_msg_thread() found. */
int store_msg_messages(struct store *s, struct arena *a, const struct grant *g,
    const char *thread_id, struct message **out, size_t *n);
int store_msg_participants(struct store *s, struct arena *a, const struct grant *g,
    const char *today, const char *thread_id, struct msg_participant **out, size_t *n);
/* The person's own account (*user_id NULL: they have none, and cannot
 * take part in messages yet). */
int store_msg_person_account(struct store *s, struct arena *a, const struct grant *g,
    const char **user_id);
/* How many messages the reader has not read, in all their threads. */
int store_msg_unread(struct store *s, const struct grant *g, const char *today,
    int64_t *out);

/* For the person's download of their own data (a grant of their own that
 * covers notes): every thread (read_seq the person's) and every message,
 * threads newest first, messages by thread and number. */
int store_msg_all(struct store *s, struct arena *a, const struct grant *g,
    struct msg_thread **threads, size_t *nt, struct message **msgs, size_t *nm);

/* Writes, each with a messages grant to write for that person. */

/* A new thread t with its participants p (the writer among them) and its
 * first message m (seq 1, read by its writer). */
int store_tx_msg_thread_create(struct store_tx *tx, const struct grant *g,
    const struct msg_thread *t, const struct msg_participant *p, size_t np,
    const struct message *m);
/* A reply: m->seq is set to its number; the thread's newest is moved on
 * and its writer has read it. ERR_NOT_FOUND if there is no such thread. */
int store_tx_msg_reply(struct store_tx *tx, const struct grant *g, struct message *m);
/* The reader has read thread_id up to seq (never back). A grant to read
 * suffices: it is the reader's own mark. */
int store_tx_msg_read(struct store_tx *tx, const struct grant *g, const char *thread_id,
    int64_t seq);
/* Queues a notice to each participant of thread_id but author_id, still
 * in the network, with an e-mail address (the person's own, or a
 * member's contact), in their language, about "message:THREAD", unless
 * one to the same address about the same thread is still unsent. Returns
 * how many it queued, or a negative enum err. */
int store_tx_msg_notify(struct store_tx *tx, struct arena *a, const struct grant *g,
    const char *thread_id, const char *author_id, const char *today, int64_t now,
    const struct msg_notice *w);
/* Writes s (core/message.h): the new thread with its participants and
 * first message, or the reply (s->m.seq set), and the notices
 * (store_tx_msg_notify()). ERR_NOT_FOUND if the thread is not there. */
int store_tx_msg_send(struct store_tx *tx, struct msg_send *s);

#endif
