/* HL7 FHIR R4 over HTTP: read, search, $everything and the
 * CapabilityStatement, for every kind of resource in view/fhir.h.
 *
 * A search gathers the person's resources of a kind as the door's grant
 * lets the caller see them, filters them by the parameters and pages
 * through them by id (keyset: a next link carries the last id shown, so a
 * row is never shown twice). What the grant does not cover is absent, and
 * the Bundle says so: a REDACTED security label and an OperationOutcome
 * entry. A person the caller may not see at all gives an empty Bundle,
 * the same as a person who does not exist. */
#include "fhir/fhir.h"

#include "config.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/i18n.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "core/actor.h"
#include "core/person.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "store/persons.h"
#include "view/fhir.h"
#include "fhir/write.h"

#define COUNT_DEFAULT 50
#define COUNT_MAX 500

/* The resource type named in the path: "/fhir/R4/Goal/..." → Goal. */
static const struct fhir_kind *
path_kind(struct req *r)
{
	const char *t = r->path + strlen("/fhir/R4/"), *slash = strchr(t, '/');
	char type[48];
	size_t len = slash ? (size_t)(slash - t) : strlen(t);

	if (len >= sizeof(type))
		return NULL;
	memcpy(type, t, len);
	type[len] = '\0';
	return fhir_kind(type);
}

static const char *
base_url(struct req *r)
{
	return arena_printf(&r->arena, "%s/fhir/R4", server_config(r->srv)->base_url);
}

static struct fhir_ctx
ctx(struct req *r)
{
	struct fhir_ctx x = {req_store(r), &r->arena, today_utc(r), clock_now_us()};

	return x;
}

static void
fail(struct req *r, unsigned status, enum problem_code code, const char *detail,
    const char *field)
{
	json_t *errors = NULL;

	if (field != NULL)
		errors = json_pack("[{s:s, s:s}]", "field", field, "code", problem_code_name(code));
	resp_problem(r, status, code, detail, errors);
}

/* The door for one person's resources of a kind: a grant, or NULL with
 * *d saying why (403 for someone who knows the person, 404 for anyone
 * else). */
static const struct grant *
open_kind(struct req *r, const struct fhir_kind *k, const char *pid, struct decision *d)
{
	switch (k->access) {
	case FA_PERSON:
		return door_open_lazy(r, pid, PA_READ, k->cat, k->may_hold, d);
	case FA_REFERRALS:
		return door_referrals(r, pid, false, k->may_hold, d);
	case FA_MESSAGES:
		return door_messages(r, pid, false, d);
	case FA_SELF:
		if (door_is_self(r, pid))
			return door_open(r, pid, PA_READ, CAT_BASIC, CAT_ALL, d);
		break;
	case FA_PUBLIC:
	case FA_STAFF:
		break;
	}
	d->allow = false;
	d->status = 404;
	return NULL;
}

/* A kind that is no person's (the directory, staff accounts): what the
 * caller may see of it, or only the one with id (NULL: all), or (w, n)
 * those that may pass a search. */
static int
gather(struct req *r, struct fhir_ctx *x, const struct fhir_kind *k, const char *id,
    const struct fhir_where *w, size_t n, struct fhir_list *l)
{
	struct staff_scope sc;

	if (k->access == FA_STAFF)
		return door_staff_scope(r, &sc) ? k->collect_staff(x, &sc, l) : 0;
	if (id != NULL && k->get != NULL)
		return k->get(x, id, l);
	if (n > 0 && k->collect_where != NULL)
		return k->collect_where(x, w, n, l);
	return k->collect_all(x, l);
}

/* Whether the grant leaves out a category that some of the kind's
 * resources belong to. */
static bool
withholds(const struct fhir_kind *k, const struct grant *g)
{
	int c;

	for (c = 0; c < CAT_COUNT; c++)
		if ((k->may_hold & CAT_BIT(c)) && !grant_covers(g, (enum category)c))
			return true;
	return false;
}

/* Notes in the access log what the shown resources hold beyond the
 * category the door noted already. */
static void
note_shown(struct req *r, const struct fhir_kind *k, const struct grant *g,
    const struct fhir_res *v, size_t n)
{
	size_t i;

	if (k->access != FA_PERSON)
		return;
	for (i = 0; i < n; i++)
		if (v[i].cat != k->cat)
			door_shown(r, g, v[i].cat);
}

