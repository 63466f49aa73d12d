/* The request lifecycle on libmicrohttpd.
 *
 * 1. The URI log callback (the first thing MHD calls) allocates the
 *    request and its arena and keeps the raw URI, before MHD unescapes
 *    it: that is how "%00" in a path is seen and refused.
 * 2. The first call of the access handler checks the path, the query and
 *    the body's size and type, and finds the route; it returns without
 *    answering (answering on the first call loses keep-alive in 0.9.75).
 * 3. Calls with upload data feed the body to the form parser.
 * 4. The final call runs the handler. A handler that needs a write asks
 *    for it with req_defer_write(): the connection is suspended, the write
 *    queued to the single writer, and the writer resumes the connection
 *    once the write is durable; the next call then finishes the answer.
 * 5. The completion callback logs one line, counts the request and frees
 *    the arena.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include <stdio.h>
#include <strings.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/conf.h"
#include "base/err.h"
#include "base/log.h"
#include "base/html.h"
#include "base/utf8.h"
#include "base/workpool.h"
#include "core/actor.h"
#include "http/errors.h"
#include "http/session.h"
#include "policy/policy.h"
#include "http/metrics.h"
#include "http/ratelimit.h"
#include "http/request.h"
#include "http/response.h"
#include "http/router.h"
#include "store/access_log.h"
#include "store/store.h"

struct server {
	const struct config *cfg;
	struct store *store;
	const struct server_app *app;
	struct MHD_Daemon *daemon;
	_Atomic int active;          /* requests between URI log and completion */
	_Atomic int stopping;        /* new connections are closed unanswered */
	struct workpool *pool;       /* slow work: password hashing */
	unsigned port;
	struct rate_limit account_limit, addr_limit;   /* writes, see ratelimit.h */
};

const struct config *
server_config(const struct server *srv)
{
	return srv->cfg;
}

struct store *
server_store(const struct server *srv)
{
	return srv->store;
}

const struct server_app *
server_app(const struct server *srv)
{
	return srv->app;
}

unsigned
server_port(const struct server *srv)
{
	return srv->port;
}

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct server *srv = cls;
	struct req *r = calloc(1, sizeof(*r));

	if (r == NULL)
		die("out of memory");
	r->srv = srv;
	r->conn = conn;
	r->start_us = clock_mono_us();
	r->route_index = -1;
	r->raw_uri = arena_strndup(&r->arena, uri, strnlen(uri, MAX_URI + 1));
	buf_init(&r->body, &r->arena);
	atomic_fetch_add(&srv->active, 1);
	return r;
}

/* Called for each query argument, with lengths: a NUL byte or bad UTF-8
 * anywhere makes the request a 400. */
static enum MHD_Result
check_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
    const char *value, size_t value_size)
{
	unsigned *bad = cls;

	if (!uri_arg_ok(key, key_size, value, value_size)) {
		*bad = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result
on_post_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off, size_t size)
{
	struct req *r = cls;

	form_append(&r->arena, &r->form, key, off, data, size);
	return MHD_YES;
}

/* Everything decided before the body arrives. Returns an HTTP status to
 * refuse the request with, or 0. */
static unsigned
prepare(struct req *r, const char *method)
{
	const char *q, *ctype, *clen;
	size_t plen, raw_len;
	unsigned bad = 0;

	r->method = method;
	r->lang = lang_negotiate(req_cookie(r, "lang"), req_header(r, "Accept-Language"));
	i18n_use(r->lang);

	raw_len = strlen(r->raw_uri);
	if (raw_len > MAX_URI)
		return 414;
	q = strpbrk(r->raw_uri, "?#");
	plen = q ? (size_t)(q - r->raw_uri) : raw_len;
	if (plen == 0 || r->raw_uri[0] != '/')
		return 400;
	r->path = req_percent_decode(&r->arena, r->raw_uri, plen, &plen);
	if (r->path == NULL || !utf8_valid(r->path, plen))
		return 400;
	MHD_get_connection_values_n(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &bad);
	if (bad)
		return 400;

	r->route_index = router_match(r->srv->app->routes, r->srv->app->nroutes, method,
	    r->path, &r->match);
	r->route = r->route_index >= 0 ? &r->srv->app->routes[r->route_index] : NULL;

	clen = req_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (clen != NULL && strtoull(clen, NULL, 10) > MAX_BODY)
		return 413;
	ctype = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ctype != NULL && (strncasecmp(ctype, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
	    strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) == 0 ||
	    strncasecmp(ctype, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
	    strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) == 0)) {
		r->pp = MHD_create_post_processor(r->conn, 16 * 1024, on_post_field, r);
		if (r->pp == NULL)
			return 400;
	}
	return 0;
}

