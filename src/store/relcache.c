/* The policy facts cache (relcache.h). A fixed table of entries, one per
 * (user, organisation) hash slot, behind one mutex: a request holds it
 * only to compare keys and copy rows out. Memory is bounded by a byte
 * budget; an entry that would pass it is simply not kept. */
#include "store/relcache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"
#include "store/relations.h"

#define SLOTS 64
#define BUDGET (8u << 20)       /* bytes of rows over all entries */
#define ID_MAX 32               /* person ids are 32 hex digits */
#define KEY_MAX 64

struct entry {
	bool used;
	char user[KEY_MAX + 1], org[KEY_MAX + 1], today[16];
	bool has_org;
	int64_t gen, valid_from, valid_until;
	size_t n, bytes;
	char (*ids)[ID_MAX + 1];
	struct relation *rels;
};

/* One person's facts, for pages about a single person (a plan, a note)
 * whose viewer's whole list is not in the cache. */
#define SINGLES 256
struct single {
	bool used;
	char user[KEY_MAX + 1], org[KEY_MAX + 1], person[ID_MAX + 1], today[16];
	bool has_org;
	int64_t gen, valid_from, valid_until;
	struct relation rel;
};

struct relcache {
	pthread_mutex_t lock;
	size_t bytes;
	struct entry e[SLOTS];
	struct single one[SINGLES];
};

struct relcache *
relcache_new(void)
{
	struct relcache *rc = calloc(1, sizeof(*rc));

	if (rc == NULL)
		die("out of memory");
	pthread_mutex_init(&rc->lock, NULL);
	return rc;
}

static void
drop(struct relcache *rc, struct entry *e)
{
	if (!e->used)
		return;
	rc->bytes -= e->bytes;
	free(e->ids);
	free(e->rels);
	memset(e, 0, sizeof(*e));
}

void
relcache_free(struct relcache *rc)
{
	size_t i;

	if (rc == NULL)
		return;
	for (i = 0; i < SLOTS; i++)
		drop(rc, &rc->e[i]);
	pthread_mutex_destroy(&rc->lock);
	free(rc);
}

static size_t
slot(const char *user_id, const char *org_id)
{
	return (size_t)(hash_mix(hash_mix(HASH_SEED, user_id), org_id) % SLOTS);
}

static struct single *
single_slot(struct relcache *rc, const char *user_id, const char *org_id,
    const char *person_id)
{
	uint64_t h = hash_mix(hash_mix(hash_mix(HASH_SEED, user_id), org_id), person_id);

	return &rc->one[h % SINGLES];
}

/* The entry for the key if it holds at (gen, now); NULL if none does.
 * Called with the lock held. */
static struct entry *
lookup(struct relcache *rc, const char *user_id, const char *org_id, const char *today,
    int64_t gen, int64_t now)
{
	struct entry *e = &rc->e[slot(user_id, org_id)];

	if (!e->used || e->gen != gen || now < e->valid_from || now >= e->valid_until ||
	    strcmp(e->user, user_id) != 0 || e->has_org != (org_id != NULL) ||
	    (org_id != NULL && strcmp(e->org, org_id) != 0) || strcmp(e->today, today) != 0)
		return NULL;
	return e;
}

bool
relcache_get(struct relcache *rc, struct arena *a, const char *user_id,
    const char *org_id, const char *today, int64_t gen, int64_t now,
    struct relation_row **out, size_t *n)
{
	struct entry *e;
	struct relation_row *rows;
	char (*ids)[ID_MAX + 1];
	size_t i;

	pthread_mutex_lock(&rc->lock);
	if ((e = lookup(rc, user_id, org_id, today, gen, now)) == NULL) {
		pthread_mutex_unlock(&rc->lock);
		return false;
	}
	rows = arena_alloc(a, (e->n ? e->n : 1) * sizeof(*rows));
	ids = arena_alloc(a, (e->n ? e->n : 1) * sizeof(*ids));
	memcpy(ids, e->ids, e->n * sizeof(*ids));
	for (i = 0; i < e->n; i++) {
		rows[i].person_id = ids[i];
		rows[i].rel = e->rels[i];
	}
	*out = rows;
	*n = e->n;
	pthread_mutex_unlock(&rc->lock);
	return true;
}

static int
cmp_id(const void *k, const void *x)
{
	return strcmp((const char *)k, (const char *)x);
}

