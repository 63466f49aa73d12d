/* SQL for HSDS import and export: existence checks and the directory read
 * whole, every table in a stable order. */
#include "store/hsds.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/directory.h"
#include "store/rows.h"

int
store_tx_dir_exists(struct store_tx *tx, enum dir_table t, const char *id,
    const char *code, bool *exists)
{
	struct stmt *st;
	int rc;

	switch (t) {
	case DIR_LOCATION:
		st = STMT(tx->conn, "SELECT 1 FROM dir_location WHERE id = ?1");
		break;
	case DIR_SERVICE_AT_LOCATION:
		st = STMT(tx->conn, "SELECT 1 FROM service_at_location WHERE id = ?1");
		break;
	case DIR_CONTACT:
		st = STMT(tx->conn, "SELECT 1 FROM dir_contact WHERE id = ?1");
		break;
	case DIR_PHONE:
		st = STMT(tx->conn, "SELECT 1 FROM dir_phone WHERE id = ?1");
		break;
	case DIR_SCHEDULE:
		st = STMT(tx->conn, "SELECT 1 FROM dir_schedule WHERE id = ?1");
		break;
	case DIR_LANGUAGE:
		st = STMT(tx->conn, "SELECT 1 FROM service_language "
		    "WHERE service_id = ?1 AND code = ?2");
		bind_text(st, 2, code);
		break;
	default:
		return ERR_INVALID;
	}
	bind_text(st, 1, id);
	rc = step_row(tx->conn, st, "directory exists");
	*exists = rc == 0;
	if (rc == 0)
		stmt_reset(st);
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

int64_t
store_tx_changes(struct store_tx *tx)
{
	return tx->conn->changes;
}

static void
read_org(struct arena *a, struct stmt *st, void *row)
{
	struct dir_org *o = row;

	o->id = col_text(a, st, 0);
	o->name = col_text(a, st, 1);
	o->alternate_name = col_text(a, st, 2);
	o->description = col_text(a, st, 3);
	o->email = col_text(a, st, 4);
	o->website = col_text(a, st, 5);
	o->managed_by = col_text(a, st, 6);
	o->version = col_int(st, 7);
	o->updated_us = col_int(st, 8);
}

static void
read_location(struct arena *a, struct stmt *st, void *row)
{
	struct dir_location *l = row;

	l->id = col_text(a, st, 0);
	l->organization_id = col_text(a, st, 1);
	l->name = col_text(a, st, 2);
	l->alternate_name = col_text(a, st, 3);
	l->description = col_text(a, st, 4);
	l->transportation = col_text(a, st, 5);
	l->has_position = !col_null(st, 6) && !col_null(st, 7);
	l->latitude = col_double(st, 6);
	l->longitude = col_double(st, 7);
	l->address_1 = col_text(a, st, 8);
	l->address_2 = col_text(a, st, 9);
	l->city = col_text(a, st, 10);
	l->region = col_text(a, st, 11);
	l->state_province = col_text(a, st, 12);
	l->postal_code = col_text(a, st, 13);
	l->country = col_text(a, st, 14);
	l->updated_us = col_int(st, 15);
}

static void
read_sal(struct arena *a, struct stmt *st, void *row)
{
	struct service_at_location *x = row;

	x->id = col_text(a, st, 0);
	x->service_id = col_text(a, st, 1);
	x->location_id = col_text(a, st, 2);
	x->description = col_text(a, st, 3);
}

static void
read_contact(struct arena *a, struct stmt *st, void *row)
{
	struct dir_contact *c = row;

	c->id = col_text(a, st, 0);
	c->organization_id = col_text(a, st, 1);
	c->service_id = col_text(a, st, 2);
	c->location_id = col_text(a, st, 3);
	c->name = col_text(a, st, 4);
	c->title = col_text(a, st, 5);
	c->department = col_text(a, st, 6);
	c->email = col_text(a, st, 7);
}

static void
read_phone(struct arena *a, struct stmt *st, void *row)
{
	struct dir_phone *p = row;

	p->id = col_text(a, st, 0);
	p->organization_id = col_text(a, st, 1);
	p->service_id = col_text(a, st, 2);
	p->location_id = col_text(a, st, 3);
	p->contact_id = col_text(a, st, 4);
	p->number = col_text(a, st, 5);
	p->extension = col_text(a, st, 6);
	p->type = col_text(a, st, 7);
	p->description = col_text(a, st, 8);
}

static void
read_schedule(struct arena *a, struct stmt *st, void *row)
{
	struct dir_schedule *x = row;

	x->id = col_text(a, st, 0);
	x->service_id = col_text(a, st, 1);
	x->location_id = col_text(a, st, 2);
	x->service_at_location_id = col_text(a, st, 3);
	x->freq = col_text(a, st, 4);
	x->byday = col_text(a, st, 5);
	x->opens_at = col_text(a, st, 6);
	x->closes_at = col_text(a, st, 7);
	x->timezone = col_text(a, st, 8);
	x->valid_from = col_text(a, st, 9);
	x->valid_to = col_text(a, st, 10);
	x->description = col_text(a, st, 11);
}

static void
read_language(struct arena *a, struct stmt *st, void *row)
{
	struct service_language *l = row;

	l->service_id = col_text(a, st, 0);
	l->code = col_text(a, st, 1);
	l->id = col_text(a, st, 2);
	l->name = col_text(a, st, 3);
}

/* Every record type here starts with its id. */
static int
by_id(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int
by_service_code(const void *x, const void *y)
{
	const struct service_language *l = x, *m = y;
	int c = strcmp(l->service_id, m->service_id);

	return c != 0 ? c : strcmp(l->code, m->code);
}

#define COLLECT(st, type, reader, arr, n, what) do { \
	void *rows_; \
	if (rc == 0) { \
		rc = rows_collect((st), a, 64, sizeof(type), (reader), &rows_, (n), \
		    __func__, (what)); \
		(arr) = rows_; \
	} \
} while (0)

int
store_hsds_dump(struct store *s, struct arena *a, struct hsds_package *out)
{
	struct conn *c = store_reader(s);
	int rc = 0;

	memset(out, 0, sizeof(*out));
	out->layout = HSDS_3_0;
	if (c == NULL)
		return ERR_DB;
	COLLECT(STMT(c, "SELECT id, name, alternate_name, description, email, website, "
	    "managed_by, version, updated_us FROM dir_organization"), struct dir_org, read_org, out->orgs, &out->norgs,
	    "dump orgs");
	if (rc == 0)
		rc = store_services_all(s, a, &out->services, &out->nservices);
	COLLECT(STMT(c, "SELECT id, organization_id, name, alternate_name, description, "
	    "transportation, latitude, longitude, address_1, address_2, city, region, "
	    "state_province, postal_code, country, updated_us FROM dir_location"), struct dir_location, read_location,
	    out->locations, &out->nlocations, "dump locations");
	COLLECT(STMT(c, "SELECT id, service_id, location_id, description "
	    "FROM service_at_location"),
	    struct service_at_location, read_sal, out->sals, &out->nsals, "dump sal");
	COLLECT(STMT(c, "SELECT id, organization_id, service_id, location_id, name, title, "
	    "department, email FROM dir_contact"),
	    struct dir_contact, read_contact, out->contacts, &out->ncontacts,
	    "dump contacts");
	COLLECT(STMT(c, "SELECT id, organization_id, service_id, location_id, contact_id, "
	    "number, extension, type, description FROM dir_phone"), struct dir_phone, read_phone, out->phones,
	    &out->nphones, "dump phones");
	COLLECT(STMT(c, "SELECT id, service_id, location_id, service_at_location_id, freq, "
	    "byday, opens_at, closes_at, timezone, valid_from, valid_to, description "
	    "FROM dir_schedule"), struct dir_schedule,
	    read_schedule, out->schedules, &out->nschedules, "dump schedules");
	COLLECT(STMT(c, "SELECT service_id, code, id, name FROM service_language"),
	    struct service_language, read_language, out->languages, &out->nlanguages,
	    "dump languages");
	if (rc != 0)
		return rc;
	/* Sorted here, byte by byte: a database's collation (PostgreSQL's may
	 * follow the locale) must not change an export. */
	qsort(out->orgs, out->norgs, sizeof(*out->orgs), by_id);
	qsort(out->services, out->nservices, sizeof(*out->services), by_id);
	qsort(out->locations, out->nlocations, sizeof(*out->locations), by_id);
	qsort(out->sals, out->nsals, sizeof(*out->sals), by_id);
	qsort(out->contacts, out->ncontacts, sizeof(*out->contacts), by_id);
	qsort(out->phones, out->nphones, sizeof(*out->phones), by_id);
	qsort(out->schedules, out->nschedules, sizeof(*out->schedules), by_id);
	qsort(out->languages, out->nlanguages, sizeof(*out->languages), by_service_code);
	return 0;
}
