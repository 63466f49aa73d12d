/* Prometheus metrics: request counts per route, the writer's figures.
 * Direct loopback peers only (R_LOCAL): operational detail, not public. */
#ifndef ROSC_API_METRICS_H
#define ROSC_API_METRICS_H

struct req;

/* GET /metrics */
void api_metrics(struct req *r);

#endif
