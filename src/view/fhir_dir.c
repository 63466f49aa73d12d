/* The public side as FHIR: rosc's organisations and the service
 * directory's (Organization), the directory's services
 * (HealthcareService) and their places (Location). Nothing here is a
 * person's: anyone signed in reads it, as anyone reads the directory's
 * pages. A read by id fetches the one resource; a search by the fields
 * the store can narrow by (id, organisation, stage, life domain, name,
 * city) gathers those that may match, any other gathers them all (a
 * directory of ten thousand services is six queries). HSDS ids that
 * are not FHIR ids (an import may bring any text) are left out, and so
 * are references to them. */
#include "view/fhir.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/account.h"
#include "core/directory.h"
#include "core/plan.h"
#include "store/accounts.h"
#include "store/directory.h"

#define DAYS_OF_WEEK "mon", "tue", "wed", "thu", "fri", "sat", "sun"

/* FHIR's id: [A-Za-z0-9-.]{1,64}. */
static bool
fhir_id(const char *s)
{
	size_t n;

	if (s == NULL)
		return false;
	for (n = 0; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '.'))
			return false;
	return n >= 1 && n <= 64;
}

static void
set_text(json_t *o, const char *key, const char *v)
{
	if (v != NULL && *v)
		json_object_set_new(o, key, json_string(v));
}

static void
add_contact(json_t *tel, const char *system, const char *v)
{
	if (v != NULL && *v)
		json_array_append_new(tel, json_pack("{s:s, s:s}", "system", system, "value", v));
}

static void
set_array(json_t *o, const char *key, json_t *arr)
{
	if (json_array_size(arr) > 0)
		json_object_set_new(o, key, arr);
	else
		json_decref(arr);
}

/* --- narrowing a search in the store ------------------------------------- */

/* The one value a search's parameter was given, for the store to narrow
 * with: NULL for several (a,b: any of them) or none. A token's code
 * without its system; a reference's id without its type. */
static const char *
one_value(struct arena *a, const struct fhir_where *w)
{
	const char *v = w->value, *cut;

	if (*v == '\0' || strchr(v, ',') != NULL)
		return NULL;
	if (w->p->type == FP_TOKEN && (cut = strrchr(v, '|')) != NULL)
		v = cut + 1;
	if (w->p->type == FP_REFERENCE && (cut = strrchr(v, '/')) != NULL)
		v = cut + 1;
	return *v ? arena_strdup(a, v) : NULL;
}

static bool
ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/* Fills d from the parameters the store can narrow by; false when it
 * should not narrow at all (a value left empty is the search's to
 * refuse). */
static bool
where_of(struct arena *a, const struct fhir_where *w, size_t n, struct dir_where *d)
{
	size_t i;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < n; i++) {
		const char *name = w[i].p->name, *v;

		if (*w[i].value == '\0')
			return false;
		if ((v = one_value(a, &w[i])) == NULL)
			continue;
		if (strcmp(name, "_id") == 0)
			d->id = v;
		else if (strcmp(name, "organization") == 0)
			d->organization_id = v;
		else if (strcmp(name, "service-category") == 0)
			d->stage = v;
		else if (strcmp(name, "service-type") == 0)
			d->domain = v;
		/* A name or city narrows the store's read only in ASCII: the
		 * database's lower() folds nothing else (SQLite), and the
		 * narrowing must never leave out what the search would find
		 * ("FØRSTE" finds "første"). */
		else if (strcmp(name, "name") == 0 && ascii(v))
			d->name = v;
		else if (strcmp(name, "address-city") == 0 && ascii(v))
			d->city = v;
	}
	return d->id || d->organization_id || d->stage || d->domain || d->name || d->city;
}

/* --- Organization --------------------------------------------------------- */

static json_t *
rosc_org(const struct organisation *g)
{
	json_t *o = json_object();

	json_object_set_new(o, "resourceType", json_string("Organization"));
	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "active", json_boolean(g->disabled_us == 0));
	json_object_set_new(o, "type", json_pack("[o]",
	    fhir_concept(FHIR_ROSC ":sector", sector_code(g->sector), NULL)));
	json_object_set_new(o, "name", json_string(g->name));
	return o;
}

static json_t *
dir_org(const struct dir_org *g)
{
	json_t *o = json_object(), *tel = json_array();

	json_object_set_new(o, "resourceType", json_string("Organization"));
	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "meta", fhir_meta(g->version, g->updated_us));
	json_object_set_new(o, "active", json_true());
	json_object_set_new(o, "type", json_pack("[o]", fhir_concept(
	    "http://terminology.hl7.org/CodeSystem/organization-type", "prov",
	    "Healthcare Provider")));
	json_object_set_new(o, "name", json_string(g->name));
	if (g->alternate_name != NULL && *g->alternate_name)
		json_object_set_new(o, "alias", json_pack("[s]", g->alternate_name));
	add_contact(tel, "email", g->email);
	add_contact(tel, "url", g->website);
	set_array(o, "telecom", tel);
	/* The rosc organisation that runs it (edits its services, answers
	 * the referrals to them). */
	if (g->managed_by != NULL)
		json_object_set_new(o, "partOf", fhir_ref("Organization", g->managed_by, NULL));
	return o;
}

