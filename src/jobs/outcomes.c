#include "jobs/outcomes.h"

#include <stdbool.h>

#include "base/log.h"
#include "store/outcomes.h"
#include "store/store.h"

int
outcomes_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	bool stale;
	long done = 0;
	int rc;

	(void)job;
	(void)why;
	(void)whylen;
	if ((rc = store_outcomes_stale(s, &stale)) != 0 || !stale)
		return rc;
	if ((rc = store_outcomes_refresh(s, OUTCOMES_MOST, &done)) != 0)
		return rc;
	log_info("msg=outcomes persons=%ld", done);
	return 0;
}
