/* Self-help meetings: a Meeting Guide feed reads (slugs as numbers too,
 * the demo feed whole); each kind of bad field is named by the meeting's
 * index and the field; weekly times in the meeting's zone seen from
 * another, in the weeks around the changes to and from summer time; the
 * search's time filters. */
#include "test.h"

#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/embedded.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/meeting.h"

static int64_t
at(const char *iso)
{
	int64_t us;

	assert_int_equal(clock_parse_instant(iso, &us), 0);
	return us;
}

static size_t
parse(struct arena *a, const char *json, struct meeting **m, size_t *n,
    struct jr_problem *p, size_t max)
{
	return meeting_parse_feed(a, json, strlen(json), "Europe/Copenhagen", m, n, p, max);
}

static void
good_feed(void **state)
{
	struct arena a = ARENA_INIT;
	struct jr_problem p[4];
	struct meeting *m;
	size_t n;
	const char *json = "[{\"name\":\"Tweed Group\",\"slug\":8,\"day\":2,\"time\":\"7:30\","
	    "\"types\":[\"C\",\"EN\"],\"latitude\":44.47,\"longitude\":-77.31,"
	    "\"contact_1_name\":\"Someone\",\"updated\":\"2016-05-06 15:38:25\"},"
	    "{\"name\":\"Aftenmøde\",\"slug\":\"dk-1\",\"day\":[1,3],\"time\":\"19:00\","
	    "\"end_time\":\"20:30\",\"timezone\":\"America/Toronto\","
	    "\"formatted_address\":\"Nørrebrogade 52, 2200 København N\","
	    "\"conference_url\":\"https://meet.example.org/x\"}]";

	(void)state;
	assert_int_equal(parse(&a, json, &m, &n, p, 4), 0);
	assert_int_equal(n, 2);
	assert_string_equal(m[0].slug, "8");
	assert_int_equal(m[0].days, 1u << 2);
	assert_string_equal(m[0].start_time, "07:30");
	assert_string_equal(m[0].time_zone, "Europe/Copenhagen");
	assert_true(meeting_has_type(&m[0], "EN"));
	assert_false(meeting_has_type(&m[0], "E"));
	assert_true(m[0].has_geo);
	assert_false(m[0].online);
	assert_int_equal(meeting_minutes(&m[0]), 60);
	assert_int_equal(m[1].days, (1u << 1) | (1u << 3));
	assert_string_equal(m[1].time_zone, "America/Toronto");
	assert_true(m[1].online);
	assert_int_equal(meeting_minutes(&m[1]), 90);
	assert_non_null(strstr(m[1].search, "nørrebrogade"));
	/* No contact names are kept: nothing of "Someone" anywhere. */
	assert_null(strstr(m[0].fingerprint, "Someone"));
	arena_free(&a);
}

static void
demo_feed(void **state)
{
	struct arena a = ARENA_INIT;
	struct jr_problem p[4];
	struct meeting *m;
	size_t n, i, online = 0;

	(void)state;
	i = meeting_parse_feed(&a, (const char *)meetings_demo[0].data, meetings_demo[0].len,
	    "Europe/Copenhagen", &m, &n, p, 4);
	if (i > 0)
		fail_msg("%s: %s", p[0].path, p[0].code);
	assert_true(n >= 10);
	for (i = 0; i < n; i++)
		if (m[i].online && m[i].days == 0x7f)
			online++;
	assert_true(online >= 1);
	arena_free(&a);
}