static const char csp[] =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

static enum MHD_Result
queue(struct req *r)
{
	struct header *h;
	enum MHD_Result ret;

	if (r->resp == NULL) {
		log_error("msg=\"handler gave no answer\" route=\"%s\"",
		    r->route ? r->route->pattern : "");
		error_respond(r, 500, PROBLEM_INTERNAL);
	}
	MHD_add_response_header(r->resp, "Content-Security-Policy", csp);
	MHD_add_response_header(r->resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r->resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(r->resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r->resp, "Permissions-Policy",
	    "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
	MHD_add_response_header(r->resp, "Cross-Origin-Opener-Policy", "same-origin");
	if (server_config(r->srv)->https)
		MHD_add_response_header(r->resp, "Strict-Transport-Security",
		    "max-age=63072000; includeSubDomains");
	if (MHD_get_response_header(r->resp, MHD_HTTP_HEADER_CACHE_CONTROL) == NULL)
		MHD_add_response_header(r->resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r->resp, MHD_HTTP_HEADER_CONTENT_LANGUAGE,
	    lang_code(r->lang));
	MHD_add_response_header(r->resp, MHD_HTTP_HEADER_VARY, "Accept-Language, Cookie");
	for (h = r->headers; h; h = h->next)
		MHD_add_response_header(r->resp, h->name, h->value);
	ret = MHD_queue_response(r->conn, r->status, r->resp);
	MHD_destroy_response(r->resp);
	r->resp = NULL;
	r->phase = PHASE_ANSWERED;
	return ret;
}

/* An overlong address: a few bytes of plain text and no more headers than
 * it needs. libmicrohttpd 0.9.75 builds the reply's header in the
 * connection's memory pool, which such a request may have all but filled;
 * the full page (security headers, a problem body) could then not be
 * written and the connection would close with no answer at all. */
static enum MHD_Result
refuse_uri_too_long(struct req *r)
{
	static const char text[] = "414 URI Too Long\n";
	struct MHD_Response *resp;
	enum MHD_Result ret;

	resp = MHD_create_response_from_buffer(sizeof(text) - 1, (void *)text,
	    MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "text/plain");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
	ret = MHD_queue_response(r->conn, 414, resp);
	MHD_destroy_response(resp);
	r->status = 414;
	r->problem_code = problem_code_name(PROBLEM_URI_TOO_LONG);
	r->phase = PHASE_ANSWERED;
	return ret;
}

static void
write_done(void *arg, int rc)
{
	struct req *r = arg;

	/* On the writer thread: hand the request back to its worker. */
	r->write_rc = rc;
	r->phase = PHASE_RESUMED;
	MHD_resume_connection(r->conn);
}

/* The access log for everything this request read: one write, durable
 * before the answer leaves. */
static int
write_access(struct store_tx *tx, void *arg)
{
	struct req *r = arg;
	struct access_note *n;
	int64_t now = clock_now_us();
	int rc;

	for (n = r->access; n; n = n->next) {
		rc = store_tx_access_append(tx, n->person_id, now, r->actor->user.id,
		    r->actor->org_id, n->what, n->action, n->why);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
after_access(struct req *r, int rc)
{
	if (rc == 0)
		req_access_logged(r);
	if (rc != 0) {
		/* Unlogged, the data must not go out. */
		if (r->resp != NULL) {
			MHD_destroy_response(r->resp);
			r->resp = NULL;
		}
		r->headers = NULL;
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
	}
}

/* Counts a write against the account, or signed out the client address;
 * over the limit, answers 429 with Retry-After and returns true. Nothing
 * has been read or done yet, so nothing is lost but the form's input. */
static bool
over_limit(struct req *r)
{
	struct server *srv = r->srv;
	char key[96];
	int64_t wait;
	long long secs;

	if (r->actor != NULL) {
		snprintf(key, sizeof(key), "user:%s", r->actor->user.id);
		wait = ratelimit_take(&srv->account_limit, key, clock_mono_us());
	} else {
		ratelimit_addr_key(req_client_addr(r), key, sizeof(key));
		wait = ratelimit_take(&srv->addr_limit, key, clock_mono_us());
	}
	if (wait == 0)
		return false;
	secs = (long long)((wait + US_PER_SEC - 1) / US_PER_SEC);
	resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld", secs));
	if (req_wants_json(r))
		resp_problem(r, 429, PROBLEM_RATE_LIMITED, arena_printf(&r->arena,
		    _("Nothing was saved. Please send it again in %lld seconds."), secs), NULL);
	else
		error_respond(r, 429, PROBLEM_RATE_LIMITED);
	return true;
}

static void
dispatch(struct req *r)
{
	char allow[64];
	enum lang lang;

	if (r->body_error == 413) {
		error_respond(r, 413, PROBLEM_PAYLOAD_TOO_LARGE);
		return;
	}
	if (r->body_error) {
		error_respond(r, 400, PROBLEM_INVALID_ENCODING);
		return;
	}
	/* An API refuses bad text outright; a page shows it at the field. */
	if (r->pp && !form_clean(&r->arena, &r->form) && req_wants_json(r)) {
		error_respond(r, 400, PROBLEM_INVALID_ENCODING);
		return;
	}
	if (r->route == NULL) {
		if (r->match.path_known) {
			router_allow(r->srv->app->routes, r->srv->app->nroutes, r->path, allow,
			    sizeof(allow));
			resp_header(r, MHD_HTTP_HEADER_ALLOW, arena_strdup(&r->arena, allow));
			error_respond(r, 405, PROBLEM_METHOD_NOT_ALLOWED);
		} else {
			error_respond(r, 404, PROBLEM_NOT_FOUND);
		}
		return;
	}
	if ((r->route->flags & R_LOCAL) && !req_is_local(r)) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	if (session_load(r) != 0 || !store_available(req_store(r))) {
		error_respond(r, 503, PROBLEM_UNAVAILABLE);
		return;
	}
	if (r->actor != NULL && r->actor->user.lang != NULL &&
	    lang_parse(r->actor->user.lang, strlen(r->actor->user.lang), &lang)) {
		r->lang = lang;     /* the user's own setting wins */
		i18n_use(lang);
	}
	switch (policy_route(r->actor, (enum access)r->route->access)) {
	case VERDICT_ALLOW:
		break;
	case VERDICT_SIGN_IN:
		if (req_wants_json(r)) {
			resp_header(r, "WWW-Authenticate", "Bearer");
			error_respond(r, 401, PROBLEM_UNAUTHORIZED);
		} else {
			struct buf next;

			buf_init(&next, &r->arena);
			buf_puts(&next, "/signin?next=");
			url_encode(&next, r->path);
			resp_redirect(r, 303, next.data);
		}
		return;
	case VERDICT_CHOOSE_ORG:
		if (req_wants_json(r)) {
			error_respond(r, 403, PROBLEM_FORBIDDEN);
		} else {
			struct buf next;

			buf_init(&next, &r->arena);
			buf_puts(&next, "/signin/organisation?next=");
			url_encode(&next, r->path);
			resp_redirect(r, 303, next.data);
		}
		return;
	case VERDICT_DENY:
	default:
		error_respond(r, 403, PROBLEM_FORBIDDEN);
		return;
	}
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0 &&
	    !session_csrf_valid(r)) {
		error_respond(r, 403, PROBLEM_CSRF_FAILED);
		return;
	}
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0 &&
	    over_limit(r))
		return;
	/* A misshapen id (or code, token, file name) names nothing. */
	if (!r->match.params_valid) {
		error_respond(r, 404, PROBLEM_NOT_FOUND);
		return;
	}
	r->route->handler(r);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **req_cls)
{
	struct server *srv = cls;
	struct req *r = *req_cls;
	unsigned refuse;

	if (r == NULL)
		return MHD_NO;
	if (r->phase == PHASE_NEW) {
		r->phase = PHASE_BODY;
		refuse = prepare(r, method);
		if (refuse == 414)
			return refuse_uri_too_long(r);
		if (refuse == 413) {
			error_respond(r, refuse, PROBLEM_PAYLOAD_TOO_LARGE);
			return queue(r);
		}
		if (refuse) {
			r->body_error = refuse;
			r->route = NULL;
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		r->body_len += *upload_data_size;
		if (r->body_len > MAX_BODY) {
			r->body_error = 413;
		} else if (!r->body_error) {
			if (r->pp != NULL) {
				if (MHD_post_process(r->pp, upload_data, *upload_data_size) != MHD_YES)
					r->body_error = 400;
			} else {
				buf_append(&r->body, upload_data, *upload_data_size);
			}
		}
		*upload_data_size = 0;
		return MHD_YES;
	}

	i18n_use(r->lang);
	store_request_begin(srv->store);
	if (r->phase == PHASE_RESUMED) {
		r->phase = PHASE_BODY;
		r->then(r, r->write_rc);
	} else if (r->phase == PHASE_BODY) {
		dispatch(r);
	} else {
		return MHD_YES;     /* resumed spuriously or already answered */
	}
	/* Reads of persons' data are logged before the answer is sent. */
	if (r->phase != PHASE_WAITING && r->access != NULL && !r->access_flushing &&
	    r->actor != NULL && r->status < 500) {
		req_access_answered(r);
	}
	if (r->phase != PHASE_WAITING && r->access != NULL && !r->access_flushing &&
	    r->actor != NULL && r->status < 500) {
		r->access_flushing = true;
		req_defer_write(r, write_access, r, after_access);
	}
	/* The handler (or its then) asked to wait for a write or slow work. */
	if (r->phase == PHASE_WAITING) {
		int rc;

		store_request_end(srv->store);
		MHD_suspend_connection(conn);
		if (r->work_fn != NULL)
			rc = workpool_submit(srv->pool, r->work_fn, r->write_arg, write_done, r);
		else
			rc = store_write_async(srv->store, r->write_fn, r->write_arg,
			    write_done, r);
		if (rc != 0) {
			/* Shutting down: answer at once, without it. */
			r->phase = PHASE_RESUMED;
			r->write_rc = ERR_UNAVAILABLE;
			MHD_resume_connection(conn);
		}
		return MHD_YES;
	}
	store_request_end(srv->store);
	return queue(r);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server *srv = cls;
	struct req *r = *req_cls;
	int64_t us;

	if (r == NULL)
		return;
	*req_cls = NULL;
	us = clock_mono_us() - r->start_us;
	metrics_observe(r->route_index, r->status, us);
	log_info("msg=request method=%s route=\"%s\" status=%u us=%lld%s%s%s",
	    r->method ? r->method : "-",
	    r->route ? r->route->pattern : "-", r->status, (long long)us,
	    r->problem_code ? " problem=" : "", r->problem_code ? r->problem_code : "",
	    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted=true");
	if (r->pp != NULL)
		MHD_destroy_post_processor(r->pp);
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	store_request_end(srv->store);
	arena_free(&r->arena);
	free(r);
	atomic_fetch_sub(&srv->active, 1);
}

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	for (n = 0; msg[n]; n++)
		if (msg[n] == '"')
			msg[n] = '\'';
	log_warn("msg=\"libmicrohttpd: %s\"", msg);
}

int
server_bind(const struct config *cfg, unsigned *port)
{
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, one = 1;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, cfg->listen_host,
	    &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
		((struct sockaddr_in *)&ss)->sin_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)cfg->listen_port);
		sl = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, cfg->listen_host,
	    &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)cfg->listen_port);
		sl = sizeof(struct sockaddr_in6);
	} else {
		log_error("msg=\"--listen wants a numeric address\" host=\"%s\"", cfg->listen_host);
		return -1;
	}
	fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		log_error("msg=\"cannot make a socket\" error=\"%s\"", strerror(errno));
		return -1;
	}
	/* SO_REUSEADDR (restart while old connections linger), never
	 * SO_REUSEPORT: a stale server must not silently share the port. */
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 || listen(fd, 256) != 0) {
		log_error("msg=\"cannot listen\" addr=%s:%u error=\"%s\" "
		    "hint=\"is another server using the port?\"", cfg->listen_host,
		    cfg->listen_port, strerror(errno));
		close(fd);
		return -1;
	}
	sl = sizeof(ss);
	getsockname(fd, (struct sockaddr *)&ss, &sl);
	*port = ntohs(ss.ss_family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port :
	    ((struct sockaddr_in6 *)&ss)->sin6_port);
	return fd;
}

