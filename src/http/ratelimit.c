#include "http/ratelimit.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* 64 shards, each with its own lock, so two threads seldom wait on each
 * other; 16,384 keys in all (256 KiB). A key lives in one of PROBE slots
 * from its place; a slot whose bucket is full again (its instant has
 * passed) is free, so the table forgets quiet keys by itself. When all
 * PROBE slots are busy, the one nearest to full is taken over: at worst
 * that key gets a fresh bucket, never a refusal it did not earn. */
#define SHARDS 64
#define SLOTS 256
#define PROBE 8

struct slot {
	uint64_t key;          /* 0: never used */
	int64_t tat;           /* when the key's bucket is full again */
};

static struct shard {
	pthread_mutex_t lock;
	struct slot slots[SLOTS];
} shards[SHARDS];

static unsigned char hash_key[crypto_shorthash_KEYBYTES];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
setup(void)
{
	size_t i;

	randombytes_buf(hash_key, sizeof(hash_key));
	for (i = 0; i < SHARDS; i++)
		pthread_mutex_init(&shards[i].lock, NULL);
}

void
ratelimit_init(struct rate_limit *l, unsigned per_minute, unsigned burst)
{
	memset(l, 0, sizeof(*l));
	if (per_minute == 0)
		return;
	if (burst == 0)
		burst = 1;
	l->interval_us = INT64_C(60000000) / per_minute;
	if (l->interval_us == 0)
		l->interval_us = 1;
	l->tolerance_us = l->interval_us * (int64_t)(burst - 1);
}

int64_t
ratelimit_take(const struct rate_limit *l, const char *key, int64_t now)
{
	unsigned char h[crypto_shorthash_BYTES];
	struct shard *sh;
	struct slot *s, *use = NULL, *oldest = NULL;
	uint64_t k;
	int64_t tat, wait = 0;
	unsigned i, at;

	if (l->interval_us == 0)
		return 0;
	pthread_once(&once, setup);
	crypto_shorthash(h, (const unsigned char *)key, strlen(key), hash_key);
	memcpy(&k, h, sizeof(k));
	k |= 1;                            /* 0 marks a slot never used */
	sh = &shards[k % SHARDS];
	at = (unsigned)((k / SHARDS) % SLOTS);

	pthread_mutex_lock(&sh->lock);
	for (i = 0; i < PROBE; i++) {
		s = &sh->slots[(at + i) % SLOTS];
		if (s->key == k) {
			use = s;
			break;
		}
		if (use == NULL && (s->key == 0 || s->tat <= now))
			use = s;           /* free: keep looking for the key itself */
		if (oldest == NULL || s->tat < oldest->tat)
			oldest = s;
	}
	if (use == NULL)
		use = oldest;
	if (use->key != k) {
		use->key = k;
		use->tat = now;
	}
	tat = use->tat > now ? use->tat : now;
	if (tat - now > l->tolerance_us)
		wait = tat - now - l->tolerance_us;
	else
		use->tat = tat + l->interval_us;
	pthread_mutex_unlock(&sh->lock);
	return wait;
}

void
ratelimit_addr_key(const char *addr, char *out, unsigned size)
{
	unsigned char a6[16];
	char text[INET6_ADDRSTRLEN];

	if (strchr(addr, ':') != NULL && inet_pton(AF_INET6, addr, a6) == 1 &&
	    !(memcmp(a6, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)) {
		memset(a6 + 8, 0, 8);
		inet_ntop(AF_INET6, a6, text, sizeof(text));
		snprintf(out, size, "addr:%s/64", text);
		return;
	}
	snprintf(out, size, "addr:%s", addr);
}
