/* The access log's chain (see access_chain.h): the links the writer adds,
 * the check, and what the background check recorded. */
#include "store/access_chain.h"

#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "store/audit.h"
#include "store/backend.h"
#include "store/rows.h"
#include "store/store.h"

#define LINK_BATCH 1000        /* links checked per round */
#define OLD_PAGE 10000         /* entries from before the chain, per read */
#define CHECK_KEY "access_chain_check"

static const char zero_link[65] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/* Length-prefixed, so that no two different entries hash alike. */
static void
put(crypto_generichash_state *h, const char *s)
{
	char len[24];

	if (s == NULL) {
		crypto_generichash_update(h, (const unsigned char *)"~", 1);
		return;
	}
	snprintf(len, sizeof(len), "%zu:", strlen(s));
	crypto_generichash_update(h, (const unsigned char *)len, strlen(len));
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
}

void
access_entry_hash(const struct access_row *e, unsigned char out[32])
{
	crypto_generichash_state h;
	char num[48];

	crypto_generichash_init(&h, NULL, 0, 32);
	snprintf(num, sizeof(num), "%" PRId64 " %" PRId64, e->at_us, e->link_seq);
	put(&h, num);
	put(&h, e->person_id);
	put(&h, e->id);
	put(&h, e->actor_id);
	put(&h, e->org_id);
	put(&h, e->what);
	put(&h, e->action);
	put(&h, e->why);
	put(&h, e->day);
	crypto_generichash_final(&h, out, 32);
}

static int
cmp_hash(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

/* The digest of n hashes, which must be sorted. */
static void
digest_of(const unsigned char (*hashes)[32], size_t n, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];

	crypto_generichash_init(&h, NULL, 0, sizeof(d));
	if (n > 0)
		crypto_generichash_update(&h, hashes[0], 32 * n);
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static void
link_of(const struct store *s, int64_t seq, int64_t at_us, int64_t entries,
    const char *prev, const char *digest, char out[65])
{
	crypto_generichash_state h;
	unsigned char d[32];
	char num[72];

	crypto_generichash_init(&h, s->audit_key, sizeof(s->audit_key), sizeof(d));
	snprintf(num, sizeof(num), "%" PRId64 " %" PRId64 " %" PRId64, seq, at_us, entries);
	put(&h, num);
	put(&h, prev);
	put(&h, digest);
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, 65, d, sizeof(d));
}

static void
hashes_push(unsigned char (**hashes)[32], size_t *n, size_t *cap, const unsigned char h[32])
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*hashes = realloc(*hashes, *cap * 32);
		if (*hashes == NULL)
			die("out of memory");
	}
	memcpy((*hashes)[(*n)++], h, 32);
}

/* Reads an access_log row (person_id, at_us, id, actor_id, actor_org_id,
 * what, action, why, day, link_seq) and hashes it. */
static void
hash_row(struct stmt *st, unsigned char out[32])
{
	struct access_row e;

	e.person_id = col_cstr(st, 0);
	e.at_us = col_int(st, 1);
	e.id = col_cstr(st, 2);
	e.actor_id = col_cstr(st, 3);
	e.org_id = col_cstr(st, 4);
	e.what = col_cstr(st, 5);
	e.action = col_cstr(st, 6);
	e.why = col_cstr(st, 7);
	e.day = col_cstr(st, 8);
	e.link_seq = col_int(st, 9);
	access_entry_hash(&e, out);
}

/* The hashes of every entry from before the chain (link_seq NULL), read a
 * page at a time so a large log never sits in one result. Sorted. */
static int
old_hashes(struct conn *c, unsigned char (**hashes)[32], size_t *n, size_t *cap)
{
	char person[64] = "", id[64] = "";
	int64_t at = INT64_MIN;
	size_t got;
	int rc;

	do {
		struct stmt *st = STMT(c, "SELECT person_id, at_us, id, actor_id, actor_org_id, "
		    "what, action, why, day, link_seq FROM access_log WHERE link_seq IS NULL "
		    "AND (person_id > ?1 OR (person_id = ?1 AND (at_us > ?2 OR "
		    "(at_us = ?2 AND id > ?3)))) ORDER BY person_id, at_us, id LIMIT ?4");

		bind_text(st, 1, person);
		bind_int(st, 2, at);
		bind_text(st, 3, id);
		bind_int(st, 4, OLD_PAGE);
		got = 0;
		while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
			unsigned char h[32];

			hash_row(st, h);
			hashes_push(hashes, n, cap, h);
			snprintf(person, sizeof(person), "%s", col_cstr(st, 0));
			at = col_int(st, 1);
			snprintf(id, sizeof(id), "%s", col_cstr(st, 2));
			got++;
		}
		stmt_reset(st);
		if (rc != STMT_DONE)
			return db_error(c, rc, "access chain old entries");
	} while (got == OLD_PAGE);
	if (*n > 1)
		qsort(*hashes, *n, 32, cmp_hash);
	return 0;
}

