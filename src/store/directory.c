/* SQL for the service directory: upserts by HSDS id, and single reads.
 * An upsert whose record is already there as it is writes nothing: its
 * version and updated_us stay (a re-import changes nothing). */
#include "store/directory.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"
#include "store/store.h"

static void
bind_opt_int(struct stmt *st, int i, bool has, int64_t v)
{
	if (has)
		bind_int(st, i, v);
	else
		bind_null(st, i);
}

int
store_tx_dir_org_put(struct store_tx *tx, const struct dir_org *o)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO dir_organization (id, name, "
	    "alternate_name, description, email, website, managed_by, version, updated_us) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8) ON CONFLICT (id) DO UPDATE SET "
	    "name = excluded.name, alternate_name = excluded.alternate_name, "
	    "description = excluded.description, email = excluded.email, "
	    "website = excluded.website, managed_by = excluded.managed_by, "
	    "version = dir_organization.version + 1, updated_us = excluded.updated_us "
	    "WHERE dir_organization.name IS DISTINCT FROM excluded.name OR "
	    "dir_organization.alternate_name IS DISTINCT FROM "
	    "excluded.alternate_name OR dir_organization.description IS "
	    "DISTINCT FROM excluded.description OR dir_organization.email IS "
	    "DISTINCT FROM excluded.email OR dir_organization.website IS "
	    "DISTINCT FROM excluded.website OR dir_organization.managed_by IS "
	    "DISTINCT FROM excluded.managed_by");

	bind_text(st, 1, o->id);
	bind_text(st, 2, o->name);
	bind_text(st, 3, o->alternate_name);
	bind_text(st, 4, o->description);
	bind_text(st, 5, o->email);
	bind_text(st, 6, o->website);
	bind_text(st, 7, o->managed_by);
	bind_int(st, 8, o->updated_us);
	return step_done(tx->conn, st, "dir_organization put");
}

int
store_tx_location_put(struct store_tx *tx, const struct dir_location *l)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO dir_location (id, organization_id, "
	    "name, alternate_name, description, transportation, latitude, longitude, "
	    "address_1, address_2, city, region, state_province, postal_code, country, "
	    "updated_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
	    "?14, ?15, ?16) ON CONFLICT (id) DO UPDATE SET "
	    "organization_id = excluded.organization_id, name = excluded.name, "
	    "alternate_name = excluded.alternate_name, description = excluded.description, "
	    "transportation = excluded.transportation, latitude = excluded.latitude, "
	    "longitude = excluded.longitude, address_1 = excluded.address_1, "
	    "address_2 = excluded.address_2, city = excluded.city, region = excluded.region, "
	    "state_province = excluded.state_province, postal_code = excluded.postal_code, "
	    "country = excluded.country, updated_us = excluded.updated_us "
	    "WHERE dir_location.organization_id IS DISTINCT FROM "
	    "excluded.organization_id OR dir_location.name IS DISTINCT FROM "
	    "excluded.name OR dir_location.alternate_name IS DISTINCT FROM "
	    "excluded.alternate_name OR dir_location.description IS DISTINCT "
	    "FROM excluded.description OR dir_location.transportation IS "
	    "DISTINCT FROM excluded.transportation OR dir_location.latitude IS "
	    "DISTINCT FROM excluded.latitude OR dir_location.longitude IS "
	    "DISTINCT FROM excluded.longitude OR dir_location.address_1 IS "
	    "DISTINCT FROM excluded.address_1 OR dir_location.address_2 IS "
	    "DISTINCT FROM excluded.address_2 OR dir_location.city IS DISTINCT "
	    "FROM excluded.city OR dir_location.region IS DISTINCT FROM "
	    "excluded.region OR dir_location.state_province IS DISTINCT FROM "
	    "excluded.state_province OR dir_location.postal_code IS DISTINCT "
	    "FROM excluded.postal_code OR dir_location.country IS DISTINCT FROM "
	    "excluded.country");

	bind_text(st, 1, l->id);
	bind_text(st, 2, l->organization_id);
	bind_text(st, 3, l->name);
	bind_text(st, 4, l->alternate_name);
	bind_text(st, 5, l->description);
	bind_text(st, 6, l->transportation);
	if (l->has_position) {
		bind_double(st, 7, l->latitude);
		bind_double(st, 8, l->longitude);
	} else {
		bind_null(st, 7);
		bind_null(st, 8);
	}
	bind_text(st, 9, l->address_1);
	bind_text(st, 10, l->address_2);
	bind_text(st, 11, l->city);
	bind_text(st, 12, l->region);
	bind_text(st, 13, l->state_province);
	bind_text(st, 14, l->postal_code);
	bind_text(st, 15, l->country);
	bind_int(st, 16, l->updated_us);
	return step_done(tx->conn, st, "dir_location put");
}

