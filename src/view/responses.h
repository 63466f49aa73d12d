/* Answering a questionnaire, the same for the page and the JSON API: the
 * version to answer, read; the response its answers make, scored by that
 * version's rule; and the write, one transaction for the response, its
 * answers and the audit entry. */
#ifndef ROSC_VIEW_RESPONSES_H
#define ROSC_VIEW_RESPONSES_H

#include <stddef.h>
#include <stdint.h>

#include "core/q_response.h"
#include "store/questionnaires.h"

struct arena;
struct audit_entry;
struct grant;
struct store;
struct store_tx;

/* A questionnaire version, its row and its definition read (in a). */
struct q_version {
	struct questionnaire_row row;
	struct q_definition d;
};

/* The version with that id, or the newest of code (id NULL). 0,
 * ERR_NOT_FOUND, ERR_DB (also for a stored body that does not read). */
int view_q_version(struct store *s, struct arena *a, const char *id, const char *code,
    struct q_version *out);

/* The name of v in language l, and whether it is given in l (false: the
 * instrument has no official version in l and is shown in English). */
const char *view_q_name(const struct q_version *v, enum lang l, bool *official);

/* The response n answers xs (checked with qr_check(): no problems) to v
 * make for person_id, given now (the day in zone), by user by, entered
 * as src: a new id, scored by v's rule. Strings borrowed or in a. */
void view_response_new(struct arena *a, const struct q_version *v, const char *person_id,
    const char *zone, enum qr_source src, const char *by, struct q_answer *xs, size_t n,
    int64_t now, struct q_response *out);

/* One response to write: the door's grant to write the person's
 * questionnaires, the response with its answers, the audit entry. */
struct qr_write {
	const struct grant *g;
	struct q_response x;
	struct audit_entry *audit;
};
/* A store_write_fn (req_defer_write()) for a struct qr_write: the
 * response, its answers and the audit entry, all or nothing. */
int view_tx_response_write(struct store_tx *tx, void *arg);

#endif
