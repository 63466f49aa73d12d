/* Pathway template JSON (src/core/pathway.c): pw_parse() reads a template
 * or names every problem by its path; a template it passes is written
 * back by pw_write() and must read again, unchanged, with no problem
 * (what `rosc export pathway` writes, `rosc import pathway` takes). */
#include "fuzz.h"

#include "base/arena.h"
#include "core/pathway.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct pw_template t, t2;
	struct pw_problem p[16];
	size_t np, i;
	int line, col;

	if (size > 128 * 1024)
		return 0;
	memset(&t, 0, sizeof(t));
	np = pw_parse(&a, (const char *)data, size, &t, p, 16);
	for (i = 0; i < np && i < 16; i++) {
		FUZZ_ASSERT(p[i].path != NULL && p[i].code != NULL);
		FUZZ_ASSERT(pw_problem_text(p[i].code) != NULL);
	}
	(void)pw_json_error_at((const char *)data, size, &line, &col);
	if (np == 0) {
		char *out = pw_write(&a, &t), *again;

		FUZZ_ASSERT(out != NULL);
		memset(&t2, 0, sizeof(t2));
		np = pw_parse(&a, out, strlen(out), &t2, p, 16);
		if (np != 0)
			fprintf(stderr, "written back, it reads with %s at %s\n", p[0].code, p[0].path);
		FUZZ_ASSERT(np == 0);
		again = pw_write(&a, &t2);
		FUZZ_ASSERT(again != NULL && strcmp(out, again) == 0);
		(void)pw_total_days(&t);
	}
	arena_free(&a);
	return 0;
}