int
store_tx_service_put(struct store_tx *tx, const struct service *sv)
{
	struct arena a = ARENA_INIT;
	struct stmt *name, *st;
	const char *org_name = NULL;
	int rc;

	name = STMT(tx->conn, "SELECT name FROM dir_organization WHERE id = ?1");
	bind_text(name, 1, sv->organization_id);
	rc = step_row(tx->conn, name, "service put org");
	if (rc == 0) {
		org_name = col_text(&a, name, 0);
		stmt_reset(name);
	} else if (rc != ERR_NOT_FOUND) {
		arena_free(&a);
		return rc;
	}
	st = STMT(tx->conn, "INSERT INTO service (id, organization_id, name, "
	    "alternate_name, description, url, email, status, interpretation_services, "
	    "application_process, fees_description, wait_time, eligibility_description, "
	    "minimum_age, maximum_age, alert, stage, domains, video, capacity_available, "
	    "capacity_maximum, capacity_unit, capacity_updated_us, response_days, shares, "
	    "search_key, version, updated_us, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, "
	    "?23, ?24, ?25, ?26, 1, ?27, ?28) ON CONFLICT (id) DO UPDATE SET "
	    "organization_id = excluded.organization_id, name = excluded.name, "
	    "alternate_name = excluded.alternate_name, description = excluded.description, "
	    "url = excluded.url, email = excluded.email, status = excluded.status, "
	    "interpretation_services = excluded.interpretation_services, "
	    "application_process = excluded.application_process, "
	    "fees_description = excluded.fees_description, wait_time = excluded.wait_time, "
	    "eligibility_description = excluded.eligibility_description, "
	    "minimum_age = excluded.minimum_age, maximum_age = excluded.maximum_age, "
	    "alert = excluded.alert, stage = excluded.stage, domains = excluded.domains, "
	    "video = excluded.video, capacity_available = excluded.capacity_available, "
	    "capacity_maximum = excluded.capacity_maximum, "
	    "capacity_unit = excluded.capacity_unit, "
	    "capacity_updated_us = excluded.capacity_updated_us, "
	    "response_days = excluded.response_days, shares = excluded.shares, "
	    "search_key = excluded.search_key, version = service.version + 1, "
	    "updated_us = excluded.updated_us, updated_by = excluded.updated_by "
	    "WHERE service.organization_id IS DISTINCT FROM "
	    "excluded.organization_id OR service.name IS DISTINCT FROM "
	    "excluded.name OR service.alternate_name IS DISTINCT FROM "
	    "excluded.alternate_name OR service.description IS DISTINCT FROM "
	    "excluded.description OR service.url IS DISTINCT FROM excluded.url "
	    "OR service.email IS DISTINCT FROM excluded.email OR service.status "
	    "IS DISTINCT FROM excluded.status OR "
	    "service.interpretation_services IS DISTINCT FROM "
	    "excluded.interpretation_services OR service.application_process IS "
	    "DISTINCT FROM excluded.application_process OR "
	    "service.fees_description IS DISTINCT FROM "
	    "excluded.fees_description OR service.wait_time IS DISTINCT FROM "
	    "excluded.wait_time OR service.eligibility_description IS DISTINCT "
	    "FROM excluded.eligibility_description OR service.minimum_age IS "
	    "DISTINCT FROM excluded.minimum_age OR service.maximum_age IS "
	    "DISTINCT FROM excluded.maximum_age OR service.alert IS DISTINCT "
	    "FROM excluded.alert OR service.stage IS DISTINCT FROM "
	    "excluded.stage OR service.domains IS DISTINCT FROM "
	    "excluded.domains OR service.video IS DISTINCT FROM excluded.video "
	    "OR service.capacity_available IS DISTINCT FROM "
	    "excluded.capacity_available OR service.capacity_maximum IS "
	    "DISTINCT FROM excluded.capacity_maximum OR service.capacity_unit "
	    "IS DISTINCT FROM excluded.capacity_unit OR "
	    "service.capacity_updated_us IS DISTINCT FROM "
	    "excluded.capacity_updated_us OR service.response_days IS DISTINCT "
	    "FROM excluded.response_days OR service.shares IS DISTINCT FROM "
	    "excluded.shares OR service.search_key IS DISTINCT FROM "
	    "excluded.search_key");
	bind_text(st, 1, sv->id);
	bind_text(st, 2, sv->organization_id);
	bind_text(st, 3, sv->name);
	bind_text(st, 4, sv->alternate_name);
	bind_text(st, 5, sv->description);
	bind_text(st, 6, sv->url);
	bind_text(st, 7, sv->email);
	bind_text(st, 8, sv->status ? sv->status : "active");
	bind_text(st, 9, sv->interpretation_services);
	bind_text(st, 10, sv->application_process);
	bind_text(st, 11, sv->fees_description);
	bind_text(st, 12, sv->wait_time);
	bind_text(st, 13, sv->eligibility_description);
	bind_opt_int(st, 14, sv->has_minimum_age, sv->minimum_age);
	bind_opt_int(st, 15, sv->has_maximum_age, sv->maximum_age);
	bind_text(st, 16, sv->alert);
	bind_text(st, 17, sv->stage == STAGE_NONE ? NULL : stage_code(sv->stage));
	bind_text(st, 18, domains_to_text(&a, sv->domains));
	bind_int(st, 19, sv->video);
	bind_opt_int(st, 20, sv->has_capacity, sv->capacity_available);
	bind_opt_int(st, 21, sv->has_capacity && sv->capacity_maximum > 0,
	    sv->capacity_maximum);
	bind_text(st, 22, sv->has_capacity ? sv->capacity_unit : NULL);
	bind_us(st, 23, sv->has_capacity ? sv->capacity_updated_us : 0);
	bind_int(st, 24, sv->response_days > 0 ? sv->response_days : RESPONSE_DAYS_DEFAULT);
	bind_text(st, 25, categories_to_text(&a, sv->shares | CAT_BIT(CAT_BASIC)));
	bind_text(st, 26, service_search_key(&a, sv, org_name));
	bind_int(st, 27, sv->updated_us);
	bind_text(st, 28, sv->updated_by);
	rc = step_done(tx->conn, st, "service put");
	arena_free(&a);
	return rc;
}

int
store_tx_service_at_location_put(struct store_tx *tx, const struct service_at_location *sal)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO service_at_location (id, service_id, "
	    "location_id, description) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO UPDATE "
	    "SET service_id = excluded.service_id, location_id = excluded.location_id, "
	    "description = excluded.description "
	    "WHERE service_at_location.service_id IS DISTINCT FROM "
	    "excluded.service_id OR service_at_location.location_id IS DISTINCT "
	    "FROM excluded.location_id OR service_at_location.description IS "
	    "DISTINCT FROM excluded.description");

	bind_text(st, 1, sal->id);
	bind_text(st, 2, sal->service_id);
	bind_text(st, 3, sal->location_id);
	bind_text(st, 4, sal->description);
	return step_done(tx->conn, st, "service_at_location put");
}

int
store_tx_contact_put(struct store_tx *tx, const struct dir_contact *c)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO dir_contact (id, organization_id, "
	    "service_id, location_id, name, title, department, email) VALUES (?1, ?2, ?3, "
	    "?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET "
	    "organization_id = excluded.organization_id, service_id = excluded.service_id, "
	    "location_id = excluded.location_id, name = excluded.name, "
	    "title = excluded.title, department = excluded.department, "
	    "email = excluded.email "
	    "WHERE dir_contact.organization_id IS DISTINCT FROM "
	    "excluded.organization_id OR dir_contact.service_id IS DISTINCT "
	    "FROM excluded.service_id OR dir_contact.location_id IS DISTINCT "
	    "FROM excluded.location_id OR dir_contact.name IS DISTINCT FROM "
	    "excluded.name OR dir_contact.title IS DISTINCT FROM excluded.title "
	    "OR dir_contact.department IS DISTINCT FROM excluded.department OR "
	    "dir_contact.email IS DISTINCT FROM excluded.email");

	bind_text(st, 1, c->id);
	bind_text(st, 2, c->organization_id);
	bind_text(st, 3, c->service_id);
	bind_text(st, 4, c->location_id);
	bind_text(st, 5, c->name);
	bind_text(st, 6, c->title);
	bind_text(st, 7, c->department);
	bind_text(st, 8, c->email);
	return step_done(tx->conn, st, "dir_contact put");
}

int
store_tx_phone_put(struct store_tx *tx, const struct dir_phone *p)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO dir_phone (id, organization_id, "
	    "service_id, location_id, contact_id, number, extension, type, description) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO UPDATE SET "
	    "organization_id = excluded.organization_id, service_id = excluded.service_id, "
	    "location_id = excluded.location_id, contact_id = excluded.contact_id, "
	    "number = excluded.number, extension = excluded.extension, "
	    "type = excluded.type, description = excluded.description "
	    "WHERE dir_phone.organization_id IS DISTINCT FROM "
	    "excluded.organization_id OR dir_phone.service_id IS DISTINCT FROM "
	    "excluded.service_id OR dir_phone.location_id IS DISTINCT FROM "
	    "excluded.location_id OR dir_phone.contact_id IS DISTINCT FROM "
	    "excluded.contact_id OR dir_phone.number IS DISTINCT FROM "
	    "excluded.number OR dir_phone.extension IS DISTINCT FROM "
	    "excluded.extension OR dir_phone.type IS DISTINCT FROM "
	    "excluded.type OR dir_phone.description IS DISTINCT FROM "
	    "excluded.description");

	bind_text(st, 1, p->id);
	bind_text(st, 2, p->organization_id);
	bind_text(st, 3, p->service_id);
	bind_text(st, 4, p->location_id);
	bind_text(st, 5, p->contact_id);
	bind_text(st, 6, p->number);
	bind_text(st, 7, p->extension);
	bind_text(st, 8, p->type);
	bind_text(st, 9, p->description);
	return step_done(tx->conn, st, "dir_phone put");
}

