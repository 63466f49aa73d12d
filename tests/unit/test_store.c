#include "test.h"
#include "tmpdir.h"

#include <sodium.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/backend.h"
#include "store/load.h"
#include "store/store.h"

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
	assert_int_equal(applied, latest);
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
