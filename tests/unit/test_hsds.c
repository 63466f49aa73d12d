/* HSDS packages: the CSV reader's edge cases and line numbers, invalid
 * UTF-8, layout detection, days and languages, and a package read from a
 * folder (problems named by file, line and field). */
#include "test.h"
#include <unistd.h>

#include <sodium.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/hsds.h"

static int
parse(struct arena *a, const char *data, struct csv_table *t, struct hsds_problems *p)
{
	return csv_table_parse(a, "t.csv", data, strlen(data), t, p);
}

static void
csv_edges(void **state)
{
	struct arena a = ARENA_INIT;
	struct csv_table t;
	struct hsds_problems p = {0};

	(void)state;
	/* A BOM, CRLF, a quoted comma, an escaped quote, a newline inside
	 * quotes, an empty field, a blank line, no newline at the end. */
	assert_int_equal(parse(&a, "\xef\xbb\xbfid,name,note\r\n"
	    "1,\"Smith, Ann\",\"say \"\"hi\"\"\"\r\n"
	    "2,\"two\r\nlines\",\r\n"
	    "\r\n"
	    "3, spaced ,x", &t, &p), 0);
	assert_int_equal(p.total, 0);
	assert_int_equal(t.ncols, 3);
	assert_string_equal(t.cols[0], "id");
	assert_int_equal(csv_col(&t, "note"), 2);
	assert_int_equal(csv_col(&t, "nope"), -1);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0][1], "Smith, Ann");
	assert_string_equal(t.rows[0][2], "say \"hi\"");
	assert_string_equal(t.rows[1][1], "two\r\nlines");
	assert_null(t.rows[1][2]);
	assert_string_equal(t.rows[2][1], " spaced ");
	/* The line each record starts on: the header is line 1. */
	assert_int_equal(t.lines[0], 2);
	assert_int_equal(t.lines[1], 3);
	assert_int_equal(t.lines[2], 6);
	/* Lines that end in a CR alone (a spreadsheet's CSV for Macintosh)
	 * are lines too: found by tests/fuzz/fuzz_hsds_csv.c. */
	assert_int_equal(parse(&a, "id,name\r1,a\r2,b\r\n3,c", &t, &p), 0);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.lines[0], 2);
	assert_int_equal(t.lines[1], 3);
	assert_int_equal(t.lines[2], 4);
	arena_free(&a);
}

static void
csv_problems(void **state)
{
	struct arena a = ARENA_INIT;
	struct csv_table t;
	struct hsds_problems p = {0};

	(void)state;
	/* Invalid UTF-8 on line 4, in the field "name". */
	assert_int_equal(parse(&a, "id,name\n1,ok\n2,\"a\nb\"\n3,bad\xff\n", &t, &p),
	    ERR_INVALID);
	assert_int_equal(p.total, 1);
	assert_string_equal(p.msgs[0], "t.csv:5: name: not valid UTF-8 text");

	memset(&p, 0, sizeof(p));
	assert_int_equal(parse(&a, "id,name\n1,a\xc3\x28z\n", &t, &p), ERR_INVALID);
	assert_string_equal(p.msgs[0], "t.csv:2: name: not valid UTF-8 text");

	/* A NUL byte is no text either. */
	memset(&p, 0, sizeof(p));
	assert_int_equal(csv_table_parse(&a, "t.csv", "id\nx\0y\n", 6, &t, &p), ERR_INVALID);
	assert_string_equal(p.msgs[0], "t.csv:2: id: not valid UTF-8 text");

	/* Too many fields, and too few. */
	memset(&p, 0, sizeof(p));
	assert_int_equal(parse(&a, "id,name\n1,a,b\n2\n", &t, &p), ERR_INVALID);
	assert_int_equal(p.total, 2);
	assert_string_equal(p.msgs[0], "t.csv:2: has 3 fields; the header has 2");
	assert_string_equal(p.msgs[1], "t.csv:3: has 1 fields; the header has 2");

	/* A stray quote, and one never closed. */
	memset(&p, 0, sizeof(p));
	assert_int_equal(parse(&a, "id,name\n1,a\"b\n", &t, &p), ERR_INVALID);
	assert_non_null(strstr(p.msgs[0], "t.csv:2:"));
	memset(&p, 0, sizeof(p));
	assert_int_equal(parse(&a, "id,name\n1,\"open\n2,x\n", &t, &p), ERR_INVALID);
	assert_non_null(strstr(p.msgs[0], "t.csv:2:"));

	/* No header at all. */
	memset(&p, 0, sizeof(p));
	assert_int_equal(parse(&a, "", &t, &p), ERR_INVALID);
	arena_free(&a);
}

static void
layouts(void **state)
{
	const char *v11[] = {"organizations.csv", "services.csv", "services_at_location.csv",
	    "physical_addresses.csv", "regular_schedules.csv"};
	const char *v30[] = {"organizations.csv", "services.csv", "service_at_location.csv",
	    "addresses.csv", "schedules.csv", "attributes.csv"};
	const char *simple11[] = {"organizations.csv", "services.csv",
	    "services_at_location.csv", "locations.csv", "phones.csv"};
	const char *neither[] = {"organizations.csv", "services.csv"};

	(void)state;
	assert_int_equal(hsds_detect_layout(v11, 5), HSDS_1_1);
	assert_int_equal(hsds_detect_layout(v30, 6), HSDS_3_0);
	assert_int_equal(hsds_detect_layout(simple11, 5), HSDS_1_1);
	assert_int_equal(hsds_detect_layout(neither, 2), HSDS_UNKNOWN);
}

