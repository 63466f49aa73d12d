/* The meeting search (view/meeting.h). */
#include "view/meeting.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/meetings.h"

static int
hit_cmp(const void *x, const void *y)
{
	const struct meeting_hit *a = x, *b = y;

	if (a->w.start != b->w.start)
		return a->w.start < b->w.start ? -1 : 1;
	return strcmp(a->m.id, b->m.id);
}

void
view_meeting_next(const struct meeting *m, int64_t now, struct meeting_when *w)
{
	struct meeting_when ws[7];

	memset(w, 0, sizeof(*w));
	if (meeting_week(m, now, ws) > 0)
		*w = ws[0];
}

int
view_meetings_find(struct store *s, struct arena *a, const struct meeting_query *q,
    int64_t now, const char *tz, struct meeting_hit **out, size_t *n, bool *more)
{
	struct meeting *ms;
	struct meeting_hit *hits;
	struct meeting_when ws[7];
	size_t nm, i, k, nh = 0, first = 0;
	int rc;

	*out = NULL;
	*n = 0;
	*more = false;
	rc = store_meetings_search(s, a, q->q, q->type, q->lang ? meeting_lang_type(q->lang) :
	    NULL, q->online, &ms, &nm);
	if (rc != 0)
		return rc;
	hits = arena_alloc(a, (nm ? nm : 1) * sizeof(*hits));
	for (i = 0; i < nm; i++) {
		size_t nw = meeting_week(&ms[i], now, ws);

		for (k = 0; k < nw; k++)
			if (meeting_when_matches(q, &ws[k], now, tz))
				break;
		if (k == nw)
			continue;
		hits[nh].m = ms[i];
		hits[nh].w = ws[k];
		nh++;
	}
	qsort(hits, nh, sizeof(*hits), hit_cmp);
	if (q->after_id != NULL)
		while (first < nh && (hits[first].w.start < q->after_start ||
		    (hits[first].w.start == q->after_start &&
		    strcmp(hits[first].m.id, q->after_id) <= 0)))
			first++;
	*out = hits + first;
	*n = nh - first;
	if (*n > (size_t)q->limit) {
		*n = (size_t)q->limit;
		*more = true;
	}
	return 0;
}
