/* Persons in recovery, their network, consent categories and the facts the
 * policy door decides on. No HTTP and no SQL here. */
#ifndef ROSC_CORE_PERSON_H
#define ROSC_CORE_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a person can share, and with whom, one by one. */
enum category {
	CAT_BASIC,            /* name, contact details, network */
	CAT_PLAN,             /* plan and goals, relapse-prevention plan */
	CAT_APPOINTMENTS,
	CAT_NOTES,            /* journal notes */
	CAT_QUESTIONNAIRES,   /* questionnaires and check-ins */
	CAT_SUBSTANCE,        /* substance-use details */
	CAT_COUNT
};
#define CAT_BIT(c) (1u << (c))
#define CAT_ALL ((1u << CAT_COUNT) - 1)

enum net_role {
	NET_COORDINATOR,
	NET_PROFESSIONAL,
	NET_PEER_WORKER,
	NET_VOLUNTEER,
	NET_FAMILY,
	NET_SUPPORTER,
	NET_ROLE_COUNT
};

struct person {
	const char *id, *display_name, *preferred_name, *pronouns, *birth_date;
	const char *phone, *email, *address, *lang, *national_id, *time_zone;
	const char *home_org_id, *home_org_name;
	const char *about_me, *about_me_lang, *user_id;
	int64_t created_us, updated_us, version;
};

struct network_member {
	const char *person_id, *id, *user_id, *org_id, *org_name;
	const char *display_name;        /* the account's name, or `name` */
	const char *name, *contact;
	enum net_role role;
	const char *from_date, *until_date;   /* until NULL: current */
};

struct consent {
	const char *person_id, *id, *recipient_org_id, *recipient_member_id;
	const char *recipient_name;      /* the organisation's or member's name */
	enum category category;
	bool granted;
	const char *purpose, *until_date;
	int64_t version, updated_us;
	const char *updated_by;
};

struct note {
	const char *person_id, *id, *author_id, *author_name, *author_org_id, *author_org_name;
	const char *body, *body_lang, *restricted_reason;
	bool restricted;
	int64_t created_us;
};

struct emergency {
	const char *person_id, *id, *user_id, *user_name, *org_id, *org_name, *reason;
	int64_t started_us, expires_us;
};

/* How long emergency ("break the glass") access lasts. */
#define EMERGENCY_US (INT64_C(4) * 60 * 60 * 1000000)

/* Where the actor stands with a person: everything the policy door needs,
 * loaded by the store in one go (store_relation). */
enum net_state { NET_NEVER, NET_PAST, NET_CURRENT };

struct relation {
	bool exists;
	bool is_self;                /* the actor is this person */
	bool home_org;               /* the actor acts for the person's home organisation */
	enum net_state member;       /* the actor's own place in the network */
	bool member_for_org;         /* a current membership for the acting organisation */
	bool member_family;          /* a current membership without an organisation */
	unsigned consent;            /* categories (CAT_BIT) granted, in force today, to
	                                the acting organisation or the actor's membership */
	bool emergency;              /* emergency access in force for actor and organisation */
	bool referral_in;            /* the acting organisation receives an open referral
	                                for the person (core/referral.h: ref_receiver_holds) */
};

const char *category_code(enum category c);
bool category_parse(const char *s, enum category *out);
/* "Plan and goals" etc., in the thread's language. */
const char *category_label(enum category c);
const char *net_role_code(enum net_role r);
bool net_role_parse(const char *s, enum net_role *out);
const char *net_role_label(enum net_role r);

#define PERSON_TEXT_MAX 4000         /* "what I want people to know about me" */
#define NOTE_MAX 20000
#define REASON_MAX 500
#define FIELD_MAX 200

/* Writes the search key of a name: case-folded, accents kept ("Ærø" and
 * "ærø" match; "ae" does not). Returns an arena string. */
struct arena;
const char *person_name_key(struct arena *a, const char *name);
/* A collation key (hex) that orders names as Danish and Dutch readers
 * expect (æ ø å after z, ij as i+j, accents secondary). Same on every
 * backend, because it is computed here. */
const char *person_name_sort(struct arena *a, const char *name);

/* "•••• 1234": a national id shown masked. */
const char *national_id_masked(struct arena *a, const char *id);

#endif
