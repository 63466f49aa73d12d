#!/usr/bin/env python3
"""SQL injection probes with sqlmap against a running rosc.

    scripts/security.py BASE_URL OUT_DIR [--quick] [--password PW]

Signs in as several demo roles (and none), crawls the pages each can reach
(same origin links; never signing out), and gathers every query parameter
and every form on them: GET forms as URLs, POST forms as requests with the
role's session and its CSRF token (tests/http checks CSRF itself; here the
token is left as it is so the probe reaches the handler). Some API and FHIR
searches with query parameters are added. Each role's requests go to one
sqlmap run (--batch, a request log file), and any injectable parameter it
reports is a failure: exit 1, with the finding printed. Every parameter gets
sqlmap's heuristic test, and those where it shows anything the full tests
(--smart); the cookies are tested too (--level=2). --quick (what make check
runs) takes three roles and ten requests each. Each role gets its
share of ROSC_SECURITY_SECONDS (120 quick, 1800 otherwise); a run stopped
there says so. Only talks to BASE_URL.
"""
import csv
import glob
import html.parser
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROLES = ["", "mette", "jan", "peter", "else", "anne", "admin"]
QUICK_ROLES = ["", "mette", "peter"]
# Never followed or posted: they would end the session or only switch the
# language, and static files and downloads hold no parameters of interest.
SKIP = ("/signout", "/static/", "/lang", ".ics", "/me/data/download", "/calendar/")


