/* The meeting search as pages and the API both show it: the public
 * listings that match, each with its first occurrence in the coming week
 * that fits the search as the viewer sees it, soonest first. */
#ifndef ROSC_VIEW_MEETING_H
#define ROSC_VIEW_MEETING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/meeting.h"

struct arena;
struct store;

struct meeting_hit {
	struct meeting m;
	struct meeting_when w;
};

/* The meetings q finds at now, seen in zone tz, after q's cursor: up to
 * q->limit in *out (arena memory), *more if there are others after them.
 * 0 or an error. */
int view_meetings_find(struct store *s, struct arena *a, const struct meeting_query *q,
    int64_t now, const char *tz, struct meeting_hit **out, size_t *n, bool *more);

/* The next occurrence of m at now (w->start 0: none). */
void view_meeting_next(const struct meeting *m, int64_t now, struct meeting_when *w);

#endif
