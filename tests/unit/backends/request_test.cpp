#include <sind/engine/request.hpp>

#include <gtest/gtest.h>

#include <sind/error.hpp>

namespace sind::test {
namespace {

using engine::format_path;

TEST(FormatPath, EncodesEachArgument)
{
  EXPECT_EQ(format_path("/containers/{}/start", {"sind-dns"}), "/containers/sind-dns/start");
  EXPECT_EQ(format_path("/images/{}/json", {"registry:5000/sind-node:latest"}),
            "/images/registry%3A5000%2Fsind-node%3Alatest/json");
  EXPECT_EQ(format_path("/networks/{}/connect", {"a?b#c d"}), "/networks/a%3Fb%23c%20d/connect");
  EXPECT_EQ(format_path("/_ping", {}), "/_ping");
}

TEST(FormatPath, RejectsWrongArgumentCount)
{
  EXPECT_THROW(format_path("/containers/{}/start", {}), std::invalid_argument);
  EXPECT_THROW(format_path("/containers/json", {"extra"}), std::invalid_argument);
}

TEST(EncodeQuery, EncodesNamesAndValues)
{
  EXPECT_EQ(engine::encode_query({{"all", "true"}, {"filters", R"({"label":["a=b c"]})"}}),
            "all=true&filters=%7B%22label%22%3A%5B%22a%3Db%20c%22%5D%7D");
  EXPECT_EQ(engine::encode_query({{"path", "/etc/slurm"}}), "path=%2Fetc%2Fslurm");
}

TEST(ThrowEngineError, UsesStatusReasonWhenBodyIsEmpty)
{
  try {
    engine::throw_engine_error(502, "starting container x", "", "Bad Gateway");
  } catch (const EngineError& error) {
    EXPECT_EQ(error.status(), 502);
    EXPECT_EQ(error.engine_message(), "HTTP 502 Bad Gateway");
  }
}

TEST(ThrowEngineError, KeepsMultiLineMessageOnOneLine)
{
  try {
    engine::throw_engine_error(500, "starting container x", R"({"message": "first\nsecond"})", "");
  } catch (const EngineError& error) {
    EXPECT_EQ(error.engine_message(), "first second");
  }
}

TEST(Response, InvalidJsonBecomesEngineError)
{
  engine::Response response;
  response.status = 200;
  response.body = "not json";
  response.context = "listing containers";

  EXPECT_THROW(response.json(), EngineError);
}

} // namespace
} // namespace sind::test
