/* Storage for the person's check-ins and their rhythm and reminder
 * (0018_checkins.sql). Reads need a grant that covers CAT_QUESTIONNAIRES
 * (else ERR_NOT_FOUND); craving and any use are substance-use details,
 * read only with a grant that also covers CAT_SUBSTANCE (filtered in the
 * query: without it craving is -1 and use CU_SKIPPED). Only the person
 * writes them. Returns 0, ERR_NOT_FOUND, ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_CHECKINS_H
#define ROSC_STORE_CHECKINS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/checkin.h"

struct arena;
struct grant;
struct outbox_new;
struct store;
struct store_tx;

/* The grant's person's check-ins, newest first (by day, then time):
 * at most limit of them, those after the check-in before_id (keyset
 * paging; NULL: from the newest; an unknown id: none). */
int store_checkins(struct store *s, struct arena *a, const struct grant *g,
    const char *before_id, size_t limit, struct checkin **out, size_t *n);

/* The distinct days with a check-in, newest first (at most 1000), for
 * the streak (checkin_streak()). */
int store_checkin_days(struct store *s, struct arena *a, const struct grant *g,
    const char ***out, size_t *n);

/* The person's rhythm and reminder; the defaults (stored false) when they
 * chose none. */
int store_checkin_pref(struct store *s, struct arena *a, const struct grant *g,
    struct checkin_pref *out);

/* Writes */
/* A new check-in by the person (a write grant of the person themselves
 * that covers CAT_QUESTIONNAIRES and CAT_SUBSTANCE); c->id, day, at_us and
 * created_by filled in by the caller, checked with checkin_valid(). A
 * check-in is written whole or not at all. ERR_INVALID for anyone else. */
int store_tx_checkin_insert(struct store_tx *tx, const struct grant *g,
    const struct checkin *c);
/* The person's own choice of rhythm and reminder (reminded_day is kept). */
int store_tx_checkin_pref_set(struct store_tx *tx, const struct grant *g,
    const struct checkin_pref *p, int64_t now);

/* Many persons at once, for the caseload dashboard and early-warning
 * rules: gs are grants for the persons shown (door_list() with
 * CAT_QUESTIONNAIRES; a grant that does not cover it is left out, one
 * that does not also cover CAT_SUBSTANCE gets craving -1 and use
 * CU_SKIPPED). A few statements for any number of persons (32 persons a
 * statement), never one per person. */

/* Each person's check-ins from from_day ("YYYY-MM-DD") on, for a
 * sparkline: person_id, day, mood, craving, use. A person's rows come
 * together, oldest first; the persons in no set order. Persons with none
 * have no rows. */
struct checkin_trend {
	const char *person_id;
	char day[11];
	int mood, craving;
	enum checkin_use use;
};
int store_checkin_trends(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, const char *from_day, struct checkin_trend **out, size_t *n);

/* Each person's last check-in day (last_day "" if none yet) and chosen
 * rhythm (every_days, 0: none), one row per person whose grant covers
 * check-ins, in no set order: for a rule like "no check-in for N days"
 * (with a rhythm, N days past last_day + every_days). */
struct checkin_last {
	const char *person_id;
	char last_day[11];
	int every_days;
};
int store_checkin_last(struct store *s, struct arena *a, const struct grant *const *gs,
    size_t ngs, struct checkin_last **out, size_t *n);

/* The reminder job */
/* The persons who asked for a reminder with a rhythm: ids only (each
 * person's data is then read with a grant). */
int store_checkin_reminder_candidates(struct store *s, struct arena *a,
    const char ***ids, size_t *n);
/* Marks the reminder of local day `day` and queues message m, unless a
 * reminder was marked on that day or later: 1 when queued now, 0 when it
 * was already, or an error. Needs the reminder job's grant. */
int store_tx_checkin_remind(struct store_tx *tx, const struct grant *g, const char *day,
    const struct outbox_new *m);

#endif
