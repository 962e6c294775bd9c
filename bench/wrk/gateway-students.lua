-- wrk script (bench/gateway-upserts.sh): POST a new student per request (studentUniqueId "GS<n>", n unique
-- across the runs), the body of bench/wrk/student-upsert.lua otherwise. pgbench writes the same rows with
-- bench/lib/pgbench.sh.
dofile("bench/wrk/lib/numbered.lua")

local body = '{"studentUniqueId":"GS%d","firstName":"Lisa","lastSurname":"Woods","birthDate":"2008-05-17",'
  .. '"birthCity":"Lubbock","birthSexDescriptor":"uri://ed-fi.org/SexDescriptor#Female",'
  .. '"birthCountryDescriptor":"uri://ed-fi.org/CountryDescriptor#US","multipleBirthStatus":false,'
  .. '"otherNames":[{"otherNameTypeDescriptor":"uri://ed-fi.org/OtherNameTypeDescriptor#Nickname",'
  .. '"firstName":"Liz","lastSurname":"Woods"}]}'

function request()
  return post_each(function(n) return string.format(body, n) end)
end
