/* The second factor: TOTP codes (RFC 6238) at fixed instants, the window
 * of one step either side, a code refused the second time, recovery codes,
 * and the store keeping each code single-use. */
#include "test.h"
#include "tmpdir.h"

#include <sodium.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/totp.h"
#include "store/load.h"
#include "store/second_factor.h"
#include "store/store.h"

static char url[256];
static const char *user = "00000000000000000000000000000001";

/* RFC 6238, appendix B: the SHA-1 secret "12345678901234567890", the last
 * six of its eight digits. */
static void
rfc_vectors(void **state)
{
	static const struct {
		int64_t t;
		const char *code;
	} v[] = {
		{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"},
		{1234567890, "005924"}, {2000000000, "279037"}, {20000000000, "353130"},
	};
	unsigned char secret[TOTP_SECRET_LEN];
	char code[TOTP_DIGITS + 1];
	int64_t step = 0;
	size_t i;

	(void)state;
	memcpy(secret, "12345678901234567890", TOTP_SECRET_LEN);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		totp_code_at(secret, v[i].t, code);
		assert_string_equal(code, v[i].code);
		assert_int_equal(totp_check(secret, v[i].t, 0, v[i].code, &step), TOTP_OK);
		assert_int_equal(step, v[i].t / 30);
	}
}

static void
window_and_replay(void **state)
{
	unsigned char secret[TOTP_SECRET_LEN];
	char code[TOTP_DIGITS + 1], spaced[16];
	const int64_t t = 1800000015;       /* a step starts at 1800000000 */
	int64_t step = 0, s2 = 0;

	(void)state;
	totp_secret_new(secret);
	totp_code_at(secret, t, code);
	/* One step either side of now, not two. */
	assert_int_equal(totp_check(secret, t - 30, 0, code, &step), TOTP_OK);
	assert_int_equal(totp_check(secret, t + 30, 0, code, &step), TOTP_OK);
	assert_int_equal(totp_check(secret, t + 60, 0, code, &step), TOTP_WRONG);
	assert_int_equal(totp_check(secret, t - 60, 0, code, &step), TOTP_WRONG);
	/* Accepted once: its step remembered, the same code is refused. */
	assert_int_equal(totp_check(secret, t, 0, code, &step), TOTP_OK);
	assert_int_equal(step, t / 30);
	assert_int_equal(totp_check(secret, t + 5, step, code, &s2), TOTP_REPLAYED);
	/* An older code, still in the window, is refused too. */
	totp_code_at(secret, t - 30, code);
	assert_int_equal(totp_check(secret, t, step, code, &s2), TOTP_REPLAYED);
	/* The next step's code is fine. */
	totp_code_at(secret, t + 30, code);
	assert_int_equal(totp_check(secret, t + 30, step, code, &s2), TOTP_OK);
	assert_int_equal(s2, step + 1);
	/* Spaces are allowed; anything else is not a code. */
	snprintf(spaced, sizeof(spaced), "%.3s %.3s", code, code + 3);
	assert_int_equal(totp_check(secret, t + 30, 0, spaced, &s2), TOTP_OK);
	assert_int_equal(totp_check(secret, t + 30, 0, "12345", &s2), TOTP_WRONG);
	assert_int_equal(totp_check(secret, t + 30, 0, "1234567", &s2), TOTP_WRONG);
	assert_int_equal(totp_check(secret, t + 30, 0, "12a456", &s2), TOTP_WRONG);
	assert_int_equal(totp_check(secret, t + 30, 0, "", &s2), TOTP_WRONG);
}