/* The writer's side */

/* Makes link 1, over the entries from before the chain. */
static int
chain_begin(struct conn *c, struct access_group *g)
{
	unsigned char (*hashes)[32] = NULL;
	size_t n = 0, cap = 0;
	char digest[65], link[65], detail[128];
	int64_t now = clock_now_us();
	struct store_tx tx = {c, NULL};
	struct audit_entry e = {0};
	struct stmt *st;
	int rc;

	if ((rc = old_hashes(c, &hashes, &n, &cap)) != 0)
		goto out;
	digest_of(hashes, n, digest);
	link_of(c->store, 1, now, (int64_t)n, zero_link, digest, link);
	st = STMT(c, "INSERT INTO access_link (seq, at_us, entries, digest, link) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)");
	bind_int(st, 1, 1);
	bind_int(st, 2, now);
	bind_int(st, 3, (int64_t)n);
	bind_text(st, 4, digest);
	bind_text(st, 5, link);
	if ((rc = step_done(c, st, "access chain start")) != 0)
		goto out;
	/* Recorded in the audit chain, which nobody can forge: a chain made
	 * anew over entries moved back before it would be a second record. */
	snprintf(detail, sizeof(detail), "link=%s entries=%zu", link, n);
	e.at_us = now;
	e.action = ACCESS_CHAIN_START;
	e.client_addr = "rosc";
	e.detail = detail;
	if ((rc = store_tx_audit_append(&tx, &e)) != 0)
		goto out;
	g->seq = 2;
	memcpy(g->prev, link, sizeof(g->prev));
	g->head_seq = 1;
	memcpy(g->head_link, link, sizeof(g->head_link));
	log_info("msg=\"access log chain started\" entries=%zu", n);
out:
	free(hashes);
	return rc;
}

int
access_chain_open(struct store_tx *tx, int64_t *seq)
{
	struct access_group *g = tx->access;
	struct conn *c = tx->conn;
	struct stmt *st;
	int rc;

	*seq = 0;
	if (g == NULL || c->store == NULL || !c->store->has_audit_key)
		return 0;        /* a store without the key: entries stay unlinked */
	if (g->seq == 0) {
		/* On PostgreSQL the chain's lock is held since BEGIN. */
		st = STMT(c, "SELECT seq, link FROM access_link ORDER BY seq DESC LIMIT 1");
		rc = stmt_step(st, __func__);
		if (rc == STMT_ROW) {
			g->seq = col_int(st, 0) + 1;
			snprintf(g->prev, sizeof(g->prev), "%s", col_cstr(st, 1));
		}
		stmt_reset(st);
		if (rc == STMT_DONE)
			rc = chain_begin(c, g);
		else if (rc == STMT_ROW)
			rc = 0;
		else
			return db_error(c, rc, "access chain head");
		if (rc != 0)
			return rc;
	}
	*seq = g->seq;
	return 0;
}

void
access_chain_add(struct access_group *g, const unsigned char h[32])
{
	hashes_push(&g->hashes, &g->n, &g->cap, h);
}

void
access_group_mark(struct access_group *g)
{
	g->mark_seq = g->seq;
	g->mark_head = g->head_seq;
	g->mark_n = g->n;
}

void
access_group_undo(struct access_group *g)
{
	/* A head read in the write is still true, but link 1 made in it is
	 * gone with it: read again. */
	if (g->seq != g->mark_seq)
		g->seq = 0;
	g->head_seq = g->mark_head;
	g->n = g->mark_n;
}

