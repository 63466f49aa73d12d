/* Open Referral HSDS data packages (CSV files and datapackage.json), in
 * the 1.1 and the 3.0 layouts: reading, checking and mapping them onto
 * the directory's records (core/directory.h), and writing a 3.0 package
 * back. No SQL: the store writes and reads the records. */
#ifndef ROSC_CORE_HSDS_H
#define ROSC_CORE_HSDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/directory.h"

struct arena;

/* No CSV file bigger than this is read. */
#define HSDS_FILE_MAX (32u * 1024 * 1024)
/* A check stops listing problems after this many. */
#define HSDS_PROBLEMS_MAX 50

enum hsds_layout { HSDS_UNKNOWN, HSDS_1_1, HSDS_3_0 };

/* Problems found in a package, each "file:line: field: message" (line and
 * field where known), in the order found. Warnings do not refuse the
 * package (a link to a record the package lacks, left out). */
struct hsds_problems {
	const char **msgs;
	size_t n, cap, total;
	const char **warnings;
	size_t nwarnings, wcap;
};

void hsds_problem(struct arena *a, struct hsds_problems *p, const char *file,
    size_t line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void hsds_warning(struct arena *a, struct hsds_problems *p, const char *file,
    size_t line, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* One CSV file: its header and its records, each with the line it starts
 * on (the header is line 1). Empty fields are NULL. */
struct csv_table {
	const char *file;
	const char **cols;
	size_t ncols;
	const char ***rows;
	size_t *lines;
	size_t nrows;
};

/* Parses a CSV file's bytes (a UTF-8 BOM, CRLF, quoted fields with commas,
 * quotes and newlines). Refuses invalid UTF-8 and NUL bytes, a record with
 * more or fewer fields than the header, and stray quotes, each as a
 * problem with its line (and field). Returns 0 or ERR_INVALID. */
int csv_table_parse(struct arena *a, const char *file, const char *data, size_t len,
    struct csv_table *out, struct hsds_problems *p);
/* The column's index, or -1. */
int csv_col(const struct csv_table *t, const char *name);

/* Which layout a package has, from the names of its files (datapackage
 * paths or the folder's .csv files). */
enum hsds_layout hsds_detect_layout(const char *const *files, size_t n);

/* A 1.1 weekday (1 Monday .. 7 Sunday, or an English day name) as MO..SU;
 * NULL if it is neither. */
const char *hsds_weekday_byday(const char *weekday);
/* "MO".."SU" for a byday item; NULL if it is not one. */
const char *hsds_byday_norm(const char *s, size_t n);

/* The ISO 639-1 code for a language name ("English" "en", "Danish" "da",
 * "Dutch" "nl" ...), a two-letter code as it is (lowercased), or NULL. */
const char *hsds_language_code(const char *name);

/* Which of rosc's own service fields a package carries (its attributes
 * in the rosc taxonomy): those it lacks are kept as they are. */
enum {
	HSDS_CARRY_STAGE = 1u << 0,
	HSDS_CARRY_DOMAINS = 1u << 1,
	HSDS_CARRY_VIDEO = 1u << 2,
	HSDS_CARRY_CAPACITY = 1u << 3,
	HSDS_CARRY_RESPONSE_DAYS = 1u << 4,
	HSDS_CARRY_SHARES = 1u << 5,
};

/* A package's records, as the directory keeps them. carried[i] says
 * which rosc fields services[i] carries. skipped lists the files read but
 * not kept (rosc has no place for them). */
struct hsds_package {
	enum hsds_layout layout;
	struct dir_org *orgs;
	size_t norgs;
	struct dir_location *locations;
	size_t nlocations;
	struct service *services;
	unsigned *carried;
	size_t nservices;
	struct service_at_location *sals;
	size_t nsals;
	struct dir_contact *contacts;
	size_t ncontacts;
	struct dir_phone *phones;
	size_t nphones;
	struct dir_schedule *schedules;
	size_t nschedules;
	struct service_language *languages;
	size_t nlanguages;
	const char **skipped;
	size_t nskipped;
};

/* Reads, checks and maps the package in the folder dir. Returns 0 (with
 * out filled, perhaps with warnings), or ERR_INVALID with the problems
 * in p, or ERR_IO when the folder cannot be read (also in p). Every
 * string lives in a. */
int hsds_package_read(struct arena *a, const char *dir, struct hsds_package *out,
    struct hsds_problems *p);

/* Writes pkg as an HSDS 3.0 package into the folder dir (made if
 * missing): datapackage.json and one CSV per resource, rows in the order
 * given (the store reads them ordered by id). rosc's own service fields
 * go out as attributes in the rosc taxonomy. Returns 0 or ERR_IO, with
 * the file that failed in *failed. */
int hsds_package_write(struct arena *a, const char *dir, const struct hsds_package *pkg,
    const char **failed);

#endif
