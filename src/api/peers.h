/* The peer workers suggested to a person, as JSON (see peers.c). */
#ifndef ROSC_API_PEERS_H
#define ROSC_API_PEERS_H

struct req;

void api_peer_matches(struct req *r);          /* GET /api/v1/peers/matches?person= */

#endif
