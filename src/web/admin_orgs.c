/* Organisations, for system administrators.
 *   GET  /admin/organisations        system admin: the list, and a form to add one
 *   POST /admin/organisations        system admin: adds one
 *   GET  /admin/organisations/{id}   system admin: edit or disable one; its members
 *   POST /admin/organisations/{id}   system admin: saves those changes
 *
 * The route table lets only system admins in; each handler asks the policy
 * again, so these pages stay closed if the table ever changes. Names are
 * unique ignoring ASCII case (the name_key); the database's unique index
 * has the last word when two people add the same name at once. */
#include "web/admin_orgs.h"

#include <stdbool.h>
#include <string.h>

#include "base/buf.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/id.h"
#include "base/timefmt.h"
#include "core/account.h"
#include "core/actor.h"
#include "http/request.h"
#include "http/response.h"
#include "http/session.h"
#include "policy/policy.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

#define ZONE_MAX_CHARS 64
#define DEFAULT_ZONE "Europe/Copenhagen"

/* What the organisation form holds, as typed (shown again on errors). */
struct org_form {
	const char *name, *sector, *time_zone, *status;
};

struct org_write {
	struct organisation o;
	const struct organisation *old;   /* when editing: as it was */
	const char *name_key;
	struct org_form f;
	bool create;
	struct audit_entry *audit;
};

static const char *
viewer_zone(struct req *r)
{
	return r->actor != NULL && r->actor->org_time_zone != NULL ?
	    r->actor->org_time_zone : "UTC";
}

/* The name without leading or trailing blanks, in the arena. */
static const char *
trimmed(struct req *r, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(&r->arena, s, n);
}

/* The uniqueness key: ASCII letters lowered, everything else as it is
 * (the same folding `rosc demo` uses). */
