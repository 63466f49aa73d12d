/* A person's appointments: the pages, and the parts other pages show. */
#ifndef ROSC_WEB_APPOINTMENTS_H
#define ROSC_WEB_APPOINTMENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct appointment;
struct buf;
struct grant;
struct req;

void web_appointments(struct req *r);
void web_appointment_new(struct req *r);
void web_appointment_create(struct req *r);
void web_appointment(struct req *r);
void web_appointment_edit(struct req *r);
void web_appointment_update(struct req *r);
void web_appointment_status(struct req *r);

/* When an appointment starting at starts_us, made in made_zone, is, in
 * zone, with its own local time when that differs: an arena string. */
const char *web_appointment_when(struct req *r, int64_t starts_us, const char *made_zone,
    const char *zone);

/* Appointments as cards; with the requests for company cs (NULL: none
 * shown), the first name of whoever said yes to come along. */
struct accompaniment;
void web_appointment_items(struct req *r, struct buf *b, const struct appointment *xs,
    size_t n, const char *zone, const struct accompaniment *cs, size_t ncs);
/* The person's next appointment, first on their home page, with one tap
 * to confirm. g: the person's own grant. */
int web_appointments_next(struct req *r, struct buf *b, const struct grant *g,
    const char *zone);
/* The appointment flags of the actor's caseload (the persons they
 * coordinate, or whose appointments or requests for company they made): a
 * missed appointment in the last two weeks not followed by a new one, and
 * a request for company nobody took less than 48 hours before, kept between
 * requests while the change counters pgen and agen stay. Each
 * person through the door for appointments, as in a list. 0 or an error.
 * web_appointment_flag(): the row of person_id, or NULL. */
struct appt_flag_row;
int web_appointment_flags(struct req *r, int64_t pgen, int64_t agen,
    struct appt_flag_row **out, size_t *n);
const struct appt_flag_row *web_appointment_flag(const struct appt_flag_row *rows, size_t n,
    const char *person_id);

#endif
