/* What the harnesses in tests/fuzz/ share: libFuzzer's entry point, and
 * the input cut into parts. */
#ifndef ROSC_FUZZ_H
#define ROSC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A broken promise: libFuzzer takes the abort as a crash and keeps the
 * input. */
#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* Cuts data at each NUL into at most max parts, each a NUL-terminated
 * copy in one block the caller frees (parts[0] is it); the parts past the
 * last NUL are empty strings. Returns the block. */
static inline char *
fuzz_parts(const uint8_t *data, size_t size, const char **parts, size_t max, size_t *lens)
{
	char *copy = malloc(size + max + 1), *p = copy;
	size_t i, k = 0;

	memcpy(copy, data, size);
	copy[size] = '\0';
	parts[k] = p;
	for (i = 0; i < size && k + 1 < max; i++)
		if (copy[i] == '\0') {
			lens[k] = (size_t)(copy + i - parts[k]);
			parts[++k] = copy + i + 1;
		}
	lens[k] = (size_t)(copy + size - parts[k]);
	/* Beyond the last part: empty strings after the copy's NUL. */
	for (k++; k < max; k++) {
		parts[k] = copy + size;
		lens[k] = 0;
	}
	return copy;
}

#endif
