/* Messages between a person and their network (see messages.c). */
#ifndef ROSC_WEB_MESSAGES_H
#define ROSC_WEB_MESSAGES_H

struct buf;
struct req;

/* For the header, beside the person's "My page": how many messages they
 * have not read, as a small badge linking to them (nothing when none). */
void web_messages_nav(struct req *r, struct buf *b);

void web_my_messages(struct req *r);
void web_my_message_new(struct req *r);
void web_my_message_create(struct req *r);
void web_my_thread(struct req *r);
void web_my_thread_reply(struct req *r);
void web_messages(struct req *r);
void web_message_new(struct req *r);
void web_message_create(struct req *r);
void web_thread(struct req *r);
void web_thread_reply(struct req *r);

#endif
