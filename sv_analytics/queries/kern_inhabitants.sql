-- Inhabitants of every kern for one calendar year, with the year and source actually used
-- (lookups.kern_inhabitants, the one answer to "inhabitants of kern k in year y").
-- $year: the year the figure should describe.
-- A public figure for the kern itself and that year (table statistic: region_level 'kern',
-- indicator 'inwoners', age group 'totaal', as the TOP10NL importer stores it) is used where
-- it exists (of several sources the first by name, so the answer is stable); otherwise the
-- registry's inhabitants (kern.inhabitants) with their own peiljaar (kern.inhabitants_year).
WITH stat AS (
    SELECT region_code AS kern_id,
           arg_min(value, source) AS value,
           min(source)            AS source
    FROM statistic
    WHERE region_level = 'kern' AND indicator = 'inwoners' AND age_group = 'totaal'
      AND year = $year AND value > 0
    GROUP BY region_code
)
SELECT k.kern_id,
       coalesce(s.value, k.inhabitants)::DOUBLE                              AS inhabitants,
       CASE WHEN s.value IS NULL THEN k.inhabitants_year ELSE $year END::INTEGER AS inhabitants_year,
       coalesce(s.source, k.inhabitants_source)                              AS inhabitants_source
FROM kern AS k
LEFT JOIN stat AS s USING (kern_id)
ORDER BY k.kern_id
