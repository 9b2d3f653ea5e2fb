-- The items of the kennisplein (good practices and lessons) with their kern, gemeente and
-- target groups (comma-separated doelgroep codes, '' for none), for the page Kennisplein.
-- $gemeente, $kern, $theme, $phase, $kind, $doelgroep: filters, NULL for all. The text
-- search and its ranking happen in sv_analytics.knowledge (accent-insensitive, in Python).
WITH groups AS (
    SELECT item_id, string_agg(doelgroep, ',' ORDER BY doelgroep) AS doelgroepen
    FROM kennisplein_target_group
    GROUP BY item_id
)
SELECT i.item_id,
       i.kern_id,
       k.name AS kern,
       k.gemeente_code,
       g.name AS gemeente,
       i.kind,
       i.title,
       i.body,
       i.theme,
       i.phase,
       i.published_on,
       i.links,
       coalesce(gr.doelgroepen, '') AS doelgroepen
FROM kennisplein_item AS i
JOIN kern AS k USING (kern_id)
JOIN gemeente AS g USING (gemeente_code)
LEFT JOIN groups AS gr USING (item_id)
WHERE ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR i.kern_id = $kern)
  AND ($theme IS NULL OR i.theme = $theme)
  AND ($phase IS NULL OR i.phase = $phase)
  AND ($kind IS NULL OR i.kind = $kind)
  AND ($doelgroep IS NULL OR EXISTS (
        SELECT 1 FROM kennisplein_target_group AS tg
        WHERE tg.item_id = i.item_id AND tg.doelgroep = $doelgroep))
ORDER BY i.published_on DESC, g.name, k.name, i.title