int
store_tx_schedule_put(struct store_tx *tx, const struct dir_schedule *sc)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO dir_schedule (id, service_id, "
	    "location_id, service_at_location_id, freq, byday, opens_at, closes_at, "
	    "timezone, valid_from, valid_to, description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (id) DO UPDATE SET "
	    "service_id = excluded.service_id, location_id = excluded.location_id, "
	    "service_at_location_id = excluded.service_at_location_id, "
	    "freq = excluded.freq, byday = excluded.byday, opens_at = excluded.opens_at, "
	    "closes_at = excluded.closes_at, timezone = excluded.timezone, "
	    "valid_from = excluded.valid_from, valid_to = excluded.valid_to, "
	    "description = excluded.description "
	    "WHERE dir_schedule.service_id IS DISTINCT FROM excluded.service_id "
	    "OR dir_schedule.location_id IS DISTINCT FROM excluded.location_id "
	    "OR dir_schedule.service_at_location_id IS DISTINCT FROM "
	    "excluded.service_at_location_id OR dir_schedule.freq IS DISTINCT "
	    "FROM excluded.freq OR dir_schedule.byday IS DISTINCT FROM "
	    "excluded.byday OR dir_schedule.opens_at IS DISTINCT FROM "
	    "excluded.opens_at OR dir_schedule.closes_at IS DISTINCT FROM "
	    "excluded.closes_at OR dir_schedule.timezone IS DISTINCT FROM "
	    "excluded.timezone OR dir_schedule.valid_from IS DISTINCT FROM "
	    "excluded.valid_from OR dir_schedule.valid_to IS DISTINCT FROM "
	    "excluded.valid_to OR dir_schedule.description IS DISTINCT FROM "
	    "excluded.description");

	bind_text(st, 1, sc->id);
	bind_text(st, 2, sc->service_id);
	bind_text(st, 3, sc->location_id);
	bind_text(st, 4, sc->service_at_location_id);
	bind_text(st, 5, sc->freq);
	bind_text(st, 6, sc->byday);
	bind_text(st, 7, sc->opens_at);
	bind_text(st, 8, sc->closes_at);
	bind_text(st, 9, sc->timezone);
	bind_text(st, 10, sc->valid_from);
	bind_text(st, 11, sc->valid_to);
	bind_text(st, 12, sc->description);
	return step_done(tx->conn, st, "dir_schedule put");
}

int
store_tx_service_language_put(struct store_tx *tx, const struct service_language *l)
{
	struct stmt *st = STMT(tx->conn, "INSERT INTO service_language (service_id, code, "
	    "id, name) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (service_id, code) DO UPDATE "
	    "SET id = excluded.id, name = excluded.name "
	    "WHERE service_language.id IS DISTINCT FROM excluded.id OR "
	    "service_language.name IS DISTINCT FROM excluded.name");

	bind_text(st, 1, l->service_id);
	bind_text(st, 2, l->code);
	bind_text(st, 3, l->id);
	bind_text(st, 4, l->name);
	return step_done(tx->conn, st, "service_language put");
}

/* Reads */

#define SERVICE_COLUMNS "s.id, s.organization_id, s.name, s.alternate_name, " \
	"s.description, s.url, s.email, s.status, s.interpretation_services, " \
	"s.application_process, s.fees_description, s.wait_time, " \
	"s.eligibility_description, s.minimum_age, s.maximum_age, s.alert, s.stage, " \
	"s.domains, s.video, s.capacity_available, s.capacity_maximum, s.capacity_unit, " \
	"s.capacity_updated_us, s.response_days, s.shares, s.version, s.updated_us, " \
	"s.updated_by, o.name, o.managed_by, o.website"

/* Reads a row of SERVICE_COLUMNS into x. */
static void
read_service(struct arena *a, struct stmt *st, void *row)
{
	struct service *x = row;
	const char *stage;

	x->id = col_text(a, st, 0);
	x->organization_id = col_text(a, st, 1);
	x->name = col_text(a, st, 2);
	x->alternate_name = col_text(a, st, 3);
	x->description = col_text(a, st, 4);
	x->url = col_text(a, st, 5);
	x->email = col_text(a, st, 6);
	x->status = col_text(a, st, 7);
	x->interpretation_services = col_text(a, st, 8);
	x->application_process = col_text(a, st, 9);
	x->fees_description = col_text(a, st, 10);
	x->wait_time = col_text(a, st, 11);
	x->eligibility_description = col_text(a, st, 12);
	x->has_minimum_age = !col_null(st, 13);
	x->minimum_age = (int)col_int(st, 13);
	x->has_maximum_age = !col_null(st, 14);
	x->maximum_age = (int)col_int(st, 14);
	x->alert = col_text(a, st, 15);
	stage = col_cstr(st, 16);
	if (stage == NULL || !stage_parse(stage, &x->stage))
		x->stage = STAGE_NONE;
	if (!domains_parse(col_cstr(st, 17), &x->domains))
		x->domains = 0;
	x->video = col_int(st, 18) != 0;
	x->has_capacity = !col_null(st, 19);
	x->capacity_available = (int)col_int(st, 19);
	x->capacity_maximum = (int)col_int(st, 20);
	x->capacity_unit = col_text(a, st, 21);
	x->capacity_updated_us = col_int(st, 22);
	x->response_days = (int)col_int(st, 23);
	if (!categories_parse(col_cstr(st, 24), &x->shares))
		x->shares = CAT_BIT(CAT_BASIC);
	x->version = col_int(st, 25);
	x->updated_us = col_int(st, 26);
	x->updated_by = col_text(a, st, 27);
	x->organization_name = col_text(a, st, 28);
	x->managed_by = col_text(a, st, 29);
	x->organization_website = col_text(a, st, 30);
}

