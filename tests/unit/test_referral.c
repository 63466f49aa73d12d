/* The referral state machine: every (from, to, party) triple against the
 * table written out here by hand, so that a change to core/referral.c
 * that opens or closes a move shows up as a failing test. */
#include "test.h"

#include "base/arena.h"
#include "core/referral.h"

struct legal {
	enum ref_party p;
	enum ref_status from, to;
};

#define OPEN_SENT_LIST RS_SENT, RS_RECEIVED, RS_NEEDS_CLIENT_ACTION, RS_ELIGIBLE, RS_SCHEDULED

static const enum ref_status open_sent[] = {OPEN_SENT_LIST};
static const enum ref_status outcomes[] = {RS_WITHDRAWN, RS_GOT_HELP, RS_COULD_NOT_GET_HELP,
	RS_NO_LONGER_INTERESTED};
/* What the receiver may answer, from each open status. */
static const struct {
	enum ref_status from;
	enum ref_status to[10];
	size_t n;
} answers[] = {
	{RS_SENT, {RS_RECEIVED, RS_NEEDS_CLIENT_ACTION, RS_ELIGIBLE, RS_NOT_ELIGIBLE,
	    RS_NO_CAPACITY, RS_SCHEDULED, RS_COULD_NOT_CONTACT, RS_GOT_HELP,
	    RS_COULD_NOT_GET_HELP, RS_NO_LONGER_INTERESTED}, 10},
	{RS_RECEIVED, {RS_NEEDS_CLIENT_ACTION, RS_ELIGIBLE, RS_NOT_ELIGIBLE, RS_NO_CAPACITY,
	    RS_SCHEDULED, RS_COULD_NOT_CONTACT, RS_GOT_HELP, RS_COULD_NOT_GET_HELP,
	    RS_NO_LONGER_INTERESTED}, 9},
	{RS_NEEDS_CLIENT_ACTION, {RS_ELIGIBLE, RS_NOT_ELIGIBLE, RS_NO_CAPACITY, RS_SCHEDULED,
	    RS_COULD_NOT_CONTACT, RS_GOT_HELP, RS_COULD_NOT_GET_HELP,
	    RS_NO_LONGER_INTERESTED}, 8},
	{RS_ELIGIBLE, {RS_NEEDS_CLIENT_ACTION, RS_NO_CAPACITY, RS_SCHEDULED,
	    RS_COULD_NOT_CONTACT, RS_GOT_HELP, RS_COULD_NOT_GET_HELP,
	    RS_NO_LONGER_INTERESTED}, 7},
	{RS_SCHEDULED, {RS_GOT_HELP, RS_COULD_NOT_GET_HELP, RS_COULD_NOT_CONTACT,
	    RS_NO_LONGER_INTERESTED}, 4},
};

static bool
receiver_legal(enum ref_status from, enum ref_status to)
{
	size_t i, j;

	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		for (j = 0; answers[i].from == from && j < answers[i].n; j++)
			if (answers[i].to[j] == to)
				return true;
	return false;
}

static bool
in(const enum ref_status *set, size_t n, enum ref_status s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == s)
			return true;
	return false;
}

/* The table, as the issue and the design say it. */
static bool
legal(enum ref_party p, enum ref_status from, enum ref_status to)
{
	bool open = in(open_sent, 5, from) && in(outcomes, 4, to);

	switch (p) {
	case RP_PERSON:
		return (from == RS_PROPOSED && (to == RS_ACCEPTED || to == RS_DECLINED)) ||
		    (from == RS_ACCEPTED && to == RS_SENT) || open;
	case RP_SENDER:
		return (from == RS_PROPOSED && to == RS_WITHDRAWN) || open;
	case RP_RECEIVER:
		return receiver_legal(from, to);
	case RP_SENDER_FOR_SERVICE:
		return (from == RS_PROPOSED && to == RS_WITHDRAWN) || open ||
		    receiver_legal(from, to);
	default:
		return false;
	}
}

