/* Pathway templates ("pakkeforløb"): phased programmes as data, in the
 * JSON format "rosc-pathway-template/1" (docs/pathway-template.md): read
 * with every problem named by its JSON path, and written back the same
 * way, so a template round-trips. No HTTP, no SQL. */
#ifndef ROSC_CORE_PATHWAY_H
#define ROSC_CORE_PATHWAY_H

#include <stdbool.h>
#include <stddef.h>

#include "base/i18n.h"
#include "core/appointment.h"
#include "core/plan.h"

#define PW_FORMAT "rosc-pathway-template/1"

/* A text in each language rosc speaks (en, nl, da: all required). */
struct pw_text {
	const char *t[LANG_COUNT];
};
/* The text in language l. */
const char *pw_text(const struct pw_text *x, enum lang l);

/* When a questionnaire is due in a phase. */
enum pw_when { PW_AT_START, PW_AT_END, PW_EVERY_30_DAYS, PW_WHEN_COUNT };
const char *pw_when_code(enum pw_when w);

struct pw_source {
	const char *id, *title, *publisher, *url, *supports;
};
struct pw_activity {
	struct pw_text text;
	enum domain domain;
	int every_days;                /* 0: once */
};
struct pw_questionnaire {
	const char *code;              /* AUDIT, AUDIT-C, WHO-5, BARC-10 */
	enum pw_when when;
};
struct pw_appointment {
	struct pw_text title;
	enum appt_kind kind;
	int day, minutes;              /* day: after the phase starts */
};
struct pw_goal {
	struct pw_text title;
	enum domain domain;
};
struct pw_phase {
	const char *code;
	struct pw_text name, purpose, move_on;
	int expected_days;
	struct pw_activity *activities;
	size_t nactivities;
	struct pw_questionnaire *questionnaires;
	size_t nquestionnaires;
	struct pw_appointment *appointments;
	size_t nappointments;
	struct pw_goal *goals;
	size_t ngoals;
	const char **sources;          /* ids of the template's sources */
	size_t nsources;
};
struct pw_template {
	const char *code, *country;    /* country: "DK", "NL" or NULL for any */
	int version;
	struct pw_text name, purpose;
	int start_within_days;         /* a start guarantee; 0: none */
	struct pw_source *sources;
	size_t nsources;
	struct pw_phase *phases;
	size_t nphases;
};

/* What is wrong, where: path as "phases[2].name.da", code one of
 * "invalid_json", "required", "invalid_format", "too_long",
 * "out_of_range", "invalid_choice", "duplicate", "unknown_source",
 * "unknown_field", "too_many", "too_few". */
struct pw_problem {
	const char *path, *code;
};

/* Reads a template from len bytes of JSON into t (all of it in a).
 * Returns how many problems it wrote to p (at most max; 0: t is good). */
struct arena;
size_t pw_parse(struct arena *a, const char *json, size_t len, struct pw_template *t,
    struct pw_problem *p, size_t max);

/* A problem's code in plain words, in the thread's language. */
const char *pw_problem_text(const char *code);

/* Where len bytes of text stop being JSON, for "invalid_json": the line
 * and column (from 1). False if they are JSON, or the place is unknown. */
bool pw_json_error_at(const char *json, size_t len, int *line, int *column);

/* The template as JSON text (two-space indent, keys in the format's
 * order), in a; NULL if out of memory. */
char *pw_write(struct arena *a, const struct pw_template *t);

/* Parsed templates kept for the life of the process. A version's id
 * names the same text for good (a version never changes), so its parse
 * never goes stale: pages read a template per view without parsing it. */
/* The template with that id, if parsed before; else NULL. */
const struct pw_template *pw_cached(const char *id);
/* Parses json as the template with that id and keeps it; NULL if it is
 * not a good template (or memory ran out). */
const struct pw_template *pw_cache(const char *id, const char *json, size_t len);

/* The whole plan in days: the sum of the phases' expected days. */
int pw_total_days(const struct pw_template *t);

#define PW_CODE_MAX 60
#define PW_NAME_MAX 120
#define PW_PURPOSE_MAX 600
#define PW_PHASE_NAME_MAX 80
#define PW_PHASE_TEXT_MAX 400
#define PW_ITEM_MAX 200
#define PW_PHASES_MAX 12
#define PW_ITEMS_MAX 8
#define PW_SOURCES_MAX 40
#define PW_DAYS_MAX 730
#define PW_VERSION_MAX 100000

#endif
