-- Referrals in a period from referring sector to the kind of activity and the target group.
-- $start, $end: first days of the first and last month (inclusive);
-- $gemeente, $kern: filters, NULL for all. Returns from_sector, activity_kind, doelgroep, n.
SELECT r.from_sector, a.kind AS activity_kind, r.doelgroep, sum(r.n)::BIGINT AS n
FROM referral AS r
JOIN kern AS k USING (kern_id)
JOIN activity AS a ON a.activity_id = r.to_activity_id
WHERE r.month BETWEEN $start AND $end
  AND ($gemeente IS NULL OR k.gemeente_code = $gemeente)
  AND ($kern IS NULL OR r.kern_id = $kern)
GROUP BY ALL
HAVING sum(r.n) > 0
ORDER BY r.from_sector, activity_kind, r.doelgroep
