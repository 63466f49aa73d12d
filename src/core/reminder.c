/* Appointment reminders (see reminder.h). */
#include "core/reminder.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/timefmt.h"

static const char *const channel_codes[REM_CHANNEL_COUNT] = {"email", "sms", "none"};
static const char *const slot_codes[REM_SLOT_COUNT] = {"day_before", "hours_before"};

void
reminder_pref_default(struct reminder_pref *p)
{
	memset(p, 0, sizeof(*p));
	p->channel = REM_EMAIL;
	strcpy(p->day_before, "18:00");
}

const char *
rem_channel_code(enum rem_channel c)
{
	return channel_codes[(unsigned)c < REM_CHANNEL_COUNT ? c : REM_NONE];
}

bool
rem_channel_parse(const char *s, enum rem_channel *out)
{
	unsigned i;

	for (i = 0; s != NULL && i < REM_CHANNEL_COUNT; i++)
		if (strcmp(s, channel_codes[i]) == 0) {
			*out = (enum rem_channel)i;
			return true;
		}
	return false;
}

const char *
rem_slot_code(enum rem_slot s)
{
	return slot_codes[(unsigned)s < REM_SLOT_COUNT ? s : 0];
}

int64_t
reminder_at(const struct reminder_pref *p, enum rem_slot s, int64_t starts_us, const char *tz)
{
	char ymd[11], hm[6];
	int64_t at;

	if (p->channel == REM_NONE)
		return 0;
	if (s == REM_HOURS_BEFORE)
		return p->hours_before > 0 ? starts_us - (int64_t)p->hours_before * 3600000000 : 0;
	if (p->day_before[0] == '\0' || !timefmt_local_fields(starts_us, tz, ymd, hm))
		return 0;
	/* The day before, at that local time; a time the clocks skip that
	 * day is none (the other slot may still remind). */
	if (timefmt_local_to_us(ymd, p->day_before, tz, -1, &at) != 0)
		return 0;
	return at < starts_us ? at : 0;
}

void
reminder_text(struct arena *a, const struct appointment *x, const char *tz, bool full,
    int64_t now, enum lang lang, const char **subject, const char **body)
{
	char day[11], today[11], tomorrow[11], hm[6], nhm[6];
	const char *time = timefmt_instant(a, x->starts_us, tz, lang, TIMEFMT_TIME);
	const char *when, *what = "";
	int64_t next;

	*subject = _("Reminder of an appointment");
	if (!timefmt_local_fields(x->starts_us, tz, day, hm) ||
	    !timefmt_local_fields(now, tz, today, nhm) ||
	    timefmt_local_to_us(today, "12:00", tz, 1, &next) != 0 ||
	    !timefmt_local_fields(next, tz, tomorrow, nhm))
		day[0] = '\0';
	if (strcmp(day, today) == 0)
		when = arena_printf(a, _("today at %s"), time);
	else if (strcmp(day, tomorrow) == 0)
		when = arena_printf(a, _("tomorrow at %s"), time);
	else
		when = timefmt_instant(a, x->starts_us, tz, lang, TIMEFMT_DATETIME);
	if (full) {
		what = arena_printf(a, " %s", x->title);
		if (x->place != NULL)
			what = arena_printf(a, _("%s, %s"), what, x->place);
		else if (x->video_url != NULL)
			what = arena_printf(a, _("%s, by video: %s"), what, x->video_url);
		*body = arena_printf(a, _("You have an appointment %s:%s. Open rosc for details."),
		    when, what);
		return;
	}
	*body = arena_printf(a, _("You have an appointment %s. Open rosc for details."), when);
}
