#include "hamilton/function_modifiers/metadata.hpp"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace hamilton::modifiers {
namespace {

class DocModifier final : public ModifierImpl {
 public:
  explicit DocModifier(std::string text) : text_(std::move(text)) {}
  std::string name() const override { return "doc"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext&, std::vector<NodeSpec>& nodes) const override {
    for (auto& n : nodes)
      if (n.doc.empty() || n.name == n.function_name) n.doc = text_;
  }

 private:
  std::string text_;
};

class TagModifier final : public ModifierImpl {
 public:
  explicit TagModifier(std::vector<TagEntry> tags) : tags_(std::move(tags)) {}
  std::string name() const override { return "tag"; }
  ModifierStage stage() const override { return ModifierStage::decorate; }
  void apply(BuildContext& ctx, std::vector<NodeSpec>& nodes) const override {
    for (auto& n : nodes) {
      for (const auto& t : tags_) {
        if (t.key.empty()) {
          ctx.error(n, "tag", "a tag key must not be empty", "bad-tag");
          continue;
        }
        if (t.values.empty()) {
          ctx.error(n, "tag", "tag `" + t.key + "` has an empty list of values", "bad-tag");
          continue;
        }
        n.tags[t.key] = t.values;
      }
    }
  }

 private:
  std::vector<TagEntry> tags_;
};

}  // namespace

Modifier doc(std::string text) { return Modifier(std::make_shared<DocModifier>(std::move(text))); }

Modifier tag(std::initializer_list<TagEntry> tags) {
  return Modifier(std::make_shared<TagModifier>(std::vector<TagEntry>(tags)));
}
Modifier tag(std::string key, std::string value) {
  return tag({TagEntry(std::move(key), std::move(value))});
}
Modifier tag(std::string key, std::vector<std::string> values) {
  return tag({TagEntry(std::move(key), std::move(values))});
}

}  // namespace hamilton::modifiers