int
access_group_commit(struct conn *c, struct access_group *g)
{
	char digest[65], link[65];
	int64_t now = clock_now_us();
	struct stmt *st;
	int rc;

	if (g->n == 0)
		return 0;
	qsort(g->hashes, g->n, 32, cmp_hash);
	digest_of(g->hashes, g->n, digest);
	link_of(c->store, g->seq, now, (int64_t)g->n, g->prev, digest, link);
	st = STMT(c, "INSERT INTO access_link (seq, at_us, entries, digest, link) "
	    "VALUES (?1, ?2, ?3, ?4, ?5)");
	bind_int(st, 1, g->seq);
	bind_int(st, 2, now);
	bind_int(st, 3, (int64_t)g->n);
	bind_text(st, 4, digest);
	bind_text(st, 5, link);
	rc = step_done(c, st, "access chain link");
	if (rc == 0) {
		g->head_seq = g->seq;
		memcpy(g->head_link, link, sizeof(g->head_link));
	}
	return rc;
}

/* Writes "seq link" to the head file, through a temporary file renamed
 * into place. With seq 0, removes a head file left from another chain. */
static int
write_head(const struct store *s, int64_t seq, const char *link)
{
	char tmp[4200];
	FILE *f;

	if (s->access_head_path == NULL)
		return 0;
	if (seq == 0) {
		if (unlink(s->access_head_path) != 0 && errno != ENOENT)
			goto fail;
		return 0;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", s->access_head_path);
	f = fopen(tmp, "w");
	if (f == NULL)
		goto fail;
	if (fprintf(f, "%" PRId64 " %s\n", seq, link) < 0) {
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0 || rename(tmp, s->access_head_path) != 0)
		goto fail;
	return 0;
fail:
	log_error("msg=\"cannot write the access log head\" path=\"%s\" error=\"%s\"",
	    s->access_head_path, strerror(errno));
	return ERR_IO;
}

void
access_group_mirror(struct store *s, struct access_group *g)
{
	if (g->head_seq != 0)
		write_head(s, g->head_seq, g->head_link);
}

void
access_group_free(struct access_group *g)
{
	free(g->hashes);
	memset(g, 0, sizeof(*g));
}

static int
start_fn(struct store_tx *tx, void *arg)
{
	int64_t seq;

	(void)arg;
	return access_chain_open(tx, &seq);
}

int
store_access_chain_start(struct store *s)
{
	if (!s->has_audit_key)
		return ERR_UNAVAILABLE;
	return store_write(s, start_fn, NULL);
}

int
store_access_chain_rewrite_head(struct store *s)
{
	struct conn *c = store_reader(s);
	struct stmt *st;
	int64_t seq = 0;
	char link[65] = "";
	int rc;

	if (c == NULL)
		return ERR_DB;
	st = STMT(c, "SELECT seq, link FROM access_link ORDER BY seq DESC LIMIT 1");
	rc = stmt_step(st, __func__);
	if (rc == STMT_ROW) {
		seq = col_int(st, 0);
		snprintf(link, sizeof(link), "%s", col_cstr(st, 1));
	}
	stmt_reset(st);
	store_request_end(s);
	if (rc != STMT_ROW && rc != STMT_DONE)
		return db_error(c, rc, "access chain head");
	return write_head(s, seq, link);
}

/* The check */

struct link_row {
	int64_t seq, at_us, entries;
	char digest[65], link[65];
};

struct seq_hash {
	int64_t seq;
	unsigned char h[32];
};

static int
cmp_seq_hash(const void *a, const void *b)
{
	const struct seq_hash *x = a, *y = b;

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return memcmp(x->h, y->h, 32);
}

static void
pairs_push(struct seq_hash **p, size_t *n, size_t *cap, int64_t seq, const unsigned char h[32])
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*p = realloc(*p, *cap * sizeof(**p));
		if (*p == NULL)
			die("out of memory");
	}
	(*p)[*n].seq = seq;
	memcpy((*p)[(*n)++].h, h, 32);
}

static void
bad(struct access_verdict *v, int64_t at, const char *problem)
{
	v->first_bad = at;
	v->problem = problem;
}

/* Link 1 must be the one the audit chain recorded when the chain began,
 * and the chain must have begun once. */
