"""Python nodes before and after the C++ node test_nodes.slow_spin."""


def seconds(wanted: float) -> float:
    return wanted


def spins_text(slow_spin: int) -> str:
    return f"{slow_spin} spins"
