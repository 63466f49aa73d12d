/* The audit log, for system administrators.
 *   GET /admin/audit   system administrators (the route table enforces it)
 *
 * Newest first, PAGE entries a page, paged by seq (?before=SEQ keeps the
 * filters). Filters: action (one of the action families below) and who (a
 * user name, for entries that user made). The filter form is a GET form:
 * it changes nothing, so it carries no CSRF token. Whether the chain is
 * intact is checked by `rosc audit verify`, not here: that reads the whole
 * log. */
#include "web/admin_audit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "base/timefmt.h"
#include "base/utf8.h"
#include "core/account.h"
#include "core/actor.h"
#include "http/request.h"
#include "store/accounts.h"
#include "store/audit.h"
#include "web/errors.h"
#include "web/forms.h"
#include "web/layout.h"

#define PAGE 50

/* The families the filter offers: a prefix of the action code. */
static const char *const family_values[] = {
	"", "signin.", "signout", "user.", "membership.", "organisation.", "token.",
	"session.", "second_factor.",
};
static const char *const family_labels[] = {
	N_("All actions"), N_("Signing in"), N_("Signing out"), N_("Accounts"),
	N_("Roles in organisations"), N_("Organisations"), N_("API tokens"),
	N_("Sessions"), N_("Second factor"),
};
#define NFAMILIES (sizeof(family_values) / sizeof(family_values[0]))

/* Plain words for the actions in use; other codes are shown as they are. */
static const struct {
	const char *code, *label;
} action_labels[] = {
	{"access_log.chain_start", N_("Access log's chain begun")},
	{"demo.load", N_("Demo world loaded")},
	{"membership.remove", N_("Removed from an organisation")},
	{"membership.set", N_("Role in an organisation set")},
	{"organisation.create", N_("Organisation created")},
	{"organisation.second_factor", N_("Second factor for staff required or not")},
	{"organisation.update", N_("Organisation changed")},
	{"pathway_template.create", N_("Pathway template version saved")},
	{"second_factor.off", N_("Second factor turned off")},
	{"second_factor.on", N_("Second factor turned on")},
	{"second_factor.recovery_codes", N_("New recovery codes made")},
	{"second_factor.recovery_used", N_("Recovery code used to sign in")},
	{"second_factor.reset", N_("Second factor reset by an administrator")},
	{"session.organisation", N_("Organisation chosen to act for")},
	{"signin.failure", N_("Sign-in failed")},
	{"signin.password", N_("Password right, waiting for the second factor")},
	{"signin.success", N_("Signed in")},
	{"signout", N_("Signed out")},
	{"signout.everywhere", N_("Signed out everywhere")},
	{"token.create", N_("API token created")},
	{"token.revoke", N_("API token revoked")},
	{"user.create", N_("Account created")},
	{"user.disable", N_("Account disabled")},
	{"user.enable", N_("Account enabled")},
	{"user.language", N_("Language changed")},
	{"user.password", N_("Password changed")},
	{"user.reset", N_("Password reset link made")},
};

static const char *
action_label(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < sizeof(action_labels) / sizeof(action_labels[0]); i++)
		if (strcmp(action_labels[i].code, code) == 0)
			return _(action_labels[i].label);
	return NULL;
}

/* Names looked up once per page: the same few people act again and again. */
struct names {
	size_t n;
	struct {
		char kind;            /* 'u' user, 'o' organisation */
		const char *id, *name;
	} at[4 * PAGE];
};

/* The display name of a user or the name of an organisation, or NULL if
 * there is none by that id. */
static const char *
name_of(struct req *r, struct names *c, char kind, const char *id)
{
	const char *name = NULL;
	struct organisation o;
	struct user u;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->at[i].kind == kind && strcmp(c->at[i].id, id) == 0)
			return c->at[i].name;
	if (kind == 'u' && store_user_get(req_store(r), &r->arena, id, &u) == 0)
		name = arena_printf(&r->arena, "%s (%s)", u.display_name, u.username);
	else if (kind == 'o' && store_org_get(req_store(r), &r->arena, id, &o) == 0)
		name = o.name;
	if (c->n < sizeof(c->at) / sizeof(c->at[0])) {
		c->at[c->n].kind = kind;
		c->at[c->n].id = id;
		c->at[c->n].name = name;
		c->n++;
	}
	return name;
}

