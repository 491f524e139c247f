def fine(x: float) -> float:
    return x


def no_annotation(fine: float):
    return fine
