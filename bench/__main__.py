"""`make bench`: print a table and write bench/results/<date>-engine.json."""

from __future__ import annotations

import json
from pathlib import Path

from bench import engine_work, machine, sandbox_cost, usecase, web


def main() -> None:
    info = machine.describe()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['date']}")
    cost = sandbox_cost.run()
    print("\nsandbox cost per call (µs, warm cache)    ekd      plain SpiffWorkflow")
    print(f"  script (capability rule, 8 lines)     {cost['script_ekd_us']:7.1f}  {cost['script_plain_us']:7.1f}")
    print(f"  gateway condition                     {cost['condition_ekd_us']:7.1f}  {cost['condition_plain_us']:7.1f}")
    print(f"  first call of a script (compile)      {cost['script_ekd_first_call_us']:7.1f}")
    rows = engine_work.run()
    print("\none request's engine work: load → complete → engine steps → save")
    print(f"{'workload':36} {'done':>5} {'ekd p50':>8} {'p95':>7} {'plain p50':>10} {'p95':>7} {'ratio':>6}"
          f" {'ekd state':>10} {'plain state':>12}")
    for row in rows:
        print(f"{row['workload']:36} {row['completed_tasks']:5d} {row['ekd']['median_ms']:7.2f}m"
              f" {row['ekd']['p95_ms']:6.2f}m {row['plain_spiffworkflow']['median_ms']:9.2f}m"
              f" {row['plain_spiffworkflow']['p95_ms']:6.2f}m {row['ratio_median']:6.2f}"
              f" {row['ekd_state_bytes']:9d}B {row['plain_state_bytes']:11d}B")
    cases = usecase.run()
    print("\nekd's complete-task use case (SQLite file, event log, sandbox) beside plain SpiffWorkflow's request")
    print(f"{'done':>5} {'ekd p50':>8} {'p95':>7} {'plain p50':>10} {'p95':>7} {'ratio':>6} {'state':>7} {'events':>7}"
          f" {'plain state':>12}")
    for row in cases:
        ekd, base, stored = row["ekd_use_case"], row["plain_spiffworkflow_request"], row["stored"]
        print(f"{row['completed_tasks']:5d} {ekd['median_ms']:7.2f}m {ekd['p95_ms']:6.2f}m {base['median_ms']:9.2f}m"
              f" {base['p95_ms']:6.2f}m {row['ratio_median']:6.2f} {stored['state_bytes']:6d}B {stored['events']:7d}"
              f" {row['plain_state_bytes']:11d}B")
    size = usecase.standard_trajectory_size()
    print(f"\nstandard scenario, stored at its end: state {size['state_bytes']} B, {size['events']} events "
          f"({size['event_bytes']} B with hashes)")
    box = web.inbox()
    print(f"\ninbox over HTTP with {box['open_tasks']} open tasks (the reader is on 2,500 of them)")
    for name in ("page", "page_overdue_filter", "service"):
        print(f"  {name:22} p50 {box[name]['median_ms']:6.2f} ms   p95 {box[name]['p95_ms']:6.2f} ms")
    requests = web.complete_over_http()
    print("\ncomplete-task HTTP request (API, SQLite) beside the engine-only work on the same state")
    for row in requests:
        print(f"  {row['completed_tasks']:4d} done: HTTP p50 {row['http']['median_ms']:6.2f} ms  p95 "
              f"{row['http']['p95_ms']:6.2f} ms   engine p50 {row['engine_only']['median_ms']:6.2f} ms  "
              f"p95 {row['engine_only']['p95_ms']:6.2f} ms")
    out = Path(__file__).parent / "results" / f"{info['date']}-engine.json"
    out.write_text(json.dumps({"machine": info, "sandbox": cost, "requests": rows, "use_case": cases,
                               "standard_trajectory": size, "inbox": box, "http_complete": requests},
                              indent=2) + "\n")
    print(f"\nwritten: {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")


if __name__ == "__main__":
    main()
