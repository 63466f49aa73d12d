/* The common part of rosc's FHIR resources: the kinds, lists of
 * resources, search parameters over them and $everything. */
#include "view/fhir.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "core/person.h"

const struct fhir_kind *const fhir_kinds[] = {
	&fhir_patient_kind,
	&fhir_careplan_kind,
	&fhir_goal_kind,
	&fhir_relatedperson_kind,
	&fhir_careteam_kind,
	&fhir_consent_kind,
	&fhir_practitioner_kind,
	&fhir_practitionerrole_kind,
	&fhir_organization_kind,
	&fhir_healthcareservice_kind,
	&fhir_location_kind,
	&fhir_questionnaire_kind,
	&fhir_qresponse_kind,
	&fhir_observation_kind,
	&fhir_appointment_kind,
	&fhir_service_request_kind,
	&fhir_task_kind,
	&fhir_communication_kind,
	&fhir_audit_event_kind,
	&fhir_codesystem_kind,
};
const size_t fhir_nkinds = sizeof(fhir_kinds) / sizeof(fhir_kinds[0]);

const struct fhir_kind *
fhir_kind(const char *type)
{
	size_t i;

	for (i = 0; type != NULL && i < fhir_nkinds; i++)
		if (strcmp(fhir_kinds[i]->type, type) == 0)
			return fhir_kinds[i];
	return NULL;
}

void *
fhir_grow(struct arena *a, void *old, size_t *cap, size_t sz)
{
	size_t n = *cap ? *cap * 2 : 16;
	void *v = arena_alloc(a, n * sz);

	if (*cap)
		memcpy(v, old, *cap * sz);
	*cap = n;
	return v;
}

void
fhir_list_add(struct arena *a, struct fhir_list *l, json_t *res, enum category cat)
{
	struct fhir_res *e;
	const char *last;

	if (l->n == l->cap)
		l->v = fhir_grow(a, l->v, &l->cap, sizeof(*l->v));
	e = &l->v[l->n++];
	e->json = res;
	e->id = json_string_value(json_object_get(res, "id"));
	e->cat = cat;
	last = json_string_value(json_object_get(json_object_get(res, "meta"), "lastUpdated"));
	if (last == NULL || clock_parse_instant(last, &e->updated_us) != 0)
		e->updated_us = 0;
}

void
fhir_list_free(struct fhir_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		json_decref(l->v[i].json);
	l->n = 0;
}

json_t *
fhir_instant(int64_t us)
{
	char out[28];

	clock_format_instant(us, out);
	return json_string(out);
}

json_t *
fhir_ref(const char *type, const char *id, const char *display)
{
	json_t *o;

	if (id == NULL)
		return NULL;
	o = json_object();
	json_object_set_new(o, "reference", json_sprintf("%s/%s", type, id));
	if (display != NULL && *display)
		json_object_set_new(o, "display", json_string(display));
	return o;
}

json_t *
fhir_meta(int64_t version, int64_t updated_us)
{
	json_t *o = json_object();

	if (version > 0)
		json_object_set_new(o, "versionId", json_sprintf("%lld", (long long)version));
	if (updated_us > 0)
		json_object_set_new(o, "lastUpdated", fhir_instant(updated_us));
	return o;
}

json_t *
fhir_concept(const char *system, const char *code, const char *display)
{
	json_t *c = json_pack("{s:s, s:s}", "system", system, "code", code);

	if (display != NULL)
		json_object_set_new(c, "display", json_string(display));
	return json_pack("{s:[o]}", "coding", c);
}

/* --- search parameters ---------------------------------------------------- */

/* Calls fn for each value reached by the dotted path from v (arrays
 * are walked through). */
static void
walk(json_t *v, const char *path, void (*fn)(json_t *, void *), void *arg)
{
	const char *dot;
	char key[64];
	size_t i, len;
	json_t *e;

	if (v == NULL)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			walk(e, path, fn, arg);
		return;
	}
	if (*path == '\0') {
		fn(v, arg);
		return;
	}
	dot = strchr(path, '.');
	len = dot ? (size_t)(dot - path) : strlen(path);
	if (len >= sizeof(key) || !json_is_object(v))
		return;
	memcpy(key, path, len);
	key[len] = '\0';
	walk(json_object_get(v, key), dot ? dot + 1 : "", fn, arg);
}

struct probe {
	const struct fhir_param *p;
	const char *value;           /* one value, without its prefix */
	size_t len;
	char prefix[3];
	int64_t lo, hi;              /* a date value's range, [lo, hi) */
	bool hit;
	struct arena *a;             /* for folding strings */
};

/* The range [lo, hi) of microseconds a date, dateTime or instant covers:
 * "2026", "2026-12", "2026-12-07", "2026-12-07T10:00:00Z". False if s is
 * none of them. Dates are taken in UTC. */
