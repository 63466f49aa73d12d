/* The audit chain (store/audit.c): an intact log verifies, and each way of
 * tampering with the database behind rosc's back is caught at the right
 * entry. Each case works on a fresh database of its own. The chain code is
 * included to reach content_hash(), so a forged row can carry a correct
 * content hash and only its link gives it away. */
#include "test.h"
#include "tmpdir.h"

#include <sodium.h>
#include <sqlite3.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/audit.h"
#include "store/backend.h"
#include "store/store.h"

#include "../../src/store/audit.c"

#define ENTRIES 6

static int seq_no;

static int
append(struct store_tx *tx, void *arg)
{
	struct audit_entry *e = arg;

	return store_tx_audit_append(tx, e);
}

static int
append_two(struct store_tx *tx, void *arg)
{
	struct audit_entry *e = arg;
	int rc = store_tx_audit_append(tx, &e[0]);

	return rc ? rc : store_tx_audit_append(tx, &e[1]);
}

/* A fresh database at tmpdir/NAME.db with ENTRIES entries, appended over
 * several commits (one of them with two entries), so the head is mirrored
 * as it would be when serving. */
static void
fresh(const char *name, char *path, size_t size)
{
	struct store *s;
	char url[300];
	int applied, i;
	static const char *const actions[] = {"user.create", "signin.failure",
	    "signin.success", "session.organisation", "signout", "token.create"};
	struct audit_entry e[ENTRIES];

	snprintf(path, size, "%s/%s-%d.db", tmpdir, name, ++seq_no);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(store_open(url, STORE_CREATE, &s), 0);
	assert_int_equal(store_migrate(s, &applied), 0);
	memset(e, 0, sizeof(e));
	for (i = 0; i < ENTRIES; i++) {
		e[i].at_us = INT64_C(1772528400000000) + i * INT64_C(60000000);
		e[i].action = actions[i];
		e[i].actor_id = i % 2 ? "0123456789abcdef0123456789abcdef" : NULL;
		e[i].actor_org_id = i == 3 ? "fedcba9876543210fedcba9876543210" : NULL;
		e[i].target = i == 0 ? "user:0123456789abcdef0123456789abcdef" : NULL;
		e[i].client_addr = i == 0 ? "cli" : "192.0.2.7";
		e[i].detail = i == 1 ? "username=peter" : NULL;
	}
	for (i = 0; i < ENTRIES; i++) {
		if (i == 2) {
			assert_int_equal(store_write(s, append_two, &e[i]), 0);
			i++;
			continue;
		}
		assert_int_equal(store_write(s, append, &e[i]), 0);
	}
	for (i = 0; i < ENTRIES; i++)
		assert_int_equal(e[i].seq, i + 1);
	store_close(s);
}

/* Runs SQL on the file directly, as someone with access to it could. */
static void
tamper(const char *path, const char *sql)
{
	sqlite3 *db;
	char *err = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
	sqlite3_close(db);
}

static int
verify(const char *path, struct audit_verdict *v)
{
	struct store *s;
	char url[300];
	int rc;

	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	rc = store_audit_verify(s, v);
	store_request_end(s);
	store_close(s);
	return rc;
}

static void
expect(const char *path, const char *problem, int64_t first_bad)
{
	struct audit_verdict v;

	assert_int_equal(verify(path, &v), 0);
	if (problem == NULL) {
		if (v.problem != NULL)
			fail_msg("expected intact, got %s at %lld", v.problem, (long long)v.first_bad);
		assert_int_equal(v.first_bad, 0);
		return;
	}
	if (v.problem == NULL)
		fail_msg("expected %s at %lld, got intact", problem, (long long)first_bad);
	assert_string_equal(v.problem, problem);
	assert_int_equal(v.first_bad, first_bad);
}

static void
intact(void **state)
{
	struct audit_verdict v;
	char path[256];

	fresh("intact", path, sizeof(path));
	assert_int_equal(verify(path, &v), 0);
	assert_null(v.problem);
	assert_int_equal(v.entries, ENTRIES);
	assert_int_equal(v.first_bad, 0);
}

static void
empty_log_is_intact(void **state)
{
	struct audit_verdict v;
	struct store *s;
	char path[256], url[300];
	int applied;

	snprintf(path, sizeof(path), "%s/empty.db", tmpdir);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(store_open(url, STORE_CREATE, &s), 0);
	assert_int_equal(store_migrate(s, &applied), 0);
	store_close(s);
	assert_int_equal(verify(path, &v), 0);
	assert_null(v.problem);
	assert_int_equal(v.entries, 0);
}

