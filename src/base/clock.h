/* Time. Instants are int64 microseconds since 1970-01-01 UTC; calendar dates
 * are plain "YYYY-MM-DD" text. Every time rule (sessions, invitations,
 * throttling, consent end dates) asks clock_now_us().
 *
 * In test builds (meson -Dtest_clock=true) ROSC_TEST_NOW sets "now": either
 * an instant ("2026-03-03T10:00:00Z") or "file:PATH", a file holding one,
 * read on every call so a test can move time while rosc runs. */
#ifndef ROSC_CLOCK_H
#define ROSC_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define US_PER_SEC INT64_C(1000000)

/* Now, in microseconds since the epoch (UTC). */
int64_t clock_now_us(void);

/* A monotonic clock in microseconds, for measuring durations. */
int64_t clock_mono_us(void);

/* Parses "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" (UTC only). Returns 0 or ERR_INVALID. */
int clock_parse_instant(const char *s, int64_t *us);

/* Writes us as "YYYY-MM-DDTHH:MM:SS.ffffffZ" into out (at least 28 bytes). */
void clock_format_instant(int64_t us, char out[28]);

/* Writes us as "YYYY-MM-DDTHH:MM:SSZ" into out (at least 21 bytes): whole
 * seconds, rounded down. For HTML's <time datetime>, which allows at most
 * three digits of a fraction (clock_format_instant writes six). */
void clock_format_datetime(int64_t us, char out[21]);

/* True if s is a real calendar date written "YYYY-MM-DD". */
bool clock_valid_date(const char *s);

/* Calendar days, not seconds, so that a change to summer time moves
 * nothing. The day number of a valid "YYYY-MM-DD" (days since
 * 1970-01-01), or INT32_MIN if s is not one. */
int32_t clock_date_day(const char *s);
/* The date of a day number, as "YYYY-MM-DD" into out. */
void clock_day_date(int32_t day, char out[11]);
/* b - a in calendar days; INT32_MIN if either is not a date. */
int32_t clock_date_diff(const char *a, const char *b);

#endif
