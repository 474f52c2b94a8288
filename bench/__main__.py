"""`make bench`: print a table and write bench/results/<date>.json.

`python -m bench [part ...]` runs some parts only (sandbox, engine, requests, size, inbox, throughput, profile,
chain, audit, conformance, migration)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench import (
    audit,
    chain,
    conformance,
    engine_work,
    machine,
    migration,
    profile,
    requests,
    sandbox_cost,
    throughput,
    web,
)

PARTS = ("sandbox", "engine", "requests", "size", "inbox", "throughput", "profile", "chain", "audit", "conformance",
         "migration")


def ms(value: dict | None, key: str = "median_ms") -> str:
    return f"{value[key]:8.1f}" if value else "       —"


def ratio(value: dict | None, base: dict | None, key: str = "median_ms") -> str:
    return f"{value[key] / base['median_ms']:6.2f}×" if value and base else "      —"


def print_sandbox(cost: dict) -> None:
    print("\nsandbox cost per call (µs, warm cache)    ekd      plain SpiffWorkflow")
    print(f"  script (capability rule, 8 lines)     {cost['script_ekd_us']:7.1f}  {cost['script_plain_us']:7.1f}")
    print(f"  gateway condition                     {cost['condition_ekd_us']:7.1f}  {cost['condition_plain_us']:7.1f}")
    print(f"  first call of a script (compile)      {cost['script_ekd_first_call_us']:7.1f}")


def print_engine(rows: list[dict]) -> None:
    print("\na. one request's engine work (load → complete → engine steps → save), ms")
    print(f"{'workload':42} {'done':>5} {'plain p50':>9} {'p95':>8} {'ekd p50':>8} {'p95':>8} {'ekd/plain':>9}"
          f" {'plain state':>12} {'ekd state':>10}")
    for row in rows:
        plain, ekd = row["plain_spiffworkflow"], row["ekd"]
        note = f"  plain stalled at {row['plain_stalled_at']} tasks" if row["plain_stalled_at"] is not None else ""
        state = f"{row['plain_state_bytes']:11d}B" if row["plain_state_bytes"] else "           —"
        print(f"{row['workload']:42} {row['completed_tasks']:5d} {ms(plain)} {ms(plain, 'p95_ms')} {ms(ekd)}"
              f" {ms(ekd, 'p95_ms')} {ratio(ekd, plain):>9} {state} {row['ekd_state_bytes']:9d}B{note}")


def print_requests(result: dict) -> None:
    rows = result["points"]
    base = rows[0]["plain_spiffworkflow_request"]
    print("\nshipped guideline, one trajectory at N completed tasks, interleaved samples, ms "
          "(ratios to a at 10 tasks, median)")
    print(f"{'done':>5} {'a plain p50':>11} {'p95':>7} {'b use case p50':>14} {'p95':>7} {'b/a10':>7}"
          f" {'c HTTP p50':>10} {'p95':>7} {'c p95/a10':>9} {'c held p50':>10} {'p95':>7} {'p95/a10':>8}"
          f"   stored: state, events, checkpoints")
    for row in rows:
        a, b, c, stored = (row["plain_spiffworkflow_request"], row["ekd_use_case"], row["http_request"],
                           row["stored"])
        held = row.get("http_request_held")
        print(f"{row['completed_tasks']:5d} {ms(a):>11} {ms(a, 'p95_ms'):>7} {ms(b):>14} {ms(b, 'p95_ms'):>7}"
              f" {ratio(b, base):>7} {ms(c):>10} {ms(c, 'p95_ms'):>7} {ratio(c, base, 'p95_ms'):>9}"
              f" {ms(held):>10} {ms(held, 'p95_ms'):>7} {ratio(held, base, 'p95_ms'):>8}"
              f"   {stored['state_bytes']} B, {stored['events']} ({stored['event_bytes']} B),"
              f" {stored['checkpoints']} ({stored['checkpoint_bytes']} B zlib)")
        if row["plain_stalled_at"] is not None:
            print(f"      plain SpiffWorkflow stalled after {row['plain_stalled_at']} completed tasks:"
                  " a not measurable")
    b10, b1000 = rows[0]["ekd_use_case"], rows[-1]["ekd_use_case"]
    print(f"  flatness: b at {rows[-1]['completed_tasks']} / b at {rows[0]['completed_tasks']} = "
          f"{b1000['median_ms'] / b10['median_ms']:.2f} (median), {b1000['p95_ms'] / b10['p95_ms']:.2f} (p95)")
    replay = result["replay"]
    print(f"\nreplay to a random event of a {replay['events']}-event trajectory: p50 "
          f"{replay['to_random_event']['median_ms']:.1f} ms, p95 {replay['to_random_event']['p95_ms']:.1f} ms, "
          f"max {replay['max_ms']:.1f} ms; from event 1 to the last: {replay['from_event_1_to_last_ms']:.0f} ms")


def print_inbox(box: dict) -> None:
    print(f"\ninbox over HTTP with {box['open_tasks']} open tasks (the reader is on 2,500 of them)")
    for name in ("page", "page_overdue_filter", "service"):
        print(f"  {name:22} p50 {box[name]['median_ms']:6.2f} ms   p95 {box[name]['p95_ms']:6.2f} ms")


def print_throughput(rows: list[dict], base: dict | None) -> None:
    print(f"\nd. throughput: client threads (on the same machine) over {rows[0]['trajectories']} trajectories, "
          f"{rows[0]['seconds']:.0f} s, gunicorn --threads 8")
    print(f"{'database':11} {'workers':>7} {'clients':>7} {'done/s':>7} {'p50':>8} {'p95':>8} {'p95/a10':>8} "
          f"{'errors':>7}  CPU ms per completion: server, PostgreSQL, client   done again, held used"
          f"   every 200 in the event log")
    for row in rows:
        errors, cpu, counted = sum(row["errors"].values()), row["cpu_ms_per_completion"], row.get("workers_counted")
        again = (f"{counted['done_again']:5d} of {counted['changes']:5d}, {counted['held_used']:5d}"
                 if counted else "—")
        print(f"{row['database']:11} {row['workers']:7d} {row['clients']:7d} {row['per_second']:7.1f} "
              f"{ms(row['latency'])} {ms(row['latency'], 'p95_ms')} {ratio(row['latency'], base, 'p95_ms'):>8} "
              f"{errors:7d}  {cpu['gunicorn']:6.1f} {cpu['postgresql']:11.1f} {cpu['client']:7.1f}"
              f"   {again}   {'yes' if row['every_200_in_event_log'] else 'NO'}"
              f" ({row['answered_200_in_all']} answered 200)")


def main(parts: list[str]) -> None:
    info = machine.describe()
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}, {info['date']}")
    result: dict = {"machine": info}
    if "sandbox" in parts:
        result["sandbox"] = sandbox_cost.run()
        print_sandbox(result["sandbox"])
    if "engine" in parts:
        result["engine_work"] = engine_work.run()
        print_engine(result["engine_work"])
    if "requests" in parts:
        result["requests"] = requests.run()
        print_requests(result["requests"])
    if "size" in parts:
        size = result["standard_trajectory"] = requests.standard_trajectory_size()
        print(f"\nstandard scenario, stored at its end: state {size['state_bytes']} B, {size['events']} events "
              f"({size['event_bytes']} B with hashes), {size['checkpoints']} checkpoints")
    if "inbox" in parts:
        result["inbox"] = web.inbox()
        print_inbox(result["inbox"])
    if "throughput" in parts:
        result["throughput"] = throughput.run()
        base = result["requests"]["points"][0]["plain_spiffworkflow_request"] if "requests" in result else None
        print_throughput(result["throughput"], base)
    if "profile" in parts:
        result["profile"] = profile.run()
        profile.report(result["profile"])
    if "chain" in parts:
        result["chain"] = chain.run()
        chain.report(result["chain"])
    if "audit" in parts:
        result["audit_step"] = audit.run()
        audit.report(result["audit_step"])
    if "conformance" in parts:
        result["conformance"] = conformance.run()
        conformance.report(result["conformance"])
    if "migration" in parts:
        result["migration"] = migration.run()
        migration.report(result["migration"])
    out = Path(__file__).parent / "results" / f"{info['date']}.json"
    earlier = json.loads(out.read_text()) if out.exists() else {}     # a partial run keeps the other parts
    out.write_text(json.dumps(earlier | result, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten: bench/results/{out.name}")


if __name__ == "__main__":
    chosen = sys.argv[1:] or list(PARTS)
    unknown = set(chosen) - set(PARTS)
    if unknown:
        sys.exit(f"unknown part(s): {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    main(chosen)
