/* A person's appointments.
 *   GET  /persons/{id}/appointments               the person, and whoever the door
 *                                                 lets read appointments
 *   GET  /persons/{id}/appointments/new           those who may write them (the team,
 *   POST /persons/{id}/appointments/new           the person): one, or weekly for weeks
 *   GET  /persons/{id}/appointments/{aid}         one, its history, what the viewer may do
 *   GET  /persons/{id}/appointments/{aid}/edit    change its time, place, with whom
 *   POST /persons/{id}/appointments/{aid}/edit
 *   POST /persons/{id}/appointments/{aid}/status  a move (status, reason, version), or
 *                                                 status=move: the person asks to move it
 * Times are typed and shown in the viewer's time zone (staff: their
 * organisation's; the person: their own); an appointment made in another
 * zone also shows its own local time. */
#include "web/appointments.h"

#include <stdlib.h>
#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/accompaniment.h"
#include "core/actor.h"
#include "core/appointment.h"
#include "core/pathway_run.h"
#include "core/person.h"
#include "core/plan.h"
#include "core/referral.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/accompaniment.h"
#include "store/appointments.h"
#include "store/audit.h"
#include "store/network.h"
#include "store/persons.h"
#include "store/plan.h"
#include "store/referrals.h"
#include "view/appointment.h"
#include "web/accompaniment.h"
#include "web/forms.h"
#include "web/layout.h"

struct page {
	const char *id;
	const struct grant *g;
	struct person p;
	bool have_p;              /* the record could be read (the name, the zone) */
	enum appt_party party;    /* AP_COUNT: may only read */
	const char *zone;
};

