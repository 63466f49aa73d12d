/* The public service directory (HSDS-shaped, core/directory.h).
 *   GET /services        anyone: a search form (words, stage on the
 *                        continuum, life domain, language, video only,
 *                        places free, open now) and the services found as
 *                        cards, 20 at a time, "More" continuing after the
 *                        last (keyset paging with an opaque cursor)
 *   GET /services/{id}   anyone: one service with everything a person needs
 *                        to go there: who it is for, what it costs, how to
 *                        start, languages, addresses, phones, opening
 *                        hours, places free, video, the organisation
 * Directory data is public and not about persons: nothing is logged. An
 * unknown id (or one of a misshapen kind, http/router.c) is a 404. */
#include "web/services.h"

#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "core/actor.h"
#include "core/directory.h"
#include "http/errors.h"
#include "http/request.h"
#include "http/response.h"
#include "policy/policy.h"
#include "store/directory.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/phone.h"

/* The languages offered in the language filter. */
static const char *const filter_langs[] = {"da", "nl", "en", "de", "ar", "tr", "pl", "uk"};
#define NFILTER_LANGS (sizeof(filter_langs) / sizeof(filter_langs[0]))

/* The zone dates are shown in: the organisation's for staff, else
 * Copenhagen or Amsterdam by the page's language, else UTC. */
static const char *
viewer_zone(struct req *r)
{
	if (r->actor != NULL && r->actor->org_time_zone != NULL)
		return r->actor->org_time_zone;
	switch (r->lang) {
	case LANG_DA: return "Europe/Copenhagen";
	case LANG_NL: return "Europe/Amsterdam";
	default: return "Europe/Copenhagen";
	}
}

/* "updated 2 hours ago", to the nearest minute, hour or day. */
static const char *
ago(struct req *r, int64_t us)
{
	int64_t s = (clock_now_us() - us) / US_PER_SEC;
	unsigned long n;

	if (s < 60)
		return _("updated just now");
	if (s < 3600) {
		n = (unsigned long)(s / 60);
		return arena_printf(&r->arena, ngettext("updated %lu minute ago",
		    "updated %lu minutes ago", n), n);
	}
	if (s < 86400) {
		n = (unsigned long)(s / 3600);
		return arena_printf(&r->arena, ngettext("updated %lu hour ago",
		    "updated %lu hours ago", n), n);
	}
	n = (unsigned long)(s / 86400);
	return arena_printf(&r->arena, ngettext("updated %lu day ago", "updated %lu days ago",
	    n), n);
}

static const char *
unit_words(struct req *r, const struct service *sv, int n)
{
	(void)r;
	if (sv->capacity_unit != NULL && strcmp(sv->capacity_unit, "beds") == 0)
		return ngettext("bed", "beds", (unsigned long)n);
	return ngettext("place", "places", (unsigned long)n);
}

void
services_capacity(struct req *r, struct buf *b, const struct service *sv)
{
	char iso[21];
	const char *count;

	if (!sv->has_capacity)
		return;
	if (sv->capacity_maximum > 0)
		count = arena_printf(&r->arena, _("%d of %d %s free"), sv->capacity_available,
		    sv->capacity_maximum, unit_words(r, sv, sv->capacity_maximum));
	else
		count = arena_printf(&r->arena, _("%d %s free"), sv->capacity_available,
		    unit_words(r, sv, sv->capacity_available));
	html(b, "<p class=\"capacity%s\">%s", sv->capacity_available > 0 ? "" : " full",
	    count);
	if (sv->capacity_updated_us != 0) {
		clock_format_datetime(sv->capacity_updated_us, iso);
		html(b, " · <time datetime=\"%s\" title=\"%s\">%s</time>", iso,
		    timefmt_instant(&r->arena, sv->capacity_updated_us, viewer_zone(r), r->lang,
		    TIMEFMT_DATETIME), ago(r, sv->capacity_updated_us));
	}
	html_raw(b, "</p>");
}

