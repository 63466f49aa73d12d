/* Error codes shared by every layer: functions return 0 on success or a
 * negative enum err. Keep in step with err_str() in log.c. */
#ifndef ROSC_ERR_H
#define ROSC_ERR_H

enum err {
	ERR_OK = 0,
	ERR_NOMEM = -1,
	ERR_IO = -2,
	ERR_DB = -3,          /* the database said no for a reason of its own */
	ERR_NOT_FOUND = -4,
	ERR_INVALID = -5,     /* input failed validation */
	ERR_CONFLICT = -6,    /* a version check or unique key refused a write */
	ERR_BUSY = -7,
	ERR_PENDING = -8,     /* the database has migrations still to apply */
	ERR_EXISTS = -9,
	ERR_UNAVAILABLE = -10 /* shutting down, or the database cannot be reached */
};

/* A short English name for an error, for logs (never for people). */
const char *err_str(int err);

#endif
