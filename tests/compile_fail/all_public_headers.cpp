// Every public header at once (see CMakeLists.txt: they must pull in no third-party header).
#include <hamilton/caching/codec.hpp>
#include <hamilton/caching/stores.hpp>
#include <hamilton/data_quality/base.hpp>
#include <hamilton/data_quality/report.hpp>
#include <hamilton/frame.hpp>
#include <hamilton/graph/lineage.hpp>
#include <hamilton/hamilton.hpp>
#include <hamilton/io/cache_stores.hpp>
#include <hamilton/result/dataframe_result.hpp>
#include <hamilton/result/matrix_result.hpp>
#include <hamilton/tools/catalog.hpp>
#include <hamilton/tools/visualize.hpp>
