/* Backup and restore through SQLite's online backup API: a consistent copy
 * even while rosc serves. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"

static int
copy_db(sqlite3 *from, sqlite3 *to)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc;

	if (b == NULL) {
		log_error("msg=\"backup failed\" detail=\"%s\"", sqlite3_errmsg(to));
		return ERR_DB;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		log_error("msg=\"backup failed\" detail=\"%s\"", sqlite3_errstr(rc));
		return ERR_DB;
	}
	return 0;
}

int
store_backup(struct store *s, const char *file)
{
	struct conn *src = NULL;
	sqlite3 *dst = NULL;
	char tmp[4096];
	int rc;

	if (s->kind != DB_SQLITE) {
		log_error("msg=\"rosc backup copies SQLite databases; back up PostgreSQL "
		    "with pg_dump\"");
		return ERR_INVALID;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.partial", file) >= (int)sizeof(tmp))
		return ERR_INVALID;
	unlink(tmp);
	if ((rc = conn_open(DB_SQLITE, s->path, SQLITE_OPEN_READWRITE, 1, &src)) != 0)
		return rc;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		log_error("msg=\"cannot create backup file\" path=\"%s\"", tmp);
		rc = ERR_IO;
		goto out;
	}
	rc = copy_db(src->db, dst);
	/* A backup is one self-contained file, not a WAL pair. */
	if (rc == 0 && sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL,
	    NULL) != SQLITE_OK)
		rc = ERR_DB;
	sqlite3_close(dst);
	dst = NULL;
	if (rc == 0 && rename(tmp, file) != 0) {
		log_error("msg=\"cannot write backup\" path=\"%s\" error=\"%s\"", file,
		    strerror(errno));
		rc = ERR_IO;
	}
out:
	if (rc != 0)
		unlink(tmp);
	sqlite3_close(dst);
	conn_close(src);
	return rc;
}

/* A backup is usable if it opens, passes SQLite's quick check and holds
 * rosc's table of migrations. */
static int
check_backup(const char *file)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int rc = ERR_INVALID;

	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
		goto out;
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM schema_migrations", -1, &st,
	    NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

int
store_restore(const char *url, const char *file, bool force)
{
	const char *path;
	struct stat st;
	sqlite3 *from = NULL;
	struct conn *to = NULL;
	int rc;

	if (url == NULL || strncmp(url, "sqlite:", 7) != 0 || url[7] == '\0')
		return ERR_INVALID;
	path = url + 7;
	if (stat(file, &st) != 0)
		return ERR_NOT_FOUND;
	if ((rc = check_backup(file)) != 0)
		return rc;
	if (stat(path, &st) == 0 && !force)
		return ERR_EXISTS;
	if (sqlite3_open_v2(file, &from, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		rc = ERR_IO;
		goto out;
	}
	if ((rc = store_mkdir_parent(path)) != 0)
		goto out;
	rc = conn_open(DB_SQLITE, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 0, &to);
	if (rc != 0)
		goto out;
	rc = copy_db(from, to->db);
	if (rc == 0)
		rc = conn_exec(to, "PRAGMA journal_mode=WAL");
out:
	conn_close(to);
	sqlite3_close(from);
	return rc;
}
