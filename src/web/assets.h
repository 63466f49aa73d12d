/* Static assets compiled into the binary (static/): CSS, icons, robots.txt.
 * Served to anyone; layout.c asks here for the versioned asset URLs. */
#ifndef ROSC_ASSETS_H
#define ROSC_ASSETS_H

#include "base/embedded.h"

struct req;

/* The asset named name, or NULL. */
const struct embedded *asset_find(const char *name);

/* GET /static/{file} and GET /robots.txt */
void web_static(struct req *r);
void web_robots(struct req *r);

#endif
