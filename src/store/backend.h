/* Private to src/store/: connections and statements, for SQLite and for
 * PostgreSQL behind one small API, so the SQL files (accounts.c,
 * persons.c, plan.c, audit.c ...) are written once.
 *
 * SQL is written in the dialect both databases share: numbered parameters
 * (?1, ?2 ...; rewritten to $1, $2 ... for PostgreSQL), ON CONFLICT,
 * RETURNING, coalesce, CASE. Anything one dialect lacks is computed in C.
 * Booleans are stored as integers 0/1 in both. */
#ifndef ROSC_STORE_BACKEND_H
#define ROSC_STORE_BACKEND_H

#include <libpq-fe.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include <stdint.h>

#include "store/store.h"

enum db_kind { DB_SQLITE, DB_PG };

/* One prepared statement on one connection. */
struct stmt {
	const char *sql;          /* the literal, compared by address */
	int owned;                /* sql was built at run time and is freed with it */
	struct conn *conn;
	sqlite3_stmt *lite;       /* SQLite */
	/* PostgreSQL: prepared as "sN" on first execution, with the
	 * parameter types of that first binding (text, int8, or inferred). */
	char name[16];
	int prepared;
	int nparams;
	const char **vals;        /* bound values, text; NULL is SQL NULL */
	char (*ints)[24];         /* storage for bound integers */
	Oid *types;
	PGresult *res;            /* the executed result, rows read one by one */
	int row, nrows;
};

/* One connection, used by one thread at a time. */
struct conn {
	enum db_kind kind;
	sqlite3 *db;
	PGconn *pg;
	struct stmt **stmts;
	size_t nstmts, cap;
	int64_t changes;          /* rows changed by the last statement */
	unsigned long named;      /* PostgreSQL statements named so far */
	int lost;                 /* PostgreSQL: the connection broke; reconnect */
	int readonly;
	int in_read;              /* SQLite: a request's read transaction is open */
	struct store *store;
	struct conn *next;        /* in store->conns */
};

struct writer;

struct store {
	enum db_kind kind;
	char *path;               /* SQLite: the file; PostgreSQL: the conninfo */
	char *audit_key_path;     /* the key file, unless ROSC_AUDIT_KEY */
	char *audit_head_path;    /* the newest link, mirrored (NULL: none) */
	char *access_head_path;   /* the access chain's, likewise */
	unsigned char audit_key[32];
	int has_audit_key;
	int audit_dirty;          /* writer thread only: entries appended */
	char *describe;
	pthread_key_t reader_key;
	pthread_mutex_t conns_lock;
	struct conn *conns;       /* every reader connection still open */
	struct writer *writer;
	atomic_int down;          /* a connection found the database gone */
	struct relcache *relcache; /* the policy door's facts, between requests */
	struct flagcache *flagcache; /* the caseload's appointment flags, likewise */
	struct runner_lock *runner;  /* whether this process runs the background work */
};

/* The access chain's part of one writer group (store/access_chain.c):
 * the link its entries go to and their hashes. */
struct access_group {
	int64_t seq;              /* the link; 0: the head is not read yet */
	char prev[65];            /* the link before it */
	unsigned char (*hashes)[32];  /* of the entries really inserted */
	size_t n, cap;
	int64_t head_seq;         /* the newest link made, to mirror; 0: none */
	char head_link[65];
	int64_t mark_seq, mark_head;  /* as they were before the current write */
	size_t mark_n;
};

struct store_tx {
	struct conn *conn;
	struct access_group *access;  /* NULL: entries stay unlinked */
};

/* The lock store_runner_lock() asks (runner_lock.c). */
struct runner_lock *runner_lock_new(void);
void runner_lock_free(struct runner_lock *l);

/* One access_log row's content, for its hash. */
struct access_row {
	const char *person_id, *id, *actor_id, *org_id, *what, *action, *why, *day;
	int64_t at_us, link_seq;  /* link_seq 0: before the chain */
};
void access_entry_hash(const struct access_row *e, unsigned char out[32]);
/* The link an entry written in tx goes to (0: none, without the audit
 * key): reads the head once per group, and makes link 1 if there is none. */
