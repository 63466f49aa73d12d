#include "test.h"

#include "http/ratelimit.h"

#define SEC INT64_C(1000000)

/* 60 a minute with a burst of 3: three at once, then one a second. */
static void
burst_then_rate(void **state)
{
	struct rate_limit l;
	int64_t t = 1000 * SEC;

	ratelimit_init(&l, 60, 3);
	assert_int_equal(ratelimit_take(&l, "user:a", t), 0);
	assert_int_equal(ratelimit_take(&l, "user:a", t), 0);
	assert_int_equal(ratelimit_take(&l, "user:a", t), 0);
	assert_int_equal(ratelimit_take(&l, "user:a", t), SEC);
	/* A refused one is not counted: the wait stays the same. */
	assert_int_equal(ratelimit_take(&l, "user:a", t), SEC);
	assert_int_equal(ratelimit_take(&l, "user:a", t + SEC / 2), SEC / 2);
	assert_int_equal(ratelimit_take(&l, "user:a", t + SEC), 0);
	assert_true(ratelimit_take(&l, "user:a", t + SEC) > 0);
	/* Another key has its own bucket. */
	assert_int_equal(ratelimit_take(&l, "user:b", t), 0);
	/* After a quiet spell the whole burst is there again. */
	t += 60 * SEC;
	assert_int_equal(ratelimit_take(&l, "user:a", t), 0);
	assert_int_equal(ratelimit_take(&l, "user:a", t), 0);
	assert_int_equal(ratelimit_take(&l, "user:a", t), 0);
	assert_true(ratelimit_take(&l, "user:a", t) > 0);
}

static void
off_and_burst_of_one(void **state)
{
	struct rate_limit l;
	int i;

	ratelimit_init(&l, 0, 30);
	for (i = 0; i < 1000; i++)
		assert_int_equal(ratelimit_take(&l, "user:off", 5 * SEC), 0);
	ratelimit_init(&l, 120, 0);       /* a burst of 0 means 1 */
	assert_int_equal(ratelimit_take(&l, "user:one", 5 * SEC), 0);
	assert_int_equal(ratelimit_take(&l, "user:one", 5 * SEC), SEC / 2);
}

/* Many more keys than the table holds: nobody is refused who did not earn
 * it, and a busy key keeps its count. */
static void
many_keys(void **state)
{
	struct rate_limit l;
	char key[32];
	int i;
	int64_t t = 5000 * SEC;

	ratelimit_init(&l, 60, 2);
	assert_int_equal(ratelimit_take(&l, "user:busy", t), 0);
	assert_int_equal(ratelimit_take(&l, "user:busy", t), 0);
	for (i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "addr:10.0.%d.%d", i / 256, i % 256);
		assert_int_equal(ratelimit_take(&l, key, t), 0);
	}
	/* Taken over at worst: then a fresh bucket, never a wrong refusal. */
	assert_true(ratelimit_take(&l, "user:busy", t) <= SEC);
}

static void
address_keys(void **state)
{
	char a[64], b[64];

	ratelimit_addr_key("192.0.2.7", a, sizeof(a));
	assert_string_equal(a, "addr:192.0.2.7");
	ratelimit_addr_key("2001:db8:1:2:aaaa::1", a, sizeof(a));
	ratelimit_addr_key("2001:db8:1:2:bbbb::9", b, sizeof(b));
	assert_string_equal(a, "addr:2001:db8:1:2::/64");
	assert_string_equal(a, b);
	ratelimit_addr_key("2001:db8:1:3::1", b, sizeof(b));
	assert_string_not_equal(a, b);
	ratelimit_addr_key("::ffff:192.0.2.7", a, sizeof(a));
	assert_string_equal(a, "addr:::ffff:192.0.2.7");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(burst_then_rate),
		cmocka_unit_test(off_and_burst_of_one),
		cmocka_unit_test(many_keys),
		cmocka_unit_test(address_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
