/* Storage for appointments (0010_appointments.sql). Reads allocate in the
 * arena and show nothing unless the grant covers appointments; goal
 * titles only where it covers the plan (and substance-use goals only
 * where it covers those). store_tx_* run in a write and change nothing
 * without a write grant for the person that covers appointments. Returns
 * 0, ERR_NOT_FOUND, ERR_CONFLICT (the version no longer holds),
 * ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_APPOINTMENTS_H
#define ROSC_STORE_APPOINTMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/appointment.h"

struct arena;
struct grant;
struct list_grant;
struct store;
struct store_tx;

/* Whose appointment id is (for an address that names no person; the door
 * decides next): 0 with *person_id, or ERR_NOT_FOUND. */
int store_appointment_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);

/* Which of a person's appointments. */
#define APPT_LIST_MAX 5000
struct appt_filter {
	int64_t from_us;          /* 0: from the first; else those ending at or after */
	int64_t until_us;         /* 0: to the last; else those starting before */
	bool open_only;           /* planned or confirmed */
	bool newest_first;        /* else the earliest first */
	const char *referral_id;  /* NULL: any */
	const char *goal_id;      /* NULL: any */
	int limit;                /* 0: at most 500; at most APPT_LIST_MAX */
};
int store_appointments(struct store *s, struct arena *a, const struct grant *g,
    const struct appt_filter *f, struct appointment **out, size_t *n);
int store_appointment_get(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct appointment *out);
/* The history, oldest first (id NULL: of every appointment, for the data
 * download). */
int store_appointment_events(struct store *s, struct arena *a, const struct grant *g,
    const char *id, struct appointment_event **out, size_t *n);

/* The appointment flags of a caseload: for each person whose coordinator
 * the list's user is now (today "YYYY-MM-DD"), or whose appointment or
 * request for company they made: missed, an appointment marked missed at
 * or after missed_since_us and not followed by a new one (no appointment
 * of the person made after it was marked missed); alone, a request for
 * company still open for an appointment from now_us until alone_until_us.
 * For the coordinator's persons also their pathways' clocks, on
 * local_today (the organisation's calendar): start_risk, a start
 * guarantee whose last day is from local_today to risk_until and nothing
 * started; start_broken, one whose last day has passed; phase_overdue, a
 * current phase past its expected end.
 * Only persons with a flag; no person's data but the ids: each person
 * shown passes the door (the plan's, for a pathway's flags). One
 * statement, from the user's own persons by index, so the cost is that
 * of one caseload however large the database. */
struct appt_flag_row {
	const char *person_id;
	bool missed, alone;
	bool start_risk, start_broken, phase_overdue;
};
/* pgen and agen: the change counters read before (store_change_counters()),
 * which the flags kept between requests rest on. */
int store_appointment_flags(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t pgen, int64_t agen, int64_t missed_since_us, int64_t now_us, int64_t alone_until_us, const char *today,
    const char *local_today, const char *risk_until, struct appt_flag_row **out, size_t *n);

/* Writes */
/* New appointments (one, or a series), each with its first event. */
int store_tx_appointment_insert(struct store_tx *tx, const struct grant *gr,
    const struct appointment *x, int64_t now);
int store_tx_appointments_insert(struct store_tx *tx, const struct grant *gr,
    const struct appointment *xs, size_t n, int64_t now);
/* A changed appointment: old as read (its version must still hold), x the
 * new fields (time, place, with whom, what to bring, links, title, kind);
 * detail says in words what changed, for the history. A change of time
 * answers a request to move it. */
int store_tx_appointment_update(struct store_tx *tx, const struct grant *gr,
    const struct appointment *old, const struct appointment *x, const char *detail,
    const char *by_user, const char *by_org, int64_t now);
/* A move to another status (reason: why it was cancelled), or the
 * person's request to move it (ask, with a note): old as read. */
int store_tx_appointment_status(struct store_tx *tx, const struct grant *gr,
    const struct appointment *old, enum appt_status to, const char *reason,
    const char *by_user, const char *by_org, int64_t now);
int store_tx_appointment_ask_move(struct store_tx *tx, const struct grant *gr,
    const struct appointment *old, const char *note, const char *by_user, int64_t now);

#endif