int access_chain_open(struct store_tx *tx, int64_t *seq);
/* An entry really inserted under that link. */
void access_chain_add(struct access_group *g, const unsigned char h[32]);
/* Around each write of a group: what a rolled-back write added is forgotten. */
void access_group_mark(struct access_group *g);
void access_group_undo(struct access_group *g);
/* Before COMMIT: the group's link, if it wrote entries. */
int access_group_commit(struct conn *c, struct access_group *g);
/* After COMMIT: mirrors the newest link to the head file (SQLite). */
void access_group_mirror(struct store *s, struct access_group *g);
void access_group_free(struct access_group *g);

/* Statement steps. */
enum { STMT_DONE = 0, STMT_ROW = 1 };

/* Opens a connection with rosc's settings. For SQLite, target is the path
 * and flags are sqlite3_open_v2's; for PostgreSQL, target is the conninfo.
 * readonly refuses writes on the connection. */
int conn_open(enum db_kind kind, const char *target, int flags, int readonly,
    struct conn **out);
void conn_close(struct conn *c);

/* The statement for a SQL literal, prepared on first use on this
 * connection and reused after. Dies if the SQL does not prepare: a bug. */
struct stmt *conn_stmt(struct conn *c, const char *sql);
#define STMT(c, sql) conn_stmt((c), "" sql "")

/* A statement whose text is built at run time (copying tables whose
 * columns are read from the schema). Takes sql, which must come from
 * malloc; it is prepared once and kept until the connection closes. Use
 * only with identifiers from the database's own schema, never with input. */
struct stmt *conn_stmt_built(struct conn *c, char *sql);
/* Finalises a built statement before the connection closes. */
void conn_stmt_drop(struct conn *c, struct stmt *st);

/* Resets every statement on the connection and forgets its bindings. */
void conn_reset_all(struct conn *c);

/* Runs SQL text that has no parameters (migrations, transactions). */
int conn_exec(struct conn *c, const char *sql);

/* Starts the writer's transaction (SQLite: BEGIN IMMEDIATE). */
int conn_begin(struct conn *c);

/* Within the writer's transaction: waits until no other process appends
 * to the audit chain (PostgreSQL; SQLite has one writer already). The
 * writer's BEGIN on PostgreSQL takes the same lock, for the access chain. */
int conn_lock_audit(struct conn *c);
/* The lock itself: one number for both chains; released at COMMIT or
 * ROLLBACK. */
#define CHAIN_LOCK_SQL "SELECT pg_advisory_xact_lock(7302514)"

/* Binding: i counts from 1. Text must outlive the step. */
void bind_text(struct stmt *st, int i, const char *s);
void bind_int(struct stmt *st, int i, int64_t v);
void bind_null(struct stmt *st, int i);
void bind_double(struct stmt *st, int i, double v);
/* Text whose type the database infers from where it goes (a copied value). */
void bind_untyped(struct stmt *st, int i, const char *s);

/* Runs or advances the statement: STMT_ROW with a row to read, STMT_DONE,
 * or a negative enum err (already logged, with what). */
int stmt_step(struct stmt *st, const char *what);
/* Ends the statement's run; bindings stay. */
void stmt_reset(struct stmt *st);

/* Columns of the current row, counting from 0. */
int col_null(struct stmt *st, int i);
const char *col_cstr(struct stmt *st, int i);   /* NULL for NULL; valid until the next step */
int64_t col_int(struct stmt *st, int i);        /* 0 for NULL */
double col_double(struct stmt *st, int i);      /* 0 for NULL */
int col_count(struct stmt *st);                 /* columns of the result */
const char *col_name(struct stmt *st, int i);

/* This thread's reader connection, opened (or reopened) on first use.
 * NULL on failure. */
struct conn *store_reader(struct store *s);

/* After a step that did not end as expected: rc itself when it is an enum
 * err (already logged), else ERR_DB with a log line naming what. */
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
/* The SQLite checkpoint the writer runs: waiting for readers and emptying
 * the WAL when idle, PASSIVE (never waiting) while busy. */
void conn_checkpoint(struct conn *c, bool wait);

/* The backends' own parts of the calls above. */
int lite_open(const char *path, int flags, int readonly, struct conn *c);
void lite_close(struct conn *c);
int lite_exec(struct conn *c, const char *sql);
int lite_step(struct stmt *st, const char *what);
int pg_open(const char *conninfo, int readonly, struct conn *c);
void pg_close(struct conn *c);
int pg_exec(struct conn *c, const char *sql);
int pg_step(struct stmt *st, const char *what);
void pg_clear(struct stmt *st);
int pg_reconnect(struct conn *c);

#endif
