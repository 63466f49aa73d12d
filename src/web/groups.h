/* Peer groups' pages (see groups.c for the routes and who may use them). */
#ifndef ROSC_WEB_GROUPS_H
#define ROSC_WEB_GROUPS_H

struct buf;
struct grant;
struct req;

void web_groups(struct req *r);             /* GET  /groups */
void web_group_new(struct req *r);          /* GET  /groups/new */
void web_group_create(struct req *r);       /* POST /groups/new */
void web_group(struct req *r);              /* GET  /groups/{id} */
void web_group_edit(struct req *r);         /* GET  /groups/{id}/edit */
void web_group_update(struct req *r);       /* POST /groups/{id}/edit */
void web_group_join(struct req *r);         /* POST /groups/{id}/join */
void web_group_leave(struct req *r);        /* POST /groups/{id}/leave */
void web_group_attendance(struct req *r);   /* POST /groups/{id}/attendance */
void web_group_note(struct req *r);         /* POST /groups/{id}/notes */
void web_person_groups(struct req *r);      /* GET  /persons/{id}/groups */

/* The person's own groups, for their page (/me): g is their own grant. */
void web_groups_me_section(struct req *r, struct buf *b, const struct grant *g);

#endif
