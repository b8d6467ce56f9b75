-- make bench (issue 13, the morning peak): wrk script that replays prepared requests. Arguments
-- after `--`: FILE THREADS. Each line of FILE is one request, tab-separated:
--   METHOD  PATH  COOKIE-or-"-"  CSRF-or-"-"  BODY-or-"-"
-- wrk thread i (0-based) takes lines i, i+THREADS, i+2*THREADS … and sends them in order, so no
-- two connections send the same line (the harness writes more lines than a run can send; a thread
-- that runs out starts again at its first line, which the harness sees as non-2xx answers). With
-- "once", a thread stops after as many answers as it has lines (check-ins: each person can check
-- in once per session, so a run is a fixed number of them; the few requests still in flight when
-- a thread stops repeat its first lines, answered from the idempotency key).
local next_id = 0
function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

local requests = {}
local idx = 0
local once = false
local answered = 0
function init(args)
  local file, nthreads = args[1], tonumber(args[2])
  once = args[3] == "once"
  donefile = file .. ".done"
  local i = 0
  for line in io.lines(file) do
    if i % nthreads == tid then
      local method, path, cookie, csrf, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local headers = { ["Connection"] = "keep-alive" }
      if cookie ~= "-" then headers["Cookie"] = cookie end
      if csrf ~= "-" then headers["X-CSRF-Token"] = csrf end
      if body == "-" then
        body = nil
      else
        headers["Content-Type"] = "application/json"
      end
      requests[#requests + 1] = wrk.format(method, path, headers, body)
    end
    i = i + 1
  end
end

function request()
  idx = idx % #requests + 1
  return requests[idx]
end

function response(status, headers, body)
  answered = answered + 1
  if once and answered == #requests then
    -- Tell the harness (it interrupts wrk when every thread is through, so that wrk reports the
    -- real duration: wrk itself always waits out -d).
    local f = io.open(donefile .. tid, "w")
    if f then f:close() end
    wrk.thread:stop()
  end
end
