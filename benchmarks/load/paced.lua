-- wrk script of the load comparison's paced mode (RATE in run.sh): the requests of all
-- connections of a wrk thread follow one schedule of RATE requests a second, so that the
-- rate stays the same whatever the server spends on a request (as long as the
-- connections are enough to carry it). wrk asks delay() before each request; it answers
-- in whole milliseconds, and the schedule keeps the fractions.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } run_id_timespec;
int clock_gettime(int clock, run_id_timespec *time);
]]

local CLOCK_MONOTONIC = 1
local time = ffi.new("run_id_timespec")
local rate = tonumber(os.getenv("RATE") or "") or 0
local interval = (rate > 0) and (1000 / rate) or 0
local due = nil

local function now()
	ffi.C.clock_gettime(CLOCK_MONOTONIC, time)
	return tonumber(time.tv_sec) * 1000 + tonumber(time.tv_nsec) / 1e6
end

function delay()
	if interval == 0 then
		return 0
	end
	local current = now()
	if due == nil or due < current then
		due = current
	end
	local wait = due - current
	due = due + interval
	return math.floor(wait)
end
