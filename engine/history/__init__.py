"""History: the append-only, hash-chained event log of each trajectory, and its replay."""
