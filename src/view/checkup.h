/* Recovery check-ups made ready to store, for the page, the API and a
 * pathway's aftercare alike: a plan from its checked fields, its
 * check-ups, and the appointment of each one's conversation, booked at
 * the plan's local time on the due date in the person's time zone (so
 * that 10:00 stays 10:00 across daylight-saving changes). All of a plan's
 * conversations are booked when it is set: the person and their team see
 * every date from the start, the calendar feed and reminders work as for
 * any appointment, and a change of plan cancels what was booked. */
#ifndef ROSC_VIEW_CHECKUP_H
#define ROSC_VIEW_CHECKUP_H

#include <stddef.h>
#include <stdint.h>

#include "core/appointment.h"
#include "core/checkup.h"
#include "store/checkups.h"

struct arena;
struct grant;
struct store;

struct checkup_build_in {
	const char *person_id, *time_zone;
	const struct checkup_plan_fields *f;
	const struct checkup_member *with;     /* NULL: no conversation booked */
	const char *title, *title_lang;        /* the appointments' title, in the
	                                        * person's language */
	const char *by_user, *by_org, *pathway_id;
	const char *today;                     /* check-ups due before it are left out */
	int64_t now;
};
struct checkup_build {
	struct checkup_plan plan;
	struct checkup *cs;
	size_t n;
	struct appointment *appts;
	size_t nappts;
};
/* 0, or TIMEFMT_BAD for a zone or date that does not read. */
int view_checkup_build(struct arena *a, const struct checkup_build_in *in,
    struct checkup_build *out);

/* The open appointments booked for the check-ups still due or missed of
 * the plan in force (to cancel with it), as read now. */
int view_checkup_cancels(struct store *s, struct arena *a, const struct grant *g,
    struct appointment **out, size_t *n);

/* The kind of appointment a conversation is: with a peer worker a peer
 * appointment, else one of treatment (the follow-up of it). */
enum appt_kind view_checkup_kind(const char *member_role);

#endif
