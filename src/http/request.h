/* One HTTP request as handlers see it. Everything hanging off a request
 * lives in its arena and is freed in the completion callback. */
#ifndef ROSC_REQUEST_H
#define ROSC_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "http/form.h"
#include "http/router.h"
#include "http/uri.h"
#include "store/store.h"

struct MHD_Connection;
struct MHD_Response;
struct MHD_PostProcessor;
struct server;

struct access_note {
	const char *person_id, *what, *action, *why;
	uint64_t listed;          /* for a "list" entry: its key in the seen table */
	struct access_note *next;
};

/* Marks a request's "list" entries as durable (after the access write
 * succeeded), so the same listing later today queues no write. */
void req_access_logged(struct req *r);
/* Drops the notes an answer's status says were not shown or not done:
 * all of them for a 403 or 404, the writes for any other 4xx. */
void req_access_answered(struct req *r);

struct door_cache;

struct header {
	const char *name, *value;
	struct header *next;
};

enum req_phase {
	PHASE_NEW,            /* headers read, nothing decided */
	PHASE_BODY,           /* receiving the body */
	PHASE_WAITING,        /* suspended until its write is durable */
	PHASE_RESUMED,        /* its write is done; finish the response */
	PHASE_ANSWERED,
};

struct req;
/* Slow work for the worker pool: returns 0 or a negative enum err. */
typedef int (*req_work_fn)(void *arg);
/* Finishes a request after its write: rc is the write's result. */
typedef void (*req_then_fn)(struct req *r, int rc);

struct req {
	struct arena arena;
	struct server *srv;
	struct MHD_Connection *conn;
	enum req_phase phase;
	int64_t start_us;              /* monotonic */

	const char *method;
	const char *raw_uri;           /* as received, path and query */
	const char *path;              /* percent-decoded, valid UTF-8 */
	const struct route *route;     /* NULL if none matched */
	int route_index;
	struct route_match match;
	enum lang lang;
	struct actor *actor;           /* who is asking; NULL if nobody */
	const char *pre_csrf;          /* the pre-session CSRF token, once set */

	/* The body: form fields for urlencoded and multipart, else raw. */
	struct MHD_PostProcessor *pp;
	struct form_field *form;
	struct buf body;
	size_t body_len;
	unsigned body_error;           /* an HTTP status, 0 if the body is fine */

	/* A write (or slow work) this request waits for. */
	req_work_fn work_fn;
	store_write_fn write_fn;
	void *write_arg;
	req_then_fn then;
	int write_rc;

	/* Accesses to persons' data by someone other than the person, written
	 * durably to the access log before the answer goes out. */
	struct access_note *access;
	uint64_t listed_seed;        /* actor and day, hashed once (request.c) */
	bool access_flushing;
	struct door_cache *door;       /* the policy door's memory (access/door.c) */

	/* The answer. */
	unsigned status;
	struct MHD_Response *resp;
	struct header *headers;        /* extra headers for the response */
	const char *problem_code;      /* for the log, when an error */
};

/* A request header, or NULL. */
const char *req_header(struct req *r, const char *name);
/* A query parameter (already checked to be valid UTF-8 without NUL), or NULL. */
const char *req_query(struct req *r, const char *name);
/* A cookie, or NULL. */
const char *req_cookie(struct req *r, const char *name);
/* A form field from the body, or NULL. A field that arrived with invalid
 * UTF-8 or NUL bytes comes back cleaned (U+FFFD in their place), and
 * req_form_bad() says so, so the form can show it with a message. */
const char *req_form(struct req *r, const char *name);
bool req_form_bad(struct req *r, const char *name);

/* Queues fn(arg) on the slow-work pool (password hashing) and suspends the
 * request until it is done; then() is called afterwards, on a worker
 * thread, with fn's result. */
void req_defer_work(struct req *r, req_work_fn fn, void *arg, req_then_fn then);
/* The i-th "{name}" segment of the matched route, NUL-terminated. */
const char *req_param(struct req *r, size_t i);

/* The client's address: the peer, or, when the peer is the trusted proxy,
 * the address the proxy put last in X-Forwarded-For. */
const char *req_client_addr(struct req *r);
/* True if the peer is on loopback and no proxy forwarded the request. */
bool req_is_local(struct req *r);

/* True if the client would rather have JSON (an API route, or an Accept
 * header that names application/json before text/html). */
bool req_wants_json(struct req *r);

/* True for the FHIR API (a path under /fhir/): JSON, and errors as
 * OperationOutcome. */
bool req_is_fhir(struct req *r);
/* The store, for reads on this thread. */
struct store *req_store(struct req *r);

/* Queues fn(arg) to the writer and suspends the request until it is
 * durable; then() is called afterwards, on a worker thread, to answer. */
void req_defer_write(struct req *r, store_write_fn fn, void *arg, req_then_fn then);

/* Notes that this request read or changed person_id's data (what: a
 * category code or "list"; action: "read", "write" or "list"; why: "duty",
 * "consent", "emergency"). The server writes every note to the access log,
 * durably, before the answer is sent; if that fails the answer is a 503,
 * never the data. */
void req_log_access(struct req *r, const char *person_id, const char *what,
    const char *action, const char *why);

#endif
