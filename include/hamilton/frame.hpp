#pragma once
/// \file
/// Umbrella header of the frame layer: Series, Index, DataFrame, CSV
/// input/output.

#include "hamilton/frame/csv.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/dtype.hpp"
#include "hamilton/frame/index.hpp"
#include "hamilton/frame/series.hpp"
