"""Parallelizable over Python objects (dicts), gathered by a Collect[dict]."""

from hamilton.htypes import Collect, Parallelizable


def record(names: list) -> Parallelizable[dict]:
    for i, name in enumerate(names):
        yield {"name": name, "position": i}


def described(record: dict, prefix: str) -> dict:
    return {**record, "text": f"{prefix}{record['name']}@{record['position']}"}


def texts(described: Collect[dict]) -> list:
    """The texts, in item order."""
    return [d["text"] for d in described]
