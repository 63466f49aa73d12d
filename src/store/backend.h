/* Private to src/store/: the SQLite backend's connections and statements. */
#ifndef ROSC_STORE_BACKEND_H
#define ROSC_STORE_BACKEND_H

#include <pthread.h>
#include <sqlite3.h>

#include "store/store.h"

struct stmt_slot {
	const char *sql;          /* the literal, compared by address */
	sqlite3_stmt *st;
};

/* One SQLite connection, used by one thread at a time. */
struct conn {
	sqlite3 *db;
	struct stmt_slot *stmts;
	size_t nstmts, cap;
	struct store *store;
	struct conn *next;        /* in store->conns */
};

struct writer;

struct store {
	char *path;
	char *audit_key_path;     /* PATH.audit-key, unless ROSC_AUDIT_KEY */
	char *audit_head_path;    /* PATH.audit-head: the newest link, mirrored */
	unsigned char audit_key[32];
	int has_audit_key;
	int audit_dirty;          /* writer thread only: entries appended */
	char *describe;
	pthread_key_t reader_key;
	pthread_mutex_t conns_lock;
	struct conn *conns;       /* every reader connection still open */
	struct writer *writer;
};

struct store_tx {
	struct conn *conn;
};

/* Opens a connection to path with rosc's settings (WAL, FULL sync,
 * foreign keys, busy timeout). readonly sets query_only. */
int conn_open(const char *path, int flags, int readonly, struct conn **out);
void conn_close(struct conn *c);

/* The statement for a SQL literal, prepared on first use on this
 * connection and reused after. Dies if the SQL does not prepare: a bug. */
sqlite3_stmt *conn_stmt(struct conn *c, const char *sql);
#define STMT(c, sql) conn_stmt((c), "" sql "")

/* Resets every statement on the connection. */
void conn_reset_all(struct conn *c);

/* Runs SQL text that has no parameters (migrations, pragmas). */
int conn_exec(struct conn *c, const char *sql);

/* This thread's reader connection, opened on first use. NULL on failure. */
struct conn *store_reader(struct store *s);

/* Logs a SQLite error with context; returns ERR_DB (or ERR_CONFLICT for a
 * constraint, ERR_BUSY for a lock). */
int db_error(struct conn *c, int rc, const char *what);

/* Creates the folders above path. Returns 0 or ERR_IO. */
int store_mkdir_parent(const char *path);

/* Loads the audit key (ROSC_AUDIT_KEY or the key file); create makes the
 * file when there is none. Returns 0, ERR_NOT_FOUND, ERR_INVALID, ERR_IO. */
int audit_key_load(struct store *s, int create);
/* Writes the newest link to the head file (writer thread, after commit). */
void audit_mirror_head(struct store *s, struct conn *c);

int writer_start(struct store *s, struct conn *wconn);
void writer_stop(struct store *s);

#endif
