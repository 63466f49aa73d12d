/* The services an organisation runs in the directory.
 *   GET  /admin/services                staff of the organisation who may
 *        update places free (organisation admins, coordinators,
 *        professionals): its services, each with the one-tap capacity
 *        buttons "−1", "+1" and "set to N"
 *   POST /admin/services/{id}/capacity  the same people: the one tap, an
 *        atomic update in the store (no version check: two taps count two)
 *   GET, POST /admin/services/new       organisation admins: a new service
 *        under one of the directory organisations theirs runs (rosc makes
 *        its HSDS id, a UUID)
 *   GET, POST /admin/services/{id}      organisation admins: edit, with a
 *        version check: if someone saved in between, the form comes back
 *        with what was typed and a message, and nothing is overwritten
 * A service of a directory organisation that the acting organisation does
 * not run answers 404, exactly like one that does not exist. Changes are
 * audited (service.create, service.update, service.capacity); directory
 * data is not about persons, so nothing goes to the access log. */
#include "web/admin_services.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "core/actor.h"
#include "core/directory.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "policy/policy.h"
#include "store/audit.h"
#include "store/directory.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/services.h"

#define URL_MAX 500
#define EMAIL_MAX 254
#define CAPACITY_MAX 100000

static const char *const form_langs[] = {"da", "nl", "en", "de", "ar", "tr", "pl", "uk"};
#define NFORM_LANGS (sizeof(form_langs) / sizeof(form_langs[0]))
static const char *const statuses[] = {SERVICE_STATUSES};

/* What the form holds, as typed. */
struct svc_form {
	const char *org, *name, *alternate_name, *description, *url, *email, *status;
	const char *eligibility, *fees, *application, *stage, *response_days;
	const char *capacity_maximum, *capacity_unit, *version;
	unsigned domains, shares, langs;          /* langs: bits of form_langs */
	bool video;
	const char *opens[7], *closes[7];
};

struct view {
	const struct svc_form *f;
	const struct form_errors *e;
	const char *message;
};

static const char *
share_hint(enum category c)
{
	switch (c) {
	case CAT_PLAN: return _("Their recovery plan and goals, so you can work on them together.");
	case CAT_APPOINTMENTS: return _("Their appointments, so you can go along or plan around them.");
	case CAT_NOTES: return _("The journal notes others write about their support.");
	case CAT_QUESTIONNAIRES: return _("Their check-ins and questionnaires.");
	case CAT_SUBSTANCE: return _("Details about their alcohol or drug use.");
	default: return "";
	}
}

static void
checkbox(struct buf *b, const char *name, const char *label, const char *hint, bool on)
{
	html(b, "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" "
	    "value=\"1\"%s", name, name, on ? " checked" : "");
	if (hint != NULL)
		html(b, " aria-describedby=\"h-%s\"", name);
	html(b, "><label for=\"f-%s\">%s</label>", name, label);
	if (hint != NULL)
		html(b, "<p class=\"hint\" id=\"h-%s\">%s</p>", name, hint);
	html_raw(b, "</div>");
}

static const char *
num(struct req *r, int v)
{
	return arena_printf(&r->arena, "%d", v);
}

/* The form from a stored service. */
static void
form_from(struct req *r, struct svc_form *f, const struct service *sv,
    const struct service_detail *d)
{
	size_t i, k;

	memset(f, 0, sizeof(*f));
	f->org = sv->organization_id;
	f->name = sv->name;
	f->alternate_name = sv->alternate_name;
	f->description = sv->description;
	f->url = sv->url;
	f->email = sv->email;
	f->status = sv->status;
	f->eligibility = sv->eligibility_description;
	f->fees = sv->fees_description;
	f->application = sv->application_process;
	f->stage = sv->stage == STAGE_NONE ? "" : stage_code(sv->stage);
	f->response_days = num(r, sv->response_days);
	f->capacity_maximum = sv->capacity_maximum > 0 ? num(r, sv->capacity_maximum) : "";
	f->capacity_unit = sv->capacity_unit;
	f->version = arena_printf(&r->arena, "%lld", (long long)sv->version);
	f->domains = sv->domains;
	f->shares = sv->shares;
	f->video = sv->video;
	for (i = 0; i < d->nlanguages; i++)
		for (k = 0; k < NFORM_LANGS; k++)
			if (strcmp(d->languages[i].code, form_langs[k]) == 0)
				f->langs |= 1u << k;
	for (i = 0; i < d->nschedules; i++) {
		int wd = weekday_parse(d->schedules[i].byday);

		if (wd >= 0 && d->schedules[i].location_id == NULL && f->opens[wd] == NULL) {
			f->opens[wd] = d->schedules[i].opens_at;
			f->closes[wd] = d->schedules[i].closes_at;
		}
	}
}

