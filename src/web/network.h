/* A person's care network: who is in it now and who was; adding, ending.
 * Signed in; read as basic details, changed by home-organisation staff on duty. */
#ifndef ROSC_WEB_NETWORK_H
#define ROSC_WEB_NETWORK_H

struct req;

void web_network(struct req *r);                 /* GET  /persons/{id}/network */
void web_network_add(struct req *r);             /* POST /persons/{id}/network */
void web_network_end(struct req *r);             /* POST /persons/{id}/network/{member}/end */

#endif
