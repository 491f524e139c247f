#pragma once
/// \file
/// What a driver script or a feature service needs (library `hamilton::core`): the Builder and
/// the Driver, compiled plans, the sequential executor, lifecycle hooks, result builders
/// (dict, DataFrame, matrix) and data-quality reports. Pictures and the catalog are
/// `hamilton/tools/*.hpp` (`hamilton::tools`); the ParallelExecutor is
/// `hamilton/executor/parallel_executor.hpp` (`hamilton::parallel`).

#include "hamilton/data_quality/errors.hpp"
#include "hamilton/data_quality/report.hpp"
#include "hamilton/driver/builder.hpp"
#include "hamilton/driver/driver.hpp"
#include "hamilton/errors.hpp"
#include "hamilton/executor/executor.hpp"
#include "hamilton/graph/graph.hpp"
#include "hamilton/graph/lineage.hpp"
#include "hamilton/lifecycle/default_hooks.hpp"
#include "hamilton/lifecycle/hooks.hpp"
#include "hamilton/memory.hpp"
#include "hamilton/plan/plan.hpp"
#include "hamilton/result/dataframe_result.hpp"
#include "hamilton/result/matrix_result.hpp"
#include "hamilton/result/outputs.hpp"
#include "hamilton/result/result.hpp"
#include "hamilton/result/result_builder.hpp"
#include "hamilton/value.hpp"
#include "hamilton/value_map.hpp"
#include "hamilton/version.hpp"
