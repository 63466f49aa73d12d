/* The Meeting Guide feed reader (src/core/meeting.c,
 * meeting_parse_feed()): a JSON array of meetings into rosc's meetings,
 * or problems with their paths. What it passes has a name, a day of the
 * week and a time zone. */
#include "fuzz.h"

#include "base/arena.h"
#include "core/jsonread.h"
#include "core/meeting.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct jr_problem p[16];
	struct meeting *m = NULL;
	size_t n = 0, np, i;

	if (size > 256 * 1024)
		return 0;
	np = meeting_parse_feed(&a, (const char *)data, size, "Europe/Copenhagen", &m, &n, p, 16);
	for (i = 0; i < np && i < 16; i++) {
		FUZZ_ASSERT(p[i].path != NULL && p[i].code != NULL);
		FUZZ_ASSERT(meeting_problem_text(p[i].code) != NULL);
	}
	for (i = 0; i < n; i++) {
		struct meeting_when w[7];

		(void)meeting_week(&m[i], 1796000000LL * 1000000, w);
		(void)meeting_minutes(&m[i]);
	}
	arena_free(&a);
	return 0;
}
