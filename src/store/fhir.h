/* What the FHIR API needs of the store beyond each area's readers: the
 * person a resource belongs to, found by its id (the door then decides
 * on that person), each through an index on the id alone (migration
 * 0027). Returns 0, ERR_NOT_FOUND or ERR_DB. */
#ifndef ROSC_STORE_FHIR_H
#define ROSC_STORE_FHIR_H

struct arena;
struct store;

int store_goal_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);
/* A network member (RelatedPerson). */
int store_member_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);
/* A questionnaire response's person, and a check-in's. */
int store_response_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);
int store_checkin_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);
/* A message (Communication). */
int store_message_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);

#endif
