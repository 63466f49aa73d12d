/* Inside the store: whether a grant lets a write to person_id's data go
 * ahead. Every writer of a person's data asks, so a write without the
 * door's grant for that person (or with a read-only one) changes nothing. */
#ifndef ROSC_STORE_GRANTS_H
#define ROSC_STORE_GRANTS_H

#include <stdbool.h>
#include <string.h>

#include "access/grant.h"

static inline bool
store_grant_fits(const struct grant *g, const char *person_id)
{
	return g != NULL && person_id != NULL && grant_writes(g) &&
	    strcmp(grant_person(g), person_id) == 0;
}

#endif
