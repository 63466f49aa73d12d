/* The person's own reminders of appointments.
 *   GET  /me/reminders   the person: how, when, and how much a reminder says
 *   POST /me/reminders   channel (email, sms, none), day_before (HH:MM or
 *                        empty), hours_before (1-24 or empty), detail
 *                        (minimal, full)
 * The reminders themselves are queued by the reminder job
 * (src/jobs/reminders.c) and sent through the outbox. */
#include "web/reminders.h"

#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "core/person.h"
#include "core/reminder.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "store/reminders.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/me.h"

static const char *const day_times[] = {"", "08:00", "12:00", "16:00", "18:00", "20:00"};
#define NDAY (sizeof(day_times) / sizeof(day_times[0]))
static const char *const hours[] = {"", "1", "2", "3", "6"};
#define NHOURS (sizeof(hours) / sizeof(hours[0]))

static void
render(struct req *r, const struct person *p, const struct reminder_pref *pref,
    unsigned status, const char *message, const struct form_errors *e)
{
	const char *cv[3] = {"email", "sms", "none"}, *cl[3];
	const char *dl[NDAY], *hl[NHOURS], *detail_v[2] = {"minimal", "full"}, *detail_l[2];
	const char *hsel = pref->hours_before > 0 ? arena_printf(&r->arena, "%d",
	    pref->hours_before) : "";
	struct buf b;
	size_t i;

	cl[0] = p->email != NULL ? arena_printf(&r->arena, _("By e-mail to %s"), p->email) :
	    _("By e-mail (you have not given an address yet)");
	cl[1] = p->phone != NULL ? arena_printf(&r->arena, _("By text message to %s"), p->phone) :
	    _("By text message (you have not given a number yet)");
	cl[2] = _("No reminders");
	dl[0] = _("Not the day before");
	for (i = 1; i < NDAY; i++)
		dl[i] = arena_printf(&r->arena, _("The day before at %s"), day_times[i]);
	hl[0] = _("Not on the day");
	for (i = 1; i < NHOURS; i++)
		hl[i] = arena_printf(&r->arena, ngettext("%d hour before", "%d hours before",
		    atoi(hours[i])), atoi(hours[i]));
	detail_l[0] = _("Only that there is an appointment, and when");
	detail_l[1] = _("What it is and where, too");
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Reminders"));
	html(&b, "<nav><a href=\"/persons/%s/appointments\">%s</a></nav>", p->id,
	    _("Back to my appointments"));
	html(&b, "<h1>%s</h1>", _("Reminders"));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	html(&b, "<p>%s</p><p><q>%s</q></p>", _("A reminder says, unless you choose more:"),
	    _("You have an appointment tomorrow at 10:00. Open rosc for details."));
	if (p->email == NULL && p->phone == NULL)
		html(&b, "<p class=\"notice\">%s <a href=\"/persons/%s/edit\">%s</a></p>",
		    _("To get reminders, give an e-mail address or a phone number."), p->id,
		    _("Change my details"));
	form_begin(r, &b, "/me/reminders", e);
	form_select(&b, "channel", _("How"), cv, cl, 3, rem_channel_code(pref->channel), e);
	form_select(&b, "day_before", _("The day before"), day_times, dl, NDAY,
	    pref->day_before, e);
	form_select(&b, "hours_before", _("On the day"), hours, hl, NHOURS, hsel, e);
	form_select(&b, "detail", _("What a reminder says"), detail_v, detail_l, 2,
	    pref->full ? "full" : "minimal", e);
	form_end(&b, _("Save"));
	layout_end(r, &b, status);
}

void
web_reminders(struct req *r)
{
	struct reminder_pref pref;
	struct person p;
	const struct grant *g = web_me_self(r, &p);

	if (g == NULL)
		return;
	if (store_reminder_pref(req_store(r), &r->arena, g, &pref) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	render(r, &p, &pref, 200, req_query(r, "saved") != NULL ? _("Your reminders are saved.") :
	    NULL, NULL);
}

struct save {
	const struct grant *g;
	struct reminder_pref pref;
	int64_t now;
};

static int
write_save(struct store_tx *tx, void *arg)
{
	struct save *w = arg;

	return store_tx_reminder_pref_set(tx, w->g, &w->pref, w->now);
}

static void
after_save(struct req *r, int rc)
{
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, "/me/reminders?saved=1");
}

/* The value if it is one of n choices, else NULL. */
static const char *
choice(const char *v, const char *const *choices, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		if (strcmp(v, choices[i]) == 0)
			return choices[i];
	return NULL;
}

void
web_reminders_save(struct req *r)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct save *w = arena_alloc(&r->arena, sizeof(*w));
	const char *day, *hrs, *detail;
	struct person p;

	struct decision d;

	if (web_me_self(r, &p) == NULL)
		return;
	/* The person's own change of their own settings: a write grant. */
	if ((w->g = door_open(r, p.id, PA_EDIT_RECORD, CAT_BASIC, 0, &d)) == NULL) {
		door_refuse(r, &d, CAT_BASIC);
		return;
	}
	if (!rem_channel_parse(req_form(r, "channel"), &w->pref.channel)) {
		form_error(e, "channel", "invalid_choice");
		w->pref.channel = REM_EMAIL;
	}
	if ((day = choice(req_form(r, "day_before"), day_times, NDAY)) == NULL)
		form_error(e, "day_before", "invalid_choice");
	else
		memcpy(w->pref.day_before, day, strlen(day) + 1);
	if ((hrs = choice(req_form(r, "hours_before"), hours, NHOURS)) == NULL)
		form_error(e, "hours_before", "invalid_choice");
	else
		w->pref.hours_before = atoi(hrs);
	detail = req_form(r, "detail");
	if (detail == NULL || (strcmp(detail, "minimal") != 0 && strcmp(detail, "full") != 0))
		form_error(e, "detail", "invalid_choice");
	else
		w->pref.full = strcmp(detail, "full") == 0;
	if (e->n > 0) {
		render(r, &p, &w->pref, 422, NULL, e);
		return;
	}
	w->now = clock_now_us();
	req_defer_write(r, write_save, w, after_save);
}
