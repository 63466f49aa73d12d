/* Opening a store (SQLite or PostgreSQL), connections per thread, meta. */
#include <errno.h>
#include <sodium.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"
#include "store/flagcache.h"
#include "store/relcache.h"
#include "store/rows.h"

static void
unlink_conn(struct store *s, struct conn *c)
{
	struct conn **pp;

	pthread_mutex_lock(&s->conns_lock);
	for (pp = &s->conns; *pp; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	pthread_mutex_unlock(&s->conns_lock);
}

/* Runs when a thread that had a reader connection exits. */
static void
reader_destroy(void *p)
{
	struct conn *c = p;

	unlink_conn(c->store, c);
	conn_close(c);
}

/* Set between store_request_begin() and store_request_end() on this thread. */
static _Thread_local int in_request;

/* Inside a request on SQLite: one read transaction for all its reads. */
static struct conn *
read_snapshot(struct conn *c)
{
	struct stmt *st;

	if (!in_request || c->kind != DB_SQLITE || c->in_read)
		return c;
	st = STMT(c, "BEGIN");
	if (stmt_step(st, "begin read") == STMT_DONE)
		c->in_read = 1;
	stmt_reset(st);
	return c;
}

struct conn *
store_reader(struct store *s)
{
	struct conn *c = pthread_getspecific(s->reader_key);

	if (c != NULL) {
		if (c->lost && pg_reconnect(c) != 0)
			return NULL;
		return read_snapshot(c);
	}
	if (conn_open(s->kind, s->path, SQLITE_OPEN_READWRITE, 1, &c) != 0) {
		atomic_store(&s->down, 1);
		return NULL;
	}
	atomic_store(&s->down, 0);
	c->store = s;
	pthread_mutex_lock(&s->conns_lock);
	c->next = s->conns;
	s->conns = c;
	pthread_mutex_unlock(&s->conns_lock);
	pthread_setspecific(s->reader_key, c);
	return read_snapshot(c);
}

int
store_mkdir_parent(const char *path)
{
	char *copy = strdup(path), *dir, *p;
	int rc = 0;

	if (copy == NULL)
		die("out of memory");
	/* dirname() may return a static "."; work on a copy of its answer. */
	dir = strdup(dirname(copy));
	free(copy);
	copy = dir;
	if (dir == NULL)
		die("out of memory");
	for (p = dir[0] ? dir + 1 : dir; ; p++) {
		if (*p == '/' || *p == '\0') {
			char save = *p;

			*p = '\0';
			if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
				log_error("msg=\"cannot create folder\" path=\"%s\" error=\"%s\"",
				    dir, strerror(errno));
				rc = ERR_IO;
				break;
			}
			*p = save;
			if (save == '\0')
				break;
		}
	}
	free(copy);
	return rc;
}

/* "sqlite:PATH" gives PATH; NULL for anything else. */
static const char *
sqlite_path(const char *url)
{
	if (url != NULL && strncmp(url, "sqlite:", 7) == 0 && url[7] != '\0')
		return url + 7;
	return NULL;
}

static int
is_pg_url(const char *url)
{
	return url != NULL && (strncmp(url, "postgres://", 11) == 0 ||
	    strncmp(url, "postgresql://", 13) == 0);
}

/* The url without its password, for messages. */
static char *
describe_pg(const char *url)
{
	const char *at = strchr(url, '@'), *scheme = strstr(url, "://");
	const char *colon;
	char *out;

	if (at != NULL && scheme != NULL && (colon = memchr(scheme + 3, ':',
	    (size_t)(at - scheme - 3))) != NULL) {
		if (asprintf(&out, "%.*s:***%s", (int)(colon - url), url, at) < 0)
			die("out of memory");
		return out;
	}
	if ((out = strdup(url)) == NULL)
		die("out of memory");
	return out;
}

/* Where the files beside the database live: for SQLite, next to it; for
 * PostgreSQL, ROSC_AUDIT_KEY_FILE names the key file (or ROSC_AUDIT_KEY
 * holds the key itself), and no head file is kept: several processes on
 * several machines append to one chain. */
static int
locate_files(struct store *s, const char *path)
{
	const char *kf = getenv("ROSC_AUDIT_KEY_FILE");

	if (kf != NULL && *kf != '\0') {
		if ((s->audit_key_path = strdup(kf)) == NULL)
			die("out of memory");
	} else if (s->kind == DB_SQLITE) {
		if (asprintf(&s->audit_key_path, "%s.audit-key", path) < 0)
			die("out of memory");
	} else if ((s->audit_key_path = strdup("rosc.audit-key")) == NULL) {
		die("out of memory");
	}
	if (s->kind == DB_SQLITE && asprintf(&s->access_head_path, "%s.access-head", path) < 0)
		die("out of memory");
	if (s->kind == DB_SQLITE && asprintf(&s->audit_head_path, "%s.audit-head", path) < 0)
		die("out of memory");
	return 0;
}

