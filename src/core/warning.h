/* Early warning: rules, kept as data in the JSON format
 * "rosc-warning-rules/1" (docs/warnings.md), that notice when things slip
 * for a person (use reported in a check-in, craving high twice in a week,
 * a well-being score low or falling, check-ins stopping, a missed
 * appointment or check-up, a referral nobody answered, a press of "Help
 * now") and
 * raise a follow-up task for a named person in their team, due by a
 * given time. A rule's kind is code (what it looks at); its thresholds,
 * windows, words and due time are the data. One flag per episode: a rule
 * raises again only on evidence newer than that of its last flag, and
 * not while one is open. No HTTP, no SQL. */
#ifndef ROSC_CORE_WARNING_H
#define ROSC_CORE_WARNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/jsonread.h"
#include "core/person.h"

#define WARN_FORMAT "rosc-warning-rules/1"

#define WARN_KINDS(X) \
	X(WK_USE_REPORTED, "use_reported") \
	X(WK_CRAVING, "craving") \
	X(WK_SCORE_AT_MOST, "score_at_most") \
	X(WK_SCORE_DROP, "score_drop") \
	X(WK_NO_CHECKIN, "no_checkin") \
	X(WK_MISSED_APPOINTMENT, "missed_appointment") \
	X(WK_MISSED_CHECKUP, "missed_checkup") \
	X(WK_REFERRAL_UNANSWERED, "referral_unanswered") \
	X(WK_HELP_NOW, "help_now")

enum warn_kind {
#define WARN_KIND_ENUM(id, code) id,
	WARN_KINDS(WARN_KIND_ENUM)
#undef WARN_KIND_ENUM
	WK_COUNT
};
const char *warn_kind_code(enum warn_kind k);
bool warn_kind_parse(const char *s, enum warn_kind *out);
/* The consent category a kind's evidence belongs to: only someone who may
 * read it is told, and only they see the flag. */
enum category warn_kind_category(enum warn_kind k);

/* How a flag was followed up. */
#define WARN_RESOLUTIONS(X) \
	X(WR_REACHED, "reached") \
	X(WR_TRIED, "tried") \
	X(WR_NOT_NEEDED, "not_needed") \
	X(WR_OTHER, "other")
enum warn_resolution {
#define WARN_RES_ENUM(id, code) id,
	WARN_RESOLUTIONS(WARN_RES_ENUM)
#undef WARN_RES_ENUM
	WR_COUNT
};
const char *warn_resolution_code(enum warn_resolution r);
bool warn_resolution_parse(const char *s, enum warn_resolution *out);
/* In plain words, in the thread's language. */
const char *warn_resolution_label(enum warn_resolution r);

struct warn_rule {
	const char *code;
	enum warn_kind kind;
	bool enabled;
	int threshold;            /* use: 1 a little, 2 a lot; craving: at least;
	                           * score_at_most: at most; score_drop: by at
	                           * least; no_checkin: periods of the rhythm;
	                           * referral_unanswered: days past due;
	                           * missed_checkup: days after the reminder */
	int times, within_days;   /* craving: this many within this many days */
	const char *questionnaire;/* score rules: the instrument's code */
	int due_hours;            /* due this many hours after it is raised, */
	int due_working_days;     /* or this many working days (Mon to Fri) */
	struct jr_text reason;    /* why, with {value}, {previous}, {threshold},
	                           * {times}, {days} filled in */
	struct jr_text task;      /* what to do */
};

struct warn_rules {
	struct warn_rule *rules;
	size_t n;
};

/* Reads a rule set from len bytes of JSON (all of it in a). Returns how
 * many problems it found; the first max are in p (0: good). */
size_t warn_parse(struct arena *a, const char *json, size_t len, struct warn_rules *out,
    struct jr_problem *p, size_t max);
/* One rule as JSON text (kept on each flag it raises, so the flag says
 * what it said when raised); NULL if out of memory. */
char *warn_rule_json(struct arena *a, const struct warn_rule *r);
/* A rule back from warn_rule_json(); 0 or ERR_INVALID. */
int warn_rule_read(struct arena *a, const char *json, struct warn_rule *out);

#define WARN_RULES_MAX 50
#define WARN_TEXT_MAX 300

/* What the rules look at, for one person, as of now. Lists newest first. */
struct warn_checkin {
	int64_t at_us;
	int craving;              /* 0..10, or -1 if not given */
	int use;                  /* 0 none, 1 a little, 2 a lot, -1 skipped */
};
struct warn_score {
	const char *code;         /* the questionnaire */
	int64_t at_us;
	int score;
};
struct warn_facts {
	int64_t now_us;
	const struct warn_checkin *checkins;   /* the last WARN_LOOKBACK_DAYS */
	size_t ncheckins;
	int every_days;           /* the rhythm the person chose; 0 none */
	int64_t rhythm_since_us;  /* when they chose it */
	int64_t last_checkin_us;  /* 0: none yet */
	const struct warn_score *scores;       /* scored responses, every code */
	size_t nscores;
	int64_t missed_us;        /* the newest appointment marked missed */
	const char *missed_id;
	int64_t checkup_due_us;   /* the newest check-up marked missed: its due
	                           * time, or 0 */
	int64_t checkup_reminded_us;  /* when the person was reminded of it */
	const char *checkup_id;
	int64_t referral_due_us;  /* the oldest answer still due, or 0 */
	const char *referral_id;
	int64_t help_us;          /* the newest press of Help now not yet seen */
	const char *help_id;
};
#define WARN_LOOKBACK_DAYS 60

/* A rule's finding: the evidence's time (an episode is known by it), the
 * values the reason names, and what it is about (an appointment, ...). */
struct warn_hit {
	int64_t evidence_us;
	int value, previous;
	const char *about_id;
};

/* Whether rule r fires on facts f; if so *out says why. */
bool warn_eval(const struct warn_rule *r, const struct warn_facts *f, struct warn_hit *out);

/* The rule's reason (or task) in language l with the hit's values filled
 * in, in a. */
const char *warn_reason(struct arena *a, const struct warn_rule *r, const struct warn_hit *h,
    enum lang l);
const char *warn_task(struct arena *a, const struct warn_rule *r, enum lang l);

/* The date n working days (Monday to Friday) after ymd, into out: a date
 * on a weekend counts from the Monday after. */
void warn_add_working_days(const char *ymd, int n, char out[11]);

#endif
