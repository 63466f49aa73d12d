/* HL7 FHIR R4 over HTTP, under /fhir/R4: the CapabilityStatement, read
 * and search of every kind view/fhir.h knows, and Patient/$everything.
 * JSON only (application/fhir+json); a bearer token or a session; errors
 * are OperationOutcomes (http/response.c), a refusal a 404 exactly like
 * a missing resource. Every read by someone other than the person goes
 * through the door and into their access log, as a page view does. */
#ifndef ROSC_FHIR_FHIR_H
#define ROSC_FHIR_FHIR_H

struct req;

/*   GET /fhir/R4/metadata                 anyone */
void fhir_metadata(struct req *r);
/*   GET /fhir/R4/{Type}/{id}              signed in */
void fhir_read(struct req *r);
/*   GET /fhir/R4/{Type}?params            signed in */
void fhir_search(struct req *r);
/*   GET /fhir/R4/Patient/{id}/$everything the person, or a reader of all of it */
void fhir_everything(struct req *r);

#endif
