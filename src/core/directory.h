/* The service directory (modelled on Open Referral HSDS 3.0): types,
 * names and rules for organisations, locations and services, and the
 * stages of the continuum of care. No HTTP, no SQL. */
#ifndef ROSC_CORE_DIRECTORY_H
#define ROSC_CORE_DIRECTORY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/person.h"
#include "core/plan.h"

/* The continuum of care, in order. */
enum stage {
	STAGE_PREVENTION,
	STAGE_EARLY_INTERVENTION,
	STAGE_TREATMENT,
	STAGE_RECOVERY_SUPPORT,
	STAGE_REINTEGRATION,
	STAGE_COUNT,
	STAGE_NONE = -1
};

const char *stage_code(enum stage s);
bool stage_parse(const char *s, enum stage *out);
/* "Treatment" etc., in the thread's language. */
const char *stage_label(enum stage s);

/* HSDS service statuses. */
#define SERVICE_STATUSES "active", "inactive", "defunct", "temporarily closed"

#define SERVICE_TEXT_MAX 4000        /* description, eligibility, fees ... */
#define SERVICE_NAME_MAX 200
#define HSDS_ID_MAX 200
#define RESPONSE_DAYS_DEFAULT 5

/* A directory organisation: HSDS's organization. managed_by is the rosc
 * organisation that runs it (edits its services, answers referrals). */
struct dir_org {
	const char *id, *name, *alternate_name, *description, *email, *website;
	const char *managed_by;
	int64_t version, updated_us;
};

struct dir_location {
	const char *id, *organization_id, *name, *alternate_name, *description;
	const char *transportation;
	bool has_position;
	double latitude, longitude;
	const char *address_1, *address_2, *city, *region, *state_province;
	const char *postal_code, *country;
	int64_t updated_us;
};

struct service {
	const char *id, *organization_id, *name, *alternate_name, *description;
	const char *url, *email, *status, *interpretation_services;
	const char *application_process, *fees_description, *wait_time;
	const char *eligibility_description, *alert;
	bool has_minimum_age, has_maximum_age;
	int minimum_age, maximum_age;
	enum stage stage;
	unsigned domains;                /* bits 1u << enum domain */
	bool video;
	bool has_capacity;               /* capacity counted at all */
	int capacity_available, capacity_maximum;
	const char *capacity_unit;       /* "places", "beds" */
	int64_t capacity_updated_us;
	int response_days;               /* a referral's answer is due after this */
	unsigned shares;                 /* CAT_BIT()s a referral asks for; basic always */
	int64_t version, updated_us;
	const char *updated_by;
	/* Read only: from the organisation. */
	const char *organization_name, *organization_website, *managed_by;
};

struct service_at_location {
	const char *id, *service_id, *location_id, *description;
};

struct dir_phone {
	const char *id, *organization_id, *service_id, *location_id, *contact_id;
	const char *number, *extension, *type, *description;
};

struct dir_contact {
	const char *id, *organization_id, *service_id, *location_id;
	const char *name, *title, *department, *email;
};

/* A weekly opening slot; byday is MO..SU, times HH:MM. */
struct dir_schedule {
	const char *id, *service_id, *location_id, *service_at_location_id;
	const char *freq, *byday, *opens_at, *closes_at, *timezone;
	const char *valid_from, *valid_to, *description;
};

/* Opening hours.
 *
 * Each weekly slot is in its own time zone (HSDS 3.0 schedules carry one;
 * a slot without one is read as UTC), so "open now" is decided in that
 * zone's local time: the instant now becomes a weekday and a minute of the
 * day there (ICU, with its own zone data, so summer time is right on both
 * sides of the change), and the slot is open when its byday is that day
 * and opens_at <= that time < closes_at. A slot whose closes_at is not
 * after its opens_at runs past midnight: it is open from opens_at on its
 * day and until closes_at on the next. closes_at "23:59" means to the end
 * of the day. Times are "HH:MM", so text order is time order. The same
 * rule is written once more as SQL in store_services_search(), which is
 * handed each zone's local day and time by open_slots(). */