int
store_open(const char *url, enum store_mode mode, struct store **out)
{
	const char *path = sqlite_path(url);
	struct store *s;
	struct conn *w = NULL;
	struct stat st;
	int rc, current, latest, flags = SQLITE_OPEN_READWRITE;

	*out = NULL;
	if (path == NULL && !is_pg_url(url)) {
		log_error("msg=\"unsupported database url (expected sqlite:PATH or "
		    "postgres://...)\" url=\"%s\"", url ? url : "");
		return ERR_INVALID;
	}
	if (path != NULL && stat(path, &st) != 0) {
		if (mode != STORE_CREATE)
			return ERR_NOT_FOUND;
		if ((rc = store_mkdir_parent(path)) != 0)
			return rc;
		flags |= SQLITE_OPEN_CREATE;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		die("out of memory");
	s->kind = path != NULL ? DB_SQLITE : DB_PG;
	s->path = strdup(path != NULL ? path : url);
	if (s->path == NULL)
		die("out of memory");
	if (s->kind == DB_SQLITE) {
		if (asprintf(&s->describe, "sqlite:%s", path) < 0)
			die("out of memory");
	} else {
		s->describe = describe_pg(url);
	}
	locate_files(s, s->path);
	s->relcache = relcache_new();
	s->flagcache = flagcache_new();
	s->runner = runner_lock_new();
	pthread_mutex_init(&s->conns_lock, NULL);
	pthread_key_create(&s->reader_key, reader_destroy);

	rc = conn_open(s->kind, s->path, flags, 0, &w);
	if (rc != 0)
		goto fail;
	w->store = s;
	/* The table of applied migrations exists before any migration runs. */
	rc = conn_exec(w, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	    "applied_us BIGINT NOT NULL)");
	/* Every write runs in a SAVEPOINT (writer.c), so each statement's
	 * journal is kept in the savepoint's, which in memory (temp_store
	 * MEMORY) is walked from its start when the statement ends: in a
	 * write of hundreds of thousands of rows, quadratic (6,000 generated
	 * persons: 131 s; in a temporary file: 16 s). */
	if (rc == 0 && mode == STORE_BULK && s->kind == DB_SQLITE)
		rc = conn_exec(w, "PRAGMA temp_store=FILE");
	if (rc != 0)
		goto fail;
	if ((rc = writer_start(s, w)) != 0)
		goto fail;
	w = NULL;
	if (mode == STORE_SERVE || mode == STORE_BULK) {
		rc = store_migration_status(s, &current, &latest);
		if (rc == 0 && current < latest)
			rc = ERR_PENDING;
		if (rc != 0)
			goto fail;
	}
	/* The audit key: made by init (and migrate, for databases older than
	 * the audit log); serving without it would break the chain. */
	rc = audit_key_load(s, mode != STORE_SERVE && mode != STORE_BULK &&
	    mode != STORE_RESTORED);
	if (rc == ERR_NOT_FOUND && mode == STORE_RESTORED) {
		rc = 0;    /* the caller says what to do (store_audit_has_key) */
	} else if (rc == ERR_NOT_FOUND) {
		log_error("msg=\"the audit key is missing: set ROSC_AUDIT_KEY or restore the "
		    "key file\" path=\"%s\"", s->audit_key_path);
		rc = ERR_UNAVAILABLE;
	}
	if (rc != 0)
		goto fail;
	*out = s;
	return 0;
fail:
	conn_close(w);
	store_close(s);
	return rc;
}

void
store_close(struct store *s)
{
	struct conn *c, *next;

	if (s == NULL)
		return;
	writer_stop(s);
	runner_lock_free(s->runner);     /* another process may take over now */
	/* The calling thread's own reader, and any whose thread is gone. */
	c = pthread_getspecific(s->reader_key);
	if (c != NULL)
		pthread_setspecific(s->reader_key, NULL);
	pthread_mutex_lock(&s->conns_lock);
	for (c = s->conns; c; c = next) {
		next = c->next;
		conn_close(c);
	}
	s->conns = NULL;
	pthread_mutex_unlock(&s->conns_lock);
	pthread_key_delete(s->reader_key);
	pthread_mutex_destroy(&s->conns_lock);
	relcache_free(s->relcache);
	flagcache_free(s->flagcache);
	free(s->describe);
	free(s->audit_key_path);
	free(s->audit_head_path);
	free(s->access_head_path);
	sodium_memzero(s->audit_key, sizeof(s->audit_key));
	free(s->path);
	free(s);
}

const char *
store_describe(const struct store *s)
{
	return s->describe;
}

int
store_ping(struct store *s)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	if (c == NULL)
		return ERR_UNAVAILABLE;
	st = STMT(c, "SELECT count(*) FROM schema_migrations");
	rc = stmt_step(st, "ping");
	stmt_reset(st);
	return rc == STMT_ROW ? 0 : rc < 0 ? rc : ERR_DB;
}

bool
store_available(struct store *s)
{
	struct conn *c;

	if (!atomic_load(&s->down))
		return true;
	c = store_reader(s);
	if (c != NULL && !c->lost)
		atomic_store(&s->down, 0);
	return !atomic_load(&s->down);
}

void
store_request_begin(struct store *s)
{
	(void)s;
	in_request = 1;
}

void
store_request_end(struct store *s)
{
	struct conn *c = pthread_getspecific(s->reader_key);

	in_request = 0;
	if (c == NULL)
		return;
	conn_reset_all(c);
	if (c->in_read) {
		struct stmt *st = STMT(c, "COMMIT");

		stmt_step(st, "end read");
		stmt_reset(st);
		c->in_read = 0;
	}
}

int
store_meta_get(struct store *s, struct arena *a, const char *key,
    const char **value)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*value = NULL;
	if (c == NULL)
		return ERR_UNAVAILABLE;
	st = STMT(c, "SELECT value FROM meta WHERE key = ?1");
	bind_text(st, 1, key);
	if ((rc = step_row(c, st, "meta get")) != 0)
		return rc;
	*value = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

int
store_tx_meta_set(struct store_tx *tx, const char *key, const char *value)
{
	struct stmt *st = STMT(tx->conn,
	    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");

	bind_text(st, 1, key);
	bind_text(st, 2, value);
	return step_done(tx->conn, st, "meta set");
}
