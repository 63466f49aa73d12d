/* HTML output that escapes unless it says otherwise.
 *
 * html() takes a format that is trusted markup (a string literal: the
 * compiler refuses anything else, see -Wformat-nonliteral) and escapes every
 * %s argument for use in text and in quoted attribute values alike.
 * html_raw() appends markup unescaped and must only ever be given a string
 * literal (scripts/lint.sh fails the build otherwise); html_raw_buf() appends
 * a fragment that was itself built with escaping calls. */
#ifndef ROSC_HTML_H
#define ROSC_HTML_H

#include <stddef.h>

struct buf;

void html(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void html_raw(struct buf *b, const char *markup);
void html_raw_buf(struct buf *b, const struct buf *fragment);

/* Appends s (n bytes) escaped: & < > " ' become entities, NUL bytes and
 * bytes that are not valid UTF-8 become U+FFFD. */
void html_escape(struct buf *b, const char *s, size_t n);

/* Appends s percent-encoded for a URL query value. */
void url_encode(struct buf *b, const char *s);

#endif
