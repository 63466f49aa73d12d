#include "test.h"
#include "tmpdir.h"

#include <sodium.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/timefmt.h"
#include "core/directory.h"
#include "core/account.h"
#include "store/accounts.h"
#include "store/directory.h"
#include "store/store.h"

static struct store *s;

struct put {
	struct service sv;
	const char *langs[3];
};

static int
put_one(struct store_tx *tx, void *arg)
{
	struct put *p = arg;
	size_t i;
	int rc = store_tx_service_put(tx, &p->sv);

	for (i = 0; rc == 0 && i < 3 && p->langs[i]; i++) {
		struct service_language l = {p->sv.id, p->langs[i], NULL, NULL};

		rc = store_tx_service_language_put(tx, &l);
	}
	return rc;
}

static int
fixture(struct store_tx *tx, void *arg)
{
	struct dir_org o = {0};

	(void)arg;
	o.id = "org-a";
	o.name = "Gældsrådgivningen";
	o.updated_us = 1;
	return store_tx_dir_org_put(tx, &o);
}

static void
put(const char *id, const char *name, const char *desc, enum stage stage,
    unsigned domains, bool video, int capacity, const char *lang)
{
	struct put p = {0};

	p.sv.id = id;
	p.sv.organization_id = "org-a";
	p.sv.name = name;
	p.sv.description = desc;
	p.sv.stage = stage;
	p.sv.domains = domains;
	p.sv.video = video;
	p.sv.has_capacity = capacity >= 0;
	p.sv.capacity_available = capacity;
	p.sv.updated_us = 2;
	p.langs[0] = lang;
	assert_int_equal(store_write(s, put_one, &p), 0);
}

static size_t
count(const struct service_query *q)
{
	struct arena a = ARENA_INIT;
	struct service *out;
	size_t n;
	bool more;

	assert_int_equal(store_services_search(s, &a, q, &out, &n, &more), 0);
	store_request_end(s);
	arena_free(&a);
	return n;
}

static struct service_query
all(void)
{
	struct service_query q = {0};

	q.stage = STAGE_NONE;
	q.domain = -1;
	q.limit = 50;
	return q;
}

static void
upsert_updates_by_id(void **state)
{
	struct arena a = ARENA_INIT;
	struct service sv;

	(void)state;
	put("svc-1", "Afrusning", "Døgnophold", STAGE_TREATMENT, 1u << DOM_SUBSTANCE_USE,
	    false, 2, "da");
	put("svc-1", "Afrusning og abstinens", "Døgnophold", STAGE_TREATMENT,
	    1u << DOM_SUBSTANCE_USE, false, 3, "da");
	assert_int_equal(store_service_get(s, &a, "svc-1", &sv), 0);
	assert_string_equal(sv.name, "Afrusning og abstinens");
	assert_int_equal(sv.version, 2);
	assert_int_equal(sv.capacity_available, 3);
	assert_true(sv.shares & CAT_BIT(CAT_BASIC));
	assert_string_equal(sv.organization_name, "Gældsrådgivningen");
	assert_int_equal(sv.stage, STAGE_TREATMENT);
	assert_int_equal(store_service_get(s, &a, "svc-none", &sv), ERR_NOT_FOUND);
	store_request_end(s);
	arena_free(&a);
}