static void
list_newest_first_with_filters(void **state)
{
	struct audit_filter f = {0};
	struct audit_entry *es;
	struct arena a = ARENA_INIT;
	struct store *s;
	char path[256], url[300];
	size_t n;

	fresh("list", path, sizeof(path));
	snprintf(url, sizeof(url), "sqlite:%s", path);
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_audit_list(s, &a, NULL, 0, 100, &es, &n), 0);
	assert_int_equal(n, ENTRIES);
	assert_int_equal(es[0].seq, ENTRIES);
	assert_string_equal(es[0].action, "token.create");
	assert_int_equal(es[ENTRIES - 1].seq, 1);
	assert_string_equal(es[ENTRIES - 1].client_addr, "cli");
	assert_null(es[ENTRIES - 1].detail);

	/* Keyset paging: two, then the two before the last one seen. */
	assert_int_equal(store_audit_list(s, &a, NULL, 0, 2, &es, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(es[1].seq, ENTRIES - 1);
	assert_int_equal(store_audit_list(s, &a, NULL, es[1].seq, 2, &es, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(es[0].seq, ENTRIES - 2);

	f.action_prefix = "signin.";
	assert_int_equal(store_audit_list(s, &a, &f, 0, 100, &es, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(es[0].action, "signin.success");
	assert_string_equal(es[1].action, "signin.failure");
	f.action_prefix = "signout";
	assert_int_equal(store_audit_list(s, &a, &f, 0, 100, &es, &n), 0);
	assert_int_equal(n, 1);
	f.action_prefix = NULL;
	f.actor_id = "0123456789abcdef0123456789abcdef";
	assert_int_equal(store_audit_list(s, &a, &f, 0, 100, &es, &n), 0);
	assert_int_equal(n, ENTRIES / 2);
	f.actor_id = "nobody";
	assert_int_equal(store_audit_list(s, &a, &f, 0, 100, &es, &n), 0);
	assert_int_equal(n, 0);
	store_request_end(s);
	store_close(s);
	arena_free(&a);
}

static void
changed_detail(void **state)
{
	char path[256];

	fresh("changed", path, sizeof(path));
	tamper(path, "UPDATE audit SET detail = 'username=someone-else' WHERE seq = 2");
	expect(path, "changed", 2);
}

static void
changed_with_new_content_hash(void **state)
{
	struct audit_entry e = {0};
	char path[256], chash[65], *sql;

	/* Whoever edits the content can also recompute its (unkeyed) hash;
	 * the keyed link still gives it away, as a change, not an insertion. */
	fresh("rehash", path, sizeof(path));
	e.seq = 4;
	e.at_us = INT64_C(1772528400000000) + 3 * INT64_C(60000000);
	e.actor_id = "0123456789abcdef0123456789abcdef";
	e.actor_org_id = "fedcba9876543210fedcba9876543210";
	e.action = "session.organisation";
	e.client_addr = "198.51.100.1";
	content_hash(&e, chash);
	sql = sqlite3_mprintf("UPDATE audit SET client_addr = '198.51.100.1', "
	    "content_hash = %Q WHERE seq = 4", chash);
	tamper(path, sql);
	sqlite3_free(sql);
	expect(path, "changed", 4);
}

static void
changed_link(void **state)
{
	char path[256];

	fresh("link", path, sizeof(path));
	tamper(path, "UPDATE audit SET link = '0000000000000000000000000000000000000000000000"
	    "000000000000000001' WHERE seq = 3");
	expect(path, "changed", 3);
}

static void
removed_middle(void **state)
{
	char path[256];

	fresh("removed", path, sizeof(path));
	tamper(path, "DELETE FROM audit WHERE seq = 3");
	expect(path, "removed", 3);
}

static void
removed_first(void **state)
{
	char path[256];

	fresh("removed-first", path, sizeof(path));
	tamper(path, "DELETE FROM audit WHERE seq IN (1, 2)");
	expect(path, "removed", 1);
}

static void
inserted_at_end(void **state)
{
	struct audit_entry e = {0};
	char path[256], chash[65], *sql;

	/* A well-formed row with a correct content hash but a made-up link. */
	fresh("forged-end", path, sizeof(path));
	e.seq = ENTRIES + 1;
	e.at_us = INT64_C(1772600000000000);
	e.action = "user.enable";
	e.client_addr = "cli";
	content_hash(&e, chash);
	sql = sqlite3_mprintf("INSERT INTO audit (seq, at_us, action, client_addr, "
	    "content_hash, link) VALUES (%d, %lld, 'user.enable', 'cli', %Q, "
	    "'abababababababababababababababababababababababababababababababab')",
	    ENTRIES + 1, (long long)e.at_us, chash);
	tamper(path, sql);
	sqlite3_free(sql);
	expect(path, "inserted", ENTRIES + 1);
}

static void
inserted_in_the_middle(void **state)
{
	struct audit_entry e = {0};
	char path[256], chash[65], *sql;

	/* Make room at 3 by moving the later rows up (through negative seqs,
	 * so the primary key never collides), then slip a forged row in. */
	fresh("forged-middle", path, sizeof(path));
	tamper(path, "UPDATE audit SET seq = -seq WHERE seq >= 3; "
	    "UPDATE audit SET seq = 1 - seq WHERE seq < 0");
	e.seq = 3;
	e.at_us = INT64_C(1772528400000000) + 2 * INT64_C(60000000) - 1;
	e.action = "user.enable";
	e.target = "user:0123456789abcdef0123456789abcdef";
	e.client_addr = "cli";
	content_hash(&e, chash);
	sql = sqlite3_mprintf("INSERT INTO audit (seq, at_us, action, target, client_addr, "
	    "content_hash, link) VALUES (3, %lld, 'user.enable', %Q, 'cli', %Q, "
	    "'abababababababababababababababababababababababababababababababab')",
	    (long long)e.at_us, e.target, chash);
	tamper(path, sql);
	sqlite3_free(sql);
	expect(path, "inserted", 3);
}

static void
inserted_with_made_up_hash(void **state)
{
	char path[256];

	/* A careless forgery: neither the hash nor the link fits. */
	fresh("forged-hash", path, sizeof(path));
	tamper(path, "INSERT INTO audit (seq, at_us, action, content_hash, link) VALUES "
	    "(7, 1772600000000000, 'user.enable', "
	    "'cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd', "
	    "'abababababababababababababababababababababababababababababababab')");
	expect(path, "changed", 7);
}

static void
tail_cut(void **state)
{
	char path[256];

	fresh("tail", path, sizeof(path));
	tamper(path, "DELETE FROM audit WHERE seq >= 5");
	expect(path, "tail_cut", 5);
}

static void
tail_cut_to_nothing(void **state)
{
	char path[256];

	fresh("tail-all", path, sizeof(path));
	tamper(path, "DELETE FROM audit");
	expect(path, "tail_cut", 1);
}

static void
head_missing(void **state)
{
	char path[256], head[300];

	fresh("head", path, sizeof(path));
	snprintf(head, sizeof(head), "%s.audit-head", path);
	assert_int_equal(unlink(head), 0);
	expect(path, "head_missing", ENTRIES);
}

static void
head_damaged(void **state)
{
	char path[256], head[300];
	FILE *f;

	fresh("head-damaged", path, sizeof(path));
	snprintf(head, sizeof(head), "%s.audit-head", path);
	f = fopen(head, "w");
	assert_non_null(f);
	fputs("garbage\n", f);
	fclose(f);
	expect(path, "head_missing", ENTRIES);
}

static void
head_behind_is_fine(void **state)
{
	struct audit_verdict v;
	char path[256], head[300], line[128];
	sqlite3 *db;
	sqlite3_stmt *st;
	FILE *f;

	/* rosc may stop between a commit and writing the head: the log is then
	 * ahead of the head, which must still match the entry it names. */
	fresh("head-behind", path, sizeof(path));
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT link FROM audit WHERE seq = 4", -1,
	    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(line, sizeof(line), "4 %s\n", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	snprintf(head, sizeof(head), "%s.audit-head", path);
	f = fopen(head, "w");
	assert_non_null(f);
	fputs(line, f);
	fclose(f);
	assert_int_equal(verify(path, &v), 0);
	assert_null(v.problem);
	assert_int_equal(v.entries, ENTRIES);

	/* But a head whose link is not the entry's is a change. */
	line[2] = line[2] == 'a' ? 'b' : 'a';
	f = fopen(head, "w");
	fputs(line, f);
	fclose(f);
	expect(path, "changed", 4);
}

static void
erased_content_keeps_the_chain(void **state)
{
	char path[256];

	fresh("erased", path, sizeof(path));
	tamper(path, "UPDATE audit SET actor_id = NULL, actor_org_id = NULL, action = NULL, "
	    "target = NULL, client_addr = NULL, detail = NULL, erased_us = 1772700000000000 "
	    "WHERE seq IN (2, 4)");
	expect(path, NULL, 0);
}

static void
erased_mark_cannot_hide_an_edit(void **state)
{
	char path[256];

	/* Marking an entry erased but leaving (edited) content in it. */
	fresh("erased-edit", path, sizeof(path));
	tamper(path, "UPDATE audit SET detail = 'username=mallory', "
	    "erased_us = 1772700000000000 WHERE seq = 2");
	expect(path, "changed", 2);
}

static void
wrong_key(void **state)
{
	char path[256];

	fresh("key", path, sizeof(path));
	setenv("ROSC_AUDIT_KEY",
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", 1);
	expect(path, "changed", 1);
	unsetenv("ROSC_AUDIT_KEY");
	expect(path, NULL, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(intact),
		cmocka_unit_test(empty_log_is_intact),
		cmocka_unit_test(list_newest_first_with_filters),
		cmocka_unit_test(changed_detail),
		cmocka_unit_test(changed_with_new_content_hash),
		cmocka_unit_test(changed_link),
		cmocka_unit_test(removed_middle),
		cmocka_unit_test(removed_first),
		cmocka_unit_test(inserted_at_end),
		cmocka_unit_test(inserted_in_the_middle),
		cmocka_unit_test(inserted_with_made_up_hash),
		cmocka_unit_test(tail_cut),
		cmocka_unit_test(tail_cut_to_nothing),
		cmocka_unit_test(head_missing),
		cmocka_unit_test(head_damaged),
		cmocka_unit_test(head_behind_is_fine),
		cmocka_unit_test(erased_content_keeps_the_chain),
		cmocka_unit_test(erased_mark_cannot_hide_an_edit),
		cmocka_unit_test(wrong_key),
	};

	if (sodium_init() < 0)
		return 1;
	unsetenv("ROSC_AUDIT_KEY");
	make_tmpdir();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
