#ifndef ROSC_API_METRICS_H
#define ROSC_API_METRICS_H

struct req;

/* GET /metrics */
void api_metrics(struct req *r);

#endif
