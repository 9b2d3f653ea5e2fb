-- The organisations of one kern (sociale kaart) with their sector, for the partnership network.
-- $kern: kern_id.
SELECT o.org_id, o.name, o.sector
FROM organisation AS o
WHERE o.kern_id = $kern
ORDER BY o.sector, o.name
