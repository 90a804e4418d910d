#include "cluster_report.hpp"
#include "commands/commands.hpp"
#include "commands/get_commands.hpp"
#include "context.hpp"
#include "terminal_progress.hpp"

#include <sind/names.hpp>

#include <csignal>
#include <ostream>

#include <unistd.h>

namespace sind::cli {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Events within this long after the first one of a burst share one redraw.
constexpr auto debounce_interval = 200ms;

// Clear the terminal and move the cursor home.
constexpr const char* clear_screen = "\x1b[H\x1b[2J";

// Set by SIGINT and SIGTERM. A signal handler can only reach global state.
volatile std::sig_atomic_t interrupted = 0;

extern "C" void on_interrupt(int)
{
  interrupted = 1;
}

// Routes SIGINT and SIGTERM to `interrupted` while it lives, so that the
// watch loop ends cleanly, and restores the previous handlers afterwards.
class InterruptGuard
{
public:
  InterruptGuard()
  {
    interrupted = 0;
    struct sigaction action = {};
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &m_previous_int);
    sigaction(SIGTERM, &action, &m_previous_term);
  }
  ~InterruptGuard()
  {
    sigaction(SIGINT, &m_previous_int, nullptr);
    sigaction(SIGTERM, &m_previous_term, nullptr);
  }

  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
  struct sigaction m_previous_int = {};
  struct sigaction m_previous_term = {};
};

struct StatusFlags
{
  std::string cluster = std::string(names::default_cluster);
  std::string output = "human";
  bool watch = false;
};

// Wait for the first event of a burst and for those that follow it within
// debounce_interval. Return false when interrupted first.
bool wait_for_change(EventStream& events)
{
  while (!interrupted) {
    if (events.next(debounce_interval)) {
      break;
    }
  }

  const auto burst_end = Clock::now() + debounce_interval;
  for (auto now = Clock::now(); now < burst_end && !interrupted; now = Clock::now()) {
    events.next(std::chrono::duration_cast<std::chrono::milliseconds>(burst_end - now));
  }
  return !interrupted;
}

// Print the status again on every change of a container, network or volume
// of the realm, until SIGINT or SIGTERM. JSON goes out as one object per line.
int watch_cluster(Context& context, const StatusFlags& flags)
{
  names::validate_dns_label("cluster", flags.cluster);
  auto& runtime = context.runtime();

  // exec events are left out: the health checks of every redraw cause them
  EventFilter filter;
  filter.labels = {{std::string(names::realm_label), context.realm()}};
  filter.types = {"container", "network", "volume"};
  filter.actions = {"create", "start", "die", "pause", "unpause", "destroy", "connect", "disconnect"};
  auto events = runtime.events(filter);

  InterruptGuard guard;
  const bool redraw = flags.output != "json" && is_terminal(STDOUT_FILENO);
  bool first = true;
  do {
    const auto report = inspect_cluster(runtime, context.realm(), flags.cluster, context.logger());
    if (redraw) {
      context.out() << clear_screen;
    } else if (!first && flags.output != "json") {
      context.out() << '\n';
    }
    print_cluster_report(report, flags.output, true, context.out());
    context.out().flush();
    first = false;
  } while (wait_for_change(*events));
  return 0;
}

} // namespace

void add_status_command(CLI::App& app, const CommandRunner& run)
{
  auto flags = std::make_shared<StatusFlags>();
  auto* status = app.add_subcommand(
      "status",
      "Show a cluster: its containers, networks, mesh services, mounts and the health of every node");
  status->add_option("name", flags->cluster, "Cluster name")->capture_default_str();
  add_output_option(*status, flags->output);
  status->add_flag("-w,--watch", flags->watch,
                   "Print the status again whenever a container, network or volume of the realm changes, "
                   "until interrupted; with -o json, one JSON object per line");
  status->callback([flags, run] {
    run([flags](Context& context) {
      return flags->watch ? watch_cluster(context, *flags) : show_cluster(context, flags->cluster, flags->output);
    });
  });
}

} // namespace sind::cli
