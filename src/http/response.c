#include "http/response.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "http/body.h"
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
	/* 15 significant digits: a report's 32.1 stays 32.1, not the 17
	 * digits of the nearest double. */
	char *s = json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15));
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

/* The FHIR issue type (http://hl7.org/fhir/issue-type) for a problem. */
static const char *
outcome_type(enum problem_code code)
{
	switch (code) {
	case PROBLEM_NOT_FOUND:             return "not-found";
	case PROBLEM_UNAUTHORIZED:          return "login";
	case PROBLEM_FORBIDDEN:
	case PROBLEM_CSRF_FAILED:           return "forbidden";
	case PROBLEM_CONFLICT:              return "conflict";
	case PROBLEM_PAYLOAD_TOO_LARGE:
	case PROBLEM_URI_TOO_LONG:
	case PROBLEM_TOO_LONG:              return "too-long";
	case PROBLEM_RATE_LIMITED:          return "throttled";
	case PROBLEM_UNAVAILABLE:           return "transient";
	case PROBLEM_INTERNAL:              return "exception";
	case PROBLEM_METHOD_NOT_ALLOWED:
	case PROBLEM_UNSUPPORTED_MEDIA_TYPE: return "not-supported";
	case PROBLEM_REQUIRED:              return "required";
	case PROBLEM_VALIDATION_FAILED:     return "invariant";
	case PROBLEM_INVALID_ENCODING:
	case PROBLEM_INVALID_FORMAT:        return "value";
	case PROBLEM_BAD_REQUEST:
	default:                            return "invalid";
	}
}

static json_t *
issue(const char *type, const char *code, const char *title, const char *detail,
    const char *expression)
{
	json_t *o = json_object();

	json_object_set_new(o, "severity", json_string("error"));
	json_object_set_new(o, "code", json_string(type));
	json_object_set_new(o, "details", json_pack("{s:[{s:s, s:s}], s:s}",
	    "coding", "system", PROBLEM_SYSTEM, "code", code, "text", title));
	if (detail != NULL)
		json_object_set_new(o, "diagnostics", json_string(detail));
	if (expression != NULL)
		json_object_set_new(o, "expression", json_pack("[s]", expression));
	return o;
}

json_t *
resp_outcome_issue(enum problem_code code, const char *detail, const char *expression)
{
	return issue(outcome_type(code), problem_code_name(code), problem_title(code),
	    detail, expression);
}

/* The issue type of a field's code (errors[].code): the problem codes,
 * and the codes the forms and the FHIR readers give a field. */
static const char *
field_type(const char *code)
{
	if (strcmp(code, "invalid_choice") == 0)
		return "code-invalid";
	if (strcmp(code, "unknown_element") == 0)
		return "structure";
	return outcome_type(problem_code_parse(code));
}

/* A FHIR request's error: an OperationOutcome with one issue per field at
 * fault (errors: [{"field", "code"}]), or one for the whole. */
static void
outcome(struct req *r, unsigned status, enum problem_code code, const char *detail,
    json_t *errors)
{
	json_t *doc = json_object(), *issues = json_array(), *e;
	size_t i;

	json_object_set_new(doc, "resourceType", json_string("OperationOutcome"));
	json_array_foreach(errors, i, e) {
		const char *field = json_string_value(json_object_get(e, "field"));
		const char *c = json_string_value(json_object_get(e, "code"));

		if (c == NULL)
			c = problem_code_name(code);
		json_array_append_new(issues, issue(field_type(c), c, problem_title(code),
		    detail, field));
	}
	if (json_array_size(issues) == 0)
		json_array_append_new(issues, resp_outcome_issue(code, detail, NULL));
	json_decref(errors);
	json_object_set_new(doc, "issue", issues);
	r->problem_code = problem_code_name(code);
	json_out(r, status, "application/fhir+json; charset=utf-8", doc);
}

json_t *
req_json_body(struct req *r)
{
	enum body_fault fault;
	json_error_t err;
	json_t *doc = body_json_object(r->body.data, r->body.len, &fault, &err);

	if (doc != NULL)
		return doc;
	if (fault == BODY_EMPTY || fault == BODY_ENCODING) {
		resp_problem(r, 400, fault == BODY_EMPTY ? PROBLEM_BAD_REQUEST :
		    PROBLEM_INVALID_ENCODING, NULL, NULL);
		return NULL;
	}
	/* FHIR's OperationOutcome says where the JSON broke. */
	resp_problem(r, 400, PROBLEM_BAD_REQUEST, !req_is_fhir(r) ? NULL :
	    fault == BODY_SYNTAX ? err.text : "The body is not a JSON object.", NULL);
	return NULL;
}

void
resp_fhir(struct req *r, unsigned status, json_t *doc)
{
	json_out(r, status, "application/fhir+json; charset=utf-8", doc);
}

void
resp_problem(struct req *r, unsigned status, enum problem_code code,
    const char *detail, json_t *errors)
{
	json_t *doc;

	if (req_is_fhir(r)) {
		outcome(r, status, code, detail, errors);
		return;
	}
	doc = json_object();

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
