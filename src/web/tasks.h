/* My tasks: the steps of people's plans that are the actor's to do.
 * Signed in; each person shown passes the door as a list read of their plan. */
#ifndef ROSC_WEB_TASKS_H
#define ROSC_WEB_TASKS_H

struct req;

void web_tasks(struct req *r);                   /* GET  /me/tasks */

#endif
