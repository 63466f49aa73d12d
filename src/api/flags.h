/* Early-warning flags as JSON (see flags.c). */
#ifndef ROSC_API_FLAGS_H
#define ROSC_API_FLAGS_H

struct req;

void api_my_flags(struct req *r);
void api_person_flags(struct req *r);
void api_flag_resolve(struct req *r);

#endif
