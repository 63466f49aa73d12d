/* Storage for appointment reminders (0013_reminders.sql): the person's
 * choice, the appointments a reminder may be due for, and queuing one
 * exactly once (its mark and its outbox message in one write). Returns 0,
 * ERR_NOT_FOUND, ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_REMINDERS_H
#define ROSC_STORE_REMINDERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/reminder.h"

struct arena;
struct grant;
struct outbox_new;
struct store;
struct store_tx;

/* The person's choice; the defaults (stored false) when they made none.
 * Needs a grant that covers basic details. */
int store_reminder_pref(struct store *s, struct arena *a, const struct grant *g,
    struct reminder_pref *out);
/* The person's own write (a write grant for them). */
int store_tx_reminder_pref_set(struct store_tx *tx, const struct grant *g,
    const struct reminder_pref *p, int64_t now);

/* Open appointments starting after from_us, up to until_us, earliest
 * first: ids only (each person's data is then read with a grant). */
struct appt_due {
	const char *person_id, *id;
};
int store_reminder_candidates(struct store *s, struct arena *a, int64_t from_us,
    int64_t until_us, struct appt_due **out, size_t *n);

/* Queues slot's reminder for the grant's person's appointment id as
 * message m, unless it was queued before: 1 when queued now, 0 when it was
 * already, or an error. */
int store_tx_reminder_queue(struct store_tx *tx, const struct grant *g, const char *id,
    enum rem_slot slot, const struct outbox_new *m, int64_t now);

#endif
