/* Storage for the person record: lookups by id, account and national id,
 * the caseload, and writes. Reads allocate in the arena; store_tx_*
 * run in a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_PERSONS_H
#define ROSC_STORE_PERSONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/person.h"

struct arena;
struct grant;
struct list_grant;
struct store;
struct store_tx;

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

/* Writes */
int store_tx_person_insert(struct store_tx *tx, const struct person *p,
    const char *name_key, const char *name_sort);
/* Updates if the stored version is p->version - 1; else ERR_CONFLICT. */
int store_tx_person_update(struct store_tx *tx, const struct grant *gr,
    const struct person *p,
    const char *name_key, const char *name_sort);

#endif
