-- Per kern for the page Kernprofiel: its CBS wijk codes, the other kernen in the same wijk, and
-- the target groups it chose (every kern; kernprofiel.kernen adds the registry's attributes).
-- $link_year: the wijk classification year of kern_region (2017 in the registry).
WITH links AS (
    SELECT kern_id, list(region_code ORDER BY region_code) AS wijk_codes
    FROM kern_region
    WHERE region_level = 'wijk' AND year = $link_year
    GROUP BY kern_id
),
shared AS (
    -- kernen that share a wijk code: the wijk's figures are not the kern's alone
    SELECT a.kern_id, list(DISTINCT k.name ORDER BY k.name) AS shared_with
    FROM kern_region AS a
    JOIN kern_region AS b
      ON b.region_code = a.region_code AND b.year = a.year AND b.kern_id <> a.kern_id
    JOIN kern AS k ON k.kern_id = b.kern_id
    WHERE a.region_level = 'wijk' AND a.year = $link_year
    GROUP BY a.kern_id
),
chosen AS (
    SELECT kern_id, list(doelgroep ORDER BY doelgroep) AS chosen
    FROM kern_target_group
    GROUP BY kern_id
)
SELECT k.kern_id,
       coalesce(l.wijk_codes, []::VARCHAR[])   AS wijk_codes,
       coalesce(s.shared_with, []::VARCHAR[])  AS shared_with,
       coalesce(c.chosen, []::VARCHAR[])       AS chosen
FROM kern AS k
LEFT JOIN links AS l USING (kern_id)
LEFT JOIN shared AS s USING (kern_id)
LEFT JOIN chosen AS c USING (kern_id)