static void
search_filters_and_pages(void **state)
{
	struct arena a = ARENA_INIT;
	struct service_query q;
	struct service *out;
	size_t n;
	bool more;

	(void)state;
	put("svc-2", "Gældsrådgivning", "Hjælp med gæld (100% gratis)", STAGE_REINTEGRATION,
	    1u << DOM_FINANCES, true, -1, "en");
	put("svc-3", "Boligstøtte", "Hjælp til husleje", STAGE_REINTEGRATION,
	    (1u << DOM_HOUSING) | (1u << DOM_FINANCES), false, 0, "da");

	q = all();
	assert_int_equal(count(&q), 3);
	q.words[0] = "gæld";
	assert_int_equal(count(&q), 3);          /* the organisation's name matches all */
	q = all();
	q.words[0] = "hjælp";
	q.words[1] = "husleje";
	assert_int_equal(count(&q), 1);
	q = all();
	q.words[0] = "100%";
	assert_int_equal(count(&q), 1);
	q.words[0] = "_";                        /* a wildcard only when escaped away */
	assert_int_equal(count(&q), 0);
	q = all();
	q.stage = STAGE_REINTEGRATION;
	assert_int_equal(count(&q), 2);
	q.domain = DOM_HOUSING;
	assert_int_equal(count(&q), 1);
	q = all();
	q.video_only = true;
	assert_int_equal(count(&q), 1);
	q = all();
	q.capacity_only = true;                  /* svc-1 has 3; svc-3 has 0 */
	assert_int_equal(count(&q), 1);
	q = all();
	q.lang = "da";
	assert_int_equal(count(&q), 2);

	q = all();
	q.limit = 2;
	assert_int_equal(store_services_search(s, &a, &q, &out, &n, &more), 0);
	assert_int_equal(n, 2);
	assert_true(more);
	assert_string_equal(out[0].name, "Afrusning og abstinens");
	q.after_name = out[1].name;
	q.after_id = out[1].id;
	assert_int_equal(store_services_search(s, &a, &q, &out, &n, &more), 0);
	assert_int_equal(n, 1);
	assert_false(more);
	assert_string_equal(out[0].id, "svc-2");
	store_request_end(s);
	arena_free(&a);
}

static void
codes_round_trip(void **state)
{
	struct arena a = ARENA_INIT;
	unsigned bits;
	enum stage st;

	(void)state;
	assert_string_equal(domains_to_text(&a, (1u << DOM_HOUSING) | (1u << DOM_FAMILY)),
	    ",housing,family,");
	assert_true(domains_parse(",housing,family,", &bits));
	assert_int_equal(bits, (1u << DOM_HOUSING) | (1u << DOM_FAMILY));
	assert_false(domains_parse(",housing,castles,", &bits));
	assert_true(categories_parse("basic,plan", &bits));
	assert_int_equal(bits, CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_PLAN));
	assert_true(stage_parse("recovery_support", &st));
	assert_int_equal(st, STAGE_RECOVERY_SUPPORT);
	assert_false(stage_parse("Treatment", &st));
	arena_free(&a);
}

static int64_t
at(const char *iso)
{
	int64_t us;

	assert_int_equal(clock_parse_instant(iso, &us), 0);
	return us;
}

/* Opening hours in local time: the day, the edges, past midnight, all
 * day, summer time, and zones that ICU does not know. */
static void
open_now_rules(void **state)
{
	struct dir_schedule cph = {0}, ny = {0};
	struct arena a = ARENA_INIT;
	struct open_slot slots[OPEN_SLOTS];
	const char *zones[] = {"Europe/Copenhagen", "Europe/Amsterdam", "America/New_York",
		"Mars/Olympus"};
	int wd, minute;

	(void)state;
	assert_true(schedule_open_at("TU", "09:00", "17:00", 1, 9 * 60));
	assert_true(schedule_open_at("TU", "09:00", "17:00", 1, 17 * 60 - 1));
	assert_false(schedule_open_at("TU", "09:00", "17:00", 1, 17 * 60));
	assert_false(schedule_open_at("TU", "09:00", "17:00", 1, 9 * 60 - 1));
	assert_false(schedule_open_at("TU", "09:00", "17:00", 2, 10 * 60));
	assert_true(schedule_open_at("SU", "00:00", "23:59", 6, 23 * 60 + 59));
	/* Sunday 22:00 to Monday 02:00 */
	assert_true(schedule_open_at("SU", "22:00", "02:00", 6, 23 * 60));
	assert_true(schedule_open_at("SU", "22:00", "02:00", 0, 60));
	assert_false(schedule_open_at("SU", "22:00", "02:00", 0, 2 * 60));
	assert_false(schedule_open_at("SU", "22:00", "02:00", 6, 21 * 60));
	assert_false(schedule_open_at("XX", "09:00", "17:00", 1, 10 * 60));
	assert_false(schedule_open_at("TU", "9:00", "17:00", 1, 10 * 60));
	assert_false(schedule_time_valid("24:00"));
	assert_false(schedule_time_valid("12:60"));
	assert_true(schedule_time_valid("23:59"));

	/* 10:00 UTC is 11:00 in Copenhagen in March, 12:00 in July. */
	assert_true(timefmt_local_week(at("2026-03-03T10:00:00Z"), "Europe/Copenhagen", &wd,
	    &minute));
	assert_int_equal(wd, 1);
	assert_int_equal(minute, 11 * 60);
	cph.byday = "TU";
	cph.opens_at = "11:30";
	cph.closes_at = "12:30";
	cph.timezone = "Europe/Copenhagen";
	assert_false(schedule_open_now(&cph, at("2026-03-03T10:00:00Z")));
	assert_true(schedule_open_now(&cph, at("2026-07-07T10:00:00Z")));
	/* Tuesday 05:00 in New York is Tuesday 11:00 in Copenhagen. */
	ny = cph;
	ny.timezone = "America/New_York";
	ny.opens_at = "04:00";
	ny.closes_at = "06:00";
	assert_true(schedule_open_now(&ny, at("2026-03-03T10:00:00Z")));
	ny.timezone = "Mars/Olympus";
	assert_false(schedule_open_now(&ny, at("2026-03-03T10:00:00Z")));

	/* Copenhagen and Amsterdam share a slot; New York has its own. */
	assert_int_equal(open_slots(&a, zones, 4, at("2026-03-03T10:00:00Z"), slots), 2);
	assert_string_equal(slots[0].zones, "|Europe/Copenhagen|Europe/Amsterdam|");
	assert_string_equal(slots[0].day, "TU");
	assert_string_equal(slots[0].prev, "MO");
	assert_string_equal(slots[0].time, "11:00");
	assert_string_equal(slots[1].zones, "|America/New_York|");
	assert_string_equal(slots[1].time, "05:00");
	arena_free(&a);
}

