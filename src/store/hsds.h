/* Storage for HSDS import and export (core/hsds.h): whether a directory
 * record is there already, what the last write changed, and the whole
 * directory read for an export. The upserts are store/directory.h's. */
#ifndef ROSC_STORE_HSDS_H
#define ROSC_STORE_HSDS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/hsds.h"

struct arena;
struct store;
struct store_tx;

/* The directory's tables without a version of their own. */
enum dir_table {
	DIR_LOCATION, DIR_SERVICE_AT_LOCATION, DIR_CONTACT, DIR_PHONE, DIR_SCHEDULE,
	DIR_LANGUAGE
};

/* Sets *exists to whether the record id (for DIR_LANGUAGE: the service
 * id and the code) is there. Returns 0 or ERR_DB. */
int store_tx_dir_exists(struct store_tx *tx, enum dir_table t, const char *id,
    const char *code, bool *exists);

/* Rows the write's last statement changed: 0 after an upsert that found
 * its record as it is. */
int64_t store_tx_changes(struct store_tx *tx);

/* The whole directory, each table ordered by id (languages by service and
 * code), into out; strings in a. Returns 0 or ERR_DB. */
int store_hsds_dump(struct store *s, struct arena *a, struct hsds_package *out);

#endif
