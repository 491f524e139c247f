"""The result cache's vocabulary in apache-hamilton (the cases of caching.cpp)."""
from __future__ import annotations

from hamilton.caching.adapter import CachingBehavior, CachingEventType
from hamilton.function_modifiers import cache


def cache_event_types():
    return "".join(e.value + "\n" for e in CachingEventType)


def cache_behaviors():
    text = "".join(b.name.lower() + "\n" for b in CachingBehavior)
    text += "from_string\n" if CachingBehavior.from_string("RECOMPUTE") is CachingBehavior.RECOMPUTE else "-\n"
    return text + cache.BEHAVIOR_KEY
