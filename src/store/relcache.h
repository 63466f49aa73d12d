/* The policy door's facts about an actor's persons, kept by the process
 * between requests (store internal; see relcache.c).
 *
 * An entry belongs to (user, organisation, UTC day) and to the value of
 * the database's policy change counter when it was read (migration 0005:
 * every change to person, network_member, consent or emergency_access
 * counts it up in the same transaction). A reader that finds the counter
 * where the entry was read gets the entry; any other value, another day,
 * or a moment past the first emergency access to run out, and it reads
 * the database again. */
#ifndef ROSC_STORE_RELCACHE_H
#define ROSC_STORE_RELCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct relation;
struct relation_row;

struct relcache;

struct relcache *relcache_new(void);
void relcache_free(struct relcache *rc);

/* Every row of the entry, copied into the arena (sorted by person id, as
 * stored); false if there is no entry that holds. */
bool relcache_get(struct relcache *rc, struct arena *a, const char *user_id,
    const char *org_id, const char *today, int64_t gen, int64_t now,
    struct relation_row **out, size_t *n);

/* One person's facts: from the actor's entry if one holds (*hit tells
 * whether it does), else from a kept single answer (relcache_put_one);
 * false: ask the database. */
bool relcache_find(struct relcache *rc, const char *user_id, const char *org_id,
    const char *today, int64_t gen, int64_t now, const char *person_id,
    struct relation *out, bool *hit);

/* Keeps rows (sorted by person id) read at generation gen and time now;
 * they hold from now until valid_until (microseconds; INT64_MAX: the
 * day's end). Entries too big for the cache's budget are not kept. */
void relcache_put(struct relcache *rc, const char *user_id, const char *org_id,
    const char *today, int64_t gen, int64_t now, int64_t valid_until,
    const struct relation_row *rows, size_t n);

/* Keeps one person's facts, as relcache_put does a list. */
void relcache_put_one(struct relcache *rc, const char *user_id, const char *org_id,
    const char *today, int64_t gen, int64_t now, int64_t valid_until,
    const char *person_id, const struct relation *rel);

#endif
