/* The language switch. A plain link, so it works without JavaScript and
 * before anyone signs in; it only sets a cookie and goes back.
 *   GET /lang?set=CODE&next=PATH   anyone */
#include "web/lang.h"

#include <string.h>

#include "base/arena.h"
#include "base/conf.h"
#include "base/i18n.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "web/errors.h"

void
web_lang_set(struct req *r)
{
	const char *set = req_query(r, "set"), *next = req_query(r, "next");
	const struct config *cfg = server_config(r->srv);
	enum lang l;
	const char *loc;

	if (set == NULL || !lang_parse(set, strlen(set), &l)) {
		error_respond(r, 400, PROBLEM_INVALID_FORMAT);
		return;
	}
	r->lang = l;
	i18n_use(l);
	resp_header(r, "Set-Cookie", arena_printf(&r->arena,
	    "lang=%s; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly%s",
	    lang_code(l), cfg->https ? "; Secure" : ""));
	loc = req_local_path(next);
	resp_redirect(r, 303, loc);
}
