"""Timing shared by the Python peers, the same method as codec-bench.

Each workload is calibrated once (iterations for about `min_seconds`), then timed for
`rounds` rounds of that fixed iteration count with `time.perf_counter`; the fastest round
is reported. The cyclic garbage collector is off while timing, as `timeit` does.
"""
import gc
import json
import math
import time


def measure(fn, *, min_seconds: float, rounds: int) -> tuple[float, int]:
    """Returns (operations per second of the best round, iterations per round)."""
    iterations = 1
    while True:
        elapsed = _time(fn, iterations)
        if elapsed >= 0.05 and iterations > 1:
            break
        iterations *= 2
    iterations = max(1, math.ceil(iterations * min_seconds / elapsed))
    best = min(_time(fn, iterations) for _ in range(rounds))
    return iterations / best, iterations


def _time(fn, iterations: int) -> float:
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(iterations):
            fn()
        return time.perf_counter() - start
    finally:
        if gc_was_enabled:
            gc.enable()


def result_line(name: str, fn, *, bytes_per_op: int | None, min_seconds: float, rounds: int, **extra) -> str:
    """Times `fn` and formats the JSON line codec-bench prints for the same workload."""
    ops_per_s, iterations = measure(fn, min_seconds=min_seconds, rounds=rounds)
    line = {
        "name": name,
        "ops_per_s": round(ops_per_s, 1),
        "mb_per_s": None if bytes_per_op is None else round(ops_per_s * bytes_per_op / 1e6, 1),
        "bytes": bytes_per_op,
        "iterations": iterations,
    }
    line.update(extra)
    return json.dumps(line)
