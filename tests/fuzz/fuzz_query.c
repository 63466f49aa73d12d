/* The query parameters rosc reads into a search of its own, each as the
 * page hands it over (valid UTF-8 without NUL, checked before): the
 * self-help meetings' (GET /meetings and /api/v1/meetings:
 * meeting_query_parse() in src/core/meeting.c) and the service
 * directory's (GET /services and /api/v1/services: service_query_parse()
 * in src/core/directory.c), each with its opaque cursor. The input: a
 * byte that picks the search, then its parameters in order, cut at NUL;
 * an empty one is a parameter not given. */
#include "fuzz.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "core/directory.h"
#include "core/meeting.h"

#define NPARAMS 11
#define NOW (INT64_C(1796000000) * 1000000)

static void
meetings(struct arena *a, const char **v)
{
	struct meeting_params f = {
		.q = v[0], .day = v[1], .from = v[2], .to = v[3], .part = v[4], .type = v[5],
		.language = v[6], .online = v[7], .tonight = v[8], .limit = v[9], .after = v[10],
	};
	struct meeting_query q;
	struct meeting_when w;

	memset(&q, 0, sizeof(q));
	if (meeting_query_parse(a, &f, NOW, "Europe/Copenhagen", &q) != NULL)
		return;
	FUZZ_ASSERT(q.day >= -1 && q.day <= 6);
	FUZZ_ASSERT(q.limit >= 1 && q.limit <= MEETING_LIMIT_MAX);
	memset(&w, 0, sizeof(w));
	w.start = NOW + INT64_C(3600) * 1000000;
	w.end = w.start + INT64_C(3600) * 1000000;
	(void)meeting_when_matches(&q, &w, NOW, "Europe/Copenhagen");
	if (q.after_id != NULL)
		FUZZ_ASSERT(meeting_cursor(a, q.after_start, q.after_id) != NULL);
}

static void
services(struct arena *a, const char **v)
{
	struct service_filters f = {
		.q = v[0], .stage = v[1], .domain = v[2], .lang = v[3], .video = v[4],
		.capacity = v[5], .open_now = v[6], .limit = v[7], .after = v[8],
	};
	struct service_query q;
	size_t i;

	memset(&q, 0, sizeof(q));
	if (service_query_parse(a, &f, NOW, &q) != NULL)
		return;
	FUZZ_ASSERT(q.limit >= 1 && q.limit <= 200);
	for (i = 0; i < SERVICE_QUERY_WORDS; i++)
		if (q.words[i] != NULL)
			FUZZ_ASSERT(utf8_valid(q.words[i], strlen(q.words[i])));
	if (q.after_id != NULL)
		FUZZ_ASSERT(service_cursor(a, q.after_name ? q.after_name : "", q.after_id) != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	const char *parts[NPARAMS], *v[NPARAMS];
	size_t lens[NPARAMS], i;
	char *block;

	if (size < 1 || size > 4096)
		return 0;
	block = fuzz_parts(data + 1, size - 1, parts, NPARAMS, lens);
	for (i = 0; i < NPARAMS; i++) {
		/* What the server lets through: UTF-8 without NUL. */
		if (strlen(parts[i]) != lens[i] || !utf8_valid(parts[i], lens[i]))
			goto done;
		v[i] = lens[i] ? parts[i] : NULL;
	}
	if (data[0] & 1)
		services(&a, v);
	else
		meetings(&a, v);
done:
	free(block);
	arena_free(&a);
	return 0;
}
