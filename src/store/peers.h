/* Storage for peer workers: their profiles (their own words, not a
 * person's data: no grant), what a person asks of a peer and the peers
 * they excluded (the person's, in the "plan" category, the substance only
 * with "substance"), and coaching notes (the "notes" category). Reads
 * allocate in the arena; store_tx_* run in a write. Returns 0,
 * ERR_NOT_FOUND, ERR_INVALID (a grant that does not cover it) or ERR_DB. */
#ifndef ROSC_STORE_PEERS_H
#define ROSC_STORE_PEERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/peer.h"

struct arena;
struct grant;
struct store;
struct store_tx;

/* The profile user_id keeps for org_id (whatever their role now). */
int store_peer_profile_of(struct store *s, struct arena *a, const char *user_id,
    const char *org_id, struct peer_profile *out);
/* A profile by id, only while its author is a peer worker of a running
 * organisation and their account is enabled. */
int store_peer_profile_get(struct store *s, struct arena *a, const char *id,
    struct peer_profile *out);
/* An organisation's peer workers' profiles, by name. */
int store_peer_profiles_org(struct store *s, struct arena *a, const char *org_id,
    struct peer_profile **out, size_t *n);
/* Every profile taking new people (the candidates for matching). */
int store_peer_profiles_open(struct store *s, struct arena *a, struct peer_profile **out,
    size_t *n);
/* Saves the profile of p->user_id for p->org_id (new with p->id, or
 * changed in place). */
int store_tx_peer_profile_save(struct store_tx *tx, const struct peer_profile *p, int64_t now);

/* The person's preferences (out->set false: none saved yet). Needs a
 * grant covering the plan; the substance comes only with one covering
 * substance-use details (else out->substance is -1). */
int store_peer_pref(struct store *s, struct arena *a, const struct grant *g,
    struct peer_pref *out);
/* Writes need a write grant covering the plan and substance-use details:
 * the person's own. */
int store_tx_peer_pref_set(struct store_tx *tx, const struct grant *g,
    const struct peer_pref *p, int64_t now);
/* The profile ids the person excluded. */
int store_peer_exclusions(struct store *s, struct arena *a, const struct grant *g,
    const char ***out, size_t *n);
int store_tx_peer_exclude(struct store_tx *tx, const struct grant *g, const char *person_id,
    const char *profile_id, int64_t now);

/* The actor's current place as a peer worker (for org_id) in person_id's
 * network: its id in *member_id, or ERR_NOT_FOUND. A fact the door
 * decides on: only src/access/ asks. */
int store_peer_member(struct store *s, struct arena *a, const char *person_id,
    const char *user_id, const char *org_id, const char *today, const char **member_id);

/* The person's coaching notes, newest session first: a grant covering
 * notes. */
int store_coaching_notes(struct store *s, struct arena *a, const struct grant *g,
    struct coaching_note **out, size_t *n);
/* Adds one, written through the network place member_id. */
int store_tx_coaching_add(struct store_tx *tx, const struct grant *g, const char *member_id,
    const struct coaching_note *x);

#endif