void
fhir_read(struct req *r)
{
	const struct fhir_kind *k = path_kind(r);
	struct fhir_ctx x = ctx(r);
	const char *id = req_param(r, 0), *pid = NULL;
	const struct grant *g;
	struct fhir_list l = {0};
	struct decision d;
	size_t i;
	int rc;

	if (k == NULL) {
		fail(r, 404, PROBLEM_NOT_FOUND, _("This server has no such resource type."), NULL);
		return;
	}
	if (k->access == FA_PUBLIC || k->access == FA_STAFF) {
		rc = gather(r, &x, k, id, NULL, 0, &l);
		g = NULL;
	} else {
		struct person self;

		/* The person's own alone (their consents, their access log): no
		 * need to look the id up among everyone's, only among theirs. */
		if (k->access != FA_SELF) {
			rc = k->owner(&x, id, &pid);
		} else if (door_self(r, &self, &rc) != NULL) {
			rc = 0;
			pid = self.id;
		}
		if (rc == ERR_NOT_FOUND) {
			fail(r, 404, PROBLEM_NOT_FOUND, NULL, NULL);
			return;
		}
		if (rc == 0) {
			g = open_kind(r, k, pid, &d);
			if (g == NULL) {
				/* Refused: exactly as missing. */
				fail(r, d.status == 503 ? 503 : 404, d.status == 503 ?
				    PROBLEM_UNAVAILABLE : PROBLEM_NOT_FOUND, NULL, NULL);
				return;
			}
			rc = k->collect(&x, g, &l);
		}
	}
	if (rc != 0) {
		fhir_list_free(&l);
		fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	for (i = 0; i < l.n; i++)
		if (strcmp(l.v[i].id, id) == 0)
			break;
	if (i == l.n) {
		/* Not there, or withheld by the grant: the same answer. */
		fhir_list_free(&l);
		fail(r, 404, PROBLEM_NOT_FOUND, NULL, NULL);
		return;
	}
	if (g != NULL)
		note_shown(r, k, g, &l.v[i], 1);
	json_incref(l.v[i].json);
	fhir_send(r, 200, l.v[i].json);
	fhir_list_free(&l);
}

/* --- search --------------------------------------------------------------- */

struct query {
	const struct fhir_kind *k;
	size_t count;
	const char *cursor;          /* the last id of the page before */
	const char *patient;         /* a person id, from patient= or subject= */
	const char *ids;             /* _id */
	const char *last_updated[2]; /* _lastUpdated, up to twice (a range) */
	size_t nlast;
	struct fhir_where own[9];    /* the kind's own, and _id last (for collect_where) */
	size_t nown;
};

static const struct fhir_param last_updated_param = {
	"_lastUpdated", FP_DATE, "meta.lastUpdated", "when the resource last changed",
};
static const struct fhir_param id_param = {"_id", FP_TOKEN, "id", "the resource id"};

/* "Patient/ID" or "ID" → ID. */
static const char *
patient_id(const char *v)
{
	return strncmp(v, "Patient/", 8) == 0 ? v + 8 : v;
}

/* Calls fn(name, value) for each name=value of the request's query, in
 * order, decoded; stops at the first that returns false. */
static bool
each_param(struct req *r, bool (*fn)(struct req *, const char *, const char *, void *),
    void *arg)
{
	const char *q = strchr(r->raw_uri, '?');
	char *name, *value;

	if (q == NULL)
		return true;
	for (q++; uri_query_next(&r->arena, &q, &name, &value);) {
		if (name == NULL || value == NULL) {
			fail(r, 400, PROBLEM_INVALID_ENCODING, NULL, NULL);
			return false;
		}
		if (!fn(r, name, value, arg))
			return false;
	}
	return true;
}

static bool
take_param(struct req *r, const char *name, const char *value, void *arg)
{
	struct query *q = arg;
	const struct fhir_param *p;
	char *end;

	/* A parameter without a value is ignored (FHIR R4, 3.1.1.5). */
	if (*value == '\0')
		return true;
	if (strcmp(name, "_count") == 0) {
		long n = strtol(value, &end, 10);

		if (*value == '\0' || *end != '\0' || n < 1 || n > COUNT_MAX) {
			fail(r, 400, PROBLEM_INVALID_FORMAT, _("_count must be 1 to 500."), "_count");
			return false;
		}
		q->count = (size_t)n;
		return true;
	}
	if (strcmp(name, "_cursor") == 0) {
		q->cursor = value;
		return true;
	}
	if (strcmp(name, "_format") == 0) {
		if (strcmp(value, "json") != 0 && strcmp(value, "application/fhir+json") != 0 &&
		    strcmp(value, "application/json") != 0) {
			fail(r, 415, PROBLEM_UNSUPPORTED_MEDIA_TYPE, _("Only JSON is spoken here."),
			    "_format");
			return false;
		}
		return true;
	}
	if (strcmp(name, "_id") == 0) {
		q->ids = value;
		return true;
	}
	if (strcmp(name, "_lastUpdated") == 0 && q->nlast < 2) {
		q->last_updated[q->nlast++] = value;
		return true;
	}
	if ((strcmp(name, "patient") == 0 || strcmp(name, "subject") == 0) &&
	    q->k->access != FA_PUBLIC && q->k->access != FA_STAFF &&
	    strcmp(q->k->type, "Patient") != 0) {
		q->patient = patient_id(value);
		return true;
	}
	for (p = q->k->params; p != NULL && p->name != NULL; p++)
		if (strcmp(p->name, name) == 0 && q->nown < sizeof(q->own) / sizeof(q->own[0]) - 1) {
			q->own[q->nown].p = p;
			q->own[q->nown++].value = value;
			return true;
		}
	fail(r, 400, PROBLEM_BAD_REQUEST, arena_printf(&r->arena,
	    _("This server does not search %s by %s."), q->k->type, name), name);
	return false;
}

/* Whether res passes _id and _lastUpdated; false with *bad for a
 * malformed value. */
static bool
passes_common(const struct query *q, json_t *res, bool *bad, const char **bad_name)
{
	size_t i;

	if (q->ids != NULL && !fhir_param_match(&id_param, res, q->ids, bad))
		return false;
	for (i = 0; i < q->nlast; i++)
		if (!fhir_param_match(&last_updated_param, res, q->last_updated[i], bad)) {
			*bad_name = "_lastUpdated";
			return false;
		}
	return true;
}

/* Whether res passes every parameter; false with *bad for a malformed
 * value. */
static bool
passes(const struct query *q, json_t *res, bool *bad, const char **bad_name)
{
	size_t i;

	if (!passes_common(q, res, bad, bad_name))
		return false;
	for (i = 0; i < q->nown; i++)
		if (!fhir_param_match(q->own[i].p, res, q->own[i].value, bad)) {
			*bad_name = q->own[i].p->name;
			return false;
		}
	return true;
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const struct fhir_res *)a)->id, ((const struct fhir_res *)b)->id);
}

