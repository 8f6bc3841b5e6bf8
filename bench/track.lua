-- wrk script: looks up random seeded tickets on /track (server-rendered page), code TRACKME2.
-- The ticket numbers stay one string (lines of equal length) rather than a table of a million
-- strings: Lua's collector walked that table while wrk waited, and those pauses showed up as
-- a p99 of 120-450 ms that the server never had (a Python client at the same time: 10 ms).
local file = assert(io.open(os.getenv("TICKETS"), "rb"))
local data = file:read("*a")
file:close()
local width = data:find("\n", 1, true)
local count = math.floor(#data / width)
math.randomseed(42)
request = function()
  local at = math.random(count) - 1
  local no = data:sub(at * width + 1, at * width + width - 1)
  return wrk.format("GET", "/track?no=" .. no .. "&code=TRACKME2")
end
response = function(status, headers, body)
  if status ~= 200 or not body:find("data-testid=\"case\"", 1, true) then
    wrk.thread:stop()
    io.stderr:write("unexpected answer " .. status .. "\n")
  end
end
