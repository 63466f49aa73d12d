#include "test.h"

#include <sodium.h>

#include "core/account.h"
#include "core/password.h"
#include "core/throttle.h"

static void
policy(void **state)
{
	static const struct {
		const char *pw, *user, *want;
	} t[] = {
		{"", "anne", "required"},
		{"short", "anne", "too_short"},
		{"ninechars", "anne", "too_short"},
		{"æøåæøåæøå", "anne", "too_short"},          /* 9 characters, 18 bytes */
		{"æøåæøåæøåæ", "anne", NULL},                /* 10 characters */
		{"1234567890", "anne", "common"},
		{"Password123", "anne", "common"},
		{"QWERTYUIOP", "anne", "common"},
		{"aaaaaaaaaaaa", "anne", "common"},
		{"abcdefghijklm", "anne", "common"},
		{"9876543210", "anne", "common"},
		{"wachtwoord123", "anne", "common"},
		{"adgangskode1", "anne", "common"},
		{"annekristensen", "annekristensen", "common"},
		{"river stone lamp", "anne", NULL},
		{"correct horse battery", "anne", NULL},
		{"no composition rules at all", "anne", NULL},
		{"anne-and-her-long-walks-home", "anne", NULL}, /* contains, but is not, the name */
		{"bad\xff" "bytes-here", "anne", "invalid_format"},
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *got = password_check(t[i].pw, t[i].user);

		if ((got == NULL) != (t[i].want == NULL) ||
		    (got && strcmp(got, t[i].want) != 0))
			fail_msg("\"%s\": got %s, want %s", t[i].pw, got ? got : "ok",
			    t[i].want ? t[i].want : "ok");
	}
	{
		char big[PASSWORD_MAX + 2];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		assert_string_equal(password_check(big, "anne"), "too_long");
	}
}

static void
hash_and_verify(void **state)
{
	char hash[PASSWORD_HASH_MAX], again[PASSWORD_HASH_MAX];

	assert_int_equal(password_hash("river stone lamp", hash), 0);
	/* argon2id with at least OWASP's minimum: 19 MiB, 2 passes. */
	assert_non_null(strstr(hash, "$argon2id$"));
	assert_non_null(strstr(hash, "m=19456,t=2"));
	assert_true(password_verify(hash, "river stone lamp"));
	assert_false(password_verify(hash, "river stone lamb"));
	assert_false(password_verify(hash, ""));
	assert_false(password_verify(NULL, "river stone lamp"));
	assert_int_equal(password_hash("river stone lamp", again), 0);
	assert_string_not_equal(hash, again);     /* salted */
	assert_false(password_verify(password_dummy_hash(), "river stone lamp"));
	assert_non_null(strstr(password_dummy_hash(), "$argon2id$"));
}

static void
throttle_rule(void **state)
{
	assert_int_equal(throttle_block_us(0, THROTTLE_FREE), 0);
	assert_int_equal(throttle_block_us(5, THROTTLE_FREE), 0);
	assert_int_equal(throttle_block_us(6, THROTTLE_FREE), 1000000);
	assert_int_equal(throttle_block_us(7, THROTTLE_FREE), 2000000);
	assert_int_equal(throttle_block_us(10, THROTTLE_FREE), 16000000);
	assert_int_equal(throttle_block_us(40, THROTTLE_FREE), THROTTLE_MAX_US);
	assert_int_equal(throttle_block_us(1000000, THROTTLE_FREE), THROTTLE_MAX_US);
	assert_int_equal(throttle_block_us(20, THROTTLE_ADDR_FREE), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(policy),
		cmocka_unit_test(hash_and_verify),
		cmocka_unit_test(throttle_rule),
	};
	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
