/* The request's address as rosc reads it (see uri.h). */
#include "http/uri.h"

#include <string.h>

#include "base/arena.h"
#include "base/utf8.h"

const char *
req_local_path(const char *p)
{
	size_t i;

	if (p == NULL || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return "/";
	for (i = 0; p[i]; i++)
		if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
			return "/";
	return p;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
req_percent_decode(struct arena *a, const char *s, size_t n, size_t *outlen)
{
	char *out = arena_alloc(a, n + 1), *o = out;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\0')
			return NULL;
		if (s[i] != '%') {
			*o++ = s[i];
			continue;
		}
		if (i + 2 >= n)
			return NULL;
		{
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);

			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			*o++ = (char)(hi * 16 + lo);
			i += 2;
		}
	}
	*o = '\0';
	if (outlen)
		*outlen = (size_t)(o - out);
	return out;
}

bool
uri_arg_ok(const char *key, size_t key_size, const char *value, size_t value_size)
{
	return memchr(key, '\0', key_size) == NULL && utf8_valid(key, key_size) &&
	    (value == NULL || (memchr(value, '\0', value_size) == NULL &&
	    utf8_valid(value, value_size)));
}

bool
uri_query_next(struct arena *a, const char **p, char **name, char **value)
{
	const char *q = *p, *amp, *eq;
	size_t len, nlen;

	while (*q == '&')
		q++;
	if (*q == '\0') {
		*p = q;
		return false;
	}
	amp = strchr(q, '&');
	len = amp ? (size_t)(amp - q) : strlen(q);
	eq = memchr(q, '=', len);
	nlen = eq ? (size_t)(eq - q) : len;
	*name = req_percent_decode(a, q, nlen, NULL);
	*value = eq ? req_percent_decode(a, eq + 1, len - nlen - 1, NULL) : arena_strdup(a, "");
	if (*value != NULL)
		for (char *v = *value; *v; v++)
			if (*v == '+')
				*v = ' ';
	*p = q + len;
	return true;
}
