#pragma once

// The Runtime interface: everything sind needs from a container engine, and
// nothing more. Backends (Docker, Podman) implement it as shared libraries;
// naming, labels, the creation plan and readiness live in core, so a backend
// only translates these calls into engine requests.
//
// Every method throws sind::EngineUnreachable when the engine cannot be
// reached and sind::EngineError (with the engine's HTTP status and message)
// when the engine rejects a request. Containers, networks and volumes are
// addressed by name or id.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sind/export.hpp>

namespace sind {

using Labels = std::map<std::string, std::string>;

// Return the value of the label `key`, or "" when `labels` lacks it.
std::string label_value(const Labels& labels, std::string_view key);

// Facts about the engine and its host, so that callers decide by capability
// rather than by backend name.
struct EngineInfo
{
  std::string backend;        // "docker" or "podman"
  std::string endpoint;       // e.g. "unix:///var/run/docker.sock"
  std::string version;        // engine version, e.g. "20.10.24"
  std::string api_version;    // API version in use, e.g. "1.41"
  int cgroup_version = 0;     // 1 or 2
  std::string cgroup_driver;  // "cgroupfs" or "systemd"
  bool rootless = false;
  std::string os;             // host operating system, e.g. "Debian GNU/Linux 12 (bookworm)"
  std::string kernel_version;
  std::string architecture;   // e.g. "x86_64"
  // The engine's default process limits exceed what the host allows, so
  // system containers must set explicit ulimits (Podman on restricted hosts).
  bool needs_explicit_ulimits = false;
};

// ---- containers -------------------------------------------------------------

struct Mount
{
  enum class Type { volume, bind, tmpfs };

  Type type = Type::volume;
  std::string source; // volume name or host path; empty for tmpfs
  std::string target; // path inside the container
  bool read_only = false;
  std::string tmpfs_options; // e.g. "size=512m,mode=1777"; tmpfs only
};

struct NetworkAttachment
{
  std::string network;
  std::vector<std::string> aliases;
  std::string ipv4_address; // empty: the engine assigns one
};

struct DeviceMapping
{
  std::string host_path;
  std::string container_path; // empty: same as host_path
  std::string permissions = "rwm";
};

struct Ulimit
{
  std::string name; // e.g. "nofile", "nproc"
  std::int64_t soft = 0;
  std::int64_t hard = 0;
};

enum class CgroupNamespace {
  engine_default,
  host,    // the host's cgroup namespace (needed for systemd on cgroup v1)
  private_ // a namespace of the container's own
};

// Everything needed to create a container, including system containers that
// run systemd as PID 1.
struct ContainerSpec
{
  std::string name;
  std::string image;
  std::string hostname;
  std::string domainname;
  Labels labels;
  std::vector<std::string> command; // empty: the image's default command
  std::vector<std::string> env;     // "KEY=value"
  std::string stop_signal;          // e.g. "SIGRTMIN+3"; empty: the image's

  // Attached before the container starts; the first one is the primary network.
  std::vector<NetworkAttachment> networks;
  std::vector<std::string> dns_servers;
  std::vector<std::string> dns_search;

