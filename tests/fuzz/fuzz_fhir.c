/* FHIR JSON a client sends (src/view/fhir_in.c): the body as
 * src/fhir/write.c's fhir_body() takes it (the body reader, then
 * resourceType and id against the address), then the reader that turns
 * it into rosc's values: Goal, CarePlan, QuestionnaireResponse,
 * Appointment or Task, picked by the first byte. The writers behind them
 * (door, store) take only what these pass; a fault names an element and
 * a code. */
#include "fuzz.h"

#include <jansson.h>

#include "base/arena.h"
#include "base/utf8.h"
#include "core/appointment.h"
#include "core/plan.h"
#include "core/questionnaire.h"
#include "http/body.h"
#include "view/fhir.h"

static void
fault_ok(int rc, const struct fhir_fault *f)
{
	if (rc != 0)
		FUZZ_ASSERT(f->element != NULL && f->code != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const types[] = {
		"Goal", "CarePlan", "QuestionnaireResponse", "Appointment", "Task",
	};
	struct arena a = ARENA_INIT;
	struct fhir_fault f = {0};
	enum body_fault fault;
	json_error_t err;
	const char *type, *id;
	json_t *res;
	int rc;

	if (size < 1 || size > 64 * 1024)
		return 0;
	type = types[data[0] % 5];
	res = body_json_object((const char *)data + 1, size - 1, &fault, &err);
	if (res == NULL)
		return 0;
	/* A create (no id) and an update of the id it names. */
	id = json_string_value(json_object_get(res, "id"));
	if (fhir_resource_check(res, type, NULL) != NULL) {
		json_decref(res);
		return 0;
	}
	FUZZ_ASSERT(id == NULL || fhir_resource_check(res, type, id) == NULL);
	switch (data[0] % 5) {
	case 0: {
		struct goal g;

		memset(&g, 0, sizeof(g));
		rc = fhir_goal_read(res, &g, &f);
		fault_ok(rc, &f);
		if (rc == 0) {
			FUZZ_ASSERT(g.title != NULL && utf8_valid_text(g.title, strlen(g.title)));
			FUZZ_ASSERT(utf8_count(g.title, strlen(g.title)) <= GOAL_TITLE_MAX);
		}
		break;
	}
	case 1: {
		struct fhir_activity *acts = NULL;
		size_t n = 0, i;

		rc = fhir_careplan_read(res, &a, &acts, &n, &f);
		fault_ok(rc, &f);
		for (i = 0; rc == 0 && i < n; i++)
			FUZZ_ASSERT(acts[i].title != NULL && acts[i].at != NULL);
		break;
	}
	case 2: {
		struct fhir_qr_in in;
		size_t i;

		memset(&in, 0, sizeof(in));
		rc = fhir_qresponse_read(&a, res, &in, &f);
		fault_ok(rc, &f);
		for (i = 0; rc == 0 && i < in.n; i++)
			FUZZ_ASSERT(in.answers[i].item != NULL);
		break;
	}
	case 3: {
		struct fhir_appt_in in;
		enum appt_status to;

		memset(&in, 0, sizeof(in));
		rc = fhir_appointment_read(res, &a, &in, &f);
		fault_ok(rc, &f);
		if (rc == 0) {
			struct appointment x;
			struct appt_problem p[12];
			int weeks = 1;

			if (in.status != NULL)
				(void)fhir_appointment_status(&in, &to);
			memset(&x, 0, sizeof(x));
			(void)appt_check_input(&in.in, "Europe/Amsterdam", &x, &weeks, p, 12);
		}
		break;
	}
	default: {
		struct fhir_task_in in;

		memset(&in, 0, sizeof(in));
		rc = fhir_task_read(res, &a, &in, &f);
		fault_ok(rc, &f);
		break;
	}
	}
	json_decref(res);
	arena_free(&a);
	return 0;
}
