/* The peer workers suggested to a person, alike for the person's page,
 * the team's read and the API: the person's preferences and exclusions
 * (through the grant: the plan, the substance only with substance-use
 * details), the profiles taking new people, less those already in the
 * person's network as peer workers, matched by core/peer.c; and the one
 * line on why each fits, in the reader's language. */
#ifndef ROSC_VIEW_PEERS_H
#define ROSC_VIEW_PEERS_H

#include <stddef.h>

#include "core/peer.h"
#include "core/person.h"

struct arena;
struct grant;
struct store;

#define VIEW_PEERS_MAX 10

struct view_peers {
	struct peer_pref pref;
	struct peer_profile *ps;           /* the candidates */
	size_t nps;
	const char **ex;                   /* profile ids the person excluded */
	size_t nex;
	struct network_member *net;        /* the person's network */
	size_t nnet;
	struct peer_fit fit[VIEW_PEERS_MAX];   /* the suggestions, best first */
	size_t nfit;
};

/* Loads and matches, for a grant covering the plan; today "YYYY-MM-DD".
 * 0 or the store's error. */
int view_peers(struct store *s, struct arena *a, const struct grant *g, const char *today,
    struct view_peers *out);

/* Whether network member m is a current one (as of today). */
bool view_peers_current(const struct network_member *m, const char *today);

/* "Speaks Dansk · meets in København · free on Monday.": why a peer fits. */
const char *view_peer_why(struct arena *a, const struct peer_pref *pref,
    const struct peer_profile *p, const struct peer_fit *fit);

#endif
