/* Error pages. Not a route of its own: error_respond() (http/errors.c)
 * calls web_error_page() for 400, 404, 405, 413, 414, 429, 500 and 503 when
 * the answer is for a person rather than an API client. */
#include "web/errors.h"

#include "base/buf.h"
#include "base/html.h"
#include "base/i18n.h"
#include "http/request.h"
#include "web/layout.h"

static void
texts(unsigned status, const char **title, const char **text)
{
	switch (status) {
	case 400:
		*title = _("Something in that request was not right");
		*text = _("The address or the form held characters we cannot read. "
		    "Please go back and try again.");
		break;
	case 401:
		*title = _("Please sign in");
		*text = _("This page is only for people who are signed in.");
		break;
	case 403:
		*title = _("You do not have access to this page");
		*text = _("Your account does not give access to this page. If you think "
		    "it should, ask your organisation's administrator.");
		break;
	case 404:
		*title = _("We could not find that page");
		*text = _("The address may be mistyped, or the page may have moved.");
		break;
	case 405:
		*title = _("This page cannot do that");
		*text = _("The page exists, but not for this kind of request. "
		    "Please go back and use the page's own links and buttons.");
		break;
	case 413:
		*title = _("That was too much to send at once");
		*text = _("Please send less at a time, or split it into parts.");
		break;
	case 414:
		*title = _("That address is too long");
		*text = _("Please go back and try a shorter address.");
		break;
	case 429:
		*title = _("Please wait a moment");
		*text = _("A lot was sent in a short time, so rosc is "
		    "pausing for a few seconds. Everything saved before is still there; "
		    "this last one was not saved. Go back (your browser usually still "
		    "has what you typed), wait a moment and send it again.");
		break;
	case 503:
		*title = _("rosc is not available right now");
		*text = _("Please try again in a moment. Nothing you sent has been lost.");
		break;
	default:
		*title = _("Something went wrong on our side");
		*text = _("Please try again in a moment. If it keeps happening, "
		    "tell the people who run this service.");
		break;
	}
}

void
web_error_page(struct req *r, unsigned status, enum problem_code code)
{
	const char *title, *text;
	struct buf b;

	texts(status, &title, &text);
	if (code == PROBLEM_CSRF_FAILED) {
		title = _("This form has expired");
		text = _("For your safety, forms stop working after a while or after you "
		    "sign in or out. Please go back, reload the page and try again.");
	}
	buf_init(&b, &r->arena);
	layout_begin(r, &b, title);
	html(&b, "<section class=\"error\"><h1>%s</h1><p>%s</p>"
	    "<p><a class=\"button\" href=\"/\">%s</a></p></section>",
	    title, text, _("Go to the front page"));
	layout_end(r, &b, status);
}
