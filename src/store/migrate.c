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

static int
version_of(const struct embedded *m)
{
	return atoi(m->name);
}

int
store_migration_status(struct store *s, int *current, int *latest)
{
	struct conn *c = store_reader(s);
	sqlite3_stmt *st;
	int rc;

	*latest = migrations_sqlite_count ?
	    version_of(&migrations_sqlite[migrations_sqlite_count - 1]) : 0;
	*current = 0;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT coalesce(max(version), 0) FROM schema_migrations");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*current = sqlite3_column_int(st, 0);
		rc = 0;
	} else {
		rc = db_error(c, rc, "migration status");
	}
	sqlite3_reset(st);
	return rc;
}

static int
apply(struct store_tx *tx, void *arg)
{
	const struct embedded *m = arg;
	sqlite3_stmt *st;
	int rc;

	rc = conn_exec(tx->conn, (const char *)m->data);
	if (rc != 0)
		return rc;
	st = STMT(tx->conn, "INSERT INTO schema_migrations (version, name, applied_us) "
	    "VALUES (?1, ?2, ?3)");
	sqlite3_bind_int(st, 1, version_of(m));
	sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, clock_now_us());
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_error(tx->conn, rc, "record migration");
}

int
store_migrate(struct store *s, int *applied)
{
	int current, latest, rc;
	size_t i;

	*applied = 0;
	if ((rc = store_migration_status(s, &current, &latest)) != 0)
		return rc;
	for (i = 0; i < migrations_sqlite_count; i++) {
		const struct embedded *m = &migrations_sqlite[i];

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