/* Each bad field, with its meeting's index and the field. */
static void
bad_fields(void **state)
{
	static const struct {
		const char *meeting, *path, *code;
	} t[] = {
		{"{\"slug\":\"a\",\"day\":1,\"time\":\"10:00\"}", "[1].name", "required"},
		{"{\"name\":\"x\",\"day\":1,\"time\":\"10:00\"}", "[1].slug", "required"},
		{"{\"name\":\"x\",\"slug\":\"a b\",\"day\":1,\"time\":\"10:00\"}", "[1].slug",
		    "slug_format"},
		{"{\"name\":\"x\",\"slug\":1.5,\"day\":1,\"time\":\"10:00\"}", "[1].slug",
		    "slug_format"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":7,\"time\":\"10:00\"}", "[1].day",
		    "day_range"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":[1,9],\"time\":\"10:00\"}", "[1].day[1]",
		    "day_range"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":\"1\",\"time\":\"10:00\"}", "[1].day",
		    "invalid_format"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1}", "[1].time", "required"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"24:00\"}", "[1].time",
		    "time_format"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\",\"end_time\":\"7pm\"}",
		    "[1].end_time", "time_format"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\",\"timezone\":"
		    "\"Mars/Olympus\"}", "[1].timezone", "unknown_zone"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\",\"types\":[\"O\",3]}",
		    "[1].types[1]", "type_format"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\",\"conference_url\":"
		    "\"javascript:alert(1)\"}", "[1].conference_url", "url_format"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\",\"conference_phone\":"
		    "\"call me\"}", "[1].conference_phone", "phone_format"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\",\"latitude\":91,"
		    "\"longitude\":3}", "[1].latitude", "out_of_range"},
		{"{\"name\":\"x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\",\"updated\":"
		    "\"yesterday\"}", "[1].updated", "updated_format"},
		{"{\"name\":\"x\",\"slug\":\"0\",\"day\":1,\"time\":\"10:00\"}", "[1].slug",
		    "duplicate"},
		{"{\"name\":\"\\u0000x\",\"slug\":\"a\",\"day\":1,\"time\":\"10:00\"}", "[1].name",
		    "invalid_format"},
		{"3", "[1]", "invalid_format"},
	};
	struct arena a = ARENA_INIT;
	struct jr_problem p[4];
	struct meeting *m;
	size_t n, i, np;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *json = arena_printf(&a, "[{\"name\":\"ok\",\"slug\":0,\"day\":0,"
		    "\"time\":\"09:00\"},%s]", t[i].meeting);

		np = parse(&a, json, &m, &n, p, 4);
		if (np != 1 || strcmp(p[0].path, t[i].path) != 0 ||
		    strcmp(p[0].code, t[i].code) != 0)
			fail_msg("case %zu: %zu problems, first %s %s", i, np,
			    np ? p[0].path : "-", np ? p[0].code : "-");
	}
	/* Not a list at all. */
	assert_int_equal(parse(&a, "{\"name\":\"x\"}", &m, &n, p, 4), 1);
	assert_string_equal(p[0].code, "invalid_json");
	/* Every problem, not only the first. */
	np = parse(&a, "[{\"name\":\"x\",\"slug\":\"a\",\"day\":8,\"time\":\"25:00\"},"
	    "{\"slug\":\"b\"}]", &m, &n, p, 4);
	assert_int_equal(np, 3);
	assert_string_equal(p[0].path, "[0].day");
	assert_string_equal(p[1].path, "[0].time");
	assert_string_equal(p[2].path, "[1].name");
	assert_string_equal(meeting_problem_text("day_range"), "must be 0 to 6 (0 is Sunday)");
	arena_free(&a);
}

static struct meeting
weekly(const char *tz, unsigned days, const char *start, const char *end)
{
	struct meeting m;

	memset(&m, 0, sizeof(m));
	m.id = "m1";
	m.name = "x";
	m.time_zone = tz;
	m.days = days;
	m.start_time = start;
	m.end_time = end;
	m.types = " ";
	return m;
}

static const char *
local(struct arena *a, int64_t us, const char *tz)
{
	char ymd[11], hm[6];

	assert_true(timefmt_local_fields(us, tz, ymd, hm));
	return arena_printf(a, "%s %s", ymd, hm);
}

/* Tuesdays 19:00 in Copenhagen, seen from Copenhagen, London and New
 * York, in the weeks around the clocks' changes (Europe: 29 March and 25
 * October 2026; the United States: 8 March and 1 November). */
