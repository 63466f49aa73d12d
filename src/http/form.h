/* A form body's fields as rosc keeps them: the pieces libmicrohttpd's
 * post processor hands over joined per field, then names and values
 * checked. Pure: no connection, no store (so tests/fuzz/ can drive it
 * alone). */
#ifndef ROSC_FORM_H
#define ROSC_FORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

struct form_field {
	const char *name;
	char *value;          /* NUL-terminated; len excludes the NUL */
	size_t len, cap;
	bool bad;             /* was not valid UTF-8 text: value is a cleaned copy */
	struct form_field *next;
};

/* Appends size bytes of key's value at off to the list (*list, in the
 * order sent): a long value arrives in pieces with off > 0, joined to the
 * last field when it has the same name; any other starts a field. A
 * piece without a name (key NULL: a multipart part without one) is
 * dropped. */
void form_append(struct arena *a, struct form_field **list, const char *key, uint64_t off,
    const char *data, size_t size);

/* Fields with bad names are dropped; values that are not valid text are
 * cleaned (bad bytes become U+FFFD) and marked, so a form can come back
 * with the input and a message at the field; CRLF becomes LF. Returns
 * false if any field was dropped or cleaned. */
bool form_clean(struct arena *a, struct form_field **list);

#endif
