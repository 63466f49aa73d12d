/* Appointments for a person: their statuses, who may move them where,
 * the kinds of appointment, the checks on what is typed, and the words
 * for each. No HTTP, no SQL. */
#ifndef ROSC_CORE_APPOINTMENT_H
#define ROSC_CORE_APPOINTMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* In the order of the schema's CHECK (0010_appointments.sql). */
enum appt_status {
	AS_PLANNED,
	AS_CONFIRMED,         /* the person said they will come */
	AS_DONE,
	AS_MISSED,
	AS_CANCELLED,
	AS_COUNT
};

/* What kind of appointment: for the person's overview and, later, for a
 * volunteer who comes along (never more than the kind). */
enum appt_kind {
	AK_TREATMENT,         /* addiction treatment, counselling */
	AK_HEALTH,            /* a doctor, a hospital, a dentist */
	AK_SOCIAL,            /* the municipality, social services */
	AK_HOUSING,
	AK_WORK,              /* job centre, education */
	AK_PEER,              /* a peer group, a mentor */
	AK_OTHER,
	AK_COUNT
};

/* Who moves an appointment: the person, or the team (those who may write
 * the person's appointments: the door decides who that is). */
enum appt_party { AP_PERSON, AP_TEAM, AP_COUNT };

/* What happened to an appointment, one line of its history. */
enum appt_what {
	AW_CREATED, AW_CHANGED, AW_PLANNED, AW_CONFIRMED, AW_MOVE_ASKED, AW_DONE, AW_MISSED,
	AW_CANCELLED, AW_COUNT
};

const char *appt_status_code(enum appt_status s);
bool appt_status_parse(const char *s, enum appt_status *out);
const char *appt_status_label(enum appt_status s);
const char *appt_kind_code(enum appt_kind k);
bool appt_kind_parse(const char *s, enum appt_kind *out);
const char *appt_kind_label(enum appt_kind k);
const char *appt_what_code(enum appt_what w);
bool appt_what_parse(const char *s, enum appt_what *out);
const char *appt_what_label(enum appt_what w);
/* The event a move to s writes. */
enum appt_what appt_what_of(enum appt_status s);

/* Still ahead: planned or confirmed. */
bool appt_open(enum appt_status s);

/* May party move an appointment from `from` to `to`? `started`: its
 * start has passed (only then can it be done or missed). */
bool appt_may(enum appt_party p, enum appt_status from, enum appt_status to, bool started);
/* The statuses party may move it to, as bits (1u << enum appt_status). */
unsigned appt_moves(enum appt_party p, enum appt_status from, bool started);

/* Checks a requested move: status a code of enum appt_status; cancelling
 * needs a reason. NULL with *to set, else the field at fault ("status",
 * "reason") with *code "required", "invalid_choice" or
 * "illegal_transition". */
const char *appt_check_move(enum appt_party p, enum appt_status from, bool started,
    const char *status, const char *reason, enum appt_status *to, const char **code);

/* A typed text: NULL when empty or blank, else s. *code NULL when it
 * passes, else "required" (empty and required), "invalid_format" (not
 * text) or "too_long" (over max characters). */
const char *appt_check_text(const char *s, size_t max, bool required, const char **code);

/* An https address with a host and nothing a link must not hold. */
bool appt_video_url_valid(const char *url);

/* FHIR R4 Appointment.status. */
const char *appt_fhir_status(enum appt_status s);

struct appointment {
	const char *person_id, *id, *title, *title_lang, *time_zone;
	enum appt_kind kind;
	int64_t starts_us;
	int minutes;
	const char *place, *video_url, *bring;
	const char *with_member_id, *with_service_id, *with_org_id, *with_name;
	const char *goal_id, *step_id, *referral_id, *series_id;
	enum appt_status status;
	int64_t status_us;
	const char *status_by, *cancel_reason;
	bool move_asked;
	const char *move_note;
	const char *created_by, *created_by_org;
	int64_t created_us, version;
	/* Read only. */
	const char *with_member_name, *with_service_name, *with_org_name, *goal_title;
	const char *created_by_name, *status_by_name;
	/* The member's organisation, account and role (a net_role code). */
	const char *with_member_org_id, *with_member_user_id, *with_member_role;
	int64_t updated_us;               /* the last event (created_us at least) */
};

struct appointment_event {
	const char *appointment_id;
	int64_t seq, at_us;
	enum appt_what what;
	const char *detail, *by_user, *by_name, *by_org, *by_org_name;
};

/* Who it is with, in words: the member, the service, the organisation or
 * the name; NULL for nobody named. */
const char *appt_with(const struct appointment *x);

/* What someone typed for an appointment, as text (a form or JSON). */
struct appt_input {
	const char *title, *kind, *date, *time, *minutes, *place, *video_url, *bring;
	const char *with_name, *weeks;
};
struct appt_problem {
	const char *field, *code;
};
/* Checks in and fills x's title, kind, starts_us (the date, "YYYY-MM-DD",
 * and time, "HH:MM", read in time zone tz, which x keeps), minutes,
 * place, video_url, bring and with_name (empty texts become NULL), and
 * *weeks (how many weekly appointments: 1 for one). Returns how many
 * problems it wrote to p (at most max, one per field): "required",
 * "too_long", "invalid_choice", "invalid_date", "invalid_time",
 * "skipped_time" (the clocks skip that time that day), "out_of_range",
 * "not_https". */
size_t appt_check_input(const struct appt_input *in, const char *tz, struct appointment *x,
    int *weeks, struct appt_problem *p, size_t max);

/* weeks appointments like x (x->person_id, x->time_zone set), a week
 * apart at the local time of date and time: new ids, and one series id
 * when more than one. 0 with *out (an arena array), or TIMEFMT_SKIPPED or
 * TIMEFMT_BAD for a week whose time the clocks skip. */
struct arena;
int appt_series(struct arena *a, const struct appointment *x, int weeks, const char *date,
    const char *time, struct appointment **out);

#define APPT_TITLE_MAX 200
#define APPT_TEXT_MAX 2000
#define APPT_URL_MAX 500
#define APPT_MINUTES_MIN 5
#define APPT_MINUTES_MAX 720
#define APPT_SERIES_MAX 12     /* weekly, at most this many */
#define APPT_DAY_US (INT64_C(86400) * 1000000)

#endif