static bool
date_range(const char *s, size_t len, int64_t *lo, int64_t *hi)
{
	char buf[40], next[16];
	const int64_t day = 86400LL * 1000000;
	int32_t d;

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (len > 10) {
		/* An instant covers its precision: a second, or the moment its
		 * fraction names. */
		if (clock_parse_instant(buf, lo) != 0)
			return false;
		*hi = *lo + (memchr(buf, '.', len) != NULL ? 1 : 1000000);
		return true;
	}
	if (len == 4)
		memcpy(buf + 4, "-01-01", 7);
	else if (len == 7)
		memcpy(buf + 7, "-01", 4);
	else if (len != 10)
		return false;
	if ((d = clock_date_day(buf)) == INT32_MIN)
		return false;
	*lo = d * day;
	if (len == 10) {
		*hi = *lo + day;
		return true;
	}
	/* The first day of the next year or month. */
	if (len == 4) {
		snprintf(next, sizeof(next), "%04d-01-01", (atoi(buf) + 1) % 10000);
	} else {
		int y = atoi(buf), m = atoi(buf + 5);

		snprintf(next, sizeof(next), "%04d-%02d-01", (m == 12 ? y + 1 : y) % 10000,
		    (m == 12 ? 1 : m + 1) % 100);
	}
	if ((d = clock_date_day(next)) == INT32_MIN)
		return false;
	*hi = d * day;
	return true;
}

static bool
date_hit(const struct probe *q, int64_t lo, int64_t hi)
{
	const char *pf = q->prefix;

	if (strcmp(pf, "ne") == 0)
		return !(lo >= q->lo && hi <= q->hi);
	if (strcmp(pf, "lt") == 0 || strcmp(pf, "eb") == 0)
		return lo < q->lo;
	if (strcmp(pf, "le") == 0)
		return lo < q->hi;
	if (strcmp(pf, "gt") == 0 || strcmp(pf, "sa") == 0)
		return hi > q->hi;
	if (strcmp(pf, "ge") == 0)
		return hi > q->lo;
	return lo >= q->lo && hi <= q->hi;     /* eq */
}

static bool
text_eq(const char *s, const char *v, size_t len)
{
	return s != NULL && strlen(s) == len && memcmp(s, v, len) == 0;
}

/* A token: "code" or "system|code" against a Coding, a CodeableConcept, an
 * Identifier, or a plain code. */
static bool
token_hit(json_t *v, const char *value, size_t len)
{
	const char *bar = memchr(value, '|', len), *code = value;
	size_t clen = len;
	json_t *e;
	size_t i;

	if (json_is_string(v))
		return bar == NULL && text_eq(json_string_value(v), value, len);
	if (json_is_boolean(v))
		return text_eq(json_is_true(v) ? "true" : "false", value, len);
	if (!json_is_object(v))
		return false;
	if (json_object_get(v, "coding") != NULL) {
		json_array_foreach(json_object_get(v, "coding"), i, e)
			if (token_hit(e, value, len))
				return true;
		return false;
	}
	if (bar != NULL) {
		const char *sys = json_string_value(json_object_get(v, "system"));

		/* "|code": a code without a system; "system|code": that system's. */
		if (bar == value ? sys != NULL : !text_eq(sys, value, (size_t)(bar - value)))
			return false;
		code = bar + 1;
		clen = len - (size_t)(bar - value) - 1;
		if (clen == 0)
			return bar != value;    /* "system|": any code of it */
	}
	return text_eq(json_string_value(json_object_get(v, "code")), code, clen) ||
	    text_eq(json_string_value(json_object_get(v, "value")), code, clen);
}

/* A string: the start of the value (folded by the caller), in any case
 * (Unicode case folding, as rosc's name searches: "FØRSTE" finds
 * "første"). */
static bool
string_hit(struct arena *a, json_t *v, const char *value, size_t len)
{
	const char *s = json_string_value(v);
	const char *keys[] = {"text", "family", "given", "display", "name"};
	json_t *e;
	size_t i;

	if (s != NULL) {
		s = person_name_key(a, s);
		return strlen(s) >= len && memcmp(s, value, len) == 0;
	}
	if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			if (string_hit(a, e, value, len))
				return true;
		return false;
	}
	for (i = 0; json_is_object(v) && i < sizeof(keys) / sizeof(keys[0]); i++)
		if (string_hit(a, json_object_get(v, keys[i]), value, len))
			return true;
	return false;
}

