/* The caseload's appointment flags between requests (see flagcache.h):
 * one entry per (user, organisation) hash slot, behind one mutex held
 * only to copy an entry in or out. */
#include "store/flagcache.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/hash.h"
#include "base/id.h"
#include "store/appointments.h"

#define SLOTS 64
#define ROWS_MAX 500

/* A row as read, its person's id kept here (row.person_id is NULL). */
struct flag {
	char person_id[ID_LEN + 1];
	struct appt_flag_row row;
};

struct entry {
	char key[2 * ID_LEN + 2];      /* user, organisation */
	char today[11];
	int64_t pgen, agen, until;
	struct flag *rows;
	size_t n;
	bool used;
};

struct flagcache {
	pthread_mutex_t lock;
	struct entry e[SLOTS];
};

struct flagcache *
flagcache_new(void)
{
	struct flagcache *fc = calloc(1, sizeof(*fc));

	if (fc != NULL)
		pthread_mutex_init(&fc->lock, NULL);
	return fc;
}

void
flagcache_free(struct flagcache *fc)
{
	size_t i;

	if (fc == NULL)
		return;
	for (i = 0; i < SLOTS; i++)
		free(fc->e[i].rows);
	pthread_mutex_destroy(&fc->lock);
	free(fc);
}

static void
key_of(const char *user_id, const char *org_id, char *key, size_t size)
{
	snprintf(key, size, "%s/%s", user_id, org_id != NULL ? org_id : "");
}

static struct entry *
slot(struct flagcache *fc, const char *key)
{
	return &fc->e[hash_mix(HASH_SEED, key) % SLOTS];
}

bool
flagcache_get(struct flagcache *fc, struct arena *a, const char *user_id,
    const char *org_id, const char *today, int64_t pgen, int64_t agen, int64_t now,
    struct appt_flag_row **out, size_t *n)
{
	char key[2 * ID_LEN + 2];
	struct entry *e;
	size_t i;
	bool hit;

	if (fc == NULL)
		return false;
	key_of(user_id, org_id, key, sizeof(key));
	pthread_mutex_lock(&fc->lock);
	e = slot(fc, key);
	hit = e->used && strcmp(e->key, key) == 0 && strcmp(e->today, today) == 0 &&
	    e->pgen == pgen && e->agen == agen && now < e->until;
	if (hit) {
		*out = arena_alloc(a, (e->n + 1) * sizeof(**out));
		for (i = 0; i < e->n; i++) {
			(*out)[i] = e->rows[i].row;
			(*out)[i].person_id = arena_strdup(a, e->rows[i].person_id);
		}
		*n = e->n;
	}
	pthread_mutex_unlock(&fc->lock);
	return hit;
}

void
flagcache_put(struct flagcache *fc, const char *user_id, const char *org_id,
    const char *today, int64_t pgen, int64_t agen, int64_t now,
    const struct appt_flag_row *rows, size_t n)
{
	char key[2 * ID_LEN + 2];
	struct flag *copy;
	struct entry *e;
	size_t i;

	if (fc == NULL || n > ROWS_MAX || strlen(today) > 10)
		return;
	copy = calloc(n + 1, sizeof(*copy));
	if (copy == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (strlen(rows[i].person_id) > ID_LEN) {
			free(copy);
			return;
		}
		strcpy(copy[i].person_id, rows[i].person_id);
		copy[i].row = rows[i];
		copy[i].row.person_id = NULL;
	}
	key_of(user_id, org_id, key, sizeof(key));
	pthread_mutex_lock(&fc->lock);
	e = slot(fc, key);
	free(e->rows);
	strcpy(e->key, key);
	strcpy(e->today, today);
	e->pgen = pgen;
	e->agen = agen;
	e->until = now + FLAGCACHE_US;
	e->rows = copy;
	e->n = n;
	e->used = true;
	pthread_mutex_unlock(&fc->lock);
}
