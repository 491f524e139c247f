// C++ exceptions become the Python exceptions of hamilton_cpp.errors, with the same message and
// the structured fields (problems, node, module, location ...) as attributes.

#include <nanobind/stl/string.h>

#include <exception>
#include <hamilton/errors.hpp>
#include <string>

#include "bindings.hpp"

namespace hamilton_py {

namespace {

// The Python classes, set once by hamilton_cpp.errors at import. Leaked on purpose: they must
// outlive every translation, including ones during interpreter shutdown.
struct ErrorClasses {
  PyObject* base = nullptr;          // HamiltonError
  PyObject* graph = nullptr;         // GraphError
  PyObject* input = nullptr;         // InputError
  PyObject* execution = nullptr;     // ExecutionError
  PyObject* unknown_node = nullptr;  // UnknownNodeError
  PyObject* value_type = nullptr;    // ValueTypeError
  PyObject* result = nullptr;        // ResultError
  PyObject* stopped = nullptr;       // RunStoppedError
  PyObject* problem = nullptr;       // Problem
};
ErrorClasses classes;

nb::object location_object(const hamilton::SourceLocation& loc) {
  if (!loc.known()) return nb::none();
  return nb::str(loc.to_string().c_str());
}

nb::list problem_list(const hamilton::ProblemsError& e) {
  nb::list out;
  nb::handle cls(classes.problem);
  for (const auto& p : e.problems()) {
    out.append(cls(nb::arg("code") = std::string(hamilton::to_string(p.code)),
                   nb::arg("node") = p.node, nb::arg("module") = p.module,
                   nb::arg("location") = location_object(p.location),
                   nb::arg("message") = p.message, nb::arg("suggestion") = p.suggestion,
                   nb::arg("text") = p.to_string()));
  }
  return out;
}

// Raises `cls(message)` with `attrs` set on the instance.
template <class F>
void raise(PyObject* cls, const char* message, F&& set_attributes) {
  if (!cls) {  // errors module not imported yet: keep the message at least
    PyErr_SetString(PyExc_RuntimeError, message);
    return;
  }
  try {
    nb::object exc = nb::handle(cls)(nb::str(message));
    set_attributes(exc);
    PyErr_SetObject(cls, exc.ptr());
  } catch (nb::python_error& e) {
    e.restore();
  }
}

void translate(const std::exception_ptr& p, void*) {
  try {
    std::rethrow_exception(p);
  } catch (const hamilton::GraphError& e) {
    raise(classes.graph, e.what(), [&](nb::object& x) { x.attr("problems") = problem_list(e); });
  } catch (const hamilton::InputError& e) {
    raise(classes.input, e.what(), [&](nb::object& x) { x.attr("problems") = problem_list(e); });
  } catch (const hamilton::ExecutionError& e) {
    raise(classes.execution, e.what(), [&](nb::object& x) {
      x.attr("node") = e.node();
      x.attr("module") = e.module();
      x.attr("location") = location_object(e.location());
      nb::list outputs;
      for (const auto& o : e.outputs()) outputs.append(nb::str(o.c_str()));
      x.attr("outputs") = outputs;
      x.attr("original_message") = e.original_message();
    });
  } catch (const hamilton::UnknownNodeError& e) {
    raise(classes.unknown_node, e.what(), [&](nb::object& x) {
      x.attr("name") = e.name();
      x.attr("suggestion") = e.suggestion();
    });
  } catch (const hamilton::ValueTypeError& e) {
    raise(classes.value_type, e.what(), [&](nb::object& x) {
      x.attr("expected") = e.expected();
      x.attr("actual") = e.actual();
    });
  } catch (const hamilton::RunStoppedError& e) {
    raise(classes.stopped, e.what(), [&](nb::object& x) {
      x.attr("cancelled") = e.cancelled();
      nb::list not_run, outputs;
      for (const auto& n : e.not_run()) not_run.append(nb::str(n.c_str()));
      for (const auto& o : e.outputs()) outputs.append(nb::str(o.c_str()));
      x.attr("not_run") = not_run;
      x.attr("outputs") = outputs;
    });
  } catch (const hamilton::ResultError& e) {
    raise(classes.result, e.what(), [](nb::object&) {});
  } catch (const hamilton::Error& e) {
    raise(classes.base, e.what(), [](nb::object&) {});
  }
}

}  // namespace

void bind_errors(nb::module_& m) {
  nb::register_exception_translator(&translate);
  m.def(
      "_set_error_classes",
      [](nb::handle base, nb::handle graph, nb::handle input, nb::handle execution,
         nb::handle unknown_node, nb::handle value_type, nb::handle result, nb::handle problem,
         nb::handle stopped) {
        auto keep = [](PyObject*& slot, nb::handle h) {
          Py_XDECREF(slot);
          slot = h.inc_ref().ptr();
        };
        keep(classes.base, base);
        keep(classes.graph, graph);
        keep(classes.input, input);
        keep(classes.execution, execution);
        keep(classes.unknown_node, unknown_node);
        keep(classes.value_type, value_type);
        keep(classes.result, result);
        keep(classes.problem, problem);
        keep(classes.stopped, stopped);
      },
      "Internal: the exception classes C++ errors are raised as (set by hamilton_cpp.errors).");
}

}  // namespace hamilton_py
