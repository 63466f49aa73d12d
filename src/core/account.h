/* Organisations, users and roles: the domain's types, names and rules.
 * No HTTP and no SQL here. */
#ifndef ROSC_CORE_ACCOUNT_H
#define ROSC_CORE_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum user_kind { USER_STAFF, USER_PERSON, USER_FAMILY, USER_KIND_COUNT };

enum role {
	ROLE_NONE,
	ROLE_ORG_ADMIN,
	ROLE_COORDINATOR,
	ROLE_PROFESSIONAL,
	ROLE_PEER_WORKER,
	ROLE_VOLUNTEER,
	ROLE_COUNT
};

enum sector {
	SECTOR_ADDICTION_TREATMENT,
	SECTOR_HEALTH_CARE,
	SECTOR_MENTAL_HEALTH,
	SECTOR_SOCIAL_SERVICES,
	SECTOR_HOUSING,
	SECTOR_EMPLOYMENT,
	SECTOR_EDUCATION,
	SECTOR_PEER_ORGANISATION,
	SECTOR_VOLUNTEER_ORGANISATION,
	SECTOR_JUSTICE,
	SECTOR_COMMUNITY,
	SECTOR_COUNT
};

struct organisation {
	const char *id, *name, *time_zone;
	enum sector sector;
	int64_t created_us, disabled_us;      /* 0: not disabled */
};

struct user {
	const char *id, *username, *display_name;
	enum user_kind kind;
	bool sysadmin;
	const char *password_hash;            /* NULL until set */
	const char *lang;                     /* "en", "nl", "da" or NULL */
	int64_t created_us, disabled_us;      /* 0: not disabled */
};

struct membership {
	const char *user_id, *org_id, *org_name, *org_time_zone;
	const char *username, *display_name;
	enum role role;
	bool may_break_glass;    /* the organisation admin gave emergency access */
};

/* Stable codes, as stored and in URLs and JSON. */
const char *role_code(enum role r);
const char *sector_code(enum sector s);
const char *user_kind_code(enum user_kind k);
bool role_parse(const char *s, enum role *out);
bool sector_parse(const char *s, enum sector *out);
bool user_kind_parse(const char *s, enum user_kind *out);

/* Names for people, in the calling thread's language. */
const char *role_label(enum role r);
/* The role as a word in the middle of a sentence: "volunteer", "frivillig". */
const char *role_word(enum role r);
const char *sector_label(enum sector s);
const char *user_kind_label(enum user_kind k);

/* Field limits, counted in characters. */
#define USERNAME_MIN 3
#define USERNAME_MAX 64
#define NAME_MAX_CHARS 120
#define PASSWORD_MIN 10
#define PASSWORD_MAX 1024
#define TOKEN_NAME_MAX 80

/* Field checks: 0, or a problem code name ("required", "too_long",
 * "invalid_format", ...) for the form to show at the field. */
const char *check_username(const char *s);
const char *check_name(const char *s, size_t max_chars);

/* Writes the case-folded form of a valid username into out (same size). */
void username_key(const char *username, char *out);

#endif