/* The address of this search without its _cursor, for the Bundle's links. */
static const char *
self_url(struct req *r, const char *type, const char *cursor)
{
	const char *q = strchr(r->raw_uri, '?'), *amp;
	struct buf b;
	bool first = true;

	buf_init(&b, &r->arena);
	buf_printf(&b, "%s/%s", base_url(r), type);
	for (q = q ? q + 1 : ""; *q; q = amp ? amp + 1 : q + strlen(q)) {
		size_t len;

		amp = strchr(q, '&');
		len = amp ? (size_t)(amp - q) : strlen(q);
		if (len == 0 || strncmp(q, "_cursor=", 8) == 0)
			continue;
		buf_putc(&b, first ? '?' : '&');
		buf_append(&b, q, len);
		first = false;
	}
	if (cursor != NULL)
		buf_printf(&b, "%s_cursor=%s", first ? "?" : "&", cursor);
	return b.data;
}

static json_t *
withheld_entry(void)
{
	json_t *oo = json_pack("{s:s, s:[{s:s, s:s, s:s}]}", "resourceType",
	    "OperationOutcome", "issue", "severity", "information", "code", "suppressed",
	    "diagnostics", _("Some results may be withheld: the person has not shared "
	    "all of this kind of information with you."));

	return json_pack("{s:o, s:{s:s}}", "resource", oo, "search", "mode", "outcome");
}

