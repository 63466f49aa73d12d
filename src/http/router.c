#include "http/router.h"

#include <stdio.h>
#include <string.h>

static bool
match_pattern(const char *pat, const char *path, struct route_match *m)
{
	m->nparams = 0;
	while (*pat && *path) {
		if (*pat == '{') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);

			if (len == 0 || m->nparams == ROUTE_MAX_PARAMS)
				return false;
			m->params[m->nparams] = path;
			m->param_len[m->nparams++] = len;
			path += len;
			pat = strchr(pat, '}');
			if (pat == NULL)
				return false;
			pat++;
			continue;
		}
		if (*pat != *path)
			return false;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

int
router_match(const struct route *t, size_t n, const char *method, const char *path,
    struct route_match *m)
{
	const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
	struct route_match tmp;
	size_t i;

	memset(m, 0, sizeof(*m));
	m->index = -1;
	for (i = 0; i < n; i++) {
		if (!match_pattern(t[i].pattern, path, &tmp))
			continue;
		m->path_known = true;
		m->path_flags |= t[i].flags;
		if (strcmp(t[i].method, want) == 0) {
			tmp.index = (int)i;
			tmp.path_known = true;
			tmp.path_flags = m->path_flags | t[i].flags;
			*m = tmp;
			return (int)i;
		}
	}
	return -1;
}

void
router_allow(const struct route *t, size_t n, const char *path, char *allow, size_t size)
{
	struct route_match tmp;
	size_t i, used = 0;

	allow[0] = '\0';
	for (i = 0; i < n && used < size; i++) {
		if (!match_pattern(t[i].pattern, path, &tmp))
			continue;
		used += (size_t)snprintf(allow + used, size - used, "%s%s", used ? ", " : "",
		    t[i].method);
		if (strcmp(t[i].method, "GET") == 0 && used < size)
			used += (size_t)snprintf(allow + used, size - used, ", HEAD");
	}
}

int
router_check_table(const struct route *t, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		int c = strcmp(t[i - 1].pattern, t[i].pattern);

		if (c == 0)
			c = strcmp(t[i - 1].method, t[i].method);
		if (c >= 0)
			return (int)i;
	}
	return 0;
}

const char *
router_flag_name(unsigned flag)
{
	switch (flag) {
	case R_JSON: return "json";
	case R_LOCAL: return "local";
	}
	return "?";
}
