/* The appointment state machine and its words (see appointment.h). */
#include "core/appointment.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "base/utf8.h"

#define B(s) (1u << (s))

static const char *const status_codes[AS_COUNT] = {
	"planned", "confirmed", "done", "missed", "cancelled",
};
static const char *const kind_codes[AK_COUNT] = {
	"treatment", "health", "social", "housing", "work", "peer", "other",
};
static const char *const what_codes[AW_COUNT] = {
	"created", "changed", "planned", "confirmed", "move_asked", "done", "missed",
	"cancelled",
};

static bool
parse(const char *const *codes, unsigned n, const char *s, unsigned *out)
{
	unsigned i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, codes[i]) == 0) {
			*out = i;
			return true;
		}
	return false;
}

const char *
appt_status_code(enum appt_status s)
{
	return status_codes[(unsigned)s < AS_COUNT ? s : 0];
}

bool
appt_status_parse(const char *s, enum appt_status *out)
{
	unsigned i;

	if (!parse(status_codes, AS_COUNT, s, &i))
		return false;
	*out = (enum appt_status)i;
	return true;
}

const char *
appt_status_label(enum appt_status s)
{
	static const char *const labels[AS_COUNT] = {
		N_("Planned"), N_("Confirmed"), N_("Done"), N_("Missed"), N_("Cancelled"),
	};

	return _(labels[(unsigned)s < AS_COUNT ? s : 0]);
}

const char *
appt_kind_code(enum appt_kind k)
{
	return kind_codes[(unsigned)k < AK_COUNT ? k : AK_OTHER];
}

bool
appt_kind_parse(const char *s, enum appt_kind *out)
{
	unsigned i;

	if (!parse(kind_codes, AK_COUNT, s, &i))
		return false;
	*out = (enum appt_kind)i;
	return true;
}

const char *
appt_kind_label(enum appt_kind k)
{
	static const char *const labels[AK_COUNT] = {
		N_("Treatment or counselling"), N_("Health"), N_("Social services"),
		N_("Housing"), N_("Work or education"), N_("Peer support"), N_("Other"),
	};

	return _(labels[(unsigned)k < AK_COUNT ? k : AK_OTHER]);
}

const char *
appt_what_code(enum appt_what w)
{
	return what_codes[(unsigned)w < AW_COUNT ? w : AW_CHANGED];
}

bool
appt_what_parse(const char *s, enum appt_what *out)
{
	unsigned i;

	if (!parse(what_codes, AW_COUNT, s, &i))
		return false;
	*out = (enum appt_what)i;
	return true;
}

const char *
appt_what_label(enum appt_what w)
{
	static const char *const labels[AW_COUNT] = {
		N_("Made"), N_("Changed"), N_("Planned again"), N_("Confirmed"),
		N_("Asked to move it"), N_("Done"), N_("Missed"), N_("Cancelled"),
	};

	return _(labels[(unsigned)w < AW_COUNT ? w : AW_CHANGED]);
}

enum appt_what
appt_what_of(enum appt_status s)
{
	switch (s) {
	case AS_PLANNED: return AW_PLANNED;
	case AS_CONFIRMED: return AW_CONFIRMED;
	case AS_DONE: return AW_DONE;
	case AS_MISSED: return AW_MISSED;
	case AS_CANCELLED: return AW_CANCELLED;
	default: return AW_CHANGED;
	}
}

bool
appt_open(enum appt_status s)
{
	return s == AS_PLANNED || s == AS_CONFIRMED;
}

unsigned
appt_moves(enum appt_party p, enum appt_status from, bool started)
{
	unsigned m = 0;

	if ((unsigned)from >= AS_COUNT)
		return 0;
	switch (p) {
	case AP_PERSON:
		/* The person says they will come, or that they will not. */
		if (from == AS_PLANNED && !started)
			m |= B(AS_CONFIRMED);
		if (appt_open(from) && !started)
			m |= B(AS_CANCELLED);
		return m;
	case AP_TEAM:
		/* How it went, once it has begun; a mistake can be put right. */
		if (appt_open(from)) {
			m |= B(AS_CANCELLED);
			if (started)
				m |= B(AS_DONE) | B(AS_MISSED);
		}
		if (from == AS_DONE)
			m |= B(AS_MISSED);
		if (from == AS_MISSED)
			m |= B(AS_DONE);
		if (from == AS_CANCELLED && !started)
			m |= B(AS_PLANNED);
		return m;
	default:
		return 0;
	}
}

bool
appt_may(enum appt_party p, enum appt_status from, enum appt_status to, bool started)
{
	return (unsigned)to < AS_COUNT && (appt_moves(p, from, started) & B(to)) != 0;
}

const char *
appt_check_move(enum appt_party p, enum appt_status from, bool started, const char *status,
    const char *reason, enum appt_status *to, const char **code)
{
	if (status == NULL || *status == '\0') {
		*code = "required";
		return "status";
	}
	if (!appt_status_parse(status, to)) {
		*code = "invalid_choice";
		return "status";
	}
	if (!appt_may(p, from, *to, started)) {
		*code = "illegal_transition";
		return "status";
	}
	if (*to == AS_CANCELLED && (reason == NULL || *reason == '\0')) {
		*code = "required";
		return "reason";
	}
	return NULL;
}

