/* One structured line per event on standard error, as key=value pairs
 * (logfmt): "ts=2026-11-22T09:00:00.000000Z level=info msg=... key=value".
 * Each line is one write(2), so lines from threads never interleave. */
#ifndef ROSC_LOG_H
#define ROSC_LOG_H

/* fmt continues the line after "ts=... level=LEVEL "; no newline. */
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Silences info lines (warnings and errors still print). */
void log_set_quiet(int quiet);

#endif
