/* Storage for persons, their network, consent, emergency access, journal
 * notes and the access log. Reads allocate in the arena; store_tx_* run in
 * a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_PERSONS_H
#define ROSC_STORE_PERSONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/person.h"

struct arena;
struct grant;
struct list_grant;
struct store;
struct store_tx;

/* The facts the policy door needs about user (acting for org_id, which may
 * be NULL) and person, as of today ("YYYY-MM-DD", in UTC) and now. */
int store_relation(struct store *s, const char *user_id, const char *org_id,
    const char *person_id, const char *today, int64_t now, struct relation *out);

/* The actor's relation to every person whose network they are or were in,
 * sorted by person id: the same answers as store_relation() for each, in
 * three queries instead of four per person (a caseload page asks for 40). */
struct relation_row {
	const char *person_id;
	struct relation rel;
};
int store_relations_of_member(struct store *s, struct arena *a, const char *user_id,
    const char *org_id, const char *today, int64_t now, struct relation_row **out,
    size_t *n);

int store_person_get(struct store *s, struct arena *a, const struct grant *g, struct person *out);
int store_person_by_user(struct store *s, struct arena *a, const char *user_id,
    struct person *out);
int store_person_by_national_id(struct store *s, struct arena *a, const char *nid,
    struct person *out);

/* The persons in whose network user currently is, for org_id (or, with
 * org_id NULL, as family or supporter), ordered by name; keyset paging
 * after (sort, id), at most limit of them; *more tells whether there may
 * be more after the last. prefix_key (a person_name_key) limits to names
 * starting with it. Only the fields a list shows are filled in (id, names,
 * pronouns, home organisation's name). Policy still decides on each
 * before anything shows. */
struct caseload_item {
	struct person p;
	const char *name_sort;
	enum net_role my_role;
};
int store_caseload(struct store *s, struct arena *a, const struct list_grant *l,
    const char *today, const char *prefix_key, const char *after_sort,
    const char *after_id, size_t limit, struct caseload_item **out, size_t *n, bool *more);

/* The network: current members first, then past ones. */
int store_network(struct store *s, struct arena *a, const struct grant *g,
    struct network_member **out, size_t *n);
int store_member_get(struct store *s, struct arena *a, const struct grant *g,
    const char *member_id, struct network_member *out);

/* Every consent record of the person (granted or withdrawn). */
int store_consents(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n);
/* Every change to the person's consents, newest first. */
int store_consent_history(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n);

int store_notes(struct store *s, struct arena *a, const struct grant *g,
    struct note **out, size_t *n);
/* Emergency accesses since `since`, newest first. */
int store_emergencies(struct store *s, struct arena *a, const struct grant *g,
    int64_t since, struct emergency **out, size_t *n);

/* The access log grouped for the person: who (and for which organisation)
 * did what, why, how often and when last, since `since`. */
struct access_summary {
	const char *actor_id, *actor_name, *org_name, *what, *action, *why;
	int64_t count, last_us;
};
int store_access_summary(struct store *s, struct arena *a, const struct grant *g,
    int64_t since, struct access_summary **out, size_t *n);
/* Raw entries, newest first, before (at_us) for paging. */
struct access_entry {
	int64_t at_us;
	const char *actor_id, *actor_name, *org_name, *what, *action, *why;
};
int store_access_list(struct store *s, struct arena *a, const struct grant *g,
    int64_t before, size_t limit, struct access_entry **out, size_t *n);

/* For the person's download of their own data: every consent change,
 * every note and every emergency access, without the pages' limits. */
int store_consent_history_all(struct store *s, struct arena *a, const struct grant *g,
    struct consent **out, size_t *n);
int store_notes_all(struct store *s, struct arena *a, const struct grant *g,
    struct note **out, size_t *n);
int store_emergencies_all(struct store *s, struct arena *a, const struct grant *g,
    struct emergency **out, size_t *n);

/* Writes */
int store_tx_person_insert(struct store_tx *tx, const struct person *p,
    const char *name_key, const char *name_sort);
/* Updates if the stored version is p->version - 1; else ERR_CONFLICT. */
int store_tx_person_update(struct store_tx *tx, const struct person *p,
    const char *name_key, const char *name_sort);
int store_tx_member_insert(struct store_tx *tx, const struct network_member *m,
    int64_t now, const char *by);
int store_tx_member_end(struct store_tx *tx, const char *person_id, const char *member_id,
    const char *until_date);
/* ERR_CONFLICT if user_id is already a current member (as of today) of
 * person_id's network for org_id (NULL: without an organisation); else 0.
 * Run in the same write as the insert, so two adds cannot both pass. */
int store_tx_member_check_new(struct store_tx *tx, const char *person_id,
    const char *user_id, const char *org_id, const char *today);
/* Gives or withdraws one category to one recipient; every change makes a
 * new version in the history. */
int store_tx_consent_set(struct store_tx *tx, const struct consent *c, int64_t now,
    const char *by);
int store_tx_emergency_insert(struct store_tx *tx, const struct emergency *e);
int store_tx_note_insert(struct store_tx *tx, const struct note *n);
/* One access-log entry; a list entry only once per person, actor, list and day. */
int store_tx_access_append(struct store_tx *tx, const char *person_id, int64_t at_us,
    const char *actor_id, const char *org_id, const char *what, const char *action,
    const char *why);

#endif
