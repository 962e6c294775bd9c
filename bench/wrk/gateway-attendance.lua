-- wrk script (bench/gateway-upserts.sh): POST a new studentSchoolAttendanceEvent per request. Request n is for
-- student n mod P of BENCH_STUDENTS_FILE (P lines, students that exist) at the school they are enrolled in
-- (as gateway-enrollments.lua chose it), in its session "2024-2025 Fall Semester", on school day
-- (n div P) mod 90 of the session, with the category (n div 90P) mod 5: a natural key no other request has
-- (up to 450 P requests). pgbench writes the same rows with bench/lib/pgbench.sh.
dofile("bench/wrk/lib/numbered.lua")

local students = read_lines(os.getenv("BENCH_STUDENTS_FILE"))
local schools = tonumber(os.getenv("BENCH_SCHOOLS") or "1")
local school_base = tonumber(os.getenv("BENCH_SCHOOL_BASE") or "255901000")
local categories = { "Tardy", "Excused Absence", "Unexcused Absence", "Early departure", "Partial" }
local days = {} -- the weekdays of the session, from 2024-08-19
local t = os.time({ year = 2024, month = 8, day = 19, hour = 12 })
while #days < 90 do
  local wday = os.date("!*t", t).wday
  if wday ~= 1 and wday ~= 7 then table.insert(days, os.date("!%Y-%m-%d", t)) end
  t = t + 86400
end

local body = '{"attendanceEventCategoryDescriptor":"uri://ed-fi.org/AttendanceEventCategoryDescriptor#%s",'
  .. '"eventDate":"%s","schoolReference":{"schoolId":%d},'
  .. '"sessionReference":{"schoolId":%d,"schoolYear":2025,"sessionName":"2024-2025 Fall Semester"},'
  .. '"studentReference":{"studentUniqueId":"%s"},"arrivalTime":"08:12:00","eventDuration":0.05,'
  .. '"schoolAttendanceDuration":420,"attendanceEventReason":"Bus late",'
  .. '"educationalEnvironmentDescriptor":"uri://ed-fi.org/EducationalEnvironmentDescriptor#Classroom"}'

function request()
  return post_each(function(n)
    local p = n % #students
    local d = math.floor(n / #students)
    assert(d < #days * #categories, "more attendance requests than unique keys: use more students")
    local school = school_base + 1 + p % schools
    return string.format(body, categories[math.floor(d / #days) % #categories + 1], days[d % #days + 1], school,
      school, students[p + 1])
  end)
end
