/* The audit chain (see audit.h). */
#include "store/audit.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/err.h"
#include "base/log.h"
#include "store/backend.h"
#include "store/rows.h"

static const char zero_link[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void
put_field(crypto_generichash_state *h, const char *s)
{
	char len[24];

	/* Length-prefixed, so no two different entries hash alike. */
	if (s == NULL) {
		crypto_generichash_update(h, (const unsigned char *)"-\n", 2);
		return;
	}
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	crypto_generichash_update(h, (const unsigned char *)len, strlen(len));
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
	crypto_generichash_update(h, (const unsigned char *)"\n", 1);
}

static void
content_hash(const struct audit_entry *e, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];
	char num[48];

	crypto_generichash_init(&h, NULL, 0, sizeof(d));
	snprintf(num, sizeof(num), "%" PRId64 " %" PRId64, e->seq, e->at_us);
	put_field(&h, num);
	put_field(&h, e->actor_id);
	put_field(&h, e->actor_org_id);
	put_field(&h, e->action);
	put_field(&h, e->target);
	put_field(&h, e->client_addr);
	put_field(&h, e->detail);
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static void
link_of(const struct store *s, const char *prev, const char *chash, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];

	crypto_generichash_init(&h, s->audit_key, sizeof(s->audit_key), sizeof(d));
	crypto_generichash_update(&h, (const unsigned char *)prev, strlen(prev));
	crypto_generichash_update(&h, (const unsigned char *)chash, strlen(chash));
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

int
store_tx_audit_append(struct store_tx *tx, struct audit_entry *e)
{
	struct store *s = tx->conn->store;
	struct stmt *st;
	char prev[65], chash[65], link[65];
	int rc;

	if (s == NULL || !s->has_audit_key)
		return ERR_UNAVAILABLE;
	/* Several processes may share one PostgreSQL: one appends at a time. */
	if ((rc = conn_lock_audit(tx->conn)) != 0)
		return rc;
	st = STMT(tx->conn, "SELECT seq, link FROM audit ORDER BY seq DESC LIMIT 1");
	rc = stmt_step(st, __func__);
	if (rc == STMT_ROW) {
		e->seq = col_int(st, 0) + 1;
		snprintf(prev, sizeof(prev), "%s", col_cstr(st, 1));
	} else if (rc == STMT_DONE) {
		e->seq = 1;
		memcpy(prev, zero_link, sizeof(prev));
	} else {
		stmt_reset(st);
		return db_error(tx->conn, rc, "audit head");
	}
	stmt_reset(st);
	content_hash(e, chash);
	link_of(s, prev, chash, link);

	st = STMT(tx->conn, "INSERT INTO audit (seq, at_us, actor_id, actor_org_id, action, "
	    "target, client_addr, detail, content_hash, link) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	bind_int(st, 1, e->seq);
	bind_int(st, 2, e->at_us);
	bind_text(st, 3, e->actor_id);
	bind_text(st, 4, e->actor_org_id);
	bind_text(st, 5, e->action);
	bind_text(st, 6, e->target);
	bind_text(st, 7, e->client_addr);
	bind_text(st, 8, e->detail);
	bind_text(st, 9, chash);
	bind_text(st, 10, link);
	rc = step_done(tx->conn, st, "audit append");
	if (rc == 0)
		s->audit_dirty = 1;
	return rc;
}

/* Writes the newest link to the head file (through a temporary file
 * renamed into place, so it is never half written). With no entries there
 * is nothing to name: a head file left from another chain is removed when
 * stale is set. Returns 0, ERR_IO or ERR_DB. */
static int
write_head(struct store *s, struct conn *c, int stale)
{
	struct stmt *st;
	char tmp[4200], line[128];
	FILE *f;
	int rc;

	if (s->audit_head_path == NULL)
		return 0;
	st = STMT(c, "SELECT seq, link FROM audit ORDER BY seq DESC LIMIT 1");
	rc = stmt_step(st, __func__);
	if (rc != STMT_ROW) {
		stmt_reset(st);
		if (rc != STMT_DONE)
			return db_error(c, rc, "audit head");
		if (stale && unlink(s->audit_head_path) != 0 && errno != ENOENT)
			goto fail;
		return 0;
	}
	snprintf(line, sizeof(line), "%" PRId64 " %s\n", (int64_t)col_int(st, 0),
	    col_cstr(st, 1));
	stmt_reset(st);
	snprintf(tmp, sizeof(tmp), "%s.tmp", s->audit_head_path);
	f = fopen(tmp, "w");
	if (f == NULL)
		goto fail;
	if (fputs(line, f) < 0) {
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0 || rename(tmp, s->audit_head_path) != 0)
		goto fail;
	return 0;
fail:
	log_error("msg=\"cannot write the audit head\" path=\"%s\" error=\"%s\"",
	    s->audit_head_path, strerror(errno));
	return ERR_IO;
}

/* Called by the writer after a commit: mirror the newest link. */
void
audit_mirror_head(struct store *s, struct conn *c)
{
	s->audit_dirty = 0;
	write_head(s, c, 0);
}

int
store_audit_rewrite_head(struct store *s)
{
	struct conn *c = store_reader(s);
	int rc;

	if (c == NULL)
		return ERR_DB;
	rc = write_head(s, c, 1);
	store_request_end(s);
	return rc;
}

bool
store_audit_has_key(const struct store *s)
{
	return s->has_audit_key != 0;
}

const char *
store_audit_key_path(const struct store *s)
{
	return s->audit_key_path;
}

int
store_audit_list(struct store *s, struct arena *a, const struct audit_filter *f,
    int64_t before, size_t limit, struct audit_entry **out, size_t *n)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int rc;

	*n = 0;
	if (c == NULL)
		return ERR_DB;
	*out = arena_alloc(a, (limit ? limit : 1) * sizeof(**out));
	/* One statement: each filter is off when its parameter is NULL. */
	st = STMT(c, "SELECT seq, at_us, actor_id, actor_org_id, action, target, client_addr, "
	    "detail, content_hash, link, erased_us FROM audit WHERE seq < ?1 "
	    "AND (CAST(?2 AS TEXT) IS NULL OR substr(action, 1, length(?2)) = ?2) "
	    "AND (CAST(?3 AS TEXT) IS NULL OR actor_id = ?3) AND (CAST(?4 AS TEXT) IS NULL OR target = ?4) "
	    "ORDER BY seq DESC LIMIT ?5");
	bind_int(st, 1, before > 0 ? before : INT64_MAX);
	bind_text(st, 2, f ? f->action_prefix : NULL);
	bind_text(st, 3, f ? f->actor_id : NULL);
	bind_text(st, 4, f ? f->target : NULL);
	bind_int(st, 5, (int64_t)limit);
	while ((rc = stmt_step(st, __func__)) == STMT_ROW && *n < limit) {
		struct audit_entry *e = &(*out)[(*n)++];

		e->seq = col_int(st, 0);
		e->at_us = col_int(st, 1);
		e->actor_id = col_text(a, st, 2);
		e->actor_org_id = col_text(a, st, 3);
		e->action = col_text(a, st, 4);
		e->target = col_text(a, st, 5);
		e->client_addr = col_text(a, st, 6);
		e->detail = col_text(a, st, 7);
		e->content_hash = col_text(a, st, 8);
		e->link = col_text(a, st, 9);
		e->erased_us = col_int(st, 10);
	}
	stmt_reset(st);
	return rc == STMT_DONE || rc == STMT_ROW ? 0 : db_error(c, rc, "audit list");
}

/* Reads the mirrored head: 1 if read, 0 if there is no file, -1 if it is
 * damaged. */
static int
read_head(const struct store *s, int64_t *seq, char link[65])
{
	FILE *f = s->audit_head_path ? fopen(s->audit_head_path, "r") : NULL;
	int ok;

	if (f == NULL)
		return 0;
	ok = fscanf(f, "%" SCNd64 " %64s", seq, link) == 2 && *seq >= 0;
	fclose(f);
	return ok ? 1 : -1;
}

int
store_audit_verify(struct store *s, struct audit_verdict *v)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	char prev[65], chash[65], link[65];
	int64_t expect = 1, head_seq = 0;
	char head_link[65] = "";
	int head, rc;

	memset(v, 0, sizeof(*v));
	if (!s->has_audit_key)
		return ERR_UNAVAILABLE;
	if (c == NULL)
		return ERR_DB;
	/* The head first: it is written after each commit, so read before the
	 * snapshot it can never be ahead of a log that is still growing. */
	head = read_head(s, &head_seq, head_link);
	memcpy(prev, zero_link, sizeof(prev));
	st = STMT(c, "SELECT seq, at_us, actor_id, actor_org_id, action, target, "
	    "client_addr, detail, content_hash, link, erased_us FROM audit ORDER BY seq");
	while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
		struct audit_entry e = {0};
		const char *stored_hash = col_cstr(st, 8);
		const char *stored_link = col_cstr(st, 9);
		int erased = !col_null(st, 10), i;

		e.seq = col_int(st, 0);
		e.at_us = col_int(st, 1);
		e.actor_id = col_cstr(st, 2);
		e.actor_org_id = col_cstr(st, 3);
		e.action = col_cstr(st, 4);
		e.target = col_cstr(st, 5);
		e.client_addr = col_cstr(st, 6);
		e.detail = col_cstr(st, 7);
		v->entries++;
		if (e.seq != expect) {
			v->first_bad = e.seq > expect ? expect : e.seq;
			v->problem = e.seq > expect ? "removed" : "inserted";
			break;
		}
		expect++;
		if (stored_hash == NULL || stored_link == NULL) {
			v->first_bad = e.seq;
			v->problem = "changed";
			break;
		}
		if (erased) {
			/* Erased entries keep their hash but no content to check, so
			 * they must hold none: marking an entry erased must not hide
			 * an edit. */
			for (i = 2; i <= 7; i++)
				if (!col_null(st, i))
					break;
			if (i <= 7) {
				v->first_bad = e.seq;
				v->problem = "changed";
				break;
			}
		} else {
			content_hash(&e, chash);
			if (strcmp(chash, stored_hash) != 0) {
				v->first_bad = e.seq;
				v->problem = "changed";
				break;
			}
		}
		link_of(s, prev, stored_hash, link);
		if (strcmp(link, stored_link) != 0) {
			/* The content fits its hash but the link does not. A row slipped
			 * in leaves the next one chained to the link before it; a row
			 * added at the end comes after the mirrored head. Anything
			 * else (a rewritten hash, a wrong key) is a change. */
			v->first_bad = e.seq;
			v->problem = "changed";
			rc = stmt_step(st, __func__);
			if (rc == STMT_ROW) {
				const char *next_hash = col_cstr(st, 8);
				const char *next_link = col_cstr(st, 9);

				if (next_hash != NULL && next_link != NULL) {
					link_of(s, prev, next_hash, link);
					if (strcmp(link, next_link) == 0)
						v->problem = "inserted";
				}
			} else if (rc == STMT_DONE && head >= 0 && e.seq > head_seq) {
				v->problem = "inserted";
			}
			break;
		}
		snprintf(prev, sizeof(prev), "%s", stored_link);
	}
	stmt_reset(st);
	if (rc != STMT_DONE && rc != STMT_ROW)
		return db_error(c, rc, "audit verify");
	if (v->problem != NULL)
		return 0;

	/* The tail: the mirrored head must still be there, unchanged. (On
	 * PostgreSQL there is no head file: several processes append.) */
	if (s->audit_head_path == NULL) {
		/* nothing to compare */
	} else if (head < 0 || (head == 0 && expect > 1)) {
		v->first_bad = expect - 1;
		v->problem = "head_missing";
	} else if (head == 0) {
		/* No entries and no head: a new database. */
	} else if (head_seq > expect - 1) {
		v->first_bad = expect;
		v->problem = "tail_cut";
	} else if (head_seq > 0) {
		/* Check the entry the head names (the log may have grown past it
		 * if rosc stopped between a commit and the mirror). */
		st = STMT(c, "SELECT link FROM audit WHERE seq = ?1");
		bind_int(st, 1, head_seq);
		if (stmt_step(st, __func__) != STMT_ROW ||
		    strcmp(col_cstr(st, 0), head_link) != 0) {
			v->first_bad = head_seq;
			v->problem = "changed";
		}
		stmt_reset(st);
	}
	return 0;
}

