#include "jobs/access_check.h"

#include <stdio.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "store/access_chain.h"

int
access_check_run(struct store *s, const struct job *job, char *why, size_t whylen)
{
	struct access_verdict v;
	int rc;

	(void)job;
	rc = store_access_chain_check(s, clock_now_us(), &v);
	if (rc != 0) {
		snprintf(why, whylen, "access log check: %s", err_str(rc));
		return rc;
	}
	log_info("msg=\"access log checked\" links=%lld entries=%lld verified=%lld%s%s",
	    (long long)v.links, (long long)v.entries, (long long)v.verified_seq,
	    v.problem ? " problem=" : "", v.problem ? v.problem : "");
	return 0;
}
