/* Storage for the suggestions a person dismissed (0026_peer_groups.sql):
 * the person's own data (CAT_PLAN: suggestions start from their plan),
 * read with a grant that covers it, written only with their own grant.
 * Returns 0, ERR_INVALID or ERR_DB. */
#ifndef ROSC_STORE_SUGGESTIONS_H
#define ROSC_STORE_SUGGESTIONS_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct grant;
struct store;
struct store_tx;

struct suggestion_dismissed {
	const char *person_id, *source, *item_id;
	int64_t dismissed_us;
};

/* Every suggestion the person dismissed, newest first (at most 1000). */
int store_suggestions_dismissed(struct store *s, struct arena *a, const struct grant *g,
    struct suggestion_dismissed **out, size_t *n);
/* The person dismisses one (again is once). */
int store_tx_suggestion_dismiss(struct store_tx *tx, const struct grant *g,
    const char *source, const char *item_id, int64_t now);

#endif
