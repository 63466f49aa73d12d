/* The query parameters rosc reads into a search of its own: the
 * self-help meetings' (GET /meetings and /api/v1/meetings:
 * meeting_query_parse() in src/core/meeting.c, with its opaque cursor),
 * each parameter as the page hands it over (valid UTF-8, checked before).
 * The input: q, day, from, to, part, type, language, online, tonight,
 * limit, after, cut at NUL; an empty part is a parameter not given. */
#include "fuzz.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "core/meeting.h"

#define NPARAMS 11

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct meeting_params f;
	struct meeting_query q;
	const char *parts[NPARAMS], *bad, **slot[NPARAMS];
	size_t lens[NPARAMS], i;
	char *block;

	if (size > 4096)
		return 0;
	block = fuzz_parts(data, size, parts, NPARAMS, lens);
	memset(&f, 0, sizeof(f));
	slot[0] = &f.q; slot[1] = &f.day; slot[2] = &f.from; slot[3] = &f.to;
	slot[4] = &f.part; slot[5] = &f.type; slot[6] = &f.language; slot[7] = &f.online;
	slot[8] = &f.tonight; slot[9] = &f.limit; slot[10] = &f.after;
	for (i = 0; i < NPARAMS; i++) {
		/* What the server lets through: UTF-8 without NUL. */
		if (strlen(parts[i]) != lens[i] || !utf8_valid(parts[i], lens[i]))
			goto done;
		*slot[i] = lens[i] ? parts[i] : NULL;
	}
	memset(&q, 0, sizeof(q));
	bad = meeting_query_parse(&a, &f, INT64_C(1796000000) * 1000000, "Europe/Copenhagen", &q);
	if (bad == NULL) {
		struct meeting_when w;

		FUZZ_ASSERT(q.day >= -1 && q.day <= 6);
		FUZZ_ASSERT(q.limit >= 1 && q.limit <= MEETING_LIMIT_MAX);
		memset(&w, 0, sizeof(w));
		w.start = INT64_C(1796003600) * 1000000;
		w.end = w.start + INT64_C(3600) * 1000000;
		(void)meeting_when_matches(&q, &w, INT64_C(1796000000) * 1000000, "Europe/Copenhagen");
		if (q.after_id != NULL)
			FUZZ_ASSERT(meeting_cursor(&a, q.after_start, q.after_id) != NULL);
	}
done:
	free(block);
	arena_free(&a);
	return 0;
}