/* While stopping, a new connection is closed at once, before any request. */
static enum MHD_Result
on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct server *srv = cls;

	(void)addr;
	(void)addrlen;
	return atomic_load(&srv->stopping) ? MHD_NO : MHD_YES;
}

struct server *
server_start(const struct config *cfg, struct store *store, int fd, unsigned port,
    const struct server_app *app)
{
	struct server *srv = calloc(1, sizeof(*srv));

	if (srv == NULL)
		die("out of memory");
	srv->cfg = cfg;
	srv->store = store;
	srv->app = app;
	srv->port = port;
	ratelimit_init(&srv->account_limit, cfg->write_limit, cfg->write_burst);
	ratelimit_init(&srv->addr_limit, cfg->write_limit * 10, cfg->write_burst * 10);
	/* The epoll thread pool: as fast as thread-per-connection here, at
	 * about a third less CPU. */
	srv->daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG,
	    0, on_accept, srv, on_request, srv,
	    /* The logger first, so no message goes to MHD's own. */
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, (MHD_socket)fd,
	    MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
	    /* Refuse what HTTP/1.1 forbids, such as a request without Host. */
	    MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)0,
	    /* Room for a request head of up to about 120 KB (a browser
	     * sends addresses of up to 2 MB); more gets libmicrohttpd's
	     * own 414 or 431. */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	    MHD_OPTION_END);
	if (srv->daemon == NULL) {
		log_error("msg=\"cannot start the HTTP server\"");
		free(srv);
		return NULL;
	}
	/* Two at once: argon2id takes 19 MiB each, so memory stays bounded
	 * however many people sign in at the same moment. */
	srv->pool = workpool_start(2);
	return srv;
}

void
server_stop(struct server *srv, int timeout_ms)
{
	int waited = 0;

	if (srv == NULL)
		return;
	/* Close new connections unanswered, let requests in flight finish,
	 * then stop. MHD_quiesce_daemon() is not used: with the epoll thread
	 * pool it races the pool's threads for the listening socket and can
	 * abort the process (libmicrohttpd's MHD_PANIC on an epoll_ctl ENOENT;
	 * seen once here as a SIGABRT when a test stopped rosc).
	 * MHD_stop_daemon() closes the socket itself. */
	atomic_store(&srv->stopping, 1);
	while (atomic_load(&srv->active) > 0 && waited < timeout_ms) {
		struct timespec ts = {0, 10 * 1000 * 1000};

		nanosleep(&ts, NULL);
		waited += 10;
	}
	if (atomic_load(&srv->active) > 0)
		log_warn("msg=\"stopping with requests still in flight\" count=%d",
		    atomic_load(&srv->active));
	MHD_stop_daemon(srv->daemon);
	workpool_stop(srv->pool);
	free(srv);
}
