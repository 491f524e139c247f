// DataFrame::set_index / reset_index: a column becomes the (named) index and
// back.
#include "hamilton/frame/dataframe.hpp"
#include "ops_internal.hpp"

namespace hamilton {

DataFrame DataFrame::set_index(const std::string &column, bool drop) const {
  const Series &key = detail::column_for(*this, column, "DataFrame::set_index");
  Index ix = detail::series_as_index(key, column, "DataFrame::set_index");
  std::vector<Series> cols;
  for (const auto &c : columns_)
    if (!drop || c.name() != column) cols.push_back(c.with_index(ix));
  DataFrame out = detail::frame_of(std::move(cols), ix);
  out.index_ = ix;
  return out;
}

DataFrame DataFrame::reset_index(bool drop) const {
  Index ix = Index::range(num_rows());
  std::vector<Series> cols;
  if (!drop) {
    std::string name = index_.name().empty() ? "index" : index_.name();
    if (contains(name))
      throw Error("DataFrame::reset_index: cannot insert the index as column '" + name +
                  "': the frame already has a column of that name (rename it, or pass drop = "
                  "true to discard the index)");
    cols.push_back(detail::index_as_series(index_, name, ix));
  }
  for (const auto &c : columns_) cols.push_back(c.with_index(ix));
  DataFrame out = detail::frame_of(std::move(cols), ix);
  out.index_ = ix;
  return out;
}

}  // namespace hamilton
