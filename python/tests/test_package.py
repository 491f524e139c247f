"""The installed package is self-contained: its libraries, headers and CMake package are inside
the package directory, and the extension finds the libraries through a relative RPATH."""

import os
import subprocess

import hamilton_cpp


def test_layout():
    pkg = hamilton_cpp.package_dir()
    assert os.path.dirname(os.path.realpath(hamilton_cpp._core.__file__)) == pkg
    lib = hamilton_cpp.library_dir()
    for name in ("core", "frame", "io", "parallel", "tools"):
        assert os.path.exists(os.path.join(lib, f"libhamilton_{name}.so.0")), name
    assert os.path.exists(os.path.join(hamilton_cpp.cmake_dir(), "hamiltonConfig.cmake"))
    assert os.path.exists(os.path.join(hamilton_cpp.cmake_dir(), "HamiltonModule.cmake"))
    assert os.path.exists(os.path.join(hamilton_cpp.include_dir(), "hamilton", "driver.hpp"))
    assert os.path.exists(os.path.join(hamilton_cpp.include_dir(), "hamilton", "version.hpp"))
    # the wheel holds no tests, examples, benchmarks or command line
    assert not os.path.exists(os.path.join(pkg, "bin"))


def test_libraries_are_loaded_from_the_package():
    with open("/proc/self/maps") as f:
        maps = f.read()
    loaded = {line.split()[-1] for line in maps.splitlines() if "libhamilton_core.so" in line}
    assert loaded == {os.path.realpath(os.path.join(hamilton_cpp.library_dir(), "libhamilton_core.so.0"))}


def test_relative_rpaths():  # readelf: binutils, part of build-essential (scripts/setup.sh)
    out = subprocess.run(["readelf", "-d", hamilton_cpp._core.__file__], capture_output=True, text=True).stdout
    assert "[$ORIGIN/lib]" in out
    core = os.path.join(hamilton_cpp.library_dir(), "libhamilton_core.so.0")
    out = subprocess.run(["readelf", "-d", core], capture_output=True, text=True).stdout
    assert "[$ORIGIN]" in out


def test_version():
    assert hamilton_cpp.__version__ == "0.1.0"
