/* Calendar feeds (0012_calendar_feeds.sql): found by the hash of their
 * token, listed for their owner, made and revoked. And which appointments
 * a staff member's feed holds (their ids only: each person's pass the
 * door). Returns 0, ERR_NOT_FOUND or ERR_DB. */
#ifndef ROSC_STORE_CALENDAR_H
#define ROSC_STORE_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct list_grant;
struct store;
struct store_tx;

struct calendar_feed {
	const char *id, *user_id, *org_id, *token_hash;
	bool full;                /* detail 'full', else 'minimal' */
	int64_t created_us, last_used_us, revoked_us;
};

int store_calendar_feed_by_hash(struct store *s, struct arena *a, const char *token_hash,
    struct calendar_feed *out);
/* The user's feeds, newest first. */
int store_calendar_feeds_of_user(struct store *s, struct arena *a, const char *user_id,
    struct calendar_feed **out, size_t *n);
int store_tx_calendar_feed_insert(struct store_tx *tx, const struct calendar_feed *f);
/* Revokes the feed if it is the user's and not revoked yet; else
 * ERR_NOT_FOUND. */
int store_tx_calendar_feed_revoke(struct store_tx *tx, const char *id, const char *user_id,
    int64_t now);
int store_tx_calendar_feed_touch(struct store_tx *tx, const char *id, int64_t now);

/* The appointments the list's user made, or that are with them as a
 * member of the person's network, starting from from_us until until_us,
 * earliest first; at most 500. */
struct appt_ref {
	const char *person_id, *id;
};
int store_appointment_refs_of_user(struct store *s, struct arena *a,
    const struct list_grant *l, int64_t from_us, int64_t until_us, struct appt_ref **out,
    size_t *n);

#endif
