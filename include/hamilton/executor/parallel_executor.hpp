#pragma once
/// \file
/// `hamilton::ParallelExecutor` (library `hamilton::parallel`, on oneTBB): runs independent
/// nodes, and the items of Parallelizable blocks, at once.
///
/// <!-- compile: in-main -->
/// ```cpp
/// #include <hamilton/driver.hpp>
/// #include <hamilton/executor/parallel_executor.hpp>
/// auto dr = hamilton::Builder().with_modules("my_functions")
///               .with_executor(std::make_shared<hamilton::ParallelExecutor>()).build();
/// ```

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "hamilton/executor/executor.hpp"
#include "hamilton/export.hpp"

namespace hamilton {

/// Runs independent nodes at once on a oneTBB thread pool. Results are identical to the
/// sequential executor's; the first node error stops what has not started and is reported
/// like a sequential error. `threads` = 0 uses every core.
class HAMILTON_EXPORT ParallelExecutor final : public Executor {
 public:
  explicit ParallelExecutor(int threads = 0);
  ~ParallelExecutor() override;
  std::string name() const override;
  int threads() const noexcept { return threads_; }

 private:
  void run(const detail::PlanImpl& plan, Value* slots,
           const detail::RunContext& context) const override;
  void for_each(std::size_t count, const std::function<void(std::size_t)>& f) const override;

  struct Pool;
  int threads_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace hamilton
