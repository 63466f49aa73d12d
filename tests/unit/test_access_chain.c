/* The access log's chain (store/access_chain.c): links made per group
 * commit over the entries really inserted, and each way of tampering with
 * the database behind rosc's back found at the right link. Each case
 * works on a fresh SQLite database of its own. */
#include "test.h"
#include "tmpdir.h"

#include <sodium.h>
#include <sqlite3.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/access_chain.h"
#include "store/access_log.h"
#include "store/backend.h"
#include "store/store.h"

#define PERSON "p0000000000000000000000000000001"
#define ACTOR "a0000000000000000000000000000001"
#define ORG "o0000000000000000000000000000001"
#define T0 INT64_C(1772528400000000)

static int seq_no;

/* Runs SQL on the file directly, as someone with access to it could. */
static void
tamper(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static int64_t
count(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t n;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

struct batch {
	int64_t at;
	int n;        /* entries; a list entry twice the same day is one */
	int fail;     /* the write fails after its entries: rolled back */
};

static int
write_entries(struct store_tx *tx, void *arg)
{
	struct batch *b = arg;
	int i, rc;

	for (i = 0; i < b->n; i++) {
		rc = store_tx_access_append(tx, PERSON, b->at + i, ACTOR, ORG,
		    i % 3 == 2 ? "list" : "plan", i % 3 == 2 ? "list" : "read", "consent");
		if (rc != 0)
			return rc;
	}
	return b->fail ? ERR_CONFLICT : 0;
}

static void
open_path(const char *path, int mode, struct store **s)
{
	char url[300];

	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(store_open(url, mode, s), 0);
}

/* A database with two entries from before the chain, then four commits:
 * links 1 (the old entries), 2, 3, 4, 5. */
static void
fresh(const char *name, char *path, size_t size)
{
	struct store *s;
	struct batch b;
	int applied, i;

	snprintf(path, size, "%s/%s-%d.db", tmpdir, name, ++seq_no);
	open_path(path, STORE_CREATE, &s);
	assert_int_equal(store_migrate(s, &applied), 0);
	store_close(s);
	tamper(path, "INSERT INTO organisation (id, name, name_key, sector, time_zone, "
	    "created_us) VALUES ('" ORG "', 'Org', 'org', 'community', 'Europe/Copenhagen', 1);"
	    "INSERT INTO person (id, display_name, name_key, name_sort, time_zone, "
	    "home_org_id, created_us, updated_us) VALUES ('" PERSON "', 'Mette', 'mette', "
	    "'00', 'Europe/Copenhagen', '" ORG "', 1, 1);"
	    "INSERT INTO access_log (person_id, at_us, id, actor_id, what, action, why, day) "
	    "VALUES ('" PERSON "', 1000, 'old1', '" ACTOR "', 'plan', 'read', 'duty', "
	    "'1970-01-01'), ('" PERSON "', 2000, 'old2', '" ACTOR "', 'goals', 'read', "
	    "'duty', '1970-01-01')");
	open_path(path, STORE_SERVE, &s);
	for (i = 0; i < 4; i++) {
		b = (struct batch){T0 + i * INT64_C(86400000000), 3 + i, 0};
		assert_int_equal(store_write(s, write_entries, &b), 0);
	}
	store_close(s);
}

static void
expect(const char *path, const char *problem, int64_t first_bad)
{
	struct access_verdict v;
	struct store *s;

	open_path(path, STORE_SERVE, &s);
	assert_int_equal(store_access_chain_verify(s, &v), 0);
	store_close(s);
	if (problem == NULL) {
		if (v.problem != NULL)
			fail_msg("expected intact, got %s at %lld", v.problem, (long long)v.first_bad);
		return;
	}
	if (v.problem == NULL)
		fail_msg("expected %s at %lld, got intact", problem, (long long)first_bad);
	assert_string_equal(v.problem, problem);
	assert_int_equal(v.first_bad, first_bad);
}

static void
one_link_per_commit(void **state)
{
	struct access_verdict v;
	struct store *s;
	char path[256];

	(void)state;
	fresh("links", path, sizeof(path));
	assert_int_equal(count(path, "SELECT count(*) FROM access_link"), 5);
	assert_int_equal(count(path, "SELECT entries FROM access_link WHERE seq = 1"), 2);
	assert_int_equal(count(path, "SELECT entries FROM access_link WHERE seq = 2"), 3);
	/* Its second list entry that day was not inserted. */
	assert_int_equal(count(path, "SELECT count(*) FROM access_log WHERE link_seq = 5"), 5);
	open_path(path, STORE_SERVE, &s);
	assert_int_equal(store_access_chain_verify(s, &v), 0);
	store_close(s);
	assert_null(v.problem);
	assert_int_equal(v.links, 5);
	assert_int_equal(v.entries, 2 + 3 + 4 + 5 + 5);
	assert_int_equal(v.verified_seq, 5);
}

/* A list entry already there today is not inserted again, and a write
 * rolled back leaves nothing in the link: the link counts what is there. */
static void
only_inserted_entries_are_linked(void **state)
{
	struct store *s;
	struct batch b;
	char path[256];

	(void)state;
	fresh("inserted", path, sizeof(path));
	open_path(path, STORE_SERVE, &s);
	b = (struct batch){T0 + 3 * INT64_C(86400000000) + 100, 3, 0};  /* list again */
	assert_int_equal(store_write(s, write_entries, &b), 0);
	b = (struct batch){T0 + 10 * INT64_C(86400000000), 2, 1};       /* fails */
	assert_int_equal(store_write(s, write_entries, &b), ERR_CONFLICT);
	store_close(s);
	assert_int_equal(count(path, "SELECT entries FROM access_link WHERE seq = 6"), 2);
	assert_int_equal(count(path, "SELECT count(*) FROM access_link"), 6);
	expect(path, NULL, 0);
}

static void
edited_entry(void **state)
{
	char path[256];

	(void)state;
	fresh("edit", path, sizeof(path));
	tamper(path, "UPDATE access_log SET why = 'duty' WHERE link_seq = 3 AND what = 'plan' "
	    "AND at_us = (SELECT min(at_us) FROM access_log WHERE link_seq = 3)");
	expect(path, "entry_changed", 3);
}

static void
edited_old_entry(void **state)
{
	char path[256];

	(void)state;
	fresh("old", path, sizeof(path));
	tamper(path, "UPDATE access_log SET actor_id = 'someone else' WHERE id = 'old2'");
	expect(path, "entry_changed", 1);
}

static void
deleted_entry(void **state)
{
	char path[256];

	(void)state;
	fresh("delete", path, sizeof(path));
	tamper(path, "DELETE FROM access_log WHERE link_seq = 4 AND at_us = (SELECT max(at_us) "
	    "FROM access_log WHERE link_seq = 4)");
	expect(path, "entry_removed", 4);
}

static void
inserted_entry(void **state)
{
	char path[256];

	(void)state;
	fresh("insert", path, sizeof(path));
	tamper(path, "INSERT INTO access_log (person_id, at_us, id, actor_id, what, action, why, "
	    "day, link_seq) VALUES ('" PERSON "', 5, 'forged', '" ACTOR "', 'plan', 'read', "
	    "'duty', '1970-01-01', 2)");
	expect(path, "entry_added", 2);
	fresh("insert-new", path, sizeof(path));
	tamper(path, "INSERT INTO access_log (person_id, at_us, id, actor_id, what, action, why, "
	    "day, link_seq) VALUES ('" PERSON "', 5, 'forged', '" ACTOR "', 'plan', 'read', "
	    "'duty', '1970-01-01', 9)");
	expect(path, "unlinked", 9);
	fresh("insert-old", path, sizeof(path));
	tamper(path, "INSERT INTO access_log (person_id, at_us, id, actor_id, what, action, why, "
	    "day) VALUES ('" PERSON "', 5, 'forged', '" ACTOR "', 'plan', 'read', "
	    "'duty', '1970-01-01')");
	expect(path, "entry_added", 1);
}

/* Moving an entry to another link (or another time) is found too. */
static void
reordered_entry(void **state)
{
	char path[256];

	(void)state;
	fresh("move", path, sizeof(path));
	tamper(path, "UPDATE access_log SET link_seq = 2 WHERE link_seq = 3 AND at_us = "
	    "(SELECT min(at_us) FROM access_log WHERE link_seq = 3)");
	expect(path, "entry_added", 2);
	fresh("retime", path, sizeof(path));
	tamper(path, "UPDATE access_log SET at_us = at_us + 1000000000 WHERE link_seq = 2 AND "
	    "at_us = (SELECT min(at_us) FROM access_log WHERE link_seq = 2)");
	expect(path, "entry_changed", 2);
}

static void
dropped_link(void **state)
{
	char path[256];

	(void)state;
	fresh("drop", path, sizeof(path));
	tamper(path, "DELETE FROM access_log WHERE link_seq = 3; "
	    "DELETE FROM access_link WHERE seq = 3");
	expect(path, "link_removed", 3);
	fresh("renumber", path, sizeof(path));
	tamper(path, "DELETE FROM access_log WHERE link_seq = 3; "
	    "DELETE FROM access_link WHERE seq = 3; "
	    "UPDATE access_log SET link_seq = link_seq - 1 WHERE link_seq > 3; "
	    "UPDATE access_link SET seq = seq - 1 WHERE seq > 3");
	expect(path, "link_changed", 3);
}

static void
changed_link(void **state)
{
	char path[256];

	(void)state;
	fresh("link", path, sizeof(path));
	tamper(path, "UPDATE access_link SET entries = entries - 1 WHERE seq = 2");
	expect(path, "link_changed", 2);
}

static void
cut_tail(void **state)
{
	char path[256], head[300];

	(void)state;
	fresh("cut", path, sizeof(path));
	tamper(path, "DELETE FROM access_log WHERE link_seq = 5; "
	    "DELETE FROM access_link WHERE seq = 5");
	expect(path, "tail_cut", 5);
	fresh("headless", path, sizeof(path));
	snprintf(head, sizeof(head), "%s.access-head", path);
	assert_int_equal(unlink(head), 0);
	expect(path, "head_missing", 5);
}

/* Every entry moved back before the chain and the links deleted: rosc
 * would begin the chain anew, but the audit log holds when it first began. */
static void
begun_again(void **state)
{
	struct store *s;
	char path[256], head[300];

	(void)state;
	fresh("again", path, sizeof(path));
	tamper(path, "UPDATE access_log SET link_seq = NULL; DELETE FROM access_link");
	snprintf(head, sizeof(head), "%s.access-head", path);
	assert_int_equal(unlink(head), 0);
	open_path(path, STORE_SERVE, &s);
	assert_int_equal(store_access_chain_start(s), 0);
	store_close(s);
	assert_int_equal(count(path, "SELECT entries FROM access_link WHERE seq = 1"), 19);
	expect(path, "restarted", 1);
	/* The first beginning and the second, both in the audit log. */
	assert_int_equal(count(path, "SELECT count(*) FROM audit WHERE action = "
	    "'access_log.chain_start'"), 2);
}

/* The background check goes on from where it stopped, records it, and
 * finds a break made after its last run. */
static void
background_check(void **state)
{
	struct access_verdict v;
	struct access_check c;
	struct arena a = ARENA_INIT;
	struct store *s;
	struct batch b;
	char path[256];

	(void)state;
	fresh("check", path, sizeof(path));
	open_path(path, STORE_SERVE, &s);
	assert_int_equal(store_access_chain_status(s, &a, &c), 0);
	assert_int_equal(c.checked_us, 0);
	assert_int_equal(store_access_chain_check(s, T0 + 100, &v), 0);
	assert_null(v.problem);
	assert_int_equal(v.links, 5);
	assert_int_equal(store_access_chain_status(s, &a, &c), 0);
	assert_int_equal(c.checked_us, T0 + 100);
	assert_int_equal(c.verified_seq, 5);
	assert_true(c.verified_at_us > 0);
	assert_null(c.problem);

	/* Only the new link is checked the next time. */
	b = (struct batch){T0 + 20 * INT64_C(86400000000), 2, 0};
	assert_int_equal(store_write(s, write_entries, &b), 0);
	assert_int_equal(store_access_chain_check(s, T0 + 200, &v), 0);
	assert_null(v.problem);
	assert_int_equal(v.links, 1);
	assert_int_equal(v.verified_seq, 6);
	store_close(s);

	/* An entry of a link already checked, edited: each link is checked
	 * once, so only the whole check finds it. */
	tamper(path, "UPDATE access_log SET why = 'emergency' WHERE link_seq = 6");
	b = (struct batch){T0 + 21 * INT64_C(86400000000), 1, 0};
	open_path(path, STORE_SERVE, &s);
	assert_int_equal(store_write(s, write_entries, &b), 0);
	assert_int_equal(store_access_chain_check(s, T0 + 300, &v), 0);
	assert_null(v.problem);
	assert_int_equal(v.verified_seq, 7);
	assert_int_equal(store_access_chain_verify(s, &v), 0);
	assert_string_equal(v.problem, "entry_changed");
	assert_int_equal(v.first_bad, 6);

	/* An entry of a new link, removed before the check reached it: the
	 * check finds it, records it, and checks everything from then on. */
	b = (struct batch){T0 + 22 * INT64_C(86400000000), 2, 0};
	assert_int_equal(store_write(s, write_entries, &b), 0);
	store_close(s);
	tamper(path, "DELETE FROM access_log WHERE link_seq = 8 AND at_us = (SELECT min(at_us) "
	    "FROM access_log WHERE link_seq = 8)");
	open_path(path, STORE_SERVE, &s);
	assert_int_equal(store_access_chain_check(s, T0 + 400, &v), 0);
	assert_string_equal(v.problem, "entry_removed");
	assert_int_equal(v.first_bad, 8);
	assert_int_equal(store_access_chain_status(s, &a, &c), 0);
	assert_string_equal(c.problem, "entry_removed");
	assert_int_equal(c.first_bad, 8);
	assert_int_equal(c.verified_seq, 7);
	assert_int_equal(c.checked_us, T0 + 400);
	/* The next check goes over everything: it finds the earlier edit. */
	assert_int_equal(store_access_chain_check(s, T0 + 500, &v), 0);
	assert_string_equal(v.problem, "entry_changed");
	assert_int_equal(v.first_bad, 6);
	store_close(s);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(one_link_per_commit),
	    cmocka_unit_test(only_inserted_entries_are_linked),
	    cmocka_unit_test(edited_entry),
	    cmocka_unit_test(edited_old_entry),
	    cmocka_unit_test(deleted_entry),
	    cmocka_unit_test(inserted_entry),
	    cmocka_unit_test(reordered_entry),
	    cmocka_unit_test(dropped_link),
	    cmocka_unit_test(changed_link),
	    cmocka_unit_test(cut_tail),
	    cmocka_unit_test(begun_again),
	    cmocka_unit_test(background_check),
	};

	if (sodium_init() < 0)
		return 1;
	unsetenv("ROSC_AUDIT_KEY");
	make_tmpdir();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
