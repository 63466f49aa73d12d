/* Parts of pages between requests (see fragcache.h): one entry per hash
 * slot of the key, behind one mutex held only to copy an entry in or out.
 * The table lives as long as the process (entries are replaced, never
 * all freed: they stay reachable). */
#include "base/fragcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"

#define SLOTS 128
#define FRAG_MAX (512 * 1024)

struct entry {
	char *key, *html, *aux;
	size_t len, auxlen;
	char today[11];
	int64_t pgen, agen, until;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct entry table[SLOTS];

bool
fragcache_get(const char *key, int64_t pgen, int64_t agen, const char *today,
    int64_t now, struct arena *a, struct frag *out)
{
	struct entry *e = &table[hash_mix(HASH_SEED, key) % SLOTS];
	bool hit;

	pthread_mutex_lock(&lock);
	hit = e->key != NULL && strcmp(e->key, key) == 0 && strcmp(e->today, today) == 0 &&
	    e->pgen == pgen && e->agen == agen && now < e->until;
	if (hit) {
		out->html = arena_strndup(a, e->html, e->len);
		out->len = e->len;
		out->aux = arena_strndup(a, e->aux, e->auxlen);
		out->auxlen = e->auxlen;
	}
	pthread_mutex_unlock(&lock);
	return hit;
}

void
fragcache_put(const char *key, int64_t pgen, int64_t agen, const char *today,
    int64_t until, const struct frag *f)
{
	struct entry x = {0}, *e;

	if (f->len > FRAG_MAX || f->auxlen > FRAG_MAX || strlen(today) >= sizeof(x.today))
		return;
	x.key = strdup(key);
	x.html = malloc(f->len + 1);
	x.aux = malloc(f->auxlen + 1);
	if (x.key == NULL || x.html == NULL || x.aux == NULL) {
		free(x.key);
		free(x.html);
		free(x.aux);
		return;
	}
	memcpy(x.html, f->html, f->len);
	x.html[f->len] = '\0';
	memcpy(x.aux, f->aux, f->auxlen);
	x.aux[f->auxlen] = '\0';
	x.len = f->len;
	x.auxlen = f->auxlen;
	strcpy(x.today, today);
	x.pgen = pgen;
	x.agen = agen;
	x.until = until;
	pthread_mutex_lock(&lock);
	e = &table[hash_mix(HASH_SEED, key) % SLOTS];
	free(e->key);
	free(e->html);
	free(e->aux);
	*e = x;
	pthread_mutex_unlock(&lock);
}