static int
check_anchor(struct conn *c, const char *link, struct access_verdict *v)
{
	struct stmt *st = STMT(c, "SELECT count(*), max(detail) FROM audit WHERE action = ?1");
	char want[80];
	int rc;

	bind_text(st, 1, ACCESS_CHAIN_START);
	rc = stmt_step(st, __func__);
	if (rc == STMT_ROW) {
		snprintf(want, sizeof(want), "link=%s ", link);
		if (col_int(st, 0) != 1 || col_cstr(st, 1) == NULL ||
		    strncmp(col_cstr(st, 1), want, strlen(want)) != 0)
			bad(v, 1, "restarted");
	}
	stmt_reset(st);
	return rc == STMT_ROW ? 0 : db_error(c, rc, "access chain anchor");
}

/* Checks links from `from` on, chained to prev (their entries, their
 * links), and that no entry names a link beyond them. */
static int
verify_from(struct store *s, struct conn *c, int64_t from, struct access_verdict *v)
{
	struct link_row *links = malloc(LINK_BATCH * sizeof(*links));
	struct seq_hash *pairs = NULL;
	size_t npairs = 0, cap = 0, nlinks, i, k;
	int64_t expect = from;
	struct stmt *st;
	int rc = 0;

	if (links == NULL)
		die("out of memory");
	for (;;) {
		nlinks = 0;
		st = STMT(c, "SELECT seq, at_us, entries, digest, link FROM access_link "
		    "WHERE seq >= ?1 ORDER BY seq LIMIT ?2");
		bind_int(st, 1, expect);
		bind_int(st, 2, LINK_BATCH);
		while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
			struct link_row *l = &links[nlinks++];

			l->seq = col_int(st, 0);
			l->at_us = col_int(st, 1);
			l->entries = col_int(st, 2);
			snprintf(l->digest, sizeof(l->digest), "%s", col_cstr(st, 3) ? col_cstr(st, 3) : "");
			snprintf(l->link, sizeof(l->link), "%s", col_cstr(st, 4) ? col_cstr(st, 4) : "");
		}
		stmt_reset(st);
		if (rc != STMT_DONE) {
			rc = db_error(c, rc, "access chain links");
			goto out;
		}
		rc = 0;
		if (nlinks == 0)
			break;

		/* Every entry of these links, as (link, hash), sorted. */
		npairs = 0;
		if (links[0].seq == 1) {
			unsigned char (*old)[32] = NULL;
			size_t nold = 0, oldcap = 0;

			if ((rc = old_hashes(c, &old, &nold, &oldcap)) != 0) {
				free(old);
				goto out;
			}
			for (k = 0; k < nold; k++)
				pairs_push(&pairs, &npairs, &cap, 1, old[k]);
			free(old);
		}
		st = STMT(c, "SELECT person_id, at_us, id, actor_id, actor_org_id, what, action, "
		    "why, day, link_seq FROM access_log WHERE link_seq >= ?1 AND link_seq <= ?2");
		bind_int(st, 1, links[0].seq);
		bind_int(st, 2, links[nlinks - 1].seq);
		while ((rc = stmt_step(st, __func__)) == STMT_ROW) {
			unsigned char h[32];

			hash_row(st, h);
			pairs_push(&pairs, &npairs, &cap, col_int(st, 9), h);
		}
		stmt_reset(st);
		if (rc != STMT_DONE) {
			rc = db_error(c, rc, "access chain entries");
			goto out;
		}
		rc = 0;
		if (npairs > 1)
			qsort(pairs, npairs, sizeof(*pairs), cmp_seq_hash);

		for (i = 0, k = 0; i < nlinks; i++) {
			const struct link_row *l = &links[i];
			unsigned char (*hs)[32];
			char digest[65], link[65];
			size_t first, m, j;

			if (l->seq != expect) {
				bad(v, expect, "link_removed");
				goto out;
			}
			while (k < npairs && pairs[k].seq < l->seq)
				k++;    /* under a missing link: found as that gap */
			first = k;
			while (k < npairs && pairs[k].seq == l->seq)
				k++;
			m = k - first;
			link_of(s, l->seq, l->at_us, l->entries, v->verified_link, l->digest, link);
			if (strcmp(link, l->link) != 0) {
				bad(v, l->seq, "link_changed");
				goto out;
			}
			if ((int64_t)m != l->entries) {
				bad(v, l->seq, (int64_t)m < l->entries ? "entry_removed" : "entry_added");
				goto out;
			}
			hs = malloc((m ? m : 1) * 32);
			if (hs == NULL)
				die("out of memory");
			for (j = 0; j < m; j++)
				memcpy(hs[j], pairs[first + j].h, 32);
			digest_of((const unsigned char (*)[32])hs, m, digest);
			free(hs);
			if (strcmp(digest, l->digest) != 0) {
				bad(v, l->seq, "entry_changed");
				goto out;
			}
			if (l->seq == 1 && (rc = check_anchor(c, l->link, v)) != 0)
				goto out;
			if (v->problem != NULL)
				goto out;
			v->links++;
			v->entries += (int64_t)m;
			v->verified_seq = l->seq;
			v->verified_at_us = l->at_us;
			memcpy(v->verified_link, l->link, sizeof(v->verified_link));
			expect++;
		}
		if (nlinks < LINK_BATCH)
			break;
	}

	/* Entries that name a link rosc never wrote. (One statement: on
	 * PostgreSQL a link committed since is seen with its entries.) */
	st = STMT(c, "SELECT min(l.link_seq) FROM access_log l WHERE (l.link_seq > ?1 "
	    "OR l.link_seq < 1) AND NOT EXISTS (SELECT 1 FROM access_link k "
	    "WHERE k.seq = l.link_seq)");
	bind_int(st, 1, v->verified_seq);
	rc = stmt_step(st, __func__);
	if (rc == STMT_ROW && !col_null(st, 0))
		bad(v, col_int(st, 0), "unlinked");
	stmt_reset(st);
	rc = rc == STMT_ROW || rc == STMT_DONE ? 0 : db_error(c, rc, "access chain unlinked");
	if (rc == 0 && v->problem == NULL && v->verified_seq == 0) {
		/* No link at all: entries from before the chain are fine until
		 * rosc first serves; anything else is not. */
		st = STMT(c, "SELECT count(*), count(link_seq) FROM access_log");
		rc = stmt_step(st, __func__);
		if (rc == STMT_ROW && col_int(st, 1) > 0)
			bad(v, 1, "link_removed");
		else if (rc == STMT_ROW)
			v->unchained = col_int(st, 0);
		stmt_reset(st);
		rc = rc == STMT_ROW || rc == STMT_DONE ? 0 : db_error(c, rc, "access chain");
	}
