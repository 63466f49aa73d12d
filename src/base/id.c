#include "base/id.h"

#include <sodium.h>

void
id_new(char out[ID_LEN + 1])
{
	unsigned char raw[ID_LEN / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, ID_LEN + 1, raw, sizeof(raw));
}

bool
id_valid(const char *s, size_t n)
{
	size_t i;

	if (n != ID_LEN)
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}
