"""The peer of `floe bench pool`'s process section: Python's multiprocessing.Pool on the same work.

Prints one JSON line: the median apply round trip and the median map of N trivial tasks
(default chunking), both in seconds.
"""
import json
import multiprocessing as mp
import statistics
import sys
import time


def plus_one(x):
    return x + 1


def main():
    tasks = int(sys.argv[1])
    workers = int(sys.argv[2])
    runs = int(sys.argv[3])
    round_trips = 200
    with mp.Pool(workers) as pool:
        pool.map(plus_one, range(1000))  # workers up and warm
        apply_times = []
        for _ in range(runs):
            start = time.perf_counter()
            for _ in range(round_trips):
                pool.apply(plus_one, (1,))
            apply_times.append((time.perf_counter() - start) / round_trips)
        map_times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = pool.map(plus_one, range(tasks))
            map_times.append(time.perf_counter() - start)
            assert result[-1] == tasks
    print(json.dumps({
        "apply_round_trip_s": statistics.median(apply_times),
        "map_s": statistics.median(map_times),
        "tasks": tasks,
        "workers": workers,
        "python": sys.version.split()[0],
        "start_method": mp.get_start_method(),
    }))


if __name__ == "__main__":
    main()