static void
base32(void **state)
{
	unsigned char secret[TOTP_SECRET_LEN], back[TOTP_SECRET_LEN];
	char b32[TOTP_BASE32_LEN + 1], grouped[64];

	(void)state;
	memcpy(secret, "12345678901234567890", TOTP_SECRET_LEN);
	totp_base32(secret, b32);
	assert_string_equal(b32, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	totp_grouped(b32, grouped, sizeof(grouped));
	assert_string_equal(grouped, "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
	assert_int_equal(totp_from_base32(grouped, back), 0);
	assert_memory_equal(back, secret, TOTP_SECRET_LEN);
	assert_int_equal(totp_from_base32("GEZDGNBV", back), -1);
}

static void
recovery_codes(void **state)
{
	char code[RECOVERY_CODE_LEN + 1], normal[RECOVERY_CODE_LEN], other[RECOVERY_CODE_LEN + 1];

	(void)state;
	recovery_code_new(code);
	recovery_code_new(other);
	assert_int_equal(strlen(code), RECOVERY_CODE_LEN);
	assert_int_equal(code[5], '-');
	assert_string_not_equal(code, other);
	assert_true(recovery_code_normal(code, normal));
	assert_int_equal(strlen(normal), 10);
	assert_true(recovery_code_normal(" ABCDE-fghjk ", normal));
	assert_string_equal(normal, "abcdefghjk");
	assert_false(recovery_code_normal("abcde-fghj0", normal));   /* 0 is not used */
	assert_false(recovery_code_normal("abcde-fghj", normal));
	assert_false(recovery_code_normal("abcde-fghjkm", normal));
	assert_false(recovery_code_normal("123456", normal));
}

/* The store: the secret sealed and opened; a step used once; a recovery
 * code used once. */
struct w {
	int what;
	const char *box;
	int64_t step;
	char hashes[RECOVERY_CODES][SECRET_HASH_LEN + 1];
	const char *hash;
};

static int
load_user(struct store_tx *tx, void *arg)
{
	static const char *const uc[] = {"id", "username", "username_key", "display_name", "kind",
	    "created_us"};
	struct store_load *l;
	int rc;

	(void)arg;
	if ((rc = store_load_begin(tx, "user_account", uc, 6, &l)) != 0)
		return rc;
	store_load_row(l, (const char *const[]){user, "karin", "karin", "Karin", "staff", "1"});
	return store_load_end(l);
}

static int
do_write(struct store_tx *tx, void *arg)
{
	struct w *w = arg;

	switch (w->what) {
	case 0: return store_tx_second_factor_begin(tx, user, w->box, 1);
	case 1: return store_tx_second_factor_confirm(tx, user, w->step, 2);
	case 2: return store_tx_second_factor_use(tx, user, w->step);
	case 3: return store_tx_recovery_codes_set(tx, user, w->hashes, RECOVERY_CODES, 3);
	default: return store_tx_recovery_code_use(tx, user, w->hash, 4);
	}
}

static void
store_single_use(void **state)
{
	unsigned char secret[TOTP_SECRET_LEN];
	char codes[RECOVERY_CODES][RECOVERY_CODE_LEN + 1], normal[RECOVERY_CODE_LEN];
	struct second_factor f;
	struct arena a = {0};
	struct store *s;
	struct w w = {0};
	bool on = true;
	size_t i;

	(void)state;
	assert_int_equal(store_open(url, STORE_SERVE, &s), 0);
	assert_int_equal(store_write(s, load_user, NULL), 0);
	assert_int_equal(store_second_factor_get(s, &a, user, &f), ERR_NOT_FOUND);

	totp_secret_new(secret);
	assert_int_equal(store_second_factor_seal(s, &a, secret, &w.box), 0);
	assert_null(strstr(w.box, "0000000000"));
	w.what = 0;
	assert_int_equal(store_write(s, do_write, &w), 0);
	assert_int_equal(store_second_factor_get(s, &a, user, &f), 0);
	assert_memory_equal(f.secret, secret, TOTP_SECRET_LEN);
	assert_int_equal(f.confirmed_us, 0);
	assert_int_equal(store_second_factor_on(s, user, &on), 0);
	assert_false(on);

	w.what = 1;
	w.step = 100;
	assert_int_equal(store_write(s, do_write, &w), 0);
	assert_int_equal(store_second_factor_on(s, user, &on), 0);
	assert_true(on);
	/* On: a new secret cannot replace it. */
	w.what = 0;
	assert_int_equal(store_write(s, do_write, &w), ERR_CONFLICT);
	/* Step 100 was used to confirm; 100 again, or 99, is refused. */
	w.what = 2;
	assert_int_equal(store_write(s, do_write, &w), ERR_NOT_FOUND);
	w.step = 99;
	assert_int_equal(store_write(s, do_write, &w), ERR_NOT_FOUND);
	w.step = 101;
	assert_int_equal(store_write(s, do_write, &w), 0);
	assert_int_equal(store_write(s, do_write, &w), ERR_NOT_FOUND);

	for (i = 0; i < RECOVERY_CODES; i++) {
		recovery_code_new(codes[i]);
		assert_true(recovery_code_normal(codes[i], normal));
		assert_int_equal(store_recovery_hash(s, user, normal, w.hashes[i]), 0);
	}
	w.what = 3;
	assert_int_equal(store_write(s, do_write, &w), 0);
	assert_int_equal(store_second_factor_get(s, &a, user, &f), 0);
	assert_int_equal(f.recovery_left, RECOVERY_CODES);
	w.what = 4;
	w.hash = w.hashes[3];
	assert_int_equal(store_write(s, do_write, &w), 0);
	assert_int_equal(store_write(s, do_write, &w), ERR_NOT_FOUND);
	assert_int_equal(store_second_factor_get(s, &a, user, &f), 0);
	assert_int_equal(f.recovery_left, RECOVERY_CODES - 1);
	store_close(s);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc_vectors),
		cmocka_unit_test(window_and_replay),
		cmocka_unit_test(base32),
		cmocka_unit_test(recovery_codes),
		cmocka_unit_test(store_single_use),
	};
	struct store *s;
	int applied;

	if (sodium_init() < 0)
		return 1;
	make_tmpdir();
	snprintf(url, sizeof(url), "sqlite:%s/rosc.db", tmpdir);
	if (store_open(url, STORE_CREATE, &s) != 0 || store_migrate(s, &applied) != 0)
		return 1;
	store_close(s);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