  std::vector<Mount> mounts;
  CgroupNamespace cgroupns = CgroupNamespace::engine_default;
  bool privileged = false;
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::vector<DeviceMapping> devices;
  std::vector<std::string> security_opt; // e.g. "seccomp=unconfined"
  std::vector<Ulimit> ulimits;
  double cpus = 0;               // 0: no limit
  std::int64_t memory_bytes = 0; // 0: no limit
};

enum class ContainerState { created, running, paused, restarting, exited, removing, dead, unknown };

std::string to_string(ContainerState state);

struct EndpointSettings
{
  std::string network;
  std::string ipv4_address; // without prefix length
  std::string gateway;
  std::string mac_address;
  std::vector<std::string> aliases;
};

struct ContainerInfo
{
  std::string id;
  std::string name; // without the leading "/"
  std::string image;
  std::string hostname;
  ContainerState state = ContainerState::unknown;
  int exit_code = 0;
  Labels labels;
  std::vector<EndpointSettings> networks;
  std::vector<Mount> mounts;
  std::string created; // RFC 3339
  std::string started; // RFC 3339; empty when never started
};

// ---- networks and volumes -----------------------------------------------------

struct NetworkSpec
{
  std::string name;
  Labels labels;
  std::string driver = "bridge";
  std::string subnet;  // CIDR; empty: the engine picks a free one
  std::string gateway; // empty: the engine's default for the subnet
  bool internal = false;
};

struct NetworkEndpoint
{
  std::string container_id;
  std::string container_name;
  std::string ipv4_address; // without prefix length
};

struct NetworkInfo
{
  std::string id;
  std::string name;
  std::string driver;
  std::string subnet;
  std::string gateway;
  Labels labels;
  std::vector<NetworkEndpoint> endpoints; // filled by inspect_network only
};

struct VolumeSpec
{
  std::string name;
  Labels labels;
};

struct VolumeInfo
{
  std::string name;
  std::string driver;
  std::string mountpoint;
  Labels labels;
};

// ---- files, exec, logs, events ------------------------------------------------

// One regular file of an archive upload. Parent folders are created as needed.
struct FileEntry
{
  std::string path; // relative to the upload's destination folder
  std::string content;
  unsigned mode = 0644;
  unsigned uid = 0;
  unsigned gid = 0;
};

struct ExecRequest
{
  std::vector<std::string> argv;
  std::optional<std::string> stdin_data; // closed after writing; none: no stdin
  std::vector<std::string> env;
  std::string user;
  std::string working_dir;
};

struct ExecResult
{
  int exit_code = -1;
  std::string stdout_data;
  std::string stderr_data;
};

struct TerminalSize
{
  unsigned short rows = 0;
  unsigned short columns = 0;
};

// An exec whose standard streams are connected to the caller's terminal.
struct InteractiveExecRequest
{
  std::vector<std::string> argv;
  std::vector<std::string> env;
  std::string user;
  std::string working_dir;
  bool tty = true; // allocate a pseudo terminal and put the local one in raw mode
};

enum class OutputStream { stdout_stream, stderr_stream };

struct LogOptions
{
  bool follow = false;
  bool timestamps = false;
  std::optional<unsigned> tail; // last N lines only
};

// A chunk of output; return false to stop reading.
using OutputCallback = std::function<bool(OutputStream stream, std::string_view chunk)>;

struct Event
{
  std::string type;   // "container", "network", "volume", "image"
  std::string action; // "create", "start", "die", "stop", "destroy", "connect", ...
  std::string actor_id;
  Labels attributes;  // the actor's labels plus engine attributes such as "name"
  std::int64_t time_nanoseconds = 0;
};

struct EventFilter
{
  Labels labels;                      // key=value, or key alone with an empty value
  std::vector<std::string> types;     // empty: every type
  std::vector<std::string> actions;   // empty: every action
};

// A live subscription to the engine's events. Destroying it closes the stream.
class SIND_API EventStream
{
public:
  virtual ~EventStream() = default;

  // Wait up to `timeout` for the next event. Return nothing on timeout; throw
  // sind::EngineUnreachable when the engine closed the stream.
  virtual std::optional<Event> next(std::chrono::milliseconds timeout) = 0;
};

// ---- images -------------------------------------------------------------------

struct ImageInfo
{
  std::string id;
  std::vector<std::string> tags;
  Labels labels;
  std::string created;
  std::int64_t size_bytes = 0;
};

// A line of progress while pulling an image.
using ProgressCallback = std::function<void(std::string_view status)>;

// ---- the interface ------------------------------------------------------------

class SIND_API Runtime
{
public:
  virtual ~Runtime() = default;

  // Check that the engine responds, within about a second. Throws
  // sind::EngineUnreachable naming the endpoint and the cause when it does not.
  virtual void ping() = 0;

