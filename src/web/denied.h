/* The "not shared with you" page: a refusal by the door (403) to someone
 * in the person's network. Any signed-in actor the door refuses. */
#ifndef ROSC_WEB_DENIED_H
#define ROSC_WEB_DENIED_H

#include <stdbool.h>

#include "core/person.h"

struct req;

void web_not_shared(struct req *r, enum category cat, bool offer_emergency);

#endif
