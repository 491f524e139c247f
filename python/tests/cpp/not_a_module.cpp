// A shared library without any HAMILTON_MODULE: load_library refuses it.
int hamilton_cpp_test_not_a_module() { return 42; }