bool
relcache_find(struct relcache *rc, const char *user_id, const char *org_id,
    const char *today, int64_t gen, int64_t now, const char *person_id,
    struct relation *out, bool *hit)
{
	struct entry *e;
	char (*found)[ID_MAX + 1] = NULL;

	struct single *o;
	bool ok;

	pthread_mutex_lock(&rc->lock);
	e = lookup(rc, user_id, org_id, today, gen, now);
	*hit = e != NULL;
	if (e != NULL && e->n > 0)
		found = bsearch(person_id, e->ids, e->n, sizeof(*e->ids), cmp_id);
	if (found != NULL) {
		*out = e->rels[found - e->ids];
		pthread_mutex_unlock(&rc->lock);
		return true;
	}
	o = single_slot(rc, user_id, org_id, person_id);
	ok = o->used && o->gen == gen && now >= o->valid_from && now < o->valid_until &&
	    strcmp(o->user, user_id) == 0 && o->has_org == (org_id != NULL) &&
	    (org_id == NULL || strcmp(o->org, org_id) == 0) &&
	    strcmp(o->person, person_id) == 0 && strcmp(o->today, today) == 0;
	if (ok)
		*out = o->rel;
	pthread_mutex_unlock(&rc->lock);
	return ok;
}

void
relcache_put_one(struct relcache *rc, const char *user_id, const char *org_id,
    const char *today, int64_t gen, int64_t now, int64_t valid_until,
    const char *person_id, const struct relation *rel)
{
	struct single *o;

	if (strlen(user_id) > KEY_MAX || (org_id != NULL && strlen(org_id) > KEY_MAX) ||
	    strlen(person_id) > ID_MAX || strlen(today) >= sizeof(o->today))
		return;
	pthread_mutex_lock(&rc->lock);
	o = single_slot(rc, user_id, org_id, person_id);
	if (!(o->used && o->gen > gen)) {
		memset(o, 0, sizeof(*o));
		o->used = true;
		strcpy(o->user, user_id);
		o->has_org = org_id != NULL;
		strcpy(o->org, org_id != NULL ? org_id : "");
		strcpy(o->person, person_id);
		strcpy(o->today, today);
		o->gen = gen;
		o->valid_from = now;
		o->valid_until = valid_until;
		o->rel = *rel;
	}
	pthread_mutex_unlock(&rc->lock);
}

void
relcache_put(struct relcache *rc, const char *user_id, const char *org_id,
    const char *today, int64_t gen, int64_t now, int64_t valid_until,
    const struct relation_row *rows, size_t n)
{
	struct entry *e, fresh = {0};
	size_t i, bytes = n * (sizeof(*fresh.ids) + sizeof(*fresh.rels));

	if (strlen(user_id) > KEY_MAX || (org_id != NULL && strlen(org_id) > KEY_MAX) ||
	    strlen(today) >= sizeof(fresh.today) || bytes > BUDGET / 4)
		return;
	for (i = 0; i < n; i++)
		if (strlen(rows[i].person_id) > ID_MAX)
			return;
	/* Outside the lock: the copies. */
	fresh.ids = malloc(n ? n * sizeof(*fresh.ids) : 1);
	fresh.rels = malloc(n ? n * sizeof(*fresh.rels) : 1);
	if (fresh.ids == NULL || fresh.rels == NULL) {
		free(fresh.ids);
		free(fresh.rels);
		return;
	}
	for (i = 0; i < n; i++) {
		strcpy(fresh.ids[i], rows[i].person_id);
		fresh.rels[i] = rows[i].rel;
	}
	fresh.used = true;
	strcpy(fresh.user, user_id);
	fresh.has_org = org_id != NULL;
	strcpy(fresh.org, org_id != NULL ? org_id : "");
	strcpy(fresh.today, today);
	fresh.gen = gen;
	fresh.valid_from = now;          /* a clock set back reads again */
	fresh.valid_until = valid_until;
	fresh.n = n;
	fresh.bytes = bytes;

	pthread_mutex_lock(&rc->lock);
	e = &rc->e[slot(user_id, org_id)];
	/* A newer entry (another request read later) stays. */
	if (e->used && e->gen > gen) {
		pthread_mutex_unlock(&rc->lock);
		free(fresh.ids);
		free(fresh.rels);
		return;
	}
	drop(rc, e);
	if (rc->bytes + bytes > BUDGET) {
		pthread_mutex_unlock(&rc->lock);
		free(fresh.ids);
		free(fresh.rels);
		return;
	}
	*e = fresh;
	rc->bytes += bytes;
	pthread_mutex_unlock(&rc->lock);
}