bool
appt_video_url_valid(const char *url)
{
	const char *host, *p;

	if (url == NULL || strncmp(url, "https://", 8) != 0 || strlen(url) > APPT_URL_MAX)
		return false;
	host = url + 8;
	if (*host == '\0' || *host == '/' || *host == '.' || *host == ':' || *host == '@')
		return false;
	for (p = url; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' || *p == '>' ||
		    *p == '\\' || *p == '^' || *p == '`' || *p == '{' || *p == '|' ||
		    *p == '}' || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

const char *
appt_fhir_status(enum appt_status s)
{
	switch (s) {
	case AS_PLANNED: return "booked";
	case AS_CONFIRMED: return "booked";
	case AS_DONE: return "fulfilled";
	case AS_MISSED: return "noshow";
	case AS_CANCELLED: return "cancelled";
	default: return "proposed";
	}
}

const char *
appt_with(const struct appointment *x)
{
	if (x->with_member_name != NULL)
		return x->with_member_name;
	if (x->with_name != NULL)
		return x->with_name;
	if (x->with_service_name != NULL)
		return x->with_service_name;
	return x->with_org_name;
}

struct problems {
	struct appt_problem *p;
	size_t n, max;
};

static void
problem(struct problems *ps, const char *field, const char *code)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].field, field) == 0)
			return;
	if (ps->n < ps->max) {
		ps->p[ps->n].field = field;
		ps->p[ps->n].code = code;
		ps->n++;
	}
}

const char *
appt_check_text(const char *s, size_t max, bool required, const char **code)
{
	*code = NULL;
	if (s == NULL || strspn(s, " \t\r\n") == strlen(s)) {
		if (required)
			*code = "required";
		return NULL;
	}
	if (!utf8_valid_text(s, strlen(s)))
		*code = "invalid_format";
	else if (utf8_count(s, strlen(s)) > max)
		*code = "too_long";
	return s;
}

/* A text: NULL when empty; a problem when over max characters or not
 * text. */
static const char *
text(struct problems *ps, const char *field, const char *s, size_t max, bool required)
{
	const char *code, *t = appt_check_text(s, max, required, &code);

	if (code != NULL)
		problem(ps, field, code);
	return t;
}

/* A whole number from lo to hi, else -1. */
static long
number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9' || strlen(s) > 6)
		return -1;
	v = strtol(s, &end, 10);
	return *end == '\0' && v >= lo && v <= hi ? v : -1;
}

size_t
appt_check_input(const struct appt_input *in, const char *tz, struct appointment *x,
    int *weeks, struct appt_problem *p, size_t max)
{
	struct problems ps = {p, 0, max};
	long v;
	int rc;

	x->title = text(&ps, "title", in->title, APPT_TITLE_MAX, true);
	if (in->kind == NULL || *in->kind == '\0')
		x->kind = AK_OTHER;
	else if (!appt_kind_parse(in->kind, &x->kind))
		problem(&ps, "kind", "invalid_choice");
	x->time_zone = tz;
	if (in->date == NULL || *in->date == '\0')
		problem(&ps, "date", "required");
	if (in->time == NULL || *in->time == '\0')
		problem(&ps, "time", "required");
	if (in->date != NULL && *in->date != '\0' && in->time != NULL && *in->time != '\0') {
		rc = timefmt_local_to_us(in->date, in->time, tz, 0, &x->starts_us);
		if (rc == TIMEFMT_SKIPPED)
			problem(&ps, "time", "skipped_time");
		else if (rc != 0 && timefmt_local_to_us(in->date, "12:00", tz, 0, &x->starts_us) != 0)
			problem(&ps, "date", "invalid_date");
		else if (rc != 0)
			problem(&ps, "time", "invalid_time");
	}
	if (in->minutes == NULL || *in->minutes == '\0')
		x->minutes = 60;
	else if ((v = number(in->minutes, APPT_MINUTES_MIN, APPT_MINUTES_MAX)) < 0)
		problem(&ps, "minutes", "out_of_range");
	else
		x->minutes = (int)v;
	x->place = text(&ps, "place", in->place, APPT_TEXT_MAX, false);
	x->video_url = text(&ps, "video_url", in->video_url, APPT_URL_MAX, false);
	if (x->video_url != NULL && !appt_video_url_valid(x->video_url))
		problem(&ps, "video_url", "not_https");
	x->bring = text(&ps, "bring", in->bring, APPT_TEXT_MAX, false);
	x->with_name = text(&ps, "with_name", in->with_name, APPT_TITLE_MAX, false);
	if (in->weeks == NULL || *in->weeks == '\0')
		*weeks = 1;
	else if ((v = number(in->weeks, 1, APPT_SERIES_MAX)) < 0)
		problem(&ps, "weeks", "out_of_range");
	else
		*weeks = (int)v;
	return ps.n;
}

int
appt_series(struct arena *a, const struct appointment *x, int weeks, const char *date,
    const char *time, struct appointment **out)
{
	struct appointment *xs;
	char *series = NULL;
	int i, rc;

	if (weeks < 1 || weeks > APPT_SERIES_MAX)
		return TIMEFMT_BAD;
	xs = arena_alloc(a, (size_t)weeks * sizeof(*xs));
	if (weeks > 1) {
		series = arena_alloc(a, ID_LEN + 1);
		id_new(series);
	}
	for (i = 0; i < weeks; i++) {
		char *id = arena_alloc(a, ID_LEN + 1);

		xs[i] = *x;
		id_new(id);
		xs[i].id = id;
		xs[i].series_id = series;
		/* Each at the same local time, whatever the clocks do between. */
		if (i > 0 && (rc = timefmt_local_to_us(date, time, x->time_zone, 7 * i,
		    &xs[i].starts_us)) != 0)
			return rc;
	}
	*out = xs;
	return 0;
}
