-- The themes used on the kennisplein (distinct kennisplein_item.theme codes), for the theme filter.
SELECT DISTINCT theme FROM kennisplein_item ORDER BY theme
