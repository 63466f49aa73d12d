#!/usr/bin/python3
"""A mail server for the tests, on loopback: aiosmtpd (Debian's
python3-aiosmtpd) with a handler that writes down what arrives.

    smtp_sink.py FILE [--port PORT] [--slow WORD SECONDS]

Appends one JSON line to FILE for each message it accepts: the envelope,
the raw message (base64) and what Python's e-mail parser makes of it (the
decoded subject and text, the headers). Before it takes a message's DATA
it appends {"event": "data", "message_id": ...} to FILE.events, so a test
knows a message is being sent. With --slow, the first message whose
subject holds WORD waits SECONDS before its DATA is answered. Prints
"ready PORT" when it listens (PORT 0 or none: any free port).
"""
import argparse
import asyncio
import base64
import email
import email.policy
import json
import socket

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, path, slow_word, slow_seconds):
        self.path = path
        self.slow_word = slow_word
        self.slow_seconds = slow_seconds
        self.slowed = False

    def append(self, path, record):
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        subject = str(msg["subject"] or "")
        self.append(self.path + ".events",
                    {"event": "data", "message_id": str(msg["message-id"] or "")})
        if self.slow_word and self.slow_word in subject and not self.slowed:
            self.slowed = True
            await asyncio.sleep(self.slow_seconds)
        self.append(self.path, {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "raw": base64.b64encode(raw).decode("ascii"),
            "subject": subject,
            "text": msg.get_content(),
            "headers": {k.lower(): str(v) for k, v in msg.items()},
            "content_type": msg.get_content_type(),
            "charset": msg.get_content_charset(),
        })
        return "250 Message accepted for delivery"


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("file")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--slow", nargs=2, metavar=("WORD", "SECONDS"))
    a = p.parse_args()
    sink = Sink(a.file, a.slow[0] if a.slow else None, float(a.slow[1]) if a.slow else 0)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", a.port))
    sock.listen()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, hostname="sink.test"), sock=sock)
    print("ready", sock.getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
