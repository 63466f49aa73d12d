/* A growable byte string. Mutated through its pointer (buf_append(&b, ...)),
 * never reassigned. Backed by an arena (freed with it) or, when the arena is
 * NULL, by malloc (free with buf_free). Always NUL-terminated. */
#ifndef ROSC_BUF_H
#define ROSC_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct buf {
	char *data;
	size_t len, cap;
	struct arena *arena;
};

void buf_init(struct buf *b, struct arena *a);
void buf_append(struct buf *b, const void *s, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Makes room for n more bytes and returns where they go; buf_commit adds them. */
char *buf_reserve(struct buf *b, size_t n);
void buf_commit(struct buf *b, size_t n);
void buf_reset(struct buf *b);
/* Frees a malloc-backed buffer; a no-op for an arena-backed one. */
void buf_free(struct buf *b);

#endif