/* The viewer's time zone: their organisation's, or the person's own. */
static const char *
viewer_zone(struct req *r, const struct page *pg)
{
	if (!grant_is_self(pg->g) && r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	if (pg->have_p && pg->p.time_zone != NULL)
		return pg->p.time_zone;
	return r->actor->org_time_zone != NULL ? r->actor->org_time_zone : "Europe/Copenhagen";
}

/* Through the door for the person's appointments; answers and returns
 * false if not. write: to make or change them (the team, or the person). */
static bool
open_page(struct req *r, bool write, struct page *pg)
{
	struct decision d;

	memset(pg, 0, sizeof(*pg));
	pg->id = req_param(r, 0);
	pg->g = door_open_lazy(r, pg->id, write ? PA_EDIT_PLAN : PA_READ, CAT_APPOINTMENTS,
	    CAT_BIT(CAT_BASIC) | CAT_BIT(CAT_PLAN) | CAT_BIT(CAT_SUBSTANCE), &d);
	if (pg->g == NULL) {
		door_refuse(r, &d, CAT_APPOINTMENTS);
		return false;
	}
	pg->have_p = grant_covers(pg->g, CAT_BASIC) &&
	    store_person_get(req_store(r), &r->arena, pg->g, &pg->p) == 0;
	if (grant_is_self(pg->g))
		pg->party = AP_PERSON;
	else if (door_may(r, pg->g, PA_EDIT_PLAN, CAT_APPOINTMENTS))
		pg->party = AP_TEAM;
	else
		pg->party = AP_COUNT;
	pg->zone = viewer_zone(r, pg);
	return true;
}

/* The person's name, noted as shown; NULL for the person themselves. */
static const char *
shown_name(struct req *r, const struct page *pg)
{
	if (grant_is_self(pg->g) || !pg->have_p)
		return NULL;
	door_shown(r, pg->g, CAT_BASIC);
	return pg->p.preferred_name != NULL ? pg->p.preferred_name : pg->p.display_name;
}

/* When, in the viewer's zone, and the appointment's own local time if it
 * was made in another zone and that differs: an arena string. */
const char *
web_appointment_when(struct req *r, int64_t starts_us, const char *made_zone,
    const char *zone)
{
	const char *s = timefmt_instant(&r->arena, starts_us, zone, r->lang, TIMEFMT_DATETIME);
	const char *mine, *theirs;

	/* Made in another zone: its own local time too, where that differs. */
	if (made_zone != NULL && zone != NULL && strcmp(made_zone, zone) != 0) {
		mine = timefmt_instant(&r->arena, starts_us, zone, r->lang, TIMEFMT_TIME);
		theirs = timefmt_instant(&r->arena, starts_us, made_zone, r->lang, TIMEFMT_TIME);
		if (strcmp(mine, theirs) != 0)
			s = arena_printf(&r->arena, _("%s (%s in %s)"), s, theirs,
			    timefmt_zone_city(&r->arena, made_zone, r->lang));
	}
	return s;
}

static void
time_tag(struct req *r, struct buf *b, const struct appointment *x, const char *zone)
{
	char iso[21];

	clock_format_datetime(x->starts_us, iso);
	html(b, "<time datetime=\"%s\">%s</time>", iso,
	    web_appointment_when(r, x->starts_us, x->time_zone, zone));
}

static void
status_line(struct req *r, struct buf *b, const struct appointment *x)
{
	html(b, "<span class=\"status appt-%s\">%s</span>", appt_status_code(x->status),
	    appt_status_label(x->status));
	if (x->move_asked && appt_open(x->status))
		html(b, " <span class=\"flag\">%s</span>", _("Asked to move it"));
}

void
web_appointment_items(struct req *r, struct buf *b, const struct appointment *xs, size_t n,
    const char *zone, const struct accompaniment *cs, size_t ncs)
{
	size_t i, k;

	html_raw(b, "<ul class=\"cards appointments\">");
	for (i = 0; i < n; i++) {
		const struct appointment *x = &xs[i];
		const char *with = appt_with(x);

		html(b, "<li><h3><a href=\"/persons/%s/appointments/%s\">%s</a></h3><p>",
		    x->person_id, x->id, x->title);
		time_tag(r, b, x, zone);
		html_raw(b, "</p><p>");
		status_line(r, b, x);
		html_raw(b, "</p>");
		if (with != NULL)
			html(b, "<p>%s %s</p>", _("With:"), with);
		if (x->video_url != NULL)
			html(b, "<p>%s</p>", _("By video"));
		else if (x->place != NULL)
			html(b, "<p>%s %s</p>", _("Where:"), x->place);
		/* Who will come along, if someone said yes. */
		for (k = 0; k < ncs; k++)
			if (cs[k].status == ACC_ACCEPTED && appt_open(x->status) &&
			    strcmp(cs[k].appointment_id, x->id) == 0 && cs[k].volunteer_first_name != NULL)
				html(b, "<p class=\"companion\">%s</p>", arena_printf(&r->arena,
				    _("%s will come along."), cs[k].volunteer_first_name));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

int
web_appointments_next(struct req *r, struct buf *b, const struct grant *g, const char *zone)
{
	struct appt_filter f = {0};
	struct appointment *xs;
	const struct appointment *x;
	char iso[21];
	size_t n;
	int rc;

	f.from_us = clock_now_us();
	f.open_only = true;
	f.limit = 1;
	if ((rc = store_appointments(req_store(r), &r->arena, g, &f, &xs, &n)) != 0 || n == 0)
		return rc;
	/* One line, so that the person's own pages stay within the first
	 * screens of a phone; the rest are a tap away ("My appointments"). */
	x = &xs[0];
	clock_format_datetime(x->starts_us, iso);
	html(b, "<div class=\"next-appointment\"><strong>%s</strong> "
	    "<a href=\"/persons/%s/appointments/%s\">%s</a> <time datetime=\"%s\">%s</time>",
	    _("Next appointment:"), x->person_id, x->id, x->title, iso,
	    arena_printf(&r->arena, _("%s, %s"), timefmt_instant(&r->arena, x->starts_us, zone,
	    r->lang, TIMEFMT_SHORT_DATE), timefmt_instant(&r->arena, x->starts_us, zone, r->lang,
	    TIMEFMT_TIME)));
	/* One tap to say "I will come". */
	if (x->status == AS_PLANNED) {
		html(b, " <form method=\"post\" action=\"/persons/%s/appointments/%s/status\" "
		    "class=\"inline\">", x->person_id, x->id);
		form_csrf(r, b);
		html(b, "<input type=\"hidden\" name=\"status\" value=\"confirmed\">"
		    "<input type=\"hidden\" name=\"version\" value=\"%s\">"
		    "<button type=\"submit\" class=\"link-button\">%s</button></form></div>",
		    arena_printf(&r->arena, "%lld", (long long)x->version), _("I will come"));
	} else {
		html(b, " <span class=\"small\">%s</span></div>", appt_status_label(x->status));
	}
	return 0;
}

void
web_appointments(struct req *r)
{
	struct page pg;
	struct appt_filter coming = {0}, earlier = {0};
	struct appointment *xs, *ys;
	struct accompaniment *cs = NULL;
	size_t n, m, ncs = 0;
	const char *name;
	struct buf b;
	bool self;

	if (!open_page(r, false, &pg))
		return;
	self = pg.party == AP_PERSON;
	coming.from_us = clock_now_us();
	coming.open_only = true;
	earlier.until_us = clock_now_us();
	earlier.newest_first = true;
	earlier.limit = 50;
	if (store_appointments(req_store(r), &r->arena, pg.g, &coming, &xs, &n) != 0 ||
	    store_appointments(req_store(r), &r->arena, pg.g, &earlier, &ys, &m) != 0 ||
	    (n > 0 && store_accompaniments(req_store(r), &r->arena, pg.g, NULL, &cs, &ncs) != 0)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	name = shown_name(r, &pg);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, self ? _("My appointments") : _("Appointments"));
	if (self)
		html(&b, "<nav><a href=\"/me\">%s</a></nav>", _("Back to my page"));
	else if (name != NULL)
		html(&b, "<nav><a href=\"/persons/%s\">%s</a></nav>", pg.id,
		    arena_printf(&r->arena, _("Back to %s"), name));
	html(&b, "<h1>%s</h1>", self ? _("My appointments") : name != NULL ?
	    arena_printf(&r->arena, _("Appointments for %s"), name) : _("Appointments"));
	if (req_query(r, "saved") != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("The appointment is saved."));
	html(&b, "<p class=\"small\">%s</p>", arena_printf(&r->arena, _("Times are in %s time."),
	    timefmt_zone_city(&r->arena, pg.zone, r->lang)));
	if (pg.party != AP_COUNT)
		html(&b, "<p><a class=\"button\" href=\"/persons/%s/appointments/new\">%s</a></p>",
		    pg.id, _("New appointment"));
	if (self)
		html(&b, "<p><a href=\"/me/reminders\">%s</a></p>",
		    _("How and when I get reminders"));
	html(&b, "<p><a href=\"/me/calendar\">%s</a></p>", self ?
	    _("Show my appointments in my phone's calendar") :
	    _("Show the appointments I make in my phone's calendar"));
	html(&b, "<section aria-labelledby=\"s-coming\"><h2 id=\"s-coming\">%s</h2>",
	    _("Coming"));
	if (n == 0)
		html(&b, "<p>%s</p>", _("No appointments coming up."));
	else
		web_appointment_items(r, &b, xs, n, pg.zone, cs, ncs);
	html(&b, "</section><section aria-labelledby=\"s-earlier\"><h2 id=\"s-earlier\">%s</h2>",
	    _("Earlier"));
	if (m == 0)
		html(&b, "<p>%s</p>", _("No earlier appointments."));
	else
		web_appointment_items(r, &b, ys, m, pg.zone, NULL, 0);
	html_raw(&b, "</section>");
	layout_end(r, &b, 200);
}

/* Making and changing */

struct form {
	struct appt_input in;
	const char *with_member, *goal, *referral;
};

/* The person's current network, for "with whom". */
static void
with_select(struct req *r, struct buf *b, const struct page *pg, const char *selected,
    const struct form_errors *e)
{
	struct network_member *net = NULL;
	size_t nnet = 0, i, k = 0;
	const char **v, **l;

	if (grant_covers(pg->g, CAT_BASIC))
		(void)store_network(req_store(r), &r->arena, pg->g, &net, &nnet);
	v = arena_alloc(&r->arena, (nnet + 1) * sizeof(*v));
	l = arena_alloc(&r->arena, (nnet + 1) * sizeof(*l));
	v[k] = "";
	l[k++] = _("Nobody from the network");
	for (i = 0; i < nnet; i++) {
		if (net[i].until_date != NULL && strcmp(net[i].until_date, today_utc(r)) < 0)
			continue;
		v[k] = net[i].id;
		l[k++] = net[i].org_name != NULL ? arena_printf(&r->arena, _("%s, %s"),
		    net[i].display_name ? net[i].display_name : _("Someone"), net[i].org_name) :
		    net[i].display_name ? net[i].display_name : _("Someone");
	}
	if (nnet > 0)
		door_shown(r, pg->g, CAT_BASIC);
	form_select(b, "with_member", _("With someone from the network"), v, l, k, selected, e);
}

static void
goal_select(struct req *r, struct buf *b, const struct page *pg, const char *selected,
    const struct form_errors *e)
{
	struct goal *goals = NULL;
	size_t ngoals = 0, i;
	const char **v, **l;

	if (!grant_covers(pg->g, CAT_PLAN) ||
	    store_goals(req_store(r), &r->arena, pg->g, &goals, &ngoals) != 0 || ngoals == 0)
		return;
	door_shown(r, pg->g, CAT_PLAN);
	v = arena_alloc(&r->arena, (ngoals + 1) * sizeof(*v));
	l = arena_alloc(&r->arena, (ngoals + 1) * sizeof(*l));
	v[0] = "";
	l[0] = _("No goal");
	for (i = 0; i < ngoals; i++) {
		v[i + 1] = goals[i].id;
		l[i + 1] = goals[i].title != NULL ? goals[i].title : domain_label(goals[i].domain);
	}
	form_select(b, "goal", _("For which goal"), v, l, ngoals + 1, selected, e);
}

static void
render_form(struct req *r, const struct page *pg, const struct appointment *old,
    unsigned status, const struct form *f, const struct form_errors *e)
{
	static const char *const minutes[] = {"15", "30", "45", "60", "90", "120", "180", "240"};
	const char *kv[AK_COUNT], *kl[AK_COUNT], *ml[8], *wv[APPT_SERIES_MAX], *wl[APPT_SERIES_MAX];
	const char *action, *title;
	struct buf b;
	int i;

	for (i = 0; i < AK_COUNT; i++) {
		kv[i] = appt_kind_code((enum appt_kind)i);
		kl[i] = appt_kind_label((enum appt_kind)i);
	}
	for (i = 0; i < 8; i++)
		ml[i] = arena_printf(&r->arena, ngettext("%d minute", "%d minutes",
		    atoi(minutes[i])), atoi(minutes[i]));
	for (i = 0; i < APPT_SERIES_MAX; i++) {
		wv[i] = arena_printf(&r->arena, "%d", i + 1);
		wl[i] = i == 0 ? _("Just once") : arena_printf(&r->arena,
		    _("Every week, %d times"), i + 1);
	}
	title = old != NULL ? _("Change the appointment") : _("New appointment");
	action = old != NULL ? arena_printf(&r->arena, "/persons/%s/appointments/%s/edit",
	    pg->id, old->id) : arena_printf(&r->arena, "/persons/%s/appointments/new", pg->id);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<nav><a href=\"%s\">%s</a></nav>", old != NULL ?
	    arena_printf(&r->arena, "/persons/%s/appointments/%s", pg->id, old->id) :
	    arena_printf(&r->arena, "/persons/%s/appointments", pg->id),
	    old != NULL ? _("Back to the appointment") : _("Back to the appointments"));
	html(&b, "<h1>%s</h1>", title);
	form_begin(r, &b, action, e);
	if (old != NULL)
		html(&b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
		    arena_printf(&r->arena, "%lld", (long long)old->version));
	/* A referral the viewer may not link (not this person's, or no longer
	 * shown to them) is dropped, and said so; its id is not echoed. */
	if (form_error_at(e, "referral") != NULL)
		html(&b, "<p class=\"error\" id=\"e-referral\">%s</p>",
		    _("This appointment cannot be linked to that referral. Save it without the "
		    "link, or start again from the referral."));
	else if (f->referral != NULL && *f->referral != '\0')
		html(&b, "<input type=\"hidden\" name=\"referral\" value=\"%s\">", f->referral);
	form_input(&b, "title", _("What is it"), "text", f->in.title, "off",
	    _("In plain words, for example \"Talk with Mette at the clinic\"."), e);
	form_select(&b, "kind", _("Kind of appointment"), kv, kl, AK_COUNT, f->in.kind, e);
	form_date(&b, "date", _("Day"), f->in.date, "off", NULL, e);
	form_input(&b, "time", _("Time"), "time", f->in.time, "off",
	    arena_printf(&r->arena, _("In %s time, as HH:MM."),
	    timefmt_zone_city(&r->arena, pg->zone, r->lang)), e);
	form_select(&b, "minutes", _("How long"), minutes, ml, 8,
	    f->in.minutes != NULL && *f->in.minutes != '\0' ? f->in.minutes : "60", e);
	if (old == NULL)
		form_select(&b, "weeks", _("Repeat"), wv, wl, APPT_SERIES_MAX, f->in.weeks, e);
	with_select(r, &b, pg, f->with_member, e);
	form_input(&b, "with_name", _("Or with whom, in words"), "text", f->in.with_name, "off",
	    NULL, e);
	form_input(&b, "place", _("Address"), "text", f->in.place, "off", NULL, e);
	form_input(&b, "video_url", _("Video link"), "url", f->in.video_url, "off",
	    _("For an appointment by video: the link, starting with https://."), e);
	form_textarea(&b, "bring", _("What to bring (optional)"), f->in.bring, NULL, e);
	goal_select(r, &b, pg, f->goal, e);
	form_end(&b, _("Save"));
	layout_end(r, &b, status);
}

static void
read_form(struct req *r, struct form_errors *e, struct form *f)
{
	f->in.title = form_text(r, e, "title", true, APPT_TITLE_MAX);
	f->in.kind = req_form(r, "kind");
	f->in.date = req_form(r, "date");
	f->in.time = req_form(r, "time");
	f->in.minutes = req_form(r, "minutes");
	f->in.weeks = req_form(r, "weeks");
	f->in.with_name = form_text(r, e, "with_name", false, APPT_TITLE_MAX);
	f->in.place = form_text(r, e, "place", false, APPT_TEXT_MAX);
	f->in.video_url = form_text(r, e, "video_url", false, APPT_URL_MAX);
	f->in.bring = form_text(r, e, "bring", false, APPT_TEXT_MAX);
	f->with_member = req_form(r, "with_member");
	f->goal = req_form(r, "goal");
	f->referral = req_form(r, "referral");
}

/* Checks the form into x: the fields, then the network member, goal and
 * referral it names, which must be this person's (someone else's is no
 * choice at all). Returns 0, or ERR_DB after answering. */
static int
check_form(struct req *r, const struct page *pg, const struct form *f, struct form_errors *e,
    struct appointment *x, int *weeks)
{
	struct appt_problem p[12];
	unsigned bad = 0;
	size_t np, i;
	int rc;

	np = appt_check_input(&f->in, pg->zone, x, weeks, p, 12);
	for (i = 0; i < np; i++)
		form_error(e, p[i].field, p[i].code);
	rc = view_appointment_links(req_store(r), &r->arena, pg->g, today_utc(r), f->with_member,
	    f->goal, x, &bad);
	if (rc != 0 && rc != ERR_INVALID) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return ERR_DB;
	}
	if (bad & APPT_BAD_MEMBER)
		form_error(e, "with_member", "invalid_choice");
	if (bad & APPT_BAD_GOAL)
		form_error(e, "goal", "invalid_choice");
	return 0;
}

/* The referral an appointment is for, if the viewer sees it: its service
 * and the organisation that runs it become "with whom". */
static bool
referral_for(struct req *r, const char *person_id, const char *rid, struct referral *out)
{
	struct decision d;
	const struct grant *rg;

	if (rid == NULL || *rid == '\0' || !id_valid(rid, strlen(rid)))
		return false;
	rg = door_referrals(r, person_id, false, 0, &d);
	return rg != NULL && store_referral_get(req_store(r), &r->arena, rg, rid, out) == 0;
}

void
web_appointment_new(struct req *r)
{
	struct page pg;
	struct form f = {0};
	struct referral ref;

	if (!open_page(r, true, &pg))
		return;
	f.goal = req_query(r, "goal");
	f.referral = req_query(r, "referral");
	if (referral_for(r, pg.id, f.referral, &ref)) {
		f.in.title = arena_printf(&r->arena, _("Appointment at %s"), ref.service_name);
		if (ref.goal_id != NULL)
			f.goal = ref.goal_id;
	} else {
		f.referral = NULL;
	}
	f.in.kind = "other";
	render_form(r, &pg, NULL, 200, &f, NULL);
}

struct create {
	const struct grant *g;
	struct appointment *xs;
	int n;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_create(struct store_tx *tx, void *arg)
{
	struct create *c = arg;
	int rc = store_tx_appointments_insert(tx, c->g, c->xs, (size_t)c->n, c->now);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_create(struct req *r, int rc)
{
	struct create *c = r->write_arg;

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, c->n == 1 ? arena_printf(&r->arena,
	    "/persons/%s/appointments/%s?saved=1", grant_person(c->g), c->xs[0].id) :
	    arena_printf(&r->arena, "/persons/%s/appointments?saved=1", grant_person(c->g)));
}

void
web_appointment_create(struct req *r)
{
	struct page pg;
	struct form f = {0};
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct appointment x = {0};
	struct referral ref;
	struct create *c;
	int weeks = 1;

	if (!open_page(r, true, &pg))
		return;
	read_form(r, e, &f);
	if (check_form(r, &pg, &f, e, &x, &weeks) != 0)
		return;
	if (f.referral != NULL && *f.referral != '\0') {
		if (!referral_for(r, pg.id, f.referral, &ref))
			form_error(e, "referral", "invalid_choice");
		else {
			x.referral_id = ref.id;
			x.with_service_id = ref.service_id;
			x.with_org_id = ref.to_org_id;
		}
	}
	c = arena_alloc(&r->arena, sizeof(*c));
	x.person_id = pg.id;
	if (e->n == 0 && appt_series(&r->arena, &x, weeks, f.in.date, f.in.time, &c->xs) != 0)
		form_error(e, "weeks", "skipped_time");
	if (e->n > 0) {
		render_form(r, &pg, NULL, 422, &f, e);
		return;
	}
	if (x.with_org_id == NULL && pg.party == AP_TEAM)
		x.with_org_id = r->actor->org_id;
	c->g = pg.g;
	c->n = weeks;
	c->now = clock_now_us();
	for (int i = 0; i < weeks; i++) {
		c->xs[i].title_lang = lang_code(r->lang);
		c->xs[i].created_by = r->actor->user.id;
		c->xs[i].created_by_org = r->actor->org_id;
		c->xs[i].with_org_id = x.with_org_id;
	}
	c->audit = req_audit(r, "appointment.create", arena_printf(&r->arena, "person:%s",
	    pg.id), arena_printf(&r->arena, "%d", weeks));
	req_defer_write(r, write_create, c, after_create);
}

/* One appointment */

struct detail {
	struct page pg;
	struct appointment x;
	struct appointment_event *ev;
	size_t nev;
};

static bool
load(struct req *r, bool write, struct detail *dt)
{
	int rc;

	if (!open_page(r, write, &dt->pg))
		return false;
	rc = store_appointment_get(req_store(r), &r->arena, dt->pg.g, req_param(r, 1), &dt->x);
	if (rc == 0)
		rc = store_appointment_events(req_store(r), &r->arena, dt->pg.g, dt->x.id,
		    &dt->ev, &dt->nev);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	return true;
}

static bool
started(const struct appointment *x)
{
	return x->starts_us <= clock_now_us();
}

static void
history(struct req *r, struct buf *b, const struct detail *dt)
{
	char iso[21];
	size_t i;

	html(b, "<ol class=\"history\" aria-label=\"%s\">", _("History of the appointment"));
	for (i = 0; i < dt->nev; i++) {
		const struct appointment_event *ev = &dt->ev[i];

		clock_format_datetime(ev->at_us, iso);
		html(b, "<li><time datetime=\"%s\">%s</time>: %s", iso,
		    timefmt_instant(&r->arena, ev->at_us, dt->pg.zone, r->lang,
		    TIMEFMT_SHORT_DATE), appt_what_label(ev->what));
		if (ev->by_name != NULL)
			html(b, " (%s)", ev->by_org_name != NULL ? arena_printf(&r->arena,
			    _("%s, %s"), ev->by_name, ev->by_org_name) : ev->by_name);
		if (ev->detail != NULL)
			html(b, "<br><q>%s</q>", ev->detail);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ol>");
}

static const char *
move_label(enum appt_status to, bool self)
{
	switch (to) {
	case AS_CONFIRMED: return self ? _("I will come") : appt_status_label(to);
	case AS_CANCELLED: return self ? _("I cannot come: cancel it") : _("Cancel it");
	case AS_PLANNED: return _("Plan it again");
	case AS_DONE: return _("It took place");
	case AS_MISSED: return _("The person did not come");
	default: return appt_status_label(to);
	}
}

static void
actions(struct req *r, struct buf *b, const struct detail *dt, const char *text,
    const struct form_errors *e)
{
	const struct appointment *x = &dt->x;
	bool self = dt->pg.party == AP_PERSON;
	unsigned moves = dt->pg.party < AP_COUNT ? appt_moves(dt->pg.party, x->status,
	    started(x)) : 0;
	const char *action = arena_printf(&r->arena, "/persons/%s/appointments/%s/status",
	    x->person_id, x->id);
	const char *version = arena_printf(&r->arena, "%lld", (long long)x->version);
	int s;

	if (dt->pg.party == AP_TEAM && appt_open(x->status))
		html(b, "<p><a class=\"button secondary\" href=\"/persons/%s/appointments/%s/edit\">"
		    "%s</a></p>", x->person_id, x->id, _("Change the time or place"));
	if (self && (moves & (1u << AS_CONFIRMED))) {
		form_begin(r, b, action, NULL);
		html(b, "<input type=\"hidden\" name=\"status\" value=\"confirmed\">"
		    "<input type=\"hidden\" name=\"version\" value=\"%s\">", version);
		form_end(b, _("I will come"));
	}
	if (self && appt_open(x->status) && !started(x)) {
		html(b, "<section aria-labelledby=\"s-move\"><h2 id=\"s-move\">%s</h2>",
		    _("Ask to move it"));
		form_begin(r, b, action, e);
		html(b, "<input type=\"hidden\" name=\"status\" value=\"move\">"
		    "<input type=\"hidden\" name=\"version\" value=\"%s\">", version);
		form_textarea(b, "note", _("When would suit you better? (optional)"), NULL, NULL,
		    NULL);
		form_end(b, _("Ask to move it"));
		html_raw(b, "</section>");
	}
	moves &= ~(1u << AS_CONFIRMED);
	if (moves == 0)
		return;
	html(b, "<section aria-labelledby=\"s-status\"><h2 id=\"s-status\">%s</h2>",
	    self ? _("Cancel the appointment") : _("How it went"));
	form_begin(r, b, action, e);
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">", version);
	html(b, "<fieldset id=\"status\"><legend>%s</legend>", _("New status"));
	if (form_error_at(e, "status") != NULL)
		html(b, "<p class=\"error\" id=\"status-error\">%s</p>",
		    form_error_text(form_error_at(e, "status")));
	for (s = 0; s < AS_COUNT; s++)
		if (moves & (1u << s))
			html(b, "<div class=\"check\"><input type=\"radio\" name=\"status\" "
			    "id=\"st-%s\" value=\"%s\"%s><label for=\"st-%s\">%s</label></div>",
			    appt_status_code((enum appt_status)s), appt_status_code((enum appt_status)s),
			    moves == (1u << s) ? " checked" : "",
			    appt_status_code((enum appt_status)s), move_label((enum appt_status)s, self));
	html_raw(b, "</fieldset>");
	form_textarea(b, "reason", _("Why (needed to cancel)"), text, NULL, e);
	form_end(b, _("Save"));
	html_raw(b, "</section>");
}

static void
render_detail(struct req *r, struct detail *dt, unsigned status, const char *message,
    const char *text, const struct form_errors *e)
{
	const struct appointment *x = &dt->x;
	const char *name = shown_name(r, &dt->pg), *with = appt_with(x);
	struct buf b;

	buf_init(&b, &r->arena);
	layout_begin(r, &b, x->title);
	html(&b, "<nav><a href=\"/persons/%s/appointments\">%s</a></nav>", x->person_id,
	    dt->pg.party == AP_PERSON ? _("Back to my appointments") :
	    _("Back to the appointments"));
	html(&b, "<h1>%s</h1>", x->title);
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (name != NULL)
		html(&b, "<p>%s <strong>%s</strong></p>", _("For"), name);
	html_raw(&b, "<p>");
	status_line(r, &b, x);
	html_raw(&b, "</p>");
	if (x->status == AS_MISSED && dt->pg.party == AP_PERSON)
		html(&b, "<p class=\"notice\">%s <a href=\"/persons/%s/appointments/new\">%s</a></p>",
		    _("You missed this appointment. That happens."), x->person_id,
		    _("Ask for a new one"));
	if (x->move_asked && appt_open(x->status))
		html(&b, "<p class=\"notice flag\">%s%s%s</p>", dt->pg.party == AP_PERSON ?
		    _("You asked to move this appointment.") :
		    _("The person asked to move this appointment."),
		    x->move_note != NULL ? " " : "", x->move_note != NULL ? x->move_note : "");
	html(&b, "<dl><dt>%s</dt><dd>", _("When"));
	time_tag(r, &b, x, dt->pg.zone);
	html(&b, ", %s</dd>", arena_printf(&r->arena, ngettext("%d minute", "%d minutes",
	    x->minutes), x->minutes));
	html(&b, "<dt>%s</dt><dd>%s</dd>", _("Kind"), appt_kind_label(x->kind));
	if (with != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("With"), with);
	if (x->video_url != NULL)
		html(&b, "<dt>%s</dt><dd><a href=\"%s\" rel=\"noopener noreferrer\">%s</a></dd>",
		    _("By video"), x->video_url, _("Open the video link"));
	if (x->place != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Address"), x->place);
	if (x->bring != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Bring"), x->bring);
	if (x->goal_title != NULL) {
		door_shown(r, dt->pg.g, CAT_PLAN);
		html(&b, "<dt>%s</dt><dd><a href=\"/persons/%s/plan/goals/%s\">%s</a></dd>",
		    _("Goal"), x->person_id, x->goal_id, x->goal_title);
	}
	if (x->referral_id != NULL && x->with_service_name != NULL)
		html(&b, "<dt>%s</dt><dd><a href=\"/persons/%s/referrals/%s\">%s</a></dd>",
		    _("Referral"), x->person_id, x->referral_id, x->with_service_name);
	if (x->status == AS_CANCELLED && x->cancel_reason != NULL)
		html(&b, "<dt>%s</dt><dd>%s</dd>", _("Why it was cancelled"), x->cancel_reason);
	html_raw(&b, "</dl>");
	/* Who will come along; the rest of the page stands without it. */
	(void)web_accompany_section(r, &b, dt->pg.g, x, dt->pg.party < AP_COUNT);
	actions(r, &b, dt, text, e);
	if (status < 400) {
		html(&b, "<h2>%s</h2>", _("History"));
		history(r, &b, dt);
	}
	layout_end(r, &b, status);
}

void
web_appointment(struct req *r)
{
	struct detail dt;

	if (!load(r, false, &dt))
		return;
	render_detail(r, &dt, 200, req_query(r, "saved") != NULL ?
	    _("The appointment is saved.") : NULL, NULL, NULL);
}

void
web_appointment_edit(struct req *r)
{
	struct detail dt;
	struct form f = {0};
	char ymd[11], hm[6];

	if (!load(r, true, &dt))
		return;
	if (dt.pg.party != AP_TEAM || !appt_open(dt.x.status)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (!timefmt_local_fields(dt.x.starts_us, dt.pg.zone, ymd, hm)) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	f.in.title = dt.x.title;
	f.in.kind = appt_kind_code(dt.x.kind);
	f.in.date = ymd;
	f.in.time = hm;
	f.in.minutes = arena_printf(&r->arena, "%d", dt.x.minutes);
	f.in.place = dt.x.place;
	f.in.video_url = dt.x.video_url;
	f.in.bring = dt.x.bring;
	f.in.with_name = dt.x.with_name;
	f.with_member = dt.x.with_member_id;
	f.goal = dt.x.goal_id;
	render_form(r, &dt.pg, &dt.x, 200, &f, NULL);
}

/* Whether the form's version is no longer the appointment's: then it is
 * shown as it is now, with a word, and nothing is written. */
static bool
stale(struct req *r, struct detail *dt)
{
	const char *version = req_form(r, "version");

	if (version != NULL && strcmp(version, arena_printf(&r->arena, "%lld",
	    (long long)dt->x.version)) == 0)
		return false;
	render_detail(r, dt, 409, _("Someone changed this appointment while you were "
	    "looking at it. Here it is as it is now."), NULL, NULL);
	return true;
}

struct change {
	const struct grant *g;
	struct appointment old, x;
	const char *detail, *reason, *note, *by_user, *by_org;
	enum appt_status to;
	bool ask;
	int64_t now;
	struct audit_entry *audit;
};

static int
write_update(struct store_tx *tx, void *arg)
{
	struct change *c = arg;
	int rc = store_tx_appointment_update(tx, c->g, &c->old, &c->x, c->detail,
	    c->by_user, c->by_org, c->now);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

static void
after_change(struct req *r, int rc)
{
	struct change *c = r->write_arg;

	if (rc == ERR_CONFLICT) {
		struct detail dt;

		/* Someone changed it meanwhile: show it as it is now. */
		if (!load(r, false, &dt))
			return;
		render_detail(r, &dt, 409, _("Someone changed this appointment while you were "
		    "looking at it. Here it is as it is now."), NULL, NULL);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/appointments/%s?saved=1",
	    c->old.person_id, c->old.id));
}

/* What changed, in words, for the history. */
static const char *
change_words(struct req *r, const struct page *pg, const struct appointment *a,
    const struct appointment *b)
{
	struct buf w;

	buf_init(&w, &r->arena);
	if (a->starts_us != b->starts_us)
		buf_printf(&w, _("Time: %s, was %s. "), timefmt_instant(&r->arena, b->starts_us,
		    pg->zone, r->lang, TIMEFMT_DATETIME), timefmt_instant(&r->arena, a->starts_us,
		    pg->zone, r->lang, TIMEFMT_DATETIME));
	if (a->minutes != b->minutes)
		buf_printf(&w, _("Length: %d minutes. "), b->minutes);
	if ((a->place == NULL) != (b->place == NULL) ||
	    (a->place != NULL && strcmp(a->place, b->place) != 0))
		buf_printf(&w, _("Address: %s. "), b->place != NULL ? b->place : "-");
	if ((a->video_url == NULL) != (b->video_url == NULL) ||
	    (a->video_url != NULL && strcmp(a->video_url, b->video_url) != 0))
		buf_printf(&w, "%s ", b->video_url != NULL ? _("By video.") : _("Not by video."));
	if (strcmp(a->title, b->title) != 0)
		buf_printf(&w, _("Title: %s. "), b->title);
	return w.len > 0 ? w.data : NULL;
}

void
web_appointment_update(struct req *r)
{
	struct detail dt;
	struct form f = {0};
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct change *c;
	int weeks = 1;

	if (!load(r, true, &dt))
		return;
	if (dt.pg.party != AP_TEAM || !appt_open(dt.x.status)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	read_form(r, e, &f);
	f.in.weeks = NULL;
	c = arena_alloc(&r->arena, sizeof(*c));
	c->x = dt.x;
	if (check_form(r, &dt.pg, &f, e, &c->x, &weeks) != 0)
		return;
	if (e->n > 0) {
		render_form(r, &dt.pg, &dt.x, 422, &f, e);
		return;
	}
	if (stale(r, &dt))
		return;
	c->g = dt.pg.g;
	c->old = dt.x;
	c->by_user = r->actor->user.id;
	c->by_org = r->actor->org_id;
	c->x.title_lang = lang_code(r->lang);
	c->detail = change_words(r, &dt.pg, &dt.x, &c->x);
	c->now = clock_now_us();
	c->audit = req_audit(r, "appointment.change", arena_printf(&r->arena, "person:%s",
	    dt.x.person_id), arena_printf(&r->arena, "appointment:%s", dt.x.id));
	req_defer_write(r, write_update, c, after_change);
}

static int
write_status(struct store_tx *tx, void *arg)
{
	struct change *c = arg;
	int rc = c->ask ? store_tx_appointment_ask_move(tx, c->g, &c->old, c->note,
	    c->by_user, c->now) : store_tx_appointment_status(tx, c->g, &c->old, c->to,
	    c->reason, c->by_user, c->by_org, c->now);

	return rc ? rc : store_tx_audit_append(tx, c->audit);
}

void
web_appointment_status(struct req *r)
{
	struct detail dt;
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct change *c;
	const char *status, *reason, *note, *field, *code = NULL;

	if (!load(r, true, &dt))
		return;
	if (dt.pg.party == AP_COUNT) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	status = req_form(r, "status");
	reason = form_text(r, e, "reason", false, REASON_MAX);
	note = form_text(r, e, "note", false, REASON_MAX);
	c = arena_alloc(&r->arena, sizeof(*c));
	if (status != NULL && strcmp(status, "move") == 0) {
		if (dt.pg.party != AP_PERSON || !appt_open(dt.x.status) || started(&dt.x))
			form_error(e, "status", "illegal_transition");
		c->ask = true;
	} else if ((field = appt_check_move(dt.pg.party, dt.x.status, started(&dt.x), status,
	    reason, &c->to, &code)) != NULL) {
		form_error(e, field, code);
	}
	if (e->n > 0) {
		render_detail(r, &dt, 422, NULL, reason, e);
		return;
	}
	if (stale(r, &dt))
		return;
	c->g = dt.pg.g;
	c->old = dt.x;
	c->reason = reason != NULL && *reason != '\0' ? reason : NULL;
	c->note = note;
	c->by_user = r->actor->user.id;
	c->by_org = r->actor->org_id;
	c->now = clock_now_us();
	c->audit = req_audit(r, "appointment.status", arena_printf(&r->arena, "person:%s",
	    dt.x.person_id), arena_printf(&r->arena, "appointment:%s %s", dt.x.id,
	    c->ask ? "move" : appt_status_code(c->to)));
	req_defer_write(r, write_status, c, after_change);
}

/* Missed appointments are flagged for two weeks, or until a new one is
 * made. */
#define MISSED_FLAG_US (INT64_C(14) * APPT_DAY_US)

int
web_appointment_flags(struct req *r, int64_t pgen, int64_t agen, struct appt_flag_row **out,
    size_t *n)
{
	struct appt_flag_row *rows;
	size_t nrows, i;
	int64_t now = clock_now_us();
	char local[11], risk[11];
	int rc;

	*out = NULL;
	*n = 0;
	pw_today(now, r->actor->org_time_zone, local);
	pw_date_add(local, PW_RISK_DAYS, risk);
	if ((rc = store_appointment_flags(req_store(r), &r->arena, door_my_lists(r), pgen,
	    agen, now - MISSED_FLAG_US, now, now + ACC_FLAG_AHEAD_US, today_utc(r), local, risk, &rows,
	    &nrows)) != 0 || (rc = door_prefetch(r)) != 0)
		return rc;
	/* Only the flags of what the door shows: appointments, the plan. */
	for (i = 0; i < nrows; i++) {
		struct appt_flag_row *f = &rows[i];
		struct decision d;

		if ((f->missed || f->alone) &&
		    door_list(r, f->person_id, CAT_APPOINTMENTS, 0, &d) == NULL) {
			if (d.status == 503)
				return ERR_UNAVAILABLE;
			f->missed = f->alone = false;
		}
		if ((f->start_risk || f->start_broken || f->phase_overdue) &&
		    door_list(r, f->person_id, CAT_PLAN, 0, &d) == NULL) {
			if (d.status == 503)
				return ERR_UNAVAILABLE;
			f->start_risk = f->start_broken = f->phase_overdue = false;
		}
		if (f->missed || f->alone || f->start_risk || f->start_broken || f->phase_overdue)
			rows[(*n)++] = *f;
	}
	*out = rows;
	return 0;
}

const struct appt_flag_row *
web_appointment_flag(const struct appt_flag_row *rows, size_t n, const char *person_id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(rows[i].person_id, person_id) == 0)
			return &rows[i];
	return NULL;
}
