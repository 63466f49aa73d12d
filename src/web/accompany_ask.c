/* Asking for someone to come along to an appointment: the person, or
 * their team with them.
 *   GET  /persons/{id}/appointments/{aid}/company       the form
 *   POST /persons/{id}/appointments/{aid}/company       ask a volunteer organisation
 *   POST /persons/{id}/appointments/{aid}/company/{cid}/withdraw
 * and the appointment page's section: who will come. All through the door
 * for the person's appointments: a request is part of the appointment. */
#include "web/accompaniment.h"

#include <string.h>

#include "access/door.h"
#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "core/accompaniment.h"
#include "core/account.h"
#include "core/actor.h"
#include "core/appointment.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "store/accompaniment.h"
#include "store/accounts.h"
#include "store/appointments.h"
#include "store/audit.h"
#include "store/persons.h"
#include "web/forms.h"
#include "web/layout.h"

struct ask {
	const struct grant *g;
	struct appointment x;
	struct person p;
	bool have_p;
	struct organisation *orgs;    /* the volunteer organisations */
	size_t norgs;
};

/* The door for the person's appointments, to write, and the appointment
 * (open, still ahead); else answered. */
static bool
ask_open(struct req *r, struct ask *k)
{
	struct decision d;
	struct organisation *all;
	size_t n, i;
	int rc;

	memset(k, 0, sizeof(*k));
	k->g = door_open_lazy(r, req_param(r, 0), PA_EDIT_PLAN, CAT_APPOINTMENTS,
	    CAT_BIT(CAT_BASIC), &d);
	if (k->g == NULL) {
		door_refuse(r, &d, CAT_APPOINTMENTS);
		return false;
	}
	rc = store_appointment_get(req_store(r), &r->arena, k->g, req_param(r, 1), &k->x);
	if (rc == 0 && (!appt_open(k->x.status) || k->x.starts_us <= clock_now_us()))
		rc = ERR_NOT_FOUND;
	if (rc == 0)
		rc = store_org_list(req_store(r), &r->arena, &all, &n);
	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return false;
	}
	k->orgs = arena_alloc(&r->arena, (n + 1) * sizeof(*k->orgs));
	for (i = 0; i < n; i++)
		if (all[i].sector == SECTOR_VOLUNTEER_ORGANISATION && all[i].disabled_us == 0)
			k->orgs[k->norgs++] = all[i];
	k->have_p = grant_covers(k->g, CAT_BASIC) &&
	    store_person_get(req_store(r), &r->arena, k->g, &k->p) == 0;
	return true;
}

static void
checkbox(struct buf *b, const char *name, const char *label, const char *hint, bool on)
{
	html(b, "<div class=\"check\"><input type=\"checkbox\" name=\"%s\" id=\"%s\" value=\"1\""
	    "%s aria-describedby=\"%s-hint\"><label for=\"%s\">%s</label>"
	    "<p class=\"hint\" id=\"%s-hint\">%s</p></div>", name, name, on ? " checked" : "",
	    name, name, label, name, hint);
}

