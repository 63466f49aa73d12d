/* The check-in reads for many persons at once (store_checkin_trends(),
 * store_checkin_last()) on a real SQLite database: more persons than one
 * statement takes, grants that do not cover check-ins left out, craving
 * and use only with substance-use details, everyone's last day and
 * rhythm. */
#include "test.h"
#include "tmpdir.h"

#include <sodium.h>

#include "access/door.h"
#include "base/arena.h"
#include "base/err.h"
#include "core/checkin.h"
#include "store/checkins.h"
#include "store/load.h"
#include "store/store.h"

#define PERSONS 40

static char url[256];
static char ids[PERSONS][33];
static const char *user = "00000000000000000000000000000001";

static int
load_people(struct store_tx *tx, void *arg)
{
	static const char *const oc[] = {"id", "name", "name_key", "sector", "time_zone",
	    "created_us"};
	static const char *const uc[] = {"id", "username", "username_key", "display_name", "kind",
	    "created_us"};
	static const char *const pc[] = {"id", "display_name", "name_key", "name_sort",
	    "time_zone", "home_org_id", "created_us", "updated_us"};
	const char *org = "00000000000000000000000000000002";
	struct store_load *l;
	int i, rc;

	(void)arg;
	if ((rc = store_load_begin(tx, "organisation", oc, 6, &l)) != 0)
		return rc;
	store_load_row(l, (const char *const[]){org, "Nordlys", "nordlys",
	    "addiction_treatment", "Europe/Copenhagen", "1"});
	if ((rc = store_load_end(l)) != 0)
		return rc;
	if ((rc = store_load_begin(tx, "user_account", uc, 6, &l)) != 0)
		return rc;
	store_load_row(l, (const char *const[]){user, "p", "p", "P", "person", "1"});
	if ((rc = store_load_end(l)) != 0)
		return rc;
	if ((rc = store_load_begin(tx, "person", pc, 8, &l)) != 0)
		return rc;
	for (i = 0; i < PERSONS; i++)
		store_load_row(l, (const char *const[]){ids[i], "P", "p", "70", "Europe/Copenhagen",
		    org, "1", "1"});
	return store_load_end(l);
}

/* Person i checks in on i % 3 + 1 days up to 2027-05-10; every fourth
 * chose a weekly rhythm. The last person never checked in. */
static int
load_checkins(struct store_tx *tx, void *arg)
{
	struct arena *a = arg;
	struct checkin_pref p;
	int i, k, rc;

	for (i = 0; i < PERSONS - 1; i++) {
		const struct grant *g = door_command_line(a, ids[i]);

		for (k = 0; k < i % 3 + 1; k++) {
			struct checkin c = {.person_id = ids[i], .mood = 3, .craving = i % 11,
			    .use = CU_NONE, .sleep = 3, .supported = 3, .created_by = user};
			char *id = arena_printf(a, "%030d%02d", i, k);

			c.id = id;
			snprintf(c.day, sizeof(c.day), "2027-05-%02d", 10 - k);
			c.at_us = k;
			if ((rc = store_tx_checkin_insert(tx, g, &c)) != 0)
				return rc;
		}
		if (i % 4 == 0) {
			checkin_pref_default(&p);
			p.every_days = 7;
			if ((rc = store_tx_checkin_pref_set(tx, g, &p, 1)) != 0)
				return rc;
		}
	}
	return 0;
}

static void
many_persons(void **state)
{
	struct arena a = ARENA_INIT;
	const struct grant *gs[PERSONS];
	struct checkin_trend *t;
	struct checkin_last *l;
	struct store *s;
	size_t n, i, withheld = 0, shown = 0;
	int j;

	(void)state;
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	for (j = 0; j < PERSONS; j++)
		snprintf(ids[j], sizeof(ids[j]), "%032x", j + 16);
	assert_int_equal(store_write(s, load_people, NULL), 0);
	assert_int_equal(store_write(s, load_checkins, &a), 0);
	/* Person 0: no check-ins grant at all (appointments only); person 1:
	 * check-ins without substance use; the rest everything. */
	gs[0] = door_reminders(&a, ids[0]);
	gs[1] = door_checkin_reminders(&a, ids[1]);
	for (j = 2; j < PERSONS; j++)
		gs[j] = door_command_line(&a, ids[j]);

	assert_int_equal(store_checkin_trends(s, &a, gs, PERSONS, "2027-05-09", &t, &n), 0);
	/* From the 9th: persons 1..38 with i % 3 >= 1 have two days, the
	 * others one; person 0 is left out, person 39 never checked in. */
	{
		size_t want = 0;

		for (j = 1; j < PERSONS - 1; j++)
			want += j % 3 == 0 ? 1 : 2;
		assert_int_equal(n, want);
	}
	for (i = 0; i < n; i++) {
		assert_true(strcmp(t[i].person_id, ids[0]) != 0);
		assert_true(strcmp(t[i].day, "2027-05-09") >= 0);
		if (strcmp(t[i].person_id, ids[1]) == 0) {
			assert_int_equal(t[i].craving, -1);
			assert_int_equal(t[i].use, CU_SKIPPED);
			withheld++;
		} else {
			assert_true(t[i].craving >= 0);
			assert_int_equal(t[i].use, CU_NONE);
			shown++;
		}
		/* Each person's rows oldest first. */
		if (i > 0 && strcmp(t[i].person_id, t[i - 1].person_id) == 0)
			assert_true(strcmp(t[i - 1].day, t[i].day) <= 0);
	}
	assert_int_equal(withheld, 2);
	assert_true(shown > 32);

	assert_int_equal(store_checkin_last(s, &a, gs, PERSONS, &l, &n), 0);
	assert_int_equal(n, PERSONS - 1);
	for (i = 0; i < n; i++) {
		int who = -1;

		for (j = 0; j < PERSONS; j++)
			if (strcmp(l[i].person_id, ids[j]) == 0)
				who = j;
		assert_true(who > 0);
		assert_string_equal(l[i].last_day, who == PERSONS - 1 ? "" : "2027-05-10");
		assert_int_equal(l[i].every_days, who % 4 == 0 ? 7 : 0);
	}
	/* None at all: no statement, nothing. */
	assert_int_equal(store_checkin_last(s, &a, gs, 1, &l, &n), 0);
	assert_int_equal(n, 0);
	store_request_end(s);
	store_close(s);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(many_persons),
	};
	struct store *s;
	int applied;

	if (sodium_init() < 0)
		return 1;
	make_tmpdir();
	snprintf(url, sizeof(url), "sqlite:%s/rosc.db", tmpdir);
	if (store_open(url, STORE_CREATE, &s) != 0 || store_migrate(s, &applied) != 0)
		return 1;
	store_close(s);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
