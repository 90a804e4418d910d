#include "runtime_fixture.hpp"

namespace sind::test {
namespace {

using namespace std::chrono_literals;

class Events : public RuntimeConformance
{
};

TEST_F(Events, StartAndDieOfLabelledContainer)
{
  EventFilter filter;
  filter.labels = labels();
  filter.types = {"container"};
  auto events = runtime().events(filter);
  const std::string id = create_plain_container("events", {"sh", "-c", "echo out; echo err >&2"});

  runtime().start_container(id);

  std::vector<std::string> actions;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < deadline &&
         std::find(actions.begin(), actions.end(), "die") == actions.end()) {
    auto event = events->next(1s);
    if (event && event->actor_id == id) {
      EXPECT_EQ(event->type, "container");
      EXPECT_EQ(event->attributes["name"], unique_name("events"));
      actions.push_back(event->action);
    }
  }

  const auto start = std::find(actions.begin(), actions.end(), "start");
  const auto die = std::find(actions.begin(), actions.end(), "die");
  EXPECT_NE(start, actions.end());
  EXPECT_NE(die, actions.end());
  EXPECT_LT(start, die);
  runtime().remove_container(id);
}

TEST_F(Events, FilterExcludesOtherLabels)
{
  EventFilter filter;
  filter.labels = {{"sind.test.owner", "no-such-owner"}};
  auto events = runtime().events(filter);
  const std::string id = create_plain_container("unseen", {"true"});

  runtime().start_container(id);

  EXPECT_FALSE(events->next(1500ms).has_value());
  runtime().remove_container(id);
}

TEST_F(Events, ClosingStreamIsPrompt)
{
  auto events = runtime().events({});

  const auto started = std::chrono::steady_clock::now();
  events.reset();

  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

TEST_F(Events, LogsSeparateStreams)
{
  const std::string id = create_plain_container("logs", {"sh", "-c", "echo out; echo err >&2"});
  runtime().start_container(id);

  std::string out;
  std::string err;
  runtime().logs(id, {.follow = true}, [&](OutputStream stream, std::string_view chunk) {
    (stream == OutputStream::stdout_stream ? out : err) += chunk;
    return true;
  });

  EXPECT_EQ(out, "out\n");
  EXPECT_EQ(err, "err\n");
  runtime().remove_container(id);
}

TEST_F(Events, LogsTailAndStopEarly)
{
  const std::string id = create_plain_container("tail", {"sh", "-c", "seq 1 100"});
  runtime().start_container(id);
  runtime().logs(id, {.follow = true}, [](OutputStream, std::string_view) { return true; });

  std::string tail;
  runtime().logs(id, {.tail = 3}, [&](OutputStream, std::string_view chunk) {
    tail += chunk;
    return true;
  });

  EXPECT_EQ(tail, "98\n99\n100\n");
  runtime().remove_container(id);
}

TEST_F(Events, FollowStopsWhenCallbackDeclines)
{
  // the container runs forever; following its output must still end on request
  const std::string id = create_plain_container("follow", {"sh", "-c", "echo first; exec sleep infinity"});
  runtime().start_container(id);
  const auto started = std::chrono::steady_clock::now();

  std::string seen;
  runtime().logs(id, {.follow = true}, [&](OutputStream, std::string_view chunk) {
    seen += chunk;
    return false;
  });

  EXPECT_EQ(seen, "first\n");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  runtime().remove_container(id);
}

} // namespace
} // namespace sind::test
