#include "test.h"
#include "tmpdir.h"

#include <sodium.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/directory.h"
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(upsert_updates_by_id),
		cmocka_unit_test(search_filters_and_pages),
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
