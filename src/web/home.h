#ifndef ROSC_WEB_HOME_H
#define ROSC_WEB_HOME_H

struct req;

/* GET / */
void web_home(struct req *r);

#endif
