-- wrk script: looks up random seeded tickets on /track (server-rendered page), code TRACKME2.
local tickets = {}
for line in io.lines(os.getenv("TICKETS")) do tickets[#tickets + 1] = line end
math.randomseed(42)
request = function()
  local no = tickets[math.random(#tickets)]
  return wrk.format("GET", "/track?no=" .. no .. "&code=TRACKME2")
end
response = function(status, headers, body)
  if status ~= 200 or not body:find("data-testid=\"case\"", 1, true) then
    wrk.thread:stop()
    io.stderr:write("unexpected answer " .. status .. "\n")
  end
end
