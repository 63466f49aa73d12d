#include "http/metrics.h"

#include <stdatomic.h>
#include <stddef.h>

#include "base/buf.h"
#include "http/router.h"

/* Bucket bounds in microseconds. */
static const int64_t bounds[] = {
	250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 1000000,
};
#define NB (sizeof(bounds) / sizeof(bounds[0]))
#define MAX_ROUTES 256
#define NCLASS 5    /* 1xx..5xx */

struct counters {
	_Atomic uint64_t bucket[NB + 1];
	_Atomic uint64_t sum_us;
	_Atomic uint64_t by_class[NCLASS];
};

/* Slot 0 is "no route"; route i is slot i + 1. */
static struct counters slots[MAX_ROUTES + 1];

void
metrics_observe(int route, unsigned status, int64_t us)
{
	struct counters *c;
	size_t b;

	if (route < -1 || route >= MAX_ROUTES)
		route = -1;
	c = &slots[route + 1];
	for (b = 0; b < NB && us > bounds[b]; b++)
		;
	atomic_fetch_add_explicit(&c->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->sum_us, (uint64_t)(us < 0 ? 0 : us),
	    memory_order_relaxed);
	if (status >= 100 && status < 600)
		atomic_fetch_add_explicit(&c->by_class[status / 100 - 1], 1,
		    memory_order_relaxed);
}

static void
labels(struct buf *b, const struct route *t, size_t slot)
{
	if (slot == 0)
		buf_puts(b, "method=\"\",route=\"(none)\"");
	else
		buf_printf(b, "method=\"%s\",route=\"%s\"", t[slot - 1].method,
		    t[slot - 1].pattern);
}

void
metrics_render(struct buf *b, const struct route *t, size_t nroutes)
{
	size_t s, k, n = nroutes < MAX_ROUTES ? nroutes : MAX_ROUTES;

	buf_puts(b, "# HELP rosc_http_requests_total HTTP requests answered, by route and status class.\n"
	    "# TYPE rosc_http_requests_total counter\n");
	for (s = 0; s <= n; s++) {
		for (k = 0; k < NCLASS; k++) {
			uint64_t v = atomic_load_explicit(&slots[s].by_class[k],
			    memory_order_relaxed);

			if (v == 0)
				continue;
			buf_puts(b, "rosc_http_requests_total{");
			labels(b, t, s);
			buf_printf(b, ",code=\"%zuxx\"} %llu\n", k + 1, (unsigned long long)v);
		}
	}
	buf_puts(b, "# HELP rosc_http_request_duration_seconds Time from request line to response queued.\n"
	    "# TYPE rosc_http_request_duration_seconds histogram\n");
	for (s = 0; s <= n; s++) {
		uint64_t cum = 0, total = 0;

		for (k = 0; k <= NB; k++)
			total += atomic_load_explicit(&slots[s].bucket[k], memory_order_relaxed);
		if (total == 0)
			continue;
		for (k = 0; k <= NB; k++) {
			cum += atomic_load_explicit(&slots[s].bucket[k], memory_order_relaxed);
			buf_puts(b, "rosc_http_request_duration_seconds_bucket{");
			labels(b, t, s);
			if (k < NB)
				buf_printf(b, ",le=\"%g\"} %llu\n", (double)bounds[k] / 1e6,
				    (unsigned long long)cum);
			else
				buf_printf(b, ",le=\"+Inf\"} %llu\n", (unsigned long long)cum);
		}
		buf_puts(b, "rosc_http_request_duration_seconds_sum{");
		labels(b, t, s);
		buf_printf(b, "} %.6f\n", (double)atomic_load_explicit(&slots[s].sum_us,
		    memory_order_relaxed) / 1e6);
		buf_puts(b, "rosc_http_request_duration_seconds_count{");
		labels(b, t, s);
		buf_printf(b, "} %llu\n", (unsigned long long)cum);
	}
}
