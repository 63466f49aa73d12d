/* Appointments written through FHIR (src/fhir/appointment.c). */
#ifndef ROSC_FHIR_APPOINTMENT_H
#define ROSC_FHIR_APPOINTMENT_H

struct req;

/*   POST /fhir/R4/Appointment        signed in: whoever may write the
 *        person's appointments */
void fhir_appointment_create(struct req *r);
/*   PUT  /fhir/R4/Appointment/{id}   the same, with If-Match */
void fhir_appointment_update(struct req *r);

#endif
