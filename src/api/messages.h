/* A person's messages as JSON (see messages.c). */
#ifndef ROSC_API_MESSAGES_H
#define ROSC_API_MESSAGES_H

struct req;

void api_messages(struct req *r);
void api_message_send(struct req *r);

#endif
