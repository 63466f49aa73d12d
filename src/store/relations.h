/* The facts the policy door (src/access/) decides on: how an actor stands
 * to a person. Read through the process's relation cache (relcache.h).
 * Returns 0 or ERR_DB. */
#ifndef ROSC_STORE_RELATIONS_H
#define ROSC_STORE_RELATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/person.h"

struct arena;
struct store;

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

#endif
