/* The counts behind the programme outcome reports (core/outcome.h), over
 * the persons an organisation may see: those in whose network it has or
 * had a place (network_member.org_id), each counted in a category only if
 * the organisation is the person's home organisation (its duty of care)
 * or holds the person's consent in force today for that category. The
 * rule is policy_may_read_reports()'s (policy/policy.h); the SQL that
 * applies it is here, over rows kept per person and made again after a
 * write (migration 0031). Aggregates only: no person's id leaves this file. */
#ifndef ROSC_STORE_OUTCOMES_H
#define ROSC_STORE_OUTCOMES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/outcome.h"

struct arena;
struct store;

struct oc_scope {
	const char *org_id;         /* the organisation the report is for */
	const char *today;          /* YYYY-MM-DD, in its time zone */
	const char *first, *last;   /* the period's first and last day */
	int64_t from_us, to_us;     /* the same, as instants: [from, to) */
	const char *template_code;  /* only persons with such a pathway; NULL: all */
	const char *service_id;     /* only persons referred to it; NULL: all */
};

/* Counts the sections of report r into out (histograms in a). Returns 0 or
 * ERR_DB. */
int store_outcomes(struct store *s, struct arena *a, const struct oc_scope *sc,
    enum oc_report r, struct oc_counts *out);

/* How many marked persons one write makes again (outcomes.c). */
#define OUTCOME_BATCH 2000
/* After making so many in one refresh, PostgreSQL's indexes of the rows
 * are written again in key order (outcomes.c). */
#define OUTCOME_REINDEX_AT 20000

/* Whether a write has marked persons whose rows are to be made again. */
int store_outcomes_stale(struct store *s, bool *stale);

/* Makes the marked persons' rows again, OUTCOME_BATCH to a write, until
 * none is left or about most are done; done: how many. On PostgreSQL,
 * after OUTCOME_REINDEX_AT or more, writes their indexes again. A write waits, so
 * a request ends its snapshot first (store_request_end()). Returns 0 or
 * ERR_DB. */
int store_outcomes_refresh(struct store *s, long most, long *done);

#endif
