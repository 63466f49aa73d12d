#ifndef ROSC_API_HEALTH_H
#define ROSC_API_HEALTH_H

struct req;

/* GET /healthz */
void api_health(struct req *r);

#endif
