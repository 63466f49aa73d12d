/* The HSDS CSV reader (src/core/hsds.c, csv_table_parse() through
 * libcsv): a file's bytes into a header and records with line numbers,
 * or problems. A table it passes has the header's number of fields in
 * every record, each field valid UTF-8 without NUL. The package's files
 * on disk and datapackage.json are read around it by
 * hsds_package_read(); this is the part every file goes through. */
#include "fuzz.h"

#include "base/arena.h"
#include "base/err.h"
#include "base/utf8.h"
#include "core/hsds.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct hsds_problems p;
	struct csv_table t;
	size_t i, j;
	int rc;

	if (size > 256 * 1024)
		return 0;
	memset(&p, 0, sizeof(p));
	memset(&t, 0, sizeof(t));
	rc = csv_table_parse(&a, "services.csv", (const char *)data, size, &t, &p);
	if (rc == 0) {
		FUZZ_ASSERT(p.n == 0);
		for (i = 0; i < t.ncols; i++) {
			FUZZ_ASSERT(t.cols[i] != NULL);
			FUZZ_ASSERT(utf8_valid(t.cols[i], strlen(t.cols[i])));
			FUZZ_ASSERT(csv_col(&t, t.cols[i]) >= 0);
		}
		for (i = 0; i < t.nrows; i++) {
			FUZZ_ASSERT(t.lines[i] >= 2);
			for (j = 0; j < t.ncols; j++)
				if (t.rows[i][j] != NULL)
					FUZZ_ASSERT(utf8_valid(t.rows[i][j], strlen(t.rows[i][j])));
		}
	} else {
		FUZZ_ASSERT(rc == ERR_INVALID && p.total > 0);
		for (i = 0; i < p.n; i++)
			FUZZ_ASSERT(p.msgs[i] != NULL);
	}
	arena_free(&a);
	return 0;
}
