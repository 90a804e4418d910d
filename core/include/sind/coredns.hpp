#pragma once

// The CoreDNS stub zone that lets a Kubernetes cluster resolve a realm's
// names: a server block that forwards <realm>.sind to the realm's DNS server,
// alone or merged into the ConfigMap that CoreDNS reads its Corefile from.

#include <string>

#include <sind/export.hpp>

namespace sind {

// Render the Corefile server block for `zone` on port 53 that forwards every
// query to `dns_ip`, with the errors and cache (30 seconds) plugins.
SIND_API std::string render_stub_zone(const std::string& zone, const std::string& dns_ip);

// Return `corefile` without its server blocks for `zone` (with or without a
// port or trailing dot), then `block` appended after a blank line. A block
// that serves other zones besides `zone` is kept.
SIND_API std::string replace_server_block(const std::string& corefile, const std::string& zone,
                                          const std::string& block);

// Return the CoreDNS ConfigMap kube-system/coredns with the default Corefile
// that kubeadm writes for the domain cluster.local. kind creates its clusters
// with kubeadm, so this is what a kind cluster starts with.
SIND_API std::string default_coredns_configmap();

// Merge the stub zone `block` for `zone` into the ConfigMap YAML `configmap`
// under data.Corefile, with replace_server_block. Drop the metadata that the
// API server sets (resourceVersion, uid, creationTimestamp, managedFields),
// so that `kubectl apply -f -` accepts the result. Throws sind::UsageError
// naming `source` when the YAML is invalid or is not a ConfigMap with a
// Corefile.
SIND_API std::string merge_stub_zone(const std::string& configmap, const std::string& source,
                                     const std::string& zone, const std::string& block);

} // namespace sind
