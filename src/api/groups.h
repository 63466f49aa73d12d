/* Peer groups as JSON (see groups.c). */
#ifndef ROSC_API_GROUPS_H
#define ROSC_API_GROUPS_H

struct req;

void api_groups(struct req *r);        /* GET  /api/v1/groups */
void api_group(struct req *r);         /* GET  /api/v1/groups/{id} */
void api_group_join(struct req *r);    /* POST /api/v1/groups/{id}/join */
void api_group_leave(struct req *r);   /* POST /api/v1/groups/{id}/leave */

#endif
