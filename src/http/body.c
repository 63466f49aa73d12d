/* A request body as a JSON object (see body.h). */
#include "http/body.h"

#include "base/utf8.h"

json_t *
body_json_object(const char *data, size_t len, enum body_fault *fault, json_error_t *err)
{
	json_t *doc;

	if (len == 0 || !utf8_valid(data, len)) {
		*fault = len == 0 ? BODY_EMPTY : BODY_ENCODING;
		return NULL;
	}
	doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, err);
	if (doc == NULL || !json_is_object(doc)) {
		*fault = doc == NULL ? BODY_SYNTAX : BODY_NOT_OBJECT;
		json_decref(doc);
		return NULL;
	}
	*fault = BODY_OK;
	return doc;
}
