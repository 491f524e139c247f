"""load_cpp: a .cpp of NODEs compiled with the system compiler against the installed package,
cached by content hash, with the compiler's errors shown."""

import hashlib
import os
import textwrap

import pandas as pd
import pytest

import hamilton_cpp
from hamilton_cpp import driver

SOURCE = """
#include <hamilton/frame.hpp>
#include <hamilton/node.hpp>
using hamilton::Series;

HAMILTON_MODULE({module});

NODE(Series, spend_per_signup, (const Series& spend, const Series& signups), doc("Cost per signup.")) {{
  return spend / signups;
}}
NODE(double, total_spend, (const Series& spend)) {{ return spend.sum(); }}
"""


def write(path, module):
    path.write_text(textwrap.dedent(SOURCE.format(module=module)))
    return path


def test_compiles_loads_and_runs(tmp_path, capsys):
    src = write(tmp_path / "spend_nodes.cpp", "load_cpp_spend")
    cache = tmp_path / "cache"
    mod = hamilton_cpp.load_cpp(src, cache=cache, verbose=True)
    assert "load_cpp:" in capsys.readouterr().out  # it compiled
    assert mod.module_names == ["load_cpp_spend"]
    (built,) = os.listdir(cache)
    assert built.startswith("spend_nodes-") and built.endswith(".so")
    dr = driver.Builder().with_modules(mod).build()
    out = dr.execute(["spend_per_signup", "total_spend"],
                     inputs={"spend": pd.Series([10.0, 20.0]), "signups": pd.Series([2.0, 4.0])})
    assert out["spend_per_signup"].tolist() == [5.0, 5.0] and out["total_spend"] == 30.0
    var = next(v for v in dr.list_available_variables() if v.name == "spend_per_signup")
    assert var.documentation == "Cost per signup." and var.location.startswith(str(src))
    assert var.version == hashlib.sha256(src.read_bytes()).hexdigest()  # as hamilton_add_module

    again = hamilton_cpp.load_cpp(src, cache=cache, verbose=True)
    assert again is mod and capsys.readouterr().out == ""  # cached: no compiler run
    assert os.listdir(cache) == [built]


def test_the_cache_survives_the_process(tmp_path):
    # a second process finds the compiled library and does not compile
    import subprocess
    import sys

    src = write(tmp_path / "other_nodes.cpp", "load_cpp_other")
    cache = tmp_path / "cache"
    code = ("import sys, hamilton_cpp; m = hamilton_cpp.load_cpp(sys.argv[1], cache=sys.argv[2], verbose=True); "
            "print(m.module_names)")
    first = subprocess.run([sys.executable, "-c", code, str(src), str(cache)], capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code, str(src), str(cache)], capture_output=True, text=True)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    assert "load_cpp:" in first.stdout and "load_cpp:" not in second.stdout
    assert "['load_cpp_other']" in second.stdout


def test_compiler_errors_are_shown(tmp_path):
    src = tmp_path / "broken.cpp"
    src.write_text("#include <hamilton/node.hpp>\nHAMILTON_MODULE(load_cpp_broken);\n"
                   "NODE(double, half, (double x)) { return x / two; }\n")
    cache = tmp_path / "cache"
    with pytest.raises(hamilton_cpp.CompileError) as e:
        hamilton_cpp.load_cpp(src, cache=cache)
    msg = str(e.value)
    assert msg.startswith(f"load_cpp: compiling `{src}` failed")
    assert f"{src}:3:" in msg and "two" in msg and "error" in msg
    assert e.value.command[-1].startswith("-Wl,-rpath,")
    assert os.listdir(cache) == []  # nothing half-written is left to be loaded later


def test_a_missing_source(tmp_path):
    with pytest.raises(FileNotFoundError, match="load_cpp: cannot read .*nope.cpp"):
        hamilton_cpp.load_cpp(tmp_path / "nope.cpp")


def test_the_default_cache_dir(monkeypatch, tmp_path):
    from hamilton_cpp import _compile

    monkeypatch.setenv("HAMILTON_CPP_CACHE", str(tmp_path / "x"))
    assert _compile.cache_dir() == tmp_path / "x"
    monkeypatch.delenv("HAMILTON_CPP_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert _compile.cache_dir() == tmp_path / "xdg" / "hamilton_cpp"


def test_the_cache_key_holds_the_abi_stamp(tmp_path, monkeypatch):
    # a library cached for other hamilton-cpp headers (an older install at the same path) is
    # not reused: the key holds the headers' ABI stamp, so the source is compiled again
    from hamilton_cpp import _compile, _core

    assert hamilton_cpp.__abi__ == _core.__hamilton_abi__
    assert _core.__hamilton_abi__.startswith(f"hamilton-cpp {hamilton_cpp.__version__} abi ")
    assert len(_core.__hamilton_abi__.rsplit(" ", 1)[1]) == 16
    src = write(tmp_path / "abi_nodes.cpp", "load_cpp_abi")
    cache = tmp_path / "cache"
    loaded = []
    monkeypatch.setattr(_compile, "load_library", lambda p: loaded.append(os.path.basename(p)))
    hamilton_cpp.load_cpp(src, cache=cache)
    hamilton_cpp.load_cpp(src, cache=cache)
    monkeypatch.setattr(_core, "__hamilton_abi__", "hamilton-cpp 0.0.9 abi 0123456789abcdef")
    hamilton_cpp.load_cpp(src, cache=cache)
    assert loaded[0] == loaded[1] != loaded[2]
    assert sorted(os.listdir(cache)) == sorted(set(loaded))


def test_a_library_compiled_against_other_headers_is_refused(tmp_path):
    # what a stale library does when it is loaded anyway: refused, before its code runs
    src = tmp_path / "stale_nodes.cpp"
    src.write_text(textwrap.dedent("""
        #define HAMILTON_BUILDING_LIBRARY  // no stamp of these headers
        #include <hamilton/node.hpp>
        [[gnu::used, gnu::section(".hamilton_abi")]] static const char stamp[] =
            "hamilton-cpp 0.0.9 abi 0123456789abcdef";
        HAMILTON_MODULE(load_cpp_stale);
        NODE(double, stale_doubled, (double x)) { return 2 * x; }
    """))
    with pytest.raises(hamilton_cpp.GraphError) as e:
        hamilton_cpp.load_cpp(src, cache=tmp_path / "cache")
    (p,) = e.value.problems
    assert p.code == "module-library-load"
    from hamilton_cpp import _core

    assert ('was compiled against other hamilton-cpp headers (its ABI stamp is '
            f'"hamilton-cpp 0.0.9 abi 0123456789abcdef", this program\'s hamilton-cpp is '
            f'"{_core.__hamilton_abi__}")') in str(e.value)
    (built,) = os.listdir(tmp_path / "cache")  # compiled, then refused before it was mapped
    with open("/proc/self/maps") as maps:
        assert built not in maps.read()