static int
service_get(struct conn *c, struct arena *a, const char *id, struct service *out)
{
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " SERVICE_COLUMNS " FROM service s "
	    "JOIN dir_organization o ON o.id = s.organization_id WHERE s.id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "service get")) != 0)
		return rc;
	read_service(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_service_get(struct store *s, struct arena *a, const char *id, struct service *out)
{
	return service_get(store_reader(s), a, id, out);
}

int
store_tx_service_get(struct store_tx *tx, struct arena *a, const char *id,
    struct service *out)
{
	return service_get(tx->conn, a, id, out);
}

int
store_services_all(struct store *s, struct arena *a, struct service **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " SERVICE_COLUMNS " FROM service s "
	    "JOIN dir_organization o ON o.id = s.organization_id ORDER BY s.id");
	rc = rows_collect(st, a, 64, sizeof(**out), read_service, &rows, n, __func__,
	    "services all");
	*out = rows;
	return rc;
}

static int
dir_org_get(struct conn *c, struct arena *a, const char *id, struct dir_org *out)
{
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT id, name, alternate_name, description, email, website, "
	    "managed_by, version, updated_us FROM dir_organization WHERE id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "dir_organization get")) != 0)
		return rc;
	out->id = col_text(a, st, 0);
	out->name = col_text(a, st, 1);
	out->alternate_name = col_text(a, st, 2);
	out->description = col_text(a, st, 3);
	out->email = col_text(a, st, 4);
	out->website = col_text(a, st, 5);
	out->managed_by = col_text(a, st, 6);
	out->version = col_int(st, 7);
	out->updated_us = col_int(st, 8);
	stmt_reset(st);
	return 0;
}

int
store_dir_org_get(struct store *s, struct arena *a, const char *id, struct dir_org *out)
{
	return dir_org_get(store_reader(s), a, id, out);
}

int
store_tx_dir_org_get(struct store_tx *tx, struct arena *a, const char *id,
    struct dir_org *out)
{
	return dir_org_get(tx->conn, a, id, out);
}

/* The time zones the opening hours use, and "UTC" for slots without one:
 * a skip scan over dir_schedule_zone (one index seek per zone, however
 * many slots there are). Up to max. */
static int
schedule_zones(struct conn *c, struct arena *a, const char **zones, size_t max, size_t *n)
{
	struct stmt *st = STMT(c, "WITH RECURSIVE z(tz) AS (SELECT min(timezone) FROM "
	    "dir_schedule UNION ALL SELECT (SELECT min(d.timezone) FROM dir_schedule d "
	    "WHERE d.timezone > z.tz) FROM z WHERE z.tz IS NOT NULL) "
	    "SELECT tz FROM z WHERE tz IS NOT NULL LIMIT 64");
	int rc;

	*n = 0;
	zones[(*n)++] = "UTC";
	while ((rc = stmt_step(st, "schedule zones")) == STMT_ROW)
		if (*n < max && strcmp(col_cstr(st, 0), "UTC") != 0)
			zones[(*n)++] = col_text(a, st, 0);
	stmt_reset(st);
	return step_end(rc);
}

int
store_services_search(struct store *s, struct arena *a, const struct service_query *q,
    struct service **out, size_t *n, bool *more)
{
	struct conn *c = store_reader(s);
	struct open_slot slots[OPEN_SLOTS];
	const char *zones[65];
	struct stmt *st;
	char domain[64];
	void *rows;
	size_t nzones;
	int i, nslots = 0, rc, limit = q->limit < 1 ? 1 : q->limit > 200 ? 200 : q->limit;

	*n = 0;
	*more = false;
	*out = NULL;
	if (c == NULL)
		return ERR_DB;
	if (q->open_now) {
		if ((rc = schedule_zones(c, a, zones, 65, &nzones)) != 0)
			return rc;
		if ((nslots = open_slots(a, zones, nzones, q->now, slots)) < 0) {
			return db_error(c, ERR_DB, "open now: more local times than OPEN_SLOTS");
		}
	}
	/* Open now: a weekly slot in one of a group of zones that share their
	 * local day and time (?15..?46, four per group), open by the rule in
	 * core/directory.h: on its day from opens_at to closes_at (or to the
	 * end of the day, or past midnight), or in the early hours of the
	 * next day for a slot that runs past midnight. */
#define OPEN_SLOT(z, d, p, t) "(replace(" z ", '|' || coalesce(sc.timezone, 'UTC') || " \
	"'|', '') <> " z " AND ((sc.byday = " d " AND sc.opens_at <= " t " AND " \
	"(sc.closes_at > " t " OR sc.closes_at <= sc.opens_at OR sc.closes_at = '23:59')) " \
	"OR (sc.byday = " p " AND sc.closes_at < sc.opens_at AND sc.closes_at > " t ")))"
	st = STMT(c, "SELECT " SERVICE_COLUMNS " FROM service s "
	    "JOIN dir_organization o ON o.id = s.organization_id WHERE "
	    "(CAST(?1 AS TEXT) IS NULL OR s.search_key LIKE ?1 ESCAPE '\\') AND "
	    "(CAST(?2 AS TEXT) IS NULL OR s.search_key LIKE ?2 ESCAPE '\\') AND "
	    "(CAST(?3 AS TEXT) IS NULL OR s.search_key LIKE ?3 ESCAPE '\\') AND "
	    "(CAST(?4 AS TEXT) IS NULL OR s.search_key LIKE ?4 ESCAPE '\\') AND "
	    "(CAST(?5 AS TEXT) IS NULL OR s.stage = ?5) AND "
	    "(CAST(?6 AS TEXT) IS NULL OR s.domains LIKE ?6) AND "
	    "(CAST(?7 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM service_language l "
	    "WHERE l.service_id = s.id AND l.code = ?7)) AND "
	    "(?8 = 0 OR s.video = 1) AND "
	    "(?9 = 0 OR s.capacity_available > 0) AND "
	    "(?10 = 1 OR s.status IN ('active', 'temporarily closed')) AND "
	    "(CAST(?11 AS TEXT) IS NULL OR s.name > ?11 OR (s.name = ?11 AND s.id > ?12)) AND "
	    "(?14 = 0 OR EXISTS (SELECT 1 FROM dir_schedule sc WHERE sc.service_id = s.id "
	    "AND sc.freq = 'WEEKLY' AND ("
	    OPEN_SLOT("?15", "?16", "?17", "?18") " OR " OPEN_SLOT("?19", "?20", "?21", "?22")
	    " OR " OPEN_SLOT("?23", "?24", "?25", "?26") " OR "
	    OPEN_SLOT("?27", "?28", "?29", "?30") " OR " OPEN_SLOT("?31", "?32", "?33", "?34")
	    " OR " OPEN_SLOT("?35", "?36", "?37", "?38") " OR "
	    OPEN_SLOT("?39", "?40", "?41", "?42") " OR " OPEN_SLOT("?43", "?44", "?45", "?46")
	    "))) ORDER BY s.name, s.id LIMIT ?13");
#undef OPEN_SLOT
	for (i = 0; i < SERVICE_QUERY_WORDS; i++)
		bind_text(st, i + 1, q->words[i] && q->words[i][0] ?
		    like_pattern(a, q->words[i]) : NULL);
	bind_text(st, 5, q->stage == STAGE_NONE ? NULL : stage_code(q->stage));
	if (q->domain >= 0 && q->domain < DOM_COUNT) {
		snprintf(domain, sizeof(domain), "%%,%s,%%", domain_code((enum domain)q->domain));
		bind_text(st, 6, domain);
	} else {
		bind_text(st, 6, NULL);
	}
	bind_text(st, 7, q->lang);
	bind_int(st, 8, q->video_only);
	bind_int(st, 9, q->capacity_only);
	bind_int(st, 10, q->include_inactive);
	bind_text(st, 11, q->after_name ? q->after_name : NULL);
	bind_text(st, 12, q->after_name ? (q->after_id ? q->after_id : "") : NULL);
	bind_int(st, 13, limit + 1);
	bind_int(st, 14, q->open_now);
	for (i = 0; i < OPEN_SLOTS; i++) {
		bind_text(st, 15 + 4 * i, i < nslots ? slots[i].zones : NULL);
		bind_text(st, 16 + 4 * i, i < nslots ? slots[i].day : NULL);
		bind_text(st, 17 + 4 * i, i < nslots ? slots[i].prev : NULL);
		bind_text(st, 18 + 4 * i, i < nslots ? slots[i].time : NULL);
	}
	rc = rows_collect(st, a, 16, sizeof(**out), read_service, &rows, n, __func__,
	    "services search");
	*out = rows;
	if (rc == 0 && *n > (size_t)limit) {
		*n = (size_t)limit;
		*more = true;
	}
	return rc;
}

/* Details */

static void
read_location(struct arena *a, struct stmt *st, void *row)
{
	struct dir_location *x = row;

	x->id = col_text(a, st, 0);
	x->organization_id = col_text(a, st, 1);
	x->name = col_text(a, st, 2);
	x->description = col_text(a, st, 3);
	x->transportation = col_text(a, st, 4);
	x->has_position = !col_null(st, 5) && !col_null(st, 6);
	x->latitude = col_double(st, 5);
	x->longitude = col_double(st, 6);
	x->address_1 = col_text(a, st, 7);
	x->address_2 = col_text(a, st, 8);
	x->city = col_text(a, st, 9);
	x->region = col_text(a, st, 10);
	x->state_province = col_text(a, st, 11);
	x->postal_code = col_text(a, st, 12);
	x->country = col_text(a, st, 13);
	x->updated_us = col_int(st, 14);
}

static void
read_phone(struct arena *a, struct stmt *st, void *row)
{
	struct dir_phone *x = row;

	x->id = col_text(a, st, 0);
	x->service_id = col_text(a, st, 1);
	x->location_id = col_text(a, st, 2);
	x->number = col_text(a, st, 3);
	x->extension = col_text(a, st, 4);
	x->type = col_text(a, st, 5);
	x->description = col_text(a, st, 6);
}

static void
read_schedule(struct arena *a, struct stmt *st, void *row)
{
	struct dir_schedule *x = row;

	x->id = col_text(a, st, 0);
	x->service_id = col_text(a, st, 1);
	x->location_id = col_text(a, st, 2);
	x->freq = col_text(a, st, 3);
	x->byday = col_text(a, st, 4);
	x->opens_at = col_text(a, st, 5);
	x->closes_at = col_text(a, st, 6);
	x->timezone = col_text(a, st, 7);
	x->description = col_text(a, st, 8);
}

static void
read_language(struct arena *a, struct stmt *st, void *row)
{
	struct service_language *x = row;

	x->service_id = col_text(a, st, 0);
	x->code = col_text(a, st, 1);
	x->id = col_text(a, st, 2);
	x->name = col_text(a, st, 3);
}

static void
read_contact(struct arena *a, struct stmt *st, void *row)
{
	struct dir_contact *x = row;

	x->id = col_text(a, st, 0);
	x->service_id = col_text(a, st, 1);
	x->name = col_text(a, st, 2);
	x->title = col_text(a, st, 3);
	x->department = col_text(a, st, 4);
	x->email = col_text(a, st, 5);
}

/* A page of services reads their details together: each detail table once
 * for up to DETAIL_BATCH services, their ids bound to ?1..?20 (the unused
 * ones NULL, which match nothing), the rows then handed out to their
 * services in the order the query gave them. */
#define DETAIL_BATCH 20
#define BATCH_IDS "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, " \
	"?15, ?16, ?17, ?18, ?19, ?20)"

/* A location with the service it was found for (service_at_location). */
struct located {
	struct dir_location l;
	const char *service_id;
};

static void
read_located(struct arena *a, struct stmt *st, void *row)
{
	struct located *x = row;

	read_location(a, st, &x->l);
	x->service_id = col_text(a, st, 15);
}

/* How one detail table's rows go out: a row read is size bytes with its
 * service id at id_off; the item_size bytes at item_off go to the array
 * at arr_off in struct service_detail, counted at cnt_off. */
struct spread {
	size_t size, id_off, item_off, item_size, arr_off, cnt_off;
	size_t cap;
	void (*read)(struct arena *a, struct stmt *st, void *row);
	const char *what;
};

#define SPREAD(type, member, items, count, reader, label) { sizeof(type), \
	offsetof(type, service_id), offsetof(type, member), sizeof(((type *)0)->member), \
	offsetof(struct service_detail, items), offsetof(struct service_detail, count), \
	16, reader, label }
