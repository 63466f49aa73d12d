/* A form body's fields as rosc keeps them (src/http/form.c): the pieces
 * libmicrohttpd's post processor hands over (urlencoded or multipart,
 * decoded by libmicrohttpd), joined per field, then names and values
 * checked and cleaned. The input is parts cut at NUL: a name, then a
 * piece of its value; a name starting with '+' continues the last field
 * (off > 0), as a long value arrives. */
#include "fuzz.h"

#include "base/arena.h"
#include "base/utf8.h"
#include "http/form.h"

#define PARTS 32

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct form_field *list = NULL, *f;
	const char *parts[PARTS];
	size_t lens[PARTS], i;
	uint64_t off = 0;
	char *block;

	if (size > 64 * 1024)
		return 0;
	block = fuzz_parts(data, size, parts, PARTS, lens);
	for (i = 0; i + 1 < PARTS; i += 2) {
		const char *name = parts[i];
		bool more = name[0] == '+';

		if (lens[i] == 0 && lens[i + 1] == 0)
			break;
		off = more ? off + 1 : 0;
		form_append(&a, &list, more ? name + 1 : name, off, parts[i + 1], lens[i + 1]);
	}
	(void)form_clean(&a, &list);
	for (f = list; f; f = f->next) {
		FUZZ_ASSERT(utf8_valid_text(f->name, strlen(f->name)));
		FUZZ_ASSERT(f->value != NULL && f->value[f->len] == '\0');
		FUZZ_ASSERT(memchr(f->value, '\0', f->len) == NULL);
		FUZZ_ASSERT(utf8_valid(f->value, f->len));
		for (i = 0; i + 1 < f->len; i++)
			FUZZ_ASSERT(!(f->value[i] == '\r' && f->value[i + 1] == '\n'));
	}
	free(block);
	arena_free(&a);
	return 0;
}