/* The first sentence or so of a description, cut at a word. */
static const char *
short_text(struct req *r, const char *s)
{
	size_t n = 0, last = 0, chars = 0;

	if (s == NULL)
		return NULL;
	while (s[n] && chars < 160) {
		if (s[n] == ' ')
			last = n;
		if (((unsigned char)s[n] & 0xc0) != 0x80)
			chars++;
		n++;
	}
	if (s[n] == '\0')
		return s;
	return arena_printf(&r->arena, "%s…", arena_strndup(&r->arena, s, last ? last : n));
}

static void
languages_line(struct req *r, struct buf *b, const struct service_language *l, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	html(b, "<p class=\"small\">%s ", _("Languages:"));
	for (i = 0; i < n; i++)
		html(b, "%s<span lang=\"%s\">%s</span>", i ? ", " : "", l[i].code,
		    language_label(l[i].code, l[i].name));
	html_raw(b, "</p>");
	(void)r;
}

static void
card(struct req *r, struct buf *b, const struct service *sv, const struct service_detail *d)
{
	html(b, "<li class=\"card service\"><h3><a href=\"/services/%s\">%s</a></h3>"
	    "<p class=\"small\">%s", sv->id, sv->name, sv->organization_name);
	if (sv->stage != STAGE_NONE)
		html(b, " · <span class=\"stage\">%s</span>", stage_label(sv->stage));
	html_raw(b, "</p>");
	if (sv->description != NULL && *sv->description)
		html(b, "<p>%s</p>", short_text(r, sv->description));
	services_capacity(r, b, sv);
	languages_line(r, b, d->languages, d->nlanguages);
	if (sv->video)
		html(b, "<p class=\"small\">%s</p>", _("Also by video"));
	html_raw(b, "</li>");
}

static void
checkbox(struct buf *b, const char *name, const char *label, bool checked)
{
	html(b, "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" "
	    "value=\"1\"%s><label for=\"f-%s\">%s</label></div>", name, name,
	    checked ? " checked" : "", name, label);
}

static void
search_form(struct req *r, struct buf *b, const struct service_filters *f,
    const struct service_query *q)
{
	const char *stage_values[STAGE_COUNT + 1], *stage_labels[STAGE_COUNT + 1];
	const char *dom_values[DOM_COUNT + 1], *dom_labels[DOM_COUNT + 1];
	const char *lang_values[NFILTER_LANGS + 1], *lang_labels[NFILTER_LANGS + 1];
	size_t i;

	stage_values[0] = dom_values[0] = lang_values[0] = "";
	stage_labels[0] = _("Any stage");
	dom_labels[0] = _("Anything");
	lang_labels[0] = _("Any language");
	for (i = 0; i < STAGE_COUNT; i++) {
		stage_values[i + 1] = stage_code((enum stage)i);
		stage_labels[i + 1] = stage_label((enum stage)i);
	}
	for (i = 0; i < DOM_COUNT; i++) {
		dom_values[i + 1] = domain_code((enum domain)i);
		dom_labels[i + 1] = domain_label((enum domain)i);
	}
	for (i = 0; i < NFILTER_LANGS; i++) {
		lang_values[i + 1] = filter_langs[i];
		lang_labels[i + 1] = language_label(filter_langs[i], NULL);
	}
	html(b, "<form method=\"get\" action=\"/services\" class=\"search\" role=\"search\" "
	    "aria-label=\"%s\">", _("Find a service"));
	form_input(b, "q", _("What are you looking for?"), "search", f->q, "off",
	    _("For example: alcohol, housing, debt, a group."), NULL);
	form_select(b, "stage", _("Stage"), stage_values, stage_labels, STAGE_COUNT + 1,
	    f->stage ? f->stage : "", NULL);
	form_select(b, "domain", _("Helps with"), dom_values, dom_labels, DOM_COUNT + 1,
	    f->domain ? f->domain : "", NULL);
	form_select(b, "lang", _("Language"), lang_values, lang_labels, NFILTER_LANGS + 1,
	    f->lang ? f->lang : "", NULL);
	html(b, "<fieldset><legend>%s</legend>", _("Only show services that"));
	checkbox(b, "video", _("can be used by video"), q->video_only);
	checkbox(b, "capacity", _("have places free now"), q->capacity_only);
	checkbox(b, "open_now", _("are open now"), q->open_now);
	html(b, "</fieldset><button type=\"submit\" class=\"button\">%s</button></form>",
	    _("Search"));
}