/* "MO".."SU" for 0..6 (Monday first), and back (-1 if unknown). */
const char *weekday_code(int wd);
int weekday_parse(const char *s);
/* The weekday's name ("Monday"), in the thread's language. */
const char *weekday_label(int wd);
/* True if s is "HH:MM" with HH 00..23 and MM 00..59. */
bool schedule_time_valid(const char *s);
/* Is a slot (byday, opens_at, closes_at) open at local weekday wd and
 * minute of the day m? */
bool schedule_open_at(const char *byday, const char *opens, const char *closes, int wd,
    int minute);
/* Is the weekly slot sc open at the instant now (in its own zone)? */
bool schedule_open_now(const struct dir_schedule *sc, int64_t now);

/* The local "now" of a group of zones that agree on it, for the search:
 * zones "|Europe/Copenhagen|Europe/Amsterdam|", the weekday there and the
 * one before ("TU", "MO"), and the time "HH:MM". Zones that agree share a
 * slot, so the slots needed are the UTC offsets in use at that instant,
 * not the zones. */
#define OPEN_SLOTS 8
struct open_slot {
	const char *zones, *day, *prev;
	char time[6];
};
/* Fills out (OPEN_SLOTS long) for zones[0..n) at now and returns how many
 * slots it used; zones ICU does not know are left out (their slots are
 * never open). Returns -1 if more than OPEN_SLOTS different local times
 * would be needed. Strings in the arena. */
int open_slots(struct arena *a, const char *const *zones, size_t n, int64_t now,
    struct open_slot *out);

struct service_language {
	const char *service_id, *code, *id, *name;
};

/* The folded text a free-text search looks in: name, alternate name,
 * description and organisation name, folded like person names. An arena
 * string. */
struct arena;
const char *service_search_key(struct arena *a, const struct service *s,
    const char *org_name);

/* ",housing,work_education," for the domain bits, and back (unknown
 * codes are an error). Arena strings. */
const char *domains_to_text(struct arena *a, unsigned domains);
bool domains_parse(const char *text, unsigned *out);
/* ",basic,plan," for the category bits, and back. */
const char *categories_to_text(struct arena *a, unsigned cats);
bool categories_parse(const char *text, unsigned *out);

/* A language's name in the thread's language ("Danish") for the codes
 * the directory knows, else fallback (the row's own name), else the code. */
const char *language_label(const char *code, const char *fallback);

/* The directory search as a visitor or an API client asks for it: text
 * parameters from a query string (NULL: not given). */
struct service_filters {
	const char *q, *stage, *domain, *lang, *video, *capacity, *open_now;
	const char *limit, *after;
};
#define SERVICE_LIMIT_DEFAULT 20
#define SERVICE_LIMIT_MAX 100
#define SERVICE_Q_MAX 200
/* The search itself: every field optional (NULL, STAGE_NONE, -1 or
 * false: no filter); see store_services_search(). */
#define SERVICE_QUERY_WORDS 4
struct service_query {
	const char *words[SERVICE_QUERY_WORDS];
	enum stage stage;
	int domain;                      /* an enum domain, or -1 */
	const char *lang;                /* a service_language code */
	bool video_only, capacity_only, include_inactive;
	bool open_now;                   /* open at `now` (core/directory.h) */
	int64_t now;
	const char *after_name, *after_id;
	int limit;                       /* 1..200 */
};
/* Fills q from f at now:
 * words folded, codes checked, the cursor decoded. Returns NULL, or the
 * name of the first parameter that is not acceptable ("stage"). */
const char *service_query_parse(struct arena *a, const struct service_filters *f,
    int64_t now, struct service_query *q);
/* The opaque cursor that continues after the service (name, id). */
const char *service_cursor(struct arena *a, const char *name, const char *id);

#endif
