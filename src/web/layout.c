#include "web/layout.h"
#include "web/messages.h"

#include <string.h>

#include "config.h"
#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "http/request.h"
#include "http/response.h"
#include "core/actor.h"
#include "policy/person.h"
#include "policy/policy.h"
#include "web/assets.h"
#include "web/forms.h"

const char *
layout_asset_url(struct req *r, const char *name)
{
	const struct embedded *a = asset_find(name);
	size_t elen;

	if (a == NULL)
		return arena_printf(&r->arena, "/static/%s", name);
	elen = strlen(a->etag);
	return arena_printf(&r->arena, "/static/%s?v=%.*s", name, (int)(elen - 2),
	    a->etag + 1);
}

/* Signed in, the switch saves the choice as the account's language (a
 * POST with the CSRF token), so it follows the person to every device. */
static void
language_forms(struct req *r, struct buf *b)
{
	int i;

	html(b, "<nav class=\"langs\" aria-label=\"%s\"><ul>", _("Language"));
	for (i = 0; i < LANG_COUNT; i++) {
		html_raw(b, "<li><form method=\"post\" action=\"/me/settings/language\">");
		form_csrf(r, b);
		html(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"next\" value=\"%s\">", lang_code(i),
		    r->path ? r->path : "/");
		if ((enum lang)i == r->lang)
			html(b, "<button type=\"submit\" lang=\"%s\" aria-current=\"true\">%s"
			    "</button>", lang_code(i), lang_endonym(i));
		else
			html(b, "<button type=\"submit\" lang=\"%s\">%s</button>", lang_code(i),
			    lang_endonym(i));
		html_raw(b, "</form></li>");
	}
	html_raw(b, "</ul></nav>");
}

static void
language_switch(struct req *r, struct buf *b)
{
	int i;

	if (r->actor != NULL && r->actor->session_hash != NULL) {
		language_forms(r, b);
		return;
	}
	html(b, "<nav class=\"langs\" aria-label=\"%s\"><ul>", _("Language"));
	for (i = 0; i < LANG_COUNT; i++) {
		struct buf next;

		buf_init(&next, &r->arena);
		url_encode(&next, r->path ? r->path : "/");
		if ((enum lang)i == r->lang)
			html(b, "<li><a href=\"/lang?set=%s&amp;next=%s\" lang=\"%s\" "
			    "hreflang=\"%s\" aria-current=\"true\">%s</a></li>",
			    lang_code(i), next.data, lang_code(i), lang_code(i),
			    lang_endonym(i));
		else
			html(b, "<li><a href=\"/lang?set=%s&amp;next=%s\" lang=\"%s\" "
			    "hreflang=\"%s\">%s</a></li>", lang_code(i), next.data,
			    lang_code(i), lang_code(i), lang_endonym(i));
	}
	html_raw(b, "</ul></nav>");
}

/* Who is signed in, for which organisation, and where they can go. */
static void
account_bar(struct req *r, struct buf *b)
{
	const struct actor *a = r->actor;

	if (a == NULL) {
		if (r->path == NULL || strncmp(r->path, "/signin", 7) != 0)
			html(b, "<nav class=\"account wrap\" aria-label=\"%s\"><ul>"
			    "<li><a href=\"/services\">%s</a></li>"
			    "<li><a href=\"/signin\">%s</a></li></ul></nav>",
			    _("Account"), _("Find a service"), _("Sign in"));
		return;
	}
	html(b, "<nav class=\"account wrap\" aria-label=\"%s\"><ul>"
	    "<li class=\"who\"><span class=\"name\">%s</span>", _("Account"),
	    a->user.display_name);
	if (a->org_name != NULL)
		html(b, " <span class=\"org\">%s</span>", a->org_name);
	if (a->norgs > 1)
		html(b, " <a href=\"/signin/organisation\">%s</a>", _("Switch organisation"));
	html_raw(b, "</li>");
	if (a->user.kind == USER_PERSON) {
		html(b, "<li><a href=\"/me\">%s</a>", _("My page"));
		web_messages_nav(r, b);
		html_raw(b, "</li>");
	} else
		html(b, "<li><a href=\"/persons\">%s</a></li>", _("My people"));
	if (policy_may_accompany(a))
		html(b, "<li><a href=\"/accompaniment\">%s</a></li>", _("Going along"));
	if (a->user.kind == USER_STAFF && a->role == ROLE_PEER_WORKER)
		html(b, "<li><a href=\"/peer-profile\">%s</a></li>", _("My peer profile"));
	html(b, "<li><a href=\"/me/tasks\">%s</a></li>", _("My tasks"));
	html(b, "<li><a href=\"/services\">%s</a></li>", _("Find a service"));
	if (policy_may_update_capacity(a, a->org_id))
		html(b, "<li><a href=\"/admin/services\">%s</a></li>", _("Our services"));
	if (policy_may_read_reports(a, a->org_id))
		html(b, "<li><a href=\"/reports\">%s</a></li>", _("Reports"));
	if (policy_route(a, ACCESS_ORG_ADMIN) == VERDICT_ALLOW)
		html(b, "<li><a href=\"/admin/users\">%s</a></li>", _("Administration"));
	html(b, "<li><a href=\"/me/settings\">%s</a></li><li>", _("My settings"));
	form_button(r, b, "/signout", _("Sign out"), "link-button");
	html_raw(b, "</li></ul></nav>");
}

