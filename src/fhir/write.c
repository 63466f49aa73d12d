/* The common part of FHIR creates and updates. */
#include "fhir/write.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/conf.h"
#include "http/problem.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "view/fhir.h"

static void
refuse(struct req *r, unsigned status, enum problem_code code, const char *detail,
    const char *element)
{
	resp_problem(r, status, code, detail, element == NULL ? NULL :
	    json_pack("[{s:s, s:s}]", "field", element, "code", problem_code_name(code)));
}

json_t *
fhir_body(struct req *r, const char *type, const char *id)
{
	const char *ctype = req_header(r, "Content-Type"), *bad;
	json_t *res;

	if (ctype == NULL || (strncasecmp(ctype, "application/fhir+json", 21) != 0 &&
	    strncasecmp(ctype, "application/json", 16) != 0)) {
		refuse(r, 415, PROBLEM_UNSUPPORTED_MEDIA_TYPE,
		    _("Send the resource as application/fhir+json."), NULL);
		return NULL;
	}
	if ((res = req_json_body(r)) == NULL)
		return NULL;
	if ((bad = fhir_resource_check(res, type, id)) != NULL) {
		if (strcmp(bad, "resourceType") == 0)
			refuse(r, 400, PROBLEM_BAD_REQUEST, arena_printf(&r->arena,
			    _("This address takes a %s."), type), "resourceType");
		else
			refuse(r, 400, PROBLEM_BAD_REQUEST,
			    _("The resource's id must be the address's."),
			    arena_printf(&r->arena, "%s.id", type));
		json_decref(res);
		return NULL;
	}
	return res;
}

int64_t
fhir_from_version(struct req *r, json_t *res)
{
	const char *m = req_header(r, "If-Match"), *v;
	char *end;
	long long n;

	if (m != NULL) {
		if (strncmp(m, "W/", 2) == 0)
			m += 2;
		if (*m != '"' || strlen(m) < 3 || m[strlen(m) - 1] != '"')
			goto bad;
		n = strtoll(m + 1, &end, 10);
		if (end != m + strlen(m) - 1 || n < 1)
			goto bad;
		return n;
	}
	v = json_string_value(json_object_get(json_object_get(res, "meta"), "versionId"));
	if (v != NULL) {
		n = strtoll(v, &end, 10);
		if (*v == '\0' || *end != '\0' || n < 1)
			goto bad;
		return n;
	}
	refuse(r, 428, PROBLEM_REQUIRED, _("Say which version you changed: If-Match: W/\"N\"."),
	    "If-Match");
	return 0;
bad:
	refuse(r, 400, PROBLEM_INVALID_FORMAT, _("If-Match must be W/\"N\"."), "If-Match");
	return -1;
}

void
fhir_refuse_fault(struct req *r, const char *type, const struct fhir_fault *f)
{
	bool unknown = strcmp(f->code, "unknown_element") == 0;

	resp_problem(r, unknown ? 400 : 422, unknown ? PROBLEM_BAD_REQUEST :
	    PROBLEM_VALIDATION_FAILED, unknown ? arena_printf(&r->arena,
	    _("rosc does not keep %s.%s."), type, f->element) : NULL,
	    json_pack("[{s:s, s:s}]", "field", arena_printf(&r->arena, "%s.%s", type,
	    f->element), "code", f->code));
}

void
fhir_send(struct req *r, unsigned status, json_t *res)
{
	const char *v = json_string_value(json_object_get(json_object_get(res, "meta"),
	    "versionId"));

	if (v != NULL)
		resp_header(r, "ETag", arena_printf(&r->arena, "W/\"%s\"", v));
	if (status == 201)
		resp_header(r, "Location", arena_printf(&r->arena, "%s/fhir/R4/%s/%s%s%s",
		    server_config(r->srv)->base_url,
		    json_string_value(json_object_get(res, "resourceType")),
		    json_string_value(json_object_get(res, "id")), v ? "/_history/" : "",
		    v ? v : ""));
	resp_fhir(r, status, res);
}
