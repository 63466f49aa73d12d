/* A whole request as it comes off the wire, through libmicrohttpd set up
 * as rosc's server sets it up (strict HTTP/1.1, a 128 KB connection
 * pool), with what src/http/server.c does before any handler: the raw
 * address kept, the path decoded and checked, each query argument
 * checked, the language from the cookie and Accept-Language, the session
 * cookie's shape, the route matched on the real table, and a form body
 * (urlencoded or multipart) through libmicrohttpd's post processor into
 * rosc's fields, cleaned. libmicrohttpd splits the cookies, the query
 * and the body; this harness fuzzes them as rosc receives them. Each
 * input is one connection over a socket pair. */
#include "fuzz.h"

#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/secret.h"
#include "base/utf8.h"
#include "http/form.h"
#include "http/router.h"
#include "http/uri.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

extern const struct route fuzz_routes[];
extern const size_t fuzz_nroutes;

struct fz_req {
	struct arena arena;
	const char *raw_uri;
	struct MHD_PostProcessor *pp;
	struct form_field *form;
	bool prepared, bad;
};

static struct MHD_Daemon *daemon_;

static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct fz_req *r = calloc(1, sizeof(*r));

	r->raw_uri = arena_strndup(&r->arena, uri, strnlen(uri, 4097));
	return r;
}

static enum MHD_Result
check_arg(void *cls, enum MHD_ValueKind kind, const char *key, size_t key_size,
    const char *value, size_t value_size)
{
	bool *bad = cls;

	if (!uri_arg_ok(key, key_size, value, value_size)) {
		*bad = true;
		return MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result
on_post_field(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off, size_t size)
{
	struct fz_req *r = cls;

	form_append(&r->arena, &r->form, key, off, data, size);
	return MHD_YES;
}

static void
prepare(struct fz_req *r, struct MHD_Connection *conn, const char *method)
{
	const char *q, *ctype, *sess;
	struct route_match m;
	size_t plen;
	char *path;

	(void)lang_negotiate(MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "lang"),
	    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Accept-Language"));
	sess = MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, "rosc_session");
	if (sess != NULL)
		(void)secret_valid(sess);
	q = strpbrk(r->raw_uri, "?#");
	plen = q ? (size_t)(q - r->raw_uri) : strlen(r->raw_uri);
	if (plen == 0 || r->raw_uri[0] != '/') {
		r->bad = true;
		return;
	}
	path = req_percent_decode(&r->arena, r->raw_uri, plen, &plen);
	if (path == NULL || !utf8_valid(path, plen)) {
		r->bad = true;
		return;
	}
	MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, check_arg, &r->bad);
	memset(&m, 0, sizeof(m));
	(void)router_match(fuzz_routes, fuzz_nroutes, method, path, &m);
	ctype = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ctype != NULL && (strncasecmp(ctype, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
	    strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) == 0 ||
	    strncasecmp(ctype, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
	    strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) == 0))
		r->pp = MHD_create_post_processor(conn, 16 * 1024, on_post_field, r);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	struct fz_req *r = *req_cls;
	struct MHD_Response *resp;
	struct form_field *f;
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	if (!r->prepared) {
		r->prepared = true;
		prepare(r, conn, method);
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (r->pp != NULL && MHD_post_process(r->pp, upload, *upload_size) != MHD_YES)
			r->bad = true;
		*upload_size = 0;
		return MHD_YES;
	}
	if (r->pp != NULL)
		(void)form_clean(&r->arena, &r->form);
	for (f = r->pp != NULL ? r->form : NULL; f; f = f->next) {
		FUZZ_ASSERT(utf8_valid_text(f->name, strlen(f->name)));
		FUZZ_ASSERT(f->value != NULL && strlen(f->value) == f->len);
		FUZZ_ASSERT(utf8_valid(f->value, f->len));
	}
	resp = MHD_create_response_from_buffer(2, (void *)"ok", MHD_RESPMEM_PERSISTENT);
	ret = MHD_queue_response(conn, r->bad ? 400 : 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct fz_req *r = *req_cls;

	if (r == NULL)
		return;
	if (r->pp != NULL)
		MHD_destroy_post_processor(r->pp);
	arena_free(&r->arena);
	free(r);
	*req_cls = NULL;
}

static void
quiet(void *cls, const char *fmt, va_list ap)
{
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	daemon_ = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL |
	    MHD_USE_ITC | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ERROR_LOG,
	    0, NULL, NULL, on_request, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, quiet, NULL,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
	    MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)2,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	    MHD_OPTION_END);
	FUZZ_ASSERT(daemon_ != NULL);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in peer;
	struct pollfd pfd;
	char buf[4096];
	size_t sent = 0;
	int sv[2];

	if (size > 64 * 1024)
		return 0;
	FUZZ_ASSERT(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
	memset(&peer, 0, sizeof(peer));
	peer.sin_family = AF_INET;
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (MHD_add_connection(daemon_, sv[0], (const struct sockaddr *)&peer,
	    sizeof(peer)) != MHD_YES) {
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	/* Send it all (libmicrohttpd reads as it goes), then say that is all. */
	pfd.fd = sv[1];
	while (sent < size) {
		ssize_t n;

		pfd.events = POLLOUT;
		if (poll(&pfd, 1, 2000) <= 0)
			break;
		n = send(sv[1], data + sent, size - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (n <= 0)
			break;
		sent += (size_t)n;
	}
	shutdown(sv[1], SHUT_WR);
	/* Read the answer until libmicrohttpd closes (it times out after 2 s). */
	for (;;) {
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 5000) <= 0 || recv(sv[1], buf, sizeof(buf), 0) <= 0)
			break;
	}
	close(sv[1]);
	return 0;
}