/* A target such as "user:ID" or "organisation:ID", named when we can. */
static void
target_cell(struct req *r, struct buf *b, struct names *c, const char *target)
{
	const char *name = NULL;

	if (target == NULL) {
		html_raw(b, "<td></td>");
		return;
	}
	if (strncmp(target, "user:", 5) == 0)
		name = name_of(r, c, 'u', target + 5);
	else if (strncmp(target, "organisation:", 13) == 0)
		name = name_of(r, c, 'o', target + 13);
	if (name != NULL)
		html(b, "<td>%s<br><span class=\"small ids\">%s</span></td>", name, target);
	else
		html(b, "<td class=\"ids\">%s</td>", target);
}

static void
row(struct req *r, struct buf *b, struct names *c, const struct audit_entry *e,
    const char *tz)
{
	const char *who, *org = NULL, *label;

	html(b, "<tr><td class=\"when\">%s</td>",
	    timefmt_instant(&r->arena, e->at_us, tz, r->lang, TIMEFMT_DATETIME));
	if (e->erased_us != 0) {
		html(b, "<td colspan=\"6\">%s</td></tr>",
		    _("The content of this entry was erased under the retention rules."));
		return;
	}
	if (e->actor_id != NULL) {
		who = name_of(r, c, 'u', e->actor_id);
		if (who == NULL)
			who = arena_printf(&r->arena, _("an account that no longer exists (%s)"),
			    e->actor_id);
	} else if (e->client_addr != NULL && strcmp(e->client_addr, "cli") == 0) {
		who = _("command line");
	} else {
		who = _("nobody (not signed in)");
	}
	if (e->actor_org_id != NULL) {
		org = name_of(r, c, 'o', e->actor_org_id);
		if (org == NULL)
			org = e->actor_org_id;
	}
	html(b, "<td>%s</td><td>%s</td>", who, org ? org : "");
	label = action_label(e->action);
	if (label != NULL)
		html(b, "<td>%s<br><code>%s</code></td>", label, e->action);
	else
		html(b, "<td><code>%s</code></td>", e->action ? e->action : "");
	target_cell(r, b, c, e->target);
	html(b, "<td>%s</td><td>%s</td></tr>", e->client_addr ? e->client_addr : "",
	    e->detail ? e->detail : "");
}

/* s without surrounding spaces, in the arena; "" for NULL. */
static const char *
trimmed(struct req *r, const char *s)
{
	size_t n;

	if (s == NULL)
		return "";
	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(&r->arena, s, n);
}

/* ?before=SEQ: a positive whole number, or absent. Returns -1 if bad. */
static long long
parse_before(const char *s)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 18)
		return -1;
	v = strtoll(s, &end, 10);
	return v > 0 ? v : -1;
}

/* The address of this page with the filters and before (0: none). */
static const char *
page_url(struct req *r, const char *action, const char *who, long long before)
{
	struct buf u;

	buf_init(&u, &r->arena);
	buf_puts(&u, "/admin/audit?action=");
	url_encode(&u, action);
	buf_puts(&u, "&who=");
	url_encode(&u, who);
	if (before > 0)
		buf_printf(&u, "&before=%lld", before);
	return u.data;
}

