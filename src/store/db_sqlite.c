/* The SQLite backend's own part: opening a connection with rosc's
 * settings, running text, stepping a statement. */
#include <stdio.h>

#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"

/* Logs a SQLite error; ERR_CONFLICT for a constraint, ERR_BUSY for a lock. */
static int
lite_error(struct conn *c, int rc, const char *what)
{
	int prim = rc & 0xff;

	log_error("msg=\"database error\" what=\"%s\" code=%d detail=\"%s\"", what,
	    rc, c && c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
	if (prim == SQLITE_CONSTRAINT)
		return ERR_CONFLICT;
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		return ERR_BUSY;
	return ERR_DB;
}

int
lite_exec(struct conn *c, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		log_error("msg=\"database error\" code=%d detail=\"%s\"", rc,
		    msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return (rc & 0xff) == SQLITE_BUSY ? ERR_BUSY : ERR_DB;
	}
	return 0;
}

/* Before SQLite starts: no memory statistics. They take one global mutex
 * on every allocation, which two worker threads then fight over (seen as
 * the top of a profile of the caseload page). */
static void
lite_global(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
lite_open(const char *path, int flags, int readonly, struct conn *c)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	int rc;

	pthread_once(&once, lite_global);
	rc = sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX |
	    SQLITE_OPEN_EXRESCODE, NULL);

	if (rc != SQLITE_OK)
		return lite_error(c, rc, path);
	sqlite3_busy_timeout(c->db, 5000);
	/* WAL: readers never block the writer. FULL: an acknowledged write
	 * survives power loss (group commit keeps that affordable). The WAL
	 * is truncated back to 64 MiB after checkpoints. */
	rc = lite_exec(c, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA journal_size_limit=67108864;"
	    "PRAGMA temp_store=MEMORY;");
	if (rc == 0 && readonly)
		rc = lite_exec(c, "PRAGMA query_only=1;");
	return rc;
}

void
lite_close(struct conn *c)
{
	sqlite3_close(c->db);
}

int
lite_step(struct stmt *st, const char *what)
{
	int rc = sqlite3_step(st->lite);

	if (rc == SQLITE_ROW)
		return STMT_ROW;
	if (rc == SQLITE_DONE) {
		st->conn->changes = sqlite3_changes(st->conn->db);
		return STMT_DONE;
	}
	return lite_error(st->conn, rc, what);
}
