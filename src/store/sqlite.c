/* The SQLite backend: opening, connections per thread, statements, meta. */
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

int
db_error(struct conn *c, int rc, const char *what)
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
conn_exec(struct conn *c, const char *sql)
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

int
conn_open(const char *path, int flags, int readonly, struct conn **out)
{
	struct conn *c = calloc(1, sizeof(*c));
	int rc;

	if (c == NULL)
		die("out of memory");
	rc = sqlite3_open_v2(path, &c->db, flags | SQLITE_OPEN_NOMUTEX |
	    SQLITE_OPEN_EXRESCODE, NULL);
	if (rc != SQLITE_OK) {
		rc = db_error(c, rc, path);
		conn_close(c);
		return rc;
	}
	sqlite3_busy_timeout(c->db, 5000);
	/* WAL: readers never block the writer. FULL: an acknowledged write
	 * survives power loss (group commit keeps that affordable). The WAL
	 * is truncated back to 64 MiB after checkpoints. */
	rc = conn_exec(c, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;"
	    "PRAGMA journal_size_limit=67108864;"
	    "PRAGMA temp_store=MEMORY;");
	if (rc == 0 && readonly)
		rc = conn_exec(c, "PRAGMA query_only=1;");
	if (rc != 0) {
		conn_close(c);
		return rc;
	}
	*out = c;
	return 0;
}

void
conn_close(struct conn *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nstmts; i++)
		sqlite3_finalize(c->stmts[i].st);
	free(c->stmts);
	sqlite3_close(c->db);
	free(c);
}

sqlite3_stmt *
conn_stmt(struct conn *c, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;
	int rc;

	for (i = 0; i < c->nstmts; i++)
		if (c->stmts[i].sql == sql)
			return c->stmts[i].st;
	rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK)
		die("cannot prepare \"%s\": %s", sql, sqlite3_errmsg(c->db));
	if (c->nstmts == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->stmts = realloc(c->stmts, c->cap * sizeof(*c->stmts));
		if (c->stmts == NULL)
			die("out of memory");
	}
	c->stmts[c->nstmts].sql = sql;
	c->stmts[c->nstmts].st = st;
	c->nstmts++;
	return st;
}

void
conn_reset_all(struct conn *c)
{
	size_t i;

	for (i = 0; i < c->nstmts; i++) {
		if (sqlite3_stmt_busy(c->stmts[i].st)) {
#ifndef NDEBUG
			log_warn("msg=\"statement left open at end of request\" sql=\"%.60s\"",
			    c->stmts[i].sql);
#endif
			sqlite3_reset(c->stmts[i].st);
		}
		sqlite3_clear_bindings(c->stmts[i].st);
	}
}

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

struct conn *
store_reader(struct store *s)
{
	struct conn *c = pthread_getspecific(s->reader_key);

	if (c != NULL)
		return c;
	if (conn_open(s->path, SQLITE_OPEN_READWRITE, 1, &c) != 0)
		return NULL;
	c->store = s;
	pthread_mutex_lock(&s->conns_lock);
	c->next = s->conns;
	s->conns = c;
	pthread_mutex_unlock(&s->conns_lock);
	pthread_setspecific(s->reader_key, c);
	return c;
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

int
store_open(const char *url, enum store_mode mode, struct store **out)
{
	const char *path = sqlite_path(url);
	struct store *s;
	struct conn *w = NULL;
	struct stat st;
	int rc, current, latest, flags = SQLITE_OPEN_READWRITE;

	*out = NULL;
	if (path == NULL) {
		log_error("msg=\"unsupported database url (expected sqlite:PATH)\" url=\"%s\"",
		    url ? url : "");
		return ERR_INVALID;
	}
	if (stat(path, &st) != 0) {
		if (mode != STORE_CREATE)
			return ERR_NOT_FOUND;
		if ((rc = store_mkdir_parent(path)) != 0)
			return rc;
		flags |= SQLITE_OPEN_CREATE;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		die("out of memory");
	s->path = strdup(path);
	if (asprintf(&s->describe, "sqlite:%s", path) < 0 || s->path == NULL ||
	    asprintf(&s->audit_key_path, "%s.audit-key", path) < 0 ||
	    asprintf(&s->audit_head_path, "%s.audit-head", path) < 0)
		die("out of memory");
	pthread_mutex_init(&s->conns_lock, NULL);
	pthread_key_create(&s->reader_key, reader_destroy);

	rc = conn_open(path, flags, 0, &w);
	if (rc != 0)
		goto fail;
	w->store = s;
	/* The table of applied migrations exists before any migration runs. */
	rc = conn_exec(w, "CREATE TABLE IF NOT EXISTS schema_migrations ("
	    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
	    "applied_us INTEGER NOT NULL)");
	if (rc != 0)
		goto fail;
	if ((rc = writer_start(s, w)) != 0)
		goto fail;
	w = NULL;
	if (mode == STORE_SERVE) {
		rc = store_migration_status(s, &current, &latest);
		if (rc == 0 && current < latest)
			rc = ERR_PENDING;
		if (rc != 0)
			goto fail;
	}
	/* The audit key: made by init (and migrate, for databases older than
	 * the audit log); serving without it would break the chain. */
	rc = audit_key_load(s, mode != STORE_SERVE);
	if (rc == ERR_NOT_FOUND) {
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
	free(s->describe);
	free(s->audit_key_path);
	free(s->audit_head_path);
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
	sqlite3_stmt *st;
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT count(*) FROM schema_migrations");
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : db_error(c, rc, "ping");
}

void
store_request_end(struct store *s)
{
	struct conn *c = pthread_getspecific(s->reader_key);

	if (c != NULL)
		conn_reset_all(c);
}

int
store_meta_get(struct store *s, struct arena *a, const char *key,
    const char **value)
{
	struct conn *c = store_reader(s);
	sqlite3_stmt *st;
	int rc;

	*value = NULL;
	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT value FROM meta WHERE key = ?1");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*value = arena_strndup(a, (const char *)sqlite3_column_text(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0));
		rc = 0;
	} else if (rc == SQLITE_DONE) {
		rc = ERR_NOT_FOUND;
	} else {
		rc = db_error(c, rc, "meta get");
	}
	sqlite3_reset(st);
	return rc;
}

int
store_tx_meta_set(struct store_tx *tx, const char *key, const char *value)
{
	sqlite3_stmt *st = STMT(tx->conn,
	    "INSERT INTO meta (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	int rc;

	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_error(tx->conn, rc, "meta set");
}
