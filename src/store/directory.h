/* Storage for the service directory (core/directory.h): one record at a
 * time, written by HSDS id (an upsert: a second write of the same id
 * updates it). Nothing here is person data, so no grants. Returns 0,
 * ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_DIRECTORY_H
#define ROSC_STORE_DIRECTORY_H

#include <stddef.h>

#include "core/directory.h"

struct arena;
struct store;
struct store_tx;

/* Upserts. updated_us is the caller's; a service's version counts up on
 * every write that changes it and its search key is made here. A record
 * already there as it is is not written (version and updated_us stay). */
int store_tx_dir_org_put(struct store_tx *tx, const struct dir_org *o);
int store_tx_location_put(struct store_tx *tx, const struct dir_location *l);
int store_tx_service_put(struct store_tx *tx, const struct service *sv);
int store_tx_service_at_location_put(struct store_tx *tx,
    const struct service_at_location *sal);
int store_tx_contact_put(struct store_tx *tx, const struct dir_contact *c);
int store_tx_phone_put(struct store_tx *tx, const struct dir_phone *p);
int store_tx_schedule_put(struct store_tx *tx, const struct dir_schedule *sc);
int store_tx_service_language_put(struct store_tx *tx,
    const struct service_language *l);

/* One service, with its organisation's name and managing rosc
 * organisation. */
int store_service_get(struct store *s, struct arena *a, const char *id,
    struct service *out);
/* A search of the directory. Every field is optional (NULL, STAGE_NONE,
 * -1 or false: no filter). words: up to SERVICE_QUERY_WORDS folded words
 * (person_name_key), each of which must occur in the search key.
 * Ordered by name, then id; after_name/after_id continue after that row
 * (keyset paging). Inactive and defunct services only with
 * include_inactive. */
#define SERVICE_QUERY_WORDS 4
struct service_query {
	const char *words[SERVICE_QUERY_WORDS];
	enum stage stage;
	int domain;                      /* an enum domain, or -1 */
	const char *lang;                /* a service_language code */
	bool video_only, capacity_only, include_inactive;
	const char *after_name, *after_id;
	int limit;                       /* 1..200 */
};
/* Up to q->limit services; *more is set when there are more after them. */
int store_services_search(struct store *s, struct arena *a,
    const struct service_query *q, struct service **out, size_t *n, bool *more);

/* One directory organisation. */
int store_dir_org_get(struct store *s, struct arena *a, const char *id,
    struct dir_org *out);

/* Every service, ordered by id (an export). */
int store_services_all(struct store *s, struct arena *a, struct service **out,
    size_t *n);

/* The same two reads inside a write (an import merges with what is
 * there). */
int store_tx_service_get(struct store_tx *tx, struct arena *a, const char *id,
    struct service *out);
int store_tx_dir_org_get(struct store_tx *tx, struct arena *a, const char *id,
    struct dir_org *out);

#endif