/* The query string of the search, for the "More" link. */
static const char *
more_link(struct req *r, const struct service_filters *f, const struct service *last)
{
	const char *names[] = {"q", "stage", "domain", "lang", "video", "capacity", "open_now"};
	const char *values[] = {f->q, f->stage, f->domain, f->lang, f->video, f->capacity,
		f->open_now};
	struct buf b;
	size_t i;

	buf_init(&b, &r->arena);
	buf_puts(&b, "/services?");
	for (i = 0; i < 7; i++) {
		if (values[i] == NULL || *values[i] == '\0')
			continue;
		buf_puts(&b, names[i]);
		buf_puts(&b, "=");
		url_encode(&b, values[i]);
		buf_puts(&b, "&");
	}
	buf_puts(&b, "after=");
	buf_puts(&b, service_cursor(&r->arena, last->name, last->id));
	return b.data;
}

void
web_services(struct req *r)
{
	struct service_filters f = {
		req_query(r, "q"), req_query(r, "stage"), req_query(r, "domain"),
		req_query(r, "lang"), req_query(r, "video"), req_query(r, "capacity"),
		req_query(r, "open_now"), NULL, req_query(r, "after"),
	};
	struct service_query q;
	struct service *found = NULL;
	struct service_detail *d;
	size_t n = 0, i;
	bool more = false, searched;
	struct buf b;

	if (service_query_parse(&r->arena, &f, clock_now_us(), &q) != NULL) {
		error_respond(r, 400, PROBLEM_INVALID_FORMAT);
		return;
	}
	if (store_services_search(req_store(r), &r->arena, &q, &found, &n, &more) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	/* A card shows its languages; without them it still shows the rest. */
	d = arena_alloc(&r->arena, (n + 1) * sizeof(*d));
	if (store_services_languages(req_store(r), &r->arena, found, n, d) != 0)
		memset(d, 0, (n + 1) * sizeof(*d));
	searched = (f.q && *f.q) || q.stage != STAGE_NONE || q.domain >= 0 || q.lang ||
	    q.video_only || q.capacity_only || q.open_now;
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Find a service"));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s</p>", _("Find a service"),
	    _("Help with alcohol or drugs, and with everything around it: health, housing, "
	      "work, money, family and people to talk to. You do not need to sign in."));
	search_form(r, &b, &f, &q);
	html(&b, "<section aria-labelledby=\"s-found\"><h2 id=\"s-found\">%s</h2>",
	    searched ? _("Services that match") : _("All services"));
	if (n == 0) {
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", q.after_name ?
		    _("There are no more services.") :
		    _("No service matches all of that. Try fewer words, or leave out a filter."));
	} else {
		html_raw(&b, "<ul class=\"cards services\">");
		for (i = 0; i < n; i++)
			card(r, &b, &found[i], &d[i]);
		html_raw(&b, "</ul>");
	}
	if (more)
		html(&b, "<p><a class=\"button\" rel=\"next\" href=\"%s\">%s</a></p>",
		    more_link(r, &f, &found[n - 1]), _("More services"));
	html_raw(&b, "</section>");
	layout_end(r, &b, 200);
}

/* Detail */

