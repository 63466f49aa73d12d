/* Parts of pages kept between requests: what a page builds the same way
 * again and again (the caseload's cells, read and drawn for 40 persons on
 * every load). An entry is found by a key the page makes of everything
 * its part depends on (who asks, their language and zone, whom it shows
 * and what of them may be seen), and holds while the store's change
 * counters (store_change_counters()) and the UTC day are those it was
 * made at, and until its own end. Beside the HTML it keeps a few bytes
 * of the page's own (what to note in the access log again). */
#ifndef ROSC_BASE_FRAGCACHE_H
#define ROSC_BASE_FRAGCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

struct frag {
	const char *html, *aux;
	size_t len, auxlen;
};

/* The entry for key that holds, copied into the arena. */
bool fragcache_get(const char *key, int64_t pgen, int64_t agen, const char *today,
    int64_t now, struct arena *a, struct frag *out);
/* Keeps f under key until `until` (an instant). */
void fragcache_put(const char *key, int64_t pgen, int64_t agen, const char *today,
    int64_t until, const struct frag *f);

#endif