static void
render_form(struct req *r, const char *action, const struct dir_org *orgs, size_t norgs,
    const struct view *v, unsigned status, const char *title)
{
	const struct svc_form *f = v->f;
	const char *stage_values[STAGE_COUNT + 1], *stage_labels[STAGE_COUNT + 1];
	const char *status_labels[] = {_("Active"), _("Not offered now"), _("Ended"),
		_("Closed for now")};
	const char *unit_values[] = {"places", "beds"};
	const char *unit_labels[] = {_("places"), _("beds")};
	const char **org_values, **org_labels;
	struct buf b;
	size_t i;

	stage_values[0] = "";
	stage_labels[0] = _("None");
	for (i = 0; i < STAGE_COUNT; i++) {
		stage_values[i + 1] = stage_code((enum stage)i);
		stage_labels[i + 1] = stage_label((enum stage)i);
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<nav><a href=\"/admin/services\">%s</a></nav><h1>%s</h1>",
	    _("Back to our services"), title);
	if (v->message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", v->message);
	form_begin(r, &b, action, v->e);
	if (f->version != NULL)
		html(&b, "<input type=\"hidden\" name=\"version\" value=\"%s\">", f->version);
	if (orgs != NULL) {
		org_values = arena_alloc(&r->arena, (norgs + 1) * sizeof(*org_values));
		org_labels = arena_alloc(&r->arena, (norgs + 1) * sizeof(*org_labels));
		for (i = 0; i < norgs; i++) {
			org_values[i] = orgs[i].id;
			org_labels[i] = orgs[i].name;
		}
		form_select(&b, "org", _("Offered by"), org_values, org_labels, norgs, f->org,
		    v->e);
	}
	html(&b, "<fieldset><legend>%s</legend>", _("About the service"));
	form_input(&b, "name", _("Name"), "text", f->name, "off", NULL, v->e);
	form_input(&b, "alternate_name", _("Other name (optional)"), "text", f->alternate_name,
	    "off", NULL, v->e);
	form_textarea(&b, "description", _("What it is"), f->description,
	    _("In plain words, for the person who needs it."), v->e);
	form_select(&b, "status", _("Status"), statuses, status_labels, 4,
	    f->status ? f->status : "active", v->e);
	form_select(&b, "stage", _("Stage"), stage_values, stage_labels, STAGE_COUNT + 1,
	    f->stage ? f->stage : "", v->e);
	form_textarea(&b, "eligibility", _("Who it is for"), f->eligibility, NULL, v->e);
	form_textarea(&b, "fees", _("What it costs"), f->fees, NULL, v->e);
	form_textarea(&b, "application", _("How to start"), f->application, NULL, v->e);
	form_input(&b, "url", _("Web page (optional)"), "url", f->url, "url", NULL, v->e);
	form_input(&b, "email", _("E-mail (optional)"), "email", f->email, "email", NULL, v->e);
	html_raw(&b, "</fieldset>");

	html(&b, "<fieldset><legend>%s</legend>", _("It helps with"));
	for (i = 0; i < DOM_COUNT; i++)
		checkbox(&b, arena_printf(&r->arena, "domain_%s", domain_code((enum domain)i)),
		    domain_label((enum domain)i), NULL, f->domains & (1u << i));
	html_raw(&b, "</fieldset>");
	html(&b, "<fieldset><legend>%s</legend>", _("Languages and video"));
	for (i = 0; i < NFORM_LANGS; i++)
		checkbox(&b, arena_printf(&r->arena, "lang_%s", form_langs[i]),
		    language_label(form_langs[i], NULL), NULL, f->langs & (1u << i));
	checkbox(&b, "video", _("Can be delivered by video"), NULL, f->video);
	html_raw(&b, "</fieldset>");

	html(&b, "<fieldset><legend>%s</legend>", _("Referrals"));
	form_input(&b, "response_days", _("We answer a referral within this many days"),
	    "number", f->response_days, "off", _("From 1 to 90."), v->e);
	html(&b, "<p class=\"hint\">%s</p>", _("What a referral to this service asks the "
	    "person to share with you. Their name and how to reach them are always asked."));
	for (i = CAT_PLAN; i < CAT_COUNT; i++)
		checkbox(&b, arena_printf(&r->arena, "share_%s", category_code((enum category)i)),
		    category_label((enum category)i), share_hint((enum category)i),
		    f->shares & CAT_BIT(i));
	html_raw(&b, "</fieldset>");

	html(&b, "<fieldset><legend>%s</legend>", _("Places"));
	form_input(&b, "capacity_maximum", _("How many places in all"), "number",
	    f->capacity_maximum, "off", _("Leave empty if you do not count places."), v->e);
	form_select(&b, "capacity_unit", _("Counted as"), unit_values, unit_labels, 2,
	    f->capacity_unit ? f->capacity_unit : "places", v->e);
	html_raw(&b, "</fieldset>");

	html(&b, "<fieldset><legend>%s</legend><p class=\"hint\">%s</p>", _("Opening hours"),
	    _("Leave a day empty when you are closed. A closing time before the opening time "
	      "means you close after midnight."));
	for (i = 0; i < 7; i++) {
		html(&b, "<div class=\"day\"><p class=\"day-name\">%s</p>", weekday_label((int)i));
		form_input(&b, arena_printf(&r->arena, "opens_%s", weekday_code((int)i)),
		    arena_printf(&r->arena, _("%s opens"), weekday_label((int)i)), "time",
		    f->opens[i], "off", NULL, v->e);
		form_input(&b, arena_printf(&r->arena, "closes_%s", weekday_code((int)i)),
		    arena_printf(&r->arena, _("%s closes"), weekday_label((int)i)), "time",
		    f->closes[i], "off", NULL, v->e);
		html_raw(&b, "</div>");
	}
	html_raw(&b, "</fieldset>");
	form_end(&b, _("Save the service"));
	layout_end(r, &b, status);
}

/* Reads the form into f and, when it is fine, into sv and the languages
 * and hours. Returns the errors (none: e->n == 0). */
struct parsed {
	struct service sv;
	struct service_language langs[NFORM_LANGS];
	struct dir_schedule hours[7];
	size_t nlangs, nhours;
	int64_t version;
};

static int
int_field(struct form_errors *e, const char *name, const char *v, int lo, int hi, bool empty_ok,
    int *out)
{
	char *end;
	long x;

	*out = 0;
	if (v == NULL || *v == '\0') {
		if (!empty_ok)
			form_error(e, name, "required");
		return empty_ok ? 0 : -1;
	}
	x = strtol(v, &end, 10);
	if (*end != '\0' || x < lo || x > hi) {
		form_error(e, name, "out_of_range");
		return -1;
	}
	*out = (int)x;
	return 1;
}

static const char *
opt(const char *s)
{
	return s != NULL && *s ? s : NULL;
}

static void
read_form(struct req *r, struct svc_form *f, struct form_errors *e, struct parsed *p,
    const char *zone)
{
	enum stage st = STAGE_NONE;
	size_t i;
	int n;

	memset(p, 0, sizeof(*p));
	f->org = req_form(r, "org");
	f->name = form_text(r, e, "name", true, SERVICE_NAME_MAX);
	f->alternate_name = form_text(r, e, "alternate_name", false, SERVICE_NAME_MAX);
	f->description = form_text(r, e, "description", false, SERVICE_TEXT_MAX);
	f->url = form_text(r, e, "url", false, URL_MAX);
	f->email = form_text(r, e, "email", false, EMAIL_MAX);
	f->status = req_form(r, "status");
	f->eligibility = form_text(r, e, "eligibility", false, SERVICE_TEXT_MAX);
	f->fees = form_text(r, e, "fees", false, SERVICE_TEXT_MAX);
	f->application = form_text(r, e, "application", false, SERVICE_TEXT_MAX);
	f->stage = req_form(r, "stage");
	f->response_days = form_text(r, e, "response_days", true, 8);
	f->capacity_maximum = form_text(r, e, "capacity_maximum", false, 8);
	f->capacity_unit = req_form(r, "capacity_unit");
	f->version = req_form(r, "version");
	f->video = req_form(r, "video") != NULL;
	for (i = 0; i < DOM_COUNT; i++)
		if (req_form(r, arena_printf(&r->arena, "domain_%s", domain_code((enum domain)i))))
			f->domains |= 1u << i;
	for (i = CAT_PLAN; i < CAT_COUNT; i++)
		if (req_form(r, arena_printf(&r->arena, "share_%s", category_code((enum category)i))))
			f->shares |= CAT_BIT(i);
	f->shares |= CAT_BIT(CAT_BASIC);
	for (i = 0; i < NFORM_LANGS; i++)
		if (req_form(r, arena_printf(&r->arena, "lang_%s", form_langs[i])))
			f->langs |= 1u << i;

	if (*f->url && strncmp(f->url, "https://", 8) != 0 && strncmp(f->url, "http://", 7) != 0)
		form_error(e, "url", "not_web_address");
	if (*f->email && (strchr(f->email, '@') == NULL || strpbrk(f->email, " <>\"") != NULL))
		form_error(e, "email", "invalid_format");
	for (i = 0; i < 4; i++)
		if (f->status != NULL && strcmp(f->status, statuses[i]) == 0)
			break;
	if (i == 4)
		form_error(e, "status", "invalid_choice");
	if (f->stage != NULL && *f->stage && !stage_parse(f->stage, &st))
		form_error(e, "stage", "invalid_choice");
	if (f->capacity_unit == NULL || (strcmp(f->capacity_unit, "places") != 0 &&
	    strcmp(f->capacity_unit, "beds") != 0))
		form_error(e, "capacity_unit", "invalid_choice");
	if (form_error_at(e, "response_days") == NULL)
		(void)int_field(e, "response_days", f->response_days, 1, 90, false,
		    &p->sv.response_days);
	if (form_error_at(e, "capacity_maximum") == NULL)
		(void)int_field(e, "capacity_maximum", f->capacity_maximum, 1, CAPACITY_MAX, true,
		    &p->sv.capacity_maximum);
	for (i = 0; i < 7; i++) {
		const char *on = arena_printf(&r->arena, "opens_%s", weekday_code((int)i));
		const char *cn = arena_printf(&r->arena, "closes_%s", weekday_code((int)i));
		struct dir_schedule *h;

		f->opens[i] = form_text(r, e, on, false, 5);
		f->closes[i] = form_text(r, e, cn, false, 5);
		if (form_error_at(e, on) || form_error_at(e, cn) ||
		    (!*f->opens[i] && !*f->closes[i]))
			continue;
		if (!schedule_time_valid(f->opens[i])) {
			form_error(e, on, "bad_time");
			continue;
		}
		if (!schedule_time_valid(f->closes[i])) {
			form_error(e, cn, "bad_time");
			continue;
		}
		h = &p->hours[p->nhours++];
		h->freq = "WEEKLY";
		h->byday = weekday_code((int)i);
		h->opens_at = f->opens[i];
		h->closes_at = f->closes[i];
		h->timezone = zone;
	}
	p->version = f->version ? strtoll(f->version, NULL, 10) : 0;
	p->sv.organization_id = f->org;
	p->sv.name = f->name;
	p->sv.alternate_name = opt(f->alternate_name);
	p->sv.description = opt(f->description);
	p->sv.url = opt(f->url);
	p->sv.email = opt(f->email);
	p->sv.status = f->status;
	p->sv.eligibility_description = opt(f->eligibility);
	p->sv.fees_description = opt(f->fees);
	p->sv.application_process = opt(f->application);
	p->sv.stage = st;
	p->sv.domains = f->domains;
	p->sv.shares = f->shares;
	p->sv.video = f->video;
	p->sv.capacity_unit = p->sv.capacity_maximum > 0 ? f->capacity_unit : NULL;
	p->sv.updated_us = clock_now_us();
	p->sv.updated_by = r->actor->user.id;
	(void)n;
}

/* Ids and service for the languages and hours once the service id is known. */
static void
finish_parsed(struct req *r, struct parsed *p, unsigned langs)
{
	size_t i;

	for (i = 0; i < NFORM_LANGS; i++) {
		struct service_language *l;

		if (!(langs & (1u << i)))
			continue;
		l = &p->langs[p->nlangs++];
		l->service_id = p->sv.id;
		l->code = form_langs[i];
		l->id = arena_printf(&r->arena, "%s-lang-%s", p->sv.id, form_langs[i]);
		l->name = language_label(form_langs[i], NULL);
	}
	for (i = 0; i < p->nhours; i++) {
		p->hours[i].service_id = p->sv.id;
		p->hours[i].id = arena_printf(&r->arena, "%s-open-%s", p->sv.id, p->hours[i].byday);
	}
}

/* The service if the acting organisation runs it; else a 404 has been sent. */
static bool
own_service(struct req *r, const char *id, struct service *sv)
{
	int rc = store_service_get(req_store(r), &r->arena, id, sv);

	if (rc == 0 && (sv->managed_by == NULL || r->actor->org_id == NULL ||
	    strcmp(sv->managed_by, r->actor->org_id) != 0))
		rc = ERR_NOT_FOUND;
	if (rc != 0)
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
	return rc == 0;
}

/* The zone new opening hours are in: the organisation's. */
static const char *
org_zone(struct req *r)
{
	return r->actor->org_time_zone ? r->actor->org_time_zone : "Europe/Copenhagen";
}

/* List */

void
web_admin_services(struct req *r)
{
	const char *updated = req_query(r, "updated");
	struct service *sv;
	struct buf b;
	size_t n = 0, i;
	bool edit = policy_may_edit_service(r->actor, r->actor->org_id);

	if (!policy_may_update_capacity(r->actor, r->actor->org_id)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if (store_services_managed(req_store(r), &r->arena, r->actor->org_id, &sv, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Our services in the directory"));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Our services in the directory"),
	    _("Keep the places free up to date: people looking for help see them at once."));
	if (updated != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", _("Saved."));
	if (edit)
		html(&b, "<p><a class=\"button\" href=\"/admin/services/new\">%s</a></p>",
		    _("Add a service"));
	if (n == 0)
		html(&b, "<p>%s</p>", _("Your organisation has no services in the directory yet."));
	html_raw(&b, "<ul class=\"cards services\">");
	for (i = 0; i < n; i++) {
		const char *cap = arena_printf(&r->arena, "/admin/services/%s/capacity", sv[i].id);

		html(&b, "<li class=\"card service\" id=\"svc-%s\"><h2><a href=\"%s%s\">%s</a></h2>",
		    sv[i].id, edit ? "/admin/services/" : "/services/", sv[i].id, sv[i].name);
		if (!sv[i].has_capacity) {
			html(&b, "<p class=\"small\">%s</p>", _("Places are not counted."));
		} else {
			services_capacity(r, &b, &sv[i]);
		}
		html(&b, "<form method=\"post\" action=\"%s\" class=\"capacity-tap\">", cap);
		form_csrf(r, &b);
		/* What a tap does is said after the visible "−1" (not instead
		 * of it), so a voice user can say what they see. */
		html(&b, "<button type=\"submit\" name=\"delta\" value=\"-1\" class=\"button\">"
		    "−1<span class=\"visually-hidden\"> %s</span></button> "
		    "<button type=\"submit\" name=\"delta\" value=\"1\" class=\"button\">"
		    "+1<span class=\"visually-hidden\"> %s</span></button></form>",
		    arena_printf(&r->arena, _("One place fewer free: %s"), sv[i].name),
		    arena_printf(&r->arena, _("One place more free: %s"), sv[i].name));
		html(&b, "<form method=\"post\" action=\"%s\" class=\"capacity-set\">", cap);
		form_csrf(r, &b);
		html(&b, "<label for=\"set-%s\">%s</label> <input id=\"set-%s\" name=\"set\" "
		    "type=\"number\" min=\"0\" inputmode=\"numeric\" value=\"%s\"> "
		    "<button type=\"submit\" class=\"button\">%s</button></form></li>", sv[i].id,
		    _("Places free"), sv[i].id, sv[i].has_capacity ?
		    num(r, sv[i].capacity_available) : "", _("Set"));
	}
	html_raw(&b, "</ul>");
	layout_end(r, &b, 200);
}

/* Capacity */

struct tap {
	const char *id, *org;
	bool set;
	int value, available;
	struct audit_entry *audit;
};

static int
write_tap(struct store_tx *tx, void *arg)
{
	struct tap *t = arg;
	int rc = store_tx_capacity_update(tx, t->org, t->id, t->set, t->value, clock_now_us(),
	    &t->available);

	return rc ? rc : store_tx_audit_append(tx, t->audit);
}

static void
after_tap(struct req *r, int rc)
{
	struct tap *t = r->write_arg;

	if (rc != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/admin/services?updated=%s#svc-%s",
	    t->id, t->id));
}

void
web_admin_service_capacity(struct req *r)
{
	const char *id = req_param(r, 0), *delta = req_form(r, "delta"), *set = req_form(r, "set");
	struct form_errors e = {0};
	struct service sv;
	struct tap *t;

	if (!own_service(r, id, &sv))
		return;
	if (!policy_may_update_capacity(r->actor, sv.managed_by)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	t = arena_alloc(&r->arena, sizeof(*t));
	t->id = sv.id;
	t->org = r->actor->org_id;
	if (delta != NULL && (strcmp(delta, "1") == 0 || strcmp(delta, "-1") == 0)) {
		t->value = atoi(delta);
	} else if (delta == NULL && set != NULL &&
	    int_field(&e, "set", set, 0, CAPACITY_MAX, false, &t->value) > 0) {
		t->set = true;
	} else {
		error_respond(r, 400, PROBLEM_INVALID_FORMAT);
		return;
	}
	t->audit = req_audit(r, "service.capacity", arena_printf(&r->arena, "service:%s", id),
	    arena_printf(&r->arena, "%s %d", t->set ? "set" : "add", t->value));
	req_defer_write(r, write_tap, t, after_tap);
}

/* New and edit */

struct save {
	struct parsed p;
	struct svc_form f;
	const char *org;
	bool create;
	struct audit_entry *audit;
	int rc;
};

static int
write_save(struct store_tx *tx, void *arg)
{
	struct save *w = arg;

	if (w->create)
		w->rc = store_tx_service_create(tx, w->org, &w->p.sv, w->p.langs, w->p.nlangs,
		    w->p.hours, w->p.nhours);
	else
		w->rc = store_tx_service_update(tx, w->org, &w->p.sv, w->p.version, w->p.langs,
		    w->p.nlangs, w->p.hours, w->p.nhours);
	/* A conflict is an answer, not a failed write: the page says so. */
	if (w->rc != 0)
		return w->rc == ERR_CONFLICT || w->rc == ERR_NOT_FOUND ? 0 : w->rc;
	return store_tx_audit_append(tx, w->audit);
}

static void
edit_page(struct req *r, const struct service *sv, const struct view *v, unsigned status)
{
	render_form(r, arena_printf(&r->arena, "/admin/services/%s", sv->id), NULL, 0, v, status,
	    arena_printf(&r->arena, _("Edit: %s"), sv->name));
}

static void
after_save(struct req *r, int rc)
{
	struct save *w = r->write_arg;
	struct service now;
	struct view v = {0};

	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (w->rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (w->rc == ERR_CONFLICT) {
		/* Someone saved in between: keep what was typed, say so, and
		 * offer the new version so that saving again is a choice. */
		if (store_service_get(req_store(r), &r->arena, w->p.sv.id, &now) != 0) {
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
			return;
		}
		w->f.version = arena_printf(&r->arena, "%lld", (long long)now.version);
		v.f = &w->f;
		v.message = _("Someone else saved this service while you were editing it. Your "
		    "changes are below and are not saved yet. Check them, then save again to "
		    "keep yours.");
		edit_page(r, &now, &v, 409);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/admin/services?updated=%s#svc-%s",
	    w->p.sv.id, w->p.sv.id));
}


static bool
may_edit_own(struct req *r)
{
	if (policy_may_edit_service(r->actor, r->actor->org_id))
		return true;
	error_respond(r, 403, PROBLEM_FORBIDDEN);
	return false;
}

static void
new_page(struct req *r, const struct view *v, unsigned status)
{
	struct dir_org *orgs;
	size_t n = 0;

	if (store_dir_orgs_managed(req_store(r), &r->arena, r->actor->org_id, &orgs, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (n == 0) {
		struct buf b;

		buf_init(&b, &r->arena);
		layout_begin(r, &b, _("Add a service"));
		html(&b, "<h1>%s</h1><p>%s</p>", _("Add a service"),
		    _("Your organisation is not in the directory yet. Ask the system "
		      "administrator to add it."));
		layout_end(r, &b, status == 200 ? 200 : status);
		return;
	}
	render_form(r, "/admin/services/new", orgs, n, v, status, _("Add a service"));
}

void
web_admin_service_new(struct req *r)
{
	struct svc_form f = {0};
	struct view v = {0};

	if (!may_edit_own(r))
		return;
	f.status = "active";
	f.response_days = "5";
	f.capacity_unit = "places";
	f.shares = CAT_BIT(CAT_BASIC);
	v.f = &f;
	new_page(r, &v, 200);
}

void
web_admin_service_create(struct req *r)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct save *w = arena_alloc(&r->arena, sizeof(*w));
	struct view v = {0};
	char id[ID_LEN + 1];

	if (!may_edit_own(r))
		return;
	read_form(r, &w->f, e, &w->p, org_zone(r));
	w->f.version = NULL;
	if (w->f.org == NULL || *w->f.org == '\0')
		form_error(e, "org", "required");
	if (e->n > 0) {
		v.f = &w->f;
		v.e = e;
		new_page(r, &v, 422);
		return;
	}
	/* An HSDS id is a UUID: rosc's 128 random bits in that form. */
	id_new(id);
	w->p.sv.id = arena_printf(&r->arena, "%.8s-%.4s-4%.3s-a%.3s-%.12s", id, id + 8, id + 13,
	    id + 17, id + 20);
	w->p.sv.has_capacity = w->p.sv.capacity_maximum > 0;
	w->p.sv.capacity_available = 0;
	w->p.sv.capacity_updated_us = w->p.sv.has_capacity ? w->p.sv.updated_us : 0;
	finish_parsed(r, &w->p, w->f.langs);
	w->org = r->actor->org_id;
	w->create = true;
	w->audit = req_audit(r, "service.create", arena_printf(&r->arena, "service:%s",
	    w->p.sv.id), w->p.sv.name);
	req_defer_write(r, write_save, w, after_save);
}

void
web_admin_service(struct req *r)
{
	struct service sv;
	struct service_detail d;
	struct svc_form f;
	struct view v = {0};

	if (!own_service(r, req_param(r, 0), &sv) || !may_edit_own(r))
		return;
	if (store_service_detail(req_store(r), &r->arena, sv.id, &d) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	form_from(r, &f, &sv, &d);
	v.f = &f;
	edit_page(r, &sv, &v, 200);
}

void
web_admin_service_update(struct req *r)
{
	struct form_errors *e = arena_alloc(&r->arena, sizeof(*e));
	struct save *w = arena_alloc(&r->arena, sizeof(*w));
	struct service sv;
	struct service_detail d;
	struct view v = {0};
	const char *zone;

	if (!own_service(r, req_param(r, 0), &sv) || !may_edit_own(r))
		return;
	if (store_service_detail(req_store(r), &r->arena, sv.id, &d) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* The hours stay in the zone they were in. */
	zone = d.nschedules > 0 && d.schedules[0].timezone ? d.schedules[0].timezone :
	    org_zone(r);
	read_form(r, &w->f, e, &w->p, zone);
	w->f.org = sv.organization_id;
	w->p.sv.organization_id = sv.organization_id;
	if (w->f.version == NULL || *w->f.version == '\0' || w->p.version < 1)
		form_error(e, "version", "required");
	if (e->n > 0) {
		v.f = &w->f;
		v.e = e;
		edit_page(r, &sv, &v, 422);
		return;
	}
	w->p.sv.id = sv.id;
	finish_parsed(r, &w->p, w->f.langs);
	w->org = r->actor->org_id;
	w->audit = req_audit(r, "service.update", arena_printf(&r->arena, "service:%s", sv.id),
	    w->p.sv.name);
	req_defer_write(r, write_save, w, after_save);
}