static const char *
name_key(struct req *r, const char *name)
{
	char *k = arena_strdup(&r->arena, name);
	char *p;

	for (p = k; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return k;
}

static void
admin_nav(struct req *r, struct buf *b)
{
	html(b, "<nav aria-label=\"%s\"><p><a href=\"/admin/users\">%s</a> · "
	    "<a href=\"/admin/organisations\">%s</a>", _("Administration"), _("Accounts"),
	    _("Organisations"));
	if (policy_may_read_audit(r->actor))
		html(b, " · <a href=\"/admin/audit\">%s</a>", _("Audit log"));
	html_raw(b, "</p></nav>");
}

static void
org_fields(struct buf *b, const struct org_form *f, const struct form_errors *e,
    bool with_status)
{
	const char *sector_values[SECTOR_COUNT], *sector_labels[SECTOR_COUNT];
	const char *status_values[2] = {"active", "disabled"};
	const char *status_labels[2];
	int i;

	for (i = 0; i < SECTOR_COUNT; i++) {
		sector_values[i] = sector_code((enum sector)i);
		sector_labels[i] = sector_label((enum sector)i);
	}
	form_input(b, "name", _("Name"), "text", f->name, "organization", NULL, e);
	form_select(b, "sector", _("Sector"), sector_values, sector_labels, SECTOR_COUNT,
	    f->sector, e);
	form_input(b, "time_zone", _("Time zone"), "text", f->time_zone, "off",
	    _("A name such as Europe/Copenhagen or Europe/Amsterdam. Dates and times "
	      "for this organisation's staff are shown in this zone."), e);
	if (!with_status)
		return;
	status_labels[0] = _("Active");
	status_labels[1] = _("Disabled");
	form_select(b, "status", _("Status"), status_values, status_labels, 2, f->status, e);
}

/* The list of organisations with the form to add one below it. */
static void
render_list(struct req *r, unsigned status, const struct org_form *f,
    const struct form_errors *e)
{
	struct organisation *os;
	struct org_form empty = {"", NULL, DEFAULT_ZONE, NULL};
	struct buf b;
	size_t n, i;

	if (store_org_list(req_store(r), &r->arena, &os, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (f == NULL)
		f = &empty;
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Organisations"));
	admin_nav(r, &b);
	html(&b, "<h1>%s</h1>", _("Organisations"));
	if (n == 0) {
		html(&b, "<p>%s</p>", _("There are no organisations yet."));
	} else {
		html(&b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    _("Name"), _("Sector"), _("Time zone"), _("Status"));
		for (i = 0; i < n; i++)
			html(&b, "<tr><td><a href=\"/admin/organisations/%s\">%s</a></td>"
			    "<td>%s</td><td>%s</td><td>%s</td></tr>", os[i].id, os[i].name,
			    sector_label(os[i].sector), os[i].time_zone,
			    os[i].disabled_us ? _("Disabled") : _("Active"));
		html_raw(&b, "</tbody></table></div>");
	}
	html(&b, "<section aria-labelledby=\"add\"><h2 id=\"add\">%s</h2>",
	    _("Add an organisation"));
	form_begin(r, &b, "/admin/organisations", e);
	org_fields(&b, f, e, false);
	form_end(&b, _("Add organisation"));
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

/* One organisation: its form and its members. */
static void
render_org(struct req *r, unsigned status, const struct organisation *o,
    const struct org_form *f, const struct form_errors *e, const char *message)
{
	struct membership *ms;
	struct org_form current;
	struct buf b, action;
	size_t n, i;

	if (store_org_members(req_store(r), &r->arena, o->id, &ms, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (f == NULL) {
		current.name = o->name;
		current.sector = sector_code(o->sector);
		current.time_zone = o->time_zone;
		current.status = o->disabled_us ? "disabled" : "active";
		f = &current;
	}
	buf_init(&b, &r->arena);
	buf_init(&action, &r->arena);
	buf_printf(&action, "/admin/organisations/%s", o->id);
	layout_begin(r, &b, o->name);
	admin_nav(r, &b);
	html(&b, "<h1>%s</h1><p class=\"small\">%s · %s</p>", o->name,
	    sector_label(o->sector),
	    arena_printf(&r->arena, _("Added on %s"), timefmt_instant(&r->arena,
	    o->created_us, viewer_zone(r), r->lang, TIMEFMT_DATE)));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);
	if (o->disabled_us)
		html(&b, "<p class=\"notice\">%s</p>", arena_printf(&r->arena,
		    _("This organisation has been disabled since %s. Its staff cannot act "
		      "for it until it is enabled again."), timefmt_instant(&r->arena,
		    o->disabled_us, viewer_zone(r), r->lang, TIMEFMT_DATE)));

	html(&b, "<section aria-labelledby=\"edit\"><h2 id=\"edit\">%s</h2>",
	    _("Details"));
	form_begin(r, &b, action.data, e);
	org_fields(&b, f, e, true);
	html(&b, "<p class=\"hint\">%s</p>",
	    _("Disabling an organisation stops its staff from acting for it at once. "
	      "Their accounts, their roles and everything recorded stay as they are, "
	      "and you can enable it again at any time."));
	form_end(&b, _("Save changes"));
	html_raw(&b, "</section>");

	html(&b, "<section aria-labelledby=\"members\"><h2 id=\"members\">%s</h2>",
	    _("Members"));
	if (n == 0) {
		html(&b, "<p>%s <a href=\"/admin/users\">%s</a></p>",
		    _("No one has a role here yet."), _("Add people on the accounts page."));
	} else {
		html(&b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th></tr></thead><tbody>",
		    _("User name"), _("Full name"), _("Role"));
		for (i = 0; i < n; i++)
			html(&b, "<tr><td><a href=\"/admin/users/%s\">%s</a></td><td>%s</td>"
			    "<td>%s</td></tr>", ms[i].user_id, ms[i].username,
			    ms[i].display_name, role_label(ms[i].role));
		html_raw(&b, "</tbody></table></div>");
	}
	html_raw(&b, "</section>");
	layout_end(r, &b, status);
}

/* Reads and checks the form into w->o (name trimmed) and w->name_key.
 * except_id: the organisation being edited, whose own name is not "taken". */
static void
read_form(struct req *r, struct org_write *w, struct form_errors *e, bool with_status,
    const char *except_id)
{
	struct organisation *os;
	const char *code;
	size_t n, i;

	w->f.name = form_text(r, e, "name", true, NAME_MAX_CHARS);
	if (form_error_at(e, "name") == NULL &&
	    (code = check_name(w->f.name, NAME_MAX_CHARS)) != NULL)
		form_error(e, "name", code);
	w->f.sector = req_form(r, "sector");
	if (!sector_parse(w->f.sector, &w->o.sector))
		form_error(e, "sector", "invalid_choice");
	w->f.time_zone = form_text(r, e, "time_zone", true, ZONE_MAX_CHARS);
	if (form_error_at(e, "time_zone") == NULL && !timefmt_zone_valid(w->f.time_zone))
		form_error(e, "time_zone", "unknown_zone");
	if (with_status) {
		w->f.status = req_form(r, "status");
		if (w->f.status == NULL || (strcmp(w->f.status, "active") != 0 &&
		    strcmp(w->f.status, "disabled") != 0))
			form_error(e, "status", "invalid_choice");
	}
	if (form_error_at(e, "name") != NULL)
		return;
	w->o.name = trimmed(r, w->f.name);
	w->o.time_zone = w->f.time_zone;
	w->name_key = name_key(r, w->o.name);
	/* Tell of a taken name now rather than after a failed write. */
	if (store_org_list(req_store(r), &r->arena, &os, &n) != 0)
		return;      /* the unique index still says no */
	for (i = 0; i < n; i++)
		if ((except_id == NULL || strcmp(os[i].id, except_id) != 0) &&
		    strcmp(name_key(r, os[i].name), w->name_key) == 0)
			form_error(e, "name", "taken");
}

static int
write_org(struct store_tx *tx, void *arg)
{
	struct org_write *w = arg;
	int rc;

	if (w->create)
		rc = store_tx_org_insert(tx, &w->o, w->name_key);
	else
		rc = store_tx_org_update(tx, &w->o, w->name_key);
	return rc ? rc : store_tx_audit_append(tx, w->audit);
}

void
web_admin_orgs(struct req *r)
{
	if (!policy_may_manage_orgs(r->actor)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	render_list(r, 200, NULL, NULL);
}

static void
after_create(struct req *r, int rc)
{
	struct org_write *w = r->write_arg;
	struct form_errors e = {0};

	if (rc == ERR_CONFLICT) {
		form_error(&e, "name", "taken");
		render_list(r, 422, &w->f, &e);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/admin/organisations/%s", w->o.id));
}

void
web_admin_org_create(struct req *r)
{
	struct org_write *w = arena_alloc(&r->arena, sizeof(*w));
	struct form_errors e = {0};
	char *id;

	if (!policy_may_manage_orgs(r->actor)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	read_form(r, w, &e, false, NULL);
	if (e.n > 0) {
		render_list(r, 422, &w->f, &e);
		return;
	}
	id = arena_alloc(&r->arena, ID_LEN + 1);
	id_new(id);
	w->o.id = id;
	w->o.created_us = clock_now_us();
	w->create = true;
	w->audit = req_audit(r, "organisation.create",
	    arena_printf(&r->arena, "organisation:%s", id),
	    arena_printf(&r->arena, "name=%s", w->o.name));
	req_defer_write(r, write_org, w, after_create);
}

/* The organisation named by the path, or NULL after answering 404/503. */
static struct organisation *
load_org(struct req *r)
{
	struct organisation *o = arena_alloc(&r->arena, sizeof(*o));
	const char *id = req_param(r, 0);
	int rc;

	rc = store_org_get(req_store(r), &r->arena, id, o);
	if (rc != 0) {
		if (rc == ERR_NOT_FOUND)
			error_respond(r, 404, PROBLEM_NOT_FOUND);
		else
			error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return NULL;
	}
	return o;
}

void
web_admin_org(struct req *r)
{
	struct organisation *o;

	if (!policy_may_manage_orgs(r->actor)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if ((o = load_org(r)) == NULL)
		return;
	render_org(r, 200, o, NULL, NULL,
	    req_query(r, "saved") ? _("The changes are saved.") : NULL);
}

static void
after_update(struct req *r, int rc)
{
	struct org_write *w = r->write_arg;
	struct form_errors e = {0};

	if (rc == ERR_CONFLICT) {
		form_error(&e, "name", "taken");
		render_org(r, 422, w->old, &w->f, &e, NULL);
		return;
	}
	if (rc == ERR_NOT_FOUND) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (rc != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	resp_redirect(r, 303, arena_printf(&r->arena, "/admin/organisations/%s?saved=1",
	    w->o.id));
}

/* "name,time_zone,disabled": what changed, for the audit entry. */
static const char *
changes(struct req *r, const struct organisation *old, const struct organisation *cur)
{
	struct buf b;

	buf_init(&b, &r->arena);
	if (strcmp(old->name, cur->name) != 0)
		buf_puts(&b, ",name");
	if (old->sector != cur->sector)
		buf_puts(&b, ",sector");
	if (strcmp(old->time_zone, cur->time_zone) != 0)
		buf_puts(&b, ",time_zone");
	if ((old->disabled_us != 0) != (cur->disabled_us != 0))
		buf_puts(&b, cur->disabled_us ? ",disabled" : ",enabled");
	return b.len > 0 ? arena_printf(&r->arena, "changed=%s", b.data + 1) : NULL;
}

void
web_admin_org_update(struct req *r)
{
	struct org_write *w = arena_alloc(&r->arena, sizeof(*w));
	struct form_errors e = {0};
	const struct organisation *old;

	if (!policy_may_manage_orgs(r->actor)) {
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if ((old = w->old = load_org(r)) == NULL)
		return;
	read_form(r, w, &e, true, old->id);
	if (e.n > 0) {
		render_org(r, 422, old, &w->f, &e, NULL);
		return;
	}
	w->o.id = old->id;
	w->o.created_us = old->created_us;
	if (strcmp(w->f.status, "disabled") == 0)
		w->o.disabled_us = old->disabled_us ? old->disabled_us : clock_now_us();
	else
		w->o.disabled_us = 0;
	w->audit = req_audit(r, "organisation.update",
	    arena_printf(&r->arena, "organisation:%s", old->id), changes(r, old, &w->o));
	req_defer_write(r, write_org, w, after_update);
}
