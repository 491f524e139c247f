"""A graph of C++ nodes runs with the GIL released: other Python threads keep running."""

import threading
import time

from hamilton_cpp import driver


def test_other_threads_run_while_a_cpp_node_runs(test_nodes):
    dr = driver.Builder().with_modules(test_nodes).build()
    stamps: list[float] = []
    stop = threading.Event()

    def count():
        while not stop.is_set():
            stamps.append(time.perf_counter())

    counter = threading.Thread(target=count)
    counter.start()
    try:
        time.sleep(0.05)  # the counter is running
        start = time.perf_counter()
        spins = dr.execute(["slow_spin"], inputs={"seconds": 0.5})["slow_spin"]
        end = time.perf_counter()
    finally:
        stop.set()
        counter.join()
    assert spins > 0 and end - start >= 0.5
    # Iterations of the Python thread in the middle of the C++ node's run: with the GIL held
    # by execute there would be none (the counter could not run a single bytecode).
    during = [t for t in stamps if start + 0.1 < t < end - 0.1]
    assert len(during) > 100, f"{len(during)} iterations of the other thread during the C++ node"
    # and it ran throughout, not only at one moment: no gap longer than 0.1 s
    gaps = [b - a for a, b in zip(during, during[1:])]
    assert max(gaps) < 0.1


def test_executes_from_several_threads_at_once(hello_world):
    import pandas as pd

    dr = driver.Builder().with_modules(hello_world).build()
    inputs = {"spend": pd.Series([10.0, 20.0, 30.0]), "signups": pd.Series([1.0, 2.0, 3.0])}
    results, errors = [], []

    def run():
        try:
            for _ in range(50):
                results.append(dr.execute(["spend_per_signup", "spend_mean"], inputs=inputs)["spend_mean"])
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and results == [20.0] * 200
