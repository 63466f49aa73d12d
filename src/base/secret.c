#include "base/secret.h"

#include <sodium.h>
#include <string.h>

void
secret_new(char out[SECRET_LEN + 1])
{
	unsigned char raw[32];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, SECRET_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void
secret_hash(const char *secret, char out[SECRET_HASH_LEN + 1])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret),
	    NULL, 0);
	sodium_bin2hex(out, SECRET_HASH_LEN + 1, h, sizeof(h));
}

bool
secret_valid(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != SECRET_LEN)
		return false;
	for (i = 0; i < SECRET_LEN; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return false;
	}
	return true;
}

bool
secret_equal(const char *a, const char *b)
{
	size_t n;

	if (a == NULL || b == NULL)
		return false;
	n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}
