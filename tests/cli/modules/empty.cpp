// A shared library without any HAMILTON_MODULE or NODE: loading it as a module library fails.
extern "C" int cli_empty_answer() { return 42; }
