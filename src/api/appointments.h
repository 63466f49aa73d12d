#ifndef ROSC_API_APPOINTMENTS_H
#define ROSC_API_APPOINTMENTS_H

struct req;

void api_appointments(struct req *r);
void api_appointment_create(struct req *r);
void api_appointment_status(struct req *r);

#endif
