/* Messages between a person and their network: threads, their
 * participants and what each has read, the checks on what is typed, and
 * the words of the notice a new message sends (which say nothing of the
 * message). No HTTP, no SQL. */
#ifndef ROSC_CORE_MESSAGE_H
#define ROSC_CORE_MESSAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MESSAGE_MAX 4000           /* characters in one message */
#define MESSAGE_SUBJECT_MAX 120    /* characters in a thread's subject */
#define MESSAGE_RECIPIENTS_MAX 20  /* network members on one thread */

struct msg_thread {
	const char *person_id, *id, *subject, *started_by;
	int64_t created_us, last_us;
	int64_t last_seq;              /* the newest message's number */
	int64_t read_seq;              /* the reader's last read (0: none) */
	const char *with;              /* the other participants' names, ", " */
};

struct msg_participant {
	const char *user_id, *member_id;   /* member_id NULL: the person */
	const char *name, *org_name;
	const char *email;                 /* where a notice goes, or NULL */
	const char *lang;                  /* the language they read, or NULL */
	int64_t read_seq;
	/* Read only: a member's organisation and role (a net_role code). */
	const char *org_id, *role;
};

struct message {
	const char *person_id, *thread_id, *id, *author_id, *author_name;
	const char *author_org_id, *author_org_name, *body;
	int64_t seq, created_us;
};

/* The check of a message's text: NULL if fine, else "required" (empty or
 * only white space), "invalid_format" (not UTF-8 text: a NUL or a control
 * character other than tab and line breaks) or "too_long" (over
 * MESSAGE_MAX characters). NULL counts as empty. */
const char *message_check_body(const char *s);

/* The same for a subject: one line, at most MESSAGE_SUBJECT_MAX
 * characters, not empty. */
const char *message_check_subject(const char *s);

/* How many messages of a thread the reader has not read: those after
 * read_seq up to last_seq (never below 0). */
int64_t message_unread(int64_t last_seq, int64_t read_seq);

/* The notice to a participant that a message came, in the thread's
 * language: the subject and text say only that there is a new message in
 * rosc, with a link to sign in at base_url; nothing of the message, its
 * thread or its writer. Arena strings. */
struct arena;
void message_notice(struct arena *a, const char *base_url, const char **subject,
    const char **body);

/* The words of a notice in each language. */
struct msg_notice {
	const char *subject[3], *body[3];    /* by enum lang */
};

/* A message to send, and the notice to the others: a new thread
 * (new_thread: t, with its participants p) or a reply in thread t.id.
 * store_tx_msg_send() writes it all in one write. */
struct grant;
struct msg_send {
	const struct grant *g;
	bool new_thread;
	struct msg_thread t;
	struct msg_participant *p;
	size_t np;
	struct message m;
	struct msg_notice words;
	const char *today;
	struct arena *a;                   /* for the write */
};

/* Fills in what every message to send needs, once the caller set s->g,
 * s->new_thread, the subject, the body and the participants: a new id,
 * the writer (author_org_id NULL: the person) and now; for a new thread
 * its id, person and start, the message its first; the notice's words in
 * each language (then lang is in use again). */
void message_send_prepare(struct arena *a, struct msg_send *s, const char *person_id,
    const char *author_id, const char *author_org_id, int64_t now, const char *today,
    const char *base_url, int lang);

#endif
