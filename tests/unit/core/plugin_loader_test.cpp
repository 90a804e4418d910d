#include <sind/error.hpp>
#include <sind/plugin_loader.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

const fs::path plugin_dir = SIND_TEST_PLUGIN_DIR;

// A fresh folder below the system's temporary folder, removed at the end.
class TempFolder
{
public:
  TempFolder()
  {
    std::string pattern = (fs::temp_directory_path() / "sind-loader-test.XXXXXX").string();
    m_path = ::mkdtemp(pattern.data());
  }
  ~TempFolder() { fs::remove_all(m_path); }

  const fs::path& path() const { return m_path; }

private:
  fs::path m_path;
};

std::string load_error(const fs::path& file)
{
  sind::NullLogger logger;
  sind::PluginLoader loader({}, logger);
  try {
    loader.load_file(file);
  } catch (const sind::PluginError& error) {
    return error.what();
  }
  return "";
}

} // namespace

TEST(PluginLoader, LoadsMatchingPlugin)
{
  sind::NullLogger logger;
  sind::PluginLoader loader({plugin_dir}, logger);

  const auto plugin = loader.load(sind::PluginKind::runtime, "fake");

  EXPECT_EQ(plugin.descriptor().api_version, sind::plugin_api_version);
  EXPECT_STREQ(plugin.descriptor().name, "fake");
  EXPECT_EQ(plugin.path(), plugin_dir / "sind-runtime-fake.so");
}

TEST(PluginLoader, ErrorsFromPluginCatchableByType)
{
  sind::NullLogger logger;
  sind::PluginLoader loader({plugin_dir}, logger);
  const auto plugin = loader.load(sind::PluginKind::runtime, "fake");

  // the fake plugin throws sind::PluginError from inside the library
  EXPECT_THROW(plugin.create_runtime({}), sind::PluginError);
}

TEST(PluginLoader, RejectsOtherApiVersion)
{
  const auto file = plugin_dir / "sind-runtime-future.so";

  const std::string message = load_error(file);

  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("plugin API 99"), std::string::npos) << message;
  EXPECT_NE(message.find("provides API " + std::to_string(sind::plugin_api_version)), std::string::npos)
    << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(PluginLoader, RejectsMissingFactorySymbol)
{
  const auto file = plugin_dir / "sind-runtime-nofactory.so";

  const std::string message = load_error(file);

  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("sind_plugin_create"), std::string::npos) << message;
}

TEST(PluginLoader, RejectsUnloadableFile)
{
  TempFolder folder;
  const auto file = folder.path() / "sind-runtime-garbage.so";
  std::ofstream(file) << "this is not a shared library\n";

  const std::string message = load_error(file);

  EXPECT_NE(message.find("cannot load plugin " + file.string()), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

TEST(PluginLoader, RejectsWorldWritableFile)
{
  TempFolder folder;
  const auto file = folder.path() / "sind-runtime-fake.so";
  fs::copy_file(plugin_dir / "sind-runtime-fake.so", file);
  fs::permissions(file, fs::perms::others_write, fs::perm_options::add);

  const std::string message = load_error(file);

  EXPECT_NE(message.find("writable by every user"), std::string::npos) << message;
}

TEST(PluginLoader, RejectsKindOtherThanFileName)
{
  sind::NullLogger logger;
  sind::PluginLoader loader({plugin_dir}, logger);

  try {
    loader.load(sind::PluginKind::runtime, "wrongkind");
    FAIL() << "a consumer plugin was loaded as a runtime";
  } catch (const sind::PluginError& error) {
    EXPECT_NE(std::string(error.what()).find("it is a consumer plugin"), std::string::npos)
      << error.what();
  }
}

TEST(PluginLoader, MissingPluginNamesSearchPath)
{
  sind::NullLogger logger;
  sind::PluginLoader loader({"/nonexistent/one", "/nonexistent/two"}, logger);

  try {
    loader.load(sind::PluginKind::runtime, "docker");
    FAIL() << "loaded a plugin from an empty search path";
  } catch (const sind::PluginError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("sind-runtime-docker.so"), std::string::npos) << message;
    EXPECT_NE(message.find("/nonexistent/one:/nonexistent/two"), std::string::npos) << message;
    EXPECT_NE(message.find("SIND_PLUGIN_PATH"), std::string::npos) << message;
  }
}

TEST(PluginLoader, EarlierFolderWins)
{
  TempFolder first;
  TempFolder second;
  fs::copy_file(plugin_dir / "sind-runtime-fake.so", first.path() / "sind-runtime-fake.so");
  fs::copy_file(plugin_dir / "sind-runtime-fake.so", second.path() / "sind-runtime-fake.so");
  std::ofstream(second.path() / "sind-runtime-other.so") << "";
  std::ofstream(second.path() / "libunrelated.so") << "";
  sind::NullLogger logger;
  sind::PluginLoader loader({first.path(), second.path()}, logger);

  const auto files = loader.find(sind::PluginKind::runtime);

  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].path, first.path() / "sind-runtime-fake.so");
  EXPECT_EQ(files[1].name, "other");
  EXPECT_TRUE(loader.find(sind::PluginKind::consumer).empty());
}

TEST(PluginSearchPath, EnvironmentThenInstallThenBuildTree)
{
  const auto folders = sind::plugin_search_path("/a:/b::", "/opt/sind/bin");

  ASSERT_EQ(folders.size(), 4u);
  EXPECT_EQ(folders[0], "/a");
  EXPECT_EQ(folders[1], "/b");
  EXPECT_EQ(folders[2].string().rfind("/opt/sind/lib", 0), 0u) << folders[2];
  EXPECT_EQ(folders[2].filename(), "plugins");
  EXPECT_EQ(folders[3].filename(), "plugins");
}
