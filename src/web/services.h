/* The public service directory: find a service, read about one.
 * Anyone, signed in or not. */
#ifndef ROSC_WEB_SERVICES_H
#define ROSC_WEB_SERVICES_H

#include <stdint.h>

struct buf;
struct req;
struct service;

void web_services(struct req *r);                /* GET /services */
void web_service(struct req *r);                 /* GET /services/{id} */

/* "3 of 12 places free · updated 2 hours ago" (the time also as <time>),
 * or nothing when the service does not count its places. For the
 * directory's pages (here and admin_services.c). */
void services_capacity(struct req *r, struct buf *b, const struct service *sv);

#endif
