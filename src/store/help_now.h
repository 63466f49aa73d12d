/* Storage for Help now (0020_help_now.sql): the network members the person
 * chose to tell, each press with its messages in one write, the presses
 * the person and their staff see, and acknowledging one. Returns 0,
 * ERR_NOT_FOUND, ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_HELP_NOW_H
#define ROSC_STORE_HELP_NOW_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct grant;
struct list_grant;
struct outbox_new;
struct store;
struct store_tx;

/* One press. acknowledged_by and its name NULL until someone saw it. */
struct hn_press {
	const char *person_id, *id;
	int64_t at_us;
	int notified;
	const char *acknowledged_by, *acknowledged_name;
	int64_t acknowledged_us;
};

/* The ids of the members the person chose (*n of them, in a). Needs a
 * grant that covers basic details. */
int store_help_now_choice(struct store *s, struct arena *a, const struct grant *g,
    const char ***ids, size_t *n);
/* The person's own choice, replacing the one before: only ids of members
 * in their network (others are refused with ERR_INVALID, nothing
 * written). */
int store_tx_help_now_choice_set(struct store_tx *tx, const struct grant *g,
    const char *const *ids, size_t n, int64_t now);

/* Records the person's press id at now, and queues the n messages m (each
 * about "help_now:ID") in the same write, so a press exists exactly with
 * its messages. The person's own write. */
int store_tx_help_now_press(struct store_tx *tx, const struct grant *g, const char *id,
    int64_t now, const struct outbox_new *m, size_t n);

/* The person's presses since since_us, newest first, at most limit. */
int store_help_now_presses(struct store *s, struct arena *a, const struct grant *g,
    int64_t since_us, int limit, struct hn_press **out, size_t *n);

/* The presses nobody has acknowledged yet, of the persons in whose network
 * the list grant's user is for its organisation (today: current members),
 * newest first, at most 100: ids and times only; each person shown then
 * passes the door. One statement, from the user's own network rows by
 * index and each person's open presses by the partial index, so the cost
 * is that of one caseload however large the database. */
int store_help_now_open(struct store *s, struct arena *a, const struct list_grant *l,
    const char *today, struct hn_press **out, size_t *n);

/* Notes that user_id saw press id of the grant's person at now. 0 when
 * noted, and when someone had already (the first one stays); ERR_NOT_FOUND
 * if the person has no such press. */
int store_tx_help_now_ack(struct store_tx *tx, const struct grant *g, const char *id,
    const char *user_id, int64_t now);

#endif
