/* Someone to come along to an appointment: a volunteer bridge builder.
 * The statuses of a request, how it can end, who may move it where, the
 * checks on what is typed, and the words for each. No HTTP, no SQL.
 *
 * A request goes to a volunteer organisation. Its volunteers see an open
 * one with only what the job needs (acc_job, without the details); the
 * volunteer who accepts it sees the details the person chose to share,
 * and says how it went. The person, or their team, may withdraw it. */
#ifndef ROSC_CORE_ACCOMPANIMENT_H
#define ROSC_CORE_ACCOMPANIMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/appointment.h"

/* In the order of the schema's CHECK (0014_accompaniment.sql). */
enum acc_status { ACC_OPEN, ACC_ACCEPTED, ACC_REPORTED, ACC_WITHDRAWN, ACC_COUNT };
enum acc_outcome { AO_WENT_TOGETHER, AO_NO_SHOW, AO_CANCELLED, AO_OTHER, AO_COUNT };

const char *acc_status_code(enum acc_status s);
bool acc_status_parse(const char *s, enum acc_status *out);
const char *acc_outcome_code(enum acc_outcome o);
bool acc_outcome_parse(const char *s, enum acc_outcome *out);
const char *acc_outcome_label(enum acc_outcome o);

/* Still to happen: open or accepted. */
bool acc_live(enum acc_status s);

struct accompaniment {
	const char *person_id, *id, *appointment_id, *to_org_id;
	const char *area, *meet_at, *lang;
	bool share_place, share_phone;
	enum acc_status status;
	const char *volunteer_id;
	bool has_outcome;
	enum acc_outcome outcome;
	const char *outcome_note;
	const char *asked_by, *asked_by_org;
	int64_t asked_us, accepted_us, done_us;
	const char *done_by;
	int64_t version;
	/* Read only. */
	const char *to_org_name, *volunteer_first_name;
};

/* A request as a volunteer of its organisation sees it. The appointment's
 * time, length, zone, kind and status, the person's first name and the
 * area are what the job needs; place (the appointment's address, if the
 * person shared it), phone (if they shared it) and meet_at are filled
 * only for the volunteer who accepted it (mine). */
struct acc_job {
	const char *person_id, *id, *first_name, *area, *lang;
	int64_t starts_us;
	int minutes;
	const char *time_zone;
	enum appt_kind kind;
	enum appt_status appt_status;
	enum acc_status status;
	bool mine;
	bool moved;             /* its time changed after it was accepted */
	const char *meet_at, *place, *video_url, *phone;
	bool has_outcome;
	enum acc_outcome outcome;
	const char *outcome_note;
	int64_t version;
};

/* The first name of a name as typed ("Mette Hansen" -> "Mette"), in a. */
struct arena;
const char *acc_first_name(struct arena *a, const char *name);

/* The languages a request may name, ISO 639-1 codes, NULL-ended. */
extern const char *const acc_langs[];
bool acc_lang_valid(const char *code);

/* What someone typed for a request (a form or JSON). share_*: "1" for
 * yes, anything else no. */
struct acc_input {
	const char *to_org, *area, *meet_at, *lang, *share_place, *share_phone;
};
/* Checks in and fills x's area, meet_at, lang (NULL for the default
 * def_lang), share_place and share_phone (to_org the caller checks
 * against the volunteer organisations). Problems as appt_check_input:
 * "required", "too_long", "invalid_format", "invalid_choice". */
size_t acc_check_input(const struct acc_input *in, const char *def_lang,
    struct accompaniment *x, struct appt_problem *p, size_t max);

/* How it went: an outcome code and a note (needed for "other"). "went
 * together" and "did not come" only once the appointment has begun.
 * NULL with *out set, else the field at fault with *code. */
const char *acc_check_report(const char *outcome, const char *note, bool started,
    enum acc_outcome *out, const char **code);

#define ACC_AREA_MAX 100
#define ACC_MEET_MAX 300
#define ACC_NOTE_MAX 1000
/* A request still open this close to its appointment raises a flag. */
#define ACC_FLAG_AHEAD_US (INT64_C(48) * 3600 * 1000000)

#endif
