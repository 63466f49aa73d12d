/* Request counters and latency histograms per route, in Prometheus text
 * format. Lock-free: relaxed atomic counters, one set per route. */
#ifndef ROSC_METRICS_H
#define ROSC_METRICS_H

#include <stdint.h>

struct buf;

/* Counts one request: route is an index into routes[] or -1 (no route). */
void metrics_observe(int route, unsigned status, int64_t us);

/* Writes every counter in the Prometheus text exposition format. */
void metrics_render(struct buf *b);

#endif
