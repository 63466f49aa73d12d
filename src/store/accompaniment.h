/* Storage for requests for company to an appointment
 * (0014_accompaniment.sql). The person and their team read and write them
 * with a grant that covers appointments; a volunteer reads and writes
 * them only with a volunteer's grant (grant_job()), which shows a request
 * sent to their organisation as acc_job, with its details only to the
 * volunteer who accepted it. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT (the
 * version no longer holds, or a live request exists), ERR_INVALID (no
 * fitting grant) or ERR_DB. */
#ifndef ROSC_STORE_ACCOMPANIMENT_H
#define ROSC_STORE_ACCOMPANIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/accompaniment.h"

struct arena;
struct grant;
struct list_grant;
struct store;
struct store_tx;

/* The person and their team. */

/* The requests for one appointment (NULL: all the person's), newest
 * first. */
int store_accompaniments(struct store *s, struct arena *a, const struct grant *g,
    const char *appointment_id, struct accompaniment **out, size_t *n);
/* A new open request for an open appointment of the person that starts
 * after now (ERR_NOT_FOUND if there is none such), unless one is live
 * for it already (ERR_CONFLICT). */
int store_tx_accompaniment_insert(struct store_tx *tx, const struct grant *g,
    const struct accompaniment *x, int64_t now);
/* Withdraws a live request as read (old->version must still hold). */
int store_tx_accompaniment_withdraw(struct store_tx *tx, const struct grant *g,
    const struct accompaniment *old, const char *by_user, int64_t now);

/* A volunteer. */

struct acc_ref {
	const char *person_id, *id;
};
/* The list's volunteer's own accepted or reported requests whose
 * appointment ends after since_us, and the open requests to their
 * organisation (the list grant's) for appointments still open that start
 * after now_us; earliest first, at most 200. Ids only: each person passes
 * door_job(). mine_only: only their own. */
int store_job_refs(struct store *s, struct arena *a, const struct list_grant *l,
    int64_t since_us, int64_t now_us, bool mine_only, struct acc_ref **out, size_t *n);
/* Whose request id is: 0 with *person_id, or ERR_NOT_FOUND. */
int store_job_person(struct store *s, struct arena *a, const char *id,
    const char **person_id);
/* One request as the grant's volunteer may see it; ERR_NOT_FOUND for
 * any other. */
int store_job_get(struct store *s, struct arena *a, const struct grant *g, const char *id,
    struct acc_job *out);
/* Accepts an open request to the volunteer's organisation; releases one
 * the volunteer accepted (it is open again); reports how it went. Each
 * holds only while version does (else ERR_CONFLICT). */
int store_tx_job_accept(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t version, int64_t now);
int store_tx_job_release(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t version, int64_t now);
int store_tx_job_report(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t version, enum acc_outcome outcome, const char *note, int64_t now);

#endif
