/* The storage interface. Everything rosc keeps goes through these calls;
 * SQL lives only in src/store/. Today there is one backend, SQLite; the
 * PostgreSQL backend will sit behind the same calls.
 *
 * Reads run on the calling thread's own connection, with statements
 * prepared once per connection; store_request_end() must be called at the
 * end of every request so no statement pins an old snapshot.
 *
 * Writes never run on a request thread: they are queued to the one writer
 * thread, which commits whatever is queued in one transaction (group
 * commit: one fsync for the lot), each write inside its own SAVEPOINT so a
 * failing write spoils no other. */
#ifndef ROSC_STORE_H
#define ROSC_STORE_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct store;
struct store_tx;

enum store_mode {
	STORE_SERVE,    /* must exist and be fully migrated */
	STORE_MIGRATE,  /* must exist; migrations may be pending */
	STORE_CREATE,   /* created (with its folder) if missing */
	STORE_RESTORED, /* must exist; migrations may be pending; the audit key
	                 * is read if it is in place but never made (a new key
	                 * could not check a restored chain) */
	STORE_BULK,     /* as STORE_SERVE, for a tool whose writes each load
	                 * hundreds of thousands of rows (rosc-bench-gen) */
};

/* Opens the database named by url ("sqlite:PATH"). Returns 0, or
 * ERR_INVALID (bad url or a damaged key), ERR_NOT_FOUND (no database
 * there), ERR_PENDING (STORE_SERVE or STORE_BULK and migrations pending),
 * ERR_UNAVAILABLE (STORE_SERVE or STORE_BULK and no audit key), ERR_DB. */
int store_open(const char *url, enum store_mode mode, struct store **out);

/* Finishes queued writes, stops the writer and closes every connection. */
void store_close(struct store *s);

/* The backend's name and where the data lives, for messages. */
const char *store_describe(const struct store *s);

/* Migrations: how many are applied and how many exist. */
int store_migration_status(struct store *s, int *current, int *latest);
/* Applies pending migrations in order, each in its own transaction. */
int store_migrate(struct store *s, int *applied);

/* Checks this thread's reader connection answers. Returns 0 or ERR_DB. */
int store_ping(struct store *s);

/* False while the database cannot be reached (a PostgreSQL server gone
 * away): pages then answer 503 instead of failing or signing people out.
 * Asking tries to reconnect this thread's connection. */
bool store_available(struct store *s);

/* Starts a request on this thread: until store_request_end(), its reads
 * see one snapshot (on SQLite one read transaction, taken at the first
 * read: one lock for the page instead of one per statement). */
void store_request_begin(struct store *s);

/* Resets every statement this thread used and ends the request's read
 * transaction. Call at the end of a request, and before it waits. */
void store_request_end(struct store *s);

/* Whether this process runs the background work that must run in one
 * process at a time (the jobs, the outbox's sender). On PostgreSQL, the
 * process that holds a session advisory lock on a connection of its own:
 * taken when free, and asked again at most every half second; a process
 * that stops or dies gives it up with its connection, and another takes
 * it on its next ask. On SQLite always (one process serves a database
 * file). Returns 0, or an error while the database cannot be reached
 * (then not held). */
int store_runner_lock(struct store *s, bool *held);

/* A small key/value table for facts about this installation. */
int store_meta_get(struct store *s, struct arena *a, const char *key,
    const char **value);
int store_tx_meta_set(struct store_tx *tx, const char *key, const char *value);

/* A write: runs on the writer thread inside its own savepoint. Returns 0 to
 * keep its changes, or a negative enum err to roll them back. */
typedef int (*store_write_fn)(struct store_tx *tx, void *arg);
/* Called on the writer thread once the write's group is durable (rc 0) or
 * has failed (rc < 0). Must be quick: it usually resumes a connection. */
typedef void (*store_done_fn)(void *done_arg, int rc);

/* Queues a write. fn NULL queues a no-op that still travels the queue (a
 * liveness check). Returns 0, or ERR_UNAVAILABLE when shutting down (then
 * done is never called). */
int store_write_async(struct store *s, store_write_fn fn, void *arg,
    store_done_fn done, void *done_arg);

/* Queues a write and waits for it to be durable. Returns fn's result, or
 * the commit's error. */
int store_write(struct store *s, store_write_fn fn, void *arg);

/* Writer statistics, for /metrics and tests. */
struct store_writer_stats {
	uint64_t writes;     /* writes committed or rolled back */
	uint64_t groups;     /* transactions committed */
	uint64_t failed;     /* writes whose fn failed or whose group failed */
	uint64_t max_group;  /* largest group so far */
};
void store_writer_stats(struct store *s, struct store_writer_stats *out);

/* Writes a consistent copy of the live database to file (atomically:
 * a temporary file renamed into place). */
int store_backup(struct store *s, const char *file);

/* Replaces the database at url with the backup in file. Refuses (ERR_EXISTS)
 * to overwrite an existing database unless force. Checks the backup first
 * (ERR_INVALID if it is not a rosc database). rosc must not be serving. */
int store_restore(const char *url, const char *file, bool force);

#endif
