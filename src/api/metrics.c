/* Prometheus metrics. Only for direct loopback peers (route flag R_LOCAL):
 * request counts per route are operational detail, not for the internet.
 *   GET /metrics   loopback only */
#include "api/metrics.h"

#include "base/buf.h"
#include "http/metrics.h"
#include "http/request.h"
#include "http/response.h"
#include "http/server.h"
#include "store/store.h"

void
api_metrics(struct req *r)
{
	struct store_writer_stats ws;
	const struct server_app *app = server_app(r->srv);
	struct buf b;

	buf_init(&b, &r->arena);
	metrics_render(&b, app->routes, app->nroutes);
	store_writer_stats(req_store(r), &ws);
	buf_printf(&b, "# HELP rosc_store_writes_total Writes run by the single writer.\n"
	    "# TYPE rosc_store_writes_total counter\nrosc_store_writes_total %llu\n"
	    "# HELP rosc_store_write_groups_total Transactions (group commits).\n"
	    "# TYPE rosc_store_write_groups_total counter\nrosc_store_write_groups_total %llu\n"
	    "# HELP rosc_store_write_failures_total Writes rolled back.\n"
	    "# TYPE rosc_store_write_failures_total counter\nrosc_store_write_failures_total %llu\n"
	    "# HELP rosc_store_write_group_max Largest group committed at once.\n"
	    "# TYPE rosc_store_write_group_max gauge\nrosc_store_write_group_max %llu\n",
	    (unsigned long long)ws.writes, (unsigned long long)ws.groups,
	    (unsigned long long)ws.failed, (unsigned long long)ws.max_group);
	resp_bytes(r, 200, "text/plain; version=0.0.4; charset=utf-8", b.data, b.len);
}
