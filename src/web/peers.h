/* Peer workers from the person's side: what matters to them in a peer,
 * the peers suggested, saying no to one, and choosing one (see peers.c);
 * and the coordinator's read of a person's suggestions. */
#ifndef ROSC_WEB_PEERS_H
#define ROSC_WEB_PEERS_H

#include <stddef.h>

struct buf;
struct form_errors;
struct req;

void web_my_peers(struct req *r);              /* GET  /me/peers */
void web_my_peers_save(struct req *r);         /* POST /me/peers */
void web_my_peer_choose(struct req *r);        /* POST /me/peers/{id}/choose */
void web_my_peer_exclude(struct req *r);       /* POST /me/peers/{id}/exclude */
void web_person_peers(struct req *r);          /* GET  /persons/{id}/peers */

/* Kinds of checkbox group the peer forms share. */
enum peer_checks { PC_LANGS, PC_SUBSTANCES, PC_DAYS, PC_TIMES };

/* A fieldset of checkboxes named PREFIX_VALUE (the group's field name for
 * errors is its prefix: "langs", "substances", "days", "times"), those in
 * the mask `on` ticked. hint may be NULL. */
void web_peer_checks(struct req *r, struct buf *b, enum peer_checks kind, const char *legend,
    const char *hint, unsigned on, const struct form_errors *e);
/* Reads such a group back as a mask; a value other than "1" is an
 * "invalid_choice" at the group. */
unsigned web_peer_read_checks(struct req *r, struct form_errors *e, enum peer_checks kind);


#endif