out:
	free(links);
	free(pairs);
	return rc;
}

/* Reads the mirrored head: 1 if read, 0 if there is none, -1 if damaged. */
static int
read_head(const struct store *s, int64_t *seq, char link[65])
{
	FILE *f = s->access_head_path ? fopen(s->access_head_path, "r") : NULL;
	int ok;

	if (f == NULL)
		return 0;
	ok = fscanf(f, "%" SCNd64 " %64s", seq, link) == 2 && *seq > 0;
	fclose(f);
	return ok ? 1 : -1;
}

/* The tail against the mirrored head (SQLite). */
static int
check_head(struct store *s, struct conn *c, int head, int64_t head_seq,
    const char *head_link, struct access_verdict *v)
{
	struct stmt *st;
	int rc;

	if (s->access_head_path == NULL || v->problem != NULL)
		return 0;
	if (head < 0 || (head == 0 && v->verified_seq > 0)) {
		bad(v, v->verified_seq, "head_missing");
	} else if (head > 0 && head_seq > v->verified_seq) {
		bad(v, v->verified_seq + 1, "tail_cut");
	} else if (head > 0) {
		/* The link the head names (the chain may have grown past it if
		 * rosc stopped between a commit and the mirror). */
		st = STMT(c, "SELECT link FROM access_link WHERE seq = ?1");
		bind_int(st, 1, head_seq);
		rc = stmt_step(st, __func__);
		if (rc == STMT_ROW && strcmp(col_cstr(st, 0), head_link) != 0)
			bad(v, head_seq, "link_changed");
		stmt_reset(st);
		if (rc != STMT_ROW && rc != STMT_DONE)
			return db_error(c, rc, "access chain head");
	}
	return 0;
}

/* Checks from link `from` (1: the whole chain), after a link known good
 * (prev, made at prev_at_us). */
static int
verify(struct store *s, int64_t from, const char *prev, int64_t prev_at_us,
    struct access_verdict *v)
{
	char head_link[65] = "";
	int64_t head_seq = 0;
	struct conn *c;
	int head, rc;

