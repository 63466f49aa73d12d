/* A request body read as a JSON document, as the API and FHIR take it:
 * valid UTF-8, well-formed JSON, an object, no member twice. Pure: no
 * connection (so tests/fuzz/ can drive it alone); http/response.c
 * answers the faults. */
#ifndef ROSC_BODY_H
#define ROSC_BODY_H

#include <jansson.h>
#include <stddef.h>

enum body_fault {
	BODY_OK,
	BODY_EMPTY,           /* no body at all */
	BODY_ENCODING,        /* not valid UTF-8 */
	BODY_SYNTAX,          /* not JSON, or a member twice: err says where */
	BODY_NOT_OBJECT,      /* JSON, but not an object */
};

/* The document (the caller owns the reference), or NULL with *fault. */
json_t *body_json_object(const char *data, size_t len, enum body_fault *fault,
    json_error_t *err);

#endif
