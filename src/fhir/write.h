/* What every FHIR create and update needs (private to src/fhir/): the
 * body read and checked, the version the client started from, and the
 * answers. A write changes nothing unless all of it is right. */
#ifndef ROSC_FHIR_WRITE_H
#define ROSC_FHIR_WRITE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct fhir_fault;
struct req;

/* The request's resource: a JSON object whose resourceType is type (and,
 * for an update, whose id is id). NULL after answering 415 (not JSON),
 * 400 (malformed JSON, invalid UTF-8, a member twice, another type, an id
 * that is not the address's). The caller owns the reference. */
json_t *fhir_body(struct req *r, const char *type, const char *id);

/* The version an update started from: If-Match (W/"3" or "3"), or else
 * the resource's meta.versionId. 0 after answering 428 when neither says;
 * -1 after answering 400 when it is malformed. */
int64_t fhir_from_version(struct req *r, json_t *res);

/* 422 (400 for an unknown element) with the element at fault as the
 * issue's expression ("Goal.description.text"). */
void fhir_refuse_fault(struct req *r, const char *type, const struct fhir_fault *f);

/* A resource as the answer, with its ETag (W/"versionId"); for 201 also
 * its Location (base/Type/id/_history/versionId). Takes ownership of res. */
void fhir_send(struct req *r, unsigned status, json_t *res);

#endif
