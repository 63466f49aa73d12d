/* Programme outcome reports made ready for the page, the CSV and the API
 * alike (core/outcome.h): the query checked and turned into the store's
 * scope, the figures counted and hidden where small, and the two
 * machine-readable forms. The page is web/reports.c. */
#ifndef ROSC_VIEW_OUTCOME_H
#define ROSC_VIEW_OUTCOME_H

#include <jansson.h>
#include <stdint.h>

#include "core/outcome.h"
#include "store/outcomes.h"

struct arena;
struct buf;
struct store;

/* What was asked, as given (NULL: not given). */
struct oc_query {
	const char *from, *to;      /* YYYY-MM */
	const char *service;        /* an HSDS id */
	const char *pathway;        /* a pathway template code */
};

/* The default period: the twelve months up to and including this one, in
 * zone tz at now. */
void oc_default_period(int64_t now, const char *tz, char from[8], char to[8]);

/* Checks q (missing months take the default) and fills sc for org_id,
 * whose time zone is tz. Returns NULL, or the field at fault ("from",
 * "to", "service", "pathway") with *code a problem code ("invalid_format",
 * "out_of_range", "too_long"). Strings in a. */
const char *oc_query_scope(struct arena *a, const struct oc_query *q, const char *org_id,
    const char *tz, int64_t now, struct oc_scope *sc, const char **code);

/* Counts and makes report r: 0 or ERR_DB. */
int oc_compute(struct store *s, struct arena *a, const struct oc_scope *sc, enum oc_report r,
    struct oc_report_out *out);

/* A figure's value as text: a count as a whole number, the rest with one
 * decimal ('.' in every language); "" if hidden. */
const char *oc_value_text(struct arena *a, const struct oc_figure *f);

/* The report as CSV (RFC 4180): a header, then one line per figure:
 * section,measure,group,unit,value,shown. A hidden figure has an empty
 * value and shown "no". */
void oc_csv(struct buf *b, struct arena *a, const struct oc_report_out *o);

/* The report as JSON: {"report", "organisation", "from", "to", "service",
 * "pathway", "today", "min_persons", "figures": [{section, measure, group,
 * unit, value (null if hidden), shown}]}. */
json_t *oc_json(struct arena *a, enum oc_report r, const struct oc_scope *sc,
    const struct oc_report_out *o);

#endif
