/* Building the answer to a request. Each function sets r->status and the
 * response; the server adds the security headers and queues it. Bodies
 * are allocated in the request's arena, which outlives the sending. */
#ifndef ROSC_RESPONSE_H
#define ROSC_RESPONSE_H

#include <jansson.h>
#include <stddef.h>

#include "base/embedded.h"
#include "http/problem.h"

struct buf;
struct req;

/* An HTML page (text/html; charset=utf-8). */
void resp_html(struct req *r, unsigned status, const struct buf *body);
/* A JSON document; takes ownership of doc (decrefs it). */
void resp_json(struct req *r, unsigned status, json_t *doc);
/* Any bytes with the given content type; body must outlive the request
 * (a literal, or arena memory). */
void resp_bytes(struct req *r, unsigned status, const char *content_type,
    const void *body, size_t len);
/* A redirect (303 See Other after a POST, 302 otherwise) to a local path. */
void resp_redirect(struct req *r, unsigned status, const char *location);
/* A compiled-in asset with its ETag: 304 when the client has it. Cached
 * for a year when asked for by its versioned URL (?v=ETAG). */
void resp_asset(struct req *r, const struct embedded *asset);
/* An RFC 9457 problem+json. errors may be NULL; takes ownership of it.
 * A FHIR request (req_is_fhir()) gets the same as a FHIR OperationOutcome:
 * one issue per field at fault, each with the stable code in
 * details.coding (system PROBLEM_SYSTEM) and the field as its expression. */
void resp_problem(struct req *r, unsigned status, enum problem_code code,
    const char *detail, json_t *errors);
/* One OperationOutcome issue (severity error) for code. */
json_t *resp_outcome_issue(enum problem_code code, const char *detail,
    const char *expression);
/* The request's body as a JSON object (valid UTF-8, no member twice), or
 * NULL after answering 400 (bad_request, or invalid_encoding; for FHIR an
 * OperationOutcome). The caller owns the reference. */
json_t *req_json_body(struct req *r);
/* A FHIR resource as application/fhir+json; takes ownership of doc. */
void resp_fhir(struct req *r, unsigned status, json_t *doc);

/* Adds a header to whatever response is sent. name and value must outlive
 * the request (literals, or arena memory). */
void resp_header(struct req *r, const char *name, const char *value);

#endif