static int
put_hours(struct store_tx *tx, void *arg)
{
	const struct dir_schedule *h = arg;
	int rc = 0;

	for (; rc == 0 && h->id != NULL; h++)
		rc = store_tx_schedule_put(tx, h);
	return rc;
}

/* The search's SQL gives what schedule_open_now() gives, zone by zone. */
static void
search_open_now(void **state)
{
	static const struct dir_schedule hours[] = {
		{.id = "h1", .service_id = "svc-1", .freq = "WEEKLY", .byday = "TU",
		 .opens_at = "11:30", .closes_at = "12:30", .timezone = "Europe/Copenhagen"},
		{.id = "h2", .service_id = "svc-2", .freq = "WEEKLY", .byday = "TU",
		 .opens_at = "04:00", .closes_at = "06:00", .timezone = "America/New_York"},
		{.id = "h3", .service_id = "svc-3", .freq = "WEEKLY", .byday = "MO",
		 .opens_at = "22:00", .closes_at = "02:00", .timezone = "Europe/Amsterdam"},
		{0},
	};
	struct service_query q = all();

	(void)state;
	assert_int_equal(store_write(s, put_hours, (void *)hours), 0);
	q.open_now = true;
	q.now = at("2026-03-03T10:00:00Z");       /* CPH 11:00, NY 05:00 */
	assert_int_equal(count(&q), 1);
	q.now = at("2026-07-07T10:00:00Z");       /* CPH 12:00, NY 06:00 */
	assert_int_equal(count(&q), 1);
	q.now = at("2026-03-03T00:30:00Z");       /* AMS Tuesday 01:30 */
	assert_int_equal(count(&q), 1);
	q.now = at("2026-03-04T10:00:00Z");       /* a Wednesday */
	assert_int_equal(count(&q), 0);
	q.open_now = false;
	assert_int_equal(count(&q), 3);
}

struct edit {
	struct service sv;
	int64_t from;
	int rc, available;
	bool set;
	int value;
};

static int
edit_one(struct store_tx *tx, void *arg)
{
	struct edit *e = arg;
	struct service_language l = {e->sv.id, "nl", NULL, "Dutch"};

	e->rc = store_tx_service_update(tx, "rosc-org", &e->sv, e->from, &l, 1, NULL, 0);
	return 0;
}

static int
tap(struct store_tx *tx, void *arg)
{
	struct edit *e = arg;

	e->rc = store_tx_capacity_update(tx, "rosc-org", e->sv.id, e->set, e->value, 99,
	    &e->available);
	return 0;
}

