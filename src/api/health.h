/* Liveness for load balancers and monitoring: reader and writer answer.
 * Anyone; it says nothing about anybody's data. */
#ifndef ROSC_API_HEALTH_H
#define ROSC_API_HEALTH_H

struct req;

/* GET /healthz */
void api_health(struct req *r);

#endif
