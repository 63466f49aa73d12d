/* Referrals from a person's plan to a service, closed-loop: the statuses
 * a referral moves through, who may move it where (the state machine),
 * what each status means in plain words, and its FHIR counterparts
 * (docs/INTERFACES.md). No HTTP, no SQL. */
#ifndef ROSC_CORE_REFERRAL_H
#define ROSC_CORE_REFERRAL_H

#include <stdbool.h>
#include <stdint.h>

/* In the order of the schema's CHECK (0009_referrals.sql). */
enum ref_status {
	RS_PROPOSED,
	RS_ACCEPTED,
	RS_DECLINED,
	RS_SENT,
	RS_RECEIVED,
	RS_NEEDS_CLIENT_ACTION,
	RS_ELIGIBLE,
	RS_NOT_ELIGIBLE,
	RS_NO_CAPACITY,
	RS_SCHEDULED,
	RS_GOT_HELP,
	RS_COULD_NOT_CONTACT,
	RS_COULD_NOT_GET_HELP,
	RS_NO_LONGER_INTERESTED,
	RS_WITHDRAWN,
	RS_COUNT
};

/* Who moves a referral: the person; the proposing side (network members
 * with the plan, the coordinator among them); the staff of the
 * organisation that runs the service; the proposing side keeping the
 * answers of a service not run in rosc. Which party an actor is, is the
 * door's decision (access/door.h), never this file's. */
enum ref_party {
	RP_PERSON,
	RP_SENDER,
	RP_RECEIVER,
	RP_SENDER_FOR_SERVICE,
	RP_COUNT
};

const char *ref_status_code(enum ref_status s);
bool ref_status_parse(const char *s, enum ref_status *out);
/* The status as a short label for staff ("No capacity"), in the
 * thread's language. */
const char *ref_status_label(enum ref_status s);
/* The status as a sentence for the person, naming who answers (the
 * organisation, or the service): "Jobcenter Amager has received your
 * referral and will contact you." An arena string. */
struct arena;
const char *ref_status_sentence(struct arena *a, enum ref_status s, const char *who);

/* Closed: the loop is done (declined, the receiver's final answers, the
 * person's outcome, withdrawn). Accepted is never lasting: accepting
 * sends at once. */
bool ref_closed(enum ref_status s);
/* Whether the receiving organisation works with the person in this
 * status (its staff may read what the person shared with it, and
 * answer): sent and onwards while open, and got help. */
bool ref_receiver_holds(enum ref_status s);
/* Whether the referral has reached the receiver (sent, or any answer). */
bool ref_was_sent(enum ref_status s);
/* Whether a move to s by the receiver (or for it) answers the referral,
 * so that no answer is due any more. */
bool ref_answers(enum ref_status s);

/* May party move a referral from `from` to `to`? The one table. */
bool ref_may(enum ref_party p, enum ref_status from, enum ref_status to);
/* The statuses party may move a referral in `from` to, as bits
 * (1u << enum ref_status). */
unsigned ref_moves(enum ref_party p, enum ref_status from);

/* Reopening a closed referral (a note is required): who may, and where
 * it goes. It goes back to sent only while the person's consent for it
 * still holds (after got help); after any other close the consent it
 * granted has ended, so it goes back to proposed and the person chooses
 * again, seeing what will be shared. */
bool ref_may_reopen(enum ref_party p, enum ref_status from);
enum ref_status ref_reopen_to(enum ref_status from);

/* Checks a requested move by party p of a referral in `from`: status a
 * code of enum ref_status, or "reopen" (which needs a note). NULL with
 * *to or *reopen set, else the field at fault ("status", "note") with
 * *code: "required", "invalid_choice" or "illegal_transition". Accepting
 * sends by itself: "sent" is never asked for. */
const char *ref_check_move(enum ref_party p, enum ref_status from, const char *status,
    const char *note, enum ref_status *to, bool *reopen, const char **code);

/* FHIR R4: ServiceRequest.status, Task.status and Task.businessStatus
 * (the code of ref_status_code). */
const char *ref_fhir_request_status(enum ref_status s);
const char *ref_fhir_task_status(enum ref_status s);

/* A referral, as stored (0009_referrals.sql), with what the reads join
 * to it. Instants are 0 when not set. */
struct referral {
	const char *person_id, *id, *service_id, *to_org_id, *goal_id;
	const char *reason, *reason_lang;
	enum ref_status status;
	int64_t status_us, sent_us, answer_due_us, created_us, version;
	const char *status_by, *proposed_by, *proposed_by_org;
	/* Read only. */
	const char *service_name, *to_org_name, *dir_org_name, *goal_title;
	const char *proposed_by_name, *person_name;
	unsigned shares;                 /* the service's, CAT_BIT()s, basic included */
	int response_days;
};

/* One move in a referral's history. */
struct referral_event {
	const char *referral_id;
	int64_t seq, at_us;
	bool has_from;
	enum ref_status from, to;
	const char *by_user, *by_name, *by_org, *by_org_name, *note;
};

/* Who answers the referral, for the person's sentences: the receiving
 * organisation, else the service. */
const char *referral_who(const struct referral *x);

#define REF_NOTE_MAX 2000
#define REF_REASON_MAX 2000
#define REF_DAY_US (INT64_C(86400) * 1000000)

#endif
