#include "jobs/housekeeping.h"

#include "base/clock.h"
#include "base/log.h"
#include "core/actor.h"
#include "store/jobs.h"
#include "store/store.h"

struct sweep {
	int64_t now;
	struct housekeeping_counts counts;
};

static int
sweep_fn(struct store_tx *tx, void *arg)
{
	struct sweep *w = arg;

	return store_tx_housekeep(tx, w->now, w->now - SESSION_IDLE_US,
	    w->now - SESSION_ABSOLUTE_US, w->now - HOUSEKEEPING_THROTTLE_KEEP_US,
	    w->now - HOUSEKEEPING_JOBS_KEEP_US, &w->counts);
}

int
housekeeping_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	struct sweep w = {clock_now_us(), {0}};
	int rc;

	(void)job;
	(void)why;
	(void)whylen;
	rc = store_write(s, sweep_fn, &w);
	if (rc != 0)
		return rc;
	log_info("msg=housekeeping sessions=%lld throttles=%lld jobs=%lld",
	    (long long)w.counts.sessions, (long long)w.counts.throttles,
	    (long long)w.counts.jobs);
	return 0;
}
