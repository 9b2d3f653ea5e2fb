-- The kernen of a selection with inhabitants and whether the work continues after the subsidy
-- (final evaluation), for the Deelname page. $gemeente, $kern: filters, NULL for all.
SELECT k.kern_id,
       k.name,
       g.name AS gemeente,
       k.gemeente_code,
       k.inhabitants,
       k.inhabitants_source,
       k.inhabitants_year,
       e.structure,
       e.continues_after_subsidy
FROM kern AS k
JOIN gemeente AS g USING (gemeente_code)
LEFT JOIN evaluation AS e ON e.kern_id = k.kern_id AND e.moment = 'eind_2018'
WHERE ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR k.kern_id = $kern)
ORDER BY g.name, k.name
