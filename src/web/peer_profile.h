/* A peer worker's profile: their own to edit, their organisation's staff
 * to read (see peer_profile.c). */
#ifndef ROSC_WEB_PEER_PROFILE_H
#define ROSC_WEB_PEER_PROFILE_H

struct req;

void web_peer_profile(struct req *r);          /* GET  /peer-profile */
void web_peer_profile_save(struct req *r);     /* POST /peer-profile */

#endif