static void
render_ask(struct req *r, const struct ask *k, unsigned status, const struct acc_input *in,
    const struct form_errors *e)
{
	const char **ov = arena_alloc(&r->arena, (k->norgs + 1) * sizeof(*ov));
	const char **ol = arena_alloc(&r->arena, (k->norgs + 1) * sizeof(*ol));
	const char *lv[32], *ll[32];
	bool self = grant_is_self(k->g);
	struct buf b;
	size_t i, nl = 0;

	for (i = 0; i < k->norgs; i++) {
		ov[i] = k->orgs[i].id;
		ol[i] = k->orgs[i].name;
	}
	for (i = 0; acc_langs[i] != NULL && nl < 32; i++, nl++) {
		lv[nl] = acc_langs[i];
		ll[nl] = lang_name(acc_langs[i], r->lang, arena_alloc(&r->arena, 64), 64);
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Someone to come along"));
	html(&b, "<nav><a href=\"/persons/%s/appointments/%s\">%s</a></nav>", k->x.person_id,
	    k->x.id, _("Back to the appointment"));
	html(&b, "<h1>%s</h1><p>%s</p>", _("Someone to come along"), self ?
	    _("A volunteer bridge builder can go with you to this appointment, and help you "
	      "keep track of what is said. Volunteers see your first name, the time, the "
	      "area and the kind of appointment; never your plan or notes.") :
	    _("A volunteer bridge builder can go with the person to this appointment. "
	      "Volunteers see the first name, the time, the area and the kind of appointment; "
	      "never the plan or notes. Ask together with the person."));
	if (k->norgs == 0) {
		html(&b, "<p class=\"notice\">%s</p>", _("No volunteer organisation works with "
		    "rosc here yet."));
		layout_end(r, &b, status);
		return;
	}
	form_begin(r, &b, arena_printf(&r->arena, "/persons/%s/appointments/%s/company",
	    k->x.person_id, k->x.id), e);
	form_select(&b, "to_org", _("Volunteer organisation"), ov, ol, k->norgs,
	    in->to_org != NULL ? in->to_org : ov[0], e);
	form_input(&b, "area", _("Roughly where"), "text", in->area, "off",
	    _("A neighbourhood or a town, for example Nørrebro. Volunteers see this before "
	      "they say yes."), e);
	form_input(&b, "meet_at", _("Where to meet (optional)"), "text", in->meet_at, "off",
	    _("For example outside the station. Only the volunteer who says yes sees it."), e);
	form_select(&b, "lang", _("Language to speak"), lv, ll, nl, in->lang, e);
	checkbox(&b, "share_place", _("Show the appointment's address to the volunteer who says "
	    "yes"), _("An address can tell what kind of place it is, for example a treatment "
	    "centre. Leave it off if you meet somewhere else."), in->share_place != NULL &&
	    strcmp(in->share_place, "1") == 0);
	if (k->have_p && k->p.phone != NULL)
		checkbox(&b, "share_phone", self ? _("Show my phone number to the volunteer who "
		    "says yes") : _("Show the person's phone number to the volunteer who says yes"),
		    _("So that you can find each other on the day."), in->share_phone != NULL &&
		    strcmp(in->share_phone, "1") == 0);
	form_end(&b, _("Ask for someone to come along"));
	layout_end(r, &b, status);
}

/* The person's language, if a request may name it, else the viewer's. */
static const char *
default_lang(struct req *r, const struct ask *k)
{
	if (k->have_p && acc_lang_valid(k->p.lang))
		return k->p.lang;
	return lang_code(r->lang);
}

void
web_accompany_ask(struct req *r)
{
	struct acc_input in = {0};
	struct ask k;

	if (!ask_open(r, &k))
		return;
	in.lang = default_lang(r, &k);
	render_ask(r, &k, 200, &in, NULL);
}

struct ask_write {
	const struct grant *g;
	struct accompaniment x;
	struct audit_entry *audit;
	int64_t now;
};

static int
write_ask(struct store_tx *tx, void *arg)
{
	struct ask_write *w = arg;
	int rc = store_tx_accompaniment_insert(tx, w->g, &w->x, w->now);

	return rc ? rc : store_tx_audit_append(tx, w->audit);
}

static void
after_ask(struct req *r, int rc)
{
	struct ask_write *w = r->write_arg;

	/* One asked already (ERR_CONFLICT), or the appointment moved on: the
	 * appointment page says how it is now. */
	if (rc != 0 && rc != ERR_CONFLICT && rc != ERR_NOT_FOUND) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/appointments/%s%s",
	    w->x.person_id, w->x.appointment_id, rc == 0 ? "?saved=1" : ""));
}

void
web_accompany_ask_save(struct req *r)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct ask_write *w = arena_alloc(&r->arena, sizeof(*w));
	struct appt_problem p[8];
	struct acc_input in;
	struct ask k;
	char *id = arena_alloc(&r->arena, ID_LEN + 1);
	size_t np, i;
	bool org_ok = false;

	if (!ask_open(r, &k))
		return;
	in.to_org = req_form(r, "to_org");
	in.area = req_form(r, "area");
	in.meet_at = req_form(r, "meet_at");
	in.lang = req_form(r, "lang");
	in.share_place = req_form(r, "share_place");
	in.share_phone = k.have_p && k.p.phone != NULL ? req_form(r, "share_phone") : NULL;
	np = acc_check_input(&in, default_lang(r, &k), &w->x, p, 8);
	/* Bytes that were not text came in cleaned: say so at the field. */
	if (req_form_bad(r, "area"))
		form_error(e, "area", "invalid_format");
	if (req_form_bad(r, "meet_at"))
		form_error(e, "meet_at", "invalid_format");
	for (i = 0; i < np; i++)
		form_error(e, p[i].field, p[i].code);
	for (i = 0; in.to_org != NULL && i < k.norgs; i++)
		org_ok = org_ok || strcmp(k.orgs[i].id, in.to_org) == 0;
	if (!org_ok)
		form_error(e, "to_org", in.to_org == NULL || *in.to_org == '\0' ? "required" :
		    "invalid_choice");
	if (e->n > 0) {
		render_ask(r, &k, 422, &in, e);
		return;
	}
	id_new(id);
	w->g = k.g;
	w->now = clock_now_us();
	w->x.person_id = k.x.person_id;
	w->x.id = id;
	w->x.appointment_id = k.x.id;
	w->x.to_org_id = in.to_org;
	w->x.asked_by = r->actor->user.id;
	w->x.asked_by_org = r->actor->org_id;
	w->audit = req_audit(r, "accompaniment.ask", arena_printf(&r->arena,
	    "appointment:%s", k.x.id), in.to_org);
	req_defer_write(r, write_ask, w, after_ask);
}

struct withdraw {
	const struct grant *g;
	struct accompaniment old;
	struct audit_entry *audit;
	const char *by;
	int64_t now;
};

