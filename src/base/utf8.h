/* UTF-8 checks for everything that enters rosc from outside. */
#ifndef ROSC_UTF8_H
#define ROSC_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0 if the
 * bytes there are not one: overlong forms, surrogates and code points past
 * U+10FFFF are invalid. An ASCII byte, NUL included, has length 1. */
size_t utf8_seq_len(const char *s, size_t n);

/* True if the n bytes at s are valid UTF-8 (NUL bytes allowed). */
bool utf8_valid(const char *s, size_t n);

/* True if valid UTF-8 with no NUL and no C0 control other than tab, line
 * feed and carriage return: what a person can type into a form. */
bool utf8_valid_text(const char *s, size_t n);

/* Number of code points in valid UTF-8: field length limits count these. */
size_t utf8_count(const char *s, size_t n);

#endif
