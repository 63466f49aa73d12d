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
 * every write and its search key is made here. */
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
/* One directory organisation. */
int store_dir_org_get(struct store *s, struct arena *a, const char *id,
    struct dir_org *out);

#endif
