"""A Dask worker process killed during execute_on: Dask reruns its partitions elsewhere (or on
the restarted worker), and the result is still the single-process one."""

from __future__ import annotations

import os
import signal
import time

import pandas.testing as pdt

from hamilton_cpp.execution import execute_on

from scaleout_data import make_driver, tidy, weekly


def test_a_killed_dask_worker_does_not_change_the_result(dask_client):
    import dask.dataframe as dd
    from distributed import wait

    dr = make_driver()
    data = weekly(n_series=4, weeks=20)
    frame = dd.from_pandas(data, npartitions=8)
    pids = dask_client.run(os.getpid)  # worker address -> pid
    future = dask_client.compute(execute_on(dr, frame, ["spend_slowly", "spend_per_signup"],
                                            inputs={"seconds": 0.4}, keep=["series_id", "week"]))
    # Kill a worker that is running a partition (each takes 0.4 s; 8 partitions on 2 workers).
    deadline = time.monotonic() + 20
    victim = None
    while victim is None and time.monotonic() < deadline:
        processing = dask_client.processing()
        busy = [addr for addr, keys in processing.items() if keys]
        if busy:
            victim = busy[0]
        else:
            time.sleep(0.05)
    assert victim is not None, "no worker started a partition"
    time.sleep(0.1)
    os.kill(pids[victim], signal.SIGKILL)
    wait(future, timeout=120)
    result = future.result()
    expected = data[["series_id", "week"]].assign(
        spend_slowly=data.spend, spend_per_signup=data.spend / data.signups)
    pdt.assert_frame_equal(tidy(result.sort_index(), []), expected)
    dask_client.wait_for_workers(2, timeout=60)  # the nanny restarted it, for the other tests
    assert pids[victim] not in dask_client.run(os.getpid).values()  # it was killed