	memset(v, 0, sizeof(*v));
	if (!s->has_audit_key)
		return ERR_UNAVAILABLE;
	/* The head first, then a fresh snapshot: it can never be ahead of a
	 * chain that is still growing. */
	store_request_end(s);
	head = read_head(s, &head_seq, head_link);
	if ((c = store_reader(s)) == NULL)
		return ERR_DB;
	v->verified_seq = from - 1;
	v->verified_at_us = prev_at_us;
	snprintf(v->verified_link, sizeof(v->verified_link), "%s", prev);
	rc = verify_from(s, c, from, v);
	if (rc == 0)
		rc = check_head(s, c, head, head_seq, head_link, v);
	store_request_end(s);
	return rc;
}

int
store_access_chain_verify(struct store *s, struct access_verdict *v)
{
	return verify(s, 1, zero_link, 0, v);
}

/* The record: "checked_us full_us verified_seq verified_at_us link
 * first_bad problem". */
struct record {
	int64_t checked_us, full_us, seq, at_us, first_bad;
	char link[65], problem[24];
};

static int
read_record(struct store *s, struct arena *a, struct record *r)
{
	const char *text = NULL;
	int rc;

	memset(r, 0, sizeof(*r));
	rc = store_meta_get(s, a, CHECK_KEY, &text);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc != 0)
		return rc;
	if (sscanf(text, "%" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %64s %" SCNd64 " %23s",
	        &r->checked_us, &r->full_us, &r->seq, &r->at_us, r->link, &r->first_bad,
	        r->problem) != 7)
		memset(r, 0, sizeof(*r));    /* damaged: check everything again */
	return 0;
}

static int
record_fn(struct store_tx *tx, void *arg)
{
	return store_tx_meta_set(tx, CHECK_KEY, arg);
}

int
store_access_chain_check(struct store *s, int64_t now, struct access_verdict *out)
{
	struct access_verdict v;
	struct record r;
	struct arena a = ARENA_INIT;
	char text[256];
	int rc, full;

	rc = read_record(s, &a, &r);
	store_request_end(s);
	if (rc != 0)
		goto out;
	/* Everything when nothing was verified yet, or to see whether a break
	 * is still there; else only what is new. */
	full = r.checked_us == 0 || r.seq == 0 || strcmp(r.problem, "-") != 0;
	if (full) {
		rc = store_access_chain_verify(s, &v);
	} else {
		rc = verify(s, r.seq + 1, r.link, r.at_us, &v);
		if (rc == 0 && v.problem == NULL) {
			/* The link it reached last time must still be there as it was. */
			struct conn *c = store_reader(s);
			struct stmt *st;

			if (c == NULL) {
				rc = ERR_DB;
				goto out;
			}
			st = STMT(c, "SELECT link FROM access_link WHERE seq = ?1");
			bind_int(st, 1, r.seq);
			rc = stmt_step(st, __func__);
			if (rc == STMT_DONE)
				bad(&v, r.seq, "tail_cut");
			else if (rc == STMT_ROW && strcmp(col_cstr(st, 0), r.link) != 0)
				bad(&v, r.seq, "link_changed");
			stmt_reset(st);
			rc = rc == STMT_ROW || rc == STMT_DONE ? 0 : db_error(c, rc, "access check");
			store_request_end(s);
		}
	}
	if (rc != 0)
		goto out;
	if (v.problem != NULL)
		log_error("msg=\"the access log is not intact\" link=%lld problem=%s",
		    (long long)v.first_bad, v.problem);
	snprintf(text, sizeof(text), "%" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %s %" PRId64
	    " %s", now, full ? now : r.full_us, v.verified_seq, v.verified_at_us,
	    v.verified_link[0] ? v.verified_link : zero_link, v.first_bad,
	    v.problem ? v.problem : "-");
	rc = store_write(s, record_fn, text);
	if (out != NULL)
		*out = v;
out:
	arena_free(&a);
	return rc;
}

int
store_access_chain_status(struct store *s, struct arena *a, struct access_check *out)
{
	struct record r;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = read_record(s, a, &r)) != 0)
		return rc;
	out->checked_us = r.checked_us;
	out->verified_seq = r.seq;
	out->verified_at_us = r.at_us;
	out->first_bad = r.first_bad;
	if (r.checked_us != 0 && strcmp(r.problem, "-") != 0)
		out->problem = arena_strdup(a, r.problem);
	return 0;
}