void
web_admin_audit(struct req *r)
{
	const char *action = req_query(r, "action");
	const char *who = req_query(r, "who");
	const char *message = NULL, *tz;
	const char *labels[NFAMILIES];
	struct audit_filter f = {0};
	struct audit_entry *es = NULL;
	struct names *names = arena_alloc(&r->arena, sizeof(*names));
	struct user u;
	unsigned status = 200;
	long long before;
	size_t n = 0, i;
	bool nobody = false;
	struct buf b;

	/* A bad parameter came from a hand-made address: say so and show
	 * the newest entries rather than guess. */
	before = parse_before(req_query(r, "before"));
	if (before < 0) {
		message = _("The page address was not understood, so the newest entries are "
		    "shown.");
		status = 400;
		before = 0;
	}
	if (action == NULL)
		action = "";
	for (i = 0; i < NFAMILIES; i++)
		if (strcmp(action, family_values[i]) == 0)
			break;
	if (i == NFAMILIES) {
		message = _("The page address was not understood, so the newest entries are "
		    "shown.");
		status = 400;
		action = "";
	}
	if (*action != '\0')
		f.action_prefix = action;

	who = trimmed(r, who);
	if (!utf8_valid_text(who, strlen(who))) {
		message = _("The page address was not understood, so the newest entries are "
		    "shown.");
		status = 400;
		who = "";
	}
	if (*who != '\0') {
		char key[USERNAME_MAX + 1];

		if (check_username(who) == NULL) {
			username_key(who, key);
			if (store_user_by_username(req_store(r), &r->arena, key, &u) == 0)
				f.actor_id = u.id;
		}
		if (f.actor_id == NULL) {
			nobody = true;
			message = arena_printf(&r->arena,
			    _("There is no account with the user name %s."), who);
		}
	}
	if (!nobody && store_audit_list(req_store(r), &r->arena, &f, before, PAGE + 1,
	    &es, &n) != 0) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}

	tz = r->actor != NULL && r->actor->org_time_zone != NULL ?
	    r->actor->org_time_zone : "UTC";
	for (i = 0; i < NFAMILIES; i++)
		labels[i] = _(family_labels[i]);
	buf_init(&b, &r->arena);
	layout_begin(r, &b, _("Audit log"));
	html(&b, "<h1>%s</h1><p>%s</p>", _("Audit log"),
	    _("Who did what to which account, organisation or token, and when. "
	      "To check that the log is complete and unchanged, run "
	      "\"rosc audit verify\" on the server."));
	if (message != NULL)
		html(&b, "<p class=\"notice\" role=\"status\">%s</p>", message);

	html(&b, "<form method=\"get\" action=\"/admin/audit\" role=\"search\" "
	    "aria-label=\"%s\">", _("Filter the audit log"));
	form_select(&b, "action", _("Actions"), family_values, labels, NFAMILIES, action,
	    NULL);
	form_input(&b, "who", _("Done by (user name)"), "search", who, "off",
	    _("Leave empty for everyone."), NULL);
	form_end(&b, _("Show"));

	if (n == 0) {
		if (!nobody)
			html(&b, "<p>%s</p>", _("No entries match."));
	} else {
		html(&b, "<div class=\"table-wrap\" tabindex=\"0\"><table><caption class=\"small\">%s</caption>"
		    "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		    arena_printf(&r->arena, _("Newest first. Times are in %s."), tz),
		    _("When"), _("Who"), _("Organisation"), _("Action"), _("Concerning"),
		    _("Address"), _("Detail"));
		for (i = 0; i < n && i < PAGE; i++)
			row(r, &b, names, &es[i], tz);
		html_raw(&b, "</tbody></table></div>");
	}
	if (n > PAGE || before > 0) {
		html(&b, "<nav class=\"pager\" aria-label=\"%s\"><p>", _("Pages"));
		if (before > 0)
			html(&b, "<a href=\"%s\">%s</a> ", page_url(r, action, who, 0),
			    _("Newest entries"));
		if (n > PAGE)
			html(&b, "<a href=\"%s\" rel=\"next\">%s</a>",
			    page_url(r, action, who, (long long)es[PAGE - 1].seq),
			    _("Older entries"));
		html_raw(&b, "</p></nav>");
	}
	layout_end(r, &b, status);
}
