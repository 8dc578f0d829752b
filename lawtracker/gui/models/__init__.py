"""Qt item models over the catalog read models (no proxies at scale: see measure_table)."""
