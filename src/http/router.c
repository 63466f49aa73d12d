#include "http/router.h"

#include <stdio.h>
#include <string.h>

#include "base/id.h"
#include "base/secret.h"

#define CODE_MAX 32
#define FILE_MAX 64
#define HSDS_MAX 200
#define SLUG_MAX 60          /* PW_CODE_MAX (core/pathway.h) */

static bool
match_pattern(const struct route *rt, const char *path, struct route_match *m)
{
	const char *pat = rt->pattern;

	m->nparams = 0;
	m->params_valid = true;
	while (*pat && *path) {
		if (*pat == '{') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);

			if (len == 0 || m->nparams == ROUTE_MAX_PARAMS)
				return false;
			if (!router_param_valid((enum param_kind)rt->kinds[m->nparams], path, len))
				m->params_valid = false;
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
		if (!match_pattern(&t[i], path, &tmp))
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
		if (!match_pattern(&t[i], path, &tmp))
			continue;
		used += (size_t)snprintf(allow + used, size - used, "%s%s", used ? ", " : "",
		    t[i].method);
		if (strcmp(t[i].method, "GET") == 0 && used < size)
			used += (size_t)snprintf(allow + used, size - used, ", HEAD");
	}
}

static bool
in(char c, char lo, char hi)
{
	return c >= lo && c <= hi;
}

bool
router_param_valid(enum param_kind kind, const char *s, size_t len)
{
	size_t i;

	switch (kind) {
	case P_ID:
		return id_valid(s, len);
	case P_CODE:
		if (len == 0 || len > CODE_MAX || !in(s[0], 'a', 'z'))
			return false;
		for (i = 1; i < len; i++)
			if (!in(s[i], 'a', 'z') && !in(s[i], '0', '9') && s[i] != '_')
				return false;
		return true;
	case P_TOKEN:
		if (len != SECRET_LEN)
			return false;
		for (i = 0; i < len; i++)
			if (!in(s[i], 'A', 'Z') && !in(s[i], 'a', 'z') && !in(s[i], '0', '9') &&
			    s[i] != '-' && s[i] != '_')
				return false;
		return true;
	case P_FILE:
		if (len == 0 || len > FILE_MAX || s[0] == '.')
			return false;
		for (i = 0; i < len; i++)
			if (!in(s[i], 'a', 'z') && !in(s[i], '0', '9') && s[i] != '-' &&
			    s[i] != '_' && s[i] != '.')
				return false;
		return true;
	case P_HSDS:
		if (len == 0 || len > HSDS_MAX || s[0] == '-' || s[0] == '_' || s[0] == '.')
			return false;
		for (i = 0; i < len; i++)
			if (!in(s[i], 'A', 'Z') && !in(s[i], 'a', 'z') && !in(s[i], '0', '9') &&
			    s[i] != '-' && s[i] != '_' && s[i] != '.')
				return false;
		return true;
	case P_SLUG:
		if (len == 0 || len > SLUG_MAX)
			return false;
		for (i = 0; i < len; i++)
			if (!in(s[i], 'a', 'z') && !in(s[i], '0', '9') && s[i] != '-')
				return false;
		return true;
	case P_FHIR:
		/* FHIR R4's id: [A-Za-z0-9\-\.]{1,64}. */
		if (len == 0 || len > 64)
			return false;
		for (i = 0; i < len; i++)
			if (!in(s[i], 'A', 'Z') && !in(s[i], 'a', 'z') && !in(s[i], '0', '9') &&
			    s[i] != '-' && s[i] != '.')
				return false;
		return true;
	case P_NONE:
		break;
	}
	return false;
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

int
router_check_params(const struct route *t, size_t n)
{
	size_t i, k, np;
	const char *p;

	for (i = 0; i < n; i++) {
		np = 0;
		for (p = strchr(t[i].pattern, '{'); p != NULL; p = strchr(p + 1, '{'))
			np++;
		if (np > ROUTE_MAX_PARAMS)
			return (int)i;
		for (k = 0; k < ROUTE_MAX_PARAMS; k++)
			if ((k < np) != (t[i].kinds[k] != P_NONE))
				return (int)i;
	}
	return -1;
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

const char *
router_param_kind_name(enum param_kind kind)
{
	switch (kind) {
	case P_ID: return "id";
	case P_CODE: return "code";
	case P_TOKEN: return "token";
	case P_FILE: return "file";
	case P_HSDS: return "hsds";
	case P_SLUG: return "slug";
	case P_FHIR: return "fhir";
	case P_NONE: break;
	}
	return "?";
}
