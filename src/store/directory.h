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
 * include_inactive. struct service_query is in core/directory.h. */
/* Up to q->limit services; *more is set when there are more after them. */
int store_services_search(struct store *s, struct arena *a,
    const struct service_query *q, struct service **out, size_t *n, bool *more);

/* Everything else a service's page shows: its locations (through
 * service_at_location, by name), phones, weekly opening hours (by day and
 * time), languages and contacts. Arena arrays. */
struct service_detail {
	struct dir_location *locations;
	struct dir_phone *phones;
	struct dir_schedule *schedules;
	struct service_language *languages;
	struct dir_contact *contacts;
	size_t nlocations, nphones, nschedules, nlanguages, ncontacts;
};
int store_service_detail(struct store *s, struct arena *a, const char *id,
    struct service_detail *out);
/* The same for a page of n services, out[i] for svs[i] (a list's page:
 * five queries for every twenty services, not five for each); or only
 * their languages (a list's cards). */
int store_services_details(struct store *s, struct arena *a, const struct service *svs,
    size_t n, struct service_detail *out);
int store_services_languages(struct store *s, struct arena *a, const struct service *svs,
    size_t n, struct service_detail *out);

/* The directory organisations the rosc organisation org_id runs
 * (managed_by), by name; and their services, by name (any status). */
int store_dir_orgs_managed(struct store *s, struct arena *a, const char *org_id,
    struct dir_org **out, size_t *n);
int store_services_managed(struct store *s, struct arena *a, const char *org_id,
    struct service **out, size_t *n);

/* Edits a service as its managing organisation's admin would: every field
 * the edit form has (not capacity_available or capacity_updated_us, which
 * the one-tap update owns; an available count above a new maximum comes
 * down to it), and replaces its languages and its service-wide weekly
 * opening hours. Only a service of a directory organisation managed_by
 * org_id. ERR_CONFLICT when the stored version is not from_version,
 * ERR_NOT_FOUND when there is no such service of org_id's. sv->version
 * gets the new version. */
int store_tx_service_update(struct store_tx *tx, const char *org_id, struct service *sv,
    int64_t from_version, const struct service_language *langs, size_t nlangs,
    const struct dir_schedule *hours, size_t nhours);
/* Creates a service (sv->id new) under a directory organisation managed_by
 * org_id, with its languages and opening hours. ERR_NOT_FOUND if that
 * organisation is not org_id's. */
int store_tx_service_create(struct store_tx *tx, const char *org_id,
    const struct service *sv, const struct service_language *langs, size_t nlangs,
    const struct dir_schedule *hours, size_t nhours);
/* The one-tap capacity update, as one atomic UPDATE (no version check, so
 * two people tapping "+1" at once count two, and an edit of the service
 * in between is not disturbed): adds delta to the places available, or
 * with set sets them to value; either way kept within 0 and the maximum
 * (when one is known), and capacity_updated_us becomes now. Only a service
 * of org_id's. ERR_NOT_FOUND otherwise. *available gets the new count. */
int store_tx_capacity_update(struct store_tx *tx, const char *org_id, const char *id,
    bool set, int value, int64_t now, int *available);

/* One directory organisation. */
int store_dir_org_get(struct store *s, struct arena *a, const char *id,
    struct dir_org *out);

/* Every service, ordered by id (an export). */
int store_services_all(struct store *s, struct arena *a, struct service **out,
    size_t *n);

/* For the FHIR API's search of the whole directory: every service's
 * details (as store_services_details(), in five queries however many
 * services there are), every location and every directory organisation
 * (by id), and one location. */
int store_services_details_all(struct store *s, struct arena *a, const struct service *svs,
    size_t n, struct service_detail *out);
int store_locations_all(struct store *s, struct arena *a, struct dir_location **out,
    size_t *n);
int store_location_get(struct store *s, struct arena *a, const char *id,
    struct dir_location *out);
int store_dir_orgs_all(struct store *s, struct arena *a, struct dir_org **out, size_t *n);
/* The services (any status) or locations that match every field of w that
 * is not NULL, by id: id and organisation exactly, a stage code, a life
 * domain code among the service's, name and city holding the text (any
 * case). A search narrows with it before its own finer checks. */
struct dir_where {
	const char *id, *organization_id, *stage, *domain, *name, *city;
};
int store_services_where(struct store *s, struct arena *a, const struct dir_where *w,
    struct service **out, size_t *n);
int store_locations_where(struct store *s, struct arena *a, const struct dir_where *w,
    struct dir_location **out, size_t *n);

/* The same two reads inside a write (an import merges with what is
 * there). */
int store_tx_service_get(struct store_tx *tx, struct arena *a, const char *id,
    struct service *out);
int store_tx_dir_org_get(struct store_tx *tx, struct arena *a, const char *id,
    struct dir_org *out);

#endif
