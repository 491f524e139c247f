import pytest

import hamilton_cpp

from cpp_modules import build_test_modules


@pytest.fixture(scope="session")
def libraries() -> dict:
    """Paths of the test module libraries, built against the installed package."""
    return build_test_modules()


@pytest.fixture(scope="session")
def hello_world(libraries):
    """examples/hello_world/my_functions.cpp as a loaded module library."""
    return hamilton_cpp.load_library(libraries["hello_world_module"])


@pytest.fixture(scope="session")
def test_nodes(libraries):
    return hamilton_cpp.load_library(libraries["test_nodes"])


@pytest.fixture(scope="session")
def other_nodes(libraries):
    return hamilton_cpp.load_library(libraries["test_other_nodes"])


@pytest.fixture(scope="session")
def conflict_nodes(libraries):
    return hamilton_cpp.load_library(libraries["test_conflict_nodes"])


# Dask, Spark and Ray, each started once per session when a test asks (test_scaleout_*.py).
from scaleout_engines import dask_client, ray_session, spark  # noqa: E402,F401
