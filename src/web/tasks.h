#ifndef ROSC_WEB_TASKS_H
#define ROSC_WEB_TASKS_H

struct req;

void web_tasks(struct req *r);                   /* GET  /me/tasks */

#endif
