#include "test.h"
#include "tmpdir.h"

#include <sodium.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/err.h"
#include "access/door.h"
#include "store/backend.h"
#include "store/responses.h"
#include "store/load.h"
#include "store/relations.h"
#include "store/relcache.h"
#include "store/store.h"
#include "store/tables.h"

static char url[256];

static int
set_x(struct store_tx *tx, void *arg)
{
	return store_tx_meta_set(tx, "x", arg);
}

static const char *
get_x(struct store *s, struct arena *a)
{
	const char *v = NULL;

	if (store_meta_get(s, a, "x", &v) != 0)
		return NULL;
	return v;
}

static void
open_modes(void **state)
{
	struct store *s;
	int current, latest, applied;
	char other[256];

	snprintf(other, sizeof(other), "sqlite:%s/sub/dir/none.db", tmpdir);
	assert_int_equal(store_open(other, STORE_SERVE, &s), ERR_NOT_FOUND);
	assert_int_equal(store_open(other, STORE_MIGRATE, &s), ERR_NOT_FOUND);
	assert_int_equal(store_open("mysql://localhost/rosc", STORE_SERVE, &s), ERR_INVALID);
	/* Nothing listens on port 1: unreachable, not a crash. */
	assert_int_equal(store_open("postgres://127.0.0.1:1/rosc", STORE_SERVE, &s),
	    ERR_UNAVAILABLE);
	assert_int_equal(store_open("sqlite:", STORE_SERVE, &s), ERR_INVALID);

	/* Created with its folders, but not migrated: serve refuses. */
	assert_int_equal(store_open(other, STORE_CREATE, &s), 0);
	assert_int_equal(store_migration_status(s, &current, &latest), 0);
	assert_int_equal(current, 0);
	assert_true(latest >= 1);
	store_close(s);
	assert_int_equal(store_open(other, STORE_SERVE, &s), ERR_PENDING);

	assert_int_equal(store_open(other, STORE_MIGRATE, &s), 0);
	assert_int_equal(store_migrate(s, &applied), 0);
	/* Every file, up to the latest number (numbers may leave a gap). */
	assert_int_equal(applied, (int)migrations_sqlite_count);
	assert_int_equal(store_migration_status(s, &current, &latest), 0);
	assert_int_equal(current, latest);
	assert_int_equal(store_migrate(s, &applied), 0);
	assert_int_equal(applied, 0);     /* idempotent */
	store_close(s);
	assert_int_equal(store_open(other, STORE_SERVE, &s), 0);
	assert_int_equal(store_ping(s), 0);
	store_close(s);
}

static void
meta_round_trip(void **state)
{
	struct store *s;
	struct arena a = ARENA_INIT;
	const char *v;

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_meta_get(s, &a, "nothing", &v), ERR_NOT_FOUND);
	assert_int_equal(store_write(s, set_x, "Æblegrød <&>"), 0);
	assert_string_equal(get_x(s, &a), "Æblegrød <&>");
	store_request_end(s);
	assert_int_equal(store_write(s, set_x, "two"), 0);
	assert_string_equal(get_x(s, &a), "two");
	store_close(s);
	arena_free(&a);
}

static void
request_end_resets_statements(void **state)
{
	struct store *s;
	struct conn *c;
	struct stmt *st;

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	c = store_reader(s);
	assert_non_null(c);
	/* A statement stepped and left open pins its snapshot... */
	st = STMT(c, "SELECT key FROM meta");
	assert_int_equal(stmt_step(st, "test"), STMT_ROW);
	assert_true(sqlite3_stmt_busy(st->lite));
	/* ...until the end of the request. */
	store_request_end(s);
	assert_false(sqlite3_stmt_busy(st->lite));
	/* The same literal gives the same prepared statement. */
	assert_ptr_equal(STMT(c, "SELECT key FROM meta"), st);
	store_close(s);
}

static void
reader_sees_writes_after_request_end(void **state)
{
	struct store *s;
	struct arena a = ARENA_INIT;
	struct conn *c;
	struct stmt *st;

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, set_x, "before"), 0);
	c = store_reader(s);
	st = STMT(c, "SELECT value FROM meta WHERE key = 'x'");
	assert_int_equal(stmt_step(st, "test"), STMT_ROW);   /* snapshot opened */
	assert_int_equal(store_write(s, set_x, "after"), 0);
	store_request_end(s);
	assert_string_equal(get_x(s, &a), "after");
	store_close(s);
	arena_free(&a);
}