/* rosc-org runs org-a; org-b (with svc-4) is run by nobody. */
static int
managed_fixture(struct store_tx *tx, void *arg)
{
	struct organisation ro = {"rosc-org", "Rosc Org", "Europe/Copenhagen", SECTOR_ADDICTION_TREATMENT,
		1, 0};
	struct dir_org o = {0};
	struct service sv = {0};
	int rc;

	(void)arg;
	if ((rc = store_tx_org_insert(tx, &ro, "rosc org")) != 0)
		return rc;
	o.id = "org-a";
	o.name = "Gældsrådgivningen";
	o.managed_by = "rosc-org";
	o.updated_us = 3;
	if ((rc = store_tx_dir_org_put(tx, &o)) != 0)
		return rc;
	o.id = "org-b";
	o.managed_by = NULL;
	if ((rc = store_tx_dir_org_put(tx, &o)) != 0)
		return rc;
	sv.id = "svc-4";
	sv.organization_id = "org-b";
	sv.name = "Andet";
	sv.stage = STAGE_NONE;
	sv.updated_us = 3;
	return store_tx_service_put(tx, &sv);
}

/* Edits check the version and the managing organisation; a tap moves the
 * count within 0 and the maximum, without a version. */
static void
edit_and_capacity(void **state)
{
	struct arena a = ARENA_INIT;
	struct edit e = {0};
	struct service sv;

	(void)state;
	assert_int_equal(store_write(s, managed_fixture, NULL), 0);
	assert_int_equal(store_service_get(s, &a, "svc-1", &sv), 0);
	store_request_end(s);
	e.sv = sv;
	e.sv.name = "Afrusning, ny";
	e.sv.capacity_maximum = 4;
	e.from = sv.version - 1;                  /* someone saved in between */
	assert_int_equal(store_write(s, edit_one, &e), 0);
	assert_int_equal(e.rc, ERR_CONFLICT);
	e.from = sv.version;
	assert_int_equal(store_write(s, edit_one, &e), 0);
	assert_int_equal(e.rc, 0);
	assert_int_equal(e.sv.version, sv.version + 1);
	assert_int_equal(store_write(s, edit_one, &e), 0);
	assert_int_equal(e.rc, ERR_CONFLICT);     /* the old version again */

	e.value = 1;
	assert_int_equal(store_write(s, tap, &e), 0);
	assert_int_equal(e.rc, 0);
	assert_int_equal(e.available, 4);         /* 3 + 1, within the maximum 4 */
	assert_int_equal(store_write(s, tap, &e), 0);
	assert_int_equal(e.available, 4);
	e.value = -10;
	assert_int_equal(store_write(s, tap, &e), 0);
	assert_int_equal(e.available, 0);
	e.set = true;
	e.value = 2;
	assert_int_equal(store_write(s, tap, &e), 0);
	assert_int_equal(e.available, 2);
	assert_int_equal(store_service_get(s, &a, "svc-1", &sv), 0);
	assert_int_equal(sv.capacity_updated_us, 99);
	assert_string_equal(sv.name, "Afrusning, ny");
	assert_int_equal(sv.version, e.sv.version); /* a tap is no edit */
	store_request_end(s);
	/* A service of an organisation rosc-org does not run. */
	e.sv.id = "svc-4";
	assert_int_equal(store_write(s, tap, &e), 0);
	assert_int_equal(e.rc, ERR_NOT_FOUND);
	e.from = 1;
	assert_int_equal(store_write(s, edit_one, &e), 0);
	assert_int_equal(e.rc, ERR_NOT_FOUND);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upsert_updates_by_id),
		cmocka_unit_test(search_filters_and_pages),
		cmocka_unit_test(open_now_rules),
		cmocka_unit_test(search_open_now),
		cmocka_unit_test(edit_and_capacity),
		cmocka_unit_test(codes_round_trip),
	};
	char url[256];
	int applied, rc;

	if (sodium_init() < 0)
		return 1;
	make_tmpdir();
	snprintf(url, sizeof(url), "sqlite:%s/rosc.db", tmpdir);
	if (store_open(url, STORE_CREATE, &s) != 0 || store_migrate(s, &applied) != 0)
		return 1;
	store_close(s);
	if (store_open(url, STORE_SERVE, &s) != 0 || store_write(s, fixture, NULL) != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	store_close(s);
	return rc;
}
