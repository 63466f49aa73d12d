/* Questionnaire definition JSON (src/core/questionnaire.c): q_parse()
 * reads a definition or names every problem by its path; one it passes
 * is written back by q_write() and must read again, unchanged, with no
 * problem, and scoring any answers to it stays in the definition's
 * range. */
#include "fuzz.h"

#include "base/arena.h"
#include "core/questionnaire.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct q_definition d, d2;
	struct q_problem p[16];
	size_t np, i;

	if (size > 128 * 1024)
		return 0;
	memset(&d, 0, sizeof(d));
	np = q_parse(&a, (const char *)data, size, &d, p, 16);
	for (i = 0; i < np && i < 16; i++) {
		FUZZ_ASSERT(p[i].path != NULL && p[i].code != NULL);
		FUZZ_ASSERT(q_problem_text(p[i].code) != NULL);
	}
	if (np == 0) {
		char *out = q_write(&a, &d), *again;
		struct q_answer *ans;
		struct q_result r;
		size_t n = 0;

		FUZZ_ASSERT(out != NULL);
		memset(&d2, 0, sizeof(d2));
		np = q_parse(&a, out, strlen(out), &d2, p, 16);
		if (np != 0)
			fprintf(stderr, "written back, it reads with %s at %s\n", p[0].code, p[0].path);
		FUZZ_ASSERT(np == 0);
		again = q_write(&a, &d2);
		FUZZ_ASSERT(again != NULL && strcmp(out, again) == 0);
		/* Every item answered with its first option, then every other. */
		ans = arena_alloc(&a, sizeof(*ans) * (d.nitems + 1));
		for (i = 0; i < d.nitems; i++)
			if (d.items[i].noptions > 0 && (i % 2 == 0 || size % 2 == 0)) {
				ans[n].item = d.items[i].id;
				ans[n].value = d.items[i].options[(size + i) % d.items[i].noptions].value;
				n++;
			}
		if (q_score(&d, ans, n, &r) == 0 && r.scored) {
			if (r.score < d.min || r.score > d.max)
				fprintf(stderr, "score %d outside %d..%d\n", r.score, d.min, d.max);
			FUZZ_ASSERT(r.score >= d.min && r.score <= d.max);
		}
	}
	arena_free(&a);
	return 0;
}
