/* The person a FHIR resource belongs to, by its id. */
#include "store/fhir.h"

#include "base/err.h"
#include "store/backend.h"
#include "store/rows.h"
#include "store/store.h"

/* The one-column, one-row answer of st for id, as text in the arena. */
static int
person_of(struct conn *c, struct stmt *st, struct arena *a, const char *id,
    const char *what, const char **person_id)
{
	int rc;

	bind_text(st, 1, id);
	if ((rc = step_row(c, st, what)) != 0)
		return rc;
	*person_id = col_text(a, st, 0);
	stmt_reset(st);
	return 0;
}

int
store_goal_person(struct store *s, struct arena *a, const char *id,
    const char **person_id)
{
	struct conn *c = store_reader(s);

	if (c == NULL)
		return ERR_DB;
	return person_of(c, STMT(c, "SELECT person_id FROM goal WHERE id = ?1"), a, id,
	    "goal person", person_id);
}

/* A network member's person (RelatedPerson). */
int
store_member_person(struct store *s, struct arena *a, const char *id,
    const char **person_id)
{
	struct conn *c = store_reader(s);

	if (c == NULL)
		return ERR_DB;
	return person_of(c, STMT(c, "SELECT person_id FROM network_member WHERE id = ?1"), a,
	    id, "member person", person_id);
}

/* A questionnaire response's person, and a check-in's (QuestionnaireResponse,
 * Observation). */
int
store_response_person(struct store *s, struct arena *a, const char *id,
    const char **person_id)
{
	struct conn *c = store_reader(s);

	if (c == NULL)
		return ERR_DB;
	return person_of(c, STMT(c, "SELECT person_id FROM questionnaire_response "
	    "WHERE id = ?1"), a, id, "response person", person_id);
}

int
store_checkin_person(struct store *s, struct arena *a, const char *id,
    const char **person_id)
{
	struct conn *c = store_reader(s);

	if (c == NULL)
		return ERR_DB;
	return person_of(c, STMT(c, "SELECT person_id FROM checkin WHERE id = ?1"), a, id,
	    "checkin person", person_id);
}

/* A message's person, by its id. */
int
store_message_person(struct store *s, struct arena *a, const char *id,
    const char **person_id)
{
	struct conn *c = store_reader(s);

	if (c == NULL)
		return ERR_DB;
	return person_of(c, STMT(c, "SELECT person_id FROM message WHERE id = ?1"), a, id,
	    "message person", person_id);
}
