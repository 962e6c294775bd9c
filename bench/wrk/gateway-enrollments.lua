-- wrk script (bench/gateway-upserts.sh): POST a new studentSchoolAssociation per request. Request n enrolls
-- student n mod P of BENCH_STUDENTS_FILE (P lines, students that exist) at school BENCH_SCHOOL_BASE + 1 + (its
-- position mod BENCH_SCHOOLS), in the school's calendar "2025-REG", entry date 2024-08-19 plus n div P days: a
-- natural key (entryDate, schoolId, studentUniqueId) no other request has. pgbench writes the same rows with
-- bench/lib/pgbench.sh.
dofile("bench/wrk/lib/numbered.lua")

local students = read_lines(os.getenv("BENCH_STUDENTS_FILE"))
local schools = tonumber(os.getenv("BENCH_SCHOOLS") or "1")
local school_base = tonumber(os.getenv("BENCH_SCHOOL_BASE") or "255901000")
local first_day = os.time({ year = 2024, month = 8, day = 19, hour = 12 })

local body = '{"entryDate":"%s","schoolReference":{"schoolId":%d},"studentReference":{"studentUniqueId":"%s"},'
  .. '"entryGradeLevelDescriptor":"uri://ed-fi.org/GradeLevelDescriptor#Ninth grade",'
  .. '"schoolYearTypeReference":{"schoolYear":2025},'
  .. '"calendarReference":{"calendarCode":"2025-REG","schoolId":%d,"schoolYear":2025},'
  .. '"entryTypeDescriptor":"uri://ed-fi.org/EntryTypeDescriptor#Transfer","fullTimeEquivalency":1.0,'
  .. '"primarySchool":true,"educationPlans":[{"educationPlanDescriptor":'
  .. '"uri://ed-fi.org/EducationPlanDescriptor#Career Pathways"}]}'

function request()
  return post_each(function(n)
    local p = n % #students
    local school = school_base + 1 + p % schools
    local entry = os.date("!%Y-%m-%d", first_day + math.floor(n / #students) * 86400)
    return string.format(body, entry, school, students[p + 1], school)
  end)
end