static int
write_withdraw(struct store_tx *tx, void *arg)
{
	struct withdraw *w = arg;
	int rc = store_tx_accompaniment_withdraw(tx, w->g, &w->old, w->by, w->now);

	return rc ? rc : store_tx_audit_append(tx, w->audit);
}

static void
after_withdraw(struct req *r, int rc)
{
	struct withdraw *w = r->write_arg;

	if (rc != 0 && rc != ERR_CONFLICT) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/persons/%s/appointments/%s%s",
	    w->old.person_id, w->old.appointment_id, rc == 0 ? "?saved=1" : ""));
}

void
web_accompany_withdraw(struct req *r)
{
	struct withdraw *w = arena_alloc(&r->arena, sizeof(*w));
	const char *version = req_form(r, "version");
	struct accompaniment *xs;
	struct decision d;
	size_t n, i;
	int rc;

	w->g = door_open(r, req_param(r, 0), PA_EDIT_PLAN, CAT_APPOINTMENTS, 0, &d);
	if (w->g == NULL) {
		door_refuse(r, &d, CAT_APPOINTMENTS);
		return;
	}
	rc = store_accompaniments(req_store(r), &r->arena, w->g, req_param(r, 1), &xs, &n);
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	for (i = 0; i < n && strcmp(xs[i].id, req_param(r, 2)) != 0; i++)
		;
	if (i == n || !acc_live(xs[i].status)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	w->old = xs[i];
	if (version == NULL || strcmp(version, arena_printf(&r->arena, "%lld",
	    (long long)w->old.version)) != 0)
		w->old.version = -1;          /* changed meanwhile: a conflict */
	w->by = r->actor->user.id;
	w->now = clock_now_us();
	w->audit = req_audit(r, "accompaniment.withdraw", arena_printf(&r->arena,
	    "accompaniment:%s", w->old.id), NULL);
	req_defer_write(r, write_withdraw, w, after_withdraw);
}

/* The appointment page's section */

int
web_accompany_section(struct req *r, struct buf *b, const struct grant *g,
    const struct appointment *x, bool may_write)
{
	struct accompaniment *xs;
	const struct accompaniment *c = NULL;
	bool self = grant_is_self(g), ahead = appt_open(x->status) &&
	    x->starts_us > clock_now_us();
	size_t n, i;
	int rc;

	if ((rc = store_accompaniments(req_store(r), &r->arena, g, x->id, &xs, &n)) != 0)
		return rc;
	for (i = 0; i < n && c == NULL; i++)
		if (xs[i].status != ACC_WITHDRAWN)
			c = &xs[i];
	if (c == NULL && !(may_write && ahead))
		return 0;
	html(b, "<section aria-labelledby=\"s-company\" class=\"company\">"
	    "<h2 id=\"s-company\">%s</h2>", _("Someone to come along"));
	if (c == NULL) {
		html(b, "<p>%s <a href=\"/persons/%s/appointments/%s/company\">%s</a></p>"
		    "</section>", self ? _("A volunteer can go with you.") :
		    _("A volunteer can go with the person."), x->person_id, x->id,
		    _("Ask for someone to come along"));
		return 0;
	}
	if (c->status == ACC_OPEN)
		html(b, "<p>%s</p>", arena_printf(&r->arena, _("Asked %s. Nobody has said yes "
		    "yet."), c->to_org_name != NULL ? c->to_org_name : "-"));
	else if (c->status == ACC_ACCEPTED)
		html(b, "<p class=\"companion\">%s</p>", arena_printf(&r->arena, self ?
		    _("%s from %s will come with you.") : _("%s from %s will come along."),
		    c->volunteer_first_name != NULL ? c->volunteer_first_name : "-",
		    c->to_org_name != NULL ? c->to_org_name : "-"));
	else if (c->status == ACC_REPORTED) {
		html(b, "<p>%s</p>", arena_printf(&r->arena, c->has_outcome &&
		    c->outcome == AO_WENT_TOGETHER ? _("%s from %s went along.") :
		    _("%s from %s was to come along."),
		    c->volunteer_first_name != NULL ? c->volunteer_first_name : "-",
		    c->to_org_name != NULL ? c->to_org_name : "-"));
		if (c->has_outcome)
			html(b, "<p>%s %s</p>", _("How it went:"), acc_outcome_label(c->outcome));
		if (c->outcome_note != NULL)
			html(b, "<p><q>%s</q></p>", c->outcome_note);
	}
	if (acc_live(c->status) && may_write && ahead) {
		html(b, "<form method=\"post\" action=\"/persons/%s/appointments/%s/company/%s/"
		    "withdraw\">", x->person_id, x->id, c->id);
		form_csrf(r, b);
		html(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
		    "<button type=\"submit\" class=\"secondary\">%s</button></form>",
		    (long long)c->version, _("No one needs to come after all"));
	}
	html_raw(b, "</section>");
	return 0;
}
