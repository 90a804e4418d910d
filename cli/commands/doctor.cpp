#include "commands/commands.hpp"
#include "context.hpp"
#include "table.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>

#include <nlohmann/json.hpp>

#include <optional>

namespace sind::cli {
namespace {

struct Check
{
  std::string name;
  std::string status; // ok, missing, failed or skipped
  std::string detail;
  std::string fix;    // the command or step that fixes a check that is not ok

  bool ok() const { return status == "ok"; }
};

struct Report
{
  std::vector<Check> checks;
  std::optional<EngineInfo> engine;
  std::optional<ImageInfo> image;

  bool ready() const
  {
    return std::all_of(checks.begin(), checks.end(), [](const Check& check) { return check.ok(); });
  }
};

Check check_plugins(Context& context)
{
  const auto files = context.plugins().find(PluginKind::runtime);
  if (files.empty()) {
    return {"plugins", "missing", "no runtime backend found",
            "build sind (cmake --build build) or set SIND_PLUGIN_PATH to the plugin folder"};
  }

  std::string detail;
  for (const auto& file : files) {
    detail += (detail.empty() ? "" : ", ") + file.name + " (" + file.path.parent_path().string() + ")";
  }
  return {"plugins", "ok", detail, ""};
}

Check check_engine(Context& context, Report& report)
{
  try {
    report.engine = context.runtime().info();
  } catch (const Error& error) {
    return {"engine", "failed", error.what(),
            "start a container engine: systemctl start docker, or run dockerd"};
  }

  const auto& engine = *report.engine;
  return {"engine", "ok",
          engine.backend + " " + engine.version + ", API " + engine.api_version + ", " +
            engine.endpoint,
          ""};
}

Check check_cgroups(const Report& report)
{
  if (!report.engine) {
    return {"cgroups", "skipped", "needs a running engine", ""};
  }

  const auto& engine = *report.engine;
  return {"cgroups", "ok",
          "v" + std::to_string(engine.cgroup_version) + ", " + engine.cgroup_driver + " driver, " +
            (engine.rootless ? "rootless" : "rootful"),
          ""};
}

Check check_node_image(Context& context, Report& report)
{
  const std::string image(names::default_node_image);
  if (!report.engine) {
    return {"node image", "skipped", "needs a running engine", ""};
  }

  report.image = context.runtime().inspect_image(image);
  if (!report.image) {
    return {"node image", "missing", image + " is not in the engine",
            "build it from sind's source tree: packaging/images/build-node-image"};
  }

  const auto& labels = report.image->labels;
  auto label = [&](const std::string& key) {
    auto found = labels.find(key);
    return found == labels.end() ? std::string("unknown") : found->second;
  };
  return {"node image", "ok",
          image + ": Slurm " + label("sind.slurm.version") + " on Debian " + label("sind.image.suite"),
          ""};
}

nlohmann::json to_json(const Report& report)
{
  nlohmann::json checks = nlohmann::json::array();
  for (const auto& check : report.checks) {
    checks.push_back(
      {{"name", check.name}, {"status", check.status}, {"detail", check.detail}, {"fix", check.fix}});
  }

  nlohmann::json engine = nullptr;
  if (report.engine) {
    const auto& info = *report.engine;
    engine = {{"backend", info.backend},         {"endpoint", info.endpoint},
              {"version", info.version},         {"api_version", info.api_version},
              {"cgroup_version", info.cgroup_version}, {"cgroup_driver", info.cgroup_driver},
              {"rootless", info.rootless},       {"os", info.os},
              {"kernel_version", info.kernel_version}};
  }

  // "present" stays null when no engine could be asked
  nlohmann::json image = {{"name", names::default_node_image}, {"present", nullptr}};
  if (report.engine) {
    image["present"] = report.image.has_value();
  }
  if (report.image) {
    image["id"] = report.image->id;
    image["labels"] = report.image->labels;
  }

  return {{"ready", report.ready()}, {"checks", checks}, {"engine", engine}, {"node_image", image}};
}

void print_human(std::ostream& out, const Report& report)
{
  Table table({"CHECK", "STATUS", "DETAIL"});
  for (const auto& check : report.checks) {
    table.add_row({check.name, check.status, check.detail});
  }
  table.print(out);

  out << '\n';
  if (report.ready()) {
    out << "sind is ready to create clusters.\n";
    return;
  }
  out << "To fix:\n";
  for (const auto& check : report.checks) {
    if (!check.fix.empty()) {
      out << "  " << check.name << ": " << check.fix << '\n';
    }
  }
}

} // namespace

void add_doctor_command(CLI::App& app, const CommandRunner& run)
{
  auto* command =
    app.add_subcommand("doctor", "Check that the container engine and the node image are ready");
  auto output = std::make_shared<std::string>("human");
  command->add_option("-o,--output", *output, "Output format")
    ->check(CLI::IsMember({"human", "json"}));

  command->callback([output, run] {
    run([output](Context& context) {
      Report report;
      report.checks.push_back(check_plugins(context));
      report.checks.push_back(check_engine(context, report));
      report.checks.push_back(check_cgroups(report));
      report.checks.push_back(check_node_image(context, report));

      if (*output == "json") {
        context.out() << to_json(report).dump(2) << '\n';
      } else {
        print_human(context.out(), report);
      }
      return report.ready() ? 0 : 1;
    });
  });
}

} // namespace sind::cli