/* Answers a searchset Bundle of entries (taking both references): total
 * matches, a next link after the id next (NULL: this is the last page). */
static void
send_bundle(struct req *r, const struct query *q, json_t *bundle, json_t *entries,
    size_t total, const char *next, bool withheld)
{
	json_t *links;

	json_object_set_new(bundle, "resourceType", json_string("Bundle"));
	if (withheld)
		json_object_set_new(bundle, "meta", json_pack("{s:[o]}", "security",
		    json_pack("{s:s, s:s, s:s}", "system", FHIR_REDACTED_SYSTEM, "code",
		    "REDACTED", "display", "redacted")));
	json_object_set_new(bundle, "type", json_string("searchset"));
	json_object_set_new(bundle, "total", json_integer((json_int_t)total));
	links = json_pack("[{s:s, s:s}]", "relation", "self", "url",
	    self_url(r, q->k->type, q->cursor));
	if (next != NULL)
		json_array_append_new(links, json_pack("{s:s, s:s}", "relation", "next", "url",
		    self_url(r, q->k->type, next)));
	json_object_set_new(bundle, "link", links);
	if (withheld)
		json_array_append_new(entries, withheld_entry());
	json_object_set_new(bundle, "entry", entries);
	resp_fhir(r, 200, bundle);
}

/* An entry of a searchset for e. */
static json_t *
match_entry(struct req *r, const char *base, const char *type, const struct fhir_res *e)
{
	json_t *entry = json_object();

	json_object_set_new(entry, "fullUrl", json_sprintf("%s/%s/%s", base, type, e->id));
	json_object_set(entry, "resource", e->json);
	json_object_set_new(entry, "search", json_pack("{s:s}", "mode", "match"));
	return entry;
}

/* Answers the Bundle of l's resources that pass q, one page of them. */
static void
answer(struct req *r, const struct query *q, struct fhir_list *l, bool withheld,
    const struct grant *g)
{
	json_t *bundle = json_object(), *entries = json_array();
	const char *base = base_url(r), *bad_name = NULL, *last = NULL;
	size_t i, shown = 0, matched = 0;
	bool bad = false, more = false;

	if (l->n > 1)
		qsort(l->v, l->n, sizeof(l->v[0]), by_id);
	for (i = 0; i < l->n; i++) {
		struct fhir_res *e = &l->v[i];

		if (!passes(q, e->json, &bad, &bad_name)) {
			if (bad) {
				json_decref(entries);
				json_decref(bundle);
				fhir_list_free(l);
				fail(r, 400, PROBLEM_INVALID_FORMAT, _("A search value is malformed."),
				    bad_name ? bad_name : "_id");
				return;
			}
			continue;
		}
		matched++;
		if (q->cursor != NULL && strcmp(e->id, q->cursor) <= 0)
			continue;
		if (shown == q->count) {
			more = true;
			continue;
		}
		if (g != NULL)
			note_shown(r, q->k, g, e, 1);
		json_array_append_new(entries, match_entry(r, base, q->k->type, e));
		last = e->id;
		shown++;
	}
	fhir_list_free(l);
	send_bundle(r, q, bundle, entries, matched, more ? last : NULL, withheld);
}

/* The value of the kind's own parameter name, or NULL. */
static const char *
own_value(const struct query *q, const char *name)
{
	size_t i;

	for (i = 0; i < q->nown; i++)
		if (strcmp(q->own[i].p->name, name) == 0)
			return q->own[i].value;
	return NULL;
}

