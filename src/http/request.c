#include "http/request.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <string.h>
#include <stdio.h>
#include <stdatomic.h>
#include <sys/socket.h>

#include "base/clock.h"
#include "base/conf.h"
#include "base/hash.h"
#include "core/actor.h"
#include "http/server.h"

const char *
req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
req_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *
req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *
req_form(struct req *r, const char *name)
{
	struct form_field *f;

	for (f = r->form; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->value ? f->value : "";
	return NULL;
}

bool
req_form_bad(struct req *r, const char *name)
{
	struct form_field *f;

	for (f = r->form; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->bad;
	return false;
}

void
req_defer_work(struct req *r, req_work_fn fn, void *arg, req_then_fn then)
{
	r->work_fn = fn;
	r->write_fn = NULL;
	r->write_arg = arg;
	r->then = then;
	r->phase = PHASE_WAITING;
}

const char *
req_param(struct req *r, size_t i)
{
	if (i >= r->match.nparams)
		return NULL;
	return arena_strndup(&r->arena, r->match.params[i], r->match.param_len[i]);
}

struct store *
req_store(struct req *r)
{
	return server_store(r->srv);
}

static const char *
peer_addr(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char *out = arena_alloc(&r->arena, INET6_ADDRSTRLEN);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	if (sa == NULL)
		return "";
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
		    INET6_ADDRSTRLEN);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
		    INET6_ADDRSTRLEN);
	return out;
}

const char *
req_client_addr(struct req *r)
{
	const struct config *cfg = server_config(r->srv);
	const char *peer = peer_addr(r), *xff, *last;

	if (cfg->trusted_proxy == NULL || strcmp(peer, cfg->trusted_proxy) != 0)
		return peer;
	xff = req_header(r, "X-Forwarded-For");
	if (xff == NULL || *xff == '\0')
		return peer;
	/* The proxy appends the address it saw: the last entry is the one
	 * we can believe; earlier ones came from the client. */
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ')
		last++;
	return arena_strdup(&r->arena, last);
}

bool
req_is_local(struct req *r)
{
	const char *peer = peer_addr(r);

	if (req_header(r, "X-Forwarded-For") != NULL || req_header(r, "Forwarded") != NULL)
		return false;
	return strncmp(peer, "127.", 4) == 0 || strcmp(peer, "::1") == 0;
}

bool
req_is_fhir(struct req *r)
{
	return r->path != NULL && strncmp(r->path, "/fhir/", 6) == 0;
}

bool
req_wants_json(struct req *r)
{
	const char *accept, *json, *html;

	/* JSON routes always; pages when the client asks for JSON first
	 * (an API client that follows a link to a page gets problem+json). */
	if ((r->route != NULL && (r->route->flags & R_JSON)) ||
	    (r->route == NULL && r->match.path_known && (r->match.path_flags & R_JSON)))
		return true;
	if (r->path != NULL && strncmp(r->path, "/api/", 5) == 0)
		return true;
	if (req_is_fhir(r))
		return true;
	accept = req_header(r, "Accept");
	if (accept == NULL)
		return false;
	json = strstr(accept, "application/json");
	if (json == NULL)
		json = strstr(accept, "application/problem+json");
	html = strstr(accept, "text/html");
	return json != NULL && (html == NULL || json < html);
}

void
req_defer_write(struct req *r, store_write_fn fn, void *arg, req_then_fn then)
{
	r->work_fn = NULL;
	r->write_fn = fn;
	r->write_arg = arg;
	r->then = then;
	r->phase = PHASE_WAITING;
}

/* "List" entries already durable today, remembered by this process. The
 * access log keeps one such entry per person, actor, organisation and UTC
 * day (a unique index), so a caseload shown again the same day would only
 * queue writes the database then ignores: 40 per page view. A key is the
 * 64-bit hash of the four; a slot holds the last key that landed in it,
 * so the table stays small and a lost key only costs one ignored write. */
#define SEEN_SLOTS 65536
static _Atomic uint64_t seen[SEEN_SLOTS];

/* The actor, organisation and UTC day are the same for every person a
 * request lists: hashed once per request. */
static uint64_t
listed_key(struct req *r, const char *person_id, const char *what)
{
	uint64_t h = r->listed_seed;
	char day[24];

	if (h == 0) {
		snprintf(day, sizeof(day), "%lld", (long long)(clock_now_us() / 86400000000LL));
		h = hash_mix(HASH_SEED, r->actor->user.id);
		h = hash_mix(h, r->actor->org_id);
		h = r->listed_seed = hash_mix(h, day) | 1;
	}
	h = hash_mix(h, person_id);
	h = hash_mix(h, what);
	return h ? h : 1;
}

void
req_access_logged(struct req *r)
{
	struct access_note *n;

	for (n = r->access; n; n = n->next)
		if (n->listed != 0)
			atomic_store(&seen[n->listed % SEEN_SLOTS], n->listed);
}

void
req_log_access(struct req *r, const char *person_id, const char *what,
    const char *action, const char *why)
{
	struct access_note *n, **pp;
	uint64_t listed = 0;

	if (why == NULL)
		return;                  /* the person's own reading is not logged */
	if (strcmp(action, "list") == 0 && r->actor != NULL) {
		listed = listed_key(r, person_id, what);
		if (atomic_load(&seen[listed % SEEN_SLOTS]) == listed)
			return;          /* logged already today */
	}
	for (pp = &r->access; *pp; pp = &(*pp)->next)
		if (strcmp((*pp)->person_id, person_id) == 0 && strcmp((*pp)->what, what) == 0 &&
		    strcmp((*pp)->action, action) == 0)
			return;          /* once per request is enough */
	n = arena_alloc(&r->arena, sizeof(*n));
	n->person_id = arena_strdup(&r->arena, person_id);
	n->what = what;
	n->action = action;
	n->why = why;
	n->listed = listed;
	*pp = n;
}

void
req_access_answered(struct req *r)
{
	struct access_note **pp = &r->access;

	/* A refusal (403) or a missing thing (404) showed nothing of anyone:
	 * the log says what was shown, never what was refused. */
	if (r->status == 403 || r->status == 404) {
		r->access = NULL;
		return;
	}
	/* Any other 4xx (a form sent back, a conflict) wrote nothing: its
	 * reads stay, its writes go. */
	if (r->status < 400)
		return;
	while (*pp != NULL) {
		if (strcmp((*pp)->action, "write") == 0)
			*pp = (*pp)->next;
		else
			pp = &(*pp)->next;
	}
}
