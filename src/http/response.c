#include "http/response.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "http/request.h"

static void
set_response(struct req *r, unsigned status, const char *content_type,
    const void *body, size_t len)
{
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	/* PERSISTENT: the body lives in the arena (or is static), and the
	 * arena is freed only after the response has been sent. */
	r->resp = MHD_create_response_from_buffer(len, (void *)body,
	    MHD_RESPMEM_PERSISTENT);
	if (r->resp == NULL)
		die("cannot create a response");
	r->status = status;
	if (content_type != NULL)
		MHD_add_response_header(r->resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
}

void
resp_header(struct req *r, const char *name, const char *value)
{
	struct header *h = arena_alloc(&r->arena, sizeof(*h)), **pp;

	h->name = name;
	h->value = value;
	for (pp = &r->headers; *pp; pp = &(*pp)->next)
		;
	*pp = h;
}

void
resp_html(struct req *r, unsigned status, const struct buf *body)
{
	set_response(r, status, "text/html; charset=utf-8", body->data, body->len);
}

void
resp_bytes(struct req *r, unsigned status, const char *content_type,
    const void *body, size_t len)
{
	set_response(r, status, content_type, body, len);
}

static void
json_out(struct req *r, unsigned status, const char *ctype, json_t *doc)
{
	char *s = json_dumps(doc, JSON_COMPACT);
	size_t len;
	char *copy;

	json_decref(doc);
	if (s == NULL)
		die("cannot serialise JSON");
	len = strlen(s);
	copy = arena_strndup(&r->arena, s, len);
	free(s);
	set_response(r, status, ctype, copy, len);
}

void
resp_json(struct req *r, unsigned status, json_t *doc)
{
	json_out(r, status, "application/json", doc);
}

void
resp_redirect(struct req *r, unsigned status, const char *location)
{
	set_response(r, status, NULL, "", 0);
	MHD_add_response_header(r->resp, MHD_HTTP_HEADER_LOCATION, location);
}

void
resp_asset(struct req *r, const struct embedded *a)
{
	const char *inm = req_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
	const char *v = req_query(r, "v");
	const char *ext = strrchr(a->name, '.');
	const char *ctype = "application/octet-stream";
	size_t elen = strlen(a->etag);
	bool versioned;

	if (ext == NULL)
		ext = "";
	if (strcmp(ext, ".css") == 0)
		ctype = "text/css; charset=utf-8";
	else if (strcmp(ext, ".js") == 0)
		ctype = "text/javascript; charset=utf-8";
	else if (strcmp(ext, ".svg") == 0)
		ctype = "image/svg+xml";
	else if (strcmp(ext, ".txt") == 0)
		ctype = "text/plain; charset=utf-8";
	else if (strcmp(ext, ".png") == 0)
		ctype = "image/png";
	else if (strcmp(ext, ".woff2") == 0)
		ctype = "font/woff2";

	/* ?v= carries the ETag without its quotes. */
	versioned = v != NULL && strlen(v) == elen - 2 &&
	    strncmp(v, a->etag + 1, elen - 2) == 0;
	if (inm != NULL && strstr(inm, a->etag) != NULL)
		set_response(r, 304, NULL, "", 0);
	else
		set_response(r, 200, ctype, a->data, a->len);
	MHD_add_response_header(r->resp, MHD_HTTP_HEADER_ETAG, a->etag);
	MHD_add_response_header(r->resp, MHD_HTTP_HEADER_CACHE_CONTROL, versioned ?
	    "public, max-age=31536000, immutable" : "no-cache");
}

void
resp_problem(struct req *r, unsigned status, enum problem_code code,
    const char *detail, json_t *errors)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "type", json_string(problem_type(code)));
	json_object_set_new(doc, "title", json_string(problem_title(code)));
	json_object_set_new(doc, "status", json_integer(status));
	if (detail != NULL)
		json_object_set_new(doc, "detail", json_string(detail));
	json_object_set_new(doc, "code", json_string(problem_code_name(code)));
	json_object_set_new(doc, "errors", errors ? errors : json_array());
	r->problem_code = problem_code_name(code);
	json_out(r, status, "application/problem+json", doc);
}
