-- Targets (table target) of one kern for the years $first_year … $last_year.
SELECT year, indicator_code, value
FROM target
WHERE kern_id = $kern AND year BETWEEN $first_year AND $last_year
ORDER BY indicator_code, year
