/* Request counters and latency histograms per route, in Prometheus text
 * format. Lock-free: relaxed atomic counters, one set per route. */
#ifndef ROSC_METRICS_H
#define ROSC_METRICS_H

#include <stdint.h>

#include <stddef.h>

struct buf;
struct route;

/* Counts one request: route is an index into the server's route table or
 * -1 (no route). */
void metrics_observe(int route, unsigned status, int64_t us);

/* Writes every counter in the Prometheus text exposition format, each
 * route named after its row in t (n rows, the server's table). */
void metrics_render(struct buf *b, const struct route *t, size_t n);

#endif
