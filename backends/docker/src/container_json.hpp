#pragma once

// Translation between sind's Runtime types and the Docker Engine API's JSON.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <sind/runtime.hpp>

namespace sind::docker {

// Return the "filters" query value that selects objects carrying every label
// of `labels` (key alone for an empty value), of `types` and with `actions`.
std::string make_filters(const Labels& labels, const std::vector<std::string>& types = {},
                         const std::vector<std::string>& actions = {});

// Return the body of POST /containers/create. Only the first network of the
// spec is in it; the caller attaches the others before starting.
nlohmann::json make_create_body(const ContainerSpec& spec);

// Return the EndpointSettings of an attachment, for create and connect.
nlohmann::json make_endpoint_config(const NetworkAttachment& attachment);

// Parse the responses of GET /containers/{id}/json, /networks/{id},
// /volumes entries, /images/{name}/json and /events.
ContainerInfo parse_container(const nlohmann::json& json);
NetworkInfo parse_network(const nlohmann::json& json);
VolumeInfo parse_volume(const nlohmann::json& json);
ImageInfo parse_image(const nlohmann::json& json);
Event parse_event(const nlohmann::json& json);

// Return the string at `key`, or an empty one when it is missing or null.
std::string string_at(const nlohmann::json& json, const char* key);

} // namespace sind::docker