static void
backup_and_restore(void **state)
{
	struct store *s;
	struct arena a = ARENA_INIT;
	char file[256], junk[256], fresh[256];
	FILE *f;

	snprintf(file, sizeof(file), "%s/backup.db", tmpdir);
	snprintf(junk, sizeof(junk), "%s/junk.db", tmpdir);
	snprintf(fresh, sizeof(fresh), "sqlite:%s/fresh/restored.db", tmpdir);

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, set_x, "saved"), 0);
	assert_int_equal(store_backup(s, file), 0);
	assert_int_equal(store_write(s, set_x, "changed later"), 0);
	store_close(s);

	assert_int_equal(store_restore(url, file, false), ERR_EXISTS);
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_string_equal(get_x(s, &a), "changed later");   /* untouched */
	store_close(s);

	assert_int_equal(store_restore(url, file, true), 0);
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_string_equal(get_x(s, &a), "saved");
	store_close(s);

	/* Into a new place, folders and all. */
	assert_int_equal(store_restore(fresh, file, false), 0);
	/* The backup carries no audit key: serving needs it brought along. */
	assert_int_equal(store_open(fresh, STORE_SERVE, &s), ERR_UNAVAILABLE);
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "cp '%s/rosc.db.audit-key' '%s/fresh/restored.db.audit-key'",
		    tmpdir, tmpdir);
		assert_int_equal(system(cmd), 0);
	}
	assert_int_equal(store_open(fresh, STORE_SERVE, &s), 0);
	assert_string_equal(get_x(s, &a), "saved");
	store_close(s);
	f = fopen(junk, "w");
	fputs("not a database", f);
	fclose(f);
	assert_int_equal(store_restore(url, junk, true), ERR_INVALID);
	assert_int_equal(store_restore(url, "/nonexistent/backup.db", true), ERR_NOT_FOUND);
	arena_free(&a);
}

/* A bulk load names its table and columns in SQL text: only rosc's own
 * tables and plain column names get that far. */
static int
load_named(struct store_tx *tx, void *arg)
{
	const char *const *names = arg;
	const char *cols[1] = {names[1]};
	struct store_load *l;
	int rc = store_load_begin(tx, names[0], cols, 1, &l);

	if (rc == 0)
		rc = store_load_end(l);
	return rc;
}

static void
load_refuses_foreign_names(void **state)
{
	static const char *const bad_table[] = {"meta; DROP TABLE meta", "key"};
	static const char *const bad_col[] = {"meta", "key) SELECT 1 --"};
	static const char *const unknown[] = {"sqlite_master", "name"};
	static const char *const good[] = {"meta", "key"};
	struct store *s;

	(void)state;
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, load_named, (void *)bad_table), ERR_INVALID);
	assert_int_equal(store_write(s, load_named, (void *)bad_col), ERR_INVALID);
	assert_int_equal(store_write(s, load_named, (void *)unknown), ERR_INVALID);
	assert_int_equal(store_write(s, load_named, (void *)good), 0);
	store_close(s);
}

/* The policy facts cache keeps an entry only for its key, counter, day
 * and time span, and never answers for a person it does not hold. */
