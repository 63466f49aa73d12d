/* A per-request memory arena: many allocations, one free. Everything a
 * request allocates comes from its arena and is freed in the request's
 * completion callback; handlers never call free(). Out of memory aborts. */
#ifndef ROSC_ARENA_H
#define ROSC_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;
	size_t total;        /* bytes obtained from malloc, for metrics and tests */
};

#define ARENA_INIT {0}

/* Returns n bytes aligned for any type, zeroed. Never returns NULL. */
void *arena_alloc(struct arena *a, size_t n);

/* Copies n bytes of s into the arena and adds a NUL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Frees every allocation at once; the arena can be used again. */
void arena_free(struct arena *a);

/* Aborts the program with a message: for out-of-memory and broken invariants. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
