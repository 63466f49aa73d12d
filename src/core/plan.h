/* The person-centred recovery plan: life domains in the person's own
 * words, self-ratings, goals and steps, the relapse-prevention plan and
 * crisis contacts. Types, names and rules; no HTTP, no SQL. */
#ifndef ROSC_CORE_PLAN_H
#define ROSC_CORE_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/person.h"

enum domain {
	DOM_SUBSTANCE_USE,
	DOM_PHYSICAL_HEALTH,
	DOM_MENTAL_HEALTH,
	DOM_HOUSING,
	DOM_WORK_EDUCATION,
	DOM_FINANCES,
	DOM_FAMILY,
	DOM_SOCIAL_NETWORK,
	DOM_MEANING,
	DOM_PRACTICAL_LEGAL,
	DOM_COUNT
};

enum item_status { ST_NOT_STARTED, ST_IN_PROGRESS, ST_REACHED, ST_LET_GO, ST_COUNT };

enum step_owner { OWNER_PERSON, OWNER_MEMBER, OWNER_ORGANISATION };

struct plan_domain {
	const char *person_id;
	enum domain domain;
	const char *now_text, *strengths, *hopes, *matters_most, *text_lang;
	int64_t version, updated_us;     /* version 0: nothing written yet */
	const char *updated_by, *updated_by_name;
};

struct plan_rating {
	enum domain domain;
	int64_t rated_us;
	int rating;
	const char *rated_by;
};

struct goal {
	const char *person_id, *id, *title, *why, *text_lang;
	enum domain domain;
	enum item_status status;
	int64_t reached_us, version, created_us, updated_us;
	const char *created_by, *updated_by, *updated_by_name;
};

struct step {
	const char *person_id, *id, *goal_id, *title;
	enum step_owner owner_kind;
	const char *owner_member_id, *owner_org_id;
	const char *owner_name;          /* the member's or organisation's name */
	const char *due_date;
	enum item_status status;
	int64_t version, created_us, updated_us;
	const char *created_by, *updated_by;
};

struct plan_comment {
	const char *person_id, *id, *item_kind, *item_id, *body, *body_lang;
	const char *author_id, *author_name, *author_org_id, *author_org_name;
	int64_t created_us;
};

struct relapse_plan {
	const char *person_id, *triggers, *warning_signs, *what_helps, *people_to_call;
	const char *if_i_lapse, *text_lang;
	int64_t version, updated_us;
	const char *updated_by;
};

struct crisis_contact {
	const char *person_id, *id, *name, *phone, *note;
	int position;
};

struct plan_change {
	const char *person_id, *id, *item_kind, *item_id, *field, *before, *after;
	int64_t changed_us, version;
	const char *changed_by, *changed_by_name, *changed_org_id, *changed_org_name;
};

/* A step in someone's "my tasks" list. */
struct task {
	struct step step;
	const char *person_display_name, *goal_title;
	const char *person_sort;      /* the person's name as ordered */
	enum domain goal_domain;
};

const char *domain_code(enum domain d);
bool domain_parse(const char *s, enum domain *out);
/* "Housing" etc., in the thread's language. */
const char *domain_label(enum domain d);
const char *item_status_code(enum item_status s);
bool item_status_parse(const char *s, enum item_status *out);
const char *item_status_label(enum item_status s);
const char *step_owner_code(enum step_owner o);
bool step_owner_parse(const char *s, enum step_owner *out);

/* The consent category a domain's data belongs to: substance use is
 * "substance-use details"; every other domain is "plan and goals". A
 * reader needs CAT_PLAN for any of the plan, and also CAT_SUBSTANCE for
 * the substance-use domain and its goals. */
enum category domain_category(enum domain d);

#define PLAN_TEXT_MAX 4000        /* a domain text, a relapse-plan field */
#define GOAL_TITLE_MAX 200
#define STEP_TITLE_MAX 200
#define COMMENT_MAX 4000
#define CRISIS_CONTACTS_MAX 10

#endif