static void
section(struct buf *b, const char *id, const char *title)
{
	html(b, "<section aria-labelledby=\"s-%s\"><h2 id=\"s-%s\">%s</h2>", id, id, title);
}

static bool
web_url(const char *u)
{
	return u != NULL && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

static void
text_section(struct req *r, struct buf *b, const char *id, const char *title,
    const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	section(b, id, title);
	layout_own_words(r, b, text, NULL);
	html_raw(b, "</section>");
}

static void
address(struct buf *b, const struct dir_location *l)
{
	html_raw(b, "<li><address>");
	if (l->name != NULL && *l->name)
		html(b, "<span class=\"place\">%s</span><br>", l->name);
	if (l->address_1 != NULL)
		html(b, "%s<br>", l->address_1);
	if (l->address_2 != NULL && *l->address_2)
		html(b, "%s<br>", l->address_2);
	html(b, "%s %s", l->postal_code ? l->postal_code : "", l->city ? l->city : "");
	html_raw(b, "</address></li>");
}

/* The week, Monday first: each day's slots, or "closed". */
static void
hours(struct req *r, struct buf *b, const struct dir_schedule *sc, size_t n)
{
	const char *zone = NULL;
	bool open = false, weekly = false;
	size_t i;
	int wd;

	for (i = 0; i < n; i++) {
		if (sc[i].freq == NULL || strcmp(sc[i].freq, "WEEKLY") != 0)
			continue;
		weekly = true;
		if (zone == NULL)
			zone = sc[i].timezone;
		if (schedule_open_now(&sc[i], clock_now_us()))
			open = true;
	}
	if (!weekly)
		return;
	section(b, "hours", _("Opening hours"));
	html(b, "<p class=\"open-now%s\">%s</p>", open ? " open" : "",
	    open ? _("Open now") : _("Closed now"));
	html(b, "<table class=\"hours\"><caption class=\"small\">%s</caption><tbody>",
	    arena_printf(&r->arena, _("Local time in %s"),
	    timefmt_zone_city(&r->arena, zone ? zone : "UTC", r->lang)));
	for (wd = 0; wd < 7; wd++) {
		bool any = false;

		html(b, "<tr><th scope=\"row\">%s</th><td>", weekday_label(wd));
		for (i = 0; i < n; i++) {
			if (sc[i].byday == NULL || weekday_parse(sc[i].byday) != wd ||
			    sc[i].freq == NULL || strcmp(sc[i].freq, "WEEKLY") != 0)
				continue;
			html(b, "%s%s–%s", any ? ", " : "", sc[i].opens_at ? sc[i].opens_at : "",
			    sc[i].closes_at ? sc[i].closes_at : "");
			any = true;
		}
		if (!any)
			html(b, "%s", _("closed"));
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>");
	for (i = 0; i < n; i++)
		if (sc[i].description != NULL && *sc[i].description)
			html(b, "<p>%s</p>", sc[i].description);
	html_raw(b, "</section>");
}

void
web_service(struct req *r)
{
	const char *id = req_param(r, 0);
	struct service sv;
	struct service_detail d;
	struct buf b;
	size_t i;
	int rc;

	if ((rc = store_service_get(req_store(r), &r->arena, id, &sv)) != 0 ||
	    (rc = store_service_detail(req_store(r), &r->arena, id, &d)) != 0) {
		error_respond(r, rc == ERR_NOT_FOUND ? 404 : 503,
		    rc == ERR_NOT_FOUND ? PROBLEM_NOT_FOUND : PROBLEM_UNAVAILABLE);
		return;
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, sv.name);
	html(&b, "<nav><a href=\"/services\">%s</a></nav>", _("Back to all services"));
	html(&b, "<h1>%s</h1><p class=\"lead\">%s", sv.name, sv.organization_name);
	if (sv.stage != STAGE_NONE)
		html(&b, " · %s", stage_label(sv.stage));
	html_raw(&b, "</p>");
	if (sv.status != NULL && strcmp(sv.status, "active") != 0)
		html(&b, "<p class=\"notice\">%s</p>", strcmp(sv.status, "temporarily closed") == 0 ?
		    _("This service is closed for now.") : _("This service is no longer offered."));
	if (sv.alert != NULL && *sv.alert)
		html(&b, "<p class=\"notice\">%s</p>", sv.alert);
	if (policy_may_edit_service(r->actor, sv.managed_by))
		html(&b, "<p><a href=\"/admin/services/%s\">%s</a></p>", sv.id,
		    _("Edit this service"));
	layout_own_words(r, &b, sv.description, NULL);
	if (sv.has_capacity) {
		section(&b, "places", _("Places"));
		services_capacity(r, &b, &sv);
		html_raw(&b, "</section>");
	}
	text_section(r, &b, "who", _("Who it is for"), sv.eligibility_description);
	text_section(r, &b, "fees", _("What it costs"), sv.fees_description);
	text_section(r, &b, "apply", _("How to start"), sv.application_process);
	text_section(r, &b, "wait", _("How long you may wait"), sv.wait_time);
	if (d.nlanguages > 0 || sv.video) {
		section(&b, "lang", _("Languages and video"));
		languages_line(r, &b, d.languages, d.nlanguages);
		if (sv.interpretation_services != NULL && *sv.interpretation_services)
			html(&b, "<p>%s</p>", sv.interpretation_services);
		if (sv.video)
			html(&b, "<p>%s</p>", _("You can also have this by video, from home."));
		html_raw(&b, "</section>");
	}
	if (d.nlocations > 0) {
		section(&b, "where", d.nlocations == 1 ? _("Where to find it") :
		    _("Where to find them"));
		html_raw(&b, "<ul class=\"plain\">");
		for (i = 0; i < d.nlocations; i++)
			address(&b, &d.locations[i]);
		html_raw(&b, "</ul></section>");
	}
	if (d.nphones > 0 || d.ncontacts > 0 || (sv.email && *sv.email)) {
		section(&b, "contact", _("Get in touch"));
		html_raw(&b, "<ul class=\"plain\">");
		for (i = 0; i < d.nphones; i++) {
			html(&b, "<li><a href=\"tel:%s\">%s</a>", phone_tel(&r->arena,
			    d.phones[i].number), d.phones[i].number);
			if (d.phones[i].description != NULL && *d.phones[i].description)
				html(&b, " (%s)", d.phones[i].description);
			html_raw(&b, "</li>");
		}
		if (sv.email != NULL && *sv.email)
			html(&b, "<li><a href=\"mailto:%s\">%s</a></li>", sv.email, sv.email);
		for (i = 0; i < d.ncontacts; i++) {
			html(&b, "<li>%s", d.contacts[i].name ? d.contacts[i].name : "");
			if (d.contacts[i].title != NULL && *d.contacts[i].title)
				html(&b, ", %s", d.contacts[i].title);
			if (d.contacts[i].email != NULL && *d.contacts[i].email)
				html(&b, " <a href=\"mailto:%s\">%s</a>", d.contacts[i].email,
				    d.contacts[i].email);
			html_raw(&b, "</li>");
		}
		html_raw(&b, "</ul></section>");
	}
	hours(r, &b, d.schedules, d.nschedules);
	section(&b, "org", _("Who offers it"));
	html(&b, "<p>%s</p>", sv.organization_name);
	if (web_url(sv.url))
		html(&b, "<p><a href=\"%s\" rel=\"noopener\">%s</a></p>", sv.url,
		    _("More about this service on their website"));
	else if (web_url(sv.organization_website))
		html(&b, "<p><a href=\"%s\" rel=\"noopener\">%s</a></p>",
		    sv.organization_website, arena_printf(&r->arena, _("The website of %s"),
		    sv.organization_name));
	html_raw(&b, "</section>");
	layout_end(r, &b, 200);
}
