/* SQL for the service directory: upserts by HSDS id, and single reads.
 * An upsert whose record is already there as it is writes nothing: its
 * version and updated_us stay (a re-import changes nothing). */
#include "store/directory.h"

#include <stdio.h>
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
	"s.updated_by, o.name, o.managed_by"

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

/* "%word%" for LIKE, with \\, % and _ escaped. */
static const char *
like_pattern(struct arena *a, const char *word)
{
	size_t i, k = 0, len = strlen(word);
	char *p = arena_alloc(a, 2 * len + 3);

	p[k++] = '%';
	for (i = 0; i < len; i++) {
		if (word[i] == '\\' || word[i] == '%' || word[i] == '_')
			p[k++] = '\\';
		p[k++] = word[i];
	}
	p[k++] = '%';
	p[k] = '\0';
	return p;
}

int
store_services_search(struct store *s, struct arena *a, const struct service_query *q,
    struct service **out, size_t *n, bool *more)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	char domain[64];
	void *rows;
	int i, rc, limit = q->limit < 1 ? 1 : q->limit > 200 ? 200 : q->limit;

	*n = 0;
	*more = false;
	*out = NULL;
	if (c == NULL)
		return ERR_DB;
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
	    "(CAST(?11 AS TEXT) IS NULL OR s.name > ?11 OR (s.name = ?11 AND s.id > ?12)) "
	    "ORDER BY s.name, s.id LIMIT ?13");
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
	rc = rows_collect(st, a, 16, sizeof(**out), read_service, &rows, n, __func__,
	    "services search");
	*out = rows;
	if (rc == 0 && *n > (size_t)limit) {
		*n = (size_t)limit;
		*more = true;
	}
	return rc;
}