void
layout_begin(struct req *r, struct buf *b, const char *title)
{
	html(b, "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<meta name=\"color-scheme\" content=\"light dark\">"
	    "<title>%s – rosc</title>"
	    "<link rel=\"stylesheet\" href=\"%s\">"
	    "<link rel=\"icon\" href=\"%s\" type=\"image/svg+xml\">"
	    "</head><body>",
	    lang_code(r->lang), title, layout_asset_url(r, "style.css"),
	    layout_asset_url(r, "favicon.svg"));
	html(b, "<a class=\"skip\" href=\"#main\">%s</a>", _("Skip to content"));
	html(b, "<header class=\"top\"><div class=\"wrap\">"
	    "<a class=\"brand\" href=\"/\"><span class=\"mark\" aria-hidden=\"true\"></span>"
	    "rosc</a>");
	language_switch(r, b);
	html_raw(b, "</div>");
	account_bar(r, b);
	/* Help now: on every page a person sees, a plain link (no script), one
	 * tap from wherever they are. Their home page (/me) has it in its
	 * first section, "Need help now?", right below the greeting (web/me.c),
	 * so that their own pages stay within the first screens of a phone. */
	if (r->actor != NULL && r->actor->user.kind == USER_PERSON &&
	    (r->path == NULL || strcmp(r->path, "/me") != 0)) {
		if (r->path != NULL && strcmp(r->path, "/me/help") == 0)
			html(b, "<p class=\"help-now-bar wrap\"><a class=\"help-now\" href=\"/me/help\" "
			    "aria-current=\"page\">%s</a></p>", _("Help now"));
		else
			html(b, "<p class=\"help-now-bar wrap\"><a class=\"help-now\" href=\"/me/help\">"
			    "%s</a></p>", _("Help now"));
	}
	html_raw(b, "</header><main id=\"main\" class=\"wrap\" tabindex=\"-1\">");
}

void
layout_end(struct req *r, struct buf *b, unsigned status)
{
	html(b, "</main><footer class=\"foot\"><div class=\"wrap\"><p>%s</p>"
	    "<p class=\"small\">rosc %s · %s</p></div></footer></body></html>\n",
	    _("rosc is open-source software for recovery-oriented care. "
	      "Your data stays with the organisations you trust."),
	    ROSC_VERSION, _("Licensed under Apache-2.0"));
	resp_html(r, status, b);
}

void
layout_own_words(struct req *r, struct buf *b, const char *text, const char *lang)
{
	char *t = arena_strdup(&r->arena, text ? text : ""), *w = t, *p, *end, *nl;
	const char *q;

	for (q = text ? text : ""; *q; q++)          /* "\r\n" and "\r" become "\n" */
		if (*q != '\r')
			*w++ = *q;
		else if (q[1] != '\n')
			*w++ = '\n';
	*w = '\0';
	if (lang != NULL && *lang)
		html(b, "<div class=\"own-words\" lang=\"%s\">", lang);
	else
		html_raw(b, "<div class=\"own-words\">");
	for (p = t; *p; p = end) {
		while (*p == '\n')
			p++;
		if (*p == '\0')
			break;
		end = strstr(p, "\n\n");
		if (end == NULL)
			end = p + strlen(p);
		else
			*end++ = '\0';
		html_raw(b, "<p>");
		while ((nl = strchr(p, '\n')) != NULL) {
			*nl = '\0';
			html(b, "%s<br>", p);
			p = nl + 1;
		}
		html(b, "%s</p>", p);
	}
	html_raw(b, "</div>");
}
