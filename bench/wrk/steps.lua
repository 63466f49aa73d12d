-- wrk script for scenario (d): saves goal steps with a session and its CSRF
-- token, cycling through distinct steps. Each wrk thread takes every
-- nth step of the list, and sends each step's current version, counting
-- one up per save, so the plan's version check accepts every save.
--   ROSC_STEPS   a file of lines "PATH VERSION"
--   ROSC_COOKIE  the Cookie header;  ROSC_CSRF  the session's CSRF token
--   ROSC_WRK_THREADS  the -t given to wrk (a thread's init runs before the
--                     next thread is set up, so it cannot be counted here)
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  local nthreads = tonumber(os.getenv("ROSC_WRK_THREADS") or "1")
  mine = {}
  local i = 0
  for line in io.lines(os.getenv("ROSC_STEPS")) do
    local path, version = line:match("^(%S+) (%d+)$")
    if path and i % nthreads == tid then
      table.insert(mine, { path = path, version = tonumber(version) })
    end
    i = i + 1
  end
  at = 0
  csrf = os.getenv("ROSC_CSRF")
  wrk.method = "POST"
  wrk.headers["Cookie"] = os.getenv("ROSC_COOKIE")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  at = at % #mine + 1
  local s = mine[at]
  local day = (s.version % 28) + 1
  local body = string.format("csrf=%s&version=%d&due=2027-01-%02d", csrf, s.version, day)
  s.version = s.version + 1
  return wrk.format(nil, s.path, nil, body)
end