  virtual EngineInfo info() = 0;

  // Containers.

  // Create a container and attach it to every network of the spec, without
  // starting it. Return its id. A name that exists already is an EngineError
  // with status 409.
  virtual std::string create_container(const ContainerSpec& spec) = 0;
  virtual void start_container(const std::string& container) = 0;
  // Stop with the container's stop signal, then kill after `timeout`.
  virtual void stop_container(const std::string& container, std::chrono::seconds timeout) = 0;
  virtual void kill_container(const std::string& container, const std::string& signal = "SIGKILL") = 0;
  virtual void pause_container(const std::string& container) = 0;
  virtual void unpause_container(const std::string& container) = 0;
  // Remove a container, running or not, with its anonymous volumes. A container
  // that does not exist is not an error.
  virtual void remove_container(const std::string& container) = 0;
  // Return nothing when the container does not exist.
  virtual std::optional<ContainerInfo> inspect_container(const std::string& container) = 0;
  // List containers, running or not, that carry every label of `labels` (a label
  // with an empty value matches any value).
  virtual std::vector<ContainerInfo> list_containers(const Labels& labels) = 0;

  // Networks.

  // Create a network and return its id. A name that exists is a 409 EngineError.
  virtual std::string create_network(const NetworkSpec& spec) = 0;
  // Remove a network. One that does not exist is not an error; one with
  // endpoints still attached is an EngineError.
  virtual void remove_network(const std::string& network) = 0;
  // Attach a container. Attaching one that is attached already is not an error.
  virtual void connect_network(const std::string& network, const NetworkAttachment& attachment,
                               const std::string& container) = 0;
  // Detach a container. Detaching one that is not attached is not an error.
  virtual void disconnect_network(const std::string& network, const std::string& container,
                                  bool force = false) = 0;
  // Return the network with its endpoints, or nothing when it does not exist.
  virtual std::optional<NetworkInfo> inspect_network(const std::string& network) = 0;
  virtual std::vector<NetworkInfo> list_networks(const Labels& labels) = 0;

  // Volumes.

  // Create a volume. Creating one that exists returns it unchanged.
  virtual void create_volume(const VolumeSpec& spec) = 0;
  // Remove a volume. One that does not exist is not an error; one in use is.
  virtual void remove_volume(const std::string& volume) = 0;
  virtual std::vector<VolumeInfo> list_volumes(const Labels& labels) = 0;

  // Files.

  // Write `files` below `destination`, a folder that exists in the container.
  // Works on created, running and stopped containers. Files written below a
  // tmpfs mount are not visible in the running container, because the engine
  // writes to the container's own file system underneath the mount.
  virtual void upload_files(const std::string& container, const std::string& destination,
                            const std::vector<FileEntry>& files) = 0;

  // Exec.

  // Run a command in a running container and wait for it to end.
  virtual ExecResult exec(const std::string& container, const ExecRequest& request) = 0;
  // Run a command with the caller's standard streams attached (and its terminal
  // in raw mode with the window size forwarded when request.tty is set). Return
  // the command's exit code.
  virtual int exec_interactive(const std::string& container,
                               const InteractiveExecRequest& request) = 0;

  // Logs and events.

  // Pass the container's output to `on_output` until it ends (or, with
  // options.follow, until the container stops or the callback returns false).
  virtual void logs(const std::string& container, const LogOptions& options,
                    const OutputCallback& on_output) = 0;
  // Subscribe to events from now on.
  virtual std::unique_ptr<EventStream> events(const EventFilter& filter) = 0;

  // Images.

  virtual bool image_exists(const std::string& reference) = 0;
  // Return nothing when the image does not exist.
  virtual std::optional<ImageInfo> inspect_image(const std::string& reference) = 0;
  virtual void pull_image(const std::string& reference, const ProgressCallback& on_progress) = 0;
};

} // namespace sind
