/* Storage for the access log: who read or changed a person's data, for
 * which organisation and why. Reads allocate in the arena; store_tx_*
 * run in a write. Returns 0, ERR_NOT_FOUND, ERR_CONFLICT or ERR_DB. */
#ifndef ROSC_STORE_ACCESS_LOG_H
#define ROSC_STORE_ACCESS_LOG_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct grant;
struct store;
struct store_tx;

/* The access log grouped for the person: who (and for which organisation)
 * did what, why, how often and when last, since `since`. */
struct access_summary {
	const char *actor_id, *actor_name, *org_name, *what, *action, *why;
	int64_t count, last_us;
};
int store_access_summary(struct store *s, struct arena *a, const struct grant *g,
    int64_t since, struct access_summary **out, size_t *n);
/* Raw entries, newest first, before (at_us) for paging. */
struct access_entry {
	int64_t at_us;
	const char *actor_id, *actor_name, *org_name, *what, *action, *why;
	const char *id, *org_id;
};
int store_access_list(struct store *s, struct arena *a, const struct grant *g,
    int64_t before, size_t limit, struct access_entry **out, size_t *n);

/* Writes */
/* One access-log entry; a list entry only once per person, actor, list and day. */
int store_tx_access_append(struct store_tx *tx, const char *person_id, int64_t at_us,
    const char *actor_id, const char *org_id, const char *what, const char *action,
    const char *why);

#endif
