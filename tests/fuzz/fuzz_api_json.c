/* JSON bodies of the API: the body reader (src/http/body.c: UTF-8, JSON,
 * an object, no member twice), then the checks behind three writes, fed
 * the members the way the handlers hand them over: a check-in (POST
 * /api/v1/persons/{id}/checkins: the scales, use and the line), a new
 * appointment (POST .../appointments: core's appt_check_input() and the
 * weekly series) and an appointment's move (POST
 * /api/v1/appointments/{id}/status: appt_check_move()). The handlers'
 * door and store are not here: they take only what these checks pass. */
#include "fuzz.h"

#include <jansson.h>

#include "base/arena.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/appointment.h"
#include "core/checkin.h"
#include "http/body.h"

/* A member as text, as src/api/appointments.c's member() reads it. */
static const char *
text(struct arena *a, json_t *doc, const char *name, bool *bad)
{
	json_t *v = json_object_get(doc, name);
	const char *s;

	if (v == NULL || json_is_null(v))
		return NULL;
	if (json_is_integer(v))
		return arena_printf(a, "%lld", (long long)json_integer_value(v));
	s = json_string_value(v);
	if (s == NULL || strlen(s) != json_string_length(v) || !utf8_valid_text(s, strlen(s))) {
		*bad = true;
		return NULL;
	}
	return arena_strdup(a, s);
}

static void
checkin(struct arena *a, json_t *doc)
{
	static const char *const scales[] = {"mood", "craving", "sleep", "supported"};
	struct checkin c;
	const char *field, *code;
	bool bad = false;
	size_t i;
	json_t *v;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < 4; i++) {
		int *out = i == 0 ? &c.mood : i == 1 ? &c.craving : i == 2 ? &c.sleep : &c.supported;

		v = json_object_get(doc, scales[i]);
		if (json_is_integer(v) && json_integer_value(v) >= -1000 &&
		    json_integer_value(v) <= 1000)
			*out = (int)json_integer_value(v);
		else {
			const char *s = text(a, doc, scales[i], &bad);

			(void)checkin_check_scale(s, i == 1 ? 0 : 1,
			    i == 1 ? CHECKIN_CRAVING_MAX : CHECKIN_MOOD_MAX, out);
		}
	}
	c.line = text(a, doc, "line", &bad);
	if (c.line != NULL && checkin_check_line(c.line) != NULL)
		c.line = NULL;
	(void)checkin_use_parse(text(a, doc, "use", &bad), &c.use);
	if (checkin_valid(&c, &field, &code)) {
		FUZZ_ASSERT(c.mood >= 1 && c.mood <= CHECKIN_MOOD_MAX);
		FUZZ_ASSERT(c.craving >= 0 && c.craving <= CHECKIN_CRAVING_MAX);
	} else {
		FUZZ_ASSERT(field != NULL && code != NULL);
	}
}

static void
appointment(struct arena *a, json_t *doc)
{
	struct appt_input in;
	struct appointment x, *xs;
	struct appt_problem p[12];
	const char *tz;
	bool bad = false;
	int weeks = 1;
	size_t np, i;

	memset(&in, 0, sizeof(in));
	memset(&x, 0, sizeof(x));
	in.title = text(a, doc, "title", &bad);
	in.kind = text(a, doc, "kind", &bad);
	in.date = text(a, doc, "date", &bad);
	in.time = text(a, doc, "time", &bad);
	in.minutes = text(a, doc, "minutes", &bad);
	in.place = text(a, doc, "place", &bad);
	in.video_url = text(a, doc, "video_url", &bad);
	in.bring = text(a, doc, "bring", &bad);
	in.with_name = text(a, doc, "with_name", &bad);
	in.weeks = text(a, doc, "weeks", &bad);
	tz = text(a, doc, "time_zone", &bad);
	if (tz == NULL || !timefmt_zone_valid(tz))
		tz = "Europe/Copenhagen";
	np = appt_check_input(&in, tz, &x, &weeks, p, 12);
	for (i = 0; i < np && i < 12; i++)
		FUZZ_ASSERT(p[i].field != NULL && p[i].code != NULL);
	if (np == 0) {
		FUZZ_ASSERT(x.title != NULL);
		FUZZ_ASSERT(weeks >= 1 && weeks <= APPT_SERIES_MAX);
		FUZZ_ASSERT(x.minutes >= APPT_MINUTES_MIN && x.minutes <= APPT_MINUTES_MAX);
		x.person_id = "0123456789abcdef0123456789abcdef";
		if (appt_series(a, &x, weeks, in.date, in.time, &xs) == 0)
			for (i = 0; i < (size_t)weeks; i++)
				FUZZ_ASSERT(xs[i].starts_us >= x.starts_us);
	}
}

static void
move(struct arena *a, json_t *doc, uint8_t from)
{
	const char *status, *reason, *code = NULL, *field;
	enum appt_status to;
	bool bad = false;

	status = text(a, doc, "status", &bad);
	reason = text(a, doc, "reason", &bad);
	field = appt_check_move((enum appt_party)(from & 1), (enum appt_status)((from >> 1) % AS_COUNT),
	    (from & 0x80) != 0, status, reason, &to, &code);
	if (field == NULL)
		FUZZ_ASSERT(appt_may((enum appt_party)(from & 1),
		    (enum appt_status)((from >> 1) % AS_COUNT), to, (from & 0x80) != 0));
	else
		FUZZ_ASSERT(code != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	enum body_fault fault;
	json_error_t err;
	json_t *doc;

	if (size < 1 || size > 64 * 1024)
		return 0;
	doc = body_json_object((const char *)data + 1, size - 1, &fault, &err);
	if (doc == NULL) {
		FUZZ_ASSERT(fault != BODY_OK);
		return 0;
	}
	FUZZ_ASSERT(fault == BODY_OK && json_is_object(doc));
	switch (data[0] % 3) {
	case 0: checkin(&a, doc); break;
	case 1: appointment(&a, doc); break;
	default: move(&a, doc, data[0]); break;
	}
	json_decref(doc);
	arena_free(&a);
	return 0;
}