static void
every_triple(void **state)
{
	int p, from, to, allowed = 0;

	(void)state;
	for (p = 0; p <= RP_COUNT; p++)
	for (from = 0; from <= RS_COUNT; from++)
	for (to = 0; to <= RS_COUNT; to++) {
		bool want = p < RP_COUNT && from < RS_COUNT && to < RS_COUNT &&
		    legal((enum ref_party)p, (enum ref_status)from, (enum ref_status)to);
		bool got = ref_may((enum ref_party)p, (enum ref_status)from, (enum ref_status)to);

		if (want != got)
			fail_msg("party %d from %s to %s: want %d got %d", p,
			    ref_status_code((enum ref_status)from), ref_status_code((enum ref_status)to),
			    want, got);
		allowed += got;
		/* Nothing moves to where it is, or back to proposed. */
		if (from == to || to == RS_PROPOSED)
			assert_false(got);
		/* A closed referral moves only by reopening. */
		if (from < RS_COUNT && ref_closed((enum ref_status)from))
			assert_false(got);
	}
	/* The table is not empty by mistake: 3 + 20 (person), 1 + 20 (sender),
	 * 38 (receiver), 1 + 20 + 38 - overlap (for a service). */
	assert_true(allowed > 100);
}

static void
closing_and_reopening(void **state)
{
	static const enum ref_status closed[] = {RS_DECLINED, RS_NOT_ELIGIBLE, RS_NO_CAPACITY,
		RS_GOT_HELP, RS_COULD_NOT_CONTACT, RS_COULD_NOT_GET_HELP, RS_NO_LONGER_INTERESTED,
		RS_WITHDRAWN};
	int s, p;

	(void)state;
	for (s = 0; s < RS_COUNT; s++) {
		bool c = in(closed, 8, (enum ref_status)s);

		assert_int_equal(ref_closed((enum ref_status)s), c);
		for (p = 0; p < RP_COUNT; p++)
			assert_int_equal(ref_may_reopen((enum ref_party)p, (enum ref_status)s),
			    c && p != RP_RECEIVER);
	}
	/* Back to sent only while the consent still holds (after got help). */
	assert_int_equal(ref_reopen_to(RS_GOT_HELP), RS_SENT);
	assert_int_equal(ref_reopen_to(RS_WITHDRAWN), RS_PROPOSED);
	assert_int_equal(ref_reopen_to(RS_DECLINED), RS_PROPOSED);
	assert_int_equal(ref_reopen_to(RS_NO_CAPACITY), RS_PROPOSED);
	/* The receiver works with the person while open, and after got help. */
	assert_true(ref_receiver_holds(RS_SENT));
	assert_true(ref_receiver_holds(RS_SCHEDULED));
	assert_true(ref_receiver_holds(RS_GOT_HELP));
	assert_false(ref_receiver_holds(RS_PROPOSED));
	assert_false(ref_receiver_holds(RS_ACCEPTED));
	assert_false(ref_receiver_holds(RS_WITHDRAWN));
	assert_false(ref_receiver_holds(RS_NO_CAPACITY));
	assert_true(ref_answers(RS_RECEIVED));
	assert_false(ref_answers(RS_WITHDRAWN));
}

static void
codes_words_and_fhir(void **state)
{
	struct arena a = {0};
	enum ref_status got;
	int s;

	(void)state;
	for (s = 0; s < RS_COUNT; s++) {
		const char *code = ref_status_code((enum ref_status)s);

		assert_true(ref_status_parse(code, &got));
		assert_int_equal(got, s);
		assert_non_null(strstr(ref_status_sentence(&a, (enum ref_status)s, "Havnely"),
		    "Havnely"));
		assert_true(strlen(ref_status_label((enum ref_status)s)) > 0);
		assert_non_null(ref_fhir_request_status((enum ref_status)s));
		assert_non_null(ref_fhir_task_status((enum ref_status)s));
	}
	assert_false(ref_status_parse("unknown", &got));
	assert_false(ref_status_parse(NULL, &got));
	assert_string_equal(ref_status_sentence(&a, RS_RECEIVED, "Jobcenter Amager"),
	    "Jobcenter Amager has received your referral and will contact you.");
	assert_string_equal(ref_fhir_task_status(RS_NO_CAPACITY), "rejected");
	assert_string_equal(ref_fhir_request_status(RS_PROPOSED), "draft");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_triple),
		cmocka_unit_test(closing_and_reopening),
		cmocka_unit_test(codes_words_and_fhir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