#define SPREAD_SELF(type, items, count, reader, label) { sizeof(type), \
	offsetof(type, service_id), 0, sizeof(type), \
	offsetof(struct service_detail, items), offsetof(struct service_detail, count), \
	16, reader, label }

static const struct spread spread_locations = SPREAD(struct located, l, locations,
    nlocations, read_located, "service locations");
static const struct spread spread_phones = SPREAD_SELF(struct dir_phone, phones, nphones,
    read_phone, "service phones");
static const struct spread spread_schedules = SPREAD_SELF(struct dir_schedule, schedules,
    nschedules, read_schedule, "service schedules");
static const struct spread spread_languages = SPREAD_SELF(struct service_language,
    languages, nlanguages, read_language, "service languages");
static const struct spread spread_contacts = SPREAD_SELF(struct dir_contact, contacts,
    ncontacts, read_contact, "service contacts");

/* Which of the n services (at most DETAIL_BATCH) a row is for; n if none. */
static size_t
owner_of(const struct service *svs, size_t n, const char *service_id)
{
	size_t i;

	for (i = 0; service_id != NULL && i < n; i++)
		if (strcmp(svs[i].id, service_id) == 0)
			return i;
	return n;
}

/* Runs st for the n services and hands its rows out to out[0..n). */
static int
batch_read(struct arena *a, struct stmt *st, const struct spread *sp,
    const struct service *svs, size_t n, struct service_detail *out)
{
	size_t counts[DETAIL_BATCH] = {0}, nrows = 0, i, k;
	char *rows;
	void *got;
	int rc;

	for (i = 0; i < DETAIL_BATCH; i++)
		if (i < n)
			bind_text(st, (int)i + 1, svs[i].id);
		else
			bind_null(st, (int)i + 1);
	rc = rows_collect(st, a, sp->cap, sp->size, sp->read, &got, &nrows, __func__, sp->what);
	if (rc != 0)
		return rc;
	rows = got;
	for (k = 0; k < nrows; k++) {
		i = owner_of(svs, n, *(const char **)(rows + k * sp->size + sp->id_off));
		if (i < n)
			counts[i]++;
	}
	for (i = 0; i < n; i++) {
		char *o = (char *)&out[i];

		*(void **)(o + sp->arr_off) = counts[i] > 0 ?
		    arena_alloc(a, counts[i] * sp->item_size) : NULL;
		*(size_t *)(o + sp->cnt_off) = 0;
	}
	for (k = 0; k < nrows; k++) {
		const char *row = rows + k * sp->size;
		char *o;
		size_t *cnt;

		if ((i = owner_of(svs, n, *(const char **)(row + sp->id_off))) == n)
			continue;
		o = (char *)&out[i];
		cnt = (size_t *)(o + sp->cnt_off);
		memcpy(*(char **)(o + sp->arr_off) + *cnt * sp->item_size, row + sp->item_off,
		    sp->item_size);
		(*cnt)++;
	}
	return 0;
}