static void
relcache_rules(void **state)
{
	static const char *const ids[] = {
		"0000000000000000000000000000000a", "0000000000000000000000000000000b"};
	struct relcache *rc = relcache_new();
	struct arena a = ARENA_INIT;
	struct relation_row rows[2], *out;
	struct relation rel;
	size_t n;
	bool hit;

	(void)state;
	memset(rows, 0, sizeof(rows));
	rows[0].person_id = ids[0];
	rows[0].rel.exists = true;
	rows[0].rel.consent = 5;
	rows[1].person_id = ids[1];
	rows[1].rel.exists = true;
	rows[1].rel.emergency = true;
	assert_false(relcache_get(rc, &a, "u1", "o1", "2026-11-22", 7, 100, &out, &n));
	relcache_put(rc, "u1", "o1", "2026-11-22", 7, 100, 500, rows, 2);

	assert_true(relcache_get(rc, &a, "u1", "o1", "2026-11-22", 7, 100, &out, &n));
	assert_int_equal(n, 2);
	assert_string_equal(out[1].person_id, ids[1]);
	assert_true(out[1].rel.emergency);
	assert_true(relcache_find(rc, "u1", "o1", "2026-11-22", 7, 499, ids[0], &rel, &hit));
	assert_true(hit);
	assert_int_equal(rel.consent, 5);
	/* Not one of the actor's: the caller asks the database. */
	assert_false(relcache_find(rc, "u1", "o1", "2026-11-22", 7, 100,
	    "0000000000000000000000000000000c", &rel, &hit));
	assert_true(hit);

	/* Anything changed, another day, another actor or organisation, an
	 * emergency access run out, or a clock set back: no answer. */
	assert_false(relcache_get(rc, &a, "u1", "o1", "2026-11-22", 8, 100, &out, &n));
	assert_false(relcache_get(rc, &a, "u1", "o1", "2026-11-23", 7, 100, &out, &n));
	assert_false(relcache_get(rc, &a, "u2", "o1", "2026-11-22", 7, 100, &out, &n));
	assert_false(relcache_get(rc, &a, "u1", "o2", "2026-11-22", 7, 100, &out, &n));
	assert_false(relcache_get(rc, &a, "u1", NULL, "2026-11-22", 7, 100, &out, &n));
	assert_false(relcache_get(rc, &a, "u1", "o1", "2026-11-22", 7, 500, &out, &n));
	assert_false(relcache_get(rc, &a, "u1", "o1", "2026-11-22", 7, 99, &out, &n));
	assert_false(relcache_find(rc, "u1", "o1", "2026-11-22", 8, 100, ids[0], &rel, &hit));
	assert_false(hit);

	/* One person's facts kept alone, under the same rules. */
	rel.consent = 9;
	relcache_put_one(rc, "u3", "o1", "2026-11-22", 7, 100, 300, ids[1], &rel);
	memset(&rel, 0, sizeof(rel));
	assert_true(relcache_find(rc, "u3", "o1", "2026-11-22", 7, 200, ids[1], &rel, &hit));
	assert_false(hit);
	assert_int_equal(rel.consent, 9);
	assert_false(relcache_find(rc, "u3", "o1", "2026-11-22", 8, 200, ids[1], &rel, &hit));
	assert_false(relcache_find(rc, "u3", "o1", "2026-11-22", 7, 300, ids[1], &rel, &hit));
	assert_false(relcache_find(rc, "u3", NULL, "2026-11-22", 7, 200, ids[1], &rel, &hit));
	assert_false(relcache_find(rc, "u3", "o1", "2026-11-22", 7, 200, ids[0], &rel, &hit));

	/* An entry read at an older counter does not replace a newer one. */
	relcache_put(rc, "u1", "o1", "2026-11-22", 9, 100, INT64_MAX, rows, 1);
	relcache_put(rc, "u1", "o1", "2026-11-22", 8, 100, INT64_MAX, rows, 2);
	assert_true(relcache_get(rc, &a, "u1", "o1", "2026-11-22", 9, 100, &out, &n));
	assert_int_equal(n, 1);
	relcache_free(rc);
	arena_free(&a);
}

static int64_t
policy_counter(struct store *s)
{
	struct conn *c = store_reader(s);
	struct stmt *st = STMT(c, "SELECT coalesce(max(n), 0) FROM policy_change");
	int64_t n = -1;

	if (stmt_step(st, "test") == STMT_ROW)
		n = col_int(st, 0);
	stmt_reset(st);
	store_request_end(s);
	return n;
}

static int
run_sql(struct store_tx *tx, void *arg)
{
	return conn_exec(tx->conn, arg);
}

/* Every change to a table the policy door reads counts the policy change
 * counter up in its own transaction, whoever makes it; others do not. */
static void
policy_change_counted(void **state)
{
	struct store *s;
	int64_t n0, n1;

	(void)state;
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, run_sql, "INSERT INTO organisation (id, name, "
	    "name_key, sector, time_zone, created_us) VALUES ('org1', 'Ø', 'ø', "
	    "'housing', 'UTC', 1)"), 0);
	n0 = policy_counter(s);
	assert_int_equal(store_write(s, run_sql, "INSERT INTO person (id, display_name, "
	    "name_key, name_sort, time_zone, home_org_id, created_us, updated_us) VALUES "
	    "('p1', 'A', 'a', '00', 'UTC', 'org1', 1, 1)"), 0);
	n1 = policy_counter(s);
	assert_true(n1 > n0);
	assert_int_equal(store_write(s, run_sql, "UPDATE person SET about_me = 'x' "
	    "WHERE id = 'p1'"), 0);
	assert_true(policy_counter(s) > n1);
	n1 = policy_counter(s);
	assert_int_equal(store_write(s, run_sql, "INSERT INTO consent (person_id, id, "
	    "recipient_org_id, category, granted, version, updated_us) VALUES "
	    "('p1', 'k1', 'org1', 'basic', 1, 1, 1)"), 0);
	assert_true(policy_counter(s) > n1);
	n1 = policy_counter(s);
	assert_int_equal(store_write(s, run_sql, "DELETE FROM consent WHERE id = 'k1'"), 0);
	assert_true(policy_counter(s) > n1);
	n1 = policy_counter(s);
	/* A change elsewhere leaves it standing. */
	assert_int_equal(store_write(s, set_x, "unrelated"), 0);
	assert_int_equal(policy_counter(s), n1);
	/* A failed write counts nothing. */
	assert_int_not_equal(store_write(s, run_sql, "INSERT INTO person (id) VALUES ('p2')"), 0);
	assert_int_equal(policy_counter(s), n1);
	store_close(s);
}