class Page(html.parser.HTMLParser):
    """Links and forms of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.forms, self.form = [], [], None
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.form = {"method": (a.get("method") or "get").lower(),
                         "action": a.get("action") or "", "fields": []}
            self.forms.append(self.form)
        elif self.form is not None and tag in ("input", "textarea", "button") and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                if not any(f[0] == a["name"] for f in self.form["fields"]):
                    self.form["fields"].append([a["name"], a.get("value") or "on"])
                return
            if kind == "file":
                return
            value = a.get("value") or ("1" if kind == "number" else "2026-12-01" if kind == "date"
                                       else "12:00" if kind == "time" else "x")
            if not any(f[0] == a["name"] for f in self.form["fields"]):
                self.form["fields"].append([a["name"], value])
        elif self.form is not None and tag == "select" and a.get("name"):
            self.select = [a["name"], None]
        elif self.select is not None and tag == "option" and self.select[1] is None:
            self.select[1] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select" and self.select is not None:
            if self.form is not None and not any(f[0] == self.select[0] for f in self.form["fields"]):
                self.form["fields"].append([self.select[0], self.select[1] or ""])
            self.select = None
        elif tag == "form":
            self.form = None


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(cookie=""):
    o = urllib.request.build_opener(NoRedirect)
    o.addheaders = [("Cookie", cookie)] if cookie else []
    return o


def fetch(o, url, data=None):
    try:
        r = o.open(url, data=data, timeout=20)
        return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def sign_in(base, user, password):
    """The session cookie for user, or "" for nobody."""
    if not user:
        return ""
    o = opener()
    status, headers, body = fetch(o, base + "/signin")
    pre = "; ".join(c.split(";")[0] for c in headers.get_all("Set-Cookie") or [])
    o = opener(pre)
    token = body.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode({"username": user, "password": password, "csrf": token}).encode()
    status, headers, body = fetch(o, base + "/signin", form)
    cookies = [c.split(";")[0] for c in headers.get_all("Set-Cookie") or []]
    session = [c for c in cookies if c.startswith("rosc_session=") and c != "rosc_session="]
    if status != 303 or not session:
        sys.exit(f"security: cannot sign in as {user} (answered {status})")
    return session[0]


def crawl(base, cookie, max_pages):
    """The requests to probe: (method, path with query, body or None)."""
    o = opener(cookie)
    todo, seen, out, done = ["/", "/me", "/persons", "/services", "/meetings"], set(), [], set()
    while todo and len(seen) < max_pages:
        path = todo.pop(0)
        if path in seen or any(s in path for s in SKIP):
            continue
        seen.add(path)
        status, headers, body = fetch(o, base + path)
        if status != 200 or "text/html" not in (headers.get("Content-Type") or ""):
            continue
        if "?" in path and path not in done:
            done.add(path)
            out.append(("GET", path, None))
        p = Page()
        p.feed(body)
        for href in p.links:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, href))
            if f"{u.scheme}://{u.netloc}" != base:
                continue
            nxt = u.path + (f"?{u.query}" if u.query else "")
            # One of each kind of query: the first page of a list, not every page.
            if nxt not in seen and nxt not in todo:
                todo.append(nxt)
        for f in p.forms:
            action = urllib.parse.urlsplit(urllib.parse.urljoin(base + path, f["action"]))
            if any(s in action.path for s in SKIP) or not any(n != "csrf" for n, _ in f["fields"]):
                continue
            query = urllib.parse.urlencode([(n, v) for n, v in f["fields"]])
            key = (f["method"], action.path, tuple(n for n, _ in f["fields"]))
            if key in done:
                continue
            done.add(key)
            if f["method"] == "post":
                out.append(("POST", action.path, query))
            else:
                out.append(("GET", f"{action.path}?{query}", None))
    return out


API = [
    "/api/v1/services?q=alkohol&stage=treatment",
    "/api/v1/meetings?day=1&part=evening&language=da",
    "/fhir/R4/HealthcareService?name=alkohol",
    "/fhir/R4/Location?address-city=K%C3%B8benhavn",
]


def request_log(base, cookie, requests, path):
    """Writes the requests as a proxy log sqlmap reads with -l."""
    host = urllib.parse.urlsplit(base).netloc
    sep = "=" * 54
    with open(path, "w", encoding="utf-8") as f:
        for method, target, body in requests:
            f.write(f"{sep}\n{time.strftime('%H:%M:%S')}  {base}  [127.0.0.1]\n{sep}\n")
            f.write(f"{method} {target} HTTP/1.1\r\nHost: {host}\r\n")
            if cookie:
                f.write(f"Cookie: {cookie}\r\n")
            if body is not None:
                f.write("Content-Type: application/x-www-form-urlencoded\r\n")
                f.write(f"Content-Length: {len(body.encode())}\r\n\r\n{body}\r\n")
            else:
                f.write("\r\n")
            f.write(f"{sep}\n\n\n")


def control(out):
    """sqlmap must find the hole in a deliberately injectable page (a query
    built by string concatenation, served here on a free port), or a clean
    result would mean nothing: True if it does."""
    import http.server
    import sqlite3
    import threading

    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute("CREATE TABLE t (id INTEGER, name TEXT)")
    db.executemany("INSERT INTO t VALUES (?, ?)", [(i, f"n{i}") for i in range(20)])

    class Hole(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            q = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
            body = "<html><body>"
            try:
                for row in db.execute("SELECT name FROM t WHERE id = " + q.get("id", ["1"])[0]):
                    body += row[0] + " "
            except sqlite3.Error:
                body += "error"
            body += "</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hole)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    try:
        found, _ = probe(base, "", [("GET", "/x?id=1", None)], out, "control", True, 120, "SQLite")
    finally:
        srv.shutdown()
    return bool(found)


def probe(base, cookie, reqs, out, name, quick, budget,
          dbms=os.environ.get("ROSC_SECURITY_DBMS", "SQLite")):
    """One sqlmap run over reqs; returns (findings, stopped at the bound)."""
    log = os.path.join(out, f"{name}.log")
    request_log(base, cookie, reqs, log)
    # Every parameter gets sqlmap's heuristic test; those where it shows
    # anything get the full tests (--smart). The whole probe also tests the
    # cookies (--level=2) and with every technique; --quick with three.
    cmd = ["sqlmap", "-l", log, "--batch", "--skip=csrf", "--level=" + ("1" if quick else "2"),
           "--risk=1", "--smart",
           "--dbms=" + dbms,
           "--output-dir", os.path.join(out, name), "--disable-coloring",
           "--answers=follow=N,quit=N", "--ignore-stdin"]
    if quick:
        cmd += ["--technique=BEU"]
    cut = False
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                           timeout=budget)
        said = r.stdout + r.stderr
    except subprocess.TimeoutExpired as e:
        said = e.stdout.decode("utf-8", "replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        cut = True
    with open(os.path.join(out, f"{name}.sqlmap.txt"), "w") as f:
        f.write(said)
    rows = []
    for c in glob.glob(os.path.join(out, name, "results-*.csv")):
        with open(c, newline="") as f:
            rows += [f"{x['Place']} parameter {x['Parameter']} of {x['Target URL']} ({x['Technique(s)']})"
                     for x in csv.DictReader(f) if x.get("Parameter")]
    hits = [line.strip() for line in said.splitlines() if "is vulnerable" in line]
    return rows + hits, cut


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    quick = "--quick" in sys.argv
    password = os.environ.get("ROSC_DEMO_PASSWORD", "demo-hope-2026")
    if len(args) != 2:
        sys.exit(__doc__)
    base, out = args[0].rstrip("/"), args[1]
    os.makedirs(out, exist_ok=True)
    if not control(out):
        print("security: sqlmap found nothing in the deliberately injectable control page; "
              "the probe is not working")
        return 1
    print("security: the control: sqlmap finds the deliberately injectable page")
    findings, total, cut = [], 0, []
    roles = QUICK_ROLES if quick else ROLES
    # The time bound: each role gets its share of ROSC_SECURITY_SECONDS.
    budget = int(os.environ.get("ROSC_SECURITY_SECONDS", "120" if quick else "1800")) / len(roles)
    for role in roles:
        cookie = sign_in(base, role, password)
        reqs = crawl(base, cookie, 12 if quick else 400)
        if not role:
            reqs += [("GET", p, None) for p in API]
        if quick:
            reqs = reqs[:10]
        total += len(reqs)
        name = role or "anonymous"
        t = time.time()
        found, stopped = probe(base, cookie, reqs, out, name, quick, budget)
        if stopped:
            cut.append(name)
        print(f"security: {name}: {len(reqs)} requests probed in {time.time() - t:.0f} s, "
              f"{len(found)} findings")
        findings += [f"{name}: {x}" for x in found]
    for x in findings:
        print(f"security: FINDING {x}")
    for name in cut:
        print(f"security: {name}: stopped at the time bound ({budget:.0f} s); not every request was probed")
    print(f"security: {total} requests probed as {len(roles)} roles, {len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
