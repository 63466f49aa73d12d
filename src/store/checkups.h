/* Storage for recovery check-ups (0022_checkups.sql): a person's plan of
 * check-ups and the check-ups themselves. Check-ups are data in the
 * consent category "check-ins and questionnaires": reads show nothing
 * unless the grant covers CAT_QUESTIONNAIRES, and store_tx_* change
 * nothing without a write grant for the person that covers it (setting a
 * plan books appointments too: that needs CAT_APPOINTMENTS). Returns 0,
 * ERR_NOT_FOUND, ERR_CONFLICT, ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_CHECKUPS_H
#define ROSC_STORE_CHECKUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/appointment.h"
#include "core/checkup.h"

struct arena;
struct grant;
struct outbox_new;
struct store;
struct store_tx;

struct checkup_plan {
	const char *person_id, *id, *starts_on;
	int every_months, for_months, minutes;
	const char *questionnaires;    /* codes separated by spaces */
	const char *with_member_id, *at_time, *time_zone, *pathway_id;
	const char *created_by;
	int64_t created_us, stopped_us;
	const char *stopped_by;
	/* Read only. */
	const char *with_name, *with_role, *created_by_name;
};

struct checkup {
	const char *person_id, *id, *plan_id, *due_on;
	int seq;
	int64_t due_us, status_us;
	enum checkup_status status;
	const char *appointment_id;
	int64_t reminded_us, done_us;
	const char *done_by;
	/* Read only: the booked conversation's status (NULL: none booked),
	 * who recorded it done. */
	const char *appointment_status, *done_by_name;
};

/* The plan in force (ERR_NOT_FOUND: none); every plan, newest first. */
int store_checkup_plan_current(struct store *s, struct arena *a, const struct grant *g,
    struct checkup_plan *out);
int store_checkup_plans(struct store *s, struct arena *a, const struct grant *g,
    struct checkup_plan **out, size_t *n);
/* A plan's check-ups (plan_id NULL: every one of the person's), in
 * order of their due time. */
int store_checkups(struct store *s, struct arena *a, const struct grant *g,
    const char *plan_id, struct checkup **out, size_t *n);
int store_checkup_get(struct store *s, struct arena *a, const struct grant *g, const char *id,
    struct checkup *out);
/* The next check-up still due (the soonest), ERR_NOT_FOUND if none. */
int store_checkup_next(struct store *s, struct arena *a, const struct grant *g,
    struct checkup *out);

/* Whom a check-up's conversation may be with: the person's network
 * members today with an account, as coordinator or peer worker (the
 * grant must cover CAT_BASIC). */
struct checkup_member {
	const char *member_id, *user_id, *org_id, *name, *role;
};
int store_checkup_members(struct store *s, struct arena *a, const struct grant *g,
    const char *today, struct checkup_member **out, size_t *n);

/* Whether check-up x counts as done. For now: it was recorded done on
 * the check-up page, or the appointment booked for its conversation was
 * marked done. (When questionnaire responses are stored, the set of
 * questionnaires answered within its grace period counts too.) */
bool store_checkup_answered(const struct checkup *x);

/* Writes */
/* Sets the person's plan p with its check-ups cs and the appointments of
 * their conversations appts (each cs[i].appointment_id one of them, or
 * NULL): a plan in force is stopped first, its check-ups still due
 * cancelled, and the open appointments of those in `cancel` cancelled
 * (as read: their versions must still hold) with reason. */
int store_tx_checkup_plan_set(struct store_tx *tx, const struct grant *g,
    const struct checkup_plan *p, const struct checkup *cs, size_t n,
    const struct appointment *appts, size_t nappts, const struct appointment *cancel,
    size_t ncancel, const char *reason, const char *by_user, const char *by_org, int64_t now);
/* Stops the plan in force in the same way; ERR_NOT_FOUND if none. */
int store_tx_checkup_plan_stop(struct store_tx *tx, const struct grant *g,
    const struct appointment *cancel, size_t ncancel, const char *reason,
    const char *by_user, const char *by_org, int64_t now);
/* Records check-up id done (by NULL: the job saw its appointment done);
 * ERR_NOT_FOUND if there is no such check-up due or missed. */
int store_tx_checkup_done(struct store_tx *tx, const struct grant *g, const char *id,
    const char *by, int64_t now);
/* Marks a check-up still due missed, reminded at now: with the message m
 * queued in the outbox (NULL: the person has no way to be reached, or
 * chose none) and the early-warning look queued, in one write. 0, or
 * ERR_NOT_FOUND if it is no longer due. */
int store_tx_checkup_missed(struct store_tx *tx, const struct grant *g, const char *id,
    const struct outbox_new *m, int64_t now);

/* For the job: check-ups still due whose grace period has ended at now
 * (due_us at or before `before`), with their person, at most max. */
struct checkup_overdue {
	const char *person_id, *id;
};
int store_checkups_overdue(struct store *s, struct arena *a, int64_t before, size_t max,
    struct checkup_overdue **out, size_t *n);

#endif
