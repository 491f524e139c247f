// Opens the HTML catalog (written by the real hamilton-cpp binary) in headless Chromium, driven
// through the DevTools protocol over --remote-debugging-pipe: types a search, checks which
// nodes stay visible, clicks a lineage link and checks the browser followed it.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cli_util.hpp"

using nlohmann::json;

namespace {

std::optional<std::string> find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    for (const char* dir : {"/usr/bin/", "/usr/local/bin/", "/snap/bin/"}) {
      std::string p = std::string(dir) + name;
      if (::access(p.c_str(), X_OK) == 0) return p;
    }
  }
  return std::nullopt;
}

// A headless Chromium driven by the DevTools protocol over fds 3 (commands) and 4 (replies).
class Browser {
 public:
  Browser(const std::string& exe, const std::string& profile, const std::string& url) {
    int to_child[2], from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(to_child[0], 3);
      ::dup2(from_child[1], 4);
      for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]})
        if (fd > 4) ::close(fd);
      int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      std::string profile_arg = "--user-data-dir=" + profile;
      std::vector<const char*> args{exe.c_str(),
                                    "--headless",
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync",
                                    "--no-first-run",
                                    "--window-size=1200,900",
                                    "--remote-debugging-pipe",
                                    profile_arg.c_str(),
                                    url.c_str(),
                                    nullptr};
      ::execv(exe.c_str(), const_cast<char* const*>(args.data()));
      ::_exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    out_ = to_child[1];
    in_ = from_child[0];
  }

  ~Browser() {
    try {
      send("Browser.close", json::object());
    } catch (...) {
    }
    ::close(out_);
    ::close(in_);
    for (int i = 0; i < 50; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }

  // Sends a command and waits for its reply; throws on a protocol error or a timeout.
  json send(const std::string& method, const json& params, const std::string& session = {}) {
    int id = next_id_++;
    json msg{{"id", id}, {"method", method}, {"params", params}};
    if (!session.empty()) msg["sessionId"] = session;
    std::string text = msg.dump();
    text.push_back('\0');
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
      ssize_t n = ::write(out_, p, left);
      if (n <= 0) throw std::runtime_error("cannot write to chromium");
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    for (;;) {
      json reply = read_message(deadline);
      if (reply.contains("id") && reply["id"] == id) {
        if (reply.contains("error")) throw std::runtime_error(method + ": " + reply["error"].dump());
        return reply["result"];
      }
    }
  }

  // Evaluates a JS expression in the page; returns its value.
  json eval(const std::string& session, const std::string& expression) {
    json r = send("Runtime.evaluate",
                  {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}}, session);
    if (r.contains("exceptionDetails")) throw std::runtime_error("JS: " + r["exceptionDetails"].dump());
    return r["result"].contains("value") ? r["result"]["value"] : json();
  }

  // Evaluates until the expression is true (or the timeout passes).
  bool wait_for(const std::string& session, const std::string& expression, int ms = 10000) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
      if (eval(session, expression) == json(true)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

 private:
  json read_message(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      auto nul = buffer_.find('\0');
      if (nul != std::string::npos) {
        std::string one = buffer_.substr(0, nul);
        buffer_.erase(0, nul + 1);
        return json::parse(one);
      }
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw std::runtime_error("timed out waiting for chromium");
      pollfd pfd{in_, POLLIN, 0};
      if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[65536];
      ssize_t n = ::read(in_, chunk, sizeof chunk);
      if (n <= 0) throw std::runtime_error("chromium closed the pipe");
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  pid_t pid_ = -1;
  int out_ = -1, in_ = -1;
  int next_id_ = 1;
  std::string buffer_;
};

const char* kVisible =
    "JSON.stringify(Array.from(document.querySelectorAll('.node:not(.hidden)')).map(e => e.dataset.name))";

}  // namespace

TEST(CatalogInBrowser, SearchesAndFollowsALineageLink) {
  auto chromium = find_chromium();
  if (!chromium) GTEST_SKIP() << "chromium is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  auto html = dir.path / "catalog.html";
  auto r = run_cli(std::string("catalog --module ") + CLI_HELLO_LIB + " -o " + html.string());
  ASSERT_EQ(r.code, 0) << r.err;

  Browser browser(*chromium, (dir.path / "profile").string(), "file://" + html.string() + "?q=zero_mean");
  json targets = browser.send("Target.getTargets", json::object());
  std::string target_id;
  for (const auto& t : targets["targetInfos"])
    if (t["type"] == "page") target_id = t["targetId"];
  ASSERT_FALSE(target_id.empty()) << targets.dump();
  std::string session =
      browser.send("Target.attachToTarget", {{"targetId", target_id}, {"flatten", true}})["sessionId"];
  ASSERT_TRUE(browser.wait_for(session, "document.readyState === 'complete' && !!document.getElementById('search')"));

  // the initial search comes from ?q=
  EXPECT_EQ(json::parse(browser.eval(session, kVisible).get<std::string>()),
            json({"spend_zero_mean", "spend_zero_mean_unit_variance"}));
  EXPECT_EQ(browser.eval(session, "document.getElementById('count').textContent"), "2 of 13 nodes");

  // type a search by documentation text, then by tag
  browser.eval(session, "(() => { const i = document.getElementById('search'); i.value = ''; i.focus(); return true; })()");
  browser.send("Input.insertText", {{"text", "rolling 3 week"}}, session);
  ASSERT_TRUE(browser.wait_for(session, std::string(kVisible) + " === '[\"avg_3wk_spend\"]'"))
      << browser.eval(session, kVisible);
  browser.eval(session, "(() => { const i = document.getElementById('search'); i.select(); return true; })()");
  browser.send("Input.insertText", {{"text", "pii=true"}}, session);
  ASSERT_TRUE(browser.wait_for(session, std::string(kVisible) + " === '[\"spend_per_signup\"]'"))
      << browser.eval(session, kVisible);

  // click the upstream link from spend_per_signup to the input signups (hidden by the search)
  json rect = browser.eval(session,
                           "(() => { const a = document.querySelector('#node-spend_per_signup a.up[href=\"#node-signups\"]');"
                           " a.scrollIntoView(); const r = a.getBoundingClientRect();"
                           " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
  ASSERT_TRUE(rect.is_object()) << rect.dump();
  for (const char* type : {"mousePressed", "mouseReleased"})
    browser.send("Input.dispatchMouseEvent",
                 {{"type", type}, {"x", rect["x"]}, {"y", rect["y"]}, {"button", "left"}, {"clickCount", 1}},
                 session);
  ASSERT_TRUE(browser.wait_for(session, "location.hash === '#node-signups'"))
      << browser.eval(session, "location.hash");
  EXPECT_TRUE(browser.wait_for(
      session,
      "(() => { const e = document.getElementById('node-signups');"
      " return !e.classList.contains('hidden') && e.classList.contains('target'); })()"));
  EXPECT_EQ(browser.eval(session, "document.getElementById('search').value"), "");  // search cleared
  // and downstream from there back to spend_per_signup
  EXPECT_EQ(browser.eval(session,
                         "Array.from(document.querySelectorAll('#node-signups a.down')).map(a => a.getAttribute('href')).join(',')"),
            "#node-spend_per_signup");
}
