/* What every JSON endpoint needs: values that may be missing, instants,
 * the request's document, and the answer to a field at fault. */
#ifndef ROSC_API_JSON_H
#define ROSC_API_JSON_H

#include <jansson.h>
#include <stdint.h>

struct req;

/* A string, or null for NULL. */
json_t *api_str(const char *s);
/* An RFC 3339 instant in UTC, or null for 0 (never). */
json_t *api_instant(int64_t us);
/* The request's body as a JSON object (valid UTF-8, no member twice), or
 * NULL after answering 400 (bad_request, or invalid_encoding). The caller
 * owns the reference. */
json_t *api_body(struct req *r);
/* 422 validation_failed with errors [{"field", "code"}]. */
void api_invalid(struct req *r, const char *field, const char *code);

#endif