static void
days_and_languages(void **state)
{
	(void)state;
	/* HSDS 1.1 weekdays: 1 is Monday, 7 Sunday (ISO 8601), or names. */
	assert_string_equal(hsds_weekday_byday("1"), "MO");
	assert_string_equal(hsds_weekday_byday("3"), "WE");
	assert_string_equal(hsds_weekday_byday("7"), "SU");
	assert_string_equal(hsds_weekday_byday("Tuesday"), "TU");
	assert_string_equal(hsds_weekday_byday("sat"), "SA");
	assert_null(hsds_weekday_byday("0"));
	assert_null(hsds_weekday_byday("8"));
	assert_null(hsds_weekday_byday("someday"));
	assert_null(hsds_weekday_byday(NULL));
	assert_string_equal(hsds_byday_norm(" fr", 3), "FR");
	assert_null(hsds_byday_norm("1MO", 3));

	assert_string_equal(hsds_language_code("English"), "en");
	assert_string_equal(hsds_language_code("Danish"), "da");
	assert_string_equal(hsds_language_code("dansk"), "da");
	assert_string_equal(hsds_language_code("Dutch"), "nl");
	assert_string_equal(hsds_language_code("NL"), "nl");
	assert_string_equal(hsds_language_code("eng"), "en");
	assert_null(hsds_language_code("Klingon"));
	assert_null(hsds_language_code(""));
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

#define DATAPACKAGE "{\"resources\": [" \
	"{\"name\": \"organization\", \"path\": \"organizations.csv\", \"schema\": " \
	"{\"fields\": [{\"name\": \"id\", \"constraints\": {\"required\": true}}, " \
	"{\"name\": \"name\", \"constraints\": {\"required\": true}}]}}, " \
	"{\"name\": \"service\", \"path\": \"services.csv\", \"schema\": " \
	"{\"fields\": [{\"name\": \"id\"}, {\"name\": \"organization_id\", " \
	"\"constraints\": {\"required\": true}}, {\"name\": \"name\"}, " \
	"{\"name\": \"status\", \"constraints\": {\"required\": true, \"enum\": " \
	"[\"active\", \"inactive\"]}}]}}, " \
	"{\"name\": \"regular_schedule\", \"path\": \"regular_schedules.csv\", " \
	"\"schema\": {\"fields\": [{\"name\": \"id\"}, {\"name\": \"service_id\"}, " \
	"{\"name\": \"weekday\"}]}}]}"

static void
package(void **state)
{
	struct arena a = ARENA_INIT;
	struct hsds_package pkg;
	struct hsds_problems p = {0};
	char dir[] = "/tmp/rosc-hsds-XXXXXX", path[300];

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_file(dir, "datapackage.json", DATAPACKAGE);
	write_file(dir, "organizations.csv", "id,name\no1,Org One\n");
	write_file(dir, "services.csv", "id,organization_id,name,status\n"
	    "s1,o1,Service,active\n");
	write_file(dir, "regular_schedules.csv", "id,service_id,weekday\nr1,s1,5\n");
	assert_int_equal(hsds_package_read(&a, dir, &pkg, &p), 0);
	assert_int_equal(pkg.layout, HSDS_1_1);
	assert_int_equal(pkg.norgs, 1);
	assert_int_equal(pkg.nservices, 1);
	assert_int_equal(pkg.nschedules, 1);
	assert_string_equal(pkg.schedules[0].byday, "FR");
	assert_string_equal(pkg.schedules[0].freq, "WEEKLY");

	/* A missing required column, a value outside the enumeration, a
	 * service whose organisation is not there, a weekday that is none. */
	write_file(dir, "organizations.csv", "id\no1\n");
	write_file(dir, "services.csv", "id,organization_id,name,status\n"
	    "s1,o1,Service,open\ns2,o9,Other,active\n");
	write_file(dir, "regular_schedules.csv", "id,service_id,weekday\nr1,s1,9\n");
	memset(&p, 0, sizeof(p));
	assert_int_equal(hsds_package_read(&a, dir, &pkg, &p), ERR_INVALID);
	assert_int_equal(p.total, 2);
	assert_string_equal(p.msgs[0], "organizations.csv:1: name: the column is missing");
	assert_string_equal(p.msgs[1],
	    "services.csv:2: status: \"open\" is not one of the values allowed");

	write_file(dir, "organizations.csv", "id,name\no1,Org One\n");
	write_file(dir, "services.csv", "id,organization_id,name,status\n"
	    "s1,o1,Service,active\ns2,o9,Other,active\n");
	memset(&p, 0, sizeof(p));
	assert_int_equal(hsds_package_read(&a, dir, &pkg, &p), ERR_INVALID);
	assert_int_equal(p.total, 2);
	assert_string_equal(p.msgs[0],
	    "services.csv:3: organization_id: there is no record o9 in organizations.csv");
	assert_string_equal(p.msgs[1], "regular_schedules.csv:2: weekday: \"9\" is not a "
	    "day of the week (1 Monday to 7 Sunday)");

	/* A missing file is named. */
	snprintf(path, sizeof(path), "%s/regular_schedules.csv", dir);
	remove(path);
	memset(&p, 0, sizeof(p));
	assert_int_equal(hsds_package_read(&a, dir, &pkg, &p), ERR_INVALID);
	assert_string_equal(p.msgs[0], "regular_schedules.csv: the file is missing");
	for (const char *const *f = (const char *const[]){"datapackage.json",
	    "organizations.csv", "services.csv", NULL}; *f; f++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *f);
		remove(path);
	}
	rmdir(dir);
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_edges),
		cmocka_unit_test(csv_problems),
		cmocka_unit_test(layouts),
		cmocka_unit_test(days_and_languages),
		cmocka_unit_test(package),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