static bool
in_list(const char *list, const char *id)
{
	size_t len = strlen(id);
	const char *p;

	for (p = list; p != NULL; p = strchr(p, ','), p = p ? p + 1 : NULL)
		if (strncmp(p, id, len) == 0 && (p[len] == ',' || p[len] == '\0'))
			return true;
	return false;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The persons in the staff member's care whose name starts with one of
 * the comma-separated names (NULL: all), in ids, once each. */
static int
caseload_ids(struct req *r, struct fhir_ctx *x, const char *names, const char ***ids,
    size_t *n)
{
	const struct list_grant *lg = door_my_lists(r);
	struct caseload_item *items;
	size_t ni, i, cap = 0;
	const char *v = names;
	bool more;
	int rc;

	*n = 0;
	if (lg == NULL)
		return 0;
	if ((rc = door_prefetch(r)) != 0)
		return rc;
	do {
		const char *comma = v ? strchr(v, ',') : NULL, *key = NULL;

		if (v != NULL)
			key = person_name_key(x->a, comma ? arena_strndup(x->a, v,
			    (size_t)(comma - v)) : v);
		if ((rc = store_caseload(x->s, x->a, lg, x->today, key, NULL, NULL, 5000,
		    &items, &ni, &more)) != 0)
			return rc;
		for (i = 0; i < ni; i++) {
			if (*n == cap)
				*ids = fhir_grow(x->a, *ids, &cap, sizeof(**ids));
			(*ids)[(*n)++] = items[i].p.id;
		}
		v = comma ? comma + 1 : NULL;
	} while (v != NULL);
	return 0;
}

/* A staff member's Patient search across the persons in their care. Who
 * is shown is chosen before anyone's record is read, so that the access
 * log notes exactly the persons shown (a "list" entry each): by the start
 * of a name (in the query), _id and the page; identifier finds one person
 * with the finder. Parameters that need the record itself to decide
 * (birthdate, _lastUpdated) are taken only with _id. */
static void
caseload_search(struct req *r, struct fhir_ctx *x, const struct query *q)
{
	const char *ident = own_value(q, "identifier"), **ids = NULL, *found, *bad_name = NULL;
	const char *base = base_url(r);
	json_t *entries = json_array();
	struct fhir_list l = {0};
	size_t n = 0, i, j, keep = 0, first, shown = 0;
	bool bad = false;
	int rc = 0;

	if ((own_value(q, "birthdate") != NULL || q->nlast > 0) && q->ids == NULL) {
		json_decref(entries);
		fail(r, 400, PROBLEM_BAD_REQUEST, _("Across the persons in your care, birthdate "
		    "and _lastUpdated need _id (or search by name)."), own_value(q, "birthdate") ?
		    "birthdate" : "_lastUpdated");
		return;
	}
	if (ident != NULL) {
		const char *bar = strrchr(ident, '|');

		switch (door_find_national_id(r, bar ? bar + 1 : ident, &found)) {
		case FIND_IN_CARE:
			ids = arena_alloc(x->a, sizeof(*ids));
			ids[n++] = found;
			break;
		case FIND_ERROR:
			rc = ERR_DB;
			break;
		default:
			break;
		}
	} else {
		rc = caseload_ids(r, x, own_value(q, "name"), &ids, &n);
	}
	if (rc != 0) {
		json_decref(entries);
		fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	/* Once each, in id order, only those _id names and the door allows. */
	if (n > 1)
		qsort(ids, n, sizeof(*ids), by_str);
	for (i = 0; i < n; i++) {
		if (keep > 0 && strcmp(ids[keep - 1], ids[i]) == 0)
			continue;
		if (q->ids != NULL && !in_list(q->ids, ids[i]))
			continue;
		if ((rc = door_listable(r, ids[i])) < 0)
			break;
		if (rc == 1)
			ids[keep++] = ids[i];
	}
	if (rc < 0) {
		json_decref(entries);
		fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	for (first = 0; q->cursor != NULL && first < keep && strcmp(ids[first], q->cursor) <= 0;
	    first++)
		;
	for (j = first; j < keep && shown < q->count; j++, shown++) {
		struct decision d;
		const struct grant *g = door_list(r, ids[j], CAT_BASIC, 0, &d);
		struct person p;

		if (g == NULL)
			continue;
		if ((rc = store_person_get(x->s, x->a, g, &p)) == ERR_NOT_FOUND)
			continue;
		if (rc != 0) {
			fhir_list_free(&l);
			json_decref(entries);
			fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
			return;
		}
		fhir_list_add(x->a, &l, fhir_patient(&p), CAT_BASIC);
	}
	for (i = 0; i < l.n; i++) {
		const struct fhir_param bd = {"birthdate", FP_DATE, "birthDate", NULL};
		const char *v = own_value(q, "birthdate");

		if ((v != NULL && !fhir_param_match(&bd, l.v[i].json, v, &bad)) ||
		    !passes_common(q, l.v[i].json, &bad, &bad_name)) {
			if (bad)
				break;
			continue;
		}
		json_array_append_new(entries, match_entry(r, base, "Patient", &l.v[i]));
	}
	fhir_list_free(&l);
	if (bad) {
		json_decref(entries);
		fail(r, 400, PROBLEM_INVALID_FORMAT, _("A search value is malformed."),
		    bad_name ? bad_name : "birthdate");
		return;
	}
	send_bundle(r, q, json_object(), entries, keep, j < keep ? ids[j - 1] : NULL, false);
}

void
fhir_search(struct req *r)
{
	struct query q = {0};
	struct fhir_ctx x = ctx(r);
	struct fhir_list l = {0};
	const struct grant *g = NULL;
	struct decision d = {0};
	struct person self;
	bool withheld = false;
	int rc = 0;

	q.k = path_kind(r);
	q.count = COUNT_DEFAULT;
	if (q.k == NULL) {
		fail(r, 404, PROBLEM_NOT_FOUND, _("This server has no such resource type."), NULL);
		return;
	}
	if (!each_param(r, take_param, &q))
		return;
	if (q.k->access == FA_PUBLIC || q.k->access == FA_STAFF) {
		size_t n = q.nown;

		if (q.ids != NULL) {
			q.own[n].p = &id_param;
			q.own[n++].value = q.ids;
		}
		rc = gather(r, &x, q.k, NULL, q.own, n, &l);
		goto done;
	}
	if (q.patient == NULL) {
		/* The person's own; staff name the person, but for Patient,
		 * where they search the persons in their care. */
		if (door_self(r, &self, &rc) != NULL) {
			q.patient = self.id;
		} else if (rc != ERR_NOT_FOUND) {
			fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
			return;
		} else if (strcmp(q.k->type, "Patient") == 0) {
			caseload_search(r, &x, &q);
			return;
		} else {
			fail(r, 400, PROBLEM_REQUIRED, _("Name the person: patient=ID."), "patient");
			return;
		}
	}
	{
		g = open_kind(r, q.k, q.patient, &d);
		if (g == NULL && d.status == 503) {
			fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
			return;
		}
		if (g != NULL) {
			withheld = withholds(q.k, g);
			rc = q.k->collect(&x, g, &l);
		} else {
			/* Someone who knows the person is told that something is
			 * withheld; anyone else gets what a stranger's id gets. */
			withheld = d.status == 403;
		}
	}
done:
	if (rc != 0) {
		fhir_list_free(&l);
		fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	answer(r, &q, &l, withheld, g);
}

/* --- $everything ---------------------------------------------------------- */

void
fhir_everything(struct req *r)
{
	const char *pid = req_param(r, 0);
	struct fhir_ctx x = ctx(r);
	const struct grant **grants = arena_alloc(&r->arena, fhir_nkinds * sizeof(*grants));
	const struct grant *all;
	struct decision d;
	json_t *bundle;
	size_t k;
	int c;

	/* The person themself, or a reader of every category. */
	all = door_open(r, pid, PA_READ, CAT_BASIC, CAT_ALL, &d);
	if (all == NULL) {
		fail(r, d.status == 503 ? 503 : 404, d.status == 503 ? PROBLEM_UNAVAILABLE :
		    PROBLEM_NOT_FOUND, NULL, NULL);
		return;
	}
	for (c = 0; c < CAT_COUNT; c++)
		if (!grant_covers(all, (enum category)c)) {
			fail(r, 403, PROBLEM_FORBIDDEN, _("Everything about a person is for the "
			    "person, and for those they share all of it with."), NULL);
			return;
		}
	for (k = 0; k < fhir_nkinds; k++) {
		const struct fhir_kind *kind = fhir_kinds[k];

		grants[k] = NULL;
		if (!kind->in_everything)
			continue;
		if (kind->access == FA_PERSON)
			grants[k] = all;
		else
			grants[k] = open_kind(r, kind, pid, &d);
		if (grants[k] == NULL && d.status == 503) {
			fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
			return;
		}
	}
	if (view_fhir_everything(&x, grants, base_url(r), "searchset", &bundle) != 0) {
		fail(r, 503, PROBLEM_UNAVAILABLE, NULL, NULL);
		return;
	}
	resp_fhir(r, 200, bundle);
}

/* --- the CapabilityStatement ---------------------------------------------- */

static const char *const param_types[] = {"token", "date", "string", "reference"};

static json_t *
search_param(const char *name, const char *type, const char *doc)
{
	return json_pack("{s:s, s:s, s:s}", "name", name, "type", type, "documentation", doc);
}

static json_t *
resource_json(const struct fhir_kind *k)
{
	json_t *o = json_object(), *params = json_array(), *interactions;
	const struct fhir_param *p;

	json_object_set_new(o, "type", json_string(k->type));
	json_object_set_new(o, "interaction", interactions = json_pack("[{s:s}, {s:s}]",
	    "code", "read", "code", "search-type"));
	if (k->writes & FW_CREATE)
		json_array_append_new(interactions, json_pack("{s:s}", "code", "create"));
	if (k->writes & FW_UPDATE) {
		json_array_append_new(interactions, json_pack("{s:s}", "code", "update"));
		json_object_set_new(o, "updateCreate", json_false());
	}
	json_object_set_new(o, "versioning", json_string("versioned"));
	json_object_set_new(o, "readHistory", json_false());
	json_array_append_new(params, search_param("_id", "token", "the resource id"));
	json_array_append_new(params, search_param("_lastUpdated", "date",
	    "when the resource last changed"));
	json_array_append_new(params, search_param("_count", "number",
	    "how many per page (1 to 500, 50 if not given); a next link pages on"));
	if (k->access != FA_PUBLIC && k->access != FA_STAFF && strcmp(k->type, "Patient") != 0)
		json_array_append_new(params, search_param("patient", "reference",
		    "the person (Patient/ID); the person's own when not given"));
	for (p = k->params; p != NULL && p->name != NULL; p++)
		json_array_append_new(params, search_param(p->name, param_types[p->type], p->doc));
	json_object_set_new(o, "searchParam", params);
	if (strcmp(k->type, "Patient") == 0)
		json_object_set_new(o, "operation", json_pack("[{s:s, s:s}]", "name",
		    "everything", "definition",
		    "http://hl7.org/fhir/OperationDefinition/Patient-everything"));
	return o;
}

void
fhir_metadata(struct req *r)
{
	json_t *doc = json_object(), *rest = json_object(), *res = json_array();
	size_t k;

	for (k = 0; k < fhir_nkinds; k++)
		json_array_append_new(res, resource_json(fhir_kinds[k]));
	json_object_set_new(doc, "resourceType", json_string("CapabilityStatement"));
	json_object_set_new(doc, "id", json_string("rosc"));
	json_object_set_new(doc, "status", json_string("active"));
	json_object_set_new(doc, "date", json_string("2026-12-07"));
	json_object_set_new(doc, "publisher", json_string("rosc"));
	json_object_set_new(doc, "kind", json_string("instance"));
	json_object_set_new(doc, "software", json_pack("{s:s, s:s}", "name", "rosc",
	    "version", ROSC_VERSION));
	json_object_set_new(doc, "implementation", json_pack("{s:s, s:s}", "description",
	    "rosc: a recovery-oriented system of care", "url", base_url(r)));
	json_object_set_new(doc, "fhirVersion", json_string("4.0.1"));
	json_object_set_new(doc, "format", json_pack("[s, s]", "json", "application/fhir+json"));
	json_object_set_new(rest, "mode", json_string("server"));
	json_object_set_new(rest, "documentation", json_string(
	    "What a caller may not see is absent; a search that left something out says "
	    "so with a REDACTED security label and an OperationOutcome entry. rosc's own "
	    "codes are in code systems whose canonical URLs begin " FHIR_ROSC ": (the same "
	    "on every installation); each is published here as CodeSystem/{name}, with "
	    "its Dutch and Danish words. The mapping of every rosc concept is in the "
	    "source's docs/FHIR.md."));
	/* No OAuth: rosc's own API tokens, so no restful-security-service code
	 * fits; the description says what to send. */
	json_object_set_new(rest, "security", json_pack("{s:b, s:s}", "cors", 0,
	    "description", "An API token (made under Settings, API tokens) as a Bearer "
	    "token: Authorization: Bearer TOKEN."));
	json_object_set_new(rest, "resource", res);
	json_object_set_new(doc, "rest", json_pack("[o]", rest));
	resp_fhir(r, 200, doc);
}
