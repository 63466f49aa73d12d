#include "base/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

static const char empty[1];

void
buf_init(struct buf *b, struct arena *a)
{
	b->data = (char *)empty;
	b->len = 0;
	b->cap = 0;
	b->arena = a;
}

static void
grow(struct buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 256;
	char *p;

	if (b->len + need + 1 < b->len)
		die("buf: size overflow");
	while (cap < b->len + need + 1)
		cap *= 2;
	if (b->arena != NULL) {
		p = arena_alloc(b->arena, cap);
		memcpy(p, b->data, b->len);
	} else {
		p = realloc(b->cap ? b->data : NULL, cap);
		if (p == NULL)
			die("out of memory (%zu bytes)", cap);
	}
	b->data = p;
	b->cap = cap;
}

char *
buf_reserve(struct buf *b, size_t n)
{
	if (b->cap == 0 || b->cap - b->len < n + 1)
		grow(b, n);
	return b->data + b->len;
}

void
buf_commit(struct buf *b, size_t n)
{
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_append(struct buf *b, const void *s, size_t n)
{
	char *p = buf_reserve(b, n);

	memcpy(p, s, n);
	buf_commit(b, n);
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(b->cap ? b->data + b->len : NULL,
	    b->cap ? b->cap - b->len : 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		die("buf_printf: bad format");
	if (b->cap == 0 || (size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	buf_commit(b, (size_t)n);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	if (b->arena == NULL && b->cap)
		free(b->data);
	buf_init(b, b->arena);
}
