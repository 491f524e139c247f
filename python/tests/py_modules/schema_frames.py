"""A function with Hamilton's schema.output (test_pictures.py)."""

import pandas as pd

from hamilton.function_modifiers import schema


@schema.output(("a", "int"), ("bb", "float"))
def table(n: int) -> pd.DataFrame:
    return pd.DataFrame({"a": list(range(n)), "bb": [0.5] * n})
