/* A form body's fields (see form.h). */
#include "http/form.h"

#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/utf8.h"

static struct form_field *
field_for(struct arena *a, struct form_field **list, const char *key, uint64_t off)
{
	struct form_field *f, *last = NULL;

	for (f = *list; f; f = f->next)
		last = f;
	/* A long value arrives in pieces with off > 0: append to it. */
	if (off > 0 && last != NULL && strcmp(last->name, key) == 0)
		return last;
	f = arena_alloc(a, sizeof(*f));
	f->name = arena_strdup(a, key);
	if (last)
		last->next = f;
	else
		*list = f;
	return f;
}

void
form_append(struct arena *a, struct form_field **list, const char *key, uint64_t off,
    const char *data, size_t size)
{
	struct form_field *f;

	/* libmicrohttpd hands over a multipart part without a name with no
	 * key: it is no field. */
	if (key == NULL)
		return;
	f = field_for(a, list, key, off);

	if (f->len + size + 1 > f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		char *p;

		while (cap < f->len + size + 1)
			cap *= 2;
		p = arena_alloc(a, cap);
		if (f->len)
			memcpy(p, f->value, f->len);
		f->value = p;
		f->cap = cap;
	}
	if (size)
		memcpy(f->value + f->len, data, size);
	f->len += size;
	f->value[f->len] = '\0';
}

bool
form_clean(struct arena *a, struct form_field **list)
{
	struct form_field *f, **pp = list;
	bool ok = true;

	while ((f = *pp) != NULL) {
		if (!utf8_valid_text(f->name, strlen(f->name))) {
			*pp = f->next;
			ok = false;
			continue;
		}
		if (f->value == NULL) {
			f->value = arena_strdup(a, "");
		} else if (memchr(f->value, '\0', f->len) != NULL ||
		    !utf8_valid(f->value, f->len)) {
			struct buf clean;
			size_t i = 0;

			buf_init(&clean, a);
			while (i < f->len) {
				size_t k = utf8_seq_len(f->value + i, f->len - i);

				if (k == 0 || f->value[i] == '\0') {
					buf_puts(&clean, "\xEF\xBF\xBD");
					i++;
				} else {
					buf_append(&clean, f->value + i, k);
					i += k;
				}
			}
			f->value = clean.data;
			f->len = clean.len;
			f->bad = true;
			ok = false;
		}
		/* Browsers send a textarea's line breaks as CRLF: store them as
		 * LF, so unchanged text compares equal and makes no new version.
		 * Every CR before a LF goes, not only the last: "\r\r\n" would
		 * otherwise be kept as "\r\n", and come back from the browser
		 * as a change. */
		if (memchr(f->value, '\r', f->len) != NULL) {
			size_t i, o = 0;

			for (i = 0; i < f->len; i++) {
				if (f->value[i] == '\n')
					while (o > 0 && f->value[o - 1] == '\r')
						o--;
				f->value[o++] = f->value[i];
			}
			f->value[o] = '\0';
			f->len = o;
		}
		pp = &f->next;
	}
	return ok;
}