static void
zones_and_summer_time(void **state)
{
	struct arena a = ARENA_INIT;
	struct meeting m = weekly("Europe/Copenhagen", 1u << 2, "19:00", "20:30");
	struct meeting_when w[7];
	size_t n;

	(void)state;
	/* Winter: 18:00 UTC. */
	n = meeting_week(&m, at("2026-03-23T12:00:00Z"), w);
	assert_int_equal(n, 1);
	assert_int_equal(w[0].day, 2);
	assert_string_equal(local(&a, w[0].start, "UTC"), "2026-03-24 18:00");
	assert_string_equal(local(&a, w[0].start, "Europe/Copenhagen"), "2026-03-24 19:00");
	assert_string_equal(local(&a, w[0].start, "Europe/London"), "2026-03-24 18:00");
	/* New York is already on summer time, Europe not yet: 14:00, not 13:00. */
	assert_string_equal(local(&a, w[0].start, "America/New_York"), "2026-03-24 14:00");
	assert_int_equal(w[0].end - w[0].start, INT64_C(90) * 60 * 1000000);
	/* The week after Europe's change (Sunday 29 March): still 19:00 there,
	 * 17:00 UTC, and 13:00 in New York again. */
	n = meeting_week(&m, at("2026-03-29T00:30:00Z"), w);
	assert_int_equal(n, 1);
	assert_string_equal(local(&a, w[0].start, "UTC"), "2026-03-31 17:00");
	assert_string_equal(local(&a, w[0].start, "Europe/Copenhagen"), "2026-03-31 19:00");
	assert_string_equal(local(&a, w[0].start, "America/New_York"), "2026-03-31 13:00");
	/* Autumn: before and after 25 October. */
	n = meeting_week(&m, at("2026-10-21T12:00:00Z"), w);
	assert_string_equal(local(&a, w[0].start, "UTC"), "2026-10-27 18:00");
	assert_string_equal(local(&a, w[0].start, "Europe/Copenhagen"), "2026-10-27 19:00");
	/* 27 Oct: Europe back on winter time, New York not yet: 14:00. */
	assert_string_equal(local(&a, w[0].start, "America/New_York"), "2026-10-27 14:00");
	/* One under way counts; one over is next week's. */
	n = meeting_week(&m, at("2026-10-27T19:00:00Z"), w);
	assert_string_equal(local(&a, w[0].start, "Europe/Copenhagen"), "2026-10-27 19:00");
	n = meeting_week(&m, at("2026-10-27T19:31:00Z"), w);
	assert_string_equal(local(&a, w[0].start, "Europe/Copenhagen"), "2026-11-03 19:00");
	/* A start the clocks skip (02:30 on 29 March) is an hour later. */
	m = weekly("Europe/Copenhagen", 1u << 0, "02:30", NULL);
	n = meeting_week(&m, at("2026-03-28T12:00:00Z"), w);
	assert_int_equal(n, 1);
	assert_string_equal(local(&a, w[0].start, "Europe/Copenhagen"), "2026-03-29 03:30");
	/* Every day: seven, soonest first. */
	m = weekly("Europe/Amsterdam", 0x7f, "20:30", "21:30");
	n = meeting_week(&m, at("2026-12-07T20:00:00Z"), w);
	assert_int_equal(n, 7);
	assert_string_equal(local(&a, w[0].start, "Europe/Amsterdam"), "2026-12-07 20:30");
	assert_string_equal(local(&a, w[6].start, "Europe/Amsterdam"), "2026-12-13 20:30");
	/* No weekly time: none. */
	m = weekly("Europe/Amsterdam", 0, NULL, NULL);
	assert_int_equal(meeting_week(&m, at("2026-12-07T20:00:00Z"), w), 0);
	arena_free(&a);
}

