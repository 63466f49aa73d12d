/* What rosc reads of cookies and the headers beside them: the language
 * (the "lang" cookie, else Accept-Language with its q values) and a
 * session or pre-session token's shape before it is looked up. The input:
 * the cookie's value, NUL, the Accept-Language header. libmicrohttpd
 * splits the Cookie header itself. */
#include "fuzz.h"

#include "base/i18n.h"
#include "base/secret.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *parts[2];
	size_t lens[2];
	char *block;
	enum lang l, l2;

	if (size > 8192)
		return 0;
	block = fuzz_parts(data, size, parts, 2, lens);
	l = lang_negotiate(parts[0], parts[1]);
	FUZZ_ASSERT(lang_code(l) != NULL);
	l2 = lang_negotiate(NULL, parts[1]);
	FUZZ_ASSERT(lang_code(l2) != NULL);
	l2 = lang_negotiate(parts[0], NULL);
	FUZZ_ASSERT(lang_code(l2) != NULL);
	if (lang_parse(parts[0], lens[0], &l2))
		FUZZ_ASSERT(l2 == l);
	if (secret_valid(parts[0]))
		FUZZ_ASSERT(strlen(parts[0]) == SECRET_LEN);
	free(block);
	return 0;
}