static void
probe_one(json_t *v, void *arg)
{
	struct probe *q = arg;
	const char *s;
	int64_t lo, hi;

	if (q->hit)
		return;
	switch (q->p->type) {
	case FP_TOKEN:
		q->hit = token_hit(v, q->value, q->len);
		break;
	case FP_STRING:
		q->hit = string_hit(q->a, v, q->value, q->len);
		break;
	case FP_REFERENCE:
		if (json_is_string(v)) {
			/* A canonical, "url|version": whole, or by its url. */
			s = json_string_value(v);
			q->hit = text_eq(s, q->value, q->len) || (strlen(s) > q->len &&
			    s[q->len] == '|' && memcmp(s, q->value, q->len) == 0);
			break;
		}
		s = json_string_value(json_object_get(v, "reference"));
		if (s == NULL)
			break;
		/* "Patient/ID" or "ID" */
		q->hit = text_eq(s, q->value, q->len) ||
		    (strlen(s) > q->len && s[strlen(s) - q->len - 1] == '/' &&
		    text_eq(s + strlen(s) - q->len, q->value, q->len));
		break;
	case FP_DATE:
		s = json_string_value(v);
		if (s == NULL && json_is_object(v))
			s = json_string_value(json_object_get(v, "start"));
		if (s != NULL && date_range(s, strlen(s), &lo, &hi))
			q->hit = date_hit(q, lo, hi);
		break;
	}
}

static bool
param_match(struct arena *a, const struct fhir_param *p, json_t *res, const char *value,
    bool *bad)
{
	const char *v = value, *comma, *path, *bar;
	char one[128];

	for (;;) {
		struct probe q = {p, v, 0, "eq", 0, 0, false, a};

		comma = strchr(v, ',');
		q.len = comma ? (size_t)(comma - v) : strlen(v);
		if (p->type == FP_STRING && q.len > 0) {
			q.value = person_name_key(a, arena_strndup(a, v, q.len));
			q.len = strlen(q.value);
		}
		if (p->type == FP_DATE) {
			if (q.len > 2 && v[0] >= 'a' && v[0] <= 'z' && v[1] >= 'a' && v[1] <= 'z') {
				memcpy(q.prefix, v, 2);
				q.prefix[2] = '\0';
				q.value += 2;
				q.len -= 2;
				if (strstr("eq ne lt gt le ge sa eb", q.prefix) == NULL) {
					*bad = true;
					return false;
				}
			}
			if (!date_range(q.value, q.len, &q.lo, &q.hi)) {
				*bad = true;
				return false;
			}
		}
		if (q.len == 0) {
			*bad = true;
			return false;
		}
		/* Each of the paths, "a|b". */
		for (path = p->path; *path; path = bar ? bar + 1 : path + strlen(path)) {
			size_t plen;

			bar = strchr(path, '|');
			plen = bar ? (size_t)(bar - path) : strlen(path);
			if (plen >= sizeof(one))
				break;
			memcpy(one, path, plen);
			one[plen] = '\0';
			walk(res, one, probe_one, &q);
			if (q.hit)
				return true;
		}
		if (comma == NULL)
			return false;
		v = comma + 1;
	}
}

bool
fhir_param_match(const struct fhir_param *p, json_t *res, const char *value, bool *bad)
{
	struct arena a = ARENA_INIT;
	bool hit = param_match(&a, p, res, value, bad);

	arena_free(&a);
	return hit;
}

/* --- $everything ---------------------------------------------------------- */

int
view_fhir_everything(struct fhir_ctx *x, const struct grant *const *grants,
    const char *base, const char *bundle_type, json_t **out)
{
	json_t *bundle = json_object(), *entries = json_array();
	struct fhir_list l = {0};
	size_t k, i;
	int rc;

	json_object_set_new(bundle, "resourceType", json_string("Bundle"));
	json_object_set_new(bundle, "type", json_string(bundle_type));
	json_object_set_new(bundle, "timestamp", fhir_instant(x->now_us));
	for (k = 0; k < fhir_nkinds; k++) {
		const struct fhir_kind *kind = fhir_kinds[k];

		if (!kind->in_everything || grants[k] == NULL || kind->collect == NULL)
			continue;
		l.n = 0;
		if ((rc = kind->collect(x, grants[k], &l)) != 0) {
			fhir_list_free(&l);
			json_decref(entries);
			json_decref(bundle);
			return rc;
		}
		for (i = 0; i < l.n; i++) {
			json_t *e = json_object();

			json_object_set_new(e, "fullUrl",
			    json_sprintf("%s/%s/%s", base, kind->type, l.v[i].id));
			json_object_set(e, "resource", l.v[i].json);
			if (strcmp(bundle_type, "searchset") == 0)
				json_object_set_new(e, "search", json_pack("{s:s}", "mode", "match"));
			json_array_append_new(entries, e);
		}
		fhir_list_free(&l);
	}
	if (strcmp(bundle_type, "searchset") == 0)
		json_object_set_new(bundle, "total", json_integer((json_int_t)json_array_size(entries)));
	json_object_set_new(bundle, "entry", entries);
	*out = bundle;
	return 0;
}
