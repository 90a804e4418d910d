#pragma once

// The Docker backend's Runtime, private to the plugin. The rest of sind uses it
// only as a sind::Runtime created by make_docker_runtime.

#include <memory>
#include <mutex>
#include <string>

#include <sind/engine/http_client.hpp>
#include <sind/plugin.hpp>
#include <sind/runtime.hpp>

namespace sind::docker {

// API versions sind speaks: 1.41 is Docker 20.10; newer servers are used at
// 1.47 (Docker 27.x), the newest version this backend was written against.
inline constexpr const char* min_api_version = "1.41";
inline constexpr const char* max_api_version = "1.47";

class DockerRuntime final : public Runtime
{
public:
  DockerRuntime(const engine::Endpoint& endpoint, Logger& logger);

  void ping() override;
  EngineInfo info() override;

  std::string create_container(const ContainerSpec& spec) override;
  void start_container(const std::string& container) override;
  void stop_container(const std::string& container, std::chrono::seconds timeout) override;
  void kill_container(const std::string& container, const std::string& signal) override;
  void pause_container(const std::string& container) override;
  void unpause_container(const std::string& container) override;
  void remove_container(const std::string& container) override;
  std::optional<ContainerInfo> inspect_container(const std::string& container) override;
  std::vector<ContainerInfo> list_containers(const Labels& labels) override;

  std::string create_network(const NetworkSpec& spec) override;
  void remove_network(const std::string& network) override;
  void connect_network(const std::string& network, const NetworkAttachment& attachment,
                       const std::string& container) override;
  void disconnect_network(const std::string& network, const std::string& container, bool force) override;
  std::optional<NetworkInfo> inspect_network(const std::string& network) override;
  std::vector<NetworkInfo> list_networks(const Labels& labels) override;

  void create_volume(const VolumeSpec& spec) override;
  void remove_volume(const std::string& volume) override;
  std::vector<VolumeInfo> list_volumes(const Labels& labels) override;

  void upload_files(const std::string& container, const std::string& destination,
                    const std::vector<FileEntry>& files) override;

  ExecResult exec(const std::string& container, const ExecRequest& request) override;
  int exec_interactive(const std::string& container, const InteractiveExecRequest& request) override;

  void logs(const std::string& container, const LogOptions& options, const OutputCallback& on_output) override;
  std::unique_ptr<EventStream> events(const EventFilter& filter) override;

  bool image_exists(const std::string& reference) override;
  std::optional<ImageInfo> inspect_image(const std::string& reference) override;
  void pull_image(const std::string& reference, const ProgressCallback& on_progress) override;

private:
  // Return the HTTP client, once the API version has been agreed on.
  engine::HttpClient& api();

  engine::Response call(const engine::Request& request);

  // Like call, but return nothing when the engine responds with 404.
  std::optional<engine::Response> call_unless_missing(const engine::Request& request);

  // Whether the API version in use is at least major.minor.
  bool api_version_at_least(int major, int minor);

  // Send GET /_ping and, on the first call, pick the API version from its headers.
  void ping_and_negotiate();

  // Create an exec instance from the body of POST /containers/{id}/exec and return its id.
  std::string create_exec(const std::string& container, const nlohmann::json& body, const std::string& context);
  int exec_exit_code(const std::string& exec_id, const std::string& context);
  void resize_exec(const std::string& exec_id, TerminalSize size);

  // Whether `container` is attached to `network`, for idempotent connect and disconnect.
  bool is_attached(const std::string& network, const std::string& container);

  engine::HttpClient m_client;
  Logger& m_logger;
  std::mutex m_negotiation_mutex;
  bool m_negotiated = false;
};

// Name a command in messages by its program alone; its arguments may contain secrets.
std::string describe_command(const std::vector<std::string>& argv);

// Create the Docker runtime for `options`: the endpoint is options.endpoint,
// else DOCKER_HOST, else unix:///var/run/docker.sock. Nothing is sent to the
// engine until the first call.
std::unique_ptr<Runtime> make_docker_runtime(const RuntimeOptions& options);

} // namespace sind::docker