struct one_response {
	const struct grant *g;
	struct q_response x;
};

static int
insert_response(struct store_tx *tx, void *arg)
{
	struct one_response *o = arg;

	return store_tx_response_insert(tx, o->g, &o->x);
}

/* A person's responses: written with their answers or not at all, read
 * back newest first, and as score series per person (scored ones only,
 * newest first, at most so many each) for early-warning rules. */
static void
responses_and_score_series(void **state)
{
	struct arena a = ARENA_INIT;
	struct store *s;
	struct one_response o;
	struct q_answer ans[2] = {{"1", 3}, {"2", 4}}, twice[2] = {{"1", 3}, {"1", 4}};
	const struct grant *g[2];
	struct q_score_point *pts;
	struct q_response *xs, x;
	size_t n;
	static const struct {
		const char *person, *id, *day;
		int score;                      /* -1: not scored */
	} given[] = {
		{"rp1", "r1", "2026-01-05", 36}, {"rp1", "r2", "2026-02-05", 48},
		{"rp1", "r3", "2026-03-05", -1}, {"rp1", "r4", "2026-03-06", 60},
		{"rp2", "r5", "2026-03-01", 20},
	};
	size_t i;

	(void)state;
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, run_sql, "INSERT INTO organisation (id, name, name_key, "
	    "sector, time_zone, created_us) VALUES ('rorg', 'R', 'r', 'housing', 'UTC', 1); "
	    "INSERT INTO person (id, display_name, name_key, name_sort, time_zone, home_org_id, "
	    "created_us, updated_us) VALUES ('rp1', 'A', 'a', '00', 'UTC', 'rorg', 1, 1), "
	    "('rp2', 'B', 'b', '01', 'UTC', 'rorg', 1, 1); "
	    "INSERT INTO user_account (id, username, username_key, display_name, kind, created_us) "
	    "VALUES ('ru1', 'ru1', 'ru1', 'U', 'staff', 1); "
	    "INSERT INTO questionnaire (id, code, version, name_en, languages, items, score_min, "
	    "score_max, body, created_us) VALUES ('rq1', 'who-5', 1, 'WHO-5', 'en', 5, 0, 100, "
	    "'{}', 1)"), 0);
	for (i = 0; i < sizeof(given) / sizeof(given[0]); i++) {
		memset(&o, 0, sizeof(o));
		o.g = door_command_line(&a, given[i].person);
		o.x.person_id = given[i].person;
		o.x.id = given[i].id;
		o.x.questionnaire_id = "rq1";
		o.x.code = "who-5";
		o.x.day = given[i].day;
		o.x.given_us = (int64_t)i;
		o.x.scored = given[i].score >= 0;
		o.x.score = given[i].score;
		o.x.zone = given[i].score > 50 ? "good" : given[i].score >= 0 ? "low" : NULL;
		o.x.answered = 2;
		o.x.missing = 3;
		o.x.source = i == 0 ? QR_STAFF : QR_SELF;
		o.x.created_by = "ru1";
		o.x.answers = ans;
		o.x.nanswers = 2;
		assert_int_equal(store_write(s, insert_response, &o), 0);
	}
	/* An item twice: neither the response nor any answer stays. */
	o.x.id = "r6";
	o.x.answers = twice;
	assert_int_not_equal(store_write(s, insert_response, &o), 0);
	assert_int_equal(store_response_get(s, &a, o.g, "r6", &x), ERR_NOT_FOUND);
	/* Another person's grant does not write here. */
	o.x.id = "r7";
	o.x.answers = ans;
	o.g = door_command_line(&a, "rp1");
	assert_int_equal(store_write(s, insert_response, &o), ERR_INVALID);

	g[0] = door_command_line(&a, "rp1");
	g[1] = door_command_line(&a, "rp2");
	assert_int_equal(store_responses(s, &a, g[0], NULL, &xs, &n), 0);
	assert_int_equal(n, 4);
	assert_string_equal(xs[0].id, "r4");
	assert_string_equal(xs[1].id, "r3");
	assert_false(xs[1].scored);
	assert_null(xs[1].zone);
	assert_int_equal(xs[3].source, QR_STAFF);
	assert_int_equal(xs[3].version, 1);
	assert_int_equal(store_responses(s, &a, g[0], "audit", &xs, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_response_get(s, &a, g[0], "r2", &x), 0);
	assert_int_equal(x.score, 48);
	assert_string_equal(x.zone, "low");
	assert_int_equal(x.nanswers, 2);
	assert_string_equal(x.answers[1].item, "2");
	assert_int_equal(x.answers[1].value, 4);
	assert_int_equal(store_response_get(s, &a, g[1], "r2", &x), ERR_NOT_FOUND);
	assert_int_equal(store_responses_all(s, &a, g[0], &xs, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(xs[2].nanswers, 2);

	assert_int_equal(store_response_scores(s, &a, g, 2, "who-5", 2, &pts, &n), 0);
	assert_int_equal(n, 3);
	assert_string_equal(pts[0].person_id, "rp1");
	assert_int_equal(pts[0].score, 60);
	assert_string_equal(pts[0].zone, "good");
	assert_string_equal(pts[0].day, "2026-03-06");
	assert_int_equal(pts[1].score, 48);
	assert_string_equal(pts[1].questionnaire_id, "rq1");
	assert_string_equal(pts[2].person_id, "rp2");
	assert_int_equal(pts[2].score, 20);
	assert_int_equal(store_response_scores(s, &a, g, 1, "who-5", 10, &pts, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(pts[2].score, 36);
	assert_int_equal(store_response_scores(s, &a, g, 2, "barc-10", 10, &pts, &n), 0);
	assert_int_equal(n, 0);
	g[1] = NULL;
	assert_int_equal(store_response_scores(s, &a, g, 2, "who-5", 10, &pts, &n), ERR_INVALID);
	store_close(s);
	arena_free(&a);
}

/* The place of a table in the one list (store/tables.h); -1 if it is not there. */
static int
table_index(const char *name)
{
	int i;

	for (i = 0; i < TABLE_COUNT; i++)
		if (strcmp(store_tables[i], name) == 0)
			return i;
	return -1;
}

/* The one list of tables names exactly the tables the migrations make, and
 * every table after the tables its foreign keys point at (the copy and the
 * bulk loads fill them in that order). schema.test.mjs checks that the
 * PostgreSQL migrations make the same tables as these. */
static void
table_list_is_the_schema(void **state)
{
	bool made[TABLE_COUNT] = {false};
	struct store *s;
	struct conn *c;
	struct stmt *st;
	int i, rc;

	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	c = store_reader(s);
	assert_non_null(c);
	st = STMT(c, "SELECT name FROM sqlite_master WHERE type = 'table' "
	    "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'");
	while ((rc = stmt_step(st, "test")) == STMT_ROW) {
		i = table_index(col_cstr(st, 0));
		if (i < 0)
			fail_msg("a migration makes table %s, which store/tables.h does not name",
			    col_cstr(st, 0));
		made[i] = true;
	}
	assert_int_equal(rc, STMT_DONE);
	stmt_reset(st);
	for (i = 0; i < TABLE_COUNT; i++)
		if (!made[i])
			fail_msg("store/tables.h names %s, which no migration makes", store_tables[i]);
	assert_true(store_table_known("schema_migrations"));

	st = STMT(c, "SELECT m.name, f.\"table\" FROM sqlite_master m "
	    "JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'");
	while ((rc = stmt_step(st, "test")) == STMT_ROW) {
		if (table_index(col_cstr(st, 1)) > table_index(col_cstr(st, 0)))
			fail_msg("store/tables.h lists %s before %s, which it refers to",
			    col_cstr(st, 0), col_cstr(st, 1));
	}
	assert_int_equal(rc, STMT_DONE);
	stmt_reset(st);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_modes),
		cmocka_unit_test(meta_round_trip),
		cmocka_unit_test(request_end_resets_statements),
		cmocka_unit_test(reader_sees_writes_after_request_end),
		cmocka_unit_test(backup_and_restore),
		cmocka_unit_test(load_refuses_foreign_names),
		cmocka_unit_test(relcache_rules),
		cmocka_unit_test(policy_change_counted),
		cmocka_unit_test(table_list_is_the_schema),
		cmocka_unit_test(responses_and_score_series),
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
