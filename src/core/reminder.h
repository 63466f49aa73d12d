/* Appointment reminders: what the person chose (how, when, how much to
 * say), when each reminder is due, and its words. No HTTP, no SQL. */
#ifndef ROSC_CORE_REMINDER_H
#define ROSC_CORE_REMINDER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/i18n.h"
#include "core/appointment.h"

enum rem_channel { REM_EMAIL, REM_SMS, REM_NONE, REM_CHANNEL_COUNT };
enum rem_slot { REM_DAY_BEFORE, REM_HOURS_BEFORE, REM_SLOT_COUNT };

struct reminder_pref {
	enum rem_channel channel;
	char day_before[6];        /* local "HH:MM" the day before; "" for not then */
	int hours_before;          /* 1..24; 0 for not then */
	bool full;                 /* say what and where, not only when */
	bool stored;               /* the person chose (else these are the defaults) */
};

/* By e-mail, the day before at 18:00, with the minimal words. */
void reminder_pref_default(struct reminder_pref *p);

const char *rem_channel_code(enum rem_channel c);
bool rem_channel_parse(const char *s, enum rem_channel *out);
const char *rem_slot_code(enum rem_slot s);

/* When the slot's reminder for an appointment starting at starts_us (in
 * time zone tz) is due, or 0 if the person asked for none then. */
int64_t reminder_at(const struct reminder_pref *p, enum rem_slot s, int64_t starts_us,
    const char *tz);

/* A reminder is not sent once it is this late (the server was down). */
#define REMINDER_LATE_US (INT64_C(6) * 60 * 60 * 1000000)
/* The reminder job looks this far ahead (the day before at any hour). */
#define REMINDER_AHEAD_US (INT64_C(48) * 60 * 60 * 1000000)

/* The words, in the thread's language: by default only that there is an
 * appointment and when ("You have an appointment tomorrow at 10:00. Open
 * rosc for details."); with full, what and where too. now: when it is
 * written, for "today" and "tomorrow" in tz. Arena strings. */
struct arena;
void reminder_text(struct arena *a, const struct appointment *x, const char *tz, bool full,
    int64_t now, enum lang lang, const char **subject, const char **body);

#endif