static int
orgs_all(struct fhir_ctx *x, struct fhir_list *out)
{
	struct organisation *os;
	struct dir_org *ds;
	size_t n, nd, i;
	int rc;

	if ((rc = store_org_list(x->s, x->a, &os, &n)) != 0 ||
	    (rc = store_dir_orgs_all(x->s, x->a, &ds, &nd)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		fhir_list_add(x->a, out, rosc_org(&os[i]), CAT_BASIC);
	for (i = 0; i < nd; i++)
		if (fhir_id(ds[i].id))
			fhir_list_add(x->a, out, dir_org(&ds[i]), CAT_BASIC);
	return 0;
}

static int
org_get(struct fhir_ctx *x, const char *id, struct fhir_list *out)
{
	struct organisation o;
	struct dir_org d;
	int rc;

	if (!fhir_id(id))
		return 0;
	if ((rc = store_org_get(x->s, x->a, id, &o)) == 0) {
		fhir_list_add(x->a, out, rosc_org(&o), CAT_BASIC);
		return 0;
	}
	if (rc != ERR_NOT_FOUND)
		return rc;
	if ((rc = store_dir_org_get(x->s, x->a, id, &d)) == 0)
		fhir_list_add(x->a, out, dir_org(&d), CAT_BASIC);
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* --- Location ------------------------------------------------------------- */

static json_t *
location(const struct dir_location *l)
{
	json_t *o = json_object(), *addr = json_object(), *lines = json_array();

	json_object_set_new(o, "resourceType", json_string("Location"));
	json_object_set_new(o, "id", json_string(l->id));
	json_object_set_new(o, "meta", fhir_meta(0, l->updated_us));
	json_object_set_new(o, "status", json_string("active"));
	set_text(o, "name", l->name);
	set_text(o, "description", l->description);
	json_object_set_new(o, "mode", json_string("instance"));
	if (l->address_1 != NULL && *l->address_1)
		json_array_append_new(lines, json_string(l->address_1));
	if (l->address_2 != NULL && *l->address_2)
		json_array_append_new(lines, json_string(l->address_2));
	set_array(addr, "line", lines);
	set_text(addr, "city", l->city);
	set_text(addr, "district", l->region);
	set_text(addr, "state", l->state_province);
	set_text(addr, "postalCode", l->postal_code);
	set_text(addr, "country", l->country);
	if (json_object_size(addr) > 0) {
		json_object_set_new(addr, "use", json_string("work"));
		json_object_set_new(addr, "type", json_string("physical"));
		json_object_set_new(o, "address", addr);
	} else {
		json_decref(addr);
	}
	if (l->has_position)
		json_object_set_new(o, "position", json_pack("{s:f, s:f}", "longitude",
		    l->longitude, "latitude", l->latitude));
	if (fhir_id(l->organization_id))
		json_object_set_new(o, "managingOrganization",
		    fhir_ref("Organization", l->organization_id, NULL));
	if (l->transportation != NULL && *l->transportation)
		json_object_set_new(o, "extension", json_pack("[{s:s, s:s}]", "url",
		    FHIR_ROSC ":transportation", "valueString", l->transportation));
	return o;
}

static int
locations_all(struct fhir_ctx *x, struct fhir_list *out)
{
	struct dir_location *ls;
	size_t n, i;
	int rc;

	if ((rc = store_locations_all(x->s, x->a, &ls, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (fhir_id(ls[i].id))
			fhir_list_add(x->a, out, location(&ls[i]), CAT_BASIC);
	return 0;
}

static int
locations_where(struct fhir_ctx *x, const struct fhir_where *w, size_t n,
    struct fhir_list *out)
{
	struct dir_location *ls;
	struct dir_where d;
	size_t nl, i;
	int rc;

	if (!where_of(x->a, w, n, &d))
		return locations_all(x, out);
	if ((rc = store_locations_where(x->s, x->a, &d, &ls, &nl)) != 0)
		return rc;
	for (i = 0; i < nl; i++)
		if (fhir_id(ls[i].id))
			fhir_list_add(x->a, out, location(&ls[i]), CAT_BASIC);
	return 0;
}

static int
location_get(struct fhir_ctx *x, const char *id, struct fhir_list *out)
{
	struct dir_location l;
	int rc;

	if (!fhir_id(id))
		return 0;
	if ((rc = store_location_get(x->s, x->a, id, &l)) == 0)
		fhir_list_add(x->a, out, location(&l), CAT_BASIC);
	return rc == ERR_NOT_FOUND ? 0 : rc;
}

/* --- HealthcareService ---------------------------------------------------- */

/* "HH:MM" → "HH:MM:00" (FHIR's time). */
static json_t *
fhir_time(const char *hhmm)
{
	return json_sprintf("%.5s:00", hhmm);
}

/* A weekly slot; one that runs past midnight is two: to the end of its
 * day, and from the start of the next. */
static void
add_slot(json_t *times, const struct dir_schedule *sc)
{
	static const char *const days[] = {DAYS_OF_WEEK};
	int wd = sc->byday ? weekday_parse(sc->byday) : -1;
	const char *o = sc->opens_at, *c = sc->closes_at;

	if (wd < 0 || !schedule_time_valid(o) || !schedule_time_valid(c))
		return;
	if (strcmp(c, o) > 0) {
		json_array_append_new(times, json_pack("{s:[s], s:o, s:o}", "daysOfWeek",
		    days[wd], "availableStartTime", fhir_time(o), "availableEndTime",
		    strcmp(c, "23:59") == 0 ? json_string("23:59:59") : fhir_time(c)));
		return;
	}
	json_array_append_new(times, json_pack("{s:[s], s:o, s:s}", "daysOfWeek", days[wd],
	    "availableStartTime", fhir_time(o), "availableEndTime", "23:59:59"));
	if (strcmp(c, "00:00") != 0)
		json_array_append_new(times, json_pack("{s:[s], s:s, s:o}", "daysOfWeek",
		    days[(wd + 1) % 7], "availableStartTime", "00:00:00", "availableEndTime",
		    fhir_time(c)));
}

static json_t *
service(const struct service *sv, const struct service_detail *d)
{
	json_t *o = json_object(), *tel = json_array(), *types = json_array(), *locs, *times;
	json_t *langs, *ext = json_array();
	size_t i;
	int dom;

	json_object_set_new(o, "resourceType", json_string("HealthcareService"));
	json_object_set_new(o, "id", json_string(sv->id));
	json_object_set_new(o, "meta", fhir_meta(sv->version, sv->updated_us));
	json_object_set_new(o, "active", json_boolean(sv->status != NULL &&
	    strcmp(sv->status, "active") == 0));
	if (fhir_id(sv->organization_id))
		json_object_set_new(o, "providedBy", fhir_ref("Organization",
		    sv->organization_id, sv->organization_name));
	/* The stage of the continuum of care is its category, the plan's life
	 * domains it helps with its types. */
	if (sv->stage != STAGE_NONE)
		json_object_set_new(o, "category", json_pack("[o]",
		    fhir_concept(FHIR_ROSC ":stage", stage_code(sv->stage), NULL)));
	for (dom = 0; dom < DOM_COUNT; dom++)
		if (sv->domains & (1u << dom))
			json_array_append_new(types, fhir_concept(FHIR_ROSC ":life-domain",
			    domain_code((enum domain)dom), NULL));
	set_array(o, "type", types);
	locs = json_array();
	for (i = 0; i < d->nlocations; i++)
		if (fhir_id(d->locations[i].id))
			json_array_append_new(locs, fhir_ref("Location", d->locations[i].id,
			    d->locations[i].name));
	set_array(o, "location", locs);
	json_object_set_new(o, "name", json_string(sv->name));
	set_text(o, "comment", sv->description);
	set_text(o, "extraDetails", sv->application_process);
	for (i = 0; i < d->nphones; i++)
		add_contact(tel, "phone", d->phones[i].number);
	add_contact(tel, "email", sv->email);
	add_contact(tel, "url", sv->url);
	set_array(o, "telecom", tel);
	if (sv->eligibility_description != NULL && *sv->eligibility_description)
		json_object_set_new(o, "eligibility", json_pack("[{s:s}]", "comment",
		    sv->eligibility_description));
	langs = json_array();
	for (i = 0; i < d->nlanguages; i++)
		if (d->languages[i].code != NULL && *d->languages[i].code)
			json_array_append_new(langs, fhir_concept("urn:ietf:bcp:47",
			    d->languages[i].code, NULL));
	set_array(o, "communication", langs);
	times = json_array();
	for (i = 0; i < d->nschedules; i++)
		add_slot(times, &d->schedules[i]);
	set_array(o, "availableTime", times);
	if (sv->has_capacity) {
		json_t *cap = json_array();

		json_array_append_new(cap, json_pack("{s:s, s:i}", "url", "available",
		    "valueInteger", sv->capacity_available));
		if (sv->capacity_maximum > 0)
			json_array_append_new(cap, json_pack("{s:s, s:i}", "url", "maximum",
			    "valueInteger", sv->capacity_maximum));
		if (sv->capacity_unit != NULL && *sv->capacity_unit)
			json_array_append_new(cap, json_pack("{s:s, s:s}", "url", "unit",
			    "valueString", sv->capacity_unit));
		if (sv->capacity_updated_us > 0)
			json_array_append_new(cap, json_pack("{s:s, s:o}", "url", "updated",
			    "valueInstant", fhir_instant(sv->capacity_updated_us)));
		json_array_append_new(ext, json_pack("{s:s, s:o}", "url", FHIR_ROSC ":capacity",
		    "extension", cap));
	}
	set_array(o, "extension", ext);
	return o;
}

/* Each of svs[0..n) with its details: a few in batches, many with every
 * detail table read once. */
static int
add_services(struct fhir_ctx *x, const struct service *svs, size_t n, struct fhir_list *out)
{
	struct service_detail *ds = arena_alloc(x->a, (n + 1) * sizeof(*ds));
	size_t i;
	int rc;

	rc = n <= 200 ? store_services_details(x->s, x->a, svs, n, ds) :
	    store_services_details_all(x->s, x->a, svs, n, ds);
	if (rc != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (fhir_id(svs[i].id))
			fhir_list_add(x->a, out, service(&svs[i], &ds[i]), CAT_BASIC);
	return 0;
}

static int
services_all(struct fhir_ctx *x, struct fhir_list *out)
{
	struct service *svs;
	size_t n;
	int rc;

	if ((rc = store_services_all(x->s, x->a, &svs, &n)) != 0)
		return rc;
	return add_services(x, svs, n, out);
}

static int
services_where(struct fhir_ctx *x, const struct fhir_where *w, size_t n,
    struct fhir_list *out)
{
	struct service *svs;
	struct dir_where d;
	size_t ns;
	int rc;

	if (!where_of(x->a, w, n, &d))
		return services_all(x, out);
	if ((rc = store_services_where(x->s, x->a, &d, &svs, &ns)) != 0)
		return rc;
	return add_services(x, svs, ns, out);
}

static int
service_get(struct fhir_ctx *x, const char *id, struct fhir_list *out)
{
	struct service sv;
	struct service_detail d;
	int rc;

	if (!fhir_id(id))
		return 0;
	if ((rc = store_service_get(x->s, x->a, id, &sv)) != 0)
		return rc == ERR_NOT_FOUND ? 0 : rc;
	if ((rc = store_service_detail(x->s, x->a, id, &d)) != 0)
		return rc;
	fhir_list_add(x->a, out, service(&sv, &d), CAT_BASIC);
	return 0;
}

/* --- the kinds ------------------------------------------------------------ */

static const struct fhir_param org_params[] = {
	{"name", FP_STRING, "name|alias", "the start of the name or another name"},
	{"type", FP_TOKEN, "type", "prov (a directory organisation) or the sector ("
	    FHIR_ROSC ":sector) of one of rosc's"},
	{"active", FP_TOKEN, "active", "true unless disabled"},
	{"partof", FP_REFERENCE, "partOf", "the rosc organisation that runs it"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param service_params[] = {
	{"name", FP_STRING, "name", "the start of the name"},
	{"organization", FP_REFERENCE, "providedBy", "the organisation (Organization/ID)"},
	{"service-category", FP_TOKEN, "category",
	    "the stage of the continuum of care (" FHIR_ROSC ":stage)"},
	{"service-type", FP_TOKEN, "type", "a life domain it helps with ("
	    FHIR_ROSC ":life-domain)"},
	{"location", FP_REFERENCE, "location", "where it is given (Location/ID)"},
	{"active", FP_TOKEN, "active", "true for an active service"},
	{NULL, 0, NULL, NULL},
};

static const struct fhir_param location_params[] = {
	{"name", FP_STRING, "name", "the start of the name"},
	{"address-city", FP_STRING, "address.city", "the start of the city"},
	{"address-postalcode", FP_STRING, "address.postalCode", "the start of the postal code"},
	{"organization", FP_REFERENCE, "managingOrganization", "the organisation (Organization/ID)"},
	{NULL, 0, NULL, NULL},
};

const struct fhir_kind fhir_organization_kind = {
	.type = "Organization", .access = FA_PUBLIC,
	.collect_all = orgs_all, .get = org_get, .params = org_params,
};

const struct fhir_kind fhir_healthcareservice_kind = {
	.type = "HealthcareService", .access = FA_PUBLIC,
	.collect_all = services_all, .get = service_get, .collect_where = services_where,
	.params = service_params,
};

const struct fhir_kind fhir_location_kind = {
	.type = "Location", .access = FA_PUBLIC,
	.collect_all = locations_all, .get = location_get, .collect_where = locations_where,
	.params = location_params,
};