int
audit_key_load(struct store *s, int create)
{
	const char *env = getenv("ROSC_AUDIT_KEY");
	unsigned char key[32];
	size_t len = 0;
	char hex[65];
	FILE *f;
	int fd;

	if (env != NULL && *env != '\0') {
		if (sodium_hex2bin(key, sizeof(key), env, strlen(env), NULL, &len, NULL) != 0 ||
		    len != sizeof(key)) {
			log_error("msg=\"ROSC_AUDIT_KEY must be 64 hex digits\"");
			return ERR_INVALID;
		}
		goto have;
	}
	f = fopen(s->audit_key_path, "r");
	if (f != NULL) {
		if (fscanf(f, "%64s", hex) != 1 ||
		    sodium_hex2bin(key, sizeof(key), hex, strlen(hex), NULL, &len, NULL) != 0 ||
		    len != sizeof(key)) {
			fclose(f);
			log_error("msg=\"the audit key file is damaged\" path=\"%s\"", s->audit_key_path);
			return ERR_INVALID;
		}
		fclose(f);
		goto have;
	}
	if (!create)
		return ERR_NOT_FOUND;
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	fd = open(s->audit_key_path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0 || write(fd, hex, 64) != 64 || write(fd, "\n", 1) != 1 || fsync(fd) != 0) {
		log_error("msg=\"cannot create the audit key\" path=\"%s\" error=\"%s\"",
		    s->audit_key_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return ERR_IO;
	}
	close(fd);
have:
	memcpy(s->audit_key, key, sizeof(key));
	s->has_audit_key = 1;
	sodium_memzero(key, sizeof(key));
	return 0;
}