/* Day, part of the day and "tonight" are the viewer's. */
static void
filters(void **state)
{
	struct arena a = ARENA_INIT;
	struct meeting_params f = {0};
	struct meeting_query q;
	/* Sunday 22:30 in Copenhagen (Monday 06:30 in Tokyo? no: 06:30 Monday
	 * in Tokyo is 22:30 UTC); the meeting Mondays 07:00 Tokyo time. */
	struct meeting m = weekly("Asia/Tokyo", 1u << 1, "07:00", "08:00");
	struct meeting_when w[7];
	int64_t now = at("2026-12-06T21:30:00Z");   /* Sunday 22:30 Copenhagen */
	size_t n;

	(void)state;
	n = meeting_week(&m, now, w);
	assert_int_equal(n, 1);
	/* Monday 07:00 in Tokyo is Sunday 23:00 in Copenhagen. */
	f.day = "0";
	assert_null(meeting_query_parse(&a, &f, now, "Europe/Copenhagen", &q));
	assert_true(meeting_when_matches(&q, &w[0], now, "Europe/Copenhagen"));
	f.day = "1";
	assert_null(meeting_query_parse(&a, &f, now, "Europe/Copenhagen", &q));
	assert_false(meeting_when_matches(&q, &w[0], now, "Europe/Copenhagen"));
	assert_true(meeting_when_matches(&q, &w[0], now, "Asia/Tokyo"));
	/* Today and tonight in Copenhagen. */
	f.day = "today";
	f.part = "tonight";
	assert_null(meeting_query_parse(&a, &f, now, "Europe/Copenhagen", &q));
	assert_int_equal(q.day, 0);
	assert_true(meeting_when_matches(&q, &w[0], now, "Europe/Copenhagen"));
	f.day = NULL;
	f.part = "morning";
	assert_null(meeting_query_parse(&a, &f, now, "Europe/Copenhagen", &q));
	assert_false(meeting_when_matches(&q, &w[0], now, "Europe/Copenhagen"));
	assert_true(meeting_when_matches(&q, &w[0], now, "Asia/Tokyo"));
	f.part = NULL;
	f.from = "22";
	f.to = "23:30";
	assert_null(meeting_query_parse(&a, &f, now, "Europe/Copenhagen", &q));
	assert_true(meeting_when_matches(&q, &w[0], now, "Europe/Copenhagen"));
	/* What is refused, by name. */
	memset(&f, 0, sizeof(f));
	f.day = "7";
	assert_string_equal(meeting_query_parse(&a, &f, now, "UTC", &q), "day");
	f.day = NULL;
	f.from = "25";
	assert_string_equal(meeting_query_parse(&a, &f, now, "UTC", &q), "from");
	f.from = "20";
	f.to = "19";
	assert_string_equal(meeting_query_parse(&a, &f, now, "UTC", &q), "to");
	f.to = NULL;
	f.language = "xx";
	assert_string_equal(meeting_query_parse(&a, &f, now, "UTC", &q), "language");
	f.language = "da";
	f.online = "maybe";
	assert_string_equal(meeting_query_parse(&a, &f, now, "UTC", &q), "online");
	f.online = "1";
	f.limit = "0";
	assert_string_equal(meeting_query_parse(&a, &f, now, "UTC", &q), "limit");
	f.limit = NULL;
	f.after = "x";
	assert_string_equal(meeting_query_parse(&a, &f, now, "UTC", &q), "after");
	f.after = meeting_cursor(&a, 1234, "abc");
	assert_null(meeting_query_parse(&a, &f, now, "UTC", &q));
	assert_int_equal(q.after_start, 1234);
	assert_string_equal(q.after_id, "abc");
	assert_string_equal(meeting_lang_type("es"), "S");
	assert_string_equal(meeting_type_label("ONL"), "Online");
	assert_string_equal(meeting_type_label("ZZZ"), "ZZZ");
	assert_string_equal(meeting_days_text(&a, (1u << 1) | (1u << 3) | (1u << 0)),
	    "Mondays, Wednesdays, Sundays");
	assert_string_equal(meeting_days_text(&a, 0x7f), "Every day");
	/* In the middle of a sentence. */
	assert_string_equal(meeting_days_phrase(&a, 0x7f), "every day");
	assert_string_equal(meeting_days_phrase(&a, 1u << 2), "Tuesdays");
	i18n_use(LANG_DA);
	assert_string_equal(meeting_days_phrase(&a, (1u << 2) | (1u << 4)), "tirsdage, torsdage");
	assert_string_equal(meeting_days_text(&a, 1u << 2), "Tirsdage");
	i18n_use(LANG_EN);
	arena_free(&a);
}

/* Near: a meeting with an address whose place words hold the person's
 * area (folded), or without an area in their time zone; never one with
 * only a link. */
static void
near(void **state)
{
	struct meeting room = {.name = "Nørrebro AA-gruppe", .city = "København",
		.region = "København, Nørrebro", .time_zone = "Europe/Copenhagen",
		.search = "nørrebro aa-gruppe kulturhuset københavn københavn, nørrebro"};
	struct meeting link = {.name = "Aftenmødet online", .region = "Online",
		.time_zone = "Europe/Copenhagen", .online = true,
		.search = "aftenmødet online online"};

	(void)state;
	assert_true(meeting_near(&room, "københavn", "Europe/Amsterdam"));
	assert_true(meeting_near(&room, "nørrebro", NULL));
	assert_false(meeting_near(&room, "aarhus", "Europe/Copenhagen"));
	assert_true(meeting_near(&room, NULL, "Europe/Copenhagen"));
	assert_true(meeting_near(&room, "", "Europe/Copenhagen"));
	assert_false(meeting_near(&room, NULL, "Europe/Amsterdam"));
	assert_false(meeting_near(&room, NULL, NULL));
	assert_false(meeting_near(&link, "online", "Europe/Copenhagen"));
	assert_false(meeting_near(&link, NULL, "Europe/Copenhagen"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_feed),
		cmocka_unit_test(demo_feed),
		cmocka_unit_test(bad_fields),
		cmocka_unit_test(zones_and_summer_time),
		cmocka_unit_test(filters),
		cmocka_unit_test(near),
	};

	i18n_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
