#include "docker_runtime.hpp"

#include <condition_variable>
#include <deque>
#include <thread>

#include <sind/engine/json_sequence.hpp>
#include <sind/engine/multiplexed_stream.hpp>
#include <sind/error.hpp>

#include "container_json.hpp"

namespace sind::docker {

using engine::format_path;
using namespace std::chrono_literals;

namespace {

// Events read by a thread of their own from a dedicated connection, queued
// until next() takes them.
class DockerEventStream final : public EventStream
{
public:
  DockerEventStream(std::unique_ptr<engine::ResponseStream> stream, std::string endpoint)
    : m_stream(std::move(stream)),
      m_endpoint(std::move(endpoint)),
      m_reader([this] { read_events(); })
  {
  }

  ~DockerEventStream() override
  {
    m_stream->close(); // unblocks the reader, which then ends
    m_reader.join();
  }

  std::optional<Event> next(std::chrono::milliseconds timeout) override
  {
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, timeout, [this] { return !m_events.empty() || m_ended; });

    if (!m_events.empty()) {
      auto event = std::move(m_events.front());
      m_events.pop_front();
      return event;
    }
    if (m_ended) {
      throw EngineUnreachable("the Docker engine at " + m_endpoint + " closed the event stream" +
                              (m_failure.empty() ? std::string() : ": " + m_failure));
    }
    return std::nullopt;
  }

private:
  void read_events()
  {
    std::string failure;
    try {
      engine::JsonSequenceSplitter splitter;
      char buffer[16384];
      while (const auto count = m_stream->read_some(buffer, sizeof buffer)) {
        splitter.feed(std::string_view(buffer, count));
        while (auto text = splitter.next()) {
          push(parse_event(nlohmann::json::parse(*text)));
        }
      }
    } catch (const std::exception& error) {
      failure = error.what();
    }

    std::lock_guard lock(m_mutex);
    m_ended = true;
    m_failure = failure;
    m_changed.notify_all();
  }

  void push(Event event)
  {
    std::lock_guard lock(m_mutex);
    m_events.push_back(std::move(event));
    m_changed.notify_all();
  }

  std::unique_ptr<engine::ResponseStream> m_stream;
  std::string m_endpoint;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Event> m_events;
  bool m_ended = false;
  std::string m_failure;
  std::thread m_reader; // last, so it starts after everything it uses exists
};

} // namespace

void DockerRuntime::logs(const std::string& container, const LogOptions& options, const OutputCallback& on_output)
{
  const auto context = "reading the logs of container " + container;
  m_logger.debug(context);

  // a container with a TTY writes one unframed stream
  const auto inspected =
    call({.path = format_path("/containers/{}/json", {container}), .context = context}).json();
  const auto config = inspected.find("Config");
  const bool tty = config != inspected.end() && config->value("Tty", false);

  engine::Query query = {{"stdout", "true"},
                         {"stderr", "true"},
                         {"follow", options.follow ? "true" : "false"},
                         {"timestamps", options.timestamps ? "true" : "false"}};
  if (options.tail) {
    query.emplace_back("tail", std::to_string(*options.tail));
  }
  auto stream = api().open_stream({.path = format_path("/containers/{}/logs", {container}),
                                   .query = query,
                                   .context = context,
                                   .timeout = options.follow ? 0ms : m_client.options().read_timeout});

  engine::StreamDemultiplexer demultiplexer(on_output);
  char buffer[16384];
  while (const auto count = stream->read_some(buffer, sizeof buffer)) {
    const std::string_view chunk(buffer, count);
    const bool wants_more = tty ? on_output(OutputStream::stdout_stream, chunk) : demultiplexer.feed(chunk);
    if (!wants_more) {
      break; // destroying the stream drops the connection
    }
  }
}

std::unique_ptr<EventStream> DockerRuntime::events(const EventFilter& filter)
{
  const auto context = "subscribing to Docker events";
  m_logger.debug(context);

  auto stream = api().open_stream({.path = "/events",
                                   .query = {{"filters", make_filters(filter.labels, filter.types, filter.actions)}},
                                   .context = context,
                                   .timeout = 0ms});
  return std::make_unique<DockerEventStream>(std::move(stream), m_client.options().endpoint.uri());
}

} // namespace sind::docker
