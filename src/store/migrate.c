/* Numbered migrations, compiled into the binary from
 * src/store/migrations/sqlite/NNNN_name.sql. `rosc init` and `rosc migrate`
 * apply them; `rosc serve` refuses to start while any is pending. */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/embedded.h"
#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"

/* The store's own dialect of the migrations. */
static const struct embedded *
migrations(const struct store *s, size_t *n)
{
	*n = s->kind == DB_PG ? migrations_pg_count : migrations_sqlite_count;
	return s->kind == DB_PG ? migrations_pg : migrations_sqlite;
}

static int
version_of(const struct embedded *m)
{
	return atoi(m->name);
}

int
store_migration_status(struct store *s, int *current, int *latest)
{
	struct conn *c = store_reader(s);
	const struct embedded *ms;
	struct stmt *st;
	size_t n;
	int rc;

	ms = migrations(s, &n);
	*latest = n ? version_of(&ms[n - 1]) : 0;
	*current = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT coalesce(max(version), 0) FROM schema_migrations");
	rc = stmt_step(st, __func__);
	if (rc == STMT_ROW) {
		*current = col_int(st, 0);
		rc = 0;
	} else {
		rc = db_error(c, rc, "migration status");
	}
	stmt_reset(st);
	return rc;
}

static int
apply(struct store_tx *tx, void *arg)
{
	const struct embedded *m = arg;
	struct stmt *st;
	int rc;

	rc = conn_exec(tx->conn, (const char *)m->data);
	if (rc != 0)
		return rc;
	st = STMT(tx->conn, "INSERT INTO schema_migrations (version, name, applied_us) "
	    "VALUES (?1, ?2, ?3)");
	bind_int(st, 1, version_of(m));
	bind_text(st, 2, m->name);
	bind_int(st, 3, clock_now_us());
	rc = stmt_step(st, __func__);
	stmt_reset(st);
	return rc == STMT_DONE ? 0 : db_error(tx->conn, rc, "record migration");
}

int
store_migrate(struct store *s, int *applied)
{
	const struct embedded *ms;
	int current, latest, rc;
	size_t i, n;

	*applied = 0;
	if ((rc = store_migration_status(s, &current, &latest)) != 0)
		return rc;
	ms = migrations(s, &n);

	for (i = 0; i < n; i++) {
		const struct embedded *m = &ms[i];

		if (version_of(m) <= current)
			continue;
		rc = store_write(s, apply, (void *)m);
		if (rc != 0) {
			log_error("msg=\"migration failed\" migration=%s", m->name);
			return rc;
		}
		log_info("msg=\"migration applied\" migration=%s", m->name);
		(*applied)++;
	}
	return 0;
}
