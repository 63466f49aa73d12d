/* Who is asking: sessions (a cookie holding a random token whose hash is
 * the session's key) and personal API tokens (Authorization: Bearer), and
 * CSRF tokens for forms. */
#ifndef ROSC_SESSION_H
#define ROSC_SESSION_H

#include <stdbool.h>

struct req;
struct audit_entry;
struct actor;

/* Recognises the actor from the session cookie or bearer token and sets
 * r->actor (NULL if nobody). An expired session is ended and its cookie
 * cleared; last_seen is written at most once a minute. Returns 0, or the
 * store's error when it could not tell (the caller answers 503: a failed
 * lookup is not "nobody", or a database restart would sign people out). */
int session_load(struct req *r);

/* For a state-changing request: true if its CSRF token is right. With a
 * session, the form's "csrf" field (or X-CSRF-Token header) must match the
 * session's; without one, it must match the pre-session cookie (double
 * submit). Bearer-token API requests need none. A foreign Origin fails. */
bool session_csrf_valid(struct req *r);

/* The CSRF token to put in a form on this page (sets the pre-session
 * cookie when nobody is signed in and there is none yet). */
const char *session_form_token(struct req *r);

/* Sends the session cookie for token (at sign-in), or clears it. */
void session_set_cookie(struct req *r, const char *token);
void session_clear_cookie(struct req *r);

/* The cookie that carries a sign-in from the password to the second
 * factor's code (10 minutes), its token (NULL if none), and clearing it. */
void session_set_pending_cookie(struct req *r, const char *token);
const char *session_pending_token(struct req *r);
void session_clear_pending_cookie(struct req *r);

/* Loads the actor for a user id and acting organisation, as at sign-in.
 * Returns NULL if the user does not exist or is disabled. */
struct actor *session_actor_for(struct req *r, const char *user_id, const char *org_id);

/* An audit entry for this request, filled with the actor, acting
 * organisation, client address and now. Lives in the request's arena. */
struct audit_entry *req_audit(struct req *r, const char *action, const char *target,
    const char *detail);

#endif