/* Up to DETAIL_BATCH services: every detail, or only the languages. */
static int
details_batch(struct conn *c, struct arena *a, const struct service *svs, size_t n,
    bool all, struct service_detail *out)
{
	int rc;

	if (all) {
		rc = batch_read(a, STMT(c, "SELECT l.id, l.organization_id, l.name, "
		    "l.description, l.transportation, l.latitude, l.longitude, l.address_1, "
		    "l.address_2, l.city, l.region, l.state_province, l.postal_code, l.country, "
		    "l.updated_us, sal.service_id FROM service_at_location sal "
		    "JOIN dir_location l ON l.id = sal.location_id "
		    "WHERE sal.service_id IN " BATCH_IDS " ORDER BY l.name, l.id"),
		    &spread_locations, svs, n, out);
		if (rc != 0)
			return rc;
		rc = batch_read(a, STMT(c, "SELECT id, service_id, location_id, number, "
		    "extension, type, description FROM dir_phone WHERE service_id IN "
		    BATCH_IDS " ORDER BY id"), &spread_phones, svs, n, out);
		if (rc != 0)
			return rc;
		/* By weekday (MO first), then time. */
		rc = batch_read(a, STMT(c, "SELECT id, service_id, location_id, freq, byday, "
		    "opens_at, closes_at, timezone, description FROM dir_schedule "
		    "WHERE service_id IN " BATCH_IDS " ORDER BY "
		    "CASE byday WHEN 'MO' THEN 1 WHEN 'TU' THEN 2 WHEN 'WE' THEN 3 "
		    "WHEN 'TH' THEN 4 WHEN 'FR' THEN 5 WHEN 'SA' THEN 6 WHEN 'SU' THEN 7 "
		    "ELSE 8 END, opens_at, id"), &spread_schedules, svs, n, out);
		if (rc != 0)
			return rc;
		rc = batch_read(a, STMT(c, "SELECT id, service_id, name, title, department, "
		    "email FROM dir_contact WHERE service_id IN " BATCH_IDS
		    " ORDER BY name, id"), &spread_contacts, svs, n, out);
		if (rc != 0)
			return rc;
	}
	return batch_read(a, STMT(c, "SELECT service_id, code, id, name FROM "
	    "service_language WHERE service_id IN " BATCH_IDS " ORDER BY code"),
	    &spread_languages, svs, n, out);
}

static int
details(struct store *s, struct arena *a, const struct service *svs, size_t n, bool all,
    struct service_detail *out)
{
	struct conn *c = store_reader(s);
	size_t i;
	int rc;

	memset(out, 0, n * sizeof(*out));
	if (c == NULL)
		return ERR_DB;
	for (i = 0; i < n; i += DETAIL_BATCH)
		if ((rc = details_batch(c, a, svs + i, n - i < DETAIL_BATCH ? n - i :
		    DETAIL_BATCH, all, out + i)) != 0)
			return rc;
	return 0;
}

int
store_services_details(struct store *s, struct arena *a, const struct service *svs,
    size_t n, struct service_detail *out)
{
	return details(s, a, svs, n, true, out);
}

int
store_services_languages(struct store *s, struct arena *a, const struct service *svs,
    size_t n, struct service_detail *out)
{
	return details(s, a, svs, n, false, out);
}

int
store_service_detail(struct store *s, struct arena *a, const char *id,
    struct service_detail *out)
{
	struct service one = {.id = id};

	return details(s, a, &one, 1, true, out);
}

/* Management */

static void
read_dir_org(struct arena *a, struct stmt *st, void *row)
{
	struct dir_org *out = row;

	out->id = col_text(a, st, 0);
	out->name = col_text(a, st, 1);
	out->alternate_name = col_text(a, st, 2);
	out->description = col_text(a, st, 3);
	out->email = col_text(a, st, 4);
	out->website = col_text(a, st, 5);
	out->managed_by = col_text(a, st, 6);
	out->version = col_int(st, 7);
	out->updated_us = col_int(st, 8);
}

int
store_dir_orgs_managed(struct store *s, struct arena *a, const char *org_id,
    struct dir_org **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	*out = NULL;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT id, name, alternate_name, description, email, website, "
	    "managed_by, version, updated_us FROM dir_organization WHERE managed_by = ?1 "
	    "ORDER BY name, id");
	bind_text(st, 1, org_id);
	rc = rows_collect(st, a, 2, sizeof(**out), read_dir_org, &rows, n, __func__,
	    "managed directory organisations");
	*out = rows;
	return rc;
}

int
store_services_managed(struct store *s, struct arena *a, const char *org_id,
    struct service **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*n = 0;
	*out = NULL;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " SERVICE_COLUMNS " FROM service s "
	    "JOIN dir_organization o ON o.id = s.organization_id WHERE o.managed_by = ?1 "
	    "ORDER BY s.name, s.id");
	bind_text(st, 1, org_id);
	rc = rows_collect(st, a, 8, sizeof(**out), read_service, &rows, n, __func__,
	    "managed services");
	*out = rows;
	return rc;
}

