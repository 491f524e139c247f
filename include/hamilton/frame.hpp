#pragma once
/// \file
/// Umbrella header of the frame layer: Series, Index, DataFrame (CSV is
/// `hamilton/io/csv.hpp`, in the `hamilton::io` library).

#include "hamilton/frame/combine.hpp"
#include "hamilton/frame/dataframe.hpp"
#include "hamilton/frame/datetimes.hpp"
#include "hamilton/frame/dtype.hpp"
#include "hamilton/frame/groupby.hpp"
#include "hamilton/frame/index.hpp"
#include "hamilton/frame/series.hpp"
#include "hamilton/frame/strings.hpp"