/* The name of directory organisation id if org_id runs it. */
static int
managed_org_name(struct store_tx *tx, struct arena *a, const char *org_id,
    const char *dir_org_id, const char **name)
{
	struct stmt *st = STMT(tx->conn, "SELECT name FROM dir_organization WHERE id = ?1 "
	    "AND managed_by = ?2");
	int rc;

	bind_text(st, 1, dir_org_id);
	bind_text(st, 2, org_id);
	if ((rc = step_row(tx->conn, st, "managed organisation")) != 0)
		return rc;
	*name = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

/* Replaces the languages and the service-wide weekly hours of a service. */
static int
replace_languages_hours(struct store_tx *tx, const char *id,
    const struct service_language *langs, size_t nlangs,
    const struct dir_schedule *hours, size_t nhours)
{
	struct stmt *st = STMT(tx->conn, "DELETE FROM service_language WHERE service_id = ?1");
	size_t i;
	int rc;

	bind_text(st, 1, id);
	if ((rc = step_done(tx->conn, st, "service languages clear")) != 0)
		return rc;
	st = STMT(tx->conn, "DELETE FROM dir_schedule WHERE service_id = ?1 AND "
	    "location_id IS NULL AND service_at_location_id IS NULL AND freq = 'WEEKLY'");
	bind_text(st, 1, id);
	if ((rc = step_done(tx->conn, st, "service hours clear")) != 0)
		return rc;
	for (i = 0; rc == 0 && i < nlangs; i++)
		rc = store_tx_service_language_put(tx, &langs[i]);
	for (i = 0; rc == 0 && i < nhours; i++)
		rc = store_tx_schedule_put(tx, &hours[i]);
	return rc;
}

int
store_tx_service_create(struct store_tx *tx, const char *org_id, const struct service *sv,
    const struct service_language *langs, size_t nlangs,
    const struct dir_schedule *hours, size_t nhours)
{
	struct arena a = ARENA_INIT;
	const char *name;
	int rc = managed_org_name(tx, &a, org_id, sv->organization_id, &name);

	if (rc == 0)
		rc = store_tx_service_put(tx, sv);
	if (rc == 0)
		rc = replace_languages_hours(tx, sv->id, langs, nlangs, hours, nhours);
	arena_free(&a);
	return rc;
}

int
store_tx_service_update(struct store_tx *tx, const char *org_id, struct service *sv,
    int64_t from_version, const struct service_language *langs, size_t nlangs,
    const struct dir_schedule *hours, size_t nhours)
{
	struct conn *c = tx->conn;
	struct arena a = ARENA_INIT;
	const char *org_name;
	struct stmt *st;
	int rc;

	/* The service, of an organisation org_id runs, at the version the
	 * form started from. */
	st = STMT(c, "SELECT s.version, o.name FROM service s JOIN dir_organization o "
	    "ON o.id = s.organization_id WHERE s.id = ?1 AND o.managed_by = ?2");
	bind_text(st, 1, sv->id);
	bind_text(st, 2, org_id);
	if ((rc = step_row(c, st, "service find")) != 0)
		goto out;
	if (col_int(st, 0) != from_version)
		rc = ERR_CONFLICT;
	org_name = col_text(&a, st, 1);
	stmt_reset(st);
	if (rc != 0)
		goto out;
	st = STMT(c, "UPDATE service SET name = ?2, alternate_name = ?3, description = ?4, "
	    "url = ?5, email = ?6, status = ?7, application_process = ?8, "
	    "fees_description = ?9, eligibility_description = ?10, stage = ?11, "
	    "domains = ?12, video = ?13, capacity_maximum = ?14, capacity_unit = ?15, "
	    "capacity_available = CASE WHEN ?14 IS NOT NULL AND capacity_available > ?14 "
	    "THEN ?14 ELSE capacity_available END, "
	    "response_days = ?16, shares = ?17, search_key = ?18, updated_us = ?19, "
	    "updated_by = ?20, version = version + 1 WHERE id = ?1 AND version = ?21");
	bind_text(st, 1, sv->id);
	bind_text(st, 2, sv->name);
	bind_text(st, 3, sv->alternate_name);
	bind_text(st, 4, sv->description);
	bind_text(st, 5, sv->url);
	bind_text(st, 6, sv->email);
	bind_text(st, 7, sv->status ? sv->status : "active");
	bind_text(st, 8, sv->application_process);
	bind_text(st, 9, sv->fees_description);
	bind_text(st, 10, sv->eligibility_description);
	bind_text(st, 11, sv->stage == STAGE_NONE ? NULL : stage_code(sv->stage));
	bind_text(st, 12, domains_to_text(&a, sv->domains));
	bind_int(st, 13, sv->video);
	bind_opt_int(st, 14, sv->capacity_maximum > 0, sv->capacity_maximum);
	bind_text(st, 15, sv->capacity_unit);
	bind_int(st, 16, sv->response_days > 0 ? sv->response_days : RESPONSE_DAYS_DEFAULT);
	bind_text(st, 17, categories_to_text(&a, sv->shares | CAT_BIT(CAT_BASIC)));
	bind_text(st, 18, service_search_key(&a, sv, org_name));
	bind_int(st, 19, sv->updated_us);
	bind_text(st, 20, sv->updated_by);
	bind_int(st, 21, from_version);
	if ((rc = step_changed(c, st, "service update")) != 0) {
		if (rc == ERR_NOT_FOUND)
			rc = ERR_CONFLICT;       /* changed between the two statements */
		goto out;
	}
	sv->version = from_version + 1;
	rc = replace_languages_hours(tx, sv->id, langs, nlangs, hours, nhours);
out:
	arena_free(&a);
	return rc;
}

int
store_tx_capacity_update(struct store_tx *tx, const char *org_id, const char *id,
    bool set, int value, int64_t now, int *available)
{
	struct conn *c = tx->conn;
	struct stmt *st;
	int rc;

#define NEW_COUNT "(CASE WHEN ?5 = 1 THEN ?3 ELSE coalesce(capacity_available, 0) + ?3 END)"
	st = STMT(c, "UPDATE service SET capacity_available = CASE "
	    "WHEN " NEW_COUNT " < 0 THEN 0 "
	    "WHEN capacity_maximum IS NOT NULL AND " NEW_COUNT " > capacity_maximum "
	    "THEN capacity_maximum ELSE " NEW_COUNT " END, capacity_updated_us = ?4 "
	    "WHERE id = ?1 AND organization_id IN "
	    "(SELECT id FROM dir_organization WHERE managed_by = ?2) "
	    "RETURNING capacity_available");
#undef NEW_COUNT
	bind_text(st, 1, id);
	bind_text(st, 2, org_id);
	bind_int(st, 3, value);
	bind_int(st, 4, now);
	bind_int(st, 5, set);
	if ((rc = step_row(c, st, "capacity update")) != 0)
		return rc;
	*available = (int)col_int(st, 0);
	stmt_reset(st);
	return 0;
}

/* The whole directory at once (the FHIR API searches it) */

/* The services' ids in strcmp order, each with its place in svs, for
 * finding the service a row is for. */
struct service_key {
	const char *id;
	size_t i;
};

static int
by_service_id(const void *a, const void *b)
{
	return strcmp(((const struct service_key *)a)->id, ((const struct service_key *)b)->id);
}

static size_t
find_service(const struct service_key *idx, size_t n, const char *id)
{
	size_t lo = 0, hi = n;

	while (id != NULL && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(idx[mid].id, id);

		if (c == 0)
			return idx[mid].i;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return n;
}

/* Every row of st handed out to the services it is for, as batch_read()
 * does for a page. */
static int
spread_all(struct arena *a, struct stmt *st, const struct spread *sp,
    const struct service_key *idx, size_t n, struct service_detail *out)
{
	size_t nrows = 0, i, k, *owner, *counts;
	char *rows;
	void *got;
	int rc;

	rc = rows_collect(st, a, 256, sp->size, sp->read, &got, &nrows, __func__, sp->what);
	if (rc != 0)
		return rc;
	rows = got;
	owner = arena_alloc(a, (nrows + 1) * sizeof(*owner));
	counts = arena_alloc(a, (n + 1) * sizeof(*counts));
	memset(counts, 0, (n + 1) * sizeof(*counts));
	for (k = 0; k < nrows; k++) {
		owner[k] = find_service(idx, n,
		    *(const char **)(rows + k * sp->size + sp->id_off));
		counts[owner[k]]++;
	}
	for (i = 0; i < n; i++) {
		char *o = (char *)&out[i];

		*(void **)(o + sp->arr_off) = counts[i] > 0 ?
		    arena_alloc(a, counts[i] * sp->item_size) : NULL;
		*(size_t *)(o + sp->cnt_off) = 0;
	}
	for (k = 0; k < nrows; k++) {
		char *o;
		size_t *cnt;

		if (owner[k] == n)
			continue;
		o = (char *)&out[owner[k]];
		cnt = (size_t *)(o + sp->cnt_off);
		memcpy(*(char **)(o + sp->arr_off) + *cnt * sp->item_size,
		    rows + k * sp->size + sp->item_off, sp->item_size);
		(*cnt)++;
	}
	return 0;
}

int
store_services_details_all(struct store *s, struct arena *a, const struct service *svs,
    size_t n, struct service_detail *out)
{
	struct conn *c = store_reader(s);
	struct service_key *idx;
	size_t i;
	int rc;

	memset(out, 0, n * sizeof(*out));
	if (c == NULL)
		return ERR_DB;
	idx = arena_alloc(a, (n + 1) * sizeof(*idx));
	for (i = 0; i < n; i++) {
		idx[i].id = svs[i].id;
		idx[i].i = i;
	}
	qsort(idx, n, sizeof(*idx), by_service_id);
	rc = spread_all(a, STMT(c, "SELECT l.id, l.organization_id, l.name, "
	    "l.description, l.transportation, l.latitude, l.longitude, l.address_1, "
	    "l.address_2, l.city, l.region, l.state_province, l.postal_code, l.country, "
	    "l.updated_us, sal.service_id FROM service_at_location sal "
	    "JOIN dir_location l ON l.id = sal.location_id ORDER BY l.name, l.id"),
	    &spread_locations, idx, n, out);
	if (rc == 0)
		rc = spread_all(a, STMT(c, "SELECT id, service_id, location_id, number, "
		    "extension, type, description FROM dir_phone WHERE service_id IS NOT NULL "
		    "ORDER BY id"), &spread_phones, idx, n, out);
	if (rc == 0)
		rc = spread_all(a, STMT(c, "SELECT id, service_id, location_id, freq, byday, "
		    "opens_at, closes_at, timezone, description FROM dir_schedule "
		    "WHERE service_id IS NOT NULL ORDER BY "
		    "CASE byday WHEN 'MO' THEN 1 WHEN 'TU' THEN 2 WHEN 'WE' THEN 3 "
		    "WHEN 'TH' THEN 4 WHEN 'FR' THEN 5 WHEN 'SA' THEN 6 WHEN 'SU' THEN 7 "
		    "ELSE 8 END, opens_at, id"), &spread_schedules, idx, n, out);
	if (rc == 0)
		rc = spread_all(a, STMT(c, "SELECT id, service_id, name, title, department, "
		    "email FROM dir_contact WHERE service_id IS NOT NULL ORDER BY name, id"),
		    &spread_contacts, idx, n, out);
	if (rc == 0)
		rc = spread_all(a, STMT(c, "SELECT service_id, code, id, name FROM "
		    "service_language ORDER BY code"), &spread_languages, idx, n, out);
	return rc;
}

static void
read_location_row(struct arena *a, struct stmt *st, void *row)
{
	read_location(a, st, row);
}

#define LOCATION_COLUMNS "id, organization_id, name, description, transportation, " \
	"latitude, longitude, address_1, address_2, city, region, state_province, " \
	"postal_code, country, updated_us"

int
store_locations_all(struct store *s, struct arena *a, struct dir_location **out,
    size_t *n)
{
	struct conn *c = store_reader(s);
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	rc = rows_collect(STMT(c, "SELECT " LOCATION_COLUMNS " FROM dir_location ORDER BY id"),
	    a, 64, sizeof(**out), read_location_row, &rows, n, __func__, "locations all");
	*out = rows;
	return rc;
}

int
store_location_get(struct store *s, struct arena *a, const char *id,
    struct dir_location *out)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " LOCATION_COLUMNS " FROM dir_location WHERE id = ?1");
	bind_text(st, 1, id);
	if ((rc = step_row(c, st, "location get")) != 0)
		return rc;
	read_location(a, st, out);
	stmt_reset(st);
	return 0;
}

int
store_dir_orgs_all(struct store *s, struct arena *a, struct dir_org **out, size_t *n)
{
	struct conn *c = store_reader(s);
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	rc = rows_collect(STMT(c, "SELECT id, name, alternate_name, description, email, "
	    "website, managed_by, version, updated_us FROM dir_organization ORDER BY id"),
	    a, 64, sizeof(**out), read_dir_org, &rows, n, __func__, "directory organisations");
	*out = rows;
	return rc;
}

int
store_services_where(struct store *s, struct arena *a, const struct dir_where *w,
    struct service **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " SERVICE_COLUMNS " FROM service s "
	    "JOIN dir_organization o ON o.id = s.organization_id WHERE "
	    "(CAST(?1 AS TEXT) IS NULL OR s.id = ?1) AND "
	    "(CAST(?2 AS TEXT) IS NULL OR s.organization_id = ?2) AND "
	    "(CAST(?3 AS TEXT) IS NULL OR s.stage = ?3) AND "
	    "(CAST(?4 AS TEXT) IS NULL OR s.domains LIKE ?4) AND "
	    "(CAST(?5 AS TEXT) IS NULL OR lower(s.name) LIKE lower(?5) ESCAPE '\\') "
	    "ORDER BY s.id");
	bind_text(st, 1, w->id);
	bind_text(st, 2, w->organization_id);
	bind_text(st, 3, w->stage);
	bind_text(st, 4, w->domain ? arena_printf(a, "%%,%s,%%", w->domain) : NULL);
	bind_text(st, 5, w->name ? like_pattern(a, w->name) : NULL);
	rc = rows_collect(st, a, 64, sizeof(**out), read_service, &rows, n, __func__,
	    "services where");
	*out = rows;
	return rc;
}

int
store_locations_where(struct store *s, struct arena *a, const struct dir_where *w,
    struct dir_location **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT " LOCATION_COLUMNS " FROM dir_location WHERE "
	    "(CAST(?1 AS TEXT) IS NULL OR id = ?1) AND "
	    "(CAST(?2 AS TEXT) IS NULL OR organization_id = ?2) AND "
	    "(CAST(?3 AS TEXT) IS NULL OR lower(name) LIKE lower(?3) ESCAPE '\\') AND "
	    "(CAST(?4 AS TEXT) IS NULL OR lower(city) LIKE lower(?4) ESCAPE '\\') "
	    "ORDER BY id");
	bind_text(st, 1, w->id);
	bind_text(st, 2, w->organization_id);
	bind_text(st, 3, w->name ? like_pattern(a, w->name) : NULL);
	bind_text(st, 4, w->city ? like_pattern(a, w->city) : NULL);
	rc = rows_collect(st, a, 64, sizeof(**out), read_location_row, &rows, n, __func__,
	    "locations where");
	*out = rows;
	return rc;
}
